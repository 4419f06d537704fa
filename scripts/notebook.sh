#!/bin/sh
# notebook.sh (make notebook): runs examples/weekly_kpis.ipynb in place, so
# that the committed notebook shows its tables and charts, and saves its
# FRT chart as docs/img/frt_by_language.png (the README shows it).
#
# It uses a virtual environment of Debian's Python, build/venv, with the
# kpi package installed from this tree (docs/install.md), and its own
# Jupyter kernel, so that the notebook imports that kpi. Needs what
# scripts/deps.sh dev installs (python3-nbconvert, python3-ipykernel,
# python3-pandas, python3-matplotlib, python3-venv).
set -eu
cd "$(dirname "$0")/.."
VENV=build/venv
[ -x "$VENV/bin/python" ] ||
  /usr/bin/python3 -m venv --system-site-packages "$VENV"
"$VENV/bin/pip" install -q --no-build-isolation --no-index .
"$VENV/bin/python" -m ipykernel install --sys-prefix >/dev/null
# nbconvert as a module of the environment's Python: the jupyter command
# would hand over to /usr/bin/jupyter-nbconvert, which has no kpi.
PYDEVD_DISABLE_FILE_VALIDATION=1 "$VENV/bin/python" -m nbconvert \
  --to notebook --execute --inplace examples/weekly_kpis.ipynb
# The run's timestamps (cell metadata "execution") would change the file
# on every run: drop them.
/usr/bin/python3 - <<'PY'
import json
path = "examples/weekly_kpis.ipynb"
with open(path, encoding="utf-8") as f:
    nb = json.load(f)
for cell in nb["cells"]:
    cell.get("metadata", {}).pop("execution", None)
with open(path, "w", encoding="utf-8") as f:
    json.dump(nb, f, indent=1, ensure_ascii=False)
    f.write("\n")
PY
mkdir -p docs/img
/usr/bin/python3 tests/integration/check_notebook.py \
  examples/weekly_kpis.ipynb --save chart-frt=docs/img/frt_by_language.png
