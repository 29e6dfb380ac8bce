/* Small hand-checkable graphs for the analytics suites. */
#include <math.h>
#include <string.h>

#include "analytics-fixtures.h"

CitynetNetwork *
fixture_network(const char *const *ids, gsize n_ids, const FixtureTie *ties,
                gsize n_ties)
{
  GError *error = NULL;
  CitynetNetwork *network = citynet_network_new();
  for (gsize i = 0; i < n_ids; i++)
    assert_int_equal(citynet_network_add_node(network, ids[i], "city", NULL,
                                              "TUR", &error), (gssize) i);
  for (gsize i = 0; i < n_ties; i++)
    assert_int_equal(citynet_network_add_tie(network, ties[i].source,
                                             ties[i].target, "sister",
                                             ties[i].weight, ties[i].directed,
                                             NULL, NULL, NULL, &error),
                     (gssize) i);
  assert_no_error(error);
  return network;
}

CitynetView *
fixture_view(CitynetNetwork *network, CitynetDirection direction,
             CitynetCombine combine)
{
  GError *error = NULL;
  CitynetViewOptions *options = citynet_view_options_new();
  citynet_view_options_set_direction(options, direction);
  citynet_view_options_set_combine(options, combine);
  CitynetView *view = citynet_view_new(network, options, &error);
  citynet_view_options_free(options);
  assert_no_error(error);
  assert_non_null(view);
  return view;
}

static CitynetView *
fixture(const char *const *ids, gsize n_ids, const FixtureTie *ties,
        gsize n_ties)
{
  CitynetNetwork *network = fixture_network(ids, n_ids, ties, n_ties);
  CitynetView *view = fixture_view(network, CITYNET_DIRECTION_AUTO,
                                   CITYNET_COMBINE_SUM);
  citynet_network_unref(network);
  return view;
}

/*        l1
 *        |
 *   l4 - c - l2      all weights 1, undirected
 *        |
 *        l3                                                          */
static const char *const star_ids[] = { "c", "l1", "l2", "l3", "l4", "iso" };
static const FixtureTie star_ties[] = {
  { "c", "l1", 1, FALSE }, { "c", "l2", 1, FALSE },
  { "c", "l3", 1, FALSE }, { "c", "l4", 1, FALSE },
};

CitynetView *
fixture_star(void)
{
  return fixture(star_ids, 5, star_ties, G_N_ELEMENTS(star_ties));
}

CitynetView *
fixture_star_with_isolate(void)
{
  return fixture(star_ids, 6, star_ties, G_N_ELEMENTS(star_ties));
}

/* a - b - c - d, weights 1; directed: a -> b -> c -> d. */
CitynetView *
fixture_path(gboolean directed)
{
  static const char *const ids[] = { "a", "b", "c", "d" };
  const FixtureTie ties[] = {
    { "a", "b", 1, directed }, { "b", "c", 1, directed },
    { "c", "d", 1, directed },
  };
  return fixture(ids, G_N_ELEMENTS(ids), ties, G_N_ELEMENTS(ties));
}

/*   a ---1--- b
 *    \       /
 *     2     3        undirected, weights on the edges
 *      \   /
 *        c ---4--- d                                                 */
CitynetView *
fixture_triangle_pendant(void)
{
  static const char *const ids[] = { "a", "b", "c", "d" };
  static const FixtureTie ties[] = {
    { "a", "b", 1, FALSE }, { "a", "c", 2, FALSE },
    { "b", "c", 3, FALSE }, { "c", "d", 4, FALSE },
  };
  return fixture(ids, G_N_ELEMENTS(ids), ties, G_N_ELEMENTS(ties));
}

/* Two blocs joined by one weak tie:
 *
 *   a1        b2
 *   | \      / |      bloc ties weigh 2, the bridge a3 - b1 weighs 1
 *   |  a3 - b1 |
 *   | /      \ |
 *   a2        b3                                                     */
CitynetView *
fixture_two_blocs(void)
{
  static const char *const ids[] = { "a1", "a2", "a3", "b1", "b2", "b3" };
  static const FixtureTie ties[] = {
    { "a1", "a2", 2, FALSE }, { "a1", "a3", 2, FALSE },
    { "a2", "a3", 2, FALSE }, { "b1", "b2", 2, FALSE },
    { "b1", "b3", 2, FALSE }, { "b2", "b3", 2, FALSE },
    { "a3", "b1", 1, FALSE },
  };
  return fixture(ids, G_N_ELEMENTS(ids), ties, G_N_ELEMENTS(ties));
}

/* Directed ties, all weight 1:
 *
 *   a <=> b      a -> b and b -> a (two ties)
 *   a  -> c
 *   c  -> b
 *   c  -> d                                                          */
CitynetView *
fixture_directed_triangle(void)
{
  static const char *const ids[] = { "a", "b", "c", "d" };
  static const FixtureTie ties[] = {
    { "a", "b", 1, TRUE }, { "b", "a", 1, TRUE }, { "a", "c", 1, TRUE },
    { "c", "b", 1, TRUE }, { "c", "d", 1, TRUE },
  };
  return fixture(ids, G_N_ELEMENTS(ids), ties, G_N_ELEMENTS(ties));
}

static gsize
fixture_entry(const CitynetScores *scores, const char *id)
{
  const CitynetNetwork *network =
    citynet_view_get_network(citynet_scores_get_view(scores));
  gssize node = citynet_network_node_index(network, id);
  if (node < 0)
    fail_msg("no node \"%s\"", id);
  gssize entry = citynet_scores_find(scores, (gsize) node);
  if (entry < 0)
    fail_msg("node \"%s\" has no score", id);
  return (gsize) entry;
}

double
fixture_value(const CitynetScores *scores, const char *id)
{
  return citynet_scores_value(scores, fixture_entry(scores, id));
}

gsize
fixture_rank(const CitynetScores *scores, const char *id)
{
  return citynet_scores_rank(scores, fixture_entry(scores, id));
}
