/* libcitynet - views: the slice of a network that analytics run on.
 *
 * A view selects ties (by layer and date window) and nodes (by kind, and
 * optionally only those with a selected tie), numbers the selected nodes as
 * vertices 0..n-1 in network order, and combines parallel ties into edges.
 * The rules are written out with examples in docs/views.md.
 *
 * Combining needs the arcs in (from, to, tie) order. A view of most of the
 * network reads them off the network's incidence index (incidence.c), one
 * sequential pass; a smaller one buckets and sorts its own arcs (see
 * citynet_view_combine()). Nothing is allocated per tie, and within a pair
 * the ties stay in network order, which makes the edge order and every
 * floating-point sum deterministic. The large arrays come from
 * citynet_big_alloc() (view-memory.c): huge pages, because on a virtual
 * machine the page faults of fresh memory cost more than the work.
 */
#include <math.h>
#include <string.h>

#include "citynet-private.h"
#include "view-private.h"
#include "analytics-private.h"  /* citynet_igraph_create_sorted() */

/* ------------------------------------------------------------------------ */
/* Options                                                                  */
/* ------------------------------------------------------------------------ */

CitynetViewOptions *
citynet_view_options_new(void)
{
  CitynetViewOptions *options = g_new0(CitynetViewOptions, 1);
  options->layers = g_ptr_array_new_with_free_func(g_free);
  options->kinds = g_ptr_array_new_with_free_func(g_free);
  options->from = CITYNET_DATE_OPEN;
  options->to = CITYNET_DATE_OPEN;
  options->direction = CITYNET_DIRECTION_AUTO;
  options->combine = CITYNET_COMBINE_SUM;
  options->drop_isolates = FALSE;
  return options;
}

static void
citynet_strings_copy_into(GPtrArray *to, const GPtrArray *from)
{
  for (guint i = 0; i < from->len; i++)
    g_ptr_array_add(to, g_strdup(g_ptr_array_index(from, i)));
}

CitynetViewOptions *
citynet_view_options_copy(const CitynetViewOptions *options)
{
  g_return_val_if_fail(options != NULL, NULL);
  CitynetViewOptions *copy = citynet_view_options_new();
  citynet_strings_copy_into(copy->layers, options->layers);
  citynet_strings_copy_into(copy->kinds, options->kinds);
  copy->from = options->from;
  copy->to = options->to;
  copy->direction = options->direction;
  copy->combine = options->combine;
  copy->drop_isolates = options->drop_isolates;
  return copy;
}

void
citynet_view_options_free(CitynetViewOptions *options)
{
  if (options == NULL)
    return;
  g_ptr_array_unref(options->layers);
  g_ptr_array_unref(options->kinds);
  g_free(options);
}

static gboolean
citynet_strings_contain(const GPtrArray *strings, const char *text)
{
  for (guint i = 0; i < strings->len; i++)
    if (strcmp(g_ptr_array_index(strings, i), text) == 0)
      return TRUE;
  return FALSE;
}

void
citynet_view_options_add_layer(CitynetViewOptions *options, const char *layer)
{
  g_return_if_fail(options != NULL && layer != NULL);
  if (!citynet_strings_contain(options->layers, layer))
    g_ptr_array_add(options->layers, g_strdup(layer));
}

void
citynet_view_options_add_kind(CitynetViewOptions *options, const char *kind)
{
  g_return_if_fail(options != NULL && kind != NULL);
  if (!citynet_strings_contain(options->kinds, kind))
    g_ptr_array_add(options->kinds, g_strdup(kind));
}

gboolean
citynet_view_options_set_at(CitynetViewOptions *options, const char *date,
                            GError **error)
{
  g_return_val_if_fail(options != NULL, FALSE);
  CitynetDate day = CITYNET_DATE_OPEN;
  if (date != NULL && !citynet_date_parse(date, &day, error))
    return FALSE;
  /* A partial date is the window of all the days it covers. */
  options->from = citynet_date_first_day(day);
  options->to = citynet_date_last_day(day);
  return TRUE;
}

gboolean
citynet_view_options_set_period(CitynetViewOptions *options, const char *from,
                                const char *to, GError **error)
{
  g_return_val_if_fail(options != NULL, FALSE);
  CitynetDate start = CITYNET_DATE_OPEN, end = CITYNET_DATE_OPEN;
  if (!citynet_date_parse(from, &start, error) ||
      !citynet_date_parse(to, &end, error))
    return FALSE;
  CitynetDate first = citynet_date_first_day(start);
  CitynetDate last = citynet_date_last_day(end);
  if (first != CITYNET_DATE_OPEN && last != CITYNET_DATE_OPEN && last < first) {
    g_set_error(error, CITYNET_ERROR, CITYNET_ERROR_INVALID_ARGUMENT,
                "the period ends (%s) before it starts (%s)", to, from);
    return FALSE;
  }
  options->from = first;
  options->to = last;
  return TRUE;
}

void
citynet_view_options_set_direction(CitynetViewOptions *options,
                                   CitynetDirection direction)
{
  g_return_if_fail(options != NULL);
  g_return_if_fail(direction >= CITYNET_DIRECTION_AUTO &&
                   direction <= CITYNET_DIRECTION_DIRECTED);
  options->direction = direction;
}

void
citynet_view_options_set_combine(CitynetViewOptions *options,
                                 CitynetCombine combine)
{
  g_return_if_fail(options != NULL);
  g_return_if_fail(combine >= CITYNET_COMBINE_SUM &&
                   combine <= CITYNET_COMBINE_NONE);
  options->combine = combine;
}

void
citynet_view_options_set_drop_isolates(CitynetViewOptions *options,
                                       gboolean drop)
{
  g_return_if_fail(options != NULL);
  options->drop_isolates = drop ? TRUE : FALSE;
}

/* Looks @text up in the NULL-terminated @names; on failure sets
 * CITYNET_ERROR_INVALID_ARGUMENT listing the accepted words. */
static gboolean
citynet_enum_from_string(const char *what, const char *const *names,
                         const char *text, int *out, GError **error)
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
citynet_direction_from_string(const char *text, CitynetDirection *out,
                              GError **error)
{
  /* Same order as CitynetDirection. */
  static const char *const names[] = { "auto", "undirected", "directed", NULL };
  int value;
  if (!citynet_enum_from_string("direction", names, text, &value, error))
    return FALSE;
  if (out != NULL)
    *out = (CitynetDirection) value;
  return TRUE;
}

gboolean
citynet_combine_from_string(const char *text, CitynetCombine *out,
                            GError **error)
{
  /* Same order as CitynetCombine. */
  static const char *const names[] = { "sum", "max", "count", "none", NULL };
  int value;
  if (!citynet_enum_from_string("combine mode", names, text, &value, error))
    return FALSE;
  if (out != NULL)
    *out = (CitynetCombine) value;
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Building a view                                                          */
/* ------------------------------------------------------------------------ */

/* Turns the option's names into a membership mask over @known (a
 * NULL-terminated list whose positions are the network's indices). An
 * empty @wanted selects everything. */
static gboolean *
citynet_view_name_mask(const GPtrArray *wanted, const char *const *known,
                       gsize n_known, const char *what, const char *plural,
                       GError **error)
{
  gboolean *mask = g_new0(gboolean, n_known + 1);
  if (wanted->len == 0) {
    for (gsize i = 0; i < n_known; i++)
      mask[i] = TRUE;
    return mask;
  }
  for (guint w = 0; w < wanted->len; w++) {
    const char *name = g_ptr_array_index(wanted, w);
    gsize i;
    for (i = 0; i < n_known; i++)
      if (strcmp(known[i], name) == 0)
        break;
    if (i == n_known) {
      if (n_known == 0) {
        g_set_error(error, CITYNET_ERROR, CITYNET_ERROR_NOT_FOUND,
                    "unknown %s \"%s\" (the network has no %s)", what, name,
                    plural);
      } else {
        char *list = g_strjoinv(", ", (char **) known);
        g_set_error(error, CITYNET_ERROR, CITYNET_ERROR_NOT_FOUND,
                    "unknown %s \"%s\" (known %s: %s)", what, name, plural,
                    list);
        g_free(list);
      }
      g_free(mask);
      return NULL;
    }
    mask[i] = TRUE;
  }
  return mask;
}

/* The selection, as citynet_view_select_ties() leaves it. */
typedef struct {
  gboolean any_directed;
  guint64 *selected;        /* bit t: network tie t is selected */
  /* Arcs the selected ties make in a directed view (one per directed tie,
   * two per undirected one) and in an undirected view (one per tie): the
   * view's edges are at most that many. */
  gsize n_arcs_directed;
  gsize n_arcs_undirected;
  guint8 *touched;          /* drop_isolates only: node has a selected tie */
} CitynetViewSelection;

static inline gboolean
citynet_view_bit(const guint64 *bits, guint32 i)
{
  return (bits[i >> 6] >> (i & 63)) & 1;
}

static gboolean
citynet_view_mask_is_full(const gboolean *mask, gsize n)
{
  for (gsize i = 0; i < n; i++)
    if (!mask[i])
      return FALSE;
  return TRUE;
}

/* Picks the ties in the layers and window whose two ends are of selected
 * kinds, into view->ties (network order) and the selection's bit set, and
 * for drop_isolates marks the nodes that have a tie. */
static void
citynet_view_select_ties(CitynetView *view, const gboolean *layer_mask,
                         const gboolean *node_kind_ok, gboolean drop_isolates,
                         CitynetViewSelection *sel)
{
  /* Views of all layers or all kinds are common: skip those lookups. */
  gsize n_layers;
  citynet_network_layers(view->network, &n_layers);
  const gboolean by_layer = !citynet_view_mask_is_full(layer_mask, n_layers);
  const gboolean by_kind =
    !citynet_view_mask_is_full(node_kind_ok, view->network->nodes->len);
  const CitynetNetwork *network = view->network;
  const CitynetTieRec *recs = network->ties->data;
  const gsize m = network->ties->len, n = network->nodes->len;
  const gboolean windowed =
    view->from != CITYNET_DATE_OPEN || view->to != CITYNET_DATE_OPEN;
  gsize count = 0, n_directed = 0;

  guint64 *selected = citynet_big_alloc0((m / 64 + 1) * sizeof *selected);
  guint8 *touched = drop_isolates ? citynet_big_alloc0(n + 1) : NULL;
  /* Sized for every tie, written only as far as selected: the pages of
   * big memory beyond are never touched, so never resident. */
  view->ties = citynet_big_alloc(MAX(m, 1) * sizeof *view->ties);
  for (gsize t = 0; t < m; t++) {
    const CitynetTieRec *tie = &recs[t];
    const guint32 s = tie->source, d = tie->target;
    if ((by_layer && !layer_mask[tie->layer]) ||
        (by_kind && (!node_kind_ok[s] || !node_kind_ok[d])))
      continue;
    if (windowed &&
        !citynet_date_overlaps(tie->start, tie->end, view->from, view->to))
      continue;
    view->ties[count++] = (guint32) t;
    selected[t >> 6] |= (guint64) 1 << (t & 63);
    n_directed += tie->directed != 0;
    if (touched != NULL)
      touched[s] = touched[d] = 1;
  }
  view->n_ties = count;
  *sel = (CitynetViewSelection) {
    .any_directed = n_directed > 0,
    .selected = selected,
    .n_arcs_directed = 2 * count - n_directed,
    .n_arcs_undirected = count,
    .touched = touched,
  };
}

/* Numbers the kept nodes as vertices in network order: the nodes of
 * selected kinds, or with drop_isolates those with a selected tie. */
static void
citynet_view_number_vertices(CitynetView *view, const gboolean *node_kind_ok,
                             const guint8 *touched)
{
  const gsize n = view->network->nodes->len;
  view->n_nodes = n;
  view->node_vertex = citynet_big_alloc(MAX(n, 1) * sizeof *view->node_vertex);
  /* Sized for every node; the unused tail is never touched. */
  view->vertex_node = citynet_big_alloc(MAX(n, 1) * sizeof *view->vertex_node);
  gsize count = 0;
  for (gsize v = 0; v < n; v++) {
    if (touched != NULL ? touched[v] != 0 : node_kind_ok[v]) {
      view->node_vertex[v] = (gint32) count;
      view->vertex_node[count++] = (guint32) v;
    } else {
      view->node_vertex[v] = -1;
    }
  }
  view->n_vertices = count;
}

/* Appends the view's edges as its arcs arrive in (from, to, tie) order,
 * merging each run of one (from, to) pair into one edge (unless
 * CITYNET_COMBINE_NONE) with its weight combined in arrival, that is
 * network, order. */
typedef struct {
  CitynetViewEdge *edges;
  guint32 *edge_ties;
  CitynetCombine combine;
  gsize n_edges;
  gsize n_arcs;
} CitynetEdgeWriter;

static inline void
citynet_edge_writer_add(CitynetEdgeWriter *w, guint32 from, guint32 to,
                        guint32 tie, double weight)
{
  CitynetViewEdge *last = w->n_edges > 0 ? &w->edges[w->n_edges - 1] : NULL;
  w->edge_ties[w->n_arcs] = tie;
  if (w->combine != CITYNET_COMBINE_NONE && last != NULL &&
      last->from == from && last->to == to) {
    last->n_ties++;
    last->weight = w->combine == CITYNET_COMBINE_COUNT ? last->weight + 1.0
                 : w->combine == CITYNET_COMBINE_MAX ? MAX(last->weight, weight)
                 : last->weight + weight;
  } else {
    w->edges[w->n_edges++] = (CitynetViewEdge) {
      .from = from,
      .to = to,
      .first_tie = (guint32) w->n_arcs,
      .n_ties = 1,
      .weight = w->combine == CITYNET_COMBINE_COUNT ? 1.0 : weight,
    };
  }
  w->n_arcs++;
}

/* How many arcs the incidence entry @key at node @u yields: in a directed
 * view an entry whose bit is set yields one (a self-loop's bit marks an
 * undirected loop, which yields two, like its two ends) and a directed
 * self-loop one; in an undirected view each tie yields one, at its smaller
 * end (a self-loop is listed once). */
static inline guint
citynet_view_arcs_of_entry(guint64 key, guint32 u, gboolean directed)
{
  const guint32 other = CITYNET_INCIDENCE_OTHER(key);
  if (!directed)
    return other >= u;
  if (other == u)
    return 1 + CITYNET_INCIDENCE_BIT(key);
  return CITYNET_INCIDENCE_BIT(key);
}

/* The edges from the network's incidence index, which lists each node's
 * ties sorted by (other end, tie): vertices are numbered in node order,
 * so that is (to, tie) order and one sequential pass that skips the
 * unselected ties and the entries that make no arc gives the arcs in
 * order. O(n + m) for the whole network whatever the view selects. */
static void
citynet_view_combine_indexed(const CitynetView *view,
                             const CitynetIncidence *index,
                             const guint64 *selected, CitynetEdgeWriter *w)
{
  const gboolean directed = view->directed;
  const gint32 *vertex = view->node_vertex;
  /* With every node a vertex, vertex v is node v: no lookup. */
  const gboolean every_node = view->n_vertices == view->n_nodes;
  for (gsize v = 0; v < view->n_vertices; v++) {
    const guint32 u = view->vertex_node[v];
    const CitynetIncidenceEntry *entry = index->entries + index->start[u];
    const CitynetIncidenceEntry *end = index->entries + index->start[u + 1];
    for (; entry < end; entry++) {
      const guint32 tie = CITYNET_INCIDENCE_TIE(entry->key);
      if (!citynet_view_bit(selected, tie))
        continue;
      const guint32 other = CITYNET_INCIDENCE_OTHER(entry->key);
      const guint32 to = every_node ? other : (guint32) vertex[other];
      for (guint arcs = citynet_view_arcs_of_entry(entry->key, u, directed);
           arcs > 0; arcs--)
        citynet_edge_writer_add(w, (guint32) v, to, tie, entry->weight);
    }
  }
}

/* The edges of a view that selects a small part of the network, from its
 * own arcs: bucketed by `from` vertex and each bucket sorted by (to, tie)
 * in cache, O(k) for k selected ties (plus O(n) for the buckets), so a
 * slice of a large network neither scans nor builds the network's index.
 * Arcs use the index's entry layout (bit unused). */
static void
citynet_view_combine_sorted(const CitynetView *view, gsize n_arcs,
                            CitynetEdgeWriter *w)
{
  const CitynetTieRec *recs = view->network->ties->data;
  const gint32 *vertex = view->node_vertex;
  const gsize n = view->n_vertices;
  const gboolean directed = view->directed;

  /* Arcs per from vertex, then bucket starts (start[v] .. start[v + 1]). */
  gsize *start = citynet_big_alloc0((n + 2) * sizeof *start);
  for (gsize i = 0; i < view->n_ties; i++) {
    const CitynetTieRec *tie = &recs[view->ties[i]];
    const guint32 s = (guint32) vertex[tie->source], d = (guint32) vertex[tie->target];
    if (!directed) {
      start[MIN(s, d) + 2]++;
      continue;
    }
    start[s + 2]++;
    if (!tie->directed)
      start[d + 2]++;
  }
  for (gsize v = 0; v < n; v++)
    start[v + 2] += start[v + 1];
  /* start[v + 1] is now v's first slot and serves as its insertion point,
   * ending at v's end = start[v + 1] as the buckets need it. */
  CitynetIncidenceEntry *arcs = citynet_big_alloc(MAX(n_arcs, 1) * sizeof *arcs);
  gsize *next = start + 1;
  for (gsize i = 0; i < view->n_ties; i++) {
    const guint32 t = view->ties[i];
    const CitynetTieRec *tie = &recs[t];
    const guint32 s = (guint32) vertex[tie->source], d = (guint32) vertex[tie->target];
    if (!directed) {
      arcs[next[MIN(s, d)]++] =
        (CitynetIncidenceEntry) { CITYNET_INCIDENCE_KEY(MAX(s, d), t, 0), tie->weight };
      continue;
    }
    arcs[next[s]++] = (CitynetIncidenceEntry) { CITYNET_INCIDENCE_KEY(d, t, 0), tie->weight };
    if (!tie->directed)
      arcs[next[d]++] = (CitynetIncidenceEntry) { CITYNET_INCIDENCE_KEY(s, t, 0), tie->weight };
  }

  gsize longest = 0;
  for (gsize v = 0; v < n; v++)
    longest = MAX(longest, start[v + 1] - start[v]);
  CitynetIncidenceEntry *tmp = citynet_big_alloc(MAX(longest, 1) * sizeof *tmp);
  const guint to_bits = citynet_incidence_bits(n);
  for (gsize v = 0; v < n; v++) {
    CitynetIncidenceEntry *run = arcs + start[v];
    const gsize len = start[v + 1] - start[v];
    citynet_incidence_sort_run(run, len, tmp, to_bits);
    for (gsize i = 0; i < len; i++)
      citynet_edge_writer_add(w, (guint32) v, CITYNET_INCIDENCE_OTHER(run[i].key),
                              CITYNET_INCIDENCE_TIE(run[i].key), run[i].weight);
  }
  citynet_big_free(tmp);
  citynet_big_free(arcs);
  citynet_big_free(start);
}

/* Turns the selected ties into edges sorted by (from, to) with their ties
 * in network order, merging each (from, to) pair's ties (every arc is an
 * edge of its own for CITYNET_COMBINE_NONE); the weights of a pair are
 * combined in network order, which makes every floating-point sum
 * deterministic. A view of at least half the network's ties reads the
 * network's incidence index (building it on first use): one sequential
 * pass, about three times faster than sorting the view's own arcs for
 * the whole network, and reused by every later view. A smaller view
 * sorts its own arcs, which then costs less than the pass over the whole
 * index (or than building it). Both give the same edges. @n_arcs is the
 * number of arcs. */
static void
citynet_view_combine(CitynetView *view, const guint64 *selected, gsize n_arcs,
                     CitynetCombine combine)
{
  view->edge_ties = citynet_big_alloc(MAX(n_arcs, 1) * sizeof *view->edge_ties);
  /* At most one edge per arc: sized for that, the pages beyond the edges
   * actually made are never touched. */
  view->edges = citynet_big_alloc(MAX(n_arcs, 1) * sizeof *view->edges);
  CitynetEdgeWriter writer = {
    .edges = view->edges,
    .edge_ties = view->edge_ties,
    .combine = combine,
  };
  const gsize m = view->network->ties->len;
  view->from_index = view->n_ties >= m - m / 2;
  if (view->from_index)
    citynet_view_combine_indexed(view, citynet_network_incidence(view->network),
                                 selected, &writer);
  else
    citynet_view_combine_sorted(view, n_arcs, &writer);
  g_assert(writer.n_arcs == n_arcs);
  view->n_edges = writer.n_edges;
}

CitynetView *
citynet_view_new(CitynetNetwork *network, const CitynetViewOptions *options,
                 GError **error)
{
  g_return_val_if_fail(network != NULL, NULL);

  const gsize n = citynet_network_n_nodes(network);
  const gsize m = citynet_network_n_ties(network);
  /* Vertices are gint32 and arcs (up to two per tie) guint32. */
  if (n > (gsize) G_MAXINT32 || m > (gsize) (G_MAXUINT32 / 2)) {
    g_set_error(error, CITYNET_ERROR, CITYNET_ERROR_COMPUTATION,
                "the network is too large for a view (%" G_GSIZE_FORMAT
                " nodes, %" G_GSIZE_FORMAT " ties)", n, m);
    return NULL;
  }

  gsize n_layers, n_kinds;
  const char *const *layers = citynet_network_layers(network, &n_layers);
  const char *const *kinds = citynet_network_kinds(network, &n_kinds);
  CitynetViewOptions *opts = options != NULL ? citynet_view_options_copy(options)
                                             : citynet_view_options_new();

  gboolean *layer_mask = citynet_view_name_mask(opts->layers, layers, n_layers,
                                                "layer", "layers", error);
  gboolean *kind_mask = layer_mask == NULL ? NULL
    : citynet_view_name_mask(opts->kinds, kinds, n_kinds, "node kind", "kinds",
                             error);
  if (kind_mask == NULL) {
    g_free(layer_mask);
    citynet_view_options_free(opts);
    return NULL;
  }

  CitynetView *view = g_new0(CitynetView, 1);
  view->ref_count = 1;
  view->network = citynet_network_ref(network);
  view->options = opts;
  view->from = opts->from;
  view->to = opts->to;

  gboolean *node_kind_ok = citynet_big_alloc(MAX(n, 1) * sizeof *node_kind_ok);
  for (gsize v = 0; v < n; v++)
    node_kind_ok[v] =
      kind_mask[g_array_index(network->nodes, CitynetNodeRec, v).kind];
  g_free(kind_mask);

  CitynetViewSelection sel;
  citynet_view_select_ties(view, layer_mask, node_kind_ok, opts->drop_isolates,
                           &sel);
  g_free(layer_mask);
  citynet_view_number_vertices(view, node_kind_ok, sel.touched);
  citynet_big_free(node_kind_ok);
  citynet_big_free(sel.touched);

  view->directed = opts->direction == CITYNET_DIRECTION_DIRECTED ||
    (opts->direction == CITYNET_DIRECTION_AUTO && sel.any_directed);
  citynet_view_combine(view, sel.selected,
                       view->directed ? sel.n_arcs_directed : sel.n_arcs_undirected,
                       opts->combine);
  citynet_big_free(sel.selected);
  return view;
}

static int
citynet_compare_guint32(const void *a, const void *b)
{
  guint32 x = *(const guint32 *) a, y = *(const guint32 *) b;
  return x < y ? -1 : x > y;
}

CitynetView *
citynet_view_new_subset(const CitynetView *parent, const guint32 *vertices,
                        gsize n_vertices, const guint32 *edges, gsize n_edges)
{
  g_return_val_if_fail(parent != NULL, NULL);
  CitynetView *view = g_new0(CitynetView, 1);
  view->ref_count = 1;
  view->network = citynet_network_ref(parent->network);
  view->options = citynet_view_options_copy(parent->options);
  view->from = parent->from;
  view->to = parent->to;
  view->directed = parent->directed;

  /* Parent vertex -> new vertex; increasing, so network order is kept. */
  gint32 *renumber = g_new(gint32, parent->n_vertices > 0 ? parent->n_vertices : 1);
  for (gsize v = 0; v < parent->n_vertices; v++)
    renumber[v] = -1;
  view->n_nodes = parent->n_nodes;
  view->node_vertex = citynet_big_alloc(MAX(view->n_nodes, 1) *
                                        sizeof *view->node_vertex);
  for (gsize node = 0; node < view->n_nodes; node++)
    view->node_vertex[node] = -1;
  view->n_vertices = n_vertices;
  view->vertex_node = citynet_big_alloc(MAX(n_vertices, 1) *
                                        sizeof *view->vertex_node);
  for (gsize i = 0; i < n_vertices; i++) {
    renumber[vertices[i]] = (gint32) i;
    view->vertex_node[i] = parent->vertex_node[vertices[i]];
    view->node_vertex[view->vertex_node[i]] = (gint32) i;
  }

  /* A monotone renumbering of increasing parent edges keeps the edges
   * sorted by (from, to, first tie). */
  gsize n_arcs = 0;
  for (gsize k = 0; k < n_edges; k++)
    n_arcs += parent->edges[edges[k]].n_ties;
  view->n_edges = n_edges;
  view->edges = citynet_big_alloc(MAX(n_edges, 1) * sizeof *view->edges);
  view->edge_ties = citynet_big_alloc(MAX(n_arcs, 1) * sizeof *view->edge_ties);
  gsize slot = 0;
  for (gsize k = 0; k < n_edges; k++) {
    const CitynetViewEdge *e = &parent->edges[edges[k]];
    view->edges[k] = (CitynetViewEdge) {
      .from = (guint32) renumber[e->from],
      .to = (guint32) renumber[e->to],
      .first_tie = (guint32) slot,
      .n_ties = e->n_ties,
      .weight = e->weight,
    };
    memcpy(view->edge_ties + slot, parent->edge_ties + e->first_tie,
           e->n_ties * sizeof *view->edge_ties);
    slot += e->n_ties;
  }
  g_free(renumber);

  /* An undirected tie of a directed view is two arcs, possibly in two kept
   * edges: list each tie once, in network order. */
  view->ties = citynet_big_alloc(MAX(n_arcs, 1) * sizeof *view->ties);
  if (n_arcs > 0)
    memcpy(view->ties, view->edge_ties, n_arcs * sizeof *view->ties);
  qsort(view->ties, n_arcs, sizeof *view->ties, citynet_compare_guint32);
  gsize n_ties = 0;
  for (gsize i = 0; i < n_arcs; i++)
    if (n_ties == 0 || view->ties[n_ties - 1] != view->ties[i])
      view->ties[n_ties++] = view->ties[i];
  view->n_ties = n_ties;
  return view;
}

CitynetView *
citynet_view_ref(CitynetView *view)
{
  g_return_val_if_fail(view != NULL, NULL);
  g_atomic_int_inc(&view->ref_count);
  return view;
}

void
citynet_view_unref(CitynetView *view)
{
  if (view == NULL || !g_atomic_int_dec_and_test(&view->ref_count))
    return;
  if (g_atomic_int_get(&view->graph_ready)) {
    citynet_igraph_enter();
    citynet_igraph_destroy_big(&view->graph, view->graph_big);
    citynet_igraph_vector_destroy_big(&view->weights);
    citynet_igraph_leave();
  }
  citynet_big_free(view->vertex_node);
  citynet_big_free(view->node_vertex);
  citynet_big_free(view->ties);
  citynet_big_free(view->edges);
  citynet_big_free(view->edge_ties);
  citynet_view_options_free(view->options);
  citynet_network_unref(view->network);
  g_free(view);
}

/* ------------------------------------------------------------------------ */
/* Accessors                                                                */
/* ------------------------------------------------------------------------ */

CitynetNetwork *
citynet_view_get_network(const CitynetView *view)
{
  g_return_val_if_fail(view != NULL, NULL);
  return view->network;
}

const CitynetViewOptions *
citynet_view_get_options(const CitynetView *view)
{
  g_return_val_if_fail(view != NULL, NULL);
  return view->options;
}

void
citynet_view_get_period(const CitynetView *view, CitynetDate *from,
                        CitynetDate *to)
{
  g_return_if_fail(view != NULL);
  if (from != NULL)
    *from = view->from;
  if (to != NULL)
    *to = view->to;
}

gboolean
citynet_view_is_directed(const CitynetView *view)
{
  g_return_val_if_fail(view != NULL, FALSE);
  return view->directed;
}

gsize
citynet_view_n_vertices(const CitynetView *view)
{
  g_return_val_if_fail(view != NULL, 0);
  return view->n_vertices;
}

gsize
citynet_view_vertex_node(const CitynetView *view, gsize vertex)
{
  g_return_val_if_fail(view != NULL && vertex < view->n_vertices, 0);
  return view->vertex_node[vertex];
}

gssize
citynet_view_node_vertex(const CitynetView *view, gsize node)
{
  g_return_val_if_fail(view != NULL, -1);
  /* Nodes added to the network after the view was made are not in it. */
  if (node >= view->n_nodes)
    return -1;
  return view->node_vertex[node];
}

gsize
citynet_view_n_edges(const CitynetView *view)
{
  g_return_val_if_fail(view != NULL, 0);
  return view->n_edges;
}

double
citynet_view_edge(const CitynetView *view, gsize edge, gsize *from, gsize *to)
{
  g_return_val_if_fail(view != NULL && edge < view->n_edges, NAN);
  const CitynetViewEdge *e = &view->edges[edge];
  if (from != NULL)
    *from = e->from;
  if (to != NULL)
    *to = e->to;
  return e->weight;
}

gsize
citynet_view_edge_n_ties(const CitynetView *view, gsize edge)
{
  g_return_val_if_fail(view != NULL && edge < view->n_edges, 0);
  return view->edges[edge].n_ties;
}

gsize
citynet_view_edge_tie(const CitynetView *view, gsize edge, gsize i)
{
  g_return_val_if_fail(view != NULL && edge < view->n_edges, 0);
  g_return_val_if_fail(i < view->edges[edge].n_ties, 0);
  return view->edge_ties[view->edges[edge].first_tie + i];
}

const guint32 *
citynet_view_edge_ties(const CitynetView *view, gsize edge, gsize *n_ties)
{
  g_return_val_if_fail(view != NULL && edge < view->n_edges, NULL);
  if (n_ties != NULL)
    *n_ties = view->edges[edge].n_ties;
  return view->edge_ties + view->edges[edge].first_tie;
}

gsize
citynet_view_n_ties(const CitynetView *view)
{
  g_return_val_if_fail(view != NULL, 0);
  return view->n_ties;
}

gsize
citynet_view_tie(const CitynetView *view, gsize i)
{
  g_return_val_if_fail(view != NULL && i < view->n_ties, 0);
  return view->ties[i];
}

CitynetDate
citynet_view_tie_reference_date(const CitynetView *view, gsize tie)
{
  g_return_val_if_fail(view != NULL, CITYNET_DATE_OPEN);
  g_return_val_if_fail(tie < view->network->ties->len, CITYNET_DATE_OPEN);
  const CitynetTieRec *rec =
    &g_array_index(view->network->ties, CitynetTieRec, tie);

  /* The tie's first day inside the window; CITYNET_DATE_OPEN is 0, so MAX
   * picks whichever bound is set. */
  CitynetDate first = citynet_date_first_day(rec->start);
  if (first != CITYNET_DATE_OPEN || view->from != CITYNET_DATE_OPEN)
    return MAX(first, view->from);
  /* Open since ever: judge the tie on its last day inside the window. */
  CitynetDate last = citynet_date_last_day(rec->end);
  if (last != CITYNET_DATE_OPEN && view->to != CITYNET_DATE_OPEN)
    return MIN(last, view->to);
  return last != CITYNET_DATE_OPEN ? last : view->to;
}

/* ------------------------------------------------------------------------ */
/* The igraph graph                                                         */
/* ------------------------------------------------------------------------ */

/* Builds view->graph and view->weights. Runs inside the igraph lock. */
static gboolean
citynet_view_build_graph(CitynetView *view, GError **error)
{
  /* The edges are sorted by (from, to): built in O(n + m) straight from
   * view->edges, instead of igraph_create()'s two sorts of a copied list,
   * which cost more than PageRank on a large view. The weights are read
   * in the same pass. */
  return citynet_igraph_create_sorted_big(&view->graph, view->edges,
                                          sizeof *view->edges, view->n_edges,
                                          (igraph_integer_t) view->n_vertices,
                                          view->directed,
                                          G_STRUCT_OFFSET(CitynetViewEdge, weight),
                                          &view->weights, &view->graph_big,
                                          error);
}

/* The graph is built under the igraph lock rather than a lock of the view:
 * analytics code calls this while already inside igraph, and a second lock
 * taken in the other order by another thread could deadlock. The flag is
 * published with release semantics after the graph is complete, so the
 * lock-free fast path sees a finished graph. */
const igraph_t *
citynet_view_graph(const CitynetView *view, GError **error)
{
  g_return_val_if_fail(view != NULL, NULL);
  CitynetView *self = (CitynetView *) view; /* logically const: a cache */
  if (g_atomic_int_get(&self->graph_ready))
    return &self->graph;

  gboolean ok = TRUE;
  citynet_igraph_enter();
  if (!g_atomic_int_get(&self->graph_ready)) {
    ok = citynet_view_build_graph(self, error);
    if (ok)
      g_atomic_int_set(&self->graph_ready, 1);
  }
  citynet_igraph_leave();
  return ok ? &self->graph : NULL;
}

const igraph_vector_t *
citynet_view_weights(const CitynetView *view, GError **error)
{
  if (citynet_view_graph(view, error) == NULL)
    return NULL;
  return &view->weights;
}

/* ------------------------------------------------------------------------ */
/* Back to a network                                                        */
/* ------------------------------------------------------------------------ */

static gboolean
citynet_view_copy_countries(const CitynetNetwork *source, CitynetNetwork *copy,
                            GError **error)
{
  const gsize n_countries = citynet_network_n_countries(source);
  for (gsize c = 0; c < n_countries; c++)
    if (citynet_network_add_country(copy, citynet_network_country_code(source, c),
                                    citynet_network_country_name(source, c),
                                    error) < 0)
      return FALSE;

  /* Key by key, so the copy lists its keys in the source's order. */
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
                                           group,
                                           citynet_date_format(start, start_text),
                                           citynet_date_format(end, end_text),
                                           ref, error))
      return FALSE;
  }
  return TRUE;
}

static gboolean
citynet_view_copy_nodes(const CitynetView *view, CitynetNetwork *copy,
                        GError **error)
{
  const CitynetNetwork *source = view->network;
  for (gsize v = 0; v < view->n_vertices; v++) {
    gsize node = view->vertex_node[v];
    double a, b;
    if (citynet_network_add_node(copy, citynet_network_node_id(source, node),
                                 citynet_network_node_kind(source, node),
                                 citynet_network_node_name(source, node),
                                 citynet_network_node_country(source, node),
                                 error) < 0)
      return FALSE;
    if (citynet_network_node_location(source, node, &a, &b) &&
        !citynet_network_set_node_location(copy, v, a, b, error))
      return FALSE;
    if (citynet_network_node_population(source, node, &a) &&
        !citynet_network_set_node_population(copy, v, a, error))
      return FALSE;
  }

  const char *const *keys = citynet_network_node_attribute_keys(source, NULL);
  for (gsize k = 0; keys != NULL && keys[k] != NULL; k++) {
    for (gsize v = 0; v < view->n_vertices; v++) {
      const char *value =
        citynet_network_node_attribute(source, view->vertex_node[v], keys[k]);
      if (value != NULL &&
          !citynet_network_set_node_attribute(copy, v, keys[k], value, error))
        return FALSE;
    }
  }
  return TRUE;
}

static gboolean
citynet_view_copy_ties(const CitynetView *view, CitynetNetwork *copy,
                       GError **error)
{
  const CitynetNetwork *source = view->network;
  for (gsize i = 0; i < view->n_ties; i++) {
    gsize tie = view->ties[i];
    char start[CITYNET_DATE_STRING_SIZE], end[CITYNET_DATE_STRING_SIZE];
    if (citynet_network_add_tie(copy,
                                citynet_network_node_id(source,
                                                        citynet_network_tie_source(source, tie)),
                                citynet_network_node_id(source,
                                                        citynet_network_tie_target(source, tie)),
                                citynet_network_tie_layer(source, tie),
                                citynet_network_tie_weight(source, tie),
                                citynet_network_tie_directed(source, tie),
                                citynet_date_format(citynet_network_tie_start(source, tie), start),
                                citynet_date_format(citynet_network_tie_end(source, tie), end),
                                citynet_network_tie_ref(source, tie), error) < 0)
      return FALSE;
  }

  const char *const *keys = citynet_network_tie_attribute_keys(source, NULL);
  for (gsize k = 0; keys != NULL && keys[k] != NULL; k++) {
    for (gsize i = 0; i < view->n_ties; i++) {
      const char *value =
        citynet_network_tie_attribute(source, view->ties[i], keys[k]);
      if (value != NULL &&
          !citynet_network_set_tie_attribute(copy, i, keys[k], value, error))
        return FALSE;
    }
  }
  return TRUE;
}

CitynetNetwork *
citynet_view_to_network(const CitynetView *view, GError **error)
{
  g_return_val_if_fail(view != NULL, NULL);
  const CitynetNetwork *source = view->network;
  CitynetNetwork *copy = citynet_network_new();

  /* Every kind, so the copy accepts the same node kinds as the source. */
  const char *const *kinds = citynet_network_kinds(source, NULL);
  for (gsize k = 0; kinds != NULL && kinds[k] != NULL; k++) {
    if (!citynet_network_register_kind(copy, kinds[k], error)) {
      citynet_network_unref(copy);
      return NULL;
    }
  }
  if (!citynet_view_copy_countries(source, copy, error) ||
      !citynet_view_copy_nodes(view, copy, error) ||
      !citynet_view_copy_ties(view, copy, error)) {
    citynet_network_unref(copy);
    return NULL;
  }
  return copy;
}
