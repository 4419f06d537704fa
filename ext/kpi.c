/*
** kpi.c: the entry point of the kpi extension.
**
**   .load ./kpi                         (sqlite3 shell)
**   SELECT load_extension('./kpi');     (SQL)
**   kpi_version()                       the VERSION file's text, e.g. '0.1.0'
**
** sqlite3_kpi_init registers each concern file's functions in turn and
** stops at the first failure, returning its code.
*/
#include <stddef.h>

#include "kpi.h"

SQLITE_EXTENSION_INIT1

#ifndef KPI_VERSION
#error "KPI_VERSION must be defined by the build (see the Makefile)"
#endif

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
      csvtab_register,
      bizhours_register,
  };
  /* clang-format on */
  int rc = SQLITE_OK;
  size_t i;
  SQLITE_EXTENSION_INIT2(pApi);
  for (i = 0; rc == SQLITE_OK && i < sizeof(axRegister) / sizeof(axRegister[0]);
       i++) {
    rc = axRegister[i](db);
  }
  if (rc != SQLITE_OK && pzErrMsg) {
    *pzErrMsg = sqlite3_mprintf("kpi: cannot register functions: %s",
                                sqlite3_errstr(rc));
  }
  return rc;
}
