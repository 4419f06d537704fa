/*
** xlsxsheets.c: kpi_xlsx_sheets, the sheets of a workbook.
**
**   SELECT * FROM kpi_xlsx_sheets('report.xlsx');
**
** Requirements (tests cite them as XS-n):
**   XS-1  kpi_xlsx_sheets(filename): one row per sheet of the file (the
**         first match of a glob), in workbook order: name, number
**         (1-based), used_range (the bounding box of the cells that hold a
**         value, found by reading the sheet: the <dimension> a writer
**         declares can be stale; NULL for an empty or chart sheet),
**         visible (1 or 0), state (visible, hidden or veryHidden) and kind
**         (worksheet or chartsheet). A file that cannot be read is an
**         error as kpi_xlsx gives it (XL-2, XL-7).
*/
#include <errno.h>
#include <string.h>

#include "kpi.h"
#include "sniff.h"
#include "xlsxread.h"

#define XLSXSHEETS_COL_FILENAME 6

static void *xlsxsheets_realloc(void *p, size_t n) {
  return sqlite3_realloc64(p, (sqlite3_uint64)n);
}
static void xlsxsheets_free(void *p) {
  sqlite3_free(p);
}
static const XlsxAlloc xlsxsheetsAlloc = {xlsxsheets_realloc, xlsxsheets_free};

typedef struct SheetsCursor SheetsCursor;
struct SheetsCursor {
  sqlite3_vtab_cursor base;
  XlsxBook *pB;
  XlsxRange *aUsed; /* per sheet; r0 == 0 when empty */
  int iRow, nRow;
};

static int xlsxsheets_connect(sqlite3 *db, void *pAux, int argc,
                              const char *const *argv, sqlite3_vtab **ppVtab,
                              char **pzErr) {
  sqlite3_vtab *p;
  int rc;
  (void)pAux;
  (void)argc;
  (void)argv;
  (void)pzErr;
  rc = sqlite3_declare_vtab(db,
                            "CREATE TABLE x(name TEXT, number INTEGER, "
                            "used_range TEXT, visible INTEGER, state TEXT, "
                            "kind TEXT, filename HIDDEN)");
  if (rc != SQLITE_OK) return rc;
  rc = sqlite3_vtab_config(db, SQLITE_VTAB_DIRECTONLY);
  if (rc != SQLITE_OK) return rc;
  p = sqlite3_malloc64(sizeof(*p));
  if (p == 0) return SQLITE_NOMEM;
  memset(p, 0, sizeof(*p));
  *ppVtab = p;
  return SQLITE_OK;
}

static int xlsxsheets_disconnect(sqlite3_vtab *pVtab) {
  sqlite3_free(pVtab);
  return SQLITE_OK;
}

static int xlsxsheets_best_index(sqlite3_vtab *pVtab,
                                 sqlite3_index_info *pIdx) {
  int i;
  (void)pVtab;
  for (i = 0; i < pIdx->nConstraint; i++) {
    const struct sqlite3_index_constraint *pC = &pIdx->aConstraint[i];
    if (pC->iColumn == XLSXSHEETS_COL_FILENAME &&
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

static int xlsxsheets_open(sqlite3_vtab *pVtab, sqlite3_vtab_cursor **ppCur) {
  SheetsCursor *c = sqlite3_malloc64(sizeof(*c));
  (void)pVtab;
  if (c == 0) return SQLITE_NOMEM;
  memset(c, 0, sizeof(*c));
  *ppCur = &c->base;
  return SQLITE_OK;
}

static void xlsxsheets_reset(SheetsCursor *c) {
  xlsx_close(c->pB);
  sqlite3_free(c->aUsed);
  c->pB = 0;
  c->aUsed = 0;
  c->iRow = c->nRow = 0;
}

static int xlsxsheets_close(sqlite3_vtab_cursor *pCur) {
  xlsxsheets_reset((SheetsCursor *)pCur);
  sqlite3_free(pCur);
  return SQLITE_OK;
}

static int xlsxsheets_fail(sqlite3_vtab_cursor *pCur, char *zMsg) {
  sqlite3_free(pCur->pVtab->zErrMsg);
  pCur->pVtab->zErrMsg = zMsg;
  return zMsg ? SQLITE_ERROR : SQLITE_NOMEM;
}

/* XS-1: the bounding box of sheet i's cells with a value. */
static int xlsxsheets_used(XlsxBook *pB, int i, XlsxRange *pR) {
  XlsxSheet *pS;
  int rc;
  memset(pR, 0, sizeof(*pR));
  if (xlsx_sheet_is_chart(pB, i)) return XLSX_DONE;
  rc = xlsx_sheet_open(pB, i, &pS);
  if (rc != XLSX_OK) return rc;
  while ((rc = xlsx_next_row(pS)) == XLSX_ROW) {
    int n, iRow = xlsx_row_number(pS);
    const XlsxCell *a = xlsx_cells(pS, &n);
    if (n == 0) continue;
    if (pR->r0 == 0) {
      pR->r0 = iRow;
      pR->c0 = a[0].iCol;
    }
    pR->r1 = iRow;
    if (a[0].iCol < pR->c0) pR->c0 = a[0].iCol;
    if (a[n - 1].iCol > pR->c1) pR->c1 = a[n - 1].iCol;
  }
  xlsx_sheet_close(pS);
  return rc;
}

static int xlsxsheets_filter(sqlite3_vtab_cursor *pCur, int idxNum,
                             const char *idxStr, int argc,
                             sqlite3_value **argv) {
  SheetsCursor *c = (SheetsCursor *)pCur;
  const char *zArg;
  char **azPath = 0, *zErr = 0;
  int nPath = 0, rc, i;
  (void)idxStr;
  xlsxsheets_reset(c);
  if (idxNum == 0 || argc < 1 ||
      (zArg = (const char *)sqlite3_value_text(argv[0])) == 0) {
    return xlsxsheets_fail(
        pCur, sqlite3_mprintf("kpi_xlsx_sheets: a filename argument is "
                              "required"));
  }
  rc = sniff_expand(zArg, "kpi_xlsx_sheets", &azPath, &nPath, &zErr);
  if (rc != SQLITE_OK)
    return rc == SQLITE_NOMEM ? rc : xlsxsheets_fail(pCur, zErr);
  rc = xlsx_open(&c->pB, azPath[0], &xlsxsheetsAlloc);
  if (rc != XLSX_OK) {
    zErr = rc == XLSX_ENOMEM ? 0
           : rc == XLSX_EOPEN
               ? sqlite3_mprintf("kpi_xlsx_sheets: cannot open '%s': %s",
                                 azPath[0], strerror(errno))
               : sqlite3_mprintf("kpi_xlsx_sheets: %s: %s", azPath[0],
                                 xlsx_errmsg(c->pB));
    sniff_free_strings(azPath, nPath);
    return xlsxsheets_fail(pCur, zErr);
  }
  c->nRow = xlsx_nsheet(c->pB);
  c->aUsed = sqlite3_malloc64(sizeof(XlsxRange) * (size_t)(c->nRow + 1));
  if (c->aUsed == 0) {
    sniff_free_strings(azPath, nPath);
    return SQLITE_NOMEM;
  }
  for (i = 0; i < c->nRow; i++) {
    rc = xlsxsheets_used(c->pB, i, &c->aUsed[i]);
    if (rc != XLSX_DONE) {
      zErr = rc == XLSX_ENOMEM
                 ? 0
                 : sqlite3_mprintf("kpi_xlsx_sheets: %s: sheet '%s': %s",
                                   azPath[0], xlsx_sheet_name(c->pB, i),
                                   xlsx_errmsg(c->pB));
      sniff_free_strings(azPath, nPath);
      return xlsxsheets_fail(pCur, zErr);
    }
  }
  sniff_free_strings(azPath, nPath);
  return SQLITE_OK;
}

static int xlsxsheets_next(sqlite3_vtab_cursor *pCur) {
  ((SheetsCursor *)pCur)->iRow++;
  return SQLITE_OK;
}

static int xlsxsheets_eof(sqlite3_vtab_cursor *pCur) {
  SheetsCursor *c = (SheetsCursor *)pCur;
  return c->iRow >= c->nRow;
}

static int xlsxsheets_column(sqlite3_vtab_cursor *pCur, sqlite3_context *ctx,
                             int i) {
  static const char *const azState[] = {"visible", "hidden", "veryHidden"};
  SheetsCursor *c = (SheetsCursor *)pCur;
  int k = c->iRow, eState = xlsx_sheet_state(c->pB, k);
  char aRange[32];
  switch (i) {
    case 0:
      sqlite3_result_text(ctx, xlsx_sheet_name(c->pB, k), -1, SQLITE_TRANSIENT);
      break;
    case 1:
      sqlite3_result_int(ctx, k + 1);
      break;
    case 2:
      if (c->aUsed[k].r0 > 0) {
        xlsx_format_range(&c->aUsed[k], aRange);
        sqlite3_result_text(ctx, aRange, -1, SQLITE_TRANSIENT);
      }
      break;
    case 3:
      sqlite3_result_int(ctx, eState == XLSX_VISIBLE);
      break;
    case 4:
      sqlite3_result_text(ctx, azState[eState], -1, SQLITE_STATIC);
      break;
    case 5:
      sqlite3_result_text(
          ctx, xlsx_sheet_is_chart(c->pB, k) ? "chartsheet" : "worksheet", -1,
          SQLITE_STATIC);
      break;
    default:
      break;
  }
  return SQLITE_OK;
}

static int xlsxsheets_rowid(sqlite3_vtab_cursor *pCur, sqlite3_int64 *pRowid) {
  *pRowid = ((SheetsCursor *)pCur)->iRow + 1;
  return SQLITE_OK;
}

static sqlite3_module xlsxsheetsModule = {
    0,                     /* iVersion */
    0,                     /* xCreate: eponymous only */
    xlsxsheets_connect,    /* xConnect */
    xlsxsheets_best_index, /* xBestIndex: needs filename = ? */
    xlsxsheets_disconnect, /* xDisconnect */
    0,                     /* xDestroy */
    xlsxsheets_open,       /* xOpen */
    xlsxsheets_close,      /* xClose */
    xlsxsheets_filter,     /* xFilter: reads the workbook */
    xlsxsheets_next,       /* xNext */
    xlsxsheets_eof,        /* xEof */
    xlsxsheets_column,     /* xColumn */
    xlsxsheets_rowid,      /* xRowid */
    0,                     /* xUpdate */
    0,                     /* xBegin */
    0,                     /* xSync */
    0,                     /* xCommit */
    0,                     /* xRollback */
    0,                     /* xFindFunction */
    0,                     /* xRename */
    0,                     /* xSavepoint */
    0,                     /* xRelease */
    0,                     /* xRollbackTo */
    0,                     /* xShadowName */
};

int xlsxsheets_register(sqlite3 *db) {
  return kpi_register_module(db, "kpi_xlsx_sheets", &xlsxsheetsModule);
}
