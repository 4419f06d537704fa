/*
** timefmt.c: timestamps as SQL values (SPEC 1, Timestamps).
**
**   kpi_ts(value)           unix seconds (REAL) of a timestamp in any form
**                           the value layer accepts (see tsparse.c, T-1)
**   kpi_ts(value, format)   unix seconds of text read with a strptime-style
**                           format (tsparse.c, T-4)
**
** and kpi_arg_ts(), the reader every duration function (frt, aht,
** business_seconds, ...) takes its timestamps through.
**
** Requirements (tests cite them as TF-n):
**   TF-1  INTEGER and REAL values are unix seconds; NaN and infinities are
**         errors ("cannot use Inf in argument 1"), as for numbers.
**   TF-2  TEXT that is blank is NULL. Text in a form of T-1 is read by
**         ts_parse; numeric text ('1700000000', ' 1.5e9 ') is unix seconds;
**         other text is "cannot parse timestamp 'x' in argument N".
**   TF-3  A slash date with the day or month first is refused:
**         "ambiguous date '03/04/2025 14:03' in argument 1: give a format,
**         e.g. kpi_ts(x, '%d/%m/%Y %H:%M') or '%m/%d/%Y %H:%M'" (the two
**         formats follow the shape of the value).
**   TF-4  A BLOB is "cannot use a BLOB in argument N".
**   TF-5  kpi_ts(value, format): a NULL value, blank text or a NULL format
**         gives NULL. Numbers are read as their text (20250301 with
**         '%Y%m%d'). A value that does not match is "cannot parse timestamp
**         'x' with format 'f' in argument 1"; an unknown directive is
**         "unknown directive '%Q' in format 'f' in argument 2", a '%' at the
**         end "unfinished directive '%' at the end of format 'f' in
**         argument 2"; a BLOB format is an error.
**   TF-7  Quoted values are cut at 60 bytes on a UTF-8 boundary, with
**         "..." when cut (as the value layer, V-7).
** Design note (no test can observe it, so it is not a numbered rule): no
** allocation per value, no locale, no libc time functions; the parser
** works on the value's bytes in place.
*/
#include <math.h>
#include <string.h>

#include "kpi.h"
#include "tsparse.h"

/* The two suggested formats of TF-3 into aDay and aMonth (64 bytes). */
static void timefmt_suggest(const char *z, int n, char *aDay, char *aMonth) {
  if (ts_suggest_fmt(z, n, 1, aDay, 64) == 0 ||
      ts_suggest_fmt(z, n, 0, aMonth, 64) == 0) {
    static const char zDay[] = "%d/%m/%Y %H:%M";
    static const char zMonth[] = "%m/%d/%Y %H:%M";
    memcpy(aDay, zDay, sizeof(zDay));
    memcpy(aMonth, zMonth, sizeof(zMonth));
  }
}

static int timefmt_text_error(sqlite3_context *ctx, const char *z, int n,
                              int iArg, int rc) {
  char *zQ = kpi_quote(z, n);
  if (zQ == 0) {
    sqlite3_result_error_nomem(ctx);
    return KPI_ARG_ERR;
  }
  if (rc == TS_AMBIGUOUS) {
    char aDay[64], aMonth[64];
    timefmt_suggest(z, n, aDay, aMonth);
    kpi_error(ctx,
              "ambiguous date '%s' in argument %d: give a format, e.g. "
              "kpi_ts(x, '%s') or '%s'",
              zQ, iArg + 1, aDay, aMonth);
  } else {
    kpi_error(ctx, "cannot parse timestamp '%s' in argument %d", zQ, iArg + 1);
  }
  sqlite3_free(zQ);
  return KPI_ARG_ERR;
}

static int timefmt_is_blank(const char *z, int n) {
  int k;
  for (k = 0; k < n; k++) {
    char c = z[k];
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n' && c != '\f' &&
        c != '\v') {
      return 0;
    }
  }
  return 1;
}

static double timefmt_seconds(const TsTime *t) {
  return (double)t->sec + (double)t->nsec / 1e9;
}

int kpi_arg_ts(sqlite3_context *ctx, sqlite3_value **argv, int iArg,
               double *pSec) {
  sqlite3_value *v = argv[iArg];
  if (sqlite3_value_type(v) == SQLITE_TEXT) {
    const char *z = (const char *)sqlite3_value_text(v);
    int n = sqlite3_value_bytes(v);
    TsTime t;
    KpiNum num;
    int rc;
    if (z == 0) {
      sqlite3_result_error_nomem(ctx);
      return KPI_ARG_ERR;
    }
    rc = ts_parse(z, n, &t);
    if (rc == TS_OK) {
      *pSec = timefmt_seconds(&t);
      return KPI_ARG_OK;
    }
    if (rc == TS_BAD) {
      if (timefmt_is_blank(z, n)) return KPI_ARG_NULL;
      if (kpi_parse_num(z, n, &num)) {
        if (isnan(num.r) || isinf(num.r)) {
          kpi_error(ctx, "cannot use %s in argument %d",
                    isnan(num.r) ? "NaN"
                    : num.r > 0  ? "Inf"
                                 : "-Inf",
                    iArg + 1);
          return KPI_ARG_ERR;
        }
        *pSec = num.r;
        return KPI_ARG_OK;
      }
    }
    return timefmt_text_error(ctx, z, n, iArg, rc);
  } else {
    KpiNum num;
    int rc = kpi_arg_num(ctx, argv, iArg, &num);
    if (rc == KPI_ARG_OK) *pSec = num.r;
    return rc;
  }
}

/* kpi_ts(value) */
static void timefmtTsFunc(sqlite3_context *ctx, int argc,
                          sqlite3_value **argv) {
  double r;
  (void)argc;
  if (kpi_arg_ts(ctx, argv, 0, &r) == KPI_ARG_OK) sqlite3_result_double(ctx, r);
}

/* The bytes of one UTF-8 character at z (at least 1, at most n). */
static int timefmt_char_len(const char *z, int n) {
  int k = 1;
  while (k < n && ((unsigned char)z[k] & 0xC0) == 0x80)
    k++;
  return k;
}

/* kpi_ts(value, format) */
static void timefmtTsFmtFunc(sqlite3_context *ctx, int argc,
                             sqlite3_value **argv) {
  const char *z, *zFmt;
  int n, nFmt, rc, iBad = 0;
  TsTime t;
  (void)argc;
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL ||
      sqlite3_value_type(argv[1]) == SQLITE_NULL) {
    return;
  }
  if (sqlite3_value_type(argv[0]) == SQLITE_BLOB ||
      sqlite3_value_type(argv[1]) == SQLITE_BLOB) {
    kpi_error(ctx, "cannot use a BLOB in argument %d",
              sqlite3_value_type(argv[0]) == SQLITE_BLOB ? 1 : 2);
    return;
  }
  zFmt = (const char *)sqlite3_value_text(argv[1]);
  nFmt = sqlite3_value_bytes(argv[1]);
  z = (const char *)sqlite3_value_text(argv[0]);
  n = sqlite3_value_bytes(argv[0]);
  if (z == 0 || zFmt == 0) {
    sqlite3_result_error_nomem(ctx);
    return;
  }
  if (ts_fmt_check(zFmt, nFmt, &iBad) != TS_OK) {
    char *zQ = kpi_quote(zFmt, nFmt);
    if (zQ == 0) {
      sqlite3_result_error_nomem(ctx);
      return;
    }
    if (iBad + 1 >= nFmt) {
      kpi_error(ctx,
                "unfinished directive '%%' at the end of format '%s' in "
                "argument 2",
                zQ);
    } else {
      kpi_error(ctx, "unknown directive '%%%.*s' in format '%s' in argument 2",
                timefmt_char_len(zFmt + iBad + 1, nFmt - iBad - 1),
                zFmt + iBad + 1, zQ);
    }
    sqlite3_free(zQ);
    return;
  }
  if (timefmt_is_blank(z, n)) return;
  rc = ts_parse_fmt(z, n, zFmt, nFmt, &t, 0);
  if (rc != TS_OK) {
    char *zQ = kpi_quote(z, n);
    char *zQF = kpi_quote(zFmt, nFmt);
    if (zQ == 0 || zQF == 0) {
      sqlite3_result_error_nomem(ctx);
    } else {
      kpi_error(ctx,
                "cannot parse timestamp '%s' with format '%s' in argument 1",
                zQ, zQF);
    }
    sqlite3_free(zQ);
    sqlite3_free(zQF);
    return;
  }
  sqlite3_result_double(ctx, timefmt_seconds(&t));
}

static const KpiFunc aTimefmtFunc[] = {
    {"kpi_ts", 1, KPI_PURE, 0, timefmtTsFunc, 0, 0, 0, 0},
    {"kpi_ts", 2, KPI_PURE, 0, timefmtTsFmtFunc, 0, 0, 0, 0},
};

int timefmt_register(sqlite3 *db) {
  return kpi_register_funcs(
      db, aTimefmtFunc, (int)(sizeof(aTimefmtFunc) / sizeof(aTimefmtFunc[0])));
}
