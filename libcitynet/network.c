/* libcitynet - the network model.
 *
 * Storage is columnar and compact because intercity data sets reach
 * millions of ties: a tie is a fixed 32-byte record whose strings are
 * handles into one pool, extra attributes live in per-key columns, and
 * small vocabularies (kinds, layers, groups) are indexed name tables. */
#include <math.h>
#include <string.h>

#include "citynet-private.h"

static const char *const builtin_kinds[] = {
  CITYNET_KIND_CITY, CITYNET_KIND_ORGANISATION, CITYNET_KIND_GOVERNMENT,
};

/* Columns with a meaning of their own; they cannot be extra attributes. */
static const char *const node_columns[] = {
  "id", "kind", "name", "country", "lat", "lon", "population", NULL,
};
static const char *const tie_columns[] = {
  "source", "target", "layer", "weight", "directed", "start", "end", "ref", NULL,
};

/* ------------------------------------------------------------------------ */
/* Name and attribute tables                                                */
/* ------------------------------------------------------------------------ */

void
citynet_name_table_init(CitynetNameTable *table)
{
  table->names = g_ptr_array_new_null_terminated(8, NULL, TRUE);
  table->index = g_hash_table_new(g_str_hash, g_str_equal);
}

void
citynet_name_table_clear(CitynetNameTable *table)
{
  g_clear_pointer(&table->names, g_ptr_array_unref);
  g_clear_pointer(&table->index, g_hash_table_unref);
}

gssize
citynet_name_table_find(const CitynetNameTable *table, const char *name)
{
  if (name == NULL)
    return -1;
  gpointer value = g_hash_table_lookup(table->index, name);
  return value != NULL ? (gssize) GPOINTER_TO_UINT(value) - 1 : -1;
}

guint
citynet_name_table_add(CitynetNameTable *table, CitynetStrPool *pool,
                       const char *name)
{
  gssize found = citynet_name_table_find(table, name);
  if (found >= 0)
    return (guint) found;
  const char *stored = citynet_strpool_get(pool, citynet_strpool_intern(pool, name));
  guint index = table->names->len;
  g_ptr_array_add(table->names, (gpointer) stored);
  g_hash_table_insert(table->index, (gpointer) stored, GUINT_TO_POINTER(index + 1));
  return index;
}

void
citynet_tie_array_reserve(CitynetTieArray *ties, gsize extra)
{
  gsize wanted = (gsize) ties->len + extra;
  g_return_if_fail(wanted <= G_MAXUINT32);
  if (wanted <= ties->capacity)
    return;
  ties->data = g_renew(CitynetTieRec, ties->data, wanted);
  ties->capacity = (guint) wanted;
}

void
citynet_tie_array_trim(CitynetTieArray *ties)
{
  if (ties->capacity == ties->len)
    return;
  ties->data = g_renew(CitynetTieRec, ties->data, MAX(ties->len, 1u));
  ties->capacity = MAX(ties->len, 1u);
}

static void
tie_array_append(CitynetTieArray *ties, const CitynetTieRec *tie)
{
  if (ties->len == ties->capacity) {
    gsize grown = MAX((gsize) ties->capacity + ties->capacity / 2, 16u);
    citynet_tie_array_reserve(ties, MIN(grown, (gsize) G_MAXUINT32) - ties->len);
  }
  ties->data[ties->len++] = *tie;
}

static void
tie_array_free(CitynetTieArray *ties)
{
  g_free(ties->data);
  g_free(ties);
}

static void
attr_table_init(CitynetAttrTable *table)
{
  table->keys = g_ptr_array_new_null_terminated(4, NULL, TRUE);
  table->index = g_hash_table_new(g_str_hash, g_str_equal);
  table->columns = g_ptr_array_new_with_free_func((GDestroyNotify) g_array_unref);
}

static void
attr_table_clear(CitynetAttrTable *table)
{
  g_clear_pointer(&table->keys, g_ptr_array_unref);
  g_clear_pointer(&table->index, g_hash_table_unref);
  g_clear_pointer(&table->columns, g_ptr_array_unref);
}

guint32
citynet_attr_table_key(CitynetNetwork *network, CitynetAttrTable *table,
                       const char *key)
{
  gpointer value = g_hash_table_lookup(table->index, key);
  if (value != NULL)
    return GPOINTER_TO_UINT(value) - 1;
  const char *stored = citynet_strpool_get(&network->strings,
                                           citynet_strpool_intern(&network->strings, key));
  guint32 column = table->keys->len;
  g_ptr_array_add(table->keys, (gpointer) stored);
  g_hash_table_insert(table->index, (gpointer) stored, GUINT_TO_POINTER(column + 1));
  g_ptr_array_add(table->columns, g_array_new(FALSE, TRUE, sizeof(guint32)));
  return column;
}

static void
attr_table_set(CitynetAttrTable *table, guint32 column, gsize row,
               guint32 value)
{
  GArray *values = g_ptr_array_index(table->columns, column);
  if (row >= values->len) {
    if (value == 0)
      return; /* absent already */
    g_array_set_size(values, (guint) row + 1);
  }
  g_array_index(values, guint32, row) = value;
}

static const char *
attr_table_get(const CitynetNetwork *network, const CitynetAttrTable *table,
               gsize row, const char *key)
{
  gpointer column = g_hash_table_lookup(table->index, key);
  if (column == NULL)
    return NULL;
  GArray *values = g_ptr_array_index(table->columns, GPOINTER_TO_UINT(column) - 1);
  if (row >= values->len)
    return NULL;
  return citynet_strpool_get(&network->strings, g_array_index(values, guint32, row));
}

static gboolean
is_reserved(const char *const *columns, const char *key)
{
  for (gsize i = 0; columns[i] != NULL; i++)
    if (strcmp(columns[i], key) == 0)
      return TRUE;
  return FALSE;
}

/* ------------------------------------------------------------------------ */
/* Life cycle                                                               */
/* ------------------------------------------------------------------------ */

static void
country_rec_clear(gpointer data)
{
  CitynetCountryRec *country = data;
  g_clear_pointer(&country->attributes, g_array_unref);
}

CitynetNetwork *
citynet_network_new(void)
{
  CitynetNetwork *network = g_new0(CitynetNetwork, 1);
  network->ref_count = 1;
  citynet_strpool_init(&network->strings);
  network->nodes = g_array_new(FALSE, FALSE, sizeof(CitynetNodeRec));
  network->node_by_id = g_hash_table_new(g_str_hash, g_str_equal);
  attr_table_init(&network->node_attrs);
  network->ties = g_new0(CitynetTieArray, 1);
  attr_table_init(&network->tie_attrs);
  citynet_name_table_init(&network->kinds);
  for (gsize i = 0; i < G_N_ELEMENTS(builtin_kinds); i++)
    citynet_name_table_add(&network->kinds, &network->strings, builtin_kinds[i]);
  citynet_name_table_init(&network->layers);
  network->countries = g_array_new(FALSE, FALSE, sizeof(CitynetCountryRec));
  g_array_set_clear_func(network->countries, country_rec_clear);
  network->country_by_code = g_hash_table_new(g_str_hash, g_str_equal);
  citynet_name_table_init(&network->country_codes);
  citynet_name_table_init(&network->country_attr_keys);
  citynet_name_table_init(&network->groups);
  network->memberships = g_array_new(FALSE, FALSE, sizeof(CitynetMembershipRec));
  network->country_spells = g_ptr_array_new_with_free_func((GDestroyNotify) g_array_unref);
  g_mutex_init(&network->lookup_lock);
  g_mutex_init(&network->incidence_lock);
  return network;
}

CitynetNetwork *
citynet_network_ref(CitynetNetwork *network)
{
  g_return_val_if_fail(network != NULL, NULL);
  g_atomic_int_inc(&network->ref_count);
  return network;
}

static void
drop_lookup_indices(CitynetNetwork *network)
{
  g_clear_pointer(&network->name_index, g_hash_table_unref);
  g_clear_pointer(&network->fold_index, g_hash_table_unref);
}

void
citynet_network_unref(CitynetNetwork *network)
{
  if (network == NULL || !g_atomic_int_dec_and_test(&network->ref_count))
    return;
  drop_lookup_indices(network);
  g_mutex_clear(&network->lookup_lock);
  citynet_network_drop_incidence(network);
  g_mutex_clear(&network->incidence_lock);
  g_ptr_array_unref(network->country_spells);
  g_array_unref(network->memberships);
  citynet_name_table_clear(&network->groups);
  citynet_name_table_clear(&network->country_attr_keys);
  citynet_name_table_clear(&network->country_codes);
  g_hash_table_unref(network->country_by_code);
  g_array_unref(network->countries);
  citynet_name_table_clear(&network->layers);
  citynet_name_table_clear(&network->kinds);
  attr_table_clear(&network->tie_attrs);
  tie_array_free(network->ties);
  attr_table_clear(&network->node_attrs);
  g_hash_table_unref(network->node_by_id);
  g_array_unref(network->nodes);
  citynet_strpool_clear(&network->strings);
  g_free(network);
}

/* ------------------------------------------------------------------------ */
/* Internal builders (the loaders have validated their input)               */
/* ------------------------------------------------------------------------ */

guint16
citynet_network_intern_layer(CitynetNetwork *network, const char *layer)
{
  return (guint16) citynet_name_table_add(&network->layers, &network->strings, layer);
}

gssize
citynet_network_kind_index(const CitynetNetwork *network, const char *kind)
{
  return citynet_name_table_find(&network->kinds, kind);
}

gint32
citynet_network_intern_country_code(CitynetNetwork *network, const char *code)
{
  if (code == NULL || code[0] == '\0')
    return -1;
  return (gint32) citynet_name_table_add(&network->country_codes,
                                         &network->strings, code);
}

gsize
citynet_network_append_node(CitynetNetwork *network, const char *id,
                            guint16 kind, const char *name, gint32 country)
{
  CitynetStrPool *pool = &network->strings;
  CitynetNodeRec node = {
    .id = citynet_strpool_get(pool, citynet_strpool_intern(pool, id)),
    .latitude = NAN,
    .longitude = NAN,
    .population = NAN,
    .country = country,
    .kind = kind,
  };
  node.name = (name == NULL || name[0] == '\0')
                  ? node.id
                  : citynet_strpool_get(pool, citynet_strpool_intern(pool, name));
  gsize index = network->nodes->len;
  g_array_append_val(network->nodes, node);
  g_hash_table_insert(network->node_by_id, (gpointer) node.id,
                      GUINT_TO_POINTER(index + 1));
  drop_lookup_indices(network);
  citynet_network_drop_incidence(network);
  return index;
}

gsize
citynet_network_append_tie(CitynetNetwork *network, const CitynetTieRec *tie)
{
  gsize index = network->ties->len;
  tie_array_append(network->ties, tie);
  citynet_network_drop_incidence(network);
  return index;
}

void
citynet_network_set_node_attr_handle(CitynetNetwork *network, gsize node,
                                     guint32 key, guint32 value)
{
  attr_table_set(&network->node_attrs, key, node, value);
}

void
citynet_network_set_tie_attr_handle(CitynetNetwork *network, gsize tie,
                                    guint32 key, guint32 value)
{
  attr_table_set(&network->tie_attrs, key, tie, value);
}

/* ------------------------------------------------------------------------ */
/* Public builders                                                          */
/* ------------------------------------------------------------------------ */

static gboolean
check_clean(const char *what, const char *text, GError **error)
{
  if (!citynet_text_is_clean(text, -1)) {
    g_set_error(error, CITYNET_ERROR, CITYNET_ERROR_INVALID_ARGUMENT,
                "%s must be non-empty UTF-8 without control characters", what);
    return FALSE;
  }
  return TRUE;
}

static gboolean
check_optional_utf8(const char *what, const char *text, GError **error)
{
  if (text != NULL && !g_utf8_validate(text, -1, NULL)) {
    g_set_error(error, CITYNET_ERROR, CITYNET_ERROR_INVALID_ARGUMENT,
                "%s is not valid UTF-8", what);
    return FALSE;
  }
  return TRUE;
}

gboolean
citynet_network_register_kind(CitynetNetwork *network, const char *kind,
                              GError **error)
{
  g_return_val_if_fail(network != NULL, FALSE);
  if (!check_clean("a node kind", kind, error))
    return FALSE;
  if (network->kinds.names->len >= G_MAXUINT16) {
    g_set_error(error, CITYNET_ERROR, CITYNET_ERROR_INVALID_ARGUMENT,
                "too many node kinds");
    return FALSE;
  }
  citynet_name_table_add(&network->kinds, &network->strings, kind);
  return TRUE;
}

static gboolean
country_required(const char *kind)
{
  return strcmp(kind, CITYNET_KIND_CITY) == 0 ||
         strcmp(kind, CITYNET_KIND_GOVERNMENT) == 0;
}

gssize
citynet_network_add_node(CitynetNetwork *network, const char *id,
                         const char *kind, const char *name,
                         const char *country, GError **error)
{
  g_return_val_if_fail(network != NULL, -1);
  if (!check_clean("a node id", id, error) ||
      !check_optional_utf8("a node name", name, error))
    return -1;
  if (name != NULL && name[0] != '\0' && !citynet_text_is_clean(name, -1)) {
    g_set_error(error, CITYNET_ERROR, CITYNET_ERROR_INVALID_ARGUMENT,
                "node name of \"%s\" contains control characters", id);
    return -1;
  }
  if (citynet_network_node_index(network, id) >= 0) {
    g_set_error(error, CITYNET_ERROR, CITYNET_ERROR_INVALID_ARGUMENT,
                "duplicate node id \"%s\"", id);
    return -1;
  }
  gssize kind_index = citynet_network_kind_index(network, kind);
  if (kind_index < 0) {
    g_set_error(error, CITYNET_ERROR, CITYNET_ERROR_INVALID_ARGUMENT,
                "unknown node kind \"%s\" for node \"%s\"", kind ? kind : "(null)", id);
    return -1;
  }
  gboolean has_country = country != NULL && country[0] != '\0';
  if (has_country && !citynet_text_is_iso3(country)) {
    g_set_error(error, CITYNET_ERROR, CITYNET_ERROR_INVALID_ARGUMENT,
                "country \"%s\" of node \"%s\" is not an ISO 3166-1 alpha-3 code",
                country, id);
    return -1;
  }
  if (!has_country && country_required(kind)) {
    g_set_error(error, CITYNET_ERROR, CITYNET_ERROR_INVALID_ARGUMENT,
                "node \"%s\" of kind %s needs a country", id, kind);
    return -1;
  }
  gint32 code = citynet_network_intern_country_code(network, has_country ? country : NULL);
  return (gssize) citynet_network_append_node(network, id, (guint16) kind_index,
                                              name, code);
}

static CitynetNodeRec *
node_rec(const CitynetNetwork *network, gsize node)
{
  return &g_array_index(network->nodes, CitynetNodeRec, node);
}

static CitynetTieRec *
tie_rec(const CitynetNetwork *network, gsize tie)
{
  return &g_array_index(network->ties, CitynetTieRec, tie);
}

static gboolean
check_node_index(const CitynetNetwork *network, gsize node, GError **error)
{
  if (node >= network->nodes->len) {
    g_set_error(error, CITYNET_ERROR, CITYNET_ERROR_NOT_FOUND,
                "no node with index %" G_GSIZE_FORMAT, node);
    return FALSE;
  }
  return TRUE;
}

gboolean
citynet_network_set_node_location(CitynetNetwork *network, gsize node,
                                  double latitude, double longitude,
                                  GError **error)
{
  g_return_val_if_fail(network != NULL, FALSE);
  if (!check_node_index(network, node, error))
    return FALSE;
  if (!(latitude >= -90.0 && latitude <= 90.0) ||
      !(longitude >= -180.0 && longitude <= 180.0)) {
    g_set_error(error, CITYNET_ERROR, CITYNET_ERROR_INVALID_ARGUMENT,
                "coordinates (%g, %g) out of range", latitude, longitude);
    return FALSE;
  }
  node_rec(network, node)->latitude = latitude;
  node_rec(network, node)->longitude = longitude;
  return TRUE;
}

gboolean
citynet_network_set_node_population(CitynetNetwork *network, gsize node,
                                    double population, GError **error)
{
  g_return_val_if_fail(network != NULL, FALSE);
  if (!check_node_index(network, node, error))
    return FALSE;
  if (!(isfinite(population) && population >= 0.0)) {
    g_set_error(error, CITYNET_ERROR, CITYNET_ERROR_INVALID_ARGUMENT,
                "population must be a finite number >= 0");
    return FALSE;
  }
  node_rec(network, node)->population = population;
  return TRUE;
}

static gboolean
set_string_attribute(CitynetNetwork *network, CitynetAttrTable *table,
                     const char *const *reserved, gsize row, const char *key,
                     const char *value, GError **error)
{
  if (!check_clean("an attribute name", key, error) ||
      !check_optional_utf8("an attribute value", value, error))
    return FALSE;
  if (is_reserved(reserved, key)) {
    g_set_error(error, CITYNET_ERROR, CITYNET_ERROR_INVALID_ARGUMENT,
                "\"%s\" is a built-in column, not an attribute", key);
    return FALSE;
  }
  guint32 column = citynet_attr_table_key(network, table, key);
  guint32 handle = (value == NULL || value[0] == '\0')
                       ? 0
                       : citynet_strpool_intern(&network->strings, value);
  attr_table_set(table, column, row, handle);
  return TRUE;
}

gboolean
citynet_network_set_node_attribute(CitynetNetwork *network, gsize node,
                                   const char *key, const char *value,
                                   GError **error)
{
  g_return_val_if_fail(network != NULL, FALSE);
  return check_node_index(network, node, error) &&
         set_string_attribute(network, &network->node_attrs, node_columns, node,
                              key, value, error);
}

static gboolean
resolve_endpoint(const CitynetNetwork *network, const char *id, guint32 *out,
                 GError **error)
{
  gssize index = id != NULL ? citynet_network_node_index(network, id) : -1;
  if (index < 0) {
    const char *hint = id != NULL ? citynet_network_suggest_id(network, id) : NULL;
    g_set_error(error, CITYNET_ERROR, CITYNET_ERROR_NOT_FOUND,
                "unknown node id \"%s\"%s%s%s", id ? id : "(null)",
                hint ? " (did you mean \"" : "", hint ? hint : "", hint ? "\"?)" : "");
    return FALSE;
  }
  *out = (guint32) index;
  return TRUE;
}

static gboolean
parse_interval(const char *start, const char *end, CitynetDate *start_out,
               CitynetDate *end_out, GError **error)
{
  if (!citynet_date_parse(start, start_out, error) ||
      !citynet_date_parse(end, end_out, error))
    return FALSE;
  if (*start_out != CITYNET_DATE_OPEN && *end_out != CITYNET_DATE_OPEN &&
      citynet_date_last_day(*end_out) < citynet_date_first_day(*start_out)) {
    g_set_error(error, CITYNET_ERROR, CITYNET_ERROR_INVALID_ARGUMENT,
                "end %s is before start %s", end, start);
    return FALSE;
  }
  return TRUE;
}

gssize
citynet_network_add_tie(CitynetNetwork *network, const char *source,
                        const char *target, const char *layer, double weight,
                        gboolean directed, const char *start, const char *end,
                        const char *ref, GError **error)
{
  g_return_val_if_fail(network != NULL, -1);
  CitynetTieRec tie = {.weight = weight, .directed = directed ? 1 : 0};

  if (!resolve_endpoint(network, source, &tie.source, error) ||
      !resolve_endpoint(network, target, &tie.target, error))
    return -1;
  if (tie.source == tie.target) {
    g_set_error(error, CITYNET_ERROR, CITYNET_ERROR_INVALID_ARGUMENT,
                "tie connects \"%s\" to itself", source);
    return -1;
  }
  if (!check_clean("a layer", layer, error))
    return -1;
  if (!(isfinite(weight) && weight > 0.0)) {
    g_set_error(error, CITYNET_ERROR, CITYNET_ERROR_INVALID_ARGUMENT,
                "weight must be a finite number > 0, not %g", weight);
    return -1;
  }
  if (!parse_interval(start, end, &tie.start, &tie.end, error) ||
      !check_optional_utf8("a ref", ref, error))
    return -1;
  if (citynet_name_table_find(&network->layers, layer) < 0 &&
      network->layers.names->len >= G_MAXUINT16) {
    g_set_error(error, CITYNET_ERROR, CITYNET_ERROR_INVALID_ARGUMENT,
                "too many layers");
    return -1;
  }
  tie.layer = citynet_network_intern_layer(network, layer);
  tie.ref = (ref == NULL || ref[0] == '\0') ? 0
                                            : citynet_strpool_intern(&network->strings, ref);
  return (gssize) citynet_network_append_tie(network, &tie);
}

gboolean
citynet_network_set_tie_attribute(CitynetNetwork *network, gsize tie,
                                  const char *key, const char *value,
                                  GError **error)
{
  g_return_val_if_fail(network != NULL, FALSE);
  if (tie >= network->ties->len) {
    g_set_error(error, CITYNET_ERROR, CITYNET_ERROR_NOT_FOUND,
                "no tie with index %" G_GSIZE_FORMAT, tie);
    return FALSE;
  }
  return set_string_attribute(network, &network->tie_attrs, tie_columns, tie,
                              key, value, error);
}

gssize
citynet_network_add_country(CitynetNetwork *network, const char *iso3,
                            const char *name, GError **error)
{
  g_return_val_if_fail(network != NULL, -1);
  if (!citynet_text_is_iso3(iso3)) {
    g_set_error(error, CITYNET_ERROR, CITYNET_ERROR_INVALID_ARGUMENT,
                "\"%s\" is not an ISO 3166-1 alpha-3 code", iso3 ? iso3 : "(null)");
    return -1;
  }
  if (citynet_network_country_index(network, iso3) >= 0) {
    g_set_error(error, CITYNET_ERROR, CITYNET_ERROR_INVALID_ARGUMENT,
                "country %s declared twice", iso3);
    return -1;
  }
  if (name != NULL && name[0] != '\0' && !check_clean("a country name", name, error))
    return -1;
  CitynetStrPool *pool = &network->strings;
  CitynetCountryRec country = {
    .code = citynet_strpool_get(pool, citynet_strpool_intern(pool, iso3)),
  };
  country.name = (name == NULL || name[0] == '\0')
                     ? country.code
                     : citynet_strpool_get(pool, citynet_strpool_intern(pool, name));
  gsize index = network->countries->len;
  g_array_append_val(network->countries, country);
  g_hash_table_insert(network->country_by_code, (gpointer) country.code,
                      GUINT_TO_POINTER(index + 1));
  g_ptr_array_add(network->country_spells, g_array_new(FALSE, FALSE, sizeof(guint32)));
  return (gssize) index;
}

static gssize
require_country(const CitynetNetwork *network, const char *iso3, GError **error)
{
  gssize country = citynet_network_country_index(network, iso3);
  if (country < 0)
    g_set_error(error, CITYNET_ERROR, CITYNET_ERROR_NOT_FOUND,
                "unknown country \"%s\"", iso3 ? iso3 : "(null)");
  return country;
}

gboolean
citynet_network_set_country_attribute(CitynetNetwork *network,
                                      const char *iso3, const char *key,
                                      double value, GError **error)
{
  g_return_val_if_fail(network != NULL, FALSE);
  gssize country = require_country(network, iso3, error);
  if (country < 0 || !check_clean("an attribute name", key, error))
    return FALSE;
  if (strcmp(key, "iso3") == 0 || strcmp(key, "name") == 0) {
    g_set_error(error, CITYNET_ERROR, CITYNET_ERROR_INVALID_ARGUMENT,
                "\"%s\" is a built-in country column, not an attribute", key);
    return FALSE;
  }
  guint column = citynet_name_table_add(&network->country_attr_keys,
                                        &network->strings, key);
  CitynetCountryRec *rec = &g_array_index(network->countries, CitynetCountryRec, country);
  if (rec->attributes == NULL)
    rec->attributes = g_array_new(FALSE, FALSE, sizeof(double));
  while (rec->attributes->len <= column) {
    double missing = NAN;
    g_array_append_val(rec->attributes, missing);
  }
  g_array_index(rec->attributes, double, column) = value;
  return TRUE;
}

gboolean
citynet_network_add_country_group(CitynetNetwork *network, const char *iso3,
                                  const char *group, const char *start,
                                  const char *end, const char *ref,
                                  GError **error)
{
  g_return_val_if_fail(network != NULL, FALSE);
  gssize country = require_country(network, iso3, error);
  CitynetMembershipRec spell = {0};
  if (country < 0 || !check_clean("a group name", group, error) ||
      !parse_interval(start, end, &spell.start, &spell.end, error) ||
      !check_optional_utf8("a ref", ref, error))
    return FALSE;
  spell.country = (guint32) country;
  spell.group = citynet_name_table_add(&network->groups, &network->strings, group);
  spell.ref = (ref == NULL || ref[0] == '\0') ? 0
                                              : citynet_strpool_intern(&network->strings, ref);
  guint32 index = network->memberships->len;
  g_array_append_val(network->memberships, spell);
  g_array_append_val(g_ptr_array_index(network->country_spells, country), index);
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Nodes                                                                    */
/* ------------------------------------------------------------------------ */

gsize
citynet_network_n_nodes(const CitynetNetwork *network)
{
  g_return_val_if_fail(network != NULL, 0);
  return network->nodes->len;
}

#define CHECK_NODE(network, node, value)                                    \
  g_return_val_if_fail((network) != NULL && (node) < (network)->nodes->len, value)
#define CHECK_TIE(network, tie, value)                                      \
  g_return_val_if_fail((network) != NULL && (tie) < (network)->ties->len, value)

const char *
citynet_network_node_id(const CitynetNetwork *network, gsize node)
{
  CHECK_NODE(network, node, NULL);
  return node_rec(network, node)->id;
}

const char *
citynet_network_node_kind(const CitynetNetwork *network, gsize node)
{
  CHECK_NODE(network, node, NULL);
  return citynet_name_table_get(&network->kinds, node_rec(network, node)->kind);
}

const char *
citynet_network_node_name(const CitynetNetwork *network, gsize node)
{
  CHECK_NODE(network, node, NULL);
  return node_rec(network, node)->name;
}

const char *
citynet_network_node_country(const CitynetNetwork *network, gsize node)
{
  CHECK_NODE(network, node, NULL);
  gint32 code = node_rec(network, node)->country;
  return code < 0 ? NULL : citynet_name_table_get(&network->country_codes, (guint) code);
}

gssize
citynet_network_node_country_index(const CitynetNetwork *network, gsize node)
{
  const char *code = citynet_network_node_country(network, node);
  return code != NULL ? citynet_network_country_index(network, code) : -1;
}

gboolean
citynet_network_node_location(const CitynetNetwork *network, gsize node,
                              double *latitude, double *longitude)
{
  CHECK_NODE(network, node, FALSE);
  const CitynetNodeRec *rec = node_rec(network, node);
  if (isnan(rec->latitude))
    return FALSE;
  if (latitude != NULL)
    *latitude = rec->latitude;
  if (longitude != NULL)
    *longitude = rec->longitude;
  return TRUE;
}

gboolean
citynet_network_node_population(const CitynetNetwork *network, gsize node,
                                double *population)
{
  CHECK_NODE(network, node, FALSE);
  const CitynetNodeRec *rec = node_rec(network, node);
  if (isnan(rec->population))
    return FALSE;
  if (population != NULL)
    *population = rec->population;
  return TRUE;
}

const char *
citynet_network_node_attribute(const CitynetNetwork *network, gsize node,
                               const char *key)
{
  CHECK_NODE(network, node, NULL);
  g_return_val_if_fail(key != NULL, NULL);
  return attr_table_get(network, &network->node_attrs, node, key);
}

static const char *const *
name_list(GPtrArray *names, gsize *n)
{
  if (n != NULL)
    *n = names->len;
  return (const char *const *) names->pdata;
}

const char *const *
citynet_network_node_attribute_keys(const CitynetNetwork *network, gsize *n_keys)
{
  g_return_val_if_fail(network != NULL, NULL);
  return name_list(network->node_attrs.keys, n_keys);
}

gssize
citynet_network_node_index(const CitynetNetwork *network, const char *id)
{
  g_return_val_if_fail(network != NULL, -1);
  if (id == NULL)
    return -1;
  gpointer value = g_hash_table_lookup(network->node_by_id, id);
  return value != NULL ? (gssize) GPOINTER_TO_UINT(value) - 1 : -1;
}

const char *const *
citynet_network_kinds(const CitynetNetwork *network, gsize *n_kinds)
{
  g_return_val_if_fail(network != NULL, NULL);
  return name_list(network->kinds.names, n_kinds);
}

/* ------------------------------------------------------------------------ */
/* Lookup by name                                                           */
/* ------------------------------------------------------------------------ */

static void
index_add(GHashTable *index, const char *key, guint32 node, gboolean owned_key)
{
  GArray *nodes = g_hash_table_lookup(index, key);
  if (nodes == NULL) {
    nodes = g_array_new(FALSE, FALSE, sizeof(guint32));
    g_hash_table_insert(index, owned_key ? g_strdup(key) : (gpointer) key, nodes);
  }
  /* A node reaches a folded key through its id and its name; count it once. */
  if (nodes->len == 0 || g_array_index(nodes, guint32, nodes->len - 1) != node)
    g_array_append_val(nodes, node);
}

/* Builds the name and fold indices on first use; the network is immutable
 * while it is being read, so the lock only guards this lazy step. */
static void
ensure_lookup_indices(CitynetNetwork *network)
{
  g_mutex_lock(&network->lookup_lock);
  if (network->fold_index == NULL) {
    GHashTable *names = g_hash_table_new_full(g_str_hash, g_str_equal, NULL,
                                              (GDestroyNotify) g_array_unref);
    GHashTable *folded = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
                                               (GDestroyNotify) g_array_unref);
    for (guint32 i = 0; i < network->nodes->len; i++) {
      const CitynetNodeRec *rec = node_rec(network, i);
      index_add(names, rec->name, i, FALSE);
      char *key = citynet_text_fold(rec->id);
      index_add(folded, key, i, TRUE);
      g_free(key);
      key = citynet_text_fold(rec->name);
      index_add(folded, key, i, TRUE);
      g_free(key);
    }
    network->name_index = names;
    network->fold_index = folded;
  }
  g_mutex_unlock(&network->lookup_lock);
}

static void
set_ambiguous_error(const CitynetNetwork *network, const char *query,
                    GArray *nodes, GError **error)
{
  GString *list = g_string_new(NULL);
  for (guint i = 0; i < nodes->len; i++) {
    const CitynetNodeRec *rec = node_rec(network, g_array_index(nodes, guint32, i));
    const char *country = citynet_network_node_country(network, g_array_index(nodes, guint32, i));
    g_string_append_printf(list, "%s\"%s\" (%s%s%s)", i ? ", " : "", rec->id,
                           rec->name, country ? ", " : "", country ? country : "");
  }
  g_set_error(error, CITYNET_ERROR, CITYNET_ERROR_AMBIGUOUS,
              "\"%s\" matches %u nodes: %s; use an id", query, nodes->len, list->str);
  g_string_free(list, TRUE);
}

gssize
citynet_network_find_node(const CitynetNetwork *network, const char *query,
                          GError **error)
{
  g_return_val_if_fail(network != NULL, -1);
  if (query == NULL || !g_utf8_validate(query, -1, NULL)) {
    g_set_error(error, CITYNET_ERROR, CITYNET_ERROR_INVALID_ARGUMENT,
                "a node query must be valid UTF-8");
    return -1;
  }
  gssize exact = citynet_network_node_index(network, query);
  if (exact >= 0)
    return exact;

  /* The indices are caches: building them does not change what the
   * network holds, hence the cast. */
  ensure_lookup_indices((CitynetNetwork *) network);
  GArray *by_name = g_hash_table_lookup(network->name_index, query);
  if (by_name != NULL && by_name->len == 1)
    return g_array_index(by_name, guint32, 0);
  if (by_name != NULL) {
    set_ambiguous_error(network, query, by_name, error);
    return -1;
  }

  char *key = citynet_text_fold(query);
  GArray *by_key = g_hash_table_lookup(network->fold_index, key);
  g_free(key);
  if (by_key != NULL && by_key->len == 1)
    return g_array_index(by_key, guint32, 0);
  if (by_key != NULL) {
    set_ambiguous_error(network, query, by_key, error);
    return -1;
  }

  const char *hint = citynet_network_suggest_id(network, query);
  g_set_error(error, CITYNET_ERROR, CITYNET_ERROR_NOT_FOUND,
              "no node \"%s\"%s%s%s", query, hint ? " (did you mean \"" : "",
              hint ? hint : "", hint ? "\"?)" : "");
  return -1;
}

const char *
citynet_network_suggest_id(const CitynetNetwork *network, const char *query)
{
  if (!g_utf8_validate(query, -1, NULL))
    return NULL;
  char *wanted = citynet_text_fold(query);
  const char *best = NULL;
  guint best_distance = 4; /* more than 3 edits is no longer a typo */
  gsize wanted_len = strlen(wanted);

  for (guint i = 0; i < network->nodes->len && best_distance > 0; i++) {
    const char *id = node_rec(network, i)->id;
    gsize id_len = strlen(id);
    /* Cheap length filter before folding. */
    if ((id_len > wanted_len ? id_len - wanted_len : wanted_len - id_len) >
        2 * best_distance + 4)
      continue;
    char *candidate = citynet_text_fold(id);
    guint distance = citynet_text_distance(wanted, candidate, best_distance - 1);
    if (distance < best_distance) {
      best_distance = distance;
      best = id;
    }
    g_free(candidate);
  }
  g_free(wanted);
  return best;
}

/* ------------------------------------------------------------------------ */
/* Ties                                                                     */
/* ------------------------------------------------------------------------ */

gsize
citynet_network_n_ties(const CitynetNetwork *network)
{
  g_return_val_if_fail(network != NULL, 0);
  return network->ties->len;
}

gsize
citynet_network_tie_source(const CitynetNetwork *network, gsize tie)
{
  CHECK_TIE(network, tie, 0);
  return tie_rec(network, tie)->source;
}

gsize
citynet_network_tie_target(const CitynetNetwork *network, gsize tie)
{
  CHECK_TIE(network, tie, 0);
  return tie_rec(network, tie)->target;
}

const char *
citynet_network_tie_layer(const CitynetNetwork *network, gsize tie)
{
  CHECK_TIE(network, tie, NULL);
  return citynet_name_table_get(&network->layers, tie_rec(network, tie)->layer);
}

double
citynet_network_tie_weight(const CitynetNetwork *network, gsize tie)
{
  CHECK_TIE(network, tie, NAN);
  return tie_rec(network, tie)->weight;
}

gboolean
citynet_network_tie_directed(const CitynetNetwork *network, gsize tie)
{
  CHECK_TIE(network, tie, FALSE);
  return tie_rec(network, tie)->directed != 0;
}

CitynetDate
citynet_network_tie_start(const CitynetNetwork *network, gsize tie)
{
  CHECK_TIE(network, tie, CITYNET_DATE_OPEN);
  return tie_rec(network, tie)->start;
}

CitynetDate
citynet_network_tie_end(const CitynetNetwork *network, gsize tie)
{
  CHECK_TIE(network, tie, CITYNET_DATE_OPEN);
  return tie_rec(network, tie)->end;
}

const char *
citynet_network_tie_ref(const CitynetNetwork *network, gsize tie)
{
  CHECK_TIE(network, tie, NULL);
  return citynet_strpool_get(&network->strings, tie_rec(network, tie)->ref);
}

const char *
citynet_network_tie_attribute(const CitynetNetwork *network, gsize tie,
                              const char *key)
{
  CHECK_TIE(network, tie, NULL);
  g_return_val_if_fail(key != NULL, NULL);
  return attr_table_get(network, &network->tie_attrs, tie, key);
}

const char *const *
citynet_network_tie_attribute_keys(const CitynetNetwork *network, gsize *n_keys)
{
  g_return_val_if_fail(network != NULL, NULL);
  return name_list(network->tie_attrs.keys, n_keys);
}

const char *const *
citynet_network_layers(const CitynetNetwork *network, gsize *n_layers)
{
  g_return_val_if_fail(network != NULL, NULL);
  return name_list(network->layers.names, n_layers);
}

/* ------------------------------------------------------------------------ */
/* Countries and groups                                                     */
/* ------------------------------------------------------------------------ */

gsize
citynet_network_n_countries(const CitynetNetwork *network)
{
  g_return_val_if_fail(network != NULL, 0);
  return network->countries->len;
}

static const CitynetCountryRec *
country_rec(const CitynetNetwork *network, gsize country)
{
  return &g_array_index(network->countries, CitynetCountryRec, country);
}

const char *
citynet_network_country_code(const CitynetNetwork *network, gsize country)
{
  g_return_val_if_fail(network != NULL && country < network->countries->len, NULL);
  return country_rec(network, country)->code;
}

const char *
citynet_network_country_name(const CitynetNetwork *network, gsize country)
{
  g_return_val_if_fail(network != NULL && country < network->countries->len, NULL);
  return country_rec(network, country)->name;
}

gssize
citynet_network_country_index(const CitynetNetwork *network, const char *iso3)
{
  g_return_val_if_fail(network != NULL, -1);
  if (iso3 == NULL)
    return -1;
  gpointer value = g_hash_table_lookup(network->country_by_code, iso3);
  return value != NULL ? (gssize) GPOINTER_TO_UINT(value) - 1 : -1;
}

gboolean
citynet_network_country_attribute(const CitynetNetwork *network, gsize country,
                                  const char *key, double *value)
{
  g_return_val_if_fail(network != NULL && country < network->countries->len, FALSE);
  gssize column = citynet_name_table_find(&network->country_attr_keys, key);
  const GArray *values = country_rec(network, country)->attributes;
  if (column < 0 || values == NULL || (guint) column >= values->len)
    return FALSE;
  double v = g_array_index(values, double, column);
  if (isnan(v))
    return FALSE;
  if (value != NULL)
    *value = v;
  return TRUE;
}

const char *const *
citynet_network_country_attribute_keys(const CitynetNetwork *network, gsize *n_keys)
{
  g_return_val_if_fail(network != NULL, NULL);
  return name_list(network->country_attr_keys.names, n_keys);
}

const char *const *
citynet_network_groups(const CitynetNetwork *network, gsize *n_groups)
{
  g_return_val_if_fail(network != NULL, NULL);
  return name_list(network->groups.names, n_groups);
}

gboolean
citynet_network_check_group(const CitynetNetwork *network, const char *group,
                            GError **error)
{
  g_return_val_if_fail(network != NULL, FALSE);
  g_return_val_if_fail(group != NULL, FALSE);
  const char *const *known = citynet_network_groups(network, NULL);
  if (g_strv_contains(known, group))
    return TRUE;
  char *list = g_strjoinv(", ", (char **) known);
  g_set_error(error, CITYNET_ERROR, CITYNET_ERROR_NOT_FOUND,
              "unknown group '%s' (the network has: %s)", group,
              *list != '\0' ? list : "no groups");
  g_free(list);
  return FALSE;
}

gsize
citynet_network_n_memberships(const CitynetNetwork *network)
{
  g_return_val_if_fail(network != NULL, 0);
  return network->memberships->len;
}

void
citynet_network_membership(const CitynetNetwork *network, gsize index,
                           gsize *country, const char **group,
                           CitynetDate *start, CitynetDate *end,
                           const char **ref)
{
  g_return_if_fail(network != NULL && index < network->memberships->len);
  const CitynetMembershipRec *spell =
      &g_array_index(network->memberships, CitynetMembershipRec, index);
  if (country != NULL)
    *country = spell->country;
  if (group != NULL)
    *group = citynet_name_table_get(&network->groups, spell->group);
  if (start != NULL)
    *start = spell->start;
  if (end != NULL)
    *end = spell->end;
  if (ref != NULL)
    *ref = citynet_strpool_get(&network->strings, spell->ref);
}

static gint
compare_strings(gconstpointer a, gconstpointer b)
{
  return strcmp(*(const char *const *) a, *(const char *const *) b);
}

void
citynet_network_collect_groups(const CitynetNetwork *network, gsize country,
                               CitynetDate day, GPtrArray *out)
{
  const GArray *spells = g_ptr_array_index(network->country_spells, country);
  guint first = out->len;
  for (guint i = 0; i < spells->len; i++) {
    const CitynetMembershipRec *spell = &g_array_index(
        network->memberships, CitynetMembershipRec, g_array_index(spells, guint32, i));
    if (!citynet_date_active(spell->start, spell->end, day))
      continue;
    const char *group = citynet_name_table_get(&network->groups, spell->group);
    gboolean seen = FALSE; /* several active spells of one group count once */
    for (guint j = first; j < out->len && !seen; j++)
      seen = g_ptr_array_index(out, j) == group;
    if (!seen)
      g_ptr_array_add(out, (gpointer) group);
  }
  if (out->len - first > 1)
    qsort(out->pdata + first, out->len - first, sizeof(gpointer), compare_strings);
}

gboolean
citynet_network_country_in_group(const CitynetNetwork *network,
                                 const char *iso3, const char *group,
                                 CitynetDate date, gboolean *result,
                                 GError **error)
{
  g_return_val_if_fail(network != NULL && result != NULL, FALSE);
  gssize country = require_country(network, iso3, error);
  if (country < 0)
    return FALSE;
  *result = FALSE;
  gssize group_index = citynet_name_table_find(&network->groups, group);
  if (group_index < 0)
    return TRUE;
  const GArray *spells = g_ptr_array_index(network->country_spells, country);
  for (guint i = 0; i < spells->len && !*result; i++) {
    const CitynetMembershipRec *spell = &g_array_index(
        network->memberships, CitynetMembershipRec, g_array_index(spells, guint32, i));
    *result = spell->group == (guint32) group_index &&
              citynet_date_active(spell->start, spell->end, date);
  }
  return TRUE;
}

char **
citynet_network_node_groups_at(const CitynetNetwork *network, gsize node,
                               CitynetDate date)
{
  CHECK_NODE(network, node, NULL);
  GPtrArray *groups = g_ptr_array_new();
  gssize country = citynet_network_node_country_index(network, node);
  if (country >= 0)
    citynet_network_collect_groups(network, (gsize) country, date, groups);
  char **result = g_new0(char *, groups->len + 1);
  for (guint i = 0; i < groups->len; i++)
    result[i] = g_strdup(g_ptr_array_index(groups, i));
  g_ptr_array_unref(groups);
  return result;
}
