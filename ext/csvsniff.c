/*
** csvsniff.c: kpi_csv_sniff, what kpi_csv would decide about a file.
**
**   SELECT * FROM kpi_csv_sniff('exports/posts.csv');
**
** Its requirement is C-10 of csvtab.c's spec (one prefix, one file).
*/
#include <string.h>

#include "csvparse.h"
#include "kpi.h"
#include "sniff.h"

#define CSVSNIFF_FIRST_VALUES 3 /* values first_values shows */
#define CSVSNIFF_COL_FILENAME 17

typedef struct SniffCursor SniffCursor;
struct SniffCursor {
  sqlite3_vtab_cursor base;
  SniffFile file;
  int iRow; /* column shown by the current row */
  int ok;   /* file is filled */
};

static int csvsniff_connect(sqlite3 *db, void *pAux, int argc,
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
      "thousands TEXT, nulls INTEGER, yearless INTEGER, skip INTEGER, "
      "header_rows INTEGER, filename HIDDEN)");
  if (rc != SQLITE_OK) return rc;
  rc = sqlite3_vtab_config(db, SQLITE_VTAB_DIRECTONLY);
  if (rc != SQLITE_OK) return rc;
  p = sqlite3_malloc64(sizeof(*p));
  if (p == 0) return SQLITE_NOMEM;
  memset(p, 0, sizeof(*p));
  *ppVtab = p;
  return SQLITE_OK;
}

static int csvsniff_disconnect(sqlite3_vtab *p) {
  sqlite3_free(p);
  return SQLITE_OK;
}

static int csvsniff_best_index(sqlite3_vtab *pVtab, sqlite3_index_info *pIdx) {
  int i;
  (void)pVtab;
  for (i = 0; i < pIdx->nConstraint; i++) {
    const struct sqlite3_index_constraint *pC = &pIdx->aConstraint[i];
    if (pC->iColumn == CSVSNIFF_COL_FILENAME &&
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

static int csvsniff_open(sqlite3_vtab *pVtab, sqlite3_vtab_cursor **ppCur) {
  SniffCursor *c = sqlite3_malloc64(sizeof(*c));
  (void)pVtab;
  if (c == 0) return SQLITE_NOMEM;
  memset(c, 0, sizeof(*c));
  *ppCur = &c->base;
  return SQLITE_OK;
}

static int csvsniff_close(sqlite3_vtab_cursor *pCur) {
  SniffCursor *c = (SniffCursor *)pCur;
  sniff_file_clear(&c->file);
  sqlite3_free(c);
  return SQLITE_OK;
}

/* Sets the table's error message; returns SQLITE_ERROR or SQLITE_NOMEM. */
static int csvsniff_fail(sqlite3_vtab *pVtab, char *zMsg) {
  sqlite3_free(pVtab->zErrMsg);
  pVtab->zErrMsg = zMsg;
  return zMsg ? SQLITE_ERROR : SQLITE_NOMEM;
}

static int csvsniff_filter(sqlite3_vtab_cursor *pCur, int idxNum,
                           const char *idxStr, int argc, sqlite3_value **argv) {
  SniffCursor *c = (SniffCursor *)pCur;
  SniffCsvOpts o;
  const char *zName;
  char **azPath = 0;
  int nPath = 0, rc;
  char *zErr = 0;
  (void)idxStr;
  sniff_file_clear(&c->file);
  c->ok = 0;
  c->iRow = 0;
  if (idxNum == 0 || argc < 1) {
    return csvsniff_fail(pCur->pVtab,
                         sqlite3_mprintf("kpi_csv_sniff: a filename is "
                                         "required, as in "
                                         "kpi_csv_sniff('posts.csv')"));
  }
  zName = (const char *)sqlite3_value_text(argv[0]);
  if (zName == 0 || zName[0] == 0) {
    return csvsniff_fail(
        pCur->pVtab, sqlite3_mprintf("kpi_csv_sniff: a filename is required"));
  }
  memset(&o, 0, sizeof(o));
  sniff_opts_default(&o.s);
  o.cDelim = -1;
  o.cQuote = '"';
  o.eEnc = CSV_ENC_AUTO;
  rc = sniff_expand(zName, "kpi_csv_sniff", &azPath, &nPath, &zErr);
  if (rc == SQLITE_OK) {
    rc = sniff_csv_file(&o, azPath[0], 2000, "kpi_csv_sniff", &c->file, &zErr);
  }
  sniff_free_strings(azPath, nPath);
  if (rc != SQLITE_OK) return zErr ? csvsniff_fail(pCur->pVtab, zErr) : rc;
  c->ok = 1;
  return SQLITE_OK;
}

static int csvsniff_next(sqlite3_vtab_cursor *pCur) {
  ((SniffCursor *)pCur)->iRow++;
  return SQLITE_OK;
}

static int csvsniff_eof(sqlite3_vtab_cursor *pCur) {
  SniffCursor *c = (SniffCursor *)pCur;
  return !c->ok || c->iRow >= c->file.lay.nCol;
}

/*
** Appends a value for first_values: at most 40 bytes, cut on a UTF-8
** boundary, with line ends and tabs shown as spaces.
*/
static void csvsniff_append_value(sqlite3_str *s, const char *z) {
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

/* C-10: first_values of column i. */
static int csvsniff_first_values(sqlite3_context *ctx, const SniffFile *pF,
                                 int i) {
  const SniffRows *pS = &pF->rows;
  sqlite3_str *s = sqlite3_str_new(0);
  int r, nShown = 0;
  char *z;
  for (r = pF->lay.iData; r < pS->nRow && nShown < CSVSNIFF_FIRST_VALUES; r++) {
    if (i >= pS->anRow[r] || pS->aazRow[r][i][0] == 0) continue;
    if (nShown) sqlite3_str_appendall(s, " | ");
    csvsniff_append_value(s, pS->aazRow[r][i]);
    nShown++;
  }
  z = sqlite3_str_finish(s);
  if (z == 0 && nShown) return SQLITE_NOMEM;
  if (z) sqlite3_result_text(ctx, z, -1, sqlite3_free);
  return SQLITE_OK;
}

/* C-10: a column of the file-level facts. */
static void csvsniff_file_column(sqlite3_context *ctx, const SniffFile *p,
                                 int iCol) {
  char a[2] = {0, 0};
  switch (iCol) {
    case 5:
      if (p->cDelim == '\t') {
        sqlite3_result_text(ctx, "tab", -1, SQLITE_STATIC);
      } else {
        a[0] = (char)p->cDelim;
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
      sqlite3_result_int(ctx, p->lay.hasHeader);
      break;
    case 10:
      a[0] = p->lay.cDec;
      sqlite3_result_text(ctx, a, 1, SQLITE_TRANSIENT);
      break;
    case 11:
      sqlite3_result_text(ctx,
                          p->eEol == CSV_EOL_CR ? "cr"
                          : p->crlf             ? "crlf"
                                                : "lf",
                          -1, SQLITE_STATIC);
      break;
    case 15:
      sqlite3_result_int(ctx, p->hasSepLine + p->lay.nSkip);
      break;
    case 16:
      sqlite3_result_int(ctx, p->lay.iData - p->lay.nSkip - p->lay.hasHeader);
      break;
    default:
      break;
  }
}

static int csvsniff_column(sqlite3_vtab_cursor *pCur, sqlite3_context *ctx,
                           int iCol) {
  SniffCursor *c = (SniffCursor *)pCur;
  const SniffFile *p = &c->file;
  int i = c->iRow;
  switch (iCol) {
    case 0:
      sqlite3_result_int(ctx, i + 1);
      break;
    case 1:
      sqlite3_result_text(ctx, p->lay.azName[i], -1, SQLITE_TRANSIENT);
      break;
    case 2:
      if (p->lay.hasHeader && i < p->nHead) {
        sqlite3_result_text(ctx, p->azHead[i], -1, SQLITE_TRANSIENT);
      }
      break;
    case 3:
      switch (p->lay.aCol[i].eType) {
        case SQLITE_INTEGER:
          sqlite3_result_text(ctx, "INTEGER", -1, SQLITE_STATIC);
          break;
        case SQLITE_FLOAT:
          sqlite3_result_text(ctx, "REAL", -1, SQLITE_STATIC);
          break;
        case SQLITE_TEXT:
          sqlite3_result_text(ctx, "TEXT", -1, SQLITE_STATIC);
          break;
        default:
          break;
      }
      break;
    case 4:
      return csvsniff_first_values(ctx, p, i);
    case 12:
      if (p->lay.aCol[i].nGrouped > 0) {
        char cSep = p->lay.aCol[i].cThou;
        sqlite3_result_text(ctx,
                            cSep == ' '   ? "space"
                            : cSep == ',' ? ","
                                          : ".",
                            -1, SQLITE_STATIC);
      }
      break;
    case 13:
      sqlite3_result_int(ctx, p->lay.aCol[i].nPlaceholder);
      break;
    case 14:
      sqlite3_result_int(ctx, p->lay.aCol[i].isYearless);
      break;
    default:
      csvsniff_file_column(ctx, p, iCol);
      break;
  }
  return SQLITE_OK;
}

static int csvsniff_rowid(sqlite3_vtab_cursor *pCur, sqlite3_int64 *pRowid) {
  *pRowid = ((SniffCursor *)pCur)->iRow + 1;
  return SQLITE_OK;
}

static sqlite3_module csvsniffModule = {
    0,                   /* iVersion */
    0,                   /* xCreate: eponymous only */
    csvsniff_connect,    /* xConnect */
    csvsniff_best_index, /* xBestIndex: needs filename = ? */
    csvsniff_disconnect, /* xDisconnect */
    0,                   /* xDestroy */
    csvsniff_open,       /* xOpen */
    csvsniff_close,      /* xClose */
    csvsniff_filter,     /* xFilter: sniffs the file */
    csvsniff_next,       /* xNext */
    csvsniff_eof,        /* xEof */
    csvsniff_column,     /* xColumn */
    csvsniff_rowid,      /* xRowid */
    0,                   /* xUpdate */
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

int csvsniff_register(sqlite3 *db) {
  return kpi_register_module(db, "kpi_csv_sniff", &csvsniffModule);
}
