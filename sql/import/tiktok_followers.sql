-- tiktok_followers.sql: TikTok Studio "FollowerHistory" export
-- (Analytics > Followers > Download data, FollowerHistory.csv) into
-- page_days.followers (SC-21).
--
-- The export: as tiktok_overview.sql's; "Date","Followers","Difference in
-- followers from previous day", 365 days. Followers reads "undefined"
-- before TikTok kept the count (kpi_csv reads it as NULL, sniff.h SF-9).
--
--   sqlite> CREATE VIRTUAL TABLE temp.tiktok_followers
--      ...>   USING kpi_csv(filename='exports/FollowerHistory.csv', year=2025);
--   sqlite> CREATE TEMP TABLE tiktok_account AS SELECT 'haileytupy2.0' AS account;
--   sqlite> .read sql/import/tiktok_followers.sql
--
-- Mapping: platform 'tiktok'; account <- tiktok_account; day <- Date;
-- followers <- Followers. The difference column is the net change
-- (follows minus unfollows, negative on 114 of the 365 days here), not
-- follows: it is not stored; followers - lag(followers) gives it back.
INSERT INTO page_days (platform, account, day, followers)
SELECT 'tiktok', a.account, f.date, f.followers
FROM temp.tiktok_followers AS f, temp.tiktok_account AS a WHERE true
ON CONFLICT (platform, account, day) DO UPDATE SET
  followers = excluded.followers;
