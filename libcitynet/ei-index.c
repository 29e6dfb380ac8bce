/* libcitynet - Krackhardt & Stern's E-I index at the ego, group and
 * network levels, raw and rescaled, with stratified permutation tests of
 * the node labels (docs/alignment.md).
 *
 * The index runs on the view's edges (after combining parallel ties): an
 * edge between two labelled vertices is internal when both have the same
 * label, external otherwise. Counted (binary) and weighted versions are
 * computed side by side. Labels are permuted among labelled vertices
 * within strata by undoable partial Fisher-Yates draws (permutation.h):
 * the ego test draws labels only for the ego's alters, O(degree) per
 * permutation; the network test relabels every labelled vertex and rescans
 * the edges, O(n + m) per permutation. No igraph call is made. */
#include <math.h>
#include <string.h>

#include "alignment-private.h"
#include "permutation.h"
#include "progress-private.h"
#include "view-private.h"

enum {
  RUN_EI_EGO = 0,
  RUN_EI_NETWORK = 1
};

#define REPLICATE_CHUNK 64

enum { BINARY = 0, WEIGHTED = 1 };

typedef struct {
  CitynetEILevel level;
  const char *key;           /* into index->label_names, or NULL */
  gsize members;
  double internal[2];
  double external[2];
  double ei[2];
  double rescaled[2];
  double minimum[2];
  double maximum[2];
  double expected;
  CitynetTestResult test[2];
} EIRow;

struct _CitynetEIIndex {
  CitynetView *view;         /* owned reference */
  CitynetDate label_date;
  char **label_names;        /* owned, label order (sorted) */
  GArray *rows;              /* EIRow */
};

/* The labelling and the counted edges, shared read-only by the threads. */
typedef struct {
  gsize n;                   /* vertices */
  gint32 *label;             /* vertex -> label, -1 = none */
  gsize n_labels;
  gsize *members;            /* label -> labelled vertices */
  gsize n_labelled;
  guint32 *stratum;          /* vertex -> stratum (labelled vertices) */
  gsize n_strata;
  /* Edges between labelled vertices. */
  gsize n_edges;
  guint32 *edge_from;
  guint32 *edge_to;
  double *edge_weight;
  gboolean directed;
  gboolean multigraph;
  /* Ego test. */
  gssize ego;                /* vertex, -1 = none */
  gsize n_alters;
  guint32 *alter;            /* labelled alters (vertices) */
  double *alter_edges;       /* edges between ego and the alter */
  double *alter_weight;      /* their weight */
  /* Replicates. */
  guint64 seed;
  CitynetStrata strata;      /* pool of labels to draw from */
  gsize n_stats;
  double *out;
} EIData;

/* ------------------------------------------------------------------------ */
/* Labels and strata                                                        */
/* ------------------------------------------------------------------------ */

static CitynetDate
default_label_date(const CitynetView *view)
{
  CitynetDate from, to;
  citynet_view_get_period(view, &from, &to);
  return from != CITYNET_DATE_OPEN ? from : to;
}

static int
compare_names(gconstpointer a, gconstpointer b)
{
  return strcmp(*(const char *const *) a, *(const char *const *) b);
}

/* Labels every vertex; returns the label names in sorted order (owned). */
static char **
make_labels(EIData *data, const CitynetView *view, const char *group,
            CitynetDate day)
{
  const CitynetNetwork *network = citynet_view_get_network(view);
  GPtrArray *names = g_ptr_array_new();
  GHashTable *index = g_hash_table_new(g_str_hash, g_str_equal);
  char *inside = group != NULL ? g_strdup(group) : NULL;
  char *outside = group != NULL ? g_strconcat("not ", group, NULL) : NULL;
  data->label = g_new(gint32, MAX(data->n, (gsize) 1));
  for (gsize v = 0; v < data->n; v++) {
    gsize node = citynet_view_vertex_node(view, v);
    const char *code = citynet_network_node_country(network, node);
    const char *name;
    if (code == NULL)
      name = NULL;
    else if (group == NULL)
      name = code;
    else
      name = citynet_alignment_country_in(network,
                                          citynet_network_country_index(network, code),
                                          group, day)
                 ? inside : outside;
    if (name == NULL) {
      data->label[v] = -1;
      continue;
    }
    gpointer found = g_hash_table_lookup(index, name);
    if (found == NULL) {
      g_ptr_array_add(names, (gpointer) name);
      found = GUINT_TO_POINTER(names->len);
      g_hash_table_insert(index, (gpointer) name, found);
    }
    data->label[v] = (gint32) GPOINTER_TO_UINT(found) - 1;
  }
  /* Renumber the labels in key order. */
  GPtrArray *sorted = g_ptr_array_copy(names, NULL, NULL);
  g_ptr_array_sort(sorted, compare_names);
  gint32 *renumber = g_new(gint32, MAX(names->len, 1u));
  char **result = g_new0(char *, names->len + 1);
  for (guint k = 0; k < sorted->len; k++) {
    const char *name = g_ptr_array_index(sorted, k);
    renumber[GPOINTER_TO_UINT(g_hash_table_lookup(index, name)) - 1] = (gint32) k;
    result[k] = g_strdup(name);
  }
  data->n_labels = names->len;
  data->members = g_new0(gsize, MAX(data->n_labels, (gsize) 1));
  for (gsize v = 0; v < data->n; v++)
    if (data->label[v] >= 0) {
      data->label[v] = renumber[data->label[v]];
      data->members[data->label[v]]++;
      data->n_labelled++;
    }
  g_free(renumber);
  g_ptr_array_unref(sorted);
  g_ptr_array_unref(names);
  g_hash_table_unref(index);
  g_free(inside);
  g_free(outside);
  return result;
}

/* Strata of the labelled vertices: (kind, first stratum group), numbered
 * densely in order of first appearance. */
static void
make_strata(EIData *data, const CitynetView *view,
            const CitynetAlignmentOptions *options, CitynetDate day)
{
  const CitynetNetwork *network = citynet_view_get_network(view);
  GHashTable *ids = g_hash_table_new(g_direct_hash, g_direct_equal);
  data->stratum = g_new0(guint32, MAX(data->n, (gsize) 1));
  gsize n_groups = options->strata_groups->len;
  for (gsize v = 0; v < data->n; v++) {
    if (data->label[v] < 0)
      continue;
    gsize node = citynet_view_vertex_node(view, v);
    gsize kind = options->strata_by_kind
                     ? (gsize) citynet_network_kind_index(network,
                                                          citynet_network_node_kind(network, node))
                     : 0;
    gssize country = citynet_network_node_country_index(network, node);
    gsize g = 0;
    while (g < n_groups &&
           !citynet_alignment_country_in(network, country,
                                         g_ptr_array_index(options->strata_groups, g), day))
      g++;
    gsize key = kind * (n_groups + 1) + g + 1;
    gpointer id = g_hash_table_lookup(ids, GSIZE_TO_POINTER(key));
    if (id == NULL) {
      id = GSIZE_TO_POINTER(g_hash_table_size(ids) + 1);
      g_hash_table_insert(ids, GSIZE_TO_POINTER(key), id);
    }
    data->stratum[v] = (guint32) (GPOINTER_TO_SIZE(id) - 1);
  }
  data->n_strata = MAX(g_hash_table_size(ids), 1u);
  g_hash_table_unref(ids);
}

/* The pool of labels to permute: those of every labelled vertex but
 * @skip (the ego in the ego test, -1 for none). */
static void
make_pool(EIData *data, gssize skip)
{
  guint32 *values = g_new(guint32, MAX(data->n_labelled, (gsize) 1));
  guint32 *strata = g_new(guint32, MAX(data->n_labelled, (gsize) 1));
  gsize n = 0;
  for (gsize v = 0; v < data->n; v++)
    if (data->label[v] >= 0 && (gssize) v != skip) {
      values[n] = (guint32) data->label[v];
      strata[n] = data->stratum[v];
      n++;
    }
  citynet_strata_clear(&data->strata);
  citynet_strata_init(&data->strata, values, strata, n, data->n_strata);
  g_free(values);
  g_free(strata);
}

static void
collect_edges(EIData *data, const CitynetView *view)
{
  gsize m = citynet_view_n_edges(view);
  data->edge_from = g_new(guint32, MAX(m, (gsize) 1));
  data->edge_to = g_new(guint32, MAX(m, (gsize) 1));
  data->edge_weight = g_new(double, MAX(m, (gsize) 1));
  for (gsize e = 0; e < m; e++) {
    gsize from, to;
    double weight = citynet_view_edge(view, e, &from, &to);
    if (data->label[from] < 0 || data->label[to] < 0)
      continue;
    data->edge_from[data->n_edges] = (guint32) from;
    data->edge_to[data->n_edges] = (guint32) to;
    data->edge_weight[data->n_edges] = weight;
    data->n_edges++;
  }
}

/* The ego's labelled alters with the number and weight of their edges
 * with the ego, in vertex order. */
static void
collect_alters(EIData *data)
{
  GHashTable *slot = g_hash_table_new(g_direct_hash, g_direct_equal);
  GArray *alters = g_array_new(FALSE, FALSE, sizeof(guint32));
  GArray *edges = g_array_new(FALSE, TRUE, sizeof(double));
  GArray *weights = g_array_new(FALSE, TRUE, sizeof(double));
  for (gsize e = 0; e < data->n_edges; e++) {
    guint32 other;
    if ((gssize) data->edge_from[e] == data->ego)
      other = data->edge_to[e];
    else if ((gssize) data->edge_to[e] == data->ego)
      other = data->edge_from[e];
    else
      continue;
    gpointer found = g_hash_table_lookup(slot, GUINT_TO_POINTER(other + 1u));
    if (found == NULL) {
      g_array_append_val(alters, other);
      g_array_set_size(edges, alters->len);
      g_array_set_size(weights, alters->len);
      found = GUINT_TO_POINTER(alters->len);
      g_hash_table_insert(slot, GUINT_TO_POINTER(other + 1u), found);
    }
    guint i = GPOINTER_TO_UINT(found) - 1;
    g_array_index(edges, double, i) += 1.0;
    g_array_index(weights, double, i) += data->edge_weight[e];
  }
  data->n_alters = alters->len;
  data->alter = (guint32 *) (void *) g_array_free(alters, FALSE);
  data->alter_edges = (double *) (void *) g_array_free(edges, FALSE);
  data->alter_weight = (double *) (void *) g_array_free(weights, FALSE);
  g_hash_table_unref(slot);
}

static void
ei_data_clear(EIData *data)
{
  g_free(data->label);
  g_free(data->members);
  g_free(data->stratum);
  g_free(data->edge_from);
  g_free(data->edge_to);
  g_free(data->edge_weight);
  g_free(data->alter);
  g_free(data->alter_edges);
  g_free(data->alter_weight);
  citynet_strata_clear(&data->strata);
}

/* ------------------------------------------------------------------------ */
/* Observed values and bounds                                               */
/* ------------------------------------------------------------------------ */

static double
ei_value(double external, double internal)
{
  double total = external + internal;
  return total > 0.0 ? (external - internal) / total : NAN;
}

static int
compare_descending(gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x > y ? -1 : (x < y ? 1 : 0);
}

/* The sum of the @k largest of @weights (sorted descending). */
static double
top_sum(const double *sorted, gsize n, double k)
{
  double sum = 0.0;
  for (gsize i = 0; i < n && (double) i < k; i++)
    sum += sorted[i];
  return sum;
}

/* Fills the bounds, rescaled and expected values of @row from the weights
 * of its counted edges and its possible internal and external dyads. */
static void
row_bounds(EIRow *row, GArray *weights, double internal_dyads,
           double external_dyads, gboolean multigraph)
{
  gsize n = weights->len;
  double *w = (double *) (void *) weights->data;
  if (n > 1)
    qsort(w, n, sizeof(double), compare_descending);
  row->expected = internal_dyads + external_dyads > 0.0
                      ? (external_dyads - internal_dyads) / (internal_dyads + external_dyads)
                      : NAN;
  /* In a multigraph a dyad can hold any number of edges. */
  double cap_external = multigraph && external_dyads > 0.0 ? (double) n : external_dyads;
  double cap_internal = multigraph && internal_dyads > 0.0 ? (double) n : internal_dyads;
  for (int kind = BINARY; kind <= WEIGHTED; kind++) {
    double total = kind == BINARY ? (double) n : top_sum(w, n, (double) n);
    double most_external = kind == BINARY ? MIN((double) n, cap_external)
                                          : top_sum(w, n, cap_external);
    double most_internal = kind == BINARY ? MIN((double) n, cap_internal)
                                          : top_sum(w, n, cap_internal);
    if (!(total > 0.0)) {
      row->minimum[kind] = row->maximum[kind] = row->rescaled[kind] = NAN;
      continue;
    }
    row->maximum[kind] = (2.0 * most_external - total) / total;
    row->minimum[kind] = (total - 2.0 * most_internal) / total;
    double span = row->maximum[kind] - row->minimum[kind];
    row->rescaled[kind] = span > 1e-12 && !isnan(row->ei[kind])
                              ? -1.0 + 2.0 * (row->ei[kind] - row->minimum[kind]) / span
                              : NAN;
  }
}

static double
pairs(double k)
{
  return k * (k - 1.0) / 2.0;
}

static void
row_init(EIRow *row, CitynetEILevel level, const char *key, gsize members)
{
  memset(row, 0, sizeof(*row));
  row->level = level;
  row->key = key;
  row->members = members;
  for (int kind = BINARY; kind <= WEIGHTED; kind++) {
    row->ei[kind] = row->rescaled[kind] = row->minimum[kind] = row->maximum[kind] = NAN;
    citynet_test_result_init(&row->test[kind], NAN);
  }
  row->expected = NAN;
}

static void
row_count(EIRow *row, gboolean internal, double weight, GArray *weights)
{
  if (internal) {
    row->internal[BINARY] += 1.0;
    row->internal[WEIGHTED] += weight;
  } else {
    row->external[BINARY] += 1.0;
    row->external[WEIGHTED] += weight;
  }
  g_array_append_val(weights, weight);
}

static void
row_finish(EIRow *row, GArray *weights, double internal_dyads,
           double external_dyads, gboolean multigraph)
{
  for (int kind = BINARY; kind <= WEIGHTED; kind++) {
    row->ei[kind] = ei_value(row->external[kind], row->internal[kind]);
    row->test[kind].observed = row->ei[kind];
  }
  row_bounds(row, weights, internal_dyads, external_dyads, multigraph);
}

static void
observed_rows(CitynetEIIndex *index, const EIData *data)
{
  const double dir = data->directed ? 2.0 : 1.0;
  const double N = (double) data->n_labelled;
  GArray *weights = g_array_new(FALSE, FALSE, sizeof(double));

  /* The ego row (added by the caller) when the ego has a label. */
  if (data->ego >= 0 && data->label[data->ego] >= 0) {
    EIRow *row = &g_array_index(index->rows, EIRow, 0);
    gint32 own = data->label[data->ego];
    for (gsize e = 0; e < data->n_edges; e++) {
      gssize from = data->edge_from[e], to = data->edge_to[e];
      if (from != data->ego && to != data->ego)
        continue;
      gssize other = from == data->ego ? to : from;
      row_count(row, data->label[other] == own, data->edge_weight[e], weights);
    }
    double same = (double) data->members[own];
    row_finish(row, weights, dir * (same - 1.0), dir * (N - same), data->multigraph);
  }

  /* Group rows. */
  gsize first_group = index->rows->len;
  for (gsize k = 0; k < data->n_labels; k++) {
    EIRow row;
    row_init(&row, CITYNET_EI_GROUP, index->label_names[k], data->members[k]);
    g_array_append_val(index->rows, row);
  }
  GArray **group_weights = g_new(GArray *, MAX(data->n_labels, (gsize) 1));
  for (gsize k = 0; k < data->n_labels; k++)
    group_weights[k] = g_array_new(FALSE, FALSE, sizeof(double));
  EIRow network;
  row_init(&network, CITYNET_EI_NETWORK, NULL, data->n_labelled);
  g_array_set_size(weights, 0);
  for (gsize e = 0; e < data->n_edges; e++) {
    gint32 a = data->label[data->edge_from[e]], b = data->label[data->edge_to[e]];
    double w = data->edge_weight[e];
    row_count(&network, a == b, w, weights);
    EIRow *ra = &g_array_index(index->rows, EIRow, first_group + (gsize) a);
    row_count(ra, a == b, w, group_weights[a]);
    if (a != b) {
      EIRow *rb = &g_array_index(index->rows, EIRow, first_group + (gsize) b);
      row_count(rb, FALSE, w, group_weights[b]);
    }
  }
  double internal_dyads = 0.0;
  for (gsize k = 0; k < data->n_labels; k++) {
    double nk = (double) data->members[k];
    internal_dyads += dir * pairs(nk);
    row_finish(&g_array_index(index->rows, EIRow, first_group + k), group_weights[k],
               dir * pairs(nk), dir * nk * (N - nk), data->multigraph);
    g_array_unref(group_weights[k]);
  }
  g_free(group_weights);
  row_finish(&network, weights, internal_dyads, dir * pairs(N) - internal_dyads,
             data->multigraph);
  g_array_append_val(index->rows, network);
  g_array_unref(weights);
}

/* ------------------------------------------------------------------------ */
/* Permutation tests                                                        */
/* ------------------------------------------------------------------------ */

typedef struct {
  CitynetDrawer drawer;
  gint32 *label;             /* network test: permuted labels */
  double *tally;             /* network test: per label E/I, binary/weighted */
} EIScratch;

static gpointer
ego_scratch_new(gconstpointer context)
{
  const EIData *data = context;
  EIScratch *scratch = g_new0(EIScratch, 1);
  citynet_drawer_init(&scratch->drawer, &data->strata, data->n_alters);
  return scratch;
}

static gpointer
network_scratch_new(gconstpointer context)
{
  const EIData *data = context;
  EIScratch *scratch = g_new0(EIScratch, 1);
  citynet_drawer_init(&scratch->drawer, &data->strata, data->n_labelled);
  scratch->label = g_new(gint32, MAX(data->n, (gsize) 1));
  scratch->tally = g_new(double, 4 * (data->n_labels + 1));
  return scratch;
}

static void
scratch_free(gpointer data)
{
  EIScratch *scratch = data;
  citynet_drawer_clear(&scratch->drawer);
  g_free(scratch->label);
  g_free(scratch->tally);
  g_free(scratch);
}

/* Ego test: the alters' labels are drawn from the other labelled
 * vertices' labels (within strata); the ego keeps its own. */
static void
ego_replicates(gconstpointer context, gpointer data_scratch, gsize first,
               gsize last)
{
  const EIData *data = context;
  EIScratch *scratch = data_scratch;
  gint32 own = data->label[data->ego];
  for (gsize r = first; r < last; r++) {
    CitynetRng rng;
    citynet_rng_seed(&rng, data->seed, RUN_EI_EGO, r);
    double ext[2] = { 0, 0 }, in[2] = { 0, 0 };
    for (gsize a = 0; a < data->n_alters; a++) {
      guint32 label = citynet_drawer_draw(&scratch->drawer, &rng,
                                          data->stratum[data->alter[a]]);
      if ((gint32) label == own) {
        in[BINARY] += data->alter_edges[a];
        in[WEIGHTED] += data->alter_weight[a];
      } else {
        ext[BINARY] += data->alter_edges[a];
        ext[WEIGHTED] += data->alter_weight[a];
      }
    }
    citynet_drawer_reset(&scratch->drawer);
    data->out[r * 2 + BINARY] = ei_value(ext[BINARY], in[BINARY]);
    data->out[r * 2 + WEIGHTED] = ei_value(ext[WEIGHTED], in[WEIGHTED]);
  }
}

/* Network test: every labelled vertex gets a label drawn from its
 * stratum's pool (a uniform permutation within strata), then every
 * counted edge is classified again. Statistics per replicate: for each
 * label the binary and weighted E-I, then the network's. */
static void
network_replicates(gconstpointer context, gpointer data_scratch, gsize first,
                   gsize last)
{
  const EIData *data = context;
  EIScratch *scratch = data_scratch;
  const gsize K = data->n_labels;
  for (gsize r = first; r < last; r++) {
    CitynetRng rng;
    citynet_rng_seed(&rng, data->seed, RUN_EI_NETWORK, r);
    for (gsize v = 0; v < data->n; v++)
      scratch->label[v] = data->label[v] >= 0
                              ? (gint32) citynet_drawer_draw(&scratch->drawer, &rng,
                                                             data->stratum[v])
                              : -1;
    citynet_drawer_reset(&scratch->drawer);
    /* tally[4k + 0/1]: external binary/weighted, [4k + 2/3]: internal. */
    double *t = scratch->tally;
    memset(t, 0, 4 * (K + 1) * sizeof(double));
    for (gsize e = 0; e < data->n_edges; e++) {
      gint32 a = scratch->label[data->edge_from[e]], b = scratch->label[data->edge_to[e]];
      double w = data->edge_weight[e];
      if (a == b) {
        t[4 * a + 2] += 1.0;
        t[4 * a + 3] += w;
        t[4 * K + 2] += 1.0;
        t[4 * K + 3] += w;
      } else {
        t[4 * a] += 1.0;
        t[4 * a + 1] += w;
        t[4 * b] += 1.0;
        t[4 * b + 1] += w;
        t[4 * K] += 1.0;
        t[4 * K + 1] += w;
      }
    }
    double *out = data->out + r * data->n_stats;
    for (gsize k = 0; k <= K; k++) {
      out[2 * k + BINARY] = ei_value(t[4 * k], t[4 * k + 2]);
      out[2 * k + WEIGHTED] = ei_value(t[4 * k + 1], t[4 * k + 3]);
    }
  }
}

static void
summarise_row(EIRow *row, const double *values, gsize n, gsize stride,
              double level)
{
  for (int kind = BINARY; kind <= WEIGHTED; kind++)
    citynet_test_summarise(&row->test[kind], row->ei[kind], values + kind, n,
                           stride, level, TRUE, TRUE);
}

/* The progress labels of the two tests (CitynetProgressFunc's @what). */
#define EI_EGO_PROGRESS "E-I permutations, ego"
#define EI_NETWORK_PROGRESS "E-I permutations, network"

/* Both tests return FALSE when the progress handler cancelled them (the
 * replicates are then incomplete and nothing is summarised). */
static gboolean
run_ego_test(CitynetEIIndex *index, EIData *data,
             const CitynetAlignmentOptions *options)
{
  guint n = options->permutations;
  make_pool(data, data->ego);
  data->n_stats = 2;
  data->out = g_new(double, MAX((gsize) n * 2, (gsize) 1));
  gboolean done = citynet_parallel_run_reporting(n, options->threads, REPLICATE_CHUNK,
                                                 ego_scratch_new, scratch_free,
                                                 ego_replicates, data, EI_EGO_PROGRESS);
  if (done)
    summarise_row(&g_array_index(index->rows, EIRow, 0), data->out, n, 2,
                  options->level);
  g_clear_pointer(&data->out, g_free);
  return done;
}

static gboolean
run_network_test(CitynetEIIndex *index, EIData *data,
                 const CitynetAlignmentOptions *options)
{
  guint n = options->permutations;
  make_pool(data, -1);
  data->n_stats = 2 * (data->n_labels + 1);
  data->out = g_new(double, MAX((gsize) n * data->n_stats, (gsize) 1));
  gboolean done = citynet_parallel_run_reporting(n, options->threads, REPLICATE_CHUNK,
                                                 network_scratch_new, scratch_free,
                                                 network_replicates, data,
                                                 EI_NETWORK_PROGRESS);
  gsize first_group = index->rows->len - data->n_labels - 1;
  for (gsize k = 0; done && k <= data->n_labels; k++)
    summarise_row(&g_array_index(index->rows, EIRow, first_group + k),
                  data->out + 2 * k, n, data->n_stats, options->level);
  g_clear_pointer(&data->out, g_free);
  return done;
}

/* ------------------------------------------------------------------------ */
/* Public API                                                               */
/* ------------------------------------------------------------------------ */

CitynetEIIndex *
citynet_ei_index_new(CitynetView *view, gssize focus, const char *group,
                     const CitynetAlignmentOptions *options, GError **error)
{
  g_return_val_if_fail(view != NULL, NULL);
  if (focus >= 0 && !citynet_alignment_check_node(view, (gsize) focus, error))
    return NULL;
  options = citynet_alignment_options_or_default(options);

  CitynetEIIndex *index = g_new0(CitynetEIIndex, 1);
  index->view = citynet_view_ref(view);
  index->label_date = options->label_date_set ? options->label_date
                                              : default_label_date(view);
  index->rows = g_array_new(FALSE, FALSE, sizeof(EIRow));

  EIData data = { 0 };
  data.n = citynet_view_n_vertices(view);
  data.directed = citynet_view_is_directed(view);
  data.multigraph = view->options->combine == CITYNET_COMBINE_NONE;
  data.seed = options->seed;
  data.ego = focus >= 0 ? citynet_view_node_vertex(view, (gsize) focus) : -1;
  index->label_names = make_labels(&data, view, group, index->label_date);
  make_strata(&data, view, options, index->label_date);
  collect_edges(&data, view);

  if (data.ego >= 0) {
    gint32 own = data.label[data.ego];
    EIRow row;
    row_init(&row, CITYNET_EI_EGO, own >= 0 ? index->label_names[own] : NULL,
             own >= 0 ? data.members[own] : 0);
    g_array_append_val(index->rows, row);
    if (own >= 0)
      collect_alters(&data);
  }
  observed_rows(index, &data);

  if (options->permutations > 0) {
    const char *cancelled = NULL;
    if (data.ego >= 0 && data.label[data.ego] >= 0 &&
        !run_ego_test(index, &data, options))
      cancelled = EI_EGO_PROGRESS;
    else if (options->network_test && data.n_labels > 0 &&
             !run_network_test(index, &data, options))
      cancelled = EI_NETWORK_PROGRESS;
    if (cancelled != NULL) {
      ei_data_clear(&data);
      citynet_ei_index_free(index);
      citynet_progress_set_cancelled(error, cancelled);
      return NULL;
    }
  }
  ei_data_clear(&data);
  return index;
}

void
citynet_ei_index_free(CitynetEIIndex *index)
{
  if (index == NULL)
    return;
  g_array_unref(index->rows);
  g_strfreev(index->label_names);
  citynet_view_unref(index->view);
  g_free(index);
}

CitynetDate
citynet_ei_index_label_date(const CitynetEIIndex *index)
{
  g_return_val_if_fail(index != NULL, CITYNET_DATE_OPEN);
  return index->label_date;
}

gsize
citynet_ei_index_n_rows(const CitynetEIIndex *index)
{
  g_return_val_if_fail(index != NULL, 0);
  return index->rows->len;
}

void
citynet_ei_index_row(const CitynetEIIndex *index, gsize row,
                     CitynetEILevel *level, const char **key, gsize *members)
{
  g_return_if_fail(index != NULL && row < index->rows->len);
  const EIRow *r = &g_array_index(index->rows, EIRow, row);
  if (level != NULL)
    *level = r->level;
  if (key != NULL)
    *key = r->key;
  if (members != NULL)
    *members = r->members;
}

void
citynet_ei_index_values(const CitynetEIIndex *index, gsize row,
                        gboolean weighted, double *internal, double *external,
                        double *ei, double *rescaled, double *minimum,
                        double *maximum, double *expected)
{
  g_return_if_fail(index != NULL && row < index->rows->len);
  const EIRow *r = &g_array_index(index->rows, EIRow, row);
  int kind = weighted ? WEIGHTED : BINARY;
  if (internal != NULL)
    *internal = r->internal[kind];
  if (external != NULL)
    *external = r->external[kind];
  if (ei != NULL)
    *ei = r->ei[kind];
  if (rescaled != NULL)
    *rescaled = r->rescaled[kind];
  if (minimum != NULL)
    *minimum = r->minimum[kind];
  if (maximum != NULL)
    *maximum = r->maximum[kind];
  if (expected != NULL)
    *expected = r->expected;
}

void
citynet_ei_index_test(const CitynetEIIndex *index, gsize row, gboolean weighted,
                      CitynetTestResult *result)
{
  g_return_if_fail(index != NULL && row < index->rows->len && result != NULL);
  *result = g_array_index(index->rows, EIRow, row).test[weighted ? WEIGHTED : BINARY];
}
