/*
** trend.c: moments, regression, the z-score and the trend of a series
** (SPEC section 8). spike_score is in spike.c.
**
**   var_samp(x) · stddev_samp(x)            aggregate and window
**   covar_samp(y, x) · corr(y, x)           aggregate and window
**   regr_slope(y, x) · regr_intercept(y, x) · regr_r2(y, x)
**                                           aggregate and window
**   zscore(x)                               window (and aggregate)
**   trend(y, t [, level])                   aggregate and window -> JSON
**     {slope, slope_lo, slope_hi, n, r2, direction, level}
**
** Requirements (tests cite them as TR-n):
**   TR-1 Arguments are read by the value layer (numeric text is a number;
**        other text, BLOBs, NaN and infinities are errors). A row in which
**        any argument is NULL (or blank) is skipped; every argument is
**        still checked, so a bad x next to a NULL y is an error.
**   TR-2 As PostgreSQL defines them, with N the rows counted, Sxx =
**        sum((x - mean x)^2), Syy likewise and Sxy = sum((x - mean x)(y -
**        mean y)): var_samp = Sxx / (N - 1) and covar_samp = Sxy / (N - 1),
**        NULL when N < 2; stddev_samp = sqrt(var_samp); corr = Sxy /
**        sqrt(Sxx Syy), NULL when N < 1 or Sxx or Syy is 0; regr_slope =
**        Sxy / Sxx and regr_intercept = mean y - slope mean x, NULL when
**        N < 1 or Sxx = 0; regr_r2 = Sxy^2 / (Sxx Syy), NULL when N < 1 or
**        Sxx = 0, and 1 when Syy = 0 (and Sxx is not). Argument order is
**        PostgreSQL's: y first, then x.
**   TR-3 Sums are kept about a shift K (the first value since the frame
**        was last empty): d = x - K is formed exactly as a double-double
**        (Knuth's two-sum), its products exactly with fma, and the sums of
**        d, d^2 (and dy, dy^2, dx dy) in double-double arithmetic. Adding
**        and removing are the same operation with opposite signs, so a
**        sliding frame costs O(1) per row and matches a recount to about
**        1e-30 of the sums held, however far the data lie from zero
**        (1e9 + small values) or from K (timestamps that drift).
**   TR-4 A centred sum whose value is within the accumulated rounding
**        bound of the sums (about 1e-28 of their running magnitude) is 0:
**        a frame of equal values has zero variance exactly, never a
**        1e-17 that would make corr or zscore a large number.
**   TR-5 zscore(x): "the current row" is the last row added to the frame
**        (the current row in ROWS BETWEEN n PRECEDING AND CURRENT ROW);
**        the others are the rest of the frame. The result is (x_current -
**        mean(others)) / sd(others), sample sd. NULL when fewer than 3
**        others, when their sd is 0, or when the current row's x is NULL.
**        As a plain aggregate the last row the group receives is tested.
**        O(1) per row: the current row's value is kept and taken out of
**        the sums when the result is computed.
**   TR-6 trend(y, t [, level]): the least-squares slope of y per unit of
**        t. t is a number, or a timestamp (kpi_arg_ts: ISO text and the
**        other forms of SPEC 1) and then the slope is per day. Numbers
**        (INTEGER, REAL, numeric text) count as numbers; a group mixes
**        none with timestamps ("timestamp '2025-03-01' after numbers in
**        earlier rows in argument 2" and the reverse).
**   TR-7 trend's interval is Student's t with N - 2 degrees of freedom:
**        slope -+ t(1 - (1 - level)/2) se, se = sqrt(SSE / (N - 2) / Sxx),
**        SSE = Syy - Sxy^2 / Sxx (0 when rounding makes it negative).
**        direction is "up" when slope_lo > 0, "down" when slope_hi < 0,
**        else "stable" (the interval holds 0). r2 follows regr_r2.
**   TR-8 trend gives NULL when N < 2 or Sxx = 0 (no slope). With N = 2 the
**        slope and r2 are given, slope_lo, slope_hi and direction are
**        null (no degrees of freedom).
**   TR-9 level is a number strictly between 0 and 1, 0.95 by default, the
**        same in every row ("level 0.9 differs from 0.95 on an earlier row
**        in argument 3"); "level 95 is outside (0, 1) in argument 3".
**   TR-10 JSON numbers as stats.c's (S-13): whole numbers as integers,
**        others with 15 significant digits when they read back exactly,
**        else 17; the result carries SQLite's JSON subtype.
*/
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "distrib.h"
#include "kpi.h"

#define TR_JSON_SUBTYPE 74
#ifndef SQLITE_RESULT_SUBTYPE
#define SQLITE_RESULT_SUBTYPE 0x001000000
#endif

/* iOpt: which statistic a moments row returns. */
#define TR_VAR 0
#define TR_STDDEV 1
#define TR_COVAR 2
#define TR_CORR 3
#define TR_SLOPE 4
#define TR_INTERCEPT 5
#define TR_R2 6

/* ------------------------------------------------------------------ */
/* Double-double arithmetic (TR-3)                                      */

typedef struct TrDd TrDd;
struct TrDd {
  double hi;
  double lo;
};

/* a + b exactly, as hi + lo (Knuth). */
static TrDd tr_two_sum(double a, double b) {
  TrDd r;
  double bb;
  r.hi = a + b;
  bb = r.hi - a;
  r.lo = (a - (r.hi - bb)) + (b - bb);
  return r;
}

/* Renormalises hi + lo with |lo| small against hi. */
static TrDd tr_quick(double hi, double lo) {
  TrDd r;
  r.hi = hi + lo;
  r.lo = lo - (r.hi - hi);
  return r;
}

static TrDd tr_add(TrDd a, TrDd b) {
  TrDd s = tr_two_sum(a.hi, b.hi);
  return tr_quick(s.hi, s.lo + (a.lo + b.lo));
}

static TrDd tr_neg(TrDd a) {
  a.hi = -a.hi;
  a.lo = -a.lo;
  return a;
}

static TrDd tr_mul(TrDd a, TrDd b) {
  double p = a.hi * b.hi;
  double e = fma(a.hi, b.hi, -p);
  return tr_quick(p, e + (a.hi * b.lo + a.lo * b.hi));
}

static TrDd tr_mul_d(TrDd a, double d) {
  TrDd b = {d, 0.0};
  return tr_mul(a, b);
}

/* ------------------------------------------------------------------ */
/* Moments                                                              */

typedef struct TrMoments TrMoments;
struct TrMoments {
  sqlite3_int64 n; /* rows counted */
  double kx, ky;   /* shifts (TR-3) */
  TrDd sx, sy;     /* sums of dx, dy */
  TrDd sxx, syy;   /* sums of dx^2, dy^2 */
  TrDd sxy;        /* sum of dx dy */
  double ex, ey;   /* running magnitudes of sxx, syy (TR-4) */
};

/* The centred sums of a moments state, ready to use. */
typedef struct TrCentred TrCentred;
struct TrCentred {
  double n;
  double mx, my;        /* means */
  double cxx, cyy, cxy; /* Sxx, Syy, Sxy of TR-2 */
};

/* s += t (sign 1) or s -= t (sign -1). */
static TrDd tr_acc(TrDd s, TrDd t, int sign) {
  return tr_add(s, sign < 0 ? tr_neg(t) : t);
}

/* Adds (sign 1) or removes (sign -1) one (x, y) row. */
static void tr_moments_update(TrMoments *m, double x, double y, int sign,
                              int bPair) {
  TrDd dx, dy;
  if (sign > 0 && m->n == 0) {
    static const TrMoments empty;
    *m = empty; /* drop what rounding left behind */
    m->kx = x;
    m->ky = y;
  }
  dx = tr_two_sum(x, -m->kx);
  m->sx = tr_acc(m->sx, dx, sign);
  m->sxx = tr_acc(m->sxx, tr_mul(dx, dx), sign);
  m->ex += fabs(m->sxx.hi);
  if (bPair) {
    dy = tr_two_sum(y, -m->ky);
    m->sy = tr_acc(m->sy, dy, sign);
    m->syy = tr_acc(m->syy, tr_mul(dy, dy), sign);
    m->ey += fabs(m->syy.hi);
    m->sxy = tr_acc(m->sxy, tr_mul(dx, dy), sign);
  }
  m->n += sign;
}

/* n*S2 - S1^2 over n, in double-double; 0 within the rounding bound. */
static double tr_centre(double n, TrDd s1, TrDd s2, double rBound) {
  TrDd c = tr_add(tr_mul_d(s2, n), tr_neg(tr_mul(s1, s1)));
  double r = c.hi / n;
  if (r <= 1e-28 * (rBound + fabs(s2.hi))) r = 0.0;
  return r;
}

/* The cross sum, n*Sxy - Sx*Sy over n, zero when either side is. */
static double tr_centre_xy(double n, const TrMoments *m, double cxx,
                           double cyy) {
  TrDd c;
  if (cxx == 0.0 || cyy == 0.0) return 0.0;
  c = tr_add(tr_mul_d(m->sxy, n), tr_neg(tr_mul(m->sx, m->sy)));
  return c.hi / n;
}

static void tr_centred(const TrMoments *m, TrCentred *c) {
  c->n = (double)m->n;
  c->mx = m->kx + (m->sx.hi + m->sx.lo) / c->n;
  c->my = m->ky + (m->sy.hi + m->sy.lo) / c->n;
  c->cxx = tr_centre(c->n, m->sx, m->sxx, m->ex);
  c->cyy = tr_centre(c->n, m->sy, m->syy, m->ey);
  c->cxy = tr_centre_xy(c->n, m, c->cxx, c->cyy);
}

/* ------------------------------------------------------------------ */
/* var_samp, stddev_samp, covar_samp, corr, regr_*                      */

/* 1 when the function takes (y, x); var_samp and stddev_samp take x. */
static int tr_is_pair(int eOpt) {
  return eOpt != TR_VAR && eOpt != TR_STDDEV;
}

/*
** Reads one row: x (and y for pairs) into *pX, *pY. The moments keep x in
** sxx and y in syy; for pairs argv[0] is y and argv[1] is x (TR-2).
*/
static int tr_read_row(sqlite3_context *ctx, sqlite3_value **argv, int bPair,
                       double *pX, double *pY) {
  KpiNum a, b;
  int rcA = kpi_arg_num(ctx, argv, 0, &a);
  int rcB = KPI_ARG_OK;
  if (rcA == KPI_ARG_ERR) return rcA;
  if (bPair) {
    rcB = kpi_arg_num(ctx, argv, 1, &b);
    if (rcB == KPI_ARG_ERR) return rcB;
  }
  if (rcA != KPI_ARG_OK || rcB != KPI_ARG_OK) return KPI_ARG_NULL;
  if (bPair) {
    *pX = b.r;
    *pY = a.r;
  } else {
    *pX = a.r;
    *pY = 0.0;
  }
  return KPI_ARG_OK;
}

static void moments_update(sqlite3_context *ctx, sqlite3_value **argv,
                           int sign) {
  int bPair = tr_is_pair(kpi_func_opt(ctx));
  TrMoments *m;
  double x, y;
  if (tr_read_row(ctx, argv, bPair, &x, &y) != KPI_ARG_OK) return;
  m = sqlite3_aggregate_context(ctx, sizeof(*m));
  if (m == 0) {
    sqlite3_result_error_nomem(ctx);
    return;
  }
  tr_moments_update(m, x, y, sign, bPair);
}

static void momentsStep(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  moments_update(ctx, argv, 1);
}

static void momentsInverse(sqlite3_context *ctx, int argc,
                           sqlite3_value **argv) {
  (void)argc;
  moments_update(ctx, argv, -1);
}

/* TR-2: the statistic eOpt of c, or NAN for NULL. */
static double tr_statistic(int eOpt, const TrCentred *c) {
  double slope;
  switch (eOpt) {
    case TR_VAR:
      return c->n < 2 ? NAN : c->cxx / (c->n - 1.0);
    case TR_STDDEV:
      return c->n < 2 ? NAN : sqrt(c->cxx / (c->n - 1.0));
    case TR_COVAR:
      return c->n < 2 ? NAN : c->cxy / (c->n - 1.0);
    case TR_CORR:
      if (c->cxx == 0.0 || c->cyy == 0.0) return NAN;
      return c->cxy / (sqrt(c->cxx) * sqrt(c->cyy));
    default:
      break;
  }
  if (c->cxx == 0.0) return NAN;
  slope = c->cxy / c->cxx;
  if (eOpt == TR_SLOPE) return slope;
  if (eOpt == TR_INTERCEPT) return c->my - slope * c->mx;
  if (c->cyy == 0.0) return 1.0;
  return (c->cxy / c->cxx) * (c->cxy / c->cyy);
}

static void momentsValue(sqlite3_context *ctx) {
  TrMoments *m = sqlite3_aggregate_context(ctx, 0);
  TrCentred c;
  double r;
  if (m == 0 || m->n < 1) return;
  tr_centred(m, &c);
  r = tr_statistic(kpi_func_opt(ctx), &c);
  if (!isnan(r)) sqlite3_result_double(ctx, r);
}

/* ------------------------------------------------------------------ */
/* zscore (TR-5)                                                        */

typedef struct ZState ZState;
struct ZState {
  TrMoments m;
  double rLast;  /* x of the last row added */
  int bLastNull; /* 1 when the last row added had no x */
};

static void zscore_update(sqlite3_context *ctx, sqlite3_value **argv,
                          int sign) {
  ZState *p;
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
  if (sign > 0) p->rLast = v.r;
  tr_moments_update(&p->m, v.r, 0.0, sign, 0);
}

static void zscoreStep(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  zscore_update(ctx, argv, 1);
}

static void zscoreInverse(sqlite3_context *ctx, int argc,
                          sqlite3_value **argv) {
  (void)argc;
  zscore_update(ctx, argv, -1);
}

static void zscoreValue(sqlite3_context *ctx) {
  ZState *p = sqlite3_aggregate_context(ctx, 0);
  TrDd d, s1, s2;
  double n, css, mean;
  if (p == 0 || p->bLastNull || p->m.n < 4) return;
  /* the others: the frame's sums without the current row */
  n = (double)(p->m.n - 1);
  d = tr_two_sum(p->rLast, -p->m.kx);
  s1 = tr_add(p->m.sx, tr_neg(d));
  s2 = tr_add(p->m.sxx, tr_neg(tr_mul(d, d)));
  css = tr_centre(n, s1, s2, p->m.ex);
  if (css == 0.0) return;
  /* x - mean(others), both about K */
  mean = (s1.hi + s1.lo) / n;
  sqlite3_result_double(ctx, ((d.hi - mean) + d.lo) / sqrt(css / (n - 1.0)));
}

/* ------------------------------------------------------------------ */
/* JSON output (TR-10)                                                  */

static locale_t tr_c_locale(void) {
  static locale_t cLocale = (locale_t)0;
  if (cLocale == (locale_t)0) cLocale = newlocale(LC_ALL_MASK, "C", 0);
  return cLocale;
}

static void tr_json_key(sqlite3_str *pStr, int *pn, const char *zKey) {
  sqlite3_str_appendf(pStr, "%s\"%s\":", *pn ? "," : "{", zKey);
  (*pn)++;
}

/* A number (TR-10); the caller has the C locale in force (tr_json_begin). */
static void tr_json_num(sqlite3_str *pStr, int *pn, const char *zKey,
                        double r) {
  char aBuf[40];
  tr_json_key(pStr, pn, zKey);
  if (!isfinite(r)) {
    sqlite3_str_appendall(pStr, "null");
    return;
  }
  if (r == floor(r) && fabs(r) < 9007199254740992.0) {
    sqlite3_str_appendf(pStr, "%lld", (sqlite3_int64)r);
    return;
  }
  snprintf(aBuf, sizeof(aBuf), "%.15g", r);
  if (strtod(aBuf, 0) != r) snprintf(aBuf, sizeof(aBuf), "%.17g", r);
  sqlite3_str_appendall(pStr, aBuf);
}

/* A string of ours (no quote or backslash), or null when z is 0. */
static void tr_json_word(sqlite3_str *pStr, int *pn, const char *zKey,
                         const char *z) {
  tr_json_key(pStr, pn, zKey);
  if (z) {
    sqlite3_str_appendf(pStr, "\"%s\"", z);
  } else {
    sqlite3_str_appendall(pStr, "null");
  }
}

static void tr_json_finish(sqlite3_context *ctx, sqlite3_str *pStr) {
  int rc;
  char *z;
  sqlite3_str_appendall(pStr, "}");
  rc = sqlite3_str_errcode(pStr);
  z = sqlite3_str_finish(pStr);
  if (rc != SQLITE_OK || z == 0) {
    sqlite3_free(z);
    if (rc == SQLITE_TOOBIG) {
      sqlite3_result_error_toobig(ctx);
    } else {
      sqlite3_result_error_nomem(ctx);
    }
    return;
  }
  sqlite3_result_text(ctx, z, -1, sqlite3_free);
  sqlite3_result_subtype(ctx, TR_JSON_SUBTYPE);
}

/* ------------------------------------------------------------------ */
/* trend (TR-6 .. TR-9)                                                 */

#define TR_T_NONE 0
#define TR_T_NUMBER 1
#define TR_T_TIME 2

typedef struct TrendState TrendState;
struct TrendState {
  TrMoments m;
  int eKind; /* TR_T_NUMBER or TR_T_TIME once a row set it */
  int hasLevel;
  double rLevel;
  double rQDf; /* the t quantile last computed, for rQDf degrees of */
  double rQ;   /* freedom at rLevel (a sliding frame keeps its df) */
};

/* Reads t (TR-6): *pT in its unit, *pKind what it was. */
static int trend_read_t(sqlite3_context *ctx, sqlite3_value **argv, double *pT,
                        int *pKind) {
  sqlite3_value *v = argv[1];
  int eType = sqlite3_value_type(v);
  KpiNum num;
  int rc;
  if (eType == SQLITE_TEXT) {
    const char *z;
    int n;
    rc = kpi_arg_text(ctx, v, &z, &n);
    if (rc != KPI_ARG_OK) return rc;
    if (!kpi_parse_num(z, n, &num)) {
      rc = kpi_arg_ts(ctx, argv, 1, pT);
      if (rc == KPI_ARG_OK) *pT /= 86400.0;
      *pKind = TR_T_TIME;
      return rc;
    }
  }
  rc = kpi_arg_num(ctx, argv, 1, &num);
  if (rc == KPI_ARG_OK) *pT = num.r;
  *pKind = TR_T_NUMBER;
  return rc;
}

/* TR-9: level in argv[2] when given, else 0.95. */
static int trend_read_level(sqlite3_context *ctx, int argc,
                            sqlite3_value **argv, double *pLevel) {
  KpiNum v;
  int rc;
  *pLevel = 0.95;
  if (argc < 3) return KPI_ARG_OK;
  rc = kpi_arg_num(ctx, argv, 2, &v);
  if (rc != KPI_ARG_OK) return rc;
  if (!(v.r > 0.0 && v.r < 1.0)) {
    kpi_error(ctx, "level %.15g is outside (0, 1) in argument 3", v.r);
    return KPI_ARG_ERR;
  }
  *pLevel = v.r;
  return KPI_ARG_OK;
}

static int trend_read_row(sqlite3_context *ctx, int argc, sqlite3_value **argv,
                          double *pY, double *pT, int *pKind, double *pLevel) {
  KpiNum y;
  int rcY = kpi_arg_num(ctx, argv, 0, &y);
  int rcT, rcL;
  if (rcY == KPI_ARG_ERR) return rcY;
  rcT = trend_read_t(ctx, argv, pT, pKind);
  if (rcT == KPI_ARG_ERR) return rcT;
  rcL = trend_read_level(ctx, argc, argv, pLevel);
  if (rcL == KPI_ARG_ERR) return rcL;
  if (rcY != KPI_ARG_OK || rcT != KPI_ARG_OK || rcL != KPI_ARG_OK) {
    return KPI_ARG_NULL;
  }
  *pY = y.r;
  return KPI_ARG_OK;
}

/* TR-6, TR-9: the first row's kind of t and level hold for the group. */
static int trend_check(sqlite3_context *ctx, sqlite3_value **argv,
                       TrendState *p, int eKind, double rLevel) {
  if (p->eKind == TR_T_NONE) {
    p->eKind = eKind;
  } else if (p->eKind != eKind) {
    const char *zT = (const char *)sqlite3_value_text(argv[1]);
    char *zQ = zT ? kpi_quote(zT, -1) : 0;
    if (zQ == 0) {
      sqlite3_result_error_nomem(ctx);
      return 0;
    }
    kpi_error(ctx, "%s '%s' after %s in earlier rows in argument 2",
              eKind == TR_T_TIME ? "timestamp" : "number", zQ,
              eKind == TR_T_TIME ? "numbers" : "timestamps");
    sqlite3_free(zQ);
    return 0;
  }
  if (!p->hasLevel) {
    p->rLevel = rLevel;
    p->hasLevel = 1;
  } else if (p->rLevel != rLevel) {
    kpi_error(ctx,
              "level %.15g differs from %.15g on an earlier row in "
              "argument 3",
              rLevel, p->rLevel);
    return 0;
  }
  return 1;
}

static void trend_update(sqlite3_context *ctx, int argc, sqlite3_value **argv,
                         int sign) {
  TrendState *p;
  double y = 0, t = 0, level;
  int eKind = TR_T_NONE;
  if (trend_read_row(ctx, argc, argv, &y, &t, &eKind, &level) != KPI_ARG_OK) {
    return;
  }
  p = sqlite3_aggregate_context(ctx, sizeof(*p));
  if (p == 0) {
    sqlite3_result_error_nomem(ctx);
    return;
  }
  if (sign > 0 && !trend_check(ctx, argv, p, eKind, level)) return;
  tr_moments_update(&p->m, t, y, sign, 1);
}

static void trendStep(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  trend_update(ctx, argc, argv, 1);
}

static void trendInverse(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  trend_update(ctx, argc, argv, -1);
}

static void trendValue(sqlite3_context *ctx) {
  TrendState *p = sqlite3_aggregate_context(ctx, 0);
  TrCentred c;
  double slope, r2, lo = NAN, hi = NAN, level;
  const char *zDir = 0;
  sqlite3_str *pStr;
  locale_t cLoc, old;
  int nField = 0;
  if (p == 0 || p->m.n < 2) return; /* TR-8 */
  tr_centred(&p->m, &c);
  if (c.cxx == 0.0) return;
  level = p->hasLevel ? p->rLevel : 0.95;
  slope = c.cxy / c.cxx;
  r2 = tr_statistic(TR_R2, &c);
  if (p->m.n > 2) {
    double sse = c.cyy - c.cxy * slope;
    double se = sqrt((sse > 0.0 ? sse : 0.0) / (c.n - 2.0) / c.cxx);
    double q;
    if (p->rQDf != c.n - 2.0) {
      p->rQ = distrib_t_isf(0.5 * (1.0 - level), c.n - 2.0);
      p->rQDf = c.n - 2.0;
    }
    q = p->rQ;
    lo = slope - q * se;
    hi = slope + q * se;
    zDir = lo > 0.0 ? "up" : hi < 0.0 ? "down" : "stable";
  }
  pStr = sqlite3_str_new(sqlite3_context_db_handle(ctx));
  cLoc = tr_c_locale(); /* once per object: printf and strtod in "C" */
  old = cLoc ? uselocale(cLoc) : (locale_t)0;
  tr_json_num(pStr, &nField, "slope", slope);
  tr_json_num(pStr, &nField, "slope_lo", lo);
  tr_json_num(pStr, &nField, "slope_hi", hi);
  tr_json_num(pStr, &nField, "n", c.n);
  tr_json_num(pStr, &nField, "r2", r2);
  tr_json_word(pStr, &nField, "direction", zDir);
  tr_json_num(pStr, &nField, "level", level);
  if (cLoc) uselocale(old);
  tr_json_finish(ctx, pStr);
}

/* ------------------------------------------------------------------ */

#define TR_MOMENTS(zName, nArg, eOpt)                                        \
  {                                                                          \
    zName, nArg, KPI_PURE, eOpt, 0, momentsStep, momentsValue, momentsValue, \
        momentsInverse                                                       \
  }
#define TR_JSON_FLAGS (KPI_PURE | SQLITE_RESULT_SUBTYPE)

static const KpiFunc aTrendFunc[] = {
    TR_MOMENTS("var_samp", 1, TR_VAR),
    TR_MOMENTS("stddev_samp", 1, TR_STDDEV),
    TR_MOMENTS("covar_samp", 2, TR_COVAR),
    TR_MOMENTS("corr", 2, TR_CORR),
    TR_MOMENTS("regr_slope", 2, TR_SLOPE),
    TR_MOMENTS("regr_intercept", 2, TR_INTERCEPT),
    TR_MOMENTS("regr_r2", 2, TR_R2),
    {"zscore", 1, KPI_PURE, 0, 0, zscoreStep, zscoreValue, zscoreValue,
     zscoreInverse},
    {"trend", 2, TR_JSON_FLAGS, 0, 0, trendStep, trendValue, trendValue,
     trendInverse},
    {"trend", 3, TR_JSON_FLAGS, 0, 0, trendStep, trendValue, trendValue,
     trendInverse},
};

int trend_register(sqlite3 *db) {
  return kpi_register_funcs(db, aTrendFunc,
                            (int)(sizeof(aTrendFunc) / sizeof(aTrendFunc[0])));
}
