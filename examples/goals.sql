-- goals.sql (make demo): the demo team's goals for the end of June, in
-- kpi_goals (sql/trends.sql TD-3): French replies on x within 20 minutes
-- (median) and 90 % within the hour, Support FR's CSAT back to 80 %, and
-- English tweets' net sentiment above 0.2.
INSERT OR REPLACE INTO kpi_goals (kpi, platform, language, target, due, better)
VALUES ('frt_median_min', 'x', 'fr', 20, '2025-06-30', 'lower'),
       ('sla_1h', 'x', 'fr', 0.9, '2025-06-30', 'higher'),
       ('csat', 'email', 'fr', 0.8, '2025-06-30', 'higher'),
       ('net_sentiment', 'x', 'en', 0.2, '2025-06-30', 'higher');
