-- meta_bs_page_daily.sql: a Meta Business Suite page-level daily chart
-- (Insights > Overview > a chart > Export, e.g. Views.csv) into page_days
-- (SC-21).
--
-- The export: UTF-16LE with a BOM; line 1 "sep=,", line 2 the chart's
-- title ("Views"), then "Date","Primary" and one row per day, Date
-- "2025-09-20T00:00:00". kpi_csv skips the first two lines by default.
-- The file names neither the page nor the metric's platform, and its one
-- number column is called Primary whatever the chart: the import takes
-- the page from a one-row table you write, and files the chart as views.
--
--   sqlite> CREATE VIRTUAL TABLE temp.meta_page_views
--      ...>   USING kpi_csv(filename='exports/Views.csv');
--   sqlite> CREATE TEMP TABLE meta_page AS
--      ...>   SELECT 'facebook' AS platform, 'PC Merchandise' AS account;
--   sqlite> .read sql/import/meta_bs_page_daily.sql
--
-- Mapping (page_days column <- export column): platform, account <-
-- meta_page; day <- Date; views <- Primary. The other columns of a day
-- already in page_days are kept.
INSERT INTO page_days (platform, account, day, views)
SELECT p.platform, p.account, date(v.date), v."primary"
FROM temp.meta_page_views AS v, temp.meta_page AS p WHERE true
ON CONFLICT (platform, account, day) DO UPDATE SET views = excluded.views;
