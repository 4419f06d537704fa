// duckdb_jobs.mjs JOB THREADS DB [FILE]: the jobs of bench/bench_pipeline.sh
// in DuckDB, for comparison (run by the bench with the @duckdb/node-api
// package it installs under build/bench-npm; never part of the tests).
//
//   twcs     FILE: TWCS export -> conversations -> weekly kpi_* table
//   zendesk  FILE: Zendesk tickets export -> conversations -> weekly table
//   grouped_setup: writes the 10M-row conversations table (not timed)
//   grouped  median, 90th percentile and 1h SLA share of response times
//            over that table, 20 groups
//
// The SQL does what sql/import/*.sql and sql/materialize.sql do: the same
// joins and the same weekly aggregates (median = quantile_cont 0.5,
// linear interpolation like kpi's; SLA = answered within 3600 s over all
// rows). Each job is its own process, as the kpi jobs are.
const { DuckDBInstance } = await import(
  `${process.env.DUCKDB_NODE_API}/lib/index.js`);

const [job, threads, dbPath, file] = process.argv.slice(2);
const inst = await DuckDBInstance.create(dbPath, { threads: String(threads) });
const c = await inst.connect();
const run = (sql) => c.run(sql);
const q = (s) => `'${s.replaceAll("'", "''")}'`;

const weekly = `
CREATE OR REPLACE TABLE kpi_conversations_weekly AS
SELECT strftime(date_trunc('week', received_at), '%Y-%m-%d') AS week,
       channel, coalesce(language, 'und') AS language,
       count(*) AS conversations,
       avg(CASE WHEN first_response_at IS NOT NULL
                  OR first_response_business_s IS NOT NULL THEN 1 ELSE 0 END)
         AS response_rate,
       quantile_cont(epoch(first_response_at) - epoch(received_at), 0.5)
         / 60.0 AS frt_median_min,
       quantile_cont(epoch(first_response_at) - epoch(received_at), 0.9)
         / 60.0 AS frt_p90_min,
       quantile_cont(first_response_business_s, 0.5) / 60.0
         AS frt_bh_median_min,
       avg(epoch(closed_at) - epoch(received_at)) / 3600.0 AS aht_h,
       avg(resolved) AS resolution_rate,
       avg(CASE WHEN csat >= 4 THEN 1.0 WHEN csat IS NOT NULL THEN 0.0 END)
         AS csat,
       100.0 * (count(*) FILTER (WHERE nps >= 9)
                - count(*) FILTER (WHERE nps <= 6))
         / nullif(count(nps), 0) AS nps,
       CASE WHEN count(first_response_at) > 0 THEN
         avg(CASE WHEN epoch(first_response_at) - epoch(received_at) <= 3600
                  THEN 1.0 ELSE 0.0 END) END AS sla_1h
FROM conversations GROUP BY ALL`;

if (job === 'twcs') {
  await run(`CREATE OR REPLACE TABLE accounts AS
    SELECT 'brand' || i AS account, CASE WHEN i % 2 THEN 'en' ELSE 'fr' END
      AS language FROM range(20) t(i)`);
  await run(`CREATE OR REPLACE TABLE conversations AS
    WITH t AS (
      SELECT tweet_id, author_id, lower(CAST(inbound AS VARCHAR)) = 'true' AS inbound,
             strptime(created_at, '%a %b %d %H:%M:%S %z %Y') AS ts,
             CAST(in_response_to_tweet_id AS BIGINT) AS parent, text
      FROM read_csv(${q(file)}, header = true, all_varchar = false)),
    f AS (
      SELECT parent, min(ts) AS ts, arg_min(author_id, ts) AS author
      FROM t WHERE NOT inbound AND parent IS NOT NULL GROUP BY parent)
    SELECT 'twcs' AS source, CAST(c.tweet_id AS VARCHAR) AS conversation_id,
           'x' AS channel, coalesce(f.author,
             nullif(regexp_extract(c.text, '^@([A-Za-z0-9_]{1,15})', 1), ''))
             AS team,
           a.language, c.ts AS received_at, f.ts AS first_response_at,
           CAST(NULL AS DOUBLE) AS first_response_business_s,
           CAST(NULL AS TIMESTAMPTZ) AS closed_at,
           CAST(NULL AS INTEGER) AS resolved, CAST(NULL AS INTEGER) AS csat,
           CAST(NULL AS INTEGER) AS nps
    FROM t AS c LEFT JOIN f ON f.parent = c.tweet_id
    LEFT JOIN accounts AS a ON lower(a.account) = lower(coalesce(f.author,
             nullif(regexp_extract(c.text, '^@([A-Za-z0-9_]{1,15})', 1), '')))
    WHERE c.inbound`);
  await run(weekly);
} else if (job === 'zendesk') {
  await run(`CREATE OR REPLACE TABLE accounts AS
    SELECT * FROM (VALUES ('Support', 'en'), ('Endorsements', 'en'),
                          ('Claims', 'fr')) v(account, language)`);
  await run(`CREATE OR REPLACE TABLE conversations AS
    SELECT 'zendesk' AS source, CAST("Id" AS VARCHAR) AS conversation_id,
           CASE lower("Via") WHEN 'mail' THEN 'email' WHEN 'web form' THEN 'web'
             WHEN 'web widget' THEN 'web' WHEN 'chat' THEN 'chat'
             WHEN 'twitter' THEN 'x' WHEN 'facebook' THEN 'facebook'
             ELSE CASE WHEN lower("Via") LIKE 'phone%' THEN 'phone'
                  ELSE replace(lower(trim("Via")), ' ', '_') END END AS channel,
           "Group" AS team, a.language,
           CAST("Created at" AS TIMESTAMP) AS received_at,
           CAST(NULL AS TIMESTAMP) AS first_response_at,
           CAST("First reply time in minutes within business hours" AS DOUBLE)
             * 60.0
             AS first_response_business_s,
           CASE WHEN "Solved at" LIKE '1900-01-01%' THEN NULL
                ELSE CAST("Solved at" AS TIMESTAMP) END AS closed_at,
           CASE WHEN lower("Status") IN ('solved', 'closed') THEN 1 ELSE 0 END
             AS resolved,
           TRY_CAST(CASE lower(trim(CAST("Satisfaction Score" AS VARCHAR)))
             WHEN 'good' THEN '5' WHEN 'bad' THEN '1'
             ELSE CAST("Satisfaction Score" AS VARCHAR) END AS INTEGER) AS csat,
           CAST(NULL AS INTEGER) AS nps
    FROM read_csv(${q(file)}, header = true, all_varchar = true) AS t
    LEFT JOIN accounts AS a ON a.account = t."Group"`);
  await run(weekly);
} else if (job === 'grouped_setup') {
  // the rows bench/bench_pipeline.sh writes into kpi's table, same formula
  const n = Number(file);
  await run(`CREATE OR REPLACE TABLE conversations AS
    SELECT to_timestamp(r) AS received_at,
           CASE WHEN i % 10 >= 3
             THEN to_timestamp(r + 30 + (i * 104729) % 20000) END
             AS first_response_at,
           'x' AS channel, CASE WHEN i % 2 = 0 THEN 'en' ELSE 'fr' END AS language
    FROM (SELECT i, 1736121600 + i * 6048000 // ${n} AS r
          FROM range(${n}) t(i))`);
} else if (job === 'grouped') {
  await run(`CREATE OR REPLACE TEMP TABLE g AS
    SELECT date_trunc('week', received_at) AS week, channel, language,
           quantile_cont(epoch(first_response_at) - epoch(received_at), 0.5) AS m,
           quantile_cont(epoch(first_response_at) - epoch(received_at), 0.9) AS p,
           avg(CASE WHEN epoch(first_response_at) - epoch(received_at) <= 3600
                    THEN 1.0 ELSE 0.0 END) AS s
    FROM conversations GROUP BY ALL`);
  const r = await c.runAndReadAll('SELECT count(*) FROM g');
  if (Number(r.getRows()[0][0]) !== 20) throw new Error('grouped: not 20 groups');
} else {
  throw new Error(`duckdb_jobs.mjs: unknown job ${job}`);
}
c.closeSync();
