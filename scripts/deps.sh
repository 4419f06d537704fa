#!/bin/sh
# deps.sh [dev|cluster]: checks what building and testing kpi needs (with
# "dev", also what lint, fuzzing, valgrind and the dqlite cluster need; with
# "cluster", what `make cluster` and `make test-cluster` need). As root on a Debian/Ubuntu
# machine it installs what is missing with apt-get; otherwise it stops and
# prints the exact command to run.
missing=""
need() { missing="$missing $1"; }

command -v cc >/dev/null 2>&1 || command -v gcc >/dev/null 2>&1 || need gcc
command -v make >/dev/null 2>&1 || need make
[ -f /usr/include/sqlite3ext.h ] || need libsqlite3-dev
[ -f /usr/include/zlib.h ] || need zlib1g-dev
command -v sqlite3 >/dev/null 2>&1 || need sqlite3
if command -v tclsh >/dev/null 2>&1; then
  # tclsh reading a script from standard input exits 0 even when a
  # command fails, so the script says exit 1 itself.
  echo 'if {[catch {package require sqlite3}]} {exit 1}' | tclsh >/dev/null 2>&1 ||
    need libsqlite3-tcl
else
  need tcl
  need libsqlite3-tcl
fi
[ -f /usr/share/zoneinfo/America/Toronto ] || need tzdata
if [ "${1:-}" = dev ]; then
  command -v clang >/dev/null 2>&1 || need clang
  command -v clang-format >/dev/null 2>&1 || need clang-format
  command -v clang-tidy >/dev/null 2>&1 || need clang-tidy
  command -v cppcheck >/dev/null 2>&1 || need cppcheck
  command -v valgrind >/dev/null 2>&1 || need valgrind
  [ -x /usr/bin/time ] || need time
  # bench/bench_xlsx.sh writes its workbook with openpyxl and reads it back
  # as the baseline; tests/ref/xlsx_ref.py uses it too (the tests do not).
  /usr/bin/python3 -c 'import openpyxl' >/dev/null 2>&1 || need python3-openpyxl
  # libFuzzer's runtime comes with clang's compiler-rt.
  ls /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a \
    >/dev/null 2>&1 || need libclang-rt-dev
  # tests/integration/run.sh (make test-integration): the tool routes of
  # docs/tools.md, the Python package, the notebook and the .deb.
  command -v sqlite-utils >/dev/null 2>&1 || need sqlite-utils
  command -v isql >/dev/null 2>&1 || need unixodbc
  ls /usr/lib/*/odbc/libsqlite3odbc.so >/dev/null 2>&1 || need libsqliteodbc
  command -v dpkg-shlibdeps >/dev/null 2>&1 || need dpkg-dev
  py() { /usr/bin/python3 -c "import $1" >/dev/null 2>&1; }
  py ensurepip || need python3-venv
  py setuptools || need python3-setuptools
  py wheel || need python3-wheel
  py pandas || need python3-pandas
  py matplotlib || need python3-matplotlib
  py nbconvert || need python3-nbconvert
  py ipykernel || need python3-ipykernel
  py apsw || need python3-apsw
fi

if [ "${1:-}" = dev ] || [ "${1:-}" = cluster ]; then
  # The node links libdqlite; the client builds offline from Debian's
  # go-dqlite sources; the dqlite shell is what dashboards are shown.
  [ -f /usr/include/dqlite.h ] || need libdqlite-dev
  command -v go >/dev/null 2>&1 || need golang-go
  [ -d /usr/share/gocode/src/github.com/canonical/go-dqlite/client ] ||
    need golang-github-canonical-go-dqlite-dev
  command -v dqlite >/dev/null 2>&1 || need go-dqlite
fi

[ -z "$missing" ] && exit 0

cmd="apt-get update && apt-get install -y$missing"
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "deps: installing$missing"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq$missing >/dev/null || {
    echo "deps: apt-get failed; run: $cmd" >&2
    exit 1
  }
  exit 0
fi
echo "deps: missing$missing" >&2
echo "deps: run as root: $cmd" >&2
exit 1
