/*
** zipread.c: the ZIP reader (see zipread.h for the API and the ZR-n
** requirements). The central directory is read once into memory and its
** entries indexed; an entry is then streamed from its local header through
** a fixed input buffer, inflated by zlib, and counted and CRC-checked as it
** goes, so a lying directory or a bomb stops at its limit, never after.
*/
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "zipread.h"

/* The input buffer of an entry. A variable so that the fuzz target can
   use a small one, where every entry refills it many times. */
static size_t zipInSize = 64 * 1024;
#define ZIP_MAX_CD (64u << 20) /* largest central directory read */
#define ZIP_EOCD_MIN 22
#define ZIP_EOCD_SCAN (65535 + ZIP_EOCD_MIN)

typedef unsigned long long u64;

typedef struct ZipItem ZipItem;
struct ZipItem {
  u64 nComp, nSize, iLocal;
  unsigned crc;
  unsigned flags, method;
  size_t iName; /* offset of the NUL-terminated name in zNames */
};

struct ZipArchive {
  ZipAlloc a;
  ZipLimits lim;
  int fd;
  const unsigned char *aMem;
  u64 nFile;
  ZipItem *aItem;
  int nItem;
  char *zNames;
  char zErr[200];
};

struct ZipEntry {
  ZipArchive *pZ;
  const ZipItem *pIt;
  z_stream zs;
  int zInit;
  int done;
  u64 iPos, iEnd; /* file offsets of the compressed bytes left */
  u64 nOut;       /* bytes delivered */
  unsigned long crc;
  unsigned char *aIn;
};

static void zip_err(ZipArchive *p, const char *zFmt, ...) {
  va_list ap;
  va_start(ap, zFmt);
  /* va_start is just above: the analyzer's report is a false one. */
  /* NOLINTNEXTLINE(clang-analyzer-valist.Uninitialized) */
  vsnprintf(p->zErr, sizeof(p->zErr), zFmt, ap);
  va_end(ap);
}

static void *zip_malloc(const ZipAlloc *a, size_t n) {
  return a->xRealloc(0, n);
}

static unsigned zip_u16(const unsigned char *p) {
  return (unsigned)p[0] | (unsigned)p[1] << 8;
}
static unsigned zip_u32(const unsigned char *p) {
  return (unsigned)p[0] | (unsigned)p[1] << 8 | (unsigned)p[2] << 16 |
         (unsigned)p[3] << 24;
}
static u64 zip_u64(const unsigned char *p) {
  return (u64)zip_u32(p) | (u64)zip_u32(p + 4) << 32;
}

/* Reads n bytes at iOff; ZIP_EIO (message set) when they are not all
   there. */
static int zip_pread(ZipArchive *p, u64 iOff, void *pBuf, size_t n) {
  if (iOff > p->nFile || n > p->nFile - iOff) {
    zip_err(p, "archive truncated: %llu bytes needed at offset %llu of %llu",
            (u64)n, iOff, p->nFile);
    return ZIP_ECORRUPT;
  }
  if (p->aMem) {
    memcpy(pBuf, p->aMem + iOff, n);
    return ZIP_OK;
  }
  while (n > 0) {
    ssize_t got = pread(p->fd, pBuf, n, (off_t)iOff);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) {
      zip_err(p, "read failed: %s",
              got < 0 ? strerror(errno) : "file shrank while it was read");
      return ZIP_EIO;
    }
    pBuf = (char *)pBuf + got;
    n -= (size_t)got;
    iOff += (u64)got;
  }
  return ZIP_OK;
}

/* Finds the end record; sets the directory's offset, size and count. */
static int zip_find_eocd(ZipArchive *p, u64 *piCd, u64 *pnCd, u64 *pnEnt) {
  unsigned char *aBuf;
  size_t nScan = p->nFile < ZIP_EOCD_SCAN ? (size_t)p->nFile : ZIP_EOCD_SCAN;
  u64 iBase = p->nFile - nScan;
  size_t i;
  int rc, found = 0;
  if (nScan < ZIP_EOCD_MIN) {
    zip_err(p, "not a ZIP archive (%llu bytes)", p->nFile);
    return ZIP_ENOTZIP;
  }
  aBuf = zip_malloc(&p->a, nScan);
  if (aBuf == 0) return ZIP_ENOMEM;
  rc = zip_pread(p, iBase, aBuf, nScan);
  for (i = nScan - ZIP_EOCD_MIN + 1; rc == ZIP_OK && i-- > 0;) {
    const unsigned char *e = aBuf + i;
    if (zip_u32(e) != 0x06054b50) continue;
    /* The comment must run exactly to the end of the file. */
    if (i + ZIP_EOCD_MIN + zip_u16(e + 20) != nScan) continue;
    found = 1;
    if (zip_u16(e + 4) != 0 || zip_u16(e + 6) != 0) {
      zip_err(p, "split (multi-disk) archives are not read");
      rc = ZIP_ECORRUPT;
      break;
    }
    *pnEnt = zip_u16(e + 10);
    *pnCd = zip_u32(e + 12);
    *piCd = zip_u32(e + 16);
    /* A ZIP64 locator sits just before the end record. */
    if (iBase + i >= 20 && i >= 20 && zip_u32(e - 20) == 0x07064b50) {
      unsigned char a64[56];
      rc = zip_pread(p, zip_u64(e - 20 + 8), a64, sizeof(a64));
      if (rc == ZIP_OK && zip_u32(a64) != 0x06064b50) {
        zip_err(p, "bad ZIP64 end of central directory record");
        rc = ZIP_ECORRUPT;
      }
      if (rc == ZIP_OK) {
        *pnEnt = zip_u64(a64 + 32);
        *pnCd = zip_u64(a64 + 40);
        *piCd = zip_u64(a64 + 48);
      }
    }
    break;
  }
  p->a.xFree(aBuf);
  if (rc == ZIP_OK && !found) {
    zip_err(p, "not a ZIP archive (no end of central directory record)");
    rc = ZIP_ENOTZIP;
  }
  return rc;
}

/* The ZIP64 extra field of one directory record: replaces the 32-bit
   fields that hold 0xFFFFFFFF, in the order the format gives them. */
static int zip_extra64(ZipArchive *p, ZipItem *pIt, const unsigned char *x,
                       unsigned nX, int bSize, int bComp, int bOff) {
  while (nX >= 4) {
    unsigned id = zip_u16(x), n = zip_u16(x + 2), k = 4;
    if (n > nX - 4) break;
    if (id == 0x0001) {
      if (bSize) {
        if (k + 8 > n + 4) goto bad;
        pIt->nSize = zip_u64(x + k);
        k += 8;
      }
      if (bComp) {
        if (k + 8 > n + 4) goto bad;
        pIt->nComp = zip_u64(x + k);
        k += 8;
      }
      if (bOff) {
        if (k + 8 > n + 4) goto bad;
        pIt->iLocal = zip_u64(x + k);
      }
      return ZIP_OK;
    }
    x += 4 + n;
    nX -= 4 + n;
  }
  if (!bSize && !bComp && !bOff) return ZIP_OK;
bad:
  zip_err(p, "bad ZIP64 extra field");
  return ZIP_ECORRUPT;
}

/* Parses the nEnt records of aCd[0..nCd) into p->aItem and p->zNames. */
static int zip_parse_cd(ZipArchive *p, const unsigned char *aCd, size_t nCd,
                        u64 nEnt) {
  size_t i = 0, nNames = 0, iName = 0;
  u64 e;
  int rc;
  /* First pass: validate and size the names. */
  for (e = 0; e < nEnt; e++) {
    if (nCd - i < 46 || zip_u32(aCd + i) != 0x02014b50) {
      zip_err(p, "bad central directory record %llu", e + 1);
      return ZIP_ECORRUPT;
    }
    {
      size_t nRec = 46 + (size_t)zip_u16(aCd + i + 28) + zip_u16(aCd + i + 30) +
                    zip_u16(aCd + i + 32);
      if (nRec > nCd - i) {
        zip_err(p, "bad central directory record %llu", e + 1);
        return ZIP_ECORRUPT;
      }
      nNames += (size_t)zip_u16(aCd + i + 28) + 1;
      i += nRec;
    }
  }
  p->aItem = zip_malloc(&p->a, sizeof(ZipItem) * (size_t)(nEnt ? nEnt : 1));
  p->zNames = zip_malloc(&p->a, nNames ? nNames : 1);
  if (p->aItem == 0 || p->zNames == 0) return ZIP_ENOMEM;
  for (i = 0, e = 0; e < nEnt; e++) {
    const unsigned char *r = aCd + i;
    ZipItem *pIt = &p->aItem[e];
    unsigned nName = zip_u16(r + 28), nX = zip_u16(r + 30), k;
    pIt->flags = zip_u16(r + 8);
    pIt->method = zip_u16(r + 10);
    pIt->crc = zip_u32(r + 16);
    pIt->nComp = zip_u32(r + 20);
    pIt->nSize = zip_u32(r + 24);
    pIt->iLocal = zip_u32(r + 42);
    rc = zip_extra64(p, pIt, r + 46 + nName, nX, pIt->nSize == 0xFFFFFFFFu,
                     pIt->nComp == 0xFFFFFFFFu, pIt->iLocal == 0xFFFFFFFFu);
    if (rc != ZIP_OK) return rc;
    pIt->iName = iName;
    for (k = 0; k < nName; k++) {
      char c = (char)r[46 + k];
      p->zNames[iName++] = c == '\\' ? '/' : c == 0 ? '?' : c;
    }
    p->zNames[iName++] = 0;
    i += 46 + (size_t)nName + nX + zip_u16(r + 32);
    p->nItem++;
  }
  return ZIP_OK;
}

static int zip_load(ZipArchive *p) {
  u64 iCd = 0, nCd = 0, nEnt = 0;
  unsigned char *aCd;
  int rc = zip_find_eocd(p, &iCd, &nCd, &nEnt);
  if (rc != ZIP_OK) return rc;
  if (nEnt > (u64)p->lim.nMaxEntry) {
    zip_err(p, "archive has %llu entries, more than the limit of %d", nEnt,
            p->lim.nMaxEntry);
    return ZIP_ELIMIT;
  }
  if (nCd > ZIP_MAX_CD) {
    zip_err(p, "central directory of %llu bytes, more than 64 MiB", nCd);
    return ZIP_ELIMIT;
  }
  if (iCd > p->nFile || nCd > p->nFile - iCd || nCd < 46 * nEnt) {
    zip_err(p, "central directory outside the file (truncated archive?)");
    return ZIP_ECORRUPT;
  }
  aCd = zip_malloc(&p->a, nCd ? (size_t)nCd : 1);
  if (aCd == 0) return ZIP_ENOMEM;
  rc = zip_pread(p, iCd, aCd, (size_t)nCd);
  if (rc == ZIP_OK) rc = zip_parse_cd(p, aCd, (size_t)nCd, nEnt);
  p->a.xFree(aCd);
  return rc;
}

static int zip_new(ZipArchive **pp, const ZipAlloc *pAlloc,
                   const ZipLimits *pLim) {
  ZipArchive *p = zip_malloc(pAlloc, sizeof(ZipArchive));
  *pp = 0;
  if (p == 0) return ZIP_ENOMEM;
  memset(p, 0, sizeof(*p));
  p->a = *pAlloc;
  p->fd = -1;
  if (pLim) {
    p->lim = *pLim;
  } else {
    p->lim.nMaxSize = ZIP_MAX_SIZE;
    p->lim.nRatioGrace = ZIP_RATIO_GRACE;
    p->lim.nMaxRatio = ZIP_MAX_RATIO;
    p->lim.nMaxEntry = ZIP_MAX_ENTRY;
  }
  *pp = p;
  return ZIP_OK;
}

int zip_open_file(ZipArchive **pp, const char *zPath, const ZipAlloc *pAlloc,
                  const ZipLimits *pLim) {
  struct stat st;
  ZipArchive *p;
  int rc, fd = open(zPath, O_RDONLY | O_CLOEXEC);
  *pp = 0;
  if (fd < 0) return ZIP_EOPEN;
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    int e = S_ISDIR(st.st_mode) ? EISDIR : errno;
    close(fd);
    errno = e;
    return ZIP_EOPEN;
  }
  rc = zip_new(&p, pAlloc, pLim);
  if (rc != ZIP_OK) {
    close(fd);
    return rc;
  }
  p->fd = fd;
  p->nFile = (u64)st.st_size;
  *pp = p;
  rc = zip_load(p);
  if (rc == ZIP_ENOMEM) {
    zip_close(p);
    *pp = 0;
  }
  return rc;
}

int zip_open_mem(ZipArchive **pp, const void *pMem, size_t n,
                 const ZipAlloc *pAlloc, const ZipLimits *pLim) {
  ZipArchive *p;
  int rc = zip_new(&p, pAlloc, pLim);
  if (rc != ZIP_OK) return rc;
  p->aMem = pMem ? pMem : (const void *)"";
  p->nFile = n;
  *pp = p;
  rc = zip_load(p);
  if (rc == ZIP_ENOMEM) {
    zip_close(p);
    *pp = 0;
  }
  return rc;
}

void zip_close(ZipArchive *p) {
  if (p == 0) return;
  if (p->fd >= 0) close(p->fd);
  p->a.xFree(p->aItem);
  p->a.xFree(p->zNames);
  p->a.xFree(p);
}

int zip_count(const ZipArchive *p) {
  return p->nItem;
}

const char *zip_name(const ZipArchive *p, int i) {
  return p->zNames + p->aItem[i].iName;
}

unsigned long long zip_size(const ZipArchive *p, int i) {
  return p->aItem[i].nSize;
}

static int zip_lower(int c) {
  return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

int zip_find(const ZipArchive *p, const char *zName) {
  int i;
  if (zName[0] == '/') zName++;
  for (i = 0; i < p->nItem; i++) {
    const char *z = zip_name(p, i), *y = zName;
    if (*z == '/') z++;
    while (*z && zip_lower((unsigned char)*z) == zip_lower((unsigned char)*y)) {
      z++;
      y++;
    }
    if (*z == 0 && *y == 0) return i;
  }
  return -1;
}

const char *zip_errmsg(const ZipArchive *p) {
  return p->zErr[0] ? p->zErr : "no error";
}

/* ZR-2, ZR-4: what makes entry pIt unreadable before a byte is read. */
static int zip_check_item(ZipArchive *p, const ZipItem *pIt) {
  const char *zName = p->zNames + pIt->iName;
  if (pIt->flags & 0x41) {
    zip_err(p, "%s: encrypted entry", zName);
    return ZIP_EENCRYPTED;
  }
  if (pIt->method != 0 && pIt->method != 8) {
    zip_err(p, "%s: compression method %u (only stored and deflated are read)",
            zName, pIt->method);
    return ZIP_EMETHOD;
  }
  if (pIt->method == 0 && pIt->nComp != pIt->nSize) {
    zip_err(p, "%s: stored entry whose sizes differ", zName);
    return ZIP_ECORRUPT;
  }
  if (pIt->nSize > p->lim.nMaxSize) {
    zip_err(p, "%s: inflates to %llu bytes, more than the limit of %llu", zName,
            pIt->nSize, p->lim.nMaxSize);
    return ZIP_ELIMIT;
  }
  if (pIt->nSize > p->lim.nRatioGrace &&
      pIt->nSize / (pIt->nComp ? pIt->nComp : 1) >= p->lim.nMaxRatio) {
    zip_err(p,
            "%s: inflates to %llu bytes from %llu, more than %u times its "
            "compressed size (a zip bomb?)",
            zName, pIt->nSize, pIt->nComp, p->lim.nMaxRatio);
    return ZIP_ELIMIT;
  }
  return ZIP_OK;
}

int zip_entry_open(ZipArchive *p, int i, ZipEntry **pp) {
  const ZipItem *pIt = &p->aItem[i];
  unsigned char aLoc[30];
  ZipEntry *pE;
  int rc;
  *pp = 0;
  rc = zip_check_item(p, pIt);
  if (rc != ZIP_OK) return rc;
  rc = zip_pread(p, pIt->iLocal, aLoc, sizeof(aLoc));
  if (rc == ZIP_OK && zip_u32(aLoc) != 0x04034b50) {
    zip_err(p, "%s: bad local header", zip_name(p, i));
    rc = ZIP_ECORRUPT;
  }
  if (rc != ZIP_OK) return rc;
  pE = zip_malloc(&p->a, sizeof(ZipEntry));
  if (pE == 0) return ZIP_ENOMEM;
  memset(pE, 0, sizeof(*pE));
  pE->pZ = p;
  pE->pIt = pIt;
  pE->iPos = pIt->iLocal + 30 + zip_u16(aLoc + 26) + zip_u16(aLoc + 28);
  pE->iEnd = pE->iPos + pIt->nComp;
  pE->crc = crc32(0L, Z_NULL, 0);
  if (pE->iEnd < pE->iPos || pE->iEnd > p->nFile) {
    zip_err(p, "%s: data runs past the end of the archive (truncated?)",
            zip_name(p, i));
    zip_entry_close(pE);
    return ZIP_ECORRUPT;
  }
  pE->aIn = zip_malloc(&p->a, zipInSize);
  if (pE->aIn == 0) {
    zip_entry_close(pE);
    return ZIP_ENOMEM;
  }
  if (pIt->method == 8) {
    int zrc = inflateInit2(&pE->zs, -MAX_WBITS);
    if (zrc != Z_OK) {
      zip_entry_close(pE);
      return zrc == Z_MEM_ERROR ? ZIP_ENOMEM : ZIP_ECORRUPT;
    }
    pE->zInit = 1;
  }
  *pp = pE;
  return ZIP_OK;
}

void zip_entry_close(ZipEntry *pE) {
  if (pE == 0) return;
  if (pE->zInit) inflateEnd(&pE->zs);
  pE->pZ->a.xFree(pE->aIn);
  pE->pZ->a.xFree(pE);
}

/* Refills the input buffer from the entry's compressed bytes. */
static int zip_fill(ZipEntry *pE) {
  u64 nLeft = pE->iEnd - pE->iPos;
  size_t n = nLeft < zipInSize ? (size_t)nLeft : zipInSize;
  int rc = zip_pread(pE->pZ, pE->iPos, pE->aIn, n);
  if (rc != ZIP_OK) return rc;
  pE->iPos += n;
  pE->zs.next_in = pE->aIn;
  pE->zs.avail_in = (uInt)n;
  return ZIP_OK;
}

/* ZR-3: the entry's end, checked. */
static int zip_finish(ZipEntry *pE) {
  ZipArchive *p = pE->pZ;
  const char *zName = p->zNames + pE->pIt->iName;
  if (pE->nOut != pE->pIt->nSize) {
    zip_err(p, "%s: %llu bytes where the directory says %llu", zName, pE->nOut,
            pE->pIt->nSize);
    return ZIP_ECORRUPT;
  }
#ifndef FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION
  /* (A fuzzer's mutations would rarely get past the CRC to the XML.) */
  if ((unsigned)pE->crc != pE->pIt->crc) {
    zip_err(p, "%s: CRC-32 mismatch (damaged data)", zName);
    return ZIP_ECORRUPT;
  }
#endif
  pE->done = 1;
  return ZIP_OK;
}

static int zip_read_stored(ZipEntry *pE, unsigned char *pOut, size_t n,
                           size_t *pnGot) {
  u64 nLeft = pE->iEnd - pE->iPos;
  size_t k = nLeft < n ? (size_t)nLeft : n;
  int rc = zip_pread(pE->pZ, pE->iPos, pOut, k);
  if (rc != ZIP_OK) return rc;
  pE->iPos += k;
  *pnGot = k;
  return ZIP_OK;
}

static int zip_read_deflated(ZipEntry *pE, unsigned char *pOut, size_t n,
                             size_t *pnGot) {
  ZipArchive *p = pE->pZ;
  const char *zName = p->zNames + pE->pIt->iName;
  u64 nRoom = pE->pIt->nSize - pE->nOut;
  /* One byte beyond the declared size shows a stream that lies. */
  size_t nWant = nRoom + 1 < n ? (size_t)nRoom + 1 : n;
  pE->zs.next_out = pOut;
  pE->zs.avail_out = (uInt)(nWant > 0x40000000 ? 0x40000000 : nWant);
  for (;;) {
    int zrc;
    if (pE->zs.avail_in == 0 && pE->iPos < pE->iEnd) {
      int rc = zip_fill(pE);
      if (rc != ZIP_OK) return rc;
    }
    zrc = inflate(&pE->zs, Z_NO_FLUSH);
    if (zrc == Z_MEM_ERROR) return ZIP_ENOMEM;
    if (zrc != Z_OK && zrc != Z_STREAM_END &&
        !(zrc == Z_BUF_ERROR && pE->zs.avail_in == 0)) {
      zip_err(p, "%s: corrupt deflate data", zName);
      return ZIP_ECORRUPT;
    }
    *pnGot = (size_t)(pE->zs.next_out - pOut);
    if (*pnGot > nRoom) {
      zip_err(p, "%s: inflates past the %llu bytes the directory says", zName,
              pE->pIt->nSize);
      return ZIP_ECORRUPT;
    }
    if (zrc == Z_STREAM_END) {
      pE->zInit = 0;
      inflateEnd(&pE->zs);
      return ZIP_OK;
    }
    if (*pnGot > 0 || pE->zs.avail_out == 0) return ZIP_OK;
    if (pE->zs.avail_in == 0 && pE->iPos >= pE->iEnd) {
      zip_err(p, "%s: deflate data ends early (truncated?)", zName);
      return ZIP_ECORRUPT;
    }
  }
}

int zip_read(ZipEntry *pE, void *pBuf, size_t n, size_t *pnGot) {
  int rc;
  *pnGot = 0;
  if (pE->done || n == 0) return ZIP_OK;
  if (pE->pIt->method == 0) {
    rc = zip_read_stored(pE, pBuf, n, pnGot);
  } else if (!pE->zInit) {
    rc = ZIP_OK; /* the stream has ended */
  } else {
    rc = zip_read_deflated(pE, pBuf, n, pnGot);
  }
  if (rc != ZIP_OK) return rc;
  if (*pnGot > 0) {
    pE->crc = crc32(pE->crc, pBuf, (uInt)*pnGot);
    pE->nOut += *pnGot;
    return ZIP_OK;
  }
  return zip_finish(pE);
}
