/*
** zipread.h: the ZIP reader under kpi_xlsx (SPEC 6.2). Pure C over libc and
** zlib: no SQLite, so that a fuzzer can drive it. The caller hands in its
** allocator.
**
**   ZipArchive *pZ;
**   rc = zip_open_file(&pZ, "report.xlsx", &alloc);
**   i = zip_find(pZ, "xl/workbook.xml");          -1 when absent
**   rc = zip_entry_open(pZ, i, &pE);
**   while ((rc = zip_read(pE, buf, sizeof(buf), &n)) == ZIP_OK && n > 0) ...
**   if (rc != ZIP_OK) puts(zip_errmsg(pZ));
**   zip_entry_close(pE);
**   zip_close(pZ);
**
** Requirements (tests cite them as ZR-n):
**   ZR-1  The archive is read from its central directory (the end record
**         found in the last 64 KiB + 22 bytes), with ZIP64 end records,
**         ZIP64 extra fields for sizes and offsets, and '\' in names read
**         as '/'. A data descriptor (flag bit 3) changes nothing: sizes
**         and CRC come from the central directory. A file that has no end
**         record is ZIP_ENOTZIP; a split archive, an entry whose data lies
**         outside the file or a directory that does not parse is
**         ZIP_ECORRUPT.
**   ZR-2  Entries are stored (method 0) or deflated (method 8), streamed
**         through a 64 KiB input buffer: memory does not grow with an
**         entry's size. Any other method is ZIP_EMETHOD naming it; an
**         encrypted entry (flag bit 0 or 6) is ZIP_EENCRYPTED.
**   ZR-3  Every byte is checked: an entry that inflates to more or fewer
**         bytes than the directory says, a corrupt deflate stream or a
**         CRC-32 mismatch is ZIP_ECORRUPT.
**   ZR-4  Limits against zip bombs (ZIP_ELIMIT): an entry larger than
**         nMaxSize inflated, or, once past nRatioGrace bytes, larger than
**         nMaxRatio times its compressed size; more than nMaxEntry
**         entries; a central directory over 64 MiB.
**   ZR-5  zip_find matches a name exactly, ASCII case folded (OOXML part
**         names are case-insensitive), a leading '/' ignored.
*/
#ifndef KPI_ZIPREAD_H
#define KPI_ZIPREAD_H

#include <stddef.h>

/* Status codes. */
#define ZIP_OK 0
#define ZIP_ENOMEM 1     /* an allocation failed */
#define ZIP_EOPEN 2      /* the file cannot be opened (errno kept) */
#define ZIP_EIO 3        /* a read failed */
#define ZIP_ENOTZIP 4    /* no end-of-central-directory record */
#define ZIP_ECORRUPT 5   /* the archive or an entry's data is damaged */
#define ZIP_EMETHOD 6    /* a compression method other than 0 and 8 */
#define ZIP_EENCRYPTED 7 /* an encrypted entry */
#define ZIP_ELIMIT 8     /* a ZR-4 limit */

/* The caller's allocator: realloc semantics, and free. */
typedef struct ZipAlloc ZipAlloc;
struct ZipAlloc {
  void *(*xRealloc)(void *, size_t);
  void (*xFree)(void *);
};

/* ZR-4 limits; zip_open_* starts with the defaults below. */
typedef struct ZipLimits ZipLimits;
struct ZipLimits {
  unsigned long long nMaxSize;    /* largest inflated entry */
  unsigned long long nRatioGrace; /* size below which the ratio is free */
  unsigned nMaxRatio;             /* inflated / compressed */
  int nMaxEntry;                  /* entries in the archive */
};
#define ZIP_MAX_SIZE (1ULL << 30)
#define ZIP_RATIO_GRACE (1ULL << 20)
#define ZIP_MAX_RATIO 100
#define ZIP_MAX_ENTRY 100000

typedef struct ZipArchive ZipArchive;
typedef struct ZipEntry ZipEntry;

/*
** Open a file, or n bytes of memory (not copied: they must outlive the
** archive), and read its central directory. On ZIP_EOPEN or ZIP_ENOMEM *pp
** is 0 (errno as open() left it); on other errors *pp is an archive to ask
** zip_errmsg, then close.
*/
int zip_open_file(ZipArchive **pp, const char *zPath, const ZipAlloc *pAlloc,
                  const ZipLimits *pLim);
int zip_open_mem(ZipArchive **pp, const void *p, size_t n,
                 const ZipAlloc *pAlloc, const ZipLimits *pLim);
void zip_close(ZipArchive *p);

int zip_count(const ZipArchive *p);
/* Entry i's name, NUL-terminated, '/' separated. */
const char *zip_name(const ZipArchive *p, int i);
/* Entry i's inflated size as the central directory gives it. */
unsigned long long zip_size(const ZipArchive *p, int i);
/* ZR-5: the index of zName, or -1. */
int zip_find(const ZipArchive *p, const char *zName);

/*
** Start reading entry i (one entry at a time per archive is not required:
** each ZipEntry has its own stream). zip_read fills up to n bytes and sets
** *pnGot; *pnGot is 0 only at the entry's end, when its size and CRC have
** been checked.
*/
int zip_entry_open(ZipArchive *p, int i, ZipEntry **pp);
int zip_read(ZipEntry *pE, void *pBuf, size_t n, size_t *pnGot);
void zip_entry_close(ZipEntry *pE);

/* A lower-case description of the last error, e.g. "xl/styles.xml: CRC-32
** mismatch". */
const char *zip_errmsg(const ZipArchive *p);

#endif /* KPI_ZIPREAD_H */
