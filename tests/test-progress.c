/* Tests of the progress handler (common.h): loops report fractions that
 * grow to 1, igraph's own reports (betweenness) arrive through the
 * bridge, and a handler that returns FALSE cancels with
 * CITYNET_ERROR_CANCELLED. Then every long computation of the library
 * (E-I, alignment and brokerage permutations, bootstrap intervals, bloc
 * betweenness, bundle loading and validation, imports): its labels, its
 * fractions (0 first, non-decreasing, 1 last, per label), reports only
 * from the calling thread, results unchanged by reporting, and a clean
 * cancel at the first and at a later report (no leak under ASan). */
#include <math.h>
#include <string.h>

#include "test-util.h"
#include "permutation.h"
#include "progress-private.h"

typedef struct {
  guint calls;
  double last;
  gboolean monotonic;
  char what[64];
  guint cancel_after; /* 0 = never */
} Seen;

static gboolean
record(double fraction, const char *what, gpointer user_data)
{
  Seen *seen = user_data;
  if (fraction < seen->last)
    seen->monotonic = FALSE;
  assert_true(fraction >= 0 && fraction <= 1);
  seen->last = fraction;
  g_strlcpy(seen->what, what, sizeof seen->what);
  seen->calls++;
  return seen->cancel_after == 0 || seen->calls < seen->cancel_after;
}

static void
test_loop_reports(void **state)
{
  Seen seen = { .monotonic = TRUE };
  citynet_set_progress_handler(record, &seen);
  CitynetProgress progress;
  citynet_progress_begin(&progress, "counting", 10000);
  for (guint64 i = 0; i < 10000; i++)
    assert_true(citynet_progress_step(&progress, i));
  assert_true(citynet_progress_end(&progress));
  citynet_set_progress_handler(NULL, NULL);
  /* About every 1/200 of the loop, not every step; the last report is 1. */
  assert_true(seen.calls >= 100 && seen.calls <= 300);
  assert_true(seen.monotonic);
  assert_double_close(seen.last, 1.0, 0);
  assert_string_equal(seen.what, "counting");
}

static void
test_no_handler_no_calls(void **state)
{
  citynet_set_progress_handler(NULL, NULL);
  CitynetProgress progress;
  citynet_progress_begin(&progress, "quiet", 100);
  assert_true(progress.next == G_MAXUINT64);
  for (guint64 i = 0; i < 100; i++)
    assert_true(citynet_progress_step(&progress, i));
  assert_true(citynet_progress_end(&progress));
  assert_true(citynet_progress_report("quiet", 0.5));
}

static void
test_cancel_loop(void **state)
{
  Seen seen = { .monotonic = TRUE, .cancel_after = 3 };
  citynet_set_progress_handler(record, &seen);
  CitynetProgress progress;
  citynet_progress_begin(&progress, "cancelled", 1000);
  guint64 i = 0;
  while (i < 1000 && citynet_progress_step(&progress, i))
    i++;
  citynet_set_progress_handler(NULL, NULL);
  assert_true(i < 1000);
  assert_false(citynet_progress_end(&progress));
  GError *error = NULL;
  citynet_progress_set_cancelled(&error, "cancelled");
  assert_citynet_error(error, CITYNET_ERROR_CANCELLED, "cancelled");
}

/* A path of 400 vertices: igraph's betweenness reports its progress. */
static CitynetView *
path_view(void)
{
  GError *error = NULL;
  CitynetNetwork *network = citynet_network_new();
  char id[16], previous[16];
  for (int i = 0; i < 400; i++) {
    g_snprintf(id, sizeof id, "n%d", i);
    assert_true(citynet_network_add_node(network, id, "organisation", NULL, NULL, &error) >= 0);
    if (i > 0)
      assert_true(citynet_network_add_tie(network, previous, id, "link", 1, FALSE,
                                          NULL, NULL, NULL, &error) >= 0);
    g_strlcpy(previous, id, sizeof previous);
  }
  CitynetView *view = citynet_view_new(network, NULL, &error);
  assert_no_error(error);
  citynet_network_unref(network);
  return view;
}

static void
test_igraph_bridge(void **state)
{
  GError *error = NULL;
  CitynetView *view = path_view();
  Seen seen = { .monotonic = TRUE };
  citynet_set_progress_handler(record, &seen);
  CitynetScores *scores = citynet_centrality_betweenness(view, NULL, &error);
  citynet_set_progress_handler(NULL, NULL);
  assert_no_error(error);
  assert_non_null(scores);
  assert_true(seen.calls > 0);
  assert_non_null(strstr(seen.what, "etweenness"));
  citynet_scores_free(scores);

  /* Cancelled from the handler: the computation stops with CANCELLED. */
  Seen stop = { .monotonic = TRUE, .cancel_after = 1 };
  citynet_set_progress_handler(record, &stop);
  scores = citynet_centrality_betweenness(view, NULL, &error);
  citynet_set_progress_handler(NULL, NULL);
  assert_null(scores);
  assert_citynet_error(error, CITYNET_ERROR_CANCELLED, "cancelled");
  /* And igraph works normally afterwards. */
  scores = citynet_centrality_betweenness(view, NULL, &error);
  assert_no_error(error);
  citynet_scores_free(scores);
  citynet_view_unref(view);
}

/* ------------------------------------------------------------------------ */
/* Every long computation                                                   */
/* ------------------------------------------------------------------------ */

/* Every report of one computation, to be checked afterwards. */
typedef struct {
  GArray *fractions;   /* double */
  GPtrArray *labels;   /* const char* (static labels) */
  GThread *caller;     /* the thread that started the computation */
  gboolean other_thread;
  guint cancel_at;     /* return FALSE at this call (1-based); 0 = never */
  const char *cancel_what; /* non-NULL: count only the calls with this label */
  guint counted;
} Log;

static gboolean
log_report(double fraction, const char *what, gpointer user_data)
{
  Log *log = user_data;
  if (g_thread_self() != log->caller)
    log->other_thread = TRUE;
  g_array_append_val(log->fractions, fraction);
  g_ptr_array_add(log->labels, (gpointer) what);
  if (log->cancel_what == NULL || strcmp(what, log->cancel_what) == 0)
    log->counted++;
  return log->cancel_at == 0 || log->counted < log->cancel_at;
}

static void
log_start(Log *log, guint cancel_at)
{
  log->fractions = g_array_new(FALSE, FALSE, sizeof(double));
  log->labels = g_ptr_array_new();
  log->caller = g_thread_self();
  log->other_thread = FALSE;
  log->cancel_at = cancel_at;
  log->cancel_what = NULL;
  log->counted = 0;
  citynet_set_progress_handler(log_report, log);
}

/* Cancels at the @nth report labelled @what. How many reports a
 * multi-threaded run makes depends on timing (the calling thread reports
 * after its own chunks), but there are always at least two, 0 and 1. */
static void
log_start_on(Log *log, const char *what, guint nth)
{
  log_start(log, nth);
  log->cancel_what = what;
}

static void
log_stop(Log *log)
{
  citynet_set_progress_handler(NULL, NULL);
  g_array_unref(log->fractions);
  g_ptr_array_unref(log->labels);
}

/* Checks a complete run: every report from the calling thread, in [0, 1];
 * the reports come in runs of one label, each starting at 0, never
 * decreasing and ending at 1. Returns the labels of the runs joined by
 * "|" (g_free), e.g. "E-I permutations, ego|E-I permutations, network". */
static char *
log_check(const Log *log)
{
  assert_false(log->other_thread);
  assert_true(log->fractions->len > 0);
  GString *runs = g_string_new(NULL);
  for (guint i = 0; i < log->fractions->len; i++) {
    double f = g_array_index(log->fractions, double, i);
    const char *what = g_ptr_array_index(log->labels, i);
    assert_true(f >= 0.0 && f <= 1.0);
    gboolean first = i == 0 || strcmp(what, g_ptr_array_index(log->labels, i - 1)) != 0;
    if (first) {
      if (i > 0 && g_array_index(log->fractions, double, i - 1) != 1.0)
        fail_msg("\"%s\" ended at %g, not 1", (const char *) g_ptr_array_index(log->labels, i - 1),
                 g_array_index(log->fractions, double, i - 1));
      if (f != 0.0)
        fail_msg("\"%s\" started at %g, not 0", what, f);
      g_string_append_printf(runs, "%s%s", runs->len > 0 ? "|" : "", what);
    } else if (f < g_array_index(log->fractions, double, i - 1)) {
      fail_msg("\"%s\" went back from %g to %g", what,
               g_array_index(log->fractions, double, i - 1), f);
    }
  }
  assert_true(g_array_index(log->fractions, double, log->fractions->len - 1) == 1.0);
  return g_string_free(runs, FALSE);
}

/* How many reports carried @what. */
static guint
log_count(const Log *log, const char *what)
{
  guint n = 0;
  for (guint i = 0; i < log->labels->len; i++)
    n += strcmp(g_ptr_array_index(log->labels, i), what) == 0;
  return n;
}

/* The fan-out: all items run once whatever the handler; only the calling
 * thread reports; a cancel stops the workers early. */
static void
count_items(gconstpointer context, gpointer scratch, gsize first, gsize last)
{
  gint *marks = (gint *) context;
  for (gsize i = first; i < last; i++) {
    g_atomic_int_inc(&marks[i]);
    g_usleep(20);
  }
}

static void
test_parallel_run(void **state)
{
  gint *marks = g_new0(gint, 3000);
  Log log;
  log_start(&log, 0);
  assert_true(citynet_parallel_run_reporting(3000, 3, 64, NULL, NULL, count_items, marks,
                                             "items"));
  char *runs = log_check(&log);
  assert_string_equal(runs, "items");
  g_free(runs);
  log_stop(&log);
  for (gsize i = 0; i < 3000; i++)
    assert_int_equal(marks[i], 1);
  /* On one thread: chunks of at most 1% (30 items), one report after
   * each (the stride is 15), so the bar moves in small steps. */
  log_start(&log, 0);
  assert_true(citynet_parallel_run_reporting(3000, 1, 64, NULL, NULL, count_items, marks,
                                             "items"));
  g_free(log_check(&log));
  assert_int_equal(log.fractions->len, 1 + 100 + 1);
  log_stop(&log);

  /* Cancelled at the second report: FALSE, and the work stops early. */
  memset(marks, 0, 3000 * sizeof(gint));
  log_start(&log, 2);
  assert_false(citynet_parallel_run_reporting(3000, 3, 64, NULL, NULL, count_items, marks,
                                              "items"));
  assert_int_equal(log.fractions->len, 2);
  log_stop(&log);
  gsize run = 0;
  for (gsize i = 0; i < 3000; i++)
    run += marks[i];
  assert_true(run < 3000);
  /* Cancelled at the very first report (0): nothing runs. */
  memset(marks, 0, 3000 * sizeof(gint));
  log_start(&log, 1);
  assert_false(citynet_parallel_run_reporting(3000, 3, 64, NULL, NULL, count_items, marks,
                                              "items"));
  log_stop(&log);
  for (gsize i = 0; i < 3000; i++)
    assert_int_equal(marks[i], 0);
  g_free(marks);
}

/* 120 cities in four countries (every fourth node is an organisation
 * without one), each tied to the next, to the seventh after and to one
 * further on; city 0 is the ego, city 1 the baseline. */
static CitynetView *
world_view(void)
{
  GError *error = NULL;
  static const char *const countries[] = { "AAA", "BBB", "CCC", "DDD" };
  CitynetNetwork *network = citynet_network_new();
  char id[16], other[16];
  const int n = 120;
  for (int i = 0; i < n; i++) {
    g_snprintf(id, sizeof id, "c%d", i);
    gboolean city = i % 4 != 3;
    assert_true(citynet_network_add_node(network, id, city ? "city" : "organisation", NULL,
                                         city ? countries[(i * 7 / 3) % 4] : NULL,
                                         &error) >= 0);
  }
  for (int i = 0; i < n; i++) {
    const int to[] = { (i + 1) % n, (i + 7) % n, (i * 3 + 11) % n };
    for (int k = 0; k < 3; k++) {
      if (to[k] == i)
        continue;
      g_snprintf(id, sizeof id, "c%d", i);
      g_snprintf(other, sizeof other, "c%d", to[k]);
      assert_true(citynet_network_add_tie(network, id, other, "link", 1 + (i + k) % 3, FALSE,
                                          NULL, NULL, NULL, &error) >= 0);
    }
  }
  assert_no_error(error);
  CitynetView *view = citynet_view_new(network, NULL, &error);
  assert_no_error(error);
  citynet_network_unref(network);
  return view;
}

static void
assert_same_test(const CitynetTestResult *a, const CitynetTestResult *b)
{
  assert_int_equal(a->n, b->n);
  assert_true(a->n > 0);
  assert_true(memcmp(&a->mean, &b->mean, sizeof a->mean) == 0);
  assert_true(memcmp(&a->p_greater, &b->p_greater, sizeof a->p_greater) == 0);
  assert_true(memcmp(&a->lower, &b->lower, sizeof a->lower) == 0);
  assert_true(memcmp(&a->upper, &b->upper, sizeof a->upper) == 0);
}

static CitynetAlignmentOptions *
test_options(guint threads, gboolean bootstrap)
{
  CitynetAlignmentOptions *options = citynet_alignment_options_new();
  citynet_alignment_options_set_permutations(options, 2000);
  citynet_alignment_options_set_seed(options, 42);
  citynet_alignment_options_set_threads(options, threads);
  citynet_alignment_options_set_network_test(options, TRUE);
  if (bootstrap)
    citynet_alignment_options_set_interval(options, CITYNET_INTERVAL_BOOTSTRAP);
  return options;
}

static void
test_ei_index(void **state)
{
  GError *error = NULL;
  CitynetView *view = world_view();
  CitynetAlignmentOptions *quiet = test_options(1, FALSE);
  CitynetAlignmentOptions *options = test_options(2, FALSE);

  /* Without a handler, one thread: the reference. */
  CitynetEIIndex *reference = citynet_ei_index_new(view, 0, NULL, quiet, &error);
  assert_no_error(error);

  Log log;
  log_start(&log, 0);
  CitynetEIIndex *index = citynet_ei_index_new(view, 0, NULL, options, &error);
  assert_no_error(error);
  char *runs = log_check(&log);
  assert_string_equal(runs, "E-I permutations, ego|E-I permutations, network");
  g_free(runs);
  log_stop(&log);
  /* Reporting and threads change nothing: the seed decides. */
  assert_int_equal(citynet_ei_index_n_rows(index), citynet_ei_index_n_rows(reference));
  for (gsize row = 0; row < citynet_ei_index_n_rows(index); row++) {
    CitynetTestResult a, b;
    citynet_ei_index_test(index, row, FALSE, &a);
    citynet_ei_index_test(reference, row, FALSE, &b);
    assert_same_test(&a, &b);
    citynet_ei_index_test(index, row, TRUE, &a);
    citynet_ei_index_test(reference, row, TRUE, &b);
    assert_same_test(&a, &b);
  }
  citynet_ei_index_free(index);
  citynet_ei_index_free(reference);

  /* Cancelled in the ego test, at its start and at its next report;
   * then likewise in the network test. */
  static const char *const phases[] = { "E-I permutations, ego",
                                        "E-I permutations, network" };
  for (gsize p = 0; p < G_N_ELEMENTS(phases); p++) {
    for (guint nth = 1; nth <= 2; nth++) {
      log_start_on(&log, phases[p], nth);
      assert_null(citynet_ei_index_new(view, 0, NULL, options, &error));
      assert_citynet_error(error, CITYNET_ERROR_CANCELLED, phases[p]);
      assert_string_equal(g_ptr_array_index(log.labels, log.labels->len - 1), phases[p]);
      log_stop(&log);
    }
  }
  citynet_alignment_options_free(quiet);
  citynet_alignment_options_free(options);
  citynet_view_unref(view);
}

static void
test_alignment(void **state)
{
  GError *error = NULL;
  CitynetView *view = world_view();
  const gsize focus = 0, baseline = 1;
  CitynetAlignmentOptions *quiet = test_options(1, TRUE);
  CitynetAlignmentOptions *options = test_options(2, TRUE);

  CitynetAlignment *reference =
    citynet_alignment_new(view, &focus, 1, NULL, &baseline, 1, quiet, &error);
  assert_no_error(error);
  Log log;
  log_start(&log, 0);
  CitynetAlignment *alignment =
    citynet_alignment_new(view, &focus, 1, NULL, &baseline, 1, options, &error);
  assert_no_error(error);
  char *runs = log_check(&log);
  assert_string_equal(runs, "Comparison permutations|Comparison bootstrap");
  g_free(runs);
  log_stop(&log);
  CitynetTestResult a, b;
  citynet_alignment_jsd(alignment, &a);
  citynet_alignment_jsd(reference, &b);
  assert_same_test(&a, &b);
  citynet_alignment_free(alignment);
  citynet_alignment_free(reference);

  /* Cancelled in the permutations, then in the bootstrap, at the start
   * and at the next report. */
  static const char *const phases[] = { "Comparison permutations", "Comparison bootstrap" };
  for (gsize p = 0; p < G_N_ELEMENTS(phases); p++) {
    for (guint nth = 1; nth <= 2; nth++) {
      log_start_on(&log, phases[p], nth);
      assert_null(citynet_alignment_new(view, &focus, 1, NULL, &baseline, 1, options, &error));
      assert_citynet_error(error, CITYNET_ERROR_CANCELLED, phases[p]);
      log_stop(&log);
    }
  }

  citynet_alignment_options_free(quiet);
  citynet_alignment_options_free(options);
  citynet_view_unref(view);
}

/* Labels "g0".."g2" on every vertex of the world view. */
static CitynetPartition *
world_partition(CitynetView *view)
{
  GError *error = NULL;
  gsize n = citynet_view_n_vertices(view);
  gsize *nodes = g_new(gsize, n);
  const char **labels = g_new(const char *, n);
  static const char *const names[] = { "g0", "g1", "g2" };
  for (gsize v = 0; v < n; v++) {
    nodes[v] = citynet_view_vertex_node(view, v);
    labels[v] = names[(v * 5 / 2) % 3];
  }
  CitynetPartition *partition =
    citynet_partition_new_from_labels(view, nodes, labels, n, NULL, &error);
  assert_no_error(error);
  g_free(nodes);
  g_free(labels);
  return partition;
}

static void
test_brokerage(void **state)
{
  GError *error = NULL;
  CitynetView *view = world_view();
  CitynetPartition *partition = world_partition(view);

  CitynetBrokerage *reference = citynet_brokerage_new(partition, FALSE, 500, 9, &error);
  assert_no_error(error);
  Log log;
  log_start(&log, 0);
  CitynetBrokerage *brokerage = citynet_brokerage_new(partition, FALSE, 500, 9, &error);
  assert_no_error(error);
  char *runs = log_check(&log);
  assert_string_equal(runs, "Brokerage permutations");
  g_free(runs);
  log_stop(&log);
  for (gsize v = 0; v < citynet_brokerage_n(brokerage); v++) {
    double a = citynet_brokerage_get(brokerage, v, CITYNET_BROKERAGE_TOTAL,
                                     CITYNET_BROKERAGE_PERM_P);
    double b = citynet_brokerage_get(reference, v, CITYNET_BROKERAGE_TOTAL,
                                     CITYNET_BROKERAGE_PERM_P);
    assert_true(a == b && a > 0 && a <= 1);
  }
  citynet_brokerage_free(brokerage);
  citynet_brokerage_free(reference);

  for (guint nth = 1; nth <= 2; nth++) {
    log_start_on(&log, "Brokerage permutations", nth);
    assert_null(citynet_brokerage_new(partition, FALSE, 500, 9, &error));
    assert_citynet_error(error, CITYNET_ERROR_CANCELLED, "Brokerage permutations: cancelled");
    log_stop(&log);
  }
  /* No permutations: nothing to report. */
  log_start(&log, 1);
  brokerage = citynet_brokerage_new(partition, FALSE, 0, 9, &error);
  assert_no_error(error);
  assert_int_equal(log.fractions->len, 0);
  log_stop(&log);
  citynet_brokerage_free(brokerage);
  citynet_partition_free(partition);
  citynet_view_unref(view);
}

static void
test_bloc_betweenness(void **state)
{
  GError *error = NULL;
  CitynetView *view = path_view();
  const CitynetNetwork *network = citynet_view_get_network(view);
  gsize sources[100], targets[100];
  for (gsize i = 0; i < 100; i++) {
    char id[16];
    g_snprintf(id, sizeof id, "n%zu", i);
    sources[i] = (gsize) citynet_network_node_index(network, id);
    g_snprintf(id, sizeof id, "n%zu", 300 + i);
    targets[i] = (gsize) citynet_network_node_index(network, id);
  }
  Log log;
  log_start(&log, 0);
  CitynetScores *scores =
    citynet_bloc_betweenness(view, sources, 100, targets, 100, NULL, &error);
  assert_no_error(error);
  char *runs = log_check(&log);
  assert_string_equal(runs, "Betweenness centrality (subset): ");
  g_free(runs);
  /* One report per source, and the end. */
  assert_true(log.fractions->len >= 100);
  log_stop(&log);
  citynet_scores_free(scores);

  const guint cancel_at[] = { 1, 50 };
  for (gsize c = 0; c < G_N_ELEMENTS(cancel_at); c++) {
    log_start(&log, cancel_at[c]);
    assert_null(citynet_bloc_betweenness(view, sources, 100, targets, 100, NULL, &error));
    assert_citynet_error(error, CITYNET_ERROR_CANCELLED, "cancelled");
    log_stop(&log);
  }
  citynet_view_unref(view);
}

/* A bundle of 1,000 organisations and @n_ties ties. */
static char *
big_bundle(gsize n_ties)
{
  char *dir = test_mkdtemp();
  GString *text = g_string_new("id,kind\n");
  for (int i = 0; i < 1000; i++)
    g_string_append_printf(text, "o%d,organisation\n", i);
  test_write_file(dir, "nodes.csv", text->str);
  g_string_assign(text, "source,target,layer,weight\n");
  for (gsize i = 0; i < n_ties; i++)
    g_string_append_printf(text, "o%zu,o%zu,link,%zu\n", i % 1000, (i * 7 + 1) % 1000,
                           1 + i % 5);
  test_write_file(dir, "ties.csv", text->str);
  g_string_free(text, TRUE);
  return dir;
}

static void
test_bundle_load(void **state)
{
  GError *error = NULL;
  char *dir = big_bundle(150000);
  Log log;
  log_start(&log, 0);
  CitynetNetwork *network = citynet_bundle_load(dir, &error);
  assert_no_error(error);
  assert_int_equal(citynet_network_n_ties(network), 150000);
  char *runs = log_check(&log);
  assert_string_equal(runs, "Loading bundle");
  g_free(runs);
  /* 0, after 65,536 and 131,072 rows (by bytes: strictly between), 1. */
  assert_int_equal(log.fractions->len, 4);
  double f1 = g_array_index(log.fractions, double, 1);
  double f2 = g_array_index(log.fractions, double, 2);
  assert_true(f1 > 0.35 && f1 < 0.5 && f2 > 0.8 && f2 < 0.95);
  log_stop(&log);
  citynet_network_unref(network);

  /* Cancelled at the start and midway: no network, no data error. */
  const guint cancel_at[] = { 1, 2, 4 };
  for (gsize c = 0; c < G_N_ELEMENTS(cancel_at); c++) {
    log_start(&log, cancel_at[c]);
    assert_null(citynet_bundle_load(dir, &error));
    assert_citynet_error(error, CITYNET_ERROR_CANCELLED, "Loading bundle: cancelled");
    log_stop(&log);
  }
  /* A cancelled validation does not pass for a clean bundle. */
  log_start(&log, 2);
  CitynetProblems *problems = citynet_bundle_validate(dir);
  log_stop(&log);
  assert_int_equal(citynet_problems_count(problems), 1);
  const char *file;
  assert_non_null(strstr(citynet_problems_get(problems, 0, &file, NULL, NULL),
                         "validation cancelled"));
  assert_string_equal(file, "ties.csv");
  citynet_problems_free(problems);
  problems = citynet_bundle_validate(dir);
  assert_int_equal(citynet_problems_count(problems), 0);
  citynet_problems_free(problems);
  test_rmtree(dir);
  g_free(dir);
}

static void
test_import(void **state)
{
  GError *error = NULL;
  static const char *const countries[] = { "France", "Germany", "Italy", "Spain", "Greece" };
  char *dir = test_mkdtemp();
  GString *text = g_string_new("city1,country1,city2,country2\n");
  for (int i = 0; i < 10000; i++)
    g_string_append_printf(text, "Town%d,%s,Town%d,%s\n", i % 40, countries[i % 40 % 5],
                           (i * 3 + 1) % 40, countries[(i * 3 + 1) % 40 % 5]);
  test_write_file(dir, "pairs.csv", text->str);
  g_string_free(text, TRUE);
  char *path = g_build_filename(dir, "pairs.csv", NULL);

  Log log;
  log_start(&log, 0);
  CitynetImportReport *report = NULL;
  CitynetNetwork *network = citynet_import_pairs(path, NULL, &report, &error);
  assert_no_error(error);
  assert_int_equal(citynet_network_n_nodes(network), 40);
  char *runs = log_check(&log);
  assert_string_equal(runs, "Importing rows|Matching places");
  g_free(runs);
  /* 10,000 rows: 0, after 4,096 and 8,192 rows, 1. */
  assert_int_equal(log_count(&log, "Importing rows"), 4);
  const guint last = log_count(&log, "Matching places");
  assert_true(last >= 2);
  log_stop(&log);
  citynet_network_unref(network);
  citynet_import_report_free(report);

  /* Cancelled while reading (at the start, after 4,096 rows) and while
   * matching (at the start, and at 1 once the network is built). */
  static const char *const phases[] = { "Importing rows", "Matching places" };
  for (gsize p = 0; p < G_N_ELEMENTS(phases); p++) {
    const guint nths[] = { 1, p == 0 ? 2 : last };
    for (gsize k = 0; k < G_N_ELEMENTS(nths); k++) {
      log_start_on(&log, phases[p], nths[k]);
      report = NULL;
      assert_null(citynet_import_pairs(path, NULL, &report, &error));
      assert_null(report);
      assert_citynet_error(error, CITYNET_ERROR_CANCELLED, phases[p]);
      log_stop(&log);
    }
  }
  test_rmtree(dir);
  g_free(path);
  g_free(dir);
}

int
main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_loop_reports),
    cmocka_unit_test(test_no_handler_no_calls),
    cmocka_unit_test(test_cancel_loop),
    cmocka_unit_test(test_igraph_bridge),
    cmocka_unit_test(test_parallel_run),
    cmocka_unit_test(test_ei_index),
    cmocka_unit_test(test_alignment),
    cmocka_unit_test(test_brokerage),
    cmocka_unit_test(test_bloc_betweenness),
    cmocka_unit_test(test_bundle_load),
    cmocka_unit_test(test_import),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
