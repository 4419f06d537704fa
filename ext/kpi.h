/*
** kpi.h: what the concern files of the kpi extension share.
**
** - The registration table (KpiFunc) and its walker, so that every file
**   registers its SQL functions the same way and checks every return code.
** - The value layer of SPEC section 1: how an argument becomes a number, a
**   count, a flag or NULL, and the one error helper whose messages name the
**   function, the argument and the value.
** - A compensated sum (KpiSum) that adds and removes (for window xInverse)
**   without drifting: integers are summed exactly in 64 bits, reals with
**   Neumaier's compensation.
*/
#ifndef KPI_H
#define KPI_H

#include <stdarg.h>
#include <stddef.h>
#include "sqlite3ext.h"
SQLITE_EXTENSION_INIT3

/* Flags for KpiFunc.eFlags. */
#define KPI_PURE (SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS)

/*
** One row of a registration table (walked by kpi.c). sqlite3_user_data()
** of every function is a pointer to its own row, so kpi_func_name() and
** kpi_func_opt() work in any callback. A row with xFunc is a scalar; a row
** with xStep is an aggregate, registered as a window function when
** xInverse is set. A row with nUser > 0 gets, per connection, user data of
** nUser zeroed bytes that start with a copy of the row (so the user data
** is still "its row"); when the connection drops the function, xUserFree
** (may be 0) frees what the block holds, then the block is freed. Rows
** that need neither leave the two last slots out.
*/
typedef struct KpiFunc KpiFunc;
struct KpiFunc {
  const char *zName;
  int nArg;
  int eFlags;
  int iOpt; /* a per-row option the implementation reads */
  void (*xFunc)(sqlite3_context *, int, sqlite3_value **);
  void (*xStep)(sqlite3_context *, int, sqlite3_value **);
  void (*xFinal)(sqlite3_context *);
  void (*xValue)(sqlite3_context *);
  void (*xInverse)(sqlite3_context *, int, sqlite3_value **);
  size_t nUser;              /* bytes of per-connection user data, or 0 */
  void (*xUserFree)(void *); /* frees what the user data holds */
};

/*
** Registers the nFunc rows of aFunc, stopping at the first failure, whose
** function name sqlite3_kpi_init then reports.
*/
int kpi_register_funcs(sqlite3 *db, const KpiFunc *aFunc, int nFunc);
/* sqlite3_create_module, with the module's name reported on failure. */
int kpi_register_module(sqlite3 *db, const char *zName,
                        const sqlite3_module *pModule);
const char *kpi_func_name(sqlite3_context *ctx);
int kpi_func_opt(sqlite3_context *ctx);

/*
** kpi_error(ctx, "cannot parse number '%s' in argument %d", z, i) sets
** "NAME: cannot parse number 'x' in argument 1" where NAME is the calling
** function's name. The format is sqlite3_mprintf's.
*/
void kpi_error(sqlite3_context *ctx, const char *zFmt, ...);

/* Results of the kpi_arg_* readers. */
#define KPI_ARG_NULL 0 /* NULL or blank text: skip the row */
#define KPI_ARG_OK 1   /* a value was read */
#define KPI_ARG_ERR 2  /* an error was set on ctx: return at once */

/* A number read from an argument, exact when it is an integer. */
typedef struct KpiNum KpiNum;
struct KpiNum {
  double r;        /* the value as a double, always set */
  sqlite3_int64 i; /* the value when isInt */
  int isInt;       /* 1 when the value is an integer that fits i */
};

/*
** Read argv[iArg] (0-based; messages say iArg+1) as a finite number.
** Integers and reals pass, numeric text ('250', ' 2.5 ', '1e3') is parsed,
** blank text is NULL; other text, BLOBs and infinities are errors.
*/
int kpi_arg_num(sqlite3_context *ctx, sqlite3_value **argv, int iArg,
                KpiNum *p);
/* As kpi_arg_num, and a negative value is an error ("negative count"). */
int kpi_arg_count(sqlite3_context *ctx, sqlite3_value **argv, int iArg,
                  KpiNum *p);
/* Read argv[iArg] as a flag: *pFlag is 1 (true) or 0 (false). */
int kpi_arg_flag(sqlite3_context *ctx, sqlite3_value **argv, int iArg,
                 int *pFlag);

/*
** Parse text as a number the way kpi_arg_num does: optional blanks, sign,
** digits with an optional fraction, optional exponent, blanks. Returns 1
** and sets *p on success, 0 when it is not a number. n < 0 means strlen.
*/
int kpi_parse_num(const char *z, int n, KpiNum *p);
/* Parse a flag word (SPEC 1, Flags). Returns 1 and sets *pFlag, or 0. */
int kpi_parse_flag(const char *z, int n, int *pFlag);
/*
** The index in azWord[0..nWord) of text z, trimmed and folded to lower
** case (ASCII, and the Latin-1 capitals of UTF-8: "RÉSOLU" is "résolu"),
** or -1. n < 0 means strlen. The words must be lower case.
*/
int kpi_match_word(const char *z, int n, const char *const *azWord, int nWord);
/* 1 for the blanks that make text empty: space, tab, CR, LF, FF, VT. */
int kpi_is_blank(unsigned char c);
/*
** A copy of text for an error message, cut at 60 bytes on a UTF-8
** boundary and ending in "..." when cut (V-7). n < 0 means strlen.
** sqlite3_free it; NULL when memory runs out.
*/
char *kpi_quote(const char *z, int n);
/*
** For an argument v of type TEXT: KPI_ARG_NULL when it is blank, else
** KPI_ARG_OK with its text in *pz and length in *pn (KPI_ARG_ERR when
** memory runs out).
*/
int kpi_arg_text(sqlite3_context *ctx, sqlite3_value *v, const char **pz,
                 int *pn);
/*
** Sets "NAME: zWhat 'z' in argument N" + zTail (may be 0), with z quoted
** by kpi_quote: "ctr: cannot parse number 'abc' in argument 1".
*/
void kpi_error_text(sqlite3_context *ctx, const char *zWhat, const char *z,
                    int iArg, const char *zTail);
/* The words kpi_parse_flag accepts, for error messages. */
extern const char kpi_flag_words[];

/*
** Compensated sum. Add and remove the same values in any order and the
** result is what a fresh sum of the remaining values would give (exactly
** for integers while the total fits 64 bits).
*/
typedef struct KpiSum KpiSum;
struct KpiSum {
  sqlite3_int64 iSum; /* exact sum of the integer inputs */
  double rSum;        /* Neumaier sum of the real inputs ... */
  double rErr;        /* ... and its running compensation */
};
void kpi_sum_add(KpiSum *p, const KpiNum *v);
void kpi_sum_sub(KpiSum *p, const KpiNum *v);
void kpi_sum_addr(KpiSum *p, double r);
double kpi_sum_value(const KpiSum *p);

/*
** A mean that adds and removes rows (frt_mean, aht,
** engagement_rate_per_follower): a compensated sum and the row count.
*/
typedef struct KpiMean KpiMean;
struct KpiMean {
  KpiSum sum;
  sqlite3_int64 n;
};
/* Adds (sign 1) or removes (sign -1) the value r. */
void kpi_mean_update(KpiMean *p, double r, int sign);
/* Sets the mean as ctx's result; NULL when no row is left. */
void kpi_mean_result(sqlite3_context *ctx, const KpiMean *p);

/*
** The C locale's number text, whatever the process's locale: %.15g when
** that reads back as the same double (0.95, not 0.94999999999999996),
** else %.17g, which always does. zBuf holds at least 32 bytes.
*/
void kpi_format_double(char *zBuf, size_t nBuf, double r);

/*
** ext/timefmt.c: read argv[iArg] as a timestamp (SPEC 1, Timestamps) in
** unix seconds. Blank text is NULL; a value that is not a timestamp is an
** error "cannot parse timestamp '31/02/2025' in argument 2".
*/
int kpi_arg_ts(sqlite3_context *ctx, sqlite3_value **argv, int iArg,
               double *pSec);

/* One entry point per concern file, called by sqlite3_kpi_init. */
int ratio_register(sqlite3 *db);
int timefmt_register(sqlite3 *db);
int quantile_register(sqlite3 *db);
int stats_register(sqlite3 *db);
int csvtab_register(sqlite3 *db);
int csvsniff_register(sqlite3 *db);
int xlsxtab_register(sqlite3 *db);
int xlsxsheets_register(sqlite3 *db);
int bizhours_register(sqlite3 *db);
int sentiment_register(sqlite3 *db);
int trend_register(sqlite3 *db);
int spike_register(sqlite3 *db);
int handle_register(sqlite3 *db);

#endif /* KPI_H */
