/* libcitynet - figures: the focus node's ties, its partners ("alters") and
 * the categories they are coloured by. */
#include <string.h>

#include "figure-private.h"

const char *
fig_node_name(const CitynetNetwork *network, gsize node)
{
  const char *name = citynet_network_node_name(network, node);
  return name != NULL && *name != '\0' ? name : citynet_network_node_id(network, node);
}

/* Reference dates compared chronologically, "now" (open) last. */
static gboolean
date_before(CitynetDate a, CitynetDate b)
{
  if (a == CITYNET_DATE_OPEN)
    return FALSE;
  return b == CITYNET_DATE_OPEN || a < b;
}

guint
fig_ego_category(const FigEgo *ego, gsize node, CitynetDate day)
{
  if (citynet_network_node_country(ego->network, node) == NULL)
    return FIG_CATEGORY_NONE(ego->n_groups);
  char **groups = citynet_network_node_groups_at(ego->network, node, day);
  guint category = FIG_CATEGORY_OTHER(ego->n_groups);
  for (guint i = 0; i < ego->n_groups && category == FIG_CATEGORY_OTHER(ego->n_groups); i++)
    if (g_strv_contains((const char *const *) groups, ego->groups[i]))
      category = i;
  g_strfreev(groups);
  return category;
}

FigColor
fig_category_color(guint category, guint n_groups)
{
  if (category < n_groups)
    return fig_palette(category);
  if (category == FIG_CATEGORY_OTHER(n_groups))
    return fig_other_grey;
  return (FigColor) { 1, 1, 1 };
}

const char *
fig_category_name(const FigEgo *ego, guint category)
{
  if (category < ego->n_groups)
    return ego->groups[category];
  if (category == FIG_CATEGORY_OTHER(ego->n_groups))
    return "other";
  return "no country";
}

gint
fig_ego_layer_style(const FigEgo *ego, const char *layer)
{
  for (guint i = 0; i < ego->n_layers; i++)
    if (strcmp(ego->layers[i], layer) == 0)
      return (gint) i;
  return -1;
}

typedef struct {
  const char *name;
  gsize count;
  gsize extra; /* a secondary count for ties */
} NameCount;

static gint
compare_name_counts(gconstpointer a, gconstpointer b)
{
  const NameCount *x = a, *y = b;
  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;
  if (x->extra != y->extra)
    return x->extra > y->extra ? -1 : 1;
  return strcmp(x->name, y->name);
}

/* The automatic groups: greedily the group holding the most partners not
 * yet covered by the groups chosen before (ties broken by its partners in
 * total, then by name), up to four. Groups overlap, and colouring takes
 * the first matching group, so this makes the colours split the partners
 * instead of repeating the largest bloc. */
static char **
choose_groups(const FigEgo *ego)
{
  gsize n_groups_total = 0;
  const char *const *all = citynet_network_groups(ego->network, &n_groups_total);
  guint n_alters = ego->alters->len;
  gboolean *covered = g_new0(gboolean, n_alters);
  /* member[g * n_alters + a]: alter a's country is in group g. */
  gboolean *member = g_new0(gboolean, n_groups_total * n_alters + 1);
  for (guint a = 0; a < n_alters; a++) {
    const FigAlter *alter = &g_array_index(ego->alters, FigAlter, a);
    char **groups = citynet_network_node_groups_at(ego->network, alter->node,
                                                   alter->first_day);
    for (gsize g = 0; g < n_groups_total; g++)
      member[g * n_alters + a] = g_strv_contains((const char *const *) groups, all[g]);
    g_strfreev(groups);
  }
  GPtrArray *chosen = g_ptr_array_new();
  gboolean *used = g_new0(gboolean, n_groups_total + 1);
  while (chosen->len < 4) {
    NameCount best = { NULL, 0, 0 };
    gssize best_group = -1;
    for (gsize g = 0; g < n_groups_total; g++) {
      if (used[g])
        continue;
      NameCount candidate = { all[g], 0, 0 };
      for (guint a = 0; a < n_alters; a++)
        if (member[g * n_alters + a]) {
          candidate.extra++;
          if (!covered[a])
            candidate.count++;
        }
      if (candidate.count > 0 &&
          (best_group < 0 || compare_name_counts(&candidate, &best) < 0)) {
        best = candidate;
        best_group = (gssize) g;
      }
    }
    if (best_group < 0)
      break;
    used[best_group] = TRUE;
    for (guint a = 0; a < n_alters; a++)
      if (member[(gsize) best_group * n_alters + a])
        covered[a] = TRUE;
    g_ptr_array_add(chosen, g_strdup(all[best_group]));
  }
  g_ptr_array_add(chosen, NULL);
  g_free(covered);
  g_free(member);
  g_free(used);
  return (char **) g_ptr_array_free(chosen, FALSE);
}

static gboolean
check_groups(const CitynetNetwork *network, const char *const *groups,
             GError **error)
{
  guint n = groups != NULL ? g_strv_length((char **) groups) : 0;
  if (n > FIG_MAX_GROUPS) {
    g_set_error(error, CITYNET_ERROR, CITYNET_ERROR_INVALID_ARGUMENT,
                "%u groups given, but a figure can colour at most %d", n,
                FIG_MAX_GROUPS);
    return FALSE;
  }
  for (guint i = 0; i < n; i++)
    if (!citynet_network_check_group(network, groups[i], error))
      return FALSE;
  return TRUE;
}

/* The styled layers: all when there are at most FIG_N_DASHES, else the
 * FIG_N_DASHES - 1 with the most ties (one style is left for "other"). */
static void
choose_layers(FigEgo *ego, GHashTable *layer_counts)
{
  GArray *counts = g_array_new(FALSE, FALSE, sizeof(NameCount));
  GHashTableIter iter;
  gpointer key, value;
  g_hash_table_iter_init(&iter, layer_counts);
  while (g_hash_table_iter_next(&iter, &key, &value)) {
    NameCount item = { key, GPOINTER_TO_SIZE(value), 0 };
    g_array_append_val(counts, item);
  }
  g_array_sort(counts, compare_name_counts);
  guint keep = counts->len <= FIG_N_DASHES ? counts->len : FIG_N_DASHES - 1;
  ego->layers = g_new0(char *, keep + 1);
  for (guint i = 0; i < keep; i++)
    ego->layers[i] = g_strdup(g_array_index(counts, NameCount, i).name);
  ego->n_layers = keep;
  g_array_unref(counts);
}

static gint
compare_alters(gconstpointer a, gconstpointer b)
{
  const FigAlter *x = a, *y = b;
  if (x->weight != y->weight)
    return x->weight > y->weight ? -1 : 1;
  if (x->n_ties != y->n_ties)
    return x->n_ties > y->n_ties ? -1 : 1;
  return x->node < y->node ? -1 : x->node > y->node;
}

gboolean
fig_ego_init(FigEgo *ego, CitynetView *view, gsize focus,
             const char *const *groups, GError **error)
{
  memset(ego, 0, sizeof *ego);
  ego->view = view;
  ego->network = citynet_view_get_network(view);
  ego->focus = focus;
  if (focus >= citynet_network_n_nodes(ego->network) ||
      citynet_view_node_vertex(view, focus) < 0) {
    g_set_error(error, CITYNET_ERROR, CITYNET_ERROR_NOT_FOUND,
                "the focus node is not in the view");
    return FALSE;
  }
  if (!check_groups(ego->network, groups, error))
    return FALSE;

  GHashTable *index = g_hash_table_new(g_direct_hash, g_direct_equal);
  GHashTable *layer_counts = g_hash_table_new(g_str_hash, g_str_equal);
  GArray *alters = g_array_new(FALSE, TRUE, sizeof(FigAlter));
  for (gsize i = 0; i < citynet_view_n_ties(view); i++) {
    gsize tie = citynet_view_tie(view, i);
    gsize source = citynet_network_tie_source(ego->network, tie);
    gsize target = citynet_network_tie_target(ego->network, tie);
    if (source != focus && target != focus)
      continue;
    gsize partner = source == focus ? target : source;
    CitynetDate day = citynet_view_tie_reference_date(view, tie);
    gpointer found = g_hash_table_lookup(index, GSIZE_TO_POINTER(partner));
    if (found == NULL) {
      FigAlter alter = { .node = partner, .first_day = day };
      g_array_append_val(alters, alter);
      found = GUINT_TO_POINTER(alters->len);
      g_hash_table_insert(index, GSIZE_TO_POINTER(partner), found);
    }
    FigAlter *alter = &g_array_index(alters, FigAlter, GPOINTER_TO_UINT(found) - 1);
    alter->weight += citynet_network_tie_weight(ego->network, tie);
    alter->n_ties++;
    if (date_before(day, alter->first_day))
      alter->first_day = day;
    const char *layer = citynet_network_tie_layer(ego->network, tie);
    g_hash_table_insert(layer_counts, (gpointer) layer,
                        GSIZE_TO_POINTER(GPOINTER_TO_SIZE(g_hash_table_lookup(layer_counts, layer)) + 1));
    ego->n_focus_ties++;
  }
  g_hash_table_unref(index);
  g_array_sort(alters, compare_alters);
  ego->alters = alters;
  ego->alter_index = g_hash_table_new(g_direct_hash, g_direct_equal);
  for (guint a = 0; a < alters->len; a++)
    g_hash_table_insert(ego->alter_index,
                        GSIZE_TO_POINTER(g_array_index(alters, FigAlter, a).node),
                        GUINT_TO_POINTER(a + 1));

  choose_layers(ego, layer_counts);
  g_hash_table_unref(layer_counts);
  ego->groups = groups != NULL ? g_strdupv((char **) groups) : choose_groups(ego);
  ego->n_groups = g_strv_length(ego->groups);

  /* Categories and layer styles of each alter. */
  for (gsize i = 0; i < citynet_view_n_ties(view); i++) {
    gsize tie = citynet_view_tie(view, i);
    gsize source = citynet_network_tie_source(ego->network, tie);
    gsize target = citynet_network_tie_target(ego->network, tie);
    if (source != focus && target != focus)
      continue;
    gsize partner = source == focus ? target : source;
    guint a = GPOINTER_TO_UINT(g_hash_table_lookup(ego->alter_index,
                                                   GSIZE_TO_POINTER(partner))) - 1;
    FigAlter *alter = &g_array_index(alters, FigAlter, a);
    gint style = fig_ego_layer_style(ego, citynet_network_tie_layer(ego->network, tie));
    if (style >= 0)
      alter->layer_mask |= 1u << style;
    else
      alter->other_layers = TRUE;
  }
  for (guint a = 0; a < alters->len; a++) {
    FigAlter *alter = &g_array_index(alters, FigAlter, a);
    alter->category = fig_ego_category(ego, alter->node, alter->first_day);
    ego->category_counts[alter->category]++;
  }
  return TRUE;
}

void
fig_ego_clear(FigEgo *ego)
{
  if (ego->alters != NULL)
    g_array_unref(ego->alters);
  if (ego->alter_index != NULL)
    g_hash_table_unref(ego->alter_index);
  g_strfreev(ego->groups);
  g_strfreev(ego->layers);
  memset(ego, 0, sizeof *ego);
}

char **
citynet_figure_default_groups(CitynetView *view, gsize focus, GError **error)
{
  g_return_val_if_fail(view != NULL, NULL);
  FigEgo ego;
  if (!fig_ego_init(&ego, view, focus, NULL, error))
    return NULL;
  char **groups = g_strdupv(ego.groups);
  fig_ego_clear(&ego);
  return groups;
}
