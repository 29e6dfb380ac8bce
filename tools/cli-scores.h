/* citynet command - per-node score tables shared by the analytics
 * subcommands (centrality, cluster): the rows "id,name,measure,value,rank",
 * --top and --focus. */
#ifndef CITYNET_CLI_SCORES_H
#define CITYNET_CLI_SCORES_H

#include <citynet/citynet.h>

#include "cli-options.h"

G_BEGIN_DECLS

/**
 * cli_scores_table:
 * @scores: (element-type CitynetScores): one scores object per measure,
 *   all on the same view, in the order to print.
 * @top: show the nodes ranked @top or better (ties at the boundary
 *   included, so there may be more rows): G_MAXSIZE for every node, 0 for
 *   none but the focus nodes.
 * @focus: (array length=n_focus): network nodes always shown.
 *
 * Returns: (transfer full): the table "nodes" with the columns id, name,
 * measure, value, rank: per measure, the selected nodes in rank order
 * (equal values by node index, NaN values — shown empty — last). In text
 * and markdown each measure is its own section.
 */
CliTable *cli_scores_table(GPtrArray *scores, gsize top, const gsize *focus,
                           gsize n_focus);

/**
 * cli_rows_top:
 * @top: the value of --top (0 when not given).
 * @focus: (nullable): the --focus nodes.
 * Returns: the @top argument of cli_scores_table() for the options: --top
 * N shows the top N (plus any focus node); --focus alone only the focus
 * nodes; neither every node.
 */
gsize cli_rows_top(gsize top, const GArray *focus);

/**
 * cli_parse_top:
 * Parses the value of --top (NULL: 0, meaning all).
 * Returns: TRUE, or FALSE with CLI_ERROR_USAGE.
 */
gboolean cli_parse_top(const char *text, gsize *top, GError **error);

/**
 * cli_parse_real:
 * Parses a finite real number given to @option (locale-independent).
 * Returns: TRUE, or FALSE with CLI_ERROR_USAGE.
 */
gboolean cli_parse_real(const char *option, const char *text, double *value,
                        GError **error);

/**
 * cli_resolve_nodes:
 * @queries: (nullable): node ids or names (citynet_network_find_node()).
 * @view: the nodes must be in it.
 *
 * Returns: (transfer full): the network node indices (GArray of gsize), in
 * the given order without repeats; NULL with the library's NOT_FOUND /
 * AMBIGUOUS error, or CLI_ERROR_FAILED naming a node outside the view
 * (@option says which option named it).
 */
GArray *cli_resolve_nodes(const CitynetView *view, char **queries,
                          const char *option, GError **error);

/**
 * cli_write_scores_json_meta:
 * Writes the members "vertices" and "focus" (the focus nodes' ids) of an
 * analytics JSON document.
 */
void cli_write_scores_json_meta(const CitynetView *view, const GArray *focus,
                                CliJson *json);

G_END_DECLS

#endif /* CITYNET_CLI_SCORES_H */
