/* libcitynet - helpers shared by the analytics modules (centrality,
 * clustering, and whatever builds on CitynetScores: communities,
 * assortativity, projections). Private: includes <igraph.h>. */
#ifndef CITYNET_ANALYTICS_PRIVATE_H
#define CITYNET_ANALYTICS_PRIVATE_H

#include "view-private.h"

G_BEGIN_DECLS

/* ------------------------------------------------------------------------ */
/* Scores (scores.c)                                                        */
/* ------------------------------------------------------------------------ */

/* Makes scores from arrays the caller hands over: @vertices (g_malloc'd,
 * view vertices, distinct, taken; NULL = all vertices in order, then @n
 * must be the view's vertex count) and @values (g_malloc'd, taken). @measure
 * is copied. Never fails: the caller has validated the vertices. Takes a
 * reference on @view. O(n). */
CitynetScores *citynet_scores_new_take(CitynetView *view, const char *measure,
                                       guint32 *vertices, double *values,
                                       gsize n);

/* ------------------------------------------------------------------------ */
/* Centrality options (centrality.c)                                        */
/* ------------------------------------------------------------------------ */

/* Reads the path-measure settings of @options (NULL: the defaults) for
 * modules outside centrality.c (bloc-betweenness.c). Every out-parameter
 * is optional; *nodes is borrowed from @options. */
void citynet_centrality_options_get_paths(const CitynetCentralityOptions *options,
                                          CitynetMode *mode,
                                          CitynetLength *length,
                                          gboolean *weighted,
                                          gboolean *normalized,
                                          double *cutoff,
                                          const gsize **nodes,
                                          gsize *n_nodes);

/* ------------------------------------------------------------------------ */
/* Graph helpers (analytics-util.c)                                         */
/* ------------------------------------------------------------------------ */

/* Turns network node indices into view vertices (g_free'd array of @n),
 * failing with CITYNET_ERROR_NOT_FOUND for a node outside the view (the
 * message names it, using @what, e.g. "personalisation node") and with
 * CITYNET_ERROR_INVALID_ARGUMENT for a repeated node. */
guint32 *citynet_view_vertices_of_nodes(const CitynetView *view,
                                        const gsize *nodes, gsize n,
                                        const char *what, GError **error);

/* Checks that every weight of the view's graph is finite and > 0, which
 * the measures that divide by or walk on weights need (igraph 0.10.2's
 * PRPACK silently ignores negative weights). Call inside igraph. */
gboolean citynet_check_weights(const igraph_vector_t *weights,
                               const char *what, GError **error);

/* The simple undirected collapse of a view: vertices as in the view, one
 * edge per pair of vertices joined by any edge (either direction), whose
 * weight is the sum of those edges' weights. Edges are sorted by (from,
 * to) with from < to. Built with a two-pass counting sort, O(n + m); the
 * sums run in view edge order, so they are deterministic. Call inside
 * igraph; on success the caller destroys @graph and @weights. */
gboolean citynet_view_simple_undirected(const CitynetView *view,
                                        igraph_t *graph,
                                        igraph_vector_t *weights,
                                        GError **error);

/* One pair of the simple undirected collapse: vertices a < b, the sum of
 * the weights of the view's edges between them, and which directions those
 * edges take: bit 0 for a -> b, bit 1 for b -> a (both bits for an edge of
 * an undirected view). */
typedef struct {
  guint32 a;
  guint32 b;
  guint32 directions;
  double weight;
} CitynetPair;

/* The pairs of the simple undirected collapse, sorted by (a, b); *n_pairs
 * receives their number. O(n + m). g_free() the result. */
CitynetPair *citynet_view_collapse_pairs(const CitynetView *view,
                                         gsize *n_pairs);

/* Builds @graph exactly as igraph_create() would from the edge list
 * (a_0, b_0, a_1, b_1, ...), in O(n + m) when the list is sorted by (a, b)
 * with a < b for an undirected graph (as a view's edges and the collapse's
 * pairs are); any other input goes to igraph_create(). The edges are read
 * from @n_edges records of @stride bytes, each starting with two guint32
 * (a, b), so a view's CitynetViewEdge array or a CitynetPair array is used
 * in place, without an intermediate list. Call inside igraph; on failure
 * @graph is not initialised. (igraph-build.c) */
gboolean citynet_igraph_create_sorted(igraph_t *graph, const void *edges,
                                      gsize stride, gsize n_edges,
                                      igraph_integer_t n, igraph_bool_t directed,
                                      GError **error);

/* Seed of the private igraph RNG used around ARPACK-based measures, so
 * they give the same digits on every run whatever the host does with
 * igraph's default RNG. */
#define CITYNET_ANALYTICS_SEED G_GUINT64_CONSTANT(0x63697479)

G_END_DECLS

#endif /* CITYNET_ANALYTICS_PRIVATE_H */
