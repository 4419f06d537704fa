-- sentiment.sql: the sentiment of each customer message, from a
-- labelling tool's export, into conversations.sentiment (SPEC 9).
--
-- Sentiment comes from a classifier run over the messages (a listening
-- tool, the helpdesk's intelligent triage, a VADER or model script), not
-- from the platforms' own exports, so this file reads the three columns
-- any such export of labels has (named, after kpi_csv's snake_case
-- folding, conversation_source, conversation_id and sentiment):
--   Conversation source  the conversations.source the id belongs to
--                        (zendesk, twcs, ...)
--   Conversation ID      the id, as the tickets or threads export gives it
--   Sentiment            a label (positive pos positif +1, neutral neu
--                        neutre 0, negative neg négatif negatif -1) or a
--                        score in -1..1, as net_sentiment reads them
--
--   sqlite> CREATE VIRTUAL TABLE temp.sentiment_labels
--      ...>   USING kpi_csv(filename='exports/sentiment_labels.csv');
--   sqlite> .read sql/import/sentiment.sql
--
-- Import the conversations first: a label sets sentiment on the
-- conversation of that source and id, trimmed; a label for a conversation
-- not imported changes nothing; a blank one leaves sentiment as it was;
-- anything else is rejected by the conversations_sentiment_label CHECK.
-- Several labels for one conversation: the last line's is kept.
UPDATE conversations
SET sentiment = s.sentiment
FROM (
  -- SQLite takes the bare column (sentiment) from the row holding the max
  SELECT lower(trim(conversation_source)) AS source,
         CAST(conversation_id AS TEXT) AS id, trim(sentiment) AS sentiment,
         max(printf('%s:%012d', _file, _line))
  FROM temp.sentiment_labels
  WHERE nullif(trim(sentiment), '') IS NOT NULL
  GROUP BY 1, 2
) AS s
WHERE conversations.source = s.source
  AND conversations.conversation_id = s.id;
