/*
** csvparse.h: the CSV reader under the kpi_csv virtual table (SPEC 6).
** Pure C over libc and zlib: no SQLite, so that a fuzzer can drive it. The
** caller hands in its allocator.
**
**   CsvReader *p;
**   rc = csv_open_file(&p, "posts.csv", CSV_ENC_AUTO, &alloc);
**   csv_sample(p, &z, &n);                  first decoded bytes, for sniffing
**   csv_dialect(p, ',', '"', CSV_EOL_LF);   or the csv_sniff_* results
**   while ((rc = csv_next(p)) == CSV_ROW) {
**     for (i = 0; i < csv_ncell(p); i++) z = csv_cell(p, i, &n);
**   }
**   if (rc != CSV_DONE) puts(csv_errmsg(p));  line: csv_line(p)
**   csv_close(p);
**
** Requirements (tests cite them as P-n):
**   P-1  RFC 4180 quoting: a field that starts with the quote character
**        runs to the next lone quote; "" inside it is one quote; it may
**        hold delimiters, CR and LF. A quote inside an unquoted field is
**        data; text after a closing quote is kept as data.
**   P-2  Records end at LF or CRLF (LF mode: a lone CR anywhere is data),
**        or, in a file whose sample holds CR but no LF, at CR (CR mode,
**        where LF and CRLF also end a record). A final record without a
**        line end is a record. An empty line (no field, no quote) is
**        skipped but counted.
**   P-3  csv_line is the 1-based physical line where the current record
**        starts: line ends (as P-2 defines them) are counted inside
**        quoted fields too.
**   P-4  Encodings: UTF-8 (a BOM is stripped), UTF-16 LE and BE (by BOM,
**        or LE when given without one), Latin-1 and cp1252 are decoded to
**        UTF-8. CSV_ENC_AUTO picks UTF-16 by BOM, else UTF-8 when the first
**        64 KiB are valid UTF-8 (a sequence cut by the sample's end is
**        fine), else cp1252. In UTF-8 every byte of the file is checked; an
**        invalid sequence is CSV_EUTF8 at the record that holds it. An
**        unpaired UTF-16 surrogate becomes U+FFFD. A NUL character, in any
**        encoding, is CSV_ENUL at the record that holds it: text does not
**        hold one, and binary files and UTF-16 without a BOM do.
**   P-5  A gzip file (by its magic bytes, whatever its name) is read
**        through zlib; a corrupt stream is CSV_EIO.
**   P-6  Bounded: a record longer than CSV_MAX_RECORD bytes is
**        CSV_ETOOBIG; more than nMaxCell fields is CSV_ETOOMANY. Memory is
**        the read buffer (grown only for a long record) and the cell array.
**   P-7  Cells point into the read buffer and stay valid until the next
**        csv_next; only a cell with "" escapes or text after its closing
**        quote is rewritten, in place, when first asked for.
**   P-8  A regular file must keep, until its end is read, the size it had
**        when opened (and a plain file must give that many bytes): one
**        truncated or appended to during the scan is CSV_EIO "file changed
**        while it was read (N bytes when opened, now M)".
*/
#ifndef KPI_CSVPARSE_H
#define KPI_CSVPARSE_H

#include <stddef.h>

/* Status codes. */
#define CSV_OK 0
#define CSV_ROW 1      /* csv_next: a record is ready */
#define CSV_DONE 2     /* csv_next: no more records */
#define CSV_ENOMEM 3   /* an allocation failed */
#define CSV_EOPEN 4    /* the file cannot be opened (errno kept) */
#define CSV_EIO 5      /* a read failed or the gzip stream is corrupt */
#define CSV_EQUOTE 6   /* unterminated quoted field */
#define CSV_ETOOBIG 7  /* record longer than CSV_MAX_RECORD */
#define CSV_ETOOMANY 8 /* more fields than nMaxCell */
#define CSV_EUTF8 9    /* invalid UTF-8 */
#define CSV_ENUL 10    /* a NUL byte: binary data, or UTF-16 without a BOM */

/* Encodings. */
#define CSV_ENC_AUTO 0
#define CSV_ENC_UTF8 1
#define CSV_ENC_UTF16LE 2
#define CSV_ENC_UTF16BE 3
#define CSV_ENC_LATIN1 4
#define CSV_ENC_CP1252 5
#define CSV_ENC_UTF16 6 /* given as "utf16": BE or LE by BOM, else LE */

/* Line-end modes (P-2). */
#define CSV_EOL_LF 0
#define CSV_EOL_CR 1

#define CSV_SAMPLE (64 * 1024)    /* bytes that detection looks at */
#define CSV_MAX_RECORD (16 << 20) /* longest record, in UTF-8 bytes */

/* The caller's allocator: realloc semantics, and free. */
typedef struct CsvAlloc CsvAlloc;
struct CsvAlloc {
  void *(*xRealloc)(void *, size_t);
  void (*xFree)(void *);
};

typedef struct CsvReader CsvReader;

/*
** Open a file, or n bytes of memory (not copied: they must outlive the
** reader). Reads and decodes the sample at once. On CSV_EOPEN or
** CSV_ENOMEM *pp is 0, and csv_open_file's errno is left as open() set it;
** on CSV_EIO *pp is a reader to ask csv_errmsg, then close.
*/
int csv_open_file(CsvReader **pp, const char *zPath, int eEnc,
                  const CsvAlloc *pAlloc);
int csv_open_mem(CsvReader **pp, const char *z, size_t n, int eEnc,
                 const CsvAlloc *pAlloc);
void csv_close(CsvReader *p);

/* The encoding in use (never CSV_ENC_AUTO or CSV_ENC_UTF16), and a name. */
int csv_encoding(const CsvReader *p);
const char *csv_encoding_name(int eEnc);
/* 1 when the input had a byte-order mark, 1 when it was gzip. */
int csv_had_bom(const CsvReader *p);
int csv_is_gzip(const CsvReader *p);

/*
** The decoded start of the input (up to CSV_SAMPLE bytes or more, BOM
** removed), valid until the first csv_next. *pComplete is 1 when it is
** the whole input.
*/
void csv_sample(const CsvReader *p, const char **pz, size_t *pn,
                int *pComplete);

/*
** Set delimiter, quote (-1: no quoting), line-end mode and the column limit
** before the first csv_next. Defaults: ',', '"', CSV_EOL_LF, 2000.
*/
void csv_dialect(CsvReader *p, int cDelim, int cQuote, int eEol);
void csv_limit(CsvReader *p, int nMaxCell);

/* Read the next record: CSV_ROW, CSV_DONE or an error code. */
int csv_next(CsvReader *p);
int csv_ncell(const CsvReader *p);
/* Cell i (0-based, < csv_ncell) as UTF-8, not NUL-terminated. */
const char *csv_cell(CsvReader *p, int i, int *pn);
/* As csv_cell, and z[*pn] is a NUL (the cell's terminator is overwritten:
** call it once the cells of the record are located, as csv_next does). */
const char *csv_cell_z(CsvReader *p, int i, int *pn);
/* 1 when cell i was quoted in the file. */
int csv_cell_quoted(const CsvReader *p, int i);
/* The line where the current (or failing) record starts (P-3). */
long long csv_line(const CsvReader *p);
/* A lower-case description of the last error, e.g. "unterminated quoted
** field". */
const char *csv_errmsg(const CsvReader *p);

/*
** Detection on a sample (no reader needed).
** csv_sniff_eol: CSV_EOL_CR when z holds CR and no LF, else CSV_EOL_LF.
** csv_sniff_delim: the one of , ; TAB | that splits the first records into
** the most records with the first record's field count (> 1); ties go to
** the larger count, then to that order; ',' when none splits. cQuote as in
** csv_dialect; complete says the sample is the whole input (else its last,
** possibly cut, record is ignored). Returns -1 when memory runs out.
*/
int csv_sniff_eol(const char *z, size_t n);
int csv_sniff_delim(const char *z, size_t n, int cQuote, int eEol, int complete,
                    const CsvAlloc *pAlloc);

#endif /* KPI_CSVPARSE_H */
