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
#
# Each file opens `db` with the extension loaded (KPI_LIB, default ./kpi).
# NULL reads as {} in results, as the Tcl interface returns it.

package require sqlite3

if {![info exists ::kpi_tally]} {
  set ::kpi_tally [dict create passed 0 failed 0]
  set ::kpi_failures {}
}
set ::kpi_lib [expr {[info exists ::env(KPI_LIB)] ? $::env(KPI_LIB) : "./kpi"}]
set ::kpi_root [file normalize [file join [file dirname [info script]] ..]]
set ::kpi_shared [expr {[info exists ::env(KPI_SHARED)] ? $::env(KPI_SHARED) \
                        : [file join $::kpi_root .. shared]}]
set ::kpi_real [file join $::kpi_shared data real]

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
  if {[catch {uplevel #0 [list db eval $sql]} got]} {
    kpi_fail $name $expected "error: $got"
  } elseif {[kpi_same $got $expected]} {
    kpi_pass
  } else {
    kpi_fail $name $expected $got
  }
}

proc do_catchsql_test {name sql expected} {
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
    puts "[dict get $::kpi_tally passed] passed,\
          [dict get $::kpi_tally failed] failed"
    exit [expr {[dict get $::kpi_tally failed] > 0}]
  }
}

kpi_open
