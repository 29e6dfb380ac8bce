/* citynet command - periods, groups and comparisons shared by `figure` and
 * `report` (see cli-figure.h). */
#include "cli-figure.h"

#include <math.h>
#include <string.h>

gboolean
cli_parse_period(const char *option, const char *text, char **from, char **to,
                 GError **error)
{
  *from = *to = NULL;
  const char *dots = text != NULL ? strstr(text, "..") : NULL;
  if (dots == NULL || strstr(dots + 2, "..") != NULL) {
    g_set_error(error, CLI_ERROR, CLI_ERROR_USAGE,
                "%s: expected FROM..TO (either side may be left out, e.g. "
                "2019-06-23..2024-03-31 or ..2019-06-22), not '%s'", option,
                text != NULL ? text : "");
    return FALSE;
  }
  char *a = g_strndup(text, (gsize) (dots - text));
  char *b = g_strdup(dots + 2);
  const char *sides[2] = { a, b };
  for (guint i = 0; i < 2; i++) {
    CitynetDate date;
    GError *cause = NULL;
    if (*sides[i] != '\0' && !citynet_date_parse(sides[i], &date, &cause)) {
      g_set_error(error, CLI_ERROR, CLI_ERROR_USAGE, "%s: %s", option,
                  cause->message);
      g_error_free(cause);
      g_free(a);
      g_free(b);
      return FALSE;
    }
  }
  if (*a == '\0' && *b == '\0') {
    g_set_error(error, CLI_ERROR, CLI_ERROR_USAGE,
                "%s: give at least one date (FROM..TO)", option);
    g_free(a);
    g_free(b);
    return FALSE;
  }
  *from = *a != '\0' ? a : (g_free(a), NULL);
  *to = *b != '\0' ? b : (g_free(b), NULL);
  return TRUE;
}

CitynetViewOptions *
cli_view_options_with_period(const CitynetViewOptions *options,
                             const char *option, const char *from,
                             const char *to, GError **error)
{
  CitynetViewOptions *copy = citynet_view_options_copy(options);
  GError *cause = NULL;
  if (!citynet_view_options_set_period(copy, from, to, &cause)) {
    g_set_error(error, CLI_ERROR, CLI_ERROR_USAGE, "%s: %s", option,
                cause->message);
    g_error_free(cause);
    citynet_view_options_free(copy);
    return NULL;
  }
  return copy;
}

char **
cli_split_groups(const char *text)
{
  if (text == NULL)
    return NULL;
  char *values[] = { (char *) text, NULL };
  return cli_view_args_split(values);
}

/* ------------------------------------------------------------------------ */
/* Comparisons                                                              */
/* ------------------------------------------------------------------------ */

gboolean
cli_comparison_init(CliComparison *comparison, CitynetView *view, gsize focus,
                    CitynetView *baseline_view, gsize baseline_node,
                    const char *label, const char *const *groups,
                    guint permutations, guint64 seed, GError **error)
{
  memset(comparison, 0, sizeof *comparison);
  comparison->view = citynet_view_ref(view);
  comparison->focus = focus;
  comparison->baseline_view = citynet_view_ref(baseline_view);
  comparison->baseline_node = baseline_node;
  comparison->label = g_strdup(label);
  comparison->permutations = permutations;
  comparison->seed = seed;
  comparison->groups = groups != NULL ? g_strdupv((char **) groups)
                                      : citynet_figure_default_groups(view, focus, error);
  if (comparison->groups == NULL)
    return FALSE;

  g_autoptr(CitynetAlignmentOptions) options = citynet_alignment_options_new();
  for (guint i = 0; comparison->groups[i] != NULL; i++)
    citynet_alignment_options_add_group(options, comparison->groups[i]);
  citynet_alignment_options_set_dimension(options, CITYNET_DIMENSION_GROUP);
  citynet_alignment_options_set_unit(options, CITYNET_UNIT_TIES);
  citynet_alignment_options_set_permutations(options, permutations);
  citynet_alignment_options_set_seed(options, seed);
  comparison->alignment = citynet_alignment_new(view, &focus, 1, baseline_view,
                                                &baseline_node, 1, options, error);
  return comparison->alignment != NULL;
}

void
cli_comparison_clear(CliComparison *comparison)
{
  citynet_alignment_free(comparison->alignment);
  citynet_view_unref(comparison->view);
  citynet_view_unref(comparison->baseline_view);
  g_free(comparison->label);
  g_strfreev(comparison->groups);
  memset(comparison, 0, sizeof *comparison);
}

void
cli_comparison_apply(const CliComparison *comparison,
                     CitynetFigureOptions *options)
{
  citynet_figure_options_set_groups(options, (const char *const *) comparison->groups);
  citynet_figure_options_set_baseline(options, comparison->baseline_view,
                                      comparison->baseline_node, comparison->label);
  const CitynetAlignment *alignment = comparison->alignment;
  gsize n_entries, n_baseline;
  citynet_alignment_totals(alignment, &n_entries, NULL, &n_baseline, NULL);
  gsize n = citynet_alignment_n_categories(alignment);
  GPtrArray *keys = g_ptr_array_new();
  double *low = g_new(double, n + 1), *high = g_new(double, n + 1);
  gsize k = 0;
  double total = (double) (n_entries + n_baseline);
  for (gsize c = 0; c < n && comparison->permutations > 0 && total > 0; c++) {
    const char *key;
    double units, baseline_units;
    CitynetTestResult difference;
    citynet_alignment_category(alignment, c, &key, &units, &baseline_units,
                               NULL, NULL, NULL, &difference);
    if (difference.n == 0 || !isfinite(difference.lower))
      continue;
    double pooled = (units + baseline_units) / total;
    double factor = (double) n_baseline / total;
    g_ptr_array_add(keys, (gpointer) key);
    low[k] = pooled + factor * difference.lower;
    high[k] = pooled + factor * difference.upper;
    k++;
  }
  char *label = g_strdup_printf("middle 95%% of the focus share with the "
                                "ties of both sides reassigned at random "
                                "(%u permutations)", comparison->permutations);
  citynet_figure_options_set_interval(options, (const char *const *) keys->pdata,
                                      low, high, k, label);
  g_free(label);
  g_ptr_array_unref(keys);
  g_free(low);
  g_free(high);
}

CliTable *
cli_comparison_table(const CliComparison *comparison, const char *name,
                     const char *title)
{
  CliTable *table = cli_table_new(name, title);
  guint c_group = cli_table_add_column(table, "group", "group", CLI_COLUMN_STRING);
  guint c_ties = cli_table_add_column(table, "ties", "ties", CLI_COLUMN_INT);
  guint c_share = cli_table_add_column(table, "share", "share", CLI_COLUMN_DOUBLE);
  guint c_base_ties = cli_table_add_column(table, "baseline_ties", "baseline ties", CLI_COLUMN_INT);
  guint c_base_share = cli_table_add_column(table, "baseline_share", "baseline share", CLI_COLUMN_DOUBLE);
  guint c_diff = cli_table_add_column(table, "difference", "difference", CLI_COLUMN_DOUBLE);
  guint c_low = cli_table_add_column(table, "null_lower", "null 2.5%", CLI_COLUMN_DOUBLE);
  guint c_high = cli_table_add_column(table, "null_upper", "null 97.5%", CLI_COLUMN_DOUBLE);
  guint c_p = cli_table_add_column(table, "p_two_sided", "p", CLI_COLUMN_DOUBLE);
  guint c_ratio = cli_table_add_column(table, "ratio", "ratio", CLI_COLUMN_DOUBLE);
  const CitynetAlignment *alignment = comparison->alignment;
  for (gsize c = 0; c < citynet_alignment_n_categories(alignment); c++) {
    const char *key;
    double units, baseline_units, share, baseline_share, ratio;
    CitynetTestResult difference;
    citynet_alignment_category(alignment, c, &key, &units, &baseline_units,
                               &share, &baseline_share, &ratio, &difference);
    cli_table_add_row(table);
    cli_table_set_string(table, c_group, *key != '\0' ? key : "(none of these)");
    cli_table_set_int(table, c_ties, (gint64) llround(units));
    cli_table_set_double(table, c_share, share);
    cli_table_set_int(table, c_base_ties, (gint64) llround(baseline_units));
    cli_table_set_double(table, c_base_share, baseline_share);
    cli_table_set_double(table, c_diff, difference.observed);
    if (difference.n > 0) {
      cli_table_set_double(table, c_low, difference.lower);
      cli_table_set_double(table, c_high, difference.upper);
      cli_table_set_double(table, c_p, difference.p_two_sided);
    }
    if (isfinite(ratio))
      cli_table_set_double(table, c_ratio, ratio);
  }
  return table;
}
