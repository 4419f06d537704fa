-- journeys.sql: the hand-worked journeys of docs/attribution.md and
-- tests/attribution.test (section 1), in an empty database, with the
-- attribution views. From the repository root, after .load ./kpi:
--
--   sqlite> .read examples/journeys.sql
--   sqlite> SELECT * FROM v_attribution WHERE model = 'linear';
.read sql/schema.sql
INSERT INTO touchpoints (journey, touched_at, channel, campaign) VALUES
  ('j1', '2025-03-01T00:00:00Z', 'facebook', ''),
  ('j2', '2025-03-01T00:00:00Z', 'google_ads', 'brand'),
  ('j2', '2025-03-08T00:00:00Z', 'email', 'nl'),
  ('j3', '2025-01-20T00:00:00Z', 'x', ''),
  ('j3', '2025-02-15T00:00:00Z', 'instagram', 'spring'),
  ('j3', '2025-02-22T00:00:00Z', 'meta_ads', 'spring'),
  ('j3', '2025-02-22T00:00:00Z', 'email', 'nl'),
  ('j3', '2025-02-28T00:00:00Z', 'google_ads', 'brand'),
  ('j3', '2025-03-02T00:00:00Z', 'linkedin', ''),
  ('j4', '2025-02-28T23:59:59Z', 'tiktok', ''),
  ('j4', '2025-03-01T00:00:00Z', 'facebook', ''),
  ('j4', '2025-03-10T00:00:00Z', 'x', ''),
  ('j6', '2025-03-10T00:00:00Z', 'facebook', '');
INSERT INTO conversions (source, conversion_id, journey, converted_at, value,
                         currency) VALUES
  ('t', 'c1', 'j1', '2025-03-02T00:00:00Z', 100, 'EUR'),
  ('t', 'c2', 'j2', '2025-03-08T00:00:00Z', 50, 'EUR'),
  ('t', 'c3', 'j3', '2025-03-01T00:00:00Z', 200, 'EUR'),
  ('t', 'c4a', 'j4', '2025-03-05T00:00:00Z', 80, 'EUR'),
  ('t', 'c4b', 'j4', '2025-03-31T00:00:00Z', 30, 'USD'),
  ('t', 'c5', 'j5', '2025-03-03T00:00:00Z', 10, 'EUR'),
  ('t', 'c6', 'j6', '2025-03-09T00:00:00Z', 20, 'EUR'),
  ('t', 'c7', 'j6', '2025-03-11T00:00:00Z', NULL, NULL);
.read sql/attribution.sql
