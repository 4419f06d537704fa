-- twcs.sql: customer-support threads on Twitter/X in the layout of
-- Kaggle's "Customer Support on Twitter" (TWCS, twcs.csv) into
-- conversations.
--
-- The file: tweet_id,author_id,inbound,created_at,text,response_tweet_id,
-- in_response_to_tweet_id. inbound is True for a customer's tweet and
-- False for the company's (any case; anything else stops the import:
-- "NOT NULL constraint failed: twcs_replies.inbound"); created_at reads
-- "Tue Oct 31 22:10:47 +0000 2017"; response_tweet_id is a
-- comma-separated list of reply ids; in_response_to_tweet_id is one id or
-- empty (pandas writes it as "3.0"). Rows are in no particular order.
-- A pandas-written copy's extra first column (an empty header, so
-- column_1) is ignored.
--
--   sqlite> CREATE VIRTUAL TABLE temp.twcs USING kpi_csv(filename='twcs.csv');
--   sqlite> .read sql/import/twcs.sql
--
-- One conversation per inbound tweet: a customer's tweet, thread opener
-- or follow-up, each waits for an answer.
--   source 'twcs'; channel 'x'; conversation_id <- tweet_id;
--   received_s <- created_at (unix seconds, schema.sql SC-9);
--   first_response_s <- the earliest company tweet (inbound False) whose
--   in_response_to_tweet_id is this tweet; NULL when there is none in the
--   file (a file cut from a longer one loses replies past its end). The
--   join is on in_response_to_tweet_id, which holds one id, rather than
--   on the response_tweet_id lists, which Excel can mangle ("155,157"
--   re-saved as "1,55,157");
--   team <- the author of that first response, or for an unanswered tweet
--   the handle the text opens with ("@AppleSupport ...", kpi_handle):
--   the brand it was addressed to;
--   language <- accounts (x, team), any case.
-- Importing a tweet again updates the columns above and keeps the others.
--
-- Two passes over the file, no sort: the first keeps, per tweet answered,
-- its earliest reply (a table keyed by the tweet it answers, so each
-- reply is one keyed upsert); the second reads the inbound tweets and
-- looks their reply up by that key.
DROP TABLE IF EXISTS temp.twcs_replies;
CREATE TEMP TABLE twcs_replies (
  parent INTEGER PRIMARY KEY, at INTEGER NOT NULL, author TEXT,
  inbound INTEGER NOT NULL);
INSERT INTO twcs_replies (parent, at, author, inbound)
SELECT CAST(in_response_to_tweet_id AS INTEGER),
       CAST(kpi_ts(created_at) AS INTEGER), author_id,
       CASE WHEN inbound = 'false' COLLATE NOCASE THEN 0 END
FROM temp.twcs
-- the company's replies, and every row whose inbound is neither True nor
-- False, so that its NULL stops the import
WHERE inbound IS NOT 'true' COLLATE NOCASE
  AND (in_response_to_tweet_id IS NOT NULL
       OR inbound IS NOT 'false' COLLATE NOCASE)
-- of two replies in the same second, the first in the file stays
ON CONFLICT (parent) DO UPDATE SET at = excluded.at, author = excluded.author
  WHERE excluded.at < twcs_replies.at;

-- The weekly index (schema.sql SC-14) is dropped before the insert and
-- built again after it: one sort of the finished table costs less than
-- keeping the index up to date row by row, as tweet ids do not follow
-- time (a Zendesk import keeps it: ticket ids do). The rows go in sorted
-- by conversation_id (ORDER BY 2), the primary key's order, so that index
-- is appended to rather than written all over. The savepoint makes it all
-- or nothing: a failed insert does not leave the table without its index.
SAVEPOINT twcs_import;
DROP INDEX IF EXISTS conversations_weekly;
INSERT INTO conversations (
  source, conversation_id, channel, team, language, received_s,
  first_response_s)
SELECT 'twcs', CAST(id AS TEXT), 'x', team, a.language, at, reply_at
FROM (
  SELECT c.tweet_id AS id, CAST(kpi_ts(c.created_at) AS INTEGER) AS at,
         f.at AS reply_at,
         -- kpi_handle() is read only for a tweet nobody answered
         coalesce(f.author, kpi_handle(c.text)) AS team
  FROM temp.twcs AS c
  LEFT JOIN twcs_replies AS f ON f.parent = CAST(c.tweet_id AS INTEGER)
  WHERE c.inbound = 'true' COLLATE NOCASE
) AS t
-- the X accounts once, keyed by their lower-case handle (one small
-- keyed table, not a subquery per tweet); of two accounts that differ only
-- in case, the first language in alphabetical order
LEFT JOIN (SELECT lower(account) AS handle,
                  nullif(min(language), 'und') AS language
           FROM accounts WHERE platform = 'x' GROUP BY 1) AS a
  ON a.handle = t.team COLLATE NOCASE  -- lower() without a copy per row
WHERE true  -- so that ON CONFLICT is not read as a join's ON
ORDER BY 2
ON CONFLICT (source, conversation_id) DO UPDATE SET
  channel = excluded.channel, team = excluded.team,
  language = excluded.language, received_s = excluded.received_s,
  first_response_s = excluded.first_response_s;
-- the same definition as schema.sql's
CREATE INDEX IF NOT EXISTS conversations_weekly ON conversations (
  week_s, channel, language, received_s, first_response_s, replies_timed,
  first_response_business_s, closed_s, resolved, csat, nps);
RELEASE twcs_import;

DROP TABLE temp.twcs_replies;
