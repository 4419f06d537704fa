-- conversation_links.sql: what ties conversations to revenue, from a CRM
-- or inbox tool's export, into conversation_links (sql/schema.sql).
--
-- The export: one row per conversation the CRM knows, four columns (after
-- kpi_csv's folding): conversation_source (the conversations.source of the
-- helpdesk: zendesk, twcs), conversation_id, client_id (the customer's
-- journey key, as the click log and the orders carry it) and promo_code
-- (a code issued in that conversation). Not a vendor's layout, which
-- varies by CRM: rename columns with kpi_csv's columns option. Read it as
-- text, for the same reason as sql/import/utm_clicks.sql:
--
--   sqlite> CREATE VIRTUAL TABLE temp.crm_links
--      ...>   USING kpi_csv(filename='exports/links.csv', types='text');
--   sqlite> .read sql/import/conversation_links.sql
--
-- Import these before the orders (sql/import/orders.sql), which looks a
-- redeemed code up here to name its channel. Blank cells are NULL; a row
-- again replaces the previous one.
INSERT INTO conversation_links (source, conversation_id, journey, promo_code)
SELECT lower(trim(conversation_source)), CAST(trim(conversation_id) AS TEXT),
       nullif(trim(client_id), ''), nullif(trim(promo_code), '')
FROM temp.crm_links
WHERE trim(conversation_id) <> ''
ON CONFLICT (source, conversation_id) DO UPDATE SET
  journey = excluded.journey, promo_code = excluded.promo_code;
