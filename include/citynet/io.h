/* libcitynet - reading and writing bundles, validation, GraphML export. */
#ifndef CITYNET_IO_H
#define CITYNET_IO_H

#if !defined(CITYNET_INSIDE) && !defined(CITYNET_COMPILATION)
#error "Only <citynet/citynet.h> can be included directly."
#endif

#include <citynet/common.h>
#include <citynet/network.h>
#include <citynet/view.h>

G_BEGIN_DECLS

/**
 * citynet_bundle_load:
 * @path: a bundle directory (nodes.csv, ties.csv, optional countries.csv,
 *   country_groups.csv, kinds.csv; see docs/format.md).
 *
 * Loads all or nothing. On failure returns NULL and an error naming the
 * first problem's file, line and column (citynet_error_get_file() ...) and
 * the total number of problems (citynet_error_get_count()); the message
 * reads "ties.csv:17:2: unknown node id "Odesa" (did you mean "odessa"?)"
 * followed by " (and N more problems)" when there are others.
 * Complexity: linear in the size of the files. Reports progress as
 * "Loading bundle", by the bytes of ties.csv read
 * (citynet_set_progress_handler()).
 *
 * Returns: (transfer full): the network, or NULL with CITYNET_ERROR_IO,
 * CITYNET_ERROR_DATA or CITYNET_ERROR_CANCELLED (the progress handler
 * cancelled).
 */
CITYNET_API CitynetNetwork *citynet_bundle_load(const char *path,
                                                GError **error);

/**
 * citynet_bundle_save:
 * @path: the bundle directory; created when missing. Other files in it are
 *   left alone.
 *
 * Writes nodes.csv, ties.csv, countries.csv, country_groups.csv (and
 * kinds.csv when the network has kinds beyond the built-in three). Each
 * file is first written completely to a temporary file in @path and only
 * when all are written are they renamed over the old ones, so a failure
 * leaves the old bundle intact. citynet_bundle_load() of the result equals
 * @network field by field.
 *
 * A network that declares countries but has a node whose country is not
 * declared cannot be loaded back (docs/format.md); saving it fails with
 * CITYNET_ERROR_INVALID_ARGUMENT before anything is written.
 *
 * Returns: TRUE, or FALSE with CITYNET_ERROR_IO or
 * CITYNET_ERROR_INVALID_ARGUMENT.
 */
CITYNET_API gboolean citynet_bundle_save(const CitynetNetwork *network,
                                         const char *path, GError **error);

/**
 * CitynetProblems:
 * An opaque list of every problem found in a bundle.
 */
typedef struct _CitynetProblems CitynetProblems;

/**
 * citynet_bundle_validate:
 * @path: a bundle directory.
 *
 * Reads the bundle like citynet_bundle_load() but collects every problem
 * instead of stopping. Never fails: a missing directory is itself a problem,
 * and so is a cancel by the progress handler (the rest of ties.csv is then
 * not checked).
 *
 * Returns: (transfer full): the problems (possibly none); free with
 * citynet_problems_free().
 */
CITYNET_API CitynetProblems *citynet_bundle_validate(const char *path);

/** citynet_problems_count: Returns: the number of problems listed: all of
 * them up to 10,000; past that the first 10,000 and one final entry saying
 * how many more were found. */
CITYNET_API gsize citynet_problems_count(const CitynetProblems *problems);
/**
 * citynet_problems_get:
 * @file: (out) (optional) (transfer none) (nullable): the file's name
 *   within the bundle (e.g. "ties.csv"), NULL for the bundle as a whole.
 * @line: (out) (optional): 1-based line, 0 for a whole-file problem.
 * @column: (out) (optional): 1-based column, 0 for a whole-line problem.
 * Returns: (transfer none): the message of problem @index, without location.
 */
CITYNET_API const char *citynet_problems_get(const CitynetProblems *problems,
                                             gsize index, const char **file,
                                             guint *line, guint *column);
/** citynet_problems_free: frees the list; NULL is ignored. */
CITYNET_API void citynet_problems_free(CitynetProblems *problems);

/**
 * citynet_view_write_graphml:
 * @path: output file, written atomically (temporary file + rename).
 *
 * Writes the view's graph as GraphML: one node per vertex with its id
 * (the GraphML node id), kind, name, country, lat, lon, population and
 * extra attributes; one edge per view edge with its combined weight, the
 * number of ties it combines, and — when it combines exactly one tie — that
 * tie's layer, dates, ref and extra attributes. NetworkX and igraph read it
 * back with the same nodes, edges and weights.
 *
 * Returns: TRUE, or FALSE with CITYNET_ERROR_IO.
 */
CITYNET_API gboolean citynet_view_write_graphml(const CitynetView *view,
                                                const char *path,
                                                GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(CitynetProblems, citynet_problems_free)

G_END_DECLS

#endif /* CITYNET_IO_H */
