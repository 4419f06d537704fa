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
#                                         absent each of its cases is
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

# real_data runs SCRIPT twice when the exports are there: first as if
# they were absent (a dry run: `db` answers nothing, kpi_open keeps that
# stub, ::kpi_real names a folder that does not exist, ::kpi_real_ok is 0,
# and every do_* case is only counted), then for real. The dry run must get
# through without an error, and must count as many cases as the real run
# ran, or the block fails: so a clone without the exports skips exactly the
# cases CI runs. Without the exports only the dry run happens, and its
# count is the number skipped.
set ::kpi_dry_cases 0
set ::kpi_dry_stubs {}
proc kpi_dry_run {script} {
  set saved [list $::kpi_real $::kpi_real_ok]
  set ::kpi_real [file join $::kpi_root build no-real-data]
  set ::kpi_real_ok 0
  set ::kpi_skipping 1
  set ::kpi_dry_cases 0
  set ::kpi_dry_stubs {}
  rename db kpi_real_db
  proc db {args} { return {} }
  set rc [catch {uplevel 2 $script} err]
  foreach name [list db {*}$::kpi_dry_stubs] { catch {rename $name {}} }
  rename kpi_real_db db
  set ::kpi_skipping 0
  lassign $saved ::kpi_real ::kpi_real_ok
  if {$rc == 1} { return -code error "without the exports: $err" }
  return $::kpi_dry_cases
}
proc real_data {script} {
  set where [file tail [info script]]
  if {[catch {kpi_dry_run $script} n]} {
    kpi_fail "real_data block in $where" \
      "set-up that gets through without the exports" $n
    if {$::kpi_real_ok} { uplevel 1 $script }
    return
  }
  if {!$::kpi_real_ok} {
    dict incr ::kpi_tally skipped $n
    return
  }
  set t $::kpi_tally
  set before [expr {[dict get $t passed] + [dict get $t failed]}]
  uplevel 1 $script
  set t $::kpi_tally
  set ran [expr {[dict get $t passed] + [dict get $t failed] - $before}]
  if {$ran != $n} {
    kpi_fail "real_data block in $where" \
      "$ran cases counted as skipped without the exports" $n
  }
  return
}
proc kpi_skip {} {
  if {!$::kpi_skipping} { return 0 }
  incr ::kpi_dry_cases
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
  if {$::kpi_skipping} {
    # a dry run of a real_data block: every connection answers nothing
    if {$name ne "db"} { lappend ::kpi_dry_stubs $name }
    proc $name {args} { return {} }
    return
  }
  catch {$name close}
  sqlite3 $name $file
  $name enable_load_extension 1
  $name eval {SELECT load_extension($::kpi_lib, 'sqlite3_kpi_init')}
}

proc kpi_pass {} { dict incr ::kpi_tally passed }
set ::kpi_quiet 0
proc kpi_fail {name expected got} {
  dict incr ::kpi_tally failed
  lappend ::kpi_failures $name
  if {$::kpi_quiet} return
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
