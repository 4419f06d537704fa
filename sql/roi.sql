-- roi.sql: the ROI cases of the guides in ../shared/seeds, as views whose
-- inputs are named in kpi_roi_params (sql/schema.sql), one row per
-- currency (SPEC 10).
--
--   sqlite> .load ./kpi
--   sqlite> .read sql/views.sql
--   sqlite> .read sql/attribution.sql
--   sqlite> .read sql/roi.sql
--   sqlite> INSERT INTO kpi_roi_params (currency, support_cost_month)
--      ...>   VALUES ('CAD', 4200);
--   sqlite> SELECT * FROM v_roi_unit_economics;
--
-- RO-1  Every money result is in the currency of its inputs: a row of
--       kpi_roi_params gives its money inputs in its currency, measured
--       ones are taken from conversions in that currency only, and
--       v_revenue_influenced and v_roi_platform group by currency. No
--       figure ever adds or compares two currencies; there is no
--       conversion between them.
-- RO-2  An input left NULL is measured (v_roi_inputs says which, in its
--       *_from columns: 'param' or 'measured'; NULL when neither exists):
--         aov               mean value of the conversions in that currency;
--         conversion_rate   the message-to-sale rate over every tracked
--                           conversation (sql/views.sql MS-1 .. MS-3:
--                           sales / tracked, all weeks together);
--         monthly_messages  conversations per calendar month of
--                           received_at, the mean over the months that
--                           have any;
--         cost_per_interaction  support_cost_month / monthly_messages.
--       support_cost_month cannot be measured: without it the cost cases
--       are NULL. conversion_gain defaults to 0.005 (the guide's 0.5 point).
-- RO-3  v_roi_benchmark, the benchmark-improvement model: a conversion
--       rate raised by conversion_gain brings conversion_gain *
--       monthly_messages more sales a month, worth that times aov:
--       extra_revenue_month = conversion_gain * monthly_messages * aov
--       (the guide: 2 % -> 2.5 % at AOV 80 is 0.005 x messages x 80).
-- RO-4  v_roi_unit_economics, the contribution of one conversation:
--       revenue_per_conversation = aov * conversion_rate;
--       contribution_per_conversation = that - cost_per_interaction;
--       contribution_month = contribution_per_conversation *
--       monthly_messages.
-- RO-5  v_roi_cost_to_serve: cost_per_conversation = support_cost_month /
--       monthly_messages; cost_to_serve = support_cost_month /
--       monthly_resolved, the cost of one conversation brought to
--       resolution (resolved = 1; monthly as monthly_messages is). A zero
--       denominator gives NULL (SPEC 1).
-- RO-6  v_revenue_influenced, per channel and currency, from the paths of
--       sql/attribution.sql (AT-1 .. AT-5): direct = the conversions the
--       channel closed (its last touch), assisted = the ones it assisted
--       (v_assisted, AT-9), influenced = the ones whose path holds it at
--       all. A conversion both assisted and closed by the channel counts
--       once in influenced, so influenced_value = direct_value + the
--       value of the conversions it assisted without closing.
--       influenced_share and assisted_share divide by the value of all
--       conversions in the currency ("report assisted value as a share
--       of all conversions").
-- RO-7  v_roi_platform, per attribution model, ad platform and currency
--       where ad_spend has rows: spend = the platform's cost in that
--       currency; conversions and value = the credits (and credit * value)
--       that the model gives the channel named as the platform (the UTM
--       import names paid channels google_ads, meta_ads, ...) for
--       conversions in that currency whose day falls within the spend's
--       days (first day to last period_end); roas = value / spend; roi =
--       (value - spend) / spend, as SPEC 2's roi(). When no conversion at
--       all is in the spend's currency, conversions, value and roi are
--       NULL (not 0 and -100 %).
-- RO-8  Views are TEMP (VW-1); read sql/views.sql and sql/attribution.sql
--       first, in the same session.

DROP VIEW IF EXISTS temp.v_roi_inputs;
CREATE TEMP VIEW v_roi_inputs AS
WITH months AS (
  SELECT count(*) * 1.0
           / count(DISTINCT strftime('%Y-%m', received_s, 'unixepoch'))
           AS messages,
         sum(resolved = 1) * 1.0
           / count(DISTINCT strftime('%Y-%m', received_s, 'unixepoch'))
           AS resolved
  FROM conversations
), rate AS (
  SELECT conversion_rate(sales, tracked) AS r FROM v_message_to_sale_weekly
), p AS (
  SELECT k.*,
         (SELECT avg(value) FROM conversions AS c
          WHERE c.currency = k.currency) AS aov_m,
         (SELECT r FROM rate) AS rate_m,
         (SELECT messages FROM months) AS messages_m,
         (SELECT resolved FROM months) AS resolved_m
  FROM kpi_roi_params AS k
)
SELECT currency,
       coalesce(aov, aov_m) AS aov,
       CASE WHEN aov IS NOT NULL THEN 'param'
            WHEN aov_m IS NOT NULL THEN 'measured' END AS aov_from,
       coalesce(conversion_rate, rate_m) AS conversion_rate,
       CASE WHEN conversion_rate IS NOT NULL THEN 'param'
            WHEN rate_m IS NOT NULL THEN 'measured' END
         AS conversion_rate_from,
       conversion_gain,
       coalesce(monthly_messages, messages_m) AS monthly_messages,
       CASE WHEN monthly_messages IS NOT NULL THEN 'param'
            WHEN messages_m IS NOT NULL THEN 'measured' END
         AS monthly_messages_from,
       resolved_m AS monthly_resolved,
       support_cost_month,
       coalesce(cost_per_interaction,
                support_cost_month
                / nullif(coalesce(monthly_messages, messages_m), 0))
         AS cost_per_interaction,
       CASE WHEN cost_per_interaction IS NOT NULL THEN 'param'
            WHEN support_cost_month
                 / nullif(coalesce(monthly_messages, messages_m), 0)
                 IS NOT NULL THEN 'measured' END AS cost_per_interaction_from
FROM p;

DROP VIEW IF EXISTS temp.v_roi_benchmark;
CREATE TEMP VIEW v_roi_benchmark AS
SELECT currency, monthly_messages, aov, conversion_rate,
       conversion_rate + conversion_gain AS target_rate,
       conversion_gain * monthly_messages AS extra_sales_month,
       conversion_gain * monthly_messages * aov AS extra_revenue_month
FROM v_roi_inputs;

DROP VIEW IF EXISTS temp.v_roi_unit_economics;
CREATE TEMP VIEW v_roi_unit_economics AS
SELECT currency, aov, conversion_rate, cost_per_interaction,
       aov * conversion_rate AS revenue_per_conversation,
       aov * conversion_rate - cost_per_interaction
         AS contribution_per_conversation,
       (aov * conversion_rate - cost_per_interaction) * monthly_messages
         AS contribution_month
FROM v_roi_inputs;

DROP VIEW IF EXISTS temp.v_roi_cost_to_serve;
CREATE TEMP VIEW v_roi_cost_to_serve AS
SELECT currency, support_cost_month, monthly_messages, monthly_resolved,
       support_cost_month / nullif(monthly_messages, 0)
         AS cost_per_conversation,
       support_cost_month / nullif(monthly_resolved, 0) AS cost_to_serve
FROM v_roi_inputs;

DROP VIEW IF EXISTS temp.v_revenue_influenced;
CREATE TEMP VIEW v_revenue_influenced AS
WITH per_conv AS (
  SELECT channel, conversion_source, conversion_id, value, currency,
         max(pos < n) AS assisted, max(pos = n) AS closed
  FROM v_attribution_paths
  GROUP BY channel, conversion_source, conversion_id
), total AS (
  SELECT currency, sum(value) AS value FROM conversions GROUP BY currency
), ch AS (
  SELECT channel, currency,
         sum(closed) AS direct_conversions,
         total(CASE WHEN closed THEN value END) AS direct_value,
         sum(assisted) AS assisted_conversions,
         total(CASE WHEN assisted THEN value END) AS assisted_value,
         count(*) AS influenced_conversions,
         total(value) AS influenced_value
  FROM per_conv
  WHERE currency IS NOT NULL
  GROUP BY channel, currency
)
SELECT ch.channel, ch.currency, direct_conversions, direct_value,
       assisted_conversions, assisted_value, influenced_conversions,
       influenced_value,
       influenced_value / nullif(t.value, 0) AS influenced_share,
       assisted_value / nullif(t.value, 0) AS assisted_share
FROM ch JOIN total AS t USING (currency);

DROP VIEW IF EXISTS temp.v_roi_platform;
CREATE TEMP VIEW v_roi_platform AS
WITH spend AS (
  SELECT platform, currency, sum(cost) AS spend, min(day) AS first_day,
         max(coalesce(period_end, day)) AS last_day
  FROM ad_spend GROUP BY platform, currency
), models (model) AS (
  VALUES ('first_touch'), ('last_touch'), ('linear'), ('position_based'),
         ('time_decay')
), credited AS (
  -- one pass over the credits, joined to the (few) spend rows
  SELECT c.model, s.platform, s.currency, total(c.credit) AS conversions,
         total(c.credit * c.value) AS value
  FROM spend AS s
  JOIN v_attribution_credits AS c
    ON c.channel = s.platform AND c.currency = s.currency
   AND date(c.converted_at) BETWEEN s.first_day AND s.last_day
  GROUP BY c.model, s.platform, s.currency
), got AS (
  SELECT m.model, s.*,
         CASE WHEN EXISTS (SELECT 1 FROM conversions AS v
                           WHERE v.currency = s.currency)
              THEN coalesce(k.conversions, 0.0) END AS conversions,
         CASE WHEN EXISTS (SELECT 1 FROM conversions AS v
                           WHERE v.currency = s.currency)
              THEN coalesce(k.value, 0.0) END AS value
  FROM models AS m
  CROSS JOIN spend AS s
  LEFT JOIN credited AS k
    ON k.model = m.model AND k.platform = s.platform
   AND k.currency = s.currency
)
SELECT model, platform, currency, first_day, last_day, spend, conversions,
       value, value / nullif(spend, 0) AS roas,
       (value - spend) / nullif(spend, 0) AS roi
FROM got;
