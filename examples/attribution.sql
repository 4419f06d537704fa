-- attribution.sql: prints the sample's conversions credited by each
-- attribution model, the assisted conversions and the ROI cases
-- (sql/attribution.sql, sql/roi.sql; docs/attribution.md). The views are
-- TEMP, so it reads them first; run it from the repository root:
--
--   $ sqlite3 kpi_dashboard.db '.load ./kpi' '.read examples/attribution.sql'
.read sql/views.sql
.read sql/attribution.sql
.read sql/roi.sql
.mode box
.nullvalue ''
.print 'Conversions credited by model (sql/attribution.sql):'
SELECT channel, campaign, currency AS cur,
       round(sum(conversions) FILTER (WHERE model = 'first_touch'), 2)
         AS first,
       round(sum(conversions) FILTER (WHERE model = 'last_touch'), 2) AS last,
       round(sum(conversions) FILTER (WHERE model = 'linear'), 2) AS linear,
       round(sum(conversions) FILTER (WHERE model = 'position_based'), 2)
         AS position,
       round(sum(conversions) FILTER (WHERE model = 'time_decay'), 2)
         AS decay,
       round(sum(value) FILTER (WHERE model = 'linear'), 2) AS "linear value"
FROM v_attribution
GROUP BY channel, campaign, currency
ORDER BY channel, campaign, currency;
.print ''
.print 'Assisted conversions (v_assisted):'
SELECT channel, currency AS cur, assisted_conversions AS assisted,
       last_touch_conversions AS "last touch",
       round(assisted_value, 2) AS "assisted value"
FROM v_assisted ORDER BY channel, currency;
.print ''
.print 'ROI cases (sql/roi.sql), inputs from kpi_roi_params or measured:'
SELECT currency AS cur, round(aov, 2) AS aov, aov_from,
       round(conversion_rate, 4) AS rate, conversion_rate_from AS rate_from,
       monthly_messages AS "msgs/month", monthly_messages_from AS msgs_from,
       round(cost_per_interaction, 2) AS "cost/interaction"
FROM v_roi_inputs ORDER BY currency;
SELECT b.currency AS cur, round(b.target_rate, 4) AS "target rate",
       round(b.extra_sales_month, 2) AS "extra sales/month",
       round(b.extra_revenue_month, 2) AS "extra revenue/month",
       round(u.revenue_per_conversation, 2) AS "revenue/conv",
       round(u.contribution_per_conversation, 2) AS "contribution/conv",
       round(c.cost_per_conversation, 2) AS "cost/conv",
       round(c.cost_to_serve, 2) AS "cost to serve"
FROM v_roi_benchmark AS b
JOIN v_roi_unit_economics AS u USING (currency)
JOIN v_roi_cost_to_serve AS c USING (currency)
ORDER BY b.currency;
SELECT channel, currency AS cur, round(direct_value, 2) AS direct,
       round(assisted_value, 2) AS assisted,
       round(influenced_value, 2) AS influenced,
       round(100 * influenced_share, 1) AS "influenced %",
       round(100 * assisted_share, 1) AS "assisted %"
FROM v_revenue_influenced ORDER BY channel, currency;
SELECT platform, currency AS cur, spend, model,
       round(value, 2) AS value, round(roas, 2) AS roas,
       round(100 * roi, 1) AS "roi %"
FROM v_roi_platform ORDER BY platform, currency, model;
