/* Assortativity (nominal, numeric) and the mixing matrix on small graphs
 * whose values are worked out by hand in the comments. */
#include <math.h>
#include <string.h>

#include "analytics-fixtures.h"

#define EXACT 1e-13

static CitynetPartition *
from_membership(CitynetView *view, const gint64 *membership, gsize n)
{
  GError *error = NULL;
  CitynetPartition *partition =
    citynet_partition_new_from_membership(view, membership, n, &error);
  assert_no_error(error);
  return partition;
}

static CitynetAssortativity
nominal(const CitynetPartition *partition, CitynetAssortativityFlags flags)
{
  GError *error = NULL;
  CitynetAssortativity result;
  memset(&result, 0xff, sizeof result);
  assert_true(citynet_assortativity_nominal(partition, flags, &result, &error));
  assert_no_error(error);
  return result;
}

static CitynetAssortativity
numeric(const CitynetScores *values, CitynetAssortativityFlags flags)
{
  GError *error = NULL;
  CitynetAssortativity result;
  memset(&result, 0xff, sizeof result);
  assert_true(citynet_assortativity_numeric(values, flags, &result, &error));
  assert_no_error(error);
  return result;
}

/* A view of cities x0.. with @values as the extra attribute "x" ("" =
 * none) and the given ties in layer "sister". */
static CitynetView *
valued_view(const char *const *ids, const char *const *values, gsize n,
            const FixtureTie *ties, gsize n_ties, CitynetDirection direction)
{
  GError *error = NULL;
  CitynetNetwork *network = fixture_network(ids, n, ties, n_ties);
  for (gsize i = 0; i < n; i++)
    if (values[i][0] != '\0')
      assert_true(citynet_network_set_node_attribute(network, i, "x", values[i], &error));
  assert_no_error(error);
  CitynetView *view = fixture_view(network, direction, CITYNET_COMBINE_SUM);
  citynet_network_unref(network);
  return view;
}

static CitynetScores *
values_of(CitynetView *view, const char *spec)
{
  GError *error = NULL;
  CitynetScores *scores = citynet_node_values(view, spec, &error);
  assert_no_error(error);
  assert_non_null(scores);
  assert_string_equal(citynet_scores_measure(scores), spec);
  return scores;
}

/* ------------------------------------------------------------------------ */
/* Nominal                                                                  */
/* ------------------------------------------------------------------------ */

/* fixture_two_blocs with labels X = {a1,a2,a3}, Y = {b1,b2,b3}.
 * Unweighted: 7 edges, 14 ends: e_XX = e_YY = 6/14, e_XY = e_YX = 1/14;
 * a = b = (1/2, 1/2), sum a b = 1/2, trace 12/14 = 6/7:
 *   r = (6/7 - 1/2) / (1 - 1/2) = 5/7.
 * Weighted (blocs 2, bridge 1): 26 weighted ends: e_XX = e_YY = 12/26,
 * e_XY = 1/26; trace 12/13; r = (12/13 - 1/2) / (1/2) = 11/13. */
static void
test_nominal_two_blocs(void **state)
{
  CitynetView *view = fixture_two_blocs();
  const gint64 blocs[] = { 0, 0, 0, 1, 1, 1 };
  CitynetPartition *p = from_membership(view, blocs, 6);
  CitynetAssortativity r = nominal(p, CITYNET_ASSORTATIVITY_DEFAULT);
  assert_double_close(r.value, 5.0 / 7.0, EXACT);
  assert_int_equal(r.n_vertices, 6);
  assert_int_equal(r.n_excluded, 0);
  assert_int_equal(r.n_edges, 7);
  assert_int_equal(r.n_edges_excluded, 0);
  assert_double_close(nominal(p, CITYNET_ASSORTATIVITY_WEIGHTED).value, 11.0 / 13.0, EXACT);

  /* Unit weights: our weighted formula and igraph's routine agree. */
  CitynetNetwork *network = citynet_view_get_network(view);
  CitynetViewOptions *options = citynet_view_options_new();
  citynet_view_options_set_combine(options, CITYNET_COMBINE_COUNT);
  CitynetView *counted = citynet_view_new(network, options, NULL);
  CitynetPartition *q = from_membership(counted, blocs, 6);
  assert_double_close(nominal(q, CITYNET_ASSORTATIVITY_WEIGHTED).value, 5.0 / 7.0, EXACT);
  citynet_partition_free(q);
  citynet_view_unref(counted);
  citynet_view_options_free(options);

  /* One label for everything: 0/0, undefined. */
  const gint64 one[] = { 3, 3, 3, 3, 3, 3 };
  CitynetPartition *all = from_membership(view, one, 6);
  assert_true(isnan(nominal(all, CITYNET_ASSORTATIVITY_DEFAULT).value));
  assert_true(isnan(nominal(all, CITYNET_ASSORTATIVITY_WEIGHTED).value));
  citynet_partition_free(all);
  citynet_partition_free(p);
  citynet_view_unref(view);
}

/* fixture_directed_triangle, X = {a,b}, Y = {c,d}; arcs a->b XX, b->a XX,
 * a->c XY, c->b YX, c->d YY; m = 5:
 *   e = [[2/5, 1/5], [1/5, 1/5]]; rows a = (3/5, 2/5), columns b = (3/5,
 *   2/5); sum a b = 13/25; trace 15/25:
 *   r = (15/25 - 13/25) / (1 - 13/25) = 2/12 = 1/6.
 * Read undirected, every arc counts both ways: 10 ends, e_XX = 4/10,
 * e_YY = 2/10, e_XY = e_YX = 2/10; a = b = (6/10, 4/10); sum a b = 52/100;
 *   r = (60/100 - 52/100) / (48/100) = 1/6 as well (by coincidence), and
 *   the mixing matrix is symmetric. */
static void
test_nominal_directed(void **state)
{
  CitynetView *view = fixture_directed_triangle();
  const gint64 labels[] = { 0, 0, 1, 1 };
  CitynetPartition *p = from_membership(view, labels, 4);
  CitynetAssortativity r = nominal(p, CITYNET_ASSORTATIVITY_DEFAULT);
  assert_double_close(r.value, 1.0 / 6.0, EXACT);
  assert_int_equal(r.n_edges, 5);
  assert_double_close(nominal(p, CITYNET_ASSORTATIVITY_WEIGHTED).value, 1.0 / 6.0, EXACT);
  assert_double_close(nominal(p, CITYNET_ASSORTATIVITY_UNDIRECTED).value, 1.0 / 6.0, EXACT);

  GError *error = NULL;
  gsize k = 0;
  double *m = citynet_mixing_matrix(p, CITYNET_ASSORTATIVITY_DEFAULT, FALSE, &k, &error);
  assert_no_error(error);
  assert_int_equal(k, 2);
  const double directed[] = { 2, 1, 1, 1 };
  for (int i = 0; i < 4; i++)
    assert_double_close(m[i], directed[i], EXACT);
  g_free(m);
  m = citynet_mixing_matrix(p, CITYNET_ASSORTATIVITY_UNDIRECTED, TRUE, &k, &error);
  const double undirected[] = { 0.4, 0.2, 0.2, 0.2 };
  for (int i = 0; i < 4; i++)
    assert_double_close(m[i], undirected[i], EXACT);
  g_free(m);
  citynet_partition_free(p);
  citynet_view_unref(view);
}

/* Mixing matrix of the two blocs: counts [[6, 1], [1, 6]] (each edge both
 * ways, a within-bloc edge 2 on the diagonal); weighted [[12, 1], [1,
 * 12]]; normalised by 14 and 26. */
static void
test_mixing_two_blocs(void **state)
{
  CitynetView *view = fixture_two_blocs();
  const gint64 blocs[] = { 0, 0, 0, 1, 1, 1 };
  CitynetPartition *p = from_membership(view, blocs, 6);
  GError *error = NULL;
  gsize k;
  struct { CitynetAssortativityFlags flags; gboolean normalized; double cells[4]; } cases[] = {
    { CITYNET_ASSORTATIVITY_DEFAULT, FALSE, { 6, 1, 1, 6 } },
    { CITYNET_ASSORTATIVITY_DEFAULT, TRUE, { 6.0 / 14, 1.0 / 14, 1.0 / 14, 6.0 / 14 } },
    { CITYNET_ASSORTATIVITY_WEIGHTED, FALSE, { 12, 1, 1, 12 } },
    { CITYNET_ASSORTATIVITY_WEIGHTED, TRUE, { 12.0 / 26, 1.0 / 26, 1.0 / 26, 12.0 / 26 } },
  };
  for (gsize c = 0; c < G_N_ELEMENTS(cases); c++) {
    double *m = citynet_mixing_matrix(p, cases[c].flags, cases[c].normalized, &k, &error);
    assert_no_error(error);
    assert_int_equal(k, 2);
    for (int i = 0; i < 4; i++)
      assert_double_close(m[i], cases[c].cells[i], EXACT);
    g_free(m);
  }
  citynet_partition_free(p);
  citynet_view_unref(view);
}

/* Labels from an attribute with a missing value: path a - b - c - d - e,
 * x = p, p, q, q, (none). With the missing label as a category:
 *   ends: a-b pp, b-c pq, c-d qq, d-e q(none): 8 ends;
 *   e_pp = 2/8, e_qq = 2/8, e_pq = e_qp = 1/8, e_q- = e_-q = 1/8;
 *   a = b = (p 3/8, q 4/8, - 1/8); sum a b = (9 + 16 + 1)/64 = 26/64;
 *   trace 4/8 = 32/64: r = (32 - 26)/(64 - 26) = 6/38 = 3/19.
 * Excluding the missing label: e drops with d - e: 6 ends, e_pp = e_qq =
 *   2/6, e_pq = e_qp = 1/6; a = b = (1/2, 1/2):
 *   r = (4/6 - 1/2) / (1/2) = 1/3. */
static void
test_nominal_missing(void **state)
{
  static const char *const ids[] = { "a", "b", "c", "d", "e" };
  static const char *const x[] = { "p", "p", "q", "q", "" };
  static const FixtureTie ties[] = {
    { "a", "b", 1, FALSE }, { "b", "c", 1, FALSE }, { "c", "d", 1, FALSE },
    { "d", "e", 1, FALSE },
  };
  CitynetView *view = valued_view(ids, x, 5, ties, 4, CITYNET_DIRECTION_AUTO);
  GError *error = NULL;
  CitynetPartition *p = citynet_partition_new_by_attribute(view, "x", &error);
  assert_no_error(error);
  assert_int_equal(citynet_partition_missing_label(p), 2);
  CitynetAssortativity r = nominal(p, CITYNET_ASSORTATIVITY_DEFAULT);
  assert_double_close(r.value, 3.0 / 19.0, EXACT);
  assert_int_equal(r.n_excluded, 0);
  r = nominal(p, CITYNET_ASSORTATIVITY_EXCLUDE_MISSING);
  assert_double_close(r.value, 1.0 / 3.0, EXACT);
  assert_int_equal(r.n_vertices, 4);
  assert_int_equal(r.n_excluded, 1);
  assert_int_equal(r.n_edges, 3);
  assert_int_equal(r.n_edges_excluded, 1);
  assert_double_close(nominal(p, CITYNET_ASSORTATIVITY_EXCLUDE_MISSING |
                                 CITYNET_ASSORTATIVITY_WEIGHTED).value, 1.0 / 3.0, EXACT);
  gsize k;
  double *m = citynet_mixing_matrix(p, CITYNET_ASSORTATIVITY_EXCLUDE_MISSING, FALSE, &k,
                                    &error);
  const double cells[] = { 2, 1, 0, 1, 2, 0, 0, 0, 0 };
  assert_int_equal(k, 3);
  for (int i = 0; i < 9; i++)
    assert_double_close(m[i], cells[i], EXACT);
  g_free(m);
  citynet_partition_free(p);
  citynet_view_unref(view);
}

/* ------------------------------------------------------------------------ */
/* Numeric                                                                  */
/* ------------------------------------------------------------------------ */

/* Path a - b - c - d with x = 1, 2, 3, 4 and e (no value) tied to d.
 * Unweighted, each edge both ways: ends 1,2 | 2,3 | 3,4; mean 2.5;
 * centred products (-1.5)(-0.5) + (-0.5)(0.5) + (0.5)(1.5) = 1.25 per
 * direction; variance sum over the 6 ordered ends (2.25 + 0.25 + 0.25 +
 * 0.25 + 0.25 + 2.25) = 5.5, over 6; covariance 2 x 1.25 / 6:
 *   r = 2.5 / 5.5 = 5/11.
 * Weighted a-b 1, b-c 2, c-d 1 (W = 4): mean (1x3 + 2x5 + 1x7)/8 = 2.5;
 * covariance (0.75 - 2 x 0.25 + 0.75)/4 = 1/4; variance (1 x 1.25 + 2 x
 * 0.25 + 1 x 1.25)/4 = 3/4:
 *   r = 1/3. */
static void
test_numeric_path(void **state)
{
  static const char *const ids[] = { "a", "b", "c", "d", "e" };
  static const char *const x[] = { "1", "2", "3", "4", "" };
  static const FixtureTie ties[] = {
    { "a", "b", 1, FALSE }, { "b", "c", 2, FALSE }, { "c", "d", 1, FALSE },
    { "d", "e", 1, FALSE },
  };
  CitynetView *view = valued_view(ids, x, 5, ties, 4, CITYNET_DIRECTION_AUTO);
  CitynetScores *values = values_of(view, "attr:x");
  assert_true(isnan(citynet_scores_value(values, 4)));
  CitynetAssortativity r = numeric(values, CITYNET_ASSORTATIVITY_DEFAULT);
  assert_double_close(r.value, 5.0 / 11.0, EXACT);
  assert_int_equal(r.n_vertices, 4);
  assert_int_equal(r.n_excluded, 1);
  assert_int_equal(r.n_edges, 3);
  assert_int_equal(r.n_edges_excluded, 1);
  assert_double_close(numeric(values, CITYNET_ASSORTATIVITY_WEIGHTED).value, 1.0 / 3.0,
                      EXACT);
  citynet_scores_free(values);

  /* Values for a subset of vertices (any measure's scores): the others
   * are left out. */
  GError *error = NULL;
  const gsize nodes[] = { 0, 1, 2, 3 };
  const double xs[] = { 1, 2, 3, 4 };
  CitynetScores *subset = citynet_scores_new(view, "x", nodes, xs, 4, &error);
  assert_no_error(error);
  assert_double_close(numeric(subset, CITYNET_ASSORTATIVITY_DEFAULT).value, 5.0 / 11.0,
                      EXACT);
  citynet_scores_free(subset);
  citynet_view_unref(view);
}

/* Directed ring a -> b -> c -> d -> a with x = 1..4: sources 1 2 3 4,
 * targets 2 3 4 1, both means 2.5; covariance sum 0.75 - 0.25 + 0.75 -
 * 2.25 = -1; variances 5 and 5: r = -1/5. Read undirected (each arc both
 * ways), one mean 2.5, covariance 2 x (-1) over 8, variance 10 over 8:
 * r = -2/10 = -1/5 too. */
static void
test_numeric_directed(void **state)
{
  static const char *const ids[] = { "a", "b", "c", "d" };
  static const char *const x[] = { "1", "2", "3", "4" };
  static const FixtureTie ties[] = {
    { "a", "b", 1, TRUE }, { "b", "c", 1, TRUE }, { "c", "d", 1, TRUE },
    { "d", "a", 1, TRUE },
  };
  CitynetView *view = valued_view(ids, x, 4, ties, 4, CITYNET_DIRECTION_AUTO);
  CitynetScores *values = values_of(view, "attr:x");
  assert_double_close(numeric(values, CITYNET_ASSORTATIVITY_DEFAULT).value, -0.2, EXACT);
  assert_double_close(numeric(values, CITYNET_ASSORTATIVITY_WEIGHTED).value, -0.2, EXACT);
  assert_double_close(numeric(values, CITYNET_ASSORTATIVITY_UNDIRECTED).value, -0.2, EXACT);
  assert_double_close(numeric(values, CITYNET_ASSORTATIVITY_UNDIRECTED |
                                      CITYNET_ASSORTATIVITY_WEIGHTED).value, -0.2, EXACT);
  citynet_scores_free(values);
  citynet_view_unref(view);
}

/* Constant values, or no edge between valued vertices: undefined. */
static void
test_numeric_undefined(void **state)
{
  static const char *const ids[] = { "a", "b", "c" };
  static const char *const same[] = { "5", "5", "5" };
  static const char *const lonely[] = { "5", "", "7" };
  static const FixtureTie ties[] = { { "a", "b", 1, FALSE }, { "b", "c", 1, FALSE } };
  CitynetView *view = valued_view(ids, same, 3, ties, 2, CITYNET_DIRECTION_AUTO);
  CitynetScores *values = values_of(view, "attr:x");
  assert_true(isnan(numeric(values, CITYNET_ASSORTATIVITY_DEFAULT).value));
  assert_true(isnan(numeric(values, CITYNET_ASSORTATIVITY_WEIGHTED).value));
  citynet_scores_free(values);
  citynet_view_unref(view);

  view = valued_view(ids, lonely, 3, ties, 2, CITYNET_DIRECTION_AUTO);
  values = values_of(view, "attr:x");
  CitynetAssortativity r = numeric(values, CITYNET_ASSORTATIVITY_DEFAULT);
  assert_true(isnan(r.value));
  assert_int_equal(r.n_edges, 0);
  assert_int_equal(r.n_edges_excluded, 2);
  assert_true(isnan(numeric(values, CITYNET_ASSORTATIVITY_WEIGHTED).value));
  citynet_scores_free(values);
  citynet_view_unref(view);
}

/* Unit weights: the weighted formula equals igraph's routine on a bigger
 * graph with awkward (large) values, where the uncentred formula loses
 * digits. */
static void
test_numeric_weighted_matches_igraph(void **state)
{
  GError *error = NULL;
  CitynetNetwork *network = citynet_network_new();
  char id[16], other[16];
  for (int i = 0; i < 30; i++) {
    g_snprintf(id, sizeof id, "v%d", i);
    citynet_network_add_node(network, id, "city", NULL, "TUR", &error);
    citynet_network_set_node_population(network, i, 1e6 + 1000.0 * ((i * 7) % 11), &error);
  }
  for (int i = 0; i < 30; i++) {
    for (int d = 1; d <= 3; d += 2) {
      g_snprintf(id, sizeof id, "v%d", i);
      g_snprintf(other, sizeof other, "v%d", (i * 3 + d) % 30);
      if (strcmp(id, other) != 0)
        citynet_network_add_tie(network, id, other, "sister", 1, FALSE, NULL, NULL,
                                NULL, &error);
    }
  }
  assert_no_error(error);
  CitynetViewOptions *options = citynet_view_options_new();
  citynet_view_options_set_combine(options, CITYNET_COMBINE_NONE);
  CitynetView *view = citynet_view_new(network, options, &error);
  CitynetScores *values = values_of(view, "population");
  double a = numeric(values, CITYNET_ASSORTATIVITY_DEFAULT).value;
  double b = numeric(values, CITYNET_ASSORTATIVITY_WEIGHTED).value;
  assert_true(isfinite(a));
  assert_double_close(b, a, 1e-9);
  citynet_scores_free(values);
  citynet_view_unref(view);
  citynet_view_options_free(options);
  citynet_network_unref(network);
}

/* ------------------------------------------------------------------------ */
/* Node values                                                              */
/* ------------------------------------------------------------------------ */

static void
test_node_values(void **state)
{
  GError *error = NULL;
  CitynetNetwork *network = citynet_network_new();
  assert_true(citynet_network_add_country(network, "TUR", "Türkiye", &error) >= 0);
  assert_true(citynet_network_add_country(network, "GRC", "Greece", &error) >= 0);
  assert_true(citynet_network_set_country_attribute(network, "TUR", "score", 0.25, &error));
  citynet_network_add_node(network, "ist", "city", NULL, "TUR", &error);
  citynet_network_add_node(network, "ath", "city", NULL, "GRC", &error);
  citynet_network_add_node(network, "ots", "organisation", NULL, NULL, &error);
  citynet_network_set_node_population(network, 0, 15e6, &error);
  citynet_network_set_node_location(network, 1, 37.98, 23.73, &error);
  citynet_network_set_node_attribute(network, 0, "rank", "3.5", &error);
  citynet_network_set_node_attribute(network, 1, "rank", "", &error);
  citynet_network_set_node_attribute(network, 2, "note", "founded 2009", &error);
  assert_no_error(error);
  CitynetView *view = citynet_view_new(network, NULL, &error);

  CitynetScores *s = values_of(view, "population");
  assert_double_close(citynet_scores_value(s, 0), 15e6, EXACT);
  assert_true(isnan(citynet_scores_value(s, 1)));
  citynet_scores_free(s);
  s = values_of(view, "latitude");
  assert_double_close(citynet_scores_value(s, 1), 37.98, EXACT);
  citynet_scores_free(s);
  s = values_of(view, "longitude");
  assert_double_close(citynet_scores_value(s, 1), 23.73, EXACT);
  assert_true(isnan(citynet_scores_value(s, 0)));
  citynet_scores_free(s);
  /* A country without the attribute, and a node without a country. */
  s = values_of(view, "country:score");
  assert_double_close(citynet_scores_value(s, 0), 0.25, EXACT);
  assert_true(isnan(citynet_scores_value(s, 1)));
  assert_true(isnan(citynet_scores_value(s, 2)));
  citynet_scores_free(s);
  s = values_of(view, "attr:rank");
  assert_double_close(citynet_scores_value(s, 0), 3.5, EXACT);
  assert_true(isnan(citynet_scores_value(s, 1)));
  citynet_scores_free(s);

  assert_null(citynet_node_values(view, "attr:note", &error));
  assert_citynet_error(error, CITYNET_ERROR_INVALID_ARGUMENT,
                       "node \"ots\": attribute note = \"founded 2009\" is not a finite number");
  assert_null(citynet_node_values(view, "attr:colour", &error));
  assert_citynet_error(error, CITYNET_ERROR_NOT_FOUND, "known: rank, note");
  assert_null(citynet_node_values(view, "country:gdp", &error));
  assert_citynet_error(error, CITYNET_ERROR_NOT_FOUND, "known: score");
  assert_null(citynet_node_values(view, "altitude", &error));
  assert_citynet_error(error, CITYNET_ERROR_INVALID_ARGUMENT, "population, latitude");
  citynet_view_unref(view);
  citynet_network_unref(network);
}

/* The numeric coefficient on a measure: degree assortativity of the star
 * is -1 (every edge joins the hub, degree 4, to a leaf, degree 1). */
static void
test_numeric_on_scores(void **state)
{
  CitynetView *view = fixture_star();
  GError *error = NULL;
  CitynetScores *degree = citynet_centrality_degree(view, NULL, &error);
  assert_no_error(error);
  assert_double_close(numeric(degree, CITYNET_ASSORTATIVITY_DEFAULT).value, -1.0, EXACT);
  citynet_scores_free(degree);
  citynet_view_unref(view);
}

int
main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_nominal_two_blocs),
    cmocka_unit_test(test_nominal_directed),
    cmocka_unit_test(test_mixing_two_blocs),
    cmocka_unit_test(test_nominal_missing),
    cmocka_unit_test(test_numeric_path),
    cmocka_unit_test(test_numeric_directed),
    cmocka_unit_test(test_numeric_undefined),
    cmocka_unit_test(test_numeric_weighted_matches_igraph),
    cmocka_unit_test(test_node_values),
    cmocka_unit_test(test_numeric_on_scores),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
