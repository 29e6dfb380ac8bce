/* libcitynet - the import module's internals (private).
 *
 * import-reader.c     encoding and delimiter detection, tolerant CSV rows
 * import-countries.c  the country crosswalk (embedded data/countries/)
 * import-identity.c   matching keys, places, gazetteer join, districts
 * import-options.c    CitynetImportOptions
 * import-report.c     CitynetImportReport: recording and writing
 * import-table.c      header columns, field parsing, the shared driver
 * import-pairs.c      pair lists
 * import-members.c    membership lists */
#ifndef CITYNET_IMPORT_PRIVATE_H
#define CITYNET_IMPORT_PRIVATE_H

#include "citynet-private.h"

G_BEGIN_DECLS

/* ------------------------------------------------------------------------ */
/* Matching keys (import-identity.c)                                        */
/* ------------------------------------------------------------------------ */

/* The key two names are matched on: citynet_text_fold() (case, diacritics,
 * look-alike letters, hyphens as spaces), then apostrophes and full stops
 * dropped ("St. Gallen" = "St Gallen", "L'Aquila" = "LAquila"), "&" read as
 * "and", every other character that is neither a letter nor a digit read
 * as a space, spaces collapsed and trimmed. Country keys also drop a
 * leading "the". Returns a new string (g_free); "" when nothing is left.
 * @text must be valid UTF-8. */
char *citynet_import_key(const char *text, gboolean country);

/* The node id part for a key: spaces become hyphens ("rio de janeiro" ->
 * "rio-de-janeiro"). Returns a new string. */
char *citynet_import_slug(const char *key);

/* Great-circle distance in km between two WGS84 points (haversine, mean
 * Earth radius 6371.0088 km). */
double citynet_import_distance_km(double lat1, double lon1, double lat2,
                                  double lon2);

/* ------------------------------------------------------------------------ */
/* Places, gazetteers, districts (import-identity.c)                        */
/* ------------------------------------------------------------------------ */

typedef struct _CitynetCountryResolver CitynetCountryResolver;

/* A gazetteer: entries indexed by (key, ISO3). */
typedef struct _CitynetGazetteer CitynetGazetteer;

/* @layout: "auto", "simplemaps" or "geonames". Rows whose coordinates or
 * country cannot be read are skipped and counted. Returns NULL with
 * CITYNET_ERROR_IO / _DATA (unreadable, unknown layout). */
CitynetGazetteer *citynet_gazetteer_load(const char *path, const char *layout,
                                         const CitynetCountryResolver *resolver,
                                         GError **error);
void citynet_gazetteer_free(CitynetGazetteer *gazetteer);
const char *citynet_gazetteer_layout(const CitynetGazetteer *gazetteer);
gsize citynet_gazetteer_n_entries(const CitynetGazetteer *gazetteer);
gsize citynet_gazetteer_n_skipped(const CitynetGazetteer *gazetteer);

/* A district -> metropolis mapping: (key, ISO3) -> metropolis name. */
typedef struct _CitynetDistricts CitynetDistricts;

CitynetDistricts *citynet_districts_load(const char *path,
                                         const CitynetCountryResolver *resolver,
                                         GError **error);
void citynet_districts_free(CitynetDistricts *districts);
/* The metropolis of district @key in @iso3 (borrowed), or NULL. */
const char *citynet_districts_lookup(const CitynetDistricts *districts,
                                     const char *key, const char *iso3);

/* The places of one import: every mention of a city (name, key, country,
 * optional coordinates, line) and the places they resolve to. */
typedef struct _CitynetPlaces CitynetPlaces;

CitynetPlaces *citynet_places_new(double distance_km);
void citynet_places_free(CitynetPlaces *places);
/* Strings are copied. Returns the mention's index. */
guint32 citynet_places_add(CitynetPlaces *places, const char *name,
                           const char *key, const char *iso3, double latitude,
                           double longitude, guint line);
/* Groups mentions into places: same key and country, coordinates within
 * the distance (nearest place wins); mentions without coordinates join
 * the only place of their name, or are ambiguous when there are several
 * (each such name is reported once with its lines). */
void citynet_places_resolve(CitynetPlaces *places, CitynetImportReport *report);
/* The place of a mention, or -1 when ambiguous. */
gint32 citynet_places_place_of(const CitynetPlaces *places, guint32 mention);
/* A mention's name (after any district mapping) and country, borrowed. */
const char *citynet_places_mention_name(const CitynetPlaces *places,
                                        guint32 mention);
const char *citynet_places_mention_country(const CitynetPlaces *places,
                                           guint32 mention);
/* Why a mention is ambiguous (borrowed), for the row's rejection. */
const char *citynet_places_ambiguity(const CitynetPlaces *places,
                                     guint32 mention);
/* Marks a mention as belonging to a row that made it into the network. */
void citynet_places_use(CitynetPlaces *places, guint32 mention);
/* Joins every used place to the gazetteer (reports ambiguous joins). */
void citynet_places_join(CitynetPlaces *places,
                         const CitynetGazetteer *gazetteer,
                         CitynetImportReport *report);
/* Adds the node of used place @place (once; later calls return the same
 * index), named by its first used spelling, with coordinates, population
 * and the alt_names / geo_source attributes. Returns the node index or -1
 * with @error. */
gssize citynet_places_emit(CitynetPlaces *places, gint32 place,
                           CitynetNetwork *network, GError **error);
/* Reports the name variants merged and the names split into several
 * places (after every used place was emitted); returns the number of
 * city nodes that got a gazetteer entry. */
gsize citynet_places_finish(CitynetPlaces *places, CitynetNetwork *network,
                            CitynetImportReport *report);

/* ------------------------------------------------------------------------ */
/* Reading rows (import-reader.c)                                           */
/* ------------------------------------------------------------------------ */

typedef enum {
  CITYNET_IMPORT_ROW,  /* a row whose fields are available */
  CITYNET_IMPORT_BAD,  /* a row that cannot be split into fields; see problem */
  CITYNET_IMPORT_END
} CitynetImportRowStatus;

typedef struct {
  char *text;          /* the whole input as UTF-8 (owned), NUL-terminated */
  gsize length;
  const char *encoding;/* static: "utf-8", "utf-16le", ... */
  char delimiter;
  gboolean check_utf8; /* validate rows (input declared, not checked, UTF-8) */

  gsize pos;
  guint line;          /* physical line at pos */
  guint row_line;      /* line where the current row starts */
  GString *scratch;    /* the current row's fields, each NUL-terminated */
  GArray *offsets;     /* gsize start of each field in scratch */
  const char *problem; /* static reason for CITYNET_IMPORT_BAD */
} CitynetImportReader;

/* Reads @path and converts it to UTF-8 following @encoding ("auto",
 * "utf-8", "latin-1", "windows-1252") and picks the delimiter (0 = detect
 * from the first line). @display is the file name used in errors.
 * Returns FALSE with CITYNET_ERROR_IO or CITYNET_ERROR_DATA. */
gboolean citynet_import_reader_open(CitynetImportReader *reader,
                                    const char *path, const char *encoding,
                                    char delimiter, GError **error);
/* Same for bytes in memory (copied). */
gboolean citynet_import_reader_init(CitynetImportReader *reader,
                                    const char *data, gsize length,
                                    const char *display, const char *encoding,
                                    char delimiter, GError **error);
void citynet_import_reader_clear(CitynetImportReader *reader);

/* Reads the next row: quoted fields may hold delimiters, doubled quotes
 * and line breaks; unquoted fields are trimmed of blanks; stray quotes
 * inside an unquoted field are kept as text. Lines holding nothing but
 * blanks are skipped. A row with an unterminated quote ends at its first
 * line break and is BAD. A row with a NUL byte or (for undetected UTF-8)
 * invalid UTF-8 is BAD. Complexity: linear in the row's length. */
CitynetImportRowStatus citynet_import_reader_next(CitynetImportReader *reader);

static inline guint
citynet_import_reader_n_fields(const CitynetImportReader *reader)
{
  return reader->offsets->len;
}

/* Field @index of the current row (borrowed until the next row), or ""
 * when the row has fewer fields. */
static inline const char *
citynet_import_reader_field(const CitynetImportReader *reader, guint index)
{
  if (index >= reader->offsets->len)
    return "";
  return reader->scratch->str + g_array_index(reader->offsets, gsize, index);
}

/* Parses a number in the given decimal mode (0 auto, 1 point, 2 comma):
 * optional sign, digits, one decimal mark, optional exponent, no blanks
 * (the reader has trimmed them). Returns FALSE when @text is not one. */
gboolean citynet_import_parse_number(const char *text, int decimal,
                                     double *out);

/* ------------------------------------------------------------------------ */
/* Countries (import-countries.c)                                           */
/* ------------------------------------------------------------------------ */

/* How a country value resolved; also its report label. */
typedef enum {
  CITYNET_COUNTRY_RULE_NONE,
  CITYNET_COUNTRY_RULE_CODE,
  CITYNET_COUNTRY_RULE_NAME,
  CITYNET_COUNTRY_RULE_ALIAS,
  CITYNET_COUNTRY_RULE_USER_ALIAS,
  CITYNET_COUNTRY_RULE_QUALIFIED
} CitynetCountryRule;

const char *citynet_country_rule_label(CitynetCountryRule rule);

/* CitynetCountryResolver (declared above): a crosswalk of user aliases
 * layered over the built-in one. */

/* @aliases_path: (nullable): a CSV alias,iso3[,why]. Returns NULL with
 * CITYNET_ERROR_IO/_DATA when it cannot be read. */
CitynetCountryResolver *citynet_country_resolver_new(const char *aliases_path,
                                                     GError **error);
void citynet_country_resolver_free(CitynetCountryResolver *resolver);

/* Resolves like citynet_country_resolve() (user aliases first). Returns
 * the static or resolver-owned ISO3 code, or NULL; @rule (optional) says
 * how. */
const char *citynet_country_resolver_lookup(const CitynetCountryResolver *resolver,
                                            const char *value,
                                            CitynetCountryRule *rule);

/* The known name (or alias) closest to @value by edit distance on keys,
 * at most 3 edits, or NULL. Borrowed, static. */
const char *citynet_country_suggest(const char *value);

/* For tests: the number of keys of the built-in crosswalk that two rows
 * claim for different codes (0 when the data is consistent); @report
 * (optional) receives one line per conflict (g_free). */
guint citynet_country_table_conflicts(char **report);

/* The ISO 3166-1 entry @iso3 belongs to (part_of column), or NULL. */
const char *citynet_country_part_of(const char *iso3);

/* ------------------------------------------------------------------------ */
/* Options (import-options.c)                                               */
/* ------------------------------------------------------------------------ */

#define CITYNET_IMPORT_N_COLUMNS (CITYNET_IMPORT_COLUMN_REF + 1)

struct _CitynetImportOptions {
  char *columns[CITYNET_IMPORT_N_COLUMNS]; /* NULL = default names */
  char *encoding;          /* "auto", "utf-8", "latin-1", "windows-1252" */
  char delimiter;          /* 0 = detect */
  int decimal;             /* 0 auto, 1 point, 2 comma */
  char *layer;             /* NULL = the kind's default */
  int directed;            /* -1 = the kind's default, 0, 1 */
  char *gazetteer;
  char *gazetteer_layout;  /* "auto", "simplemaps", "geonames" */
  double distance_km;
  char *districts;
  char *country_aliases;
  GHashTable *role_weights;/* role key -> double* (overrides and additions) */
};

/* The weight of @role (already trimmed) or FALSE when unknown; "" is
 * "member". @canonical receives the role key stored as the attribute. */
gboolean citynet_import_options_role_weight(const CitynetImportOptions *options,
                                            const char *role, double *weight,
                                            char **canonical);

/* ------------------------------------------------------------------------ */
/* The report (import-report.c)                                             */
/* ------------------------------------------------------------------------ */

CitynetImportReport *citynet_import_report_new(const char *source,
                                               const char *kind);
void citynet_import_report_set_input(CitynetImportReport *report,
                                     const char *encoding, char delimiter);
void citynet_import_report_set_gazetteer(CitynetImportReport *report,
                                         const char *path, const char *layout,
                                         gsize entries, gsize skipped);
void citynet_import_report_count_row(CitynetImportReport *report);
/* Rejections are recorded in any order; the report sorts them by line. */
void citynet_import_report_reject(CitynetImportReport *report, guint line,
                                  const char *reason);
void citynet_import_report_keep(CitynetImportReport *report);
void citynet_import_report_merge(CitynetImportReport *report);
void citynet_import_report_set_totals(CitynetImportReport *report,
                                      gsize nodes, gsize ties,
                                      gsize ties_with_duplicates,
                                      gsize gazetteer_matches);
/* A country value: resolved (@iso3 non-NULL) or not; called once per use
 * with the row's line. */
void citynet_import_report_country_use(CitynetImportReport *report,
                                       const char *value, const char *iso3,
                                       CitynetCountryRule rule, guint line);
void citynet_import_report_name_merge_add(CitynetImportReport *report,
                                          const char *node_id,
                                          const char *kept_name,
                                          const char *variant,
                                          guint first_line, gsize n_rows);
/* @lines: ascending line numbers (copied). */
void citynet_import_report_ambiguous_add(CitynetImportReport *report,
                                         const char *name, const char *country,
                                         const char *reason,
                                         const guint *lines, gsize n_lines);
void citynet_import_report_split_add(CitynetImportReport *report,
                                     const char *name, const char *country,
                                     const char *const *node_ids,
                                     double distance_km);
void citynet_import_report_district_add(CitynetImportReport *report,
                                        const char *district,
                                        const char *country,
                                        const char *metropolis, gsize n_rows);
/* Sorts the lists into their documented order. */
void citynet_import_report_finish(CitynetImportReport *report);

/* ------------------------------------------------------------------------ */
/* The shared driver (import-table.c)                                       */
/* ------------------------------------------------------------------------ */

/* One import in progress (opaque to the kind-specific files). */
typedef struct _CitynetImport CitynetImport;

/* What a pair list and a membership list differ in. */
typedef struct {
  const char *name;                /* "pairs", "members" */
  const char *default_layer;
  gboolean default_directed;
  /* Header names tried for each column (NULL: the kind does not use it). */
  const char *const *defaults[CITYNET_IMPORT_N_COLUMNS];
  guint32 required;                /* bit per required column */
  /* Validates the current row and records it with citynet_import_add_*;
   * returns FALSE with a reason to reject it. */
  gboolean (*read_row)(CitynetImport *import, GString *reason);
} CitynetImportKind;

CitynetNetwork *citynet_import_run(const CitynetImportKind *kind,
                                   const char *path,
                                   const CitynetImportOptions *options,
                                   CitynetImportReport **report,
                                   GError **error);

/* A city cell pair (name and country) of the current row, validated. */
typedef struct {
  char *name;          /* trimmed, NFC */
  char *key;
  const char *iso3;    /* resolver-owned or static */
  double latitude;     /* NaN when none */
  double longitude;
} CitynetImportCity;

void citynet_import_city_clear(CitynetImportCity *city);

/* The trimmed cell of @column in the current row ("" when the column is
 * absent) and its header name (for messages). */
const char *citynet_import_cell(const CitynetImport *import,
                                CitynetImportColumn column);
const char *citynet_import_header(const CitynetImport *import,
                                  CitynetImportColumn column);
gboolean citynet_import_has_column(const CitynetImport *import,
                                   CitynetImportColumn column);
const CitynetImportOptions *citynet_import_options(const CitynetImport *import);

/* Reads a name cell into @name/@key (trimmed, NFC, non-empty key). */
gboolean citynet_import_read_name(CitynetImport *import,
                                  CitynetImportColumn column, char **name,
                                  char **key, GString *reason);
/* Reads a city (name, country, coordinates) from the given columns; the
 * country value's use is recorded in the report either way. */
gboolean citynet_import_read_city(CitynetImport *import,
                                  CitynetImportColumn city,
                                  CitynetImportColumn country,
                                  CitynetImportColumn latitude,
                                  CitynetImportColumn longitude,
                                  CitynetImportCity *out, GString *reason);

/* The tie fields shared by every kind. @weight is NaN when the row gives
 * none. */
typedef struct {
  CitynetDate start;
  CitynetDate end;
  double weight;
  const char *ref;     /* borrowed cell, NULL when empty */
} CitynetImportTieFields;

gboolean citynet_import_read_tie_fields(CitynetImport *import,
                                        CitynetImportTieFields *out,
                                        GString *reason);

/* Records a city mention (after the district mapping); returns its index. */
guint32 citynet_import_add_city(CitynetImport *import, CitynetImportCity *city);
/* Records an organisation by name; returns its index. */
guint32 citynet_import_add_organisation(CitynetImport *import, const char *name,
                                        const char *key);
/* Records the current row's tie: city @source to city @target, or to
 * organisation @organisation when @target is G_MAXUINT32. @role may be
 * NULL. */
void citynet_import_add_row(CitynetImport *import, guint32 source,
                            guint32 target, guint32 organisation,
                            const CitynetImportTieFields *fields,
                            double weight, const char *role);

G_END_DECLS

#endif /* CITYNET_IMPORT_PRIVATE_H */
