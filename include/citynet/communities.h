/* libcitynet - partitions of a view's nodes: communities (Louvain, Leiden),
 * partitions by attribute (country, kind, country groups at a date, extra
 * attributes), modularity, partition comparison (NMI, ARI, VI), and
 * assortativity (nominal, numeric) with the attribute mixing matrix.
 *
 * A CitynetPartition gives every vertex of a view one label 0..k-1. The
 * measures' formulas, citations, igraph routines, complexities and their
 * behaviour on disconnected views, isolates and multigraph views are
 * written out in docs/communities.md; the doc comments below give the
 * short form.
 *
 * Direction. igraph's Louvain and Leiden work on undirected graphs only.
 * Community detection, and modularity unless asked for the directed
 * formula, therefore run on the view's simple undirected collapse: two
 * vertices are adjacent when any edge joins them, in either direction, and
 * the pair weighs the sum of those edges' weights (a reciprocated pair of
 * arcs weighs both arcs; an undirected tie in a directed view, held as two
 * arcs, weighs twice its weight). On an undirected view without parallel
 * edges the collapse is the view itself.
 *
 * Weights are strengths (a heavier tie is a stronger tie), as in
 * <citynet/analytics.h>. Self-loops cannot occur (a network has no
 * self-ties).
 */
#ifndef CITYNET_COMMUNITIES_H
#define CITYNET_COMMUNITIES_H

#if !defined(CITYNET_INSIDE) && !defined(CITYNET_COMPILATION)
#error "Only <citynet/citynet.h> can be included directly."
#endif

#include <citynet/common.h>
#include <citynet/network.h>
#include <citynet/view.h>
#include <citynet/analytics.h>

G_BEGIN_DECLS

/* ------------------------------------------------------------------------ */
/* Partitions                                                               */
/* ------------------------------------------------------------------------ */

/**
 * CitynetPartition:
 *
 * An opaque, immutable assignment of one label to every vertex of a view:
 * labels are dense ids 0..k-1, each with a name (a country code, a kind, a
 * group, an attribute value; for detected communities the id in decimal,
 * "0", "1", ...). It keeps its view alive. Thread-safe to read.
 *
 * Label order. Detected communities are numbered by size, largest first
 * (equal sizes: the community holding the lower vertex first), so label 0
 * is the largest community. Labels from an attribute are sorted by name
 * (byte order, so the order never depends on the locale), with the
 * "missing" label (citynet_partition_missing_label()) last. Group
 * partitions and explicit label lists keep the order their constructor
 * documents. Only group partitions may have labels without vertices.
 */
typedef struct _CitynetPartition CitynetPartition;

/** CITYNET_PARTITION_MISSING_NAME: the name of the label of vertices that
 * lack the attribute a partition is built from. */
#define CITYNET_PARTITION_MISSING_NAME "(none)"

/**
 * citynet_partition_new_by_country:
 * @view: the view (a reference is taken).
 *
 * One label per country code of the view's nodes, sorted by code; nodes
 * without a country (organisations) share the label
 * CITYNET_PARTITION_MISSING_NAME, last. Complexity O(n log n).
 *
 * Returns: (transfer full): the partition (source "country"); free with
 * citynet_partition_free().
 */
CITYNET_API CitynetPartition *citynet_partition_new_by_country(CitynetView *view);

/**
 * citynet_partition_new_by_kind:
 *
 * One label per node kind present in the view, sorted by name. O(n log n).
 *
 * Returns: (transfer full): the partition (source "kind").
 */
CITYNET_API CitynetPartition *citynet_partition_new_by_kind(CitynetView *view);

/**
 * citynet_partition_new_by_attribute:
 * @key: an extra node attribute (a column of nodes.csv beyond the built-in
 *   ones).
 *
 * One label per distinct value of @key among the view's nodes, sorted by
 * value; nodes without a value (or with an empty one) share the label
 * CITYNET_PARTITION_MISSING_NAME, last. O(n log n).
 *
 * Returns: (transfer full): the partition (source "attr:KEY"), or NULL with
 * CITYNET_ERROR_NOT_FOUND when the network has no attribute @key.
 */
CITYNET_API CitynetPartition *citynet_partition_new_by_attribute(CitynetView *view,
                                                                 const char *key,
                                                                 GError **error);

/**
 * citynet_partition_new_by_group:
 * @group: a country group of the network ("EU").
 * @date: the day membership is judged on (citynet_network_country_in_group()
 *   rules), or CITYNET_DATE_OPEN for "now" (spells with an open end).
 *
 * Two labels: 0 = @group (the node's country belonged to @group on @date)
 * and 1 = "not @group" (every other node, including nodes without a
 * country). Either label may be empty. O(n + number of group spells).
 *
 * Returns: (transfer full): the partition (source "group:G@DATE"), or NULL
 * with CITYNET_ERROR_NOT_FOUND when the network has no group @group.
 */
CITYNET_API CitynetPartition *citynet_partition_new_by_group(CitynetView *view,
                                                             const char *group,
                                                             CitynetDate date,
                                                             GError **error);

/**
 * citynet_partition_new_by_groups:
 * @groups: (array length=n_groups): distinct group names, in order of
 *   priority.
 * @other: (nullable): the name of the last label; NULL means "other".
 *
 * Labels 0..n_groups-1 are the groups; a node's label is the first group
 * in @groups its country belonged to on @date. Label n_groups (@other)
 * holds the nodes in none of them. Labels may be empty. O(n n_groups +
 * number of group spells).
 *
 * Returns: (transfer full): the partition (source "groups:G1,G2@DATE"), or
 * NULL with CITYNET_ERROR_NOT_FOUND (an unknown group) or
 * CITYNET_ERROR_INVALID_ARGUMENT (no group, a repeated group, @other equal
 * to a group name).
 */
CITYNET_API CitynetPartition *citynet_partition_new_by_groups(CitynetView *view,
                                                              const char *const *groups,
                                                              gsize n_groups,
                                                              CitynetDate date,
                                                              const char *other,
                                                              GError **error);

/**
 * citynet_partition_new_from_labels:
 * @nodes: (array length=n): network node indices, each in @view, distinct.
 * @labels: (array length=n): the label name of each node (non-empty UTF-8).
 * @unlisted: (nullable): the label name of the view's vertices missing
 *   from @nodes; NULL requires @nodes to cover every vertex.
 *
 * An explicit node -> label list. Labels are numbered in order of first
 * appearance in @labels, then @unlisted (when some vertex needs it). O(n).
 *
 * Returns: (transfer full): the partition (source "labels"), or NULL with
 * CITYNET_ERROR_NOT_FOUND (a node not in the view) or
 * CITYNET_ERROR_INVALID_ARGUMENT (a repeated node, an empty label, a
 * vertex without label when @unlisted is NULL).
 */
CITYNET_API CitynetPartition *citynet_partition_new_from_labels(CitynetView *view,
                                                                const gsize *nodes,
                                                                const char *const *labels,
                                                                gsize n,
                                                                const char *unlisted,
                                                                GError **error);

/**
 * citynet_partition_new_from_membership:
 * @membership: (array length=n): a label per view vertex (any integers;
 *   only equality matters).
 * @n: must equal citynet_view_n_vertices().
 *
 * A membership vector as other software gives it (python-igraph's
 * membership, a saved result). Labels are renumbered densely in order of
 * first appearance; their names are the new ids in decimal. O(n log n).
 *
 * Returns: (transfer full): the partition (source "membership"), or NULL
 * with CITYNET_ERROR_INVALID_ARGUMENT when @n is wrong.
 */
CITYNET_API CitynetPartition *citynet_partition_new_from_membership(CitynetView *view,
                                                                    const gint64 *membership,
                                                                    gsize n,
                                                                    GError **error);

/**
 * citynet_partition_new_by_spec:
 * @spec: one of
 *   "country", "kind", "attr:KEY",
 *   "group:G" or "group:G@DATE" (citynet_partition_new_by_group()),
 *   "groups:G1,G2,..." or "groups:G1,G2,...@DATE"
 *   (citynet_partition_new_by_groups(), last label "other").
 *   DATE is "YYYY", "YYYY-MM" or "YYYY-MM-DD" (a partial date stands for
 *   its first day). Without @DATE, groups are judged on the last day of
 *   the view's period when it has one, else "now" (open-ended spells).
 *
 * The textual form the command line (--by, --compare) and the bindings
 * use. The partition's source (citynet_partition_get_source()) is the
 * normalised spec, with the date that was used.
 *
 * Returns: (transfer full): the partition, or NULL with
 * CITYNET_ERROR_INVALID_ARGUMENT (a malformed spec; the message lists the
 * forms) or the constructor's error.
 */
CITYNET_API CitynetPartition *citynet_partition_new_by_spec(CitynetView *view,
                                                            const char *spec,
                                                            GError **error);

/** citynet_partition_free: frees @partition and drops its view reference;
 * NULL is ignored. */
CITYNET_API void citynet_partition_free(CitynetPartition *partition);

/** citynet_partition_get_view: Returns: (transfer none): the partition's
 * view, borrowed from @partition. */
CITYNET_API CitynetView *citynet_partition_get_view(const CitynetPartition *partition);

/**
 * citynet_partition_get_source:
 * Returns: (transfer none): what the partition came from: "louvain",
 * "leiden", "country", "kind", "attr:KEY", "group:G@DATE",
 * "groups:G1,G2@DATE", "labels" or "membership" (a date is "now" when
 * open). Borrowed from @partition.
 */
CITYNET_API const char *citynet_partition_get_source(const CitynetPartition *partition);

/** citynet_partition_n: Returns: the number of vertices (the view's). */
CITYNET_API gsize citynet_partition_n(const CitynetPartition *partition);

/** citynet_partition_label: Returns: the label of view vertex @vertex. O(1). */
CITYNET_API guint citynet_partition_label(const CitynetPartition *partition,
                                          gsize vertex);

/**
 * citynet_partition_membership:
 * @n: (out) (optional): the number of vertices.
 * Returns: (transfer none) (array length=n): the label of every vertex in
 * vertex order, borrowed from @partition.
 */
CITYNET_API const guint *citynet_partition_membership(const CitynetPartition *partition,
                                                      gsize *n);

/** citynet_partition_n_labels: Returns: the number of labels k. */
CITYNET_API gsize citynet_partition_n_labels(const CitynetPartition *partition);

/**
 * citynet_partition_label_name:
 * Returns: (transfer none): the name of label @label (< k), borrowed from
 * @partition; never NULL.
 */
CITYNET_API const char *citynet_partition_label_name(const CitynetPartition *partition,
                                                     guint label);

/** citynet_partition_label_size: Returns: how many vertices carry @label. */
CITYNET_API gsize citynet_partition_label_size(const CitynetPartition *partition,
                                               guint label);

/**
 * citynet_partition_missing_label:
 * Returns: the label of the vertices that lack the partition's attribute
 * (named CITYNET_PARTITION_MISSING_NAME), or -1 when the partition has
 * none (every vertex has a value, or the partition does not come from an
 * attribute).
 */
CITYNET_API gssize citynet_partition_missing_label(const CitynetPartition *partition);

/**
 * citynet_partition_find_label:
 * Returns: the first label named @name, or -1. O(k).
 */
CITYNET_API gssize citynet_partition_find_label(const CitynetPartition *partition,
                                                const char *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(CitynetPartition, citynet_partition_free)

/* ------------------------------------------------------------------------ */
/* Community detection                                                      */
/* ------------------------------------------------------------------------ */

/**
 * CitynetCommunityMethod:
 * @CITYNET_COMMUNITY_LOUVAIN: "louvain", Blondel et al. (2008)
 *   (igraph_community_multilevel()).
 * @CITYNET_COMMUNITY_LEIDEN: "leiden", Traag, Waltman and van Eck (2019)
 *   with the modularity objective (igraph_community_leiden()).
 */
typedef enum {
  CITYNET_COMMUNITY_LOUVAIN,
  CITYNET_COMMUNITY_LEIDEN
} CitynetCommunityMethod;

/** citynet_community_method_name: Returns: (transfer none): "louvain" or
 * "leiden", or NULL for an invalid value. */
CITYNET_API const char *citynet_community_method_name(CitynetCommunityMethod method);

/**
 * citynet_community_method_from_string:
 * Parses "louvain" or "leiden" (ASCII case-insensitive).
 * Returns: TRUE, or FALSE with CITYNET_ERROR_INVALID_ARGUMENT.
 */
CITYNET_API gboolean citynet_community_method_from_string(const char *text,
                                                          CitynetCommunityMethod *out,
                                                          GError **error);

/**
 * CitynetLeidenStart:
 * The partition Leiden starts from.
 * @CITYNET_LEIDEN_START_LOUVAIN: "louvain", the Louvain result with the
 *   same seed, resolution and weights (the default): Leiden then refines a
 *   good partition, and its result is never worse than Louvain's.
 * @CITYNET_LEIDEN_START_SINGLETONS: "singletons", every vertex alone.
 */
typedef enum {
  CITYNET_LEIDEN_START_LOUVAIN,
  CITYNET_LEIDEN_START_SINGLETONS
} CitynetLeidenStart;

/**
 * citynet_leiden_start_from_string:
 * Parses "louvain" or "singletons".
 * Returns: TRUE, or FALSE with CITYNET_ERROR_INVALID_ARGUMENT.
 */
CITYNET_API gboolean citynet_leiden_start_from_string(const char *text,
                                                      CitynetLeidenStart *out,
                                                      GError **error);

/**
 * CitynetCommunityOptions:
 * Opaque options of community detection and modularity. Defaults: seed 1,
 * resolution 1, weighted, undirected modularity; Leiden: beta 0.01,
 * iterate until stable, start from Louvain.
 */
typedef struct _CitynetCommunityOptions CitynetCommunityOptions;

/** citynet_community_options_new: Returns: (transfer full): the defaults;
 * free with citynet_community_options_free(). */
CITYNET_API CitynetCommunityOptions *citynet_community_options_new(void);
/** citynet_community_options_copy: Returns: (transfer full): a copy. */
CITYNET_API CitynetCommunityOptions *citynet_community_options_copy(const CitynetCommunityOptions *options);
/** citynet_community_options_free: NULL is ignored. */
CITYNET_API void citynet_community_options_free(CitynetCommunityOptions *options);

/**
 * citynet_community_options_set_seed:
 * Seeds the private random number generator the algorithms draw from
 * (igraph's Mersenne Twister; the host's igraph RNG is left untouched).
 * The same view, options and seed give the same partition on every run.
 */
CITYNET_API void citynet_community_options_set_seed(CitynetCommunityOptions *options,
                                                    guint64 seed);
/**
 * citynet_community_options_set_resolution:
 * @resolution: gamma >= 0 (finite): the weight of the null model in
 *   modularity, Q = (1/2m) sum_ij (A_ij - gamma k_i k_j / 2m) delta(c_i,
 *   c_j). Larger values give more, smaller communities; 1 is Newman's
 *   modularity.
 * Returns: TRUE, or FALSE with CITYNET_ERROR_INVALID_ARGUMENT.
 */
CITYNET_API gboolean citynet_community_options_set_resolution(CitynetCommunityOptions *options,
                                                              double resolution,
                                                              GError **error);
/**
 * citynet_community_options_set_weighted:
 * TRUE (default): edge weights (summed over the pair in the collapse) are
 * the A_ij of modularity. FALSE: every adjacent pair counts 1 (and, for the
 * directed formula, every arc of the view counts 1).
 */
CITYNET_API void citynet_community_options_set_weighted(CitynetCommunityOptions *options,
                                                        gboolean weighted);
/**
 * citynet_community_options_set_directed:
 * Modularity only: on a directed view, TRUE uses Leicht and Newman's
 * directed modularity, Q = (1/m) sum_ij (A_ij - gamma k_i^out k_j^in / m)
 * delta(c_i, c_j), on the view's arcs. FALSE (default) uses the undirected
 * collapse, the objective Louvain and Leiden optimise. Ignored on an
 * undirected view and by detection.
 */
CITYNET_API void citynet_community_options_set_directed(CitynetCommunityOptions *options,
                                                        gboolean directed);
/**
 * citynet_community_options_set_beta:
 * @beta: Leiden's randomness in the refinement step, > 0 and finite
 *   (default 0.01, as python-igraph and leidenalg).
 * Returns: TRUE, or FALSE with CITYNET_ERROR_INVALID_ARGUMENT.
 */
CITYNET_API gboolean citynet_community_options_set_beta(CitynetCommunityOptions *options,
                                                        double beta,
                                                        GError **error);
/**
 * citynet_community_options_set_iterations:
 * @iterations: Leiden iterations, >= 1; or a negative value (the default,
 *   -1) to iterate until an iteration leaves the partition unchanged (at
 *   most 1000 iterations; igraph 0.10.2's own "until stable" is broken, so
 *   the library runs the iterations one by one).
 * Returns: TRUE, or FALSE with CITYNET_ERROR_INVALID_ARGUMENT for 0.
 */
CITYNET_API gboolean citynet_community_options_set_iterations(CitynetCommunityOptions *options,
                                                              gint iterations,
                                                              GError **error);
/** citynet_community_options_set_start: see CitynetLeidenStart. */
CITYNET_API void citynet_community_options_set_start(CitynetCommunityOptions *options,
                                                     CitynetLeidenStart start);

/**
 * citynet_communities_detect:
 * @options: (nullable): NULL for the defaults.
 *
 * Runs @method on the view's simple undirected collapse, with the options'
 * seed, resolution and weights, and renumbers the communities by size
 * (largest first). Isolated vertices end up alone in a community each. A
 * view without edges gives every vertex its own community. Louvain costs
 * about O(m) per pass, Leiden about O(m) per iteration; the collapse
 * O(n + m).
 *
 * Returns: (transfer full): the partition (source "louvain" or "leiden"),
 * or NULL with CITYNET_ERROR_INVALID_ARGUMENT (a weight that is not finite
 * and > 0) or CITYNET_ERROR_COMPUTATION.
 */
CITYNET_API CitynetPartition *citynet_communities_detect(CitynetView *view,
                                                         CitynetCommunityMethod method,
                                                         const CitynetCommunityOptions *options,
                                                         GError **error);

/** citynet_communities_louvain: citynet_communities_detect() with
 * CITYNET_COMMUNITY_LOUVAIN. */
CITYNET_API CitynetPartition *citynet_communities_louvain(CitynetView *view,
                                                          const CitynetCommunityOptions *options,
                                                          GError **error);

/** citynet_communities_leiden: citynet_communities_detect() with
 * CITYNET_COMMUNITY_LEIDEN. */
CITYNET_API CitynetPartition *citynet_communities_leiden(CitynetView *view,
                                                         const CitynetCommunityOptions *options,
                                                         GError **error);

/* ------------------------------------------------------------------------ */
/* Modularity and comparison                                                */
/* ------------------------------------------------------------------------ */

/**
 * citynet_partition_modularity:
 * @options: (nullable): resolution, weighted, directed; NULL for the
 *   defaults (Newman's modularity of the weighted undirected collapse).
 * @result: (out): Q. NaN when the view has no edge (m = 0).
 *
 * Newman's (2006) modularity of any partition of the view (detected, by
 * country, by group, ...) with igraph_modularity(): on the undirected
 * collapse Q = (1/2m) sum_ij (A_ij - gamma k_i k_j / 2m) delta(c_i, c_j),
 * m the total weight and k_i the strength; the directed formula on the
 * view's arcs when set_directed() and the view is directed. Isolates
 * contribute nothing. Complexity O(n + m).
 *
 * Returns: TRUE, or FALSE with CITYNET_ERROR_INVALID_ARGUMENT (a weight
 * that is not finite and > 0) or CITYNET_ERROR_COMPUTATION.
 */
CITYNET_API gboolean citynet_partition_modularity(const CitynetPartition *partition,
                                                  const CitynetCommunityOptions *options,
                                                  double *result,
                                                  GError **error);

/**
 * CitynetPartitionComparison:
 * Measures of agreement between two partitions of the same vertices
 * (igraph_compare_communities()); see docs/communities.md.
 * @CITYNET_COMPARE_NMI: "nmi", normalised mutual information, 2 I(A;B) /
 *   (H(A) + H(B)) (Danon et al. 2005): 1 for identical partitions, 0 for
 *   independent ones; 1 when both have a single label.
 * @CITYNET_COMPARE_ARI: "ari", adjusted Rand index (Hubert and Arabie
 *   1985): 1 for identical partitions, about 0 for random ones, can be
 *   negative.
 * @CITYNET_COMPARE_VI: "vi", variation of information H(A|B) + H(B|A)
 *   (Meila 2007), in nats: 0 for identical partitions.
 * @CITYNET_COMPARE_RAND: "rand", the Rand index (Rand 1971): the share of
 *   vertex pairs the partitions treat alike.
 */
typedef enum {
  CITYNET_COMPARE_NMI,
  CITYNET_COMPARE_ARI,
  CITYNET_COMPARE_VI,
  CITYNET_COMPARE_RAND
} CitynetPartitionComparison;

/** citynet_partition_comparison_name: Returns: (transfer none): "nmi",
 * "ari", "vi", "rand", or NULL for an invalid value. */
CITYNET_API const char *citynet_partition_comparison_name(CitynetPartitionComparison method);

/**
 * citynet_partition_comparison_from_string:
 * Returns: TRUE, or FALSE with CITYNET_ERROR_INVALID_ARGUMENT.
 */
CITYNET_API gboolean citynet_partition_comparison_from_string(const char *text,
                                                              CitynetPartitionComparison *out,
                                                              GError **error);

/**
 * citynet_partition_compare:
 * @a, @b: partitions of the same vertices: views with the same vertices
 *   (the same network nodes in the same order), e.g. the same view.
 * @result: (out): the measure; NaN for a view without vertices, and the
 *   Rand indices are NaN for fewer than two vertices.
 *
 * Compares two partitions vertex by vertex (igraph_compare_communities()):
 * "do the detected communities follow the foreign-policy blocs?".
 * Label names do not matter, only which vertices share a label.
 * Complexity O(n + k_a k_b).
 *
 * Returns: TRUE, or FALSE with CITYNET_ERROR_INVALID_ARGUMENT (different
 * vertices) or CITYNET_ERROR_COMPUTATION.
 */
CITYNET_API gboolean citynet_partition_compare(const CitynetPartition *a,
                                               const CitynetPartition *b,
                                               CitynetPartitionComparison method,
                                               double *result,
                                               GError **error);

/* ------------------------------------------------------------------------ */
/* Assortativity and mixing                                                 */
/* ------------------------------------------------------------------------ */

/**
 * CitynetAssortativityFlags:
 * @CITYNET_ASSORTATIVITY_DEFAULT: unweighted, direction as the view,
 *   every vertex counts.
 * @CITYNET_ASSORTATIVITY_WEIGHTED: an edge counts with its weight instead
 *   of 1 (Newman's formulas with e_ij the share of the total weight; our
 *   own implementation, as igraph 0.10's routines are unweighted).
 * @CITYNET_ASSORTATIVITY_UNDIRECTED: read a directed view's arcs as
 *   undirected edges (a reciprocated pair then counts twice).
 * @CITYNET_ASSORTATIVITY_EXCLUDE_MISSING: nominal and mixing: leave out
 *   the vertices of the partition's missing label and their edges, as the
 *   numeric coefficient always does for vertices without a value.
 */
typedef enum {
  CITYNET_ASSORTATIVITY_DEFAULT = 0,
  CITYNET_ASSORTATIVITY_WEIGHTED = 1 << 0,
  CITYNET_ASSORTATIVITY_UNDIRECTED = 1 << 1,
  CITYNET_ASSORTATIVITY_EXCLUDE_MISSING = 1 << 2
} CitynetAssortativityFlags;

/**
 * CitynetAssortativity:
 * @value: the coefficient r, NaN when undefined (no edge left, or a
 *   denominator of 0: every end of every edge has the same label or
 *   value).
 * @n_vertices: vertices that took part.
 * @n_excluded: vertices left out (no value, or the missing label with
 *   CITYNET_ASSORTATIVITY_EXCLUDE_MISSING).
 * @n_edges: edges between two vertices that took part (arcs on a directed
 *   reading; parallel edges of a multigraph view each).
 * @n_edges_excluded: edges with an end left out.
 *
 * The result of an assortativity coefficient, with what it was computed
 * on. Plain data, filled in by the functions below.
 */
typedef struct {
  double value;
  gsize n_vertices;
  gsize n_excluded;
  gsize n_edges;
  gsize n_edges_excluded;
} CitynetAssortativity;

/**
 * citynet_assortativity_nominal:
 * @partition: the labels (any partition: by country, group, kind,
 *   attribute, or detected communities).
 * @result: (out caller-allocates): the coefficient and counts.
 *
 * Newman's (2003) assortativity coefficient for categories,
 * r = (sum_i e_ii - sum_i a_i b_i) / (1 - sum_i a_i b_i), e_ij the share
 * of edge ends joining label i to label j (mixing matrix), a and b its row
 * and column sums: 1 when every edge stays within a label, 0 when edges
 * ignore labels, negative for disassortative mixing. Unweighted with
 * igraph_assortativity_nominal(); weighted from the weighted mixing
 * matrix. Isolates do not count. The missing label counts as a label of
 * its own unless excluded. O(n + m + k).
 *
 * Returns: TRUE, or FALSE with CITYNET_ERROR_COMPUTATION.
 */
CITYNET_API gboolean citynet_assortativity_nominal(const CitynetPartition *partition,
                                                   CitynetAssortativityFlags flags,
                                                   CitynetAssortativity *result,
                                                   GError **error);

/**
 * citynet_node_values:
 * @spec: "population", "latitude", "longitude", "country:KEY" (the
 *   numeric country attribute KEY of the node's country, e.g.
 *   "country:un_agreement") or "attr:KEY" (an extra node attribute read as
 *   a number).
 *
 * A number per vertex, NaN where the node has none (no population, no
 * country, a country without KEY, an empty attribute), ready for
 * citynet_assortativity_numeric() or for printing like any measure.
 * O(n).
 *
 * Returns: (transfer full): the scores (measure @spec), or NULL with
 * CITYNET_ERROR_INVALID_ARGUMENT (a malformed spec, an attribute value that
 * is not a finite number; the message names the node) or
 * CITYNET_ERROR_NOT_FOUND (an unknown attribute key).
 */
CITYNET_API CitynetScores *citynet_node_values(CitynetView *view,
                                               const char *spec,
                                               GError **error);

/**
 * citynet_assortativity_numeric:
 * @values: a value per vertex (citynet_node_values(), or any measure's
 *   scores): vertices with NaN, or without an entry, are left out with
 *   their edges and counted in @result.
 * @result: (out caller-allocates): the coefficient and counts.
 *
 * Newman's (2003) assortativity for a scalar attribute: the Pearson
 * correlation of the values at the two ends of the edges (each undirected
 * edge counted in both directions; arcs from source to target on a
 * directed reading). Unweighted with igraph_assortativity() on the
 * subgraph of vertices with values; weighted as the weighted Pearson
 * correlation, every end pair weighing its edge's weight. O(n + m).
 *
 * Returns: TRUE, or FALSE with CITYNET_ERROR_COMPUTATION.
 */
CITYNET_API gboolean citynet_assortativity_numeric(const CitynetScores *values,
                                                   CitynetAssortativityFlags flags,
                                                   CitynetAssortativity *result,
                                                   GError **error);

/**
 * citynet_mixing_matrix:
 * @flags: WEIGHTED (sum weights instead of counting edges), UNDIRECTED,
 *   EXCLUDE_MISSING.
 * @normalized: divide by the total, so the cells are Newman's e_ij and
 *   sum to 1 (all zero when there is no edge).
 * @n_labels: (out): k, the partition's number of labels.
 *
 * The attribute mixing matrix, rows and columns in label order: M[i][j]
 * sums, over the edges, one (or the weight) per edge end from a vertex of
 * label i to one of label j. On an undirected reading every edge counts
 * in both directions, so M is symmetric and an edge within label i adds 2
 * to M[i][i] (NetworkX's attribute_mixing_matrix() convention); on a
 * directed one an arc u -> v adds 1 to M[label u][label v]. O(n + m + k^2).
 *
 * Returns: (transfer full) (array): k x k values in row-major order,
 * g_free() them; NULL with CITYNET_ERROR_COMPUTATION when k x k does not
 * fit in memory.
 */
CITYNET_API double *citynet_mixing_matrix(const CitynetPartition *partition,
                                          CitynetAssortativityFlags flags,
                                          gboolean normalized,
                                          gsize *n_labels,
                                          GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(CitynetCommunityOptions, citynet_community_options_free)

G_END_DECLS

#endif /* CITYNET_COMMUNITIES_H */
