/* ego-dump - the C side of the ego-network cross-check (crosscheck_ego.py).
 *
 *   ego-dump BUNDLE [--direction D] [--combine C] < SPECS > JSON-LINES
 *
 * Loads the bundle, builds the view, and writes one JSON object per line:
 * first the view's graph as the measures see it ("vertices": node ids in
 * vertex order, "directed", "edges": [from, to, weight] in edge order with
 * 17 significant digits), then one line per spec read from standard input
 * (NaN as null):
 *
 *   holes model=whole|ego weighted=0|1
 *       {"measures": {"effective_size": [...], "efficiency": [...],
 *        "constraint": [...], "hierarchy": [...]}}, one value per vertex
 *   ego mode=all|out|in
 *       {"measures": {"size": [...], ...}}, every CitynetEgoMeasure
 *   brokerage by=PARTITION-SPEC directed=0|1 permutations=N seed=S
 *       {"labels": [label per vertex], "stats": {"count": [[6 roles] per
 *        vertex], "expected": ..., ...}, "global": {"count": [6], ...}}
 *   bloc sources=ID,ID targets=ID,ID mode=M length=L weighted=0|1
 *        normalized=0|1
 *       {"values": [...]} one per vertex
 *   egoview focus=ID order=K mode=M alter=0|1
 *       {"vertices": [...], "edges": [[from id, to id, weight]],
 *        "ties": [tie indices]}
 *   time holes|ego|brokerage ... (the computation alone, values not
 *       printed, timed: {"seconds": s})
 *
 * A failing spec prints {"spec": ..., "error": message}; a malformed one
 * stops the program with status 2.
 */
#define _GNU_SOURCE
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
  fprintf(stderr, "ego-dump: %s%s%s\n", message, detail ? ": " : "",
          detail ? detail : "");
  exit(2);
}

static GArray *
node_list(const CitynetNetwork *network, const char *ids)
{
  GArray *nodes = g_array_new(FALSE, FALSE, sizeof(gsize));
  char **parts = g_strsplit(ids, ",", -1);
  for (gsize i = 0; parts[i] != NULL; i++) {
    if (*parts[i] == '\0')
      continue;
    gssize node = citynet_network_node_index(network, parts[i]);
    if (node < 0)
      die("unknown node id", parts[i]);
    gsize value = (gsize) node;
    g_array_append_val(nodes, value);
  }
  g_strfreev(parts);
  return nodes;
}

/* The spec's key=value options. */
static GHashTable *
parse_options(char **words)
{
  GHashTable *options = g_hash_table_new(g_str_hash, g_str_equal);
  for (gsize i = 1; words[i] != NULL; i++) {
    if (*words[i] == '\0')
      continue;
    char *eq = strchr(words[i], '=');
    if (eq == NULL)
      die("option without '='", words[i]);
    *eq = '\0';
    g_hash_table_insert(options, words[i], eq + 1);
  }
  return options;
}

static const char *
option(GHashTable *options, const char *key, const char *fallback)
{
  const char *value = g_hash_table_lookup(options, key);
  return value != NULL ? value : fallback;
}

static CitynetMode
option_mode(GHashTable *options)
{
  CitynetMode mode;
  GError *error = NULL;
  if (!citynet_mode_from_string(option(options, "mode", "default"), &mode, &error))
    die("bad mode", error->message);
  return mode;
}

static void
print_vector(const double *values, gsize n)
{
  putchar('[');
  for (gsize i = 0; i < n; i++) {
    if (i > 0)
      putchar(',');
    print_number(values[i]);
  }
  putchar(']');
}

static void
print_scores_values(const CitynetScores *scores)
{
  gsize n;
  const double *values = citynet_scores_values(scores, &n);
  print_vector(values, n);
}

static gboolean
run_holes(CitynetView *view, GHashTable *options, GError **error)
{
  CitynetHolesModel model;
  if (!citynet_holes_model_from_string(option(options, "model", "whole"), &model, error))
    return FALSE;
  CitynetScores *scores[CITYNET_HOLES_MEASURE_COUNT];
  if (!citynet_structural_holes(view, model, atoi(option(options, "weighted", "1")) != 0,
                                scores, error))
    return FALSE;
  fputs(", \"measures\": {", stdout);
  for (int m = 0; m < CITYNET_HOLES_MEASURE_COUNT; m++) {
    printf("%s", m > 0 ? ", " : "");
    print_json_string(citynet_holes_measure_name(m, CITYNET_HOLES_WHOLE));
    fputs(": ", stdout);
    print_scores_values(scores[m]);
    citynet_scores_free(scores[m]);
  }
  putchar('}');
  return TRUE;
}

static gboolean
run_ego(CitynetView *view, GHashTable *options, GError **error)
{
  CitynetEgoMeasures *measures =
    citynet_ego_measures_new(view, NULL, 0, option_mode(options), error);
  if (measures == NULL)
    return FALSE;
  fputs(", \"measures\": {", stdout);
  for (int m = 0; m < CITYNET_EGO_MEASURE_COUNT; m++) {
    printf("%s", m > 0 ? ", " : "");
    print_json_string(citynet_ego_measure_name(m));
    fputs(": [", stdout);
    for (gsize i = 0; i < citynet_ego_measures_n(measures); i++) {
      if (i > 0)
        putchar(',');
      print_number(citynet_ego_measures_get(measures, i, m));
    }
    putchar(']');
  }
  putchar('}');
  citynet_ego_measures_free(measures);
  return TRUE;
}

static gboolean
run_brokerage(CitynetView *view, GHashTable *options, GError **error)
{
  CitynetPartition *partition =
    citynet_partition_new_by_spec(view, option(options, "by", "country"), error);
  if (partition == NULL)
    return FALSE;
  CitynetBrokerage *brokerage =
    citynet_brokerage_new(partition, atoi(option(options, "directed", "1")) != 0,
                          (guint) atoi(option(options, "permutations", "0")),
                          g_ascii_strtoull(option(options, "seed", "1"), NULL, 10),
                          error);
  if (brokerage == NULL) {
    citynet_partition_free(partition);
    return FALSE;
  }
  const gsize n = citynet_brokerage_n(brokerage);
  fputs(", \"labels\": [", stdout);
  for (gsize v = 0; v < n; v++)
    printf("%s%u", v > 0 ? "," : "", citynet_partition_label(partition, v));
  fputs("], \"stats\": {", stdout);
  for (int s = 0; s < CITYNET_BROKERAGE_STAT_COUNT; s++) {
    printf("%s", s > 0 ? ", " : "");
    print_json_string(citynet_brokerage_stat_name(s));
    fputs(": [", stdout);
    for (gsize v = 0; v < n; v++) {
      double row[CITYNET_BROKERAGE_ROLE_COUNT];
      for (int r = 0; r < CITYNET_BROKERAGE_ROLE_COUNT; r++)
        row[r] = citynet_brokerage_get(brokerage, v, r, s);
      printf("%s", v > 0 ? "," : "");
      print_vector(row, CITYNET_BROKERAGE_ROLE_COUNT);
    }
    putchar(']');
  }
  fputs("}, \"global\": {", stdout);
  for (int s = 0; s < CITYNET_BROKERAGE_STAT_COUNT; s++) {
    double row[CITYNET_BROKERAGE_ROLE_COUNT];
    for (int r = 0; r < CITYNET_BROKERAGE_ROLE_COUNT; r++)
      row[r] = citynet_brokerage_get_global(brokerage, r, s);
    printf("%s", s > 0 ? ", " : "");
    print_json_string(citynet_brokerage_stat_name(s));
    fputs(": ", stdout);
    print_vector(row, CITYNET_BROKERAGE_ROLE_COUNT);
  }
  putchar('}');
  citynet_brokerage_free(brokerage);
  citynet_partition_free(partition);
  return TRUE;
}

static gboolean
run_bloc(CitynetView *view, GHashTable *options, GError **error)
{
  const CitynetNetwork *network = citynet_view_get_network(view);
  GArray *sources = node_list(network, option(options, "sources", ""));
  GArray *targets = node_list(network, option(options, "targets", ""));
  CitynetCentralityOptions *centrality = citynet_centrality_options_new();
  CitynetLength length;
  if (!citynet_length_from_string(option(options, "length", "inverse"), &length, error))
    die("bad length", (*error)->message);
  citynet_centrality_options_set_mode(centrality, option_mode(options));
  citynet_centrality_options_set_length(centrality, length);
  citynet_centrality_options_set_weighted(centrality,
                                          atoi(option(options, "weighted", "1")) != 0);
  citynet_centrality_options_set_normalized(centrality,
                                            atoi(option(options, "normalized", "0")) != 0);
  CitynetScores *scores =
    citynet_bloc_betweenness(view, (const gsize *) sources->data, sources->len,
                             (const gsize *) targets->data, targets->len,
                             centrality, error);
  citynet_centrality_options_free(centrality);
  g_array_unref(sources);
  g_array_unref(targets);
  if (scores == NULL)
    return FALSE;
  fputs(", \"values\": ", stdout);
  print_scores_values(scores);
  citynet_scores_free(scores);
  return TRUE;
}

static void
print_graph(const CitynetView *view)
{
  const CitynetNetwork *network = citynet_view_get_network(view);
  fputs("\"vertices\": [", stdout);
  for (gsize v = 0; v < citynet_view_n_vertices(view); v++) {
    if (v > 0)
      putchar(',');
    print_json_string(citynet_network_node_id(network, citynet_view_vertex_node(view, v)));
  }
  printf("], \"directed\": %s, \"edges\": [",
         citynet_view_is_directed(view) ? "true" : "false");
  for (gsize e = 0; e < citynet_view_n_edges(view); e++) {
    gsize from, to;
    double w = citynet_view_edge(view, e, &from, &to);
    printf("%s[%zu,%zu,", e > 0 ? "," : "", from, to);
    print_number(w);
    putchar(']');
  }
  putchar(']');
}

static gboolean
run_egoview(CitynetView *view, GHashTable *options, GError **error)
{
  const CitynetNetwork *network = citynet_view_get_network(view);
  gssize focus = citynet_network_node_index(network, option(options, "focus", ""));
  if (focus < 0)
    die("unknown focus", option(options, "focus", ""));
  CitynetView *ego = citynet_ego_view_new(view, (gsize) focus,
                                          (guint) atoi(option(options, "order", "1")),
                                          option_mode(options),
                                          atoi(option(options, "alter", "1")) != 0,
                                          error);
  if (ego == NULL)
    return FALSE;
  fputs(", ", stdout);
  print_graph(ego);
  fputs(", \"ties\": [", stdout);
  for (gsize i = 0; i < citynet_view_n_ties(ego); i++)
    printf("%s%zu", i > 0 ? "," : "", citynet_view_tie(ego, i));
  putchar(']');
  citynet_view_unref(ego);
  return TRUE;
}

/* The computation of a spec without printing its values, for "time". */
static gboolean
compute_only(CitynetView *view, const char *what, GHashTable *options,
             GError **error)
{
  if (strcmp(what, "holes") == 0) {
    CitynetHolesModel model;
    CitynetScores *scores[CITYNET_HOLES_MEASURE_COUNT];
    if (!citynet_holes_model_from_string(option(options, "model", "whole"), &model, error) ||
        !citynet_structural_holes(view, model, atoi(option(options, "weighted", "1")) != 0,
                                  scores, error))
      return FALSE;
    for (int m = 0; m < CITYNET_HOLES_MEASURE_COUNT; m++)
      citynet_scores_free(scores[m]);
    return TRUE;
  }
  if (strcmp(what, "ego") == 0) {
    CitynetEgoMeasures *measures =
      citynet_ego_measures_new(view, NULL, 0, option_mode(options), error);
    citynet_ego_measures_free(measures);
    return measures != NULL;
  }
  if (strcmp(what, "brokerage") == 0) {
    CitynetPartition *partition =
      citynet_partition_new_by_spec(view, option(options, "by", "country"), error);
    if (partition == NULL)
      return FALSE;
    CitynetBrokerage *brokerage =
      citynet_brokerage_new(partition, atoi(option(options, "directed", "1")) != 0,
                            (guint) atoi(option(options, "permutations", "0")),
                            g_ascii_strtoull(option(options, "seed", "1"), NULL, 10),
                            error);
    citynet_brokerage_free(brokerage);
    citynet_partition_free(partition);
    return brokerage != NULL;
  }
  die("only holes, ego and brokerage can be timed", what);
}

typedef gboolean (*SpecFunc)(CitynetView *, GHashTable *, GError **);

static void
run_spec(CitynetView *view, const char *line)
{
  char **words = g_strsplit_set(line, " \t", -1);
  gboolean timed = strcmp(words[0], "time") == 0;
  char **spec_words = timed ? words + 1 : words;
  GHashTable *options = parse_options(spec_words);
  const char *what = spec_words[0] != NULL ? spec_words[0] : "";
  SpecFunc func = NULL;
  if (strcmp(what, "holes") == 0)
    func = run_holes;
  else if (strcmp(what, "ego") == 0)
    func = run_ego;
  else if (strcmp(what, "brokerage") == 0)
    func = run_brokerage;
  else if (strcmp(what, "bloc") == 0)
    func = run_bloc;
  else if (strcmp(what, "egoview") == 0)
    func = run_egoview;
  else
    die("unknown spec", what);

  fputs("{\"spec\": ", stdout);
  print_json_string(line);
  GError *error = NULL;
  gboolean ok;
  if (timed) {
    gint64 start = g_get_monotonic_time();
    ok = compute_only(view, what, options, &error);
    gint64 end = g_get_monotonic_time();
    if (ok)
      printf(", \"seconds\": %.6f", (end - start) / 1e6);
  } else {
    ok = func(view, options, &error);
  }
  if (!ok) {
    fputs(", \"error\": ", stdout);
    print_json_string(error->message);
    g_error_free(error);
  }
  puts("}");
  fflush(stdout);
  g_hash_table_unref(options);
  g_strfreev(words);
}

int
main(int argc, char **argv)
{
  if (argc < 2)
    die("usage", "ego-dump BUNDLE [--direction D] [--combine C] < SPECS");
  CitynetViewOptions *options = citynet_view_options_new();
  GError *error = NULL;
  for (int i = 2; i + 1 < argc; i += 2) {
    if (strcmp(argv[i], "--direction") == 0) {
      CitynetDirection direction;
      if (!citynet_direction_from_string(argv[i + 1], &direction, &error))
        die("bad direction", error->message);
      citynet_view_options_set_direction(options, direction);
    } else if (strcmp(argv[i], "--combine") == 0) {
      CitynetCombine combine;
      if (!citynet_combine_from_string(argv[i + 1], &combine, &error))
        die("bad combine", error->message);
      citynet_view_options_set_combine(options, combine);
    } else {
      die("unknown option", argv[i]);
    }
  }
  CitynetNetwork *network = citynet_bundle_load(argv[1], &error);
  if (network == NULL)
    die("cannot load the bundle", error->message);
  CitynetView *view = citynet_view_new(network, options, &error);
  if (view == NULL)
    die("cannot build the view", error->message);
  putchar('{');
  print_graph(view);
  puts("}");

  /* Specs can list thousands of node ids: read whole lines. */
  char *line = NULL;
  size_t size = 0;
  while (getline(&line, &size, stdin) != -1) {
    line[strcspn(line, "\r\n")] = '\0';
    if (*line == '\0' || *line == '#')
      continue;
    run_spec(view, line);
  }
  free(line);
  citynet_view_unref(view);
  citynet_network_unref(network);
  citynet_view_options_free(options);
  return 0;
}
