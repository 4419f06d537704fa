/*
** quantile.c: quantiles (SPEC section 4).
**
**   median(x)                  percentile(x, 50)
**   percentile(x, p)           the p-th percentile of x, p in 0..100, by
**                              linear interpolation between closest ranks
**                              (percentile_cont(p / 100.0))
**
** Requirements (tests cite them as Q-n):
**   Q-1  With the n values sorted y[0] <= ... <= y[n-1], ix = p*(n-1)/100
**        and i = floor(ix), the result is y[i] + (y[i+1] - y[i])*(ix - i),
**        or y[i] when ix is whole or i = n-1. This is SQLite's
**        ext/misc/percentile.c, computed in the same order, so results are
**        the same: an even count's median is the mean of the two middle
**        values. The result is always REAL.
**   Q-2  A row whose x is NULL (or blank text) is skipped; no values gives
**        NULL. x is read by the value layer: numeric text is a number,
**        other text, BLOBs and infinities are errors (V-1..V-4).
**   Q-3  p must be a number in 0..100: "p 101 is outside 0..100 in
**        argument 2". A row whose p is NULL is skipped (SPEC 1; percentile.c
**        raises an error there instead). A bad p is an error even when x is
**        NULL.
**   Q-4  p must be the same in every row of a group (of a partition, for a
**        window): "p 90 differs from 50 in an earlier row in argument 2".
**        As in percentile.c, values within 0.001 of the first are the same;
**        the first is used.
**   Q-5  Every function is an aggregate and a window function. In a
**        window, xStep, xInverse and xValue cost O(log k) for k values in
**        the frame (an order-statistic treap, ext/ostree.c). As a plain
**        aggregate the values go into an array and xFinal selects the ranks
**        it needs in O(n) (quickselect), without sorting; the tree is built
**        only when xValue or xInverse is first called.
**   Q-6  The state is freed by xFinal, which SQLite also calls when a
**        statement stops early or fails.
*/
#include <string.h>

#include "kpi.h"
#include "ostree.h"

/* iOpt of the quantile rows: where x comes from. */
#define QUANT_PLAIN 0 /* median(x), percentile(x, p) */

/* percentile.c: p values this close count as the same. */
#define QUANT_SAME_PCT 0.001

typedef struct QuantState QuantState;
struct QuantState {
  double *aVal;         /* values, until the tree is built */
  sqlite3_int64 nVal;   /* values in aVal */
  sqlite3_int64 nAlloc; /* slots in aVal */
  OsTree tree;          /* the values once bTree */
  int bTree;            /* 1 once a window call came: values in tree */
  int bPct;             /* 1 once rPct is set */
  double rPct;          /* p of the group, 0..100 */
  unsigned int nRng;    /* quickselect pivots */
};

/* Index of the argument holding p, or -1 for median (p = 50). */
static int quant_pct_arg(sqlite3_context *ctx, int argc) {
  (void)ctx;
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
  if (v.r < 0.0 || v.r > 100.0) {
    kpi_error(ctx, "p %.15g is outside 0..100 in argument %d", v.r, iArg + 1);
    return KPI_ARG_ERR;
  }
  *pPct = v.r;
  return KPI_ARG_OK;
}

/* Reads x. Returns KPI_ARG_OK, KPI_ARG_NULL or KPI_ARG_ERR. */
static int quant_read_value(sqlite3_context *ctx, sqlite3_value **argv,
                            double *pX) {
  KpiNum v;
  int rc = kpi_arg_num(ctx, argv, 0, &v);
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
  double d;
  if (!p->bPct) {
    p->bPct = 1;
    p->rPct = rPct;
    return 1;
  }
  d = rPct - p->rPct;
  if (d < -QUANT_SAME_PCT || d > QUANT_SAME_PCT) {
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
  double ix = p->rPct * (double)(n - 1) * 0.01;
  sqlite3_int64 i1 = (sqlite3_int64)ix;
  *pIx = ix;
  *pI1 = i1;
  *pNeedNext = !(ix == (double)i1 || i1 == n - 1);
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
    v1 = ostree_select(&p->tree, (unsigned int)i1);
    v2 = needNext ? ostree_select(&p->tree, (unsigned int)(i1 + 1)) : v1;
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

static const KpiFunc aQuantFunc[] = {
    QUANT("median", 1, QUANT_PLAIN),
    QUANT("percentile", 2, QUANT_PLAIN),
};

int quantile_register(sqlite3 *db) {
  return kpi_register_funcs(db, aQuantFunc,
                            (int)(sizeof(aQuantFunc) / sizeof(aQuantFunc[0])));
}
