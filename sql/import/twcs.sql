-- twcs.sql: customer-support threads on Twitter/X in the layout of
-- Kaggle's "Customer Support on Twitter" (TWCS, twcs.csv) into
-- conversations.
--
-- The file: tweet_id,author_id,inbound,created_at,text,response_tweet_id,
-- in_response_to_tweet_id. inbound is True for a customer's tweet and
-- False for the company's (any case; anything else stops the import:
-- "NOT NULL constraint failed: twcs_tweets.inbound"); created_at reads
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
--   received_at <- created_at;
--   first_response_at <- the earliest company tweet (inbound False) whose
--   in_response_to_tweet_id is this tweet; NULL when there is none in the
--   file (a file cut from a longer one loses replies past its end). The
--   join is on in_response_to_tweet_id, which holds one id, rather than
--   on the response_tweet_id lists, which Excel can mangle ("155,157"
--   re-saved as "1,55,157");
--   team <- the author of that first response, or for an unanswered tweet
--   the handle the text opens with ("@AppleSupport ..."): the brand it
--   was addressed to;
--   language <- accounts (x, team).
-- Importing a tweet again updates the columns above and keeps the others.
DROP TABLE IF EXISTS temp.twcs_tweets;
CREATE TEMP TABLE twcs_tweets (
  id INTEGER NOT NULL, author TEXT, inbound INTEGER NOT NULL,
  at INTEGER NOT NULL, parent INTEGER, addressed TEXT);
INSERT INTO twcs_tweets
SELECT CAST(tweet_id AS INTEGER) AS id,
       author_id AS author,
       CASE WHEN inbound = 'true' COLLATE NOCASE THEN 1
            WHEN inbound = 'false' COLLATE NOCASE THEN 0 END AS inbound,
       CAST(kpi_ts(created_at) AS INTEGER) AS at,
       CAST(in_response_to_tweet_id AS INTEGER) AS parent,
       CASE WHEN inbound = 'true' COLLATE NOCASE AND text LIKE '@%'
            -- the characters after '@' that can be part of a handle, among
            -- the 15 after it (a handle's most): ltrim() strips them, so
            -- what it leaves tells where the handle ends
            THEN (SELECT nullif(substr(p, 1, length(p) - length(ltrim(p,
                          'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'
                          || '0123456789_'))), '')
                  FROM (SELECT substr(text, 2, 15) AS p))
       END AS addressed
FROM temp.twcs;
CREATE INDEX temp.twcs_tweets_parent ON twcs_tweets (parent, inbound);

INSERT INTO conversations (
  source, conversation_id, channel, team, language, received_at,
  first_response_at)
SELECT 'twcs', CAST(c.id AS TEXT), 'x', coalesce(f.author, c.addressed),
       (SELECT a.language FROM accounts AS a
        WHERE a.platform = 'x'
          AND lower(a.account) = lower(coalesce(f.author, c.addressed))),
       strftime('%Y-%m-%dT%H:%M:%SZ', c.at, 'unixepoch'),
       strftime('%Y-%m-%dT%H:%M:%SZ', f.at, 'unixepoch')
FROM twcs_tweets AS c
LEFT JOIN (
  -- SQLite takes a bare column (author) from the row that holds the min
  SELECT parent, min(at) AS at, author
  FROM twcs_tweets WHERE inbound = 0 AND parent IS NOT NULL
  GROUP BY parent
) AS f ON f.parent = c.id
WHERE c.inbound = 1
ON CONFLICT (source, conversation_id) DO UPDATE SET
  channel = excluded.channel, team = excluded.team,
  language = excluded.language, received_at = excluded.received_at,
  first_response_at = excluded.first_response_at;

DROP TABLE temp.twcs_tweets;
