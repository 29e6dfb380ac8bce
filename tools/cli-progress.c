/* citynet command - a progress bar on stderr (see cli-progress.h). */
#include "cli-progress.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <citynet/citynet.h>

#define BAR_WIDTH 30

/* Reports may come from several worker threads at once. */
static GMutex bar_lock;
static gboolean bar_visible;
static gint64 last_draw;
static char last_what[64];

/* "Betweenness centrality: " (igraph's wording) -> "Betweenness centrality". */
static void
clean_label(const char *what, char *out, gsize size)
{
  g_strlcpy(out, what != NULL ? what : "", size);
  gsize len = strlen(out);
  while (len > 0 && (out[len - 1] == ' ' || out[len - 1] == ':'))
    out[--len] = '\0';
}

static gboolean
draw_bar(double fraction, const char *what, gpointer user_data)
{
  char label[64];
  clean_label(what, label, sizeof label);
  g_mutex_lock(&bar_lock);
  gint64 now = g_get_monotonic_time();
  gboolean changed = strcmp(label, last_what) != 0;
  if (changed || fraction >= 1.0 || now - last_draw >= G_USEC_PER_SEC / 10) {
    int filled = (int) (fraction * BAR_WIDTH + 0.5);
    char bar[BAR_WIDTH + 1];
    for (int i = 0; i < BAR_WIDTH; i++)
      bar[i] = i < filled ? '#' : '.';
    bar[BAR_WIDTH] = '\0';
    /* \r and erase-to-end keep the bar on one line. A finished
     * computation's bar is erased at once, so that what the command
     * prints next (an error, a summary) starts on a clean line and no
     * stale 100% stays up while work that does not report goes on. */
    fprintf(stderr, "\r\033[K%-32.32s [%s] %3d%%%s", label, bar,
            (int) (fraction * 100 + 0.5), fraction >= 1.0 ? "\r\033[K" : "");
    fflush(stderr);
    bar_visible = fraction < 1.0;
    last_draw = now;
    g_strlcpy(last_what, label, sizeof last_what);
  }
  g_mutex_unlock(&bar_lock);
  return TRUE;
}

void
cli_progress_start(gboolean quiet)
{
  if (quiet || !isatty(STDERR_FILENO))
    return;
  citynet_set_progress_handler(draw_bar, NULL);
}

void
cli_progress_stop(void)
{
  citynet_set_progress_handler(NULL, NULL);
  g_mutex_lock(&bar_lock);
  if (bar_visible) {
    fputs("\r\033[K", stderr);
    fflush(stderr);
    bar_visible = FALSE;
  }
  last_what[0] = '\0';
  g_mutex_unlock(&bar_lock);
}
