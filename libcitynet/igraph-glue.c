/* libcitynet - the one door to igraph.
 *
 * Debian's igraph is built with IGRAPH_THREAD_SAFE 0: the error and warning
 * handlers, the FINALLY stack and the default RNG are process globals, and
 * the default error handler aborts. Every igraph call of the library
 * therefore runs between citynet_igraph_enter() and citynet_igraph_leave(),
 * which hold one process-wide recursive lock and install handlers that
 * record the failure and return, so that citynet_igraph_check() can turn it
 * into a GError. The host application's own handlers are put back on leave,
 * so a program that uses igraph directly next to us keeps its behaviour.
 */
#include <string.h>

#include "citynet-private.h"
#include "view-private.h"
#include "progress-private.h"

/* Recursive so that library code already inside igraph (an analytics module
 * asking a view for its graph) can enter again. Static storage needs no
 * initialisation. */
static GRecMutex igraph_lock;

/* Everything below is only touched with igraph_lock held. */
static guint enter_depth;
static igraph_error_handler_t *host_error_handler;
static igraph_warning_handler_t *host_warning_handler;
static igraph_progress_handler_t *host_progress_handler;

/* igraph's own progress reports (betweenness, closeness, ...) go to the
 * libcitynet progress handler; a cancel there interrupts igraph. */
static igraph_error_t
citynet_igraph_progress_handler(const char *message, igraph_real_t percent,
                                void *data)
{
  return citynet_progress_report(message, percent / 100.0) ? IGRAPH_SUCCESS
                                                           : IGRAPH_INTERRUPTED;
}

/* The last failure reported by igraph: fixed buffers so that recording
 * never allocates inside igraph's error path and nothing can leak. */
static struct {
  gboolean set;
  char reason[512];
  char file[256];
  int line;
  igraph_error_t igraph_errno;
} last_error;

static struct {
  gboolean set;
  char reason[512];
} last_warning;

/* Our error handler: remember why, unwind igraph's temporary allocations
 * (the FINALLY stack) as igraph requires of any returning handler, and
 * return so the failing function returns its error code. */
static void
citynet_igraph_error_handler(const char *reason, const char *file, int line,
                             igraph_error_t igraph_errno)
{
  /* Keep the first failure: igraph may report again while unwinding, and
   * the innermost reason is the informative one. */
  if (!last_error.set) {
    last_error.set = TRUE;
    g_strlcpy(last_error.reason, reason != NULL ? reason : "",
              sizeof last_error.reason);
    g_strlcpy(last_error.file, file != NULL ? file : "",
              sizeof last_error.file);
    last_error.line = line;
    last_error.igraph_errno = igraph_errno;
  }
  IGRAPH_FINALLY_FREE();
}

/* Warnings never reach the terminal: library code does not print. The
 * last one is kept for callers that want to surface it. */
static void
citynet_igraph_warning_handler(const char *reason, const char *file, int line)
{
  last_warning.set = TRUE;
  g_strlcpy(last_warning.reason, reason != NULL ? reason : "",
            sizeof last_warning.reason);
}

static void
citynet_igraph_clear_state(void)
{
  memset(&last_error, 0, sizeof last_error);
  memset(&last_warning, 0, sizeof last_warning);
}

void
citynet_igraph_enter(void)
{
  g_rec_mutex_lock(&igraph_lock);
  /* Only the outermost enter saves the host's handlers: a nested enter
   * would otherwise save our own handlers and "restore" them on the final
   * leave, losing the host's for good. */
  if (enter_depth++ == 0) {
    host_error_handler = igraph_set_error_handler(citynet_igraph_error_handler);
    host_warning_handler =
      igraph_set_warning_handler(citynet_igraph_warning_handler);
    host_progress_handler =
      igraph_set_progress_handler(citynet_igraph_progress_handler);
    citynet_igraph_clear_state();
  }
}

void
citynet_igraph_leave(void)
{
  g_return_if_fail(enter_depth > 0);
  if (--enter_depth == 0) {
    /* A NULL previous handler means "igraph's default"; passing NULL back
     * reinstates exactly that. */
    igraph_set_error_handler(host_error_handler);
    igraph_set_warning_handler(host_warning_handler);
    igraph_set_progress_handler(host_progress_handler);
    host_progress_handler = NULL;
    host_error_handler = NULL;
    host_warning_handler = NULL;
  }
  g_rec_mutex_unlock(&igraph_lock);
}

gboolean
citynet_igraph_check(int code, const char *what, GError **error)
{
  if (code == IGRAPH_SUCCESS)
    return TRUE;

  if (code == IGRAPH_INTERRUPTED) {
    /* Our progress bridge asked igraph to stop. */
    citynet_progress_set_cancelled(error, what);
    memset(&last_error, 0, sizeof last_error);
    return FALSE;
  }
  const char *description = igraph_strerror((igraph_error_t) code);
  if (last_error.set && last_error.reason[0] != '\0')
    g_set_error(error, CITYNET_ERROR, CITYNET_ERROR_COMPUTATION,
                "%s: igraph %s (%s)", what, last_error.reason, description);
  else
    g_set_error(error, CITYNET_ERROR, CITYNET_ERROR_COMPUTATION,
                "%s: igraph failed (%s)", what, description);
  /* A reported error is consumed: the next failure must not inherit it. */
  memset(&last_error, 0, sizeof last_error);
  return FALSE;
}

const char *
citynet_igraph_last_warning(void)
{
  return last_warning.set ? last_warning.reason : NULL;
}

/* ------------------------------------------------------------------------ */
/* Seeded randomness                                                        */
/* ------------------------------------------------------------------------ */

gboolean
citynet_igraph_rng_push(CitynetIgraphRng *rng, guint64 seed, GError **error)
{
  memset(rng, 0, sizeof *rng);
  citynet_igraph_enter();
  if (!citynet_igraph_check(igraph_rng_init(&rng->rng, &igraph_rngtype_mt19937),
                            "initialising the random number generator",
                            error)) {
    citynet_igraph_leave();
    return FALSE;
  }
  if (!citynet_igraph_check(igraph_rng_seed(&rng->rng, (igraph_uint_t) seed),
                            "seeding the random number generator", error)) {
    igraph_rng_destroy(&rng->rng);
    citynet_igraph_leave();
    return FALSE;
  }
  rng->previous = *igraph_rng_default();
  igraph_rng_set_default(&rng->rng);
  rng->active = TRUE;
  /* The lock stays held until citynet_igraph_rng_pop(): the default RNG is
   * global, so no other thread may draw from ours (or swap it) meanwhile. */
  return TRUE;
}

void
citynet_igraph_rng_pop(CitynetIgraphRng *rng)
{
  g_return_if_fail(rng != NULL && rng->active);
  igraph_rng_set_default(&rng->previous);
  igraph_rng_destroy(&rng->rng);
  rng->active = FALSE;
  citynet_igraph_leave();
}

gboolean
citynet_igraph_run_seeded(guint64 seed, CitynetIgraphFunc func,
                          gpointer user_data, GError **error)
{
  CitynetIgraphRng rng;
  if (!citynet_igraph_rng_push(&rng, seed, error))
    return FALSE;
  gboolean ok = func(user_data, error);
  citynet_igraph_rng_pop(&rng);
  return ok;
}
