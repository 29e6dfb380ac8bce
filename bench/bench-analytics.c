/* bench-analytics - the C side of the analytics benchmark
 * (bench_analytics.py).
 *
 *   bench-analytics BUNDLE --measure pagerank|betweenness [--cutoff X]
 *                   [--repeat K] [--edges FILE]
 *
 * Loads the bundle once (timed apart), builds one view and the bare graph
 * from it (untimed: the setup both routes share), then K times, the
 * routes alternating:
 *   ours   citynet_view_new() of the whole network + the measure through
 *          the library (which builds the view's igraph graph on first use,
 *          checks weights, converts lengths and ranks nothing until asked);
 *   cached the same measure again on the same view (graph already built);
 *   bare   the igraph routine alone on an igraph_t built beforehand from the
 *          same edges and weights (igraph_pagerank() with PRPACK, or
 *          igraph_betweenness_cutoff() with lengths 1/w), as a program
 *          using igraph directly would call it;
 *   bare_warm  the same after mallopt() told glibc to keep freed memory, so
 *          every call after the first reuses warm pages: the bare call at
 *          its fastest, the strictest baseline (igraph's own temporaries
 *          are otherwise fresh pages on each call once they exceed glibc's
 *          mmap threshold, and a page fault costs 10-30 us on a VM).
 * Prints one JSON object with every time in seconds and the minor page
 * faults of each ours and bare run. With --edges, writes
 * the view's graph ("n m directed" then "from to weight" lines, weights
 * with 17 digits) so the Python peers time the very same graph.
 *
 * The bare calls use igraph's default error handler (abort): this is a
 * benchmark, not library code.
 */
#include <igraph.h>
#include <malloc.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include <citynet/citynet.h>

static double
now(void)
{
  return (double) g_get_monotonic_time() / 1e6;
}

/* CPU time of the process: with OMP_NUM_THREADS=1 the work of the one
 * thread, which a busy machine inflates much less than wall time. */
static double
cpu_now(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return (double) ts.tv_sec + (double) ts.tv_nsec / 1e9;
}

/* Minor page faults of the process so far: each is a first touch of a
 * fresh page, which on a virtual machine can cost more than the work done
 * on that page. */
static double
minor_faults(void)
{
  struct rusage usage;
  getrusage(RUSAGE_SELF, &usage);
  return (double) usage.ru_minflt;
}

static G_NORETURN void
die(const char *what, GError *error)
{
  fprintf(stderr, "bench-analytics: %s%s%s\n", what, error ? ": " : "",
          error ? error->message : "");
  exit(1);
}

static CitynetScores *
run_measure(CitynetView *view, gboolean pagerank,
            const CitynetCentralityOptions *options)
{
  GError *error = NULL;
  CitynetScores *scores = pagerank
    ? citynet_centrality_pagerank(view, options, &error)
    : citynet_centrality_betweenness(view, options, &error);
  if (scores == NULL)
    die("measure failed", error);
  return scores;
}

/* The bare igraph routine, as a program using igraph directly calls it. */
static void
bare_measure(const igraph_t *graph, gboolean pagerank, gboolean directed,
             const igraph_vector_t *weights, const igraph_vector_t *lengths,
             double cutoff, igraph_vector_t *result)
{
  igraph_real_t value;
  if (pagerank)
    igraph_pagerank(graph, IGRAPH_PAGERANK_ALGO_PRPACK, result, &value,
                    igraph_vss_all(), directed, 0.85, weights, NULL);
  else
    igraph_betweenness_cutoff(graph, result, igraph_vss_all(), directed,
                              lengths, cutoff);
}

/* The view's graph rebuilt with plain igraph calls. */
static void
bare_graph(const CitynetView *view, igraph_t *graph, igraph_vector_t *weights,
           igraph_vector_t *lengths)
{
  const gsize m = citynet_view_n_edges(view);
  igraph_vector_int_t edges;
  igraph_vector_int_init(&edges, 2 * (igraph_integer_t) m);
  igraph_vector_init(weights, (igraph_integer_t) m);
  igraph_vector_init(lengths, (igraph_integer_t) m);
  for (gsize e = 0; e < m; e++) {
    gsize from, to;
    double w = citynet_view_edge(view, e, &from, &to);
    VECTOR(edges)[2 * e] = (igraph_integer_t) from;
    VECTOR(edges)[2 * e + 1] = (igraph_integer_t) to;
    VECTOR(*weights)[e] = w;
    VECTOR(*lengths)[e] = 1.0 / w;
  }
  igraph_create(graph, &edges, (igraph_integer_t) citynet_view_n_vertices(view),
                citynet_view_is_directed(view));
  igraph_vector_int_destroy(&edges);
}

static void
write_edges(const CitynetView *view, const char *path)
{
  FILE *f = fopen(path, "w");
  if (f == NULL)
    die("cannot write the edge file", NULL);
  fprintf(f, "%zu %zu %d\n", citynet_view_n_vertices(view),
          citynet_view_n_edges(view), citynet_view_is_directed(view) ? 1 : 0);
  for (gsize e = 0; e < citynet_view_n_edges(view); e++) {
    gsize from, to;
    double w = citynet_view_edge(view, e, &from, &to);
    fprintf(f, "%zu %zu %.17g\n", from, to, w);
  }
  if (fclose(f) != 0)
    die("cannot write the edge file", NULL);
}

static void
print_times(const char *name, const double *times, int repeat)
{
  printf("\"%s\": [", name);
  for (int r = 0; r < repeat; r++)
    printf("%s%.6f", r > 0 ? ", " : "", times[r]);
  printf("], ");
}

static void
print_counts(const char *name, const double *counts, int repeat)
{
  printf("\"%s\": [", name);
  for (int r = 0; r < repeat; r++)
    printf("%s%.0f", r > 0 ? ", " : "", counts[r]);
  printf("], ");
}

int
main(int argc, char **argv)
{
  const char *bundle = NULL, *measure = "pagerank", *edges_path = NULL;
  double cutoff = -1;
  int repeat = 5;
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--measure") == 0 && i + 1 < argc)
      measure = argv[++i];
    else if (strcmp(argv[i], "--cutoff") == 0 && i + 1 < argc)
      cutoff = g_ascii_strtod(argv[++i], NULL);
    else if (strcmp(argv[i], "--repeat") == 0 && i + 1 < argc) {
      repeat = atoi(argv[++i]);   /* not inside MAX(): it evaluates twice */
      repeat = MAX(1, repeat);
    }
    else if (strcmp(argv[i], "--edges") == 0 && i + 1 < argc)
      edges_path = argv[++i];
    else if (bundle == NULL && argv[i][0] != '-')
      bundle = argv[i];
    else
      die("usage: bench-analytics BUNDLE --measure pagerank|betweenness "
          "[--cutoff X] [--repeat K] [--edges FILE]", NULL);
  }
  const gboolean pagerank = strcmp(measure, "pagerank") == 0;
  if (bundle == NULL || (!pagerank && strcmp(measure, "betweenness") != 0))
    die("usage: bench-analytics BUNDLE --measure pagerank|betweenness", NULL);

  GError *error = NULL;
  double t0 = now();
  CitynetNetwork *network = citynet_bundle_load(bundle, &error);
  if (network == NULL)
    die("cannot load the bundle", error);
  const double load = now() - t0;

  CitynetCentralityOptions *options = citynet_centrality_options_new();
  if (!citynet_centrality_options_set_cutoff(options, cutoff, &error))
    die("bad cutoff", error);

  double *ours = g_new(double, repeat), *view_build = g_new(double, repeat);
  double *cached = g_new(double, repeat), *bare = g_new(double, repeat);
  double *ours_cpu = g_new(double, repeat), *bare_cpu = g_new(double, repeat);
  double *ours_faults = g_new(double, repeat), *bare_faults = g_new(double, repeat);
  double *bare_warm = g_new(double, repeat), *bare_warm_cpu = g_new(double, repeat);
  double checksum_ours = 0, checksum_bare = 0;
  /* The setup both routes share, done before either is timed: the view
   * the bare graph is copied from, and the bare graph itself (igraph_create()
   * and the edge list it is made from leave freed blocks in glibc's heap,
   * which later calls of either route may reuse). */
  t0 = now();
  CitynetView *kept = citynet_view_new(network, NULL, &error);
  if (kept == NULL)
    die("cannot build the view", error);
  /* The network's first view also builds its incidence index. */
  const double first_view = now() - t0;
  igraph_t graph;
  igraph_vector_t weights, lengths, result;
  bare_graph(kept, &graph, &weights, &lengths);
  igraph_vector_init(&result, 0);

  /* The routes alternate, so a change in the machine's load hits both. */
  for (int r = 0; r < repeat; r++) {
    double f0 = minor_faults();
    double c0 = cpu_now();
    t0 = now();
    CitynetView *view = citynet_view_new(network, NULL, &error);
    if (view == NULL)
      die("cannot build the view", error);
    double t1 = now();
    CitynetScores *scores = run_measure(view, pagerank, options);
    double t2 = now();
    ours_cpu[r] = cpu_now() - c0;
    ours_faults[r] = minor_faults() - f0;
    view_build[r] = t1 - t0;
    ours[r] = t2 - t0;
    checksum_ours = citynet_scores_value(scores, 0);
    citynet_scores_free(scores);

    t0 = now();
    scores = run_measure(view, pagerank, options);
    cached[r] = now() - t0;
    citynet_scores_free(scores);
    citynet_view_unref(view);

    f0 = minor_faults();
    c0 = cpu_now();
    t0 = now();
    bare_measure(&graph, pagerank, citynet_view_is_directed(kept), &weights,
                 &lengths, cutoff, &result);
    bare[r] = now() - t0;
    bare_cpu[r] = cpu_now() - c0;
    bare_faults[r] = minor_faults() - f0;
    checksum_bare = VECTOR(result)[0];
  }

  /* Then with glibc keeping freed memory (set last: it stays set for the
   * rest of the process). */
  mallopt(M_MMAP_THRESHOLD, 1 << 30);
  mallopt(M_TRIM_THRESHOLD, 1 << 30);
  for (int r = 0; r < repeat; r++) {
    double c0 = cpu_now();
    t0 = now();
    bare_measure(&graph, pagerank, citynet_view_is_directed(kept), &weights,
                 &lengths, cutoff, &result);
    bare_warm[r] = now() - t0;
    bare_warm_cpu[r] = cpu_now() - c0;
    checksum_bare = VECTOR(result)[0];
  }

  if (edges_path != NULL)
    write_edges(kept, edges_path);

  printf("{\"measure\": \"%s\", \"cutoff\": %g, \"n\": %zu, \"m\": %zu, "
         "\"ties\": %zu, \"directed\": %s, \"load\": %.6f, "
         "\"first_view\": %.6f, ", measure, cutoff,
         citynet_view_n_vertices(kept), citynet_view_n_edges(kept),
         citynet_network_n_ties(network),
         citynet_view_is_directed(kept) ? "true" : "false", load, first_view);
  print_times("ours", ours, repeat);
  print_times("view_build", view_build, repeat);
  print_times("cached", cached, repeat);
  print_times("bare", bare, repeat);
  print_times("ours_cpu", ours_cpu, repeat);
  print_times("bare_cpu", bare_cpu, repeat);
  print_times("bare_warm", bare_warm, repeat);
  print_times("bare_warm_cpu", bare_warm_cpu, repeat);
  print_counts("ours_faults", ours_faults, repeat);
  print_counts("bare_faults", bare_faults, repeat);
  /* The same number from both routes, so nobody times a no-op. */
  printf("\"same_result\": %s}\n",
         fabs(checksum_ours - checksum_bare) <= 1e-12 * fabs(checksum_bare) + 1e-300
           ? "true" : "false");

  igraph_vector_destroy(&result);
  igraph_vector_destroy(&weights);
  igraph_vector_destroy(&lengths);
  igraph_destroy(&graph);
  citynet_view_unref(kept);
  citynet_centrality_options_free(options);
  citynet_network_unref(network);
  g_free(ours);
  g_free(view_build);
  g_free(cached);
  g_free(bare);
  g_free(ours_cpu);
  g_free(bare_cpu);
  g_free(ours_faults);
  g_free(bare_faults);
  g_free(bare_warm);
  g_free(bare_warm_cpu);
  return 0;
}
