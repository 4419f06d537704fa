/*
** xmlpull.h: a small streaming XML pull parser, enough for the parts of an
** .xlsx workbook (SPEC 6.2). Pure C: no SQLite, the caller's allocator,
** the bytes from the caller's read callback (an inflating ZIP entry).
**
**   XmlParser *p;
**   rc = xml_open(&p, xRead, pCtx, &alloc);
**   while ((rc = xml_next(p)) == XML_START || rc == XML_END ||
**          rc == XML_TEXT) {
**     XML_START: xml_name(p), xml_attr(p, "r", &n), xml_depth(p)
**     XML_TEXT:  xml_text(p, &n)
**   }
**   if (rc != XML_DONE) puts(xml_errmsg(p));
**   xml_close(p);
**
** Requirements (tests cite them as XP-n):
**   XP-1  Elements, attributes (quoted with " or '), character data,
**         CDATA sections, comments and processing instructions (skipped).
**         Names are given without their namespace prefix ("x:row" is
**         "row"); an end tag must match its start tag in full.
**   XP-2  Entities: &amp; &lt; &gt; &quot; &apos; and character references
**         &#NN; &#xNN; of characters XML allows. Any other entity, a DTD
**         (<!DOCTYPE), an entity declaration or an invalid reference is an
**         error: no entity is ever expanded beyond one character.
**   XP-3  Text and attribute values are checked UTF-8 and have their line
**         ends (CRLF, CR) read as LF; in attribute values TAB and LF are
**         spaces, as XML normalises them. A UTF-8 BOM is skipped; a UTF-16
**         document is an error.
**   XP-4  Bounded: nesting deeper than XML_MAX_DEPTH, a tag or text run
**         longer than XML_MAX_TOKEN bytes, more than XML_MAX_ATTR
**         attributes are errors. Memory is the read buffer (grown only for
**         a long token) and the element-name stack.
**   XP-5  A document is one root element: text other than blanks outside
**         it, a second root, an unclosed element at the end or no root at
**         all is an error naming the byte offset.
**   XP-6  Names, attribute values and text point into the read buffer and
**         stay valid until the next xml_next. Names and attribute values
**         are NUL-terminated; text is given by its length.
*/
#ifndef KPI_XMLPULL_H
#define KPI_XMLPULL_H

#include <stddef.h>

/* Events, then status codes. */
#define XML_OK 0    /* xml_open succeeded */
#define XML_START 1 /* a start tag (an empty element gives START then END) */
#define XML_END 2   /* an end tag */
#define XML_TEXT 3  /* character data (possibly one of several pieces) */
#define XML_DONE 4  /* the root element has ended */
#define XML_ENOMEM 5
#define XML_ESOURCE 6 /* the read callback failed: ask its owner why */
#define XML_ESYNTAX 7 /* not well-formed */
#define XML_EDEPTH 8  /* nesting deeper than XML_MAX_DEPTH */
#define XML_EENTITY 9 /* unknown entity or bad character reference */
#define XML_EDTD 10   /* a DTD or entity declaration */
#define XML_ETOOBIG 11
#define XML_EUTF8 12 /* invalid UTF-8 */

#define XML_MAX_DEPTH 256
#define XML_MAX_TOKEN (8 << 20)
#define XML_MAX_ATTR 256

typedef struct XmlAlloc XmlAlloc;
struct XmlAlloc {
  void *(*xRealloc)(void *, size_t);
  void (*xFree)(void *);
};

/* Fills up to n bytes and sets *pnGot (0 at the end); non-zero on error. */
typedef int (*XmlRead)(void *pCtx, char *pBuf, size_t n, size_t *pnGot);

typedef struct XmlParser XmlParser;

int xml_open(XmlParser **pp, XmlRead xRead, void *pCtx, const XmlAlloc *pAlloc);
/* n bytes of memory, not copied: they must outlive the parser. */
int xml_open_mem(XmlParser **pp, const char *z, size_t n,
                 const XmlAlloc *pAlloc);
void xml_close(XmlParser *p);

/* The next event or status. */
int xml_next(XmlParser *p);
/* Skips the children of the element just started, up to its XML_END. */
int xml_skip(XmlParser *p);

/* The local name of the current START or END element. */
const char *xml_name(const XmlParser *p);
/* 1 when the current element's local name is zName. */
int xml_is(const XmlParser *p, const char *zName);
/* Depth of the current element (the root is 1; text: its parent's). */
int xml_depth(const XmlParser *p);
int xml_nattr(const XmlParser *p);
const char *xml_attr_name(const XmlParser *p, int i);
const char *xml_attr_value(const XmlParser *p, int i, int *pn);
/* The value of the attribute with local name zName, or 0. */
const char *xml_attr(const XmlParser *p, const char *zName, int *pn);
const char *xml_text(const XmlParser *p, int *pn);

/* Byte offset of the current (or failing) token in the document. */
long long xml_offset(const XmlParser *p);
/* A lower-case description of the last error. */
const char *xml_errmsg(const XmlParser *p);

#endif /* KPI_XMLPULL_H */
