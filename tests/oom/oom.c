/*
** oom.c: out-of-memory injection for kpi.
**
**   oom KPI_LIB SCRIPT.sql
**
** Installs an allocator (SQLITE_CONFIG_MALLOC, before sqlite3_initialize)
** that fails the Nth allocation, then for N = 1, 2, ... opens a connection,
** loads the extension and runs the script, until a run completes without
** reaching N. Every run must end in success or SQLITE_NOMEM ("out of
** memory"): any other error is a wrong path taken on a failed allocation.
** Every run must also give back all it allocated once the connection is
** closed, counted by the wrapper itself (LeakSanitizer checks the rest
** when this runs under ASan). Exit 0 when all runs pass.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

static sqlite3_mem_methods defaultMem;
static long long nAlloc;  /* allocations made since the counter reset */
static long long iFailAt; /* the allocation to fail (1-based), 0: none */
static long long nLive;   /* allocations not yet freed */
static int nFailed;       /* how many were refused in this run */

static void *oomMalloc(int n) {
  void *p;
  if (iFailAt > 0 && ++nAlloc == iFailAt) {
    nFailed++;
    return 0;
  }
  p = defaultMem.xMalloc(n);
  if (p) nLive++;
  return p;
}

static void oomFree(void *p) {
  if (p) nLive--;
  defaultMem.xFree(p);
}

static void *oomRealloc(void *p, int n) {
  void *q;
  if (iFailAt > 0 && ++nAlloc == iFailAt) {
    nFailed++;
    return 0;
  }
  q = defaultMem.xRealloc(p, n);
  if (q && !p) nLive++;
  return q;
}

static int oomSize(void *p) {
  return defaultMem.xSize(p);
}
static int oomRoundup(int n) {
  return defaultMem.xRoundup(n);
}
static int oomInit(void *p) {
  return defaultMem.xInit(p);
}
static void oomShutdown(void *p) {
  defaultMem.xShutdown(p);
}

static char *read_file(const char *zPath) {
  FILE *f = fopen(zPath, "rb");
  long n;
  char *z;
  if (!f) return 0;
  fseek(f, 0, SEEK_END);
  n = ftell(f);
  fseek(f, 0, SEEK_SET);
  z = malloc((size_t)n + 1);
  if (z && fread(z, 1, (size_t)n, f) != (size_t)n) {
    free(z);
    z = 0;
  }
  if (z) z[n] = 0;
  fclose(f);
  return z;
}

/* Outcome of each statement in the run without failures. */
#define OOM_MAX_STMT 1000
static char *azBaseline[OOM_MAX_STMT];

/*
** Runs the script's statements in turn and stops at the first out of
** memory. Statement i's outcome (NULL for success, else its message) must
** be the baseline's, or out of memory. Returns the number of mismatches;
** with record set, it records the baseline instead.
*/
static int run_script(sqlite3 *db, const char *zSql, long long n, int record) {
  const char *zTail = zSql;
  int i;
  for (i = 0; *zTail && i < OOM_MAX_STMT; i++) {
    sqlite3_stmt *pStmt = 0;
    const char *zMsg = 0;
    int rc = sqlite3_prepare_v2(db, zTail, -1, &pStmt, &zTail);
    if (rc == SQLITE_OK && pStmt == 0) break; /* only comments were left */
    if (rc == SQLITE_OK) {
      while ((rc = sqlite3_step(pStmt)) == SQLITE_ROW) {
      }
      if (rc == SQLITE_DONE) rc = SQLITE_OK;
    }
    if (rc != SQLITE_OK) zMsg = sqlite3_errmsg(db);
    if (rc == SQLITE_NOMEM || (zMsg && strcmp(zMsg, "out of memory") == 0)) {
      sqlite3_finalize(pStmt);
      if (record) {
        fprintf(stderr, "oom: statement %d ran out of memory unprovoked\n",
                i + 1);
        return 1;
      }
      return nFailed ? 0 : 1;
    }
    if (record) {
      azBaseline[i] = zMsg ? strdup(zMsg) : 0;
    } else if (nFailed && zMsg && azBaseline[i] &&
               strcmp(zMsg, "SQL logic error") == 0) {
      /* SQLite itself could not copy the extension's error message. */
      sqlite3_finalize(pStmt);
      return 0;
    } else if ((zMsg == 0) != (azBaseline[i] == 0) ||
               (zMsg && strcmp(zMsg, azBaseline[i]) != 0)) {
      fprintf(stderr, "oom: failing allocation %lld: statement %d: %s\n", n,
              i + 1, zMsg ? zMsg : "succeeded where it failed before");
      sqlite3_finalize(pStmt);
      return 1;
    }
    sqlite3_finalize(pStmt);
    if (!zTail) break;
  }
  return 0;
}

/*
** One run with the Nth allocation failing (n = 0: none, and the outcomes
** are recorded). Returns 0 when the run ended well, 1 otherwise; *pDone is
** set when the run never reached allocation N.
*/
static int run_once(const char *zLib, const char *zSql, long long n,
                    int *pDone) {
  sqlite3 *db = 0;
  char *zErr = 0;
  int rc;
  int bad = 0;
  long long nLiveBefore = nLive;
  nAlloc = 0;
  nFailed = 0;
  iFailAt = n;
  rc = sqlite3_open(":memory:", &db);
  if (rc == SQLITE_OK) {
    sqlite3_enable_load_extension(db, 1);
    rc = sqlite3_load_extension(db, zLib, "sqlite3_kpi_init", &zErr);
    if (rc != SQLITE_OK && nFailed == 0) {
      fprintf(stderr, "oom: cannot load %s: %s\n", zLib, zErr ? zErr : "?");
      bad = 1;
    }
    sqlite3_free(zErr);
  }
  if (rc == SQLITE_OK) bad = run_script(db, zSql, n, n == 0);
  iFailAt = 0;
  sqlite3_close(db);
  *pDone = n > 0 && nFailed == 0;
  if (!bad && nLive != nLiveBefore) {
    fprintf(stderr, "oom: failing allocation %lld: %lld allocations leaked\n",
            n, nLive - nLiveBefore);
    bad = 1;
  }
  return bad;
}

int main(int argc, char **argv) {
  static sqlite3_mem_methods oomMem = {oomMalloc,   oomFree,    oomRealloc,
                                       oomSize,     oomRoundup, oomInit,
                                       oomShutdown, 0};
  char *zSql;
  long long n;
  int nBad = 0;
  int done = 0;
  if (argc != 3) {
    fprintf(stderr, "usage: %s KPI_LIB SCRIPT.sql\n", argv[0]);
    return 2;
  }
  zSql = read_file(argv[2]);
  if (!zSql) {
    fprintf(stderr, "oom: cannot read %s\n", argv[2]);
    return 2;
  }
  sqlite3_config(SQLITE_CONFIG_GETMALLOC, &defaultMem);
  if (sqlite3_config(SQLITE_CONFIG_MALLOC, &oomMem) != SQLITE_OK) {
    fprintf(stderr, "oom: cannot install the allocator\n");
    return 2;
  }
  /* No lookaside, so every allocation of the statements goes through us. */
  sqlite3_config(SQLITE_CONFIG_LOOKASIDE, 0, 0);
  sqlite3_initialize();
  if (run_once(argv[1], zSql, 0, &done)) return 1;
  for (n = 1; !done; n++) {
    nBad += run_once(argv[1], zSql, n, &done);
    if (nBad > 20) break;
  }
  printf("oom: %lld allocation points, %d bad run%s\n", n - 1, nBad,
         nBad == 1 ? "" : "s");
  free(zSql);
  sqlite3_shutdown();
  return nBad ? 1 : 0;
}
