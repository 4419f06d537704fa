-- google_ads_campaigns.sql: Google Ads "Campaign report" (Campaigns >
-- Download > CSV) into ad_spend.
--
-- The export: two title rows ("Campaign report", then the period: "All
-- time" or "1 May 2026 - 8 May 2026"), then the header Campaign status,
-- Campaign,Budget,Budget name,Budget type,Status,Status reasons,Campaign
-- type,Impr.,Interactions,Interaction rate,Currency code,Avg. cost,Cost,
-- ...,Avg. CPC,...,Clicks,Conv. rate,Conversions,Cost / conv. (the set of
-- columns is the user's). Numbers carry thousands separators ("795,836",
-- "4,838.80"), " --" stands for no value, rates are "1.16%"; kpi_csv reads
-- all of that with default options (ext/csvtab.c, sniff.h).
--
-- The period is in a title row that kpi_csv skips, and "All time" names no
-- first day, so the import takes it from a one-row table you write:
--
--   sqlite> CREATE VIRTUAL TABLE temp.google_ads_campaigns
--      ...>   USING kpi_csv(filename='exports/Campaign report.csv');
--   sqlite> CREATE TEMP TABLE google_ads_period AS
--      ...>   SELECT '' AS account, '2026-05-01' AS day, '2026-05-08' AS period_end;
--   sqlite> .read sql/import/google_ads_campaigns.sql
--
-- Mapping (ad_spend column <- export column):
--   platform 'google_ads'; account, day, period_end <- google_ads_period;
--   campaign <- Campaign; ad ''; impressions <- Impr.; clicks <- Clicks
--   (not Interactions: a Performance Max campaign counts 120,475
--   interactions and 4,687 clicks, and Avg. CPC is Cost / Clicks);
--   conversions <- Conversions; conversion_value <- Conv. value when the
--   export has it, else NULL (this report has none); cost <- Cost;
--   currency <- Currency code.
-- Google's own columns are ratios of these: Avg. CPC = cpc(cost, clicks),
-- Interaction rate = ctr(Interactions, Impr.), Conv. rate =
-- conversion_rate(Conversions, Interactions), Cost / conv. =
-- cac(cost, conversions) (tests/platforms.test checks each campaign).
-- Rows whose Campaign status starts with "Total:" are dropped: they are
-- sums, and "Total: Account" also counts campaigns the rows do not list
-- (here 14,122,564 impressions against 14,117,313 in "Total: Campaigns").
-- Importing the same period again replaces its rows.
INSERT OR REPLACE INTO ad_spend (
  platform, account, day, period_end, campaign, ad, impressions, clicks,
  conversions, conversion_value, cost, currency)
SELECT 'google_ads', coalesce(p.account, ''), p.day, p.period_end,
       g.campaign, '', g.impr, g.clicks, g.conversions, NULL, g.cost,
       upper(g.currency_code)
FROM temp.google_ads_campaigns AS g, temp.google_ads_period AS p
WHERE g.campaign_status NOT LIKE 'Total:%';
