/* The network model: building, reading back, lookup, groups at dates. */
#include <math.h>
#include <string.h>

#include "test-util.h"

/* İstanbul (TUR), Athens (GRC), London (GBR), Helsinki (FIN), UCLG
 * (organisation), the Turkish government; a few dated ties. */
static CitynetNetwork *
small_network(void)
{
  GError *error = NULL;
  CitynetNetwork *net = citynet_network_new();
  assert_int_equal(citynet_network_add_node(net, "istanbul", "city", "İstanbul", "TUR", &error), 0);
  assert_int_equal(citynet_network_add_node(net, "athens", "city", "Athens", "GRC", &error), 1);
  assert_int_equal(citynet_network_add_node(net, "london", "city", "London", "GBR", &error), 2);
  assert_int_equal(citynet_network_add_node(net, "helsinki", "city", "Helsinki", "FIN", &error), 3);
  assert_int_equal(citynet_network_add_node(net, "uclg", "organisation", "UCLG", NULL, &error), 4);
  assert_int_equal(citynet_network_add_node(net, "turkey-government", "government",
                                            "Government of Türkiye", "TUR", &error), 5);
  assert_no_error(error);

  assert_true(citynet_network_set_node_location(net, 0, 41.0082, 28.9784, &error));
  assert_true(citynet_network_set_node_population(net, 0, 15462452, &error));
  assert_true(citynet_network_set_node_attribute(net, 0, "mayor", "Ekrem İmamoğlu", &error));

  assert_int_equal(citynet_network_add_tie(net, "istanbul", "athens", "sister", 1, FALSE,
                                           "2021", NULL, "§4.2", &error), 0);
  assert_int_equal(citynet_network_add_tie(net, "istanbul", "uclg", "member", 2.5, FALSE,
                                           "2004", NULL, NULL, &error), 1);
  assert_int_equal(citynet_network_add_tie(net, "istanbul", "london", "visit", 1, TRUE,
                                           "2022-12-05", "2022-12-05", "§4.1 fn210", &error), 2);
  assert_true(citynet_network_set_tie_attribute(net, 2, "event", "C40 summit", &error));
  assert_no_error(error);

  const char *countries[][2] = {
    {"TUR", "Türkiye"}, {"GRC", "Greece"}, {"GBR", "United Kingdom"}, {"FIN", "Finland"},
  };
  for (gsize i = 0; i < G_N_ELEMENTS(countries); i++)
    assert_int_equal(citynet_network_add_country(net, countries[i][0], countries[i][1], &error),
                     (gssize) i);
  assert_true(citynet_network_add_country_group(net, "GRC", "EU", "1981-01-01", NULL, "eu", &error));
  assert_true(citynet_network_add_country_group(net, "GBR", "EU", "1973-01-01", "2020-01-31", "eu", &error));
  assert_true(citynet_network_add_country_group(net, "FIN", "EU", "1995-01-01", NULL, "eu", &error));
  assert_true(citynet_network_add_country_group(net, "FIN", "NATO", "2023-04-04", NULL, "nato", &error));
  assert_true(citynet_network_add_country_group(net, "GRC", "NATO", "1952-02-18", NULL, "nato", &error));
  assert_true(citynet_network_add_country_group(net, "TUR", "NATO", "1952-02-18", NULL, "nato", &error));
  assert_true(citynet_network_add_country_group(net, "TUR", "OTS", "2009-10-03", NULL, "ots", &error));
  assert_true(citynet_network_set_country_attribute(net, "GRC", "un_agreement", 0.61, &error));
  assert_no_error(error);
  return net;
}

static void
test_nodes_read_back(void **state)
{
  g_autoptr(CitynetNetwork) net = small_network();
  assert_int_equal(citynet_network_n_nodes(net), 6);
  assert_string_equal(citynet_network_node_id(net, 0), "istanbul");
  assert_string_equal(citynet_network_node_name(net, 0), "İstanbul");
  assert_string_equal(citynet_network_node_kind(net, 4), "organisation");
  assert_string_equal(citynet_network_node_country(net, 0), "TUR");
  assert_null(citynet_network_node_country(net, 4));
  double lat = 0, lon = 0, pop = 0;
  assert_true(citynet_network_node_location(net, 0, &lat, &lon));
  assert_double_close(lat, 41.0082, 0);
  assert_double_close(lon, 28.9784, 0);
  assert_false(citynet_network_node_location(net, 1, &lat, &lon));
  assert_true(citynet_network_node_population(net, 0, &pop));
  assert_double_close(pop, 15462452, 0);
  assert_false(citynet_network_node_population(net, 1, NULL));
  assert_string_equal(citynet_network_node_attribute(net, 0, "mayor"), "Ekrem İmamoğlu");
  assert_null(citynet_network_node_attribute(net, 1, "mayor"));
  assert_null(citynet_network_node_attribute(net, 0, "nothing"));
  gsize n = 0;
  const char *const *keys = citynet_network_node_attribute_keys(net, &n);
  assert_int_equal(n, 1);
  assert_string_equal(keys[0], "mayor");
  assert_null(keys[1]);
  assert_int_equal(citynet_network_node_index(net, "london"), 2);
  assert_int_equal(citynet_network_node_index(net, "London"), -1);
}

static void
test_ties_read_back(void **state)
{
  g_autoptr(CitynetNetwork) net = small_network();
  char buffer[CITYNET_DATE_STRING_SIZE];
  assert_int_equal(citynet_network_n_ties(net), 3);
  assert_int_equal(citynet_network_tie_source(net, 2), 0);
  assert_int_equal(citynet_network_tie_target(net, 2), 2);
  assert_string_equal(citynet_network_tie_layer(net, 1), "member");
  assert_double_close(citynet_network_tie_weight(net, 1), 2.5, 0);
  assert_true(citynet_network_tie_directed(net, 2));
  assert_false(citynet_network_tie_directed(net, 0));
  assert_string_equal(citynet_date_format(citynet_network_tie_start(net, 0), buffer), "2021");
  assert_int_equal(citynet_network_tie_end(net, 0), CITYNET_DATE_OPEN);
  assert_string_equal(citynet_date_format(citynet_network_tie_end(net, 2), buffer), "2022-12-05");
  assert_string_equal(citynet_network_tie_ref(net, 2), "§4.1 fn210");
  assert_null(citynet_network_tie_ref(net, 1));
  assert_string_equal(citynet_network_tie_attribute(net, 2, "event"), "C40 summit");
  assert_null(citynet_network_tie_attribute(net, 0, "event"));
  gsize n = 0;
  const char *const *layers = citynet_network_layers(net, &n);
  assert_int_equal(n, 3);
  assert_string_equal(layers[0], "sister");
  assert_string_equal(layers[2], "visit");
  /* kinds: the three built in */
  const char *const *kinds = citynet_network_kinds(net, &n);
  assert_int_equal(n, 3);
  assert_string_equal(kinds[1], "organisation");
}

static void
test_parallel_ties_allowed(void **state)
{
  g_autoptr(CitynetNetwork) net = small_network();
  GError *error = NULL;
  assert_int_equal(citynet_network_add_tie(net, "istanbul", "athens", "sister", 1, FALSE,
                                           NULL, NULL, NULL, &error), 3);
  assert_int_equal(citynet_network_add_tie(net, "athens", "istanbul", "visit", 1, TRUE,
                                           "2023-01", "2023-01", NULL, &error), 4);
  assert_no_error(error);
}

static void
test_builder_errors(void **state)
{
  g_autoptr(CitynetNetwork) net = small_network();
  GError *error = NULL;
  assert_int_equal(citynet_network_add_node(net, "istanbul", "city", "X", "TUR", &error), -1);
  assert_citynet_error(error, CITYNET_ERROR_INVALID_ARGUMENT, "duplicate node id \"istanbul\"");
  assert_int_equal(citynet_network_add_node(net, "x", "planet", "X", "TUR", &error), -1);
  assert_citynet_error(error, CITYNET_ERROR_INVALID_ARGUMENT, "unknown node kind \"planet\"");
  assert_int_equal(citynet_network_add_node(net, "x", "city", "X", "Turkey", &error), -1);
  assert_citynet_error(error, CITYNET_ERROR_INVALID_ARGUMENT, "not an ISO 3166-1 alpha-3");
  assert_int_equal(citynet_network_add_node(net, "x", "city", "X", NULL, &error), -1);
  assert_citynet_error(error, CITYNET_ERROR_INVALID_ARGUMENT, "needs a country");
  assert_int_equal(citynet_network_add_node(net, "", "city", "X", "TUR", &error), -1);
  assert_citynet_error(error, CITYNET_ERROR_INVALID_ARGUMENT, "node id");
  assert_int_equal(citynet_network_add_node(net, "bad\xff", "city", "X", "TUR", &error), -1);
  assert_citynet_error(error, CITYNET_ERROR_INVALID_ARGUMENT, "node id");
  assert_int_equal(citynet_network_add_node(net, "x", "city", "bad\xc3", "TUR", &error), -1);
  assert_citynet_error(error, CITYNET_ERROR_INVALID_ARGUMENT, "UTF-8");

  assert_int_equal(citynet_network_add_tie(net, "istanbul", "odesa", "aid", 1, TRUE,
                                           NULL, NULL, NULL, &error), -1);
  assert_citynet_error(error, CITYNET_ERROR_NOT_FOUND, "unknown node id \"odesa\"");
  assert_int_equal(citynet_network_add_tie(net, "istanbul", "istanbul", "aid", 1, TRUE,
                                           NULL, NULL, NULL, &error), -1);
  assert_citynet_error(error, CITYNET_ERROR_INVALID_ARGUMENT, "itself");
  const double bad_weights[] = {0.0, -1.0, NAN, INFINITY};
  for (gsize i = 0; i < G_N_ELEMENTS(bad_weights); i++) {
    assert_int_equal(citynet_network_add_tie(net, "istanbul", "athens", "aid", bad_weights[i],
                                             TRUE, NULL, NULL, NULL, &error), -1);
    assert_citynet_error(error, CITYNET_ERROR_INVALID_ARGUMENT, "weight");
  }
  assert_int_equal(citynet_network_add_tie(net, "istanbul", "athens", "aid", 1, TRUE,
                                           "2021-02-30", NULL, NULL, &error), -1);
  assert_citynet_error(error, CITYNET_ERROR_INVALID_ARGUMENT, "invalid date \"2021-02-30\"");
  assert_int_equal(citynet_network_add_tie(net, "istanbul", "athens", "aid", 1, TRUE,
                                           "2021-03", "2021-02", NULL, &error), -1);
  assert_citynet_error(error, CITYNET_ERROR_INVALID_ARGUMENT, "before start");
  /* same month at two precisions is not "before" */
  assert_int_equal(citynet_network_add_tie(net, "istanbul", "athens", "aid", 1, TRUE,
                                           "2021-03-15", "2021-03", NULL, &error), 3);
  assert_int_equal(citynet_network_add_tie(net, "istanbul", "athens", "", 1, TRUE,
                                           NULL, NULL, NULL, &error), -1);
  assert_citynet_error(error, CITYNET_ERROR_INVALID_ARGUMENT, "layer");
  assert_false(citynet_network_set_node_attribute(net, 0, "country", "GRC", &error));
  assert_citynet_error(error, CITYNET_ERROR_INVALID_ARGUMENT, "built-in column");
  assert_false(citynet_network_set_tie_attribute(net, 0, "weight", "3", &error));
  assert_citynet_error(error, CITYNET_ERROR_INVALID_ARGUMENT, "built-in column");
  assert_false(citynet_network_set_node_location(net, 0, 91, 0, &error));
  assert_citynet_error(error, CITYNET_ERROR_INVALID_ARGUMENT, "out of range");
  assert_false(citynet_network_set_node_population(net, 0, -5, &error));
  assert_citynet_error(error, CITYNET_ERROR_INVALID_ARGUMENT, "population");
  assert_int_equal(citynet_network_add_country(net, "TUR", "Turkey", &error), -1);
  assert_citynet_error(error, CITYNET_ERROR_INVALID_ARGUMENT, "declared twice");
  assert_false(citynet_network_add_country_group(net, "ZZZ", "EU", NULL, NULL, NULL, &error));
  assert_citynet_error(error, CITYNET_ERROR_NOT_FOUND, "unknown country \"ZZZ\"");
}

static void
test_register_kind(void **state)
{
  g_autoptr(CitynetNetwork) net = citynet_network_new();
  GError *error = NULL;
  assert_true(citynet_network_register_kind(net, "region", &error));
  assert_true(citynet_network_register_kind(net, "region", &error));
  assert_int_equal(citynet_network_add_node(net, "marmara", "region", "Marmara", NULL, &error), 0);
  assert_no_error(error);
  gsize n = 0;
  citynet_network_kinds(net, &n);
  assert_int_equal(n, 4);
  assert_false(citynet_network_register_kind(net, "", &error));
  assert_citynet_error(error, CITYNET_ERROR_INVALID_ARGUMENT, "kind");
}

static void
test_find_node_folding(void **state)
{
  g_autoptr(CitynetNetwork) net = small_network();
  GError *error = NULL;
  const char *queries[] = {"istanbul", "İstanbul", "Istanbul", "ISTANBUL", "ıstanbul", " istanbul "};
  for (gsize i = 0; i < G_N_ELEMENTS(queries); i++) {
    assert_int_equal(citynet_network_find_node(net, queries[i], &error), 0);
    assert_no_error(error);
  }
  assert_int_equal(citynet_network_find_node(net, "government of turkiye", &error), 5);
  assert_int_equal(citynet_network_find_node(net, "Turkey Government", &error), 5);
  assert_no_error(error);

  assert_int_equal(citynet_network_find_node(net, "Helsinkki", &error), -1);
  assert_citynet_error(error, CITYNET_ERROR_NOT_FOUND, "did you mean \"helsinki\"");
  assert_int_equal(citynet_network_find_node(net, "Ankara", &error), -1);
  assert_citynet_error(error, CITYNET_ERROR_NOT_FOUND, "no node \"Ankara\"");
}

static void
test_find_node_ambiguous(void **state)
{
  g_autoptr(CitynetNetwork) net = citynet_network_new();
  GError *error = NULL;
  citynet_network_add_node(net, "nicosia-cy", "city", "Nicosia", "CYP", &error);
  citynet_network_add_node(net, "nicosia-tm", "city", "Nicosia", "XNC", &error);
  citynet_network_add_node(net, "paris", "city", "Paris", "FRA", &error);
  assert_no_error(error);
  assert_int_equal(citynet_network_find_node(net, "nicosia", &error), -1);
  assert_citynet_error(error, CITYNET_ERROR_AMBIGUOUS, "\"nicosia-cy\" (Nicosia, CYP), \"nicosia-tm\" (Nicosia, XNC)");
  assert_int_equal(citynet_network_find_node(net, "Nicosia", &error), -1);
  assert_citynet_error(error, CITYNET_ERROR_AMBIGUOUS, "matches 2 nodes");
  assert_int_equal(citynet_network_find_node(net, "nicosia-tm", &error), 1);
  /* adding a node refreshes the lookup indices */
  citynet_network_add_node(net, "lyon", "city", "Lyon", "FRA", &error);
  assert_int_equal(citynet_network_find_node(net, "LYON", &error), 3);
  assert_no_error(error);
}

static void
test_groups_at_dates(void **state)
{
  g_autoptr(CitynetNetwork) net = small_network();
  GError *error = NULL;
  gboolean in = FALSE;
  CitynetDate d;

  citynet_date_parse("2020-01-31", &d, NULL);
  assert_true(citynet_network_country_in_group(net, "GBR", "EU", d, &in, &error));
  assert_true(in);
  citynet_date_parse("2020-02-01", &d, NULL);
  assert_true(citynet_network_country_in_group(net, "GBR", "EU", d, &in, &error));
  assert_false(in);
  assert_true(citynet_network_country_in_group(net, "GBR", "EU", CITYNET_DATE_OPEN, &in, &error));
  assert_false(in); /* "now": the spell has ended */
  citynet_date_parse("2023-04-03", &d, NULL);
  assert_true(citynet_network_country_in_group(net, "FIN", "NATO", d, &in, &error));
  assert_false(in);
  citynet_date_parse("2023-04-04", &d, NULL);
  assert_true(citynet_network_country_in_group(net, "FIN", "NATO", d, &in, &error));
  assert_true(in);
  assert_true(citynet_network_country_in_group(net, "FIN", "Mercosur", d, &in, &error));
  assert_false(in);
  assert_false(citynet_network_country_in_group(net, "ZZZ", "EU", d, &in, &error));
  assert_citynet_error(error, CITYNET_ERROR_NOT_FOUND, "unknown country");

  char **groups = citynet_network_node_groups_at(net, 3, d); /* Helsinki 2023-04-04 */
  assert_int_equal(g_strv_length(groups), 2);
  assert_string_equal(groups[0], "EU");
  assert_string_equal(groups[1], "NATO");
  g_strfreev(groups);
  groups = citynet_network_node_groups_at(net, 0, d); /* İstanbul */
  assert_int_equal(g_strv_length(groups), 2);
  assert_string_equal(groups[0], "NATO");
  assert_string_equal(groups[1], "OTS");
  g_strfreev(groups);
  groups = citynet_network_node_groups_at(net, 4, d); /* UCLG: no country */
  assert_int_equal(g_strv_length(groups), 0);
  g_strfreev(groups);

  gsize n = 0;
  const char *const *names = citynet_network_groups(net, &n);
  assert_int_equal(n, 3);
  assert_string_equal(names[0], "EU");
  assert_int_equal(citynet_network_n_memberships(net), 7);
  gsize country = 99;
  const char *group = NULL, *ref = NULL;
  CitynetDate start, end;
  citynet_network_membership(net, 1, &country, &group, &start, &end, &ref);
  assert_int_equal(country, 2);
  assert_string_equal(group, "EU");
  assert_int_equal(start, 19730101);
  assert_int_equal(end, 20200131);
  assert_string_equal(ref, "eu");
}

/* Group names are exact; the error lists the groups in order of first
 * appearance (EU, NATO, OTS in small_network()). */
static void
test_check_group(void **state)
{
  g_autoptr(CitynetNetwork) net = small_network();
  GError *error = NULL;
  assert_true(citynet_network_check_group(net, "NATO", &error));
  assert_no_error(error);
  assert_false(citynet_network_check_group(net, "nato", &error));
  assert_citynet_error(error, CITYNET_ERROR_NOT_FOUND,
                       "unknown group 'nato' (the network has: EU, NATO, OTS)");
  g_autoptr(CitynetNetwork) empty = citynet_network_new();
  assert_false(citynet_network_check_group(empty, "EU", &error));
  assert_citynet_error(error, CITYNET_ERROR_NOT_FOUND, "(the network has: no groups)");
}

static void
test_country_attributes(void **state)
{
  g_autoptr(CitynetNetwork) net = small_network();
  double v = 0;
  assert_int_equal(citynet_network_n_countries(net), 4);
  assert_int_equal(citynet_network_country_index(net, "GRC"), 1);
  assert_string_equal(citynet_network_country_name(net, 1), "Greece");
  assert_string_equal(citynet_network_country_code(net, 3), "FIN");
  assert_true(citynet_network_country_attribute(net, 1, "un_agreement", &v));
  assert_double_close(v, 0.61, 0);
  assert_false(citynet_network_country_attribute(net, 0, "un_agreement", &v));
  assert_false(citynet_network_country_attribute(net, 1, "gdp", &v));
  gsize n = 0;
  citynet_network_country_attribute_keys(net, &n);
  assert_int_equal(n, 1);
}

static void
test_refcount(void **state)
{
  CitynetNetwork *net = small_network();
  assert_ptr_equal(citynet_network_ref(net), net);
  citynet_network_unref(net);
  assert_int_equal(citynet_network_n_nodes(net), 6);
  citynet_network_unref(net);
  citynet_network_unref(NULL);
}

static void
test_version(void **state)
{
  assert_string_equal(citynet_version(), CITYNET_VERSION_STRING);
  assert_true(CITYNET_CHECK_VERSION(0, 0, 0));
  assert_true(CITYNET_CHECK_VERSION(CITYNET_MAJOR_VERSION, CITYNET_MINOR_VERSION,
                                    CITYNET_MICRO_VERSION));
  assert_false(CITYNET_CHECK_VERSION(CITYNET_MAJOR_VERSION + 1, 0, 0));
  assert_false(CITYNET_CHECK_VERSION(CITYNET_MAJOR_VERSION, CITYNET_MINOR_VERSION,
                                     CITYNET_MICRO_VERSION + 1));
}

static void
test_data_error_location(void **state)
{
  GError *error = NULL;
  citynet_set_data_error(&error, "ties.csv", 17, 2, 3, "unknown node id \"Odesa\"");
  assert_string_equal(error->message,
                      "ties.csv:17:2: unknown node id \"Odesa\" (and 2 more problems)");
  assert_string_equal(citynet_error_get_file(error), "ties.csv");
  assert_int_equal(citynet_error_get_line(error), 17);
  assert_int_equal(citynet_error_get_column(error), 2);
  assert_int_equal(citynet_error_get_count(error), 3);
  GError *copy = g_error_copy(error);
  assert_string_equal(citynet_error_get_file(copy), "ties.csv");
  assert_int_equal(citynet_error_get_line(copy), 17);
  g_error_free(copy);
  g_clear_error(&error);
  citynet_set_data_error(&error, "nodes.csv", 1, 0, 1, "missing column \"id\"");
  assert_string_equal(error->message, "nodes.csv:1: missing column \"id\"");
  assert_int_equal(citynet_error_get_column(error), 0);
  g_clear_error(&error);
  /* errors of other domains have no location */
  g_set_error_literal(&error, G_FILE_ERROR, G_FILE_ERROR_NOENT, "x");
  assert_null(citynet_error_get_file(error));
  assert_int_equal(citynet_error_get_line(error), 0);
  g_clear_error(&error);
  citynet_set_data_error(NULL, "a", 1, 1, 1, "ignored");
}

int
main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_nodes_read_back),
    cmocka_unit_test(test_ties_read_back),
    cmocka_unit_test(test_parallel_ties_allowed),
    cmocka_unit_test(test_builder_errors),
    cmocka_unit_test(test_register_kind),
    cmocka_unit_test(test_find_node_folding),
    cmocka_unit_test(test_find_node_ambiguous),
    cmocka_unit_test(test_groups_at_dates),
    cmocka_unit_test(test_check_group),
    cmocka_unit_test(test_country_attributes),
    cmocka_unit_test(test_refcount),
    cmocka_unit_test(test_version),
    cmocka_unit_test(test_data_error_location),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
