/*
** ratio.c: marketing ratios, shares and scores (SPEC sections 2 and 3).
**
**   rate(num, den)                          sum(num) / sum(den)
**   engagement_rate(engagements, base)      as rate
**   ctr(clicks, impressions)                as rate
**   comment_rate(comments, impressions)     as rate
**   response_rate(replies, comments)        as rate
**   conversion_rate(conversions, qualifying) as rate
**   cpm(cost, impressions)                  1000 * sum(cost) / sum(impr.)
**   cpc(cost, clicks), cac(cost, customers) sum(cost) / sum(den)
**   roi(revenue, cost)                      (sum(rev) - sum(cost)) / sum(cost)
**   engagement_rate_per_follower(eng, followers)
**                                           mean over rows of eng/followers
**   share(flag), resolution_rate(flag), handoff_rate(flag),
**   escalation_rate(flag), response_rate(flag)
**                                           true / (true + false)
**   csat(score [, scale])                   share of scores >= scale - 1
**   nps(score)                              100 * (share 9-10 - share 0-6)
**
** Requirements (tests cite them as R-n):
**   R-1  Every function is an aggregate and a window function; xInverse
**        removes a row in O(1), so a sliding frame never recounts.
**   R-2  A row in which a required argument is NULL (or blank text) is
**        skipped; every argument is still checked, so a bad value next to
**        a NULL is an error.
**   R-3  No rows, or a zero denominator, gives NULL.
**   R-4  Counts (numerators and denominators of the ratios, followers)
**        must not be negative: "negative count -3 in argument 1"; costs
**        must not be negative: "negative cost -3 in argument 1". Revenue
**        may be negative (refunds).
**   R-5  Sums are exact for integer inputs (64-bit) and compensated
**        (Neumaier) for reals, so millions of rows lose nothing.
**   R-6  engagement_rate_per_follower skips a row whose followers is 0: the
**        rate of that row is undefined.
**   R-7  csat: scale is a whole number from 3 to 100 (5 by default); a score
**        must be a whole number in 1..scale. nps: a whole number in 0..10.
**        Otherwise "score 6 is outside 1..5 in argument 1", "score 4.5 is
**        not a whole number in argument 1", "scale 2 is not a whole number
**        from 3 to 100 in argument 2".
*/
#include <math.h>

#include "kpi.h"

/* iOpt of the ratio rows. */
#define RATIO_PLAIN 0 /* sum(a) / sum(b) over counts */
#define RATIO_COST 1  /* sum(cost) / sum(b) */
#define RATIO_CPM 2   /* 1000 * sum(cost) / sum(b) */
#define RATIO_ROI 3   /* (sum(rev) - sum(cost)) / sum(cost) */

typedef struct RatioState RatioState;
struct RatioState {
  KpiSum num;
  KpiSum den;
};

/* A non-negative money amount. */
static int ratio_arg_cost(sqlite3_context *ctx, sqlite3_value **argv, int iArg,
                          KpiNum *p) {
  int rc = kpi_arg_num(ctx, argv, iArg, p);
  if (rc == KPI_ARG_OK && p->r < 0) {
    kpi_error(ctx, "negative cost %.15g in argument %d", p->r, iArg + 1);
    return KPI_ARG_ERR;
  }
  return rc;
}

/*
** Reads the two arguments of a ratio row. Returns KPI_ARG_OK when both are
** present, KPI_ARG_NULL to skip the row, KPI_ARG_ERR on error.
*/
static int ratio_args(sqlite3_context *ctx, sqlite3_value **argv, KpiNum *pA,
                      KpiNum *pB) {
  int eOpt = kpi_func_opt(ctx);
  int rcA, rcB;
  switch (eOpt) {
    case RATIO_COST:
    case RATIO_CPM:
      rcA = ratio_arg_cost(ctx, argv, 0, pA);
      if (rcA == KPI_ARG_ERR) return rcA;
      rcB = kpi_arg_count(ctx, argv, 1, pB);
      break;
    case RATIO_ROI:
      rcA = kpi_arg_num(ctx, argv, 0, pA);
      if (rcA == KPI_ARG_ERR) return rcA;
      rcB = ratio_arg_cost(ctx, argv, 1, pB);
      break;
    default:
      rcA = kpi_arg_count(ctx, argv, 0, pA);
      if (rcA == KPI_ARG_ERR) return rcA;
      rcB = kpi_arg_count(ctx, argv, 1, pB);
      break;
  }
  if (rcB == KPI_ARG_ERR) return rcB;
  return (rcA == KPI_ARG_OK && rcB == KPI_ARG_OK) ? KPI_ARG_OK : KPI_ARG_NULL;
}

/* Adds (sign 1) or removes (sign -1, the window's xInverse) one row. */
static void ratio_update(sqlite3_context *ctx, sqlite3_value **argv, int sign) {
  RatioState *p;
  KpiNum a, b;
  if (ratio_args(ctx, argv, &a, &b) != KPI_ARG_OK) return;
  p = sqlite3_aggregate_context(ctx, sizeof(*p));
  if (p == 0) {
    sqlite3_result_error_nomem(ctx);
    return;
  }
  if (sign > 0) {
    kpi_sum_add(&p->num, &a);
    kpi_sum_add(&p->den, &b);
  } else {
    kpi_sum_sub(&p->num, &a);
    kpi_sum_sub(&p->den, &b);
  }
}

static void ratioStep(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  ratio_update(ctx, argv, 1);
}

static void ratioInverse(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  ratio_update(ctx, argv, -1);
}

static void ratioValue(sqlite3_context *ctx) {
  RatioState *p = sqlite3_aggregate_context(ctx, 0);
  double num, den;
  if (p == 0) return; /* no rows */
  num = kpi_sum_value(&p->num);
  den = kpi_sum_value(&p->den);
  if (den == 0.0) return; /* */
  switch (kpi_func_opt(ctx)) {
    case RATIO_CPM:
      sqlite3_result_double(ctx, 1000.0 * num / den);
      break;
    case RATIO_ROI:
      sqlite3_result_double(ctx, (num - den) / den);
      break;
    default:
      sqlite3_result_double(ctx, num / den);
      break;
  }
}

/* engagement_rate_per_follower: a compensated sum of per-row rates. */

static int meanrate_arg(sqlite3_context *ctx, sqlite3_value **argv,
                        double *pRate) {
  KpiNum a, b;
  int rcA = kpi_arg_count(ctx, argv, 0, &a);
  int rcB;
  if (rcA == KPI_ARG_ERR) return rcA;
  rcB = kpi_arg_count(ctx, argv, 1, &b);
  if (rcB == KPI_ARG_ERR) return rcB;
  if (rcA != KPI_ARG_OK || rcB != KPI_ARG_OK) return KPI_ARG_NULL;
  if (b.r == 0.0) return KPI_ARG_NULL; /* */
  *pRate = a.r / b.r;
  return KPI_ARG_OK;
}

static void meanrate_update(sqlite3_context *ctx, sqlite3_value **argv,
                            int sign) {
  KpiMean *p;
  double r;
  if (meanrate_arg(ctx, argv, &r) != KPI_ARG_OK) return;
  p = sqlite3_aggregate_context(ctx, sizeof(*p));
  if (p == 0) {
    sqlite3_result_error_nomem(ctx);
    return;
  }
  kpi_mean_update(p, r, sign);
}

static void meanrateStep(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  meanrate_update(ctx, argv, 1);
}

static void meanrateInverse(sqlite3_context *ctx, int argc,
                            sqlite3_value **argv) {
  (void)argc;
  meanrate_update(ctx, argv, -1);
}

static void meanrateValue(sqlite3_context *ctx) {
  kpi_mean_result(ctx, sqlite3_aggregate_context(ctx, 0));
}

/*
** Shares and scores count rows into buckets: share keeps (true, all),
** csat (top-two-box, all), nps (promoters, detractors, all).
*/
#define SCORE_SHARE 0
#define SCORE_CSAT 1
#define SCORE_NPS 2

typedef struct ScoreState ScoreState;
struct ScoreState {
  sqlite3_int64 nHit; /* true flags, top-two-box scores, promoters */
  sqlite3_int64 nLow; /* detractors (nps only) */
  sqlite3_int64 nAll; /* rows counted */
};

/* A whole number in [lo, hi] read from argv[iArg] as a score. */
static int score_arg(sqlite3_context *ctx, sqlite3_value **argv, int iArg,
                     const char *zWhat, int lo, int hi, int *pOut) {
  KpiNum v;
  int rc = kpi_arg_num(ctx, argv, iArg, &v);
  if (rc != KPI_ARG_OK) return rc;
  if (v.r != floor(v.r)) {
    kpi_error(ctx, "%s %.15g is not a whole number in argument %d", zWhat, v.r,
              iArg + 1);
    return KPI_ARG_ERR;
  }
  if (v.r < lo || v.r > hi) {
    kpi_error(ctx, "%s %.15g is outside %d..%d in argument %d", zWhat, v.r, lo,
              hi, iArg + 1);
    return KPI_ARG_ERR;
  }
  *pOut = (int)v.r;
  return KPI_ARG_OK;
}

/*
** Classifies one row: *pHit and *pLow get 0 or 1. Returns KPI_ARG_OK to
** count the row, KPI_ARG_NULL to skip it, KPI_ARG_ERR on error.
*/
static int score_row(sqlite3_context *ctx, int argc, sqlite3_value **argv,
                     int *pHit, int *pLow) {
  int rc, v, scale = 5;
  *pLow = 0;
  switch (kpi_func_opt(ctx)) {
    case SCORE_CSAT:
      if (argc == 2) {
        KpiNum s;
        rc = kpi_arg_num(ctx, argv, 1, &s);
        if (rc == KPI_ARG_ERR) return rc;
        if (rc == KPI_ARG_OK && (s.r != floor(s.r) || s.r < 3 || s.r > 100)) {
          kpi_error(ctx,
                    "scale %.15g is not a whole number from 3 to 100 in "
                    "argument 2",
                    s.r);
          return KPI_ARG_ERR;
        }
        if (rc == KPI_ARG_NULL) {
          /* Still check the score's type before skipping the row. */
          KpiNum t;
          rc = kpi_arg_num(ctx, argv, 0, &t);
          return rc == KPI_ARG_ERR ? rc : KPI_ARG_NULL;
        }
        scale = (int)s.r;
      }
      rc = score_arg(ctx, argv, 0, "score", 1, scale, &v);
      if (rc != KPI_ARG_OK) return rc;
      *pHit = v >= scale - 1;
      return KPI_ARG_OK;
    case SCORE_NPS:
      rc = score_arg(ctx, argv, 0, "score", 0, 10, &v);
      if (rc != KPI_ARG_OK) return rc;
      *pHit = v >= 9;
      *pLow = v <= 6;
      return KPI_ARG_OK;
    default:
      return kpi_arg_flag(ctx, argv, 0, pHit);
  }
}

static void score_update(sqlite3_context *ctx, int argc, sqlite3_value **argv,
                         int sign) {
  ScoreState *p;
  int hit, low;
  if (score_row(ctx, argc, argv, &hit, &low) != KPI_ARG_OK) return;
  p = sqlite3_aggregate_context(ctx, sizeof(*p));
  if (p == 0) {
    sqlite3_result_error_nomem(ctx);
    return;
  }
  p->nHit += sign * hit;
  p->nLow += sign * low;
  p->nAll += sign;
}

static void scoreStep(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  score_update(ctx, argc, argv, 1);
}

static void scoreInverse(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  score_update(ctx, argc, argv, -1);
}

static void scoreValue(sqlite3_context *ctx) {
  ScoreState *p = sqlite3_aggregate_context(ctx, 0);
  double n;
  if (p == 0 || p->nAll == 0) return;
  n = (double)p->nAll;
  if (kpi_func_opt(ctx) == SCORE_NPS) {
    sqlite3_result_double(ctx, 100.0 * (double)(p->nHit - p->nLow) / n);
  } else {
    sqlite3_result_double(ctx, (double)p->nHit / n);
  }
}

#define RATIO(zName, eOpt)                                          \
  {                                                                 \
    zName, 2, KPI_PURE, eOpt, 0, ratioStep, ratioValue, ratioValue, \
        ratioInverse                                                \
  }
#define SCORE(zName, nArg, eOpt)                                       \
  {                                                                    \
    zName, nArg, KPI_PURE, eOpt, 0, scoreStep, scoreValue, scoreValue, \
        scoreInverse                                                   \
  }

static const KpiFunc aRatioFunc[] = {
    RATIO("rate", RATIO_PLAIN),
    RATIO("engagement_rate", RATIO_PLAIN),
    RATIO("ctr", RATIO_PLAIN),
    RATIO("comment_rate", RATIO_PLAIN),
    RATIO("response_rate", RATIO_PLAIN),
    RATIO("conversion_rate", RATIO_PLAIN),
    RATIO("cpm", RATIO_CPM),
    RATIO("cpc", RATIO_COST),
    RATIO("cac", RATIO_COST),
    RATIO("roi", RATIO_ROI),
    {"engagement_rate_per_follower", 2, KPI_PURE, 0, 0, meanrateStep,
     meanrateValue, meanrateValue, meanrateInverse},
    SCORE("share", 1, SCORE_SHARE),
    SCORE("response_rate", 1, SCORE_SHARE),
    SCORE("resolution_rate", 1, SCORE_SHARE),
    SCORE("handoff_rate", 1, SCORE_SHARE),
    SCORE("escalation_rate", 1, SCORE_SHARE),
    SCORE("csat", 1, SCORE_CSAT),
    SCORE("csat", 2, SCORE_CSAT),
    SCORE("nps", 1, SCORE_NPS),
};

int ratio_register(sqlite3 *db) {
  return kpi_register_funcs(db, aRatioFunc,
                            (int)(sizeof(aRatioFunc) / sizeof(aRatioFunc[0])));
}
