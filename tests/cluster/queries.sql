-- queries.sql: the weekly KPI queries that tests/cluster/run.sh runs
-- through the cluster and in the sqlite3 shell, over the canonical tables
-- (the sql/views.sql views are TEMP, so they live on one connection and
-- cannot be shared by the clients of a cluster). Each query follows a line
-- "-- Q<n> title" and runs alone; ORDER BY makes the row order defined.
-- Q1 weekly posts: ctr, engagement_rate
SELECT date(published_at, 'weekday 0', '-6 days') AS week, platform,
       coalesce(language, 'und') AS language, count(*) AS posts,
       engagement_rate(engagements, impressions) AS engagement_rate,
       engagement_rate(engagements, reach) AS engagement_rate_reach,
       ctr(clicks, impressions) AS ctr
FROM posts
WHERE published_at IS NOT NULL
GROUP BY 1, 2, 3
ORDER BY 1, 2, 3;
-- Q2 weekly support: frt_median, sla_rate, response_rate, csat, nps, aht
SELECT date(received_at, 'weekday 0', '-6 days') AS week, channel,
       coalesce(language, 'und') AS language, count(*) AS conversations,
       response_rate(first_response_at IS NOT NULL
                     OR first_response_business_s IS NOT NULL) AS answered,
       frt_median(received_at, first_response_at) / 60.0 AS frt_median_min,
       frt_percentile(received_at, first_response_at, 90) / 60.0 AS frt_p90,
       aht(received_at, closed_at) / 3600.0 AS aht_h,
       resolution_rate(resolved) AS resolved, csat(csat) AS csat,
       nps(nps) AS nps,
       CASE WHEN count(first_response_at) > 0
            THEN sla_rate(received_at, first_response_at, 3600) END AS sla_1h
FROM conversations_iso
GROUP BY 1, 2, 3
ORDER BY 1, 2, 3;
-- Q3 sliding frt_median over the last 20 answered conversations
SELECT source, conversation_id, received_at,
       frt_median(received_at, first_response_at) OVER (
         ORDER BY received_at, source, conversation_id
         ROWS BETWEEN 19 PRECEDING AND CURRENT ROW) AS frt_median_20
FROM conversations_iso
WHERE first_response_at IS NOT NULL
ORDER BY received_at, source, conversation_id;
