/*
** xlsxread.h: the .xlsx workbook reader under kpi_xlsx (SPEC 6.2), on
** zipread.h and xmlpull.h. No SQLite: the caller's allocator, explicit
** status codes, bounded limits.
**
**   XlsxBook *pB;
**   rc = xlsx_open(&pB, "report.xlsx", &alloc);
**   i = xlsx_sheet_find(pB, "ENGAGEMENT");
**   rc = xlsx_sheet_open(pB, i, &pS);
**   while ((rc = xlsx_next_row(pS)) == XLSX_ROW) {
**     aCell = xlsx_cells(pS, &nCell);      sparse, in column order
**   }
**   if (rc != XLSX_DONE) puts(xlsx_errmsg(pB));
**   xlsx_sheet_close(pS);
**   xlsx_close(pB);
**
** Requirements (tests cite them as XR-n):
**   XR-1  The workbook part is found through _rels/.rels (else
**         xl/workbook.xml); its sheets, in workbook order, through their
**         relationships, with name, state (visible, hidden, veryHidden)
**         and kind (a chartsheet has no cells). date1904 is read.
**   XR-2  Other formats are XLSX_EFORMAT with a message naming them: an
**         Excel 97-2003 .xls (an OLE2 file with a Workbook stream), a
**         password-protected workbook (an OLE2 file with an
**         EncryptedPackage stream), SpreadsheetML 2003 XML, an HTML table,
**         an .xlsb (xl/workbook.bin), an OpenDocument spreadsheet, another
**         ZIP, and a file that is not a ZIP archive.
**   XR-3  Shared strings (plain and rich text runs, phonetic runs left
**         out) are loaded once; inline strings (t="inlineStr") and formula
**         strings (t="str") are read in the row. _xHHHH_ escapes are
**         decoded as Excel does (_x005F_ is a literal '_').
**   XR-4  Cells: t="s" shared string, t="inlineStr"/"str" text, t="b"
**         boolean 0/1, t="e" error (its text, e.g. #DIV/0!), t="d" ISO
**         text as written, numbers otherwise; a formula gives its cached
**         <v>, none when it has none. A missing r attribute means the next
**         row or column.
**   XR-5  Dates by number format (styles.xml cellXfs): built-in formats
**         14-22, 27-36, 45-47, 50-58 and custom codes whose first section,
**         without quoted text, bracketed [colour]/[$-locale] groups,
**         backslash-escaped characters and _x / *x padding, holds d, m, y,
**         h or s. A code with d or y, or with m but no h or s, is a date:
**         XLSX_DATE "YYYY-MM-DDTHH:MM:SS[.mmm]Z" (milliseconds only when
**         not 0); else a time: XLSX_TIME "HH:MM:SS[.mmm]" when 0 <= v < 1,
**         else as a date. [h], [m] or [s] codes are durations:
**         XLSX_DURATION with r in seconds. The 1900 system counts Excel's
**         phantom 1900-02-29 (serial 60, delivered as that text); serials
**         below 60 are one day later than the 1900-03-01 base would say.
**         The 1904 system counts from 1904-01-01. A negative serial or
**         one past 9999-12-31 stays a number.
**   XR-6  Rows stream: memory is the shared strings, the styles and one
**         row. A row of more than XLSX_MAX_COL cells or a reference past
**         XFD1048576 is XLSX_ECORRUPT.
**   XR-7  xlsx_sheet_merges finds a sheet's merged ranges (after its
**         rows, so a pass of its own over raw inflated bytes, in a window
**         that tags may straddle), sorted by first row;
**         xlsx_sheet_set_merges then makes every cell of a merged range
**         but its top-left read as empty.
**   XR-8  Errors from the ZIP and XML layers name the part; limits (ZIP
**         size and ratio, XML depth and token size) are XLSX_ELIMIT.
*/
#ifndef KPI_XLSXREAD_H
#define KPI_XLSXREAD_H

#include <stddef.h>

#include "zipread.h"

#define XLSX_OK 0
#define XLSX_ROW 1
#define XLSX_DONE 2
#define XLSX_ENOMEM 3
#define XLSX_EOPEN 4   /* the file cannot be opened (errno kept) */
#define XLSX_EFORMAT 5 /* not an .xlsx workbook (XR-2) */
#define XLSX_ECORRUPT 6
#define XLSX_ELIMIT 7
#define XLSX_ECHART 8 /* the sheet is a chart sheet */

/* Cell types. */
#define XLSX_EMPTY 0
#define XLSX_NUMBER 1   /* z: the number as written; r: its value */
#define XLSX_TEXT 2     /* z */
#define XLSX_BOOL 3     /* r: 0 or 1 */
#define XLSX_ERROR 4    /* z: #DIV/0!, #N/A, ... */
#define XLSX_DATE 5     /* z: YYYY-MM-DDTHH:MM:SS[.mmm]Z (or t="d" text) */
#define XLSX_TIME 6     /* z: HH:MM:SS[.mmm] */
#define XLSX_DURATION 7 /* r: seconds */

/* Sheet states. */
#define XLSX_VISIBLE 0
#define XLSX_HIDDEN 1
#define XLSX_VERYHIDDEN 2

#define XLSX_MAX_ROW 1048576
#define XLSX_MAX_COL 16384

typedef struct ZipAlloc XlsxAlloc;
typedef struct XlsxBook XlsxBook;
typedef struct XlsxSheet XlsxSheet;

typedef struct XlsxCell XlsxCell;
struct XlsxCell {
  int iCol; /* 1-based */
  int eType;
  const char *z; /* NUL-terminated, valid until the next row */
  int n;
  double r;
};

/* A cell range, 1-based and inclusive. */
typedef struct XlsxRange XlsxRange;
struct XlsxRange {
  int r0, c0, r1, c1;
};

int xlsx_open(XlsxBook **pp, const char *zPath, const XlsxAlloc *pAlloc);
/* n bytes of memory, not copied. */
int xlsx_open_mem(XlsxBook **pp, const void *p, size_t n,
                  const XlsxAlloc *pAlloc);
void xlsx_close(XlsxBook *p);
/* A description of the last error, e.g. "xl/worksheets/sheet1.xml: ...". */
const char *xlsx_errmsg(const XlsxBook *p);

int xlsx_nsheet(const XlsxBook *p);
const char *xlsx_sheet_name(const XlsxBook *p, int i);
int xlsx_sheet_state(const XlsxBook *p, int i);
int xlsx_sheet_is_chart(const XlsxBook *p, int i);
/* The sheet named zName (exact, else ASCII case folded), or -1. */
int xlsx_sheet_find(const XlsxBook *p, const char *zName);
int xlsx_date1904(const XlsxBook *p);

int xlsx_sheet_open(XlsxBook *p, int i, XlsxSheet **pp);
/* The <dimension ref> the sheet declares: 1 when it has one. */
int xlsx_sheet_dimension(const XlsxSheet *pS, XlsxRange *pR);
int xlsx_next_row(XlsxSheet *pS);
int xlsx_row_number(const XlsxSheet *pS);
const XlsxCell *xlsx_cells(const XlsxSheet *pS, int *pn);
void xlsx_sheet_close(XlsxSheet *pS);

/* XR-7. *paRange is freed with the allocator's xFree. */
int xlsx_sheet_merges(XlsxBook *p, int i, XlsxRange **paRange, int *pn);
void xlsx_sheet_set_merges(XlsxSheet *pS, const XlsxRange *a, int n);

/* "B3" or "B3:D40" (a single cell is a 1x1 range); 0 when malformed. */
int xlsx_parse_range(const char *z, int n, XlsxRange *pR);
/* "A1:F8" (or "A1" for one cell) into z, at least 24 bytes. */
void xlsx_format_range(const XlsxRange *pR, char *z);

#endif /* KPI_XLSXREAD_H */
