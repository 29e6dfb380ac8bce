/* libcitynet - analytics on views: per-node scores, centrality, clustering.
 *
 * Every measure runs on a CitynetView (the slice of a network: layers,
 * dates, kinds, direction, combine rule) and returns a CitynetScores: one
 * value per view vertex (or per requested node), with ranks. The formulas,
 * citations, igraph routines, complexities and the exact behaviour on
 * disconnected graphs, isolates and multigraph views are written out in
 * docs/analytics.md; the doc comments below give the short form.
 *
 * Weights. A tie weight is a strength: more weight means a stronger tie.
 * Degree-like and spectral measures (strength, eigenvector, PageRank, hub,
 * authority, Barrat clustering) use the weights as they are. Path-based
 * measures (betweenness, closeness, harmonic) need lengths, where a larger
 * number means farther apart; CitynetLength says how weights become
 * lengths (1/w by default).
 *
 * Self-loops cannot occur: a network has no self-ties, so no view has
 * self-loops.
 */
#ifndef CITYNET_ANALYTICS_H
#define CITYNET_ANALYTICS_H

#if !defined(CITYNET_INSIDE) && !defined(CITYNET_COMPILATION)
#error "Only <citynet/citynet.h> can be included directly."
#endif

#include <citynet/common.h>
#include <citynet/network.h>
#include <citynet/view.h>

G_BEGIN_DECLS

/* ------------------------------------------------------------------------ */
/* Scores: one value per node, with ranks                                   */
/* ------------------------------------------------------------------------ */

/**
 * CitynetScores:
 *
 * An opaque, immutable table of one measure's value for a list of view
 * vertices (entries 0..n-1): all vertices of the view in vertex order
 * (= network node order), or the nodes a caller asked for, in the order
 * asked. It keeps its view alive. Thread-safe to read.
 *
 * Ranking: higher values rank better. The rank of an entry is 1 plus the
 * number of entries with a strictly greater value, comparing values exactly
 * (standard competition ranking, "1224": two nodes tied for first are both
 * 1 and the next is 3). NaN ("undefined", e.g. the clustering of a vertex
 * of degree < 2) ranks after every number; all NaN entries share the rank
 * 1 + the number of non-NaN entries. -0.0 equals 0.0. The ordering
 * (citynet_scores_order()) lists entries by rank, and equal values by
 * ascending network node index, so it is total and deterministic.
 */
typedef struct _CitynetScores CitynetScores;

/**
 * citynet_scores_new:
 * @view: the view the values belong to (a reference is taken).
 * @measure: the measure's name, e.g. "gnc" (copied; non-empty).
 * @nodes: (nullable) (array length=n): network node indices, each in
 *   @view and distinct; NULL means every vertex of @view in vertex order
 *   (then @n must equal citynet_view_n_vertices()).
 * @values: (array length=n): the values (copied); NaN means undefined.
 * @n: the number of entries.
 *
 * Wraps values computed elsewhere (a user's own measure, a community
 * label, a connectivity score) so they rank, sort and print like the
 * built-in measures. Complexity: O(n) (ranks are computed on first use, in
 * O(n log n)).
 *
 * Returns: (transfer full): the scores, free with citynet_scores_free(); or
 * NULL with CITYNET_ERROR_INVALID_ARGUMENT (empty name, wrong @n, repeated
 * node) or CITYNET_ERROR_NOT_FOUND (a node not in @view).
 */
CITYNET_API CitynetScores *citynet_scores_new(CitynetView *view,
                                              const char *measure,
                                              const gsize *nodes,
                                              const double *values, gsize n,
                                              GError **error);

/** citynet_scores_free: frees @scores and drops its view reference; NULL
 * is ignored. */
CITYNET_API void citynet_scores_free(CitynetScores *scores);

/** citynet_scores_n: Returns: the number of entries. O(1). */
CITYNET_API gsize citynet_scores_n(const CitynetScores *scores);

/**
 * citynet_scores_measure:
 * Returns: (transfer none): the measure's name ("pagerank", "clustering",
 * ...; see citynet_centrality_name()), borrowed from @scores.
 */
CITYNET_API const char *citynet_scores_measure(const CitynetScores *scores);

/** citynet_scores_get_view: Returns: (transfer none): the view the scores
 * were computed on, borrowed from @scores. */
CITYNET_API CitynetView *citynet_scores_get_view(const CitynetScores *scores);

/** citynet_scores_node: Returns: the network node index of entry @i. O(1). */
CITYNET_API gsize citynet_scores_node(const CitynetScores *scores, gsize i);

/** citynet_scores_vertex: Returns: the view vertex of entry @i. O(1). */
CITYNET_API gsize citynet_scores_vertex(const CitynetScores *scores, gsize i);

/** citynet_scores_value: Returns: the value of entry @i (NaN when
 * undefined). O(1). */
CITYNET_API double citynet_scores_value(const CitynetScores *scores, gsize i);

/**
 * citynet_scores_values:
 * @n: (out) (optional): the number of entries.
 * Returns: (transfer none) (array length=n): all values in entry order,
 * borrowed from @scores.
 */
CITYNET_API const double *citynet_scores_values(const CitynetScores *scores,
                                                gsize *n);

/**
 * citynet_scores_rank:
 * Returns: the 1-based competition rank of entry @i (see CitynetScores).
 * The first call on a scores object ranks all entries, O(n log n); later
 * calls are O(1).
 */
CITYNET_API gsize citynet_scores_rank(const CitynetScores *scores, gsize i);

/**
 * citynet_scores_order:
 * @k: a position, 0 <= @k < citynet_scores_n().
 * Returns: the entry at position @k of the ranking (@k = 0 is the best).
 * Same cost as citynet_scores_rank().
 */
CITYNET_API gsize citynet_scores_order(const CitynetScores *scores, gsize k);

/**
 * citynet_scores_find:
 * Returns: the entry of network node @node, or -1 when the scores have no
 * entry for it. O(1).
 */
CITYNET_API gssize citynet_scores_find(const CitynetScores *scores,
                                       gsize node);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(CitynetScores, citynet_scores_free)

/* ------------------------------------------------------------------------ */
/* Centrality                                                               */
/* ------------------------------------------------------------------------ */

/**
 * CitynetCentrality:
 * The centrality measures; citynet_centrality_name() gives their names.
 * @CITYNET_CENTRALITY_DEGREE: "degree", citynet_centrality_degree().
 * @CITYNET_CENTRALITY_STRENGTH: "strength", citynet_centrality_strength().
 * @CITYNET_CENTRALITY_BETWEENNESS: "betweenness".
 * @CITYNET_CENTRALITY_CLOSENESS: "closeness".
 * @CITYNET_CENTRALITY_HARMONIC: "harmonic".
 * @CITYNET_CENTRALITY_EIGENVECTOR: "eigenvector".
 * @CITYNET_CENTRALITY_PAGERANK: "pagerank" (personalised when the options
 *   name personalisation nodes).
 * @CITYNET_CENTRALITY_HUB: "hub" (Kleinberg's hub score).
 * @CITYNET_CENTRALITY_AUTHORITY: "authority" (Kleinberg's authority score).
 */
typedef enum {
  CITYNET_CENTRALITY_DEGREE,
  CITYNET_CENTRALITY_STRENGTH,
  CITYNET_CENTRALITY_BETWEENNESS,
  CITYNET_CENTRALITY_CLOSENESS,
  CITYNET_CENTRALITY_HARMONIC,
  CITYNET_CENTRALITY_EIGENVECTOR,
  CITYNET_CENTRALITY_PAGERANK,
  CITYNET_CENTRALITY_HUB,
  CITYNET_CENTRALITY_AUTHORITY
} CitynetCentrality;

/** CITYNET_CENTRALITY_COUNT: the number of CitynetCentrality values. */
#define CITYNET_CENTRALITY_COUNT 9

/**
 * citynet_centrality_name:
 * Returns: (transfer none): the measure's static name ("degree",
 * "strength", "betweenness", "closeness", "harmonic", "eigenvector",
 * "pagerank", "hub", "authority"), or NULL for an invalid value.
 */
CITYNET_API const char *citynet_centrality_name(CitynetCentrality measure);

/**
 * citynet_centrality_from_string:
 * Parses a name of citynet_centrality_name() (ASCII case-insensitive).
 * Returns: TRUE, or FALSE with CITYNET_ERROR_INVALID_ARGUMENT listing the
 * known names.
 */
CITYNET_API gboolean citynet_centrality_from_string(const char *text,
                                                    CitynetCentrality *out,
                                                    GError **error);

/**
 * CitynetMode:
 * Which ties a measure follows on a directed view. On an undirected view
 * every mode means the same and the mode is ignored.
 * @CITYNET_MODE_DEFAULT: the measure's conventional reading: all ties for
 *   degree and strength; outgoing paths for closeness and harmonic;
 *   directed paths and walks for betweenness, eigenvector, PageRank.
 * @CITYNET_MODE_OUT: outgoing ties (out-degree; distances from the node).
 * @CITYNET_MODE_IN: incoming ties (in-degree; distances to the node).
 * @CITYNET_MODE_ALL: ignore direction: every arc counts as an undirected
 *   edge, as igraph reads a directed graph as undirected. An undirected
 *   tie, which a directed view holds as two opposite arcs, thus counts
 *   twice in degree, strength, PageRank and eigenvector; for an undirected
 *   analysis of a mixed network build the view with
 *   CITYNET_DIRECTION_UNDIRECTED instead.
 *
 * Betweenness, eigenvector and PageRank have one directed form: OUT, IN and
 * DEFAULT give the same result for them. Hub and authority scores are
 * directed by definition and ignore the mode.
 */
typedef enum {
  CITYNET_MODE_DEFAULT,
  CITYNET_MODE_OUT,
  CITYNET_MODE_IN,
  CITYNET_MODE_ALL
} CitynetMode;

/**
 * citynet_mode_from_string:
 * Parses "default", "out", "in" or "all" (ASCII case-insensitive).
 * Returns: TRUE, or FALSE with CITYNET_ERROR_INVALID_ARGUMENT.
 */
CITYNET_API gboolean citynet_mode_from_string(const char *text,
                                              CitynetMode *out,
                                              GError **error);

/**
 * CitynetLength:
 * How path-based measures (betweenness, closeness, harmonic) turn the
 * view's edge weights (strengths) into lengths.
 * @CITYNET_LENGTH_INVERSE: length = 1 / weight (the default): a tie twice
 *   as strong is half as long.
 * @CITYNET_LENGTH_UNIT: every edge has length 1 (hop counts; weights are
 *   ignored).
 * @CITYNET_LENGTH_WEIGHT: length = weight, for views whose weights already
 *   are distances or costs.
 */
typedef enum {
  CITYNET_LENGTH_INVERSE,
  CITYNET_LENGTH_UNIT,
  CITYNET_LENGTH_WEIGHT
} CitynetLength;

/**
 * citynet_length_from_string:
 * Parses "inverse", "unit" or "weight" (ASCII case-insensitive).
 * Returns: TRUE, or FALSE with CITYNET_ERROR_INVALID_ARGUMENT.
 */
CITYNET_API gboolean citynet_length_from_string(const char *text,
                                                CitynetLength *out,
                                                GError **error);

/**
 * CitynetCentralityOptions:
 * An opaque set of options for the centrality functions. The defaults:
 * mode CITYNET_MODE_DEFAULT, lengths CITYNET_LENGTH_INVERSE, weighted,
 * not normalised, no cutoff, damping 0.85, no personalisation, not
 * Wasserman-Faust scaled, every vertex of the view. Each function reads
 * only the options that apply to it and ignores the others.
 */
typedef struct _CitynetCentralityOptions CitynetCentralityOptions;

/** citynet_centrality_options_new: Returns: (transfer full): default
 * options; free with citynet_centrality_options_free(). */
CITYNET_API CitynetCentralityOptions *citynet_centrality_options_new(void);
/** citynet_centrality_options_copy: Returns: (transfer full): a copy. */
CITYNET_API CitynetCentralityOptions *
citynet_centrality_options_copy(const CitynetCentralityOptions *options);
/** citynet_centrality_options_free: frees @options; NULL is ignored. */
CITYNET_API void citynet_centrality_options_free(CitynetCentralityOptions *options);

/** citynet_centrality_options_set_mode: see CitynetMode. */
CITYNET_API void citynet_centrality_options_set_mode(CitynetCentralityOptions *options,
                                                     CitynetMode mode);
/** citynet_centrality_options_set_length: see CitynetLength. */
CITYNET_API void citynet_centrality_options_set_length(CitynetCentralityOptions *options,
                                                       CitynetLength length);
/**
 * citynet_centrality_options_set_weighted:
 * When @weighted is FALSE every edge weighs 1 in every measure (strength
 * becomes degree, path measures count hops whatever the length rule).
 * Default TRUE.
 */
CITYNET_API void citynet_centrality_options_set_weighted(CitynetCentralityOptions *options,
                                                         gboolean weighted);
/**
 * citynet_centrality_options_set_normalized:
 * When TRUE: degree is divided by n - 1; betweenness by (n - 1)(n - 2) on
 * directed paths and by (n - 1)(n - 2) / 2 on undirected ones (n <= 2:
 * unchanged zeros); closeness is the inverse of the mean distance to the
 * reachable vertices instead of the inverse of their sum; harmonic
 * centrality is divided by n - 1. Strength, eigenvector, PageRank, hub and
 * authority ignore it (the last four are scaled by definition). Default
 * FALSE.
 */
CITYNET_API void citynet_centrality_options_set_normalized(CitynetCentralityOptions *options,
                                                           gboolean normalized);
/**
 * citynet_centrality_options_set_cutoff:
 * @cutoff: the longest path length (in length units) that betweenness,
 *   closeness and harmonic centrality consider; paths longer than that are
 *   ignored (their ends count as unreachable). A negative value removes the
 *   cutoff (the default).
 * Returns: TRUE, or FALSE with CITYNET_ERROR_INVALID_ARGUMENT for NaN.
 */
CITYNET_API gboolean citynet_centrality_options_set_cutoff(CitynetCentralityOptions *options,
                                                           double cutoff,
                                                           GError **error);
/**
 * citynet_centrality_options_set_damping:
 * @damping: PageRank's damping factor (probability of following a tie),
 *   0 <= @damping <= 1; default 0.85.
 * Returns: TRUE, or FALSE with CITYNET_ERROR_INVALID_ARGUMENT.
 */
CITYNET_API gboolean citynet_centrality_options_set_damping(CitynetCentralityOptions *options,
                                                            double damping,
                                                            GError **error);
/**
 * citynet_centrality_options_set_wf_improved:
 * When TRUE, closeness is multiplied by (r - 1) / (n - 1), where r counts
 * the vertices a vertex reaches (itself included) and n those of the view:
 * Wasserman and Faust's correction for disconnected graphs (NetworkX's
 * default wf_improved=True). Default FALSE (igraph's definition).
 */
CITYNET_API void citynet_centrality_options_set_wf_improved(CitynetCentralityOptions *options,
                                                            gboolean wf_improved);
/**
 * citynet_centrality_options_set_nodes:
 * @nodes: (nullable) (array length=n): network node indices (copied); NULL
 *   or @n = 0 means every vertex of the view (the default).
 *
 * Restricts the result to these nodes, in this order; values are still
 * computed on the whole view, ranks are among the listed nodes. Closeness
 * and harmonic centrality then cost only the listed nodes' searches. A
 * node that is not in the view makes the centrality functions fail with
 * CITYNET_ERROR_NOT_FOUND; a repeated one with _INVALID_ARGUMENT.
 */
CITYNET_API void citynet_centrality_options_set_nodes(CitynetCentralityOptions *options,
                                                      const gsize *nodes,
                                                      gsize n);
/**
 * citynet_centrality_options_set_personalization:
 * @nodes: (nullable) (array length=n): network node indices (copied) that
 *   PageRank's random surfer restarts from, uniformly; NULL or @n = 0 for
 *   plain PageRank (restart anywhere; the default). Nodes must be in the
 *   view (else CITYNET_ERROR_NOT_FOUND when computing).
 */
CITYNET_API void citynet_centrality_options_set_personalization(CitynetCentralityOptions *options,
                                                                const gsize *nodes,
                                                                gsize n);

/**
 * citynet_centrality_compute:
 * @options: (nullable): NULL for the defaults.
 *
 * Runs the function of @measure (citynet_centrality_degree(), ...).
 * Returns: (transfer full): as that function.
 */
CITYNET_API CitynetScores *citynet_centrality_compute(CitynetView *view,
                                                      CitynetCentrality measure,
                                                      const CitynetCentralityOptions *options,
                                                      GError **error);

/**
 * citynet_centrality_degree:
 * @options: (nullable): mode, normalized, nodes.
 *
 * The number of edges at each vertex (igraph_degree()): out-, in- or all
 * edges (in + out) per CitynetMode (default all). On a multigraph view
 * (CITYNET_COMBINE_NONE) parallel ties count one each. Normalised: divided
 * by n - 1 (NaN when n = 1). Isolates have 0. Complexity O(n + m).
 *
 * Returns: (transfer full): the scores ("degree"), or NULL with a GError.
 */
CITYNET_API CitynetScores *citynet_centrality_degree(CitynetView *view,
                                                     const CitynetCentralityOptions *options,
                                                     GError **error);

/**
 * citynet_centrality_strength:
 * @options: (nullable): mode, weighted, nodes.
 *
 * The sum of the weights of the edges at each vertex (igraph_strength()),
 * out, in or all per CitynetMode (default all); the degree when not
 * weighted. Isolates have 0. Complexity O(n + m).
 *
 * Returns: (transfer full): the scores ("strength"), or NULL with a GError.
 */
CITYNET_API CitynetScores *citynet_centrality_strength(CitynetView *view,
                                                       const CitynetCentralityOptions *options,
                                                       GError **error);

/**
 * citynet_centrality_betweenness:
 * @options: (nullable): mode, length, weighted, cutoff, normalized, nodes.
 *
 * Freeman's betweenness, B(v) = sum over pairs s != v != t of
 * sigma_st(v) / sigma_st, computed with Brandes' algorithm
 * (igraph_betweenness_cutoff()). Undirected paths count each unordered
 * pair once. Pairs in different components contribute nothing; isolates
 * have 0. Parallel edges of a multigraph view are distinct paths.
 * Complexity O(n m) unweighted, O(n m + n^2 log n) weighted: a 500k-tie
 * view needs a cutoff.
 *
 * Returns: (transfer full): the scores ("betweenness"), or NULL.
 */
CITYNET_API CitynetScores *citynet_centrality_betweenness(CitynetView *view,
                                                          const CitynetCentralityOptions *options,
                                                          GError **error);

/**
 * citynet_centrality_closeness:
 * @options: (nullable): mode (default out), length, weighted, cutoff,
 *   normalized, wf_improved, nodes.
 *
 * C(v) = 1 / sum of the distances from v to the vertices it reaches
 * (igraph_closeness_cutoff()); normalised, (r - 1) / that sum, r counting
 * v and the vertices it reaches. On a disconnected view only reachable
 * vertices count (a pair of cities tied only to each other scores 1);
 * wf_improved scales by (r - 1) / (n - 1) to correct that. A vertex that
 * reaches no other (an isolate) has NaN. Complexity O(n (n + m)),
 * weighted O(n m log n); only the listed nodes' searches with set_nodes.
 *
 * Returns: (transfer full): the scores ("closeness"), or NULL.
 */
CITYNET_API CitynetScores *citynet_centrality_closeness(CitynetView *view,
                                                        const CitynetCentralityOptions *options,
                                                        GError **error);

/**
 * citynet_centrality_harmonic:
 * @options: (nullable): mode (default out), length, weighted, cutoff,
 *   normalized, nodes.
 *
 * H(v) = sum over u != v of 1 / d(v, u), unreachable vertices adding 0
 * (igraph_harmonic_centrality_cutoff()); normalised, divided by n - 1.
 * Well defined on disconnected views; isolates have 0. Complexity as
 * closeness.
 *
 * Returns: (transfer full): the scores ("harmonic"), or NULL.
 */
CITYNET_API CitynetScores *citynet_centrality_harmonic(CitynetView *view,
                                                       const CitynetCentralityOptions *options,
                                                       GError **error);

/**
 * citynet_centrality_eigenvector:
 * @options: (nullable): mode, weighted, nodes.
 *
 * The principal eigenvector x of the (weighted) adjacency matrix, A x =
 * lambda x, scaled so that max x = 1 (igraph_eigenvector_centrality(),
 * ARPACK). Directed: x_v sums over the vertices with an edge into v. On a
 * disconnected undirected view the vector lives on the component with the
 * largest eigenvalue; other components get 0. A view without edges gives
 * 1 everywhere; a directed acyclic one gives 0 everywhere. Complexity
 * O(m) per ARPACK iteration.
 *
 * Returns: (transfer full): the scores ("eigenvector"), or NULL.
 */
CITYNET_API CitynetScores *citynet_centrality_eigenvector(CitynetView *view,
                                                          const CitynetCentralityOptions *options,
                                                          GError **error);

/**
 * citynet_centrality_pagerank:
 * @options: (nullable): mode, weighted, damping, personalization, nodes.
 *
 * PageRank (igraph_personalized_pagerank() with PRPACK): the stationary
 * distribution of a walker who follows an edge with probability d (in
 * proportion to its weight) and otherwise restarts at a random vertex, or
 * at a random personalisation node. A vertex without outgoing edges sends
 * the walker to a restart vertex. Values sum to 1 over the whole view. An
 * isolate receives only restarts and the rank redistributed by vertices
 * without outgoing edges (0 outside the personalisation set). Weights must
 * be finite and > 0 (checked: igraph 0.10.2 would silently ignore negative
 * ones). Complexity O(n + m) per iteration.
 *
 * Returns: (transfer full): the scores ("pagerank"), or NULL.
 */
CITYNET_API CitynetScores *citynet_centrality_pagerank(CitynetView *view,
                                                       const CitynetCentralityOptions *options,
                                                       GError **error);

/**
 * citynet_centrality_hub:
 * @options: (nullable): weighted, nodes.
 *
 * Kleinberg's hub score: the principal eigenvector of A A^T, scaled to
 * max 1 (igraph_hub_and_authority_scores()). On an undirected view hub
 * and authority scores coincide (the eigenvector of A^2). Complexity O(m)
 * per ARPACK iteration.
 *
 * Returns: (transfer full): the scores ("hub"), or NULL.
 */
CITYNET_API CitynetScores *citynet_centrality_hub(CitynetView *view,
                                                  const CitynetCentralityOptions *options,
                                                  GError **error);

/**
 * citynet_centrality_authority:
 * @options: (nullable): weighted, nodes.
 *
 * Kleinberg's authority score: the principal eigenvector of A^T A, scaled
 * to max 1 (igraph_hub_and_authority_scores()). Complexity as the hub
 * score.
 *
 * Returns: (transfer full): the scores ("authority"), or NULL.
 */
CITYNET_API CitynetScores *citynet_centrality_authority(CitynetView *view,
                                                        const CitynetCentralityOptions *options,
                                                        GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(CitynetCentralityOptions, citynet_centrality_options_free)

/* ------------------------------------------------------------------------ */
/* Clustering                                                               */
/* ------------------------------------------------------------------------ */

/*
 * Clustering is a property of undirected simple graphs. Every function
 * below therefore works on the simple undirected collapse of the view: two
 * vertices are adjacent when any edge joins them, in either direction, and
 * the pair's weight is the sum of those edges' weights (so in a directed
 * view an undirected tie, held as two arcs, weighs twice its weight, and a
 * reciprocated pair of directed ties weighs the sum of both). On an
 * undirected view without parallel edges the collapse is the view itself.
 */

/**
 * CitynetUndefined:
 * What a clustering measure reports for a vertex where it is undefined
 * (fewer than two neighbours).
 * @CITYNET_UNDEFINED_NAN: NaN (igraph's IGRAPH_TRANSITIVITY_NAN; the
 *   default in the CLI); such vertices rank last and are left out of
 *   averages.
 * @CITYNET_UNDEFINED_ZERO: 0 (NetworkX's convention); averages include
 *   them.
 */
typedef enum {
  CITYNET_UNDEFINED_NAN,
  CITYNET_UNDEFINED_ZERO
} CitynetUndefined;

/**
 * citynet_clustering_local:
 *
 * The local clustering coefficient (Watts and Strogatz 1998): C(v) =
 * (edges among v's neighbours) / (k (k - 1) / 2), k = v's number of
 * neighbours, ignoring weights (igraph_transitivity_local_undirected() on
 * the simple undirected collapse). Complexity O(n + sum of k^2) at worst,
 * about O(m^1.5) on sparse views.
 *
 * Returns: (transfer full): the scores ("clustering") for every vertex,
 * or NULL with a GError.
 */
CITYNET_API CitynetScores *citynet_clustering_local(CitynetView *view,
                                                    CitynetUndefined undefined,
                                                    GError **error);

/**
 * citynet_clustering_barrat:
 *
 * Barrat et al.'s (2004) weighted local clustering: C_w(v) = 1 / (s_v
 * (k_v - 1)) sum over pairs of neighbours j, h that are adjacent of
 * (w_vj + w_vh) / 2, with s_v v's strength (igraph_transitivity_barrat() on
 * the simple undirected collapse with summed weights; the collapse also
 * avoids igraph 0.10.2's bug on directed graphs with reciprocal edges).
 * Equals citynet_clustering_local() when all weights are equal.
 * Complexity as citynet_clustering_local().
 *
 * Returns: (transfer full): the scores ("barrat"), or NULL.
 */
CITYNET_API CitynetScores *citynet_clustering_barrat(CitynetView *view,
                                                     CitynetUndefined undefined,
                                                     GError **error);

/**
 * citynet_clustering_average:
 * @weighted: average Barrat's coefficient instead of the unweighted one.
 * @result: (out): the mean of the local coefficients over the vertices
 *   where they are defined (CITYNET_UNDEFINED_NAN) or over all vertices,
 *   counting undefined ones as 0 (CITYNET_UNDEFINED_ZERO, NetworkX's
 *   average_clustering()); NaN when no vertex counts.
 *
 * Complexity as citynet_clustering_local().
 * Returns: TRUE, or FALSE with a GError.
 */
CITYNET_API gboolean citynet_clustering_average(CitynetView *view,
                                                gboolean weighted,
                                                CitynetUndefined undefined,
                                                double *result,
                                                GError **error);

/**
 * citynet_clustering_global:
 * @result: (out): the global transitivity, 3 x triangles / connected
 *   triples (igraph_transitivity_undirected() on the simple undirected
 *   collapse); NaN when the view has no connected triple.
 *
 * Complexity as citynet_clustering_local().
 * Returns: TRUE, or FALSE with a GError.
 */
CITYNET_API gboolean citynet_clustering_global(CitynetView *view,
                                               double *result,
                                               GError **error);

/**
 * citynet_clustering_ego_density:
 *
 * The density of each vertex's ego network without the ego, as UCINET's
 * ego-network "Density": the edges among v's neighbours (its alters: the
 * vertices joined to v in either direction) divided by the possible ones,
 * k (k - 1) / 2 on an undirected view (where it equals the local
 * clustering coefficient) and k (k - 1) ordered pairs on a directed view,
 * where each direction between two alters counts. Parallel edges count
 * once; weights are ignored. Undefined for k < 2. Computed by listing each
 * triangle of the collapse once (no igraph routine counts arcs among
 * alters), complexity O(n + m^1.5).
 *
 * Returns: (transfer full): the scores ("ego_density"), or NULL.
 */
CITYNET_API CitynetScores *citynet_clustering_ego_density(CitynetView *view,
                                                          CitynetUndefined undefined,
                                                          GError **error);

/**
 * citynet_undefined_from_string:
 * Parses "nan" or "zero" (ASCII case-insensitive).
 * Returns: TRUE, or FALSE with CITYNET_ERROR_INVALID_ARGUMENT.
 */
CITYNET_API gboolean citynet_undefined_from_string(const char *text,
                                                   CitynetUndefined *out,
                                                   GError **error);

G_END_DECLS

#endif /* CITYNET_ANALYTICS_H */
