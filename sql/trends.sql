-- trends.sql: week-over-week deltas, trailing baselines and trend
-- directions for every weekly KPI, goals, and the cadences of the guides
-- (a daily inbox health view, a monthly executive view).
--
--   sqlite> .load ./kpi
--   sqlite> .read sql/schema.sql
--   sqlite> .read sql/views.sql
--   sqlite> .read sql/trends.sql
--   sqlite> SELECT * FROM v_trends WHERE week = '2025-04-28';
--
-- TD-1  v_kpi_weekly (TEMP): the weekly dashboard (sql/views.sql
--      v_dashboard_weekly) in long form, one row per week, platform,
--      language and kpi with a value: engagement_rate, ctr, conversations,
--      response_rate, frt_median_min, frt_p90_min, aht_h, resolution_rate,
--      csat, nps, sla_1h, and from conversations.sentiment net_sentiment
--      and negative_share (sentiment_share of 'negative').
-- TD-2  v_trends (TEMP): each row of v_kpi_weekly with previous (the
--      value of the calendar week before, NULL when that week has none),
--      delta = value - previous, baseline_4w and baseline_13w (the mean
--      of the weekly values of the 4 and 13 calendar weeks before, the
--      current week left out; weeks without a value are not counted),
--      and trend over the 13 weeks ending with this one (trend(value,
--      week): slope_per_week = 7 x its slope per day, direction up, down
--      or stable when its 95 % interval holds 0; NULL with fewer than 3
--      weeks). Baselines of rates are means of weekly rates here (each
--      week counts once, whatever its volume), not ratios of sums.
-- TD-3  kpi_goals(kpi, platform, language, target, due, better) is a plain
--      table of the main database: better is 'higher' (the default) or
--      'lower' (FRT and handling times). v_goal_progress (TEMP): one row
--      per goal with the latest week that has a value, that value, the
--      target, the due date, the trend direction and an observation:
--      'goal met', 'on track' (the trend moves toward the target), 'moving
--      away' (it moves the other way) or 'stable, not at goal' — the
--      guides' table "KPI · valeur actuelle · objectif · tendance ·
--      observations".
-- TD-4  v_inbox_daily (TEMP): the daily inbox health of the guides, one
--      row per day, channel and language: conversations, answered,
--      frt_median_min (from timestamps, as views.sql), over_1h (answered
--      after more than an hour, or still waiting an hour after they came
--      in, as sql/alerts.sql AL-3 counts them, with their share), and
--      busiest_team (the team with the most conversations that day).
-- TD-5  v_executive_monthly (TEMP): one row per month ('YYYY-MM'), all
--      channels and languages: conversations, conversions (converted
--      conversations, sum of the flag) and conversion_rate (over the
--      conversations whose converted flag is known), csat and
--      net_sentiment. Spend, cost per conversation and ROI
--      need ad_spend and the revenue tables of sql/roi.sql, which this
--      view does not read.

DROP VIEW IF EXISTS temp.v_kpi_weekly;
CREATE TEMP VIEW v_kpi_weekly AS
WITH d AS (SELECT * FROM v_dashboard_weekly),
s AS (
  SELECT date(week_s, 'unixepoch') AS week, channel AS platform,
         coalesce(language, 'und') AS language,
         net_sentiment(nullif(trim(sentiment), '')) AS net_sentiment,
         sentiment_share(nullif(trim(sentiment), ''), 'negative')
           AS negative_share
  FROM main.conversations GROUP BY 1, 2, 3
)
SELECT week, platform, language, kpi, value FROM (
  SELECT week, platform, language, 'engagement_rate' AS kpi,
         engagement_rate AS value FROM d
  UNION ALL SELECT week, platform, language, 'ctr', ctr FROM d
  UNION ALL SELECT week, platform, language, 'conversations', conversations
    FROM d
  UNION ALL SELECT week, platform, language, 'response_rate', response_rate
    FROM d
  UNION ALL SELECT week, platform, language, 'frt_median_min', frt_median_min
    FROM d
  UNION ALL SELECT week, platform, language, 'frt_p90_min', frt_p90_min FROM d
  UNION ALL SELECT week, platform, language, 'aht_h', aht_h FROM d
  UNION ALL SELECT week, platform, language, 'resolution_rate',
    resolution_rate FROM d
  UNION ALL SELECT week, platform, language, 'csat', csat FROM d
  UNION ALL SELECT week, platform, language, 'nps', nps FROM d
  UNION ALL SELECT week, platform, language, 'sla_1h', sla_1h FROM d
  UNION ALL SELECT week, platform, language, 'net_sentiment', net_sentiment
    FROM s
  UNION ALL SELECT week, platform, language, 'negative_share',
    negative_share FROM s
)
WHERE value IS NOT NULL;

DROP VIEW IF EXISTS temp.v_trends;
CREATE TEMP VIEW v_trends AS
WITH t AS (
  SELECT week, platform, language, kpi, value,
         max(value) OVER (w RANGE BETWEEN 7 PRECEDING AND 7 PRECEDING)
           AS previous,
         avg(value) OVER (w RANGE BETWEEN 28 PRECEDING AND 7 PRECEDING)
           AS baseline_4w,
         avg(value) OVER (w RANGE BETWEEN 91 PRECEDING AND 7 PRECEDING)
           AS baseline_13w,
         trend(value, week) OVER (w RANGE BETWEEN 84 PRECEDING AND CURRENT ROW)
           AS tr
  FROM v_kpi_weekly
  WINDOW w AS (PARTITION BY platform, language, kpi
               ORDER BY julianday(week))
)
SELECT week, platform, language, kpi, value, previous,
       value - previous AS delta, baseline_4w, baseline_13w,
       7 * (tr ->> '$.slope') AS slope_per_week,
       tr ->> '$.direction' AS trend
FROM t;

CREATE TABLE IF NOT EXISTS main.kpi_goals (
  kpi      TEXT NOT NULL,
  platform TEXT NOT NULL,
  language TEXT NOT NULL DEFAULT 'und',
  target   REAL NOT NULL,
  due      TEXT
    CONSTRAINT kpi_goals_due_date CHECK (due IS NULL OR due = date(due, '+0 days')),
  better   TEXT NOT NULL DEFAULT 'higher'
    CONSTRAINT kpi_goals_better CHECK (better IN ('higher', 'lower')),
  PRIMARY KEY (kpi, platform, language)
);

DROP VIEW IF EXISTS temp.v_goal_progress;
CREATE TEMP VIEW v_goal_progress AS
WITH latest AS (
  SELECT g.kpi, g.platform, g.language, g.target, g.due, g.better,
         (SELECT max(t.week) FROM v_trends AS t
          WHERE t.kpi = g.kpi AND t.platform = g.platform
            AND t.language = g.language) AS week
  FROM main.kpi_goals AS g
)
SELECT l.kpi, l.platform, l.language, l.week, t.value AS current, l.target,
       l.due, t.trend,
       CASE
         WHEN t.value IS NULL THEN 'no data'
         WHEN (l.better = 'higher' AND t.value >= l.target)
           OR (l.better = 'lower' AND t.value <= l.target) THEN 'goal met'
         WHEN t.trend IS NULL OR t.trend = 'stable' THEN 'stable, not at goal'
         WHEN (t.trend = 'up') = (l.better = 'higher') THEN 'on track'
         ELSE 'moving away'
       END AS observation
FROM latest AS l
LEFT JOIN v_trends AS t
  ON t.kpi = l.kpi AND t.platform = l.platform AND t.language = l.language
 AND t.week = l.week;

DROP VIEW IF EXISTS temp.v_inbox_daily;
CREATE TEMP VIEW v_inbox_daily AS
WITH asof AS (
  SELECT max(max(received_s), coalesce(max(first_response_s), 0)) AS s
  FROM main.conversations
), c AS (
  SELECT date(received_s, 'unixepoch') AS day, channel,
         coalesce(language, 'und') AS language, team, received_s,
         first_response_s,
         (first_response_s IS NOT NULL
          OR first_response_business_s IS NOT NULL) AS answered,
         coalesce(frt(received_s, first_response_s),
                  first_response_business_s) AS frt_s
  FROM main.conversations
), teams AS (
  SELECT day, channel, language, team,
         row_number() OVER (PARTITION BY day, channel, language
                            ORDER BY count(*) DESC, team) AS rk
  FROM c GROUP BY day, channel, language, team
), daily AS (
  SELECT day, channel, language, count(*) AS conversations,
         sum(answered) AS answered,
         frt_median(received_s, first_response_s) / 60.0 AS frt_median_min,
         sum(CASE WHEN answered THEN frt_s > 3600
                  ELSE (SELECT s FROM asof) - received_s > 3600 END) AS over_1h
  FROM c
  GROUP BY day, channel, language
)
SELECT d.day, d.channel, d.language, d.conversations, d.answered,
       d.frt_median_min, d.over_1h, 1.0 * d.over_1h / d.conversations
         AS over_1h_share, t.team AS busiest_team
FROM daily AS d
LEFT JOIN teams AS t ON t.day = d.day AND t.channel = d.channel
 AND t.language = d.language AND t.rk = 1;

DROP VIEW IF EXISTS temp.v_executive_monthly;
CREATE TEMP VIEW v_executive_monthly AS
SELECT strftime('%Y-%m', received_s, 'unixepoch') AS month,
       count(*) AS conversations,
       sum(converted) AS conversions,
       conversion_rate(converted, converted IS NOT NULL) AS conversion_rate,
       csat(csat) AS csat,
       net_sentiment(nullif(trim(sentiment), '')) AS net_sentiment
FROM main.conversations
GROUP BY 1;
