/* libcitynet - community detection (Louvain, Leiden), modularity and
 * partition comparison (see communities.h and docs/communities.md).
 *
 * igraph's Louvain and Leiden need an undirected graph, so detection runs
 * on the view's simple undirected collapse (analytics-util.c), and so does
 * modularity unless the directed formula is asked for: the reported
 * modularity is then exactly the objective the algorithms optimised.
 *
 * Randomness: both algorithms visit vertices in an order drawn from
 * igraph's default RNG. They run inside citynet_igraph_run_seeded(), which
 * installs a private Mersenne Twister seeded from the options and puts the
 * host's RNG back afterwards, so the same view, options and seed give the
 * same partition on every run and in every host.
 */
#include <math.h>
#include <string.h>

#include "partition-private.h"

struct _CitynetCommunityOptions {
  guint64 seed;
  double resolution;
  gboolean weighted;
  gboolean directed;
  double beta;
  gint iterations;           /* < 0: until stable */
  CitynetLeidenStart start;
};

/* ------------------------------------------------------------------------ */
/* Names                                                                    */
/* ------------------------------------------------------------------------ */

/* Looks @text up in @names (NULL-terminated), or fails listing them. */
static gboolean
parse_name(const char *what, const char *const *names, const char *text,
           int *out, GError **error)
{
  for (int i = 0; names[i] != NULL; i++) {
    if (text != NULL && g_ascii_strcasecmp(text, names[i]) == 0) {
      *out = i;
      return TRUE;
    }
  }
  char *known = g_strjoinv(", ", (char **) names);
  g_set_error(error, CITYNET_ERROR, CITYNET_ERROR_INVALID_ARGUMENT,
              "unknown %s \"%s\" (expected one of: %s)", what,
              text != NULL ? text : "", known);
  g_free(known);
  return FALSE;
}

/* Same order as CitynetCommunityMethod. */
static const char *const method_names[] = { "louvain", "leiden", NULL };

const char *
citynet_community_method_name(CitynetCommunityMethod method)
{
  if ((int) method < 0 || (int) method >= (int) G_N_ELEMENTS(method_names) - 1)
    return NULL;
  return method_names[method];
}

gboolean
citynet_community_method_from_string(const char *text,
                                     CitynetCommunityMethod *out,
                                     GError **error)
{
  int value;
  if (!parse_name("community method", method_names, text, &value, error))
    return FALSE;
  if (out != NULL)
    *out = (CitynetCommunityMethod) value;
  return TRUE;
}

gboolean
citynet_leiden_start_from_string(const char *text, CitynetLeidenStart *out,
                                 GError **error)
{
  static const char *const names[] = { "louvain", "singletons", NULL };
  int value;
  if (!parse_name("Leiden start", names, text, &value, error))
    return FALSE;
  if (out != NULL)
    *out = (CitynetLeidenStart) value;
  return TRUE;
}

/* Same order as CitynetPartitionComparison. */
static const char *const comparison_names[] = { "nmi", "ari", "vi", "rand", NULL };

const char *
citynet_partition_comparison_name(CitynetPartitionComparison method)
{
  if ((int) method < 0 || (int) method >= (int) G_N_ELEMENTS(comparison_names) - 1)
    return NULL;
  return comparison_names[method];
}

gboolean
citynet_partition_comparison_from_string(const char *text,
                                         CitynetPartitionComparison *out,
                                         GError **error)
{
  int value;
  if (!parse_name("partition comparison", comparison_names, text, &value, error))
    return FALSE;
  if (out != NULL)
    *out = (CitynetPartitionComparison) value;
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Options                                                                  */
/* ------------------------------------------------------------------------ */

CitynetCommunityOptions *
citynet_community_options_new(void)
{
  CitynetCommunityOptions *options = g_new0(CitynetCommunityOptions, 1);
  options->seed = 1;
  options->resolution = 1.0;
  options->weighted = TRUE;
  options->directed = FALSE;
  options->beta = 0.01;
  options->iterations = -1;
  options->start = CITYNET_LEIDEN_START_LOUVAIN;
  return options;
}

CitynetCommunityOptions *
citynet_community_options_copy(const CitynetCommunityOptions *options)
{
  g_return_val_if_fail(options != NULL, NULL);
  return g_memdup2(options, sizeof *options);
}

void
citynet_community_options_free(CitynetCommunityOptions *options)
{
  g_free(options);
}

void
citynet_community_options_set_seed(CitynetCommunityOptions *options, guint64 seed)
{
  g_return_if_fail(options != NULL);
  options->seed = seed;
}

gboolean
citynet_community_options_set_resolution(CitynetCommunityOptions *options,
                                         double resolution, GError **error)
{
  g_return_val_if_fail(options != NULL, FALSE);
  if (!(isfinite(resolution) && resolution >= 0)) {
    g_set_error(error, CITYNET_ERROR, CITYNET_ERROR_INVALID_ARGUMENT,
                "the resolution must be a finite number >= 0, not %g", resolution);
    return FALSE;
  }
  options->resolution = resolution;
  return TRUE;
}

void
citynet_community_options_set_weighted(CitynetCommunityOptions *options,
                                       gboolean weighted)
{
  g_return_if_fail(options != NULL);
  options->weighted = weighted ? TRUE : FALSE;
}

void
citynet_community_options_set_directed(CitynetCommunityOptions *options,
                                       gboolean directed)
{
  g_return_if_fail(options != NULL);
  options->directed = directed ? TRUE : FALSE;
}

gboolean
citynet_community_options_set_beta(CitynetCommunityOptions *options,
                                   double beta, GError **error)
{
  g_return_val_if_fail(options != NULL, FALSE);
  if (!(isfinite(beta) && beta > 0)) {
    g_set_error(error, CITYNET_ERROR, CITYNET_ERROR_INVALID_ARGUMENT,
                "Leiden's beta must be a finite number > 0, not %g", beta);
    return FALSE;
  }
  options->beta = beta;
  return TRUE;
}

gboolean
citynet_community_options_set_iterations(CitynetCommunityOptions *options,
                                         gint iterations, GError **error)
{
  g_return_val_if_fail(options != NULL, FALSE);
  if (iterations == 0) {
    g_set_error_literal(error, CITYNET_ERROR, CITYNET_ERROR_INVALID_ARGUMENT,
                        "Leiden needs at least one iteration (or a negative "
                        "number: until stable)");
    return FALSE;
  }
  options->iterations = iterations < 0 ? -1 : iterations;
  return TRUE;
}

void
citynet_community_options_set_start(CitynetCommunityOptions *options,
                                    CitynetLeidenStart start)
{
  g_return_if_fail(options != NULL);
  g_return_if_fail(start == CITYNET_LEIDEN_START_LOUVAIN ||
                   start == CITYNET_LEIDEN_START_SINGLETONS);
  options->start = start;
}

/* ------------------------------------------------------------------------ */
/* Detection                                                                */
/* ------------------------------------------------------------------------ */

/* One detection run, executed inside igraph with the seeded RNG. */
typedef struct {
  const CitynetView *view;
  const CitynetCommunityOptions *options;
  CitynetCommunityMethod method;
  gint64 *raw;               /* out: a community id per vertex */
} Detect;

static gboolean
run_louvain(const igraph_t *graph, const igraph_vector_t *weights,
            double resolution, igraph_vector_int_t *membership, GError **error)
{
  return citynet_igraph_check(
    igraph_community_multilevel(graph, weights, resolution, membership, NULL, NULL),
    "Louvain community detection", error);
}

/* Whether @a and @b are the same partition up to the names of the
 * communities (a bijection maps one's labels onto the other's). */
static gboolean
same_partition(const igraph_vector_int_t *a, const igraph_vector_int_t *b)
{
  const igraph_integer_t n = igraph_vector_int_size(a);
  if (n != igraph_vector_int_size(b))
    return FALSE;
  /* Labels are < n (igraph renumbers densely). */
  igraph_integer_t *forward = g_new(igraph_integer_t, n > 0 ? n : 1);
  igraph_integer_t *backward = g_new(igraph_integer_t, n > 0 ? n : 1);
  for (igraph_integer_t i = 0; i < n; i++)
    forward[i] = backward[i] = -1;
  gboolean same = TRUE;
  for (igraph_integer_t v = 0; v < n && same; v++) {
    igraph_integer_t x = VECTOR(*a)[v], y = VECTOR(*b)[v];
    if (x < 0 || x >= n || y < 0 || y >= n) {
      same = FALSE;
    } else if (forward[x] < 0 && backward[y] < 0) {
      forward[x] = y;
      backward[y] = x;
    } else {
      same = forward[x] == y && backward[y] == x;
    }
  }
  g_free(forward);
  g_free(backward);
  return same;
}

/* The most Leiden iterations "until stable" runs. */
#define LEIDEN_MAX_ITERATIONS 1000

/* Leiden with the modularity objective, as python-igraph's
 * objective_function="modularity": vertex weights are the strengths and
 * the resolution is divided by their sum 2m, which turns igraph's
 * generic quality sum_ij (A_ij - gamma' n_i n_j) delta into 2m times
 * modularity with resolution gamma.
 *
 * "Until stable" is our own loop of single iterations: igraph 0.10.2's
 * negative n_iterations stops at the first iteration that *changes*
 * the partition (igraph issue #2798), and never returns when started
 * from a partition Leiden cannot improve (Louvain's, often). One call with
 * n_iterations = k is k such iterations, each from the previous result,
 * so the loop gives what igraph documents. */
static gboolean
run_leiden(const igraph_t *graph, const igraph_vector_t *weights,
           const CitynetCommunityOptions *options,
           igraph_vector_int_t *membership, GError **error)
{
  const char *what = "Leiden community detection";
  gboolean start = options->start == CITYNET_LEIDEN_START_LOUVAIN;
  if (start && !run_louvain(graph, weights, options->resolution, membership, error))
    return FALSE;

  igraph_vector_t strengths;
  igraph_vector_int_t previous;
  if (!citynet_igraph_check(igraph_vector_init(&strengths, 0), what, error))
    return FALSE;
  if (!citynet_igraph_check(igraph_vector_int_init(&previous, 0), what, error)) {
    igraph_vector_destroy(&strengths);
    return FALSE;
  }
  gboolean ok = citynet_igraph_check(
    igraph_strength(graph, &strengths, igraph_vss_all(), IGRAPH_ALL, IGRAPH_LOOPS,
                    weights),
    what, error);
  const double resolution = options->resolution / igraph_vector_sum(&strengths);
  const gboolean until_stable = options->iterations < 0;
  const igraph_integer_t per_call = until_stable ? 1 : options->iterations;
  for (int call = 0; ok && call < LEIDEN_MAX_ITERATIONS; call++) {
    if (until_stable && call > 0)
      ok = citynet_igraph_check(igraph_vector_int_update(&previous, membership),
                                what, error);
    igraph_integer_t n_clusters;
    igraph_real_t quality;
    ok = ok && citynet_igraph_check(
      igraph_community_leiden(graph, weights, &strengths, resolution, options->beta,
                              start || call > 0, per_call, membership,
                              &n_clusters, &quality),
      what, error);
    if (!until_stable || (call > 0 && same_partition(&previous, membership)))
      break;
  }
  igraph_vector_int_destroy(&previous);
  igraph_vector_destroy(&strengths);
  return ok;
}

static gboolean
detect_seeded(gpointer data, GError **error)
{
  Detect *job = data;
  const gsize n = citynet_view_n_vertices(job->view);
  igraph_t graph;
  igraph_vector_t weights;
  if (!citynet_view_simple_undirected(job->view, &graph, &weights, error))
    return FALSE;
  igraph_vector_int_t membership;
  gboolean ok = citynet_check_weights(&weights, "community detection", error) &&
    citynet_igraph_check(igraph_vector_int_init(&membership, (igraph_integer_t) n),
                         "community detection", error);
  if (ok) {
    const igraph_vector_t *w = job->options->weighted ? &weights : NULL;
    if (igraph_ecount(&graph) == 0) {
      /* Nothing to optimise, and Leiden's resolution / 2m would divide
       * by 0: every vertex is a community of its own. */
      for (gsize v = 0; v < n; v++)
        VECTOR(membership)[v] = (igraph_integer_t) v;
    } else if (job->method == CITYNET_COMMUNITY_LOUVAIN) {
      ok = run_louvain(&graph, w, job->options->resolution, &membership, error);
    } else {
      ok = run_leiden(&graph, w, job->options, &membership, error);
    }
    if (ok) {
      for (gsize v = 0; v < n; v++)
        job->raw[v] = VECTOR(membership)[v];
    }
    igraph_vector_int_destroy(&membership);
  }
  igraph_vector_destroy(&weights);
  igraph_destroy(&graph);
  return ok;
}

CitynetPartition *
citynet_communities_detect(CitynetView *view, CitynetCommunityMethod method,
                           const CitynetCommunityOptions *options,
                           GError **error)
{
  g_return_val_if_fail(view != NULL, NULL);
  g_return_val_if_fail(citynet_community_method_name(method) != NULL, NULL);
  CitynetCommunityOptions *defaults = NULL;
  if (options == NULL)
    options = defaults = citynet_community_options_new();

  const gsize n = citynet_view_n_vertices(view);
  Detect job = { view, options, method, g_new0(gint64, n > 0 ? n : 1) };
  gboolean ok = citynet_igraph_run_seeded(options->seed, detect_seeded, &job, error);
  CitynetPartition *partition = NULL;
  if (ok)
    partition = citynet_partition_new_ranked(view, citynet_community_method_name(method),
                                             job.raw);
  g_free(job.raw);
  citynet_community_options_free(defaults);
  return partition;
}

CitynetPartition *
citynet_communities_louvain(CitynetView *view,
                            const CitynetCommunityOptions *options,
                            GError **error)
{
  return citynet_communities_detect(view, CITYNET_COMMUNITY_LOUVAIN, options, error);
}

CitynetPartition *
citynet_communities_leiden(CitynetView *view,
                           const CitynetCommunityOptions *options,
                           GError **error)
{
  return citynet_communities_detect(view, CITYNET_COMMUNITY_LEIDEN, options, error);
}

/* ------------------------------------------------------------------------ */
/* Modularity                                                               */
/* ------------------------------------------------------------------------ */

static gboolean
membership_vector(const CitynetPartition *partition, igraph_vector_int_t *out,
                  const char *what, GError **error)
{
  if (!citynet_igraph_check(igraph_vector_int_init(out, (igraph_integer_t) partition->n),
                            what, error))
    return FALSE;
  for (gsize v = 0; v < partition->n; v++)
    VECTOR(*out)[v] = partition->membership[v];
  return TRUE;
}

/* igraph_modularity() on @graph; m = 0 gives NaN (igraph's value). */
static gboolean
modularity_on(const igraph_t *graph, const igraph_vector_t *weights,
              const CitynetPartition *partition,
              const CitynetCommunityOptions *options, gboolean directed,
              double *result, GError **error)
{
  const char *what = "modularity";
  if (weights != NULL && !citynet_check_weights(weights, what, error))
    return FALSE;
  igraph_vector_int_t membership;
  if (!membership_vector(partition, &membership, what, error))
    return FALSE;
  igraph_real_t q = NAN;
  gboolean ok = citynet_igraph_check(
    igraph_modularity(graph, &membership, options->weighted ? weights : NULL,
                      options->resolution, directed, &q),
    what, error);
  igraph_vector_int_destroy(&membership);
  if (ok)
    *result = q;
  return ok;
}

static gboolean
modularity_igraph(const CitynetPartition *partition,
                  const CitynetCommunityOptions *options, double *result,
                  GError **error)
{
  const CitynetView *view = partition->view;
  if (options->directed && citynet_view_is_directed(view)) {
    const igraph_t *graph = citynet_view_graph(view, error);
    const igraph_vector_t *weights =
      graph != NULL ? citynet_view_weights(view, error) : NULL;
    return weights != NULL &&
           modularity_on(graph, weights, partition, options, TRUE, result, error);
  }
  igraph_t graph;
  igraph_vector_t weights;
  if (!citynet_view_simple_undirected(view, &graph, &weights, error))
    return FALSE;
  gboolean ok = modularity_on(&graph, &weights, partition, options, FALSE, result,
                              error);
  igraph_vector_destroy(&weights);
  igraph_destroy(&graph);
  return ok;
}

gboolean
citynet_partition_modularity(const CitynetPartition *partition,
                             const CitynetCommunityOptions *options,
                             double *result, GError **error)
{
  g_return_val_if_fail(partition != NULL && result != NULL, FALSE);
  CitynetCommunityOptions *defaults = NULL;
  if (options == NULL)
    options = defaults = citynet_community_options_new();
  citynet_igraph_enter();
  gboolean ok = modularity_igraph(partition, options, result, error);
  citynet_igraph_leave();
  citynet_community_options_free(defaults);
  return ok;
}

/* ------------------------------------------------------------------------ */
/* Comparison                                                               */
/* ------------------------------------------------------------------------ */

gboolean
citynet_partition_compare(const CitynetPartition *a, const CitynetPartition *b,
                          CitynetPartitionComparison method, double *result,
                          GError **error)
{
  g_return_val_if_fail(a != NULL && b != NULL && result != NULL, FALSE);
  g_return_val_if_fail(citynet_partition_comparison_name(method) != NULL, FALSE);
  if (!citynet_views_same_vertices(a->view, b->view)) {
    g_set_error_literal(error, CITYNET_ERROR, CITYNET_ERROR_INVALID_ARGUMENT,
                        "the partitions are of different vertices (views with "
                        "other nodes)");
    return FALSE;
  }
  /* Nothing to compare in an empty view, and igraph refuses the Rand
   * indices below two vertices: undefined. */
  if (a->n == 0 ||
      ((method == CITYNET_COMPARE_ARI || method == CITYNET_COMPARE_RAND) && a->n < 2)) {
    *result = NAN;
    return TRUE;
  }
  static const igraph_community_comparison_t igraph_methods[] = {
    IGRAPH_COMMCMP_NMI, IGRAPH_COMMCMP_ADJUSTED_RAND, IGRAPH_COMMCMP_VI,
    IGRAPH_COMMCMP_RAND
  };
  const char *what = "comparing partitions";
  igraph_vector_int_t ma, mb;
  citynet_igraph_enter();
  gboolean ok = membership_vector(a, &ma, what, error);
  if (ok) {
    ok = membership_vector(b, &mb, what, error);
    if (ok) {
      igraph_real_t value = NAN;
      ok = citynet_igraph_check(igraph_compare_communities(&ma, &mb, &value,
                                                           igraph_methods[method]),
                                what, error);
      if (ok)
        *result = value;
      igraph_vector_int_destroy(&mb);
    }
    igraph_vector_int_destroy(&ma);
  }
  citynet_igraph_leave();
  return ok;
}
