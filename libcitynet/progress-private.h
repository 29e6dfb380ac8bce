/* libcitynet - reporting progress to the handler of
 * citynet_set_progress_handler() from long loops (private). */
#ifndef CITYNET_PROGRESS_PRIVATE_H
#define CITYNET_PROGRESS_PRIVATE_H

#include "citynet-private.h"

G_BEGIN_DECLS

/* A loop's progress: citynet_progress_step() is cheap enough for every
 * iteration; it calls the handler only about every 1/200 of @total (and
 * never when no handler is set). One per loop and thread. */
typedef struct {
  const char *what;   /* static */
  guint64 total;
  guint64 next;       /* the count at which to report next */
  guint64 stride;
  gboolean cancelled;
} CitynetProgress;

void citynet_progress_begin(CitynetProgress *progress, const char *what,
                            guint64 total);
/* Reports @done of total. Returns FALSE once the handler has cancelled. */
gboolean citynet_progress_update(CitynetProgress *progress, guint64 done);
static inline gboolean
citynet_progress_step(CitynetProgress *progress, guint64 done)
{
  if (G_LIKELY(done < progress->next))
    return !progress->cancelled;
  return citynet_progress_update(progress, done);
}
/* Reports completion (fraction 1). Returns FALSE when cancelled before. */
gboolean citynet_progress_end(CitynetProgress *progress);

/* One report outside a loop. Returns FALSE when the handler cancels. */
gboolean citynet_progress_report(const char *what, double fraction);
/* Whether a handler is set (to skip preparing reports). */
gboolean citynet_progress_active(void);

/* Sets CITYNET_ERROR_CANCELLED "@what: cancelled". */
void citynet_progress_set_cancelled(GError **error, const char *what);

G_END_DECLS

#endif /* CITYNET_PROGRESS_PRIVATE_H */
