-- meta_ads_manager.sql: Meta Ads Manager ad-level report (Ads Manager >
-- Ads > Reports > Export table data > .csv) into ad_spend.
--
-- The export: UTF-8, one row per ad and reporting period, "Reporting
-- starts","Reporting ends","Ad name","Ad delivery","Ad set name",...,
-- Results,"Result indicator",Reach,Impressions,"Cost per results",...,
-- "Amount spent (PHP)",...,"Purchases conversion value",...,"Link clicks"
-- (the set of columns is the user's). The currency is only in the header
-- names: "Amount spent (PHP)", "Cost per purchase (PHP)".
--
-- SQL cannot pick a column by a name it finds at run time, so one line of
-- yours names the spend column; the import then reads the currency from
-- that header (pragma_table_info) and stops with a NOT NULL error on
-- ad_spend.currency if there is no "Amount spent (...)" column, or a
-- CHECK error if there are two (no row mixes currencies):
--
--   sqlite> CREATE VIRTUAL TABLE temp.meta_ads_csv
--      ...>   USING kpi_csv(filename='exports/*-Ads-*.csv');
--   sqlite> CREATE TEMP VIEW meta_ads AS
--      ...>   SELECT *, amount_spent_php AS amount_spent FROM meta_ads_csv;
--   sqlite> .read sql/import/meta_ads_manager.sql
--
-- Mapping (ad_spend column <- export column):
--   platform 'meta_ads'; account ''; day <- Reporting starts; period_end <-
--   Reporting ends; campaign <- Ad set name (this export has no campaign
--   column; add "Campaign name" and it is taken instead); ad <- Ad name;
--   impressions <- Impressions; clicks <- Link clicks; conversions <-
--   Results when Result indicator is an action ("actions:onsite_
--   conversion.messaging_conversation_started_7d"), else NULL: an ad set
--   that optimises for reach reports people reached as its Results (40
--   ads here, 1,873,052 "results"), which are no conversions; conversion_value
--   <- Purchases conversion value; cost <- Amount spent (XXX); currency
--   <- XXX.
-- Meta's Cost per results is Amount spent / Results for actions, which
-- cac(cost, conversions) gives back, and Amount spent per 1,000 people
-- reached for reach, which cpm(cost, Results) gives back
-- (tests/platforms.test).
-- Rows without an Ad name (the summary row "Results from N ads" that some
-- exports end with) are sums of the others and are dropped.
INSERT OR REPLACE INTO ad_spend (
  platform, account, day, period_end, campaign, ad, impressions, clicks,
  conversions, conversion_value, cost, currency)
SELECT 'meta_ads', '', m.reporting_starts, m.reporting_ends,
       coalesce(m.ad_set_name, ''), m.ad_name, m.impressions, m.link_clicks,
       CASE WHEN m.result_indicator LIKE 'actions:%' THEN m.results END,
       m.purchases_conversion_value, coalesce(m.amount_spent, 0),
       (SELECT CASE WHEN count(*) = 1 THEN upper(substr(min(name), 14))
                    ELSE 'two currencies' END
        FROM pragma_table_info('meta_ads', 'temp')
        WHERE name LIKE 'amount\_spent\_%' ESCAPE '\'
          AND name <> 'amount_spent')
FROM temp.meta_ads AS m
WHERE coalesce(m.ad_name, '') <> '';
