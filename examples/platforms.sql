-- platforms.sql: prints the views-based posts (Instagram, TikTok), the
-- paid spend per week, platform, language and currency, and the account
-- days (LinkedIn) per week (sql/views.sql
-- VW-20, VW-21, VW-22). Needs kpi and the views:
--
--   sqlite> .load ./kpi
--   sqlite> .read sql/views.sql
--   sqlite> .read examples/platforms.sql
.mode box
.nullvalue ''
SELECT week, platform, language AS lang, posts, views, reach, saves,
       engagements AS eng, round(100 * engagement_rate_views, 2) AS "eng/view %"
FROM v_post_views_weekly
ORDER BY week, platform, language;
SELECT week, platform, language AS lang, currency AS cur,
       printf('%.2f', spend) AS spend, impressions AS impr, clicks,
       conversions AS conv, round(cpm, 2) AS cpm, round(cpc, 2) AS cpc,
       round(cac, 2) AS cac, round(roas, 2) AS roas
FROM v_spend_weekly
ORDER BY week, platform, language, currency;
SELECT week, platform, language AS lang, days, impressions AS impr,
       engagements AS eng, round(100 * engagement_rate, 2) AS "eng %",
       follows, followers
FROM v_account_days_weekly
ORDER BY week, platform, language;
