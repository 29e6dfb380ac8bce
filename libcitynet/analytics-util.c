/* libcitynet - graph helpers shared by the analytics modules: node lists to
 * vertices, weight checks, and the simple undirected collapse of a view
 * (see analytics-private.h). */
#include <math.h>
#include <string.h>

#include "analytics-private.h"

guint32 *
citynet_view_vertices_of_nodes(const CitynetView *view, const gsize *nodes,
                               gsize n, const char *what, GError **error)
{
  const CitynetNetwork *network = citynet_view_get_network(view);
  const gsize n_vertices = citynet_view_n_vertices(view);
  guint32 *vertices = g_new(guint32, n > 0 ? n : 1);
  guint8 *seen = g_new0(guint8, n_vertices > 0 ? n_vertices : 1);

  for (gsize i = 0; i < n; i++) {
    gssize vertex = citynet_view_node_vertex(view, nodes[i]);
    if (vertex < 0) {
      if (nodes[i] < citynet_network_n_nodes(network))
        g_set_error(error, CITYNET_ERROR, CITYNET_ERROR_NOT_FOUND,
                    "%s \"%s\" is not in the view", what,
                    citynet_network_node_id(network, nodes[i]));
      else
        g_set_error(error, CITYNET_ERROR, CITYNET_ERROR_NOT_FOUND,
                    "%s index %" G_GSIZE_FORMAT " does not exist (the network"
                    " has %" G_GSIZE_FORMAT " nodes)", what, nodes[i],
                    citynet_network_n_nodes(network));
      goto fail;
    }
    if (seen[vertex]) {
      g_set_error(error, CITYNET_ERROR, CITYNET_ERROR_INVALID_ARGUMENT,
                  "%s \"%s\" is listed twice", what,
                  citynet_network_node_id(network, nodes[i]));
      goto fail;
    }
    seen[vertex] = 1;
    vertices[i] = (guint32) vertex;
  }
  g_free(seen);
  return vertices;

fail:
  g_free(seen);
  g_free(vertices);
  return NULL;
}

gboolean
citynet_check_weights(const igraph_vector_t *weights, const char *what,
                      GError **error)
{
  const igraph_integer_t m = igraph_vector_size(weights);
  for (igraph_integer_t e = 0; e < m; e++) {
    double w = VECTOR(*weights)[e];
    if (!(isfinite(w) && w > 0)) {
      g_set_error(error, CITYNET_ERROR, CITYNET_ERROR_INVALID_ARGUMENT,
                  "%s needs finite positive weights, but edge %" G_GINT64_FORMAT
                  " weighs %g", what, (gint64) e, w);
      return FALSE;
    }
  }
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* The simple undirected collapse                                           */
/* ------------------------------------------------------------------------ */

/* Stable counting sort of @in into @out by a (by_a) or b. */
static void
pairs_counting_sort(const CitynetPair *in, CitynetPair *out, gsize n_pairs,
                    gsize n, gboolean by_a)
{
  gsize *counts = g_new0(gsize, n + 1);
  for (gsize i = 0; i < n_pairs; i++)
    counts[(by_a ? in[i].a : in[i].b) + 1]++;
  for (gsize v = 0; v < n; v++)
    counts[v + 1] += counts[v];
  for (gsize i = 0; i < n_pairs; i++)
    out[counts[by_a ? in[i].a : in[i].b]++] = in[i];
  g_free(counts);
}

CitynetPair *
citynet_view_collapse_pairs(const CitynetView *view, gsize *n_pairs)
{
  const gsize n = citynet_view_n_vertices(view);
  const gsize m = citynet_view_n_edges(view);
  const gboolean directed = citynet_view_is_directed(view);
  CitynetPair *pairs = g_new(CitynetPair, m > 0 ? m : 1);
  for (gsize e = 0; e < m; e++) {
    gsize from, to;
    double w = citynet_view_edge(view, e, &from, &to);
    guint32 directions = !directed ? 3u : from < to ? 1u : 2u;
    pairs[e] = (CitynetPair) { (guint32) MIN(from, to), (guint32) MAX(from, to),
                               directions, w };
  }

  /* LSD radix sort by (a, b): equal pairs keep view edge order, so the
   * weight sums below are the same on every run. */
  CitynetPair *scratch = g_new(CitynetPair, m > 0 ? m : 1);
  pairs_counting_sort(pairs, scratch, m, n, FALSE);
  pairs_counting_sort(scratch, pairs, m, n, TRUE);
  g_free(scratch);

  gsize count = 0;
  for (gsize i = 0; i < m;) {
    CitynetPair merged = pairs[i];
    gsize j = i + 1;
    for (; j < m && pairs[j].a == merged.a && pairs[j].b == merged.b; j++) {
      merged.weight += pairs[j].weight;
      merged.directions |= pairs[j].directions;
    }
    pairs[count++] = merged;
    i = j;
  }
  *n_pairs = count;
  return pairs;
}

gboolean
citynet_view_simple_undirected(const CitynetView *view, igraph_t *graph,
                               igraph_vector_t *weights, GError **error)
{
  const gsize n = citynet_view_n_vertices(view);
  gsize n_pairs;
  CitynetPair *pairs = citynet_view_collapse_pairs(view, &n_pairs);

  G_STATIC_ASSERT(G_STRUCT_OFFSET(CitynetPair, a) == 0 &&
                  G_STRUCT_OFFSET(CitynetPair, b) == sizeof(guint32));
  gboolean ok = citynet_igraph_create_sorted(graph, pairs, sizeof *pairs, n_pairs,
                                             (igraph_integer_t) n,
                                             IGRAPH_UNDIRECTED, error);
  if (ok) {
    ok = citynet_igraph_check(igraph_vector_init(weights, (igraph_integer_t) n_pairs),
                              "collapsing the view", error);
    if (ok) {
      for (gsize e = 0; e < n_pairs; e++)
        VECTOR(*weights)[e] = pairs[e].weight;
    } else {
      igraph_destroy(graph);
    }
  }
  g_free(pairs);
  return ok;
}
