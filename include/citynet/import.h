/* libcitynet - importing real-world lists: pairs, memberships, countries. */
#ifndef CITYNET_IMPORT_H
#define CITYNET_IMPORT_H

#if !defined(CITYNET_INSIDE) && !defined(CITYNET_COMPILATION)
#error "Only <citynet/citynet.h> can be included directly."
#endif

#include <citynet/common.h>
#include <citynet/network.h>

G_BEGIN_DECLS

/* ------------------------------------------------------------------------ */
/* Countries                                                                */
/* ------------------------------------------------------------------------ */

/**
 * citynet_country_resolve:
 * @name_or_code: an English country name or a common variant ("Turkey",
 *   "Türkiye", "Czech Republic", "Georgia (country)", "Ivory Coast", "UK",
 *   ...), an ISO 3166-1 alpha-2 or alpha-3 code (any case), or a
 *   "Region, Country" value whose last part is a country.
 *
 * Looks @name_or_code up in the crosswalk built into the library (ISO
 * 3166-1 plus the aliases of data/countries/aliases.csv, with XKX for
 * Kosovo and XNC for Northern Cyprus). Names match by their folded key:
 * case, diacritics, punctuation and a leading "the" do not matter. The
 * rules are those of docs/import.md. Complexity: O(length of the name).
 * Thread-safe.
 *
 * Returns: (transfer none) (nullable): the ISO3 code (a static string), or
 * NULL when the value is unknown, empty or not UTF-8.
 */
CITYNET_API const char *citynet_country_resolve(const char *name_or_code);

/**
 * citynet_country_name:
 * @iso3: a code known to the crosswalk (three capitals).
 *
 * Returns: (transfer none) (nullable): the English name used for @iso3 in
 * imported bundles ("Türkiye", "Russia", "Kosovo"), a static string, or
 * NULL for an unknown code. Thread-safe.
 */
CITYNET_API const char *citynet_country_name(const char *iso3);

/* ------------------------------------------------------------------------ */
/* Options                                                                  */
/* ------------------------------------------------------------------------ */

/**
 * CitynetImportOptions:
 *
 * How to read an input list: which columns hold what, the encoding, the
 * delimiter, the layer, an optional gazetteer and district mapping, the
 * role weights. Every setting has a documented default, so NULL options
 * (or a fresh object) import the usual layouts. Free with
 * citynet_import_options_free().
 */
typedef struct _CitynetImportOptions CitynetImportOptions;

/**
 * CitynetImportColumn:
 * @CITYNET_IMPORT_COLUMN_SOURCE_CITY: a pair's first city (default header
 *   "city1"); for memberships, the member city ("city").
 * @CITYNET_IMPORT_COLUMN_SOURCE_COUNTRY: its country ("country1";
 *   "country").
 * @CITYNET_IMPORT_COLUMN_SOURCE_LATITUDE: its latitude ("lat1"; "lat").
 * @CITYNET_IMPORT_COLUMN_SOURCE_LONGITUDE: its longitude ("lng1", "lon1";
 *   "lng", "lon").
 * @CITYNET_IMPORT_COLUMN_TARGET_CITY: a pair's second city ("city2").
 * @CITYNET_IMPORT_COLUMN_TARGET_COUNTRY: its country ("country2").
 * @CITYNET_IMPORT_COLUMN_TARGET_LATITUDE: its latitude ("lat2").
 * @CITYNET_IMPORT_COLUMN_TARGET_LONGITUDE: its longitude ("lng2", "lon2").
 * @CITYNET_IMPORT_COLUMN_ORGANISATION: a membership's organisation
 *   ("organisation", "organization", "org").
 * @CITYNET_IMPORT_COLUMN_ROLE: a membership's role ("role").
 * @CITYNET_IMPORT_COLUMN_START: the first date ("start", "date", "year").
 * @CITYNET_IMPORT_COLUMN_END: the last date ("end").
 * @CITYNET_IMPORT_COLUMN_WEIGHT: the weight ("weight").
 * @CITYNET_IMPORT_COLUMN_REF: the provenance ("ref", "reference").
 *
 * The columns an import reads. Header names match case- and
 * diacritic-insensitively; docs/import.md lists every default.
 */
typedef enum {
  CITYNET_IMPORT_COLUMN_SOURCE_CITY,
  CITYNET_IMPORT_COLUMN_SOURCE_COUNTRY,
  CITYNET_IMPORT_COLUMN_SOURCE_LATITUDE,
  CITYNET_IMPORT_COLUMN_SOURCE_LONGITUDE,
  CITYNET_IMPORT_COLUMN_TARGET_CITY,
  CITYNET_IMPORT_COLUMN_TARGET_COUNTRY,
  CITYNET_IMPORT_COLUMN_TARGET_LATITUDE,
  CITYNET_IMPORT_COLUMN_TARGET_LONGITUDE,
  CITYNET_IMPORT_COLUMN_ORGANISATION,
  CITYNET_IMPORT_COLUMN_ROLE,
  CITYNET_IMPORT_COLUMN_START,
  CITYNET_IMPORT_COLUMN_END,
  CITYNET_IMPORT_COLUMN_WEIGHT,
  CITYNET_IMPORT_COLUMN_REF
} CitynetImportColumn;

/** CITYNET_IMPORT_COLUMN_CITY: the member city of a membership list. */
#define CITYNET_IMPORT_COLUMN_CITY CITYNET_IMPORT_COLUMN_SOURCE_CITY
/** CITYNET_IMPORT_COLUMN_COUNTRY: the member city's country. */
#define CITYNET_IMPORT_COLUMN_COUNTRY CITYNET_IMPORT_COLUMN_SOURCE_COUNTRY
/** CITYNET_IMPORT_COLUMN_LATITUDE: the member city's latitude. */
#define CITYNET_IMPORT_COLUMN_LATITUDE CITYNET_IMPORT_COLUMN_SOURCE_LATITUDE
/** CITYNET_IMPORT_COLUMN_LONGITUDE: the member city's longitude. */
#define CITYNET_IMPORT_COLUMN_LONGITUDE CITYNET_IMPORT_COLUMN_SOURCE_LONGITUDE

/**
 * CITYNET_IMPORT_DEFAULT_DISTANCE_KM:
 * Places with the same name and country whose coordinates lie further
 * apart than this are different places (docs/import.md explains the
 * choice).
 */
#define CITYNET_IMPORT_DEFAULT_DISTANCE_KM 50.0

/**
 * citynet_import_options_new:
 * Returns: (transfer full): options with every default: columns found by
 * their usual header names, encoding and delimiter detected, decimal
 * separator detected per value, layer "sister" for pairs and "member" for
 * memberships, pairs undirected and memberships directed (city to
 * organisation), no gazetteer, no district mapping, the built-in role
 * weights. Free with citynet_import_options_free().
 */
CITYNET_API CitynetImportOptions *citynet_import_options_new(void);

/** citynet_import_options_free: frees @options; NULL is ignored. */
CITYNET_API void citynet_import_options_free(CitynetImportOptions *options);

/**
 * citynet_import_options_set_column:
 * @column: which column.
 * @header: (nullable): the header name holding it (matched like the
 *   defaults); NULL restores the default names; "" means "no such column"
 *   (only for optional columns).
 *
 * Returns: TRUE, or FALSE with CITYNET_ERROR_INVALID_ARGUMENT for an
 * unknown @column or a @header that is not UTF-8.
 */
CITYNET_API gboolean citynet_import_options_set_column(CitynetImportOptions *options,
                                                       CitynetImportColumn column,
                                                       const char *header,
                                                       GError **error);

/**
 * citynet_import_options_set_encoding:
 * @encoding: "auto" (default: a UTF-8 or UTF-16 byte order mark decides,
 *   else UTF-8 when the whole file is valid UTF-8, else Windows-1252),
 *   "utf-8", "latin-1" (ISO-8859-1) or "windows-1252" (cp1252), any case.
 *   A UTF-8 byte order mark is skipped in every case.
 *
 * Returns: TRUE, or FALSE with CITYNET_ERROR_INVALID_ARGUMENT.
 */
CITYNET_API gboolean citynet_import_options_set_encoding(CitynetImportOptions *options,
                                                         const char *encoding,
                                                         GError **error);

/**
 * citynet_import_options_set_delimiter:
 * @delimiter: "auto" (default: the most frequent of ',', ';' and tab in the
 *   header line), ",", ";", "\t", or the words "comma", "semicolon", "tab".
 *
 * Returns: TRUE, or FALSE with CITYNET_ERROR_INVALID_ARGUMENT.
 */
CITYNET_API gboolean citynet_import_options_set_delimiter(CitynetImportOptions *options,
                                                          const char *delimiter,
                                                          GError **error);

/**
 * citynet_import_options_set_decimal:
 * @decimal: "auto" (default: a number with one comma and no point, such as
 *   "41,0136", reads the comma as the decimal mark), "point" (only "41.0136"
 *   is a number) or "comma" (only "41,0136" is).
 *
 * Applies to coordinates and weights.
 * Returns: TRUE, or FALSE with CITYNET_ERROR_INVALID_ARGUMENT.
 */
CITYNET_API gboolean citynet_import_options_set_decimal(CitynetImportOptions *options,
                                                        const char *decimal,
                                                        GError **error);

/**
 * citynet_import_options_set_layer:
 * @layer: (nullable): the layer of the imported ties; NULL restores the
 *   default ("sister" for pairs, "member" for memberships).
 *
 * Returns: TRUE, or FALSE with CITYNET_ERROR_INVALID_ARGUMENT for an empty
 * or unclean name.
 */
CITYNET_API gboolean citynet_import_options_set_layer(CitynetImportOptions *options,
                                                      const char *layer,
                                                      GError **error);

/**
 * citynet_import_options_set_directed:
 * Makes the imported ties directed (source city to target city; member
 * city to organisation) or undirected. Undirected pairs A-B and B-A are
 * duplicates of each other; directed ones are not.
 */
CITYNET_API void citynet_import_options_set_directed(CitynetImportOptions *options,
                                                     gboolean directed);

/**
 * citynet_import_options_set_gazetteer:
 * @path: (nullable): a gazetteer CSV; NULL removes it.
 * @layout: (nullable): "auto" (default; decided by the header),
 *   "simplemaps" (city, city_ascii, lat, lng, iso3, population, id, ...)
 *   or "geonames" (country ISO2, name, lat, lng).
 *
 * The file is read by the import; see docs/import.md for the join rules.
 * Returns: TRUE, or FALSE with CITYNET_ERROR_INVALID_ARGUMENT for an unknown
 * layout.
 */
CITYNET_API gboolean citynet_import_options_set_gazetteer(CitynetImportOptions *options,
                                                          const char *path,
                                                          const char *layout,
                                                          GError **error);

/**
 * citynet_import_options_set_distance:
 * @km: the distance in kilometres (> 0, finite) beyond which two places of
 *   one name and country are different places; also the largest distance
 *   at which a gazetteer entry is joined to a place with coordinates.
 *   Default CITYNET_IMPORT_DEFAULT_DISTANCE_KM.
 *
 * Returns: TRUE, or FALSE with CITYNET_ERROR_INVALID_ARGUMENT.
 */
CITYNET_API gboolean citynet_import_options_set_distance(CitynetImportOptions *options,
                                                         double km,
                                                         GError **error);

/**
 * citynet_import_options_set_districts:
 * @path: (nullable): a CSV with the columns district, country, metropolis
 *   (data/districts/istanbul.csv is one); NULL removes it.
 *
 * Without a mapping, districts are separate places like any other. With
 * one, a place whose name and country match a district row is imported
 * as its metropolis (same country), and the report lists every mapping
 * used. Returns: TRUE (the file is read by the import).
 */
CITYNET_API gboolean citynet_import_options_set_districts(CitynetImportOptions *options,
                                                          const char *path,
                                                          GError **error);

/**
 * citynet_import_options_set_country_aliases:
 * @path: (nullable): a CSV with the columns alias, iso3 (and optionally
 *   why) adding to the built-in crosswalk for this import; NULL removes it.
 *   The user's aliases win over built-in names.
 *
 * Returns: TRUE (the file is read by the import).
 */
CITYNET_API gboolean citynet_import_options_set_country_aliases(CitynetImportOptions *options,
                                                                const char *path,
                                                                GError **error);

/**
 * citynet_import_options_set_role_weight:
 * @role: a membership role (matched by folded key, so "Board" = "board").
 * @weight: its tie weight, finite and > 0.
 *
 * Adds a role or overrides a built-in weight (member 1, observer 0.5,
 * associate 0.5, partner 0.5, board 2, founder 2, vice-president 2,
 * president 3; an empty role is "member"). Rows with a role outside the
 * table are rejected.
 * Returns: TRUE, or FALSE with CITYNET_ERROR_INVALID_ARGUMENT.
 */
CITYNET_API gboolean citynet_import_options_set_role_weight(CitynetImportOptions *options,
                                                            const char *role,
                                                            double weight,
                                                            GError **error);

/* ------------------------------------------------------------------------ */
/* Importing                                                                */
/* ------------------------------------------------------------------------ */

/**
 * CitynetImportReport:
 *
 * What an import did with every input row: counts, the name variants it
 * merged, the countries it could not resolve, the places it found
 * ambiguous, the rows it rejected with their line numbers and reasons. The
 * invariant rows read = rows kept + rows merged + rows rejected always
 * holds. Free with citynet_import_report_free().
 */
typedef struct _CitynetImportReport CitynetImportReport;

/**
 * citynet_import_pairs:
 * @path: a CSV file with one pair of cities per row and a header row.
 * @options: (nullable): the options; NULL for the defaults.
 * @report: (out) (optional) (transfer full): the report, set whenever the
 *   network is returned; free with citynet_import_report_free().
 * @error: CITYNET_ERROR_IO (unreadable input, gazetteer or mapping file),
 *   CITYNET_ERROR_DATA (no header, a required column missing, an encoding
 *   that does not convert, a malformed gazetteer or mapping file) or
 *   CITYNET_ERROR_INVALID_ARGUMENT.
 *
 * Builds a network of city nodes (ids like "istanbul-tur", see
 * docs/import.md) and one tie per distinct pair in the chosen layer, each
 * with a "count" attribute saying how many rows named it. A bad row never
 * fails the import: it is rejected and reported. Complexity: linear in the
 * size of the input and the gazetteer.
 *
 * Returns: (transfer full): the network, or NULL with @error set
 * (CITYNET_ERROR_CANCELLED when the progress handler cancelled).
 */
CITYNET_API CitynetNetwork *citynet_import_pairs(const char *path,
                                                 const CitynetImportOptions *options,
                                                 CitynetImportReport **report,
                                                 GError **error);

/**
 * citynet_import_members:
 * @path: a CSV file with one membership per row (city, country,
 *   organisation, optional role, dates, coordinates) and a header row.
 *
 * Like citynet_import_pairs(), but builds "organisation" nodes (ids are the
 * slug of the name, e.g. "eurocities") and "member" ties from each city to
 * its organisation with a "role" attribute and the role's weight.
 *
 * Returns: (transfer full): the network, or NULL with @error set
 * (CITYNET_ERROR_CANCELLED when the progress handler cancelled).
 */
CITYNET_API CitynetNetwork *citynet_import_members(const char *path,
                                                   const CitynetImportOptions *options,
                                                   CitynetImportReport **report,
                                                   GError **error);

/* ------------------------------------------------------------------------ */
/* The report                                                               */
/* ------------------------------------------------------------------------ */

/** citynet_import_report_free: frees @report; NULL is ignored. */
CITYNET_API void citynet_import_report_free(CitynetImportReport *report);

/**
 * citynet_import_report_source:
 * Returns: (transfer none): the input path as given.
 */
CITYNET_API const char *citynet_import_report_source(const CitynetImportReport *report);

/**
 * citynet_import_report_encoding:
 * Returns: (transfer none): the encoding read ("utf-8", "utf-16le",
 *   "windows-1252", "latin-1").
 */
CITYNET_API const char *citynet_import_report_encoding(const CitynetImportReport *report);

/** citynet_import_report_delimiter: Returns: the field delimiter used. */
CITYNET_API char citynet_import_report_delimiter(const CitynetImportReport *report);

/** citynet_import_report_rows_read: Returns: the data rows read (the
 * header and blank lines are not rows). */
CITYNET_API gsize citynet_import_report_rows_read(const CitynetImportReport *report);
/** citynet_import_report_rows_kept: Returns: rows that created a tie. */
CITYNET_API gsize citynet_import_report_rows_kept(const CitynetImportReport *report);
/** citynet_import_report_rows_merged: Returns: rows that duplicated an
 * earlier row's tie and were merged into it (its "count" went up). */
CITYNET_API gsize citynet_import_report_rows_merged(const CitynetImportReport *report);
/** citynet_import_report_rows_rejected: Returns: rows rejected. */
CITYNET_API gsize citynet_import_report_rows_rejected(const CitynetImportReport *report);
/** citynet_import_report_ties_created: Returns: ties in the network
 * (= rows kept). */
CITYNET_API gsize citynet_import_report_ties_created(const CitynetImportReport *report);
/** citynet_import_report_ties_with_duplicates: Returns: ties whose
 * "count" is above 1. */
CITYNET_API gsize citynet_import_report_ties_with_duplicates(const CitynetImportReport *report);
/** citynet_import_report_nodes_created: Returns: nodes in the network. */
CITYNET_API gsize citynet_import_report_nodes_created(const CitynetImportReport *report);
/** citynet_import_report_gazetteer_matches: Returns: city nodes that got a
 * gazetteer entry (0 without a gazetteer). */
CITYNET_API gsize citynet_import_report_gazetteer_matches(const CitynetImportReport *report);

/** citynet_import_report_n_name_merges: Returns: the number of name
 * variants merged into another name's node. */
CITYNET_API gsize citynet_import_report_n_name_merges(const CitynetImportReport *report);
/**
 * citynet_import_report_name_merge:
 * @index: 0 <= @index < citynet_import_report_n_name_merges().
 * @node_id: (out) (optional) (transfer none): the node's id.
 * @kept_name: (out) (optional) (transfer none): its display name (the
 *   first spelling seen).
 * @variant: (out) (optional) (transfer none): the other spelling merged.
 * @first_line: (out) (optional): the first line with @variant.
 * @n_rows: (out) (optional): how many rows spelled it so.
 */
CITYNET_API void citynet_import_report_name_merge(const CitynetImportReport *report,
                                                  gsize index,
                                                  const char **node_id,
                                                  const char **kept_name,
                                                  const char **variant,
                                                  guint *first_line,
                                                  gsize *n_rows);

/** citynet_import_report_n_unmatched_countries: Returns: the number of
 * distinct country values that did not resolve. */
CITYNET_API gsize citynet_import_report_n_unmatched_countries(const CitynetImportReport *report);
/**
 * citynet_import_report_unmatched_country:
 * @value: (out) (optional) (transfer none): the country value as written
 *   ("" for an empty cell).
 * @suggestion: (out) (optional) (transfer none) (nullable): the closest
 *   known name, when one is within 3 edits.
 * @lines: (out) (optional) (transfer none) (array length=n_lines): the
 *   lines of the rows it affected (all rejected), ascending.
 * @n_lines: (out) (optional): their number.
 */
CITYNET_API void citynet_import_report_unmatched_country(const CitynetImportReport *report,
                                                         gsize index,
                                                         const char **value,
                                                         const char **suggestion,
                                                         const guint **lines,
                                                         gsize *n_lines);

/** citynet_import_report_n_ambiguous_places: Returns: the number of
 * ambiguous places. */
CITYNET_API gsize citynet_import_report_n_ambiguous_places(const CitynetImportReport *report);
/**
 * citynet_import_report_ambiguous_place:
 * @name: (out) (optional) (transfer none): the place's name.
 * @country: (out) (optional) (transfer none): its ISO3 code.
 * @reason: (out) (optional) (transfer none): why it is ambiguous (several
 *   places of that name and no coordinates to choose; several gazetteer
 *   entries far apart).
 * @lines: (out) (optional) (transfer none) (array length=n_lines): the
 *   lines concerned, ascending.
 */
CITYNET_API void citynet_import_report_ambiguous_place(const CitynetImportReport *report,
                                                       gsize index,
                                                       const char **name,
                                                       const char **country,
                                                       const char **reason,
                                                       const guint **lines,
                                                       gsize *n_lines);

/** citynet_import_report_n_split_places: Returns: the number of names
 * (in one country) kept apart as several places by their coordinates. */
CITYNET_API gsize citynet_import_report_n_split_places(const CitynetImportReport *report);
/**
 * citynet_import_report_split_place:
 * @name: (out) (optional) (transfer none): the shared name.
 * @country: (out) (optional) (transfer none): the ISO3 code.
 * @node_ids: (out) (optional) (transfer none): the nodes, NULL-terminated.
 * @distance_km: (out) (optional): the smallest distance between them.
 */
CITYNET_API void citynet_import_report_split_place(const CitynetImportReport *report,
                                                   gsize index,
                                                   const char **name,
                                                   const char **country,
                                                   const char *const **node_ids,
                                                   double *distance_km);

/** citynet_import_report_n_district_merges: Returns: the number of
 * districts mapped to their metropolis. */
CITYNET_API gsize citynet_import_report_n_district_merges(const CitynetImportReport *report);
/**
 * citynet_import_report_district_merge:
 * @district: (out) (optional) (transfer none): the district as written.
 * @country: (out) (optional) (transfer none): the ISO3 code.
 * @metropolis: (out) (optional) (transfer none): the metropolis' name.
 * @n_rows: (out) (optional): the rows naming the district.
 */
CITYNET_API void citynet_import_report_district_merge(const CitynetImportReport *report,
                                                      gsize index,
                                                      const char **district,
                                                      const char **country,
                                                      const char **metropolis,
                                                      gsize *n_rows);

/** citynet_import_report_n_countries: Returns: the number of distinct
 * country values that resolved. */
CITYNET_API gsize citynet_import_report_n_countries(const CitynetImportReport *report);
/**
 * citynet_import_report_country:
 * @value: (out) (optional) (transfer none): the value as written.
 * @iso3: (out) (optional) (transfer none): what it resolved to.
 * @rule: (out) (optional) (transfer none): how: "code", "name", "alias",
 *   "user-alias" or "qualified" (a "Region, Country" value).
 * @n_rows: (out) (optional): the rows that used the value.
 */
CITYNET_API void citynet_import_report_country(const CitynetImportReport *report,
                                               gsize index, const char **value,
                                               const char **iso3,
                                               const char **rule,
                                               gsize *n_rows);

/** citynet_import_report_n_rejected: Returns: the number of rejected rows
 * (= citynet_import_report_rows_rejected()). */
CITYNET_API gsize citynet_import_report_n_rejected(const CitynetImportReport *report);
/**
 * citynet_import_report_rejected:
 * @line: (out) (optional): the line the row starts on (1 is the header).
 * @reason: (out) (optional) (transfer none): why it was rejected.
 *
 * Rejected rows are listed by ascending line.
 */
CITYNET_API void citynet_import_report_rejected(const CitynetImportReport *report,
                                                gsize index, guint *line,
                                                const char **reason);

/**
 * citynet_import_report_to_text:
 * Returns: (transfer full): the report as readable text (g_free); its
 * layout is described in docs/import.md. Complexity: linear in its size.
 */
CITYNET_API char *citynet_import_report_to_text(const CitynetImportReport *report);

/**
 * citynet_import_report_to_json:
 * Returns: (transfer full): the report as a JSON object with schema
 * "citynet.import-report/1" (g_free); docs/import.md lists its members.
 */
CITYNET_API char *citynet_import_report_to_json(const CitynetImportReport *report);

/**
 * citynet_import_report_write_text:
 * @path: the file to write, atomically (temporary file and rename).
 * Returns: TRUE, or FALSE with CITYNET_ERROR_IO.
 */
CITYNET_API gboolean citynet_import_report_write_text(const CitynetImportReport *report,
                                                      const char *path,
                                                      GError **error);

/**
 * citynet_import_report_write_json:
 * @path: the file to write, atomically (temporary file and rename).
 * Returns: TRUE, or FALSE with CITYNET_ERROR_IO.
 */
CITYNET_API gboolean citynet_import_report_write_json(const CitynetImportReport *report,
                                                      const char *path,
                                                      GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(CitynetImportOptions, citynet_import_options_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(CitynetImportReport, citynet_import_report_free)

G_END_DECLS

#endif /* CITYNET_IMPORT_H */
