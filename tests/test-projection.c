/* Two-mode projection on a toy of cities and organisations whose pair
 * weights and connectivities are worked out by hand in the comments. */
#include <math.h>
#include <string.h>

#include "analytics-fixtures.h"

#define EXACT 1e-14

/* Cities c1 c2 c3 (and c4, a member of nothing) in organisations o1, o2:
 *
 *   membership  weight (intensity v)
 *   c1 - o1     2
 *   c2 - o1     1
 *   c3 - o1     3
 *   c1 - o2     1
 *   c2 - o2     4
 *
 * n_o1 = 3, n_o2 = 2. Plus ties that are not memberships: a "sister" tie
 * c1 - c3 (another layer) and a "member" tie c2 - c3 (two cities: ignored
 * and counted), and a "member" tie o1 - o2 (ignored too). */
static CitynetNetwork *
toy_network(gboolean directed_members)
{
  GError *error = NULL;
  CitynetNetwork *network = citynet_network_new();
  assert_true(citynet_network_add_country(network, "TUR", "Türkiye", &error) >= 0);
  assert_true(citynet_network_add_country(network, "GRC", "Greece", &error) >= 0);
  assert_true(citynet_network_set_country_attribute(network, "GRC", "score", 0.5, &error));
  assert_true(citynet_network_add_country_group(network, "GRC", "EU", "1981", NULL,
                                                NULL, &error));
  static const char *const nodes[][3] = {
    { "o1", "organisation", NULL }, { "c1", "city", "TUR" }, { "c2", "city", "GRC" },
    { "o2", "organisation", NULL }, { "c3", "city", "TUR" }, { "c4", "city", "GRC" },
  };
  for (gsize i = 0; i < G_N_ELEMENTS(nodes); i++)
    assert_int_equal(citynet_network_add_node(network, nodes[i][0], nodes[i][1], NULL,
                                              nodes[i][2], &error), (gssize) i);
  assert_true(citynet_network_set_node_population(network, 1, 1000, &error));
  assert_true(citynet_network_set_node_attribute(network, 2, "mayor", "X", &error));
  static const struct { const char *s, *t, *layer; double w; } ties[] = {
    { "c1", "o1", "member", 2 }, { "o1", "c2", "member", 1 },
    { "c3", "o1", "member", 3 }, { "c1", "o2", "member", 1 },
    { "c2", "o2", "member", 4 }, { "c1", "c3", "sister", 1 },
    { "c2", "c3", "member", 1 }, { "o1", "o2", "member", 1 },
  };
  for (gsize i = 0; i < G_N_ELEMENTS(ties); i++)
    assert_true(citynet_network_add_tie(network, ties[i].s, ties[i].t, ties[i].layer,
                                        ties[i].w, directed_members, NULL, NULL, NULL,
                                        &error) >= 0);
  assert_no_error(error);
  return network;
}

static CitynetView *
project(CitynetView *view, CitynetProjectionMethod method,
        CitynetProjectionStats *stats)
{
  GError *error = NULL;
  CitynetProjectionOptions *options = citynet_projection_options_new();
  citynet_projection_options_set_method(options, method);
  CitynetView *projection = citynet_projection_new(view, options, stats, &error);
  assert_no_error(error);
  assert_non_null(projection);
  citynet_projection_options_free(options);
  return projection;
}

/* The weight of the projected tie between @a and @b, or 0. */
static double
pair_weight(const CitynetView *projection, const char *a, const char *b)
{
  const CitynetNetwork *network = citynet_view_get_network(projection);
  gssize u = citynet_view_node_vertex(projection, citynet_network_node_index(network, a));
  gssize v = citynet_view_node_vertex(projection, citynet_network_node_index(network, b));
  assert_true(u >= 0 && v >= 0);
  for (gsize e = 0; e < citynet_view_n_edges(projection); e++) {
    gsize from, to;
    double w = citynet_view_edge(projection, e, &from, &to);
    if ((gssize) from == MIN(u, v) && (gssize) to == MAX(u, v))
      return w;
  }
  return 0.0;
}

/* Count: shared organisations. c1-c2 share o1 and o2: 2; c1-c3 o1: 1;
 * c2-c3 o1: 1.
 * Newman: o1 gives 1/(3-1) = 1/2 to each of its pairs, o2 1/(2-1) = 1:
 * c1-c2 1/2 + 1 = 3/2; c1-c3 1/2; c2-c3 1/2.
 * GaWC: r_ab = sum_j v_aj v_bj: c1-c2 2x1 + 1x4 = 6; c1-c3 2x3 = 6;
 * c2-c3 1x3 = 3. GNC: c1 6 + 6 = 12, c2 6 + 3 = 9, c3 6 + 3 = 9, c4 0;
 * as shares of the largest (12): 1, 3/4, 3/4, 0. */
static void
test_toy_by_hand(void **state)
{
  CitynetNetwork *network = toy_network(FALSE);
  CitynetView *view = citynet_view_new(network, NULL, NULL);
  struct { CitynetProjectionMethod method; double w12, w13, w23; double gnc[4]; } cases[] = {
    { CITYNET_PROJECTION_COUNT, 2, 1, 1, { 3, 3, 2, 0 } },
    { CITYNET_PROJECTION_NEWMAN, 1.5, 0.5, 0.5, { 2, 2, 1, 0 } },
    { CITYNET_PROJECTION_GAWC, 6, 6, 3, { 12, 9, 9, 0 } },
  };
  static const char *const cities[] = { "c1", "c2", "c3", "c4" };
  for (gsize c = 0; c < G_N_ELEMENTS(cases); c++) {
    CitynetProjectionStats stats;
    memset(&stats, 0xff, sizeof stats);
    CitynetView *p = project(view, cases[c].method, &stats);
    assert_int_equal(stats.n_projected, 4);
    assert_int_equal(stats.n_through, 2);
    assert_int_equal(stats.n_memberships, 5);
    assert_int_equal(stats.n_ties, 5);
    assert_int_equal(stats.n_ties_ignored, 2);  /* c2-c3 and o1-o2 */
    assert_int_equal(stats.n_pairs, 3);
    assert_false(citynet_view_is_directed(p));
    assert_int_equal(citynet_view_n_vertices(p), 4);
    assert_int_equal(citynet_view_n_edges(p), 3);
    assert_double_close(pair_weight(p, "c1", "c2"), cases[c].w12, EXACT);
    assert_double_close(pair_weight(p, "c1", "c3"), cases[c].w13, EXACT);
    assert_double_close(pair_weight(p, "c2", "c3"), cases[c].w23, EXACT);
    assert_double_close(pair_weight(p, "c1", "c4"), 0, EXACT);

    GError *error = NULL;
    CitynetScores *gnc = citynet_projection_connectivity(p, FALSE, &error);
    CitynetScores *share = citynet_projection_connectivity(p, TRUE, &error);
    assert_no_error(error);
    assert_string_equal(citynet_scores_measure(gnc), "gnc");
    assert_string_equal(citynet_scores_measure(share), "gnc_share");
    const double max = cases[c].gnc[0] > cases[c].gnc[1] ? cases[c].gnc[0] : cases[c].gnc[1];
    for (int i = 0; i < 4; i++) {
      assert_double_close(fixture_value(gnc, cities[i]), cases[c].gnc[i], EXACT);
      assert_double_close(fixture_value(share, cities[i]), cases[c].gnc[i] / max, EXACT);
    }
    /* GNC is the strength on the projection. */
    CitynetScores *strength = citynet_centrality_strength(p, NULL, &error);
    for (int i = 0; i < 4; i++)
      assert_double_close(fixture_value(strength, cities[i]), cases[c].gnc[i], EXACT);
    citynet_scores_free(strength);
    citynet_scores_free(gnc);
    citynet_scores_free(share);
    citynet_view_unref(p);
  }
  citynet_view_unref(view);
  citynet_network_unref(network);
}

/* The projected network keeps the cities' fields, countries, country
 * attributes and groups, and its ties say where they come from. */
static void
test_projected_network(void **state)
{
  CitynetNetwork *network = toy_network(FALSE);
  CitynetView *view = citynet_view_new(network, NULL, NULL);
  CitynetView *p = project(view, CITYNET_PROJECTION_GAWC, NULL);
  CitynetNetwork *out = citynet_view_get_network(p);
  assert_int_equal(citynet_network_n_nodes(out), 4);
  assert_string_equal(citynet_network_node_id(out, 0), "c1");
  assert_string_equal(citynet_network_node_id(out, 3), "c4");
  assert_string_equal(citynet_network_node_country(out, 1), "GRC");
  double population;
  assert_true(citynet_network_node_population(out, 0, &population));
  assert_double_close(population, 1000, EXACT);
  assert_string_equal(citynet_network_node_attribute(out, 1, "mayor"), "X");
  assert_int_equal(citynet_network_n_countries(out), 2);
  double score;
  assert_true(citynet_network_country_attribute(out, 1, "score", &score));
  assert_double_close(score, 0.5, EXACT);
  gboolean in_eu = FALSE;
  assert_true(citynet_network_country_in_group(out, "GRC", "EU", CITYNET_DATE_OPEN,
                                               &in_eu, NULL));
  assert_true(in_eu);

  assert_int_equal(citynet_network_n_ties(out), 3);
  /* In (a, b) order: c1-c2, c1-c3, c2-c3. */
  assert_string_equal(citynet_network_node_id(out, citynet_network_tie_source(out, 0)), "c1");
  assert_string_equal(citynet_network_node_id(out, citynet_network_tie_target(out, 0)), "c2");
  assert_string_equal(citynet_network_tie_layer(out, 0), "projection");
  assert_false(citynet_network_tie_directed(out, 0));
  assert_string_equal(citynet_network_tie_ref(out, 0),
                      "projection:gawc of member (city x organisation)");
  assert_string_equal(citynet_network_tie_attribute(out, 0, "shared"), "2");
  assert_string_equal(citynet_network_tie_attribute(out, 2, "shared"), "1");

  /* Other measures accept the projection as it is. */
  GError *error = NULL;
  CitynetPartition *communities = citynet_communities_louvain(p, NULL, &error);
  assert_no_error(error);
  citynet_partition_free(communities);
  CitynetScores *pagerank = citynet_centrality_pagerank(p, NULL, &error);
  assert_no_error(error);
  citynet_scores_free(pagerank);

  /* And it saves and loads as a bundle. */
  char *dir = test_mkdtemp();
  assert_true(citynet_bundle_save(out, dir, &error));
  CitynetNetwork *loaded = citynet_bundle_load(dir, &error);
  assert_no_error(error);
  assert_int_equal(citynet_network_n_ties(loaded), 3);
  assert_double_close(citynet_network_tie_weight(loaded, 0), 6, EXACT);
  citynet_network_unref(loaded);
  test_rmtree(dir);
  g_free(dir);
  citynet_view_unref(p);
  citynet_view_unref(view);
  citynet_network_unref(network);
}

/* Directed membership ties (city -> organisation) in a directed view are
 * read once each; parallel memberships of one pair combine by the view's
 * rule: a second c1 - o1 tie of weight 4 makes v_c1,o1 = 2 + 4 = 6 (sum,
 * and none), 4 (max) or 2 (count, where every other v is 1).
 *   GaWC c1-c2 = v_c1,o1 v_c2,o1 + v_c1,o2 v_c2,o2:
 *     sum 6x1 + 1x4 = 10, max 4x1 + 1x4 = 8, count 2x1 + 1x1 = 3;
 *   c1-c3 = v_c1,o1 v_c3,o1: sum 6x3 = 18, max 4x3 = 12, count 2x1 = 2. */
static void
test_direction_and_combine(void **state)
{
  CitynetNetwork *network = toy_network(TRUE);
  GError *error = NULL;
  assert_true(citynet_network_add_tie(network, "c1", "o1", "member", 4, TRUE, NULL, NULL,
                                      NULL, &error) >= 0);
  struct { CitynetCombine combine; double w12, w13; } cases[] = {
    { CITYNET_COMBINE_SUM, 10, 18 }, { CITYNET_COMBINE_MAX, 8, 12 },
    { CITYNET_COMBINE_COUNT, 3, 2 }, { CITYNET_COMBINE_NONE, 10, 18 },
  };
  for (gsize c = 0; c < G_N_ELEMENTS(cases); c++) {
    CitynetView *view = fixture_view(network, CITYNET_DIRECTION_DIRECTED, cases[c].combine);
    CitynetProjectionStats stats;
    CitynetView *p = project(view, CITYNET_PROJECTION_GAWC, &stats);
    assert_int_equal(stats.n_ties, 6);
    assert_int_equal(stats.n_memberships, 5);
    assert_double_close(pair_weight(p, "c1", "c2"), cases[c].w12, EXACT);
    assert_double_close(pair_weight(p, "c1", "c3"), cases[c].w13, EXACT);
    /* Count and Newman look at membership only. */
    CitynetView *q = project(view, CITYNET_PROJECTION_COUNT, NULL);
    assert_double_close(pair_weight(q, "c1", "c2"), 2, EXACT);
    citynet_view_unref(q);
    citynet_view_unref(p);
    citynet_view_unref(view);
  }
  citynet_network_unref(network);
}

/* The view's slice applies: a view of 2019 sees only the memberships
 * active then. o2's memberships end in 2018 here. */
static void
test_dated_memberships(void **state)
{
  GError *error = NULL;
  CitynetNetwork *network = citynet_network_new();
  static const char *const nodes[][2] = {
    { "a", "city" }, { "b", "city" }, { "x", "organisation" }, { "y", "organisation" },
  };
  for (gsize i = 0; i < G_N_ELEMENTS(nodes); i++)
    citynet_network_add_node(network, nodes[i][0], nodes[i][1], NULL,
                             nodes[i][1][0] == 'c' ? "TUR" : NULL, &error);
  citynet_network_add_tie(network, "a", "x", "member", 1, FALSE, "2010", NULL, NULL, &error);
  citynet_network_add_tie(network, "b", "x", "member", 1, FALSE, "2010", NULL, NULL, &error);
  citynet_network_add_tie(network, "a", "y", "member", 1, FALSE, "2010", "2018", NULL, &error);
  citynet_network_add_tie(network, "b", "y", "member", 1, FALSE, "2010", "2018", NULL, &error);
  assert_no_error(error);
  CitynetViewOptions *options = citynet_view_options_new();
  assert_true(citynet_view_options_set_at(options, "2019", NULL));
  CitynetView *in_2019 = citynet_view_new(network, options, &error);
  CitynetView *all = citynet_view_new(network, NULL, &error);
  CitynetView *p = project(in_2019, CITYNET_PROJECTION_COUNT, NULL);
  assert_double_close(pair_weight(p, "a", "b"), 1, EXACT);
  citynet_view_unref(p);
  p = project(all, CITYNET_PROJECTION_COUNT, NULL);
  assert_double_close(pair_weight(p, "a", "b"), 2, EXACT);
  citynet_view_unref(p);
  citynet_view_unref(all);
  citynet_view_unref(in_2019);
  citynet_view_options_free(options);
  citynet_network_unref(network);
}

static void
test_options_and_errors(void **state)
{
  CitynetNetwork *network = toy_network(FALSE);
  CitynetView *view = citynet_view_new(network, NULL, NULL);
  GError *error = NULL;
  CitynetProjectionOptions *options = citynet_projection_options_new();

  citynet_projection_options_set_kinds(options, "city", "city");
  assert_null(citynet_projection_new(view, options, NULL, &error));
  assert_citynet_error(error, CITYNET_ERROR_INVALID_ARGUMENT, "two different node kinds");
  citynet_projection_options_set_kinds(options, "city", "club");
  assert_null(citynet_projection_new(view, options, NULL, &error));
  assert_citynet_error(error, CITYNET_ERROR_NOT_FOUND, "no node kind \"club\"");
  citynet_projection_options_set_kinds(options, "city", "organisation");
  citynet_projection_options_add_layer(options, "partner");
  assert_null(citynet_projection_new(view, options, NULL, &error));
  assert_citynet_error(error, CITYNET_ERROR_NOT_FOUND, "no layer \"partner\"");

  /* Projecting organisations onto each other through cities: o1 and o2
   * share c1 and c2. Layers "member" and "sister" both count: the sister
   * tie c1 - c3 joins two cities and is ignored. */
  CitynetProjectionOptions *reverse = citynet_projection_options_new();
  citynet_projection_options_set_kinds(reverse, "organisation", "city");
  citynet_projection_options_add_layer(reverse, "member");
  citynet_projection_options_add_layer(reverse, "sister");
  CitynetProjectionOptions *copy = citynet_projection_options_copy(reverse);
  CitynetProjectionStats stats;
  CitynetView *p = citynet_projection_new(view, copy, &stats, &error);
  assert_no_error(error);
  assert_int_equal(stats.n_ties_ignored, 3);
  assert_double_close(pair_weight(p, "o1", "o2"), 2, EXACT);
  assert_string_equal(citynet_network_tie_ref(citynet_view_get_network(p), 0),
                      "projection:count of member,sister (organisation x city)");
  citynet_view_unref(p);
  citynet_projection_options_free(copy);
  citynet_projection_options_free(reverse);
  citynet_projection_options_free(options);

  CitynetProjectionMethod method;
  assert_true(citynet_projection_method_from_string("GaWC", &method, NULL));
  assert_int_equal(method, CITYNET_PROJECTION_GAWC);
  assert_false(citynet_projection_method_from_string("jaccard", &method, &error));
  assert_citynet_error(error, CITYNET_ERROR_INVALID_ARGUMENT, "count, newman, gawc");
  assert_string_equal(citynet_projection_method_name(CITYNET_PROJECTION_NEWMAN), "newman");
  assert_null(citynet_projection_method_name((CitynetProjectionMethod) 9));

  /* No memberships at all: every city an isolate, GNC shares undefined. */
  CitynetViewOptions *sister = citynet_view_options_new();
  citynet_view_options_add_layer(sister, "sister");
  CitynetView *sisters = citynet_view_new(network, sister, &error);
  CitynetProjectionOptions *via_sister = citynet_projection_options_new();
  citynet_projection_options_add_layer(via_sister, "sister");
  p = citynet_projection_new(sisters, via_sister, &stats, &error);
  assert_no_error(error);
  assert_int_equal(citynet_view_n_edges(p), 0);
  CitynetScores *share = citynet_projection_connectivity(p, TRUE, &error);
  assert_true(isnan(citynet_scores_value(share, 0)));
  citynet_scores_free(share);
  citynet_view_unref(p);
  citynet_projection_options_free(via_sister);
  citynet_view_unref(sisters);
  citynet_view_options_free(sister);
  citynet_view_unref(view);
  citynet_network_unref(network);
}

int
main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_toy_by_hand),
    cmocka_unit_test(test_projected_network),
    cmocka_unit_test(test_direction_and_combine),
    cmocka_unit_test(test_dated_memberships),
    cmocka_unit_test(test_options_and_errors),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
