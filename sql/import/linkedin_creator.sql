-- linkedin_creator.sql: LinkedIn creator analytics export (Me > Analytics
-- > Export, Content_<from>_<to>_<name>.xlsx) into page_days (SC-21).
--
-- The export is a workbook (read by kpi_xlsx, docs/xlsx.md) of 5 sheets:
-- DISCOVERY (a period title), ENGAGEMENT (Date, Impressions,
-- Engagements: one row per day), TOP POSTS, FOLLOWERS ("Total followers
-- on 12/11/2025:" and its number, a blank row, then Date, New
-- followers), DEMOGRAPHICS. Dates are text "M/D/YYYY". The workbook does
-- not name the member: the import takes the account from a one-row table
-- you write.
--
--   sqlite> CREATE VIRTUAL TABLE temp.linkedin_engagement USING kpi_xlsx(
--      ...>   filename='exports/Content_*.xlsx', sheet='ENGAGEMENT');
--   sqlite> CREATE VIRTUAL TABLE temp.linkedin_followers USING kpi_xlsx(
--      ...>   filename='exports/Content_*.xlsx', sheet='FOLLOWERS', skip=1);
--   sqlite> CREATE VIRTUAL TABLE temp.linkedin_followers_total USING
--      ...>   kpi_xlsx(filename='exports/Content_*.xlsx', sheet='FOLLOWERS',
--      ...>            header=no, range='A1:B1');
--   sqlite> CREATE TEMP TABLE linkedin_account AS SELECT 'me' AS account;
--   sqlite> .read sql/import/linkedin_creator.sql
--
-- Mapping (page_days column <- sheet and column): platform 'linkedin';
-- account <- linkedin_account; day <- Date (M/D/YYYY); impressions,
-- engagements <- ENGAGEMENT; follows <- FOLLOWERS' New followers;
-- followers <- the total of the title row, on the day it names (the
-- other days' totals are not in the export). LinkedIn's own engagement
-- rate differs from Sprout's (SOURCES.md); engagement_rate(engagements,
-- impressions) is per impression. A day's Engagements can be negative
-- (2/5/2025: -2, engagements withdrawn): counts are >= 0 (SC-2), so such a
-- day's engagements are NULL, as Sprout's and TikTok's negative days.
-- A day already in page_days keeps the columns this import does not fill.
DROP TABLE IF EXISTS temp.linkedin_days;
CREATE TEMP TABLE linkedin_days AS
SELECT d AS day, max(impressions) AS impressions,
       max(engagements) AS engagements, max(follows) AS follows
FROM (
  SELECT date(printf('%04d-%02d-%02d', substr(date, -4),
                     substr(date, 1, instr(date, '/') - 1),
                     substr(date, instr(date, '/') + 1,
                            length(date) - instr(date, '/') - 5))) AS d,
         impressions, CASE WHEN engagements >= 0 THEN engagements END
           AS engagements,
         NULL AS follows
  FROM temp.linkedin_engagement
  UNION ALL
  SELECT date(printf('%04d-%02d-%02d', substr(date, -4),
                     substr(date, 1, instr(date, '/') - 1),
                     substr(date, instr(date, '/') + 1,
                            length(date) - instr(date, '/') - 5))),
         NULL, NULL, new_followers
  FROM temp.linkedin_followers)
GROUP BY d;

INSERT INTO page_days (platform, account, day, impressions, engagements,
                       follows)
SELECT 'linkedin', a.account, l.day, l.impressions, l.engagements, l.follows
FROM temp.linkedin_days AS l, temp.linkedin_account AS a WHERE true
ON CONFLICT (platform, account, day) DO UPDATE SET
  impressions = excluded.impressions, engagements = excluded.engagements,
  follows = excluded.follows;

-- "Total followers on 12/11/2025:" -> 2025-12-11
INSERT INTO page_days (platform, account, day, followers)
SELECT 'linkedin', a.account,
       date(printf('%04d-%02d-%02d', substr(t.d, -4),
                   substr(t.d, 1, instr(t.d, '/') - 1),
                   substr(t.d, instr(t.d, '/') + 1,
                          length(t.d) - instr(t.d, '/') - 5))),
       t.column_2
FROM (SELECT rtrim(substr(column_1, length('Total followers on ') + 1), ':')
               AS d, column_2
      FROM temp.linkedin_followers_total
      WHERE column_1 LIKE 'Total followers on %') AS t,
     temp.linkedin_account AS a WHERE true
ON CONFLICT (platform, account, day) DO UPDATE SET
  followers = excluded.followers;
DROP TABLE temp.linkedin_days;
