#!/bin/sh
# bench_alerts.sh: v_alerts (sql/alerts.sql) and v_trends (sql/trends.sql)
# over a year of synthetic conversations (200k rows, 2 channels x 2
# languages, every rule on; then with half of them on facebook, for
# meta_badge), against the weekly dashboard
# v_conversations_weekly on the same table in the same run. Prints CPU
# seconds, the ratio to that baseline and peak RSS.
set -eu
cd "$(dirname "$0")/.."
. bench/lib.sh
db=$BENCH_DIR/alerts.db
n=200000
if [ ! -f "$db" ]; then
  sqlite3 "$db" ".load ./kpi" ".read sql/schema.sql" "
    WITH RECURSIVE i(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM i
                            WHERE n < $n - 1)
    INSERT INTO conversations (source, conversation_id, channel, language,
      received_s, first_response_s, csat, sentiment)
    SELECT 't', n, CASE n % 2 WHEN 0 THEN 'x' ELSE 'email' END,
      CASE n % 3 WHEN 0 THEN 'fr' ELSE 'en' END,
      1735689600 + n * 157, 1735689600 + n * 157 + (n * 7919) % 5000,
      CASE WHEN n % 5 = 0 THEN 1 + n % 5 END,
      CASE n % 4 WHEN 0 THEN 'neg' WHEN 1 THEN 'pos' END
    FROM i;" ".read sql/alerts.sql"
fi
ratio_run() {
  line=$(bench_run "$1" $n 0 sqlite3 "$db" ".load ./kpi" \
    ".read sql/views.sql" ".read sql/alerts.sql" ".read sql/trends.sql" "$2")
  cpu=$(printf '%s\n' "$line" | awk '{print $(NF-3)}')
  if [ "$base" = 0 ]; then base=$cpu; fi
  printf '%s %7s\n' "$line" "$(awk -v c="$cpu" -v b="$base" \
    'BEGIN { printf "x%.2f", (b > 0 ? c / b : 0) }')"
}
bench_header "$n conversations, 52 weeks (last column: CPU / weekly dashboard)"
base=0
ratio_run "baseline: v_conversations_weekly" \
  "SELECT count(*) FROM v_conversations_weekly"
ratio_run "v_alerts (all six rules)" "SELECT count(*) FROM v_alerts"
ratio_run "v_trends" "SELECT count(*) FROM v_trends"
ratio_run "v_inbox_daily" "SELECT count(*) FROM v_inbox_daily"
# meta_badge reads each Meta conversation once per day of its window (7):
# the same table with the x half moved to facebook
mdb=$BENCH_DIR/alerts_meta.db
if [ ! -f "$mdb" ]; then
  cp "$db" "$mdb"
  sqlite3 "$mdb" "UPDATE conversations SET channel = 'facebook'
                  WHERE channel = 'x'"
fi
db=$mdb
ratio_run "v_alerts, half of them on facebook" "SELECT count(*) FROM v_alerts"
