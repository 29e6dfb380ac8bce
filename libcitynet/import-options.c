/* libcitynet - CitynetImportOptions: how to read an input list. */
#include <math.h>
#include <string.h>

#include "import-private.h"

/* The built-in role weights (docs/import.md, "Membership roles"): a plain
 * membership is the unit; looser links weigh half; holding an office or
 * having founded the network doubles the tie; the presidency triples it. */
static const struct {
  const char *role;
  double weight;
} builtin_roles[] = {
  {"member", 1.0},
  {"observer", 0.5},
  {"associate", 0.5},
  {"partner", 0.5},
  {"board", 2.0},
  {"founder", 2.0},
  {"vice president", 2.0},
  {"president", 3.0},
};

CitynetImportOptions *
citynet_import_options_new(void)
{
  CitynetImportOptions *options = g_new0(CitynetImportOptions, 1);
  options->encoding = g_strdup("auto");
  options->directed = -1;
  options->gazetteer_layout = g_strdup("auto");
  options->distance_km = CITYNET_IMPORT_DEFAULT_DISTANCE_KM;
  options->role_weights = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
  return options;
}

void
citynet_import_options_free(CitynetImportOptions *options)
{
  if (options == NULL)
    return;
  for (gsize i = 0; i < CITYNET_IMPORT_N_COLUMNS; i++)
    g_free(options->columns[i]);
  g_free(options->encoding);
  g_free(options->layer);
  g_free(options->gazetteer);
  g_free(options->gazetteer_layout);
  g_free(options->districts);
  g_free(options->country_aliases);
  g_hash_table_unref(options->role_weights);
  g_free(options);
}

static gboolean
invalid(GError **error, const char *what, const char *value, const char *allowed)
{
  g_set_error(error, CITYNET_ERROR, CITYNET_ERROR_INVALID_ARGUMENT,
              "unknown %s \"%s\" (expected %s)", what, value ? value : "(null)", allowed);
  return FALSE;
}

/* Whether @value is one of the NULL-terminated @names, ignoring case. */
static gboolean
one_of(const char *value, const char *const *names)
{
  for (gsize i = 0; value != NULL && names[i] != NULL; i++)
    if (g_ascii_strcasecmp(value, names[i]) == 0)
      return TRUE;
  return FALSE;
}

gboolean
citynet_import_options_set_column(CitynetImportOptions *options,
                                  CitynetImportColumn column, const char *header,
                                  GError **error)
{
  g_return_val_if_fail(options != NULL, FALSE);
  if ((int) column < 0 || (int) column >= CITYNET_IMPORT_N_COLUMNS) {
    g_set_error(error, CITYNET_ERROR, CITYNET_ERROR_INVALID_ARGUMENT,
                "unknown import column %d", (int) column);
    return FALSE;
  }
  if (header != NULL && !g_utf8_validate(header, -1, NULL)) {
    g_set_error(error, CITYNET_ERROR, CITYNET_ERROR_INVALID_ARGUMENT,
                "a column name must be UTF-8");
    return FALSE;
  }
  g_free(options->columns[column]);
  options->columns[column] = g_strdup(header);
  return TRUE;
}

gboolean
citynet_import_options_set_encoding(CitynetImportOptions *options,
                                    const char *encoding, GError **error)
{
  g_return_val_if_fail(options != NULL, FALSE);
  static const char *const utf8[] = {"utf-8", "utf8", NULL};
  static const char *const latin1[] = {"latin-1", "latin1", "iso-8859-1", "iso8859-1", NULL};
  static const char *const cp1252[] = {"windows-1252", "cp1252", "windows1252", NULL};
  const char *canonical = NULL;
  if (encoding != NULL && g_ascii_strcasecmp(encoding, "auto") == 0)
    canonical = "auto";
  else if (one_of(encoding, utf8))
    canonical = "utf-8";
  else if (one_of(encoding, latin1))
    canonical = "latin-1";
  else if (one_of(encoding, cp1252))
    canonical = "windows-1252";
  if (canonical == NULL)
    return invalid(error, "encoding", encoding, "auto, utf-8, latin-1 or windows-1252");
  g_free(options->encoding);
  options->encoding = g_strdup(canonical);
  return TRUE;
}

gboolean
citynet_import_options_set_delimiter(CitynetImportOptions *options,
                                     const char *delimiter, GError **error)
{
  g_return_val_if_fail(options != NULL, FALSE);
  static const struct {
    const char *name;
    char value;
  } names[] = {
    {"auto", 0}, {",", ','}, {"comma", ','}, {";", ';'}, {"semicolon", ';'},
    {"\t", '\t'}, {"\\t", '\t'}, {"tab", '\t'},
  };
  for (gsize i = 0; delimiter != NULL && i < G_N_ELEMENTS(names); i++)
    if (g_ascii_strcasecmp(delimiter, names[i].name) == 0) {
      options->delimiter = names[i].value;
      return TRUE;
    }
  return invalid(error, "delimiter", delimiter, "auto, \",\", \";\", tab");
}

gboolean
citynet_import_options_set_decimal(CitynetImportOptions *options,
                                   const char *decimal, GError **error)
{
  g_return_val_if_fail(options != NULL, FALSE);
  static const char *const modes[] = {"auto", "point", "comma", NULL};
  for (int i = 0; decimal != NULL && modes[i] != NULL; i++)
    if (g_ascii_strcasecmp(decimal, modes[i]) == 0) {
      options->decimal = i;
      return TRUE;
    }
  return invalid(error, "decimal separator", decimal, "auto, point or comma");
}

gboolean
citynet_import_options_set_layer(CitynetImportOptions *options, const char *layer,
                                 GError **error)
{
  g_return_val_if_fail(options != NULL, FALSE);
  if (layer != NULL && !citynet_text_is_clean(layer, -1)) {
    g_set_error(error, CITYNET_ERROR, CITYNET_ERROR_INVALID_ARGUMENT,
                "a layer must be non-empty UTF-8 without control characters");
    return FALSE;
  }
  g_free(options->layer);
  options->layer = g_strdup(layer);
  return TRUE;
}

void
citynet_import_options_set_directed(CitynetImportOptions *options, gboolean directed)
{
  g_return_if_fail(options != NULL);
  options->directed = directed ? 1 : 0;
}

gboolean
citynet_import_options_set_gazetteer(CitynetImportOptions *options, const char *path,
                                     const char *layout, GError **error)
{
  g_return_val_if_fail(options != NULL, FALSE);
  static const char *const layouts[] = {"auto", "simplemaps", "geonames", NULL};
  if (layout != NULL && !one_of(layout, layouts))
    return invalid(error, "gazetteer layout", layout, "auto, simplemaps or geonames");
  g_free(options->gazetteer);
  options->gazetteer = g_strdup(path);
  g_free(options->gazetteer_layout);
  options->gazetteer_layout = g_ascii_strdown(layout != NULL ? layout : "auto", -1);
  return TRUE;
}

gboolean
citynet_import_options_set_distance(CitynetImportOptions *options, double km,
                                    GError **error)
{
  g_return_val_if_fail(options != NULL, FALSE);
  if (!(isfinite(km) && km > 0.0)) {
    g_set_error(error, CITYNET_ERROR, CITYNET_ERROR_INVALID_ARGUMENT,
                "the distance must be a finite number of kilometres > 0");
    return FALSE;
  }
  options->distance_km = km;
  return TRUE;
}

gboolean
citynet_import_options_set_districts(CitynetImportOptions *options, const char *path,
                                     GError **error)
{
  g_return_val_if_fail(options != NULL, FALSE);
  g_free(options->districts);
  options->districts = g_strdup(path);
  return TRUE;
}

gboolean
citynet_import_options_set_country_aliases(CitynetImportOptions *options,
                                           const char *path, GError **error)
{
  g_return_val_if_fail(options != NULL, FALSE);
  g_free(options->country_aliases);
  options->country_aliases = g_strdup(path);
  return TRUE;
}

gboolean
citynet_import_options_set_role_weight(CitynetImportOptions *options,
                                       const char *role, double weight,
                                       GError **error)
{
  g_return_val_if_fail(options != NULL, FALSE);
  char *key = role != NULL && g_utf8_validate(role, -1, NULL) ? citynet_import_key(role, FALSE)
                                                              : g_strdup("");
  if (key[0] == '\0' || !(isfinite(weight) && weight > 0.0)) {
    g_free(key);
    g_set_error(error, CITYNET_ERROR, CITYNET_ERROR_INVALID_ARGUMENT,
                "a role weight needs a role name and a finite weight > 0");
    return FALSE;
  }
  double *value = g_new(double, 1);
  *value = weight;
  g_hash_table_replace(options->role_weights, key, value);
  return TRUE;
}

gboolean
citynet_import_options_role_weight(const CitynetImportOptions *options,
                                   const char *role, double *weight,
                                   char **canonical)
{
  char *key = citynet_import_key(role, FALSE);
  if (key[0] == '\0') {
    g_free(key);
    key = g_strdup("member");
  }
  const double *user = g_hash_table_lookup(options->role_weights, key);
  gboolean found = user != NULL;
  if (found)
    *weight = *user;
  for (gsize i = 0; !found && i < G_N_ELEMENTS(builtin_roles); i++)
    if (strcmp(builtin_roles[i].role, key) == 0) {
      *weight = builtin_roles[i].weight;
      found = TRUE;
    }
  if (found)
    *canonical = key;
  else
    g_free(key);
  return found;
}
