/* citynet brokerage BUNDLE --by SPEC: Gould-Fernandez brokerage roles.
 *
 * Table "nodes": per role, the nodes in order of their count, with sna's
 * expected value, standard deviation and z-score, and the permutation
 * statistics when --permutations is given. Table "global": the same for
 * the whole view. Every number from citynet_brokerage_new(); see
 * docs/ego.md. */
#include <math.h>
#include <string.h>

#include "cli-scores.h"
#include "cli-view.h"

static const char *const brokerage_formats[] = {
  "text", "csv", "json", "markdown", NULL
};

static struct {
  char *by;
  gboolean undirected;
  char *permutations;
  char *seed;
  char **roles;
  char *top;
  char **focus;
} args;

static const GOptionEntry brokerage_entries[] = {
  { "by", 0, 0, G_OPTION_ARG_FILENAME, &args.by,
    "The groups (required): country, group:G[@DATE] (G or not G), "
    "groups:G1,G2[@DATE], kind or attr:KEY", "SPEC" },
  { "undirected", 0, 0, G_OPTION_ARG_NONE, &args.undirected,
    "Read a directed view's ties in both directions (as sna on a "
    "symmetrised matrix)", NULL },
  { "permutations", 0, 0, G_OPTION_ARG_FILENAME, &args.permutations,
    "Also a permutation test with N random relabellings (default 0)", "N" },
  { "seed", 0, 0, G_OPTION_ARG_FILENAME, &args.seed,
    "Seed of the permutations (default 1)", "S" },
  { "role", 'r', 0, G_OPTION_ARG_FILENAME_ARRAY, &args.roles,
    "Roles (comma-separated, repeatable): coordinator, consultant, "
    "representative, gatekeeper, liaison, total (default: all)", "R1,R2" },
  { "top", 0, 0, G_OPTION_ARG_FILENAME, &args.top,
    "Only nodes ranked N or better by count (ties included)", "N" },
  { "focus", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &args.focus,
    "Always show this node (an id or a name; repeatable)", "NODE" },
  { NULL }
};

static void
args_clear(void)
{
  g_free(args.by);
  g_free(args.permutations);
  g_free(args.seed);
  g_strfreev(args.roles);
  g_free(args.top);
  g_strfreev(args.focus);
  memset(&args, 0, sizeof args);
}

typedef struct {
  guint permutations;
  guint64 seed;
  gboolean roles[CITYNET_BROKERAGE_ROLE_COUNT];
  gsize top;
} Settings;

static gboolean
parse_settings(Settings *s, GError **error)
{
  guint64 value;
  if (args.by == NULL || *args.by == '\0') {
    g_set_error_literal(error, CLI_ERROR, CLI_ERROR_USAGE,
                        "missing --by SPEC (country, group:EU@2020, ...)");
    return FALSE;
  }
  if (!cli_check_utf8("--by", args.by, error))
    return FALSE;
  s->permutations = 0;
  if (args.permutations != NULL) {
    if (!g_ascii_string_to_unsigned(args.permutations, 10, 0, G_MAXUINT32, &value, NULL)) {
      g_set_error(error, CLI_ERROR, CLI_ERROR_USAGE,
                  "--permutations needs a whole number, not '%s'", args.permutations);
      return FALSE;
    }
    s->permutations = (guint) value;
  }
  s->seed = 1;
  if (args.seed != NULL &&
      !g_ascii_string_to_unsigned(args.seed, 10, 0, G_MAXUINT64, &s->seed, NULL)) {
    g_set_error(error, CLI_ERROR, CLI_ERROR_USAGE,
                "--seed needs a whole number, not '%s'", args.seed);
    return FALSE;
  }
  char **names = cli_view_args_split(args.roles);
  for (int r = 0; r < CITYNET_BROKERAGE_ROLE_COUNT; r++)
    s->roles[r] = names == NULL;
  for (gsize i = 0; names != NULL && names[i] != NULL; i++) {
    CitynetBrokerageRole role;
    GError *cause = NULL;
    if (!citynet_brokerage_role_from_string(names[i], &role, &cause)) {
      g_set_error(error, CLI_ERROR, CLI_ERROR_USAGE, "--role: %s", cause->message);
      g_error_free(cause);
      g_strfreev(names);
      return FALSE;
    }
    s->roles[role] = TRUE;
  }
  g_strfreev(names);
  return cli_parse_top(args.top, &s->top, error);
}

/* The statistic columns shown: the analytic ones, and the permutation
 * ones when permutations ran. */
static int
n_stats(const Settings *s)
{
  return s->permutations > 0 ? CITYNET_BROKERAGE_STAT_COUNT : CITYNET_BROKERAGE_PERM_MEAN;
}

static CliTable *
nodes_table(const CitynetBrokerage *brokerage, const CitynetPartition *partition,
            const Settings *s, const GArray *focus)
{
  CitynetView *view = citynet_partition_get_view(partition);
  const CitynetNetwork *network = citynet_view_get_network(view);
  CliTable *table = cli_table_new("nodes", "Brokerage roles");
  guint c_id = cli_table_add_column(table, "id", "id", CLI_COLUMN_STRING);
  guint c_name = cli_table_add_column(table, "name", "name", CLI_COLUMN_STRING);
  guint c_group = cli_table_add_column(table, "group", "group", CLI_COLUMN_STRING);
  guint c_role = cli_table_add_column(table, "role", "role", CLI_COLUMN_STRING);
  guint c_stat[CITYNET_BROKERAGE_STAT_COUNT];
  for (int k = 0; k < n_stats(s); k++)
    c_stat[k] = cli_table_add_column(table, citynet_brokerage_stat_name(k),
                                     citynet_brokerage_stat_name(k), CLI_COLUMN_DOUBLE);
  guint c_rank = cli_table_add_column(table, "rank", "rank", CLI_COLUMN_INT);
  cli_table_set_sections(table, c_role);
  const gsize top = cli_rows_top(s->top, focus);

  for (int r = 0; r < CITYNET_BROKERAGE_ROLE_COUNT; r++) {
    if (!s->roles[r])
      continue;
    const char *role = citynet_brokerage_role_name(r);
    CitynetScores *counts = citynet_brokerage_scores(brokerage, r, CITYNET_BROKERAGE_COUNT);
    char *title = g_strdup_printf("%s (rank by count among %zu nodes)", role,
                                  citynet_scores_n(counts));
    cli_table_add_section_title(table, role, title);
    g_free(title);
    for (gsize k = 0; k < citynet_scores_n(counts); k++) {
      gsize i = citynet_scores_order(counts, k);
      gsize node = citynet_scores_node(counts, i);
      gboolean show = citynet_scores_rank(counts, i) <= top;
      for (guint f = 0; !show && f < focus->len; f++)
        show = g_array_index(focus, gsize, f) == node;
      if (!show)
        continue;
      gsize vertex = citynet_scores_vertex(counts, i);
      cli_table_add_row(table);
      cli_table_set_string(table, c_id, citynet_network_node_id(network, node));
      cli_table_set_string(table, c_name, citynet_network_node_name(network, node));
      cli_table_set_string(table, c_group,
                           citynet_partition_label_name(partition,
                                                        citynet_partition_label(partition, vertex)));
      cli_table_set_string(table, c_role, role);
      for (int st = 0; st < n_stats(s); st++) {
        double value = citynet_brokerage_get(brokerage, vertex, r, st);
        if (!isnan(value))
          cli_table_set_double(table, c_stat[st], value);
      }
      cli_table_set_int(table, c_rank, (gint64) citynet_scores_rank(counts, i));
    }
    citynet_scores_free(counts);
  }
  return table;
}

static CliTable *
global_table(const CitynetBrokerage *brokerage, const Settings *s)
{
  CliTable *table = cli_table_new("global", "Whole view");
  guint c_role = cli_table_add_column(table, "role", "role", CLI_COLUMN_STRING);
  guint c_stat[CITYNET_BROKERAGE_STAT_COUNT];
  for (int k = 0; k < n_stats(s); k++)
    c_stat[k] = cli_table_add_column(table, citynet_brokerage_stat_name(k),
                                     citynet_brokerage_stat_name(k), CLI_COLUMN_DOUBLE);
  for (int r = 0; r < CITYNET_BROKERAGE_ROLE_COUNT; r++) {
    if (!s->roles[r])
      continue;
    cli_table_add_row(table);
    cli_table_set_string(table, c_role, citynet_brokerage_role_name(r));
    for (int st = 0; st < n_stats(s); st++) {
      double value = citynet_brokerage_get_global(brokerage, r, st);
      if (!isnan(value))
        cli_table_set_double(table, c_stat[st], value);
    }
  }
  return table;
}

static void
render_json(const char *bundle, CitynetView *view, const CliViewArgs *view_args,
            const CitynetPartition *partition, const Settings *s,
            gboolean directed, const GArray *focus, GPtrArray *tables,
            int precision, GString *out)
{
  CliJson *json = cli_json_new(out, precision);
  cli_json_begin_object(json);
  cli_json_key(json, "schema");
  cli_json_string(json, "citynet.brokerage/1");
  cli_json_key(json, "bundle");
  cli_json_string(json, bundle);
  cli_json_key(json, "view");
  cli_view_write_json(view, view_args, json);
  cli_write_scores_json_meta(view, focus, json);
  cli_json_key(json, "options");
  cli_json_begin_object(json);
  cli_json_key(json, "by");
  cli_json_string(json, citynet_partition_get_source(partition));
  cli_json_key(json, "directed");
  cli_json_bool(json, directed);
  cli_json_key(json, "permutations");
  cli_json_int(json, s->permutations);
  cli_json_key(json, "seed");
  cli_json_int(json, (gint64) s->seed);
  cli_json_end_object(json);
  for (guint i = 0; i < tables->len; i++) {
    const CliTable *table = g_ptr_array_index(tables, i);
    cli_json_key(json, cli_table_get_name(table));
    cli_table_write_json(table, json);
  }
  cli_json_end_object(json);
  cli_json_free(json);
}

static int
run_brokerage(int argc, char **argv)
{
  CliContext *context = cli_context_new(&cli_command_brokerage, brokerage_entries,
                                        CLI_OUTPUT_FORMAT | CLI_OUTPUT_PRECISION |
                                        CLI_OUTPUT_TABLE | CLI_OUTPUT_FILE |
                                        CLI_OUTPUT_VIEW,
                                        "Gould and Fernandez (1989) with UCINET's role names; R's sna\n"
                                        "calls them w_I, w_O, b_IO, b_OI, b_O. A broker v sits on a\n"
                                        "two-path a -> v -> b without a tie a -> b: coordinator (a, v, b\n"
                                        "in one group), consultant (a, b in one group, v outside),\n"
                                        "representative (a with v), gatekeeper (v with b), liaison (three\n"
                                        "groups). Tables: nodes, global. See docs/ego.md.");
  GError *error = NULL;
  int status = CLI_EXIT_OK;
  CitynetViewOptions *view_options = NULL;
  CitynetView *view = NULL;
  CitynetPartition *partition = NULL;
  CitynetBrokerage *brokerage = NULL;
  GArray *focus = NULL;
  GPtrArray *tables = g_ptr_array_new_with_free_func((GDestroyNotify) cli_table_free);
  GString *text = NULL;
  CliFormat format;
  int precision;
  Settings settings;

  if (!cli_context_parse(context, &argc, &argv, &status))
    goto out;
  if (!cli_require_bundle(argc, argv, &error) ||
      !cli_output_args_check(&context->output, brokerage_formats, &format,
                             &precision, &error) ||
      (view_options = cli_view_args_build(&context->view, &error)) == NULL ||
      !parse_settings(&settings, &error))
    goto fail;
  if ((view = cli_open_view(argv[1], view_options, &error)) == NULL ||
      (focus = cli_resolve_nodes(view, args.focus, "--focus", &error)) == NULL ||
      (partition = citynet_partition_new_by_spec(view, args.by, &error)) == NULL ||
      (brokerage = citynet_brokerage_new(partition, !args.undirected,
                                         settings.permutations, settings.seed,
                                         &error)) == NULL)
    goto fail;
  g_ptr_array_add(tables, nodes_table(brokerage, partition, &settings, focus));
  g_ptr_array_add(tables, global_table(brokerage, &settings));
  if (!cli_select_tables(tables, context->output.table, &error))
    goto fail;

  text = g_string_new(NULL);
  const gboolean directed = citynet_view_is_directed(view) && !args.undirected;
  if (format == CLI_FORMAT_JSON) {
    render_json(argv[1], view, &context->view, partition, &settings, directed,
                focus, tables, precision, text);
  } else {
    if (cli_format_has_header(format)) {
      char *description = cli_view_describe(view, &context->view);
      const char *prefix = format == CLI_FORMAT_MARKDOWN ? "## " : "";
      const char *gap = format == CLI_FORMAT_MARKDOWN ? "\n\n" : "\n";
      g_string_append_printf(text, "%sBrokerage: %s%s", prefix, argv[1], gap);
      g_string_append_printf(text, "View: %s; %zu nodes, %zu edges%s", description,
                             citynet_view_n_vertices(view), citynet_view_n_edges(view),
                             gap);
      g_string_append_printf(text, "Groups: %s (%zu); %s", citynet_partition_get_source(partition),
                             citynet_partition_n_labels(partition),
                             directed ? "directed two-paths" : "ties read both ways");
      if (settings.permutations > 0)
        g_string_append_printf(text, "; %u permutations, seed %" G_GUINT64_FORMAT,
                               settings.permutations, settings.seed);
      g_string_append(text, "\n\n");
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
  citynet_brokerage_free(brokerage);
  citynet_partition_free(partition);
  if (focus != NULL)
    g_array_unref(focus);
  citynet_view_unref(view);
  citynet_view_options_free(view_options);
  cli_context_free(context);
  args_clear();
  return status;
}

const CliCommand cli_command_brokerage = {
  "brokerage", "BUNDLE --by SPEC",
  "Gould-Fernandez brokerage roles under a partition, with z-scores",
  run_brokerage
};
