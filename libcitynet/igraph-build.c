/* libcitynet - building an igraph graph from an edge list that is already
 * sorted, in O(n + m) with two counting passes.
 *
 * igraph_create() sorts the edges twice (igraph_vector_int_pair_order())
 * and pushes them one by one: about 0.35 s for the 730,000 arcs of a
 * 500,000-tie view, more than PageRank itself on that view (0.13 s). A
 * view's edges come sorted by (from, to), which is one of the two orders
 * igraph's indexed edge list needs, so the other one is a single stable
 * counting sort and the start vectors are prefix sums.
 *
 * This writes the fields of igraph_t, whose layout is public
 * (igraph_datatype.h) but documented as internal. Hence the guards: the
 * fast path is compiled only against igraph 0.10 (whose layout and
 * invariants it reproduces, checked field by field against igraph_create()
 * by tests/test-centrality.c), and taken only when no attribute handler is
 * installed (igraph_create() would also give the edges attribute records)
 * and the input is sorted as promised; otherwise it calls igraph_create().
 *
 * The invariants of igraph 0.10's indexed edge list (type_indexededgelist.c):
 *   from[e], to[e]  the ends of edge e; an undirected edge is stored with
 *                   from >= to;
 *   oi              edge ids ordered by (from, to), parallel edges by
 *                   descending id (igraph_vector_int_pair_order()'s
 *                   linked-list buckets reverse equal keys);
 *   ii              edge ids ordered by (to, from), the same way;
 *   os[v], is[v]    the position in oi (ii) of the first edge whose from
 *                   (to) is >= v, for v = 0..n (so os[n] = is[n] = m).
 */
#include <string.h>

#include "analytics-private.h"

/* The ends of edge @e: two guint32 at the start of record @e of @edges
 * (records of @stride bytes). */
#define END_A(edges, stride, e) \
  (*(const guint32 *) ((const char *) (edges) + (gsize) (e) * (stride)))
#define END_B(edges, stride, e) \
  (*(const guint32 *) ((const char *) (edges) + (gsize) (e) * (stride) + sizeof(guint32)))

/* Whether the records list each edge as (a, b) with a < b (undirected) or
 * any (a, b) (directed), sorted by (a, b), with vertices in [0, n). */
static gboolean
edges_sorted(const void *edges, gsize stride, gsize m, igraph_integer_t n,
             igraph_bool_t directed)
{
  for (gsize e = 0; e < m; e++) {
    igraph_integer_t a = END_A(edges, stride, e), b = END_B(edges, stride, e);
    if (a >= n || b >= n || (!directed && a >= b))
      return FALSE;
    if (e > 0) {
      igraph_integer_t pa = END_A(edges, stride, e - 1);
      igraph_integer_t pb = END_B(edges, stride, e - 1);
      if (pa > a || (pa == a && pb > b))
        return FALSE;
    }
  }
  return TRUE;
}

#if IGRAPH_VERSION_MAJOR == 0 && IGRAPH_VERSION_MINOR == 10

/* @start[v] = the number of edges whose key (from or to) is < v, v = 0..n:
 * the first position of v's edges in an index sorted by that key. */
static void
start_vector(igraph_vector_int_t *start, const igraph_vector_int_t *key,
             igraph_integer_t n)
{
  const igraph_integer_t m = igraph_vector_int_size(key);
  igraph_vector_int_null(start);
  for (igraph_integer_t e = 0; e < m; e++)
    VECTOR(*start)[VECTOR(*key)[e] + 1]++;
  for (igraph_integer_t v = 0; v < n; v++)
    VECTOR(*start)[v + 1] += VECTOR(*start)[v];
}

/* @index = the edge ids in the order of @order, stably sorted by @key,
 * with @fill (a copy of @key's start vector) as bucket offsets. */
static void
counting_index(igraph_vector_int_t *index, const igraph_vector_int_t *order,
               const igraph_vector_int_t *key, igraph_integer_t *fill)
{
  const igraph_integer_t m = igraph_vector_int_size(key);
  for (igraph_integer_t i = 0; i < m; i++) {
    igraph_integer_t e = VECTOR(*order)[i];
    VECTOR(*index)[fill[VECTOR(*key)[e]]++] = e;
  }
}

/* The fast path; the graph is freshly made by igraph_empty(). */
static igraph_error_t
fill_sorted(igraph_t *graph, const void *edges, gsize stride, gsize n_edges)
{
  const igraph_integer_t n = graph->n;
  const igraph_integer_t m = (igraph_integer_t) n_edges;
  const igraph_bool_t directed = graph->directed;

  IGRAPH_CHECK(igraph_vector_int_resize(&graph->from, m));
  IGRAPH_CHECK(igraph_vector_int_resize(&graph->to, m));
  IGRAPH_CHECK(igraph_vector_int_resize(&graph->oi, m));
  IGRAPH_CHECK(igraph_vector_int_resize(&graph->ii, m));
  for (igraph_integer_t e = 0; e < m; e++) {
    igraph_integer_t a = END_A(edges, stride, e), b = END_B(edges, stride, e);
    /* An undirected edge is stored as (larger, smaller). */
    VECTOR(graph->from)[e] = directed ? a : b;
    VECTOR(graph->to)[e] = directed ? b : a;
  }
  start_vector(&graph->os, &graph->from, n);
  start_vector(&graph->is, &graph->to, n);

  /* The input is sorted by (a, b): for a directed graph that is oi's order
   * (from, to); for an undirected one ii's (to, from). That index is the
   * ids in input order with each run of parallel edges reversed; the other
   * index is one stable counting pass over it, bucketing by the other key,
   * which keeps (other key, key, descending id). */
  igraph_vector_int_t *same = directed ? &graph->oi : &graph->ii;
  igraph_vector_int_t *other = directed ? &graph->ii : &graph->oi;
  const igraph_vector_int_t *other_key = directed ? &graph->to : &graph->from;
  const igraph_vector_int_t *other_start = directed ? &graph->is : &graph->os;
  for (igraph_integer_t e = 0; e < m;) {
    igraph_integer_t end = e + 1;
    while (end < m && END_A(edges, stride, end) == END_A(edges, stride, e) &&
           END_B(edges, stride, end) == END_B(edges, stride, e))
      end++;
    for (igraph_integer_t k = e; k < end; k++)
      VECTOR(*same)[k] = end - 1 - (k - e);
    e = end;
  }
  igraph_integer_t *fill = IGRAPH_CALLOC(n > 0 ? n : 1, igraph_integer_t);
  IGRAPH_CHECK_OOM(fill, "Cannot build the graph.");
  memcpy(fill, VECTOR(*other_start), (size_t) n * sizeof *fill);
  counting_index(other, same, other_key, fill);
  IGRAPH_FREE(fill);

  igraph_invalidate_cache(graph);
  return IGRAPH_SUCCESS;
}

#endif /* igraph 0.10 */

gboolean
citynet_igraph_create_sorted(igraph_t *graph, const void *edges, gsize stride,
                             gsize n_edges, igraph_integer_t n,
                             igraph_bool_t directed, GError **error)
{
#if IGRAPH_VERSION_MAJOR == 0 && IGRAPH_VERSION_MINOR == 10
  if (!igraph_has_attribute_table() &&
      edges_sorted(edges, stride, n_edges, n, directed)) {
    if (!citynet_igraph_check(igraph_empty(graph, n, directed),
                              "building the graph", error))
      return FALSE;
    if (!citynet_igraph_check(fill_sorted(graph, edges, stride, n_edges),
                              "building the graph", error)) {
      igraph_destroy(graph);
      return FALSE;
    }
    return TRUE;
  }
#endif
  igraph_vector_int_t list;
  if (!citynet_igraph_check(igraph_vector_int_init(&list, 2 * (igraph_integer_t) n_edges),
                            "building the graph", error))
    return FALSE;
  for (gsize e = 0; e < n_edges; e++) {
    VECTOR(list)[2 * e] = END_A(edges, stride, e);
    VECTOR(list)[2 * e + 1] = END_B(edges, stride, e);
  }
  gboolean ok = citynet_igraph_check(igraph_create(graph, &list, n, directed),
                                     "building the graph", error);
  igraph_vector_int_destroy(&list);
  return ok;
}
