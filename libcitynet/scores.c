/* libcitynet - CitynetScores: one measure's value per view vertex, ranked.
 *
 * The values are written once, when the measure is computed; the ranking
 * is computed on first use (g_once), because many callers only want the
 * values and a 50k-vertex sort would be a measurable share of a PageRank
 * run. The ordering is total (value descending, NaN last, then network
 * node ascending), so ranks and orders never depend on the sort routine.
 */
#include <math.h>
#include <string.h>

#include "analytics-private.h"

struct _CitynetScores {
  CitynetView *view;      /* owned reference */
  char *measure;
  gsize n;
  guint32 *vertices;      /* entry -> view vertex; NULL = identity */
  gint32 *entry_of_vertex;/* vertex -> entry, -1 = none; NULL = identity */
  double *values;

  gsize ranked;           /* g_once flag guarding ranks and order */
  gsize *ranks;
  gsize *order;
};

CitynetScores *
citynet_scores_new_take(CitynetView *view, const char *measure,
                        guint32 *vertices, double *values, gsize n)
{
  CitynetScores *scores = g_new0(CitynetScores, 1);
  scores->view = citynet_view_ref(view);
  scores->measure = g_strdup(measure);
  scores->n = n;
  scores->vertices = vertices;
  scores->values = values != NULL ? values : g_new0(double, 1);
  if (vertices != NULL) {
    const gsize n_vertices = citynet_view_n_vertices(view);
    scores->entry_of_vertex = g_new(gint32, n_vertices > 0 ? n_vertices : 1);
    for (gsize v = 0; v < n_vertices; v++)
      scores->entry_of_vertex[v] = -1;
    for (gsize i = 0; i < n; i++)
      scores->entry_of_vertex[vertices[i]] = (gint32) i;
  }
  return scores;
}

CitynetScores *
citynet_scores_new(CitynetView *view, const char *measure, const gsize *nodes,
                   const double *values, gsize n, GError **error)
{
  g_return_val_if_fail(view != NULL, NULL);
  g_return_val_if_fail(values != NULL || n == 0, NULL);
  if (measure == NULL || *measure == '\0' ||
      !g_utf8_validate(measure, -1, NULL)) {
    g_set_error_literal(error, CITYNET_ERROR, CITYNET_ERROR_INVALID_ARGUMENT,
                        "a measure needs a non-empty UTF-8 name");
    return NULL;
  }
  guint32 *vertices = NULL;
  if (nodes != NULL) {
    vertices = citynet_view_vertices_of_nodes(view, nodes, n, "node", error);
    if (vertices == NULL)
      return NULL;
  } else if (n != citynet_view_n_vertices(view)) {
    g_set_error(error, CITYNET_ERROR, CITYNET_ERROR_INVALID_ARGUMENT,
                "%" G_GSIZE_FORMAT " values for a view of %" G_GSIZE_FORMAT
                " vertices", n, citynet_view_n_vertices(view));
    return NULL;
  }
  double *copy = g_new(double, n > 0 ? n : 1);
  if (n > 0)
    memcpy(copy, values, n * sizeof *copy);
  return citynet_scores_new_take(view, measure, vertices, copy, n);
}

void
citynet_scores_free(CitynetScores *scores)
{
  if (scores == NULL)
    return;
  citynet_view_unref(scores->view);
  g_free(scores->measure);
  g_free(scores->vertices);
  g_free(scores->entry_of_vertex);
  g_free(scores->values);
  g_free(scores->ranks);
  g_free(scores->order);
  g_free(scores);
}

gsize
citynet_scores_n(const CitynetScores *scores)
{
  g_return_val_if_fail(scores != NULL, 0);
  return scores->n;
}

const char *
citynet_scores_measure(const CitynetScores *scores)
{
  g_return_val_if_fail(scores != NULL, NULL);
  return scores->measure;
}

CitynetView *
citynet_scores_get_view(const CitynetScores *scores)
{
  g_return_val_if_fail(scores != NULL, NULL);
  return scores->view;
}

gsize
citynet_scores_vertex(const CitynetScores *scores, gsize i)
{
  g_return_val_if_fail(scores != NULL && i < scores->n, 0);
  return scores->vertices != NULL ? scores->vertices[i] : i;
}

gsize
citynet_scores_node(const CitynetScores *scores, gsize i)
{
  g_return_val_if_fail(scores != NULL && i < scores->n, 0);
  return citynet_view_vertex_node(scores->view,
                                  citynet_scores_vertex(scores, i));
}

double
citynet_scores_value(const CitynetScores *scores, gsize i)
{
  g_return_val_if_fail(scores != NULL && i < scores->n, NAN);
  return scores->values[i];
}

const double *
citynet_scores_values(const CitynetScores *scores, gsize *n)
{
  g_return_val_if_fail(scores != NULL, NULL);
  if (n != NULL)
    *n = scores->n;
  return scores->values;
}

gssize
citynet_scores_find(const CitynetScores *scores, gsize node)
{
  g_return_val_if_fail(scores != NULL, -1);
  gssize vertex = citynet_view_node_vertex(scores->view, node);
  if (vertex < 0)
    return -1;
  if (scores->entry_of_vertex == NULL)
    return vertex;
  return scores->entry_of_vertex[vertex];
}

/* ------------------------------------------------------------------------ */
/* Ranking                                                                  */
/* ------------------------------------------------------------------------ */

/* Orders two values: the better (larger) first, NaN after every number,
 * equal values (and two NaNs) as 0. */
static int
compare_values(double a, double b)
{
  gboolean a_nan = isnan(a), b_nan = isnan(b);
  if (a_nan || b_nan)
    return a_nan - b_nan;
  return a > b ? -1 : a < b ? 1 : 0;
}

static int
compare_entries(gconstpointer pa, gconstpointer pb, gpointer data)
{
  const CitynetScores *scores = data;
  gsize a = *(const gsize *) pa, b = *(const gsize *) pb;
  int c = compare_values(scores->values[a], scores->values[b]);
  if (c != 0)
    return c;
  /* Entries are distinct vertices, and vertices number nodes in network
   * order, so this makes the order total. */
  gsize va = citynet_scores_vertex(scores, a), vb = citynet_scores_vertex(scores, b);
  return va < vb ? -1 : va > vb ? 1 : 0;
}

static void
citynet_scores_ensure_ranked(const CitynetScores *scores)
{
  CitynetScores *self = (CitynetScores *) scores; /* a cache: logically const */
  if (!g_once_init_enter(&self->ranked))
    return;
  const gsize n = self->n;
  self->order = g_new(gsize, n > 0 ? n : 1);
  self->ranks = g_new(gsize, n > 0 ? n : 1);
  for (gsize i = 0; i < n; i++)
    self->order[i] = i;
  g_qsort_with_data(self->order, (gint) n, sizeof *self->order,
                    compare_entries, self);
  for (gsize k = 0; k < n; k++) {
    gsize i = self->order[k];
    if (k > 0 && compare_values(self->values[self->order[k - 1]],
                                self->values[i]) == 0)
      self->ranks[i] = self->ranks[self->order[k - 1]];
    else
      self->ranks[i] = k + 1;
  }
  g_once_init_leave(&self->ranked, 1);
}

gsize
citynet_scores_rank(const CitynetScores *scores, gsize i)
{
  g_return_val_if_fail(scores != NULL && i < scores->n, 0);
  citynet_scores_ensure_ranked(scores);
  return scores->ranks[i];
}

gsize
citynet_scores_order(const CitynetScores *scores, gsize k)
{
  g_return_val_if_fail(scores != NULL && k < scores->n, 0);
  citynet_scores_ensure_ranked(scores);
  return scores->order[k];
}
