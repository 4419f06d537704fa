/*
** sniff.c: deciding the layout and the types of a sample of text rows, and
** the dialect of a CSV file. The spec (SF-n) is in sniff.h.
*/
#include "sniff.h"

#include <ctype.h>
#include <errno.h>
#include <glob.h>
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "tsparse.h"

/* ------------------------------------------------------------ allocator */

static void *sniff_realloc(void *p, size_t n) {
  return sqlite3_realloc64(p, (sqlite3_uint64)n);
}
static void sniff_free(void *p) {
  sqlite3_free(p);
}
const CsvAlloc sniffAlloc = {sniff_realloc, sniff_free};

/* ---------------------------------------------------------------- rows */

int sniff_rows_take(SniffRows *p, char **az, int n) {
  if (p->nRow == p->nAlloc) {
    int nNew = p->nAlloc ? p->nAlloc * 2 : 16;
    char ***aazNew =
        sqlite3_realloc64(p->aazRow, sizeof(char **) * (sqlite3_uint64)nNew);
    int *anNew;
    if (aazNew == 0) return SQLITE_NOMEM;
    p->aazRow = aazNew;
    anNew = sqlite3_realloc64(p->anRow, sizeof(int) * (sqlite3_uint64)nNew);
    if (anNew == 0) return SQLITE_NOMEM;
    p->anRow = anNew;
    p->nAlloc = nNew;
  }
  p->aazRow[p->nRow] = az;
  p->anRow[p->nRow] = n;
  p->nRow++;
  return SQLITE_OK;
}

int sniff_rows_add(SniffRows *p, const char *const *az, int n) {
  sqlite3_uint64 nByte = sizeof(char *) * (sqlite3_uint64)(n + 1);
  char **azOut;
  char *zOut;
  int i, rc;
  for (i = 0; i < n; i++)
    nByte += strlen(az[i]) + 1;
  azOut = sqlite3_malloc64(nByte);
  if (azOut == 0) return SQLITE_NOMEM;
  zOut = (char *)&azOut[n + 1];
  for (i = 0; i < n; i++) {
    size_t k = strlen(az[i]);
    memcpy(zOut, az[i], k + 1);
    azOut[i] = zOut;
    zOut += k + 1;
  }
  azOut[n] = 0;
  rc = sniff_rows_take(p, azOut, n);
  if (rc != SQLITE_OK) sqlite3_free(azOut);
  return rc;
}

void sniff_rows_clear(SniffRows *p) {
  int r;
  for (r = 0; r < p->nRow; r++)
    sqlite3_free(p->aazRow[r]);
  sqlite3_free(p->aazRow);
  sqlite3_free(p->anRow);
  memset(p, 0, sizeof(*p));
}

void sniff_opts_default(SniffOpts *o) {
  memset(o, 0, sizeof(*o));
  o->eHeader = -1;
  o->eDecimal = -1;
  o->nHeaderRows = -1;
  o->nSkip = -1;
  o->eThousands = -1;
}

int sniff_is_blank(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

void sniff_free_strings(char **az, int n) {
  int i;
  if (az == 0) return;
  for (i = 0; i < n; i++)
    sqlite3_free(az[i]);
  sqlite3_free(az);
}

int sniff_find_name(char *const *az, int n, const char *zName) {
  int i;
  for (i = 0; i < n; i++) {
    if (strcmp(az[i], zName) == 0) return i;
  }
  return -1;
}

/* z[0..*pn) less its blanks at both ends. */
static const char *sniff_trim(const char *z, int *pn) {
  int n = *pn;
  while (n > 0 && sniff_is_blank(*z)) {
    z++;
    n--;
  }
  while (n > 0 && sniff_is_blank(z[n - 1]))
    n--;
  *pn = n;
  return z;
}

/* ------------------------------------------------------ one cell (SF-4) */

static int sniff_digit(char c) {
  return c >= '0' && c <= '9';
}

/* e less the blanks, U+00A0 and U+202F that end z[i..e). */
static int sniff_trim_pct(const char *z, int i, int e) {
  for (;;) {
    if (e > i && (z[e - 1] == ' ' || z[e - 1] == '\t')) {
      e--;
    } else if (e - 2 > i && (unsigned char)z[e - 2] == 0xC2 &&
               (unsigned char)z[e - 1] == 0xA0) {
      e -= 2; /* no-break space */
    } else if (e - 3 > i && (unsigned char)z[e - 3] == 0xE2 &&
               (unsigned char)z[e - 2] == 0x80 &&
               (unsigned char)z[e - 1] == 0xAF) {
      e -= 3; /* narrow no-break space, as French writes 12,5 % */
    } else {
      return e;
    }
  }
}

/* An integer of nInt digits at z[ds..], sign neg (SF-4's id rules). */
static int sniff_integer(const char *z, int i, int e, int ds, int nInt, int neg,
                         int plus, int anyInt, SniffValue *pV) {
  sqlite3_int64 v = 0;
  int j;
  KpiNum num;
  if (!anyInt && (plus || nInt > 18 || (nInt > 1 && z[ds] == '0'))) {
    return pV->eType = SQLITE_TEXT;
  }
  if (nInt <= 18) {
    for (j = ds; j < e; j++)
      v = v * 10 + (z[j] - '0');
    pV->i = neg ? -v : v;
    return pV->eType = SQLITE_INTEGER;
  }
  if (kpi_parse_num(z + i, e - i, &num) && num.isInt) {
    pV->i = num.i;
    return pV->eType = SQLITE_INTEGER;
  }
  return pV->eType = SQLITE_TEXT;
}

/*
** A decimal z[i..e) with cDec as its mark: copied with '.' as the point; a
** percent becomes e-2 when it has no exponent, so that the fraction is
** correctly rounded too.
*/
static int sniff_decimal(const char *z, int i, int e, char cDec, int pct,
                         int hasExp, SniffValue *pV) {
  char aBuf[96];
  int nb = e - i, j;
  KpiNum num;
  if (nb > (int)sizeof(aBuf) - 4) return pV->eType = SQLITE_TEXT;
  for (j = 0; j < nb; j++) {
    char ch = z[i + j];
    aBuf[j] = ch == cDec ? '.' : ch;
  }
  if (pct && !hasExp) {
    aBuf[nb++] = 'e';
    aBuf[nb++] = '-';
    aBuf[nb++] = '2';
  }
  if (!kpi_parse_num(aBuf, nb, &num)) return pV->eType = SQLITE_TEXT;
  pV->r = num.r;
  if (pct && hasExp) pV->r /= 100.0;
  if (!isfinite(pV->r)) return pV->eType = SQLITE_TEXT;
  return pV->eType = SQLITE_FLOAT;
}

int sniff_number(const char *z, int n, char cDec, int anyInt, SniffValue *pV) {
  int i = 0, e = n, k, ds, nInt, nFrac = 0, hasPoint = 0, hasExp = 0;
  int pct = 0, plus = 0, neg = 0;
  char c;
  while (i < e && sniff_is_blank(z[i]))
    i++;
  while (e > i && sniff_is_blank(z[e - 1]))
    e--;
  if (i == e) return pV->eType = SQLITE_NULL;
  c = z[i];
  if (!sniff_digit(c) && c != '-' && c != '+' && c != cDec) {
    return pV->eType = SQLITE_TEXT;
  }
  if (z[e - 1] == '%') {
    pct = 1;
    e = sniff_trim_pct(z, i, e - 1);
  }
  k = i;
  if (z[k] == '-' || z[k] == '+') {
    neg = z[k] == '-';
    plus = z[k] == '+';
    k++;
  }
  ds = k;
  while (k < e && sniff_digit(z[k]))
    k++;
  nInt = k - ds;
  if (k < e && z[k] == cDec) {
    hasPoint = 1;
    k++;
    while (k < e && sniff_digit(z[k])) {
      k++;
      nFrac++;
    }
  }
  if (nInt + nFrac == 0) return pV->eType = SQLITE_TEXT;
  if (k < e && (z[k] == 'e' || z[k] == 'E')) {
    int k2 = k + 1, nExp = 0;
    if (k2 < e && (z[k2] == '-' || z[k2] == '+')) k2++;
    while (k2 < e && sniff_digit(z[k2])) {
      k2++;
      nExp++;
    }
    if (nExp == 0) return pV->eType = SQLITE_TEXT;
    hasExp = 1;
    k = k2;
  }
  if (k != e) return pV->eType = SQLITE_TEXT;
  if (!hasPoint && !hasExp && !pct) {
    return sniff_integer(z, i, e, ds, nInt, neg, plus, anyInt, pV);
  }
  return sniff_decimal(z, i, e, cDec, pct, hasExp, pV);
}

/*
** The bytes of a thousands separator g at z[k..e): 1 for ',' or '.', and
** for a space (g ' ') 1, or 2 for U+00A0, or 3 for U+202F; 0 when there
** is none.
*/
static int sniff_sep_len(const char *z, int k, int e, char g) {
  const unsigned char *u = (const unsigned char *)z;
  if (k >= e) return 0;
  if (g != ' ') return z[k] == g ? 1 : 0;
  if (z[k] == ' ') return 1;
  if (k + 1 < e && u[k] == 0xC2 && u[k + 1] == 0xA0) return 2;
  if (k + 2 < e && u[k] == 0xE2 && u[k + 1] == 0x80 && u[k + 2] == 0xAF) {
    return 3;
  }
  return 0;
}

/*
** SF-7: z[0..n) as a number whose integer part is grouped by g: 1 to 3
** digits, then one or more groups of exactly 3, each after one separator.
** The digits are copied without the separators and typed by sniff_number.
** SQLITE_TEXT when the cell is not grouped that way.
*/
static int sniff_grouped(const char *z, int n, char cDec, char g,
                         SniffValue *pV) {
  char aBuf[96];
  int i = 0, e = n, o = 0, nLead = 0, nGroup = 0, k;
  while (i < e && sniff_is_blank(z[i]))
    i++;
  while (e > i && sniff_is_blank(z[e - 1]))
    e--;
  if (e - i >= (int)sizeof(aBuf)) return pV->eType = SQLITE_TEXT;
  if (i < e && z[i] == '-') aBuf[o++] = z[i++];
  while (i < e && sniff_digit(z[i]) && nLead < 4) {
    aBuf[o++] = z[i++];
    nLead++;
  }
  if (nLead == 0 || nLead > 3) return pV->eType = SQLITE_TEXT;
  for (;;) {
    int nSep = sniff_sep_len(z, i, e, g);
    if (nSep == 0) break;
    i += nSep;
    for (k = 0; k < 3; k++) {
      if (i >= e || !sniff_digit(z[i])) return pV->eType = SQLITE_TEXT;
      aBuf[o++] = z[i++];
    }
    nGroup++;
  }
  if (nGroup == 0 || (i < e && sniff_digit(z[i]))) {
    return pV->eType = SQLITE_TEXT;
  }
  /* The rest (a fraction, a percent) is sniff_number's to judge. */
  while (i < e)
    aBuf[o++] = z[i++];
  if (aBuf[0] == '0' || (aBuf[0] == '-' && aBuf[1] == '0')) {
    return pV->eType = SQLITE_TEXT; /* 0,123 is not a grouped number */
  }
  return sniff_number(aBuf, o, cDec, 0, pV);
}

/* SF-9: 1 when z[0..n), blanks trimmed, is one of the layout's words. */
static int sniff_is_placeholder(const SniffLayout *pLay, const char *z, int n) {
  int i = 0, k;
  while (i < n && sniff_is_blank(z[i]))
    i++;
  while (n > i && sniff_is_blank(z[n - 1]))
    n--;
  for (k = 0; k < pLay->nNull; k++) {
    const char *w = pLay->azNull[k];
    if ((int)strlen(w) == n - i && memcmp(w, z + i, (size_t)(n - i)) == 0) {
      return 1;
    }
  }
  return 0;
}

/* The slower cases of sniff_cell: a cell that is not a plain number. */
static int sniff_cell_rest(const SniffLayout *pLay, const SniffCol *pCol,
                           const char *z, int n, SniffValue *pV) {
  if (pCol->cThou &&
      sniff_grouped(z, n, pLay->cDec, pCol->cThou, pV) != SQLITE_TEXT) {
    return pV->eType;
  }
  if (pCol->isNumeric && sniff_is_placeholder(pLay, z, n)) {
    return pV->eType = SQLITE_NULL;
  }
  return pV->eType = SQLITE_TEXT;
}

int sniff_cell(const SniffLayout *pLay, int iCol, const char *z, int n,
               int eForce, SniffValue *pV) {
  int t;
  if (eForce == SNIFF_TEXT) {
    int k = 0;
    while (k < n && sniff_is_blank(z[k]))
      k++;
    return pV->eType = k < n ? SQLITE_TEXT : SQLITE_NULL;
  }
  t = sniff_number(z, n, pLay->cDec, eForce == SNIFF_INTEGER, pV);
  if (t == SQLITE_TEXT && iCol < pLay->nCol) {
    t = sniff_cell_rest(pLay, &pLay->aCol[iCol], z, n, pV);
  }
  if (t == SQLITE_INTEGER && eForce == SNIFF_REAL) {
    pV->r = (double)pV->i;
    return pV->eType = SQLITE_FLOAT;
  }
  if (t == SQLITE_FLOAT && eForce == SNIFF_INTEGER && pV->r == floor(pV->r) &&
      fabs(pV->r) < 9.2e18) {
    pV->i = (sqlite3_int64)pV->r;
    return pV->eType = SQLITE_INTEGER;
  }
  return t;
}

/* ------------------------------------------------ yearless dates (SF-10) */

int sniff_month_day(const char *z, int n) {
  static const char *const azMonth[12] = {
      "january", "february", "march",     "april",   "may",      "june",
      "july",    "august",   "september", "october", "november", "december"};
  int i = 0, k = 0, m, d = 0, nd = 0;
  char aWord[10];
  while (i < n && sniff_is_blank(z[i]))
    i++;
  while (n > i && sniff_is_blank(z[n - 1]))
    n--;
  while (i < n && k < 9 && isalpha((unsigned char)z[i])) {
    aWord[k++] = (char)tolower((unsigned char)z[i++]);
  }
  aWord[k] = 0;
  if (k < 3 || i >= n || z[i] != ' ') return 0;
  for (m = 0; m < 12; m++) {
    if (strcmp(aWord, azMonth[m]) == 0) break;
    if (k == 3 && strncmp(aWord, azMonth[m], 3) == 0) break;
  }
  if (m == 12) return 0;
  i++;
  while (i < n && sniff_digit(z[i]) && nd < 3) {
    d = d * 10 + (z[i++] - '0');
    nd++;
  }
  if (i != n || nd == 0 || nd > 2 || d < 1) return 0;
  if (d > (m == 1 ? 29 : ts_days_in_month(2001, m + 1))) return 0;
  return (m + 1) * 100 + d;
}

/* The year from y-1 .. y+1 whose m-d (md) is nearest to ymd. */
int sniff_year_near(int iPrevYmd, int md) {
  long long y = iPrevYmd / 10000, best = y, dBest = -1, yy;
  long long prev = ts_days_from_civil(y, iPrevYmd / 100 % 100, iPrevYmd % 100);
  int w = md == 229 ? 4 : 1; /* February 29 looks for a leap year */
  for (yy = y - w; yy <= y + w; yy++) {
    long long dd;
    if (md == 229 && ts_days_in_month(yy, 2) < 29) continue;
    dd = ts_days_from_civil(yy, md / 100, md % 100) - prev;
    if (dd < 0) dd = -dd;
    if (dBest < 0 || dd < dBest) {
      dBest = dd;
      best = yy;
    }
  }
  return (int)best * 10000 + md;
}

int sniff_year_export(int iExportYmd, int md) {
  int y = iExportYmd / 10000;
  if (md > iExportYmd % 10000) y--;
  while (md == 229 && ts_days_in_month(y, 2) < 29)
    y--;
  return y * 10000 + md;
}

void sniff_ymd_text(int ymd, char *aOut) {
  sqlite3_snprintf(11, aOut, "%04d-%02d-%02d", ymd / 10000, ymd / 100 % 100,
                   ymd % 100);
}

/* --------------------------------------------------------- names (SF-3) */

/* The ASCII folding of a code point in U+00C0..U+017F, or 0. */
static const char *sniff_fold_cp(unsigned cp) {
  static const char *const aLatin1[64] = {
      "a", "a", "a", "a", "a", "a", "ae", "c",  /* C0 */
      "e", "e", "e", "e", "i", "i", "i",  "i",  /* C8 */
      "d", "n", "o", "o", "o", "o", "o",  0,    /* D0, D7 is x */
      "o", "u", "u", "u", "u", "y", "th", "ss", /* D8 */
      "a", "a", "a", "a", "a", "a", "ae", "c",  /* E0 */
      "e", "e", "e", "e", "i", "i", "i",  "i",  /* E8 */
      "d", "n", "o", "o", "o", "o", "o",  0,    /* F0, F7 is / */
      "o", "u", "u", "u", "u", "y", "th", "y"}; /* F8 */
  /* Latin Extended-A letters that exports use, with their folding. */
  static const struct {
    unsigned short a, b;
    const char *z;
  } aExt[] = {{0x152, 0x153, "oe"}, {0x160, 0x161, "s"}, {0x17D, 0x17E, "z"},
              {0x178, 0x178, "y"},  {0x141, 0x142, "l"}, {0x106, 0x107, "c"},
              {0x10C, 0x10D, "c"},  {0x11A, 0x11B, "e"}, {0x118, 0x119, "e"},
              {0x158, 0x159, "r"},  {0x143, 0x144, "n"}, {0x147, 0x148, "n"},
              {0x15A, 0x15B, "s"},  {0x15E, 0x15F, "s"}, {0x16E, 0x16F, "u"},
              {0x131, 0x131, "i"},  {0x11E, 0x11F, "g"}};
  size_t k;
  if (cp >= 0xC0 && cp <= 0xFF) return aLatin1[cp - 0xC0];
  for (k = 0; k < sizeof(aExt) / sizeof(aExt[0]); k++) {
    if (cp >= aExt[k].a && cp <= aExt[k].b) return aExt[k].z;
  }
  return 0;
}

char *sniff_snake(const char *z, int n) {
  char *zOut = sqlite3_malloc64((sqlite3_uint64)n * 2 + 2);
  int i = 0, o = 0, sep = 0;
  if (zOut == 0) return 0;
  while (i < n) {
    unsigned char c = (unsigned char)z[i];
    const char *zFold = 0;
    char aOne[2] = {0, 0};
    if (c < 0x80) {
      i++;
      if (isalnum(c)) {
        aOne[0] = (char)tolower(c);
        zFold = aOne;
      }
    } else {
      unsigned cp = 0;
      int len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
      int k;
      cp = len == 1 ? c : (c & (0x7F >> len));
      for (k = 1; k < len && i + k < n; k++) {
        cp = (cp << 6) | ((unsigned char)z[i + k] & 0x3F);
      }
      i += len;
      zFold = sniff_fold_cp(cp);
    }
    if (zFold) {
      if (sep && o > 0) zOut[o++] = '_';
      sep = 0;
      while (*zFold)
        zOut[o++] = *zFold++;
    } else {
      sep = 1;
    }
  }
  zOut[o] = 0;
  return zOut;
}

/* z, or z_2, z_3 ... (the first not in az[0..n)); z is taken. */
static char *sniff_dedup(char **az, int n, char *z) {
  int k;
  char *zTry = 0;
  if (sniff_find_name(az, n, z) < 0) return z;
  for (k = 2;; k++) {
    zTry = sqlite3_mprintf("%s_%d", z, k);
    if (zTry == 0 || sniff_find_name(az, n, zTry) < 0) break;
    sqlite3_free(zTry);
  }
  sqlite3_free(z);
  return zTry;
}

/*
** The SF-3 names of nHead header cells (azHead may be 0: no header) in a
** new array of nName names, each malloced.
*/
static int sniff_names(char *const *azHead, int nHead, int nName,
                       char ***pazName) {
  char **az = sqlite3_malloc64(sizeof(char *) * (sqlite3_uint64)(nName + 1));
  int i;
  *pazName = 0;
  if (az == 0) return SQLITE_NOMEM;
  memset(az, 0, sizeof(char *) * (size_t)(nName + 1));
  for (i = 0; i < nName; i++) {
    char *z = 0;
    if (i < nHead && azHead) {
      z = sniff_snake(azHead[i], (int)strlen(azHead[i]));
      if (z == 0) goto nomem;
      if (z[0] == 0) {
        sqlite3_free(z);
        z = 0;
      }
    }
    if (z == 0) z = sqlite3_mprintf("column_%d", i + 1);
    if (z == 0) goto nomem;
    az[i] = sniff_dedup(az, i, z);
    if (az[i] == 0) goto nomem;
  }
  *pazName = az;
  return SQLITE_OK;
nomem:
  sniff_free_strings(az, nName);
  return SQLITE_NOMEM;
}

/* ------------------------------------------------------ layout (SF-1..5) */

/* 1 when z starts like a yyyy-mm-dd date. */
static int sniff_looks_dated(const char *z) {
  int i;
  for (i = 0; i < 4; i++) {
    if (!sniff_digit(z[i])) return 0;
  }
  return (z[4] == '-' || z[4] == '/') && sniff_digit(z[5]) && sniff_digit(z[6]);
}

/* The description rows header_rows gives: 0 while auto is undecided. */
static int sniff_ndesc(const SniffOpts *o) {
  return o->nHeaderRows > 0 ? o->nHeaderRows : 0;
}

/* SF-1: 1 when row r of the sample can be a header. */
static int sniff_is_header(const SniffRows *pS, int r, char cDec) {
  int i;
  for (i = 0; i < pS->anRow[r]; i++) {
    const char *z = pS->aazRow[r][i];
    SniffValue v;
    int t = sniff_number(z, (int)strlen(z), cDec, 0, &v);
    if (t == SQLITE_INTEGER || t == SQLITE_FLOAT || sniff_looks_dated(z)) {
      return 0;
    }
  }
  return 1;
}

/* 1 when z is exactly an integer grouped by g ("1.200"): SF-8. */
static int sniff_is_grouped_int(const char *z, int n, char g) {
  SniffValue v;
  return sniff_grouped(z, n, g == '.' ? ',' : '.', g, &v) == SQLITE_INTEGER;
}

/* SF-2, SF-8: the decimal mark of the data rows from iData. */
static char sniff_decimal_mark(const SniffOpts *o, const SniffRows *pS,
                               int iData, int cDelim) {
  int nComma = 0, nPoint = 0, r, i;
  if (o->eDecimal > 0) return (char)o->eDecimal;
  if (cDelim == ',') return '.';
  for (r = iData; r < pS->nRow; r++) {
    for (i = 0; i < pS->anRow[r]; i++) {
      const char *z = pS->aazRow[r][i];
      SniffValue v;
      int n = (int)strlen(z);
      if (strchr(z, ',') &&
          (sniff_number(z, n, ',', 0, &v) == SQLITE_FLOAT ||
           sniff_grouped(z, n, ',', '.', &v) == SQLITE_FLOAT ||
           sniff_grouped(z, n, ',', ' ', &v) == SQLITE_FLOAT)) {
        nComma++;
      }
      if (strchr(z, '.') && sniff_number(z, n, '.', 0, &v) == SQLITE_FLOAT &&
          !sniff_is_grouped_int(z, n, '.')) {
        nPoint++;
      }
    }
  }
  return nComma > 0 && nPoint == 0 ? ',' : '.';
}

/* Cells of row r up to its last non-blank one. */
static int sniff_width(const SniffRows *pS, int r) {
  int n = pS->anRow[r];
  while (n > 0) {
    const char *z = pS->aazRow[r][n - 1];
    while (*z && sniff_is_blank(*z))
      z++;
    if (*z) break;
    n--;
  }
  return n;
}

/* SF-6: 1 when the one cell of row r reads "Label: value". */
static int sniff_is_label_line(const SniffRows *pS, int r) {
  const char *z = pS->anRow[r] > 0 ? pS->aazRow[r][0] : "";
  int i = 0;
  while (i < 40 && z[i] && (isalpha((unsigned char)z[i]) || z[i] == ' ')) {
    i++;
  }
  return i > 0 && z[i] == ':' && z[i + 1] == ' ';
}

/*
** SF-6: the title rows of the sample (sets pLay->nSkip), or SQLITE_ERROR
** with *pzWhy for a preamble with no header.
*/
static int sniff_titles(const SniffOpts *o, const SniffRows *pS, int cDelim,
                        SniffLayout *pLay, const char **pzWhy) {
  int k = 0, nLabel = 0, r;
  pLay->nSkip = 0;
  if (o->nSkip >= 0) {
    pLay->nSkip = o->nSkip;
    return SQLITE_OK;
  }
  if (o->eHeader == 0) return SQLITE_OK;
  while (k < pS->nRow && k < SNIFF_MAX_TITLE && sniff_width(pS, k) <= 1)
    k++;
  if (k == pS->nRow) {
    for (r = 0; r < pS->nRow; r++)
      nLabel += sniff_is_label_line(pS, r);
    if (nLabel >= 2) {
      *pzWhy = "only a preamble, no header and no data";
      return SQLITE_ERROR;
    }
    return SQLITE_OK;
  }
  if (k == 0 || k == SNIFF_MAX_TITLE || sniff_width(pS, k) < 2) {
    return SQLITE_OK;
  }
  if (o->eHeader < 0) {
    char cDec = sniff_decimal_mark(o, pS, k + 1 + sniff_ndesc(o), cDelim);
    if (!sniff_is_header(pS, k, cDec)) return SQLITE_OK;
  }
  pLay->nSkip = k;
  return SQLITE_OK;
}

/* The count of rows from pLay->iData on whose cell iCol passes xTest. */
typedef struct SniffTally SniffTally;
struct SniffTally {
  int nNum;        /* plain numbers */
  int aGroup[3];   /* grouped by ',', '.', ' ' */
  int aVeto[3];    /* hold that separator, yet are not grouped by it */
  int nPh;         /* placeholders */
  int nText;       /* other text */
  int nMd;         /* yearless dates */
  int nBucket;     /* "< 10%", "> 90%" */
  int nInt, nReal; /* SF-5 */
};

static const char azSniffThou[3] = {',', '.', ' '};

/* 1 when z[0..n) holds separator g (for ' ': any of the three spaces). */
static int sniff_holds_sep(const char *z, int n, char g) {
  int k;
  for (k = 0; k < n; k++) {
    if (sniff_sep_len(z, k, n, g)) return 1;
  }
  return 0;
}

/* SF-9: a bucket, "< 10%" or "> 90%": '<' or '>', blanks, a number. */
static int sniff_is_bucket(const SniffLayout *pLay, const char *z, int n) {
  int i = 0;
  SniffValue v;
  while (i < n && sniff_is_blank(z[i]))
    i++;
  if (i == n || (z[i] != '<' && z[i] != '>')) return 0;
  i++;
  if (i < n && z[i] == '=') i++;
  return sniff_number(z + i, n - i, pLay->cDec, 0, &v) == SQLITE_FLOAT ||
         v.eType == SQLITE_INTEGER;
}

/* Tallies one sampled cell of a column (SF-5, SF-7, SF-9, SF-10). */
static void sniff_tally_cell(const SniffOpts *o, const SniffLayout *pLay,
                             const char *z, SniffTally *t) {
  int n = (int)strlen(z), g, t0;
  SniffValue v;
  t0 = sniff_number(z, n, pLay->cDec, 0, &v);
  if (t0 == SQLITE_NULL) return;
  if (t0 == SQLITE_INTEGER || t0 == SQLITE_FLOAT) {
    t->nNum++;
    if (t0 == SQLITE_INTEGER) t->nInt++;
    if (t0 == SQLITE_FLOAT) t->nReal++;
    return;
  }
  if (sniff_is_placeholder(pLay, z, n)) {
    t->nPh++;
    return;
  }
  if (sniff_month_day(z, n)) t->nMd++;
  if (sniff_is_bucket(pLay, z, n)) {
    t->nBucket++;
    return;
  }
  for (g = 0; g < 3; g++) {
    int t1;
    if (azSniffThou[g] == pLay->cDec) continue;
    if (o->eThousands >= 0 && o->eThousands != azSniffThou[g]) continue;
    if (!sniff_holds_sep(z, n, azSniffThou[g])) continue;
    t1 = sniff_grouped(z, n, pLay->cDec, azSniffThou[g], &v);
    if (t1 == SQLITE_INTEGER || t1 == SQLITE_FLOAT) {
      t->aGroup[g]++;
      if (t1 == SQLITE_INTEGER) t->nInt++;
      if (t1 == SQLITE_FLOAT) t->nReal++;
      return;
    }
    t->aVeto[g]++;
  }
  t->nText++;
}

/* SF-5, SF-7, SF-9, SF-10: decides column iCol from its sampled cells. */
static void sniff_decide_column(const SniffOpts *o, const SniffRows *pS,
                                SniffLayout *pLay, int iCol) {
  SniffCol *c = &pLay->aCol[iCol];
  SniffTally t;
  int r, g, best = -1;
  memset(&t, 0, sizeof(t));
  memset(c, 0, sizeof(*c));
  for (r = pLay->iData; r < pS->nRow; r++) {
    if (iCol < pS->anRow[r]) sniff_tally_cell(o, pLay, pS->aazRow[r][iCol], &t);
  }
  for (g = 0; g < 3; g++) {
    if (t.aGroup[g] > 0 && (o->eThousands >= 0 || t.aVeto[g] == 0) &&
        (best < 0 || t.aGroup[g] > t.aGroup[best])) {
      best = g;
    }
  }
  if (best >= 0 && (o->eThousands >= 0 || t.nText == 0)) {
    c->cThou = azSniffThou[best];
  } else if (best >= 0) {
    t.nText += t.aGroup[best]; /* a text column keeps its grouped cells */
  }
  if (o->eThousands > 0 && best < 0 && (char)o->eThousands != pLay->cDec) {
    c->cThou = (char)o->eThousands; /* SF-7: forced, for later cells too */
  }
  c->isNumeric = t.nText == 0 && (t.nNum > 0 || (best >= 0 && c->cThou));
  c->nGrouped = c->cThou && best >= 0 ? t.aGroup[best] : 0;
  if (c->isNumeric && c->cThou == 0 && o->eThousands < 0 && pLay->cDec == '.' &&
      t.aVeto[0] == 0) {
    /* SF-7: a later "1,004" in a column that was below 1,000 in the
       sample (Sprout's audience) is a number too. */
    c->cThou = ',';
  }
  t.nText += t.nBucket; /* buckets stay text (SF-9) */
  c->isYearless = t.nMd > 0 && t.nMd == t.nText && t.nNum == 0;
  c->nPlaceholder = c->isNumeric ? t.nPh : 0;
  if (!c->isNumeric) t.nText += t.nPh;
  c->eType = t.nText   ? SQLITE_TEXT
             : t.nReal ? SQLITE_FLOAT
             : t.nInt  ? SQLITE_INTEGER
                       : 0;
}

/* SF-9: the placeholder words of the options, in pLay. */
static int sniff_null_words(const SniffOpts *o, SniffLayout *pLay) {
  static const char *const azDefault[] = {
      "--", "-", "\xE2\x80\x94", "N/A", "n/a", "undefined", "null"};
  const char *z = o->zNull;
  int n = 0, k;
  if (z == 0) {
    n = (int)(sizeof(azDefault) / sizeof(azDefault[0]));
  } else if (z[0]) {
    for (n = 1, k = 0; z[k]; k++)
      n += z[k] == ',';
  }
  pLay->azNull = sqlite3_malloc64(sizeof(char *) * (sqlite3_uint64)(n + 1));
  if (pLay->azNull == 0) return SQLITE_NOMEM;
  memset(pLay->azNull, 0, sizeof(char *) * (size_t)(n + 1));
  for (k = 0; k < n; k++) {
    if (z == 0) {
      pLay->azNull[k] = sqlite3_mprintf("%s", azDefault[k]);
    } else {
      const char *zEnd = strchr(z, ',');
      int m = zEnd ? (int)(zEnd - z) : (int)strlen(z);
      const char *zw = sniff_trim(z, &m);
      pLay->azNull[k] = sqlite3_mprintf("%.*s", m, zw);
      z = zEnd ? zEnd + 1 : z + strlen(z);
    }
    if (pLay->azNull[k] == 0) return SQLITE_NOMEM;
    pLay->nNull = k + 1;
  }
  return SQLITE_OK;
}

/*
** SF-11: with header_rows unset, 1 when the row after the header describes
** the columns. Then iData moves past it and the columns stay decided on
** the rows after it; else nothing changes.
*/
static int sniff_description_row(const SniffOpts *o, const SniffRows *pS,
                                 int cDelim, SniffLayout *pLay) {
  int r = pLay->iData, i, nNum = 0, nText = 0;
  char cDec0 = pLay->cDec;
  if (r + 1 >= pS->nRow) return 0;
  pLay->iData = r + 1;
  pLay->cDec = sniff_decimal_mark(o, pS, r + 1, cDelim);
  for (i = 0; i < pLay->nCol; i++)
    sniff_decide_column(o, pS, pLay, i);
  for (i = 0; i < pLay->nCol; i++) {
    const char *z;
    SniffValue v;
    if (!pLay->aCol[i].isNumeric) continue;
    nNum++;
    if (i >= pS->anRow[r]) continue;
    z = pS->aazRow[r][i];
    if (sniff_number(z, (int)strlen(z), pLay->cDec, 0, &v) == SQLITE_NULL) {
      continue;
    }
    if (sniff_cell(pLay, i, z, (int)strlen(z), SNIFF_AUTO, &v) != SQLITE_TEXT) {
      nText = -1000000; /* a number: this row is data */
    }
    nText++;
  }
  if (nNum >= 2 && nText >= 2) return 1;
  pLay->iData = r;
  pLay->cDec = cDec0;
  return 0;
}

/* The header decision (SF-1): sets hasHeader and iData. */
static void sniff_header(const SniffOpts *o, const SniffRows *pS, int cDelim,
                         SniffLayout *pLay) {
  int r0 = pLay->nSkip;
  int has = r0 < pS->nRow && o->eHeader != 0;
  if (has && o->eHeader < 0) {
    /* The decimal mark decides what a number is: use the one the rows
       after a header would give. */
    char cDec = sniff_decimal_mark(o, pS, r0 + 1 + sniff_ndesc(o), cDelim);
    has = sniff_is_header(pS, r0, cDec);
  }
  pLay->hasHeader = has;
  pLay->iData = r0 + (has ? 1 : 0) + sniff_ndesc(o);
}

/* SF-3: the column count and names. */
static int sniff_columns(const SniffRows *pS, SniffLayout *pLay) {
  int r;
  if (pLay->hasHeader) {
    pLay->nCol = pS->anRow[pLay->nSkip];
  } else {
    for (r = pLay->iData; r < pS->nRow; r++) {
      if (pS->anRow[r] > pLay->nCol) pLay->nCol = pS->anRow[r];
    }
  }
  return sniff_names(pLay->hasHeader ? pS->aazRow[pLay->nSkip] : 0,
                     pLay->hasHeader ? pLay->nCol : 0, pLay->nCol,
                     &pLay->azName);
}

int sniff_layout(const SniffOpts *o, const SniffRows *pS, int cDelim,
                 SniffLayout *pLay, const char **pzWhy) {
  int i, rc;
  memset(pLay, 0, sizeof(*pLay));
  pLay->iYear = o->iYear;
  pLay->iExportDate = o->iExportDate;
  rc = sniff_titles(o, pS, cDelim, pLay, pzWhy);
  if (rc != SQLITE_OK) return rc;
  sniff_header(o, pS, cDelim, pLay);
  if (pLay->nSkip > 0 && o->nSkip < 0 && pLay->hasHeader &&
      pLay->iData >= pS->nRow) {
    *pzWhy = "a preamble and a header but no data";
    return SQLITE_ERROR;
  }
  pLay->cDec = sniff_decimal_mark(o, pS, pLay->iData, cDelim);
  rc = sniff_columns(pS, pLay);
  if (rc == SQLITE_OK) rc = sniff_null_words(o, pLay);
  if (rc == SQLITE_OK) {
    pLay->aCol =
        sqlite3_malloc64(sizeof(SniffCol) * (sqlite3_uint64)(pLay->nCol + 1));
    if (pLay->aCol == 0) rc = SQLITE_NOMEM;
  }
  if (rc != SQLITE_OK) {
    sniff_layout_clear(pLay);
    return rc;
  }
  if (o->nHeaderRows < 0 && pLay->hasHeader &&
      sniff_description_row(o, pS, cDelim, pLay)) {
    return SQLITE_OK; /* the columns were decided on the rows after it */
  }
  for (i = 0; i < pLay->nCol; i++)
    sniff_decide_column(o, pS, pLay, i);
  return SQLITE_OK;
}

void sniff_layout_clear(SniffLayout *pLay) {
  sniff_free_strings(pLay->azName, pLay->nCol);
  sniff_free_strings(pLay->azNull, pLay->nNull);
  sqlite3_free(pLay->aCol);
  memset(pLay, 0, sizeof(*pLay));
}

/* ----------------------------------------------------------- CSV files */

char *sniff_read_error(const char *zMod, const char *zPath, CsvReader *pR,
                       int rc) {
  if (rc == CSV_ENOMEM) return 0;
  if (rc == CSV_EIO) {
    return sqlite3_mprintf("%s: %s: %s", zMod, zPath, csv_errmsg(pR));
  }
  return sqlite3_mprintf("%s: %s:%lld: %s", zMod, zPath, csv_line(pR),
                         csv_errmsg(pR));
}

int sniff_csv_open(const char *zPath, int eEnc, const char *zMod,
                   CsvReader **ppR, char **pzErr) {
  int rc = csv_open_file(ppR, zPath, eEnc, &sniffAlloc);
  if (rc == CSV_OK) return SQLITE_OK;
  if (rc == CSV_ENOMEM) return SQLITE_NOMEM;
  if (rc == CSV_EOPEN) {
    *pzErr = sqlite3_mprintf("%s: cannot open '%s': %s", zMod, zPath,
                             strerror(errno));
  } else {
    *pzErr = sqlite3_mprintf("%s: %s: %s", zMod, zPath, csv_errmsg(*ppR));
    csv_close(*ppR);
    *ppR = 0;
  }
  return *pzErr ? SQLITE_ERROR : SQLITE_NOMEM;
}

/*
** The cells of the reader's current record, copied into one allocation
** (the pointers, then the NUL-terminated texts): free it with
** sqlite3_free.
*/
static char **sniff_copy_record(CsvReader *pR, int *pn) {
  int n = csv_ncell(pR), i, k;
  sqlite3_uint64 nByte = sizeof(char *) * (sqlite3_uint64)(n + 1);
  char **az;
  char *zOut;
  *pn = 0;
  for (i = 0; i < n; i++) {
    csv_cell(pR, i, &k);
    nByte += (sqlite3_uint64)k + 1;
  }
  az = sqlite3_malloc64(nByte);
  if (az == 0) return 0;
  zOut = (char *)&az[n + 1];
  for (i = 0; i < n; i++) {
    const char *z = csv_cell(pR, i, &k);
    memcpy(zOut, z, (size_t)k);
    zOut[k] = 0;
    az[i] = zOut;
    zOut += k + 1;
  }
  az[n] = 0;
  *pn = n;
  return az;
}

/*
** SF-6: the bytes of the sample's leading lines (at most SNIFF_MAX_TITLE)
** that hold none of the delimiters csv_sniff_delim tries: title lines,
** which would otherwise make it count one field per record. 0 when every
** line is such a line.
*/
static size_t sniff_title_bytes(const char *z, size_t n) {
  size_t i = 0;
  int nLine = 0;
  while (i < n && nLine < SNIFF_MAX_TITLE) {
    size_t k = i;
    while (k < n && z[k] != '\n' && z[k] != '\r') {
      if (z[k] == ',' || z[k] == ';' || z[k] == '\t' || z[k] == '|') return i;
      k++;
    }
    while (k < n && (z[k] == '\n' || z[k] == '\r'))
      k++;
    i = k;
    nLine++;
  }
  return i < n ? i : 0;
}

/* The dialect of the file (csvparse.h P-2, csv_sniff_delim). */
static int sniff_dialect(const SniffCsvOpts *o, CsvReader *pR, SniffFile *pF) {
  const char *zS, *zLf;
  size_t nS, nTitle;
  int complete;
  pF->eEnc = csv_encoding(pR);
  pF->hadBom = csv_had_bom(pR);
  pF->isGzip = csv_is_gzip(pR);
  csv_sample(pR, &zS, &nS, &complete);
  pF->eEol = csv_sniff_eol(zS, nS);
  zLf = memchr(zS, '\n', nS);
  pF->crlf = zLf && zLf > zS && zLf[-1] == '\r';
  /* SPEC 6.1: Excel's "sep=X" first line names the delimiter. */
  if (nS >= 5 && sqlite3_strnicmp(zS, "sep=", 4) == 0 && zS[4] != '\r' &&
      zS[4] != '\n' && (unsigned char)zS[4] < 0x80 &&
      (nS == 5 || zS[5] == '\r' || zS[5] == '\n')) {
    pF->hasSepLine = 1;
    if (o->cDelim < 0) {
      pF->cDelim = (unsigned char)zS[4];
      return SQLITE_OK;
    }
  }
  if (o->cDelim >= 0) {
    pF->cDelim = o->cDelim;
    return SQLITE_OK;
  }
  nTitle = sniff_title_bytes(zS, nS);
  pF->cDelim = csv_sniff_delim(zS + nTitle, nS - nTitle, o->cQuote, pF->eEol,
                               complete, &sniffAlloc);
  return pF->cDelim < 0 ? SQLITE_NOMEM : SQLITE_OK;
}

/*
** Reads the first records into pF->rows: enough for the header, the
** description rows and SNIFF_SAMPLE_ROWS data rows. A bad record after
** the first stops the sample quietly (the scan reports it with its line,
** and the records before it stay readable).
*/
static int sniff_sample(const SniffCsvOpts *o, CsvReader *pR, const char *zMod,
                        const char *zPath, SniffFile *pF, char **pzErr) {
  int nWant = (o->s.nSkip >= 0 ? o->s.nSkip : SNIFF_MAX_TITLE) + 1 +
              (o->s.nHeaderRows < 0 ? 1 : o->s.nHeaderRows) + SNIFF_SAMPLE_ROWS;
  int rc = CSV_ROW;
  if (pF->hasSepLine) {
    rc = csv_next(pR);
    if (rc != CSV_ROW && rc != CSV_DONE) {
      *pzErr = sniff_read_error(zMod, zPath, pR, rc);
      return *pzErr ? SQLITE_ERROR : SQLITE_NOMEM;
    }
  }
  while (rc == CSV_ROW && pF->rows.nRow < nWant) {
    char **az;
    int n;
    rc = csv_next(pR);
    if (rc != CSV_ROW) break;
    az = sniff_copy_record(pR, &n);
    if (az == 0) return SQLITE_NOMEM;
    if (sniff_rows_take(&pF->rows, az, n) != SQLITE_OK) {
      sqlite3_free(az);
      return SQLITE_NOMEM;
    }
  }
  if (rc == CSV_ENOMEM) return SQLITE_NOMEM;
  if (rc != CSV_ROW && rc != CSV_DONE && pF->rows.nRow == 0) {
    *pzErr = sniff_read_error(zMod, zPath, pR, rc);
    return *pzErr ? SQLITE_ERROR : SQLITE_NOMEM;
  }
  return SQLITE_OK;
}

int sniff_csv_file(const SniffCsvOpts *o, const char *zPath, int nMax,
                   const char *zMod, SniffFile *pF, char **pzErr) {
  CsvReader *pR = 0;
  int rc;
  memset(pF, 0, sizeof(*pF));
  rc = sniff_csv_open(zPath, o->eEnc, zMod, &pR, pzErr);
  if (rc != SQLITE_OK) return rc;
  rc = sniff_dialect(o, pR, pF);
  if (rc == SQLITE_OK) {
    csv_dialect(pR, pF->cDelim, o->cQuote, pF->eEol);
    csv_limit(pR, nMax);
    rc = sniff_sample(o, pR, zMod, zPath, pF, pzErr);
  }
  if (rc == SQLITE_OK) {
    const char *zWhy = 0;
    rc = sniff_layout(&o->s, &pF->rows, pF->cDelim, &pF->lay, &zWhy);
    if (rc == SQLITE_ERROR) {
      *pzErr = sqlite3_mprintf("%s: %s: %s", zMod, zPath, zWhy);
      if (*pzErr == 0) rc = SQLITE_NOMEM;
    }
  }
  if (rc == SQLITE_OK && pF->lay.hasHeader) {
    pF->azHead = pF->rows.aazRow[pF->lay.nSkip];
    pF->nHead = pF->rows.anRow[pF->lay.nSkip];
  }
  csv_close(pR);
  if (rc != SQLITE_OK) sniff_file_clear(pF);
  return rc;
}

void sniff_file_clear(SniffFile *pF) {
  sniff_rows_clear(&pF->rows);
  sniff_layout_clear(&pF->lay);
  memset(pF, 0, sizeof(*pF));
}

static int sniff_cmp(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A one-element array holding a copy of z. */
static int sniff_one_path(const char *z, char ***pazPath, int *pn) {
  char **az = sqlite3_malloc64(sizeof(char *));
  if (az == 0) return SQLITE_NOMEM;
  az[0] = sqlite3_mprintf("%s", z);
  if (az[0] == 0) {
    sqlite3_free(az);
    return SQLITE_NOMEM;
  }
  *pazPath = az;
  *pn = 1;
  return SQLITE_OK;
}

/* C-2: the files of the filename option, in name order. */
int sniff_expand(const char *zPattern, const char *zMod, char ***pazPath,
                 int *pn, char **pzErr) {
  char **az;
  int i, n;
  glob_t g;
  *pazPath = 0;
  *pn = 0;
  if (strpbrk(zPattern, "*?[") == 0) {
    return sniff_one_path(zPattern, pazPath, pn);
  }
  memset(&g, 0, sizeof(g));
  i = glob(zPattern, GLOB_NOSORT, 0, &g);
  if (i == GLOB_NOMATCH || (i == 0 && g.gl_pathc == 0)) {
    globfree(&g);
    *pzErr = sqlite3_mprintf("%s: no file matches '%s'", zMod, zPattern);
    return *pzErr ? SQLITE_ERROR : SQLITE_NOMEM;
  }
  if (i != 0) {
    globfree(&g);
    if (i == GLOB_NOSPACE) return SQLITE_NOMEM;
    *pzErr =
        sqlite3_mprintf("%s: cannot read the files of '%s'", zMod, zPattern);
    return *pzErr ? SQLITE_ERROR : SQLITE_NOMEM;
  }
  n = (int)g.gl_pathc;
  az = sqlite3_malloc64(sizeof(char *) * (sqlite3_uint64)n);
  if (az) memset(az, 0, sizeof(char *) * (size_t)n);
  for (i = 0; az && i < n; i++) {
    az[i] = sqlite3_mprintf("%s", g.gl_pathv[i]);
    if (az[i] == 0) {
      sniff_free_strings(az, i);
      az = 0;
    }
  }
  globfree(&g);
  if (az == 0) return SQLITE_NOMEM;
  qsort(az, (size_t)n, sizeof(char *), sniff_cmp);
  *pazPath = az;
  *pn = n;
  return SQLITE_OK;
}

/* ------------------------------------------------- table-driven options */

/* A copy of z[0..n) without its quotes ('x' or "x", doubled quotes). */
static char *sniff_dequote(const char *z, int n) {
  char *zOut = sqlite3_malloc64((sqlite3_uint64)n + 1);
  int i, o = 0;
  if (zOut == 0) return 0;
  if (n >= 2 && (z[0] == '\'' || z[0] == '"') && z[n - 1] == z[0]) {
    char q = z[0];
    for (i = 1; i < n - 1; i++) {
      zOut[o++] = z[i];
      if (z[i] == q && i + 1 < n - 1 && z[i + 1] == q) i++;
    }
  } else {
    memcpy(zOut, z, (size_t)n);
    o = n;
  }
  zOut[o] = 0;
  return zOut;
}

/* SNIFF_OPT_PATH and SNIFF_OPT_TEXT: the value is kept (*pzVal taken). */
static int sniff_opt_text(const SniffOptDef *d, char **pField, char **pzVal) {
  if (d->eKind == SNIFF_OPT_PATH && (*pzVal)[0] == 0) return 0;
  *pField = *pzVal;
  *pzVal = 0;
  return 1;
}

static int sniff_opt_word(const SniffOptDef *d, int *pField, const char *z) {
  const SniffWord *w;
  for (w = d->aWord; w->zWord; w++) {
    if (sqlite3_stricmp(z, w->zWord) == 0) {
      *pField = w->iValue;
      return 1;
    }
  }
  return 0;
}

static int sniff_opt_count(const SniffOptDef *d, int *pField, const char *z) {
  char *zEnd = 0;
  long v = strtol(z, &zEnd, 10);
  if (z[0] < '0' || z[0] > '9' || *zEnd || v > d->iMax) return 0;
  *pField = (int)v;
  return 1;
}

/* One ASCII character that is not a line end, or what iMax allows. */
static int sniff_opt_char(const SniffOptDef *d, int *pField, const char *z) {
  int f = d->iMax;
  int isNone =
      (f & SNIFF_CHAR_NONE) && (z[0] == 0 || sqlite3_stricmp(z, "none") == 0);
  int isAuto = (f & SNIFF_CHAR_AUTO) && sqlite3_stricmp(z, "auto") == 0;
  if (isNone || isAuto) {
    *pField = -1;
  } else if ((f & SNIFF_CHAR_TAB) &&
             (sqlite3_stricmp(z, "tab") == 0 || strcmp(z, "\\t") == 0)) {
    *pField = '\t';
  } else if (strlen(z) == 1 && (unsigned char)z[0] < 0x80 && z[0] != '\n' &&
             z[0] != '\r' && !((f & SNIFF_CHAR_NOQUOTE) && z[0] == '"')) {
    *pField = (unsigned char)z[0];
  } else {
    return 0;
  }
  return 1;
}

/* YYYY-MM-DD, a real date, as yyyymmdd. */
static int sniff_opt_ymd(int *pField, const char *z) {
  int y = 0, m = 0, d = 0, k;
  if (strlen(z) != 10 || z[4] != '-' || z[7] != '-') return 0;
  for (k = 0; k < 10; k++) {
    if (k == 4 || k == 7) continue;
    if (!sniff_digit(z[k])) return 0;
    if (k < 4) {
      y = y * 10 + (z[k] - '0');
    } else if (k < 7) {
      m = m * 10 + (z[k] - '0');
    } else {
      d = d * 10 + (z[k] - '0');
    }
  }
  if (y < 1 || m < 1 || m > 12 || d < 1 || d > ts_days_in_month(y, m)) {
    return 0;
  }
  *pField = y * 10000 + m * 100 + d;
  return 1;
}

/* Parses zVal by the row's kind; 0 when the value is bad. */
static int sniff_opt_value(const SniffOptDef *d, void *pOpts, char **pzVal,
                           const char *zMod, char **pzErr) {
  char *pField = (char *)pOpts + d->iOffset;
  int iBad = 0;
  switch (d->eKind) {
    case SNIFF_OPT_PATH:
    case SNIFF_OPT_TEXT:
      return sniff_opt_text(d, (char **)(void *)pField, pzVal);
    case SNIFF_OPT_WORD:
      return sniff_opt_word(d, (int *)(void *)pField, *pzVal);
    case SNIFF_OPT_COUNT:
      return sniff_opt_count(d, (int *)(void *)pField, *pzVal);
    case SNIFF_OPT_CHAR:
      return sniff_opt_char(d, (int *)(void *)pField, *pzVal);
    case SNIFF_OPT_YMD:
      return sniff_opt_ymd((int *)(void *)pField, *pzVal);
    default: /* SNIFF_OPT_FMT */
      if ((*pzVal)[0] == 0 || ts_fmt_check(*pzVal, -1, &iBad) != TS_OK) {
        *pzErr = sqlite3_mprintf(
            "%s: bad value '%s' for option '%s' (unknown directive at "
            "offset %d)",
            zMod, *pzVal, d->zName, iBad);
        return -1;
      }
      return sniff_opt_text(d, (char **)(void *)pField, pzVal);
  }
}

int sniff_opt_parse(const SniffOptDef *aDef, int nDef, void *pOpts,
                    const char *zArg, unsigned *pSeen, const char *zMod,
                    char **pzErr) {
  const char *zEq = strchr(zArg, '=');
  const char *zKey = zArg, *zV;
  int nKey, nV, k, ok;
  char *zVal;
  if (zEq == 0) {
    *pzErr = sqlite3_mprintf("%s: option '%s' needs a value (key=value)", zMod,
                             zArg);
    return *pzErr ? SQLITE_ERROR : SQLITE_NOMEM;
  }
  nKey = (int)(zEq - zArg);
  zKey = sniff_trim(zKey, &nKey);
  for (k = 0; k < nDef; k++) {
    if ((int)strlen(aDef[k].zName) == nKey &&
        sqlite3_strnicmp(zKey, aDef[k].zName, nKey) == 0) {
      break;
    }
  }
  if (k == nDef) {
    *pzErr = sqlite3_mprintf("%s: unknown option '%.*s'", zMod, nKey, zKey);
    return *pzErr ? SQLITE_ERROR : SQLITE_NOMEM;
  }
  if (*pSeen & (1u << k)) {
    *pzErr =
        sqlite3_mprintf("%s: option '%s' given twice", zMod, aDef[k].zName);
    return *pzErr ? SQLITE_ERROR : SQLITE_NOMEM;
  }
  *pSeen |= 1u << k;
  nV = (int)strlen(zEq + 1);
  zV = sniff_trim(zEq + 1, &nV);
  zVal = sniff_dequote(zV, nV);
  if (zVal == 0) return SQLITE_NOMEM;
  ok = sniff_opt_value(&aDef[k], pOpts, &zVal, zMod, pzErr);
  if (ok == 0) {
    *pzErr = sqlite3_mprintf("%s: bad value '%s' for option '%s' (%s)", zMod,
                             zVal, aDef[k].zName, aDef[k].zWhat);
  }
  sqlite3_free(zVal);
  if (ok > 0) return SQLITE_OK;
  return *pzErr ? SQLITE_ERROR : SQLITE_NOMEM;
}

int sniff_declare(sqlite3 *db, const char *zMod, char *const *azCol,
                  const int *aType, int nCol, const char *zHidden,
                  char **pzErr) {
  static const char *const azType[] = {"", " TEXT", " INTEGER", " REAL"};
  sqlite3_str *pSql = sqlite3_str_new(0);
  char *zSql;
  int i, rc;
  sqlite3_str_appendall(pSql, "CREATE TABLE x(");
  for (i = 0; i < nCol; i++) {
    sqlite3_str_appendf(pSql, "\"%w\"%s, ", azCol[i], azType[aType[i]]);
  }
  sqlite3_str_appendf(pSql, "%s)", zHidden);
  zSql = sqlite3_str_finish(pSql);
  if (zSql == 0) return SQLITE_NOMEM;
  rc = sqlite3_declare_vtab(db, zSql);
  sqlite3_free(zSql);
  if (rc != SQLITE_OK) {
    sqlite3_free(*pzErr);
    *pzErr = sqlite3_mprintf("%s: %s", zMod, sqlite3_errmsg(db));
    return *pzErr ? rc : SQLITE_NOMEM;
  }
  return sqlite3_vtab_config(db, SQLITE_VTAB_DIRECTONLY);
}
