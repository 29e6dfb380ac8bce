/* citynet report BUNDLE --focus NODE: the composition of a node's ties;
 * with -o DIR (and no --format) the full report directory
 * (cli-report-dir.c). */
#include "cli-figure.h"
#include "cli-report.h"
#include "cli-view.h"

static const char *const report_formats[] = {
  "text", "csv", "json", "markdown", NULL
};

static char *focus_query, *period_text, *compare_text, *baseline_query,
    *groups_text, *permutations_text, *seed_text;
static gboolean force;
/* The command line as typed, for provenance.json (parsing consumes it). */
static char **context_argv;

static const GOptionEntry report_entries[] = {
  { "focus", 0, 0, G_OPTION_ARG_FILENAME, &focus_query,
    "The focus node: an id or a name (\"istanbul\", \"İstanbul\")", "NODE" },
  { "period", 0, 0, G_OPTION_ARG_FILENAME, &period_text,
    "The period FROM..TO (same as --from FROM --to TO; a side may be left out)", "A..B" },
  { "compare", 0, 0, G_OPTION_ARG_FILENAME, &compare_text,
    "Report directory: compare with the focus in the period C..D", "C..D" },
  { "baseline", 0, 0, G_OPTION_ARG_FILENAME, &baseline_query,
    "Report directory: compare with NODE's ties in the same period", "NODE" },
  { "groups", 0, 0, G_OPTION_ARG_FILENAME, &groups_text,
    "Report directory: partner groups to compare and colour (default: chosen from the partners)", "G1,G2" },
  { "permutations", 0, 0, G_OPTION_ARG_FILENAME, &permutations_text,
    "Report directory: permutations of the tests (default 1000)", "N" },
  { "seed", 0, 0, G_OPTION_ARG_FILENAME, &seed_text,
    "Report directory: seed of layouts and permutations (default 1)", "S" },
  { "force", 0, 0, G_OPTION_ARG_NONE, &force,
    "Report directory: replace a non-empty DIR", NULL },
  { NULL }
};

static void
clear_arguments(void)
{
  char **all[] = { &focus_query, &period_text, &compare_text, &baseline_query,
                   &groups_text, &permutations_text, &seed_text };
  for (guint i = 0; i < G_N_ELEMENTS(all); i++)
    g_clear_pointer(all[i], g_free);
  g_clear_pointer(&context_argv, g_strfreev);
  force = FALSE;
}

/* The human label of a composition category. */
static const char *
row_label(const CitynetNetwork *network, CitynetDimension dimension,
          const char *key)
{
  if (dimension == CITYNET_DIMENSION_COUNTRY)
    return cli_country_label(network, key);
  return *key != '\0' ? key : "(none)";
}

CliTable *
cli_report_rows_table(const CitynetComposition *composition,
                      const CitynetNetwork *network)
{
  CliTable *table = cli_table_new("rows", "Composition");
  guint c_dimension = cli_table_add_column(table, "dimension", "dimension", CLI_COLUMN_STRING);
  guint c_layer = cli_table_add_column(table, "layer", "within layer", CLI_COLUMN_STRING);
  guint c_key = cli_table_add_column(table, "key", "key", CLI_COLUMN_STRING);
  guint c_label = cli_table_add_column(table, "label", "label", CLI_COLUMN_STRING);
  guint c_ties = cli_table_add_column(table, "ties", "ties", CLI_COLUMN_INT);
  guint c_partners = cli_table_add_column(table, "partners", "partners", CLI_COLUMN_INT);
  guint c_weight = cli_table_add_column(table, "weight", "weight", CLI_COLUMN_DOUBLE);
  guint c_tie_share = cli_table_add_column(table, "tie_share", "tie share", CLI_COLUMN_DOUBLE);
  guint c_weight_share = cli_table_add_column(table, "weight_share", "weight share", CLI_COLUMN_DOUBLE);
  cli_table_set_null_text(table, c_layer, "(all)");
  cli_table_set_sections(table, c_dimension);
  cli_table_add_section_title(table, "layer", "Ties by layer");
  cli_table_add_section_title(table, "country", "Ties by partner country");
  cli_table_add_section_title(table, "group", "Ties by partner-country group");

  for (gsize i = 0; i < citynet_composition_n_rows(composition); i++) {
    CitynetDimension dimension;
    const char *layer, *key;
    gsize ties, partners;
    double weight, tie_share, weight_share;
    citynet_composition_row(composition, i, &dimension, &layer, &key, &ties,
                            &partners, &weight, &tie_share, &weight_share);
    cli_table_add_row(table);
    cli_table_set_string(table, c_dimension, citynet_dimension_to_string(dimension));
    cli_table_set_string(table, c_layer, layer);
    cli_table_set_string(table, c_key, key);
    cli_table_set_string(table, c_label, row_label(network, dimension, key));
    cli_table_set_int(table, c_ties, (gint64) ties);
    cli_table_set_int(table, c_partners, (gint64) partners);
    cli_table_set_double(table, c_weight, weight);
    cli_table_set_double(table, c_tie_share, tie_share);
    cli_table_set_double(table, c_weight_share, weight_share);
  }
  return table;
}

typedef struct {
  guint tie, partner, partner_name, partner_country, layer, weight, directed,
      direction, start, end, ref, reference_date, partner_groups;
} TieColumns;

static CliTable *
ties_table_new(TieColumns *c)
{
  CliTable *table = cli_table_new("ties", "Ties of the focus node");
  c->tie = cli_table_add_column(table, "tie", "tie", CLI_COLUMN_INT);
  c->partner = cli_table_add_column(table, "partner", "partner", CLI_COLUMN_STRING);
  c->partner_name = cli_table_add_column(table, "partner_name", "name", CLI_COLUMN_STRING);
  c->partner_country = cli_table_add_column(table, "partner_country", "country", CLI_COLUMN_STRING);
  c->layer = cli_table_add_column(table, "layer", "layer", CLI_COLUMN_STRING);
  c->weight = cli_table_add_column(table, "weight", "weight", CLI_COLUMN_DOUBLE);
  c->directed = cli_table_add_column(table, "directed", "directed", CLI_COLUMN_BOOL);
  c->direction = cli_table_add_column(table, "direction", "direction", CLI_COLUMN_STRING);
  c->start = cli_table_add_column(table, "start", "start", CLI_COLUMN_STRING);
  c->end = cli_table_add_column(table, "end", "end", CLI_COLUMN_STRING);
  c->ref = cli_table_add_column(table, "ref", "ref", CLI_COLUMN_STRING);
  c->reference_date = cli_table_add_column(table, "reference_date", "group date", CLI_COLUMN_STRING);
  c->partner_groups = cli_table_add_column(table, "partner_groups", "partner groups",
                                           CLI_COLUMN_STRING_LIST);
  cli_table_set_null_text(table, c->start, "-");
  cli_table_set_null_text(table, c->end, "-");
  cli_table_set_null_text(table, c->reference_date, "now");
  return table;
}

/* The focus node's ties in the view, in network order: exactly the ties
 * the composition counts (incident to the focus, either direction). */
CliTable *
cli_report_ties_table(const CitynetView *view, gsize focus)
{
  const CitynetNetwork *network = citynet_view_get_network(view);
  char buffer[CITYNET_DATE_STRING_SIZE];
  TieColumns c;
  CliTable *table = ties_table_new(&c);

  for (gsize i = 0; i < citynet_view_n_ties(view); i++) {
    gsize tie = citynet_view_tie(view, i);
    gsize source = citynet_network_tie_source(network, tie);
    gsize target = citynet_network_tie_target(network, tie);
    if (source != focus && target != focus)
      continue;
    gsize partner = source == focus ? target : source;
    gboolean directed = citynet_network_tie_directed(network, tie);
    CitynetDate day = citynet_view_tie_reference_date(view, tie);
    char **groups = citynet_network_node_groups_at(network, partner, day);

    cli_table_add_row(table);
    cli_table_set_int(table, c.tie, (gint64) tie);
    cli_table_set_string(table, c.partner, citynet_network_node_id(network, partner));
    cli_table_set_string(table, c.partner_name, citynet_network_node_name(network, partner));
    cli_table_set_string(table, c.partner_country, citynet_network_node_country(network, partner));
    cli_table_set_string(table, c.layer, citynet_network_tie_layer(network, tie));
    cli_table_set_double(table, c.weight, citynet_network_tie_weight(network, tie));
    cli_table_set_bool(table, c.directed, directed);
    cli_table_set_string(table, c.direction,
                         !directed ? "both" : source == focus ? "out" : "in");
    cli_table_set_string(table, c.start,
                         cli_format_date(citynet_network_tie_start(network, tie), buffer));
    cli_table_set_string(table, c.end,
                         cli_format_date(citynet_network_tie_end(network, tie), buffer));
    cli_table_set_string(table, c.ref, citynet_network_tie_ref(network, tie));
    cli_table_set_string(table, c.reference_date, cli_format_date(day, buffer));
    cli_table_set_strv(table, c.partner_groups, (const char *const *) groups);
    g_strfreev(groups);
  }
  return table;
}

static void
write_focus_json(const CitynetNetwork *network, gsize focus, CliJson *json)
{
  cli_json_begin_object(json);
  cli_json_key(json, "id");
  cli_json_string(json, citynet_network_node_id(network, focus));
  cli_json_key(json, "name");
  cli_json_string(json, citynet_network_node_name(network, focus));
  cli_json_key(json, "kind");
  cli_json_string(json, citynet_network_node_kind(network, focus));
  cli_json_key(json, "country");
  cli_json_string(json, citynet_network_node_country(network, focus));
  cli_json_end_object(json);
}

static void
write_totals_json(const CitynetComposition *composition, CliJson *json)
{
  cli_json_begin_object(json);
  cli_json_key(json, "ties");
  cli_json_int(json, (gint64) citynet_composition_total_ties(composition));
  cli_json_key(json, "partners");
  cli_json_int(json, (gint64) citynet_composition_total_partners(composition));
  cli_json_key(json, "weight");
  cli_json_double(json, citynet_composition_total_weight(composition));
  cli_json_end_object(json);
}

typedef struct {
  const char *bundle;
  const CitynetView *view;
  const CliViewArgs *args;
  const CitynetComposition *composition;
  GPtrArray *tables; /* rows, ties */
  CliFormat format;
  int precision;
} Report;

static void
render_json(gconstpointer data, GString *out)
{
  const Report *report = data;
  const CitynetNetwork *network = citynet_view_get_network(report->view);
  CliJson *json = cli_json_new(out, report->precision);
  cli_json_begin_object(json);
  cli_json_key(json, "schema");
  cli_json_string(json, "citynet.report/1");
  cli_json_key(json, "bundle");
  cli_json_string(json, report->bundle);
  cli_json_key(json, "focus");
  write_focus_json(network, citynet_composition_focus(report->composition), json);
  cli_json_key(json, "view");
  cli_view_write_json(report->view, report->args, json);
  cli_json_key(json, "totals");
  write_totals_json(report->composition, json);
  for (guint i = 0; i < report->tables->len; i++) {
    const CliTable *table = g_ptr_array_index(report->tables, i);
    cli_json_key(json, cli_table_get_name(table));
    cli_table_write_json(table, json);
  }
  cli_json_end_object(json);
  cli_json_free(json);
}

static void
render_header(gconstpointer data, GString *out)
{
  const Report *report = data;
  const CitynetNetwork *network = citynet_view_get_network(report->view);
  gsize focus = citynet_composition_focus(report->composition);
  const char *country = citynet_network_node_country(network, focus);
  char weight[CLI_NUMBER_SIZE];
  char *description = cli_view_describe(report->view, report->args);
  char *where = country != NULL
                    ? g_strdup_printf("%s, %s", country, cli_country_label(network, country))
                    : g_strdup("no country");
  const char *prefix = report->format == CLI_FORMAT_MARKDOWN ? "## " : "";
  const char *gap = report->format == CLI_FORMAT_MARKDOWN ? "\n\n" : "\n";

  g_string_append_printf(out, "%sFocus: %s (%s; %s)%s", prefix,
                         citynet_network_node_name(network, focus),
                         citynet_network_node_id(network, focus), where, gap);
  g_string_append_printf(out, "View: %s%s", description, gap);
  g_string_append_printf(out, "Totals: %zu ties, %zu partners, weight %s\n\n",
                         citynet_composition_total_ties(report->composition),
                         citynet_composition_total_partners(report->composition),
                         cli_format_double(weight,
                                           citynet_composition_total_weight(report->composition),
                                           report->precision));
  g_free(where);
  g_free(description);
}

/* Resolves the focus on the loaded network, then builds view and
 * composition: a misspelt focus is reported before a view problem. */
static CitynetComposition *
open_composition(const char *bundle, const CitynetViewOptions *options,
                 CitynetView **view, GError **error)
{
  CitynetNetwork *network = citynet_bundle_load(bundle, error);
  if (network == NULL)
    return NULL;
  gssize focus = citynet_network_find_node(network, focus_query, error);
  if (focus >= 0)
    *view = citynet_view_new(network, options, error);
  citynet_network_unref(network);
  if (*view == NULL)
    return NULL;
  return citynet_composition_new(*view, (gsize) focus, error);
}

static gboolean
check_focus(GError **error)
{
  if (focus_query == NULL || *focus_query == '\0') {
    g_set_error_literal(error, CLI_ERROR, CLI_ERROR_USAGE,
                        "missing --focus NODE");
    return FALSE;
  }
  return cli_check_utf8("--focus", focus_query, error);
}

/* The view options with --period applied (it stands for --from/--to);
 * @from and @to receive the period's sides when asked. */
static CitynetViewOptions *
period_view_options_full(const CliViewArgs *args, char **from, char **to,
                         GError **error)
{
  if (from != NULL)
    *from = g_strdup(args->from);
  if (to != NULL)
    *to = g_strdup(args->to);
  if (period_text != NULL && (args->at != NULL || args->from != NULL || args->to != NULL)) {
    g_set_error_literal(error, CLI_ERROR, CLI_ERROR_USAGE,
                        "--period cannot be combined with --at, --from or --to");
    return NULL;
  }
  CitynetViewOptions *options = cli_view_args_build(args, error);
  if (options == NULL || period_text == NULL)
    return options;
  char *a, *b;
  CitynetViewOptions *with = NULL;
  if (cli_parse_period("--period", period_text, &a, &b, error))
    with = cli_view_options_with_period(options, "--period", a, b, error);
  citynet_view_options_free(options);
  if (with != NULL && from != NULL) {
    g_free(*from);
    *from = g_strdup(a);
  }
  if (with != NULL && to != NULL) {
    g_free(*to);
    *to = g_strdup(b);
  }
  g_free(a);
  g_free(b);
  return with;
}

static CitynetViewOptions *
period_view_options(const CliViewArgs *args, GError **error)
{
  return period_view_options_full(args, NULL, NULL, error);
}

static gboolean
parse_count(const char *option, const char *text, guint64 max, guint64 *out,
            GError **error)
{
  if (text != NULL && !g_ascii_string_to_unsigned(text, 10, 0, max, out, NULL)) {
    g_set_error(error, CLI_ERROR, CLI_ERROR_USAGE,
                "%s: expected an integer from 0 to %" G_GUINT64_FORMAT ", not '%s'",
                option, max, text);
    return FALSE;
  }
  return TRUE;
}

/* citynet report BUNDLE --focus NODE ... -o DIR */
static int
run_directory(CliContext *context, int argc, char **argv)
{
  GError *error = NULL;
  CliReportSpec spec = { 0 };
  CitynetViewOptions *options = NULL, *compare_options = NULL;
  char *from = NULL, *to = NULL, *compare_from = NULL, *compare_to = NULL;
  guint64 permutations = 1000, seed = 1;
  int status = CLI_EXIT_OK;

  if (context->output.table != NULL) {
    g_set_error_literal(&error, CLI_ERROR, CLI_ERROR_USAGE,
                        "--table applies to printed tables, not to the report "
                        "directory (-o DIR without --format)");
    goto fail;
  }
  spec.precision = 3;
  if (context->output.precision != NULL) {
    guint64 precision;
    if (!parse_count("--precision", context->output.precision, CLI_PRECISION_MAX,
                     &precision, &error))
      goto fail;
    spec.precision = (int) precision;
  }
  if (!cli_require_bundle(argc, argv, &error) || !check_focus(&error) ||
      !cli_check_utf8("--baseline", baseline_query, &error) ||
      !cli_check_utf8("--groups", groups_text, &error) ||
      !parse_count("--permutations", permutations_text, 1000000, &permutations, &error) ||
      !parse_count("--seed", seed_text, G_MAXUINT64, &seed, &error) ||
      (options = period_view_options_full(&context->view, &from, &to, &error)) == NULL)
    goto fail;
  if (compare_text != NULL) {
    if (!cli_parse_period("--compare", compare_text, &compare_from, &compare_to, &error) ||
        (compare_options = cli_view_options_with_period(options, "--compare", compare_from,
                                                        compare_to, &error)) == NULL)
      goto fail;
  }
  /* Refuse a non-empty target before the work, not after it. */
  if (!cli_report_check_target(context->output.output, force, &error))
    goto fail;

  spec.bundle = argv[1];
  spec.argv = NULL;
  spec.network = citynet_bundle_load(spec.bundle, &error);
  if (spec.network == NULL)
    goto fail;
  gssize focus = citynet_network_find_node(spec.network, focus_query, &error);
  if (focus < 0)
    goto fail;
  spec.focus = (gsize) focus;
  spec.baseline = -1;
  if (baseline_query != NULL &&
      (spec.baseline = citynet_network_find_node(spec.network, baseline_query, &error)) < 0)
    goto fail;
  spec.view = citynet_view_new(spec.network, options, &error);
  if (spec.view == NULL)
    goto fail;
  if (compare_options != NULL &&
      (spec.compare_view = citynet_view_new(spec.network, compare_options, &error)) == NULL)
    goto fail;
  spec.view_args = &context->view;
  spec.from = from;
  spec.to = to;
  spec.compare_from = compare_from;
  spec.compare_to = compare_to;
  spec.groups = cli_split_groups(groups_text);
  spec.permutations = (guint) permutations;
  spec.seed = seed;
  spec.force = force;
  spec.output = context->output.output;
  spec.argv = context_argv;
  if (!cli_report_write_directory(&spec, &error))
    goto fail;
  {
    GString *done = g_string_new(NULL);
    char *md = g_build_filename(spec.output, "report.md", NULL);
    g_string_append_printf(done, "%s\n", md);
    g_free(md);
    gboolean ok = cli_output_write(NULL, done, &error);
    g_string_free(done, TRUE);
    if (!ok)
      goto fail;
  }
  goto out;

fail:
  status = cli_report_error(context->command, error);
out:
  g_strfreev(spec.groups);
  citynet_view_unref(spec.compare_view);
  citynet_view_unref(spec.view);
  citynet_network_unref(spec.network);
  citynet_view_options_free(compare_options);
  citynet_view_options_free(options);
  g_free(from);
  g_free(to);
  g_free(compare_from);
  g_free(compare_to);
  return status;
}

static int
run(int argc, char **argv)
{
  CliContext *context = cli_context_new(&cli_command_report, report_entries,
                                        CLI_OUTPUT_FORMAT | CLI_OUTPUT_PRECISION |
                                        CLI_OUTPUT_TABLE | CLI_OUTPUT_FILE |
                                        CLI_OUTPUT_VIEW,
                                        "Tables: rows (by layer, partner country and partner-country group),\n"
                                        "ties (every tie counted). Shares divide by the totals of the same\n"
                                        "scope: all layers, or one layer.\n"
                                        "\n"
                                        "With -o DIR and no --format, writes a report directory instead:\n"
                                        "report.md, report.html, tables as CSV and LaTeX, figures as SVG and\n"
                                        "PDF, provenance.json (--compare, --baseline, --groups, --seed and\n"
                                        "--permutations apply there). See docs/cli.md.");
  GError *error = NULL;
  int status = CLI_EXIT_OK;
  CitynetViewOptions *options = NULL;
  CitynetView *view = NULL;
  CitynetComposition *composition = NULL;
  Report report = { 0 };

  context_argv = g_new0(char *, argc + 2);
  context_argv[0] = g_strdup("citynet");
  for (int i = 0; i < argc; i++)
    context_argv[i + 1] = g_strdup(argv[i]);
  if (!cli_context_parse(context, &argc, &argv, &status))
    goto out;
  if (context->output.output != NULL && context->output.format == NULL) {
    status = run_directory(context, argc, argv);
    goto out;
  }
  if (compare_text != NULL || baseline_query != NULL || groups_text != NULL ||
      permutations_text != NULL || seed_text != NULL || force) {
    g_set_error_literal(&error, CLI_ERROR, CLI_ERROR_USAGE,
                        "--compare, --baseline, --groups, --permutations, --seed "
                        "and --force apply to the report directory (-o DIR "
                        "without --format)");
    goto fail;
  }
  if (!cli_require_bundle(argc, argv, &error) || !check_focus(&error) ||
      !cli_output_args_check(&context->output, report_formats, &report.format,
                             &report.precision, &error) ||
      (options = period_view_options(&context->view, &error)) == NULL)
    goto fail;

  report.bundle = argv[1];
  composition = open_composition(report.bundle, options, &view, &error);
  if (composition == NULL)
    goto fail;
  report.view = view;
  report.args = &context->view;
  report.composition = composition;
  report.tables = g_ptr_array_new_with_free_func((GDestroyNotify) cli_table_free);
  g_ptr_array_add(report.tables,
                  cli_report_rows_table(composition, citynet_view_get_network(view)));
  g_ptr_array_add(report.tables,
                  cli_report_ties_table(view, citynet_composition_focus(composition)));

  if (!cli_output_emit(&context->output, report.format, report.precision, report.tables,
                       render_json, render_header, &report, &error))
    goto fail;
  goto out;

fail:
  status = cli_report_error(context->command, error);
out:
  if (report.tables != NULL)
    g_ptr_array_unref(report.tables);
  citynet_composition_free(composition);
  citynet_view_unref(view);
  citynet_view_options_free(options);
  cli_context_free(context);
  clear_arguments();
  return status;
}

const CliCommand cli_command_report = {
  "report", "BUNDLE --focus NODE",
  "Break a node's ties down by layer, partner country and country group", run
};
