/* libcitynet - two-mode projection: city x organisation memberships into
 * city-city ties (co-membership count, Newman's collaboration weighting,
 * the GaWC interlocking network model) and global network connectivity.
 *
 * The projection is a new network of the projected nodes, so it is itself
 * a view that every other measure accepts (centrality, clustering,
 * communities). Formulas, citations and the peers checked against are in
 * docs/communities.md.
 */
#ifndef CITYNET_PROJECTION_H
#define CITYNET_PROJECTION_H

#if !defined(CITYNET_INSIDE) && !defined(CITYNET_COMPILATION)
#error "Only <citynet/citynet.h> can be included directly."
#endif

#include <citynet/common.h>
#include <citynet/network.h>
#include <citynet/view.h>
#include <citynet/analytics.h>

G_BEGIN_DECLS

/**
 * CitynetProjectionMethod:
 * How shared organisations become the weight of a city-city tie. For
 * cities a and b, j runs over the organisations both belong to, n_j is
 * the number of cities (nodes of the projected kind) in j and v_aj the
 * intensity of a's membership of j (the weight of the membership tie).
 * @CITYNET_PROJECTION_COUNT: "count", the number of shared organisations,
 *   sum_j 1 (NetworkX bipartite.weighted_projected_graph()).
 * @CITYNET_PROJECTION_NEWMAN: "newman", Newman's (2001) collaboration
 *   weighting sum_j 1 / (n_j - 1): a tie through a small organisation
 *   weighs more than one through a large one
 *   (bipartite.collaboration_weighted_projected_graph()).
 * @CITYNET_PROJECTION_GAWC: "gawc", the interlocking network model of
 *   Taylor (2001): the connectivity r_ab = sum_j v_aj v_bj.
 */
typedef enum {
  CITYNET_PROJECTION_COUNT,
  CITYNET_PROJECTION_NEWMAN,
  CITYNET_PROJECTION_GAWC
} CitynetProjectionMethod;

/** citynet_projection_method_name: Returns: (transfer none): "count",
 * "newman" or "gawc", or NULL for an invalid value. */
CITYNET_API const char *citynet_projection_method_name(CitynetProjectionMethod method);

/**
 * citynet_projection_method_from_string:
 * Parses "count", "newman" or "gawc" (ASCII case-insensitive).
 * Returns: TRUE, or FALSE with CITYNET_ERROR_INVALID_ARGUMENT.
 */
CITYNET_API gboolean citynet_projection_method_from_string(const char *text,
                                                           CitynetProjectionMethod *out,
                                                           GError **error);

/**
 * CitynetProjectionOptions:
 * Opaque options of a projection. Defaults: method count, projected kind
 * "city", through kind "organisation", membership layer "member".
 */
typedef struct _CitynetProjectionOptions CitynetProjectionOptions;

/** citynet_projection_options_new: Returns: (transfer full): the defaults;
 * free with citynet_projection_options_free(). */
CITYNET_API CitynetProjectionOptions *citynet_projection_options_new(void);
/** citynet_projection_options_copy: Returns: (transfer full): a copy. */
CITYNET_API CitynetProjectionOptions *citynet_projection_options_copy(const CitynetProjectionOptions *options);
/** citynet_projection_options_free: NULL is ignored. */
CITYNET_API void citynet_projection_options_free(CitynetProjectionOptions *options);

/** citynet_projection_options_set_method: see CitynetProjectionMethod. */
CITYNET_API void citynet_projection_options_set_method(CitynetProjectionOptions *options,
                                                       CitynetProjectionMethod method);
/**
 * citynet_projection_options_set_kinds:
 * @projected: the kind of the nodes that become the projection's nodes
 *   (kind A, default "city"); copied.
 * @through: the kind of the nodes they share (kind B, default
 *   "organisation"); copied. Must differ from @projected (checked by
 *   citynet_projection_new()).
 */
CITYNET_API void citynet_projection_options_set_kinds(CitynetProjectionOptions *options,
                                                      const char *projected,
                                                      const char *through);
/**
 * citynet_projection_options_add_layer:
 * Counts ties of @layer (copied) as memberships; call once per layer.
 * With none added, the layer "member" is used.
 */
CITYNET_API void citynet_projection_options_add_layer(CitynetProjectionOptions *options,
                                                      const char *layer);

/**
 * CitynetProjectionStats:
 * @n_projected: vertices of the projected kind in the view (the
 *   projection's nodes).
 * @n_through: vertices of the other kind with at least one membership.
 * @n_memberships: distinct (projected, through) pairs joined by a
 *   membership tie.
 * @n_ties: membership ties used (several ties of one pair combine).
 * @n_ties_ignored: ties of the membership layers in the view that do not
 *   join the two kinds (e.g. city-city ties in the layer).
 * @n_pairs: ties of the projection (pairs with a shared organisation).
 *
 * What a projection was computed from. Plain data.
 */
typedef struct {
  gsize n_projected;
  gsize n_through;
  gsize n_memberships;
  gsize n_ties;
  gsize n_ties_ignored;
  gsize n_pairs;
} CitynetProjectionStats;

/**
 * citynet_projection_new:
 * @view: the two-mode data: the view's ties (its layers, period, kinds)
 *   of the membership layers between a node of the projected kind and a
 *   node of the other kind, in either direction, are the memberships.
 * @options: (nullable): NULL for the defaults.
 * @stats: (out caller-allocates) (optional): what went in.
 *
 * Projects the two-mode network onto the projected kind. Several ties of
 * one city-organisation pair are one membership whose intensity v_aj
 * combines their weights by the view's combine rule (sum, max, count;
 * "none" sums). The result is a new network holding every vertex of the
 * projected kind in the view (in view order, with all their fields and
 * attributes; cities without memberships are isolates), every country,
 * country attribute and group spell of the source, and one undirected tie
 * per pair of cities sharing an organisation, in the layer "projection",
 * weighted per @options' method, with open dates, the ref
 * "projection:METHOD of LAYERS (A x B)" and the attribute "shared" (the
 * number of shared organisations). Ties are in order of (a, b) vertex
 * pairs. Complexity O(n + m + sum_j n_j^2).
 *
 * Returns: (transfer full): a view of everything in the new network (it
 * keeps the network alive: citynet_view_get_network()), undirected,
 * which any measure accepts; NULL with CITYNET_ERROR_NOT_FOUND (a kind or
 * layer the network does not have) or CITYNET_ERROR_INVALID_ARGUMENT (the
 * two kinds are equal).
 */
CITYNET_API CitynetView *citynet_projection_new(CitynetView *view,
                                                const CitynetProjectionOptions *options,
                                                CitynetProjectionStats *stats,
                                                GError **error);

/**
 * citynet_projection_connectivity:
 * @projection: a projection (citynet_projection_new()), or any view.
 * @share: FALSE for GNC_a = sum_b r_ab, the global network connectivity
 *   of Taylor (2001): the sum of the weights of a's edges (its strength);
 *   TRUE for GNC_a / max_b GNC_b, the share of the best connected node
 *   (NaN everywhere when every GNC is 0).
 *
 * Sums in view edge order, so the values are the same on every run.
 * Isolates have 0. O(n + m).
 *
 * Returns: (transfer full): the scores ("gnc" or "gnc_share") for every
 * vertex, ranked like any measure; free with citynet_scores_free().
 */
CITYNET_API CitynetScores *citynet_projection_connectivity(CitynetView *projection,
                                                           gboolean share,
                                                           GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(CitynetProjectionOptions, citynet_projection_options_free)

G_END_DECLS

#endif /* CITYNET_PROJECTION_H */
