/* libcitynet - centrality measures on views (docs/analytics.md).
 *
 * Each measure is one igraph routine on the view's cached graph. This file
 * adds what igraph leaves to the caller: turning strengths into lengths,
 * checking weights, mapping node subsets to vertex selections, the
 * normalisations igraph does not offer (betweenness, degree), the
 * Wasserman-Faust correction, and a private seeded RNG around the ARPACK
 * routines so every run gives the same digits.
 *
 * All igraph work happens in centrality_run() between one
 * citynet_igraph_enter()/citynet_igraph_leave() pair; the measure functions
 * only fill a result vector and never leave anything on igraph's FINALLY
 * stack, so an error path frees exactly what it allocated.
 */
#include <math.h>
#include <string.h>

#include "analytics-private.h"

struct _CitynetCentralityOptions {
  CitynetMode mode;
  CitynetLength length;
  gboolean weighted;
  gboolean normalized;
  gboolean wf_improved;
  double cutoff;            /* < 0: no cutoff */
  double damping;
  GArray *nodes;            /* gsize network nodes; empty = every vertex */
  GArray *personalization;  /* gsize network nodes; empty = plain PageRank */
};

/* ------------------------------------------------------------------------ */
/* Names                                                                    */
/* ------------------------------------------------------------------------ */

/* Same order as CitynetCentrality. */
static const char *const centrality_names[] = {
  "degree", "strength", "betweenness", "closeness", "harmonic",
  "eigenvector", "pagerank", "hub", "authority", NULL
};

G_STATIC_ASSERT(G_N_ELEMENTS(centrality_names) == CITYNET_CENTRALITY_COUNT + 1);

const char *
citynet_centrality_name(CitynetCentrality measure)
{
  if ((int) measure < 0 || (int) measure >= CITYNET_CENTRALITY_COUNT)
    return NULL;
  return centrality_names[measure];
}

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

gboolean
citynet_centrality_from_string(const char *text, CitynetCentrality *out,
                               GError **error)
{
  int value;
  if (!parse_name("centrality measure", centrality_names, text, &value, error))
    return FALSE;
  if (out != NULL)
    *out = (CitynetCentrality) value;
  return TRUE;
}

gboolean
citynet_mode_from_string(const char *text, CitynetMode *out, GError **error)
{
  static const char *const names[] = { "default", "out", "in", "all", NULL };
  int value;
  if (!parse_name("mode", names, text, &value, error))
    return FALSE;
  if (out != NULL)
    *out = (CitynetMode) value;
  return TRUE;
}

gboolean
citynet_length_from_string(const char *text, CitynetLength *out,
                           GError **error)
{
  static const char *const names[] = { "inverse", "unit", "weight", NULL };
  int value;
  if (!parse_name("length rule", names, text, &value, error))
    return FALSE;
  if (out != NULL)
    *out = (CitynetLength) value;
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Options                                                                  */
/* ------------------------------------------------------------------------ */

CitynetCentralityOptions *
citynet_centrality_options_new(void)
{
  CitynetCentralityOptions *options = g_new0(CitynetCentralityOptions, 1);
  options->mode = CITYNET_MODE_DEFAULT;
  options->length = CITYNET_LENGTH_INVERSE;
  options->weighted = TRUE;
  options->normalized = FALSE;
  options->wf_improved = FALSE;
  options->cutoff = -1.0;
  options->damping = 0.85;
  options->nodes = g_array_new(FALSE, FALSE, sizeof(gsize));
  options->personalization = g_array_new(FALSE, FALSE, sizeof(gsize));
  return options;
}

CitynetCentralityOptions *
citynet_centrality_options_copy(const CitynetCentralityOptions *options)
{
  g_return_val_if_fail(options != NULL, NULL);
  CitynetCentralityOptions *copy = citynet_centrality_options_new();
  GArray *nodes = copy->nodes, *personalization = copy->personalization;
  *copy = *options;
  copy->nodes = g_array_append_vals(nodes, options->nodes->data,
                                    options->nodes->len);
  copy->personalization =
    g_array_append_vals(personalization, options->personalization->data,
                        options->personalization->len);
  return copy;
}

void
citynet_centrality_options_free(CitynetCentralityOptions *options)
{
  if (options == NULL)
    return;
  g_array_unref(options->nodes);
  g_array_unref(options->personalization);
  g_free(options);
}

void
citynet_centrality_options_set_mode(CitynetCentralityOptions *options,
                                    CitynetMode mode)
{
  g_return_if_fail(options != NULL);
  g_return_if_fail(mode >= CITYNET_MODE_DEFAULT && mode <= CITYNET_MODE_ALL);
  options->mode = mode;
}

void
citynet_centrality_options_set_length(CitynetCentralityOptions *options,
                                      CitynetLength length)
{
  g_return_if_fail(options != NULL);
  g_return_if_fail(length >= CITYNET_LENGTH_INVERSE &&
                   length <= CITYNET_LENGTH_WEIGHT);
  options->length = length;
}

void
citynet_centrality_options_set_weighted(CitynetCentralityOptions *options,
                                        gboolean weighted)
{
  g_return_if_fail(options != NULL);
  options->weighted = weighted ? TRUE : FALSE;
}

void
citynet_centrality_options_set_normalized(CitynetCentralityOptions *options,
                                          gboolean normalized)
{
  g_return_if_fail(options != NULL);
  options->normalized = normalized ? TRUE : FALSE;
}

gboolean
citynet_centrality_options_set_cutoff(CitynetCentralityOptions *options,
                                      double cutoff, GError **error)
{
  g_return_val_if_fail(options != NULL, FALSE);
  if (isnan(cutoff)) {
    g_set_error_literal(error, CITYNET_ERROR, CITYNET_ERROR_INVALID_ARGUMENT,
                        "the path length cutoff is not a number");
    return FALSE;
  }
  options->cutoff = cutoff < 0 ? -1.0 : cutoff;
  return TRUE;
}

gboolean
citynet_centrality_options_set_damping(CitynetCentralityOptions *options,
                                       double damping, GError **error)
{
  g_return_val_if_fail(options != NULL, FALSE);
  if (!(damping >= 0.0 && damping <= 1.0)) {
    g_set_error(error, CITYNET_ERROR, CITYNET_ERROR_INVALID_ARGUMENT,
                "the damping factor must be between 0 and 1, not %g", damping);
    return FALSE;
  }
  options->damping = damping;
  return TRUE;
}

void
citynet_centrality_options_set_wf_improved(CitynetCentralityOptions *options,
                                           gboolean wf_improved)
{
  g_return_if_fail(options != NULL);
  options->wf_improved = wf_improved ? TRUE : FALSE;
}

static void
set_node_list(GArray *array, const gsize *nodes, gsize n)
{
  g_array_set_size(array, 0);
  if (nodes != NULL && n > 0)
    g_array_append_vals(array, nodes, (guint) n);
}

void
citynet_centrality_options_set_nodes(CitynetCentralityOptions *options,
                                     const gsize *nodes, gsize n)
{
  g_return_if_fail(options != NULL);
  set_node_list(options->nodes, nodes, n);
}

void
citynet_centrality_options_set_personalization(CitynetCentralityOptions *options,
                                               const gsize *nodes, gsize n)
{
  g_return_if_fail(options != NULL);
  set_node_list(options->personalization, nodes, n);
}

void
citynet_centrality_options_get_paths(const CitynetCentralityOptions *options,
                                     CitynetMode *mode, CitynetLength *length,
                                     gboolean *weighted, gboolean *normalized,
                                     double *cutoff, const gsize **nodes,
                                     gsize *n_nodes)
{
  CitynetCentralityOptions *defaults = NULL;
  if (options == NULL)
    options = defaults = citynet_centrality_options_new();
  if (mode != NULL)
    *mode = options->mode;
  if (length != NULL)
    *length = options->length;
  if (weighted != NULL)
    *weighted = options->weighted;
  if (normalized != NULL)
    *normalized = options->normalized;
  if (cutoff != NULL)
    *cutoff = options->cutoff;
  if (nodes != NULL)
    *nodes = defaults != NULL ? NULL : (const gsize *) options->nodes->data;
  if (n_nodes != NULL)
    *n_nodes = options->nodes->len;
  citynet_centrality_options_free(defaults);
}

/* ------------------------------------------------------------------------ */
/* One computation                                                          */
/* ------------------------------------------------------------------------ */

/* What a measure function gets: the view's graph and weights, the
 * options, and the vertex selection the result must follow. */
typedef struct {
  CitynetView *view;
  const CitynetCentralityOptions *options;
  const igraph_t *graph;
  const igraph_vector_t *weights;   /* the view's strengths */
  igraph_vs_t vids;                 /* all vertices, or the subset */
  const guint32 *subset;            /* NULL = all vertices */
  gsize n_subset;
  gsize n;                          /* vertices of the view */
  gboolean directed;                /* the view's graph is directed */
} Job;

typedef gboolean (*MeasureFunc)(Job *job, igraph_vector_t *result,
                                GError **error);

static igraph_neimode_t
job_neimode(const Job *job, CitynetMode conventional)
{
  CitynetMode mode = job->options->mode == CITYNET_MODE_DEFAULT
                       ? conventional : job->options->mode;
  switch (mode) {
  case CITYNET_MODE_OUT:
    return IGRAPH_OUT;
  case CITYNET_MODE_IN:
    return IGRAPH_IN;
  default:
    return IGRAPH_ALL;
  }
}

/* Whether directed-or-not measures (betweenness, eigenvector, PageRank)
 * follow direction: on a directed view, unless the mode is ALL. */
static gboolean
job_follows_direction(const Job *job)
{
  return job->directed && job->options->mode != CITYNET_MODE_ALL;
}

/* The weights a strength-based measure uses, or NULL when unweighted. */
static const igraph_vector_t *
job_strengths(const Job *job, const char *what, GError **error,
              gboolean *ok)
{
  *ok = TRUE;
  if (!job->options->weighted)
    return NULL;
  *ok = citynet_check_weights(job->weights, what, error);
  return job->weights;
}

/* Fills @lengths from the view's weights per the length rule; returns
 * FALSE with @lengths untouched when the measure should run unweighted
 * (*use = FALSE) or on error. On success with *use = TRUE the caller
 * destroys @lengths. */
static gboolean
job_lengths(const Job *job, const char *what, igraph_vector_t *lengths,
            gboolean *use, GError **error)
{
  *use = FALSE;
  if (!job->options->weighted || job->options->length == CITYNET_LENGTH_UNIT)
    return TRUE;
  if (!citynet_check_weights(job->weights, what, error))
    return FALSE;
  if (!citynet_igraph_check(igraph_vector_init_copy(lengths, job->weights),
                            what, error))
    return FALSE;
  if (job->options->length == CITYNET_LENGTH_INVERSE) {
    const igraph_integer_t m = igraph_vector_size(lengths);
    for (igraph_integer_t e = 0; e < m; e++)
      VECTOR(*lengths)[e] = 1.0 / VECTOR(*lengths)[e];
    /* 1/w of a tiny weight can overflow; a length must stay finite. */
    if (!citynet_check_weights(lengths, what, error)) {
      igraph_vector_destroy(lengths);
      return FALSE;
    }
  }
  *use = TRUE;
  return TRUE;
}

/* Copies the entries of @all (one per vertex) selected by the job into
 * @result, for igraph routines that always compute every vertex. */
static gboolean
job_select(const Job *job, igraph_vector_t *all, igraph_vector_t *result,
           const char *what, GError **error)
{
  if (job->subset == NULL)
    return citynet_igraph_check(igraph_vector_update(result, all), what, error);
  if (!citynet_igraph_check(igraph_vector_resize(result,
                                                 (igraph_integer_t) job->n_subset),
                            what, error))
    return FALSE;
  for (gsize i = 0; i < job->n_subset; i++)
    VECTOR(*result)[i] = VECTOR(*all)[job->subset[i]];
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* The measures                                                             */
/* ------------------------------------------------------------------------ */

static gboolean
measure_degree(Job *job, igraph_vector_t *result, GError **error)
{
  igraph_vector_int_t degrees;
  if (!citynet_igraph_check(igraph_vector_int_init(&degrees, 0), "degree", error))
    return FALSE;
  gboolean ok = citynet_igraph_check(
    igraph_degree(job->graph, &degrees, job->vids,
                  job_neimode(job, CITYNET_MODE_ALL), IGRAPH_LOOPS),
    "degree", error);
  if (ok)
    ok = citynet_igraph_check(igraph_vector_resize(result,
                                                   igraph_vector_int_size(&degrees)),
                              "degree", error);
  if (ok) {
    const double scale = job->options->normalized ? (double) job->n - 1.0 : 1.0;
    for (igraph_integer_t i = 0; i < igraph_vector_int_size(&degrees); i++)
      VECTOR(*result)[i] = (double) VECTOR(degrees)[i] / scale;
  }
  igraph_vector_int_destroy(&degrees);
  return ok;
}

static gboolean
measure_strength(Job *job, igraph_vector_t *result, GError **error)
{
  gboolean ok;
  const igraph_vector_t *weights = job_strengths(job, "strength", error, &ok);
  return ok && citynet_igraph_check(
    igraph_strength(job->graph, result, job->vids,
                    job_neimode(job, CITYNET_MODE_ALL), IGRAPH_LOOPS, weights),
    "strength", error);
}

static gboolean
measure_betweenness(Job *job, igraph_vector_t *result, GError **error)
{
  igraph_vector_t lengths;
  gboolean use_lengths;
  if (!job_lengths(job, "betweenness", &lengths, &use_lengths, error))
    return FALSE;
  const gboolean directed = job_follows_direction(job);
  gboolean ok = citynet_igraph_check(
    igraph_betweenness_cutoff(job->graph, result, job->vids, directed,
                              use_lengths ? &lengths : NULL,
                              job->options->cutoff),
    "betweenness", error);
  if (use_lengths)
    igraph_vector_destroy(&lengths);

  /* Freeman's normalisation by the number of pairs of other vertices:
   * ordered pairs on directed paths, unordered ones otherwise. */
  if (ok && job->options->normalized && job->n > 2) {
    double pairs = ((double) job->n - 1.0) * ((double) job->n - 2.0);
    if (!directed)
      pairs /= 2.0;
    igraph_vector_scale(result, 1.0 / pairs);
  }
  return ok;
}

static gboolean
measure_closeness(Job *job, igraph_vector_t *result, GError **error)
{
  igraph_vector_t lengths;
  gboolean use_lengths;
  igraph_vector_int_t reached;
  if (!job_lengths(job, "closeness", &lengths, &use_lengths, error))
    return FALSE;
  gboolean ok = citynet_igraph_check(igraph_vector_int_init(&reached, 0),
                                     "closeness", error);
  if (ok) {
    ok = citynet_igraph_check(
      igraph_closeness_cutoff(job->graph, result, &reached, NULL, job->vids,
                              job_neimode(job, CITYNET_MODE_OUT),
                              use_lengths ? &lengths : NULL,
                              job->options->normalized, job->options->cutoff),
      "closeness", error);
    /* Wasserman and Faust: scale by the share of the other vertices that
     * are reached, so a vertex in a small component cannot outrank one
     * that reaches most of the network. A vertex reaching none stays NaN
     * (igraph's value: its closeness is undefined). */
    if (ok && job->options->wf_improved && job->n > 1) {
      for (igraph_integer_t i = 0; i < igraph_vector_size(result); i++)
        if (VECTOR(reached)[i] > 0)
          VECTOR(*result)[i] *= (double) VECTOR(reached)[i] / ((double) job->n - 1.0);
    }
    igraph_vector_int_destroy(&reached);
  }
  if (use_lengths)
    igraph_vector_destroy(&lengths);
  return ok;
}

static gboolean
measure_harmonic(Job *job, igraph_vector_t *result, GError **error)
{
  igraph_vector_t lengths;
  gboolean use_lengths;
  if (!job_lengths(job, "harmonic centrality", &lengths, &use_lengths, error))
    return FALSE;
  gboolean ok = citynet_igraph_check(
    igraph_harmonic_centrality_cutoff(job->graph, result, job->vids,
                                      job_neimode(job, CITYNET_MODE_OUT),
                                      use_lengths ? &lengths : NULL,
                                      job->options->normalized,
                                      job->options->cutoff),
    "harmonic centrality", error);
  if (use_lengths)
    igraph_vector_destroy(&lengths);
  return ok;
}

/* ARPACK may draw a random start vector from igraph's default RNG: run the
 * spectral measures with our own seeded RNG so results never depend on
 * what the host did with igraph's RNG before. */
static gboolean
with_private_rng(MeasureFunc func, Job *job, igraph_vector_t *result,
                 GError **error)
{
  CitynetIgraphRng rng;
  if (!citynet_igraph_rng_push(&rng, CITYNET_ANALYTICS_SEED, error))
    return FALSE;
  gboolean ok = func(job, result, error);
  citynet_igraph_rng_pop(&rng);
  return ok;
}

static gboolean
eigenvector_seeded(Job *job, igraph_vector_t *result, GError **error)
{
  gboolean ok;
  const igraph_vector_t *weights = job_strengths(job, "eigenvector centrality",
                                                 error, &ok);
  if (!ok)
    return FALSE;
  igraph_vector_t all;
  igraph_real_t value;
  if (!citynet_igraph_check(igraph_vector_init(&all, 0),
                            "eigenvector centrality", error))
    return FALSE;
  ok = citynet_igraph_check(
         igraph_eigenvector_centrality(job->graph, &all, &value,
                                       job_follows_direction(job), TRUE,
                                       weights, NULL),
         "eigenvector centrality", error) &&
       job_select(job, &all, result, "eigenvector centrality", error);
  igraph_vector_destroy(&all);
  return ok;
}

static gboolean
measure_eigenvector(Job *job, igraph_vector_t *result, GError **error)
{
  return with_private_rng(eigenvector_seeded, job, result, error);
}

static gboolean
measure_pagerank(Job *job, igraph_vector_t *result, GError **error)
{
  gboolean ok;
  const igraph_vector_t *weights = job_strengths(job, "PageRank", error, &ok);
  if (!ok)
    return FALSE;
  const GArray *personal = job->options->personalization;
  igraph_real_t value;
  if (personal->len == 0)
    return citynet_igraph_check(
      igraph_pagerank(job->graph, IGRAPH_PAGERANK_ALGO_PRPACK, result, &value,
                      job->vids, job_follows_direction(job),
                      job->options->damping, weights, NULL),
      "PageRank", error);

  guint32 *reset_vertices =
    citynet_view_vertices_of_nodes(job->view, (const gsize *) personal->data,
                                   personal->len, "personalisation node", error);
  if (reset_vertices == NULL)
    return FALSE;
  igraph_vector_t reset;
  ok = citynet_igraph_check(igraph_vector_init(&reset, (igraph_integer_t) job->n),
                            "PageRank", error);
  if (ok) {
    for (guint i = 0; i < personal->len; i++)
      VECTOR(reset)[reset_vertices[i]] = 1.0;
    ok = citynet_igraph_check(
      igraph_personalized_pagerank(job->graph, IGRAPH_PAGERANK_ALGO_PRPACK,
                                   result, &value, job->vids,
                                   job_follows_direction(job),
                                   job->options->damping, &reset, weights,
                                   NULL),
      "personalised PageRank", error);
    igraph_vector_destroy(&reset);
  }
  g_free(reset_vertices);
  return ok;
}

/* Hub and authority scores come from one ARPACK run; @want_hubs picks. */
static gboolean
hits_seeded(Job *job, igraph_vector_t *result, gboolean want_hubs,
            GError **error)
{
  gboolean ok;
  const igraph_vector_t *weights = job_strengths(job, "hub and authority scores",
                                                 error, &ok);
  if (!ok)
    return FALSE;
  igraph_vector_t hubs, authorities;
  igraph_real_t value;
  if (!citynet_igraph_check(igraph_vector_init(&hubs, 0), "hub scores", error))
    return FALSE;
  if (!citynet_igraph_check(igraph_vector_init(&authorities, 0), "hub scores",
                            error)) {
    igraph_vector_destroy(&hubs);
    return FALSE;
  }
  ok = citynet_igraph_check(
         igraph_hub_and_authority_scores(job->graph, &hubs, &authorities,
                                         &value, TRUE, weights, NULL),
         "hub and authority scores", error) &&
       job_select(job, want_hubs ? &hubs : &authorities, result,
                  "hub and authority scores", error);
  igraph_vector_destroy(&hubs);
  igraph_vector_destroy(&authorities);
  return ok;
}

static gboolean
hub_seeded(Job *job, igraph_vector_t *result, GError **error)
{
  return hits_seeded(job, result, TRUE, error);
}

static gboolean
authority_seeded(Job *job, igraph_vector_t *result, GError **error)
{
  return hits_seeded(job, result, FALSE, error);
}

static gboolean
measure_hub(Job *job, igraph_vector_t *result, GError **error)
{
  return with_private_rng(hub_seeded, job, result, error);
}

static gboolean
measure_authority(Job *job, igraph_vector_t *result, GError **error)
{
  return with_private_rng(authority_seeded, job, result, error);
}

/* Same order as CitynetCentrality. */
static const MeasureFunc measure_funcs[] = {
  measure_degree, measure_strength, measure_betweenness, measure_closeness,
  measure_harmonic, measure_eigenvector, measure_pagerank, measure_hub,
  measure_authority,
};

G_STATIC_ASSERT(G_N_ELEMENTS(measure_funcs) == CITYNET_CENTRALITY_COUNT);

/* ------------------------------------------------------------------------ */
/* The driver                                                               */
/* ------------------------------------------------------------------------ */

/* Runs @measure inside igraph, which writes the values straight into
 * *@values (room for job->n_subset, or job->n, doubles): the result vector
 * is a view of that array, so igraph's resize to the same size is a no-op
 * instead of a second vertex-sized array and a copy. Should igraph ever
 * grow the vector, it realloc()s the array, which is valid because
 * g_malloc() is the system malloc() (GLib >= 2.46): *@values then follows
 * the vector's storage. Either way *@values stays g_free()-able. */
static gboolean
centrality_igraph(Job *job, CitynetCentrality measure, double **values,
                  gsize n_values, GError **error)
{
  igraph_vector_int_t subset_ids;
  igraph_vector_t result = { NULL, NULL, NULL };
  gboolean ok = TRUE;

  job->graph = citynet_view_graph(job->view, error);
  job->weights = job->graph != NULL ? citynet_view_weights(job->view, error) : NULL;
  if (job->weights == NULL)
    return FALSE;

  if (job->subset != NULL) {
    if (!citynet_igraph_check(igraph_vector_int_init(&subset_ids,
                                                     (igraph_integer_t) job->n_subset),
                              citynet_centrality_name(measure), error))
      return FALSE;
    for (gsize i = 0; i < job->n_subset; i++)
      VECTOR(subset_ids)[i] = job->subset[i];
    job->vids = igraph_vss_vector(&subset_ids);
  } else {
    job->vids = igraph_vss_all();
  }

  /* An empty view of igraph points at a static dummy, not at *values:
   * for no values an ordinary empty vector. */
  if (n_values > 0)
    igraph_vector_view(&result, *values, (igraph_integer_t) n_values);
  else
    ok = citynet_igraph_check(igraph_vector_init(&result, 0),
                              citynet_centrality_name(measure), error);
  if (ok)
    ok = measure_funcs[measure](job, &result, error);
  if (n_values > 0)
    *values = VECTOR(result);
  if (ok && (gsize) igraph_vector_size(&result) != n_values) {
    g_set_error(error, CITYNET_ERROR, CITYNET_ERROR_COMPUTATION,
                "%s: igraph returned %" G_GINT64_FORMAT " values for %"
                G_GSIZE_FORMAT " vertices", citynet_centrality_name(measure),
                (gint64) igraph_vector_size(&result), n_values);
    ok = FALSE;
  }
  if (n_values == 0 && result.stor_begin != NULL)
    igraph_vector_destroy(&result);
  if (job->subset != NULL)
    igraph_vector_int_destroy(&subset_ids);
  return ok;
}

CitynetScores *
citynet_centrality_compute(CitynetView *view, CitynetCentrality measure,
                           const CitynetCentralityOptions *options,
                           GError **error)
{
  g_return_val_if_fail(view != NULL, NULL);
  g_return_val_if_fail(citynet_centrality_name(measure) != NULL, NULL);

  CitynetCentralityOptions *defaults = NULL;
  if (options == NULL)
    options = defaults = citynet_centrality_options_new();

  Job job = {
    .view = view,
    .options = options,
    .n = citynet_view_n_vertices(view),
    .directed = citynet_view_is_directed(view),
  };
  guint32 *subset = NULL;
  if (options->nodes->len > 0) {
    subset = citynet_view_vertices_of_nodes(view, (const gsize *) options->nodes->data,
                                            options->nodes->len, "node", error);
    if (subset == NULL) {
      citynet_centrality_options_free(defaults);
      return NULL;
    }
    job.subset = subset;
    job.n_subset = options->nodes->len;
  }

  const gsize n_values = subset != NULL ? job.n_subset : job.n;
  double *values = g_new(double, n_values > 0 ? n_values : 1);
  citynet_igraph_enter();
  gboolean ok = centrality_igraph(&job, measure, &values, n_values, error);
  citynet_igraph_leave();
  citynet_centrality_options_free(defaults);
  if (!ok) {
    g_free(values);
    g_free(subset);
    return NULL;
  }
  return citynet_scores_new_take(view, citynet_centrality_name(measure),
                                 subset, values, n_values);
}

CitynetScores *
citynet_centrality_degree(CitynetView *view,
                          const CitynetCentralityOptions *options,
                          GError **error)
{
  return citynet_centrality_compute(view, CITYNET_CENTRALITY_DEGREE, options,
                                    error);
}

CitynetScores *
citynet_centrality_strength(CitynetView *view,
                            const CitynetCentralityOptions *options,
                            GError **error)
{
  return citynet_centrality_compute(view, CITYNET_CENTRALITY_STRENGTH, options,
                                    error);
}

CitynetScores *
citynet_centrality_betweenness(CitynetView *view,
                               const CitynetCentralityOptions *options,
                               GError **error)
{
  return citynet_centrality_compute(view, CITYNET_CENTRALITY_BETWEENNESS,
                                    options, error);
}

CitynetScores *
citynet_centrality_closeness(CitynetView *view,
                             const CitynetCentralityOptions *options,
                             GError **error)
{
  return citynet_centrality_compute(view, CITYNET_CENTRALITY_CLOSENESS,
                                    options, error);
}

CitynetScores *
citynet_centrality_harmonic(CitynetView *view,
                            const CitynetCentralityOptions *options,
                            GError **error)
{
  return citynet_centrality_compute(view, CITYNET_CENTRALITY_HARMONIC, options,
                                    error);
}

CitynetScores *
citynet_centrality_eigenvector(CitynetView *view,
                               const CitynetCentralityOptions *options,
                               GError **error)
{
  return citynet_centrality_compute(view, CITYNET_CENTRALITY_EIGENVECTOR,
                                    options, error);
}

CitynetScores *
citynet_centrality_pagerank(CitynetView *view,
                            const CitynetCentralityOptions *options,
                            GError **error)
{
  return citynet_centrality_compute(view, CITYNET_CENTRALITY_PAGERANK, options,
                                    error);
}

CitynetScores *
citynet_centrality_hub(CitynetView *view,
                       const CitynetCentralityOptions *options, GError **error)
{
  return citynet_centrality_compute(view, CITYNET_CENTRALITY_HUB, options,
                                    error);
}

CitynetScores *
citynet_centrality_authority(CitynetView *view,
                             const CitynetCentralityOptions *options,
                             GError **error)
{
  return citynet_centrality_compute(view, CITYNET_CENTRALITY_AUTHORITY, options,
                                    error);
}
