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
 * A view's graph (citynet_igraph_create_sorted_big()) puts its four
 * edge-sized vectors in citynet_big_alloc() memory (huge pages, see
 * view-memory.c) instead of igraph's malloc(): on a virtual machine the
 * page faults of ~23 MB of fresh memory cost more than building the graph.
 * igraph never reallocates the vectors of a graph nobody modifies, and
 * citynet_igraph_destroy_big() takes them back before igraph_destroy().
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

#if IGRAPH_VERSION_MAJOR == 0 && IGRAPH_VERSION_MINOR == 10

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

/* Replaces the (empty) storage of @v by @size elements of
 * citynet_big_alloc() memory. */
static void
vector_int_adopt_big(igraph_vector_int_t *v, igraph_integer_t size)
{
  igraph_vector_int_destroy(v);
  v->stor_begin = citynet_big_alloc((gsize) size * sizeof *v->stor_begin);
  v->stor_end = v->end = v->stor_begin + size;
}

/* Frees big storage of @v and leaves it empty for igraph_destroy(). */
static void
vector_int_release_big(igraph_vector_int_t *v)
{
  citynet_big_free(v->stor_begin);
  v->stor_begin = v->stor_end = v->end = NULL;
}

/* Reverses the ids of the run [start, end) of parallel edges into @same:
 * igraph lists parallel edges by descending id. */
static inline void
reverse_run(igraph_vector_int_t *same, igraph_integer_t start,
            igraph_integer_t end)
{
  for (igraph_integer_t k = start; k < end; k++)
    VECTOR(*same)[k] = end - 1 - (k - start);
}

/* The fast path; the graph is freshly made by igraph_empty(). With @big,
 * the four edge-sized vectors live in citynet_big_alloc() memory. With
 * @weights (already sized), the double at @weight_offset of each record
 * is copied there. Sets *@sorted to FALSE (leaving the graph to be
 * destroyed) if the input is not sorted as promised: the check is part of
 * the one pass over the input that also writes from/to, counts the start
 * vectors and lays out the index in input order. */
static igraph_error_t
fill_sorted(igraph_t *graph, const void *edges, gsize stride, gsize n_edges,
            gboolean big, gsize weight_offset, igraph_vector_t *weights,
            gboolean *sorted)
{
  const igraph_integer_t n = graph->n;
  const igraph_integer_t m = (igraph_integer_t) n_edges;
  const igraph_bool_t directed = graph->directed;

  if (big) {
    vector_int_adopt_big(&graph->from, m);
    vector_int_adopt_big(&graph->to, m);
    vector_int_adopt_big(&graph->oi, m);
    vector_int_adopt_big(&graph->ii, m);
  } else {
    IGRAPH_CHECK(igraph_vector_int_resize(&graph->from, m));
    IGRAPH_CHECK(igraph_vector_int_resize(&graph->to, m));
    IGRAPH_CHECK(igraph_vector_int_resize(&graph->oi, m));
    IGRAPH_CHECK(igraph_vector_int_resize(&graph->ii, m));
  }
  igraph_vector_int_null(&graph->os);
  igraph_vector_int_null(&graph->is);

  /* The input is sorted by (a, b): for a directed graph that is oi's order
   * (from, to); for an undirected one ii's (to, from). That index is the
   * ids in input order with each run of parallel edges reversed; the other
   * index is one stable counting pass over it, bucketing by the other key,
   * which keeps (other key, key, descending id). */
  igraph_vector_int_t *same = directed ? &graph->oi : &graph->ii;
  igraph_vector_int_t *other = directed ? &graph->ii : &graph->oi;
  const igraph_vector_int_t *other_key = directed ? &graph->to : &graph->from;
  const igraph_vector_int_t *other_start = directed ? &graph->is : &graph->os;

  *sorted = TRUE;
  igraph_integer_t pa = -1, pb = -1, run = 0;
  for (igraph_integer_t e = 0; e < m; e++) {
    const char *rec = (const char *) edges + (gsize) e * stride;
    igraph_integer_t a = END_A(edges, stride, e), b = END_B(edges, stride, e);
    if (a >= n || b >= n || (!directed && a >= b) ||
        pa > a || (pa == a && pb > b)) {
      *sorted = FALSE;
      return IGRAPH_SUCCESS;
    }
    if (a != pa || b != pb) {
      reverse_run(same, run, e);
      run = e;
    }
    pa = a;
    pb = b;
    /* An undirected edge is stored as (larger, smaller). */
    const igraph_integer_t from = directed ? a : b, to = directed ? b : a;
    VECTOR(graph->from)[e] = from;
    VECTOR(graph->to)[e] = to;
    VECTOR(graph->os)[from + 1]++;
    VECTOR(graph->is)[to + 1]++;
    if (weights != NULL)
      memcpy(&VECTOR(*weights)[e], rec + weight_offset, sizeof(double));
  }
  reverse_run(same, run, m);
  for (igraph_integer_t v = 0; v < n; v++) {
    VECTOR(graph->os)[v + 1] += VECTOR(graph->os)[v];
    VECTOR(graph->is)[v + 1] += VECTOR(graph->is)[v];
  }

  igraph_integer_t *fill = g_new(igraph_integer_t, n > 0 ? n : 1);
  memcpy(fill, VECTOR(*other_start), (size_t) n * sizeof *fill);
  counting_index(other, same, other_key, fill);
  g_free(fill);

  igraph_invalidate_cache(graph);
  return IGRAPH_SUCCESS;
}

#endif /* igraph 0.10 */

/* citynet_igraph_create_sorted(), with big storage when @big is non-NULL
 * and the fast path applies (*big then says whether it did), and with
 * @weights (when non-NULL) made in big memory from the double at
 * @weight_offset of each record. */
static gboolean
create_sorted(igraph_t *graph, const void *edges, gsize stride, gsize n_edges,
              igraph_integer_t n, igraph_bool_t directed, gsize weight_offset,
              igraph_vector_t *weights, gboolean *big, GError **error)
{
  if (big != NULL)
    *big = FALSE;
  if (weights != NULL)
    citynet_igraph_vector_init_big(weights, (igraph_integer_t) n_edges);
#if IGRAPH_VERSION_MAJOR == 0 && IGRAPH_VERSION_MINOR == 10
  if (!igraph_has_attribute_table()) {
    if (!citynet_igraph_check(igraph_empty(graph, n, directed),
                              "building the graph", error))
      goto fail;
    /* An empty graph keeps igraph's own (tiny) vectors. */
    const gboolean use_big = big != NULL && n_edges > 0;
    gboolean sorted;
    if (!citynet_igraph_check(fill_sorted(graph, edges, stride, n_edges,
                                          use_big, weight_offset, weights,
                                          &sorted),
                              "building the graph", error)) {
      citynet_igraph_destroy_big(graph, use_big);
      goto fail;
    }
    if (sorted) {
      if (big != NULL)
        *big = use_big;
      return TRUE;
    }
    citynet_igraph_destroy_big(graph, use_big);
  }
#endif
  igraph_vector_int_t list;
  if (!citynet_igraph_check(igraph_vector_int_init(&list, 2 * (igraph_integer_t) n_edges),
                            "building the graph", error))
    goto fail;
  for (gsize e = 0; e < n_edges; e++) {
    VECTOR(list)[2 * e] = END_A(edges, stride, e);
    VECTOR(list)[2 * e + 1] = END_B(edges, stride, e);
    if (weights != NULL)
      memcpy(&VECTOR(*weights)[e],
             (const char *) edges + e * stride + weight_offset, sizeof(double));
  }
  gboolean ok = citynet_igraph_check(igraph_create(graph, &list, n, directed),
                                     "building the graph", error);
  igraph_vector_int_destroy(&list);
  if (ok)
    return TRUE;

fail:
  if (weights != NULL)
    citynet_igraph_vector_destroy_big(weights);
  return FALSE;
}

gboolean
citynet_igraph_create_sorted(igraph_t *graph, const void *edges, gsize stride,
                             gsize n_edges, igraph_integer_t n,
                             igraph_bool_t directed, GError **error)
{
  return create_sorted(graph, edges, stride, n_edges, n, directed, 0, NULL,
                       NULL, error);
}

gboolean
citynet_igraph_create_sorted_big(igraph_t *graph, const void *edges,
                                 gsize stride, gsize n_edges,
                                 igraph_integer_t n, igraph_bool_t directed,
                                 gsize weight_offset, igraph_vector_t *weights,
                                 gboolean *big, GError **error)
{
  return create_sorted(graph, edges, stride, n_edges, n, directed,
                       weight_offset, weights, big, error);
}

void
citynet_igraph_destroy_big(igraph_t *graph, gboolean big)
{
#if IGRAPH_VERSION_MAJOR == 0 && IGRAPH_VERSION_MINOR == 10
  if (big) {
    /* igraph_destroy() would free() these; they are ours to unmap. */
    vector_int_release_big(&graph->from);
    vector_int_release_big(&graph->to);
    vector_int_release_big(&graph->oi);
    vector_int_release_big(&graph->ii);
  }
#else
  g_assert(!big);
#endif
  igraph_destroy(graph);
}

void
citynet_igraph_vector_init_big(igraph_vector_t *v, igraph_integer_t size)
{
  v->stor_begin = citynet_big_alloc((gsize) MAX(size, 1) * sizeof *v->stor_begin);
  v->stor_end = v->stor_begin + MAX(size, 1);
  v->end = v->stor_begin + size;
}

void
citynet_igraph_vector_destroy_big(igraph_vector_t *v)
{
  citynet_big_free(v->stor_begin);
  v->stor_begin = v->stor_end = v->end = NULL;
}
