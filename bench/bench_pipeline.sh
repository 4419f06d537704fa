#!/bin/sh
# bench_pipeline.sh: the main job, export to dashboard, beside DuckDB and
# beside the shell's own `.import` (issue 14). Whole processes, each job
# run BENCH_RUNS times (default 3) in alternation, medians of wall seconds
# and the peak RSS of the median run; ratios are of medians from this run.
#
#   twcs 1M      TWCS export -> conversations -> weekly kpi_* tables
#   zendesk 500k Zendesk tickets export -> the same
#   twcs 3M      the 1M job at three times the size (linearity)
#   grouped 10M  frt_median, frt_percentile 90 and sla_rate, 20 groups,
#                over 10M rows already in the canonical table (its indexes
#                included); the table is written once, not timed
#
# kpi:    sql/schema.sql, sql/import/*.sql, sql/views.sql and
#         sql/materialize.sql as the README runs them, with
#         PRAGMA cache_size = -16000 (docs/performance.md says why).
# before: the same jobs with the SQL of commit $BENCH_BEFORE (the layout
#         before issue 14: ISO text, no weekly index), same kpi.so, when
#         git has that commit. BENCH_BEFORE= skips it.
# DuckDB: bench/duckdb_jobs.mjs, the same SQL in DuckDB with SET threads
#         1 and 2, through the npm package @duckdb/node-api installed into
#         build/bench-npm (needs node and npm; skipped without them).
# .import: sqlite3's .import of the same file into an untyped table.
#
# The machine may be shared: wall times move with its load, which is why
# the runs alternate and the medians are compared within one run. Figures
# are printed, never asserted.
set -eu
cd "$(dirname "$0")/.."
. bench/lib.sh
RUNS=${BENCH_RUNS:-3}
BEFORE=${BENCH_BEFORE-a93c25c}
GROUPED_ROWS=${BENCH_GROUPED_ROWS:-10000000}
B=$BENCH_DIR
accounts_x="INSERT INTO accounts SELECT 'x', 'brand' || value,
  CASE WHEN value % 2 THEN 'en' ELSE 'fr' END FROM generate_series(0, 19)"
accounts_zd="INSERT INTO accounts VALUES ('zendesk', 'Support', 'en'),
  ('zendesk', 'Endorsements', 'en'), ('zendesk', 'Claims', 'fr')"

# kpi_job SQLDIR TABLE IMPORT ACCOUNTS FILE: the README's pipeline
kpi_job() {
  rm -f "$B/pipe.db"
  sqlite3 -bail "$B/pipe.db" "PRAGMA cache_size = -16000" ".load ./kpi" \
    ".read $1/schema.sql" "$4" \
    "CREATE VIRTUAL TABLE temp.$2 USING kpi_csv(filename='$5')" \
    ".read $1/import/$3.sql" ".read $1/views.sql" ".read $1/materialize.sql"
}
import_job() { sqlite3 :memory: ".mode csv" ".import $1 t" "SELECT count(*) FROM t"; }
duck_job() { rm -f "$B/pipe.duckdb" "$B/pipe.duckdb.wal"; node bench/duckdb_jobs.mjs "$@"; }
# /usr/bin/time runs programs: a job is this script again, "job NAME ARGS"
if [ "${1:-}" = job ]; then
  shift
  "$@"
  exit
fi

me=$PWD/bench/bench_pipeline.sh
tw1=$B/sql_layer_twcs.csv
tw3=$B/pipeline_twcs_3m.csv
zd=$B/sql_layer_zendesk.csv
bench_gen twcs 1000000 "$tw1"
bench_gen zendesk 500000 "$zd"
bench_gen twcs 3000000 "$tw3"

# DuckDB from npm, once
npmdir=$PWD/build/bench-npm
api=$npmdir/node_modules/@duckdb/node-api
duck=0
if [ ! -d "$api" ] && command -v npm >/dev/null 2>&1; then
  npm install --silent --prefix "$npmdir" @duckdb/node-api >/dev/null 2>&1 || true
fi
if [ -d "$api" ] && command -v node >/dev/null 2>&1; then duck=1; fi
[ $duck = 1 ] || echo "bench: no node/npm, DuckDB columns left empty" >&2
export DUCKDB_NODE_API="$api"

# the SQL before issue 14
old=""
if [ -n "$BEFORE" ] && git cat-file -e "$BEFORE^{commit}" 2>/dev/null; then
  old=$B/before
  rm -rf "$old" && mkdir -p "$old"
  git archive "$BEFORE" sql | tar -x -C "$old"
fi

# one CMD... run: appends "secs kb" to $B/m.LABEL
measure() {
  label=$1
  shift
  if ! /usr/bin/time -f '%e %M' -o "$B/time.$$" "$@" >"$B/out.$$" 2>&1; then
    echo "bench: '$label' failed:" >&2
    cat "$B/out.$$" >&2
    exit 1
  fi
  cat "$B/time.$$" >>"$B/m.$label"
  rm -f "$B/time.$$" "$B/out.$$"
}
# median LABEL: "secs kb" of the median run
median() { sort -n "$B/m.$1" | awk '{ a[NR] = $0 } END { print a[int((NR + 1) / 2)] }'; }

rm -f "$B"/m.*
job_pipeline() {
  name=$1 file=$2 table=$3 import=$4 acc=$5 djob=$6
  i=0
  while [ $i -lt "$RUNS" ]; do
    measure "$name.kpi" sh "$me" job kpi_job sql "$table" "$import" "$acc" "$file"
    [ -z "$old" ] || [ "$name" = twcs3m ] ||
      measure "$name.before" sh "$me" job kpi_job "$old/sql" "$table" "$import" "$acc" "$file"
    if [ $duck = 1 ]; then
      measure "$name.d1" sh "$me" job duck_job "$djob" 1 "$B/pipe.duckdb" "$file"
      measure "$name.d2" sh "$me" job duck_job "$djob" 2 "$B/pipe.duckdb" "$file"
    fi
    measure "$name.import" sh "$me" job import_job "$file"
    i=$((i + 1))
  done
}
job_pipeline twcs1m "$tw1" twcs twcs "$accounts_x" twcs
job_pipeline zendesk "$zd" zendesk_tickets zendesk_tickets "$accounts_zd" zendesk
job_pipeline twcs3m "$tw3" twcs twcs "$accounts_x" twcs

# grouped: the same rows in kpi's canonical table and in DuckDB's, once:
# 10 weeks from Monday 2025-01-06 (6048000 s) in order, two languages, so
# 20 groups; 30% unanswered, replies 30 s to 5.6 h later
gdb=$B/grouped_$GROUPED_ROWS.db
gsum=$(cat sql/schema.sql | cksum | cut -d' ' -f1)
if [ ! -f "$gdb" ] || [ "$(cat "$gdb.schema" 2>/dev/null)" != "$gsum" ]; then
  rm -f "$gdb" "$gdb.old"
  sqlite3 -bail "$gdb" "PRAGMA cache_size = -16000" ".read sql/schema.sql" \
    "INSERT INTO conversations (source, conversation_id, channel, language,
       received_s, first_response_s)
     SELECT 'bench', printf('%010d', value), 'x',
            CASE WHEN value % 2 = 0 THEN 'en' ELSE 'fr' END,
            1736121600 + value * 6048000 / $GROUPED_ROWS,
            CASE WHEN value % 10 >= 3 THEN 1736121600
              + value * 6048000 / $GROUPED_ROWS + 30 + (value * 104729) % 20000
            END
     FROM generate_series(0, $GROUPED_ROWS - 1)"
  echo "$gsum" >"$gdb.schema"
fi
# before: the same instants as ISO text, no weekly index
if [ -n "$old" ] && [ ! -f "$gdb.old" ]; then
  rm -f "$gdb.old.part"
  sqlite3 -bail "$gdb.old.part" "ATTACH '$gdb' AS n" \
    "CREATE TABLE conversations AS SELECT channel, language,
       strftime('%Y-%m-%dT%H:%M:%SZ', received_s, 'unixepoch') AS received_at,
       strftime('%Y-%m-%dT%H:%M:%SZ', first_response_s, 'unixepoch')
         AS first_response_at
     FROM n.conversations"
  mv "$gdb.old.part" "$gdb.old"  # only a finished copy is reused
fi
if [ $duck = 1 ] && [ ! -f "$B/grouped_$GROUPED_ROWS.duckdb" ]; then
  node bench/duckdb_jobs.mjs grouped_setup 2 "$B/grouped_$GROUPED_ROWS.duckdb" "$GROUPED_ROWS"
fi
g_new="SELECT count(*) FROM (SELECT week_s, channel, language,
  frt_median(received_s, first_response_s),
  frt_percentile(received_s, first_response_s, 90),
  sla_rate(received_s, first_response_s, 3600)
  FROM conversations GROUP BY week_s, channel, language)"
g_old="SELECT count(*) FROM (SELECT date(received_at, 'weekday 0', '-6 days'),
  channel, language, frt_median(received_at, first_response_at),
  frt_percentile(received_at, first_response_at, 90),
  sla_rate(received_at, first_response_at, 3600)
  FROM conversations GROUP BY 1, 2, 3)"
i=0
while [ $i -lt "$RUNS" ]; do
  measure grouped.kpi sqlite3 "$gdb" ".load ./kpi" "$g_new"
  [ -z "$old" ] || measure grouped.before sqlite3 "$gdb.old" ".load ./kpi" "$g_old"
  if [ $duck = 1 ]; then
    measure grouped.d1 node bench/duckdb_jobs.mjs grouped 1 "$B/grouped_$GROUPED_ROWS.duckdb"
    measure grouped.d2 node bench/duckdb_jobs.mjs grouped 2 "$B/grouped_$GROUPED_ROWS.duckdb"
  fi
  i=$((i + 1))
done

# the table: seconds (peak MB), and the ratios the issue asks for
cell() {
  [ -f "$B/m.$1" ] || { printf '%-15s' "-"; return; }
  median "$1" | awk '{ printf "%5.2f (%4.0f MB)  ", $1, $2 / 1024 }'
}
sec() { [ -f "$B/m.$1" ] && median "$1" | cut -d' ' -f1 || echo 0; }
ratio() { awk -v a="$(sec "$1")" -v b="$(sec "$2")" \
  'BEGIN { if (a > 0 && b > 0) printf "%5.2fx", a / b; else printf "    -" }'; }
printf '\n== export to dashboard (medians of %s alternating runs, seconds and peak RSS)\n' "$RUNS"
printf '%-12s %-17s %-17s %-17s %-17s %-17s %s\n' job kpi before \
  "DuckDB 1 thread" "DuckDB 2 threads" ".import" \
  "kpi/before kpi/d1 kpi/d2 kpi/.import"
for j in twcs1m zendesk twcs3m grouped; do
  printf '%-12s ' "$j"
  for k in kpi before d1 d2 import; do cell "$j.$k"; done
  printf '%s  %s  %s  %s\n' "$(ratio "$j.kpi" "$j.before")" \
    "$(ratio "$j.kpi" "$j.d1")" "$(ratio "$j.kpi" "$j.d2")" \
    "$(ratio "$j.kpi" "$j.import")"
done
printf 'twcs 3M / 1M: kpi %s, DuckDB 1 thread %s\n' \
  "$(ratio twcs3m.kpi twcs1m.kpi)" "$(ratio twcs3m.d1 twcs1m.d1)"
rm -f "$B/pipe.db" "$B/pipe.duckdb" "$B/pipe.duckdb.wal"
