/*
** xlsxtab.c: Excel workbooks as tables (SPEC 6.2): the kpi_xlsx module
** and the kpi_xlsx_sheets table-valued function, on the workbook reader
** of xlsxread.c and the sniffing of sniff.c (the same header, naming and
** typing rules as kpi_csv).
**
**   CREATE VIRTUAL TABLE temp.t USING kpi_xlsx(filename='report.xlsx',
**       sheet='ENGAGEMENT', range='A3:C400');
**   SELECT * FROM kpi_xlsx_sheets('report.xlsx');
**
** Options (key=value; a value may be quoted with ' or "):
**   filename    a path or a glob of .xlsx files (required)
**   sheet       a sheet name, or its 1-based number     (default: the first)
**   range       an A1 range such as A3:C400 or B2     (default: used range)
**   header      auto | yes | no                              (default auto)
**   header_rows description rows after the header, skipped (default:
**               found, SF-11)
**   skip        rows with a value skipped before the header (default:
**               title rows found, sniff.h SF-6)
**   columns     'name [type], ...' as kpi_csv's
**   types       auto | text                                  (default auto)
**   thousands   auto | , | . | ' ' | none                  (SF-7)
**   nullstr     'a,b,...': the placeholders of numeric columns (SF-9)
**
** Requirements (tests cite them as XL-n):
**   XL-1  Options: an unknown key, a repeated key, a bad value or a missing
**         filename is an error at CREATE that names the option.
**   XL-2  Files: a glob's matches in byte order of their names (as
**         kpi_csv's C-2). A file that cannot be opened, is not an .xlsx
**         (xlsxread.h XR-2) or has no such sheet fails at CREATE naming
**         the file (and the sheets it has).
**   XL-3  The rows read are those of the range (default: from row 1 and
**         the columns from the sheet's declared or sampled first column to
**         its last), without the rows that have no value in it; then title
**         rows (SF-6, or skip rows), the header (sniff.h SF-1) and
**         description rows (SF-11, or header_rows rows). Names are
**         SF-3's, the table's columns the union over the files (kpi_csv
**         C-4).
**   XL-4  Cells are typed as kpi_csv's text cells (SF-4): text cells,
**         shared, inline or rich, by their text (so '42' stored as text is
**         42 and '007' stays '007'); number cells by the number as written
**         with '.' as the mark; booleans 0/1; error cells and formulas
**         without a cached value NULL; date and time cells ISO 8601 text
**         and duration cells seconds (xlsxread.h XR-5). types=text and the
**         columns types act as kpi_csv's.
**   XL-5  Merged ranges give their value in the top-left cell only (XR-7).
**   XL-6  Hidden columns _file (the path as matched), _sheet (the sheet's
**         name) and _row (the sheet's 1-based row number).
**   XL-7  Errors name file and sheet: "kpi_xlsx: f.xlsx: sheet 'S': ...",
**         for the limits of XR-8 too; a row with a value past the last
**         column of the default range is an error that says to give range.
**   XL-8  The table is SQLITE_VTAB_DIRECTONLY and converts only the cells
**         a query asks for. Memory does not grow with the rows (XR-6).
** kpi_xlsx_sheets is xlsxsheets.c (XS-1).
*/
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kpi.h"
#include "sniff.h"
#include "xlsxread.h"

#define XLSXTAB_NHIDDEN 3 /* _file, _sheet, _row */

/* ------------------------------------------------------------ allocator */

static void *xlsxtab_realloc(void *p, size_t n) {
  return sqlite3_realloc64(p, (sqlite3_uint64)n);
}
static void xlsxtab_free(void *p) {
  sqlite3_free(p);
}
static const XlsxAlloc xlsxtabAlloc = {xlsxtab_realloc, xlsxtab_free};

/* -------------------------------------------------------------- options */

typedef struct XlsxOpts XlsxOpts;
struct XlsxOpts {
  SniffOpts s;
  char *zFilename, *zSheet, *zRange, *zColumns;
};

static const SniffWord aXlsxHeader[] = {{"auto", -1}, {"yes", 1}, {"true", 1},
                                        {"1", 1},     {"no", 0},  {"false", 0},
                                        {"0", 0},     {0, 0}};
static const SniffWord aXlsxTypes[] = {{"auto", 0}, {"text", 1}, {0, 0}};
static const SniffWord aXlsxThousands[] = {
    {"auto", -1}, {",", ','}, {".", '.'}, {" ", ' '}, {"none", 0}, {0, 0}};

#define XO(f) offsetof(XlsxOpts, f)
/* XL-1: the options of kpi_xlsx. A new option is one row. */
static const SniffOptDef aXlsxOpt[] = {
    {"filename", SNIFF_OPT_PATH, XO(zFilename), 0, 0, "a path or a glob"},
    {"sheet", SNIFF_OPT_PATH, XO(zSheet), 0, 0, "a sheet name or number"},
    {"range", SNIFF_OPT_PATH, XO(zRange), 0, 0, "an A1 range such as A3:C40"},
    {"header", SNIFF_OPT_WORD, XO(s.eHeader), aXlsxHeader, 0, "auto, yes, no"},
    {"header_rows", SNIFF_OPT_COUNT, XO(s.nHeaderRows), 0, 1000,
     "a whole number from 0 to 1000"},
    {"skip", SNIFF_OPT_COUNT, XO(s.nSkip), 0, 1000,
     "a whole number from 0 to 1000"},
    {"thousands", SNIFF_OPT_WORD, XO(s.eThousands), aXlsxThousands, 0,
     "auto, ',', '.', ' ' or none"},
    {"columns", SNIFF_OPT_TEXT, XO(zColumns), 0, 0, ""},
    {"types", SNIFF_OPT_WORD, XO(s.typesText), aXlsxTypes, 0, "auto, text"},
    {"nullstr", SNIFF_OPT_TEXT, XO(s.zNull), 0, 0, ""},
};
#define XLSX_NOPT ((int)(sizeof(aXlsxOpt) / sizeof(aXlsxOpt[0])))

static void xlsxtab_opts_clear(XlsxOpts *o) {
  sqlite3_free(o->zFilename);
  sqlite3_free(o->zSheet);
  sqlite3_free(o->zRange);
  sqlite3_free(o->zColumns);
  sqlite3_free(o->s.zNull);
  memset(o, 0, sizeof(*o));
}

/* An error message in *pzErr; SQLITE_ERROR, or SQLITE_NOMEM without one. */
static int xlsxtab_err(char **pzErr, char *zMsg) {
  sqlite3_free(*pzErr);
  *pzErr = zMsg;
  return zMsg ? SQLITE_ERROR : SQLITE_NOMEM;
}

/* ------------------------------------------------------------- the table */

typedef struct XlsxFile XlsxFile;
struct XlsxFile {
  char *zPath;
  int iSheet;
  XlsxRange rg;      /* rows r0..r1 and columns c0..c1 read */
  int rangeGiven;    /* range= was given: cells outside are not data */
  int nSkip;         /* non-empty rows before the data */
  SniffLayout lay;   /* names and decisions, column k is c0 + k */
  int *aMap;         /* table column -> layout column, or -1 */
  XlsxRange *aMerge; /* XL-5 */
  int nMerge;
};

typedef struct XlsxTable XlsxTable;
struct XlsxTable {
  sqlite3_vtab base;
  XlsxOpts o;
  int nMax; /* SQLITE_LIMIT_COLUMN */
  int nFile;
  XlsxFile *aFile;
  int nCol;
  char **azCol;
  int *aType;      /* SNIFF_AUTO, SNIFF_TEXT, ... */
  SniffLayout dot; /* a layout whose decimal mark is '.': number cells */
};

typedef struct XlsxCursor XlsxCursor;
struct XlsxCursor {
  sqlite3_vtab_cursor base;
  XlsxBook *pB;
  XlsxSheet *pS;
  int iFile;
  int nSeen; /* non-empty rows of this file so far */
  sqlite3_int64 iRowid;
  int eof;
  const XlsxCell **apCell; /* the row's cells by layout column */
  int nCellAlloc;
};

static void xlsxtab_free_table(XlsxTable *p) {
  int i;
  if (p == 0) return;
  for (i = 0; i < p->nFile; i++) {
    sqlite3_free(p->aFile[i].zPath);
    sqlite3_free(p->aFile[i].aMap);
    sqlite3_free(p->aFile[i].aMerge);
    sniff_layout_clear(&p->aFile[i].lay);
  }
  sqlite3_free(p->aFile);
  sniff_free_strings(p->azCol, p->nCol);
  sqlite3_free(p->aType);
  xlsxtab_opts_clear(&p->o);
  sqlite3_free(p);
}

static int xlsxtab_grow(XlsxTable *p) {
  char **azNew =
      sqlite3_realloc64(p->azCol, sizeof(char *) * (size_t)(p->nCol + 1));
  int *aNew;
  if (azNew == 0) return SQLITE_NOMEM;
  p->azCol = azNew;
  aNew = sqlite3_realloc64(p->aType, sizeof(int) * (size_t)(p->nCol + 1));
  if (aNew == 0) return SQLITE_NOMEM;
  p->aType = aNew;
  return SQLITE_OK;
}

/* One "name [type]" entry z[0..n) of the columns option (kpi_csv's). */
static int xlsxtab_column_entry(XlsxTable *p, const char *z, int n,
                                char **pzErr) {
  int a = 0, b, c, d, t = -1;
  char *zName;
  while (a < n && sniff_is_blank(z[a]))
    a++;
  for (b = a; b < n && !sniff_is_blank(z[b]); b++) {
  }
  for (c = b; c < n && sniff_is_blank(z[c]); c++) {
  }
  for (d = n; d > c && sniff_is_blank(z[d - 1]); d--) {
  }
  if (b == a) {
    return xlsxtab_err(pzErr, sqlite3_mprintf("kpi_xlsx: bad value '%s' for "
                                              "option 'columns' (name [type], "
                                              "...)",
                                              p->o.zColumns));
  }
  if (d == c) t = SNIFF_AUTO;
  if (d - c == 4 && sqlite3_strnicmp(z + c, "text", 4) == 0) t = SNIFF_TEXT;
  if (d - c == 3 && sqlite3_strnicmp(z + c, "int", 3) == 0) t = SNIFF_INTEGER;
  if (d - c == 7 && sqlite3_strnicmp(z + c, "integer", 7) == 0) {
    t = SNIFF_INTEGER;
  }
  if (d - c == 4 && sqlite3_strnicmp(z + c, "real", 4) == 0) t = SNIFF_REAL;
  if (t < 0) {
    return xlsxtab_err(pzErr, sqlite3_mprintf("kpi_xlsx: bad type '%.*s' in "
                                              "option 'columns' (text, "
                                              "integer, real or none)",
                                              d - c, z + c));
  }
  zName = sqlite3_mprintf("%.*s", b - a, z + a);
  if (zName == 0) return SQLITE_NOMEM;
  if (sniff_find_name(p->azCol, p->nCol, zName) >= 0) {
    int rc = xlsxtab_err(pzErr, sqlite3_mprintf("kpi_xlsx: column '%s' "
                                                "appears twice in option "
                                                "'columns'",
                                                zName));
    sqlite3_free(zName);
    return rc;
  }
  if (xlsxtab_grow(p) != SQLITE_OK) {
    sqlite3_free(zName);
    return SQLITE_NOMEM;
  }
  p->azCol[p->nCol] = zName;
  p->aType[p->nCol++] = t;
  return SQLITE_OK;
}

/* Splits the columns option at commas, each piece to the entry parser. */
static int xlsxtab_split(XlsxTable *p, const char *z, char **pzErr) {
  for (;;) {
    const char *zEnd = strchr(z, ',');
    int n = zEnd ? (int)(zEnd - z) : (int)strlen(z);
    int rc = xlsxtab_column_entry(p, z, n, pzErr);
    if (rc != SQLITE_OK) return rc;
    if (zEnd == 0) return SQLITE_OK;
    z = zEnd + 1;
  }
}

/* XL-1: argv[3..] into the table's options. */
static int xlsxtab_opts_parse(XlsxTable *p, int argc, const char *const *argv,
                              char **pzErr) {
  unsigned seen = 0;
  XlsxRange r;
  int i, rc;
  sniff_opts_default(&p->o.s);
  for (i = 3; i < argc; i++) {
    rc = sniff_opt_parse(aXlsxOpt, XLSX_NOPT, &p->o, argv[i], &seen, "kpi_xlsx",
                         pzErr);
    if (rc != SQLITE_OK) return rc;
  }
  if (p->o.zFilename == 0) {
    return xlsxtab_err(pzErr, sqlite3_mprintf("kpi_xlsx: option 'filename' is "
                                              "required"));
  }
  if (p->o.zRange &&
      !xlsx_parse_range(p->o.zRange, (int)strlen(p->o.zRange), &r)) {
    return xlsxtab_err(pzErr, sqlite3_mprintf("kpi_xlsx: bad value '%s' for "
                                              "option 'range' (an A1 range "
                                              "such as A3:C40)",
                                              p->o.zRange));
  }
  if (p->o.zColumns) return xlsxtab_split(p, p->o.zColumns, pzErr);
  return SQLITE_OK;
}

/* ----------------------------------------------------- books and sheets */

/* XL-2, XL-7: "kpi_xlsx: path: what the reader says". */
static char *xlsxtab_book_error(const char *zPath, XlsxBook *pB, int rc) {
  if (rc == XLSX_ENOMEM) return 0;
  if (rc == XLSX_EOPEN) {
    return sqlite3_mprintf("kpi_xlsx: cannot open '%s': %s", zPath,
                           strerror(errno));
  }
  return sqlite3_mprintf("kpi_xlsx: %s: %s", zPath,
                         pB ? xlsx_errmsg(pB) : "cannot read");
}

static char *xlsxtab_sheet_error(const char *zPath, XlsxBook *pB, int iSheet,
                                 int rc) {
  if (rc == XLSX_ENOMEM) return 0;
  return sqlite3_mprintf("kpi_xlsx: %s: sheet '%s': %s", zPath,
                         xlsx_sheet_name(pB, iSheet), xlsx_errmsg(pB));
}

static int xlsxtab_open_book(const char *zPath, XlsxBook **ppB, char **pzErr) {
  int rc = xlsx_open(ppB, zPath, &xlsxtabAlloc);
  if (rc == XLSX_OK) return SQLITE_OK;
  if (rc != XLSX_ENOMEM) {
    rc = xlsxtab_err(pzErr, xlsxtab_book_error(zPath, *ppB, rc));
  } else {
    rc = SQLITE_NOMEM;
  }
  xlsx_close(*ppB);
  *ppB = 0;
  return rc;
}

/* XL-2: the sheet the option names (a name first, then a number). */
static int xlsxtab_find_sheet(const XlsxOpts *o, const char *zPath,
                              XlsxBook *pB, int *piSheet, char **pzErr) {
  sqlite3_str *pList;
  int i, n = xlsx_nsheet(pB);
  *piSheet = -1;
  if (o->zSheet == 0) {
    if (n > 0) *piSheet = 0;
  } else {
    *piSheet = xlsx_sheet_find(pB, o->zSheet);
    if (*piSheet < 0 && strspn(o->zSheet, "0123456789") == strlen(o->zSheet)) {
      long v = strtol(o->zSheet, 0, 10);
      if (v >= 1 && v <= n) *piSheet = (int)v - 1;
    }
  }
  if (*piSheet >= 0) return SQLITE_OK;
  if (n == 0) {
    return xlsxtab_err(pzErr,
                       sqlite3_mprintf("kpi_xlsx: %s: the workbook has no "
                                       "sheets",
                                       zPath));
  }
  pList = sqlite3_str_new(0);
  for (i = 0; i < n; i++) {
    sqlite3_str_appendf(pList, "%s'%s'", i ? ", " : "", xlsx_sheet_name(pB, i));
  }
  {
    char *zList = sqlite3_str_finish(pList);
    int rc = xlsxtab_err(
        pzErr, zList ? sqlite3_mprintf("kpi_xlsx: %s: no sheet '%s' (it has "
                                       "%s)",
                                       zPath, o->zSheet, zList)
                     : 0);
    sqlite3_free(zList);
    return rc;
  }
}

/* ------------------------------------------------------------ sampling */

/* The text a cell shows to sniffing (XL-4): what kpi_csv would read. */
static const char *xlsxtab_cell_text(const XlsxCell *pC, char *aBuf) {
  switch (pC->eType) {
    case XLSX_ERROR:
      return "";
    case XLSX_DURATION:
      sqlite3_snprintf(40, aBuf, "%!.15g", pC->r);
      return aBuf;
    default:
      return pC->z;
  }
}

/* One sampled row: its cells copied, sparse. */
typedef struct XlsxSample XlsxSample;
struct XlsxSample {
  int nRow, nAlloc;
  int *anCell;
  int **aaiCol;
  char ***aazText;
};

static void xlsxtab_sample_clear(XlsxSample *p) {
  int r;
  for (r = 0; r < p->nRow; r++) {
    sqlite3_free(p->aazText[r]); /* one allocation with the texts */
  }
  sqlite3_free(p->anCell);
  sqlite3_free(p->aaiCol);
  sqlite3_free(p->aazText);
  memset(p, 0, sizeof(*p));
}

/* Copies the cells of a row that lie in columns c0..c1. */
static int xlsxtab_sample_add(XlsxSample *p, const XlsxCell *a, int n, int c0,
                              int c1) {
  sqlite3_uint64 nByte = 0;
  int k, m = 0;
  char aBuf[40], *zOut;
  int *aiCol;
  char **az;
  for (k = 0; k < n; k++) {
    if (a[k].iCol < c0 || a[k].iCol > c1) continue;
    nByte += strlen(xlsxtab_cell_text(&a[k], aBuf)) + 1;
    m++;
  }
  if (p->nRow == p->nAlloc) {
    int nNew = p->nAlloc ? p->nAlloc * 2 : 64;
    int *anNew = sqlite3_realloc64(p->anCell, sizeof(int) * (size_t)nNew);
    int **aaNew;
    char ***aazNew;
    if (anNew == 0) return SQLITE_NOMEM;
    p->anCell = anNew;
    aaNew = sqlite3_realloc64(p->aaiCol, sizeof(int *) * (size_t)nNew);
    if (aaNew == 0) return SQLITE_NOMEM;
    p->aaiCol = aaNew;
    aazNew = sqlite3_realloc64(p->aazText, sizeof(char **) * (size_t)nNew);
    if (aazNew == 0) return SQLITE_NOMEM;
    p->aazText = aazNew;
    p->nAlloc = nNew;
  }
  /* One allocation: the text pointers, the columns, then the texts. */
  az = sqlite3_malloc64((sizeof(char *) + sizeof(int)) * (size_t)(m + 1) +
                        nByte);
  if (az == 0) return SQLITE_NOMEM;
  aiCol = (int *)(void *)(az + m + 1);
  zOut = (char *)(aiCol + m + 1);
  for (k = 0, m = 0; k < n; k++) {
    const char *z;
    size_t len;
    if (a[k].iCol < c0 || a[k].iCol > c1) continue;
    z = xlsxtab_cell_text(&a[k], aBuf);
    len = strlen(z);
    aiCol[m] = a[k].iCol;
    az[m] = zOut;
    memcpy(zOut, z, len + 1);
    zOut += len + 1;
    m++;
  }
  p->aaiCol[p->nRow] = aiCol;
  p->aazText[p->nRow] = az;
  p->anCell[p->nRow++] = m;
  return SQLITE_OK;
}

/* The dense rows c0..c1 of the sample, for sniff_layout. */
static int xlsxtab_densify(const XlsxSample *p, int c0, int c1,
                           SniffRows *pRows) {
  int nW = c1 - c0 + 1, r, k, rc = SQLITE_OK;
  const char **az = sqlite3_malloc64(sizeof(char *) * (size_t)(nW + 1));
  if (az == 0) return SQLITE_NOMEM;
  for (r = 0; rc == SQLITE_OK && r < p->nRow; r++) {
    for (k = 0; k < nW; k++)
      az[k] = "";
    for (k = 0; k < p->anCell[r]; k++) {
      az[p->aaiCol[r][k] - c0] = p->aazText[r][k];
    }
    rc = sniff_rows_add(pRows, az, nW);
  }
  sqlite3_free((void *)az);
  return rc;
}

/*
** XL-3: reads the first rows of file f's sheet into a sample, and decides
** the columns (c0..c1) when no range was given.
*/
static int xlsxtab_read_sample(XlsxTable *t, XlsxFile *f, XlsxBook *pB,
                               XlsxSample *pSam, char **pzErr) {
  XlsxSheet *pS;
  XlsxRange dim;
  int want = (t->o.s.nSkip > 0 ? t->o.s.nSkip : SNIFF_MAX_TITLE) + 2 +
             (t->o.s.nHeaderRows > 0 ? t->o.s.nHeaderRows : 0) +
             SNIFF_SAMPLE_ROWS;
  int rc = xlsx_sheet_merges(pB, f->iSheet, &f->aMerge, &f->nMerge);
  int x = XLSX_DONE, hasDim, r;
  if (rc == XLSX_OK) rc = xlsx_sheet_open(pB, f->iSheet, &pS);
  if (rc != XLSX_OK) {
    return xlsxtab_err(pzErr, xlsxtab_sheet_error(f->zPath, pB, f->iSheet, rc));
  }
  xlsx_sheet_set_merges(pS, f->aMerge, f->nMerge);
  hasDim = xlsx_sheet_dimension(pS, &dim);
  rc = SQLITE_OK;
  while (rc == SQLITE_OK && pSam->nRow < want &&
         (x = xlsx_next_row(pS)) == XLSX_ROW) {
    int n, k, any = 0, iRow = xlsx_row_number(pS);
    const XlsxCell *a = xlsx_cells(pS, &n);
    if (iRow < f->rg.r0) continue;
    if (iRow > f->rg.r1) break;
    for (k = 0; k < n; k++) {
      if (a[k].iCol >= f->rg.c0 && a[k].iCol <= f->rg.c1) any = 1;
    }
    if (!any) continue;
    rc = xlsxtab_sample_add(pSam, a, n, f->rg.c0, f->rg.c1);
  }
  if (rc == SQLITE_OK && x != XLSX_ROW && x != XLSX_DONE) {
    rc = xlsxtab_err(pzErr, xlsxtab_sheet_error(f->zPath, pB, f->iSheet, x));
  }
  xlsx_sheet_close(pS);
  if (rc != SQLITE_OK || f->rangeGiven) return rc;
  /* The default range: the declared first column (else the sample's) to
     the last column holding a value in the sample or the declaration. */
  f->rg.c0 = hasDim ? dim.c0 : XLSX_MAX_COL;
  f->rg.c1 = hasDim ? dim.c1 : 1;
  for (r = 0; r < pSam->nRow; r++) {
    int n = pSam->anCell[r];
    if (n > 0 && pSam->aaiCol[r][0] < f->rg.c0) f->rg.c0 = pSam->aaiCol[r][0];
    if (n > 0 && pSam->aaiCol[r][n - 1] > f->rg.c1) {
      f->rg.c1 = pSam->aaiCol[r][n - 1];
    }
  }
  if (f->rg.c0 > f->rg.c1) f->rg.c0 = f->rg.c1;
  return SQLITE_OK;
}

/* XL-3: the layout of one file from its sample. */
static int xlsxtab_layout(XlsxTable *t, XlsxFile *f, XlsxBook *pB,
                          char **pzErr) {
  XlsxSample sam;
  SniffRows rows;
  int rc;
  memset(&sam, 0, sizeof(sam));
  memset(&rows, 0, sizeof(rows));
  rc = xlsxtab_read_sample(t, f, pB, &sam, pzErr);
  if (rc == SQLITE_OK && f->rg.c1 - f->rg.c0 + 1 > t->nMax - XLSXTAB_NHIDDEN) {
    rc = xlsxtab_err(
        pzErr,
        sqlite3_mprintf("kpi_xlsx: %s: sheet '%s': %d "
                        "columns, more than the limit of "
                        "%d",
                        f->zPath, xlsx_sheet_name(pB, f->iSheet),
                        f->rg.c1 - f->rg.c0 + 1, t->nMax - XLSXTAB_NHIDDEN));
  }
  if (rc == SQLITE_OK) rc = xlsxtab_densify(&sam, f->rg.c0, f->rg.c1, &rows);
  xlsxtab_sample_clear(&sam);
  if (rc == SQLITE_OK) {
    const char *zWhy = 0;
    rc = sniff_layout(&t->o.s, &rows, 0, &f->lay, &zWhy);
    if (rc == SQLITE_ERROR) {
      rc = xlsxtab_err(pzErr,
                       sqlite3_mprintf("kpi_xlsx: %s: sheet '%s': %s", f->zPath,
                                       xlsx_sheet_name(pB, f->iSheet),
                                       zWhy ? zWhy : "cannot read"));
    }
  }
  if (rc == SQLITE_OK) f->nSkip = f->lay.iData;
  sniff_rows_clear(&rows);
  return rc;
}

/* XL-3: adds the names of one file to the table's union (kpi_csv C-4). */
static int xlsxtab_union(XlsxTable *p, const SniffLayout *pLay) {
  int i;
  for (i = 0; i < pLay->nCol; i++) {
    if (sniff_find_name(p->azCol, p->nCol, pLay->azName[i]) >= 0) continue;
    if (xlsxtab_grow(p) != SQLITE_OK) return SQLITE_NOMEM;
    p->azCol[p->nCol] = sqlite3_mprintf("%s", pLay->azName[i]);
    if (p->azCol[p->nCol] == 0) return SQLITE_NOMEM;
    p->aType[p->nCol++] = SNIFF_AUTO;
  }
  return SQLITE_OK;
}

/* XL-2, XL-3: one file: its book, its sheet, its range and layout. */
static int xlsxtab_file(XlsxTable *t, XlsxFile *f, char **pzErr) {
  XlsxBook *pB = 0;
  int rc = xlsxtab_open_book(f->zPath, &pB, pzErr);
  if (rc == SQLITE_OK) {
    rc = xlsxtab_find_sheet(&t->o, f->zPath, pB, &f->iSheet, pzErr);
  }
  if (rc == SQLITE_OK) {
    f->rg.r0 = 1;
    f->rg.c0 = 1;
    f->rg.r1 = XLSX_MAX_ROW;
    f->rg.c1 = XLSX_MAX_COL;
    if (t->o.zRange) {
      xlsx_parse_range(t->o.zRange, (int)strlen(t->o.zRange), &f->rg);
      f->rangeGiven = 1;
    }
    rc = xlsxtab_layout(t, f, pB, pzErr);
  }
  if (rc == SQLITE_OK && t->o.zColumns == 0) rc = xlsxtab_union(t, &f->lay);
  xlsx_close(pB);
  return rc;
}

static int xlsxtab_map(XlsxTable *p, XlsxFile *f) {
  int i;
  f->aMap = sqlite3_malloc64(sizeof(int) * (sqlite3_uint64)(p->nCol + 1));
  if (f->aMap == 0) return SQLITE_NOMEM;
  for (i = 0; i < p->nCol; i++) {
    f->aMap[i] = p->o.zColumns
                     ? (i < f->lay.nCol ? i : -1)
                     : sniff_find_name(f->lay.azName, f->lay.nCol, p->azCol[i]);
  }
  return SQLITE_OK;
}

static int xlsxtab_all_files(XlsxTable *p, char **azPath, int nPath,
                             char **pzErr) {
  int i, rc;
  p->aFile = sqlite3_malloc64(sizeof(XlsxFile) * (sqlite3_uint64)nPath);
  if (p->aFile == 0) return SQLITE_NOMEM;
  memset(p->aFile, 0, sizeof(XlsxFile) * (size_t)nPath);
  for (i = 0; i < nPath; i++) {
    p->aFile[i].zPath = azPath[i];
    azPath[i] = 0;
    p->nFile = i + 1;
    rc = xlsxtab_file(p, &p->aFile[i], pzErr);
    if (rc != SQLITE_OK) return rc;
  }
  if (p->nCol == 0) {
    return xlsxtab_err(pzErr, sqlite3_mprintf("kpi_xlsx: %s: no columns "
                                              "(an empty sheet or range)",
                                              p->aFile[0].zPath));
  }
  if (p->nCol > p->nMax - XLSXTAB_NHIDDEN) {
    return xlsxtab_err(pzErr,
                       sqlite3_mprintf("kpi_xlsx: %d columns, more than the "
                                       "limit of %d",
                                       p->nCol, p->nMax - XLSXTAB_NHIDDEN));
  }
  for (i = 0; i < nPath; i++) {
    rc = xlsxtab_map(p, &p->aFile[i]);
    if (rc != SQLITE_OK) return rc;
  }
  return SQLITE_OK;
}

/* XL-6, XL-8: the columns, and DIRECTONLY. */
static int xlsxtab_declare(sqlite3 *db, const XlsxTable *p, char **pzErr) {
  return sniff_declare(db, "kpi_xlsx", p->azCol, p->aType, p->nCol,
                       "_file TEXT HIDDEN, _sheet TEXT HIDDEN, "
                       "_row INTEGER HIDDEN",
                       pzErr);
}

static int xlsxtab_connect(sqlite3 *db, void *pAux, int argc,
                           const char *const *argv, sqlite3_vtab **ppVtab,
                           char **pzErr) {
  XlsxTable *p;
  char **azPath = 0;
  int nPath = 0, rc;
  (void)pAux;
  *ppVtab = 0;
  p = sqlite3_malloc64(sizeof(*p));
  if (p == 0) return SQLITE_NOMEM;
  memset(p, 0, sizeof(*p));
  p->dot.cDec = '.';
  p->nMax = sqlite3_limit(db, SQLITE_LIMIT_COLUMN, -1);
  rc = xlsxtab_opts_parse(p, argc, argv, pzErr);
  if (rc == SQLITE_OK) {
    rc = sniff_expand(p->o.zFilename, "kpi_xlsx", &azPath, &nPath, pzErr);
  }
  if (rc == SQLITE_OK) rc = xlsxtab_all_files(p, azPath, nPath, pzErr);
  if (rc == SQLITE_OK) rc = xlsxtab_declare(db, p, pzErr);
  sniff_free_strings(azPath, nPath);
  if (rc != SQLITE_OK) {
    xlsxtab_free_table(p);
    return rc;
  }
  *ppVtab = &p->base;
  return SQLITE_OK;
}

static int xlsxtab_disconnect(sqlite3_vtab *pVtab) {
  xlsxtab_free_table((XlsxTable *)pVtab);
  return SQLITE_OK;
}

static int xlsxtab_best_index(sqlite3_vtab *pVtab, sqlite3_index_info *pIdx) {
  (void)pVtab;
  pIdx->estimatedCost = 1000000.0;
  pIdx->estimatedRows = 1000000;
  return SQLITE_OK;
}

/* ------------------------------------------------------------- the scan */

static int xlsxtab_open_cursor(sqlite3_vtab *pVtab,
                               sqlite3_vtab_cursor **ppCur) {
  XlsxCursor *c = sqlite3_malloc64(sizeof(*c));
  (void)pVtab;
  if (c == 0) return SQLITE_NOMEM;
  memset(c, 0, sizeof(*c));
  *ppCur = &c->base;
  return SQLITE_OK;
}

static void xlsxtab_end_file(XlsxCursor *c) {
  xlsx_sheet_close(c->pS);
  xlsx_close(c->pB);
  c->pS = 0;
  c->pB = 0;
}

static int xlsxtab_close_cursor(sqlite3_vtab_cursor *pCur) {
  XlsxCursor *c = (XlsxCursor *)pCur;
  xlsxtab_end_file(c);
  sqlite3_free((void *)c->apCell);
  sqlite3_free(c);
  return SQLITE_OK;
}

static int xlsxtab_fail(XlsxCursor *c, char *zMsg) {
  XlsxTable *t = (XlsxTable *)c->base.pVtab;
  sqlite3_free(t->base.zErrMsg);
  t->base.zErrMsg = zMsg;
  return zMsg ? SQLITE_ERROR : SQLITE_NOMEM;
}

/* Opens the book and sheet of file c->iFile. */
static int xlsxtab_start_file(XlsxCursor *c) {
  XlsxTable *t = (XlsxTable *)c->base.pVtab;
  XlsxFile *f = &t->aFile[c->iFile];
  char *zErr = 0;
  int nW = f->rg.c1 - f->rg.c0 + 1, rc;
  xlsxtab_end_file(c);
  rc = xlsxtab_open_book(f->zPath, &c->pB, &zErr);
  if (rc != SQLITE_OK) return rc == SQLITE_NOMEM ? rc : xlsxtab_fail(c, zErr);
  if (f->iSheet >= xlsx_nsheet(c->pB)) {
    return xlsxtab_fail(c, sqlite3_mprintf("kpi_xlsx: %s: the workbook "
                                           "changed since the table was made",
                                           f->zPath));
  }
  rc = xlsx_sheet_open(c->pB, f->iSheet, &c->pS);
  if (rc != XLSX_OK) {
    return xlsxtab_fail(c, xlsxtab_sheet_error(f->zPath, c->pB, f->iSheet, rc));
  }
  xlsx_sheet_set_merges(c->pS, f->aMerge, f->nMerge);
  if (nW > c->nCellAlloc) {
    const XlsxCell **apNew =
        sqlite3_realloc64((void *)c->apCell, sizeof(XlsxCell *) * (size_t)nW);
    if (apNew == 0) return SQLITE_NOMEM;
    c->apCell = apNew;
    c->nCellAlloc = nW;
  }
  c->nSeen = 0;
  return SQLITE_OK;
}

/* XL-7: a value past the last column of the default range. */
static int xlsxtab_too_wide(XlsxCursor *c, XlsxFile *f, int iCol) {
  char aCol[24], aLast[24];
  XlsxRange r1, r2;
  r1.r0 = r1.r1 = r2.r0 = r2.r1 = 1;
  r1.c0 = r1.c1 = iCol;
  r2.c0 = r2.c1 = f->rg.c1;
  xlsx_format_range(&r1, aCol);
  xlsx_format_range(&r2, aLast);
  aCol[strcspn(aCol, "0123456789")] = 0;
  aLast[strcspn(aLast, "0123456789")] = 0;
  return xlsxtab_fail(
      c, sqlite3_mprintf("kpi_xlsx: %s: sheet '%s': row %d has a value in "
                         "column %s, past the last column %s (give range= to "
                         "read part of the sheet)",
                         f->zPath, xlsx_sheet_name(c->pB, f->iSheet),
                         xlsx_row_number(c->pS), aCol, aLast));
}

/*
** XL-3: places the row's cells by layout column; *pAny says it has one in
** the range. An error for a value past the default range.
*/
static int xlsxtab_place(XlsxCursor *c, XlsxFile *f, int *pAny) {
  int n, k, nW = f->rg.c1 - f->rg.c0 + 1;
  const XlsxCell *a = xlsx_cells(c->pS, &n);
  *pAny = 0;
  for (k = 0; k < nW; k++)
    c->apCell[k] = 0;
  for (k = 0; k < n; k++) {
    int iCol = a[k].iCol;
    if (iCol < f->rg.c0) continue;
    if (iCol > f->rg.c1) {
      if (f->rangeGiven) break;
      return xlsxtab_too_wide(c, f, iCol);
    }
    c->apCell[iCol - f->rg.c0] = &a[k];
    *pAny = 1;
  }
  return SQLITE_OK;
}

static int xlsxtab_next(sqlite3_vtab_cursor *pCur) {
  XlsxCursor *c = (XlsxCursor *)pCur;
  XlsxTable *t = (XlsxTable *)c->base.pVtab;
  for (;;) {
    XlsxFile *f;
    int rc, any = 0;
    if (c->pS == 0) {
      if (c->iFile >= t->nFile) {
        c->eof = 1;
        return SQLITE_OK;
      }
      rc = xlsxtab_start_file(c);
      if (rc != SQLITE_OK) return rc;
    }
    f = &t->aFile[c->iFile];
    rc = xlsx_next_row(c->pS);
    if (rc == XLSX_ROW && xlsx_row_number(c->pS) <= f->rg.r1) {
      if (xlsx_row_number(c->pS) < f->rg.r0) continue;
      rc = xlsxtab_place(c, f, &any);
      if (rc != SQLITE_OK) return rc;
      if (!any || c->nSeen++ < f->nSkip) continue;
      c->iRowid++;
      return SQLITE_OK;
    }
    if (rc != XLSX_ROW && rc != XLSX_DONE) {
      return xlsxtab_fail(c,
                          xlsxtab_sheet_error(f->zPath, c->pB, f->iSheet, rc));
    }
    xlsxtab_end_file(c);
    c->iFile++;
  }
}

static int xlsxtab_filter(sqlite3_vtab_cursor *pCur, int idxNum,
                          const char *idxStr, int argc, sqlite3_value **argv) {
  XlsxCursor *c = (XlsxCursor *)pCur;
  (void)idxNum;
  (void)idxStr;
  (void)argc;
  (void)argv;
  xlsxtab_end_file(c);
  c->iFile = 0;
  c->iRowid = 0;
  c->eof = 0;
  return xlsxtab_next(pCur);
}

static int xlsxtab_eof(sqlite3_vtab_cursor *pCur) {
  return ((XlsxCursor *)pCur)->eof;
}

/* XL-4: one cell of column i (a layout column k of file f). */
static void xlsxtab_result(sqlite3_context *ctx, const XlsxTable *t,
                           const XlsxFile *f, int i, int k,
                           const XlsxCell *pC) {
  int eForce = t->o.s.typesText ? SNIFF_TEXT : t->aType[i];
  SniffValue v;
  const char *z = pC->z;
  int n = pC->n;
  char aBuf[40];
  switch (pC->eType) {
    case XLSX_ERROR:
      return;
    case XLSX_DATE:
    case XLSX_TIME:
      sqlite3_result_text(ctx, z, n, SQLITE_TRANSIENT);
      return;
    case XLSX_TEXT:
      sniff_cell(&f->lay, k, z, n, eForce, &v);
      break;
    case XLSX_DURATION:
      z = xlsxtab_cell_text(pC, aBuf);
      n = (int)strlen(z);
      sniff_cell(&t->dot, k, z, n, eForce, &v);
      if (v.eType == SQLITE_INTEGER && eForce == SNIFF_AUTO) {
        v.eType = SQLITE_FLOAT; /* durations are REAL (SPEC 1) */
        v.r = pC->r;
      }
      break;
    default: /* numbers and booleans, by their text */
      sniff_cell(&t->dot, k, z, n, eForce, &v);
      break;
  }
  switch (v.eType) {
    case SQLITE_INTEGER:
      sqlite3_result_int64(ctx, v.i);
      break;
    case SQLITE_FLOAT:
      sqlite3_result_double(ctx, v.r);
      break;
    case SQLITE_TEXT:
      sqlite3_result_text(ctx, z, n, SQLITE_TRANSIENT);
      break;
    default:
      break;
  }
}

static int xlsxtab_column(sqlite3_vtab_cursor *pCur, sqlite3_context *ctx,
                          int i) {
  XlsxCursor *c = (XlsxCursor *)pCur;
  XlsxTable *t = (XlsxTable *)c->base.pVtab;
  XlsxFile *f = &t->aFile[c->iFile];
  int k;
  if (i >= t->nCol) {
    if (i == t->nCol) {
      sqlite3_result_text(ctx, f->zPath, -1, SQLITE_TRANSIENT);
    } else if (i == t->nCol + 1) {
      sqlite3_result_text(ctx, xlsx_sheet_name(c->pB, f->iSheet), -1,
                          SQLITE_TRANSIENT);
    } else {
      sqlite3_result_int(ctx, xlsx_row_number(c->pS));
    }
    return SQLITE_OK;
  }
  k = f->aMap[i];
  if (k < 0 || k >= f->rg.c1 - f->rg.c0 + 1 || c->apCell[k] == 0) {
    return SQLITE_OK;
  }
  xlsxtab_result(ctx, t, f, i, k, c->apCell[k]);
  return SQLITE_OK;
}

static int xlsxtab_rowid(sqlite3_vtab_cursor *pCur, sqlite3_int64 *pRowid) {
  *pRowid = ((XlsxCursor *)pCur)->iRowid;
  return SQLITE_OK;
}

static sqlite3_module xlsxtabModule = {
    0,                    /* iVersion */
    xlsxtab_connect,      /* xCreate: CREATE VIRTUAL TABLE */
    xlsxtab_connect,      /* xConnect: the same work */
    xlsxtab_best_index,   /* xBestIndex: a full scan, always */
    xlsxtab_disconnect,   /* xDisconnect */
    xlsxtab_disconnect,   /* xDestroy: nothing stored */
    xlsxtab_open_cursor,  /* xOpen */
    xlsxtab_close_cursor, /* xClose */
    xlsxtab_filter,       /* xFilter: from the first file */
    xlsxtab_next,         /* xNext */
    xlsxtab_eof,          /* xEof */
    xlsxtab_column,       /* xColumn: converts the cell asked for */
    xlsxtab_rowid,        /* xRowid: data row number over all files */
    0,                    /* xUpdate: read only */
    0,                    /* xBegin */
    0,                    /* xSync */
    0,                    /* xCommit */
    0,                    /* xRollback */
    0,                    /* xFindFunction */
    0,                    /* xRename */
    0,                    /* xSavepoint */
    0,                    /* xRelease */
    0,                    /* xRollbackTo */
    0,                    /* xShadowName */
};

int xlsxtab_register(sqlite3 *db) {
  return kpi_register_module(db, "kpi_xlsx", &xlsxtabModule);
}
