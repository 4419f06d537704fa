-- dashboard.sql: prints the weekly dashboard per platform and language,
-- from the kpi_dashboard_weekly table that sql/materialize.sql wrote.
-- Rates are in percent, FRT in minutes, AHT in hours. It reads only the
-- plain table, so it works in a shell that has not loaded kpi:
--
--   $ sqlite3 kpi_dashboard.db < examples/dashboard.sql
.mode box
.nullvalue ''
SELECT week, platform, language AS lang, posts,
       round(100 * engagement_rate, 2) AS "eng %",
       round(100 * ctr, 2) AS "ctr %",
       conversations AS convs,
       round(100 * response_rate, 1) AS "answered %",
       round(frt_median_min, 1) AS "frt med",
       round(frt_p90_min, 1) AS "frt p90",
       round(frt_bh_median_min, 1) AS "frt bh",
       round(aht_h, 1) AS "aht h",
       round(100 * resolution_rate, 1) AS "resolved %",
       round(100 * csat, 1) AS "csat %",
       round(nps, 1) AS nps,
       round(100 * sla_1h, 1) AS "1h sla %"
FROM kpi_dashboard_weekly
ORDER BY week, platform, language;
