/* libcitynet - clustering on views (docs/analytics.md).
 *
 * Clustering is defined on simple undirected graphs, and igraph 0.10.2's
 * routines want exactly that (Barrat's refuses multigraphs and is wrong on
 * directed graphs with reciprocal edges), so every measure here runs on the
 * simple undirected collapse of the view (citynet_view_simple_undirected()):
 * one edge per adjacent pair, weights summed.
 *
 * Ego-network density is computed here rather than with igraph: on a
 * directed view it counts arcs among the alters, which no igraph routine
 * does directly. It enumerates each triangle of the collapse once with the
 * degree-ordered forward algorithm (Schank and Wagner 2005), O(m^1.5).
 */
#include <math.h>
#include <string.h>

#include "analytics-private.h"

gboolean
citynet_undefined_from_string(const char *text, CitynetUndefined *out,
                              GError **error)
{
  /* Same order as CitynetUndefined. */
  static const char *const names[] = { "nan", "zero", NULL };
  for (int i = 0; names[i] != NULL; i++) {
    if (text != NULL && g_ascii_strcasecmp(text, names[i]) == 0) {
      if (out != NULL)
        *out = (CitynetUndefined) i;
      return TRUE;
    }
  }
  g_set_error(error, CITYNET_ERROR, CITYNET_ERROR_INVALID_ARGUMENT,
              "unknown treatment of undefined values \"%s\" (expected one of:"
              " nan, zero)", text != NULL ? text : "");
  return FALSE;
}

static igraph_transitivity_mode_t
igraph_mode_of(CitynetUndefined undefined)
{
  return undefined == CITYNET_UNDEFINED_ZERO ? IGRAPH_TRANSITIVITY_ZERO
                                             : IGRAPH_TRANSITIVITY_NAN;
}

/* Runs a local coefficient on the collapse and returns the values of every
 * vertex (g_free), or NULL with a GError. */
static double *
local_coefficients(CitynetView *view, gboolean weighted,
                   CitynetUndefined undefined, GError **error)
{
  const gsize n = citynet_view_n_vertices(view);
  const char *what = weighted ? "Barrat's clustering" : "local clustering";
  double *values = NULL;
  igraph_t graph;
  igraph_vector_t weights, result;

  citynet_igraph_enter();
  if (!citynet_view_simple_undirected(view, &graph, &weights, error)) {
    citynet_igraph_leave();
    return NULL;
  }
  gboolean ok = !weighted || citynet_check_weights(&weights, what, error);
  ok = ok && citynet_igraph_check(igraph_vector_init(&result, 0), what, error);
  if (ok) {
    if (weighted)
      ok = citynet_igraph_check(
        igraph_transitivity_barrat(&graph, &result, igraph_vss_all(), &weights,
                                   igraph_mode_of(undefined)),
        what, error);
    else
      ok = citynet_igraph_check(
        igraph_transitivity_local_undirected(&graph, &result, igraph_vss_all(),
                                             igraph_mode_of(undefined)),
        what, error);
    if (ok) {
      values = g_new(double, n > 0 ? n : 1);
      for (gsize v = 0; v < n; v++)
        values[v] = VECTOR(result)[v];
    }
    igraph_vector_destroy(&result);
  }
  igraph_vector_destroy(&weights);
  igraph_destroy(&graph);
  citynet_igraph_leave();
  return values;
}

CitynetScores *
citynet_clustering_local(CitynetView *view, CitynetUndefined undefined,
                         GError **error)
{
  g_return_val_if_fail(view != NULL, NULL);
  double *values = local_coefficients(view, FALSE, undefined, error);
  if (values == NULL)
    return NULL;
  return citynet_scores_new_take(view, "clustering", NULL, values,
                                 citynet_view_n_vertices(view));
}

CitynetScores *
citynet_clustering_barrat(CitynetView *view, CitynetUndefined undefined,
                          GError **error)
{
  g_return_val_if_fail(view != NULL, NULL);
  double *values = local_coefficients(view, TRUE, undefined, error);
  if (values == NULL)
    return NULL;
  return citynet_scores_new_take(view, "barrat", NULL, values,
                                 citynet_view_n_vertices(view));
}

gboolean
citynet_clustering_average(CitynetView *view, gboolean weighted,
                           CitynetUndefined undefined, double *result,
                           GError **error)
{
  g_return_val_if_fail(view != NULL && result != NULL, FALSE);
  const gsize n = citynet_view_n_vertices(view);
  double *values = local_coefficients(view, weighted, undefined, error);
  if (values == NULL)
    return FALSE;
  /* In vertex order, so the sum is the same on every run. NaN marks the
   * undefined vertices in CITYNET_UNDEFINED_NAN mode; in ZERO mode igraph
   * already wrote 0 for them. */
  double sum = 0.0;
  gsize count = 0;
  for (gsize v = 0; v < n; v++) {
    if (isnan(values[v]))
      continue;
    sum += values[v];
    count++;
  }
  g_free(values);
  *result = count > 0 ? sum / (double) count : NAN;
  return TRUE;
}

gboolean
citynet_clustering_global(CitynetView *view, double *result, GError **error)
{
  g_return_val_if_fail(view != NULL && result != NULL, FALSE);
  igraph_t graph;
  igraph_vector_t weights;
  igraph_real_t value;

  citynet_igraph_enter();
  if (!citynet_view_simple_undirected(view, &graph, &weights, error)) {
    citynet_igraph_leave();
    return FALSE;
  }
  gboolean ok = citynet_igraph_check(
    igraph_transitivity_undirected(&graph, &value, IGRAPH_TRANSITIVITY_NAN),
    "global transitivity", error);
  igraph_vector_destroy(&weights);
  igraph_destroy(&graph);
  citynet_igraph_leave();
  if (ok)
    *result = value;
  return ok;
}

/* ------------------------------------------------------------------------ */
/* Ego-network density                                                      */
/* ------------------------------------------------------------------------ */

/* The collapse oriented from lower to higher (degree, index) rank: each
 * vertex's forward neighbours with the number of arcs (1 or 2) of the
 * pair. */
typedef struct {
  gsize *offsets;      /* n + 1 */
  guint32 *targets;
  guint8 *arcs;
} Forward;

static void
forward_init(Forward *fwd, const CitynetPair *pairs, gsize n_pairs, gsize n,
             const gsize *degree, gboolean directed)
{
  fwd->offsets = g_new0(gsize, n + 1);
  fwd->targets = g_new(guint32, n_pairs > 0 ? n_pairs : 1);
  fwd->arcs = g_new(guint8, n_pairs > 0 ? n_pairs : 1);

#define RANK_BEFORE(x, y) (degree[x] < degree[y] || (degree[x] == degree[y] && (x) < (y)))
  for (gsize i = 0; i < n_pairs; i++) {
    guint32 low = RANK_BEFORE(pairs[i].a, pairs[i].b) ? pairs[i].a : pairs[i].b;
    fwd->offsets[low + 1]++;
  }
  for (gsize v = 0; v < n; v++)
    fwd->offsets[v + 1] += fwd->offsets[v];
  gsize *fill = g_memdup2(fwd->offsets, (n + 1) * sizeof *fill);
  for (gsize i = 0; i < n_pairs; i++) {
    gboolean a_first = RANK_BEFORE(pairs[i].a, pairs[i].b);
    guint32 low = a_first ? pairs[i].a : pairs[i].b;
    guint32 high = a_first ? pairs[i].b : pairs[i].a;
    gsize slot = fill[low]++;
    fwd->targets[slot] = high;
    /* An undirected view's pair is one edge; a directed view's pair has
     * one arc or two (both directions). */
    fwd->arcs[slot] = (guint8) (!directed ? 1
                                : pairs[i].directions == 3u ? 2 : 1);
  }
#undef RANK_BEFORE
  g_free(fill);
}

static void
forward_clear(Forward *fwd)
{
  g_free(fwd->offsets);
  g_free(fwd->targets);
  g_free(fwd->arcs);
}

/* For every vertex v, the number of edges (undirected view) or arcs
 * (directed view) between pairs of v's neighbours: each triangle {u, v, w}
 * adds to every corner the arc count of the opposite pair. */
static guint64 *
ties_among_alters(const Forward *fwd, gsize n)
{
  guint64 *ties = g_new0(guint64, n > 0 ? n : 1);
  guint8 *mark = g_new0(guint8, n > 0 ? n : 1);
  for (gsize u = 0; u < n; u++) {
    for (gsize i = fwd->offsets[u]; i < fwd->offsets[u + 1]; i++)
      mark[fwd->targets[i]] = fwd->arcs[i];
    for (gsize i = fwd->offsets[u]; i < fwd->offsets[u + 1]; i++) {
      guint32 v = fwd->targets[i];
      for (gsize j = fwd->offsets[v]; j < fwd->offsets[v + 1]; j++) {
        guint32 w = fwd->targets[j];
        if (mark[w] == 0)
          continue;
        ties[u] += fwd->arcs[j];   /* v-w, opposite u */
        ties[v] += mark[w];        /* u-w, opposite v */
        ties[w] += fwd->arcs[i];   /* u-v, opposite w */
      }
    }
    for (gsize i = fwd->offsets[u]; i < fwd->offsets[u + 1]; i++)
      mark[fwd->targets[i]] = 0;
  }
  g_free(mark);
  return ties;
}

CitynetScores *
citynet_clustering_ego_density(CitynetView *view, CitynetUndefined undefined,
                               GError **error)
{
  g_return_val_if_fail(view != NULL, NULL);
  const gsize n = citynet_view_n_vertices(view);
  const gboolean directed = citynet_view_is_directed(view);
  gsize n_pairs;
  CitynetPair *pairs = citynet_view_collapse_pairs(view, &n_pairs);

  gsize *degree = g_new0(gsize, n > 0 ? n : 1);
  for (gsize i = 0; i < n_pairs; i++) {
    degree[pairs[i].a]++;
    degree[pairs[i].b]++;
  }
  Forward fwd;
  forward_init(&fwd, pairs, n_pairs, n, degree, directed);
  g_free(pairs);
  guint64 *ties = ties_among_alters(&fwd, n);
  forward_clear(&fwd);

  double *values = g_new(double, n > 0 ? n : 1);
  for (gsize v = 0; v < n; v++) {
    double k = (double) degree[v];
    if (degree[v] < 2)
      values[v] = undefined == CITYNET_UNDEFINED_ZERO ? 0.0 : NAN;
    else
      values[v] = (double) ties[v] / (directed ? k * (k - 1.0)
                                               : k * (k - 1.0) / 2.0);
  }
  g_free(ties);
  g_free(degree);
  return citynet_scores_new_take(view, "ego_density", NULL, values, n);
}
