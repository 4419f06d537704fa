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
# Read each table once first, so that the first timed case does not pay
# for the disk.
sqlite3 "$db" "SELECT sum(length(iso) + length(sq) + length(tw) + length(fr)) FROM t" >/dev/null
bench_header "timestamps over $n rows of text"
bench_run "baseline: sum(length(iso))  (reading the column)" $n 0 \
  sqlite3 "$db" "SELECT sum(length(iso)) FROM t"
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

# business_seconds over 1M intervals of up to 4 days (ISO text), then of
# up to 6 months, against the plain wall-clock difference on the same rows.
bdb=$BENCH_DIR/biz.db
if [ ! -f "$bdb" ]; then
  sqlite3 "$bdb" "CREATE TABLE c(a TEXT, b TEXT, b_long TEXT);
    WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM k WHERE i<$n),
    s(x, d, l) AS (SELECT 1735689600 + (i * 7919 * 41) % 31536000,
                          (i * 104729) % 345600, (i * 1299709) % 15552000 FROM k)
    INSERT INTO c SELECT strftime('%Y-%m-%dT%H:%M:%SZ', x, 'unixepoch'),
      strftime('%Y-%m-%dT%H:%M:%SZ', x + d, 'unixepoch'),
      strftime('%Y-%m-%dT%H:%M:%SZ', x + l, 'unixepoch') FROM s;"
fi
tor="'Mon-Fri 09:00-17:00 America/Toronto'"
par="'Mon-Fri 08:30-12:00,13:00-17:30; Sat 10:00-14:00 Europe/Paris; closed 2025-01-01,2025-04-21,2025-05-01,2025-05-08,2025-05-29,2025-06-09,2025-07-14,2025-08-15,2025-11-01,2025-11-11,2025-12-25'"
sqlite3 "$bdb" "SELECT sum(length(a) + length(b) + length(b_long)) FROM c" >/dev/null
bench_header "business_seconds over $n intervals"
bench_run "baseline: sum(unixepoch(b) - unixepoch(a))" $n 0 \
  sqlite3 "$bdb" "SELECT sum(unixepoch(b) - unixepoch(a)) FROM c"
bench_run "business_seconds(a, b, Toronto 9-17)" $n 0 \
  sqlite3 "$bdb" ".load ./kpi" "SELECT sum(business_seconds(a, b, $tor)) FROM c"
bench_run "business_seconds(a, b, Paris split + holidays)" $n 0 \
  sqlite3 "$bdb" ".load ./kpi" "SELECT sum(business_seconds(a, b, $par)) FROM c"
bench_run "baseline: intervals up to 6 months" $n 0 \
  sqlite3 "$bdb" "SELECT sum(unixepoch(b_long) - unixepoch(a)) FROM c"
bench_run "business_seconds, up to 6 months, Toronto" $n 0 \
  sqlite3 "$bdb" ".load ./kpi" "SELECT sum(business_seconds(a, b_long, $tor)) FROM c"
bench_run "business_seconds, up to 6 months, Paris" $n 0 \
  sqlite3 "$bdb" ".load ./kpi" "SELECT sum(business_seconds(a, b_long, $par)) FROM c"
