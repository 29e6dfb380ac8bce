/* libcitynet - betweenness between two blocs: the shortest paths from the
 * nodes of bloc A to those of bloc B that run through each node
 * (docs/ego.md).
 *
 * igraph 0.10's igraph_betweenness_subset() runs Brandes' algorithm from
 * the sources only and accumulates dependencies only for targets, which is
 * exactly the measure. It halves its sums when it reads the graph as
 * undirected (so that sources = targets = all gives ordinary betweenness);
 * we undo that, because a pair (s, t) with s in A and t in B is one pair
 * of blocs whichever way the path is read. The lengths follow the
 * centrality module's rule (CitynetLength).
 */
#include <math.h>
#include <string.h>

#include "ego-private.h"
#include "progress-private.h"

/* igraph_betweenness_subset()'s progress label (CitynetProgressFunc). */
#define BLOC_PROGRESS "Betweenness centrality (subset): "

/* Marks the view vertices of @nodes in @mask (repeats allowed); fails
 * with CITYNET_ERROR_NOT_FOUND naming a node outside the view. Returns the
 * number of distinct vertices marked. */
static gboolean
bloc_mark(const CitynetView *view, const gsize *nodes, gsize n, guint8 *mask,
          const char *what, gsize *count, GError **error)
{
  const CitynetNetwork *network = citynet_view_get_network(view);
  *count = 0;
  for (gsize i = 0; i < n; i++) {
    gssize v = citynet_view_node_vertex(view, nodes[i]);
    if (v < 0) {
      if (nodes[i] < citynet_network_n_nodes(network))
        g_set_error(error, CITYNET_ERROR, CITYNET_ERROR_NOT_FOUND,
                    "%s node \"%s\" is not in the view", what,
                    citynet_network_node_id(network, nodes[i]));
      else
        g_set_error(error, CITYNET_ERROR, CITYNET_ERROR_NOT_FOUND,
                    "%s node index %" G_GSIZE_FORMAT " does not exist", what,
                    nodes[i]);
      return FALSE;
    }
    if (!mask[v]) {
      mask[v] = 1;
      (*count)++;
    }
  }
  return TRUE;
}

/* An igraph vector of the vertices set in @mask. */
static gboolean
bloc_vector(const guint8 *mask, gsize n, igraph_vector_int_t *out,
            GError **error)
{
  if (!citynet_igraph_check(igraph_vector_int_init(out, 0), "bloc betweenness",
                            error))
    return FALSE;
  for (gsize v = 0; v < n; v++) {
    if (mask[v] &&
        !citynet_igraph_check(igraph_vector_int_push_back(out, (igraph_integer_t) v),
                              "bloc betweenness", error)) {
      igraph_vector_int_destroy(out);
      return FALSE;
    }
  }
  return TRUE;
}

typedef struct {
  CitynetView *view;
  const guint8 *is_source;
  const guint8 *is_target;
  const guint32 *subset;      /* NULL = every vertex */
  gsize n_subset;
  gboolean directed;          /* follow arcs */
  gboolean use_lengths;
  CitynetLength length;
} BlocJob;

/* The lengths of the view's edges per the length rule. */
static gboolean
bloc_lengths(const BlocJob *job, const igraph_vector_t *weights,
             igraph_vector_t *lengths, GError **error)
{
  if (!citynet_check_weights(weights, "bloc betweenness", error) ||
      !citynet_igraph_check(igraph_vector_init_copy(lengths, weights),
                            "bloc betweenness", error))
    return FALSE;
  if (job->length == CITYNET_LENGTH_INVERSE) {
    for (igraph_integer_t e = 0; e < igraph_vector_size(lengths); e++)
      VECTOR(*lengths)[e] = 1.0 / VECTOR(*lengths)[e];
    if (!citynet_check_weights(lengths, "bloc betweenness", error)) {
      igraph_vector_destroy(lengths);
      return FALSE;
    }
  }
  return TRUE;
}

/* The selected vertices as an igraph vector (@subset of @n). */
static gboolean
bloc_subset_vector(const guint32 *subset, gsize n, igraph_vector_int_t *out,
                   GError **error)
{
  if (!citynet_igraph_check(igraph_vector_int_init(out, (igraph_integer_t) n),
                            "bloc betweenness", error))
    return FALSE;
  for (gsize i = 0; i < n; i++)
    VECTOR(*out)[i] = subset[i];
  return TRUE;
}

/* Runs igraph inside the lock; @values receives one value per entry. */
static gboolean
bloc_igraph(const BlocJob *job, double *values, GError **error)
{
  const gsize n = citynet_view_n_vertices(job->view);
  const igraph_t *graph = citynet_view_graph(job->view, error);
  const igraph_vector_t *weights = graph != NULL ? citynet_view_weights(job->view, error)
                                                 : NULL;
  if (weights == NULL)
    return FALSE;

  igraph_vector_t lengths, result;
  igraph_vector_int_t sources, targets, subset;
  gboolean have_lengths = FALSE, have_sources = FALSE, have_targets = FALSE;
  gboolean have_subset = FALSE, have_result = FALSE;
  gboolean ok =
    (!job->use_lengths ||
     (have_lengths = bloc_lengths(job, weights, &lengths, error))) &&
    (have_sources = bloc_vector(job->is_source, n, &sources, error)) &&
    (have_targets = bloc_vector(job->is_target, n, &targets, error)) &&
    (job->subset == NULL ||
     (have_subset = bloc_subset_vector(job->subset, job->n_subset, &subset, error))) &&
    (have_result = citynet_igraph_check(igraph_vector_init(&result, 0),
                                        "bloc betweenness", error)) &&
    citynet_igraph_check(
      igraph_betweenness_subset(graph, &result,
                                have_subset ? igraph_vss_vector(&subset) : igraph_vss_all(),
                                job->directed, igraph_vss_vector(&sources),
                                igraph_vss_vector(&targets),
                                have_lengths ? &lengths : NULL),
      "bloc betweenness", error);
  if (ok) {
    const gsize n_values = job->subset != NULL ? job->n_subset : n;
    for (gsize i = 0; i < n_values; i++)
      values[i] = VECTOR(result)[i];
  }
  if (have_result)
    igraph_vector_destroy(&result);
  if (have_subset)
    igraph_vector_int_destroy(&subset);
  if (have_targets)
    igraph_vector_int_destroy(&targets);
  if (have_sources)
    igraph_vector_int_destroy(&sources);
  if (have_lengths)
    igraph_vector_destroy(&lengths);
  return ok;
}

CitynetScores *
citynet_bloc_betweenness(CitynetView *view, const gsize *sources,
                         gsize n_sources, const gsize *targets, gsize n_targets,
                         const CitynetCentralityOptions *options,
                         GError **error)
{
  g_return_val_if_fail(view != NULL, NULL);
  g_return_val_if_fail(sources != NULL || n_sources == 0, NULL);
  g_return_val_if_fail(targets != NULL || n_targets == 0, NULL);

  CitynetMode mode;
  CitynetLength length;
  gboolean weighted, normalized;
  double cutoff;
  const gsize *nodes;
  gsize n_nodes;
  citynet_centrality_options_get_paths(options, &mode, &length, &weighted,
                                       &normalized, &cutoff, &nodes, &n_nodes);
  if (cutoff >= 0) {
    g_set_error_literal(error, CITYNET_ERROR, CITYNET_ERROR_INVALID_ARGUMENT,
                        "bloc betweenness has no path length cutoff "
                        "(igraph_betweenness_subset() offers none)");
    return NULL;
  }

  const gsize n = citynet_view_n_vertices(view);
  guint8 *is_source = g_new0(guint8, n > 0 ? n : 1);
  guint8 *is_target = g_new0(guint8, n > 0 ? n : 1);
  guint32 *subset = NULL;
  double *values = NULL;
  gsize n_a, n_b;
  if (!bloc_mark(view, sources, n_sources, is_source, "source", &n_a, error) ||
      !bloc_mark(view, targets, n_targets, is_target, "target", &n_b, error))
    goto fail;
  if (n_nodes > 0) {
    subset = citynet_view_vertices_of_nodes(view, nodes, n_nodes, "node", error);
    if (subset == NULL)
      goto fail;
  }

  gsize both = 0;
  for (gsize v = 0; v < n; v++)
    both += is_source[v] && is_target[v];
  BlocJob job = {
    .view = view,
    .is_source = is_source,
    .is_target = is_target,
    .subset = subset,
    .n_subset = n_nodes,
    .directed = citynet_view_is_directed(view) && mode != CITYNET_MODE_ALL,
    .use_lengths = weighted && length != CITYNET_LENGTH_UNIT,
    .length = length,
  };
  const gsize n_values = subset != NULL ? n_nodes : n;
  values = g_new(double, n_values > 0 ? n_values : 1);
  citynet_igraph_enter();
  gboolean ok = bloc_igraph(&job, values, error);
  citynet_igraph_leave();
  if (!ok)
    goto fail;
  /* igraph reports each source before its search but not the end: the
   * last report, 1, is ours, under igraph's label. */
  if (!citynet_progress_report(BLOC_PROGRESS, 1.0)) {
    citynet_progress_set_cancelled(error, "bloc betweenness");
    goto fail;
  }

  /* Undo igraph's halving on an undirected reading (see the top), then
   * divide by the number of ordered (source, target) pairs. */
  const double pairs = (double) n_a * (double) n_b - (double) both;
  const double scale = (job.directed ? 1.0 : 2.0) /
                       (normalized && pairs > 0 ? pairs : 1.0);
  for (gsize i = 0; i < n_values; i++)
    values[i] *= scale;
  g_free(is_source);
  g_free(is_target);
  return citynet_scores_new_take(view, "bloc_betweenness", subset, values,
                                 n_values);

fail:
  g_free(values);
  g_free(subset);
  g_free(is_source);
  g_free(is_target);
  return NULL;
}
