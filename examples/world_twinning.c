/*
 * world_twinning.c - the world's sister-city network: which cities have
 * the most partners, and do cities twin within their own bloc?
 *
 * It imports a pair list (one twinning per row: city1, country1, city2,
 * country2, optional coordinates; e.g. the geocoded Wikipedia list in
 * ../shared/data/hekman-twincities), marks the countries' blocs from a
 * country-organisation table (ISO_3166_3, org_id, org_member: e.g.
 * ../shared/data/country-orgs-dieghernan/CountrycodesOrgs.csv; the blocs'
 * current members, so memberships are undated), then prints the ten
 * cities with the most partners and Newman's nominal assortativity of the
 * blocs: 1 when every twinning stays inside a bloc, 0 when blocs do not
 * matter.
 *
 *   world_twinning PAIRS.csv ORGS.csv
 */
#include <stdio.h>
#include <string.h>
#include <citynet/citynet.h>

/* The blocs, in priority order: a country in several counts for the
 * first (an EU member in NATO is "EU"). */
static const char *const blocs[] = { "EU", "NATO", "OIC", "ASEAN", "AU" };

static int
fail(GError *error)
{
  fprintf(stderr, "%s\n", error->message);
  g_error_free(error);
  return 1;
}

/* Splits one CSV line (fields may be quoted, quotes doubled). */
static char **
split_csv_line(const char *line)
{
  GPtrArray *fields = g_ptr_array_new();
  GString *field = g_string_new(NULL);
  gboolean quoted = FALSE;
  for (const char *p = line;; p++) {
    if (*p == '\0' || ((*p == ',' || *p == '\n' || *p == '\r') && !quoted)) {
      g_ptr_array_add(fields, g_strdup(field->str));
      g_string_truncate(field, 0);
      if (*p != ',')
        break;
    } else if (*p == '"') {
      if (quoted && p[1] == '"')
        g_string_append_c(field, *++p);
      else
        quoted = !quoted;
    } else {
      g_string_append_c(field, *p);
    }
  }
  g_string_free(field, TRUE);
  g_ptr_array_add(fields, NULL);
  return (char **) g_ptr_array_free(fields, FALSE);
}

static gboolean
is_bloc(const char *name)
{
  for (gsize i = 0; i < G_N_ELEMENTS(blocs); i++)
    if (strcmp(blocs[i], name) == 0)
      return TRUE;
  return FALSE;
}

static int
column(char **header, const char *name)
{
  for (int i = 0; header[i] != NULL; i++)
    if (strcmp(header[i], name) == 0)
      return i;
  return -1;
}

/* Adds an undated membership of each listed bloc for every full member
 * whose country the network knows. Returns the number added. */
static gsize
add_blocs(CitynetNetwork *network, const char *path, GError **error)
{
  char *text = NULL;
  if (!g_file_get_contents(path, &text, NULL, error))
    return 0;
  char **lines = g_strsplit(text, "\n", -1);
  g_free(text);
  char **header = split_csv_line(lines[0]);
  int iso3 = column(header, "ISO_3166_3"), org = column(header, "org_id");
  int role = column(header, "org_member");
  gsize added = 0;
  for (gsize i = 1; lines[i] != NULL && iso3 >= 0 && org >= 0 && role >= 0; i++) {
    char **row = split_csv_line(lines[i]);
    if (g_strv_length(row) > (guint) MAX(iso3, MAX(org, role)) &&
        strcmp(row[role], "member") == 0 &&
        is_bloc(row[org]) &&
        citynet_network_country_index(network, row[iso3]) >= 0 &&
        citynet_network_add_country_group(network, row[iso3], row[org], NULL,
                                          NULL, path, NULL))
      added++;
    g_strfreev(row);
  }
  g_strfreev(header);
  g_strfreev(lines);
  return added;
}

int
main(int argc, char **argv)
{
  if (argc != 3) {
    fprintf(stderr, "usage: %s PAIRS.csv ORGS.csv\n", argv[0]);
    return 2;
  }
  GError *error = NULL;
  CitynetImportReport *report = NULL;
  g_autoptr(CitynetNetwork) network = citynet_import_pairs(argv[1], NULL, &report, &error);
  if (network == NULL)
    return fail(error);
  printf("imported %zu cities and %zu twinnings from %zu rows\n",
         citynet_network_n_nodes(network), citynet_network_n_ties(network),
         citynet_import_report_rows_read(report));
  citynet_import_report_free(report);
  gsize spells = add_blocs(network, argv[2], &error);
  if (error != NULL)
    return fail(error);
  printf("bloc memberships added: %zu\n", spells);

  g_autoptr(CitynetView) view = citynet_view_new(network, NULL, &error);
  if (view == NULL)
    return fail(error);

  /* The most central cities: the most twinning partners. */
  g_autoptr(CitynetScores) degree = citynet_centrality_degree(view, NULL, &error);
  if (degree == NULL)
    return fail(error);
  printf("\ncities with the most sister cities\n");
  for (gsize k = 0; k < 10 && k < citynet_scores_n(degree); k++) {
    gsize entry = citynet_scores_order(degree, k);
    gsize node = citynet_scores_node(degree, entry);
    const char *country = citynet_network_node_country(network, node);
    printf("  %2zu  %-28s %s %4.0f\n", citynet_scores_rank(degree, entry),
           citynet_network_node_id(network, node), country ? country : "---",
           citynet_scores_value(degree, entry));
  }

  /* Assortativity: one label per bloc (first match), "other" for the
   * rest, then each bloc on its own ("in" against "not in"). */
  printf("\nbloc assortativity (Newman's r; 1 = twinning only within blocs)\n");
  g_autoptr(CitynetPartition) all = citynet_partition_new_by_groups(
      view, blocs, G_N_ELEMENTS(blocs), CITYNET_DATE_OPEN, "other", &error);
  CitynetAssortativity r;
  if (all == NULL || !citynet_assortativity_nominal(all, CITYNET_ASSORTATIVITY_DEFAULT, &r, &error))
    return fail(error);
  printf("  %-8s r = %7.4f  (%zu twinnings)\n", "all", r.value, r.n_edges);
  for (gsize i = 0; i < G_N_ELEMENTS(blocs); i++) {
    g_autoptr(CitynetPartition) one = citynet_partition_new_by_group(view, blocs[i],
                                                                     CITYNET_DATE_OPEN, &error);
    if (one == NULL || !citynet_assortativity_nominal(one, CITYNET_ASSORTATIVITY_DEFAULT, &r, &error))
      return fail(error);
    printf("  %-8s r = %7.4f\n", blocs[i], r.value);
  }
  return 0;
}
