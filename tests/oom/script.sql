-- script.sql: what the out-of-memory driver runs, covering every function
-- and the CSV table. Each statement must succeed when memory does.
CREATE TABLE t(i INTEGER PRIMARY KEY, a, b, f, s);
WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 40)
INSERT INTO t SELECT i, i % 7, 10 + i % 5, CASE i % 3 WHEN 0 THEN 'yes' WHEN 1 THEN 'non' ELSE 1 END,
  1 + i % 5 FROM c;
SELECT kpi_version();
SELECT rate(a, b), engagement_rate(a, b), ctr(a, b), comment_rate(a, b),
       response_rate(a, b), conversion_rate(a, b), cpm(a, b), cpc(a, b),
       cac(a, b), roi(a, b), engagement_rate_per_follower(a, b) FROM t;
SELECT share(f), response_rate(f), resolution_rate(f), handoff_rate(f),
       escalation_rate(f), csat(s), csat(s, 7), nps(s * 2) FROM t;
SELECT ctr(a, b) OVER w, share(f) OVER w, csat(s) OVER w, nps(s) OVER w,
       engagement_rate_per_follower(a, b) OVER w
FROM t WINDOW w AS (ORDER BY i ROWS BETWEEN 3 PRECEDING AND 2 FOLLOWING);
SELECT median(a), percentile(b, 90), percentile_cont(a, 0.9), percentile_disc(b, 0.25) FROM t;
SELECT percentile_cont(a, 0.5) OVER w, percentile_disc(b, 0.75) OVER w
FROM t WINDOW w AS (ORDER BY i ROWS BETWEEN 3 PRECEDING AND 2 FOLLOWING);
SELECT median(a) OVER w, percentile(b, 25) OVER w
FROM t WINDOW w AS (ORDER BY i ROWS BETWEEN 3 PRECEDING AND 2 FOLLOWING);
SELECT frt(i, i + a), frt_median(i, i + b), frt_percentile(i, i + a, 75),
       frt_mean(i, i + b), aht(i, i + a), sla_rate(i, i + a, 3) FROM t;
SELECT frt_median(i, i + a) OVER w, frt_percentile(i, i + b, 10) OVER w,
       frt_mean(i, i + a) OVER w, aht(i, i + b) OVER w,
       sla_rate(i, i + a, 3) OVER w
FROM t WINDOW w AS (ORDER BY i ROWS BETWEEN 3 PRECEDING AND 2 FOLLOWING);
WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 800)
SELECT median(i % 101), max(m) FROM (SELECT i, percentile(i % 101, 75)
  OVER (ORDER BY i ROWS 700 PRECEDING) AS m FROM c);
SELECT ctr('abc', 1) IS NULL OR 1;
SELECT kpi_ts('2025-03-01T14:03:00.25+01:00'), kpi_ts('Tue Oct 31 22:10:47 +0000 2017'),
       kpi_ts('01/03/2025 14:03', '%d/%m/%Y %H:%M'), kpi_ts('2019-01-31 23:32 +0000');
SELECT kpi_ts('03/04/2025');
SELECT business_seconds('2025-03-07 16:00', '2025-03-11 10:30',
  'Mon-Fri 08:30-12:00,13:00-17:30; Sat 10:00-14:00 Europe/Paris; closed 2025-03-10');
SELECT business_seconds(i * 86400, i * 86400 + 200000, 'Mon-Fri 09:00-17:00 America/Toronto') FROM t;
SELECT business_seconds(0, 1, 'Mon-Fri 09:00-17:00 Nowhere/Land');
SELECT uplift_ci(i % 2, a > 3), uplift_ci(i % 2, a > 3, 0.9) ->> '$.lift',
       mean_uplift_ci(CASE WHEN i % 2 THEN 'b' ELSE 'a' END, b) FROM t;
SELECT uplift_ci(i % 2, a > 3) OVER w, mean_uplift_ci(i % 2, b) OVER w
FROM t WINDOW w AS (ORDER BY i ROWS BETWEEN 9 PRECEDING AND 2 FOLLOWING);
SELECT net_sentiment(CASE i % 4 WHEN 0 THEN 'positif' WHEN 1 THEN 'neg' WHEN 2 THEN 0.3 ELSE 0 END),
       sentiment_share(CASE WHEN i % 3 THEN 'pos' ELSE -0.5 END, 'positive') FROM t;
SELECT net_sentiment(s - 3) OVER w, sentiment_share(CASE WHEN a > 3 THEN 'neutre' ELSE 'négatif' END, 'neg') OVER w
FROM t WINDOW w AS (ORDER BY i ROWS BETWEEN 3 PRECEDING AND 2 FOLLOWING);
SELECT kpi_handle('@brand' || i || ' late again'), kpi_handle(CASE WHEN i % 2 THEN 'no handle' END) FROM t;
SELECT var_samp(a), stddev_samp(b), covar_samp(a, b), corr(a, b), regr_slope(a, b),
       regr_intercept(a, b), regr_r2(a, b), zscore(b), spike_score(a), trend(a, i),
       trend(b, '2025-03-0' || (1 + i % 9), 0.9) FROM t;
SELECT var_samp(a) OVER w, corr(a, b) OVER w, regr_slope(a, i) OVER w, zscore(b) OVER w,
       spike_score(a) OVER w, trend(a, i) OVER w
FROM t WINDOW w AS (ORDER BY i ROWS 7 PRECEDING);
WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 300)
SELECT max(s) FROM (SELECT spike_score(i % 17) OVER (ORDER BY i ROWS 99 PRECEDING) AS s FROM c);
SELECT trend(a, t) FROM (SELECT 1 a, 5 t UNION ALL SELECT 2, '2025-03-01');
SELECT uplift_ci_counts(80, 48, 70, 56), wilson_ci(5, 10), ab_sample_size(0.02, 0.25);
CREATE VIRTUAL TABLE temp.c1 USING kpi_csv(filename='tests/oom/sample.csv', dateformat='%Y-%m-%d %H:%M');
SELECT count(*), sum(score), group_concat(name), max(rate), max("when"), max(_line), max(_file) FROM c1;
CREATE VIRTUAL TABLE temp.c2 USING kpi_csv(filename='tests/oom/sample*.csv*');
SELECT count(*), group_concat(name, '|') FROM c2;
CREATE VIRTUAL TABLE temp.c3 USING kpi_csv(filename='tests/oom/latin1.csv');
SELECT group_concat(equipe), sum(note) FROM c3;
SELECT * FROM kpi_csv_sniff('tests/oom/latin1.csv');
CREATE VIRTUAL TABLE temp.c5 USING kpi_csv(filename='tests/oom/rules.csv', year=2025, nullstr='--, N/A');
SELECT sum(impr), sum(cost), group_concat(share), group_concat("date"), group_concat(note) FROM c5;
CREATE VIRTUAL TABLE temp.c6 USING kpi_csv(filename='tests/oom/rules.csv', export_date='2026-02-28', thousands=',', skip=2);
SELECT group_concat("date"), count(*) FROM c6;
SELECT * FROM kpi_csv_sniff('tests/oom/rules.csv');
CREATE VIRTUAL TABLE temp.c4 USING kpi_csv(filename='tests/oom/nosuch.csv');
CREATE VIRTUAL TABLE temp.x1 USING kpi_xlsx(filename='tests/xlsx/types.xlsx');
SELECT count(*), group_concat(id), sum(amount), max("when"), max(note), max(_row), max(_sheet) FROM x1;
CREATE VIRTUAL TABLE temp.x2 USING kpi_xlsx(filename='tests/xlsx/types.xlsx', sheet='Merged', nullstr='x');
SELECT * FROM x2;
CREATE VIRTUAL TABLE temp.x3 USING kpi_xlsx(filename='tests/xlsx/[dt][ay]*.xlsx', columns='a, b text', range='A1:B9');
SELECT * FROM x3;
SELECT * FROM kpi_xlsx_sheets('tests/xlsx/types.xlsx');
CREATE VIRTUAL TABLE temp.x4 USING kpi_xlsx(filename='tests/xlsx/old.xls');
CREATE VIRTUAL TABLE temp.x5 USING kpi_xlsx(filename='tests/xlsx/bomb.xlsx');
