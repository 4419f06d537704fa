# lib.sh: shared by bench/bench_*.sh (sourced, POSIX sh).
#
#   bench_header TITLE
#   bench_gen KIND N FILE               writes FILE with gen_sql_layer.py
#                                       unless it holds that generator's
#                                       output already
#   bench_run LABEL ROWS BYTES CMD...   runs CMD once, prints wall seconds,
#                                       CPU seconds (user + sys), rows/s and
#                                       MB/s (of wall time; MB/s when
#                                       BYTES > 0) and peak RSS
#
# CPU seconds stay meaningful when the machine is busy; wall seconds are
# what a user waits.
#
# Figures are printed, never asserted: timings on a shared 2-core machine
# vary, so a test that failed on them would fail for the wrong reasons.
BENCH_DIR=${BENCH_DIR:-build/bench}
mkdir -p "$BENCH_DIR"
if [ ! -x /usr/bin/time ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null 2>&1 ||
      { apt-get update -qq && apt-get install -y -qq time >/dev/null; }
  fi
  [ -x /usr/bin/time ] || { echo "bench: needs /usr/bin/time (apt-get install time)" >&2; exit 1; }
fi

# A file of an older generator is written again: its cksum is kept beside.
bench_gen() {
  sum=$(cksum <bench/gen_sql_layer.py | cut -d' ' -f1)
  if [ ! -f "$3" ] || [ "$(cat "$3.gen" 2>/dev/null)" != "$sum" ]; then
    /usr/bin/python3 bench/gen_sql_layer.py "$1" "$2" "$3.part"
    mv "$3.part" "$3"
    echo "$sum" >"$3.gen"
  fi
}

bench_header() {
  printf '\n== %s\n' "$1"
  printf '%-46s %8s %8s %14s %10s %9s\n' "case" "wall s" "cpu s" "rows/s" "MB/s" \
    "peak MB"
}

bench_run() {
  label=$1 rows=$2 bytes=$3
  shift 3
  tf="$BENCH_DIR/time.$$"
  if ! /usr/bin/time -f '%e %U %S %M' -o "$tf" "$@" >"$BENCH_DIR/out.$$" 2>&1; then
    echo "bench: '$label' failed:" >&2
    cat "$BENCH_DIR/out.$$" >&2
    rm -f "$tf" "$BENCH_DIR/out.$$"
    return 1
  fi
  read -r secs usr sys kb <"$tf"
  rm -f "$tf" "$BENCH_DIR/out.$$"
  awk -v l="$label" -v s="$secs" -v u="$usr" -v y="$sys" -v r="$rows" \
      -v b="$bytes" -v k="$kb" 'BEGIN {
    if (s <= 0) s = 0.005;
    rs = (r > 0) ? sprintf("%.0f", r / s) : "-";
    mbs = (b > 0) ? sprintf("%.1f", b / s / 1048576) : "-";
    printf "%-46s %8.2f %8.2f %14s %10s %9.1f\n", l, s, u + y, rs, mbs, k / 1024 }'
}
