#!/bin/bash
# tests/cluster/run.sh: kpi in a three-node dqlite cluster, with a failover.
# Run from the repository root after `make cluster` (`make test-cluster`
# does both). Prints "ok NAME" or "FAILED NAME" per check and ends with
# "N passed, N failed, N skipped"; exits 1 when a check failed. A check
# that needs python3 or the dqlite shell is skipped without them.
#
# What it does (docs/cluster.md explains the pieces):
#   1. chooses three free loopback ports (tclsh binds port 0 and reads the
#      port the kernel gave), starts three build/kpinode processes on
#      127.0.0.1 with data folders in a temporary folder, waits for each
#      "ready" line and for node 1's leadership, adds nodes 2 and 3 as
#      voters (build/kpicluster add) and waits for three voters;
#   2. imports the sample exports through the cluster: sql/schema.sql,
#      then examples/load_samples.sql, made one script by cluster/inline.sh
#      (.read lines inlined, absolute paths), on one connection (kpi_csv
#      tables are temp, so per connection); the leader's kpi_csv reads the
#      files; kpinode's usage errors and inline.sh's refusals are checked
#      in step 6;
#   3. runs the weekly KPI queries of tests/cluster/queries.sql (ctr,
#      engagement_rate, frt_median, sla_rate, response_rate, csat, nps,
#      a sliding frt_median OVER) through the cluster and in the sqlite3
#      shell with kpi loaded over the same exports, and compares the
#      outputs line for line; the Zendesk row count is checked against
#      Python's csv module, and frt_median and ctr against a hand
#      calculation;
#   4. streams 1000 single-row INSERTs and kill -9's the leader once 200
#      are acknowledged; then checks a new leader, every acknowledged row
#      present, and the same KPI answers from the survivors;
#   5. restarts the killed node on its data folder, waits for three
#      voters, moves the leadership to it (so the queries read its copy)
#      and checks the rows and KPI answers again;
#   6. checks that failures are reported: a node without kpi exits 3 with a
#      message, a runtime error in a query reaches the client with kpi's
#      text, and the pragmas that abort a dqlite 1.11 node are refused
#      while every node stays up;
#   7. stops the nodes with SIGTERM, followers first, and checks that each
#      exits 0 with "kpinode: stopped".
# Every wait polls with a deadline; every process started here is stopped
# by its PID at exit (trap EXIT). KEEP_T=1 keeps the temporary folder
# (logs, outputs) for a post-mortem.
set -u
cd "$(dirname "$0")/../.." || exit 1
ROOT=$(pwd)
NODE=$ROOT/build/kpinode
CLI=$ROOT/build/kpicluster
QUERIES=$ROOT/tests/cluster/queries.sql

passed=0
failed=0
skipped=0
skip() {
  echo "skipped $1"
  skipped=$((skipped + 1))
}
ok() { echo "ok $1"; passed=$((passed + 1)); }
bad() {
  echo "FAILED $1"
  failed=$((failed + 1))
  [ $# -gt 1 ] && printf '  %s\n' "$2"
}
# check NAME CMD...: the command's success is the check's.
check() {
  local name=$1
  shift
  if out=$("$@" 2>&1); then ok "$name"; else bad "$name" "$out"; fi
}
finish() {
  echo "$passed passed, $failed failed, $skipped skipped"
  [ "$failed" -eq 0 ]
  exit $?
}

for f in "$NODE" "$CLI" "$ROOT/kpi.so"; do
  [ -x "$f" ] || [ -f "$f" ] || {
    bad "built: $f" "run make cluster first"
    finish
  }
done
command -v sqlite3 >/dev/null || {
  bad "sqlite3 shell" "not found"
  finish
}

T=$(mktemp -d "${TMPDIR:-/tmp}/kpi-cluster.XXXXXX")
declare -A PID
STREAM_PID=
cleanup() {
  local p
  for p in "${PID[@]}" $STREAM_PID; do
    kill -TERM "$p" 2>/dev/null
  done
  # Bounded: a node that does not stop within 5 s is killed.
  for _ in $(seq 50); do
    local alive=0
    for p in "${PID[@]}" $STREAM_PID; do
      kill -0 "$p" 2>/dev/null && alive=1
    done
    [ $alive = 0 ] && break
    sleep 0.1
  done
  for p in "${PID[@]}" $STREAM_PID; do kill -KILL "$p" 2>/dev/null; done
  [ -n "${KEEP_T:-}" ] || rm -rf "$T"
}
trap cleanup EXIT

# until SECONDS CMD...: polls CMD every 0.1 s until it succeeds or the
# deadline passes.
until_ok() {
  local deadline=$(($(date +%s) + $1))
  shift
  while ! "$@" >/dev/null 2>&1; do
    [ "$(date +%s)" -ge "$deadline" ] && return 1
    sleep 0.1
  done
}

# Three ports the kernel says are free, held together so they differ.
read -r P1 P2 P3 < <(tclsh <<'EOF'
set ports {}
foreach i {1 2 3} {
  set s [socket -server {apply {args {}}} -myaddr 127.0.0.1 0]
  lappend socks $s
  lappend ports [lindex [fconfigure $s -sockname] 2]
}
foreach s $socks { close $s }
puts [join $ports " "]
EOF
)
ADDR1=127.0.0.1:$P1
ADDR2=127.0.0.1:$P2
ADDR3=127.0.0.1:$P3
S=$ADDR1,$ADDR2,$ADDR3
addr_of() { eval echo "\$ADDR$1"; }

start_node() {
  mkdir -p "$T/n$1"
  "$NODE" --id "$1" --address "$(addr_of "$1")" --dir "$T/n$1" \
    --kpi "$ROOT/kpi.so" >>"$T/n$1.log" 2>&1 &
  PID[$1]=$!
}
node_ready() { [ "$(grep -c '^kpinode: ready' "$T/n$1.log")" -ge "$2" ]; }

# --- 1. form the cluster -------------------------------------------------
for i in 1 2 3; do start_node $i; done
for i in 1 2 3; do
  if until_ok 10 node_ready $i 1; then ok "node $i ready"; else
    bad "node $i ready" "$(cat "$T/n$i.log")"
    finish
  fi
done
leader=$("$CLI" -s "$S" -timeout 15s leader 2>&1)
if [ "${leader%% *}" = 1 ]; then ok "node 1 leads the new cluster"; else
  bad "node 1 leads the new cluster" "$leader"
fi
check "node 2 added as voter" "$CLI" -s "$S" -timeout 20s add 2 "$ADDR2"
check "node 3 added as voter" "$CLI" -s "$S" -timeout 20s add 3 "$ADDR3"
check "three voters" "$CLI" -s "$S" -timeout 15s wait-voters 3

# --- 2. import the sample exports through the cluster --------------------
# load_samples.sql with its .read lines inlined and paths made absolute,
# since the leader's working directory is not ours (cluster/inline.sh).
bash cluster/inline.sh sql/schema.sql examples/load_samples.sql \
  >"$T/import.sql" || bad "inline the import scripts"
# The import scripts are upserts, so a run cut short by a change of leader
# (its temp tables die with the connection) is run again, twice at most.
for attempt in 1 2 3; do
  if out=$("$CLI" -s "$S" -timeout 60s exec kpi "$T/import.sql" 2>&1); then
    ok "import through the cluster (attempt $attempt)"
    break
  fi
  case $out in
  *"bad connection"* | *"leader"* | *EOF*) [ $attempt -lt 3 ] && continue ;;
  esac
  bad "import through the cluster" "$out"
  break
done
echo "CREATE TABLE stream_rows (id INTEGER PRIMARY KEY, note TEXT);" |
  "$CLI" -s "$S" exec kpi - || bad "create stream_rows"

# The reference: the sqlite3 shell with kpi over the same exports.
sqlite3 -bail -cmd ".load $ROOT/kpi" "$T/ref.db" ".read sql/schema.sql" \
  ".read examples/load_samples.sql" >"$T/ref-load.out" 2>&1 ||
  bad "reference import in sqlite3" "$(cat "$T/ref-load.out")"

# Independent row counts: Python's csv module reads the exports.
if command -v python3 >/dev/null; then
  want=$(python3 - <<'EOF'
import csv, glob
def rows(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return sum(1 for _ in csv.reader(f)) - 1
print(sum(rows(p) for p in glob.glob("examples/exports/zendesk_tickets_*.csv")))
EOF
  )
  got=$("$CLI" -s "$S" query kpi \
    "SELECT count(*) FROM conversations WHERE source = 'zendesk'" 2>&1)
  if [ "$got" = "$want" ]; then ok "zendesk tickets: $want rows as in the csv"
  else bad "zendesk tickets: rows as in the csv" "cluster $got, csv $want"; fi
else
  skip "zendesk tickets: rows as in the csv (no python3)"
fi

# The queries of queries.sql, one per statement, separated by lines "--".
nq=$(grep -c '^-- Q' "$QUERIES")
query_n() { awk -v n="$1" '/^-- Q/ { q++ ; next } q == n' "$QUERIES"; }
for n in $(seq "$nq"); do
  sqlite3 -cmd ".load $ROOT/kpi" "$T/ref.db" "$(query_n "$n")" \
    >"$T/ref.$n" 2>&1
done
# compare LABEL: each query through the cluster against the reference.
compare() {
  local n title
  for n in $(seq "$nq"); do
    title=$(grep '^-- Q' "$QUERIES" | sed -n "${n}p" | sed 's/^-- //')
    "$CLI" -s "$S" -timeout 20s query kpi "$(query_n "$n")" >"$T/got.$n" 2>&1
    if [ "$(wc -l <"$T/ref.$n")" -lt 3 ]; then
      bad "$1: $title" "reference has under 3 rows: $(cat "$T/ref.$n")"
    elif cmp -s "$T/ref.$n" "$T/got.$n"; then
      ok "$1: $title ($(wc -l <"$T/ref.$n") rows as in sqlite3)"
    else
      bad "$1: $title" "$(diff "$T/ref.$n" "$T/got.$n" | head -5)"
    fi
  done
}
compare "cluster"
# By hand: responses after 60, 120 and 600 s have the median 120 s; 3 + 5 +
# 0 clicks over 100 + 300 + 100 impressions are a ctr of 8 / 500 = 0.016.
got=$("$CLI" -s "$S" query kpi "SELECT frt_median(column1, column2), ctr(column3, column4) FROM (VALUES
  ('2025-03-03T09:00:00Z', '2025-03-03T09:01:00Z', 3, 100),
  ('2025-03-03T10:00:00Z', '2025-03-03T10:02:00Z', 5, 300),
  ('2025-03-03T11:00:00Z', '2025-03-03T11:10:00Z', 0, 100))" 2>&1)
if [ "$got" = "120.0|0.016" ]; then ok "cluster: frt_median and ctr by hand"
else bad "cluster: frt_median and ctr by hand" "$got"; fi

# --- 4. kill -9 the leader during a stream of writes ---------------------
# CL-3: the survivors must outlive the leader's sockets (without SIGPIPE
# ignored, one run in three lost a survivor here).
"$CLI" -s "$S" -timeout 60s stream kpi stream_rows 1 1000 "$T/acks" \
  >"$T/stream.out" 2>&1 &
STREAM_PID=$!
acked() { [ -f "$T/acks" ] && [ "$(wc -l <"$T/acks")" -ge "$1" ]; }
if until_ok 30 acked 200; then ok "stream under way (200 rows acknowledged)"
else bad "stream under way" "$(cat "$T/stream.out")"; fi
leader=$("$CLI" -s "$S" -timeout 10s leader 2>&1)
victim=${leader%% *}
case $victim in
1 | 2 | 3) ;;
*)
  bad "leader known before the kill" "$leader"
  finish
  ;;
esac
kill -KILL "${PID[$victim]}"
t_kill=$(date +%s%N)
at_kill=$(wc -l <"$T/acks")
wait "${PID[$victim]}" 2>/dev/null
unset "PID[$victim]"
echo "  killed node $victim (leader) with $at_kill rows acknowledged"
# The first acknowledgement after the kill times the failover as a
# writer sees it (printed, not asserted).
first_ack() { [ "$(wc -l <"$T/acks")" -gt "$at_kill" ]; }
until_ok 30 first_ack &&
  echo "  next row acknowledged $((($(date +%s%N) - t_kill) / 1000000)) ms after the kill"
stream_done() { ! kill -0 "$STREAM_PID" 2>/dev/null; }
if until_ok 70 stream_done; then
  wait "$STREAM_PID"
  rc=$?
  STREAM_PID=
  if [ $rc = 0 ]; then ok "stream finished: $(cat "$T/stream.out")"; else
    bad "stream finished" "exit $rc: $(cat "$T/stream.out")"
  fi
else
  bad "stream finished within 70 s"
fi
if [ "$at_kill" -lt 1000 ]; then ok "the kill came mid-stream ($at_kill of 1000)"
else bad "the kill came mid-stream" "all rows were in before the kill"; fi

leader=$("$CLI" -s "$S" -timeout 15s leader 2>&1)
if [ -n "${leader%% *}" ] && [ "${leader%% *}" != "$victim" ]; then
  ok "new leader: node ${leader%% *}"
else bad "new leader" "$leader"; fi
# rows_present LABEL: every acknowledged id is in stream_rows.
rows_present() {
  "$CLI" -s "$S" -timeout 20s query kpi \
    "SELECT id FROM stream_rows ORDER BY id" >"$T/present" 2>&1
  sort -n "$T/acks" >"$T/acks.sorted"
  missing=$(comm -23 <(sort "$T/acks.sorted") <(sort "$T/present") | wc -l)
  total=$(wc -l <"$T/acks.sorted")
  if [ "$total" -gt 0 ] && [ "$missing" = 0 ]; then
    ok "$1: all $total acknowledged rows present ($(wc -l <"$T/present") rows)"
  else
    bad "$1: acknowledged rows present" "$missing of $total missing"
  fi
}
rows_present "survivors"
compare "survivors"
# What a dashboard's analyst would type: the dqlite shell from go-dqlite,
# given all three addresses, finds the new leader itself.
if command -v dqlite >/dev/null; then
  want=$(sort -u "$T/acks" | wc -l)
  got=$(timeout 20 dqlite -s "$S" kpi \
    "SELECT count(*) >= $want, ctr(3, 100) FROM stream_rows" 2>&1)
  if [ "$got" = "1|0.03" ]; then ok "the dqlite shell reads the survivors"
  else bad "the dqlite shell reads the survivors" "$got"; fi
else
  skip "the dqlite shell reads the survivors (no dqlite: apt-get install go-dqlite)"
fi

# --- 5. the killed node rejoins from its data folder (CL-2) --------------
start_node "$victim"
if until_ok 10 node_ready "$victim" 2; then ok "node $victim restarted"; else
  bad "node $victim restarted" "$(cat "$T/n$victim.log")"
fi
check "three voters again" "$CLI" -s "$S" -timeout 20s wait-voters 3
check "leadership moved to node $victim" \
  "$CLI" -s "$S" -timeout 20s transfer "$victim"
leader=$("$CLI" -s "$S" -timeout 10s leader 2>&1)
if [ "${leader%% *}" = "$victim" ]; then
  rows_present "rejoined node $victim"
  compare "rejoined node $victim"
else
  bad "node $victim leads" "$leader"
fi

# --- 6. failures are reported, not swallowed ------------------------------
# CL-1: no kpi, no node.
mkdir -p "$T/nokpi"
timeout 10 "$NODE" --id 9 --address 127.0.0.1:1 --dir "$T/nokpi" \
  --kpi "$T/absent.so" >"$T/nokpi.out" 2>&1
rc=$?
if [ $rc = 3 ] && grep -q '^kpinode: cannot load kpi: ' "$T/nokpi.out"; then
  ok "a node without kpi refuses to start (exit 3)"
else bad "a node without kpi refuses to start" "exit $rc: $(cat "$T/nokpi.out")"; fi
printf 'SELECT 1;\n.mode box\n' >"$T/dot.sql"
out=$(bash cluster/inline.sh "$T/dot.sql" 2>&1 >/dev/null)
rc=$?
if [ $rc = 1 ] && [ "$out" = "inline.sh: cannot run in a cluster: .mode box" ]
then ok "inline.sh refuses a dot-command it cannot inline"
else bad "inline.sh refuses a dot-command" "exit $rc: $out"; fi
# CL-5: usage_case NAME MESSAGE ARGS...: kpinode exits 2 with MESSAGE.
usage_case() {
  local name=$1 msg=$2
  shift 2
  out=$(timeout 10 "$NODE" "$@" 2>&1)
  rc=$?
  if [ $rc = 2 ] && [ "${out#*"$msg"}" != "$out" ]; then
    ok "kpinode refuses $name (exit 2)"
  else bad "kpinode refuses $name" "exit $rc: $out"; fi
}
usage_case "an unknown flag" "kpinode: unknown flag '--port'" \
  --id 9 --port 1 --dir "$T/nokpi"
usage_case "a missing data folder" "kpinode: --dir is not a directory: '$T/absent'" \
  --id 9 --address 127.0.0.1:1 --dir "$T/absent"
usage_case "id 0" "kpinode: --id needs a positive integer: '0'" \
  --id 0 --address 127.0.0.1:1 --dir "$T/nokpi"
usage_case "an address without port" "kpinode: --address needs HOST:PORT: 'localhost'" \
  --id 9 --address localhost --dir "$T/nokpi"
out=$("$CLI" -s "$S" query kpi "SELECT nps(11)" 2>&1)
rc=$?
case $rc:$out in
1:*"nps: score 11 is outside 0..10 in argument 1"*)
  ok "a runtime error reaches the client with kpi's text"
  ;;
*) bad "a runtime error reaches the client" "exit $rc: $out" ;;
esac
# CL-7: without kpinode's guard each of these aborts the leader.
for p in "journal_mode=DELETE" "page_size=1024"; do
  out=$(echo "PRAGMA $p;" | "$CLI" -s "$S" -timeout 10s exec kpi - 2>&1)
  rc=$?
  alive=1
  for i in 1 2 3; do kill -0 "${PID[$i]}" 2>/dev/null || alive=0; done
  if [ $rc = 1 ] && [ $alive = 1 ] && [ "${out#*not authorized}" != "$out" ]
  then ok "PRAGMA $p is refused and every node lives"
  else bad "PRAGMA $p is refused and every node lives" "exit $rc: $out"; fi
done

# CL-4: a node stops cleanly on SIGTERM. The followers first, then the
# leader, which has no quorum left by then and must stop all the same.
stopped() { ! kill -0 "$1" 2>/dev/null; }
leader=$("$CLI" -s "$S" -timeout 10s leader 2>&1)
order=""
for i in 1 2 3; do [ "$i" != "${leader%% *}" ] && order="$order $i"; done
for i in $order ${leader%% *}; do
  p=${PID[$i]}
  kill -TERM "$p"
  if until_ok 10 stopped "$p"; then
    wait "$p"
    rc=$?
    unset "PID[$i]"
    if [ $rc = 0 ] && [ "$(tail -n 1 "$T/n$i.log")" = "kpinode: stopped" ]; then
      ok "node $i stops on SIGTERM (exit 0)"
    else bad "node $i stops on SIGTERM" "exit $rc: $(tail -n 3 "$T/n$i.log")"; fi
  else
    bad "node $i stops on SIGTERM within 10 s"
  fi
done

finish
