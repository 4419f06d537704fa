#!/bin/sh
# bench_stats.sh: uplift_ci and mean_uplift_ci against the plain SQL that
# gathers the same sufficient statistics (counts and sums per arm), on the
# same 10M-row table, plain and as a sliding window.
set -eu
cd "$(dirname "$0")/.."
. bench/lib.sh
db=$BENCH_DIR/stats.db
if [ ! -f "$db" ]; then
  sqlite3 "$db" "CREATE TABLE t(arm TEXT, y INTEGER, v REAL);
    WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM c WHERE i<10000000)
    INSERT INTO t SELECT CASE WHEN (i*7919) % 2 = 0 THEN 'control' ELSE 'treatment' END,
      ((i*104729) % 100) < 12, ((i*31) % 1000) / 10.0 FROM c;"
fi
n=10000000
bench_header "experiments over $n rows (text arms, 0/1 outcomes, REAL values)"
bench_run "baseline: four counts in one pass" $n 0 \
  sqlite3 "$db" "SELECT sum(arm = 'control'), sum(arm = 'control' AND y),
    sum(arm = 'treatment'), sum(arm = 'treatment' AND y) FROM t"
bench_run "uplift_ci(arm, y)" $n 0 \
  sqlite3 "$db" ".load ./kpi" "SELECT uplift_ci(arm, y) FROM t"
bench_run "uplift_ci(arm = 'treatment', y)" $n 0 \
  sqlite3 "$db" ".load ./kpi" "SELECT uplift_ci(arm = 'treatment', y) FROM t"
bench_run "baseline: n, sum(v), sum(v*v) per arm, one pass" $n 0 \
  sqlite3 "$db" "SELECT sum(arm = 'control'), sum(iif(arm = 'control', v, 0)),
    sum(iif(arm = 'control', v * v, 0)), sum(arm = 'treatment'),
    sum(iif(arm = 'treatment', v, 0)), sum(iif(arm = 'treatment', v * v, 0))
    FROM t"
bench_run "mean_uplift_ci(arm, v)" $n 0 \
  sqlite3 "$db" ".load ./kpi" "SELECT mean_uplift_ci(arm, v) FROM t"
m=1000000
bench_header "sliding 1000-row frame over $m rows"
bench_run "baseline: sum(arm='treatment'), sum(y) OVER" $m 0 \
  sqlite3 "$db" "SELECT max(a + b) FROM (SELECT sum(arm = 'treatment') OVER w AS a,
    sum(y) OVER w AS b FROM (SELECT rowid AS i, arm, y FROM t WHERE rowid <= $m)
    WINDOW w AS (ORDER BY i ROWS BETWEEN 999 PRECEDING AND CURRENT ROW))"
bench_run "uplift_ci() OVER (JSON out per row)" $m 0 \
  sqlite3 "$db" ".load ./kpi" "SELECT max(length(r)) FROM (SELECT uplift_ci(arm, y) OVER w AS r
    FROM (SELECT rowid AS i, arm, y FROM t WHERE rowid <= $m)
    WINDOW w AS (ORDER BY i ROWS BETWEEN 999 PRECEDING AND CURRENT ROW))"
bench_run "mean_uplift_ci() OVER (JSON out per row)" $m 0 \
  sqlite3 "$db" ".load ./kpi" "SELECT max(length(r)) FROM (SELECT mean_uplift_ci(arm, v) OVER w AS r
    FROM (SELECT rowid AS i, arm, v FROM t WHERE rowid <= $m)
    WINDOW w AS (ORDER BY i ROWS BETWEEN 999 PRECEDING AND CURRENT ROW))"
