/* Importing lists: one test per rule of docs/import.md. */
#include <math.h>
#include <string.h>

#include "test-util.h"
#include "import-private.h"

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

typedef struct {
  char *dir;
  CitynetImportOptions *options;
  CitynetImportReport *report;
  CitynetNetwork *network;
} Fixture;

static int
setup(void **state)
{
  Fixture *f = g_new0(Fixture, 1);
  f->dir = test_mkdtemp();
  f->options = citynet_import_options_new();
  *state = f;
  return 0;
}

static int
teardown(void **state)
{
  Fixture *f = *state;
  citynet_network_unref(f->network);
  citynet_import_report_free(f->report);
  citynet_import_options_free(f->options);
  test_rmtree(f->dir);
  g_free(f->dir);
  g_free(f);
  return 0;
}

static char *
write_input(Fixture *f, const char *name, const char *contents, gssize length)
{
  char *path = g_build_filename(f->dir, name, NULL);
  GError *error = NULL;
  g_file_set_contents(path, contents, length, &error);
  assert_no_error(error);
  return path;
}

/* The report invariant, checked after every import. */
static void
assert_accounted(const CitynetImportReport *report)
{
  assert_int_equal(citynet_import_report_rows_read(report),
                   citynet_import_report_rows_kept(report) +
                       citynet_import_report_rows_merged(report) +
                       citynet_import_report_rows_rejected(report));
  assert_int_equal(citynet_import_report_n_rejected(report),
                   citynet_import_report_rows_rejected(report));
}

/* Imports @contents as pairs (or members) with the fixture's options. */
static CitynetNetwork *
import_text(Fixture *f, const char *contents, gssize length, gboolean members)
{
  char *path = write_input(f, "input.csv", contents, length);
  citynet_network_unref(f->network);
  citynet_import_report_free(f->report);
  f->report = NULL;
  GError *error = NULL;
  f->network = members ? citynet_import_members(path, f->options, &f->report, &error)
                       : citynet_import_pairs(path, f->options, &f->report, &error);
  assert_no_error(error);
  assert_non_null(f->network);
  assert_non_null(f->report);
  assert_accounted(f->report);
  g_free(path);
  return f->network;
}

static gssize
node(const CitynetNetwork *network, const char *id)
{
  gssize index = citynet_network_node_index(network, id);
  if (index < 0)
    fail_msg("no node \"%s\"", id);
  return index;
}

static void
assert_rejected(const CitynetImportReport *report, guint line, const char *needle)
{
  for (gsize i = 0; i < citynet_import_report_n_rejected(report); i++) {
    guint at;
    const char *reason;
    citynet_import_report_rejected(report, i, &at, &reason);
    if (at == line && strstr(reason, needle) != NULL)
      return;
  }
  fail_msg("line %u was not rejected with \"%s\"", line, needle);
}

/* ------------------------------------------------------------------------ */
/* Keys and countries                                                       */
/* ------------------------------------------------------------------------ */

static void
assert_key(const char *text, const char *expected)
{
  char *key = citynet_import_key(text, FALSE);
  if (strcmp(key, expected) != 0)
    fail_msg("key(\"%s\") = \"%s\", expected \"%s\"", text, key, expected);
  g_free(key);
}

static void
test_keys(void **state)
{
  assert_key("Constanța", "constanta");
  assert_key("Constanţa", "constanta");
  assert_key("İstanbul", "istanbul");
  assert_key("St. Gallen", "st gallen");
  assert_key("St Gallen", "st gallen");
  assert_key("L'Aquila", "laquila");
  assert_key("L’Aquila", "laquila");
  assert_key("Villeneuve-d'Ascq", "villeneuve dascq");
  assert_key("Frankfurt (Oder)", "frankfurt oder");
  assert_key("  Rio  de\tJaneiro ", "rio de janeiro");
  assert_key("Trinidad & Tobago", "trinidad and tobago");
  assert_key("---", "");
  char *slug = citynet_import_slug("rio de janeiro");
  assert_string_equal(slug, "rio-de-janeiro");
  g_free(slug);
  char *country = citynet_import_key("The Netherlands", TRUE);
  assert_string_equal(country, "netherlands");
  g_free(country);
}

static void
assert_country(const char *value, const char *expected)
{
  const char *got = citynet_country_resolve(value);
  if (g_strcmp0(got, expected) != 0)
    fail_msg("resolve(\"%s\") = %s, expected %s", value, got ? got : "NULL",
             expected ? expected : "NULL");
}

static void
test_country_variants(void **state)
{
  assert_country("Turkey", "TUR");
  assert_country("Türkiye", "TUR");
  assert_country("TURKIYE", "TUR");
  assert_country("Czech Republic", "CZE");
  assert_country("Czechia", "CZE");
  assert_country("Macedonia", "MKD");
  assert_country("North Macedonia", "MKD");
  assert_country("Georgia (country)", "GEO");
  assert_country("Georgia", "GEO");
  assert_country("Ivory Coast", "CIV");
  assert_country("Côte d'Ivoire", "CIV");
  assert_country("Côte D’Ivoire", "CIV");
  assert_country("COTE D'IVOIRE", "CIV");
  assert_country("Republic of Korea", "KOR");
  assert_country("Korea, Republic of", "KOR");
  assert_country("South Korea", "KOR");
  assert_country("Korea, South", "KOR");
  assert_country("North Korea", "PRK");
  assert_country("UK", "GBR");
  assert_country("United Kingdom", "GBR");
  assert_country("England", "GBR");
  assert_country("USA", "USA");
  assert_country("United States of America", "USA");
  assert_country("Russia", "RUS");
  assert_country("Russian Federation", "RUS");
  assert_country("Vietnam", "VNM");
  assert_country("Viet Nam", "VNM");
  assert_country("Palestine", "PSE");
  assert_country("State of Palestine", "PSE");
  assert_country("Kosovo", "XKX");
  assert_country("XK", "XKX");
  assert_country("Northern Cyprus", "XNC");
  assert_country("Turkish Republic of Northern Cyprus", "XNC");
  assert_country("The Netherlands", "NLD");
  assert_country("Bahamas, The", "BHS");
  assert_country("Congo (Kinshasa)", "COD");
  assert_country("Democratic Republic of the Congo", "COD");
  assert_country("Congo", "COG");
  assert_country("Iran (Islamic Republic of)", "IRN");
  assert_country("Saint Helena, Ascension, And Tristan Da Cunha", "SHN");
}

static void
test_country_codes(void **state)
{
  assert_country("TR", "TUR");
  assert_country("tr", "TUR");
  assert_country("TUR", "TUR");
  assert_country("tur", "TUR");
  assert_country("GB", "GBR");
  assert_country(" DE ", "DEU");
  assert_country("ZZ", NULL);
  assert_country("ZZZ", NULL);
  assert_string_equal(citynet_country_name("TUR"), "Türkiye");
  assert_string_equal(citynet_country_name("RUS"), "Russia");
  assert_string_equal(citynet_country_name("XKX"), "Kosovo");
  assert_null(citynet_country_name("TR"));
  assert_null(citynet_country_name("ZZZ"));
}

/* "Region, Country": the country decides, unless the region is that
 * country or an ISO 3166-1 entity belonging to it. */
static void
test_country_qualified(void **state)
{
  assert_country("Brandenburg, Germany", "DEU");
  assert_country("England, United Kingdom", "GBR");
  assert_country("Réunion, France", "REU");
  assert_country("Åland Islands, Finland", "ALA");
  assert_country("Georgia, United States", "USA");
  assert_country("Texas, USA", "USA");
  assert_country("Nowhere, Atlantis", NULL);
}

/* Deliberately unmatched: historical states, typos, ambiguous names. */
static void
test_country_unmatched(void **state)
{
  assert_country("", NULL);
  assert_country("   ", NULL);
  assert_country(NULL, NULL);
  assert_country("\xff", NULL);
  assert_country("Yugoslavia", NULL);
  assert_country("Soviet Union", NULL);
  assert_country("Czechoslovakia", NULL);
  assert_country("Moldavia", NULL);
  assert_country("Island", NULL);
  assert_country("Grece", NULL);
  assert_country("in Italy", NULL);
  assert_country("Korea", NULL);
  assert_string_equal(citynet_country_suggest("Grece"), "Greece");
  assert_string_equal(citynet_country_suggest("Kazakhstah"), "Kazakhstan");
  assert_string_equal(citynet_country_suggest("Moldavia"), "Moldova");
  /* "Island" is two edits from Iceland and from Ireland: only a hint. */
  assert_non_null(citynet_country_suggest("Island"));
  assert_null(citynet_country_suggest("Atlantis"));
}

static void
test_crosswalk_consistent(void **state)
{
  char *conflicts = NULL;
  guint n = citynet_country_table_conflicts(&conflicts);
  if (n != 0)
    fail_msg("%u crosswalk conflicts:\n%s", n, conflicts);
  g_free(conflicts);
}

/* Every row of data/countries/: codes and names resolve to their own
 * code, and every alias to the code it names. */
static void
test_crosswalk_rows(void **state)
{
  const char *files[] = {"iso3166.csv", "aliases.csv"};
  for (gsize f = 0; f < G_N_ELEMENTS(files); f++) {
    char *path = g_build_filename(test_source_root(), "data", "countries", files[f], NULL);
    CitynetImportReader reader;
    GError *error = NULL;
    assert_true(citynet_import_reader_open(&reader, path, "utf-8", ',', &error));
    assert_no_error(error);
    citynet_import_reader_next(&reader);
    gsize rows = 0;
    while (citynet_import_reader_next(&reader) == CITYNET_IMPORT_ROW) {
      if (f == 0) {
        const char *iso3 = citynet_import_reader_field(&reader, 0);
        assert_country(iso3, iso3);
        if (citynet_import_reader_field(&reader, 1)[0] != '\0')
          assert_country(citynet_import_reader_field(&reader, 1), iso3);
        for (guint c = 3; c <= 5; c++)
          if (citynet_import_reader_field(&reader, c)[0] != '\0')
            assert_country(citynet_import_reader_field(&reader, c), iso3);
        assert_non_null(citynet_country_name(iso3));
      } else {
        assert_country(citynet_import_reader_field(&reader, 0),
                       citynet_import_reader_field(&reader, 1));
        if (citynet_import_reader_field(&reader, 2)[0] == '\0')
          fail_msg("alias \"%s\" gives no reason", citynet_import_reader_field(&reader, 0));
      }
      rows++;
    }
    assert_true(rows > (f == 0 ? 240u : 50u));
    citynet_import_reader_clear(&reader);
    g_free(path);
  }
}

/* Every country of the shared gazetteers resolves, by name and by code,
 * and consistently: simplemaps' own XKS and XWB map to XKX and PSE. */
static void
test_gazetteer_countries(void **state)
{
  const char *data = test_shared_data();
  if (data == NULL) {
    print_message("# SKIP: ../shared/data is absent\n");
    skip();
  }
  char *path = g_build_filename(data, "simplemaps-worldcities-basic", "worldcities.csv", NULL);
  CitynetImportReader reader;
  GError *error = NULL;
  assert_true(citynet_import_reader_open(&reader, path, "auto", 0, &error));
  citynet_import_reader_next(&reader);
  gsize rows = 0;
  while (citynet_import_reader_next(&reader) == CITYNET_IMPORT_ROW) {
    const char *name = citynet_import_reader_field(&reader, 4);
    const char *iso2 = citynet_import_reader_field(&reader, 5);
    const char *iso3 = citynet_import_reader_field(&reader, 6);
    const char *expected = strcmp(iso3, "XKS") == 0   ? "XKX"
                           : strcmp(iso3, "XWB") == 0 ? "PSE"
                                                      : iso3;
    assert_country(name, expected);
    assert_country(iso3, expected);
    if (strcmp(iso2, "XW") != 0) /* simplemaps' own code for the West Bank */
      assert_country(iso2, expected);
    rows++;
  }
  assert_int_equal(rows, 15493);
  citynet_import_reader_clear(&reader);
  g_free(path);

  path = g_build_filename(data, "geonames-world-cities-15000", "world_cities_15000.csv", NULL);
  assert_true(citynet_import_reader_open(&reader, path, "auto", 0, &error));
  citynet_import_reader_next(&reader);
  rows = 0;
  while (citynet_import_reader_next(&reader) == CITYNET_IMPORT_ROW) {
    const char *iso2 = citynet_import_reader_field(&reader, 0);
    if (citynet_country_resolve(iso2) == NULL)
      fail_msg("GeoNames country %s does not resolve", iso2);
    rows++;
  }
  assert_true(rows > 30000);
  citynet_import_reader_clear(&reader);
  g_free(path);
}

/* ------------------------------------------------------------------------ */
/* Reading                                                                  */
/* ------------------------------------------------------------------------ */

static void
test_reader_quotes(void **state)
{
  const char text[] = "a,b,c\n"
                      "\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\n"
                      "\r\n   \n"
                      "  plain  ,\"Foo\" Bar,un\"quoted\r\n"
                      "\"never closed,2,3\n"
                      "last,row,here";
  CitynetImportReader reader;
  assert_true(citynet_import_reader_init(&reader, text, sizeof(text) - 1, "t", "auto", 0, NULL));
  assert_int_equal(reader.delimiter, ',');
  assert_int_equal(citynet_import_reader_next(&reader), CITYNET_IMPORT_ROW);
  assert_int_equal(citynet_import_reader_next(&reader), CITYNET_IMPORT_ROW);
  assert_int_equal(reader.row_line, 2);
  assert_string_equal(citynet_import_reader_field(&reader, 0), "x, y");
  assert_string_equal(citynet_import_reader_field(&reader, 1), "say \"hi\"");
  assert_string_equal(citynet_import_reader_field(&reader, 2), "two\nlines");
  assert_int_equal(citynet_import_reader_next(&reader), CITYNET_IMPORT_ROW);
  assert_int_equal(reader.row_line, 6);
  assert_string_equal(citynet_import_reader_field(&reader, 0), "plain");
  assert_string_equal(citynet_import_reader_field(&reader, 1), "Foo Bar");
  assert_string_equal(citynet_import_reader_field(&reader, 2), "un\"quoted");
  assert_int_equal(citynet_import_reader_next(&reader), CITYNET_IMPORT_BAD);
  assert_int_equal(reader.row_line, 7);
  assert_string_equal(reader.problem, "unterminated quoted field");
  /* The bad quote costs its own line only. */
  assert_int_equal(citynet_import_reader_next(&reader), CITYNET_IMPORT_ROW);
  assert_int_equal(reader.row_line, 8);
  assert_string_equal(citynet_import_reader_field(&reader, 2), "here");
  assert_string_equal(citynet_import_reader_field(&reader, 7), "");
  assert_int_equal(citynet_import_reader_next(&reader), CITYNET_IMPORT_END);
  citynet_import_reader_clear(&reader);
}

static void
test_reader_delimiters(void **state)
{
  static const struct {
    const char *text;
    char expected;
  } cases[] = {
    {"city1;country1;city2;country2\nA;B;C;D\n", ';'},
    {"city1\tcountry1\tcity2\tcountry2\n", '\t'},
    {"\"a;b\",c\n", ','},
    {"single\n", ','},
    {"\n\n a;b,c;d\n", ';'},
  };
  for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
    CitynetImportReader reader;
    assert_true(citynet_import_reader_init(&reader, cases[i].text, strlen(cases[i].text), "t",
                                           "auto", 0, NULL));
    if (reader.delimiter != cases[i].expected)
      fail_msg("case %zu: delimiter '%c'", i, reader.delimiter);
    citynet_import_reader_clear(&reader);
  }
}

static void
test_numbers(void **state)
{
  double v;
  assert_true(citynet_import_parse_number("41.0136", 0, &v));
  assert_double_close(v, 41.0136, 1e-12);
  assert_true(citynet_import_parse_number("41,0136", 0, &v));
  assert_double_close(v, 41.0136, 1e-12);
  assert_true(citynet_import_parse_number("-8,5", 2, &v));
  assert_double_close(v, -8.5, 1e-12);
  assert_false(citynet_import_parse_number("41,0136", 1, &v));
  assert_false(citynet_import_parse_number("41.0136", 2, &v));
  assert_false(citynet_import_parse_number("1,234.5", 0, &v));
  assert_false(citynet_import_parse_number("1,2,3", 0, &v));
  assert_true(citynet_import_parse_number("1e3", 0, &v));
  assert_double_close(v, 1000.0, 0);
  assert_false(citynet_import_parse_number("", 0, &v));
  assert_false(citynet_import_parse_number("abc", 0, &v));
  assert_false(citynet_import_parse_number("nan", 0, &v));
  assert_false(citynet_import_parse_number("1e999", 0, &v));
}

static const char semicolon_file[] =
  "city1;country1;lat1;lng1;city2;country2;lat2;lng2\n"
  "Istanbul;Turkey;41,0136;28,955;Rio de Janeiro;Brazil;-22,9111;-43,2056\n";

static void
test_semicolons_and_decimal_commas(void **state)
{
  Fixture *f = *state;
  CitynetNetwork *network = import_text(f, semicolon_file, -1, FALSE);
  assert_int_equal(citynet_import_report_delimiter(f->report), ';');
  assert_int_equal(citynet_network_n_ties(network), 1);
  double lat, lon;
  assert_true(citynet_network_node_location(network, node(network, "istanbul-tur"), &lat, &lon));
  assert_double_close(lat, 41.0136, 1e-12);
  assert_double_close(lon, 28.955, 1e-12);

  /* "point" refuses them: the rows are rejected, not misread. */
  assert_true(citynet_import_options_set_decimal(f->options, "point", NULL));
  import_text(f, semicolon_file, -1, FALSE);
  assert_int_equal(citynet_import_report_rows_rejected(f->report), 1);
  assert_rejected(f->report, 2, "is not a number");
}

static void
test_tab_delimiter_option(void **state)
{
  Fixture *f = *state;
  assert_true(citynet_import_options_set_delimiter(f->options, "tab", NULL));
  CitynetNetwork *network = import_text(f, "city1\tcountry1\tcity2\tcountry2\n"
                                           "Paris, Texas\tUSA\tParis\tFrance\n", -1, FALSE);
  node(network, "paris-texas-usa");
  node(network, "paris-fra");
  GError *error = NULL;
  assert_false(citynet_import_options_set_delimiter(f->options, "|", &error));
  assert_citynet_error(error, CITYNET_ERROR_INVALID_ARGUMENT, "delimiter");
}

static const char *const expected_names[] = {"Besançon", "Mönchengladbach"};

static void
assert_two_names(const CitynetNetwork *network)
{
  assert_string_equal(citynet_network_node_name(network, node(network, "besancon-fra")),
                      expected_names[0]);
  assert_string_equal(citynet_network_node_name(network, node(network, "monchengladbach-deu")),
                      expected_names[1]);
}

static void
test_encodings(void **state)
{
  Fixture *f = *state;
  const char *utf8 = "city1,country1,city2,country2\nBesançon,France,Mönchengladbach,Germany\n";
  char *bom = g_strconcat("\xEF\xBB\xBF", utf8, NULL);
  assert_two_names(import_text(f, bom, -1, FALSE));
  assert_string_equal(citynet_import_report_encoding(f->report), "utf-8");
  g_free(bom);

  /* Latin-1 by option and by detection (cp1252 is a superset). */
  const char *latin1 = "city1,country1,city2,country2\nBesan\xe7on,France,M\xf6nchengladbach,Germany\n";
  assert_true(citynet_import_options_set_encoding(f->options, "latin-1", NULL));
  assert_two_names(import_text(f, latin1, -1, FALSE));
  assert_string_equal(citynet_import_report_encoding(f->report), "latin-1");
  assert_true(citynet_import_options_set_encoding(f->options, "auto", NULL));
  assert_two_names(import_text(f, latin1, -1, FALSE));
  assert_string_equal(citynet_import_report_encoding(f->report), "windows-1252");

  /* Windows-1252's own letters (0x8C is Œ, 0x92 a right quote). */
  assert_true(citynet_import_options_set_encoding(f->options, "windows-1252", NULL));
  CitynetNetwork *network = import_text(
      f, "city1,country1,city2,country2\n\x8c" "deg\xe5rd,Denmark,L\x92" "Aquila,Italy\n", -1, FALSE);
  assert_string_equal(citynet_network_node_name(network, node(network, "oedegard-dnk")),
                      "Œdegård");
  assert_string_equal(citynet_network_node_name(network, node(network, "laquila-ita")),
                      "L’Aquila");

  /* UTF-16 with its byte order mark. */
  assert_true(citynet_import_options_set_encoding(f->options, "auto", NULL));
  gsize written = 0;
  char *utf16 = g_convert(utf8, -1, "UTF-16LE", "UTF-8", NULL, &written, NULL);
  GString *with_bom = g_string_new_len("\xFF\xFE", 2);
  g_string_append_len(with_bom, utf16, (gssize) written);
  assert_two_names(import_text(f, with_bom->str, (gssize) with_bom->len, FALSE));
  assert_string_equal(citynet_import_report_encoding(f->report), "utf-16le");
  g_string_free(with_bom, TRUE);
  g_free(utf16);

  /* Declared UTF-8 that is not: the bad row alone is rejected. */
  assert_true(citynet_import_options_set_encoding(f->options, "utf-8", NULL));
  import_text(f, "city1,country1,city2,country2\nBesan\xe7on,France,Metz,France\nParis,FR,Lyon,FR\n",
              -1, FALSE);
  assert_int_equal(citynet_import_report_rows_kept(f->report), 1);
  assert_rejected(f->report, 2, "invalid UTF-8");

  GError *error = NULL;
  assert_false(citynet_import_options_set_encoding(f->options, "ebcdic", &error));
  assert_citynet_error(error, CITYNET_ERROR_INVALID_ARGUMENT, "encoding");
  assert_true(citynet_import_options_set_encoding(f->options, "CP1252", NULL));
}

/* ------------------------------------------------------------------------ */
/* Rows, duplicates, the report                                             */
/* ------------------------------------------------------------------------ */

static void
test_undirected_duplicates(void **state)
{
  Fixture *f = *state;
  const char *text = "city1,country1,city2,country2\n"
                     "Istanbul,Turkey,Odesa,Ukraine\n"
                     "Odesa,UA,İstanbul,Türkiye\n"
                     "ISTANBUL,TUR,odesa,Ukraine\n"
                     "Istanbul,Turkey,Kyiv,Ukraine\n";
  CitynetNetwork *network = import_text(f, text, -1, FALSE);
  assert_int_equal(citynet_network_n_ties(network), 2);
  assert_int_equal(citynet_import_report_rows_kept(f->report), 2);
  assert_int_equal(citynet_import_report_rows_merged(f->report), 2);
  assert_int_equal(citynet_import_report_ties_with_duplicates(f->report), 1);
  assert_string_equal(citynet_network_tie_attribute(network, 0, "count"), "3");
  assert_string_equal(citynet_network_tie_attribute(network, 1, "count"), "1");
  assert_false(citynet_network_tie_directed(network, 0));
  assert_string_equal(citynet_network_tie_layer(network, 0), "sister");
  /* The first spelling names the node; the others are listed. */
  assert_string_equal(citynet_network_node_name(network, node(network, "istanbul-tur")),
                      "Istanbul");
  assert_string_equal(citynet_network_node_attribute(network, node(network, "istanbul-tur"),
                                                     "alt_names"),
                      "İstanbul; ISTANBUL");
  assert_int_equal(citynet_import_report_n_name_merges(f->report), 3);

  /* Directed: A-B and B-A are different ties; A-B twice still merges. */
  citynet_import_options_set_directed(f->options, TRUE);
  assert_true(citynet_import_options_set_layer(f->options, "visit", NULL));
  network = import_text(f, text, -1, FALSE);
  assert_int_equal(citynet_network_n_ties(network), 3);
  assert_true(citynet_network_tie_directed(network, 0));
  assert_string_equal(citynet_network_tie_layer(network, 0), "visit");
  assert_string_equal(citynet_network_tie_attribute(network, 0, "count"), "2");
}

static void
test_dates_weights_refs(void **state)
{
  Fixture *f = *state;
  const char *text = "city1,country1,city2,country2,year,end,weight,ref\n"
                     "Istanbul,TR,Rio de Janeiro,BR,1965,,2,Gümüş 2024\n"
                     "Istanbul,TR,Rio de Janeiro,BR,1990,,,\n"
                     "Istanbul,TR,Kyiv,UA,2019-13,,,\n"
                     "Istanbul,TR,Odesa,UA,2020,2019,,\n"
                     "Istanbul,TR,Lviv,UA,,,0,\n"
                     "Istanbul,TR,Kharkiv,UA,,,x,\n";
  CitynetNetwork *network = import_text(f, text, -1, FALSE);
  /* Different dates make different ties. */
  assert_int_equal(citynet_network_n_ties(network), 2);
  assert_int_equal(citynet_network_tie_start(network, 0), 19650000);
  assert_double_close(citynet_network_tie_weight(network, 0), 2.0, 0);
  assert_string_equal(citynet_network_tie_ref(network, 0), "Gümüş 2024");
  assert_double_close(citynet_network_tie_weight(network, 1), 1.0, 0);
  assert_rejected(f->report, 4, "is not YYYY");
  assert_rejected(f->report, 5, "before start");
  assert_rejected(f->report, 6, "not > 0");
  assert_rejected(f->report, 7, "is not a number");
}

static const char messy_file[] =
  "city1,country1,lat1,lng1,city2,country2,lat2,lng2\n"   /* 1 */
  "Berat,Albania,40.7,19.95,Amasya,Turkey,40.65,35.83\n"  /* 2 kept */
  "Amasya,Turkey,40.65,35.83,Berat,Albania,40.7,19.95\n"  /* 3 merged */
  ",Albania,,,Amasya,Turkey,,\n"                          /* 4 empty city */
  "Varna,,,,Rostock,Germany,,\n"                          /* 5 empty country */
  "Sala,Sweden,,,Zakynthos,Grece,,\n"                     /* 6 unmatched */
  "Comrat,Moldavia,,,Bryansk,Russia,,\n"                  /* 7 unmatched */
  "Nienburg,Germany,52.6,9.2,Nienburg,Germany,52.6,9.2\n" /* 8 self-tie */
  "Paris,France,48.85,2.35,Lyon,France,95,4.8\n"          /* 9 bad lat */
  "Paris,France,48.85,,Lyon,France,,\n"                   /* 10 half coords */
  "Paris,France,,,Lyon\n"                                 /* 11 short */
  "Paris,France,,,Lyon,France,,,extra\n"                  /* 12 long */
  ",,,,,,,\n"                                             /* 13 empty */
  "\"Paris,France,,,Lyon,France,,\n"                      /* 14 quote */
  "Paris,France,,,Lyon,France,,,,\n"                      /* 15 kept */
  "Sala,Sweden,,,Zakynthos,Grece,,\n";                    /* 16 unmatched */

static void
test_report_accounts_for_every_row(void **state)
{
  Fixture *f = *state;
  import_text(f, messy_file, -1, FALSE);
  const CitynetImportReport *report = f->report;
  assert_int_equal(citynet_import_report_rows_read(report), 15);
  assert_int_equal(citynet_import_report_rows_kept(report), 2);
  assert_int_equal(citynet_import_report_rows_merged(report), 1);
  assert_int_equal(citynet_import_report_rows_rejected(report), 12);
  assert_rejected(report, 4, "empty source city");
  assert_rejected(report, 5, "empty country");
  assert_rejected(report, 6, "unmatched country \"Grece\"");
  assert_rejected(report, 7, "unmatched country \"Moldavia\"");
  assert_rejected(report, 8, "same place");
  assert_rejected(report, 9, "out of range");
  assert_rejected(report, 10, "source latitude without source longitude");
  assert_rejected(report, 11, "5 fields, the header 8");
  assert_rejected(report, 12, "9 fields, the header 8");
  assert_rejected(report, 13, "empty row");
  assert_rejected(report, 14, "unterminated quoted field");
  assert_rejected(report, 16, "Grece");
  /* Rejections come in line order. */
  guint previous = 0;
  for (gsize i = 0; i < citynet_import_report_n_rejected(report); i++) {
    guint line;
    citynet_import_report_rejected(report, i, &line, NULL);
    assert_true(line > previous);
    previous = line;
  }
  /* Unmatched countries name every row they cost. */
  assert_int_equal(citynet_import_report_n_unmatched_countries(report), 3);
  const char *value, *suggestion;
  const guint *lines;
  gsize n_lines;
  citynet_import_report_unmatched_country(report, 0, &value, &suggestion, &lines, &n_lines);
  assert_string_equal(value, "");
  assert_int_equal(n_lines, 1);
  assert_int_equal(lines[0], 5);
  citynet_import_report_unmatched_country(report, 1, &value, &suggestion, &lines, &n_lines);
  assert_string_equal(value, "Grece");
  assert_string_equal(suggestion, "Greece");
  assert_int_equal(n_lines, 2);
  assert_int_equal(lines[0], 6);
  assert_int_equal(lines[1], 16);
  /* Resolved values are listed with their rule. */
  gboolean saw_alias = FALSE;
  for (gsize i = 0; i < citynet_import_report_n_countries(report); i++) {
    const char *iso3, *rule;
    citynet_import_report_country(report, i, &value, &iso3, &rule, NULL);
    if (strcmp(value, "Turkey") == 0) {
      assert_string_equal(iso3, "TUR");
      assert_string_equal(rule, "alias");
      saw_alias = TRUE;
    }
  }
  assert_true(saw_alias);
}

static void
test_report_files(void **state)
{
  Fixture *f = *state;
  import_text(f, messy_file, -1, FALSE);
  char *json_path = g_build_filename(f->dir, "report.json", NULL);
  char *text_path = g_build_filename(f->dir, "report.txt", NULL);
  GError *error = NULL;
  assert_true(citynet_import_report_write_json(f->report, json_path, &error));
  assert_true(citynet_import_report_write_text(f->report, text_path, &error));
  assert_no_error(error);
  char *json = test_read_file(json_path);
  assert_non_null(strstr(json, "\"schema\":\"citynet.import-report/1\""));
  assert_non_null(strstr(json, "\"rows_read\":15"));
  assert_non_null(strstr(json, "{\"line\":14,\"reason\":\"unterminated quoted field\"}"));
  char *text = test_read_file(text_path);
  assert_non_null(strstr(text, "rows rejected  12\n"));
  assert_non_null(strstr(text, "\"Grece\" (did you mean \"Greece\"?): 2 rows, lines 6, 16\n"));
  g_free(json);
  g_free(text);
  /* Atomic: a missing directory fails without leaving anything. */
  char *bad = g_build_filename(f->dir, "missing", "report.json", NULL);
  assert_false(citynet_import_report_write_json(f->report, bad, &error));
  assert_citynet_error(error, CITYNET_ERROR_IO, "missing");
  g_free(bad);
  g_free(json_path);
  g_free(text_path);
}

/* ------------------------------------------------------------------------ */
/* Identity                                                                 */
/* ------------------------------------------------------------------------ */

static void
test_name_variants_merge(void **state)
{
  Fixture *f = *state;
  CitynetNetwork *network = import_text(
      f, "city1,country1,lat1,lng1,city2,country2,lat2,lng2\n"
         "Istanbul,Turkey,41.01,28.95,Constanța,Romania,44.1667,28.6333\n"
         "Thessaloniki,Greece,40.64,22.94,Constanţa,Romania,44.1767,28.6508\n",
      -1, FALSE);
  assert_int_equal(citynet_network_n_nodes(network), 3);
  gssize constanta = node(network, "constanta-rou");
  assert_string_equal(citynet_network_node_name(network, constanta), "Constanța");
  assert_string_equal(citynet_network_node_attribute(network, constanta, "alt_names"), "Constanţa");
  /* The first coordinates seen stay. */
  double lat;
  citynet_network_node_location(network, constanta, &lat, NULL);
  assert_double_close(lat, 44.1667, 1e-12);
  assert_int_equal(citynet_import_report_n_name_merges(f->report), 1);
  const char *id, *kept, *variant;
  guint first;
  gsize rows;
  citynet_import_report_name_merge(f->report, 0, &id, &kept, &variant, &first, &rows);
  assert_string_equal(id, "constanta-rou");
  assert_string_equal(kept, "Constanța");
  assert_string_equal(variant, "Constanţa");
  assert_int_equal(first, 3);
  assert_int_equal(rows, 1);
  /* Same name, other country: another place. */
  network = import_text(f, "city1,country1,city2,country2\n"
                           "Nicosia,Cyprus,Athens,Greece\n"
                           "Nicosia,Northern Cyprus,Ankara,Turkey\n", -1, FALSE);
  node(network, "nicosia-cyp");
  node(network, "nicosia-xnc");
}

static void
test_same_name_split_by_distance(void **state)
{
  Fixture *f = *state;
  const char *text = "city1,country1,lat1,lng1,city2,country2,lat2,lng2\n"
                     "Frankfurt,Germany,50.11,8.68,Lyon,France,45.76,4.83\n"
                     "Frankfurt,Germany,52.34,14.55,Gorzów,Poland,52.73,15.24\n"
                     "Frankfurt,Germany,50.12,8.70,Milan,Italy,45.46,9.19\n"
                     "Frankfurt,Germany,,,Birmingham,UK,,\n";
  CitynetNetwork *network = import_text(f, text, -1, FALSE);
  gssize main = node(network, "frankfurt-deu");
  gssize oder = node(network, "frankfurt-deu-2");
  assert_int_equal(citynet_network_n_ties(network), 3);
  /* The Milan row's coordinates are 1.7 km from the first Frankfurt. */
  assert_int_equal(citynet_network_tie_source(network, 2), main);
  assert_int_equal(citynet_network_tie_source(network, 1), oder);
  assert_int_equal(citynet_import_report_n_split_places(f->report), 1);
  const char *const *ids;
  double km;
  citynet_import_report_split_place(f->report, 0, NULL, NULL, &ids, &km);
  assert_string_equal(ids[0], "frankfurt-deu");
  assert_string_equal(ids[1], "frankfurt-deu-2");
  assert_null(ids[2]);
  assert_true(km > 400 && km < 500);
  /* Without coordinates the last row cannot choose: ambiguous, rejected. */
  assert_rejected(f->report, 5, "ambiguous place");
  assert_int_equal(citynet_import_report_n_ambiguous_places(f->report), 1);
  const char *name, *country, *reason;
  const guint *lines;
  gsize n_lines;
  citynet_import_report_ambiguous_place(f->report, 0, &name, &country, &reason, &lines, &n_lines);
  assert_string_equal(name, "Frankfurt");
  assert_string_equal(country, "DEU");
  assert_int_equal(n_lines, 1);
  assert_int_equal(lines[0], 5);
  /* A larger threshold makes them one place. */
  assert_true(citynet_import_options_set_distance(f->options, 1000, NULL));
  network = import_text(f, text, -1, FALSE);
  assert_int_equal(citynet_network_node_index(network, "frankfurt-deu-2"), -1);
  assert_int_equal(citynet_import_report_n_ambiguous_places(f->report), 0);
  GError *error = NULL;
  assert_false(citynet_import_options_set_distance(f->options, -1, &error));
  assert_citynet_error(error, CITYNET_ERROR_INVALID_ARGUMENT, "distance");
}

static const char gazetteer_file[] =
  "\"city\",\"city_ascii\",\"lat\",\"lng\",\"country\",\"iso2\",\"iso3\",\"admin_name\","
  "\"capital\",\"population\",\"id\"\n"
  "\"İstanbul\",\"Istanbul\",\"41.1050\",\"29.0100\",\"Turkey\",\"TR\",\"TUR\",\"\",\"\","
  "\"10061000\",\"1792756324\"\n"
  "\"Aarau\",\"Aarau\",\"47.3896\",\"8.0524\",\"Switzerland\",\"CH\",\"CHE\",\"\",\"\",\"\",\"1\"\n"
  "\"Aarau\",\"Aarau\",\"47.3900\",\"8.0340\",\"Switzerland\",\"CH\",\"CHE\",\"\",\"\",\"15501\",\"2\"\n"
  "\"Springfield\",\"Springfield\",\"39.80\",\"-89.64\",\"United States\",\"US\",\"USA\",\"\",\"\","
  "\"116250\",\"3\"\n"
  "\"Springfield\",\"Springfield\",\"42.10\",\"-72.59\",\"United States\",\"US\",\"USA\",\"\",\"\","
  "\"155929\",\"4\"\n"
  "\"Priştina\",\"Pristina\",\"42.67\",\"21.17\",\"Kosovo\",\"XK\",\"XKS\",\"\",\"\",\"\",\"5\"\n"
  "\"Broken\",\"Broken\",\"x\",\"1\",\"Nowhere\",\"ZZ\",\"ZZZ\",\"\",\"\",\"\",\"6\"\n";

static void
test_gazetteer_join(void **state)
{
  Fixture *f = *state;
  char *gazetteer = write_input(f, "worldcities.csv", gazetteer_file, -1);
  assert_true(citynet_import_options_set_gazetteer(f->options, gazetteer, "auto", NULL));
  CitynetNetwork *network = import_text(
      f, "city1,country1,city2,country2\n"
         "Istanbul,Turkey,Aarau,Switzerland\n"
         "Istanbul,Turkey,Springfield,USA\n"
         "Istanbul,Turkey,Pristina,Kosovo\n"
         "Istanbul,Turkey,Nowhere Town,USA\n",
      -1, FALSE);
  gssize istanbul = node(network, "istanbul-tur");
  double lat, population;
  assert_true(citynet_network_node_location(network, istanbul, &lat, NULL));
  assert_double_close(lat, 41.105, 1e-12);
  assert_true(citynet_network_node_population(network, istanbul, &population));
  assert_double_close(population, 10061000, 0);
  assert_string_equal(citynet_network_node_attribute(network, istanbul, "geo_source"),
                      "simplemaps id 1792756324 (İstanbul)");
  /* Two Aarau entries 1.4 km apart are one place: the populous one wins. */
  assert_true(citynet_network_node_population(network, node(network, "aarau-che"), &population));
  assert_double_close(population, 15501, 0);
  /* Two Springfields 1,200 km apart: reported, not guessed. */
  gssize springfield = node(network, "springfield-usa");
  assert_false(citynet_network_node_location(network, springfield, NULL, NULL));
  assert_int_equal(citynet_import_report_n_ambiguous_places(f->report), 1);
  const char *reason;
  citynet_import_report_ambiguous_place(f->report, 0, NULL, NULL, &reason, NULL, NULL);
  assert_non_null(strstr(reason, "gazetteer"));
  /* XKS in the gazetteer is the XKX of the input. */
  assert_true(citynet_network_node_location(network, node(network, "pristina-xkx"), NULL, NULL));
  assert_false(citynet_network_node_location(network, node(network, "nowhere-town-usa"), NULL,
                                             NULL));
  assert_int_equal(citynet_import_report_gazetteer_matches(f->report), 3);
  /* The row stays: only the gazetteer data is missing. */
  assert_int_equal(citynet_import_report_rows_kept(f->report), 4);

  /* Input coordinates win; the gazetteer entry must lie within reach. */
  network = import_text(f, "city1,country1,lat1,lng1,city2,country2,lat2,lng2\n"
                           "Springfield,USA,42.1,-72.6,Istanbul,TR,41.0,28.9\n", -1, FALSE);
  springfield = node(network, "springfield-usa");
  assert_true(citynet_network_node_population(network, springfield, &population));
  assert_double_close(population, 155929, 0);
  citynet_network_node_location(network, springfield, &lat, NULL);
  assert_double_close(lat, 42.1, 1e-12);
  g_free(gazetteer);
}

static void
test_gazetteer_geonames(void **state)
{
  Fixture *f = *state;
  char *gazetteer = write_input(f, "geonames.csv",
                                "country,name,lat,lng\nTR,İstanbul,41.01384,28.94966\n"
                                "XK,Pristina,42.67,21.17\n", -1);
  assert_true(citynet_import_options_set_gazetteer(f->options, gazetteer, "geonames", NULL));
  CitynetNetwork *network = import_text(f, "city1,country1,city2,country2\n"
                                           "ISTANBUL,Turkey,Priština,Kosovo\n", -1, FALSE);
  double lon;
  assert_true(citynet_network_node_location(network, node(network, "istanbul-tur"), NULL, &lon));
  assert_double_close(lon, 28.94966, 1e-12);
  assert_false(citynet_network_node_population(network, node(network, "istanbul-tur"), NULL));
  g_free(gazetteer);

  /* A file of neither layout is an error, not an empty gazetteer. */
  gazetteer = write_input(f, "bad.csv", "a,b\n1,2\n", -1);
  assert_true(citynet_import_options_set_gazetteer(f->options, gazetteer, "auto", NULL));
  char *input = write_input(f, "in.csv", "city1,country1,city2,country2\nA,TR,B,TR\n", -1);
  GError *error = NULL;
  assert_null(citynet_import_pairs(input, f->options, NULL, &error));
  assert_citynet_error(error, CITYNET_ERROR_DATA, "gazetteer");
  assert_false(citynet_import_options_set_gazetteer(f->options, gazetteer, "osm", &error));
  assert_citynet_error(error, CITYNET_ERROR_INVALID_ARGUMENT, "layout");
  g_free(input);
  g_free(gazetteer);
}

static void
test_districts(void **state)
{
  Fixture *f = *state;
  const char *text = "city1,country1,lat1,lng1,city2,country2,lat2,lng2\n"
                     "Berat,Albania,40.70,19.95,Bağcılar,Turkey,41.03,28.85\n"
                     "Rio de Janeiro,Brazil,-22.9,-43.2,Istanbul,Turkey,41.01,28.95\n"
                     "Bagcilar,Turkey,41.03,28.85,Istanbul,Turkey,41.01,28.95\n";
  /* By default districts are places of their own. */
  CitynetNetwork *network = import_text(f, text, -1, FALSE);
  node(network, "bagcilar-tur");
  assert_int_equal(citynet_network_n_ties(network), 3);

  char *path = g_build_filename(test_source_root(), "data", "districts", "istanbul.csv", NULL);
  assert_true(citynet_import_options_set_districts(f->options, path, NULL));
  network = import_text(f, text, -1, FALSE);
  assert_int_equal(citynet_network_node_index(network, "bagcilar-tur"), -1);
  gssize istanbul = node(network, "istanbul-tur");
  /* The metropolis keeps its own coordinates, not the district's. */
  double lat;
  citynet_network_node_location(network, istanbul, &lat, NULL);
  assert_double_close(lat, 41.01, 1e-12);
  assert_int_equal(citynet_network_tie_target(network, 0), istanbul);
  assert_rejected(f->report, 4, "same place");
  assert_int_equal(citynet_import_report_n_district_merges(f->report), 2);
  const char *district, *country, *metropolis;
  gsize rows;
  citynet_import_report_district_merge(f->report, 0, &district, &country, &metropolis, &rows);
  assert_string_equal(district, "Bağcılar");
  assert_string_equal(country, "TUR");
  assert_string_equal(metropolis, "Istanbul");
  assert_int_equal(rows, 1);
  g_free(path);

  /* A mapping with an unknown country fails the import, with its line. */
  path = write_input(f, "districts.csv", "district,country,metropolis\nX,Atlantis,Y\n", -1);
  assert_true(citynet_import_options_set_districts(f->options, path, NULL));
  char *input = write_input(f, "in.csv", text, -1);
  GError *error = NULL;
  assert_null(citynet_import_pairs(input, f->options, NULL, &error));
  assert_citynet_error(error, CITYNET_ERROR_DATA, "districts.csv:2: unknown country");
  g_free(input);
  g_free(path);
}

static void
test_node_ids(void **state)
{
  Fixture *f = *state;
  CitynetNetwork *network = import_text(f, "city1,country1,city2,country2\n"
                                           "Rio de Janeiro,Brazil,São Paulo,Brazil\n"
                                           "Sao-Paulo,BRA,Kraków,Poland\n"
                                           "北京,China,Москва,Russia\n", -1, FALSE);
  node(network, "rio-de-janeiro-bra");
  node(network, "sao-paulo-bra");
  node(network, "krakow-pol");
  node(network, "北京-chn");
  node(network, "москва-rus");
  assert_int_equal(citynet_network_n_nodes(network), 5); /* São Paulo = Sao-Paulo */
  assert_int_equal(citynet_network_n_countries(network), 4);
  assert_string_equal(citynet_network_country_code(network, 0), "BRA");
  assert_string_equal(citynet_network_country_name(network, 3), "Russia");
}

/* ------------------------------------------------------------------------ */
/* Columns and options                                                      */
/* ------------------------------------------------------------------------ */

static void
test_columns(void **state)
{
  Fixture *f = *state;
  const char *text = "From,From country,To,To country,When\n"
                     "Istanbul,TR,Odesa,UA,2019\n";
  char *path = write_input(f, "in.csv", text, -1);
  GError *error = NULL;
  assert_null(citynet_import_pairs(path, f->options, NULL, &error));
  assert_citynet_error(error, CITYNET_ERROR_DATA, "no source city column");
  assert_true(citynet_import_options_set_column(f->options, CITYNET_IMPORT_COLUMN_SOURCE_CITY,
                                                "from", NULL));
  assert_true(citynet_import_options_set_column(f->options,
                                                CITYNET_IMPORT_COLUMN_SOURCE_COUNTRY,
                                                "FROM_COUNTRY", NULL));
  assert_true(citynet_import_options_set_column(f->options, CITYNET_IMPORT_COLUMN_TARGET_CITY,
                                                "to", NULL));
  assert_true(citynet_import_options_set_column(f->options,
                                                CITYNET_IMPORT_COLUMN_TARGET_COUNTRY,
                                                "to country", NULL));
  assert_true(citynet_import_options_set_column(f->options, CITYNET_IMPORT_COLUMN_START,
                                                "when", NULL));
  CitynetNetwork *network = import_text(f, text, -1, FALSE);
  assert_int_equal(citynet_network_tie_start(network, 0), 20190000);
  /* A named column that is not there is an error; "" means "none". */
  assert_true(citynet_import_options_set_column(f->options, CITYNET_IMPORT_COLUMN_WEIGHT,
                                                "strength", NULL));
  assert_null(citynet_import_pairs(path, f->options, NULL, &error));
  assert_citynet_error(error, CITYNET_ERROR_DATA, "in.csv:1: no column \"strength\"");
  assert_true(citynet_import_options_set_column(f->options, CITYNET_IMPORT_COLUMN_WEIGHT, "",
                                                NULL));
  assert_true(citynet_import_options_set_column(f->options, CITYNET_IMPORT_COLUMN_START, "",
                                                NULL));
  network = import_text(f, text, -1, FALSE);
  assert_int_equal(citynet_network_tie_start(network, 0), CITYNET_DATE_OPEN);
  assert_false(citynet_import_options_set_column(f->options, (CitynetImportColumn) 99, "x",
                                                 &error));
  assert_citynet_error(error, CITYNET_ERROR_INVALID_ARGUMENT, "column");
  g_free(path);
}

static void
test_file_errors(void **state)
{
  Fixture *f = *state;
  GError *error = NULL;
  char *missing = g_build_filename(f->dir, "missing.csv", NULL);
  assert_null(citynet_import_pairs(missing, NULL, NULL, &error));
  assert_citynet_error(error, CITYNET_ERROR_IO, "missing.csv");
  char *empty = write_input(f, "empty.csv", "\n\n", -1);
  assert_null(citynet_import_pairs(empty, NULL, NULL, &error));
  assert_citynet_error(error, CITYNET_ERROR_DATA, "no header");
  char *lat_only = write_input(f, "lat.csv", "city1,country1,lat1,city2,country2\n", -1);
  assert_null(citynet_import_pairs(lat_only, NULL, NULL, &error));
  assert_citynet_error(error, CITYNET_ERROR_DATA, "no source longitude");
  /* A header alone is a valid, empty import. */
  char *header = write_input(f, "header.csv", "city1,country1,city2,country2\n", -1);
  CitynetImportReport *report = NULL;
  CitynetNetwork *network = citynet_import_pairs(header, NULL, &report, &error);
  assert_no_error(error);
  assert_int_equal(citynet_network_n_nodes(network), 0);
  assert_int_equal(citynet_import_report_rows_read(report), 0);
  citynet_network_unref(network);
  citynet_import_report_free(report);
  g_free(missing);
  g_free(empty);
  g_free(lat_only);
  g_free(header);
}

static void
test_user_country_aliases(void **state)
{
  Fixture *f = *state;
  const char *text = "city1,country1,city2,country2\nSala,Sweden,Zakynthos,Grece\n";
  import_text(f, text, -1, FALSE);
  assert_int_equal(citynet_import_report_rows_rejected(f->report), 1);
  char *aliases = write_input(f, "aliases.csv", "alias,iso3,why\nGrece,GRC,typo in the source\n", -1);
  assert_true(citynet_import_options_set_country_aliases(f->options, aliases, NULL));
  CitynetNetwork *network = import_text(f, text, -1, FALSE);
  node(network, "zakynthos-grc");
  const char *rule;
  for (gsize i = 0; i < citynet_import_report_n_countries(f->report); i++) {
    const char *value;
    citynet_import_report_country(f->report, i, &value, NULL, &rule, NULL);
    if (strcmp(value, "Grece") == 0)
      assert_string_equal(rule, "user-alias");
  }
  g_free(aliases);
  aliases = write_input(f, "bad.csv", "alias,iso3\nFoo,gr\n", -1);
  assert_true(citynet_import_options_set_country_aliases(f->options, aliases, NULL));
  char *input = write_input(f, "in.csv", text, -1);
  GError *error = NULL;
  assert_null(citynet_import_pairs(input, f->options, NULL, &error));
  assert_citynet_error(error, CITYNET_ERROR_DATA, "bad.csv:2");
  g_free(input);
  g_free(aliases);
}

/* ------------------------------------------------------------------------ */
/* Memberships                                                              */
/* ------------------------------------------------------------------------ */

static const char members_file[] =
  "city,country,organisation,role,start\n"                 /* 1 */
  "Istanbul,Turkey,UCLG,president,2010\n"                   /* 2 */
  "Istanbul,Turkey,Eurocities,,\n"                          /* 3 */
  "Ankara,Turkey,Union of Turkic World Municipalities,founder,\n" /* 4 */
  "Kazan,Russia,Union of Turkic World Municipalities,Board,\n"    /* 5 */
  "Kazan,Russia,union of turkic world municipalities,board,\n"    /* 6 merged */
  "Bursa,Turkey,UCLG,treasurer,\n"                          /* 7 unknown role */
  "Izmir,Turkey,,member,\n";                                /* 8 no organisation */

static void
test_members(void **state)
{
  Fixture *f = *state;
  CitynetNetwork *network = import_text(f, members_file, -1, TRUE);
  assert_int_equal(citynet_import_report_rows_kept(f->report), 4);
  assert_int_equal(citynet_import_report_rows_merged(f->report), 1);
  assert_rejected(f->report, 7, "unknown role \"treasurer\"");
  assert_rejected(f->report, 8, "empty organisation");
  gssize uclg = node(network, "uclg");
  assert_string_equal(citynet_network_node_kind(network, uclg), CITYNET_KIND_ORGANISATION);
  assert_null(citynet_network_node_country(network, uclg));
  node(network, "union-of-turkic-world-municipalities");
  /* Cities first, then organisations, each in order of first use. */
  assert_string_equal(citynet_network_node_id(network, 0), "istanbul-tur");
  assert_string_equal(citynet_network_node_kind(network, 3), CITYNET_KIND_ORGANISATION);
  assert_int_equal(citynet_network_n_ties(network), 4);
  assert_string_equal(citynet_network_tie_layer(network, 0), "member");
  assert_true(citynet_network_tie_directed(network, 0));
  assert_int_equal(citynet_network_tie_target(network, 0), uclg);
  assert_string_equal(citynet_network_tie_attribute(network, 0, "role"), "president");
  assert_double_close(citynet_network_tie_weight(network, 0), 3.0, 0);
  assert_int_equal(citynet_network_tie_start(network, 0), 20100000);
  assert_string_equal(citynet_network_tie_attribute(network, 1, "role"), "member");
  assert_double_close(citynet_network_tie_weight(network, 1), 1.0, 0);
  assert_double_close(citynet_network_tie_weight(network, 2), 2.0, 0); /* founder */
  assert_double_close(citynet_network_tie_weight(network, 3), 2.0, 0); /* board */
  assert_string_equal(citynet_network_tie_attribute(network, 3, "count"), "2");
  /* The organisation's other spelling is a listed merge. */
  assert_int_equal(citynet_import_report_n_name_merges(f->report), 1);

  /* The table is overridable and extensible. */
  assert_true(citynet_import_options_set_role_weight(f->options, "Treasurer", 1.5, NULL));
  assert_true(citynet_import_options_set_role_weight(f->options, "president", 5, NULL));
  network = import_text(f, members_file, -1, TRUE);
  assert_int_equal(citynet_import_report_rows_kept(f->report), 5);
  assert_double_close(citynet_network_tie_weight(network, 0), 5.0, 0);
  GError *error = NULL;
  assert_false(citynet_import_options_set_role_weight(f->options, "x", 0, &error));
  assert_citynet_error(error, CITYNET_ERROR_INVALID_ARGUMENT, "role");
}

/* ------------------------------------------------------------------------ */
/* The bundle                                                               */
/* ------------------------------------------------------------------------ */

static void
test_result_saves_and_validates(void **state)
{
  Fixture *f = *state;
  import_text(f, messy_file, -1, FALSE);
  char *bundle = g_build_filename(f->dir, "bundle", NULL);
  GError *error = NULL;
  assert_true(citynet_bundle_save(f->network, bundle, &error));
  assert_no_error(error);
  CitynetProblems *problems = citynet_bundle_validate(bundle);
  if (citynet_problems_count(problems) != 0)
    fail_msg("%s", citynet_problems_get(problems, 0, NULL, NULL, NULL));
  citynet_problems_free(problems);
  CitynetNetwork *loaded = citynet_bundle_load(bundle, &error);
  assert_no_error(error);
  assert_int_equal(citynet_network_n_ties(loaded), citynet_network_n_ties(f->network));
  citynet_network_unref(loaded);
  g_free(bundle);
}

int
main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_keys),
    cmocka_unit_test(test_country_variants),
    cmocka_unit_test(test_country_codes),
    cmocka_unit_test(test_country_qualified),
    cmocka_unit_test(test_country_unmatched),
    cmocka_unit_test(test_crosswalk_consistent),
    cmocka_unit_test(test_crosswalk_rows),
    cmocka_unit_test(test_gazetteer_countries),
    cmocka_unit_test(test_reader_quotes),
    cmocka_unit_test(test_reader_delimiters),
    cmocka_unit_test(test_numbers),
    cmocka_unit_test_setup_teardown(test_semicolons_and_decimal_commas, setup, teardown),
    cmocka_unit_test_setup_teardown(test_tab_delimiter_option, setup, teardown),
    cmocka_unit_test_setup_teardown(test_encodings, setup, teardown),
    cmocka_unit_test_setup_teardown(test_undirected_duplicates, setup, teardown),
    cmocka_unit_test_setup_teardown(test_dates_weights_refs, setup, teardown),
    cmocka_unit_test_setup_teardown(test_report_accounts_for_every_row, setup, teardown),
    cmocka_unit_test_setup_teardown(test_report_files, setup, teardown),
    cmocka_unit_test_setup_teardown(test_name_variants_merge, setup, teardown),
    cmocka_unit_test_setup_teardown(test_same_name_split_by_distance, setup, teardown),
    cmocka_unit_test_setup_teardown(test_gazetteer_join, setup, teardown),
    cmocka_unit_test_setup_teardown(test_gazetteer_geonames, setup, teardown),
    cmocka_unit_test_setup_teardown(test_districts, setup, teardown),
    cmocka_unit_test_setup_teardown(test_node_ids, setup, teardown),
    cmocka_unit_test_setup_teardown(test_columns, setup, teardown),
    cmocka_unit_test_setup_teardown(test_file_errors, setup, teardown),
    cmocka_unit_test_setup_teardown(test_user_country_aliases, setup, teardown),
    cmocka_unit_test_setup_teardown(test_members, setup, teardown),
    cmocka_unit_test_setup_teardown(test_result_saves_and_validates, setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
