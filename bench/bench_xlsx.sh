#!/bin/sh
# bench_xlsx.sh: kpi_xlsx scanning a 100k-row x 20-column workbook written
# by openpyxl (write-only mode) in this script, beside openpyxl's own
# read-only mode reading every cell of the same file in the same run (the
# baseline), with the ratio of their rows/s. A 25k-row workbook of the same
# layout shows that memory does not grow with the rows: kpi_xlsx's peak is
# the same for both, up to its shared strings (one distinct string per row
# in column 3, so the shared-string table is what grows).
set -eu
cd "$(dirname "$0")/.."
. bench/lib.sh
py=/usr/bin/python3
if ! $py -c 'import openpyxl' 2>/dev/null; then
  echo "bench_xlsx: needs python3-openpyxl (sh scripts/deps.sh dev)" >&2
  exit 1
fi
cat >"$BENCH_DIR/xlsx_gen.py" <<'PY'
import datetime, sys
import openpyxl
rows, path = int(sys.argv[1]), sys.argv[2]
wb = openpyxl.Workbook(write_only=True)
ws = wb.create_sheet('Data')
ws.append(['id', 'day', 'post'] + ['metric_%d' % k for k in range(1, 16)]
          + ['rate', 'channel'])
day0 = datetime.datetime(2025, 1, 1)
chans = ['instagram', 'tiktok', 'facebook', 'linkedin']
for i in range(rows):
    ws.append([i, day0 + datetime.timedelta(hours=i), 'post %d' % i]
              + [(i * k) % 1000 for k in range(1, 16)]
              + [(i % 97) / 97.0, chans[i % 4]])
wb.save(path)
PY
cat >"$BENCH_DIR/xlsx_read.py" <<'PY'
import sys
import openpyxl
wb = openpyxl.load_workbook(sys.argv[1], read_only=True, data_only=True)
n = s = 0
for row in wb['Data'].iter_rows(min_row=2, values_only=True):
    n += 1
    s += row[3] + row[17]
print(n, s)
PY
for rows in 25000 100000; do
  f=build/bench_xlsx_$rows.xlsx
  if [ ! -f "$f" ]; then
    echo "bench_xlsx: writing $f with openpyxl"
    $py "$BENCH_DIR/xlsx_gen.py" $rows "$f"
  fi
done
big=build/bench_xlsx_100000.xlsx
small=build/bench_xlsx_25000.xlsx
create() { echo "CREATE VIRTUAL TABLE temp.t USING kpi_xlsx(filename='$1')"; }
q="SELECT count(*), sum(metric_1 + metric_15) FROM t"
qall="SELECT count(*), sum(length(id||day||post||metric_1||metric_2||metric_3||metric_4||metric_5||metric_6||metric_7||metric_8||metric_9||metric_10||metric_11||metric_12||metric_13||metric_14||metric_15||rate||channel)) FROM t"

bench_header "XLSX scan: 100000 rows x 20 columns ($big, $(($(wc -c <"$big") / 1024)) KiB)"
wall() { echo "$1" | awk '{print $(NF-4)}'; }
base=$(bench_run "baseline: openpyxl read-only, 2 columns" 100000 0 \
  $py "$BENCH_DIR/xlsx_read.py" "$big")
echo "$base"
k1=$(bench_run "kpi_xlsx: count(*), sum of 2 columns" 100000 0 \
  sqlite3 :memory: ".load ./kpi" "$(create "$big")" "$q")
echo "$k1"
k2=$(bench_run "kpi_xlsx: every column of every row" 100000 0 \
  sqlite3 :memory: ".load ./kpi" "$(create "$big")" "$qall")
echo "$k2"
k3=$(bench_run "kpi_xlsx: the same on 25000 rows (memory)" 25000 0 \
  sqlite3 :memory: ".load ./kpi" "$(create "$small")" "$qall")
echo "$k3"
awk -v b="$(wall "$base")" -v a="$(wall "$k1")" -v c="$(wall "$k2")" 'BEGIN {
  printf "kpi_xlsx rows/s over openpyxl read-only: %.1fx (2 columns), %.1fx (all 20)\n",
    b / (a > 0 ? a : 0.005), b / (c > 0 ? c : 0.005) }'
