/*
** tsparse.h: the timestamp parser and formatter of kpi (SPEC 1,
** Timestamps). Pure C: no SQLite, no locale, no libc time functions, no
** allocation, so the CSV reader can call it per cell and a fuzzer can drive
** it. See tsparse.c for the accepted forms and the format directives.
**
**   TsTime t;
**   int rc = ts_parse("2025-03-01T14:03:00.25+01:00", -1, &t);
**   rc = ts_parse_fmt("01/03/2025 14:03", -1, "%d/%m/%Y %H:%M", -1, &t, 0);
**   char buf[TS_ISO_MAX];
**   ts_format_iso(&t, buf);       -> "2025-03-01T13:03:00.25Z"
*/
#ifndef KPI_TSPARSE_H
#define KPI_TSPARSE_H

/* A parsed timestamp: an instant in UTC. */
typedef struct TsTime TsTime;
struct TsTime {
  long long sec; /* whole seconds since 1970-01-01T00:00:00Z (floor) */
  int nsec;      /* nanoseconds, 0..999999999 */
  int nFrac;     /* digits of fraction in the text (0..9): for formatting */
  int hasZone;   /* 1 when the text gave an offset or Z */
};

/* Status codes of ts_parse, ts_parse_fmt and ts_fmt_check. */
#define TS_OK 0
#define TS_BAD 1       /* the text is not a timestamp (of that format) */
#define TS_AMBIGUOUS 2 /* a slash date such as 03/04/2025: needs a format */
#define TS_BADFORMAT 3 /* the format has an unknown or unfinished directive */

/*
** Auto-detect the form of z (n bytes; n < 0 means strlen). Leading and
** trailing blanks are ignored. Returns TS_OK, TS_BAD or TS_AMBIGUOUS.
** Plain numbers are not handled here (TS_BAD): the SQL layer reads them as
** unix seconds.
*/
int ts_parse(const char *z, int n, TsTime *p);

/*
** Parse z with the strptime-style format zFmt (nFmt bytes, < 0: strlen).
** Returns TS_OK, TS_BAD (no match) or TS_BADFORMAT; on TS_BADFORMAT and
** when piBad is not 0, *piBad is the byte offset of the bad directive's
** '%' in zFmt.
*/
int ts_parse_fmt(const char *z, int n, const char *zFmt, int nFmt, TsTime *p,
                 int *piBad);

/*
** Check a format without parsing a value: TS_OK or TS_BADFORMAT (and
** *piBad as above). ts_parse_fmt gives TS_BADFORMAT for the same formats
** whatever the value, so a caller may check once and parse many.
*/
int ts_fmt_check(const char *zFmt, int nFmt, int *piBad);

/*
** For an ambiguous slash date (TS_AMBIGUOUS), write into zOut (nOut bytes,
** at least 64) the format that reads it day first (dayFirst = 1) or month
** first (0), e.g. "%d/%m/%Y %H:%M". Returns the length, or 0 when the text
** has a shape it cannot describe.
*/
int ts_suggest_fmt(const char *z, int n, int dayFirst, char *zOut, int nOut);

/* Room for the longest ts_format_iso output and its terminator. */
#define TS_ISO_MAX 40

/*
** Write t as "YYYY-MM-DDTHH:MM:SS[.f]Z" (fraction with t->nFrac digits,
** none when 0) into zOut, which has TS_ISO_MAX bytes. Returns the length.
** Years outside 0..9999 are written with a sign and as many digits as
** needed.
*/
int ts_format_iso(const TsTime *p, char *zOut);

/* Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar. */
long long ts_days_from_civil(long long y, int m, int d);
/* The date of a day count from 1970-01-01. */
void ts_civil_from_days(long long days, long long *py, int *pm, int *pd);
/* Day of the week of a day count: 0 = Sunday .. 6 = Saturday. */
int ts_weekday(long long days);
/* Days in month m (1..12) of year y. */
int ts_days_in_month(long long y, int m);

#endif /* KPI_TSPARSE_H */
