/* libcitynet - importing pair lists: one tie between two cities per row
 * (sister cities, partnerships, visits, ...). */
#include <math.h>

#include "import-private.h"

#define NAMES(...) ((const char *const[]){__VA_ARGS__, NULL})

static gboolean
read_pair_row(CitynetImport *import, GString *reason)
{
  CitynetImportCity source, target;
  gboolean ok = citynet_import_read_city(import, CITYNET_IMPORT_COLUMN_SOURCE_CITY,
                                         CITYNET_IMPORT_COLUMN_SOURCE_COUNTRY,
                                         CITYNET_IMPORT_COLUMN_SOURCE_LATITUDE,
                                         CITYNET_IMPORT_COLUMN_SOURCE_LONGITUDE, &source, reason);
  /* The second city is read even when the first failed, so that both
   * countries are accounted for in the report. */
  ok = citynet_import_read_city(import, CITYNET_IMPORT_COLUMN_TARGET_CITY,
                                CITYNET_IMPORT_COLUMN_TARGET_COUNTRY,
                                CITYNET_IMPORT_COLUMN_TARGET_LATITUDE,
                                CITYNET_IMPORT_COLUMN_TARGET_LONGITUDE, &target, reason) && ok;
  CitynetImportTieFields fields;
  ok = ok && citynet_import_read_tie_fields(import, &fields, reason);
  if (ok) {
    guint32 a = citynet_import_add_city(import, &source);
    guint32 b = citynet_import_add_city(import, &target);
    citynet_import_add_row(import, a, b, 0, &fields, isnan(fields.weight) ? 1.0 : fields.weight,
                           NULL);
  }
  citynet_import_city_clear(&source);
  citynet_import_city_clear(&target);
  return ok;
}

static const CitynetImportKind pairs_kind = {
  .name = "pairs",
  .default_layer = "sister",
  .default_directed = FALSE,
  .defaults = {
    [CITYNET_IMPORT_COLUMN_SOURCE_CITY] = NAMES("city1", "city 1", "source city", "city a"),
    [CITYNET_IMPORT_COLUMN_SOURCE_COUNTRY] = NAMES("country1", "country 1", "source country",
                                                   "country a"),
    [CITYNET_IMPORT_COLUMN_SOURCE_LATITUDE] = NAMES("lat1", "latitude1", "lat 1", "latitude 1",
                                                    "source lat", "source latitude"),
    [CITYNET_IMPORT_COLUMN_SOURCE_LONGITUDE] = NAMES("lng1", "lon1", "long1", "longitude1",
                                                     "lng 1", "lon 1", "longitude 1",
                                                     "source lng", "source lon",
                                                     "source longitude"),
    [CITYNET_IMPORT_COLUMN_TARGET_CITY] = NAMES("city2", "city 2", "target city", "city b"),
    [CITYNET_IMPORT_COLUMN_TARGET_COUNTRY] = NAMES("country2", "country 2", "target country",
                                                   "country b"),
    [CITYNET_IMPORT_COLUMN_TARGET_LATITUDE] = NAMES("lat2", "latitude2", "lat 2", "latitude 2",
                                                    "target lat", "target latitude"),
    [CITYNET_IMPORT_COLUMN_TARGET_LONGITUDE] = NAMES("lng2", "lon2", "long2", "longitude2",
                                                     "lng 2", "lon 2", "longitude 2",
                                                     "target lng", "target lon",
                                                     "target longitude"),
    [CITYNET_IMPORT_COLUMN_START] = NAMES("start", "date", "year", "since", "start date"),
    [CITYNET_IMPORT_COLUMN_END] = NAMES("end", "until", "end date"),
    [CITYNET_IMPORT_COLUMN_WEIGHT] = NAMES("weight"),
    [CITYNET_IMPORT_COLUMN_REF] = NAMES("ref", "reference", "citation", "source url", "url"),
  },
  .required = (1u << CITYNET_IMPORT_COLUMN_SOURCE_CITY) |
              (1u << CITYNET_IMPORT_COLUMN_SOURCE_COUNTRY) |
              (1u << CITYNET_IMPORT_COLUMN_TARGET_CITY) |
              (1u << CITYNET_IMPORT_COLUMN_TARGET_COUNTRY),
  .read_row = read_pair_row,
};

CitynetNetwork *
citynet_import_pairs(const char *path, const CitynetImportOptions *options,
                     CitynetImportReport **report, GError **error)
{
  g_return_val_if_fail(path != NULL, NULL);
  return citynet_import_run(&pairs_kind, path, options, report, error);
}
