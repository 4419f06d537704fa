-- x_tweet_activity.sql: X (Twitter) analytics "Export data" by Tweet into
-- posts.
--
-- The export: analytics.twitter.com > Tweets > Export data > By Tweet,
-- tweet_activity_metrics_<handle>_<from>_<to>_<lang>.csv. 40 columns, every
-- field quoted: "Tweet id","Tweet permalink","Tweet text","time",
-- "impressions","engagements","engagement rate","retweets","replies",
-- "likes","user profile clicks","url clicks","hashtag clicks",
-- "detail expands","permalink clicks","app opens","app installs","follows",
-- "email tweet","dial phone","media views","media engagements", then 18
-- "promoted ..." columns holding "-" unless the tweet was promoted. time
-- reads "2019-01-31 23:32 +0000"; counts read "2633.0".
--
--   sqlite> .load ./kpi
--   sqlite> .read sql/schema.sql
--   sqlite> CREATE VIRTUAL TABLE temp.x_tweet_activity
--      ...>   USING kpi_csv(filename='exports/tweet_activity_metrics_*.csv');
--   sqlite> .read sql/import/x_tweet_activity.sql
--
-- Mapping (posts column <- export column):
--   platform 'x'; post_id <- Tweet id (as text: ids have 19 digits);
--   account <- the handle in Tweet permalink (twitter.com/<handle>/status);
--   published_at <- time, as UTC; post_type 'reply' when the text starts
--   with '@', else 'tweet'; language <- accounts (x, handle), the export
--   has none (its _en suffix is the language of the analytics site);
--   paid <- 1 when promoted impressions is a number above 0;
--   impressions, engagements <- the same; reactions <- likes;
--   comments <- replies; shares <- retweets; clicks <- url clicks (link
--   clicks, as CTR means); video_views <- media views.
--   engagement rate is not stored: engagement_rate(engagements,
--   impressions) gives it back exactly (X computes it that way).
-- Importing a tweet again replaces its row (newer exports win).
INSERT OR REPLACE INTO posts (
  platform, post_id, account, published_at, post_type, language, paid,
  impressions, engagements, reactions, comments, shares, clicks, video_views)
SELECT 'x', CAST(tweet_id AS TEXT), account,
       strftime('%Y-%m-%dT%H:%M:%SZ', CAST(kpi_ts(time) AS INTEGER),
                'unixepoch'),
       CASE WHEN tweet_text LIKE '@%' THEN 'reply' ELSE 'tweet' END,
       (SELECT a.language FROM accounts AS a
        WHERE a.platform = 'x' AND lower(a.account) = lower(t.account)),
       CASE WHEN typeof(promoted_impressions) IN ('integer', 'real')
                 AND promoted_impressions > 0 THEN 1 ELSE 0 END,
       impressions, engagements, likes, replies, retweets, url_clicks,
       media_views
FROM (
  SELECT tweet_id, tweet_text, time, impressions, engagements, likes,
         replies, retweets, url_clicks, media_views, promoted_impressions,
         substr(tweet_permalink, instr(tweet_permalink, '.com/') + 5,
                instr(tweet_permalink, '/status/')
                  - instr(tweet_permalink, '.com/') - 5) AS account
  FROM temp.x_tweet_activity
) AS t;
