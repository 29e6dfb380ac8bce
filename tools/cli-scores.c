/* citynet command - per-node score tables (see cli-scores.h). */
#include "cli-scores.h"

#include <errno.h>
#include <math.h>
#include <string.h>

/* Whether entry @i of @scores is shown: ranked within the top, or a focus
 * node. */
static gboolean
selected(const CitynetScores *scores, gsize i, gsize top, const gsize *focus,
         gsize n_focus)
{
  if (citynet_scores_rank(scores, i) <= top)
    return TRUE;
  gsize node = citynet_scores_node(scores, i);
  for (gsize f = 0; f < n_focus; f++)
    if (focus[f] == node)
      return TRUE;
  return FALSE;
}

CliTable *
cli_scores_table(GPtrArray *scores, gsize top, const gsize *focus,
                 gsize n_focus)
{
  CliTable *table = cli_table_new("nodes", "Scores");
  guint c_id = cli_table_add_column(table, "id", "id", CLI_COLUMN_STRING);
  guint c_name = cli_table_add_column(table, "name", "name", CLI_COLUMN_STRING);
  guint c_measure = cli_table_add_column(table, "measure", "measure", CLI_COLUMN_STRING);
  guint c_value = cli_table_add_column(table, "value", "value", CLI_COLUMN_DOUBLE);
  guint c_rank = cli_table_add_column(table, "rank", "rank", CLI_COLUMN_INT);
  cli_table_set_sections(table, c_measure);

  for (guint s = 0; s < scores->len; s++) {
    const CitynetScores *one = g_ptr_array_index(scores, s);
    const CitynetNetwork *network =
      citynet_view_get_network(citynet_scores_get_view(one));
    const char *measure = citynet_scores_measure(one);
    const gsize n = citynet_scores_n(one);
    char *title = g_strdup_printf("%s (rank among %zu nodes)", measure, n);
    cli_table_add_section_title(table, measure, title);
    g_free(title);

    /* In rank order, so --top is a prefix of the ordering unless focus
     * nodes further down are added. */
    for (gsize k = 0; k < n; k++) {
      gsize i = citynet_scores_order(one, k);
      if (!selected(one, i, top, focus, n_focus))
        continue;
      gsize node = citynet_scores_node(one, i);
      double value = citynet_scores_value(one, i);
      cli_table_add_row(table);
      cli_table_set_string(table, c_id, citynet_network_node_id(network, node));
      cli_table_set_string(table, c_name, citynet_network_node_name(network, node));
      cli_table_set_string(table, c_measure, measure);
      if (!isnan(value))
        cli_table_set_double(table, c_value, value);
      cli_table_set_int(table, c_rank, (gint64) citynet_scores_rank(one, i));
    }
  }
  return table;
}

gsize
cli_rows_top(gsize top, const GArray *focus)
{
  if (top > 0)
    return top;
  return focus != NULL && focus->len > 0 ? 0 : G_MAXSIZE;
}

gboolean
cli_parse_top(const char *text, gsize *top, GError **error)
{
  guint64 value = 0;
  *top = 0;
  if (text == NULL)
    return TRUE;
  if (!g_ascii_string_to_unsigned(text, 10, 1, G_MAXSIZE, &value, NULL)) {
    g_set_error(error, CLI_ERROR, CLI_ERROR_USAGE,
                "--top needs a positive whole number, not '%s'", text);
    return FALSE;
  }
  *top = (gsize) value;
  return TRUE;
}

gboolean
cli_parse_real(const char *option, const char *text, double *value,
               GError **error)
{
  char *end = NULL;
  errno = 0;
  double parsed = text != NULL ? g_ascii_strtod(text, &end) : NAN;
  if (text == NULL || *text == '\0' || end == NULL || *end != '\0' ||
      errno != 0 || !isfinite(parsed)) {
    g_set_error(error, CLI_ERROR, CLI_ERROR_USAGE,
                "%s needs a number, not '%s'", option, text != NULL ? text : "");
    return FALSE;
  }
  *value = parsed;
  return TRUE;
}

GArray *
cli_resolve_nodes(const CitynetView *view, char **queries, const char *option,
                  GError **error)
{
  const CitynetNetwork *network = citynet_view_get_network(view);
  GArray *nodes = g_array_new(FALSE, FALSE, sizeof(gsize));
  for (gsize i = 0; queries != NULL && queries[i] != NULL; i++) {
    if (!cli_check_utf8(option, queries[i], error))
      goto fail;
    gssize node = citynet_network_find_node(network, queries[i], error);
    if (node < 0)
      goto fail;
    if (citynet_view_node_vertex(view, (gsize) node) < 0) {
      g_set_error(error, CLI_ERROR, CLI_ERROR_FAILED,
                  "%s: \"%s\" (%s) is not in the view", option,
                  citynet_network_node_name(network, (gsize) node),
                  citynet_network_node_id(network, (gsize) node));
      goto fail;
    }
    gboolean seen = FALSE;
    for (guint j = 0; j < nodes->len; j++)
      seen |= g_array_index(nodes, gsize, j) == (gsize) node;
    if (!seen) {
      gsize value = (gsize) node;
      g_array_append_val(nodes, value);
    }
  }
  return nodes;

fail:
  g_array_unref(nodes);
  return NULL;
}

void
cli_write_scores_json_meta(const CitynetView *view, const GArray *focus,
                           CliJson *json)
{
  const CitynetNetwork *network = citynet_view_get_network(view);
  cli_json_key(json, "vertices");
  cli_json_int(json, (gint64) citynet_view_n_vertices(view));
  cli_json_key(json, "edges");
  cli_json_int(json, (gint64) citynet_view_n_edges(view));
  cli_json_key(json, "focus");
  cli_json_begin_array_compact(json);
  for (guint i = 0; focus != NULL && i < focus->len; i++)
    cli_json_string(json, citynet_network_node_id(network, g_array_index(focus, gsize, i)));
  cli_json_end_array(json);
}
