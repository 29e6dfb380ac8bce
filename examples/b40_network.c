/*
 * b40_network.c - how central is Istanbul in the B40 Balkan Cities
 * Network it founded, and does it broker between the member cities'
 * countries?
 *
 * The B40 network here is the ego network of the "b40" node: the
 * organisation, every node with a tie to it (members, summit participants)
 * and all ties among them in any layer and at any date, read undirected.
 * It prints the most central members by degree and betweenness, Istanbul's
 * ranks, and Istanbul's Gould-Fernandez brokerage roles with the nodes
 * partitioned by country (the organisation itself has no country and
 * forms a group of its own), with sna's analytic expectations and
 * z-scores.
 *
 *   b40_network BUNDLE
 *   b40_network data/istanbul
 */
#include <stdio.h>
#include <citynet/citynet.h>

static int
fail(GError *error)
{
  fprintf(stderr, "%s\n", error->message);
  g_error_free(error);
  return 1;
}

/* Prints the top @k of @scores and the rank of @node. */
static void
print_top(const CitynetScores *scores, gsize k, gsize node)
{
  const CitynetNetwork *network = citynet_view_get_network(citynet_scores_get_view(scores));
  printf("\n%s (top %zu)\n", citynet_scores_measure(scores), k);
  for (gsize i = 0; i < k && i < citynet_scores_n(scores); i++) {
    gsize entry = citynet_scores_order(scores, i);
    gsize who = citynet_scores_node(scores, entry);
    printf("  %2zu  %-32s %10.3f\n", citynet_scores_rank(scores, entry),
           citynet_network_node_name(network, who), citynet_scores_value(scores, entry));
  }
  gssize mine = citynet_scores_find(scores, node);
  if (mine >= 0)
    printf("  Istanbul: rank %zu of %zu\n", citynet_scores_rank(scores, (gsize) mine),
           citynet_scores_n(scores));
}

int
main(int argc, char **argv)
{
  if (argc != 2) {
    fprintf(stderr, "usage: %s BUNDLE\n", argv[0]);
    return 2;
  }
  GError *error = NULL;
  g_autoptr(CitynetNetwork) network = citynet_bundle_load(argv[1], &error);
  if (network == NULL)
    return fail(error);
  gssize b40 = citynet_network_find_node(network, "b40", &error);
  gssize istanbul = b40 < 0 ? -1 : citynet_network_find_node(network, "istanbul", &error);
  if (istanbul < 0)
    return fail(error);

  g_autoptr(CitynetViewOptions) options = citynet_view_options_new();
  citynet_view_options_set_direction(options, CITYNET_DIRECTION_UNDIRECTED);
  g_autoptr(CitynetView) all = citynet_view_new(network, options, &error);
  if (all == NULL)
    return fail(error);
  /* Order 1 around the organisation, keeping the ties among its alters. */
  g_autoptr(CitynetView) b40_view = citynet_ego_view_new(all, (gsize) b40, 1,
                                                         CITYNET_MODE_ALL, TRUE, &error);
  if (b40_view == NULL)
    return fail(error);
  printf("B40 network: %zu nodes, %zu ties among them\n",
         citynet_view_n_vertices(b40_view), citynet_view_n_edges(b40_view));

  /* Degree counts partners; betweenness counts hops (unit lengths). */
  g_autoptr(CitynetCentralityOptions) hops = citynet_centrality_options_new();
  citynet_centrality_options_set_length(hops, CITYNET_LENGTH_UNIT);
  g_autoptr(CitynetScores) degree = citynet_centrality_degree(b40_view, NULL, &error);
  g_autoptr(CitynetScores) betweenness =
      degree != NULL ? citynet_centrality_betweenness(b40_view, hops, &error) : NULL;
  if (betweenness == NULL)
    return fail(error);
  print_top(degree, 5, (gsize) istanbul);
  print_top(betweenness, 5, (gsize) istanbul);

  /* Brokerage: Istanbul's open two-paths a - Istanbul - b by the
   * countries of a, Istanbul and b. */
  g_autoptr(CitynetPartition) countries = citynet_partition_new_by_country(b40_view);
  g_autoptr(CitynetBrokerage) brokerage =
      citynet_brokerage_new(countries, FALSE, 0, 1, &error);
  if (brokerage == NULL)
    return fail(error);
  gsize vertex = (gsize) citynet_view_node_vertex(b40_view, (gsize) istanbul);
  printf("\nIstanbul's brokerage by country (undirected: each path counts both ways)\n");
  printf("  %-16s %8s %10s %8s\n", "role", "count", "expected", "z");
  for (int role = CITYNET_BROKERAGE_COORDINATOR; role <= CITYNET_BROKERAGE_TOTAL; role++)
    printf("  %-16s %8.0f %10.3f %8.3f\n",
           citynet_brokerage_role_name((CitynetBrokerageRole) role),
           citynet_brokerage_get(brokerage, vertex, (CitynetBrokerageRole) role,
                                 CITYNET_BROKERAGE_COUNT),
           citynet_brokerage_get(brokerage, vertex, (CitynetBrokerageRole) role,
                                 CITYNET_BROKERAGE_EXPECTED),
           citynet_brokerage_get(brokerage, vertex, (CitynetBrokerageRole) role,
                                 CITYNET_BROKERAGE_Z));
  return 0;
}
