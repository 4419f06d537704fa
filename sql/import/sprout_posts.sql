-- sprout_posts.sql: Sprout Social "Post Performance" report (Reports >
-- Post Performance > Export as CSV) into posts.
--
-- The export: UTF-8, CRLF records with LF inside quoted captions, 69
-- columns: Date,Post ID,Network,Post Type,Content Type,Profile,Sent by,
-- Link,Post,Linked Content,Impressions,Organic Impressions,Paid
-- Impressions,Reach,...,Engagement Rate (per Impression),Engagements,
-- Reactions,Likes,...,Comments,Shares,Saves,Post Link Clicks,...,Video
-- Views,... Networks are mixed (Instagram and TikTok here). Date reads
-- "3/24/2026 12:26 am", in the time zone of the Sprout user's settings
-- (the export does not say which): it is stored as if UTC. Counts carry
-- thousands separators on some rows ("1,950"); kpi_csv reads them as
-- numbers. TikTok profiles read "'@handle" (an apostrophe that keeps
-- Excel from reading a formula).
--
--   sqlite> CREATE VIRTUAL TABLE temp.sprout_posts
--      ...>   USING kpi_csv(filename='exports/Post Performance*.csv');
--   sqlite> .read sql/import/sprout_posts.sql
--
-- Mapping (posts column <- export column):
--   platform <- Network, lower case; post_id <- Post ID, as text; account
--   <- Profile without its leading "'" and "@"; published_at <- Date;
--   post_type (SC-20) <- Post Type Reel: reel, Story: story, else Content
--   Type Carousel: carousel, Photo: photo, Video: video, Link: link,
--   Text: text; language <- accounts (platform, account); paid <- 1 when
--   Paid Impressions > 0; impressions, reach, engagements, reactions,
--   comments, shares, saves, video_views <- the same; clicks <- Post Link
--   Clicks.
-- Sprout's Engagement Rate (per Impression) is Engagements / Impressions:
-- engagement_rate(engagements, impressions) gives it back on every row
-- (tests/platforms.test). The report has no total row.
INSERT OR REPLACE INTO posts (
  platform, post_id, account, published_at, post_type, language, paid,
  impressions, reach, engagements, reactions, comments, shares, saves,
  clicks, video_views)
SELECT s.platform, CAST(s.post_id AS TEXT), s.account,
       strftime('%Y-%m-%dT%H:%M:%SZ',
                CAST(kpi_ts(s.date, '%m/%d/%Y %I:%M %p') AS INTEGER),
                'unixepoch'),
       CASE s.post_type WHEN 'Reel' THEN 'reel' WHEN 'Story' THEN 'story'
         ELSE CASE s.content_type WHEN 'Carousel' THEN 'carousel'
           WHEN 'Photo' THEN 'photo' WHEN 'Video' THEN 'video'
           WHEN 'Link' THEN 'link' WHEN 'Text' THEN 'text' END END,
       (SELECT a.language FROM accounts AS a
        WHERE a.platform = s.platform AND a.account = s.account),
       CASE WHEN s.paid_impressions > 0 THEN 1 ELSE 0 END,
       s.impressions, s.reach, s.engagements, s.reactions, s.comments,
       s.shares, s.saves, s.post_link_clicks, s.video_views
FROM (SELECT *, lower(network) AS platform,
             ltrim(profile, '''@') AS account
      FROM temp.sprout_posts) AS s;
