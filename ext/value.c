/*
** value.c: the value layer every kpi function reads its arguments through
** (SPEC section 1), the registration walker and the error helper.
**
** Requirements (tests cite them as V-n):
**   V-1  An INTEGER or REAL argument is a number; a REAL that is infinite
**        is an error ("cannot use Inf in argument N").
**   V-2  TEXT that is blank (only spaces, tabs, CR, LF) is NULL.
**   V-3  Numeric TEXT is a number: optional blanks, optional sign, digits
**        with an optional fraction (".5" and "5." too), optional exponent,
**        optional blanks. Anything else is "cannot parse number 'x'".
**        Conversion is correctly rounded and independent of the locale.
**   V-4  A BLOB is an error ("cannot use a BLOB in argument N").
**   V-5  A count (kpi_arg_count) below zero is "negative count -3".
**   V-6  Flags: non-zero numbers and the words of kpi_flag_words are true
**        or false, trimmed and in any case (É folds to é); other text is an
**        error that lists the accepted words.
**   V-7  Values quoted in messages are cut at 60 bytes (on a UTF-8
**        boundary) and end in "..." when cut.
*/
#include <limits.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kpi.h"

#define KPI_QUOTE_MAX 60

void kpi_error(sqlite3_context *ctx, const char *zFmt, ...) {
  va_list ap;
  char *zMsg;
  char *zFull;
  va_start(ap, zFmt);
  zMsg = sqlite3_vmprintf(zFmt, ap);
  va_end(ap);
  if (zMsg == 0) {
    sqlite3_result_error_nomem(ctx);
    return;
  }
  zFull = sqlite3_mprintf("%s: %s", kpi_func_name(ctx), zMsg);
  sqlite3_free(zMsg);
  if (zFull == 0) {
    sqlite3_result_error_nomem(ctx);
    return;
  }
  sqlite3_result_error(ctx, zFull, -1);
  sqlite3_free(zFull);
}

char *kpi_quote(const char *z, int n) {
  if (n < 0) n = (int)strlen(z);
  if (n <= KPI_QUOTE_MAX) return sqlite3_mprintf("%.*s", n, z);
  n = KPI_QUOTE_MAX;
  while (n > 0 && ((unsigned char)z[n] & 0xC0) == 0x80)
    n--;
  return sqlite3_mprintf("%.*s...", n, z);
}

void kpi_error_text(sqlite3_context *ctx, const char *zWhat, const char *z,
                    int iArg, const char *zTail) {
  char *zQ = kpi_quote(z, -1);
  if (zQ == 0) {
    sqlite3_result_error_nomem(ctx);
    return;
  }
  kpi_error(ctx, "%s '%s' in argument %d%s", zWhat, zQ, iArg + 1,
            zTail ? zTail : "");
  sqlite3_free(zQ);
}

int kpi_arg_text(sqlite3_context *ctx, sqlite3_value *v, const char **pz,
                 int *pn) {
  const char *z = (const char *)sqlite3_value_text(v);
  int n = sqlite3_value_bytes(v);
  int k = 0;
  if (z == 0) {
    sqlite3_result_error_nomem(ctx);
    return KPI_ARG_ERR;
  }
  while (k < n && kpi_is_blank((unsigned char)z[k]))
    k++;
  if (k == n) return KPI_ARG_NULL;
  *pz = z;
  *pn = n;
  return KPI_ARG_OK;
}

int kpi_is_blank(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' ||
         c == '\v';
}

/* Exact powers of ten that a double holds (Clinger's fast path). */
static const double aPow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

static locale_t value_c_locale(void) {
  static locale_t cLocale = (locale_t)0;
  if (cLocale == (locale_t)0) cLocale = newlocale(LC_ALL_MASK, "C", 0);
  return cLocale;
}

int kpi_parse_num(const char *z, int n, KpiNum *p) {
  int i = 0;
  int iStart, iEnd;
  int neg = 0;
  int nDigit = 0; /* significant digits seen (leading zeros skipped) */
  int nFrac = 0;  /* digits after the point that went into m */
  int sawDigit = 0;
  int isIntText = 1; /* no point, no exponent */
  unsigned long long m = 0;
  int overflowM = 0;
  int exp10 = 0;
  if (n < 0) n = (int)strlen(z);
  while (i < n && kpi_is_blank((unsigned char)z[i]))
    i++;
  while (n > i && kpi_is_blank((unsigned char)z[n - 1]))
    n--;
  iStart = i;
  if (i < n && (z[i] == '+' || z[i] == '-')) {
    neg = z[i] == '-';
    i++;
  }
  for (; i < n && z[i] >= '0' && z[i] <= '9'; i++) {
    sawDigit = 1;
    if (m == 0 && z[i] == '0') continue;
    if (nDigit < 19) {
      m = m * 10 + (unsigned)(z[i] - '0');
      nDigit++;
    } else {
      overflowM = 1;
      exp10++;
    }
  }
  if (i < n && z[i] == '.') {
    isIntText = 0;
    for (i++; i < n && z[i] >= '0' && z[i] <= '9'; i++) {
      sawDigit = 1;
      if (m == 0 && z[i] == '0') {
        nFrac++;
        continue;
      }
      if (nDigit < 19) {
        m = m * 10 + (unsigned)(z[i] - '0');
        nDigit++;
        nFrac++;
      } else if (z[i] != '0') {
        overflowM = 1;
      }
    }
  }
  if (!sawDigit) return 0;
  if (i < n && (z[i] == 'e' || z[i] == 'E')) {
    int eneg = 0, e = 0, sawE = 0;
    isIntText = 0;
    i++;
    if (i < n && (z[i] == '+' || z[i] == '-')) {
      eneg = z[i] == '-';
      i++;
    }
    for (; i < n && z[i] >= '0' && z[i] <= '9'; i++) {
      sawE = 1;
      if (e < 100000) e = e * 10 + (z[i] - '0');
    }
    if (!sawE) return 0;
    exp10 += eneg ? -e : e;
  }
  if (i != n) return 0;
  iEnd = n;
  exp10 -= nFrac;
  p->isInt = 0;
  p->i = 0;
  if (isIntText && !overflowM && exp10 == 0 &&
      (m <= (unsigned long long)LLONG_MAX ||
       (neg && m == (unsigned long long)LLONG_MAX + 1))) {
    p->isInt = 1;
    p->i = neg ? (sqlite3_int64)(0 - m) : (sqlite3_int64)m;
    p->r = (double)p->i;
    return 1;
  }
  if (!overflowM && m < (1ULL << 53) && exp10 >= -22 && exp10 <= 22) {
    double r = (double)m;
    r = exp10 < 0 ? r / aPow10[-exp10] : r * aPow10[exp10];
    p->r = neg ? -r : r;
  } else {
    char aBuf[128];
    char *zCopy = aBuf;
    int nCopy = iEnd - iStart;
    if (nCopy >= (int)sizeof(aBuf)) {
      zCopy = sqlite3_malloc64((sqlite3_uint64)nCopy + 1);
      if (zCopy == 0) return 0;
    }
    memcpy(zCopy, z + iStart, (size_t)nCopy);
    zCopy[nCopy] = 0;
    p->r = strtod_l(zCopy, 0, value_c_locale());
    if (zCopy != aBuf) sqlite3_free(zCopy);
  }
  return 1;
}

int kpi_arg_num(sqlite3_context *ctx, sqlite3_value **argv, int iArg,
                KpiNum *p) {
  sqlite3_value *v = argv[iArg];
  switch (sqlite3_value_type(v)) {
    case SQLITE_NULL:
      return KPI_ARG_NULL;
    case SQLITE_INTEGER:
      p->i = sqlite3_value_int64(v);
      p->r = (double)p->i;
      p->isInt = 1;
      return KPI_ARG_OK;
    case SQLITE_FLOAT:
      p->r = sqlite3_value_double(v);
      p->isInt = 0;
      p->i = 0;
      break;
    case SQLITE_TEXT: {
      const char *z;
      int n;
      int rc = kpi_arg_text(ctx, v, &z, &n);
      if (rc != KPI_ARG_OK) return rc;
      if (!kpi_parse_num(z, n, p)) {
        kpi_error_text(ctx, "cannot parse number", z, iArg, 0);
        return KPI_ARG_ERR;
      }
      break;
    }
    default:
      kpi_error(ctx, "cannot use a BLOB in argument %d", iArg + 1);
      return KPI_ARG_ERR;
  }
  if (isnan(p->r)) {
    kpi_error(ctx, "cannot use NaN in argument %d", iArg + 1);
    return KPI_ARG_ERR;
  }
  if (isinf(p->r)) {
    kpi_error(ctx, "cannot use %s in argument %d", p->r > 0 ? "Inf" : "-Inf",
              iArg + 1);
    return KPI_ARG_ERR;
  }
  return KPI_ARG_OK;
}

int kpi_arg_count(sqlite3_context *ctx, sqlite3_value **argv, int iArg,
                  KpiNum *p) {
  int rc = kpi_arg_num(ctx, argv, iArg, p);
  if (rc == KPI_ARG_OK && p->r < 0) {
    if (p->isInt) {
      kpi_error(ctx, "negative count %lld in argument %d", p->i, iArg + 1);
    } else {
      kpi_error(ctx, "negative count %.15g in argument %d", p->r, iArg + 1);
    }
    return KPI_ARG_ERR;
  }
  return rc;
}

const char kpi_flag_words[] =
    "true: non-zero numbers, true t yes y oui vrai resolved solved "
    "r\xC3\xA9solu done; false: 0 false f no n non faux unresolved open "
    "pending";

static const char *const azTrue[] = {
    "true",     "t",      "yes",           "y",   "oui", "vrai",
    "resolved", "solved", "r\xC3\xA9solu", "done"};
static const char *const azFalse[] = {
    "false", "f", "no", "n", "non", "faux", "unresolved", "open", "pending"};

int kpi_match_word(const char *z, int n, const char *const *azWord, int nWord) {
  char aLow[16];
  int i, k;
  if (n < 0) n = (int)strlen(z);
  while (n > 0 && kpi_is_blank((unsigned char)z[0])) {
    z++;
    n--;
  }
  while (n > 0 && kpi_is_blank((unsigned char)z[n - 1]))
    n--;
  if (n == 0 || n >= (int)sizeof(aLow)) return -1;
  for (i = 0; i < n; i++) {
    unsigned char c = (unsigned char)z[i];
    if (c >= 'A' && c <= 'Z') c = (unsigned char)(c + 32);
    /* Latin-1 capitals (UTF-8 C3 80..C3 9E) to their small letters. */
    if (i > 0 && (unsigned char)z[i - 1] == 0xC3 && c >= 0x80 && c <= 0x9E &&
        c != 0x97) {
      c = (unsigned char)(c + 0x20);
    }
    aLow[i] = (char)c;
  }
  aLow[n] = 0;
  for (k = 0; k < nWord; k++) {
    if (strcmp(aLow, azWord[k]) == 0) return k;
  }
  return -1;
}

int kpi_parse_flag(const char *z, int n, int *pFlag) {
  KpiNum num;
  if (n < 0) n = (int)strlen(z);
  if (kpi_match_word(z, n, azTrue, (int)(sizeof(azTrue) / sizeof(azTrue[0]))) >=
      0) {
    *pFlag = 1;
    return 1;
  }
  if (kpi_match_word(z, n, azFalse,
                     (int)(sizeof(azFalse) / sizeof(azFalse[0]))) >= 0) {
    *pFlag = 0;
    return 1;
  }
  if (kpi_parse_num(z, n, &num)) {
    *pFlag = num.r != 0.0;
    return 1;
  }
  return 0;
}

int kpi_arg_flag(sqlite3_context *ctx, sqlite3_value **argv, int iArg,
                 int *pFlag) {
  sqlite3_value *v = argv[iArg];
  if (sqlite3_value_type(v) == SQLITE_TEXT) {
    const char *z;
    int n;
    int rc = kpi_arg_text(ctx, v, &z, &n);
    if (rc != KPI_ARG_OK) return rc;
    if (!kpi_parse_flag(z, n, pFlag)) {
      char aTail[sizeof(kpi_flag_words) + 3];
      sqlite3_snprintf((int)sizeof(aTail), aTail, " (%s)", kpi_flag_words);
      kpi_error_text(ctx, "unknown flag", z, iArg, aTail);
      return KPI_ARG_ERR;
    }
    return KPI_ARG_OK;
  } else {
    KpiNum num;
    int rc = kpi_arg_num(ctx, argv, iArg, &num);
    if (rc == KPI_ARG_OK) *pFlag = num.r != 0.0;
    return rc;
  }
}

/* Neumaier's step: adds r to (rSum, rErr). */
static void sum_neumaier(KpiSum *p, double r) {
  double t = p->rSum + r;
  if (fabs(p->rSum) >= fabs(r)) {
    p->rErr += (p->rSum - t) + r;
  } else {
    p->rErr += (r - t) + p->rSum;
  }
  p->rSum = t;
}

/* 2^53: integral doubles below it are exact in the integer sum. */
#define KPI_EXACT_LIMIT 9007199254740992.0

static void sum_signed(KpiSum *p, const KpiNum *v, int sign) {
  sqlite3_int64 x, t;
  if (v->isInt) {
    x = v->i;
  } else if (v->r == floor(v->r) && fabs(v->r) < KPI_EXACT_LIMIT) {
    x = (sqlite3_int64)v->r;
  } else {
    sum_neumaier(p, sign > 0 ? v->r : -v->r);
    return;
  }
  if (sign > 0 ? !__builtin_add_overflow(p->iSum, x, &t)
               : !__builtin_sub_overflow(p->iSum, x, &t)) {
    p->iSum = t;
    return;
  }
  sum_neumaier(p, sign > 0 ? (double)x : -(double)x);
}

void kpi_sum_add(KpiSum *p, const KpiNum *v) {
  sum_signed(p, v, 1);
}
void kpi_sum_sub(KpiSum *p, const KpiNum *v) {
  sum_signed(p, v, -1);
}
void kpi_sum_addr(KpiSum *p, double r) {
  sum_neumaier(p, r);
}

double kpi_sum_value(const KpiSum *p) {
  return (double)p->iSum + (p->rSum + p->rErr);
}

void kpi_mean_update(KpiMean *p, double r, int sign) {
  KpiNum v;
  v.r = r;
  v.i = 0;
  v.isInt = 0;
  sum_signed(&p->sum, &v, sign);
  p->n += sign;
}

void kpi_mean_result(sqlite3_context *ctx, const KpiMean *p) {
  if (p == 0 || p->n == 0) return;
  sqlite3_result_double(ctx, kpi_sum_value(&p->sum) / (double)p->n);
}

/*
** Trying %.16g between %.15g and %.17g would save a digit on some numbers
** at the price of one more printf and strtod per number, the main cost of
** a window's JSON output (stats.c).
*/
void kpi_format_double(char *zBuf, size_t nBuf, double r) {
  locale_t cLoc = value_c_locale();
  locale_t old = cLoc ? uselocale(cLoc) : (locale_t)0;
  snprintf(zBuf, nBuf, "%.15g", r);
  if (strtod(zBuf, 0) != r) snprintf(zBuf, nBuf, "%.17g", r);
  if (cLoc) uselocale(old);
}
