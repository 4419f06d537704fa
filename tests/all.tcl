# all.tcl: runs every tests/*.test file and ends with "N passed, N failed".
# Usage: tclsh tests/all.tcl ?PATTERN?   (PATTERN globs test file names)
set ::kpi_all 1
set dir [file dirname [info script]]
set pattern [expr {$argc > 0 ? [lindex $argv 0] : "*"}]
source [file join $dir tester.tcl]
foreach f [lsort [glob -directory $dir $pattern.test]] {
  set before [dict get $::kpi_tally failed]
  set t0 [clock milliseconds]
  if {[catch {uplevel #0 [list source $f]} err]} {
    dict incr ::kpi_tally failed
    lappend ::kpi_failures [file tail $f]
    puts "! [file tail $f] stopped with an error: $err"
  }
  kpi_open
  set ms [expr {[clock milliseconds] - $t0}]
  puts [format "%-24s %s (%d ms)" [file tail $f] \
    [expr {[dict get $::kpi_tally failed] == $before ? "ok" : "FAILED"}] $ms]
}
catch {db close}
if {[llength $::kpi_failures]} { puts "failures: $::kpi_failures" }
puts "[dict get $::kpi_tally passed] passed, [dict get $::kpi_tally failed] failed"
exit [expr {[dict get $::kpi_tally failed] > 0}]
