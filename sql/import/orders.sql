-- orders.sql: a Shopify orders export into conversions, and each redeemed
-- discount code into touchpoints (sql/schema.sql AS-1 .. AS-3; SPEC 10).
--
-- The export: Shopify admin, Orders > Export > CSV ("orders_export_1.csv"):
-- Name,Email,Financial Status,Paid at,...,Currency,Subtotal,Shipping,Taxes,
-- Total,Discount Code,Discount Amount,Shipping Method,Created at,Lineitem
-- quantity,... Note Attributes,Cancelled at,...,Refunded Amount,...,Id,...
-- (79 columns). One row per line item: the order's own columns are filled
-- on its first row only, so the rows with a Total are the orders. Times
-- are the store's wall clock with its offset ("2025-03-05 14:56:35
-- -0500"). No real export was found: the layout is the one Shopify
-- documents for this export (examples/exports/orders_export_1.csv is a
-- synthetic sample). Default kpi_csv options:
--
--   sqlite> CREATE VIRTUAL TABLE temp.orders
--      ...>   USING kpi_csv(filename='exports/orders_export_1.csv');
--   sqlite> .read sql/import/orders.sql
--
-- Import sql/import/conversation_links.sql first: a code issued in a
-- conversation takes that conversation's channel (below).
--
-- Mapping (conversions column <- export column):
--   source 'shopify'; conversion_id <- Name ("#1001");
--   journey <- the client_id that the storefront keeps in the cart's
--   attributes (Note Attributes, one "name: value" per line, so the
--   journey matches the click log's client_id); without one (a POS sale,
--   a checkout without the script) the e-mail, lower case; without either,
--   the order's Name. Such an order usually has no touches: it is credited
--   to (direct) (sql/attribution.sql AT-4);
--   converted_at <- Created at, in UTC;
--   value <- Total - Refunded Amount; currency <- Currency;
--   promo_code <- Discount Code.
--   An order that was voided, fully refunded (Financial Status voided or
--   refunded) or cancelled (Cancelled at) is no conversion and is skipped;
--   a pending one counts, as GA4 counts a purchase at checkout.
-- Touchpoints: each order with a Discount Code adds a touch at the
-- order's instant (the code was shown before, but when is not known; at
-- the conversion's instant it still counts: AT-2), source 'promo:<code>':
--   a code that conversation_links says was issued in a conversation:
--   channel 'support_' || that conversation's channel (support_email,
--   support_x), campaign '' (each such code is unique: one campaign per
--   code would split the tables into ones);
--   any other code: channel 'promo_code', campaign the code (SPRING15).
-- Importing an order again updates it (newer exports win).
INSERT INTO conversions (source, conversion_id, journey, converted_at,
                         value, currency, promo_code)
SELECT 'shopify', CAST(name AS TEXT),
       coalesce(nullif(client_id, ''), lower(nullif(trim(email), '')),
                CAST(name AS TEXT)),
       strftime('%Y-%m-%dT%H:%M:%SZ', CAST(kpi_ts(created_at) AS INTEGER),
                'unixepoch'),
       total - coalesce(refunded_amount, 0), upper(trim(currency)),
       nullif(trim(discount_code), '')
FROM (
  SELECT o.*,
         -- the value after "client_id: " up to the end of its line
         trim(CASE WHEN instr(rest, char(10)) > 0
                   THEN substr(rest, 1, instr(rest, char(10)) - 1)
                   ELSE rest END, ' ' || char(13)) AS client_id
  FROM (SELECT *, CASE WHEN instr(nl, char(10) || 'client_id:') > 0
                       THEN substr(nl, instr(nl, char(10) || 'client_id:')
                                       + 11)
                  END AS rest
        -- a line that starts with client_id: (not ga_client_id:)
        FROM (SELECT *, char(10) || note_attributes AS nl
              FROM temp.orders)) AS o
  WHERE total IS NOT NULL
    AND cancelled_at IS NULL
    AND coalesce(lower(trim(financial_status)), '')
        NOT IN ('voided', 'refunded')
)
WHERE true  -- so that ON CONFLICT is not read as a join's ON
ON CONFLICT (source, conversion_id) DO UPDATE SET
  journey = excluded.journey, converted_at = excluded.converted_at,
  value = excluded.value, currency = excluded.currency,
  promo_code = excluded.promo_code;

INSERT OR IGNORE INTO touchpoints (journey, touched_at, channel, campaign,
                                   source)
SELECT journey, converted_at, coalesce(issued_in, 'promo_code'),
       CASE WHEN issued_in IS NULL THEN promo_code ELSE '' END,
       'promo:' || promo_code
FROM (
  SELECT v.*,
         (SELECT 'support_' || c.channel
          FROM conversation_links AS l
          JOIN conversations AS c USING (source, conversation_id)
          WHERE upper(l.promo_code) = upper(v.promo_code)
          ORDER BY c.received_s LIMIT 1) AS issued_in
  FROM conversions AS v
  WHERE v.source = 'shopify' AND v.promo_code IS NOT NULL
    AND v.conversion_id IN (SELECT CAST(name AS TEXT) FROM temp.orders
                            WHERE total IS NOT NULL)
);
