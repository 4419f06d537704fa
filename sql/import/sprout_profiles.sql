-- sprout_profiles.sql: Sprout Social "Profile Performance" report (Reports
-- > Profile Performance > Export as CSV) into page_days (SC-21).
--
-- The export: as sprout_posts.sql's, 65 columns, one row per profile and
-- day: Date,Network,Profile,Audience,Net Audience Growth,Audience Gained,
-- Sent Messages (Total),Published Posts (Total),Received Messages
-- (Total),Impressions,Video Views,Engagements,Engagement Rate (per
-- Impression),Reactions,Comments,Shares,Post Link Clicks,Saves,... Date
-- reads "02-01-2025" (MM-DD-YYYY). Empty cells are days the network did
-- not report.
--
--   sqlite> CREATE VIRTUAL TABLE temp.sprout_profiles
--      ...>   USING kpi_csv(filename='exports/Profile Performance*.csv');
--   sqlite> .read sql/import/sprout_profiles.sql
--
-- Mapping (page_days column <- export column):
--   platform <- Network, lower case; account <- Profile without its
--   leading "'" and "@"; day <- Date; posts <- Published Posts (Total);
--   impressions, engagements, reactions, comments, shares <- the same;
--   clicks <- Post Link Clicks; follows <- Audience Gained; followers <-
--   Audience. Video Views and Saves have no page_days column.
-- Sprout's daily counts are net changes of the network's totals, so a day
-- on which more comments were deleted than written reads negative
-- (TikTok, 09-19-2025: Comments -5, Engagements -3). Counts are >= 0
-- (SC-2): a negative day is stored as NULL (not reported), not as 0.
-- A day already in page_days keeps the columns this export does not fill
-- (SC-21: another export may hold its views or profile visits).
INSERT INTO page_days (
  platform, account, day, posts, impressions, engagements, reactions,
  comments, shares, clicks, follows, followers)
SELECT lower(network), ltrim(profile, '''@'),
       substr(date, 7, 4) || '-' || substr(date, 1, 2) || '-'
         || substr(date, 4, 2),
       published_posts_total, impressions,
       CASE WHEN engagements >= 0 THEN engagements END,
       CASE WHEN reactions >= 0 THEN reactions END,
       CASE WHEN comments >= 0 THEN comments END,
       CASE WHEN shares >= 0 THEN shares END,
       post_link_clicks, audience_gained, audience
FROM temp.sprout_profiles WHERE true
ON CONFLICT (platform, account, day) DO UPDATE SET
  posts = excluded.posts, impressions = excluded.impressions,
  engagements = excluded.engagements, reactions = excluded.reactions,
  comments = excluded.comments, shares = excluded.shares,
  clicks = excluded.clicks, follows = excluded.follows,
  followers = excluded.followers;
