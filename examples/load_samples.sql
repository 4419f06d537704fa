-- load_samples.sql: loads the sample exports of examples/exports/ into the
-- canonical tables, each through its sql/import/ file. Run it from the
-- repository root, after .load ./kpi and .read sql/schema.sql:
--
--   sqlite> .read examples/load_samples.sql
--
-- The pattern for your own exports is the same: create the kpi_csv table
-- under the name the import file documents, read the import file, drop
-- the table.

-- The exports carry no language; the demo brand runs one account, page,
-- support handle and helpdesk group per language.
INSERT OR REPLACE INTO accounts (platform, account, language) VALUES
  ('x', 'kpidemo', 'en'), ('x', 'kpidemo_fr', 'fr'),
  ('facebook', 'KPI Demo', 'en'), ('facebook', 'KPI Démo France', 'fr'),
  ('x', 'kpidemo_help', 'en'), ('x', 'kpidemo_aide', 'fr'),
  ('zendesk', 'Support EN', 'en'), ('zendesk', 'Support FR', 'fr'),
  ('instagram', 'kpidemo', 'en'), ('instagram', 'kpidemo_fr', 'fr'),
  ('tiktok', 'kpidemo', 'en'), ('tiktok', 'kpidemo_fr', 'fr'),
  ('google_ads', '123-456-7890', 'en'), ('linkedin', 'kpidemo', 'en');

-- Both accounts' monthly X exports at once: kpi_csv reads a glob.
CREATE VIRTUAL TABLE temp.x_tweet_activity USING kpi_csv(
  filename='examples/exports/tweet_activity_metrics_*.csv');
.read sql/import/x_tweet_activity.sql
DROP TABLE temp.x_tweet_activity;

CREATE VIRTUAL TABLE temp.facebook_hootsuite USING kpi_csv(
  filename='examples/exports/facebook_post_performance_*.csv');
.read sql/import/facebook_hootsuite.sql
DROP TABLE temp.facebook_hootsuite;

CREATE VIRTUAL TABLE temp.zendesk_tickets USING kpi_csv(
  filename='examples/exports/zendesk_tickets_2025-0*.csv');
.read sql/import/zendesk_tickets.sql
DROP TABLE temp.zendesk_tickets;

-- NPS answers to the survey sent after each ticket, onto those tickets.
CREATE VIRTUAL TABLE temp.nps_survey USING kpi_csv(
  filename='examples/exports/nps_survey_2025-03.csv');
.read sql/import/nps_survey.sql
DROP TABLE temp.nps_survey;

CREATE VIRTUAL TABLE temp.twcs USING kpi_csv(
  filename='examples/exports/twcs_sample*.csv');
.read sql/import/twcs.sql
DROP TABLE temp.twcs;

-- The sentiment of each customer message, once the conversations are in.
CREATE VIRTUAL TABLE temp.sentiment_labels USING kpi_csv(
  filename='examples/exports/sentiment_labels.csv');
.read sql/import/sentiment.sql
DROP TABLE temp.sentiment_labels;

CREATE VIRTUAL TABLE temp.ab_udacity USING kpi_csv(
  filename='examples/exports/ab_data_help_widget.csv');
.read sql/import/ab_udacity.sql
DROP TABLE temp.ab_udacity;

-- Revenue: the CRM's links from support tickets to customers and codes
-- (before the orders, which name a code's channel from them), the UTM
-- click log, the Shopify orders.
CREATE VIRTUAL TABLE temp.crm_links USING kpi_csv(
  filename='examples/exports/crm_conversation_links.csv', types='text');
.read sql/import/conversation_links.sql
DROP TABLE temp.crm_links;

CREATE VIRTUAL TABLE temp.utm_clicks USING kpi_csv(
  filename='examples/exports/utm_clicks_2025-03.csv', types='text');
.read sql/import/utm_clicks.sql
DROP TABLE temp.utm_clicks;

CREATE VIRTUAL TABLE temp.orders USING kpi_csv(
  filename='examples/exports/orders_export_1.csv');
.read sql/import/orders.sql
DROP TABLE temp.orders;

-- Instagram posts (Meta Business Suite) and TikTok videos (TikTok Studio)
-- of both accounts: globs again.
CREATE VIRTUAL TABLE temp.meta_ig_posts USING kpi_csv(
  filename='examples/exports/*_instagram_posts.csv');
.read sql/import/meta_bs_instagram_posts.sql
DROP TABLE temp.meta_ig_posts;

CREATE VIRTUAL TABLE temp.tiktok_content USING kpi_csv(
  filename='examples/exports/Content_*.csv', export_date='2025-03-31');
.read sql/import/tiktok_content.sql
DROP TABLE temp.tiktok_content;

-- LinkedIn's creator analytics, a workbook (kpi_xlsx): its days into
-- page_days. The workbook does not name the member.
CREATE VIRTUAL TABLE temp.linkedin_engagement USING kpi_xlsx(
  filename='examples/exports/Content_*_KPIDemo.xlsx', sheet='ENGAGEMENT');
CREATE VIRTUAL TABLE temp.linkedin_followers USING kpi_xlsx(
  filename='examples/exports/Content_*_KPIDemo.xlsx', sheet='FOLLOWERS',
  skip=1);
CREATE VIRTUAL TABLE temp.linkedin_followers_total USING kpi_xlsx(
  filename='examples/exports/Content_*_KPIDemo.xlsx', sheet='FOLLOWERS',
  header=no, range='A1:B1');
CREATE TEMP TABLE linkedin_account AS SELECT 'kpidemo' AS account;
.read sql/import/linkedin_creator.sql
DROP TABLE temp.linkedin_engagement;
DROP TABLE temp.linkedin_followers;
DROP TABLE temp.linkedin_followers_total;
DROP TABLE temp.linkedin_account;

-- Ad spend for March: the Google Ads campaign report (its period row,
-- "1 March 2025 - 31 March 2025", written out as the import asks) and the
-- Meta Ads Manager ad report, whose spend column names the currency.
CREATE VIRTUAL TABLE temp.google_ads_campaigns USING kpi_csv(
  filename='examples/exports/Campaign report 2025-03.csv');
CREATE TEMP TABLE google_ads_period AS
  SELECT '123-456-7890' AS account, '2025-03-01' AS day,
         '2025-03-31' AS period_end;
.read sql/import/google_ads_campaigns.sql
DROP TABLE temp.google_ads_campaigns;
DROP TABLE temp.google_ads_period;

CREATE VIRTUAL TABLE temp.meta_ads_csv USING kpi_csv(
  filename='examples/exports/KPI-Demo-Ads-*.csv');
CREATE TEMP VIEW meta_ads AS
  SELECT *, amount_spent_cad AS amount_spent FROM meta_ads_csv;
.read sql/import/meta_ads_manager.sql
DROP VIEW temp.meta_ads;
DROP TABLE temp.meta_ads_csv;

-- The inputs of the ROI cases (sql/roi.sql): for the sample's CAD store,
-- the support team's monthly cost, everything else measured from the
-- tables; and the guide's own example in USD (AOV 80, 2 % of messages
-- converting, a 0.5-point gain), with 1000 messages a month handled at
-- 1.20 each.
INSERT OR REPLACE INTO kpi_roi_params (currency, support_cost_month)
  VALUES ('CAD', 4200);
INSERT OR REPLACE INTO kpi_roi_params (currency, aov, conversion_rate,
  conversion_gain, monthly_messages, cost_per_interaction)
  VALUES ('USD', 80, 0.02, 0.005, 1000, 1.20);
