/*
** tsparse.c: timestamp text to an instant, and back to ISO text.
** Pure C (no SQLite, no locale, no libc time functions, no allocation).
**
** Requirements (tests cite them as T-n):
**   T-1  Auto-detected forms (ts_parse), after trimming blanks:
**          2025-03-01                      midnight UTC
**          2025-03-01T14:03  2025-03-01 14:03:07  2025-03-01t14:03:07.25
**                                          'T', 't' or blanks between date
**                                          and time; seconds optional; a
**                                          fraction ('.' or ',') of any
**                                          length after the seconds (kept
**                                          to the nanosecond, truncated)
**          ... Z  ... +01:00  ... -0500  ... +05  ... UTC  ... GMT
**                                          optional zone, blanks allowed
**                                          before it; no zone means UTC
**          2019-01-31 23:32 +0000          (X analytics export)
**          Tue Oct 31 22:10:47 +0000 2017  (Twitter/X API)
**          Tue, 31 Oct 2017 22:10:47 +0000 (RFC 2822, also with GMT)
**          2025/03/01 14:03                (year first: not ambiguous)
**        That covers ISO 8601 / RFC 3339 extended forms and the text of
**        SQLite's datetime(), date() and strftime('%Y-%m-%dT%H:%M:%fZ')
**        (time() alone has no date and is refused; julianday() is a
**        number, which the SQL layer reads as unix seconds).
**   T-2  A date with the day and month first (03/04/2025, 3-4-25,
**        03.04.2025, with or without a time) is TS_AMBIGUOUS when either
**        reading (day first or month first) is a real date, even if only
**        one is (13/04/2025): the other rows of the column are likely
**        ambiguous too. The caller asks for a format, and ts_suggest_fmt
**        writes both readings. When neither reading is a date
**        (31/02/2025), it is TS_BAD.
**   T-3  Impossible values are TS_BAD: month 0 or 13, day 0 or past the
**        month's end (2025-02-30, 2023-02-29), hour 24 except exactly
**        24:00:00 (the end of the day, as ISO 8601 allows: the next
**        midnight), minute or second 60 and over (a leap second :60 is
**        refused: unix time has none), offsets from -23:59 to +23:59 only.
**        Years are 0000 to 9999.
**   T-4  ts_parse_fmt: strptime-style directives
**          %Y year (1-4 digits)   %y two-digit year (69-99 -> 19xx,
**                                    00-68 -> 20xx, as POSIX)
**          %m month   %d %e day   %H hour 0-23   %I hour 1-12   %M minute
**          %S second  %f fraction of a second (digits, any length)
**          %p AM/PM (also a.m./p.m.), any case   %j day of the year
**          %b %B %h English month name, full or 3 letters, any case
**          %a %A English day name, full or 3 letters, any case (checked
**                as a name, not against the date, as strptime does)
**          %z Z, UTC, GMT, +HH:MM, +HHMM or +HH (or -)
**          %T = %H:%M:%S  %R = %H:%M  %F = %Y-%m-%d  %D = %m/%d/%y
**          %n %t and blanks: any run of blanks, including none
**          %% a percent sign; any other character matches itself
**        Numeric fields skip leading blanks and read at most their width
**        (%Y 4, %j 3, the others 2), so %Y%m%d reads 20250301. Missing
**        fields default to 1970-01-01 00:00:00 UTC; %I without %p is AM;
**        %p without %I is ignored; %j is used only without %m and %d.
**        The whole value must match (outer blanks ignored).
**   T-5  Any other directive, or a '%' at the end, is TS_BADFORMAT, whatever
**        the value, with the offset of the '%'.
**   T-6  ts_format_iso writes YYYY-MM-DDTHH:MM:SS, then '.' and nFrac
**        digits when nFrac > 0, then Z.
*/
#include "tsparse.h"

#include <string.h>

/* The fields of a timestamp while it is being read. */
typedef struct TsFields TsFields;
struct TsFields {
  int y, mo, d, h, mi, s;
  int nsec, nFrac;
  int off; /* offset east of UTC, in seconds */
  int hasZone;
};

static int ts_is_blank(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' ||
         c == '\v';
}

static int ts_is_digit(unsigned char c) {
  return c >= '0' && c <= '9';
}

static int ts_lower(unsigned char c) {
  return (c >= 'A' && c <= 'Z') ? c + 32 : c;
}

long long ts_days_from_civil(long long y, int m, int d) {
  long long era, yoe, doy, doe;
  /* Count years from March, so that the leap day ends the year. */
  if (m <= 2) y -= 1;
  era = (y >= 0 ? y : y - 399) / 400;
  yoe = y - era * 400;
  doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

void ts_civil_from_days(long long days, long long *py, int *pm, int *pd) {
  long long z = days + 719468;
  long long era = (z >= 0 ? z : z - 146096) / 146097;
  long long doe = z - era * 146097;
  long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  long long mp = (5 * doy + 2) / 153;
  int m = (int)(mp < 10 ? mp + 3 : mp - 9);
  *pd = (int)(doy - (153 * mp + 2) / 5 + 1);
  *pm = m;
  *py = yoe + era * 400 + (m <= 2);
}

int ts_weekday(long long days) {
  long long w = (days + 4) % 7; /* 1970-01-01 was a Thursday */
  return (int)(w < 0 ? w + 7 : w);
}

static int ts_is_leap(long long y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int ts_days_in_month(long long y, int m) {
  static const unsigned char aDays[] = {31, 28, 31, 30, 31, 30,
                                        31, 31, 30, 31, 30, 31};
  if (m == 2 && ts_is_leap(y)) return 29;
  return aDays[m - 1];
}

/* T-3: check the fields and turn them into an instant. */
static int ts_make(const TsFields *f, TsTime *p) {
  long long days;
  if (f->y < 0 || f->y > 9999) return TS_BAD;
  if (f->mo < 1 || f->mo > 12) return TS_BAD;
  if (f->d < 1 || f->d > ts_days_in_month(f->y, f->mo)) return TS_BAD;
  if (f->mi < 0 || f->mi > 59 || f->s < 0 || f->s > 59) return TS_BAD;
  if (f->h < 0 || f->h > 24) return TS_BAD;
  if (f->h == 24 && (f->mi || f->s || f->nsec)) return TS_BAD;
  if (f->off < -(23 * 3600 + 59 * 60) || f->off > 23 * 3600 + 59 * 60) {
    return TS_BAD;
  }
  days = ts_days_from_civil(f->y, f->mo, f->d);
  p->sec = days * 86400 + f->h * 3600 + f->mi * 60 + f->s - f->off;
  p->nsec = f->nsec;
  p->nFrac = f->nFrac;
  p->hasZone = f->hasZone;
  return TS_OK;
}

static void ts_fields_init(TsFields *f) {
  memset(f, 0, sizeof(*f));
  f->y = 1970;
  f->mo = 1;
  f->d = 1;
}

/* Exactly nDigit digits at z[*pi] into *pv. */
static int ts_fixed(const char *z, int n, int *pi, int nDigit, int *pv) {
  int i = *pi, v = 0, k;
  if (i + nDigit > n) return 0;
  for (k = 0; k < nDigit; k++) {
    unsigned char c = (unsigned char)z[i + k];
    if (!ts_is_digit(c)) return 0;
    v = v * 10 + (c - '0');
  }
  *pi = i + nDigit;
  *pv = v;
  return 1;
}

/* A fraction's digits (at least one): nanoseconds, truncated. */
static int ts_frac(const char *z, int n, int *pi, TsFields *f) {
  int i = *pi, k = 0, v = 0;
  while (i < n && ts_is_digit((unsigned char)z[i])) {
    if (k < 9) {
      v = v * 10 + (z[i] - '0');
      k++;
    }
    i++;
  }
  if (i == *pi) return 0;
  f->nFrac = k;
  while (k < 9) {
    v *= 10;
    k++;
  }
  f->nsec = v;
  *pi = i;
  return 1;
}

/* A zone: Z, UTC, GMT, +HH:MM, +HHMM, +HH (T-1, %z). */
static int ts_zone(const char *z, int n, int *pi, TsFields *f) {
  int i = *pi, hh, mm = 0, sign;
  if (i < n && ts_lower((unsigned char)z[i]) == 'z') {
    *pi = i + 1;
    f->off = 0;
    f->hasZone = 1;
    return 1;
  }
  if (i + 3 <= n) {
    int a = ts_lower((unsigned char)z[i]),
        b = ts_lower((unsigned char)z[i + 1]),
        c = ts_lower((unsigned char)z[i + 2]);
    if ((a == 'u' && b == 't' && c == 'c') ||
        (a == 'g' && b == 'm' && c == 't')) {
      *pi = i + 3;
      f->off = 0;
      f->hasZone = 1;
      return 1;
    }
  }
  if (i >= n || (z[i] != '+' && z[i] != '-')) return 0;
  sign = z[i] == '-' ? -1 : 1;
  i++;
  if (!ts_fixed(z, n, &i, 2, &hh)) return 0;
  if (i < n && z[i] == ':') {
    i++;
    if (!ts_fixed(z, n, &i, 2, &mm)) return 0;
  } else if (i + 1 < n && ts_is_digit((unsigned char)z[i])) {
    if (!ts_fixed(z, n, &i, 2, &mm)) return 0;
  }
  if (hh > 23 || mm > 59) {
    f->off = 24 * 3600; /* out of range: ts_make refuses it */
  } else {
    f->off = sign * (hh * 3600 + mm * 60);
  }
  f->hasZone = 1;
  *pi = i;
  return 1;
}

/* HH:MM[:SS[.f]] */
static int ts_clock(const char *z, int n, int *pi, TsFields *f) {
  int i = *pi;
  if (!ts_fixed(z, n, &i, 2, &f->h)) return 0;
  if (i >= n || z[i] != ':') return 0;
  i++;
  if (!ts_fixed(z, n, &i, 2, &f->mi)) return 0;
  if (i < n && z[i] == ':') {
    i++;
    if (!ts_fixed(z, n, &i, 2, &f->s)) return 0;
    if (i < n && (z[i] == '.' || z[i] == ',')) {
      i++;
      if (!ts_frac(z, n, &i, f)) return 0;
    }
  }
  *pi = i;
  return 1;
}

static void ts_trim(const char **pz, int *pn) {
  const char *z = *pz;
  int n = *pn;
  while (n > 0 && ts_is_blank((unsigned char)z[0])) {
    z++;
    n--;
  }
  while (n > 0 && ts_is_blank((unsigned char)z[n - 1]))
    n--;
  *pz = z;
  *pn = n;
}

/* T-1: year-first dates, with '-' or '/'. */
static int ts_parse_ymd(const char *z, int n, TsTime *p) {
  TsFields f;
  int i = 0, j;
  char sep;
  ts_fields_init(&f);
  if (!ts_fixed(z, n, &i, 4, &f.y)) return TS_BAD;
  if (i >= n || (z[i] != '-' && z[i] != '/')) return TS_BAD;
  sep = z[i++];
  if (!ts_fixed(z, n, &i, 2, &f.mo)) return TS_BAD;
  if (i >= n || z[i] != sep) return TS_BAD;
  i++;
  if (!ts_fixed(z, n, &i, 2, &f.d)) return TS_BAD;
  if (i < n) {
    j = i;
    if (z[i] == 'T' || z[i] == 't') {
      i++;
    } else {
      while (i < n && ts_is_blank((unsigned char)z[i]))
        i++;
    }
    if (i == j) return TS_BAD;
    if (!ts_clock(z, n, &i, &f)) return TS_BAD;
    while (i < n && ts_is_blank((unsigned char)z[i]))
      i++;
    if (i < n && !ts_zone(z, n, &i, &f)) return TS_BAD;
    if (i != n) return TS_BAD;
  }
  return ts_make(&f, p);
}

/* T-2: 1 or 2 digits, a separator, 1 or 2 digits, the same separator,
** 2 or 4 digits; returns the offset after it, or 0. */
static int ts_dm_shape(const char *z, int n, char *pSep, int *pnYear) {
  int i = 0, k;
  char sep;
  for (k = 0; i < n && ts_is_digit((unsigned char)z[i]); i++)
    k++;
  if (k < 1 || k > 2 || i >= n) return 0;
  sep = z[i];
  if (sep != '/' && sep != '-' && sep != '.') return 0;
  i++;
  for (k = 0; i < n && ts_is_digit((unsigned char)z[i]); i++)
    k++;
  if (k < 1 || k > 2 || i >= n || z[i] != sep) return 0;
  i++;
  for (k = 0; i < n && ts_is_digit((unsigned char)z[i]); i++)
    k++;
  if (k != 2 && k != 4) return 0;
  if (i < n && !ts_is_blank((unsigned char)z[i]) && z[i] != 'T') return 0;
  *pSep = sep;
  *pnYear = k;
  return i;
}

/* T-2: a day-month date is ambiguous when either reading is a real date;
** when neither is (31/02/2025), it is simply not a timestamp. */
static int ts_dm_valid(const char *z, int n) {
  int a = 0, b = 0, y = 0, i = 0, k;
  int *ap[3];
  ap[0] = &a;
  ap[1] = &b;
  ap[2] = &y;
  for (k = 0; k < 3; k++) {
    for (; i < n && ts_is_digit((unsigned char)z[i]); i++) {
      *ap[k] = *ap[k] * 10 + (z[i] - '0');
    }
    i++;
  }
  if (y < 100) y += y >= 69 ? 1900 : 2000;
  if ((b >= 1 && b <= 12 && a >= 1 && a <= ts_days_in_month(y, b)) ||
      (a >= 1 && a <= 12 && b >= 1 && b <= ts_days_in_month(y, a))) {
    return TS_AMBIGUOUS;
  }
  return TS_BAD;
}

static int ts_parse_twitter(const char *z, int n, TsTime *p);

static int ts_parse_letters(const char *z, int n, TsTime *p) {
  /* Twitter/X API (its exact layout first, fast), then RFC 2822. */
  if (ts_parse_twitter(z, n, p) == TS_OK) return TS_OK;
  if (ts_parse_fmt(z, n, "%a %b %d %H:%M:%S %z %Y", -1, p, 0) == TS_OK) {
    return TS_OK;
  }
  if (ts_parse_fmt(z, n, "%a, %d %b %Y %H:%M:%S %z", -1, p, 0) == TS_OK) {
    return TS_OK;
  }
  return TS_BAD;
}

int ts_parse(const char *z, int n, TsTime *p) {
  char sep;
  int nYear;
  if (n < 0) n = (int)strlen(z);
  ts_trim(&z, &n);
  if (n == 0) return TS_BAD;
  if (ts_is_digit((unsigned char)z[0])) {
    if (n >= 5 && ts_is_digit((unsigned char)z[3]) &&
        (z[4] == '-' || z[4] == '/')) {
      return ts_parse_ymd(z, n, p);
    }
    if (ts_dm_shape(z, n, &sep, &nYear)) return ts_dm_valid(z, n);
    return TS_BAD;
  }
  if (ts_lower((unsigned char)z[0]) >= 'a' &&
      ts_lower((unsigned char)z[0]) <= 'z') {
    return ts_parse_letters(z, n, p);
  }
  return TS_BAD;
}

/* ---- strptime-style formats (T-4, T-5) ---- */

static const char *const azMonth[] = {
    "january", "february", "march",     "april",   "may",      "june",
    "july",    "august",   "september", "october", "november", "december"};
static const char *const azDay[] = {"sunday",    "monday",   "tuesday",
                                    "wednesday", "thursday", "friday",
                                    "saturday"};

/* Case-insensitive prefix match of the ASCII word zWord (lower case). */
static int ts_match_word(const char *z, int n, int i, const char *zWord,
                         int nWord) {
  int k;
  if (i + nWord > n) return 0;
  for (k = 0; k < nWord; k++) {
    if (ts_lower((unsigned char)z[i + k]) != (unsigned char)zWord[k]) return 0;
  }
  return 1;
}

/* A full or 3-letter name from az (nName entries); index or -1. */
static int ts_name(const char *z, int n, int *pi, const char *const *az,
                   int nName) {
  int k;
  for (k = 0; k < nName; k++) {
    int nFull = (int)strlen(az[k]);
    if (ts_match_word(z, n, *pi, az[k], nFull)) {
      *pi += nFull;
      return k;
    }
  }
  for (k = 0; k < nName; k++) {
    if (ts_match_word(z, n, *pi, az[k], 3)) {
      *pi += 3;
      return k;
    }
  }
  return -1;
}

/*
** The Twitter/X API's exact layout, "Tue Oct 31 22:10:47 +0000 2017", read
** without the format machinery: that form fills whole exports. Anything
** else is TS_BAD here and goes to the general path.
*/
static int ts_parse_twitter(const char *z, int n, TsTime *p) {
  TsFields f;
  int i, k;
  if (n != 30 || z[3] != ' ' || z[7] != ' ' || z[10] != ' ' || z[13] != ':' ||
      z[16] != ':' || z[19] != ' ' || z[25] != ' ') {
    return TS_BAD;
  }
  for (k = 0; k < 7; k++) {
    if (ts_match_word(z, n, 0, azDay[k], 3)) break;
  }
  if (k == 7) return TS_BAD;
  ts_fields_init(&f);
  for (k = 0; k < 12; k++) {
    if (ts_match_word(z, n, 4, azMonth[k], 3)) break;
  }
  if (k == 12) return TS_BAD;
  f.mo = k + 1;
  i = 8;
  if (!ts_fixed(z, n, &i, 2, &f.d)) return TS_BAD;
  i = 11;
  if (!ts_fixed(z, n, &i, 2, &f.h)) return TS_BAD;
  i = 14;
  if (!ts_fixed(z, n, &i, 2, &f.mi)) return TS_BAD;
  i = 17;
  if (!ts_fixed(z, n, &i, 2, &f.s)) return TS_BAD;
  i = 20;
  if (!ts_zone(z, n, &i, &f) || i != 25) return TS_BAD;
  i = 26;
  if (!ts_fixed(z, n, &i, 4, &f.y)) return TS_BAD;
  return ts_make(&f, p);
}

/* Up to nMax digits after optional blanks, at least one. */
static int ts_num(const char *z, int n, int *pi, int nMax, int *pv) {
  int i = *pi, k = 0, v = 0;
  while (i < n && ts_is_blank((unsigned char)z[i]))
    i++;
  while (k < nMax && i < n && ts_is_digit((unsigned char)z[i])) {
    v = v * 10 + (z[i] - '0');
    i++;
    k++;
  }
  if (k == 0) return 0;
  *pi = i;
  *pv = v;
  return 1;
}

static int ts_known_directive(char c) {
  return c != 0 && strchr("YymdeHIMSfpjbBhaAzTRFDnt%", c) != 0;
}

int ts_fmt_check(const char *zFmt, int nFmt, int *piBad) {
  int i;
  if (nFmt < 0) nFmt = (int)strlen(zFmt);
  for (i = 0; i < nFmt; i++) {
    if (zFmt[i] != '%') continue;
    if (i + 1 >= nFmt || !ts_known_directive(zFmt[i + 1])) {
      if (piBad) *piBad = i;
      return TS_BADFORMAT;
    }
    i++;
  }
  return TS_OK;
}

/* What the directives of one format have seen. */
typedef struct TsSeen TsSeen;
struct TsSeen {
  int bY, by, bMonth, bDay, bI, bPm, bAm, bJ;
  int yy, doy;
};

static int ts_run_fmt(const char *z, int n, int *pi, const char *zFmt, int nFmt,
                      TsFields *f, TsSeen *s);

static int ts_directive(const char *z, int n, int *pi, char c, TsFields *f,
                        TsSeen *s) {
  int i = *pi, v, k;
  switch (c) {
    case 'Y':
      if (!ts_num(z, n, &i, 4, &f->y)) return 0;
      s->bY = 1;
      break;
    case 'y':
      if (!ts_num(z, n, &i, 2, &s->yy)) return 0;
      s->by = 1;
      break;
    case 'm':
      if (!ts_num(z, n, &i, 2, &f->mo)) return 0;
      s->bMonth = 1;
      break;
    case 'd':
    case 'e':
      if (!ts_num(z, n, &i, 2, &f->d)) return 0;
      s->bDay = 1;
      break;
    case 'H':
      if (!ts_num(z, n, &i, 2, &f->h)) return 0;
      s->bI = 0;
      break;
    case 'I':
      if (!ts_num(z, n, &i, 2, &v)) return 0;
      if (v < 1 || v > 12) return 0;
      f->h = v;
      s->bI = 1;
      break;
    case 'M':
      if (!ts_num(z, n, &i, 2, &f->mi)) return 0;
      break;
    case 'S':
      if (!ts_num(z, n, &i, 2, &f->s)) return 0;
      break;
    case 'f':
      if (!ts_frac(z, n, &i, f)) return 0;
      break;
    case 'j':
      if (!ts_num(z, n, &i, 3, &s->doy)) return 0;
      s->bJ = 1;
      break;
    case 'p':
      if (ts_match_word(z, n, i, "am", 2) || ts_match_word(z, n, i, "pm", 2)) {
        s->bPm = ts_lower((unsigned char)z[i]) == 'p';
        i += 2;
      } else if (ts_match_word(z, n, i, "a.m.", 4) ||
                 ts_match_word(z, n, i, "p.m.", 4)) {
        s->bPm = ts_lower((unsigned char)z[i]) == 'p';
        i += 4;
      } else {
        return 0;
      }
      s->bAm = !s->bPm;
      break;
    case 'b':
    case 'B':
    case 'h':
      k = ts_name(z, n, &i, azMonth, 12);
      if (k < 0) return 0;
      f->mo = k + 1;
      s->bMonth = 1;
      break;
    case 'a':
    case 'A':
      if (ts_name(z, n, &i, azDay, 7) < 0) return 0;
      break;
    case 'z':
      if (!ts_zone(z, n, &i, f)) return 0;
      break;
    case 'T':
      return ts_run_fmt(z, n, pi, "%H:%M:%S", 8, f, s);
    case 'R':
      return ts_run_fmt(z, n, pi, "%H:%M", 5, f, s);
    case 'F':
      return ts_run_fmt(z, n, pi, "%Y-%m-%d", 8, f, s);
    case 'D':
      return ts_run_fmt(z, n, pi, "%m/%d/%y", 8, f, s);
    case 'n':
    case 't':
      while (i < n && ts_is_blank((unsigned char)z[i]))
        i++;
      break;
    case '%':
      if (i >= n || z[i] != '%') return 0;
      i++;
      break;
    default:
      return 0;
  }
  *pi = i;
  return 1;
}

static int ts_run_fmt(const char *z, int n, int *pi, const char *zFmt, int nFmt,
                      TsFields *f, TsSeen *s) {
  int i = *pi, k;
  for (k = 0; k < nFmt; k++) {
    unsigned char c = (unsigned char)zFmt[k];
    if (c == '%') {
      k++;
      if (!ts_directive(z, n, &i, zFmt[k], f, s)) return 0;
    } else if (ts_is_blank(c)) {
      while (i < n && ts_is_blank((unsigned char)z[i]))
        i++;
    } else {
      if (i >= n || (unsigned char)z[i] != c) return 0;
      i++;
    }
  }
  *pi = i;
  return 1;
}

int ts_parse_fmt(const char *z, int n, const char *zFmt, int nFmt, TsTime *p,
                 int *piBad) {
  TsFields f;
  TsSeen s;
  int i = 0;
  if (n < 0) n = (int)strlen(z);
  if (nFmt < 0) nFmt = (int)strlen(zFmt);
  if (ts_fmt_check(zFmt, nFmt, piBad) != TS_OK) return TS_BADFORMAT;
  ts_trim(&z, &n);
  ts_fields_init(&f);
  memset(&s, 0, sizeof(s));
  if (!ts_run_fmt(z, n, &i, zFmt, nFmt, &f, &s)) return TS_BAD;
  if (i != n) return TS_BAD;
  if (!s.bY && s.by) f.y = s.yy >= 69 ? 1900 + s.yy : 2000 + s.yy;
  if (s.bI) {
    f.h = f.h % 12 + (s.bPm ? 12 : 0);
  }
  if (s.bJ && !s.bMonth && !s.bDay) {
    int m = 1, d = s.doy;
    if (d < 1 || d > (ts_is_leap(f.y) ? 366 : 365)) return TS_BAD;
    while (d > ts_days_in_month(f.y, m)) {
      d -= ts_days_in_month(f.y, m);
      m++;
    }
    f.mo = m;
    f.d = d;
  }
  return ts_make(&f, p);
}

/* ---- suggestions for ambiguous dates (T-2) ---- */

typedef struct TsOut TsOut;
struct TsOut {
  char *z;
  int n, nMax, bad;
};

static void ts_out(TsOut *o, const char *z) {
  int k = (int)strlen(z);
  if (o->n + k >= o->nMax) {
    o->bad = 1;
    return;
  }
  memcpy(o->z + o->n, z, (size_t)k);
  o->n += k;
  o->z[o->n] = 0;
}

int ts_suggest_fmt(const char *z, int n, int dayFirst, char *zOut, int nOut) {
  TsOut o;
  char sep, aSep[2];
  int nYear, i, k, twelve = 0;
  if (n < 0) n = (int)strlen(z);
  ts_trim(&z, &n);
  o.z = zOut;
  o.n = 0;
  o.nMax = nOut;
  o.bad = 0;
  if (nOut > 0) zOut[0] = 0;
  i = ts_dm_shape(z, n, &sep, &nYear);
  if (i == 0) return 0;
  aSep[0] = sep;
  aSep[1] = 0;
  ts_out(&o, dayFirst ? "%d" : "%m");
  ts_out(&o, aSep);
  ts_out(&o, dayFirst ? "%m" : "%d");
  ts_out(&o, aSep);
  ts_out(&o, nYear == 4 ? "%Y" : "%y");
  if (i < n) {
    /* a time: blanks or T, then H:MM[:SS[.f]] [am/pm] [zone] */
    if (z[i] == 'T') {
      ts_out(&o, "T");
      i++;
    } else {
      while (i < n && ts_is_blank((unsigned char)z[i]))
        i++;
      ts_out(&o, " ");
    }
    for (k = 0; i < n && ts_is_digit((unsigned char)z[i]); i++)
      k++;
    if (k < 1 || k > 2 || i >= n || z[i] != ':') return 0;
    i++;
    for (k = 0; i < n && ts_is_digit((unsigned char)z[i]); i++)
      k++;
    if (k != 2) return 0;
    /* 12-hour clocks are recognised by their AM/PM marker further on. */
    {
      int j = i;
      while (j < n &&
             (ts_is_digit((unsigned char)z[j]) || z[j] == ':' || z[j] == '.' ||
              z[j] == ',' || ts_is_blank((unsigned char)z[j]))) {
        j++;
      }
      if (ts_match_word(z, n, j, "am", 2) || ts_match_word(z, n, j, "pm", 2) ||
          ts_match_word(z, n, j, "a.m.", 4) ||
          ts_match_word(z, n, j, "p.m.", 4)) {
        twelve = 1;
      }
    }
    ts_out(&o, twelve ? "%I:%M" : "%H:%M");
    if (i < n && z[i] == ':') {
      i++;
      for (k = 0; i < n && ts_is_digit((unsigned char)z[i]); i++)
        k++;
      if (k != 2) return 0;
      ts_out(&o, ":%S");
      if (i < n && (z[i] == '.' || z[i] == ',')) {
        aSep[0] = z[i];
        i++;
        for (k = 0; i < n && ts_is_digit((unsigned char)z[i]); i++)
          k++;
        if (k == 0) return 0;
        ts_out(&o, aSep);
        ts_out(&o, "%f");
      }
    }
    if (twelve) {
      int j = i;
      while (j < n && ts_is_blank((unsigned char)z[j]))
        j++;
      if (j > i) ts_out(&o, " ");
      i = j +
          (ts_match_word(z, n, j, "am", 2) || ts_match_word(z, n, j, "pm", 2)
               ? 2
               : 4);
      ts_out(&o, "%p");
    }
    if (i < n) {
      TsFields f;
      int j = i;
      while (j < n && ts_is_blank((unsigned char)z[j]))
        j++;
      if (j > i) ts_out(&o, " ");
      if (!ts_zone(z, n, &j, &f) || j != n) return 0;
      ts_out(&o, "%z");
    }
  }
  return o.bad ? 0 : o.n;
}

/* ---- ISO output (T-6) ---- */

int ts_format_iso(const TsTime *p, char *zOut) {
  long long days = p->sec / 86400, rem = p->sec % 86400, y;
  int m, d, h, mi, s, n = 0, k;
  char aY[24];
  int nY = 0;
  unsigned long long uy;
  if (rem < 0) {
    rem += 86400;
    days--;
  }
  ts_civil_from_days(days, &y, &m, &d);
  h = (int)(rem / 3600);
  mi = (int)(rem / 60 % 60);
  s = (int)(rem % 60);
  if (y < 0 || y > 9999) zOut[n++] = y < 0 ? '-' : '+';
  uy = y < 0 ? 0ULL - (unsigned long long)y : (unsigned long long)y;
  do {
    aY[nY++] = (char)('0' + uy % 10);
    uy /= 10;
  } while (uy > 0 || nY < 4);
  while (nY > 0)
    zOut[n++] = aY[--nY];
  zOut[n++] = '-';
  zOut[n++] = (char)('0' + m / 10);
  zOut[n++] = (char)('0' + m % 10);
  zOut[n++] = '-';
  zOut[n++] = (char)('0' + d / 10);
  zOut[n++] = (char)('0' + d % 10);
  zOut[n++] = 'T';
  zOut[n++] = (char)('0' + h / 10);
  zOut[n++] = (char)('0' + h % 10);
  zOut[n++] = ':';
  zOut[n++] = (char)('0' + mi / 10);
  zOut[n++] = (char)('0' + mi % 10);
  zOut[n++] = ':';
  zOut[n++] = (char)('0' + s / 10);
  zOut[n++] = (char)('0' + s % 10);
  if (p->nFrac > 0) {
    int v = p->nsec, nf = p->nFrac > 9 ? 9 : p->nFrac;
    char aF[9];
    for (k = 8; k >= 0; k--) {
      aF[k] = (char)('0' + v % 10);
      v /= 10;
    }
    zOut[n++] = '.';
    for (k = 0; k < nf; k++)
      zOut[n++] = aF[k];
  }
  zOut[n++] = 'Z';
  zOut[n] = 0;
  return n;
}
