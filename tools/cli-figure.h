/* citynet command - what `citynet figure` and `citynet report -o DIR`
 * share: periods written A..B, group lists, the focus-against-baseline
 * comparison that feeds the composition figure's intervals. */
#ifndef CITYNET_CLI_FIGURE_H
#define CITYNET_CLI_FIGURE_H

#include <citynet/citynet.h>

#include "cli-options.h"

G_BEGIN_DECLS

/**
 * cli_parse_period:
 * @option: the option's name for messages ("--period").
 * @text: "A..B", "A.." or "..B" with dates YYYY, YYYY-MM or YYYY-MM-DD.
 * @from: (out) (transfer full) (nullable): A, or NULL when open.
 * @to: (out) (transfer full) (nullable): B, or NULL when open.
 * Returns: TRUE, or FALSE with CLI_ERROR_USAGE.
 */
gboolean cli_parse_period(const char *option, const char *text, char **from,
                          char **to, GError **error);

/**
 * cli_view_options_with_period:
 * Returns: (transfer full): a copy of @options whose period is
 * [@from, @to] (either NULL for open); NULL with CLI_ERROR_USAGE for a bad
 * date or a reversed period.
 */
CitynetViewOptions *cli_view_options_with_period(const CitynetViewOptions *options,
                                                 const char *option,
                                                 const char *from,
                                                 const char *to,
                                                 GError **error);

/**
 * cli_split_groups:
 * Returns: (transfer full) (nullable): the comma-separated @text as a
 * NULL-terminated list (g_strfreev()), or NULL when @text is NULL.
 */
char **cli_split_groups(const char *text);

/**
 * CliComparison:
 * The focus node in its view against a baseline (another node in the same
 * period, or the focus in another period), by the partner groups of the
 * figure, with the alignment module's permutation test.
 */
typedef struct {
  CitynetView *view;          /* owned reference */
  gsize focus;
  CitynetView *baseline_view; /* owned reference */
  gsize baseline_node;
  char *label;                /* the baseline's legend text */
  char **groups;              /* the groups compared */
  CitynetAlignment *alignment;
  guint permutations;
  guint64 seed;
} CliComparison;

/**
 * cli_comparison_init:
 * @groups: (nullable): the groups, NULL for citynet_figure_default_groups().
 * @permutations: the permutations of the test (0 for none).
 *
 * Runs citynet_alignment_new() on the groups (unit: ties), so that the
 * bars of the composition figure and the intervals come from one count.
 * Returns: TRUE, or FALSE with the library's error.
 */
gboolean cli_comparison_init(CliComparison *comparison, CitynetView *view,
                             gsize focus, CitynetView *baseline_view,
                             gsize baseline_node, const char *label,
                             const char *const *groups, guint permutations,
                             guint64 seed, GError **error);
void cli_comparison_clear(CliComparison *comparison);

/**
 * cli_comparison_apply:
 * Sets @options' baseline and the intervals of the focus share: under the
 * permutation null (entries pooled, sides keeping their sizes) the focus
 * share of a category is p + (n_b / N) d, with p the pooled share, n_b the
 * baseline's entries, N all entries and d the difference of the shares;
 * the interval of d therefore maps exactly onto one of the focus share.
 */
void cli_comparison_apply(const CliComparison *comparison,
                          CitynetFigureOptions *options);

/**
 * cli_comparison_table:
 * Returns: (transfer full): the comparison as a table (name @name): per
 * group the units and shares of both sides, the difference, its interval
 * and p-value, and the ratio.
 */
CliTable *cli_comparison_table(const CliComparison *comparison,
                               const char *name, const char *title);

G_END_DECLS

#endif /* CITYNET_CLI_FIGURE_H */
