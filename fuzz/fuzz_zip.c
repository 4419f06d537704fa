/*
** fuzz_zip.c: the ZIP reader (ext/zipread.c) and the workbook reader on
** top of it (ext/xlsxread.c, ext/xmlpull.c) on arbitrary bytes. Each entry
** of the archive is read twice, in 64 KiB and in 1-to-7-byte pieces: both
** readings must give the same status, and the same bytes when they end
** well. Then the bytes are opened
** as a workbook and every sheet's merges and rows are read, each cell's
** text checked against its length, all through small buffers (512-byte
** ZIP input, 256-byte XML start, 128-byte merge window). CRC checks are off in
*this build
** (FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION), so that mutated entries
** reach the XML layer (ZR-1..ZR-5, XR-1..XR-8).
*/
#define FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION 1
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "xlsxread.c"
#include "xmlpull.c"
#include "zipread.c"

static void *fuzz_realloc(void *p, size_t n) {
  return realloc(p, n);
}

static const ZipAlloc fuzzAlloc = {fuzz_realloc, free};

static uint64_t fuzz_hash(uint64_t h, const void *pv, size_t n) {
  const unsigned char *z = pv;
  size_t i;
  for (i = 0; i < n; i++)
    h = (h ^ z[i]) * 1099511628211ULL;
  return h;
}

static uint64_t fuzz_entry(ZipArchive *pZ, int i, size_t step) {
  static unsigned char aBuf[65536];
  uint64_t h = 1469598103934665603ULL;
  size_t got = 0, total = 0;
  ZipEntry *pE;
  int rc = zip_entry_open(pZ, i, &pE);
  if (rc != ZIP_OK) return (uint64_t)rc;
  while ((rc = zip_read(pE, aBuf, step, &got)) == ZIP_OK && got > 0) {
    h = fuzz_hash(h, aBuf, got);
    total += got;
    if (total > (8u << 20)) break;
  }
  zip_entry_close(pE);
  /* A damaged stream may deliver a different number of good bytes before
     its error, by piece size: then only the status must agree. */
  if (rc != ZIP_OK) return (uint64_t)rc;
  return fuzz_hash(h, &rc, sizeof(rc));
}

static void fuzz_zip(const uint8_t *z, size_t n) {
  ZipArchive *pZ;
  int i, rc = zip_open_mem(&pZ, z, n, &fuzzAlloc, 0);
  if (pZ == 0) return;
  for (i = 0; rc == ZIP_OK && i < zip_count(pZ) && i < 32; i++) {
    size_t step = (size_t)(i % 7) + 1;
    if (fuzz_entry(pZ, i, 65536) != fuzz_entry(pZ, i, step)) abort();
    if (zip_find(pZ, zip_name(pZ, i)) < 0) abort();
  }
  zip_close(pZ);
}

static void fuzz_sheet(XlsxBook *pB, int i) {
  XlsxRange *aM = 0, dim;
  XlsxSheet *pS;
  int nM = 0, rc, nRow = 0;
  char zRange[32];
  if (xlsx_sheet_merges(pB, i, &aM, &nM) != XLSX_OK) return;
  if (xlsx_sheet_open(pB, i, &pS) != XLSX_OK) {
    free(aM);
    return;
  }
  if (xlsx_sheet_dimension(pS, &dim)) xlsx_format_range(&dim, zRange);
  xlsx_sheet_set_merges(pS, aM, nM);
  while ((rc = xlsx_next_row(pS)) == XLSX_ROW && nRow++ < 20000) {
    int n, k;
    const XlsxCell *a = xlsx_cells(pS, &n);
    for (k = 0; k < n; k++) {
      if (strlen(a[k].z) != (size_t)a[k].n) abort();
      if (a[k].iCol < 1 || a[k].iCol > XLSX_MAX_COL) abort();
    }
  }
  xlsx_sheet_close(pS);
  free(aM);
}

int LLVMFuzzerTestOneInput(const uint8_t *z, size_t n) {
  XlsxBook *pB;
  int i;
  /* Small buffers: faster runs, and every boundary crossed. */
  zipInSize = 512;
  xmlBufInit = 256;
  xlsxMergeWindow = 128;
  fuzz_zip(z, n);
  if (xlsx_open_mem(&pB, z, n, &fuzzAlloc) == XLSX_OK) {
    for (i = 0; i < xlsx_nsheet(pB) && i < 8; i++) {
      fuzz_sheet(pB, i);
    }
  }
  xlsx_close(pB);
  return 0;
}
