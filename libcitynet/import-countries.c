/* libcitynet - the country crosswalk: names, variants and codes to ISO3.
 *
 * The data is ours (data/countries/iso3166.csv and aliases.csv, see the
 * README there) and is compiled into the library by embed-csv.py, so an
 * installed library needs no data files. It is parsed once, on first use.
 *
 * A value resolves in this order (docs/import.md):
 *   1. a user alias (per import),
 *   2. a two- or three-letter ISO code, any case,
 *   3. a name, common name, official name or alias by its folded key (a
 *      trailing ", The" as in "Gambia, The" is ignored),
 *   4. "Region, Country": the part after the last comma names the country;
 *      the part before wins only when it is that country itself or an ISO
 *      3166-1 entity belonging to it ("Réunion, France" -> REU,
 *      "Brandenburg, Germany" -> DEU, "Georgia, United States" -> USA). */
#include <string.h>

#include "import-private.h"

extern const char citynet_embedded_iso3166[];
extern const size_t citynet_embedded_iso3166_length;
extern const char citynet_embedded_aliases[];
extern const size_t citynet_embedded_aliases_length;

typedef struct {
  const char *iso3;
  const char *iso2;
  const char *name;     /* ISO English short name */
  const char *display;  /* common name when there is one, else name */
  const char *part_of;  /* ISO3 of the sovereign entity, or NULL */
} CountryRec;

typedef struct {
  const char *iso3;
  const char *label;    /* the name as written in the data (for hints) */
  CitynetCountryRule rule;
} NameEntry;

typedef struct {
  GStringChunk *strings;
  GPtrArray *countries;   /* CountryRec*, file order */
  GHashTable *by_code;    /* "TUR", "TR" -> CountryRec* */
  GHashTable *by_key;     /* key -> NameEntry* */
  GPtrArray *entries;     /* NameEntry* in insertion order (owns them) */
  GString *conflicts;     /* one line per conflicting key */
  guint n_conflicts;
} Crosswalk;

static Crosswalk crosswalk;

const char *
citynet_country_rule_label(CitynetCountryRule rule)
{
  switch (rule) {
  case CITYNET_COUNTRY_RULE_CODE: return "code";
  case CITYNET_COUNTRY_RULE_NAME: return "name";
  case CITYNET_COUNTRY_RULE_ALIAS: return "alias";
  case CITYNET_COUNTRY_RULE_USER_ALIAS: return "user-alias";
  case CITYNET_COUNTRY_RULE_QUALIFIED: return "qualified";
  case CITYNET_COUNTRY_RULE_NONE:
  default: return "none";
  }
}

/* ------------------------------------------------------------------------ */
/* Building the crosswalk                                                   */
/* ------------------------------------------------------------------------ */

static const char *
keep(const char *text)
{
  return (text == NULL || text[0] == '\0') ? NULL
                                           : g_string_chunk_insert_const(crosswalk.strings, text);
}

/* Adds @label's key for @iso3. @derived keys (inversions, parenthesis
 * removed) quietly yield to explicit ones; two explicit rows claiming one
 * key for different codes are a data error the tests look for. */
static void
add_name(const char *label, const char *iso3, CitynetCountryRule rule,
         gboolean derived)
{
  if (label == NULL || label[0] == '\0')
    return;
  char *key = citynet_import_key(label, TRUE);
  if (key[0] == '\0') {
    g_free(key);
    return;
  }
  NameEntry *existing = g_hash_table_lookup(crosswalk.by_key, key);
  if (existing != NULL) {
    if (!derived && strcmp(existing->iso3, iso3) != 0) {
      crosswalk.n_conflicts++;
      g_string_append_printf(crosswalk.conflicts, "\"%s\" -> %s, but \"%s\" -> %s\n",
                             label, iso3, existing->label, existing->iso3);
    }
    g_free(key);
    return;
  }
  NameEntry *entry = g_new(NameEntry, 1);
  entry->iso3 = iso3;
  entry->label = keep(label);
  entry->rule = rule;
  g_ptr_array_add(crosswalk.entries, entry);
  g_hash_table_insert(crosswalk.by_key, g_string_chunk_insert_const(crosswalk.strings, key),
                      entry);
  g_free(key);
}

/* "Korea, Republic of" also answers to "Republic of Korea"; "Falkland
 * Islands (Malvinas)" to "Falkland Islands". */
static void
add_derived_names(const char *name, const char *iso3)
{
  const char *comma = strrchr(name, ',');
  if (comma != NULL) {
    char *head = g_strndup(name, (gsize) (comma - name));
    char *inverted = g_strconcat(comma + 1, " ", head, NULL);
    add_name(g_strstrip(inverted), iso3, CITYNET_COUNTRY_RULE_NAME, TRUE);
    g_free(inverted);
    g_free(head);
  }
  const char *open = strchr(name, '(');
  const char *close = open != NULL ? strchr(open, ')') : NULL;
  if (open != NULL && close != NULL) {
    GString *bare = g_string_new_len(name, (gssize) (open - name));
    g_string_append(bare, close + 1);
    add_name(g_strstrip(bare->str), iso3, CITYNET_COUNTRY_RULE_NAME, TRUE);
    g_string_free(bare, TRUE);
  }
}

/* Column index of @header in the reader's current row, or -1. */
static int
column_index(const CitynetImportReader *reader, const char *header)
{
  for (guint i = 0; i < citynet_import_reader_n_fields(reader); i++)
    if (g_ascii_strcasecmp(citynet_import_reader_field(reader, i), header) == 0)
      return (int) i;
  return -1;
}

static const char *
field_or_null(const CitynetImportReader *reader, int column)
{
  return column < 0 ? NULL : keep(citynet_import_reader_field(reader, (guint) column));
}

static void
load_countries(void)
{
  CitynetImportReader reader;
  if (!citynet_import_reader_init(&reader, citynet_embedded_iso3166,
                                  citynet_embedded_iso3166_length, "iso3166.csv",
                                  "utf-8", ',', NULL))
    return;
  citynet_import_reader_next(&reader);
  int c_iso3 = column_index(&reader, "iso3"), c_iso2 = column_index(&reader, "iso2");
  int c_name = column_index(&reader, "name"), c_common = column_index(&reader, "common_name");
  int c_official = column_index(&reader, "official_name");
  int c_part = column_index(&reader, "part_of");
  while (citynet_import_reader_next(&reader) == CITYNET_IMPORT_ROW) {
    CountryRec *rec = g_new0(CountryRec, 1);
    rec->iso3 = field_or_null(&reader, c_iso3);
    rec->iso2 = field_or_null(&reader, c_iso2);
    rec->name = field_or_null(&reader, c_name);
    const char *common = field_or_null(&reader, c_common);
    const char *official = field_or_null(&reader, c_official);
    rec->display = common != NULL ? common : rec->name;
    rec->part_of = field_or_null(&reader, c_part);
    if (rec->iso3 == NULL || rec->name == NULL) {
      g_free(rec);
      continue;
    }
    g_ptr_array_add(crosswalk.countries, rec);
    g_hash_table_insert(crosswalk.by_code, (gpointer) rec->iso3, rec);
    if (rec->iso2 != NULL)
      g_hash_table_insert(crosswalk.by_code, (gpointer) rec->iso2, rec);
    add_name(rec->name, rec->iso3, CITYNET_COUNTRY_RULE_NAME, FALSE);
    add_name(common, rec->iso3, CITYNET_COUNTRY_RULE_NAME, FALSE);
    add_name(official, rec->iso3, CITYNET_COUNTRY_RULE_NAME, FALSE);
  }
  /* Derived names only after every explicit one is in. */
  for (guint i = 0; i < crosswalk.countries->len; i++) {
    const CountryRec *rec = g_ptr_array_index(crosswalk.countries, i);
    add_derived_names(rec->name, rec->iso3);
  }
  citynet_import_reader_clear(&reader);
}

static void
load_aliases(void)
{
  CitynetImportReader reader;
  if (!citynet_import_reader_init(&reader, citynet_embedded_aliases,
                                  citynet_embedded_aliases_length, "aliases.csv",
                                  "utf-8", ',', NULL))
    return;
  citynet_import_reader_next(&reader);
  int c_alias = column_index(&reader, "alias"), c_iso3 = column_index(&reader, "iso3");
  while (citynet_import_reader_next(&reader) == CITYNET_IMPORT_ROW) {
    const CountryRec *rec = g_hash_table_lookup(
        crosswalk.by_code, citynet_import_reader_field(&reader, (guint) c_iso3));
    if (rec == NULL || strcmp(rec->iso3, citynet_import_reader_field(&reader, (guint) c_iso3)) != 0) {
      crosswalk.n_conflicts++;
      g_string_append_printf(crosswalk.conflicts, "alias \"%s\" names unknown code %s\n",
                             citynet_import_reader_field(&reader, (guint) c_alias),
                             citynet_import_reader_field(&reader, (guint) c_iso3));
      continue;
    }
    add_name(citynet_import_reader_field(&reader, (guint) c_alias), rec->iso3,
             CITYNET_COUNTRY_RULE_ALIAS, FALSE);
  }
  citynet_import_reader_clear(&reader);
}

static gpointer
build_crosswalk(gpointer data)
{
  crosswalk.strings = g_string_chunk_new(8192);
  crosswalk.countries = g_ptr_array_new();
  crosswalk.by_code = g_hash_table_new(g_str_hash, g_str_equal);
  crosswalk.by_key = g_hash_table_new(g_str_hash, g_str_equal);
  crosswalk.entries = g_ptr_array_new();
  crosswalk.conflicts = g_string_new(NULL);
  load_countries();
  load_aliases();
  return &crosswalk;
}

/* The crosswalk lives for the life of the process, like any static table. */
static const Crosswalk *
get_crosswalk(void)
{
  static GOnce once = G_ONCE_INIT;
  return g_once(&once, build_crosswalk, NULL);
}

/* ------------------------------------------------------------------------ */
/* User aliases                                                             */
/* ------------------------------------------------------------------------ */

struct _CitynetCountryResolver {
  GHashTable *user;      /* key -> iso3 (owned strings in chunk) */
  GStringChunk *strings;
};

static gboolean
load_user_aliases(CitynetCountryResolver *resolver, const char *path,
                  GError **error)
{
  CitynetImportReader reader;
  if (!citynet_import_reader_open(&reader, path, "auto", 0, error))
    return FALSE;
  gboolean ok = TRUE;
  int c_alias = -1, c_iso3 = -1;
  if (citynet_import_reader_next(&reader) != CITYNET_IMPORT_END) {
    c_alias = column_index(&reader, "alias");
    c_iso3 = column_index(&reader, "iso3");
  }
  if (c_alias < 0 || c_iso3 < 0) {
    citynet_set_data_error(error, path, 1, 0, 1,
                           "a country alias file needs the columns alias and iso3");
    ok = FALSE;
  }
  CitynetImportRowStatus status;
  while (ok && (status = citynet_import_reader_next(&reader)) != CITYNET_IMPORT_END) {
    const char *alias = citynet_import_reader_field(&reader, (guint) c_alias);
    const char *iso3 = citynet_import_reader_field(&reader, (guint) c_iso3);
    char *key = status == CITYNET_IMPORT_ROW ? citynet_import_key(alias, TRUE) : g_strdup("");
    if (key[0] == '\0' || !citynet_text_is_iso3(iso3)) {
      char *message = g_strdup_printf("expected an alias and a three-capital code, not "
                                      "\"%s\", \"%s\"", alias, iso3);
      citynet_set_data_error(error, path, reader.row_line, 0, 1, message);
      g_free(message);
      ok = FALSE;
    } else {
      g_hash_table_insert(resolver->user, g_string_chunk_insert_const(resolver->strings, key),
                          g_string_chunk_insert_const(resolver->strings, iso3));
    }
    g_free(key);
  }
  citynet_import_reader_clear(&reader);
  return ok;
}

CitynetCountryResolver *
citynet_country_resolver_new(const char *aliases_path, GError **error)
{
  CitynetCountryResolver *resolver = g_new0(CitynetCountryResolver, 1);
  resolver->user = g_hash_table_new(g_str_hash, g_str_equal);
  resolver->strings = g_string_chunk_new(1024);
  if (aliases_path != NULL && !load_user_aliases(resolver, aliases_path, error)) {
    citynet_country_resolver_free(resolver);
    return NULL;
  }
  return resolver;
}

void
citynet_country_resolver_free(CitynetCountryResolver *resolver)
{
  if (resolver == NULL)
    return;
  g_hash_table_unref(resolver->user);
  g_string_chunk_free(resolver->strings);
  g_free(resolver);
}

/* ------------------------------------------------------------------------ */
/* Lookup                                                                   */
/* ------------------------------------------------------------------------ */

static const char *
lookup_code(const char *value)
{
  gsize n = strlen(value);
  if (n != 2 && n != 3)
    return NULL;
  char code[4];
  for (gsize i = 0; i < n; i++) {
    if (!g_ascii_isalpha(value[i]))
      return NULL;
    code[i] = g_ascii_toupper(value[i]);
  }
  code[n] = '\0';
  const CountryRec *rec = g_hash_table_lookup(get_crosswalk()->by_code, code);
  return rec != NULL ? rec->iso3 : NULL;
}

/* Steps 1-3 on one value (already trimmed). */
static const char *
lookup_plain(const CitynetCountryResolver *resolver, const char *value,
             CitynetCountryRule *rule)
{
  char *key = citynet_import_key(value, TRUE);
  const char *found = NULL;
  if (resolver != NULL && key[0] != '\0') {
    found = g_hash_table_lookup(resolver->user, key);
    *rule = CITYNET_COUNTRY_RULE_USER_ALIAS;
  }
  if (found == NULL && (found = lookup_code(value)) != NULL)
    *rule = CITYNET_COUNTRY_RULE_CODE;
  if (found == NULL && key[0] != '\0') {
    const NameEntry *entry = g_hash_table_lookup(get_crosswalk()->by_key, key);
    gsize n = strlen(key);
    if (entry == NULL && n > 4 && strcmp(key + n - 4, " the") == 0) {
      key[n - 4] = '\0'; /* "Gambia, The" */
      entry = g_hash_table_lookup(get_crosswalk()->by_key, key);
    }
    if (entry != NULL) {
      found = entry->iso3;
      *rule = entry->rule;
    }
  }
  g_free(key);
  if (found == NULL)
    *rule = CITYNET_COUNTRY_RULE_NONE;
  return found;
}

const char *
citynet_country_part_of(const char *iso3)
{
  const CountryRec *rec = iso3 != NULL ? g_hash_table_lookup(get_crosswalk()->by_code, iso3)
                                       : NULL;
  return rec != NULL ? rec->part_of : NULL;
}

/* Step 4: "Region, Country". */
static const char *
lookup_qualified(const CitynetCountryResolver *resolver, const char *value)
{
  const char *comma = strrchr(value, ',');
  if (comma == NULL)
    return NULL;
  CitynetCountryRule rule;
  char *country = g_strstrip(g_strdup(comma + 1));
  const char *outer = lookup_plain(resolver, country, &rule);
  g_free(country);
  if (outer == NULL)
    return NULL;
  char *region = g_strstrip(g_strndup(value, (gsize) (comma - value)));
  const char *inner = lookup_plain(resolver, region, &rule);
  g_free(region);
  if (inner != NULL && (strcmp(inner, outer) == 0 ||
                        g_strcmp0(citynet_country_part_of(inner), outer) == 0))
    return inner;
  return outer;
}

const char *
citynet_country_resolver_lookup(const CitynetCountryResolver *resolver,
                                const char *value, CitynetCountryRule *rule)
{
  CitynetCountryRule local = CITYNET_COUNTRY_RULE_NONE;
  if (rule == NULL)
    rule = &local;
  *rule = CITYNET_COUNTRY_RULE_NONE;
  if (value == NULL || !g_utf8_validate(value, -1, NULL))
    return NULL;
  char *trimmed = g_strstrip(g_strdup(value));
  const char *found = NULL;
  if (trimmed[0] != '\0') {
    found = lookup_plain(resolver, trimmed, rule);
    if (found == NULL && (found = lookup_qualified(resolver, trimmed)) != NULL)
      *rule = CITYNET_COUNTRY_RULE_QUALIFIED;
  }
  g_free(trimmed);
  return found;
}

const char *
citynet_country_resolve(const char *name_or_code)
{
  return citynet_country_resolver_lookup(NULL, name_or_code, NULL);
}

const char *
citynet_country_name(const char *iso3)
{
  if (iso3 == NULL)
    return NULL;
  const CountryRec *rec = g_hash_table_lookup(get_crosswalk()->by_code, iso3);
  return rec != NULL && strcmp(rec->iso3, iso3) == 0 ? rec->display : NULL;
}

static gsize
common_prefix(const char *a, const char *b)
{
  gsize n = 0;
  while (a[n] != '\0' && a[n] == b[n])
    n++;
  return n;
}

const char *
citynet_country_suggest(const char *value)
{
  if (value == NULL || !g_utf8_validate(value, -1, NULL))
    return NULL;
  char *key = citynet_import_key(value, TRUE);
  const Crosswalk *table = get_crosswalk();
  const char *best = NULL;
  guint best_distance = 4;
  gsize best_prefix = 0;
  /* A hint for a two-letter value would be noise. */
  if (strlen(key) >= 4) {
    for (guint i = 0; i < table->entries->len && best_distance > 0; i++) {
      const NameEntry *entry = g_ptr_array_index(table->entries, i);
      char *candidate = citynet_import_key(entry->label, TRUE);
      guint distance = citynet_text_distance(key, candidate, MIN(best_distance, 3));
      /* On a tie the candidate sharing the longer prefix reads more like
       * what was meant ("Island": "Iceland" rather than "Finland"). */
      gsize prefix = common_prefix(key, candidate);
      if (distance <= 3 &&
          (distance < best_distance || (distance == best_distance && prefix > best_prefix))) {
        best_distance = distance;
        best_prefix = prefix;
        best = entry->label;
      }
      g_free(candidate);
    }
  }
  g_free(key);
  return best;
}

guint
citynet_country_table_conflicts(char **report)
{
  const Crosswalk *table = get_crosswalk();
  if (report != NULL)
    *report = g_strdup(table->conflicts->str);
  return table->n_conflicts;
}
