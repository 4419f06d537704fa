/*
** fuzz_value.c: the value layer's number and flag parsers on arbitrary
** bytes. Every number kpi_parse_num accepts must equal, bit for bit, what
** glibc's correctly rounded strtod makes of the same text, and an integer
** must read back as its own digits.
*/
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "value.c"

const sqlite3_api_routines *sqlite3_api;
static sqlite3_api_routines fuzzApi;

/* value.c's error helper names the calling function through kpi.c, which
** this target does not link: the parsers it fuzzes never report one. */
const char *kpi_func_name(sqlite3_context *ctx) {
  (void)ctx;
  return "fuzz";
}

static void *fuzz_malloc64(sqlite3_uint64 n) {
  return malloc((size_t)n);
}

int LLVMFuzzerTestOneInput(const uint8_t *aData, size_t nData) {
  KpiNum v;
  int flag;
  char *z;
  if (sqlite3_api == 0) {
    fuzzApi.malloc64 = fuzz_malloc64;
    fuzzApi.free = free;
    sqlite3_api = &fuzzApi;
  }
  if (nData > 4096) return 0;
  z = malloc(nData + 1);
  if (!z) return 0;
  memcpy(z, aData, nData);
  z[nData] = 0;
  if (kpi_parse_num(z, (int)nData, &v) && strlen(z) == nData) {
    double r = strtod(z, 0);
    if (v.isInt) {
      long long back = strtoll(z, 0, 10);
      if (back != v.i) abort();
      if ((double)v.i != v.r) abort();
    } else if (memcmp(&r, &v.r, sizeof(r)) != 0 && !(r == 0 && v.r == 0)) {
      abort();
    }
  }
  (void)kpi_parse_flag(z, (int)nData, &flag);
  free(z);
  return 0;
}
