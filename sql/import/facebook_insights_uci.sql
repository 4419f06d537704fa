-- facebook_insights_uci.sql: Facebook Insights post metrics in the layout
-- of the UCI "Facebook metrics" data set (Moro, Rita & Vala 2016) into
-- posts.
--
-- The file: dataset_Facebook.csv, ';'-separated, CRLF, 19 columns:
-- Page total likes;Type;Category;Post Month;Post Weekday;Post Hour;Paid;
-- Lifetime Post Total Reach;Lifetime Post Total Impressions;
-- Lifetime Engaged Users;Lifetime Post Consumers;
-- Lifetime Post Consumptions;Lifetime Post Impressions by people who have
-- liked your Page;Lifetime Post reach by people who like your Page;
-- Lifetime People who have liked your Page and engaged with your post;
-- comment;like;share;Total Interactions. A few cells are empty.
--
--   sqlite> CREATE VIRTUAL TABLE temp.facebook_insights
--      ...>   USING kpi_csv(filename='dataset_Facebook.csv');
--   sqlite> .read sql/import/facebook_insights_uci.sql
--
-- Mapping (posts column <- file column):
--   platform 'facebook'; post_id <- '<file base name>:<line>' (the file
--   has no post id; the line number keeps re-imports idempotent);
--   account NULL; published_at NULL: the file gives only Post Month,
--   Post Weekday and Post Hour, no year or day, so these posts stay out
--   of the weekly views; post_type <- Type, lower case; paid <- Paid;
--   impressions <- Lifetime Post Total Impressions; reach <- Lifetime
--   Post Total Reach; engagements <- Lifetime Engaged Users; reactions <-
--   like; comments <- comment; shares <- share; clicks <- Lifetime Post
--   Consumptions (clicks of any kind on the post); followers <- Page total
--   likes.
-- A copy whose header was translated (the Spanish, cp1252 one in
-- ../shared/data/real) reads the same once kpi_csv names its columns by
-- position: kpi_csv(filename='...', columns='page_total_likes, type,
-- category, post_month, post_weekday, post_hour, paid,
-- lifetime_post_total_reach, lifetime_post_total_impressions,
-- lifetime_engaged_users, lifetime_post_consumers,
-- lifetime_post_consumptions, impressions_fans, reach_fans, engaged_fans,
-- comment, like, share, total_interactions').
INSERT OR REPLACE INTO posts (
  platform, post_id, published_at, post_type, paid, impressions, reach,
  engagements, reactions, comments, shares, clicks, followers)
WITH files AS MATERIALIZED (
  -- each file's base name (what follows its last '/'), once per file:
  -- rtrim() over a set of characters costs too much to run on every row
  SELECT f, replace(f, rtrim(f, replace(f, '/', '')), '') AS base
  FROM (SELECT DISTINCT _file AS f FROM temp.facebook_insights)
)
SELECT 'facebook', base || ':' || _line,
       NULL, lower(type), paid, lifetime_post_total_impressions,
       lifetime_post_total_reach, lifetime_engaged_users, "like", comment,
       share, lifetime_post_consumptions, page_total_likes
FROM temp.facebook_insights AS i
JOIN files ON files.f = i._file;
