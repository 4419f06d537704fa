/*
** bizsched.h: working schedules ("Mon-Fri 09:00-17:00 America/Toronto")
** and the business seconds between two instants. Pure C: no SQLite, no
** allocation (the caller gives the buffer for closed dates), so a fuzzer
** can drive it. The grammar is in bizsched.c.
*/
#ifndef KPI_BIZSCHED_H
#define KPI_BIZSCHED_H

#include "tzif.h"

/* Spans per week (an overnight span counts as two: it is split at
** midnight). */
#define BIZ_MAX_SPAN 64

typedef struct BizSpan BizSpan;
struct BizSpan {
  int a, b; /* local seconds after the day's midnight, 0 <= a < b <= 86400 */
};

typedef struct BizSchedule BizSchedule;
struct BizSchedule {
  int nSpan;
  BizSpan aSpan[BIZ_MAX_SPAN]; /* sorted by weekday, then start */
  int aFirst[8]; /* spans of weekday w (0 = Sunday): aFirst[w]..aFirst[w+1] */
  long long weekSec; /* wall-clock seconds of a whole week */
  int iZone, nZone;  /* the zone name in the schedule text; nZone 0: UTC */
  /* Closed local dates (days since 1970-01-01) as nClosed ranges: first
  ** and last day at aClosed[2k] and aClosed[2k+1]; sorted, disjoint, not
  ** touching. */
  long long *aClosed;
  int nClosed;
};

/* Why a schedule was refused: a fixed message and the token it is about
** (iTok, nTok: bytes of the schedule text). */
typedef struct BizError BizError;
struct BizError {
  const char *zMsg;
  int iTok, nTok;
};

/* The entries of aClosed a schedule of n bytes can need (a date takes at
** least 10 bytes, and each range two entries). */
#define BIZ_CLOSED_MAX(n) (((n) / 10 + 1) * 2)

/*
** Parse schedule z (n bytes) into *p. aClosed must hold BIZ_CLOSED_MAX(n)
** entries and outlive *p. Returns 1, or 0 with *pErr set.
*/
int biz_parse(const char *z, int n, BizSchedule *p, long long *aClosed,
              BizError *pErr);

/* The instants biz_seconds accepts: 0000-01-01 to 10000-01-01 UTC. */
#define BIZ_MIN_TIME (-62167219200.0)
#define BIZ_MAX_TIME (253402300800.0)

/*
** Seconds of [start, end) inside the schedule, in zone pZone: 0 when
** end <= start, NaN when either lies outside BIZ_MIN_TIME..BIZ_MAX_TIME.
*/
double biz_seconds(const BizSchedule *p, const TzZone *pZone, double start,
                   double end);

#endif /* KPI_BIZSCHED_H */
