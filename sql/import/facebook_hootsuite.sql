-- facebook_hootsuite.sql: Hootsuite Analytics "Facebook post performance"
-- export into posts.
--
-- The export: Hootsuite Analytics > Facebook > Post performance > CSV,
-- facebook_post_performance_<from>_to_<to>_created_on_<when>_facebook_
-- post_performance.csv. 33 columns: Date (GMT),Facebook Page,Post ID,
-- Post Permalink,Post Type,Post Message,Tags,Campaign,Author,Clicks,
-- Comments,Engaged Fans,Engaged Users,Engagement Rate,Impressions,
-- Link Clicks,Organic Impressions,Organic Reach,Other Actions,Photo Views,
-- Reach,Reactions,Reactions: Anger,Reactions: Haha,Reactions: Like,
-- Reactions: Love,Reactions: Other,Reactions: Sorry,Reactions: Wow,Shares,
-- Video Views,Viral Impressions,Viral Reach. Date (GMT) reads
-- "2018-09-11 21:30:11" (UTC, the header says so); Post ID reads
-- "<page id>_<post id>".
--
--   sqlite> CREATE VIRTUAL TABLE temp.facebook_hootsuite
--      ...>   USING kpi_csv(
--      ...>     filename='exports/facebook_post_performance_*.csv');
--   sqlite> .read sql/import/facebook_hootsuite.sql
--
-- Mapping (posts column <- export column):
--   platform 'facebook'; post_id <- Post ID; account <- Facebook Page;
--   published_at <- Date (GMT); post_type <- Post Type, lower case;
--   language <- accounts (facebook, page name); campaign <- Campaign;
--   impressions, reach, comments, shares, reactions <- the same;
--   engagements <- Engaged Users (people, not actions: Hootsuite's
--   Engagement Rate is Engaged Users / Reach, which
--   engagement_rate(engagements, reach) gives back); clicks <- Link Clicks
--   (as X's url clicks, so CTR means the same on both); video_views <-
--   Video Views.
-- Importing a post again replaces its row.
INSERT OR REPLACE INTO posts (
  platform, post_id, account, published_at, post_type, language, campaign,
  impressions, reach, engagements, reactions, comments, shares, clicks,
  video_views)
SELECT 'facebook', CAST(post_id AS TEXT), facebook_page,
       strftime('%Y-%m-%dT%H:%M:%SZ', CAST(kpi_ts(date_gmt) AS INTEGER),
                'unixepoch'),
       lower(post_type),
       (SELECT a.language FROM accounts AS a
        WHERE a.platform = 'facebook' AND a.account = facebook_page),
       campaign, impressions, reach, engaged_users, reactions, comments,
       shares, link_clicks, video_views
FROM temp.facebook_hootsuite;
