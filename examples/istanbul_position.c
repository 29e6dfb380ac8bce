/*
 * istanbul_position.c - the thesis' research question 2: did Istanbul's
 * city diplomacy of 2019-2024 reach different blocs than the national
 * government, and than Istanbul itself before 2019?
 *
 * For each bloc (EU, NATO, the Organization of Turkic States, the OIC) it
 * prints the share of Istanbul's ties 2019-06-23..2024-03-31 whose partner
 * was in the bloc on the tie's date, the same share for the baseline, the
 * difference and its two-sided permutation p-value, then the
 * Jensen-Shannon divergence of the two profiles. Two baselines: the
 * Turkish government's ties in the same period, and Istanbul's ties up to
 * 2019-06-22 (the day before Imamoglu's election).
 *
 *   istanbul_position BUNDLE
 *   istanbul_position data/istanbul
 */
#include <stdio.h>
#include <citynet/citynet.h>

static const char *const blocs[] = { "EU", "NATO", "OTS", "OIC" };

static int
fail(GError *error)
{
  fprintf(stderr, "%s\n", error->message);
  g_error_free(error);
  return 1;
}

/* A view of the whole network in one period ("" = open). */
static CitynetView *
period_view(CitynetNetwork *network, const char *from, const char *to,
            GError **error)
{
  g_autoptr(CitynetViewOptions) options = citynet_view_options_new();
  if (!citynet_view_options_set_period(options, from, to, error))
    return NULL;
  return citynet_view_new(network, options, error);
}

static void
print_comparison(const CitynetAlignment *alignment, const char *title)
{
  gsize ties, baseline_ties;
  citynet_alignment_totals(alignment, &ties, NULL, &baseline_ties, NULL);
  printf("\nagainst %s (%zu ties; Istanbul: %zu)\n", title, baseline_ties, ties);
  printf("  %-16s %8s %9s %11s %7s\n", "bloc", "share", "baseline", "difference", "p");
  for (gsize c = 0; c < citynet_alignment_n_categories(alignment); c++) {
    const char *key;
    double share, baseline_share;
    CitynetTestResult difference;
    citynet_alignment_category(alignment, c, &key, NULL, NULL, &share,
                               &baseline_share, NULL, &difference);
    printf("  %-16s %8.3f %9.3f %+11.3f %7.3f\n", key[0] ? key : "(none of these)",
           share, baseline_share, difference.observed, difference.p_two_sided);
  }
  CitynetTestResult jsd;
  citynet_alignment_jsd(alignment, &jsd);
  printf("  Jensen-Shannon divergence %.3f (p = %.3f)\n", jsd.observed, jsd.p_greater);
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
  gssize istanbul = citynet_network_find_node(network, "İstanbul", &error);
  gssize government = istanbul < 0 ? -1
                      : citynet_network_find_node(network, "turkey-government", &error);
  if (government < 0)
    return fail(error);

  g_autoptr(CitynetView) term = period_view(network, "2019-06-23", "2024-03-31", &error);
  g_autoptr(CitynetView) before = term != NULL ? period_view(network, NULL, "2019-06-22", &error)
                                               : NULL;
  if (before == NULL)
    return fail(error);

  /* Ties as the unit, partners judged by bloc on each tie's date,
   * 2000 seeded permutations: the same numbers on every run. */
  g_autoptr(CitynetAlignmentOptions) options = citynet_alignment_options_new();
  for (gsize i = 0; i < G_N_ELEMENTS(blocs); i++)
    citynet_alignment_options_add_group(options, blocs[i]);
  citynet_alignment_options_set_dimension(options, CITYNET_DIMENSION_GROUP);
  citynet_alignment_options_set_unit(options, CITYNET_UNIT_TIES);
  citynet_alignment_options_set_permutations(options, 2000);
  citynet_alignment_options_set_seed(options, 2024);

  gsize focus = (gsize) istanbul, national = (gsize) government;
  g_autoptr(CitynetAlignment) vs_national =
      citynet_alignment_new(term, &focus, 1, term, &national, 1, options, &error);
  if (vs_national == NULL)
    return fail(error);
  g_autoptr(CitynetAlignment) vs_before =
      citynet_alignment_new(term, &focus, 1, before, NULL, 0, options, &error);
  if (vs_before == NULL)
    return fail(error);

  printf("Istanbul's ties 2019-06-23 to 2024-03-31 by bloc (groups overlap)\n");
  print_comparison(vs_national, "the national government, same period");
  print_comparison(vs_before, "Istanbul up to 2019-06-22");
  return 0;
}
