-- script.sql: what the out-of-memory driver runs, covering every function
-- and the CSV table. Each statement must succeed when memory does.
CREATE TABLE t(i INTEGER PRIMARY KEY, a, b, f, s);
WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 40)
INSERT INTO t SELECT i, i % 7, 10 + i % 5, CASE i % 3 WHEN 0 THEN 'yes' WHEN 1 THEN 'non' ELSE 1 END,
  1 + i % 5 FROM c;
SELECT kpi_version();
SELECT rate(a, b), engagement_rate(a, b), ctr(a, b), comment_rate(a, b),
       response_rate(a, b), conversion_rate(a, b), cpm(a, b), cpc(a, b),
       cac(a, b), roi(a, b), engagement_rate_per_follower(a, b) FROM t;
SELECT share(f), response_rate(f), resolution_rate(f), handoff_rate(f),
       escalation_rate(f), csat(s), csat(s, 7), nps(s * 2) FROM t;
SELECT ctr(a, b) OVER w, share(f) OVER w, csat(s) OVER w, nps(s) OVER w,
       engagement_rate_per_follower(a, b) OVER w
FROM t WINDOW w AS (ORDER BY i ROWS BETWEEN 3 PRECEDING AND 2 FOLLOWING);
SELECT median(a), percentile(b, 90) FROM t;
SELECT median(a) OVER w, percentile(b, 25) OVER w
FROM t WINDOW w AS (ORDER BY i ROWS BETWEEN 3 PRECEDING AND 2 FOLLOWING);
SELECT frt(i, i + a), frt_median(i, i + b), frt_percentile(i, i + a, 75),
       frt_mean(i, i + b), aht(i, i + a), sla_rate(i, i + a, 3) FROM t;
SELECT frt_median(i, i + a) OVER w, frt_percentile(i, i + b, 10) OVER w,
       frt_mean(i, i + a) OVER w, aht(i, i + b) OVER w,
       sla_rate(i, i + a, 3) OVER w
FROM t WINDOW w AS (ORDER BY i ROWS BETWEEN 3 PRECEDING AND 2 FOLLOWING);
WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 800)
SELECT median(i % 101), max(m) FROM (SELECT i, percentile(i % 101, 75)
  OVER (ORDER BY i ROWS 700 PRECEDING) AS m FROM c);
SELECT ctr('abc', 1) IS NULL OR 1;
