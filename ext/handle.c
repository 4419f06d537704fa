/*
** handle.c: the account a post or a tweet is addressed to.
**
**   kpi_handle(text)   the @handle the text opens with, without the '@'
**
** A customer's tweet to a brand opens with the brand's handle ("@Delta my
** bag ..."); sql/import/twcs.sql takes it as the team of a tweet nobody
** answered. A scalar of ours because the SQL form (ltrim() with the
** 63-character set of handle characters, inside a subquery) cost more than
** the rest of that import's reading (issue 14).
**
** Requirements (tests cite them as HD-n):
**   HD-1 Text whose first character is '@' gives the run of handle
**        characters (ASCII letters, digits, '_') that follows it, at most
**        15 (X's longest handle): '@AppleSupport thanks' -> 'AppleSupport'.
**        Case is kept; accounts are matched in any case by the imports.
**   HD-2 Text that does not open with '@' (a leading space included), or
**        whose '@' is not followed by a handle character, gives NULL: most
**        posts name nobody, which is not an error.
**   HD-3 NULL gives NULL; a number is read as its text (so NULL); a BLOB
**        is "kpi_handle: cannot use a BLOB in argument 1".
*/
#include "kpi.h"

#define HANDLE_MAX 15

static int handle_char(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= '0' && c <= '9') || c == '_';
}

static void handleFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  const unsigned char *z;
  int n, k;
  (void)argc;
  switch (sqlite3_value_type(argv[0])) {
    case SQLITE_NULL:
      return;
    case SQLITE_BLOB:
      kpi_error(ctx, "cannot use a BLOB in argument 1");
      return;
    default:
      break;
  }
  z = sqlite3_value_text(argv[0]);
  if (z == 0) {
    sqlite3_result_error_nomem(ctx);
    return;
  }
  n = sqlite3_value_bytes(argv[0]);
  if (n < 2 || z[0] != '@') return;
  for (k = 1; k < n && k <= HANDLE_MAX && handle_char(z[k]); k++) {
  }
  if (k > 1)
    sqlite3_result_text(ctx, (const char *)z + 1, k - 1, SQLITE_TRANSIENT);
}

static const KpiFunc aHandleFunc[] = {
    {"kpi_handle", 1, KPI_PURE, 0, handleFunc, 0, 0, 0, 0},
};

int handle_register(sqlite3 *db) {
  return kpi_register_funcs(
      db, aHandleFunc, (int)(sizeof(aHandleFunc) / sizeof(aHandleFunc[0])));
}
