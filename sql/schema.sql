-- schema.sql: the canonical tables every sql/import/*.sql file writes and
-- sql/views.sql reads (SPEC 7).
--
--   sqlite> .read sql/schema.sql
--
-- SC-1  Timestamps are ISO 8601 UTC text 'YYYY-MM-DDTHH:MM:SSZ', whole
--      seconds. Text in that form sorts in time order, so CHECKs and
--      views compare it directly. A value that is not exactly that form,
--      or an impossible date ('2025-02-30T00:00:00Z'), is rejected: the
--      CHECK asks strftime() to print the value back and compares. The
--      '+0 seconds' modifier is what makes SQLite normalize the date:
--      without a modifier, 3.40 prints '2025-02-30' back unchanged.
--      conversations, the table the big exports fill, stores unix seconds
--      instead, and the view conversations_iso shows this text beside them
--      (SC-9, SC-10).
-- SC-2  Counts are whole numbers >= 0 or NULL (NULL: the export does not
--      report it). 2633.0 is stored as the integer 2633; 2.5 or -1 is
--      rejected.
-- SC-3  Flags (resolved, handed_off, escalated, converted, paid) are 0, 1
--      or NULL.
-- SC-4  csat lies in 1..5, nps in 0..10, both whole numbers.
-- SC-5  A conversation is answered and closed no earlier than it was
--      received.
-- SC-6  Every CHECK has a name, so a rejected row says which rule it broke:
--      "CHECK constraint failed: csat_1_to_5".
-- SC-7  Names (platform, channel, arm, language) are lower case, so GROUP BY
--      does not split 'X' from 'x'.
-- SC-8  No STRICT tables: a database file holding them cannot be opened by
--      SQLite before 3.37, and these files are meant for other tools too.
--      The CHECKs do the type checking instead. conversations has a
--      generated column (week_s, SC-11): SQLite 3.31 or newer reads it.
-- SC-20 posts.post_type is one word of one vocabulary whatever the export
--      calls it: reel, carousel, photo, video, story, link, status, text,
--      tweet, reply (sql/import/*.sql map theirs: Meta's 'IG reel' and
--      'Reels' are reel, 'IG image' and 'Photos' photo, 'IG carousel'
--      carousel, 'IG story' story, 'Videos' video; TikTok's posts video).
--      The CHECK rejects any other word, so a new export's type cannot
--      split a GROUP BY unnoticed.
-- SC-21 page_days is also the account-days table: followers (the total on
--      that day), views and profile_visits sit beside the per-day counts,
--      so one row per platform, account and day holds what any export
--      says of that day (an import fills its columns and leaves the
--      others as they are).
--
-- Every statement is IF NOT EXISTS, so reading this file twice is harmless.

-- One row per published post, reel, tweet or video.
CREATE TABLE IF NOT EXISTS posts (
  platform     TEXT NOT NULL   -- x, facebook, instagram, linkedin, tiktok
    CONSTRAINT posts_platform_lower
    CHECK (platform <> '' AND platform = lower(platform)),
  post_id      TEXT NOT NULL,  -- the platform's id, as text (19-digit ids)
  account      TEXT,           -- handle or page name
  published_at TEXT            -- SC-1; NULL when the export gives no date
    CONSTRAINT posts_published_at_iso CHECK (published_at IS NULL
      OR published_at
         = strftime('%Y-%m-%dT%H:%M:%SZ', published_at, '+0 seconds')),
  post_type    TEXT            -- SC-20
    CONSTRAINT posts_post_type_vocabulary CHECK (post_type IS NULL
      OR post_type IN ('reel', 'carousel', 'photo', 'video', 'story', 'link',
                       'status', 'text', 'tweet', 'reply')),
  language     TEXT            -- BCP 47 primary tag (en, fr) or NULL
    CONSTRAINT posts_language_tag CHECK (language IS NULL
      OR (language GLOB '[a-z][a-z]*'
          AND language NOT GLOB '*[^a-z-]*')),
  campaign     TEXT,
  paid         INTEGER CONSTRAINT posts_paid_flag CHECK (paid IN (0, 1)),
  impressions  INTEGER CONSTRAINT posts_impressions_count
    CHECK (impressions IS NULL
           OR (typeof(impressions) = 'integer' AND impressions >= 0)),
  reach        INTEGER CONSTRAINT posts_reach_count
    CHECK (reach IS NULL OR (typeof(reach) = 'integer' AND reach >= 0)),
  engagements  INTEGER CONSTRAINT posts_engagements_count
    CHECK (engagements IS NULL
           OR (typeof(engagements) = 'integer' AND engagements >= 0)),
  reactions    INTEGER CONSTRAINT posts_reactions_count
    CHECK (reactions IS NULL
           OR (typeof(reactions) = 'integer' AND reactions >= 0)),
  comments     INTEGER CONSTRAINT posts_comments_count
    CHECK (comments IS NULL
           OR (typeof(comments) = 'integer' AND comments >= 0)),
  shares       INTEGER CONSTRAINT posts_shares_count
    CHECK (shares IS NULL OR (typeof(shares) = 'integer' AND shares >= 0)),
  clicks       INTEGER CONSTRAINT posts_clicks_count
    CHECK (clicks IS NULL OR (typeof(clicks) = 'integer' AND clicks >= 0)),
  video_views  INTEGER CONSTRAINT posts_video_views_count
    CHECK (video_views IS NULL
           OR (typeof(video_views) = 'integer' AND video_views >= 0)),
  views        INTEGER CONSTRAINT posts_views_count  -- Meta's and TikTok's
    CHECK (views IS NULL OR (typeof(views) = 'integer' AND views >= 0)),
  saves        INTEGER CONSTRAINT posts_saves_count
    CHECK (saves IS NULL OR (typeof(saves) = 'integer' AND saves >= 0)),
  follows      INTEGER CONSTRAINT posts_follows_count  -- follows it brought
    CHECK (follows IS NULL OR (typeof(follows) = 'integer' AND follows >= 0)),
  followers    INTEGER CONSTRAINT posts_followers_count
    CHECK (followers IS NULL
           OR (typeof(followers) = 'integer' AND followers >= 0)),
  PRIMARY KEY (platform, post_id)
);

-- One row per account and day, from exports that report days, not posts
-- (X's daily_tweet_activity_metrics).
CREATE TABLE IF NOT EXISTS page_days (
  platform    TEXT NOT NULL
    CONSTRAINT page_days_platform_lower
    CHECK (platform <> '' AND platform = lower(platform)),
  account     TEXT NOT NULL,   -- '' when the export does not say
  day         TEXT NOT NULL    -- YYYY-MM-DD, in the export's time zone
    CONSTRAINT page_days_day_iso CHECK (day = date(day, '+0 days')),
  posts       INTEGER CONSTRAINT page_days_posts_count
    CHECK (posts IS NULL OR (typeof(posts) = 'integer' AND posts >= 0)),
  impressions INTEGER CONSTRAINT page_days_impressions_count
    CHECK (impressions IS NULL
           OR (typeof(impressions) = 'integer' AND impressions >= 0)),
  engagements INTEGER CONSTRAINT page_days_engagements_count
    CHECK (engagements IS NULL
           OR (typeof(engagements) = 'integer' AND engagements >= 0)),
  reactions   INTEGER CONSTRAINT page_days_reactions_count
    CHECK (reactions IS NULL
           OR (typeof(reactions) = 'integer' AND reactions >= 0)),
  comments    INTEGER CONSTRAINT page_days_comments_count
    CHECK (comments IS NULL
           OR (typeof(comments) = 'integer' AND comments >= 0)),
  shares      INTEGER CONSTRAINT page_days_shares_count
    CHECK (shares IS NULL OR (typeof(shares) = 'integer' AND shares >= 0)),
  clicks      INTEGER CONSTRAINT page_days_clicks_count
    CHECK (clicks IS NULL OR (typeof(clicks) = 'integer' AND clicks >= 0)),
  follows     INTEGER CONSTRAINT page_days_follows_count
    CHECK (follows IS NULL OR (typeof(follows) = 'integer' AND follows >= 0)),
  followers   INTEGER CONSTRAINT page_days_followers_count  -- SC-21
    CHECK (followers IS NULL
           OR (typeof(followers) = 'integer' AND followers >= 0)),
  views       INTEGER CONSTRAINT page_days_views_count
    CHECK (views IS NULL OR (typeof(views) = 'integer' AND views >= 0)),
  profile_visits INTEGER CONSTRAINT page_days_profile_visits_count
    CHECK (profile_visits IS NULL
           OR (typeof(profile_visits) = 'integer' AND profile_visits >= 0)),
  PRIMARY KEY (platform, account, day)
);

-- One row per customer contact waiting for an answer: a helpdesk ticket,
-- or an inbound tweet (sql/import/twcs.sql).
--
-- SC-9  Instants are stored as whole unix seconds (INTEGER, UTC):
--      received_s, first_response_s, closed_s. The KPIs read them as
--      numbers, with no timestamp to parse, and a CHECK on a number costs
--      next to nothing. Years 0001..9999 only (the range ISO text can
--      spell).
-- SC-10 The same instants as SC-1 text are the view conversations_iso
--      (received_at, first_response_at, closed_at, and week, the Monday
--      of week_s), computed only when read, with SQLite's own strftime and
--      date, so any SQLite reads it without kpi. They are not columns of
--      the table: SQLite computes every generated column of a row it
--      inserts, read or not, and four strftime() calls per row were a
--      seventh of an import (docs/performance.md).
-- SC-11 week_s is the Monday 00:00 UTC that starts received_s's week
--      (the week of sql/views.sql VW-2, in unix seconds), a STORED
--      generated column so that the weekly views group on an index instead
--      of sorting; conversations_iso's week is its 'YYYY-MM-DD' name
--      (SC-10). 1970-01-01 was a
--      Thursday, 3 days (259200 s) after a Monday; the double % keeps the
--      remainder positive before 1970.
-- SC-12 replies_timed is 1 when the export records when replies came, so
--      that a NULL first_response_s means unanswered; 0 when it does not
--      (Zendesk gives the first reply only in business minutes). A
--      service-level share counts only rows with replies_timed = 1
--      (sql/views.sql VW-6): an answered ticket is never counted as missed.
-- SC-13 language is never 'und': no language is NULL, which the views show
--      as 'und' (VW-3), so grouping on the column equals grouping on what
--      they show.
-- SC-22 The CHECKs of this table, the one the big exports fill, cost an
--      import as little as their rules allow (docs/performance.md). A
--      whole number is x = CAST(x AS INTEGER), an operator where typeof()
--      is a function call: it rejects text, blobs and fractions as typeof
--      does, and the two differ only for a real beyond 2^51, which INTEGER
--      affinity leaves real and every such column's range rejects, so each
--      instant has a lower bound as well as an upper one. The names the
--      imports write pass on a comparison before the general rule, which
--      calls a function: the sources twcs and zendesk and the channels x,
--      email, chat, phone, web and facebook before lower() (an OR of
--      equalities: an IN list of more than two is a lookup in a temporary
--      B-tree, dearer than the lower() it saves), and a two-letter
--      language tag, nearly every row's, on one GLOB before the general
--      rule's two. Each fast path accepts only what its rule accepts.
CREATE TABLE IF NOT EXISTS conversations (
  source            TEXT NOT NULL  -- the export kind: zendesk, twcs, ...
    CONSTRAINT conversations_source_lower  -- SC-22
    CHECK (source <> '' AND (source IN ('twcs', 'zendesk')
                             OR source = lower(source))),
  conversation_id   TEXT NOT NULL,
  channel           TEXT NOT NULL  -- email, chat, phone, web, x, facebook
    CONSTRAINT conversations_channel_lower  -- SC-22
    CHECK (channel <> '' AND (channel = 'x' OR channel = 'email'
      OR channel = 'chat' OR channel = 'phone' OR channel = 'web'
      OR channel = 'facebook' OR channel = lower(channel))),
  team              TEXT,          -- helpdesk group, or the brand account
  language          TEXT
    -- lower case follows from the GLOBs: no lower() per row; SC-22
    CONSTRAINT conversations_language_tag CHECK (language IS NULL
      OR language GLOB '[a-z][a-z]'
      OR (language GLOB '[a-z][a-z]*'
          AND language NOT GLOB '*[^a-z-]*' AND language <> 'und')),
  received_s        INTEGER NOT NULL  -- SC-9
    CONSTRAINT conversations_received_s_time
    CHECK (received_s = CAST(received_s AS INTEGER)  -- SC-22
           AND received_s BETWEEN -62135596800 AND 253402300799),
  week_s            INTEGER GENERATED ALWAYS AS  -- SC-11
    (received_s - ((received_s + 259200) % 604800 + 604800) % 604800) STORED,
  first_response_s  INTEGER
    CONSTRAINT conversations_first_response_s_time
    CHECK (first_response_s IS NULL
           OR (first_response_s = CAST(first_response_s AS INTEGER)
               AND first_response_s BETWEEN -62135596800 AND 253402300799))
    CONSTRAINT conversations_first_response_after_received
    CHECK (first_response_s >= received_s),
  -- Some helpdesk exports report the first reply only as a duration in
  -- business hours (Zendesk's "First reply time in minutes within business
  -- hours"), not as a time: seconds, kept apart from first_response_s
  -- because business seconds cannot be turned back into a clock time.
  first_response_business_s REAL
    CONSTRAINT conversations_first_response_business_s
    CHECK (first_response_business_s IS NULL
           OR (first_response_business_s
               = CAST(first_response_business_s AS REAL)
               AND first_response_business_s >= 0)),
  replies_timed     INTEGER NOT NULL DEFAULT 1  -- SC-12
    CONSTRAINT conversations_replies_timed_flag
    CHECK (replies_timed IN (0, 1)),
  closed_s          INTEGER
    CONSTRAINT conversations_closed_s_time
    CHECK (closed_s IS NULL
           OR (closed_s = CAST(closed_s AS INTEGER)
               AND closed_s BETWEEN -62135596800 AND 253402300799))
    CONSTRAINT conversations_closed_after_received
    CHECK (closed_s >= received_s),
  resolved          INTEGER
    CONSTRAINT conversations_resolved_flag CHECK (resolved IN (0, 1)),
  csat              INTEGER
    CONSTRAINT csat_1_to_5 CHECK (csat IS NULL
      OR (csat = CAST(csat AS INTEGER) AND csat BETWEEN 1 AND 5)),
  nps               INTEGER
    CONSTRAINT nps_0_to_10 CHECK (nps IS NULL
      OR (nps = CAST(nps AS INTEGER) AND nps BETWEEN 0 AND 10)),
  handed_off        INTEGER
    CONSTRAINT conversations_handed_off_flag CHECK (handed_off IN (0, 1)),
  escalated         INTEGER
    CONSTRAINT conversations_escalated_flag CHECK (escalated IN (0, 1)),
  converted         INTEGER
    CONSTRAINT conversations_converted_flag CHECK (converted IN (0, 1)),
  -- The customer's sentiment, a label or a score as SPEC 9 and
  -- net_sentiment read it (sql/alerts.sql AL-10): positive pos positif +1,
  -- neutral neu neutre 0, negative neg négatif negatif -1 (trimmed, any
  -- ASCII case), or a number in -1..1.
  sentiment         TEXT
    CONSTRAINT conversations_sentiment_label CHECK (sentiment IS NULL
      OR lower(trim(sentiment)) IN ('positive', 'pos', 'positif', '+1',
           'neutral', 'neu', 'neutre', '0', 'negative', 'neg', 'négatif',
           'nÉgatif', 'negatif', '-1')
      OR (trim(sentiment) GLOB '*[0-9]*'
          AND trim(sentiment) NOT GLOB '*[^0-9.eE+-]*'
          AND CAST(trim(sentiment) AS REAL) BETWEEN -1 AND 1)),
  variant           TEXT           -- A/B arm the contact was served
    CONSTRAINT conversations_variant_arm
    CHECK (variant IN ('control', 'treatment')),
  PRIMARY KEY (source, conversation_id)
);
-- SC-14 The weekly views read only this index (it covers every column they
--      use), in its order: GROUP BY week_s, channel, language streams, one
--      group in memory at a time, with no sort and no lookup in the table.
--      EXPLAIN QUERY PLAN says USING INDEX rather than COVERING INDEX (a
--      query that names a generated column counts every column as used);
--      SQLite still reads the columns from the index entry and never seeks
--      the table row, since each one the query reads is here. It has 11
--      columns, and with the rowid 12 fields: SQLite's sorter compares the
--      keys of an index under 13 fields by a faster path, which makes the
--      build after an import a seventh quicker (docs/performance.md).
CREATE INDEX IF NOT EXISTS conversations_weekly ON conversations (
  week_s, channel, language, received_s, first_response_s, replies_timed,
  first_response_business_s, closed_s, resolved, csat, nps);
-- SC-23 converted, the conversion tag few conversations carry, is in a
--      partial index of its own, which holds only the tagged ones:
--      v_message_to_sale_weekly counts the tagged conversations of each
--      week from it (sql/views.sql MS-6), and an import of untagged
--      conversations adds nothing to it.
CREATE INDEX IF NOT EXISTS conversations_converted ON conversations (
  week_s, channel, language, converted) WHERE converted IS NOT NULL;

-- SC-10: every column of conversations, and the instants as text. A view
-- adds nothing to an insert, and a query that reads no text column
-- computes none.
CREATE VIEW IF NOT EXISTS conversations_iso AS
SELECT source, conversation_id, channel, team, language,
       strftime('%Y-%m-%dT%H:%M:%SZ', received_s, 'unixepoch') AS received_at,
       strftime('%Y-%m-%dT%H:%M:%SZ', first_response_s, 'unixepoch')
         AS first_response_at,
       strftime('%Y-%m-%dT%H:%M:%SZ', closed_s, 'unixepoch') AS closed_at,
       date(week_s, 'unixepoch') AS week,
       received_s, first_response_s, closed_s, week_s,
       first_response_business_s, replies_timed, resolved, csat, nps,
       handed_off, escalated, converted, sentiment, variant
FROM conversations;

-- One row per unit (user, player, session), outcome and observation of an
-- A/B test: long format, so one experiment can carry several outcomes
-- (retention_1, retention_7, sum_gamerounds).
CREATE TABLE IF NOT EXISTS experiments (
  experiment  TEXT NOT NULL
    CONSTRAINT experiments_name CHECK (experiment <> ''),
  unit        TEXT NOT NULL,
  arm         TEXT NOT NULL
    CONSTRAINT experiments_arm CHECK (arm IN ('control', 'treatment')),
  variant     TEXT,                -- the export's own label (gate_30)
  observed_at TEXT
    CONSTRAINT experiments_observed_at_iso CHECK (observed_at IS NULL
      OR observed_at
         = strftime('%Y-%m-%dT%H:%M:%SZ', observed_at, '+0 seconds')),
  outcome     TEXT NOT NULL
    CONSTRAINT experiments_outcome CHECK (outcome <> ''),
  value       REAL NOT NULL
    CONSTRAINT experiments_value_number
    CHECK (typeof(value) IN ('integer', 'real'))
);
-- A unit may be observed twice (the Udacity file has 21 users seen twice,
-- at different times) but not twice at the same time.
CREATE UNIQUE INDEX IF NOT EXISTS experiments_key
  ON experiments (experiment, unit, outcome, coalesce(observed_at, ''));

-- The language each account (or helpdesk group) works in. Exports rarely
-- carry a language, and teams usually run one account or group per
-- language, so the import files look the language up here when the export
-- has none. platform is the posts platform (x, facebook) or, for helpdesk
-- groups, the helpdesk (zendesk).
CREATE TABLE IF NOT EXISTS accounts (
  platform TEXT NOT NULL
    CONSTRAINT accounts_platform_lower
    CHECK (platform <> '' AND platform = lower(platform)),
  account  TEXT NOT NULL,
  language TEXT NOT NULL
    CONSTRAINT accounts_language_tag CHECK (language = lower(language)
      AND language GLOB '[a-z][a-z]*' AND language NOT GLOB '*[^a-z-]*'),
  PRIMARY KEY (platform, account)
);
-- SC-15 Imports look accounts up by lower(account) (handles are not case
--      sensitive: @AppleSupport is @applesupport); this index answers that
--      lookup without a scan.
CREATE INDEX IF NOT EXISTS accounts_lower ON accounts (platform, lower(account));

-- --- Revenue: touchpoints, conversions, ad spend (sql/attribution.sql,
-- sql/roi.sql; SPEC 10) ---------------------------------------------------
-- AS-1  A journey is whatever key ties touches to conversions: a client or
--       user id from the click log, the customer id or e-mail of an order.
--       Times are SC-1 text; names (channel) are lower case (SC-7).
-- AS-2  A touch is one row per journey, instant, channel, campaign and
--       source: campaign and source are '' (not NULL) when the export has
--       none, so the primary key also dedupes them (a NULL in a key
--       column would make every such row distinct).
-- AS-3  Money is value REAL >= 0 with its ISO 4217 currency, upper case,
--       three letters; a conversion with no value (a lead) has both NULL.
--       No sum ever mixes two currencies: every view groups by currency.
-- AS-4  Parameters the user may change live in one-row (or one-row-per-
--       currency) kpi_*_params tables, so a database file keeps them.

-- One row per marketing touch of a journey: a UTM-tagged click, a promo
-- code redeemed (sql/import/utm_clicks.sql, sql/import/orders.sql).
CREATE TABLE IF NOT EXISTS touchpoints (
  journey    TEXT NOT NULL
    CONSTRAINT touchpoints_journey CHECK (journey <> ''),
  touched_at TEXT NOT NULL
    CONSTRAINT touchpoints_touched_at_iso
    CHECK (touched_at
           = strftime('%Y-%m-%dT%H:%M:%SZ', touched_at, '+0 seconds')),
  channel    TEXT NOT NULL   -- facebook, google_ads, email, promo_code ...
    CONSTRAINT touchpoints_channel_lower
    CHECK (channel <> '' AND channel = lower(channel)),
  campaign   TEXT NOT NULL DEFAULT '',
  source     TEXT NOT NULL DEFAULT '',  -- 'utm:facebook/paid_social', 'promo:DM10'
  PRIMARY KEY (journey, touched_at, channel, campaign, source)
);

-- One row per conversion: an order, a sign-up.
CREATE TABLE IF NOT EXISTS conversions (
  source        TEXT NOT NULL   -- the export kind: shopify, ...
    CONSTRAINT conversions_source_lower
    CHECK (source <> '' AND source = lower(source)),
  conversion_id TEXT NOT NULL,
  journey       TEXT NOT NULL
    CONSTRAINT conversions_journey CHECK (journey <> ''),
  converted_at  TEXT NOT NULL
    CONSTRAINT conversions_converted_at_iso
    CHECK (converted_at
           = strftime('%Y-%m-%dT%H:%M:%SZ', converted_at, '+0 seconds')),
  value         REAL
    CONSTRAINT conversions_value_money CHECK (value IS NULL
      OR (typeof(value) IN ('integer', 'real') AND value >= 0)),
  currency      TEXT
    CONSTRAINT conversions_currency_iso CHECK (currency IS NULL
      OR (length(currency) = 3 AND currency = upper(currency)
          AND currency NOT GLOB '*[^A-Z]*'))
    CONSTRAINT conversions_value_has_currency
    CHECK ((value IS NULL) = (currency IS NULL)),
  promo_code    TEXT,            -- the discount code redeemed, as exported
  PRIMARY KEY (source, conversion_id)
);
CREATE INDEX IF NOT EXISTS conversions_journey
  ON conversions (journey, converted_at);
-- codes are matched in any case (sql/views.sql MS-1, sql/import/orders.sql)
CREATE INDEX IF NOT EXISTS conversions_promo_code
  ON conversions (upper(promo_code));

-- Ad spend per platform, account, period, campaign and ad (the contract of
-- /work/prompts/contracts.md; filled by the Google Ads / Meta Ads imports).
CREATE TABLE IF NOT EXISTS ad_spend (
  platform    TEXT NOT NULL  -- google_ads, meta_ads, linkedin_ads, tiktok_ads
    CONSTRAINT ad_spend_platform_lower
    CHECK (platform <> '' AND platform = lower(platform)),
  account     TEXT NOT NULL DEFAULT '',
  day         TEXT NOT NULL  -- YYYY-MM-DD, first day of the period
    CONSTRAINT ad_spend_day_iso CHECK (day = date(day, '+0 days')),
  period_end  TEXT           -- YYYY-MM-DD, last day (= day when daily)
    CONSTRAINT ad_spend_period_end_iso CHECK (period_end IS NULL
      OR (period_end = date(period_end, '+0 days') AND period_end >= day)),
  campaign    TEXT NOT NULL DEFAULT '',
  ad          TEXT NOT NULL DEFAULT '',
  impressions INTEGER CONSTRAINT ad_spend_impressions_count
    CHECK (impressions IS NULL
           OR (typeof(impressions) = 'integer' AND impressions >= 0)),
  clicks      INTEGER CONSTRAINT ad_spend_clicks_count
    CHECK (clicks IS NULL OR (typeof(clicks) = 'integer' AND clicks >= 0)),
  conversions REAL CONSTRAINT ad_spend_conversions_number
    CHECK (conversions IS NULL
           OR (typeof(conversions) IN ('integer', 'real') AND conversions >= 0)),
  conversion_value REAL CONSTRAINT ad_spend_conversion_value_number
    CHECK (conversion_value IS NULL
           OR (typeof(conversion_value) IN ('integer', 'real')
               AND conversion_value >= 0)),
  cost        REAL NOT NULL
    CONSTRAINT ad_spend_cost_money
    CHECK (typeof(cost) IN ('integer', 'real') AND cost >= 0),
  currency    TEXT NOT NULL  -- ISO 4217, upper case, from the export
    CONSTRAINT ad_spend_currency_iso
    CHECK (length(currency) = 3 AND currency = upper(currency)
           AND currency NOT GLOB '*[^A-Z]*'),
  PRIMARY KEY (platform, account, day, campaign, ad)
);

-- What ties a conversation (sql/views.sql) to revenue, from a CRM or the
-- inbox tool: the journey of the customer who wrote, and a promo code
-- issued in the conversation. A conversation with no row here and
-- converted NULL is untracked (sql/views.sql MS-2).
CREATE TABLE IF NOT EXISTS conversation_links (
  source          TEXT NOT NULL,   -- conversations.source
  conversation_id TEXT NOT NULL,   -- conversations.conversation_id
  journey         TEXT
    CONSTRAINT conversation_links_journey CHECK (journey <> ''),
  promo_code      TEXT
    CONSTRAINT conversation_links_promo_code CHECK (promo_code <> ''),
  PRIMARY KEY (source, conversation_id)
);
CREATE INDEX IF NOT EXISTS conversation_links_promo_code
  ON conversation_links (upper(promo_code));

-- AT-5, AT-6 of sql/attribution.sql: one row, id 1.
CREATE TABLE IF NOT EXISTS kpi_attribution_params (
  id             INTEGER PRIMARY KEY
    CONSTRAINT kpi_attribution_params_one_row CHECK (id = 1),
  lookback_days  REAL NOT NULL DEFAULT 30
    CONSTRAINT kpi_attribution_params_lookback
    CHECK (typeof(lookback_days) IN ('integer', 'real') AND lookback_days > 0),
  half_life_days REAL NOT NULL DEFAULT 7
    CONSTRAINT kpi_attribution_params_half_life
    CHECK (typeof(half_life_days) IN ('integer', 'real')
           AND half_life_days > 0)
);
INSERT OR IGNORE INTO kpi_attribution_params (id) VALUES (1);

-- The inputs of the ROI cases of sql/roi.sql, one row per currency (every
-- money input of a row is in that currency). NULL means "measure it from
-- the tables" where sql/roi.sql RO-2 says how; an input that cannot be
-- measured (support_cost_month) leaves its results NULL.
CREATE TABLE IF NOT EXISTS kpi_roi_params (
  currency             TEXT PRIMARY KEY
    CONSTRAINT kpi_roi_params_currency_iso
    CHECK (length(currency) = 3 AND currency = upper(currency)
           AND currency NOT GLOB '*[^A-Z]*'),
  aov                  REAL    -- average order value
    CONSTRAINT kpi_roi_params_aov CHECK (aov IS NULL OR aov >= 0),
  conversion_rate      REAL    -- message-to-sale rate today, 0..1
    CONSTRAINT kpi_roi_params_rate
    CHECK (conversion_rate IS NULL OR conversion_rate BETWEEN 0 AND 1),
  conversion_gain      REAL NOT NULL DEFAULT 0.005  -- 0.5 point
    CONSTRAINT kpi_roi_params_gain CHECK (conversion_gain BETWEEN -1 AND 1),
  monthly_messages     REAL
    CONSTRAINT kpi_roi_params_messages
    CHECK (monthly_messages IS NULL OR monthly_messages >= 0),
  support_cost_month   REAL    -- staff and tools, per month
    CONSTRAINT kpi_roi_params_support_cost
    CHECK (support_cost_month IS NULL OR support_cost_month >= 0),
  cost_per_interaction REAL    -- one handled conversation
    CONSTRAINT kpi_roi_params_cost_per_interaction
    CHECK (cost_per_interaction IS NULL OR cost_per_interaction >= 0)
);
