-- x_daily_activity.sql: X (Twitter) analytics "Export data" by day into
-- page_days.
--
-- The export: analytics.twitter.com > Tweets > Export data > By day,
-- daily_tweet_activity_metrics_<handle>_<from>_<to>_<lang>.csv. 38
-- columns, every field quoted: "Date","Tweets published","impressions",
-- "engagements","engagement rate","retweets","replies","likes",
-- "user profile clicks","url clicks","hashtag clicks","detail expands",
-- "permalink clicks","app opens","app installs","follows","email tweet",
-- "dial phone","media views","media engagements", then "promoted ..."
-- columns holding "-". Date reads "2021-08-01"; counts are integers.
--
--   sqlite> CREATE VIRTUAL TABLE temp.x_daily_activity
--      ...>   USING kpi_csv(
--      ...>     filename='exports/daily_tweet_activity_metrics_*.csv');
--   sqlite> .read sql/import/x_daily_activity.sql
--
-- Mapping (page_days column <- export column):
--   platform 'x'; account <- the handle in the file name when the file
--   keeps X's name (daily_tweet_activity_metrics_<handle>_<8 digits>_
--   <8 digits>_<lang>.csv), else '' (the rows say nothing about it);
--   day <- Date; posts <- Tweets published; impressions, engagements,
--   follows <- the same; reactions <- likes; comments <- replies;
--   shares <- retweets; clicks <- url clicks.
-- Importing a day again replaces its row.
INSERT OR REPLACE INTO page_days (
  platform, account, day, posts, impressions, engagements, reactions,
  comments, shares, clicks, follows)
WITH files AS MATERIALIZED (
  -- the account of each file, once per file: rtrim() over a set of
  -- characters costs too much to run on every row
  SELECT f,
         CASE WHEN base GLOB 'daily_tweet_activity_metrics_?*_'
                   || '[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]_'
                   || '[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]_*'
              -- <handle> is what lies between the prefix (29 characters)
              -- and "_<from>_<to>_" (19) + the last part (language and
              -- extension), which is what follows the last '_'.
              THEN substr(base, 30, length(base) - 29 - 19
                   - length(replace(base, rtrim(base, replace(base, '_', '')),
                                    '')))
              ELSE '' END AS account
  FROM (
    -- the file's base name: what follows its last '/'
    SELECT f, replace(f, rtrim(f, replace(f, '/', '')), '') AS base
    FROM (SELECT DISTINCT _file AS f FROM temp.x_daily_activity))
)
SELECT 'x', files.account, date, tweets_published, impressions, engagements,
       likes, replies, retweets, url_clicks, follows
FROM temp.x_daily_activity AS d
JOIN files ON files.f = d._file;
