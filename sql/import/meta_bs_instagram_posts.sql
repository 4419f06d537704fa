-- meta_bs_instagram_posts.sql: Meta Business Suite Instagram post export
-- (Insights > Content > Posts > Export data, Instagram) into posts.
--
-- The export: UTF-8 with a BOM, one row per post: Post ID,Account ID,
-- Account username,Account name,Description,Duration (sec),Publish time,
-- Permalink,Post type,Data comment,Date,Views,Reach,Likes,Shares,Follows,
-- Comments,Saves. Publish time reads "08/03/2025 07:27" (MM/DD/YYYY, in
-- the time zone of the Business Suite user, which the export does not
-- name: stored as if UTC). Date reads "Lifetime": a period label (the
-- counts are lifetime totals at export time), not a date, so it is not
-- stored. Meta reports Views, not Impressions.
--
--   sqlite> CREATE VIRTUAL TABLE temp.meta_ig_posts
--      ...>   USING kpi_csv(filename='exports/*_instagram_posts.csv');
--   sqlite> .read sql/import/meta_bs_instagram_posts.sql
--
-- Mapping (posts column <- export column):
--   platform 'instagram'; post_id <- Post ID, as text; account <- Account
--   username; published_at <- Publish time; post_type (SC-20) <- Post type:
--   IG reel: reel, IG carousel: carousel, IG image: photo, IG story:
--   story; language <- accounts (instagram, username); views, reach,
--   shares, comments, saves, follows <- the same; reactions <- Likes;
--   engagements <- Likes + Comments + Shares + Saves (Meta's
--   "interactions" on an Instagram post); impressions NULL.
-- Importing a post again replaces its row (a later export has larger
-- lifetime counts).
INSERT OR REPLACE INTO posts (
  platform, post_id, account, published_at, post_type, language,
  views, reach, engagements, reactions, comments, shares, saves, follows)
SELECT 'instagram', CAST(m.post_id AS TEXT), m.account_username,
       strftime('%Y-%m-%dT%H:%M:%SZ',
                CAST(kpi_ts(m.publish_time, '%m/%d/%Y %H:%M') AS INTEGER),
                'unixepoch'),
       CASE m.post_type WHEN 'IG reel' THEN 'reel'
         WHEN 'IG carousel' THEN 'carousel' WHEN 'IG image' THEN 'photo'
         WHEN 'IG story' THEN 'story' END,
       (SELECT a.language FROM accounts AS a
        WHERE a.platform = 'instagram' AND a.account = m.account_username),
       m.views, m.reach,
       m.likes + m.comments + m.shares + m.saves,
       m.likes, m.comments, m.shares, m.saves, m.follows
FROM temp.meta_ig_posts AS m;
