#!/bin/sh
# demo.sh: loads kpi into the sqlite3 shell and prints engagement rate,
# CTR and response rate per platform from the sample export posts.csv.
set -eu
cd "$(dirname "$0")/.."
sqlite3 :memory: <<'SQL'
.load ./kpi
.mode csv
.import examples/posts.csv posts
.mode box
SELECT kpi_version() AS kpi;
SELECT platform,
       count(*) AS posts,
       round(engagement_rate(engagements, impressions), 4) AS engagement_rate,
       round(ctr(clicks, impressions), 4) AS ctr,
       round(response_rate(replies, comments), 4) AS response_rate
FROM posts GROUP BY platform ORDER BY engagement_rate DESC;
SQL
