/* citynet ego-net BUNDLE --focus NODE: a node's ego network.
 *
 * Tables "measures" (UCINET's ego-network measures of the focus, from
 * citynet_ego_measures_new()) and "members" (the nodes of the order-K ego
 * network with their ties inside it); or, with --export, the ego network
 * itself written as GraphML or a bundle. --all prints the measures of
 * every node instead. See docs/ego.md. */
#include <math.h>
#include <string.h>

#include "cli-scores.h"
#include "cli-view.h"

static const char *const ego_net_formats[] = {
  "text", "csv", "json", "markdown", NULL
};

static struct {
  char *focus;
  char *order;
  char *mode;
  gboolean no_alter_ties;
  char *export_format;
  gboolean all;
} args;

static const GOptionEntry ego_net_entries[] = {
  { "focus", 0, 0, G_OPTION_ARG_FILENAME, &args.focus,
    "The ego: an id or a name (required unless --all)", "NODE" },
  { "order", 'k', 0, G_OPTION_ARG_FILENAME, &args.order,
    "Steps from the ego (default 1)", "K" },
  { "mode", 0, 0, G_OPTION_ARG_FILENAME, &args.mode,
    "Directed views: all (default: ties either way), out or in", "MODE" },
  { "no-alter-ties", 0, 0, G_OPTION_ARG_NONE, &args.no_alter_ties,
    "Keep only ties on shortest paths from the ego (order 1: the ego's own)",
    NULL },
  { "export", 0, 0, G_OPTION_ARG_FILENAME, &args.export_format,
    "Write the ego network as graphml or bundle to -o PATH instead of "
    "printing", "FORMAT" },
  { "all", 0, 0, G_OPTION_ARG_NONE, &args.all,
    "The ego-network measures of every node (one row each)", NULL },
  { NULL }
};

static void
args_clear(void)
{
  g_free(args.focus);
  g_free(args.order);
  g_free(args.mode);
  g_free(args.export_format);
  memset(&args, 0, sizeof args);
}

typedef struct {
  guint order;
  CitynetMode mode;
  gboolean graphml;
} Settings;

static gboolean
parse_settings(Settings *s, const CliContext *context, GError **error)
{
  guint64 value = 1;
  if (args.order != NULL &&
      !g_ascii_string_to_unsigned(args.order, 10, 0, G_MAXUINT, &value, NULL)) {
    g_set_error(error, CLI_ERROR, CLI_ERROR_USAGE,
                "--order needs a whole number, not '%s'", args.order);
    return FALSE;
  }
  s->order = (guint) value;
  s->mode = CITYNET_MODE_ALL;
  GError *cause = NULL;
  if (args.mode != NULL && !citynet_mode_from_string(args.mode, &s->mode, &cause)) {
    g_set_error(error, CLI_ERROR, CLI_ERROR_USAGE, "--mode: %s", cause->message);
    g_error_free(cause);
    return FALSE;
  }
  if (args.all && (args.focus != NULL || args.export_format != NULL)) {
    g_set_error_literal(error, CLI_ERROR, CLI_ERROR_USAGE,
                        "--all takes neither --focus nor --export");
    return FALSE;
  }
  if (!args.all && (args.focus == NULL || *args.focus == '\0')) {
    g_set_error_literal(error, CLI_ERROR, CLI_ERROR_USAGE,
                        "missing --focus NODE (or --all)");
    return FALSE;
  }
  if (args.export_format != NULL) {
    s->graphml = g_strcmp0(args.export_format, "graphml") == 0;
    if (!s->graphml && g_strcmp0(args.export_format, "bundle") != 0) {
      g_set_error(error, CLI_ERROR, CLI_ERROR_USAGE,
                  "unknown export format '%s' (use graphml or bundle)",
                  args.export_format);
      return FALSE;
    }
    if (context->output.output == NULL || *context->output.output == '\0') {
      g_set_error_literal(error, CLI_ERROR, CLI_ERROR_USAGE,
                          "--export needs -o PATH (the file or directory to write)");
      return FALSE;
    }
  }
  return TRUE;
}

/* The measures of the egos, one row each. */
static CliTable *
measures_table(const CitynetEgoMeasures *measures, const CitynetNetwork *network,
               gboolean vertical)
{
  CliTable *table = cli_table_new("measures", "Ego-network measures (order 1)");
  guint c_id = cli_table_add_column(table, "id", "id", CLI_COLUMN_STRING);
  guint c_name = cli_table_add_column(table, "name", "name", CLI_COLUMN_STRING);
  guint c[CITYNET_EGO_MEASURE_COUNT];
  for (int m = 0; m < CITYNET_EGO_MEASURE_COUNT; m++) {
    c[m] = cli_table_add_column(table, citynet_ego_measure_name(m),
                                citynet_ego_measure_name(m), CLI_COLUMN_DOUBLE);
    cli_table_set_null_text(table, c[m], "-");
  }
  cli_table_set_vertical(table, vertical);
  for (gsize i = 0; i < citynet_ego_measures_n(measures); i++) {
    gsize node = citynet_ego_measures_node(measures, i);
    cli_table_add_row(table);
    cli_table_set_string(table, c_id, citynet_network_node_id(network, node));
    cli_table_set_string(table, c_name, citynet_network_node_name(network, node));
    for (int m = 0; m < CITYNET_EGO_MEASURE_COUNT; m++) {
      double value = citynet_ego_measures_get(measures, i, m);
      if (!isnan(value))
        cli_table_set_double(table, c[m], value);
    }
  }
  return table;
}

/* The ego network's nodes and their degree inside it. */
static CliTable *
members_table(CitynetView *ego, gsize focus, GError **error)
{
  const CitynetNetwork *network = citynet_view_get_network(ego);
  CitynetCentralityOptions *options = citynet_centrality_options_new();
  citynet_centrality_options_set_weighted(options, FALSE);
  CitynetScores *degree = citynet_centrality_degree(ego, options, error);
  citynet_centrality_options_free(options);
  if (degree == NULL)
    return NULL;
  CliTable *table = cli_table_new("members", "Members of the ego network");
  guint c_id = cli_table_add_column(table, "id", "id", CLI_COLUMN_STRING);
  guint c_name = cli_table_add_column(table, "name", "name", CLI_COLUMN_STRING);
  guint c_country = cli_table_add_column(table, "country", "country", CLI_COLUMN_STRING);
  guint c_ego = cli_table_add_column(table, "ego", "ego", CLI_COLUMN_BOOL);
  guint c_degree = cli_table_add_column(table, "degree", "degree inside", CLI_COLUMN_INT);
  for (gsize v = 0; v < citynet_view_n_vertices(ego); v++) {
    gsize node = citynet_view_vertex_node(ego, v);
    cli_table_add_row(table);
    cli_table_set_string(table, c_id, citynet_network_node_id(network, node));
    cli_table_set_string(table, c_name, citynet_network_node_name(network, node));
    cli_table_set_string(table, c_country, citynet_network_node_country(network, node));
    cli_table_set_bool(table, c_ego, node == focus);
    cli_table_set_int(table, c_degree, (gint64) citynet_scores_value(degree, v));
  }
  citynet_scores_free(degree);
  return table;
}

static void
render_json(const char *bundle, CitynetView *view, const CliViewArgs *view_args,
            const Settings *s, CitynetView *ego, GPtrArray *tables, int precision,
            GString *out)
{
  CliJson *json = cli_json_new(out, precision);
  cli_json_begin_object(json);
  cli_json_key(json, "schema");
  cli_json_string(json, "citynet.ego-net/1");
  cli_json_key(json, "bundle");
  cli_json_string(json, bundle);
  cli_json_key(json, "view");
  cli_view_write_json(view, view_args, json);
  cli_json_key(json, "options");
  cli_json_begin_object(json);
  cli_json_key(json, "order");
  cli_json_int(json, s->order);
  cli_json_key(json, "mode");
  cli_json_string(json, args.mode != NULL ? args.mode : "all");
  cli_json_key(json, "alter_ties");
  cli_json_bool(json, !args.no_alter_ties);
  cli_json_end_object(json);
  if (ego != NULL) {
    cli_json_key(json, "ego_network");
    cli_json_begin_object_compact(json);
    cli_json_key(json, "vertices");
    cli_json_int(json, (gint64) citynet_view_n_vertices(ego));
    cli_json_key(json, "edges");
    cli_json_int(json, (gint64) citynet_view_n_edges(ego));
    cli_json_key(json, "ties");
    cli_json_int(json, (gint64) citynet_view_n_ties(ego));
    cli_json_end_object(json);
  }
  for (guint i = 0; i < tables->len; i++) {
    const CliTable *table = g_ptr_array_index(tables, i);
    cli_json_key(json, cli_table_get_name(table));
    cli_table_write_json(table, json);
  }
  cli_json_end_object(json);
  cli_json_free(json);
}

static int
run_ego_net(int argc, char **argv)
{
  CliContext *context = cli_context_new(&cli_command_ego_net, ego_net_entries,
                                        CLI_OUTPUT_FORMAT | CLI_OUTPUT_PRECISION |
                                        CLI_OUTPUT_TABLE | CLI_OUTPUT_FILE |
                                        CLI_OUTPUT_VIEW,
                                        "The measures follow UCINET's Ego networks > Basic measures on\n"
                                        "the order-1 ego network (shares as fractions); --order and\n"
                                        "--no-alter-ties shape the members table and --export. Tables:\n"
                                        "measures, members. See docs/ego.md.");
  GError *error = NULL;
  int status = CLI_EXIT_OK;
  CitynetViewOptions *view_options = NULL;
  CitynetView *view = NULL, *ego = NULL;
  CitynetEgoMeasures *measures = NULL;
  GArray *focus = NULL;
  GPtrArray *tables = g_ptr_array_new_with_free_func((GDestroyNotify) cli_table_free);
  GString *text = NULL;
  CliFormat format;
  int precision;
  Settings settings = { 0 };
  char *queries[] = { args.focus, NULL };

  if (!cli_context_parse(context, &argc, &argv, &status))
    goto out;
  queries[0] = args.focus;
  if (!cli_require_bundle(argc, argv, &error) ||
      !cli_output_args_check(&context->output, ego_net_formats, &format, &precision,
                             &error) ||
      (view_options = cli_view_args_build(&context->view, &error)) == NULL ||
      !parse_settings(&settings, context, &error))
    goto fail;
  if ((view = cli_open_view(argv[1], view_options, &error)) == NULL)
    goto fail;

  if (args.all) {
    if ((measures = citynet_ego_measures_new(view, NULL, 0, settings.mode, &error)) == NULL)
      goto fail;
    g_ptr_array_add(tables, measures_table(measures, citynet_view_get_network(view), FALSE));
  } else {
    if ((focus = cli_resolve_nodes(view, queries, "--focus", &error)) == NULL)
      goto fail;
    const gsize node = g_array_index(focus, gsize, 0);
    if ((ego = citynet_ego_view_new(view, node, settings.order, settings.mode,
                                    !args.no_alter_ties, &error)) == NULL)
      goto fail;
    if (args.export_format != NULL) {
      if (!cli_export_view(ego, settings.graphml, context->output.output, &error))
        goto fail;
      goto out;
    }
    if ((measures = citynet_ego_measures_new(view, &node, 1, settings.mode, &error)) == NULL)
      goto fail;
    g_ptr_array_add(tables, measures_table(measures, citynet_view_get_network(view), TRUE));
    CliTable *members = members_table(ego, node, &error);
    if (members == NULL)
      goto fail;
    g_ptr_array_add(tables, members);
  }
  if (!cli_select_tables(tables, context->output.table, &error))
    goto fail;

  text = g_string_new(NULL);
  if (format == CLI_FORMAT_JSON) {
    render_json(argv[1], view, &context->view, &settings, ego, tables, precision, text);
  } else {
    if (cli_format_has_header(format)) {
      char *description = cli_view_describe(view, &context->view);
      const char *prefix = format == CLI_FORMAT_MARKDOWN ? "## " : "";
      const char *gap = format == CLI_FORMAT_MARKDOWN ? "\n\n" : "\n";
      g_string_append_printf(text, "%sEgo network: %s%s", prefix, argv[1], gap);
      g_string_append_printf(text, "View: %s; %zu nodes, %zu edges%s", description,
                             citynet_view_n_vertices(view), citynet_view_n_edges(view),
                             gap);
      if (ego != NULL)
        g_string_append_printf(text, "Ego network: order %u, %s ties%s; %zu nodes, "
                               "%zu edges\n\n", settings.order,
                               args.mode != NULL ? args.mode : "all",
                               args.no_alter_ties ? ", without alter ties" : "",
                               citynet_view_n_vertices(ego), citynet_view_n_edges(ego));
      else
        g_string_append(text, "\n");
      g_free(description);
    }
    cli_table_render_all(tables, format, precision, text);
  }
  if (!cli_output_write(context->output.output, text, &error))
    goto fail;
  goto out;

fail:
  status = cli_report_error(context->command, error);
out:
  if (text != NULL)
    g_string_free(text, TRUE);
  g_ptr_array_unref(tables);
  citynet_ego_measures_free(measures);
  if (focus != NULL)
    g_array_unref(focus);
  citynet_view_unref(ego);
  citynet_view_unref(view);
  citynet_view_options_free(view_options);
  cli_context_free(context);
  args_clear();
  return status;
}

const CliCommand cli_command_ego_net = {
  "ego-net", "BUNDLE --focus NODE",
  "A node's ego network: UCINET's measures, members, export",
  run_ego_net
};
