#!/bin/sh
# bench_quantile.sh: frt_median against SQLite's own
# sum(unixepoch(b) - unixepoch(a)) on the same 1M and 10M rows of ISO text,
# then the sliding median with 1k, 10k and 100k-row frames over 1M rows,
# next to SQLite's own sum() OVER the same frames (what the window machinery
# alone costs) and a naive recount of each frame on a sample.
set -eu
cd "$(dirname "$0")/.."
. bench/lib.sh
n=10000000
m=1000000
db=$BENCH_DIR/quantile.db
if [ ! -f "$db" ] ||
   [ "$(sqlite3 "$db" 'SELECT max(id) FROM conv' 2>/dev/null)" != "$n" ]; then
  sh bench/gen_quantile.sh $n "$db"
fi

for rows in $m $n; do
  bench_header "response times over $rows rows (ISO 8601 text, 1 in 17 unanswered)"
  bench_run "baseline: sum(unixepoch(b) - unixepoch(a))" $rows 0 \
    sqlite3 "$db" "SELECT sum(unixepoch(first_response_at)
      - unixepoch(received_at)) FROM conv WHERE id <= $rows"
  bench_run "frt_median(a, b)" $rows 0 \
    sqlite3 "$db" ".load ./kpi" "SELECT frt_median(received_at,
      first_response_at) FROM conv WHERE id <= $rows"
  bench_run "frt_percentile(a, b, 90)" $rows 0 \
    sqlite3 "$db" ".load ./kpi" "SELECT frt_percentile(received_at,
      first_response_at, 90) FROM conv WHERE id <= $rows"
  bench_run "frt_mean(a, b)" $rows 0 \
    sqlite3 "$db" ".load ./kpi" "SELECT frt_mean(received_at,
      first_response_at) FROM conv WHERE id <= $rows"
  bench_run "sla_rate(a, b, 3600)" $rows 0 \
    sqlite3 "$db" ".load ./kpi" "SELECT sla_rate(received_at,
      first_response_at, 3600) FROM conv WHERE id <= $rows"
  bench_run "median(secs)  (REAL column)" $rows 0 \
    sqlite3 "$db" ".load ./kpi" "SELECT median(secs) FROM conv
      WHERE id <= $rows"
done

# slide AGG K ROWS: the SQL of AGG over ROWS BETWEEN K-1 PRECEDING AND
# CURRENT ROW on the first ROWS rows, summed so that nothing is printed.
slide() {
  echo "SELECT sum(v) FROM (SELECT $1 OVER (ORDER BY id
    ROWS BETWEEN $(($2 - 1)) PRECEDING AND CURRENT ROW) AS v
    FROM conv WHERE id <= $3)"
}
bench_header "sliding median over $m rows"
for k in 1000 10000 100000; do
  bench_run "baseline: sum(secs) OVER, ${k}-row frame" $m 0 \
    sqlite3 "$db" "$(slide "sum(secs)" $k $m)"
  bench_run "median(secs) OVER, ${k}-row frame" $m 0 \
    sqlite3 "$db" ".load ./kpi" "$(slide "median(secs)" $k $m)"
done
bench_run "frt_median(a, b) OVER, 10000-row frame" $m 0 \
  sqlite3 "$db" ".load ./kpi" \
  "$(slide "frt_median(received_at, first_response_at)" 10000 $m)"

# The naive way: recount each row's frame from scratch, O(k) per row (a
# correlated subquery; median() as a plain aggregate selects in O(k)). Too
# slow for 1M rows, so on a sample of rows deep in the table (every frame
# full): compare its rows/s with the sliding runs above.
bench_header "naive recount of each frame, on a sample of rows"
for ks in "1000 20000" "10000 2000" "100000 200"; do
  set -- $ks
  bench_run "recount: median() of the last $1 rows, $2 rows" $2 0 \
    sqlite3 "$db" ".load ./kpi" "SELECT sum((SELECT median(secs) FROM conv c2
      WHERE c2.id BETWEEN c.id - $(($1 - 1)) AND c.id)) FROM conv c
      WHERE id BETWEEN 200001 AND $((200000 + $2))"
done
