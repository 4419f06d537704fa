# tester.tcl: the test harness of kpi, in the manner of SQLite's own.
#
#   do_execsql_test NAME SQL EXPECTED     the result list must equal EXPECTED
#   do_catchsql_test NAME SQL {1 MSG}     {0 RESULT} or {1 ERROR-TEXT}
#   do_approx_test NAME SQL EXPECTED ?TOL?
#                                         numbers equal within TOL (relative,
#                                         1e-9 by default), other values exact
#   do_test NAME SCRIPT EXPECTED          the script's result must equal it
#   finish_test                           closes db; prints the tally when
#                                         the file runs on its own
#   real_data SCRIPT                      runs SCRIPT, whose cases read the
#                                         real exports; when that folder is
#                                         absent every case it reaches is
#                                         counted as skipped, not run
#   real_file NAME                        the path of one real export
#
# The real exports are found through one setting, KPI_REAL_DATA (default
# ../shared/data/real beside the repository). A user's clone has no such
# folder: its cases are then skipped and the tally says how many and why.
#
# Each file opens `db` with the extension loaded (KPI_LIB, default ./kpi).
# NULL reads as {} in results, as the Tcl interface returns it.

package require sqlite3

if {![info exists ::kpi_tally]} {
  set ::kpi_tally [dict create passed 0 failed 0 skipped 0]
  set ::kpi_failures {}
}
set ::kpi_lib [expr {[info exists ::env(KPI_LIB)] ? $::env(KPI_LIB) : "./kpi"}]
set ::kpi_root [file normalize [file join [file dirname [info script]] ..]]
set ::kpi_real [file normalize [expr {[info exists ::env(KPI_REAL_DATA)] \
    ? $::env(KPI_REAL_DATA) : [file join $::kpi_root .. shared data real]}]]
set ::kpi_real_ok [file isdirectory $::kpi_real]
set ::kpi_skipping 0

proc real_file {name} { file join $::kpi_real $name }

# While the real exports are absent, SCRIPT runs with every do_* case
# counted as skipped and `db` answering nothing, so its set-up code runs
# through without touching a file; an error it then raises only ends the
# skipped block.
proc real_data {script} {
  if {$::kpi_real_ok} { return [uplevel 1 $script] }
  set ::kpi_skipping 1
  rename db kpi_real_db
  proc db {args} { return {} }
  catch {uplevel 1 $script}
  rename db {}
  rename kpi_real_db db
  set ::kpi_skipping 0
  return
}
proc kpi_skip {} {
  if {!$::kpi_skipping} { return 0 }
  dict incr ::kpi_tally skipped
  return 1
}

# The runner's last line: "N passed, N failed, N skipped".
proc kpi_tally_line {} {
  set t $::kpi_tally
  set line "[dict get $t passed] passed, [dict get $t failed] failed,\
            [dict get $t skipped] skipped"
  if {[dict get $t skipped] > 0} {
    set line "skipped [dict get $t skipped] cases that read the real\
              exports: $::kpi_real not found (set KPI_REAL_DATA to a\
              folder of them)\n$line"
  }
  return $line
}

proc kpi_open {{name db} {file :memory:}} {
  catch {$name close}
  sqlite3 $name $file
  $name enable_load_extension 1
  $name eval {SELECT load_extension($::kpi_lib, 'sqlite3_kpi_init')}
}

proc kpi_pass {} { dict incr ::kpi_tally passed }
proc kpi_fail {name expected got} {
  dict incr ::kpi_tally failed
  lappend ::kpi_failures $name
  puts "! $name failed\n    expected: $expected\n    got:      $got"
}

proc kpi_same {a b} {
  if {[llength $a] != [llength $b]} { return 0 }
  foreach x $a y $b { if {$x ne $y} { return 0 } }
  return 1
}

proc do_execsql_test {name sql expected} {
  if {[kpi_skip]} return
  if {[catch {uplevel #0 [list db eval $sql]} got]} {
    kpi_fail $name $expected "error: $got"
  } elseif {[kpi_same $got $expected]} {
    kpi_pass
  } else {
    kpi_fail $name $expected $got
  }
}

proc do_catchsql_test {name sql expected} {
  if {[kpi_skip]} return
  set rc [catch {uplevel #0 [list db eval $sql]} got]
  set got [list $rc $got]
  if {[kpi_same [lindex $got 0] [lindex $expected 0]] &&
      [kpi_same [lindex $got 1] [lindex $expected 1]]} {
    kpi_pass
  } else {
    kpi_fail $name $expected $got
  }
}

proc kpi_close_enough {x y tol} {
  if {$x eq $y} { return 1 }
  if {![string is double -strict $x] || ![string is double -strict $y]} {
    return 0
  }
  set scale [expr {max(abs($x), abs($y), 1e-300)}]
  if {abs($x) < 1e-12 && abs($y) < 1e-12} { return 1 }
  return [expr {abs($x - $y) / $scale <= $tol}]
}

proc do_approx_test {name sql expected {tol 1e-9}} {
  if {[kpi_skip]} return
  if {[catch {uplevel #0 [list db eval $sql]} got]} {
    kpi_fail $name $expected "error: $got"
    return
  }
  if {[llength $got] != [llength $expected]} {
    kpi_fail $name $expected $got
    return
  }
  foreach x $got y $expected {
    if {![kpi_close_enough $x $y $tol]} {
      kpi_fail $name "$expected (tolerance $tol)" $got
      return
    }
  }
  kpi_pass
}

proc do_test {name script expected} {
  if {[kpi_skip]} return
  if {[catch {uplevel #0 $script} got]} {
    kpi_fail $name $expected "error: $got"
  } elseif {[kpi_same $got $expected]} {
    kpi_pass
  } else {
    kpi_fail $name $expected $got
  }
}

proc finish_test {} {
  catch {db close}
  if {![info exists ::kpi_all]} {
    puts [kpi_tally_line]
    exit [expr {[dict get $::kpi_tally failed] > 0}]
  }
}

kpi_open
