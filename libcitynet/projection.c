/* libcitynet - two-mode projection (see projection.h and
 * docs/communities.md).
 *
 * The memberships are the view's ties (not its combined edges) of the
 * membership layers between a node of the projected kind A and one of
 * kind B: working on ties keeps the layers apart (the view's edges merge
 * all layers of a pair) and reads an undirected membership once even in a
 * directed view (where it is two arcs).
 *
 * The pair weights are accumulated per A vertex a over its organisations j
 * in increasing order, into a dense accumulator indexed by the partner b:
 * O(sum_j n_j^2) time, O(n) extra memory, and every pair's sum runs over j
 * in the same order on every run, so the weights are reproducible to the
 * last bit.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analytics-private.h"

struct _CitynetProjectionOptions {
  CitynetProjectionMethod method;
  char *projected;
  char *through;
  GPtrArray *layers;   /* char* (owned); empty = "member" */
};

#define DEFAULT_LAYER "member"

/* ------------------------------------------------------------------------ */
/* Names and options                                                        */
/* ------------------------------------------------------------------------ */

/* Same order as CitynetProjectionMethod. */
static const char *const method_names[] = { "count", "newman", "gawc", NULL };

const char *
citynet_projection_method_name(CitynetProjectionMethod method)
{
  if ((int) method < 0 || (int) method >= (int) G_N_ELEMENTS(method_names) - 1)
    return NULL;
  return method_names[method];
}

gboolean
citynet_projection_method_from_string(const char *text,
                                      CitynetProjectionMethod *out,
                                      GError **error)
{
  for (int i = 0; method_names[i] != NULL; i++) {
    if (text != NULL && g_ascii_strcasecmp(text, method_names[i]) == 0) {
      if (out != NULL)
        *out = (CitynetProjectionMethod) i;
      return TRUE;
    }
  }
  g_set_error(error, CITYNET_ERROR, CITYNET_ERROR_INVALID_ARGUMENT,
              "unknown projection method \"%s\" (expected one of: count, "
              "newman, gawc)", text != NULL ? text : "");
  return FALSE;
}

CitynetProjectionOptions *
citynet_projection_options_new(void)
{
  CitynetProjectionOptions *options = g_new0(CitynetProjectionOptions, 1);
  options->method = CITYNET_PROJECTION_COUNT;
  options->projected = g_strdup(CITYNET_KIND_CITY);
  options->through = g_strdup(CITYNET_KIND_ORGANISATION);
  options->layers = g_ptr_array_new_with_free_func(g_free);
  return options;
}

CitynetProjectionOptions *
citynet_projection_options_copy(const CitynetProjectionOptions *options)
{
  g_return_val_if_fail(options != NULL, NULL);
  CitynetProjectionOptions *copy = citynet_projection_options_new();
  copy->method = options->method;
  citynet_projection_options_set_kinds(copy, options->projected, options->through);
  for (guint i = 0; i < options->layers->len; i++)
    g_ptr_array_add(copy->layers, g_strdup(g_ptr_array_index(options->layers, i)));
  return copy;
}

void
citynet_projection_options_free(CitynetProjectionOptions *options)
{
  if (options == NULL)
    return;
  g_free(options->projected);
  g_free(options->through);
  g_ptr_array_unref(options->layers);
  g_free(options);
}

void
citynet_projection_options_set_method(CitynetProjectionOptions *options,
                                      CitynetProjectionMethod method)
{
  g_return_if_fail(options != NULL);
  g_return_if_fail(citynet_projection_method_name(method) != NULL);
  options->method = method;
}

void
citynet_projection_options_set_kinds(CitynetProjectionOptions *options,
                                     const char *projected, const char *through)
{
  g_return_if_fail(options != NULL && projected != NULL && through != NULL);
  char *a = g_strdup(projected), *b = g_strdup(through);
  g_free(options->projected);
  g_free(options->through);
  options->projected = a;
  options->through = b;
}

void
citynet_projection_options_add_layer(CitynetProjectionOptions *options,
                                     const char *layer)
{
  g_return_if_fail(options != NULL && layer != NULL);
  for (guint i = 0; i < options->layers->len; i++)
    if (strcmp(g_ptr_array_index(options->layers, i), layer) == 0)
      return;
  g_ptr_array_add(options->layers, g_strdup(layer));
}

/* ------------------------------------------------------------------------ */
/* Checking the options against the network                                 */
/* ------------------------------------------------------------------------ */

static gboolean
require_name(const char *const *known, const char *name, const char *what,
             GError **error)
{
  for (gsize i = 0; known != NULL && known[i] != NULL; i++)
    if (strcmp(known[i], name) == 0)
      return TRUE;
  char *list = known != NULL && known[0] != NULL ? g_strjoinv(", ", (char **) known)
                                                 : g_strdup("none");
  g_set_error(error, CITYNET_ERROR, CITYNET_ERROR_NOT_FOUND,
              "the network has no %s \"%s\" (it has: %s)", what, name, list);
  g_free(list);
  return FALSE;
}

/* A mask over the network's layer indices: TRUE for membership layers. */
static gboolean *
membership_layers(const CitynetNetwork *network,
                  const CitynetProjectionOptions *options, GError **error)
{
  gsize n_layers;
  const char *const *layers = citynet_network_layers(network, &n_layers);
  gboolean *mask = g_new0(gboolean, n_layers + 1);
  const gsize n_wanted = MAX(options->layers->len, 1);
  for (gsize w = 0; w < n_wanted; w++) {
    const char *name = options->layers->len > 0
                         ? g_ptr_array_index(options->layers, w) : DEFAULT_LAYER;
    if (!require_name(layers, name, "layer", error)) {
      g_free(mask);
      return NULL;
    }
    for (gsize l = 0; l < n_layers; l++)
      if (strcmp(layers[l], name) == 0)
        mask[l] = TRUE;
  }
  return mask;
}

static gboolean
check_kinds(const CitynetNetwork *network, const CitynetProjectionOptions *options,
            GError **error)
{
  if (strcmp(options->projected, options->through) == 0) {
    g_set_error(error, CITYNET_ERROR, CITYNET_ERROR_INVALID_ARGUMENT,
                "a projection needs two different node kinds, not \"%s\" twice",
                options->projected);
    return FALSE;
  }
  const char *const *kinds = citynet_network_kinds(network, NULL);
  return require_name(kinds, options->projected, "node kind", error) &&
         require_name(kinds, options->through, "node kind", error);
}

/* ------------------------------------------------------------------------ */
/* Memberships                                                              */
/* ------------------------------------------------------------------------ */

/* One membership tie: projected vertex a, through vertex j, the tie's
 * weight and network index (for a stable order). */
typedef struct {
  guint32 a;
  guint32 j;
  guint32 tie;
  double weight;
} Member;

static int
compare_members(const void *x, const void *y)
{
  const Member *p = x, *q = y;
  if (p->a != q->a)
    return p->a < q->a ? -1 : 1;
  if (p->j != q->j)
    return p->j < q->j ? -1 : 1;
  return (p->tie > q->tie) - (p->tie < q->tie);
}

/* The view's vertex roles: 1 = projected kind, 2 = through kind, 0 =
 * neither. */
static guint8 *
vertex_roles(const CitynetView *view, const CitynetProjectionOptions *options)
{
  const CitynetNetwork *network = citynet_view_get_network(view);
  const gsize n = citynet_view_n_vertices(view);
  guint8 *role = g_new0(guint8, n > 0 ? n : 1);
  for (gsize v = 0; v < n; v++) {
    const char *kind = citynet_network_node_kind(network, citynet_view_vertex_node(view, v));
    role[v] = strcmp(kind, options->projected) == 0 ? 1
            : strcmp(kind, options->through) == 0 ? 2 : 0;
  }
  return role;
}

/* The membership ties of the view, sorted by (a, j, tie), then merged
 * into one entry per (a, j) with the view's combine rule. Returns the
 * merged entries and their number in *@n_members. */
static Member *
collect_members(const CitynetView *view, const gboolean *layer_mask,
                const guint8 *role, CitynetProjectionStats *stats,
                gsize *n_members)
{
  const CitynetNetwork *network = citynet_view_get_network(view);
  const gsize n_ties = citynet_view_n_ties(view);
  Member *members = g_new(Member, n_ties > 0 ? n_ties : 1);
  gsize count = 0;
  for (gsize i = 0; i < n_ties; i++) {
    gsize tie = citynet_view_tie(view, i);
    const CitynetTieRec *rec = &g_array_index(network->ties, CitynetTieRec, tie);
    if (!layer_mask[rec->layer])
      continue;
    gssize s = citynet_view_node_vertex(view, rec->source);
    gssize t = citynet_view_node_vertex(view, rec->target);
    if (role[s] == 1 && role[t] == 2)
      members[count++] = (Member) { (guint32) s, (guint32) t, (guint32) tie, rec->weight };
    else if (role[s] == 2 && role[t] == 1)
      members[count++] = (Member) { (guint32) t, (guint32) s, (guint32) tie, rec->weight };
    else
      stats->n_ties_ignored++;
  }
  stats->n_ties = count;
  qsort(members, count, sizeof *members, compare_members);

  const CitynetCombine combine = citynet_view_get_options(view)->combine;
  gsize merged = 0;
  for (gsize i = 0; i < count;) {
    Member m = members[i];
    gsize j = i + 1;
    for (; j < count && members[j].a == m.a && members[j].j == m.j; j++) {
      if (combine == CITYNET_COMBINE_MAX)
        m.weight = MAX(m.weight, members[j].weight);
      else
        m.weight += members[j].weight;
    }
    if (combine == CITYNET_COMBINE_COUNT)
      m.weight = (double) (j - i);
    members[merged++] = m;
    i = j;
  }
  *n_members = merged;
  return members;
}

/* ------------------------------------------------------------------------ */
/* Pair weights                                                             */
/* ------------------------------------------------------------------------ */

/* One projected tie, in vertex numbers of the source view. */
typedef struct {
  guint32 a;
  guint32 b;
  guint32 shared;
  double weight;
} Pair;

/* Compressed lists: for each key k, entries [start[k], start[k + 1]). */
typedef struct {
  gsize *start;
  guint32 *other;
  double *weight;
} Lists;

static void
lists_build(Lists *lists, const Member *members, gsize n_members, gsize n,
            gboolean by_j)
{
  lists->start = g_new0(gsize, n + 2);
  lists->other = g_new(guint32, n_members > 0 ? n_members : 1);
  lists->weight = g_new(double, n_members > 0 ? n_members : 1);
  for (gsize i = 0; i < n_members; i++)
    lists->start[(by_j ? members[i].j : members[i].a) + 1]++;
  for (gsize k = 0; k < n; k++)
    lists->start[k + 1] += lists->start[k];
  gsize *next = g_memdup2(lists->start, (n + 1) * sizeof *next);
  /* @members is sorted by (a, j): each list comes out in increasing order
   * of the other end. */
  for (gsize i = 0; i < n_members; i++) {
    gsize k = by_j ? members[i].j : members[i].a;
    lists->other[next[k]] = by_j ? members[i].a : members[i].j;
    lists->weight[next[k]] = members[i].weight;
    next[k]++;
  }
  g_free(next);
}

static void
lists_clear(Lists *lists)
{
  g_free(lists->start);
  g_free(lists->other);
  g_free(lists->weight);
}

static int
compare_guint32(const void *x, const void *y)
{
  guint32 a = *(const guint32 *) x, b = *(const guint32 *) y;
  return (a > b) - (a < b);
}

/* The projected pairs (a < b), sorted by (a, b). */
static GArray *
project_pairs(const Member *members, gsize n_members, gsize n,
              CitynetProjectionMethod method)
{
  Lists of_a, of_j;
  lists_build(&of_a, members, n_members, n, FALSE);
  lists_build(&of_j, members, n_members, n, TRUE);

  double *acc = g_new0(double, n > 0 ? n : 1);
  guint32 *shared = g_new0(guint32, n > 0 ? n : 1);
  guint32 *touched = g_new(guint32, n > 0 ? n : 1);
  GArray *pairs = g_array_new(FALSE, FALSE, sizeof(Pair));

  for (gsize a = 0; a < n; a++) {
    gsize n_touched = 0;
    for (gsize x = of_a.start[a]; x < of_a.start[a + 1]; x++) {
      const guint32 j = of_a.other[x];
      const double v_aj = of_a.weight[x];
      const gsize n_j = of_j.start[j + 1] - of_j.start[j];
      for (gsize y = of_j.start[j]; y < of_j.start[j + 1]; y++) {
        const guint32 b = of_j.other[y];
        if (b <= a)
          continue;
        double term = method == CITYNET_PROJECTION_COUNT ? 1.0
                    : method == CITYNET_PROJECTION_NEWMAN ? 1.0 / (double) (n_j - 1)
                    : v_aj * of_j.weight[y];
        if (shared[b]++ == 0)
          touched[n_touched++] = b;
        acc[b] += term;
      }
    }
    qsort(touched, n_touched, sizeof *touched, compare_guint32);
    for (gsize t = 0; t < n_touched; t++) {
      guint32 b = touched[t];
      Pair pair = { (guint32) a, b, shared[b], acc[b] };
      g_array_append_val(pairs, pair);
      acc[b] = 0.0;
      shared[b] = 0;
    }
  }
  g_free(acc);
  g_free(shared);
  g_free(touched);
  lists_clear(&of_a);
  lists_clear(&of_j);
  return pairs;
}

/* ------------------------------------------------------------------------ */
/* The projected network                                                    */
/* ------------------------------------------------------------------------ */

static gboolean
copy_countries(const CitynetNetwork *source, CitynetNetwork *copy, GError **error)
{
  const gsize n_countries = citynet_network_n_countries(source);
  for (gsize c = 0; c < n_countries; c++)
    if (citynet_network_add_country(copy, citynet_network_country_code(source, c),
                                    citynet_network_country_name(source, c),
                                    error) < 0)
      return FALSE;
  const char *const *keys = citynet_network_country_attribute_keys(source, NULL);
  for (gsize k = 0; keys != NULL && keys[k] != NULL; k++) {
    for (gsize c = 0; c < n_countries; c++) {
      double value;
      if (citynet_network_country_attribute(source, c, keys[k], &value) &&
          !isnan(value) &&
          !citynet_network_set_country_attribute(copy,
                                                 citynet_network_country_code(source, c),
                                                 keys[k], value, error))
        return FALSE;
    }
  }
  const gsize n_spells = citynet_network_n_memberships(source);
  for (gsize i = 0; i < n_spells; i++) {
    gsize country;
    const char *group, *ref;
    CitynetDate start, end;
    char start_text[CITYNET_DATE_STRING_SIZE], end_text[CITYNET_DATE_STRING_SIZE];
    citynet_network_membership(source, i, &country, &group, &start, &end, &ref);
    if (!citynet_network_add_country_group(copy,
                                           citynet_network_country_code(source, country),
                                           group, citynet_date_format(start, start_text),
                                           citynet_date_format(end, end_text), ref,
                                           error))
      return FALSE;
  }
  return TRUE;
}

/* Copies the projected vertices (role 1) in view order. */
static gboolean
copy_nodes(const CitynetView *view, const guint8 *role, CitynetNetwork *copy,
           GError **error)
{
  const CitynetNetwork *source = citynet_view_get_network(view);
  const gsize n = citynet_view_n_vertices(view);
  GArray *copied = g_array_new(FALSE, FALSE, sizeof(gsize));
  gboolean ok = TRUE;
  for (gsize v = 0; v < n && ok; v++) {
    if (role[v] != 1)
      continue;
    gsize node = citynet_view_vertex_node(view, v);
    double a, b;
    gssize index = citynet_network_add_node(copy, citynet_network_node_id(source, node),
                                            citynet_network_node_kind(source, node),
                                            citynet_network_node_name(source, node),
                                            citynet_network_node_country(source, node),
                                            error);
    ok = index >= 0;
    if (ok && citynet_network_node_location(source, node, &a, &b))
      ok = citynet_network_set_node_location(copy, (gsize) index, a, b, error);
    if (ok && citynet_network_node_population(source, node, &a))
      ok = citynet_network_set_node_population(copy, (gsize) index, a, error);
    g_array_append_val(copied, node);
  }
  const char *const *keys = citynet_network_node_attribute_keys(source, NULL);
  for (gsize k = 0; ok && keys != NULL && keys[k] != NULL; k++) {
    for (guint i = 0; i < copied->len && ok; i++) {
      const char *value = citynet_network_node_attribute(source,
                                                         g_array_index(copied, gsize, i),
                                                         keys[k]);
      if (value != NULL)
        ok = citynet_network_set_node_attribute(copy, i, keys[k], value, error);
    }
  }
  g_array_unref(copied);
  return ok;
}

static char *
projection_ref(const CitynetProjectionOptions *options)
{
  GString *ref = g_string_new("projection:");
  g_string_append_printf(ref, "%s of ", citynet_projection_method_name(options->method));
  if (options->layers->len == 0)
    g_string_append(ref, DEFAULT_LAYER);
  for (guint i = 0; i < options->layers->len; i++)
    g_string_append_printf(ref, "%s%s", i > 0 ? "," : "",
                           (const char *) g_ptr_array_index(options->layers, i));
  g_string_append_printf(ref, " (%s x %s)", options->projected, options->through);
  return g_string_free(ref, FALSE);
}

/* Appends the projected ties with the loaders' internal builders: a
 * projection of a large membership list has millions of pairs, whose
 * endpoints, weights and strings are known to be valid, and the public
 * citynet_network_add_tie() would look both ids up and re-check every
 * field of every tie. */
static gboolean
add_pairs(const CitynetView *view, const guint8 *role, const GArray *pairs,
          const CitynetProjectionOptions *options, CitynetNetwork *copy,
          GError **error)
{
  const CitynetNetwork *source = citynet_view_get_network(view);
  const gsize n = citynet_view_n_vertices(view);
  /* Source view vertex -> node of the copy (projected vertices in order). */
  guint32 *node_of = g_new(guint32, n > 0 ? n : 1);
  for (gsize v = 0, next = 0; v < n; v++)
    node_of[v] = role[v] == 1 ? (guint32) next++ : G_MAXUINT32;

  char *ref_text = projection_ref(options);
  CitynetTieRec rec = {
    .start = CITYNET_DATE_OPEN,
    .end = CITYNET_DATE_OPEN,
    .ref = citynet_strpool_intern(&copy->strings, ref_text),
    .layer = citynet_network_intern_layer(copy, "projection"),
    .directed = 0,
  };
  const guint32 key = citynet_attr_table_key(copy, &copy->tie_attrs, "shared");
  gboolean ok = TRUE;
  for (guint i = 0; i < pairs->len; i++) {
    const Pair *pair = &g_array_index(pairs, Pair, i);
    if (!(isfinite(pair->weight) && pair->weight > 0)) {
      g_set_error(error, CITYNET_ERROR, CITYNET_ERROR_COMPUTATION,
                  "the projected tie %s - %s weighs %g (membership weights "
                  "too small or too large)",
                  citynet_network_node_id(source, citynet_view_vertex_node(view, pair->a)),
                  citynet_network_node_id(source, citynet_view_vertex_node(view, pair->b)),
                  pair->weight);
      ok = FALSE;
      break;
    }
    rec.source = node_of[pair->a];
    rec.target = node_of[pair->b];
    rec.weight = pair->weight;
    gsize tie = citynet_network_append_tie(copy, &rec);
    char shared[24];
    g_snprintf(shared, sizeof shared, "%u", pair->shared);
    citynet_network_set_tie_attr_handle(copy, tie, key,
                                        citynet_strpool_intern(&copy->strings, shared));
  }
  g_free(ref_text);
  g_free(node_of);
  return ok;
}

static CitynetNetwork *
build_network(const CitynetView *view, const guint8 *role, const GArray *pairs,
              const CitynetProjectionOptions *options, GError **error)
{
  const CitynetNetwork *source = citynet_view_get_network(view);
  CitynetNetwork *copy = citynet_network_new();
  const char *const *kinds = citynet_network_kinds(source, NULL);
  gboolean ok = TRUE;
  for (gsize k = 0; ok && kinds != NULL && kinds[k] != NULL; k++)
    ok = citynet_network_register_kind(copy, kinds[k], error);
  ok = ok && copy_countries(source, copy, error) &&
       copy_nodes(view, role, copy, error) &&
       add_pairs(view, role, pairs, options, copy, error);
  if (!ok) {
    citynet_network_unref(copy);
    return NULL;
  }
  return copy;
}

CitynetView *
citynet_projection_new(CitynetView *view, const CitynetProjectionOptions *options,
                       CitynetProjectionStats *stats, GError **error)
{
  g_return_val_if_fail(view != NULL, NULL);
  CitynetProjectionOptions *defaults = NULL;
  if (options == NULL)
    options = defaults = citynet_projection_options_new();
  const CitynetNetwork *network = citynet_view_get_network(view);
  CitynetProjectionStats counts = { 0 };
  CitynetView *projection = NULL;
  gboolean *layer_mask = NULL;

  if (!check_kinds(network, options, error) ||
      (layer_mask = membership_layers(network, options, error)) == NULL) {
    citynet_projection_options_free(defaults);
    return NULL;
  }
  const gsize n = citynet_view_n_vertices(view);
  guint8 *role = vertex_roles(view, options);
  gsize n_members;
  Member *members = collect_members(view, layer_mask, role, &counts, &n_members);
  GArray *pairs = project_pairs(members, n_members, n, options->method);

  for (gsize v = 0; v < n; v++)
    counts.n_projected += role[v] == 1;
  guint8 *through = g_new0(guint8, n > 0 ? n : 1);
  for (gsize i = 0; i < n_members; i++)
    counts.n_through += through[members[i].j]++ == 0;
  g_free(through);
  counts.n_memberships = n_members;
  counts.n_pairs = pairs->len;

  CitynetNetwork *copy = build_network(view, role, pairs, options, error);
  if (copy != NULL) {
    projection = citynet_view_new(copy, NULL, error);
    citynet_network_unref(copy);
  }
  if (projection != NULL && stats != NULL)
    *stats = counts;
  g_array_unref(pairs);
  g_free(members);
  g_free(role);
  g_free(layer_mask);
  citynet_projection_options_free(defaults);
  return projection;
}

/* ------------------------------------------------------------------------ */
/* Global network connectivity                                              */
/* ------------------------------------------------------------------------ */

CitynetScores *
citynet_projection_connectivity(CitynetView *projection, gboolean share,
                                GError **error)
{
  g_return_val_if_fail(projection != NULL, NULL);
  const gsize n = citynet_view_n_vertices(projection);
  const gsize m = citynet_view_n_edges(projection);
  double *values = g_new0(double, n > 0 ? n : 1);
  for (gsize e = 0; e < m; e++) {
    gsize from, to;
    double w = citynet_view_edge(projection, e, &from, &to);
    values[from] += w;
    values[to] += w;
  }
  if (share) {
    double max = 0.0;
    for (gsize v = 0; v < n; v++)
      max = MAX(max, values[v]);
    for (gsize v = 0; v < n; v++)
      values[v] = max > 0 ? values[v] / max : NAN;
  }
  return citynet_scores_new_take(projection, share ? "gnc_share" : "gnc", NULL,
                                 values, n);
}
