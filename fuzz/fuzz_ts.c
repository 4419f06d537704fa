/*
** fuzz_ts.c: the timestamp parser (tsparse.c) on arbitrary bytes.
**
** Input: VALUE, or FORMAT 0x01 VALUE (the format then drives
** ts_parse_fmt). Checks, beyond "no crash, no UB":
**   - anything parsed formats to ISO text that fits TS_ISO_MAX and parses
**     back (auto-detected) to the same instant;
**   - TS_BADFORMAT comes from ts_parse_fmt exactly when ts_fmt_check says
**     so, and only with a '%' at the reported offset;
**   - an ambiguous date's suggested formats are valid formats;
**   - the Twitter API fast path reads what its strptime format reads;
**   - the calendar helpers round-trip.
*/
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tsparse.c"

static void fuzz_roundtrip(const TsTime *t) {
  char aIso[TS_ISO_MAX];
  TsTime back;
  int n = ts_format_iso(t, aIso);
  if (n <= 0 || n >= TS_ISO_MAX || (int)strlen(aIso) != n) abort();
  /* Years 0..9999 only come out of the parser, offsets aside: an offset
  ** can move 0000-01-01 into year -1 or 9999-12-31 into 10000. */
  if (aIso[0] == '-' || aIso[0] == '+') return;
  if (ts_parse(aIso, n, &back) != TS_OK) abort();
  if (back.sec != t->sec || back.nsec != t->nsec) abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *aData, size_t nData) {
  const char *z = (const char *)aData;
  const char *zSep;
  TsTime t;
  int rc, iBad = -1;
  if (nData > 512) return 0;
  zSep = memchr(z, 1, nData);
  if (zSep == 0) {
    rc = ts_parse(z, (int)nData, &t);
    if (rc == TS_OK) fuzz_roundtrip(&t);
    {
      /* The Twitter fast path agrees with its format. */
      TsTime tw, tf;
      if (ts_parse_twitter(z, (int)nData, &tw) == TS_OK) {
        if (ts_parse_fmt(z, (int)nData, "%a %b %d %H:%M:%S %z %Y", -1, &tf,
                         0) != TS_OK ||
            tf.sec != tw.sec || tf.nsec != tw.nsec) {
          abort();
        }
      }
    }
    if (rc == TS_AMBIGUOUS) {
      char aFmt[64];
      int k;
      for (k = 0; k < 2; k++) {
        int nFmt = ts_suggest_fmt(z, (int)nData, k, aFmt, (int)sizeof(aFmt));
        if (nFmt > 0) {
          if (ts_fmt_check(aFmt, nFmt, 0) != TS_OK) abort();
          rc = ts_parse_fmt(z, (int)nData, aFmt, nFmt, &t, 0);
          if (rc == TS_OK) fuzz_roundtrip(&t);
        }
      }
    }
    if (rc != TS_OK && rc != TS_BAD && rc != TS_AMBIGUOUS) abort();
  } else {
    int nFmt = (int)(zSep - z);
    int check = ts_fmt_check(z, nFmt, &iBad);
    rc =
        ts_parse_fmt(zSep + 1, (int)(nData - (size_t)nFmt - 1), z, nFmt, &t, 0);
    if ((check == TS_BADFORMAT) != (rc == TS_BADFORMAT)) abort();
    if (check == TS_BADFORMAT && (iBad < 0 || iBad >= nFmt || z[iBad] != '%')) {
      abort();
    }
    if (rc == TS_OK) fuzz_roundtrip(&t);
  }
  if (nData >= 8) {
    long long days, y;
    int m, d;
    memcpy(&days, aData, sizeof(days));
    days %= 4000000000LL; /* about +-11 million years */
    ts_civil_from_days(days, &y, &m, &d);
    if (m < 1 || m > 12 || d < 1 || d > ts_days_in_month(y, m)) abort();
    if (ts_days_from_civil(y, m, d) != days) abort();
    if (ts_weekday(days) < 0 || ts_weekday(days) > 6) abort();
  }
  return 0;
}
