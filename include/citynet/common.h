/* libcitynet - export macro, error domain, dates and shared enums. */
#ifndef CITYNET_COMMON_H
#define CITYNET_COMMON_H

#if !defined(CITYNET_INSIDE) && !defined(CITYNET_COMPILATION)
#error "Only <citynet/citynet.h> can be included directly."
#endif

#include <glib.h>

G_BEGIN_DECLS

/*
 * CITYNET_API marks every exported symbol. The library is built with
 * -fvisibility=hidden, so anything without this mark stays private.
 */
#if defined(_WIN32)
#  if defined(CITYNET_COMPILATION)
#    define CITYNET_API __declspec(dllexport) extern
#  else
#    define CITYNET_API __declspec(dllimport) extern
#  endif
#elif defined(__GNUC__)
#  define CITYNET_API __attribute__((visibility("default"))) extern
#else
#  define CITYNET_API extern
#endif

/**
 * citynet_version:
 *
 * Returns: (transfer none): the version of the library at run time, e.g.
 * "0.1.0"; compare with CITYNET_VERSION_STRING to detect a mismatch between
 * headers and library. The string is static; do not free it.
 */
CITYNET_API const char *citynet_version(void);

/* ------------------------------------------------------------------------ */
/* Errors                                                                   */
/* ------------------------------------------------------------------------ */

/**
 * CITYNET_ERROR:
 * The GError domain of every error libcitynet reports.
 */
#define CITYNET_ERROR (citynet_error_quark())

/**
 * CitynetErrorCode:
 * @CITYNET_ERROR_FAILED: an unexpected failure (a bug if you see it).
 * @CITYNET_ERROR_IO: a file or directory could not be read or written.
 * @CITYNET_ERROR_DATA: an input file is malformed or holds an invalid value;
 *   the error carries the file, line and column (citynet_error_get_file()).
 * @CITYNET_ERROR_INVALID_ARGUMENT: a caller passed an invalid value (a bad
 *   date string, a weight <= 0, an unknown layer in a view, ...).
 * @CITYNET_ERROR_NOT_FOUND: an unknown node, country or group was named.
 * @CITYNET_ERROR_AMBIGUOUS: a name matches several nodes; the message lists
 *   the candidates.
 * @CITYNET_ERROR_COMPUTATION: the underlying graph routine failed.
 * @CITYNET_ERROR_CANCELLED: the progress handler asked to stop
 *   (citynet_set_progress_handler()).
 */
typedef enum {
  CITYNET_ERROR_FAILED,
  CITYNET_ERROR_IO,
  CITYNET_ERROR_DATA,
  CITYNET_ERROR_INVALID_ARGUMENT,
  CITYNET_ERROR_NOT_FOUND,
  CITYNET_ERROR_AMBIGUOUS,
  CITYNET_ERROR_COMPUTATION,
  CITYNET_ERROR_CANCELLED
} CitynetErrorCode;

/** citynet_error_quark: Returns: the quark of the CITYNET_ERROR domain. */
CITYNET_API GQuark citynet_error_quark(void);

/**
 * citynet_error_get_file:
 * @error: a GError in the CITYNET_ERROR domain.
 *
 * Returns: (transfer none) (nullable): the path of the input file the error
 * is about, or NULL when the error has no location. Borrowed from @error.
 */
CITYNET_API const char *citynet_error_get_file(const GError *error);

/**
 * citynet_error_get_line:
 * Returns: the 1-based line of the error's location, 0 when unknown.
 */
CITYNET_API guint citynet_error_get_line(const GError *error);

/**
 * citynet_error_get_column:
 * Returns: the 1-based column (CSV field number) of the error's location,
 * 0 when unknown or when the error concerns a whole line or file.
 */
CITYNET_API guint citynet_error_get_column(const GError *error);

/**
 * citynet_error_get_count:
 * Returns: how many problems the failed operation found in total (the error
 * itself describes the first); 1 for a single problem, 0 for errors that are
 * not about input data.
 */
CITYNET_API guint citynet_error_get_count(const GError *error);

/* ------------------------------------------------------------------------ */
/* Progress                                                                 */
/* ------------------------------------------------------------------------ */

/**
 * CitynetProgressFunc:
 * @fraction: how much of the operation is done, from 0 to 1.
 * @what: (transfer none): what is being done, e.g. "betweenness" or
 *   "permutations"; a static string.
 * @user_data: the data given to citynet_set_progress_handler().
 *
 * Called by long computations every so often (docs/using-from-c.md lists
 * them and their @what labels): the permutation tests and bootstrap
 * intervals (E-I index, alignment and period comparison, brokerage),
 * betweenness and the other path-based measures (igraph's own reports,
 * bloc betweenness included), bundle loading (by the bytes of ties.csv
 * read) and imports. A computation reports 0 when it starts, then
 * non-decreasing fractions, then 1 when it ends; one with several phases
 * (an E-I ego test then a network test) reports each under its own @what.
 *
 * It is called only from the thread that called the computation, never
 * from the worker threads of a permutation test (their progress is
 * gathered by the calling thread); two computations running in two
 * threads at once may call it from both at the same time. It must be
 * quick and must not call back into libcitynet.
 *
 * Returns: TRUE to go on; FALSE to cancel the computation, which then
 * stops soon (at its next report; the workers of a permutation test at
 * their next chunk), frees what it made and fails with
 * CITYNET_ERROR_CANCELLED, returning no partial result. A cancelled
 * citynet_bundle_validate() lists a problem saying so instead.
 */
typedef gboolean (*CitynetProgressFunc)(double fraction, const char *what,
                                        gpointer user_data);

/**
 * citynet_set_progress_handler:
 * @func: (nullable): the handler, or NULL for none (the default).
 * @user_data: passed to @func.
 *
 * Sets the process-wide progress handler; thread-safe. A computation
 * already running keeps reporting to the handler it started with or to
 * the new one, whichever it reads next.
 */
CITYNET_API void citynet_set_progress_handler(CitynetProgressFunc func,
                                              gpointer user_data);

/* ------------------------------------------------------------------------ */
/* Dates                                                                    */
/* ------------------------------------------------------------------------ */

/**
 * CitynetDate:
 * A calendar date of year, month or day precision, packed as the integer
 * YYYYMMDD where an unknown month or day is 00: 2019 is 20190000, 2023-01 is
 * 20230100 and 2022-12-05 is 20221205. 0 (CITYNET_DATE_OPEN) means "no date".
 * The packed integers of full dates sort chronologically.
 */
typedef guint32 CitynetDate;

/** CITYNET_DATE_OPEN: the absent date (an open start or end). */
#define CITYNET_DATE_OPEN ((CitynetDate) 0)

/** CITYNET_DATE_STRING_SIZE: a buffer size that fits any formatted date. */
#define CITYNET_DATE_STRING_SIZE 11

/**
 * citynet_date_parse:
 * @text: "YYYY", "YYYY-MM" or "YYYY-MM-DD" (years 1-9999, a real calendar
 *   day; no spaces); "" or NULL yields CITYNET_DATE_OPEN.
 * @out: (out): the parsed date.
 * @error: CITYNET_ERROR_INVALID_ARGUMENT when @text is not such a date.
 *
 * Returns: TRUE on success.
 */
CITYNET_API gboolean citynet_date_parse(const char *text, CitynetDate *out,
                                        GError **error);

/**
 * citynet_date_format:
 * @date: a date.
 * @buffer: at least CITYNET_DATE_STRING_SIZE bytes.
 *
 * Writes @date in its own precision ("2019", "2023-01", "2022-12-05"), or ""
 * for CITYNET_DATE_OPEN.
 *
 * Returns: (transfer none): @buffer.
 */
CITYNET_API char *citynet_date_format(CitynetDate date, char *buffer);

/**
 * citynet_date_first_day:
 * Returns: the first full day @date covers (2019 -> 2019-01-01), or
 * CITYNET_DATE_OPEN for an open date.
 */
CITYNET_API CitynetDate citynet_date_first_day(CitynetDate date);

/**
 * citynet_date_last_day:
 * Returns: the last full day @date covers (2020-02 -> 2020-02-29), or
 * CITYNET_DATE_OPEN for an open date.
 */
CITYNET_API CitynetDate citynet_date_last_day(CitynetDate date);

G_END_DECLS

#endif /* CITYNET_COMMON_H */
