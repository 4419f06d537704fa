-- meta_bs_facebook_posts.sql: Meta Business Suite Facebook Page post
-- export (Insights > Content > Posts > Export data, Facebook) into posts.
--
-- The export: UTF-8 with a BOM, 35 columns: Post ID,Page ID,Page name,
-- Title,Description,Duration (sec),Publish time,Caption type,Permalink,
-- Is crosspost,Is share,Post type,Languages,Custom labels,Funded content
-- status,Data comment,Date,Views,...,Reach,...,3-second video views,...,
-- "Reactions, Comments and Shares",Reactions,Comments,Shares,Seconds
-- viewed,Average Seconds viewed. N/A stands for no value. Publish time
-- and Date as in meta_bs_instagram_posts.sql ("Lifetime" is a period
-- label, not a date).
--
--   sqlite> CREATE VIRTUAL TABLE temp.meta_fb_posts
--      ...>   USING kpi_csv(filename='exports/*_facebook_posts.csv');
--   sqlite> .read sql/import/meta_bs_facebook_posts.sql
--
-- Mapping (posts column <- export column):
--   platform 'facebook'; post_id <- Post ID, as text; account <- Page
--   name; published_at <- Publish time (as if UTC); post_type (SC-20) <-
--   Post type: Photos: photo, Reels: reel, Videos: video, Links: link,
--   Text: text; language <- accounts (facebook, page name), else the
--   first of Languages; paid <- 1 when Views from boosted posts > 0;
--   views, reach, reactions, comments, shares <- the same; engagements
--   <- "Reactions, Comments and Shares" (Meta's own sum, which on 2 of 81
--   posts is larger than the three columns: it counts the reactions on
--   shares of the post); video_views <- 3-second video views.
INSERT OR REPLACE INTO posts (
  platform, post_id, account, published_at, post_type, language, paid,
  views, reach, engagements, reactions, comments, shares, video_views)
SELECT 'facebook', CAST(m.post_id AS TEXT), m.page_name,
       strftime('%Y-%m-%dT%H:%M:%SZ',
                CAST(kpi_ts(m.publish_time, '%m/%d/%Y %H:%M') AS INTEGER),
                'unixepoch'),
       CASE m.post_type WHEN 'Photos' THEN 'photo' WHEN 'Reels' THEN 'reel'
         WHEN 'Videos' THEN 'video' WHEN 'Links' THEN 'link'
         WHEN 'Text' THEN 'text' END,
       (SELECT a.language FROM accounts AS a
        WHERE a.platform = 'facebook' AND a.account = m.page_name),
       CASE WHEN m.views_from_boosted_posts > 0 THEN 1 ELSE 0 END,
       m.views, m.reach, m.reactions_comments_and_shares, m.reactions,
       m.comments, m.shares, m."3_second_video_views"
FROM temp.meta_fb_posts AS m;
