/* citynet import pairs|members FILE -o BUNDLE: turn a researcher's list
 * into a bundle plus a report (docs/import.md). Everything is done by
 * citynet_import_pairs()/citynet_import_members(); this file only maps
 * options and writes the files. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gstdio.h>

#include "cli-options.h"

static char *import_output;
static char *import_layer;
static gboolean import_directed;
static gboolean import_undirected;
static char *import_encoding;
static char *import_delimiter;
static char *import_decimal;
static char *import_gazetteer;
static char *import_gazetteer_layout;
static char *import_distance;
static char *import_districts;
static char *import_aliases;
static char **import_columns;
static char **import_roles;
static char *import_report_text;
static char *import_report_json;
static gboolean import_quiet;

static const GOptionEntry import_entries[] = {
  { "output", 'o', 0, G_OPTION_ARG_FILENAME, &import_output,
    "The bundle directory to write (required)", "BUNDLE" },
  { "layer", 'l', 0, G_OPTION_ARG_FILENAME, &import_layer,
    "Layer of the ties (default: sister for pairs, member for members)", "NAME" },
  { "directed", 0, 0, G_OPTION_ARG_NONE, &import_directed,
    "Make the ties directed (default for members)", NULL },
  { "undirected", 0, 0, G_OPTION_ARG_NONE, &import_undirected,
    "Make the ties undirected (default for pairs)", NULL },
  { "column", 'c', 0, G_OPTION_ARG_FILENAME_ARRAY, &import_columns,
    "Header of a column, e.g. source-city=from (repeatable; see below)", "WHAT=HEADER" },
  { "encoding", 'e', 0, G_OPTION_ARG_FILENAME, &import_encoding,
    "auto (default), utf-8, latin-1 or windows-1252", "ENCODING" },
  { "delimiter", 'd', 0, G_OPTION_ARG_FILENAME, &import_delimiter,
    "auto (default), comma, semicolon or tab", "DELIMITER" },
  { "decimal", 0, 0, G_OPTION_ARG_FILENAME, &import_decimal,
    "Decimal mark of numbers: auto (default), point or comma", "MARK" },
  { "gazetteer", 'g', 0, G_OPTION_ARG_FILENAME, &import_gazetteer,
    "Gazetteer CSV for coordinates and population", "FILE" },
  { "gazetteer-layout", 0, 0, G_OPTION_ARG_FILENAME, &import_gazetteer_layout,
    "auto (default), simplemaps or geonames", "LAYOUT" },
  { "distance", 0, 0, G_OPTION_ARG_FILENAME, &import_distance,
    "Same-named places further apart are different places (default 50)", "KM" },
  { "districts", 0, 0, G_OPTION_ARG_FILENAME, &import_districts,
    "Map districts to their metropolis (CSV: district,country,metropolis)", "FILE" },
  { "country-aliases", 0, 0, G_OPTION_ARG_FILENAME, &import_aliases,
    "Extra country names (CSV: alias,iso3[,why])", "FILE" },
  { "role-weight", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &import_roles,
    "Weight of a membership role, e.g. board=2 (repeatable)", "ROLE=WEIGHT" },
  { "report", 0, 0, G_OPTION_ARG_FILENAME, &import_report_text,
    "Text report (default BUNDLE/import-report.txt)", "FILE" },
  { "report-json", 0, 0, G_OPTION_ARG_FILENAME, &import_report_json,
    "JSON report (default BUNDLE/import-report.json)", "FILE" },
  { "quiet", 'q', 0, G_OPTION_ARG_NONE, &import_quiet,
    "Do not print the summary", NULL },
  { NULL }
};

static const char import_description[] =
  "KIND is pairs (one tie between two cities per row) or members (a city's\n"
  "membership in an organisation per row). Columns are found by their usual\n"
  "header names (city1, country1, lat1, lng1, city2, ...; city, country,\n"
  "organisation, role, start, end, weight, ref); --column names others.\n"
  "WHAT is one of source-city, source-country, source-lat, source-lon,\n"
  "target-city, target-country, target-lat, target-lon, city, country, lat,\n"
  "lon, organisation, role, start, end, weight, ref.\n"
  "\n"
  "Bad rows never stop the import: each is rejected with its line and\n"
  "reason in the report, and rows read = kept + merged + rejected.\n"
  "Exit status: 0 when the bundle was written, 1 on an error, 2 for a\n"
  "usage error.";

static const struct {
  const char *name;
  CitynetImportColumn column;
} column_names[] = {
  {"source-city", CITYNET_IMPORT_COLUMN_SOURCE_CITY},
  {"source-country", CITYNET_IMPORT_COLUMN_SOURCE_COUNTRY},
  {"source-lat", CITYNET_IMPORT_COLUMN_SOURCE_LATITUDE},
  {"source-lon", CITYNET_IMPORT_COLUMN_SOURCE_LONGITUDE},
  {"target-city", CITYNET_IMPORT_COLUMN_TARGET_CITY},
  {"target-country", CITYNET_IMPORT_COLUMN_TARGET_COUNTRY},
  {"target-lat", CITYNET_IMPORT_COLUMN_TARGET_LATITUDE},
  {"target-lon", CITYNET_IMPORT_COLUMN_TARGET_LONGITUDE},
  {"city", CITYNET_IMPORT_COLUMN_CITY},
  {"country", CITYNET_IMPORT_COLUMN_COUNTRY},
  {"lat", CITYNET_IMPORT_COLUMN_LATITUDE},
  {"lon", CITYNET_IMPORT_COLUMN_LONGITUDE},
  {"organisation", CITYNET_IMPORT_COLUMN_ORGANISATION},
  {"role", CITYNET_IMPORT_COLUMN_ROLE},
  {"start", CITYNET_IMPORT_COLUMN_START},
  {"end", CITYNET_IMPORT_COLUMN_END},
  {"weight", CITYNET_IMPORT_COLUMN_WEIGHT},
  {"ref", CITYNET_IMPORT_COLUMN_REF},
};

static void
clear_arguments(void)
{
  g_clear_pointer(&import_output, g_free);
  g_clear_pointer(&import_layer, g_free);
  g_clear_pointer(&import_encoding, g_free);
  g_clear_pointer(&import_delimiter, g_free);
  g_clear_pointer(&import_decimal, g_free);
  g_clear_pointer(&import_gazetteer, g_free);
  g_clear_pointer(&import_gazetteer_layout, g_free);
  g_clear_pointer(&import_distance, g_free);
  g_clear_pointer(&import_districts, g_free);
  g_clear_pointer(&import_aliases, g_free);
  g_clear_pointer(&import_columns, g_strfreev);
  g_clear_pointer(&import_roles, g_strfreev);
  g_clear_pointer(&import_report_text, g_free);
  g_clear_pointer(&import_report_json, g_free);
  import_directed = import_undirected = import_quiet = FALSE;
}

/* Library errors about option values are usage errors here. */
static gboolean
usage(GError **error, GError *library_error)
{
  g_set_error_literal(error, CLI_ERROR, CLI_ERROR_USAGE, library_error->message);
  g_error_free(library_error);
  return FALSE;
}

static gboolean
parse_pair(const char *option, const char *value, char **left, const char **right,
           GError **error)
{
  const char *equals = strchr(value, '=');
  if (equals == NULL || equals == value) {
    g_set_error(error, CLI_ERROR, CLI_ERROR_USAGE, "%s expects NAME=VALUE, not '%s'", option,
                value);
    return FALSE;
  }
  *left = g_strndup(value, (gsize) (equals - value));
  *right = equals + 1;
  return TRUE;
}

static gboolean
apply_column(CitynetImportOptions *options, const char *value, GError **error)
{
  char *what;
  const char *header;
  if (!cli_check_utf8("--column", value, error) || !parse_pair("--column", value, &what, &header, error))
    return FALSE;
  for (gsize i = 0; i < G_N_ELEMENTS(column_names); i++)
    if (strcmp(what, column_names[i].name) == 0) {
      g_free(what);
      GError *local = NULL;
      return citynet_import_options_set_column(options, column_names[i].column, header, &local) ||
             usage(error, local);
    }
  g_set_error(error, CLI_ERROR, CLI_ERROR_USAGE,
              "unknown column '%s' in --column (see citynet import --help)", what);
  g_free(what);
  return FALSE;
}

static gboolean
apply_role(CitynetImportOptions *options, const char *value, GError **error)
{
  char *role;
  const char *number;
  if (!cli_check_utf8("--role-weight", value, error) ||
      !parse_pair("--role-weight", value, &role, &number, error))
    return FALSE;
  char *end = NULL;
  double weight = g_ascii_strtod(number, &end);
  GError *local = NULL;
  gboolean ok = (end != number && *end == '\0')
                    ? citynet_import_options_set_role_weight(options, role, weight, &local) ||
                          usage(error, local)
                    : (g_set_error(error, CLI_ERROR, CLI_ERROR_USAGE,
                                   "--role-weight %s: '%s' is not a number", role, number),
                       FALSE);
  g_free(role);
  return ok;
}

static gboolean
apply_strings(CitynetImportOptions *options, GError **error)
{
  GError *local = NULL;
  if (import_layer != NULL &&
      (!cli_check_utf8("--layer", import_layer, error) ||
       !citynet_import_options_set_layer(options, import_layer, &local)))
    return local != NULL ? usage(error, local) : FALSE;
  if ((import_encoding != NULL &&
       !citynet_import_options_set_encoding(options, import_encoding, &local)) ||
      (import_delimiter != NULL &&
       !citynet_import_options_set_delimiter(options, import_delimiter, &local)) ||
      (import_decimal != NULL &&
       !citynet_import_options_set_decimal(options, import_decimal, &local)))
    return usage(error, local);
  if (import_distance != NULL) {
    char *end = NULL;
    double km = g_ascii_strtod(import_distance, &end);
    if (end == import_distance || *end != '\0' ||
        !citynet_import_options_set_distance(options, km, &local))
      return local != NULL ? usage(error, local)
                           : (g_set_error(error, CLI_ERROR, CLI_ERROR_USAGE,
                                          "--distance: '%s' is not a number", import_distance),
                              FALSE);
  }
  return TRUE;
}

static CitynetImportOptions *
build_options(GError **error)
{
  CitynetImportOptions *options = citynet_import_options_new();
  GError *local = NULL;
  gboolean ok = apply_strings(options, error);
  if (ok && import_directed && import_undirected) {
    g_set_error_literal(error, CLI_ERROR, CLI_ERROR_USAGE,
                        "--directed and --undirected exclude each other");
    ok = FALSE;
  }
  if (ok && (import_directed || import_undirected))
    citynet_import_options_set_directed(options, import_directed);
  if (ok && (import_gazetteer != NULL || import_gazetteer_layout != NULL) &&
      !citynet_import_options_set_gazetteer(options, import_gazetteer, import_gazetteer_layout,
                                            &local))
    ok = usage(error, local);
  if (ok && import_districts != NULL)
    citynet_import_options_set_districts(options, import_districts, NULL);
  if (ok && import_aliases != NULL)
    citynet_import_options_set_country_aliases(options, import_aliases, NULL);
  for (gsize i = 0; ok && import_columns != NULL && import_columns[i] != NULL; i++)
    ok = apply_column(options, import_columns[i], error);
  for (gsize i = 0; ok && import_roles != NULL && import_roles[i] != NULL; i++)
    ok = apply_role(options, import_roles[i], error);
  if (!ok) {
    citynet_import_options_free(options);
    return NULL;
  }
  return options;
}

/* ------------------------------------------------------------------------ */
/* Writing                                                                  */
/* ------------------------------------------------------------------------ */

static void
remove_tree(const char *path)
{
  GDir *dir = g_dir_open(path, 0, NULL);
  const char *name;
  while (dir != NULL && (name = g_dir_read_name(dir)) != NULL) {
    char *child = g_build_filename(path, name, NULL);
    g_unlink(child);
    g_free(child);
  }
  if (dir != NULL)
    g_dir_close(dir);
  g_rmdir(path);
}

/* The bundle and the default reports, written into @directory. */
static gboolean
write_into(const CitynetNetwork *network, const CitynetImportReport *report,
           const char *directory, GError **error)
{
  if (!citynet_bundle_save(network, directory, error))
    return FALSE;
  gboolean ok = TRUE;
  if (import_report_text == NULL) {
    char *path = g_build_filename(directory, "import-report.txt", NULL);
    ok = citynet_import_report_write_text(report, path, error);
    g_free(path);
  }
  if (ok && import_report_json == NULL) {
    char *path = g_build_filename(directory, "import-report.json", NULL);
    ok = citynet_import_report_write_json(report, path, error);
    g_free(path);
  }
  return ok;
}

/* A new bundle appears complete or not at all (written under a temporary
 * name and renamed); an existing one is updated file by file atomically. */
static gboolean
write_bundle(const CitynetNetwork *network, const CitynetImportReport *report,
             GError **error)
{
  if (g_file_test(import_output, G_FILE_TEST_EXISTS))
    return write_into(network, report, import_output, error);
  char *temporary = g_strdup_printf("%s.tmp-XXXXXX", import_output);
  if (g_mkdtemp(temporary) == NULL) {
    int saved = errno;
    g_set_error(error, CLI_ERROR, CLI_ERROR_FAILED, "cannot create %s: %s", import_output,
                g_strerror(saved));
    g_free(temporary);
    return FALSE;
  }
  gboolean ok = write_into(network, report, temporary, error);
  if (ok && g_rename(temporary, import_output) != 0) {
    int saved = errno;
    g_set_error(error, CLI_ERROR, CLI_ERROR_FAILED, "cannot create %s: %s", import_output,
                g_strerror(saved));
    ok = FALSE;
  }
  if (!ok)
    remove_tree(temporary);
  g_free(temporary);
  return ok;
}

static gboolean
write_outputs(const CitynetNetwork *network, const CitynetImportReport *report,
              GError **error)
{
  return write_bundle(network, report, error) &&
         (import_report_text == NULL ||
          citynet_import_report_write_text(report, import_report_text, error)) &&
         (import_report_json == NULL ||
          citynet_import_report_write_json(report, import_report_json, error));
}

static void
print_summary(const CitynetImportReport *report)
{
  printf("%s: %zu rows read: %zu kept, %zu merged, %zu rejected; %zu nodes, %zu ties",
         import_output, citynet_import_report_rows_read(report),
         citynet_import_report_rows_kept(report), citynet_import_report_rows_merged(report),
         citynet_import_report_rows_rejected(report), citynet_import_report_nodes_created(report),
         citynet_import_report_ties_created(report));
  if (citynet_import_report_n_unmatched_countries(report) > 0)
    printf("; %zu unmatched countr%s", citynet_import_report_n_unmatched_countries(report),
           citynet_import_report_n_unmatched_countries(report) == 1 ? "y" : "ies");
  if (citynet_import_report_n_ambiguous_places(report) > 0)
    printf("; %zu ambiguous place%s", citynet_import_report_n_ambiguous_places(report),
           citynet_import_report_n_ambiguous_places(report) == 1 ? "" : "s");
  printf("\n");
}

/* ------------------------------------------------------------------------ */
/* The command                                                              */
/* ------------------------------------------------------------------------ */

static gboolean
check_arguments(int argc, char **argv, gboolean *members, GError **error)
{
  if (argc < 2 || (strcmp(argv[1], "pairs") != 0 && strcmp(argv[1], "members") != 0)) {
    g_set_error(error, CLI_ERROR, CLI_ERROR_USAGE, "expected KIND pairs or members%s%s%s",
                argc >= 2 ? ", not '" : "", argc >= 2 ? argv[1] : "", argc >= 2 ? "'" : "");
    return FALSE;
  }
  if (argc != 3) {
    g_set_error_literal(error, CLI_ERROR, CLI_ERROR_USAGE,
                        argc < 3 ? "missing FILE argument" : "too many arguments");
    return FALSE;
  }
  if (import_output == NULL || import_output[0] == '\0') {
    g_set_error_literal(error, CLI_ERROR, CLI_ERROR_USAGE,
                        "missing -o BUNDLE (the bundle directory to write)");
    return FALSE;
  }
  *members = strcmp(argv[1], "members") == 0;
  return TRUE;
}

static int
run(int argc, char **argv)
{
  CliContext *context = cli_context_new(&cli_command_import, import_entries, 0,
                                        import_description);
  GError *error = NULL;
  int status = CLI_EXIT_OK;
  gboolean members = FALSE;
  CitynetImportOptions *options = NULL;
  CitynetImportReport *report = NULL;
  CitynetNetwork *network = NULL;

  if (!cli_context_parse(context, &argc, &argv, &status))
    goto out;
  if (!check_arguments(argc, argv, &members, &error) || (options = build_options(&error)) == NULL)
    goto fail;
  network = members ? citynet_import_members(argv[2], options, &report, &error)
                    : citynet_import_pairs(argv[2], options, &report, &error);
  if (network == NULL || !write_outputs(network, report, &error))
    goto fail;
  if (!import_quiet)
    print_summary(report);
  if (fflush(stdout) != 0)
    status = CLI_EXIT_FAILURE;
  goto out;

fail:
  status = cli_report_error(context->command, error);
out:
  citynet_network_unref(network);
  citynet_import_report_free(report);
  citynet_import_options_free(options);
  cli_context_free(context);
  clear_arguments();
  return status;
}

const CliCommand cli_command_import = {
  "import", "pairs|members FILE -o BUNDLE",
  "Import a list of city pairs or memberships into a bundle", run
};
