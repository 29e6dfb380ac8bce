/* libcitynet - alignment: where a node's ties stand relative to country
 * blocs (composition by group, E-I index, profile against a baseline,
 * UN-vote affinity, period comparison).
 *
 * The formulas, citations and conventions are written out in
 * docs/alignment.md; the doc comments below give the short form.
 *
 * Vocabulary.
 *   entry     one view tie seen from one of its ends, the *owner* (the
 *             focus node, a baseline node); the other end is the
 *             *partner*. A tie whose both ends are owners gives two
 *             entries.
 *   unit      what an entry counts for: 1 (ties), its weight (weight), or,
 *             in a composition, its partner once (alters).
 *   category  a partner country (ISO3, "" when the partner has none) or a
 *             selected group ("" when the partner's country is in none of
 *             them) judged on the tie's reference date
 *             (citynet_view_tie_reference_date()).
 *
 * Randomness. Every permutation test and bootstrap is seeded
 * (citynet_alignment_options_set_seed()); permutation (or resample) i
 * draws from its own xoshiro256** stream derived from the seed and i, so
 * results are identical for any number of threads. The work runs on all
 * processors by default and needs no igraph call.
 */
#ifndef CITYNET_ALIGNMENT_H
#define CITYNET_ALIGNMENT_H

#if !defined(CITYNET_INSIDE) && !defined(CITYNET_COMPILATION)
#error "Only <citynet/citynet.h> can be included directly."
#endif

#include <citynet/common.h>
#include <citynet/network.h>
#include <citynet/view.h>
#include <citynet/composition.h>

G_BEGIN_DECLS

/* ------------------------------------------------------------------------ */
/* Shared vocabulary                                                        */
/* ------------------------------------------------------------------------ */

/**
 * CitynetUnit:
 * @CITYNET_UNIT_ALTERS: each distinct partner counts once (compositions
 *   only).
 * @CITYNET_UNIT_TIES: each entry counts 1.
 * @CITYNET_UNIT_WEIGHT: each entry counts its tie's weight.
 */
typedef enum {
  CITYNET_UNIT_ALTERS,
  CITYNET_UNIT_TIES,
  CITYNET_UNIT_WEIGHT
} CitynetUnit;

/**
 * CitynetInterval:
 * How the intervals of a two-sample comparison are made.
 * @CITYNET_INTERVAL_PERMUTATION: the central quantiles of the statistic
 *   under the permutation null (the entries of both samples pooled and
 *   reassigned to the two sides at random, sizes kept): an observed value
 *   outside the interval is unusual if there were no difference.
 * @CITYNET_INTERVAL_BOOTSTRAP: a percentile bootstrap confidence interval:
 *   entries resampled with replacement within each side.
 */
typedef enum {
  CITYNET_INTERVAL_PERMUTATION,
  CITYNET_INTERVAL_BOOTSTRAP
} CitynetInterval;

/**
 * CitynetTestResult:
 * @observed: the statistic on the data.
 * @n: the number of permutations (or resamples) whose statistic was
 *   defined (a statistic can be undefined, NaN, e.g. an E-I index with no
 *   counted tie); 0 when no test was run.
 * @mean: the mean of those statistics.
 * @sd: their standard deviation (divisor n - 1; NaN for n < 2).
 * @lower: their (1 - level)/2 quantile (Hyndman-Fan type 7), see
 *   CitynetInterval; NaN when n = 0.
 * @upper: their (1 + level)/2 quantile.
 * @p_greater: permutation p-value for "greater than by chance":
 *   (1 + #{t_i >= observed}) / (n_perm + 1) (Phipson & Smyth 2010).
 * @p_less: (1 + #{t_i <= observed}) / (n_perm + 1).
 * @p_two_sided: min(1, 2 min(@p_greater, @p_less)).
 *
 * A statistic with its test. Values equal to the observed one within a
 * relative 1e-9 count as equal (both tails). The p-values always come from
 * the permutation null, also when the interval is a bootstrap one; NaN when
 * no permutation was run. A plain value: copy it freely.
 */
typedef struct {
  double observed;
  guint n;
  double mean;
  double sd;
  double lower;
  double upper;
  double p_greater;
  double p_less;
  double p_two_sided;
} CitynetTestResult;

/**
 * citynet_test_result_direction:
 * Returns: (transfer none): "greater" when @result's p_greater is below
 * its p_less, "less" when above, "none" when equal or untested.
 */
CITYNET_API const char *citynet_test_result_direction(const CitynetTestResult *result);

/* ------------------------------------------------------------------------ */
/* Options                                                                  */
/* ------------------------------------------------------------------------ */

/**
 * CitynetAlignmentOptions:
 * An opaque set of options shared by every function of this header. The
 * defaults: every group of the network, ties as the unit, the country
 * dimension, 1000 permutations, seed 1, all processors, permutation
 * intervals at level 0.95, no strata, node labels judged on the view's
 * label day, no affinity attribute, network-level E-I tests on.
 */
typedef struct _CitynetAlignmentOptions CitynetAlignmentOptions;

/** citynet_alignment_options_new: Returns: (transfer full): default
 * options; free with citynet_alignment_options_free(). */
CITYNET_API CitynetAlignmentOptions *citynet_alignment_options_new(void);
/** citynet_alignment_options_copy: Returns: (transfer full): a copy. */
CITYNET_API CitynetAlignmentOptions *citynet_alignment_options_copy(const CitynetAlignmentOptions *options);
/** citynet_alignment_options_free: frees @options; NULL is ignored. */
CITYNET_API void citynet_alignment_options_free(CitynetAlignmentOptions *options);

/**
 * citynet_alignment_options_add_group:
 * Adds @group (copied) to the groups of interest, in order; adding one
 * twice is ignored. With none added, every group of the network is used
 * (citynet_network_groups()). A group the network does not know is not
 * an error: nobody is in it.
 */
CITYNET_API void citynet_alignment_options_add_group(CitynetAlignmentOptions *options,
                                                     const char *group);
/**
 * citynet_alignment_options_set_unit:
 * The unit of two-sample comparisons: CITYNET_UNIT_TIES (default) or
 * CITYNET_UNIT_WEIGHT. CITYNET_UNIT_ALTERS makes citynet_alignment_new()
 * fail with CITYNET_ERROR_INVALID_ARGUMENT.
 */
CITYNET_API void citynet_alignment_options_set_unit(CitynetAlignmentOptions *options,
                                                    CitynetUnit unit);
/**
 * citynet_alignment_options_set_dimension:
 * The categories of two-sample comparisons: CITYNET_DIMENSION_COUNTRY
 * (default) or CITYNET_DIMENSION_GROUP. CITYNET_DIMENSION_LAYER makes
 * citynet_alignment_new() fail with CITYNET_ERROR_INVALID_ARGUMENT.
 */
CITYNET_API void citynet_alignment_options_set_dimension(CitynetAlignmentOptions *options,
                                                         CitynetDimension dimension);
/**
 * citynet_alignment_options_set_permutations:
 * The number of permutations (and of bootstrap resamples); 0 runs no test.
 * Default 1000.
 */
CITYNET_API void citynet_alignment_options_set_permutations(CitynetAlignmentOptions *options,
                                                            guint permutations);
/** citynet_alignment_options_set_seed: the random seed (default 1). */
CITYNET_API void citynet_alignment_options_set_seed(CitynetAlignmentOptions *options,
                                                    guint64 seed);
/**
 * citynet_alignment_options_set_threads:
 * The number of threads for permutations; 0 (default) uses every
 * processor (g_get_num_processors()). Results do not depend on it.
 */
CITYNET_API void citynet_alignment_options_set_threads(CitynetAlignmentOptions *options,
                                                       guint threads);
/** citynet_alignment_options_set_interval: see CitynetInterval. */
CITYNET_API void citynet_alignment_options_set_interval(CitynetAlignmentOptions *options,
                                                        CitynetInterval interval);
/**
 * citynet_alignment_options_set_level:
 * The coverage of intervals, in (0, 1); default 0.95.
 * Returns: TRUE, or FALSE with CITYNET_ERROR_INVALID_ARGUMENT.
 */
CITYNET_API gboolean citynet_alignment_options_set_level(CitynetAlignmentOptions *options,
                                                         double level,
                                                         GError **error);
/**
 * citynet_alignment_options_add_stratum_group:
 * Stratifies E-I permutations: labels are permuted only among nodes of
 * the same stratum. A node's stratum is the first group added here that
 * its country belongs to on the label day, or "other". Call once per
 * group, in priority order (e.g. "Europe", "Middle-East", "Asia", ...).
 */
CITYNET_API void citynet_alignment_options_add_stratum_group(CitynetAlignmentOptions *options,
                                                             const char *group);
/**
 * citynet_alignment_options_set_strata_by_kind:
 * When TRUE, E-I strata are also split by node kind (cities are permuted
 * among cities, governments among governments). Default FALSE.
 */
CITYNET_API void citynet_alignment_options_set_strata_by_kind(CitynetAlignmentOptions *options,
                                                              gboolean by_kind);
/**
 * citynet_alignment_options_set_label_date:
 * @date: (nullable): "YYYY", "YYYY-MM" or "YYYY-MM-DD" (its first day is
 *   used); NULL restores the default.
 *
 * The day on which the E-I index judges every node's groups (a node needs
 * one label to be permuted). Default: the view's first day; when the view
 * has an open start, its last day; when both are open, "now" (spells with
 * an open end).
 * Returns: TRUE, or FALSE with CITYNET_ERROR_INVALID_ARGUMENT.
 */
CITYNET_API gboolean citynet_alignment_options_set_label_date(CitynetAlignmentOptions *options,
                                                              const char *date,
                                                              GError **error);
/**
 * citynet_alignment_options_set_affinity:
 * @key: (nullable): a numeric country attribute (e.g. the key written by
 *   citynet_un_agreement_apply()); NULL turns the affinity profile off.
 *
 * Makes citynet_alignment_new() also compare the partners' affinity.
 */
CITYNET_API void citynet_alignment_options_set_affinity(CitynetAlignmentOptions *options,
                                                        const char *key);
/**
 * citynet_alignment_options_set_network_test:
 * Whether citynet_ei_index_new() also runs the permutation test of the
 * group-level and whole-network E-I indices, which costs O(n + m) per
 * permutation; the ego test costs O(degree). Default TRUE.
 */
CITYNET_API void citynet_alignment_options_set_network_test(CitynetAlignmentOptions *options,
                                                            gboolean network_test);

/* ------------------------------------------------------------------------ */
/* Composition by group                                                     */
/* ------------------------------------------------------------------------ */

/**
 * CitynetGroupComposition:
 * An opaque, immutable description of a focus node's entries in a view by
 * partner country and by selected group, each over all layers and within
 * each layer, with the diversity (Blau, IQV) of every such scope.
 *
 * Rows are ordered: dimension (country, then group), scope (all layers
 * first, then layers by name), decreasing ties, key.
 */
typedef struct _CitynetGroupComposition CitynetGroupComposition;

/**
 * citynet_group_composition_new:
 * @view: the view (a reference is taken).
 * @focus: network index of the focus node; it must be a vertex of @view.
 * @options: (nullable): the groups of interest; NULL = defaults.
 *
 * Counts the focus's entries: one per view tie incident to it, either
 * direction. A tie's partner is judged on the tie's reference date.
 * Complexity: O(m + k·(g + log k)) for m view ties, k focus ties and g
 * groups of interest.
 *
 * Returns: (transfer full): the composition, or NULL with
 * CITYNET_ERROR_NOT_FOUND when @focus is not in @view.
 */
CITYNET_API CitynetGroupComposition *citynet_group_composition_new(CitynetView *view,
                                                                   gsize focus,
                                                                   const CitynetAlignmentOptions *options,
                                                                   GError **error);
/** citynet_group_composition_free: frees it; NULL is ignored. */
CITYNET_API void citynet_group_composition_free(CitynetGroupComposition *composition);

/**
 * citynet_group_composition_totals:
 * @alters: (out) (optional): distinct partners.
 * @ties: (out) (optional): entries.
 * @weight: (out) (optional): their summed weight.
 */
CITYNET_API void citynet_group_composition_totals(const CitynetGroupComposition *composition,
                                                  gsize *alters, gsize *ties,
                                                  double *weight);

/** citynet_group_composition_n_rows: Returns: the number of rows. */
CITYNET_API gsize citynet_group_composition_n_rows(const CitynetGroupComposition *composition);

/**
 * citynet_group_composition_row:
 * @row: 0 <= @row < citynet_group_composition_n_rows().
 * @dimension: (out) (optional): CITYNET_DIMENSION_COUNTRY or _GROUP.
 * @layer: (out) (optional) (transfer none) (nullable): the scope's layer,
 *   NULL for all layers.
 * @key: (out) (optional) (transfer none): ISO3 code or group name; "" for
 *   none.
 * @alters: (out) (optional): distinct partners in the category (a partner
 *   is in a group when one of its ties is, on that tie's date).
 * @ties: (out) (optional): entries in the category.
 * @weight: (out) (optional): their weight.
 *
 * Shares: citynet_group_composition_share().
 */
CITYNET_API void citynet_group_composition_row(const CitynetGroupComposition *composition,
                                               gsize row,
                                               CitynetDimension *dimension,
                                               const char **layer,
                                               const char **key,
                                               gsize *alters, gsize *ties,
                                               double *weight);

/**
 * citynet_group_composition_share:
 * @share: (out) (optional): the row's count in @unit divided by the
 *   scope's total in @unit. Groups overlap: the group shares of a scope
 *   can sum to more than 1.
 * @fractional: (out) (optional): the row's fractional share: each unit of
 *   a partner in j selected groups counts 1/j for each of them (1 for ""
 *   when j = 0), so the fractional shares of a scope sum to 1. For
 *   country rows it equals @share.
 */
CITYNET_API void citynet_group_composition_share(const CitynetGroupComposition *composition,
                                                 gsize row, CitynetUnit unit,
                                                 double *share,
                                                 double *fractional);

/** citynet_group_composition_n_scopes: Returns: the number of
 * (dimension, scope) pairs with a diversity value. */
CITYNET_API gsize citynet_group_composition_n_scopes(const CitynetGroupComposition *composition);

/**
 * citynet_group_composition_diversity:
 * @scope: 0 <= @scope < citynet_group_composition_n_scopes(), in the row
 *   order of dimensions and scopes.
 * @dimension: (out) (optional), @layer: (out) (optional) (nullable): which.
 * @categories: (out) (optional): K, the number of categories of the
 *   classification: for countries, the distinct country categories among
 *   the view's vertices ("" counts when a vertex has no country); for
 *   groups, the selected groups plus "".
 * @observed: (out) (optional): categories with a non-zero count.
 * @blau: (out) (optional): Blau's heterogeneity 1 - sum_k p_k^2 over the
 *   (fractional) shares p_k in @unit.
 * @iqv: (out) (optional): the index of qualitative variation
 *   @blau · K / (K - 1); NaN for K < 2.
 *
 * Both are NaN when the scope's total in @unit is 0.
 */
CITYNET_API void citynet_group_composition_diversity(const CitynetGroupComposition *composition,
                                                     gsize scope, CitynetUnit unit,
                                                     CitynetDimension *dimension,
                                                     const char **layer,
                                                     gsize *categories,
                                                     gsize *observed,
                                                     double *blau, double *iqv);

/* ------------------------------------------------------------------------ */
/* E-I index                                                                */
/* ------------------------------------------------------------------------ */

/**
 * CitynetEILevel:
 * @CITYNET_EI_EGO: the focus node's edges.
 * @CITYNET_EI_GROUP: the edges of one label's members (Krackhardt & Stern's
 *   group-level index).
 * @CITYNET_EI_NETWORK: every edge between labelled nodes.
 */
typedef enum {
  CITYNET_EI_EGO,
  CITYNET_EI_GROUP,
  CITYNET_EI_NETWORK
} CitynetEILevel;

/**
 * CitynetEIIndex:
 * An opaque, immutable table of Krackhardt & Stern's E-I index
 * (EL - IL) / (EL + IL) of one labelling of a view's nodes, at the ego,
 * group and network levels, on the view's edges (after combining), counted
 * (binary) and weighted, raw and rescaled, with permutation tests.
 *
 * Rows: the ego row (when a focus was given), one row per label in key
 * order, the network row.
 */
typedef struct _CitynetEIIndex CitynetEIIndex;

/**
 * citynet_ei_index_new:
 * @view: the view (a reference is taken).
 * @focus: network index of the ego, or -1 for none.
 * @group: (nullable): NULL labels nodes by country; a group name labels
 *   them "in @group" or "not in @group" (overlapping groups are handled
 *   one at a time this way).
 * @options: (nullable): permutations, seed, threads, strata, label day.
 *
 * Nodes without a country have no label: their edges count neither as
 * internal nor as external and they are not permuted. The ego test
 * permutes the labels of all other labelled nodes (within strata), the
 * ego's own label fixed; the network test permutes all labelled nodes.
 * Complexity: O(n + m log m) plus, per permutation, O(degree) for the
 * ego test and O(n + m) for the network test, spread over the threads.
 *
 * Returns: (transfer full): the index, or NULL with
 * CITYNET_ERROR_NOT_FOUND (@focus not in @view) or CITYNET_ERROR_CANCELLED
 * (the progress handler cancelled a permutation test).
 */
CITYNET_API CitynetEIIndex *citynet_ei_index_new(CitynetView *view, gssize focus,
                                                 const char *group,
                                                 const CitynetAlignmentOptions *options,
                                                 GError **error);
/** citynet_ei_index_free: frees it; NULL is ignored. */
CITYNET_API void citynet_ei_index_free(CitynetEIIndex *index);

/** citynet_ei_index_label_date: Returns: the day labels were judged on
 * (CITYNET_DATE_OPEN = "now"). */
CITYNET_API CitynetDate citynet_ei_index_label_date(const CitynetEIIndex *index);
/** citynet_ei_index_n_rows: Returns: the number of rows. */
CITYNET_API gsize citynet_ei_index_n_rows(const CitynetEIIndex *index);

/**
 * citynet_ei_index_row:
 * @level: (out) (optional): the row's level.
 * @key: (out) (optional) (transfer none) (nullable): the label: an ISO3
 *   code, a group name, or "not " + group name; for the ego row the ego's
 *   label (NULL when the ego has none); NULL for the network row.
 * @members: (out) (optional): labelled vertices with that label (the ego
 *   row: of the ego's label, ego included; the network row: all labelled).
 */
CITYNET_API void citynet_ei_index_row(const CitynetEIIndex *index, gsize row,
                                      CitynetEILevel *level, const char **key,
                                      gsize *members);

/**
 * citynet_ei_index_values:
 * @weighted: FALSE counts edges; TRUE sums edge weights.
 * @internal: (out) (optional): IL, edges (weight) inside the label.
 * @external: (out) (optional): EL, edges (weight) to other labels.
 * @ei: (out) (optional): (EL - IL) / (EL + IL); NaN when EL + IL = 0.
 * @rescaled: (out) (optional): @ei mapped linearly from [@minimum,
 *   @maximum] onto [-1, 1]; NaN when @minimum = @maximum.
 * @minimum: (out) (optional), @maximum: (out) (optional): the least and
 *   greatest E-I the same edges (with the same weights) could reach if
 *   placed on the row's possible dyads, each dyad holding at most one edge
 *   (any number in a CITYNET_COMBINE_NONE view).
 * @expected: (out) (optional): (P_E - P_I) / (P_E + P_I) for the row's
 *   possible external and internal dyads: the E-I expected when edges fall
 *   on dyads at random.
 */
CITYNET_API void citynet_ei_index_values(const CitynetEIIndex *index, gsize row,
                                         gboolean weighted, double *internal,
                                         double *external, double *ei,
                                         double *rescaled, double *minimum,
                                         double *maximum, double *expected);

/**
 * citynet_ei_index_test:
 * @weighted: the counted or the weighted index.
 * @result: (out): the raw E-I with its permutation test (lower/upper: the
 *   central quantiles of the permuted E-I). The rescaled index is an
 *   increasing linear function of the raw one under every permutation
 *   (label sizes and the ego's label are kept), so its p-values are the
 *   same. n = 0 when the row was not tested.
 */
CITYNET_API void citynet_ei_index_test(const CitynetEIIndex *index, gsize row,
                                       gboolean weighted,
                                       CitynetTestResult *result);

/* ------------------------------------------------------------------------ */
/* Alignment profile: a sample of entries against a baseline                */
/* ------------------------------------------------------------------------ */

/**
 * CitynetAlignment:
 * An opaque, immutable comparison of two samples of entries: the focus
 * sample (the entries of one or more owner nodes in a view) and the
 * baseline sample (the entries of other owners, or of the same owners in
 * another view, e.g. another period). For each category: the shares, their
 * difference (focus - baseline) and ratio; overall: the Jensen-Shannon
 * divergence, Blau's heterogeneity, the tie-level E-I index of each
 * partition, and the affinity of the partners (when an affinity attribute
 * is set); each with a permutation test and an interval.
 */
typedef struct _CitynetAlignment CitynetAlignment;

/**
 * citynet_alignment_new:
 * @view: the focus sample's view (a reference is taken).
 * @nodes: (array length=n_nodes): the focus sample's owners (network
 *   indices, vertices of @view, distinct).
 * @n_nodes: at least 1.
 * @baseline_view: (nullable): the baseline's view; NULL = @view.
 * @baseline_nodes: (nullable) (array length=n_baseline): the baseline's
 *   owners (vertices of the baseline view, distinct); NULL = @nodes.
 * @n_baseline: their number (ignored when @baseline_nodes is NULL).
 * @options: (nullable): unit, dimension, groups, permutations, seed,
 *   threads, interval method and level, affinity attribute.
 *
 * Examples: Istanbul 2019-2024 against the national government's ties
 * (@view the 2019-2024 view, @nodes {istanbul}, @baseline_nodes
 * {turkey-government}); Istanbul 2019-2024 against Istanbul before 2019
 * (@baseline_view the earlier view, @baseline_nodes NULL).
 *
 * Complexity: O(m + N log N) plus O(N·(K + P)) per permutation and per
 * resample, for m view ties, N entries, K categories and P partitions.
 *
 * Returns: (transfer full): the comparison, or NULL with
 * CITYNET_ERROR_INVALID_ARGUMENT (no owner, a repeated owner, the baseline
 * equal to the sample, a bad unit or dimension), CITYNET_ERROR_NOT_FOUND
 * (an owner outside its view) or CITYNET_ERROR_CANCELLED (the progress
 * handler cancelled the permutations or the bootstrap).
 */
CITYNET_API CitynetAlignment *citynet_alignment_new(CitynetView *view,
                                                    const gsize *nodes,
                                                    gsize n_nodes,
                                                    CitynetView *baseline_view,
                                                    const gsize *baseline_nodes,
                                                    gsize n_baseline,
                                                    const CitynetAlignmentOptions *options,
                                                    GError **error);
/** citynet_alignment_free: frees it; NULL is ignored. */
CITYNET_API void citynet_alignment_free(CitynetAlignment *alignment);

/** citynet_alignment_dimension: Returns: the categories' dimension. */
CITYNET_API CitynetDimension citynet_alignment_dimension(const CitynetAlignment *alignment);
/** citynet_alignment_unit: Returns: the unit. */
CITYNET_API CitynetUnit citynet_alignment_unit(const CitynetAlignment *alignment);

/**
 * citynet_alignment_totals:
 * @entries: (out) (optional), @units: (out) (optional): the focus
 *   sample's entries and units.
 * @baseline_entries: (out) (optional), @baseline_units: (out) (optional):
 *   the baseline's.
 */
CITYNET_API void citynet_alignment_totals(const CitynetAlignment *alignment,
                                          gsize *entries, double *units,
                                          gsize *baseline_entries,
                                          double *baseline_units);

/** citynet_alignment_n_categories: Returns: the number of categories (the
 * countries of either sample plus "" when present; or the groups plus ""). */
CITYNET_API gsize citynet_alignment_n_categories(const CitynetAlignment *alignment);

/**
 * citynet_alignment_category:
 * @key: (out) (optional) (transfer none): ISO3 code or group; "" = none.
 * @units: (out) (optional), @baseline_units: (out) (optional): the units
 *   of each side in the category.
 * @share: (out) (optional), @baseline_share: (out) (optional): those
 *   divided by each side's total (overlapping for groups).
 * @ratio: (out) (optional): @share / @baseline_share (inf or NaN when the
 *   baseline share is 0).
 * @difference: (out) (optional) (nullable): @share - @baseline_share with
 *   its test and interval.
 *
 * Countries are ordered by decreasing pooled units (both sides), then
 * key; groups come in the order of interest, then "".
 */
CITYNET_API void citynet_alignment_category(const CitynetAlignment *alignment,
                                            gsize category, const char **key,
                                            double *units,
                                            double *baseline_units,
                                            double *share,
                                            double *baseline_share,
                                            double *ratio,
                                            CitynetTestResult *difference);

/**
 * citynet_alignment_jsd:
 * @result: (out): the Jensen-Shannon divergence (base 2, in [0, 1])
 *   between the two sides' category distributions (fractional for groups,
 *   see citynet_group_composition_share()), with its test: p_greater is
 *   the p-value of "more different than by chance".
 */
CITYNET_API void citynet_alignment_jsd(const CitynetAlignment *alignment,
                                       CitynetTestResult *result);

/**
 * citynet_alignment_blau:
 * @blau: (out) (optional), @baseline_blau: (out) (optional): Blau's
 *   heterogeneity of each side's (fractional) category distribution.
 * @iqv: (out) (optional), @baseline_iqv: (out) (optional): the IQV with K
 *   as in citynet_group_composition_diversity() over both views.
 * @difference: (out) (optional) (nullable): @blau - @baseline_blau tested.
 */
CITYNET_API void citynet_alignment_blau(const CitynetAlignment *alignment,
                                        double *blau, double *baseline_blau,
                                        double *iqv, double *baseline_iqv,
                                        CitynetTestResult *difference);

/**
 * citynet_alignment_n_partitions:
 * Returns: the number of E-I partitions: by country, then one per selected
 * group ("in G" vs "not in G").
 */
CITYNET_API gsize citynet_alignment_n_partitions(const CitynetAlignment *alignment);

/**
 * citynet_alignment_ei:
 * @name: (out) (optional) (transfer none): "country" or the group name.
 * @ei: (out) (optional), @baseline_ei: (out) (optional): each side's
 *   tie-level E-I: an entry is internal when its partner has the owner's
 *   label on the tie's reference date (same country; both in or both out
 *   of the group), external when not; entries whose owner or partner has
 *   no country are left out.
 * @difference: (out) (optional) (nullable): @ei - @baseline_ei tested.
 */
CITYNET_API void citynet_alignment_ei(const CitynetAlignment *alignment,
                                      gsize partition, const char **name,
                                      double *ei, double *baseline_ei,
                                      CitynetTestResult *difference);

/**
 * citynet_alignment_has_affinity:
 * Returns: whether an affinity attribute was set (the functions below
 * then describe it).
 */
CITYNET_API gboolean citynet_alignment_has_affinity(const CitynetAlignment *alignment);

/**
 * citynet_alignment_affinity:
 * @baseline: FALSE for the focus sample, TRUE for the baseline.
 * @entries: (out) (optional): entries whose partner's country has the
 *   attribute.
 * @missing: (out) (optional): entries left out (no country, or the
 *   country lacks the attribute).
 * @mean: (out) (optional): the unit-weighted mean affinity of the partners.
 */
CITYNET_API void citynet_alignment_affinity(const CitynetAlignment *alignment,
                                            gboolean baseline, gsize *entries,
                                            gsize *missing, double *mean);

/**
 * citynet_alignment_affinity_quantile:
 * Returns: the unit-weighted @probability quantile (in [0, 1]) of the
 * partners' affinity on one side: the smallest value whose cumulative unit
 * share reaches @probability (the inverse of the weighted empirical
 * distribution, Hyndman-Fan type 1; 0 gives the minimum); NaN when the
 * side has no value.
 */
CITYNET_API double citynet_alignment_affinity_quantile(const CitynetAlignment *alignment,
                                                       gboolean baseline,
                                                       double probability);

/**
 * citynet_alignment_affinity_test:
 * @median: FALSE for the difference of the means, TRUE for the difference
 *   of the medians (focus - baseline).
 * @result: (out): the difference with its test and interval.
 */
CITYNET_API void citynet_alignment_affinity_test(const CitynetAlignment *alignment,
                                                 gboolean median,
                                                 CitynetTestResult *result);

/* ------------------------------------------------------------------------ */
/* UN General Assembly votes                                                */
/* ------------------------------------------------------------------------ */

/**
 * CitynetUnVotes:
 * An opaque, immutable table of UN General Assembly roll-call votes read
 * from the layout of the R package "unvotes" (Voeten's data):
 * un_votes.csv.gz (or un_votes.csv) with columns rcid, country,
 * country_code (ISO 3166-1 alpha-2), vote (yes/no/abstain), and
 * un_roll_calls.csv with at least rcid and date (YYYY-MM-DD).
 */
typedef struct _CitynetUnVotes CitynetUnVotes;

/**
 * citynet_un_votes_load:
 * @directory: the folder holding the two files.
 *
 * Vote countries are mapped to ISO3 with citynet_country_resolve(): by
 * their ISO2 code, or by their name when the code is empty. Countries that
 * no longer exist (Yugoslavia, Czechoslovakia, the German Democratic
 * Republic, ...) do not map; they are kept and listed by
 * citynet_un_votes_country(). One successor rule applies: the data keeps
 * Serbia's votes under Yugoslavia (YU), so YU votes on roll calls from
 * 2006-06-03 (Montenegro's independence) on count for Serbia (SRB), as the
 * vote country "Yugoslavia (as Serbia, from 2006-06-03)"; earlier YU votes
 * stay unmapped. Two vote countries mapping to one ISO3 code
 * (the Federal Republic of Germany and Germany) are merged; a roll call in
 * which both voted keeps the first row and is counted as a conflict.
 * Complexity: O(file size).
 *
 * Returns: (transfer full): the votes, or NULL with CITYNET_ERROR_IO (a
 * file cannot be read or decompressed) or CITYNET_ERROR_DATA (a malformed
 * row, with its file and line; an unknown vote value; a vote for a roll
 * call without a date).
 */
CITYNET_API CitynetUnVotes *citynet_un_votes_load(const char *directory,
                                                  GError **error);
/** citynet_un_votes_free: frees it; NULL is ignored. */
CITYNET_API void citynet_un_votes_free(CitynetUnVotes *votes);

/** citynet_un_votes_n_roll_calls: Returns: the roll calls read. */
CITYNET_API gsize citynet_un_votes_n_roll_calls(const CitynetUnVotes *votes);
/** citynet_un_votes_n_votes: Returns: the vote rows read. */
CITYNET_API gsize citynet_un_votes_n_votes(const CitynetUnVotes *votes);
/** citynet_un_votes_n_conflicts: Returns: vote rows dropped because
 * another row of the same roll call mapped to the same ISO3 code. */
CITYNET_API gsize citynet_un_votes_n_conflicts(const CitynetUnVotes *votes);
/** citynet_un_votes_n_countries: Returns: the distinct (name, code)
 * countries of the vote file. */
CITYNET_API gsize citynet_un_votes_n_countries(const CitynetUnVotes *votes);
/**
 * citynet_un_votes_country:
 * @name: (out) (optional) (transfer none), @iso2: (out) (optional)
 *   (transfer none): as in the file ("" when empty).
 * @iso3: (out) (optional) (transfer none) (nullable): the mapped code, or
 *   NULL when the country does not map.
 * @n_votes: (out) (optional): its vote rows.
 * Countries are in order of first appearance.
 */
CITYNET_API void citynet_un_votes_country(const CitynetUnVotes *votes,
                                          gsize country, const char **name,
                                          const char **iso2, const char **iso3,
                                          gsize *n_votes);

/**
 * CitynetUnAgreement:
 * The agreement of one home country with every other mapped country over
 * a year range (docs/alignment.md): per roll call both voted in, with
 * yes = 1, abstain = 0.5, no = 0, agreement = 1 - |v_home - v_other|,
 * averaged over those roll calls. Years are those of the roll call's date.
 * Absent countries have no row in the file and are not "votes".
 */
typedef struct _CitynetUnAgreement CitynetUnAgreement;

/**
 * citynet_un_agreement_new:
 * @home: the home country: ISO3, ISO2 or a name (citynet_country_resolve()).
 * @first_year: first year (inclusive); @last_year: last (inclusive).
 *
 * Complexity: O(votes).
 * Returns: (transfer full): the scores, or NULL with
 * CITYNET_ERROR_INVALID_ARGUMENT (years reversed) or
 * CITYNET_ERROR_NOT_FOUND (@home unknown, or it cast no vote in the range).
 */
CITYNET_API CitynetUnAgreement *citynet_un_agreement_new(const CitynetUnVotes *votes,
                                                         const char *home,
                                                         int first_year,
                                                         int last_year,
                                                         GError **error);
/** citynet_un_agreement_free: frees it; NULL is ignored. */
CITYNET_API void citynet_un_agreement_free(CitynetUnAgreement *agreement);

/** citynet_un_agreement_home: Returns: (transfer none): the home ISO3. */
CITYNET_API const char *citynet_un_agreement_home(const CitynetUnAgreement *agreement);
/** citynet_un_agreement_home_roll_calls: Returns: roll calls of the range
 * the home country voted in. */
CITYNET_API gsize citynet_un_agreement_home_roll_calls(const CitynetUnAgreement *agreement);
/**
 * citynet_un_agreement_default_key:
 * Returns: (transfer full): "un_agreement_<HOME>_<FIRST>_<LAST>", e.g.
 * "un_agreement_TUR_2010_2019"; g_free() it.
 */
CITYNET_API char *citynet_un_agreement_default_key(const CitynetUnAgreement *agreement);

/** citynet_un_agreement_n_countries: Returns: mapped countries with at
 * least one roll call shared with home (home included, agreement 1). */
CITYNET_API gsize citynet_un_agreement_n_countries(const CitynetUnAgreement *agreement);
/**
 * citynet_un_agreement_country:
 * @iso3: (out) (optional) (transfer none).
 * @roll_calls: (out) (optional): roll calls both voted in.
 * @agreement_score: (out) (optional): the score in [0, 1].
 * Rows are sorted by ISO3.
 */
CITYNET_API void citynet_un_agreement_country(const CitynetUnAgreement *agreement,
                                              gsize row, const char **iso3,
                                              gsize *roll_calls,
                                              double *agreement_score);
/**
 * citynet_un_agreement_lookup:
 * Returns: the score of @iso3, or NaN when it has none.
 */
CITYNET_API double citynet_un_agreement_lookup(const CitynetUnAgreement *agreement,
                                               const char *iso3);

/**
 * citynet_un_agreement_apply:
 * @key: (nullable): the attribute name; NULL uses the default key.
 * @n_set: (out) (optional): declared countries that received a score.
 * @missing: (out) (optional) (transfer full): the ISO3 codes of declared
 *   countries without a score (never voted in the range, not a UN member,
 *   or only under a former state), sorted, NULL-terminated; g_strfreev().
 *
 * Sets the numeric country attribute @key of every declared country of
 * @network that has a score (citynet_network_set_country_attribute()).
 * Returns: TRUE, or FALSE with the error of the setter.
 */
CITYNET_API gboolean citynet_un_agreement_apply(const CitynetUnAgreement *agreement,
                                                CitynetNetwork *network,
                                                const char *key, gsize *n_set,
                                                char ***missing, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(CitynetAlignmentOptions, citynet_alignment_options_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(CitynetGroupComposition, citynet_group_composition_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(CitynetEIIndex, citynet_ei_index_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(CitynetAlignment, citynet_alignment_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(CitynetUnVotes, citynet_un_votes_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(CitynetUnAgreement, citynet_un_agreement_free)

G_END_DECLS

#endif /* CITYNET_ALIGNMENT_H */
