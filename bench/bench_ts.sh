#!/bin/sh
# bench_ts.sh: kpi_ts against SQLite's own unixepoch() on the same 1M-row
# column of ISO 8601 text, then the other forms kpi_ts reads.
set -eu
cd "$(dirname "$0")/.."
. bench/lib.sh
db=$BENCH_DIR/ts.db
n=1000000
if [ ! -f "$db" ]; then
  # Instants spread over 2015..2025 at every second of the day, written as
  # ISO text with a zone, SQLite datetime text, Twitter API text and a
  # French day-first form.
  sqlite3 "$db" "CREATE TABLE t(iso TEXT, sq TEXT, tw TEXT, fr TEXT);
    WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM c WHERE i<$n),
    s(x) AS (SELECT 1420070400 + (i * 7919 * 41) % 315360000 FROM c)
    INSERT INTO t SELECT strftime('%Y-%m-%dT%H:%M:%SZ', x, 'unixepoch'),
      datetime(x, 'unixepoch'),
      strftime('%w %m %d %H:%M:%S +0000 %Y', x, 'unixepoch'),
      strftime('%d/%m/%Y %H:%M', x, 'unixepoch') FROM s;
    UPDATE t SET tw = substr('SunMonTueWedThuFriSat', 3 * substr(tw, 1, 1) + 1, 3)
      || ' ' || substr('JanFebMarAprMayJunJulAugSepOctNovDec',
                       3 * (substr(tw, 3, 2) - 1) + 1, 3) || substr(tw, 5);"
fi
bench_header "timestamps over $n rows of text"
bench_run "baseline: sum(unixepoch(iso))" $n 0 \
  sqlite3 "$db" "SELECT sum(unixepoch(iso)) FROM t"
bench_run "sum(kpi_ts(iso))" $n 0 \
  sqlite3 "$db" ".load ./kpi" "SELECT sum(kpi_ts(iso)) FROM t"
bench_run "baseline: sum(unixepoch(sq))  (datetime text)" $n 0 \
  sqlite3 "$db" "SELECT sum(unixepoch(sq)) FROM t"
bench_run "sum(kpi_ts(sq))" $n 0 \
  sqlite3 "$db" ".load ./kpi" "SELECT sum(kpi_ts(sq)) FROM t"
bench_run "sum(kpi_ts(tw))  (Twitter API form)" $n 0 \
  sqlite3 "$db" ".load ./kpi" "SELECT sum(kpi_ts(tw)) FROM t"
bench_run "sum(kpi_ts(fr, '%d/%m/%Y %H:%M'))" $n 0 \
  sqlite3 "$db" ".load ./kpi" "SELECT sum(kpi_ts(fr, '%d/%m/%Y %H:%M')) FROM t"
bench_run "baseline: sum(length(iso))  (reading the column)" $n 0 \
  sqlite3 "$db" "SELECT sum(length(iso)) FROM t"
