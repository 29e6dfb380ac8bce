/* citynet assortativity BUNDLE: do ties join alike nodes?
 *
 * Nominal assortativity by partitions (--by: country, kind, a group at a
 * date, an attribute), numeric assortativity by node values (--value:
 * population, a country attribute, a numeric node attribute), and with
 * --mixing the attribute mixing matrices. Tables: "assortativity" (one
 * row per --by and --value) and "mixing" (the non-zero cells). Every
 * number comes from the library (citynet_assortativity_nominal(),
 * citynet_assortativity_numeric(), citynet_mixing_matrix()); see
 * docs/communities.md. */
#include <math.h>
#include <string.h>

#include "cli-scores.h"
#include "cli-view.h"

static const char *const assortativity_formats[] = {
  "text", "csv", "json", "markdown", NULL
};

static struct {
  char **by;
  char **value;
  gboolean weighted;
  gboolean undirected;
  gboolean exclude_missing;
  gboolean mixing;
} args;

static const GOptionEntry assortativity_entries[] = {
  { "by", 'b', 0, G_OPTION_ARG_FILENAME_ARRAY, &args.by,
    "Nominal assortativity by SPEC: country, kind, attr:KEY, group:G[@DATE], "
    "groups:G1,G2[@DATE] (repeatable; default: country)", "SPEC" },
  { "value", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &args.value,
    "Numeric assortativity by SPEC: population, latitude, longitude, "
    "country:KEY, attr:KEY (repeatable)", "SPEC" },
  { "weighted", 'w', 0, G_OPTION_ARG_NONE, &args.weighted,
    "Count every edge with its weight (default: every edge counts 1)", NULL },
  { "undirected", 0, 0, G_OPTION_ARG_NONE, &args.undirected,
    "Read a directed view's arcs as undirected edges", NULL },
  { "exclude-missing", 0, 0, G_OPTION_ARG_NONE, &args.exclude_missing,
    "--by: leave out nodes without the attribute (default: they form the "
    "label \"(none)\")", NULL },
  { "mixing", 0, 0, G_OPTION_ARG_NONE, &args.mixing,
    "Also print the mixing matrix of every --by", NULL },
  { NULL }
};

static void
args_clear(void)
{
  g_strfreev(args.by);
  g_strfreev(args.value);
  memset(&args, 0, sizeof args);
}

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

/* One coefficient, with the matrices of a nominal one. */
typedef struct {
  char *attribute;            /* the partition's source or the value spec */
  gboolean numeric;
  CitynetAssortativity result;
  CitynetPartition *partition;/* nominal only */
  gsize k;
  double *counts;             /* k x k, unnormalised counts (nominal) */
  double *weights;            /* k x k, unnormalised weights (with --weighted) */
} Item;

static void
item_free(gpointer data)
{
  Item *item = data;
  g_free(item->attribute);
  citynet_partition_free(item->partition);
  g_free(item->counts);
  g_free(item->weights);
  g_free(item);
}

typedef struct {
  const char *bundle;
  CitynetView *view;
  const CliViewArgs *view_args;
  CitynetAssortativityFlags flags;
  GPtrArray *items;           /* Item */
  GPtrArray *tables;
  CliFormat format;
  int precision;
} Run;

static gboolean
nominal_item(Run *run, const char *spec, GError **error)
{
  GError *cause = NULL;
  if (!cli_check_utf8("--by", spec, error))
    return FALSE;
  CitynetPartition *partition = citynet_partition_new_by_spec(run->view, spec, &cause);
  if (partition == NULL)
    return option_error("--by", cause, error);
  Item *item = g_new0(Item, 1);
  item->attribute = g_strdup(citynet_partition_get_source(partition));
  item->partition = partition;
  g_ptr_array_add(run->items, item);
  if (!citynet_assortativity_nominal(partition, run->flags, &item->result, error))
    return FALSE;
  if (!args.mixing)
    return TRUE;
  CitynetAssortativityFlags counting = run->flags & ~CITYNET_ASSORTATIVITY_WEIGHTED;
  item->counts = citynet_mixing_matrix(partition, counting, FALSE, &item->k, error);
  if (item->counts == NULL)
    return FALSE;
  if (args.weighted) {
    item->weights = citynet_mixing_matrix(partition, run->flags, FALSE, &item->k, error);
    if (item->weights == NULL)
      return FALSE;
  }
  return TRUE;
}

static gboolean
numeric_item(Run *run, const char *spec, GError **error)
{
  GError *cause = NULL;
  if (!cli_check_utf8("--value", spec, error))
    return FALSE;
  CitynetScores *values = citynet_node_values(run->view, spec, &cause);
  if (values == NULL)
    return option_error("--value", cause, error);
  Item *item = g_new0(Item, 1);
  item->attribute = g_strdup(spec);
  item->numeric = TRUE;
  g_ptr_array_add(run->items, item);
  gboolean ok = citynet_assortativity_numeric(values, run->flags, &item->result, error);
  citynet_scores_free(values);
  return ok;
}

static gboolean
compute(Run *run, GError **error)
{
  run->items = g_ptr_array_new_with_free_func(item_free);
  if (args.by == NULL && args.value == NULL)
    return nominal_item(run, "country", error);
  for (gsize i = 0; args.by != NULL && args.by[i] != NULL; i++)
    if (!nominal_item(run, args.by[i], error))
      return FALSE;
  for (gsize i = 0; args.value != NULL && args.value[i] != NULL; i++)
    if (!numeric_item(run, args.value[i], error))
      return FALSE;
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Tables                                                                   */
/* ------------------------------------------------------------------------ */

static gboolean
reads_directed(const Run *run)
{
  return citynet_view_is_directed(run->view) && !args.undirected;
}

static CliTable *
coefficients_table(const Run *run)
{
  CliTable *table = cli_table_new("assortativity", "Assortativity");
  guint c_attribute = cli_table_add_column(table, "attribute", "attribute", CLI_COLUMN_STRING);
  guint c_type = cli_table_add_column(table, "type", "type", CLI_COLUMN_STRING);
  guint c_r = cli_table_add_column(table, "r", "r", CLI_COLUMN_DOUBLE);
  guint c_vertices = cli_table_add_column(table, "nodes", "nodes", CLI_COLUMN_INT);
  guint c_excluded = cli_table_add_column(table, "nodes_excluded", "nodes left out",
                                          CLI_COLUMN_INT);
  guint c_edges = cli_table_add_column(table, "edges", "edges", CLI_COLUMN_INT);
  guint c_edges_excluded = cli_table_add_column(table, "edges_excluded", "edges left out",
                                                CLI_COLUMN_INT);
  guint c_weighted = cli_table_add_column(table, "weighted", "weighted", CLI_COLUMN_BOOL);
  guint c_directed = cli_table_add_column(table, "directed", "directed", CLI_COLUMN_BOOL);
  cli_table_set_null_text(table, c_r, "undefined");
  for (guint i = 0; i < run->items->len; i++) {
    const Item *item = g_ptr_array_index(run->items, i);
    cli_table_add_row(table);
    cli_table_set_string(table, c_attribute, item->attribute);
    cli_table_set_string(table, c_type, item->numeric ? "numeric" : "nominal");
    if (!isnan(item->result.value))
      cli_table_set_double(table, c_r, item->result.value);
    cli_table_set_int(table, c_vertices, (gint64) item->result.n_vertices);
    cli_table_set_int(table, c_excluded, (gint64) item->result.n_excluded);
    cli_table_set_int(table, c_edges, (gint64) item->result.n_edges);
    cli_table_set_int(table, c_edges_excluded, (gint64) item->result.n_edges_excluded);
    cli_table_set_bool(table, c_weighted, args.weighted);
    cli_table_set_bool(table, c_directed, reads_directed(run));
  }
  return table;
}

static double
matrix_total(const double *matrix, gsize k)
{
  double total = 0.0;
  for (gsize i = 0; i < k * k; i++)
    total += matrix[i];
  return total;
}

/* The non-zero cells of every mixing matrix, row by row. */
static CliTable *
mixing_table(const Run *run)
{
  CliTable *table = cli_table_new("mixing", "Mixing matrices (non-zero cells)");
  guint c_attribute = cli_table_add_column(table, "attribute", "attribute", CLI_COLUMN_STRING);
  guint c_from = cli_table_add_column(table, "from", "from", CLI_COLUMN_STRING);
  guint c_to = cli_table_add_column(table, "to", "to", CLI_COLUMN_STRING);
  guint c_count = cli_table_add_column(table, "count", "edge ends", CLI_COLUMN_DOUBLE);
  guint c_share = cli_table_add_column(table, "share", "share", CLI_COLUMN_DOUBLE);
  guint c_weight = 0, c_weight_share = 0;
  if (args.weighted) {
    c_weight = cli_table_add_column(table, "weight", "weight", CLI_COLUMN_DOUBLE);
    c_weight_share = cli_table_add_column(table, "weight_share", "weight share",
                                          CLI_COLUMN_DOUBLE);
  }
  cli_table_set_sections(table, c_attribute);
  for (guint i = 0; i < run->items->len; i++) {
    const Item *item = g_ptr_array_index(run->items, i);
    if (item->numeric || item->counts == NULL)
      continue;
    const double total = matrix_total(item->counts, item->k);
    const double weight_total = item->weights != NULL ? matrix_total(item->weights, item->k)
                                                      : 0.0;
    for (gsize r = 0; r < item->k; r++) {
      for (gsize c = 0; c < item->k; c++) {
        double count = item->counts[r * item->k + c];
        if (count == 0)
          continue;
        cli_table_add_row(table);
        cli_table_set_string(table, c_attribute, item->attribute);
        cli_table_set_string(table, c_from, citynet_partition_label_name(item->partition,
                                                                         (guint) r));
        cli_table_set_string(table, c_to, citynet_partition_label_name(item->partition,
                                                                       (guint) c));
        cli_table_set_double(table, c_count, count);
        cli_table_set_double(table, c_share, count / total);
        if (item->weights != NULL) {
          double weight = item->weights[r * item->k + c];
          cli_table_set_double(table, c_weight, weight);
          cli_table_set_double(table, c_weight_share, weight / weight_total);
        }
      }
    }
  }
  return table;
}

/* ------------------------------------------------------------------------ */
/* Output                                                                   */
/* ------------------------------------------------------------------------ */

static void
write_matrix(CliJson *json, const char *key, const double *matrix, gsize k,
             gboolean normalized)
{
  const double total = normalized ? matrix_total(matrix, k) : 1.0;
  cli_json_key(json, key);
  cli_json_begin_array(json);
  for (gsize r = 0; r < k; r++) {
    cli_json_begin_array_compact(json);
    for (gsize c = 0; c < k; c++)
      cli_json_double(json, total > 0 ? matrix[r * k + c] / total : 0.0);
    cli_json_end_array(json);
  }
  cli_json_end_array(json);
}

static void
render_json(gconstpointer data, GString *out)
{
  const Run *run = data;
  CliJson *json = cli_json_new(out, run->precision);
  cli_json_begin_object(json);
  cli_json_key(json, "schema");
  cli_json_string(json, "citynet.assortativity/1");
  cli_json_key(json, "bundle");
  cli_json_string(json, run->bundle);
  cli_json_key(json, "view");
  cli_view_write_json(run->view, run->view_args, json);
  cli_write_scores_json_meta(run->view, NULL, json);
  cli_json_key(json, "rows");
  cli_table_write_json(g_ptr_array_index(run->tables, 0), json);
  cli_json_key(json, "mixing");
  cli_json_begin_array(json);
  for (guint i = 0; i < run->items->len; i++) {
    const Item *item = g_ptr_array_index(run->items, i);
    if (item->numeric || item->counts == NULL)
      continue;
    cli_json_begin_object(json);
    cli_json_key(json, "attribute");
    cli_json_string(json, item->attribute);
    cli_json_key(json, "labels");
    cli_json_begin_array_compact(json);
    for (gsize l = 0; l < item->k; l++)
      cli_json_string(json, citynet_partition_label_name(item->partition, (guint) l));
    cli_json_end_array(json);
    write_matrix(json, "counts", item->counts, item->k, FALSE);
    write_matrix(json, "shares", item->counts, item->k, TRUE);
    if (item->weights != NULL) {
      write_matrix(json, "weights", item->weights, item->k, FALSE);
      write_matrix(json, "weight_shares", item->weights, item->k, TRUE);
    }
    cli_json_end_object(json);
  }
  cli_json_end_array(json);
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
  g_string_append_printf(out, "%sAssortativity: %s%s", prefix, run->bundle, gap);
  g_string_append_printf(out, "View: %s; %zu nodes, %zu edges%s", description,
                         citynet_view_n_vertices(run->view),
                         citynet_view_n_edges(run->view), gap);
  g_string_append_printf(out, "Edges read as %s, %s; r = 1: ties only join alike "
                         "nodes, 0: no preference, < 0: unlike nodes\n\n",
                         reads_directed(run) ? "arcs" : "undirected",
                         args.weighted ? "weighted" : "each counting 1");
  g_free(description);
}

static int
run_assortativity(int argc, char **argv)
{
  CliContext *context = cli_context_new(&cli_command_assortativity, assortativity_entries,
                                        CLI_OUTPUT_FORMAT | CLI_OUTPUT_PRECISION |
                                        CLI_OUTPUT_TABLE | CLI_OUTPUT_FILE |
                                        CLI_OUTPUT_VIEW,
                                        "Tables: assortativity (attribute, type, r, nodes, nodes_excluded,\n"
                                        "edges, edges_excluded, weighted, directed) and, with --mixing,\n"
                                        "mixing (attribute, from, to, count, share[, weight,\n"
                                        "weight_share]). Numeric values leave out nodes without a value.\n"
                                        "See docs/communities.md.");
  GError *error = NULL;
  int status = CLI_EXIT_OK;
  CitynetViewOptions *view_options = NULL;
  Run run = { 0 };

  if (!cli_context_parse(context, &argc, &argv, &status))
    goto out;
  if (!cli_require_bundle(argc, argv, &error) ||
      !cli_output_args_check(&context->output, assortativity_formats, &run.format,
                             &run.precision, &error) ||
      (view_options = cli_view_args_build(&context->view, &error)) == NULL)
    goto fail;
  if (args.mixing && args.by == NULL && args.value != NULL) {
    g_set_error_literal(&error, CLI_ERROR, CLI_ERROR_USAGE,
                        "--mixing needs a --by partition (numeric values have no "
                        "mixing matrix)");
    goto fail;
  }
  run.flags = (args.weighted ? CITYNET_ASSORTATIVITY_WEIGHTED : 0) |
              (args.undirected ? CITYNET_ASSORTATIVITY_UNDIRECTED : 0) |
              (args.exclude_missing ? CITYNET_ASSORTATIVITY_EXCLUDE_MISSING : 0);

  run.bundle = argv[1];
  run.view_args = &context->view;
  run.view = cli_open_view(run.bundle, view_options, &error);
  if (run.view == NULL || !compute(&run, &error))
    goto fail;
  run.tables = g_ptr_array_new_with_free_func((GDestroyNotify) cli_table_free);
  g_ptr_array_add(run.tables, coefficients_table(&run));
  if (args.mixing)
    g_ptr_array_add(run.tables, mixing_table(&run));

  if (!cli_output_emit(&context->output, run.format, run.precision, run.tables,
                       render_json, render_header, &run, &error))
    goto fail;
  goto out;

fail:
  status = cli_report_error(context->command, error);
out:
  if (run.tables != NULL)
    g_ptr_array_unref(run.tables);
  if (run.items != NULL)
    g_ptr_array_unref(run.items);
  citynet_view_unref(run.view);
  citynet_view_options_free(view_options);
  cli_context_free(context);
  args_clear();
  return status;
}

const CliCommand cli_command_assortativity = {
  "assortativity", "BUNDLE",
  "Assortativity by country, group, kind or value; mixing matrices",
  run_assortativity
};
