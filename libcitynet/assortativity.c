/* libcitynet - assortativity (nominal, numeric) and the attribute mixing
 * matrix (see communities.h and docs/communities.md).
 *
 * Every function first fixes the "reading" of the view: which edges count
 * (all view edges, or only those between vertices that take part), whether
 * they are arcs (a directed view read as directed) or undirected edges,
 * and what each weighs (1, or its weight). The unweighted coefficients are
 * igraph's routines on a graph of exactly those edges; igraph 0.10 has no
 * weighted variants, so the weighted ones evaluate Newman's formulas here,
 * with every edge counting its weight instead of 1. With unit weights both
 * paths give the same number (tested), which checks one against the other.
 */
#include <errno.h>
#include <math.h>
#include <string.h>

#include "partition-private.h"

/* The edges one coefficient is computed on. */
typedef struct {
  const CitynetView *view;
  gboolean directed;          /* arcs; else undirected edges */
  gboolean weighted;
  const guint8 *included;     /* per vertex; NULL = every vertex */
  CitynetAssortativity *counts;
} Reading;

static void
reading_init(Reading *reading, const CitynetView *view,
             CitynetAssortativityFlags flags, const guint8 *included,
             CitynetAssortativity *counts)
{
  const gsize n = citynet_view_n_vertices(view);
  reading->view = view;
  reading->directed = citynet_view_is_directed(view) &&
                      !(flags & CITYNET_ASSORTATIVITY_UNDIRECTED);
  reading->weighted = (flags & CITYNET_ASSORTATIVITY_WEIGHTED) != 0;
  reading->included = included;
  reading->counts = counts;

  *counts = (CitynetAssortativity) { NAN, 0, 0, 0, 0 };
  for (gsize v = 0; v < n; v++) {
    if (included == NULL || included[v])
      counts->n_vertices++;
    else
      counts->n_excluded++;
  }
  const gsize m = citynet_view_n_edges(view);
  for (gsize e = 0; e < m; e++) {
    gsize from, to;
    citynet_view_edge(view, e, &from, &to);
    if (included == NULL || (included[from] && included[to]))
      counts->n_edges++;
    else
      counts->n_edges_excluded++;
  }
}

/* Edge @e when it counts: its ends and weight (1 when unweighted). */
static inline gboolean
reading_edge(const Reading *reading, gsize e, gsize *from, gsize *to, double *w)
{
  double weight = citynet_view_edge(reading->view, e, from, to);
  if (reading->included != NULL &&
      !(reading->included[*from] && reading->included[*to]))
    return FALSE;
  *w = reading->weighted ? weight : 1.0;
  return TRUE;
}

/* The igraph graph of the counted edges on all the view's vertices (left
 * out vertices become isolates, which no coefficient sees). Call inside
 * igraph; the caller destroys @graph. */
static gboolean
reading_graph(const Reading *reading, igraph_t *graph, GError **error)
{
  const char *what = "assortativity";
  const gsize m = citynet_view_n_edges(reading->view);
  igraph_vector_int_t edges;
  if (!citynet_igraph_check(igraph_vector_int_init(&edges, 0), what, error))
    return FALSE;
  gboolean ok = citynet_igraph_check(
    igraph_vector_int_reserve(&edges, 2 * (igraph_integer_t) reading->counts->n_edges),
    what, error);
  for (gsize e = 0; e < m && ok; e++) {
    gsize from, to;
    double w;
    if (!reading_edge(reading, e, &from, &to, &w))
      continue;
    /* Reserved above: cannot fail. */
    igraph_vector_int_push_back(&edges, (igraph_integer_t) from);
    igraph_vector_int_push_back(&edges, (igraph_integer_t) to);
  }
  if (ok)
    ok = citynet_igraph_check(
      igraph_create(graph, &edges,
                    (igraph_integer_t) citynet_view_n_vertices(reading->view),
                    reading->directed ? IGRAPH_DIRECTED : IGRAPH_UNDIRECTED),
      what, error);
  igraph_vector_int_destroy(&edges);
  return ok;
}

static gboolean
check_reading_weights(const Reading *reading, GError **error)
{
  if (!reading->weighted)
    return TRUE;
  const gsize m = citynet_view_n_edges(reading->view);
  for (gsize e = 0; e < m; e++) {
    double w = citynet_view_edge(reading->view, e, NULL, NULL);
    if (!(isfinite(w) && w > 0)) {
      g_set_error(error, CITYNET_ERROR, CITYNET_ERROR_INVALID_ARGUMENT,
                  "weighted assortativity needs finite positive weights, but "
                  "edge %" G_GSIZE_FORMAT " weighs %g", e, w);
      return FALSE;
    }
  }
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Mixing matrix                                                            */
/* ------------------------------------------------------------------------ */

/* Vertices outside the partition's missing label, or NULL for all. */
static guint8 *
partition_included(const CitynetPartition *partition,
                   CitynetAssortativityFlags flags)
{
  if (!(flags & CITYNET_ASSORTATIVITY_EXCLUDE_MISSING) || partition->missing < 0)
    return NULL;
  guint8 *included = g_new(guint8, partition->n > 0 ? partition->n : 1);
  for (gsize v = 0; v < partition->n; v++)
    included[v] = partition->membership[v] != (guint) partition->missing;
  return included;
}

/* Sums the edge ends into @matrix (k x k, zeroed); returns the total. */
static double
mixing_fill(const Reading *reading, const guint *labels, gsize k, double *matrix)
{
  const gsize m = citynet_view_n_edges(reading->view);
  double total = 0.0;
  for (gsize e = 0; e < m; e++) {
    gsize from, to;
    double w;
    if (!reading_edge(reading, e, &from, &to, &w))
      continue;
    matrix[labels[from] * k + labels[to]] += w;
    total += w;
    if (!reading->directed) {
      matrix[labels[to] * k + labels[from]] += w;
      total += w;
    }
  }
  return total;
}

static double *
mixing_alloc(gsize k, GError **error)
{
  if (k > 0 && k > G_MAXSIZE / sizeof(double) / k) {
    g_set_error(error, CITYNET_ERROR, CITYNET_ERROR_COMPUTATION,
                "a mixing matrix of %" G_GSIZE_FORMAT " labels is too large", k);
    return NULL;
  }
  double *matrix = g_try_new0(double, k * k > 0 ? k * k : 1);
  if (matrix == NULL)
    g_set_error(error, CITYNET_ERROR, CITYNET_ERROR_COMPUTATION,
                "no memory for a mixing matrix of %" G_GSIZE_FORMAT " labels", k);
  return matrix;
}

double *
citynet_mixing_matrix(const CitynetPartition *partition,
                      CitynetAssortativityFlags flags, gboolean normalized,
                      gsize *n_labels, GError **error)
{
  g_return_val_if_fail(partition != NULL && n_labels != NULL, NULL);
  const gsize k = partition->n_labels;
  CitynetAssortativity counts;
  Reading reading;
  guint8 *included = partition_included(partition, flags);
  reading_init(&reading, partition->view, flags, included, &counts);
  double *matrix = check_reading_weights(&reading, error) ? mixing_alloc(k, error)
                                                          : NULL;
  if (matrix != NULL) {
    double total = mixing_fill(&reading, partition->membership, k, matrix);
    if (normalized && total > 0)
      for (gsize i = 0; i < k * k; i++)
        matrix[i] /= total;
    *n_labels = k;
  }
  g_free(included);
  return matrix;
}

/* ------------------------------------------------------------------------ */
/* Nominal assortativity                                                    */
/* ------------------------------------------------------------------------ */

/* r = (sum_i e_ii - sum_i a_i b_i) / (1 - sum_i a_i b_i), from the
 * diagonal and the row and column sums of the weighted mixing matrix,
 * accumulated directly: O(n + m + k) time and memory, where the k x k
 * matrix would not fit for a partition into thousands of labels. */
static gboolean
nominal_weighted(const Reading *reading, const CitynetPartition *partition,
                 double *result, GError **error)
{
  const gsize k = partition->n_labels;
  const guint *labels = partition->membership;
  double *diagonal = g_try_new0(double, k > 0 ? k : 1);
  double *rows = g_try_new0(double, k > 0 ? k : 1);
  double *columns = g_try_new0(double, k > 0 ? k : 1);
  if (diagonal == NULL || rows == NULL || columns == NULL) {
    g_set_error(error, CITYNET_ERROR, CITYNET_ERROR_COMPUTATION,
                "no memory for %" G_GSIZE_FORMAT " labels", k);
    g_free(diagonal);
    g_free(rows);
    g_free(columns);
    return FALSE;
  }
  const gsize m = citynet_view_n_edges(reading->view);
  double total = 0.0;
  for (gsize e = 0; e < m; e++) {
    gsize from, to;
    double w;
    if (!reading_edge(reading, e, &from, &to, &w))
      continue;
    guint a = labels[from], b = labels[to];
    /* An undirected edge counts in both directions: once more with the
     * ends swapped. */
    const int directions = reading->directed ? 1 : 2;
    rows[a] += w;
    columns[b] += w;
    if (directions == 2) {
      rows[b] += w;
      columns[a] += w;
    }
    if (a == b)
      diagonal[a] += directions * w;
    total += directions * w;
  }
  double trace = 0.0, ab = 0.0;
  for (gsize i = 0; i < k && total > 0; i++) {
    trace += diagonal[i] / total;
    ab += (rows[i] / total) * (columns[i] / total);
  }
  *result = total > 0 ? (trace - ab) / (1.0 - ab) : NAN;
  g_free(diagonal);
  g_free(rows);
  g_free(columns);
  return TRUE;
}

static gboolean
nominal_igraph(const Reading *reading, const CitynetPartition *partition,
               double *result, GError **error)
{
  const char *what = "nominal assortativity";
  igraph_t graph;
  igraph_vector_int_t types;
  if (!reading_graph(reading, &graph, error))
    return FALSE;
  gboolean ok = citynet_igraph_check(igraph_vector_int_init(&types,
                                                            (igraph_integer_t) partition->n),
                                     what, error);
  if (ok) {
    for (gsize v = 0; v < partition->n; v++)
      VECTOR(types)[v] = partition->membership[v];
    igraph_real_t r = NAN;
    if (igraph_ecount(&graph) > 0)
      ok = citynet_igraph_check(igraph_assortativity_nominal(&graph, &types, &r,
                                                             reading->directed, TRUE),
                                what, error);
    if (ok)
      *result = r;
    igraph_vector_int_destroy(&types);
  }
  igraph_destroy(&graph);
  return ok;
}

gboolean
citynet_assortativity_nominal(const CitynetPartition *partition,
                              CitynetAssortativityFlags flags,
                              CitynetAssortativity *result, GError **error)
{
  g_return_val_if_fail(partition != NULL && result != NULL, FALSE);
  Reading reading;
  CitynetAssortativity counts;
  guint8 *included = partition_included(partition, flags);
  reading_init(&reading, partition->view, flags, included, &counts);
  gboolean ok = check_reading_weights(&reading, error);
  if (ok && reading.weighted) {
    ok = nominal_weighted(&reading, partition, &counts.value, error);
  } else if (ok) {
    citynet_igraph_enter();
    ok = nominal_igraph(&reading, partition, &counts.value, error);
    citynet_igraph_leave();
  }
  g_free(included);
  if (ok)
    *result = counts;
  return ok;
}

/* ------------------------------------------------------------------------ */
/* Numeric values                                                           */
/* ------------------------------------------------------------------------ */

static gboolean
has_key(const char *const *keys, const char *key)
{
  for (gsize i = 0; keys != NULL && keys[i] != NULL; i++)
    if (strcmp(keys[i], key) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
unknown_key(const char *const *keys, const char *key, const char *what,
            GError **error)
{
  char *list = keys != NULL && keys[0] != NULL ? g_strjoinv(", ", (char **) keys)
                                               : g_strdup("none");
  g_set_error(error, CITYNET_ERROR, CITYNET_ERROR_NOT_FOUND,
              "unknown %s \"%s\" (known: %s)", what, key, list);
  g_free(list);
  return FALSE;
}

/* A number from an extra attribute: all of it, finite. */
static gboolean
parse_number(const char *text, double *value)
{
  char *end = NULL;
  errno = 0;
  double x = g_ascii_strtod(text, &end);
  if (end == text || *end != '\0' || errno == ERANGE || !isfinite(x))
    return FALSE;
  *value = x;
  return TRUE;
}

typedef enum {
  VALUE_POPULATION,
  VALUE_LATITUDE,
  VALUE_LONGITUDE,
  VALUE_COUNTRY,
  VALUE_ATTRIBUTE
} ValueSource;

static gboolean
node_value(const CitynetNetwork *network, gsize node, ValueSource source,
           const char *key, double *value, GError **error)
{
  double lat, lon;
  *value = NAN;
  switch (source) {
  case VALUE_POPULATION:
    citynet_network_node_population(network, node, value);
    return TRUE;
  case VALUE_LATITUDE:
  case VALUE_LONGITUDE:
    if (citynet_network_node_location(network, node, &lat, &lon))
      *value = source == VALUE_LATITUDE ? lat : lon;
    return TRUE;
  case VALUE_COUNTRY: {
    gssize country = citynet_network_node_country_index(network, node);
    if (country >= 0)
      citynet_network_country_attribute(network, (gsize) country, key, value);
    return TRUE;
  }
  case VALUE_ATTRIBUTE:
  default: {
    const char *text = citynet_network_node_attribute(network, node, key);
    if (text == NULL || *text == '\0' || parse_number(text, value))
      return TRUE;
    g_set_error(error, CITYNET_ERROR, CITYNET_ERROR_INVALID_ARGUMENT,
                "node \"%s\": attribute %s = \"%s\" is not a finite number",
                citynet_network_node_id(network, node), key, text);
    return FALSE;
  }
  }
}

CitynetScores *
citynet_node_values(CitynetView *view, const char *spec, GError **error)
{
  g_return_val_if_fail(view != NULL, NULL);
  const CitynetNetwork *network = citynet_view_get_network(view);
  ValueSource source;
  const char *key = NULL;
  if (spec == NULL) {
    spec = "";
  }
  if (strcmp(spec, "population") == 0) {
    source = VALUE_POPULATION;
  } else if (strcmp(spec, "latitude") == 0) {
    source = VALUE_LATITUDE;
  } else if (strcmp(spec, "longitude") == 0) {
    source = VALUE_LONGITUDE;
  } else if (g_str_has_prefix(spec, "country:") && spec[8] != '\0') {
    source = VALUE_COUNTRY;
    key = spec + 8;
    const char *const *keys = citynet_network_country_attribute_keys(network, NULL);
    if (!has_key(keys, key)) {
      unknown_key(keys, key, "country attribute", error);
      return NULL;
    }
  } else if (g_str_has_prefix(spec, "attr:") && spec[5] != '\0') {
    source = VALUE_ATTRIBUTE;
    key = spec + 5;
    const char *const *keys = citynet_network_node_attribute_keys(network, NULL);
    if (!has_key(keys, key)) {
      unknown_key(keys, key, "node attribute", error);
      return NULL;
    }
  } else {
    g_set_error(error, CITYNET_ERROR, CITYNET_ERROR_INVALID_ARGUMENT,
                "bad node values \"%s\" (expected one of: population, latitude, "
                "longitude, country:KEY, attr:KEY)", spec);
    return NULL;
  }

  const gsize n = citynet_view_n_vertices(view);
  double *values = g_new(double, n > 0 ? n : 1);
  for (gsize v = 0; v < n; v++) {
    if (!node_value(network, citynet_view_vertex_node(view, v), source, key,
                    &values[v], error)) {
      g_free(values);
      return NULL;
    }
  }
  return citynet_scores_new_take(view, spec, NULL, values, n);
}

/* ------------------------------------------------------------------------ */
/* Numeric assortativity                                                    */
/* ------------------------------------------------------------------------ */

/* Weighted Pearson correlation of the values at the edge ends, centred
 * first so that large values (populations) lose no digits. */
static double
numeric_weighted(const Reading *reading, const double *x)
{
  const gsize m = citynet_view_n_edges(reading->view);
  double total = 0.0, sum_a = 0.0, sum_b = 0.0;
  gsize from, to;
  double w;
  for (gsize e = 0; e < m; e++) {
    if (!reading_edge(reading, e, &from, &to, &w))
      continue;
    total += w;
    sum_a += w * x[from];
    sum_b += w * x[to];
  }
  if (!(total > 0))
    return NAN;
  if (!reading->directed) {
    /* Both directions of every edge: one mean for both ends. */
    double mean = (sum_a + sum_b) / (2.0 * total);
    double cov = 0.0, var = 0.0;
    for (gsize e = 0; e < m; e++) {
      if (!reading_edge(reading, e, &from, &to, &w))
        continue;
      double a = x[from] - mean, b = x[to] - mean;
      cov += w * a * b;
      var += w * (a * a + b * b) / 2.0;
    }
    return cov / var;
  }
  double mean_a = sum_a / total, mean_b = sum_b / total;
  double cov = 0.0, var_a = 0.0, var_b = 0.0;
  for (gsize e = 0; e < m; e++) {
    if (!reading_edge(reading, e, &from, &to, &w))
      continue;
    double a = x[from] - mean_a, b = x[to] - mean_b;
    cov += w * a * b;
    var_a += w * a * a;
    var_b += w * b * b;
  }
  return cov / sqrt(var_a * var_b);
}

static gboolean
numeric_igraph(const Reading *reading, const double *x, double *result,
               GError **error)
{
  const char *what = "numeric assortativity";
  const gsize n = citynet_view_n_vertices(reading->view);
  igraph_t graph;
  igraph_vector_t values;
  if (!reading_graph(reading, &graph, error))
    return FALSE;
  gboolean ok = citynet_igraph_check(igraph_vector_init(&values, (igraph_integer_t) n),
                                     what, error);
  if (ok) {
    /* Left-out vertices are isolates here; give them a finite value. */
    for (gsize v = 0; v < n; v++)
      VECTOR(values)[v] = isnan(x[v]) ? 0.0 : x[v];
    igraph_real_t r = NAN;
    if (igraph_ecount(&graph) > 0)
      ok = citynet_igraph_check(igraph_assortativity(&graph, &values, NULL, &r,
                                                     reading->directed, TRUE),
                                what, error);
    if (ok)
      *result = r;
    igraph_vector_destroy(&values);
  }
  igraph_destroy(&graph);
  return ok;
}

gboolean
citynet_assortativity_numeric(const CitynetScores *values,
                              CitynetAssortativityFlags flags,
                              CitynetAssortativity *result, GError **error)
{
  g_return_val_if_fail(values != NULL && result != NULL, FALSE);
  const CitynetView *view = citynet_scores_get_view(values);
  const gsize n = citynet_view_n_vertices(view);

  /* A value per vertex; NaN for no entry. */
  double *x = g_new(double, n > 0 ? n : 1);
  guint8 *included = g_new(guint8, n > 0 ? n : 1);
  for (gsize v = 0; v < n; v++)
    x[v] = NAN;
  for (gsize i = 0; i < citynet_scores_n(values); i++)
    x[citynet_scores_vertex(values, i)] = citynet_scores_value(values, i);
  for (gsize v = 0; v < n; v++)
    included[v] = !isnan(x[v]);

  Reading reading;
  CitynetAssortativity counts;
  reading_init(&reading, view, flags, included, &counts);
  gboolean ok = TRUE;
  for (gsize v = 0; v < n && ok; v++) {
    if (included[v] && !isfinite(x[v])) {
      g_set_error(error, CITYNET_ERROR, CITYNET_ERROR_INVALID_ARGUMENT,
                  "numeric assortativity: node \"%s\" has the value %g",
                  citynet_network_node_id(citynet_view_get_network(view),
                                          citynet_view_vertex_node(view, v)), x[v]);
      ok = FALSE;
    }
  }
  ok = ok && check_reading_weights(&reading, error);
  if (ok && reading.weighted) {
    counts.value = numeric_weighted(&reading, x);
  } else if (ok) {
    citynet_igraph_enter();
    ok = numeric_igraph(&reading, x, &counts.value, error);
    citynet_igraph_leave();
  }
  g_free(included);
  g_free(x);
  if (ok)
    *result = counts;
  return ok;
}
