/*
** ostree.c: the order-statistic treap of ostree.h.
**
** Insert and remove are recursive (expected depth about 1.4 log2 k, so the
** recursion is shallow) and rotate on the way back up. Sizes are fixed on
** the way back up too, only once the value has been found or placed, so a
** failed remove leaves every count as it was.
*/
#include <string.h>

#include "ostree.h"

SQLITE_EXTENSION_INIT3

#define OSTREE_MAX_VALUES 0x7fffffffu
#define OSTREE_FIRST_ALLOC 64

void ostree_clear(OsTree *t) {
  sqlite3_free(t->a);
  memset(t, 0, sizeof(*t));
}

/* xorshift32: cheap, and good enough to shape a treap. */
static unsigned int ostree_rand(OsTree *t) {
  unsigned int x = t->nRng ? t->nRng : 0x9E3779B9u;
  x ^= x << 13;
  x ^= x >> 17;
  x ^= x << 5;
  t->nRng = x;
  return x;
}

/* Makes sure one node can be taken without allocating. */
static int ostree_reserve(OsTree *t) {
  OsNode *aNew;
  sqlite3_int64 nNew;
  if (t->iFree || t->nUsed < t->nAlloc) return SQLITE_OK;
  nNew = t->nAlloc ? 2 * (sqlite3_int64)t->nAlloc : OSTREE_FIRST_ALLOC;
  if (nNew > (sqlite3_int64)OSTREE_MAX_VALUES) {
    nNew = (sqlite3_int64)OSTREE_MAX_VALUES;
  }
  if (nNew <= t->nAlloc) return SQLITE_TOOBIG;
  aNew = sqlite3_realloc64(t->a, (sqlite3_uint64)nNew * sizeof(OsNode));
  if (aNew == 0) return SQLITE_NOMEM;
  if (t->a == 0) {
    memset(&aNew[0], 0, sizeof(aNew[0])); /* the sentinel */
    t->nUsed = 1;
  }
  t->a = aNew;
  t->nAlloc = (int)nNew;
  return SQLITE_OK;
}

static int ostree_take(OsTree *t, double v) {
  int i;
  OsNode *p;
  if (t->iFree) {
    i = t->iFree;
    t->iFree = t->a[i].iLeft;
  } else {
    i = t->nUsed++;
  }
  p = &t->a[i];
  p->v = v;
  p->nSize = 1;
  p->nCopy = 1;
  p->pri = ostree_rand(t);
  p->iLeft = 0;
  p->iRight = 0;
  return i;
}

static void ostree_give_back(OsTree *t, int i) {
  t->a[i].iLeft = t->iFree;
  t->iFree = i;
}

static void ostree_fix_size(OsNode *a, int i) {
  a[i].nSize = a[a[i].iLeft].nSize + a[a[i].iRight].nSize + a[i].nCopy;
}

/* Lifts the left child of i above it; returns the new subtree root. */
static int ostree_rotate_right(OsNode *a, int i) {
  int l = a[i].iLeft;
  a[i].iLeft = a[l].iRight;
  a[l].iRight = i;
  a[l].nSize = a[i].nSize;
  ostree_fix_size(a, i);
  return l;
}

static int ostree_rotate_left(OsNode *a, int i) {
  int r = a[i].iRight;
  a[i].iRight = a[r].iLeft;
  a[r].iLeft = i;
  a[r].nSize = a[i].nSize;
  ostree_fix_size(a, i);
  return r;
}

/* Inserts v below i (a node is reserved); returns the new subtree root. */
static int ostree_insert_at(OsTree *t, int i, double v) {
  OsNode *a = t->a;
  if (i == 0) return ostree_take(t, v);
  a[i].nSize++;
  if (v < a[i].v) {
    int c = ostree_insert_at(t, a[i].iLeft, v);
    a[i].iLeft = c;
    if (a[c].pri > a[i].pri) i = ostree_rotate_right(a, i);
  } else if (v > a[i].v) {
    int c = ostree_insert_at(t, a[i].iRight, v);
    a[i].iRight = c;
    if (a[c].pri > a[i].pri) i = ostree_rotate_left(a, i);
  } else {
    a[i].nCopy++;
  }
  return i;
}

int ostree_insert(OsTree *t, double v) {
  int rc;
  if (ostree_count(t) >= OSTREE_MAX_VALUES) return SQLITE_TOOBIG;
  rc = ostree_reserve(t);
  if (rc != SQLITE_OK) return rc;
  t->iRoot = ostree_insert_at(t, t->iRoot, v);
  return SQLITE_OK;
}

/* Joins two treaps, every value of l below every value of r. */
static int ostree_merge(OsNode *a, int l, int r) {
  if (l == 0) return r;
  if (r == 0) return l;
  if (a[l].pri > a[r].pri) {
    a[l].nSize += a[r].nSize;
    a[l].iRight = ostree_merge(a, a[l].iRight, r);
    return l;
  }
  a[r].nSize += a[l].nSize;
  a[r].iLeft = ostree_merge(a, l, a[r].iLeft);
  return r;
}

/* Removes one copy of v below i; *pFound says whether it was there. */
static int ostree_remove_at(OsTree *t, int i, double v, int *pFound) {
  OsNode *a = t->a;
  if (i == 0) return 0;
  if (v < a[i].v) {
    a[i].iLeft = ostree_remove_at(t, a[i].iLeft, v, pFound);
  } else if (v > a[i].v) {
    a[i].iRight = ostree_remove_at(t, a[i].iRight, v, pFound);
  } else {
    *pFound = 1;
    if (a[i].nCopy > 1) {
      a[i].nCopy--;
      a[i].nSize--;
      return i;
    } else {
      int m = ostree_merge(a, a[i].iLeft, a[i].iRight);
      ostree_give_back(t, i);
      return m;
    }
  }
  if (*pFound) a[i].nSize--;
  return i;
}

int ostree_remove(OsTree *t, double v) {
  int bFound = 0;
  if (t->a == 0) return 0;
  t->iRoot = ostree_remove_at(t, t->iRoot, v, &bFound);
  return bFound;
}

double ostree_select(const OsTree *t, unsigned int k) {
  const OsNode *a = t->a;
  int i = t->iRoot;
  for (;;) {
    unsigned int nLeft = a[a[i].iLeft].nSize;
    if (k < nLeft) {
      i = a[i].iLeft;
    } else if (k - nLeft < a[i].nCopy) {
      return a[i].v;
    } else {
      k -= nLeft + a[i].nCopy;
      i = a[i].iRight;
    }
  }
}
