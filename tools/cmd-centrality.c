/* citynet centrality BUNDLE --measure M1,M2: centrality scores per node.
 *
 * One row per node and measure (id, name, measure, value, rank), every
 * number from the library (citynet_centrality_compute()). See docs/cli.md
 * and docs/analytics.md. */
#include <string.h>

#include "cli-scores.h"
#include "cli-view.h"

static const char *const centrality_formats[] = {
  "text", "csv", "json", "markdown", NULL
};

/* Linear-time measures: the path-based ones cost O(n m) and are asked for
 * by name. */
static const char *const default_measures[] = {
  "degree", "strength", "pagerank", NULL
};

static struct {
  char **measures;
  char *mode;
  char *length;
  gboolean unweighted;
  gboolean normalized;
  gboolean wf_improved;
  char *cutoff;
  char *damping;
  char **personalize;
  char *top;
  char **focus;
} args;

static const GOptionEntry centrality_entries[] = {
  { "measure", 'm', 0, G_OPTION_ARG_FILENAME_ARRAY, &args.measures,
    "Measures (comma-separated, repeatable): degree, strength, betweenness, "
    "closeness, harmonic, eigenvector, pagerank, hub, authority, or all "
    "(default: degree,strength,pagerank)", "M1,M2" },
  { "mode", 0, 0, G_OPTION_ARG_FILENAME, &args.mode,
    "Directed views: default, out, in or all (ignore direction)", "MODE" },
  { "length", 0, 0, G_OPTION_ARG_FILENAME, &args.length,
    "Path lengths from weights: inverse (1/w, default), unit or weight", "RULE" },
  { "unweighted", 0, 0, G_OPTION_ARG_NONE, &args.unweighted,
    "Ignore tie weights in every measure", NULL },
  { "normalized", 0, 0, G_OPTION_ARG_NONE, &args.normalized,
    "Normalise degree, betweenness, closeness and harmonic centrality", NULL },
  { "wf-improved", 0, 0, G_OPTION_ARG_NONE, &args.wf_improved,
    "Scale closeness by the share of nodes reached (Wasserman-Faust)", NULL },
  { "cutoff", 0, 0, G_OPTION_ARG_FILENAME, &args.cutoff,
    "Ignore paths longer than X (betweenness, closeness, harmonic)", "X" },
  { "damping", 0, 0, G_OPTION_ARG_FILENAME, &args.damping,
    "PageRank damping factor (default 0.85)", "X" },
  { "personalize", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &args.personalize,
    "Personalised PageRank restarting at these nodes (comma-separated, "
    "repeatable)", "N1,N2" },
  { "top", 0, 0, G_OPTION_ARG_FILENAME, &args.top,
    "Only nodes ranked N or better (ties included)", "N" },
  { "focus", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &args.focus,
    "Always show this node (an id or a name; repeatable)", "NODE" },
  { NULL }
};

static void
args_clear(void)
{
  g_strfreev(args.measures);
  g_free(args.mode);
  g_free(args.length);
  g_free(args.cutoff);
  g_free(args.damping);
  g_strfreev(args.personalize);
  g_free(args.top);
  g_strfreev(args.focus);
  memset(&args, 0, sizeof args);
}

/* A library argument error about an option value is a usage error. */
static gboolean
usage(const char *option, GError *cause, GError **error)
{
  g_set_error(error, CLI_ERROR, CLI_ERROR_USAGE, "%s: %s", option,
              cause->message);
  g_error_free(cause);
  return FALSE;
}

/* The requested measures, without repeats, in the order given. */
static GArray *
parse_measures(GError **error)
{
  char **names = cli_view_args_split(args.measures);
  const char *const *list = names != NULL ? (const char *const *) names
                                          : default_measures;
  GArray *measures = g_array_new(FALSE, FALSE, sizeof(CitynetCentrality));
  GError *cause = NULL;
  for (gsize i = 0; list[i] != NULL; i++) {
    if (g_ascii_strcasecmp(list[i], "all") == 0) {
      for (int m = 0; m < CITYNET_CENTRALITY_COUNT; m++) {
        CitynetCentrality measure = (CitynetCentrality) m;
        g_array_append_val(measures, measure);
      }
      continue;
    }
    CitynetCentrality measure;
    if (!citynet_centrality_from_string(list[i], &measure, &cause)) {
      usage("--measure", cause, error);
      g_array_unref(measures);
      g_strfreev(names);
      return NULL;
    }
    g_array_append_val(measures, measure);
  }
  g_strfreev(names);
  if (measures->len == 0) {
    g_set_error_literal(error, CLI_ERROR, CLI_ERROR_USAGE,
                        "--measure names no measure");
    g_array_unref(measures);
    return NULL;
  }
  /* Drop repeats (keeping the first) so "all,degree" is not doubled. */
  GArray *unique = g_array_new(FALSE, FALSE, sizeof(CitynetCentrality));
  for (guint i = 0; i < measures->len; i++) {
    CitynetCentrality m = g_array_index(measures, CitynetCentrality, i);
    gboolean seen = FALSE;
    for (guint j = 0; j < unique->len; j++)
      seen |= g_array_index(unique, CitynetCentrality, j) == m;
    if (!seen)
      g_array_append_val(unique, m);
  }
  g_array_unref(measures);
  return unique;
}

/* Everything but the personalisation nodes, which need the network. */
static CitynetCentralityOptions *
build_options(GError **error)
{
  CitynetCentralityOptions *options = citynet_centrality_options_new();
  GError *cause = NULL;
  CitynetMode mode;
  CitynetLength length;
  double value;

  if (args.mode != NULL) {
    if (!citynet_mode_from_string(args.mode, &mode, &cause))
      goto usage_mode;
    citynet_centrality_options_set_mode(options, mode);
  }
  if (args.length != NULL) {
    if (!citynet_length_from_string(args.length, &length, &cause))
      goto usage_length;
    citynet_centrality_options_set_length(options, length);
  }
  citynet_centrality_options_set_weighted(options, !args.unweighted);
  citynet_centrality_options_set_normalized(options, args.normalized);
  citynet_centrality_options_set_wf_improved(options, args.wf_improved);
  if (args.cutoff != NULL &&
      (!cli_parse_real("--cutoff", args.cutoff, &value, error) ||
       !citynet_centrality_options_set_cutoff(options, value, NULL)))
    goto fail;
  if (args.damping != NULL) {
    if (!cli_parse_real("--damping", args.damping, &value, error))
      goto fail;
    if (!citynet_centrality_options_set_damping(options, value, &cause)) {
      usage("--damping", cause, error);
      goto fail;
    }
  }
  return options;

usage_mode:
  usage("--mode", cause, error);
  goto fail;
usage_length:
  usage("--length", cause, error);
fail:
  citynet_centrality_options_free(options);
  return NULL;
}

typedef struct {
  const char *bundle;
  CitynetView *view;
  const CliViewArgs *view_args;
  GPtrArray *scores;          /* CitynetScores, one per measure */
  GArray *focus;              /* gsize network nodes */
  GArray *personalize;        /* gsize network nodes */
  CliTable *table;
  CliFormat format;
  int precision;
} Run;

static void
write_options_json(const Run *run, CliJson *json)
{
  const CitynetNetwork *network = citynet_view_get_network(run->view);
  double value;
  cli_json_key(json, "options");
  cli_json_begin_object(json);
  cli_json_key(json, "mode");
  cli_json_string(json, args.mode != NULL ? args.mode : "default");
  cli_json_key(json, "length");
  cli_json_string(json, args.length != NULL ? args.length : "inverse");
  cli_json_key(json, "weighted");
  cli_json_bool(json, !args.unweighted);
  cli_json_key(json, "normalized");
  cli_json_bool(json, args.normalized);
  cli_json_key(json, "wf_improved");
  cli_json_bool(json, args.wf_improved);
  cli_json_key(json, "cutoff");
  if (args.cutoff != NULL && cli_parse_real("--cutoff", args.cutoff, &value, NULL) &&
      value >= 0)
    cli_json_double(json, value);
  else
    cli_json_null(json);
  cli_json_key(json, "damping");
  cli_json_double(json, args.damping != NULL &&
                        cli_parse_real("--damping", args.damping, &value, NULL)
                          ? value : 0.85);
  cli_json_key(json, "personalize");
  cli_json_begin_array_compact(json);
  for (guint i = 0; i < run->personalize->len; i++)
    cli_json_string(json, citynet_network_node_id(network,
                                                  g_array_index(run->personalize, gsize, i)));
  cli_json_end_array(json);
  cli_json_end_object(json);
}

static void
render_json(const Run *run, GString *out)
{
  CliJson *json = cli_json_new(out, run->precision);
  cli_json_begin_object(json);
  cli_json_key(json, "schema");
  cli_json_string(json, "citynet.centrality/1");
  cli_json_key(json, "bundle");
  cli_json_string(json, run->bundle);
  cli_json_key(json, "view");
  cli_view_write_json(run->view, run->view_args, json);
  cli_write_scores_json_meta(run->view, run->focus, json);
  write_options_json(run, json);
  cli_json_key(json, "measures");
  cli_json_begin_array_compact(json);
  for (guint i = 0; i < run->scores->len; i++)
    cli_json_string(json, citynet_scores_measure(g_ptr_array_index(run->scores, i)));
  cli_json_end_array(json);
  cli_json_key(json, "rows");
  cli_table_write_json(run->table, json);
  cli_json_end_object(json);
  cli_json_free(json);
}

static void
render_header(const Run *run, GString *out)
{
  char *description = cli_view_describe(run->view, run->view_args);
  const char *prefix = run->format == CLI_FORMAT_MARKDOWN ? "## " : "";
  const char *gap = run->format == CLI_FORMAT_MARKDOWN ? "\n\n" : "\n";
  g_string_append_printf(out, "%sCentrality: %s%s", prefix, run->bundle, gap);
  g_string_append_printf(out, "View: %s; %zu nodes, %zu edges%s", description,
                         citynet_view_n_vertices(run->view),
                         citynet_view_n_edges(run->view), gap);
  g_string_append_printf(out, "Options: %s weights; lengths %s; mode %s%s%s%s\n\n",
                         args.unweighted ? "no" : "tie",
                         args.length != NULL ? args.length : "inverse",
                         args.mode != NULL ? args.mode : "default",
                         args.normalized ? "; normalised" : "",
                         args.wf_improved ? "; Wasserman-Faust closeness" : "",
                         run->personalize->len > 0 ? "; personalised PageRank" : "");
  g_free(description);
}

static gboolean
compute_all(Run *run, const GArray *measures, CitynetCentralityOptions *options,
            GError **error)
{
  citynet_centrality_options_set_personalization(options,
                                                 (const gsize *) run->personalize->data,
                                                 run->personalize->len);
  for (guint i = 0; i < measures->len; i++) {
    CitynetScores *scores =
      citynet_centrality_compute(run->view, g_array_index(measures, CitynetCentrality, i),
                                 options, error);
    if (scores == NULL)
      return FALSE;
    g_ptr_array_add(run->scores, scores);
  }
  return TRUE;
}

static int
run_centrality(int argc, char **argv)
{
  CliContext *context = cli_context_new(&cli_command_centrality, centrality_entries,
                                        CLI_OUTPUT_FORMAT | CLI_OUTPUT_PRECISION |
                                        CLI_OUTPUT_FILE | CLI_OUTPUT_VIEW,
                                        "Tie weights are strengths; path-based measures use lengths\n"
                                        "(--length). Ranks: 1 is the highest value; equal values share\n"
                                        "a rank (1224); undefined values (empty) rank last. See\n"
                                        "docs/analytics.md for every formula.");
  GError *error = NULL;
  int status = CLI_EXIT_OK;
  CitynetViewOptions *view_options = NULL;
  CitynetCentralityOptions *options = NULL;
  GArray *measures = NULL;
  GString *text = NULL;
  Run run = { 0 };
  gsize top = 0;
  char **personal_queries = NULL;

  if (!cli_context_parse(context, &argc, &argv, &status))
    goto out;
  if (!cli_require_bundle(argc, argv, &error) ||
      !cli_output_args_check(&context->output, centrality_formats, &run.format,
                             &run.precision, &error) ||
      (view_options = cli_view_args_build(&context->view, &error)) == NULL ||
      (measures = parse_measures(&error)) == NULL ||
      (options = build_options(&error)) == NULL ||
      !cli_parse_top(args.top, &top, &error))
    goto fail;

  run.bundle = argv[1];
  run.view_args = &context->view;
  run.view = cli_open_view(run.bundle, view_options, &error);
  if (run.view == NULL)
    goto fail;
  personal_queries = cli_view_args_split(args.personalize);
  run.focus = cli_resolve_nodes(run.view, args.focus, "--focus", &error);
  if (run.focus == NULL)
    goto fail;
  run.personalize = cli_resolve_nodes(run.view, personal_queries, "--personalize", &error);
  if (run.personalize == NULL)
    goto fail;
  run.scores = g_ptr_array_new_with_free_func((GDestroyNotify) citynet_scores_free);
  if (!compute_all(&run, measures, options, &error))
    goto fail;
  /* --focus alone shows just the focus nodes; with --top, both. */
  run.table = cli_scores_table(run.scores, cli_rows_top(top, run.focus),
                               (const gsize *) run.focus->data, run.focus->len);

  text = g_string_new(NULL);
  if (run.format == CLI_FORMAT_JSON) {
    render_json(&run, text);
  } else {
    if (cli_format_has_header(run.format))
      render_header(&run, text);
    cli_table_render(run.table, run.format, run.precision, text);
  }
  if (!cli_output_write(context->output.output, text, &error))
    goto fail;
  goto out;

fail:
  status = cli_report_error(context->command, error);
out:
  if (text != NULL)
    g_string_free(text, TRUE);
  cli_table_free(run.table);
  if (run.scores != NULL)
    g_ptr_array_unref(run.scores);
  if (run.focus != NULL)
    g_array_unref(run.focus);
  if (run.personalize != NULL)
    g_array_unref(run.personalize);
  g_strfreev(personal_queries);
  citynet_view_unref(run.view);
  if (measures != NULL)
    g_array_unref(measures);
  citynet_centrality_options_free(options);
  citynet_view_options_free(view_options);
  cli_context_free(context);
  args_clear();
  return status;
}

const CliCommand cli_command_centrality = {
  "centrality", "BUNDLE",
  "Centrality of every node: degree, strength, betweenness, PageRank, ...",
  run_centrality
};
