-- tiktok_content.sql: TikTok Studio "Content" export (Analytics > Content
-- > Download data, Content.csv) into posts.
--
-- The export: UTF-8 with a BOM, every field quoted, no final newline:
-- "Time","Video title","Video link","Post time","Total likes","Total
-- comments","Total shares","Total views". Time is the export day and Post
-- time the day the video was posted, both without a year ("February
-- 28", "July 16"): give kpi_csv the export day and each becomes the
-- latest such date on or before it (sniff.h SF-10).
--
--   sqlite> CREATE VIRTUAL TABLE temp.tiktok_content
--      ...>   USING kpi_csv(filename='exports/Content.csv',
--      ...>                 export_date='2026-02-28');
--   sqlite> .read sql/import/tiktok_content.sql
--
-- Mapping (posts column <- export column):
--   platform 'tiktok'; post_id <- the number after /video/ in Video link;
--   account <- the @handle in Video link, without '@'; published_at <- the
--   video id's upper 32 bits, which are the Unix time it was posted (UTC,
--   to the second: Post time gives only the creator's local day, and
--   tests/platforms.test checks that it is the same day or the day
--   before); post_type 'video' (SC-20); language <- accounts (tiktok,
--   handle); views <- Total views; reactions <- Total likes; comments,
--   shares <- the same; engagements <- likes + comments + shares.
-- The counts are lifetime totals at the export day: importing a video
-- again replaces its row.
INSERT OR REPLACE INTO posts (
  platform, post_id, account, published_at, post_type, language, views,
  engagements, reactions, comments, shares)
SELECT 'tiktok', t.id, t.account,
       strftime('%Y-%m-%dT%H:%M:%SZ', CAST(t.id AS INTEGER) >> 32,
                'unixepoch'),
       'video',
       (SELECT a.language FROM accounts AS a
        WHERE a.platform = 'tiktok' AND a.account = t.account),
       t.total_views, t.total_likes + t.total_comments + t.total_shares,
       t.total_likes, t.total_comments, t.total_shares
FROM (SELECT *,
             substr(video_link, instr(video_link, '/video/') + 7) AS id,
             substr(video_link, instr(video_link, '/@') + 2,
                    instr(video_link, '/video/') - instr(video_link, '/@')
                      - 2) AS account
      FROM temp.tiktok_content) AS t;
