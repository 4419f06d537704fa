/*
** sniff.h: what kpi_csv (csvtab.c), kpi_csv_sniff (csvsniff.c) and a
** workbook reader share: deciding, from a sample of rows of text cells,
** where the header is, what the columns are called and how each column's
** cells are typed; and, for CSV files, the dialect (sniff_csv_file).
**
** A reader that is not a CSV file (a workbook sheet) uses the first part
** only:
**
**   SniffRows s = {0};                    the first rows, as text cells
**   sniff_rows_add(&s, azCell, nCell);    once per row (the cells copied)
**   SniffOpts o; sniff_opts_default(&o);  or the table's options
**   rc = sniff_layout(&o, &s, ',', &lay, &zWhy);  header, names, types
**   ... lay.nSkip rows before the header, lay.hasHeader, lay.nCol,
**   ... lay.azName[i], lay.aCol[i]; data rows start at lay.iData
**   sniff_cell(&lay, i, z, n, SNIFF_AUTO, &v);    type one text cell
**   sniff_layout_clear(&lay); sniff_rows_clear(&s);
**
** Requirements (tests cite them as SF-n):
**   SF-1 Header (auto): the first row after the skipped rows is a header
**        unless one of its cells is a number or starts with a yyyy-mm-dd
**        date. header_rows description rows after it are not data (when
**        unset, 0 or 1 as SF-11 decides).
**   SF-2 Decimal mark (auto): ',' when the delimiter is not ',' and the
**        sampled data cells hold numbers with a decimal comma and none
**        with a point; else '.'.
**   SF-3 Names: the header's cells folded to snake_case ASCII (lower case;
**        Latin-1 and common Latin Extended-A letters folded, ß to ss; each
**        run of other characters one '_'; no '_' at either end); an empty
**        name is column_N (N its 1-based position); a repeated name gets
**        _2, _3. Without a header: column_1 .. column_N, N the most cells
**        of a sampled data row.
**   SF-4 One cell (sniff_cell): empty or blank -> NULL; an integer ->
**        INTEGER, except with a leading zero, a leading '+' or more than 18
**        digits (ids: TEXT); a decimal (the decimal mark, optional
**        exponent) -> REAL; a number followed by '%' (blanks, U+00A0 or
**        U+202F allowed) -> REAL fraction; all else TEXT as it is. Forced
**        SNIFF_INTEGER reads any integer that fits 64 bits and integral
**        reals as INTEGER; SNIFF_REAL reads numbers as REAL.
**   SF-5 A column's display type (SniffCol.eType): TEXT when a sampled
**        cell is text, else REAL when one is a decimal, else INTEGER, or 0
**        (no non-empty sampled cell). Placeholders (SF-9) in a numeric
**        column and yearless dates (SF-10) are left out of it.
**   SF-6 Title and preamble rows (SPEC 6.1): with skip unset and header
**        not no, the leading rows (at most SNIFF_MAX_TITLE) that hold at
**        most one non-empty cell are skipped when the row after them holds
**        two or more and is a header (SF-1; with header=yes, any row).
**        skip=N skips N rows instead, and nothing is looked for. A sample
**        made only of one-cell rows of which two or more read "Label:
**        value" (LinkedIn's "Report Start: August 18, 2019") is a preamble
**        with no header: an error. So are title rows and a header with no
**        data row after them.
**   SF-7 Thousands separators, per column: a cell "795,836", "4,838.80",
**        "1 200" (a space, U+00A0 or U+202F), "1.200,50" is grouped when
**        its integer part is 1 to 3 digits then groups of exactly 3, each
**        after the one separator, which is not the decimal mark. A column
**        takes a separator when its sampled cells are numbers, grouped
**        numbers, placeholders and buckets only, one cell at least is
**        grouped, and no sampled cell holds that separator in another way;
**        then its grouped cells are numbers. A numeric column (SF-9) of a
**        file with a decimal point and no ',' in its sample takes ',' too,
**        for cells past the sample ("1,004" once an audience passes 1,000).
**        Other columns ("5,7" id lists) keep their text. thousands=, . ' '
**        or none forces one for every column (none: no grouping anywhere).
**   SF-8 The decimal mark of SF-2 counts "1.200,50" and "1 200,5" as
**        decimal commas, and a point in a cell that is exactly a grouped
**        integer ("1.200") as neither mark.
**   SF-9 Placeholders: a cell that is, blanks trimmed, one of "--", "-",
**        "—", "N/A", "n/a", "undefined", "null" (nullstr='a,b' gives the
**        list instead; nullstr='' none) is NULL in a numeric column: one
**        whose sampled cells are numbers (SF-7 included), placeholders and
**        buckets only, with at least one number. In any other column it is
**        text. Buckets ("< 10%", "> 90%": '<' or '>', a number) are text.
**   SF-10 Yearless dates: a column whose non-empty sampled cells are all
**        "Month D" (English month, full or three letters, any case; a day
**        the month has, February 29 included) is a yearless date column.
**        With year=Y its cells become 'YYYY-MM-DD': the column's first
**        date of each file is in year Y, and each later one takes the year
**        (the previous date's, one before or one after; for February 29
**        the nearest leap year) that puts it nearest to the date of the
**        record before it, so a daily series
**        crossing New Year, in either order, gets the right years. With
**        export_date=YYYY-MM-DD, each is the latest such date on or before
**        the export date. Without either it stays text.
**   SF-11 Description rows (header_rows unset): the row after the header
**        describes the columns (Facebook Insights' "Lifetime: The number
**        of people who ...") when, deciding the columns on the rows after
**        it, two or more are numeric, two or more of those hold text in
**        it and none a number or a placeholder. Then it is skipped.
*/
#ifndef KPI_SNIFF_H
#define KPI_SNIFF_H

#include "csvparse.h"
#include "kpi.h"

#define SNIFF_SAMPLE_ROWS 200 /* data rows sampled after the header */
#define SNIFF_MAX_TITLE 20    /* leading rows SF-6 may take as titles */

/* How sniff_cell types a cell (the columns option's types). */
#define SNIFF_AUTO 0
#define SNIFF_TEXT 1
#define SNIFF_INTEGER 2
#define SNIFF_REAL 3

/* Rows of text cells: aazRow[r][c] (NUL-terminated), c < anRow[r]. */
typedef struct SniffRows SniffRows;
struct SniffRows {
  int nRow, nAlloc;
  char ***aazRow; /* each row one allocation: pointers, then texts */
  int *anRow;
};
/* Appends a copy of the n cells az[0..n) (az[i] NUL-terminated). */
int sniff_rows_add(SniffRows *p, const char *const *az, int n);
/* Appends a row that is already one sniff-style allocation (taken). */
int sniff_rows_take(SniffRows *p, char **az, int n);
void sniff_rows_clear(SniffRows *p);

/* The options that sniffing reads (a subset of kpi_csv's). */
typedef struct SniffOpts SniffOpts;
struct SniffOpts {
  int eHeader;     /* -1 auto, 0 no, 1 yes */
  int nHeaderRows; /* description rows after the header (SF-1), -1 auto */
  int eDecimal;    /* -1 auto, '.' or ',' */
  int typesText;   /* types=text: every non-empty cell TEXT */
  int nSkip;       /* SF-6: -1 auto, else rows skipped before the header */
  int eThousands;  /* SF-7: -1 auto, 0 none, ',', '.' or ' ' */
  char *zNull;     /* SF-9: the nullstr list, or 0 for the default */
  int iYear;       /* SF-10: year=, or 0 */
  int iExportDate; /* SF-10: export_date as yyyymmdd, or 0 */
};
void sniff_opts_default(SniffOpts *o);

/* What was decided for one column. */
typedef struct SniffCol SniffCol;
struct SniffCol {
  int eType;        /* SF-5: SQLITE_INTEGER, SQLITE_FLOAT, SQLITE_TEXT or 0 */
  int isNumeric;    /* SF-9: placeholders read as NULL */
  int isYearless;   /* SF-10 */
  char cThou;       /* SF-7: ',', '.', ' ' (any of the three spaces) or 0 */
  int nGrouped;     /* grouped cells in the sample */
  int nPlaceholder; /* placeholders among the sampled cells */
};

/* What sniff_layout decided for a sample. */
typedef struct SniffLayout SniffLayout;
struct SniffLayout {
  int nSkip;     /* SF-6: rows of the sample before the header (or data) */
  int hasHeader; /* row nSkip is the header */
  int iData;     /* the sample's first data row */
  char cDec;     /* decimal mark, '.' or ',' */
  int nCol;
  char **azName;  /* nCol SF-3 names */
  SniffCol *aCol; /* nCol decisions */
  int nNull;      /* SF-9: the placeholder words */
  char **azNull;
  int iYear, iExportDate; /* SF-10, from the options */
};
/*
** Decides the layout of the sample (SF-1..10). cDelim is the file's
** delimiter (SF-2), or 0 when there is none (a workbook). Returns
** SQLITE_OK, SQLITE_NOMEM, or SQLITE_ERROR with *pzWhy a static text
** that the caller puts after the file's name (SF-6).
*/
int sniff_layout(const SniffOpts *o, const SniffRows *pS, int cDelim,
                 SniffLayout *pLay, const char **pzWhy);
void sniff_layout_clear(SniffLayout *pLay);

/* A typed cell. */
typedef struct SniffValue SniffValue;
struct SniffValue {
  int eType; /* SQLITE_NULL, SQLITE_INTEGER, SQLITE_FLOAT or SQLITE_TEXT */
  sqlite3_int64 i;
  double r;
};
/*
** SF-4, SF-7, SF-9: types z[0..n) as column iCol of the layout decides;
** eForce is SNIFF_AUTO or a columns option type. Returns eType. A yearless
** date (SF-10) is SQLITE_TEXT here: see sniff_yearless.
*/
int sniff_cell(const SniffLayout *pLay, int iCol, const char *z, int n,
               int eForce, SniffValue *pV);
/*
** SF-10: the month and day of a "Month D" cell as m*100+d, or 0. And the
** 'YYYY-MM-DD' of md in the year that sniff_year_near or the export date
** gives (aOut holds 11 bytes).
*/
int sniff_month_day(const char *z, int n);
int sniff_year_near(int iPrevYmd, int md);
int sniff_year_export(int iExportYmd, int md);
void sniff_ymd_text(int ymd, char *aOut);
/* SF-4 under a given decimal mark, without a layout. */
int sniff_number(const char *z, int n, char cDec, int anyInt, SniffValue *pV);
/* SF-3: the snake_case ASCII of z[0..n), "" when nothing is left. */
char *sniff_snake(const char *z, int n);
/* 1 for the blanks trimmed around cells: space, tab, CR, LF. */
int sniff_is_blank(char c);
/* Index of zName in az[0..n), or -1. */
int sniff_find_name(char *const *az, int n, const char *zName);
void sniff_free_strings(char **az, int n);

/* ------------------------------------------------------------ CSV files */

/* The CSV options that sniffing a file reads. */
typedef struct SniffCsvOpts SniffCsvOpts;
struct SniffCsvOpts {
  SniffOpts s;
  int cDelim; /* -1 auto */
  int cQuote; /* -1 none */
  int eEnc;   /* CSV_ENC_* */
};

/* What sniffing one CSV file decided, and its sample. */
typedef struct SniffFile SniffFile;
struct SniffFile {
  int eEnc, hadBom, isGzip;
  int hasSepLine; /* an Excel "sep=X" first line, not a record (SPEC 6.1) */
  int cDelim, eEol;
  int crlf;       /* the first line ends in CRLF (kpi_csv_sniff shows it) */
  SniffRows rows; /* the first records, after any sep= line */
  SniffLayout lay;
  int nHead;     /* cells of the header record (0 without one) */
  char **azHead; /* rows.aazRow[lay.nSkip] when hasHeader, not owned */
};
/*
** Opens zPath, decides its encoding, line ends and delimiter (csvparse.h
** P-2, P-4, csv_sniff_delim), reads its first records and decides their
** layout. nMax is the column limit. zMod ("kpi_csv") starts the messages.
*/
int sniff_csv_file(const SniffCsvOpts *o, const char *zPath, int nMax,
                   const char *zMod, SniffFile *pF, char **pzErr);
void sniff_file_clear(SniffFile *pF);
/* Opens zPath for reading; sets *pzErr ("zMod: cannot open ...") on error. */
int sniff_csv_open(const char *zPath, int eEnc, const char *zMod,
                   CsvReader **ppR, char **pzErr);
/* "zMod: path:line: msg" for a reader error (0 when memory runs out). */
char *sniff_read_error(const char *zMod, const char *zPath, CsvReader *pR,
                       int rc);
/*
** The files of a filename option (csvtab.c C-2), a path or a glob, in
** byte order of their names (*pazPath: n strings, sniff_free_strings).
*/
int sniff_expand(const char *zPattern, const char *zMod, char ***pazPath,
                 int *pn, char **pzErr);
/*
** Declares a file table to SQLite: the sniffed columns (aType values are
** SNIFF_* types: none, TEXT, INTEGER, REAL), then zHidden (the module's
** hidden columns, e.g. "_file TEXT HIDDEN, _line INTEGER HIDDEN"), and
** makes it DIRECTONLY. An error is "zMod: <SQLite's message>" in *pzErr.
*/
int sniff_declare(sqlite3 *db, const char *zMod, char *const *azCol,
                  const int *aType, int nCol, const char *zHidden,
                  char **pzErr);
/* The reader's allocator: SQLite's. */
extern const CsvAlloc sniffAlloc;

/* ------------------------------------------------- table-driven options */

/* Kinds of option values, each parsed by one function of sniff.c. */
#define SNIFF_OPT_PATH 1  /* non-empty text, copied: char* */
#define SNIFF_OPT_TEXT 2  /* any text, copied: char* */
#define SNIFF_OPT_WORD 3  /* one of aWord's words: int */
#define SNIFF_OPT_COUNT 4 /* a whole number 0..iMax: int */
#define SNIFF_OPT_CHAR 5  /* one ASCII character (iMax: SNIFF_CHAR_*): int */
#define SNIFF_OPT_FMT 6   /* a strptime-style format (tsparse.c): char* */
#define SNIFF_OPT_YMD 8   /* a date YYYY-MM-DD: int yyyymmdd */

/* What a SNIFF_OPT_CHAR option accepts besides one character. */
#define SNIFF_CHAR_NONE 1    /* "none" or empty: -1 */
#define SNIFF_CHAR_AUTO 2    /* "auto": -1 */
#define SNIFF_CHAR_TAB 4     /* "tab" or "\t": a tab */
#define SNIFF_CHAR_NOQUOTE 8 /* not '"' */

/* A word of a SNIFF_OPT_WORD option and the value it sets. */
typedef struct SniffWord SniffWord;
struct SniffWord {
  const char *zWord;
  int iValue;
};

/* One row of an options table: a new option is one row. */
typedef struct SniffOptDef SniffOptDef;
struct SniffOptDef {
  const char *zName;
  int eKind;
  size_t iOffset;         /* of the field in the options struct */
  const SniffWord *aWord; /* SNIFF_OPT_WORD: ends with {0, 0} */
  int iMax;               /* SNIFF_OPT_COUNT's largest value, or the
                             SNIFF_CHAR_* flags of SNIFF_OPT_CHAR */
  const char *zWhat;      /* the accepted values, for the error message */
};
/*
** Parses one "key=value" argument into the struct at pOpts. *pSeen has a
** bit per row of aDef (at most 32 rows). zMod starts the messages.
*/
int sniff_opt_parse(const SniffOptDef *aDef, int nDef, void *pOpts,
                    const char *zArg, unsigned *pSeen, const char *zMod,
                    char **pzErr);

#endif /* KPI_SNIFF_H */
