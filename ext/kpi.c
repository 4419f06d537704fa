/*
** kpi.c: the entry point of the kpi extension.
**
**   .load ./kpi                         (sqlite3 shell)
**   SELECT load_extension('./kpi');     (SQL)
**   kpi_version()                       the VERSION file's text, e.g. '0.1.0'
**
** sqlite3_kpi_init registers each concern file's functions in turn and
** stops at the first failure, returning its code with a message that
** names the function: "kpi: cannot register business_seconds: out of
** memory". The registration walker (kpi_register_funcs) is here, beside
** the list of files it serves.
*/
#include <stddef.h>
#include <string.h>

#include "kpi.h"

SQLITE_EXTENSION_INIT1

#ifndef KPI_VERSION
#error "KPI_VERSION must be defined by the build (see the Makefile)"
#endif

/* The name of the function or module whose registration failed. */
static _Thread_local const char *zKpiFailed;

/* The destructor of a row's per-connection user data (KpiFunc.nUser). */
static void kpi_user_free(void *p) {
  const KpiFunc *pRow = (const KpiFunc *)p;
  if (pRow->xUserFree) pRow->xUserFree(p);
  sqlite3_free(p);
}

/* Registers one row; on failure SQLite has called xDestroy itself. */
static int kpi_register_one(sqlite3 *db, const KpiFunc *p) {
  void *pApp = (void *)p;
  void (*xDestroy)(void *) = 0;
  if (p->nUser > 0) {
    pApp = sqlite3_malloc64(p->nUser);
    if (pApp == 0) return SQLITE_NOMEM;
    memset(pApp, 0, p->nUser);
    memcpy(pApp, p, sizeof(*p));
    xDestroy = kpi_user_free;
  }
  if (p->xFunc) {
    return sqlite3_create_function_v2(db, p->zName, p->nArg, p->eFlags, pApp,
                                      p->xFunc, 0, 0, xDestroy);
  }
  if (p->xInverse) {
    return sqlite3_create_window_function(db, p->zName, p->nArg, p->eFlags,
                                          pApp, p->xStep, p->xFinal, p->xValue,
                                          p->xInverse, xDestroy);
  }
  return sqlite3_create_function_v2(db, p->zName, p->nArg, p->eFlags, pApp, 0,
                                    p->xStep, p->xFinal, xDestroy);
}

int kpi_register_funcs(sqlite3 *db, const KpiFunc *aFunc, int nFunc) {
  int i;
  for (i = 0; i < nFunc; i++) {
    int rc = kpi_register_one(db, &aFunc[i]);
    if (rc != SQLITE_OK) {
      zKpiFailed = aFunc[i].zName;
      return rc;
    }
  }
  return SQLITE_OK;
}

int kpi_register_module(sqlite3 *db, const char *zName,
                        const sqlite3_module *pModule) {
  int rc = sqlite3_create_module(db, zName, pModule, 0);
  if (rc != SQLITE_OK) zKpiFailed = zName;
  return rc;
}

const char *kpi_func_name(sqlite3_context *ctx) {
  const KpiFunc *p = (const KpiFunc *)sqlite3_user_data(ctx);
  return p ? p->zName : "kpi";
}

int kpi_func_opt(sqlite3_context *ctx) {
  const KpiFunc *p = (const KpiFunc *)sqlite3_user_data(ctx);
  return p ? p->iOpt : 0;
}

static void kpiVersionFunc(sqlite3_context *ctx, int argc,
                           sqlite3_value **argv) {
  (void)argc;
  (void)argv;
  sqlite3_result_text(ctx, KPI_VERSION, -1, SQLITE_STATIC);
}

static const KpiFunc aKpiFunc[] = {
    {"kpi_version", 0, KPI_PURE, 0, kpiVersionFunc, 0, 0, 0, 0},
};

static int kpi_register(sqlite3 *db) {
  return kpi_register_funcs(db, aKpiFunc, 1);
}

#ifdef _WIN32
__declspec(dllexport)
#endif
    int sqlite3_kpi_init(sqlite3 *db, char **pzErrMsg,
                         const sqlite3_api_routines *pApi) {
  /* One concern file per line, so that adding one touches one line.
  ** bizhours_register stays last: it leaves a destructor that lives in
  ** this library, and when a later registration failed SQLite would
  ** unload the library and then call that destructor at close. */
  /* clang-format off */
  static int (*const axRegister[])(sqlite3 *) = {
      kpi_register,
      ratio_register,
      timefmt_register,
      quantile_register,
      stats_register,
      sentiment_register,
      trend_register,
      spike_register,
      handle_register,
      csvtab_register,
      csvsniff_register,
      xlsxtab_register,
      xlsxsheets_register,
      bizhours_register,
  };
  /* clang-format on */
  int rc = SQLITE_OK;
  size_t i;
  SQLITE_EXTENSION_INIT2(pApi);
  zKpiFailed = 0;
  for (i = 0; rc == SQLITE_OK && i < sizeof(axRegister) / sizeof(axRegister[0]);
       i++) {
    rc = axRegister[i](db);
  }
  if (rc != SQLITE_OK && pzErrMsg) {
    *pzErrMsg = sqlite3_mprintf("kpi: cannot register %s: %s",
                                zKpiFailed ? zKpiFailed : "functions",
                                sqlite3_errstr(rc));
  }
  return rc;
}
