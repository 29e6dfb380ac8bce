/* libcitynet - ego networks: extraction as views and UCINET's ego-network
 * measures (docs/ego.md), plus the adjacency helpers the other ego modules
 * share (ego-private.h).
 *
 * Nothing here calls igraph: the measures run on sorted adjacency lists,
 * one ego at a time, with the ego's alters numbered 0..n-1 through a
 * marker array that is reset after each ego, so all egos cost one pass
 * and no ego network is materialised.
 */
#include <math.h>
#include <string.h>

#include "ego-private.h"

/* ------------------------------------------------------------------------ */
/* Adjacency lists                                                          */
/* ------------------------------------------------------------------------ */

typedef struct {
  guint32 u;
  guint32 v;
} Arc;

/* Stable counting sort of @in into @out by u (by_u) or v. */
static void
arcs_counting_sort(const Arc *in, Arc *out, gsize n_arcs, gsize n,
                   gboolean by_u)
{
  gsize *counts = g_new0(gsize, n + 1);
  for (gsize i = 0; i < n_arcs; i++)
    counts[(by_u ? in[i].u : in[i].v) + 1]++;
  for (gsize v = 0; v < n; v++)
    counts[v + 1] += counts[v];
  for (gsize i = 0; i < n_arcs; i++)
    out[counts[by_u ? in[i].u : in[i].v]++] = in[i];
  g_free(counts);
}

/* Sorts @arcs by (u, v), drops repeats and returns the lists of u. */
static void
arcs_to_lists(Arc *arcs, gsize n_arcs, gsize n, gsize **start, guint32 **list)
{
  Arc *scratch = g_new(Arc, n_arcs > 0 ? n_arcs : 1);
  arcs_counting_sort(arcs, scratch, n_arcs, n, FALSE);
  arcs_counting_sort(scratch, arcs, n_arcs, n, TRUE);
  g_free(scratch);

  *start = g_new0(gsize, n + 1);
  *list = g_new(guint32, n_arcs > 0 ? n_arcs : 1);
  gsize count = 0;
  for (gsize i = 0; i < n_arcs; i++) {
    if (i > 0 && arcs[i].u == arcs[i - 1].u && arcs[i].v == arcs[i - 1].v)
      continue;
    (*list)[count++] = arcs[i].v;
    (*start)[arcs[i].u + 1]++;
  }
  for (gsize v = 0; v < n; v++)
    (*start)[v + 1] += (*start)[v];
}

void
citynet_arcs_init(CitynetArcs *arcs, const CitynetView *view)
{
  const gsize n = view->n_vertices;
  const gsize m = view->n_edges;
  memset(arcs, 0, sizeof *arcs);
  arcs->n = n;
  arcs->directed = view->directed;

  /* Undirected: both directions, so one list serves out, in and all. */
  const gsize n_arcs = view->directed ? m : 2 * m;
  Arc *list = g_new(Arc, n_arcs > 0 ? n_arcs : 1);
  for (gsize e = 0, k = 0; e < m; e++) {
    list[k++] = (Arc) { view->edges[e].from, view->edges[e].to };
    if (!view->directed)
      list[k++] = (Arc) { view->edges[e].to, view->edges[e].from };
  }
  arcs_to_lists(list, n_arcs, n, &arcs->out_start, &arcs->out);
  if (!view->directed) {
    arcs->in_start = arcs->all_start = arcs->out_start;
    arcs->in = arcs->all = arcs->out;
    g_free(list);
    return;
  }

  for (gsize e = 0; e < m; e++)
    list[e] = (Arc) { view->edges[e].to, view->edges[e].from };
  arcs_to_lists(list, m, n, &arcs->in_start, &arcs->in);
  g_free(list);

  /* all = out merged with in. */
  arcs->all_start = g_new0(gsize, n + 1);
  arcs->all = g_new(guint32, arcs->out_start[n] + arcs->in_start[n] + 1);
  gsize k = 0;
  for (gsize v = 0; v < n; v++) {
    gsize i = arcs->out_start[v], j = arcs->in_start[v];
    const gsize i_end = arcs->out_start[v + 1], j_end = arcs->in_start[v + 1];
    while (i < i_end || j < j_end) {
      guint32 next;
      if (j >= j_end || (i < i_end && arcs->out[i] < arcs->in[j]))
        next = arcs->out[i++];
      else if (i >= i_end || arcs->in[j] < arcs->out[i])
        next = arcs->in[j++];
      else {
        next = arcs->out[i++];
        j++;
      }
      arcs->all[k++] = next;
    }
    arcs->all_start[v + 1] = k;
  }
}

void
citynet_arcs_clear(CitynetArcs *arcs)
{
  if (arcs->in != arcs->out) {
    g_free(arcs->in_start);
    g_free(arcs->in);
    g_free(arcs->all_start);
    g_free(arcs->all);
  }
  g_free(arcs->out_start);
  g_free(arcs->out);
  memset(arcs, 0, sizeof *arcs);
}

gboolean
citynet_arcs_has(const CitynetArcs *arcs, gsize u, gsize v)
{
  gsize lo = arcs->out_start[u], hi = arcs->out_start[u + 1];
  while (lo < hi) {
    gsize mid = lo + (hi - lo) / 2;
    if (arcs->out[mid] < v)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo < arcs->out_start[u + 1] && arcs->out[lo] == v;
}

gboolean
citynet_mutual_init(CitynetMutual *mutual, const CitynetView *view,
                    gboolean weighted, const char *what, GError **error)
{
  memset(mutual, 0, sizeof *mutual);
  if (weighted) {
    for (gsize e = 0; e < view->n_edges; e++) {
      double w = view->edges[e].weight;
      if (!(isfinite(w) && w > 0)) {
        g_set_error(error, CITYNET_ERROR, CITYNET_ERROR_INVALID_ARGUMENT,
                    "%s needs finite positive weights, but edge %"
                    G_GSIZE_FORMAT " weighs %g", what, e, w);
        return FALSE;
      }
    }
  }
  const gsize n = view->n_vertices;
  gsize n_pairs;
  CitynetPair *pairs = citynet_view_collapse_pairs(view, &n_pairs);
  mutual->n = n;
  mutual->start = g_new0(gsize, n + 1);
  mutual->nb = g_new(guint32, 2 * n_pairs + 1);
  mutual->w = g_new(double, 2 * n_pairs + 1);
  for (gsize p = 0; p < n_pairs; p++) {
    mutual->start[pairs[p].a + 1]++;
    mutual->start[pairs[p].b + 1]++;
  }
  for (gsize v = 0; v < n; v++)
    mutual->start[v + 1] += mutual->start[v];

  /* Pairs are sorted by (a, b): vertex x first receives its neighbours
   * a < x (as b, in increasing a), then those b > x (as a, increasing b),
   * so every list comes out sorted. */
  gsize *next = g_new(gsize, n + 1);
  memcpy(next, mutual->start, (n + 1) * sizeof *next);
  for (gsize p = 0; p < n_pairs; p++) {
    double w;
    if (weighted)
      w = pairs[p].weight;
    else if (view->directed)
      w = (double) ((pairs[p].directions & 1u) + ((pairs[p].directions >> 1) & 1u));
    else
      w = 1.0;
    gsize i = next[pairs[p].a]++, j = next[pairs[p].b]++;
    mutual->nb[i] = pairs[p].b;
    mutual->w[i] = w;
    mutual->nb[j] = pairs[p].a;
    mutual->w[j] = w;
  }
  g_free(next);
  g_free(pairs);
  return TRUE;
}

void
citynet_mutual_clear(CitynetMutual *mutual)
{
  g_free(mutual->start);
  g_free(mutual->nb);
  g_free(mutual->w);
  memset(mutual, 0, sizeof *mutual);
}

/* ------------------------------------------------------------------------ */
/* Ego networks as views                                                    */
/* ------------------------------------------------------------------------ */

#define UNREACHED G_MAXUINT32

/* Breadth-first distances from @source along @mode, up to @order steps;
 * UNREACHED beyond. */
static guint32 *
ego_distances(const CitynetArcs *arcs, gsize source, guint order,
              CitynetMode mode)
{
  guint32 *dist = g_new(guint32, arcs->n > 0 ? arcs->n : 1);
  guint32 *queue = g_new(guint32, arcs->n > 0 ? arcs->n : 1);
  for (gsize v = 0; v < arcs->n; v++)
    dist[v] = UNREACHED;
  gsize head = 0, tail = 0;
  dist[source] = 0;
  queue[tail++] = (guint32) source;
  while (head < tail) {
    guint32 u = queue[head++];
    if (dist[u] >= order)
      continue;
    gsize count;
    const guint32 *nb = citynet_arcs_neighbours(arcs, mode, u, &count);
    for (gsize k = 0; k < count; k++) {
      if (dist[nb[k]] == UNREACHED) {
        dist[nb[k]] = dist[u] + 1;
        queue[tail++] = nb[k];
      }
    }
  }
  g_free(queue);
  return dist;
}

/* Whether edge u -> v (u < v on an undirected view) lies on a shortest
 * path from the ego along @mode: the distances differ by one step, in the
 * mode's direction. */
static gboolean
ego_edge_on_geodesic(const guint32 *dist, guint32 u, guint32 v,
                     gboolean directed, CitynetMode mode)
{
  if (directed && mode == CITYNET_MODE_OUT)
    return dist[v] == dist[u] + 1;
  if (directed && mode == CITYNET_MODE_IN)
    return dist[u] == dist[v] + 1;
  return dist[v] == dist[u] + 1 || dist[u] == dist[v] + 1;
}

CitynetView *
citynet_ego_view_new(CitynetView *view, gsize focus_node, guint order,
                     CitynetMode mode, gboolean alter_ties, GError **error)
{
  g_return_val_if_fail(view != NULL, NULL);
  g_return_val_if_fail(mode >= CITYNET_MODE_DEFAULT && mode <= CITYNET_MODE_ALL,
                       NULL);
  guint32 *ego = citynet_view_vertices_of_nodes(view, &focus_node, 1, "ego", error);
  if (ego == NULL)
    return NULL;

  CitynetArcs arcs;
  citynet_arcs_init(&arcs, view);
  guint32 *dist = ego_distances(&arcs, ego[0], order, mode);
  citynet_arcs_clear(&arcs);
  g_free(ego);

  const gsize n = view->n_vertices;
  guint32 *vertices = g_new(guint32, n > 0 ? n : 1);
  gsize n_kept = 0;
  for (gsize v = 0; v < n; v++)
    if (dist[v] != UNREACHED)
      vertices[n_kept++] = (guint32) v;

  guint32 *edges = g_new(guint32, view->n_edges > 0 ? view->n_edges : 1);
  gsize n_edges = 0;
  for (gsize e = 0; e < view->n_edges; e++) {
    guint32 u = view->edges[e].from, v = view->edges[e].to;
    if (dist[u] == UNREACHED || dist[v] == UNREACHED)
      continue;
    if (alter_ties || ego_edge_on_geodesic(dist, u, v, view->directed, mode))
      edges[n_edges++] = (guint32) e;
  }
  CitynetView *ego_view = citynet_view_new_subset(view, vertices, n_kept,
                                                  edges, n_edges);
  g_free(edges);
  g_free(vertices);
  g_free(dist);
  return ego_view;
}

/* ------------------------------------------------------------------------ */
/* Measure names                                                            */
/* ------------------------------------------------------------------------ */

/* Same order as CitynetEgoMeasure. */
static const char *const ego_measure_names[] = {
  "size", "ties", "pairs", "density", "avg_distance", "diameter",
  "weak_components", "weak_components_share", "two_step_reach", "broker",
  "broker_share", "ego_betweenness", "ego_betweenness_share", NULL
};

G_STATIC_ASSERT(G_N_ELEMENTS(ego_measure_names) == CITYNET_EGO_MEASURE_COUNT + 1);

const char *
citynet_ego_measure_name(CitynetEgoMeasure measure)
{
  if ((int) measure < 0 || (int) measure >= CITYNET_EGO_MEASURE_COUNT)
    return NULL;
  return ego_measure_names[measure];
}

gboolean
citynet_ego_measure_from_string(const char *text, CitynetEgoMeasure *out,
                                GError **error)
{
  for (int i = 0; ego_measure_names[i] != NULL; i++) {
    if (text != NULL && g_ascii_strcasecmp(text, ego_measure_names[i]) == 0) {
      if (out != NULL)
        *out = (CitynetEgoMeasure) i;
      return TRUE;
    }
  }
  char *known = g_strjoinv(", ", (char **) ego_measure_names);
  g_set_error(error, CITYNET_ERROR, CITYNET_ERROR_INVALID_ARGUMENT,
              "unknown ego-network measure \"%s\" (expected one of: %s)",
              text != NULL ? text : "", known);
  g_free(known);
  return FALSE;
}

/* ------------------------------------------------------------------------ */
/* Ego-network measures                                                     */
/* ------------------------------------------------------------------------ */

struct _CitynetEgoMeasures {
  CitynetView *view;      /* owned reference */
  gsize n;
  guint32 *vertices;      /* ego -> view vertex */
  double *values;         /* n x CITYNET_EGO_MEASURE_COUNT, row-major */
};

/* Working memory for one ego at a time, sized for the largest
 * neighbourhood; local[] maps view vertices to 1 + their alter index and
 * is all zero between egos. */
typedef struct {
  const CitynetArcs *arcs;
  CitynetMode mode;
  gsize n_view;
  guint32 *local;
  guint32 *stamp;         /* two-step reach: last ego that marked a vertex */
  /* The ego network: alters 0..k-1, the ego k; out-lists in CSR. */
  GArray *start;          /* gsize, k + 2 */
  GArray *list;           /* guint32 */
  /* Breadth-first search scratch, k + 1 entries each. */
  guint32 *dist;
  guint32 *queue;
  double *sigma;
  double *delta;
  guint32 *parent;        /* union-find */
} EgoScratch;

static void
ego_scratch_init(EgoScratch *s, const CitynetArcs *arcs, CitynetMode mode)
{
  gsize max_k = 0;
  for (gsize v = 0; v < arcs->n; v++) {
    gsize k;
    citynet_arcs_neighbours(arcs, mode, v, &k);
    max_k = MAX(max_k, k);
  }
  const gsize size = max_k + 2;
  memset(s, 0, sizeof *s);
  s->arcs = arcs;
  s->mode = mode;
  s->n_view = arcs->n;
  s->local = g_new0(guint32, arcs->n > 0 ? arcs->n : 1);
  s->stamp = g_new0(guint32, arcs->n > 0 ? arcs->n : 1);
  s->start = g_array_sized_new(FALSE, FALSE, sizeof(gsize), (guint) size);
  s->list = g_array_new(FALSE, FALSE, sizeof(guint32));
  s->dist = g_new(guint32, size);
  s->queue = g_new(guint32, size);
  s->sigma = g_new(double, size);
  s->delta = g_new(double, size);
  s->parent = g_new(guint32, size);
}

static void
ego_scratch_clear(EgoScratch *s)
{
  g_free(s->local);
  g_free(s->stamp);
  g_array_unref(s->start);
  g_array_unref(s->list);
  g_free(s->dist);
  g_free(s->queue);
  g_free(s->sigma);
  g_free(s->delta);
  g_free(s->parent);
}

/* Builds the ego network's out-lists (vertices 0..k-1 the alters, k the
 * ego): each vertex's successors among the alters and the ego. Returns
 * the number of arcs between two alters. */
static gsize
ego_build_local(EgoScratch *s, gsize ego, const guint32 *alters, gsize k)
{
  const CitynetArcs *arcs = s->arcs;
  g_array_set_size(s->start, 0);
  g_array_set_size(s->list, 0);
  gsize ties = 0;
  for (gsize a = 0; a <= k; a++) {
    gsize at = s->list->len;
    g_array_append_val(s->start, at);
    gsize v = a < k ? alters[a] : ego;
    for (gsize i = arcs->out_start[v]; i < arcs->out_start[v + 1]; i++) {
      guint32 w = arcs->out[i];
      if (w == ego) {
        guint32 e = (guint32) k;
        g_array_append_val(s->list, e);
      } else if (s->local[w] != 0) {
        guint32 b = s->local[w] - 1;
        g_array_append_val(s->list, b);
        ties += a < k;
      }
    }
  }
  gsize end = s->list->len;
  g_array_append_val(s->start, end);
  return ties;
}

#define LOCAL_START(s, a) g_array_index((s)->start, gsize, (a))
#define LOCAL_LIST(s, i) g_array_index((s)->list, guint32, (i))

/* The mean and the longest distance among the alters with the ego
 * removed, over ordered pairs; NaN when a pair is not connected. */
static void
ego_alter_distances(EgoScratch *s, gsize k, double *avg, double *diameter)
{
  double sum = 0, max = 0;
  gsize reached_pairs = 0;
  for (gsize src = 0; src < k; src++) {
    for (gsize a = 0; a < k; a++)
      s->dist[a] = UNREACHED;
    gsize head = 0, tail = 0;
    s->dist[src] = 0;
    s->queue[tail++] = (guint32) src;
    while (head < tail) {
      guint32 u = s->queue[head++];
      for (gsize i = LOCAL_START(s, u); i < LOCAL_START(s, u + 1); i++) {
        guint32 w = LOCAL_LIST(s, i);
        if (w < k && s->dist[w] == UNREACHED) {
          s->dist[w] = s->dist[u] + 1;
          sum += s->dist[w];
          max = MAX(max, (double) s->dist[w]);
          reached_pairs++;
          s->queue[tail++] = w;
        }
      }
    }
  }
  if (k < 2 || reached_pairs < k * (k - 1)) {
    *avg = NAN;
    *diameter = NAN;
  } else {
    *avg = sum / (double) (k * (k - 1));
    *diameter = max;
  }
}

static guint32
uf_find(guint32 *parent, guint32 a)
{
  while (parent[a] != a) {
    parent[a] = parent[parent[a]];
    a = parent[a];
  }
  return a;
}

/* Weak components among the alters (ego removed). */
static gsize
ego_weak_components(EgoScratch *s, gsize k)
{
  for (gsize a = 0; a < k; a++)
    s->parent[a] = (guint32) a;
  gsize components = k;
  for (gsize a = 0; a < k; a++) {
    for (gsize i = LOCAL_START(s, a); i < LOCAL_START(s, a + 1); i++) {
      guint32 b = LOCAL_LIST(s, i);
      if (b >= k)
        continue;
      guint32 ra = uf_find(s->parent, (guint32) a), rb = uf_find(s->parent, b);
      if (ra != rb) {
        s->parent[ra] = rb;
        components--;
      }
    }
  }
  return components;
}

/* The ego's betweenness in its ego network (vertices 0..k, the ego k):
 * Brandes' dependency accumulation from every alter, keeping only the
 * ego's share. Counts ordered pairs of alters. */
static double
ego_betweenness(EgoScratch *s, gsize k)
{
  const gsize n = k + 1;
  double total = 0;
  for (gsize src = 0; src < k; src++) {
    for (gsize a = 0; a < n; a++) {
      s->dist[a] = UNREACHED;
      s->sigma[a] = 0;
      s->delta[a] = 0;
    }
    gsize head = 0, tail = 0;
    s->dist[src] = 0;
    s->sigma[src] = 1;
    s->queue[tail++] = (guint32) src;
    /* First pass: distances and path counts. Predecessors are not
     * stored: the second pass recognises them by their distances. */
    while (head < tail) {
      guint32 u = s->queue[head++];
      for (gsize i = LOCAL_START(s, u); i < LOCAL_START(s, u + 1); i++) {
        guint32 w = LOCAL_LIST(s, i);
        if (s->dist[w] == UNREACHED) {
          s->dist[w] = s->dist[u] + 1;
          s->queue[tail++] = w;
        }
        if (s->dist[w] == s->dist[u] + 1)
          s->sigma[w] += s->sigma[u];
      }
    }
    /* Second pass, farthest first: a vertex u passes to each successor w
     * one step farther sigma_u / sigma_w (1 + delta_w). */
    for (gsize q = tail; q-- > 0;) {
      guint32 u = s->queue[q];
      for (gsize i = LOCAL_START(s, u); i < LOCAL_START(s, u + 1); i++) {
        guint32 w = LOCAL_LIST(s, i);
        if (s->dist[w] != UNREACHED && s->dist[w] == s->dist[u] + 1)
          s->delta[u] += s->sigma[u] / s->sigma[w] * (1.0 + s->delta[w]);
      }
    }
    total += s->delta[k];
  }
  return total;
}

/* Vertices within two steps of @ego along the mode, ego excluded. */
static gsize
ego_two_step_reach(EgoScratch *s, gsize ego, guint32 stamp)
{
  gsize count = 0, k1;
  s->stamp[ego] = stamp;
  const guint32 *first = citynet_arcs_neighbours(s->arcs, s->mode, ego, &k1);
  for (gsize i = 0; i < k1; i++) {
    if (s->stamp[first[i]] != stamp) {
      s->stamp[first[i]] = stamp;
      count++;
    }
    gsize k2;
    const guint32 *second = citynet_arcs_neighbours(s->arcs, s->mode, first[i], &k2);
    for (gsize j = 0; j < k2; j++) {
      if (s->stamp[second[j]] != stamp) {
        s->stamp[second[j]] = stamp;
        count++;
      }
    }
  }
  return count;
}

static void
ego_measure_one(EgoScratch *s, gsize ego, guint32 stamp, double *row)
{
  gsize k;
  const guint32 *alters = citynet_arcs_neighbours(s->arcs, s->mode, ego, &k);
  for (gsize a = 0; a < k; a++)
    s->local[alters[a]] = (guint32) a + 1;

  const double n = (double) k;
  const double ties = (double) ego_build_local(s, ego, alters, k);
  const double pairs = n * (n - 1.0);
  row[CITYNET_EGO_SIZE] = n;
  row[CITYNET_EGO_TIES] = ties;
  row[CITYNET_EGO_PAIRS] = pairs;
  row[CITYNET_EGO_DENSITY] = k >= 2 ? ties / pairs : NAN;
  ego_alter_distances(s, k, &row[CITYNET_EGO_AVG_DISTANCE],
                      &row[CITYNET_EGO_DIAMETER]);
  const double components = (double) ego_weak_components(s, k);
  row[CITYNET_EGO_WEAK_COMPONENTS] = components;
  row[CITYNET_EGO_WEAK_COMPONENTS_SHARE] = k > 0 ? components / n : NAN;
  row[CITYNET_EGO_TWO_STEP_REACH] = s->n_view > 1
    ? (double) ego_two_step_reach(s, ego, stamp) / ((double) s->n_view - 1.0)
    : NAN;
  const double broker = (pairs - ties) / 2.0;
  row[CITYNET_EGO_BROKER] = broker;
  row[CITYNET_EGO_BROKER_SHARE] = k >= 2 ? broker / pairs : NAN;
  /* Undirected: Brandes over ordered pairs counts each pair twice. */
  double betweenness = ego_betweenness(s, k);
  if (!s->arcs->directed)
    betweenness /= 2.0;
  row[CITYNET_EGO_BETWEENNESS] = betweenness;
  const double most = s->arcs->directed ? pairs : pairs / 2.0;
  row[CITYNET_EGO_BETWEENNESS_SHARE] = k >= 2 ? betweenness / most : NAN;

  for (gsize a = 0; a < k; a++)
    s->local[alters[a]] = 0;
}

CitynetEgoMeasures *
citynet_ego_measures_new(CitynetView *view, const gsize *nodes, gsize n_nodes,
                         CitynetMode mode, GError **error)
{
  g_return_val_if_fail(view != NULL, NULL);
  g_return_val_if_fail(mode >= CITYNET_MODE_DEFAULT && mode <= CITYNET_MODE_ALL,
                       NULL);
  guint32 *vertices;
  gsize n;
  if (nodes != NULL) {
    vertices = citynet_view_vertices_of_nodes(view, nodes, n_nodes, "ego", error);
    if (vertices == NULL)
      return NULL;
    n = n_nodes;
  } else {
    n = view->n_vertices;
    vertices = g_new(guint32, n > 0 ? n : 1);
    for (gsize v = 0; v < n; v++)
      vertices[v] = (guint32) v;
  }

  CitynetArcs arcs;
  citynet_arcs_init(&arcs, view);
  EgoScratch scratch;
  ego_scratch_init(&scratch, &arcs, mode);
  double *values = g_new(double, n * CITYNET_EGO_MEASURE_COUNT + 1);
  for (gsize i = 0; i < n; i++)
    ego_measure_one(&scratch, vertices[i], (guint32) i + 1,
                    values + i * CITYNET_EGO_MEASURE_COUNT);
  ego_scratch_clear(&scratch);
  citynet_arcs_clear(&arcs);

  CitynetEgoMeasures *measures = g_new0(CitynetEgoMeasures, 1);
  measures->view = citynet_view_ref(view);
  measures->n = n;
  measures->vertices = vertices;
  measures->values = values;
  return measures;
}

void
citynet_ego_measures_free(CitynetEgoMeasures *measures)
{
  if (measures == NULL)
    return;
  citynet_view_unref(measures->view);
  g_free(measures->vertices);
  g_free(measures->values);
  g_free(measures);
}

gsize
citynet_ego_measures_n(const CitynetEgoMeasures *measures)
{
  g_return_val_if_fail(measures != NULL, 0);
  return measures->n;
}

gsize
citynet_ego_measures_node(const CitynetEgoMeasures *measures, gsize i)
{
  g_return_val_if_fail(measures != NULL && i < measures->n, 0);
  return citynet_view_vertex_node(measures->view, measures->vertices[i]);
}

double
citynet_ego_measures_get(const CitynetEgoMeasures *measures, gsize i,
                         CitynetEgoMeasure measure)
{
  g_return_val_if_fail(measures != NULL && i < measures->n, NAN);
  g_return_val_if_fail(citynet_ego_measure_name(measure) != NULL, NAN);
  return measures->values[i * CITYNET_EGO_MEASURE_COUNT + measure];
}

CitynetScores *
citynet_ego_measures_scores(const CitynetEgoMeasures *measures,
                            CitynetEgoMeasure measure)
{
  g_return_val_if_fail(measures != NULL, NULL);
  g_return_val_if_fail(citynet_ego_measure_name(measure) != NULL, NULL);
  double *values = g_new(double, measures->n > 0 ? measures->n : 1);
  for (gsize i = 0; i < measures->n; i++)
    values[i] = measures->values[i * CITYNET_EGO_MEASURE_COUNT + measure];
  guint32 *vertices = g_new(guint32, measures->n > 0 ? measures->n : 1);
  if (measures->n > 0)
    memcpy(vertices, measures->vertices, measures->n * sizeof *vertices);
  return citynet_scores_new_take(measures->view,
                                 citynet_ego_measure_name(measure),
                                 vertices, values, measures->n);
}
