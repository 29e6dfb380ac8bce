/* libcitynet - alignment: options, samples of entries, the composition by
 * group and the two-sample comparison (profile against a baseline, period
 * comparison, affinity). See docs/alignment.md.
 *
 * Everything here works on *entries*: a view tie seen from one owner end
 * (alignment.h). A sample is built once from the view's selected ties; the
 * permutation and bootstrap replicates then only reweight the pooled
 * entries (a multiplicity per entry), so one function computes every
 * statistic for the observed data and for every replicate alike. */
#include <math.h>
#include <string.h>

#include "alignment-private.h"
#include "permutation.h"
#include "progress-private.h"
#include "view-private.h"

/* Replicate streams: (seed, run, replicate) with one run id per test, so
 * that two tests with one seed never share draws. */
enum {
  RUN_ALIGNMENT_PERMUTATION = 2,
  RUN_ALIGNMENT_BOOTSTRAP = 3
};

/* Replicates handed to a thread at a time. */
#define REPLICATE_CHUNK 64

/* ------------------------------------------------------------------------ */
/* Options                                                                  */
/* ------------------------------------------------------------------------ */

static void
options_defaults(CitynetAlignmentOptions *options)
{
  options->groups = g_ptr_array_new_with_free_func(g_free);
  options->strata_groups = g_ptr_array_new_with_free_func(g_free);
  options->strata_by_kind = FALSE;
  options->unit = CITYNET_UNIT_TIES;
  options->dimension = CITYNET_DIMENSION_COUNTRY;
  options->permutations = 1000;
  options->seed = 1;
  options->threads = 0;
  options->interval = CITYNET_INTERVAL_PERMUTATION;
  options->level = 0.95;
  options->label_date_set = FALSE;
  options->label_date = CITYNET_DATE_OPEN;
  options->affinity = NULL;
  options->network_test = TRUE;
}

CitynetAlignmentOptions *
citynet_alignment_options_new(void)
{
  CitynetAlignmentOptions *options = g_new0(CitynetAlignmentOptions, 1);
  options_defaults(options);
  return options;
}

static void
copy_names(GPtrArray *to, const GPtrArray *from)
{
  for (guint i = 0; i < from->len; i++)
    g_ptr_array_add(to, g_strdup(g_ptr_array_index(from, i)));
}

CitynetAlignmentOptions *
citynet_alignment_options_copy(const CitynetAlignmentOptions *options)
{
  g_return_val_if_fail(options != NULL, NULL);
  CitynetAlignmentOptions *copy = g_new0(CitynetAlignmentOptions, 1);
  *copy = *options;
  copy->groups = g_ptr_array_new_with_free_func(g_free);
  copy->strata_groups = g_ptr_array_new_with_free_func(g_free);
  copy_names(copy->groups, options->groups);
  copy_names(copy->strata_groups, options->strata_groups);
  copy->affinity = g_strdup(options->affinity);
  return copy;
}

void
citynet_alignment_options_free(CitynetAlignmentOptions *options)
{
  if (options == NULL)
    return;
  g_ptr_array_unref(options->groups);
  g_ptr_array_unref(options->strata_groups);
  g_free(options->affinity);
  g_free(options);
}

static gboolean
names_contain(const GPtrArray *names, const char *name)
{
  for (guint i = 0; i < names->len; i++)
    if (strcmp(g_ptr_array_index(names, i), name) == 0)
      return TRUE;
  return FALSE;
}

void
citynet_alignment_options_add_group(CitynetAlignmentOptions *options,
                                    const char *group)
{
  g_return_if_fail(options != NULL && group != NULL);
  if (!names_contain(options->groups, group))
    g_ptr_array_add(options->groups, g_strdup(group));
}

void
citynet_alignment_options_set_unit(CitynetAlignmentOptions *options,
                                   CitynetUnit unit)
{
  g_return_if_fail(options != NULL);
  options->unit = unit;
}

void
citynet_alignment_options_set_dimension(CitynetAlignmentOptions *options,
                                        CitynetDimension dimension)
{
  g_return_if_fail(options != NULL);
  options->dimension = dimension;
}

void
citynet_alignment_options_set_permutations(CitynetAlignmentOptions *options,
                                           guint permutations)
{
  g_return_if_fail(options != NULL);
  options->permutations = permutations;
}

void
citynet_alignment_options_set_seed(CitynetAlignmentOptions *options,
                                   guint64 seed)
{
  g_return_if_fail(options != NULL);
  options->seed = seed;
}

void
citynet_alignment_options_set_threads(CitynetAlignmentOptions *options,
                                      guint threads)
{
  g_return_if_fail(options != NULL);
  options->threads = threads;
}

void
citynet_alignment_options_set_interval(CitynetAlignmentOptions *options,
                                       CitynetInterval interval)
{
  g_return_if_fail(options != NULL);
  options->interval = interval;
}

gboolean
citynet_alignment_options_set_level(CitynetAlignmentOptions *options,
                                    double level, GError **error)
{
  g_return_val_if_fail(options != NULL, FALSE);
  if (!(level > 0.0 && level < 1.0)) {
    g_set_error(error, CITYNET_ERROR, CITYNET_ERROR_INVALID_ARGUMENT,
                "interval level %g is not between 0 and 1", level);
    return FALSE;
  }
  options->level = level;
  return TRUE;
}

void
citynet_alignment_options_add_stratum_group(CitynetAlignmentOptions *options,
                                            const char *group)
{
  g_return_if_fail(options != NULL && group != NULL);
  if (!names_contain(options->strata_groups, group))
    g_ptr_array_add(options->strata_groups, g_strdup(group));
}

void
citynet_alignment_options_set_strata_by_kind(CitynetAlignmentOptions *options,
                                             gboolean by_kind)
{
  g_return_if_fail(options != NULL);
  options->strata_by_kind = by_kind;
}

gboolean
citynet_alignment_options_set_label_date(CitynetAlignmentOptions *options,
                                         const char *date, GError **error)
{
  g_return_val_if_fail(options != NULL, FALSE);
  if (date == NULL) {
    options->label_date_set = FALSE;
    options->label_date = CITYNET_DATE_OPEN;
    return TRUE;
  }
  CitynetDate parsed;
  if (!citynet_date_parse(date, &parsed, error))
    return FALSE;
  if (parsed == CITYNET_DATE_OPEN) {
    g_set_error_literal(error, CITYNET_ERROR, CITYNET_ERROR_INVALID_ARGUMENT,
                        "the label date is empty");
    return FALSE;
  }
  options->label_date_set = TRUE;
  options->label_date = citynet_date_first_day(parsed);
  return TRUE;
}

void
citynet_alignment_options_set_affinity(CitynetAlignmentOptions *options,
                                       const char *key)
{
  g_return_if_fail(options != NULL);
  g_free(options->affinity);
  options->affinity = g_strdup(key);
}

void
citynet_alignment_options_set_network_test(CitynetAlignmentOptions *options,
                                           gboolean network_test)
{
  g_return_if_fail(options != NULL);
  options->network_test = network_test;
}

const CitynetAlignmentOptions *
citynet_alignment_options_or_default(const CitynetAlignmentOptions *options)
{
  static gsize initialised = 0;
  static CitynetAlignmentOptions defaults;
  if (options != NULL)
    return options;
  if (g_once_init_enter(&initialised)) {
    options_defaults(&defaults);
    g_once_init_leave(&initialised, 1);
  }
  return &defaults;
}

/* ------------------------------------------------------------------------ */
/* Shared helpers                                                           */
/* ------------------------------------------------------------------------ */

const char **
citynet_alignment_groups(const CitynetAlignmentOptions *options,
                         const CitynetNetwork *network, gsize *n_groups)
{
  const char **groups;
  gsize n;
  if (options->groups->len > 0) {
    n = options->groups->len;
    groups = g_new0(const char *, n + 1);
    for (gsize i = 0; i < n; i++)
      groups[i] = g_ptr_array_index(options->groups, i);
  } else {
    const char *const *all = citynet_network_groups(network, &n);
    groups = g_new0(const char *, n + 1);
    for (gsize i = 0; i < n; i++)
      groups[i] = all[i];
  }
  *n_groups = n;
  return groups;
}

/* Whether declared country @country is in the group with index
 * @group_index (into network->groups; -1 = a group the network lacks). */
static gboolean
country_in_index(const CitynetNetwork *network, gssize country,
                 gssize group_index, CitynetDate day)
{
  if (country < 0 || group_index < 0)
    return FALSE;
  const GArray *spells = g_ptr_array_index(network->country_spells, country);
  for (guint i = 0; i < spells->len; i++) {
    const CitynetMembershipRec *spell = &g_array_index(
        network->memberships, CitynetMembershipRec, g_array_index(spells, guint32, i));
    if (spell->group == (guint32) group_index &&
        citynet_date_active(spell->start, spell->end, day))
      return TRUE;
  }
  return FALSE;
}

gboolean
citynet_alignment_country_in(const CitynetNetwork *network, gssize country,
                             const char *group, CitynetDate day)
{
  return country_in_index(network, country,
                          citynet_name_table_find(&network->groups, group), day);
}

gsize
citynet_alignment_country_categories(CitynetView *const *views, gsize n_views)
{
  GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
  for (gsize v = 0; v < n_views; v++) {
    const CitynetNetwork *network = citynet_view_get_network(views[v]);
    gsize n = citynet_view_n_vertices(views[v]);
    for (gsize i = 0; i < n; i++) {
      const char *code = citynet_network_node_country(network,
                                                      citynet_view_vertex_node(views[v], i));
      g_hash_table_add(seen, (gpointer) (code != NULL ? code : ""));
    }
  }
  gsize count = g_hash_table_size(seen);
  g_hash_table_unref(seen);
  return count;
}

gboolean
citynet_alignment_check_node(const CitynetView *view, gsize node,
                             GError **error)
{
  const CitynetNetwork *network = citynet_view_get_network(view);
  if (node >= citynet_network_n_nodes(network)) {
    g_set_error(error, CITYNET_ERROR, CITYNET_ERROR_NOT_FOUND,
                "node index %" G_GSIZE_FORMAT " does not exist", node);
    return FALSE;
  }
  if (citynet_view_node_vertex(view, node) < 0) {
    g_set_error(error, CITYNET_ERROR, CITYNET_ERROR_NOT_FOUND,
                "node \"%s\" is not in the view",
                citynet_network_node_id(network, node));
    return FALSE;
  }
  return TRUE;
}

static double
unit_value(CitynetUnit unit, double weight)
{
  return unit == CITYNET_UNIT_WEIGHT ? weight : 1.0;
}

/* ------------------------------------------------------------------------ */
/* Samples of entries                                                       */
/* ------------------------------------------------------------------------ */

typedef struct {
  guint32 owner;
  guint32 partner;
  guint32 tie;
  guint32 layer;          /* index into the network's layers */
  const char *country;    /* the partner's code, "" for none (borrowed) */
  const char *owner_country; /* the owner's code, "" for none */
  double weight;
  CitynetDate day;        /* the tie's reference date in its view */
} Entry;

/* A sample: entries plus, per entry, one bit per group of interest for the
 * partner's and the owner's membership on the entry's day. */
typedef struct {
  const CitynetNetwork *network;
  GArray *entries;        /* Entry */
  gsize words;            /* guint64 words per entry in the bit arrays */
  GArray *partner_bits;   /* guint64 */
  GArray *owner_bits;     /* guint64 */
} Sample;

static inline const guint64 *
sample_bits(const GArray *bits, gsize words, gsize entry)
{
  return &g_array_index(bits, guint64, entry * words);
}

static inline gboolean
bit_is_set(const guint64 *bits, gsize g)
{
  return (bits[g / 64] >> (g % 64)) & 1u;
}

static void
append_group_bits(GArray *bits, gsize words, const CitynetNetwork *network,
                  gsize node, const gssize *group_index, gsize n_groups,
                  CitynetDate day)
{
  gsize at = bits->len;
  g_array_set_size(bits, at + words);
  guint64 *out = &g_array_index(bits, guint64, at);
  memset(out, 0, words * sizeof(guint64));
  gssize country = citynet_network_node_country_index(network, node);
  if (country < 0)
    return;
  for (gsize g = 0; g < n_groups; g++)
    if (country_in_index(network, country, group_index[g], day))
      out[g / 64] |= G_GUINT64_CONSTANT(1) << (g % 64);
}

static const char *
country_or_empty(const CitynetNetwork *network, gsize node)
{
  const char *code = citynet_network_node_country(network, node);
  return code != NULL ? code : "";
}

/* Collects the entries of @owners (network node indices) in @view. */
static void
sample_init(Sample *sample, const CitynetView *view, const gsize *owners,
            gsize n_owners, const char *const *groups, gsize n_groups)
{
  const CitynetNetwork *network = citynet_view_get_network(view);
  sample->network = network;
  sample->entries = g_array_new(FALSE, FALSE, sizeof(Entry));
  sample->words = MAX((n_groups + 63) / 64, (gsize) 1);
  sample->partner_bits = g_array_new(FALSE, FALSE, sizeof(guint64));
  sample->owner_bits = g_array_new(FALSE, FALSE, sizeof(guint64));

  gssize *group_index = g_new(gssize, MAX(n_groups, (gsize) 1));
  for (gsize g = 0; g < n_groups; g++)
    group_index[g] = citynet_name_table_find(&network->groups, groups[g]);
  guint8 *is_owner = g_new0(guint8, citynet_network_n_nodes(network));
  for (gsize i = 0; i < n_owners; i++)
    is_owner[owners[i]] = 1;

  const gsize n_ties = citynet_view_n_ties(view);
  for (gsize i = 0; i < n_ties; i++) {
    gsize tie = citynet_view_tie(view, i);
    const CitynetTieRec *rec = &g_array_index(network->ties, CitynetTieRec, tie);
    gsize ends[2] = { rec->source, rec->target };
    for (int e = 0; e < 2; e++) {
      if (!is_owner[ends[e]])
        continue;
      gsize owner = ends[e], partner = ends[1 - e];
      Entry entry = {
        .owner = (guint32) owner, .partner = (guint32) partner,
        .tie = (guint32) tie, .layer = rec->layer,
        .country = country_or_empty(network, partner),
        .owner_country = country_or_empty(network, owner),
        .weight = rec->weight,
        .day = citynet_view_tie_reference_date(view, tie),
      };
      g_array_append_val(sample->entries, entry);
      append_group_bits(sample->partner_bits, sample->words, network, partner,
                        group_index, n_groups, entry.day);
      append_group_bits(sample->owner_bits, sample->words, network, owner,
                        group_index, n_groups, entry.day);
    }
  }
  g_free(is_owner);
  g_free(group_index);
}

static void
sample_clear(Sample *sample)
{
  g_clear_pointer(&sample->entries, g_array_unref);
  g_clear_pointer(&sample->partner_bits, g_array_unref);
  g_clear_pointer(&sample->owner_bits, g_array_unref);
}

static gsize
popcount_bits(const guint64 *bits, gsize words)
{
  gsize count = 0;
  for (gsize w = 0; w < words; w++)
    count += (gsize) __builtin_popcountll(bits[w]);
  return count;
}

/* ------------------------------------------------------------------------ */
/* Composition by group                                                     */
/* ------------------------------------------------------------------------ */

enum { N_UNITS = 3 };

typedef struct {
  CitynetDimension dimension;
  const char *layer;        /* NULL = all layers */
  const char *key;
  gsize alters;
  gsize ties;
  double weight;
  double share[N_UNITS];
  double fractional[N_UNITS];
} GcRow;

typedef struct {
  CitynetDimension dimension;
  const char *layer;
  gsize categories;
  gsize observed;
  double blau[N_UNITS];
  double iqv[N_UNITS];
} GcScope;

struct _CitynetGroupComposition {
  CitynetView *view;        /* owned reference: keeps the strings alive */
  gsize focus;
  gsize alters;
  gsize ties;
  double weight;
  char **groups;            /* owned copies: the keys of group rows */
  GArray *rows;             /* GcRow */
  GArray *scopes;           /* GcScope */
};

/* One category's counts while scanning a scope. */
typedef struct {
  gsize alters, ties;
  double weight;
  double fractional[N_UNITS];
} Tally;

/* Per-partner state inside one scope (distinct partners, group union). */
typedef struct {
  GHashTable *index;        /* partner + 1 -> slot + 1 */
  GArray *bits;             /* guint64 per slot: union of its groups */
  gsize words;
} PartnerSet;

/* The slot of @partner in @set, added (with an empty group union) when
 * new. */
static gsize
partner_slot(PartnerSet *set, guint32 partner)
{
  gpointer found = g_hash_table_lookup(set->index, GUINT_TO_POINTER(partner + 1u));
  if (found != NULL)
    return GPOINTER_TO_SIZE(found) - 1;
  gsize slot = set->bits->len / set->words;
  g_array_set_size(set->bits, set->bits->len + set->words);
  memset(&g_array_index(set->bits, guint64, slot * set->words), 0,
         set->words * sizeof(guint64));
  g_hash_table_insert(set->index, GUINT_TO_POINTER(partner + 1u),
                      GSIZE_TO_POINTER(slot + 1));
  return slot;
}

static void
scope_totals(const Sample *sample,
             const GArray *members, gsize *alters, double *ties, double *weight)
{
  GHashTable *seen = g_hash_table_new(g_direct_hash, g_direct_equal);
  *ties = 0;
  *weight = 0;
  for (guint i = 0; i < members->len; i++) {
    const Entry *e = &g_array_index(sample->entries, Entry,
                                    g_array_index(members, guint32, i));
    g_hash_table_add(seen, GUINT_TO_POINTER(e->partner + 1u));
    *ties += 1;
    *weight += e->weight;
  }
  *alters = g_hash_table_size(seen);
  g_hash_table_unref(seen);
}

static void
push_row(CitynetGroupComposition *c, CitynetDimension dimension,
         const char *layer, const char *key, const Tally *t,
         const double totals[N_UNITS], gboolean fractional_differs)
{
  GcRow row = {
    .dimension = dimension, .layer = layer, .key = key,
    .alters = t->alters, .ties = t->ties, .weight = t->weight,
  };
  double counts[N_UNITS] = { (double) t->alters, (double) t->ties, t->weight };
  for (int u = 0; u < N_UNITS; u++) {
    row.share[u] = counts[u] / totals[u];
    row.fractional[u] = fractional_differs ? t->fractional[u] / totals[u] : row.share[u];
  }
  g_array_append_val(c->rows, row);
}

static void
push_scope(CitynetGroupComposition *c, CitynetDimension dimension,
           const char *layer, gsize categories, guint first_row)
{
  GcScope scope = { .dimension = dimension, .layer = layer, .categories = categories };
  for (int u = 0; u < N_UNITS; u++) {
    double sum = 0.0;
    for (guint r = first_row; r < c->rows->len; r++) {
      const GcRow *row = &g_array_index(c->rows, GcRow, r);
      sum += row->fractional[u] * row->fractional[u];
    }
    scope.blau[u] = 1.0 - sum;
    scope.iqv[u] = categories >= 2
                       ? scope.blau[u] * (double) categories / (double) (categories - 1)
                       : NAN;
  }
  for (guint r = first_row; r < c->rows->len; r++)
    if (g_array_index(c->rows, GcRow, r).ties > 0)
      scope.observed++;
  g_array_append_val(c->scopes, scope);
}

static int
compare_gc_rows_in_scope(gconstpointer pa, gconstpointer pb)
{
  const GcRow *a = pa, *b = pb;
  if (a->ties != b->ties)
    return a->ties > b->ties ? -1 : 1;
  return strcmp(a->key, b->key);
}

/* Sorts the rows of [first, end) by decreasing ties, then key. */
static void
sort_rows(GArray *rows, guint first)
{
  if (rows->len - first > 1)
    qsort(&g_array_index(rows, GcRow, first), rows->len - first, sizeof(GcRow),
          compare_gc_rows_in_scope);
}

/* Country rows of one scope: one per partner country present. */
static void
composition_countries(CitynetGroupComposition *c, const Sample *sample,
                      const GArray *members, const char *layer,
                      const double totals[N_UNITS], gsize categories)
{
  GHashTable *tallies = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, g_free);
  GHashTable *seen = g_hash_table_new(g_direct_hash, g_direct_equal);
  GPtrArray *order = g_ptr_array_new();
  for (guint i = 0; i < members->len; i++) {
    const Entry *e = &g_array_index(sample->entries, Entry,
                                    g_array_index(members, guint32, i));
    Tally *t = g_hash_table_lookup(tallies, e->country);
    if (t == NULL) {
      t = g_new0(Tally, 1);
      g_hash_table_insert(tallies, (gpointer) e->country, t);
      g_ptr_array_add(order, (gpointer) e->country);
    }
    if (g_hash_table_add(seen, GUINT_TO_POINTER(e->partner + 1u)))
      t->alters++;
    t->ties++;
    t->weight += e->weight;
  }
  guint first = c->rows->len;
  for (guint k = 0; k < order->len; k++) {
    const char *key = g_ptr_array_index(order, k);
    push_row(c, CITYNET_DIMENSION_COUNTRY, layer, key,
             g_hash_table_lookup(tallies, key), totals, FALSE);
  }
  sort_rows(c->rows, first);
  push_scope(c, CITYNET_DIMENSION_COUNTRY, layer, categories, first);
  g_ptr_array_unref(order);
  g_hash_table_unref(seen);
  g_hash_table_unref(tallies);
}

/* Group rows of one scope: every selected group (all-layer scope) or the
 * groups with ties (layer scopes), then "" when some entry is in none. */
static void
composition_groups(CitynetGroupComposition *c, const Sample *sample,
                   const GArray *members, const char *layer,
                   const double totals[N_UNITS], gsize n_groups)
{
  Tally *t = g_new0(Tally, n_groups + 1); /* [n_groups] = "" */
  PartnerSet partners = {
    .index = g_hash_table_new(g_direct_hash, g_direct_equal),
    .bits = g_array_new(FALSE, FALSE, sizeof(guint64)),
    .words = sample->words,
  };
  for (guint i = 0; i < members->len; i++) {
    guint32 index = g_array_index(members, guint32, i);
    const Entry *e = &g_array_index(sample->entries, Entry, index);
    const guint64 *bits = sample_bits(sample->partner_bits, sample->words, index);
    gsize j = popcount_bits(bits, sample->words);
    gsize slot = partner_slot(&partners, e->partner);
    guint64 *partner_union = &g_array_index(partners.bits, guint64, slot * partners.words);
    for (gsize w = 0; w < sample->words; w++)
      partner_union[w] |= bits[w];
    for (gsize g = 0; g <= n_groups; g++) {
      gboolean in = g < n_groups ? bit_is_set(bits, g) : j == 0;
      if (!in)
        continue;
      double share = j > 0 ? 1.0 / (double) j : 1.0;
      t[g].ties++;
      t[g].weight += e->weight;
      t[g].fractional[1] += share;
      t[g].fractional[2] += share * e->weight;
    }
  }
  /* Alters: a partner belongs to the union of its entries' groups. */
  gsize n_slots = partners.bits->len / partners.words;
  for (gsize s = 0; s < n_slots; s++) {
    const guint64 *bits = &g_array_index(partners.bits, guint64, s * partners.words);
    gsize j = popcount_bits(bits, partners.words);
    for (gsize g = 0; g <= n_groups; g++) {
      gboolean in = g < n_groups ? bit_is_set(bits, g) : j == 0;
      if (in) {
        t[g].alters++;
        t[g].fractional[0] += j > 0 ? 1.0 / (double) j : 1.0;
      }
    }
  }
  guint first = c->rows->len;
  for (gsize g = 0; g <= n_groups; g++) {
    gboolean keep = g < n_groups ? (layer == NULL || t[g].ties > 0) : t[g].ties > 0;
    if (keep)
      push_row(c, CITYNET_DIMENSION_GROUP, layer,
               g < n_groups ? c->groups[g] : "", &t[g], totals, TRUE);
  }
  sort_rows(c->rows, first);
  push_scope(c, CITYNET_DIMENSION_GROUP, layer, n_groups + 1, first);
  g_hash_table_unref(partners.index);
  g_array_unref(partners.bits);
  g_free(t);
}

static int
compare_layer_names(gconstpointer a, gconstpointer b)
{
  return strcmp(*(const char *const *) a, *(const char *const *) b);
}

/* The entries of one scope: all of them when @layer_index is -1, else
 * those of that layer. */
static void
select_scope(const Sample *sample, gssize layer_index, GArray *members)
{
  g_array_set_size(members, 0);
  for (guint32 i = 0; i < sample->entries->len; i++) {
    const Entry *e = &g_array_index(sample->entries, Entry, i);
    if (layer_index < 0 || e->layer == (guint32) layer_index)
      g_array_append_val(members, i);
  }
}

CitynetGroupComposition *
citynet_group_composition_new(CitynetView *view, gsize focus,
                              const CitynetAlignmentOptions *options,
                              GError **error)
{
  g_return_val_if_fail(view != NULL, NULL);
  if (!citynet_alignment_check_node(view, focus, error))
    return NULL;
  options = citynet_alignment_options_or_default(options);
  const CitynetNetwork *network = citynet_view_get_network(view);

  CitynetGroupComposition *c = g_new0(CitynetGroupComposition, 1);
  c->view = citynet_view_ref(view);
  c->focus = focus;
  c->rows = g_array_new(FALSE, FALSE, sizeof(GcRow));
  c->scopes = g_array_new(FALSE, FALSE, sizeof(GcScope));
  gsize n_groups;
  const char **groups = citynet_alignment_groups(options, network, &n_groups);
  c->groups = g_new0(char *, n_groups + 1);
  for (gsize g = 0; g < n_groups; g++)
    c->groups[g] = g_strdup(groups[g]);

  Sample sample;
  sample_init(&sample, view, &focus, 1, groups, n_groups);
  g_free(groups);

  /* Scopes: all layers, then each layer with entries, by name. */
  GPtrArray *layers = g_ptr_array_new();
  {
    GHashTable *seen = g_hash_table_new(g_direct_hash, g_direct_equal);
    for (guint i = 0; i < sample.entries->len; i++) {
      guint32 layer = g_array_index(sample.entries, Entry, i).layer;
      if (g_hash_table_add(seen, GUINT_TO_POINTER(layer + 1u)))
        g_ptr_array_add(layers, (gpointer) citynet_name_table_get(&network->layers, layer));
    }
    g_hash_table_unref(seen);
    g_ptr_array_sort(layers, compare_layer_names);
  }

  CitynetView *views[1] = { view };
  gsize country_categories = citynet_alignment_country_categories(views, 1);
  GArray *members = g_array_new(FALSE, FALSE, sizeof(guint32));
  if (sample.entries->len > 0) {
    for (int dimension = 0; dimension < 2; dimension++) {
      for (gssize s = -1; s < (gssize) layers->len; s++) {
        const char *layer = s < 0 ? NULL : g_ptr_array_index(layers, s);
        select_scope(&sample, s < 0 ? -1 : citynet_name_table_find(&network->layers, layer),
                     members);
        gsize alters;
        double ties, weight;
        scope_totals(&sample, members, &alters, &ties, &weight);
        double totals[N_UNITS] = { (double) alters, ties, weight };
        if (s < 0) {
          c->alters = alters;
          c->ties = (gsize) ties;
          c->weight = weight;
        }
        if (dimension == 0)
          composition_countries(c, &sample, members, layer, totals, country_categories);
        else
          composition_groups(c, &sample, members, layer, totals, n_groups);
      }
    }
  }
  g_array_unref(members);
  g_ptr_array_unref(layers);
  sample_clear(&sample);
  return c;
}

void
citynet_group_composition_free(CitynetGroupComposition *composition)
{
  if (composition == NULL)
    return;
  g_array_unref(composition->rows);
  g_array_unref(composition->scopes);
  g_strfreev(composition->groups);
  citynet_view_unref(composition->view);
  g_free(composition);
}

void
citynet_group_composition_totals(const CitynetGroupComposition *composition,
                                 gsize *alters, gsize *ties, double *weight)
{
  g_return_if_fail(composition != NULL);
  if (alters != NULL)
    *alters = composition->alters;
  if (ties != NULL)
    *ties = composition->ties;
  if (weight != NULL)
    *weight = composition->weight;
}

gsize
citynet_group_composition_n_rows(const CitynetGroupComposition *composition)
{
  g_return_val_if_fail(composition != NULL, 0);
  return composition->rows->len;
}

void
citynet_group_composition_row(const CitynetGroupComposition *composition,
                              gsize row, CitynetDimension *dimension,
                              const char **layer, const char **key,
                              gsize *alters, gsize *ties, double *weight)
{
  g_return_if_fail(composition != NULL && row < composition->rows->len);
  const GcRow *r = &g_array_index(composition->rows, GcRow, row);
  if (dimension != NULL)
    *dimension = r->dimension;
  if (layer != NULL)
    *layer = r->layer;
  if (key != NULL)
    *key = r->key;
  if (alters != NULL)
    *alters = r->alters;
  if (ties != NULL)
    *ties = r->ties;
  if (weight != NULL)
    *weight = r->weight;
}

static gboolean
unit_is_valid(CitynetUnit unit)
{
  return unit == CITYNET_UNIT_ALTERS || unit == CITYNET_UNIT_TIES ||
         unit == CITYNET_UNIT_WEIGHT;
}

void
citynet_group_composition_share(const CitynetGroupComposition *composition,
                                gsize row, CitynetUnit unit, double *share,
                                double *fractional)
{
  g_return_if_fail(composition != NULL && row < composition->rows->len);
  g_return_if_fail(unit_is_valid(unit));
  const GcRow *r = &g_array_index(composition->rows, GcRow, row);
  if (share != NULL)
    *share = r->share[unit];
  if (fractional != NULL)
    *fractional = r->fractional[unit];
}

gsize
citynet_group_composition_n_scopes(const CitynetGroupComposition *composition)
{
  g_return_val_if_fail(composition != NULL, 0);
  return composition->scopes->len;
}

void
citynet_group_composition_diversity(const CitynetGroupComposition *composition,
                                    gsize scope, CitynetUnit unit,
                                    CitynetDimension *dimension,
                                    const char **layer, gsize *categories,
                                    gsize *observed, double *blau, double *iqv)
{
  g_return_if_fail(composition != NULL && scope < composition->scopes->len);
  g_return_if_fail(unit_is_valid(unit));
  const GcScope *s = &g_array_index(composition->scopes, GcScope, scope);
  if (dimension != NULL)
    *dimension = s->dimension;
  if (layer != NULL)
    *layer = s->layer;
  if (categories != NULL)
    *categories = s->categories;
  if (observed != NULL)
    *observed = s->observed;
  if (blau != NULL)
    *blau = s->blau[unit];
  if (iqv != NULL)
    *iqv = s->iqv[unit];
}

/* ------------------------------------------------------------------------ */
/* Two-sample comparison                                                    */
/* ------------------------------------------------------------------------ */

enum { SIDE_FOCUS = 0, SIDE_BASELINE = 1 };

/* The pooled entries of both samples as the replicates see them: focus
 * entries 0..n_a-1, baseline entries n_a..n-1. A side is given by one
 * multiplicity per pooled entry (1/0 for a permutation, bootstrap counts
 * for a resample), so every statistic is a weighted sum over entries. */
typedef struct {
  gsize n;
  gsize n_a;
  double *unit;            /* per entry: 1 or the tie weight */
  CitynetDimension dimension;
  gsize n_categories;      /* K: countries (+ ""), or groups + "" */
  guint32 *category;       /* country dimension: entry -> category */
  guint64 *bits;           /* group dimension: partner group bits */
  gsize words;
  gsize n_groups;
  gsize n_partitions;      /* 1 + n_groups */
  guint8 *ei_state;        /* n x n_partitions: 0 out of it, 1 internal, 2 external */
  double *affinity;        /* per entry, NaN = missing; NULL without affinity */
  guint32 *affinity_order; /* entries with a value, by increasing value */
  gsize n_affinity;
  gsize n_stats;           /* per replicate */
  /* Replicates. */
  guint64 seed;
  gboolean bootstrap;
  double *out;             /* n_replicates x n_stats */
} Pool;

/* One side's statistics. */
typedef struct {
  double total;
  double *category_units;  /* K: units in the category (overlapping for groups) */
  double *distribution;    /* K: fractional shares, sum 1 */
  double *external;        /* n_partitions */
  double *internal;        /* n_partitions */
  double affinity_units;
  double affinity_sum;
  double affinity_median;
} SideStats;

static void
side_stats_init(SideStats *s, const Pool *pool)
{
  s->category_units = g_new0(double, MAX(pool->n_categories, (gsize) 1));
  s->distribution = g_new0(double, MAX(pool->n_categories, (gsize) 1));
  s->external = g_new0(double, pool->n_partitions);
  s->internal = g_new0(double, pool->n_partitions);
}

static void
side_stats_clear(SideStats *s)
{
  g_free(s->category_units);
  g_free(s->distribution);
  g_free(s->external);
  g_free(s->internal);
}

/* Computes @s for the side whose multiplicities are @count. */
static void
side_stats_compute(const Pool *pool, const double *count, SideStats *s)
{
  const gsize K = pool->n_categories, P = pool->n_partitions;
  s->total = 0.0;
  memset(s->category_units, 0, K * sizeof(double));
  memset(s->distribution, 0, K * sizeof(double));
  memset(s->external, 0, P * sizeof(double));
  memset(s->internal, 0, P * sizeof(double));
  s->affinity_units = s->affinity_sum = 0.0;

  for (gsize e = 0; e < pool->n; e++) {
    if (count[e] == 0.0)
      continue;
    double u = count[e] * pool->unit[e];
    s->total += u;
    if (pool->dimension == CITYNET_DIMENSION_COUNTRY) {
      s->category_units[pool->category[e]] += u;
      s->distribution[pool->category[e]] += u;
    } else {
      const guint64 *bits = pool->bits + e * pool->words;
      gsize j = popcount_bits(bits, pool->words);
      if (j == 0) {
        s->category_units[pool->n_groups] += u;
        s->distribution[pool->n_groups] += u;
      } else {
        double share = u / (double) j;
        for (gsize g = 0; g < pool->n_groups; g++)
          if (bit_is_set(bits, g)) {
            s->category_units[g] += u;
            s->distribution[g] += share;
          }
      }
    }
    const guint8 *state = pool->ei_state + e * P;
    for (gsize p = 0; p < P; p++) {
      if (state[p] == 1)
        s->internal[p] += u;
      else if (state[p] == 2)
        s->external[p] += u;
    }
    if (pool->affinity != NULL && !isnan(pool->affinity[e])) {
      s->affinity_units += u;
      s->affinity_sum += u * pool->affinity[e];
    }
  }
  if (s->total > 0.0)
    for (gsize k = 0; k < K; k++)
      s->distribution[k] /= s->total;

  /* Weighted median: the smallest value whose cumulative units reach half
   * (the inverse of the weighted empirical distribution). */
  s->affinity_median = NAN;
  if (pool->affinity != NULL && s->affinity_units > 0.0) {
    double half = 0.5 * s->affinity_units, cumulative = 0.0;
    double tolerance = 1e-12 * s->affinity_units;
    for (gsize i = 0; i < pool->n_affinity; i++) {
      guint32 e = pool->affinity_order[i];
      cumulative += count[e] * pool->unit[e];
      if (count[e] != 0.0 && cumulative >= half - tolerance) {
        s->affinity_median = pool->affinity[e];
        break;
      }
    }
  }
}

static double
share_of(const SideStats *s, gsize k)
{
  return s->total > 0.0 ? s->category_units[k] / s->total : NAN;
}

static double
blau_of(const SideStats *s, gsize K)
{
  if (!(s->total > 0.0))
    return NAN;
  double sum = 0.0;
  for (gsize k = 0; k < K; k++)
    sum += s->distribution[k] * s->distribution[k];
  return 1.0 - sum;
}

static double
ei_of(const SideStats *s, gsize p)
{
  double total = s->external[p] + s->internal[p];
  return total > 0.0 ? (s->external[p] - s->internal[p]) / total : NAN;
}

static double
affinity_mean_of(const SideStats *s)
{
  return s->affinity_units > 0.0 ? s->affinity_sum / s->affinity_units : NAN;
}

static double
plogp(double p)
{
  return p > 0.0 ? p * log2(p) : 0.0;
}

/* Jensen-Shannon divergence in bits (Lin 1991): H(M) - (H(P) + H(Q))/2
 * with M = (P + Q)/2, i.e. the mean of the two Kullback-Leibler
 * divergences to M; in [0, 1]. */
static double
jsd_of(const SideStats *a, const SideStats *b, gsize K)
{
  if (!(a->total > 0.0) || !(b->total > 0.0))
    return NAN;
  double value = 0.0;
  for (gsize k = 0; k < K; k++) {
    double p = a->distribution[k], q = b->distribution[k], m = 0.5 * (p + q);
    value += 0.5 * (plogp(p) + plogp(q)) - plogp(m);
  }
  return CLAMP(value, 0.0, 1.0);
}

/* The statistic vector: K share differences, JSD, Blau difference, P E-I
 * differences, then (with affinity) the mean and median differences. */
static void
pool_statistics(const Pool *pool, const SideStats *a, const SideStats *b,
                double *out)
{
  const gsize K = pool->n_categories, P = pool->n_partitions;
  gsize at = 0;
  for (gsize k = 0; k < K; k++)
    out[at++] = share_of(a, k) - share_of(b, k);
  out[at++] = jsd_of(a, b, K);
  out[at++] = blau_of(a, K) - blau_of(b, K);
  for (gsize p = 0; p < P; p++)
    out[at++] = ei_of(a, p) - ei_of(b, p);
  if (pool->affinity != NULL) {
    out[at++] = affinity_mean_of(a) - affinity_mean_of(b);
    out[at++] = a->affinity_median - b->affinity_median;
  }
  g_assert(at == pool->n_stats);
}

/* Per-thread scratch of the replicates. */
typedef struct {
  double *count_a;
  double *count_b;
  SideStats a, b;
  CitynetStrata strata;     /* one stratum: every pooled entry */
  CitynetDrawer drawer;
} PoolScratch;

static gpointer
pool_scratch_new(gconstpointer context)
{
  const Pool *pool = context;
  PoolScratch *scratch = g_new0(PoolScratch, 1);
  scratch->count_a = g_new0(double, MAX(pool->n, (gsize) 1));
  scratch->count_b = g_new0(double, MAX(pool->n, (gsize) 1));
  side_stats_init(&scratch->a, pool);
  side_stats_init(&scratch->b, pool);
  guint32 *items = g_new(guint32, MAX(pool->n, (gsize) 1));
  guint32 *strata = g_new0(guint32, MAX(pool->n, (gsize) 1));
  for (gsize e = 0; e < pool->n; e++)
    items[e] = (guint32) e;
  citynet_strata_init(&scratch->strata, items, strata, pool->n, 1);
  g_free(items);
  g_free(strata);
  citynet_drawer_init(&scratch->drawer, &scratch->strata, pool->n);
  return scratch;
}

static void
pool_scratch_free(gpointer data)
{
  PoolScratch *scratch = data;
  g_free(scratch->count_a);
  g_free(scratch->count_b);
  side_stats_clear(&scratch->a);
  side_stats_clear(&scratch->b);
  citynet_drawer_clear(&scratch->drawer);
  citynet_strata_clear(&scratch->strata);
  g_free(scratch);
}

/* Permutation: the pooled entries are dealt to the sides at random, the
 * side sizes kept (the smaller side is drawn, the rest is the other). */
static void
permute_sides(const Pool *pool, PoolScratch *scratch, CitynetRng *rng)
{
  gsize n_b = pool->n - pool->n_a;
  gboolean draw_a = pool->n_a <= n_b;
  gsize draws = draw_a ? pool->n_a : n_b;
  double *drawn = draw_a ? scratch->count_a : scratch->count_b;
  double *rest = draw_a ? scratch->count_b : scratch->count_a;
  memset(drawn, 0, pool->n * sizeof(double));
  for (gsize i = 0; i < draws; i++)
    drawn[citynet_drawer_draw(&scratch->drawer, rng, 0)] = 1.0;
  citynet_drawer_reset(&scratch->drawer);
  for (gsize e = 0; e < pool->n; e++)
    rest[e] = 1.0 - drawn[e];
}

/* Bootstrap: each side resampled with replacement from its own entries. */
static void
resample_sides(const Pool *pool, PoolScratch *scratch, CitynetRng *rng)
{
  gsize n_b = pool->n - pool->n_a;
  memset(scratch->count_a, 0, pool->n * sizeof(double));
  memset(scratch->count_b, 0, pool->n * sizeof(double));
  for (gsize i = 0; i < pool->n_a; i++)
    scratch->count_a[citynet_rng_below(rng, pool->n_a)] += 1.0;
  for (gsize i = 0; i < n_b; i++)
    scratch->count_b[pool->n_a + citynet_rng_below(rng, n_b)] += 1.0;
}

static void
pool_replicates(gconstpointer context, gpointer data, gsize first, gsize last)
{
  const Pool *pool = context;
  PoolScratch *scratch = data;
  for (gsize r = first; r < last; r++) {
    CitynetRng rng;
    citynet_rng_seed(&rng, pool->seed,
                     pool->bootstrap ? RUN_ALIGNMENT_BOOTSTRAP : RUN_ALIGNMENT_PERMUTATION, r);
    if (pool->bootstrap)
      resample_sides(pool, scratch, &rng);
    else
      permute_sides(pool, scratch, &rng);
    side_stats_compute(pool, scratch->count_a, &scratch->a);
    side_stats_compute(pool, scratch->count_b, &scratch->b);
    pool_statistics(pool, &scratch->a, &scratch->b, pool->out + r * pool->n_stats);
  }
}

/* The progress labels of the two replicate runs (CitynetProgressFunc). */
#define PERMUTATION_PROGRESS "Comparison permutations"
#define BOOTSTRAP_PROGRESS "Comparison bootstrap"

/* Runs @n replicates; returns the n x n_stats matrix (g_free), or NULL
 * when the progress handler cancelled the run. */
static double *
pool_run(Pool *pool, guint n, gboolean bootstrap, guint threads)
{
  pool->bootstrap = bootstrap;
  pool->out = g_new(double, MAX((gsize) n * pool->n_stats, (gsize) 1));
  gboolean done = citynet_parallel_run_reporting(
    n, threads, REPLICATE_CHUNK, pool_scratch_new, pool_scratch_free,
    pool_replicates, pool, bootstrap ? BOOTSTRAP_PROGRESS : PERMUTATION_PROGRESS);
  double *out = pool->out;
  pool->out = NULL;
  if (!done)
    g_clear_pointer(&out, g_free);
  return out;
}

struct _CitynetAlignment {
  CitynetDimension dimension;
  CitynetUnit unit;
  gsize entries[2];
  double units[2];
  gsize n_categories;
  char **keys;                 /* owned */
  double *category_units[2];
  double *shares[2];
  CitynetTestResult *differences;
  CitynetTestResult jsd;
  double blau[2];
  double iqv[2];
  CitynetTestResult blau_difference;
  gsize n_partitions;
  char **partition_names;      /* owned: "country", then the groups */
  double *ei[2];
  CitynetTestResult *ei_differences;
  gboolean has_affinity;
  gsize affinity_entries[2];
  gsize affinity_missing[2];
  double affinity_mean[2];
  double *affinity_values[2];  /* sorted increasing */
  double *affinity_units[2];   /* aligned with the values */
  gsize affinity_n[2];
  CitynetTestResult affinity_mean_difference;
  CitynetTestResult affinity_median_difference;
};

static gboolean
check_owners(const CitynetView *view, const gsize *nodes, gsize n,
             const char *what, GError **error)
{
  if (n == 0) {
    g_set_error(error, CITYNET_ERROR, CITYNET_ERROR_INVALID_ARGUMENT,
                "the %s has no node", what);
    return FALSE;
  }
  GHashTable *seen = g_hash_table_new(g_direct_hash, g_direct_equal);
  gboolean ok = TRUE;
  for (gsize i = 0; i < n && ok; i++) {
    ok = citynet_alignment_check_node(view, nodes[i], error);
    if (ok && !g_hash_table_add(seen, GSIZE_TO_POINTER(nodes[i] + 1))) {
      g_set_error(error, CITYNET_ERROR, CITYNET_ERROR_INVALID_ARGUMENT,
                  "node \"%s\" is named twice in the %s",
                  citynet_network_node_id(citynet_view_get_network(view), nodes[i]),
                  what);
      ok = FALSE;
    }
  }
  g_hash_table_unref(seen);
  return ok;
}

static gboolean
same_node_sets(const gsize *a, gsize n_a, const gsize *b, gsize n_b)
{
  if (n_a != n_b)
    return FALSE;
  GHashTable *set = g_hash_table_new(g_direct_hash, g_direct_equal);
  for (gsize i = 0; i < n_a; i++)
    g_hash_table_add(set, GSIZE_TO_POINTER(a[i] + 1));
  gboolean same = TRUE;
  for (gsize i = 0; i < n_b && same; i++)
    same = g_hash_table_contains(set, GSIZE_TO_POINTER(b[i] + 1));
  g_hash_table_unref(set);
  return same;
}

static gboolean
check_alignment_arguments(const CitynetAlignmentOptions *options,
                          CitynetView *view, const gsize *nodes, gsize n_nodes,
                          CitynetView *baseline_view,
                          const gsize *baseline_nodes, gsize n_baseline,
                          GError **error)
{
  if (options->unit != CITYNET_UNIT_TIES && options->unit != CITYNET_UNIT_WEIGHT) {
    g_set_error_literal(error, CITYNET_ERROR, CITYNET_ERROR_INVALID_ARGUMENT,
                        "a comparison counts ties or weight, not alters");
    return FALSE;
  }
  if (options->dimension != CITYNET_DIMENSION_COUNTRY &&
      options->dimension != CITYNET_DIMENSION_GROUP) {
    g_set_error_literal(error, CITYNET_ERROR, CITYNET_ERROR_INVALID_ARGUMENT,
                        "a comparison is by country or by group");
    return FALSE;
  }
  if (!check_owners(view, nodes, n_nodes, "focus sample", error) ||
      !check_owners(baseline_view, baseline_nodes, n_baseline, "baseline", error))
    return FALSE;
  if (baseline_view == view &&
      same_node_sets(nodes, n_nodes, baseline_nodes, n_baseline)) {
    g_set_error_literal(error, CITYNET_ERROR, CITYNET_ERROR_INVALID_ARGUMENT,
                        "the baseline is the focus sample itself: name other "
                        "nodes or another view");
    return FALSE;
  }
  return TRUE;
}

/* Category keys and the entry -> category map of the country dimension:
 * the partner countries of both samples, by decreasing pooled units, then
 * key. */
static char **
country_categories(const Sample *samples, Pool *pool)
{
  GHashTable *units = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, g_free);
  GPtrArray *keys = g_ptr_array_new();
  gsize e = 0;
  for (int side = 0; side < 2; side++)
    for (guint i = 0; i < samples[side].entries->len; i++, e++) {
      const Entry *entry = &g_array_index(samples[side].entries, Entry, i);
      double *sum = g_hash_table_lookup(units, entry->country);
      if (sum == NULL) {
        sum = g_new0(double, 1);
        g_hash_table_insert(units, (gpointer) entry->country, sum);
        g_ptr_array_add(keys, (gpointer) entry->country);
      }
      *sum += pool->unit[e];
    }
  /* Sort by decreasing units then key: a simple insertion sort keeps this
   * free of a comparison closure; K is small (countries). */
  for (guint i = 1; i < keys->len; i++) {
    const char *key = g_ptr_array_index(keys, i);
    double value = *(double *) g_hash_table_lookup(units, key);
    guint j = i;
    while (j > 0) {
      const char *prev = g_ptr_array_index(keys, j - 1);
      double pv = *(double *) g_hash_table_lookup(units, prev);
      if (pv > value || (pv == value && strcmp(prev, key) < 0))
        break;
      keys->pdata[j] = keys->pdata[j - 1];
      j--;
    }
    keys->pdata[j] = (gpointer) key;
  }
  GHashTable *index = g_hash_table_new(g_str_hash, g_str_equal);
  char **result = g_new0(char *, keys->len + 1);
  for (guint k = 0; k < keys->len; k++) {
    result[k] = g_strdup(g_ptr_array_index(keys, k));
    g_hash_table_insert(index, g_ptr_array_index(keys, k), GUINT_TO_POINTER(k));
  }
  pool->n_categories = keys->len;
  pool->category = g_new(guint32, MAX(pool->n, (gsize) 1));
  e = 0;
  for (int side = 0; side < 2; side++)
    for (guint i = 0; i < samples[side].entries->len; i++, e++)
      pool->category[e] = GPOINTER_TO_UINT(g_hash_table_lookup(
          index, g_array_index(samples[side].entries, Entry, i).country));
  g_hash_table_unref(index);
  g_ptr_array_unref(keys);
  g_hash_table_unref(units);
  return result;
}

/* The E-I state of one entry for each partition: the country partition,
 * then "in group g or not" for each group. */
static void
entry_ei_states(const Sample *sample, guint i, gsize n_groups, guint8 *state)
{
  const Entry *entry = &g_array_index(sample->entries, Entry, i);
  gboolean labelled = *entry->country != '\0' && *entry->owner_country != '\0';
  if (!labelled) {
    memset(state, 0, n_groups + 1);
    return;
  }
  state[0] = strcmp(entry->country, entry->owner_country) == 0 ? 1 : 2;
  const guint64 *partner = sample_bits(sample->partner_bits, sample->words, i);
  const guint64 *owner = sample_bits(sample->owner_bits, sample->words, i);
  for (gsize g = 0; g < n_groups; g++)
    state[g + 1] = bit_is_set(partner, g) == bit_is_set(owner, g) ? 1 : 2;
}

static double
entry_affinity(const Sample *sample, guint i, const char *key)
{
  const Entry *entry = &g_array_index(sample->entries, Entry, i);
  gssize country = citynet_network_country_index(sample->network, entry->country);
  double value;
  if (country < 0 ||
      !citynet_network_country_attribute(sample->network, (gsize) country, key, &value) ||
      isnan(value))
    return NAN;
  return value;
}


static int
compare_affinity(gconstpointer pa, gconstpointer pb, gpointer data)
{
  const Pool *pool = data;
  guint32 a = *(const guint32 *) pa, b = *(const guint32 *) pb;
  double x = pool->affinity[a], y = pool->affinity[b];
  if (x != y)
    return x < y ? -1 : 1;
  return a < b ? -1 : (a > b ? 1 : 0);
}

static void
pool_init(Pool *pool, const Sample *samples, const CitynetAlignmentOptions *options,
          gsize n_groups, char ***keys)
{
  memset(pool, 0, sizeof(*pool));
  pool->n_a = samples[0].entries->len;
  pool->n = pool->n_a + samples[1].entries->len;
  pool->dimension = options->dimension;
  pool->n_groups = n_groups;
  pool->n_partitions = n_groups + 1;
  pool->words = samples[0].words;
  pool->seed = options->seed;
  pool->unit = g_new(double, MAX(pool->n, (gsize) 1));
  pool->ei_state = g_new0(guint8, MAX(pool->n * pool->n_partitions, (gsize) 1));
  if (options->affinity != NULL)
    pool->affinity = g_new(double, MAX(pool->n, (gsize) 1));
  if (options->dimension == CITYNET_DIMENSION_GROUP)
    pool->bits = g_new0(guint64, MAX(pool->n * pool->words, (gsize) 1));

  gsize e = 0;
  for (int side = 0; side < 2; side++)
    for (guint i = 0; i < samples[side].entries->len; i++, e++) {
      const Entry *entry = &g_array_index(samples[side].entries, Entry, i);
      pool->unit[e] = unit_value(options->unit, entry->weight);
      entry_ei_states(&samples[side], i, n_groups,
                      pool->ei_state + e * pool->n_partitions);
      if (pool->affinity != NULL)
        pool->affinity[e] = entry_affinity(&samples[side], i, options->affinity);
      if (pool->bits != NULL)
        memcpy(pool->bits + e * pool->words,
               sample_bits(samples[side].partner_bits, samples[side].words, i),
               pool->words * sizeof(guint64));
    }

  if (options->dimension == CITYNET_DIMENSION_COUNTRY) {
    *keys = country_categories(samples, pool);
  } else {
    pool->n_categories = n_groups + 1;
    *keys = NULL; /* filled by the caller from the group names */
  }
  if (pool->affinity != NULL) {
    pool->affinity_order = g_new(guint32, MAX(pool->n, (gsize) 1));
    for (gsize i = 0; i < pool->n; i++)
      if (!isnan(pool->affinity[i]))
        pool->affinity_order[pool->n_affinity++] = (guint32) i;
    g_qsort_with_data(pool->affinity_order, (gint) pool->n_affinity,
                      sizeof(guint32), compare_affinity, pool);
  }
  pool->n_stats = pool->n_categories + 2 + pool->n_partitions +
                  (pool->affinity != NULL ? 2 : 0);
}

static void
pool_clear(Pool *pool)
{
  g_free(pool->unit);
  g_free(pool->category);
  g_free(pool->bits);
  g_free(pool->ei_state);
  g_free(pool->affinity);
  g_free(pool->affinity_order);
}

/* The observed per-side values kept in the result. */
static void
alignment_fill_observed(CitynetAlignment *a, const Pool *pool,
                        const SideStats *sides, const double *observed)
{
  const gsize K = pool->n_categories, P = pool->n_partitions;
  a->n_categories = K;
  a->n_partitions = P;
  a->differences = g_new(CitynetTestResult, MAX(K, (gsize) 1));
  a->ei_differences = g_new(CitynetTestResult, P);
  for (int side = 0; side < 2; side++) {
    a->units[side] = sides[side].total;
    a->category_units[side] = g_memdup2(sides[side].category_units,
                                        MAX(K, (gsize) 1) * sizeof(double));
    a->shares[side] = g_new(double, MAX(K, (gsize) 1));
    for (gsize k = 0; k < K; k++)
      a->shares[side][k] = share_of(&sides[side], k);
    a->blau[side] = blau_of(&sides[side], K);
    a->ei[side] = g_new(double, P);
    for (gsize p = 0; p < P; p++)
      a->ei[side][p] = ei_of(&sides[side], p);
    a->affinity_mean[side] = affinity_mean_of(&sides[side]);
  }
  for (gsize k = 0; k < K; k++)
    citynet_test_result_init(&a->differences[k], observed[k]);
  citynet_test_result_init(&a->jsd, observed[K]);
  citynet_test_result_init(&a->blau_difference, observed[K + 1]);
  for (gsize p = 0; p < P; p++)
    citynet_test_result_init(&a->ei_differences[p], observed[K + 2 + p]);
  citynet_test_result_init(&a->affinity_mean_difference,
                           pool->affinity != NULL ? observed[K + 2 + P] : NAN);
  citynet_test_result_init(&a->affinity_median_difference,
                           pool->affinity != NULL ? observed[K + 3 + P] : NAN);
}

static CitynetTestResult *
alignment_result_slot(CitynetAlignment *a, gsize stat)
{
  const gsize K = a->n_categories, P = a->n_partitions;
  if (stat < K)
    return &a->differences[stat];
  if (stat == K)
    return &a->jsd;
  if (stat == K + 1)
    return &a->blau_difference;
  if (stat < K + 2 + P)
    return &a->ei_differences[stat - K - 2];
  return stat == K + 2 + P ? &a->affinity_mean_difference
                           : &a->affinity_median_difference;
}

/* Permutation p-values for every statistic; intervals from the
 * permutation null or from a bootstrap. Returns FALSE with
 * CITYNET_ERROR_CANCELLED when the progress handler cancelled. */
static gboolean
alignment_tests(CitynetAlignment *a, Pool *pool,
                const CitynetAlignmentOptions *options, GError **error)
{
  guint n = options->permutations;
  if (n == 0 || pool->n_a == 0 || pool->n == pool->n_a)
    return TRUE;
  gboolean bootstrap = options->interval == CITYNET_INTERVAL_BOOTSTRAP;
  double *permuted = pool_run(pool, n, FALSE, options->threads);
  if (permuted == NULL) {
    citynet_progress_set_cancelled(error, PERMUTATION_PROGRESS);
    return FALSE;
  }
  double *resampled = bootstrap ? pool_run(pool, n, TRUE, options->threads) : NULL;
  if (bootstrap && resampled == NULL) {
    g_free(permuted);
    citynet_progress_set_cancelled(error, BOOTSTRAP_PROGRESS);
    return FALSE;
  }
  for (gsize s = 0; s < pool->n_stats; s++) {
    CitynetTestResult *result = alignment_result_slot(a, s);
    double observed = result->observed;
    citynet_test_summarise(result, observed, permuted + s, n, pool->n_stats,
                           options->level, !bootstrap, TRUE);
    if (bootstrap)
      citynet_test_summarise(result, observed, resampled + s, n, pool->n_stats,
                             options->level, TRUE, FALSE);
  }
  g_free(permuted);
  g_free(resampled);
  return TRUE;
}

static void
alignment_affinity(CitynetAlignment *a, const Pool *pool, const Sample *samples)
{
  a->has_affinity = TRUE;
  for (int side = 0; side < 2; side++) {
    gsize first = side == 0 ? 0 : pool->n_a;
    gsize last = side == 0 ? pool->n_a : pool->n;
    a->affinity_values[side] = g_new(double, MAX(pool->n_affinity, (gsize) 1));
    a->affinity_units[side] = g_new(double, MAX(pool->n_affinity, (gsize) 1));
    for (gsize i = 0; i < pool->n_affinity; i++) {
      guint32 e = pool->affinity_order[i];
      if (e >= first && e < last) {
        a->affinity_values[side][a->affinity_n[side]] = pool->affinity[e];
        a->affinity_units[side][a->affinity_n[side]] = pool->unit[e];
        a->affinity_n[side]++;
      }
    }
    a->affinity_entries[side] = a->affinity_n[side];
    a->affinity_missing[side] = samples[side].entries->len - a->affinity_n[side];
  }
}

CitynetAlignment *
citynet_alignment_new(CitynetView *view, const gsize *nodes, gsize n_nodes,
                      CitynetView *baseline_view, const gsize *baseline_nodes,
                      gsize n_baseline, const CitynetAlignmentOptions *options,
                      GError **error)
{
  g_return_val_if_fail(view != NULL, NULL);
  g_return_val_if_fail(nodes != NULL || n_nodes == 0, NULL);
  options = citynet_alignment_options_or_default(options);
  if (baseline_view == NULL)
    baseline_view = view;
  if (baseline_nodes == NULL) {
    baseline_nodes = nodes;
    n_baseline = n_nodes;
  }
  if (!check_alignment_arguments(options, view, nodes, n_nodes, baseline_view,
                                 baseline_nodes, n_baseline, error))
    return NULL;

  const CitynetNetwork *network = citynet_view_get_network(view);
  gsize n_groups;
  const char **groups = citynet_alignment_groups(options, network, &n_groups);
  Sample samples[2];
  sample_init(&samples[0], view, nodes, n_nodes, groups, n_groups);
  sample_init(&samples[1], baseline_view, baseline_nodes, n_baseline, groups, n_groups);

  CitynetAlignment *a = g_new0(CitynetAlignment, 1);
  a->dimension = options->dimension;
  a->unit = options->unit;
  a->entries[0] = samples[0].entries->len;
  a->entries[1] = samples[1].entries->len;
  a->partition_names = g_new0(char *, n_groups + 2);
  a->partition_names[0] = g_strdup("country");
  for (gsize g = 0; g < n_groups; g++)
    a->partition_names[g + 1] = g_strdup(groups[g]);

  Pool pool;
  pool_init(&pool, samples, options, n_groups, &a->keys);
  if (a->keys == NULL) {
    a->keys = g_new0(char *, n_groups + 2);
    for (gsize g = 0; g < n_groups; g++)
      a->keys[g] = g_strdup(groups[g]);
    a->keys[n_groups] = g_strdup("");
  }
  g_free(groups);

  /* Observed: side multiplicities 1 on their own entries. */
  double *count = g_new0(double, MAX(pool.n, (gsize) 1));
  SideStats sides[2];
  for (int side = 0; side < 2; side++) {
    side_stats_init(&sides[side], &pool);
    for (gsize e = 0; e < pool.n; e++)
      count[e] = (side == 0) == (e < pool.n_a) ? 1.0 : 0.0;
    side_stats_compute(&pool, count, &sides[side]);
  }
  g_free(count);
  double *observed = g_new(double, pool.n_stats);
  pool_statistics(&pool, &sides[0], &sides[1], observed);
  alignment_fill_observed(a, &pool, sides, observed);
  g_free(observed);
  side_stats_clear(&sides[0]);
  side_stats_clear(&sides[1]);

  CitynetView *views[2] = { view, baseline_view };
  gsize K = options->dimension == CITYNET_DIMENSION_COUNTRY
                ? citynet_alignment_country_categories(views, baseline_view == view ? 1 : 2)
                : n_groups + 1;
  for (int side = 0; side < 2; side++)
    a->iqv[side] = K >= 2 ? a->blau[side] * (double) K / (double) (K - 1) : NAN;

  if (pool.affinity != NULL)
    alignment_affinity(a, &pool, samples);
  gboolean tested = alignment_tests(a, &pool, options, error);

  pool_clear(&pool);
  sample_clear(&samples[0]);
  sample_clear(&samples[1]);
  if (!tested)
    g_clear_pointer(&a, citynet_alignment_free);
  return a;
}

void
citynet_alignment_free(CitynetAlignment *alignment)
{
  if (alignment == NULL)
    return;
  g_strfreev(alignment->keys);
  g_strfreev(alignment->partition_names);
  for (int side = 0; side < 2; side++) {
    g_free(alignment->category_units[side]);
    g_free(alignment->shares[side]);
    g_free(alignment->ei[side]);
    g_free(alignment->affinity_values[side]);
    g_free(alignment->affinity_units[side]);
  }
  g_free(alignment->differences);
  g_free(alignment->ei_differences);
  g_free(alignment);
}

CitynetDimension
citynet_alignment_dimension(const CitynetAlignment *alignment)
{
  g_return_val_if_fail(alignment != NULL, CITYNET_DIMENSION_COUNTRY);
  return alignment->dimension;
}

CitynetUnit
citynet_alignment_unit(const CitynetAlignment *alignment)
{
  g_return_val_if_fail(alignment != NULL, CITYNET_UNIT_TIES);
  return alignment->unit;
}

void
citynet_alignment_totals(const CitynetAlignment *alignment, gsize *entries,
                         double *units, gsize *baseline_entries,
                         double *baseline_units)
{
  g_return_if_fail(alignment != NULL);
  if (entries != NULL)
    *entries = alignment->entries[0];
  if (units != NULL)
    *units = alignment->units[0];
  if (baseline_entries != NULL)
    *baseline_entries = alignment->entries[1];
  if (baseline_units != NULL)
    *baseline_units = alignment->units[1];
}

gsize
citynet_alignment_n_categories(const CitynetAlignment *alignment)
{
  g_return_val_if_fail(alignment != NULL, 0);
  return alignment->n_categories;
}

void
citynet_alignment_category(const CitynetAlignment *alignment, gsize category,
                           const char **key, double *units,
                           double *baseline_units, double *share,
                           double *baseline_share, double *ratio,
                           CitynetTestResult *difference)
{
  g_return_if_fail(alignment != NULL && category < alignment->n_categories);
  if (key != NULL)
    *key = alignment->keys[category];
  if (units != NULL)
    *units = alignment->category_units[0][category];
  if (baseline_units != NULL)
    *baseline_units = alignment->category_units[1][category];
  if (share != NULL)
    *share = alignment->shares[0][category];
  if (baseline_share != NULL)
    *baseline_share = alignment->shares[1][category];
  if (ratio != NULL)
    *ratio = alignment->shares[0][category] / alignment->shares[1][category];
  if (difference != NULL)
    *difference = alignment->differences[category];
}

void
citynet_alignment_jsd(const CitynetAlignment *alignment,
                      CitynetTestResult *result)
{
  g_return_if_fail(alignment != NULL && result != NULL);
  *result = alignment->jsd;
}

void
citynet_alignment_blau(const CitynetAlignment *alignment, double *blau,
                       double *baseline_blau, double *iqv,
                       double *baseline_iqv, CitynetTestResult *difference)
{
  g_return_if_fail(alignment != NULL);
  if (blau != NULL)
    *blau = alignment->blau[0];
  if (baseline_blau != NULL)
    *baseline_blau = alignment->blau[1];
  if (iqv != NULL)
    *iqv = alignment->iqv[0];
  if (baseline_iqv != NULL)
    *baseline_iqv = alignment->iqv[1];
  if (difference != NULL)
    *difference = alignment->blau_difference;
}

gsize
citynet_alignment_n_partitions(const CitynetAlignment *alignment)
{
  g_return_val_if_fail(alignment != NULL, 0);
  return alignment->n_partitions;
}

void
citynet_alignment_ei(const CitynetAlignment *alignment, gsize partition,
                     const char **name, double *ei, double *baseline_ei,
                     CitynetTestResult *difference)
{
  g_return_if_fail(alignment != NULL && partition < alignment->n_partitions);
  if (name != NULL)
    *name = alignment->partition_names[partition];
  if (ei != NULL)
    *ei = alignment->ei[0][partition];
  if (baseline_ei != NULL)
    *baseline_ei = alignment->ei[1][partition];
  if (difference != NULL)
    *difference = alignment->ei_differences[partition];
}

gboolean
citynet_alignment_has_affinity(const CitynetAlignment *alignment)
{
  g_return_val_if_fail(alignment != NULL, FALSE);
  return alignment->has_affinity;
}

void
citynet_alignment_affinity(const CitynetAlignment *alignment, gboolean baseline,
                           gsize *entries, gsize *missing, double *mean)
{
  g_return_if_fail(alignment != NULL);
  int side = baseline ? 1 : 0;
  if (entries != NULL)
    *entries = alignment->affinity_entries[side];
  if (missing != NULL)
    *missing = alignment->has_affinity ? alignment->affinity_missing[side]
                                       : alignment->entries[side];
  if (mean != NULL)
    *mean = alignment->has_affinity ? alignment->affinity_mean[side] : NAN;
}

double
citynet_alignment_affinity_quantile(const CitynetAlignment *alignment,
                                    gboolean baseline, double probability)
{
  g_return_val_if_fail(alignment != NULL, NAN);
  int side = baseline ? 1 : 0;
  gsize n = alignment->affinity_n[side];
  if (!alignment->has_affinity || n == 0 || !(probability >= 0.0 && probability <= 1.0))
    return NAN;
  const double *values = alignment->affinity_values[side];
  const double *units = alignment->affinity_units[side];
  double total = 0.0;
  for (gsize i = 0; i < n; i++)
    total += units[i];
  double target = probability * total, cumulative = 0.0;
  double tolerance = 1e-12 * total;
  for (gsize i = 0; i < n; i++) {
    cumulative += units[i];
    if (cumulative >= target - tolerance && (probability > 0.0 || i == 0))
      return values[i];
  }
  return values[n - 1];
}

void
citynet_alignment_affinity_test(const CitynetAlignment *alignment,
                                gboolean median, CitynetTestResult *result)
{
  g_return_if_fail(alignment != NULL && result != NULL);
  *result = median ? alignment->affinity_median_difference
                   : alignment->affinity_mean_difference;
}
