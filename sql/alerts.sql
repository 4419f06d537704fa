-- alerts.sql: the alert rules of the guides as rows of a table, and the
-- view of the rules that fire (SPEC 8).
--
--   sqlite> .load ./kpi
--   sqlite> .read sql/schema.sql
--   sqlite> .read sql/alerts.sql
--   sqlite> SELECT * FROM v_alerts;
--
-- AL-1  kpi_alert_rules is a plain table of the main database: one row per
--      rule, each on by default (enabled 1). Reading this file again adds
--      the rules that are missing and leaves the rows a user changed as
--      they are (INSERT OR IGNORE); UPDATE a row to change a threshold,
--      set enabled = 0 to switch a rule off, DELETE it and read the file
--      again to get the default back.
-- AL-2  v_alerts is TEMP (as sql/views.sql VW-1): one row per firing rule
--      and period, with period ('YYYY-MM-DD': the day, or the Monday of
--      the week, sql/views.sql VW-2), platform (the conversations'
--      channel, or 'all'), language ('und' for none, VW-3), kpi, value,
--      baseline, threshold, score (the number compared with the
--      threshold), rule, severity and detail (the numbers in words). A
--      rule that is disabled fires nothing.
-- AL-3  frt_over_limit (daily): the share of a day's conversations,
--      per channel and language, whose first response took longer than
--      limit_s (3600 s), or that are still unanswered limit_s after they
--      came in (as of the latest instant in conversations: the data's
--      "now"). Fires when the share is above threshold (0.10). A
--      conversation answered in any form never counts as missed: when the
--      export gives its first reply only in business seconds (Zendesk),
--      those seconds are its response time. baseline: the share over the
--      7 days before.
-- AL-4  volume_spike (weekly): conversations per week, channel and
--      language, weeks without any counted as 0 (between the first and
--      the last week of the data), scored by spike_score against the
--      `trailing` (8) weeks before; fires at score >= threshold (3).
--      baseline: the median of those weeks.
-- AL-5  negative_spike (weekly): the share of labelled conversations
--      whose sentiment is negative (sentiment_share), scored as AL-4 (a
--      share, not a count, so that a volume spike does not fire it a
--      second time). Weeks without labelled conversations have no share
--      and are not among the trailing weeks.
-- AL-6  csat_drop (weekly): CSAT (the share of scores 4 and 5) of the
--      week against the pooled scores of the `trailing` (4) weeks before,
--      by the two-proportion z-test of uplift_ci_counts (pooled, two
--      sided); fires when its p_value is below 1 - threshold (0.95) and
--      the week's CSAT is the lower. score: the p_value.
-- AL-7  language_share (weekly): each language's share of all the week's
--      conversations (platform 'all'), against the `trailing` (8) weeks
--      before by zscore (mean and sample sd of those weeks); fires when
--      |score| > threshold (3).
-- AL-8  meta_badge (daily, channels facebook, instagram and messenger):
--      Meta's "very responsive" badge, held on a day when over the 7 days
--      ending that day (`trailing`) the response rate is at least
--      threshold (0.90) and the response time is under limit_s (900 s,
--      15 minutes; the 2019 guide says 5), response time as Meta
--      measures it: the mean of the fastest 90 % of first replies (the
--      slowest floor(n / 10) left out). Fires on a day whose status
--      differs from the day before: value 1 (won) or 0 (lost), baseline
--      the day before's, score the response time in seconds.
-- AL-9  min_n: a period with fewer conversations (for csat_drop: fewer
--      scores in the week) than a rule's min_n fires nothing.
-- AL-10 conversations.sentiment (sql/schema.sql) holds each customer
--      message's sentiment, a label or a score as SPEC 9 reads it; its
--      CHECK rejects anything net_sentiment would reject, so a bad label
--      fails at import. sql/import/sentiment.sql fills it from a
--      labelling tool's export (source, id, sentiment).

CREATE TABLE IF NOT EXISTS main.kpi_alert_rules (
  rule        TEXT PRIMARY KEY,
  kpi         TEXT NOT NULL,
  cadence     TEXT NOT NULL
    CONSTRAINT kpi_alert_rules_cadence CHECK (cadence IN ('day', 'week')),
  enabled     INTEGER NOT NULL DEFAULT 1
    CONSTRAINT kpi_alert_rules_enabled CHECK (enabled IN (0, 1)),
  threshold   REAL NOT NULL,
  limit_s     REAL,      -- seconds (frt_over_limit, meta_badge)
  trailing    INTEGER    -- periods before the current one
    CONSTRAINT kpi_alert_rules_trailing CHECK (trailing IS NULL
      OR (typeof(trailing) = 'integer' AND trailing >= 1)),
  min_n       INTEGER NOT NULL DEFAULT 1,
  severity    TEXT NOT NULL,
  description TEXT
);
INSERT OR IGNORE INTO main.kpi_alert_rules
  (rule, kpi, cadence, threshold, limit_s, trailing, min_n, severity,
   description) VALUES
  ('frt_over_limit', 'frt_over_limit_share', 'day', 0.10, 3600, 7, 1, 'high',
   'FRT over an hour for more than 10 % of the day''s messages'),
  ('volume_spike', 'conversations', 'week', 3, NULL, 8, 1, 'medium',
   'conversations: spike_score >= 3 against the trailing 8 weeks'),
  ('negative_spike', 'negative_share', 'week', 3, NULL, 8, 1, 'high',
   'negative sentiment share: spike_score >= 3 against the trailing 8 weeks'),
  ('csat_drop', 'csat', 'week', 0.95, NULL, 4, 1, 'high',
   'CSAT below the trailing 4 weeks, two-proportion test at 0.95'),
  ('language_share', 'language_share', 'week', 3, NULL, 8, 1, 'low',
   'a language''s share of volume moves by more than 3 trailing sd'),
  ('meta_badge', 'very_responsive', 'day', 0.90, 900, 7, 1, 'medium',
   'Meta very responsive badge (7 days: response rate >= 90 %, '
   || 'response time < 15 min) won or lost');

-- One row per conversation, as the rules read it.
DROP VIEW IF EXISTS temp.v_alert_conversations;
CREATE TEMP VIEW v_alert_conversations AS
SELECT channel,
       coalesce(language, 'und') AS language,
       date(received_s, 'unixepoch') AS day,
       date(week_s, 'unixepoch') AS week,
       received_s,
       (first_response_s IS NOT NULL
        OR first_response_business_s IS NOT NULL) AS answered,
       coalesce(frt(received_s, first_response_s),
                first_response_business_s) AS frt_s,
       first_response_s IS NOT NULL AS timed,
       csat,
       nullif(trim(sentiment), '') AS sentiment
FROM main.conversations;

DROP VIEW IF EXISTS temp.v_alerts;
CREATE TEMP VIEW v_alerts AS
WITH
asof AS (  -- AL-3: the data's "now"
  SELECT max(max(received_s), coalesce(max(first_response_s), 0),
             coalesce(max(closed_s), 0)) AS s
  FROM main.conversations
),
r AS (SELECT * FROM main.kpi_alert_rules WHERE enabled = 1),
-- AL-3
frt_day AS (
  SELECT c.channel, c.language, c.day, count(*) AS n,
         sum(CASE WHEN c.answered THEN c.frt_s > r.limit_s
                  ELSE (SELECT s FROM asof) - c.received_s > r.limit_s
             END) AS late
  FROM v_alert_conversations AS c, r
  WHERE r.rule = 'frt_over_limit'
  GROUP BY c.channel, c.language, c.day
),
frt_rule AS (
  SELECT f.*, 1.0 * f.late / f.n AS share,
         1.0 * sum(f.late) OVER before_day / sum(f.n) OVER before_day
           AS before
  FROM frt_day AS f
  WINDOW before_day AS (PARTITION BY f.channel, f.language
                        ORDER BY julianday(f.day)
                        RANGE BETWEEN 7 PRECEDING AND 1 PRECEDING)
),
weekly_raw AS (
  SELECT channel, language, week, count(*) AS n,
         sentiment_share(sentiment, 'negative') AS negative,
         count(csat) AS rated, sum(csat >= 4) AS top2
  FROM v_alert_conversations
  GROUP BY channel, language, week
),
-- weeks between the first and the last of the data (AL-4)
weeks(week) AS (
  SELECT min(week) FROM weekly_raw
  UNION ALL
  SELECT date(week, '+7 days') FROM weeks
  WHERE week < (SELECT max(week) FROM weekly_raw)
),
groups AS (SELECT DISTINCT channel, language FROM weekly_raw),
weekly AS (
  SELECT g.channel, g.language, w.week, coalesce(c.n, 0) AS n, c.negative,
         coalesce(c.rated, 0) AS rated, coalesce(c.top2, 0) AS top2
  FROM groups AS g CROSS JOIN weeks AS w
  LEFT JOIN weekly_raw AS c
    ON c.channel = g.channel AND c.language = g.language AND c.week = w.week
),
-- each week with the trailing weeks before it, the week itself last, so a
-- window over (channel, language, target) ordered by week tests it
-- against the others (spike_score's "current row")
spike_frames AS (
  SELECT r.rule, t.channel, t.language, t.week AS target, o.week,
         CASE r.rule WHEN 'volume_spike' THEN o.n ELSE o.negative END AS x,
         t.n AS target_n
  FROM r
  JOIN weekly AS t ON r.rule IN ('volume_spike', 'negative_spike')
  JOIN weekly AS o ON o.channel = t.channel AND o.language = t.language
   AND o.week BETWEEN date(t.week, printf('-%d days', 7 * r.trailing))
                  AND t.week
),
spike_scored AS (
  SELECT rule, channel, language, target, week, x, target_n,
         spike_score(x) OVER win AS score,
         median(x) FILTER (WHERE week < target) OVER all_rows AS base
  FROM spike_frames
  WINDOW win AS (PARTITION BY rule, channel, language, target ORDER BY week
                 ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW),
         all_rows AS (PARTITION BY rule, channel, language, target)
),
spike_rule AS (
  SELECT s.*, r.threshold, r.severity, r.kpi, r.min_n
  FROM spike_scored AS s JOIN r USING (rule)
  WHERE s.week = s.target
),
-- AL-6
csat_rule AS (
  SELECT t.channel, t.language, t.week, t.rated, t.top2,
         sum(o.rated) AS base_n, sum(o.top2) AS base_x
  FROM r
  JOIN weekly AS t ON r.rule = 'csat_drop'
  JOIN weekly AS o ON o.channel = t.channel AND o.language = t.language
   AND o.week BETWEEN date(t.week, printf('-%d days', 7 * r.trailing))
                  AND date(t.week, '-7 days')
  GROUP BY t.channel, t.language, t.week
),
csat_tested AS (
  SELECT c.*, uplift_ci_counts(c.base_n, c.base_x, c.rated, c.top2,
                               r.threshold) ->> '$.p_value' AS p
  FROM csat_rule AS c, r
  WHERE r.rule = 'csat_drop' AND c.rated >= max(r.min_n, 1) AND c.base_n > 0
),
-- AL-7
lang_week AS (
  SELECT week, language, sum(n) AS n,
         sum(sum(n)) OVER (PARTITION BY week) AS total
  FROM weekly GROUP BY week, language
),
lang_frames AS (
  SELECT t.language, t.week AS target, o.week, t.total AS target_total,
         CASE WHEN o.total > 0 THEN 1.0 * o.n / o.total END AS x,
         avg(CASE WHEN o.total > 0 THEN 1.0 * o.n / o.total END)
           FILTER (WHERE o.week < t.week)
           OVER (PARTITION BY t.language, t.week) AS base,
         zscore(CASE WHEN o.total > 0 THEN 1.0 * o.n / o.total END)
           OVER (PARTITION BY t.language, t.week ORDER BY o.week
                 ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS score
  FROM r
  JOIN lang_week AS t ON r.rule = 'language_share'
  JOIN lang_week AS o ON o.language = t.language
   AND o.week BETWEEN date(t.week, printf('-%d days', 7 * r.trailing))
                  AND t.week
),
-- AL-8: each Meta conversation counts in the windows of the `trailing`
-- days that start with its own (an equi-join on the window's day, so
-- every conversation is read `trailing` times and never scanned for)
meta AS (
  SELECT * FROM v_alert_conversations
  WHERE channel IN ('facebook', 'instagram', 'messenger')
),
offsets(k) AS (
  SELECT 0 UNION ALL
  SELECT k + 1 FROM offsets
  WHERE k + 1 < (SELECT trailing FROM r WHERE rule = 'meta_badge')
),
badge_window AS (
  SELECT c.channel, c.language, date(c.day, printf('+%d days', o.k)) AS day,
         c.answered, c.timed, c.frt_s,
         row_number() OVER (PARTITION BY c.channel, c.language,
                            date(c.day, printf('+%d days', o.k)), c.timed
                            ORDER BY c.frt_s) AS k,
         count(*) FILTER (WHERE c.timed)
           OVER (PARTITION BY c.channel, c.language,
                 date(c.day, printf('+%d days', o.k))) AS n_timed
  FROM meta AS c CROSS JOIN offsets AS o
  WHERE date(c.day, printf('+%d days', o.k)) <= (SELECT max(day) FROM meta)
),
badge_day AS (
  SELECT channel, language, day, count(*) AS n,
         avg(answered) AS rate,
         avg(frt_s) FILTER (WHERE timed AND k <= n_timed - n_timed / 10)
           AS rt
  FROM badge_window
  GROUP BY channel, language, day
),
badge_status AS (
  SELECT b.*, r.threshold, r.limit_s, r.min_n, r.severity, r.kpi,
         (b.rate >= r.threshold AND coalesce(b.rt < r.limit_s, 0)) AS held
  FROM badge_day AS b, r WHERE r.rule = 'meta_badge'
),
badge_rule AS (
  SELECT s.*, p.held AS held_before
  FROM badge_status AS s
  JOIN badge_status AS p ON p.channel = s.channel AND p.language = s.language
   AND p.day = date(s.day, '-1 days')
  WHERE s.n >= s.min_n AND p.n >= p.min_n
)
SELECT f.day AS period, f.channel AS platform, f.language, r.kpi,
       f.share AS value, f.before AS baseline, r.threshold,
       f.share AS score, r.rule, r.severity,
       printf('%d of %d conversations over %d s', f.late, f.n,
              CAST(r.limit_s AS INTEGER)) AS detail
FROM frt_rule AS f, r
WHERE r.rule = 'frt_over_limit' AND f.n >= r.min_n AND f.share > r.threshold
UNION ALL
SELECT s.target, s.channel, s.language, s.kpi, s.x, s.base, s.threshold,
       s.score, s.rule, s.severity,
       printf('spike_score %.2f against the median %.4g of the trailing weeks',
              s.score, s.base)
FROM spike_rule AS s
WHERE s.target_n >= s.min_n AND s.score >= s.threshold
UNION ALL
SELECT c.week, c.channel, c.language, r.kpi, 1.0 * c.top2 / c.rated,
       1.0 * c.base_x / c.base_n, r.threshold, c.p, r.rule, r.severity,
       printf('%d of %d scores 4-5, against %d of %d before; p = %.4g',
              c.top2, c.rated, c.base_x, c.base_n, c.p)
FROM csat_tested AS c, r
WHERE r.rule = 'csat_drop' AND c.p < 1 - r.threshold
  AND 1.0 * c.top2 / c.rated < 1.0 * c.base_x / c.base_n
UNION ALL
SELECT l.target, 'all', l.language, r.kpi, l.x, l.base, r.threshold,
       l.score, r.rule, r.severity,
       printf('share %.4f against a trailing mean of %.4f (z = %.2f)',
              l.x, l.base, l.score)
FROM lang_frames AS l, r
WHERE r.rule = 'language_share' AND l.week = l.target
  AND l.target_total >= r.min_n AND abs(l.score) > r.threshold
UNION ALL
SELECT b.day, b.channel, b.language, b.kpi, b.held, b.held_before,
       b.threshold, b.rt, 'meta_badge', b.severity,
       printf('%s: response rate %.4f, response time %s s over 7 days',
              CASE WHEN b.held THEN 'won' ELSE 'lost' END, b.rate,
              round(b.rt, 1))
FROM badge_rule AS b
WHERE b.held <> b.held_before;
