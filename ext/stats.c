/*
** stats.c: experiments (SPEC section 5). Every result is a JSON object
** carrying SQLite's JSON subtype, so ->>, json_extract and json_object
** read and nest it directly.
**
**   uplift_ci(arm, outcome [, level])         aggregate and window
**   uplift_ci_counts(control_n, control_x, treatment_n, treatment_x
**                    [, level])               scalar, same JSON
**     -> {control_n, control_x, control_rate, treatment_n, treatment_x,
**         treatment_rate, diff, diff_lo, diff_hi, lift, lift_lo, lift_hi,
**         p_value, level [, note]}
**   mean_uplift_ci(arm, value [, level])      aggregate and window (Welch)
**     -> {control_n, control_mean, control_sd, treatment_n,
**         treatment_mean, treatment_sd, diff, diff_lo, diff_hi, df,
**         p_value, level [, note]}
**   wilson_ci(x, n [, level])                 scalar -> {rate, lo, hi, level}
**   ab_sample_size(base_rate, min_detectable_lift [, alpha [, power]])
**                                             scalar -> rows per arm
**
** Requirements (tests cite them as S-n):
**   S-1  arm: control is 0 control a contrôle controle, treatment is
**        1 treatment variant b test; words trimmed and in any case,
**        numbers 0 and 1 (so SQL booleans such as variant = 'b' work).
**        Anything else is "unknown arm 'x' in argument 1 (control: ...;
**        treatment: ...)".
**   S-2  outcome (uplift_ci): a flag word of SPEC 1 or the number 0 or 1.
**        Any other number is "outcome 2 is not 0 or 1 in argument 2": a
**        row is one unit that converted or not, and a count of 2 would
**        make the rate exceed 1 or silently count the row twice.
**   S-3  level: a number strictly between 0 and 1, 0.95 by default;
**        otherwise "level 95 is outside (0, 1) in argument 3". In an
**        aggregate every row must give the same level ("level 0.9 differs
**        from 0.95 on an earlier row in argument 3").
**   S-4  A row in which a required argument or the level is NULL (or
**        blank text) is skipped; all arguments are still checked. A
**        scalar with a NULL argument gives NULL.
**   S-5  An arm with no rows gives NULL (mean_uplift_ci: an arm with
**        fewer than 2 rows, whose standard deviation is undefined).
**   S-6  diff = treatment_rate - control_rate with Newcombe's hybrid
**        score interval (method 10 of Newcombe 1998): Wilson intervals
**        (l, u) for each arm and diff_lo = diff - sqrt((p1 - l1)^2 +
**        (u0 - p0)^2), diff_hi = diff + sqrt((u1 - p1)^2 + (p0 - l0)^2).
**        It stays inside [-1, 1] and is defined for 0 % and 100 % rates.
**   S-7  lift = treatment_rate / control_rate - 1 with the Katz log
**        interval of the risk ratio: exp(ln RR -+ z se) - 1, se =
**        sqrt(1/x1 - 1/n1 + 1/x0 - 1/n0). With no conversions in an arm
**        the log ratio is undefined: lift_lo and lift_hi are null (and
**        lift too when control has none) and `note` says why.
**   S-8  p_value: the two-sided pooled z-test. When the pooled rate is 0
**        or 1 (no conversions at all, or every row converted) the
**        statistic is 0/0: p_value is null and `note` says why.
**   S-9  uplift_ci_counts and wilson_ci: counts are whole numbers >= 0 and
**        a conversion count cannot exceed its row count ("control_x 12 is
**        greater than control_n 10 in argument 2").
**   S-10 wilson_ci: n = 0 gives NULL.
**   S-11 mean_uplift_ci: Welch's t interval and test. Each arm keeps a
**        count and compensated (Neumaier) sums of d and d^2, with d = x -
**        K and K the first value the arm saw since it was last empty:
**        the variance (S2 - S1^2/n)/(n - 1) cancels only as much as the
**        data's mean lies away from K, never the mean itself. Adding and
**        removing are symmetric, so a sliding frame is O(1) per row and
**        matches a recount. When both arms have zero variance the
**        interval, df and p_value are null (with a note).
**   S-12 ab_sample_size: n = ceil((z(1-alpha/2) sqrt(2 pbar (1 - pbar)) +
**        z(power) sqrt(p1 (1 - p1) + p2 (1 - p2)))^2 / (p2 - p1)^2) with
**        p2 = p1 (1 + lift), pbar = (p1 + p2)/2; alpha 0.05 and power 0.8
**        by default. base_rate, alpha and power lie in (0, 1), the lift
**        is not 0 and keeps p2 in (0, 1).
**   S-13 Numbers in the JSON read back as the same double: whole numbers
**        as integers, others with 15 significant digits when those read
**        back exactly, else 17. Undefined values are JSON null, never NaN.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "distrib.h"
#include "kpi.h"

/* SQLite's JSON subtype ('J'), as json_object() and friends recognise. */
#define STATS_JSON_SUBTYPE 74

/*
** SQLite 3.45 asks functions that set a subtype to say so, and builds with
** SQLITE_STRICT_SUBTYPE refuse them otherwise. Older headers (3.40) lack
** the flag; its value is given here so that a build against them still
** declares it when loaded into a newer SQLite. Older SQLite ignores bits
** it does not know in sqlite3_create_function's flags.
*/
#ifndef SQLITE_RESULT_SUBTYPE
#define SQLITE_RESULT_SUBTYPE 0x001000000
#endif
#define STATS_FLAGS (KPI_PURE | SQLITE_RESULT_SUBTYPE)

/* ------------------------------------------------------------------ */
/* JSON output                                                          */

/* S-13: the number text is kpi_format_double's (value.c). */

typedef struct StatsJson StatsJson;
struct StatsJson {
  sqlite3_str *pStr;
  int nField;
};

static void json_key(StatsJson *p, const char *zKey) {
  sqlite3_str_appendf(p->pStr, "%s\"%s\":", p->nField ? "," : "{", zKey);
  p->nField++;
}

/* A number, or null when it is not finite (S-13). */
static void json_num(StatsJson *p, const char *zKey, double r) {
  char aBuf[40];
  json_key(p, zKey);
  if (!isfinite(r)) {
    sqlite3_str_appendall(p->pStr, "null");
    return;
  }
  if (r == floor(r) && fabs(r) < 9007199254740992.0) {
    /* counts and other whole numbers, exactly and without printf's %g */
    sqlite3_str_appendf(p->pStr, "%lld", (sqlite3_int64)r);
    return;
  }
  kpi_format_double(aBuf, sizeof(aBuf), r);
  sqlite3_str_appendall(p->pStr, aBuf);
}

/* A note: our own ASCII text, with no quote or backslash to escape. */
static void json_note(StatsJson *p, const char *zNote) {
  if (zNote == 0) return;
  json_key(p, "note");
  sqlite3_str_appendf(p->pStr, "\"%s\"", zNote);
}

static void json_begin(StatsJson *p, sqlite3_context *ctx) {
  p->pStr = sqlite3_str_new(sqlite3_context_db_handle(ctx));
  p->nField = 0;
}

/* Sets the object as the result, with the JSON subtype. */
static void json_finish(StatsJson *p, sqlite3_context *ctx) {
  int rc;
  char *z;
  sqlite3_str_appendall(p->pStr, "}");
  rc = sqlite3_str_errcode(p->pStr);
  z = sqlite3_str_finish(p->pStr);
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
  sqlite3_result_subtype(ctx, STATS_JSON_SUBTYPE);
}

/* ------------------------------------------------------------------ */
/* Arguments                                                            */

static const char stats_arm_words[] =
    "control: 0 control a contr\xC3\xB4le controle; treatment: 1 treatment "
    "variant b test";
static const char *const azControl[] = {"0", "control", "a", "contr\xC3\xB4le",
                                        "controle"};
static const char *const azTreatment[] = {"1", "treatment", "variant", "b",
                                          "test"};

/* Text (trimmed, folded) to 0 (control) or 1 (treatment), or -1. */
static int stats_arm_word(const char *z, int n) {
  KpiNum num;
  if (kpi_match_word(z, n, azControl,
                     (int)(sizeof(azControl) / sizeof(azControl[0]))) >= 0) {
    return 0;
  }
  if (kpi_match_word(z, n, azTreatment,
                     (int)(sizeof(azTreatment) / sizeof(azTreatment[0]))) >=
      0) {
    return 1;
  }
  if (kpi_parse_num(z, n, &num)) {
    if (num.r == 0.0) return 0;
    if (num.r == 1.0) return 1;
  }
  return -1;
}

/* S-1: reads argv[iArg] as an arm, *pArm = 0 (control) or 1 (treatment). */
static int stats_arg_arm(sqlite3_context *ctx, sqlite3_value **argv, int iArg,
                         int *pArm) {
  sqlite3_value *v = argv[iArg];
  if (sqlite3_value_type(v) == SQLITE_TEXT) {
    const char *z;
    int n;
    char aTail[sizeof(stats_arm_words) + 3];
    int rc = kpi_arg_text(ctx, v, &z, &n);
    if (rc != KPI_ARG_OK) return rc;
    *pArm = stats_arm_word(z, n);
    if (*pArm >= 0) return KPI_ARG_OK;
    sqlite3_snprintf((int)sizeof(aTail), aTail, " (%s)", stats_arm_words);
    kpi_error_text(ctx, "unknown arm", z, iArg, aTail);
    return KPI_ARG_ERR;
  } else {
    KpiNum num;
    int rc = kpi_arg_num(ctx, argv, iArg, &num);
    if (rc != KPI_ARG_OK) return rc;
    if (num.r == 0.0 || num.r == 1.0) {
      *pArm = num.r == 1.0;
      return KPI_ARG_OK;
    }
    if (num.isInt) {
      kpi_error(ctx, "unknown arm '%lld' in argument %d (%s)", num.i, iArg + 1,
                stats_arm_words);
    } else {
      kpi_error(ctx, "unknown arm '%.15g' in argument %d (%s)", num.r, iArg + 1,
                stats_arm_words);
    }
    return KPI_ARG_ERR;
  }
}

/* S-2: an outcome, a flag word or the number 0 or 1. */
static int stats_arg_outcome(sqlite3_context *ctx, sqlite3_value **argv,
                             int iArg, int *pOut) {
  sqlite3_value *v = argv[iArg];
  KpiNum num;
  int rc;
  if (sqlite3_value_type(v) == SQLITE_TEXT) {
    const char *z = (const char *)sqlite3_value_text(v);
    if (z == 0) {
      sqlite3_result_error_nomem(ctx);
      return KPI_ARG_ERR;
    }
    /* words (and blanks) go through the value layer's flag reader */
    if (!kpi_parse_num(z, sqlite3_value_bytes(v), &num)) {
      return kpi_arg_flag(ctx, argv, iArg, pOut);
    }
  }
  rc = kpi_arg_num(ctx, argv, iArg, &num);
  if (rc != KPI_ARG_OK) return rc;
  if (num.r != 0.0 && num.r != 1.0) {
    kpi_error(ctx, "outcome %.15g is not 0 or 1 in argument %d", num.r,
              iArg + 1);
    return KPI_ARG_ERR;
  }
  *pOut = num.r == 1.0;
  return KPI_ARG_OK;
}

/* S-3: a probability strictly inside (0, 1), named zWhat in messages. */
static int stats_arg_unit(sqlite3_context *ctx, sqlite3_value **argv, int iArg,
                          const char *zWhat, double *pOut) {
  KpiNum num;
  int rc = kpi_arg_num(ctx, argv, iArg, &num);
  if (rc != KPI_ARG_OK) return rc;
  if (!(num.r > 0.0 && num.r < 1.0)) {
    kpi_error(ctx, "%s %.15g is outside (0, 1) in argument %d", zWhat, num.r,
              iArg + 1);
    return KPI_ARG_ERR;
  }
  *pOut = num.r;
  return KPI_ARG_OK;
}

/* The level in argv[iArg] when argc has it, else 0.95. */
static int stats_arg_level(sqlite3_context *ctx, int argc, sqlite3_value **argv,
                           int iArg, double *pLevel) {
  *pLevel = 0.95;
  if (argc <= iArg) return KPI_ARG_OK;
  return stats_arg_unit(ctx, argv, iArg, "level", pLevel);
}

/* S-9: a whole, non-negative count. */
static int stats_arg_whole(sqlite3_context *ctx, sqlite3_value **argv, int iArg,
                           const char *zWhat, double *pOut) {
  KpiNum num;
  int rc = kpi_arg_count(ctx, argv, iArg, &num);
  if (rc != KPI_ARG_OK) return rc;
  if (num.r != floor(num.r)) {
    kpi_error(ctx, "%s %.15g is not a whole number in argument %d", zWhat,
              num.r, iArg + 1);
    return KPI_ARG_ERR;
  }
  *pOut = num.r;
  return KPI_ARG_OK;
}

/* ------------------------------------------------------------------ */
/* Proportions                                                          */

/*
** The Wilson score interval of x successes in n > 0 trials at the normal
** quantile z. The lower bound is written as 2x^2 / (n (2x + z^2 + s)),
** the same value as the textbook (2x + z^2 - s) / (2 (n + z^2)) with
** the cancellation taken out, so small rates keep their digits.
*/
static void stats_wilson(double x, double n, double z, double *pLo,
                         double *pHi) {
  double z2 = z * z;
  double s = z * sqrt(z2 + 4.0 * x * (n - x) / n);
  double hi = (2.0 * x + z2 + s) / (2.0 * (n + z2));
  *pLo = x == 0.0 ? 0.0 : 2.0 * x * x / (n * (2.0 * x + z2 + s));
  *pHi = (x == n || hi > 1.0) ? 1.0 : hi;
}

/* a*b - c*d with one rounding where the products are exact (counts). */
static double stats_cross(double a, double b, double c, double d) {
  double cd = c * d;
  double err = fma(c, d, -cd); /* cd + err == c*d exactly */
  return fma(a, b, -cd) - err;
}

static double stats_clamp(double r, double lo, double hi) {
  return r < lo ? lo : (r > hi ? hi : r);
}

/*
** The uplift_ci JSON for control (n0, x0) and treatment (n1, x1): NULL when
** an arm is empty (S-5), else S-6, S-7, S-8.
*/
static void stats_uplift_result(sqlite3_context *ctx, double n0, double x0,
                                double n1, double x1, double level) {
  StatsJson j;
  double z, p0, p1, diff, l0, u0, l1, u1, dLo, dHi;
  double lift = NAN, liftLo = NAN, liftHi = NAN, pValue = NAN;
  double pooled, pooledQ;
  const char *zNote = 0;
  if (n0 <= 0.0 || n1 <= 0.0) return;
  z = distrib_norm_isf(0.5 * (1.0 - level));
  p0 = x0 / n0;
  p1 = x1 / n1;
  diff = stats_cross(x1, n0, x0, n1) / (n0 * n1);
  stats_wilson(x0, n0, z, &l0, &u0);
  stats_wilson(x1, n1, z, &l1, &u1);
  dLo = diff - sqrt((p1 - l1) * (p1 - l1) + (u0 - p0) * (u0 - p0));
  dHi = diff + sqrt((u1 - p1) * (u1 - p1) + (p0 - l0) * (p0 - l0));
  dLo = stats_clamp(dLo, -1.0, 1.0);
  dHi = stats_clamp(dHi, -1.0, 1.0);
  if (x0 > 0.0) {
    lift = stats_cross(x1, n0, x0, n1) / (x0 * n1);
    if (x1 > 0.0) {
      double se = sqrt((n1 - x1) / (x1 * n1) + (n0 - x0) / (x0 * n0));
      double lr = log1p(lift);
      liftLo = expm1(lr - z * se);
      liftHi = expm1(lr + z * se);
    }
  }
  pooled = (x0 + x1) / (n0 + n1);
  pooledQ = ((n0 - x0) + (n1 - x1)) / (n0 + n1);
  if (pooled > 0.0 && pooledQ > 0.0) {
    double se = sqrt(pooled * pooledQ * (1.0 / n0 + 1.0 / n1));
    pValue = erfc(fabs(diff / se) / M_SQRT2);
  }
  if (x0 == 0.0 && x1 == 0.0) {
    zNote =
        "no conversions in either arm: lift, its interval and p_value "
        "are undefined";
  } else if (x0 == 0.0) {
    zNote = "no conversions in control: lift and its interval are undefined";
  } else if (x1 == 0.0) {
    zNote =
        "no conversions in treatment: the log-ratio interval of lift "
        "is undefined";
  } else if (x0 == n0 && x1 == n1) {
    zNote = "every row converted in both arms: p_value is undefined";
  }
  json_begin(&j, ctx);
  json_num(&j, "control_n", n0);
  json_num(&j, "control_x", x0);
  json_num(&j, "control_rate", p0);
  json_num(&j, "treatment_n", n1);
  json_num(&j, "treatment_x", x1);
  json_num(&j, "treatment_rate", p1);
  json_num(&j, "diff", diff);
  json_num(&j, "diff_lo", dLo);
  json_num(&j, "diff_hi", dHi);
  json_num(&j, "lift", lift);
  json_num(&j, "lift_lo", liftLo);
  json_num(&j, "lift_hi", liftHi);
  json_num(&j, "p_value", pValue);
  json_num(&j, "level", level);
  json_note(&j, zNote);
  json_finish(&j, ctx);
}

/* uplift_ci: four counts and the level every row gave (S-3). */
/* The level an (arm, value [, level]) aggregate has seen. */
typedef struct StatsLevel StatsLevel;
struct StatsLevel {
  double rLevel;
  int hasLevel;
};

typedef struct UpliftState UpliftState;
struct UpliftState {
  StatsLevel lvl;      /* first: stats_row_state reads it */
  sqlite3_int64 aN[2]; /* rows per arm: [0] control, [1] treatment */
  sqlite3_int64 aX[2]; /* conversions per arm */
};

/*
** Reads one row of an (arm, y [, level]) aggregate. Returns KPI_ARG_OK to
** count it, KPI_ARG_NULL to skip it, KPI_ARG_ERR on error (S-4).
*/
static int stats_read_row(sqlite3_context *ctx, int argc, sqlite3_value **argv,
                          int *pArm, double *pLevel) {
  int rcArm = stats_arg_arm(ctx, argv, 0, pArm);
  int rcLevel;
  if (rcArm == KPI_ARG_ERR) return rcArm;
  rcLevel = stats_arg_level(ctx, argc, argv, 2, pLevel);
  if (rcLevel == KPI_ARG_ERR) return rcLevel;
  return (rcArm == KPI_ARG_OK && rcLevel == KPI_ARG_OK) ? KPI_ARG_OK
                                                        : KPI_ARG_NULL;
}

/* S-3: the first row's level holds for the aggregate. */
static int stats_check_level(sqlite3_context *ctx, double *pStored, int *pHas,
                             double rLevel) {
  if (!*pHas) {
    *pStored = rLevel;
    *pHas = 1;
  } else if (*pStored != rLevel) {
    kpi_error(ctx,
              "level %.15g differs from %.15g on an earlier row in "
              "argument 3",
              rLevel, *pStored);
    return KPI_ARG_ERR;
  }
  return KPI_ARG_OK;
}

/*
** The opening uplift_update and mean_update share: the row's arm and
** level were read (rcRow) and its value (rcV); on a row to count, the
** aggregate state of nByte bytes, which starts with a StatsLevel, and the
** level's check. 0 when the row is skipped or an error is set.
*/
static void *stats_row_state(sqlite3_context *ctx, int rcRow, int rcV,
                             double level, int sign, int nByte) {
  StatsLevel *p;
  if (rcV != KPI_ARG_OK || rcRow != KPI_ARG_OK) return 0;
  p = sqlite3_aggregate_context(ctx, nByte);
  if (p == 0) {
    sqlite3_result_error_nomem(ctx);
    return 0;
  }
  if (sign > 0 &&
      stats_check_level(ctx, &p->rLevel, &p->hasLevel, level) != KPI_ARG_OK) {
    return 0;
  }
  return p;
}

static void uplift_update(sqlite3_context *ctx, int argc, sqlite3_value **argv,
                          int sign) {
  UpliftState *p;
  int arm = 0, y = 0;
  double level;
  int rcRow = stats_read_row(ctx, argc, argv, &arm, &level);
  int rcY;
  if (rcRow == KPI_ARG_ERR) return;
  rcY = stats_arg_outcome(ctx, argv, 1, &y);
  p = stats_row_state(ctx, rcRow, rcY, level, sign, (int)sizeof(*p));
  if (p == 0) return;
  p->aN[arm] += sign;
  p->aX[arm] += sign * y;
}

static void upliftStep(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  uplift_update(ctx, argc, argv, 1);
}

static void upliftInverse(sqlite3_context *ctx, int argc,
                          sqlite3_value **argv) {
  uplift_update(ctx, argc, argv, -1);
}

static void upliftValue(sqlite3_context *ctx) {
  UpliftState *p = sqlite3_aggregate_context(ctx, 0);
  if (p == 0) return;
  stats_uplift_result(ctx, (double)p->aN[0], (double)p->aX[0], (double)p->aN[1],
                      (double)p->aX[1], p->lvl.hasLevel ? p->lvl.rLevel : 0.95);
}

/* uplift_ci_counts(control_n, control_x, treatment_n, treatment_x [, lvl]) */
static void upliftCountsFunc(sqlite3_context *ctx, int argc,
                             sqlite3_value **argv) {
  static const char *const azName[4] = {"control_n", "control_x", "treatment_n",
                                        "treatment_x"};
  double a[4], level;
  int i, isNull = 0;
  for (i = 0; i < 4; i++) {
    int rc = stats_arg_whole(ctx, argv, i, azName[i], &a[i]);
    if (rc == KPI_ARG_ERR) return;
    if (rc == KPI_ARG_NULL) isNull = 1;
  }
  i = stats_arg_level(ctx, argc, argv, 4, &level);
  if (i == KPI_ARG_ERR) return;
  if (i == KPI_ARG_NULL || isNull) return;
  for (i = 0; i < 4; i += 2) {
    if (a[i + 1] > a[i]) {
      kpi_error(ctx, "%s %.15g is greater than %s %.15g in argument %d",
                azName[i + 1], a[i + 1], azName[i], a[i], i + 2);
      return;
    }
  }
  stats_uplift_result(ctx, a[0], a[1], a[2], a[3], level);
}

/* wilson_ci(x, n [, level]) */
static void wilsonFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  double x = 0, n = 0, level, lo, hi;
  int rcX, rcN, rcL;
  StatsJson j;
  rcX = stats_arg_whole(ctx, argv, 0, "x", &x);
  if (rcX == KPI_ARG_ERR) return;
  rcN = stats_arg_whole(ctx, argv, 1, "n", &n);
  if (rcN == KPI_ARG_ERR) return;
  rcL = stats_arg_level(ctx, argc, argv, 2, &level);
  if (rcL == KPI_ARG_ERR) return;
  if (rcX != KPI_ARG_OK || rcN != KPI_ARG_OK || rcL != KPI_ARG_OK) return;
  if (x > n) {
    kpi_error(ctx, "x %.15g is greater than n %.15g in argument 1", x, n);
    return;
  }
  if (n == 0.0) return; /* S-10 */
  stats_wilson(x, n, distrib_norm_isf(0.5 * (1.0 - level)), &lo, &hi);
  json_begin(&j, ctx);
  json_num(&j, "rate", x / n);
  json_num(&j, "lo", lo);
  json_num(&j, "hi", hi);
  json_num(&j, "level", level);
  json_finish(&j, ctx);
}

/* ------------------------------------------------------------------ */
/* Means (Welch)                                                        */

typedef struct WelchArm WelchArm;
struct WelchArm {
  sqlite3_int64 n;
  double rShift; /* K: the first value since the arm was last empty */
  KpiSum s1;     /* sum of (x - K) */
  KpiSum s2;     /* sum of (x - K)^2 */
};

typedef struct WelchState WelchState;
struct WelchState {
  StatsLevel lvl; /* first: stats_row_state reads it */
  WelchArm a[2];
};

static void mean_update(sqlite3_context *ctx, int argc, sqlite3_value **argv,
                        int sign) {
  WelchState *p;
  WelchArm *pArm;
  int arm = 0;
  double level, d;
  KpiNum v;
  int rcRow = stats_read_row(ctx, argc, argv, &arm, &level);
  int rcV;
  if (rcRow == KPI_ARG_ERR) return;
  rcV = kpi_arg_num(ctx, argv, 1, &v);
  p = stats_row_state(ctx, rcRow, rcV, level, sign, (int)sizeof(*p));
  if (p == 0) return;
  pArm = &p->a[arm];
  if (sign > 0 && pArm->n == 0) {
    static const WelchArm empty = {0, 0.0, {0, 0.0, 0.0}, {0, 0.0, 0.0}};
    *pArm = empty; /* drop what compensation left behind */
    pArm->rShift = v.r;
  }
  d = v.r - pArm->rShift;
  kpi_sum_addr(&pArm->s1, sign * d);
  kpi_sum_addr(&pArm->s2, sign * d * d);
  pArm->n += sign;
}

static void meanStep(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  mean_update(ctx, argc, argv, 1);
}

static void meanInverse(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  mean_update(ctx, argc, argv, -1);
}

/* An arm's mean and sample variance (n >= 2). */
static void welch_moments(const WelchArm *p, double *pMean, double *pVar) {
  double n = (double)p->n;
  double s1 = kpi_sum_value(&p->s1);
  double ss = kpi_sum_value(&p->s2) - s1 * s1 / n;
  *pMean = p->rShift + s1 / n;
  *pVar = ss > 0.0 ? ss / (n - 1.0) : 0.0;
}

static void meanValue(sqlite3_context *ctx) {
  WelchState *p = sqlite3_aggregate_context(ctx, 0);
  double m0, v0, m1, v1, w0, w1, diff, se, level;
  double df = NAN, lo = NAN, hi = NAN, pValue = NAN;
  const char *zNote = 0;
  StatsJson j;
  if (p == 0 || p->a[0].n < 2 || p->a[1].n < 2) return; /* S-5 */
  level = p->lvl.hasLevel ? p->lvl.rLevel : 0.95;
  welch_moments(&p->a[0], &m0, &v0);
  welch_moments(&p->a[1], &m1, &v1);
  w0 = v0 / (double)p->a[0].n;
  w1 = v1 / (double)p->a[1].n;
  /* the shifts apart from the rest, so equal large offsets cancel exactly */
  diff = (p->a[1].rShift - p->a[0].rShift) +
         (kpi_sum_value(&p->a[1].s1) / (double)p->a[1].n -
          kpi_sum_value(&p->a[0].s1) / (double)p->a[0].n);
  se = sqrt(w0 + w1);
  if (se > 0.0) {
    double t;
    df =
        (w0 + w1) * (w0 + w1) /
        (w0 * w0 / (double)(p->a[0].n - 1) + w1 * w1 / (double)(p->a[1].n - 1));
    t = distrib_t_isf(0.5 * (1.0 - level), df);
    lo = diff - t * se;
    hi = diff + t * se;
    pValue = 2.0 * distrib_t_sf(fabs(diff) / se, df);
  } else {
    zNote =
        "both arms have zero variance: the Welch interval, df and "
        "p_value are undefined";
  }
  json_begin(&j, ctx);
  json_num(&j, "control_n", (double)p->a[0].n);
  json_num(&j, "control_mean", m0);
  json_num(&j, "control_sd", sqrt(v0));
  json_num(&j, "treatment_n", (double)p->a[1].n);
  json_num(&j, "treatment_mean", m1);
  json_num(&j, "treatment_sd", sqrt(v1));
  json_num(&j, "diff", diff);
  json_num(&j, "diff_lo", lo);
  json_num(&j, "diff_hi", hi);
  json_num(&j, "df", df);
  json_num(&j, "p_value", pValue);
  json_num(&j, "level", level);
  json_note(&j, zNote);
  json_finish(&j, ctx);
}

/* ------------------------------------------------------------------ */
/* Sample size                                                          */

static void sampleSizeFunc(sqlite3_context *ctx, int argc,
                           sqlite3_value **argv) {
  double p1 = 0, lift = 0, alpha = 0.05, power = 0.8;
  double p2, pbar, za, zb, root, n;
  KpiNum num;
  int rc, isNull = 0;
  rc = stats_arg_unit(ctx, argv, 0, "base_rate", &p1);
  if (rc == KPI_ARG_ERR) return;
  if (rc == KPI_ARG_NULL) isNull = 1;
  rc = kpi_arg_num(ctx, argv, 1, &num);
  if (rc == KPI_ARG_ERR) return;
  if (rc == KPI_ARG_NULL) isNull = 1;
  lift = num.r;
  if (argc > 2) {
    rc = stats_arg_unit(ctx, argv, 2, "alpha", &alpha);
    if (rc == KPI_ARG_ERR) return;
    if (rc == KPI_ARG_NULL) isNull = 1;
  }
  if (argc > 3) {
    rc = stats_arg_unit(ctx, argv, 3, "power", &power);
    if (rc == KPI_ARG_ERR) return;
    if (rc == KPI_ARG_NULL) isNull = 1;
  }
  if (isNull) return;
  p2 = p1 * (1.0 + lift);
  if (lift == 0.0 || p2 == p1) { /* p2 == p1: a lift below rounding */
    kpi_error(ctx,
              "min_detectable_lift %.15g leaves no difference to detect in "
              "argument 2",
              lift);
    return;
  }
  if (!(p2 > 0.0 && p2 < 1.0)) {
    kpi_error(ctx,
              "min_detectable_lift %.15g takes the rate to %.15g, "
              "outside (0, 1), in argument 2",
              lift, p2);
    return;
  }
  pbar = 0.5 * (p1 + p2);
  za = distrib_norm_isf(0.5 * alpha);
  zb = distrib_norm_isf(1.0 - power);
  root = za * sqrt(2.0 * pbar * (1.0 - pbar)) +
         zb * sqrt(p1 * (1.0 - p1) + p2 * (1.0 - p2));
  n = ceil(root * root / ((p2 - p1) * (p2 - p1)));
  if (n < 9.2e18) {
    sqlite3_result_int64(ctx, (sqlite3_int64)n);
  } else {
    sqlite3_result_double(ctx, n);
  }
}

/* ------------------------------------------------------------------ */

#define STATS_AGG(zName, nArg, xStep, xValue, xInverse) \
  { zName, nArg, STATS_FLAGS, 0, 0, xStep, xValue, xValue, xInverse }

static const KpiFunc aStatsFunc[] = {
    STATS_AGG("uplift_ci", 2, upliftStep, upliftValue, upliftInverse),
    STATS_AGG("uplift_ci", 3, upliftStep, upliftValue, upliftInverse),
    {"uplift_ci_counts", 4, STATS_FLAGS, 0, upliftCountsFunc, 0, 0, 0, 0},
    {"uplift_ci_counts", 5, STATS_FLAGS, 0, upliftCountsFunc, 0, 0, 0, 0},
    STATS_AGG("mean_uplift_ci", 2, meanStep, meanValue, meanInverse),
    STATS_AGG("mean_uplift_ci", 3, meanStep, meanValue, meanInverse),
    {"wilson_ci", 2, STATS_FLAGS, 0, wilsonFunc, 0, 0, 0, 0},
    {"wilson_ci", 3, STATS_FLAGS, 0, wilsonFunc, 0, 0, 0, 0},
    {"ab_sample_size", 2, KPI_PURE, 0, sampleSizeFunc, 0, 0, 0, 0},
    {"ab_sample_size", 3, KPI_PURE, 0, sampleSizeFunc, 0, 0, 0, 0},
    {"ab_sample_size", 4, KPI_PURE, 0, sampleSizeFunc, 0, 0, 0, 0},
};

int stats_register(sqlite3 *db) {
  return kpi_register_funcs(db, aStatsFunc,
                            (int)(sizeof(aStatsFunc) / sizeof(aStatsFunc[0])));
}
