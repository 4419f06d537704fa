/*
** fuzz_csv.c: the CSV reader (ext/csvparse.c) on arbitrary bytes. The first
** byte picks the encoding, delimiter, quote and line-end mode; the rest is
** the file. Each input is read twice, through the normal 1 MiB buffer and
** through a buffer of a few bytes (so that every record crosses buffer
** boundaries and the scan state must resume): the two readings must give
** the same records, cells, lines and status, or the target aborts. The
** sniffers run on the sample too.
*/
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "csvparse.c"

static void *fuzz_realloc(void *p, size_t n) {
  return realloc(p, n);
}

static const CsvAlloc fuzzAlloc = {fuzz_realloc, free};

/* FNV-1a over the bytes. */
static uint64_t fuzz_hash(uint64_t h, const void *pv, size_t n) {
  const unsigned char *z = pv;
  size_t i;
  for (i = 0; i < n; i++)
    h = (h ^ z[i]) * 1099511628211ULL;
  return h;
}

/* Reads everything; returns a digest of what was read. */
static uint64_t fuzz_read(const uint8_t *z, size_t n, int *peEnc, int *pcDelim,
                          int cQuote, int *peEol, int nMax) {
  int cDelim = *pcDelim, eEol = *peEol;
  CsvReader *p;
  uint64_t h = 1469598103934665603ULL;
  int rc = csv_open_mem(&p, (const char *)z, n, *peEnc, &fuzzAlloc);
  int nRec = 0;
  if (rc != CSV_OK) return (uint64_t)rc;
  *peEnc = csv_encoding(p);
  if (eEol < 0) {
    const char *zs;
    size_t ns;
    int complete;
    csv_sample(p, &zs, &ns, &complete);
    eEol = csv_sniff_eol(zs, ns);
    if (cDelim < 0) {
      cDelim = csv_sniff_delim(zs, ns, cQuote, eEol, complete, &fuzzAlloc);
      if (cDelim < 0) {
        csv_close(p);
        return 0;
      }
    }
  }
  if (cDelim < 0) cDelim = ',';
  *pcDelim = cDelim;
  *peEol = eEol;
  csv_dialect(p, cDelim, cQuote, eEol);
  csv_limit(p, nMax);
  while ((rc = csv_next(p)) == CSV_ROW && nRec < 100000) {
    int i, nc = csv_ncell(p);
    long long line = csv_line(p);
    h = fuzz_hash(h, &nc, sizeof(nc));
    h = fuzz_hash(h, &line, sizeof(line));
    for (i = 0; i < nc; i++) {
      int k;
      const char *zc = csv_cell(p, i, &k);
      if (k < 0 || (i & 1) == 0) {
        /* cells are decoded on demand: ask twice, in any order, and the
           NUL-terminated form must not touch another cell */
        zc = csv_cell_z(p, i, &k);
        if (zc[k] != 0) abort();
      }
      h = fuzz_hash(h, &k, sizeof(k));
      h = fuzz_hash(h, zc, (size_t)k);
      k = csv_cell_quoted(p, i);
      h = fuzz_hash(h, &k, sizeof(k));
    }
    nRec++;
  }
  h = fuzz_hash(h, &rc, sizeof(rc));
  if (rc != CSV_DONE && rc != CSV_ROW) {
    long long line = csv_line(p);
    const char *zErr = csv_errmsg(p);
    h = fuzz_hash(h, &line, sizeof(line));
    h = fuzz_hash(h, zErr, strlen(zErr));
  }
  csv_close(p);
  return h;
}

int LLVMFuzzerTestOneInput(const uint8_t *aData, size_t nData) {
  static const int aDelim[4] = {',', ';', '\t', -1};
  static const int aQuote[4] = {'"', '"', '\'', -1};
  static const int aEnc[8] = {CSV_ENC_AUTO,    CSV_ENC_UTF8,   CSV_ENC_UTF16,
                              CSV_ENC_UTF16BE, CSV_ENC_LATIN1, CSV_ENC_CP1252,
                              CSV_ENC_AUTO,    CSV_ENC_UTF8};
  int opt, eEnc, eEnc2, cDelim, cQuote, eEol;
  uint64_t h1, h2;
  if (nData < 1 || nData > 65536) return 0;
  opt = aData[0];
  aData++;
  nData--;
  eEnc = aEnc[opt & 7];
  cDelim = aDelim[(opt >> 3) & 3];
  cQuote = aQuote[(opt >> 5) & 3];
  eEol = (opt & 0x80) ? -1 : CSV_EOL_LF;
  if (eEol < 0) cDelim = -1;
  /* 128 KiB: over the 64 KiB sample, so detection is as in the extension,
     and cheaper than 1 MiB per reader under ASan. */
  csvBufInit = 1 << 17;
  h1 = fuzz_read(aData, nData, &eEnc, &cDelim, cQuote, &eEol, 64);
  /* The same bytes through a tiny buffer, with what the first pass
     detected (a tiny sample could detect differently). */
  eEnc2 = eEnc;
  csvBufInit = 8 + (size_t)(opt % 23);
  h2 = fuzz_read(aData, nData, &eEnc2, &cDelim, cQuote, &eEol, 64);
  csvBufInit = 1 << 20;
  if (h1 != h2) abort();
  return 0;
}
