-- nps_survey.sql: NPS answers to a survey sent after each helpdesk ticket
-- into conversations.nps.
--
-- Survey tools (the helpdesk's own, or a separate one) export one row per
-- answer; what this file needs from such an export is two columns, named
-- (after kpi_csv's snake_case folding) ticket_id and score:
--   Ticket ID  the helpdesk's ticket id, as in its tickets export
--   Score      the 0..10 answer to "How likely are you to recommend ...?";
--              blank when the survey was sent but not answered
-- Other columns (comment, times, e-mail) are not read. An export whose
-- columns are named otherwise can be read with kpi_csv's columns option,
-- which names them by position.
--
--   sqlite> CREATE VIRTUAL TABLE temp.nps_survey
--      ...>   USING kpi_csv(filename='exports/nps_survey.csv');
--   sqlite> .read sql/import/nps_survey.sql
--
-- Import the tickets first (sql/import/zendesk_tickets.sql): an answer
-- sets nps on the conversation of source 'zendesk' whose id is its Ticket
-- ID; an answer to a ticket not imported changes nothing (count them with
-- the query at the end of this comment). A blank score leaves nps as it
-- was; a score outside 0..10 or not a whole number is rejected by the
-- nps_0_to_10 CHECK. Several answers to one ticket: the one on the last
-- line (of the last file, in name order) is kept; a blank is no answer.
--   SELECT count(*) FROM temp.nps_survey AS s
--   WHERE s.score IS NOT NULL AND NOT EXISTS (
--     SELECT 1 FROM conversations WHERE source = 'zendesk'
--       AND conversation_id = CAST(s.ticket_id AS TEXT));
UPDATE conversations
SET nps = s.score
FROM (
  -- SQLite takes the bare column (score) from the row holding the max
  SELECT CAST(ticket_id AS TEXT) AS id, score,
         max(printf('%s:%012d', _file, _line))
  FROM temp.nps_survey WHERE score IS NOT NULL
  GROUP BY 1
) AS s
WHERE conversations.source = 'zendesk'
  AND conversations.conversation_id = s.id;
