#!/bin/sh
# bench_ratio.sh: ratio aggregates against SQLite's own sum()/sum() on the
# same 10M-row table, plain and as a sliding window.
set -eu
cd "$(dirname "$0")/.."
. bench/lib.sh
db=$BENCH_DIR/ratio.db
if [ ! -f "$db" ]; then
  sqlite3 "$db" "CREATE TABLE p(eng INTEGER, imp INTEGER, rate REAL);
    WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM c WHERE i<10000000)
    INSERT INTO p SELECT (i*7919) % 500, 1000 + (i*104729) % 9000, ((i*31) % 100) / 100.0 FROM c;"
fi
n=10000000
bench_header "ratios over $n rows (integers, reals)"
bench_run "baseline: sum(eng) * 1.0 / sum(imp)" $n 0 \
  sqlite3 "$db" "SELECT sum(eng) * 1.0 / sum(imp) FROM p"
bench_run "engagement_rate(eng, imp)" $n 0 \
  sqlite3 "$db" ".load ./kpi" "SELECT engagement_rate(eng, imp) FROM p"
bench_run "baseline: sum(rate) / count(*) (REAL)" $n 0 \
  sqlite3 "$db" "SELECT sum(rate) / count(*) FROM p"
bench_run "rate(rate, 1) (REAL, compensated)" $n 0 \
  sqlite3 "$db" ".load ./kpi" "SELECT rate(rate, 1) FROM p"
bench_run "baseline: share via avg(eng > 250)" $n 0 \
  sqlite3 "$db" "SELECT avg(eng > 250) FROM p"
bench_run "share(eng > 250)" $n 0 \
  sqlite3 "$db" ".load ./kpi" "SELECT share(eng > 250) FROM p"
m=1000000
bench_header "sliding 1000-row frame over $m rows"
bench_run "baseline: sum() OVER / sum() OVER" $m 0 \
  sqlite3 "$db" "SELECT max(r) FROM (SELECT sum(eng) OVER w * 1.0 / sum(imp) OVER w AS r
    FROM (SELECT rowid AS i, eng, imp FROM p WHERE rowid <= $m)
    WINDOW w AS (ORDER BY i ROWS BETWEEN 999 PRECEDING AND CURRENT ROW))"
bench_run "engagement_rate() OVER" $m 0 \
  sqlite3 "$db" ".load ./kpi" "SELECT max(r) FROM (SELECT engagement_rate(eng, imp) OVER w AS r
    FROM (SELECT rowid AS i, eng, imp FROM p WHERE rowid <= $m)
    WINDOW w AS (ORDER BY i ROWS BETWEEN 999 PRECEDING AND CURRENT ROW))"
