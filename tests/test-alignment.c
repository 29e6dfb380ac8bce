/* Tests of the composition by group and of the two-sample comparison
 * (profile, period, affinity). Every expected value is worked out by hand
 * in the comments. */
#include <math.h>
#include <string.h>

#include "test-util.h"

/* The network of these tests.
 *
 * Nodes: F (city, TUR, the focus), a1 a2 (cities, GBR), a3 (city, DEU),
 * a4 (city, AZE), o1 (organisation, no country), g (government, TUR).
 * Groups: GBR in EU 1973-01-01..2020-01-31 and NATO since 1949;
 *         DEU in EU since 1958 and NATO since 1955;
 *         TUR in NATO since 1952 and OTS since 2009-10-03;
 *         AZE in OTS since 2009-10-03.
 * Ties (groups of the partner on the tie's reference date, all-time view):
 *   t0 F-a1 visit   w1 2019-05-01        GBR {EU, NATO}
 *   t1 F-a1 visit   w2 2021-03-01        GBR {NATO}       (Brexit)
 *   t2 F-a2 sister  w1 2015 ..           GBR {EU, NATO}
 *   t3 F-a3 visit   w3 2020-06-01        DEU {EU, NATO}
 *   t4 F-a4 visit   w1 2021-01-01        AZE {OTS}
 *   t5 F-o1 member  w1 2010 ..           ""  {}
 *   t6 g->a4 state  w1 2021              AZE {OTS}
 *   t7 g->a3 state  w1 2021              DEU {EU, NATO}
 *   t8 g-F meeting  w1 2021-02-01        TUR {NATO, OTS}
 *   t9 a1-a3 sister w1 open              (neither F's nor g's)
 */
static CitynetNetwork *
make_network(void)
{
  GError *error = NULL;
  CitynetNetwork *network = citynet_network_new();
  static const char *const countries[] = { "TUR", "GBR", "DEU", "AZE" };
  for (gsize i = 0; i < G_N_ELEMENTS(countries); i++)
    assert_true(citynet_network_add_country(network, countries[i], NULL, &error) >= 0);
  assert_true(citynet_network_add_country_group(network, "GBR", "EU", "1973-01-01",
                                                "2020-01-31", NULL, &error));
  assert_true(citynet_network_add_country_group(network, "GBR", "NATO", "1949", NULL,
                                                NULL, &error));
  assert_true(citynet_network_add_country_group(network, "DEU", "EU", "1958", NULL,
                                                NULL, &error));
  assert_true(citynet_network_add_country_group(network, "DEU", "NATO", "1955", NULL,
                                                NULL, &error));
  assert_true(citynet_network_add_country_group(network, "TUR", "NATO", "1952", NULL,
                                                NULL, &error));
  assert_true(citynet_network_add_country_group(network, "TUR", "OTS", "2009-10-03",
                                                NULL, NULL, &error));
  assert_true(citynet_network_add_country_group(network, "AZE", "OTS", "2009-10-03",
                                                NULL, NULL, &error));
  static const char *const nodes[][3] = {
    { "F", "city", "TUR" },  { "a1", "city", "GBR" }, { "a2", "city", "GBR" },
    { "a3", "city", "DEU" }, { "a4", "city", "AZE" }, { "o1", "organisation", NULL },
    { "g", "government", "TUR" },
  };
  for (gsize i = 0; i < G_N_ELEMENTS(nodes); i++)
    assert_int_equal(citynet_network_add_node(network, nodes[i][0], nodes[i][1], NULL,
                                              nodes[i][2], &error), (gssize) i);
  struct {
    const char *s, *t, *layer;
    double w;
    gboolean directed;
    const char *start, *end;
  } ties[] = {
    { "F", "a1", "visit", 1, FALSE, "2019-05-01", "2019-05-01" },
    { "F", "a1", "visit", 2, FALSE, "2021-03-01", "2021-03-01" },
    { "F", "a2", "sister", 1, FALSE, "2015", NULL },
    { "F", "a3", "visit", 3, FALSE, "2020-06-01", "2020-06-01" },
    { "F", "a4", "visit", 1, FALSE, "2021-01-01", "2021-01-01" },
    { "F", "o1", "member", 1, FALSE, "2010", NULL },
    { "g", "a4", "state", 1, TRUE, "2021", "2021" },
    { "g", "a3", "state", 1, TRUE, "2021", "2021" },
    { "g", "F", "meeting", 1, FALSE, "2021-02-01", "2021-02-01" },
    { "a1", "a3", "sister", 1, FALSE, NULL, NULL },
  };
  for (gsize i = 0; i < G_N_ELEMENTS(ties); i++)
    assert_int_equal(citynet_network_add_tie(network, ties[i].s, ties[i].t, ties[i].layer,
                                             ties[i].w, ties[i].directed, ties[i].start,
                                             ties[i].end, NULL, &error), (gssize) i);
  assert_no_error(error);
  return network;
}

static CitynetView *
make_view(CitynetNetwork *network, const char *from, const char *to)
{
  GError *error = NULL;
  CitynetViewOptions *options = citynet_view_options_new();
  assert_true(citynet_view_options_set_period(options, from, to, &error));
  CitynetView *view = citynet_view_new(network, options, &error);
  assert_no_error(error);
  citynet_view_options_free(options);
  return view;
}

static CitynetAlignmentOptions *
groups_options(void)
{
  CitynetAlignmentOptions *options = citynet_alignment_options_new();
  citynet_alignment_options_add_group(options, "EU");
  citynet_alignment_options_add_group(options, "NATO");
  citynet_alignment_options_add_group(options, "OTS");
  return options;
}

/* ------------------------------------------------------------------------ */
/* Composition by group                                                     */
/* ------------------------------------------------------------------------ */

typedef struct {
  CitynetDimension dimension;
  const char *layer;
  const char *key;
  gsize alters, ties;
  double weight;
  double share[3];      /* alters, ties, weight */
  double fractional[3];
} GcWant;

static void
assert_gc_row(const CitynetGroupComposition *c, gsize row, const GcWant *want)
{
  CitynetDimension dimension;
  const char *layer, *key;
  gsize alters, ties;
  double weight;
  citynet_group_composition_row(c, row, &dimension, &layer, &key, &alters, &ties, &weight);
  if (dimension != want->dimension || g_strcmp0(layer, want->layer) != 0 ||
      strcmp(key, want->key) != 0)
    fail_msg("row %zu is (%d, %s, \"%s\"), expected (%d, %s, \"%s\")", row, dimension,
             layer ? layer : "(all)", key, want->dimension,
             want->layer ? want->layer : "(all)", want->key);
  assert_int_equal(alters, want->alters);
  assert_int_equal(ties, want->ties);
  assert_double_close(weight, want->weight, 1e-12);
  for (int u = 0; u < 3; u++) {
    double share, fractional;
    citynet_group_composition_share(c, row, (CitynetUnit) u, &share, &fractional);
    assert_double_close(share, want->share[u], 1e-12);
    assert_double_close(fractional, want->fractional[u], 1e-12);
  }
}

static void
test_group_composition(void **state)
{
  (void) state;
  GError *error = NULL;
  g_autoptr(CitynetNetwork) network = make_network();
  g_autoptr(CitynetView) view = make_view(network, NULL, NULL);
  g_autoptr(CitynetAlignmentOptions) options = groups_options();
  g_autoptr(CitynetGroupComposition) c =
    citynet_group_composition_new(view, 0, options, &error);
  assert_no_error(error);

  /* F's entries: t0 t1 t2 t3 t4 t5 t8. Alters a1 a2 a3 a4 o1 g = 6,
   * ties 7, weight 1+2+1+3+1+1+1 = 10. */
  gsize alters, ties;
  double weight;
  citynet_group_composition_totals(c, &alters, &ties, &weight);
  assert_int_equal(alters, 6);
  assert_int_equal(ties, 7);
  assert_double_close(weight, 10, 1e-12);

  /* Country, all layers: GBR (a1 a2; t0 t1 t2; w 1+2+1) and one tie each
   * for "" (o1), AZE (a4), DEU (a3, w3), TUR (g); ties desc, then key. */
  const GcWant countries[] = {
    { CITYNET_DIMENSION_COUNTRY, NULL, "GBR", 2, 3, 4, { 2 / 6., 3 / 7., 0.4 }, { 2 / 6., 3 / 7., 0.4 } },
    { CITYNET_DIMENSION_COUNTRY, NULL, "", 1, 1, 1, { 1 / 6., 1 / 7., 0.1 }, { 1 / 6., 1 / 7., 0.1 } },
    { CITYNET_DIMENSION_COUNTRY, NULL, "AZE", 1, 1, 1, { 1 / 6., 1 / 7., 0.1 }, { 1 / 6., 1 / 7., 0.1 } },
    { CITYNET_DIMENSION_COUNTRY, NULL, "DEU", 1, 1, 3, { 1 / 6., 1 / 7., 0.3 }, { 1 / 6., 1 / 7., 0.3 } },
    { CITYNET_DIMENSION_COUNTRY, NULL, "TUR", 1, 1, 1, { 1 / 6., 1 / 7., 0.1 }, { 1 / 6., 1 / 7., 0.1 } },
  };
  for (gsize r = 0; r < G_N_ELEMENTS(countries); r++)
    assert_gc_row(c, r, &countries[r]);

  /* Scopes: country all + 4 layers (meeting, member, sister, visit), then
   * group all + 4 layers = 10. The first: K = the view's country
   * categories TUR GBR DEU AZE "" = 5.
   *   ties:   1 - (3² + 4·1²)/7² = 36/49, IQV 36/49 · 5/4 = 45/49
   *   weight: 1 - (.4² + .3² + 3·.1²) = .72, IQV .9
   *   alters: 1 - (2² + 4·1²)/6² = 7/9, IQV 35/36 */
  assert_int_equal(citynet_group_composition_n_scopes(c), 10);
  CitynetDimension dimension;
  const char *layer;
  gsize categories, observed;
  double blau, iqv;
  citynet_group_composition_diversity(c, 0, CITYNET_UNIT_TIES, &dimension, &layer,
                                      &categories, &observed, &blau, &iqv);
  assert_int_equal(dimension, CITYNET_DIMENSION_COUNTRY);
  assert_null(layer);
  assert_int_equal(categories, 5);
  assert_int_equal(observed, 5);
  assert_double_close(blau, 36. / 49, 1e-12);
  assert_double_close(iqv, 45. / 49, 1e-12);
  citynet_group_composition_diversity(c, 0, CITYNET_UNIT_WEIGHT, NULL, NULL, NULL, NULL,
                                      &blau, &iqv);
  assert_double_close(blau, 0.72, 1e-12);
  assert_double_close(iqv, 0.9, 1e-12);
  citynet_group_composition_diversity(c, 0, CITYNET_UNIT_ALTERS, NULL, NULL, NULL, NULL,
                                      &blau, &iqv);
  assert_double_close(blau, 7. / 9, 1e-12);
  assert_double_close(iqv, 35. / 36, 1e-12);

  /* Country, visit layer (t0 t1 t3 t4: ties 4, weight 7, alters a1 a3 a4):
   * GBR 2 ties w3 1 alter; AZE 1 w1; DEU 1 w3. Rows 5..7 follow the 5 all-
   * layer rows and the meeting (TUR), member (""), sister (GBR) rows. */
  const GcWant visit[] = {
    { CITYNET_DIMENSION_COUNTRY, "visit", "GBR", 1, 2, 3, { 1 / 3., 0.5, 3 / 7. }, { 1 / 3., 0.5, 3 / 7. } },
    { CITYNET_DIMENSION_COUNTRY, "visit", "AZE", 1, 1, 1, { 1 / 3., 0.25, 1 / 7. }, { 1 / 3., 0.25, 1 / 7. } },
    { CITYNET_DIMENSION_COUNTRY, "visit", "DEU", 1, 1, 3, { 1 / 3., 0.25, 3 / 7. }, { 1 / 3., 0.25, 3 / 7. } },
  };
  for (gsize r = 0; r < G_N_ELEMENTS(visit); r++)
    assert_gc_row(c, 8 + r, &visit[r]);

  /* Group, all layers. Entry groups: t0 {EU,NATO}, t1 {NATO}, t2 {EU,NATO},
   * t3 {EU,NATO}, t4 {OTS}, t5 {}, t8 {NATO,OTS}.
   *   NATO: t0 t1 t2 t3 t8 = 5 ties, w 1+2+1+3+1 = 8, alters a1 a2 a3 g;
   *         fractional ties .5+1+.5+.5+.5 = 3, weight .5+2+.5+1.5+.5 = 5;
   *         alters (unions a1 a2 a3 {EU,NATO}, g {NATO,OTS}) 4 · .5 = 2.
   *   EU:   t0 t2 t3 = 3, w 5, alters a1 a2 a3; fractional 1.5, 2.5, 1.5.
   *   OTS:  t4 t8 = 2, w 2, alters a4 g; fractional 1.5, 1.5, 1 + .5.
   *   "":   t5 = 1, w 1, alter o1; fractional 1, 1, 1. */
  const GcWant groups[] = {
    { CITYNET_DIMENSION_GROUP, NULL, "NATO", 4, 5, 8, { 4 / 6., 5 / 7., 0.8 }, { 2 / 6., 3 / 7., 0.5 } },
    { CITYNET_DIMENSION_GROUP, NULL, "EU", 3, 3, 5, { 3 / 6., 3 / 7., 0.5 }, { 1.5 / 6, 1.5 / 7, 0.25 } },
    { CITYNET_DIMENSION_GROUP, NULL, "OTS", 2, 2, 2, { 2 / 6., 2 / 7., 0.2 }, { 1.5 / 6, 1.5 / 7, 0.15 } },
    { CITYNET_DIMENSION_GROUP, NULL, "", 1, 1, 1, { 1 / 6., 1 / 7., 0.1 }, { 1 / 6., 1 / 7., 0.1 } },
  };
  gsize first_group = 0;
  while (first_group < citynet_group_composition_n_rows(c)) {
    citynet_group_composition_row(c, first_group, &dimension, NULL, NULL, NULL, NULL, NULL);
    if (dimension == CITYNET_DIMENSION_GROUP)
      break;
    first_group++;
  }
  /* 5 all-layer + TUR (meeting) + "" (member) + GBR (sister) + 3 visit. */
  assert_int_equal(first_group, 11);
  for (gsize r = 0; r < G_N_ELEMENTS(groups); r++)
    assert_gc_row(c, first_group + r, &groups[r]);

  /* Group diversity, all layers (scope 5), K = 3 groups + "" = 4:
   *   ties:   1 - (1.5² + 3² + 1.5² + 1²)/7² = 34.5/49, IQV · 4/3 = 46/49
   *   weight: 1 - (.25² + .5² + .15² + .1²) = .655, IQV .655 · 4/3
   *   alters: 1 - (1.5² + 2² + 1.5² + 1²)/6² = 26.5/36, IQV · 4/3 */
  citynet_group_composition_diversity(c, 5, CITYNET_UNIT_TIES, &dimension, &layer,
                                      &categories, &observed, &blau, &iqv);
  assert_int_equal(dimension, CITYNET_DIMENSION_GROUP);
  assert_null(layer);
  assert_int_equal(categories, 4);
  assert_int_equal(observed, 4);
  assert_double_close(blau, 34.5 / 49, 1e-12);
  assert_double_close(iqv, 46. / 49, 1e-12);
  citynet_group_composition_diversity(c, 5, CITYNET_UNIT_WEIGHT, NULL, NULL, NULL, NULL,
                                      &blau, &iqv);
  assert_double_close(blau, 0.655, 1e-12);
  assert_double_close(iqv, 0.655 * 4 / 3, 1e-12);
  citynet_group_composition_diversity(c, 5, CITYNET_UNIT_ALTERS, NULL, NULL, NULL, NULL,
                                      &blau, &iqv);
  assert_double_close(blau, 26.5 / 36, 1e-12);
  assert_double_close(iqv, 26.5 / 36 * 4 / 3, 1e-12);

  /* Group, visit layer (scope 9): t0 {EU,NATO} t1 {NATO} t3 {EU,NATO}
   * t4 {OTS}; fractional ties EU 1, NATO 2, OTS 1 of 4: Blau
   * 1 - (1 + 4 + 1)/16 = .625 (the zero "" row adds nothing), K = 4. */
  citynet_group_composition_diversity(c, 9, CITYNET_UNIT_TIES, &dimension, &layer,
                                      &categories, &observed, &blau, &iqv);
  assert_string_equal(layer, "visit");
  assert_int_equal(observed, 3);
  assert_double_close(blau, 0.625, 1e-12);
  assert_double_close(iqv, 0.625 * 4 / 3, 1e-12);
}

/* The reference date decides the groups: in a view at 2019, t2 (sister
 * since 2015) is judged on 2019-01-01 (GBR still in the EU); in a view
 * from 2020-06, on 2020-06-01 (GBR out). */
static void
test_group_composition_dates(void **state)
{
  (void) state;
  GError *error = NULL;
  g_autoptr(CitynetNetwork) network = make_network();
  g_autoptr(CitynetAlignmentOptions) options = citynet_alignment_options_new();
  citynet_alignment_options_add_group(options, "EU");
  for (int pass = 0; pass < 2; pass++) {
    g_autoptr(CitynetView) view = pass == 0 ? make_view(network, "2019", "2019")
                                            : make_view(network, "2020-06", NULL);
    g_autoptr(CitynetGroupComposition) c =
      citynet_group_composition_new(view, 0, options, &error);
    assert_no_error(error);
    gsize eu_ties = 0;
    for (gsize r = 0; r < citynet_group_composition_n_rows(c); r++) {
      CitynetDimension dimension;
      const char *layer, *key;
      gsize ties;
      citynet_group_composition_row(c, r, &dimension, &layer, &key, NULL, &ties, NULL);
      if (dimension == CITYNET_DIMENSION_GROUP && layer == NULL && strcmp(key, "EU") == 0)
        eu_ties = ties;
    }
    /* 2019: t0 (2019-05-01, GBR in EU), t2 (on 2019-01-01) -> 2.
     * From 2020-06: t2 on 2020-06-01 (GBR out), t3 (DEU) -> 1. */
    assert_int_equal(eu_ties, pass == 0 ? 2 : 1);
  }
}

static void
test_group_composition_errors(void **state)
{
  (void) state;
  GError *error = NULL;
  g_autoptr(CitynetNetwork) network = make_network();
  g_autoptr(CitynetViewOptions) vo = citynet_view_options_new();
  citynet_view_options_add_kind(vo, "city");
  g_autoptr(CitynetView) view = citynet_view_new(network, vo, &error);
  assert_no_error(error);
  assert_null(citynet_group_composition_new(view, 6, NULL, &error));
  assert_citynet_error(error, CITYNET_ERROR_NOT_FOUND, "not in the view");
  assert_null(citynet_group_composition_new(view, 99, NULL, &error));
  assert_citynet_error(error, CITYNET_ERROR_NOT_FOUND, "does not exist");
}

/* ------------------------------------------------------------------------ */
/* Two-sample comparison                                                    */
/* ------------------------------------------------------------------------ */

/* F against g, all time, by country, ties.
 * F: GBR 3 (t0 t1 t2), DEU 1, AZE 1, "" 1 (o1), TUR 1 (g) = 7 entries.
 * g: AZE 1 (t6), DEU 1 (t7), TUR 1 (t8, partner F) = 3 entries.
 * Categories by pooled units: GBR 3, then AZE DEU TUR with 2, then "" 1. */
static void
test_alignment_profile(void **state)
{
  (void) state;
  GError *error = NULL;
  g_autoptr(CitynetNetwork) network = make_network();
  g_autoptr(CitynetView) view = make_view(network, NULL, NULL);
  g_autoptr(CitynetAlignmentOptions) options = groups_options();
  citynet_alignment_options_set_permutations(options, 2000);
  gsize focus = 0, baseline = 6;
  g_autoptr(CitynetAlignment) a =
    citynet_alignment_new(view, &focus, 1, NULL, &baseline, 1, options, &error);
  assert_no_error(error);

  gsize entries, baseline_entries;
  double units, baseline_units;
  citynet_alignment_totals(a, &entries, &units, &baseline_entries, &baseline_units);
  assert_int_equal(entries, 7);
  assert_int_equal(baseline_entries, 3);
  assert_double_close(units, 7, 0);
  assert_double_close(baseline_units, 3, 0);

  static const struct {
    const char *key;
    double share, baseline_share;
  } want[] = {
    { "GBR", 3 / 7., 0 }, { "AZE", 1 / 7., 1 / 3. }, { "DEU", 1 / 7., 1 / 3. },
    { "TUR", 1 / 7., 1 / 3. }, { "", 1 / 7., 0 },
  };
  assert_int_equal(citynet_alignment_n_categories(a), G_N_ELEMENTS(want));
  for (gsize k = 0; k < G_N_ELEMENTS(want); k++) {
    const char *key;
    double share, baseline_share, ratio;
    CitynetTestResult difference;
    citynet_alignment_category(a, k, &key, NULL, NULL, &share, &baseline_share, &ratio,
                               &difference);
    assert_string_equal(key, want[k].key);
    assert_double_close(share, want[k].share, 1e-12);
    assert_double_close(baseline_share, want[k].baseline_share, 1e-12);
    assert_double_close(difference.observed, want[k].share - want[k].baseline_share, 1e-12);
    if (want[k].baseline_share > 0)
      assert_double_close(ratio, want[k].share / want[k].baseline_share, 1e-12);
    else
      assert_true(isinf(ratio));
    assert_true(difference.n == 2000);
    assert_true(difference.lower <= difference.upper);
    assert_true(difference.p_two_sided > 0 && difference.p_two_sided <= 1);
  }

  /* JSD (base 2): P = (3,1,1,1,1)/7, Q = (0,1,1,1,0)/3,
   * M = (3/14, 5/21, 5/21, 5/21, 1/14).
   *   H(P) = -(3/7 log2 3/7 + 4 · 1/7 log2 1/7) = 2.1280852788913944
   *   H(Q) = log2 3                             = 1.5849625007211560
   *   H(M) = -(3/14 log2 3/14 + 3 · 5/21 log2 5/21 + 1/14 log2 1/14)
   *        = 2.2270303903557807
   *   JSD  = H(M) - (H(P) + H(Q))/2 = 0.3705065005495054 */
  CitynetTestResult jsd;
  citynet_alignment_jsd(a, &jsd);
  assert_double_close(jsd.observed, 0.3705065005495054, 1e-12);
  assert_true(jsd.p_greater > 0 && jsd.p_greater <= 1);

  /* Blau: F 1 - 13/49 = 36/49; g 1 - 3/9 = 2/3; difference 10/147.
   * IQV with K = 5 view categories: 45/49 and 5/6. */
  double blau, baseline_blau, iqv, baseline_iqv;
  CitynetTestResult blau_difference;
  citynet_alignment_blau(a, &blau, &baseline_blau, &iqv, &baseline_iqv, &blau_difference);
  assert_double_close(blau, 36. / 49, 1e-12);
  assert_double_close(baseline_blau, 2. / 3, 1e-12);
  assert_double_close(iqv, 45. / 49, 1e-12);
  assert_double_close(baseline_iqv, 5. / 6, 1e-12);
  assert_double_close(blau_difference.observed, 10. / 147, 1e-12);

  /* Tie-level E-I, owner's label against the partner's on the tie date
   * (o1 has no country: left out):
   *   country: F (TUR) E = GBR GBR GBR DEU AZE = 5, I = g = 1 -> 2/3;
   *            g (TUR) E = AZE DEU, I = F -> 1/3.
   *   EU (TUR never in): F E = t0 t2 t3, I = t1 t4 t8 -> 0;
   *            g E = t7, I = t6 t8 -> -1/3.
   *   NATO (TUR in): F I = t0 t1 t2 t3 t8, E = t4 -> -2/3;
   *            g I = t7 t8, E = t6 -> -1/3.
   *   OTS (TUR in since 2009-10-03): F I = t4 t8, E = t0 t1 t2 t3 -> 1/3;
   *            g I = t6 t8, E = t7 -> -1/3. */
  static const struct {
    const char *name;
    double ei, baseline_ei;
  } ei_want[] = {
    { "country", 2 / 3., 1 / 3. }, { "EU", 0, -1 / 3. }, { "NATO", -2 / 3., -1 / 3. },
    { "OTS", 1 / 3., -1 / 3. },
  };
  assert_int_equal(citynet_alignment_n_partitions(a), 4);
  for (gsize p = 0; p < 4; p++) {
    const char *name;
    double ei, baseline_ei;
    CitynetTestResult difference;
    citynet_alignment_ei(a, p, &name, &ei, &baseline_ei, &difference);
    assert_string_equal(name, ei_want[p].name);
    assert_double_close(ei, ei_want[p].ei, 1e-12);
    assert_double_close(baseline_ei, ei_want[p].baseline_ei, 1e-12);
    assert_double_close(difference.observed, ei_want[p].ei - ei_want[p].baseline_ei, 1e-12);
  }
  assert_false(citynet_alignment_has_affinity(a));
}

/* By group, weight unit: F's entries (weight, groups):
 *   t0 (1, EU NATO) t1 (2, NATO) t2 (1, EU NATO) t3 (3, EU NATO)
 *   t4 (1, OTS) t5 (1, none) t8 (1, NATO OTS): total 10.
 * g's: t6 (1, OTS) t7 (1, EU NATO) t8 (1, NATO OTS; partner F is TUR).
 * Shares (in G): F EU 5/10, NATO 8/10, OTS 2/10, "" 1/10;
 *                g EU 1/3, NATO 2/3, OTS 2/3, "" 0.
 * Fractional distributions: F EU .25 NATO .5 OTS .15 "" .1;
 *                           g EU 1/6 NATO 1/3 OTS 1/2 "" 0. */
static void
test_alignment_groups_weight(void **state)
{
  (void) state;
  GError *error = NULL;
  g_autoptr(CitynetNetwork) network = make_network();
  g_autoptr(CitynetView) view = make_view(network, NULL, NULL);
  g_autoptr(CitynetAlignmentOptions) options = groups_options();
  citynet_alignment_options_set_dimension(options, CITYNET_DIMENSION_GROUP);
  citynet_alignment_options_set_unit(options, CITYNET_UNIT_WEIGHT);
  citynet_alignment_options_set_permutations(options, 0);
  gsize focus = 0, baseline = 6;
  g_autoptr(CitynetAlignment) a =
    citynet_alignment_new(view, &focus, 1, NULL, &baseline, 1, options, &error);
  assert_no_error(error);
  static const struct {
    const char *key;
    double share, baseline_share;
  } want[] = {
    { "EU", 0.5, 1 / 3. }, { "NATO", 0.8, 2 / 3. }, { "OTS", 0.2, 2 / 3. }, { "", 0.1, 0 },
  };
  assert_int_equal(citynet_alignment_n_categories(a), 4);
  for (gsize k = 0; k < 4; k++) {
    const char *key;
    double share, baseline_share;
    CitynetTestResult difference;
    citynet_alignment_category(a, k, &key, NULL, NULL, &share, &baseline_share, NULL,
                               &difference);
    assert_string_equal(key, want[k].key);
    assert_double_close(share, want[k].share, 1e-12);
    assert_double_close(baseline_share, want[k].baseline_share, 1e-12);
    assert_int_equal(difference.n, 0); /* no permutations asked */
    assert_true(isnan(difference.p_two_sided));
  }
  /* JSD of (.25, .5, .15, .1) and (1/6, 1/3, 1/2, 0):
   * M = (5/24, 5/12, 13/40, 1/20);
   * H(P) = 1.7427376486136672, H(Q) = 1.4591479170272448,
   * H(M) = 1.7408099641663604 -> JSD = 0.1398671813459045.
   * Blau: F 1 - .345 = .655; g 1 - (1/36 + 1/9 + 1/4) = 11/18. */
  CitynetTestResult jsd;
  citynet_alignment_jsd(a, &jsd);
  assert_double_close(jsd.observed, 0.1398671813459045, 1e-12);
  double blau, baseline_blau;
  citynet_alignment_blau(a, &blau, &baseline_blau, NULL, NULL, NULL);
  assert_double_close(blau, 0.655, 1e-12);
  assert_double_close(baseline_blau, 11. / 18, 1e-12);
}

/* Affinity "aff": GBR .8, DEU .6, AZE .9, TUR 1; o1 has none.
 * F (ties): .8 .8 .8 .6 .9 1 (6 values, 1 missing): mean 4.9/6;
 *   sorted .6 .8 .8 .8 .9 1: median (cumulative 3 of 6 reached at .8) .8.
 * g: .9 .6 1: mean 2.5/3, median .9 (cumulative 2 >= 1.5).
 * Differences: mean 4.9/6 - 2.5/3 = -1/60, median -.1.
 * Weight unit: F weights 1 2 1 3 1 1 on .8 .8 .8 .6 .9 1: mean 6.9/9. */
static void
test_alignment_affinity(void **state)
{
  (void) state;
  GError *error = NULL;
  g_autoptr(CitynetNetwork) network = make_network();
  static const struct {
    const char *iso3;
    double value;
  } aff[] = { { "GBR", 0.8 }, { "DEU", 0.6 }, { "AZE", 0.9 }, { "TUR", 1.0 } };
  for (gsize i = 0; i < G_N_ELEMENTS(aff); i++)
    assert_true(citynet_network_set_country_attribute(network, aff[i].iso3, "aff",
                                                      aff[i].value, &error));
  g_autoptr(CitynetView) view = make_view(network, NULL, NULL);
  g_autoptr(CitynetAlignmentOptions) options = groups_options();
  citynet_alignment_options_set_affinity(options, "aff");
  citynet_alignment_options_set_permutations(options, 500);
  gsize focus = 0, baseline = 6;
  g_autoptr(CitynetAlignment) a =
    citynet_alignment_new(view, &focus, 1, NULL, &baseline, 1, options, &error);
  assert_no_error(error);
  assert_true(citynet_alignment_has_affinity(a));
  gsize n, missing;
  double mean;
  citynet_alignment_affinity(a, FALSE, &n, &missing, &mean);
  assert_int_equal(n, 6);
  assert_int_equal(missing, 1);
  assert_double_close(mean, 4.9 / 6, 1e-12);
  citynet_alignment_affinity(a, TRUE, &n, &missing, &mean);
  assert_int_equal(n, 3);
  assert_int_equal(missing, 0);
  assert_double_close(mean, 2.5 / 3, 1e-12);
  assert_double_close(citynet_alignment_affinity_quantile(a, FALSE, 0.5), 0.8, 0);
  assert_double_close(citynet_alignment_affinity_quantile(a, FALSE, 0.0), 0.6, 0);
  assert_double_close(citynet_alignment_affinity_quantile(a, FALSE, 1.0), 1.0, 0);
  /* 0.25 of 6 = 1.5: cumulative 1 at .6, 2 at .8 -> .8. */
  assert_double_close(citynet_alignment_affinity_quantile(a, FALSE, 0.25), 0.8, 0);
  assert_double_close(citynet_alignment_affinity_quantile(a, TRUE, 0.5), 0.9, 0);
  CitynetTestResult mean_test, median_test;
  citynet_alignment_affinity_test(a, FALSE, &mean_test);
  citynet_alignment_affinity_test(a, TRUE, &median_test);
  assert_double_close(mean_test.observed, -1. / 60, 1e-12);
  assert_double_close(median_test.observed, -0.1, 1e-12);
  assert_int_equal(mean_test.n, 500);

  citynet_alignment_options_set_unit(options, CITYNET_UNIT_WEIGHT);
  g_autoptr(CitynetAlignment) w =
    citynet_alignment_new(view, &focus, 1, NULL, &baseline, 1, options, &error);
  assert_no_error(error);
  citynet_alignment_affinity(w, FALSE, NULL, NULL, &mean);
  assert_double_close(mean, 6.9 / 9, 1e-12);
}

/* F in 2015..2019 against F in 2020..2021 (a period comparison):
 *   2015..2019: t0 (2019-05-01), t2 (2015 ..), t5 (2010 ..) = 3 entries;
 *   2020..2021: t1 t2 t3 t4 t5 t8 = 6 entries. */
static void
test_alignment_periods(void **state)
{
  (void) state;
  GError *error = NULL;
  g_autoptr(CitynetNetwork) network = make_network();
  g_autoptr(CitynetView) later = make_view(network, "2020", "2021");
  g_autoptr(CitynetView) earlier = make_view(network, "2015", "2019");
  g_autoptr(CitynetAlignmentOptions) options = groups_options();
  citynet_alignment_options_set_permutations(options, 300);
  gsize focus = 0;
  g_autoptr(CitynetAlignment) a =
    citynet_alignment_new(later, &focus, 1, earlier, NULL, 0, options, &error);
  assert_no_error(error);
  gsize entries, baseline_entries;
  citynet_alignment_totals(a, &entries, NULL, &baseline_entries, NULL);
  assert_int_equal(entries, 6);
  assert_int_equal(baseline_entries, 3);
  /* GBR: later t1 t2 = 2/6, earlier t0 t2 = 2/3. */
  for (gsize k = 0; k < citynet_alignment_n_categories(a); k++) {
    const char *key;
    double share, baseline_share;
    citynet_alignment_category(a, k, &key, NULL, NULL, &share, &baseline_share, NULL, NULL);
    if (strcmp(key, "GBR") == 0) {
      assert_double_close(share, 2. / 6, 1e-12);
      assert_double_close(baseline_share, 2. / 3, 1e-12);
    }
  }
  /* The same view and nodes is no comparison. */
  assert_null(citynet_alignment_new(later, &focus, 1, NULL, NULL, 0, options, &error));
  assert_citynet_error(error, CITYNET_ERROR_INVALID_ARGUMENT, "baseline is the focus");
}

static void
test_alignment_errors(void **state)
{
  (void) state;
  GError *error = NULL;
  g_autoptr(CitynetNetwork) network = make_network();
  g_autoptr(CitynetView) view = make_view(network, NULL, NULL);
  g_autoptr(CitynetAlignmentOptions) options = citynet_alignment_options_new();
  gsize focus = 0, twice[2] = { 6, 6 }, missing = 42;
  assert_null(citynet_alignment_new(view, &focus, 1, NULL, twice, 2, options, &error));
  assert_citynet_error(error, CITYNET_ERROR_INVALID_ARGUMENT, "named twice");
  assert_null(citynet_alignment_new(view, &focus, 1, NULL, &missing, 1, options, &error));
  assert_citynet_error(error, CITYNET_ERROR_NOT_FOUND, "does not exist");
  assert_null(citynet_alignment_new(view, &focus, 0, NULL, twice, 1, options, &error));
  assert_citynet_error(error, CITYNET_ERROR_INVALID_ARGUMENT, "has no node");
  citynet_alignment_options_set_unit(options, CITYNET_UNIT_ALTERS);
  assert_null(citynet_alignment_new(view, &focus, 1, NULL, twice, 1, options, &error));
  assert_citynet_error(error, CITYNET_ERROR_INVALID_ARGUMENT, "not alters");
  citynet_alignment_options_set_unit(options, CITYNET_UNIT_TIES);
  citynet_alignment_options_set_dimension(options, CITYNET_DIMENSION_LAYER);
  assert_null(citynet_alignment_new(view, &focus, 1, NULL, twice, 1, options, &error));
  assert_citynet_error(error, CITYNET_ERROR_INVALID_ARGUMENT, "by country or by group");
  assert_false(citynet_alignment_options_set_level(options, 1.0, &error));
  assert_citynet_error(error, CITYNET_ERROR_INVALID_ARGUMENT, "between 0 and 1");
  assert_false(citynet_alignment_options_set_label_date(options, "2019-13", &error));
  assert_non_null(error);
  g_clear_error(&error);
}

/* Two clearly different samples: 40 focus entries all with partners in
 * XXX, 40 baseline entries all in YYY. JSD = 1; no permutation reaches it
 * (a permuted side is all-XXX only when the sides swap entirely, with
 * probability 1/C(80, 40)), so p_greater = 1/(n + 1). The bootstrap keeps
 * each side pure: its interval is [1, 1]. Results do not depend on the
 * number of threads. */
static CitynetNetwork *
make_two_blocs(void)
{
  GError *error = NULL;
  CitynetNetwork *network = citynet_network_new();
  assert_true(citynet_network_add_country(network, "XXX", NULL, &error) >= 0);
  assert_true(citynet_network_add_country(network, "YYY", NULL, &error) >= 0);
  assert_true(citynet_network_add_node(network, "A", "city", NULL, "XXX", &error) == 0);
  assert_true(citynet_network_add_node(network, "B", "city", NULL, "YYY", &error) == 1);
  for (int i = 0; i < 40; i++) {
    char *x = g_strdup_printf("x%d", i), *y = g_strdup_printf("y%d", i);
    assert_true(citynet_network_add_node(network, x, "city", NULL, "XXX", &error) >= 0);
    assert_true(citynet_network_add_node(network, y, "city", NULL, "YYY", &error) >= 0);
    assert_true(citynet_network_add_tie(network, "A", x, "visit", 1, FALSE, NULL, NULL,
                                        NULL, &error) >= 0);
    assert_true(citynet_network_add_tie(network, "B", y, "visit", 1, FALSE, NULL, NULL,
                                        NULL, &error) >= 0);
    g_free(x);
    g_free(y);
  }
  assert_no_error(error);
  return network;
}

static void
test_alignment_strong_difference(void **state)
{
  (void) state;
  GError *error = NULL;
  g_autoptr(CitynetNetwork) network = make_two_blocs();
  g_autoptr(CitynetView) view = make_view(network, NULL, NULL);
  g_autoptr(CitynetAlignmentOptions) options = citynet_alignment_options_new();
  citynet_alignment_options_set_permutations(options, 999);
  citynet_alignment_options_set_seed(options, 7);
  gsize a_node = 0, b_node = 1;
  CitynetTestResult results[3][2];
  for (guint threads = 1; threads <= 3; threads++) {
    citynet_alignment_options_set_threads(options, threads);
    for (int bootstrap = 0; bootstrap < 2; bootstrap++) {
      citynet_alignment_options_set_interval(options, bootstrap ? CITYNET_INTERVAL_BOOTSTRAP
                                                                : CITYNET_INTERVAL_PERMUTATION);
      g_autoptr(CitynetAlignment) a =
        citynet_alignment_new(view, &a_node, 1, NULL, &b_node, 1, options, &error);
      assert_no_error(error);
      citynet_alignment_jsd(a, &results[threads - 1][bootstrap]);
    }
  }
  CitynetTestResult *p = &results[0][0], *b = &results[0][1];
  assert_double_close(p->observed, 1.0, 1e-12);
  assert_double_close(p->p_greater, 1.0 / 1000, 1e-12);
  assert_true(p->upper < 0.2); /* the null keeps the sides mixed */
  assert_double_close(b->lower, 1.0, 1e-12);
  assert_double_close(b->upper, 1.0, 1e-12);
  assert_double_close(b->p_greater, 1.0 / 1000, 1e-12); /* p from permutations */
  for (int t = 1; t < 3; t++)
    for (int k = 0; k < 2; k++)
      assert_memory_equal(&results[t][k], &results[0][k], sizeof(CitynetTestResult));
}

int
main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_group_composition),
    cmocka_unit_test(test_group_composition_dates),
    cmocka_unit_test(test_group_composition_errors),
    cmocka_unit_test(test_alignment_profile),
    cmocka_unit_test(test_alignment_groups_weight),
    cmocka_unit_test(test_alignment_affinity),
    cmocka_unit_test(test_alignment_periods),
    cmocka_unit_test(test_alignment_errors),
    cmocka_unit_test(test_alignment_strong_difference),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
