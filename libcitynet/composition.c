/* libcitynet - composition of a focus node's ties by layer, country and
 * group (docs/composition.md).
 *
 * Every focus tie contributes one "entry" per (dimension, scope, category)
 * it falls in; sorting the entries by (dimension, scope, category, partner)
 * puts each row's entries next to each other with equal partners adjacent,
 * so one scan yields ties, weight and distinct partners per row without any
 * hash table. All strings are borrowed from the network, which the view
 * keeps alive for as long as the composition holds the view.
 */
#include <string.h>

#include "citynet-private.h"
#include "view-private.h"

typedef struct {
  CitynetDimension dimension;
  const char *layer;      /* scope: NULL = all layers */
  const char *key;        /* category; "" = none */
  gsize ties;
  gsize partners;
  double weight;
  double tie_share;
  double weight_share;
} CitynetCompositionRow;

struct _CitynetComposition {
  CitynetView *view;      /* owned reference */
  gsize focus;
  gsize total_ties;
  gsize total_partners;
  double total_weight;
  GArray *rows;           /* CitynetCompositionRow, in documented order */
};

/* One contribution of one focus tie to one row. */
typedef struct {
  CitynetDimension dimension;
  const char *layer;
  const char *key;
  guint32 partner;
  guint32 tie;            /* for a deterministic sum order */
  double weight;
} CitynetEntry;

static const char citynet_no_category[] = "";

/* NULL (all layers) sorts before any layer name. */
static int
citynet_compare_scope(const char *a, const char *b)
{
  if (a == b)
    return 0;
  if (a == NULL)
    return -1;
  if (b == NULL)
    return 1;
  return strcmp(a, b);
}

static int
citynet_entry_compare(gconstpointer pa, gconstpointer pb)
{
  const CitynetEntry *a = pa, *b = pb;
  if (a->dimension != b->dimension)
    return a->dimension < b->dimension ? -1 : 1;
  int c = citynet_compare_scope(a->layer, b->layer);
  if (c != 0)
    return c;
  c = strcmp(a->key, b->key);
  if (c != 0)
    return c;
  if (a->partner != b->partner)
    return a->partner < b->partner ? -1 : 1;
  return a->tie < b->tie ? -1 : (a->tie > b->tie ? 1 : 0);
}

static int
citynet_row_compare(gconstpointer pa, gconstpointer pb)
{
  const CitynetCompositionRow *a = pa, *b = pb;
  if (a->dimension != b->dimension)
    return a->dimension < b->dimension ? -1 : 1;
  int c = citynet_compare_scope(a->layer, b->layer);
  if (c != 0)
    return c;
  if (a->ties != b->ties)
    return a->ties > b->ties ? -1 : 1;
  return strcmp(a->key, b->key);
}

static void
citynet_entries_add(GArray *entries, CitynetDimension dimension,
                    const char *layer, const char *key, guint32 partner,
                    guint32 tie, double weight)
{
  CitynetEntry entry = { dimension, layer, key, partner, tie, weight };
  g_array_append_val(entries, entry);
}

/* The entries of one focus tie: its layer; its partner's country, over all
 * layers and within the tie's layer; and likewise each group the partner's
 * country is in on the tie's reference date. */
static void
citynet_composition_tie_entries(const CitynetView *view, gsize tie,
                                guint32 partner, GArray *entries,
                                GPtrArray *groups)
{
  const CitynetNetwork *network = citynet_view_get_network(view);
  const char *layer = citynet_network_tie_layer(network, tie);
  double weight = citynet_network_tie_weight(network, tie);
  const char *country = citynet_network_node_country(network, partner);
  if (country == NULL)
    country = citynet_no_category;

  citynet_entries_add(entries, CITYNET_DIMENSION_LAYER, NULL, layer, partner,
                      (guint32) tie, weight);
  citynet_entries_add(entries, CITYNET_DIMENSION_COUNTRY, NULL, country,
                      partner, (guint32) tie, weight);
  citynet_entries_add(entries, CITYNET_DIMENSION_COUNTRY, layer, country,
                      partner, (guint32) tie, weight);

  g_ptr_array_set_size(groups, 0);
  gssize declared = citynet_network_node_country_index(network, partner);
  if (declared >= 0)
    citynet_network_collect_groups(network, (gsize) declared,
                                   citynet_view_tie_reference_date(view, tie),
                                   groups);
  if (groups->len == 0)
    g_ptr_array_add(groups, (gpointer) citynet_no_category);
  for (guint g = 0; g < groups->len; g++) {
    /* collect_groups returns them sorted; skip a repeat in case a country
     * has two overlapping spells of one group. */
    if (g > 0 && strcmp(g_ptr_array_index(groups, g),
                        g_ptr_array_index(groups, g - 1)) == 0)
      continue;
    const char *group = g_ptr_array_index(groups, g);
    citynet_entries_add(entries, CITYNET_DIMENSION_GROUP, NULL, group, partner,
                        (guint32) tie, weight);
    citynet_entries_add(entries, CITYNET_DIMENSION_GROUP, layer, group,
                        partner, (guint32) tie, weight);
  }
}

/* Folds sorted entries into rows (shares filled in later). */
static void
citynet_composition_fold(CitynetComposition *composition, GArray *entries)
{
  const CitynetEntry *e = (const CitynetEntry *) (void *) entries->data;
  for (guint i = 0; i < entries->len;) {
    CitynetCompositionRow row = {
      .dimension = e[i].dimension, .layer = e[i].layer, .key = e[i].key,
    };
    guint j = i;
    for (; j < entries->len && e[j].dimension == e[i].dimension &&
           citynet_compare_scope(e[j].layer, e[i].layer) == 0 &&
           strcmp(e[j].key, e[i].key) == 0; j++) {
      row.ties++;
      row.weight += e[j].weight;
      if (j == i || e[j].partner != e[j - 1].partner)
        row.partners++;
    }
    g_array_append_val(composition->rows, row);
    i = j;
  }
}

/* Divides each row by the totals of its scope: all focus ties for the
 * all-layer scope, the focus ties of that layer otherwise. The layer rows
 * of the layer dimension are exactly those per-layer totals. */
static void
citynet_composition_shares(CitynetComposition *composition)
{
  GArray *rows = composition->rows;
  GHashTable *layer_totals = g_hash_table_new(g_str_hash, g_str_equal);
  for (guint r = 0; r < rows->len; r++) {
    CitynetCompositionRow *row = &g_array_index(rows, CitynetCompositionRow, r);
    if (row->dimension == CITYNET_DIMENSION_LAYER)
      g_hash_table_insert(layer_totals, (gpointer) row->key, row);
  }
  for (guint r = 0; r < rows->len; r++) {
    CitynetCompositionRow *row = &g_array_index(rows, CitynetCompositionRow, r);
    double ties, weight;
    if (row->layer == NULL) {
      ties = (double) composition->total_ties;
      weight = composition->total_weight;
    } else {
      const CitynetCompositionRow *scope =
        g_hash_table_lookup(layer_totals, row->layer);
      ties = (double) scope->ties;
      weight = scope->weight;
    }
    row->tie_share = (double) row->ties / ties;
    row->weight_share = row->weight / weight;
  }
  g_hash_table_unref(layer_totals);
}

CitynetComposition *
citynet_composition_new(CitynetView *view, gsize focus, GError **error)
{
  g_return_val_if_fail(view != NULL, NULL);
  const CitynetNetwork *network = citynet_view_get_network(view);
  if (focus >= citynet_network_n_nodes(network) ||
      citynet_view_node_vertex(view, focus) < 0) {
    if (focus >= citynet_network_n_nodes(network))
      g_set_error(error, CITYNET_ERROR, CITYNET_ERROR_NOT_FOUND,
                  "node index %" G_GSIZE_FORMAT " does not exist", focus);
    else
      g_set_error(error, CITYNET_ERROR, CITYNET_ERROR_NOT_FOUND,
                  "node \"%s\" is not in the view",
                  citynet_network_node_id(network, focus));
    return NULL;
  }

  CitynetComposition *composition = g_new0(CitynetComposition, 1);
  composition->view = citynet_view_ref(view);
  composition->focus = focus;
  composition->rows = g_array_new(FALSE, FALSE, sizeof(CitynetCompositionRow));

  GArray *entries = g_array_new(FALSE, FALSE, sizeof(CitynetEntry));
  GPtrArray *groups = g_ptr_array_new();
  GHashTable *partners = g_hash_table_new(g_direct_hash, g_direct_equal);
  const gsize n_ties = citynet_view_n_ties(view);
  for (gsize i = 0; i < n_ties; i++) {
    gsize tie = citynet_view_tie(view, i);
    gsize source = citynet_network_tie_source(network, tie);
    gsize target = citynet_network_tie_target(network, tie);
    if (source != focus && target != focus)
      continue;
    guint32 partner = (guint32) (source == focus ? target : source);
    composition->total_ties++;
    composition->total_weight += citynet_network_tie_weight(network, tie);
    g_hash_table_add(partners, GUINT_TO_POINTER(partner + 1u));
    citynet_composition_tie_entries(view, tie, partner, entries, groups);
  }
  composition->total_partners = g_hash_table_size(partners);
  g_hash_table_unref(partners);
  g_ptr_array_unref(groups);

  g_array_sort(entries, citynet_entry_compare);
  citynet_composition_fold(composition, entries);
  g_array_unref(entries);
  citynet_composition_shares(composition);
  g_array_sort(composition->rows, citynet_row_compare);
  return composition;
}

void
citynet_composition_free(CitynetComposition *composition)
{
  if (composition == NULL)
    return;
  g_array_unref(composition->rows);
  citynet_view_unref(composition->view);
  g_free(composition);
}

gsize
citynet_composition_focus(const CitynetComposition *composition)
{
  g_return_val_if_fail(composition != NULL, 0);
  return composition->focus;
}

gsize
citynet_composition_total_ties(const CitynetComposition *composition)
{
  g_return_val_if_fail(composition != NULL, 0);
  return composition->total_ties;
}

double
citynet_composition_total_weight(const CitynetComposition *composition)
{
  g_return_val_if_fail(composition != NULL, 0.0);
  return composition->total_weight;
}

gsize
citynet_composition_total_partners(const CitynetComposition *composition)
{
  g_return_val_if_fail(composition != NULL, 0);
  return composition->total_partners;
}

gsize
citynet_composition_n_rows(const CitynetComposition *composition)
{
  g_return_val_if_fail(composition != NULL, 0);
  return composition->rows->len;
}

void
citynet_composition_row(const CitynetComposition *composition, gsize row,
                        CitynetDimension *dimension, const char **layer,
                        const char **key, gsize *ties, gsize *partners,
                        double *weight, double *tie_share,
                        double *weight_share)
{
  g_return_if_fail(composition != NULL && row < composition->rows->len);
  const CitynetCompositionRow *r =
    &g_array_index(composition->rows, CitynetCompositionRow, row);
  if (dimension != NULL)
    *dimension = r->dimension;
  if (layer != NULL)
    *layer = r->layer;
  if (key != NULL)
    *key = r->key;
  if (ties != NULL)
    *ties = r->ties;
  if (partners != NULL)
    *partners = r->partners;
  if (weight != NULL)
    *weight = r->weight;
  if (tie_share != NULL)
    *tie_share = r->tie_share;
  if (weight_share != NULL)
    *weight_share = r->weight_share;
}

const char *
citynet_dimension_to_string(CitynetDimension dimension)
{
  switch (dimension) {
  case CITYNET_DIMENSION_LAYER:
    return "layer";
  case CITYNET_DIMENSION_COUNTRY:
    return "country";
  case CITYNET_DIMENSION_GROUP:
    return "group";
  }
  return "unknown";
}
