/* Tests of the E-I index: values, bounds and rescaling by hand; exact
 * permutation distributions; segregated and random toy networks;
 * reproducibility across thread counts; strata. */
#include <math.h>
#include <string.h>

#include "test-util.h"

/* Six labelled cities and one organisation, undirected:
 *   X1 X2 X3 in AAA, Y1 Y2 in BBB, Z1 in CCC, o without a country.
 * Edges (weight):
 *   X1-X2 2 (internal AAA)     X1-Y1 1     X1-Y2 3     X1-Z1 1
 *   X2-X3 1 (internal AAA)     Y1-Y2 1 (internal BBB)
 *   X1-o  5 (o has no label: counted nowhere)
 * N = 6 labelled; sizes AAA 3, BBB 2, CCC 1. */
static CitynetNetwork *
make_network(void)
{
  GError *error = NULL;
  CitynetNetwork *network = citynet_network_new();
  static const char *const nodes[][2] = {
    { "X1", "AAA" }, { "X2", "AAA" }, { "X3", "AAA" }, { "Y1", "BBB" },
    { "Y2", "BBB" }, { "Z1", "CCC" }, { "o", NULL },
  };
  for (gsize i = 0; i < G_N_ELEMENTS(nodes); i++)
    assert_int_equal(citynet_network_add_node(network, nodes[i][0],
                                              nodes[i][1] ? "city" : "organisation",
                                              NULL, nodes[i][1], &error), (gssize) i);
  static const struct {
    const char *s, *t;
    double w;
  } edges[] = {
    { "X1", "X2", 2 }, { "X1", "Y1", 1 }, { "X1", "Y2", 3 }, { "X1", "Z1", 1 },
    { "X2", "X3", 1 }, { "Y1", "Y2", 1 }, { "X1", "o", 5 },
  };
  for (gsize i = 0; i < G_N_ELEMENTS(edges); i++)
    assert_true(citynet_network_add_tie(network, edges[i].s, edges[i].t, "sister",
                                        edges[i].w, FALSE, NULL, NULL, NULL, &error) >= 0);
  assert_no_error(error);
  return network;
}

typedef struct {
  double internal, external, ei, rescaled, minimum, maximum, expected;
} Values;

static void
assert_values(const CitynetEIIndex *index, gsize row, gboolean weighted,
              const Values *want)
{
  Values got;
  citynet_ei_index_values(index, row, weighted, &got.internal, &got.external, &got.ei,
                          &got.rescaled, &got.minimum, &got.maximum, &got.expected);
  const double *g = &got.internal, *w = &want->internal;
  static const char *const names[] = { "internal", "external", "ei", "rescaled",
                                       "minimum", "maximum", "expected" };
  for (int i = 0; i < 7; i++) {
    if (isnan(w[i]) ? !isnan(g[i]) : !(fabs(g[i] - w[i]) <= 1e-12))
      fail_msg("row %zu %s %s = %.17g, expected %.17g", row,
               weighted ? "weighted" : "binary", names[i], g[i], w[i]);
  }
}

/* Ego X1: edges X1-X2 (I, 2), X1-Y1 (E, 1), X1-Y2 (E, 3), X1-Z1 (E, 1).
 *   binary:   E 3, I 1 -> 0.5; possible internal dyads 3 - 1 = 2,
 *             external 6 - 3 = 3; L = 4: max E = 3 -> max (3-1)/4 = .5;
 *             max I = 2 -> min (2-2)/4 = 0; rescaled -1 + 2·.5/.5 = 1.
 *   weighted: E 5, I 2 -> 3/7; weights 3 2 1 1, W 7: max E = top 3 = 6
 *             -> max (12-7)/7 = 5/7; max I = top 2 = 5 -> min -3/7;
 *             rescaled -1 + 2(3/7 + 3/7)/(8/7) = .5.
 *   expected (3 - 2)/5 = .2.
 * AAA: X1-X2 I2, X1-Y1 E1, X1-Y2 E3, X1-Z1 E1, X2-X3 I1.
 *   binary E 3, I 2 -> .2; dyads internal C(3,2) = 3, external 3·3 = 9;
 *     L 5: max 1; max I 3 -> min (5-6)/5 = -.2; rescaled -1 + .8/1.2 = -1/3.
 *   weighted E 5, I 3 -> .25; W 8, top 3 = 6 -> min -.5; rescaled 0.
 *   expected (9 - 3)/12 = .5.
 * BBB: X1-Y1 E1, X1-Y2 E3, Y1-Y2 I1.
 *   binary E 2, I 1 -> 1/3; dyads 1 and 2·4 = 8; max 1, min (3-2)/3 = 1/3;
 *     rescaled -1.
 *   weighted E 4, I 1 -> .6; W 5, top 1 = 3 -> min -.2; rescaled 1/3.
 *   expected 7/9.
 * CCC: X1-Z1 E1: E-I 1 both ways; no internal dyad: min = max = 1,
 *   rescaled undefined; expected (5 - 0)/5 = 1.
 * Network: E = X1-Y1, X1-Y2, X1-Z1; I = X1-X2, X2-X3, Y1-Y2.
 *   binary E 3, I 3 -> 0; internal dyads 3 + 1 + 0 = 4, external 15 - 4
 *     = 11; max 1, min (6-8)/6 = -1/3, rescaled -1 + 2(1/3)/(4/3) = -.5.
 *   weighted E 5, I 4 -> 1/9; W 9, top 4 = 7 -> min -5/9;
 *     rescaled -1 + 2(6/9)/(14/9) = -1/7.
 *   expected (11 - 4)/15 = 7/15. */
static void
test_ei_values(void **state)
{
  (void) state;
  GError *error = NULL;
  g_autoptr(CitynetNetwork) network = make_network();
  g_autoptr(CitynetView) view = citynet_view_new(network, NULL, &error);
  assert_no_error(error);
  g_autoptr(CitynetAlignmentOptions) options = citynet_alignment_options_new();
  citynet_alignment_options_set_permutations(options, 0);
  g_autoptr(CitynetEIIndex) index = citynet_ei_index_new(view, 0, NULL, options, &error);
  assert_no_error(error);

  assert_int_equal(citynet_ei_index_n_rows(index), 5);
  static const struct {
    CitynetEILevel level;
    const char *key;
    gsize members;
  } rows[] = {
    { CITYNET_EI_EGO, "AAA", 3 }, { CITYNET_EI_GROUP, "AAA", 3 },
    { CITYNET_EI_GROUP, "BBB", 2 }, { CITYNET_EI_GROUP, "CCC", 1 },
    { CITYNET_EI_NETWORK, NULL, 6 },
  };
  for (gsize r = 0; r < G_N_ELEMENTS(rows); r++) {
    CitynetEILevel level;
    const char *key;
    gsize members;
    citynet_ei_index_row(index, r, &level, &key, &members);
    assert_int_equal(level, rows[r].level);
    assert_true(g_strcmp0(key, rows[r].key) == 0);
    assert_int_equal(members, rows[r].members);
  }
  const Values binary[] = {
    { 1, 3, 0.5, 1, 0, 0.5, 0.2 },
    { 2, 3, 0.2, -1. / 3, -0.2, 1, 0.5 },
    { 1, 2, 1. / 3, -1, 1. / 3, 1, 7. / 9 },
    { 0, 1, 1, NAN, 1, 1, 1 },
    { 3, 3, 0, -0.5, -1. / 3, 1, 7. / 15 },
  };
  const Values weighted[] = {
    { 2, 5, 3. / 7, 0.5, -3. / 7, 5. / 7, 0.2 },
    { 3, 5, 0.25, 0, -0.5, 1, 0.5 },
    { 1, 4, 0.6, 1. / 3, -0.2, 1, 7. / 9 },
    { 0, 1, 1, NAN, 1, 1, 1 },
    { 4, 5, 1. / 9, -1. / 7, -5. / 9, 1, 7. / 15 },
  };
  for (gsize r = 0; r < 5; r++) {
    assert_values(index, r, FALSE, &binary[r]);
    assert_values(index, r, TRUE, &weighted[r]);
    CitynetTestResult test;
    citynet_ei_index_test(index, r, FALSE, &test);
    assert_int_equal(test.n, 0);
  }
  /* The view is open on both sides: labels are judged "now". */
  assert_int_equal(citynet_ei_index_label_date(index), CITYNET_DATE_OPEN);
}

/* Directed views count ordered pairs: each undirected tie is two arcs, and
 * the ego's possible internal arcs are 2·(3 - 1) = 4, external 2·3 = 6. */
static void
test_ei_directed(void **state)
{
  (void) state;
  GError *error = NULL;
  g_autoptr(CitynetNetwork) network = make_network();
  g_autoptr(CitynetViewOptions) vo = citynet_view_options_new();
  citynet_view_options_set_direction(vo, CITYNET_DIRECTION_DIRECTED);
  g_autoptr(CitynetView) view = citynet_view_new(network, vo, &error);
  assert_no_error(error);
  g_autoptr(CitynetAlignmentOptions) options = citynet_alignment_options_new();
  citynet_alignment_options_set_permutations(options, 0);
  g_autoptr(CitynetEIIndex) index = citynet_ei_index_new(view, 0, NULL, options, &error);
  assert_no_error(error);
  /* Undirected ties become two arcs: X1 has 8 arcs, E 6, I 2 -> .5;
   * internal arcs possible 4, external 6: max (2·6 - 8)/8 = .5,
   * min (8 - 2·4)/8 = 0; rescaled 1. */
  const Values ego = { 2, 6, 0.5, 1, 0, 0.5, 0.2 };
  assert_values(index, 0, FALSE, &ego);
}

/* Labels by a group: "in G" vs "not in G". AAA and CCC in G: X1 X2 X3 Z1
 * are "G", Y1 Y2 "not G". Ego X1 (G): I = X2, Z1; E = Y1, Y2 -> 0. */
static void
test_ei_group_labels(void **state)
{
  (void) state;
  GError *error = NULL;
  g_autoptr(CitynetNetwork) network = make_network();
  for (int i = 0; i < 3; i++) {
    static const char *const codes[] = { "AAA", "BBB", "CCC" };
    assert_true(citynet_network_add_country(network, codes[i], NULL, &error) >= 0);
  }
  assert_true(citynet_network_add_country_group(network, "AAA", "G", "2000", NULL, NULL, &error));
  assert_true(citynet_network_add_country_group(network, "CCC", "G", "2000", "2010", NULL, &error));
  g_autoptr(CitynetViewOptions) vo = citynet_view_options_new();
  assert_true(citynet_view_options_set_at(vo, "2005", &error));
  g_autoptr(CitynetView) view = citynet_view_new(network, vo, &error);
  assert_no_error(error);
  g_autoptr(CitynetAlignmentOptions) options = citynet_alignment_options_new();
  citynet_alignment_options_set_permutations(options, 0);
  g_autoptr(CitynetEIIndex) index = citynet_ei_index_new(view, 0, "G", options, &error);
  assert_no_error(error);
  /* Label day: the view's first day, 2005-01-01 (CCC still in G). */
  assert_int_equal(citynet_ei_index_label_date(index), 20050101);
  const char *key;
  gsize members;
  citynet_ei_index_row(index, 0, NULL, &key, &members);
  assert_string_equal(key, "G");
  assert_int_equal(members, 4);
  citynet_ei_index_row(index, 2, NULL, &key, &members);
  assert_string_equal(key, "not G");
  assert_int_equal(members, 2);
  double ei;
  citynet_ei_index_values(index, 0, FALSE, NULL, NULL, &ei, NULL, NULL, NULL, NULL);
  assert_double_close(ei, 0.0, 1e-12);

  /* Judged in 2015, CCC has left G: Z1 becomes external -> E 3, I 1. */
  assert_true(citynet_alignment_options_set_label_date(options, "2015", &error));
  g_autoptr(CitynetEIIndex) later = citynet_ei_index_new(view, 0, "G", options, &error);
  assert_no_error(error);
  citynet_ei_index_values(later, 0, FALSE, NULL, NULL, &ei, NULL, NULL, NULL, NULL);
  assert_double_close(ei, 0.5, 1e-12);
}

/* The ego test's exact null: the ego keeps AAA, its four alters draw four
 * of the other five labels {A, A, B, B, C}: the label left out is A with
 * probability 2/5 (then one alter is internal: E-I .5) and B or C with
 * probability 3/5 (two internal: E-I 0). Observed .5, so P(T >= .5) = .4,
 * P(T <= .5) = 1, mean .2. With 20000 permutations the estimate of .4 has
 * a standard error of .0035. */
static void
test_ei_ego_null(void **state)
{
  (void) state;
  GError *error = NULL;
  g_autoptr(CitynetNetwork) network = make_network();
  g_autoptr(CitynetView) view = citynet_view_new(network, NULL, &error);
  g_autoptr(CitynetAlignmentOptions) options = citynet_alignment_options_new();
  citynet_alignment_options_set_permutations(options, 20000);
  citynet_alignment_options_set_network_test(options, FALSE);
  g_autoptr(CitynetEIIndex) index = citynet_ei_index_new(view, 0, NULL, options, &error);
  assert_no_error(error);
  CitynetTestResult test;
  citynet_ei_index_test(index, 0, FALSE, &test);
  assert_int_equal(test.n, 20000);
  assert_double_close(test.observed, 0.5, 0);
  assert_true(fabs(test.p_greater - 0.4) < 0.015);
  assert_double_close(test.p_less, 1.0, 0);
  assert_true(fabs(test.mean - 0.2) < 0.01);
  assert_double_close(test.lower, 0.0, 0);
  assert_double_close(test.upper, 0.5, 0);
  /* Without the network test the other rows are untested. */
  citynet_ei_index_test(index, 4, FALSE, &test);
  assert_int_equal(test.n, 0);
}

/* Two cliques of 10 joined by one edge: the network E-I is
 * (1 - 90)/91, far below any relabelling: p_less < .01. The ego (a clique
 * member with the bridge) has 9 internal ties and 1 external. */
static CitynetNetwork *
make_segregated(void)
{
  GError *error = NULL;
  CitynetNetwork *network = citynet_network_new();
  char id[16];
  for (int i = 0; i < 20; i++) {
    g_snprintf(id, sizeof(id), "n%d", i);
    assert_true(citynet_network_add_node(network, id, "city", NULL, i < 10 ? "AAA" : "BBB",
                                         &error) >= 0);
  }
  for (int i = 0; i < 20; i++)
    for (int j = i + 1; j < 20; j++)
      if ((i < 10) == (j < 10) || (i == 0 && j == 10)) {
        char a[16], b[16];
        g_snprintf(a, sizeof(a), "n%d", i);
        g_snprintf(b, sizeof(b), "n%d", j);
        assert_true(citynet_network_add_tie(network, a, b, "sister", 1, FALSE, NULL, NULL,
                                            NULL, &error) >= 0);
      }
  assert_no_error(error);
  return network;
}

static void
test_ei_segregated(void **state)
{
  (void) state;
  GError *error = NULL;
  g_autoptr(CitynetNetwork) network = make_segregated();
  g_autoptr(CitynetView) view = citynet_view_new(network, NULL, &error);
  g_autoptr(CitynetAlignmentOptions) options = citynet_alignment_options_new();
  citynet_alignment_options_set_permutations(options, 999);
  citynet_alignment_options_set_seed(options, 2024);
  g_autoptr(CitynetEIIndex) index = citynet_ei_index_new(view, 0, NULL, options, &error);
  assert_no_error(error);
  CitynetTestResult ego, network_test;
  citynet_ei_index_test(index, 0, FALSE, &ego);
  citynet_ei_index_test(index, 3, FALSE, &network_test);
  assert_double_close(network_test.observed, (1.0 - 90.0) / 91.0, 1e-12);
  assert_true(network_test.p_less < 0.01);
  assert_true(network_test.p_two_sided < 0.01);
  assert_string_equal(citynet_test_result_direction(&network_test), "less");
  assert_double_close(ego.observed, (1.0 - 9.0) / 10.0, 1e-12);
  assert_true(ego.p_less < 0.01);
}

/* A random graph with random labels (fixed seeds): no segregation, the
 * network test does not reject (p > .05). The graph: 60 nodes, each pair
 * linked with probability .1 by a fixed xorshift; labels by another. */
static void
test_ei_random(void **state)
{
  (void) state;
  GError *error = NULL;
  CitynetNetwork *network = citynet_network_new();
  guint32 x = 12345u;
#define NEXT() (x ^= x << 13, x ^= x >> 17, x ^= x << 5, x)
  char a[16], b[16];
  static const char *const labels[] = { "AAA", "BBB", "CCC" };
  for (int i = 0; i < 60; i++) {
    g_snprintf(a, sizeof(a), "n%d", i);
    assert_true(citynet_network_add_node(network, a, "city", NULL, labels[NEXT() % 3],
                                         &error) >= 0);
  }
  for (int i = 0; i < 60; i++)
    for (int j = i + 1; j < 60; j++)
      if (NEXT() % 10 == 0) {
        g_snprintf(a, sizeof(a), "n%d", i);
        g_snprintf(b, sizeof(b), "n%d", j);
        assert_true(citynet_network_add_tie(network, a, b, "sister", 1, FALSE, NULL, NULL,
                                            NULL, &error) >= 0);
      }
#undef NEXT
  g_autoptr(CitynetView) view = citynet_view_new(network, NULL, &error);
  citynet_network_unref(network);
  g_autoptr(CitynetAlignmentOptions) options = citynet_alignment_options_new();
  citynet_alignment_options_set_permutations(options, 999);
  citynet_alignment_options_set_seed(options, 99);
  g_autoptr(CitynetEIIndex) index = citynet_ei_index_new(view, -1, NULL, options, &error);
  assert_no_error(error);
  gsize last = citynet_ei_index_n_rows(index) - 1;
  CitynetTestResult test;
  citynet_ei_index_test(index, last, FALSE, &test);
  assert_true(test.p_two_sided > 0.05);
}

/* Identical results for 1, 2 and 5 threads, the ego and network tests,
 * binary and weighted, every row. */
static void
test_ei_threads(void **state)
{
  (void) state;
  GError *error = NULL;
  g_autoptr(CitynetNetwork) network = make_segregated();
  g_autoptr(CitynetView) view = citynet_view_new(network, NULL, &error);
  g_autoptr(CitynetAlignmentOptions) options = citynet_alignment_options_new();
  citynet_alignment_options_set_permutations(options, 777);
  citynet_alignment_options_set_seed(options, 31337);
  CitynetTestResult reference[8][2];
  static const guint threads[] = { 1, 2, 5 };
  for (gsize t = 0; t < G_N_ELEMENTS(threads); t++) {
    citynet_alignment_options_set_threads(options, threads[t]);
    g_autoptr(CitynetEIIndex) index = citynet_ei_index_new(view, 3, NULL, options, &error);
    assert_no_error(error);
    gsize rows = citynet_ei_index_n_rows(index);
    assert_int_equal(rows, 4);
    for (gsize r = 0; r < rows; r++)
      for (int w = 0; w < 2; w++) {
        CitynetTestResult test;
        citynet_ei_index_test(index, r, w, &test);
        if (t == 0)
          reference[r][w] = test;
        else
          assert_memory_equal(&test, &reference[r][w], sizeof(test));
      }
  }
  /* A different seed gives a different (but still valid) draw. */
  citynet_alignment_options_set_seed(options, 31338);
  g_autoptr(CitynetEIIndex) other = citynet_ei_index_new(view, 3, NULL, options, &error);
  CitynetTestResult test;
  citynet_ei_index_test(other, 0, FALSE, &test);
  assert_true(test.mean != reference[0][0].mean || test.sd != reference[0][0].sd);
}

/* Strata that each hold one label leave nothing to permute: every
 * permuted E-I equals the observed one, both p-values are 1. Strata by
 * kind alone (all cities) permute freely. */
static void
test_ei_strata(void **state)
{
  (void) state;
  GError *error = NULL;
  g_autoptr(CitynetNetwork) network = make_network();
  static const char *const codes[] = { "AAA", "BBB", "CCC" };
  static const char *const regions[] = { "R1", "R2", "R3" };
  for (int i = 0; i < 3; i++) {
    assert_true(citynet_network_add_country(network, codes[i], NULL, &error) >= 0);
    assert_true(citynet_network_add_country_group(network, codes[i], regions[i], NULL,
                                                  NULL, NULL, &error));
  }
  g_autoptr(CitynetView) view = citynet_view_new(network, NULL, &error);
  g_autoptr(CitynetAlignmentOptions) options = citynet_alignment_options_new();
  citynet_alignment_options_set_permutations(options, 200);
  for (int i = 0; i < 3; i++)
    citynet_alignment_options_add_stratum_group(options, regions[i]);
  g_autoptr(CitynetEIIndex) index = citynet_ei_index_new(view, 0, NULL, options, &error);
  assert_no_error(error);
  for (gsize r = 0; r < citynet_ei_index_n_rows(index); r++) {
    CitynetTestResult test;
    citynet_ei_index_test(index, r, FALSE, &test);
    if (isnan(test.observed))
      continue;
    assert_double_close(test.mean, test.observed, 1e-12);
    assert_double_close(test.p_greater, 1.0, 0);
    assert_double_close(test.p_less, 1.0, 0);
  }
  g_autoptr(CitynetAlignmentOptions) by_kind = citynet_alignment_options_new();
  citynet_alignment_options_set_permutations(by_kind, 2000);
  citynet_alignment_options_set_strata_by_kind(by_kind, TRUE);
  g_autoptr(CitynetEIIndex) free_index = citynet_ei_index_new(view, 0, NULL, by_kind, &error);
  CitynetTestResult test;
  citynet_ei_index_test(free_index, 0, FALSE, &test);
  assert_true(fabs(test.p_greater - 0.4) < 0.05); /* as in test_ei_ego_null */
}

static void
test_ei_errors(void **state)
{
  (void) state;
  GError *error = NULL;
  g_autoptr(CitynetNetwork) network = make_network();
  g_autoptr(CitynetViewOptions) vo = citynet_view_options_new();
  citynet_view_options_add_kind(vo, "city");
  g_autoptr(CitynetView) view = citynet_view_new(network, vo, &error);
  assert_null(citynet_ei_index_new(view, 6, NULL, NULL, &error));
  assert_citynet_error(error, CITYNET_ERROR_NOT_FOUND, "not in the view");
  /* An ego without a country has a row with nothing in it. */
  g_autoptr(CitynetView) all = citynet_view_new(network, NULL, &error);
  g_autoptr(CitynetAlignmentOptions) options = citynet_alignment_options_new();
  citynet_alignment_options_set_permutations(options, 10);
  g_autoptr(CitynetEIIndex) index = citynet_ei_index_new(all, 6, NULL, options, &error);
  assert_no_error(error);
  const char *key = "x";
  citynet_ei_index_row(index, 0, NULL, &key, NULL);
  assert_null(key);
  double ei;
  citynet_ei_index_values(index, 0, FALSE, NULL, NULL, &ei, NULL, NULL, NULL, NULL);
  assert_true(isnan(ei));
}

int
main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_ei_values),
    cmocka_unit_test(test_ei_directed),
    cmocka_unit_test(test_ei_group_labels),
    cmocka_unit_test(test_ei_ego_null),
    cmocka_unit_test(test_ei_segregated),
    cmocka_unit_test(test_ei_random),
    cmocka_unit_test(test_ei_threads),
    cmocka_unit_test(test_ei_strata),
    cmocka_unit_test(test_ei_errors),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
