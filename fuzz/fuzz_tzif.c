/*
** fuzz_tzif.c: the TZif reader and POSIX TZ rules (tzif.c) on arbitrary
** bytes (Z-1: every count, index and length is checked against the
** buffer). Seeds are real zone files. Checks, beyond "no crash, no UB":
** every offset lies within +-26 hours, and the interval tzif_offset gives
** around an instant holds that instant and the same offset at both ends.
** The bytes are also read as a POSIX TZ string.
**
** Regression seed: seeds/tzif/regress_rule_spills_into_next_year
** ("EST5EDT,0/5,365/12", whose end date falls in the next year) once gave
** an interval whose far end had another offset, when the rule was judged
** on events of three years at once instead of year by year.
*/
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tsparse.c"
#include "tzif.c"

static void fuzz_check(const TzZone *p, long long t) {
  long long from, to;
  int off = tzif_offset(p, t, &from, &to);
  if (off < -93600 || off > 93600) abort();
  if (from > t || to <= t) abort();
  if (from > -TZIF_FOREVER && tzif_offset(p, from, 0, 0) != off) abort();
  if (to < TZIF_FOREVER && tzif_offset(p, to - 1, 0, 0) != off) abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *aData, size_t nData) {
  static const long long aT[] = {
      -9000000000LL, -2208988800LL, -1,           0,
      1741503600LL,  1762063200LL,  4102444800LL, 7258118400LL,
      253402300799LL};
  TzZone z;
  size_t k;
  if (nData > TZIF_FILE_MAX) return 0;
  if (tzif_parse(aData, nData, &z)) {
    for (k = 0; k < sizeof(aT) / sizeof(aT[0]); k++)
      fuzz_check(&z, aT[k]);
    for (k = 0; k + 8 <= nData && k < 64; k += 8) {
      long long t;
      memcpy(&t, aData + k, 8);
      t %= 300000000000LL;
      fuzz_check(&z, t);
    }
  }
  if (nData < 256) {
    memset(&z, 0, sizeof(z));
    if (tzif_posix((const char *)aData, (int)nData, &z)) {
      for (k = 0; k < sizeof(aT) / sizeof(aT[0]); k++)
        fuzz_check(&z, aT[k]);
    }
  }
  return 0;
}
