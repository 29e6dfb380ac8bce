/* libcitynet - ego networks: extraction, UCINET's ego-network measures,
 * Burt's structural holes, Gould-Fernandez brokerage, and betweenness
 * between two blocs.
 *
 * Every function runs on a CitynetView and works with view vertices as
 * network node indices, like <citynet/analytics.h>. The formulas,
 * citations, complexities, the behaviour on isolates and disconnected
 * views, and the peers each measure is checked against are written out in
 * docs/ego.md; the doc comments below give the short form.
 *
 * Neighbourhoods. On a directed view a CitynetMode says which ties make a
 * node an alter of the ego: CITYNET_MODE_OUT the ego's successors,
 * CITYNET_MODE_IN its predecessors, CITYNET_MODE_ALL (and
 * CITYNET_MODE_DEFAULT) both, as UCINET's "undirected" neighbourhood. Ties
 * among alters keep their direction. On an undirected view the mode is
 * ignored. Parallel edges (CITYNET_COMBINE_NONE) count once wherever ties
 * are counted.
 */
#ifndef CITYNET_EGO_H
#define CITYNET_EGO_H

#if !defined(CITYNET_INSIDE) && !defined(CITYNET_COMPILATION)
#error "Only <citynet/citynet.h> can be included directly."
#endif

#include <citynet/common.h>
#include <citynet/network.h>
#include <citynet/view.h>
#include <citynet/analytics.h>
#include <citynet/communities.h>

G_BEGIN_DECLS

/* ------------------------------------------------------------------------ */
/* Ego networks                                                             */
/* ------------------------------------------------------------------------ */

/**
 * citynet_ego_view_new:
 * @view: the view the ego network is cut from.
 * @focus_node: the ego's network node index; it must be in @view.
 * @order: how many steps from the ego: 1 for the ego and its alters, 2 adds
 *   their alters, ...; 0 gives the ego alone; G_MAXUINT its whole
 *   (weak, for CITYNET_MODE_ALL) component.
 * @mode: which ties a step follows on a directed view (see the top of this
 *   header); ignored on an undirected view.
 * @alter_ties: TRUE keeps every edge of @view between two nodes of the ego
 *   network (the induced subgraph, igraph's make_ego_graph() and
 *   NetworkX's ego_graph()). FALSE keeps only the edges that lie on a
 *   shortest path from the ego (to it, for CITYNET_MODE_IN): edges between
 *   nodes whose distances from the ego differ by one step, in the
 *   direction of @mode. At order 1 that is the ego's own ties (a star).
 *
 * The ego network as a view over the same network: its vertices are the
 * nodes within @order steps, in network order; its edges are @view's
 * edges among them (same weights, same combined ties, same direction); its
 * ties (citynet_view_n_ties()) the distinct ties of those edges; its
 * options and window are @view's. Every function that takes a view
 * accepts it (centrality, composition, export, ...).
 *
 * Complexity: O(n + m) for n vertices and m edges of @view (one
 * breadth-first search and one pass over the edges).
 *
 * Returns: (transfer full): the ego network, or NULL with
 * CITYNET_ERROR_NOT_FOUND when @focus_node is not in @view.
 */
CITYNET_API CitynetView *citynet_ego_view_new(CitynetView *view,
                                              gsize focus_node, guint order,
                                              CitynetMode mode,
                                              gboolean alter_ties,
                                              GError **error);

/* ------------------------------------------------------------------------ */
/* Ego-network measures (UCINET's "basic measures")                         */
/* ------------------------------------------------------------------------ */

/**
 * CitynetEgoMeasure:
 * The ego-network measures of UCINET's Network > Ego networks > Basic
 * measures, computed on each ego's order-1 ego network; every measure but
 * the two-step reach leaves out the ties that involve the ego. n is the
 * number of alters. Shares are fractions (UCINET prints percentages).
 * @CITYNET_EGO_SIZE: "size", n.
 * @CITYNET_EGO_TIES: "ties", ordered pairs of alters (j, k) with a tie
 *   j -> k; on an undirected view every tie counts in both directions, as
 *   in UCINET's symmetric matrices (twice the number of ties).
 * @CITYNET_EGO_PAIRS: "pairs", n (n - 1), the ordered pairs of alters.
 * @CITYNET_EGO_DENSITY: "density", ties / pairs; NaN for n < 2.
 * @CITYNET_EGO_AVG_DISTANCE: "avg_distance", the mean geodesic distance
 *   (in steps, following direction) over the ordered pairs of alters in
 *   the ego network without the ego; NaN when a pair cannot reach each
 *   other there, or n < 2 (UCINET leaves it blank).
 * @CITYNET_EGO_DIAMETER: "diameter", the longest of those distances; NaN
 *   as avg_distance.
 * @CITYNET_EGO_WEAK_COMPONENTS: "weak_components", the number of weak
 *   components among the alters (ego removed); 0 for n = 0.
 * @CITYNET_EGO_WEAK_COMPONENTS_SHARE: "weak_components_share", weak
 *   components / n; NaN for n = 0.
 * @CITYNET_EGO_TWO_STEP_REACH: "two_step_reach", the share of the view's
 *   other vertices the ego reaches in one or two steps (following the
 *   mode), / (N - 1) for N vertices; NaN for N = 1.
 * @CITYNET_EGO_BROKER: "broker", (pairs - ties) / 2: on an undirected view
 *   the number of pairs of alters without a tie.
 * @CITYNET_EGO_BROKER_SHARE: "broker_share", broker / pairs; NaN for n < 2.
 * @CITYNET_EGO_BETWEENNESS: "ego_betweenness", Everett and Borgatti's
 *   (2005) ego betweenness: the ego's betweenness in its ego network
 *   (ego, alters, ties among them), over ordered pairs of alters on a
 *   directed view and unordered ones on an undirected view.
 * @CITYNET_EGO_BETWEENNESS_SHARE: "ego_betweenness_share", ego betweenness
 *   divided by its largest possible value (that of a star): n (n - 1) / 2
 *   undirected, n (n - 1) directed; NaN for n < 2.
 */
typedef enum {
  CITYNET_EGO_SIZE,
  CITYNET_EGO_TIES,
  CITYNET_EGO_PAIRS,
  CITYNET_EGO_DENSITY,
  CITYNET_EGO_AVG_DISTANCE,
  CITYNET_EGO_DIAMETER,
  CITYNET_EGO_WEAK_COMPONENTS,
  CITYNET_EGO_WEAK_COMPONENTS_SHARE,
  CITYNET_EGO_TWO_STEP_REACH,
  CITYNET_EGO_BROKER,
  CITYNET_EGO_BROKER_SHARE,
  CITYNET_EGO_BETWEENNESS,
  CITYNET_EGO_BETWEENNESS_SHARE
} CitynetEgoMeasure;

/** CITYNET_EGO_MEASURE_COUNT: the number of CitynetEgoMeasure values. */
#define CITYNET_EGO_MEASURE_COUNT 13

/** citynet_ego_measure_name: Returns: (transfer none): the measure's
 * static name (see CitynetEgoMeasure), or NULL for an invalid value. */
CITYNET_API const char *citynet_ego_measure_name(CitynetEgoMeasure measure);
/**
 * citynet_ego_measure_from_string:
 * Parses a name of citynet_ego_measure_name() (ASCII case-insensitive).
 * Returns: TRUE, or FALSE with CITYNET_ERROR_INVALID_ARGUMENT.
 */
CITYNET_API gboolean citynet_ego_measure_from_string(const char *text,
                                                     CitynetEgoMeasure *out,
                                                     GError **error);

/**
 * CitynetEgoMeasures:
 * An opaque, immutable table of every CitynetEgoMeasure for a list of egos.
 * It keeps its view alive. Thread-safe to read.
 */
typedef struct _CitynetEgoMeasures CitynetEgoMeasures;

/**
 * citynet_ego_measures_new:
 * @view: the view (a reference is taken).
 * @nodes: (nullable) (array length=n_nodes): the egos as network node
 *   indices, each in @view, distinct; NULL for every vertex of @view in
 *   vertex order.
 * @mode: the neighbourhood on a directed view (see the top of this
 *   header).
 *
 * Computes every measure for every ego in one pass over the view's
 * adjacency, without building the ego networks as views. Complexity: per
 * ego of n alters and t ties among them, O(n (n + t)) for the distances
 * and ego betweenness plus O(sum of the alters' degrees) for the two-step
 * reach.
 *
 * Returns: (transfer full): the table, or NULL with CITYNET_ERROR_NOT_FOUND
 * (a node not in @view) or CITYNET_ERROR_INVALID_ARGUMENT (a repeated
 * node).
 */
CITYNET_API CitynetEgoMeasures *citynet_ego_measures_new(CitynetView *view,
                                                         const gsize *nodes,
                                                         gsize n_nodes,
                                                         CitynetMode mode,
                                                         GError **error);
/** citynet_ego_measures_free: frees it; NULL is ignored. */
CITYNET_API void citynet_ego_measures_free(CitynetEgoMeasures *measures);
/** citynet_ego_measures_n: Returns: the number of egos. */
CITYNET_API gsize citynet_ego_measures_n(const CitynetEgoMeasures *measures);
/** citynet_ego_measures_node: Returns: the network node index of ego @i. */
CITYNET_API gsize citynet_ego_measures_node(const CitynetEgoMeasures *measures,
                                            gsize i);
/** citynet_ego_measures_get: Returns: the value of @measure for ego @i
 * (counts are whole numbers; NaN when undefined). O(1). */
CITYNET_API double citynet_ego_measures_get(const CitynetEgoMeasures *measures,
                                            gsize i, CitynetEgoMeasure measure);
/**
 * citynet_ego_measures_scores:
 * Returns: (transfer full): one measure for every ego, as scores named
 * after the measure, to rank and print like a centrality; free with
 * citynet_scores_free(). Never NULL for a valid @measure.
 */
CITYNET_API CitynetScores *citynet_ego_measures_scores(const CitynetEgoMeasures *measures,
                                                       CitynetEgoMeasure measure);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(CitynetEgoMeasures, citynet_ego_measures_free)

/* ------------------------------------------------------------------------ */
/* Burt's structural holes                                                  */
/* ------------------------------------------------------------------------ */

/**
 * CitynetHolesModel:
 * Where Burt's measures take their proportions from.
 * @CITYNET_HOLES_WHOLE: "whole", the whole view: a contact's proportions
 *   p_qj divide by all of its ties (NetworkX's constraint() and
 *   effective_size() on the view's graph).
 * @CITYNET_HOLES_EGO: "ego", each ego network on its own (ego, alters and
 *   the ties among them; UCINET's structural-holes routine, NetworkX's
 *   functions on ego_graph()): a contact's proportions divide by its ties
 *   inside the ego's network only.
 */
typedef enum {
  CITYNET_HOLES_WHOLE,
  CITYNET_HOLES_EGO
} CitynetHolesModel;

/** citynet_holes_model_from_string: parses "whole" or "ego".
 * Returns: TRUE, or FALSE with CITYNET_ERROR_INVALID_ARGUMENT. */
CITYNET_API gboolean citynet_holes_model_from_string(const char *text,
                                                     CitynetHolesModel *out,
                                                     GError **error);

/**
 * CitynetHolesMeasure:
 * Burt's (1992) measures, for a node i with contacts N(i) (neighbours in
 * either direction). With a_ij the summed weight of the view's edges from
 * i to j (1 per direction when unweighted), the mutual weight is
 * a_ij + a_ji, p_ij = (a_ij + a_ji) / sum_q (a_iq + a_qi) and
 * m_jq = (a_jq + a_qj) / max_k (a_jk + a_kj).
 * @CITYNET_HOLES_EFFECTIVE_SIZE: "effective_size", ES_i = sum_{j in N(i)}
 *   (1 - sum_{q in N(i)} p_iq m_jq); unweighted and undirected it is
 *   Borgatti's n - 2t/n.
 * @CITYNET_HOLES_EFFICIENCY: "efficiency", ES_i / |N(i)|.
 * @CITYNET_HOLES_CONSTRAINT: "constraint", C_i = sum_{j in N(i)} c_ij,
 *   c_ij = (p_ij + sum_{q in N(i)} p_iq p_qj)^2 (lower is more brokerage;
 *   scores still rank the highest value first).
 * @CITYNET_HOLES_HIERARCHY: "hierarchy", the Coleman-Theil disorder of the
 *   c_ij: H_i = sum_j r_j ln r_j / (N ln N), r_j = c_ij / (C_i / N),
 *   N = |N(i)|; NaN for N = 1 (0 / 0).
 *
 * All four are NaN for an isolate (as NetworkX).
 */
typedef enum {
  CITYNET_HOLES_EFFECTIVE_SIZE,
  CITYNET_HOLES_EFFICIENCY,
  CITYNET_HOLES_CONSTRAINT,
  CITYNET_HOLES_HIERARCHY
} CitynetHolesMeasure;

/** CITYNET_HOLES_MEASURE_COUNT: the number of CitynetHolesMeasure values. */
#define CITYNET_HOLES_MEASURE_COUNT 4

/**
 * citynet_holes_measure_name:
 * Returns: (transfer none): the scores name of @measure under @model:
 * "effective_size", "efficiency", "constraint", "hierarchy" for the whole
 * model, the same with the prefix "ego_" for the ego model; NULL for an
 * invalid value.
 */
CITYNET_API const char *citynet_holes_measure_name(CitynetHolesMeasure measure,
                                                   CitynetHolesModel model);
/**
 * citynet_holes_measure_from_string:
 * Parses "effective_size", "efficiency", "constraint" or "hierarchy".
 * Returns: TRUE, or FALSE with CITYNET_ERROR_INVALID_ARGUMENT.
 */
CITYNET_API gboolean citynet_holes_measure_from_string(const char *text,
                                                       CitynetHolesMeasure *out,
                                                       GError **error);

/**
 * citynet_structural_holes:
 * @view: the view.
 * @model: whole network or ego networks.
 * @weighted: use the edge weights (they must be finite and > 0); FALSE
 *   counts 1 per direction of each adjacent pair.
 * @scores: (out caller-allocates) (array fixed-size=4): receives one new
 *   CitynetScores per CitynetHolesMeasure, in enum order, for every vertex
 *   of @view; free each with citynet_scores_free(). Untouched on failure.
 *
 * All four measures for every node in one pass: each node's contacts are
 * marked in an array and its contacts' sorted adjacency lists are walked
 * once, so no ego network is built. Complexity O(n + m + sum over
 * vertices of d^2) for degree d.
 *
 * Returns: TRUE, or FALSE with CITYNET_ERROR_INVALID_ARGUMENT (a weight
 * that is not finite and > 0).
 */
CITYNET_API gboolean citynet_structural_holes(CitynetView *view,
                                              CitynetHolesModel model,
                                              gboolean weighted,
                                              CitynetScores **scores,
                                              GError **error);

/**
 * citynet_structural_holes_measure:
 *
 * One measure of citynet_structural_holes() (the same pass; the others are
 * dropped).
 *
 * Returns: (transfer full): the scores, or NULL with a GError.
 */
CITYNET_API CitynetScores *citynet_structural_holes_measure(CitynetView *view,
                                                            CitynetHolesMeasure measure,
                                                            CitynetHolesModel model,
                                                            gboolean weighted,
                                                            GError **error);

/* ------------------------------------------------------------------------ */
/* Gould-Fernandez brokerage                                                */
/* ------------------------------------------------------------------------ */

/**
 * CitynetBrokerageRole:
 * Gould and Fernandez's (1989) roles of a broker v on a two-path
 * a -> v -> b with no tie a -> b (a != b), by the groups of a, v and b.
 * The names are UCINET's; R's sna brokerage() labels its columns w_I,
 * w_O, b_IO, b_OI, b_O in this order.
 * @CITYNET_BROKERAGE_COORDINATOR: "coordinator" (sna w_I): a, v, b in one
 *   group.
 * @CITYNET_BROKERAGE_CONSULTANT: "consultant", the itinerant broker (w_O):
 *   a and b in one group, v in another.
 * @CITYNET_BROKERAGE_REPRESENTATIVE: "representative" (b_IO): a and v in
 *   one group, b in another (v represents its group outwards).
 * @CITYNET_BROKERAGE_GATEKEEPER: "gatekeeper" (b_OI): v and b in one group,
 *   a in another (v lets the outside into its group).
 * @CITYNET_BROKERAGE_LIAISON: "liaison" (b_O): three different groups.
 * @CITYNET_BROKERAGE_TOTAL: "total" (t): all five.
 */
typedef enum {
  CITYNET_BROKERAGE_COORDINATOR,
  CITYNET_BROKERAGE_CONSULTANT,
  CITYNET_BROKERAGE_REPRESENTATIVE,
  CITYNET_BROKERAGE_GATEKEEPER,
  CITYNET_BROKERAGE_LIAISON,
  CITYNET_BROKERAGE_TOTAL
} CitynetBrokerageRole;

/** CITYNET_BROKERAGE_ROLE_COUNT: the number of CitynetBrokerageRole values. */
#define CITYNET_BROKERAGE_ROLE_COUNT 6

/** citynet_brokerage_role_name: Returns: (transfer none): the role's
 * static name, or NULL for an invalid value. */
CITYNET_API const char *citynet_brokerage_role_name(CitynetBrokerageRole role);
/** citynet_brokerage_role_from_string: parses a role name (also sna's
 * w_I, w_O, b_IO, b_OI, b_O, t).
 * Returns: TRUE, or FALSE with CITYNET_ERROR_INVALID_ARGUMENT. */
CITYNET_API gboolean citynet_brokerage_role_from_string(const char *text,
                                                        CitynetBrokerageRole *out,
                                                        GError **error);

/**
 * CitynetBrokerageStat:
 * What citynet_brokerage_scores() returns per node.
 * @CITYNET_BROKERAGE_COUNT: "count", the observed number of two-paths.
 * @CITYNET_BROKERAGE_EXPECTED: "expected", the expectation under sna's
 *   analytic model (random ties of the observed density, fixed groups).
 * @CITYNET_BROKERAGE_SD: "sd", the standard deviation under that model.
 * @CITYNET_BROKERAGE_Z: "z", (count - expected) / sd; NaN when sd = 0.
 * @CITYNET_BROKERAGE_PERM_MEAN: "perm_mean", the mean count over the
 *   label permutations (NaN without permutations).
 * @CITYNET_BROKERAGE_PERM_SD: "perm_sd", their standard deviation (n - 1
 *   denominator).
 * @CITYNET_BROKERAGE_PERM_Z: "perm_z", (count - perm_mean) / perm_sd;
 *   NaN when perm_sd = 0.
 * @CITYNET_BROKERAGE_PERM_P: "perm_p", the upper-tail permutation p-value
 *   (1 + permutations with a count >= the observed) / (1 + permutations).
 */
typedef enum {
  CITYNET_BROKERAGE_COUNT,
  CITYNET_BROKERAGE_EXPECTED,
  CITYNET_BROKERAGE_SD,
  CITYNET_BROKERAGE_Z,
  CITYNET_BROKERAGE_PERM_MEAN,
  CITYNET_BROKERAGE_PERM_SD,
  CITYNET_BROKERAGE_PERM_Z,
  CITYNET_BROKERAGE_PERM_P
} CitynetBrokerageStat;

/** CITYNET_BROKERAGE_STAT_COUNT: the number of CitynetBrokerageStat values. */
#define CITYNET_BROKERAGE_STAT_COUNT 8

/** citynet_brokerage_stat_name: Returns: (transfer none): the statistic's
 * static name, or NULL for an invalid value. */
CITYNET_API const char *citynet_brokerage_stat_name(CitynetBrokerageStat stat);

/**
 * CitynetBrokerage:
 * An opaque, immutable result of a brokerage analysis: per node and role
 * the count, the analytic expectation, standard deviation and z-score, and
 * optionally permutation statistics; and the same for the whole view. It
 * keeps its partition's view alive. Thread-safe to read.
 */
typedef struct _CitynetBrokerage CitynetBrokerage;

/**
 * citynet_brokerage_new:
 * @partition: the groups (citynet_partition_new_by_country(),
 *   citynet_partition_new_by_group(), citynet_partition_new_by_spec(),
 *   ...): every vertex of its view has one label; the missing label is a
 *   group like the others. A reference on its view is taken.
 * @directed: on a directed view, TRUE follows the arcs; FALSE (and always
 *   on an undirected view) reads every tie in both directions (a
 *   symmetric matrix for sna), so each open two-path a - v - b counts
 *   once as a -> v -> b and once as b -> v -> a.
 * @n_permutations: 0 for none, else the number of random relabellings
 *   (group sizes fixed) the permutation statistics are taken over.
 * @seed: the permutations' seed: the same seed gives the same results on
 *   any machine and any number of threads.
 *
 * Counts each node's open two-paths by role, and sna's expected values and
 * standard deviations (Gould and Fernandez's analytic model, as coded in
 * sna 2.7 brokerage()). The counts come from label histograms of each
 * broker's in- and out-neighbours minus the pairs that are not open, so
 * open two-paths are never listed one by one. The permutations run in
 * parallel on the machine's cores, outside igraph. Complexity
 * O(n + m + T + k) for T closed pairs (a -> b with a common broker; at most
 * O(m^1.5)) and k groups, plus O(n + m + T) per permutation.
 *
 * Returns: (transfer full): the result; free with citynet_brokerage_free().
 * NULL with CITYNET_ERROR_INVALID_ARGUMENT when the view has fewer than
 * two vertices (the density is undefined) or more than 1,000,000, or with
 * CITYNET_ERROR_CANCELLED when the progress handler cancelled the
 * permutations (reported as "Brokerage permutations").
 */
CITYNET_API CitynetBrokerage *citynet_brokerage_new(const CitynetPartition *partition,
                                                    gboolean directed,
                                                    guint n_permutations,
                                                    guint64 seed,
                                                    GError **error);
/** citynet_brokerage_free: frees it; NULL is ignored. */
CITYNET_API void citynet_brokerage_free(CitynetBrokerage *brokerage);

/** citynet_brokerage_n: Returns: the number of vertices (the view's). */
CITYNET_API gsize citynet_brokerage_n(const CitynetBrokerage *brokerage);
/** citynet_brokerage_n_permutations: Returns: the permutations run. */
CITYNET_API guint citynet_brokerage_n_permutations(const CitynetBrokerage *brokerage);
/**
 * citynet_brokerage_get:
 * @vertex: a vertex of the partition's view.
 * Returns: @stat of @role for @vertex. O(1).
 */
CITYNET_API double citynet_brokerage_get(const CitynetBrokerage *brokerage,
                                         gsize vertex,
                                         CitynetBrokerageRole role,
                                         CitynetBrokerageStat stat);
/**
 * citynet_brokerage_get_global:
 * Returns: @stat of @role for the whole view: counts summed over all
 * vertices, sna's global expectation and standard deviation (raw.gli,
 * exp.gli, sd.gli, z.gli), and the permutation statistics of the sum.
 */
CITYNET_API double citynet_brokerage_get_global(const CitynetBrokerage *brokerage,
                                                CitynetBrokerageRole role,
                                                CitynetBrokerageStat stat);
/**
 * citynet_brokerage_scores:
 * Returns: (transfer full): @stat of @role for every vertex as scores
 * named "ROLE" for counts and "ROLE_STAT" otherwise (e.g.
 * "gatekeeper_z").
 */
CITYNET_API CitynetScores *citynet_brokerage_scores(const CitynetBrokerage *brokerage,
                                                    CitynetBrokerageRole role,
                                                    CitynetBrokerageStat stat);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(CitynetBrokerage, citynet_brokerage_free)

/* ------------------------------------------------------------------------ */
/* Betweenness between two blocs                                            */
/* ------------------------------------------------------------------------ */

/**
 * citynet_bloc_betweenness:
 * @sources: (array length=n_sources): bloc A as network node indices, in
 *   the view (repeats are ignored).
 * @targets: (array length=n_targets): bloc B, likewise; it may overlap A.
 * @options: (nullable): from CitynetCentralityOptions the mode (ALL
 *   ignores direction), the length rule, weighted, normalized and nodes
 *   (which entries to return); a cutoff is refused.
 *
 * B_AB(v) = sum over ordered pairs (s, t), s in A, t in B, s != t,
 * v not in {s, t}, of sigma_st(v) / sigma_st: the shortest paths from A to
 * B that run through v. On an undirected reading a pair with both ends in
 * A and B counts in both directions; disjoint blocs count each pair once.
 * Normalised: divided by the number of such pairs, |A| |B| - |A n B|, so
 * the value is the share of A-to-B pairs v lies between. Computed with
 * igraph_betweenness_subset() (Brandes' algorithm from the sources,
 * accumulating only at targets). Complexity O(|A| m) unweighted,
 * O(|A| (m + n log n)) weighted.
 *
 * Returns: (transfer full): the scores ("bloc_betweenness"), or NULL with
 * CITYNET_ERROR_NOT_FOUND (a node not in the view),
 * CITYNET_ERROR_INVALID_ARGUMENT (bad weights, a cutoff),
 * CITYNET_ERROR_COMPUTATION or CITYNET_ERROR_CANCELLED (the progress
 * handler cancelled).
 */
CITYNET_API CitynetScores *citynet_bloc_betweenness(CitynetView *view,
                                                    const gsize *sources,
                                                    gsize n_sources,
                                                    const gsize *targets,
                                                    gsize n_targets,
                                                    const CitynetCentralityOptions *options,
                                                    GError **error);

G_END_DECLS

#endif /* CITYNET_EGO_H */
