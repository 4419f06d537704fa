/*
** tzif.c: reading TZif files and POSIX TZ rules (see tzif.h).
**
** Requirements (tests cite them as Z-n):
**   Z-1  Versions 1 to 4 are read. With version 2 and later, the 64-bit
**        block is used and version 1's is skipped; a version 1 file is read
**        from its 32-bit block. Every count, index and length is checked
**        against the buffer; a file that fails a check is not a zone.
**   Z-2  Before the first transition the zone is at its first time type
**        (RFC 8536 3.2). After the last one, the footer's POSIX TZ rule
**        applies (Mm.w.d, Jn and n dates, times from -167h to 167h, quoted
**        <+03> names); without a footer the last type stays in force.
**   Z-3  Files with leap-second records (the right/ zones) are refused:
**        their times are not unix times.
**   Z-4  A name is a relative path below the zoneinfo folder, checked by
**        tzif_name_ok before any file is opened: no "..", no leading '/'.
*/
#include "tzif.h"

#include <string.h>

#include "tsparse.h"

static long long tzif_be(const unsigned char *a, int sz) {
  if (sz == 4) {
    unsigned long u = ((unsigned long)a[0] << 24) |
                      ((unsigned long)a[1] << 16) | ((unsigned long)a[2] << 8) |
                      a[3];
    return (long long)(int)(unsigned int)u;
  } else {
    unsigned long long u = 0;
    int k;
    for (k = 0; k < 8; k++)
      u = (u << 8) | a[k];
    return (long long)u;
  }
}

static int tzif_be32(const unsigned char *a) {
  return (int)tzif_be(a, 4);
}

int tzif_name_ok(const char *zName, int nName) {
  int i, partStart = 1;
  if (nName < 0) nName = (int)strlen(zName);
  if (nName < 1 || nName > TZIF_NAME_MAX) return 0;
  for (i = 0; i < nName; i++) {
    char c = zName[i];
    if (c == '/') {
      if (partStart) return 0; /* leading '/' or an empty part */
      partStart = 1;
      continue;
    }
    if (partStart && c == '.') return 0; /* ".", ".." and hidden names */
    if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
          (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '+' ||
          c == '.')) {
      return 0;
    }
    partStart = 0;
  }
  return !partStart;
}

void tzif_utc(TzZone *p) {
  memset(p, 0, sizeof(*p));
  p->szTime = 8;
  p->hasRule = 1;
}

/* The counts of a TZif header at a (44 bytes). */
typedef struct TzifHead TzifHead;
struct TzifHead {
  int version;
  long long isut, isstd, leap, time, type, chars;
};

static int tzif_head(const unsigned char *a, size_t n, TzifHead *h) {
  if (n < 44 || memcmp(a, "TZif", 4) != 0) return 0;
  h->version = a[4] == 0 ? 1 : (a[4] >= '2' && a[4] <= '9') ? a[4] - '0' : 0;
  if (h->version == 0) return 0;
  h->isut = tzif_be32(a + 20);
  h->isstd = tzif_be32(a + 24);
  h->leap = tzif_be32(a + 28);
  h->time = tzif_be32(a + 32);
  h->type = tzif_be32(a + 36);
  h->chars = tzif_be32(a + 40);
  if (h->isut < 0 || h->isstd < 0 || h->leap < 0 || h->time < 0 ||
      h->type < 1 || h->type > 256 || h->chars < 0) {
    return 0;
  }
  if (h->time > TZIF_FILE_MAX || h->leap > TZIF_FILE_MAX ||
      h->chars > TZIF_FILE_MAX) {
    return 0;
  }
  if ((h->isut != 0 && h->isut != h->type) ||
      (h->isstd != 0 && h->isstd != h->type)) {
    return 0;
  }
  return 1;
}

static long long tzif_block_size(const TzifHead *h, int szTime) {
  return h->time * (szTime + 1) + h->type * 6 + h->chars +
         h->leap * (szTime + 4) + h->isstd + h->isut;
}

/* Parse the TZ string of a POSIX rule: a name. */
static int tzif_posix_name(const char *z, int n, int *pi) {
  int i = *pi, k = 0;
  if (i < n && z[i] == '<') {
    for (i++; i < n && z[i] != '>'; i++)
      k++;
    if (i >= n || k < 1) return 0;
    *pi = i + 1;
    return 1;
  }
  while (i < n &&
         ((z[i] >= 'A' && z[i] <= 'Z') || (z[i] >= 'a' && z[i] <= 'z'))) {
    i++;
    k++;
  }
  if (k < 3) return 0;
  *pi = i;
  return 1;
}

/* [+-]hh[:mm[:ss]] with hh up to hMax, in seconds. */
static int tzif_posix_hms(const char *z, int n, int *pi, int hMax, int *pv) {
  int i = *pi, sign = 1, part[3] = {0, 0, 0}, k, nPart = 0;
  if (i < n && (z[i] == '+' || z[i] == '-')) {
    sign = z[i] == '-' ? -1 : 1;
    i++;
  }
  for (k = 0; k < 3; k++) {
    int nd = 0;
    if (k > 0) {
      if (i >= n || z[i] != ':') break;
      i++;
    }
    while (i < n && z[i] >= '0' && z[i] <= '9' && nd < 3) {
      part[k] = part[k] * 10 + (z[i] - '0');
      i++;
      nd++;
    }
    if (nd == 0) return 0;
    nPart++;
  }
  if (nPart == 0 || part[0] > hMax || part[1] > 59 || part[2] > 59) return 0;
  *pv = sign * (part[0] * 3600 + part[1] * 60 + part[2]);
  *pi = i;
  return 1;
}

static int tzif_posix_num(const char *z, int n, int *pi, int *pv) {
  int i = *pi, v = 0, nd = 0;
  while (i < n && z[i] >= '0' && z[i] <= '9' && nd < 4) {
    v = v * 10 + (z[i] - '0');
    i++;
    nd++;
  }
  if (nd == 0) return 0;
  *pi = i;
  *pv = v;
  return 1;
}

static int tzif_posix_date(const char *z, int n, int *pi, TzRuleDate *r) {
  int i = *pi;
  r->time = 2 * 3600;
  if (i < n && z[i] == 'J') {
    i++;
    r->kind = 'J';
    if (!tzif_posix_num(z, n, &i, &r->n) || r->n < 1 || r->n > 365) return 0;
  } else if (i < n && z[i] == 'M') {
    i++;
    r->kind = 'M';
    if (!tzif_posix_num(z, n, &i, &r->m) || r->m < 1 || r->m > 12) return 0;
    if (i >= n || z[i] != '.') return 0;
    i++;
    if (!tzif_posix_num(z, n, &i, &r->w) || r->w < 1 || r->w > 5) return 0;
    if (i >= n || z[i] != '.') return 0;
    i++;
    if (!tzif_posix_num(z, n, &i, &r->d) || r->d > 6) return 0;
  } else {
    r->kind = 'N';
    if (!tzif_posix_num(z, n, &i, &r->n) || r->n > 365) return 0;
  }
  if (i < n && z[i] == '/') {
    i++;
    if (!tzif_posix_hms(z, n, &i, 167, &r->time)) return 0;
  }
  *pi = i;
  return 1;
}

int tzif_posix(const char *z, int n, TzZone *p) {
  int i = 0, off;
  if (!tzif_posix_name(z, n, &i)) return 0;
  if (!tzif_posix_hms(z, n, &i, 24, &off)) return 0;
  p->stdOff = -off; /* POSIX offsets count west */
  p->dstOff = p->stdOff;
  p->hasDst = 0;
  p->hasRule = 1;
  if (i == n) return 1;
  if (!tzif_posix_name(z, n, &i)) return 0;
  p->hasDst = 1;
  p->dstOff = p->stdOff + 3600;
  if (i < n && z[i] != ',') {
    if (!tzif_posix_hms(z, n, &i, 24, &off)) return 0;
    p->dstOff = -off;
  }
  if (i == n) {
    /* No dates: the POSIX default of the US rules, as glibc does. */
    static const char zDefault[] = "M3.2.0,M11.1.0";
    int j = 0;
    if (!tzif_posix_date(zDefault, 14, &j, &p->start)) return 0;
    j++;
    return tzif_posix_date(zDefault, 14, &j, &p->end);
  }
  if (z[i] != ',') return 0;
  i++;
  if (!tzif_posix_date(z, n, &i, &p->start)) return 0;
  if (i >= n || z[i] != ',') return 0;
  i++;
  if (!tzif_posix_date(z, n, &i, &p->end)) return 0;
  return i == n;
}

int tzif_parse(const unsigned char *a, size_t n, TzZone *p) {
  TzifHead h;
  const unsigned char *b = a;
  size_t nb = n, need;
  long long k;
  memset(p, 0, sizeof(*p));
  if (!tzif_head(a, n, &h)) return 0;
  p->szTime = 4;
  if (h.version >= 2) {
    long long skip = 44 + tzif_block_size(&h, 4);
    if ((long long)n < skip) return 0;
    b = a + skip;
    nb = n - (size_t)skip;
    if (!tzif_head(b, nb, &h) || h.version < 2) return 0;
    p->szTime = 8;
  }
  if (h.leap != 0) return 0; /* Z-3 */
  need = 44 + (size_t)tzif_block_size(&h, p->szTime);
  if (nb < need) return 0;
  p->nTrans = (int)h.time;
  p->nType = (int)h.type;
  p->aTime = b + 44;
  p->aIdx = p->aTime + h.time * p->szTime;
  p->aType = p->aIdx + h.time;
  for (k = 0; k < h.time; k++) {
    if (p->aIdx[k] >= h.type) return 0;
    if (k > 0 && tzif_be(p->aTime + k * p->szTime, p->szTime) <=
                     tzif_be(p->aTime + (k - 1) * p->szTime, p->szTime)) {
      return 0;
    }
  }
  for (k = 0; k < h.type; k++) {
    int off = tzif_be32(p->aType + 6 * k);
    if (off < -89999 || off > 93599 || p->aType[6 * k + 4] > 1) return 0;
  }
  if (h.version >= 2 && nb > need) {
    /* The footer: '\n' TZ string '\n'. */
    const char *zFoot = (const char *)b + need;
    size_t nFoot = nb - need, e;
    if (zFoot[0] != '\n') return 0;
    for (e = 1; e < nFoot && zFoot[e] != '\n'; e++) {
    }
    if (e >= nFoot) return 0;
    if (e > 1 && !tzif_posix(zFoot + 1, (int)(e - 1), p)) return 0;
  }
  return 1;
}

static int tzif_type_off(const TzZone *p, int iType) {
  return tzif_be32(p->aType + 6 * iType);
}

static long long tzif_trans(const TzZone *p, int i) {
  return tzif_be(p->aTime + (size_t)i * p->szTime, p->szTime);
}

/* The UTC instant of a rule date in local year y, at the offset off. */
static long long tzif_rule_utc(const TzRuleDate *r, long long y, int off) {
  long long day;
  if (r->kind == 'J') {
    int leap = ts_days_in_month(y, 2) == 29;
    day = ts_days_from_civil(y, 1, 1) + r->n - 1 + (leap && r->n >= 60);
  } else if (r->kind == 'N') {
    day = ts_days_from_civil(y, 1, 1) + r->n;
  } else {
    long long first = ts_days_from_civil(y, r->m, 1);
    int dim = ts_days_in_month(y, r->m);
    day = first + (r->d - ts_weekday(first) + 7) % 7 + (r->w - 1) * 7;
    while (day >= first + dim)
      day -= 7;
  }
  return day * 86400 + r->time - off;
}

/*
** Z-2: the footer rule at t. As POSIX and glibc do, each year is judged on
** its own: in local standard year Y, daylight time runs from the start
** date to the end date (or, when the end comes first, outside the span
** from the end to the start). The interval returned stays inside Y and
** between the year's two changes, so it agrees with every instant in it
** even for odd rules whose dates spill into the next year.
*/
static int tzif_rule_offset(const TzZone *p, long long t, long long *pFrom,
                            long long *pTo) {
  long long y, s, e, from, to, aB[2];
  int m, d, dst, k;
  if (!p->hasDst) {
    *pFrom = -TZIF_FOREVER;
    *pTo = TZIF_FOREVER;
    return p->stdOff;
  }
  ts_civil_from_days((t + p->stdOff) / 86400 - ((t + p->stdOff) % 86400 < 0),
                     &y, &m, &d);
  from = ts_days_from_civil(y, 1, 1) * 86400 - p->stdOff;
  to = ts_days_from_civil(y + 1, 1, 1) * 86400 - p->stdOff;
  s = tzif_rule_utc(&p->start, y, p->stdOff);
  e = tzif_rule_utc(&p->end, y, p->dstOff);
  if (s < e) {
    dst = s <= t && t < e;
  } else {
    dst = !(e <= t && t < s);
  }
  aB[0] = s;
  aB[1] = e;
  for (k = 0; k < 2; k++) {
    if (aB[k] <= t && aB[k] > from) from = aB[k];
    if (aB[k] > t && aB[k] < to) to = aB[k];
  }
  *pFrom = from;
  *pTo = to;
  return dst ? p->dstOff : p->stdOff;
}

int tzif_offset(const TzZone *p, long long t, long long *pFrom,
                long long *pTo) {
  long long from, to;
  int off, lo = 0, hi = p->nTrans;
  /* lo = the number of transitions at or before t */
  while (lo < hi) {
    int mid = lo + (hi - lo) / 2;
    if (tzif_trans(p, mid) <= t) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  if (p->nTrans > 0 && lo < p->nTrans) {
    off = tzif_type_off(p, lo == 0 ? 0 : p->aIdx[lo - 1]);
    from = lo == 0 ? -TZIF_FOREVER : tzif_trans(p, lo - 1);
    to = tzif_trans(p, lo);
  } else if (p->hasRule) {
    off = tzif_rule_offset(p, t, &from, &to);
    if (p->nTrans > 0 && from < tzif_trans(p, p->nTrans - 1)) {
      from = tzif_trans(p, p->nTrans - 1);
    }
  } else if (p->nTrans > 0) {
    off = tzif_type_off(p, p->aIdx[p->nTrans - 1]);
    from = tzif_trans(p, p->nTrans - 1);
    to = TZIF_FOREVER;
  } else {
    off = p->nType > 0 ? tzif_type_off(p, 0) : 0;
    from = -TZIF_FOREVER;
    to = TZIF_FOREVER;
  }
  if (pFrom) *pFrom = from;
  if (pTo) *pTo = to;
  return off;
}
