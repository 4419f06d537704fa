-- google_ads_keywords.sql: Google Ads "Search keyword report" (Keywords >
-- Search keywords > Download > Excel CSV) into ad_spend, one row per
-- keyword.
--
-- The export: UTF-16LE with a BOM, tab-separated ("Excel CSV"); two title
-- rows ("Search keyword report", then the period "1 May 2026 - 8 May
-- 2026"), then the header Keyword status,Keyword,Match type,Campaign,
-- Ad group,Status,Status reasons,Final URL,Impr.,Interactions,
-- Interaction rate,Currency code,Avg. cost,Cost,Clicks,Conv. rate,
-- Conversions,Avg. CPC,Cost / conv. kpi_csv reads it with default options.
--
--   sqlite> CREATE VIRTUAL TABLE temp.google_ads_keywords
--      ...>   USING kpi_csv(filename='exports/Search keyword report.csv');
--   sqlite> CREATE TEMP TABLE google_ads_period AS
--      ...>   SELECT '' AS account, '2026-05-01' AS day, '2026-05-08' AS period_end;
--   sqlite> .read sql/import/google_ads_keywords.sql
--
-- Mapping (ad_spend column <- export column): as google_ads_campaigns.sql,
-- and ad <- "Ad group / keyword [Match type]" (a keyword is the unit a
-- search ad is bought by; the match type keeps "towing" broad apart from
-- "towing" exact in the key).
-- Rows with "Total:" in Keyword status, Keyword or Match type (the report
-- puts it in the third column) are dropped: "Total: Account" counts 10,708
-- impressions while the keywords add to 29, because the account's Smart
-- campaign has no keywords to itemise. Never check totals against rows.
INSERT OR REPLACE INTO ad_spend (
  platform, account, day, period_end, campaign, ad, impressions, clicks,
  conversions, conversion_value, cost, currency)
SELECT 'google_ads', coalesce(p.account, ''), p.day, p.period_end,
       g.campaign,
       coalesce(g.ad_group, '') || ' / ' || g.keyword
         || ' [' || coalesce(g.match_type, '') || ']',
       g.impr, g.clicks, g.conversions, NULL, g.cost, upper(g.currency_code)
FROM temp.google_ads_keywords AS g, temp.google_ads_period AS p
WHERE coalesce(g.keyword_status, '') NOT LIKE 'Total:%'
  AND coalesce(g.keyword, '') NOT LIKE 'Total:%'
  AND coalesce(g.match_type, '') NOT LIKE 'Total:%';
