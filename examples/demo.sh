#!/bin/sh
# demo.sh (make demo): takes the sample exports of examples/exports/ through
# the whole path in the sqlite3 shell (kpi_csv tables, sql/import/*.sql into
# the tables of sql/schema.sql, the views of sql/views.sql, sql/materialize.sql)
# and prints the weekly dashboard per platform and language, the
# experiment readout, (examples/attribution.sql) the conversions each
# attribution model credits, the assisted conversions and the ROI cases,
# and this week's alerts with the trend table and the goals
# (examples/alerts.sql). It leaves kpi_dashboard.db, whose kpi_* tables any
# SQLite reads without the extension; the last step shows that with a
# plain sqlite3 that loads nothing.
set -eu
cd "$(dirname "$0")/.."
# tests/sql_layer.test runs this with its own database and build of kpi
db=${KPI_DEMO_DB:-kpi_dashboard.db}
rm -f "$db"
sqlite3 -bail "$db" <<SQL
.load ${KPI_LIB:-./kpi} sqlite3_kpi_init
.read sql/schema.sql
.read examples/load_samples.sql
.read sql/views.sql
.read sql/alerts.sql
.read sql/materialize.sql
SELECT 'loaded: ' || (SELECT count(*) FROM posts)
       || ' posts, ' || (SELECT count(*) FROM conversations)
       || ' conversations, ' || (SELECT count(DISTINCT unit) FROM experiments)
       || ' experiment units' AS loaded;
SQL
echo
echo "Weekly dashboard per platform and language (examples/dashboard.sql):"
sqlite3 -bail "$db" < examples/dashboard.sql
echo
echo "Experiment readout (examples/experiment.sql):"
sqlite3 -bail "$db" < examples/experiment.sql
echo
echo "Instagram and TikTok views, paid spend, LinkedIn days (examples/platforms.sql):"
sqlite3 -bail "$db" ".load ${KPI_LIB:-./kpi} sqlite3_kpi_init" \
  ".read sql/views.sql" ".read examples/platforms.sql"
echo
echo "The kpi_* tables, read by a sqlite3 that has not loaded kpi:"
sqlite3 -bail "$db" <<'SQL'
.mode box
SELECT table_name, row_count FROM kpi_refresh ORDER BY table_name;
SQL
echo
echo "Attribution and ROI cases (examples/attribution.sql):"
sqlite3 -bail "$db" ".load ${KPI_LIB:-./kpi} sqlite3_kpi_init" \
  ".read examples/attribution.sql"
echo
echo "This week's alerts (sql/alerts.sql, examples/alerts.sql):"
sqlite3 -bail "$db" ".load ${KPI_LIB:-./kpi} sqlite3_kpi_init" \
  ".read sql/views.sql" ".read sql/alerts.sql" ".read sql/trends.sql" \
  ".read examples/goals.sql" ".read examples/alerts.sql"
