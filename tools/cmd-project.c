/* citynet project BUNDLE: city x organisation memberships into city-city
 * ties (co-membership count, Newman's collaboration weighting, the GaWC
 * interlocking network model) and global network connectivity.
 *
 * Tables: "summary" (one row), "pairs" (the projected ties by weight) and
 * "nodes" (GNC and its share of the maximum, as id, name, measure, value,
 * rank). -o BUNDLE saves the projection as a bundle that every other
 * subcommand reads. Every number comes from the library
 * (citynet_projection_new(), citynet_projection_connectivity()); see
 * docs/communities.md. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli-scores.h"
#include "cli-view.h"

static const char *const project_formats[] = {
  "text", "csv", "json", "markdown", NULL
};

static struct {
  char *method;
  char *projected;
  char *through;
  char **member_layers;
  char *top;
  char *output;
} args;

static const GOptionEntry project_entries[] = {
  { "method", 'm', 0, G_OPTION_ARG_FILENAME, &args.method,
    "count (shared organisations; default), newman (sum of 1/(n_j - 1)) or "
    "gawc (sum of v_aj v_bj, the interlocking network model)", "METHOD" },
  { "projected-kind", 0, 0, G_OPTION_ARG_FILENAME, &args.projected,
    "The kind of the nodes tied by the projection (default city)", "KIND" },
  { "through-kind", 0, 0, G_OPTION_ARG_FILENAME, &args.through,
    "The kind of the nodes they share (default organisation)", "KIND" },
  { "member-layers", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &args.member_layers,
    "Layers whose ties are memberships (comma-separated, repeatable; default "
    "member)", "L1,L2" },
  { "top", 0, 0, G_OPTION_ARG_FILENAME, &args.top,
    "Only the pairs and nodes ranked N or better (ties included)", "N" },
  { "output", 'o', 0, G_OPTION_ARG_FILENAME, &args.output,
    "Also save the projection as the bundle BUNDLE (a directory)", "BUNDLE" },
  { NULL }
};

static void
args_clear(void)
{
  g_free(args.method);
  g_free(args.projected);
  g_free(args.through);
  g_strfreev(args.member_layers);
  g_free(args.top);
  g_free(args.output);
  memset(&args, 0, sizeof args);
}

typedef struct {
  const char *bundle;
  CitynetView *view;
  const CliViewArgs *view_args;
  CitynetProjectionOptions *options;
  CitynetProjectionMethod method;
  char **layers;
  CitynetProjectionStats stats;
  CitynetView *projection;
  GPtrArray *scores;          /* gnc, gnc_share */
  GPtrArray *tables;
  gsize top;
  CliFormat format;
  int precision;
} Run;

static gboolean
parse_options(Run *run, GError **error)
{
  GError *cause = NULL;
  run->options = citynet_projection_options_new();
  if (args.method != NULL) {
    if (!citynet_projection_method_from_string(args.method, &run->method, &cause)) {
      g_set_error(error, CLI_ERROR, CLI_ERROR_USAGE, "--method: %s", cause->message);
      g_error_free(cause);
      return FALSE;
    }
    citynet_projection_options_set_method(run->options, run->method);
  }
  if ((args.projected != NULL && !cli_check_utf8("--projected-kind", args.projected, error)) ||
      (args.through != NULL && !cli_check_utf8("--through-kind", args.through, error)))
    return FALSE;
  citynet_projection_options_set_kinds(run->options,
                                       args.projected ? args.projected : CITYNET_KIND_CITY,
                                       args.through ? args.through
                                                    : CITYNET_KIND_ORGANISATION);
  run->layers = cli_view_args_split(args.member_layers);
  for (gsize i = 0; run->layers != NULL && run->layers[i] != NULL; i++) {
    if (!cli_check_utf8("--member-layers", run->layers[i], error))
      return FALSE;
    citynet_projection_options_add_layer(run->options, run->layers[i]);
  }
  return cli_parse_top(args.top, &run->top, error);
}

static gboolean
compute(Run *run, GError **error)
{
  run->projection = citynet_projection_new(run->view, run->options, &run->stats, error);
  if (run->projection == NULL)
    return FALSE;
  run->scores = g_ptr_array_new_with_free_func((GDestroyNotify) citynet_scores_free);
  for (int share = 0; share < 2; share++) {
    CitynetScores *scores = citynet_projection_connectivity(run->projection, share, error);
    if (scores == NULL)
      return FALSE;
    g_ptr_array_add(run->scores, scores);
  }
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Tables                                                                   */
/* ------------------------------------------------------------------------ */

static char *
layers_text(const Run *run)
{
  return run->layers != NULL ? g_strjoinv(",", run->layers) : g_strdup("member");
}

static CliTable *
summary_table(const Run *run)
{
  CliTable *table = cli_table_new("summary", "Projection");
  cli_table_set_vertical(table, TRUE);
  static const char *const int_keys[][2] = {
    { "projected_nodes", "projected nodes" }, { "through_nodes", "through nodes" },
    { "memberships", "memberships" }, { "ties_used", "membership ties used" },
    { "ties_ignored", "ties ignored" }, { "pairs", "projected ties" },
  };
  guint c_method = cli_table_add_column(table, "method", "method", CLI_COLUMN_STRING);
  guint c_projected = cli_table_add_column(table, "projected_kind", "projected kind",
                                           CLI_COLUMN_STRING);
  guint c_through = cli_table_add_column(table, "through_kind", "through kind",
                                         CLI_COLUMN_STRING);
  guint c_layers = cli_table_add_column(table, "member_layers", "member layers",
                                        CLI_COLUMN_STRING);
  guint c_ints[G_N_ELEMENTS(int_keys)];
  for (gsize i = 0; i < G_N_ELEMENTS(int_keys); i++)
    c_ints[i] = cli_table_add_column(table, int_keys[i][0], int_keys[i][1], CLI_COLUMN_INT);
  const gsize values[] = {
    run->stats.n_projected, run->stats.n_through, run->stats.n_memberships,
    run->stats.n_ties, run->stats.n_ties_ignored, run->stats.n_pairs,
  };
  G_STATIC_ASSERT(G_N_ELEMENTS(values) == G_N_ELEMENTS(int_keys));
  char *layers = layers_text(run);
  cli_table_add_row(table);
  cli_table_set_string(table, c_method, citynet_projection_method_name(run->method));
  cli_table_set_string(table, c_projected, args.projected ? args.projected : CITYNET_KIND_CITY);
  cli_table_set_string(table, c_through,
                       args.through ? args.through : CITYNET_KIND_ORGANISATION);
  cli_table_set_string(table, c_layers, layers);
  for (gsize i = 0; i < G_N_ELEMENTS(values); i++)
    cli_table_set_int(table, c_ints[i], (gint64) values[i]);
  g_free(layers);
  return table;
}

/* Edges by weight, heaviest first; equal weights in edge order (by the
 * vertices of their ends): a total, reproducible order. */
static gint
compare_edges(gconstpointer x, gconstpointer y, gpointer view)
{
  gsize a = *(const gsize *) x, b = *(const gsize *) y;
  double wa = citynet_view_edge(view, a, NULL, NULL);
  double wb = citynet_view_edge(view, b, NULL, NULL);
  if (wa != wb)
    return wa > wb ? -1 : 1;
  return (a > b) - (a < b);
}

/* The "shared" attribute of edge @e. The projection adds one tie per pair
 * in (a, b) vertex order, which is also the view's edge order, so edge e
 * is tie e; checked, and NULL if that ever stops being so. */
static const char *
edge_shared(const CitynetView *p, gsize e, gsize from, gsize to)
{
  const CitynetNetwork *network = citynet_view_get_network(p);
  if (e >= citynet_view_n_ties(p))
    return NULL;
  gsize tie = citynet_view_tie(p, e);
  gssize s = citynet_view_node_vertex(p, citynet_network_tie_source(network, tie));
  gssize t = citynet_view_node_vertex(p, citynet_network_tie_target(network, tie));
  if (citynet_view_edge_n_ties(p, e) != 1 || (gsize) MIN(s, t) != from ||
      (gsize) MAX(s, t) != to)
    return NULL;
  return citynet_network_tie_attribute(network, tie, "shared");
}

static CliTable *
pairs_table(const Run *run)
{
  const CitynetView *p = run->projection;
  const CitynetNetwork *network = citynet_view_get_network(p);
  const gsize m = citynet_view_n_edges(p);
  gsize *order = g_new(gsize, m > 0 ? m : 1);
  for (gsize e = 0; e < m; e++)
    order[e] = e;
  g_qsort_with_data(order, (gint) m, sizeof *order, compare_edges, (gpointer) p);

  CliTable *table = cli_table_new("pairs", "Projected ties (heaviest first)");
  guint c_a = cli_table_add_column(table, "a", "a", CLI_COLUMN_STRING);
  guint c_a_name = cli_table_add_column(table, "a_name", "a name", CLI_COLUMN_STRING);
  guint c_b = cli_table_add_column(table, "b", "b", CLI_COLUMN_STRING);
  guint c_b_name = cli_table_add_column(table, "b_name", "b name", CLI_COLUMN_STRING);
  guint c_weight = cli_table_add_column(table, "weight", "weight", CLI_COLUMN_DOUBLE);
  guint c_shared = cli_table_add_column(table, "shared", "shared", CLI_COLUMN_INT);
  guint c_rank = cli_table_add_column(table, "rank", "rank", CLI_COLUMN_INT);
  gsize rank = 1;
  for (gsize k = 0; k < m; k++) {
    gsize e = order[k], from, to;
    double weight = citynet_view_edge(p, e, &from, &to);
    /* Competition ranking, as for node scores. */
    if (k > 0 && weight != citynet_view_edge(p, order[k - 1], NULL, NULL))
      rank = k + 1;
    if (run->top > 0 && rank > run->top)
      break;
    gsize a = citynet_view_vertex_node(p, from), b = citynet_view_vertex_node(p, to);
    const char *shared = edge_shared(p, e, from, to);
    cli_table_add_row(table);
    cli_table_set_string(table, c_a, citynet_network_node_id(network, a));
    cli_table_set_string(table, c_a_name, citynet_network_node_name(network, a));
    cli_table_set_string(table, c_b, citynet_network_node_id(network, b));
    cli_table_set_string(table, c_b_name, citynet_network_node_name(network, b));
    cli_table_set_double(table, c_weight, weight);
    if (shared != NULL)
      cli_table_set_int(table, c_shared, g_ascii_strtoll(shared, NULL, 10));
    cli_table_set_int(table, c_rank, (gint64) rank);
  }
  g_free(order);
  return table;
}

/* ------------------------------------------------------------------------ */
/* Output                                                                   */
/* ------------------------------------------------------------------------ */

static void
render_json(gconstpointer data, GString *out)
{
  const Run *run = data;
  CliJson *json = cli_json_new(out, run->precision);
  cli_json_begin_object(json);
  cli_json_key(json, "schema");
  cli_json_string(json, "citynet.project/1");
  cli_json_key(json, "bundle");
  cli_json_string(json, run->bundle);
  cli_json_key(json, "view");
  cli_view_write_json(run->view, run->view_args, json);
  cli_write_scores_json_meta(run->view, NULL, json);
  cli_json_key(json, "output");
  cli_json_string(json, args.output);
  cli_json_key(json, "summary");
  cli_table_write_json_row(g_ptr_array_index(run->tables, 0), 0, json);
  cli_json_key(json, "pairs");
  cli_table_write_json(g_ptr_array_index(run->tables, 1), json);
  cli_json_key(json, "rows");
  cli_table_write_json(g_ptr_array_index(run->tables, 2), json);
  cli_json_end_object(json);
  cli_json_free(json);
}

static void
render_header(gconstpointer data, GString *out)
{
  const Run *run = data;
  char *description = cli_view_describe(run->view, run->view_args);
  char *layers = layers_text(run);
  const char *prefix = run->format == CLI_FORMAT_MARKDOWN ? "## " : "";
  const char *gap = run->format == CLI_FORMAT_MARKDOWN ? "\n\n" : "\n";
  static const char *const formulas[] = {
    "shared organisations", "sum of 1/(n_j - 1) over shared organisations",
    "sum of v_aj v_bj over shared organisations (GaWC)",
  };
  g_string_append_printf(out, "%sProjection: %s%s", prefix, run->bundle, gap);
  g_string_append_printf(out, "View: %s; %zu nodes, %zu edges%s", description,
                         citynet_view_n_vertices(run->view),
                         citynet_view_n_edges(run->view), gap);
  g_string_append_printf(out, "%s x %s through layers %s; tie weight: %s\n",
                         args.projected ? args.projected : CITYNET_KIND_CITY,
                         args.through ? args.through : CITYNET_KIND_ORGANISATION,
                         layers, formulas[run->method]);
  if (args.output != NULL)
    g_string_append_printf(out, "%sSaved as the bundle %s\n", gap + 1, args.output);
  g_string_append(out, "\n");
  g_free(layers);
  g_free(description);
}

static int
run_project(int argc, char **argv)
{
  CliContext *context = cli_context_new(&cli_command_project, project_entries,
                                        CLI_OUTPUT_FORMAT | CLI_OUTPUT_PRECISION |
                                        CLI_OUTPUT_TABLE | CLI_OUTPUT_VIEW,
                                        "Memberships are the view's ties of the member layers between a\n"
                                        "node of the projected kind and one of the through kind; several\n"
                                        "ties of one pair combine by --combine (intensity v). Tables:\n"
                                        "summary, pairs (a, a_name, b, b_name, weight, shared, rank), nodes\n"
                                        "(GNC = sum of a node's tie weights, and its share of the\n"
                                        "maximum). See docs/communities.md.");
  GError *error = NULL;
  int status = CLI_EXIT_OK;
  CitynetViewOptions *view_options = NULL;
  Run run = { 0 };

  if (!cli_context_parse(context, &argc, &argv, &status))
    goto out;
  if (!cli_require_bundle(argc, argv, &error) ||
      !cli_output_args_check(&context->output, project_formats, &run.format,
                             &run.precision, &error) ||
      (view_options = cli_view_args_build(&context->view, &error)) == NULL ||
      !parse_options(&run, &error))
    goto fail;

  run.bundle = argv[1];
  run.view_args = &context->view;
  run.view = cli_open_view(run.bundle, view_options, &error);
  if (run.view == NULL || !compute(&run, &error))
    goto fail;
  if (args.output != NULL &&
      !citynet_bundle_save(citynet_view_get_network(run.projection), args.output, &error))
    goto fail;
  run.tables = g_ptr_array_new_with_free_func((GDestroyNotify) cli_table_free);
  g_ptr_array_add(run.tables, summary_table(&run));
  g_ptr_array_add(run.tables, pairs_table(&run));
  g_ptr_array_add(run.tables, cli_scores_table(run.scores,
                                               run.top > 0 ? run.top : G_MAXSIZE,
                                               NULL, 0));

  /* -o is the projection's bundle here, not a --output for the text
   * (no CLI_OUTPUT_FILE): context->output.output stays NULL, so the
   * text goes to standard output. */
  if (!cli_output_emit(&context->output, run.format, run.precision, run.tables,
                       render_json, render_header, &run, &error))
    goto fail;
  goto out;

fail:
  status = cli_report_error(context->command, error);
out:
  if (run.tables != NULL)
    g_ptr_array_unref(run.tables);
  if (run.scores != NULL)
    g_ptr_array_unref(run.scores);
  citynet_view_unref(run.projection);
  g_strfreev(run.layers);
  citynet_projection_options_free(run.options);
  citynet_view_unref(run.view);
  citynet_view_options_free(view_options);
  cli_context_free(context);
  args_clear();
  return status;
}

const CliCommand cli_command_project = {
  "project", "BUNDLE",
  "Two-mode projection: city-city ties from shared organisations, GNC",
  run_project
};
