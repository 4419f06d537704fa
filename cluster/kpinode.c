/*
** kpinode.c: one dqlite node whose every SQLite connection has kpi loaded.
**
**   kpinode --id N --address HOST:PORT --dir DIR [--kpi PATH]
**           [--latency-ms MS]
**
** CL-1  The node loads kpi from PATH (default ./kpi.so) with dlopen and
**       registers its entry point sqlite3_kpi_init with
**       sqlite3_auto_extension before dqlite_node_start, so every
**       connection the node opens (one per client, per database) has the
**       kpi functions and the kpi_csv module. It then opens a connection of
**       its own and runs SELECT kpi_version(): a node whose connections
**       would lack kpi refuses to start (exit 3) rather than serve a
**       cluster in which a query's meaning depends on the node it reaches.
** CL-2  The node is created with id N (a positive integer, the same at
**       every restart), advertises and binds HOST:PORT and keeps its Raft
**       log and snapshots in DIR, which must exist. dqlite's rule decides
**       membership: the node with id 1 bootstraps a one-voter cluster the
**       first time DIR is empty; any other node starts outside the cluster
**       and waits until a client adds it (cluster/kpicluster.go's `add`,
**       go-dqlite's Client.Add). A node restarted on its DIR rejoins with
**       the membership and data it had.
** CL-3  SIGPIPE is ignored: a peer that dies mid-write (kill -9 of the
**       leader) makes writes to its socket fail with EPIPE, which dqlite
**       handles, instead of killing this process.
** CL-4  Once dqlite_node_start returns, the node prints one line
**       "kpinode: ready id=N address=HOST:PORT" on standard output (and
**       flushes it); it then serves until SIGTERM or SIGINT, stops the node
**       (dqlite_node_stop), prints "kpinode: stopped" and exits 0.
** CL-5  Every failure is reported on standard error as one line
**       "kpinode: <what failed>: <reason>", with dqlite's own message where
**       it gives one, and the exit code says which step failed:
**         0  stopped by SIGTERM or SIGINT after a clean start
**         1  dqlite failed (create, bind, start or stop)
**         2  usage: unknown flag, missing or malformed value, DIR missing
**         3  kpi could not be loaded or does not register
** CL-6  --latency-ms (default 20, which suits loopback) sets dqlite's
**       assumed one-way latency, from which Raft's heartbeat and election
**       timeouts follow; a smaller value makes failover quicker.
** CL-7  Every connection also gets an authorizer that denies the two
**       pragmas that abort a dqlite 1.11 node (its VFS answers them with a
**       static error string that SQLite then frees: "free(): invalid
**       pointer"): PRAGMA journal_mode with a value other than WAL, and
**       PRAGMA page_size with a value other than 4096, the page size dqlite
**       1.11 gives every database. The client sees "not authorized".
**       Reading either pragma, and setting the values dqlite uses, stay
**       allowed (dqlite sets both itself on each connection it opens).
*/
#include <dlfcn.h>
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <dqlite.h>
#include <sqlite3.h>

typedef int (*KpiInit)(sqlite3 *, char **, const void *);

typedef struct NodeArgs {
  unsigned long long id;
  const char *zAddress;
  const char *zDir;
  const char *zKpi;
  unsigned latencyMs;
} NodeArgs;

static int node_usage(const char *zWhy, const char *zArg) {
  fprintf(stderr, "kpinode: %s '%s'\n", zWhy, zArg ? zArg : "");
  fprintf(stderr,
          "usage: kpinode --id N --address HOST:PORT --dir DIR"
          " [--kpi PATH] [--latency-ms MS]\n");
  return 2;
}

/* Parses a positive decimal integer no larger than max; 0 on failure. */
static unsigned long long node_number(const char *z, unsigned long long max) {
  char *zEnd = 0;
  unsigned long long v;
  if (z == 0 || z[0] < '0' || z[0] > '9') return 0;
  errno = 0;
  v = strtoull(z, &zEnd, 10);
  if (errno != 0 || *zEnd != 0 || v > max) return 0;
  return v;
}

static int node_parse(int argc, char **argv, NodeArgs *p) {
  int i;
  struct stat st;
  p->id = 0;
  p->zAddress = 0;
  p->zDir = 0;
  p->zKpi = "./kpi.so";
  p->latencyMs = 20;
  for (i = 1; i < argc; i += 2) {
    const char *zFlag = argv[i];
    const char *zVal = i + 1 < argc ? argv[i + 1] : 0;
    if (zVal == 0) return node_usage("missing value after", zFlag);
    if (strcmp(zFlag, "--id") == 0) {
      p->id = node_number(zVal, 0xffffffffffffffffULL);
      if (p->id == 0) return node_usage("--id needs a positive integer:", zVal);
    } else if (strcmp(zFlag, "--address") == 0) {
      if (strchr(zVal, ':') == 0) {
        return node_usage("--address needs HOST:PORT:", zVal);
      }
      p->zAddress = zVal;
    } else if (strcmp(zFlag, "--dir") == 0) {
      p->zDir = zVal;
    } else if (strcmp(zFlag, "--kpi") == 0) {
      p->zKpi = zVal;
    } else if (strcmp(zFlag, "--latency-ms") == 0) {
      p->latencyMs = (unsigned)node_number(zVal, 3600000);
      if (p->latencyMs == 0) {
        return node_usage("--latency-ms needs 1..3600000:", zVal);
      }
    } else {
      return node_usage("unknown flag", zFlag);
    }
  }
  if (p->id == 0) return node_usage("missing flag", "--id");
  if (p->zAddress == 0) return node_usage("missing flag", "--address");
  if (p->zDir == 0) return node_usage("missing flag", "--dir");
  if (stat(p->zDir, &st) != 0 || !S_ISDIR(st.st_mode)) {
    return node_usage("--dir is not a directory:", p->zDir);
  }
  return 0;
}

/* CL-7 */
static int node_authorize(void *pArg, int op, const char *z3, const char *z4,
                          const char *zDb, const char *zTrigger) {
  if (op != SQLITE_PRAGMA || z3 == 0 || z4 == 0) return SQLITE_OK;
  if (sqlite3_stricmp(z3, "journal_mode") == 0 &&
      sqlite3_stricmp(z4, "wal") != 0) {
    return SQLITE_DENY;
  }
  if (sqlite3_stricmp(z3, "page_size") == 0 && atoi(z4) != 4096) {
    return SQLITE_DENY;
  }
  return SQLITE_OK;
}

static int node_guard(sqlite3 *db, char **pzErrMsg, const void *pApi) {
  return sqlite3_set_authorizer(db, node_authorize, 0);
}

/* CL-1: registers kpi for every future connection, then proves it on one. */
static int node_load_kpi(const char *zKpi) {
  void *pLib;
  KpiInit xInit;
  sqlite3 *db = 0;
  char *zErr = 0;
  int rc;
  pLib = dlopen(zKpi, RTLD_NOW | RTLD_LOCAL);
  if (pLib == 0) {
    fprintf(stderr, "kpinode: cannot load kpi: %s\n", dlerror());
    return 3;
  }
  /* POSIX allows this cast from dlsym's object pointer. */
  *(void **)(&xInit) = dlsym(pLib, "sqlite3_kpi_init");
  if (xInit == 0) {
    fprintf(stderr, "kpinode: %s has no sqlite3_kpi_init: %s\n", zKpi,
            dlerror());
    return 3;
  }
  rc = sqlite3_auto_extension((void (*)(void))xInit);
  if (rc == SQLITE_OK) rc = sqlite3_auto_extension((void (*)(void))node_guard);
  if (rc != SQLITE_OK) {
    fprintf(stderr, "kpinode: sqlite3_auto_extension: %s\n",
            sqlite3_errstr(rc));
    return 3;
  }
  rc = sqlite3_open(":memory:", &db);
  if (rc == SQLITE_OK) {
    rc = sqlite3_exec(db, "SELECT kpi_version()", 0, 0, &zErr);
  }
  if (rc == SQLITE_OK &&
      sqlite3_exec(db, "PRAGMA journal_mode=DELETE", 0, 0, 0) != SQLITE_AUTH) {
    fprintf(stderr, "kpinode: the journal_mode guard does not hold\n");
    sqlite3_close(db);
    return 3;
  }
  if (rc != SQLITE_OK) {
    fprintf(stderr, "kpinode: kpi does not register: %s\n",
            zErr ? zErr : (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc)));
    sqlite3_free(zErr);
    sqlite3_close(db);
    return 3;
  }
  sqlite3_close(db);
  return 0;
}

static int node_fail(dqlite_node *pNode, const char *zWhat, int rc) {
  const char *zMsg = pNode ? dqlite_node_errmsg(pNode) : 0;
  fprintf(stderr, "kpinode: %s: %s (dqlite code %d)\n", zWhat,
          zMsg && zMsg[0] ? zMsg : "no message", rc);
  return 1;
}

/* CL-4: blocks SIGTERM and SIGINT in every thread, then waits for one. */
static int node_block_signals(sigset_t *pSet) {
  int rc;
  sigemptyset(pSet);
  sigaddset(pSet, SIGTERM);
  sigaddset(pSet, SIGINT);
  rc = pthread_sigmask(SIG_BLOCK, pSet, 0);
  if (rc != 0) {
    fprintf(stderr, "kpinode: pthread_sigmask: %s\n", strerror(rc));
    return 1;
  }
  return 0;
}

static int node_run(const NodeArgs *p, const sigset_t *pSet) {
  dqlite_node *pNode = 0;
  int rc;
  int sig = 0;
  rc = dqlite_node_create(p->id, p->zAddress, p->zDir, &pNode);
  if (rc != 0) return node_fail(pNode, "dqlite_node_create", rc);
  rc = dqlite_node_set_bind_address(pNode, p->zAddress);
  if (rc != 0) {
    node_fail(pNode, "bind address", rc);
    dqlite_node_destroy(pNode);
    return 1;
  }
  rc = dqlite_node_set_network_latency_ms(pNode, p->latencyMs);
  if (rc == 0) rc = dqlite_node_start(pNode);
  if (rc != 0) {
    node_fail(pNode, "dqlite_node_start", rc);
    dqlite_node_destroy(pNode);
    return 1;
  }
  printf("kpinode: ready id=%llu address=%s\n", p->id, p->zAddress);
  fflush(stdout);
  rc = sigwait(pSet, &sig);
  if (rc != 0) fprintf(stderr, "kpinode: sigwait: %s\n", strerror(rc));
  rc = dqlite_node_stop(pNode);
  if (rc != 0) {
    node_fail(pNode, "dqlite_node_stop", rc);
    dqlite_node_destroy(pNode);
    return 1;
  }
  dqlite_node_destroy(pNode);
  printf("kpinode: stopped\n");
  return 0;
}

int main(int argc, char **argv) {
  NodeArgs args;
  sigset_t set;
  int rc;
  rc = node_parse(argc, argv, &args);
  if (rc != 0) return rc;
  /* CL-3 */
  if (signal(SIGPIPE, SIG_IGN) == SIG_ERR) {
    fprintf(stderr, "kpinode: cannot ignore SIGPIPE: %s\n", strerror(errno));
    return 1;
  }
  rc = node_load_kpi(args.zKpi);
  if (rc != 0) return rc;
  /* Before dqlite starts its thread, so that it inherits the mask. */
  if (node_block_signals(&set) != 0) return 1;
  return node_run(&args, &set);
}
