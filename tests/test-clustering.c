/* Clustering on small graphs whose values are worked out by hand in the
 * comments: local (Watts-Strogatz), Barrat's weighted coefficient, the
 * averages, global transitivity and ego-network density, on undirected,
 * directed and multigraph views. The graphs are drawn in
 * analytics-fixtures.c. */
#include <math.h>
#include <string.h>

#include "analytics-fixtures.h"

#define EXACT 1e-14

static CitynetScores *
local(CitynetView *view, CitynetUndefined undefined)
{
  GError *error = NULL;
  CitynetScores *scores = citynet_clustering_local(view, undefined, &error);
  assert_no_error(error);
  assert_non_null(scores);
  assert_string_equal(citynet_scores_measure(scores), "clustering");
  return scores;
}

static CitynetScores *
barrat(CitynetView *view, CitynetUndefined undefined)
{
  GError *error = NULL;
  CitynetScores *scores = citynet_clustering_barrat(view, undefined, &error);
  assert_no_error(error);
  assert_non_null(scores);
  assert_string_equal(citynet_scores_measure(scores), "barrat");
  return scores;
}

static CitynetScores *
ego(CitynetView *view, CitynetUndefined undefined)
{
  GError *error = NULL;
  CitynetScores *scores = citynet_clustering_ego_density(view, undefined, &error);
  assert_no_error(error);
  assert_non_null(scores);
  assert_string_equal(citynet_scores_measure(scores), "ego_density");
  return scores;
}

static double
average(CitynetView *view, gboolean weighted, CitynetUndefined undefined)
{
  GError *error = NULL;
  double value = -1;
  assert_true(citynet_clustering_average(view, weighted, undefined, &value, &error));
  assert_no_error(error);
  return value;
}

static double
global(CitynetView *view)
{
  GError *error = NULL;
  double value = -1;
  assert_true(citynet_clustering_global(view, &value, &error));
  assert_no_error(error);
  return value;
}

/* Triangle a b c with pendant d; weights a-b 1, a-c 2, b-c 3, c-d 4.
 *
 * Local: a and b have two neighbours, adjacent: 1. c has a, b, d; of the 3
 * pairs only a-b is an edge: 1/3. d has one neighbour: undefined (NaN, or
 * 0 in zero mode).
 *
 * Barrat: C(v) = sum over ordered pairs (j, h) of adjacent neighbours of
 * (w_vj + w_vh)/2, divided by s_v (k_v - 1).
 *   a: s = 1 + 2 = 3, k = 2, pair (b, c) twice: 2 x (1 + 2)/2 = 3: 3/3 = 1.
 *   b: s = 4: 2 x (1 + 3)/2 = 4: 4/4 = 1.
 *   c: s = 2 + 3 + 4 = 9, k = 3, pair (a, b) twice: 2 x (2 + 3)/2 = 5:
 *      5 / (9 x 2) = 5/18.
 *
 * Averages: over defined vertices (1 + 1 + 1/3)/3 = 7/9, with zeros
 * (1 + 1 + 1/3 + 0)/4 = 7/12; Barrat (1 + 1 + 5/18)/3 = 41/54 and
 * 41/72.
 * Global: 1 triangle, connected triples centred at a 1, b 1, c C(3,2) = 3,
 * d 0: 3 x 1 / 5 = 3/5. */
static void
test_triangle_pendant(void **state)
{
  g_autoptr(CitynetView) view = fixture_triangle_pendant();
  g_autoptr(CitynetScores) c = local(view, CITYNET_UNDEFINED_NAN);
  assert_double_close(fixture_value(c, "a"), 1.0, EXACT);
  assert_double_close(fixture_value(c, "b"), 1.0, EXACT);
  assert_double_close(fixture_value(c, "c"), 1.0 / 3.0, EXACT);
  assert_true(isnan(fixture_value(c, "d")));
  assert_int_equal(fixture_rank(c, "a"), 1);
  assert_int_equal(fixture_rank(c, "b"), 1);
  assert_int_equal(fixture_rank(c, "c"), 3);
  assert_int_equal(fixture_rank(c, "d"), 4);

  g_autoptr(CitynetScores) z = local(view, CITYNET_UNDEFINED_ZERO);
  assert_true(fixture_value(z, "d") == 0.0);

  g_autoptr(CitynetScores) w = barrat(view, CITYNET_UNDEFINED_NAN);
  assert_double_close(fixture_value(w, "a"), 1.0, EXACT);
  assert_double_close(fixture_value(w, "b"), 1.0, EXACT);
  assert_double_close(fixture_value(w, "c"), 5.0 / 18.0, EXACT);
  assert_true(isnan(fixture_value(w, "d")));
  g_autoptr(CitynetScores) wz = barrat(view, CITYNET_UNDEFINED_ZERO);
  assert_true(fixture_value(wz, "d") == 0.0);

  assert_double_close(average(view, FALSE, CITYNET_UNDEFINED_NAN), 7.0 / 9.0, EXACT);
  assert_double_close(average(view, FALSE, CITYNET_UNDEFINED_ZERO), 7.0 / 12.0, EXACT);
  assert_double_close(average(view, TRUE, CITYNET_UNDEFINED_NAN), 41.0 / 54.0, EXACT);
  assert_double_close(average(view, TRUE, CITYNET_UNDEFINED_ZERO), 41.0 / 72.0, EXACT);
  assert_double_close(global(view), 0.6, EXACT);

  /* Undirected: ego density without the ego is the local coefficient. */
  g_autoptr(CitynetScores) e = ego(view, CITYNET_UNDEFINED_NAN);
  for (gsize i = 0; i < 3; i++)
    assert_double_close(citynet_scores_value(e, i), citynet_scores_value(c, i), EXACT);
  assert_true(isnan(fixture_value(e, "d")));
}

/* The star: c's four neighbours are not adjacent: C(c) = 0; leaves are
 * undefined. 6 triples at c, no triangle: global 0. Average over the
 * defined vertices: just c, 0; with zeros (0 x 5)/5 = 0. */
static void
test_star(void **state)
{
  g_autoptr(CitynetView) view = fixture_star();
  g_autoptr(CitynetScores) c = local(view, CITYNET_UNDEFINED_NAN);
  assert_true(fixture_value(c, "c") == 0.0);
  assert_true(isnan(fixture_value(c, "l1")));
  assert_int_equal(fixture_rank(c, "c"), 1);
  assert_int_equal(fixture_rank(c, "l4"), 2);
  assert_true(global(view) == 0.0);
  assert_true(average(view, FALSE, CITYNET_UNDEFINED_NAN) == 0.0);
  assert_true(average(view, FALSE, CITYNET_UNDEFINED_ZERO) == 0.0);
  g_autoptr(CitynetScores) e = ego(view, CITYNET_UNDEFINED_NAN);
  assert_true(fixture_value(e, "c") == 0.0);
  assert_true(isnan(fixture_value(e, "l2")));
}

/* Two blocs (triangles of weight 2, bridge a3 - b1 of weight 1).
 * Local: a1 a2 b2 b3 1; a3 and b1: of their 3 neighbour pairs only the
 * bloc partners are adjacent: 1/3. Global: 2 triangles, triples 1+1+3+3+
 * 1+1 = 10: 6/10 = 0.6.
 * Barrat a3: s = 2 + 2 + 1 = 5, k = 3, pair (a1, a2) twice: 2 x (2+2)/2 =
 * 4: 4 / (5 x 2) = 0.4 (above 1/3: the strong ties close the triangle).
 * a1: s = 4, pair (a2, a3): 2 x (2 + 2)/2 = 4: 1. */
static void
test_two_blocs(void **state)
{
  g_autoptr(CitynetView) view = fixture_two_blocs();
  g_autoptr(CitynetScores) c = local(view, CITYNET_UNDEFINED_NAN);
  assert_double_close(fixture_value(c, "a1"), 1.0, EXACT);
  assert_double_close(fixture_value(c, "a3"), 1.0 / 3.0, EXACT);
  assert_double_close(fixture_value(c, "b1"), 1.0 / 3.0, EXACT);
  assert_double_close(global(view), 0.6, EXACT);
  g_autoptr(CitynetScores) w = barrat(view, CITYNET_UNDEFINED_NAN);
  assert_double_close(fixture_value(w, "a3"), 0.4, EXACT);
  assert_double_close(fixture_value(w, "b1"), 0.4, EXACT);
  assert_double_close(fixture_value(w, "a1"), 1.0, EXACT);
  /* Averages: (4 x 1 + 2/3)/6 = 7/9 and (4 + 0.8)/6 = 0.8. */
  assert_double_close(average(view, FALSE, CITYNET_UNDEFINED_NAN), 7.0 / 9.0, EXACT);
  assert_double_close(average(view, TRUE, CITYNET_UNDEFINED_NAN), 0.8, EXACT);
}

/* The directed triangle: a -> b, b -> a, a -> c, c -> b, c -> d.
 * Its undirected collapse is the triangle a b c with pendant d, so local
 * clustering is a 1, b 1, c 1/3, d NaN.
 * Ego density counts arcs among the alters over k (k - 1) ordered pairs:
 *   a: alters b, c; arcs between them: c -> b: 1/2.
 *   b: alters a, c; a -> c: 1/2.
 *   c: alters a, b, d; a -> b and b -> a: 2/6 = 1/3.
 *   d: one alter: undefined.
 * The same ties in an undirected view: ego density = local clustering. */
static void
test_directed_ego_density(void **state)
{
  g_autoptr(CitynetView) view = fixture_directed_triangle();
  assert_true(citynet_view_is_directed(view));
  g_autoptr(CitynetScores) c = local(view, CITYNET_UNDEFINED_NAN);
  assert_double_close(fixture_value(c, "a"), 1.0, EXACT);
  assert_double_close(fixture_value(c, "c"), 1.0 / 3.0, EXACT);
  assert_double_close(global(view), 0.6, EXACT);

  g_autoptr(CitynetScores) e = ego(view, CITYNET_UNDEFINED_NAN);
  assert_double_close(fixture_value(e, "a"), 0.5, EXACT);
  assert_double_close(fixture_value(e, "b"), 0.5, EXACT);
  assert_double_close(fixture_value(e, "c"), 1.0 / 3.0, EXACT);
  assert_true(isnan(fixture_value(e, "d")));
  g_autoptr(CitynetScores) ez = ego(view, CITYNET_UNDEFINED_ZERO);
  assert_true(fixture_value(ez, "d") == 0.0);

  CitynetNetwork *net = citynet_view_get_network(view);
  g_autoptr(CitynetView) undirected = fixture_view(net, CITYNET_DIRECTION_UNDIRECTED,
                                                   CITYNET_COMBINE_SUM);
  g_autoptr(CitynetScores) eu = ego(undirected, CITYNET_UNDEFINED_NAN);
  assert_double_close(fixture_value(eu, "a"), 1.0, EXACT);
  assert_double_close(fixture_value(eu, "c"), 1.0 / 3.0, EXACT);
}

/* Barrat on a directed view uses the collapse with summed weights:
 *   a -> c 1 and c -> a 3 (pair weight 4), c -> b 1, c -> d 2, a -> b 5.
 * c: neighbours a (4), b (1), d (2): s = 7, k = 3; adjacent pair (a, b)
 * twice: 2 x (4 + 1)/2 = 5: 5 / (7 x 2) = 5/14.
 * a: neighbours c (4), b (5): s = 9, pair (b, c) adjacent: 2 x 9/2 = 9: 1.
 * Combine none (the same arcs as separate edges) gives the same. */
static void
test_barrat_collapse(void **state)
{
  static const char *const ids[] = { "a", "b", "c", "d" };
  static const FixtureTie ties[] = {
    { "a", "c", 1, TRUE }, { "c", "a", 3, TRUE }, { "c", "b", 1, TRUE },
    { "c", "d", 2, TRUE }, { "a", "b", 5, TRUE },
  };
  g_autoptr(CitynetNetwork) net = fixture_network(ids, 4, ties, G_N_ELEMENTS(ties));
  g_autoptr(CitynetView) view = fixture_view(net, CITYNET_DIRECTION_AUTO,
                                             CITYNET_COMBINE_SUM);
  g_autoptr(CitynetView) multi = fixture_view(net, CITYNET_DIRECTION_AUTO,
                                              CITYNET_COMBINE_NONE);
  g_autoptr(CitynetScores) w = barrat(view, CITYNET_UNDEFINED_NAN);
  g_autoptr(CitynetScores) wm = barrat(multi, CITYNET_UNDEFINED_NAN);
  assert_double_close(fixture_value(w, "c"), 5.0 / 14.0, EXACT);
  assert_double_close(fixture_value(w, "a"), 1.0, EXACT);
  for (gsize i = 0; i < 4; i++) {
    double x = citynet_scores_value(w, i), y = citynet_scores_value(wm, i);
    assert_true((isnan(x) && isnan(y)) || x == y);
  }
}

/* A multigraph view (parallel ties kept as edges) has the same clustering
 * and ego density as the combined view: adjacency counts once. */
static void
test_multigraph(void **state)
{
  static const char *const ids[] = { "a", "b", "c", "d" };
  static const FixtureTie ties[] = {
    { "a", "b", 1, FALSE }, { "a", "b", 1, FALSE }, { "a", "c", 2, FALSE },
    { "b", "c", 3, FALSE }, { "c", "d", 4, FALSE }, { "c", "d", 4, FALSE },
  };
  g_autoptr(CitynetNetwork) net = fixture_network(ids, 4, ties, G_N_ELEMENTS(ties));
  g_autoptr(CitynetView) multi = fixture_view(net, CITYNET_DIRECTION_AUTO,
                                              CITYNET_COMBINE_NONE);
  assert_int_equal(citynet_view_n_edges(multi), 6);
  g_autoptr(CitynetScores) c = local(multi, CITYNET_UNDEFINED_NAN);
  g_autoptr(CitynetScores) e = ego(multi, CITYNET_UNDEFINED_NAN);
  assert_double_close(fixture_value(c, "c"), 1.0 / 3.0, EXACT);
  assert_double_close(fixture_value(e, "c"), 1.0 / 3.0, EXACT);
  assert_double_close(fixture_value(c, "a"), 1.0, EXACT);
  assert_double_close(global(multi), 0.6, EXACT);
}

/* K4 with every pair tied in both directions (12 directed ties): every
 * alter pair has two arcs: ego density 6/6 = 1; clustering 1. */
static void
test_complete_directed(void **state)
{
  static const char *const ids[] = { "a", "b", "c", "d" };
  FixtureTie ties[12];
  gsize k = 0;
  for (gsize i = 0; i < 4; i++)
    for (gsize j = 0; j < 4; j++)
      if (i != j)
        ties[k++] = (FixtureTie) { ids[i], ids[j], 1, TRUE };
  g_autoptr(CitynetNetwork) net = fixture_network(ids, 4, ties, 12);
  g_autoptr(CitynetView) view = fixture_view(net, CITYNET_DIRECTION_AUTO,
                                             CITYNET_COMBINE_SUM);
  g_autoptr(CitynetScores) e = ego(view, CITYNET_UNDEFINED_NAN);
  g_autoptr(CitynetScores) c = local(view, CITYNET_UNDEFINED_NAN);
  for (gsize i = 0; i < 4; i++) {
    assert_double_close(citynet_scores_value(e, i), 1.0, EXACT);
    assert_double_close(citynet_scores_value(c, i), 1.0, EXACT);
    assert_int_equal(citynet_scores_rank(e, i), 1);
  }
  assert_double_close(global(view), 1.0, EXACT);
}

/* No vertex, or no connected triple: global transitivity and the averages
 * are NaN (nothing to average); zero mode averages the zeros of the
 * isolated vertices. */
static void
test_degenerate(void **state)
{
  g_autoptr(CitynetNetwork) empty = citynet_network_new();
  g_autoptr(CitynetView) none = fixture_view(empty, CITYNET_DIRECTION_AUTO,
                                             CITYNET_COMBINE_SUM);
  assert_true(isnan(global(none)));
  assert_true(isnan(average(none, FALSE, CITYNET_UNDEFINED_NAN)));
  assert_true(isnan(average(none, TRUE, CITYNET_UNDEFINED_ZERO)));
  g_autoptr(CitynetScores) c0 = local(none, CITYNET_UNDEFINED_NAN);
  assert_int_equal(citynet_scores_n(c0), 0);
  g_autoptr(CitynetScores) e0 = ego(none, CITYNET_UNDEFINED_NAN);
  assert_int_equal(citynet_scores_n(e0), 0);

  static const char *const ids[] = { "a", "b", "c" };
  static const FixtureTie ties[] = { { "a", "b", 1, FALSE } };
  g_autoptr(CitynetNetwork) net = fixture_network(ids, 3, ties, 1);
  g_autoptr(CitynetView) pair = fixture_view(net, CITYNET_DIRECTION_AUTO,
                                             CITYNET_COMBINE_SUM);
  assert_true(isnan(global(pair)));
  assert_true(isnan(average(pair, FALSE, CITYNET_UNDEFINED_NAN)));
  assert_true(average(pair, FALSE, CITYNET_UNDEFINED_ZERO) == 0.0);
  assert_true(average(pair, TRUE, CITYNET_UNDEFINED_ZERO) == 0.0);
}

static void
test_undefined_names(void **state)
{
  GError *error = NULL;
  CitynetUndefined undefined;
  assert_true(citynet_undefined_from_string("NaN", &undefined, &error));
  assert_int_equal(undefined, CITYNET_UNDEFINED_NAN);
  assert_true(citynet_undefined_from_string("zero", &undefined, &error));
  assert_int_equal(undefined, CITYNET_UNDEFINED_ZERO);
  assert_false(citynet_undefined_from_string("skip", &undefined, &error));
  assert_citynet_error(error, CITYNET_ERROR_INVALID_ARGUMENT, "nan, zero");
}

/* Same view, same bits. */
static void
test_determinism(void **state)
{
  g_autoptr(CitynetView) view = fixture_two_blocs();
  g_autoptr(CitynetScores) a = barrat(view, CITYNET_UNDEFINED_NAN);
  g_autoptr(CitynetScores) b = barrat(view, CITYNET_UNDEFINED_NAN);
  assert_memory_equal(citynet_scores_values(a, NULL), citynet_scores_values(b, NULL),
                      6 * sizeof(double));
}

int
main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_triangle_pendant),
    cmocka_unit_test(test_star),
    cmocka_unit_test(test_two_blocs),
    cmocka_unit_test(test_directed_ego_density),
    cmocka_unit_test(test_barrat_collapse),
    cmocka_unit_test(test_multigraph),
    cmocka_unit_test(test_complete_directed),
    cmocka_unit_test(test_degenerate),
    cmocka_unit_test(test_undefined_names),
    cmocka_unit_test(test_determinism),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
