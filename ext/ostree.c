/*
** ostree.c: the counted B+tree of ostree.h.
**
** Invariants, for every inner node P and child i:
**   P.aCnt[i] is the number of values under child i;
**   P.aMax[i] is the largest of them, exactly;
**   every value under child i is <= every value under child i+1;
**   a node other than the root holds more than OS_*_MIN entries after any
**   operation completes, and at most OS_LEAF_MAX / OS_FAN.
** Insert goes down to the first child whose max is > v (the last child if
** none), so copies of v go after the copies already held. Remove goes down
** to the first child whose max is >= v, where the first copy of v is.
*/
#include <math.h>
#include <string.h>

#include "ostree.h"

SQLITE_EXTENSION_INIT3

#define OS_LEAF_MIN (OS_LEAF_MAX / 4)
#define OS_FAN_MIN (OS_FAN / 4)
#define OS_MAX_VALUES 0x7fffffffu
#define OS_FIRST_ALLOC 16
#define OS_PATH_MAX 40 /* far above the height of 2^31 values */

void ostree_clear(OsTree *t) {
  sqlite3_free(t->a);
  memset(t, 0, sizeof(*t));
}

/* Makes sure nNeed nodes can be taken without allocating. */
static int os_reserve(OsTree *t, int nNeed) {
  OsNode *aNew;
  sqlite3_int64 nNew;
  if (t->nFree + (t->nAlloc - t->nUsed) >= nNeed) return SQLITE_OK;
  nNew = t->nAlloc ? 2 * (sqlite3_int64)t->nAlloc : OS_FIRST_ALLOC;
  while (nNew - t->nUsed + t->nFree < nNeed)
    nNew *= 2;
  if (nNew > 0x7fffffff) return SQLITE_TOOBIG;
  aNew = sqlite3_realloc64(t->a, (sqlite3_uint64)nNew * sizeof(OsNode));
  if (aNew == 0) return SQLITE_NOMEM;
  if (t->a == 0) t->nUsed = 1; /* a[0] stays unused: 0 means "none" */
  t->a = aNew;
  t->nAlloc = (int)nNew;
  return SQLITE_OK;
}

static int os_new_node(OsTree *t, int bLeaf) {
  int i;
  if (t->iFree) {
    i = t->iFree;
    t->iFree = t->a[i].n;
    t->nFree--;
  } else {
    i = t->nUsed++;
  }
  t->a[i].n = 0;
  t->a[i].bLeaf = bLeaf;
  return i;
}

static void os_free_node(OsTree *t, int i) {
  t->a[i].n = t->iFree;
  t->iFree = i;
  t->nFree++;
}

static int os_is_full(const OsNode *p) {
  return p->n >= (p->bLeaf ? OS_LEAF_MAX : OS_FAN);
}

static int os_is_thin(const OsNode *p) {
  return p->n <= (p->bLeaf ? OS_LEAF_MIN : OS_FAN_MIN);
}

static double os_node_max(const OsNode *p) {
  return p->bLeaf ? p->u.aVal[p->n - 1] : p->u.in.aMax[p->n - 1];
}

/* Opens slot i in inner node p (entries i.. move one to the right). */
static void os_open_slot(OsNode *p, int i) {
  int m = p->n - i;
  memmove(&p->u.in.aMax[i + 1], &p->u.in.aMax[i], m * sizeof(double));
  memmove(&p->u.in.aCnt[i + 1], &p->u.in.aCnt[i], m * sizeof(unsigned int));
  memmove(&p->u.in.aChild[i + 1], &p->u.in.aChild[i], m * sizeof(int));
  p->n++;
}

/* Closes slot i in inner node p (entries i+1.. move one to the left). */
static void os_close_slot(OsNode *p, int i) {
  int m = p->n - i - 1;
  memmove(&p->u.in.aMax[i], &p->u.in.aMax[i + 1], m * sizeof(double));
  memmove(&p->u.in.aCnt[i], &p->u.in.aCnt[i + 1], m * sizeof(unsigned int));
  memmove(&p->u.in.aChild[i], &p->u.in.aChild[i + 1], m * sizeof(int));
  p->n--;
}

/* Splits the full child i of inner node iP in two halves (a node must be
** reserved). */
static void os_split(OsTree *t, int iP, int i) {
  int iC = t->a[iP].u.in.aChild[i];
  int iD = os_new_node(t, t->a[iC].bLeaf);
  OsNode *p = &t->a[iP], *c = &t->a[iC], *d = &t->a[iD];
  int h = c->n / 2, m = c->n - h, j;
  unsigned int nD = 0;
  if (c->bLeaf) {
    memcpy(d->u.aVal, &c->u.aVal[h], m * sizeof(double));
    nD = (unsigned int)m;
  } else {
    memcpy(d->u.in.aMax, &c->u.in.aMax[h], m * sizeof(double));
    memcpy(d->u.in.aCnt, &c->u.in.aCnt[h], m * sizeof(unsigned int));
    memcpy(d->u.in.aChild, &c->u.in.aChild[h], m * sizeof(int));
    for (j = 0; j < m; j++)
      nD += d->u.in.aCnt[j];
  }
  d->n = m;
  c->n = h;
  os_open_slot(p, i + 1);
  p->u.in.aChild[i + 1] = iD;
  p->u.in.aCnt[i + 1] = nD;
  p->u.in.aMax[i + 1] = p->u.in.aMax[i];
  p->u.in.aCnt[i] -= nD;
  p->u.in.aMax[i] = os_node_max(c);
}

int ostree_insert(OsTree *t, double v) {
  OsNode *p;
  int x, i, n, rc;
  if (t->nVal >= OS_MAX_VALUES) return SQLITE_TOOBIG;
  rc = os_reserve(t, t->nHeight + 2);
  if (rc != SQLITE_OK) return rc;
  if (t->iRoot == 0) {
    t->iRoot = os_new_node(t, 1);
    t->nHeight = 1;
  } else if (os_is_full(&t->a[t->iRoot])) {
    int iR = os_new_node(t, 0);
    p = &t->a[iR];
    p->n = 1;
    p->u.in.aChild[0] = t->iRoot;
    p->u.in.aCnt[0] = t->nVal;
    p->u.in.aMax[0] = os_node_max(&t->a[t->iRoot]);
    os_split(t, iR, 0);
    t->iRoot = iR;
    t->nHeight++;
  }
  x = t->iRoot;
  while (!t->a[x].bLeaf) {
    p = &t->a[x];
    n = p->n;
    for (i = 0; i < n - 1 && !(p->u.in.aMax[i] > v); i++) {
    }
    if (os_is_full(&t->a[p->u.in.aChild[i]])) {
      os_split(t, x, i);
      if (!(p->u.in.aMax[i] > v)) i++;
    }
    p->u.in.aCnt[i]++;
    if (v > p->u.in.aMax[i]) p->u.in.aMax[i] = v;
    x = p->u.in.aChild[i];
  }
  p = &t->a[x];
  for (i = p->n; i > 0 && p->u.aVal[i - 1] > v; i--) {
  }
  memmove(&p->u.aVal[i + 1], &p->u.aVal[i], (p->n - i) * sizeof(double));
  p->u.aVal[i] = v;
  p->n++;
  t->nVal++;
  return SQLITE_OK;
}

/* Moves child i+1 of inner node p into child i and frees it. */
static void os_merge(OsTree *t, OsNode *p, int i) {
  OsNode *l = &t->a[p->u.in.aChild[i]];
  int iR = p->u.in.aChild[i + 1];
  OsNode *r = &t->a[iR];
  if (l->bLeaf) {
    memcpy(&l->u.aVal[l->n], r->u.aVal, r->n * sizeof(double));
  } else {
    memcpy(&l->u.in.aMax[l->n], r->u.in.aMax, r->n * sizeof(double));
    memcpy(&l->u.in.aCnt[l->n], r->u.in.aCnt, r->n * sizeof(unsigned int));
    memcpy(&l->u.in.aChild[l->n], r->u.in.aChild, r->n * sizeof(int));
  }
  l->n += r->n;
  p->u.in.aCnt[i] += p->u.in.aCnt[i + 1];
  p->u.in.aMax[i] = p->u.in.aMax[i + 1];
  os_close_slot(p, i + 1);
  os_free_node(t, iR);
}

/* Moves the last entry of child i-1 to the front of child i. */
static void os_borrow_left(OsTree *t, OsNode *p, int i) {
  OsNode *l = &t->a[p->u.in.aChild[i - 1]];
  OsNode *c = &t->a[p->u.in.aChild[i]];
  unsigned int m;
  if (c->bLeaf) {
    memmove(&c->u.aVal[1], c->u.aVal, c->n * sizeof(double));
    c->u.aVal[0] = l->u.aVal[l->n - 1];
    c->n++;
    m = 1;
  } else {
    int k = l->n - 1;
    os_open_slot(c, 0);
    c->u.in.aMax[0] = l->u.in.aMax[k];
    c->u.in.aCnt[0] = l->u.in.aCnt[k];
    c->u.in.aChild[0] = l->u.in.aChild[k];
    m = l->u.in.aCnt[k];
  }
  l->n--;
  p->u.in.aCnt[i - 1] -= m;
  p->u.in.aCnt[i] += m;
  p->u.in.aMax[i - 1] = os_node_max(l);
}

/* Moves the first entry of child i+1 to the end of child i. */
static void os_borrow_right(OsTree *t, OsNode *p, int i) {
  OsNode *c = &t->a[p->u.in.aChild[i]];
  OsNode *r = &t->a[p->u.in.aChild[i + 1]];
  unsigned int m;
  if (c->bLeaf) {
    c->u.aVal[c->n++] = r->u.aVal[0];
    memmove(r->u.aVal, &r->u.aVal[1], (r->n - 1) * sizeof(double));
    r->n--;
    m = 1;
  } else {
    int k = c->n;
    c->u.in.aMax[k] = r->u.in.aMax[0];
    c->u.in.aCnt[k] = r->u.in.aCnt[0];
    c->u.in.aChild[k] = r->u.in.aChild[0];
    c->n++;
    m = r->u.in.aCnt[0];
    os_close_slot(r, 0);
  }
  p->u.in.aCnt[i] += m;
  p->u.in.aCnt[i + 1] -= m;
  p->u.in.aMax[i] = os_node_max(c);
}

/* Gives the thin child i of p more than the minimum; returns where the
** values of child i now are (i, or i-1 after merging into the left). */
static int os_refill(OsTree *t, OsNode *p, int i) {
  if (i > 0 && !os_is_thin(&t->a[p->u.in.aChild[i - 1]])) {
    os_borrow_left(t, p, i);
  } else if (i < p->n - 1 && !os_is_thin(&t->a[p->u.in.aChild[i + 1]])) {
    os_borrow_right(t, p, i);
  } else if (i > 0) {
    os_merge(t, p, i - 1);
    i--;
  } else if (i < p->n - 1) {
    os_merge(t, p, i);
  }
  return i;
}

/* The root loses a level when merges leave it one child, and goes when
** the last value does. */
static void os_shrink_root(OsTree *t) {
  while (!t->a[t->iRoot].bLeaf && t->a[t->iRoot].n == 1) {
    int iOld = t->iRoot;
    t->iRoot = t->a[iOld].u.in.aChild[0];
    os_free_node(t, iOld);
    t->nHeight--;
  }
  if (t->nVal == 0) {
    os_free_node(t, t->iRoot);
    t->iRoot = 0;
    t->nHeight = 0;
  }
}

int ostree_remove(OsTree *t, double v) {
  int aPath[OS_PATH_MAX], aSlot[OS_PATH_MAX];
  int nPath = 0, x, i, n;
  OsNode *p;
  if (t->nVal == 0) return 0;
  x = t->iRoot;
  while (!t->a[x].bLeaf) {
    p = &t->a[x];
    n = p->n;
    for (i = 0; i < n && p->u.in.aMax[i] < v; i++) {
    }
    if (i == n) return 0;
    if (os_is_thin(&t->a[p->u.in.aChild[i]])) i = os_refill(t, p, i);
    aPath[nPath] = x;
    aSlot[nPath++] = i;
    x = p->u.in.aChild[i];
  }
  p = &t->a[x];
  n = p->n;
  for (i = 0; i < n && p->u.aVal[i] < v; i++) {
  }
  if (i == n || p->u.aVal[i] != v) {
    /* Refills on the way down moved values, but counts and maxima are
    ** exact: nothing to undo. */
    os_shrink_root(t);
    return 0;
  }
  memmove(&p->u.aVal[i], &p->u.aVal[i + 1], (n - i - 1) * sizeof(double));
  p->n--;
  while (nPath > 0) {
    OsNode *q = &t->a[aPath[--nPath]];
    int j = aSlot[nPath];
    q->u.in.aCnt[j]--;
    q->u.in.aMax[j] = os_node_max(&t->a[q->u.in.aChild[j]]);
  }
  t->nVal--;
  os_shrink_root(t);
  return 1;
}

double ostree_select(const OsTree *t, unsigned int k, double *pNext) {
  const OsNode *p = &t->a[t->iRoot];
  unsigned int kAll = k;
  while (!p->bLeaf) {
    int i = 0;
    while (k >= p->u.in.aCnt[i])
      k -= p->u.in.aCnt[i++];
    p = &t->a[p->u.in.aChild[i]];
  }
  if (pNext) {
    /* The next rank is in the same leaf but once a leaf. */
    *pNext =
        (int)k + 1 < p->n ? p->u.aVal[k + 1] : ostree_select(t, kAll + 1, 0);
  }
  return p->u.aVal[k];
}

/* The sum of |v - m| under node i. */
static double os_absdev(const OsTree *t, int i, double m) {
  const OsNode *p = &t->a[i];
  double s = 0.0;
  int j;
  for (j = 0; j < p->n; j++) {
    s += p->bLeaf ? fabs(p->u.aVal[j] - m) : os_absdev(t, p->u.in.aChild[j], m);
  }
  return s;
}

double ostree_sum_absdev(const OsTree *t, double m) {
  return t->iRoot ? os_absdev(t, t->iRoot, m) : 0.0;
}
