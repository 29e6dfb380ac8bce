/* Tests of the composition of a focus node's ties. All values by hand. */
#include <math.h>
#include <string.h>

#include "test-util.h"

/* Focus F (TUR, node 0) and its partners:
 *   p1 London (GBR) 1, p2 Manchester (GBR) 2, p3 Berlin (DEU) 3,
 *   p4 New York (USA) 4, o1 an organisation without country 5.
 * Groups: GBR in EU 1973-01-01 .. 2020-01-31 and in NATO since 1949;
 *         DEU in EU since 1958 and in NATO since 1955;
 *         USA in NATO since 1949; TUR in NATO since 1952.
 * Ties:
 *   t0 F-p1  visit  1  2020-06-01            -> GBR: NATO (left the EU)
 *   t1 F-p1  sister 2  2019 ..               -> GBR: EU, NATO (2019-01-01)
 *   t2 F-p2  visit  1  2019-03-10            -> GBR: EU, NATO
 *   t3 p3->F aid    5  2021 ..  (directed)   -> DEU: EU, NATO
 *   t4 F-p4  sister 3  open                  -> USA: NATO ("now")
 *   t5 F-o1  member 1  2010 ..               -> "" / ""
 *   t6 p1-p3 sister 10 (not the focus's)     -> ignored */
static CitynetNetwork *
make_network(void)
{
  GError *error = NULL;
  CitynetNetwork *network = citynet_network_new();
  static const char *const countries[] = { "TUR", "GBR", "DEU", "USA" };
  for (gsize i = 0; i < G_N_ELEMENTS(countries); i++)
    assert_true(citynet_network_add_country(network, countries[i], NULL, &error) >= 0);
  assert_true(citynet_network_add_country_group(network, "GBR", "EU", "1973-01-01",
                                                "2020-01-31", NULL, &error));
  assert_true(citynet_network_add_country_group(network, "GBR", "NATO", "1949",
                                                NULL, NULL, &error));
  assert_true(citynet_network_add_country_group(network, "DEU", "EU", "1958",
                                                NULL, NULL, &error));
  assert_true(citynet_network_add_country_group(network, "DEU", "NATO", "1955",
                                                NULL, NULL, &error));
  assert_true(citynet_network_add_country_group(network, "USA", "NATO", "1949",
                                                NULL, NULL, &error));
  assert_true(citynet_network_add_country_group(network, "TUR", "NATO", "1952",
                                                NULL, NULL, &error));
  assert_true(citynet_network_add_node(network, "F", "city", NULL, "TUR", &error) == 0);
  assert_true(citynet_network_add_node(network, "p1", "city", NULL, "GBR", &error) == 1);
  assert_true(citynet_network_add_node(network, "p2", "city", NULL, "GBR", &error) == 2);
  assert_true(citynet_network_add_node(network, "p3", "city", NULL, "DEU", &error) == 3);
  assert_true(citynet_network_add_node(network, "p4", "city", NULL, "USA", &error) == 4);
  assert_true(citynet_network_add_node(network, "o1", "organisation", NULL, NULL,
                                       &error) == 5);
  assert_true(citynet_network_add_tie(network, "F", "p1", "visit", 1, FALSE,
                                      "2020-06-01", "2020-06-01", NULL, &error) == 0);
  assert_true(citynet_network_add_tie(network, "F", "p1", "sister", 2, FALSE,
                                      "2019", NULL, NULL, &error) == 1);
  assert_true(citynet_network_add_tie(network, "F", "p2", "visit", 1, FALSE,
                                      "2019-03-10", "2019-03-10", NULL, &error) == 2);
  assert_true(citynet_network_add_tie(network, "p3", "F", "aid", 5, TRUE,
                                      "2021", NULL, NULL, &error) == 3);
  assert_true(citynet_network_add_tie(network, "F", "p4", "sister", 3, FALSE,
                                      NULL, NULL, NULL, &error) == 4);
  assert_true(citynet_network_add_tie(network, "F", "o1", "member", 1, FALSE,
                                      "2010", NULL, NULL, &error) == 5);
  assert_true(citynet_network_add_tie(network, "p1", "p3", "sister", 10, FALSE,
                                      NULL, NULL, NULL, &error) == 6);
  assert_no_error(error);
  return network;
}

typedef struct {
  CitynetDimension dimension;
  const char *layer;
  const char *key;
  gsize ties, partners;
  double weight, tie_share, weight_share;
} Row;

static void
assert_rows(const CitynetComposition *composition, const Row *want, gsize n)
{
  assert_int_equal(citynet_composition_n_rows(composition), n);
  for (gsize r = 0; r < n; r++) {
    CitynetDimension dimension;
    const char *layer = "?", *key = NULL;
    gsize ties, partners;
    double weight, tie_share, weight_share;
    citynet_composition_row(composition, r, &dimension, &layer, &key, &ties,
                            &partners, &weight, &tie_share, &weight_share);
    if (dimension != want[r].dimension || g_strcmp0(layer, want[r].layer) != 0 ||
        strcmp(key, want[r].key) != 0 || ties != want[r].ties ||
        partners != want[r].partners || weight != want[r].weight ||
        fabs(tie_share - want[r].tie_share) > 1e-12 ||
        fabs(weight_share - want[r].weight_share) > 1e-12)
      fail_msg("row %zu: got %s/%s/\"%s\" ties=%zu partners=%zu w=%g ts=%g ws=%g; "
               "want %s/%s/\"%s\" ties=%zu partners=%zu w=%g ts=%g ws=%g", r,
               citynet_dimension_to_string(dimension), layer ? layer : "*", key,
               ties, partners, weight, tie_share, weight_share,
               citynet_dimension_to_string(want[r].dimension),
               want[r].layer ? want[r].layer : "*", want[r].key, want[r].ties,
               want[r].partners, want[r].weight, want[r].tie_share,
               want[r].weight_share);
  }
}

#define L CITYNET_DIMENSION_LAYER
#define C CITYNET_DIMENSION_COUNTRY
#define G CITYNET_DIMENSION_GROUP

/* No window: ties t0..t5; 6 ties, weight 13, partners p1 p2 p3 p4 o1. */
static void
test_all_time(void **state)
{
  GError *error = NULL;
  CitynetNetwork *network = make_network();
  CitynetView *view = citynet_view_new(network, NULL, &error);
  assert_no_error(error);
  CitynetComposition *composition = citynet_composition_new(view, 0, &error);
  assert_no_error(error);
  /* The composition keeps the view alive. */
  citynet_view_unref(view);

  assert_int_equal(citynet_composition_focus(composition), 0);
  assert_int_equal(citynet_composition_total_ties(composition), 6);
  assert_true(citynet_composition_total_weight(composition) == 13);
  assert_int_equal(citynet_composition_total_partners(composition), 5);

  const Row rows[] = {
    /* layers, by decreasing ties then name: sister t1 t4 (p1 p4, 2+3),
     * visit t0 t2 (p1 p2, 1+1), aid t3, member t5 */
    { L, NULL, "sister", 2, 2, 5, 2.0 / 6, 5.0 / 13 },
    { L, NULL, "visit", 2, 2, 2, 2.0 / 6, 2.0 / 13 },
    { L, NULL, "aid", 1, 1, 5, 1.0 / 6, 5.0 / 13 },
    { L, NULL, "member", 1, 1, 1, 1.0 / 6, 1.0 / 13 },
    /* countries over all layers: GBR t0 t1 t2 (p1 p2; 1+2+1); then the
     * single-tie ones by key: "" (o1), DEU, USA */
    { C, NULL, "GBR", 3, 2, 4, 3.0 / 6, 4.0 / 13 },
    { C, NULL, "", 1, 1, 1, 1.0 / 6, 1.0 / 13 },
    { C, NULL, "DEU", 1, 1, 5, 1.0 / 6, 5.0 / 13 },
    { C, NULL, "USA", 1, 1, 3, 1.0 / 6, 3.0 / 13 },
    /* countries per layer, layers by name */
    { C, "aid", "DEU", 1, 1, 5, 1, 1 },
    { C, "member", "", 1, 1, 1, 1, 1 },
    { C, "sister", "GBR", 1, 1, 2, 0.5, 2.0 / 5 },
    { C, "sister", "USA", 1, 1, 3, 0.5, 3.0 / 5 },
    { C, "visit", "GBR", 2, 2, 2, 1, 1 },
    /* groups over all layers: NATO t0..t4 (p1..p4; 1+2+1+5+3), EU t1 t2 t3
     * (p1 p2 p3; 2+1+5), "" t5. Overlapping: shares sum to more than 1. */
    { G, NULL, "NATO", 5, 4, 12, 5.0 / 6, 12.0 / 13 },
    { G, NULL, "EU", 3, 3, 8, 3.0 / 6, 8.0 / 13 },
    { G, NULL, "", 1, 1, 1, 1.0 / 6, 1.0 / 13 },
    /* groups per layer */
    { G, "aid", "EU", 1, 1, 5, 1, 1 },
    { G, "aid", "NATO", 1, 1, 5, 1, 1 },
    { G, "member", "", 1, 1, 1, 1, 1 },
    { G, "sister", "NATO", 2, 2, 5, 1, 1 },
    { G, "sister", "EU", 1, 1, 2, 0.5, 2.0 / 5 },
    { G, "visit", "NATO", 2, 2, 2, 1, 1 },
    { G, "visit", "EU", 1, 1, 1, 0.5, 0.5 },
  };
  assert_rows(composition, rows, G_N_ELEMENTS(rows));

  /* Optional outputs may be NULL. */
  citynet_composition_row(composition, 0, NULL, NULL, NULL, NULL, NULL, NULL,
                          NULL, NULL);
  citynet_composition_free(composition);
  citynet_network_unref(network);
}

/* The reference date follows the window: at 2020 the sister tie t1 (since
 * 2019) is judged on 2020-01-01, when GBR was still in the EU; at 2020-06
 * on 2020-06-01, when it was not. */
static void
test_reference_date_moves(void **state)
{
  GError *error = NULL;
  CitynetNetwork *network = make_network();
  CitynetViewOptions *options = citynet_view_options_new();

  /* At 2020: t0 (2020-06-01), t1, t4, t5 (t2 is 2019, t3 starts 2021).
   * Reference days: t0 2020-06-01 (NATO), t1 2020-01-01 (EU, NATO),
   * t4 2020-01-01 (USA: NATO), t5 "". Totals: 4 ties, weight 1+2+3+1 = 7. */
  assert_true(citynet_view_options_set_at(options, "2020", &error));
  CitynetView *view = citynet_view_new(network, options, &error);
  assert_no_error(error);
  assert_int_equal(citynet_view_tie_reference_date(view, 1), 20200101);
  CitynetComposition *composition = citynet_composition_new(view, 0, &error);
  assert_no_error(error);
  assert_int_equal(citynet_composition_total_ties(composition), 4);
  assert_true(citynet_composition_total_weight(composition) == 7);
  assert_int_equal(citynet_composition_total_partners(composition), 3);
  const Row at2020[] = {
    { L, NULL, "sister", 2, 2, 5, 0.5, 5.0 / 7 },
    { L, NULL, "member", 1, 1, 1, 0.25, 1.0 / 7 },
    { L, NULL, "visit", 1, 1, 1, 0.25, 1.0 / 7 },
    { C, NULL, "GBR", 2, 1, 3, 0.5, 3.0 / 7 },
    { C, NULL, "", 1, 1, 1, 0.25, 1.0 / 7 },
    { C, NULL, "USA", 1, 1, 3, 0.25, 3.0 / 7 },
    { C, "member", "", 1, 1, 1, 1, 1 },
    { C, "sister", "GBR", 1, 1, 2, 0.5, 0.4 },
    { C, "sister", "USA", 1, 1, 3, 0.5, 0.6 },
    { C, "visit", "GBR", 1, 1, 1, 1, 1 },
    { G, NULL, "NATO", 3, 2, 6, 0.75, 6.0 / 7 },
    { G, NULL, "", 1, 1, 1, 0.25, 1.0 / 7 },
    { G, NULL, "EU", 1, 1, 2, 0.25, 2.0 / 7 },
    { G, "member", "", 1, 1, 1, 1, 1 },
    { G, "sister", "NATO", 2, 2, 5, 1, 1 },
    { G, "sister", "EU", 1, 1, 2, 0.5, 0.4 },
    { G, "visit", "NATO", 1, 1, 1, 1, 1 },
  };
  assert_rows(composition, at2020, G_N_ELEMENTS(at2020));
  citynet_composition_free(composition);
  citynet_view_unref(view);

  /* At 2020-06: same ties; t1 and t4 now judged on 2020-06-01, after the
   * GBR exit: no EU row at all. */
  assert_true(citynet_view_options_set_at(options, "2020-06", &error));
  view = citynet_view_new(network, options, &error);
  assert_no_error(error);
  assert_int_equal(citynet_view_tie_reference_date(view, 1), 20200601);
  composition = citynet_composition_new(view, 0, &error);
  assert_no_error(error);
  gsize n = citynet_composition_n_rows(composition);
  gsize found_nato = 0;
  for (gsize r = 0; r < n; r++) {
    CitynetDimension dimension;
    const char *layer, *key;
    gsize ties;
    citynet_composition_row(composition, r, &dimension, &layer, &key, &ties,
                            NULL, NULL, NULL, NULL);
    if (dimension == G)
      assert_string_not_equal(key, "EU");
    if (dimension == G && layer == NULL && strcmp(key, "NATO") == 0) {
      assert_int_equal(ties, 3);
      found_nato++;
    }
  }
  assert_int_equal(found_nato, 1);
  citynet_composition_free(composition);
  citynet_view_unref(view);

  /* At 2019: t1 (2019-01-01) and t2 (2019-03-10), both GBR in EU+NATO;
   * t4 on 2019-01-01 (NATO); t5 "". */
  assert_true(citynet_view_options_set_at(options, "2019", &error));
  view = citynet_view_new(network, options, &error);
  assert_no_error(error);
  composition = citynet_composition_new(view, 0, &error);
  assert_no_error(error);
  const Row groups2019[] = {
    { G, NULL, "NATO", 3, 3, 6, 0.75, 6.0 / 7 },
    { G, NULL, "EU", 2, 2, 3, 0.5, 3.0 / 7 },
    { G, NULL, "", 1, 1, 1, 0.25, 1.0 / 7 },
  };
  gsize first_group = 0;
  while (first_group < citynet_composition_n_rows(composition)) {
    CitynetDimension dimension;
    citynet_composition_row(composition, first_group, &dimension, NULL, NULL,
                            NULL, NULL, NULL, NULL, NULL);
    if (dimension == G)
      break;
    first_group++;
  }
  for (gsize r = 0; r < G_N_ELEMENTS(groups2019); r++) {
    const char *layer, *key;
    gsize ties, partners;
    double weight, tie_share, weight_share;
    citynet_composition_row(composition, first_group + r, NULL, &layer, &key,
                            &ties, &partners, &weight, &tie_share, &weight_share);
    assert_null(layer);
    assert_string_equal(key, groups2019[r].key);
    assert_int_equal(ties, groups2019[r].ties);
    assert_int_equal(partners, groups2019[r].partners);
    assert_true(weight == groups2019[r].weight);
    assert_double_close(tie_share, groups2019[r].tie_share, 1e-12);
    assert_double_close(weight_share, groups2019[r].weight_share, 1e-12);
  }
  citynet_composition_free(composition);
  citynet_view_unref(view);

  citynet_view_options_free(options);
  citynet_network_unref(network);
}

/* A partner whose country is not declared keeps its code as country but
 * has no groups; a focus without ties has no rows. */
static void
test_undeclared_and_empty(void **state)
{
  GError *error = NULL;
  CitynetNetwork *network = make_network();
  assert_true(citynet_network_add_node(network, "pr", "city", NULL, "CHE", &error) == 6);
  assert_true(citynet_network_add_node(network, "lonely", "city", NULL, "TUR",
                                       &error) == 7);
  assert_true(citynet_network_add_tie(network, "pr", "F", "visit", 2, TRUE,
                                      NULL, NULL, NULL, &error) >= 0);
  CitynetViewOptions *options = citynet_view_options_new();
  citynet_view_options_add_layer(options, "visit");
  CitynetView *view = citynet_view_new(network, options, &error);
  assert_no_error(error);

  /* Visit ties of F: t0 (p1, GBR, NATO), t2 (p2, GBR, EU+NATO), pr (CHE, -). */
  CitynetComposition *composition = citynet_composition_new(view, 0, &error);
  assert_no_error(error);
  const Row rows[] = {
    { L, NULL, "visit", 3, 3, 4, 1, 1 },
    { C, NULL, "GBR", 2, 2, 2, 2.0 / 3, 0.5 },
    { C, NULL, "CHE", 1, 1, 2, 1.0 / 3, 0.5 },
    { C, "visit", "GBR", 2, 2, 2, 2.0 / 3, 0.5 },
    { C, "visit", "CHE", 1, 1, 2, 1.0 / 3, 0.5 },
    { G, NULL, "NATO", 2, 2, 2, 2.0 / 3, 0.5 },
    { G, NULL, "", 1, 1, 2, 1.0 / 3, 0.5 },
    { G, NULL, "EU", 1, 1, 1, 1.0 / 3, 0.25 },
    { G, "visit", "NATO", 2, 2, 2, 2.0 / 3, 0.5 },
    { G, "visit", "", 1, 1, 2, 1.0 / 3, 0.5 },
    { G, "visit", "EU", 1, 1, 1, 1.0 / 3, 0.25 },
  };
  assert_rows(composition, rows, G_N_ELEMENTS(rows));
  citynet_composition_free(composition);

  composition = citynet_composition_new(view, 7, &error);
  assert_no_error(error);
  assert_int_equal(citynet_composition_n_rows(composition), 0);
  assert_int_equal(citynet_composition_total_ties(composition), 0);
  assert_int_equal(citynet_composition_total_partners(composition), 0);
  assert_true(citynet_composition_total_weight(composition) == 0);
  citynet_composition_free(composition);
  citynet_composition_free(NULL);
  citynet_view_unref(view);

  /* A focus outside the view, or not a node at all. */
  citynet_view_options_set_drop_isolates(options, TRUE);
  view = citynet_view_new(network, options, &error);
  assert_no_error(error);
  assert_null(citynet_composition_new(view, 7, &error));
  assert_citynet_error(error, CITYNET_ERROR_NOT_FOUND, "\"lonely\" is not in the view");
  assert_null(citynet_composition_new(view, 100, &error));
  assert_citynet_error(error, CITYNET_ERROR_NOT_FOUND, "100");
  citynet_view_unref(view);

  assert_string_equal(citynet_dimension_to_string(L), "layer");
  assert_string_equal(citynet_dimension_to_string(C), "country");
  assert_string_equal(citynet_dimension_to_string(G), "group");
  citynet_view_options_free(options);
  citynet_network_unref(network);
}

int
main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_all_time),
    cmocka_unit_test(test_reference_date_moves),
    cmocka_unit_test(test_undeclared_and_empty),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
