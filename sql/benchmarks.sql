-- benchmarks.sql: the engagement-rate ranges the guides publish per
-- platform, and a view placing each platform's weekly rate against them
-- (SPEC 8).
--
--   sqlite> .load ./kpi
--   sqlite> .read sql/schema.sql
--   sqlite> .read sql/views.sql
--   sqlite> .read sql/benchmarks.sql
--   sqlite> SELECT * FROM v_benchmarks;
--
-- BM-1  kpi_benchmarks(platform, metric, basis, low, high, source) is a
--      plain table of the main database, filled with the ranges of
--      ../shared/seeds/000 ("Exemples de gammes de benchmarks"): metric
--      engagement_rate, basis 'follower' (engagements / followers) or
--      'impression' (engagements / impressions), low and high as fractions.
--      Instagram 0.5-3 % per follower and 1-5 % per impression, TikTok 2-9 %
--      and 4-12 %, Facebook 0.1-1 % and 0.5-3 %, LinkedIn 0.1-1 % per
--      follower. Reading the file again keeps rows a user changed (INSERT
--      OR IGNORE); add rows for your own sector.
-- BM-2  v_benchmarks (TEMP): one row per week, platform, language and
--      basis for which both a weekly rate and a band exist: rate, low,
--      high, and position 'below' (rate < low), 'within' (low <= rate <=
--      high) or 'above' (rate > high). The per-impression rate is
--      engagement_rate(engagements, impressions) over the week's posts
--      (a ratio of sums, VW-5); the per-follower rate is
--      engagement_rate_per_follower(engagements, followers), the mean of
--      each post's engagements / followers (followers is a snapshot, SPEC
--      2). A week whose posts carry no followers has no per-follower row.

CREATE TABLE IF NOT EXISTS main.kpi_benchmarks (
  platform TEXT NOT NULL
    CONSTRAINT kpi_benchmarks_platform_lower
    CHECK (platform <> '' AND platform = lower(platform)),
  metric   TEXT NOT NULL,
  basis    TEXT NOT NULL
    CONSTRAINT kpi_benchmarks_basis CHECK (basis IN ('follower', 'impression')),
  low      REAL NOT NULL,
  high     REAL NOT NULL,
  source   TEXT,
  CONSTRAINT kpi_benchmarks_band CHECK (low >= 0 AND low <= high),
  PRIMARY KEY (platform, metric, basis)
);
INSERT OR IGNORE INTO main.kpi_benchmarks VALUES
  ('instagram', 'engagement_rate', 'follower', 0.005, 0.03, 'seeds/000'),
  ('instagram', 'engagement_rate', 'impression', 0.01, 0.05, 'seeds/000'),
  ('tiktok', 'engagement_rate', 'follower', 0.02, 0.09, 'seeds/000'),
  ('tiktok', 'engagement_rate', 'impression', 0.04, 0.12, 'seeds/000'),
  ('facebook', 'engagement_rate', 'follower', 0.001, 0.01, 'seeds/000'),
  ('facebook', 'engagement_rate', 'impression', 0.005, 0.03, 'seeds/000'),
  ('linkedin', 'engagement_rate', 'follower', 0.001, 0.01, 'seeds/000');

DROP VIEW IF EXISTS temp.v_benchmarks;
CREATE TEMP VIEW v_benchmarks AS
WITH rates AS (
  SELECT date(published_at, 'weekday 0', '-6 days') AS week, platform,
         coalesce(language, 'und') AS language,
         engagement_rate(engagements, impressions) AS per_impression,
         engagement_rate_per_follower(engagements, followers) AS per_follower
  FROM main.posts
  WHERE published_at IS NOT NULL
  GROUP BY 1, 2, 3
), long AS (
  SELECT week, platform, language, 'impression' AS basis,
         per_impression AS rate FROM rates
  UNION ALL
  SELECT week, platform, language, 'follower', per_follower FROM rates
)
SELECT l.week, l.platform, l.language, b.metric, l.basis, l.rate, b.low,
       b.high,
       CASE WHEN l.rate < b.low THEN 'below'
            WHEN l.rate > b.high THEN 'above' ELSE 'within' END AS position,
       b.source
FROM long AS l
JOIN main.kpi_benchmarks AS b
  ON b.platform = l.platform AND b.basis = l.basis
 AND b.metric = 'engagement_rate'
WHERE l.rate IS NOT NULL;
