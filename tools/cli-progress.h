/* citynet command - a progress bar on stderr for long computations. */
#ifndef CITYNET_CLI_PROGRESS_H
#define CITYNET_CLI_PROGRESS_H

#include <glib.h>

G_BEGIN_DECLS

/**
 * cli_progress_start:
 * Installs a progress handler that draws a one-line bar on stderr, when
 * stderr is a terminal and @quiet is FALSE; otherwise the command stays
 * silent. Redraws at most ten times a second (and at once when the label
 * changes); a bar is erased when its computation reaches 100%, so the
 * next line on stderr starts clean.
 */
void cli_progress_start(gboolean quiet);

/**
 * cli_progress_stop:
 * Removes the handler and erases a bar still on screen.
 */
void cli_progress_stop(void);

G_END_DECLS

#endif /* CITYNET_CLI_PROGRESS_H */
