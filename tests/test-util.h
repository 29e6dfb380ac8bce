/* Shared helpers for the cmocka suites. */
#ifndef CITYNET_TEST_UTIL_H
#define CITYNET_TEST_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "citynet-private.h"

/* A fresh temporary directory (g_free the path; remove with
 * test_rmtree()). */
char *test_mkdtemp(void);
/* Removes a directory tree created by the tests. */
void test_rmtree(const char *path);
/* Writes @contents to @dir/@name, failing the test on error. */
void test_write_file(const char *dir, const char *name, const char *contents);
/* Reads a whole file (g_free), failing the test on error. */
char *test_read_file(const char *path);
/* The repository root (CITYNET_SOURCE_ROOT) or the build-time fallback. */
const char *test_source_root(void);
/* ../shared/data or NULL when absent (the caller skips with a message). */
const char *test_shared_data(void);

/* Asserts that @error is set, in CITYNET_ERROR with @code, and that its
 * message contains @needle; then clears it. */
#define assert_citynet_error(error, want_code, needle)                           \
  do {                                                                      \
    assert_non_null(error);                                                 \
    if (!g_error_matches((error), CITYNET_ERROR, (want_code)) ||                 \
        strstr((error)->message, (needle)) == NULL)                         \
      fail_msg("unexpected error (code %d): %s [wanted code %d, \"%s\"]",   \
               (error)->code, (error)->message, (int) (want_code), (needle));    \
    g_clear_error(&(error));                                                \
  } while (0)

#define assert_no_error(error)                                              \
  do {                                                                      \
    if ((error) != NULL)                                                    \
      fail_msg("unexpected error: %s", (error)->message);                   \
  } while (0)

#define assert_double_close(a, b, tol)                                      \
  do {                                                                      \
    double _a = (a), _b = (b);                                              \
    if (!(fabs(_a - _b) <= (tol) * (1.0 + fabs(_b))))                       \
      fail_msg("%s = %.17g, expected %.17g (tol %g)", #a, _a, _b,           \
               (double) (tol));                                             \
  } while (0)

#endif
