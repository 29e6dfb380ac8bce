/* libcitynet - view internals and the igraph escape hatch for analytics
 * modules. Private: it includes <igraph.h>, which the public headers never
 * do, and its layouts may change at any time. */
#ifndef CITYNET_VIEW_PRIVATE_H
#define CITYNET_VIEW_PRIVATE_H

#include <igraph.h>

#include "citynet-private.h"

G_BEGIN_DECLS

/* ------------------------------------------------------------------------ */
/* Options                                                                  */
/* ------------------------------------------------------------------------ */

struct _CitynetViewOptions {
  GPtrArray *layers;        /* char* (owned), distinct, in the order added */
  GPtrArray *kinds;         /* char* (owned), distinct, in the order added */
  CitynetDate from;         /* first day of the window, OPEN = unbounded */
  CitynetDate to;           /* last day of the window, OPEN = unbounded */
  CitynetDirection direction;
  CitynetCombine combine;
  gboolean drop_isolates;
};

/* ------------------------------------------------------------------------ */
/* The view                                                                 */
/* ------------------------------------------------------------------------ */

/* One edge of the view's graph: vertices, combined weight, and the range
 * [first_tie, first_tie + n_ties) of view->edge_ties holding the network
 * indices of the ties it combines (in network order). */
typedef struct {
  guint32 from;
  guint32 to;
  guint32 first_tie;
  guint32 n_ties;
  double weight;
} CitynetViewEdge;

struct _CitynetView {
  gint ref_count;
  CitynetNetwork *network;      /* owned reference */
  CitynetViewOptions *options;  /* owned copy */
  CitynetDate from, to;         /* the window as full days (OPEN = open) */
  gboolean directed;

  /* The arrays are citynet_big_alloc() memory (free with
   * citynet_big_free()), and may be sized beyond their counts. */
  gsize n_vertices;
  guint32 *vertex_node;         /* vertex -> network node */
  gsize n_nodes;                /* network nodes when the view was made */
  gint32 *node_vertex;          /* network node -> vertex, -1 = absent */

  gsize n_ties;
  guint32 *ties;                /* selected network ties, network order */

  gsize n_edges;
  CitynetViewEdge *edges;       /* sorted by (from, to, first tie) */
  gboolean from_index;          /* made from the network's incidence index
                                 * (else from its own sorted arcs) */
  guint32 *edge_ties;           /* tie indices, grouped per edge */

  /* The igraph graph, built on first request while holding the igraph lock
   * (see citynet_view_graph()); graph_ready is read without the lock. */
  gint graph_ready;
  igraph_t graph;
  gboolean graph_big;           /* see citynet_igraph_create_sorted_big() */
  igraph_vector_t weights;      /* edge weights, in edge order (big memory) */
};

/* Returns the network indices of the ties combined into @edge and their
 * count (@n_ties). Borrowed from the view. */
const guint32 *citynet_view_edge_ties(const CitynetView *view, gsize edge,
                                      gsize *n_ties);

/* A view of the same network holding only some of @parent's vertices and
 * edges (ego networks, ego.c): @vertices are parent vertices in strictly
 * increasing order, @edges parent edge ids in strictly increasing order
 * whose two ends are among @vertices. Vertices keep network order, edges
 * keep their weights and ties, and the view's ties are the distinct ties of
 * the kept edges in network order. Options, window and direction are the
 * parent's. The caller has validated the arrays; never fails.
 * O(n_nodes + n + t log t) for t kept ties. */
CitynetView *citynet_view_new_subset(const CitynetView *parent,
                                     const guint32 *vertices, gsize n_vertices,
                                     const guint32 *edges, gsize n_edges);

/* The view's igraph graph: vertices 0..n-1 as in the view, edges in view
 * edge order, directed as citynet_view_is_directed(). Built lazily on the
 * first call (thread-safe) and owned by the view: do not modify or destroy
 * it. Use it only between citynet_igraph_enter() and
 * citynet_igraph_leave(). Returns NULL with CITYNET_ERROR_COMPUTATION when
 * igraph cannot build it. */
const igraph_t *citynet_view_graph(const CitynetView *view, GError **error);

/* The combined edge weights, aligned with the graph's edge ids; same
 * lifetime and rules as citynet_view_graph(). */
const igraph_vector_t *citynet_view_weights(const CitynetView *view,
                                            GError **error);

/* ------------------------------------------------------------------------ */
/* The network's incidence index (incidence.c)                              */
/* ------------------------------------------------------------------------ */

/* One tie at one of its ends: the other end, the tie, and whether the
 * entry yields an arc in a directed view (see incidence.c), packed so
 * that integer order is (other, tie); and the tie's weight. */
typedef struct {
  guint64 key;
  double weight;
} CitynetIncidenceEntry;

#define CITYNET_INCIDENCE_KEY(other, tie, bit) \
  (((guint64) (other) << 32) | ((guint64) (tie) << 1) | (guint64) (bit))
#define CITYNET_INCIDENCE_OTHER(key) ((guint32) ((key) >> 32))
#define CITYNET_INCIDENCE_TIE(key) ((guint32) ((key) & G_MAXUINT32) >> 1)
#define CITYNET_INCIDENCE_BIT(key) ((guint) ((key) & 1))

/* Node v's entries are entries[start[v] .. start[v + 1]), sorted by key.
 * Built for the n_nodes nodes and all ties of the network at the time. */
struct _CitynetIncidence {
  gsize n_nodes;
  gsize n_entries;
  gsize *start;                       /* n_nodes + 1, big memory */
  CitynetIncidenceEntry *entries;     /* big memory */
};

/* The network's incidence index, built on first use (O(n + m), under the
 * network's lock, so views may be built from several threads at once).
 * Owned by the network; valid until a node or tie is added. */
const CitynetIncidence *citynet_network_incidence(CitynetNetwork *network);

/* Sorts @n entries by key; they must come in tie order, as the sort is
 * stable on `other` (@other_bits bits) and keeps ties in arrival order
 * for equal ends. @tmp has room for @n entries. */
void citynet_incidence_sort_run(CitynetIncidenceEntry *entries, gsize n,
                                CitynetIncidenceEntry *tmp, guint other_bits);
/* The bits an end in 0..@n-1 needs: the sort's @other_bits. */
guint citynet_incidence_bits(gsize n);

/* ------------------------------------------------------------------------ */
/* Large arrays (view-memory.c, igraph-build.c)                             */
/* ------------------------------------------------------------------------ */

/* @n_bytes of uninitialised memory for a large array that is written right
 * away: from 128 KiB on, a private mapping (from 2 MiB on advised to use
 * transparent huge pages: one page fault per 2 MiB instead of per 4 KiB),
 * reused warm after citynet_big_free() while a bounded pool has room;
 * smaller, g_malloc(). Never NULL (aborts on exhaustion, like g_malloc()).
 * Free with citynet_big_free() only, never g_free(). Thread-safe. */
gpointer citynet_big_alloc(gsize n_bytes);
/* The same, zero-filled. */
gpointer citynet_big_alloc0(gsize n_bytes);
/* Frees memory of citynet_big_alloc(); NULL is ignored. */
void citynet_big_free(gpointer mem);

/* citynet_igraph_create_sorted() (see analytics-private.h) for a graph
 * that is never modified: when the fast path applies, the edge-sized
 * vectors (from, to, oi, ii) are citynet_big_alloc() memory and *big is set
 * to TRUE. Destroy the graph with citynet_igraph_destroy_big(@graph, *big)
 * only. @weights (uninitialised on entry) receives the double at
 * @weight_offset of each record, read in the same pass, as by
 * citynet_igraph_vector_init_big(); on failure neither is initialised.
 * Call inside igraph. */
gboolean citynet_igraph_create_sorted_big(igraph_t *graph, const void *edges,
                                          gsize stride, gsize n_edges,
                                          igraph_integer_t n,
                                          igraph_bool_t directed,
                                          gsize weight_offset,
                                          igraph_vector_t *weights,
                                          gboolean *big, GError **error);
/* Destroys a graph of citynet_igraph_create_sorted_big(). */
void citynet_igraph_destroy_big(igraph_t *graph, gboolean big);
/* Initialises @v with @size (uninitialised) elements in
 * citynet_big_alloc() memory, for a vector igraph only reads. Destroy with
 * citynet_igraph_vector_destroy_big() only. */
void citynet_igraph_vector_init_big(igraph_vector_t *v, igraph_integer_t size);
void citynet_igraph_vector_destroy_big(igraph_vector_t *v);

/* ------------------------------------------------------------------------ */
/* igraph glue extras (igraph-glue.c)                                       */
/* ------------------------------------------------------------------------ */

/* The last warning igraph issued since the outermost citynet_igraph_enter(),
 * or NULL. Call between enter and leave; the string is borrowed and only
 * valid until leave. */
const char *citynet_igraph_last_warning(void);

/* A private, seeded Mersenne-Twister RNG installed as igraph's default, so
 * randomised routines (Louvain, Leiden) are reproducible and the host's own
 * default RNG is left untouched. */
typedef struct {
  igraph_rng_t rng;
  /* The host's default RNG, by value: igraph 0.10's
   * igraph_rng_set_default() copies the struct into its global, so the
   * pointer igraph_rng_default() returns never changes and only a copy
   * (type, state pointer, seeded flag) can bring the host's back. */
  igraph_rng_t previous;
  gboolean active;
} CitynetIgraphRng;

/* Enters igraph (takes the igraph lock) and makes a new RNG seeded with
 * @seed the default. The same seed yields the same sequence. Pair with
 * citynet_igraph_rng_pop() on the same thread. Returns FALSE with
 * CITYNET_ERROR_COMPUTATION (and without the lock held) on failure. */
gboolean citynet_igraph_rng_push(CitynetIgraphRng *rng, guint64 seed,
                                 GError **error);
/* Restores the previous default RNG, frees ours and leaves igraph. */
void citynet_igraph_rng_pop(CitynetIgraphRng *rng);

typedef gboolean (*CitynetIgraphFunc)(gpointer user_data, GError **error);

/* Runs @func inside igraph with a private RNG seeded with @seed, restoring
 * the host's default RNG afterwards. Returns what @func returns. */
gboolean citynet_igraph_run_seeded(guint64 seed, CitynetIgraphFunc func,
                                   gpointer user_data, GError **error);

G_END_DECLS

#endif /* CITYNET_VIEW_PRIVATE_H */
