-- ab_udacity.sql: an A/B test log in the layout of Udacity's ab_data.csv
-- ("Analyze A/B Test Results") into experiments.
--
-- The file: user_id,timestamp,group,landing_page,converted. group is
-- control or treatment; landing_page old_page or new_page; converted 0 or
-- 1; timestamp reads "2017-01-21 22:11:48.556739" (no zone).
--
--   sqlite> CREATE VIRTUAL TABLE temp.ab_udacity
--      ...>   USING kpi_csv(filename='ab_data.csv');
--   sqlite> .read sql/import/ab_udacity.sql
--
-- Mapping (experiments column <- file column):
--   experiment <- the file's base name up to its first '.' (ab_data);
--   unit <- user_id; arm <- group (control, treatment; any other label is
--   rejected by the experiments_arm CHECK); variant <- landing_page, so
--   the rows whose page does not match their group (a known defect of
--   this data set: control,new_page and treatment,old_page) can be found
--   and left out: WHERE (arm = 'treatment') = (variant = 'new_page');
--   observed_at <- timestamp, as UTC, cut to whole seconds;
--   outcome 'converted'; value <- converted.
-- Every row is kept, duplicated users included (they were seen at two
-- different times): the counts match the file's.
INSERT OR REPLACE INTO experiments (
  experiment, unit, arm, variant, observed_at, outcome, value)
WITH files AS MATERIALIZED (
  -- each file's base name (what follows its last '/'), once per file:
  -- rtrim() over a set of characters costs too much to run on every row
  SELECT f, replace(f, rtrim(f, replace(f, '/', '')), '') AS base
  FROM (SELECT DISTINCT _file AS f FROM temp.ab_udacity)
)
SELECT CASE WHEN instr(base, '.') > 1
            THEN substr(base, 1, instr(base, '.') - 1) ELSE base END,
       CAST(user_id AS TEXT), lower(trim("group")), landing_page,
       strftime('%Y-%m-%dT%H:%M:%SZ', CAST(kpi_ts(timestamp) AS INTEGER),
                'unixepoch'),
       'converted', converted
FROM temp.ab_udacity AS a
JOIN files ON files.f = a._file;
