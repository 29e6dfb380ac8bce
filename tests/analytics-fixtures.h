/* Small hand-checkable graphs for the analytics suites (test-centrality.c,
 * test-clustering.c). Every graph is drawn in analytics-fixtures.c. */
#ifndef CITYNET_ANALYTICS_FIXTURES_H
#define CITYNET_ANALYTICS_FIXTURES_H

#include "test-util.h"

/* One tie of a fixture: ids, weight, direction. */
typedef struct {
  const char *source;
  const char *target;
  double weight;
  gboolean directed;
} FixtureTie;

/* A network of cities @ids (in this order: node i = ids[i]) and @ties, all
 * in layer "sister". */
CitynetNetwork *fixture_network(const char *const *ids, gsize n_ids,
                                const FixtureTie *ties, gsize n_ties);
/* A view of everything with the given direction and combine rule. */
CitynetView *fixture_view(CitynetNetwork *network, CitynetDirection direction,
                          CitynetCombine combine);

/* The graphs (views of everything, direction auto, combine sum). */
CitynetView *fixture_star(void);              /* c - l1 l2 l3 l4 */
CitynetView *fixture_star_with_isolate(void); /* the star plus iso */
CitynetView *fixture_path(gboolean directed); /* a - b - c - d */
CitynetView *fixture_triangle_pendant(void);  /* a b c triangle, c - d */
CitynetView *fixture_two_blocs(void);         /* a1 a2 a3 = b1 b2 b3 */
CitynetView *fixture_directed_triangle(void); /* see the .c file */

/* The value of node @id in @scores (fails the test when absent). */
double fixture_value(const CitynetScores *scores, const char *id);
/* The rank of node @id in @scores. */
gsize fixture_rank(const CitynetScores *scores, const char *id);

#endif
