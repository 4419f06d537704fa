-- attribution.sql: credits each conversion to the touchpoints before it,
-- with GA4's models, and counts assisted conversions per channel (SPEC 10).
--
--   sqlite> .read sql/schema.sql
--   sqlite> .read sql/attribution.sql
--   sqlite> SELECT * FROM v_attribution WHERE model = 'linear';
--
-- AT-1  A conversion's path is the touches of its journey (touchpoints,
--       sql/schema.sql) at or before its instant and within the lookback
--       window: 0 <= converted_at - touched_at <= lookback_days * 86400
--       seconds (kpi_attribution_params, 30 days by default; both ends
--       inclusive). Touches after the conversion never count.
-- AT-2  A touch at the very second of its conversion counts: times are
--       whole seconds, and a promo code redeemed in the order is recorded
--       at the order's instant (sql/import/orders.sql).
-- AT-3  Touches are ordered by touched_at; touches at the same instant by
--       channel, then campaign, then source (byte order), so the order and
--       every credit are the same whatever order the rows were loaded in.
--       The last of them is the last touch.
-- AT-4  A conversion with no touch in its path (no touches at all, or all
--       after it or too old) is credited whole, in every model, to channel
--       '(direct)', campaign '': it is not left out, so each model's
--       conversions and value add up to the conversions table's.
-- AT-5  Several conversions in one journey: each has its own path, and a
--       touch may serve several conversions (GA4's conversion paths do
--       the same); a conversion does not end the paths of later ones.
-- AT-6  Models, for a path of n touches at positions 1..n:
--         first_touch     1 to position 1;
--         last_touch      1 to position n;
--         linear          1/n each;
--         position_based  n = 1: 1; n = 2: 0.5 and 0.5; n >= 3: 0.4 to
--                         the first, 0.4 to the last, 0.2 / (n - 2) to
--                         each one between;
--         time_decay      weight 2^(-dt / half-life), dt the seconds from
--                         the touch to the conversion, half-life
--                         kpi_attribution_params.half_life_days (7 by
--                         default) in seconds; credit = weight / sum of
--                         the path's weights. kpi_attribution_params
--                         without its row means the defaults.
-- AT-7  Each conversion's credits sum to exactly 1.0, added in any order,
--       with any summation (SQLite 3.43 and newer add with Kahan-Babuska-
--       Neumaier compensation, older ones plainly): every credit is a
--       whole number of units of 2^-52. Each touch but the last gets its
--       share (as AT-6 says) rounded to the nearest unit, the last the 2^52
--       units left, counted in integers; a credit is units / 2^52, exact.
--       Every partial sum of such credits is a multiple of 2^-52 no
--       larger than 1, so it is a double, and no addition rounds. A
--       credit is so within 2^-53 (about 1.1e-16) of its AT-6 value, plus
--       the rounding of the other shares for the last touch: the shell's
--       15 digits print 0.4; a 17-digit repr prints 0.3999999999999999.
-- AT-8  v_attribution(model, channel, campaign, conversions, value,
--       currency): per model, channel, campaign and currency, the sum of
--       the credits (fractional conversions) and of credit * value. The
--       currency is a column of its own: value never adds two
--       currencies. A conversion with no value (value and currency NULL)
--       counts in conversions, in a currency NULL row.
-- AT-9  v_assisted(channel, assisted_conversions, last_touch_conversions,
--       assisted_value, currency), Google's definition: a channel assists
--       a conversion when it holds a position other than the last in its
--       path; it may also hold the last (then it both assists and closes
--       the conversion); assisted_conversions counts conversions, not
--       touches; assisted_value is the whole value of the conversions it
--       assisted. last_touch_conversions: conversions whose last touch is
--       the channel (last_touch model). (direct) conversions (AT-4) are
--       last-touch conversions of (direct) and assist nothing.
-- AT-10 The views are TEMP, as those of sql/views.sql (VW-1): read this file
--       in each session. They need SQLite's math functions (pow), which
--       the sqlite3 shell and Debian's library have.
--
-- Also: v_attribution_paths (one row per conversion and touch of its path,
-- with pos, n and age_s) and v_attribution_credits (one row per model,
-- conversion and touch, with its credit), to look into one conversion.

DROP VIEW IF EXISTS temp.v_attribution_paths;
CREATE TEMP VIEW v_attribution_paths AS
WITH params AS (
  -- AT-6: a deleted parameter row means the defaults, not "no touches"
  SELECT coalesce((SELECT lookback_days FROM kpi_attribution_params
                   WHERE id = 1), 30) * 86400.0 AS lookback_s,
         coalesce((SELECT half_life_days FROM kpi_attribution_params
                   WHERE id = 1), 7) * 86400.0 AS half_life_s
), cv AS (
  SELECT c.source AS conversion_source, c.conversion_id, c.journey,
         c.converted_at, c.value, c.currency,
         CAST(strftime('%s', c.converted_at) AS INTEGER) AS conv_s
  FROM conversions AS c
), hit AS (
  SELECT cv.*, t.touched_at, t.channel, t.campaign, t.source,
         cv.conv_s - CAST(strftime('%s', t.touched_at) AS INTEGER) AS age_s
  FROM cv JOIN touchpoints AS t
    ON t.journey = cv.journey AND t.touched_at <= cv.converted_at
  WHERE cv.conv_s - CAST(strftime('%s', t.touched_at) AS INTEGER)
        <= (SELECT lookback_s FROM params)
), path AS (
  SELECT hit.*,
         row_number() OVER w AS pos,
         count(*) OVER (PARTITION BY conversion_source, conversion_id) AS n
  FROM hit
  WINDOW w AS (PARTITION BY conversion_source, conversion_id
               ORDER BY touched_at, channel, campaign, source)
)
SELECT conversion_source, conversion_id, journey, converted_at, value,
       currency, pos, n, touched_at, channel, campaign, source, age_s,
       (SELECT half_life_s FROM params) AS half_life_s
FROM path
UNION ALL
SELECT conversion_source, conversion_id, journey, converted_at, value,
       currency, 1, 1, NULL, '(direct)', '', '', NULL,
       (SELECT half_life_s FROM params)
FROM cv
WHERE NOT EXISTS (SELECT 1 FROM hit
                  WHERE hit.conversion_source = cv.conversion_source
                    AND hit.conversion_id = cv.conversion_id);

DROP VIEW IF EXISTS temp.v_attribution_credits;
CREATE TEMP VIEW v_attribution_credits AS
-- All five models side by side, one row per touch, so that each window
-- (the youngest age, the decay weights' sum, the running sums) sorts the
-- paths once for every model; the models become rows at the end.
WITH aged AS (
  SELECT p.*,
         coalesce(min(age_s) OVER conv, 0) AS min_age_s
  FROM v_attribution_paths AS p
  WINDOW conv AS (PARTITION BY conversion_source, conversion_id)
), weighed AS (
  SELECT aged.*,
         -- ages counted from the path's youngest touch: the same credits
         -- once normalised, and the largest weight is 1, so a tiny
         -- half-life cannot underflow every weight to 0 (0 / 0)
         pow(2.0, -(coalesce(age_s, 0) - min_age_s) / half_life_s) AS w_decay
  FROM aged
), shares AS (
  SELECT weighed.*,
         (pos = 1) * 1.0 AS s_first,
         (pos = n) * 1.0 AS s_last,
         1.0 / n AS s_linear,
         CASE WHEN n = 1 THEN 1.0
              WHEN n = 2 THEN 0.5
              WHEN pos = 1 OR pos = n THEN 0.4
              ELSE 0.2 / (n - 2) END AS s_position,
         w_decay / sum(w_decay) OVER conv AS s_decay
  FROM weighed
  WINDOW conv AS (PARTITION BY conversion_source, conversion_id)
), units AS (
  -- AT-7: each share in whole units of 2^-52
  SELECT shares.*,
         CAST(round(s_first * 4503599627370496.0) AS INTEGER) AS u_first,
         CAST(round(s_last * 4503599627370496.0) AS INTEGER) AS u_last,
         CAST(round(s_linear * 4503599627370496.0) AS INTEGER) AS u_linear,
         CAST(round(s_position * 4503599627370496.0) AS INTEGER)
           AS u_position,
         CAST(round(s_decay * 4503599627370496.0) AS INTEGER) AS u_decay
  FROM shares
), running AS (
  -- integer sums: exact, whatever the SQLite version
  SELECT units.*,
         coalesce(sum(u_first) OVER before, 0) AS b_first,
         coalesce(sum(u_last) OVER before, 0) AS b_last,
         coalesce(sum(u_linear) OVER before, 0) AS b_linear,
         coalesce(sum(u_position) OVER before, 0) AS b_position,
         coalesce(sum(u_decay) OVER before, 0) AS b_decay
  FROM units
  WINDOW before AS (PARTITION BY conversion_source, conversion_id
                    ORDER BY pos
                    ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
), models (model) AS (
  VALUES ('first_touch'), ('last_touch'), ('linear'), ('position_based'),
         ('time_decay')
)
SELECT m.model, r.conversion_source, r.conversion_id, r.journey,
       r.converted_at, r.value, r.currency, r.pos, r.n, r.touched_at,
       r.channel, r.campaign, r.source,
       CASE m.model
         WHEN 'first_touch' THEN
           CASE WHEN r.pos = r.n THEN 4503599627370496 - r.b_first
                ELSE r.u_first END
         WHEN 'last_touch' THEN
           CASE WHEN r.pos = r.n THEN 4503599627370496 - r.b_last
                ELSE r.u_last END
         WHEN 'linear' THEN
           CASE WHEN r.pos = r.n THEN 4503599627370496 - r.b_linear
                ELSE r.u_linear END
         WHEN 'position_based' THEN
           CASE WHEN r.pos = r.n THEN 4503599627370496 - r.b_position
                ELSE r.u_position END
         ELSE CASE WHEN r.pos = r.n THEN 4503599627370496 - r.b_decay
                   ELSE r.u_decay END
       END / 4503599627370496.0 AS credit
FROM running AS r, models AS m;

DROP VIEW IF EXISTS temp.v_attribution;
CREATE TEMP VIEW v_attribution AS
SELECT model, channel, campaign,
       sum(credit) AS conversions,
       sum(credit * value) AS value,
       currency
FROM v_attribution_credits
GROUP BY model, channel, campaign, currency;

DROP VIEW IF EXISTS temp.v_assisted;
CREATE TEMP VIEW v_assisted AS
WITH per_conv AS (
  SELECT channel, conversion_source, conversion_id, value, currency,
         max(pos < n) AS assisted, max(pos = n) AS closed
  FROM v_attribution_paths
  GROUP BY channel, conversion_source, conversion_id
)
SELECT channel,
       sum(assisted) AS assisted_conversions,
       sum(closed) AS last_touch_conversions,
       -- 0 when it assisted nothing (but NULL for value-less conversions)
       coalesce(sum(CASE WHEN assisted THEN value END),
                CASE WHEN currency IS NOT NULL THEN 0.0 END) AS assisted_value,
       currency
FROM per_conv
GROUP BY channel, currency;
