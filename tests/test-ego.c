/* Ego networks, UCINET's ego measures, Burt's structural holes,
 * Gould-Fernandez brokerage and bloc betweenness on small graphs whose
 * values are worked out by hand in the comments. The larger cross-checks
 * (NetworkX, R's sna, python-igraph, brute force) are in
 * tests/crosscheck/crosscheck_ego.py. */
#include <math.h>
#include <string.h>

#include "analytics-fixtures.h"
#include "analytics-private.h"

/* Sums of a few exact terms. */
#define EXACT 1e-14

/* The graphs                                                               */
/* ------------------------------------------------------------------------ */

/* Two triangles joined by a bridge, unweighted:
 *
 *   a       e
 *   | \   / |
 *   |  c-d  |
 *   | /   \ |
 *   b       f                                                         */
static CitynetView *
two_triangles(void)
{
  static const char *const ids[] = { "a", "b", "c", "d", "e", "f" };
  static const FixtureTie ties[] = {
    { "a", "b", 1, FALSE }, { "a", "c", 1, FALSE }, { "b", "c", 1, FALSE },
    { "c", "d", 1, FALSE }, { "d", "e", 1, FALSE }, { "d", "f", 1, FALSE },
    { "e", "f", 1, FALSE },
  };
  CitynetNetwork *network = fixture_network(ids, G_N_ELEMENTS(ids), ties,
                                            G_N_ELEMENTS(ties));
  CitynetView *view = fixture_view(network, CITYNET_DIRECTION_AUTO,
                                   CITYNET_COMBINE_SUM);
  citynet_network_unref(network);
  return view;
}

/* A fan: ego e tied to x1, x2, x3, and the path x1 - x2 - x3. */
static CitynetView *
fan(void)
{
  static const char *const ids[] = { "e", "x1", "x2", "x3" };
  static const FixtureTie ties[] = {
    { "e", "x1", 1, FALSE }, { "e", "x2", 1, FALSE }, { "e", "x3", 1, FALSE },
    { "x1", "x2", 1, FALSE }, { "x2", "x3", 1, FALSE },
  };
  CitynetNetwork *network = fixture_network(ids, G_N_ELEMENTS(ids), ties,
                                            G_N_ELEMENTS(ties));
  CitynetView *view = fixture_view(network, CITYNET_DIRECTION_AUTO,
                                   CITYNET_COMBINE_SUM);
  citynet_network_unref(network);
  return view;
}

static gsize
node(const CitynetView *view, const char *id)
{
  gssize index = citynet_network_node_index(citynet_view_get_network(view), id);
  assert_true(index >= 0);
  return (gsize) index;
}

static gsize
vertex(const CitynetView *view, const char *id)
{
  gssize v = citynet_view_node_vertex(view, node(view, id));
  assert_true(v >= 0);
  return (gsize) v;
}

/* ------------------------------------------------------------------------ */
/* Ego extraction                                                           */
/* ------------------------------------------------------------------------ */

static CitynetView *
ego(CitynetView *view, const char *id, guint order, CitynetMode mode,
    gboolean alter_ties)
{
  GError *error = NULL;
  CitynetView *result = citynet_ego_view_new(view, node(view, id), order, mode,
                                             alter_ties, &error);
  assert_no_error(error);
  assert_non_null(result);
  return result;
}

/* The ids of the view's vertices joined by ",", and its edges "u-v". */
static char *
describe(const CitynetView *view)
{
  const CitynetNetwork *network = citynet_view_get_network(view);
  GString *text = g_string_new(NULL);
  for (gsize v = 0; v < citynet_view_n_vertices(view); v++)
    g_string_append_printf(text, "%s%s", v > 0 ? "," : "",
                           citynet_network_node_id(network,
                                                   citynet_view_vertex_node(view, v)));
  g_string_append(text, " |");
  for (gsize e = 0; e < citynet_view_n_edges(view); e++) {
    gsize from, to;
    citynet_view_edge(view, e, &from, &to);
    g_string_append_printf(text, " %s-%s",
                           citynet_network_node_id(network,
                                                   citynet_view_vertex_node(view, from)),
                           citynet_network_node_id(network,
                                                   citynet_view_vertex_node(view, to)));
  }
  return g_string_free(text, FALSE);
}

#define assert_described(view, expected)                                    \
  do {                                                                      \
    char *_text = describe(view);                                           \
    assert_string_equal(_text, expected);                                   \
    g_free(_text);                                                          \
  } while (0)

/* Order 1 around a: a, b, c with the alter tie b - c, or only a's ties;
 * order 2 adds d (through c); without alter ties b - c (both at distance
 * 1) drops but c - d (distances 1 and 2) stays. Order 0 is a alone;
 * G_MAXUINT the whole component. */
static void
test_ego_view_undirected(void **state)
{
  g_autoptr(CitynetView) view = two_triangles();
  g_autoptr(CitynetView) e1 = ego(view, "a", 1, CITYNET_MODE_ALL, TRUE);
  assert_described(e1, "a,b,c | a-b a-c b-c");
  g_autoptr(CitynetView) s1 = ego(view, "a", 1, CITYNET_MODE_ALL, FALSE);
  assert_described(s1, "a,b,c | a-b a-c");
  g_autoptr(CitynetView) e2 = ego(view, "a", 2, CITYNET_MODE_DEFAULT, TRUE);
  assert_described(e2, "a,b,c,d | a-b a-c b-c c-d");
  g_autoptr(CitynetView) s2 = ego(view, "a", 2, CITYNET_MODE_ALL, FALSE);
  assert_described(s2, "a,b,c,d | a-b a-c c-d");
  g_autoptr(CitynetView) e0 = ego(view, "a", 0, CITYNET_MODE_ALL, TRUE);
  assert_described(e0, "a |");
  g_autoptr(CitynetView) all = ego(view, "d", G_MAXUINT, CITYNET_MODE_ALL, TRUE);
  assert_int_equal(citynet_view_n_vertices(all), 6);
  assert_int_equal(citynet_view_n_edges(all), 7);

  /* The ego view is a view: the same network, its ties in network order
   * (ties 0, 1, 2 are a-b, a-c, b-c), node <-> vertex maps, and other
   * measures accept it. */
  assert_ptr_equal(citynet_view_get_network(e1), citynet_view_get_network(view));
  assert_int_equal(citynet_view_n_ties(e1), 3);
  for (gsize i = 0; i < 3; i++)
    assert_int_equal(citynet_view_tie(e1, i), i);
  assert_int_equal(citynet_view_node_vertex(e1, node(view, "d")), -1);
  assert_int_equal(citynet_view_node_vertex(e1, node(view, "c")), 2);
  assert_int_equal(citynet_view_edge_n_ties(e1, 2), 1);
  assert_int_equal(citynet_view_edge_tie(e1, 2, 0), 2);
  assert_false(citynet_view_is_directed(e1));
  GError *error = NULL;
  g_autoptr(CitynetScores) degree = citynet_centrality_degree(e1, NULL, &error);
  assert_no_error(error);
  assert_double_close(fixture_value(degree, "a"), 2, EXACT);
  /* Back to a network: three nodes, three ties. */
  g_autoptr(CitynetNetwork) copy = citynet_view_to_network(e1, &error);
  assert_no_error(error);
  assert_int_equal(citynet_network_n_nodes(copy), 3);
  assert_int_equal(citynet_network_n_ties(copy), 3);
}

/* The directed triangle (a <=> b, a -> c, c -> b, c -> d):
 *   OUT of c, order 1: c, b, d with c -> b, c -> d.
 *   IN of c, order 1: a, c with a -> c.
 *   ALL of c, order 1: everyone; with alter ties a <=> b stays.
 *   OUT of a, order 2 without alter ties: distances a 0, b 1, c 1, d 2:
 *   arcs one step farther: a -> b, a -> c, c -> d (c -> b and b -> a
 *   are not). */
static void
test_ego_view_directed(void **state)
{
  g_autoptr(CitynetView) view = fixture_directed_triangle();
  g_autoptr(CitynetView) out = ego(view, "c", 1, CITYNET_MODE_OUT, TRUE);
  assert_described(out, "b,c,d | c-b c-d");
  assert_true(citynet_view_is_directed(out));
  g_autoptr(CitynetView) in = ego(view, "c", 1, CITYNET_MODE_IN, TRUE);
  assert_described(in, "a,c | a-c");
  g_autoptr(CitynetView) all = ego(view, "c", 1, CITYNET_MODE_ALL, TRUE);
  assert_described(all, "a,b,c,d | a-b a-c b-a c-b c-d");
  g_autoptr(CitynetView) tree = ego(view, "a", 2, CITYNET_MODE_OUT, FALSE);
  assert_described(tree, "a,b,c,d | a-b a-c c-d");
  g_autoptr(CitynetView) in_tree = ego(view, "b", 2, CITYNET_MODE_IN, FALSE);
  /* Into b: a -> b and c -> b (distance 1), then a -> c (c at 1, a at 1:
   * no), so only the two arcs into b. */
  assert_described(in_tree, "a,b,c | a-b c-b");
}

/* An undirected tie of a directed view is two arcs; an ego network that
 * keeps one arc lists the tie once. */
static void
test_ego_view_mixed_ties(void **state)
{
  static const char *const ids[] = { "a", "b", "c" };
  static const FixtureTie ties[] = {
    { "a", "b", 1, FALSE }, { "b", "c", 1, TRUE },
  };
  g_autoptr(CitynetNetwork) network = fixture_network(ids, 3, ties, 2);
  g_autoptr(CitynetView) view = fixture_view(network, CITYNET_DIRECTION_AUTO,
                                             CITYNET_COMBINE_SUM);
  assert_true(citynet_view_is_directed(view));
  g_autoptr(CitynetView) tree = ego(view, "a", 2, CITYNET_MODE_OUT, FALSE);
  assert_described(tree, "a,b,c | a-b b-c");
  assert_int_equal(citynet_view_n_ties(tree), 2);
  g_autoptr(CitynetView) full = ego(view, "a", 1, CITYNET_MODE_OUT, TRUE);
  assert_described(full, "a,b | a-b b-a");
  assert_int_equal(citynet_view_n_ties(full), 1);
}

static void
test_ego_view_errors(void **state)
{
  g_autoptr(CitynetView) view = fixture_star();
  GError *error = NULL;
  assert_null(citynet_ego_view_new(view, 99, 1, CITYNET_MODE_ALL, TRUE, &error));
  assert_citynet_error(error, CITYNET_ERROR_NOT_FOUND, "does not exist");
  /* A node of the network outside the view. */
  g_autoptr(CitynetView) small = ego(view, "l1", 1, CITYNET_MODE_ALL, TRUE);
  assert_null(citynet_ego_view_new(small, node(view, "l2"), 1, CITYNET_MODE_ALL,
                                   TRUE, &error));
  assert_citynet_error(error, CITYNET_ERROR_NOT_FOUND, "\"l2\" is not in the view");
}

/* ------------------------------------------------------------------------ */
/* Ego-network measures                                                     */
/* ------------------------------------------------------------------------ */

static CitynetEgoMeasures *
measures(CitynetView *view, CitynetMode mode)
{
  GError *error = NULL;
  CitynetEgoMeasures *result = citynet_ego_measures_new(view, NULL, 0, mode, &error);
  assert_no_error(error);
  assert_non_null(result);
  assert_int_equal(citynet_ego_measures_n(result), citynet_view_n_vertices(view));
  return result;
}

/* NaN-aware comparison. */
static void
assert_measure(const CitynetEgoMeasures *m, const CitynetView *view,
               const char *id, CitynetEgoMeasure measure, double expected)
{
  double value = citynet_ego_measures_get(m, vertex(view, id), measure);
  if (isnan(expected)) {
    if (!isnan(value))
      fail_msg("%s of %s = %g, expected NaN", citynet_ego_measure_name(measure),
               id, value);
    return;
  }
  if (!(fabs(value - expected) <= EXACT * (1 + fabs(expected))))
    fail_msg("%s of %s = %.17g, expected %.17g",
             citynet_ego_measure_name(measure), id, value, expected);
}

/* Every measure of one ego, in enum order. */
static void
assert_row(const CitynetEgoMeasures *m, const CitynetView *view,
           const char *id, const double expected[CITYNET_EGO_MEASURE_COUNT])
{
  for (int k = 0; k < CITYNET_EGO_MEASURE_COUNT; k++)
    assert_measure(m, view, id, (CitynetEgoMeasure) k, expected[k]);
}

/* Star c - l1 .. l4 (5 vertices).
 *   c: n 4, no alter ties, pairs 4*3 = 12, density 0; alters cannot reach
 *   each other without c: avg distance and diameter undefined; 4 weak
 *   components (share 1); reaches all 4 others (1); broker (12 - 0)/2 =
 *   6 (share 6/12); every one of the 6 alter pairs needs c: ego
 *   betweenness 6, share 6 / (4*3/2) = 1.
 *   l1: n 1, pairs 0, density undefined, 1 component; reaches c, l2, l3,
 *   l4 in two steps (4/4); broker 0, share undefined; betweenness 0. */
static void
test_measures_star(void **state)
{
  g_autoptr(CitynetView) view = fixture_star();
  g_autoptr(CitynetEgoMeasures) m = measures(view, CITYNET_MODE_ALL);
  const double c[] = { 4, 0, 12, 0, NAN, NAN, 4, 1, 1, 6, 0.5, 6, 1 };
  assert_row(m, view, "c", c);
  const double l1[] = { 1, 0, 0, NAN, NAN, NAN, 1, 1, 1, 0, NAN, 0, NAN };
  assert_row(m, view, "l1", l1);
}

/* Path a - b - c - d.
 *   b: alters a, c untied: ties 0, pairs 2, density 0, 2 components (2/2);
 *   reaches a, c, d (3/3); broker 1 (1/2); betweenness 1 (share 1/1).
 *   a: alter b; reaches b and c: 2/3. */
static void
test_measures_path(void **state)
{
  g_autoptr(CitynetView) view = fixture_path(FALSE);
  g_autoptr(CitynetEgoMeasures) m = measures(view, CITYNET_MODE_ALL);
  const double b[] = { 2, 0, 2, 0, NAN, NAN, 2, 1, 1, 1, 0.5, 1, 1 };
  assert_row(m, view, "b", b);
  const double a[] = { 1, 0, 0, NAN, NAN, NAN, 1, 1, 2.0 / 3.0, 0, NAN, 0, NAN };
  assert_row(m, view, "a", a);
}

/* Two triangles (6 vertices).
 *   c: alters a, b, d; a - b counts both ways: ties 2, pairs 6, density
 *   1/3; d cannot reach a or b without c: distances undefined; weak
 *   components {a, b}, {d}: 2 (2/3); reaches a, b, d, e, f: 5/5; broker
 *   (6 - 2)/2 = 2 (2/6); pairs (a, d) and (b, d) go only through c:
 *   betweenness 2, share 2 / 3.
 *   a: alters b, c tied: ties 2, pairs 2, density 1; distances 1 and 1:
 *   avg 1, diameter 1; 1 component (1/2); reaches b, c, d: 3/5; broker
 *   0 (0); betweenness 0 (0). */
static void
test_measures_two_triangles(void **state)
{
  g_autoptr(CitynetView) view = two_triangles();
  g_autoptr(CitynetEgoMeasures) m = measures(view, CITYNET_MODE_DEFAULT);
  const double c[] = { 3, 2, 6, 1.0 / 3.0, NAN, NAN, 2, 2.0 / 3.0, 1, 2,
                       1.0 / 3.0, 2, 2.0 / 3.0 };
  assert_row(m, view, "c", c);
  const double a[] = { 2, 2, 2, 1, 1, 1, 1, 0.5, 0.6, 0, 0, 0, 0 };
  assert_row(m, view, "a", a);
}

/* Fan: e - x1, x2, x3 with x1 - x2 - x3.
 *   e: ties 4 (two edges both ways), pairs 6, density 2/3; without e the
 *   alters form a path: distances (x1,x2) 1, (x2,x3) 1, (x1,x3) 2, each
 *   both ways: sum 8 over 6 pairs = 4/3, diameter 2; 1 component (1/3);
 *   reaches all 3 (3/3); broker (6 - 4)/2 = 1 (1/6); the one untied pair
 *   (x1, x3) has two geodesics, x1-e-x3 and x1-x2-x3: betweenness 1/2,
 *   share 0.5 / 3. */
static void
test_measures_fan(void **state)
{
  g_autoptr(CitynetView) view = fan();
  g_autoptr(CitynetEgoMeasures) m = measures(view, CITYNET_MODE_ALL);
  const double e[] = { 3, 4, 6, 2.0 / 3.0, 4.0 / 3.0, 2, 1, 1.0 / 3.0, 1, 1,
                       1.0 / 6.0, 0.5, 0.5 / 3.0 };
  assert_row(m, view, "e", e);

  /* The same egos by node list, in the order asked; scores of one
   * measure. */
  const gsize nodes[] = { node(view, "x3"), node(view, "e") };
  GError *error = NULL;
  g_autoptr(CitynetEgoMeasures) some =
    citynet_ego_measures_new(view, nodes, 2, CITYNET_MODE_ALL, &error);
  assert_no_error(error);
  assert_int_equal(citynet_ego_measures_n(some), 2);
  assert_int_equal(citynet_ego_measures_node(some, 1), node(view, "e"));
  assert_double_close(citynet_ego_measures_get(some, 1, CITYNET_EGO_BETWEENNESS),
                      0.5, EXACT);
  g_autoptr(CitynetScores) scores =
    citynet_ego_measures_scores(some, CITYNET_EGO_DENSITY);
  assert_string_equal(citynet_scores_measure(scores), "density");
  assert_int_equal(citynet_scores_n(scores), 2);
  /* x3: alters e, x2, tied: density 1, ranked first. */
  assert_double_close(fixture_value(scores, "x3"), 1, EXACT);
  assert_int_equal(fixture_rank(scores, "x3"), 1);

  /* Errors: a repeated node, a node outside the view. */
  const gsize twice[] = { 0, 0 };
  assert_null(citynet_ego_measures_new(view, twice, 2, CITYNET_MODE_ALL, &error));
  assert_citynet_error(error, CITYNET_ERROR_INVALID_ARGUMENT, "listed twice");
  const gsize missing[] = { 42 };
  assert_null(citynet_ego_measures_new(view, missing, 1, CITYNET_MODE_ALL, &error));
  assert_citynet_error(error, CITYNET_ERROR_NOT_FOUND, "does not exist");
}

/* The directed triangle: a <=> b, a -> c, c -> b, c -> d.
 *   a, OUT: alters b, c; arcs among them: c -> b: ties 1, pairs 2,
 *   density 1/2; without a, b cannot reach c: distances undefined; one
 *   weak component (1/2); a reaches b, c, and through c d: 3/3; broker
 *   (2 - 1)/2 = 1/2 (1/4); ordered pairs: (b, c) only via b -> a -> c
 *   (1), (c, b) direct (0): betweenness 1, share 1/2.
 *   a, IN: alter b only; b -> a: reaches b, and what reaches b (a, c):
 *   b, c: 2/3.
 *   c, ALL: alters a, b, d; arcs a -> b, b -> a: ties 2, pairs 6,
 *   density 1/3; d is cut off: distances undefined; components {a, b},
 *   {d} (2/3); reaches everyone (3/3); broker 2 (1/3); ordered pairs:
 *   (a, d) via a -> c -> d (1), (b, d) via b -> a -> c -> d, a geodesic of
 *   length 3 through c (1), the rest direct or impossible: 2, share 2/6. */
static void
test_measures_directed(void **state)
{
  g_autoptr(CitynetView) view = fixture_directed_triangle();
  g_autoptr(CitynetEgoMeasures) out = measures(view, CITYNET_MODE_OUT);
  const double a_out[] = { 2, 1, 2, 0.5, NAN, NAN, 1, 0.5, 1, 0.5, 0.25, 1, 0.5 };
  assert_row(out, view, "a", a_out);
  g_autoptr(CitynetEgoMeasures) in = measures(view, CITYNET_MODE_IN);
  const double a_in[] = { 1, 0, 0, NAN, NAN, NAN, 1, 1, 2.0 / 3.0, 0, NAN, 0, NAN };
  assert_row(in, view, "a", a_in);
  g_autoptr(CitynetEgoMeasures) all = measures(view, CITYNET_MODE_ALL);
  const double c_all[] = { 3, 2, 6, 1.0 / 3.0, NAN, NAN, 2, 2.0 / 3.0, 1, 2,
                           1.0 / 3.0, 2, 1.0 / 3.0 };
  assert_row(all, view, "c", c_all);
}

/* An isolate: everything empty; a view of one vertex: no two-step reach. */
static void
test_measures_isolate(void **state)
{
  g_autoptr(CitynetView) view = fixture_star_with_isolate();
  g_autoptr(CitynetEgoMeasures) m = measures(view, CITYNET_MODE_ALL);
  const double iso[] = { 0, 0, 0, NAN, NAN, NAN, 0, NAN, 0, 0, NAN, 0, NAN };
  assert_row(m, view, "iso", iso);
  /* c reaches 4 of the 5 others now. */
  assert_measure(m, view, "c", CITYNET_EGO_TWO_STEP_REACH, 0.8);

  g_autoptr(CitynetView) alone = ego(view, "iso", 1, CITYNET_MODE_ALL, TRUE);
  g_autoptr(CitynetEgoMeasures) one = measures(alone, CITYNET_MODE_ALL);
  assert_measure(one, alone, "iso", CITYNET_EGO_TWO_STEP_REACH, NAN);
}

static void
test_measure_names(void **state)
{
  GError *error = NULL;
  CitynetEgoMeasure measure;
  for (int k = 0; k < CITYNET_EGO_MEASURE_COUNT; k++) {
    assert_true(citynet_ego_measure_from_string(citynet_ego_measure_name(k),
                                                &measure, &error));
    assert_int_equal(measure, k);
  }
  assert_true(citynet_ego_measure_from_string("EGO_BETWEENNESS", &measure, NULL));
  assert_null(citynet_ego_measure_name(CITYNET_EGO_MEASURE_COUNT));
  assert_false(citynet_ego_measure_from_string("reach", &measure, &error));
  assert_citynet_error(error, CITYNET_ERROR_INVALID_ARGUMENT, "two_step_reach");
}

/* ------------------------------------------------------------------------ */
/* Structural holes                                                         */
/* ------------------------------------------------------------------------ */

typedef struct {
  CitynetScores *s[CITYNET_HOLES_MEASURE_COUNT];
} Holes;

static Holes
holes(CitynetView *view, CitynetHolesModel model, gboolean weighted)
{
  Holes h;
  GError *error = NULL;
  assert_true(citynet_structural_holes(view, model, weighted, h.s, &error));
  assert_no_error(error);
  for (int m = 0; m < CITYNET_HOLES_MEASURE_COUNT; m++)
    assert_string_equal(citynet_scores_measure(h.s[m]),
                        citynet_holes_measure_name(m, model));
  return h;
}

static void
holes_free(Holes *h)
{
  for (int m = 0; m < CITYNET_HOLES_MEASURE_COUNT; m++)
    citynet_scores_free(h->s[m]);
}

/* effective size, efficiency, constraint, hierarchy of @id. */
static void
assert_holes(const Holes *h, const char *id, double es, double eff, double c,
             double hier)
{
  const double expected[] = { es, eff, c, hier };
  for (int m = 0; m < CITYNET_HOLES_MEASURE_COUNT; m++) {
    double value = fixture_value(h->s[m], id);
    if (isnan(expected[m])) {
      if (!isnan(value))
        fail_msg("%s of %s = %g, expected NaN", citynet_scores_measure(h->s[m]),
                 id, value);
    } else if (!(fabs(value - expected[m]) <= 1e-13 * (1 + fabs(expected[m])))) {
      fail_msg("%s of %s = %.17g, expected %.17g",
               citynet_scores_measure(h->s[m]), id, value, expected[m]);
    }
  }
}

/* Coleman-Theil: sum r ln r / (N ln N), r the local constraints over
 * their mean. */
static double
theil(const double *c, int n)
{
  double total = 0, sum = 0;
  for (int i = 0; i < n; i++)
    total += c[i];
  for (int i = 0; i < n; i++) {
    double r = c[i] / (total / n);
    sum += r * log(r);
  }
  return sum / (n * log(n));
}

/* Star: c has 4 contacts, p = 1/4 each, untied: c_cj = 1/16, C = 1/4;
 * effective size 4 (efficiency 1); all c_cj equal: hierarchy 0. A leaf
 * has one contact: p = 1, C = 1, effective size 1, hierarchy 0/0 (NaN).
 * The isolate: all NaN. Ego model: the same (no contact of c has another
 * contact inside c's ego network). */
static void
test_holes_star(void **state)
{
  g_autoptr(CitynetView) view = fixture_star_with_isolate();
  for (int model = 0; model < 2; model++) {
    Holes h = holes(view, (CitynetHolesModel) model, TRUE);
    assert_holes(&h, "c", 4, 1, 0.25, 0);
    assert_holes(&h, "l1", 1, 1, 1, NAN);
    assert_holes(&h, "iso", NAN, NAN, NAN, NAN);
    holes_free(&h);
  }
}

/* Path a - b - c - d: b has contacts a, c (p = 1/2, untied): C = 1/4 +
 * 1/4 = 1/2, effective size 2, hierarchy 0. */
static void
test_holes_path(void **state)
{
  g_autoptr(CitynetView) view = fixture_path(FALSE);
  Holes h = holes(view, CITYNET_HOLES_WHOLE, FALSE);
  assert_holes(&h, "b", 2, 1, 0.5, 0);
  assert_holes(&h, "a", 1, 1, 1, NAN);
  holes_free(&h);
}

/* Two triangles, unweighted.
 * a: contacts b, c (p = 1/2). Whole model: b's ties a, c (p_bc = 1/2);
 *   c's ties a, b, d (p_cb = 1/3).
 *   c_ab = (1/2 + 1/2 * 1/3)^2 = (2/3)^2 = 4/9
 *   c_ac = (1/2 + 1/2 * 1/2)^2 = (3/4)^2 = 9/16,  C = 145/144
 *   effective size n - 2t/n = 2 - 2*1/2 = 1, efficiency 1/2.
 * Ego model: inside {a, b, c}, c's ties are a, b only (p_cb = 1/2):
 *   c_ab = c_ac = (1/2 + 1/4)^2 = 9/16, C = 9/8, hierarchy 0.
 * c: contacts a, b, d (p = 1/3); a - b tied, p_ab = p_ba = 1/2 (both
 *   models):
 *   c_ca = c_cb = (1/3 + 1/3 * 1/2)^2 = 1/4, c_cd = 1/9, C = 11/18
 *   effective size 3 - 2*1/3 = 7/3, efficiency 7/9. */
static void
test_holes_two_triangles(void **state)
{
  g_autoptr(CitynetView) view = two_triangles();
  Holes whole = holes(view, CITYNET_HOLES_WHOLE, FALSE);
  const double a_local[] = { 4.0 / 9.0, 9.0 / 16.0 };
  assert_holes(&whole, "a", 1, 0.5, 145.0 / 144.0, theil(a_local, 2));
  const double c_local[] = { 0.25, 0.25, 1.0 / 9.0 };
  assert_holes(&whole, "c", 7.0 / 3.0, 7.0 / 9.0, 11.0 / 18.0, theil(c_local, 3));
  /* Symmetry: d like c, e and f like a and b. */
  assert_holes(&whole, "d", 7.0 / 3.0, 7.0 / 9.0, 11.0 / 18.0, theil(c_local, 3));
  assert_holes(&whole, "f", 1, 0.5, 145.0 / 144.0, theil(a_local, 2));
  holes_free(&whole);

  Holes ego_model = holes(view, CITYNET_HOLES_EGO, FALSE);
  assert_holes(&ego_model, "a", 1, 0.5, 9.0 / 8.0, 0);
  assert_holes(&ego_model, "c", 7.0 / 3.0, 7.0 / 9.0, 11.0 / 18.0, theil(c_local, 3));
  holes_free(&ego_model);

  /* Weights of 1 are the unweighted case. */
  Holes weighted = holes(view, CITYNET_HOLES_WHOLE, TRUE);
  assert_holes(&weighted, "a", 1, 0.5, 145.0 / 144.0, theil(a_local, 2));
  holes_free(&weighted);
}

/* The weighted two blocs (bloc ties 2, bridge a3 - b1 1).
 * a1: contacts a2, a3 (2, 2: p = 1/2). a2's ties a1 2, a3 2 (p_a2a3 =
 *   1/2); a3's ties a1 2, a2 2, b1 1 (total 5, p_a3a2 = 2/5).
 *   c_a1a2 = (1/2 + 1/2 * 2/5)^2 = 0.7^2 = 0.49
 *   c_a1a3 = (1/2 + 1/2 * 1/2)^2 = 0.75^2 = 0.5625,  C = 1.0525
 *   effective size: m_a2a3 = 2/max(2, 2) = 1, m_a3a2 = 2/max(2, 2, 1) =
 *   1: (1 - 1/2 * 1) + (1 - 1/2 * 1) = 1, efficiency 1/2.
 *   Ego model: inside {a1, a2, a3} a3's total is 4: p_a3a2 = 1/2:
 *   c = 0.5625 twice, C = 1.125, hierarchy 0.
 * a3: contacts a1, a2, b1 (2, 2, 1: p = 2/5, 2/5, 1/5); p_a1a2 = p_a2a1
 *   = 1/2; b1 is tied to neither:
 *   c_a3a1 = c_a3a2 = (2/5 + 2/5 * 1/2)^2 = 0.36, c_a3b1 = 0.04,
 *   C = 0.76; effective size (1 - 2/5) + (1 - 2/5) + 1 = 2.2,
 *   efficiency 2.2/3. Ego model: the same.
 *   Unweighted: p = 1/3: c_a3a1 = c_a3a2 = (1/3 + 1/6)^2 = 1/4, c_a3b1 =
 *   1/9, C = 11/18; effective size 3 - 2/3. */
static void
test_holes_weighted_blocs(void **state)
{
  g_autoptr(CitynetView) view = fixture_two_blocs();
  const double a1_local[] = { 0.49, 0.5625 };
  const double a3_local[] = { 0.36, 0.36, 0.04 };
  Holes whole = holes(view, CITYNET_HOLES_WHOLE, TRUE);
  assert_holes(&whole, "a1", 1, 0.5, 1.0525, theil(a1_local, 2));
  assert_holes(&whole, "a3", 2.2, 2.2 / 3.0, 0.76, theil(a3_local, 3));
  assert_holes(&whole, "b1", 2.2, 2.2 / 3.0, 0.76, theil(a3_local, 3));
  holes_free(&whole);

  Holes ego_model = holes(view, CITYNET_HOLES_EGO, TRUE);
  assert_holes(&ego_model, "a1", 1, 0.5, 1.125, 0);
  assert_holes(&ego_model, "a3", 2.2, 2.2 / 3.0, 0.76, theil(a3_local, 3));
  holes_free(&ego_model);

  const double a3_plain[] = { 0.25, 0.25, 1.0 / 9.0 };
  Holes plain = holes(view, CITYNET_HOLES_WHOLE, FALSE);
  assert_holes(&plain, "a3", 3 - 2.0 / 3.0, (3 - 2.0 / 3.0) / 3.0, 11.0 / 18.0,
               theil(a3_plain, 3));
  holes_free(&plain);
}

/* Directed (a <=> b, a -> c, c -> b, c -> d), unweighted: mutual
 * weights count arcs: a-b 2, a-c 1, b-c 1, c-d 1.
 * a: p_ab = 2/3, p_ac = 1/3; p_bc = 1/3 (b: a 2, c 1); p_cb = 1/3 (c: a,
 *   b, d).
 *   c_ab = (2/3 + 1/3 * 1/3)^2 = (7/9)^2 = 49/81
 *   c_ac = (1/3 + 2/3 * 1/3)^2 = (5/9)^2 = 25/81,  C = 74/81
 *   effective size: (1 - p_ac m_bc) + (1 - p_ab m_cb), m_bc = 1/2 (b's
 *   largest is 2), m_cb = 1: (1 - 1/6) + (1 - 2/3) = 7/6. */
static void
test_holes_directed(void **state)
{
  g_autoptr(CitynetView) view = fixture_directed_triangle();
  Holes h = holes(view, CITYNET_HOLES_WHOLE, FALSE);
  const double a_local[] = { 49.0 / 81.0, 25.0 / 81.0 };
  assert_holes(&h, "a", 7.0 / 6.0, 7.0 / 12.0, 74.0 / 81.0, theil(a_local, 2));
  holes_free(&h);

  /* One measure alone is the same number. */
  GError *error = NULL;
  g_autoptr(CitynetScores) constraint =
    citynet_structural_holes_measure(view, CITYNET_HOLES_CONSTRAINT,
                                     CITYNET_HOLES_WHOLE, FALSE, &error);
  assert_no_error(error);
  assert_double_close(fixture_value(constraint, "a"), 74.0 / 81.0, EXACT);
}

static void
test_holes_errors_and_names(void **state)
{
  /* Two ties of 1e308 sum to an infinite edge weight. */
  static const char *const ids[] = { "a", "b" };
  static const FixtureTie ties[] = {
    { "a", "b", 1e308, FALSE }, { "a", "b", 1e308, FALSE },
  };
  g_autoptr(CitynetNetwork) network = fixture_network(ids, 2, ties, 2);
  g_autoptr(CitynetView) view = fixture_view(network, CITYNET_DIRECTION_AUTO,
                                             CITYNET_COMBINE_SUM);
  GError *error = NULL;
  CitynetScores *s[CITYNET_HOLES_MEASURE_COUNT] = { NULL };
  assert_false(citynet_structural_holes(view, CITYNET_HOLES_WHOLE, TRUE, s, &error));
  assert_citynet_error(error, CITYNET_ERROR_INVALID_ARGUMENT, "weighs inf");
  assert_null(s[0]);
  /* Unweighted ignores the weight. */
  g_autoptr(CitynetScores) c =
    citynet_structural_holes_measure(view, CITYNET_HOLES_CONSTRAINT,
                                     CITYNET_HOLES_WHOLE, FALSE, &error);
  assert_no_error(error);
  assert_double_close(fixture_value(c, "a"), 1, EXACT);

  CitynetHolesModel model;
  CitynetHolesMeasure measure;
  assert_true(citynet_holes_model_from_string("EGO", &model, NULL));
  assert_int_equal(model, CITYNET_HOLES_EGO);
  assert_false(citynet_holes_model_from_string("local", &model, &error));
  assert_citynet_error(error, CITYNET_ERROR_INVALID_ARGUMENT, "whole, ego");
  assert_true(citynet_holes_measure_from_string("hierarchy", &measure, NULL));
  assert_int_equal(measure, CITYNET_HOLES_HIERARCHY);
  assert_string_equal(citynet_holes_measure_name(CITYNET_HOLES_EFFICIENCY,
                                                 CITYNET_HOLES_EGO),
                      "ego_efficiency");
  assert_null(citynet_holes_measure_name(4, CITYNET_HOLES_WHOLE));
}

/* ------------------------------------------------------------------------ */
/* Brokerage                                                                */
/* ------------------------------------------------------------------------ */

static CitynetPartition *
labelled(CitynetView *view, const char *const *ids, const char *const *labels,
         gsize n)
{
  gsize nodes[16];
  for (gsize i = 0; i < n; i++)
    nodes[i] = node(view, ids[i]);
  GError *error = NULL;
  CitynetPartition *partition =
    citynet_partition_new_from_labels(view, nodes, labels, n, NULL, &error);
  assert_no_error(error);
  return partition;
}

static double
brok(const CitynetBrokerage *b, const CitynetView *view, const char *id,
     CitynetBrokerageRole role, CitynetBrokerageStat stat)
{
  return citynet_brokerage_get(b, vertex(view, id), role, stat);
}

/* Star c - l1..l4 with groups c, l1, l2: G1; l3: G2; l4: G3, read
 * symmetrically: 8 arcs, d = 8 / (5*4) = 0.4. c brokers every ordered
 * pair of leaves (12 open two-paths):
 *   coordinator  (l1,l2) (l2,l1)                       2
 *   representative (l1|l2 -> l3|l4): source in c's group  4
 *   gatekeeper   (l3|l4 -> l1|l2): target in c's group  4
 *   consultant   none (l3 and l4 differ)               0
 *   liaison      (l3,l4) (l4,l3)                       2
 * sna's model for c (n_c = 3, N = 5; base = d^2 (1-d) = 0.096, keep =
 * 1 - 0.096 = 0.904, pair = d^3 (1-d)^3 = 0.064 * 0.216 = 0.013824):
 *   coordinator E = 0.096 * 2 * 1 = 0.192; V = 0.192 * 0.904 + 2*2*1*0*pair
 *   consultant  E = 0.096 * (0 + 0) = 0, V = 0
 *   representative E = 0.096 * (5-3) * (3-1) = 0.384;
 *     V = 0.384 * 0.904 + 2 ((3-1) C(2,2) + 2 C(2,2)) pair
 *       = 0.384 * 0.904 + 2 (2 + 2) * 0.013824
 *   liaison E = 0.096 * ((1+1)^2 - (1+1)) = 0.192;
 *     V = 0.192 * 0.904 + 4 (1 C(5-1-3,2) + 1 C(1,2)) pair = 0.192*0.904
 *   total E = 0.096 * 4 * 3 = 1.152; V = 1.152 * 0.904 + 2*4*3*2 pair. */
static void
test_brokerage_star(void **state)
{
  g_autoptr(CitynetView) view = fixture_star();
  static const char *const ids[] = { "c", "l1", "l2", "l3", "l4" };
  static const char *const groups[] = { "G1", "G1", "G1", "G2", "G3" };
  g_autoptr(CitynetPartition) partition = labelled(view, ids, groups, 5);
  GError *error = NULL;
  g_autoptr(CitynetBrokerage) b = citynet_brokerage_new(partition, TRUE, 0, 1, &error);
  assert_no_error(error);
  assert_int_equal(citynet_brokerage_n(b), 5);
  assert_int_equal(citynet_brokerage_n_permutations(b), 0);

  const double counts[] = { 2, 0, 4, 4, 2, 12 };
  for (int r = 0; r < CITYNET_BROKERAGE_ROLE_COUNT; r++) {
    assert_double_close(brok(b, view, "c", r, CITYNET_BROKERAGE_COUNT), counts[r], EXACT);
    assert_double_close(brok(b, view, "l1", r, CITYNET_BROKERAGE_COUNT), 0, EXACT);
    assert_true(isnan(brok(b, view, "c", r, CITYNET_BROKERAGE_PERM_Z)));
  }
  const double pair = 0.064 * 0.216;
  assert_double_close(brok(b, view, "c", CITYNET_BROKERAGE_COORDINATOR,
                           CITYNET_BROKERAGE_EXPECTED), 0.192, 1e-13);
  assert_double_close(brok(b, view, "c", CITYNET_BROKERAGE_COORDINATOR,
                           CITYNET_BROKERAGE_Z),
                      (2 - 0.192) / sqrt(0.192 * 0.904), 1e-12);
  /* Consultant: E = 0 and sd = 0: z undefined. */
  assert_double_close(brok(b, view, "c", CITYNET_BROKERAGE_CONSULTANT,
                           CITYNET_BROKERAGE_EXPECTED), 0, EXACT);
  assert_true(isnan(brok(b, view, "c", CITYNET_BROKERAGE_CONSULTANT,
                         CITYNET_BROKERAGE_Z)));
  const double rep_sd = sqrt(0.384 * 0.904 + 2 * 4 * pair);
  assert_double_close(brok(b, view, "c", CITYNET_BROKERAGE_REPRESENTATIVE,
                           CITYNET_BROKERAGE_SD), rep_sd, 1e-12);
  assert_double_close(brok(b, view, "c", CITYNET_BROKERAGE_GATEKEEPER,
                           CITYNET_BROKERAGE_Z), (4 - 0.384) / rep_sd, 1e-12);
  assert_double_close(brok(b, view, "c", CITYNET_BROKERAGE_LIAISON,
                           CITYNET_BROKERAGE_SD), sqrt(0.192 * 0.904), 1e-12);
  assert_double_close(brok(b, view, "c", CITYNET_BROKERAGE_TOTAL,
                           CITYNET_BROKERAGE_Z),
                      (12 - 1.152) / sqrt(1.152 * 0.904 + 48 * pair), 1e-12);
  /* A leaf of G2 (n = 1): representative E = 0.096 * 4 * 0 = 0. */
  assert_double_close(brok(b, view, "l3", CITYNET_BROKERAGE_REPRESENTATIVE,
                           CITYNET_BROKERAGE_EXPECTED), 0, EXACT);
  /* Global counts are the sums; global coordinator E = 0.096 * 3*2*1. */
  assert_double_close(citynet_brokerage_get_global(b, CITYNET_BROKERAGE_GATEKEEPER,
                                                   CITYNET_BROKERAGE_COUNT), 4, EXACT);
  assert_double_close(citynet_brokerage_get_global(b, CITYNET_BROKERAGE_COORDINATOR,
                                                   CITYNET_BROKERAGE_EXPECTED),
                      0.096 * 6, 1e-13);

  g_autoptr(CitynetScores) scores =
    citynet_brokerage_scores(b, CITYNET_BROKERAGE_GATEKEEPER, CITYNET_BROKERAGE_Z);
  assert_string_equal(citynet_scores_measure(scores), "gatekeeper_z");
  assert_int_equal(fixture_rank(scores, "c"), 1);
  g_autoptr(CitynetScores) plain =
    citynet_brokerage_scores(b, CITYNET_BROKERAGE_LIAISON, CITYNET_BROKERAGE_COUNT);
  assert_string_equal(citynet_scores_measure(plain), "liaison");
}

/* Directed path a -> b -> c -> d, groups a, b: X; c, d: Y. Open
 * two-paths: a -> b -> c (b: source in b's group, target not:
 * representative) and b -> c -> d (c: target in c's group: gatekeeper).
 * Reading it undirected also counts the reverse paths: c -> b -> a makes
 * b a gatekeeper, d -> c -> b makes c a representative. */
static void
test_brokerage_directed(void **state)
{
  g_autoptr(CitynetView) view = fixture_path(TRUE);
  static const char *const ids[] = { "a", "b", "c", "d" };
  static const char *const groups[] = { "X", "X", "Y", "Y" };
  g_autoptr(CitynetPartition) partition = labelled(view, ids, groups, 4);
  GError *error = NULL;
  g_autoptr(CitynetBrokerage) directed =
    citynet_brokerage_new(partition, TRUE, 0, 1, &error);
  assert_no_error(error);
  assert_double_close(brok(directed, view, "b", CITYNET_BROKERAGE_REPRESENTATIVE,
                           CITYNET_BROKERAGE_COUNT), 1, EXACT);
  assert_double_close(brok(directed, view, "b", CITYNET_BROKERAGE_GATEKEEPER,
                           CITYNET_BROKERAGE_COUNT), 0, EXACT);
  assert_double_close(brok(directed, view, "c", CITYNET_BROKERAGE_GATEKEEPER,
                           CITYNET_BROKERAGE_COUNT), 1, EXACT);
  /* d = 3 arcs / (4*3) = 1/4; b's representative E = (1/16)(3/4)(2)(1). */
  assert_double_close(brok(directed, view, "b", CITYNET_BROKERAGE_REPRESENTATIVE,
                           CITYNET_BROKERAGE_EXPECTED), 3.0 / 32.0, 1e-14);

  g_autoptr(CitynetBrokerage) symmetric =
    citynet_brokerage_new(partition, FALSE, 0, 1, &error);
  assert_no_error(error);
  assert_double_close(brok(symmetric, view, "b", CITYNET_BROKERAGE_GATEKEEPER,
                           CITYNET_BROKERAGE_COUNT), 1, EXACT);
  assert_double_close(brok(symmetric, view, "c", CITYNET_BROKERAGE_REPRESENTATIVE,
                           CITYNET_BROKERAGE_COUNT), 1, EXACT);
  assert_double_close(brok(symmetric, view, "b", CITYNET_BROKERAGE_TOTAL,
                           CITYNET_BROKERAGE_COUNT), 2, EXACT);
}

/* Under random relabelling of the star (labels G1 x3, G2, G3 over 5
 * vertices: 20 equally likely placements of G2 and G3), c's coordinator
 * count is the number of ordered pairs of G1 leaves when c is in G1:
 * c in G1 (12 of 20 placements): 2 G1 leaves, 2 ordered pairs; else 0.
 * Exact mean 12/20 * 2 = 1.2. The permutation mean must be close, the
 * same seed must repeat exactly, the total never varies. */
static void
test_brokerage_permutations(void **state)
{
  g_autoptr(CitynetView) view = fixture_star();
  static const char *const ids[] = { "c", "l1", "l2", "l3", "l4" };
  static const char *const groups[] = { "G1", "G1", "G1", "G2", "G3" };
  g_autoptr(CitynetPartition) partition = labelled(view, ids, groups, 5);
  GError *error = NULL;
  g_autoptr(CitynetBrokerage) b = citynet_brokerage_new(partition, FALSE, 4000, 7, &error);
  assert_no_error(error);
  assert_int_equal(citynet_brokerage_n_permutations(b), 4000);
  const double mean = brok(b, view, "c", CITYNET_BROKERAGE_COORDINATOR,
                           CITYNET_BROKERAGE_PERM_MEAN);
  /* Count is 2 with probability 0.6: sd of the mean sqrt(0.96/4000). */
  assert_true(fabs(mean - 1.2) < 5 * sqrt(0.96 / 4000));
  const double sd = brok(b, view, "c", CITYNET_BROKERAGE_COORDINATOR,
                         CITYNET_BROKERAGE_PERM_SD);
  assert_true(fabs(sd - sqrt(0.96)) < 0.05);
  /* Observed 2 is the maximum: p = (1 + #(count >= 2)) / 4001 ~ 0.6. */
  const double p = brok(b, view, "c", CITYNET_BROKERAGE_COORDINATOR,
                        CITYNET_BROKERAGE_PERM_P);
  assert_true(fabs(p - 0.6) < 0.05);
  assert_double_close(brok(b, view, "c", CITYNET_BROKERAGE_TOTAL,
                           CITYNET_BROKERAGE_PERM_MEAN), 12, EXACT);
  assert_double_close(brok(b, view, "c", CITYNET_BROKERAGE_TOTAL,
                           CITYNET_BROKERAGE_PERM_SD), 0, EXACT);
  assert_true(isnan(brok(b, view, "c", CITYNET_BROKERAGE_TOTAL,
                         CITYNET_BROKERAGE_PERM_Z)));
  /* A leaf brokers nothing: every permutation ties its 0: p = 1. */
  assert_double_close(brok(b, view, "l1", CITYNET_BROKERAGE_LIAISON,
                           CITYNET_BROKERAGE_PERM_P), 1, EXACT);
  /* The global coordinator count: c's plus nothing else. */
  assert_double_close(citynet_brokerage_get_global(b, CITYNET_BROKERAGE_COORDINATOR,
                                                   CITYNET_BROKERAGE_PERM_MEAN),
                      mean, 1e-12);

  g_autoptr(CitynetBrokerage) again = citynet_brokerage_new(partition, FALSE, 4000, 7, &error);
  assert_no_error(error);
  for (gsize v = 0; v < 5; v++)
    for (int r = 0; r < CITYNET_BROKERAGE_ROLE_COUNT; r++)
      for (int s = CITYNET_BROKERAGE_PERM_MEAN; s < CITYNET_BROKERAGE_STAT_COUNT; s++) {
        double x = citynet_brokerage_get(b, v, r, s);
        double y = citynet_brokerage_get(again, v, r, s);
        assert_true((isnan(x) && isnan(y)) || x == y);
      }
  g_autoptr(CitynetBrokerage) other = citynet_brokerage_new(partition, FALSE, 4000, 8, &error);
  assert_no_error(error);
  assert_true(brok(other, view, "c", CITYNET_BROKERAGE_COORDINATOR,
                   CITYNET_BROKERAGE_PERM_MEAN) != mean);
}

static void
test_brokerage_errors_and_names(void **state)
{
  static const char *const ids[] = { "a" };
  g_autoptr(CitynetNetwork) network = fixture_network(ids, 1, NULL, 0);
  g_autoptr(CitynetView) view = fixture_view(network, CITYNET_DIRECTION_AUTO,
                                             CITYNET_COMBINE_SUM);
  GError *error = NULL;
  g_autoptr(CitynetPartition) partition = citynet_partition_new_by_country(view);
  assert_null(citynet_brokerage_new(partition, TRUE, 0, 1, &error));
  assert_citynet_error(error, CITYNET_ERROR_INVALID_ARGUMENT, "at least two");

  CitynetBrokerageRole role;
  assert_true(citynet_brokerage_role_from_string("b_OI", &role, NULL));
  assert_int_equal(role, CITYNET_BROKERAGE_GATEKEEPER);
  assert_true(citynet_brokerage_role_from_string("itinerant", &role, NULL));
  assert_int_equal(role, CITYNET_BROKERAGE_CONSULTANT);
  assert_true(citynet_brokerage_role_from_string("Liaison", &role, NULL));
  assert_int_equal(role, CITYNET_BROKERAGE_LIAISON);
  assert_false(citynet_brokerage_role_from_string("broker", &role, &error));
  assert_citynet_error(error, CITYNET_ERROR_INVALID_ARGUMENT, "gatekeeper");
  assert_string_equal(citynet_brokerage_stat_name(CITYNET_BROKERAGE_PERM_P), "perm_p");
  assert_null(citynet_brokerage_role_name(CITYNET_BROKERAGE_ROLE_COUNT));
}

/* ------------------------------------------------------------------------ */
/* Bloc betweenness                                                         */
/* ------------------------------------------------------------------------ */

static CitynetScores *
bloc(CitynetView *view, const char *const *a, gsize n_a, const char *const *b,
     gsize n_b, const CitynetCentralityOptions *options)
{
  gsize sources[8], targets[8];
  for (gsize i = 0; i < n_a; i++)
    sources[i] = node(view, a[i]);
  for (gsize i = 0; i < n_b; i++)
    targets[i] = node(view, b[i]);
  GError *error = NULL;
  CitynetScores *scores = citynet_bloc_betweenness(view, sources, n_a, targets,
                                                   n_b, options, &error);
  assert_no_error(error);
  assert_non_null(scores);
  assert_string_equal(citynet_scores_measure(scores), "bloc_betweenness");
  return scores;
}

/* Two triangles, A = {a, b}, B = {e, f}: the four pairs all run a|b - c -
 * d - e|f, one geodesic each: c and d 4, the others 0; normalised by
 * 2*2 pairs: 1. */
static void
test_bloc_two_triangles(void **state)
{
  g_autoptr(CitynetView) view = two_triangles();
  static const char *const a[] = { "a", "b" };
  static const char *const b[] = { "e", "f" };
  g_autoptr(CitynetScores) raw = bloc(view, a, 2, b, 2, NULL);
  assert_double_close(fixture_value(raw, "c"), 4, EXACT);
  assert_double_close(fixture_value(raw, "d"), 4, EXACT);
  assert_double_close(fixture_value(raw, "a"), 0, EXACT);
  assert_double_close(fixture_value(raw, "e"), 0, EXACT);
  g_autoptr(CitynetCentralityOptions) options = citynet_centrality_options_new();
  citynet_centrality_options_set_normalized(options, TRUE);
  g_autoptr(CitynetScores) normalized = bloc(view, a, 2, b, 2, options);
  assert_double_close(fixture_value(normalized, "c"), 1, EXACT);
  /* The reverse direction is the same on an undirected view. */
  g_autoptr(CitynetScores) reverse = bloc(view, b, 2, a, 2, NULL);
  assert_double_close(fixture_value(reverse, "d"), 4, EXACT);
  /* A bloc within a bloc: A = {a}, B = {b}: a - b is direct: all 0. */
  g_autoptr(CitynetScores) inside = bloc(view, a, 1, a + 1, 1, NULL);
  assert_double_close(fixture_value(inside, "c"), 0, EXACT);
}

/* Weighted two blocs with inverse lengths (bloc ties 1/2, bridge 1).
 * A = {a1, a2}, B = {b2, b3}: a1|a2 - a3 - b1 - b2|b3, one geodesic each:
 * a3 and b1 4. Overlapping blocs A = {a1, a3}, B = {a3, b1}: ordered
 * pairs (a1, a3) direct, (a1, b1) via a3 (1), (a3, b1) direct, (a3, a3)
 * not a pair: a3 1; pairs 2*2 - 1 = 3: normalised 1/3. Unit lengths with
 * A = {a1}, B = {b2}: a1 - a3 - b1 - b2 is still the only geodesic. */
static void
test_bloc_weighted(void **state)
{
  g_autoptr(CitynetView) view = fixture_two_blocs();
  static const char *const a[] = { "a1", "a2" };
  static const char *const b[] = { "b2", "b3" };
  g_autoptr(CitynetScores) raw = bloc(view, a, 2, b, 2, NULL);
  assert_double_close(fixture_value(raw, "a3"), 4, EXACT);
  assert_double_close(fixture_value(raw, "b1"), 4, EXACT);
  static const char *const a2[] = { "a1", "a3" };
  static const char *const b2[] = { "a3", "b1" };
  g_autoptr(CitynetCentralityOptions) options = citynet_centrality_options_new();
  citynet_centrality_options_set_normalized(options, TRUE);
  g_autoptr(CitynetScores) overlap = bloc(view, a2, 2, b2, 2, options);
  assert_double_close(fixture_value(overlap, "a3"), 1.0 / 3.0, EXACT);
  assert_double_close(fixture_value(overlap, "b1"), 0, EXACT);

  /* Only some nodes, in the order asked. */
  const gsize nodes[] = { node(view, "b1"), node(view, "a3") };
  citynet_centrality_options_set_nodes(options, nodes, 2);
  citynet_centrality_options_set_length(options, CITYNET_LENGTH_UNIT);
  g_autoptr(CitynetScores) some = bloc(view, a, 2, b, 2, options);
  assert_int_equal(citynet_scores_n(some), 2);
  assert_int_equal(citynet_scores_node(some, 0), node(view, "b1"));
  assert_double_close(citynet_scores_value(some, 1), 1, EXACT);
}

/* Directed path a -> b -> c -> d: from {a} to {d} b and c lie between
 * (1 each); from {d} to {a} no path follows the arcs, but ignoring
 * direction (mode ALL) the path d - c - b - a counts once: 1 each. */
static void
test_bloc_directed(void **state)
{
  g_autoptr(CitynetView) view = fixture_path(TRUE);
  static const char *const a[] = { "a" };
  static const char *const d[] = { "d" };
  g_autoptr(CitynetScores) forward = bloc(view, a, 1, d, 1, NULL);
  assert_double_close(fixture_value(forward, "b"), 1, EXACT);
  assert_double_close(fixture_value(forward, "c"), 1, EXACT);
  g_autoptr(CitynetScores) backward = bloc(view, d, 1, a, 1, NULL);
  assert_double_close(fixture_value(backward, "b"), 0, EXACT);
  g_autoptr(CitynetCentralityOptions) options = citynet_centrality_options_new();
  citynet_centrality_options_set_mode(options, CITYNET_MODE_ALL);
  g_autoptr(CitynetScores) any = bloc(view, d, 1, a, 1, options);
  assert_double_close(fixture_value(any, "b"), 1, EXACT);
  assert_double_close(fixture_value(any, "c"), 1, EXACT);
}

static void
test_bloc_errors(void **state)
{
  g_autoptr(CitynetView) view = two_triangles();
  const gsize a[] = { 0 }, far[] = { 77 };
  GError *error = NULL;
  assert_null(citynet_bloc_betweenness(view, far, 1, a, 1, NULL, &error));
  assert_citynet_error(error, CITYNET_ERROR_NOT_FOUND, "source node index 77");
  g_autoptr(CitynetCentralityOptions) options = citynet_centrality_options_new();
  assert_true(citynet_centrality_options_set_cutoff(options, 2, NULL));
  assert_null(citynet_bloc_betweenness(view, a, 1, a, 1, options, &error));
  assert_citynet_error(error, CITYNET_ERROR_INVALID_ARGUMENT, "cutoff");
  /* Empty blocs: nothing lies between, normalised or not. */
  g_autoptr(CitynetCentralityOptions) normalized = citynet_centrality_options_new();
  citynet_centrality_options_set_normalized(normalized, TRUE);
  g_autoptr(CitynetScores) empty = citynet_bloc_betweenness(view, NULL, 0, a, 1,
                                                            normalized, &error);
  assert_no_error(error);
  assert_double_close(fixture_value(empty, "c"), 0, EXACT);
}

int
main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_ego_view_undirected),
    cmocka_unit_test(test_ego_view_directed),
    cmocka_unit_test(test_ego_view_mixed_ties),
    cmocka_unit_test(test_ego_view_errors),
    cmocka_unit_test(test_measures_star),
    cmocka_unit_test(test_measures_path),
    cmocka_unit_test(test_measures_two_triangles),
    cmocka_unit_test(test_measures_fan),
    cmocka_unit_test(test_measures_directed),
    cmocka_unit_test(test_measures_isolate),
    cmocka_unit_test(test_measure_names),
    cmocka_unit_test(test_holes_star),
    cmocka_unit_test(test_holes_path),
    cmocka_unit_test(test_holes_two_triangles),
    cmocka_unit_test(test_holes_weighted_blocs),
    cmocka_unit_test(test_holes_directed),
    cmocka_unit_test(test_holes_errors_and_names),
    cmocka_unit_test(test_brokerage_star),
    cmocka_unit_test(test_brokerage_directed),
    cmocka_unit_test(test_brokerage_permutations),
    cmocka_unit_test(test_brokerage_errors_and_names),
    cmocka_unit_test(test_bloc_two_triangles),
    cmocka_unit_test(test_bloc_weighted),
    cmocka_unit_test(test_bloc_directed),
    cmocka_unit_test(test_bloc_errors),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
