#!/bin/sh
# bench_attribution.sh: sql/attribution.sql and sql/roi.sql at scale, on
# synthetic journeys made in SQL (no file): 20,000 journeys, 200,000
# touches over 60 days, 20,000 conversions (about 5 touches a path); and
# 200,000 conversations, 20,000 of them linked to journeys and codes. The baseline is the least
# any attribution must do: join each conversion to its journey's touches
# within the window and count the pairs, in plain SQL. The ratios divide
# CPU seconds by the baseline's, measured in the same run.
set -eu
cd "$(dirname "$0")/.."
. bench/lib.sh
db=$BENCH_DIR/attribution.db
rm -f "$db"
sqlite3 -bail "$db" ".read sql/schema.sql" "
WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 200000)
INSERT OR IGNORE INTO touchpoints (journey, touched_at, channel, campaign)
SELECT 'j' || (i % 20000),
       strftime('%Y-%m-%dT%H:%M:%SZ', 1740000000 + (i * 7919) % 5184000,
                'unixepoch'),
       CASE i % 6 WHEN 0 THEN 'meta_ads' WHEN 1 THEN 'google_ads'
         WHEN 2 THEN 'email' WHEN 3 THEN 'instagram' WHEN 4 THEN 'x'
         ELSE 'linkedin' END, 'c' || (i % 7)
FROM k;
WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 20000)
INSERT INTO conversions (source, conversion_id, journey, converted_at, value,
                         currency)
SELECT 'b', i, 'j' || (i % 20000),
       strftime('%Y-%m-%dT%H:%M:%SZ', 1742592000 + (i * 104729) % 2592000,
                'unixepoch'), 10 + i % 100, 'CAD'
FROM k;
INSERT INTO ad_spend (platform, day, period_end, cost, currency) VALUES
  ('meta_ads', '2025-03-01', '2025-04-30', 5000, 'CAD');
UPDATE conversions SET promo_code = 'code' || (conversion_id % 3000)
WHERE conversion_id % 5 = 0;
WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 200000)
INSERT INTO conversations (source, conversation_id, channel, language,
                           received_s)
SELECT 'z', i, CASE i % 3 WHEN 0 THEN 'x' ELSE 'email' END,
       CASE i % 4 WHEN 0 THEN 'fr' ELSE 'en' END, 1740000000 + i * 13
FROM k;
WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 20000)
INSERT INTO conversation_links
SELECT 'z', i * 7, 'j' || i, CASE WHEN i % 2 THEN 'CODE' || i END FROM k;"
pairs=$(sqlite3 "$db" "SELECT count(*) FROM conversions AS c JOIN touchpoints
  AS t ON t.journey = c.journey AND t.touched_at <= c.converted_at
  AND unixepoch(c.converted_at) - unixepoch(t.touched_at) <= 30 * 86400")
n=$(sqlite3 "$db" "SELECT count(*) FROM conversions")

bench_header "$n conversions, $pairs (conversion, touch) pairs in the window"
# run LABEL ROWS BYTES CMD...: bench_run's line, and its CPU seconds in $cpu
run() {
  out=$(bench_run "$@")
  echo "$out"
  cpu=$(echo "$out" | awk '{ print $(NF - 3) }')
}
run "baseline: join and count the pairs" "$n" 0 \
  sqlite3 "$db" "SELECT count(*), sum(unixepoch(c.converted_at)
    - unixepoch(t.touched_at)) FROM conversions AS c JOIN touchpoints AS t
    ON t.journey = c.journey AND t.touched_at <= c.converted_at
    AND unixepoch(c.converted_at) - unixepoch(t.touched_at) <= 30 * 86400"
base=$cpu
run "v_attribution_paths (positions, direct)" "$n" 0 \
  sqlite3 "$db" ".read sql/attribution.sql" \
  "SELECT sum(pos), sum(age_s) FROM v_attribution_paths"
paths=$cpu
run "v_attribution (5 models)" "$n" 0 \
  sqlite3 "$db" ".read sql/attribution.sql" \
  "SELECT count(*), sum(conversions), sum(value) FROM v_attribution"
attr=$cpu
run "v_assisted" "$n" 0 \
  sqlite3 "$db" ".read sql/attribution.sql" \
  "SELECT sum(assisted_conversions), sum(assisted_value) FROM v_assisted"
assist=$cpu
run "v_roi_platform (one platform, 5 models)" "$n" 0 \
  sqlite3 "$db" ".load ./kpi" ".read sql/views.sql" \
  ".read sql/attribution.sql" ".read sql/roi.sql" \
  "SELECT sum(conversions), sum(value), sum(roi) FROM v_roi_platform"
roi=$cpu

bench_header "v_message_to_sale_weekly: 200,000 conversations, 20,000 linked"
run "baseline: weekly count(*) of conversations" 200000 0 \
  sqlite3 "$db" "SELECT count(*) FROM (SELECT week_s, channel, language,
    count(*) FROM conversations GROUP BY 1, 2, 3)"
mbase=$cpu
run "v_message_to_sale_weekly" 200000 0 \
  sqlite3 "$db" ".load ./kpi" ".read sql/views.sql" \
  "SELECT sum(sales), sum(tracked) FROM v_message_to_sale_weekly"
msale=$cpu
awk -v b="$mbase" -v m="$msale" 'BEGIN {
  if (b <= 0) b = 0.005
  printf "CPU time / baseline: v_message_to_sale_weekly %.1fx\n", m / b }'
awk -v b="$base" -v p="$paths" -v a="$attr" -v s="$assist" -v r="$roi" 'BEGIN {
  if (b <= 0) b = 0.005
  printf "CPU time / baseline: paths %.1fx, v_attribution %.1fx, v_assisted %.1fx, v_roi_platform %.1fx\n", p / b, a / b, s / b, r / b }'
