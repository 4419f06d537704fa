#!/bin/sh
# run.sh (make test-integration): tries each route of docs/install.md and
# docs/tools.md for real, as the pages write it, and prints one line per
# check, "ok NAME" or "FAILED NAME" (with the end of its log), then
# "N passed, N failed, N skipped".
#
#   routes   sqlite-utils, ODBC (unixodbc + libsqliteodbc, isql), the Python
#            package in a virtual environment (and pandas read_sql), the
#            notebook through jupyter nbconvert, make install / uninstall
#            loaded from /tmp, the .deb installed, loaded and removed.
#   needs    what scripts/deps.sh dev installs; a route whose tool is
#            absent is skipped with the reason. make install and the .deb
#            need root: they write to /usr/local and /usr and remove what
#            they wrote; they are skipped when kpi is already installed
#            there, so that a user's own install is never replaced.
#   opt-in   KPI_TEST_NPM=1 also tries better-sqlite3 12 (npm install into
#            build/integration/node: a minute of compiling SQLite).
#
# Expected values come from the sample exports themselves or a hand
# calculation: ctr(3, 100) = 3/100 = 0.03; the A/B sample has 2400 rows of
# which awk counts the control ones; kpi_version() is the VERSION file.
set -u
cd "$(dirname "$0")/../.."
ROOT=$PWD
B=$ROOT/build/integration
rm -rf "$B"
mkdir -p "$B"
VERSION=$(cat VERSION)
PY=/usr/bin/python3
export PYDEVD_DISABLE_FILE_VALIDATION=1 # ipykernel's debugger warning
pass=0
fail=0
skip=0

ok() {
  echo "ok $1"
  pass=$((pass + 1))
}
failed() { # NAME [LOG]
  echo "FAILED $1"
  [ -z "${2:-}" ] || [ ! -f "$2" ] || tail -n 20 "$2" | sed 's/^/    /'
  fail=$((fail + 1))
}
skipped() { # NAME REASON
  echo "skipped $1: $2"
  skip=$((skip + 1))
}
# expect NAME WANT CMD...: CMD's standard output and error, in
# $B/NAME.log, must be exactly WANT. CMD runs in the folder $IN (the
# repository unless set: in_dir /tmp expect ...).
expect() {
  name=$1 want=$2
  shift 2
  log="$B/$name.log"
  (cd "${IN:-$ROOT}" && "$@") >"$log" 2>&1
  if [ "$(cat "$log")" = "$want" ]; then ok "$name"; else
    echo "    want: $want" >>"$log"
    failed "$name" "$log"
  fi
}
# contains NAME WANT CMD...: the output must hold the line WANT.
contains() {
  name=$1 want=$2
  shift 2
  log="$B/$name.log"
  (cd "${IN:-$ROOT}" && "$@") >"$log" 2>&1
  if grep -qxF -- "$want" "$log"; then ok "$name"; else
    echo "    wanted the line: $want" >>"$log"
    failed "$name" "$log"
  fi
}
in_dir() { # DIR CMD...: CMD (expect or contains) runs its command in DIR
  IN=$1
  shift
  "$@"
  IN=
}
have() { command -v "$1" >/dev/null 2>&1; }
pyhas() { "$PY" -c "import $1" >/dev/null 2>&1; }

# Reference values from the sample itself.
AB=examples/exports/ab_data_help_widget.csv
AB_ROWS=$(tail -n +2 "$AB" | wc -l | tr -d ' ')
AB_CONTROL=$(awk -F, 'NR > 1 && $3 == "control" { n++ } END { print n }' "$AB")

# The demo database (examples/demo.sh): kpi_* tables to read.
DB=$B/demo.db
if KPI_DEMO_DB="$DB" sh examples/demo.sh >"$B/demo.log" 2>&1; then
  ok demo-database
else
  failed demo-database "$B/demo.log"
fi

# sqlite3 from /tmp: the three loads docs/install.md promises after an
# install, with a bare name. $1 names the check.
bare_loads() {
  in_dir /tmp expect "$1-sqlite3" "0.03|$VERSION" \
    sqlite3 :memory: '.load kpi' 'SELECT ctr(3, 100), kpi_version();'
  in_dir /tmp expect "$1-python" "(0.03, '$VERSION')" "$PY" -c "
import sqlite3
conn = sqlite3.connect(':memory:')
conn.enable_load_extension(True)
conn.load_extension('kpi')
print(conn.execute('SELECT ctr(3, 100), kpi_version()').fetchone())"
  if [ "$HAVE_ODBC" = 1 ]; then
    odbc_dsn "$B/odbc-$1.ini" kpi
    in_dir /tmp contains "$1-odbc" "0.03|$VERSION" odbc_query \
      "$B/odbc-$1.ini" 'SELECT ctr(3, 100), kpi_version();'
  fi
}
bare_load_fails() {
  in_dir /tmp expect "$1-gone" \
    "Error: kpi.so: cannot open shared object file: No such file or directory" \
    sqlite3 :memory: '.load kpi'
}

# ---- ODBC ---------------------------------------------------------------
# odbc_dsn FILE LOADEXT: the DSN of docs/tools.md, on the demo database.
odbc_dsn() {
  cat >"$1" <<EOF
[kpidemo]
Driver   = SQLite3
Database = $DB
LoadExt  = $2
EOF
}
# odbc_query FILE SQL: isql in batch mode (-b), with error details (-v)
# and | between columns (-d); isql
# exits 0 whatever happens, so the callers read the output. A LoadExt
# that fails is only a message on standard error, also kept.
odbc_query() {
  printf '%s\n' "$2" | ODBCINI=$1 isql -b -v -d'|' kpidemo 2>&1
}
HAVE_ODBC=0
if have isql && odbcinst -q -d 2>/dev/null | grep -qxF '[SQLite3]'; then
  HAVE_ODBC=1
  odbc_dsn "$B/odbc.ini" "$ROOT/kpi.so"
  contains odbc-function "0.03|$VERSION" \
    odbc_query "$B/odbc.ini" 'SELECT ctr(3, 100), kpi_version();'
  contains odbc-kpi-table "$AB_CONTROL|$((AB_ROWS - AB_CONTROL))" \
    odbc_query "$B/odbc.ini" \
    'SELECT control_n, treatment_n FROM kpi_experiments;'
  contains odbc-error "[S1000][SQLite]nps: score 11 is outside 0..10 in argument 1 (1)" \
    odbc_query "$B/odbc.ini" 'SELECT nps(11);'
else
  skipped odbc "isql or the SQLite3 ODBC driver missing (unixodbc, libsqliteodbc)"
fi

# ---- sqlite-utils -------------------------------------------------------
if have sqlite-utils; then
  expect sqlite-utils-function '[{"ctr": 0.03}]' \
    sqlite-utils query "$DB" 'SELECT ctr(3, 100) AS ctr' \
    --load-extension="$ROOT/kpi.so"
  expect sqlite-utils-kpi-table "[{\"n\": $AB_ROWS}]" \
    sqlite-utils query "$DB" \
    'SELECT control_n + treatment_n AS n FROM kpi_experiments'
  expect sqlite-utils-error \
    'Error: nps: score 11 is outside 0..10 in argument 1' \
    sqlite-utils query "$DB" 'SELECT nps(11)' --load-extension="$ROOT/kpi.so"
else
  skipped sqlite-utils "not installed (Debian: sqlite-utils)"
fi

# ---- the Python package, pandas, the notebook ---------------------------
VENV=$B/venv
if "$PY" -c 'import ensurepip, setuptools, wheel' >/dev/null 2>&1; then
  if "$PY" -m venv --system-site-packages "$VENV" >"$B/venv.log" 2>&1 &&
    "$VENV/bin/pip" install --no-build-isolation --no-index "$ROOT" \
      >>"$B/venv.log" 2>&1; then
    ok python-package-install
  else
    failed python-package-install "$B/venv.log"
  fi
  # A Python on PATH whose sqlite3 cannot load extensions, if there is one
  # (pyenv's), for the LoadError case.
  noext=""
  for d in $(echo "$PATH" | tr ':' ' '); do
    p=$d/python3
    [ -x "$p" ] || continue
    if "$p" -c 'import sqlite3, sys
sys.exit(hasattr(sqlite3.connect(":memory:"), "enable_load_extension"))' \
      2>/dev/null; then
      noext=$p
      break
    fi
  done
  # unittest prints "OK" or "FAILED (...)" last; from /tmp, so that kpi
  # is the installed package.
  (cd /tmp && KPI_NOEXT_PYTHON=$noext "$VENV/bin/python" -m unittest \
    discover -s "$ROOT/tests/python" -v >"$B/python-package.log" 2>&1)
  if tail -n 1 "$B/python-package.log" | grep -q '^OK'; then
    ok python-package
  else
    failed python-package "$B/python-package.log"
  fi
  if pyhas pandas; then
    in_dir /tmp expect pandas-read-sql "0.03 $AB_ROWS" "$VENV/bin/python" -c "
import sqlite3
import pandas as pd
import kpi
conn = sqlite3.connect('$DB')
kpi.load(conn)
df = pd.read_sql('SELECT ctr(3, 100) AS ctr, control_n + treatment_n AS n'
                 ' FROM kpi_experiments', conn)
print(df.ctr[0], df.n[0])"
  else
    skipped pandas-read-sql "pandas missing (python3-pandas)"
  fi
  if pyhas nbconvert && pyhas ipykernel && pyhas pandas && pyhas matplotlib; then
    # The kernel must be the environment's Python, which has kpi; and
    # nbconvert is run as a module of it (the jupyter command would hand
    # over to /usr/bin/jupyter-nbconvert, that is to /usr/bin/python3).
    if "$VENV/bin/python" -m ipykernel install --sys-prefix \
      >"$B/notebook.log" 2>&1 &&
      "$VENV/bin/python" -m nbconvert --to notebook --execute \
        examples/weekly_kpis.ipynb --output-dir "$B" >>"$B/notebook.log" 2>&1 &&
      "$PY" tests/integration/check_notebook.py "$B/weekly_kpis.ipynb" \
        >>"$B/notebook.log" 2>&1; then
      ok notebook
    else
      failed notebook "$B/notebook.log"
    fi
  else
    skipped notebook "needs python3-nbconvert python3-ipykernel python3-pandas python3-matplotlib"
  fi
else
  skipped python-package "needs python3-venv, python3-setuptools, python3-wheel"
fi

# ---- make install, from /tmp --------------------------------------------
if [ "$(id -u)" != 0 ]; then
  skipped install "needs root (writes /usr/local)"
elif [ -e /usr/local/lib/kpi.so ] || [ -e /usr/local/share/kpi ]; then
  skipped install "kpi is already installed in /usr/local: not replacing it"
elif ldconfig -p | grep -q ' kpi\.so ' ||
  [ -e /usr/lib/x86_64-linux-gnu/kpi.so ]; then
  skipped install "a kpi.so is already on the library path"
else
  if make -s install >"$B/install.log" 2>&1; then ok install; else
    failed install "$B/install.log"
  fi
  bare_loads install
  if have sqlite-utils; then
    in_dir /tmp expect install-sqlite-utils '[{"ctr": 0.03}]' \
      sqlite-utils query "$DB" 'SELECT ctr(3, 100) AS ctr' \
      --load-extension=kpi
  fi
  # The installed SQL layer, run from its folder as the README runs it
  # from the repository: the same rows as the demo database.
  want=$(sqlite3 "$DB" 'SELECT count(*) FROM posts; SELECT count(*) FROM conversations;')
  in_dir /usr/local/share/kpi expect install-sql-layer "$want" \
    sqlite3 "$B/installed.db" '.load kpi' '.read sql/schema.sql' \
    '.read examples/load_samples.sql' '.read sql/views.sql' \
    'SELECT count(*) FROM posts; SELECT count(*) FROM conversations;'
  if [ -f /usr/local/share/doc/kpi/README.md ]; then ok install-docs; else
    failed install-docs
  fi
  if make -s uninstall >"$B/uninstall.log" 2>&1 &&
    [ ! -e /usr/local/lib/kpi.so ] && [ ! -e /usr/local/lib/libkpi.so ] &&
    [ ! -e /usr/local/share/kpi ] && [ ! -e /usr/local/share/doc/kpi ]; then
    ok uninstall
  else
    failed uninstall "$B/uninstall.log"
  fi
  bare_load_fails uninstall
fi

# ---- the Debian package -------------------------------------------------
if [ "$(id -u)" != 0 ] || ! have dpkg-deb || ! have apt-get; then
  skipped deb "needs root, dpkg-deb and apt-get"
elif dpkg -s kpi >/dev/null 2>&1; then
  skipped deb "the kpi package is already installed: not replacing it"
else
  deb=build/kpi_${VERSION}_$(dpkg --print-architecture).deb
  if make -s deb >"$B/deb.log" 2>&1 && [ -f "$deb" ]; then ok deb-build; else
    failed deb-build "$B/deb.log"
  fi
  # Another apt may hold the lock for a while on a shared machine.
  if apt-get install -y -qq -o DPkg::Lock::Timeout=300 "./$deb" \
    >"$B/deb-install.log" 2>&1 &&
    dpkg -L kpi | grep -qx /usr/lib/x86_64-linux-gnu/kpi.so; then
    ok deb-install
  else
    failed deb-install "$B/deb-install.log"
  fi
  bare_loads deb
  if apt-get remove -y -qq -o DPkg::Lock::Timeout=300 kpi \
    >"$B/deb-remove.log" 2>&1 && ! dpkg -s kpi >/dev/null 2>&1; then
    ok deb-remove
  else
    failed deb-remove "$B/deb-remove.log"
  fi
  bare_load_fails deb
fi

# ---- better-sqlite3 (opt-in: npm and a compile) --------------------------
if [ "${KPI_TEST_NPM:-}" = 1 ]; then
  mkdir -p "$B/node"
  if (cd "$B/node" && npm init -y >/dev/null &&
    npm install better-sqlite3@12 >"$B/npm.log" 2>&1); then
    in_dir "$B/node" expect better-sqlite3 "0.03 $AB_ROWS" node -e "
const Database = require('better-sqlite3');
const db = new Database('$DB', { readonly: true });
db.loadExtension('$ROOT/kpi.so');
const r = db.prepare('SELECT ctr(3, 100) AS ctr,'
  + ' control_n + treatment_n AS n FROM kpi_experiments').get();
console.log(r.ctr, r.n);"
  else
    failed better-sqlite3 "$B/npm.log"
  fi
fi

echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" = 0 ]
