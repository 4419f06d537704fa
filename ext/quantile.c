/*
** quantile.c: response and handling times, and quantiles (SPEC section 4,
** except business_seconds).
**
**   frt(received_at, responded_at)      seconds from receipt to response
**   frt_median(received_at, responded_at)
**                                       median of those seconds
**   frt_percentile(received_at, responded_at, p)
**                                       their p-th percentile (as below)
**   frt_mean(received_at, responded_at) their mean
**   aht(opened_at, closed_at)           mean seconds from open to close
**   sla_rate(received_at, responded_at, limit_seconds)
**                                       share of received rows answered
**                                       within limit_seconds
**   median(x)                           percentile(x, 50)
**   percentile(x, p)                    the p-th percentile of x, p in
**                                       0..100, by linear interpolation
**                                       between closest ranks
**                                       (percentile_cont(p / 100.0))
**   percentile_cont(x, p)               the same with p in 0..1
**   percentile_disc(x, p)               p in 0..1, no interpolation: the
**                                       value at rank floor(p * (n-1))
**
** Requirements (tests cite them as Q-n):
**   Q-1  With the n values sorted y[0] <= ... <= y[n-1], ix = (p/100)*(n-1)
**        and i = floor(ix), the result is y[i] + (y[i+1] - y[i])*(ix - i),
**        or y[i] when ix is whole or i = n-1. This is SQLite's
**        ext/misc/percentile.c (as of SQLite 3.47), computed in the same
**        order, so results are the same: an even count's median is the mean
**        of the two middle values. The result is always REAL.
**   Q-2  A row whose x is NULL (or blank text) is skipped; no values gives
**        NULL. x is read by the value layer: numeric text is a number,
**        other text, BLOBs and infinities are errors (V-1..V-4).
**   Q-3  p must be a number in 0..100: "p 101 is outside 0..100 in
**        argument 2". A row whose p is NULL is skipped (SPEC 1; percentile.c
**        raises an error there instead). A bad p is an error even when x is
**        NULL.
**   Q-4  p must be the same in every row of a group (of a partition, for a
**        window): "p 90 differs from 50 in an earlier row in argument 2".
**        As in percentile.c, which compares p/100 with a tolerance of
**        0.001, values of p within 0.1 of the first are the same; the first
**        is used.
**   Q-5  Every aggregate is also a window function. In a window, xStep,
**        xInverse and xValue of the quantiles cost O(log k) for k values in
**        the frame (an order-statistic B+tree, ext/ostree.c). As a plain
**        aggregate the values go into an array and xFinal selects the ranks
**        it needs in O(n) (quickselect), without sorting; the tree is built
**        only when xValue or xInverse is first called.
**   Q-6  The state is freed by xFinal, which SQLite also calls when a
**        statement stops early or fails.
**   Q-7  Timestamps are read by kpi_arg_ts (SPEC 1: ISO text, SQLite text,
**        the X and Twitter forms, unix seconds); limit_seconds and p by
**        kpi_arg_num. A duration is end - start in seconds (REAL), rounded
**        to the microsecond so that '10:00:00.1' to '11:00:00.1' is 3600,
**        not 3600.0000002.
**   Q-8  A NULL (or blank) start skips the row, and frt gives NULL. A NULL
**        end is an unanswered (or open) row: frt gives NULL, frt_median,
**        frt_percentile, frt_mean and aht leave it out, and sla_rate counts
**        it as missed.
**   Q-9  An end before its start is an error naming both values:
**        "frt: response '2025-03-01 09:00' is before receipt
**        '2025-03-01 10:00'"; for aht "close '...' is before open '...'".
**        Quoted values are cut at 60 bytes, with "...".
**   Q-10 sla_rate: a row is within the limit when its duration is <= the
**        limit (exactly at the limit counts as within). Each row is held to
**        its own limit. A NULL limit skips the row; a negative one is
**        "negative limit -5 in argument 3". No counted rows gives NULL.
**   Q-11 frt_mean and aht add durations with the compensated sum of the
**        value layer (KpiSum), which also subtracts them exactly in a
**        window.
**   Q-12 percentile_cont(x, p) is percentile(x, 100 p): p must be a number
**        in 0..1 ("p 1.5 is outside 0..1 in argument 2"), and values of p
**        within 0.001 of the first are the same. percentile_disc(x,
**        p) takes the same p and gives y[floor(p (n-1))], a value of the
**        input, with no interpolation. Both are SQLite 3.47's
**        ext/misc/percentile.c, which defines percentile_disc this way;
**        PostgreSQL's percentile_disc takes the first value whose
**        cumulative share reaches p, y[ceil(p n) - 1], which differs for
**        some n and p (n = 9, p = 0.12: y[0] here, y[1] there). NULLs,
**        errors and windows are as for percentile (Q-2..Q-6).
**   Q-13 Fast path: an INTEGER start with an INTEGER or NULL end (the unix
**        seconds of sql/schema.sql SC-9) is read without the timestamp
**        reader: end - start as a double, with the same result, NULL
**        handling and errors as Q-7..Q-9 give for the same numbers.
*/
#include <math.h>
#include <string.h>

#include "kpi.h"
#include "ostree.h"

/* iOpt of the quantile rows: where x comes from. */
#define QUANT_PLAIN 0 /* median(x), percentile(x, p) */
#define QUANT_FRT 1   /* frt_median(a, b), frt_percentile(a, b, p) */
#define QUANT_CONT 2  /* percentile_cont(x, p), p in 0..1 */
#define QUANT_DISC 3  /* percentile_disc(x, p), p in 0..1 */

/* What dur_read found, besides KPI_ARG_ERR. */
#define DUR_SKIP KPI_ARG_NULL /* no start: the row does not count */
#define DUR_OK KPI_ARG_OK     /* *pDur is set */
#define DUR_OPEN 3            /* a start and no end: unanswered, open */

/* argv[i] as quoted text, cut at 60 bytes (sqlite3_free it). */
static char *dur_quote(sqlite3_value *v) {
  const char *z = (const char *)sqlite3_value_text(v);
  return z ? kpi_quote(z, sqlite3_value_bytes(v)) : 0;
}

/* "response 'b' is before receipt 'a'" (close/open for aht). */
static void dur_before_error(sqlite3_context *ctx, sqlite3_value **argv) {
  int isAht = strcmp(kpi_func_name(ctx), "aht") == 0;
  char *zEnd = dur_quote(argv[1]);
  char *zStart = zEnd ? dur_quote(argv[0]) : 0;
  if (zStart == 0) {
    sqlite3_result_error_nomem(ctx);
  } else {
    kpi_error(ctx, "%s '%s' is before %s '%s'", isAht ? "close" : "response",
              zEnd, isAht ? "open" : "receipt", zStart);
  }
  sqlite3_free(zEnd);
  sqlite3_free(zStart);
}

/*
** dur_read for an INTEGER start and an INTEGER or NULL end (unix
** seconds, as sql/schema.sql stores them): no text to parse and nothing to
** round, the same result as the general path gives.
*/
static int dur_read_int(sqlite3_context *ctx, sqlite3_value **argv, int tB,
                        double *pDur) {
  double a, b;
  if (tB == SQLITE_NULL) return DUR_OPEN;
  a = (double)sqlite3_value_int64(argv[0]);
  b = (double)sqlite3_value_int64(argv[1]);
  if (b < a) {
    dur_before_error(ctx, argv);
    return KPI_ARG_ERR;
  }
  *pDur = b - a;
  return DUR_OK;
}

/*
** Reads a start (argv[0]) and an end (argv[1]) and sets *pDur to end -
** start in seconds. Returns DUR_OK, DUR_SKIP, DUR_OPEN or
** KPI_ARG_ERR. Both arguments are read before either is judged, so a bad
** end next to a NULL start is still an error.
*/
static int dur_read(sqlite3_context *ctx, sqlite3_value **argv, double *pDur) {
  double a, b, d;
  int rcA, rcB;
  int tB = sqlite3_value_type(argv[1]);
  if (sqlite3_value_type(argv[0]) == SQLITE_INTEGER &&
      (tB == SQLITE_INTEGER || tB == SQLITE_NULL)) {
    return dur_read_int(ctx, argv, tB, pDur);
  }
  rcA = kpi_arg_ts(ctx, argv, 0, &a);
  if (rcA == KPI_ARG_ERR) return rcA;
  rcB = kpi_arg_ts(ctx, argv, 1, &b);
  if (rcB == KPI_ARG_ERR) return rcB;
  if (rcA != KPI_ARG_OK) return DUR_SKIP;
  if (rcB != KPI_ARG_OK) return DUR_OPEN;
  if (b < a) {
    dur_before_error(ctx, argv);
    return KPI_ARG_ERR;
  }
  d = b - a;
  /* each parsed time is within 2.4e-7 s of its text up to year 2106,
  ** so rounding to the microsecond gives back the difference of the texts.
  ** Past 2^53 microseconds rounding would not be exact: keep d as is. */
  if (d < 9.0e9) d = nearbyint(d * 1e6) / 1e6;
  *pDur = d;
  return DUR_OK;
}

static void frtFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  double d;
  (void)argc;
  if (dur_read(ctx, argv, &d) == DUR_OK) sqlite3_result_double(ctx, d);
}

/* frt_mean and aht: the mean of the durations (kpi.h KpiMean). */
static void dur_mean_update(sqlite3_context *ctx, sqlite3_value **argv,
                            int sign) {
  KpiMean *p;
  double d;
  if (dur_read(ctx, argv, &d) != DUR_OK) return;
  p = sqlite3_aggregate_context(ctx, sizeof(*p));
  if (p == 0) {
    sqlite3_result_error_nomem(ctx);
    return;
  }
  kpi_mean_update(p, d, sign);
}

static void durMeanStep(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  dur_mean_update(ctx, argv, 1);
}

static void durMeanInverse(sqlite3_context *ctx, int argc,
                           sqlite3_value **argv) {
  (void)argc;
  dur_mean_update(ctx, argv, -1);
}

static void durMeanValue(sqlite3_context *ctx) {
  kpi_mean_result(ctx, sqlite3_aggregate_context(ctx, 0));
}

/* sla_rate: rows within the limit, and rows counted. */
typedef struct SlaState SlaState;
struct SlaState {
  sqlite3_int64 nHit;
  sqlite3_int64 nAll;
};

/* Returns KPI_ARG_OK with *pHit 0 or 1, KPI_ARG_NULL or KPI_ARG_ERR. */
static int sla_row(sqlite3_context *ctx, sqlite3_value **argv, int *pHit) {
  double d = 0.0;
  KpiNum lim;
  int rc = dur_read(ctx, argv, &d);
  int rcL;
  if (rc == KPI_ARG_ERR) return rc;
  rcL = kpi_arg_num(ctx, argv, 2, &lim);
  if (rcL == KPI_ARG_ERR) return rcL;
  if (rcL == KPI_ARG_OK && lim.r < 0) {
    kpi_error(ctx, "negative limit %.15g in argument 3", lim.r);
    return KPI_ARG_ERR;
  }
  if (rc == DUR_SKIP || rcL != KPI_ARG_OK) return KPI_ARG_NULL;
  *pHit = rc == DUR_OK && d <= lim.r;
  return KPI_ARG_OK;
}

static void sla_update(sqlite3_context *ctx, sqlite3_value **argv, int sign) {
  SlaState *p;
  int hit;
  if (sla_row(ctx, argv, &hit) != KPI_ARG_OK) return;
  p = sqlite3_aggregate_context(ctx, sizeof(*p));
  if (p == 0) {
    sqlite3_result_error_nomem(ctx);
    return;
  }
  p->nHit += sign * hit;
  p->nAll += sign;
}

static void slaStep(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  sla_update(ctx, argv, 1);
}

static void slaInverse(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  sla_update(ctx, argv, -1);
}

static void slaValue(sqlite3_context *ctx) {
  SlaState *p = sqlite3_aggregate_context(ctx, 0);
  if (p == 0 || p->nAll == 0) return;
  sqlite3_result_double(ctx, (double)p->nHit / (double)p->nAll);
}

/* percentile.c: p/100 values this close count as the same. */
#define QUANT_SAME_FRAC 0.001

typedef struct QuantState QuantState;
struct QuantState {
  double *aVal;         /* values, until the tree is built */
  sqlite3_int64 nVal;   /* values in aVal */
  sqlite3_int64 nAlloc; /* slots in aVal */
  OsTree tree;          /* the values once bTree */
  int bTree;            /* 1 once a window call came: values in tree */
  int bPct;             /* 1 once rPct is set */
  double rPct;          /* p of the group, as given */
  double rFrac;         /* p as a fraction, 0..1 */
  int bDisc;            /* 1 for percentile_disc */
  unsigned int nRng;    /* quickselect pivots */
};

/* What p is out of: 1 for percentile_cont and _disc, else 100. */
static double quant_scale(sqlite3_context *ctx) {
  int e = kpi_func_opt(ctx);
  return (e == QUANT_CONT || e == QUANT_DISC) ? 1.0 : 100.0;
}

/* Index of the argument holding p, or -1 for median (p = 50). */
static int quant_pct_arg(sqlite3_context *ctx, int argc) {
  if (kpi_func_opt(ctx) == QUANT_FRT) return argc == 3 ? 2 : -1;
  return argc == 2 ? 1 : -1;
}

/* Reads p. Returns KPI_ARG_OK, KPI_ARG_NULL or KPI_ARG_ERR. */
static int quant_read_pct(sqlite3_context *ctx, int argc, sqlite3_value **argv,
                          double *pPct) {
  int iArg = quant_pct_arg(ctx, argc);
  KpiNum v;
  int rc;
  if (iArg < 0) {
    *pPct = 50.0;
    return KPI_ARG_OK;
  }
  rc = kpi_arg_num(ctx, argv, iArg, &v);
  if (rc != KPI_ARG_OK) return rc;
  if (v.r < 0.0 || v.r > quant_scale(ctx)) {
    kpi_error(ctx, "p %.15g is outside 0..%g in argument %d", v.r,
              quant_scale(ctx), iArg + 1);
    return KPI_ARG_ERR;
  }
  *pPct = v.r;
  return KPI_ARG_OK;
}

/* Reads x, or a duration for the frt_ quantiles. Returns
** KPI_ARG_OK, KPI_ARG_NULL or KPI_ARG_ERR. */
static int quant_read_value(sqlite3_context *ctx, sqlite3_value **argv,
                            double *pX) {
  KpiNum v;
  int rc;
  if (kpi_func_opt(ctx) == QUANT_FRT) {
    rc = dur_read(ctx, argv, pX);
    return rc == DUR_OK ? KPI_ARG_OK : rc == DUR_OPEN ? KPI_ARG_NULL : rc;
  }
  rc = kpi_arg_num(ctx, argv, 0, &v);
  if (rc == KPI_ARG_OK) *pX = v.r;
  return rc;
}

/*
** Reads a row: *pX and *pPct. Returns KPI_ARG_OK when both are present,
** KPI_ARG_NULL with *pHasPct = 1 when only p is, KPI_ARG_NULL with
** *pHasPct = 0 to skip the row, KPI_ARG_ERR on error.
*/
static int quant_read_row(sqlite3_context *ctx, int argc, sqlite3_value **argv,
                          double *pX, double *pPct, int *pHasPct) {
  int rcX = quant_read_value(ctx, argv, pX);
  int rcP;
  if (rcX == KPI_ARG_ERR) return rcX;
  rcP = quant_read_pct(ctx, argc, argv, pPct);
  if (rcP == KPI_ARG_ERR) return rcP;
  *pHasPct = rcP == KPI_ARG_OK;
  return (rcX == KPI_ARG_OK && rcP == KPI_ARG_OK) ? KPI_ARG_OK : KPI_ARG_NULL;
}

/* the first p of the group is kept; a later one must match it. */
static int quant_check_pct(sqlite3_context *ctx, int argc, QuantState *p,
                           double rPct) {
  double d, rScale = quant_scale(ctx);
  if (!p->bPct) {
    p->bPct = 1;
    p->rPct = rPct;
    p->rFrac = rPct / rScale;
    p->bDisc = kpi_func_opt(ctx) == QUANT_DISC;
    return 1;
  }
  d = rPct / rScale - p->rFrac;
  if (d < -QUANT_SAME_FRAC || d > QUANT_SAME_FRAC) {
    kpi_error(ctx,
              "p %.15g differs from %.15g in an earlier row in argument %d",
              rPct, p->rPct, quant_pct_arg(ctx, argc) + 1);
    return 0;
  }
  return 1;
}

static int quant_append(QuantState *p, double x) {
  if (p->nVal >= p->nAlloc) {
    sqlite3_int64 nNew = p->nAlloc ? 2 * p->nAlloc : 256;
    double *aNew = sqlite3_realloc64(p->aVal, (sqlite3_uint64)nNew * sizeof(x));
    if (aNew == 0) return SQLITE_NOMEM;
    p->aVal = aNew;
    p->nAlloc = nNew;
  }
  p->aVal[p->nVal++] = x;
  return SQLITE_OK;
}

/* moves the values from the array into the tree. */
static int quant_build_tree(QuantState *p) {
  sqlite3_int64 i;
  if (p->bTree) return SQLITE_OK;
  for (i = 0; i < p->nVal; i++) {
    int rc = ostree_insert(&p->tree, p->aVal[i]);
    if (rc != SQLITE_OK) {
      ostree_clear(&p->tree);
      return rc;
    }
  }
  sqlite3_free(p->aVal);
  p->aVal = 0;
  p->nVal = p->nAlloc = 0;
  p->bTree = 1;
  return SQLITE_OK;
}

static void quant_set_rc_error(sqlite3_context *ctx, int rc) {
  if (rc == SQLITE_NOMEM) {
    sqlite3_result_error_nomem(ctx);
  } else {
    kpi_error(ctx, "too many values in one group or frame");
  }
}

static void quantStep(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  QuantState *p;
  double x, rPct;
  int hasPct, rc;
  rc = quant_read_row(ctx, argc, argv, &x, &rPct, &hasPct);
  if (rc == KPI_ARG_ERR || !hasPct) return;
  p = sqlite3_aggregate_context(ctx, sizeof(*p));
  if (p == 0) {
    sqlite3_result_error_nomem(ctx);
    return;
  }
  if (!quant_check_pct(ctx, argc, p, rPct)) return;
  if (rc != KPI_ARG_OK) return;
  rc = p->bTree ? ostree_insert(&p->tree, x) : quant_append(p, x);
  if (rc != SQLITE_OK) quant_set_rc_error(ctx, rc);
}

static void quantInverse(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  QuantState *p;
  double x, rPct;
  int hasPct, rc;
  rc = quant_read_row(ctx, argc, argv, &x, &rPct, &hasPct);
  if (rc != KPI_ARG_OK) return;
  p = sqlite3_aggregate_context(ctx, sizeof(*p));
  if (p == 0) {
    sqlite3_result_error_nomem(ctx);
    return;
  }
  rc = quant_build_tree(p);
  if (rc != SQLITE_OK) {
    quant_set_rc_error(ctx, rc);
    return;
  }
  ostree_remove(&p->tree, x);
}

/* the interpolation of percentile.c, given the two ranks it needs. */
static double quant_lerp(double ix, sqlite3_int64 i1, double v1, double v2) {
  return v1 + (v2 - v1) * (ix - (double)i1);
}

static void quant_rank(const QuantState *p, sqlite3_int64 n, double *pIx,
                       sqlite3_int64 *pI1, int *pNeedNext) {
  double ix = p->rFrac * (double)(n - 1);
  sqlite3_int64 i1 = (sqlite3_int64)ix;
  *pIx = ix;
  *pI1 = i1;
  *pNeedNext = !(p->bDisc || ix == (double)i1 || i1 == n - 1);
}

/* Puts the k-th smallest of a[0..n-1] at a[k], smaller ones before it and
** larger ones after it (Hoare's FIND with random pivots: O(n) expected). */
static double quant_select(double *a, sqlite3_int64 n, sqlite3_int64 k,
                           unsigned int *pRng) {
  sqlite3_int64 lo = 0, hi = n - 1;
  while (lo < hi) {
    unsigned int x = *pRng ? *pRng : 0x2545F491u;
    sqlite3_int64 i = lo, j = hi;
    double pivot;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    *pRng = x;
    pivot = a[lo + (sqlite3_int64)(x % (sqlite3_uint64)(hi - lo + 1))];
    while (i <= j) {
      while (a[i] < pivot)
        i++;
      while (pivot < a[j])
        j--;
      if (i <= j) {
        double t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) {
      hi = j;
    } else if (k >= i) {
      lo = i;
    } else {
      break; /* a[j+1..i-1] all equal the pivot, and k is among them */
    }
  }
  return a[k];
}

/* Sets the result from the state: the tree when built, else the array. */
static void quant_result(sqlite3_context *ctx, QuantState *p) {
  sqlite3_int64 n, i1;
  double ix, v1, v2;
  int needNext;
  n = p->bTree ? (sqlite3_int64)ostree_count(&p->tree) : p->nVal;
  if (n == 0) return; /* NULL */
  quant_rank(p, n, &ix, &i1, &needNext);
  if (p->bTree) {
    v1 = ostree_select(&p->tree, (unsigned int)i1, needNext ? &v2 : 0);
    if (!needNext) v2 = v1;
  } else {
    sqlite3_int64 k;
    v1 = quant_select(p->aVal, n, i1, &p->nRng);
    v2 = v1;
    if (needNext) {
      /* After the select, rank i1+1 is the least of what follows i1. */
      v2 = p->aVal[i1 + 1];
      for (k = i1 + 2; k < n; k++) {
        if (p->aVal[k] < v2) v2 = p->aVal[k];
      }
    }
  }
  sqlite3_result_double(ctx, needNext ? quant_lerp(ix, i1, v1, v2) : v1);
}

static void quantValue(sqlite3_context *ctx) {
  QuantState *p = sqlite3_aggregate_context(ctx, 0);
  int rc;
  if (p == 0) return;
  rc = quant_build_tree(p);
  if (rc != SQLITE_OK) {
    quant_set_rc_error(ctx, rc);
    return;
  }
  quant_result(ctx, p);
}

static void quantFinal(sqlite3_context *ctx) {
  QuantState *p = sqlite3_aggregate_context(ctx, 0);
  if (p == 0) return;
  quant_result(ctx, p);
  sqlite3_free(p->aVal);
  ostree_clear(&p->tree);
  memset(p, 0, sizeof(*p));
}

#define QUANT(zName, nArg, eOpt)                                       \
  {                                                                    \
    zName, nArg, KPI_PURE, eOpt, 0, quantStep, quantFinal, quantValue, \
        quantInverse                                                   \
  }

#define DUR_MEAN(zName)                                                \
  {                                                                    \
    zName, 2, KPI_PURE, 0, 0, durMeanStep, durMeanValue, durMeanValue, \
        durMeanInverse                                                 \
  }

static const KpiFunc aQuantFunc[] = {
    {"frt", 2, KPI_PURE, 0, frtFunc, 0, 0, 0, 0},
    QUANT("frt_median", 2, QUANT_FRT),
    QUANT("frt_percentile", 3, QUANT_FRT),
    DUR_MEAN("frt_mean"),
    DUR_MEAN("aht"),
    {"sla_rate", 3, KPI_PURE, 0, 0, slaStep, slaValue, slaValue, slaInverse},
    QUANT("median", 1, QUANT_PLAIN),
    QUANT("percentile", 2, QUANT_PLAIN),
    QUANT("percentile_cont", 2, QUANT_CONT),
    QUANT("percentile_disc", 2, QUANT_DISC),
};

int quantile_register(sqlite3 *db) {
  return kpi_register_funcs(db, aQuantFunc,
                            (int)(sizeof(aQuantFunc) / sizeof(aQuantFunc[0])));
}
