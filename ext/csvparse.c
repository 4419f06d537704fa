/*
** csvparse.c: the CSV reader (see csvparse.h for the API and the P-n
** requirements). The read buffer holds decoded UTF-8. A record is found by
** wide scans: SSE2 compares 16 bytes at a time against the delimiter and
** the line end (unquoted fields) or the quote and the line end (quoted
** fields, where line ends are counted for csv_line). The scan state is
** kept in the reader, so a record cut by the end of the buffer resumes
** where it stopped after the buffer is compacted and refilled.
*/
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "csvparse.h"

#define CSV_RAW_SIZE (CSV_SAMPLE + 4)

/*
** First size of the read buffer. A variable so that the fuzz target can
** read the same input through a tiny buffer and compare (every record then
** crosses a buffer boundary). The encoding sample is min(this, CSV_SAMPLE).
*/
static size_t csvBufInit = 1 << 20;

/* Cell flags. */
#define CELL_QUOTED 1 /* was quoted in the file */
#define CELL_RAW 2    /* still holds its quotes: decode before use (P-7) */

typedef struct CsvCell CsvCell;
struct CsvCell {
  unsigned int off; /* from the start of the record */
  unsigned int n;
  unsigned int flags;
};

/* Scan states of a record being read. */
#define ST_START 0  /* at the start of a field */
#define ST_PLAIN 1  /* in an unquoted field, or after a closing quote */
#define ST_QUOTED 2 /* inside quotes */

struct CsvReader {
  CsvAlloc a;
  /* Source: a file descriptor, a gzip stream on it, or memory. */
  int fd;
  gzFile gz;
  int fdStat;      /* the file's descriptor for fstat (also under gz) */
  long long nSize; /* a regular file's size when opened, else -1 */
  long long nRead; /* bytes read from a plain (not gzip) file */
  const unsigned char *aMem;
  size_t nMem, iMem;
  int srcEof; /* the source has nothing more */
  int isGzip;
  int hadBom;
  int eEnc;
  /* Raw bytes waiting to be decoded (encodings other than UTF-8). */
  unsigned char *aRaw;
  size_t iRaw, nRaw;
  /* The decoded buffer: aBuf[iRec..iEnd) is unread. */
  char *aBuf;
  size_t nAlloc, iEnd, iRec;
  int eof;           /* nothing more will be decoded */
  long long iBufAbs; /* stream offset of aBuf[0] */
  size_t iValid;     /* UTF-8 checked up to here */
  long long iBadAbs; /* stream offset of the first invalid byte, or -1 */
  int badIsNul;      /* the byte at iBadAbs is a NUL, not bad UTF-8 */
  /* Dialect. */
  int cDelim, cQuote, eEol, nMaxCell;
  /* The current record and its scan state. */
  CsvCell *aCell;
  int nCell, nCellAlloc;
  size_t nRecLen;     /* bytes of the current record, line end included */
  long long iLine;    /* line where the next record starts */
  long long iRecLine; /* line where the current record starts */
  int eState;
  size_t iScan, iCell;
  unsigned int cellFlags;
  long long nLines; /* line ends inside the current record */
  int rcErr;        /* a sticky error */
  char zErr[96];
};

/* ---------------------------------------------------------------- scans */

/* Offset of the first of a, b or c in z[i..n), or n. */
static inline __attribute__((always_inline)) size_t csv_find3(const char *z,
                                                              size_t i,
                                                              size_t n, char a,
                                                              char b, char c) {
#ifdef __SSE2__
  const __m128i va = _mm_set1_epi8(a);
  const __m128i vb = _mm_set1_epi8(b);
  const __m128i vc = _mm_set1_epi8(c);
  while (i + 16 <= n) {
    __m128i x = _mm_loadu_si128((const __m128i *)(z + i));
    __m128i m =
        _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, va), _mm_cmpeq_epi8(x, vb)),
                     _mm_cmpeq_epi8(x, vc));
    int bits = _mm_movemask_epi8(m);
    if (bits) return i + (size_t)__builtin_ctz((unsigned)bits);
    i += 16;
  }
#endif
  for (; i < n; i++) {
    if (z[i] == a || z[i] == b || z[i] == c) return i;
  }
  return n;
}

/*
** Check UTF-8 in z[*pi..n). Returns 0 when all is valid, 1 when the byte
** at *pi starts an invalid sequence, 2 when a sequence starting at *pi is
** cut by n (valid so far), 3 when the byte at *pi is a NUL.
*/
static int csv_utf8_scan(const unsigned char *z, size_t n, size_t *pi) {
  size_t i = *pi;
#ifdef __SSE2__
  const __m128i zero = _mm_setzero_si128();
#endif
  while (i < n) {
    unsigned c;
    size_t len, k;
    unsigned lo = 0x80, hi = 0xBF;
#ifdef __SSE2__
    while (i + 16 <= n) {
      __m128i x = _mm_loadu_si128((const __m128i *)(z + i));
      if (_mm_movemask_epi8(_mm_or_si128(x, _mm_cmpeq_epi8(x, zero)))) break;
      i += 16;
    }
    if (i >= n) break;
#endif
    c = z[i];
    if (c < 0x80) {
      if (c == 0) {
        *pi = i;
        return 3;
      }
      i++;
      continue;
    }
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      if (c == 0xE0) lo = 0xA0;
      if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;
    } else {
      *pi = i;
      return 1;
    }
    for (k = 1; k < len; k++) {
      unsigned d;
      if (i + k >= n) {
        *pi = i;
        return 2;
      }
      d = z[i + k];
      if (k == 1 ? (d < lo || d > hi) : (d < 0x80 || d > 0xBF)) {
        *pi = i;
        return 1;
      }
    }
    i += len;
  }
  *pi = i;
  return 0;
}

/* ---------------------------------------------------------------- source */

static void csv_set_err(CsvReader *p, int rc, const char *zMsg) {
  size_t n = strlen(zMsg);
  if (n >= sizeof(p->zErr)) n = sizeof(p->zErr) - 1;
  memcpy(p->zErr, zMsg, n);
  p->zErr[n] = 0;
  p->rcErr = rc;
}

/* Read up to n bytes (all of them unless the source ends). -1 on error. */
/*
** P-8: at the end of a regular file, it must still have the size it had
** when opened, and a plain file must have given exactly that many bytes:
** a file truncated or appended to during the scan is an error, not a
** table that silently lost or gained rows.
*/
static int csv_src_changed(CsvReader *p) {
  struct stat st;
  long long nNow;
  char aMsg[96];
  if (p->nSize < 0) return 0;
  nNow = fstat(p->fdStat, &st) == 0 ? (long long)st.st_size : -1;
  if (nNow == p->nSize && (p->gz || p->nRead == p->nSize)) return 0;
  snprintf(aMsg, sizeof(aMsg),
           "file changed while it was read (%lld bytes when opened, now %lld)",
           p->nSize, nNow);
  csv_set_err(p, CSV_EIO, aMsg);
  return 1;
}

static long long csv_src_read(CsvReader *p, unsigned char *z, size_t n) {
  size_t got = 0;
  if (p->srcEof || n == 0) return 0;
  if (p->aMem) {
    size_t k = p->nMem - p->iMem;
    if (k > n) k = n;
    memcpy(z, p->aMem + p->iMem, k);
    p->iMem += k;
    if (p->iMem == p->nMem) p->srcEof = 1;
    return (long long)k;
  }
  if (p->gz) {
    while (got < n) {
      unsigned ask = n - got > (1u << 30) ? (1u << 30) : (unsigned)(n - got);
      int k = gzread(p->gz, z + got, ask);
      if (k < 0) {
        csv_set_err(p, CSV_EIO, "corrupt gzip data");
        return -1;
      }
      if (k == 0) {
        int err;
        gzerror(p->gz, &err);
        if (err != Z_OK && err != Z_BUF_ERROR) {
          csv_set_err(p, CSV_EIO, "corrupt gzip data");
          return -1;
        }
        if (err == Z_BUF_ERROR) {
          csv_set_err(p, CSV_EIO, "truncated gzip data");
          return -1;
        }
        p->srcEof = 1;
        break;
      }
      got += (size_t)k;
    }
    if (p->srcEof && csv_src_changed(p)) return -1;
    return (long long)got;
  }
  while (got < n) {
    ssize_t k = read(p->fd, z + got, n - got);
    if (k < 0) {
      if (errno == EINTR) continue;
      csv_set_err(p, CSV_EIO, strerror(errno));
      return -1;
    }
    if (k == 0) {
      p->srcEof = 1;
      break;
    }
    got += (size_t)k;
    p->nRead += k;
  }
  if (p->srcEof && csv_src_changed(p)) return -1;
  return (long long)got;
}

/* --------------------------------------------------------------- decode */

static const unsigned short aCp1252[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
    0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};

static size_t csv_put_utf8(char *z, unsigned cp) {
  if (cp < 0x80) {
    z[0] = (char)cp;
    return 1;
  }
  if (cp < 0x800) {
    z[0] = (char)(0xC0 | (cp >> 6));
    z[1] = (char)(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0x10000) {
    z[0] = (char)(0xE0 | (cp >> 12));
    z[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
    z[2] = (char)(0x80 | (cp & 0x3F));
    return 3;
  }
  z[0] = (char)(0xF0 | (cp >> 18));
  z[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
  z[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
  z[3] = (char)(0x80 | (cp & 0x3F));
  return 4;
}

/* Decoded text is never NUL (P-4): remember the first one at aBuf[o]. */
static void csv_mark_nul(CsvReader *p, size_t o) {
  if (p->iBadAbs >= 0) return;
  p->iBadAbs = p->iBufAbs + (long long)o;
  p->badIsNul = 1;
}

/*
** Decode raw bytes into aBuf[iEnd..nAlloc) while at least 4 bytes are
** free. A UTF-16 unit or pair cut by the end of the raw bytes waits for
** more unless the source has ended.
*/
static void csv_decode(CsvReader *p) {
  const unsigned char *r = p->aRaw;
  size_t i = p->iRaw, n = p->nRaw;
  char *out = p->aBuf;
  size_t o = p->iEnd, nOut = p->nAlloc;
  if (p->eEnc == CSV_ENC_LATIN1 || p->eEnc == CSV_ENC_CP1252) {
    int cp1252 = p->eEnc == CSV_ENC_CP1252;
    while (i < n && o + 4 <= nOut) {
      unsigned c = r[i++];
      if (c < 0x80) {
        if (c == 0) csv_mark_nul(p, o);
        out[o++] = (char)c;
      } else {
        if (cp1252 && c < 0xA0) c = aCp1252[c - 0x80];
        o += csv_put_utf8(out + o, c);
      }
    }
  } else {
    int be = p->eEnc == CSV_ENC_UTF16BE;
    while (i + 2 <= n && o + 4 <= nOut) {
      unsigned u = be ? (unsigned)(r[i] << 8 | r[i + 1])
                      : (unsigned)(r[i + 1] << 8 | r[i]);
      if (u >= 0xD800 && u <= 0xDBFF) {
        unsigned v;
        if (i + 4 > n) {
          if (!p->srcEof) break;
          u = 0xFFFD;
          i += 2;
        } else {
          v = be ? (unsigned)(r[i + 2] << 8 | r[i + 3])
                 : (unsigned)(r[i + 3] << 8 | r[i + 2]);
          if (v >= 0xDC00 && v <= 0xDFFF) {
            u = 0x10000 + ((u - 0xD800) << 10) + (v - 0xDC00);
            i += 4;
          } else {
            u = 0xFFFD;
            i += 2;
          }
        }
      } else {
        if (u >= 0xDC00 && u <= 0xDFFF) u = 0xFFFD;
        i += 2;
      }
      if (u == 0) csv_mark_nul(p, o);
      o += csv_put_utf8(out + o, u);
    }
    if (p->srcEof && i + 1 == n && o + 4 <= nOut) {
      o += csv_put_utf8(out + o, 0xFFFD); /* an odd final byte */
      i++;
    }
  }
  p->iRaw = i;
  p->iEnd = o;
}

/* Check the UTF-8 of the newly filled bytes (P-4). */
static void csv_validate(CsvReader *p) {
  size_t i = p->iValid;
  int rc;
  if (p->iBadAbs >= 0) return;
  rc = csv_utf8_scan((const unsigned char *)p->aBuf, p->iEnd, &i);
  if (rc == 1 || rc == 3 || (rc == 2 && p->eof)) {
    p->iBadAbs = p->iBufAbs + (long long)i;
    p->badIsNul = rc == 3;
  }
  p->iValid = i;
}

/*
** Add decoded bytes after aBuf[iEnd] (the caller made room). Sets p->eof
** when nothing more will come.
*/
static int csv_fill(CsvReader *p) {
  if (p->eEnc == CSV_ENC_UTF8) {
    long long k = csv_src_read(p, (unsigned char *)p->aBuf + p->iEnd,
                               p->nAlloc - p->iEnd);
    if (k < 0) return p->rcErr;
    p->iEnd += (size_t)k;
    if (p->srcEof) p->eof = 1;
    csv_validate(p);
    return CSV_OK;
  }
  for (;;) {
    size_t before = p->iEnd, keep;
    long long k;
    csv_decode(p);
    if (p->srcEof && p->iRaw >= p->nRaw) p->eof = 1;
    if (p->iEnd > before || p->eof || p->iEnd + 4 > p->nAlloc) {
      return CSV_OK;
    }
    /* Nothing decoded: read more raw bytes after the undecoded ones. */
    keep = p->nRaw - p->iRaw;
    memmove(p->aRaw, p->aRaw + p->iRaw, keep);
    p->iRaw = 0;
    p->nRaw = keep;
    k = csv_src_read(p, p->aRaw + keep, CSV_RAW_SIZE - keep);
    if (k < 0) return p->rcErr;
    p->nRaw += (size_t)k;
  }
}

/*
** Make room and read more: the current record moves to the front of the
** buffer, which grows when the record fills it. On return p->eof tells
** whether more can come.
*/
static int csv_more(CsvReader *p) {
  if (p->iRec > 0) {
    size_t keep = p->iEnd - p->iRec;
    memmove(p->aBuf, p->aBuf + p->iRec, keep);
    p->iBufAbs += (long long)p->iRec;
    p->iValid = p->iValid > p->iRec ? p->iValid - p->iRec : 0;
    p->iEnd = keep;
    p->iRec = 0;
  }
  if (p->nAlloc - p->iEnd < 8) {
    size_t nNew;
    char *aNew;
    if (p->nAlloc >= CSV_MAX_RECORD) {
      csv_set_err(p, CSV_ETOOBIG, "record longer than 16 MiB");
      return CSV_ETOOBIG;
    }
    nNew = p->nAlloc * 2;
    if (nNew > CSV_MAX_RECORD) nNew = CSV_MAX_RECORD;
    aNew = p->a.xRealloc(p->aBuf, nNew + 1); /* + 1: csv_cell_z's NUL */
    if (aNew == 0) {
      csv_set_err(p, CSV_ENOMEM, "out of memory");
      return CSV_ENOMEM;
    }
    p->aBuf = aNew;
    p->nAlloc = nNew;
  }
  return csv_fill(p);
}

/* ----------------------------------------------------------------- open */

static int csv_detect_and_load(CsvReader *p, int eEnc) {
  long long k;
  size_t skip = 0;
  const unsigned char *r;
  k = csv_src_read(p, p->aRaw,
                   csvBufInit < CSV_SAMPLE ? csvBufInit : CSV_SAMPLE);
  if (k < 0) return p->rcErr;
  p->nRaw = (size_t)k;
  r = p->aRaw;
  if (p->nRaw >= 3 && r[0] == 0xEF && r[1] == 0xBB && r[2] == 0xBF &&
      (eEnc == CSV_ENC_AUTO || eEnc == CSV_ENC_UTF8)) {
    eEnc = CSV_ENC_UTF8;
    skip = 3;
  } else if (p->nRaw >= 2 && r[0] == 0xFF && r[1] == 0xFE &&
             (eEnc == CSV_ENC_AUTO || eEnc == CSV_ENC_UTF16 ||
              eEnc == CSV_ENC_UTF16LE || eEnc == CSV_ENC_UTF16BE)) {
    eEnc = CSV_ENC_UTF16LE;
    skip = 2;
  } else if (p->nRaw >= 2 && r[0] == 0xFE && r[1] == 0xFF &&
             (eEnc == CSV_ENC_AUTO || eEnc == CSV_ENC_UTF16 ||
              eEnc == CSV_ENC_UTF16LE || eEnc == CSV_ENC_UTF16BE)) {
    eEnc = CSV_ENC_UTF16BE;
    skip = 2;
  } else if (eEnc == CSV_ENC_AUTO) {
    size_t i = 0;
    int rc;
    /* A NUL is valid UTF-8 here; the reader refuses it later (P-4). */
    while ((rc = csv_utf8_scan(r, p->nRaw, &i)) == 3)
      i++;
    eEnc = (rc == 0 || (rc == 2 && !p->srcEof)) ? CSV_ENC_UTF8 : CSV_ENC_CP1252;
  } else if (eEnc == CSV_ENC_UTF16) {
    eEnc = CSV_ENC_UTF16LE;
  }
  p->hadBom = skip > 0;
  p->eEnc = eEnc;
  p->iRaw = skip;
  if (eEnc == CSV_ENC_UTF8) {
    memcpy(p->aBuf, r + skip, p->nRaw - skip);
    p->iEnd = p->nRaw - skip;
    p->iRaw = p->nRaw = 0;
    if (p->srcEof) p->eof = 1;
    csv_validate(p);
    return CSV_OK;
  }
  while (!p->eof && p->iEnd < CSV_SAMPLE && p->iEnd + 8 < p->nAlloc) {
    size_t before = p->iEnd;
    int rc = csv_fill(p);
    if (rc != CSV_OK) return rc;
    if (p->iEnd == before && p->srcEof && p->iRaw >= p->nRaw) p->eof = 1;
  }
  return CSV_OK;
}

static int csv_new(CsvReader **pp, const CsvAlloc *pAlloc) {
  CsvReader *p = pAlloc->xRealloc(0, sizeof(*p));
  *pp = 0;
  if (p == 0) return CSV_ENOMEM;
  memset(p, 0, sizeof(*p));
  p->a = *pAlloc;
  p->fd = -1;
  p->fdStat = -1;
  p->nSize = -1;
  p->iBadAbs = -1;
  p->cDelim = ',';
  p->cQuote = '"';
  p->eEol = CSV_EOL_LF;
  p->nMaxCell = 2000;
  p->iLine = 1;
  p->aBuf = pAlloc->xRealloc(0, csvBufInit + 1);
  p->aRaw = pAlloc->xRealloc(0, CSV_RAW_SIZE);
  if (p->aBuf == 0 || p->aRaw == 0) {
    csv_close(p);
    return CSV_ENOMEM;
  }
  p->nAlloc = csvBufInit;
  *pp = p;
  return CSV_OK;
}

static int csv_start(CsvReader **pp, CsvReader *p, int eEnc) {
  int rc = csv_detect_and_load(p, eEnc);
  if (rc == CSV_EIO) {
    *pp = p; /* for csv_errmsg */
    return rc;
  }
  if (rc != CSV_OK) {
    csv_close(p);
    return rc;
  }
  *pp = p;
  return CSV_OK;
}

int csv_open_file(CsvReader **pp, const char *zPath, int eEnc,
                  const CsvAlloc *pAlloc) {
  CsvReader *p;
  unsigned char aMagic[2];
  int rc = csv_new(&p, pAlloc);
  if (rc != CSV_OK) return rc;
  p->fd = open(zPath, O_RDONLY | O_CLOEXEC);
  if (p->fd < 0) {
    int e = errno;
    csv_close(p);
    errno = e;
    return CSV_EOPEN;
  }
  {
    struct stat st;
    p->fdStat = p->fd;
    if (fstat(p->fd, &st) == 0 && S_ISREG(st.st_mode)) {
      p->nSize = (long long)st.st_size;
    }
  }
  if (pread(p->fd, aMagic, 2, 0) == 2 && aMagic[0] == 0x1F &&
      aMagic[1] == 0x8B) {
    p->gz = gzdopen(p->fd, "rb");
    if (p->gz == 0) {
      csv_close(p);
      return CSV_ENOMEM;
    }
    p->fd = -1; /* gzclose closes it */
    p->isGzip = 1;
    gzbuffer(p->gz, 256 * 1024);
  }
  *pp = 0;
  return csv_start(pp, p, eEnc);
}

int csv_open_mem(CsvReader **pp, const char *z, size_t n, int eEnc,
                 const CsvAlloc *pAlloc) {
  CsvReader *p;
  int rc = csv_new(&p, pAlloc);
  if (rc != CSV_OK) return rc;
  p->aMem = (const unsigned char *)z;
  p->nMem = n;
  if (n == 0) p->srcEof = 1;
  return csv_start(pp, p, eEnc);
}

void csv_close(CsvReader *p) {
  if (p == 0) return;
  if (p->gz) gzclose(p->gz);
  if (p->fd >= 0) close(p->fd);
  p->a.xFree(p->aBuf);
  p->a.xFree(p->aRaw);
  p->a.xFree(p->aCell);
  p->a.xFree(p);
}

int csv_encoding(const CsvReader *p) {
  return p->eEnc;
}

const char *csv_encoding_name(int eEnc) {
  switch (eEnc) {
    case CSV_ENC_UTF8:
      return "utf8";
    case CSV_ENC_UTF16LE:
      return "utf16le";
    case CSV_ENC_UTF16BE:
      return "utf16be";
    case CSV_ENC_LATIN1:
      return "latin1";
    case CSV_ENC_CP1252:
      return "cp1252";
    case CSV_ENC_UTF16:
      return "utf16";
    default:
      return "auto";
  }
}

int csv_had_bom(const CsvReader *p) {
  return p->hadBom;
}

int csv_is_gzip(const CsvReader *p) {
  return p->isGzip;
}

void csv_sample(const CsvReader *p, const char **pz, size_t *pn,
                int *pComplete) {
  *pz = p->aBuf + p->iRec;
  *pn = p->iEnd - p->iRec;
  *pComplete = p->eof;
}

void csv_dialect(CsvReader *p, int cDelim, int cQuote, int eEol) {
  p->cDelim = cDelim;
  p->cQuote = cQuote;
  p->eEol = eEol;
}

void csv_limit(CsvReader *p, int nMaxCell) {
  p->nMaxCell = nMaxCell;
}

/* --------------------------------------------------------------- records */

static int csv_push(CsvReader *p, size_t off, size_t n, unsigned flags) {
  CsvCell *c;
  if (p->nCell >= p->nMaxCell) {
    char z[64];
    snprintf(z, sizeof(z), "record has more than %d fields", p->nMaxCell);
    csv_set_err(p, CSV_ETOOMANY, z);
    return CSV_ETOOMANY;
  }
  if (p->nCell >= p->nCellAlloc) {
    int nNew = p->nCellAlloc ? p->nCellAlloc * 2 : 64;
    CsvCell *aNew;
    if (nNew > p->nMaxCell) nNew = p->nMaxCell;
    aNew = p->a.xRealloc(p->aCell, (size_t)nNew * sizeof(CsvCell));
    if (aNew == 0) {
      csv_set_err(p, CSV_ENOMEM, "out of memory");
      return CSV_ENOMEM;
    }
    p->aCell = aNew;
    p->nCellAlloc = nNew;
  }
  c = &p->aCell[p->nCell++];
  c->off = (unsigned)off;
  c->n = (unsigned)n;
  c->flags = flags;
  return CSV_OK;
}

/*
** Read one record from aBuf[iRec..]: CSV_ROW (p->nRecLen set, and 0 cells
** for an empty line), CSV_DONE or an error. Resumes from the saved state.
** One function on purpose (STYLE 11): it is the parser's state machine,
** whose states hand over to each other inside one loop over the buffer,
** and splitting it would put a call on every byte of the hot path.
*/
static int csv_record(CsvReader *p) {
  const char cD = (char)p->cDelim;
  const int q = p->cQuote;
  const char cQ = (char)(q < 0 ? '\n' : q);
  const int crMode = p->eEol == CSV_EOL_CR;
  const char cEnd2 = crMode ? '\r' : '\n';
  int rc;
  for (;;) {
    char *z = p->aBuf + p->iRec;
    size_t n = p->iEnd - p->iRec;
    size_t i = p->iScan;
    size_t j, e;
    switch (p->eState) {
      case ST_START:
        if (i >= n) break;
        p->iCell = i;
        if (q >= 0 && z[i] == cQ) {
          p->cellFlags = CELL_QUOTED;
          p->eState = ST_QUOTED;
          p->iScan = i + 1;
          continue;
        }
        p->cellFlags = 0;
        p->eState = ST_PLAIN;
        /* fall through */
      case ST_PLAIN:
        j = csv_find3(z, i, n, cD, '\n', cEnd2);
        if (j >= n) {
          i = n;
          break;
        }
        if (z[j] == cD) {
          rc = csv_push(p, p->iCell, j - p->iCell, p->cellFlags);
          if (rc) return rc;
          p->eState = ST_START;
          p->iScan = j + 1;
          continue;
        }
        /* A line end at j. */
        if (z[j] == '\r' && j + 1 >= n && !p->eof) {
          i = j; /* is it CRLF? wait for the next byte */
          break;
        }
        e = j;
        if (!crMode && e > p->iCell && z[e - 1] == '\r') e--;
        if (e == p->iCell && p->nCell == 0 && p->cellFlags == 0) {
          p->nCell = 0; /* an empty line */
        } else {
          rc = csv_push(p, p->iCell, e - p->iCell, p->cellFlags);
          if (rc) return rc;
        }
        if (z[j] == '\r' && j + 1 < n && z[j + 1] == '\n') j++;
        p->nRecLen = j + 1;
        p->nLines++;
        return CSV_ROW;
      case ST_QUOTED:
        for (;;) {
          j = csv_find3(z, i, n, cQ, '\n', cEnd2);
          if (j >= n) {
            i = n;
            break;
          }
          if (z[j] != cQ) {
            if (z[j] == '\r' || j == 0 || z[j - 1] != '\r' || !crMode) {
              p->nLines++;
            }
            i = j + 1;
            continue;
          }
          if (j + 1 >= n && !p->eof) {
            i = j; /* a quote at the end: "" or a closing one? */
            break;
          }
          if (j + 1 < n && z[j + 1] == cQ) {
            p->cellFlags |= CELL_RAW;
            i = j + 2;
            continue;
          }
          break;
        }
        if (j >= n || (j + 1 >= n && !p->eof)) break;
        /* The closing quote is at j. */
        if (j + 1 < n && z[j + 1] == cD) {
          if (p->cellFlags & CELL_RAW) {
            rc = csv_push(p, p->iCell, j + 1 - p->iCell, p->cellFlags);
          } else {
            rc = csv_push(p, p->iCell + 1, j - p->iCell - 1, p->cellFlags);
          }
          if (rc) return rc;
          p->eState = ST_START;
          p->iScan = j + 2;
          continue;
        }
        if (j + 1 >= n || (z[j + 1] == '\n' && !crMode)) {
          if (p->cellFlags & CELL_RAW) {
            rc = csv_push(p, p->iCell, j + 1 - p->iCell, p->cellFlags);
          } else {
            rc = csv_push(p, p->iCell + 1, j - p->iCell - 1, p->cellFlags);
          }
          if (rc) return rc;
          if (j + 1 >= n) {
            p->nRecLen = n;
            return CSV_ROW;
          }
          p->nRecLen = j + 2;
          p->nLines++;
          return CSV_ROW;
        }
        if (!crMode && j + 2 < n && z[j + 1] == '\r' && z[j + 2] == '\n' &&
            !(p->cellFlags & CELL_RAW)) {
          rc = csv_push(p, p->iCell + 1, j - p->iCell - 1, p->cellFlags);
          if (rc) return rc;
          p->nRecLen = j + 3;
          p->nLines++;
          return CSV_ROW;
        }
        /* Anything else after the closing quote: kept, decoded later. */
        p->cellFlags |= CELL_RAW;
        p->eState = ST_PLAIN;
        p->iScan = j + 1;
        continue;
    }
    /* Out of bytes at i. */
    p->iScan = i;
    if (!p->eof) {
      rc = csv_more(p);
      if (rc != CSV_OK) return rc;
      continue;
    }
    z = p->aBuf + p->iRec;
    n = p->iEnd - p->iRec;
    switch (p->eState) {
      case ST_START:
        if (n == 0) return CSV_DONE;
        rc = csv_push(p, n, 0, 0); /* "a," at the end: a last empty cell */
        if (rc) return rc;
        break;
      case ST_PLAIN:
        e = n;
        if (!crMode && e > p->iCell && z[e - 1] == '\r') e--;
        if (e == p->iCell && p->nCell == 0 && p->cellFlags == 0) break;
        rc = csv_push(p, p->iCell, e - p->iCell, p->cellFlags);
        if (rc) return rc;
        break;
      default:
        csv_set_err(p, CSV_EQUOTE, "unterminated quoted field");
        return CSV_EQUOTE;
    }
    p->nRecLen = n;
    return CSV_ROW;
  }
}

int csv_next(CsvReader *p) {
  int rc;
  if (p->rcErr) return p->rcErr;
  for (;;) {
    p->iRec += p->nRecLen;
    p->iLine += p->nLines;
    p->nRecLen = 0;
    p->nLines = 0;
    p->nCell = 0;
    p->eState = ST_START;
    p->iScan = 0;
    p->iRecLine = p->iLine;
    rc = csv_record(p);
    if (rc == CSV_ROW && p->iBadAbs >= 0 &&
        p->iBadAbs < p->iBufAbs + (long long)(p->iRec + p->nRecLen)) {
      if (p->badIsNul) {
        csv_set_err(p, CSV_ENUL,
                    "NUL byte (binary data, or UTF-16 without a BOM: give "
                    "encoding=utf16)");
        return CSV_ENUL;
      }
      csv_set_err(p, CSV_EUTF8, "invalid UTF-8");
      return CSV_EUTF8;
    }
    if (rc != CSV_ROW) {
      if (rc != CSV_DONE && !p->rcErr) p->rcErr = rc;
      return rc;
    }
    if (p->nCell > 0) return CSV_ROW;
  }
}

int csv_ncell(const CsvReader *p) {
  return p->nCell;
}

int csv_cell_quoted(const CsvReader *p, int i) {
  return (p->aCell[i].flags & CELL_QUOTED) != 0;
}

/* P-7: drop the quotes of a raw cell in place, a run at a time. */
static void csv_unquote(CsvReader *p, CsvCell *c) {
  char *z = p->aBuf + p->iRec + c->off;
  size_t n = c->n, i = 1, o = 0;
  const char q = (char)p->cQuote;
  for (;;) {
    const char *zq = memchr(z + i, q, n - i);
    size_t j = zq ? (size_t)(zq - z) : n;
    memmove(z + o, z + i, j - i);
    o += j - i;
    i = j;
    if (i >= n) break;
    if (i + 1 < n && z[i + 1] == q) {
      z[o++] = q;
      i += 2;
      continue;
    }
    i++; /* the closing quote: what follows is kept as it is */
    memmove(z + o, z + i, n - i);
    o += n - i;
    break;
  }
  c->n = (unsigned)o;
  c->flags &= ~(unsigned)CELL_RAW;
}

const char *csv_cell(CsvReader *p, int i, int *pn) {
  CsvCell *c = &p->aCell[i];
  if (c->flags & CELL_RAW) csv_unquote(p, c);
  *pn = (int)c->n;
  return p->aBuf + p->iRec + c->off;
}

/*
** The byte after a cell is its delimiter, its line end, its closing quote
** or (at the end of the input) the buffer's spare byte: no other cell's
** text, and the record is already scanned, so it may become a NUL.
*/
const char *csv_cell_z(CsvReader *p, int i, int *pn) {
  char *z = (char *)csv_cell(p, i, pn);
  z[*pn] = 0;
  return z;
}

long long csv_line(const CsvReader *p) {
  return p->iRecLine;
}

const char *csv_errmsg(const CsvReader *p) {
  if (p->rcErr == 0) return "not an error";
  return p->zErr;
}

/* ------------------------------------------------------------ detection */

int csv_sniff_eol(const char *z, size_t n) {
  if (memchr(z, '\n', n) == 0 && memchr(z, '\r', n) != 0) return CSV_EOL_CR;
  return CSV_EOL_LF;
}

#define SNIFF_RECORDS 100

int csv_sniff_delim(const char *z, size_t n, int cQuote, int eEol, int complete,
                    const CsvAlloc *pAlloc) {
  static const char aCand[] = {',', ';', '\t', '|'};
  int best = ',', bestScore = 0, bestCount = 0;
  size_t k;
  for (k = 0; k < sizeof(aCand); k++) {
    CsvReader *p;
    int aCount[SNIFF_RECORDS + 1];
    int nRec = 0, score = 0, r, rc = CSV_OK;
    if (memchr(z, aCand[k], n) == 0) continue;
    /* Out of memory is said, not guessed around: a smaller count would
       pick another delimiter. */
    if (csv_open_mem(&p, z, n, CSV_ENC_UTF8, pAlloc) != CSV_OK) return -1;
    csv_dialect(p, aCand[k], cQuote, eEol);
    while (nRec <= SNIFF_RECORDS && (rc = csv_next(p)) == CSV_ROW) {
      aCount[nRec++] = csv_ncell(p);
    }
    csv_close(p);
    if (rc == CSV_ENOMEM) return -1;
    if (nRec <= SNIFF_RECORDS && !complete && nRec > 1) nRec--;
    if (nRec == 0 || aCount[0] < 2) continue;
    for (r = 0; r < nRec; r++)
      score += aCount[r] == aCount[0];
    if (score > bestScore || (score == bestScore && aCount[0] > bestCount)) {
      best = (unsigned char)aCand[k];
      bestScore = score;
      bestCount = aCount[0];
    }
  }
  return best;
}
