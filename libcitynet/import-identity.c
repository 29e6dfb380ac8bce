/* libcitynet - city identity: matching keys, places, gazetteers, districts.
 *
 * One city reaches an input list under several spellings (Constanța and
 * Constanţa, "St. Gallen" and "St Gallen") and one spelling can name
 * several cities (two Nienburgs in Germany). The rules, in docs/import.md:
 * mentions with the same key in the same country are one place unless
 * their coordinates lie further apart than the distance threshold; a
 * mention without coordinates joins the only place of its name or, when
 * there are several, is reported as ambiguous rather than guessed. */
#include <math.h>
#include <string.h>

#include "import-private.h"

/* ------------------------------------------------------------------------ */
/* Keys, slugs, distances                                                   */
/* ------------------------------------------------------------------------ */

char *
citynet_import_key(const char *text, gboolean country)
{
  char *folded = citynet_text_fold(text);
  GString *key = g_string_sized_new(strlen(folded) + 8);
  gboolean pending_space = FALSE;
  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char(p)) {
    gunichar c = g_utf8_get_char(p);
    if (c == '\'' || c == '.' || c == 0x00B7 /* middle dot: Catalan l·l */)
      continue;
    if (c == '&') {
      g_string_append(key, key->len > 0 ? " and" : "and");
      pending_space = TRUE;
      continue;
    }
    if (!g_unichar_isalnum(c)) {
      pending_space = key->len > 0;
      continue;
    }
    if (pending_space) {
      g_string_append_c(key, ' ');
      pending_space = FALSE;
    }
    g_string_append_unichar(key, c);
  }
  g_free(folded);
  if (country && g_str_has_prefix(key->str, "the "))
    g_string_erase(key, 0, 4);
  return g_string_free(key, FALSE);
}

char *
citynet_import_slug(const char *key)
{
  char *slug = g_strdup(key);
  for (char *p = slug; *p != '\0'; p++)
    if (*p == ' ')
      *p = '-';
  return slug;
}

double
citynet_import_distance_km(double lat1, double lon1, double lat2, double lon2)
{
  const double radians = G_PI / 180.0;
  double dlat = (lat2 - lat1) * radians, dlon = (lon2 - lon1) * radians;
  double a = sin(dlat / 2) * sin(dlat / 2) +
             cos(lat1 * radians) * cos(lat2 * radians) * sin(dlon / 2) * sin(dlon / 2);
  return 2.0 * 6371.0088 * asin(MIN(1.0, sqrt(a)));
}

/* "key\x1fISO3": one hash key for a name in a country. */
static char *
group_key(const char *key, const char *iso3)
{
  return g_strconcat(key, "\x1f", iso3, NULL);
}

/* Column of @header (matched by key) in the current row, or -1. */
static int
find_header(const CitynetImportReader *reader, const char *header)
{
  char *wanted = citynet_import_key(header, FALSE);
  int found = -1;
  for (guint i = 0; i < citynet_import_reader_n_fields(reader) && found < 0; i++) {
    char *key = citynet_import_key(citynet_import_reader_field(reader, i), FALSE);
    if (strcmp(key, wanted) == 0)
      found = (int) i;
    g_free(key);
  }
  g_free(wanted);
  return found;
}

static gboolean
read_header(CitynetImportReader *reader, const char *path, GError **error)
{
  if (citynet_import_reader_next(reader) != CITYNET_IMPORT_ROW) {
    citynet_set_data_error(error, path, 1, 0, 1, "no header row");
    return FALSE;
  }
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Gazetteers                                                               */
/* ------------------------------------------------------------------------ */

typedef struct {
  double latitude;
  double longitude;
  double population;   /* NaN when unknown */
  const char *name;
  const char *id;      /* NULL when the layout has none */
} GazetteerEntry;

struct _CitynetGazetteer {
  const char *layout;  /* static */
  GArray *entries;     /* GazetteerEntry */
  GHashTable *index;   /* group key -> GArray<guint32> */
  GStringChunk *strings;
  gsize n_skipped;
};

void
citynet_gazetteer_free(CitynetGazetteer *gazetteer)
{
  if (gazetteer == NULL)
    return;
  g_array_unref(gazetteer->entries);
  g_hash_table_unref(gazetteer->index);
  g_string_chunk_free(gazetteer->strings);
  g_free(gazetteer);
}

const char *
citynet_gazetteer_layout(const CitynetGazetteer *gazetteer)
{
  return gazetteer->layout;
}

gsize
citynet_gazetteer_n_entries(const CitynetGazetteer *gazetteer)
{
  return gazetteer->entries->len;
}

gsize
citynet_gazetteer_n_skipped(const CitynetGazetteer *gazetteer)
{
  return gazetteer->n_skipped;
}

static void
gazetteer_index(CitynetGazetteer *gazetteer, const char *name, const char *iso3,
                guint32 entry)
{
  char *key = citynet_import_key(name, FALSE);
  if (key[0] != '\0') {
    char *group = group_key(key, iso3);
    GArray *list = g_hash_table_lookup(gazetteer->index, group);
    if (list == NULL) {
      list = g_array_new(FALSE, FALSE, sizeof(guint32));
      g_hash_table_insert(gazetteer->index, group, list);
    } else {
      g_free(group);
    }
    /* city and city_ascii usually share a key: index the entry once. */
    if (list->len == 0 || g_array_index(list, guint32, list->len - 1) != entry)
      g_array_append_val(list, entry);
  }
  g_free(key);
}

typedef struct {
  int name, ascii, country, lat, lon, population, id;
} GazetteerColumns;

static gboolean
gazetteer_columns(CitynetGazetteer *gazetteer, const CitynetImportReader *reader,
                  const char *layout, const char *path, GazetteerColumns *columns,
                  GError **error)
{
  gboolean simplemaps = find_header(reader, "city_ascii") >= 0 && find_header(reader, "iso3") >= 0;
  if (g_ascii_strcasecmp(layout, "simplemaps") == 0 ||
      (g_ascii_strcasecmp(layout, "auto") == 0 && simplemaps)) {
    gazetteer->layout = "simplemaps";
    *columns = (GazetteerColumns){
      find_header(reader, "city"), find_header(reader, "city_ascii"),
      find_header(reader, "iso3"), find_header(reader, "lat"), find_header(reader, "lng"),
      find_header(reader, "population"), find_header(reader, "id")};
  } else {
    gazetteer->layout = "geonames";
    *columns = (GazetteerColumns){
      find_header(reader, "name"), -1, find_header(reader, "country"),
      find_header(reader, "lat"), find_header(reader, "lng"), -1, -1};
    if (columns->lon < 0)
      columns->lon = find_header(reader, "lon");
  }
  if (columns->name < 0 || columns->country < 0 || columns->lat < 0 || columns->lon < 0) {
    char *message = g_strdup_printf("not a %s gazetteer: it needs the columns %s", gazetteer->layout,
                                    strcmp(gazetteer->layout, "simplemaps") == 0
                                        ? "city, city_ascii, lat, lng, iso3"
                                        : "country (ISO2), name, lat, lng");
    citynet_set_data_error(error, path, 1, 0, 1, message);
    g_free(message);
    return FALSE;
  }
  return TRUE;
}

static void
gazetteer_row(CitynetGazetteer *gazetteer, const CitynetImportReader *reader,
              const GazetteerColumns *c, const CitynetCountryResolver *resolver)
{
  GazetteerEntry entry = {.population = NAN};
  const char *name = citynet_import_reader_field(reader, (guint) c->name);
  const char *iso3 = citynet_country_resolver_lookup(
      resolver, citynet_import_reader_field(reader, (guint) c->country), NULL);
  if (name[0] == '\0' || iso3 == NULL ||
      !citynet_import_parse_number(citynet_import_reader_field(reader, (guint) c->lat), 1,
                                   &entry.latitude) ||
      !citynet_import_parse_number(citynet_import_reader_field(reader, (guint) c->lon), 1,
                                   &entry.longitude) ||
      fabs(entry.latitude) > 90.0 || fabs(entry.longitude) > 180.0) {
    gazetteer->n_skipped++;
    return;
  }
  double population;
  if (c->population >= 0 &&
      citynet_import_parse_number(citynet_import_reader_field(reader, (guint) c->population), 1,
                                  &population) &&
      isfinite(population) && population >= 0)
    entry.population = population;
  entry.name = g_string_chunk_insert_const(gazetteer->strings, name);
  if (c->id >= 0 && citynet_import_reader_field(reader, (guint) c->id)[0] != '\0')
    entry.id = g_string_chunk_insert_const(gazetteer->strings,
                                           citynet_import_reader_field(reader, (guint) c->id));
  guint32 index = gazetteer->entries->len;
  g_array_append_val(gazetteer->entries, entry);
  gazetteer_index(gazetteer, name, iso3, index);
  if (c->ascii >= 0)
    gazetteer_index(gazetteer, citynet_import_reader_field(reader, (guint) c->ascii), iso3, index);
}

CitynetGazetteer *
citynet_gazetteer_load(const char *path, const char *layout,
                       const CitynetCountryResolver *resolver, GError **error)
{
  CitynetImportReader reader;
  if (!citynet_import_reader_open(&reader, path, "auto", 0, error))
    return NULL;
  CitynetGazetteer *gazetteer = g_new0(CitynetGazetteer, 1);
  gazetteer->entries = g_array_new(FALSE, FALSE, sizeof(GazetteerEntry));
  gazetteer->index = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
                                           (GDestroyNotify) g_array_unref);
  gazetteer->strings = g_string_chunk_new(64 * 1024);
  GazetteerColumns columns;
  if (!read_header(&reader, path, error) ||
      !gazetteer_columns(gazetteer, &reader, layout != NULL ? layout : "auto", path,
                         &columns, error)) {
    citynet_import_reader_clear(&reader);
    citynet_gazetteer_free(gazetteer);
    return NULL;
  }
  CitynetImportRowStatus status;
  while ((status = citynet_import_reader_next(&reader)) != CITYNET_IMPORT_END) {
    if (status == CITYNET_IMPORT_BAD)
      gazetteer->n_skipped++;
    else
      gazetteer_row(gazetteer, &reader, &columns, resolver);
  }
  citynet_import_reader_clear(&reader);
  return gazetteer;
}

/* ------------------------------------------------------------------------ */
/* Districts                                                                */
/* ------------------------------------------------------------------------ */

struct _CitynetDistricts {
  GHashTable *map;     /* group key -> metropolis name (in chunk) */
  GStringChunk *strings;
};

void
citynet_districts_free(CitynetDistricts *districts)
{
  if (districts == NULL)
    return;
  g_hash_table_unref(districts->map);
  g_string_chunk_free(districts->strings);
  g_free(districts);
}

static gboolean
district_row(CitynetDistricts *districts, const CitynetImportReader *reader,
             const int *c, const CitynetCountryResolver *resolver,
             const char *path, GError **error)
{
  const char *district = citynet_import_reader_field(reader, (guint) c[0]);
  const char *country = citynet_import_reader_field(reader, (guint) c[1]);
  const char *metropolis = citynet_import_reader_field(reader, (guint) c[2]);
  const char *iso3 = citynet_country_resolver_lookup(resolver, country, NULL);
  char *key = citynet_import_key(district, FALSE);
  char *message = NULL;
  if (key[0] == '\0' || !citynet_text_is_clean(metropolis, -1))
    message = g_strdup("a district mapping row needs a district and a metropolis");
  else if (iso3 == NULL)
    message = g_strdup_printf("unknown country \"%s\"", country);
  if (message != NULL) {
    citynet_set_data_error(error, path, reader->row_line, 0, 1, message);
    g_free(message);
    g_free(key);
    return FALSE;
  }
  char *normal = g_utf8_normalize(metropolis, -1, G_NORMALIZE_DEFAULT_COMPOSE);
  g_hash_table_insert(districts->map, group_key(key, iso3),
                      g_string_chunk_insert_const(districts->strings, normal));
  g_free(normal);
  g_free(key);
  return TRUE;
}

CitynetDistricts *
citynet_districts_load(const char *path, const CitynetCountryResolver *resolver,
                       GError **error)
{
  CitynetImportReader reader;
  if (!citynet_import_reader_open(&reader, path, "auto", 0, error))
    return NULL;
  CitynetDistricts *districts = g_new0(CitynetDistricts, 1);
  districts->map = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  districts->strings = g_string_chunk_new(4096);
  gboolean ok = read_header(&reader, path, error);
  int c[3] = {-1, -1, -1};
  if (ok) {
    c[0] = find_header(&reader, "district");
    c[1] = find_header(&reader, "country");
    c[2] = find_header(&reader, "metropolis");
    if (c[0] < 0 || c[1] < 0 || c[2] < 0) {
      citynet_set_data_error(error, path, 1, 0, 1,
                             "a district mapping needs the columns district, country, metropolis");
      ok = FALSE;
    }
  }
  CitynetImportRowStatus status;
  while (ok && (status = citynet_import_reader_next(&reader)) != CITYNET_IMPORT_END) {
    if (status == CITYNET_IMPORT_BAD) {
      citynet_set_data_error(error, path, reader.row_line, 0, 1, reader.problem);
      ok = FALSE;
    } else {
      ok = district_row(districts, &reader, c, resolver, path, error);
    }
  }
  citynet_import_reader_clear(&reader);
  if (!ok) {
    citynet_districts_free(districts);
    return NULL;
  }
  return districts;
}

const char *
citynet_districts_lookup(const CitynetDistricts *districts, const char *key,
                         const char *iso3)
{
  if (districts == NULL)
    return NULL;
  char *group = group_key(key, iso3);
  const char *metropolis = g_hash_table_lookup(districts->map, group);
  g_free(group);
  return metropolis;
}

/* ------------------------------------------------------------------------ */
/* Places                                                                   */
/* ------------------------------------------------------------------------ */

typedef struct {
  const char *name;    /* as written, NFC (in chunk) */
  guint32 group;
  gint32 place;        /* -1: ambiguous (or not yet resolved) */
  double latitude;     /* NaN when the row gave none */
  double longitude;
  guint line;
  gboolean used;
} Mention;

typedef struct {
  const char *key;     /* in chunk */
  const char *iso3;    /* in chunk */
  GArray *mentions;    /* guint32, in input order */
  guint n_emitted;     /* places of this group made into nodes so far */
  const char *ambiguity; /* reason for coordinate-less mentions, or NULL */
} Group;

typedef struct {
  guint32 group;
  double latitude;     /* the first coordinates seen, NaN when none */
  double longitude;
  gboolean used;
  gssize node;         /* -1 until emitted */
  gint64 gazetteer;    /* entry index or -1 */
  const CitynetGazetteer *source;
} Place;

struct _CitynetPlaces {
  double distance_km;
  GStringChunk *strings;
  GArray *mentions;    /* Mention */
  GPtrArray *groups;   /* Group*, first-mention order */
  GHashTable *group_index; /* group key -> GUINT_TO_POINTER(index + 1) */
  GArray *places;      /* Place */
};

static void
group_free(gpointer data)
{
  Group *group = data;
  g_array_unref(group->mentions);
  g_free(group);
}

CitynetPlaces *
citynet_places_new(double distance_km)
{
  CitynetPlaces *places = g_new0(CitynetPlaces, 1);
  places->distance_km = distance_km;
  places->strings = g_string_chunk_new(64 * 1024);
  places->mentions = g_array_new(FALSE, FALSE, sizeof(Mention));
  places->groups = g_ptr_array_new_with_free_func(group_free);
  places->group_index = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  places->places = g_array_new(FALSE, FALSE, sizeof(Place));
  return places;
}

void
citynet_places_free(CitynetPlaces *places)
{
  if (places == NULL)
    return;
  g_string_chunk_free(places->strings);
  g_array_unref(places->mentions);
  g_ptr_array_unref(places->groups);
  g_hash_table_unref(places->group_index);
  g_array_unref(places->places);
  g_free(places);
}

static Mention *
mention_at(const CitynetPlaces *places, guint32 index)
{
  return &g_array_index(places->mentions, Mention, index);
}

static Place *
place_at(const CitynetPlaces *places, gint32 index)
{
  return &g_array_index(places->places, Place, index);
}

static Group *
group_at(const CitynetPlaces *places, guint32 index)
{
  return g_ptr_array_index(places->groups, index);
}

guint32
citynet_places_add(CitynetPlaces *places, const char *name, const char *key,
                   const char *iso3, double latitude, double longitude,
                   guint line)
{
  char *gkey = group_key(key, iso3);
  gpointer found = g_hash_table_lookup(places->group_index, gkey);
  guint32 group_index;
  if (found == NULL) {
    Group *group = g_new0(Group, 1);
    group->key = g_string_chunk_insert_const(places->strings, key);
    group->iso3 = g_string_chunk_insert_const(places->strings, iso3);
    group->mentions = g_array_new(FALSE, FALSE, sizeof(guint32));
    group_index = places->groups->len;
    g_ptr_array_add(places->groups, group);
    g_hash_table_insert(places->group_index, gkey, GUINT_TO_POINTER(group_index + 1));
  } else {
    group_index = GPOINTER_TO_UINT(found) - 1;
    g_free(gkey);
  }
  Mention mention = {
    .name = g_string_chunk_insert_const(places->strings, name),
    .group = group_index,
    .place = -1,
    .latitude = latitude,
    .longitude = longitude,
    .line = line,
  };
  guint32 index = places->mentions->len;
  g_array_append_val(places->mentions, mention);
  g_array_append_val(group_at(places, group_index)->mentions, index);
  return index;
}

static gint32
new_place(CitynetPlaces *places, guint32 group, double latitude, double longitude)
{
  Place place = {
    .group = group, .latitude = latitude, .longitude = longitude,
    .node = -1, .gazetteer = -1,
  };
  gint32 index = (gint32) places->places->len;
  g_array_append_val(places->places, place);
  return index;
}

/* The group's place nearest to the point within the threshold, or -1. */
static gint32
nearest_place(const CitynetPlaces *places, const GArray *group_places,
              double latitude, double longitude)
{
  gint32 best = -1;
  double best_distance = places->distance_km;
  for (guint i = 0; i < group_places->len; i++) {
    gint32 candidate = g_array_index(group_places, gint32, i);
    const Place *place = place_at(places, candidate);
    double d = citynet_import_distance_km(latitude, longitude, place->latitude,
                                          place->longitude);
    if (d <= best_distance) {
      best_distance = d;
      best = candidate;
    }
  }
  return best;
}

static double
min_distance(const CitynetPlaces *places, const GArray *group_places)
{
  double best = INFINITY;
  for (guint i = 0; i < group_places->len; i++)
    for (guint j = i + 1; j < group_places->len; j++) {
      const Place *a = place_at(places, g_array_index(group_places, gint32, i));
      const Place *b = place_at(places, g_array_index(group_places, gint32, j));
      best = MIN(best, citynet_import_distance_km(a->latitude, a->longitude,
                                                  b->latitude, b->longitude));
    }
  return best;
}

static void
resolve_group(CitynetPlaces *places, guint32 group_index, CitynetImportReport *report)
{
  Group *group = group_at(places, group_index);
  GArray *group_places = g_array_new(FALSE, FALSE, sizeof(gint32));
  gboolean any_without = FALSE;
  for (guint i = 0; i < group->mentions->len; i++) {
    Mention *mention = mention_at(places, g_array_index(group->mentions, guint32, i));
    if (isnan(mention->latitude)) {
      any_without = TRUE;
      continue;
    }
    mention->place = nearest_place(places, group_places, mention->latitude, mention->longitude);
    if (mention->place < 0) {
      mention->place = new_place(places, group_index, mention->latitude, mention->longitude);
      g_array_append_val(group_places, mention->place);
    }
  }
  if (any_without && group_places->len <= 1) {
    gint32 only = group_places->len == 1 ? g_array_index(group_places, gint32, 0)
                                         : new_place(places, group_index, NAN, NAN);
    for (guint i = 0; i < group->mentions->len; i++) {
      Mention *mention = mention_at(places, g_array_index(group->mentions, guint32, i));
      if (isnan(mention->latitude))
        mention->place = only;
    }
  } else if (any_without) {
    GArray *lines = g_array_new(FALSE, FALSE, sizeof(guint));
    const char *name = NULL;
    for (guint i = 0; i < group->mentions->len; i++) {
      const Mention *mention = mention_at(places, g_array_index(group->mentions, guint32, i));
      if (isnan(mention->latitude)) {
        g_array_append_val(lines, mention->line);
        name = name != NULL ? name : mention->name;
      }
    }
    char *reason = g_strdup_printf("%u places named \"%s\" in %s (at least %.0f km apart) "
                                   "and no coordinates to choose one",
                                   group_places->len, name, group->iso3,
                                   min_distance(places, group_places));
    group->ambiguity = g_string_chunk_insert_const(places->strings, reason);
    citynet_import_report_ambiguous_add(report, name, group->iso3, reason,
                                        (const guint *) lines->data, lines->len);
    g_free(reason);
    g_array_unref(lines);
  }
  g_array_unref(group_places);
}

void
citynet_places_resolve(CitynetPlaces *places, CitynetImportReport *report)
{
  for (guint32 g = 0; g < places->groups->len; g++)
    resolve_group(places, g, report);
}

gint32
citynet_places_place_of(const CitynetPlaces *places, guint32 mention)
{
  return mention_at(places, mention)->place;
}

const char *
citynet_places_mention_name(const CitynetPlaces *places, guint32 mention)
{
  return mention_at(places, mention)->name;
}

const char *
citynet_places_mention_country(const CitynetPlaces *places, guint32 mention)
{
  return group_at(places, mention_at(places, mention)->group)->iso3;
}

const char *
citynet_places_ambiguity(const CitynetPlaces *places, guint32 mention)
{
  return group_at(places, mention_at(places, mention)->group)->ambiguity;
}

void
citynet_places_use(CitynetPlaces *places, guint32 mention)
{
  Mention *m = mention_at(places, mention);
  m->used = TRUE;
  if (m->place >= 0)
    place_at(places, m->place)->used = TRUE;
}

/* ------------------------------------------------------------------------ */
/* Gazetteer join                                                           */
/* ------------------------------------------------------------------------ */

static const GazetteerEntry *
gazetteer_entry(const CitynetGazetteer *gazetteer, guint32 index)
{
  return &g_array_index(gazetteer->entries, GazetteerEntry, index);
}

/* The lines of the used mentions of @place, ascending. */
static GArray *
place_lines(const CitynetPlaces *places, gint32 place)
{
  GArray *lines = g_array_new(FALSE, FALSE, sizeof(guint));
  const Group *group = group_at(places, place_at(places, place)->group);
  for (guint i = 0; i < group->mentions->len; i++) {
    const Mention *mention = mention_at(places, g_array_index(group->mentions, guint32, i));
    if (mention->used && mention->place == place &&
        (lines->len == 0 || g_array_index(lines, guint, lines->len - 1) != mention->line))
      g_array_append_val(lines, mention->line);
  }
  return lines;
}

static const char *
first_used_name(const CitynetPlaces *places, gint32 place)
{
  const Group *group = group_at(places, place_at(places, place)->group);
  for (guint i = 0; i < group->mentions->len; i++) {
    const Mention *mention = mention_at(places, g_array_index(group->mentions, guint32, i));
    if (mention->used && mention->place == place)
      return mention->name;
  }
  return group->key;
}

/* A place without coordinates takes the gazetteer's entry when all the
 * entries of its name lie within the threshold of each other (simplemaps
 * lists some towns twice, a kilometre apart); the most populous wins. */
static gint64
join_without_coordinates(CitynetPlaces *places, gint32 place,
                         const CitynetGazetteer *gazetteer, const GArray *candidates,
                         CitynetImportReport *report)
{
  double spread = 0.0;
  guint32 best = g_array_index(candidates, guint32, 0);
  for (guint i = 0; i < candidates->len; i++) {
    const GazetteerEntry *a = gazetteer_entry(gazetteer, g_array_index(candidates, guint32, i));
    for (guint j = i + 1; j < candidates->len; j++) {
      const GazetteerEntry *b = gazetteer_entry(gazetteer, g_array_index(candidates, guint32, j));
      spread = MAX(spread, citynet_import_distance_km(a->latitude, a->longitude,
                                                      b->latitude, b->longitude));
    }
    const GazetteerEntry *current = gazetteer_entry(gazetteer, best);
    if (!isnan(a->population) && (isnan(current->population) || a->population > current->population))
      best = g_array_index(candidates, guint32, i);
  }
  if (spread <= places->distance_km)
    return best;
  const Group *group = group_at(places, place_at(places, place)->group);
  const char *name = first_used_name(places, place);
  char *reason = g_strdup_printf("%u %s gazetteer entries named \"%s\" in %s up to %.0f km "
                                 "apart and no coordinates to choose one; left without "
                                 "gazetteer data", candidates->len,
                                 citynet_gazetteer_layout(gazetteer), name, group->iso3, spread);
  GArray *lines = place_lines(places, place);
  citynet_import_report_ambiguous_add(report, name, group->iso3, reason,
                                      (const guint *) lines->data, lines->len);
  g_array_unref(lines);
  g_free(reason);
  return -1;
}

static gint64
join_with_coordinates(const CitynetPlaces *places, const Place *place,
                      const CitynetGazetteer *gazetteer, const GArray *candidates)
{
  gint64 best = -1;
  double best_distance = places->distance_km;
  for (guint i = 0; i < candidates->len; i++) {
    guint32 index = g_array_index(candidates, guint32, i);
    const GazetteerEntry *entry = gazetteer_entry(gazetteer, index);
    double d = citynet_import_distance_km(place->latitude, place->longitude,
                                          entry->latitude, entry->longitude);
    if (d <= best_distance) {
      best_distance = d;
      best = index;
    }
  }
  return best;
}

void
citynet_places_join(CitynetPlaces *places, const CitynetGazetteer *gazetteer,
                    CitynetImportReport *report)
{
  if (gazetteer == NULL)
    return;
  for (guint i = 0; i < places->places->len; i++) {
    Place *place = place_at(places, (gint32) i);
    if (!place->used)
      continue;
    const Group *group = group_at(places, place->group);
    char *gkey = group_key(group->key, group->iso3);
    const GArray *candidates = g_hash_table_lookup(gazetteer->index, gkey);
    g_free(gkey);
    if (candidates == NULL)
      continue;
    place->gazetteer = isnan(place->latitude)
                           ? join_without_coordinates(places, (gint32) i, gazetteer, candidates,
                                                      report)
                           : join_with_coordinates(places, place, gazetteer, candidates);
    place->source = gazetteer;
  }
}

/* ------------------------------------------------------------------------ */
/* Nodes                                                                    */
/* ------------------------------------------------------------------------ */

static char *
place_id(const Group *group, guint ordinal)
{
  char *slug = citynet_import_slug(group->key);
  char *country = g_ascii_strdown(group->iso3, -1);
  char *id = ordinal <= 1 ? g_strdup_printf("%s-%s", slug, country)
                          : g_strdup_printf("%s-%s-%u", slug, country, ordinal);
  g_free(country);
  g_free(slug);
  return id;
}

/* Other spellings of the place, "; "-separated, for the alt_names
 * attribute (NULL when there are none). */
static char *
alt_names(const CitynetPlaces *places, gint32 place, const char *display)
{
  const Group *group = group_at(places, place_at(places, place)->group);
  GString *names = NULL;
  GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
  g_hash_table_add(seen, (gpointer) display);
  for (guint i = 0; i < group->mentions->len; i++) {
    const Mention *mention = mention_at(places, g_array_index(group->mentions, guint32, i));
    if (!mention->used || mention->place != place || !g_hash_table_add(seen, (gpointer) mention->name))
      continue;
    if (names == NULL)
      names = g_string_new(mention->name);
    else
      g_string_append_printf(names, "; %s", mention->name);
  }
  g_hash_table_unref(seen);
  return names != NULL ? g_string_free(names, FALSE) : NULL;
}

static gboolean
set_place_data(CitynetPlaces *places, gint32 index, CitynetNetwork *network,
               gsize node, const char *display, GError **error)
{
  const Place *place = place_at(places, index);
  const GazetteerEntry *entry =
      place->gazetteer >= 0 ? gazetteer_entry(place->source, (guint32) place->gazetteer) : NULL;
  double latitude = place->latitude, longitude = place->longitude;
  if (isnan(latitude) && entry != NULL) {
    latitude = entry->latitude;
    longitude = entry->longitude;
  }
  if (!isnan(latitude) &&
      !citynet_network_set_node_location(network, node, latitude, longitude, error))
    return FALSE;
  if (entry != NULL && !isnan(entry->population) &&
      !citynet_network_set_node_population(network, node, entry->population, error))
    return FALSE;
  char *alternatives = alt_names(places, index, display);
  gboolean ok = alternatives == NULL ||
                citynet_network_set_node_attribute(network, node, "alt_names", alternatives, error);
  g_free(alternatives);
  if (ok && entry != NULL) {
    char *source = entry->id != NULL
                       ? g_strdup_printf("%s id %s (%s)", citynet_gazetteer_layout(place->source),
                                         entry->id, entry->name)
                       : g_strdup_printf("%s (%s)", citynet_gazetteer_layout(place->source),
                                         entry->name);
    ok = citynet_network_set_node_attribute(network, node, "geo_source", source, error);
    g_free(source);
  }
  return ok;
}

gssize
citynet_places_emit(CitynetPlaces *places, gint32 index, CitynetNetwork *network,
                    GError **error)
{
  Place *place = place_at(places, index);
  if (place->node >= 0)
    return place->node;
  Group *group = group_at(places, place->group);
  const char *display = first_used_name(places, index);
  char *id = place_id(group, ++group->n_emitted);
  gssize node = citynet_network_add_node(network, id, CITYNET_KIND_CITY, display, group->iso3,
                                         error);
  g_free(id);
  if (node < 0 || !set_place_data(places, index, network, (gsize) node, display, error))
    return -1;
  place->node = node;
  return node;
}

/* Every spelling of an emitted place other than its display name, with
 * how many used mentions spelled it so and the first line. */
static void
report_variants(const CitynetPlaces *places, gint32 index, const CitynetNetwork *network,
                CitynetImportReport *report)
{
  const Place *place = place_at(places, index);
  const Group *group = group_at(places, place->group);
  const char *display = citynet_network_node_name(network, (gsize) place->node);
  const char *id = citynet_network_node_id(network, (gsize) place->node);
  GHashTable *counts = g_hash_table_new(g_str_hash, g_str_equal);
  GPtrArray *order = g_ptr_array_new();
  GHashTable *first = g_hash_table_new(g_str_hash, g_str_equal);
  for (guint i = 0; i < group->mentions->len; i++) {
    const Mention *mention = mention_at(places, g_array_index(group->mentions, guint32, i));
    if (!mention->used || mention->place != index || strcmp(mention->name, display) == 0)
      continue;
    gsize n = GPOINTER_TO_SIZE(g_hash_table_lookup(counts, mention->name));
    if (n == 0) {
      g_ptr_array_add(order, (gpointer) mention->name);
      g_hash_table_insert(first, (gpointer) mention->name, GUINT_TO_POINTER(mention->line));
    }
    g_hash_table_insert(counts, (gpointer) mention->name, GSIZE_TO_POINTER(n + 1));
  }
  for (guint i = 0; i < order->len; i++) {
    const char *variant = g_ptr_array_index(order, i);
    citynet_import_report_name_merge_add(
        report, id, display, variant, GPOINTER_TO_UINT(g_hash_table_lookup(first, variant)),
        GPOINTER_TO_SIZE(g_hash_table_lookup(counts, variant)));
  }
  g_ptr_array_unref(order);
  g_hash_table_unref(first);
  g_hash_table_unref(counts);
}

static void
report_split(const CitynetPlaces *places, guint32 group_index, const CitynetNetwork *network,
             CitynetImportReport *report)
{
  const Group *group = group_at(places, group_index);
  if (group->n_emitted < 2)
    return;
  GArray *emitted = g_array_new(FALSE, FALSE, sizeof(gint32));
  GPtrArray *ids = g_ptr_array_new();
  for (guint i = 0; i < places->places->len; i++) {
    const Place *place = place_at(places, (gint32) i);
    if (place->group == group_index && place->node >= 0) {
      gint32 index = (gint32) i;
      g_array_append_val(emitted, index);
    }
  }
  /* List the ids in node order, which is the order of their suffixes. */
  for (guint i = 0; i < emitted->len; i++)
    for (guint j = i + 1; j < emitted->len; j++)
      if (place_at(places, g_array_index(emitted, gint32, j))->node <
          place_at(places, g_array_index(emitted, gint32, i))->node) {
        gint32 swap = g_array_index(emitted, gint32, i);
        g_array_index(emitted, gint32, i) = g_array_index(emitted, gint32, j);
        g_array_index(emitted, gint32, j) = swap;
      }
  for (guint i = 0; i < emitted->len; i++)
    g_ptr_array_add(ids, (gpointer) citynet_network_node_id(
                             network, (gsize) place_at(places, g_array_index(emitted, gint32, i))->node));
  g_ptr_array_add(ids, NULL);
  const char *name = citynet_network_node_name(
      network, (gsize) place_at(places, g_array_index(emitted, gint32, 0))->node);
  citynet_import_report_split_add(report, name, group->iso3, (const char *const *) ids->pdata,
                                  min_distance(places, emitted));
  g_ptr_array_unref(ids);
  g_array_unref(emitted);
}

gsize
citynet_places_finish(CitynetPlaces *places, CitynetNetwork *network,
                      CitynetImportReport *report)
{
  gsize matches = 0;
  /* Merges are listed in node order: the order a reader meets them. */
  GArray *by_node = g_array_new(FALSE, FALSE, sizeof(gint32));
  for (guint i = 0; i < places->places->len; i++)
    if (place_at(places, (gint32) i)->node >= 0) {
      gint32 index = (gint32) i;
      g_array_append_val(by_node, index);
      if (place_at(places, index)->gazetteer >= 0)
        matches++;
    }
  GArray *order = g_array_new(FALSE, TRUE, sizeof(gint32));
  g_array_set_size(order, citynet_network_n_nodes(network));
  for (guint i = 0; i < order->len; i++)
    g_array_index(order, gint32, i) = -1;
  for (guint i = 0; i < by_node->len; i++) {
    gint32 index = g_array_index(by_node, gint32, i);
    g_array_index(order, gint32, place_at(places, index)->node) = index;
  }
  for (guint i = 0; i < order->len; i++)
    if (g_array_index(order, gint32, i) >= 0)
      report_variants(places, g_array_index(order, gint32, i), network, report);
  for (guint32 g = 0; g < places->groups->len; g++)
    report_split(places, g, network, report);
  g_array_unref(order);
  g_array_unref(by_node);
  return matches;
}
