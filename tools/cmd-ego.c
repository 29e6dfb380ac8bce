/* citynet ego BUNDLE --focus NODE: where one node's ties stand, in one
 * report (docs/alignment.md, docs/cli.md).
 *
 * Tables: ego_measures, structural_holes, brokerage (the ego-network
 * measures of <citynet/ego.h>), composition, diversity, ei (by country and
 * for each group), and with a baseline profile_country, profile_group,
 * summary, affinity; with --compare-from/--compare-to the same for the
 * focus against itself in that period (period_*); with --unvotes the
 * agreement scores (un_agreement, un_unmapped). Every number comes from
 * the library. */
#include <math.h>
#include <string.h>

#include "cli-alignment.h"
#include "cli-view.h"

static const char *const ego_formats[] = { "text", "csv", "json", "markdown", NULL };

static struct {
  char *focus;
  char *compare_from;
  char *compare_to;
  CliAlignArgs align;
} args;

static void
args_clear(void)
{
  g_free(args.focus);
  g_free(args.compare_from);
  g_free(args.compare_to);
  cli_align_args_clear(&args.align);
  memset(&args, 0, sizeof args);
}

static GArray *
ego_entries(void)
{
  GArray *entries = g_array_new(FALSE, FALSE, sizeof(GOptionEntry));
  const GOptionEntry own[] = {
    { "focus", 0, 0, G_OPTION_ARG_FILENAME, &args.focus,
      "The focus node: an id or a name (\"istanbul\", \"İstanbul\")", "NODE" },
    { "compare-from", 0, 0, G_OPTION_ARG_FILENAME, &args.compare_from,
      "Period comparison: the other window's first day (the focus in that window "
      "is the baseline of the period_* tables)", "DATE" },
    { "compare-to", 0, 0, G_OPTION_ARG_FILENAME, &args.compare_to,
      "Period comparison: the other window's last day", "DATE" },
  };
  g_array_append_vals(entries, own, G_N_ELEMENTS(own));
  cli_align_entries(entries, &args.align, FALSE);
  GOptionEntry end = { NULL };
  g_array_append_val(entries, end);
  return entries;
}

typedef struct {
  const char *bundle;
  const CliViewArgs *view_args;
  CitynetNetwork *network;
  gsize focus;
  CitynetViewOptions *view_options;
  CitynetView *view;
  CitynetAlignmentOptions *options;
  CliAlignSettings settings;
  char **groups;
  CitynetGroupComposition *composition;
  GPtrArray *ei;                 /* CitynetEIIndex, country then groups */
  CliUnVotes votes;
  CliBaseline baseline;
  gboolean has_baseline;
  CitynetAlignment *profile[2];  /* by country, by group */
  CitynetView *compare_view;
  CitynetAlignment *period[2];
  GPtrArray *tables;
  CliFormat format;
  int precision;
} Run;

static void
run_clear(Run *run)
{
  citynet_group_composition_free(run->composition);
  if (run->ei != NULL)
    g_ptr_array_unref(run->ei);
  for (int d = 0; d < 2; d++) {
    citynet_alignment_free(run->profile[d]);
    citynet_alignment_free(run->period[d]);
  }
  cli_baseline_clear(&run->baseline);
  cli_unvotes_clear(&run->votes);
  citynet_view_unref(run->compare_view);
  citynet_view_unref(run->view);
  citynet_view_options_free(run->view_options);
  citynet_alignment_options_free(run->options);
  citynet_network_unref(run->network);
  g_strfreev(run->groups);
  if (run->tables != NULL)
    g_ptr_array_unref(run->tables);
}

/* ------------------------------------------------------------------------ */
/* The ego-network measures of <citynet/ego.h>                              */
/* ------------------------------------------------------------------------ */

static CliTable *
ego_measures_table(Run *run, GError **error)
{
  g_autoptr(CitynetEgoMeasures) measures =
    citynet_ego_measures_new(run->view, &run->focus, 1, CITYNET_MODE_ALL, error);
  if (measures == NULL)
    return NULL;
  CliTable *table = cli_table_new("ego_measures", "Ego network (UCINET basic measures)");
  guint c_measure = cli_table_add_column(table, "measure", "measure", CLI_COLUMN_STRING);
  guint c_value = cli_table_add_column(table, "value", "value", CLI_COLUMN_DOUBLE);
  cli_table_set_null_text(table, c_value, "-");
  for (int m = 0; m < CITYNET_EGO_MEASURE_COUNT; m++) {
    cli_table_add_row(table);
    cli_table_set_string(table, c_measure, citynet_ego_measure_name((CitynetEgoMeasure) m));
    double value = citynet_ego_measures_get(measures, 0, (CitynetEgoMeasure) m);
    if (!isnan(value))
      cli_table_set_double(table, c_value, value);
  }
  return table;
}

static CliTable *
structural_holes_table(Run *run, GError **error)
{
  CliTable *table = cli_table_new("structural_holes", "Structural holes (Burt)");
  guint c_measure = cli_table_add_column(table, "measure", "measure", CLI_COLUMN_STRING);
  guint c_model = cli_table_add_column(table, "model", "model", CLI_COLUMN_STRING);
  guint c_value = cli_table_add_column(table, "value", "unweighted", CLI_COLUMN_DOUBLE);
  guint c_weighted = cli_table_add_column(table, "value_weighted", "weighted",
                                          CLI_COLUMN_DOUBLE);
  cli_table_set_null_text(table, c_value, "-");
  cli_table_set_null_text(table, c_weighted, "-");
  static const char *const model_names[] = { "whole", "ego" };
  for (int model = 0; model < 2; model++) {
    CitynetScores *scores[2][CITYNET_HOLES_MEASURE_COUNT];
    for (int weighted = 0; weighted < 2; weighted++)
      if (!citynet_structural_holes(run->view, (CitynetHolesModel) model, weighted,
                                    scores[weighted], error)) {
        if (weighted == 1)
          for (int m = 0; m < CITYNET_HOLES_MEASURE_COUNT; m++)
            citynet_scores_free(scores[0][m]);
        cli_table_free(table);
        return NULL;
      }
    for (int m = 0; m < CITYNET_HOLES_MEASURE_COUNT; m++) {
      cli_table_add_row(table);
      cli_table_set_string(table, c_measure,
                           citynet_holes_measure_name((CitynetHolesMeasure) m,
                                                      CITYNET_HOLES_WHOLE));
      cli_table_set_string(table, c_model, model_names[model]);
      for (int weighted = 0; weighted < 2; weighted++) {
        gssize entry = citynet_scores_find(scores[weighted][m], run->focus);
        double value = entry >= 0 ? citynet_scores_value(scores[weighted][m], (gsize) entry)
                                  : NAN;
        if (!isnan(value))
          cli_table_set_double(table, weighted ? c_weighted : c_value, value);
        citynet_scores_free(scores[weighted][m]);
      }
    }
  }
  return table;
}

static CliTable *
brokerage_table(Run *run, GError **error)
{
  if (citynet_view_n_vertices(run->view) < 3)
    return NULL; /* brokerage needs three vertices; nothing to report */
  CitynetPartition *partition = citynet_partition_new_by_country(run->view);
  CitynetBrokerage *brokerage = citynet_brokerage_new(partition, FALSE,
                                                      run->settings.permutations,
                                                      run->settings.seed, error);
  citynet_partition_free(partition);
  if (brokerage == NULL)
    return NULL;
  gsize vertex = (gsize) citynet_view_node_vertex(run->view, run->focus);
  CliTable *table = cli_table_new("brokerage",
                                  "Brokerage roles by country (Gould & Fernandez)");
  guint c_role = cli_table_add_column(table, "role", "role", CLI_COLUMN_STRING);
  static const CitynetBrokerageStat stats[] = {
    CITYNET_BROKERAGE_COUNT, CITYNET_BROKERAGE_EXPECTED, CITYNET_BROKERAGE_SD,
    CITYNET_BROKERAGE_Z, CITYNET_BROKERAGE_PERM_MEAN, CITYNET_BROKERAGE_PERM_P,
  };
  guint c_stat[G_N_ELEMENTS(stats)];
  for (gsize s = 0; s < G_N_ELEMENTS(stats); s++) {
    const char *name = citynet_brokerage_stat_name(stats[s]);
    c_stat[s] = cli_table_add_column(table, name, name, CLI_COLUMN_DOUBLE);
    cli_table_set_null_text(table, c_stat[s], "-");
  }
  for (int role = 0; role < CITYNET_BROKERAGE_ROLE_COUNT; role++) {
    cli_table_add_row(table);
    cli_table_set_string(table, c_role,
                         citynet_brokerage_role_name((CitynetBrokerageRole) role));
    for (gsize s = 0; s < G_N_ELEMENTS(stats); s++) {
      double value = citynet_brokerage_get(brokerage, vertex, (CitynetBrokerageRole) role,
                                           stats[s]);
      if (!isnan(value))
        cli_table_set_double(table, c_stat[s], value);
    }
  }
  citynet_brokerage_free(brokerage);
  return table;
}

/* ------------------------------------------------------------------------ */
/* Computing                                                                */
/* ------------------------------------------------------------------------ */

static gboolean
compute_ei(Run *run, GError **error)
{
  run->ei = g_ptr_array_new_with_free_func((GDestroyNotify) citynet_ei_index_free);
  guint n_groups = g_strv_length(run->groups);
  for (guint p = 0; p <= n_groups; p++) {
    const char *group = p == 0 ? NULL : run->groups[p - 1];
    CitynetEIIndex *index = citynet_ei_index_new(run->view, (gssize) run->focus, group,
                                                 run->options, error);
    if (index == NULL)
      return FALSE;
    g_ptr_array_add(run->ei, index);
  }
  return TRUE;
}

/* Profiles by country and by group of @view/@nodes against the baseline. */
static gboolean
compute_profiles(Run *run, CitynetView *view, const GArray *nodes,
                 CitynetView *baseline_view, const GArray *baseline_nodes,
                 CitynetAlignment **out, GError **error)
{
  for (int d = 0; d < 2; d++) {
    g_autoptr(CitynetAlignmentOptions) options = citynet_alignment_options_copy(run->options);
    citynet_alignment_options_set_dimension(options, d == 0 ? CITYNET_DIMENSION_COUNTRY
                                                            : CITYNET_DIMENSION_GROUP);
    out[d] = citynet_alignment_new(view, (const gsize *) (const void *) nodes->data,
                                   nodes->len, baseline_view,
                                   (const gsize *) (const void *) baseline_nodes->data,
                                   baseline_nodes->len, options, error);
    if (out[d] == NULL)
      return FALSE;
  }
  return TRUE;
}

static gboolean
compute(Run *run, GError **error)
{
  run->network = citynet_bundle_load(run->bundle, error);
  if (run->network == NULL || !cli_align_check_groups(&args.align, run->network, error))
    return FALSE;
  gssize focus = citynet_network_find_node(run->network, args.focus, error);
  if (focus < 0)
    return FALSE;
  run->focus = (gsize) focus;
  const char *affinity;
  if (!cli_unvotes_apply(&args.align, run->network,
                         citynet_network_node_country(run->network, run->focus), &run->votes,
                         error) ||
      !cli_affinity_key(&args.align, &run->votes, run->network, &affinity, error))
    return FALSE;
  citynet_alignment_options_set_affinity(run->options, affinity);
  run->view = citynet_view_new(run->network, run->view_options, error);
  if (run->view == NULL)
    return FALSE;
  run->composition = citynet_group_composition_new(run->view, run->focus, run->options, error);
  if (run->composition == NULL)
    return FALSE;
  run->groups = cli_align_groups(&args.align, run->network);
  if (!compute_ei(run, error))
    return FALSE;

  GArray *focus_nodes = g_array_new(FALSE, FALSE, sizeof(gsize));
  g_array_append_val(focus_nodes, run->focus);
  gboolean ok = TRUE;
  if (cli_baseline_requested(&args.align)) {
    run->has_baseline = TRUE;
    ok = cli_baseline_resolve(&args.align, run->view, run->view_options, run->focus,
                              &run->baseline, error) &&
         compute_profiles(run, run->view, focus_nodes, run->baseline.view,
                          run->baseline.nodes, run->profile, error);
  }
  if (ok && (args.compare_from != NULL || args.compare_to != NULL)) {
    run->compare_view = cli_period_view(run->network, run->view_options, args.compare_from,
                                        args.compare_to, error);
    ok = run->compare_view != NULL &&
         compute_profiles(run, run->view, focus_nodes, run->compare_view, focus_nodes,
                          run->period, error);
  }
  g_array_unref(focus_nodes);
  return ok;
}

static gboolean
build_tables(Run *run, GError **error)
{
  run->tables = g_ptr_array_new_with_free_func((GDestroyNotify) cli_table_free);
  CliTable *table;
  if ((table = ego_measures_table(run, error)) == NULL)
    return FALSE;
  g_ptr_array_add(run->tables, table);
  if ((table = structural_holes_table(run, error)) == NULL)
    return FALSE;
  g_ptr_array_add(run->tables, table);
  GError *local = NULL;
  if ((table = brokerage_table(run, &local)) != NULL)
    g_ptr_array_add(run->tables, table);
  else if (local != NULL) {
    g_propagate_error(error, local);
    return FALSE;
  }
  g_ptr_array_add(run->tables, cli_composition_table(run->composition, run->network));
  g_ptr_array_add(run->tables, cli_diversity_table(run->composition));
  table = cli_ei_table_new();
  for (guint i = 0; i < run->ei->len; i++)
    cli_ei_table_add(table, i == 0 ? "country" : run->groups[i - 1],
                     g_ptr_array_index(run->ei, i), run->network);
  g_ptr_array_add(run->tables, table);
  if (run->has_baseline) {
    g_ptr_array_add(run->tables, cli_profile_table("profile_country",
                                                   "Profile by partner country vs the baseline",
                                                   run->profile[0], run->network));
    g_ptr_array_add(run->tables, cli_profile_table("profile_group",
                                                   "Profile by partner-country group vs the baseline",
                                                   run->profile[1], run->network));
    table = cli_summary_table_new("summary", "Focus vs baseline");
    cli_summary_table_add(table, run->profile[0], TRUE);
    cli_summary_table_add(table, run->profile[1], FALSE);
    g_ptr_array_add(run->tables, table);
    if (citynet_alignment_has_affinity(run->profile[0]))
      g_ptr_array_add(run->tables, cli_affinity_table("affinity",
                                                      "Partner affinity vs the baseline",
                                                      run->profile[0]));
  }
  if (run->compare_view != NULL) {
    g_ptr_array_add(run->tables, cli_profile_table("period_profile_country",
                                                   "Period comparison by partner country",
                                                   run->period[0], run->network));
    g_ptr_array_add(run->tables, cli_profile_table("period_profile_group",
                                                   "Period comparison by partner-country group",
                                                   run->period[1], run->network));
    table = cli_summary_table_new("period_summary", "This period vs the other");
    cli_summary_table_add(table, run->period[0], TRUE);
    cli_summary_table_add(table, run->period[1], FALSE);
    g_ptr_array_add(run->tables, table);
    if (citynet_alignment_has_affinity(run->period[0]))
      g_ptr_array_add(run->tables, cli_affinity_table("period_affinity",
                                                      "Partner affinity: this period vs the other",
                                                      run->period[0]));
  }
  if (run->votes.agreement != NULL) {
    g_ptr_array_add(run->tables, cli_unvotes_table(&run->votes, run->network));
    g_ptr_array_add(run->tables, cli_unvotes_unmapped_table(&run->votes));
  }
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Output                                                                   */
/* ------------------------------------------------------------------------ */

static char *
describe_period(const CitynetView *view)
{
  CitynetDate from, to;
  char a[CITYNET_DATE_STRING_SIZE], b[CITYNET_DATE_STRING_SIZE];
  citynet_view_get_period(view, &from, &to);
  return g_strdup_printf("%s to %s",
                         from != CITYNET_DATE_OPEN ? citynet_date_format(from, a) : "open",
                         to != CITYNET_DATE_OPEN ? citynet_date_format(to, b) : "open");
}

static void
write_node_json(const CitynetNetwork *network, gsize node, CliJson *json)
{
  cli_json_begin_object(json);
  cli_json_key(json, "id");
  cli_json_string(json, citynet_network_node_id(network, node));
  cli_json_key(json, "name");
  cli_json_string(json, citynet_network_node_name(network, node));
  cli_json_key(json, "kind");
  cli_json_string(json, citynet_network_node_kind(network, node));
  cli_json_key(json, "country");
  cli_json_string(json, citynet_network_node_country(network, node));
  cli_json_end_object(json);
}

static void
write_period_json(const CitynetView *view, CliJson *json)
{
  char buffer[CITYNET_DATE_STRING_SIZE];
  CitynetDate from, to;
  citynet_view_get_period(view, &from, &to);
  cli_json_begin_object(json);
  cli_json_key(json, "from");
  cli_json_string(json, cli_format_date(from, buffer));
  cli_json_key(json, "to");
  cli_json_string(json, cli_format_date(to, buffer));
  cli_json_end_object(json);
}

static void
write_unvotes_json(const CliUnVotes *votes, CliJson *json)
{
  cli_json_begin_object(json);
  cli_json_key(json, "home");
  cli_json_string(json, citynet_un_agreement_home(votes->agreement));
  cli_json_key(json, "key");
  cli_json_string(json, votes->key);
  cli_json_key(json, "home_roll_calls");
  cli_json_int(json, (gint64) citynet_un_agreement_home_roll_calls(votes->agreement));
  cli_json_key(json, "countries_set");
  cli_json_int(json, (gint64) votes->n_set);
  cli_json_key(json, "countries_missing");
  cli_json_strv(json, (const char *const *) votes->missing);
  cli_json_end_object(json);
}

static void
write_baseline_json(const Run *run, CliJson *json)
{
  cli_json_begin_object(json);
  cli_json_key(json, "description");
  cli_json_string(json, run->baseline.description);
  cli_json_key(json, "nodes");
  cli_json_begin_array_compact(json);
  for (guint i = 0; i < run->baseline.nodes->len; i++)
    cli_json_string(json, citynet_network_node_id(run->network,
                                                  g_array_index(run->baseline.nodes, gsize, i)));
  cli_json_end_array(json);
  cli_json_key(json, "period");
  write_period_json(run->baseline.view, json);
  cli_json_end_object(json);
}

static void
render_json(gconstpointer data, GString *out)
{
  const Run *run = data;
  CliJson *json = cli_json_new(out, run->precision);
  cli_json_begin_object(json);
  cli_json_key(json, "schema");
  cli_json_string(json, "citynet.ego/1");
  cli_json_key(json, "bundle");
  cli_json_string(json, run->bundle);
  cli_json_key(json, "focus");
  write_node_json(run->network, run->focus, json);
  cli_json_key(json, "view");
  cli_view_write_json(run->view, run->view_args, json);
  cli_json_key(json, "options");
  cli_alignment_write_options_json(&run->settings, &args.align,
                                   (const char *const *) run->groups, json);
  cli_json_key(json, "label_date");
  char buffer[CITYNET_DATE_STRING_SIZE];
  cli_json_string(json, cli_format_date(citynet_ei_index_label_date(g_ptr_array_index(run->ei, 0)),
                                        buffer));
  gsize alters, ties;
  double weight;
  citynet_group_composition_totals(run->composition, &alters, &ties, &weight);
  cli_json_key(json, "totals");
  cli_json_begin_object(json);
  cli_json_key(json, "alters");
  cli_json_int(json, (gint64) alters);
  cli_json_key(json, "ties");
  cli_json_int(json, (gint64) ties);
  cli_json_key(json, "weight");
  cli_json_double(json, weight);
  cli_json_end_object(json);
  cli_json_key(json, "baseline");
  if (run->has_baseline)
    write_baseline_json(run, json);
  else
    cli_json_null(json);
  cli_json_key(json, "compare");
  if (run->compare_view != NULL)
    write_period_json(run->compare_view, json);
  else
    cli_json_null(json);
  cli_json_key(json, "unvotes");
  if (run->votes.agreement != NULL)
    write_unvotes_json(&run->votes, json);
  else
    cli_json_null(json);
  for (guint i = 0; i < run->tables->len; i++) {
    const CliTable *table = g_ptr_array_index(run->tables, i);
    cli_json_key(json, cli_table_get_name(table));
    cli_table_write_json(table, json);
  }
  cli_json_end_object(json);
  cli_json_free(json);
}

/* The lines above the tables in text and markdown. */
static void
render_header(gconstpointer data, GString *out)
{
  const Run *run = data;
  const char *prefix = run->format == CLI_FORMAT_MARKDOWN ? "## " : "";
  const char *gap = run->format == CLI_FORMAT_MARKDOWN ? "\n\n" : "\n";
  const char *country = citynet_network_node_country(run->network, run->focus);
  g_string_append_printf(out, "%sFocus: %s (%s; %s)%s", prefix,
                         citynet_network_node_name(run->network, run->focus),
                         citynet_network_node_id(run->network, run->focus),
                         country != NULL ? cli_country_label(run->network, country)
                                         : "no country",
                         gap);
  char *description = cli_view_describe(run->view, run->view_args);
  g_string_append_printf(out, "View: %s%s", description, gap);
  g_free(description);
  gsize alters, ties;
  double weight;
  char number[CLI_NUMBER_SIZE], day[CITYNET_DATE_STRING_SIZE];
  citynet_group_composition_totals(run->composition, &alters, &ties, &weight);
  g_string_append_printf(out, "Entries: %" G_GSIZE_FORMAT " ties with %" G_GSIZE_FORMAT
                         " partners, weight %s%s", ties, alters,
                         cli_format_double(number, weight, run->precision), gap);
  CitynetDate label_date = citynet_ei_index_label_date(g_ptr_array_index(run->ei, 0));
  g_string_append_printf(out, "Tests: %u permutations, seed %" G_GUINT64_FORMAT
                         ", %s intervals at %g%%; E-I labels judged on %s%s",
                         run->settings.permutations, run->settings.seed,
                         run->settings.interval == CITYNET_INTERVAL_BOOTSTRAP ? "bootstrap"
                                                                               : "permutation",
                         100.0 * run->settings.level,
                         label_date != CITYNET_DATE_OPEN ? citynet_date_format(label_date, day)
                                                         : "today (open view)",
                         gap);
  if (run->has_baseline)
    g_string_append_printf(out, "Baseline: %s%s", run->baseline.description, gap);
  if (run->compare_view != NULL) {
    char *period = describe_period(run->compare_view);
    g_string_append_printf(out, "Period comparison: this view against %s%s", period, gap);
    g_free(period);
  }
  if (run->votes.agreement != NULL) {
    char *missing = run->votes.missing != NULL && run->votes.missing[0] != NULL
                        ? g_strjoinv(", ", run->votes.missing)
                        : g_strdup("none");
    g_string_append_printf(out, "UN votes: agreement with %s over %" G_GSIZE_FORMAT
                           " roll calls, stored as %s for %" G_GSIZE_FORMAT
                           " countries; no score: %s%s",
                           citynet_un_agreement_home(run->votes.agreement),
                           citynet_un_agreement_home_roll_calls(run->votes.agreement),
                           run->votes.key, run->votes.n_set, missing, gap);
    g_free(missing);
  }
  g_string_append_c(out, '\n');
}

static gboolean
check_focus(GError **error)
{
  if (args.focus == NULL || *args.focus == '\0') {
    g_set_error_literal(error, CLI_ERROR, CLI_ERROR_USAGE, "missing --focus NODE");
    return FALSE;
  }
  return cli_check_utf8("--focus", args.focus, error);
}

static int
run_ego(int argc, char **argv)
{
  GArray *entries = ego_entries();
  CliContext *context = cli_context_new(&cli_command_ego,
                                        (const GOptionEntry *) (void *) entries->data,
                                        CLI_OUTPUT_FORMAT | CLI_OUTPUT_PRECISION |
                                        CLI_OUTPUT_TABLE | CLI_OUTPUT_FILE | CLI_OUTPUT_VIEW,
                                        "Tables: ego_measures, structural_holes, brokerage, "
                                        "composition, diversity, ei;\n"
                                        "with a baseline: profile_country, profile_group, "
                                        "summary, affinity;\n"
                                        "with --compare-from/--compare-to: period_profile_country, "
                                        "period_profile_group,\nperiod_summary, period_affinity; "
                                        "with --unvotes: un_agreement, un_unmapped.\n"
                                        "See docs/alignment.md for every formula.");
  GError *error = NULL;
  int status = CLI_EXIT_OK;
  Run run = { 0 };
  if (!cli_context_parse(context, &argc, &argv, &status))
    goto out;
  if (!cli_require_bundle(argc, argv, &error) || !check_focus(&error) ||
      !cli_output_args_check(&context->output, ego_formats, &run.format, &run.precision,
                             &error) ||
      (args.compare_from != NULL && !cli_check_utf8("--compare-from", args.compare_from, &error)) ||
      (args.compare_to != NULL && !cli_check_utf8("--compare-to", args.compare_to, &error)) ||
      (run.view_options = cli_view_args_build(&context->view, &error)) == NULL ||
      (run.options = cli_align_options_build(&args.align, &run.settings, &error)) == NULL)
    goto fail;
  run.bundle = argv[1];
  run.view_args = &context->view;
  if (!compute(&run, &error) || !build_tables(&run, &error))
    goto fail;
  if (!cli_output_emit(&context->output, run.format, run.precision, run.tables,
                       render_json, render_header, &run, &error))
    goto fail;
  goto out;

fail:
  status = cli_report_error(context->command, error);
out:
  run_clear(&run);
  cli_context_free(context);
  g_array_unref(entries);
  args_clear();
  return status;
}

const CliCommand cli_command_ego = {
  "ego", "BUNDLE --focus NODE",
  "Report where a node's ties stand: ego measures, groups, E-I, profiles", run_ego
};
