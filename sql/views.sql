-- views.sql: weekly KPI dashboards over the canonical tables of
-- sql/schema.sql, and an experiment readout (SPEC 7).
--
--   sqlite> .load ./kpi
--   sqlite> .read sql/views.sql
--   sqlite> SELECT * FROM v_dashboard_weekly;
--
-- VW-1  The views are TEMP: they live in the connection that read this
--      file and are never written into a database file. A view that calls
--      kpi functions, saved in a file, breaks every tool that opens the
--      file without the extension ("no such function: frt_median"); the
--      plain tables of sql/materialize.sql are what other tools read.
--      Read this file again in each new session (after .load ./kpi).
-- VW-2  A week is the ISO week, Monday to Sunday, in UTC, named by its
--      Monday: week = date(t, 'weekday 0', '-6 days') ('2025-03-05' and
--      '2025-03-09' both fall in week '2025-03-03').
-- VW-3  language NULL is shown as 'und' (BCP 47 for "undetermined") so it
--      stays a group of its own and joins like any other value.
-- VW-4  Posts without a date (the UCI Facebook file has none) are left out
--      of the weekly views; they are still in the posts table.
-- VW-5  Every rate is a ratio of sums or a share, as the kpi aggregates
--      compute it (SPEC 2, 3): never an average of weekly or per-post rates.
-- VW-6  FRT (minutes) is measured from timestamps: frt_median and
--      frt_percentile leave unanswered conversations out, sla_1h counts
--      them as missed. A conversation whose export gives its first reply
--      only as business-hours seconds (Zendesk) has no first_response_at:
--      it counts as answered in response_rate and feeds frt_bh_median_min
--      instead. sla_1h counts only the conversations whose export records
--      reply times (replies_timed = 1, schema.sql SC-12): a Zendesk ticket,
--      answered or not, is left out, since its answered neighbours cannot
--      be counted as hits and its misses alone would make the share up.
--      sla_1h is NULL for a group in which no conversation has a
--      first_response_at: without any reply time the share would count
--      only the unanswered ones, a made-up 0.
-- VW-7  aht_h is the mean of closed_at - received_at in hours, over closed
--      conversations.
-- VW-8  v_conversations_weekly reads the conversations_weekly index only
--      (schema.sql SC-14): the unix seconds, grouped on week_s, channel and
--      language in the index's order, so no timestamp is parsed, no row is
--      sorted and one group at a time is in memory. language is never
--      'und' in the table (SC-13), so grouping on it is grouping on what
--      the view shows.
-- VW-9  An aggregate whose argument is NULL in a row skips that row
--      (SPEC 1), and over no rows gives what it gives when every row is
--      NULL: NULL. v_conversations_weekly still gives each of them a
--      FILTER (WHERE ... IS NOT NULL), so that SQLite does not call it for
--      the rows it would skip: a TWCS import has no closed_s, resolved,
--      csat, nps or business-hours time, a Zendesk one no first_response_s.
--      The FILTERs change no number; they take a sixth off the view over
--      1M tweets (0.24 s to 0.20 s), a tenth over 500k tickets.

DROP VIEW IF EXISTS temp.v_posts_weekly;
CREATE TEMP VIEW v_posts_weekly AS
SELECT date(published_at, 'weekday 0', '-6 days') AS week,
       platform,
       coalesce(language, 'und') AS language,
       count(*) AS posts,
       sum(impressions) AS impressions,
       sum(reach) AS reach,
       sum(engagements) AS engagements,
       engagement_rate(engagements, impressions) AS engagement_rate,
       engagement_rate(engagements, reach) AS engagement_rate_reach,
       ctr(clicks, impressions) AS ctr
FROM posts
WHERE published_at IS NOT NULL
GROUP BY 1, 2, 3;

DROP VIEW IF EXISTS temp.v_conversations_weekly;
CREATE TEMP VIEW v_conversations_weekly AS
SELECT date(week_s, 'unixepoch') AS week,
       channel,
       coalesce(language, 'und') AS language,
       count(*) AS conversations,
       response_rate(first_response_s IS NOT NULL
                     OR first_response_business_s IS NOT NULL)
         AS response_rate,
       -- VW-9: each FILTER leaves out the rows the aggregate would skip
       frt_median(received_s, first_response_s)
         FILTER (WHERE first_response_s IS NOT NULL) / 60.0
         AS frt_median_min,
       frt_percentile(received_s, first_response_s, 90)
         FILTER (WHERE first_response_s IS NOT NULL) / 60.0 AS frt_p90_min,
       median(first_response_business_s)
         FILTER (WHERE first_response_business_s IS NOT NULL) / 60.0
         AS frt_bh_median_min,
       aht(received_s, closed_s) FILTER (WHERE closed_s IS NOT NULL) / 3600.0
         AS aht_h,
       resolution_rate(resolved) FILTER (WHERE resolved IS NOT NULL)
         AS resolution_rate,
       csat(csat) FILTER (WHERE csat IS NOT NULL) AS csat,
       nps(nps) FILTER (WHERE nps IS NOT NULL) AS nps,
       CASE WHEN count(first_response_s) > 0
            THEN sla_rate(received_s, first_response_s, 3600)
                   FILTER (WHERE replies_timed) END AS sla_1h
FROM conversations
-- VW-8: the order of the conversations_weekly index (schema.sql SC-14)
GROUP BY week_s, channel, language;

-- Both dashboards side by side, one row per week, platform and language;
-- a support channel is a platform here (TWCS threads are on x, like the
-- brand's posts). SQLite 3.39 or newer (FULL JOIN).
DROP VIEW IF EXISTS temp.v_dashboard_weekly;
CREATE TEMP VIEW v_dashboard_weekly AS
SELECT coalesce(p.week, c.week) AS week,
       coalesce(p.platform, c.channel) AS platform,
       coalesce(p.language, c.language) AS language,
       p.posts, p.impressions, p.engagement_rate, p.ctr,
       c.conversations, c.response_rate, c.frt_median_min, c.frt_p90_min,
       c.frt_bh_median_min, c.aht_h, c.resolution_rate, c.csat, c.nps,
       c.sla_1h
FROM v_posts_weekly AS p
FULL JOIN v_conversations_weekly AS c
  ON c.week = p.week AND c.channel = p.platform AND c.language = p.language;

-- One row per experiment and outcome. An outcome whose values are all 0
-- or 1 is a rate (uplift_ci: Newcombe interval for the difference, Katz
-- for the relative lift, pooled z-test); any other outcome is a mean
-- (mean_uplift_ci: Welch). control and treatment are the arms' rates or
-- means; lift is relative (treatment / control - 1), for rates only.
DROP VIEW IF EXISTS temp.v_experiments;
CREATE TEMP VIEW v_experiments AS
WITH kinds AS (
  SELECT experiment, outcome, min(value IN (0, 1)) AS is_rate
  FROM experiments GROUP BY experiment, outcome
), readout AS (
  SELECT e.experiment, e.outcome, k.is_rate,
         sum(e.arm = 'control') AS control_n,
         sum(e.arm = 'treatment') AS treatment_n,
         avg(CASE WHEN e.arm = 'control' THEN e.value END) AS control,
         avg(CASE WHEN e.arm = 'treatment' THEN e.value END) AS treatment,
         -- each aggregate sees only its kind of outcome (both arguments
         -- NULL, or it would check the value of a row it skips)
         uplift_ci(CASE WHEN k.is_rate THEN e.arm END,
                   CASE WHEN k.is_rate THEN e.value END) AS r,
         mean_uplift_ci(CASE WHEN NOT k.is_rate THEN e.arm END,
                        CASE WHEN NOT k.is_rate THEN e.value END) AS m
  FROM experiments AS e
  JOIN kinds AS k USING (experiment, outcome)
  GROUP BY e.experiment, e.outcome
)
SELECT experiment, outcome,
       CASE WHEN is_rate THEN 'rate' ELSE 'mean' END AS kind,
       control_n, treatment_n, control, treatment,
       coalesce(r ->> '$.diff', m ->> '$.diff') AS diff,
       coalesce(r ->> '$.diff_lo', m ->> '$.diff_lo') AS diff_lo,
       coalesce(r ->> '$.diff_hi', m ->> '$.diff_hi') AS diff_hi,
       r ->> '$.lift' AS lift,
       r ->> '$.lift_lo' AS lift_lo,
       r ->> '$.lift_hi' AS lift_hi,
       coalesce(r ->> '$.p_value', m ->> '$.p_value') AS p_value
FROM readout;

-- Message-to-sale conversion per week, channel and language (SPEC 10).
-- MS-1  A conversation led to a sale when any of these holds: it is tagged
--       so (converted = 1); a promo code issued in it (conversation_links)
--       was redeemed in a conversion (conversions.promo_code, any case);
--       or its customer's journey (conversation_links.journey) converted.
--       A redemption or a journey's conversion counts when it comes at or
--       after received_at and at most kpi_attribution_params.lookback_days
--       after it (30 days by default), the attribution window of
--       sql/attribution.sql.
-- MS-2  The rate is sales / tracked conversations: tracked ones are those
--       tagged either way (converted 0 or 1) or that have a link row. An
--       untracked conversation cannot show a sale, so counting it would
--       make up a 0 (as VW-6 says for sla_1h); a group with none tracked
--       has message_to_sale NULL.
-- MS-3  sales_tagged, sales_promo and sales_journey count the conversations
--       each signal finds; one conversation may show several, and sales
--       counts it once.
-- MS-4  sql/materialize.sql writes it into kpi_message_to_sale_weekly.
-- MS-5  It reads the revenue tables of sql/schema.sql (conversions,
--       conversation_links, kpi_attribution_params): in a database made
--       before they existed, read sql/schema.sql again first, or this
--       view (and so sql/materialize.sql) fails with "no such table".
-- MS-6  Each conversation is counted from the conversations_weekly index
--       (schema.sql SC-14), grouped in its order as VW-8 does, and each
--       tagged one from the partial index conversations_converted (SC-23);
--       only the conversations with a link row are read from the table, to
--       look their journey and code up. A sale found through a link adds to
--       the tags' count only when the conversation is not tagged converted.
DROP VIEW IF EXISTS temp.v_message_to_sale_weekly;
CREATE TEMP VIEW v_message_to_sale_weekly AS
WITH win AS (
  SELECT coalesce((SELECT lookback_days FROM kpi_attribution_params
                   WHERE id = 1), 30) * 86400.0 AS s
),
-- MS-6: every conversation through the conversations_weekly index, the
-- tagged ones through conversations_converted
tagged AS (
  SELECT w.week_s, w.channel, w.language, w.n,
         coalesce(k.tracked, 0) AS tracked, coalesce(k.sales, 0) AS sales
  FROM (SELECT week_s, channel, language, count(*) AS n
        FROM conversations GROUP BY week_s, channel, language) AS w
  LEFT JOIN (SELECT week_s, channel, language, count(*) AS tracked,
                    count(*) FILTER (WHERE converted = 1) AS sales
             FROM conversations WHERE converted IS NOT NULL
             GROUP BY week_s, channel, language) AS k
    ON k.week_s = w.week_s AND k.channel = w.channel
   AND k.language IS w.language
),
-- the conversations a link row ties to a journey or a promo code
linked AS (
  SELECT c.week_s, c.channel, c.language,
         c.converted IS NULL AS tracked_by_link,
         coalesce(c.converted = 1, 0) AS tagged,
         CASE WHEN l.promo_code IS NULL THEN 0 ELSE EXISTS (
           SELECT 1 FROM conversions AS v
           WHERE upper(v.promo_code) = upper(l.promo_code)
             AND strftime('%s', v.converted_at) - c.received_s
                 BETWEEN 0 AND (SELECT s FROM win)) END AS by_promo,
         CASE WHEN l.journey IS NULL THEN 0 ELSE EXISTS (
           SELECT 1 FROM conversions AS v
           WHERE v.journey = l.journey
             AND strftime('%s', v.converted_at) - c.received_s
                 BETWEEN 0 AND (SELECT s FROM win)) END AS by_journey
  -- CROSS JOIN keeps the links outside: a lookup per link, not per
  -- conversation
  FROM conversation_links AS l
  CROSS JOIN conversations AS c USING (source, conversation_id)
  WHERE l.journey IS NOT NULL OR l.promo_code IS NOT NULL
),
by_link AS (
  SELECT week_s, channel, language, sum(tracked_by_link) AS tracked,
         sum(NOT tagged AND (by_promo OR by_journey)) AS sales,
         sum(by_promo) AS promo, sum(by_journey) AS journey
  FROM linked
  GROUP BY week_s, channel, language
),
f AS (
  SELECT t.week_s, t.channel, t.language, t.n,
         t.tracked + coalesce(b.tracked, 0) AS tracked,
         t.sales + coalesce(b.sales, 0) AS sales, t.sales AS tagged,
         coalesce(b.promo, 0) AS promo, coalesce(b.journey, 0) AS journey
  FROM tagged AS t
  LEFT JOIN by_link AS b ON b.week_s = t.week_s AND b.channel = t.channel
    AND b.language IS t.language
)
SELECT date(week_s, 'unixepoch') AS week, channel,
       coalesce(language, 'und') AS language,
       n AS conversations,
       tracked,
       sales,
       tagged AS sales_tagged,
       promo AS sales_promo,
       journey AS sales_journey,
       -- conversion_rate over the group's one row of totals (called on
       -- sales and tracked directly it would aggregate the whole of f)
       (SELECT conversion_rate(s, t) FROM (SELECT sales AS s, tracked AS t))
         AS message_to_sale
FROM f
ORDER BY week_s, channel, language;

-- --- 2026 platforms: views-based posts and paid spend ---------------------
-- VW-20 v_post_views_weekly: per week, platform and language, the posts of
--      platforms that count views (Meta Business Suite, TikTok Studio)
--      with their views, reach, saves, shares and engagements per view
--      (engagement_rate(engagements, views)); a platform that reports no
--      views in a week (X) has no row.
-- VW-21 v_spend_weekly: per week (of the spend's first day), platform,
--      language (accounts, else 'und') and currency, the spend, impressions,
--      clicks, conversions, conversion value, CPM, CPC, CAC (cost per
--      conversion) and ROAS (conversion value / spend). Money never adds
--      across currencies: currency is part of the group.
-- VW-22 v_account_days_weekly: per week, platform and language (accounts,
--      else 'und'), the account days of page_days (SC-21): impressions,
--      engagements, engagements per impression, views, profile visits,
--      follows, and followers on the week's last day that has a count.
DROP VIEW IF EXISTS temp.v_post_views_weekly;
CREATE TEMP VIEW v_post_views_weekly AS
SELECT date(published_at, 'weekday 0', '-6 days') AS week,
       platform,
       coalesce(language, 'und') AS language,
       count(*) AS posts,
       sum(views) AS views,
       sum(reach) AS reach,
       sum(saves) AS saves,
       sum(shares) AS shares,
       sum(engagements) AS engagements,
       engagement_rate(engagements, views) AS engagement_rate_views
FROM posts
WHERE published_at IS NOT NULL
GROUP BY 1, 2, 3
HAVING count(views) > 0;

DROP VIEW IF EXISTS temp.v_spend_weekly;
CREATE TEMP VIEW v_spend_weekly AS
SELECT date(s.day, 'weekday 0', '-6 days') AS week,
       s.platform,
       coalesce(a.language, 'und') AS language,
       s.currency,
       sum(s.cost) AS spend,
       sum(s.impressions) AS impressions,
       sum(s.clicks) AS clicks,
       sum(s.conversions) AS conversions,
       sum(s.conversion_value) AS conversion_value,
       cpm(s.cost, s.impressions) AS cpm,
       cpc(s.cost, s.clicks) AS cpc,
       cac(s.cost, s.conversions) AS cac,
       sum(s.conversion_value) / nullif(sum(s.cost), 0) AS roas
FROM ad_spend AS s
LEFT JOIN accounts AS a ON a.platform = s.platform AND a.account = s.account
GROUP BY 1, 2, 3, 4;

DROP VIEW IF EXISTS temp.v_account_days_weekly;
CREATE TEMP VIEW v_account_days_weekly AS
SELECT date(d.day, 'weekday 0', '-6 days') AS week,
       d.platform,
       coalesce(a.language, 'und') AS language,
       count(*) AS days,
       sum(d.impressions) AS impressions,
       sum(d.engagements) AS engagements,
       engagement_rate(d.engagements, d.impressions) AS engagement_rate,
       sum(d.views) AS views,
       sum(d.profile_visits) AS profile_visits,
       sum(d.follows) AS follows,
       (SELECT d2.followers FROM page_days AS d2
        WHERE d2.platform = d.platform AND d2.account = d.account
          AND d2.followers IS NOT NULL
          AND date(d2.day, 'weekday 0', '-6 days')
              = date(d.day, 'weekday 0', '-6 days')
        ORDER BY d2.day DESC LIMIT 1) AS followers
FROM page_days AS d
LEFT JOIN accounts AS a ON a.platform = d.platform AND a.account = d.account
GROUP BY 1, 2, 3;
