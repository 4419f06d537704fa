/*
** csvtab.c: CSV exports as tables (SPEC 6), on the reader of csvparse.c.
**
**   CREATE VIRTUAL TABLE temp.posts USING kpi_csv(filename='posts_*.csv');
**   SELECT * FROM kpi_csv_sniff('exports/posts.csv');
**
** Options (key=value; a value may be quoted with ' or "):
**   filename    a path or a glob (required)
**   header      auto | yes | no                             (default auto)
**   header_rows description rows after the header, skipped  (default 0);
**               with header=no, rows skipped at the start
**   delimiter   auto | , | ; | tab | '|' | any one character (default auto)
**   quote       one character, or none                      (default ")
**   decimal     auto | . | ,                                 (default auto)
**   encoding    auto | utf8 | utf16 | latin1 | cp1252       (default auto)
**   dateformat  a strptime-style format (tsparse.c, T-4)
**   columns     'name [type], ...': names by position, types TEXT, INTEGER,
**               REAL or none (auto)
**   types       auto | text                                  (default auto)
**
** Requirements (tests cite them as C-n):
**   C-1  Options: an unknown key, a repeated key, a bad value or a missing
**        filename is an error at CREATE that names the option.
**   C-2  Files: a glob's matches are read in byte order of their names; a
**        name without glob characters is one file. A glob that matches
**        nothing is an error naming the pattern; a file that cannot be
**        opened fails at CREATE with the OS's reason.
**   C-3  Each file is sniffed on its first 64 KiB (csvparse.h P-4) and its
**        first records: line ends, delimiter (csv_sniff_delim), decimal
**        comma (auto: ',' when the delimiter is not ',' and the sampled
**        cells hold numbers with a decimal comma and none with a point),
**        header (auto: the first record is a header unless one of its
**        cells is a number or starts with a yyyy-mm-dd date).
**   C-4  Column names: the header's, folded to snake_case ASCII (lower
**        case; Latin-1 and common Latin Extended-A letters folded, ß to
**        ss; each run of other characters one '_'; no '_' at either end);
**        an empty name is column_N (N its 1-based position); a repeated
**        name gets _2, _3. Without a header: column_1 .. column_N, N the
**        most fields of a sampled record. The table's columns are the
**        union over the files in order of first appearance; a file's cells
**        are matched by name, and a column a file lacks reads NULL. With
**        the columns option, cells are matched by position.
**   C-5  Cells: empty or blank -> NULL; an integer -> INTEGER, except with
**        a leading zero, a leading '+' or more than 18 digits (ids: TEXT);
**        a decimal (with the file's decimal mark, optional exponent) ->
**        REAL; a number followed by '%' (blanks allowed) -> REAL fraction;
**        all else TEXT, as it is in the file. Quoted cells are typed the
**        same way (X exports quote every number). types=text makes every
**        non-empty cell TEXT; a columns type TEXT does that for one
**        column, INTEGER reads any integer that fits 64 bits (also with
**        leading zeros or 19 digits) and integral reals as INTEGER, REAL
**        reads numbers as REAL; text that is not a number stays TEXT.
**   C-6  dateformat: a column whose non-empty sampled cells all match the
**        format is delivered as ISO 8601 UTC (2025-03-01T14:03:00Z, a
**        fraction only when the text had one). A later cell of that column
**        that does not match is delivered as its original text.
**   C-7  Hidden columns _file (the path as matched) and _line (the
**        physical line where the record starts, 1-based).
**   C-8  Errors while reading name file and line: "kpi_csv: f.csv:12:
**        unterminated quoted field", "... record has 5 fields, more than
**        the 4 columns" (trailing empty fields are allowed), "... invalid
**        UTF-8", "... record longer than 16 MiB", "... record has more than
**        N fields" (N = SQLITE_LIMIT_COLUMN).
**   C-9  The table is SQLITE_VTAB_DIRECTONLY, and it reads only the cells
**        of the columns a query asks for; count(*) converts no cell.
**   C-10 kpi_csv_sniff(filename) has one row per column of the file (the
**        first match of a glob) with what the default options decide.
*/
#include <ctype.h>
#include <errno.h>
#include <glob.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "csvparse.h"
#include "kpi.h"
#include "tsparse.h"

#define CSVTAB_SAMPLE_ROWS 200 /* records sniffed after the header */
#define CSVTAB_FIRST_VALUES 3  /* values kpi_csv_sniff shows */

/* Column types of the columns option. */
#define CT_AUTO 0
#define CT_TEXT 1
#define CT_INTEGER 2
#define CT_REAL 3

/* ------------------------------------------------------------ allocator */

static void *csvtab_realloc(void *p, size_t n) {
  return sqlite3_realloc64(p, (sqlite3_uint64)n);
}
static void csvtab_free(void *p) {
  sqlite3_free(p);
}
static const CsvAlloc csvtabAlloc = {csvtab_realloc, csvtab_free};

/* -------------------------------------------------------------- options */

typedef struct CsvOpts CsvOpts;
struct CsvOpts {
  char *zFilename;
  int eHeader; /* -1 auto, 0 no, 1 yes */
  int nHeaderRows;
  int cDelim;   /* -1 auto */
  int cQuote;   /* -1 none */
  int eDecimal; /* -1 auto, '.' or ',' */
  int eEnc;     /* CSV_ENC_* */
  char *zDateFmt;
  char *zColumns;
  int typesText;
};

static void csvtab_opts_clear(CsvOpts *o) {
  sqlite3_free(o->zFilename);
  sqlite3_free(o->zDateFmt);
  sqlite3_free(o->zColumns);
  memset(o, 0, sizeof(*o));
}

static void csvtab_opts_default(CsvOpts *o) {
  memset(o, 0, sizeof(*o));
  o->eHeader = -1;
  o->cDelim = -1;
  o->cQuote = '"';
  o->eDecimal = -1;
  o->eEnc = CSV_ENC_AUTO;
}

static int csvtab_is_blank(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* A copy of z[0..n) without its quotes ('x' or "x", doubled quotes). */
static char *csvtab_dequote(const char *z, int n) {
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

static int csvtab_word(const char *z, const char *zWord) {
  return sqlite3_stricmp(z, zWord) == 0;
}

/* Parses one "key=value" argument into o. */
static int csvtab_opt(CsvOpts *o, const char *zArg, unsigned *pSeen,
                      char **pzErr) {
  static const char *const azKey[] = {
      "filename", "header",   "header_rows", "delimiter", "quote",
      "decimal",  "encoding", "dateformat",  "columns",   "types"};
  const char *zEq = strchr(zArg, '=');
  int nKey, k, rc = SQLITE_OK;
  const char *zV;
  char *zVal = 0;
  char *zKey;
  int nV;
  if (zEq == 0) {
    *pzErr =
        sqlite3_mprintf("kpi_csv: option '%s' needs a value (key=value)", zArg);
    return SQLITE_ERROR;
  }
  nKey = (int)(zEq - zArg);
  while (nKey > 0 && csvtab_is_blank(zArg[nKey - 1]))
    nKey--;
  while (nKey > 0 && csvtab_is_blank(*zArg)) {
    zArg++;
    nKey--;
  }
  zKey = sqlite3_mprintf("%.*s", nKey, zArg);
  if (zKey == 0) return SQLITE_NOMEM;
  for (k = 0; k < (int)(sizeof(azKey) / sizeof(azKey[0])); k++) {
    if (csvtab_word(zKey, azKey[k])) break;
  }
  if (k == (int)(sizeof(azKey) / sizeof(azKey[0]))) {
    *pzErr = sqlite3_mprintf("kpi_csv: unknown option '%s'", zKey);
    sqlite3_free(zKey);
    return SQLITE_ERROR;
  }
  if (*pSeen & (1u << k)) {
    *pzErr = sqlite3_mprintf("kpi_csv: option '%s' given twice", azKey[k]);
    sqlite3_free(zKey);
    return SQLITE_ERROR;
  }
  sqlite3_free(zKey);
  *pSeen |= 1u << k;
  zV = zEq + 1;
  nV = (int)strlen(zV);
  while (nV > 0 && csvtab_is_blank(*zV)) {
    zV++;
    nV--;
  }
  while (nV > 0 && csvtab_is_blank(zV[nV - 1]))
    nV--;
  zVal = csvtab_dequote(zV, nV);
  if (zVal == 0) return SQLITE_NOMEM;
#define BAD(zChoices)                                                        \
  do {                                                                       \
    *pzErr = sqlite3_mprintf("kpi_csv: bad value '%s' for option '%s' (%s)", \
                             zVal, azKey[k], zChoices);                      \
    rc = SQLITE_ERROR;                                                       \
  } while (0)
  switch (k) {
    case 0:
      if (zVal[0] == 0) {
        BAD("a path or a glob");
      } else {
        o->zFilename = zVal;
        zVal = 0;
      }
      break;
    case 1:
      if (csvtab_word(zVal, "auto")) {
        o->eHeader = -1;
      } else if (csvtab_word(zVal, "yes") || csvtab_word(zVal, "true") ||
                 csvtab_word(zVal, "1")) {
        o->eHeader = 1;
      } else if (csvtab_word(zVal, "no") || csvtab_word(zVal, "false") ||
                 csvtab_word(zVal, "0")) {
        o->eHeader = 0;
      } else {
        BAD("auto, yes, no");
      }
      break;
    case 2: {
      char *zEnd = 0;
      long v = strtol(zVal, &zEnd, 10);
      if (zVal[0] < '0' || zVal[0] > '9' || *zEnd || v > 1000) {
        BAD("a whole number from 0 to 1000");
      } else {
        o->nHeaderRows = (int)v;
      }
      break;
    }
    case 3:
      if (csvtab_word(zVal, "auto")) {
        o->cDelim = -1;
      } else if (csvtab_word(zVal, "tab") || strcmp(zVal, "\\t") == 0 ||
                 strcmp(zVal, "\t") == 0) {
        o->cDelim = '\t';
      } else if (strlen(zVal) == 1 && (unsigned char)zVal[0] < 0x80 &&
                 zVal[0] != '\n' && zVal[0] != '\r' && zVal[0] != '"') {
        o->cDelim = (unsigned char)zVal[0];
      } else {
        BAD("auto, tab or one ASCII character");
      }
      break;
    case 4:
      if (zVal[0] == 0 || csvtab_word(zVal, "none")) {
        o->cQuote = -1;
      } else if (strlen(zVal) == 1 && (unsigned char)zVal[0] < 0x80 &&
                 zVal[0] != '\n' && zVal[0] != '\r') {
        o->cQuote = (unsigned char)zVal[0];
      } else {
        BAD("one ASCII character or none");
      }
      break;
    case 5:
      if (csvtab_word(zVal, "auto")) {
        o->eDecimal = -1;
      } else if (strcmp(zVal, ".") == 0 || strcmp(zVal, ",") == 0) {
        o->eDecimal = (unsigned char)zVal[0];
      } else {
        BAD("auto, . or ,");
      }
      break;
    case 6:
      if (csvtab_word(zVal, "auto")) {
        o->eEnc = CSV_ENC_AUTO;
      } else if (csvtab_word(zVal, "utf8") || csvtab_word(zVal, "utf-8")) {
        o->eEnc = CSV_ENC_UTF8;
      } else if (csvtab_word(zVal, "utf16") || csvtab_word(zVal, "utf-16")) {
        o->eEnc = CSV_ENC_UTF16;
      } else if (csvtab_word(zVal, "utf16le") ||
                 csvtab_word(zVal, "utf-16le")) {
        o->eEnc = CSV_ENC_UTF16LE;
      } else if (csvtab_word(zVal, "utf16be") ||
                 csvtab_word(zVal, "utf-16be")) {
        o->eEnc = CSV_ENC_UTF16BE;
      } else if (csvtab_word(zVal, "latin1") ||
                 csvtab_word(zVal, "iso-8859-1")) {
        o->eEnc = CSV_ENC_LATIN1;
      } else if (csvtab_word(zVal, "cp1252") ||
                 csvtab_word(zVal, "windows-1252")) {
        o->eEnc = CSV_ENC_CP1252;
      } else {
        BAD("auto, utf8, utf16, latin1, cp1252");
      }
      break;
    case 7: {
      int iBad = 0;
      if (zVal[0] == 0 || ts_fmt_check(zVal, -1, &iBad) != TS_OK) {
        *pzErr = sqlite3_mprintf(
            "kpi_csv: bad value '%s' for option 'dateformat' (unknown "
            "directive at offset %d)",
            zVal, iBad);
        rc = SQLITE_ERROR;
      } else {
        o->zDateFmt = zVal;
        zVal = 0;
      }
      break;
    }
    case 8:
      o->zColumns = zVal;
      zVal = 0;
      break;
    default:
      if (csvtab_word(zVal, "auto")) {
        o->typesText = 0;
      } else if (csvtab_word(zVal, "text")) {
        o->typesText = 1;
      } else {
        BAD("auto, text");
      }
      break;
  }
#undef BAD
  sqlite3_free(zVal);
  return rc;
}

/* ---------------------------------------------------------- cell typing */

static int csvtab_digit(char c) {
  return c >= '0' && c <= '9';
}

/*
** C-5: the type of a cell under the auto rules: SQLITE_NULL, SQLITE_TEXT,
** SQLITE_INTEGER (*pI) or SQLITE_FLOAT (*pR). cDec is the decimal mark.
** With anyInt, integers with leading zeros, a '+' or 19 digits that fit
** 64 bits are INTEGER too (columns type INTEGER).
*/
static int csvtab_type(const char *z, int n, char cDec, int anyInt,
                       sqlite3_int64 *pI, double *pR) {
  int i = 0, e = n, k, ds, nInt, nFrac = 0, hasPoint = 0, hasExp = 0;
  int pct = 0, plus = 0, neg = 0;
  char c;
  while (i < e && csvtab_is_blank(z[i]))
    i++;
  while (e > i && csvtab_is_blank(z[e - 1]))
    e--;
  if (i == e) return SQLITE_NULL;
  c = z[i];
  if (!csvtab_digit(c) && c != '-' && c != '+' && c != cDec) {
    return SQLITE_TEXT;
  }
  if (z[e - 1] == '%') {
    pct = 1;
    e--;
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
        break;
      }
    }
  }
  k = i;
  if (z[k] == '-' || z[k] == '+') {
    neg = z[k] == '-';
    plus = z[k] == '+';
    k++;
  }
  ds = k;
  while (k < e && csvtab_digit(z[k]))
    k++;
  nInt = k - ds;
  if (k < e && z[k] == cDec) {
    hasPoint = 1;
    k++;
    while (k < e && csvtab_digit(z[k])) {
      k++;
      nFrac++;
    }
  }
  if (nInt + nFrac == 0) return SQLITE_TEXT;
  if (k < e && (z[k] == 'e' || z[k] == 'E')) {
    int k2 = k + 1, nExp = 0;
    if (k2 < e && (z[k2] == '-' || z[k2] == '+')) k2++;
    while (k2 < e && csvtab_digit(z[k2])) {
      k2++;
      nExp++;
    }
    if (nExp == 0) return SQLITE_TEXT;
    hasExp = 1;
    k = k2;
  }
  if (k != e) return SQLITE_TEXT;
  if (!hasPoint && !hasExp && !pct) {
    sqlite3_int64 v = 0;
    int j;
    if (!anyInt && (plus || nInt > 18 || (nInt > 1 && z[ds] == '0'))) {
      return SQLITE_TEXT;
    }
    if (nInt <= 18) {
      for (j = ds; j < e; j++)
        v = v * 10 + (z[j] - '0');
      *pI = neg ? -v : v;
      return SQLITE_INTEGER;
    } else {
      KpiNum num;
      if (kpi_parse_num(z + i, e - i, &num) && num.isInt) {
        *pI = num.i;
        return SQLITE_INTEGER;
      }
      return SQLITE_TEXT;
    }
  }
  {
    /* Copy with '.' as the point; a percent becomes e-2 when it has no
       exponent, so that the fraction is correctly rounded too. */
    char aBuf[96];
    int nb = e - i, j;
    KpiNum num;
    if (nb > (int)sizeof(aBuf) - 4) return SQLITE_TEXT;
    for (j = 0; j < nb; j++) {
      char ch = z[i + j];
      aBuf[j] = ch == cDec ? '.' : ch;
    }
    if (pct && !hasExp) {
      aBuf[nb++] = 'e';
      aBuf[nb++] = '-';
      aBuf[nb++] = '2';
    }
    if (!kpi_parse_num(aBuf, nb, &num)) return SQLITE_TEXT;
    *pR = num.r;
    if (pct && hasExp) *pR /= 100.0;
    if (!isfinite(*pR)) return SQLITE_TEXT;
    return SQLITE_FLOAT;
  }
}

/* -------------------------------------------------------- column names */

/* The ASCII folding of a code point in U+00C0..U+017F, or 0. */
static const char *csvtab_fold_cp(unsigned cp) {
  static const char *const aLatin1[64] = {
      "a", "a", "a", "a", "a", "a", "ae", "c",  /* C0 */
      "e", "e", "e", "e", "i", "i", "i",  "i",  /* C8 */
      "d", "n", "o", "o", "o", "o", "o",  0,    /* D0, D7 is x */
      "o", "u", "u", "u", "u", "y", "th", "ss", /* D8 */
      "a", "a", "a", "a", "a", "a", "ae", "c",  /* E0 */
      "e", "e", "e", "e", "i", "i", "i",  "i",  /* E8 */
      "d", "n", "o", "o", "o", "o", "o",  0,    /* F0, F7 is / */
      "o", "u", "u", "u", "u", "y", "th", "y"}; /* F8 */
  if (cp >= 0xC0 && cp <= 0xFF) return aLatin1[cp - 0xC0];
  switch (cp) {
    case 0x152:
    case 0x153:
      return "oe";
    case 0x160:
    case 0x161:
      return "s";
    case 0x17D:
    case 0x17E:
      return "z";
    case 0x178:
      return "y";
    case 0x141:
    case 0x142:
      return "l";
    case 0x106:
    case 0x107:
    case 0x10C:
    case 0x10D:
      return "c";
    case 0x11A:
    case 0x11B:
    case 0x118:
    case 0x119:
      return "e";
    case 0x158:
    case 0x159:
      return "r";
    case 0x143:
    case 0x144:
    case 0x147:
    case 0x148:
      return "n";
    case 0x15A:
    case 0x15B:
    case 0x15E:
    case 0x15F:
      return "s";
    case 0x16E:
    case 0x16F:
      return "u";
    case 0x131:
      return "i";
    case 0x11E:
    case 0x11F:
      return "g";
    default:
      return 0;
  }
}

/* C-4: snake_case ASCII of z[0..n); "" when nothing is left. */
static char *csvtab_snake(const char *z, int n) {
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
      zFold = csvtab_fold_cp(cp);
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

/* Index of zName in az[0..n), or -1. */
static int csvtab_find_name(char **az, int n, const char *zName) {
  int i;
  for (i = 0; i < n; i++) {
    if (strcmp(az[i], zName) == 0) return i;
  }
  return -1;
}

/*
** The C-4 names of n header cells (azHead may be 0: no header) in a new
** array of nName names, each malloced.
*/
static int csvtab_names(char **azHead, int nHead, int nName, char ***pazName) {
  char **az = sqlite3_malloc64(sizeof(char *) * (sqlite3_uint64)(nName + 1));
  int i;
  *pazName = 0;
  if (az == 0) return SQLITE_NOMEM;
  memset(az, 0, sizeof(char *) * (size_t)(nName + 1));
  for (i = 0; i < nName; i++) {
    char *z = 0;
    if (i < nHead && azHead) {
      z = csvtab_snake(azHead[i], (int)strlen(azHead[i]));
      if (z && z[0] == 0) {
        sqlite3_free(z);
        z = 0;
      } else if (z == 0) {
        goto nomem;
      }
    }
    if (z == 0) z = sqlite3_mprintf("column_%d", i + 1);
    if (z == 0) goto nomem;
    if (csvtab_find_name(az, i, z) >= 0) {
      int k;
      char *zTry = 0;
      for (k = 2;; k++) {
        zTry = sqlite3_mprintf("%s_%d", z, k);
        if (zTry == 0 || csvtab_find_name(az, i, zTry) < 0) break;
        sqlite3_free(zTry);
      }
      sqlite3_free(z);
      if (zTry == 0) goto nomem;
      z = zTry;
    }
    az[i] = z;
  }
  *pazName = az;
  return SQLITE_OK;
nomem:
  for (i = 0; i < nName; i++)
    sqlite3_free(az[i]);
  sqlite3_free(az);
  return SQLITE_NOMEM;
}

static void csvtab_free_strings(char **az, int n) {
  int i;
  if (az == 0) return;
  for (i = 0; i < n; i++)
    sqlite3_free(az[i]);
  sqlite3_free(az);
}

/* ------------------------------------------------------------- sniffing */

/* What sniffing one file decided (C-3), and its sample. */
typedef struct CsvInfo CsvInfo;
struct CsvInfo {
  int eEnc, hadBom, isGzip;
  int cDelim, eEol;
  int crlf; /* the first line ends in CRLF (kpi_csv_sniff shows it) */
  char cDec;
  int hasHeader;
  int nField;    /* columns of this file */
  char **azName; /* nField C-4 names */
  char **azHead; /* the first record's cells (nHead), if a header */
  int nHead;
  int nRow;       /* sampled data records */
  char ***aazRow; /* their cells: aazRow[r][c], c < anRow[r] */
  int *anRow;
  unsigned char *aFieldDate; /* nField flags: a dateformat column (C-6) */
};

static void csvtab_info_clear(CsvInfo *p) {
  int r;
  csvtab_free_strings(p->azName, p->nField);
  sqlite3_free(p->azHead);
  for (r = 0; p->aazRow && p->anRow && r < p->nRow; r++) {
    sqlite3_free(p->aazRow[r]);
  }
  sqlite3_free(p->aazRow);
  sqlite3_free(p->anRow);
  sqlite3_free(p->aFieldDate);
  memset(p, 0, sizeof(*p));
}

/*
** The cells of the reader's current record, copied into one allocation
** (the pointers, then the NUL-terminated texts): free it with
** sqlite3_free.
*/
static char **csvtab_copy_record(CsvReader *pR, int *pn) {
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

/* "kpi_csv: path:line: msg" for a reader error. */
static char *csvtab_read_error(const char *zPath, CsvReader *pR, int rc) {
  if (rc == CSV_ENOMEM) return 0;
  if (rc == CSV_EIO) {
    return sqlite3_mprintf("kpi_csv: %s: %s", zPath, csv_errmsg(pR));
  }
  return sqlite3_mprintf("kpi_csv: %s:%lld: %s", zPath, csv_line(pR),
                         csv_errmsg(pR));
}

/* Opens zPath with the encoding of o; sets *pzErr on failure. */
static int csvtab_open(const char *zPath, int eEnc, CsvReader **ppR,
                       char **pzErr) {
  int rc = csv_open_file(ppR, zPath, eEnc, &csvtabAlloc);
  if (rc == CSV_OK) return SQLITE_OK;
  if (rc == CSV_ENOMEM) return SQLITE_NOMEM;
  if (rc == CSV_EOPEN) {
    *pzErr = sqlite3_mprintf("kpi_csv: cannot open '%s': %s", zPath,
                             strerror(errno));
  } else {
    *pzErr = sqlite3_mprintf("kpi_csv: %s: %s", zPath, csv_errmsg(*ppR));
    csv_close(*ppR);
    *ppR = 0;
  }
  return *pzErr ? SQLITE_ERROR : SQLITE_NOMEM;
}

/* 1 when z starts like a yyyy-mm-dd date. */
static int csvtab_looks_dated(const char *z) {
  int i;
  for (i = 0; i < 4; i++) {
    if (!csvtab_digit(z[i])) return 0;
  }
  return (z[4] == '-' || z[4] == '/') && csvtab_digit(z[5]) &&
         csvtab_digit(z[6]);
}

/*
** Sniffs zPath (C-3) and reads its header and sample into *pInfo. nMax is
** the column limit.
*/
static int csvtab_sniff_file(const CsvOpts *o, const char *zPath, int nMax,
                             CsvInfo *pInfo, char **pzErr) {
  CsvReader *pR = 0;
  const char *zS;
  size_t nS;
  int complete, rc, r, i, nMost = 0;
  char **azFirst = 0;
  int nFirst = 0, sawFirst = 0;
  memset(pInfo, 0, sizeof(*pInfo));
  rc = csvtab_open(zPath, o->eEnc, &pR, pzErr);
  if (rc != SQLITE_OK) return rc;
  pInfo->eEnc = csv_encoding(pR);
  pInfo->hadBom = csv_had_bom(pR);
  pInfo->isGzip = csv_is_gzip(pR);
  csv_sample(pR, &zS, &nS, &complete);
  pInfo->eEol = csv_sniff_eol(zS, nS);
  {
    const char *zLf = memchr(zS, '\n', nS);
    pInfo->crlf = zLf && zLf > zS && zLf[-1] == '\r';
  }
  pInfo->cDelim = o->cDelim >= 0
                      ? o->cDelim
                      : csv_sniff_delim(zS, nS, o->cQuote, pInfo->eEol,
                                        complete, &csvtabAlloc);
  if (pInfo->cDelim < 0) goto nomem;
  csv_dialect(pR, pInfo->cDelim, o->cQuote, pInfo->eEol);
  csv_limit(pR, nMax);
  pInfo->aazRow = sqlite3_malloc64(sizeof(char **) * (CSVTAB_SAMPLE_ROWS + 1));
  pInfo->anRow = sqlite3_malloc64(sizeof(int) * (CSVTAB_SAMPLE_ROWS + 1));
  if (pInfo->aazRow == 0 || pInfo->anRow == 0) goto nomem;
  /* The first record, the description rows, then the sample. Without a
     header (header=no), the description rows come first. */
  rc = CSV_ROW;
  for (r = 0; o->eHeader == 0 && r < o->nHeaderRows && rc == CSV_ROW; r++) {
    rc = csv_next(pR);
  }
  if (rc == CSV_ROW) rc = csv_next(pR);
  if (rc == CSV_ROW) {
    sawFirst = 1;
    azFirst = csvtab_copy_record(pR, &nFirst);
    if (azFirst == 0) goto nomem;
    nMost = nFirst;
    for (r = 0; o->eHeader != 0 && r < o->nHeaderRows && rc == CSV_ROW; r++) {
      rc = csv_next(pR);
    }
    while (rc == CSV_ROW && pInfo->nRow < CSVTAB_SAMPLE_ROWS) {
      rc = csv_next(pR);
      if (rc != CSV_ROW) break;
      pInfo->aazRow[pInfo->nRow] =
          csvtab_copy_record(pR, &pInfo->anRow[pInfo->nRow]);
      if (pInfo->aazRow[pInfo->nRow] == 0) goto nomem;
      if (pInfo->anRow[pInfo->nRow] > nMost) nMost = pInfo->anRow[pInfo->nRow];
      pInfo->nRow++;
    }
  }
  /* A bad record after the first one stops the sample quietly: the scan
     reports it with its line, and the records before it stay readable. */
  if (rc != CSV_ROW && rc != CSV_DONE && (!sawFirst || rc == CSV_ENOMEM)) {
    *pzErr = csvtab_read_error(zPath, pR, rc);
    rc = *pzErr ? SQLITE_ERROR : SQLITE_NOMEM;
    goto done;
  }
  /* Decimal mark. */
  if (o->eDecimal > 0) {
    pInfo->cDec = (char)o->eDecimal;
  } else {
    int nComma = 0, nPoint = 0;
    pInfo->cDec = '.';
    if (pInfo->cDelim != ',') {
      for (r = 0; r < pInfo->nRow; r++) {
        for (i = 0; i < pInfo->anRow[r]; i++) {
          const char *z = pInfo->aazRow[r][i];
          sqlite3_int64 v;
          double d;
          int n = (int)strlen(z);
          if (strchr(z, ',') &&
              csvtab_type(z, n, ',', 0, &v, &d) == SQLITE_FLOAT) {
            nComma++;
          }
          if (strchr(z, '.') &&
              csvtab_type(z, n, '.', 0, &v, &d) == SQLITE_FLOAT) {
            nPoint++;
          }
        }
      }
      if (nComma > 0 && nPoint == 0) pInfo->cDec = ',';
    }
  }
  /* Header. */
  if (o->eHeader >= 0) {
    pInfo->hasHeader = o->eHeader && sawFirst;
  } else {
    pInfo->hasHeader = sawFirst;
    for (i = 0; i < nFirst && pInfo->hasHeader; i++) {
      sqlite3_int64 v;
      double d;
      int t = csvtab_type(azFirst[i], (int)strlen(azFirst[i]), pInfo->cDec, 0,
                          &v, &d);
      if (t == SQLITE_INTEGER || t == SQLITE_FLOAT ||
          csvtab_looks_dated(azFirst[i])) {
        pInfo->hasHeader = 0;
      }
    }
  }
  if (pInfo->hasHeader) {
    pInfo->azHead = azFirst;
    pInfo->nHead = nFirst;
    pInfo->nField = nFirst;
    azFirst = 0;
  } else if (sawFirst && (o->eHeader == 0 || o->nHeaderRows == 0)) {
    /* The first record is data: it joins the sample at the front. (When
       auto decided there is no header, the description rows were skipped
       after it, and the scan skips them from the start: the sample then
       goes without it.) */
    if (pInfo->nRow == CSVTAB_SAMPLE_ROWS) {
      pInfo->nRow--;
      sqlite3_free(pInfo->aazRow[pInfo->nRow]);
    }
    memmove(pInfo->aazRow + 1, pInfo->aazRow, sizeof(char **) * pInfo->nRow);
    memmove(pInfo->anRow + 1, pInfo->anRow, sizeof(int) * pInfo->nRow);
    pInfo->aazRow[0] = azFirst;
    pInfo->anRow[0] = nFirst;
    pInfo->nRow++;
    azFirst = 0;
    pInfo->nField = nMost;
  } else if (sawFirst) {
    pInfo->nField = nMost;
  }
  rc = csvtab_names(pInfo->azHead, pInfo->nHead, pInfo->nField, &pInfo->azName);
  goto done;
nomem:
  rc = SQLITE_NOMEM;
done:
  sqlite3_free(azFirst);
  csv_close(pR);
  if (rc != SQLITE_OK) csvtab_info_clear(pInfo);
  return rc;
}

/* ------------------------------------------------------------ kpi_csv */

/* One file of the table and how to read it. */
typedef struct CsvFile CsvFile;
struct CsvFile {
  char *zPath;
  int eEnc, cDelim, eEol, hasHeader, nField;
  char cDec;
  int *aMap;            /* table column -> cell index, or -1 */
  unsigned char *aDate; /* table column -> 1 when delivered as a date */
};

typedef struct CsvTable CsvTable;
struct CsvTable {
  sqlite3_vtab base;
  CsvOpts o;
  int nMax; /* SQLITE_LIMIT_COLUMN */
  int nFile;
  CsvFile *aFile;
  int nCol; /* visible columns; _file and _line follow */
  char **azCol;
  int *aType; /* CT_* per column */
};

typedef struct CsvCursor CsvCursor;
struct CsvCursor {
  sqlite3_vtab_cursor base;
  CsvReader *pR;
  int iFile;
  sqlite3_int64 iRowid;
  int eof;
};

static void csvtab_free_table(CsvTable *p) {
  int i;
  if (p == 0) return;
  for (i = 0; i < p->nFile; i++) {
    sqlite3_free(p->aFile[i].zPath);
    sqlite3_free(p->aFile[i].aMap);
    sqlite3_free(p->aFile[i].aDate);
  }
  sqlite3_free(p->aFile);
  csvtab_free_strings(p->azCol, p->nCol);
  sqlite3_free(p->aType);
  csvtab_opts_clear(&p->o);
  sqlite3_free(p);
}

static int csvtab_has_glob(const char *z) {
  return strpbrk(z, "*?[") != 0;
}

static int csvtab_cmp(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* C-2: the files of the filename option, in name order. */
static int csvtab_expand(const char *zPattern, char ***pazPath, int *pn,
                         char **pzErr) {
  char **az;
  int i, n;
  glob_t g;
  *pazPath = 0;
  *pn = 0;
  if (!csvtab_has_glob(zPattern)) {
    az = sqlite3_malloc64(sizeof(char *));
    if (az == 0) return SQLITE_NOMEM;
    az[0] = sqlite3_mprintf("%s", zPattern);
    if (az[0] == 0) {
      sqlite3_free(az);
      return SQLITE_NOMEM;
    }
    *pazPath = az;
    *pn = 1;
    return SQLITE_OK;
  }
  memset(&g, 0, sizeof(g));
  i = glob(zPattern, GLOB_NOSORT, 0, &g);
  if (i == GLOB_NOMATCH || (i == 0 && g.gl_pathc == 0)) {
    globfree(&g);
    *pzErr = sqlite3_mprintf("kpi_csv: no file matches '%s'", zPattern);
    return SQLITE_ERROR;
  }
  if (i != 0) {
    globfree(&g);
    if (i == GLOB_NOSPACE) return SQLITE_NOMEM;
    *pzErr =
        sqlite3_mprintf("kpi_csv: cannot read the files of '%s'", zPattern);
    return SQLITE_ERROR;
  }
  n = (int)g.gl_pathc;
  az = sqlite3_malloc64(sizeof(char *) * (sqlite3_uint64)n);
  if (az == 0) {
    globfree(&g);
    return SQLITE_NOMEM;
  }
  for (i = 0; i < n; i++) {
    az[i] = sqlite3_mprintf("%s", g.gl_pathv[i]);
    if (az[i] == 0) {
      csvtab_free_strings(az, i);
      globfree(&g);
      return SQLITE_NOMEM;
    }
  }
  globfree(&g);
  qsort(az, (size_t)n, sizeof(char *), csvtab_cmp);
  *pazPath = az;
  *pn = n;
  return SQLITE_OK;
}

/* Parses the columns option: names and types, by position. */
static int csvtab_parse_columns(CsvTable *p, char **pzErr) {
  const char *z = p->o.zColumns;
  int nAlloc = 8;
  p->azCol = sqlite3_malloc64(sizeof(char *) * (sqlite3_uint64)nAlloc);
  p->aType = sqlite3_malloc64(sizeof(int) * (sqlite3_uint64)nAlloc);
  if (p->azCol == 0 || p->aType == 0) return SQLITE_NOMEM;
  p->nCol = 0;
  for (;;) {
    const char *zEnd = strchr(z, ',');
    int n = zEnd ? (int)(zEnd - z) : (int)strlen(z);
    int a = 0, b, t = CT_AUTO;
    char *zName;
    while (a < n && csvtab_is_blank(z[a]))
      a++;
    b = a;
    while (b < n && !csvtab_is_blank(z[b]))
      b++;
    if (b == a) {
      *pzErr = sqlite3_mprintf(
          "kpi_csv: bad value '%s' for option 'columns' (name [type], ...)",
          p->o.zColumns);
      return SQLITE_ERROR;
    }
    {
      int c = b, d;
      while (c < n && csvtab_is_blank(z[c]))
        c++;
      d = n;
      while (d > c && csvtab_is_blank(z[d - 1]))
        d--;
      if (d > c) {
        if (d - c == 4 && sqlite3_strnicmp(z + c, "text", 4) == 0) {
          t = CT_TEXT;
        } else if ((d - c == 7 && sqlite3_strnicmp(z + c, "integer", 7) == 0) ||
                   (d - c == 3 && sqlite3_strnicmp(z + c, "int", 3) == 0)) {
          t = CT_INTEGER;
        } else if (d - c == 4 && sqlite3_strnicmp(z + c, "real", 4) == 0) {
          t = CT_REAL;
        } else {
          *pzErr = sqlite3_mprintf(
              "kpi_csv: bad type '%.*s' in option 'columns' (text, "
              "integer, real or none)",
              d - c, z + c);
          return SQLITE_ERROR;
        }
      }
    }
    zName = sqlite3_mprintf("%.*s", b - a, z + a);
    if (zName == 0) return SQLITE_NOMEM;
    if (csvtab_find_name(p->azCol, p->nCol, zName) >= 0) {
      *pzErr = sqlite3_mprintf(
          "kpi_csv: column '%s' appears twice in option 'columns'", zName);
      sqlite3_free(zName);
      return SQLITE_ERROR;
    }
    if (p->nCol == nAlloc) {
      char **azNew;
      int *aNew;
      nAlloc *= 2;
      azNew = sqlite3_realloc64(p->azCol, sizeof(char *) * (size_t)nAlloc);
      if (azNew == 0) {
        sqlite3_free(zName);
        return SQLITE_NOMEM;
      }
      p->azCol = azNew;
      aNew = sqlite3_realloc64(p->aType, sizeof(int) * (size_t)nAlloc);
      if (aNew == 0) {
        sqlite3_free(zName);
        return SQLITE_NOMEM;
      }
      p->aType = aNew;
    }
    p->azCol[p->nCol] = zName;
    p->aType[p->nCol] = t;
    p->nCol++;
    if (zEnd == 0) break;
    z = zEnd + 1;
  }
  return SQLITE_OK;
}

/* Adds the names of one file to the table's union (C-4). */
static int csvtab_union(CsvTable *p, CsvFile *f, const CsvInfo *pInfo) {
  int i;
  for (i = 0; i < pInfo->nField; i++) {
    int k = csvtab_find_name(p->azCol, p->nCol, pInfo->azName[i]);
    if (k < 0) {
      char **azNew =
          sqlite3_realloc64(p->azCol, sizeof(char *) * (size_t)(p->nCol + 1));
      int *aNew;
      if (azNew == 0) return SQLITE_NOMEM;
      p->azCol = azNew;
      aNew = sqlite3_realloc64(p->aType, sizeof(int) * (size_t)(p->nCol + 1));
      if (aNew == 0) return SQLITE_NOMEM;
      p->aType = aNew;
      p->azCol[p->nCol] = sqlite3_mprintf("%s", pInfo->azName[i]);
      if (p->azCol[p->nCol] == 0) return SQLITE_NOMEM;
      p->aType[p->nCol] = CT_AUTO;
      p->nCol++;
    }
  }
  (void)f;
  return SQLITE_OK;
}

/* C-6: 1 when every non-empty sampled cell of field iField matches. */
static int csvtab_is_date_column(const CsvInfo *pInfo, int iField,
                                 const char *zFmt) {
  int r, nSeen = 0;
  for (r = 0; r < pInfo->nRow; r++) {
    TsTime t;
    const char *z;
    int n, k = 0;
    if (iField >= pInfo->anRow[r]) continue;
    z = pInfo->aazRow[r][iField];
    n = (int)strlen(z);
    while (k < n && csvtab_is_blank(z[k]))
      k++;
    if (k == n) continue;
    if (ts_parse_fmt(z, n, zFmt, -1, &t, 0) != TS_OK) return 0;
    nSeen++;
  }
  return nSeen > 0;
}

/*
** Decides the file's date columns from its sample, then frees the sample:
** a glob of many files keeps only their names until the table is made.
*/
static int csvtab_settle(const CsvOpts *o, CsvInfo *pInfo) {
  int k, r;
  if (o->zDateFmt && pInfo->nField > 0) {
    pInfo->aFieldDate = sqlite3_malloc64((sqlite3_uint64)pInfo->nField);
    if (pInfo->aFieldDate == 0) return SQLITE_NOMEM;
    for (k = 0; k < pInfo->nField; k++) {
      pInfo->aFieldDate[k] =
          (unsigned char)csvtab_is_date_column(pInfo, k, o->zDateFmt);
    }
  }
  for (r = 0; r < pInfo->nRow; r++) {
    sqlite3_free(pInfo->aazRow[r]);
  }
  sqlite3_free(pInfo->aazRow);
  sqlite3_free(pInfo->anRow);
  sqlite3_free(pInfo->azHead);
  pInfo->aazRow = 0;
  pInfo->anRow = 0;
  pInfo->azHead = 0;
  pInfo->nRow = 0;
  pInfo->nHead = 0;
  return SQLITE_OK;
}

/* Fills f->aMap and f->aDate once the table's columns are known. */
static int csvtab_map(CsvTable *p, CsvFile *f, const CsvInfo *pInfo) {
  int i;
  f->aMap = sqlite3_malloc64(sizeof(int) * (sqlite3_uint64)(p->nCol + 1));
  f->aDate = sqlite3_malloc64((sqlite3_uint64)p->nCol + 1);
  if (f->aMap == 0 || f->aDate == 0) return SQLITE_NOMEM;
  for (i = 0; i < p->nCol; i++) {
    int k;
    if (p->o.zColumns) {
      k = i;
    } else {
      k = csvtab_find_name(pInfo->azName, pInfo->nField, p->azCol[i]);
    }
    f->aMap[i] = k;
    f->aDate[i] =
        (unsigned char)(k >= 0 && k < pInfo->nField && pInfo->aFieldDate &&
                        p->aType[i] != CT_TEXT && pInfo->aFieldDate[k]);
  }
  if (p->o.zColumns) f->nField = p->nCol > f->nField ? p->nCol : f->nField;
  return SQLITE_OK;
}

static int csvtab_connect(sqlite3 *db, void *pAux, int argc,
                          const char *const *argv, sqlite3_vtab **ppVtab,
                          char **pzErr) {
  CsvTable *p;
  char **azPath = 0;
  int nPath = 0, i, rc;
  unsigned seen = 0;
  CsvInfo *aInfo = 0;
  sqlite3_str *pSql = 0;
  char *zSql = 0;
  (void)pAux;
  *ppVtab = 0;
  p = sqlite3_malloc64(sizeof(*p));
  if (p == 0) return SQLITE_NOMEM;
  memset(p, 0, sizeof(*p));
  csvtab_opts_default(&p->o);
  p->nMax = sqlite3_limit(db, SQLITE_LIMIT_COLUMN, -1);
  for (i = 3; i < argc; i++) {
    rc = csvtab_opt(&p->o, argv[i], &seen, pzErr);
    if (rc != SQLITE_OK) goto fail;
  }
  if (p->o.zFilename == 0) {
    *pzErr = sqlite3_mprintf("kpi_csv: option 'filename' is required");
    rc = SQLITE_ERROR;
    goto fail;
  }
  if (p->o.cDelim >= 0 && p->o.cDelim == p->o.cQuote) {
    *pzErr = sqlite3_mprintf(
        "kpi_csv: the delimiter and the quote are both '%c'", p->o.cDelim);
    rc = SQLITE_ERROR;
    goto fail;
  }
  if (p->o.zColumns) {
    rc = csvtab_parse_columns(p, pzErr);
    if (rc != SQLITE_OK) goto fail;
  }
  rc = csvtab_expand(p->o.zFilename, &azPath, &nPath, pzErr);
  if (rc != SQLITE_OK) goto fail;
  /* Zeroed before any exit: the fail path clears every aInfo entry. */
  aInfo = sqlite3_malloc64(sizeof(CsvInfo) * (sqlite3_uint64)nPath);
  if (aInfo) memset(aInfo, 0, sizeof(CsvInfo) * (size_t)nPath);
  p->aFile = sqlite3_malloc64(sizeof(CsvFile) * (sqlite3_uint64)nPath);
  if (p->aFile) memset(p->aFile, 0, sizeof(CsvFile) * (size_t)nPath);
  if (p->aFile == 0 || aInfo == 0) {
    rc = SQLITE_NOMEM;
    goto fail;
  }
  for (i = 0; i < nPath; i++) {
    CsvFile *f = &p->aFile[i];
    CsvInfo *pInfo = &aInfo[i];
    f->zPath = azPath[i];
    azPath[i] = 0;
    p->nFile = i + 1;
    rc = csvtab_sniff_file(&p->o, f->zPath, p->nMax, pInfo, pzErr);
    if (rc != SQLITE_OK) goto fail;
    f->eEnc = pInfo->eEnc;
    f->cDelim = pInfo->cDelim;
    f->eEol = pInfo->eEol;
    f->hasHeader = pInfo->hasHeader;
    f->nField = pInfo->nField;
    f->cDec = pInfo->cDec;
    rc = csvtab_settle(&p->o, pInfo);
    if (rc != SQLITE_OK) goto fail;
    if (p->o.zColumns == 0) {
      rc = csvtab_union(p, f, pInfo);
      if (rc != SQLITE_OK) goto fail;
    }
  }
  if (p->nCol == 0) {
    *pzErr = sqlite3_mprintf("kpi_csv: %s: no columns (empty file)",
                             p->aFile[0].zPath);
    rc = SQLITE_ERROR;
    goto fail;
  }
  if (p->nCol > p->nMax - 2) {
    *pzErr = sqlite3_mprintf("kpi_csv: %d columns, more than the limit of %d",
                             p->nCol, p->nMax - 2);
    rc = SQLITE_ERROR;
    goto fail;
  }
  for (i = 0; i < nPath; i++) {
    rc = csvtab_map(p, &p->aFile[i], &aInfo[i]);
    if (rc != SQLITE_OK) goto fail;
  }
  pSql = sqlite3_str_new(0);
  sqlite3_str_appendall(pSql, "CREATE TABLE x(");
  for (i = 0; i < p->nCol; i++) {
    static const char *const azType[] = {"", " TEXT", " INTEGER", " REAL"};
    sqlite3_str_appendf(pSql, "\"%w\"%s, ", p->azCol[i], azType[p->aType[i]]);
  }
  sqlite3_str_appendall(pSql, "_file TEXT HIDDEN, _line INTEGER HIDDEN)");
  zSql = sqlite3_str_finish(pSql);
  if (zSql == 0) {
    rc = SQLITE_NOMEM;
    goto fail;
  }
  rc = sqlite3_declare_vtab(db, zSql);
  sqlite3_free(zSql);
  if (rc != SQLITE_OK) {
    *pzErr = sqlite3_mprintf("kpi_csv: %s", sqlite3_errmsg(db));
    goto fail;
  }
  rc = sqlite3_vtab_config(db, SQLITE_VTAB_DIRECTONLY);
  if (rc != SQLITE_OK) goto fail;
  for (i = 0; i < nPath; i++)
    csvtab_info_clear(&aInfo[i]);
  sqlite3_free(aInfo);
  sqlite3_free(azPath);
  *ppVtab = &p->base;
  return SQLITE_OK;
fail:
  if (aInfo) {
    for (i = 0; i < nPath; i++)
      csvtab_info_clear(&aInfo[i]);
    sqlite3_free(aInfo);
  }
  csvtab_free_strings(azPath, nPath);
  csvtab_free_table(p);
  return rc;
}

static int csvtab_disconnect(sqlite3_vtab *pVtab) {
  csvtab_free_table((CsvTable *)pVtab);
  return SQLITE_OK;
}

static int csvtab_best_index(sqlite3_vtab *pVtab, sqlite3_index_info *pIdx) {
  (void)pVtab;
  pIdx->estimatedCost = 1000000.0;
  pIdx->estimatedRows = 1000000;
  return SQLITE_OK;
}

static int csvtab_open_cursor(sqlite3_vtab *pVtab,
                              sqlite3_vtab_cursor **ppCur) {
  CsvCursor *c = sqlite3_malloc64(sizeof(*c));
  (void)pVtab;
  if (c == 0) return SQLITE_NOMEM;
  memset(c, 0, sizeof(*c));
  *ppCur = &c->base;
  return SQLITE_OK;
}

static int csvtab_close_cursor(sqlite3_vtab_cursor *pCur) {
  CsvCursor *c = (CsvCursor *)pCur;
  csv_close(c->pR);
  sqlite3_free(c);
  return SQLITE_OK;
}

/* Sets the table's error message; returns SQLITE_ERROR or SQLITE_NOMEM. */
static int csvtab_fail(CsvCursor *c, char *zMsg) {
  CsvTable *t = (CsvTable *)c->base.pVtab;
  sqlite3_free(t->base.zErrMsg);
  t->base.zErrMsg = zMsg;
  return zMsg ? SQLITE_ERROR : SQLITE_NOMEM;
}

/* Opens file c->iFile and skips its header and description rows. */
static int csvtab_start_file(CsvCursor *c) {
  CsvTable *t = (CsvTable *)c->base.pVtab;
  CsvFile *f = &t->aFile[c->iFile];
  char *zErr = 0;
  int rc, r, nSkip;
  csv_close(c->pR);
  c->pR = 0;
  rc = csvtab_open(f->zPath, f->eEnc, &c->pR, &zErr);
  if (rc != SQLITE_OK) return rc == SQLITE_NOMEM ? rc : csvtab_fail(c, zErr);
  csv_dialect(c->pR, f->cDelim, t->o.cQuote, f->eEol);
  csv_limit(c->pR, t->nMax);
  nSkip = f->hasHeader ? 1 + t->o.nHeaderRows : t->o.nHeaderRows;
  for (r = 0; r < nSkip; r++) {
    rc = csv_next(c->pR);
    if (rc == CSV_DONE) break;
    if (rc != CSV_ROW)
      return csvtab_fail(c, csvtab_read_error(f->zPath, c->pR, rc));
  }
  return SQLITE_OK;
}

/* C-8: a record with non-empty fields past the file's columns. */
static int csvtab_check_width(CsvCursor *c, CsvFile *f) {
  int n = csv_ncell(c->pR), last = -1, i;
  for (i = f->nField; i < n; i++) {
    int k;
    csv_cell(c->pR, i, &k);
    if (k > 0) last = i;
  }
  if (last < 0) return SQLITE_OK;
  return csvtab_fail(
      c, sqlite3_mprintf("kpi_csv: %s:%lld: record has %d fields, more than "
                         "the %d columns",
                         f->zPath, csv_line(c->pR), last + 1, f->nField));
}

static int csvtab_next(sqlite3_vtab_cursor *pCur) {
  CsvCursor *c = (CsvCursor *)pCur;
  CsvTable *t = (CsvTable *)c->base.pVtab;
  for (;;) {
    CsvFile *f;
    int rc;
    if (c->pR == 0) {
      if (c->iFile >= t->nFile) {
        c->eof = 1;
        return SQLITE_OK;
      }
      rc = csvtab_start_file(c);
      if (rc != SQLITE_OK) return rc;
    }
    f = &t->aFile[c->iFile];
    rc = csv_next(c->pR);
    if (rc == CSV_ROW) {
      c->iRowid++;
      if (csv_ncell(c->pR) > f->nField) return csvtab_check_width(c, f);
      return SQLITE_OK;
    }
    if (rc != CSV_DONE) {
      return csvtab_fail(c, csvtab_read_error(f->zPath, c->pR, rc));
    }
    csv_close(c->pR);
    c->pR = 0;
    c->iFile++;
  }
}

static int csvtab_filter(sqlite3_vtab_cursor *pCur, int idxNum,
                         const char *idxStr, int argc, sqlite3_value **argv) {
  CsvCursor *c = (CsvCursor *)pCur;
  (void)idxNum;
  (void)idxStr;
  (void)argc;
  (void)argv;
  csv_close(c->pR);
  c->pR = 0;
  c->iFile = 0;
  c->iRowid = 0;
  c->eof = 0;
  return csvtab_next(pCur);
}

static int csvtab_eof(sqlite3_vtab_cursor *pCur) {
  return ((CsvCursor *)pCur)->eof;
}

/*
** A cell as TEXT. z[n] is a NUL (csv_cell_z) and the reader refuses NUL
** bytes inside cells: passing -1 lets SQLite copy the terminator too, so
** that sqlite3_value_text() in the function that reads the value
** (length(), a KPI function) does not grow the copy to add one.
*/
static void csvtab_result_text(sqlite3_context *ctx, const char *z) {
  sqlite3_result_text(ctx, z, -1, SQLITE_TRANSIENT);
}

/* Delivers one cell under C-5 and C-6. */
static void csvtab_result(sqlite3_context *ctx, const char *z, int n, int eType,
                          char cDec, int typesText, const char *zDateFmt) {
  sqlite3_int64 v = 0;
  double d = 0;
  int t, k = 0;
  if (zDateFmt) {
    TsTime tm;
    while (k < n && csvtab_is_blank(z[k]))
      k++;
    if (k == n) return;
    if (ts_parse_fmt(z, n, zDateFmt, -1, &tm, 0) == TS_OK) {
      char aIso[TS_ISO_MAX];
      int nIso = ts_format_iso(&tm, aIso);
      sqlite3_result_text(ctx, aIso, nIso, SQLITE_TRANSIENT);
      return;
    }
    csvtab_result_text(ctx, z);
    return;
  }
  if (typesText || eType == CT_TEXT) {
    while (k < n && csvtab_is_blank(z[k]))
      k++;
    if (k < n) csvtab_result_text(ctx, z);
    return;
  }
  t = csvtab_type(z, n, cDec, eType == CT_INTEGER, &v, &d);
  switch (t) {
    case SQLITE_NULL:
      return;
    case SQLITE_INTEGER:
      if (eType == CT_REAL) {
        sqlite3_result_double(ctx, (double)v);
      } else {
        sqlite3_result_int64(ctx, v);
      }
      return;
    case SQLITE_FLOAT:
      if (eType == CT_INTEGER && d == floor(d) && fabs(d) < 9.2e18) {
        sqlite3_result_int64(ctx, (sqlite3_int64)d);
      } else {
        sqlite3_result_double(ctx, d);
      }
      return;
    default:
      csvtab_result_text(ctx, z);
      return;
  }
}

static int csvtab_column(sqlite3_vtab_cursor *pCur, sqlite3_context *ctx,
                         int i) {
  CsvCursor *c = (CsvCursor *)pCur;
  CsvTable *t = (CsvTable *)c->base.pVtab;
  CsvFile *f = &t->aFile[c->iFile];
  int k, n;
  const char *z;
  if (i >= t->nCol) {
    if (i == t->nCol) {
      sqlite3_result_text(ctx, f->zPath, -1, SQLITE_TRANSIENT);
    } else {
      sqlite3_result_int64(ctx, csv_line(c->pR));
    }
    return SQLITE_OK;
  }
  k = f->aMap[i];
  if (k < 0 || k >= csv_ncell(c->pR)) return SQLITE_OK;
  z = csv_cell_z(c->pR, k, &n);
  csvtab_result(ctx, z, n, t->aType[i], f->cDec, t->o.typesText,
                f->aDate[i] ? t->o.zDateFmt : 0);
  return SQLITE_OK;
}

static int csvtab_rowid(sqlite3_vtab_cursor *pCur, sqlite3_int64 *pRowid) {
  *pRowid = ((CsvCursor *)pCur)->iRowid;
  return SQLITE_OK;
}

static sqlite3_module csvtabModule = {
    0,                   /* iVersion */
    csvtab_connect,      /* xCreate: CREATE VIRTUAL TABLE */
    csvtab_connect,      /* xConnect: the same work */
    csvtab_best_index,   /* xBestIndex: a full scan, always */
    csvtab_disconnect,   /* xDisconnect */
    csvtab_disconnect,   /* xDestroy: nothing stored */
    csvtab_open_cursor,  /* xOpen */
    csvtab_close_cursor, /* xClose */
    csvtab_filter,       /* xFilter: from the first file */
    csvtab_next,         /* xNext */
    csvtab_eof,          /* xEof */
    csvtab_column,       /* xColumn: converts the cell asked for */
    csvtab_rowid,        /* xRowid: record number over all files */
    0,                   /* xUpdate: read only */
    0,                   /* xBegin */
    0,                   /* xSync */
    0,                   /* xCommit */
    0,                   /* xRollback */
    0,                   /* xFindFunction */
    0,                   /* xRename */
    0,                   /* xSavepoint */
    0,                   /* xRelease */
    0,                   /* xRollbackTo */
    0,                   /* xShadowName */
};

/* ------------------------------------------------------- kpi_csv_sniff */

#define SNIFF_COL_FILENAME 12

typedef struct SniffCursor SniffCursor;
struct SniffCursor {
  sqlite3_vtab_cursor base;
  CsvInfo info;
  int iRow; /* column shown by the current row */
  int ok;   /* info is filled */
};

static int sniff_connect(sqlite3 *db, void *pAux, int argc,
                         const char *const *argv, sqlite3_vtab **ppVtab,
                         char **pzErr) {
  sqlite3_vtab *p;
  int rc;
  (void)pAux;
  (void)argc;
  (void)argv;
  (void)pzErr;
  rc = sqlite3_declare_vtab(
      db,
      "CREATE TABLE x(\"column\" INTEGER, name TEXT, header TEXT, type TEXT, "
      "first_values TEXT, delimiter TEXT, encoding TEXT, bom INTEGER, "
      "gzip INTEGER, has_header INTEGER, \"decimal\" TEXT, line_end TEXT, "
      "filename HIDDEN)");
  if (rc != SQLITE_OK) return rc;
  sqlite3_vtab_config(db, SQLITE_VTAB_DIRECTONLY);
  p = sqlite3_malloc64(sizeof(*p));
  if (p == 0) return SQLITE_NOMEM;
  memset(p, 0, sizeof(*p));
  *ppVtab = p;
  return SQLITE_OK;
}

static int sniff_disconnect(sqlite3_vtab *p) {
  sqlite3_free(p);
  return SQLITE_OK;
}

static int sniff_best_index(sqlite3_vtab *pVtab, sqlite3_index_info *pIdx) {
  int i;
  (void)pVtab;
  for (i = 0; i < pIdx->nConstraint; i++) {
    const struct sqlite3_index_constraint *pC = &pIdx->aConstraint[i];
    if (pC->iColumn == SNIFF_COL_FILENAME &&
        pC->op == SQLITE_INDEX_CONSTRAINT_EQ) {
      if (!pC->usable) return SQLITE_CONSTRAINT;
      pIdx->aConstraintUsage[i].argvIndex = 1;
      pIdx->aConstraintUsage[i].omit = 1;
      pIdx->estimatedCost = 1000.0;
      pIdx->idxNum = 1;
      return SQLITE_OK;
    }
  }
  pIdx->estimatedCost = 1e300;
  pIdx->idxNum = 0;
  return SQLITE_OK;
}

static int sniff_open(sqlite3_vtab *pVtab, sqlite3_vtab_cursor **ppCur) {
  SniffCursor *c = sqlite3_malloc64(sizeof(*c));
  (void)pVtab;
  if (c == 0) return SQLITE_NOMEM;
  memset(c, 0, sizeof(*c));
  *ppCur = &c->base;
  return SQLITE_OK;
}

static int sniff_close(sqlite3_vtab_cursor *pCur) {
  SniffCursor *c = (SniffCursor *)pCur;
  csvtab_info_clear(&c->info);
  sqlite3_free(c);
  return SQLITE_OK;
}

static int sniff_filter(sqlite3_vtab_cursor *pCur, int idxNum,
                        const char *idxStr, int argc, sqlite3_value **argv) {
  SniffCursor *c = (SniffCursor *)pCur;
  sqlite3_vtab *pVtab = pCur->pVtab;
  CsvOpts o;
  const char *zName;
  char **azPath = 0;
  int nPath = 0, rc;
  char *zErr = 0;
  (void)idxStr;
  csvtab_info_clear(&c->info);
  c->ok = 0;
  c->iRow = 0;
  if (idxNum == 0 || argc < 1) {
    sqlite3_free(pVtab->zErrMsg);
    pVtab->zErrMsg = sqlite3_mprintf(
        "kpi_csv_sniff: a filename is required, as in "
        "kpi_csv_sniff('posts.csv')");
    return SQLITE_ERROR;
  }
  zName = (const char *)sqlite3_value_text(argv[0]);
  if (zName == 0 || zName[0] == 0) {
    sqlite3_free(pVtab->zErrMsg);
    pVtab->zErrMsg = sqlite3_mprintf("kpi_csv_sniff: a filename is required");
    return SQLITE_ERROR;
  }
  csvtab_opts_default(&o);
  rc = csvtab_expand(zName, &azPath, &nPath, &zErr);
  if (rc == SQLITE_OK) {
    rc = csvtab_sniff_file(&o, azPath[0], 2000, &c->info, &zErr);
  }
  csvtab_free_strings(azPath, nPath);
  if (rc != SQLITE_OK) {
    if (zErr) {
      sqlite3_free(pVtab->zErrMsg);
      /* "kpi_csv: ..." -> "kpi_csv_sniff: ..." */
      pVtab->zErrMsg = sqlite3_mprintf("kpi_csv_sniff%s", zErr + 7);
      sqlite3_free(zErr);
    }
    return rc;
  }
  c->ok = 1;
  return SQLITE_OK;
}

static int sniff_next(sqlite3_vtab_cursor *pCur) {
  ((SniffCursor *)pCur)->iRow++;
  return SQLITE_OK;
}

static int sniff_eof(sqlite3_vtab_cursor *pCur) {
  SniffCursor *c = (SniffCursor *)pCur;
  return !c->ok || c->iRow >= c->info.nField;
}

/* The sniffed type of field i: INTEGER, REAL, TEXT, or NULL when empty. */
static const char *sniff_type(const CsvInfo *p, int i) {
  int r, nInt = 0, nReal = 0, nText = 0;
  for (r = 0; r < p->nRow; r++) {
    sqlite3_int64 v;
    double d;
    if (i >= p->anRow[r]) continue;
    switch (csvtab_type(p->aazRow[r][i], (int)strlen(p->aazRow[r][i]), p->cDec,
                        0, &v, &d)) {
      case SQLITE_INTEGER:
        nInt++;
        break;
      case SQLITE_FLOAT:
        nReal++;
        break;
      case SQLITE_TEXT:
        nText++;
        break;
      default:
        break;
    }
  }
  if (nText) return "TEXT";
  if (nReal) return "REAL";
  if (nInt) return "INTEGER";
  return 0;
}

/*
** Appends a value for first_values: at most 40 bytes, cut on a UTF-8
** boundary, with line ends and tabs shown as spaces.
*/
static void sniff_append_value(sqlite3_str *s, const char *z) {
  int n = (int)strlen(z), i;
  if (n > 40) {
    n = 40;
    while (n > 0 && ((unsigned char)z[n] & 0xC0) == 0x80)
      n--;
  }
  for (i = 0; i < n; i++) {
    char c = z[i];
    sqlite3_str_appendchar(s, 1,
                           (c == '\n' || c == '\r' || c == '\t') ? ' ' : c);
  }
}

static int sniff_column(sqlite3_vtab_cursor *pCur, sqlite3_context *ctx,
                        int iCol) {
  SniffCursor *c = (SniffCursor *)pCur;
  const CsvInfo *p = &c->info;
  int i = c->iRow;
  switch (iCol) {
    case 0:
      sqlite3_result_int(ctx, i + 1);
      break;
    case 1:
      sqlite3_result_text(ctx, p->azName[i], -1, SQLITE_TRANSIENT);
      break;
    case 2:
      if (p->hasHeader && i < p->nHead) {
        sqlite3_result_text(ctx, p->azHead[i], -1, SQLITE_TRANSIENT);
      }
      break;
    case 3: {
      const char *z = sniff_type(p, i);
      if (z) sqlite3_result_text(ctx, z, -1, SQLITE_STATIC);
      break;
    }
    case 4: {
      sqlite3_str *s = sqlite3_str_new(0);
      int r, nShown = 0;
      char *z;
      for (r = 0; r < p->nRow && nShown < CSVTAB_FIRST_VALUES; r++) {
        if (i >= p->anRow[r] || p->aazRow[r][i][0] == 0) continue;
        if (nShown) sqlite3_str_appendall(s, " | ");
        sniff_append_value(s, p->aazRow[r][i]);
        nShown++;
      }
      z = sqlite3_str_finish(s);
      if (z == 0 && nShown) return SQLITE_NOMEM;
      if (z) sqlite3_result_text(ctx, z, -1, sqlite3_free);
      break;
    }
    case 5:
      if (p->cDelim == '\t') {
        sqlite3_result_text(ctx, "tab", -1, SQLITE_STATIC);
      } else {
        char a[2] = {(char)p->cDelim, 0};
        sqlite3_result_text(ctx, a, 1, SQLITE_TRANSIENT);
      }
      break;
    case 6:
      sqlite3_result_text(ctx, csv_encoding_name(p->eEnc), -1, SQLITE_STATIC);
      break;
    case 7:
      sqlite3_result_int(ctx, p->hadBom);
      break;
    case 8:
      sqlite3_result_int(ctx, p->isGzip);
      break;
    case 9:
      sqlite3_result_int(ctx, p->hasHeader);
      break;
    case 10: {
      char a[2] = {p->cDec, 0};
      sqlite3_result_text(ctx, a, 1, SQLITE_TRANSIENT);
      break;
    }
    case 11:
      sqlite3_result_text(ctx,
                          p->eEol == CSV_EOL_CR ? "cr"
                          : p->crlf             ? "crlf"
                                                : "lf",
                          -1, SQLITE_STATIC);
      break;
    default:
      break;
  }
  return SQLITE_OK;
}

static int sniff_rowid(sqlite3_vtab_cursor *pCur, sqlite3_int64 *pRowid) {
  *pRowid = ((SniffCursor *)pCur)->iRow + 1;
  return SQLITE_OK;
}

static sqlite3_module sniffModule = {
    0,                /* iVersion */
    0,                /* xCreate: eponymous only */
    sniff_connect,    /* xConnect */
    sniff_best_index, /* xBestIndex: needs filename = ? */
    sniff_disconnect, /* xDisconnect */
    0,                /* xDestroy */
    sniff_open,       /* xOpen */
    sniff_close,      /* xClose */
    sniff_filter,     /* xFilter: sniffs the file */
    sniff_next,       /* xNext */
    sniff_eof,        /* xEof */
    sniff_column,     /* xColumn */
    sniff_rowid,      /* xRowid */
    0,                /* xUpdate */
    0,                /* xBegin */
    0,                /* xSync */
    0,                /* xCommit */
    0,                /* xRollback */
    0,                /* xFindFunction */
    0,                /* xRename */
    0,                /* xSavepoint */
    0,                /* xRelease */
    0,                /* xRollbackTo */
    0,                /* xShadowName */
};

int csvtab_register(sqlite3 *db) {
  int rc = sqlite3_create_module(db, "kpi_csv", &csvtabModule, 0);
  if (rc == SQLITE_OK) {
    rc = sqlite3_create_module(db, "kpi_csv_sniff", &sniffModule, 0);
  }
  return rc;
}
