/*
** xmlpull.c: the streaming XML pull parser (see xmlpull.h for the API and
** the XP-n requirements). The read buffer holds raw bytes; a token (a tag,
** a text run, a comment) is located whole in it, growing the buffer only
** for a long token, then decoded in place: entities and line ends only
** ever shrink the text, so values need no second buffer. Start-tag names
** are copied to a stack so that end tags can be matched after the buffer
** has moved on.
*/
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "xmlpull.h"

/*
** First size of the read buffer. A variable so that the fuzz target can
** start from a few bytes, where every token grows the buffer.
*/
static size_t xmlBufInit = 64 * 1024;

typedef struct XmlAttr XmlAttr;
struct XmlAttr {
  size_t iName, iLocal, iVal; /* offsets in aBuf */
  int nVal;
};

struct XmlParser {
  XmlAlloc a;
  XmlRead xRead;
  void *pCtx;
  const char *zMem; /* xml_open_mem's bytes */
  size_t nMem, iMem;
  char *aBuf;
  size_t nAlloc, iPos, nEnd;
  int eof;
  long long iBase; /* document offset of aBuf[0] */
  long long iTok;  /* document offset of the current token */
  int bomChecked;
  int depth;      /* open elements */
  int curDepth;   /* xml_depth's answer */
  int seenRoot;   /* the root element has started */
  int pendingEnd; /* an empty element's END comes next */
  int eTok;
  const char *zName; /* the current element's local name */
  XmlAttr aAttr[XML_MAX_ATTR];
  int nAttr;
  size_t iText;
  int nText;
  char *aStack; /* names of the open elements, NUL-terminated */
  size_t nStack, nStackAlloc;
  size_t aStackOff[XML_MAX_DEPTH + 1];
  char zErr[160];
};

static int xml_err(XmlParser *p, int rc, const char *zFmt, ...) {
  va_list ap;
  char zMsg[120];
  va_start(ap, zFmt);
  /* va_start is just above: the analyzer's report is a false one. */
  /* NOLINTNEXTLINE(clang-analyzer-valist.Uninitialized) */
  vsnprintf(zMsg, sizeof(zMsg), zFmt, ap);
  va_end(ap);
  snprintf(p->zErr, sizeof(p->zErr), "%s at byte %lld", zMsg, p->iTok);
  return rc;
}

static int xml_mem_read(void *pCtx, char *pBuf, size_t n, size_t *pnGot) {
  XmlParser *p = pCtx;
  size_t k = p->nMem - p->iMem < n ? p->nMem - p->iMem : n;
  memcpy(pBuf, p->zMem + p->iMem, k);
  p->iMem += k;
  *pnGot = k;
  return 0;
}

int xml_open(XmlParser **pp, XmlRead xRead, void *pCtx,
             const XmlAlloc *pAlloc) {
  XmlParser *p = pAlloc->xRealloc(0, sizeof(XmlParser));
  *pp = 0;
  if (p == 0) return XML_ENOMEM;
  memset(p, 0, sizeof(*p));
  p->a = *pAlloc;
  p->xRead = xRead;
  p->pCtx = pCtx;
  p->aBuf = p->a.xRealloc(0, xmlBufInit);
  p->aStack = p->a.xRealloc(0, 256);
  if (p->aBuf == 0 || p->aStack == 0) {
    xml_close(p);
    return XML_ENOMEM;
  }
  p->nAlloc = xmlBufInit;
  p->nStackAlloc = 256;
  *pp = p;
  return XML_OK;
}

int xml_open_mem(XmlParser **pp, const char *z, size_t n,
                 const XmlAlloc *pAlloc) {
  int rc = xml_open(pp, xml_mem_read, 0, pAlloc);
  if (rc == XML_ENOMEM) return rc;
  (*pp)->pCtx = *pp;
  (*pp)->zMem = z ? z : "";
  (*pp)->nMem = n;
  return rc;
}

void xml_close(XmlParser *p) {
  if (p == 0) return;
  p->a.xFree(p->aBuf);
  p->a.xFree(p->aStack);
  p->a.xFree(p);
}

/* Reads more bytes after aBuf[nEnd], first moving the unread part down and
   growing the buffer when it is full. Sets eof at the end. */
static int xml_fill(XmlParser *p) {
  size_t got = 0;
  if (p->eof) return XML_OK;
  if (p->iPos > 0) {
    memmove(p->aBuf, p->aBuf + p->iPos, p->nEnd - p->iPos);
    p->iBase += (long long)p->iPos;
    p->nEnd -= p->iPos;
    p->iPos = 0;
  }
  if (p->nEnd == p->nAlloc) {
    size_t nNew = p->nAlloc * 2;
    char *aNew;
    if (p->nAlloc >= XML_MAX_TOKEN) {
      return xml_err(p, XML_ETOOBIG, "token longer than %d bytes",
                     XML_MAX_TOKEN);
    }
    aNew = p->a.xRealloc(p->aBuf, nNew);
    if (aNew == 0) return XML_ENOMEM;
    p->aBuf = aNew;
    p->nAlloc = nNew;
  }
  if (p->xRead(p->pCtx, p->aBuf + p->nEnd, p->nAlloc - p->nEnd, &got)) {
    snprintf(p->zErr, sizeof(p->zErr), "read failed");
    return XML_ESOURCE;
  }
  if (got == 0) p->eof = 1;
  p->nEnd += got;
  return XML_OK;
}

static int xml_is_err(int rc) {
  return rc >= XML_ENOMEM;
}

/* Makes n bytes available at iPos if the document has them; *pOk says. */
static int xml_need(XmlParser *p, size_t n, int *pOk) {
  while (p->nEnd - p->iPos < n && !p->eof) {
    int rc = xml_fill(p);
    if (xml_is_err(rc)) return rc;
  }
  *pOk = p->nEnd - p->iPos >= n;
  return XML_OK;
}

/* The offset (from iPos) of zPat at or after iFrom; an error when the
   document ends first, naming zWhat. */
static int xml_find(XmlParser *p, size_t iFrom, const char *zPat,
                    const char *zWhat, size_t *piAt) {
  size_t nPat = strlen(zPat), k = iFrom;
  for (;;) {
    size_t nAvail = p->nEnd - p->iPos;
    while (k + nPat <= nAvail) {
      const char *z = memchr(p->aBuf + p->iPos + k, zPat[0], nAvail - k);
      if (z == 0) {
        k = nAvail;
        break;
      }
      k = (size_t)(z - (p->aBuf + p->iPos));
      if (k + nPat > nAvail) break;
      if (memcmp(z, zPat, nPat) == 0) {
        *piAt = k;
        return XML_OK;
      }
      k++;
    }
    if (p->eof) return xml_err(p, XML_ESYNTAX, "unterminated %s", zWhat);
    {
      int rc = xml_fill(p);
      if (xml_is_err(rc)) return rc;
    }
  }
}

/* Appends the UTF-8 form of cp at z; returns its length. */
static int xml_put_utf8(char *z, unsigned cp) {
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

static int xml_char_ok(unsigned cp) {
  return cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) ||
         (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
}

/* XP-2: the entity at z[0..n) (z[0] is '&'); its length and its
   replacement at zOut. Returns the replacement's length, or -1. */
static int xml_entity(XmlParser *p, const char *z, size_t n, size_t *pnIn,
                      char *zOut, int *pRc) {
  size_t k = 1;
  while (k < n && k < 12 && z[k] != ';')
    k++;
  if (k >= n || z[k] != ';') {
    *pRc = xml_err(p, XML_EENTITY, "'&' that starts no entity");
    return -1;
  }
  *pnIn = k + 1;
  if (z[1] == '#') {
    unsigned cp = 0;
    size_t j = 2;
    int hex = j < k && z[j] == 'x';
    if (hex) j++;
    if (j == k) goto bad;
    for (; j < k; j++) {
      char c = z[j];
      unsigned d;
      if (c >= '0' && c <= '9') {
        d = (unsigned)(c - '0');
      } else if (hex && ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')) {
        d = (unsigned)((c | 0x20) - 'a' + 10);
      } else {
        goto bad;
      }
      cp = cp * (hex ? 16 : 10) + d;
      if (cp > 0x10FFFF) goto bad;
    }
    if (!xml_char_ok(cp)) goto bad;
    return xml_put_utf8(zOut, cp);
  }
#define ENT(zN, ch)                                               \
  if (k - 1 == sizeof(zN) - 1 && memcmp(z + 1, zN, k - 1) == 0) { \
    zOut[0] = ch;                                                 \
    return 1;                                                     \
  }
  ENT("amp", '&')
  ENT("lt", '<')
  ENT("gt", '>')
  ENT("quot", '"')
  ENT("apos", '\'')
#undef ENT
bad:
  *pRc = xml_err(p, XML_EENTITY, "unknown entity or bad reference '%.*s'",
                 (int)*pnIn, z);
  return -1;
}

/* The length of the UTF-8 sequence at z[0..n), or 0 when it is invalid. */
static int xml_utf8_len(const unsigned char *z, size_t n) {
  unsigned c = z[0], cp;
  int len, k;
  if (c < 0xC2 || c > 0xF4) return 0;
  len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
  if ((size_t)len > n) return 0;
  cp = c & (0x3F >> (len - 1));
  for (k = 1; k < len; k++) {
    if ((z[k] & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (z[k] & 0x3F);
  }
  if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
      (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF || cp == 0xFFFE ||
      cp == 0xFFFF) {
    return 0;
  }
  return len;
}

/*
** XP-2, XP-3: decodes aBuf[i..i+n) in place (isAttr: an attribute value,
** where '<' is an error and TAB/LF are spaces; raw: CDATA, no entities).
** Returns the decoded length, or -1 with *pRc set.
*/
static int xml_decode(XmlParser *p, size_t i, size_t n, int isAttr, int raw,
                      int *pRc) {
  char *z = p->aBuf + i;
  size_t r = 0, w = 0;
  while (r < n) {
    unsigned char c = (unsigned char)z[r];
    if ((c >= 0x20 && c < 0x80 && c != '&' && c != '<') ||
        ((c == '&' || c == '<') && raw)) {
      z[w++] = (char)c;
      r++;
    } else if (c >= 0x80) {
      int len = xml_utf8_len((const unsigned char *)z + r, n - r);
      if (len == 0) {
        *pRc = xml_err(p, XML_EUTF8, "invalid UTF-8");
        return -1;
      }
      memmove(z + w, z + r, (size_t)len);
      w += (size_t)len;
      r += (size_t)len;
    } else if (c == '&') {
      size_t nIn = 0;
      char aOut[4];
      int k = xml_entity(p, z + r, n - r, &nIn, aOut, pRc);
      if (k < 0) return -1;
      memcpy(z + w, aOut, (size_t)k);
      w += (size_t)k;
      r += nIn;
    } else if (c == '\r') {
      z[w++] = isAttr ? ' ' : '\n';
      r += (r + 1 < n && z[r + 1] == '\n') ? 2 : 1;
    } else if (c == '\t' || c == '\n') {
      z[w++] = isAttr ? ' ' : (char)c;
      r++;
    } else if (c == '<') {
      *pRc = xml_err(p, XML_ESYNTAX, "'<' in an attribute value");
      return -1;
    } else {
      *pRc = xml_err(p, XML_ESYNTAX, "control character 0x%02x", c);
      return -1;
    }
  }
  if (w > 0x7fffffff) w = 0x7fffffff;
  return (int)w;
}

static int xml_is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static int xml_name_end(char c) {
  return xml_is_space(c) || c == '/' || c == '>' || c == '=' || c == 0;
}

/* The offset of the local part of the name at aBuf[i..i+n). */
static size_t xml_local(const char *z, size_t i, size_t n) {
  size_t k, iL = i;
  for (k = i; k < i + n; k++) {
    if (z[k] == ':') iL = k + 1;
  }
  return iL;
}

/* Pushes the name aBuf[i..i+n) on the stack of open elements. */
static int xml_push(XmlParser *p, size_t i, size_t n) {
  if (p->depth >= XML_MAX_DEPTH) {
    return xml_err(p, XML_EDEPTH, "elements nested deeper than %d",
                   XML_MAX_DEPTH);
  }
  if (p->nStack + n + 1 > p->nStackAlloc) {
    size_t nNew = (p->nStack + n + 1) * 2;
    char *aNew = p->a.xRealloc(p->aStack, nNew);
    if (aNew == 0) return XML_ENOMEM;
    p->aStack = aNew;
    p->nStackAlloc = nNew;
  }
  p->aStackOff[p->depth++] = p->nStack;
  memcpy(p->aStack + p->nStack, p->aBuf + i, n);
  p->aStack[p->nStack + n] = 0;
  p->nStack += n + 1;
  return XML_OK;
}

/* Finds the '>' that ends the tag at iPos (quotes respected): *pn is its
   offset from iPos. */
static int xml_tag_end(XmlParser *p, size_t *pn) {
  size_t k = 1;
  char q = 0;
  for (;;) {
    size_t nAvail = p->nEnd - p->iPos;
    const char *z = p->aBuf + p->iPos;
    for (; k < nAvail; k++) {
      char c = z[k];
      if (q) {
        if (c == q) q = 0;
      } else if (c == '"' || c == '\'') {
        q = c;
      } else if (c == '>') {
        *pn = k;
        return XML_OK;
      } else if (c == '<') {
        return xml_err(p, XML_ESYNTAX, "'<' inside a tag");
      }
    }
    if (p->eof) return xml_err(p, XML_ESYNTAX, "unterminated tag");
    {
      int rc = xml_fill(p);
      if (xml_is_err(rc)) return rc;
    }
  }
}

/* Parses the attributes of the start tag aBuf[iPos..iPos+nTag], from k. */
static int xml_attrs(XmlParser *p, size_t k, size_t nTag, int *pEmpty) {
  char *z = p->aBuf + p->iPos;
  int rc = XML_OK;
  for (;;) {
    size_t iN;
    char q;
    XmlAttr *pA;
    while (k < nTag && xml_is_space(z[k]))
      k++;
    if (k == nTag) return XML_OK;
    if (z[k] == '/' && k + 1 == nTag) {
      *pEmpty = 1;
      return XML_OK;
    }
    if (p->nAttr >= XML_MAX_ATTR) {
      return xml_err(p, XML_ETOOBIG, "more than %d attributes", XML_MAX_ATTR);
    }
    iN = k;
    while (k < nTag && !xml_name_end(z[k]) && z[k] != '"' && z[k] != '\'')
      k++;
    if (k == iN) return xml_err(p, XML_ESYNTAX, "bad attribute");
    pA = &p->aAttr[p->nAttr];
    pA->iName = p->iPos + iN;
    pA->iLocal = xml_local(p->aBuf, p->iPos + iN, k - iN);
    {
      size_t iNameEnd = k;
      while (k < nTag && xml_is_space(z[k]))
        k++;
      if (k == nTag || z[k] != '=') {
        return xml_err(p, XML_ESYNTAX, "attribute without '='");
      }
      k++;
      while (k < nTag && xml_is_space(z[k]))
        k++;
      if (k == nTag || (z[k] != '"' && z[k] != '\'')) {
        return xml_err(p, XML_ESYNTAX, "attribute value without quotes");
      }
      z[iNameEnd] = 0;
    }
    q = z[k++];
    {
      size_t iV = k;
      int nV;
      while (k < nTag && z[k] != q)
        k++;
      if (k == nTag) return xml_err(p, XML_ESYNTAX, "unterminated attribute");
      nV = xml_decode(p, p->iPos + iV, k - iV, 1, 0, &rc);
      if (nV < 0) return rc;
      pA->iVal = p->iPos + iV;
      pA->nVal = nV;
      z[iV + (size_t)nV] = 0;
      k++;
      if (k < nTag && !xml_is_space(z[k]) && z[k] != '/') {
        return xml_err(p, XML_ESYNTAX, "no space between attributes");
      }
    }
    p->nAttr++;
  }
}

/* A start tag at iPos. */
static int xml_start_tag(XmlParser *p) {
  size_t nTag = 0, k = 1, iLocal;
  int rc = xml_tag_end(p, &nTag), isEmpty = 0;
  char *z;
  if (xml_is_err(rc)) return rc;
  z = p->aBuf + p->iPos;
  while (k < nTag && !xml_name_end(z[k]))
    k++;
  if (k == 1) return xml_err(p, XML_ESYNTAX, "'<' without a name");
  if (p->depth == 0 && p->seenRoot) {
    return xml_err(p, XML_ESYNTAX, "a second root element");
  }
  iLocal = xml_local(p->aBuf, p->iPos + 1, k - 1);
  p->nAttr = 0;
  rc = xml_attrs(p, k, nTag, &isEmpty);
  if (xml_is_err(rc)) return rc;
  if (isEmpty) {
    p->pendingEnd = 1;
    if (p->depth >= XML_MAX_DEPTH) {
      return xml_err(p, XML_EDEPTH, "elements nested deeper than %d",
                     XML_MAX_DEPTH);
    }
  } else {
    rc = xml_push(p, p->iPos + 1, k - 1);
    if (xml_is_err(rc)) return rc;
  }
  z[k] = 0;
  p->seenRoot = 1;
  p->zName = p->aBuf + iLocal;
  p->curDepth = p->depth + isEmpty;
  p->iPos += nTag + 1;
  return XML_START;
}

/* An end tag at iPos. */
static int xml_end_tag(XmlParser *p) {
  size_t nTag = 0, k = 2, n;
  const char *zTop;
  char *z;
  int rc = xml_find(p, 2, ">", "end tag", &nTag);
  if (xml_is_err(rc)) return rc;
  z = p->aBuf + p->iPos;
  while (k < nTag && !xml_name_end(z[k]))
    k++;
  n = k - 2;
  while (k < nTag && xml_is_space(z[k]))
    k++;
  if (k != nTag || n == 0) return xml_err(p, XML_ESYNTAX, "bad end tag");
  if (p->depth == 0) return xml_err(p, XML_ESYNTAX, "end tag with no start");
  zTop = p->aStack + p->aStackOff[p->depth - 1];
  if (strlen(zTop) != n || memcmp(zTop, z + 2, n) != 0) {
    return xml_err(p, XML_ESYNTAX, "</%.*s> closes <%s>", (int)n, z + 2, zTop);
  }
  p->curDepth = p->depth;
  p->depth--;
  p->nStack = p->aStackOff[p->depth];
  p->zName = zTop + xml_local(zTop, 0, n);
  p->iPos += nTag + 1;
  return XML_END;
}

/* A text run at iPos, up to the next '<' or the end. */
static int xml_text_run(XmlParser *p, int *pSkip) {
  size_t n = 0;
  int rc = XML_START, nText;
  for (;;) {
    const char *z = memchr(p->aBuf + p->iPos + n, '<', p->nEnd - p->iPos - n);
    if (z) {
      n = (size_t)(z - (p->aBuf + p->iPos));
      break;
    }
    n = p->nEnd - p->iPos;
    if (p->eof) break;
    rc = xml_fill(p);
    if (xml_is_err(rc)) return rc;
  }
  nText = xml_decode(p, p->iPos, n, 0, 0, &rc);
  if (nText < 0) return rc;
  p->iText = p->iPos;
  p->nText = nText;
  p->iPos += n;
  *pSkip = 0;
  if (p->depth == 0) {
    int k;
    for (k = 0; k < nText; k++) {
      if (!xml_is_space(p->aBuf[p->iText + (size_t)k])) {
        return xml_err(p, XML_ESYNTAX, "text outside the root element");
      }
    }
    *pSkip = 1;
  }
  return XML_TEXT;
}

/* "<!" and "<?" constructs at iPos; *pSkip when nothing is delivered. */
static int xml_markup(XmlParser *p, int *pSkip) {
  size_t k = 0;
  int ok = 0, rc = xml_need(p, 9, &ok);
  const char *z;
  if (xml_is_err(rc)) return rc;
  z = p->aBuf + p->iPos;
  *pSkip = 1;
  if (z[1] == '?') {
    rc = xml_find(p, 2, "?>", "processing instruction", &k);
    if (xml_is_err(rc)) return rc;
    p->iPos += k + 2;
    return XML_OK;
  }
  if (ok && memcmp(z, "<![CDATA[", 9) == 0) {
    int nText;
    if (p->depth == 0) {
      return xml_err(p, XML_ESYNTAX, "CDATA outside the root element");
    }
    rc = xml_find(p, 9, "]]>", "CDATA section", &k);
    if (xml_is_err(rc)) return rc;
    nText = xml_decode(p, p->iPos + 9, k - 9, 0, 1, &rc);
    if (nText < 0) return rc;
    p->iText = p->iPos + 9;
    p->nText = nText;
    p->iPos += k + 3;
    *pSkip = nText == 0;
    return XML_TEXT;
  }
  if (p->nEnd - p->iPos >= 4 && memcmp(z, "<!--", 4) == 0) {
    rc = xml_find(p, 4, "-->", "comment", &k);
    if (xml_is_err(rc)) return rc;
    p->iPos += k + 3;
    return XML_OK;
  }
  return xml_err(p, XML_EDTD,
                 "DTD or declaration (<!DOCTYPE, <!ENTITY) not allowed");
}

/* XP-3: the byte-order mark, once. */
static int xml_bom(XmlParser *p) {
  int ok = 0, rc = xml_need(p, 3, &ok);
  const unsigned char *z = (const unsigned char *)p->aBuf + p->iPos;
  if (xml_is_err(rc)) return rc;
  p->bomChecked = 1;
  if (ok && z[0] == 0xEF && z[1] == 0xBB && z[2] == 0xBF) {
    p->iPos += 3;
  } else if (p->nEnd - p->iPos >= 2 &&
             ((z[0] == 0xFF && z[1] == 0xFE) ||
              (z[0] == 0xFE && z[1] == 0xFF) || (z[0] == '<' && z[1] == 0) ||
              (z[0] == 0 && z[1] == '<'))) {
    return xml_err(p, XML_ESYNTAX, "UTF-16 XML is not read");
  }
  return XML_OK;
}

int xml_next(XmlParser *p) {
  int rc;
  if (p->pendingEnd) {
    p->pendingEnd = 0;
    p->eTok = XML_END;
    return XML_END;
  }
  if (!p->bomChecked) {
    rc = xml_bom(p);
    if (xml_is_err(rc)) return rc;
  }
  for (;;) {
    int skip = 0, ok = 0;
    rc = xml_need(p, 2, &ok);
    if (xml_is_err(rc)) return rc;
    p->iTok = p->iBase + (long long)p->iPos;
    if (p->iPos == p->nEnd) {
      if (p->depth > 0) {
        return xml_err(p, XML_ESYNTAX, "document ends inside <%s>",
                       p->aStack + p->aStackOff[p->depth - 1]);
      }
      if (!p->seenRoot) return xml_err(p, XML_ESYNTAX, "no root element");
      return XML_DONE;
    }
    if (p->aBuf[p->iPos] != '<') {
      rc = xml_text_run(p, &skip);
    } else if (!ok) {
      return xml_err(p, XML_ESYNTAX, "unterminated tag");
    } else if (p->aBuf[p->iPos + 1] == '/') {
      rc = xml_end_tag(p);
    } else if (p->aBuf[p->iPos + 1] == '!' || p->aBuf[p->iPos + 1] == '?') {
      rc = xml_markup(p, &skip);
    } else {
      rc = xml_start_tag(p);
    }
    if (xml_is_err(rc)) return rc;
    if (!skip) {
      p->eTok = rc;
      if (rc == XML_TEXT) p->curDepth = p->depth;
      return rc;
    }
  }
}

int xml_skip(XmlParser *p) {
  int d = p->curDepth, rc;
  if (p->eTok != XML_START) return XML_END;
  for (;;) {
    rc = xml_next(p);
    if (rc == XML_END && p->curDepth == d) return rc;
    if (rc != XML_START && rc != XML_END && rc != XML_TEXT) return rc;
  }
}

const char *xml_name(const XmlParser *p) {
  return p->zName ? p->zName : "";
}

int xml_is(const XmlParser *p, const char *zName) {
  return p->zName && strcmp(p->zName, zName) == 0;
}

int xml_depth(const XmlParser *p) {
  return p->curDepth;
}

int xml_nattr(const XmlParser *p) {
  return p->eTok == XML_START ? p->nAttr : 0;
}

const char *xml_attr_name(const XmlParser *p, int i) {
  return p->aBuf + p->aAttr[i].iLocal;
}

const char *xml_attr_value(const XmlParser *p, int i, int *pn) {
  if (pn) *pn = p->aAttr[i].nVal;
  return p->aBuf + p->aAttr[i].iVal;
}

const char *xml_attr(const XmlParser *p, const char *zName, int *pn) {
  int i;
  if (p->eTok != XML_START) return 0;
  for (i = 0; i < p->nAttr; i++) {
    if (strcmp(p->aBuf + p->aAttr[i].iLocal, zName) == 0) {
      return xml_attr_value(p, i, pn);
    }
  }
  return 0;
}

const char *xml_text(const XmlParser *p, int *pn) {
  *pn = p->eTok == XML_TEXT ? p->nText : 0;
  return p->aBuf + p->iText;
}

long long xml_offset(const XmlParser *p) {
  return p->iTok;
}

const char *xml_errmsg(const XmlParser *p) {
  return p->zErr[0] ? p->zErr : "no error";
}
