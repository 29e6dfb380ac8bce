/* citynet command - alignment options, baselines, UN votes and tables
 * shared by "citynet ego" and "citynet align" (see cli-alignment.h). */
#include <math.h>
#include <string.h>

#include "cli-alignment.h"
#include "cli-view.h"

/* ------------------------------------------------------------------------ */
/* Options                                                                  */
/* ------------------------------------------------------------------------ */

void
cli_align_entries(GArray *entries, CliAlignArgs *args, gboolean with_dimension)
{
  const GOptionEntry common[] = {
    { "groups", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &args->groups,
      "Country groups of interest, comma-separated (default: every group of the "
      "bundle); also the E-I partitions", "G,..." },
    { "unit", 0, 0, G_OPTION_ARG_FILENAME, &args->unit,
      "What a tie counts for in profiles: ties (default) or weight", "UNIT" },
    { "permutations", 0, 0, G_OPTION_ARG_FILENAME, &args->permutations,
      "Permutations (and bootstrap resamples) per test, 0 for none (default 1000)", "N" },
    { "seed", 0, 0, G_OPTION_ARG_FILENAME, &args->seed,
      "Random seed (default 1): the same seed gives the same results", "S" },
    { "threads", 0, 0, G_OPTION_ARG_FILENAME, &args->threads,
      "Threads for the permutations (default 0 = every processor; results do "
      "not depend on it)", "T" },
    { "interval", 0, 0, G_OPTION_ARG_FILENAME, &args->interval,
      "Intervals of profile statistics: permutation (null quantiles, default) or "
      "bootstrap (percentile confidence interval)", "METHOD" },
    { "level", 0, 0, G_OPTION_ARG_FILENAME, &args->level,
      "Interval coverage (default 0.95)", "P" },
    { "strata", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &args->strata,
      "E-I permutations only within these groups (first match; others form one "
      "stratum), comma-separated", "G,..." },
    { "strata-by-kind", 0, 0, G_OPTION_ARG_NONE, &args->strata_by_kind,
      "E-I permutations only within node kinds", NULL },
    { "label-date", 0, 0, G_OPTION_ARG_FILENAME, &args->label_date,
      "Day on which E-I node labels are judged (default: the view's first day)", "DATE" },
    { "no-network-test", 0, 0, G_OPTION_ARG_NONE, &args->no_network_test,
      "Test only the ego's E-I, not the group and network levels", NULL },
    { "baseline", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &args->baseline,
      "Baseline node(s) to compare the focus with (ids or names, comma-separated)",
      "NODE,..." },
    { "baseline-country", 0, 0, G_OPTION_ARG_FILENAME, &args->baseline_country,
      "Baseline: every node of this country (ISO3) but the focus", "ISO3" },
    { "baseline-kinds", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &args->baseline_kinds,
      "With --baseline-country: only these node kinds", "KIND,..." },
    { "baseline-from", 0, 0, G_OPTION_ARG_FILENAME, &args->baseline_from,
      "The baseline's first day (default: the view's period); without baseline "
      "nodes, the focus itself in that period", "DATE" },
    { "baseline-to", 0, 0, G_OPTION_ARG_FILENAME, &args->baseline_to,
      "The baseline's last day", "DATE" },
    { "unvotes", 0, 0, G_OPTION_ARG_FILENAME, &args->unvotes,
      "Folder of UN General Assembly votes (un_votes.csv.gz, un_roll_calls.csv) for "
      "the affinity profile", "DIR" },
    { "home", 0, 0, G_OPTION_ARG_FILENAME, &args->home,
      "With --unvotes: the home country (default: the focus's country)", "ISO" },
    { "years", 0, 0, G_OPTION_ARG_FILENAME, &args->years,
      "With --unvotes: the years of roll calls, FIRST..LAST (default 2010..2019)",
      "A..B" },
    { "affinity", 0, 0, G_OPTION_ARG_FILENAME, &args->affinity,
      "Numeric country attribute to profile (default with --unvotes: "
      "un_agreement_HOME_FIRST_LAST)", "KEY" },
  };
  g_array_append_vals(entries, common, G_N_ELEMENTS(common));
  if (with_dimension) {
    const GOptionEntry by = {
      "by", 0, 0, G_OPTION_ARG_FILENAME, &args->by,
      "Profile categories: country (default) or group", "country|group"
    };
    g_array_append_val(entries, by);
  }
}

void
cli_align_args_clear(CliAlignArgs *args)
{
  g_strfreev(args->groups);
  g_free(args->by);
  g_free(args->unit);
  g_free(args->permutations);
  g_free(args->seed);
  g_free(args->threads);
  g_free(args->interval);
  g_free(args->level);
  g_strfreev(args->strata);
  g_free(args->label_date);
  g_strfreev(args->baseline);
  g_free(args->baseline_country);
  g_strfreev(args->baseline_kinds);
  g_free(args->baseline_from);
  g_free(args->baseline_to);
  g_free(args->unvotes);
  g_free(args->home);
  g_free(args->years);
  g_free(args->affinity);
  memset(args, 0, sizeof *args);
}

static gboolean
parse_unsigned(const char *option, const char *text, guint64 max, guint64 *out,
               GError **error)
{
  if (text == NULL)
    return TRUE;
  if (!g_ascii_string_to_unsigned(text, 10, 0, max, out, NULL)) {
    g_set_error(error, CLI_ERROR, CLI_ERROR_USAGE,
                "%s needs a whole number from 0 to %" G_GUINT64_FORMAT ", not '%s'",
                option, max, text);
    return FALSE;
  }
  return TRUE;
}

static gboolean
parse_choice(const char *option, const char *text, const char *const *names,
             const int *values, int *out, GError **error)
{
  if (text == NULL)
    return TRUE;
  for (gsize i = 0; names[i] != NULL; i++)
    if (strcmp(text, names[i]) == 0) {
      *out = values[i];
      return TRUE;
    }
  char *known = g_strjoinv(", ", (char **) names);
  g_set_error(error, CLI_ERROR, CLI_ERROR_USAGE, "%s must be one of %s, not '%s'",
              option, known, text);
  g_free(known);
  return FALSE;
}

static gboolean
parse_level(const char *text, double *level, GError **error)
{
  if (text == NULL)
    return TRUE;
  char *end = NULL;
  double value = g_ascii_strtod(text, &end);
  if (end == text || *end != '\0' || !(value > 0.0 && value < 1.0)) {
    g_set_error(error, CLI_ERROR, CLI_ERROR_USAGE,
                "--level needs a number between 0 and 1, not '%s'", text);
    return FALSE;
  }
  *level = value;
  return TRUE;
}

static gboolean
check_args_utf8(const CliAlignArgs *args, GError **error)
{
  const struct {
    const char *option;
    const char *value;
  } single[] = {
    { "--label-date", args->label_date }, { "--baseline-country", args->baseline_country },
    { "--baseline-from", args->baseline_from }, { "--baseline-to", args->baseline_to },
    { "--home", args->home }, { "--years", args->years }, { "--affinity", args->affinity },
  };
  for (gsize i = 0; i < G_N_ELEMENTS(single); i++)
    if (single[i].value != NULL && !cli_check_utf8(single[i].option, single[i].value, error))
      return FALSE;
  char **const lists[] = { args->groups, args->strata, args->baseline, args->baseline_kinds };
  static const char *const list_names[] = { "--groups", "--strata", "--baseline",
                                            "--baseline-kinds" };
  for (gsize i = 0; i < G_N_ELEMENTS(lists); i++)
    for (gsize j = 0; lists[i] != NULL && lists[i][j] != NULL; j++)
      if (!cli_check_utf8(list_names[i], lists[i][j], error))
        return FALSE;
  return TRUE;
}

CitynetAlignmentOptions *
cli_align_options_build(const CliAlignArgs *args, CliAlignSettings *settings,
                        GError **error)
{
  static const char *const units[] = { "ties", "weight", NULL };
  static const int unit_values[] = { CITYNET_UNIT_TIES, CITYNET_UNIT_WEIGHT };
  static const char *const dimensions[] = { "country", "group", NULL };
  static const int dimension_values[] = { CITYNET_DIMENSION_COUNTRY, CITYNET_DIMENSION_GROUP };
  static const char *const intervals[] = { "permutation", "bootstrap", NULL };
  static const int interval_values[] = { CITYNET_INTERVAL_PERMUTATION,
                                         CITYNET_INTERVAL_BOOTSTRAP };
  guint64 permutations = 1000, seed = 1, threads = 0;
  int unit = CITYNET_UNIT_TIES, by = CITYNET_DIMENSION_COUNTRY,
      interval = CITYNET_INTERVAL_PERMUTATION;
  double level = 0.95;
  if (!check_args_utf8(args, error) ||
      !parse_unsigned("--permutations", args->permutations, 100000000, &permutations, error) ||
      !parse_unsigned("--seed", args->seed, G_MAXUINT64, &seed, error) ||
      !parse_unsigned("--threads", args->threads, 1024, &threads, error) ||
      !parse_choice("--unit", args->unit, units, unit_values, &unit, error) ||
      !parse_choice("--by", args->by, dimensions, dimension_values, &by, error) ||
      !parse_choice("--interval", args->interval, intervals, interval_values, &interval,
                    error) ||
      !parse_level(args->level, &level, error))
    return NULL;

  CitynetAlignmentOptions *options = citynet_alignment_options_new();
  char **groups = cli_view_args_split(args->groups);
  for (gsize i = 0; groups != NULL && groups[i] != NULL; i++)
    citynet_alignment_options_add_group(options, groups[i]);
  g_strfreev(groups);
  char **strata = cli_view_args_split(args->strata);
  for (gsize i = 0; strata != NULL && strata[i] != NULL; i++)
    citynet_alignment_options_add_stratum_group(options, strata[i]);
  g_strfreev(strata);
  citynet_alignment_options_set_strata_by_kind(options, args->strata_by_kind);
  citynet_alignment_options_set_unit(options, (CitynetUnit) unit);
  citynet_alignment_options_set_dimension(options, (CitynetDimension) by);
  citynet_alignment_options_set_permutations(options, (guint) permutations);
  citynet_alignment_options_set_seed(options, seed);
  citynet_alignment_options_set_threads(options, (guint) threads);
  citynet_alignment_options_set_interval(options, (CitynetInterval) interval);
  citynet_alignment_options_set_network_test(options, !args->no_network_test);
  GError *local = NULL;
  if (!citynet_alignment_options_set_level(options, level, &local) ||
      (args->label_date != NULL &&
       !citynet_alignment_options_set_label_date(options, args->label_date, &local))) {
    g_set_error(error, CLI_ERROR, CLI_ERROR_USAGE, "--label-date: %s", local->message);
    g_error_free(local);
    citynet_alignment_options_free(options);
    return NULL;
  }
  settings->permutations = (guint) permutations;
  settings->seed = seed;
  settings->threads = (guint) threads;
  settings->interval = (CitynetInterval) interval;
  settings->level = level;
  settings->unit = (CitynetUnit) unit;
  settings->by = (CitynetDimension) by;
  return options;
}

/* Whether every name of the comma list @text (an option's value; NULL for
 * absent) is a group of @network. The library reads an unknown group as
 * one nobody belongs to, which on the command line is almost always a typo
 * ("NATOO") that would silently give zeros. */
static gboolean
check_group_list(const char *option, char **texts, const CitynetNetwork *network,
                 GError **error)
{
  char **names = cli_view_args_split(texts);
  gboolean ok = TRUE;
  for (gsize i = 0; ok && names != NULL && names[i] != NULL; i++)
    ok = citynet_network_check_group(network, names[i], error);
  if (!ok)
    g_prefix_error(error, "%s: ", option);
  g_strfreev(names);
  return ok;
}

gboolean
cli_align_check_groups(const CliAlignArgs *args, const CitynetNetwork *network,
                       GError **error)
{
  return check_group_list("--groups", args->groups, network, error) &&
         check_group_list("--strata", args->strata, network, error);
}

char **
cli_align_groups(const CliAlignArgs *args, const CitynetNetwork *network)
{
  char **groups = cli_view_args_split(args->groups);
  if (groups != NULL)
    return groups;
  return g_strdupv((char **) citynet_network_groups(network, NULL));
}

/* ------------------------------------------------------------------------ */
/* UN votes                                                                 */
/* ------------------------------------------------------------------------ */

static gboolean
parse_years(const char *text, int *first, int *last, GError **error)
{
  *first = 2010;
  *last = 2019;
  if (text == NULL)
    return TRUE;
  char **parts = g_strsplit(text, "..", 2);
  guint64 a = 0, b = 0;
  gboolean ok = parts[0] != NULL &&
                g_ascii_string_to_unsigned(parts[0], 10, 1, 9999, &a, NULL) &&
                (parts[1] == NULL || g_ascii_string_to_unsigned(parts[1], 10, 1, 9999, &b, NULL));
  if (ok && parts[1] == NULL)
    b = a;
  g_strfreev(parts);
  if (!ok || b < a) {
    g_set_error(error, CLI_ERROR, CLI_ERROR_USAGE,
                "--years needs FIRST..LAST (e.g. 2010..2019) or one year, not '%s'", text);
    return FALSE;
  }
  *first = (int) a;
  *last = (int) b;
  return TRUE;
}

gboolean
cli_unvotes_apply(const CliAlignArgs *args, CitynetNetwork *network,
                  const char *default_home, CliUnVotes *out, GError **error)
{
  memset(out, 0, sizeof *out);
  if (args->unvotes == NULL) {
    if (args->home != NULL || args->years != NULL) {
      g_set_error_literal(error, CLI_ERROR, CLI_ERROR_USAGE,
                          "--home and --years need --unvotes DIR");
      return FALSE;
    }
    return TRUE;
  }
  int first, last;
  if (!parse_years(args->years, &first, &last, error))
    return FALSE;
  const char *home = args->home != NULL ? args->home : default_home;
  if (home == NULL) {
    g_set_error_literal(error, CLI_ERROR, CLI_ERROR_USAGE,
                        "--unvotes needs --home ISO (the focus has no country)");
    return FALSE;
  }
  out->votes = citynet_un_votes_load(args->unvotes, error);
  if (out->votes == NULL)
    return FALSE;
  out->agreement = citynet_un_agreement_new(out->votes, home, first, last, error);
  if (out->agreement == NULL)
    return FALSE;
  out->key = args->affinity != NULL ? g_strdup(args->affinity)
                                    : citynet_un_agreement_default_key(out->agreement);
  return citynet_un_agreement_apply(out->agreement, network, out->key, &out->n_set,
                                    &out->missing, error);
}

void
cli_unvotes_clear(CliUnVotes *votes)
{
  citynet_un_agreement_free(votes->agreement);
  citynet_un_votes_free(votes->votes);
  g_free(votes->key);
  g_strfreev(votes->missing);
  memset(votes, 0, sizeof *votes);
}

gboolean
cli_affinity_key(const CliAlignArgs *args, const CliUnVotes *votes,
                 const CitynetNetwork *network, const char **key, GError **error)
{
  *key = votes->key != NULL ? votes->key : args->affinity;
  if (*key == NULL)
    return TRUE;
  const char *const *keys = citynet_network_country_attribute_keys(network, NULL);
  if (!g_strv_contains(keys, *key)) {
    g_set_error(error, CLI_ERROR, CLI_ERROR_USAGE,
                "--affinity: no country of the bundle has the attribute '%s'", *key);
    return FALSE;
  }
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Baselines                                                                */
/* ------------------------------------------------------------------------ */

gboolean
cli_baseline_requested(const CliAlignArgs *args)
{
  return args->baseline != NULL || args->baseline_country != NULL ||
         args->baseline_from != NULL || args->baseline_to != NULL;
}

CitynetView *
cli_period_view(CitynetNetwork *network, const CitynetViewOptions *view_options,
                const char *from, const char *to, GError **error)
{
  CitynetViewOptions *options = citynet_view_options_copy(view_options);
  GError *local = NULL;
  CitynetView *view = NULL;
  if (!citynet_view_options_set_period(options, from, to, &local)) {
    g_set_error(error, CLI_ERROR, CLI_ERROR_USAGE, "%s", local->message);
    g_error_free(local);
  } else {
    view = citynet_view_new(network, options, error);
  }
  citynet_view_options_free(options);
  return view;
}

static gboolean
add_named_nodes(const CliAlignArgs *args, const CitynetNetwork *network,
                CliBaseline *out, GString *description, GError **error)
{
  char **names = cli_view_args_split(args->baseline);
  gboolean ok = TRUE;
  for (gsize i = 0; names != NULL && names[i] != NULL && ok; i++) {
    gssize node = citynet_network_find_node(network, names[i], error);
    ok = node >= 0;
    if (ok) {
      gsize n = (gsize) node;
      g_array_append_val(out->nodes, n);
      g_string_append_printf(description, "%s%s", description->len > 0 ? ", " : "",
                             citynet_network_node_id(network, n));
    }
  }
  g_strfreev(names);
  return ok;
}

static gboolean
add_country_nodes(const CliAlignArgs *args, const CitynetView *view, gsize focus,
                  CliBaseline *out, GString *description, GError **error)
{
  const CitynetNetwork *network = citynet_view_get_network(view);
  char **kinds = cli_view_args_split(args->baseline_kinds);
  gsize added = 0;
  for (gsize v = 0; v < citynet_view_n_vertices(view); v++) {
    gsize node = citynet_view_vertex_node(view, v);
    const char *code = citynet_network_node_country(network, node);
    if (node == focus || code == NULL || strcmp(code, args->baseline_country) != 0)
      continue;
    if (kinds != NULL && !g_strv_contains((const char *const *) kinds,
                                          citynet_network_node_kind(network, node)))
      continue;
    gboolean seen = FALSE;
    for (guint i = 0; i < out->nodes->len && !seen; i++)
      seen = g_array_index(out->nodes, gsize, i) == node;
    if (!seen) {
      g_array_append_val(out->nodes, node);
      added++;
    }
  }
  char *kind_text = kinds != NULL ? g_strjoinv(", ", kinds) : g_strdup("any kind");
  g_string_append_printf(description, "%s%" G_GSIZE_FORMAT " nodes of %s (%s) but the focus",
                         description->len > 0 ? ", " : "", added, args->baseline_country,
                         kind_text);
  g_free(kind_text);
  g_strfreev(kinds);
  if (added == 0) {
    g_set_error(error, CLI_ERROR, CLI_ERROR_FAILED,
                "--baseline-country %s: no other node of that country in the view",
                args->baseline_country);
    return FALSE;
  }
  return TRUE;
}

gboolean
cli_baseline_resolve(const CliAlignArgs *args, CitynetView *view,
                     const CitynetViewOptions *view_options, gsize focus,
                     CliBaseline *out, GError **error)
{
  memset(out, 0, sizeof *out);
  out->nodes = g_array_new(FALSE, FALSE, sizeof(gsize));
  CitynetNetwork *network = citynet_view_get_network(view);
  gboolean other_period = args->baseline_from != NULL || args->baseline_to != NULL;
  out->view = other_period ? cli_period_view(network, view_options, args->baseline_from,
                                             args->baseline_to, error)
                           : citynet_view_ref(view);
  if (out->view == NULL)
    return FALSE;
  GString *description = g_string_new(NULL);
  gboolean ok = TRUE;
  if (args->baseline != NULL)
    ok = add_named_nodes(args, network, out, description, error);
  if (ok && args->baseline_country != NULL)
    ok = add_country_nodes(args, out->view, focus, out, description, error);
  if (ok && out->nodes->len == 0) {
    out->same_nodes = TRUE;
    g_array_append_val(out->nodes, focus);
    g_string_append_printf(description, "%s itself", citynet_network_node_id(network, focus));
  }
  if (ok && other_period) {
    CitynetDate from, to;
    char a[CITYNET_DATE_STRING_SIZE], b[CITYNET_DATE_STRING_SIZE];
    citynet_view_get_period(out->view, &from, &to);
    g_string_append_printf(description, ", period %s to %s",
                           from != CITYNET_DATE_OPEN ? citynet_date_format(from, a) : "open",
                           to != CITYNET_DATE_OPEN ? citynet_date_format(to, b) : "open");
  }
  out->description = g_string_free(description, FALSE);
  return ok;
}

void
cli_baseline_clear(CliBaseline *baseline)
{
  citynet_view_unref(baseline->view);
  if (baseline->nodes != NULL)
    g_array_unref(baseline->nodes);
  g_free(baseline->description);
  memset(baseline, 0, sizeof *baseline);
}

/* ------------------------------------------------------------------------ */
/* Tables                                                                   */
/* ------------------------------------------------------------------------ */

static const char *
category_label(const CitynetNetwork *network, CitynetDimension dimension, const char *key)
{
  if (dimension == CITYNET_DIMENSION_COUNTRY)
    return cli_country_label(network, key);
  return key != NULL && *key != '\0' ? key : "(none)";
}

static void
set_double_or_null(CliTable *table, guint column, double value)
{
  if (!isnan(value))
    cli_table_set_double(table, column, value);
}

CliTable *
cli_composition_table(const CitynetGroupComposition *composition,
                      const CitynetNetwork *network)
{
  CliTable *table = cli_table_new("composition", "Composition by country and group");
  guint c_dimension = cli_table_add_column(table, "dimension", "dimension", CLI_COLUMN_STRING);
  guint c_layer = cli_table_add_column(table, "layer", "within layer", CLI_COLUMN_STRING);
  guint c_key = cli_table_add_column(table, "key", "key", CLI_COLUMN_STRING);
  guint c_label = cli_table_add_column(table, "label", "label", CLI_COLUMN_STRING);
  guint c_alters = cli_table_add_column(table, "alters", "alters", CLI_COLUMN_INT);
  guint c_ties = cli_table_add_column(table, "ties", "ties", CLI_COLUMN_INT);
  guint c_weight = cli_table_add_column(table, "weight", "weight", CLI_COLUMN_DOUBLE);
  guint c_shares[3], c_fractional[3];
  static const char *const share_keys[] = { "alter_share", "tie_share", "weight_share" };
  static const char *const share_heads[] = { "alter share", "tie share", "weight share" };
  static const char *const frac_keys[] = { "fractional_alter_share", "fractional_tie_share",
                                           "fractional_weight_share" };
  static const char *const frac_heads[] = { "frac. alters", "frac. ties", "frac. weight" };
  for (int u = 0; u < 3; u++)
    c_shares[u] = cli_table_add_column(table, share_keys[u], share_heads[u], CLI_COLUMN_DOUBLE);
  for (int u = 0; u < 3; u++)
    c_fractional[u] = cli_table_add_column(table, frac_keys[u], frac_heads[u],
                                           CLI_COLUMN_DOUBLE);
  cli_table_set_null_text(table, c_layer, "(all)");
  cli_table_set_sections(table, c_dimension);
  cli_table_add_section_title(table, "country", "Entries by partner country");
  cli_table_add_section_title(table, "group",
                              "Entries by partner-country group (on each tie's date)");
  for (gsize r = 0; r < citynet_group_composition_n_rows(composition); r++) {
    CitynetDimension dimension;
    const char *layer, *key;
    gsize alters, ties;
    double weight;
    citynet_group_composition_row(composition, r, &dimension, &layer, &key, &alters, &ties,
                                  &weight);
    cli_table_add_row(table);
    cli_table_set_string(table, c_dimension, citynet_dimension_to_string(dimension));
    cli_table_set_string(table, c_layer, layer);
    cli_table_set_string(table, c_key, key);
    cli_table_set_string(table, c_label, category_label(network, dimension, key));
    cli_table_set_int(table, c_alters, (gint64) alters);
    cli_table_set_int(table, c_ties, (gint64) ties);
    cli_table_set_double(table, c_weight, weight);
    for (int u = 0; u < 3; u++) {
      double share, fractional;
      citynet_group_composition_share(composition, r, (CitynetUnit) u, &share, &fractional);
      cli_table_set_double(table, c_shares[u], share);
      cli_table_set_double(table, c_fractional[u], fractional);
    }
  }
  return table;
}

CliTable *
cli_diversity_table(const CitynetGroupComposition *composition)
{
  CliTable *table = cli_table_new("diversity", "Diversity (Blau, IQV)");
  guint c_dimension = cli_table_add_column(table, "dimension", "dimension", CLI_COLUMN_STRING);
  guint c_layer = cli_table_add_column(table, "layer", "within layer", CLI_COLUMN_STRING);
  guint c_k = cli_table_add_column(table, "categories", "K", CLI_COLUMN_INT);
  guint c_observed = cli_table_add_column(table, "observed", "observed", CLI_COLUMN_INT);
  static const char *const blau_keys[] = { "blau_alters", "blau_ties", "blau_weight" };
  static const char *const iqv_keys[] = { "iqv_alters", "iqv_ties", "iqv_weight" };
  static const char *const blau_heads[] = { "Blau alters", "Blau ties", "Blau weight" };
  static const char *const iqv_heads[] = { "IQV alters", "IQV ties", "IQV weight" };
  guint c_blau[3], c_iqv[3];
  for (int u = 0; u < 3; u++) {
    c_blau[u] = cli_table_add_column(table, blau_keys[u], blau_heads[u], CLI_COLUMN_DOUBLE);
    c_iqv[u] = cli_table_add_column(table, iqv_keys[u], iqv_heads[u], CLI_COLUMN_DOUBLE);
  }
  cli_table_set_null_text(table, c_layer, "(all)");
  for (int u = 0; u < 3; u++)
    cli_table_set_null_text(table, c_iqv[u], "-");
  for (gsize s = 0; s < citynet_group_composition_n_scopes(composition); s++) {
    CitynetDimension dimension;
    const char *layer;
    gsize categories, observed;
    citynet_group_composition_diversity(composition, s, CITYNET_UNIT_TIES, &dimension,
                                        &layer, &categories, &observed, NULL, NULL);
    cli_table_add_row(table);
    cli_table_set_string(table, c_dimension, citynet_dimension_to_string(dimension));
    cli_table_set_string(table, c_layer, layer);
    cli_table_set_int(table, c_k, (gint64) categories);
    cli_table_set_int(table, c_observed, (gint64) observed);
    for (int u = 0; u < 3; u++) {
      double blau, iqv;
      citynet_group_composition_diversity(composition, s, (CitynetUnit) u, NULL, NULL, NULL,
                                          NULL, &blau, &iqv);
      set_double_or_null(table, c_blau[u], blau);
      set_double_or_null(table, c_iqv[u], iqv);
    }
  }
  return table;
}

/* E-I table columns, in order. */
enum {
  EI_PARTITION, EI_LEVEL, EI_KEY, EI_LABEL, EI_MEMBERS, EI_INTERNAL, EI_EXTERNAL, EI_EI,
  EI_RESCALED, EI_MIN, EI_MAX, EI_EXPECTED, EI_PERM_MEAN, EI_LOWER, EI_UPPER, EI_P_GREATER,
  EI_P_LESS, EI_P_TWO, EI_DIRECTION, EI_W_INTERNAL, EI_W_EXTERNAL, EI_W_EI, EI_W_RESCALED,
  EI_W_P_TWO, EI_W_DIRECTION, EI_N_COLUMNS
};

CliTable *
cli_ei_table_new(void)
{
  static const struct {
    const char *key, *heading;
    CliColumnType type;
  } columns[EI_N_COLUMNS] = {
    { "partition", "partition", CLI_COLUMN_STRING }, { "level", "level", CLI_COLUMN_STRING },
    { "key", "key", CLI_COLUMN_STRING }, { "label", "label", CLI_COLUMN_STRING },
    { "members", "members", CLI_COLUMN_INT }, { "internal", "I", CLI_COLUMN_DOUBLE },
    { "external", "E", CLI_COLUMN_DOUBLE }, { "ei", "E-I", CLI_COLUMN_DOUBLE },
    { "ei_rescaled", "rescaled", CLI_COLUMN_DOUBLE }, { "ei_min", "min", CLI_COLUMN_DOUBLE },
    { "ei_max", "max", CLI_COLUMN_DOUBLE }, { "ei_expected", "expected", CLI_COLUMN_DOUBLE },
    { "perm_mean", "perm. mean", CLI_COLUMN_DOUBLE }, { "lower", "lower", CLI_COLUMN_DOUBLE },
    { "upper", "upper", CLI_COLUMN_DOUBLE }, { "p_greater", "p >", CLI_COLUMN_DOUBLE },
    { "p_less", "p <", CLI_COLUMN_DOUBLE }, { "p_two_sided", "p", CLI_COLUMN_DOUBLE },
    { "direction", "direction", CLI_COLUMN_STRING },
    { "internal_weight", "I (w)", CLI_COLUMN_DOUBLE },
    { "external_weight", "E (w)", CLI_COLUMN_DOUBLE },
    { "ei_weighted", "E-I (w)", CLI_COLUMN_DOUBLE },
    { "ei_weighted_rescaled", "rescaled (w)", CLI_COLUMN_DOUBLE },
    { "p_weighted", "p (w)", CLI_COLUMN_DOUBLE },
    { "direction_weighted", "direction (w)", CLI_COLUMN_STRING },
  };
  CliTable *table = cli_table_new("ei", "E-I index (Krackhardt & Stern)");
  for (guint c = 0; c < EI_N_COLUMNS; c++) {
    cli_table_add_column(table, columns[c].key, columns[c].heading, columns[c].type);
    cli_table_set_null_text(table, c, "-");
  }
  cli_table_set_sections(table, EI_PARTITION);
  return table;
}

static const char *
ei_level_name(CitynetEILevel level)
{
  switch (level) {
  case CITYNET_EI_EGO:
    return "ego";
  case CITYNET_EI_GROUP:
    return "group";
  case CITYNET_EI_NETWORK:
    return "network";
  }
  return "?";
}

void
cli_ei_table_add(CliTable *table, const char *partition, const CitynetEIIndex *index,
                 const CitynetNetwork *network)
{
  char *title = g_strcmp0(partition, "country") == 0
                    ? g_strdup("E-I index by country")
                    : g_strdup_printf("E-I index: in %s vs not in %s", partition, partition);
  cli_table_add_section_title(table, partition, title);
  g_free(title);
  for (gsize r = 0; r < citynet_ei_index_n_rows(index); r++) {
    CitynetEILevel level;
    const char *key;
    gsize members;
    citynet_ei_index_row(index, r, &level, &key, &members);
    cli_table_add_row(table);
    cli_table_set_string(table, EI_PARTITION, partition);
    cli_table_set_string(table, EI_LEVEL, ei_level_name(level));
    cli_table_set_string(table, EI_KEY, key);
    const char *label = level == CITYNET_EI_NETWORK ? "(whole network)"
                        : key == NULL               ? "(no label)"
                        : g_strcmp0(partition, "country") == 0
                            ? cli_country_label(network, key)
                            : key;
    cli_table_set_string(table, EI_LABEL, label);
    cli_table_set_int(table, EI_MEMBERS, (gint64) members);
    for (int weighted = 0; weighted < 2; weighted++) {
      double internal, external, ei, rescaled, minimum, maximum, expected;
      CitynetTestResult test;
      citynet_ei_index_values(index, r, weighted, &internal, &external, &ei, &rescaled,
                              &minimum, &maximum, &expected);
      citynet_ei_index_test(index, r, weighted, &test);
      if (!weighted) {
        cli_table_set_double(table, EI_INTERNAL, internal);
        cli_table_set_double(table, EI_EXTERNAL, external);
        set_double_or_null(table, EI_EI, ei);
        set_double_or_null(table, EI_RESCALED, rescaled);
        set_double_or_null(table, EI_MIN, minimum);
        set_double_or_null(table, EI_MAX, maximum);
        set_double_or_null(table, EI_EXPECTED, expected);
        if (test.n > 0) {
          set_double_or_null(table, EI_PERM_MEAN, test.mean);
          set_double_or_null(table, EI_LOWER, test.lower);
          set_double_or_null(table, EI_UPPER, test.upper);
          set_double_or_null(table, EI_P_GREATER, test.p_greater);
          set_double_or_null(table, EI_P_LESS, test.p_less);
          set_double_or_null(table, EI_P_TWO, test.p_two_sided);
          cli_table_set_string(table, EI_DIRECTION, citynet_test_result_direction(&test));
        }
      } else {
        cli_table_set_double(table, EI_W_INTERNAL, internal);
        cli_table_set_double(table, EI_W_EXTERNAL, external);
        set_double_or_null(table, EI_W_EI, ei);
        set_double_or_null(table, EI_W_RESCALED, rescaled);
        if (test.n > 0) {
          set_double_or_null(table, EI_W_P_TWO, test.p_two_sided);
          cli_table_set_string(table, EI_W_DIRECTION, citynet_test_result_direction(&test));
        }
      }
    }
  }
}

CliTable *
cli_profile_table(const char *name, const char *title, const CitynetAlignment *alignment,
                  const CitynetNetwork *network)
{
  CliTable *table = cli_table_new(name, title);
  CitynetDimension dimension = citynet_alignment_dimension(alignment);
  guint c_key = cli_table_add_column(table, "key", "key", CLI_COLUMN_STRING);
  guint c_label = cli_table_add_column(table, "label", "label", CLI_COLUMN_STRING);
  guint c_units = cli_table_add_column(table, "focus_units", "focus", CLI_COLUMN_DOUBLE);
  guint c_base_units = cli_table_add_column(table, "baseline_units", "baseline",
                                            CLI_COLUMN_DOUBLE);
  guint c_share = cli_table_add_column(table, "focus_share", "focus share", CLI_COLUMN_DOUBLE);
  guint c_base_share = cli_table_add_column(table, "baseline_share", "baseline share",
                                            CLI_COLUMN_DOUBLE);
  guint c_difference = cli_table_add_column(table, "difference", "difference",
                                            CLI_COLUMN_DOUBLE);
  guint c_ratio = cli_table_add_column(table, "ratio", "ratio", CLI_COLUMN_DOUBLE);
  guint c_lower = cli_table_add_column(table, "lower", "lower", CLI_COLUMN_DOUBLE);
  guint c_upper = cli_table_add_column(table, "upper", "upper", CLI_COLUMN_DOUBLE);
  guint c_p = cli_table_add_column(table, "p_two_sided", "p", CLI_COLUMN_DOUBLE);
  guint c_direction = cli_table_add_column(table, "direction", "direction", CLI_COLUMN_STRING);
  for (guint c = c_share; c <= c_direction; c++)
    cli_table_set_null_text(table, c, "-");
  for (gsize k = 0; k < citynet_alignment_n_categories(alignment); k++) {
    const char *key;
    double units, base_units, share, base_share, ratio;
    CitynetTestResult difference;
    citynet_alignment_category(alignment, k, &key, &units, &base_units, &share, &base_share,
                               &ratio, &difference);
    cli_table_add_row(table);
    cli_table_set_string(table, c_key, key);
    cli_table_set_string(table, c_label, category_label(network, dimension, key));
    cli_table_set_double(table, c_units, units);
    cli_table_set_double(table, c_base_units, base_units);
    set_double_or_null(table, c_share, share);
    set_double_or_null(table, c_base_share, base_share);
    set_double_or_null(table, c_difference, difference.observed);
    if (isfinite(ratio))
      cli_table_set_double(table, c_ratio, ratio);
    if (difference.n > 0) {
      set_double_or_null(table, c_lower, difference.lower);
      set_double_or_null(table, c_upper, difference.upper);
      set_double_or_null(table, c_p, difference.p_two_sided);
      cli_table_set_string(table, c_direction, citynet_test_result_direction(&difference));
    }
  }
  return table;
}

enum {
  SUM_STATISTIC, SUM_BY, SUM_FOCUS, SUM_BASELINE, SUM_VALUE, SUM_LOWER, SUM_UPPER,
  SUM_NULL_MEAN, SUM_P, SUM_DIRECTION, SUM_N, SUM_N_COLUMNS
};

CliTable *
cli_summary_table_new(const char *name, const char *title)
{
  static const struct {
    const char *key, *heading;
    CliColumnType type;
  } columns[SUM_N_COLUMNS] = {
    { "statistic", "statistic", CLI_COLUMN_STRING }, { "by", "by", CLI_COLUMN_STRING },
    { "focus", "focus", CLI_COLUMN_DOUBLE }, { "baseline", "baseline", CLI_COLUMN_DOUBLE },
    { "value", "value", CLI_COLUMN_DOUBLE }, { "lower", "lower", CLI_COLUMN_DOUBLE },
    { "upper", "upper", CLI_COLUMN_DOUBLE }, { "mean", "resampled mean", CLI_COLUMN_DOUBLE },
    { "p_value", "p", CLI_COLUMN_DOUBLE }, { "direction", "direction", CLI_COLUMN_STRING },
    { "n", "n", CLI_COLUMN_INT },
  };
  CliTable *table = cli_table_new(name, title);
  for (guint c = 0; c < SUM_N_COLUMNS; c++) {
    cli_table_add_column(table, columns[c].key, columns[c].heading, columns[c].type);
    cli_table_set_null_text(table, c, "-");
  }
  return table;
}

/* One summary row: @value with its test; @p_greater_only for the JSD (a
 * one-sided question: more different than by chance?). */
static void
summary_row(CliTable *table, const char *statistic, const char *by, double focus,
            double baseline, const CitynetTestResult *test, gboolean p_greater_only)
{
  cli_table_add_row(table);
  cli_table_set_string(table, SUM_STATISTIC, statistic);
  cli_table_set_string(table, SUM_BY, by);
  set_double_or_null(table, SUM_FOCUS, focus);
  set_double_or_null(table, SUM_BASELINE, baseline);
  if (test == NULL)
    return;
  set_double_or_null(table, SUM_VALUE, test->observed);
  if (test->n == 0)
    return;
  set_double_or_null(table, SUM_LOWER, test->lower);
  set_double_or_null(table, SUM_UPPER, test->upper);
  set_double_or_null(table, SUM_NULL_MEAN, test->mean);
  set_double_or_null(table, SUM_P, p_greater_only ? test->p_greater : test->p_two_sided);
  cli_table_set_string(table, SUM_DIRECTION,
                       p_greater_only ? (test->p_greater <= 0.5 ? "greater" : "none")
                                      : citynet_test_result_direction(test));
  cli_table_set_int(table, SUM_N, test->n);
}

void
cli_summary_table_add(CliTable *table, const CitynetAlignment *alignment,
                      gboolean with_partitions)
{
  const char *by = citynet_dimension_to_string(citynet_alignment_dimension(alignment));
  CitynetTestResult test;
  citynet_alignment_jsd(alignment, &test);
  summary_row(table, "jsd", by, NAN, NAN, &test, TRUE);
  double blau, base_blau, iqv, base_iqv;
  citynet_alignment_blau(alignment, &blau, &base_blau, &iqv, &base_iqv, &test);
  summary_row(table, "blau", by, blau, base_blau, &test, FALSE);
  summary_row(table, "iqv", by, iqv, base_iqv, NULL, FALSE);
  if (!with_partitions)
    return;
  for (gsize p = 0; p < citynet_alignment_n_partitions(alignment); p++) {
    const char *name;
    double ei, base_ei;
    citynet_alignment_ei(alignment, p, &name, &ei, &base_ei, &test);
    summary_row(table, "ei", name, ei, base_ei, &test, FALSE);
  }
  if (citynet_alignment_has_affinity(alignment)) {
    double mean, base_mean;
    citynet_alignment_affinity(alignment, FALSE, NULL, NULL, &mean);
    citynet_alignment_affinity(alignment, TRUE, NULL, NULL, &base_mean);
    citynet_alignment_affinity_test(alignment, FALSE, &test);
    summary_row(table, "affinity_mean", "country", mean, base_mean, &test, FALSE);
    citynet_alignment_affinity_test(alignment, TRUE, &test);
    summary_row(table, "affinity_median", "country",
                citynet_alignment_affinity_quantile(alignment, FALSE, 0.5),
                citynet_alignment_affinity_quantile(alignment, TRUE, 0.5), &test, FALSE);
  }
}

CliTable *
cli_affinity_table(const char *name, const char *title, const CitynetAlignment *alignment)
{
  static const double probabilities[] = { 0.0, 0.1, 0.25, 0.5, 0.75, 0.9, 1.0 };
  static const char *const keys[] = { "min", "p10", "p25", "median", "p75", "p90", "max" };
  CliTable *table = cli_table_new(name, title);
  guint c_side = cli_table_add_column(table, "side", "side", CLI_COLUMN_STRING);
  guint c_n = cli_table_add_column(table, "entries", "entries", CLI_COLUMN_INT);
  guint c_missing = cli_table_add_column(table, "missing", "missing", CLI_COLUMN_INT);
  guint c_mean = cli_table_add_column(table, "mean", "mean", CLI_COLUMN_DOUBLE);
  guint c_q[G_N_ELEMENTS(keys)];
  for (gsize q = 0; q < G_N_ELEMENTS(keys); q++) {
    c_q[q] = cli_table_add_column(table, keys[q], keys[q], CLI_COLUMN_DOUBLE);
    cli_table_set_null_text(table, c_q[q], "-");
  }
  cli_table_set_null_text(table, c_mean, "-");
  for (int side = 0; side < 2; side++) {
    gsize n, missing;
    double mean;
    citynet_alignment_affinity(alignment, side, &n, &missing, &mean);
    cli_table_add_row(table);
    cli_table_set_string(table, c_side, side ? "baseline" : "focus");
    cli_table_set_int(table, c_n, (gint64) n);
    cli_table_set_int(table, c_missing, (gint64) missing);
    set_double_or_null(table, c_mean, mean);
    for (gsize q = 0; q < G_N_ELEMENTS(keys); q++)
      set_double_or_null(table, c_q[q],
                         citynet_alignment_affinity_quantile(alignment, side, probabilities[q]));
  }
  return table;
}

static int
compare_code_pointers(gconstpointer a, gconstpointer b)
{
  return strcmp(*(const char *const *) a, *(const char *const *) b);
}

CliTable *
cli_unvotes_table(const CliUnVotes *votes, const CitynetNetwork *network)
{
  CliTable *table = cli_table_new("un_agreement", "UN General Assembly agreement");
  guint c_code = cli_table_add_column(table, "iso3", "country", CLI_COLUMN_STRING);
  guint c_label = cli_table_add_column(table, "label", "name", CLI_COLUMN_STRING);
  guint c_roll_calls = cli_table_add_column(table, "roll_calls", "roll calls", CLI_COLUMN_INT);
  guint c_agreement = cli_table_add_column(table, "agreement", "agreement", CLI_COLUMN_DOUBLE);
  cli_table_set_null_text(table, c_roll_calls, "-");
  cli_table_set_null_text(table, c_agreement, "(no votes)");
  gsize n = citynet_network_n_countries(network);
  GPtrArray *codes = g_ptr_array_new();
  for (gsize c = 0; c < n; c++)
    g_ptr_array_add(codes, (gpointer) citynet_network_country_code(network, c));
  g_ptr_array_sort(codes, compare_code_pointers);
  for (guint i = 0; i < codes->len; i++) {
    const char *code = g_ptr_array_index(codes, i);
    cli_table_add_row(table);
    cli_table_set_string(table, c_code, code);
    cli_table_set_string(table, c_label, cli_country_label(network, code));
    for (gsize r = 0; r < citynet_un_agreement_n_countries(votes->agreement); r++) {
      const char *iso3;
      gsize roll_calls;
      double score;
      citynet_un_agreement_country(votes->agreement, r, &iso3, &roll_calls, &score);
      if (strcmp(iso3, code) == 0) {
        cli_table_set_int(table, c_roll_calls, (gint64) roll_calls);
        cli_table_set_double(table, c_agreement, score);
      }
    }
  }
  g_ptr_array_unref(codes);
  return table;
}

CliTable *
cli_unvotes_unmapped_table(const CliUnVotes *votes)
{
  CliTable *table = cli_table_new("un_unmapped",
                                  "UN vote countries without an ISO3 code (not used)");
  guint c_name = cli_table_add_column(table, "name", "name", CLI_COLUMN_STRING);
  guint c_iso2 = cli_table_add_column(table, "iso2", "code", CLI_COLUMN_STRING);
  guint c_votes = cli_table_add_column(table, "votes", "votes", CLI_COLUMN_INT);
  for (gsize c = 0; c < citynet_un_votes_n_countries(votes->votes); c++) {
    const char *name, *iso2, *iso3;
    gsize n;
    citynet_un_votes_country(votes->votes, c, &name, &iso2, &iso3, &n);
    if (iso3 != NULL)
      continue;
    cli_table_add_row(table);
    cli_table_set_string(table, c_name, name);
    cli_table_set_string(table, c_iso2, iso2);
    cli_table_set_int(table, c_votes, (gint64) n);
  }
  return table;
}

void
cli_alignment_write_options_json(const CliAlignSettings *settings, const CliAlignArgs *args,
                                 const char *const *groups, CliJson *json)
{
  cli_json_begin_object(json);
  cli_json_key(json, "groups");
  cli_json_strv(json, groups);
  cli_json_key(json, "by");
  cli_json_string(json, citynet_dimension_to_string(settings->by));
  cli_json_key(json, "unit");
  cli_json_string(json, settings->unit == CITYNET_UNIT_WEIGHT ? "weight" : "ties");
  cli_json_key(json, "permutations");
  cli_json_int(json, settings->permutations);
  cli_json_key(json, "seed");
  /* A seed above 2^53 would lose digits as a JSON number: write it as text. */
  char seed[32];
  g_snprintf(seed, sizeof seed, "%" G_GUINT64_FORMAT, settings->seed);
  cli_json_string(json, seed);
  cli_json_key(json, "interval");
  cli_json_string(json, settings->interval == CITYNET_INTERVAL_BOOTSTRAP ? "bootstrap"
                                                                         : "permutation");
  cli_json_key(json, "level");
  cli_json_double(json, settings->level);
  char **strata = cli_view_args_split(args->strata);
  cli_json_key(json, "strata");
  cli_json_strv(json, (const char *const *) strata);
  g_strfreev(strata);
  cli_json_key(json, "strata_by_kind");
  cli_json_bool(json, args->strata_by_kind);
  cli_json_key(json, "label_date");
  cli_json_string(json, args->label_date);
  cli_json_end_object(json);
}
