/*
** tzif.h: time zones from TZif files (RFC 8536, versions 1 to 4), the
** files under /usr/share/zoneinfo. Pure C: the caller reads the file into
** memory; the zone points into that buffer, which must outlive it. No
** allocation, no libc time functions, the process's TZ is never touched.
*/
#ifndef KPI_TZIF_H
#define KPI_TZIF_H

#include <stddef.h>

#define TZIF_DIR "/usr/share/zoneinfo"
/* Longest zone name accepted (the longest in tzdata has 32 bytes). */
#define TZIF_NAME_MAX 64
/* Files larger than this are not zones (the largest is about 4 KiB). */
#define TZIF_FILE_MAX (256 * 1024)

/* An instant that no timestamp reaches: the open ends of intervals. */
#define TZIF_FOREVER (1LL << 60)

/* A POSIX TZ rule date: Jn, n or Mm.w.d, and a time of day in seconds. */
typedef struct TzRuleDate TzRuleDate;
struct TzRuleDate {
  char kind;   /* 'J' (1..365, no Feb 29), 'N' (0..365), 'M' */
  int n;       /* J and N */
  int m, w, d; /* M: month 1..12, week 1..5 (5 = last), weekday 0..6 */
  int time;    /* seconds after local midnight, -167h..167h */
};

typedef struct TzZone TzZone;
struct TzZone {
  const unsigned char *aTime; /* nTrans transition times, big-endian */
  const unsigned char *aIdx;  /* nTrans type indices */
  const unsigned char *aType; /* nType records of 6 bytes */
  int nTrans, nType;
  int szTime;         /* 4 (version 1 data) or 8 */
  int hasRule;        /* the footer's rule applies after the last transition */
  int hasDst;         /* the rule has daylight-saving time */
  int stdOff, dstOff; /* seconds east of UTC */
  TzRuleDate start, end;
};

/*
** 1 when zName is a safe zone name: letters, digits, '_', '-', '+', '.'
** and '/' between non-empty parts, no part starting with '.', not
** absolute, at most TZIF_NAME_MAX bytes. "../../etc/passwd" and
** "/etc/passwd" are not.
*/
int tzif_name_ok(const char *zName, int nName);

/* Read a TZif file's bytes into *p. Returns 1, or 0 when it is not one
** (or uses leap-second records, as the right/ zones do). */
int tzif_parse(const unsigned char *a, size_t n, TzZone *p);

/* Read a POSIX TZ string ("CET-1CEST,M3.5.0,M10.5.0/3") into the rule part
** of *p. Returns 1, or 0 when it is not one. */
int tzif_posix(const char *z, int n, TzZone *p);

/* The zone of UTC (no file needed). */
void tzif_utc(TzZone *p);

/*
** The offset east of UTC, in seconds, in force at instant t (unix
** seconds), and an interval [*pFrom, *pTo) around t during which it does
** not change (possibly shorter than the real one; TZIF_FOREVER at open
** ends). pFrom and pTo may be 0.
*/
int tzif_offset(const TzZone *p, long long t, long long *pFrom, long long *pTo);

#endif /* KPI_TZIF_H */
