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
--      The CHECKs do the type checking instead.
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
  post_type    TEXT,           -- photo, video, link, status, ... as exported
  language     TEXT            -- BCP 47 primary tag (en, fr) or NULL
    CONSTRAINT posts_language_tag CHECK (language IS NULL
      OR (language = lower(language) AND language GLOB '[a-z][a-z]*'
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
  PRIMARY KEY (platform, account, day)
);

-- One row per customer contact waiting for an answer: a helpdesk ticket,
-- or an inbound tweet (sql/import/twcs.sql).
CREATE TABLE IF NOT EXISTS conversations (
  source            TEXT NOT NULL  -- the export kind: zendesk, twcs, ...
    CONSTRAINT conversations_source_lower
    CHECK (source <> '' AND source = lower(source)),
  conversation_id   TEXT NOT NULL,
  channel           TEXT NOT NULL  -- email, chat, phone, web, x, facebook
    CONSTRAINT conversations_channel_lower
    CHECK (channel <> '' AND channel = lower(channel)),
  team              TEXT,          -- helpdesk group, or the brand account
  language          TEXT
    CONSTRAINT conversations_language_tag CHECK (language IS NULL
      OR (language = lower(language) AND language GLOB '[a-z][a-z]*'
          AND language NOT GLOB '*[^a-z-]*')),
  received_at       TEXT NOT NULL
    CONSTRAINT conversations_received_at_iso
    CHECK (received_at
           = strftime('%Y-%m-%dT%H:%M:%SZ', received_at, '+0 seconds')),
  first_response_at TEXT
    CONSTRAINT conversations_first_response_at_iso
    CHECK (first_response_at IS NULL OR first_response_at
           = strftime('%Y-%m-%dT%H:%M:%SZ', first_response_at,
                      '+0 seconds'))
    CONSTRAINT conversations_first_response_after_received
    CHECK (first_response_at IS NULL OR first_response_at >= received_at),
  -- Some helpdesk exports report the first reply only as a duration in
  -- business hours (Zendesk's "First reply time in minutes within business
  -- hours"), not as a time: seconds, kept apart from first_response_at
  -- because business seconds cannot be turned back into a clock time.
  first_response_business_s REAL
    CONSTRAINT conversations_first_response_business_s
    CHECK (first_response_business_s IS NULL
           OR (typeof(first_response_business_s) IN ('integer', 'real')
               AND first_response_business_s >= 0)),
  closed_at         TEXT
    CONSTRAINT conversations_closed_at_iso
    CHECK (closed_at IS NULL
           OR closed_at
              = strftime('%Y-%m-%dT%H:%M:%SZ', closed_at, '+0 seconds'))
    CONSTRAINT conversations_closed_after_received
    CHECK (closed_at IS NULL OR closed_at >= received_at),
  resolved          INTEGER
    CONSTRAINT conversations_resolved_flag CHECK (resolved IN (0, 1)),
  csat              INTEGER
    CONSTRAINT csat_1_to_5 CHECK (csat IS NULL
      OR (typeof(csat) = 'integer' AND csat BETWEEN 1 AND 5)),
  nps               INTEGER
    CONSTRAINT nps_0_to_10 CHECK (nps IS NULL
      OR (typeof(nps) = 'integer' AND nps BETWEEN 0 AND 10)),
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
