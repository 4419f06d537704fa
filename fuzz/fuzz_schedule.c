/*
** fuzz_schedule.c: the schedule parser and business seconds (bizsched.c)
** on arbitrary bytes, in real zones.
**
** Input: SCHEDULE, then optionally 0x01 and up to 16 bytes that pick the
** interval. A zone named in the schedule is used when it is one of the
** zones loaded at start-up, else UTC. Checks, beyond "no crash, no UB":
**   - a parsed schedule is well formed (spans inside their day, sorted,
**     not overlapping, weekSec their sum, closed ranges sorted, disjoint and
*apart);
**   - 0 <= business_seconds <= end - start, and splitting the interval at
**     any point gives the same total;
**   - for intervals up to two days (from 1970 on), the total equals a count,
**     minute by minute, of the wall-clock times inside a span of an open
**     date, which knows nothing of the fast paths.
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bizsched.c"
#include "tsparse.c"
#include "tzif.c"

static const char *const azZone[] = {"America/Toronto", "Europe/Paris",
                                     "Australia/Sydney", "America/St_Johns",
                                     "Asia/Kolkata"};
#define NZONE (int)(sizeof(azZone) / sizeof(azZone[0]))
static TzZone aZone[NZONE];
static unsigned char *aZoneBuf[NZONE];
static int aZoneOk[NZONE];
static TzZone utcZone;

static void fuzz_load_zones(void) {
  int k;
  tzif_utc(&utcZone);
  for (k = 0; k < NZONE; k++) {
    char zPath[256];
    FILE *f;
    size_t n;
    snprintf(zPath, sizeof(zPath), "%s/%s", TZIF_DIR, azZone[k]);
    f = fopen(zPath, "rb");
    if (!f) continue;
    aZoneBuf[k] = malloc(TZIF_FILE_MAX);
    n = fread(aZoneBuf[k], 1, TZIF_FILE_MAX, f);
    fclose(f);
    aZoneOk[k] = tzif_parse(aZoneBuf[k], n, &aZone[k]);
  }
}

static const TzZone *fuzz_zone(const char *z, const BizSchedule *p) {
  int k;
  for (k = 0; k < NZONE; k++) {
    if (aZoneOk[k] && (int)strlen(azZone[k]) == p->nZone &&
        memcmp(azZone[k], z + p->iZone, (size_t)p->nZone) == 0) {
      return &aZone[k];
    }
  }
  return &utcZone;
}

/* The oracle: minutes whose wall-clock time is in an open span. */
static long long fuzz_minutes(const BizSchedule *p, const TzZone *pZone,
                              long long s, long long e) {
  long long t, n = 0;
  for (t = s; t < e; t += 60) {
    long long L = t + tzif_offset(pZone, t, 0, 0);
    long long d = L >= 0 ? L / 86400 : -((-L + 86399) / 86400);
    int tod = (int)(L - d * 86400), w = ts_weekday(d), k, closed = 0;
    for (k = 0; k < p->nClosed; k++) {
      closed |= p->aClosed[2 * k] <= d && d <= p->aClosed[2 * k + 1];
    }
    if (closed) continue;
    for (k = p->aFirst[w]; k < p->aFirst[w + 1]; k++) {
      if (tod >= p->aSpan[k].a && tod < p->aSpan[k].b) {
        n++;
        break;
      }
    }
  }
  return n * 60;
}

int LLVMFuzzerTestOneInput(const uint8_t *aData, size_t nData) {
  static int loaded = 0;
  const char *z = (const char *)aData;
  const char *zSep;
  int n, k, w;
  long long *aClosed;
  BizSchedule sched;
  BizError err;
  unsigned char aPick[16];
  if (!loaded) {
    fuzz_load_zones();
    loaded = 1;
  }
  if (nData > 2048) return 0;
  zSep = memchr(z, 1, nData);
  n = zSep ? (int)(zSep - z) : (int)nData;
  memset(aPick, 0, sizeof(aPick));
  if (zSep) {
    size_t nPick = nData - (size_t)n - 1;
    memcpy(aPick, zSep + 1, nPick < 16 ? nPick : 16);
  }
  aClosed = malloc(sizeof(long long) * (size_t)BIZ_CLOSED_MAX(n));
  if (!aClosed) return 0;
  if (!biz_parse(z, n, &sched, aClosed, &err)) {
    if (err.zMsg == 0) abort();
    if (err.iTok >= 0 && (err.iTok > n || err.iTok + err.nTok > n)) abort();
    if (err.iTok < 0 && err.iTok < -7) abort();
    free(aClosed);
    return 0;
  }
  /* well formed */
  {
    long long sum = 0;
    if (sched.nSpan < 1 || sched.nSpan > BIZ_MAX_SPAN) abort();
    if (sched.aFirst[0] != 0 || sched.aFirst[7] != sched.nSpan) abort();
    for (w = 0; w < 7; w++) {
      if (sched.aFirst[w] > sched.aFirst[w + 1]) abort();
      for (k = sched.aFirst[w]; k < sched.aFirst[w + 1]; k++) {
        const BizSpan *sp = &sched.aSpan[k];
        if (sp->a < 0 || sp->a >= sp->b || sp->b > 86400) abort();
        if (k > sched.aFirst[w] && sp->a < sched.aSpan[k - 1].b) abort();
        sum += sp->b - sp->a;
      }
    }
    if (sum != sched.weekSec) abort();
    for (k = 0; k < sched.nClosed; k++) {
      if (sched.aClosed[2 * k] > sched.aClosed[2 * k + 1]) abort();
      if (k > 0 && sched.aClosed[2 * k] <= sched.aClosed[2 * k - 1] + 1)
        abort();
    }
    if (sched.nZone > 0 && sched.iZone + sched.nZone > n) abort();
  }
  {
    const TzZone *pZone = fuzz_zone(z, &sched);
    uint32_t u0, u1;
    long long s, e, m;
    double r, r1, r2;
    memcpy(&u0, aPick, 4);
    memcpy(&u1, aPick + 4, 4);
    /* start in 1900..2100, length up to about 4 years, minute-aligned
    ** when the pick's last byte is even */
    s = -2208988800LL + (long long)(u0 % 6311433600ULL);
    e = s + (long long)(u1 % 126230400U);
    if (aPick[15] % 2 == 0) {
      s -= ((s % 60) + 60) % 60;
      e -= ((e % 60) + 60) % 60;
    }
    r = biz_seconds(&sched, pZone, (double)s, (double)e);
    if (!(r >= 0) || r > (double)(e - s)) abort();
    m = s + (e - s) * (aPick[8] % 101) / 100;
    r1 = biz_seconds(&sched, pZone, (double)s, (double)m);
    r2 = biz_seconds(&sched, pZone, (double)m, (double)e);
    if (r1 + r2 != r) abort();
    /* Since 1970 these zones' offsets are whole minutes (before, Paris
    ** was at +0:09:21 and Kolkata at +5:53:20), so minutes are exact. */
    if (aPick[15] % 2 == 0 && e - s <= 86400 * 2 && s >= 0) {
      if ((double)fuzz_minutes(&sched, pZone, s, e) != r) abort();
    }
  }
  free(aClosed);
  return 0;
}
