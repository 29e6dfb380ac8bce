/* citynet cluster BUNDLE: clustering per node and for the whole view.
 *
 * Table "nodes": local clustering and ego-network density per node (and
 * Barrat's weighted clustering with --weighted), as id, name, measure,
 * value, rank. Table "summary": global transitivity and the average local
 * clustering (and the average Barrat coefficient). Every number comes from
 * the library (citynet_clustering_*()); see docs/analytics.md. */
#include <string.h>

#include "cli-scores.h"
#include "cli-view.h"

static const char *const cluster_formats[] = {
  "text", "csv", "json", "markdown", NULL
};

static struct {
  gboolean weighted;
  char *undefined;
  char *top;
  char **focus;
} args;

static const GOptionEntry cluster_entries[] = {
  { "weighted", 'w', 0, G_OPTION_ARG_NONE, &args.weighted,
    "Also Barrat's weighted clustering (and its average)", NULL },
  { "undefined", 0, 0, G_OPTION_ARG_FILENAME, &args.undefined,
    "Nodes with fewer than two neighbours: nan (default; left out of "
    "averages) or zero (counted as 0, as NetworkX)", "HOW" },
  { "top", 0, 0, G_OPTION_ARG_FILENAME, &args.top,
    "Only nodes ranked N or better (ties included)", "N" },
  { "focus", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &args.focus,
    "Always show this node (an id or a name; repeatable)", "NODE" },
  { NULL }
};

static void
args_clear(void)
{
  g_free(args.undefined);
  g_free(args.top);
  g_strfreev(args.focus);
  memset(&args, 0, sizeof args);
}

typedef struct {
  const char *name;
  double value;
} SummaryItem;

typedef struct {
  const char *bundle;
  CitynetView *view;
  const CliViewArgs *view_args;
  CitynetUndefined undefined;
  GPtrArray *scores;          /* CitynetScores */
  GArray *focus;              /* gsize */
  SummaryItem summary[3];
  guint n_summary;
  GPtrArray *tables;          /* nodes, summary */
  CliFormat format;
  int precision;
} Run;

static gboolean
compute(Run *run, GError **error)
{
  CitynetScores *scores = citynet_clustering_local(run->view, run->undefined, error);
  if (scores == NULL)
    return FALSE;
  g_ptr_array_add(run->scores, scores);
  if (args.weighted) {
    if ((scores = citynet_clustering_barrat(run->view, run->undefined, error)) == NULL)
      return FALSE;
    g_ptr_array_add(run->scores, scores);
  }
  if ((scores = citynet_clustering_ego_density(run->view, run->undefined, error)) == NULL)
    return FALSE;
  g_ptr_array_add(run->scores, scores);

  SummaryItem *item = run->summary;
  item->name = "transitivity";
  if (!citynet_clustering_global(run->view, &item->value, error))
    return FALSE;
  (++item)->name = "average_clustering";
  if (!citynet_clustering_average(run->view, FALSE, run->undefined, &item->value, error))
    return FALSE;
  if (args.weighted) {
    (++item)->name = "average_barrat";
    if (!citynet_clustering_average(run->view, TRUE, run->undefined, &item->value, error))
      return FALSE;
  }
  run->n_summary = (guint) (item - run->summary) + 1;
  return TRUE;
}

static CliTable *
summary_table(const Run *run)
{
  CliTable *table = cli_table_new("summary", "Whole view");
  guint c_measure = cli_table_add_column(table, "measure", "measure", CLI_COLUMN_STRING);
  guint c_value = cli_table_add_column(table, "value", "value", CLI_COLUMN_DOUBLE);
  for (guint i = 0; i < run->n_summary; i++) {
    cli_table_add_row(table);
    cli_table_set_string(table, c_measure, run->summary[i].name);
    cli_table_set_double(table, c_value, run->summary[i].value);
  }
  return table;
}

static void
render_json(gconstpointer data, GString *out)
{
  const Run *run = data;
  CliJson *json = cli_json_new(out, run->precision);
  cli_json_begin_object(json);
  cli_json_key(json, "schema");
  cli_json_string(json, "citynet.cluster/1");
  cli_json_key(json, "bundle");
  cli_json_string(json, run->bundle);
  cli_json_key(json, "view");
  cli_view_write_json(run->view, run->view_args, json);
  cli_write_scores_json_meta(run->view, run->focus, json);
  cli_json_key(json, "undefined");
  cli_json_string(json, run->undefined == CITYNET_UNDEFINED_ZERO ? "zero" : "nan");
  cli_json_key(json, "measures");
  cli_json_begin_array_compact(json);
  for (guint i = 0; i < run->scores->len; i++)
    cli_json_string(json, citynet_scores_measure(g_ptr_array_index(run->scores, i)));
  cli_json_end_array(json);
  cli_json_key(json, "summary");
  cli_json_begin_object(json);
  for (guint i = 0; i < run->n_summary; i++) {
    cli_json_key(json, run->summary[i].name);
    cli_json_double(json, run->summary[i].value);
  }
  cli_json_end_object(json);
  cli_json_key(json, "rows");
  cli_table_write_json(g_ptr_array_index(run->tables, 0), json);
  cli_json_end_object(json);
  cli_json_free(json);
}

static void
render_header(gconstpointer data, GString *out)
{
  const Run *run = data;
  char *description = cli_view_describe(run->view, run->view_args);
  const char *prefix = run->format == CLI_FORMAT_MARKDOWN ? "## " : "";
  const char *gap = run->format == CLI_FORMAT_MARKDOWN ? "\n\n" : "\n";
  g_string_append_printf(out, "%sClustering: %s%s", prefix, run->bundle, gap);
  g_string_append_printf(out, "View: %s; %zu nodes, %zu edges%s", description,
                         citynet_view_n_vertices(run->view),
                         citynet_view_n_edges(run->view), gap);
  g_string_append_printf(out, "Computed on the simple undirected graph of the view; "
                         "nodes with fewer than two neighbours: %s\n\n",
                         run->undefined == CITYNET_UNDEFINED_ZERO ? "0" : "undefined (empty)");
  g_free(description);
}

static int
run_cluster(int argc, char **argv)
{
  CliContext *context = cli_context_new(&cli_command_cluster, cluster_entries,
                                        CLI_OUTPUT_FORMAT | CLI_OUTPUT_PRECISION |
                                        CLI_OUTPUT_TABLE | CLI_OUTPUT_FILE |
                                        CLI_OUTPUT_VIEW,
                                        "Tables: nodes (id, name, measure, value, rank), summary\n"
                                        "(transitivity, average clustering). Directed views are read\n"
                                        "as undirected, parallel ties as one with summed weight; ego\n"
                                        "density counts arcs on directed views. See docs/analytics.md.");
  GError *error = NULL;
  int status = CLI_EXIT_OK;
  CitynetViewOptions *view_options = NULL;
  Run run = { 0 };
  gsize top = 0;

  if (!cli_context_parse(context, &argc, &argv, &status))
    goto out;
  if (!cli_require_bundle(argc, argv, &error) ||
      !cli_output_args_check(&context->output, cluster_formats, &run.format,
                             &run.precision, &error) ||
      (view_options = cli_view_args_build(&context->view, &error)) == NULL ||
      !cli_parse_top(args.top, &top, &error))
    goto fail;
  if (args.undefined != NULL) {
    GError *cause = NULL;
    if (!citynet_undefined_from_string(args.undefined, &run.undefined, &cause)) {
      g_set_error(&error, CLI_ERROR, CLI_ERROR_USAGE, "--undefined: %s", cause->message);
      g_error_free(cause);
      goto fail;
    }
  }

  run.bundle = argv[1];
  run.view_args = &context->view;
  run.view = cli_open_view(run.bundle, view_options, &error);
  if (run.view == NULL)
    goto fail;
  run.focus = cli_resolve_nodes(run.view, args.focus, "--focus", &error);
  if (run.focus == NULL)
    goto fail;
  run.scores = g_ptr_array_new_with_free_func((GDestroyNotify) citynet_scores_free);
  if (!compute(&run, &error))
    goto fail;
  run.tables = g_ptr_array_new_with_free_func((GDestroyNotify) cli_table_free);
  g_ptr_array_add(run.tables,
                  cli_scores_table(run.scores, cli_rows_top(top, run.focus),
                                   (const gsize *) run.focus->data, run.focus->len));
  g_ptr_array_add(run.tables, summary_table(&run));

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
  if (run.focus != NULL)
    g_array_unref(run.focus);
  citynet_view_unref(run.view);
  citynet_view_options_free(view_options);
  cli_context_free(context);
  args_clear();
  return status;
}

const CliCommand cli_command_cluster = {
  "cluster", "BUNDLE",
  "Clustering: local, Barrat, ego-network density, transitivity",
  run_cluster
};
