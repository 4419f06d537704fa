-- revenue.sql: the sample exports of examples/exports/ in an empty
-- database, with the views of sql/views.sql, sql/attribution.sql and
-- sql/roi.sql, for the ROI examples of docs/attribution.md. From the
-- repository root, after .load ./kpi:
--
--   sqlite> .read examples/revenue.sql
--   sqlite> SELECT * FROM v_roi_benchmark;
.read sql/schema.sql
.read examples/load_samples.sql
.read sql/views.sql
.read sql/attribution.sql
.read sql/roi.sql
