-- materialize.sql: writes the views of sql/views.sql into plain kpi_*
-- tables of the main database, for BI tools and anything else that cannot
-- load the extension (SPEC 7).
--
--   sqlite> .load ./kpi
--   sqlite> .read sql/views.sql
--   sqlite> .read sql/materialize.sql
--   $ sqlite3 kpi_dashboard.db 'SELECT * FROM kpi_dashboard_weekly'  # no .load
--
-- M-1  Tables: kpi_posts_weekly, kpi_conversations_weekly,
--      kpi_dashboard_weekly, kpi_experiments, kpi_message_to_sale_weekly,
--      kpi_alerts (same columns as the v_*
--      views, plus refreshed_at), and kpi_refresh (one row per table: its
--      name, row count and refresh time).
-- M-2  Each run replaces the tables whole, so they always match the views
--      (a week that lost all its rows does not linger).
-- M-3  All or nothing when the caller stops at the first error: the run is
--      one savepoint, released at the very end, so a failing view leaves
--      the open savepoint to roll back and the previous tables untouched.
--      Python's executescript, Tcl's `db eval` and `sqlite3 -bail` stop
--      there; the interactive shell goes on after an error unless you say
--      `.bail on` first (make demo does). A savepoint works inside and
--      outside a transaction the caller opened.
-- M-4  Every row of one run carries the same refreshed_at, UTC
--      'YYYY-MM-DDTHH:MM:SSZ', taken once at the start.
-- M-5  Plain tables with declared column types (TEXT, INTEGER, REAL): no
--      STRICT, no views, nothing that needs kpi or a recent SQLite to read.
-- M-6  Each view is computed once: kpi_dashboard_weekly joins the two
--      weekly tables this run wrote, as v_dashboard_weekly joins the views.

SAVEPOINT kpi_materialize;

DROP TABLE IF EXISTS temp.kpi_refresh_clock;
CREATE TEMP TABLE kpi_refresh_clock AS
  SELECT strftime('%Y-%m-%dT%H:%M:%SZ', 'now') AS at;

DROP TABLE IF EXISTS main.kpi_posts_weekly;
CREATE TABLE main.kpi_posts_weekly (
  week TEXT, platform TEXT, language TEXT, posts INTEGER,
  impressions INTEGER, reach INTEGER, engagements INTEGER,
  engagement_rate REAL, engagement_rate_reach REAL, ctr REAL,
  refreshed_at TEXT,
  PRIMARY KEY (week, platform, language)
);
INSERT INTO main.kpi_posts_weekly
  SELECT v.*, (SELECT at FROM temp.kpi_refresh_clock)
  FROM temp.v_posts_weekly AS v;

DROP TABLE IF EXISTS main.kpi_conversations_weekly;
CREATE TABLE main.kpi_conversations_weekly (
  week TEXT, channel TEXT, language TEXT, conversations INTEGER,
  response_rate REAL, frt_median_min REAL, frt_p90_min REAL,
  frt_bh_median_min REAL, aht_h REAL, resolution_rate REAL, csat REAL,
  nps REAL, sla_1h REAL,
  refreshed_at TEXT,
  PRIMARY KEY (week, channel, language)
);
INSERT INTO main.kpi_conversations_weekly
  SELECT v.*, (SELECT at FROM temp.kpi_refresh_clock)
  FROM temp.v_conversations_weekly AS v;

DROP TABLE IF EXISTS main.kpi_dashboard_weekly;
CREATE TABLE main.kpi_dashboard_weekly (
  week TEXT, platform TEXT, language TEXT,
  posts INTEGER, impressions INTEGER, engagement_rate REAL, ctr REAL,
  conversations INTEGER, response_rate REAL, frt_median_min REAL,
  frt_p90_min REAL, frt_bh_median_min REAL, aht_h REAL,
  resolution_rate REAL, csat REAL, nps REAL, sla_1h REAL,
  refreshed_at TEXT,
  PRIMARY KEY (week, platform, language)
);
-- M-6: from the two tables just written, not from v_dashboard_weekly,
-- which would compute both weekly views a second time; the same FULL JOIN
-- as that view (sql/views.sql), so the same rows.
INSERT INTO main.kpi_dashboard_weekly
  SELECT coalesce(p.week, c.week), coalesce(p.platform, c.channel),
         coalesce(p.language, c.language),
         p.posts, p.impressions, p.engagement_rate, p.ctr,
         c.conversations, c.response_rate, c.frt_median_min, c.frt_p90_min,
         c.frt_bh_median_min, c.aht_h, c.resolution_rate, c.csat, c.nps,
         c.sla_1h, (SELECT at FROM temp.kpi_refresh_clock)
  FROM main.kpi_posts_weekly AS p
  FULL JOIN main.kpi_conversations_weekly AS c
    ON c.week = p.week AND c.channel = p.platform
       AND c.language = p.language;

DROP TABLE IF EXISTS main.kpi_experiments;
CREATE TABLE main.kpi_experiments (
  experiment TEXT, outcome TEXT, kind TEXT,
  control_n INTEGER, treatment_n INTEGER, control REAL, treatment REAL,
  diff REAL, diff_lo REAL, diff_hi REAL,
  lift REAL, lift_lo REAL, lift_hi REAL, p_value REAL,
  refreshed_at TEXT,
  PRIMARY KEY (experiment, outcome)
);
INSERT INTO main.kpi_experiments
  SELECT v.*, (SELECT at FROM temp.kpi_refresh_clock)
  FROM temp.v_experiments AS v;

-- The message-to-sale view (sql/views.sql MS-4), as the others.
DROP TABLE IF EXISTS main.kpi_message_to_sale_weekly;
CREATE TABLE main.kpi_message_to_sale_weekly (
  week TEXT, channel TEXT, language TEXT, conversations INTEGER,
  tracked INTEGER, sales INTEGER, sales_tagged INTEGER, sales_promo INTEGER,
  sales_journey INTEGER, message_to_sale REAL,
  refreshed_at TEXT,
  PRIMARY KEY (week, channel, language)
);
INSERT INTO main.kpi_message_to_sale_weekly
  SELECT v.*, (SELECT at FROM temp.kpi_refresh_clock)
  FROM temp.v_message_to_sale_weekly AS v;

-- sql/alerts.sql AL-2: the alerts that fire, for a BI tool or a mail job
-- without kpi. Read sql/alerts.sql before this file: without it, no rule
-- is defined in this connection and kpi_alerts is written empty (this
-- stand-in view has v_alerts' columns and no rows; alerts.sql replaces it).
CREATE TEMP VIEW IF NOT EXISTS v_alerts AS
  SELECT NULL AS period, NULL AS platform, NULL AS language, NULL AS kpi,
         NULL AS value, NULL AS baseline, NULL AS threshold, NULL AS score,
         NULL AS rule, NULL AS severity, NULL AS detail
  WHERE 0;
DROP TABLE IF EXISTS main.kpi_alerts;
CREATE TABLE main.kpi_alerts (
  period TEXT, platform TEXT, language TEXT, kpi TEXT, value REAL,
  baseline REAL, threshold REAL, score REAL, rule TEXT, severity TEXT,
  detail TEXT,
  refreshed_at TEXT,
  PRIMARY KEY (rule, period, platform, language)
);
INSERT INTO main.kpi_alerts
  SELECT v.*, (SELECT at FROM temp.kpi_refresh_clock)
  FROM temp.v_alerts AS v;

DROP TABLE IF EXISTS main.kpi_refresh;
CREATE TABLE main.kpi_refresh (
  table_name TEXT PRIMARY KEY, row_count INTEGER, refreshed_at TEXT
);
INSERT INTO main.kpi_refresh
  SELECT t, n, (SELECT at FROM temp.kpi_refresh_clock) FROM (
    SELECT 'kpi_posts_weekly' AS t, count(*) AS n FROM main.kpi_posts_weekly
    UNION ALL SELECT 'kpi_conversations_weekly', count(*)
      FROM main.kpi_conversations_weekly
    UNION ALL SELECT 'kpi_dashboard_weekly', count(*)
      FROM main.kpi_dashboard_weekly
    UNION ALL SELECT 'kpi_experiments', count(*) FROM main.kpi_experiments
    UNION ALL SELECT 'kpi_message_to_sale_weekly', count(*)
      FROM main.kpi_message_to_sale_weekly
    UNION ALL SELECT 'kpi_alerts', count(*) FROM main.kpi_alerts);

DROP TABLE temp.kpi_refresh_clock;

RELEASE kpi_materialize;
