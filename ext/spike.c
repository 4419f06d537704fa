/*
** spike.c: the robust spike score of a series (SPEC section 8).
**
**   spike_score(x)      window (and aggregate): the current row against
**                       the earlier rows of its frame, by median and MAD
**
** Requirements (tests cite them as SP-n):
**   SP-1 "The current row" is the last row added to the frame (the current
**        row in ROWS BETWEEN n PRECEDING AND CURRENT ROW); the others are
**        the rest of the frame. As a plain aggregate the last row the
**        group receives is tested against the rest.
**   SP-2 score = (x_current - median(others)) / (1.4826 MAD), MAD =
**        median(|x_i - median(others)|) over the others. When MAD is 0 the
**        scale is 1.2533 times the mean absolute deviation from the median
**        instead. An even count's median is the mean of its two middle
**        values.
**   SP-3 NULL with fewer than 3 others, when MAD and the mean absolute
**        deviation are both 0, or when the current row's x is NULL.
**   SP-4 x is read by the value layer (V-1..V-4); NULL or blank skips the
**        row.
**   SP-5 Cost: the others are held in an order-statistic B+tree
**        (ext/ostree.c) and the last value apart, so xStep and xInverse
**        are O(log k) for a frame of k rows. xValue finds the median by
**        rank and the MAD as a rank of the union of two sorted runs of
**        deviations (below and above the median), by a binary search whose
**        every step is a select: O(log^2 k). Only when the MAD is 0 does
**        the mean absolute deviation walk the tree, O(k). A plain aggregate
**        holds all its values (O(n) memory).
**   SP-6 The state is freed by xFinal, which SQLite also calls when a
**        statement stops early or fails. A row leaving the frame is the
**        oldest (SQLite removes rows in the order they came), so it is in
**        the tree whenever the tree holds anything.
*/
#include <math.h>
#include <string.h>

#include "kpi.h"
#include "ostree.h"

#define SPIKE_MAD_SCALE 1.4826
#define SPIKE_MEANAD_SCALE 1.2533

typedef struct SpikeState SpikeState;
struct SpikeState {
  OsTree tree;   /* the others: every value of the frame but the last */
  double rLast;  /* the last value added, when hasLast */
  int hasLast;   /* 1 while the frame holds a value */
  int bLastNull; /* 1 when the last row added had no x */
};

static void spike_update(sqlite3_context *ctx, sqlite3_value **argv, int sign) {
  SpikeState *p;
  KpiNum v;
  int rc = kpi_arg_num(ctx, argv, 0, &v);
  if (rc == KPI_ARG_ERR) return;
  p = sqlite3_aggregate_context(ctx, sizeof(*p));
  if (p == 0) {
    sqlite3_result_error_nomem(ctx);
    return;
  }
  if (sign > 0) p->bLastNull = rc != KPI_ARG_OK;
  if (rc != KPI_ARG_OK) return;
  if (sign < 0) {
    /* SP-6: the oldest value is in the tree unless it is the only one */
    if (ostree_count(&p->tree) > 0) {
      ostree_remove(&p->tree, v.r);
    } else {
      p->hasLast = 0;
    }
    return;
  }
  if (p->hasLast) {
    rc = ostree_insert(&p->tree, p->rLast);
    if (rc == SQLITE_NOMEM) {
      sqlite3_result_error_nomem(ctx);
      return;
    }
    if (rc != SQLITE_OK) {
      kpi_error(ctx, "too many values in one group or frame");
      return;
    }
  }
  p->rLast = v.r;
  p->hasLast = 1;
}

static void spikeStep(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  spike_update(ctx, argv, 1);
}

static void spikeInverse(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  spike_update(ctx, argv, -1);
}

/* SP-2: the midpoint of two middle values, as quantile.c's median. */
static double spike_mid(double lo, double hi) {
  return lo + (hi - lo) * 0.5;
}

/*
** The deviations from m of the sorted values y[0..n-1], split at p = n/2
** (y[0..p-1] <= m <= y[p..n-1] for the median m): run A is m - y[p-1-j],
** run B is y[p+j] - m, both ascending.
*/
static double spike_dev(const OsTree *t, double m, int bRight,
                        sqlite3_int64 j) {
  sqlite3_int64 p = (sqlite3_int64)ostree_count(t) / 2;
  if (bRight) return ostree_select(t, (unsigned int)(p + j), 0) - m;
  return m - ostree_select(t, (unsigned int)(p - 1 - j), 0);
}

/*
** The k-th smallest (0-based) of |y - m| over the tree: take i from run A
** and k+1-i from run B, with the least i for which A[i] >= B[k-i].
*/
static double spike_kth_dev(const OsTree *t, double m, sqlite3_int64 k) {
  sqlite3_int64 n = (sqlite3_int64)ostree_count(t);
  sqlite3_int64 nA = n / 2, nB = n - n / 2;
  sqlite3_int64 lo = k + 1 - nB > 0 ? k + 1 - nB : 0;
  sqlite3_int64 hi = k + 1 < nA ? k + 1 : nA;
  double a = -HUGE_VAL, b = -HUGE_VAL;
  while (lo < hi) {
    sqlite3_int64 i = lo + (hi - lo) / 2;
    if (spike_dev(t, m, 0, i) < spike_dev(t, m, 1, k - i)) {
      lo = i + 1;
    } else {
      hi = i;
    }
  }
  if (lo > 0) a = spike_dev(t, m, 0, lo - 1);
  if (k + 1 - lo > 0) b = spike_dev(t, m, 1, k - lo);
  return a > b ? a : b;
}

/* SP-2: the median of what the tree holds (n >= 1). */
static double spike_median(const OsTree *t) {
  unsigned int n = ostree_count(t);
  double lo, hi;
  if (n & 1) return ostree_select(t, n / 2, 0);
  lo = ostree_select(t, n / 2 - 1, &hi);
  return spike_mid(lo, hi);
}

/* SP-2, SP-3: the score, or NAN for NULL. */
static double spike_score(const SpikeState *p) {
  sqlite3_int64 n = (sqlite3_int64)ostree_count(&p->tree);
  double med, mad, sum;
  if (p->bLastNull || !p->hasLast || n < 3) return NAN;
  med = spike_median(&p->tree);
  if (n & 1) {
    mad = spike_kth_dev(&p->tree, med, n / 2);
  } else {
    mad = spike_mid(spike_kth_dev(&p->tree, med, n / 2 - 1),
                    spike_kth_dev(&p->tree, med, n / 2));
  }
  if (mad > 0.0) return (p->rLast - med) / (SPIKE_MAD_SCALE * mad);
  sum = ostree_sum_absdev(&p->tree, med);
  if (sum > 0.0) {
    return (p->rLast - med) / (SPIKE_MEANAD_SCALE * (sum / (double)n));
  }
  return NAN;
}

static void spikeValue(sqlite3_context *ctx) {
  SpikeState *p = sqlite3_aggregate_context(ctx, 0);
  double r;
  if (p == 0) return;
  r = spike_score(p);
  if (!isnan(r)) sqlite3_result_double(ctx, r);
}

static void spikeFinal(sqlite3_context *ctx) {
  SpikeState *p = sqlite3_aggregate_context(ctx, 0);
  if (p == 0) return;
  spikeValue(ctx);
  ostree_clear(&p->tree);
  memset(p, 0, sizeof(*p));
}

static const KpiFunc aSpikeFunc[] = {
    {"spike_score", 1, KPI_PURE, 0, 0, spikeStep, spikeFinal, spikeValue,
     spikeInverse},
};

int spike_register(sqlite3 *db) {
  return kpi_register_funcs(db, aSpikeFunc, 1);
}
