-- ab_cookie_cats.sql: the Cookie Cats mobile-game A/B test (Tactile
-- Entertainment; DataCamp, Kaggle "mobile-games-ab-testing") into
-- experiments.
--
-- The file: userid,version,sum_gamerounds,retention_1,retention_7, one row
-- per player. version is gate_30 (the gate at level 30, as the game was)
-- or gate_40 (the gate moved to level 40); retention_1 and retention_7 are
-- TRUE/FALSE (True/False before Excel touched it); sum_gamerounds is the
-- number of rounds played in the first 14 days.
--
--   sqlite> CREATE VIRTUAL TABLE temp.ab_cookie_cats
--      ...>   USING kpi_csv(filename='cookie_cats.csv');
--   sqlite> .read sql/import/ab_cookie_cats.sql
--
-- Mapping (experiments column <- file column), three rows per player:
--   experiment <- the file's base name up to its first '.' (cookie_cats);
--   unit <- userid; arm <- version: gate_30 -> control, gate_40 ->
--   treatment (other labels are rejected by the experiments_arm CHECK);
--   variant <- version; observed_at NULL (the file has no time);
--   outcome 'retention_1', 'retention_7' (value 1 for TRUE, 0 for FALSE;
--   anything else is NULL and rejected by NOT NULL) and 'sum_gamerounds'
--   (value the count).
INSERT OR REPLACE INTO experiments (
  experiment, unit, arm, variant, observed_at, outcome, value)
WITH files AS MATERIALIZED (
  -- each file's base name, once per file: rtrim() over a set of characters
  -- costs too much to run on every row
  SELECT f, replace(f, rtrim(f, replace(f, '/', '')), '') AS base
  FROM (SELECT DISTINCT _file AS f FROM temp.ab_cookie_cats)
)
SELECT CASE WHEN instr(base, '.') > 1
            THEN substr(base, 1, instr(base, '.') - 1) ELSE base END,
       CAST(userid AS TEXT),
       CASE version WHEN 'gate_30' THEN 'control'
                    WHEN 'gate_40' THEN 'treatment' ELSE version END,
       version, NULL, o.outcome,
       CASE o.outcome
         WHEN 'sum_gamerounds' THEN sum_gamerounds
         ELSE CASE lower(trim(CASE o.outcome WHEN 'retention_1'
                                  THEN retention_1 ELSE retention_7 END))
                WHEN 'true' THEN 1 WHEN 'false' THEN 0 END
       END
FROM temp.ab_cookie_cats AS p
JOIN files ON files.f = p._file
CROSS JOIN (SELECT 'retention_1' AS outcome UNION ALL
            SELECT 'retention_7' UNION ALL SELECT 'sum_gamerounds') AS o;
