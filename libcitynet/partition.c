/* libcitynet - partitions of a view's vertices (see communities.h).
 *
 * A partition is a label per vertex plus the label names. The constructors
 * here derive labels from what the network knows about its nodes (country,
 * kind, extra attributes, country groups at a date) or from a caller's
 * list; communities.c adds the detected ones. Label order is fixed by rules
 * that never depend on hash-table order or the locale, so a partition, and
 * everything printed from it, is the same on every run.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "partition-private.h"

/* ------------------------------------------------------------------------ */
/* Construction helpers                                                     */
/* ------------------------------------------------------------------------ */

CitynetPartition *
citynet_partition_new_take(CitynetView *view, const char *source,
                           guint *membership, char **names, gssize missing)
{
  CitynetPartition *partition = g_new0(CitynetPartition, 1);
  partition->view = citynet_view_ref(view);
  partition->source = g_strdup(source);
  partition->n = citynet_view_n_vertices(view);
  partition->membership = membership != NULL ? membership : g_new0(guint, 1);
  partition->names = names;
  partition->n_labels = g_strv_length(names);
  partition->sizes = g_new0(gsize, partition->n_labels + 1);
  for (gsize v = 0; v < partition->n; v++)
    partition->sizes[partition->membership[v]]++;
  partition->missing = missing;
  return partition;
}

typedef struct {
  gint64 raw;
  gsize size;
  gsize first;   /* lowest vertex */
} RawLabel;

static int
compare_raw_by_value(const void *a, const void *b)
{
  gint64 x = ((const RawLabel *) a)->raw, y = ((const RawLabel *) b)->raw;
  return (x > y) - (x < y);
}

static int
compare_raw_by_rank(const void *a, const void *b)
{
  const RawLabel *x = a, *y = b;
  if (x->size != y->size)
    return x->size > y->size ? -1 : 1;
  return (x->first > y->first) - (x->first < y->first);
}

/* Index of @raw in the value-sorted @labels (it is there). */
static gsize
find_raw(const RawLabel *labels, gsize n_labels, gint64 raw)
{
  gsize lo = 0, hi = n_labels;
  while (hi - lo > 1) {
    gsize mid = lo + (hi - lo) / 2;
    if (labels[mid].raw <= raw)
      lo = mid;
    else
      hi = mid;
  }
  return lo;
}

/* The distinct values of @raw, sorted by value, with sizes and first
 * vertices; *@n_labels receives their number. */
static RawLabel *
collect_raw(const gint64 *raw, gsize n, gsize *n_labels)
{
  RawLabel *all = g_new(RawLabel, n > 0 ? n : 1);
  for (gsize v = 0; v < n; v++)
    all[v] = (RawLabel) { raw[v], 0, v };
  qsort(all, n, sizeof *all, compare_raw_by_value);
  gsize k = 0;
  for (gsize i = 0; i < n; i++)
    if (k == 0 || all[k - 1].raw != all[i].raw)
      all[k++] = (RawLabel) { all[i].raw, 0, G_MAXSIZE };
  for (gsize v = 0; v < n; v++) {
    RawLabel *label = &all[find_raw(all, k, raw[v])];
    label->size++;
    label->first = MIN(label->first, v);
  }
  *n_labels = k;
  return all;
}

/* Relabels @raw through the order of @labels (sorted by value into
 * @by_value, whose .size field is reused as the new id). */
static guint *
apply_order(const gint64 *raw, gsize n, RawLabel *by_value, gsize k,
            const RawLabel *ordered)
{
  for (gsize i = 0; i < k; i++)
    by_value[find_raw(by_value, k, ordered[i].raw)].size = i;
  guint *membership = g_new(guint, n > 0 ? n : 1);
  for (gsize v = 0; v < n; v++)
    membership[v] = (guint) by_value[find_raw(by_value, k, raw[v])].size;
  return membership;
}

static char **
decimal_names(gsize k)
{
  char **names = g_new0(char *, k + 1);
  for (gsize i = 0; i < k; i++)
    names[i] = g_strdup_printf("%" G_GSIZE_FORMAT, i);
  return names;
}

CitynetPartition *
citynet_partition_new_ranked(CitynetView *view, const char *source,
                             const gint64 *raw)
{
  const gsize n = citynet_view_n_vertices(view);
  gsize k;
  RawLabel *by_value = collect_raw(raw, n, &k);
  RawLabel *ordered = g_memdup2(by_value, (k > 0 ? k : 1) * sizeof *by_value);
  qsort(ordered, k, sizeof *ordered, compare_raw_by_rank);
  guint *membership = apply_order(raw, n, by_value, k, ordered);
  g_free(ordered);
  g_free(by_value);
  return citynet_partition_new_take(view, source, membership, decimal_names(k), -1);
}

static int
compare_str_ptrs(const void *a, const void *b)
{
  return strcmp(*(const char *const *) a, *(const char *const *) b);
}

/* Labels from one string per vertex (NULL = no value): the distinct
 * values sorted by strcmp, then the missing label when any vertex needs
 * it. The strings are only borrowed during the call. */
static CitynetPartition *
partition_from_values(CitynetView *view, const char *source,
                      const char *const *values)
{
  const gsize n = citynet_view_n_vertices(view);
  GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
  GPtrArray *distinct = g_ptr_array_new();
  gboolean any_missing = FALSE;
  for (gsize v = 0; v < n; v++) {
    if (values[v] == NULL)
      any_missing = TRUE;
    else if (g_hash_table_add(seen, (gpointer) values[v]))
      g_ptr_array_add(distinct, (gpointer) values[v]);
  }
  if (distinct->len > 1) /* pdata is NULL while the array is empty */
    qsort(distinct->pdata, distinct->len, sizeof(gpointer), compare_str_ptrs);

  /* Name -> label, now that the order is known. */
  GHashTable *label_of = g_hash_table_new(g_str_hash, g_str_equal);
  const gsize k = distinct->len + (any_missing ? 1 : 0);
  char **names = g_new0(char *, k + 1);
  for (guint i = 0; i < distinct->len; i++) {
    names[i] = g_strdup(g_ptr_array_index(distinct, i));
    g_hash_table_insert(label_of, g_ptr_array_index(distinct, i),
                        GUINT_TO_POINTER(i));
  }
  const gssize missing = any_missing ? (gssize) distinct->len : -1;
  if (any_missing)
    names[missing] = g_strdup(CITYNET_PARTITION_MISSING_NAME);

  guint *membership = g_new(guint, n > 0 ? n : 1);
  for (gsize v = 0; v < n; v++)
    membership[v] = values[v] == NULL
                      ? (guint) missing
                      : GPOINTER_TO_UINT(g_hash_table_lookup(label_of, values[v]));
  g_hash_table_unref(label_of);
  g_hash_table_unref(seen);
  g_ptr_array_unref(distinct);
  return citynet_partition_new_take(view, source, membership, names, missing);
}

/* ------------------------------------------------------------------------ */
/* Attribute partitions                                                     */
/* ------------------------------------------------------------------------ */

CitynetPartition *
citynet_partition_new_by_country(CitynetView *view)
{
  g_return_val_if_fail(view != NULL, NULL);
  const CitynetNetwork *network = citynet_view_get_network(view);
  const gsize n = citynet_view_n_vertices(view);
  const char **values = g_new(const char *, n > 0 ? n : 1);
  for (gsize v = 0; v < n; v++)
    values[v] = citynet_network_node_country(network, citynet_view_vertex_node(view, v));
  CitynetPartition *partition = partition_from_values(view, "country", values);
  g_free(values);
  return partition;
}

CitynetPartition *
citynet_partition_new_by_kind(CitynetView *view)
{
  g_return_val_if_fail(view != NULL, NULL);
  const CitynetNetwork *network = citynet_view_get_network(view);
  const gsize n = citynet_view_n_vertices(view);
  const char **values = g_new(const char *, n > 0 ? n : 1);
  for (gsize v = 0; v < n; v++)
    values[v] = citynet_network_node_kind(network, citynet_view_vertex_node(view, v));
  CitynetPartition *partition = partition_from_values(view, "kind", values);
  g_free(values);
  return partition;
}

/* Fails with NOT_FOUND naming the known keys unless @key is one of @keys
 * (NULL-terminated). @what is "node attribute" or "country attribute". */
static gboolean
require_key(const char *const *keys, const char *key, const char *what,
            GError **error)
{
  for (gsize i = 0; keys != NULL && keys[i] != NULL; i++)
    if (strcmp(keys[i], key) == 0)
      return TRUE;
  if (keys == NULL || keys[0] == NULL) {
    g_set_error(error, CITYNET_ERROR, CITYNET_ERROR_NOT_FOUND,
                "unknown %s \"%s\" (the network has none)", what, key);
  } else {
    char *list = g_strjoinv(", ", (char **) keys);
    g_set_error(error, CITYNET_ERROR, CITYNET_ERROR_NOT_FOUND,
                "unknown %s \"%s\" (known: %s)", what, key, list);
    g_free(list);
  }
  return FALSE;
}

CitynetPartition *
citynet_partition_new_by_attribute(CitynetView *view, const char *key,
                                   GError **error)
{
  g_return_val_if_fail(view != NULL && key != NULL, NULL);
  const CitynetNetwork *network = citynet_view_get_network(view);
  if (!require_key(citynet_network_node_attribute_keys(network, NULL), key,
                   "node attribute", error))
    return NULL;
  const gsize n = citynet_view_n_vertices(view);
  const char **values = g_new(const char *, n > 0 ? n : 1);
  for (gsize v = 0; v < n; v++) {
    const char *value =
      citynet_network_node_attribute(network, citynet_view_vertex_node(view, v), key);
    /* Empty means absent, as in nodes.csv. */
    values[v] = value != NULL && *value != '\0' ? value : NULL;
  }
  char *source = g_strconcat("attr:", key, NULL);
  CitynetPartition *partition = partition_from_values(view, source, values);
  g_free(source);
  g_free(values);
  return partition;
}

/* ------------------------------------------------------------------------ */
/* Group partitions                                                         */
/* ------------------------------------------------------------------------ */

static gboolean
require_group(const CitynetNetwork *network, const char *group, GError **error)
{
  return require_key(citynet_network_groups(network, NULL), group,
                     "country group", error);
}

/* "@2021-01-01" or "@now". */
static char *
date_suffix(CitynetDate date)
{
  char buffer[CITYNET_DATE_STRING_SIZE];
  if (date == CITYNET_DATE_OPEN)
    return g_strdup("@now");
  return g_strconcat("@", citynet_date_format(date, buffer), NULL);
}

/* For every declared country, the first of @groups it belonged to on
 * @date (an index into @groups), or @n_groups for none. */
static guint *
first_group_of_countries(const CitynetNetwork *network,
                         const char *const *groups, gsize n_groups,
                         CitynetDate date)
{
  const gsize n_countries = citynet_network_n_countries(network);
  guint *first = g_new(guint, n_countries > 0 ? n_countries : 1);
  for (gsize c = 0; c < n_countries; c++) {
    const char *code = citynet_network_country_code(network, c);
    first[c] = (guint) n_groups;
    for (gsize g = 0; g < n_groups; g++) {
      gboolean member = FALSE;
      /* Cannot fail: the country is declared. */
      citynet_network_country_in_group(network, code, groups[g], date, &member, NULL);
      if (member) {
        first[c] = (guint) g;
        break;
      }
    }
  }
  return first;
}

/* Labels 0..n_groups-1 for the groups, n_groups for the rest. */
static guint *
group_membership(const CitynetView *view, const char *const *groups,
                 gsize n_groups, CitynetDate date)
{
  const CitynetNetwork *network = citynet_view_get_network(view);
  const gsize n = citynet_view_n_vertices(view);
  guint *first = first_group_of_countries(network, groups, n_groups, date);
  guint *membership = g_new(guint, n > 0 ? n : 1);
  for (gsize v = 0; v < n; v++) {
    gssize country =
      citynet_network_node_country_index(network, citynet_view_vertex_node(view, v));
    membership[v] = country >= 0 ? first[country] : (guint) n_groups;
  }
  g_free(first);
  return membership;
}

CitynetPartition *
citynet_partition_new_by_group(CitynetView *view, const char *group,
                               CitynetDate date, GError **error)
{
  g_return_val_if_fail(view != NULL && group != NULL, NULL);
  if (!require_group(citynet_view_get_network(view), group, error))
    return NULL;
  const char *groups[] = { group };
  guint *membership = group_membership(view, groups, 1, date);
  char **names = g_new0(char *, 3);
  names[0] = g_strdup(group);
  names[1] = g_strconcat("not ", group, NULL);
  char *suffix = date_suffix(date);
  char *source = g_strconcat("group:", group, suffix, NULL);
  CitynetPartition *partition =
    citynet_partition_new_take(view, source, membership, names, -1);
  g_free(source);
  g_free(suffix);
  return partition;
}

CitynetPartition *
citynet_partition_new_by_groups(CitynetView *view, const char *const *groups,
                                gsize n_groups, CitynetDate date,
                                const char *other, GError **error)
{
  g_return_val_if_fail(view != NULL && (groups != NULL || n_groups == 0), NULL);
  const CitynetNetwork *network = citynet_view_get_network(view);
  if (other == NULL)
    other = "other";
  if (n_groups == 0) {
    g_set_error_literal(error, CITYNET_ERROR, CITYNET_ERROR_INVALID_ARGUMENT,
                        "a group partition needs at least one group");
    return NULL;
  }
  for (gsize g = 0; g < n_groups; g++) {
    if (!require_group(network, groups[g], error))
      return NULL;
    for (gsize h = 0; h < g; h++) {
      if (strcmp(groups[g], groups[h]) == 0) {
        g_set_error(error, CITYNET_ERROR, CITYNET_ERROR_INVALID_ARGUMENT,
                    "group \"%s\" is listed twice", groups[g]);
        return NULL;
      }
    }
    if (strcmp(groups[g], other) == 0) {
      g_set_error(error, CITYNET_ERROR, CITYNET_ERROR_INVALID_ARGUMENT,
                  "the label for the other nodes (\"%s\") is also a group", other);
      return NULL;
    }
  }
  guint *membership = group_membership(view, groups, n_groups, date);
  char **names = g_new0(char *, n_groups + 2);
  for (gsize g = 0; g < n_groups; g++)
    names[g] = g_strdup(groups[g]);
  names[n_groups] = g_strdup(other);
  GString *source = g_string_new("groups:");
  for (gsize g = 0; g < n_groups; g++)
    g_string_append_printf(source, "%s%s", g > 0 ? "," : "", groups[g]);
  char *suffix = date_suffix(date);
  g_string_append(source, suffix);
  CitynetPartition *partition =
    citynet_partition_new_take(view, source->str, membership, names, -1);
  g_string_free(source, TRUE);
  g_free(suffix);
  return partition;
}

/* ------------------------------------------------------------------------ */
/* Explicit labels                                                          */
/* ------------------------------------------------------------------------ */

CitynetPartition *
citynet_partition_new_from_labels(CitynetView *view, const gsize *nodes,
                                  const char *const *labels, gsize n,
                                  const char *unlisted, GError **error)
{
  g_return_val_if_fail(view != NULL, NULL);
  g_return_val_if_fail((nodes != NULL && labels != NULL) || n == 0, NULL);
  const CitynetNetwork *network = citynet_view_get_network(view);
  const gsize n_vertices = citynet_view_n_vertices(view);
  guint32 *vertices = citynet_view_vertices_of_nodes(view, nodes, n, "node", error);
  if (vertices == NULL)
    return NULL;

  GHashTable *label_of = g_hash_table_new(g_str_hash, g_str_equal);
  GPtrArray *names = g_ptr_array_new();
  guint *membership = g_new(guint, n_vertices > 0 ? n_vertices : 1);
  guint8 *listed = g_new0(guint8, n_vertices > 0 ? n_vertices : 1);
  gboolean ok = TRUE;
  for (gsize i = 0; i < n && ok; i++) {
    if (labels[i] == NULL || *labels[i] == '\0' || !g_utf8_validate(labels[i], -1, NULL)) {
      g_set_error(error, CITYNET_ERROR, CITYNET_ERROR_INVALID_ARGUMENT,
                  "node \"%s\" has an empty or invalid label",
                  citynet_network_node_id(network, nodes[i]));
      ok = FALSE;
      break;
    }
    gpointer found;
    if (!g_hash_table_lookup_extended(label_of, labels[i], NULL, &found)) {
      found = GUINT_TO_POINTER(names->len);
      g_hash_table_insert(label_of, (gpointer) labels[i], found);
      g_ptr_array_add(names, g_strdup(labels[i]));
    }
    membership[vertices[i]] = GPOINTER_TO_UINT(found);
    listed[vertices[i]] = 1;
  }

  /* Vertices nobody listed: the unlisted label, created only when used. */
  guint unlisted_label = G_MAXUINT;
  for (gsize v = 0; v < n_vertices && ok; v++) {
    if (listed[v])
      continue;
    if (unlisted == NULL) {
      g_set_error(error, CITYNET_ERROR, CITYNET_ERROR_INVALID_ARGUMENT,
                  "node \"%s\" of the view has no label",
                  citynet_network_node_id(network, citynet_view_vertex_node(view, v)));
      ok = FALSE;
      break;
    }
    if (unlisted_label == G_MAXUINT) {
      unlisted_label = names->len;
      g_ptr_array_add(names, g_strdup(unlisted));
    }
    membership[v] = unlisted_label;
  }
  g_ptr_array_add(names, NULL);
  char **name_array = (char **) g_ptr_array_free(names, FALSE);
  g_hash_table_unref(label_of);
  g_free(listed);
  g_free(vertices);
  if (!ok) {
    g_strfreev(name_array);
    g_free(membership);
    return NULL;
  }
  return citynet_partition_new_take(view, "labels", membership, name_array, -1);
}

CitynetPartition *
citynet_partition_new_from_membership(CitynetView *view,
                                      const gint64 *membership, gsize n,
                                      GError **error)
{
  g_return_val_if_fail(view != NULL && (membership != NULL || n == 0), NULL);
  if (n != citynet_view_n_vertices(view)) {
    g_set_error(error, CITYNET_ERROR, CITYNET_ERROR_INVALID_ARGUMENT,
                "%" G_GSIZE_FORMAT " labels for a view of %" G_GSIZE_FORMAT
                " vertices", n, citynet_view_n_vertices(view));
    return NULL;
  }
  gsize k;
  RawLabel *by_value = collect_raw(membership, n, &k);
  /* First appearance: the lowest vertex of each label. */
  RawLabel *ordered = g_memdup2(by_value, (k > 0 ? k : 1) * sizeof *by_value);
  for (gsize i = 0; i < k; i++)
    ordered[i].size = 0;  /* compare by first vertex only */
  qsort(ordered, k, sizeof *ordered, compare_raw_by_rank);
  guint *labels = apply_order(membership, n, by_value, k, ordered);
  g_free(ordered);
  g_free(by_value);
  return citynet_partition_new_take(view, "membership", labels, decimal_names(k), -1);
}

/* ------------------------------------------------------------------------ */
/* Specs                                                                    */
/* ------------------------------------------------------------------------ */

#define SPEC_FORMS "country, kind, attr:KEY, group:G[@DATE], groups:G1,G2,...[@DATE]"

/* Splits "NAME@DATE" into the name (returned, g_free) and the day; no
 * "@DATE" means the last day of the view's period, or now. */
static char *
split_date(const CitynetView *view, const char *text, CitynetDate *day,
           GError **error)
{
  const char *at = strrchr(text, '@');
  if (at == NULL) {
    citynet_view_get_period(view, NULL, day);
    return g_strdup(text);
  }
  CitynetDate date;
  if (!citynet_date_parse(at + 1, &date, error))
    return NULL;
  if (date == CITYNET_DATE_OPEN) {
    g_set_error(error, CITYNET_ERROR, CITYNET_ERROR_INVALID_ARGUMENT,
                "\"%s\": the date after '@' is empty", text);
    return NULL;
  }
  *day = citynet_date_first_day(date);
  return g_strndup(text, (gsize) (at - text));
}

static gboolean
spec_error(const char *spec, const char *why, GError **error)
{
  g_set_error(error, CITYNET_ERROR, CITYNET_ERROR_INVALID_ARGUMENT,
              "bad partition \"%s\": %s (expected one of: " SPEC_FORMS ")",
              spec, why);
  return FALSE;
}

CitynetPartition *
citynet_partition_new_by_spec(CitynetView *view, const char *spec,
                              GError **error)
{
  g_return_val_if_fail(view != NULL, NULL);
  if (spec == NULL || *spec == '\0') {
    spec_error("", "empty", error);
    return NULL;
  }
  if (strcmp(spec, "country") == 0)
    return citynet_partition_new_by_country(view);
  if (strcmp(spec, "kind") == 0)
    return citynet_partition_new_by_kind(view);
  if (g_str_has_prefix(spec, "attr:")) {
    if (spec[5] == '\0') {
      spec_error(spec, "no attribute name", error);
      return NULL;
    }
    return citynet_partition_new_by_attribute(view, spec + 5, error);
  }

  gboolean single = g_str_has_prefix(spec, "group:");
  if (!single && !g_str_has_prefix(spec, "groups:")) {
    spec_error(spec, "unknown form", error);
    return NULL;
  }
  CitynetDate day = CITYNET_DATE_OPEN;
  char *names = split_date(view, spec + (single ? 6 : 7), &day, error);
  if (names == NULL)
    return NULL;
  CitynetPartition *partition = NULL;
  if (single) {
    if (*names == '\0')
      spec_error(spec, "no group name", error);
    else
      partition = citynet_partition_new_by_group(view, names, day, error);
  } else {
    char **groups = g_strsplit(names, ",", -1);
    gboolean empty = groups[0] == NULL;
    for (gsize g = 0; groups[g] != NULL; g++)
      empty |= *groups[g] == '\0';
    if (empty)
      spec_error(spec, "an empty group name", error);
    else
      partition = citynet_partition_new_by_groups(view, (const char *const *) groups,
                                                  g_strv_length(groups), day,
                                                  NULL, error);
    g_strfreev(groups);
  }
  g_free(names);
  return partition;
}

/* ------------------------------------------------------------------------ */
/* Accessors                                                                */
/* ------------------------------------------------------------------------ */

void
citynet_partition_free(CitynetPartition *partition)
{
  if (partition == NULL)
    return;
  citynet_view_unref(partition->view);
  g_free(partition->source);
  g_free(partition->membership);
  g_strfreev(partition->names);
  g_free(partition->sizes);
  g_free(partition);
}

CitynetView *
citynet_partition_get_view(const CitynetPartition *partition)
{
  g_return_val_if_fail(partition != NULL, NULL);
  return partition->view;
}

const char *
citynet_partition_get_source(const CitynetPartition *partition)
{
  g_return_val_if_fail(partition != NULL, NULL);
  return partition->source;
}

gsize
citynet_partition_n(const CitynetPartition *partition)
{
  g_return_val_if_fail(partition != NULL, 0);
  return partition->n;
}

guint
citynet_partition_label(const CitynetPartition *partition, gsize vertex)
{
  g_return_val_if_fail(partition != NULL && vertex < partition->n, 0);
  return partition->membership[vertex];
}

const guint *
citynet_partition_membership(const CitynetPartition *partition, gsize *n)
{
  g_return_val_if_fail(partition != NULL, NULL);
  if (n != NULL)
    *n = partition->n;
  return partition->membership;
}

gsize
citynet_partition_n_labels(const CitynetPartition *partition)
{
  g_return_val_if_fail(partition != NULL, 0);
  return partition->n_labels;
}

const char *
citynet_partition_label_name(const CitynetPartition *partition, guint label)
{
  g_return_val_if_fail(partition != NULL && label < partition->n_labels, NULL);
  return partition->names[label];
}

gsize
citynet_partition_label_size(const CitynetPartition *partition, guint label)
{
  g_return_val_if_fail(partition != NULL && label < partition->n_labels, 0);
  return partition->sizes[label];
}

gssize
citynet_partition_missing_label(const CitynetPartition *partition)
{
  g_return_val_if_fail(partition != NULL, -1);
  return partition->missing;
}

gssize
citynet_partition_find_label(const CitynetPartition *partition, const char *name)
{
  g_return_val_if_fail(partition != NULL && name != NULL, -1);
  for (gsize i = 0; i < partition->n_labels; i++)
    if (strcmp(partition->names[i], name) == 0)
      return (gssize) i;
  return -1;
}

gboolean
citynet_views_same_vertices(const CitynetView *a, const CitynetView *b)
{
  if (a == b)
    return TRUE;
  const gsize n = citynet_view_n_vertices(a);
  if (n != citynet_view_n_vertices(b))
    return FALSE;
  const CitynetNetwork *na = citynet_view_get_network(a);
  const CitynetNetwork *nb = citynet_view_get_network(b);
  for (gsize v = 0; v < n; v++) {
    gsize x = citynet_view_vertex_node(a, v), y = citynet_view_vertex_node(b, v);
    if (na == nb ? x != y
                 : strcmp(citynet_network_node_id(na, x), citynet_network_node_id(nb, y)) != 0)
      return FALSE;
  }
  return TRUE;
}
