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
  ('zendesk', 'Support EN', 'en'), ('zendesk', 'Support FR', 'fr');

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
