/*
** ostree.h: an order-statistic multiset of doubles, for sliding-window
** quantiles (ext/quantile.c).
**
** A treap (a binary search tree whose nodes also carry random priorities
** kept in heap order, which keeps its expected depth logarithmic) whose
** nodes count the values in their subtree, so that "the k-th smallest" is
** one descent. Equal values share a node with a copy count. Insert, remove
** and select are O(log k) expected for k values held.
**
** Nodes live in one array and refer to each other by index, so the tree
** grows by doubling that array and never allocates per value; removed
** nodes go on a free list and are reused. Index 0 is an empty sentinel
** (size 0), which spares the NULL checks in the hot loops.
**
** The values must not be NaN (the value layer never lets one through).
*/
#ifndef OSTREE_H
#define OSTREE_H

#include "sqlite3ext.h"

typedef struct OsNode OsNode;
struct OsNode {
  double v;           /* the value this node holds */
  unsigned int nSize; /* values in this subtree, copies included */
  unsigned int nCopy; /* copies of v held by this node */
  unsigned int pri;   /* treap priority: a parent's is >= its children's */
  int iLeft, iRight;  /* children (smaller, larger); 0 when none */
};

typedef struct OsTree OsTree;
struct OsTree {
  OsNode *a;         /* a[0] is the sentinel; nodes are a[1..nUsed-1] */
  int nAlloc;        /* slots allocated in a[] */
  int nUsed;         /* slots ever handed out, sentinel included */
  int iFree;         /* first free node (chained through iLeft), 0: none */
  int iRoot;         /* root node, 0 when empty */
  unsigned int nRng; /* xorshift state for priorities */
};

/* An all-zero OsTree is a valid empty tree; so is one after ostree_clear. */
void ostree_clear(OsTree *t);

/* Values held, copies included. */
#define ostree_count(t) ((t)->a ? (t)->a[(t)->iRoot].nSize : 0u)

/*
** Adds one copy of v. Returns SQLITE_OK, SQLITE_NOMEM when the node array
** cannot grow, or SQLITE_TOOBIG when the tree already holds 2^31 values.
** The tree is unchanged on failure.
*/
int ostree_insert(OsTree *t, double v);

/* Removes one copy of v. Returns 1, or 0 (tree unchanged) if v is absent. */
int ostree_remove(OsTree *t, double v);

/* The k-th smallest value, 0-based; k must be below ostree_count(t). */
double ostree_select(const OsTree *t, unsigned int k);

#endif /* OSTREE_H */
