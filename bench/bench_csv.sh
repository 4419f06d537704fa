#!/bin/sh
# bench_csv.sh: kpi_csv scanning a generated 1M-row (~200 MB) support
# export (quoted messages with commas, doubled quotes and newlines), beside
# `wc -l`, the sqlite3 shell's .import + the same queries, and DuckDB's
# read_csv with 2 threads when @duckdb/node-api can be installed from npm
# into build/duckdb (the DuckDB rows are skipped with a note otherwise).
# The data is made by bench/gen_support_csv.py (deterministic) once.
set -eu
cd "$(dirname "$0")/.."
. bench/lib.sh
rows=1000000
csv=build/support_1m.csv
if [ ! -f "$csv" ]; then
  echo "bench_csv: generating $csv (about 20 s)"
  /usr/bin/python3 bench/gen_support_csv.py $rows "$csv"
fi
bytes=$(wc -c <"$csv")
cat "$csv" >/dev/null # every row reads from the page cache, the first too
create="CREATE VIRTUAL TABLE temp.t USING kpi_csv(filename='$csv')"
q1="SELECT count(*) FROM t"
q2="SELECT sum(length(message)) FROM t"
q3="SELECT sum(first_response_min), avg(resolution_min) FROM t"

bench_header "CSV scan: $rows rows, $((bytes / 1048576)) MB ($csv)"
bench_run "baseline: wc -l" $rows "$bytes" wc -l "$csv"
bench_run "kpi_csv: count(*)" $rows "$bytes" \
  sqlite3 :memory: ".load ./kpi" "$create" "$q1"
bench_run "kpi_csv: sum(length(message))" $rows "$bytes" \
  sqlite3 :memory: ".load ./kpi" "$create" "$q2"
bench_run "kpi_csv: sum(a), avg(b) (two columns)" $rows "$bytes" \
  sqlite3 :memory: ".load ./kpi" "$create" "$q3"
bench_run "kpi_csv: GROUP BY channel, avg(a)" $rows "$bytes" \
  sqlite3 :memory: ".load ./kpi" "$create" \
  "SELECT channel, avg(first_response_min) FROM t GROUP BY channel"

# Memory does not grow with the input: four copies through a glob.
mkdir -p "$BENCH_DIR/csvglob"
for i in 1 2 3 4; do
  ln -sf "$(pwd)/$csv" "$BENCH_DIR/csvglob/part$i.csv"
done
bench_run "kpi_csv: count(*) over 4 files (glob)" $((rows * 4)) \
  $((bytes * 4)) sqlite3 :memory: ".load ./kpi" \
  "CREATE VIRTUAL TABLE temp.g USING kpi_csv(filename='$BENCH_DIR/csvglob/part*.csv')" \
  "SELECT count(*) FROM g"
if [ ! -f "$csv.gz" ]; then gzip -1 -k -c "$csv" >"$csv.gz"; fi
bench_run "kpi_csv: count(*) on the .gz" $rows "$bytes" \
  sqlite3 :memory: ".load ./kpi" \
  "CREATE VIRTUAL TABLE temp.z USING kpi_csv(filename='$csv.gz')" \
  "SELECT count(*) FROM z"

# KPI_BASE_REV=<commit>: the same scans with kpi built from that commit,
# in this run, and the ratio of CPU seconds (best of three each), to see
# what a change costs (e.g. SPEC 6.1's rules: KPI_BASE_REV=cd51e6a).
if [ -n "${KPI_BASE_REV:-}" ]; then
  base="$BENCH_DIR/base"
  rm -rf "$base" && mkdir -p "$base"
  git archive "$KPI_BASE_REV" ext VERSION | tar -x -C "$base"
  (cd "$base" && ${CC:-cc} -O2 -std=c11 -D_GNU_SOURCE -fPIC \
    -DKPI_VERSION='"base"' -shared -o kpi.so ext/*.c -lz -lm)
  best() { # best CPU seconds of three runs of: lib query
    b=""
    for k in 1 2 3; do
      /usr/bin/time -f '%U %S' -o "$BENCH_DIR/t.$$" sqlite3 :memory: \
        ".load $1" "$create" "$2" >/dev/null
      c=$(awk '{print $1 + $2}' "$BENCH_DIR/t.$$")
      b=$(echo "$b $c" | awk '{m=$NF; for(i=1;i<NF;i++) if($i<m) m=$i; print m}')
    done
    rm -f "$BENCH_DIR/t.$$"
    echo "$b"
  }
  qall="SELECT count(*) FROM t WHERE (ticket_id || created_at || channel ||
    priority || status || agent || first_response_min || resolution_min ||
    coalesce(csat, 0) || message) IS NOT NULL"
  for q in "$q1" "$q3" "$qall"; do
    old=$(best "$base/kpi" "$q")
    new=$(best ./kpi "$q")
    printf '%-40.40s base %6.2f s  now %6.2f s  ratio %.3f\n' "$q" "$old" "$new" \
      "$(echo "$new $old" | awk '{print $1 / $2}')"
  done
fi

bench_run "sqlite3 .import + the three queries" $rows "$bytes" \
  sqlite3 :memory: ".mode csv" ".import $csv t" "$q1" "$q2" "$q3"

duck=build/duckdb
if [ ! -d "$duck/node_modules/@duckdb/node-api" ] && command -v npm >/dev/null; then
  mkdir -p "$duck"
  (cd "$duck" && timeout 180 npm install --no-audit --no-fund \
    @duckdb/node-api >npm.log 2>&1) || true
fi
if [ -d "$duck/node_modules/@duckdb/node-api" ] && command -v node >/dev/null; then
  cat >"$duck/q.mjs" <<'JS'
import { DuckDBInstance } from '@duckdb/node-api';
const inst = await DuckDBInstance.create(':memory:', { threads: '2' });
const con = await inst.connect();
const r = await con.runAndReadAll(process.argv[2]);
console.log(JSON.stringify(r.getRows(), (k, v) => typeof v === 'bigint' ? v.toString() : v));
JS
  rc="read_csv('$csv')"
  bench_run "DuckDB read_csv (2 threads): count(*)" $rows "$bytes" \
    node "$duck/q.mjs" "SELECT count(*) FROM $rc"
  bench_run "DuckDB read_csv: sum(length(message))" $rows "$bytes" \
    node "$duck/q.mjs" "SELECT sum(length(message)) FROM $rc"
  bench_run "DuckDB read_csv: sum(a), avg(b)" $rows "$bytes" \
    node "$duck/q.mjs" \
    "SELECT sum(first_response_min), avg(resolution_min) FROM $rc"
  bench_run "DuckDB: node startup alone" 0 0 node "$duck/q.mjs" "SELECT 1"
else
  echo "(DuckDB rows skipped: @duckdb/node-api is not installable here)"
fi
