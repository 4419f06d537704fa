/*
** csvtab.c: CSV exports as tables (SPEC 6): the kpi_csv module, on the
** reader of csvparse.c and the sniffing of sniff.c. kpi_csv_sniff is
** csvsniff.c.
**
**   CREATE VIRTUAL TABLE temp.posts USING kpi_csv(filename='posts_*.csv');
**
** Options (key=value; a value may be quoted with ' or "), one row each of
** aCsvOpt below:
**   filename    a path or a glob (required)
**   header      auto | yes | no                             (default auto)
**   header_rows description rows after the header, skipped  (default:
**               0 or 1, sniff.h SF-11); with header=no, rows skipped at
**               the start
**   delimiter   auto | , | ; | tab | '|' | any one character (default auto)
**   quote       one character, or none                      (default ")
**   decimal     auto | . | ,                                 (default auto)
**   encoding    auto | utf8 | utf16 | latin1 | cp1252       (default auto)
**   dateformat  a strptime-style format (tsparse.c, T-4)
**   columns     'name [type], ...': names by position, types TEXT, INTEGER,
**               REAL or none (auto)
**   types       auto | text                                  (default auto)
**   skip        rows skipped before the header (default: title and
**               preamble rows are found, sniff.h SF-6)
**   thousands   auto | , | . | ' ' | none                    (default auto)
**   nullstr     'a,b,...': the placeholder words (default sniff.h SF-9)
**   year        the year of a column's first yearless date (SF-10)
**   export_date YYYY-MM-DD: yearless dates are on or before it (SF-10)
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
**        mark (sniff.h SF-2), header (SF-1).
**   C-4  Column names: sniff.h SF-3. The table's columns are the union
**        over the files in order of first appearance; a file's cells are
**        matched by name, and a column a file lacks reads NULL. With the
**        columns option, cells are matched by position.
**   C-5  Cells: sniff.h SF-4 (quoted cells are typed the same way: X
**        exports quote every number). types=text makes every non-empty
**        cell TEXT; a columns type TEXT does that for one column, INTEGER
**        reads any integer that fits 64 bits (also with leading zeros or
**        19 digits) and integral reals as INTEGER, REAL reads numbers as
**        REAL; text that is not a number stays TEXT.
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
**        first match of a glob) with what the default options decide:
**        column (1-based), name (sniff.h SF-3), header (the header's cell),
**        type (SF-5), first_values (up to three non-empty sampled cells,
**        each cut at 40 bytes, joined by " | "), then the file's delimiter,
**        encoding, bom, gzip, has_header, decimal and line_end (lf, crlf
**        or cr) on every row. Then, for SPEC 6.1's rules: thousands (the
**        column's separator when sampled cells use one: ',', '.' or
**        'space'), nulls (sampled placeholders the column reads as NULL),
**        yearless (1 for a column of "Month D" dates), and for the file
**        skip (records before the header: a sep= line, title rows) and
**        header_rows (description rows after it).
**   C-11 CREATE outside temp is an error that shows the temp form:
**        "kpi_csv: create it in temp: CREATE VIRTUAL TABLE temp.posts
**        USING kpi_csv(...)". A table stored in a database file (by an
**        older kpi, or by hand) still connects, so that it can be read
**        and dropped, and DIRECTONLY keeps its views and triggers from
**        reading files.
*/
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "csvparse.h"
#include "kpi.h"
#include "sniff.h"
#include "tsparse.h"

/* -------------------------------------------------------------- options */

typedef struct CsvOpts CsvOpts;
struct CsvOpts {
  SniffCsvOpts sc; /* what sniffing reads */
  char *zFilename;
  char *zDateFmt;
  char *zColumns;
};

static const SniffWord aCsvHeader[] = {{"auto", -1}, {"yes", 1}, {"true", 1},
                                       {"1", 1},     {"no", 0},  {"false", 0},
                                       {"0", 0},     {0, 0}};
static const SniffWord aCsvDecimal[] = {
    {"auto", -1}, {".", '.'}, {",", ','}, {0, 0}};
static const SniffWord aCsvEncoding[] = {
    {"auto", CSV_ENC_AUTO},           {"utf8", CSV_ENC_UTF8},
    {"utf-8", CSV_ENC_UTF8},          {"utf16", CSV_ENC_UTF16},
    {"utf-16", CSV_ENC_UTF16},        {"utf16le", CSV_ENC_UTF16LE},
    {"utf-16le", CSV_ENC_UTF16LE},    {"utf16be", CSV_ENC_UTF16BE},
    {"utf-16be", CSV_ENC_UTF16BE},    {"latin1", CSV_ENC_LATIN1},
    {"iso-8859-1", CSV_ENC_LATIN1},   {"cp1252", CSV_ENC_CP1252},
    {"windows-1252", CSV_ENC_CP1252}, {0, 0}};
static const SniffWord aCsvTypes[] = {{"auto", 0}, {"text", 1}, {0, 0}};
static const SniffWord aCsvThousands[] = {
    {"auto", -1},   {",", ','},  {".", '.'}, {" ", ' '},
    {"space", ' '}, {"none", 0}, {0, 0}};

#define CSV_OFF(f) offsetof(CsvOpts, f)
/* C-1: the options of kpi_csv. A new option is one row. */
static const SniffOptDef aCsvOpt[] = {
    {"filename", SNIFF_OPT_PATH, CSV_OFF(zFilename), 0, 0, "a path or a glob"},
    {"header", SNIFF_OPT_WORD, CSV_OFF(sc.s.eHeader), aCsvHeader, 0,
     "auto, yes, no"},
    {"header_rows", SNIFF_OPT_COUNT, CSV_OFF(sc.s.nHeaderRows), 0, 1000,
     "a whole number from 0 to 1000"},
    {"delimiter", SNIFF_OPT_CHAR, CSV_OFF(sc.cDelim), 0,
     SNIFF_CHAR_AUTO | SNIFF_CHAR_TAB | SNIFF_CHAR_NOQUOTE,
     "auto, tab or one ASCII character"},
    {"quote", SNIFF_OPT_CHAR, CSV_OFF(sc.cQuote), 0, SNIFF_CHAR_NONE,
     "one ASCII character or none"},
    {"decimal", SNIFF_OPT_WORD, CSV_OFF(sc.s.eDecimal), aCsvDecimal, 0,
     "auto, . or ,"},
    {"encoding", SNIFF_OPT_WORD, CSV_OFF(sc.eEnc), aCsvEncoding, 0,
     "auto, utf8, utf16, latin1, cp1252"},
    {"dateformat", SNIFF_OPT_FMT, CSV_OFF(zDateFmt), 0, 0, ""},
    {"columns", SNIFF_OPT_TEXT, CSV_OFF(zColumns), 0, 0, ""},
    {"types", SNIFF_OPT_WORD, CSV_OFF(sc.s.typesText), aCsvTypes, 0,
     "auto, text"},
    {"skip", SNIFF_OPT_COUNT, CSV_OFF(sc.s.nSkip), 0, 1000,
     "a whole number from 0 to 1000"},
    {"thousands", SNIFF_OPT_WORD, CSV_OFF(sc.s.eThousands), aCsvThousands, 0,
     "auto, ',', '.', ' ' or none"},
    {"nullstr", SNIFF_OPT_TEXT, CSV_OFF(sc.s.zNull), 0, 0, ""},
    {"year", SNIFF_OPT_COUNT, CSV_OFF(sc.s.iYear), 0, 9999,
     "a year from 1 to 9999"},
    {"export_date", SNIFF_OPT_YMD, CSV_OFF(sc.s.iExportDate), 0, 0,
     "a date YYYY-MM-DD"},
};
#define CSV_NOPT ((int)(sizeof(aCsvOpt) / sizeof(aCsvOpt[0])))

static void csvtab_opts_default(CsvOpts *o) {
  memset(o, 0, sizeof(*o));
  sniff_opts_default(&o->sc.s); /* skip and thousands: -1, auto */
  o->sc.cDelim = -1;
  o->sc.cQuote = '"';
  o->sc.eEnc = CSV_ENC_AUTO;
}

static void csvtab_opts_clear(CsvOpts *o) {
  sqlite3_free(o->zFilename);
  sqlite3_free(o->zDateFmt);
  sqlite3_free(o->zColumns);
  sqlite3_free(o->sc.s.zNull);
  memset(o, 0, sizeof(*o));
}

/* C-1: argv[3..] into o, and the checks across options. */
static int csvtab_opts_parse(CsvOpts *o, int argc, const char *const *argv,
                             char **pzErr) {
  unsigned seen = 0;
  int i, rc;
  for (i = 3; i < argc; i++) {
    rc =
        sniff_opt_parse(aCsvOpt, CSV_NOPT, o, argv[i], &seen, "kpi_csv", pzErr);
    if (rc != SQLITE_OK) return rc;
  }
  if (o->zFilename == 0) {
    *pzErr = sqlite3_mprintf("kpi_csv: option 'filename' is required");
    return *pzErr ? SQLITE_ERROR : SQLITE_NOMEM;
  }
  if (o->sc.s.iYear > 0 && o->sc.s.iExportDate > 0) {
    *pzErr = sqlite3_mprintf("kpi_csv: give year or export_date, not both");
    return *pzErr ? SQLITE_ERROR : SQLITE_NOMEM;
  }
  if (o->sc.cDelim >= 0 && o->sc.cDelim == o->sc.cQuote) {
    *pzErr = sqlite3_mprintf(
        "kpi_csv: the delimiter and the quote are both '%c'", o->sc.cDelim);
    return *pzErr ? SQLITE_ERROR : SQLITE_NOMEM;
  }
  return SQLITE_OK;
}

/* ------------------------------------------------------------- the table */

/* One file of the table and how to read it. */
typedef struct CsvFile CsvFile;
struct CsvFile {
  char *zPath;
  int eEnc, cDelim, eEol, nField;
  int nSkip;            /* records before the first data record */
  SniffLayout lay;      /* names, decimal mark and column decisions */
  int *aMap;            /* table column -> cell index, or -1 */
  unsigned char *aDate; /* table column -> 1 when delivered as a date */
  unsigned char *aMd;   /* table column -> 1: yearless dates given a year */
  int nMd;              /* columns with aMd set */
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
  int *aType; /* SNIFF_AUTO, SNIFF_TEXT, ... per column */
};

typedef struct CsvCursor CsvCursor;
struct CsvCursor {
  sqlite3_vtab_cursor base;
  CsvReader *pR;
  int iFile;
  sqlite3_int64 iRowid;
  int eof;
  int *aYmd; /* SF-10 with year: per table column, the current record's
                date as yyyymmdd (0: none), which the next one is near */
};

static void csvtab_free_table(CsvTable *p) {
  int i;
  if (p == 0) return;
  for (i = 0; i < p->nFile; i++) {
    sqlite3_free(p->aFile[i].zPath);
    sqlite3_free(p->aFile[i].aMap);
    sqlite3_free(p->aFile[i].aDate);
    sqlite3_free(p->aFile[i].aMd);
    sniff_layout_clear(&p->aFile[i].lay);
  }
  sqlite3_free(p->aFile);
  sniff_free_strings(p->azCol, p->nCol);
  sqlite3_free(p->aType);
  csvtab_opts_clear(&p->o);
  sqlite3_free(p);
}

/* Room for one more column in azCol and aType. */
static int csvtab_grow(CsvTable *p) {
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

/* The type word z[0..n) of the columns option, or -1. */
static int csvtab_column_type(const char *z, int n) {
  static const struct {
    const char *zWord;
    int eType;
  } aType[] = {{"text", SNIFF_TEXT},
               {"integer", SNIFF_INTEGER},
               {"int", SNIFF_INTEGER},
               {"real", SNIFF_REAL}};
  size_t k;
  if (n == 0) return SNIFF_AUTO;
  for (k = 0; k < sizeof(aType) / sizeof(aType[0]); k++) {
    if ((int)strlen(aType[k].zWord) == n &&
        sqlite3_strnicmp(z, aType[k].zWord, n) == 0) {
      return aType[k].eType;
    }
  }
  return -1;
}

/* One "name [type]" entry z[0..n) of the columns option. */
static int csvtab_column_entry(CsvTable *p, const char *z, int n,
                               char **pzErr) {
  int a = 0, b, c, d, t;
  char *zName;
  while (a < n && sniff_is_blank(z[a]))
    a++;
  b = a;
  while (b < n && !sniff_is_blank(z[b]))
    b++;
  if (b == a) {
    *pzErr = sqlite3_mprintf(
        "kpi_csv: bad value '%s' for option 'columns' (name [type], ...)",
        p->o.zColumns);
    return *pzErr ? SQLITE_ERROR : SQLITE_NOMEM;
  }
  c = b;
  while (c < n && sniff_is_blank(z[c]))
    c++;
  d = n;
  while (d > c && sniff_is_blank(z[d - 1]))
    d--;
  t = csvtab_column_type(z + c, d - c);
  if (t < 0) {
    *pzErr = sqlite3_mprintf(
        "kpi_csv: bad type '%.*s' in option 'columns' (text, integer, real or "
        "none)",
        d - c, z + c);
    return *pzErr ? SQLITE_ERROR : SQLITE_NOMEM;
  }
  zName = sqlite3_mprintf("%.*s", b - a, z + a);
  if (zName == 0) return SQLITE_NOMEM;
  if (sniff_find_name(p->azCol, p->nCol, zName) >= 0) {
    *pzErr = sqlite3_mprintf(
        "kpi_csv: column '%s' appears twice in option 'columns'", zName);
    sqlite3_free(zName);
    return *pzErr ? SQLITE_ERROR : SQLITE_NOMEM;
  }
  if (csvtab_grow(p) != SQLITE_OK) {
    sqlite3_free(zName);
    return SQLITE_NOMEM;
  }
  p->azCol[p->nCol] = zName;
  p->aType[p->nCol] = t;
  p->nCol++;
  return SQLITE_OK;
}

/* Parses the columns option: names and types, by position. */
static int csvtab_parse_columns(CsvTable *p, char **pzErr) {
  const char *z = p->o.zColumns;
  for (;;) {
    const char *zEnd = strchr(z, ',');
    int n = zEnd ? (int)(zEnd - z) : (int)strlen(z);
    int rc = csvtab_column_entry(p, z, n, pzErr);
    if (rc != SQLITE_OK) return rc;
    if (zEnd == 0) return SQLITE_OK;
    z = zEnd + 1;
  }
}

/* C-4: adds the names of one file to the table's union. */
static int csvtab_union(CsvTable *p, const SniffLayout *pLay) {
  int i;
  for (i = 0; i < pLay->nCol; i++) {
    if (sniff_find_name(p->azCol, p->nCol, pLay->azName[i]) >= 0) continue;
    if (csvtab_grow(p) != SQLITE_OK) return SQLITE_NOMEM;
    p->azCol[p->nCol] = sqlite3_mprintf("%s", pLay->azName[i]);
    if (p->azCol[p->nCol] == 0) return SQLITE_NOMEM;
    p->aType[p->nCol] = SNIFF_AUTO;
    p->nCol++;
  }
  return SQLITE_OK;
}

/* C-6: 1 when every non-empty sampled cell of field iField matches. */
static int csvtab_is_date_column(const SniffFile *pF, int iField,
                                 const char *zFmt) {
  const SniffRows *pS = &pF->rows;
  int r, nSeen = 0;
  for (r = pF->lay.iData; r < pS->nRow; r++) {
    TsTime t;
    const char *z;
    int n, k = 0;
    if (iField >= pS->anRow[r]) continue;
    z = pS->aazRow[r][iField];
    n = (int)strlen(z);
    while (k < n && sniff_is_blank(z[k]))
      k++;
    if (k == n) continue;
    if (ts_parse_fmt(z, n, zFmt, -1, &t, 0) != TS_OK) return 0;
    nSeen++;
  }
  return nSeen > 0;
}

/*
** Keeps what the scan needs of a sniffed file in f; the sample is freed by
** the caller, so that a glob of many files keeps only their layouts until
** the table is made. aFieldDate gets the file's C-6 date columns.
*/
static int csvtab_settle(const CsvOpts *o, CsvFile *f, SniffFile *pF,
                         unsigned char **paFieldDate) {
  int k;
  f->eEnc = pF->eEnc;
  f->cDelim = pF->cDelim;
  f->eEol = pF->eEol;
  f->nField = pF->lay.nCol;
  f->nSkip = pF->hasSepLine + pF->lay.iData;
  *paFieldDate = 0;
  if (o->zDateFmt && f->nField > 0) {
    unsigned char *a = sqlite3_malloc64((sqlite3_uint64)f->nField);
    if (a == 0) return SQLITE_NOMEM;
    for (k = 0; k < f->nField; k++) {
      a[k] = (unsigned char)csvtab_is_date_column(pF, k, o->zDateFmt);
    }
    *paFieldDate = a;
  }
  f->lay = pF->lay;
  memset(&pF->lay, 0, sizeof(pF->lay));
  return SQLITE_OK;
}

/* Fills f->aMap and f->aDate once the table's columns are known. */
static int csvtab_map(CsvTable *p, CsvFile *f,
                      const unsigned char *aFieldDate) {
  int i;
  const SniffOpts *so = &p->o.sc.s;
  int hasYear = !so->typesText && (so->iYear > 0 || so->iExportDate > 0);
  f->aMap = sqlite3_malloc64(sizeof(int) * (sqlite3_uint64)(p->nCol + 1));
  f->aDate = sqlite3_malloc64((sqlite3_uint64)p->nCol + 1);
  f->aMd = sqlite3_malloc64((sqlite3_uint64)p->nCol + 1);
  if (f->aMap == 0 || f->aDate == 0 || f->aMd == 0) return SQLITE_NOMEM;
  for (i = 0; i < p->nCol; i++) {
    int k = p->o.zColumns
                ? i
                : sniff_find_name(f->lay.azName, f->lay.nCol, p->azCol[i]);
    f->aMap[i] = k;
    f->aDate[i] = (unsigned char)(k >= 0 && k < f->lay.nCol && aFieldDate &&
                                  p->aType[i] != SNIFF_TEXT && aFieldDate[k]);
    f->aMd[i] =
        (unsigned char)(hasYear && !f->aDate[i] && k >= 0 && k < f->lay.nCol &&
                        p->aType[i] != SNIFF_TEXT && f->lay.aCol[k].isYearless);
    f->nMd += f->aMd[i];
  }
  if (p->o.zColumns) f->nField = p->nCol > f->nField ? p->nCol : f->nField;
  return SQLITE_OK;
}

/* C-2, C-3: sniffs every file of azPath[0..nPath) (taken) into p. */
static int csvtab_sniff_all(CsvTable *p, char **azPath, int nPath,
                            unsigned char **aaDate, char **pzErr) {
  int i, rc;
  p->aFile = sqlite3_malloc64(sizeof(CsvFile) * (sqlite3_uint64)nPath);
  if (p->aFile == 0) return SQLITE_NOMEM;
  memset(p->aFile, 0, sizeof(CsvFile) * (size_t)nPath);
  for (i = 0; i < nPath; i++) {
    CsvFile *f = &p->aFile[i];
    SniffFile sf;
    f->zPath = azPath[i];
    azPath[i] = 0;
    p->nFile = i + 1;
    rc = sniff_csv_file(&p->o.sc, f->zPath, p->nMax, "kpi_csv", &sf, pzErr);
    if (rc != SQLITE_OK) return rc;
    rc = csvtab_settle(&p->o, f, &sf, &aaDate[i]);
    sniff_file_clear(&sf);
    if (rc == SQLITE_OK && p->o.zColumns == 0) rc = csvtab_union(p, &f->lay);
    if (rc != SQLITE_OK) return rc;
  }
  if (p->nCol == 0) {
    *pzErr = sqlite3_mprintf("kpi_csv: %s: no columns (empty file)",
                             p->aFile[0].zPath);
    return *pzErr ? SQLITE_ERROR : SQLITE_NOMEM;
  }
  if (p->nCol > p->nMax - 2) {
    *pzErr = sqlite3_mprintf("kpi_csv: %d columns, more than the limit of %d",
                             p->nCol, p->nMax - 2);
    return *pzErr ? SQLITE_ERROR : SQLITE_NOMEM;
  }
  for (i = 0; i < nPath; i++) {
    rc = csvtab_map(p, &p->aFile[i], aaDate[i]);
    if (rc != SQLITE_OK) return rc;
  }
  return SQLITE_OK;
}

/* C-7, C-9: declares the table's columns and DIRECTONLY. */
static int csvtab_declare(sqlite3 *db, const CsvTable *p, char **pzErr) {
  return sniff_declare(db, "kpi_csv", p->azCol, p->aType, p->nCol,
                       "_file TEXT HIDDEN, _line INTEGER HIDDEN", pzErr);
}

static int csvtab_connect(sqlite3 *db, void *pAux, int argc,
                          const char *const *argv, sqlite3_vtab **ppVtab,
                          char **pzErr) {
  CsvTable *p;
  char **azPath = 0;
  unsigned char **aaDate = 0;
  int nPath = 0, i, rc;
  (void)pAux;
  *ppVtab = 0;
  p = sqlite3_malloc64(sizeof(*p));
  if (p == 0) return SQLITE_NOMEM;
  memset(p, 0, sizeof(*p));
  csvtab_opts_default(&p->o);
  p->nMax = sqlite3_limit(db, SQLITE_LIMIT_COLUMN, -1);
  rc = csvtab_opts_parse(&p->o, argc, argv, pzErr);
  if (rc == SQLITE_OK && p->o.zColumns) rc = csvtab_parse_columns(p, pzErr);
  if (rc == SQLITE_OK) {
    rc = sniff_expand(p->o.zFilename, "kpi_csv", &azPath, &nPath, pzErr);
  }
  if (rc == SQLITE_OK) {
    aaDate = sqlite3_malloc64(sizeof(unsigned char *) * (sqlite3_uint64)nPath);
    if (aaDate == 0) rc = SQLITE_NOMEM;
    if (aaDate) memset(aaDate, 0, sizeof(unsigned char *) * (size_t)nPath);
  }
  if (rc == SQLITE_OK) rc = csvtab_sniff_all(p, azPath, nPath, aaDate, pzErr);
  if (rc == SQLITE_OK) rc = csvtab_declare(db, p, pzErr);
  for (i = 0; aaDate && i < nPath; i++)
    sqlite3_free(aaDate[i]);
  sqlite3_free(aaDate);
  sniff_free_strings(azPath, nPath);
  if (rc != SQLITE_OK) {
    csvtab_free_table(p);
    return rc;
  }
  *ppVtab = &p->base;
  return SQLITE_OK;
}

/*
** C-11: xCreate. A table stored in a database file would give every tool
** without kpi "no such module", break its relative paths from another
** folder and need kpi to be dropped: only temp may hold one.
*/
static int csvtab_create(sqlite3 *db, void *pAux, int argc,
                         const char *const *argv, sqlite3_vtab **ppVtab,
                         char **pzErr) {
  if (argc < 3 || sqlite3_stricmp(argv[1], "temp") != 0) {
    *ppVtab = 0;
    *pzErr = sqlite3_mprintf(
        "kpi_csv: create it in temp: CREATE VIRTUAL TABLE temp.%s USING "
        "kpi_csv(...)",
        argc >= 3 ? argv[2] : "t");
    return *pzErr ? SQLITE_ERROR : SQLITE_NOMEM;
  }
  return csvtab_connect(db, pAux, argc, argv, ppVtab, pzErr);
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

/* ------------------------------------------------------------- the scan */

static int csvtab_open_cursor(sqlite3_vtab *pVtab,
                              sqlite3_vtab_cursor **ppCur) {
  CsvTable *t = (CsvTable *)pVtab;
  CsvCursor *c = sqlite3_malloc64(sizeof(*c));
  if (c == 0) return SQLITE_NOMEM;
  memset(c, 0, sizeof(*c));
  if (t->o.sc.s.iYear > 0) {
    c->aYmd = sqlite3_malloc64(sizeof(int) * (sqlite3_uint64)(t->nCol + 1));
    if (c->aYmd == 0) {
      sqlite3_free(c);
      return SQLITE_NOMEM;
    }
    memset(c->aYmd, 0, sizeof(int) * (size_t)(t->nCol + 1));
  }
  *ppCur = &c->base;
  return SQLITE_OK;
}

static int csvtab_close_cursor(sqlite3_vtab_cursor *pCur) {
  CsvCursor *c = (CsvCursor *)pCur;
  csv_close(c->pR);
  sqlite3_free(c->aYmd);
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

/* Opens file c->iFile and skips the records before its data. */
static int csvtab_start_file(CsvCursor *c) {
  CsvTable *t = (CsvTable *)c->base.pVtab;
  CsvFile *f = &t->aFile[c->iFile];
  char *zErr = 0;
  int rc, r;
  csv_close(c->pR);
  c->pR = 0;
  rc = sniff_csv_open(f->zPath, f->eEnc, "kpi_csv", &c->pR, &zErr);
  if (rc != SQLITE_OK) return rc == SQLITE_NOMEM ? rc : csvtab_fail(c, zErr);
  csv_dialect(c->pR, f->cDelim, t->o.sc.cQuote, f->eEol);
  csv_limit(c->pR, t->nMax);
  if (c->aYmd) memset(c->aYmd, 0, sizeof(int) * (size_t)(t->nCol + 1));
  for (r = 0; r < f->nSkip; r++) {
    rc = csv_next(c->pR);
    if (rc == CSV_DONE) break;
    if (rc != CSV_ROW) {
      return csvtab_fail(c, sniff_read_error("kpi_csv", f->zPath, c->pR, rc));
    }
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

/*
** With year (sniff.h SF-10): each yearless date of the record takes the
** year that puts it nearest to the column's date on the record before;
** the first of a file is in the given year. Done here, on every record,
** so that the years do not depend on which rows a query reads.
*/
static void csvtab_yearless_step(CsvCursor *c, const CsvTable *t,
                                 const CsvFile *f) {
  int i;
  for (i = 0; i < t->nCol; i++) {
    int k = f->aMap[i], n = 0, md = 0;
    if (!f->aMd[i]) continue;
    if (k >= 0 && k < csv_ncell(c->pR)) {
      const char *z = csv_cell(c->pR, k, &n);
      md = sniff_month_day(z, n);
    }
    if (md == 0) continue; /* the previous date stays the reference */
    c->aYmd[i] = sniff_year_near(
        c->aYmd[i] ? c->aYmd[i] : t->o.sc.s.iYear * 10000 + 701, md);
  }
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
      if (f->nMd && c->aYmd) csvtab_yearless_step(c, t, f);
      if (csv_ncell(c->pR) > f->nField) return csvtab_check_width(c, f);
      return SQLITE_OK;
    }
    if (rc != CSV_DONE) {
      return csvtab_fail(c, sniff_read_error("kpi_csv", f->zPath, c->pR, rc));
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

/* C-6: a cell of a date column. */
static void csvtab_result_date(sqlite3_context *ctx, const char *z, int n,
                               const char *zDateFmt) {
  TsTime tm;
  int k = 0;
  while (k < n && sniff_is_blank(z[k]))
    k++;
  if (k == n) return;
  if (ts_parse_fmt(z, n, zDateFmt, -1, &tm, 0) == TS_OK) {
    char aIso[TS_ISO_MAX];
    int nIso = ts_format_iso(&tm, aIso);
    sqlite3_result_text(ctx, aIso, nIso, SQLITE_TRANSIENT);
    return;
  }
  csvtab_result_text(ctx, z);
}

/* SF-10: a yearless date with its year; 0 when the cell is not one. */
static int csvtab_result_yearless(sqlite3_context *ctx, const CsvCursor *c,
                                  const CsvTable *t, int i, const char *z,
                                  int n) {
  char aYmd[11];
  int md = sniff_month_day(z, n), ymd;
  if (md == 0) return 0;
  ymd = c->aYmd ? c->aYmd[i] : sniff_year_export(t->o.sc.s.iExportDate, md);
  sniff_ymd_text(ymd, aYmd);
  sqlite3_result_text(ctx, aYmd, 10, SQLITE_TRANSIENT);
  return 1;
}

static int csvtab_column(sqlite3_vtab_cursor *pCur, sqlite3_context *ctx,
                         int i) {
  CsvCursor *c = (CsvCursor *)pCur;
  CsvTable *t = (CsvTable *)c->base.pVtab;
  CsvFile *f = &t->aFile[c->iFile];
  SniffValue v;
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
  if (f->aDate[i]) {
    csvtab_result_date(ctx, z, n, t->o.zDateFmt);
    return SQLITE_OK;
  }
  if (f->aMd[i] && csvtab_result_yearless(ctx, c, t, i, z, n)) return SQLITE_OK;
  switch (sniff_cell(&f->lay, k, z, n,
                     t->o.sc.s.typesText ? SNIFF_TEXT : t->aType[i], &v)) {
    case SQLITE_INTEGER:
      sqlite3_result_int64(ctx, v.i);
      break;
    case SQLITE_FLOAT:
      sqlite3_result_double(ctx, v.r);
      break;
    case SQLITE_TEXT:
      csvtab_result_text(ctx, z);
      break;
    default:
      break;
  }
  return SQLITE_OK;
}

static int csvtab_rowid(sqlite3_vtab_cursor *pCur, sqlite3_int64 *pRowid) {
  *pRowid = ((CsvCursor *)pCur)->iRowid;
  return SQLITE_OK;
}

static sqlite3_module csvtabModule = {
    0,                   /* iVersion */
    csvtab_create,       /* xCreate: CREATE VIRTUAL TABLE, in temp only */
    csvtab_connect,      /* xConnect: the same work, wherever it is stored */
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

int csvtab_register(sqlite3 *db) {
  return kpi_register_module(db, "kpi_csv", &csvtabModule);
}
