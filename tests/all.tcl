# all.tcl: runs every tests/*.test file and ends with "N passed, N failed, N skipped".
# Usage: tclsh tests/all.tcl ?PATTERN?   (PATTERN globs test file names)
# Test files run at global level, so this file's own state lives in the
# kpi_run array, which no test file uses.
set ::kpi_all 1
set kpi_run(dir) [file dirname [info script]]
set kpi_run(pattern) [expr {$argc > 0 ? [lindex $argv 0] : "*"}]
source [file join $kpi_run(dir) tester.tcl]
set kpi_run(files) [lsort [glob -directory $kpi_run(dir) $kpi_run(pattern).test]]
foreach kpi_run(file) $kpi_run(files) {
  set kpi_run(before) [dict get $::kpi_tally failed]
  set kpi_run(t0) [clock milliseconds]
  if {[catch {uplevel #0 [list source $kpi_run(file)]} kpi_run(err)]} {
    dict incr ::kpi_tally failed
    lappend ::kpi_failures [file tail $kpi_run(file)]
    puts "! [file tail $kpi_run(file)] stopped with an error: $kpi_run(err)"
  }
  kpi_open
  puts [format "%-24s %s (%d ms)" [file tail $kpi_run(file)] \
    [expr {[dict get $::kpi_tally failed] == $kpi_run(before) ? "ok" : "FAILED"}] \
    [expr {[clock milliseconds] - $kpi_run(t0)}]]
}
catch {db close}
if {[llength $::kpi_failures]} { puts "failures: $::kpi_failures" }
puts [kpi_tally_line]
exit [expr {[dict get $::kpi_tally failed] > 0}]
