-- zendesk_tickets.sql: a Zendesk tickets export into conversations.
--
-- The export: Zendesk Explore (or Reporting > Export) tickets CSV with the
-- built-in ticket and metric fields: Id,Requester id,Group,Status,
-- Priority,Via,Created at,Updated at,Assigned at,Initially assigned at,
-- Solved at,Resolution time,Satisfaction Score,Reopens,Replies,
-- First reply time in minutes within business hours,... (custom fields
-- after them, such as "Manual Tagging of Categories [list]", are not
-- read). Times read "2023-04-08 20:52:00".
--
--   sqlite> CREATE VIRTUAL TABLE temp.zendesk_tickets
--      ...>   USING kpi_csv(filename='exports/tickets.csv');
--   sqlite> .read sql/import/zendesk_tickets.sql
--
-- Mapping (conversations column <- export column):
--   source 'zendesk'; conversation_id <- Id; team <- Group;
--   channel <- Via: Mail -> email, Web form / Web widget -> web, Chat ->
--   chat, Phone... -> phone, Twitter -> x, Facebook -> facebook, others
--   lower case with '_' for spaces (Internal Communication ->
--   internal_communication);
--   language <- accounts (zendesk, group);
--   received_s <- Created at (unix seconds, schema.sql SC-9); the export's
--   times carry no zone and are taken as UTC (set your Zendesk account to
--   UTC, or shift them);
--   first_response_s NULL and replies_timed 0 (schema.sql SC-12): the
--   export has no first-reply time, only First reply time in minutes
--   within business hours, which goes to first_response_business_s
--   (x 60); it is empty exactly when Replies is 0, so an unanswered ticket
--   has neither;
--   closed_s <- Solved at, except the sentinel 1900-01-01 00:00:00
--   ("not solved", an Excel epoch) which becomes NULL;
--   resolved <- 1 when Status is Solved or Closed, else 0;
--   csat <- Satisfaction Score: 1..5 as given; Good -> 5 and Bad -> 1
--   (Zendesk's native good/bad rating, so csat() gives good / (good +
--   bad), Zendesk's own satisfaction score); Offered, Unoffered and blank
--   -> NULL (asked, not answered); any other value is kept and so rejected
--   by the csat_1_to_5 CHECK.
-- Resolution time (hours, rounded) is not stored: it is closed_at -
-- received_at, which aht() averages.
-- Importing a ticket again updates the columns above (newer exports win)
-- and keeps the others: the nps that sql/import/nps_survey.sql set stays.
-- The rows go in sorted by conversation_id (ORDER BY 2), the primary
-- key's order, so that index is appended to rather than written all over.
-- The weekly index (schema.sql SC-14) stays through the insert: Zendesk
-- numbers tickets in the order they are created, so in id order the
-- tickets also come week by week, and each lands at the end of its week's
-- channel and language in that index too. An import of a few tickets into
-- a big table then costs those rows, not a rebuild of the whole index
-- (the TWCS import, whose tweet ids do not follow time, drops and builds
-- it). The savepoint makes it all or nothing; the CREATE INDEX at the end
-- puts the index back if it was dropped.
SAVEPOINT zendesk_tickets_import;
INSERT INTO conversations (
  source, conversation_id, channel, team, language, received_s,
  first_response_business_s, replies_timed, closed_s, resolved, csat)
SELECT 'zendesk', CAST(id AS TEXT),
       CASE via COLLATE NOCASE  -- SQLite's lower() folds ASCII only, as
         WHEN 'mail' THEN 'email'  -- NOCASE does, without a copy per row
         WHEN 'web form' THEN 'web'
         WHEN 'web widget' THEN 'web'
         WHEN 'chat' THEN 'chat'
         WHEN 'twitter' THEN 'x'
         WHEN 'facebook' THEN 'facebook'
         ELSE CASE WHEN via LIKE 'phone%' THEN 'phone'  -- LIKE: any case
                   ELSE replace(lower(trim(via)), ' ', '_') END
       END,
       "group",
       nullif(a.language, 'und'),
       CAST(kpi_ts(created_at) AS INTEGER),
       first_reply_time_in_minutes_within_business_hours * 60, 0,
       CASE WHEN solved_at IS NULL OR solved_at LIKE '1900-01-01%' THEN NULL
            ELSE CAST(kpi_ts(solved_at) AS INTEGER) END,
       CASE WHEN status IS NULL THEN NULL
            WHEN status COLLATE NOCASE IN ('solved', 'closed') THEN 1
            ELSE 0 END,
       CASE WHEN satisfaction_score IS NULL THEN NULL
            WHEN typeof(satisfaction_score) = 'text' THEN
              CASE trim(satisfaction_score) COLLATE NOCASE
                WHEN 'offered' THEN NULL
                WHEN 'unoffered' THEN NULL
                WHEN 'good' THEN 5
                WHEN 'bad' THEN 1
                ELSE satisfaction_score END
            ELSE satisfaction_score END
FROM temp.zendesk_tickets AS t
-- a keyed lookup per ticket (accounts' primary key), not a subquery
LEFT JOIN accounts AS a ON a.platform = 'zendesk' AND a.account = t."group"
WHERE true  -- so that ON CONFLICT is not read as a join's ON
ORDER BY 2
ON CONFLICT (source, conversation_id) DO UPDATE SET
  channel = excluded.channel, team = excluded.team,
  language = excluded.language, received_s = excluded.received_s,
  first_response_business_s = excluded.first_response_business_s,
  replies_timed = excluded.replies_timed, closed_s = excluded.closed_s,
  resolved = excluded.resolved, csat = excluded.csat;
-- the same definition as schema.sql's
CREATE INDEX IF NOT EXISTS conversations_weekly ON conversations (
  week_s, channel, language, received_s, first_response_s, replies_timed,
  first_response_business_s, closed_s, resolved, csat, nps);
RELEASE zendesk_tickets_import;
