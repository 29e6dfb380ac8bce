/* Partitions, community detection, modularity and partition comparison on
 * small graphs whose values are worked out by hand in the comments. */
#include <math.h>
#include <string.h>

#include "analytics-fixtures.h"
#include "partition-private.h"

#define EXACT 1e-14

/* ------------------------------------------------------------------------ */
/* Fixtures                                                                 */
/* ------------------------------------------------------------------------ */

/* Two triangles joined by one edge, all weights 1:
 *
 *   a1        b2
 *   | \      / |
 *   |  a3 - b1 |
 *   | /      \ |
 *   a2        b3                                                     */
static CitynetView *
two_triangles(void)
{
  static const char *const ids[] = { "a1", "a2", "a3", "b1", "b2", "b3" };
  static const FixtureTie ties[] = {
    { "a1", "a2", 1, FALSE }, { "a1", "a3", 1, FALSE },
    { "a2", "a3", 1, FALSE }, { "b1", "b2", 1, FALSE },
    { "b1", "b3", 1, FALSE }, { "b2", "b3", 1, FALSE },
    { "a3", "b1", 1, FALSE },
  };
  CitynetNetwork *network = fixture_network(ids, G_N_ELEMENTS(ids), ties,
                                            G_N_ELEMENTS(ties));
  CitynetView *view = fixture_view(network, CITYNET_DIRECTION_AUTO,
                                   CITYNET_COMBINE_SUM);
  citynet_network_unref(network);
  return view;
}

/* Six cities and an organisation in four countries, with dated groups and
 * an extra attribute:
 *
 *   node  kind          country  region
 *   ist   city          TUR      europe
 *   ank   city          TUR      asia
 *   ath   city          GRC      europe
 *   ber   city          DEU      europe
 *   lon   city          GBR      (empty)
 *   ots   organisation  -        -
 *
 *   EU:   GRC since 1981, DEU since 1958, GBR 1973 to 2020-01-31
 *   NATO: TUR, GRC 1952; DEU 1955; GBR 1949
 *   OTS:  TUR since 2009-10-03                                        */
static CitynetNetwork *
countries_network(void)
{
  GError *error = NULL;
  CitynetNetwork *network = citynet_network_new();
  static const char *const countries[][2] = {
    { "TUR", "Türkiye" }, { "GRC", "Greece" }, { "DEU", "Germany" },
    { "GBR", "United Kingdom" },
  };
  for (gsize i = 0; i < G_N_ELEMENTS(countries); i++)
    assert_true(citynet_network_add_country(network, countries[i][0],
                                            countries[i][1], &error) >= 0);
  static const char *const groups[][4] = {
    { "GRC", "EU", "1981-01-01", NULL }, { "DEU", "EU", "1958-01-01", NULL },
    { "GBR", "EU", "1973-01-01", "2020-01-31" },
    { "TUR", "NATO", "1952-02-18", NULL }, { "GRC", "NATO", "1952-02-18", NULL },
    { "DEU", "NATO", "1955-05-06", NULL }, { "GBR", "NATO", "1949-04-04", NULL },
    { "TUR", "OTS", "2009-10-03", NULL },
  };
  for (gsize i = 0; i < G_N_ELEMENTS(groups); i++)
    assert_true(citynet_network_add_country_group(network, groups[i][0], groups[i][1],
                                                  groups[i][2], groups[i][3], NULL,
                                                  &error));
  static const char *const nodes[][4] = {
    { "ist", "city", "TUR", "europe" }, { "ank", "city", "TUR", "asia" },
    { "ath", "city", "GRC", "europe" }, { "ber", "city", "DEU", "europe" },
    { "lon", "city", "GBR", "" }, { "ots", "organisation", NULL, NULL },
  };
  for (gsize i = 0; i < G_N_ELEMENTS(nodes); i++) {
    assert_int_equal(citynet_network_add_node(network, nodes[i][0], nodes[i][1], NULL,
                                              nodes[i][2], &error), (gssize) i);
    if (nodes[i][3] != NULL)
      assert_true(citynet_network_set_node_attribute(network, i, "region",
                                                     nodes[i][3], &error));
  }
  static const char *const ties[][2] = {
    { "ist", "ank" }, { "ist", "ath" }, { "ath", "ber" }, { "ber", "lon" },
    { "ist", "ots" }, { "ank", "ots" },
  };
  for (gsize i = 0; i < G_N_ELEMENTS(ties); i++)
    assert_true(citynet_network_add_tie(network, ties[i][0], ties[i][1], "sister", 1,
                                        FALSE, NULL, NULL, NULL, &error) >= 0);
  assert_no_error(error);
  return network;
}

static CitynetView *
countries_view(void)
{
  CitynetNetwork *network = countries_network();
  GError *error = NULL;
  CitynetView *view = citynet_view_new(network, NULL, &error);
  assert_no_error(error);
  citynet_network_unref(network);
  return view;
}

/* The label names of every vertex, joined: "DEU GBR ...". */
static char *
labels_of(const CitynetPartition *partition)
{
  GString *text = g_string_new(NULL);
  for (gsize v = 0; v < citynet_partition_n(partition); v++)
    g_string_append_printf(text, "%s%s", v > 0 ? " " : "",
                           citynet_partition_label_name(partition,
                                                        citynet_partition_label(partition, v)));
  return g_string_free(text, FALSE);
}

#define assert_labels(partition, expected)                                   \
  do {                                                                       \
    char *_got = labels_of(partition);                                       \
    assert_string_equal(_got, expected);                                     \
    g_free(_got);                                                            \
  } while (0)

static CitynetPartition *
by_spec(CitynetView *view, const char *spec)
{
  GError *error = NULL;
  CitynetPartition *partition = citynet_partition_new_by_spec(view, spec, &error);
  assert_no_error(error);
  assert_non_null(partition);
  return partition;
}

static CitynetPartition *
from_membership(CitynetView *view, const gint64 *membership, gsize n)
{
  GError *error = NULL;
  CitynetPartition *partition =
    citynet_partition_new_from_membership(view, membership, n, &error);
  assert_no_error(error);
  assert_non_null(partition);
  return partition;
}

static double
modularity(const CitynetPartition *partition, double resolution, gboolean weighted,
           gboolean directed)
{
  GError *error = NULL;
  CitynetCommunityOptions *options = citynet_community_options_new();
  assert_true(citynet_community_options_set_resolution(options, resolution, &error));
  citynet_community_options_set_weighted(options, weighted);
  citynet_community_options_set_directed(options, directed);
  double q = -99;
  assert_true(citynet_partition_modularity(partition, options, &q, &error));
  assert_no_error(error);
  citynet_community_options_free(options);
  return q;
}

/* ------------------------------------------------------------------------ */
/* Partitions by attribute                                                  */
/* ------------------------------------------------------------------------ */

static void
test_by_country_and_kind(void **state)
{
  CitynetView *view = countries_view();
  /* Codes sorted, nodes without a country last. */
  CitynetPartition *p = citynet_partition_new_by_country(view);
  assert_string_equal(citynet_partition_get_source(p), "country");
  assert_int_equal(citynet_partition_n(p), 6);
  assert_int_equal(citynet_partition_n_labels(p), 5);
  assert_labels(p, "TUR TUR GRC DEU GBR (none)");
  assert_string_equal(citynet_partition_label_name(p, 0), "DEU");
  assert_string_equal(citynet_partition_label_name(p, 4), CITYNET_PARTITION_MISSING_NAME);
  assert_int_equal(citynet_partition_missing_label(p), 4);
  assert_int_equal(citynet_partition_label_size(p, 3), 2);  /* TUR */
  assert_int_equal(citynet_partition_find_label(p, "GRC"), 2);
  assert_int_equal(citynet_partition_find_label(p, "FRA"), -1);
  gsize n;
  const guint *membership = citynet_partition_membership(p, &n);
  assert_int_equal(n, 6);
  assert_int_equal(membership[0], 3);
  assert_int_equal(membership[5], 4);
  citynet_partition_free(p);

  p = citynet_partition_new_by_kind(view);
  assert_labels(p, "city city city city city organisation");
  assert_int_equal(citynet_partition_n_labels(p), 2);
  assert_int_equal(citynet_partition_missing_label(p), -1);
  citynet_partition_free(p);
  citynet_view_unref(view);
}

static void
test_by_attribute(void **state)
{
  CitynetView *view = countries_view();
  GError *error = NULL;
  /* Values sorted; the empty value of lon and the absent one of ots are
   * both missing. */
  CitynetPartition *p = citynet_partition_new_by_attribute(view, "region", &error);
  assert_no_error(error);
  assert_labels(p, "europe asia europe europe (none) (none)");
  assert_string_equal(citynet_partition_get_source(p), "attr:region");
  assert_int_equal(citynet_partition_n_labels(p), 3);
  assert_int_equal(citynet_partition_missing_label(p), 2);
  citynet_partition_free(p);

  assert_null(citynet_partition_new_by_attribute(view, "colour", &error));
  assert_citynet_error(error, CITYNET_ERROR_NOT_FOUND, "known: region");
  citynet_view_unref(view);
}

static void
test_by_group_at_dates(void **state)
{
  CitynetView *view = countries_view();
  GError *error = NULL;
  CitynetDate day;

  /* 2021: the UK has left the EU (2020-01-31). */
  assert_true(citynet_date_parse("2021-01-01", &day, NULL));
  CitynetPartition *p = citynet_partition_new_by_group(view, "EU", day, &error);
  assert_no_error(error);
  assert_labels(p, "not EU not EU EU EU not EU not EU");
  assert_string_equal(citynet_partition_get_source(p), "group:EU@2021-01-01");
  assert_int_equal(citynet_partition_label_size(p, 0), 2);
  assert_int_equal(citynet_partition_label_size(p, 1), 4);
  citynet_partition_free(p);

  /* The last day of membership still counts. */
  assert_true(citynet_date_parse("2020-01-31", &day, NULL));
  p = citynet_partition_new_by_group(view, "EU", day, &error);
  assert_labels(p, "not EU not EU EU EU EU not EU");
  citynet_partition_free(p);

  /* Now (open date): spells with an open end. */
  p = citynet_partition_new_by_group(view, "EU", CITYNET_DATE_OPEN, &error);
  assert_labels(p, "not EU not EU EU EU not EU not EU");
  assert_string_equal(citynet_partition_get_source(p), "group:EU@now");
  citynet_partition_free(p);

  /* A group nobody belonged to then: an empty label. */
  assert_true(citynet_date_parse("2000", &day, NULL));
  p = citynet_partition_new_by_group(view, "OTS", day, &error);
  assert_labels(p, "not OTS not OTS not OTS not OTS not OTS not OTS");
  assert_int_equal(citynet_partition_label_size(p, 0), 0);
  citynet_partition_free(p);

  assert_null(citynet_partition_new_by_group(view, "ASEAN", day, &error));
  assert_citynet_error(error, CITYNET_ERROR_NOT_FOUND, "known: EU, NATO, OTS");
  assert_no_error(error);
  citynet_view_unref(view);
}

static void
test_by_groups_first_in_order(void **state)
{
  CitynetView *view = countries_view();
  GError *error = NULL;
  CitynetDate day;
  assert_true(citynet_date_parse("2021-01-01", &day, NULL));

  /* EU first: Athens and Berlin are EU although also in NATO. */
  const char *eu_nato[] = { "EU", "NATO" };
  CitynetPartition *p = citynet_partition_new_by_groups(view, eu_nato, 2, day, NULL, &error);
  assert_no_error(error);
  assert_labels(p, "NATO NATO EU EU NATO other");
  assert_int_equal(citynet_partition_n_labels(p), 3);
  assert_string_equal(citynet_partition_label_name(p, 2), "other");
  assert_string_equal(citynet_partition_get_source(p), "groups:EU,NATO@2021-01-01");
  citynet_partition_free(p);

  const char *ots_eu[] = { "OTS", "EU" };
  p = citynet_partition_new_by_groups(view, ots_eu, 2, day, "rest", &error);
  assert_labels(p, "OTS OTS EU EU rest rest");
  citynet_partition_free(p);

  const char *twice[] = { "EU", "EU" };
  assert_null(citynet_partition_new_by_groups(view, twice, 2, day, NULL, &error));
  assert_citynet_error(error, CITYNET_ERROR_INVALID_ARGUMENT, "listed twice");
  assert_null(citynet_partition_new_by_groups(view, eu_nato, 2, day, "EU", &error));
  assert_citynet_error(error, CITYNET_ERROR_INVALID_ARGUMENT, "also a group");
  assert_null(citynet_partition_new_by_groups(view, eu_nato, 0, day, NULL, &error));
  assert_citynet_error(error, CITYNET_ERROR_INVALID_ARGUMENT, "at least one group");
  citynet_view_unref(view);
}

static void
test_by_spec(void **state)
{
  CitynetView *view = countries_view();
  GError *error = NULL;
  CitynetPartition *p = by_spec(view, "group:EU@2019-06");
  /* A partial date stands for its first day: 2019-06-01, UK in the EU. */
  assert_string_equal(citynet_partition_get_source(p), "group:EU@2019-06-01");
  assert_labels(p, "not EU not EU EU EU EU not EU");
  citynet_partition_free(p);

  p = by_spec(view, "groups:OTS,NATO@2021");
  assert_labels(p, "OTS OTS NATO NATO NATO other");
  citynet_partition_free(p);

  p = by_spec(view, "attr:region");
  assert_string_equal(citynet_partition_get_source(p), "attr:region");
  citynet_partition_free(p);
  p = by_spec(view, "kind");
  citynet_partition_free(p);
  p = by_spec(view, "country");
  citynet_partition_free(p);

  /* Without a date: the view's last day, or now. */
  p = by_spec(view, "group:EU");
  assert_string_equal(citynet_partition_get_source(p), "group:EU@now");
  citynet_partition_free(p);
  CitynetViewOptions *options = citynet_view_options_new();
  assert_true(citynet_view_options_set_at(options, "2019", NULL));
  CitynetView *in_2019 = citynet_view_new(citynet_view_get_network(view), options, NULL);
  p = by_spec(in_2019, "group:EU");
  assert_string_equal(citynet_partition_get_source(p), "group:EU@2019-12-31");
  assert_labels(p, "not EU not EU EU EU EU not EU");
  citynet_partition_free(p);
  citynet_view_unref(in_2019);
  citynet_view_options_free(options);

  static const char *const bad[][2] = {
    { "", "empty" }, { "colour", "unknown form" }, { "attr:", "no attribute" },
    { "group:", "no group name" }, { "group:EU@", "date after '@' is empty" },
    { "groups:EU,,NATO", "empty group name" }, { "group:EU@2021-13", "" },
  };
  for (gsize i = 0; i < G_N_ELEMENTS(bad); i++) {
    assert_null(citynet_partition_new_by_spec(view, bad[i][0], &error));
    assert_citynet_error(error, CITYNET_ERROR_INVALID_ARGUMENT, bad[i][1]);
  }
  assert_null(citynet_partition_new_by_spec(view, "group:G20", &error));
  assert_citynet_error(error, CITYNET_ERROR_NOT_FOUND, "G20");
  citynet_view_unref(view);
}

static void
test_from_labels_and_membership(void **state)
{
  CitynetView *view = countries_view();
  GError *error = NULL;
  /* Labels in order of first appearance, then the unlisted one. */
  const gsize nodes[] = { 2, 0, 3 };
  const char *labels[] = { "west", "east", "west" };
  CitynetPartition *p = citynet_partition_new_from_labels(view, nodes, labels, 3,
                                                          "elsewhere", &error);
  assert_no_error(error);
  assert_labels(p, "east elsewhere west west elsewhere elsewhere");
  assert_string_equal(citynet_partition_label_name(p, 0), "west");
  assert_string_equal(citynet_partition_label_name(p, 2), "elsewhere");
  assert_string_equal(citynet_partition_get_source(p), "labels");
  citynet_partition_free(p);

  assert_null(citynet_partition_new_from_labels(view, nodes, labels, 3, NULL, &error));
  assert_citynet_error(error, CITYNET_ERROR_INVALID_ARGUMENT, "\"ank\" of the view has no label");
  const gsize repeated[] = { 2, 2 };
  assert_null(citynet_partition_new_from_labels(view, repeated, labels, 2, "x", &error));
  assert_citynet_error(error, CITYNET_ERROR_INVALID_ARGUMENT, "listed twice");
  const char *empty[] = { "", "a" };
  assert_null(citynet_partition_new_from_labels(view, nodes, empty, 2, "x", &error));
  assert_citynet_error(error, CITYNET_ERROR_INVALID_ARGUMENT, "empty or invalid label");
  const gsize outside[] = { 42 };
  assert_null(citynet_partition_new_from_labels(view, outside, labels, 1, "x", &error));
  assert_citynet_error(error, CITYNET_ERROR_NOT_FOUND, "does not exist");

  /* Any integers; renumbered by first appearance. */
  const gint64 raw[] = { 7, -3, 7, 100, -3, 5 };
  p = from_membership(view, raw, 6);
  assert_labels(p, "0 1 0 2 1 3");
  assert_string_equal(citynet_partition_get_source(p), "membership");
  citynet_partition_free(p);
  assert_null(citynet_partition_new_from_membership(view, raw, 5, &error));
  assert_citynet_error(error, CITYNET_ERROR_INVALID_ARGUMENT, "5 labels for a view of 6");
  citynet_view_unref(view);
}

static void
test_ranked_by_size(void **state)
{
  CitynetView *view = countries_view();
  /* Sizes: raw 9 -> 1 vertex, raw 4 -> 3 vertices, raw 1 -> 2 vertices:
   * largest first; raw 9 and a size tie broken by lowest vertex. */
  const gint64 raw[] = { 9, 4, 1, 4, 1, 4 };
  CitynetPartition *p = citynet_partition_new_ranked(view, "test", raw);
  assert_labels(p, "2 0 1 0 1 0");
  citynet_partition_free(p);
  const gint64 tie[] = { 5, 5, 3, 3, 8, 8 };
  p = citynet_partition_new_ranked(view, "test", tie);
  assert_labels(p, "0 0 1 1 2 2");
  citynet_partition_free(p);
  citynet_view_unref(view);
}

/* ------------------------------------------------------------------------ */
/* Modularity                                                               */
/* ------------------------------------------------------------------------ */

/* Two triangles: m = 7; degrees a1 2, a2 2, a3 3, b1 3, b2 2, b3 2.
 * Q = sum over communities of L_c/m - gamma (d_c / 2m)^2.
 *   {a}, {b}: L = 3 each, d = 7 each: 2 (3/7 - (7/14)^2) = 2 (3/7 - 1/4)
 *             = 2 (12 - 7)/28 = 5/14.
 *   gamma = 2: 2 (3/7 - 2/4) = 2 (12 - 14)/28 = -1/7.
 *   one community: 7/7 - (14/14)^2 = 0.
 *   singletons: -(4 + 4 + 9 + 9 + 4 + 4)/196 = -34/196 = -17/98. */
static void
test_modularity_two_triangles(void **state)
{
  CitynetView *view = two_triangles();
  const gint64 blocs[] = { 0, 0, 0, 1, 1, 1 };
  const gint64 one[] = { 0, 0, 0, 0, 0, 0 };
  const gint64 alone[] = { 0, 1, 2, 3, 4, 5 };
  CitynetPartition *p = from_membership(view, blocs, 6);
  assert_double_close(modularity(p, 1.0, TRUE, FALSE), 5.0 / 14.0, EXACT);
  assert_double_close(modularity(p, 2.0, TRUE, FALSE), -1.0 / 7.0, EXACT);
  assert_double_close(modularity(p, 1.0, FALSE, FALSE), 5.0 / 14.0, EXACT);
  /* NULL options: weighted, resolution 1. */
  double q;
  assert_true(citynet_partition_modularity(p, NULL, &q, NULL));
  assert_double_close(q, 5.0 / 14.0, EXACT);
  citynet_partition_free(p);
  p = from_membership(view, one, 6);
  assert_double_close(modularity(p, 1.0, TRUE, FALSE), 0.0, EXACT);
  citynet_partition_free(p);
  p = from_membership(view, alone, 6);
  assert_double_close(modularity(p, 1.0, TRUE, FALSE), -17.0 / 98.0, EXACT);
  citynet_partition_free(p);
  citynet_view_unref(view);
}

/* Weighted two blocs (fixture_two_blocs): bloc ties 2, bridge 1. m = 13,
 * 2m = 26; strengths a1 4, a2 4, a3 5 (sum 13), b likewise.
 *   {a}, {b}: 2 (6/13 - (13/26)^2) = 12/13 - 1/2 = 11/26.
 *   unweighted (every pair 1): the two triangles' 5/14. */
static void
test_modularity_weighted_blocs(void **state)
{
  CitynetView *view = fixture_two_blocs();
  const gint64 blocs[] = { 0, 0, 0, 1, 1, 1 };
  CitynetPartition *p = from_membership(view, blocs, 6);
  assert_double_close(modularity(p, 1.0, TRUE, FALSE), 11.0 / 26.0, EXACT);
  assert_double_close(modularity(p, 1.0, FALSE, FALSE), 5.0 / 14.0, EXACT);
  citynet_partition_free(p);
  citynet_view_unref(view);
}

/* fixture_directed_triangle: arcs a->b, b->a, a->c, c->b, c->d; m = 5;
 * out-degrees a 2, b 1, c 2, d 0; in-degrees a 1, b 2, c 1, d 1.
 * Directed Q = (1/m) sum_c (A_c - K_c^out K_c^in / m):
 *   {a,b},{c,d}: ((2 - 3*3/5) + (1 - 2*2/5)) / 5 = (1/5 + 1/5)/5 = 2/25.
 *   {a},{b,c,d}: ((0 - 2*1/5) + (2 - 3*4/5)) / 5 = (-2/5 - 2/5)/5 = -4/25.
 * Undirected collapse: a-b 2 (both arcs), a-c 1, b-c 1, c-d 1; m = 5;
 * strengths a 3, b 3, c 3, d 1:
 *   {a},{b,c,d}: (0 - (3/10)^2) + (2/5 - (7/10)^2) = -0.09 - 0.09 = -0.18. */
static void
test_modularity_directed(void **state)
{
  CitynetView *view = fixture_directed_triangle();
  assert_true(citynet_view_is_directed(view));
  const gint64 pairs[] = { 0, 0, 1, 1 };
  const gint64 split[] = { 0, 1, 1, 1 };
  CitynetPartition *p = from_membership(view, pairs, 4);
  assert_double_close(modularity(p, 1.0, TRUE, TRUE), 2.0 / 25.0, EXACT);
  citynet_partition_free(p);
  p = from_membership(view, split, 4);
  assert_double_close(modularity(p, 1.0, TRUE, TRUE), -4.0 / 25.0, EXACT);
  assert_double_close(modularity(p, 1.0, TRUE, FALSE), -0.18, EXACT);
  citynet_partition_free(p);
  citynet_view_unref(view);
}

/* No edge: m = 0, modularity undefined (NaN). */
static void
test_modularity_no_edges(void **state)
{
  static const char *const ids[] = { "x", "y" };
  CitynetNetwork *network = fixture_network(ids, 2, NULL, 0);
  CitynetView *view = fixture_view(network, CITYNET_DIRECTION_AUTO, CITYNET_COMBINE_SUM);
  const gint64 raw[] = { 0, 1 };
  CitynetPartition *p = from_membership(view, raw, 2);
  assert_true(isnan(modularity(p, 1.0, TRUE, FALSE)));
  citynet_partition_free(p);

  /* Detection: every vertex alone. */
  GError *error = NULL;
  for (int m = 0; m < 2; m++) {
    p = citynet_communities_detect(view, (CitynetCommunityMethod) m, NULL, &error);
    assert_no_error(error);
    assert_int_equal(citynet_partition_n_labels(p), 2);
    citynet_partition_free(p);
  }
  citynet_view_unref(view);
  citynet_network_unref(network);
}

/* ------------------------------------------------------------------------ */
/* Detection                                                                */
/* ------------------------------------------------------------------------ */

static CitynetPartition *
detect(CitynetView *view, CitynetCommunityMethod method, guint64 seed,
       double resolution, CitynetLeidenStart start)
{
  GError *error = NULL;
  CitynetCommunityOptions *options = citynet_community_options_new();
  citynet_community_options_set_seed(options, seed);
  assert_true(citynet_community_options_set_resolution(options, resolution, &error));
  citynet_community_options_set_start(options, start);
  CitynetPartition *p = citynet_communities_detect(view, method, options, &error);
  assert_no_error(error);
  assert_non_null(p);
  assert_string_equal(citynet_partition_get_source(p),
                      citynet_community_method_name(method));
  citynet_community_options_free(options);
  return p;
}

/* Louvain and Leiden find the two triangles (the best split: Q = 5/14)
 * with any seed; the label of the larger-or-first community is 0. */
static void
test_detect_two_triangles(void **state)
{
  CitynetView *view = two_triangles();
  for (guint64 seed = 1; seed <= 5; seed++) {
    for (int m = 0; m < 2; m++) {
      for (int s = 0; s < 2; s++) {
        CitynetPartition *p = detect(view, (CitynetCommunityMethod) m, seed, 1.0,
                                     (CitynetLeidenStart) s);
        assert_labels(p, "0 0 0 1 1 1");
        assert_double_close(modularity(p, 1.0, TRUE, FALSE), 5.0 / 14.0, EXACT);
        citynet_partition_free(p);
      }
    }
  }
  /* A high resolution splits further: more than two communities. */
  CitynetPartition *p = detect(view, CITYNET_COMMUNITY_LOUVAIN, 1, 5.0,
                               CITYNET_LEIDEN_START_LOUVAIN);
  assert_true(citynet_partition_n_labels(p) > 2);
  citynet_partition_free(p);
  /* Resolution 0: no penalty, everything connected is one community. */
  p = detect(view, CITYNET_COMMUNITY_LEIDEN, 1, 0.0, CITYNET_LEIDEN_START_SINGLETONS);
  assert_labels(p, "0 0 0 0 0 0");
  citynet_partition_free(p);
  citynet_view_unref(view);
}

/* The weak bridge of the weighted blocs separates them; a directed view
 * is collapsed first, so it detects like its undirected reading. */
static void
test_detect_weighted_and_directed(void **state)
{
  CitynetView *view = fixture_two_blocs();
  CitynetPartition *p = detect(view, CITYNET_COMMUNITY_LEIDEN, 3, 1.0,
                               CITYNET_LEIDEN_START_LOUVAIN);
  assert_labels(p, "0 0 0 1 1 1");
  citynet_partition_free(p);
  CitynetNetwork *network = citynet_view_get_network(view);
  CitynetView *directed = fixture_view(network, CITYNET_DIRECTION_DIRECTED,
                                       CITYNET_COMBINE_SUM);
  p = detect(directed, CITYNET_COMMUNITY_LOUVAIN, 3, 1.0, CITYNET_LEIDEN_START_LOUVAIN);
  assert_labels(p, "0 0 0 1 1 1");
  /* Each undirected tie is two arcs: the collapse doubles every weight,
   * which leaves modularity unchanged (11/26). */
  assert_double_close(modularity(p, 1.0, TRUE, FALSE), 11.0 / 26.0, EXACT);
  citynet_partition_free(p);
  citynet_view_unref(directed);
  citynet_view_unref(view);
}

/* A ring of 40 vertices, each tied to the next two, weights 1 to 3: many
 * nearly equal splits, so the seeded vertex order decides the result. The
 * same seed must give the same partition; the host's igraph RNG must not
 * move. */
static CitynetView *
ring(void)
{
  GError *error = NULL;
  CitynetNetwork *network = citynet_network_new();
  char id[16], other[16];
  for (int i = 0; i < 40; i++) {
    g_snprintf(id, sizeof id, "v%d", i);
    citynet_network_add_node(network, id, "city", NULL, "TUR", &error);
  }
  for (int i = 0; i < 40; i++) {
    g_snprintf(id, sizeof id, "v%d", i);
    for (int d = 1; d <= 2; d++) {
      g_snprintf(other, sizeof other, "v%d", (i + d) % 40);
      citynet_network_add_tie(network, id, other, "sister", 1 + (i % 3), FALSE,
                              NULL, NULL, NULL, &error);
    }
  }
  assert_no_error(error);
  CitynetView *view = citynet_view_new(network, NULL, &error);
  citynet_network_unref(network);
  return view;
}

static void
test_detect_reproducible(void **state)
{
  CitynetView *view = ring();
  for (int m = 0; m < 2; m++) {
    for (guint64 seed = 1; seed <= 3; seed++) {
      CitynetPartition *a = detect(view, (CitynetCommunityMethod) m, seed, 1.0,
                                   CITYNET_LEIDEN_START_LOUVAIN);
      CitynetPartition *b = detect(view, (CitynetCommunityMethod) m, seed, 1.0,
                                   CITYNET_LEIDEN_START_LOUVAIN);
      assert_memory_equal(citynet_partition_membership(a, NULL),
                          citynet_partition_membership(b, NULL), 40 * sizeof(guint));
      /* Leiden from Louvain never ends below Louvain. */
      if (m == CITYNET_COMMUNITY_LEIDEN) {
        CitynetPartition *l = detect(view, CITYNET_COMMUNITY_LOUVAIN, seed, 1.0,
                                     CITYNET_LEIDEN_START_LOUVAIN);
        assert_true(modularity(a, 1.0, TRUE, FALSE) >=
                    modularity(l, 1.0, TRUE, FALSE) - 1e-12);
        citynet_partition_free(l);
      }
      citynet_partition_free(a);
      citynet_partition_free(b);
    }
  }

  /* The host's default RNG continues where it was. */
  citynet_igraph_enter();
  igraph_rng_seed(igraph_rng_default(), 99);
  igraph_integer_t first = igraph_rng_get_integer(igraph_rng_default(), 0, 1000000);
  igraph_rng_seed(igraph_rng_default(), 99);
  citynet_igraph_leave();
  CitynetPartition *p = detect(view, CITYNET_COMMUNITY_LEIDEN, 7, 1.0,
                               CITYNET_LEIDEN_START_LOUVAIN);
  citynet_partition_free(p);
  citynet_igraph_enter();
  igraph_integer_t again = igraph_rng_get_integer(igraph_rng_default(), 0, 1000000);
  citynet_igraph_leave();
  assert_int_equal(first, again);
  citynet_view_unref(view);
}

static void
test_options(void **state)
{
  GError *error = NULL;
  CitynetCommunityOptions *options = citynet_community_options_new();
  assert_false(citynet_community_options_set_resolution(options, -1, &error));
  assert_citynet_error(error, CITYNET_ERROR_INVALID_ARGUMENT, "resolution");
  assert_false(citynet_community_options_set_resolution(options, NAN, &error));
  assert_citynet_error(error, CITYNET_ERROR_INVALID_ARGUMENT, "resolution");
  assert_false(citynet_community_options_set_beta(options, 0, &error));
  assert_citynet_error(error, CITYNET_ERROR_INVALID_ARGUMENT, "beta");
  assert_false(citynet_community_options_set_iterations(options, 0, &error));
  assert_citynet_error(error, CITYNET_ERROR_INVALID_ARGUMENT, "iteration");
  assert_true(citynet_community_options_set_iterations(options, 3, &error));
  CitynetCommunityOptions *copy = citynet_community_options_copy(options);
  citynet_community_options_free(copy);
  citynet_community_options_free(options);

  CitynetCommunityMethod method;
  assert_true(citynet_community_method_from_string("Leiden", &method, NULL));
  assert_int_equal(method, CITYNET_COMMUNITY_LEIDEN);
  assert_false(citynet_community_method_from_string("walktrap", &method, &error));
  assert_citynet_error(error, CITYNET_ERROR_INVALID_ARGUMENT, "louvain, leiden");
  CitynetLeidenStart start;
  assert_true(citynet_leiden_start_from_string("singletons", &start, NULL));
  assert_int_equal(start, CITYNET_LEIDEN_START_SINGLETONS);
  CitynetPartitionComparison cmp;
  assert_true(citynet_partition_comparison_from_string("ARI", &cmp, NULL));
  assert_int_equal(cmp, CITYNET_COMPARE_ARI);
  assert_null(citynet_community_method_name((CitynetCommunityMethod) 7));
  assert_string_equal(citynet_partition_comparison_name(CITYNET_COMPARE_VI), "vi");
}

/* ------------------------------------------------------------------------ */
/* Comparison                                                               */
/* ------------------------------------------------------------------------ */

static double
compare(const CitynetPartition *a, const CitynetPartition *b,
        CitynetPartitionComparison method)
{
  GError *error = NULL;
  double value = -99;
  assert_true(citynet_partition_compare(a, b, method, &value, &error));
  assert_no_error(error);
  return value;
}

/* P = {1,2,3}{4,5,6}, Q = {1,2}{3,4,5,6}; contingency 2 1 / 0 3; n = 6.
 *   H(P) = ln 2; H(Q) = ln 3 - (2/3) ln 2;
 *   H(P,Q) = -(1/3 ln 1/3 + 1/6 ln 1/6 + 1/2 ln 1/2) = (1/2) ln 3 + (2/3) ln 2;
 *   I = H(P) + H(Q) - H(P,Q) = (1/2) ln 3 - (1/3) ln 2;
 *   NMI = 2I / (H(P) + H(Q)) = (ln 3 - (2/3) ln 2) / (ln 3 + (1/3) ln 2);
 *   VI = 2 H(P,Q) - H(P) - H(Q) = ln 2.
 *   Pairs: 15; together in both: C(2,2) + C(3,2) = 4; together in P: 6,
 *   in Q: C(2,2) + C(4,2) = 7; apart in both: 15 - (6 + 7 - 4) = 6.
 *   Rand = (4 + 6)/15 = 2/3.
 *   ARI = (4 - 6*7/15) / ((6 + 7)/2 - 6*7/15) = 1.2 / 3.7 = 12/37. */
static void
test_compare_by_hand(void **state)
{
  CitynetView *view = two_triangles();
  const gint64 p_raw[] = { 0, 0, 0, 1, 1, 1 };
  const gint64 q_raw[] = { 5, 5, 9, 9, 9, 9 };
  CitynetPartition *p = from_membership(view, p_raw, 6);
  CitynetPartition *q = from_membership(view, q_raw, 6);
  const double ln2 = log(2.0), ln3 = log(3.0);
  assert_double_close(compare(p, q, CITYNET_COMPARE_NMI),
                      (ln3 - 2.0 / 3.0 * ln2) / (ln3 + ln2 / 3.0), 1e-12);
  assert_double_close(compare(p, q, CITYNET_COMPARE_VI), ln2, 1e-12);
  assert_double_close(compare(p, q, CITYNET_COMPARE_RAND), 2.0 / 3.0, 1e-12);
  assert_double_close(compare(p, q, CITYNET_COMPARE_ARI), 12.0 / 37.0, 1e-12);
  /* Symmetric, and identical partitions agree perfectly (names do not
   * matter). */
  assert_double_close(compare(q, p, CITYNET_COMPARE_ARI), 12.0 / 37.0, 1e-12);
  const gint64 renamed[] = { 4, 4, 4, 2, 2, 2 };
  CitynetPartition *r = from_membership(view, renamed, 6);
  assert_double_close(compare(p, r, CITYNET_COMPARE_NMI), 1.0, 1e-12);
  assert_double_close(compare(p, r, CITYNET_COMPARE_ARI), 1.0, 1e-12);
  assert_double_close(compare(p, r, CITYNET_COMPARE_VI), 0.0, 1e-12);

  /* Partitions of other vertices cannot be compared. */
  CitynetView *other = countries_view();
  CitynetPartition *c = citynet_partition_new_by_country(other);
  GError *error = NULL;
  double value;
  assert_false(citynet_partition_compare(p, c, CITYNET_COMPARE_NMI, &value, &error));
  assert_citynet_error(error, CITYNET_ERROR_INVALID_ARGUMENT, "different vertices");
  citynet_partition_free(c);
  citynet_view_unref(other);
  citynet_partition_free(r);
  citynet_partition_free(p);
  citynet_partition_free(q);
  citynet_view_unref(view);
}

/* Comparing with the blocs: the detected communities of the countries
 * network against EU membership. */
static void
test_compare_with_blocs(void **state)
{
  CitynetView *view = countries_view();
  CitynetPartition *detected = detect(view, CITYNET_COMMUNITY_LOUVAIN, 1, 1.0,
                                      CITYNET_LEIDEN_START_LOUVAIN);
  CitynetPartition *eu = by_spec(view, "group:EU@2021-01-01");
  double nmi = compare(detected, eu, CITYNET_COMPARE_NMI);
  assert_true(nmi >= 0.0 && nmi <= 1.0);
  double vi = compare(detected, eu, CITYNET_COMPARE_VI);
  assert_true(vi >= 0.0);
  citynet_partition_free(detected);
  citynet_partition_free(eu);
  citynet_view_unref(view);
}

/* A view without vertices: nothing fails, everything is empty or
 * undefined. */
static void
test_empty_view(void **state)
{
  CitynetNetwork *network = citynet_network_new();
  CitynetView *view = fixture_view(network, CITYNET_DIRECTION_AUTO, CITYNET_COMBINE_SUM);
  GError *error = NULL;
  CitynetPartition *p = citynet_communities_leiden(view, NULL, &error);
  assert_no_error(error);
  assert_int_equal(citynet_partition_n(p), 0);
  assert_int_equal(citynet_partition_n_labels(p), 0);
  assert_true(isnan(modularity(p, 1.0, TRUE, FALSE)));
  CitynetPartition *c = citynet_partition_new_by_country(view);
  for (int m = 0; m < 4; m++) {
    double value = 0;
    assert_true(citynet_partition_compare(p, c, (CitynetPartitionComparison) m, &value,
                                          &error));
    assert_true(isnan(value));
  }
  CitynetAssortativity r;
  assert_true(citynet_assortativity_nominal(c, CITYNET_ASSORTATIVITY_WEIGHTED, &r, &error));
  assert_true(isnan(r.value));
  gsize k = 99;
  double *mixing = citynet_mixing_matrix(c, CITYNET_ASSORTATIVITY_DEFAULT, TRUE, &k, &error);
  assert_no_error(error);
  assert_int_equal(k, 0);
  g_free(mixing);
  citynet_partition_free(c);
  citynet_partition_free(p);
  citynet_view_unref(view);
  citynet_network_unref(network);
}

int
main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_by_country_and_kind),
    cmocka_unit_test(test_by_attribute),
    cmocka_unit_test(test_by_group_at_dates),
    cmocka_unit_test(test_by_groups_first_in_order),
    cmocka_unit_test(test_by_spec),
    cmocka_unit_test(test_from_labels_and_membership),
    cmocka_unit_test(test_ranked_by_size),
    cmocka_unit_test(test_modularity_two_triangles),
    cmocka_unit_test(test_modularity_weighted_blocs),
    cmocka_unit_test(test_modularity_directed),
    cmocka_unit_test(test_modularity_no_edges),
    cmocka_unit_test(test_detect_two_triangles),
    cmocka_unit_test(test_detect_weighted_and_directed),
    cmocka_unit_test(test_detect_reproducible),
    cmocka_unit_test(test_options),
    cmocka_unit_test(test_compare_by_hand),
    cmocka_unit_test(test_compare_with_blocs),
    cmocka_unit_test(test_empty_view),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
