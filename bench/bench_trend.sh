#!/bin/sh
# bench_trend.sh: zscore, spike_score and regr_slope as sliding windows
# over 1M rows, frames of 8 and 1000 rows, against SQLite's own avg() and
# sum() window functions over the same frames in the same run. Prints CPU
# seconds, the ratio to the avg() baseline of the same frame, and peak RSS.
#
# zscore and regr_slope are O(1) per row (double-double running sums);
# spike_score is O(log^2 k) per row for a frame of k rows (an
# order-statistic tree), O(k) only where the MAD is 0.
set -eu
cd "$(dirname "$0")/.."
. bench/lib.sh
db=$BENCH_DIR/trend.db
n=1000000
if [ ! -f "$db" ]; then
  sqlite3 "$db" "CREATE TABLE t(i INTEGER PRIMARY KEY, x REAL, y REAL);
    WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM c WHERE i<$n)
    INSERT INTO t SELECT i, ((i*7919) % 1000) / 10.0 + i * 0.001,
      ((i*104729) % 997) / 7.0 FROM c;"
fi
# ratio_run LABEL SQL: bench_run, then the CPU ratio to $base (0: this is
# the baseline).
ratio_run() {
  line=$(bench_run "$1" $n 0 sqlite3 "$db" ".load ./kpi" "$2")
  cpu=$(printf '%s\n' "$line" | awk '{print $(NF-3)}')
  if [ "$base" = 0 ]; then base=$cpu; fi
  printf '%s %7s\n' "$line" "$(awk -v c="$cpu" -v b="$base" \
    'BEGIN { printf "x%.2f", (b > 0 ? c / b : 0) }')"
}
for k in 8 1000; do
  w="ORDER BY i ROWS BETWEEN $((k - 1)) PRECEDING AND CURRENT ROW"
  bench_header "sliding $k-row frame over $n rows (last column: CPU / avg() OVER)"
  base=0
  ratio_run "baseline: avg(x) OVER" "SELECT max(v) FROM (SELECT avg(x) OVER ($w) AS v FROM t)"
  ratio_run "baseline: sum(x), sum(x*x) OVER" \
    "SELECT max(a + b) FROM (SELECT sum(x) OVER w AS a, sum(x * x) OVER w AS b
     FROM t WINDOW w AS ($w))"
  ratio_run "zscore(x) OVER" "SELECT max(v) FROM (SELECT zscore(x) OVER ($w) AS v FROM t)"
  ratio_run "var_samp(x) OVER" "SELECT max(v) FROM (SELECT var_samp(x) OVER ($w) AS v FROM t)"
  ratio_run "regr_slope(y, x) OVER" \
    "SELECT max(v) FROM (SELECT regr_slope(y, x) OVER ($w) AS v FROM t)"
  ratio_run "spike_score(x) OVER" \
    "SELECT max(v) FROM (SELECT spike_score(x) OVER ($w) AS v FROM t)"
  ratio_run "trend(y, i) OVER (JSON out per row)" \
    "SELECT max(length(v)) FROM (SELECT trend(y, i) OVER ($w) AS v FROM t)"
done
