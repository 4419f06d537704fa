-- utm_clicks.sql: a UTM click log into touchpoints (sql/schema.sql AS-1,
-- AS-2; SPEC 10).
--
-- The export: one row per landing that carried UTM parameters, as a site
-- tag, a server log or a link shortener writes it:
--   timestamp,client_id,utm_source,utm_medium,utm_campaign,utm_content,
--   utm_term,landing_page,referrer
-- timestamp in any form kpi_ts reads (ISO 8601 with a fraction and Z in
-- the sample); client_id the visitor's id (GA's "1148794654.1740126704",
-- a user id or a hashed e-mail). No real log was found: the layout is the
-- one the UTM parameters and GA4's client id define (examples/exports/
-- utm_clicks_2025-03.csv is a synthetic sample). Read it as text, or a
-- client id such as 1148794654.1740126704 becomes a number and loses its
-- digits; the import stops on such a row with "CHECK constraint failed:
-- utm_clicks_client_id_is_a_number_use_types_text":
--
--   sqlite> CREATE VIRTUAL TABLE temp.utm_clicks
--      ...>   USING kpi_csv(filename='exports/clicks.csv', types='text');
--   sqlite> .read sql/import/utm_clicks.sql
--
-- Mapping (touchpoints column <- log column):
--   journey <- client_id (rows without one, or without utm_source, are not
--   touches and are skipped);
--   touched_at <- timestamp, to the second (a fraction is dropped: SC-1);
--   channel <- utm_source and utm_medium, lower case and trimmed:
--     a paid medium (cpc ppc paid paid_search paid_social paidsocial
--     paid-social cpm display) names the ad platform, as ad_spend does:
--     google -> google_ads, facebook or instagram -> meta_ads, linkedin ->
--     linkedin_ads, tiktok -> tiktok_ads, bing -> microsoft_ads, any other
--     source -> <source>_ads;
--     medium email, e-mail or newsletter -> email;
--     otherwise the source, with the usual aliases folded: fb, m.facebook.com,
--     l.facebook.com, facebook.com -> facebook; ig, instagram.com,
--     l.instagram.com -> instagram; twitter, t.co, x.com -> x; lnkd.in,
--     linkedin.com -> linkedin; tiktok.com -> tiktok; google.com -> google;
--   campaign <- utm_campaign, trimmed ('' when empty);
--   source <- 'utm:<source>/<medium>' as read (medium '(none)' when empty).
-- The same click twice (same second, channel, campaign and source) is one
-- touch (AS-2): importing a log again adds nothing.
DROP TABLE IF EXISTS temp.utm_clicks_guard;
CREATE TEMP TABLE utm_clicks_guard (
  ok CONSTRAINT utm_clicks_client_id_is_a_number_use_types_text CHECK (ok));
INSERT INTO temp.utm_clicks_guard
  SELECT NOT EXISTS (SELECT 1 FROM temp.utm_clicks
                     WHERE typeof(client_id) = 'real');
DROP TABLE temp.utm_clicks_guard;

INSERT OR IGNORE INTO touchpoints (journey, touched_at, channel, campaign,
                                   source)
SELECT journey,
       strftime('%Y-%m-%dT%H:%M:%SZ', CAST(kpi_ts(ts) AS INTEGER),
                'unixepoch'),
       CASE
         WHEN med IN ('cpc', 'ppc', 'paid', 'paid_search', 'paid_social',
                      'paidsocial', 'paid-social', 'cpm', 'display')
         THEN CASE src
                WHEN 'google' THEN 'google_ads'
                WHEN 'facebook' THEN 'meta_ads'
                WHEN 'instagram' THEN 'meta_ads'
                WHEN 'linkedin' THEN 'linkedin_ads'
                WHEN 'tiktok' THEN 'tiktok_ads'
                WHEN 'bing' THEN 'microsoft_ads'
                ELSE src || '_ads' END
         WHEN med IN ('email', 'e-mail', 'newsletter') THEN 'email'
         ELSE src END,
       campaign, 'utm:' || raw_src || '/' || coalesce(raw_med, '(none)')
FROM (
  SELECT CAST(trim(client_id) AS TEXT) AS journey, "timestamp" AS ts,
         lower(trim(utm_source)) AS raw_src,
         nullif(lower(trim(utm_medium)), '') AS raw_med,
         nullif(lower(trim(utm_medium)), '') AS med,
         coalesce(trim(utm_campaign), '') AS campaign,
         CASE lower(trim(utm_source))
           WHEN 'fb' THEN 'facebook'
           WHEN 'facebook.com' THEN 'facebook'
           WHEN 'm.facebook.com' THEN 'facebook'
           WHEN 'l.facebook.com' THEN 'facebook'
           WHEN 'ig' THEN 'instagram'
           WHEN 'instagram.com' THEN 'instagram'
           WHEN 'l.instagram.com' THEN 'instagram'
           WHEN 'twitter' THEN 'x'
           WHEN 't.co' THEN 'x'
           WHEN 'x.com' THEN 'x'
           WHEN 'lnkd.in' THEN 'linkedin'
           WHEN 'linkedin.com' THEN 'linkedin'
           WHEN 'tiktok.com' THEN 'tiktok'
           WHEN 'google.com' THEN 'google'
           ELSE lower(trim(utm_source)) END AS src
  FROM temp.utm_clicks
  WHERE trim(client_id) <> '' AND trim(utm_source) <> ''
);
