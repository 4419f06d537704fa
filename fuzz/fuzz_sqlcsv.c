/*
** fuzz_sqlcsv.c: arbitrary bytes through kpi_csv in a real SQLite
** connection. The bytes become a file; a kpi_csv table is created on it
** with options picked by the first byte, every column (and _file, _line)
** of every row is read, and kpi_csv_sniff describes it. Errors are fine
** (a bad file must say so); crashes, leaks and sanitizer reports are not.
**
** Built by fuzz/run.sh with every source of ext/, SQLITE_CORE and -lsqlite3:
*the
** extension is linked in and registered by calling sqlite3_kpi_init.
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

int sqlite3_kpi_init(sqlite3 *db, char **pzErrMsg,
                     const sqlite3_api_routines *pApi);

static const char *const azOpts[] = {
    "",
    ", header=no",
    ", types=text",
    ", delimiter=';', decimal=','",
    ", encoding=cp1252",
    ", encoding=utf16",
    ", header_rows=1",
    ", dateformat='%Y-%m-%d %H:%M'",
    ", skip=2",
    ", thousands=','",
    ", thousands=none, nullstr='x,-'",
    ", year=2025",
    ", export_date='2026-02-28'",
    ", header=yes, header_rows=0",
    ", thousands=' ', decimal=','",
};

static char zPath[64];
static void remove_file(void) {
  unlink(zPath);
}

static void scan(sqlite3 *db, const char *zSql) {
  sqlite3_stmt *pStmt = 0;
  if (sqlite3_prepare_v2(db, zSql, -1, &pStmt, 0) != SQLITE_OK) return;
  while (sqlite3_step(pStmt) == SQLITE_ROW) {
    int i, n = sqlite3_column_count(pStmt);
    for (i = 0; i < n; i++) {
      const unsigned char *z = sqlite3_column_text(pStmt, i);
      if (z && strlen((const char *)z) > (size_t)sqlite3_column_bytes(pStmt, i))
        abort(); /* text longer than SQLite thinks it is */
    }
  }
  sqlite3_finalize(pStmt);
}

int LLVMFuzzerTestOneInput(const uint8_t *aData, size_t nData) {
  static sqlite3 *db = 0;
  char *zSql;
  FILE *f;
  if (nData < 1 || nData > 100000) return 0;
  if (db == 0) {
    snprintf(zPath, sizeof(zPath), "/tmp/fuzz_sqlcsv_%d.csv", (int)getpid());
    atexit(remove_file);
    if (sqlite3_open(":memory:", &db) != SQLITE_OK) abort();
    if (sqlite3_kpi_init(db, 0, 0) != SQLITE_OK) abort();
  }
  f = fopen(zPath, "wb");
  if (!f) return 0;
  fwrite(aData + 1, 1, nData - 1, f);
  fclose(f);
  zSql = sqlite3_mprintf(
      "CREATE VIRTUAL TABLE temp.t USING kpi_csv(filename='%q'%s)", zPath,
      azOpts[aData[0] % (sizeof(azOpts) / sizeof(azOpts[0]))]);
  if (sqlite3_exec(db, zSql, 0, 0, 0) == SQLITE_OK) {
    scan(db, "SELECT *, _file, _line FROM t");
    scan(db, "SELECT count(*) FROM t");
    sqlite3_exec(db, "DROP TABLE temp.t", 0, 0, 0);
  }
  sqlite3_free(zSql);
  zSql = sqlite3_mprintf("SELECT * FROM kpi_csv_sniff('%q')", zPath);
  scan(db, zSql);
  sqlite3_free(zSql);
  return 0;
}
