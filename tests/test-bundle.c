/* Tests of bundle loading, validation and saving. Every error case checks
 * the exact file, line and column it is reported at. */
#include <math.h>
#include <string.h>
#include <glib/gstdio.h>

#include "test-util.h"

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

/* A temporary bundle with the given files; NULL leaves a file out. */
static char *
make_bundle(const char *nodes, const char *ties, const char *countries,
            const char *groups, const char *kinds)
{
  char *dir = test_mkdtemp();
  if (nodes != NULL)
    test_write_file(dir, "nodes.csv", nodes);
  if (ties != NULL)
    test_write_file(dir, "ties.csv", ties);
  if (countries != NULL)
    test_write_file(dir, "countries.csv", countries);
  if (groups != NULL)
    test_write_file(dir, "country_groups.csv", groups);
  if (kinds != NULL)
    test_write_file(dir, "kinds.csv", kinds);
  return dir;
}

static void
remove_bundle(char *dir)
{
  test_rmtree(dir);
  g_free(dir);
}

static CitynetNetwork *
load_ok(const char *dir)
{
  GError *error = NULL;
  CitynetNetwork *network = citynet_bundle_load(dir, &error);
  assert_no_error(error);
  assert_non_null(network);
  return network;
}

static gint
compare_names(gconstpointer a, gconstpointer b)
{
  return strcmp(*(const char *const *) a, *(const char *const *) b);
}

/* The names in a directory, sorted and joined, to compare listings. */
static char *
list_dir(const char *path)
{
  GDir *dir = g_dir_open(path, 0, NULL);
  assert_non_null(dir);
  GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
  const char *name;
  while ((name = g_dir_read_name(dir)) != NULL)
    g_ptr_array_add(names, g_strdup(name));
  g_dir_close(dir);
  g_ptr_array_sort(names, compare_names);
  g_ptr_array_add(names, NULL);
  char *joined = g_strjoinv(" ", (char **) names->pdata);
  g_ptr_array_unref(names);
  return joined;
}

/* Loads @dir expecting failure at @file:@line:@column with @count problems
 * and @needle in the message; then checks that validation reports the same
 * first problem and count, and that loading wrote nothing. */
static void
expect_failure(const char *dir, CitynetErrorCode code, const char *file,
               guint line, guint column, guint count, const char *needle)
{
  char *before = list_dir(dir);
  GError *error = NULL;
  CitynetNetwork *network = citynet_bundle_load(dir, &error);
  assert_null(network);
  assert_non_null(error);
  if (!g_error_matches(error, CITYNET_ERROR, code) ||
      strstr(error->message, needle) == NULL)
    fail_msg("unexpected error (code %d): %s [wanted code %d, \"%s\"]",
             error->code, error->message, (int) code, needle);
  if (g_strcmp0(citynet_error_get_file(error), file) != 0 ||
      citynet_error_get_line(error) != line ||
      citynet_error_get_column(error) != column ||
      citynet_error_get_count(error) != count)
    fail_msg("%s: reported at %s:%u:%u (count %u), expected %s:%u:%u (count %u)",
             error->message, citynet_error_get_file(error),
             citynet_error_get_line(error), citynet_error_get_column(error),
             citynet_error_get_count(error), file, line, column, count);
  if (count > 1) {
    char *suffix = g_strdup_printf(" (and %u more problem%s)", count - 1,
                                   count == 2 ? "" : "s");
    assert_true(g_str_has_suffix(error->message, suffix));
    g_free(suffix);
  }
  g_clear_error(&error);

  CitynetProblems *problems = citynet_bundle_validate(dir);
  assert_int_equal(citynet_problems_count(problems), count);
  const char *problem_file;
  guint problem_line, problem_column;
  const char *message = citynet_problems_get(problems, 0, &problem_file,
                                             &problem_line, &problem_column);
  assert_string_equal(problem_file != NULL ? problem_file : "(null)",
                      file != NULL ? file : "(null)");
  assert_int_equal(problem_line, line);
  assert_int_equal(problem_column, column);
  assert_non_null(strstr(message, needle));
  citynet_problems_free(problems);

  char *after = list_dir(dir);
  assert_string_equal(before, after);
  g_free(before);
  g_free(after);
}

/* Builds a bundle, expects a data error, removes the bundle. */
static void
data_error(const char *nodes, const char *ties, const char *countries,
           const char *groups, const char *kinds, const char *file,
           guint line, guint column, guint count, const char *needle)
{
  char *dir = make_bundle(nodes, ties, countries, groups, kinds);
  expect_failure(dir, CITYNET_ERROR_DATA, file, line, column, count, needle);
  remove_bundle(dir);
}

/* A correct nodes.csv and ties.csv for cases about the other file. */
#define NODES "id,kind,name,country\n" \
              "a,city,A,TUR\n"        \
              "b,city,B,TUR\n"        \
              "odessa,city,Odesa,UKR\n"
#define TIES "source,target,layer\n" \
             "a,b,sister\n"

/* ------------------------------------------------------------------------ */
/* A valid bundle                                                           */
/* ------------------------------------------------------------------------ */

static const char valid_kinds[] = "kind,description\n"
                                  "region,\"A sub-national region, e.g. Dobruja\"\n";
static const char valid_countries[] = "iso3,name,un_agreement,gdp\n"
                                      "TUR,Türkiye,0.73,\n"
                                      "UKR,Ukraine,0.81,1.5e11\n"
                                      "ROU,România,,2.8e11\n";
static const char valid_groups[] = "iso3,group,start,end,ref\n"
                                   "TUR,NATO,1952-02-18,,nato.int\n"
                                   "ROU,EU,2007-01-01,,\n"
                                   "ROU,NATO,2004,,\n"
                                   "UKR,CIS,1991-12,2018,\"withdrew, 2018\"\n";
/* Columns in an unusual order, a BOM and CRLF line ends. */
static const char valid_nodes[] =
    "\xEF\xBB\xBFkind,id,name,country,lat,lon,population,founded,note\r\n"
    "city,istanbul,İstanbul,TUR,41.0082,28.9784,15462452,330,\"Byzantium, Constantinople\"\r\n"
    "city,odessa,Odesa,UKR,46.4825,30.7233,1017699,1794,\r\n"
    "organisation,ots,Organization of Turkic States,,,,,2009,\r\n"
    "government,tr-gov,Government of Türkiye,TUR,,,,,\r\n"
    "region,dobruja,Dobruja,ROU,,,,,\"multi\r\nline\"\r\n"
    "city,constanta,,ROU,44.1598,28.6348,,,\r\n";
static const char valid_ties[] =
    "source,target,layer,weight,directed,start,end,ref,program\n"
    "istanbul,odessa,sister,,,1997,,hekman,\n"
    "istanbul,ots,member,2.5,TRUE,2009-10,2023-11-11,\"ots.org, charter\",\n"
    "tr-gov,istanbul,visit,1,yes,2019-05-03,2019-05-03,,state visit\n"
    "constanta,istanbul,sister,0.5,No,,,,\"with \"\"quotes\"\"\"\n";

static void
test_valid_bundle_loads_every_field(void **state)
{
  char *dir = make_bundle(valid_nodes, valid_ties, valid_countries,
                          valid_groups, valid_kinds);
  CitynetNetwork *network = load_ok(dir);

  /* Kinds: the built-in three, then kinds.csv. */
  gsize n;
  const char *const *kinds = citynet_network_kinds(network, &n);
  assert_int_equal(n, 4);
  assert_string_equal(kinds[3], "region");

  /* Node 0, every field. */
  assert_int_equal(citynet_network_n_nodes(network), 6);
  assert_string_equal(citynet_network_node_id(network, 0), "istanbul");
  assert_string_equal(citynet_network_node_kind(network, 0), "city");
  assert_string_equal(citynet_network_node_name(network, 0), "İstanbul");
  assert_string_equal(citynet_network_node_country(network, 0), "TUR");
  double lat, lon, population;
  assert_true(citynet_network_node_location(network, 0, &lat, &lon));
  assert_true(lat == 41.0082 && lon == 28.9784);
  assert_true(citynet_network_node_population(network, 0, &population));
  assert_true(population == 15462452.0);
  assert_string_equal(citynet_network_node_attribute(network, 0, "founded"), "330");
  assert_string_equal(citynet_network_node_attribute(network, 0, "note"),
                      "Byzantium, Constantinople");
  const char *const *keys = citynet_network_node_attribute_keys(network, &n);
  assert_int_equal(n, 2);
  assert_string_equal(keys[0], "founded");
  assert_string_equal(keys[1], "note");

  /* Optional fields left empty. */
  assert_null(citynet_network_node_attribute(network, 1, "note"));
  assert_null(citynet_network_node_country(network, 2));
  assert_false(citynet_network_node_location(network, 2, NULL, NULL));
  assert_false(citynet_network_node_population(network, 2, NULL));
  assert_string_equal(citynet_network_node_kind(network, 3), "government");
  assert_string_equal(citynet_network_node_kind(network, 4), "region");
  assert_string_equal(citynet_network_node_attribute(network, 4, "note"),
                      "multi\r\nline");
  /* An empty name falls back to the id. */
  assert_string_equal(citynet_network_node_name(network, 5), "constanta");
  assert_false(citynet_network_node_population(network, 5, NULL));
  assert_int_equal(citynet_network_node_index(network, "constanta"), 5);

  /* Ties. */
  assert_int_equal(citynet_network_n_ties(network), 4);
  assert_int_equal(citynet_network_tie_source(network, 0), 0);
  assert_int_equal(citynet_network_tie_target(network, 0), 1);
  assert_string_equal(citynet_network_tie_layer(network, 0), "sister");
  assert_true(citynet_network_tie_weight(network, 0) == 1.0);
  assert_false(citynet_network_tie_directed(network, 0));
  assert_int_equal(citynet_network_tie_start(network, 0), 19970000);
  assert_int_equal(citynet_network_tie_end(network, 0), CITYNET_DATE_OPEN);
  assert_string_equal(citynet_network_tie_ref(network, 0), "hekman");
  assert_null(citynet_network_tie_attribute(network, 0, "program"));

  assert_string_equal(citynet_network_tie_layer(network, 1), "member");
  assert_true(citynet_network_tie_weight(network, 1) == 2.5);
  assert_true(citynet_network_tie_directed(network, 1));
  assert_int_equal(citynet_network_tie_start(network, 1), 20091000);
  assert_int_equal(citynet_network_tie_end(network, 1), 20231111);
  assert_string_equal(citynet_network_tie_ref(network, 1), "ots.org, charter");

  assert_int_equal(citynet_network_tie_source(network, 2), 3);
  assert_true(citynet_network_tie_directed(network, 2));
  assert_null(citynet_network_tie_ref(network, 2));
  assert_string_equal(citynet_network_tie_attribute(network, 2, "program"),
                      "state visit");
  assert_true(citynet_network_tie_weight(network, 3) == 0.5);
  assert_false(citynet_network_tie_directed(network, 3));
  assert_string_equal(citynet_network_tie_attribute(network, 3, "program"),
                      "with \"quotes\"");
  const char *const *layers = citynet_network_layers(network, &n);
  assert_int_equal(n, 3);
  assert_string_equal(layers[0], "sister");
  assert_string_equal(layers[1], "member");
  assert_string_equal(layers[2], "visit");

  /* Countries and their numeric attributes. */
  assert_int_equal(citynet_network_n_countries(network), 3);
  assert_string_equal(citynet_network_country_code(network, 0), "TUR");
  assert_string_equal(citynet_network_country_name(network, 0), "Türkiye");
  assert_string_equal(citynet_network_country_name(network, 2), "România");
  double value;
  assert_true(citynet_network_country_attribute(network, 0, "un_agreement", &value));
  assert_true(value == 0.73);
  assert_false(citynet_network_country_attribute(network, 0, "gdp", &value));
  assert_true(citynet_network_country_attribute(network, 1, "gdp", &value));
  assert_true(value == 1.5e11);
  assert_false(citynet_network_country_attribute(network, 2, "un_agreement", NULL));
  keys = citynet_network_country_attribute_keys(network, &n);
  assert_int_equal(n, 2);
  assert_string_equal(keys[0], "un_agreement");
  assert_string_equal(keys[1], "gdp");

  /* Groups. */
  assert_int_equal(citynet_network_n_memberships(network), 4);
  gsize country;
  const char *group, *ref;
  CitynetDate start, end;
  citynet_network_membership(network, 0, &country, &group, &start, &end, &ref);
  assert_int_equal(country, 0);
  assert_string_equal(group, "NATO");
  assert_int_equal(start, 19520218);
  assert_int_equal(end, CITYNET_DATE_OPEN);
  assert_string_equal(ref, "nato.int");
  citynet_network_membership(network, 3, &country, &group, &start, &end, &ref);
  assert_int_equal(country, 1);
  assert_string_equal(group, "CIS");
  assert_int_equal(start, 19911200);
  assert_int_equal(end, 20180000);
  assert_string_equal(ref, "withdrew, 2018");
  citynet_network_membership(network, 1, NULL, NULL, NULL, NULL, &ref);
  assert_null(ref);
  const char *const *groups = citynet_network_groups(network, &n);
  assert_int_equal(n, 3);
  assert_string_equal(groups[0], "NATO");
  assert_string_equal(groups[1], "EU");
  assert_string_equal(groups[2], "CIS");
  gboolean member = FALSE;
  GError *error = NULL;
  assert_true(citynet_network_country_in_group(network, "ROU", "EU", 20100101,
                                               &member, &error));
  assert_no_error(error);
  assert_true(member);

  CitynetProblems *problems = citynet_bundle_validate(dir);
  assert_int_equal(citynet_problems_count(problems), 0);
  citynet_problems_free(problems);

  citynet_network_unref(network);
  remove_bundle(dir);
}

static void
test_minimal_and_header_only_bundles(void **state)
{
  /* Only the required columns and files. */
  char *dir = make_bundle("id,kind\nx,organisation\ny,organisation\n",
                          "source,target,layer\nx,y,member\n", NULL, NULL, NULL);
  CitynetNetwork *network = load_ok(dir);
  assert_int_equal(citynet_network_n_nodes(network), 2);
  assert_string_equal(citynet_network_node_name(network, 0), "x");
  assert_null(citynet_network_node_country(network, 0));
  assert_int_equal(citynet_network_n_ties(network), 1);
  assert_true(citynet_network_tie_weight(network, 0) == 1.0);
  assert_false(citynet_network_tie_directed(network, 0));
  assert_null(citynet_network_tie_ref(network, 0));
  citynet_network_unref(network);
  remove_bundle(dir);

  /* Headers only, no trailing newline: an empty network. */
  dir = make_bundle("id,kind", "source,target,layer", "iso3,name", NULL, NULL);
  network = load_ok(dir);
  assert_int_equal(citynet_network_n_nodes(network), 0);
  assert_int_equal(citynet_network_n_ties(network), 0);
  assert_int_equal(citynet_network_n_countries(network), 0);
  citynet_network_unref(network);
  remove_bundle(dir);
}

/* Without declared countries any ISO3 code is accepted; an empty
 * countries.csv declares none. */
static void
test_countries_check_only_with_declarations(void **state)
{
  char *dir = make_bundle(NODES, TIES, "iso3,name\n", NULL, NULL);
  CitynetNetwork *network = load_ok(dir);
  assert_string_equal(citynet_network_node_country(network, 2), "UKR");
  citynet_network_unref(network);
  remove_bundle(dir);
}

/* ------------------------------------------------------------------------ */
/* Files and headers                                                        */
/* ------------------------------------------------------------------------ */

static void
test_missing_files(void **state)
{
  char *dir = make_bundle(NULL, TIES, NULL, NULL, NULL);
  char *path = g_build_filename(dir, "nodes.csv", NULL);
  expect_failure(dir, CITYNET_ERROR_IO, "nodes.csv", 0, 0, 1, path);
  expect_failure(dir, CITYNET_ERROR_IO, "nodes.csv", 0, 0, 1, "no such file");
  g_free(path);
  remove_bundle(dir);

  dir = make_bundle(NODES, NULL, NULL, NULL, NULL);
  path = g_build_filename(dir, "ties.csv", NULL);
  expect_failure(dir, CITYNET_ERROR_IO, "ties.csv", 0, 0, 1, path);
  g_free(path);
  remove_bundle(dir);

  /* A directory where a file should be. */
  dir = make_bundle(NODES, NULL, NULL, NULL, NULL);
  path = g_build_filename(dir, "ties.csv", NULL);
  g_mkdir(path, 0755);
  expect_failure(dir, CITYNET_ERROR_IO, "ties.csv", 0, 0, 1, "is a directory");
  g_free(path);
  remove_bundle(dir);
}

static void
test_missing_directory(void **state)
{
  GError *error = NULL;
  assert_null(citynet_bundle_load("/nonexistent/citynet-bundle", &error));
  assert_non_null(error);
  assert_null(citynet_error_get_file(error));
  assert_citynet_error(error, CITYNET_ERROR_IO,
                       "bundle directory \"/nonexistent/citynet-bundle\" does not exist");

  CitynetProblems *problems = citynet_bundle_validate("/nonexistent/citynet-bundle");
  assert_int_equal(citynet_problems_count(problems), 1);
  const char *file = "x";
  guint line = 9, column = 9;
  const char *message = citynet_problems_get(problems, 0, &file, &line, &column);
  assert_null(file);
  assert_int_equal(line, 0);
  assert_int_equal(column, 0);
  assert_non_null(strstr(message, "does not exist"));
  citynet_problems_free(problems);

  /* A file given as the bundle. */
  char *dir = make_bundle(NODES, TIES, NULL, NULL, NULL);
  char *path = g_build_filename(dir, "nodes.csv", NULL);
  assert_null(citynet_bundle_load(path, &error));
  assert_citynet_error(error, CITYNET_ERROR_IO, "is not a directory");
  g_free(path);
  remove_bundle(dir);
}

static void
test_empty_file(void **state)
{
  data_error("", TIES, NULL, NULL, NULL, "nodes.csv", 1, 0, 1,
             "empty file (expected a header row)");
  data_error("\n\r\n", TIES, NULL, NULL, NULL, "nodes.csv", 1, 0, 1,
             "empty file");
  data_error(NODES, TIES, "", NULL, NULL, "countries.csv", 1, 0, 1,
             "empty file");
}

static void
test_missing_required_column(void **state)
{
  data_error(NODES, "source,layer\na,sister\n", NULL, NULL, NULL, "ties.csv",
             1, 0, 1, "missing required column \"target\"");
  data_error("id,name\na,A\n", TIES, NULL, NULL, NULL, "nodes.csv", 1, 0, 1,
             "missing required column \"kind\"");
  data_error(NODES, TIES, "iso3\nTUR\n", NULL, NULL, "countries.csv", 1, 0, 1,
             "missing required column \"name\"");
  data_error(NODES, TIES, NULL, "iso3,start\nTUR,2000\n", NULL,
             "country_groups.csv", 1, 0, 1, "missing required column \"group\"");
  data_error(NODES, TIES, NULL, NULL, "description\nx\n", "kinds.csv", 1, 0, 1,
             "missing required column \"kind\"");
}

static void
test_bad_column_names(void **state)
{
  data_error("id,kind,name,country,name\na,city,A,TUR,x\nb,city,B,TUR,y\n",
             TIES, NULL, NULL, NULL, "nodes.csv", 1, 5, 1,
             "duplicate column \"name\" (also column 3)");
  data_error(NODES, "source,target,layer,\na,b,sister,x\n", NULL, NULL, NULL,
             "ties.csv", 1, 4, 1, "empty column name");
  data_error(NODES, "source,target,layer,\"bad\nname\"\na,b,sister,x\n", NULL,
             NULL, NULL, "ties.csv", 1, 4, 1,
             "column name \"bad\\nname\" contains a control character");
}

/* ------------------------------------------------------------------------ */
/* CSV syntax                                                               */
/* ------------------------------------------------------------------------ */

static void
test_invalid_utf8(void **state)
{
  data_error(NODES "c,city,\xff\xfe,TUR\n", TIES, NULL, NULL, NULL,
             "nodes.csv", 5, 3, 1, "invalid UTF-8 in field");
  data_error(NODES, "\xc3(,target,layer\n", NULL, NULL, NULL, "ties.csv", 1,
             1, 1, "invalid UTF-8");
}

static void
test_unterminated_quote(void **state)
{
  data_error(NODES, TIES "a,b,\"sister\nb,a,member\n", NULL, NULL, NULL,
             "ties.csv", 3, 3, 1, "unterminated quoted field");
}

static void
test_stray_quote(void **state)
{
  data_error(NODES "c,city,Bad\"Name,TUR\n", TIES, NULL, NULL, NULL,
             "nodes.csv", 5, 3, 1, "stray quote in an unquoted field");
  data_error(NODES "c,city,\"Bad\"Name,TUR\n", TIES, NULL, NULL, NULL,
             "nodes.csv", 5, 3, 1, "text after the closing quote");
}

static void
test_nul_byte(void **state)
{
  char *dir = make_bundle(NODES, NULL, NULL, NULL, NULL);
  char *path = g_build_filename(dir, "ties.csv", NULL);
  static const char ties[] = "source,target,layer\na,b,sis\0ter\n";
  GError *error = NULL;
  g_file_set_contents(path, ties, sizeof ties - 1, &error);
  assert_no_error(error);
  expect_failure(dir, CITYNET_ERROR_DATA, "ties.csv", 2, 3, 1, "NUL byte");
  g_free(path);
  remove_bundle(dir);
}

static void
test_wrong_number_of_fields(void **state)
{
  data_error(NODES, TIES "a,b\n", NULL, NULL, NULL, "ties.csv", 3, 0, 1,
             "expected 3 fields as in the header, found 2");
  data_error(NODES, TIES "a,b,sister,extra\n", NULL, NULL, NULL, "ties.csv",
             3, 0, 1, "expected 3 fields as in the header, found 4");
}

/* A 10 MiB field is refused without trouble, and reading goes on. */
static void
test_huge_field(void **state)
{
  GString *nodes = g_string_new("id,kind,name,country\nx,city,\"");
  gsize at = nodes->len;
  g_string_set_size(nodes, at + 10 * 1024 * 1024);
  memset(nodes->str + at, 'n', 10 * 1024 * 1024);
  g_string_append(nodes, "\",TUR\na,city,A,TUR\nb,city,B,TUR\n");
  data_error(nodes->str, TIES, NULL, NULL, NULL, "nodes.csv", 2, 3, 1,
             "field longer than 1 MiB");
  g_string_free(nodes, TRUE);
}

/* ------------------------------------------------------------------------ */
/* nodes.csv                                                                */
/* ------------------------------------------------------------------------ */

static void
test_duplicate_node_id(void **state)
{
  data_error("id,kind,name,country,note\na,city,A,TUR,\nb,city,B,TUR,\"two\nlines\"\n"
             "a,city,A2,TUR,\n",
             TIES, NULL, NULL, NULL, "nodes.csv", 5, 1, 1,
             "duplicate node id \"a\" (first defined on line 2)");
}

static void
test_node_field_errors(void **state)
{
  data_error(NODES "c,,C,TUR\n", TIES, NULL, NULL, NULL, "nodes.csv", 5, 2, 1,
             "empty required field \"kind\"");
  data_error(NODES ",city,C,TUR\n", TIES, NULL, NULL, NULL, "nodes.csv", 5, 1,
             1, "empty required field \"id\"");
  data_error(NODES "\"c\td\",city,C,TUR\n", TIES, NULL, NULL, NULL,
             "nodes.csv", 5, 1, 1,
             "node id \"c\\td\" contains a control character");
  data_error(NODES "c,city,\"C\nC\",TUR\n", TIES, NULL, NULL, NULL,
             "nodes.csv", 5, 3, 1, "node name \"C\\nC\" contains a control");
  /* Values in messages are cut after 120 bytes. */
  GString *kind = g_string_new(NODES "c,");
  for (guint i = 0; i < 40; i++)
    g_string_append(kind, "town");
  g_string_append(kind, ",C,TUR\n");
  data_error(kind->str, TIES, NULL, NULL, NULL, "nodes.csv", 5, 2, 1,
             "towntown\"... (expected city");
  g_string_free(kind, TRUE);
  data_error(NODES "c,town,C,TUR\n", TIES, NULL, NULL, NULL, "nodes.csv", 5, 2,
             1, "unknown kind \"town\" (expected city, organisation, government "
                "or a kind listed in kinds.csv)");
  data_error(NODES "c,city,C,tr\n", TIES, NULL, NULL, NULL, "nodes.csv", 5, 4,
             1, "invalid country code \"tr\" (expected three ASCII capitals)");
  data_error(NODES "c,organisation,C,TURK\n", TIES, NULL, NULL, NULL,
             "nodes.csv", 5, 4, 1, "invalid country code \"TURK\"");
  data_error(NODES "c,city,C,\n", TIES, NULL, NULL, NULL, "nodes.csv", 5, 4, 1,
             "missing country for node \"c\" of kind \"city\"");
  data_error(NODES "g,government,G,\n", TIES, NULL, NULL, NULL, "nodes.csv", 5,
             4, 1, "missing country for node \"g\" of kind \"government\"");
  /* Without a country column at all the location is the whole row. */
  data_error("id,kind\no,organisation\nc,city\n", "source,target,layer\n",
             NULL, NULL, NULL, "nodes.csv", 3, 0, 1,
             "missing country for node \"c\"");
}

static void
test_kinds_file_adds_kinds(void **state)
{
  char *dir = make_bundle(NODES "c,town,C,\n", TIES, NULL, NULL,
                          "kind,description\ntown,\"a town, small\"\n");
  CitynetNetwork *network = load_ok(dir);
  assert_string_equal(citynet_network_node_kind(network, 3), "town");
  /* Kinds other than city and government need no country. */
  assert_null(citynet_network_node_country(network, 3));
  citynet_network_unref(network);
  remove_bundle(dir);

  data_error(NODES, TIES, NULL, NULL, "kind\ntown\nvillage\ntown\n",
             "kinds.csv", 4, 1, 1,
             "duplicate kind \"town\" (first defined on line 2)");
  data_error(NODES, TIES, NULL, NULL, "kind\n\"to\twn\"\n", "kinds.csv", 2, 1,
             1, "kind \"to\\twn\" contains a control character");
}

#define GEO_HEADER "id,kind,name,country,lat,lon,population\n" \
                   "a,city,A,TUR,,,\nb,city,B,TUR,,,\n"

static void
test_node_number_errors(void **state)
{
  data_error(GEO_HEADER "c,city,C,TUR,abc,1,\n", TIES, NULL, NULL, NULL,
             "nodes.csv", 4, 5, 1,
             "invalid number \"abc\" in column \"lat\"");
  data_error(GEO_HEADER "c,city,C,TUR,\"41,5\",1,\n", TIES, NULL, NULL, NULL,
             "nodes.csv", 4, 5, 1, "invalid number \"41,5\"");
  data_error(GEO_HEADER "c,city,C,TUR,41,,\n", TIES, NULL, NULL, NULL,
             "nodes.csv", 4, 5, 1, "latitude without longitude");
  data_error(GEO_HEADER "c,city,C,TUR,,29,\n", TIES, NULL, NULL, NULL,
             "nodes.csv", 4, 6, 1, "longitude without latitude");
  data_error(GEO_HEADER "c,city,C,TUR,95,29,\n", TIES, NULL, NULL, NULL,
             "nodes.csv", 4, 5, 1, "latitude \"95\" out of range [-90, 90]");
  data_error(GEO_HEADER "c,city,C,TUR,45,-180.5,\n", TIES, NULL, NULL, NULL,
             "nodes.csv", 4, 6, 1,
             "longitude \"-180.5\" out of range [-180, 180]");
  data_error(GEO_HEADER "c,city,C,TUR,,,-5\n", TIES, NULL, NULL, NULL,
             "nodes.csv", 4, 7, 1,
             "invalid population \"-5\" (expected a finite number >= 0)");
  data_error(GEO_HEADER "c,city,C,TUR,,,1e999\n", TIES, NULL, NULL, NULL,
             "nodes.csv", 4, 7, 1, "invalid population \"1e999\"");
  data_error(GEO_HEADER "c,city,C,TUR,,,nan\n", TIES, NULL, NULL, NULL,
             "nodes.csv", 4, 7, 1, "invalid population \"nan\"");
  /* Only lat: any latitude lacks its longitude. */
  data_error("id,kind,country,lat\nc,city,TUR,41\n", "source,target,layer\n",
             NULL, NULL, NULL, "nodes.csv", 2, 4, 1,
             "latitude without longitude");

  /* The boundaries themselves are fine. */
  char *dir = make_bundle(GEO_HEADER "c,city,C,TUR,-90,180,0\n", TIES, NULL,
                          NULL, NULL);
  CitynetNetwork *network = load_ok(dir);
  double lat, lon, population;
  assert_true(citynet_network_node_location(network, 2, &lat, &lon));
  assert_true(lat == -90.0 && lon == 180.0);
  assert_true(citynet_network_node_population(network, 2, &population));
  assert_true(population == 0.0);
  citynet_network_unref(network);
  remove_bundle(dir);
}

static void
test_unknown_country(void **state)
{
  data_error(NODES, TIES, "iso3,name\nTUR,Türkiye\n", NULL, NULL, "nodes.csv",
             4, 4, 1, "unknown country \"UKR\" (not in countries.csv)");
}

/* ------------------------------------------------------------------------ */
/* ties.csv                                                                 */
/* ------------------------------------------------------------------------ */

static void
test_unknown_node_with_suggestion(void **state)
{
  /* The quoted newline on line 2 makes the bad row start on line 4. */
  char *dir = make_bundle(NODES,
                          "source,target,layer,ref\n"
                          "a,b,sister,\"two\nlines\"\n"
                          "a,Odesa,sister,\n",
                          NULL, NULL, NULL);
  expect_failure(dir, CITYNET_ERROR_DATA, "ties.csv", 4, 2, 1,
                 "unknown node id \"Odesa\" (did you mean \"odessa\"?)");
  GError *error = NULL;
  assert_null(citynet_bundle_load(dir, &error));
  assert_string_equal(error->message,
                      "ties.csv:4:2: unknown node id \"Odesa\" (did you mean "
                      "\"odessa\"?)");
  g_clear_error(&error);
  remove_bundle(dir);

  /* Folding: case and diacritics do not count as edits. */
  data_error("id,kind,country\nistanbul,city,TUR\nconstanța,city,ROU\n",
             "source,target,layer\nİSTANBUL,Constanta,sister\n", NULL, NULL,
             NULL, "ties.csv", 2, 1, 1,
             "unknown node id \"İSTANBUL\" (did you mean \"istanbul\"?)");

  dir = make_bundle(NODES, TIES "qqqqqqqq,b,sister\n", NULL, NULL, NULL);
  expect_failure(dir, CITYNET_ERROR_DATA, "ties.csv", 3, 1, 1,
                 "unknown node id \"qqqqqqqq\"");
  assert_null(citynet_bundle_load(dir, &error));
  assert_null(strstr(error->message, "did you mean"));
  g_clear_error(&error);
  remove_bundle(dir);
}

/* Ids longer than the inline keys of the endpoint index, and refs and
 * attribute values repeated or longer than the string cache's slots. */
static void
test_long_ids_and_repeated_strings(void **state)
{
  static const char *const ids[] = {
    "x", "exactly-twenty-three-ch", "exactly-twenty-four-chars",
    "a-node-id-that-is-much-longer-than-any-inline-key-of-the-index",
    "a-node-id-that-is-much-longer-than-any-inline-key-of-the-indey",
  };
  GString *nodes = g_string_new("id,kind\n");
  GString *ties = g_string_new("source,target,layer,ref,note\n");
  const char *long_ref = "a reference much longer than fifty-five bytes, so it "
                         "bypasses the cache";
  for (gsize i = 0; i < G_N_ELEMENTS(ids); i++)
    g_string_append_printf(nodes, "%s,organisation\n", ids[i]);
  for (gsize i = 0; i < G_N_ELEMENTS(ids); i++)
    for (gsize j = 0; j < G_N_ELEMENTS(ids); j++)
      if (i != j)
        g_string_append_printf(ties, "%s,%s,l,\"%s\",%s\n", ids[i], ids[j],
                               (i + j) % 2 ? long_ref : "short ref",
                               j % 2 ? "odd" : "");
  char *dir = make_bundle(nodes->str, ties->str, NULL, NULL, NULL);
  CitynetNetwork *network = load_ok(dir);
  gsize t = 0;
  for (gsize i = 0; i < G_N_ELEMENTS(ids); i++)
    for (gsize j = 0; j < G_N_ELEMENTS(ids); j++)
      if (i != j) {
        assert_int_equal(citynet_network_tie_source(network, t), i);
        assert_int_equal(citynet_network_tie_target(network, t), j);
        assert_string_equal(citynet_network_tie_ref(network, t),
                            (i + j) % 2 ? long_ref : "short ref");
        if (j % 2)
          assert_string_equal(citynet_network_tie_attribute(network, t, "note"), "odd");
        else
          assert_null(citynet_network_tie_attribute(network, t, "note"));
        t++;
      }
  assert_int_equal(citynet_network_n_ties(network), t);
  /* Equal strings are one pooled string. */
  assert_ptr_equal(citynet_network_tie_ref(network, 0), citynet_network_tie_ref(network, 2));
  citynet_network_unref(network);
  remove_bundle(dir);

  /* A long id that differs only after the inline prefix is unknown. */
  g_string_append(ties, "x,a-node-id-that-is-much-longer-than-any-inline-key-of-the-indez,l,,\n");
  dir = make_bundle(nodes->str, ties->str, NULL, NULL, NULL);
  expect_failure(dir, CITYNET_ERROR_DATA, "ties.csv", 22, 2, 1,
                 "unknown node id \"a-node-id-that-is-much-longer-than-any-inline-key-"
                 "of-the-indez\" (did you mean \"a-node-id-that-is-much-longer-than-"
                 "any-inline-key-of-the-index\"?)");
  remove_bundle(dir);
  g_string_free(nodes, TRUE);
  g_string_free(ties, TRUE);
}

static void
test_tie_field_errors(void **state)
{
  data_error(NODES, TIES "a,,sister\n", NULL, NULL, NULL, "ties.csv", 3, 2, 1,
             "empty required field \"target\"");
  data_error(NODES, TIES "a,b,\n", NULL, NULL, NULL, "ties.csv", 3, 3, 1,
             "empty required field \"layer\"");
  data_error(NODES, TIES "a,a,sister\n", NULL, NULL, NULL, "ties.csv", 3, 2, 1,
             "self-tie: source and target are both \"a\"");
  data_error(NODES, TIES "a,b,\"sis\nter\"\n", NULL, NULL, NULL, "ties.csv", 3,
             3, 1, "layer \"sis\\nter\" contains a control character");
  data_error(NODES, "source,target,layer,directed\na,b,x,maybe\n", NULL, NULL,
             NULL, "ties.csv", 2, 4, 1,
             "invalid value \"maybe\" in column \"directed\" (expected true, "
             "false, 1, 0, yes or no)");
}

static void
test_bad_weights(void **state)
{
  char *dir = make_bundle(NODES,
                          "source,target,layer,weight\n"
                          "a,b,x,0\n"
                          "a,b,x,-1\n"
                          "a,b,x,nan\n"
                          "a,b,x,inf\n"
                          "a,b,x,\"1,5\"\n"
                          "a,b,x,abc\n"
                          "a,b,x,1e999\n"
                          "a,b,x, 2\n"
                          "a,b,x,2.5\n",
                          NULL, NULL, NULL);
  expect_failure(dir, CITYNET_ERROR_DATA, "ties.csv", 2, 4, 8,
                 "invalid weight \"0\" (expected a finite number > 0)");
  CitynetProblems *problems = citynet_bundle_validate(dir);
  static const char *const shown[] = {"0", "-1", "nan", "inf", "1,5",
                                      "abc", "1e999", " 2"};
  assert_int_equal(citynet_problems_count(problems), G_N_ELEMENTS(shown));
  for (gsize i = 0; i < G_N_ELEMENTS(shown); i++) {
    const char *file;
    guint line, column;
    const char *message = citynet_problems_get(problems, i, &file, &line, &column);
    char *want = g_strdup_printf("invalid weight \"%s\"", shown[i]);
    assert_string_equal(file, "ties.csv");
    assert_int_equal(line, i + 2);
    assert_int_equal(column, 4);
    assert_true(g_str_has_prefix(message, want));
    g_free(want);
  }
  citynet_problems_free(problems);
  remove_bundle(dir);
}

#define DATED_TIES "source,target,layer,start,end\n"

static void
test_bad_dates(void **state)
{
  data_error(NODES, DATED_TIES "a,b,x,2019-13,\n", NULL, NULL, NULL,
             "ties.csv", 2, 4, 1,
             "invalid date \"2019-13\" in column \"start\" (expected YYYY, "
             "YYYY-MM or YYYY-MM-DD)");
  data_error(NODES, DATED_TIES "a,b,x,,2019-02-29\n", NULL, NULL, NULL,
             "ties.csv", 2, 5, 1, "invalid date \"2019-02-29\" in column \"end\"");
  data_error(NODES, DATED_TIES "a,b,x,2019/01,\n", NULL, NULL, NULL,
             "ties.csv", 2, 4, 1, "invalid date \"2019/01\"");
  data_error(NODES, DATED_TIES "a,b,x,19,\n", NULL, NULL, NULL, "ties.csv", 2,
             4, 1, "invalid date \"19\"");
}

static void
test_end_before_start(void **state)
{
  char *dir = make_bundle(NODES,
                          DATED_TIES
                          "a,b,x,2019-05,2018\n"     /* line 2: bad */
                          "a,b,x,2019,2019-01\n"     /* end's last day counts */
                          "a,b,x,2019-06,2019\n"
                          "a,b,x,2019-06-15,2019-06\n"
                          "a,b,x,2019-07,2019-06\n"  /* line 6: bad */
                          "a,b,x,2020-02-29,2020-02-29\n",
                          NULL, NULL, NULL);
  expect_failure(dir, CITYNET_ERROR_DATA, "ties.csv", 2, 5, 2,
                 "end \"2018\" is before start \"2019-05\"");
  CitynetProblems *problems = citynet_bundle_validate(dir);
  guint line, column;
  const char *message = citynet_problems_get(problems, 1, NULL, &line, &column);
  assert_int_equal(line, 6);
  assert_int_equal(column, 5);
  assert_string_equal(message, "end \"2019-06\" is before start \"2019-07\"");
  citynet_problems_free(problems);
  remove_bundle(dir);
}

/* ------------------------------------------------------------------------ */
/* countries.csv and country_groups.csv                                     */
/* ------------------------------------------------------------------------ */

#define COUNTRIES "iso3,name\nTUR,Türkiye\nUKR,Ukraine\n"

static void
test_country_errors(void **state)
{
  data_error(NODES, TIES, COUNTRIES "TUR,Turkey\n", NULL, NULL,
             "countries.csv", 4, 1, 1,
             "duplicate country \"TUR\" (first defined on line 2)");
  data_error(NODES, TIES, COUNTRIES "tur,Turkey\n", NULL, NULL,
             "countries.csv", 4, 1, 1, "invalid country code \"tur\"");
  data_error(NODES, TIES, COUNTRIES "ROU,\n", NULL, NULL, "countries.csv", 4,
             2, 1, "empty required field \"name\"");
  data_error(NODES, TIES, "iso3,name,gdp\nTUR,Türkiye,abc\nUKR,Ukraine,1\n",
             NULL, NULL, "countries.csv", 2, 3, 1,
             "invalid number \"abc\" in column \"gdp\"");
}

static void
test_group_errors(void **state)
{
  data_error(NODES, TIES, COUNTRIES, "iso3,group\nTUR,NATO\nXYZ,EU\n", NULL,
             "country_groups.csv", 3, 1, 1,
             "unknown country \"XYZ\" (not in countries.csv)");
  /* Groups always need declared countries. */
  data_error(NODES, TIES, NULL, "iso3,group\nTUR,NATO\n", NULL,
             "country_groups.csv", 2, 1, 1, "unknown country \"TUR\"");
  data_error(NODES, TIES, COUNTRIES, "iso3,group\nTUR,\n", NULL,
             "country_groups.csv", 2, 2, 1, "empty required field \"group\"");
  data_error(NODES, TIES, COUNTRIES,
             "iso3,group,start,end\nTUR,NATO,1952-02-30,\n", NULL,
             "country_groups.csv", 2, 3, 1, "invalid date \"1952-02-30\"");
  data_error(NODES, TIES, COUNTRIES,
             "iso3,group,start,end\nUKR,CIS,1991-12,1990\n", NULL,
             "country_groups.csv", 2, 4, 1,
             "end \"1990\" is before start \"1991-12\"");
}

/* ------------------------------------------------------------------------ */
/* Several problems                                                         */
/* ------------------------------------------------------------------------ */

/* The first problem in reading order (countries, groups, nodes, ties) is
 * reported with the count of all; validation lists each one. */
static void
test_multiple_problems(void **state)
{
  char *dir = make_bundle("id,kind,name,country,lat,lon\n"
                          "a,city,A,TUR,,\n"
                          "b,city,B,TUR,91,0\n"   /* rejected: no cascade */
                          "c,city,C,TUR,,\n",
                          "source,target,layer,weight\n"
                          "a,b,sister,1\n"        /* b was rejected: silent */
                          "a,c,sister,0\n"
                          "a,zzz,sister,1\n"
                          "a,c,sister,1,extra\n",
                          "iso3,name\nTUR,Türkiye\nTUR,Turkey\n", NULL, NULL);
  expect_failure(dir, CITYNET_ERROR_DATA, "countries.csv", 3, 1, 5,
                 "duplicate country \"TUR\"");

  static const struct {
    const char *file;
    guint line, column;
    const char *message;
  } expected[] = {
    {"countries.csv", 3, 1, "duplicate country \"TUR\" (first defined on line 2)"},
    {"nodes.csv", 3, 5, "latitude \"91\" out of range [-90, 90]"},
    {"ties.csv", 3, 4, "invalid weight \"0\" (expected a finite number > 0)"},
    {"ties.csv", 4, 2, "unknown node id \"zzz\""},
    {"ties.csv", 5, 0, "expected 4 fields as in the header, found 5"},
  };
  CitynetProblems *problems = citynet_bundle_validate(dir);
  assert_int_equal(citynet_problems_count(problems), G_N_ELEMENTS(expected));
  for (gsize i = 0; i < G_N_ELEMENTS(expected); i++) {
    const char *file;
    guint line, column;
    const char *message = citynet_problems_get(problems, i, &file, &line, &column);
    assert_string_equal(file, expected[i].file);
    assert_int_equal(line, expected[i].line);
    assert_int_equal(column, expected[i].column);
    assert_string_equal(message, expected[i].message);
  }
  citynet_problems_free(problems);

  GError *error = NULL;
  assert_null(citynet_bundle_load(dir, &error));
  assert_string_equal(error->message,
                      "countries.csv:3:1: duplicate country \"TUR\" (first "
                      "defined on line 2) (and 4 more problems)");
  g_clear_error(&error);
  remove_bundle(dir);
}

/* ties.csv rows are resolved a few rows after they are read, to overlap
 * their cache misses: problems still come out in file order when rows the
 * tokenizer rejects come between rows rejected later, and quoted values
 * with doubled quotes survive the wait. */
static void
test_tie_problems_in_file_order(void **state)
{
  GString *ties = g_string_new("source,target,layer,ref,note\n");
  for (guint i = 0; i < 30; i++) {
    switch (i % 10) {
    case 3:
      g_string_append(ties, "a,zzz,sister,,\n"); /* unknown id */
      break;
    case 4:
      g_string_append(ties, "a,b,sis\"ter,,\n"); /* stray quote */
      break;
    case 5:
      g_string_append(ties, "a,a,sister,,\n"); /* self-tie */
      break;
    case 6:
      g_string_append(ties, "a,b,sister\n"); /* too few fields */
      break;
    default:
      g_string_append_printf(ties, "a,b,sister,\"r \"\"%u\"\"\",\"n,\"\"%u\"\"\"\n",
                             i, i);
    }
  }
  char *dir = make_bundle(NODES, ties->str, NULL, NULL, NULL);
  CitynetProblems *problems = citynet_bundle_validate(dir);
  assert_int_equal(citynet_problems_count(problems), 12);
  for (guint i = 0; i < 12; i++) {
    const char *file;
    guint line, column;
    const char *message = citynet_problems_get(problems, i, &file, &line, &column);
    guint row = 10 * (i / 4) + 3 + i % 4; /* 0-based data row */
    assert_string_equal(file, "ties.csv");
    assert_int_equal(line, row + 2);
    static const char *const needles[] = {"unknown node id \"zzz\"",
                                          "stray quote", "self-tie",
                                          "expected 5 fields"};
    assert_non_null(strstr(message, needles[i % 4]));
  }
  citynet_problems_free(problems);
  remove_bundle(dir);

  /* Without the bad rows, every value arrives intact. */
  g_string_assign(ties, "source,target,layer,ref,note\n");
  for (guint i = 0; i < 30; i++)
    g_string_append_printf(ties, "a,b,sister,\"r \"\"%u\"\"\",\"n,\"\"%u\"\"\"\n", i,
                           i);
  dir = make_bundle(NODES, ties->str, NULL, NULL, NULL);
  CitynetNetwork *network = load_ok(dir);
  assert_int_equal(citynet_network_n_ties(network), 30);
  for (guint i = 0; i < 30; i++) {
    char *ref = g_strdup_printf("r \"%u\"", i);
    char *note = g_strdup_printf("n,\"%u\"", i);
    assert_string_equal(citynet_network_tie_ref(network, i), ref);
    assert_string_equal(citynet_network_tie_attribute(network, i, "note"), note);
    g_free(ref);
    g_free(note);
  }
  citynet_network_unref(network);
  remove_bundle(dir);
  g_string_free(ties, TRUE);
}

/* A ties.csv of several MiB has its rows estimated from its start rather
 * than counted; when the rows get shorter further on, the estimate is too
 * low and the tie store grows as it goes. Every tie is still loaded, in
 * order. */
static void
test_large_ties_file_with_shorter_rows(void **state)
{
  GString *ties = g_string_new("source,target,layer,weight,ref\n");
  guint n = 0;
  while (ties->len < 5 * 1024 * 1024) {
    g_string_append_printf(ties, "a,b,sister,%u,%0200u\n", n + 1, n);
    n++;
  }
  guint long_rows = n;
  for (guint i = 0; i < 4 * long_rows; i++, n++)
    g_string_append_printf(ties, "b,a,visit,%u,\n", n + 1);
  char *dir = make_bundle(NODES, ties->str, NULL, NULL, NULL);
  g_string_free(ties, TRUE);

  CitynetNetwork *network = load_ok(dir);
  assert_int_equal(citynet_network_n_ties(network), n);
  for (guint i = 0; i < n; i += 997) {
    assert_true(citynet_network_tie_weight(network, i) == (double) (i + 1));
    assert_string_equal(citynet_network_tie_layer(network, i),
                        i < long_rows ? "sister" : "visit");
    assert_int_equal(citynet_network_tie_source(network, i), i < long_rows ? 0 : 1);
  }
  assert_true(citynet_network_tie_weight(network, n - 1) == (double) n);
  citynet_network_unref(network);
  remove_bundle(dir);
}

/* Validation keeps 10,000 messages, then one that counts the rest. */
static void
test_problem_cap(void **state)
{
  GString *ties = g_string_new("source,target,layer\n");
  for (guint i = 0; i < 10003; i++)
    g_string_append(ties, "a,a,x\n");
  char *dir = make_bundle(NODES, ties->str, NULL, NULL, NULL);
  g_string_free(ties, TRUE);

  CitynetProblems *problems = citynet_bundle_validate(dir);
  assert_int_equal(citynet_problems_count(problems), 10001);
  guint line;
  const char *file = "x";
  citynet_problems_get(problems, 9999, &file, &line, NULL);
  assert_string_equal(file, "ties.csv");
  assert_int_equal(line, 10001);
  const char *message = citynet_problems_get(problems, 10000, &file, &line, NULL);
  assert_null(file);
  assert_string_equal(message,
                      "3 more problems not listed (only the first 10000 are kept)");
  citynet_problems_free(problems);

  GError *error = NULL;
  assert_null(citynet_bundle_load(dir, &error));
  assert_int_equal(citynet_error_get_count(error), 10003);
  assert_true(g_str_has_suffix(error->message, "(and 10002 more problems)"));
  g_clear_error(&error);
  remove_bundle(dir);
}

/* ------------------------------------------------------------------------ */
/* Saving                                                                   */
/* ------------------------------------------------------------------------ */

static void
assert_same_string(const char *a, const char *b, const char *what, gsize index)
{
  if (g_strcmp0(a, b) != 0)
    fail_msg("%s %zu: \"%s\" != \"%s\"", what, index, a ? a : "(null)",
             b ? b : "(null)");
}

static void
assert_same_double(double a, double b, const char *what, gsize index)
{
  if (memcmp(&a, &b, sizeof a) != 0 && !(isnan(a) && isnan(b)))
    fail_msg("%s %zu: %.17g != %.17g", what, index, a, b);
}

static void
assert_same_list(const char *const *a, gsize na, const char *const *b,
                 gsize nb, const char *what)
{
  assert_int_equal(na, nb);
  for (gsize i = 0; i < na; i++)
    assert_same_string(a[i], b[i], what, i);
  assert_null(a[na]);
  assert_null(b[nb]);
}

static void
assert_same_nodes(const CitynetNetwork *a, const CitynetNetwork *b)
{
  gsize na, nb;
  const char *const *keys = citynet_network_node_attribute_keys(a, &na);
  const char *const *keys_b = citynet_network_node_attribute_keys(b, &nb);
  assert_same_list(keys, na, keys_b, nb,
                   "node attribute key");
  assert_int_equal(citynet_network_n_nodes(a), citynet_network_n_nodes(b));
  for (gsize i = 0; i < citynet_network_n_nodes(a); i++) {
    assert_same_string(citynet_network_node_id(a, i), citynet_network_node_id(b, i), "id", i);
    assert_same_string(citynet_network_node_kind(a, i), citynet_network_node_kind(b, i), "kind", i);
    assert_same_string(citynet_network_node_name(a, i), citynet_network_node_name(b, i), "name", i);
    assert_same_string(citynet_network_node_country(a, i),
                       citynet_network_node_country(b, i), "country", i);
    double lat_a = NAN, lon_a = NAN, lat_b = NAN, lon_b = NAN, pop_a = NAN, pop_b = NAN;
    assert_int_equal(citynet_network_node_location(a, i, &lat_a, &lon_a),
                     citynet_network_node_location(b, i, &lat_b, &lon_b));
    assert_same_double(lat_a, lat_b, "lat", i);
    assert_same_double(lon_a, lon_b, "lon", i);
    assert_int_equal(citynet_network_node_population(a, i, &pop_a),
                     citynet_network_node_population(b, i, &pop_b));
    assert_same_double(pop_a, pop_b, "population", i);
    for (gsize k = 0; k < na; k++)
      assert_same_string(citynet_network_node_attribute(a, i, keys[k]),
                         citynet_network_node_attribute(b, i, keys[k]), keys[k], i);
  }
}

static void
assert_same_ties(const CitynetNetwork *a, const CitynetNetwork *b)
{
  gsize na, nb;
  const char *const *keys = citynet_network_tie_attribute_keys(a, &na);
  const char *const *keys_b = citynet_network_tie_attribute_keys(b, &nb);
  assert_same_list(keys, na, keys_b, nb,
                   "tie attribute key");
  const char *const *layers = citynet_network_layers(a, &na);
  const char *const *layers_b = citynet_network_layers(b, &nb);
  assert_same_list(layers, na, layers_b, nb, "layer");
  keys = citynet_network_tie_attribute_keys(a, &na);
  assert_int_equal(citynet_network_n_ties(a), citynet_network_n_ties(b));
  for (gsize i = 0; i < citynet_network_n_ties(a); i++) {
    assert_int_equal(citynet_network_tie_source(a, i), citynet_network_tie_source(b, i));
    assert_int_equal(citynet_network_tie_target(a, i), citynet_network_tie_target(b, i));
    assert_same_string(citynet_network_tie_layer(a, i), citynet_network_tie_layer(b, i), "layer", i);
    assert_same_double(citynet_network_tie_weight(a, i), citynet_network_tie_weight(b, i), "weight", i);
    assert_int_equal(citynet_network_tie_directed(a, i), citynet_network_tie_directed(b, i));
    assert_int_equal(citynet_network_tie_start(a, i), citynet_network_tie_start(b, i));
    assert_int_equal(citynet_network_tie_end(a, i), citynet_network_tie_end(b, i));
    assert_same_string(citynet_network_tie_ref(a, i), citynet_network_tie_ref(b, i), "ref", i);
    for (gsize k = 0; k < na; k++)
      assert_same_string(citynet_network_tie_attribute(a, i, keys[k]),
                         citynet_network_tie_attribute(b, i, keys[k]), keys[k], i);
  }
}

static void
assert_same_countries(const CitynetNetwork *a, const CitynetNetwork *b)
{
  gsize na, nb;
  const char *const *keys = citynet_network_country_attribute_keys(a, &na);
  const char *const *keys_b = citynet_network_country_attribute_keys(b, &nb);
  assert_same_list(keys, na, keys_b, nb,
                   "country attribute key");
  assert_int_equal(citynet_network_n_countries(a), citynet_network_n_countries(b));
  for (gsize i = 0; i < citynet_network_n_countries(a); i++) {
    assert_same_string(citynet_network_country_code(a, i),
                       citynet_network_country_code(b, i), "iso3", i);
    assert_same_string(citynet_network_country_name(a, i),
                       citynet_network_country_name(b, i), "country name", i);
    for (gsize k = 0; k < na; k++) {
      double va = NAN, vb = NAN;
      assert_int_equal(citynet_network_country_attribute(a, i, keys[k], &va),
                       citynet_network_country_attribute(b, i, keys[k], &vb));
      assert_same_double(va, vb, keys[k], i);
    }
  }
  const char *const *groups = citynet_network_groups(a, &na);
  const char *const *groups_b = citynet_network_groups(b, &nb);
  assert_same_list(groups, na, groups_b, nb, "group");
  assert_int_equal(citynet_network_n_memberships(a), citynet_network_n_memberships(b));
  for (gsize i = 0; i < citynet_network_n_memberships(a); i++) {
    gsize ca, cb;
    const char *ga, *gb, *ra, *rb;
    CitynetDate sa, sb, ea, eb;
    citynet_network_membership(a, i, &ca, &ga, &sa, &ea, &ra);
    citynet_network_membership(b, i, &cb, &gb, &sb, &eb, &rb);
    assert_int_equal(ca, cb);
    assert_same_string(ga, gb, "membership group", i);
    assert_int_equal(sa, sb);
    assert_int_equal(ea, eb);
    assert_same_string(ra, rb, "membership ref", i);
  }
}

static void
assert_networks_equal(const CitynetNetwork *a, const CitynetNetwork *b)
{
  gsize na, nb;
  const char *const *kinds = citynet_network_kinds(a, &na);
  const char *const *kinds_b = citynet_network_kinds(b, &nb);
  assert_same_list(kinds, na, kinds_b, nb, "kind");
  assert_same_nodes(a, b);
  assert_same_ties(a, b);
  assert_same_countries(a, b);
}

/* Saves @network to a fresh directory, loads it back, compares, and checks
 * that saving the loaded copy gives the very same files. */
static void
assert_round_trip(const CitynetNetwork *network)
{
  char *root = test_mkdtemp();
  char *first = g_build_filename(root, "first", "nested", NULL);
  char *second = g_build_filename(root, "second", NULL);
  GError *error = NULL;

  assert_true(citynet_bundle_save(network, first, &error));
  assert_no_error(error);
  CitynetNetwork *loaded = load_ok(first);
  assert_networks_equal(network, loaded);

  assert_true(citynet_bundle_save(loaded, second, &error));
  assert_no_error(error);
  static const char *const files[] = {"nodes.csv", "ties.csv", "countries.csv",
                                      "country_groups.csv", "kinds.csv"};
  for (gsize i = 0; i < G_N_ELEMENTS(files); i++) {
    char *a = g_build_filename(first, files[i], NULL);
    char *b = g_build_filename(second, files[i], NULL);
    assert_int_equal(g_file_test(a, G_FILE_TEST_EXISTS),
                     g_file_test(b, G_FILE_TEST_EXISTS));
    if (g_file_test(a, G_FILE_TEST_EXISTS)) {
      char *ca = test_read_file(a), *cb = test_read_file(b);
      assert_string_equal(ca, cb);
      g_free(ca);
      g_free(cb);
    }
    g_free(a);
    g_free(b);
  }
  citynet_network_unref(loaded);
  g_free(first);
  g_free(second);
  test_rmtree(root);
  g_free(root);
}

static void
test_round_trip_istanbul(void **state)
{
  char *dir = g_build_filename(test_source_root(), "data", "istanbul", NULL);
  if (!g_file_test(dir, G_FILE_TEST_IS_DIR)) {
    print_message("data/istanbul not found under %s: skipped\n", test_source_root());
    g_free(dir);
    skip();
  }
  CitynetNetwork *network = load_ok(dir);
  assert_true(citynet_network_n_ties(network) > 0);
  assert_round_trip(network);
  citynet_network_unref(network);
  g_free(dir);
}

static void
check(gboolean ok, GError *error)
{
  assert_no_error(error);
  assert_true(ok);
}

/* A network full of strings that need quoting, numbers that need all 17
 * digits, and every date precision. */
static CitynetNetwork *
awkward_network(void)
{
  CitynetNetwork *n = citynet_network_new();
  GError *e = NULL;
  check(citynet_network_register_kind(n, "region, historical", &e), e);
  check(citynet_network_add_country(n, "TUR", "Türkiye", &e) >= 0, e);
  check(citynet_network_add_country(n, "ROU", "România, \"Romania\"", &e) >= 0, e);
  check(citynet_network_add_country(n, "CHN", "中国", &e) >= 0, e);
  check(citynet_network_add_country(n, "UKR", " Ukraine ", &e) >= 0, e);
  check(citynet_network_set_country_attribute(n, "TUR", "un_agreement", 0.1 + 0.2, &e), e);
  check(citynet_network_set_country_attribute(n, "ROU", "gdp, USD", 2.8e11, &e), e);
  check(citynet_network_set_country_attribute(n, "CHN", "un_agreement", 1.0 / 3.0, &e), e);
  check(citynet_network_add_country_group(n, "TUR", "NATO", "1952-02-18", NULL,
                                          "nato.int, \"members\"", &e), e);
  check(citynet_network_add_country_group(n, "ROU", "EU", "2007", NULL, NULL, &e), e);
  check(citynet_network_add_country_group(n, "ROU", "NATO", "2004-03", "2010",
                                          "ref\nwith a newline", &e), e);

  gssize i = citynet_network_add_node(n, "istanbul", "city", "İstanbul", "TUR", &e);
  check(i >= 0, e);
  check(citynet_network_set_node_location(n, i, 41.0082, 28.9784, &e), e);
  check(citynet_network_set_node_population(n, i, 15462452, &e), e);
  check(citynet_network_set_node_attribute(n, i, "note",
                                           "Byzantium, \"Constantinople\"\nand more", &e), e);
  check(citynet_network_set_node_attribute(n, i, " spaced key", "  leading spaces", &e), e);
  i = citynet_network_add_node(n, "constanța", "city", "Constanța", "ROU", &e);
  check(i >= 0, e);
  check(citynet_network_set_node_location(n, i, -90, 180, &e), e);
  check(citynet_network_set_node_population(n, i, 0.5, &e), e);
  i = citynet_network_add_node(n, "beijing, 北京", "city", "北京", "CHN", &e);
  check(i >= 0, e);
  check(citynet_network_set_node_location(n, i, 39.9042, 116.40739999999999, &e), e);
  i = citynet_network_add_node(n, "\"quoted\" id", "organisation", NULL, NULL, &e);
  check(i >= 0, e);
  check(citynet_network_set_node_attribute(n, i, "note", "", &e), e);
  i = citynet_network_add_node(n, " leading", "region, historical", "Dobruja ", "ROU", &e);
  check(i >= 0, e);
  check(citynet_network_set_node_attribute(n, i, "note", "trailing ", &e), e);
  i = citynet_network_add_node(n, "kyiv", "government", "Kyiv", "UKR", &e);
  check(i >= 0, e);

  gssize t = citynet_network_add_tie(n, "istanbul", "constanța", "sister, twin",
                                     1.0 / 3.0, FALSE, "1997", NULL,
                                     "Hekman, 2010 \"p. 3\"", &e);
  check(t >= 0, e);
  check(citynet_network_set_tie_attribute(n, t, "program", "Erasmus\r\nplus", &e), e);
  t = citynet_network_add_tie(n, "istanbul", "beijing, 北京", "aid", 1e-300,
                              TRUE, "2019-05", "2019-05", NULL, &e);
  check(t >= 0, e);
  t = citynet_network_add_tie(n, "\"quoted\" id", " leading", "member",
                              12345678.9, FALSE, "2020-02-29", "2021-12-31",
                              "", &e);
  check(t >= 0, e);
  check(citynet_network_set_tie_attribute(n, t, "empty", "", &e), e);
  t = citynet_network_add_tie(n, "constanța", "istanbul", "visit", 2, TRUE,
                              NULL, "2030", "x", &e);
  check(t >= 0, e);
  check(citynet_network_set_tie_attribute(n, t, "program", "x,y", &e), e);
  t = citynet_network_add_tie(n, "kyiv", "istanbul", "visit", 1.7976931348623157e308,
                              TRUE, NULL, NULL, NULL, &e);
  check(t >= 0, e);
  return n;
}

static void
test_round_trip_awkward_strings(void **state)
{
  CitynetNetwork *network = awkward_network();
  assert_round_trip(network);
  citynet_network_unref(network);

  /* An empty network too. */
  network = citynet_network_new();
  assert_round_trip(network);
  citynet_network_unref(network);
}

static void
test_save_output_format(void **state)
{
  char *dir = make_bundle(valid_nodes, valid_ties, valid_countries,
                          valid_groups, valid_kinds);
  CitynetNetwork *network = load_ok(dir);
  char *out = test_mkdtemp();
  GError *error = NULL;
  assert_true(citynet_bundle_save(network, out, &error));
  assert_no_error(error);

  char *path = g_build_filename(out, "ties.csv", NULL);
  char *ties = test_read_file(path);
  assert_string_equal(ties,
                      "source,target,layer,weight,directed,start,end,ref,program\n"
                      "istanbul,odessa,sister,1,false,1997,,hekman,\n"
                      "istanbul,ots,member,2.5,true,2009-10,2023-11-11,\"ots.org, charter\",\n"
                      "tr-gov,istanbul,visit,1,true,2019-05-03,2019-05-03,,state visit\n"
                      "constanta,istanbul,sister,0.5,false,,,,\"with \"\"quotes\"\"\"\n");
  g_free(ties);
  g_free(path);
  path = g_build_filename(out, "nodes.csv", NULL);
  char *nodes = test_read_file(path);
  assert_true(g_str_has_prefix(nodes,
                               "id,kind,name,country,lat,lon,population,founded,note\n"
                               "istanbul,city,İstanbul,TUR,41.0082,28.9784,15462452,330,"
                               "\"Byzantium, Constantinople\"\n"));
  g_free(nodes);
  g_free(path);
  path = g_build_filename(out, "kinds.csv", NULL);
  char *kinds = test_read_file(path);
  assert_string_equal(kinds, "kind\nregion\n");
  g_free(kinds);
  g_free(path);
  path = g_build_filename(out, "countries.csv", NULL);
  char *countries = test_read_file(path);
  assert_string_equal(countries, "iso3,name,un_agreement,gdp\n"
                                 "TUR,Türkiye,0.73,\n"
                                 "UKR,Ukraine,0.81,150000000000\n"
                                 "ROU,România,,280000000000\n");
  g_free(countries);
  g_free(path);

  citynet_network_unref(network);
  test_rmtree(out);
  g_free(out);
  remove_bundle(dir);
}

/* kinds.csv is written only for extra kinds, but an old one is replaced so
 * that stale kinds do not come back. */
static void
test_save_kinds_file(void **state)
{
  char *out = test_mkdtemp();
  GError *error = NULL;
  CitynetNetwork *plain = citynet_network_new();
  assert_true(citynet_bundle_save(plain, out, &error));
  assert_no_error(error);
  char *kinds_path = g_build_filename(out, "kinds.csv", NULL);
  assert_false(g_file_test(kinds_path, G_FILE_TEST_EXISTS));

  CitynetNetwork *extra = citynet_network_new();
  check(citynet_network_register_kind(extra, "region", &error), error);
  assert_true(citynet_bundle_save(extra, out, &error));
  assert_true(g_file_test(kinds_path, G_FILE_TEST_EXISTS));

  assert_true(citynet_bundle_save(plain, out, &error));
  CitynetNetwork *loaded = load_ok(out);
  gsize n;
  citynet_network_kinds(loaded, &n);
  assert_int_equal(n, 3);

  citynet_network_unref(loaded);
  citynet_network_unref(extra);
  citynet_network_unref(plain);
  g_free(kinds_path);
  test_rmtree(out);
  g_free(out);
}

static gboolean
has_leftovers(const char *dir)
{
  char *listing = list_dir(dir);
  gboolean found = strstr(listing, ".tmp-") != NULL || strstr(listing, ".old-") != NULL;
  g_free(listing);
  return found;
}

/* A target that cannot be replaced makes the whole save fail before any
 * file is touched, and leaves no temporary file behind. */
static void
test_save_is_atomic(void **state)
{
  char *dir = make_bundle(valid_nodes, valid_ties, valid_countries,
                          valid_groups, valid_kinds);
  CitynetNetwork *original = load_ok(dir);
  GError *error = NULL;
  char *out = test_mkdtemp();
  assert_true(citynet_bundle_save(original, out, &error));
  assert_no_error(error);
  char *before_nodes_path = g_build_filename(out, "nodes.csv", NULL);
  char *before_ties_path = g_build_filename(out, "ties.csv", NULL);
  char *before_nodes = test_read_file(before_nodes_path);
  char *before_ties = test_read_file(before_ties_path);

  /* country_groups.csv becomes a non-empty directory. */
  char *blocker = g_build_filename(out, "country_groups.csv", NULL);
  g_unlink(blocker);
  g_mkdir(blocker, 0755);
  test_write_file(blocker, "keep", "x");

  CitynetNetwork *other = awkward_network();
  assert_false(citynet_bundle_save(other, out, &error));
  assert_citynet_error(error, CITYNET_ERROR_IO, "country_groups.csv");

  char *after_nodes = test_read_file(before_nodes_path);
  char *after_ties = test_read_file(before_ties_path);
  assert_string_equal(before_nodes, after_nodes);
  assert_string_equal(before_ties, after_ties);
  assert_false(has_leftovers(out));
  char *listing = list_dir(out);
  assert_string_equal(listing,
                      "countries.csv country_groups.csv kinds.csv nodes.csv ties.csv");
  g_free(listing);

  /* Once the obstacle is gone, the same save succeeds completely. */
  test_rmtree(blocker);
  assert_true(citynet_bundle_save(other, out, &error));
  assert_no_error(error);
  assert_false(has_leftovers(out));
  CitynetNetwork *loaded = load_ok(out);
  assert_networks_equal(other, loaded);

  citynet_network_unref(loaded);
  citynet_network_unref(other);
  citynet_network_unref(original);
  g_free(before_nodes);
  g_free(before_ties);
  g_free(after_nodes);
  g_free(after_ties);
  g_free(before_nodes_path);
  g_free(before_ties_path);
  g_free(blocker);
  test_rmtree(out);
  g_free(out);
  remove_bundle(dir);
}

static void
test_save_errors(void **state)
{
  char *dir = test_mkdtemp();
  test_write_file(dir, "file", "x");
  char *path = g_build_filename(dir, "file", "bundle", NULL);
  CitynetNetwork *network = citynet_network_new();
  GError *error = NULL;
  assert_false(citynet_bundle_save(network, path, &error));
  assert_citynet_error(error, CITYNET_ERROR_IO, "cannot create directory");
  citynet_network_unref(network);
  g_free(path);

  /* Declared countries but a node in an undeclared one: the bundle could
   * not be loaded back, so nothing is written. */
  network = citynet_network_new();
  assert_true(citynet_network_add_country(network, "TUR", "Türkiye", &error) == 0);
  assert_true(citynet_network_add_node(network, "kyiv", "city", "Kyiv", "UKR", &error) == 0);
  path = g_build_filename(dir, "unloadable", NULL);
  assert_false(citynet_bundle_save(network, path, &error));
  assert_citynet_error(error, CITYNET_ERROR_INVALID_ARGUMENT,
                       "node \"kyiv\" has country UKR, which is not declared");
  assert_false(g_file_test(path, G_FILE_TEST_EXISTS));
  /* Declaring it makes the network savable and loadable. */
  assert_true(citynet_network_add_country(network, "UKR", "Ukraine", &error) == 1);
  assert_true(citynet_bundle_save(network, path, &error));
  assert_no_error(error);
  CitynetNetwork *loaded = citynet_bundle_load(path, &error);
  assert_no_error(error);
  assert_int_equal(citynet_network_n_countries(loaded), 2);
  citynet_network_unref(loaded);
  citynet_network_unref(network);
  g_free(path);
  test_rmtree(dir);
  g_free(dir);
}

int
main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_valid_bundle_loads_every_field),
    cmocka_unit_test(test_minimal_and_header_only_bundles),
    cmocka_unit_test(test_countries_check_only_with_declarations),
    cmocka_unit_test(test_missing_files),
    cmocka_unit_test(test_missing_directory),
    cmocka_unit_test(test_empty_file),
    cmocka_unit_test(test_missing_required_column),
    cmocka_unit_test(test_bad_column_names),
    cmocka_unit_test(test_invalid_utf8),
    cmocka_unit_test(test_unterminated_quote),
    cmocka_unit_test(test_stray_quote),
    cmocka_unit_test(test_nul_byte),
    cmocka_unit_test(test_wrong_number_of_fields),
    cmocka_unit_test(test_huge_field),
    cmocka_unit_test(test_duplicate_node_id),
    cmocka_unit_test(test_node_field_errors),
    cmocka_unit_test(test_kinds_file_adds_kinds),
    cmocka_unit_test(test_node_number_errors),
    cmocka_unit_test(test_unknown_country),
    cmocka_unit_test(test_unknown_node_with_suggestion),
    cmocka_unit_test(test_long_ids_and_repeated_strings),
    cmocka_unit_test(test_tie_field_errors),
    cmocka_unit_test(test_bad_weights),
    cmocka_unit_test(test_bad_dates),
    cmocka_unit_test(test_end_before_start),
    cmocka_unit_test(test_country_errors),
    cmocka_unit_test(test_group_errors),
    cmocka_unit_test(test_multiple_problems),
    cmocka_unit_test(test_problem_cap),
    cmocka_unit_test(test_tie_problems_in_file_order),
    cmocka_unit_test(test_large_ties_file_with_shorter_rows),
    cmocka_unit_test(test_round_trip_istanbul),
    cmocka_unit_test(test_round_trip_awkward_strings),
    cmocka_unit_test(test_save_output_format),
    cmocka_unit_test(test_save_kinds_file),
    cmocka_unit_test(test_save_is_atomic),
    cmocka_unit_test(test_save_errors),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
