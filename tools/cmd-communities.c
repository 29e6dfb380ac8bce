/* citynet communities BUNDLE: community detection (Louvain, Leiden) or a
 * partition by attribute, its modularity, and its agreement with other
 * partitions (--compare: NMI, ARI, VI, Rand).
 *
 * Tables: "summary" (one row), "communities" (one row per community,
 * largest first), "nodes" (each node's community, in network order) and,
 * with --compare, "comparison". Every number comes from the library
 * (citynet_communities_detect(), citynet_partition_modularity(),
 * citynet_partition_compare()); see docs/communities.md. */
#include <string.h>

#include "cli-scores.h"
#include "cli-view.h"

static const char *const communities_formats[] = {
  "text", "csv", "json", "markdown", NULL
};

static struct {
  char *method;
  char *seed;
  char *resolution;
  gboolean unweighted;
  gboolean directed;
  char *beta;
  char *iterations;
  char *start;
  char *by;
  char **compare;
  char *top;
} args;

static const GOptionEntry communities_entries[] = {
  { "method", 'm', 0, G_OPTION_ARG_FILENAME, &args.method,
    "louvain (default) or leiden", "METHOD" },
  { "seed", 0, 0, G_OPTION_ARG_FILENAME, &args.seed,
    "Seed of the random vertex order (default 1): the same seed gives the "
    "same communities", "N" },
  { "resolution", 0, 0, G_OPTION_ARG_FILENAME, &args.resolution,
    "Modularity resolution gamma >= 0 (default 1; larger: smaller communities)", "X" },
  { "unweighted", 0, 0, G_OPTION_ARG_NONE, &args.unweighted,
    "Ignore tie weights (every adjacent pair counts 1)", NULL },
  { "directed-modularity", 0, 0, G_OPTION_ARG_NONE, &args.directed,
    "Report the directed modularity of a directed view (detection always "
    "uses the undirected collapse)", NULL },
  { "beta", 0, 0, G_OPTION_ARG_FILENAME, &args.beta,
    "Leiden: randomness of the refinement (default 0.01)", "X" },
  { "iterations", 0, 0, G_OPTION_ARG_FILENAME, &args.iterations,
    "Leiden: iterations, or -1 until stable (default)", "N" },
  { "start", 0, 0, G_OPTION_ARG_FILENAME, &args.start,
    "Leiden: start from louvain (default) or singletons", "FROM" },
  { "by", 0, 0, G_OPTION_ARG_FILENAME, &args.by,
    "Do not detect: use the partition SPEC (country, kind, attr:KEY, "
    "group:G[@DATE], groups:G1,G2[@DATE])", "SPEC" },
  { "compare", 'c', 0, G_OPTION_ARG_FILENAME_ARRAY, &args.compare,
    "Compare with the partition SPEC: NMI, ARI, VI, Rand (repeatable)", "SPEC" },
  { "top", 0, 0, G_OPTION_ARG_FILENAME, &args.top,
    "Only the N largest communities (and their nodes)", "N" },
  { NULL }
};

static void
args_clear(void)
{
  g_free(args.method);
  g_free(args.seed);
  g_free(args.resolution);
  g_free(args.beta);
  g_free(args.iterations);
  g_free(args.start);
  g_free(args.by);
  g_strfreev(args.compare);
  g_free(args.top);
  memset(&args, 0, sizeof args);
}

/* A library argument error about an option value is a usage error; other
 * errors (an unknown group: the data) keep their code, with the option
 * named. */
static gboolean
option_error(const char *option, GError *cause, GError **error)
{
  if (g_error_matches(cause, CITYNET_ERROR, CITYNET_ERROR_INVALID_ARGUMENT))
    g_set_error(error, CLI_ERROR, CLI_ERROR_USAGE, "%s: %s", option, cause->message);
  else
    g_set_error(error, CLI_ERROR, CLI_ERROR_FAILED, "%s: %s", option, cause->message);
  g_error_free(cause);
  return FALSE;
}

typedef struct {
  const char *bundle;
  CitynetView *view;
  const CliViewArgs *view_args;
  CitynetCommunityMethod method;
  CitynetCommunityOptions *options;
  guint64 seed;
  double resolution;
  double beta;
  gint iterations;
  CitynetLeidenStart start;
  CitynetPartition *partition;
  double modularity;
  GPtrArray *compared;        /* CitynetPartition */
  GPtrArray *tables;          /* summary, communities, nodes, comparison */
  gsize top;
  CliFormat format;
  int precision;
} Run;

static gboolean
parse_options(Run *run, GError **error)
{
  GError *cause = NULL;
  guint64 seed = 1;
  gint64 iterations = -1;
  run->resolution = 1.0;
  run->beta = 0.01;
  run->options = citynet_community_options_new();

  if (args.method != NULL &&
      !citynet_community_method_from_string(args.method, &run->method, &cause))
    return option_error("--method", cause, error);
  if (args.seed != NULL &&
      !g_ascii_string_to_unsigned(args.seed, 10, 0, G_MAXUINT64, &seed, NULL)) {
    g_set_error(error, CLI_ERROR, CLI_ERROR_USAGE,
                "--seed needs a whole number >= 0, not '%s'", args.seed);
    return FALSE;
  }
  run->seed = seed;
  citynet_community_options_set_seed(run->options, seed);
  if (args.resolution != NULL) {
    if (!cli_parse_real("--resolution", args.resolution, &run->resolution, error))
      return FALSE;
    if (!citynet_community_options_set_resolution(run->options, run->resolution, &cause))
      return option_error("--resolution", cause, error);
  }
  if (args.beta != NULL) {
    if (!cli_parse_real("--beta", args.beta, &run->beta, error))
      return FALSE;
    if (!citynet_community_options_set_beta(run->options, run->beta, &cause))
      return option_error("--beta", cause, error);
  }
  if (args.iterations != NULL &&
      (!g_ascii_string_to_signed(args.iterations, 10, G_MININT, G_MAXINT, &iterations,
                                 NULL) ||
       !citynet_community_options_set_iterations(run->options, (gint) iterations, NULL))) {
    g_set_error(error, CLI_ERROR, CLI_ERROR_USAGE,
                "--iterations needs a whole number other than 0 (-1: until stable), "
                "not '%s'", args.iterations);
    return FALSE;
  }
  run->iterations = iterations < 0 ? -1 : (gint) iterations;
  if (args.start != NULL &&
      !citynet_leiden_start_from_string(args.start, &run->start, &cause))
    return option_error("--start", cause, error);
  citynet_community_options_set_start(run->options, run->start);
  citynet_community_options_set_weighted(run->options, !args.unweighted);
  citynet_community_options_set_directed(run->options, args.directed);

  if (args.by != NULL && (args.method != NULL || args.seed != NULL || args.beta != NULL ||
                          args.iterations != NULL || args.start != NULL)) {
    g_set_error_literal(error, CLI_ERROR, CLI_ERROR_USAGE,
                        "--by uses a given partition: --method, --seed, --beta, "
                        "--iterations and --start do not apply");
    return FALSE;
  }
  if (args.method == NULL || run->method != CITYNET_COMMUNITY_LEIDEN) {
    if (args.beta != NULL || args.iterations != NULL || args.start != NULL) {
      g_set_error_literal(error, CLI_ERROR, CLI_ERROR_USAGE,
                          "--beta, --iterations and --start apply to --method leiden");
      return FALSE;
    }
  }
  if (args.by != NULL && !cli_check_utf8("--by", args.by, error))
    return FALSE;
  for (gsize i = 0; args.compare != NULL && args.compare[i] != NULL; i++)
    if (!cli_check_utf8("--compare", args.compare[i], error))
      return FALSE;
  return cli_parse_top(args.top, &run->top, error);
}

static gboolean
compute(Run *run, GError **error)
{
  GError *cause = NULL;
  if (args.by != NULL) {
    run->partition = citynet_partition_new_by_spec(run->view, args.by, &cause);
    if (run->partition == NULL)
      return option_error("--by", cause, error);
  } else {
    run->partition = citynet_communities_detect(run->view, run->method, run->options,
                                                error);
    if (run->partition == NULL)
      return FALSE;
  }
  if (!citynet_partition_modularity(run->partition, run->options, &run->modularity,
                                    error))
    return FALSE;
  run->compared = g_ptr_array_new_with_free_func((GDestroyNotify) citynet_partition_free);
  for (gsize i = 0; args.compare != NULL && args.compare[i] != NULL; i++) {
    CitynetPartition *other = citynet_partition_new_by_spec(run->view, args.compare[i],
                                                            &cause);
    if (other == NULL)
      return option_error("--compare", cause, error);
    g_ptr_array_add(run->compared, other);
  }
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Tables                                                                   */
/* ------------------------------------------------------------------------ */

static gboolean
detected(void)
{
  return args.by == NULL;
}

static CliTable *
summary_table(const Run *run)
{
  CliTable *table = cli_table_new("summary", "Partition");
  cli_table_set_vertical(table, TRUE);
  guint c_partition = cli_table_add_column(table, "partition", "partition", CLI_COLUMN_STRING);
  guint c_seed = cli_table_add_column(table, "seed", "seed", CLI_COLUMN_INT);
  guint c_beta = 0, c_iterations = 0, c_start = 0;
  const gboolean leiden = detected() && run->method == CITYNET_COMMUNITY_LEIDEN;
  if (leiden) {
    c_beta = cli_table_add_column(table, "beta", "beta", CLI_COLUMN_DOUBLE);
    c_iterations = cli_table_add_column(table, "iterations", "iterations", CLI_COLUMN_INT);
    c_start = cli_table_add_column(table, "start", "start", CLI_COLUMN_STRING);
  }
  guint c_resolution = cli_table_add_column(table, "resolution", "resolution",
                                            CLI_COLUMN_DOUBLE);
  guint c_weighted = cli_table_add_column(table, "weighted", "weighted", CLI_COLUMN_BOOL);
  guint c_directed = cli_table_add_column(table, "directed_modularity",
                                          "directed modularity", CLI_COLUMN_BOOL);
  guint c_labels = cli_table_add_column(table, "communities", "communities", CLI_COLUMN_INT);
  guint c_modularity = cli_table_add_column(table, "modularity", "modularity",
                                            CLI_COLUMN_DOUBLE);
  cli_table_set_null_text(table, c_seed, "-");
  cli_table_add_row(table);
  cli_table_set_string(table, c_partition, citynet_partition_get_source(run->partition));
  if (detected())
    cli_table_set_int(table, c_seed, (gint64) run->seed);
  if (leiden) {
    cli_table_set_double(table, c_beta, run->beta);
    cli_table_set_int(table, c_iterations, run->iterations);
    cli_table_set_string(table, c_start,
                         run->start == CITYNET_LEIDEN_START_LOUVAIN ? "louvain"
                                                                    : "singletons");
  }
  cli_table_set_double(table, c_resolution, run->resolution);
  cli_table_set_bool(table, c_weighted, !args.unweighted);
  cli_table_set_bool(table, c_directed,
                     args.directed && citynet_view_is_directed(run->view));
  cli_table_set_int(table, c_labels, (gint64) citynet_partition_n_labels(run->partition));
  cli_table_set_double(table, c_modularity, run->modularity);
  return table;
}

/* Larger labels first, equal sizes by label (a g_qsort_with_data()
 * comparison; @partition is the CitynetPartition). */
static gint
compare_by_size(gconstpointer x, gconstpointer y, gpointer partition)
{
  guint a = *(const guint *) x, b = *(const guint *) y;
  gsize sa = citynet_partition_label_size(partition, a);
  gsize sb = citynet_partition_label_size(partition, b);
  if (sa != sb)
    return sa > sb ? -1 : 1;
  return (a > b) - (a < b);
}

/* Labels by size, largest first, equal sizes by label: the display order
 * (for detected communities it is the label order). */
static guint *
labels_by_size(const CitynetPartition *partition)
{
  const gsize k = citynet_partition_n_labels(partition);
  guint *order = g_new(guint, k > 0 ? k : 1);
  for (gsize i = 0; i < k; i++)
    order[i] = (guint) i;
  g_qsort_with_data(order, (gint) k, sizeof *order, compare_by_size,
                    (gpointer) partition);
  return order;
}

/* Per label: the weight of the edges inside it and the total strength of
 * its nodes, summed over the view's edges in edge order (both ends of an
 * arc count, as in the undirected collapse modularity uses). */
static void
label_weights(const CitynetView *view, const CitynetPartition *partition,
              gboolean weighted, double *internal, double *strength)
{
  const gsize m = citynet_view_n_edges(view);
  for (gsize e = 0; e < m; e++) {
    gsize from, to;
    double w = citynet_view_edge(view, e, &from, &to);
    if (!weighted)
      w = 1.0;
    guint a = citynet_partition_label(partition, from);
    guint b = citynet_partition_label(partition, to);
    strength[a] += w;
    strength[b] += w;
    if (a == b)
      internal[a] += w;
  }
}

/* The shown labels: the --top largest (all without --top). */
static gboolean *
shown_labels(const Run *run, const guint *order)
{
  const gsize k = citynet_partition_n_labels(run->partition);
  gboolean *shown = g_new0(gboolean, k + 1);
  for (gsize i = 0; i < k; i++)
    shown[order[i]] = run->top == 0 || i < run->top;
  return shown;
}

static CliTable *
communities_table(const Run *run, const guint *order, const gboolean *shown)
{
  const CitynetPartition *p = run->partition;
  const gsize k = citynet_partition_n_labels(p);
  const gsize n = citynet_partition_n(p);
  double *internal = g_new0(double, k + 1);
  double *strength = g_new0(double, k + 1);
  /* The multigraph view with --unweighted counts parallel edges here; the
   * modularity counts pairs. Both are documented. */
  label_weights(run->view, p, !args.unweighted, internal, strength);

  CliTable *table = cli_table_new("communities", "Communities (largest first)");
  guint c_label = cli_table_add_column(table, "community", "community", CLI_COLUMN_INT);
  guint c_name = cli_table_add_column(table, "name", "name", CLI_COLUMN_STRING);
  guint c_size = cli_table_add_column(table, "size", "size", CLI_COLUMN_INT);
  guint c_share = cli_table_add_column(table, "share", "share of nodes", CLI_COLUMN_DOUBLE);
  guint c_internal = cli_table_add_column(table, "internal_weight", "internal weight",
                                          CLI_COLUMN_DOUBLE);
  guint c_strength = cli_table_add_column(table, "strength", "strength", CLI_COLUMN_DOUBLE);
  for (gsize i = 0; i < k; i++) {
    guint label = order[i];
    if (!shown[label])
      continue;
    gsize size = citynet_partition_label_size(p, label);
    cli_table_add_row(table);
    cli_table_set_int(table, c_label, label);
    cli_table_set_string(table, c_name, citynet_partition_label_name(p, label));
    cli_table_set_int(table, c_size, (gint64) size);
    if (n > 0)
      cli_table_set_double(table, c_share, (double) size / (double) n);
    cli_table_set_double(table, c_internal, internal[label]);
    cli_table_set_double(table, c_strength, strength[label]);
  }
  g_free(internal);
  g_free(strength);
  return table;
}

static CliTable *
nodes_table(const Run *run, const gboolean *shown)
{
  const CitynetPartition *p = run->partition;
  const CitynetNetwork *network = citynet_view_get_network(run->view);
  CliTable *table = cli_table_new("nodes", "Nodes");
  guint c_id = cli_table_add_column(table, "id", "id", CLI_COLUMN_STRING);
  guint c_name = cli_table_add_column(table, "name", "name", CLI_COLUMN_STRING);
  guint c_label = cli_table_add_column(table, "community", "community", CLI_COLUMN_INT);
  guint c_label_name = cli_table_add_column(table, "community_name", "community name",
                                            CLI_COLUMN_STRING);
  for (gsize v = 0; v < citynet_partition_n(p); v++) {
    guint label = citynet_partition_label(p, v);
    if (!shown[label])
      continue;
    gsize node = citynet_view_vertex_node(run->view, v);
    cli_table_add_row(table);
    cli_table_set_string(table, c_id, citynet_network_node_id(network, node));
    cli_table_set_string(table, c_name, citynet_network_node_name(network, node));
    cli_table_set_int(table, c_label, label);
    cli_table_set_string(table, c_label_name, citynet_partition_label_name(p, label));
  }
  return table;
}

static gboolean
comparison_table(const Run *run, CliTable **out, GError **error)
{
  CliTable *table = cli_table_new("comparison", "Agreement with other partitions");
  guint c_partition = cli_table_add_column(table, "partition", "partition", CLI_COLUMN_STRING);
  guint c_labels = cli_table_add_column(table, "labels", "labels", CLI_COLUMN_INT);
  guint c_measure[4];
  for (int m = 0; m < 4; m++) {
    const char *name = citynet_partition_comparison_name((CitynetPartitionComparison) m);
    c_measure[m] = cli_table_add_column(table, name, name, CLI_COLUMN_DOUBLE);
  }
  guint c_modularity = cli_table_add_column(table, "modularity", "its modularity",
                                            CLI_COLUMN_DOUBLE);
  for (guint i = 0; i < run->compared->len; i++) {
    const CitynetPartition *other = g_ptr_array_index(run->compared, i);
    double values[4], modularity;
    for (int m = 0; m < 4; m++)
      if (!citynet_partition_compare(run->partition, other, (CitynetPartitionComparison) m,
                                     &values[m], error)) {
        cli_table_free(table);
        return FALSE;
      }
    if (!citynet_partition_modularity(other, run->options, &modularity, error)) {
      cli_table_free(table);
      return FALSE;
    }
    cli_table_add_row(table);
    cli_table_set_string(table, c_partition, citynet_partition_get_source(other));
    cli_table_set_int(table, c_labels, (gint64) citynet_partition_n_labels(other));
    for (int m = 0; m < 4; m++)
      cli_table_set_double(table, c_measure[m], values[m]);
    cli_table_set_double(table, c_modularity, modularity);
  }
  *out = table;
  return TRUE;
}

static gboolean
build_tables(Run *run, GError **error)
{
  guint *order = labels_by_size(run->partition);
  gboolean *shown = shown_labels(run, order);
  run->tables = g_ptr_array_new_with_free_func((GDestroyNotify) cli_table_free);
  g_ptr_array_add(run->tables, summary_table(run));
  g_ptr_array_add(run->tables, communities_table(run, order, shown));
  g_ptr_array_add(run->tables, nodes_table(run, shown));
  g_free(order);
  g_free(shown);
  if (run->compared->len > 0) {
    CliTable *table;
    if (!comparison_table(run, &table, error))
      return FALSE;
    g_ptr_array_add(run->tables, table);
  }
  return TRUE;
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
  cli_json_string(json, "citynet.communities/1");
  cli_json_key(json, "bundle");
  cli_json_string(json, run->bundle);
  cli_json_key(json, "view");
  cli_view_write_json(run->view, run->view_args, json);
  cli_write_scores_json_meta(run->view, NULL, json);
  cli_json_key(json, "summary");
  cli_table_write_json_row(g_ptr_array_index(run->tables, 0), 0, json);
  cli_json_key(json, "communities");
  cli_table_write_json(g_ptr_array_index(run->tables, 1), json);
  cli_json_key(json, "nodes");
  cli_table_write_json(g_ptr_array_index(run->tables, 2), json);
  cli_json_key(json, "comparison");
  if (run->tables->len > 3)
    cli_table_write_json(g_ptr_array_index(run->tables, 3), json);
  else {
    cli_json_begin_array_compact(json);
    cli_json_end_array(json);
  }
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
  g_string_append_printf(out, "%sCommunities: %s%s", prefix, run->bundle, gap);
  g_string_append_printf(out, "View: %s; %zu nodes, %zu edges%s", description,
                         citynet_view_n_vertices(run->view),
                         citynet_view_n_edges(run->view), gap);
  if (detected())
    g_string_append_printf(out, "%s on the undirected collapse of the view, seed %"
                           G_GUINT64_FORMAT "%s\n\n",
                           run->method == CITYNET_COMMUNITY_LOUVAIN ? "Louvain" : "Leiden",
                           run->seed, args.unweighted ? ", unweighted" : "");
  else
    g_string_append_printf(out, "Partition by %s\n\n",
                           citynet_partition_get_source(run->partition));
  g_free(description);
}

static int
run_communities(int argc, char **argv)
{
  CliContext *context = cli_context_new(&cli_command_communities, communities_entries,
                                        CLI_OUTPUT_FORMAT | CLI_OUTPUT_PRECISION |
                                        CLI_OUTPUT_TABLE | CLI_OUTPUT_FILE |
                                        CLI_OUTPUT_VIEW,
                                        "Tables: summary, communities (largest first), nodes, comparison\n"
                                        "(with --compare). Detection and modularity use the undirected\n"
                                        "collapse of the view (reciprocal arcs and parallel ties summed).\n"
                                        "The same bundle, options and --seed give the same output, byte\n"
                                        "for byte. See docs/communities.md.");
  GError *error = NULL;
  int status = CLI_EXIT_OK;
  CitynetViewOptions *view_options = NULL;
  Run run = { 0 };

  if (!cli_context_parse(context, &argc, &argv, &status))
    goto out;
  if (!cli_require_bundle(argc, argv, &error) ||
      !cli_output_args_check(&context->output, communities_formats, &run.format,
                             &run.precision, &error) ||
      (view_options = cli_view_args_build(&context->view, &error)) == NULL ||
      !parse_options(&run, &error))
    goto fail;

  run.bundle = argv[1];
  run.view_args = &context->view;
  run.view = cli_open_view(run.bundle, view_options, &error);
  if (run.view == NULL || !compute(&run, &error) || !build_tables(&run, &error))
    goto fail;

  if (!cli_output_emit(&context->output, run.format, run.precision, run.tables,
                       render_json, render_header, &run, &error))
    goto fail;
  goto out;

fail:
  status = cli_report_error(context->command, error);
out:
  if (run.tables != NULL)
    g_ptr_array_unref(run.tables);
  if (run.compared != NULL)
    g_ptr_array_unref(run.compared);
  citynet_partition_free(run.partition);
  citynet_community_options_free(run.options);
  citynet_view_unref(run.view);
  citynet_view_options_free(view_options);
  cli_context_free(context);
  args_clear();
  return status;
}

const CliCommand cli_command_communities = {
  "communities", "BUNDLE",
  "Communities (Louvain, Leiden), modularity, agreement with blocs",
  run_communities
};
