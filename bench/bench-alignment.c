/* bench-alignment - the C side of the alignment benchmark
 * (bench_alignment.py).
 *
 *   bench-alignment BUNDLE [--ego NODE] [--permutations N] [--threads T]
 *                   [--repeat K] [--network-test]
 *
 * Loads the bundle once (timed apart) and builds the whole-network view,
 * picks the ego (--ego, or the node with the most distinct neighbours),
 * then K times runs citynet_ei_index_new() by country with N permutations
 * on T threads (0 = every processor): the ego test alone, and with
 * --network-test also the group- and network-level test. Also times one
 * two-sample comparison (the ego against its highest-degree neighbour, by
 * country, N permutations). Prints one JSON object; times in seconds, the
 * best of K (wall clock and process CPU).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <citynet/citynet.h>

static double
now(void)
{
  return (double) g_get_monotonic_time() / 1e6;
}

static double
cpu_now(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return (double) ts.tv_sec + (double) ts.tv_nsec / 1e9;
}

static G_NORETURN void
die(const char *what, GError *error)
{
  fprintf(stderr, "bench-alignment: %s: %s\n", what, error != NULL ? error->message : "failed");
  exit(1);
}

/* The vertex with the most distinct neighbours, and that neighbour of it
 * with the most distinct neighbours. */
static void
pick_nodes(CitynetView *view, gssize *ego, gssize *other)
{
  gsize n = citynet_view_n_vertices(view);
  gsize *degree = g_new0(gsize, n);
  for (gsize e = 0; e < citynet_view_n_edges(view); e++) {
    gsize from, to;
    citynet_view_edge(view, e, &from, &to);
    degree[from]++;
    degree[to]++;
  }
  gsize best = 0;
  for (gsize v = 1; v < n; v++)
    if (degree[v] > degree[best])
      best = v;
  gssize second = -1;
  for (gsize e = 0; e < citynet_view_n_edges(view); e++) {
    gsize from, to;
    citynet_view_edge(view, e, &from, &to);
    gsize other_end = from == best ? to : to == best ? from : G_MAXSIZE;
    if (other_end != G_MAXSIZE && (second < 0 || degree[other_end] > degree[second]))
      second = (gssize) other_end;
  }
  if (*ego < 0)
    *ego = (gssize) citynet_view_vertex_node(view, best);
  *other = second >= 0 ? (gssize) citynet_view_vertex_node(view, (gsize) second) : -1;
  g_free(degree);
}

typedef struct {
  double wall;
  double cpu;
} Timing;

static void
keep_best(Timing *best, double wall, double cpu)
{
  if (best->wall < 0 || wall < best->wall)
    best->wall = wall;
  if (best->cpu < 0 || cpu < best->cpu)
    best->cpu = cpu;
}

int
main(int argc, char **argv)
{
  char *ego_id = NULL;
  int permutations = 10000, threads = 0, repeat = 3;
  gboolean network_test = FALSE;
  GOptionEntry entries[] = {
    { "ego", 0, 0, G_OPTION_ARG_STRING, &ego_id, "Ego node id", "ID" },
    { "permutations", 0, 0, G_OPTION_ARG_INT, &permutations, "Permutations", "N" },
    { "threads", 0, 0, G_OPTION_ARG_INT, &threads, "Threads (0 = all)", "T" },
    { "repeat", 0, 0, G_OPTION_ARG_INT, &repeat, "Repetitions", "K" },
    { "network-test", 0, 0, G_OPTION_ARG_NONE, &network_test,
      "Also time the group- and network-level test", NULL },
    { NULL }
  };
  GError *error = NULL;
  GOptionContext *context = g_option_context_new("BUNDLE");
  g_option_context_add_main_entries(context, entries, NULL);
  if (!g_option_context_parse(context, &argc, &argv, &error) || argc != 2)
    die("usage: bench-alignment BUNDLE [options]", error);
  g_option_context_free(context);

  double t0 = now();
  CitynetNetwork *network = citynet_bundle_load(argv[1], &error);
  if (network == NULL)
    die("loading", error);
  CitynetView *view = citynet_view_new(network, NULL, &error);
  if (view == NULL)
    die("view", error);
  double load = now() - t0;

  gssize ego = -1, other = -1;
  if (ego_id != NULL && (ego = citynet_network_find_node(network, ego_id, &error)) < 0)
    die("--ego", error);
  pick_nodes(view, &ego, &other);

  CitynetAlignmentOptions *options = citynet_alignment_options_new();
  citynet_alignment_options_set_permutations(options, (guint) permutations);
  citynet_alignment_options_set_threads(options, (guint) threads);
  citynet_alignment_options_set_seed(options, 1);

  Timing ego_only = { -1, -1 }, full = { -1, -1 }, profile = { -1, -1 };
  double p_ego = NAN, p_network = NAN, ei_ego = NAN;
  gsize degree = 0;
  for (int k = 0; k < repeat; k++) {
    citynet_alignment_options_set_network_test(options, FALSE);
    double w = now(), c = cpu_now();
    CitynetEIIndex *index = citynet_ei_index_new(view, ego, NULL, options, &error);
    if (index == NULL)
      die("E-I", error);
    keep_best(&ego_only, now() - w, cpu_now() - c);
    CitynetTestResult test;
    citynet_ei_index_test(index, 0, FALSE, &test);
    p_ego = test.p_two_sided;
    ei_ego = test.observed;
    double internal, external;
    citynet_ei_index_values(index, 0, FALSE, &internal, &external, NULL, NULL, NULL, NULL,
                            NULL);
    degree = (gsize) (internal + external);
    citynet_ei_index_free(index);

    if (network_test) {
      citynet_alignment_options_set_network_test(options, TRUE);
      w = now();
      c = cpu_now();
      index = citynet_ei_index_new(view, ego, NULL, options, &error);
      if (index == NULL)
        die("E-I", error);
      keep_best(&full, now() - w, cpu_now() - c);
      citynet_ei_index_test(index, citynet_ei_index_n_rows(index) - 1, FALSE, &test);
      p_network = test.p_two_sided;
      citynet_ei_index_free(index);
    }
    if (other >= 0) {
      gsize a = (gsize) ego, b = (gsize) other;
      w = now();
      c = cpu_now();
      CitynetAlignment *alignment = citynet_alignment_new(view, &a, 1, NULL, &b, 1, options,
                                                          &error);
      if (alignment == NULL)
        die("alignment", error);
      keep_best(&profile, now() - w, cpu_now() - c);
      citynet_alignment_free(alignment);
    }
  }

  printf("{\"bundle\": \"%s\", \"nodes\": %zu, \"ties\": %zu, \"edges\": %zu, "
         "\"load_seconds\": %.4f, \"ego\": \"%s\", \"ego_counted_edges\": %zu, "
         "\"ei_ego\": %.6f, \"p_ego\": %.6f, \"permutations\": %d, \"threads\": %d, "
         "\"processors\": %u, \"ego_test_wall\": %.4f, \"ego_test_cpu\": %.4f",
         argv[1], citynet_network_n_nodes(network), citynet_network_n_ties(network),
         citynet_view_n_edges(view), load, citynet_network_node_id(network, (gsize) ego),
         degree, ei_ego, p_ego, permutations, threads, g_get_num_processors(),
         ego_only.wall, ego_only.cpu);
  if (network_test)
    printf(", \"network_test_wall\": %.4f, \"network_test_cpu\": %.4f, \"p_network\": %.6f",
           full.wall, full.cpu, p_network);
  if (other >= 0)
    printf(", \"profile_other\": \"%s\", \"profile_wall\": %.4f, \"profile_cpu\": %.4f",
           citynet_network_node_id(network, (gsize) other), profile.wall, profile.cpu);
  printf("}\n");
  citynet_alignment_options_free(options);
  citynet_view_unref(view);
  citynet_network_unref(network);
  g_free(ego_id);
  return 0;
}
