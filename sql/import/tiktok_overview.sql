-- tiktok_overview.sql: TikTok Studio "Overview" export (Analytics >
-- Overview > Download data, Overview.csv) into page_days (SC-21).
--
-- The export: as tiktok_content.sql's; "Date","Video Views","Profile
-- Views","Likes","Comments","Shares", one row per day for 365 days, in
-- order, dates without a year ("February 28" ... "February 27"): the
-- series crosses New Year. Give kpi_csv the year of its first day
-- (year=, sniff.h SF-10), not export_date=: the series ends the day
-- before the export, so its first "February 28" is a year before the
-- export's. The file does not name the account: the import takes it
-- from a one-row table you write.
--
--   sqlite> CREATE VIRTUAL TABLE temp.tiktok_overview
--      ...>   USING kpi_csv(filename='exports/Overview.csv', year=2025);
--   sqlite> CREATE TEMP TABLE tiktok_account AS SELECT 'haileytupy2.0' AS account;
--   sqlite> .read sql/import/tiktok_overview.sql
--
-- Mapping (page_days column <- export column): platform 'tiktok';
-- account <- tiktok_account; day <- Date; views <- Video Views;
-- profile_visits <- Profile Views; reactions <- Likes; comments, shares
-- <- the same. TikTok's daily counts are net changes: a day with more
-- comments deleted than written reads negative ("-7"); counts are >= 0
-- (SC-2), so such a day's value is stored as NULL. The other columns of a
-- day already in page_days are kept.
INSERT INTO page_days (
  platform, account, day, views, profile_visits, reactions, comments,
  shares)
SELECT 'tiktok', a.account, o.date, o.video_views, o.profile_views,
       CASE WHEN o.likes >= 0 THEN o.likes END,
       CASE WHEN o.comments >= 0 THEN o.comments END,
       CASE WHEN o.shares >= 0 THEN o.shares END
FROM temp.tiktok_overview AS o, temp.tiktok_account AS a WHERE true
ON CONFLICT (platform, account, day) DO UPDATE SET
  views = excluded.views, profile_visits = excluded.profile_visits,
  reactions = excluded.reactions, comments = excluded.comments,
  shares = excluded.shares;
