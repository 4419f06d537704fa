-- alerts.sql (make demo): this week's alerts (sql/alerts.sql), the trend
-- table of the support KPIs (sql/trends.sql) and the goals. "This week" is
-- the last week in the data. Run after .load ./kpi, .read sql/views.sql,
-- .read sql/alerts.sql and .read sql/trends.sql.
.mode box
SELECT period, platform, language AS lang, rule, round(value, 3) AS value,
       round(baseline, 3) AS baseline, threshold,
       printf('%.4g', score) AS score, severity
FROM v_alerts
WHERE period >= (SELECT date(max(week_s), 'unixepoch') FROM conversations)
ORDER BY period, rule, platform, lang;
.print
.print "Trends this week (sql/trends.sql: delta against the week before, baselines over the 4 and 13 weeks before, trend over 13 weeks):"
SELECT platform, language AS lang, kpi, round(value, 3) AS value,
       round(delta, 3) AS delta, round(baseline_4w, 3) AS base_4w,
       round(baseline_13w, 3) AS base_13w, trend
FROM v_trends
WHERE week = (SELECT max(week) FROM v_trends)
  AND kpi IN ('conversations', 'frt_median_min', 'sla_1h', 'csat',
              'net_sentiment')
ORDER BY platform, lang, kpi;
.print
.print "Goals (kpi_goals, v_goal_progress):"
SELECT kpi, platform, language AS lang, week, round(current, 3) AS current,
       target, due, trend, observation
FROM v_goal_progress ORDER BY kpi, platform, lang;
