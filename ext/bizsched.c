/*
** bizsched.c: working schedules and business seconds (see bizsched.h).
**
** Grammar (blanks between tokens are free; names in any case):
**
**   schedule := item ( ';' item )*
**   item     := days hours [zone]  |  'closed' dates ( ',' dates )*  |  zone
**   days     := day [ '-' day ] ( ',' day [ '-' day ] )*
**   day      := Mon Tue Wed Thu Fri Sat Sun, or the full English name
**   hours    := span ( ',' span )*
**   span     := H:MM '-' H:MM        (00:00 to 24:00)
**   zone     := an IANA name such as America/Toronto, or UTC
**   dates    := YYYY-MM-DD [ '..' YYYY-MM-DD ]   (a date, or a range with
**               both ends closed)
**
** Requirements (tests cite them as B-n):
**   B-1  A day range runs forward and may wrap: Fri-Mon is Fri, Sat, Sun,
**        Mon. Mon-Mon is Monday alone.
**   B-2  A span whose end is before its start runs past midnight into the
**        next day (22:00-06:00); it is split at midnight, and each part
**        belongs to its own date (so a closed date closes the part on it).
**        A span that ends where it starts (09:00-09:00) is an error.
**   B-3  Spans of the same day may not overlap, in the same item or
**        across items ("Mon-Fri 09:00-17:00; Mon 12:00-13:00" is an
**        error); touching spans (09:00-12:00,12:00-17:00) are fine.
**   B-4  One time zone for the whole schedule, written once, after any
**        item's hours or as an item of its own. None means UTC.
**   B-5  closed dates are local dates in the schedule's zone: no hour of
**        that date counts. A range (2025-12-24..2026-01-02) closes every
**        date from the first to the last; a range that ends before it
**        starts is an error.
**   B-6  A schedule with no working hours is an error.
**   B-7  Hours are wall-clock hours: an instant counts when the local
**        wall-clock time it shows in the schedule's zone lies in a span of
**        a date that is not closed. So a 09:00-17:00 day is 8 hours on both
**        daylight-saving change days when the change is at night, and a
**        span across a 02:00 change loses the hour in spring and gains it
**        in autumn (00:00-04:00 is 3 hours, then 5). Wall-clock times that
**        a change skips never show; those that show twice count twice.
**   B-8  biz_seconds costs O(days) at worst, and whole weeks without a
**        closed date or an offset change are added in O(1) each run.
*/
#include "bizsched.h"

#include <math.h>
#include <string.h>

#include "tsparse.h"

static const char *const azBizDay[] = {"sunday",    "monday",   "tuesday",
                                       "wednesday", "thursday", "friday",
                                       "saturday"};

static int biz_blank(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' ||
         c == '\v';
}

static int biz_lower(char c) {
  return (c >= 'A' && c <= 'Z') ? c + 32 : c;
}

static int biz_alpha(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static void biz_skip(const char *z, int n, int *pi) {
  while (*pi < n && biz_blank(z[*pi]))
    (*pi)++;
}

/* The length of the word at i: letters only. */
static int biz_word(const char *z, int n, int i) {
  int k = i;
  while (k < n && biz_alpha(z[k]))
    k++;
  return k - i;
}

/* A day name of nWord letters at i: 0..6, or -1. */
static int biz_day(const char *z, int i, int nWord) {
  int d, k;
  for (d = 0; d < 7; d++) {
    int nFull = (int)strlen(azBizDay[d]);
    if (nWord != 3 && nWord != nFull) continue;
    for (k = 0; k < nWord; k++) {
      if (biz_lower(z[i + k]) != azBizDay[d][k]) break;
    }
    if (k == nWord) return d;
  }
  return -1;
}

static int biz_fail(BizError *pErr, const char *zMsg, int iTok, int nTok) {
  pErr->zMsg = zMsg;
  pErr->iTok = iTok;
  pErr->nTok = nTok < 0 ? 0 : nTok;
  return 0;
}

/* The token at i for a message: up to a blank, ';' or ','. */
static int biz_tok_len(const char *z, int n, int i) {
  int k = i;
  while (k < n && !biz_blank(z[k]) && z[k] != ';' && z[k] != ',')
    k++;
  return k - i;
}

/* H:MM or HH:MM, 00:00 to 24:00, in seconds. */
static int biz_time(const char *z, int n, int *pi, int *pv) {
  int i = *pi, h = 0, m = 0, nd = 0;
  while (i < n && z[i] >= '0' && z[i] <= '9' && nd < 2) {
    h = h * 10 + (z[i] - '0');
    i++;
    nd++;
  }
  if (nd == 0 || i >= n || z[i] != ':') return 0;
  i++;
  if (i + 2 > n || z[i] < '0' || z[i] > '9' || z[i + 1] < '0' ||
      z[i + 1] > '9') {
    return 0;
  }
  m = (z[i] - '0') * 10 + (z[i + 1] - '0');
  i += 2;
  if (i < n && z[i] >= '0' && z[i] <= '9') return 0;
  if (m > 59 || h > 24 || (h == 24 && m != 0)) return 0;
  *pi = i;
  *pv = h * 3600 + m * 60;
  return 1;
}

/* A span kept while parsing: weekday and [a, b) within the day. */
typedef struct BizRaw BizRaw;
struct BizRaw {
  int w, a, b;
};

static int biz_add_raw(BizRaw *aRaw, int *pnRaw, int w, int a, int b) {
  if (*pnRaw >= BIZ_MAX_SPAN) return 0;
  aRaw[*pnRaw].w = w;
  aRaw[*pnRaw].a = a;
  aRaw[*pnRaw].b = b;
  (*pnRaw)++;
  return 1;
}

static int biz_cmp_raw(const BizRaw *x, const BizRaw *y) {
  if (x->w != y->w) return x->w < y->w ? -1 : 1;
  if (x->a != y->a) return x->a < y->a ? -1 : 1;
  return 0;
}

/* YYYY-MM-DD at *pi, a real date: its day number in *pDay. */
static int biz_date(const char *z, int n, int *pi, long long *pDay) {
  int i = *pi, y = 0, m = 0, d = 0, k;
  for (k = 0; k < 10; k++) {
    char c = i + k < n ? z[i + k] : 0;
    if (k == 4 || k == 7) {
      if (c != '-') return 0;
    } else if (c < '0' || c > '9') {
      return 0;
    } else if (k < 4) {
      y = y * 10 + (c - '0');
    } else if (k < 7) {
      m = m * 10 + (c - '0');
    } else {
      d = d * 10 + (c - '0');
    }
  }
  if (m < 1 || m > 12 || d < 1 || d > ts_days_in_month(y, m)) return 0;
  *pDay = ts_days_from_civil(y, m, d);
  *pi = i + 10;
  return 1;
}

/* 'closed' item ( ',' item )*, an item being a date or a range of dates
** (2025-12-24..2026-01-02, both ends closed): sets *pi after the list. */
static int biz_closed(const char *z, int n, int *pi, BizSchedule *p,
                      BizError *pErr) {
  int i = *pi;
  for (;;) {
    int iTok;
    long long d0, d1;
    biz_skip(z, n, &i);
    iTok = i;
    if (!biz_date(z, n, &i, &d0)) {
      return biz_fail(pErr, "bad date", iTok, biz_tok_len(z, n, iTok));
    }
    d1 = d0;
    if (i + 1 < n && z[i] == '.' && z[i + 1] == '.') {
      i += 2;
      if (!biz_date(z, n, &i, &d1)) {
        return biz_fail(pErr, "bad date", iTok, biz_tok_len(z, n, iTok));
      }
      if (d1 < d0) {
        return biz_fail(pErr, "dates in reverse order", iTok, i - iTok);
      }
    }
    if (i < n && !biz_blank(z[i]) && z[i] != ',' && z[i] != ';') {
      return biz_fail(pErr, "bad date", iTok, biz_tok_len(z, n, iTok));
    }
    p->aClosed[2 * p->nClosed] = d0;
    p->aClosed[2 * p->nClosed + 1] = d1;
    p->nClosed++;
    biz_skip(z, n, &i);
    if (i < n && z[i] == ',') {
      i++;
      continue;
    }
    break;
  }
  *pi = i;
  return 1;
}

/* The spans of a schedule while it is parsed. */
typedef struct BizRawSet BizRawSet;
struct BizRawSet {
  BizRaw a[BIZ_MAX_SPAN];
  int n;
};

/* One day name at *pi: 0..6, or -1 with the error set. */
static int biz_one_day(const char *z, int n, int *pi, BizError *pErr) {
  int iTok = *pi, nWord = biz_word(z, n, *pi);
  int d = nWord > 0 ? biz_day(z, *pi, nWord) : -1;
  if (d < 0) {
    biz_fail(pErr, "unknown day", iTok, biz_tok_len(z, n, iTok));
    return -1;
  }
  *pi += nWord;
  biz_skip(z, n, pi);
  return d;
}

/* days := day [ '-' day ] ( ',' day [ '-' day ] )*: sets aDays[w]. */
static int biz_days(const char *z, int n, int *pi, int *aDays, BizError *pErr) {
  for (;;) {
    int d0, d1, w;
    d0 = biz_one_day(z, n, pi, pErr);
    if (d0 < 0) return 0;
    d1 = d0;
    if (*pi < n && z[*pi] == '-') {
      (*pi)++;
      biz_skip(z, n, pi);
      d1 = biz_one_day(z, n, pi, pErr);
      if (d1 < 0) return 0;
    }
    /* B-1: forward, wrapping after Sunday */
    for (w = d0;; w = (w + 1) % 7) {
      aDays[w] = 1;
      if (w == d1) break;
    }
    if (*pi < n && z[*pi] == ',') {
      (*pi)++;
      biz_skip(z, n, pi);
      continue;
    }
    return 1;
  }
}

/* span := H:MM '-' H:MM, added to the days of aDays (B-2). */
static int biz_span_rule(const char *z, int n, int *pi, const int *aDays,
                         BizRawSet *pRaw, BizError *pErr) {
  int a, b, w, iTok = *pi, iB;
  if (!biz_time(z, n, pi, &a)) {
    return biz_fail(pErr, "bad time", iTok, biz_tok_len(z, n, iTok));
  }
  biz_skip(z, n, pi);
  if (*pi >= n || z[*pi] != '-') {
    return biz_fail(pErr, "bad hours", iTok, biz_tok_len(z, n, iTok));
  }
  (*pi)++;
  biz_skip(z, n, pi);
  iB = *pi;
  if (!biz_time(z, n, pi, &b)) {
    return biz_fail(pErr, "bad time", iB, biz_tok_len(z, n, iB));
  }
  if (a == b || a == 86400) {
    return biz_fail(pErr, "empty hours", iTok, *pi - iTok);
  }
  for (w = 0; w < 7; w++) {
    int ok;
    if (!aDays[w]) continue;
    if (a < b) {
      ok = biz_add_raw(pRaw->a, &pRaw->n, w, a, b);
    } else {
      /* B-2: overnight, split at midnight */
      ok = biz_add_raw(pRaw->a, &pRaw->n, w, a, 86400) &&
           (b == 0 || biz_add_raw(pRaw->a, &pRaw->n, (w + 1) % 7, 0, b));
    }
    if (!ok) return biz_fail(pErr, "too many hours", iTok, *pi - iTok);
  }
  return 1;
}

/* hours := span ( ',' span )*; iDays is where the item's days began. */
static int biz_spans(const char *z, int n, int *pi, int iDays, const int *aDays,
                     BizRawSet *pRaw, BizError *pErr) {
  int nSpan = 0;
  for (;;) {
    if (*pi >= n || z[*pi] < '0' || z[*pi] > '9') {
      if (nSpan > 0) return biz_fail(pErr, "hours expected after ','", *pi, 0);
      return biz_fail(pErr, "no hours after the days", iDays, *pi - iDays);
    }
    if (!biz_span_rule(z, n, pi, aDays, pRaw, pErr)) return 0;
    nSpan++;
    biz_skip(z, n, pi);
    if (*pi < n && z[*pi] == ',') {
      (*pi)++;
      biz_skip(z, n, pi);
      continue;
    }
    return 1;
  }
}

/*
** zone (B-4): the name at *pi, once per schedule. afterHours: it follows
** an item's hours, where a day name means a missing ';'.
*/
static int biz_zone(const char *z, int n, int *pi, int afterHours,
                    BizSchedule *p, BizError *pErr) {
  int iTok = *pi, nTok = biz_tok_len(z, n, *pi);
  int nWord = biz_word(z, n, *pi);
  if (afterHours) {
    if (nWord > 0 && nWord == nTok && biz_day(z, iTok, nWord) >= 0) {
      return biz_fail(pErr, "missing ';' before", iTok, nTok);
    }
    if (p->nZone > 0) return biz_fail(pErr, "a second time zone", iTok, nTok);
    if (nTok == 0) return biz_fail(pErr, "unexpected", iTok, 1);
  } else {
    if (p->nZone > 0) return biz_fail(pErr, "a second time zone", iTok, nTok);
    if (nTok == nWord && nWord < 3) {
      return biz_fail(pErr, "unknown day", iTok, nTok);
    }
  }
  p->iZone = iTok;
  p->nZone = nTok;
  *pi += nTok;
  return 1;
}

/* item := days hours [zone] | 'closed' dates | zone, at *pi. */
static int biz_item(const char *z, int n, int *pi, BizSchedule *p,
                    BizRawSet *pRaw, BizError *pErr) {
  int i = *pi, nWord = biz_word(z, n, i);
  if (nWord == 6 && biz_lower(z[i]) == 'c' && biz_lower(z[i + 1]) == 'l' &&
      biz_lower(z[i + 2]) == 'o' && biz_lower(z[i + 3]) == 's' &&
      biz_lower(z[i + 4]) == 'e' && biz_lower(z[i + 5]) == 'd') {
    *pi += 6;
    return biz_closed(z, n, pi, p, pErr);
  }
  if (nWord > 0 && biz_day(z, i, nWord) >= 0) {
    int aDays[7];
    memset(aDays, 0, sizeof(aDays));
    if (!biz_days(z, n, pi, aDays, pErr)) return 0;
    if (!biz_spans(z, n, pi, i, aDays, pRaw, pErr)) return 0;
    if (*pi < n && z[*pi] != ';') return biz_zone(z, n, pi, 1, p, pErr);
    return 1;
  }
  if (nWord > 0) return biz_zone(z, n, pi, 0, p, pErr);
  nWord = biz_tok_len(z, n, i);
  return biz_fail(pErr, "unexpected", i, nWord > 0 ? nWord : 1);
}

/* B-3: sorts the spans, refuses overlaps, and fills p's span tables. */
static int biz_settle_spans(BizRawSet *pRaw, BizSchedule *p, BizError *pErr) {
  BizRaw *aRaw = pRaw->a;
  int nRaw = pRaw->n, k, w;
  /* Insertion sort: at most BIZ_MAX_SPAN. */
  for (k = 1; k < nRaw; k++) {
    int j;
    for (j = k; j > 0 && biz_cmp_raw(&aRaw[j], &aRaw[j - 1]) < 0; j--) {
      BizRaw t = aRaw[j];
      aRaw[j] = aRaw[j - 1];
      aRaw[j - 1] = t;
    }
  }
  for (k = 1; k < nRaw; k++) {
    if (aRaw[k].w == aRaw[k - 1].w && aRaw[k].a < aRaw[k - 1].b) {
      return biz_fail(pErr, "overlapping hours on", -1 - aRaw[k].w,
                      0); /* iTok < 0: a weekday */
    }
  }
  p->nSpan = nRaw;
  for (w = 0, k = 0; w <= 7; w++) {
    while (k < nRaw && aRaw[k].w < w)
      k++;
    p->aFirst[w] = k;
  }
  for (k = 0; k < nRaw; k++) {
    p->aSpan[k].a = aRaw[k].a;
    p->aSpan[k].b = aRaw[k].b;
    p->weekSec += aRaw[k].b - aRaw[k].a;
  }
  return 1;
}

/* B-5: sorts the closed ranges by their first date, then merges those
** that overlap or touch. */
static void biz_settle_closed(BizSchedule *p) {
  int k, nOut = 1;
  for (k = 1; k < p->nClosed; k++) {
    int j;
    for (j = k; j > 0 && p->aClosed[2 * j] < p->aClosed[2 * j - 2]; j--) {
      long long t0 = p->aClosed[2 * j], t1 = p->aClosed[2 * j + 1];
      p->aClosed[2 * j] = p->aClosed[2 * j - 2];
      p->aClosed[2 * j + 1] = p->aClosed[2 * j - 1];
      p->aClosed[2 * j - 2] = t0;
      p->aClosed[2 * j - 1] = t1;
    }
  }
  if (p->nClosed <= 1) return;
  for (k = 1; k < p->nClosed; k++) {
    long long *pLast = &p->aClosed[2 * nOut - 1];
    if (p->aClosed[2 * k] <= *pLast + 1) {
      if (p->aClosed[2 * k + 1] > *pLast) *pLast = p->aClosed[2 * k + 1];
    } else {
      p->aClosed[2 * nOut] = p->aClosed[2 * k];
      p->aClosed[2 * nOut + 1] = p->aClosed[2 * k + 1];
      nOut++;
    }
  }
  p->nClosed = nOut;
}

/* schedule := item ( ';' item )* */
int biz_parse(const char *z, int n, BizSchedule *p, long long *aClosed,
              BizError *pErr) {
  BizRawSet raw;
  int i = 0;
  memset(p, 0, sizeof(*p));
  raw.n = 0;
  p->aClosed = aClosed;
  pErr->zMsg = 0;
  for (;;) {
    biz_skip(z, n, &i);
    if (i >= n) {
      if (raw.n == 0 && i == 0) return biz_fail(pErr, "empty schedule", 0, 0);
      return biz_fail(pErr, "nothing after ';'", i, 0);
    }
    if (!biz_item(z, n, &i, p, &raw, pErr)) return 0;
    biz_skip(z, n, &i);
    if (i >= n) break;
    if (z[i] != ';') {
      int nTok = biz_tok_len(z, n, i);
      return biz_fail(pErr, "unexpected", i, nTok > 0 ? nTok : 1);
    }
    i++;
    biz_skip(z, n, &i);
    if (i >= n) break; /* a final ';' is fine */
  }
  if (raw.n == 0) return biz_fail(pErr, "no working hours", 0, 0);
  if (!biz_settle_spans(&raw, p, pErr)) return 0;
  biz_settle_closed(p);
  return 1;
}

/* ---- business seconds (B-5, B-7, B-8) ---- */

/* Offsets never differ by more than this within a day of a change. */
#define BIZ_MARGIN (26 * 3600)

/* The offset in force and the interval it holds for. */
typedef struct BizClock BizClock;
struct BizClock {
  const TzZone *pZone;
  int off;
  long long from, to;
};

/*
** B-7: the seconds of [start, end) whose wall-clock time lies in [La, Lb)
** (local seconds). Far from any change of offset that is one interval;
** near one, each stretch of constant offset within reach is counted.
*/
static double biz_span(BizClock *c, long long La, long long Lb, double start,
                       double end) {
  long long u1 = La - c->off, u2 = Lb - c->off, t, from, to;
  double total = 0;
  if (u1 >= c->from + BIZ_MARGIN && u2 <= c->to - BIZ_MARGIN) {
    double lo = (double)u1 < start ? start : (double)u1;
    double hi = (double)u2 > end ? end : (double)u2;
    return hi > lo ? hi - lo : 0;
  }
  /* Offsets lie within +-26 hours, so only instants in this reach can show
  ** a wall-clock time in [La, Lb). */
  for (t = La - BIZ_MARGIN; t < Lb + BIZ_MARGIN; t = to) {
    int off = tzif_offset(c->pZone, t, &from, &to);
    double lo = (double)(La - off > from ? La - off : from);
    double hi = (double)(Lb - off < to ? Lb - off : to);
    if (lo < start) lo = start;
    if (hi > end) hi = end;
    if (hi > lo) total += hi - lo;
    if (to <= t) break; /* cannot happen: tzif_offset's interval holds t */
  }
  c->off = tzif_offset(c->pZone, Lb - c->off, &c->from, &c->to);
  return total;
}

static long long biz_floor_div(long long a, long long b) {
  long long q = a / b;
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

/* The first closed range that ends on or after day d. */
static int biz_closed_from(const BizSchedule *p, long long d) {
  int lo = 0, hi = p->nClosed;
  while (lo < hi) {
    int mid = lo + (hi - lo) / 2;
    if (p->aClosed[2 * mid + 1] < d) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}

double biz_seconds(const BizSchedule *p, const TzZone *pZone, double start,
                   double end) {
  BizClock c;
  long long s, e, d, dLast;
  int iClosed;
  double total = 0;
  if (!(end > start)) return 0;
  if (start < BIZ_MIN_TIME || end > BIZ_MAX_TIME) return NAN;
  s = (long long)floor(start);
  e = (long long)ceil(end);
  c.pZone = pZone;
  c.off = tzif_offset(pZone, s, &c.from, &c.to);
  d = biz_floor_div(s + c.off, 86400) - 1;
  dLast = biz_floor_div(e + tzif_offset(pZone, e, 0, 0), 86400) + 1;
  iClosed = biz_closed_from(p, d);
  while (d <= dLast) {
    int w, k;
    long long mid = d * 86400 - c.off;
    while (iClosed < p->nClosed && p->aClosed[2 * iClosed + 1] < d) {
      iClosed++;
    }
    /* B-8: whole weeks at once, when nothing changes inside them. */
    if (p->weekSec > 0 && mid >= start && mid >= c.from + BIZ_MARGIN) {
      long long kEnd = biz_floor_div((long long)floor(end) + c.off, 86400);
      long long kTo = biz_floor_div(c.to - BIZ_MARGIN + c.off, 86400);
      long long lim = kEnd < kTo ? kEnd : kTo, weeks;
      if (iClosed < p->nClosed && p->aClosed[2 * iClosed] < lim) {
        lim = p->aClosed[2 * iClosed];
      }
      weeks = (lim - d) / 7;
      if (lim > d && weeks > 0) {
        total += (double)(weeks * p->weekSec);
        d += weeks * 7;
        continue;
      }
    }
    if (iClosed < p->nClosed && p->aClosed[2 * iClosed] <= d) {
      d++;
      continue;
    }
    w = ts_weekday(d);
    for (k = p->aFirst[w]; k < p->aFirst[w + 1]; k++) {
      total += biz_span(&c, d * 86400 + p->aSpan[k].a,
                        d * 86400 + p->aSpan[k].b, start, end);
    }
    d++;
  }
  return total;
}
