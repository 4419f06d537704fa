/*
** ostree.h: an order-statistic multiset of doubles, for sliding-window
** quantiles (ext/quantile.c).
**
** A counted B+tree. Leaves hold up to OS_LEAF_MAX sorted values; an inner
** node holds up to OS_FAN children and, for each, how many values its
** subtree holds and the exact largest of them. "The k-th smallest" is one
** descent by counts; insert and remove are one descent by the maxima, which
** splits full nodes and refills thin ones on the way down (so no change
** ever travels back up, except counts and maxima along the path). Every
** operation is O(log k) for k values held, and touches a few 512-byte
** nodes rather than a long chain of small ones, which is what makes it fast
** once the frame outgrows the CPU caches.
**
** Equal values may sit in several leaves; remove takes the first copy in
** order, so it always finds one if there is one.
**
** Nodes live in one array and refer to each other by index, so the tree
** grows by doubling that array and never allocates per value; freed nodes
** are reused. The values must not be NaN (the value layer never lets one
** through).
*/
#ifndef OSTREE_H
#define OSTREE_H

#include "sqlite3ext.h"

#define OS_LEAF_MAX 64 /* values in a leaf */
#define OS_FAN 32      /* children of an inner node */

typedef struct OsNode OsNode;
struct OsNode {
  int n;     /* values (leaf) or children (inner node) */
  int bLeaf; /* 1 for a leaf */
  union {
    double aVal[OS_LEAF_MAX]; /* a leaf's values, sorted */
    struct {
      double aMax[OS_FAN];       /* largest value under each child */
      unsigned int aCnt[OS_FAN]; /* values under each child */
      int aChild[OS_FAN];        /* the children, by index */
    } in;
  } u;
};

typedef struct OsTree OsTree;
struct OsTree {
  OsNode *a;         /* node pool; a[0] is never used */
  int nAlloc;        /* slots allocated in a[] */
  int nUsed;         /* slots ever handed out, a[0] included */
  int iFree;         /* first free node (chained through n), 0: none */
  int nFree;         /* nodes on the free list */
  int iRoot;         /* root node, 0 when empty */
  int nHeight;       /* levels, leaves included; 0 when empty */
  unsigned int nVal; /* values held */
};

/* An all-zero OsTree is a valid empty tree; so is one after ostree_clear. */
void ostree_clear(OsTree *t);

/* Values held, copies included. */
#define ostree_count(t) ((t)->nVal)

/*
** Adds one copy of v. Returns SQLITE_OK, SQLITE_NOMEM when the node pool
** cannot grow, or SQLITE_TOOBIG when the tree already holds 2^31 values.
** The tree is unchanged on failure.
*/
int ostree_insert(OsTree *t, double v);

/* Removes one copy of v. Returns 1, or 0 (same values held) if v is absent. */
int ostree_remove(OsTree *t, double v);

/*
** The k-th smallest value, 0-based, and the (k+1)-th in *pNext when pNext
** is not NULL. k (and k+1 when asked) must be below ostree_count(t).
*/
double ostree_select(const OsTree *t, unsigned int k, double *pNext);

/*
** The sum over the values held of |v - m|, visiting every node once: O(k)
** (spike.c's fallback scale when the median absolute deviation is 0).
*/
double ostree_sum_absdev(const OsTree *t, double m);

#endif /* OSTREE_H */
