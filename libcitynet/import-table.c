/* libcitynet - the import driver shared by pair and membership lists.
 *
 * An import runs in three passes so that no decision depends on row order:
 *   1. read every row, validate its cells, resolve its countries and record
 *      its city mentions (rejecting what cannot be read);
 *   2. group the mentions into places (import-identity.c), then decide each
 *      row: ambiguous place or self-tie -> rejected, same tie as an earlier
 *      row -> merged, else kept;
 *   3. build the network from the kept rows: city nodes in order of first
 *      use, then organisations, then countries, then ties.
 * Every row ends in exactly one of kept, merged or rejected. */
#include <math.h>
#include <string.h>

#include "import-private.h"
#include "progress-private.h"

typedef struct {
  guint line;
  guint32 source;       /* mention */
  guint32 target;       /* mention, or G_MAXUINT32 for an organisation */
  guint32 organisation;
  CitynetImportTieFields fields; /* ref points into the import's strings */
  double weight;
  const char *role;     /* in the import's strings, NULL when none */
  gint32 draft;         /* the tie it made or joined; -1 when rejected */
} PendingRow;

typedef struct {
  const char *iso3;
  CitynetCountryRule rule;
} CountryHit;

typedef struct {
  guint32 row;          /* the first row naming it */
  guint count;
} TieDraft;

typedef struct {
  const char *name;     /* first spelling */
  const char *key;
  gssize node;
  GPtrArray *spellings; /* const char*, first-use order (excluding name) */
  GHashTable *counts;   /* spelling -> GSIZE_TO_POINTER(rows) */
  GHashTable *firsts;   /* spelling -> GUINT_TO_POINTER(first line) */
} Organisation;

struct _CitynetImport {
  const CitynetImportKind *kind;
  const CitynetImportOptions *options;
  const char *path;
  CitynetImportReader reader;
  gboolean reader_open;
  CitynetCountryResolver *resolver;
  CitynetGazetteer *gazetteer;
  CitynetDistricts *districts;
  CitynetPlaces *places;
  CitynetImportReport *report;
  GStringChunk *strings;

  int columns[CITYNET_IMPORT_N_COLUMNS];  /* -1 when absent */
  char *headers[CITYNET_IMPORT_N_COLUMNS];
  guint n_header;
  GArray *cells;        /* char* per column of the current row (trimmed copies) */

  GArray *rows;         /* PendingRow */
  GArray *drafts;       /* TieDraft */
  GHashTable *draft_index; /* tie key -> GUINT_TO_POINTER(draft + 1) */
  GHashTable *country_cache; /* cell -> CountryHit*: a file names few countries */
  GHashTable *key_cache;     /* name -> key: and each city many times */
  GPtrArray *organisations; /* Organisation* */
  GHashTable *organisation_index; /* key -> GUINT_TO_POINTER(index + 1) */
  const char *layer;
  gboolean directed;
};

/* ------------------------------------------------------------------------ */
/* Life cycle                                                               */
/* ------------------------------------------------------------------------ */

static void
organisation_free(gpointer data)
{
  Organisation *organisation = data;
  g_ptr_array_unref(organisation->spellings);
  g_hash_table_unref(organisation->counts);
  g_hash_table_unref(organisation->firsts);
  g_free(organisation);
}

static void
free_cells(CitynetImport *import)
{
  for (guint i = 0; i < import->cells->len; i++)
    g_free(g_array_index(import->cells, char *, i));
  g_array_set_size(import->cells, 0);
}

static void
import_clear(CitynetImport *import)
{
  if (import->reader_open)
    citynet_import_reader_clear(&import->reader);
  citynet_country_resolver_free(import->resolver);
  citynet_gazetteer_free(import->gazetteer);
  citynet_districts_free(import->districts);
  citynet_places_free(import->places);
  citynet_import_report_free(import->report);
  g_string_chunk_free(import->strings);
  for (gsize i = 0; i < CITYNET_IMPORT_N_COLUMNS; i++)
    g_free(import->headers[i]);
  free_cells(import);
  g_array_unref(import->cells);
  g_array_unref(import->rows);
  g_array_unref(import->drafts);
  g_hash_table_unref(import->draft_index);
  g_hash_table_unref(import->country_cache);
  g_hash_table_unref(import->key_cache);
  g_ptr_array_unref(import->organisations);
  g_hash_table_unref(import->organisation_index);
}

static void
import_init(CitynetImport *import, const CitynetImportKind *kind, const char *path,
            const CitynetImportOptions *options)
{
  memset(import, 0, sizeof(*import));
  import->kind = kind;
  import->options = options;
  import->path = path;
  import->strings = g_string_chunk_new(64 * 1024);
  import->cells = g_array_new(FALSE, FALSE, sizeof(char *));
  import->rows = g_array_new(FALSE, FALSE, sizeof(PendingRow));
  import->drafts = g_array_new(FALSE, FALSE, sizeof(TieDraft));
  import->draft_index = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  import->country_cache = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
  import->key_cache = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
  import->organisations = g_ptr_array_new_with_free_func(organisation_free);
  import->organisation_index = g_hash_table_new(g_str_hash, g_str_equal);
  import->layer = options->layer != NULL ? options->layer : kind->default_layer;
  import->directed = options->directed >= 0 ? options->directed != 0 : kind->default_directed;
  for (gsize i = 0; i < CITYNET_IMPORT_N_COLUMNS; i++)
    import->columns[i] = -1;
}

/* Loads the files the options name (aliases first: the others resolve
 * countries through them). */
static gboolean
load_side_files(CitynetImport *import, GError **error)
{
  const CitynetImportOptions *options = import->options;
  import->resolver = citynet_country_resolver_new(options->country_aliases, error);
  if (import->resolver == NULL)
    return FALSE;
  if (options->districts != NULL &&
      (import->districts = citynet_districts_load(options->districts, import->resolver,
                                                  error)) == NULL)
    return FALSE;
  if (options->gazetteer != NULL &&
      (import->gazetteer = citynet_gazetteer_load(options->gazetteer, options->gazetteer_layout,
                                                  import->resolver, error)) == NULL)
    return FALSE;
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Header                                                                   */
/* ------------------------------------------------------------------------ */

static int
header_index(const CitynetImport *import, const char *name)
{
  char *wanted = citynet_import_key(name, FALSE);
  int found = -1;
  for (guint i = 0; i < import->n_header && found < 0; i++) {
    char *key = citynet_import_key(citynet_import_reader_field(&import->reader, i), FALSE);
    if (key[0] != '\0' && strcmp(key, wanted) == 0)
      found = (int) i;
    g_free(key);
  }
  g_free(wanted);
  return found;
}

static const char *const column_labels[CITYNET_IMPORT_N_COLUMNS] = {
  "source city", "source country", "source latitude", "source longitude",
  "target city", "target country", "target latitude", "target longitude",
  "organisation", "role", "start", "end", "weight", "ref",
};

static gboolean
find_column(CitynetImport *import, CitynetImportColumn column, GError **error)
{
  const char *chosen = import->options->columns[column];
  const char *const *defaults = import->kind->defaults[column];
  gboolean required = (import->kind->required & (1u << column)) != 0;
  if (defaults == NULL && chosen == NULL)
    return TRUE;
  if (chosen != NULL && chosen[0] == '\0' && !required)
    return TRUE; /* "no such column" */
  if (chosen != NULL) {
    import->columns[column] = header_index(import, chosen);
  } else {
    for (gsize i = 0; defaults[i] != NULL && import->columns[column] < 0; i++)
      import->columns[column] = header_index(import, defaults[i]);
  }
  if (import->columns[column] >= 0) {
    import->headers[column] = g_strdup(
        citynet_import_reader_field(&import->reader, (guint) import->columns[column]));
    return TRUE;
  }
  if (chosen == NULL && !required)
    return TRUE;
  char *message = chosen != NULL
                      ? g_strdup_printf("no column \"%s\" (the %s column) in the header",
                                        chosen, column_labels[column])
                      : g_strdup_printf("no %s column: the header has none of \"%s\"; "
                                        "name it with the column options",
                                        column_labels[column], defaults[0]);
  citynet_set_data_error(error, import->path, import->reader.row_line, 0, 1, message);
  g_free(message);
  return FALSE;
}

/* Latitude and longitude come as a pair or not at all. */
static gboolean
check_coordinate_pair(CitynetImport *import, CitynetImportColumn lat,
                      CitynetImportColumn lon, GError **error)
{
  if ((import->columns[lat] < 0) == (import->columns[lon] < 0))
    return TRUE;
  char *message = g_strdup_printf("found the %s column \"%s\" but no %s column",
                                  column_labels[import->columns[lat] >= 0 ? lat : lon],
                                  import->headers[import->columns[lat] >= 0 ? lat : lon],
                                  column_labels[import->columns[lat] >= 0 ? lon : lat]);
  citynet_set_data_error(error, import->path, import->reader.row_line, 0, 1, message);
  g_free(message);
  return FALSE;
}

static gboolean
read_header(CitynetImport *import, GError **error)
{
  if (citynet_import_reader_next(&import->reader) != CITYNET_IMPORT_ROW) {
    citynet_set_data_error(error, import->path, 1, 0, 1,
                           import->reader.problem != NULL ? import->reader.problem
                                                          : "the file is empty: no header row");
    return FALSE;
  }
  import->n_header = citynet_import_reader_n_fields(&import->reader);
  for (gsize c = 0; c < CITYNET_IMPORT_N_COLUMNS; c++)
    if (!find_column(import, (CitynetImportColumn) c, error))
      return FALSE;
  return check_coordinate_pair(import, CITYNET_IMPORT_COLUMN_SOURCE_LATITUDE,
                               CITYNET_IMPORT_COLUMN_SOURCE_LONGITUDE, error) &&
         check_coordinate_pair(import, CITYNET_IMPORT_COLUMN_TARGET_LATITUDE,
                               CITYNET_IMPORT_COLUMN_TARGET_LONGITUDE, error);
}

/* ------------------------------------------------------------------------ */
/* Cells                                                                    */
/* ------------------------------------------------------------------------ */

/* Trims ASCII blanks and no-break spaces (spreadsheets pad with U+00A0). */
static char *
trim_cell(const char *text)
{
  const char *start = text;
  const char *end = text + strlen(text);
  for (;;) {
    if (start < end && (*start == ' ' || *start == '\t'))
      start++;
    else if (end - start >= 2 && (guchar) start[0] == 0xC2 && (guchar) start[1] == 0xA0)
      start += 2;
    else
      break;
  }
  for (;;) {
    if (end > start && (end[-1] == ' ' || end[-1] == '\t'))
      end--;
    else if (end - start >= 2 && (guchar) end[-2] == 0xC2 && (guchar) end[-1] == 0xA0)
      end -= 2;
    else
      break;
  }
  return g_strndup(start, (gsize) (end - start));
}

static void
load_cells(CitynetImport *import)
{
  free_cells(import);
  for (gsize c = 0; c < CITYNET_IMPORT_N_COLUMNS; c++) {
    char *cell = import->columns[c] >= 0
                     ? trim_cell(citynet_import_reader_field(&import->reader,
                                                             (guint) import->columns[c]))
                     : g_strdup("");
    g_array_append_val(import->cells, cell);
  }
}

const char *
citynet_import_cell(const CitynetImport *import, CitynetImportColumn column)
{
  return g_array_index(import->cells, char *, column);
}

const char *
citynet_import_header(const CitynetImport *import, CitynetImportColumn column)
{
  return import->headers[column] != NULL ? import->headers[column] : column_labels[column];
}

gboolean
citynet_import_has_column(const CitynetImport *import, CitynetImportColumn column)
{
  return import->columns[column] >= 0;
}

const CitynetImportOptions *
citynet_import_options(const CitynetImport *import)
{
  return import->options;
}

void
citynet_import_city_clear(CitynetImportCity *city)
{
  g_clear_pointer(&city->name, g_free);
  g_clear_pointer(&city->key, g_free);
}

gboolean
citynet_import_read_name(CitynetImport *import, CitynetImportColumn column,
                         char **name, char **key, GString *reason)
{
  const char *cell = citynet_import_cell(import, column);
  const char *header = citynet_import_header(import, column);
  *name = NULL;
  *key = NULL;
  if (cell[0] == '\0') {
    g_string_printf(reason, "empty %s (column \"%s\")", column_labels[column], header);
    return FALSE;
  }
  if (!citynet_text_is_clean(cell, -1)) {
    g_string_printf(reason, "control characters in the %s (column \"%s\")",
                    column_labels[column], header);
    return FALSE;
  }
  *name = g_utf8_normalize(cell, -1, G_NORMALIZE_DEFAULT_COMPOSE);
  const char *cached = g_hash_table_lookup(import->key_cache, *name);
  if (cached == NULL) {
    char *computed = citynet_import_key(*name, FALSE);
    g_hash_table_insert(import->key_cache, g_strdup(*name), computed);
    cached = computed;
  }
  *key = g_strdup(cached);
  if ((*key)[0] == '\0') {
    g_string_printf(reason, "the %s \"%s\" has no letters or digits", column_labels[column],
                    *name);
    g_clear_pointer(name, g_free);
    g_clear_pointer(key, g_free);
    return FALSE;
  }
  return TRUE;
}

static gboolean
read_country(CitynetImport *import, CitynetImportColumn column, const char *city,
             const char **iso3, GString *reason)
{
  const char *cell = citynet_import_cell(import, column);
  CountryHit *hit = g_hash_table_lookup(import->country_cache, cell);
  if (hit == NULL) {
    hit = g_new(CountryHit, 1);
    hit->iso3 = citynet_country_resolver_lookup(import->resolver, cell, &hit->rule);
    g_hash_table_insert(import->country_cache, g_strdup(cell), hit);
  }
  *iso3 = hit->iso3;
  citynet_import_report_country_use(import->report, cell, *iso3, hit->rule,
                                    import->reader.row_line);
  if (*iso3 != NULL)
    return TRUE;
  if (reason->len > 0)
    return FALSE; /* keep the first reason */
  if (cell[0] == '\0')
    g_string_printf(reason, "empty country (column \"%s\") for \"%s\"",
                    citynet_import_header(import, column), city != NULL ? city : "");
  else
    g_string_printf(reason, "unmatched country \"%s\" (column \"%s\")", cell,
                    citynet_import_header(import, column));
  return FALSE;
}

static gboolean
read_number(CitynetImport *import, CitynetImportColumn column, double *out,
            GString *reason)
{
  const char *cell = citynet_import_cell(import, column);
  if (!citynet_import_parse_number(cell, import->options->decimal, out) || !isfinite(*out)) {
    g_string_printf(reason, "%s \"%s\" (column \"%s\") is not a number", column_labels[column],
                    cell, citynet_import_header(import, column));
    return FALSE;
  }
  return TRUE;
}

static gboolean
read_coordinates(CitynetImport *import, CitynetImportColumn lat, CitynetImportColumn lon,
                 double *latitude, double *longitude, GString *reason)
{
  *latitude = *longitude = NAN;
  if (!citynet_import_has_column(import, lat))
    return TRUE;
  gboolean has_lat = citynet_import_cell(import, lat)[0] != '\0';
  gboolean has_lon = citynet_import_cell(import, lon)[0] != '\0';
  if (!has_lat && !has_lon)
    return TRUE;
  if (has_lat != has_lon) {
    g_string_printf(reason, "%s without %s", column_labels[has_lat ? lat : lon],
                    column_labels[has_lat ? lon : lat]);
    return FALSE;
  }
  double y, x;
  if (!read_number(import, lat, &y, reason) || !read_number(import, lon, &x, reason))
    return FALSE;
  if (fabs(y) > 90.0 || fabs(x) > 180.0) {
    g_string_printf(reason, "coordinates (%s, %s) out of range", citynet_import_cell(import, lat),
                    citynet_import_cell(import, lon));
    return FALSE;
  }
  *latitude = y;
  *longitude = x;
  return TRUE;
}

gboolean
citynet_import_read_city(CitynetImport *import, CitynetImportColumn city,
                         CitynetImportColumn country, CitynetImportColumn latitude,
                         CitynetImportColumn longitude, CitynetImportCity *out,
                         GString *reason)
{
  memset(out, 0, sizeof(*out));
  gsize had_reason = reason->len;
  GString *name_reason = g_string_new(NULL);
  gboolean named = citynet_import_read_name(import, city, &out->name, &out->key, name_reason);
  if (!named && had_reason == 0)
    g_string_assign(reason, name_reason->str);
  g_string_free(name_reason, TRUE);
  /* The country is resolved even for a row already lost, so that the
   * unmatched-country list names every row it affects. */
  gboolean located = read_country(import, country, out->name != NULL
                                                       ? out->name
                                                       : citynet_import_cell(import, city),
                                  &out->iso3, reason);
  if (!named || !located || reason->len > had_reason || had_reason > 0)
    return FALSE;
  return read_coordinates(import, latitude, longitude, &out->latitude, &out->longitude, reason);
}

static gboolean
read_date(CitynetImport *import, CitynetImportColumn column, CitynetDate *out,
          GString *reason)
{
  const char *cell = citynet_import_cell(import, column);
  if (!citynet_date_parse_len(cell, strlen(cell), out)) {
    g_string_printf(reason, "%s date \"%s\" (column \"%s\") is not YYYY, YYYY-MM or YYYY-MM-DD",
                    column_labels[column], cell, citynet_import_header(import, column));
    return FALSE;
  }
  return TRUE;
}

gboolean
citynet_import_read_tie_fields(CitynetImport *import, CitynetImportTieFields *out,
                               GString *reason)
{
  out->start = out->end = CITYNET_DATE_OPEN;
  out->weight = NAN;
  out->ref = NULL;
  if (!read_date(import, CITYNET_IMPORT_COLUMN_START, &out->start, reason) ||
      !read_date(import, CITYNET_IMPORT_COLUMN_END, &out->end, reason))
    return FALSE;
  if (out->start != CITYNET_DATE_OPEN && out->end != CITYNET_DATE_OPEN &&
      citynet_date_last_day(out->end) < citynet_date_first_day(out->start)) {
    g_string_printf(reason, "end %s is before start %s",
                    citynet_import_cell(import, CITYNET_IMPORT_COLUMN_END),
                    citynet_import_cell(import, CITYNET_IMPORT_COLUMN_START));
    return FALSE;
  }
  if (citynet_import_cell(import, CITYNET_IMPORT_COLUMN_WEIGHT)[0] != '\0') {
    if (!read_number(import, CITYNET_IMPORT_COLUMN_WEIGHT, &out->weight, reason))
      return FALSE;
    if (!(out->weight > 0.0)) {
      g_string_printf(reason, "weight %s is not > 0",
                      citynet_import_cell(import, CITYNET_IMPORT_COLUMN_WEIGHT));
      return FALSE;
    }
  }
  const char *ref = citynet_import_cell(import, CITYNET_IMPORT_COLUMN_REF);
  if (ref[0] != '\0') {
    if (!citynet_text_is_clean(ref, -1)) {
      g_string_assign(reason, "control characters in the ref");
      return FALSE;
    }
    out->ref = ref;
  }
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Recording rows                                                           */
/* ------------------------------------------------------------------------ */

guint32
citynet_import_add_city(CitynetImport *import, CitynetImportCity *city)
{
  const char *metropolis = citynet_districts_lookup(import->districts, city->key, city->iso3);
  if (metropolis != NULL) {
    citynet_import_report_district_add(import->report, city->name, city->iso3, metropolis, 1);
    /* The district's coordinates are not the metropolis'. */
    g_free(city->name);
    g_free(city->key);
    city->name = g_strdup(metropolis);
    city->key = citynet_import_key(metropolis, FALSE);
    city->latitude = city->longitude = NAN;
  }
  return citynet_places_add(import->places, city->name, city->key, city->iso3, city->latitude,
                            city->longitude, import->reader.row_line);
}

guint32
citynet_import_add_organisation(CitynetImport *import, const char *name, const char *key)
{
  gpointer found = g_hash_table_lookup(import->organisation_index, key);
  Organisation *organisation;
  guint32 index;
  if (found == NULL) {
    organisation = g_new0(Organisation, 1);
    organisation->name = g_string_chunk_insert_const(import->strings, name);
    organisation->key = g_string_chunk_insert_const(import->strings, key);
    organisation->node = -1;
    organisation->spellings = g_ptr_array_new();
    organisation->counts = g_hash_table_new(g_str_hash, g_str_equal);
    organisation->firsts = g_hash_table_new(g_str_hash, g_str_equal);
    index = import->organisations->len;
    g_ptr_array_add(import->organisations, organisation);
    g_hash_table_insert(import->organisation_index, (gpointer) organisation->key,
                        GUINT_TO_POINTER(index + 1));
  } else {
    index = GPOINTER_TO_UINT(found) - 1;
    organisation = g_ptr_array_index(import->organisations, index);
  }
  if (strcmp(name, organisation->name) != 0) {
    const char *spelling = g_string_chunk_insert_const(import->strings, name);
    gsize n = GPOINTER_TO_SIZE(g_hash_table_lookup(organisation->counts, spelling));
    if (n == 0) {
      g_ptr_array_add(organisation->spellings, (gpointer) spelling);
      g_hash_table_insert(organisation->firsts, (gpointer) spelling,
                          GUINT_TO_POINTER(import->reader.row_line));
    }
    g_hash_table_insert(organisation->counts, (gpointer) spelling, GSIZE_TO_POINTER(n + 1));
  }
  return index;
}

void
citynet_import_add_row(CitynetImport *import, guint32 source, guint32 target,
                       guint32 organisation, const CitynetImportTieFields *fields,
                       double weight, const char *role)
{
  PendingRow row = {
    .line = import->reader.row_line,
    .source = source,
    .target = target,
    .organisation = organisation,
    .fields = *fields,
    .weight = weight,
    .role = role != NULL ? g_string_chunk_insert_const(import->strings, role) : NULL,
    .draft = -1,
  };
  if (fields->ref != NULL)
    row.fields.ref = g_string_chunk_insert_const(import->strings, fields->ref);
  g_array_append_val(import->rows, row);
}

/* ------------------------------------------------------------------------ */
/* Pass 1: reading                                                          */
/* ------------------------------------------------------------------------ */

/* Trailing empty cells are tolerated (spreadsheets add them); any other
 * difference from the header means the columns cannot be trusted. */
static gboolean
check_width(CitynetImport *import, GString *reason)
{
  guint n = citynet_import_reader_n_fields(&import->reader);
  while (n > import->n_header && citynet_import_reader_field(&import->reader, n - 1)[0] == '\0')
    n--;
  gboolean empty = TRUE;
  for (guint i = 0; i < n && empty; i++)
    empty = citynet_import_reader_field(&import->reader, i)[0] == '\0';
  if (empty) {
    g_string_assign(reason, "empty row");
    return FALSE;
  }
  if (n == import->n_header)
    return TRUE;
  g_string_printf(reason, "the row has %u fields, the header %u%s", n, import->n_header,
                  n > import->n_header ? " (an unquoted delimiter inside a value?)" : "");
  return FALSE;
}

/* Progress (CitynetProgressFunc): pass 1 by the bytes of the input read,
 * passes 2 and 3 by the rows decided. */
#define READ_PROGRESS "Importing rows"
#define DECIDE_PROGRESS "Matching places"
/* Rows between two reports of pass 1 (a row costs a few microseconds). */
#define PROGRESS_ROWS 4096u

/* Reports the share of the rows' bytes (those after the header, from
 * @first) read. Returns FALSE when the progress handler cancelled. */
static gboolean
report_read(const CitynetImport *import, gsize first)
{
  gsize rows = import->reader.length - first;
  return citynet_progress_report(READ_PROGRESS,
                                 rows > 0 ? (double) (import->reader.pos - first) / (double) rows
                                          : 1.0);
}

/* Returns FALSE when the progress handler cancelled. */
static gboolean
read_rows(CitynetImport *import)
{
  const gsize first = import->reader.pos;
  if (!citynet_progress_report(READ_PROGRESS, 0.0))
    return FALSE;
  GString *reason = g_string_new(NULL);
  CitynetImportRowStatus status;
  guint countdown = PROGRESS_ROWS;
  gboolean going = TRUE;
  while (going &&
         (status = citynet_import_reader_next(&import->reader)) != CITYNET_IMPORT_END) {
    if (--countdown == 0) {
      countdown = PROGRESS_ROWS;
      going = report_read(import, first);
    }
    citynet_import_report_count_row(import->report);
    g_string_truncate(reason, 0);
    if (status == CITYNET_IMPORT_BAD) {
      citynet_import_report_reject(import->report, import->reader.row_line,
                                   import->reader.problem);
      continue;
    }
    if (!check_width(import, reason)) {
      citynet_import_report_reject(import->report, import->reader.row_line, reason->str);
      continue;
    }
    load_cells(import);
    if (!import->kind->read_row(import, reason))
      citynet_import_report_reject(import->report, import->reader.row_line, reason->str);
  }
  g_string_free(reason, TRUE);
  return going && citynet_progress_report(READ_PROGRESS, 1.0);
}

/* ------------------------------------------------------------------------ */
/* Pass 2: deciding                                                         */
/* ------------------------------------------------------------------------ */

static char *
tie_key(const CitynetImport *import, const PendingRow *row, gint32 a, gint64 b)
{
  gint64 first = a, second = b;
  if (!import->directed && second < first) {
    first = b;
    second = a;
  }
  return g_strdup_printf("%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT ",%u,%u,%s", first, second,
                         row->fields.start, row->fields.end, row->role ? row->role : "");
}

static gboolean
ambiguous(CitynetImport *import, const PendingRow *row, guint32 mention)
{
  if (citynet_places_place_of(import->places, mention) >= 0)
    return FALSE;
  char *reason = g_strdup_printf("ambiguous place: %s",
                                 citynet_places_ambiguity(import->places, mention));
  citynet_import_report_reject(import->report, row->line, reason);
  g_free(reason);
  return TRUE;
}

static void
decide_row(CitynetImport *import, PendingRow *row)
{
  gboolean to_city = row->target != G_MAXUINT32;
  if (ambiguous(import, row, row->source) || (to_city && ambiguous(import, row, row->target)))
    return;
  gint32 a = citynet_places_place_of(import->places, row->source);
  /* Organisations are numbered after every possible place. */
  gint64 b = to_city ? citynet_places_place_of(import->places, row->target)
                     : (gint64) G_MAXINT32 + 1 + row->organisation;
  if (a == b) {
    char *reason = g_strdup_printf("both sides are the same place, \"%s\" and \"%s\" (%s): "
                                   "a tie needs two places",
                                   citynet_places_mention_name(import->places, row->source),
                                   citynet_places_mention_name(import->places, row->target),
                                   citynet_places_mention_country(import->places, row->source));
    citynet_import_report_reject(import->report, row->line, reason);
    g_free(reason);
    return;
  }
  char *key = tie_key(import, row, a, b);
  gpointer found = g_hash_table_lookup(import->draft_index, key);
  if (found != NULL) {
    row->draft = (gint32) GPOINTER_TO_UINT(found) - 1;
    g_array_index(import->drafts, TieDraft, row->draft).count++;
    citynet_import_report_merge(import->report);
    g_free(key);
  } else {
    TieDraft draft = {(guint32) (row - (PendingRow *) import->rows->data), 1};
    row->draft = (gint32) import->drafts->len;
    g_array_append_val(import->drafts, draft);
    g_hash_table_insert(import->draft_index, key, GUINT_TO_POINTER(import->drafts->len));
    citynet_import_report_keep(import->report);
  }
  citynet_places_use(import->places, row->source);
  if (to_city)
    citynet_places_use(import->places, row->target);
}

/* ------------------------------------------------------------------------ */
/* Pass 3: building                                                         */
/* ------------------------------------------------------------------------ */

static gboolean
emit_cities(CitynetImport *import, CitynetNetwork *network, GError **error)
{
  for (guint i = 0; i < import->drafts->len; i++) {
    const PendingRow *row = &g_array_index(import->rows, PendingRow,
                                           g_array_index(import->drafts, TieDraft, i).row);
    if (citynet_places_emit(import->places, citynet_places_place_of(import->places, row->source),
                            network, error) < 0)
      return FALSE;
    if (row->target != G_MAXUINT32 &&
        citynet_places_emit(import->places, citynet_places_place_of(import->places, row->target),
                            network, error) < 0)
      return FALSE;
  }
  return TRUE;
}

/* Organisation ids are the slug of their name; one that a city already
 * holds gets "-org" (and a number if even that is taken). */
static char *
organisation_id(const CitynetNetwork *network, const char *key)
{
  char *slug = citynet_import_slug(key);
  if (citynet_network_node_index(network, slug) < 0)
    return slug;
  char *id = g_strconcat(slug, "-org", NULL);
  for (guint n = 2; citynet_network_node_index(network, id) >= 0; n++) {
    g_free(id);
    id = g_strdup_printf("%s-org-%u", slug, n);
  }
  g_free(slug);
  return id;
}

static gboolean
emit_organisation(CitynetImport *import, Organisation *organisation, CitynetNetwork *network,
                  GError **error)
{
  char *id = organisation_id(network, organisation->key);
  organisation->node = citynet_network_add_node(network, id, CITYNET_KIND_ORGANISATION,
                                                organisation->name, NULL, error);
  if (organisation->node >= 0) {
    for (guint i = 0; i < organisation->spellings->len; i++) {
      const char *spelling = g_ptr_array_index(organisation->spellings, i);
      citynet_import_report_name_merge_add(
          import->report, id, organisation->name, spelling,
          GPOINTER_TO_UINT(g_hash_table_lookup(organisation->firsts, spelling)),
          GPOINTER_TO_SIZE(g_hash_table_lookup(organisation->counts, spelling)));
    }
    if (organisation->spellings->len > 0) {
      g_ptr_array_add(organisation->spellings, NULL);
      char *names = g_strjoinv("; ", (char **) organisation->spellings->pdata);
      g_ptr_array_remove_index(organisation->spellings, organisation->spellings->len - 1);
      citynet_network_set_node_attribute(network, (gsize) organisation->node, "alt_names",
                                         names, NULL);
      g_free(names);
    }
  }
  g_free(id);
  return organisation->node >= 0;
}

static gboolean
emit_organisations(CitynetImport *import, CitynetNetwork *network, GError **error)
{
  for (guint i = 0; i < import->drafts->len; i++) {
    const PendingRow *row = &g_array_index(import->rows, PendingRow,
                                           g_array_index(import->drafts, TieDraft, i).row);
    if (row->target != G_MAXUINT32)
      continue;
    Organisation *organisation = g_ptr_array_index(import->organisations, row->organisation);
    if (organisation->node < 0 && !emit_organisation(import, organisation, network, error))
      return FALSE;
  }
  return TRUE;
}

static gint
compare_codes(gconstpointer a, gconstpointer b)
{
  return strcmp(*(const char *const *) a, *(const char *const *) b);
}

/* Every country a node uses, declared in code order with its English
 * name (a user alias' own code keeps the code as its name). */
static gboolean
declare_countries(CitynetNetwork *network, GError **error)
{
  GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
  GPtrArray *codes = g_ptr_array_new();
  for (gsize i = 0; i < citynet_network_n_nodes(network); i++) {
    const char *code = citynet_network_node_country(network, i);
    if (code != NULL && g_hash_table_add(seen, (gpointer) code))
      g_ptr_array_add(codes, (gpointer) code);
  }
  g_ptr_array_sort(codes, compare_codes);
  gboolean ok = TRUE;
  for (guint i = 0; i < codes->len && ok; i++) {
    const char *code = g_ptr_array_index(codes, i);
    ok = citynet_network_add_country(network, code, citynet_country_name(code), error) >= 0;
  }
  g_ptr_array_unref(codes);
  g_hash_table_unref(seen);
  return ok;
}

static gsize
node_of(const CitynetImport *import, const PendingRow *row, gboolean target)
{
  if (!target)
    return (gsize) citynet_places_emit(import->places,
                                       citynet_places_place_of(import->places, row->source),
                                       NULL, NULL);
  if (row->target != G_MAXUINT32)
    return (gsize) citynet_places_emit(import->places,
                                       citynet_places_place_of(import->places, row->target),
                                       NULL, NULL);
  const Organisation *organisation = g_ptr_array_index(import->organisations, row->organisation);
  return (gsize) organisation->node;
}

static gsize
add_ties(CitynetImport *import, CitynetNetwork *network)
{
  guint16 layer = citynet_network_intern_layer(network, import->layer);
  guint32 count_key = citynet_attr_table_key(network, &network->tie_attrs, "count");
  guint32 role_key = 0;
  gboolean roles = import->kind->defaults[CITYNET_IMPORT_COLUMN_ROLE] != NULL;
  if (roles)
    role_key = citynet_attr_table_key(network, &network->tie_attrs, "role");
  gsize with_duplicates = 0;
  for (guint i = 0; i < import->drafts->len; i++) {
    const TieDraft *draft = &g_array_index(import->drafts, TieDraft, i);
    const PendingRow *row = &g_array_index(import->rows, PendingRow, draft->row);
    CitynetTieRec tie = {
      .source = (guint32) node_of(import, row, FALSE),
      .target = (guint32) node_of(import, row, TRUE),
      .weight = row->weight,
      .start = row->fields.start,
      .end = row->fields.end,
      .ref = row->fields.ref != NULL ? citynet_strpool_intern(&network->strings, row->fields.ref)
                                     : 0,
      .layer = layer,
      .directed = import->directed ? 1 : 0,
    };
    gsize index = citynet_network_append_tie(network, &tie);
    char count[16];
    g_snprintf(count, sizeof(count), "%u", draft->count);
    citynet_network_set_tie_attr_handle(network, index, count_key,
                                        citynet_strpool_intern(&network->strings, count));
    if (roles && row->role != NULL)
      citynet_network_set_tie_attr_handle(network, index, role_key,
                                          citynet_strpool_intern(&network->strings, row->role));
    with_duplicates += draft->count > 1;
  }
  return with_duplicates;
}

static CitynetNetwork *
build_network(CitynetImport *import, GError **error)
{
  CitynetNetwork *network = citynet_network_new();
  if (!emit_cities(import, network, error) || !emit_organisations(import, network, error) ||
      !declare_countries(network, error)) {
    citynet_network_unref(network);
    return NULL;
  }
  gsize with_duplicates = add_ties(import, network);
  gsize matches = citynet_places_finish(import->places, network, import->report);
  citynet_import_report_set_totals(import->report, citynet_network_n_nodes(network),
                                   citynet_network_n_ties(network), with_duplicates, matches);
  return network;
}

/* ------------------------------------------------------------------------ */
/* The run                                                                  */
/* ------------------------------------------------------------------------ */

/* Pass 2, reporting progress by rows decided (the network is built after
 * the last, and 1 is reported once it is). Returns FALSE when the
 * progress handler cancelled. */
static gboolean
decide_rows(CitynetImport *import)
{
  CitynetProgress progress;
  citynet_progress_begin(&progress, DECIDE_PROGRESS, import->rows->len + 1);
  if (!citynet_progress_step(&progress, 0))
    return FALSE;
  citynet_places_resolve(import->places, import->report);
  for (guint i = 0; i < import->rows->len; i++) {
    if (!citynet_progress_step(&progress, i))
      return FALSE;
    decide_row(import, &g_array_index(import->rows, PendingRow, i));
  }
  citynet_places_join(import->places, import->gazetteer, import->report);
  return citynet_progress_step(&progress, import->rows->len);
}

static CitynetNetwork *
run(CitynetImport *import, GError **error)
{
  if (!load_side_files(import, error))
    return NULL;
  if (!citynet_import_reader_open(&import->reader, import->path, import->options->encoding,
                                  import->options->delimiter, error))
    return NULL;
  import->reader_open = TRUE;
  if (!read_header(import, error))
    return NULL;
  import->report = citynet_import_report_new(import->path, import->kind->name);
  citynet_import_report_set_input(import->report, import->reader.encoding,
                                  import->reader.delimiter);
  if (import->gazetteer != NULL)
    citynet_import_report_set_gazetteer(import->report, import->options->gazetteer,
                                        citynet_gazetteer_layout(import->gazetteer),
                                        citynet_gazetteer_n_entries(import->gazetteer),
                                        citynet_gazetteer_n_skipped(import->gazetteer));
  import->places = citynet_places_new(import->options->distance_km);

  if (!read_rows(import)) {
    citynet_progress_set_cancelled(error, READ_PROGRESS);
    return NULL;
  }
  if (!decide_rows(import)) {
    citynet_progress_set_cancelled(error, DECIDE_PROGRESS);
    return NULL;
  }
  CitynetNetwork *network = build_network(import, error);
  if (network != NULL && !citynet_progress_report(DECIDE_PROGRESS, 1.0)) {
    g_clear_pointer(&network, citynet_network_unref);
    citynet_progress_set_cancelled(error, DECIDE_PROGRESS);
  }
  if (network != NULL)
    citynet_import_report_finish(import->report);
  return network;
}

CitynetNetwork *
citynet_import_run(const CitynetImportKind *kind, const char *path,
                   const CitynetImportOptions *options, CitynetImportReport **report,
                   GError **error)
{
  g_return_val_if_fail(path != NULL, NULL);
  CitynetImportOptions *defaults = options == NULL ? citynet_import_options_new() : NULL;
  CitynetImport import;
  import_init(&import, kind, path, options != NULL ? options : defaults);
  CitynetNetwork *network = run(&import, error);
  if (network != NULL && report != NULL) {
    *report = import.report;
    import.report = NULL;
  }
  import_clear(&import);
  citynet_import_options_free(defaults);
  return network;
}
