/*
 * quickstart.c - the README's example: with whom did a city tie itself,
 * by layer, partner country and partner-country group, in a period?
 *
 *   quickstart BUNDLE NODE FROM TO
 *   quickstart data/istanbul istanbul 2019-06-23 2024-03-31
 */
#include <stdio.h>
#include <citynet/citynet.h>

int
main(int argc, char **argv)
{
  if (argc != 5) {
    fprintf(stderr, "usage: %s BUNDLE NODE FROM TO\n", argv[0]);
    return 2;
  }

  GError *error = NULL;
  g_autoptr(CitynetNetwork) network = citynet_bundle_load(argv[1], &error);
  if (network == NULL) {
    /* e.g. "ties.csv:17:2: unknown node id "Odesa" (did you mean "odessa"?)" */
    fprintf(stderr, "%s\n", error->message);
    g_error_free(error);
    return 1;
  }

  gssize focus = citynet_network_find_node(network, argv[2], &error);
  g_autoptr(CitynetViewOptions) options = citynet_view_options_new();
  if (focus < 0 || !citynet_view_options_set_period(options, argv[3], argv[4], &error)) {
    fprintf(stderr, "%s\n", error->message);
    g_error_free(error);
    return 1;
  }

  g_autoptr(CitynetView) view = citynet_view_new(network, options, &error);
  g_autoptr(CitynetComposition) composition =
      view != NULL ? citynet_composition_new(view, (gsize) focus, &error) : NULL;
  if (composition == NULL) {
    fprintf(stderr, "%s\n", error->message);
    g_error_free(error);
    return 1;
  }

  printf("%s, %s to %s: %zu ties with %zu partners\n",
         citynet_network_node_name(network, (gsize) focus), argv[3], argv[4],
         citynet_composition_total_ties(composition),
         citynet_composition_total_partners(composition));
  for (gsize i = 0; i < citynet_composition_n_rows(composition); i++) {
    CitynetDimension dimension;
    const char *layer, *key;
    gsize ties;
    double share;
    citynet_composition_row(composition, i, &dimension, &layer, &key, &ties,
                            NULL, NULL, &share, NULL);
    if (layer == NULL) /* rows over all layers only */
      printf("  %-8s %-16s %3zu ties  %5.1f%%\n",
             citynet_dimension_to_string(dimension), key[0] ? key : "(none)",
             ties, 100.0 * share);
  }
  return 0;
}
