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
**   SP-5 Cost: the frame's values are kept in a ring buffer in the order
**        they came (SQLite removes rows from a frame in that order; a
**        value that is not the oldest is searched for, so any order
**        stays correct). xStep and xInverse are O(1); xValue copies the
**        others and finds both medians by quickselect: O(k) for a frame
**        of k rows, which is what the short frames of alerts (8 weeks)
**        need. A plain aggregate holds all its values (O(n) memory).
**   SP-6 The state is freed by xFinal, which SQLite also calls when a
**        statement stops early or fails.
*/
#include <math.h>
#include <string.h>

#include "kpi.h"

#define SPIKE_MAD_SCALE 1.4826
#define SPIKE_MEANAD_SCALE 1.2533

typedef struct SpikeState SpikeState;
struct SpikeState {
  double *aBuf;         /* ring buffer of the frame's values ... */
  double *aTmp;         /* ... and scratch of the same size */
  sqlite3_int64 nAlloc; /* slots in each (a power of two) */
  sqlite3_int64 iHead;  /* oldest value */
  sqlite3_int64 nVal;   /* values held */
  int bLastNull;        /* 1 when the last row added had no x */
  unsigned int nRng;    /* quickselect pivots */
};

static double *spike_at(SpikeState *p, sqlite3_int64 i) {
  return &p->aBuf[(p->iHead + i) & (p->nAlloc - 1)];
}

static int spike_grow(SpikeState *p) {
  sqlite3_int64 nNew = p->nAlloc ? 2 * p->nAlloc : 16;
  sqlite3_uint64 nByte = (sqlite3_uint64)nNew * sizeof(double);
  double *aNew = sqlite3_malloc64(nByte);
  double *aTmp = aNew ? sqlite3_malloc64(nByte) : 0;
  sqlite3_int64 i;
  if (aTmp == 0) {
    sqlite3_free(aNew);
    return SQLITE_NOMEM;
  }
  for (i = 0; i < p->nVal; i++)
    aNew[i] = *spike_at(p, i);
  sqlite3_free(p->aBuf);
  sqlite3_free(p->aTmp);
  p->aBuf = aNew;
  p->aTmp = aTmp;
  p->nAlloc = nNew;
  p->iHead = 0;
  return SQLITE_OK;
}

/* Removes one copy of x, the oldest value when it is x (SP-5). */
static void spike_remove(SpikeState *p, double x) {
  sqlite3_int64 i, j;
  if (p->nVal == 0) return;
  if (*spike_at(p, 0) == x) {
    p->iHead = (p->iHead + 1) & (p->nAlloc - 1);
    p->nVal--;
    return;
  }
  for (i = 1; i < p->nVal && *spike_at(p, i) != x; i++) {
  }
  if (i == p->nVal) return;
  for (j = i; j + 1 < p->nVal; j++)
    *spike_at(p, j) = *spike_at(p, j + 1);
  p->nVal--;
}

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
    spike_remove(p, v.r);
    return;
  }
  if (p->nVal == p->nAlloc && spike_grow(p) != SQLITE_OK) {
    sqlite3_result_error_nomem(ctx);
    return;
  }
  *spike_at(p, p->nVal) = v.r;
  p->nVal++;
}

static void spikeStep(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  spike_update(ctx, argv, 1);
}

static void spikeInverse(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  spike_update(ctx, argv, -1);
}

/* The k-th smallest of a[0..n-1], rearranging a (Hoare's FIND, random
** pivots: O(n) expected). Afterwards a[k+1..n-1] are >= the result. */
static double spike_select(double *a, sqlite3_int64 n, sqlite3_int64 k,
                           unsigned int *pRng) {
  sqlite3_int64 lo = 0, hi = n - 1;
  while (lo < hi) {
    unsigned int x = *pRng ? *pRng : 0x9E3779B9u;
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
      break;
    }
  }
  return a[k];
}

/* SP-2: the median of a[0..n-1], n >= 1, rearranging a. */
static double spike_median(double *a, sqlite3_int64 n, unsigned int *pRng) {
  sqlite3_int64 k = n / 2, i;
  double hi = spike_select(a, n, k, pRng);
  double lo;
  if (n & 1) return hi;
  /* the (k-1)-th is the largest of what lies before rank k */
  lo = a[0];
  for (i = 1; i < k; i++)
    if (a[i] > lo) lo = a[i];
  return lo + (hi - lo) * 0.5;
}

/* SP-2, SP-3: the score, or NAN for NULL. */
static double spike_score(SpikeState *p) {
  sqlite3_int64 n = p->nVal - 1, i;
  double x, med, mad, sum = 0.0;
  if (p->bLastNull || n < 3) return NAN;
  x = *spike_at(p, n);
  for (i = 0; i < n; i++)
    p->aTmp[i] = *spike_at(p, i);
  med = spike_median(p->aTmp, n, &p->nRng);
  for (i = 0; i < n; i++) {
    p->aTmp[i] = fabs(p->aTmp[i] - med);
    sum += p->aTmp[i];
  }
  mad = spike_median(p->aTmp, n, &p->nRng);
  if (mad > 0.0) return (x - med) / (SPIKE_MAD_SCALE * mad);
  if (sum > 0.0) return (x - med) / (SPIKE_MEANAD_SCALE * (sum / (double)n));
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
  sqlite3_free(p->aBuf);
  sqlite3_free(p->aTmp);
  memset(p, 0, sizeof(*p));
}

static const KpiFunc aSpikeFunc[] = {
    {"spike_score", 1, KPI_PURE, 0, 0, spikeStep, spikeFinal, spikeValue,
     spikeInverse},
};

int spike_register(sqlite3 *db) {
  return kpi_register_funcs(db, aSpikeFunc, 1);
}
