#!/bin/sh
# run.sh SECONDS: builds every fuzz/fuzz_*.c with libFuzzer, ASan and UBSan
# and runs each for SECONDS. A target fuzz/fuzz_X.c includes the sources it
# tests (a fuzz_sql* target is linked with all of ext/ and SQLite); its seeds are fuzz/seeds/X/, its dictionary fuzz/X.dict if present.
# New inputs found go to build/fuzz/corpus_X (not committed); a crash
# leaves its input in build/fuzz/ and stops the run with exit 1.
set -eu
cd "$(dirname "$0")/.."
secs=${1:-30}
out=build/fuzz
mkdir -p "$out"
CLANG=${CLANG:-clang}
for src in fuzz/fuzz_*.c; do
  [ -f "$src" ] || continue
  name=$(basename "$src" .c)
  x=${name#fuzz_}
  # A fuzz_sql* target drives the whole extension through SQLite: it is
  # linked with every ext/*.c (SQLITE_CORE: direct calls, no loading).
  extra=""
  case "$name" in fuzz_sql*) extra="-DSQLITE_CORE ext/*.c -lsqlite3" ;; esac
  "$CLANG" -g -O1 -std=c11 -D_GNU_SOURCE -DKPI_VERSION='"fuzz"' \
    -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
    -Iext -o "$out/$name" "$src" $extra -lz -lm
  mkdir -p "$out/corpus_$x"
  dict=""
  [ -f "fuzz/$x.dict" ] && dict="-dict=fuzz/$x.dict"
  seeds=""
  [ -d "fuzz/seeds/$x" ] && seeds="fuzz/seeds/$x"
  echo "fuzz: $name for ${secs}s"
  "$out/$name" -max_total_time="$secs" -print_final_stats=1 \
    -artifact_prefix="$out/$name-" $dict "$out/corpus_$x" $seeds 2>"$out/$name.log" || {
    tail -n 40 "$out/$name.log"
    echo "fuzz: $name found a crash; input saved under $out/" >&2
    exit 1
  }
  grep -E 'stat::number_of_executed_units|stat::peak_rss_mb' "$out/$name.log" |
    sed "s/^/fuzz: $name /"
done
