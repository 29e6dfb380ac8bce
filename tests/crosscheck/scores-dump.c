/* scores-dump - the C side of the analytics cross-check (crosscheck.py).
 *
 *   scores-dump BUNDLE [--direction D] [--combine C] < SPECS > JSON-LINES
 *
 * Loads the bundle, builds the view, and writes one JSON object per line:
 * first the view's graph exactly as the measures see it ("vertices": node
 * ids in vertex order, "edges": [from, to, weight] in edge order, weights
 * with 17 significant digits so Python rebuilds the same doubles), then
 * one line per spec read from standard input, holding the spec and the
 * values ("values": one per entry, "nodes": the entries' ids; NaN as
 * null) or the scalar ("value").
 *
 * A spec is a measure name followed by key=value options:
 *   degree|strength|betweenness|closeness|harmonic|eigenvector|pagerank|
 *   hub|authority   mode=default|out|in|all length=inverse|unit|weight
 *                   weighted=0|1 normalized=0|1 wf=0|1 cutoff=X damping=X
 *                   personalize=ID,ID nodes=ID,ID
 *   clustering|barrat|ego_density      undefined=nan|zero
 *   average          weighted=0|1 undefined=nan|zero
 *   transitivity
 * A failing spec prints {"spec": ..., "error": message}; a malformed one
 * stops the program with status 2.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <citynet/citynet.h>

static void
print_json_string(const char *text)
{
  putchar('"');
  for (const unsigned char *p = (const unsigned char *) text; *p; p++) {
    if (*p == '"' || *p == '\\')
      printf("\\%c", *p);
    else if (*p < 0x20)
      printf("\\u%04x", *p);
    else
      putchar(*p);
  }
  putchar('"');
}

static void
print_number(double value)
{
  if (isnan(value))
    fputs("null", stdout);
  else if (isinf(value))
    fputs(value > 0 ? "1e999" : "-1e999", stdout);
  else
    printf("%.17g", value);
}

static G_NORETURN void
die(const char *message, const char *detail)
{
  fprintf(stderr, "scores-dump: %s%s%s\n", message, detail ? ": " : "",
          detail ? detail : "");
  exit(2);
}

/* Network node indices of a comma-separated list of ids. */
static GArray *
node_list(const CitynetNetwork *network, const char *ids)
{
  GArray *nodes = g_array_new(FALSE, FALSE, sizeof(gsize));
  char **parts = g_strsplit(ids, ",", -1);
  for (gsize i = 0; parts[i] != NULL; i++) {
    gssize node = citynet_network_node_index(network, parts[i]);
    if (node < 0)
      die("unknown node id", parts[i]);
    gsize value = (gsize) node;
    g_array_append_val(nodes, value);
  }
  g_strfreev(parts);
  return nodes;
}

typedef struct {
  CitynetCentralityOptions *centrality;
  CitynetUndefined undefined;
  gboolean weighted;
} Spec;

static void
parse_option(Spec *spec, const CitynetNetwork *network, const char *key,
             const char *value)
{
  GError *error = NULL;
  gboolean ok = TRUE;
  if (strcmp(key, "mode") == 0) {
    CitynetMode mode;
    ok = citynet_mode_from_string(value, &mode, &error);
    if (ok)
      citynet_centrality_options_set_mode(spec->centrality, mode);
  } else if (strcmp(key, "length") == 0) {
    CitynetLength length;
    ok = citynet_length_from_string(value, &length, &error);
    if (ok)
      citynet_centrality_options_set_length(spec->centrality, length);
  } else if (strcmp(key, "weighted") == 0) {
    spec->weighted = atoi(value) != 0;
    citynet_centrality_options_set_weighted(spec->centrality, spec->weighted);
  } else if (strcmp(key, "normalized") == 0) {
    citynet_centrality_options_set_normalized(spec->centrality, atoi(value) != 0);
  } else if (strcmp(key, "wf") == 0) {
    citynet_centrality_options_set_wf_improved(spec->centrality, atoi(value) != 0);
  } else if (strcmp(key, "cutoff") == 0) {
    ok = citynet_centrality_options_set_cutoff(spec->centrality,
                                               g_ascii_strtod(value, NULL), &error);
  } else if (strcmp(key, "damping") == 0) {
    ok = citynet_centrality_options_set_damping(spec->centrality,
                                                g_ascii_strtod(value, NULL), &error);
  } else if (strcmp(key, "personalize") == 0 || strcmp(key, "nodes") == 0) {
    GArray *nodes = node_list(network, value);
    if (key[0] == 'p')
      citynet_centrality_options_set_personalization(spec->centrality,
                                                     (const gsize *) nodes->data,
                                                     nodes->len);
    else
      citynet_centrality_options_set_nodes(spec->centrality,
                                           (const gsize *) nodes->data, nodes->len);
    g_array_unref(nodes);
  } else if (strcmp(key, "undefined") == 0) {
    ok = citynet_undefined_from_string(value, &spec->undefined, &error);
  } else {
    die("unknown option", key);
  }
  if (!ok)
    die("bad option value", error->message);
}

static void
print_scores(const CitynetScores *scores)
{
  const CitynetNetwork *network =
    citynet_view_get_network(citynet_scores_get_view(scores));
  fputs(", \"measure\": ", stdout);
  print_json_string(citynet_scores_measure(scores));
  fputs(", \"nodes\": [", stdout);
  for (gsize i = 0; i < citynet_scores_n(scores); i++) {
    if (i > 0)
      putchar(',');
    print_json_string(citynet_network_node_id(network, citynet_scores_node(scores, i)));
  }
  fputs("], \"values\": [", stdout);
  for (gsize i = 0; i < citynet_scores_n(scores); i++) {
    if (i > 0)
      putchar(',');
    print_number(citynet_scores_value(scores, i));
  }
  fputs("], \"ranks\": [", stdout);
  for (gsize i = 0; i < citynet_scores_n(scores); i++)
    printf("%s%zu", i > 0 ? "," : "", citynet_scores_rank(scores, i));
  putchar(']');
}

static void
run_spec(CitynetView *view, const char *line)
{
  const CitynetNetwork *network = citynet_view_get_network(view);
  char **words = g_strsplit_set(line, " \t", -1);
  Spec spec = { citynet_centrality_options_new(), CITYNET_UNDEFINED_NAN, TRUE };
  GError *error = NULL;
  const char *measure = words[0];

  for (gsize i = 1; words[i] != NULL; i++) {
    if (*words[i] == '\0')
      continue;
    char *eq = strchr(words[i], '=');
    if (eq == NULL)
      die("option without '='", words[i]);
    *eq = '\0';
    parse_option(&spec, network, words[i], eq + 1);
  }

  fputs("{\"spec\": ", stdout);
  print_json_string(line);
  CitynetScores *scores = NULL;
  double value = NAN;
  gboolean scalar = FALSE, ok = TRUE;
  CitynetCentrality centrality;
  if (citynet_centrality_from_string(measure, &centrality, NULL)) {
    scores = citynet_centrality_compute(view, centrality, spec.centrality, &error);
  } else if (strcmp(measure, "clustering") == 0) {
    scores = citynet_clustering_local(view, spec.undefined, &error);
  } else if (strcmp(measure, "barrat") == 0) {
    scores = citynet_clustering_barrat(view, spec.undefined, &error);
  } else if (strcmp(measure, "ego_density") == 0) {
    scores = citynet_clustering_ego_density(view, spec.undefined, &error);
  } else if (strcmp(measure, "average") == 0) {
    scalar = TRUE;
    ok = citynet_clustering_average(view, spec.weighted, spec.undefined, &value, &error);
  } else if (strcmp(measure, "transitivity") == 0) {
    scalar = TRUE;
    ok = citynet_clustering_global(view, &value, &error);
  } else {
    die("unknown measure", measure);
  }

  if (scalar && ok) {
    fputs(", \"value\": ", stdout);
    print_number(value);
  } else if (scores != NULL) {
    print_scores(scores);
  } else {
    fputs(", \"error\": ", stdout);
    print_json_string(error->message);
    g_error_free(error);
  }
  fputs("}\n", stdout);
  citynet_scores_free(scores);
  citynet_centrality_options_free(spec.centrality);
  g_strfreev(words);
}

static void
print_graph(const CitynetView *view)
{
  const CitynetNetwork *network = citynet_view_get_network(view);
  printf("{\"directed\": %s, \"vertices\": [",
         citynet_view_is_directed(view) ? "true" : "false");
  for (gsize v = 0; v < citynet_view_n_vertices(view); v++) {
    if (v > 0)
      putchar(',');
    print_json_string(citynet_network_node_id(network, citynet_view_vertex_node(view, v)));
  }
  fputs("], \"edges\": [", stdout);
  for (gsize e = 0; e < citynet_view_n_edges(view); e++) {
    gsize from, to;
    double weight = citynet_view_edge(view, e, &from, &to);
    printf("%s[%zu,%zu,%.17g]", e > 0 ? "," : "", from, to, weight);
  }
  fputs("]}\n", stdout);
}

int
main(int argc, char **argv)
{
  const char *bundle = NULL;
  CitynetViewOptions *options = citynet_view_options_new();
  GError *error = NULL;

  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--direction") == 0 && i + 1 < argc) {
      CitynetDirection direction;
      if (!citynet_direction_from_string(argv[++i], &direction, &error))
        die("bad --direction", error->message);
      citynet_view_options_set_direction(options, direction);
    } else if (strcmp(argv[i], "--combine") == 0 && i + 1 < argc) {
      CitynetCombine combine;
      if (!citynet_combine_from_string(argv[++i], &combine, &error))
        die("bad --combine", error->message);
      citynet_view_options_set_combine(options, combine);
    } else if (bundle == NULL && argv[i][0] != '-') {
      bundle = argv[i];
    } else {
      die("usage: scores-dump BUNDLE [--direction D] [--combine C] < SPECS", NULL);
    }
  }
  if (bundle == NULL)
    die("usage: scores-dump BUNDLE [--direction D] [--combine C] < SPECS", NULL);

  CitynetNetwork *network = citynet_bundle_load(bundle, &error);
  if (network == NULL)
    die("cannot load the bundle", error->message);
  CitynetView *view = citynet_view_new(network, options, &error);
  citynet_network_unref(network);
  citynet_view_options_free(options);
  if (view == NULL)
    die("cannot build the view", error->message);

  print_graph(view);
  char line[65536];
  while (fgets(line, sizeof line, stdin) != NULL) {
    line[strcspn(line, "\r\n")] = '\0';
    if (line[0] == '\0' || line[0] == '#')
      continue;
    run_spec(view, line);
  }
  citynet_view_unref(view);
  return fflush(stdout) == 0 ? 0 : 1;
}
