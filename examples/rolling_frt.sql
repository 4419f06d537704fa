-- rolling_frt.sql: the 7-day rolling median first-response time on X per
-- language, as a window function over the conversations table, for the
-- last week of the sample. Needs kpi loaded and the sample data
-- (make demo writes both into kpi_dashboard.db):
--
--   $ sqlite3 kpi_dashboard.db -cmd '.load ./kpi' < examples/rolling_frt.sql
--
-- The frame is the day and the six before it (RANGE over the day number),
-- so each day's value covers a full week of tweets whatever their count;
-- the median slides with the frame instead of being recomputed.
.mode box
SELECT language, day, n AS tweets_7d, round(frt / 60, 1) AS frt_median_7d_min
FROM (
  SELECT coalesce(language, 'und') AS language,
         date(received_s, 'unixepoch') AS day,
         count(*) OVER w AS n,
         frt_median(received_s, first_response_s) OVER w AS frt,
         row_number() OVER (PARTITION BY coalesce(language, 'und'),
                                         received_s / 86400) AS k
  FROM conversations
  WHERE channel = 'x'
  -- received_s / 86400: the day number since 1970-01-01 (UTC)
  WINDOW w AS (PARTITION BY coalesce(language, 'und')
               ORDER BY received_s / 86400
               RANGE BETWEEN 6 PRECEDING AND CURRENT ROW)
)
WHERE k = 1 AND day >= '2025-03-24'
ORDER BY language, day;
