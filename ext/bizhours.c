/*
** bizhours.c: business hours (SPEC 4).
**
**   business_seconds(start, end, schedule)
**       seconds of [start, end) that fall inside the working schedule,
**       e.g. 'Mon-Fri 09:00-17:00 America/Toronto' or
**       'Mon-Fri 08:30-12:00,13:00-17:30; Sat 10:00-14:00 Europe/Paris;
**        closed 2025-12-25,2026-01-01' (grammar: bizsched.c)
**
** Requirements (tests cite them as BH-n; the schedule's are B-n):
**   BH-1  start and end are read as timestamps (kpi_arg_ts, SPEC 1); a
**         NULL or blank one gives NULL, but every argument is still
**         checked, so a bad schedule next to a NULL is an error.
**   BH-2  end == start gives 0. end before start is an error naming both
**         values: "end '2025-03-01 09:00' in argument 2 is before start
**         '2025-03-01 10:00' in argument 1".
**   BH-3  A NULL or blank schedule gives NULL; a BLOB is an error; a
**         schedule that does not parse is "bad schedule 'x' in argument 3:
**         unknown day 'Fry'"; a zone that is not a safe name (tzif.c, Z-4)
**         or not a TZif file under /usr/share/zoneinfo is "unknown time
**         zone 'Mars/Olympus' in argument 3".
**   BH-4  The parsed schedule and its zone file are kept for the statement
**         (sqlite3_get_auxdata) when the schedule is a constant, so a
**         million rows read the zone file once; the connection also keeps
**         the last 8 schedules it parsed, so a schedule taken from a
**         column (one per team) is not parsed again on every row.
**   BH-5  Instants before 0000-01-01 or from 10000-01-01 on are errors:
**         "timestamp '-1e12' is outside years 0000 to 9999 in argument 1".
**   BH-6  Registered deterministic but not innocuous: it reads files.
*/
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bizsched.h"
#include "kpi.h"
#include "tzif.h"

/*
** A parsed schedule and its zone (BH-4). Held by a statement's auxdata
** and by the connection's cache, so it is counted and freed by the last
** holder to let go.
*/
typedef struct BizhoursCache BizhoursCache;
struct BizhoursCache {
  int nRef;
  BizSchedule sched;
  TzZone zone;
  unsigned char *aFile; /* the zone file's bytes, which zone points into */
  const char *zText;    /* the schedule's text (in this allocation) */
  int nText;
};

static void bizhours_unref(void *p) {
  BizhoursCache *pC = (BizhoursCache *)p;
  if (pC && --pC->nRef <= 0) {
    sqlite3_free(pC->aFile);
    sqlite3_free(pC);
  }
}

/* Schedules a connection keeps, for schedules that vary by row. */
#define BIZHOURS_NSLOT 8

/*
** The user data of business_seconds, one per connection. Its first member
** is the function's KpiFunc row, so kpi_func_name() and kpi_error() work.
*/
typedef struct BizhoursConn BizhoursConn;
struct BizhoursConn {
  KpiFunc func;
  BizhoursCache *aSlot[BIZHOURS_NSLOT];
  int iNext; /* the slot the next new schedule replaces */
};

/* KpiFunc.xUserFree: the connection's slots (kpi.c frees the block). */
static void bizhours_conn_free(void *p) {
  BizhoursConn *pConn = (BizhoursConn *)p;
  int k;
  for (k = 0; k < BIZHOURS_NSLOT; k++)
    bizhours_unref(pConn->aSlot[k]);
}

/*
** Read zoneinfo file zName into *paFile. SQLITE_OK, SQLITE_NOTFOUND (not a
** safe name, no such regular file, too big) or SQLITE_NOMEM.
*/
static int bizhours_read_zone(const char *zName, int nName,
                              unsigned char **paFile, size_t *pnFile) {
  char *zPath;
  int fd, rc = SQLITE_OK;
  struct stat st;
  unsigned char *a = 0;
  size_t nGot = 0;
  *paFile = 0;
  *pnFile = 0;
  if (!tzif_name_ok(zName, nName)) return SQLITE_NOTFOUND;
  zPath = sqlite3_mprintf("%s/%.*s", TZIF_DIR, nName, zName);
  if (zPath == 0) return SQLITE_NOMEM;
  fd = open(zPath, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  sqlite3_free(zPath);
  if (fd < 0) return SQLITE_NOTFOUND;
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size < 44 ||
      st.st_size > TZIF_FILE_MAX) {
    close(fd);
    return SQLITE_NOTFOUND;
  }
  a = sqlite3_malloc64((sqlite3_uint64)st.st_size);
  if (a == 0) {
    close(fd);
    return SQLITE_NOMEM;
  }
  while (nGot < (size_t)st.st_size) {
    ssize_t k = read(fd, a + nGot, (size_t)st.st_size - nGot);
    if (k < 0 && errno == EINTR) continue;
    if (k <= 0) break;
    nGot += (size_t)k;
  }
  close(fd);
  if (nGot != (size_t)st.st_size) {
    sqlite3_free(a);
    return SQLITE_NOTFOUND;
  }
  *paFile = a;
  *pnFile = nGot;
  return rc;
}

/* Parse a schedule and load its zone; sets the error on ctx and returns 0
** when it cannot. */
static BizhoursCache *bizhours_load(sqlite3_context *ctx, const char *z,
                                    int n) {
  BizhoursCache *pC;
  BizError err;
  sqlite3_uint64 nClosed =
      sizeof(long long) * (sqlite3_uint64)BIZ_CLOSED_MAX(n);
  sqlite3_uint64 nByte = sizeof(BizhoursCache) + nClosed + (sqlite3_uint64)n;
  char *zText;
  pC = sqlite3_malloc64(nByte);
  if (pC == 0) {
    sqlite3_result_error_nomem(ctx);
    return 0;
  }
  memset(pC, 0, sizeof(*pC));
  zText = (char *)&pC[1] + nClosed;
  memcpy(zText, z, (size_t)n);
  pC->zText = zText;
  pC->nText = n;
  if (!biz_parse(z, n, &pC->sched, (long long *)&pC[1], &err)) {
    char *zQ = kpi_quote(z, n);
    char *zTok = err.iTok >= 0 ? kpi_quote(z + err.iTok, err.nTok) : 0;
    static const char *const azDay[] = {"Sun", "Mon", "Tue", "Wed",
                                        "Thu", "Fri", "Sat"};
    if (zQ == 0 || (err.iTok >= 0 && zTok == 0)) {
      sqlite3_result_error_nomem(ctx);
    } else if (err.iTok < 0) {
      kpi_error(ctx, "bad schedule '%s' in argument 3: %s %s", zQ, err.zMsg,
                azDay[-1 - err.iTok]);
    } else if (err.nTok > 0) {
      kpi_error(ctx, "bad schedule '%s' in argument 3: %s '%s'", zQ, err.zMsg,
                zTok);
    } else {
      kpi_error(ctx, "bad schedule '%s' in argument 3: %s", zQ, err.zMsg);
    }
    sqlite3_free(zQ);
    sqlite3_free(zTok);
    bizhours_unref(pC);
    return 0;
  }
  if (pC->sched.nZone == 0 ||
      (pC->sched.nZone == 3 && memcmp(z + pC->sched.iZone, "UTC", 3) == 0)) {
    tzif_utc(&pC->zone);
  } else {
    size_t nFile;
    const char *zZone = z + pC->sched.iZone;
    int nZone = pC->sched.nZone;
    int rc = bizhours_read_zone(zZone, nZone, &pC->aFile, &nFile);
    if (rc == SQLITE_NOMEM) {
      sqlite3_result_error_nomem(ctx);
      bizhours_unref(pC);
      return 0;
    }
    if (rc != SQLITE_OK || !tzif_parse(pC->aFile, nFile, &pC->zone)) {
      char *zQ = kpi_quote(zZone, nZone);
      if (zQ == 0) {
        sqlite3_result_error_nomem(ctx);
      } else {
        kpi_error(ctx, "unknown time zone '%s' in argument 3", zQ);
      }
      sqlite3_free(zQ);
      bizhours_unref(pC);
      return 0;
    }
  }
  return pC;
}

/* BH-2: the message naming both values, as the user wrote them. */
static void bizhours_reversed(sqlite3_context *ctx, sqlite3_value **argv) {
  const char *zS = (const char *)sqlite3_value_text(argv[0]);
  const char *zE = (const char *)sqlite3_value_text(argv[1]);
  char *zQS = zS ? kpi_quote(zS, sqlite3_value_bytes(argv[0])) : 0;
  char *zQE = zE ? kpi_quote(zE, sqlite3_value_bytes(argv[1])) : 0;
  if (zQS == 0 || zQE == 0) {
    sqlite3_result_error_nomem(ctx);
  } else {
    kpi_error(ctx, "end '%s' in argument 2 is before start '%s' in argument 1",
              zQE, zQS);
  }
  sqlite3_free(zQS);
  sqlite3_free(zQE);
}

/* BH-5: the message naming the value. */
static void bizhours_range_error(sqlite3_context *ctx, sqlite3_value **argv,
                                 int iArg) {
  const char *z = (const char *)sqlite3_value_text(argv[iArg]);
  char *zQ = z ? kpi_quote(z, sqlite3_value_bytes(argv[iArg])) : 0;
  if (zQ == 0) {
    sqlite3_result_error_nomem(ctx);
    return;
  }
  kpi_error(ctx, "timestamp '%s' is outside years 0000 to 9999 in argument %d",
            zQ, iArg + 1);
  sqlite3_free(zQ);
}

static void bizhoursSecondsFunc(sqlite3_context *ctx, int argc,
                                sqlite3_value **argv) {
  double s = 0, e = 0, r;
  int rcS, rcE, isNew = 0;
  const char *z;
  int n, k;
  BizhoursCache *pC;
  (void)argc;
  rcS = kpi_arg_ts(ctx, argv, 0, &s);
  if (rcS == KPI_ARG_ERR) return;
  rcE = kpi_arg_ts(ctx, argv, 1, &e);
  if (rcE == KPI_ARG_ERR) return;
  switch (sqlite3_value_type(argv[2])) {
    case SQLITE_NULL:
      return;
    case SQLITE_BLOB:
      kpi_error(ctx, "cannot use a BLOB in argument 3");
      return;
    default:
      break;
  }
  pC = (BizhoursCache *)sqlite3_get_auxdata(ctx, 2);
  if (pC == 0) {
    BizhoursConn *pConn = (BizhoursConn *)sqlite3_user_data(ctx);
    z = (const char *)sqlite3_value_text(argv[2]);
    n = sqlite3_value_bytes(argv[2]);
    if (z == 0) {
      sqlite3_result_error_nomem(ctx);
      return;
    }
    for (k = 0; k < n && strchr(" \t\r\n\f\v", z[k]) != 0; k++) {
    }
    if (k == n) return; /* blank: NULL */
    /* A schedule that varies by row loses its auxdata after each call:
    ** look in the connection's slots before parsing it again. */
    for (k = 0; k < BIZHOURS_NSLOT; k++) {
      BizhoursCache *pS = pConn->aSlot[k];
      if (pS && pS->nText == n && memcmp(pS->zText, z, (size_t)n) == 0) {
        pC = pS;
        break;
      }
    }
    if (pC == 0) {
      pC = bizhours_load(ctx, z, n);
      if (pC == 0) return;
      pC->nRef = 1; /* the slot's reference */
      bizhours_unref(pConn->aSlot[pConn->iNext]);
      pConn->aSlot[pConn->iNext] = pC;
      pConn->iNext = (pConn->iNext + 1) % BIZHOURS_NSLOT;
    }
    isNew = 1;
  }
  if (rcS == KPI_ARG_OK && rcE == KPI_ARG_OK) {
    if (e < s) {
      bizhours_reversed(ctx, argv);
    } else if (s < BIZ_MIN_TIME || s >= BIZ_MAX_TIME) {
      bizhours_range_error(ctx, argv, 0);
    } else if (e < BIZ_MIN_TIME || e >= BIZ_MAX_TIME) {
      bizhours_range_error(ctx, argv, 1);
    } else {
      r = biz_seconds(&pC->sched, &pC->zone, s, e);
      sqlite3_result_double(ctx, r);
    }
  }
  /* Last: the destructor may run at once (see sqlite3_set_auxdata). */
  if (isNew) {
    pC->nRef++; /* the statement's reference */
    sqlite3_set_auxdata(ctx, 2, pC, bizhours_unref);
  }
}

static const KpiFunc aBizhoursFunc[] = {
    /* BH-6; BH-4: each connection keeps its own schedules */
    {"business_seconds", 3, SQLITE_UTF8 | SQLITE_DETERMINISTIC, 0,
     bizhoursSecondsFunc, 0, 0, 0, 0, sizeof(BizhoursConn), bizhours_conn_free},
};

int bizhours_register(sqlite3 *db) {
  return kpi_register_funcs(
      db, aBizhoursFunc,
      (int)(sizeof(aBizhoursFunc) / sizeof(aBizhoursFunc[0])));
}
