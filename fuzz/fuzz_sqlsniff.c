/*
** fuzz_sqlsniff.c: arbitrary rows of text cells through the sniffing that
** kpi_csv and a workbook reader share (ext/sniff.c, SPEC 6.1): title and
** preamble rows, header, description rows, decimal mark, thousands
** separators, placeholders, buckets and yearless dates, then every cell
** typed by its column's decision. The first byte picks the options; the
** rest is split into rows at LF and cells at TAB. Errors are fine;
** crashes, leaks and sanitizer reports are not.
**
** Built by fuzz/run.sh with every source of ext/ and SQLITE_CORE (the
** sqlite3_malloc of sniff.c is SQLite's own).
*/
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "sniff.h"

int LLVMFuzzerTestOneInput(const uint8_t *aData, size_t nData) {
  static const char *const azNull[] = {0, "", "N/A,null", " -- , x ,"};
  SniffRows s;
  SniffOpts o;
  SniffLayout lay;
  const char *zWhy = 0;
  char *zText, *p;
  char *azCell[64];
  int r, i, rc;
  if (nData < 1 || nData > 20000) return 0;
  sqlite3_initialize();
  memset(&s, 0, sizeof(s));
  sniff_opts_default(&o);
  o.eHeader = (aData[0] & 3) == 3 ? -1 : (aData[0] & 3) - 1;
  o.nSkip = (aData[0] & 4) ? 1 : -1;
  o.eThousands = (aData[0] & 8) ? ',' : -1;
  o.zNull = (char *)azNull[(aData[0] >> 4) & 3];
  o.nHeaderRows = (aData[0] & 64) ? 1 : -1;
  zText = malloc(nData);
  if (zText == 0) return 0;
  memcpy(zText, aData + 1, nData - 1);
  zText[nData - 1] = 0;
  for (p = zText; *p;) {
    int n = 0;
    char *zEnd = strchr(p, '\n');
    if (zEnd) *zEnd = 0;
    azCell[n++] = p;
    for (; *p && n < 64; p++) {
      if (*p == '\t') {
        *p = 0;
        azCell[n++] = p + 1;
      }
    }
    if (sniff_rows_add(&s, (const char *const *)azCell, n) != SQLITE_OK) break;
    if (zEnd == 0) break;
    p = zEnd + 1;
  }
  rc = sniff_layout(&o, &s, (aData[0] & 128) ? ';' : ',', &lay, &zWhy);
  if (rc == SQLITE_OK) {
    for (r = lay.iData; r < s.nRow; r++) {
      for (i = 0; i < s.anRow[r]; i++) {
        SniffValue v;
        const char *z = s.aazRow[r][i];
        int n = (int)strlen(z), md;
        sniff_cell(&lay, i, z, n, SNIFF_AUTO, &v);
        sniff_cell(&lay, i, z, n, SNIFF_INTEGER, &v);
        md = sniff_month_day(z, n);
        if (md) {
          char aOut[11];
          sniff_ymd_text(sniff_year_near(20250701, md), aOut);
          sniff_ymd_text(sniff_year_export(20260228, md), aOut);
        }
      }
    }
    sniff_layout_clear(&lay);
  } else if (rc == SQLITE_ERROR && zWhy == 0) {
    abort(); /* an error must say why */
  }
  sniff_rows_clear(&s);
  free(zText);
  return 0;
}
