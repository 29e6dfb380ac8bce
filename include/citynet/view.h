/* libcitynet - views: the slice of a network that analytics run on. */
#ifndef CITYNET_VIEW_H
#define CITYNET_VIEW_H

#if !defined(CITYNET_INSIDE) && !defined(CITYNET_COMPILATION)
#error "Only <citynet/citynet.h> can be included directly."
#endif

#include <citynet/common.h>
#include <citynet/network.h>

G_BEGIN_DECLS

/**
 * CitynetDirection:
 * @CITYNET_DIRECTION_AUTO: a directed graph when any selected tie is
 *   directed (undirected ties then become two opposite arcs), else
 *   undirected.
 * @CITYNET_DIRECTION_UNDIRECTED: every tie counts in both directions.
 * @CITYNET_DIRECTION_DIRECTED: a directed graph; undirected ties become two
 *   opposite arcs, directed ties keep their direction.
 */
typedef enum {
  CITYNET_DIRECTION_AUTO,
  CITYNET_DIRECTION_UNDIRECTED,
  CITYNET_DIRECTION_DIRECTED
} CitynetDirection;

/**
 * CitynetCombine:
 * How parallel ties (same pair, same direction after CitynetDirection is
 * applied, any layer) become one edge of the view's graph.
 * @CITYNET_COMBINE_SUM: one edge whose weight is the sum of the weights.
 * @CITYNET_COMBINE_MAX: one edge with the largest weight.
 * @CITYNET_COMBINE_COUNT: one edge whose weight is the number of ties.
 * @CITYNET_COMBINE_NONE: one edge per tie (a multigraph).
 */
typedef enum {
  CITYNET_COMBINE_SUM,
  CITYNET_COMBINE_MAX,
  CITYNET_COMBINE_COUNT,
  CITYNET_COMBINE_NONE
} CitynetCombine;

/**
 * CitynetViewOptions:
 * An opaque description of a view: which layers, which dates, which node
 * kinds, how to treat direction and parallel ties. The defaults select
 * everything, undirected-or-directed automatically, summing parallel ties,
 * and keep nodes without active ties.
 */
typedef struct _CitynetViewOptions CitynetViewOptions;

/** citynet_view_options_new: Returns: (transfer full): default options;
 * free with citynet_view_options_free(). */
CITYNET_API CitynetViewOptions *citynet_view_options_new(void);
/** citynet_view_options_copy: Returns: (transfer full): a copy of @options. */
CITYNET_API CitynetViewOptions *citynet_view_options_copy(const CitynetViewOptions *options);
/** citynet_view_options_free: frees @options; NULL is ignored. */
CITYNET_API void citynet_view_options_free(CitynetViewOptions *options);

/**
 * citynet_view_options_add_layer:
 * Restricts the view to ties of @layer (copied); call once per layer. With
 * no layer added, every layer is selected. A layer the network does not
 * have makes citynet_view_new() fail.
 */
CITYNET_API void citynet_view_options_add_layer(CitynetViewOptions *options,
                                                const char *layer);
/**
 * citynet_view_options_add_kind:
 * Restricts the view's nodes to kind @kind (copied); call once per kind.
 * With none added, every kind is selected. Ties to excluded nodes drop out.
 */
CITYNET_API void citynet_view_options_add_kind(CitynetViewOptions *options,
                                               const char *kind);
/**
 * citynet_view_options_set_at:
 * @date: (nullable): "YYYY", "YYYY-MM" or "YYYY-MM-DD"; NULL clears.
 *
 * Selects the ties active on @date. A date of month or year precision is
 * the window of all its days: "--at 2021" equals "--from 2021 --to 2021".
 * Replaces any period set before.
 * Returns: TRUE, or FALSE with CITYNET_ERROR_INVALID_ARGUMENT.
 */
CITYNET_API gboolean citynet_view_options_set_at(CitynetViewOptions *options,
                                                 const char *date,
                                                 GError **error);
/**
 * citynet_view_options_set_period:
 * @from: (nullable): first day of the window (its first covered day for a
 *   partial date); NULL or "" = open.
 * @to: (nullable): last day of the window (its last covered day for a
 *   partial date); NULL or "" = open.
 *
 * Selects the ties active on at least one day of [@from, @to]
 * (citynet_date_overlaps()).
 * Returns: TRUE, or FALSE with CITYNET_ERROR_INVALID_ARGUMENT (bad date,
 * @to before @from).
 */
CITYNET_API gboolean citynet_view_options_set_period(CitynetViewOptions *options,
                                                     const char *from,
                                                     const char *to,
                                                     GError **error);
/** citynet_view_options_set_direction: see CitynetDirection. */
CITYNET_API void citynet_view_options_set_direction(CitynetViewOptions *options,
                                                    CitynetDirection direction);
/** citynet_view_options_set_combine: see CitynetCombine. */
CITYNET_API void citynet_view_options_set_combine(CitynetViewOptions *options,
                                                  CitynetCombine combine);
/**
 * citynet_view_options_set_drop_isolates:
 * When @drop is TRUE the view keeps only nodes with at least one selected
 * tie; by default every node of the selected kinds is kept.
 */
CITYNET_API void citynet_view_options_set_drop_isolates(CitynetViewOptions *options,
                                                        gboolean drop);

/**
 * citynet_direction_from_string:
 * Parses "auto", "undirected" or "directed".
 * Returns: TRUE, or FALSE with CITYNET_ERROR_INVALID_ARGUMENT.
 */
CITYNET_API gboolean citynet_direction_from_string(const char *text,
                                                   CitynetDirection *out,
                                                   GError **error);
/**
 * citynet_combine_from_string:
 * Parses "sum", "max", "count" or "none".
 * Returns: TRUE, or FALSE with CITYNET_ERROR_INVALID_ARGUMENT.
 */
CITYNET_API gboolean citynet_combine_from_string(const char *text,
                                                 CitynetCombine *out,
                                                 GError **error);

/**
 * CitynetView:
 * An opaque, reference-counted, immutable slice of a network: the selected
 * nodes (as vertices 0..n-1 in network order) and the selected ties
 * combined into edges. It keeps its network alive. Thread-safe to read.
 */
typedef struct _CitynetView CitynetView;

/**
 * citynet_view_new:
 * @network: the network (a reference is taken).
 * @options: (nullable): the slice; NULL selects everything.
 *
 * Complexity: O(n + m) plus O(m log m) when combining parallel ties, for n
 * nodes and m ties.
 *
 * Returns: (transfer full): a new view, or NULL with
 * CITYNET_ERROR_NOT_FOUND (unknown layer or kind) or
 * CITYNET_ERROR_COMPUTATION.
 */
CITYNET_API CitynetView *citynet_view_new(CitynetNetwork *network,
                                          const CitynetViewOptions *options,
                                          GError **error);
/** citynet_view_ref: Returns: (transfer full): @view with a new reference. */
CITYNET_API CitynetView *citynet_view_ref(CitynetView *view);
/** citynet_view_unref: drops a reference; NULL is ignored. */
CITYNET_API void citynet_view_unref(CitynetView *view);

/** citynet_view_get_network: Returns: (transfer none): the view's network. */
CITYNET_API CitynetNetwork *citynet_view_get_network(const CitynetView *view);
/**
 * citynet_view_get_options:
 * Returns: (transfer none): the options the view was built with (a copy
 * owned by the view).
 */
CITYNET_API const CitynetViewOptions *citynet_view_get_options(const CitynetView *view);
/**
 * citynet_view_get_period:
 * @from: (out) (optional), @to: (out) (optional): the view's window as full
 * days, CITYNET_DATE_OPEN for an open bound.
 */
CITYNET_API void citynet_view_get_period(const CitynetView *view,
                                         CitynetDate *from, CitynetDate *to);
/** citynet_view_is_directed: Returns: whether the view's graph is directed. */
CITYNET_API gboolean citynet_view_is_directed(const CitynetView *view);

/** citynet_view_n_vertices: Returns: the number of selected nodes. */
CITYNET_API gsize citynet_view_n_vertices(const CitynetView *view);
/** citynet_view_vertex_node: Returns: the network node index of a vertex. */
CITYNET_API gsize citynet_view_vertex_node(const CitynetView *view,
                                           gsize vertex);
/** citynet_view_node_vertex: Returns: the vertex of a network node, or -1
 * when the node is not in the view (also for nodes added to the network
 * after the view was made). O(1). */
CITYNET_API gssize citynet_view_node_vertex(const CitynetView *view,
                                            gsize node);

/** citynet_view_n_edges: Returns: the number of edges after combining. */
CITYNET_API gsize citynet_view_n_edges(const CitynetView *view);
/**
 * citynet_view_edge:
 * @from: (out) (optional), @to: (out) (optional): the edge's vertices (for
 * an undirected view, @from < @to).
 * Returns: the edge's combined weight.
 */
CITYNET_API double citynet_view_edge(const CitynetView *view, gsize edge,
                                     gsize *from, gsize *to);
/** citynet_view_edge_n_ties: Returns: how many ties the edge combines. */
CITYNET_API gsize citynet_view_edge_n_ties(const CitynetView *view,
                                           gsize edge);
/**
 * citynet_view_edge_tie:
 * @i: 0 <= @i < citynet_view_edge_n_ties().
 * Returns: the network index of the @i-th tie combined into @edge (in
 * network order). O(1).
 */
CITYNET_API gsize citynet_view_edge_tie(const CitynetView *view, gsize edge,
                                        gsize i);

/** citynet_view_n_ties: Returns: the number of selected ties. */
CITYNET_API gsize citynet_view_n_ties(const CitynetView *view);
/** citynet_view_tie: Returns: the network index of the i-th selected tie
 * (in network order). */
CITYNET_API gsize citynet_view_tie(const CitynetView *view, gsize i);

/**
 * citynet_view_tie_reference_date:
 * The day on which the groups of a tie's partner are judged ("the tie's
 * date"): the tie's first day inside the view's window, i.e. the later of
 * the tie's first covered day and the window's first day. When both are
 * open, the tie's last day inside the window (the earlier of the tie's last
 * covered day and the window's last day, whichever are set); when
 * everything is open, CITYNET_DATE_OPEN ("now").
 * Returns: that day for network tie @tie.
 */
CITYNET_API CitynetDate citynet_view_tie_reference_date(const CitynetView *view,
                                                        gsize tie);

/**
 * citynet_view_to_network:
 * Returns: (transfer full): a new network holding the view's nodes, its
 * selected ties (uncombined, with all their fields and attributes) and
 * every country and group spell of the source network; NULL with a GError
 * on failure.
 */
CITYNET_API CitynetNetwork *citynet_view_to_network(const CitynetView *view,
                                                    GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(CitynetView, citynet_view_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(CitynetViewOptions, citynet_view_options_free)

G_END_DECLS

#endif /* CITYNET_VIEW_H */
