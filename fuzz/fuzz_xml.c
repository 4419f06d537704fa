/*
** fuzz_xml.c: the XML pull parser (ext/xmlpull.c) on arbitrary bytes. Each
** input is parsed twice: from memory in one piece, and through a read
** callback that gives 1 to 8 bytes at a time (the first byte picks how
** many), so that every token crosses read boundaries and the buffer is
** compacted and grown under it (from a 16-byte first buffer). The two
** parses must give the same events, names, attributes, texts and final
** status, or the target aborts (XP-1..XP-6).
*/
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "xmlpull.c"

static void *fuzz_realloc(void *p, size_t n) {
  return realloc(p, n);
}

static const XmlAlloc fuzzAlloc = {fuzz_realloc, free};

typedef struct FuzzSrc FuzzSrc;
struct FuzzSrc {
  const uint8_t *z;
  size_t n, i, step;
};

static int fuzz_src_read(void *pCtx, char *pBuf, size_t n, size_t *pnGot) {
  FuzzSrc *p = pCtx;
  size_t k = p->n - p->i;
  if (k > p->step) k = p->step;
  if (k > n) k = n;
  memcpy(pBuf, p->z + p->i, k);
  p->i += k;
  *pnGot = k;
  return 0;
}

/* FNV-1a over the bytes. */
static uint64_t fuzz_hash(uint64_t h, const void *pv, size_t n) {
  const unsigned char *z = pv;
  size_t i;
  for (i = 0; i < n; i++)
    h = (h ^ z[i]) * 1099511628211ULL;
  return h;
}

static uint64_t fuzz_parse(XmlParser *p) {
  uint64_t h = 1469598103934665603ULL;
  int rc, nEv = 0;
  while ((rc = xml_next(p)) == XML_START || rc == XML_END || rc == XML_TEXT) {
    int d = xml_depth(p), i, n;
    h = fuzz_hash(h, &rc, sizeof(rc));
    h = fuzz_hash(h, &d, sizeof(d));
    if (rc == XML_TEXT) {
      const char *z = xml_text(p, &n);
      h = fuzz_hash(h, z, (size_t)n);
    } else {
      const char *zName = xml_name(p);
      h = fuzz_hash(h, zName, strlen(zName));
      for (i = 0; i < xml_nattr(p); i++) {
        const char *zV = xml_attr_value(p, i, &n);
        if (strlen(zV) != (size_t)n) abort();
        h = fuzz_hash(h, xml_attr_name(p, i), strlen(xml_attr_name(p, i)));
        h = fuzz_hash(h, zV, (size_t)n);
      }
      if (rc == XML_START && xml_attr(p, "r", &n) == 0 && xml_nattr(p) > 0 &&
          xml_is(p, "skip")) {
        rc = xml_skip(p);
        h = fuzz_hash(h, &rc, sizeof(rc));
        if (rc != XML_END) break;
      }
    }
    if (++nEv > 1000000) break;
  }
  h = fuzz_hash(h, &rc, sizeof(rc));
  return h;
}

int LLVMFuzzerTestOneInput(const uint8_t *z, size_t n) {
  XmlParser *p;
  FuzzSrc src;
  uint64_t h1, h2;
  if (n < 1) return 0;
  src.step = (size_t)(z[0] & 7) + 1;
  z++;
  n--;
  xmlBufInit = 65536;
  if (xml_open_mem(&p, (const char *)z, n, &fuzzAlloc) != XML_OK) return 0;
  h1 = fuzz_parse(p);
  xml_close(p);
  src.z = z;
  src.n = n;
  src.i = 0;
  xmlBufInit = 16;
  if (xml_open(&p, fuzz_src_read, &src, &fuzzAlloc) != XML_OK) return 0;
  h2 = fuzz_parse(p);
  xml_close(p);
  if (h1 != h2) abort();
  return 0;
}
