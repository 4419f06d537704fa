#!/bin/sh
# gen_quantile.sh ROWS DB: writes a deterministic table of support
# conversations into DB (under build/), for bench_quantile.sh.
#
#   conv(id, lang, received_at, first_response_at, secs)
#
# received_at: ISO 8601 UTC text ('2025-01-01T00:00:03Z'), one every 3 s.
# first_response_at: a Knuth multiplicative hash of id spreads responses
# over 0..24 h, skewed towards short ones; every 17th row is unanswered
# (NULL). secs: the same duration as a REAL, for the sliding medians.
# No random(): the same ROWS always gives the same table.
set -eu
rows=$1
db=$2
rm -f "$db"
sqlite3 "$db" >/dev/null <<SQL
PRAGMA journal_mode = OFF;
PRAGMA synchronous = OFF;
CREATE TABLE conv(id INTEGER PRIMARY KEY, lang TEXT, received_at TEXT,
                  first_response_at TEXT, secs REAL);
WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < $rows),
h(i, d) AS (SELECT i, ((i * 2654435761) % 4294967296) % 86400
                      * (((i * 40503) % 65536) % 86400) / 86400 + (i % 60)
            FROM c)
INSERT INTO conv
SELECT i, CASE i % 3 WHEN 0 THEN 'en' WHEN 1 THEN 'fr' ELSE 'de' END,
       strftime('%Y-%m-%dT%H:%M:%SZ', 1735689600 + 3 * i, 'unixepoch'),
       CASE WHEN i % 17 = 0 THEN NULL
            ELSE strftime('%Y-%m-%dT%H:%M:%SZ', 1735689600 + 3 * i + d,
                          'unixepoch') END,
       CASE WHEN i % 17 = 0 THEN NULL ELSE d + (i % 1000) / 1000.0 END
FROM h;
SQL
