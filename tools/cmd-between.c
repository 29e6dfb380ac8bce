/* citynet between BUNDLE --sources BLOC --targets BLOC: betweenness on the
 * shortest paths from one bloc to another ("does Istanbul sit between the
 * EU and the OTS?").
 *
 * One row per node (id, name, measure, value, rank), like citynet
 * centrality; every number from citynet_bloc_betweenness(). See
 * docs/ego.md. */
#include <string.h>

#include "cli-scores.h"
#include "cli-view.h"

static const char *const between_formats[] = {
  "text", "csv", "json", "markdown", NULL
};

static struct {
  char *sources;
  char *targets;
  char *mode;
  char *length;
  gboolean unweighted;
  gboolean normalized;
  char *top;
  char **focus;
} args;

static const GOptionEntry between_entries[] = {
  { "sources", 0, 0, G_OPTION_ARG_FILENAME, &args.sources,
    "Bloc A (required): group:G[@DATE], country:ISO3[,ISO3] or "
    "nodes:N1,N2", "BLOC" },
  { "targets", 0, 0, G_OPTION_ARG_FILENAME, &args.targets,
    "Bloc B (required), the same forms", "BLOC" },
  { "mode", 0, 0, G_OPTION_ARG_FILENAME, &args.mode,
    "Directed views: default (follow ties) or all (ignore direction)", "MODE" },
  { "length", 0, 0, G_OPTION_ARG_FILENAME, &args.length,
    "Path lengths from weights: inverse (1/w, default), unit or weight", "RULE" },
  { "unweighted", 0, 0, G_OPTION_ARG_NONE, &args.unweighted,
    "Count steps, ignoring tie weights", NULL },
  { "normalized", 0, 0, G_OPTION_ARG_NONE, &args.normalized,
    "Divide by the number of (source, target) pairs", NULL },
  { "top", 0, 0, G_OPTION_ARG_FILENAME, &args.top,
    "Only nodes ranked N or better (ties included)", "N" },
  { "focus", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &args.focus,
    "Always show this node (an id or a name; repeatable)", "NODE" },
  { NULL }
};

static void
args_clear(void)
{
  g_free(args.sources);
  g_free(args.targets);
  g_free(args.mode);
  g_free(args.length);
  g_free(args.top);
  g_strfreev(args.focus);
  memset(&args, 0, sizeof args);
}

/* The nodes of a partition's labels named in @names (NULL: label 0). */
static GArray *
partition_nodes(const CitynetPartition *partition, char **names, const char *option,
                GError **error)
{
  GArray *nodes = g_array_new(FALSE, FALSE, sizeof(gsize));
  CitynetView *view = citynet_partition_get_view(partition);
  gboolean *wanted = g_new0(gboolean, citynet_partition_n_labels(partition) + 1);
  if (names == NULL)
    wanted[0] = TRUE;
  for (gsize i = 0; names != NULL && names[i] != NULL; i++) {
    gssize label = citynet_partition_find_label(partition, names[i]);
    if (label < 0) {
      g_set_error(error, CLI_ERROR, CLI_ERROR_FAILED,
                  "%s: no node of the view has country \"%s\"", option, names[i]);
      g_free(wanted);
      g_array_unref(nodes);
      return NULL;
    }
    wanted[label] = TRUE;
  }
  for (gsize v = 0; v < citynet_partition_n(partition); v++) {
    if (wanted[citynet_partition_label(partition, v)]) {
      gsize node = citynet_view_vertex_node(view, v);
      g_array_append_val(nodes, node);
    }
  }
  g_free(wanted);
  return nodes;
}

/* The network nodes of a bloc spec. */
static GArray *
bloc_nodes(CitynetView *view, const char *spec, const char *option, GError **error)
{
  if (spec == NULL || *spec == '\0') {
    g_set_error(error, CLI_ERROR, CLI_ERROR_USAGE, "missing %s BLOC", option);
    return NULL;
  }
  if (!cli_check_utf8(option, spec, error))
    return NULL;
  GArray *nodes = NULL;
  if (g_str_has_prefix(spec, "group:")) {
    CitynetPartition *partition = citynet_partition_new_by_spec(view, spec, error);
    if (partition == NULL)
      return NULL;
    nodes = partition_nodes(partition, NULL, option, error);
    citynet_partition_free(partition);
  } else if (g_str_has_prefix(spec, "country:")) {
    char **codes = g_strsplit(spec + strlen("country:"), ",", -1);
    CitynetPartition *partition = citynet_partition_new_by_country(view);
    nodes = partition_nodes(partition, codes, option, error);
    citynet_partition_free(partition);
    g_strfreev(codes);
  } else if (g_str_has_prefix(spec, "nodes:")) {
    char **ids = g_strsplit(spec + strlen("nodes:"), ",", -1);
    nodes = cli_resolve_nodes(view, ids, option, error);
    g_strfreev(ids);
  } else {
    g_set_error(error, CLI_ERROR, CLI_ERROR_USAGE,
                "%s: '%s' is not group:G[@DATE], country:ISO3[,ISO3] or "
                "nodes:N1,N2", option, spec);
    return NULL;
  }
  if (nodes != NULL && nodes->len == 0) {
    g_set_error(error, CLI_ERROR, CLI_ERROR_FAILED, "%s: %s has no node in the view",
                option, spec);
    g_array_unref(nodes);
    return NULL;
  }
  return nodes;
}

static CitynetCentralityOptions *
build_options(GError **error)
{
  CitynetCentralityOptions *options = citynet_centrality_options_new();
  GError *cause = NULL;
  CitynetMode mode;
  CitynetLength length;
  const char *option = "--mode";
  if (args.mode != NULL) {
    if (!citynet_mode_from_string(args.mode, &mode, &cause))
      goto usage;
    citynet_centrality_options_set_mode(options, mode);
  }
  option = "--length";
  if (args.length != NULL) {
    if (!citynet_length_from_string(args.length, &length, &cause))
      goto usage;
    citynet_centrality_options_set_length(options, length);
  }
  citynet_centrality_options_set_weighted(options, !args.unweighted);
  citynet_centrality_options_set_normalized(options, args.normalized);
  return options;

usage:
  g_set_error(error, CLI_ERROR, CLI_ERROR_USAGE, "%s: %s", option, cause->message);
  g_error_free(cause);
  citynet_centrality_options_free(options);
  return NULL;
}

static void
render_json(const char *bundle, CitynetView *view, const CliViewArgs *view_args,
            const GArray *sources, const GArray *targets, const GArray *focus,
            const CliTable *table, int precision, GString *out)
{
  CliJson *json = cli_json_new(out, precision);
  cli_json_begin_object(json);
  cli_json_key(json, "schema");
  cli_json_string(json, "citynet.between/1");
  cli_json_key(json, "bundle");
  cli_json_string(json, bundle);
  cli_json_key(json, "view");
  cli_view_write_json(view, view_args, json);
  cli_write_scores_json_meta(view, focus, json);
  cli_json_key(json, "options");
  cli_json_begin_object(json);
  cli_json_key(json, "sources");
  cli_json_string(json, args.sources);
  cli_json_key(json, "source_nodes");
  cli_json_int(json, sources->len);
  cli_json_key(json, "targets");
  cli_json_string(json, args.targets);
  cli_json_key(json, "target_nodes");
  cli_json_int(json, targets->len);
  cli_json_key(json, "mode");
  cli_json_string(json, args.mode != NULL ? args.mode : "default");
  cli_json_key(json, "length");
  cli_json_string(json, args.length != NULL ? args.length : "inverse");
  cli_json_key(json, "weighted");
  cli_json_bool(json, !args.unweighted);
  cli_json_key(json, "normalized");
  cli_json_bool(json, args.normalized);
  cli_json_end_object(json);
  cli_json_key(json, "rows");
  cli_table_write_json(table, json);
  cli_json_end_object(json);
  cli_json_free(json);
}

static int
run_between(int argc, char **argv)
{
  CliContext *context = cli_context_new(&cli_command_between, between_entries,
                                        CLI_OUTPUT_FORMAT | CLI_OUTPUT_PRECISION |
                                        CLI_OUTPUT_FILE | CLI_OUTPUT_VIEW,
                                        "B(v) sums, over ordered pairs (s, t) with s in A, t in B, s != t,\n"
                                        "the share of the shortest s-t paths through v; normalised by\n"
                                        "the number of such pairs. A bloc: group:EU@2020 (members of EU\n"
                                        "on that day), country:TUR,AZE, nodes:istanbul,ankara. See\n"
                                        "docs/ego.md.");
  GError *error = NULL;
  int status = CLI_EXIT_OK;
  CitynetViewOptions *view_options = NULL;
  CitynetCentralityOptions *options = NULL;
  CitynetView *view = NULL;
  GArray *focus = NULL, *sources = NULL, *targets = NULL;
  GPtrArray *scores = g_ptr_array_new_with_free_func((GDestroyNotify) citynet_scores_free);
  CliTable *table = NULL;
  GString *text = NULL;
  CliFormat format;
  int precision;
  gsize top = 0;

  if (!cli_context_parse(context, &argc, &argv, &status))
    goto out;
  if (!cli_require_bundle(argc, argv, &error) ||
      !cli_output_args_check(&context->output, between_formats, &format, &precision,
                             &error) ||
      (view_options = cli_view_args_build(&context->view, &error)) == NULL ||
      (options = build_options(&error)) == NULL || !cli_parse_top(args.top, &top, &error))
    goto fail;
  if (args.sources == NULL || args.targets == NULL) {
    g_set_error_literal(&error, CLI_ERROR, CLI_ERROR_USAGE,
                        "both --sources BLOC and --targets BLOC are required");
    goto fail;
  }
  if ((view = cli_open_view(argv[1], view_options, &error)) == NULL ||
      (focus = cli_resolve_nodes(view, args.focus, "--focus", &error)) == NULL ||
      (sources = bloc_nodes(view, args.sources, "--sources", &error)) == NULL ||
      (targets = bloc_nodes(view, args.targets, "--targets", &error)) == NULL)
    goto fail;
  CitynetScores *values =
    citynet_bloc_betweenness(view, (const gsize *) sources->data, sources->len,
                             (const gsize *) targets->data, targets->len, options,
                             &error);
  if (values == NULL)
    goto fail;
  g_ptr_array_add(scores, values);
  table = cli_scores_table(scores, cli_rows_top(top, focus),
                           (const gsize *) focus->data, focus->len);

  text = g_string_new(NULL);
  if (format == CLI_FORMAT_JSON) {
    render_json(argv[1], view, &context->view, sources, targets, focus, table,
                precision, text);
  } else {
    if (cli_format_has_header(format)) {
      char *description = cli_view_describe(view, &context->view);
      const char *prefix = format == CLI_FORMAT_MARKDOWN ? "## " : "";
      const char *gap = format == CLI_FORMAT_MARKDOWN ? "\n\n" : "\n";
      g_string_append_printf(text, "%sBetween blocs: %s%s", prefix, argv[1], gap);
      g_string_append_printf(text, "View: %s; %zu nodes, %zu edges%s", description,
                             citynet_view_n_vertices(view), citynet_view_n_edges(view),
                             gap);
      g_string_append_printf(text, "From %s (%u nodes) to %s (%u nodes); lengths %s%s\n\n",
                             args.sources, sources->len, args.targets, targets->len,
                             args.unweighted ? "unit" : args.length != NULL ? args.length
                                                                          : "inverse",
                             args.normalized ? "; normalised by pairs" : "");
      g_free(description);
    }
    cli_table_render(table, format, precision, text);
  }
  if (!cli_output_write(context->output.output, text, &error))
    goto fail;
  goto out;

fail:
  status = cli_report_error(context->command, error);
out:
  if (text != NULL)
    g_string_free(text, TRUE);
  cli_table_free(table);
  g_ptr_array_unref(scores);
  if (focus != NULL)
    g_array_unref(focus);
  if (sources != NULL)
    g_array_unref(sources);
  if (targets != NULL)
    g_array_unref(targets);
  citynet_view_unref(view);
  citynet_centrality_options_free(options);
  citynet_view_options_free(view_options);
  cli_context_free(context);
  args_clear();
  return status;
}

const CliCommand cli_command_between = {
  "between", "BUNDLE --sources BLOC --targets BLOC",
  "Betweenness on the shortest paths from one bloc to another",
  run_between
};
