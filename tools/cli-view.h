/* citynet command - opening a bundle as a view and describing the view. */
#ifndef CITYNET_CLI_VIEW_H
#define CITYNET_CLI_VIEW_H

#include <citynet/citynet.h>

#include "cli-json.h"
#include "cli-options.h"

G_BEGIN_DECLS

/**
 * cli_open_view:
 * Loads the bundle at @bundle and builds the view @options describe.
 *
 * Returns: (transfer full): the view (it keeps the network alive), or NULL
 * with the library's error (load problems, unknown layer or kind).
 */
CitynetView *cli_open_view(const char *bundle,
                           const CitynetViewOptions *options, GError **error);

/**
 * cli_view_layers:
 * Returns: (transfer full): the layers the view selects, sorted by name:
 * those named with --layers, or every layer of the network. g_strfreev().
 */
char **cli_view_layers(const CitynetView *view, const CliViewArgs *args);

/**
 * cli_view_kinds:
 * Returns: (transfer full): the node kinds the view selects, sorted: those
 * named with --kinds, or every kind of the network. g_strfreev().
 */
char **cli_view_kinds(const CitynetView *view, const CliViewArgs *args);

/**
 * cli_view_write_json:
 * Writes the "view" object of the JSON documents: layers, kinds, from, to
 * (full days or null when open) and directed.
 */
void cli_view_write_json(const CitynetView *view, const CliViewArgs *args,
                         CliJson *json);

/**
 * cli_view_describe:
 * Returns: (transfer full): a one-line human description of the view, e.g.
 * "period 2019-06-23 to 2024-03-31; layers: all; kinds: all; undirected".
 */
char *cli_view_describe(const CitynetView *view, const CliViewArgs *args);

/**
 * cli_export_view:
 * Writes @view as GraphML (@graphml) or as a bundle directory to @path
 * (cmd-export.c; also used by ego-net --export): a new bundle appears
 * complete or not at all.
 * Returns: TRUE, or FALSE with the library's error or CLI_ERROR_FAILED.
 */
gboolean cli_export_view(const CitynetView *view, gboolean graphml,
                         const char *path, GError **error);

/**
 * cli_country_label:
 * Returns: (transfer none): the name of country @iso3, @iso3 itself when it
 * is not declared, "(none)" for "" or NULL.
 */
const char *cli_country_label(const CitynetNetwork *network, const char *iso3);

G_END_DECLS

#endif /* CITYNET_CLI_VIEW_H */
