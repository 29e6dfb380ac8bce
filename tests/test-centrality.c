/* Centrality on small graphs whose values are worked out by hand in the
 * comments, plus the scores type (ranks, order, subsets), the options and
 * every error path. The graphs are drawn in analytics-fixtures.c. */
#include <math.h>
#include <string.h>

#include "analytics-fixtures.h"
#include "analytics-private.h"

/* Exact arithmetic in doubles (sums of a few terms). */
#define EXACT 1e-14
/* Iterative solvers (PRPACK, ARPACK) converge to about 1e-12 or better. */
#define SOLVED 1e-10

static CitynetScores *
compute(CitynetView *view, CitynetCentrality measure,
        const CitynetCentralityOptions *options)
{
  GError *error = NULL;
  CitynetScores *scores = citynet_centrality_compute(view, measure, options,
                                                     &error);
  assert_no_error(error);
  assert_non_null(scores);
  assert_string_equal(citynet_scores_measure(scores),
                      citynet_centrality_name(measure));
  assert_ptr_equal(citynet_scores_get_view(scores), view);
  return scores;
}

static CitynetCentralityOptions *
options_with(CitynetMode mode, CitynetLength length, gboolean normalized)
{
  CitynetCentralityOptions *options = citynet_centrality_options_new();
  citynet_centrality_options_set_mode(options, mode);
  citynet_centrality_options_set_length(options, length);
  citynet_centrality_options_set_normalized(options, normalized);
  return options;
}

/* ------------------------------------------------------------------------ */
/* The scores type                                                          */
/* ------------------------------------------------------------------------ */

/* Values 3 5 5 NaN 1 5 on c l1 l2 l3 l4 iso (nodes 0..5):
 *   the three 5s (l1, l2, iso) share rank 1; 3 (c) is 4th ("1114");
 *   1 (l4) is 5th; NaN (l3) is last, 6th.
 *   order: equal values by node index: l1 (1), l2 (2), iso (5), then c,
 *   l4, l3. */
static void
test_scores_ranks(void **state)
{
  g_autoptr(CitynetView) view = fixture_star_with_isolate();
  const double values[] = { 3, 5, 5, NAN, 1, 5 };
  GError *error = NULL;
  g_autoptr(CitynetScores) scores =
    citynet_scores_new(view, "custom", NULL, values, 6, &error);
  assert_no_error(error);
  assert_int_equal(citynet_scores_n(scores), 6);
  assert_string_equal(citynet_scores_measure(scores), "custom");

  const gsize ranks[] = { 4, 1, 1, 6, 5, 1 };
  for (gsize i = 0; i < 6; i++) {
    assert_int_equal(citynet_scores_rank(scores, i), ranks[i]);
    assert_int_equal(citynet_scores_node(scores, i), i);
    assert_int_equal(citynet_scores_vertex(scores, i), i);
  }
  const gsize order[] = { 1, 2, 5, 0, 4, 3 };
  for (gsize k = 0; k < 6; k++)
    assert_int_equal(citynet_scores_order(scores, k), order[k]);
  assert_true(isnan(citynet_scores_value(scores, 3)));

  gsize n;
  const double *all = citynet_scores_values(scores, &n);
  assert_int_equal(n, 6);
  assert_true(all[1] == 5.0);
}

/* Two NaNs tie; -0.0 equals 0.0; a subset keeps the requested order and
 * ranks among itself. */
static void
test_scores_ties_and_subsets(void **state)
{
  g_autoptr(CitynetView) view = fixture_star_with_isolate();
  GError *error = NULL;
  const gsize nodes[] = { 5, 3, 0, 1 };              /* iso l3 c l1 */
  const double values[] = { NAN, -0.0, 0.0, NAN };
  g_autoptr(CitynetScores) scores =
    citynet_scores_new(view, "x", nodes, values, 4, &error);
  assert_no_error(error);
  /* -0 and 0 tie at 1; both NaN share rank 3. */
  assert_int_equal(citynet_scores_rank(scores, 0), 3);
  assert_int_equal(citynet_scores_rank(scores, 1), 1);
  assert_int_equal(citynet_scores_rank(scores, 2), 1);
  assert_int_equal(citynet_scores_rank(scores, 3), 3);
  /* Order: the zeros by node (c = 0 before l3 = 3), then the NaNs by node
   * (l1 = 1 before iso = 5). */
  assert_int_equal(citynet_scores_order(scores, 0), 2);
  assert_int_equal(citynet_scores_order(scores, 1), 1);
  assert_int_equal(citynet_scores_order(scores, 2), 3);
  assert_int_equal(citynet_scores_order(scores, 3), 0);
  assert_int_equal(citynet_scores_node(scores, 0), 5);
  assert_int_equal(citynet_scores_find(scores, 0), 2);
  assert_int_equal(citynet_scores_find(scores, 4), -1);   /* l4: not asked */
  assert_int_equal(citynet_scores_find(scores, 99), -1);  /* no such node */
}

static void
test_scores_errors(void **state)
{
  g_autoptr(CitynetView) view = fixture_star();
  GError *error = NULL;
  const double values[] = { 1, 2, 3, 4, 5 };

  assert_null(citynet_scores_new(view, "x", NULL, values, 4, &error));
  assert_citynet_error(error, CITYNET_ERROR_INVALID_ARGUMENT, "4 values for a view of 5");
  assert_null(citynet_scores_new(view, "", NULL, values, 5, &error));
  assert_citynet_error(error, CITYNET_ERROR_INVALID_ARGUMENT, "non-empty");
  const gsize twice[] = { 1, 1 };
  assert_null(citynet_scores_new(view, "x", twice, values, 2, &error));
  assert_citynet_error(error, CITYNET_ERROR_INVALID_ARGUMENT, "\"l1\" is listed twice");
  const gsize missing[] = { 7 };
  assert_null(citynet_scores_new(view, "x", missing, values, 1, &error));
  assert_citynet_error(error, CITYNET_ERROR_NOT_FOUND, "index 7 does not exist");
}

/* ------------------------------------------------------------------------ */
/* The star: c joined to l1..l4, n = 5                                      */
/* ------------------------------------------------------------------------ */

/* degree: c 4, leaves 1; normalised by n - 1 = 4: c 1, leaves 0.25.
 * Ranks "12222". */
static void
test_star_degree(void **state)
{
  g_autoptr(CitynetView) view = fixture_star();
  g_autoptr(CitynetScores) raw = compute(view, CITYNET_CENTRALITY_DEGREE, NULL);
  assert_true(fixture_value(raw, "c") == 4.0);
  assert_true(fixture_value(raw, "l3") == 1.0);
  assert_int_equal(fixture_rank(raw, "c"), 1);
  for (gsize i = 1; i < 5; i++)
    assert_int_equal(citynet_scores_rank(raw, i), 2);
  assert_int_equal(citynet_scores_order(raw, 0), 0);
  assert_int_equal(citynet_scores_order(raw, 4), 4);

  g_autoptr(CitynetCentralityOptions) options =
    options_with(CITYNET_MODE_DEFAULT, CITYNET_LENGTH_INVERSE, TRUE);
  g_autoptr(CitynetScores) norm = compute(view, CITYNET_CENTRALITY_DEGREE, options);
  assert_true(fixture_value(norm, "c") == 1.0);
  assert_true(fixture_value(norm, "l1") == 0.25);
}

/* Betweenness: every pair of leaves (C(4,2) = 6 pairs) has its one
 * shortest path through c: B(c) = 6, leaves 0. Normalised by
 * (n-1)(n-2)/2 = 6: B(c) = 1. */
static void
test_star_betweenness(void **state)
{
  g_autoptr(CitynetView) view = fixture_star();
  g_autoptr(CitynetScores) raw = compute(view, CITYNET_CENTRALITY_BETWEENNESS, NULL);
  assert_double_close(fixture_value(raw, "c"), 6.0, EXACT);
  assert_double_close(fixture_value(raw, "l2"), 0.0, EXACT);

  g_autoptr(CitynetCentralityOptions) options =
    options_with(CITYNET_MODE_DEFAULT, CITYNET_LENGTH_INVERSE, TRUE);
  g_autoptr(CitynetScores) norm = compute(view, CITYNET_CENTRALITY_BETWEENNESS, options);
  assert_double_close(fixture_value(norm, "c"), 1.0, EXACT);
}

/* Closeness (all lengths 1): c is 1 from everyone: 1/4 = 0.25, normalised
 * 4/4 = 1. A leaf: 1 to c, 2 to the three other leaves: 1/7, normalised
 * 4/7. Harmonic: c 1+1+1+1 = 4; a leaf 1 + 3 x 1/2 = 2.5; normalised by
 * n - 1 = 4: 1 and 0.625. */
static void
test_star_closeness_harmonic(void **state)
{
  g_autoptr(CitynetView) view = fixture_star();
  g_autoptr(CitynetScores) raw = compute(view, CITYNET_CENTRALITY_CLOSENESS, NULL);
  assert_double_close(fixture_value(raw, "c"), 0.25, EXACT);
  assert_double_close(fixture_value(raw, "l4"), 1.0 / 7.0, EXACT);

  g_autoptr(CitynetCentralityOptions) options =
    options_with(CITYNET_MODE_DEFAULT, CITYNET_LENGTH_UNIT, TRUE);
  g_autoptr(CitynetScores) norm = compute(view, CITYNET_CENTRALITY_CLOSENESS, options);
  assert_double_close(fixture_value(norm, "c"), 1.0, EXACT);
  assert_double_close(fixture_value(norm, "l1"), 4.0 / 7.0, EXACT);

  g_autoptr(CitynetScores) harmonic = compute(view, CITYNET_CENTRALITY_HARMONIC, NULL);
  assert_double_close(fixture_value(harmonic, "c"), 4.0, EXACT);
  assert_double_close(fixture_value(harmonic, "l1"), 2.5, EXACT);
  g_autoptr(CitynetScores) hnorm = compute(view, CITYNET_CENTRALITY_HARMONIC, options);
  assert_double_close(fixture_value(hnorm, "c"), 1.0, EXACT);
  assert_double_close(fixture_value(hnorm, "l1"), 0.625, EXACT);
}

/* Eigenvector: A x = lambda x with x_leaf = x_c / lambda and
 * lambda x_c = 4 x_leaf, so lambda^2 = 4, lambda = 2 and x_leaf = x_c / 2:
 * scaled to max 1, c 1 and leaves 0.5. */
static void
test_star_eigenvector(void **state)
{
  g_autoptr(CitynetView) view = fixture_star();
  g_autoptr(CitynetScores) eigen = compute(view, CITYNET_CENTRALITY_EIGENVECTOR, NULL);
  assert_double_close(fixture_value(eigen, "c"), 1.0, SOLVED);
  assert_double_close(fixture_value(eigen, "l1"), 0.5, SOLVED);
}

/* Hub and authority scores of an undirected view are the principal
 * eigenvector of A^2, which is A's own when the view is connected and not
 * bipartite (then lambda_1^2 is A^2's only largest eigenvalue): on the
 * weighted triangle with a pendant they equal eigenvector centrality.
 * (On the bipartite star, A^2 has eigenvalue 4 twice, on c and on the
 * leaves, and the scores are not unique; see docs/analytics.md.) */
static void
test_undirected_hits(void **state)
{
  g_autoptr(CitynetView) view = fixture_triangle_pendant();
  g_autoptr(CitynetScores) eigen = compute(view, CITYNET_CENTRALITY_EIGENVECTOR, NULL);
  g_autoptr(CitynetScores) hub = compute(view, CITYNET_CENTRALITY_HUB, NULL);
  g_autoptr(CitynetScores) authority = compute(view, CITYNET_CENTRALITY_AUTHORITY, NULL);
  for (gsize i = 0; i < 4; i++) {
    assert_double_close(citynet_scores_value(hub, i), citynet_scores_value(eigen, i), SOLVED);
    assert_double_close(citynet_scores_value(authority, i), citynet_scores_value(eigen, i), SOLVED);
  }
  assert_double_close(fixture_value(eigen, "c"), 1.0, SOLVED);
}

/* PageRank, d = 0.85, n = 5: a leaf gets the restart share 0.15/5 = 0.03
 * plus a quarter of c's rank; c gets 0.03 plus everything the leaves have:
 *   p_l = 0.03 + 0.85 p_c / 4,   p_c = 0.03 + 0.85 x 4 p_l
 *   p_c = 0.03 + 3.4 (0.03 + 0.2125 p_c) = 0.132 + 0.7225 p_c
 *   p_c = 0.132 / 0.2775 = 88/185,  p_l = (1 - p_c)/4 = 97/740. */
static void
test_star_pagerank(void **state)
{
  g_autoptr(CitynetView) view = fixture_star();
  g_autoptr(CitynetScores) pr = compute(view, CITYNET_CENTRALITY_PAGERANK, NULL);
  assert_double_close(fixture_value(pr, "c"), 88.0 / 185.0, SOLVED);
  assert_double_close(fixture_value(pr, "l2"), 97.0 / 740.0, SOLVED);
}

/* Personalised on l1: restarts (0.15) all go to l1.
 *   p_c = 0.85 (sum of leaves) = 0.85 (0.15 + 0.85 p_c)  ->  p_c = 0.1275 /
 *   0.2775 = 17/37;  p_l1 = 0.15 + 0.2125 p_c = 9.1625/37;
 *   other leaves 0.2125 p_c = 3.6125/37. Sum 37/37. */
static void
test_star_personalized_pagerank(void **state)
{
  g_autoptr(CitynetView) view = fixture_star();
  g_autoptr(CitynetCentralityOptions) options = citynet_centrality_options_new();
  const gsize l1 = 1;
  citynet_centrality_options_set_personalization(options, &l1, 1);
  g_autoptr(CitynetScores) pr = compute(view, CITYNET_CENTRALITY_PAGERANK, options);
  assert_double_close(fixture_value(pr, "c"), 17.0 / 37.0, SOLVED);
  assert_double_close(fixture_value(pr, "l1"), 9.1625 / 37.0, SOLVED);
  assert_double_close(fixture_value(pr, "l3"), 3.6125 / 37.0, SOLVED);
  /* l1 is second. l2, l3 and l4 are symmetric, but PRPACK's values for
   * them may differ in the last bits, and ranks compare values exactly:
   * they hold ranks 3 to 5 in some order. */
  assert_int_equal(fixture_rank(pr, "l1"), 2);
  assert_true(fixture_rank(pr, "l4") >= 3);
}

/* ------------------------------------------------------------------------ */
/* Isolates and a disconnected view: the star plus "iso", n = 6             */
/* ------------------------------------------------------------------------ */

/* closeness of iso: undefined (NaN, reaches no one), ranked last;
 * harmonic 0; betweenness 0; degree 0.
 * Closeness of c is unchanged (only reachable vertices count): 1/4.
 * Wasserman-Faust: c reaches r - 1 = 4 of the n - 1 = 5 others:
 * normalised 1 x 4/5 = 0.8; a leaf 4/7 x 4/5 = 16/35.
 * PageRank: iso has no edges, so the walker at iso restarts (uniformly).
 * Every vertex gets the same base q = 0.15/6 + 0.85 p_iso / 6, and
 * p_iso = q, so q = 0.15 / (6 - 0.85) = 3/103. Then
 *   p_l = q + 0.85 p_c / 4,  p_c = q + 3.4 p_l = q (1 + 3.4) / (1 - 0.7225)
 *   p_c = (3/103)(4.4/0.2775) = 5280/11433,  p_l = 1455/11433. */
static void
test_isolate(void **state)
{
  g_autoptr(CitynetView) view = fixture_star_with_isolate();
  g_autoptr(CitynetScores) closeness = compute(view, CITYNET_CENTRALITY_CLOSENESS, NULL);
  assert_true(isnan(fixture_value(closeness, "iso")));
  assert_int_equal(fixture_rank(closeness, "iso"), 6);
  assert_double_close(fixture_value(closeness, "c"), 0.25, EXACT);

  g_autoptr(CitynetCentralityOptions) wf =
    options_with(CITYNET_MODE_DEFAULT, CITYNET_LENGTH_UNIT, TRUE);
  citynet_centrality_options_set_wf_improved(wf, TRUE);
  g_autoptr(CitynetScores) improved = compute(view, CITYNET_CENTRALITY_CLOSENESS, wf);
  assert_double_close(fixture_value(improved, "c"), 0.8, EXACT);
  assert_double_close(fixture_value(improved, "l2"), 16.0 / 35.0, EXACT);
  assert_true(isnan(fixture_value(improved, "iso")));

  g_autoptr(CitynetScores) harmonic = compute(view, CITYNET_CENTRALITY_HARMONIC, NULL);
  assert_true(fixture_value(harmonic, "iso") == 0.0);
  g_autoptr(CitynetScores) betweenness = compute(view, CITYNET_CENTRALITY_BETWEENNESS, NULL);
  assert_true(fixture_value(betweenness, "iso") == 0.0);
  g_autoptr(CitynetScores) degree = compute(view, CITYNET_CENTRALITY_DEGREE, NULL);
  assert_true(fixture_value(degree, "iso") == 0.0);

  g_autoptr(CitynetScores) pr = compute(view, CITYNET_CENTRALITY_PAGERANK, NULL);
  assert_double_close(fixture_value(pr, "iso"), 3.0 / 103.0, SOLVED);
  assert_double_close(fixture_value(pr, "c"), 5280.0 / 11433.0, SOLVED);
  assert_double_close(fixture_value(pr, "l4"), 1455.0 / 11433.0, SOLVED);
}

/* ------------------------------------------------------------------------ */
/* The path a - b - c - d                                                   */
/* ------------------------------------------------------------------------ */

/* Undirected. Betweenness: b lies on a-c and a-d, c on a-d and b-d: 2 each;
 * normalised by 3*2/2 = 3: 2/3. Closeness: a: 1+2+3 = 6 -> 1/6 (normalised
 * 3/6); b: 1+1+2 = 4 -> 1/4 (3/4). Harmonic: a 1 + 1/2 + 1/3 = 11/6,
 * b 1 + 1 + 1/2 = 5/2.
 * Eigenvector of P4: lambda = 2 cos(pi/5) = golden ratio phi, components
 * sin(k pi/5), k = 1..4: ends sin 36 / sin 72 = 1/phi = 0.6180339887...,
 * middle 1. */
static void
test_path_undirected(void **state)
{
  g_autoptr(CitynetView) view = fixture_path(FALSE);
  g_autoptr(CitynetScores) b = compute(view, CITYNET_CENTRALITY_BETWEENNESS, NULL);
  assert_double_close(fixture_value(b, "b"), 2.0, EXACT);
  assert_double_close(fixture_value(b, "c"), 2.0, EXACT);
  assert_double_close(fixture_value(b, "d"), 0.0, EXACT);
  g_autoptr(CitynetCentralityOptions) norm =
    options_with(CITYNET_MODE_DEFAULT, CITYNET_LENGTH_INVERSE, TRUE);
  g_autoptr(CitynetScores) bn = compute(view, CITYNET_CENTRALITY_BETWEENNESS, norm);
  assert_double_close(fixture_value(bn, "b"), 2.0 / 3.0, EXACT);

  g_autoptr(CitynetScores) c = compute(view, CITYNET_CENTRALITY_CLOSENESS, NULL);
  assert_double_close(fixture_value(c, "a"), 1.0 / 6.0, EXACT);
  assert_double_close(fixture_value(c, "b"), 0.25, EXACT);
  g_autoptr(CitynetScores) cn = compute(view, CITYNET_CENTRALITY_CLOSENESS, norm);
  assert_double_close(fixture_value(cn, "a"), 0.5, EXACT);
  assert_double_close(fixture_value(cn, "c"), 0.75, EXACT);

  g_autoptr(CitynetScores) h = compute(view, CITYNET_CENTRALITY_HARMONIC, NULL);
  assert_double_close(fixture_value(h, "a"), 11.0 / 6.0, EXACT);
  assert_double_close(fixture_value(h, "b"), 2.5, EXACT);

  g_autoptr(CitynetScores) e = compute(view, CITYNET_CENTRALITY_EIGENVECTOR, NULL);
  const double phi = (1.0 + sqrt(5.0)) / 2.0;
  assert_double_close(fixture_value(e, "a"), 1.0 / phi, SOLVED);
  assert_double_close(fixture_value(e, "b"), 1.0, SOLVED);
  assert_double_close(fixture_value(e, "d"), 1.0 / phi, SOLVED);
}

/* Directed a -> b -> c -> d.
 * Degree: out 1 1 1 0, in 0 1 1 1, all (default) 1 2 2 1.
 * Closeness out (default): a reaches b, c, d at 1, 2, 3 -> 1/6; d reaches
 * no one -> NaN. In: d is reached from c, b, a at 1, 2, 3 -> 1/6; a NaN.
 * Mode all = the undirected path: a 1/6, b 1/4.
 * Betweenness on directed paths: b on a->c, a->d; c on a->d, b->d: 2, 2;
 * normalised by (n-1)(n-2) = 6: 1/3.
 * PageRank: d has no out-edge, so its walker restarts uniformly; every
 * vertex gets the base B = 0.15/4 + 0.85 p_d / 4, and
 *   p_a = B, p_b = B + 0.85 p_a = 1.85 B, p_c = B + 0.85 p_b = 2.5725 B,
 *   p_d = B + 0.85 p_c = 3.186625 B; sum 8.609125 B = 1. */
static void
test_path_directed(void **state)
{
  g_autoptr(CitynetView) view = fixture_path(TRUE);
  assert_true(citynet_view_is_directed(view));

  g_autoptr(CitynetCentralityOptions) out =
    options_with(CITYNET_MODE_OUT, CITYNET_LENGTH_INVERSE, FALSE);
  g_autoptr(CitynetCentralityOptions) in =
    options_with(CITYNET_MODE_IN, CITYNET_LENGTH_INVERSE, FALSE);
  g_autoptr(CitynetCentralityOptions) all =
    options_with(CITYNET_MODE_ALL, CITYNET_LENGTH_INVERSE, FALSE);

  g_autoptr(CitynetScores) dout = compute(view, CITYNET_CENTRALITY_DEGREE, out);
  g_autoptr(CitynetScores) din = compute(view, CITYNET_CENTRALITY_DEGREE, in);
  g_autoptr(CitynetScores) dall = compute(view, CITYNET_CENTRALITY_DEGREE, NULL);
  const double want_out[] = { 1, 1, 1, 0 }, want_in[] = { 0, 1, 1, 1 },
               want_all[] = { 1, 2, 2, 1 };
  for (gsize i = 0; i < 4; i++) {
    assert_true(citynet_scores_value(dout, i) == want_out[i]);
    assert_true(citynet_scores_value(din, i) == want_in[i]);
    assert_true(citynet_scores_value(dall, i) == want_all[i]);
  }

  g_autoptr(CitynetScores) cdef = compute(view, CITYNET_CENTRALITY_CLOSENESS, NULL);
  assert_double_close(fixture_value(cdef, "a"), 1.0 / 6.0, EXACT);
  assert_true(isnan(fixture_value(cdef, "d")));
  g_autoptr(CitynetScores) cin = compute(view, CITYNET_CENTRALITY_CLOSENESS, in);
  assert_double_close(fixture_value(cin, "d"), 1.0 / 6.0, EXACT);
  assert_true(isnan(fixture_value(cin, "a")));
  g_autoptr(CitynetScores) call = compute(view, CITYNET_CENTRALITY_CLOSENESS, all);
  assert_double_close(fixture_value(call, "a"), 1.0 / 6.0, EXACT);
  assert_double_close(fixture_value(call, "b"), 0.25, EXACT);

  g_autoptr(CitynetCentralityOptions) norm =
    options_with(CITYNET_MODE_DEFAULT, CITYNET_LENGTH_INVERSE, TRUE);
  g_autoptr(CitynetScores) b = compute(view, CITYNET_CENTRALITY_BETWEENNESS, norm);
  assert_double_close(fixture_value(b, "b"), 1.0 / 3.0, EXACT);
  assert_double_close(fixture_value(b, "c"), 1.0 / 3.0, EXACT);
  assert_double_close(fixture_value(b, "a"), 0.0, EXACT);

  /* A directed acyclic graph has no positive eigenvalue: eigenvector
   * centrality is 0 everywhere (igraph's convention, with a warning that
   * the library records but does not print). Ignoring direction it is the
   * undirected path's: ends 1/phi, middle 1. */
  g_autoptr(CitynetScores) eigen = compute(view, CITYNET_CENTRALITY_EIGENVECTOR, NULL);
  for (gsize i = 0; i < 4; i++)
    assert_true(citynet_scores_value(eigen, i) == 0.0);
  g_autoptr(CitynetScores) eigen_all = compute(view, CITYNET_CENTRALITY_EIGENVECTOR, all);
  assert_double_close(fixture_value(eigen_all, "a"), 2.0 / (1.0 + sqrt(5.0)), SOLVED);
  assert_double_close(fixture_value(eigen_all, "c"), 1.0, SOLVED);

  g_autoptr(CitynetScores) pr = compute(view, CITYNET_CENTRALITY_PAGERANK, NULL);
  const double base = 1.0 / 8.609125;
  assert_double_close(fixture_value(pr, "a"), base, SOLVED);
  assert_double_close(fixture_value(pr, "b"), 1.85 * base, SOLVED);
  assert_double_close(fixture_value(pr, "c"), 2.5725 * base, SOLVED);
  assert_double_close(fixture_value(pr, "d"), 3.186625 * base, SOLVED);
}

/* ------------------------------------------------------------------------ */
/* The triangle with a pendant: a-b 1, a-c 2, b-c 3, c-d 4                  */
/* ------------------------------------------------------------------------ */

/* Strength: a 1+2 = 3, b 1+3 = 4, c 2+3+4 = 9, d 4. Unweighted: degree.
 * Lengths 1/w: a-b 1, a-c 1/2, b-c 1/3, c-d 1/4. From a: to c 1/2, to b
 * min(1, 1/2 + 1/3) = 5/6, to d 1/2 + 1/4 = 3/4: sum 25/12, closeness
 * 12/25. With lengths = weights: a-b 1, a-c 2, b-c 3, c-d 4: from a: b 1,
 * c 2, d 6: sum 9 -> 1/9. Unit lengths: a: 1 + 1 + 2 = 4 -> 1/4.
 * Betweenness: c is on every path to d (from a and from b): 2. With 1/w
 * lengths the path a-c-b (5/6) beats the edge a-b (1), so c also carries
 * the pair a-b: 3. */
static void
test_triangle_weights(void **state)
{
  g_autoptr(CitynetView) view = fixture_triangle_pendant();
  g_autoptr(CitynetScores) s = compute(view, CITYNET_CENTRALITY_STRENGTH, NULL);
  assert_true(fixture_value(s, "a") == 3.0);
  assert_true(fixture_value(s, "c") == 9.0);
  assert_int_equal(fixture_rank(s, "b"), 2);
  assert_int_equal(fixture_rank(s, "d"), 2);
  g_autoptr(CitynetCentralityOptions) unweighted = citynet_centrality_options_new();
  citynet_centrality_options_set_weighted(unweighted, FALSE);
  g_autoptr(CitynetScores) su = compute(view, CITYNET_CENTRALITY_STRENGTH, unweighted);
  assert_true(fixture_value(su, "c") == 3.0);

  g_autoptr(CitynetScores) cinv = compute(view, CITYNET_CENTRALITY_CLOSENESS, NULL);
  assert_double_close(fixture_value(cinv, "a"), 12.0 / 25.0, EXACT);
  g_autoptr(CitynetCentralityOptions) weight =
    options_with(CITYNET_MODE_DEFAULT, CITYNET_LENGTH_WEIGHT, FALSE);
  g_autoptr(CitynetScores) cw = compute(view, CITYNET_CENTRALITY_CLOSENESS, weight);
  assert_double_close(fixture_value(cw, "a"), 1.0 / 9.0, EXACT);
  g_autoptr(CitynetCentralityOptions) unit =
    options_with(CITYNET_MODE_DEFAULT, CITYNET_LENGTH_UNIT, FALSE);
  g_autoptr(CitynetScores) cu = compute(view, CITYNET_CENTRALITY_CLOSENESS, unit);
  assert_double_close(fixture_value(cu, "a"), 0.25, EXACT);
  g_autoptr(CitynetScores) cuw = compute(view, CITYNET_CENTRALITY_CLOSENESS, unweighted);
  assert_double_close(fixture_value(cuw, "a"), 0.25, EXACT);

  g_autoptr(CitynetScores) bu = compute(view, CITYNET_CENTRALITY_BETWEENNESS, unit);
  assert_double_close(fixture_value(bu, "c"), 2.0, EXACT);
  g_autoptr(CitynetScores) binv = compute(view, CITYNET_CENTRALITY_BETWEENNESS, NULL);
  assert_double_close(fixture_value(binv, "c"), 3.0, EXACT);
  assert_double_close(fixture_value(binv, "a"), 0.0, EXACT);
}

/* Cutoff 1 with unit lengths: only paths of length <= 1 count.
 * Betweenness: no vertex is inside a path of one edge: all 0.
 * Closeness of a: reaches b and c at 1 (d at 2 is cut): 1/2.
 * Harmonic of a: 1 + 1 = 2 (d dropped). */
static void
test_cutoff(void **state)
{
  g_autoptr(CitynetView) view = fixture_triangle_pendant();
  g_autoptr(CitynetCentralityOptions) options =
    options_with(CITYNET_MODE_DEFAULT, CITYNET_LENGTH_UNIT, FALSE);
  GError *error = NULL;
  assert_true(citynet_centrality_options_set_cutoff(options, 1.0, &error));
  g_autoptr(CitynetScores) b = compute(view, CITYNET_CENTRALITY_BETWEENNESS, options);
  for (gsize i = 0; i < 4; i++)
    assert_true(citynet_scores_value(b, i) == 0.0);
  g_autoptr(CitynetScores) c = compute(view, CITYNET_CENTRALITY_CLOSENESS, options);
  assert_double_close(fixture_value(c, "a"), 0.5, EXACT);
  g_autoptr(CitynetScores) h = compute(view, CITYNET_CENTRALITY_HARMONIC, options);
  assert_double_close(fixture_value(h, "a"), 2.0, EXACT);

  /* A negative cutoff removes it again: closeness of a back to 1/4. */
  assert_true(citynet_centrality_options_set_cutoff(options, -5.0, &error));
  g_autoptr(CitynetScores) c2 = compute(view, CITYNET_CENTRALITY_CLOSENESS, options);
  assert_double_close(fixture_value(c2, "a"), 0.25, EXACT);
}

/* ------------------------------------------------------------------------ */
/* Two blocs: triangles of weight 2, bridge a3 - b1 of weight 1             */
/* ------------------------------------------------------------------------ */

/* Betweenness (1/w lengths: 1/2 in the blocs, 1 on the bridge; the direct
 * edge inside a bloc, 1/2, beats the two-step detour, 1): every path from
 * {a1, a2} to the 3 b's goes through a3 (2 x 3 = 6 pairs), every path from
 * the 3 a's to {b2, b3} through b1 (6). Normalised by 5*4/2 = 10: 0.6.
 * Closeness: a1: a2 1/2, a3 1/2, b1 3/2, b2 2, b3 2: sum 13/2 -> 2/13;
 * a3: 1/2 + 1/2 + 1 + 3/2 + 3/2 = 5 -> 1/5; normalised 10/13 and 1.
 * Harmonic: a1: 2 + 2 + 2/3 + 1/2 + 1/2 = 17/3; a3: 2 + 2 + 1 + 2/3 + 2/3
 * = 19/3.
 * PageRank (weighted, d = 0.85): by symmetry x = p(a1) = p(a2) = p(b2) =
 * p(b3), y = p(a3) = p(b1). a1 sends 1/2 to a2 and a3; a3 sends 2/5 to a1
 * and a2 and 1/5 to b1:
 *   x = 1/40 + 0.85 (x/2 + 2y/5),  y = 1/40 + 0.85 (x + y/5)
 *   -> x = (5 + 68 y) / 115,  753 y = 142.5:  y = 95/502,  x = 39/251;
 *   4x + 2y = (312 + 190)/502 = 1.
 * Eigenvector (weighted): 2x + 2y = lambda x and 4x + y = lambda y give
 * (lambda - 1)(lambda - 2) = 8, lambda = (3 + sqrt 33)/2; y is the max:
 * x = 2 / (lambda - 2) = (sqrt 33 + 1) / 8 = 0.84307033... */
static void
test_two_blocs(void **state)
{
  g_autoptr(CitynetView) view = fixture_two_blocs();
  g_autoptr(CitynetScores) b = compute(view, CITYNET_CENTRALITY_BETWEENNESS, NULL);
  assert_double_close(fixture_value(b, "a3"), 6.0, EXACT);
  assert_double_close(fixture_value(b, "b1"), 6.0, EXACT);
  assert_double_close(fixture_value(b, "a1"), 0.0, EXACT);
  assert_int_equal(fixture_rank(b, "a3"), 1);
  assert_int_equal(fixture_rank(b, "b1"), 1);
  assert_int_equal(fixture_rank(b, "b3"), 3);
  g_autoptr(CitynetCentralityOptions) norm =
    options_with(CITYNET_MODE_DEFAULT, CITYNET_LENGTH_INVERSE, TRUE);
  g_autoptr(CitynetScores) bn = compute(view, CITYNET_CENTRALITY_BETWEENNESS, norm);
  assert_double_close(fixture_value(bn, "b1"), 0.6, EXACT);

  g_autoptr(CitynetScores) c = compute(view, CITYNET_CENTRALITY_CLOSENESS, NULL);
  assert_double_close(fixture_value(c, "a1"), 2.0 / 13.0, EXACT);
  assert_double_close(fixture_value(c, "a3"), 0.2, EXACT);
  g_autoptr(CitynetScores) cn = compute(view, CITYNET_CENTRALITY_CLOSENESS, norm);
  assert_double_close(fixture_value(cn, "b3"), 10.0 / 13.0, EXACT);
  assert_double_close(fixture_value(cn, "b1"), 1.0, EXACT);

  g_autoptr(CitynetScores) h = compute(view, CITYNET_CENTRALITY_HARMONIC, NULL);
  assert_double_close(fixture_value(h, "a1"), 17.0 / 3.0, EXACT);
  assert_double_close(fixture_value(h, "a3"), 19.0 / 3.0, EXACT);

  g_autoptr(CitynetScores) pr = compute(view, CITYNET_CENTRALITY_PAGERANK, NULL);
  assert_double_close(fixture_value(pr, "a1"), 39.0 / 251.0, SOLVED);
  assert_double_close(fixture_value(pr, "b3"), 39.0 / 251.0, SOLVED);
  assert_double_close(fixture_value(pr, "a3"), 95.0 / 502.0, SOLVED);
  double sum = 0;
  for (gsize i = 0; i < 6; i++)
    sum += citynet_scores_value(pr, i);
  assert_double_close(sum, 1.0, SOLVED);

  g_autoptr(CitynetScores) e = compute(view, CITYNET_CENTRALITY_EIGENVECTOR, NULL);
  assert_double_close(fixture_value(e, "a3"), 1.0, SOLVED);
  assert_double_close(fixture_value(e, "a1"), (sqrt(33.0) + 1.0) / 8.0, SOLVED);
  assert_double_close(fixture_value(e, "b2"), (sqrt(33.0) + 1.0) / 8.0, SOLVED);
}

/* Personalised on a1 and a2 (damping 0.5): the a bloc outranks the b
 * bloc, values sum to 1, and b2 = b3 by symmetry. */
static void
test_two_blocs_personalized(void **state)
{
  g_autoptr(CitynetView) view = fixture_two_blocs();
  g_autoptr(CitynetCentralityOptions) options = citynet_centrality_options_new();
  GError *error = NULL;
  const gsize seeds[] = { 0, 1 };
  citynet_centrality_options_set_personalization(options, seeds, 2);
  assert_true(citynet_centrality_options_set_damping(options, 0.5, &error));
  g_autoptr(CitynetScores) pr = compute(view, CITYNET_CENTRALITY_PAGERANK, options);
  double sum = 0;
  for (gsize i = 0; i < 6; i++)
    sum += citynet_scores_value(pr, i);
  assert_double_close(sum, 1.0, SOLVED);
  assert_true(fixture_value(pr, "a1") > fixture_value(pr, "b1"));
  assert_true(fixture_value(pr, "a3") > fixture_value(pr, "b1"));
  assert_double_close(fixture_value(pr, "b2"), fixture_value(pr, "b3"), SOLVED);
  /* Damping 0: the walker always restarts, so the value is the reset
   * distribution: 1/2 on a1 and a2, 0 elsewhere. */
  assert_true(citynet_centrality_options_set_damping(options, 0.0, &error));
  g_autoptr(CitynetScores) reset = compute(view, CITYNET_CENTRALITY_PAGERANK, options);
  assert_double_close(fixture_value(reset, "a1"), 0.5, SOLVED);
  assert_double_close(fixture_value(reset, "b1"), 0.0, SOLVED);
}

/* A subset: the values are those of the whole view, in the requested
 * order, ranked among themselves. Closeness of b3, a3, a1: 2/13, 1/5,
 * 2/13 (see test_two_blocs): a3 rank 1, b3 and a1 rank 2. */
static void
test_subset(void **state)
{
  g_autoptr(CitynetView) view = fixture_two_blocs();
  g_autoptr(CitynetCentralityOptions) options = citynet_centrality_options_new();
  const gsize nodes[] = { 5, 2, 0 };
  citynet_centrality_options_set_nodes(options, nodes, 3);
  for (int m = 0; m < CITYNET_CENTRALITY_COUNT; m++) {
    g_autoptr(CitynetScores) part = compute(view, (CitynetCentrality) m, options);
    g_autoptr(CitynetScores) whole = compute(view, (CitynetCentrality) m, NULL);
    assert_int_equal(citynet_scores_n(part), 3);
    for (gsize i = 0; i < 3; i++) {
      assert_int_equal(citynet_scores_node(part, i), nodes[i]);
      assert_true(citynet_scores_value(part, i) ==
                  citynet_scores_value(whole, nodes[i]));
    }
  }
  g_autoptr(CitynetScores) c = compute(view, CITYNET_CENTRALITY_CLOSENESS, options);
  assert_double_close(citynet_scores_value(c, 0), 2.0 / 13.0, EXACT);
  assert_int_equal(citynet_scores_rank(c, 1), 1);
  assert_int_equal(citynet_scores_rank(c, 0), 2);
  assert_int_equal(citynet_scores_rank(c, 2), 2);
  assert_int_equal(citynet_scores_order(c, 1), 2);  /* a1 (node 0) first */
  assert_int_equal(citynet_scores_find(c, 3), -1);
}

/* ------------------------------------------------------------------------ */
/* Directed views and multigraphs                                           */
/* ------------------------------------------------------------------------ */

/* The directed triangle a <=> b, a -> c, c -> b, c -> d.
 * Mode all reads each arc as an undirected edge: the reciprocal a <=> b
 * gives a two edges, so degree(all) of a = 1 (a->b) + 1 (b->a) + 1 (a->c)
 * = 3, b 3, c 3, d 1; the multigraph view (combine none) of the same ties
 * is identical because there are no parallel arcs. With a parallel tie
 * added (a -> c twice, combine none), out-degree of a is 3, and with
 * combine sum 2 (one edge of weight 2): strength out of a is 3 in both. */
static void
test_directed_and_multigraph(void **state)
{
  static const char *const ids[] = { "a", "b", "c", "d" };
  static const FixtureTie ties[] = {
    { "a", "b", 1, TRUE }, { "b", "a", 1, TRUE }, { "a", "c", 1, TRUE },
    { "c", "b", 1, TRUE }, { "c", "d", 1, TRUE }, { "a", "c", 1, TRUE },
  };
  g_autoptr(CitynetNetwork) net = fixture_network(ids, 4, ties, 6);
  g_autoptr(CitynetView) multi = fixture_view(net, CITYNET_DIRECTION_AUTO,
                                              CITYNET_COMBINE_NONE);
  g_autoptr(CitynetView) summed = fixture_view(net, CITYNET_DIRECTION_AUTO,
                                               CITYNET_COMBINE_SUM);
  g_autoptr(CitynetCentralityOptions) out =
    options_with(CITYNET_MODE_OUT, CITYNET_LENGTH_INVERSE, FALSE);
  g_autoptr(CitynetScores) dm = compute(multi, CITYNET_CENTRALITY_DEGREE, out);
  g_autoptr(CitynetScores) ds = compute(summed, CITYNET_CENTRALITY_DEGREE, out);
  assert_true(fixture_value(dm, "a") == 3.0);
  assert_true(fixture_value(ds, "a") == 2.0);
  g_autoptr(CitynetScores) sm = compute(multi, CITYNET_CENTRALITY_STRENGTH, out);
  g_autoptr(CitynetScores) ss = compute(summed, CITYNET_CENTRALITY_STRENGTH, out);
  assert_true(fixture_value(sm, "a") == 3.0);
  assert_true(fixture_value(ss, "a") == 3.0);

  g_autoptr(CitynetView) view = fixture_directed_triangle();
  g_autoptr(CitynetCentralityOptions) all =
    options_with(CITYNET_MODE_ALL, CITYNET_LENGTH_INVERSE, FALSE);
  g_autoptr(CitynetScores) dall = compute(view, CITYNET_CENTRALITY_DEGREE, all);
  const double want[] = { 3, 3, 3, 1 };
  for (gsize i = 0; i < 4; i++)
    assert_true(citynet_scores_value(dall, i) == want[i]);
}

/* Hub and authority on a directed star: s -> t1, s -> t2 (and nothing
 * else). A A^T has the only non-zero entry (s, s) = 2: hubs s 1, others 0.
 * A^T A = [[1, 1], [1, 1]] on t1, t2: authorities t1 = t2 = 1, s 0. */
static void
test_hits(void **state)
{
  static const char *const ids[] = { "s", "t1", "t2" };
  static const FixtureTie ties[] = {
    { "s", "t1", 1, TRUE }, { "s", "t2", 1, TRUE },
  };
  g_autoptr(CitynetNetwork) net = fixture_network(ids, 3, ties, 2);
  g_autoptr(CitynetView) view = fixture_view(net, CITYNET_DIRECTION_AUTO,
                                             CITYNET_COMBINE_SUM);
  g_autoptr(CitynetScores) hub = compute(view, CITYNET_CENTRALITY_HUB, NULL);
  g_autoptr(CitynetScores) authority = compute(view, CITYNET_CENTRALITY_AUTHORITY, NULL);
  assert_double_close(fixture_value(hub, "s"), 1.0, SOLVED);
  assert_double_close(fixture_value(hub, "t1"), 0.0, SOLVED);
  assert_double_close(fixture_value(authority, "t1"), 1.0, SOLVED);
  assert_double_close(fixture_value(authority, "t2"), 1.0, SOLVED);
  assert_double_close(fixture_value(authority, "s"), 0.0, SOLVED);
}

/* ------------------------------------------------------------------------ */
/* Edge cases, errors, determinism                                          */
/* ------------------------------------------------------------------------ */

/* A view with no vertex gives empty scores for every measure; a single
 * vertex gives the documented values. */
static void
test_empty_and_single(void **state)
{
  static const char *const ids[] = { "only" };
  g_autoptr(CitynetNetwork) empty = citynet_network_new();
  g_autoptr(CitynetView) none = fixture_view(empty, CITYNET_DIRECTION_AUTO,
                                             CITYNET_COMBINE_SUM);
  g_autoptr(CitynetNetwork) one = fixture_network(ids, 1, NULL, 0);
  g_autoptr(CitynetView) single = fixture_view(one, CITYNET_DIRECTION_AUTO,
                                               CITYNET_COMBINE_SUM);
  for (int m = 0; m < CITYNET_CENTRALITY_COUNT; m++) {
    g_autoptr(CitynetScores) s0 = compute(none, (CitynetCentrality) m, NULL);
    assert_int_equal(citynet_scores_n(s0), 0);
    g_autoptr(CitynetScores) s1 = compute(single, (CitynetCentrality) m, NULL);
    assert_int_equal(citynet_scores_n(s1), 1);
    assert_int_equal(citynet_scores_rank(s1, 0), 1);
  }
  /* The lone vertex: degree 0, closeness NaN, PageRank 1, eigenvector 1
   * (a view without edges: every vertex 1). */
  g_autoptr(CitynetScores) pr = compute(single, CITYNET_CENTRALITY_PAGERANK, NULL);
  assert_double_close(citynet_scores_value(pr, 0), 1.0, SOLVED);
  g_autoptr(CitynetScores) c = compute(single, CITYNET_CENTRALITY_CLOSENESS, NULL);
  assert_true(isnan(citynet_scores_value(c, 0)));
  g_autoptr(CitynetScores) e = compute(single, CITYNET_CENTRALITY_EIGENVECTOR, NULL);
  assert_double_close(citynet_scores_value(e, 0), 1.0, SOLVED);
  /* Normalised degree divides by n - 1 = 0: undefined. */
  g_autoptr(CitynetCentralityOptions) norm =
    options_with(CITYNET_MODE_DEFAULT, CITYNET_LENGTH_INVERSE, TRUE);
  g_autoptr(CitynetScores) d = compute(single, CITYNET_CENTRALITY_DEGREE, norm);
  assert_true(isnan(citynet_scores_value(d, 0)));
}

/* The O(n + m) graph builder must give exactly igraph_create()'s graph:
 * every field of the indexed edge list, for directed and undirected
 * graphs, parallel edges, isolates, no edge and no vertex; unsorted input
 * and an undirected (b, a) edge go through igraph_create() itself. */
typedef struct {
  guint32 a;
  guint32 b;
  double payload;   /* records longer than the two ends, like a view's */
} TestEdge;

static int
compare_test_edges(const void *pa, const void *pb)
{
  const TestEdge *x = pa, *y = pb;
  if (x->a != y->a)
    return x->a < y->a ? -1 : 1;
  return x->b < y->b ? -1 : x->b > y->b;
}

static void
assert_same_graph(const TestEdge *edges, gsize m, igraph_integer_t n,
                  igraph_bool_t directed)
{
  GError *error = NULL;
  igraph_t fast, slow;
  igraph_vector_int_t list;
  citynet_igraph_enter();
  assert_true(citynet_igraph_create_sorted(&fast, edges, sizeof *edges, m, n,
                                           directed, &error));
  assert_no_error(error);
  igraph_vector_int_init(&list, 2 * (igraph_integer_t) m);
  for (gsize e = 0; e < m; e++) {
    VECTOR(list)[2 * e] = edges[e].a;
    VECTOR(list)[2 * e + 1] = edges[e].b;
  }
  assert_int_equal(igraph_create(&slow, &list, n, directed), IGRAPH_SUCCESS);
  assert_int_equal(fast.n, slow.n);
  assert_int_equal(fast.directed, slow.directed);
  assert_true(igraph_vector_int_all_e(&fast.from, &slow.from));
  assert_true(igraph_vector_int_all_e(&fast.to, &slow.to));
  assert_true(igraph_vector_int_all_e(&fast.oi, &slow.oi));
  assert_true(igraph_vector_int_all_e(&fast.ii, &slow.ii));
  assert_true(igraph_vector_int_all_e(&fast.os, &slow.os));
  assert_true(igraph_vector_int_all_e(&fast.is, &slow.is));
  igraph_destroy(&fast);
  igraph_destroy(&slow);
  igraph_vector_int_destroy(&list);
  citynet_igraph_leave();
}

static void
test_fast_graph_build(void **state)
{
  /* Sorted by (a, b), parallel edges (1,3) x 3 and (4,2) x 2, vertex 5 and
   * 6 isolated, 0 only a target. */
  const TestEdge directed[] = {
    { 1, 0, 0 }, { 1, 3, 0 }, { 1, 3, 0 }, { 1, 3, 0 }, { 2, 0, 0 },
    { 2, 4, 0 }, { 3, 1, 0 }, { 4, 2, 0 }, { 4, 2, 0 }, { 4, 3, 0 },
  };
  assert_same_graph(directed, G_N_ELEMENTS(directed), 7, IGRAPH_DIRECTED);
  const TestEdge undirected[] = {
    { 0, 1, 0 }, { 0, 4, 0 }, { 1, 2, 0 }, { 1, 2, 0 }, { 1, 4, 0 },
    { 2, 3, 0 }, { 3, 4, 0 }, { 3, 6, 0 }, { 3, 6, 0 },
  };
  assert_same_graph(undirected, G_N_ELEMENTS(undirected), 8, IGRAPH_UNDIRECTED);
  assert_same_graph(NULL, 0, 5, IGRAPH_DIRECTED);
  assert_same_graph(NULL, 0, 0, IGRAPH_UNDIRECTED);
  /* Not sorted, and an undirected edge written (larger, smaller): the
   * fallback. */
  const TestEdge unsorted[] = { { 2, 1, 0 }, { 0, 3, 0 }, { 1, 2, 0 } };
  assert_same_graph(unsorted, 3, 4, IGRAPH_DIRECTED);
  assert_same_graph(unsorted, 3, 4, IGRAPH_UNDIRECTED);

  /* A pseudo-random sorted multigraph of 300 vertices and 5000 edges. */
  TestEdge *big = g_new(TestEdge, 5000);
  guint32 x = 12345;
  for (gsize e = 0; e < 5000; e++) {
    x = x * 1103515245u + 12345u;
    guint32 a = (x >> 8) % 300;
    x = x * 1103515245u + 12345u;
    guint32 b = (x >> 8) % 300;
    big[e] = (TestEdge) { MIN(a, b), MAX(a, b) + (a == b ? 1 : 0), 0 };
    if (big[e].b >= 300)
      big[e] = (TestEdge) { 0, 1, 0 };
  }
  qsort(big, 5000, sizeof *big, compare_test_edges);
  assert_same_graph(big, 5000, 300, IGRAPH_DIRECTED);
  assert_same_graph(big, 5000, 300, IGRAPH_UNDIRECTED);
  g_free(big);
}

/* The weight check every weighted measure runs first: finite and > 0
 * (igraph 0.10.2's PRPACK would silently ignore a negative weight). Views
 * of networks cannot hold such weights (ties are validated), so the
 * helper is tested directly. */
static void
test_weight_check(void **state)
{
  GError *error = NULL;
  igraph_vector_t weights;
  citynet_igraph_enter();
  igraph_vector_init(&weights, 3);
  VECTOR(weights)[0] = 1.0;
  VECTOR(weights)[1] = 2.5;
  VECTOR(weights)[2] = 1e-300;
  assert_true(citynet_check_weights(&weights, "PageRank", &error));
  const double bad[] = { 0.0, -1.0, NAN, INFINITY };
  for (gsize i = 0; i < G_N_ELEMENTS(bad); i++) {
    VECTOR(weights)[1] = bad[i];
    assert_false(citynet_check_weights(&weights, "PageRank", &error));
    assert_citynet_error(error, CITYNET_ERROR_INVALID_ARGUMENT,
                         "PageRank needs finite positive weights, but edge 1");
  }
  igraph_vector_destroy(&weights);
  citynet_igraph_leave();
}

static void
test_errors(void **state)
{
  GError *error = NULL;
  CitynetCentrality measure;
  CitynetMode mode;
  CitynetLength length;

  assert_true(citynet_centrality_from_string("PageRank", &measure, &error));
  assert_int_equal(measure, CITYNET_CENTRALITY_PAGERANK);
  assert_false(citynet_centrality_from_string("katz", &measure, &error));
  assert_citynet_error(error, CITYNET_ERROR_INVALID_ARGUMENT, "unknown centrality measure \"katz\"");
  assert_true(citynet_mode_from_string("in", &mode, &error));
  assert_int_equal(mode, CITYNET_MODE_IN);
  assert_false(citynet_mode_from_string("both", &mode, &error));
  assert_citynet_error(error, CITYNET_ERROR_INVALID_ARGUMENT, "default, out, in, all");
  assert_true(citynet_length_from_string("unit", &length, &error));
  assert_int_equal(length, CITYNET_LENGTH_UNIT);
  assert_false(citynet_length_from_string("log", &length, &error));
  assert_citynet_error(error, CITYNET_ERROR_INVALID_ARGUMENT, "inverse, unit, weight");
  assert_null(citynet_centrality_name((CitynetCentrality) 99));
  for (int m = 0; m < CITYNET_CENTRALITY_COUNT; m++) {
    assert_true(citynet_centrality_from_string(citynet_centrality_name(m), &measure, &error));
    assert_int_equal(measure, m);
  }

  g_autoptr(CitynetCentralityOptions) options = citynet_centrality_options_new();
  assert_false(citynet_centrality_options_set_damping(options, 1.5, &error));
  assert_citynet_error(error, CITYNET_ERROR_INVALID_ARGUMENT, "between 0 and 1");
  assert_false(citynet_centrality_options_set_damping(options, NAN, &error));
  assert_citynet_error(error, CITYNET_ERROR_INVALID_ARGUMENT, "damping");
  assert_false(citynet_centrality_options_set_cutoff(options, NAN, &error));
  assert_citynet_error(error, CITYNET_ERROR_INVALID_ARGUMENT, "cutoff");

  /* A node outside the view: a view of the kind "organisation" has no
   * city. */
  g_autoptr(CitynetView) star = fixture_star();
  CitynetNetwork *net = citynet_view_get_network(star);
  g_autoptr(CitynetViewOptions) vopts = citynet_view_options_new();
  citynet_view_options_add_kind(vopts, "organisation");
  g_autoptr(CitynetView) orgs = citynet_view_new(net, vopts, &error);
  assert_no_error(error);
  const gsize c = 0;
  citynet_centrality_options_set_personalization(options, &c, 1);
  assert_null(citynet_centrality_pagerank(orgs, options, &error));
  assert_citynet_error(error, CITYNET_ERROR_NOT_FOUND, "personalisation node \"c\" is not in the view");
  citynet_centrality_options_set_personalization(options, NULL, 0);
  citynet_centrality_options_set_nodes(options, &c, 1);
  assert_null(citynet_centrality_degree(orgs, options, &error));
  assert_citynet_error(error, CITYNET_ERROR_NOT_FOUND, "node \"c\" is not in the view");
  const gsize twice[] = { 1, 2, 1 };
  citynet_centrality_options_set_nodes(options, twice, 3);
  assert_null(citynet_centrality_closeness(star, options, &error));
  assert_citynet_error(error, CITYNET_ERROR_INVALID_ARGUMENT, "\"l1\" is listed twice");
}

/* The copy is independent of the original. */
static void
test_options_copy(void **state)
{
  g_autoptr(CitynetCentralityOptions) options = citynet_centrality_options_new();
  const gsize nodes[] = { 2, 0 };
  citynet_centrality_options_set_nodes(options, nodes, 2);
  citynet_centrality_options_set_normalized(options, TRUE);
  g_autoptr(CitynetCentralityOptions) copy = citynet_centrality_options_copy(options);
  citynet_centrality_options_set_nodes(options, NULL, 0);
  g_autoptr(CitynetView) view = fixture_star();
  g_autoptr(CitynetScores) d = compute(view, CITYNET_CENTRALITY_DEGREE, copy);
  assert_int_equal(citynet_scores_n(d), 2);
  assert_true(citynet_scores_value(d, 1) == 1.0);   /* c, normalised */
}

/* Same input, same bits, for every measure (the spectral ones run ARPACK
 * with a private seeded RNG). Disturbing igraph's default RNG between the
 * runs must not matter. */
static void
test_determinism(void **state)
{
  g_autoptr(CitynetView) view = fixture_two_blocs();
  for (int m = 0; m < CITYNET_CENTRALITY_COUNT; m++) {
    g_autoptr(CitynetScores) first = compute(view, (CitynetCentrality) m, NULL);
    citynet_igraph_enter();
    igraph_rng_seed(igraph_rng_default(), 12345);
    citynet_igraph_leave();
    g_autoptr(CitynetScores) second = compute(view, (CitynetCentrality) m, NULL);
    assert_memory_equal(citynet_scores_values(first, NULL),
                        citynet_scores_values(second, NULL), 6 * sizeof(double));
  }
}

int
main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_scores_ranks),
    cmocka_unit_test(test_scores_ties_and_subsets),
    cmocka_unit_test(test_scores_errors),
    cmocka_unit_test(test_star_degree),
    cmocka_unit_test(test_star_betweenness),
    cmocka_unit_test(test_star_closeness_harmonic),
    cmocka_unit_test(test_star_eigenvector),
    cmocka_unit_test(test_undirected_hits),
    cmocka_unit_test(test_star_pagerank),
    cmocka_unit_test(test_star_personalized_pagerank),
    cmocka_unit_test(test_isolate),
    cmocka_unit_test(test_path_undirected),
    cmocka_unit_test(test_path_directed),
    cmocka_unit_test(test_triangle_weights),
    cmocka_unit_test(test_cutoff),
    cmocka_unit_test(test_two_blocs),
    cmocka_unit_test(test_two_blocs_personalized),
    cmocka_unit_test(test_subset),
    cmocka_unit_test(test_directed_and_multigraph),
    cmocka_unit_test(test_hits),
    cmocka_unit_test(test_empty_and_single),
    cmocka_unit_test(test_fast_graph_build),
    cmocka_unit_test(test_weight_check),
    cmocka_unit_test(test_errors),
    cmocka_unit_test(test_options_copy),
    cmocka_unit_test(test_determinism),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
