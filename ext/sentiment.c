/*
** sentiment.c: sentiment shares (SPEC section 9).
**
**   net_sentiment(x)              (positive - negative) / labelled rows,
**                                 in -1..1; aggregate and window
**   sentiment_share(x, class)     share of labelled rows in that class
**                                 (positive, neutral, negative); aggregate
**                                 and window
**
** Requirements (tests cite them as SN-n):
**   SN-1 A label is text, trimmed and in any case (É folds to é):
**        positive: positive pos positif +1; neutral: neutral neu neutre 0;
**        negative: negative neg négatif negatif -1.
**   SN-2 A number (or numeric text) is a score in -1..1: above 0.05 is
**        positive, below -0.05 negative, else neutral (0.05 and -0.05
**        themselves are neutral). So +1, 0 and -1 read as labels and as
**        scores alike. A score outside -1..1 is "score 2 is outside -1..1
**        in argument 1".
**   SN-3 Any other text is "unknown sentiment 'great' in argument 1" with
**        the accepted words appended; a BLOB, NaN or infinity is an error
**        of the value layer (V-1, V-4).
**   SN-4 NULL or blank x skips the row; no labelled rows gives NULL.
**   SN-5 class is read as x's words (a label word, or +1 0 -1), so
**        'négatif' and 'neg' name the same class; a score such as 0.3 is
**        not a class ("unknown class '0.3' in argument 2 (positive,
**        neutral or negative)"). A row whose class is NULL is skipped. Every
**        row of a group must name the same class ("class 'neutral'
**        differs from 'positive' in an earlier row in argument 2").
**   SN-6 Both are window functions: three counts, so xStep, xInverse and
**        xValue are O(1) per row.
*/
#include "kpi.h"

#define SENT_POS 0
#define SENT_NEU 1
#define SENT_NEG 2

static const char *const azSentClass[3] = {"positive", "neutral", "negative"};

static const char sent_words[] =
    " (positive: positive pos positif +1; neutral: neutral neu neutre 0; "
    "negative: negative neg n\xC3\xA9gatif negatif -1; or a score in -1..1)";

static const char *const azPos[] = {"positive", "pos", "positif", "+1"};
static const char *const azNeu[] = {"neutral", "neu", "neutre", "0"};
static const char *const azNeg[] = {"negative", "neg", "n\xC3\xA9gatif",
                                    "negatif", "-1"};

#define SENT_COUNT(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* SN-1: the class of a label word, or -1. */
static int sent_word(const char *z, int n) {
  if (kpi_match_word(z, n, azPos, SENT_COUNT(azPos)) >= 0) return SENT_POS;
  if (kpi_match_word(z, n, azNeu, SENT_COUNT(azNeu)) >= 0) return SENT_NEU;
  if (kpi_match_word(z, n, azNeg, SENT_COUNT(azNeg)) >= 0) return SENT_NEG;
  return -1;
}

/* SN-2: the class of a score, or -1 when it lies outside -1..1. */
static int sent_score(double r) {
  if (r < -1.0 || r > 1.0) return -1;
  if (r > 0.05) return SENT_POS;
  if (r < -0.05) return SENT_NEG;
  return SENT_NEU;
}

static void sent_score_error(sqlite3_context *ctx, const KpiNum *v, int iArg) {
  if (v->isInt) {
    kpi_error(ctx, "score %lld is outside -1..1 in argument %d", v->i,
              iArg + 1);
  } else {
    kpi_error(ctx, "score %.15g is outside -1..1 in argument %d", v->r,
              iArg + 1);
  }
}

/* Reads argv[iArg] as a sentiment (SN-1..SN-4) into *pClass. */
static int sent_arg(sqlite3_context *ctx, sqlite3_value **argv, int iArg,
                    int *pClass) {
  sqlite3_value *v = argv[iArg];
  KpiNum num;
  int rc;
  if (sqlite3_value_type(v) == SQLITE_TEXT) {
    const char *z;
    int n;
    rc = kpi_arg_text(ctx, v, &z, &n);
    if (rc != KPI_ARG_OK) return rc;
    *pClass = sent_word(z, n);
    if (*pClass >= 0) return KPI_ARG_OK;
    if (!kpi_parse_num(z, n, &num)) {
      kpi_error_text(ctx, "unknown sentiment", z, iArg, sent_words);
      return KPI_ARG_ERR;
    }
  }
  rc = kpi_arg_num(ctx, argv, iArg, &num);
  if (rc != KPI_ARG_OK) return rc;
  *pClass = sent_score(num.r);
  if (*pClass < 0) {
    sent_score_error(ctx, &num, iArg);
    return KPI_ARG_ERR;
  }
  return KPI_ARG_OK;
}

/* SN-5: reads the class argument (words only). */
static int sent_arg_class(sqlite3_context *ctx, sqlite3_value **argv, int iArg,
                          int *pClass) {
  sqlite3_value *v = argv[iArg];
  const char *z;
  int n, rc;
  if (sqlite3_value_type(v) == SQLITE_NULL) return KPI_ARG_NULL;
  if (sqlite3_value_type(v) == SQLITE_BLOB) {
    kpi_error(ctx, "cannot use a BLOB in argument %d", iArg + 1);
    return KPI_ARG_ERR;
  }
  z = (const char *)sqlite3_value_text(v);
  if (z == 0) {
    sqlite3_result_error_nomem(ctx);
    return KPI_ARG_ERR;
  }
  rc = kpi_arg_text(ctx, v, &z, &n);
  if (rc != KPI_ARG_OK) return rc;
  *pClass = sent_word(z, n);
  if (*pClass < 0) {
    kpi_error_text(ctx, "unknown class", z, iArg,
                   " (positive, neutral or negative)");
    return KPI_ARG_ERR;
  }
  return KPI_ARG_OK;
}

typedef struct SentState SentState;
struct SentState {
  sqlite3_int64 aN[3]; /* labelled rows per class */
  int iClass;          /* sentiment_share: the class asked for */
  int hasClass;        /* 1 once iClass is set */
};

static void sent_update(sqlite3_context *ctx, int argc, sqlite3_value **argv,
                        int sign) {
  SentState *p;
  int x = 0, c = 0, rcX, rcC = KPI_ARG_OK;
  rcX = sent_arg(ctx, argv, 0, &x);
  if (rcX == KPI_ARG_ERR) return;
  if (argc > 1) {
    rcC = sent_arg_class(ctx, argv, 1, &c);
    if (rcC == KPI_ARG_ERR) return;
  }
  if (rcX != KPI_ARG_OK || rcC != KPI_ARG_OK) return;
  p = sqlite3_aggregate_context(ctx, sizeof(*p));
  if (p == 0) {
    sqlite3_result_error_nomem(ctx);
    return;
  }
  if (argc > 1 && sign > 0) {
    if (!p->hasClass) {
      p->iClass = c;
      p->hasClass = 1;
    } else if (p->iClass != c) {
      kpi_error(ctx,
                "class '%s' differs from '%s' in an earlier row in "
                "argument 2",
                azSentClass[c], azSentClass[p->iClass]);
      return;
    }
  }
  p->aN[x] += sign;
}

static void sentStep(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  sent_update(ctx, argc, argv, 1);
}

static void sentInverse(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  sent_update(ctx, argc, argv, -1);
}

static sqlite3_int64 sent_total(const SentState *p) {
  return p->aN[SENT_POS] + p->aN[SENT_NEU] + p->aN[SENT_NEG];
}

static void netValue(sqlite3_context *ctx) {
  SentState *p = sqlite3_aggregate_context(ctx, 0);
  sqlite3_int64 n;
  if (p == 0) return;
  n = sent_total(p);
  if (n == 0) return; /* SN-4 */
  sqlite3_result_double(
      ctx, (double)(p->aN[SENT_POS] - p->aN[SENT_NEG]) / (double)n);
}

static void shareValue(sqlite3_context *ctx) {
  SentState *p = sqlite3_aggregate_context(ctx, 0);
  sqlite3_int64 n;
  if (p == 0 || !p->hasClass) return;
  n = sent_total(p);
  if (n == 0) return; /* SN-4 */
  sqlite3_result_double(ctx, (double)p->aN[p->iClass] / (double)n);
}

static const KpiFunc aSentFunc[] = {
    {"net_sentiment", 1, KPI_PURE, 0, 0, sentStep, netValue, netValue,
     sentInverse},
    {"sentiment_share", 2, KPI_PURE, 0, 0, sentStep, shareValue, shareValue,
     sentInverse},
};

int sentiment_register(sqlite3 *db) {
  return kpi_register_funcs(db, aSentFunc, SENT_COUNT(aSentFunc));
}
