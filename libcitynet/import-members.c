/* libcitynet - importing membership lists: cities in organisations, one
 * membership per row, with a role that sets the tie's weight. */
#include <math.h>

#include "import-private.h"

#define NAMES(...) ((const char *const[]){__VA_ARGS__, NULL})

static gboolean
read_role(CitynetImport *import, double *weight, char **role, GString *reason)
{
  const char *cell = citynet_import_cell(import, CITYNET_IMPORT_COLUMN_ROLE);
  if (citynet_import_options_role_weight(citynet_import_options(import), cell, weight, role))
    return TRUE;
  g_string_printf(reason, "unknown role \"%s\" (column \"%s\"); give it a weight with the "
                  "role-weight option", cell,
                  citynet_import_header(import, CITYNET_IMPORT_COLUMN_ROLE));
  return FALSE;
}

static gboolean
read_member_row(CitynetImport *import, GString *reason)
{
  CitynetImportCity city;
  char *organisation = NULL, *key = NULL, *role = NULL;
  double role_weight = 1.0;
  CitynetImportTieFields fields;
  gboolean ok = citynet_import_read_city(import, CITYNET_IMPORT_COLUMN_CITY,
                                         CITYNET_IMPORT_COLUMN_COUNTRY,
                                         CITYNET_IMPORT_COLUMN_LATITUDE,
                                         CITYNET_IMPORT_COLUMN_LONGITUDE, &city, reason) &&
                citynet_import_read_name(import, CITYNET_IMPORT_COLUMN_ORGANISATION,
                                         &organisation, &key, reason) &&
                read_role(import, &role_weight, &role, reason) &&
                citynet_import_read_tie_fields(import, &fields, reason);
  if (ok) {
    guint32 member = citynet_import_add_city(import, &city);
    guint32 index = citynet_import_add_organisation(import, organisation, key);
    /* An explicit weight wins over the role's. */
    citynet_import_add_row(import, member, G_MAXUINT32, index, &fields,
                           isnan(fields.weight) ? role_weight : fields.weight, role);
  }
  citynet_import_city_clear(&city);
  g_free(organisation);
  g_free(key);
  g_free(role);
  return ok;
}

static const CitynetImportKind members_kind = {
  .name = "members",
  .default_layer = "member",
  .default_directed = TRUE,
  .defaults = {
    [CITYNET_IMPORT_COLUMN_CITY] = NAMES("city", "municipality", "member city", "city name"),
    [CITYNET_IMPORT_COLUMN_COUNTRY] = NAMES("country", "country name", "member country"),
    [CITYNET_IMPORT_COLUMN_LATITUDE] = NAMES("lat", "latitude"),
    [CITYNET_IMPORT_COLUMN_LONGITUDE] = NAMES("lng", "lon", "long", "longitude"),
    [CITYNET_IMPORT_COLUMN_ORGANISATION] = NAMES("organisation", "organization", "org",
                                                 "network", "organisation name",
                                                 "organization name", "org name"),
    [CITYNET_IMPORT_COLUMN_ROLE] = NAMES("role", "member role"),
    [CITYNET_IMPORT_COLUMN_START] = NAMES("start", "date", "year", "since", "start date",
                                          "joined"),
    [CITYNET_IMPORT_COLUMN_END] = NAMES("end", "until", "end date", "left"),
    [CITYNET_IMPORT_COLUMN_WEIGHT] = NAMES("weight"),
    [CITYNET_IMPORT_COLUMN_REF] = NAMES("ref", "reference", "citation", "source url", "url"),
  },
  .required = (1u << CITYNET_IMPORT_COLUMN_CITY) | (1u << CITYNET_IMPORT_COLUMN_COUNTRY) |
              (1u << CITYNET_IMPORT_COLUMN_ORGANISATION),
  .read_row = read_member_row,
};

CitynetNetwork *
citynet_import_members(const char *path, const CitynetImportOptions *options,
                       CitynetImportReport **report, GError **error)
{
  g_return_val_if_fail(path != NULL, NULL);
  return citynet_import_run(&members_kind, path, options, report, error);
}
