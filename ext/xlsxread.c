/*
** xlsxread.c: the workbook reader (see xlsxread.h for the API and the
** XR-n requirements). Each part is an XML stream pulled from an inflating
** ZIP entry; only the shared strings and the styles are kept, the sheet
** itself is read one row at a time.
*/
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "xlsxread.h"
#include "xmlpull.h"

#define XLSX_MAX_SST (512u << 20) /* bytes of shared strings kept */
#define XLSX_MAX_ROWTEXT (64u << 20)
#define XLSX_MAX_MERGE 100000

/* The window of the merge scan (XR-7). A variable so that the fuzz
   target can use a small one, where tags are cut by its edges. */
static size_t xlsxMergeWindow = 256 * 1024;

/* Number-format kinds (XR-5). */
#define NF_NONE 0
#define NF_DATE 1
#define NF_TIME 2
#define NF_ELAPSED 3

typedef struct XlsxSheetInfo XlsxSheetInfo;
struct XlsxSheetInfo {
  char *zName;
  char *zPart; /* ZIP entry name, or 0 when the relationship is missing */
  int eState;
  int isChart;
};

struct XlsxBook {
  XlsxAlloc a;
  ZipArchive *pZ;
  XlsxSheetInfo *aSheet;
  int nSheet;
  int date1904;
  char *zSstPart, *zStylePart;
  int sstLoaded;
  char *aSst; /* NUL-terminated strings */
  size_t nSst, nSstAlloc;
  size_t *aSstOff;
  int nStr, nStrAlloc;
  int stylesLoaded;
  unsigned char *aXfKind;
  int nXf;
  char zErr[400];
};

/* The read callback's context: a ZIP entry and its last status. */
typedef struct XlsxSrc XlsxSrc;
struct XlsxSrc {
  ZipEntry *pE;
  int zrc;
};

struct XlsxSheet {
  XlsxBook *pB;
  const char *zPart;
  XlsxSrc src;
  XmlParser *pX;
  int hasDim;
  XlsxRange dim;
  int done;
  int iRow;
  XlsxCell *aCell;
  int nCell, nCellAlloc;
  char *aText; /* the row's texts */
  size_t nText, nTextAlloc;
  const XlsxRange *aMerge; /* sorted by r0 (xlsx_sheet_merges) */
  int nMerge;
  int nMergeSpan; /* the most rows a merged range spans, less one */
};

/* ----------------------------------------------------------- utilities */

static void xlsx_err(XlsxBook *p, const char *zFmt, ...) {
  va_list ap;
  va_start(ap, zFmt);
  /* va_start is just above: the analyzer's report is a false one. */
  /* NOLINTNEXTLINE(clang-analyzer-valist.Uninitialized) */
  vsnprintf(p->zErr, sizeof(p->zErr), zFmt, ap);
  va_end(ap);
}

static void *xlsx_malloc(XlsxBook *p, size_t n) {
  return p->a.xRealloc(0, n);
}

static char *xlsx_strdup(XlsxBook *p, const char *z, size_t n) {
  char *zOut = xlsx_malloc(p, n + 1);
  if (zOut) {
    memcpy(zOut, z, n);
    zOut[n] = 0;
  }
  return zOut;
}

static int xlsx_lower(int c) {
  return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

static int xlsx_stricmp(const char *a, const char *b) {
  while (*a && xlsx_lower((unsigned char)*a) == xlsx_lower((unsigned char)*b)) {
    a++;
    b++;
  }
  return xlsx_lower((unsigned char)*a) - xlsx_lower((unsigned char)*b);
}

/* 1 when z ends with zSuffix. */
static int xlsx_ends(const char *z, const char *zSuffix) {
  size_t n = strlen(z), m = strlen(zSuffix);
  return n >= m && strcmp(z + n - m, zSuffix) == 0;
}

static int xlsx_src_read(void *pCtx, char *pBuf, size_t n, size_t *pnGot) {
  XlsxSrc *pS = pCtx;
  pS->zrc = zip_read(pS->pE, pBuf, n, pnGot);
  return pS->zrc != ZIP_OK;
}

static int xlsx_zip_rc(int zrc) {
  switch (zrc) {
    case ZIP_ENOMEM:
      return XLSX_ENOMEM;
    case ZIP_ELIMIT:
      return XLSX_ELIMIT;
    case ZIP_EOPEN:
      return XLSX_EOPEN;
    default:
      return XLSX_ECORRUPT;
  }
}

/* XR-8: the status and message of an XML (or underlying ZIP) failure. */
static int xlsx_xml_fail(XlsxBook *p, XmlParser *pX, const XlsxSrc *pSrc,
                         const char *zPart, int xrc) {
  if (xrc == XML_ENOMEM) return XLSX_ENOMEM;
  if (xrc == XML_ESOURCE) {
    xlsx_err(p, "%s", zip_errmsg(p->pZ));
    return xlsx_zip_rc(pSrc->zrc);
  }
  xlsx_err(p, "%s: %s", zPart, xml_errmsg(pX));
  return (xrc == XML_EDEPTH || xrc == XML_ETOOBIG) ? XLSX_ELIMIT
                                                   : XLSX_ECORRUPT;
}

/* Opens part zPart for XML reading; *ppX is 0 when the part is absent
   (and missingOk). */
static int xlsx_part_open(XlsxBook *p, const char *zPart, int missingOk,
                          XlsxSrc *pSrc, XmlParser **ppX) {
  XmlAlloc xa;
  int i = zip_find(p->pZ, zPart), zrc;
  *ppX = 0;
  pSrc->pE = 0;
  pSrc->zrc = ZIP_OK;
  if (i < 0) {
    if (missingOk) return XLSX_OK;
    xlsx_err(p, "the workbook has no part %s", zPart);
    return XLSX_ECORRUPT;
  }
  zrc = zip_entry_open(p->pZ, i, &pSrc->pE);
  if (zrc != ZIP_OK) {
    xlsx_err(p, "%s", zip_errmsg(p->pZ));
    return xlsx_zip_rc(zrc);
  }
  xa.xRealloc = p->a.xRealloc;
  xa.xFree = p->a.xFree;
  if (xml_open(ppX, xlsx_src_read, pSrc, &xa) != XML_OK) {
    zip_entry_close(pSrc->pE);
    pSrc->pE = 0;
    return XLSX_ENOMEM;
  }
  return XLSX_OK;
}

static void xlsx_part_close(XlsxSrc *pSrc, XmlParser *pX) {
  xml_close(pX);
  zip_entry_close(pSrc->pE);
  pSrc->pE = 0;
}

/* Resolves a relationship target against the directory of zBase. */
static char *xlsx_resolve(XlsxBook *p, const char *zBase, const char *zTarget) {
  size_t nDir = 0, k;
  char *zOut, *z;
  if (zTarget[0] == '/')
    return xlsx_strdup(p, zTarget + 1, strlen(zTarget) - 1);
  for (k = 0; zBase[k]; k++) {
    if (zBase[k] == '/') nDir = k + 1;
  }
  zOut = xlsx_malloc(p, nDir + strlen(zTarget) + 1);
  if (zOut == 0) return 0;
  memcpy(zOut, zBase, nDir);
  z = zOut + nDir;
  while (zTarget[0]) {
    if (strncmp(zTarget, "../", 3) == 0) {
      /* Drop the last directory written. */
      if (z > zOut) z--;
      while (z > zOut && z[-1] != '/')
        z--;
      zTarget += 3;
    } else if (strncmp(zTarget, "./", 2) == 0) {
      zTarget += 2;
    } else {
      *z++ = *zTarget++;
    }
  }
  *z = 0;
  return zOut;
}

/* The rels part of zPart: "xl/workbook.xml" -> "xl/_rels/workbook.xml.rels". */
static char *xlsx_rels_name(XlsxBook *p, const char *zPart) {
  size_t nDir = 0, k;
  char *z;
  for (k = 0; zPart[k]; k++) {
    if (zPart[k] == '/') nDir = k + 1;
  }
  z = xlsx_malloc(p, strlen(zPart) + 12);
  if (z == 0) return 0;
  memcpy(z, zPart, nDir);
  sprintf(z + nDir, "_rels/%s.rels", zPart + nDir);
  return z;
}

/* ---------------------------------------------------- XR-2: the format */

/* Little-endian readers over a byte buffer. */
static unsigned xlsx_u16(const unsigned char *z) {
  return (unsigned)z[0] | (unsigned)z[1] << 8;
}
static unsigned xlsx_u32(const unsigned char *z) {
  return xlsx_u16(z) | xlsx_u16(z + 2) << 16;
}

/* 1 when the UTF-16LE directory name at z (nBytes with the NUL) is zName. */
static int xlsx_cfb_name_is(const unsigned char *z, unsigned nBytes,
                            const char *zName) {
  unsigned k, n = (unsigned)strlen(zName);
  if (nBytes != 2 * n + 2) return 0;
  for (k = 0; k < n; k++) {
    if (xlsx_lower(z[2 * k]) != xlsx_lower((unsigned char)zName[k]) ||
        z[2 * k + 1] != 0) {
      return 0;
    }
  }
  return 1;
}

/*
** An OLE2 compound file: which streams its directory holds. Only the FAT
** sectors the header lists are followed, and a bounded number of
** directory sectors: enough to tell an encrypted package from a BIFF
** workbook. Returns 'E' (EncryptedPackage), 'W' (Workbook or Book) or 0.
*/
static int xlsx_cfb_kind(const unsigned char *z, size_t n) {
  unsigned shift, nSec, iDir, nFat, k, nSeen = 0;
  int kind = 0;
  if (n < 512) return 0;
  shift = xlsx_u16(z + 0x1E);
  if (shift != 9 && shift != 12) return 0;
  nSec = 1u << shift;
  nFat = xlsx_u32(z + 0x2C);
  iDir = xlsx_u32(z + 0x30);
  while (iDir < 0xFFFFFFFAu && nSeen++ < 1024) {
    size_t off = ((size_t)iDir + 1) << shift;
    unsigned e, fatIdx, perFat = nSec / 4;
    if (off > n || nSec > n - off) break;
    for (e = 0; e + 128 <= nSec; e += 128) {
      const unsigned char *d = z + off + e;
      unsigned nName = xlsx_u16(d + 0x40);
      if (nName > 64) continue;
      if (xlsx_cfb_name_is(d, nName, "EncryptedPackage")) return 'E';
      if (xlsx_cfb_name_is(d, nName, "Workbook") ||
          xlsx_cfb_name_is(d, nName, "Book")) {
        kind = 'W';
      }
    }
    /* The next directory sector, through the FAT. */
    fatIdx = iDir / perFat;
    if (fatIdx >= nFat || fatIdx >= 109) break;
    k = xlsx_u32(z + 0x4C + 4 * fatIdx);
    off = ((size_t)k + 1) << shift;
    if (k >= 0xFFFFFFFAu || off > n || nSec > n - off) break;
    iDir = xlsx_u32(z + off + 4 * (iDir % perFat));
  }
  return kind;
}

/* 1 when zNeedle (ASCII) occurs in z[0..n), ASCII case folded. */
static int xlsx_has(const unsigned char *z, size_t n, const char *zNeedle) {
  size_t m = strlen(zNeedle), i, k;
  for (i = 0; i + m <= n; i++) {
    for (k = 0; k < m && xlsx_lower(z[i + k]) == zNeedle[k]; k++) {
    }
    if (k == m) return 1;
  }
  return 0;
}

/* XR-2 for a file that is not a ZIP: a message naming what it is. */
static int xlsx_not_zip(XlsxBook *p, const unsigned char *z, size_t n) {
  static const char zSave[] = "save it as .xlsx or .csv";
  if (n >= 8 && memcmp(z, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0) {
    if (xlsx_cfb_kind(z, n) == 'E') {
      xlsx_err(p,
               "a password-protected (encrypted) workbook: remove the "
               "password in Excel, then %s",
               zSave);
    } else {
      xlsx_err(p, "an Excel 97-2003 workbook (.xls, BIFF): %s", zSave);
    }
    return XLSX_EFORMAT;
  }
  if (xlsx_has(z, n, "urn:schemas-microsoft-com:office:spreadsheet")) {
    xlsx_err(p, "a SpreadsheetML 2003 workbook (XML .xls): %s", zSave);
    return XLSX_EFORMAT;
  }
  if (xlsx_has(z, n < 1024 ? n : 1024, "<html") ||
      xlsx_has(z, n < 1024 ? n : 1024, "<table")) {
    xlsx_err(p, "an HTML table, not a workbook: %s", zSave);
    return XLSX_EFORMAT;
  }
  if (n >= 4 && memcmp(z, "PK\x03\x04", 4) == 0) {
    xlsx_err(p, "a truncated or damaged ZIP archive (no central directory)");
    return XLSX_ECORRUPT;
  }
  xlsx_err(p, "not an .xlsx workbook (not a ZIP archive)");
  return XLSX_EFORMAT;
}

/* XR-2 for a ZIP that may not be an .xlsx. */
static int xlsx_check_zip(XlsxBook *p, const char *zWb) {
  if (zWb && zip_find(p->pZ, zWb) >= 0 && !xlsx_ends(zWb, ".bin")) {
    return XLSX_OK;
  }
  if (zip_find(p->pZ, "xl/workbook.bin") >= 0 ||
      (zWb && xlsx_ends(zWb, ".bin"))) {
    xlsx_err(p, "an Excel binary workbook (.xlsb): save it as .xlsx or .csv");
  } else if (zip_find(p->pZ, "content.xml") >= 0) {
    xlsx_err(p, "an OpenDocument spreadsheet (.ods): save it as .xlsx or .csv");
  } else {
    xlsx_err(p, "a ZIP archive that is not an .xlsx workbook (no %s)",
             zWb ? zWb : "xl/workbook.xml");
  }
  return XLSX_EFORMAT;
}

/* ------------------------------------------------ XR-1: workbook parts */

/* The officeDocument target of _rels/.rels, or 0 (then the default). */
static int xlsx_root_rels(XlsxBook *p, char **pzWb) {
  XlsxSrc src;
  XmlParser *pX;
  int rc = xlsx_part_open(p, "_rels/.rels", 1, &src, &pX), x;
  *pzWb = 0;
  if (rc != XLSX_OK || pX == 0) return rc;
  while ((x = xml_next(pX)) == XML_START || x == XML_END || x == XML_TEXT) {
    const char *zType, *zTarget;
    if (x != XML_START || !xml_is(pX, "Relationship")) continue;
    zType = xml_attr(pX, "Type", 0);
    zTarget = xml_attr(pX, "Target", 0);
    if (zType && zTarget && xlsx_ends(zType, "/officeDocument") && !*pzWb) {
      *pzWb = xlsx_resolve(p, "", zTarget);
      if (*pzWb == 0) x = XML_ENOMEM;
      break;
    }
  }
  if (x != XML_DONE && x != XML_START) {
    rc = xlsx_xml_fail(p, pX, &src, "_rels/.rels", x);
  }
  xlsx_part_close(&src, pX);
  return rc;
}

/* A relationship of the workbook: id, type suffix and resolved part. */
typedef struct XlsxRel XlsxRel;
struct XlsxRel {
  char *zId, *zPart;
  int eKind; /* 'w' worksheet, 'c' chartsheet, 's' strings, 'y' styles */
};

static void xlsx_rels_free(XlsxBook *p, XlsxRel *a, int n) {
  int i;
  for (i = 0; a && i < n; i++) {
    p->a.xFree(a[i].zId);
    p->a.xFree(a[i].zPart);
  }
  p->a.xFree(a);
}

static int xlsx_rel_kind(const char *zType) {
  if (xlsx_ends(zType, "/worksheet")) return 'w';
  if (xlsx_ends(zType, "/chartsheet")) return 'c';
  if (xlsx_ends(zType, "/sharedStrings")) return 's';
  if (xlsx_ends(zType, "/styles")) return 'y';
  return 0;
}

static int xlsx_read_rels(XlsxBook *p, const char *zWb, XlsxRel **paRel,
                          int *pnRel) {
  XlsxSrc src;
  XmlParser *pX;
  char *zRels = xlsx_rels_name(p, zWb);
  XlsxRel *a = 0;
  int n = 0, nAlloc = 0, rc, x = XML_DONE;
  *paRel = 0;
  *pnRel = 0;
  if (zRels == 0) return XLSX_ENOMEM;
  rc = xlsx_part_open(p, zRels, 1, &src, &pX);
  while (rc == XLSX_OK && pX &&
         ((x = xml_next(pX)) == XML_START || x == XML_END || x == XML_TEXT)) {
    const char *zId, *zType, *zTarget;
    if (x != XML_START || !xml_is(pX, "Relationship")) continue;
    zId = xml_attr(pX, "Id", 0);
    zType = xml_attr(pX, "Type", 0);
    zTarget = xml_attr(pX, "Target", 0);
    if (!zId || !zType || !zTarget || xlsx_rel_kind(zType) == 0) continue;
    if (n == nAlloc) {
      XlsxRel *aNew;
      if (n >= XLSX_MAX_COL) break;
      nAlloc = nAlloc ? nAlloc * 2 : 16;
      aNew = p->a.xRealloc(a, sizeof(XlsxRel) * (size_t)nAlloc);
      if (aNew == 0) {
        rc = XLSX_ENOMEM;
        break;
      }
      a = aNew;
    }
    a[n].eKind = xlsx_rel_kind(zType);
    a[n].zId = xlsx_strdup(p, zId, strlen(zId));
    a[n].zPart = xlsx_resolve(p, zWb, zTarget);
    n++;
    if (a[n - 1].zId == 0 || a[n - 1].zPart == 0) rc = XLSX_ENOMEM;
  }
  if (rc == XLSX_OK && pX && x != XML_DONE) {
    rc = xlsx_xml_fail(p, pX, &src, zRels, x);
  }
  if (pX) xlsx_part_close(&src, pX);
  p->a.xFree(zRels);
  *paRel = a;
  *pnRel = n;
  return rc;
}

/* One <sheet> element of workbook.xml. */
static int xlsx_add_sheet(XlsxBook *p, XmlParser *pX, const XlsxRel *aRel,
                          int nRel, int *pnAlloc) {
  const char *zName = xml_attr(pX, "name", 0);
  const char *zId = xml_attr(pX, "id", 0);
  const char *zState = xml_attr(pX, "state", 0);
  XlsxSheetInfo *pI;
  int k;
  if (zName == 0) return XLSX_OK;
  if (p->nSheet == *pnAlloc) {
    int nNew = *pnAlloc ? *pnAlloc * 2 : 8;
    XlsxSheetInfo *aNew;
    if (p->nSheet >= XLSX_MAX_COL) {
      xlsx_err(p, "workbook has more than %d sheets", XLSX_MAX_COL);
      return XLSX_ELIMIT;
    }
    aNew = p->a.xRealloc(p->aSheet, sizeof(XlsxSheetInfo) * (size_t)nNew);
    if (aNew == 0) return XLSX_ENOMEM;
    p->aSheet = aNew;
    *pnAlloc = nNew;
  }
  pI = &p->aSheet[p->nSheet++];
  memset(pI, 0, sizeof(*pI));
  pI->zName = xlsx_strdup(p, zName, strlen(zName));
  if (pI->zName == 0) return XLSX_ENOMEM;
  if (zState && strcmp(zState, "hidden") == 0) pI->eState = XLSX_HIDDEN;
  if (zState && strcmp(zState, "veryHidden") == 0) {
    pI->eState = XLSX_VERYHIDDEN;
  }
  for (k = 0; zId && k < nRel; k++) {
    if (strcmp(aRel[k].zId, zId) == 0 &&
        (aRel[k].eKind == 'w' || aRel[k].eKind == 'c')) {
      pI->isChart = aRel[k].eKind == 'c';
      pI->zPart = xlsx_strdup(p, aRel[k].zPart, strlen(aRel[k].zPart));
      if (pI->zPart == 0) return XLSX_ENOMEM;
      break;
    }
  }
  return XLSX_OK;
}

static int xlsx_true(const char *z) {
  return z && (strcmp(z, "1") == 0 || strcmp(z, "true") == 0);
}

/* workbook.xml: date1904 and the sheets. */
static int xlsx_read_workbook(XlsxBook *p, const char *zWb, const XlsxRel *aRel,
                              int nRel) {
  XlsxSrc src;
  XmlParser *pX;
  int nAlloc = 0, x, rc = xlsx_part_open(p, zWb, 0, &src, &pX);
  if (rc != XLSX_OK) return rc;
  while ((x = xml_next(pX)) == XML_START || x == XML_END || x == XML_TEXT) {
    if (x != XML_START) continue;
    if (xml_is(pX, "workbookPr")) {
      p->date1904 = xlsx_true(xml_attr(pX, "date1904", 0));
    } else if (xml_is(pX, "sheet")) {
      rc = xlsx_add_sheet(p, pX, aRel, nRel, &nAlloc);
      if (rc != XLSX_OK) break;
    }
  }
  if (rc == XLSX_OK && x != XML_DONE) {
    rc = xlsx_xml_fail(p, pX, &src, zWb, x);
  }
  xlsx_part_close(&src, pX);
  return rc;
}

static int xlsx_load(XlsxBook *p) {
  char *zWb = 0;
  XlsxRel *aRel = 0;
  int nRel = 0, k;
  int rc = xlsx_root_rels(p, &zWb);
  if (rc == XLSX_OK && zWb == 0) {
    zWb = xlsx_strdup(p, "xl/workbook.xml", 15);
    if (zWb == 0) rc = XLSX_ENOMEM;
  }
  if (rc == XLSX_OK) rc = xlsx_check_zip(p, zWb);
  if (rc == XLSX_OK) rc = xlsx_read_rels(p, zWb, &aRel, &nRel);
  if (rc == XLSX_OK) rc = xlsx_read_workbook(p, zWb, aRel, nRel);
  for (k = 0; rc == XLSX_OK && k < nRel; k++) {
    char **pz = aRel[k].eKind == 's'   ? &p->zSstPart
                : aRel[k].eKind == 'y' ? &p->zStylePart
                                       : 0;
    if (pz && *pz == 0) {
      *pz = aRel[k].zPart;
      aRel[k].zPart = 0;
    }
  }
  xlsx_rels_free(p, aRel, nRel);
  p->a.xFree(zWb);
  return rc;
}

static int xlsx_new(XlsxBook **pp, const XlsxAlloc *pAlloc) {
  XlsxBook *p = pAlloc->xRealloc(0, sizeof(XlsxBook));
  *pp = p;
  if (p == 0) return XLSX_ENOMEM;
  memset(p, 0, sizeof(*p));
  p->a = *pAlloc;
  return XLSX_OK;
}

/* After the ZIP opened (or failed): the format checks and the load. */
static int xlsx_after_zip(XlsxBook **pp, int zrc, const unsigned char *aHead,
                          size_t nHead) {
  XlsxBook *p = *pp;
  int rc;
  if (zrc == ZIP_ENOMEM) {
    rc = XLSX_ENOMEM;
  } else if (zrc == ZIP_ENOTZIP) {
    rc = xlsx_not_zip(p, aHead, nHead);
  } else if (zrc != ZIP_OK) {
    xlsx_err(p, "%s", zip_errmsg(p->pZ));
    rc = xlsx_zip_rc(zrc);
  } else {
    rc = xlsx_load(p);
  }
  if (rc == XLSX_ENOMEM) {
    xlsx_close(p);
    *pp = 0;
  }
  return rc;
}

int xlsx_open(XlsxBook **pp, const char *zPath, const XlsxAlloc *pAlloc) {
  unsigned char *aHead;
  size_t nHead = 0;
  int rc = xlsx_new(pp, pAlloc), zrc, fd;
  if (rc != XLSX_OK) return rc;
  zrc = zip_open_file(&(*pp)->pZ, zPath, pAlloc, 0);
  if (zrc == ZIP_EOPEN) {
    int e = errno;
    xlsx_close(*pp);
    *pp = 0;
    errno = e;
    return XLSX_EOPEN;
  }
  /* The head of the file, for XR-2's messages (an OLE2 directory may lie
     anywhere, so up to 1 MiB). */
  aHead = xlsx_malloc(*pp, 1 << 20);
  if (aHead == 0) {
    xlsx_close(*pp);
    *pp = 0;
    return XLSX_ENOMEM;
  }
  fd = zrc == ZIP_ENOTZIP ? open(zPath, O_RDONLY | O_CLOEXEC) : -1;
  if (fd >= 0) {
    ssize_t got;
    while (nHead < (1u << 20) &&
           (got = read(fd, aHead + nHead, (1u << 20) - nHead)) > 0) {
      nHead += (size_t)got;
    }
    close(fd);
  }
  rc = xlsx_after_zip(pp, zrc, aHead, nHead);
  pAlloc->xFree(aHead);
  return rc;
}

int xlsx_open_mem(XlsxBook **pp, const void *pMem, size_t n,
                  const XlsxAlloc *pAlloc) {
  int rc = xlsx_new(pp, pAlloc), zrc;
  if (rc != XLSX_OK) return rc;
  zrc = zip_open_mem(&(*pp)->pZ, pMem, n, pAlloc, 0);
  return xlsx_after_zip(pp, zrc, pMem, n);
}

void xlsx_close(XlsxBook *p) {
  int i;
  if (p == 0) return;
  zip_close(p->pZ);
  for (i = 0; p->aSheet && i < p->nSheet; i++) {
    p->a.xFree(p->aSheet[i].zName);
    p->a.xFree(p->aSheet[i].zPart);
  }
  p->a.xFree(p->aSheet);
  p->a.xFree(p->zSstPart);
  p->a.xFree(p->zStylePart);
  p->a.xFree(p->aSst);
  p->a.xFree(p->aSstOff);
  p->a.xFree(p->aXfKind);
  p->a.xFree(p);
}

const char *xlsx_errmsg(const XlsxBook *p) {
  return p->zErr[0] ? p->zErr : "no error";
}

int xlsx_nsheet(const XlsxBook *p) {
  return p->nSheet;
}
const char *xlsx_sheet_name(const XlsxBook *p, int i) {
  return p->aSheet[i].zName;
}
int xlsx_sheet_state(const XlsxBook *p, int i) {
  return p->aSheet[i].eState;
}
int xlsx_sheet_is_chart(const XlsxBook *p, int i) {
  return p->aSheet[i].isChart;
}
int xlsx_date1904(const XlsxBook *p) {
  return p->date1904;
}

int xlsx_sheet_find(const XlsxBook *p, const char *zName) {
  int i;
  for (i = 0; i < p->nSheet; i++) {
    if (strcmp(p->aSheet[i].zName, zName) == 0) return i;
  }
  for (i = 0; i < p->nSheet; i++) {
    if (xlsx_stricmp(p->aSheet[i].zName, zName) == 0) return i;
  }
  return -1;
}

/* ------------------------------------------------- XR-3: shared strings */

/*
** Decodes _xHHHH_ escapes in z[0..n) in place (XR-3); returns the new
** length. A code point that is not a valid character is left as written.
*/
static size_t xlsx_unescape(char *z, size_t n) {
  size_t r = 0, w = 0;
  if (memchr(z, '_', n) == 0) return n;
  while (r < n) {
    if (z[r] == '_' && r + 7 <= n && z[r + 1] == 'x' && z[r + 6] == '_') {
      unsigned cp = 0;
      int k, ok = 1;
      for (k = 2; k < 6; k++) {
        char c = z[r + (size_t)k];
        int d = c >= '0' && c <= '9'   ? c - '0'
                : c >= 'a' && c <= 'f' ? c - 'a' + 10
                : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                       : -1;
        if (d < 0) ok = 0;
        cp = cp * 16 + (unsigned)(d < 0 ? 0 : d);
      }
      if (ok && !(cp >= 0xD800 && cp <= 0xDFFF) && cp != 0) {
        if (cp < 0x80) {
          z[w++] = (char)cp;
        } else if (cp < 0x800) {
          z[w++] = (char)(0xC0 | (cp >> 6));
          z[w++] = (char)(0x80 | (cp & 0x3F));
        } else {
          z[w++] = (char)(0xE0 | (cp >> 12));
          z[w++] = (char)(0x80 | ((cp >> 6) & 0x3F));
          z[w++] = (char)(0x80 | (cp & 0x3F));
        }
        r += 7;
        continue;
      }
    }
    z[w++] = z[r++];
  }
  return w;
}

/* Appends z[0..n) to the growing shared-string arena. */
static int xlsx_sst_append(XlsxBook *p, const char *z, size_t n) {
  if (p->nSst + n + 1 > p->nSstAlloc) {
    size_t nNew = (p->nSst + n + 1) * 2;
    char *aNew;
    if (nNew > XLSX_MAX_SST) nNew = XLSX_MAX_SST;
    if (p->nSst + n + 1 > nNew) {
      xlsx_err(p, "%s: shared strings larger than %u MiB", p->zSstPart,
               XLSX_MAX_SST >> 20);
      return XLSX_ELIMIT;
    }
    aNew = p->a.xRealloc(p->aSst, nNew);
    if (aNew == 0) return XLSX_ENOMEM;
    p->aSst = aNew;
    p->nSstAlloc = nNew;
  }
  memcpy(p->aSst + p->nSst, z, n);
  p->nSst += n;
  return XLSX_OK;
}

/* Ends the string being built: unescape it, terminate it, index it. */
static int xlsx_sst_end(XlsxBook *p, size_t iStart) {
  int rc = xlsx_sst_append(p, "", 1);
  if (rc != XLSX_OK) return rc;
  p->nSst = iStart + xlsx_unescape(p->aSst + iStart, p->nSst - 1 - iStart);
  p->aSst[p->nSst++] = 0;
  if (p->nStr == p->nStrAlloc) {
    int nNew = p->nStrAlloc ? p->nStrAlloc * 2 : 256;
    size_t *aNew;
    if (p->nStrAlloc > 0x3fffffff) return XLSX_ELIMIT;
    aNew = p->a.xRealloc(p->aSstOff, sizeof(size_t) * (size_t)nNew);
    if (aNew == 0) return XLSX_ENOMEM;
    p->aSstOff = aNew;
    p->nStrAlloc = nNew;
  }
  p->aSstOff[p->nStr++] = iStart;
  return XLSX_OK;
}

static int xlsx_load_sst(XlsxBook *p) {
  XlsxSrc src;
  XmlParser *pX;
  int x = XML_DONE, rc, inT = 0, inSi = 0;
  size_t iStart = 0;
  p->sstLoaded = 1;
  if (p->zSstPart == 0) return XLSX_OK;
  rc = xlsx_part_open(p, p->zSstPart, 1, &src, &pX);
  if (rc != XLSX_OK || pX == 0) return rc;
  while (rc == XLSX_OK &&
         ((x = xml_next(pX)) == XML_START || x == XML_END || x == XML_TEXT)) {
    if (x == XML_START) {
      if (xml_is(pX, "si")) {
        inSi = 1;
        iStart = p->nSst;
      } else if (xml_is(pX, "rPh")) {
        x = xml_skip(pX); /* phonetic guide: not the cell's text */
        if (x != XML_END) break;
      } else if (inSi && xml_is(pX, "t")) {
        inT = 1;
      }
    } else if (x == XML_END) {
      if (xml_is(pX, "t")) {
        inT = 0;
      } else if (xml_is(pX, "si") && inSi) {
        rc = xlsx_sst_end(p, iStart);
        inSi = 0;
      }
    } else if (inT) {
      int n;
      const char *z = xml_text(pX, &n);
      rc = xlsx_sst_append(p, z, (size_t)n);
    }
  }
  if (rc == XLSX_OK && x != XML_DONE) {
    rc = xlsx_xml_fail(p, pX, &src, p->zSstPart, x);
  }
  xlsx_part_close(&src, pX);
  return rc;
}

/* ----------------------------------------------- XR-5: number formats */

/* The kind of a custom format code (XR-5). */
static int xlsx_code_kind(const char *z) {
  int hasD = 0, hasM = 0, hasT = 0, elapsed = 0;
  for (; *z && *z != ';'; z++) {
    char c = (char)xlsx_lower((unsigned char)*z);
    if (c == '"') {
      while (z[1] && z[1] != '"')
        z++;
      if (z[1]) z++;
    } else if (c == '\\' || c == '_' || c == '*') {
      if (z[1]) z++;
    } else if (c == '[') {
      const char *e = strchr(z, ']');
      if (e == 0) break;
      if (e - z >= 2 && (xlsx_lower((unsigned char)z[1]) == 'h' ||
                         xlsx_lower((unsigned char)z[1]) == 'm' ||
                         xlsx_lower((unsigned char)z[1]) == 's')) {
        int k, same = 1;
        for (k = 1; z + k < e; k++) {
          if (xlsx_lower((unsigned char)z[k]) !=
              xlsx_lower((unsigned char)z[1])) {
            same = 0;
          }
        }
        if (same) elapsed = 1;
      }
      z = e;
    } else if (c == 'd' || c == 'y') {
      hasD = 1;
    } else if (c == 'm') {
      hasM = 1;
    } else if (c == 'h' || c == 's') {
      hasT = 1;
    }
  }
  if (elapsed) return NF_ELAPSED;
  if (hasD || (hasM && !hasT)) return NF_DATE;
  if (hasT || hasM) return NF_TIME;
  return NF_NONE;
}

static int xlsx_builtin_kind(int id) {
  if ((id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 31) ||
      (id >= 34 && id <= 36) || (id >= 50 && id <= 58)) {
    return NF_DATE;
  }
  if ((id >= 18 && id <= 21) || (id >= 32 && id <= 33) || id == 45 ||
      id == 47) {
    return NF_TIME;
  }
  if (id == 46) return NF_ELAPSED;
  return NF_NONE;
}

/* A custom format: id and kind. */
typedef struct XlsxFmt XlsxFmt;
struct XlsxFmt {
  int id, kind;
};

static int xlsx_fmt_add(XlsxBook *p, XlsxFmt **pa, int *pn, int *pnAlloc,
                        int id, int kind) {
  if (*pn == *pnAlloc) {
    int nNew = *pnAlloc ? *pnAlloc * 2 : 16;
    XlsxFmt *aNew;
    if (*pn >= 65536) return XLSX_OK;
    aNew = p->a.xRealloc(*pa, sizeof(XlsxFmt) * (size_t)nNew);
    if (aNew == 0) return XLSX_ENOMEM;
    *pa = aNew;
    *pnAlloc = nNew;
  }
  (*pa)[*pn].id = id;
  (*pa)[(*pn)++].kind = kind;
  return XLSX_OK;
}

static int xlsx_xf_add(XlsxBook *p, int kind, int *pnAlloc) {
  if (p->nXf == *pnAlloc) {
    int nNew = *pnAlloc ? *pnAlloc * 2 : 64;
    unsigned char *aNew;
    if (p->nXf >= 1 << 20) return XLSX_OK;
    aNew = p->a.xRealloc(p->aXfKind, (size_t)nNew);
    if (aNew == 0) return XLSX_ENOMEM;
    p->aXfKind = aNew;
    *pnAlloc = nNew;
  }
  p->aXfKind[p->nXf++] = (unsigned char)kind;
  return XLSX_OK;
}

/* One numFmt or cellXfs/xf element. */
static int xlsx_style_elem(XlsxBook *p, XmlParser *pX, int inXfs, XlsxFmt **pa,
                           int *pn, int *pnAlloc, int *pnXfAlloc) {
  const char *zId = xml_attr(pX, "numFmtId", 0);
  int id = zId ? (int)strtol(zId, 0, 10) : 0, k, kind;
  if (xml_is(pX, "numFmt")) {
    const char *zCode = xml_attr(pX, "formatCode", 0);
    return xlsx_fmt_add(p, pa, pn, pnAlloc, id,
                        zCode ? xlsx_code_kind(zCode) : NF_NONE);
  }
  if (!inXfs || !xml_is(pX, "xf")) return XLSX_OK;
  kind = xlsx_builtin_kind(id);
  for (k = 0; k < *pn; k++) {
    if ((*pa)[k].id == id) kind = (*pa)[k].kind;
  }
  return xlsx_xf_add(p, kind, pnXfAlloc);
}

static int xlsx_load_styles(XlsxBook *p) {
  XlsxSrc src;
  XmlParser *pX;
  XlsxFmt *aFmt = 0;
  int nFmt = 0, nFmtAlloc = 0, nXfAlloc = 0, inXfs = 0, x = XML_DONE, rc;
  p->stylesLoaded = 1;
  if (p->zStylePart == 0) return XLSX_OK;
  rc = xlsx_part_open(p, p->zStylePart, 1, &src, &pX);
  if (rc != XLSX_OK || pX == 0) return rc;
  while (rc == XLSX_OK &&
         ((x = xml_next(pX)) == XML_START || x == XML_END || x == XML_TEXT)) {
    if (x == XML_START && xml_is(pX, "cellXfs")) {
      inXfs = 1;
    } else if (x == XML_END && xml_is(pX, "cellXfs")) {
      inXfs = 0;
    } else if (x == XML_START) {
      rc = xlsx_style_elem(p, pX, inXfs, &aFmt, &nFmt, &nFmtAlloc, &nXfAlloc);
    }
  }
  if (rc == XLSX_OK && x != XML_DONE) {
    rc = xlsx_xml_fail(p, pX, &src, p->zStylePart, x);
  }
  xlsx_part_close(&src, pX);
  p->a.xFree(aFmt);
  return rc;
}

/* ------------------------------------------------ XR-5: serial numbers */

/* Civil date of a day count from 1970-01-01 (Hinnant's algorithm). */
static void xlsx_civil(long long z, int *py, int *pm, int *pd) {
  long long era, doe, yoe, y, doy, mp;
  z += 719468;
  era = (z >= 0 ? z : z - 146096) / 146097;
  doe = z - era * 146097;
  yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = yoe + era * 400;
  doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  mp = (5 * doy + 2) / 153;
  *pd = (int)(doy - (153 * mp + 2) / 5 + 1);
  *pm = (int)(mp < 10 ? mp + 3 : mp - 9);
  *py = (int)(y + (*pm <= 2));
}

static int xlsx_hms(long long ms, char *z) {
  int n = sprintf(z, "%02d:%02d:%02d", (int)(ms / 3600000),
                  (int)(ms / 60000 % 60), (int)(ms / 1000 % 60));
  if (ms % 1000) n += sprintf(z + n, ".%03d", (int)(ms % 1000));
  return n;
}

/*
** XR-5: the text of serial v under kind (NF_DATE or NF_TIME) in z (at
** least 40 bytes); the cell type, or XLSX_NUMBER when v is out of range.
*/
static int xlsx_serial_text(double v, int date1904, int kind, char *z) {
  long long ms, days, msDay;
  int y, m, d, n;
  if (!(v >= 0) || v >= 2958466.0) return XLSX_NUMBER;
  ms = llround(v * 86400000.0);
  days = ms / 86400000;
  msDay = ms % 86400000;
  if (kind == NF_TIME && days == 0) {
    xlsx_hms(msDay, z);
    return XLSX_TIME;
  }
  if (!date1904 && days == 60) {
    y = 1900;
    m = 2;
    d = 29;
  } else {
    /* Day 0 of the 1900 system is 1899-12-31 below the phantom day and
       1899-12-30 after it; 1904's is 1904-01-01. -25568 and -24107 are
       those dates from 1970-01-01. */
    long long base = date1904 ? -24107 : days < 60 ? -25568 : -25569;
    xlsx_civil(base + days, &y, &m, &d);
  }
  n = sprintf(z, "%04d-%02d-%02dT", y, m, d);
  n += xlsx_hms(msDay, z + n);
  z[n++] = 'Z';
  z[n] = 0;
  return XLSX_DATE;
}

/* ----------------------------------------------------------- the sheet */

static int xlsx_parse_ref(const char *z, int n, int *pRow, int *pCol) {
  int k = 0, col = 0, row = 0;
  while (k < n && z[k] == '$')
    k++;
  while (k < n &&
         ((z[k] >= 'A' && z[k] <= 'Z') || (z[k] >= 'a' && z[k] <= 'z'))) {
    col = col * 26 + (xlsx_lower((unsigned char)z[k]) - 'a' + 1);
    if (col > XLSX_MAX_COL) return 0;
    k++;
  }
  while (k < n && z[k] == '$')
    k++;
  while (k < n && z[k] >= '0' && z[k] <= '9') {
    row = row * 10 + (z[k] - '0');
    if (row > XLSX_MAX_ROW) return 0;
    k++;
  }
  if (k != n || col == 0 || row == 0) return 0;
  *pRow = row;
  *pCol = col;
  return 1;
}

int xlsx_parse_range(const char *z, int n, XlsxRange *pR) {
  int k;
  for (k = 0; k < n && z[k] != ':'; k++) {
  }
  if (!xlsx_parse_ref(z, k, &pR->r0, &pR->c0)) return 0;
  if (k == n) {
    pR->r1 = pR->r0;
    pR->c1 = pR->c0;
    return 1;
  }
  if (!xlsx_parse_ref(z + k + 1, n - k - 1, &pR->r1, &pR->c1)) return 0;
  if (pR->r1 < pR->r0) {
    int t = pR->r0;
    pR->r0 = pR->r1;
    pR->r1 = t;
  }
  if (pR->c1 < pR->c0) {
    int t = pR->c0;
    pR->c0 = pR->c1;
    pR->c1 = t;
  }
  return 1;
}

static int xlsx_col_name(int c, char *z) {
  char a[4];
  int n = 0, k;
  while (c > 0 && n < 4) {
    a[n++] = (char)('A' + (c - 1) % 26);
    c = (c - 1) / 26;
  }
  for (k = 0; k < n; k++)
    z[k] = a[n - 1 - k];
  return n;
}

void xlsx_format_range(const XlsxRange *pR, char *z) {
  int n = xlsx_col_name(pR->c0, z);
  n += sprintf(z + n, "%d", pR->r0);
  if (pR->r1 != pR->r0 || pR->c1 != pR->c0) {
    z[n++] = ':';
    n += xlsx_col_name(pR->c1, z + n);
    sprintf(z + n, "%d", pR->r1);
  } else {
    z[n] = 0;
  }
}

int xlsx_sheet_dimension(const XlsxSheet *pS, XlsxRange *pR) {
  if (pS->hasDim) *pR = pS->dim;
  return pS->hasDim;
}

int xlsx_row_number(const XlsxSheet *pS) {
  return pS->iRow;
}

const XlsxCell *xlsx_cells(const XlsxSheet *pS, int *pn) {
  *pn = pS->nCell;
  return pS->aCell;
}

void xlsx_sheet_set_merges(XlsxSheet *pS, const XlsxRange *a, int n) {
  int k;
  pS->aMerge = a;
  pS->nMerge = n;
  pS->nMergeSpan = 0;
  for (k = 0; k < n; k++) {
    if (a[k].r1 - a[k].r0 > pS->nMergeSpan) pS->nMergeSpan = a[k].r1 - a[k].r0;
  }
}

void xlsx_sheet_close(XlsxSheet *pS) {
  if (pS == 0) return;
  if (pS->pX) xlsx_part_close(&pS->src, pS->pX);
  pS->pB->a.xFree(pS->aCell);
  pS->pB->a.xFree(pS->aText);
  pS->pB->a.xFree(pS);
}

/* Checks that sheet i can be read; sets the message when not. */
static int xlsx_sheet_check(XlsxBook *p, int i) {
  const XlsxSheetInfo *pI = &p->aSheet[i];
  if (pI->isChart) {
    xlsx_err(p, "sheet '%s' is a chart sheet, with no cells", pI->zName);
    return XLSX_ECHART;
  }
  if (pI->zPart == 0 || zip_find(p->pZ, pI->zPart) < 0) {
    xlsx_err(p, "sheet '%s' has no worksheet part%s%s", pI->zName,
             pI->zPart ? " " : "", pI->zPart ? pI->zPart : "");
    return XLSX_ECORRUPT;
  }
  return XLSX_OK;
}

int xlsx_sheet_open(XlsxBook *p, int i, XlsxSheet **pp) {
  XlsxSheet *pS;
  int rc = xlsx_sheet_check(p, i), x;
  *pp = 0;
  if (rc == XLSX_OK && !p->sstLoaded) rc = xlsx_load_sst(p);
  if (rc == XLSX_OK && !p->stylesLoaded) rc = xlsx_load_styles(p);
  if (rc != XLSX_OK) return rc;
  pS = xlsx_malloc(p, sizeof(XlsxSheet));
  if (pS == 0) return XLSX_ENOMEM;
  memset(pS, 0, sizeof(*pS));
  pS->pB = p;
  pS->zPart = p->aSheet[i].zPart;
  rc = xlsx_part_open(p, pS->zPart, 0, &pS->src, &pS->pX);
  /* Up to <sheetData>: the dimension on the way. */
  while (rc == XLSX_OK && ((x = xml_next(pS->pX)) == XML_START ||
                           x == XML_END || x == XML_TEXT)) {
    if (x != XML_START) continue;
    if (xml_is(pS->pX, "dimension")) {
      int n;
      const char *z = xml_attr(pS->pX, "ref", &n);
      pS->hasDim = z && xlsx_parse_range(z, n, &pS->dim);
    } else if (xml_is(pS->pX, "sheetData")) {
      break;
    }
  }
  if (rc == XLSX_OK && x == XML_DONE) pS->done = 1;
  if (rc == XLSX_OK && x != XML_START && x != XML_DONE) {
    rc = xlsx_xml_fail(p, pS->pX, &pS->src, pS->zPart, x);
  }
  if (rc != XLSX_OK) {
    xlsx_sheet_close(pS);
    return rc;
  }
  *pp = pS;
  return XLSX_OK;
}

/* Appends text to the row's text buffer. */
static int xlsx_row_text(XlsxSheet *pS, const char *z, size_t n) {
  if (pS->nText + n + 1 > pS->nTextAlloc) {
    size_t nNew = (pS->nText + n + 1) * 2;
    char *aNew;
    if (pS->nText + n + 1 > XLSX_MAX_ROWTEXT) {
      xlsx_err(pS->pB, "%s: row %d holds more than %u MiB of text", pS->zPart,
               pS->iRow, XLSX_MAX_ROWTEXT >> 20);
      return XLSX_ELIMIT;
    }
    aNew = pS->pB->a.xRealloc(pS->aText, nNew);
    if (aNew == 0) return XLSX_ENOMEM;
    pS->aText = aNew;
    pS->nTextAlloc = nNew;
  }
  memcpy(pS->aText + pS->nText, z, n);
  pS->nText += n;
  return XLSX_OK;
}

/* The cell being read: its attributes and where its text starts. */
typedef struct XlsxPend XlsxPend;
struct XlsxPend {
  int iCol;
  int t; /* 's', 'i' (inlineStr), 'S' (str), 'b', 'e', 'd', 'n' */
  int iXf;
  int hasV;
  size_t iText;
};

/* XR-7: 1 when (row, col) is in a merged range but not its top-left. */
static int xlsx_merged_away(const XlsxSheet *pS, int row, int col) {
  int lo = 0, hi = pS->nMerge, k;
  /* Only ranges that start at most nMergeSpan rows above can hold it:
     binary search for the first of them. */
  while (lo < hi) {
    int mid = lo + (hi - lo) / 2;
    if (pS->aMerge[mid].r0 < row - pS->nMergeSpan) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  for (k = lo; k < pS->nMerge && pS->aMerge[k].r0 <= row; k++) {
    const XlsxRange *m = &pS->aMerge[k];
    if (row >= m->r0 && row <= m->r1 && col >= m->c0 && col <= m->c1) {
      return row != m->r0 || col != m->c0;
    }
  }
  return 0;
}

/* XR-4, XR-5: the typed cell of pend, appended to the row. Its text stays
   in the row buffer (z 0, n its offset) until xlsx_row_fix. */
static int xlsx_cell_end(XlsxSheet *pS, const XlsxPend *pP) {
  XlsxBook *p = pS->pB;
  XlsxCell *pC;
  char *z;
  size_t n;
  int rc = xlsx_row_text(pS, "", 1);
  if (rc != XLSX_OK) return rc;
  pS->nText--;
  z = pS->aText + pP->iText;
  n = pS->nText - pP->iText;
  if (!pP->hasV || n == 0 ||
      (pS->nMerge && xlsx_merged_away(pS, pS->iRow, pP->iCol))) {
    pS->nText = pP->iText;
    return XLSX_OK;
  }
  if (pS->nCell == pS->nCellAlloc) {
    int nNew = pS->nCellAlloc ? pS->nCellAlloc * 2 : 32;
    XlsxCell *aNew;
    if (pS->nCell >= XLSX_MAX_COL) {
      xlsx_err(p, "%s: row %d has more than %d cells", pS->zPart, pS->iRow,
               XLSX_MAX_COL);
      return XLSX_ECORRUPT;
    }
    aNew = p->a.xRealloc(pS->aCell, sizeof(XlsxCell) * (size_t)nNew);
    if (aNew == 0) return XLSX_ENOMEM;
    pS->aCell = aNew;
    pS->nCellAlloc = nNew;
  }
  pC = &pS->aCell[pS->nCell];
  memset(pC, 0, sizeof(*pC));
  pC->iCol = pP->iCol;
  pC->n = (int)pP->iText;
  switch (pP->t) {
    case 's': {
      char *zEnd = 0;
      long long k = strtoll(z, &zEnd, 10);
      if (zEnd == z || *zEnd || k < 0 || k >= p->nStr) {
        xlsx_err(p, "%s: row %d: shared string index '%s' out of range",
                 pS->zPart, pS->iRow, z);
        return XLSX_ECORRUPT;
      }
      pC->eType = XLSX_TEXT;
      pC->z = p->aSst + p->aSstOff[k];
      pC->n = (int)strlen(pC->z);
      pS->nText = pP->iText;
      break;
    }
    case 'i':
    case 'S':
      pC->eType = XLSX_TEXT;
      pS->nText = pP->iText + xlsx_unescape(z, n);
      break;
    case 'd':
      pC->eType = XLSX_DATE;
      break;
    case 'e':
      pC->eType = XLSX_ERROR;
      break;
    case 'b':
      pC->eType = XLSX_BOOL;
      pC->r = z[0] == '1' || z[0] == 't';
      break;
    default: {
      char *zEnd = 0;
      double v = strtod(z, &zEnd);
      int kind = pP->iXf >= 0 && pP->iXf < p->nXf ? p->aXfKind[pP->iXf] : 0;
      if (zEnd == z || *zEnd || !isfinite(v)) {
        xlsx_err(p, "%s: row %d: bad number '%s'", pS->zPart, pS->iRow, z);
        return XLSX_ECORRUPT;
      }
      pC->eType = XLSX_NUMBER;
      pC->r = v;
      if (kind == NF_ELAPSED) {
        pC->eType = XLSX_DURATION;
        pC->r = (double)llround(v * 86400000.0) / 1000.0;
      } else if (kind != NF_NONE) {
        char aBuf[48];
        int e = xlsx_serial_text(v, p->date1904, kind, aBuf);
        if (e != XLSX_NUMBER) {
          pS->nText = pP->iText;
          rc = xlsx_row_text(pS, aBuf, strlen(aBuf));
          if (rc != XLSX_OK) return rc;
          pC->eType = e;
        }
      }
      break;
    }
  }
  if (pC->z == 0) {
    rc = xlsx_row_text(pS, "", 1);
    if (rc != XLSX_OK) return rc;
  }
  pS->nCell++;
  return XLSX_OK;
}

/* Points the row's cells at their texts once the buffer is final. */
static void xlsx_row_fix(XlsxSheet *pS) {
  int k;
  for (k = 0; k < pS->nCell; k++) {
    XlsxCell *pC = &pS->aCell[k];
    if (pC->z == 0) {
      pC->z = pS->aText + pC->n;
      pC->n = (int)strlen(pC->z);
    }
  }
}

/* The attributes of a <c> element. */
static int xlsx_cell_start(XlsxSheet *pS, XlsxPend *pP, int *piNextCol) {
  int n;
  const char *zR = xml_attr(pS->pX, "r", &n);
  const char *zT = xml_attr(pS->pX, "t", 0);
  const char *zS = xml_attr(pS->pX, "s", 0);
  memset(pP, 0, sizeof(*pP));
  pP->iCol = *piNextCol;
  if (zR) {
    int row = 0;
    if (!xlsx_parse_ref(zR, n, &row, &pP->iCol)) {
      xlsx_err(pS->pB, "%s: row %d: bad cell reference '%s'", pS->zPart,
               pS->iRow, zR);
      return XLSX_ECORRUPT;
    }
  } else if (pP->iCol > XLSX_MAX_COL) {
    xlsx_err(pS->pB, "%s: row %d: more than %d columns", pS->zPart, pS->iRow,
             XLSX_MAX_COL);
    return XLSX_ECORRUPT;
  }
  *piNextCol = pP->iCol + 1;
  pP->t = 'n';
  if (zT) {
    if (strcmp(zT, "s") == 0) pP->t = 's';
    if (strcmp(zT, "inlineStr") == 0) pP->t = 'i';
    if (strcmp(zT, "str") == 0) pP->t = 'S';
    if (strcmp(zT, "b") == 0) pP->t = 'b';
    if (strcmp(zT, "e") == 0) pP->t = 'e';
    if (strcmp(zT, "d") == 0) pP->t = 'd';
  }
  pP->iXf = zS ? (int)strtol(zS, 0, 10) : 0;
  pP->iText = pS->nText;
  return XLSX_OK;
}

/* The start of a <row>. */
static int xlsx_row_start(XlsxSheet *pS) {
  int n;
  const char *zR = xml_attr(pS->pX, "r", &n);
  int iRow = pS->iRow + 1;
  if (zR) {
    char *zEnd = 0;
    long v = strtol(zR, &zEnd, 10);
    if (zEnd == zR || *zEnd || v < 1 || v > XLSX_MAX_ROW) {
      xlsx_err(pS->pB, "%s: bad row number '%s'", pS->zPart, zR);
      return XLSX_ECORRUPT;
    }
    iRow = (int)v;
  }
  if (iRow > XLSX_MAX_ROW) {
    xlsx_err(pS->pB, "%s: more than %d rows", pS->zPart, XLSX_MAX_ROW);
    return XLSX_ECORRUPT;
  }
  pS->iRow = iRow;
  pS->nCell = 0;
  pS->nText = 0;
  return XLSX_OK;
}

/*
** XR-4, XR-6: the next <row> of sheetData. The parser state machine is
** kept whole: inV says a <v> (or an inline <t>) is collecting text.
*/
int xlsx_next_row(XlsxSheet *pS) {
  XmlParser *pX = pS->pX;
  XlsxPend pend;
  int x, rc = XLSX_OK, inRow = 0, inCell = 0, inV = 0, nextCol = 1;
  if (pS->done) return XLSX_DONE;
  memset(&pend, 0, sizeof(pend));
  while ((x = xml_next(pX)) == XML_START || x == XML_END || x == XML_TEXT) {
    if (x == XML_TEXT) {
      if (inV) {
        int n;
        const char *z = xml_text(pX, &n);
        rc = xlsx_row_text(pS, z, (size_t)n);
      }
    } else if (x == XML_START) {
      if (!inRow) {
        if (xml_is(pX, "row")) {
          inRow = 1;
          rc = xlsx_row_start(pS);
        } else {
          x = xml_skip(pX);
          if (x != XML_END) break;
        }
      } else if (!inCell) {
        if (xml_is(pX, "c")) {
          inCell = 1;
          rc = xlsx_cell_start(pS, &pend, &nextCol);
        } else {
          x = xml_skip(pX);
          if (x != XML_END) break;
        }
      } else if (xml_is(pX, "v") || (pend.t == 'i' && xml_is(pX, "t"))) {
        inV = 1;
        pend.hasV = 1;
      } else if (xml_is(pX, "f") || xml_is(pX, "rPh") || xml_is(pX, "extLst")) {
        x = xml_skip(pX);
        if (x != XML_END) break;
      }
    } else if (inV && (xml_is(pX, "v") || xml_is(pX, "t"))) {
      inV = 0;
    } else if (inCell && xml_is(pX, "c")) {
      inCell = 0;
      rc = xlsx_cell_end(pS, &pend);
    } else if (inRow && xml_is(pX, "row")) {
      xlsx_row_fix(pS);
      return XLSX_ROW;
    } else if (!inRow && xml_is(pX, "sheetData")) {
      pS->done = 1;
      return XLSX_DONE;
    }
    if (rc != XLSX_OK) return rc;
  }
  if (x == XML_DONE) {
    xlsx_err(pS->pB, "%s: document ends inside sheetData", pS->zPart);
    return XLSX_ECORRUPT;
  }
  return xlsx_xml_fail(pS->pB, pX, &pS->src, pS->zPart, x);
}

/* ------------------------------------------------- XR-7: merged cells */

/* Adds the range of the ref="..." found in z[0..n) (one mergeCell tag). */
static int xlsx_merge_tag(XlsxBook *p, const char *z, size_t n, XlsxRange **pa,
                          int *pn, int *pnAlloc) {
  size_t k;
  for (k = 0; k + 5 < n; k++) {
    if (memcmp(z + k, "ref=", 4) == 0 &&
        (z[k + 4] == '"' || z[k + 4] == '\'') &&
        (k == 0 || z[k - 1] == ' ' || z[k - 1] == '\t' || z[k - 1] == '\n' ||
         z[k - 1] == '\r')) {
      const char *zV = z + k + 5, *zE = memchr(zV, z[k + 4], n - k - 5);
      XlsxRange r;
      if (zE == 0 || !xlsx_parse_range(zV, (int)(zE - zV), &r)) break;
      if (*pn == *pnAlloc) {
        int nNew = *pnAlloc ? *pnAlloc * 2 : 16;
        XlsxRange *aNew;
        if (*pn >= XLSX_MAX_MERGE) {
          xlsx_err(p, "more than %d merged ranges", XLSX_MAX_MERGE);
          return XLSX_ELIMIT;
        }
        aNew = p->a.xRealloc(*pa, sizeof(XlsxRange) * (size_t)nNew);
        if (aNew == 0) return XLSX_ENOMEM;
        *pa = aNew;
        *pnAlloc = nNew;
      }
      (*pa)[(*pn)++] = r;
      return XLSX_OK;
    }
  }
  return XLSX_OK;
}

/*
** Scans a window of raw sheet XML for "<mergeCell " (or "<x:mergeCell ")
** tags. Text cannot hold a raw '<', so every match is markup. Returns
** the number of leading bytes the caller may drop (a tag cut by the
** window's end is kept for the next round).
*/
static size_t xlsx_merge_scan(XlsxBook *p, const char *z, size_t n, int final,
                              XlsxRange **pa, int *pn, int *pnAlloc, int *pRc) {
  size_t i = 0;
  while (i < n) {
    const char *zLt = memchr(z + i, '<', n - i), *zGt, *zName;
    size_t j;
    if (zLt == 0) return n;
    j = (size_t)(zLt - z);
    zGt = memchr(zLt, '>', n - j);
    /* A tag cut by the window's end waits for the next round, unless it
       fills the window (no mergeCell tag is that long). */
    if (zGt == 0) return (final || j == 0) ? n : j;
    zName = zLt + 1;
    while (zName < zGt && *zName != ':' && *zName != ' ' && *zName != '/')
      zName++;
    zName = (zName < zGt && *zName == ':') ? zName + 1 : zLt + 1;
    if ((size_t)(zGt - zName) > 10 && memcmp(zName, "mergeCell", 9) == 0 &&
        (zName[9] == ' ' || zName[9] == '\t' || zName[9] == '\n' ||
         zName[9] == '\r')) {
      *pRc = xlsx_merge_tag(p, zName + 9, (size_t)(zGt - zName - 9), pa, pn,
                            pnAlloc);
      if (*pRc != XLSX_OK) return n;
    }
    i = (size_t)(zGt - z) + 1;
  }
  return n;
}

/* Orders ranges by first row, then first column. */
static int xlsx_range_cmp(const void *pA, const void *pB) {
  const XlsxRange *a = pA, *b = pB;
  if (a->r0 != b->r0) return a->r0 < b->r0 ? -1 : 1;
  return (a->c0 > b->c0) - (a->c0 < b->c0);
}

int xlsx_sheet_merges(XlsxBook *p, int iSheet, XlsxRange **paRange, int *pn) {
  XlsxSrc src;
  XlsxRange *a = 0;
  char *aBuf;
  size_t nBuf = 0, nAlloc = xlsxMergeWindow;
  int n = 0, nAlloc2 = 0, rc = xlsx_sheet_check(p, iSheet), zrc, eof = 0;
  *paRange = 0;
  *pn = 0;
  if (rc != XLSX_OK) return rc;
  zrc =
      zip_entry_open(p->pZ, zip_find(p->pZ, p->aSheet[iSheet].zPart), &src.pE);
  if (zrc != ZIP_OK) {
    xlsx_err(p, "%s", zip_errmsg(p->pZ));
    return xlsx_zip_rc(zrc);
  }
  aBuf = xlsx_malloc(p, nAlloc);
  if (aBuf == 0) rc = XLSX_ENOMEM;
  while (rc == XLSX_OK && !eof) {
    size_t got = 0, used;
    zrc = zip_read(src.pE, aBuf + nBuf, nAlloc - nBuf, &got);
    if (zrc != ZIP_OK) {
      xlsx_err(p, "%s", zip_errmsg(p->pZ));
      rc = xlsx_zip_rc(zrc);
      break;
    }
    eof = got == 0;
    nBuf += got;
    used = xlsx_merge_scan(p, aBuf, nBuf, eof, &a, &n, &nAlloc2, &rc);
    memmove(aBuf, aBuf + used, nBuf - used);
    nBuf -= used;
  }
  p->a.xFree(aBuf);
  zip_entry_close(src.pE);
  if (rc != XLSX_OK) {
    p->a.xFree(a);
    return rc;
  }
  if (n > 1) qsort(a, (size_t)n, sizeof(XlsxRange), xlsx_range_cmp);
  *paRange = a;
  *pn = n;
  return XLSX_OK;
}
