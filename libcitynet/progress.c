/* libcitynet - the progress handler (see common.h, progress-private.h). */
#include "progress-private.h"

/* The handler and its data change together under the lock; callers copy
 * both out and call without holding it, so a handler may take its time
 * (and another thread may replace it meanwhile). */
static GMutex progress_lock;
static CitynetProgressFunc progress_func;
static gpointer progress_data;
/* Read without the lock on the fast path: a stale value only delays or
 * adds one call. */
static gint progress_set;

void
citynet_set_progress_handler(CitynetProgressFunc func, gpointer user_data)
{
  g_mutex_lock(&progress_lock);
  progress_func = func;
  progress_data = user_data;
  g_atomic_int_set(&progress_set, func != NULL);
  g_mutex_unlock(&progress_lock);
}

gboolean
citynet_progress_active(void)
{
  return g_atomic_int_get(&progress_set) != 0;
}

gboolean
citynet_progress_report(const char *what, double fraction)
{
  if (!citynet_progress_active())
    return TRUE;
  g_mutex_lock(&progress_lock);
  CitynetProgressFunc func = progress_func;
  gpointer data = progress_data;
  g_mutex_unlock(&progress_lock);
  if (func == NULL)
    return TRUE;
  return func(CLAMP(fraction, 0.0, 1.0), what, data);
}

void
citynet_progress_begin(CitynetProgress *progress, const char *what,
                       guint64 total)
{
  progress->what = what;
  progress->total = total;
  progress->stride = MAX(total / 200, 1);
  progress->cancelled = FALSE;
  /* Without a handler the loop never calls out at all. */
  progress->next = citynet_progress_active() ? 0 : G_MAXUINT64;
}

gboolean
citynet_progress_update(CitynetProgress *progress, guint64 done)
{
  if (progress->cancelled)
    return FALSE;
  progress->next = done + progress->stride;
  double fraction = progress->total > 0 ? (double) done / progress->total : 1.0;
  if (!citynet_progress_report(progress->what, fraction))
    progress->cancelled = TRUE;
  return !progress->cancelled;
}

gboolean
citynet_progress_end(CitynetProgress *progress)
{
  if (progress->cancelled)
    return FALSE;
  if (progress->next != G_MAXUINT64 && !citynet_progress_report(progress->what, 1.0))
    progress->cancelled = TRUE;
  return !progress->cancelled;
}

void
citynet_progress_set_cancelled(GError **error, const char *what)
{
  g_set_error(error, CITYNET_ERROR, CITYNET_ERROR_CANCELLED, "%s: cancelled",
              what);
}
