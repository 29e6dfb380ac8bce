/* Tests of the igraph glue: errors become GErrors, the host's handlers and
 * RNG survive, and concurrent use is serialised. */
#include <math.h>
#include <string.h>

#include "test-util.h"
#include "view-private.h"

/* ------------------------------------------------------------------------ */
/* A host application's own handlers                                        */
/* ------------------------------------------------------------------------ */

static int host_errors;
static int host_warnings;

static void
host_error_handler(const char *reason, const char *file, int line,
                   igraph_error_t igraph_errno)
{
  host_errors++;
  IGRAPH_FINALLY_FREE();
}

static void
host_warning_handler(const char *reason, const char *file, int line)
{
  host_warnings++;
}

/* Makes igraph fail: an edge list with a negative vertex id. */
static igraph_error_t
make_bad_graph(void)
{
  igraph_vector_int_t edges;
  igraph_t graph;
  igraph_vector_int_init(&edges, 2);
  VECTOR(edges)[0] = 0;
  VECTOR(edges)[1] = -1;
  igraph_error_t code = igraph_create(&graph, &edges, 2, IGRAPH_UNDIRECTED);
  if (code == IGRAPH_SUCCESS)
    igraph_destroy(&graph);
  igraph_vector_int_destroy(&edges);
  return code;
}

static void
test_error_becomes_gerror(void **state)
{
  GError *error = NULL;
  citynet_igraph_enter();
  igraph_error_t code = make_bad_graph();
  gboolean ok = citynet_igraph_check(code, "building a test graph", &error);
  citynet_igraph_leave();

  assert_false(ok);
  assert_int_equal(code, IGRAPH_EINVVID);
  /* "what: igraph <reason> (<igraph_strerror>)" */
  assert_non_null(error);
  assert_non_null(strstr(error->message, "building a test graph: igraph "));
  assert_non_null(strstr(error->message, igraph_strerror(IGRAPH_EINVVID)));
  assert_citynet_error(error, CITYNET_ERROR_COMPUTATION, "building a test graph");
}

static void
test_success_is_true(void **state)
{
  GError *error = NULL;
  igraph_vector_t v;
  citynet_igraph_enter();
  assert_true(citynet_igraph_check(igraph_vector_init(&v, 3), "init", &error));
  igraph_vector_destroy(&v);
  citynet_igraph_leave();
  assert_no_error(error);
}

/* A second failure reports its own reason, not the first one's. */
static void
test_error_state_is_cleared(void **state)
{
  GError *error = NULL;
  citynet_igraph_enter();
  assert_false(citynet_igraph_check(make_bad_graph(), "first", &error));
  assert_citynet_error(error, CITYNET_ERROR_COMPUTATION, "first: igraph");

  igraph_vector_int_t v;
  igraph_vector_int_init(&v, 0);
  igraph_vs_t vs;
  igraph_vector_int_push_back(&v, 7);
  igraph_t graph;
  igraph_empty(&graph, 2, IGRAPH_UNDIRECTED);
  igraph_vector_int_t degrees;
  igraph_vector_int_init(&degrees, 0);
  igraph_vs_vector(&vs, &v);
  /* Vertex 7 does not exist in a 2-vertex graph. */
  igraph_error_t code = igraph_degree(&graph, &degrees, vs, IGRAPH_ALL,
                                      IGRAPH_LOOPS);
  assert_false(citynet_igraph_check(code, "second", &error));
  assert_non_null(error);
  assert_non_null(strstr(error->message, "second: igraph"));
  assert_null(strstr(error->message, "first"));
  g_clear_error(&error);
  igraph_vector_int_destroy(&degrees);
  igraph_destroy(&graph);
  igraph_vector_int_destroy(&v);

  /* A code without a recorded reason still reads sensibly. */
  assert_false(citynet_igraph_check(IGRAPH_ENOMEM, "third", &error));
  assert_citynet_error(error, CITYNET_ERROR_COMPUTATION, "third: igraph failed");
  citynet_igraph_leave();
}

static void
test_host_handlers_restored(void **state)
{
  GError *error = NULL;
  igraph_error_handler_t *before_error =
    igraph_set_error_handler(host_error_handler);
  igraph_warning_handler_t *before_warning =
    igraph_set_warning_handler(host_warning_handler);
  host_errors = host_warnings = 0;

  citynet_igraph_enter();
  citynet_igraph_enter(); /* nested: must not save our own handler */
  assert_false(citynet_igraph_check(make_bad_graph(), "nested", &error));
  g_clear_error(&error);
  citynet_igraph_leave();
  assert_false(citynet_igraph_check(make_bad_graph(), "outer", &error));
  g_clear_error(&error);
  igraph_warning("a test warning", __FILE__, __LINE__);
  assert_string_equal(citynet_igraph_last_warning(), "a test warning");
  citynet_igraph_leave();

  /* Ours caught everything while inside. */
  assert_int_equal(host_errors, 0);
  assert_int_equal(host_warnings, 0);

  /* After leaving, the host's handlers are the ones igraph calls. */
  assert_int_equal(make_bad_graph(), IGRAPH_EINVVID);
  igraph_warning("another", __FILE__, __LINE__);
  assert_int_equal(host_errors, 1);
  assert_int_equal(host_warnings, 1);

  assert_ptr_equal(igraph_set_error_handler(before_error), host_error_handler);
  assert_ptr_equal(igraph_set_warning_handler(before_warning),
                   host_warning_handler);
}

/* ------------------------------------------------------------------------ */
/* Seeded RNG                                                               */
/* ------------------------------------------------------------------------ */

typedef struct {
  igraph_integer_t values[8];
} Draws;

static gboolean
draw_values(gpointer user_data, GError **error)
{
  Draws *draws = user_data;
  for (int i = 0; i < 8; i++)
    draws->values[i] = igraph_rng_get_integer(igraph_rng_default(), 0, 1000000);
  return TRUE;
}

static void
test_seeded_rng(void **state)
{
  GError *error = NULL;
  Draws a, b, c, host1, host2;
  /* igraph keeps the default RNG in one global struct; the host's generator
   * is identified by its state. */
  void *host_state = igraph_rng_default()->state;

  /* The host seeds its default RNG; what it draws must not depend on our
   * seeded runs in between. */
  igraph_rng_seed(igraph_rng_default(), 99);
  draw_values(&host1, NULL);
  igraph_rng_seed(igraph_rng_default(), 99);

  assert_true(citynet_igraph_run_seeded(42, draw_values, &a, &error));
  assert_true(citynet_igraph_run_seeded(42, draw_values, &b, &error));
  assert_true(citynet_igraph_run_seeded(43, draw_values, &c, &error));
  assert_no_error(error);
  assert_ptr_equal(igraph_rng_default()->state, host_state);
  draw_values(&host2, NULL);

  assert_memory_equal(a.values, b.values, sizeof a.values);
  assert_memory_not_equal(a.values, c.values, sizeof a.values);
  assert_memory_equal(host1.values, host2.values, sizeof host1.values);

  /* push/pop directly, nested inside an enter. */
  CitynetIgraphRng rng;
  citynet_igraph_enter();
  assert_true(citynet_igraph_rng_push(&rng, 42, &error));
  assert_ptr_not_equal(igraph_rng_default()->state, host_state);
  draw_values(&c, NULL);
  citynet_igraph_rng_pop(&rng);
  assert_ptr_equal(igraph_rng_default()->state, host_state);
  citynet_igraph_leave();
  assert_memory_equal(a.values, c.values, sizeof a.values);
}

static gboolean
fail_inside(gpointer user_data, GError **error)
{
  return citynet_igraph_check(make_bad_graph(), "inside a seeded run", error);
}

static void
test_seeded_run_failure(void **state)
{
  GError *error = NULL;
  void *host_state = igraph_rng_default()->state;
  assert_false(citynet_igraph_run_seeded(1, fail_inside, NULL, &error));
  assert_citynet_error(error, CITYNET_ERROR_COMPUTATION, "inside a seeded run");
  assert_ptr_equal(igraph_rng_default()->state, host_state);
}

/* ------------------------------------------------------------------------ */
/* Threads                                                                  */
/* ------------------------------------------------------------------------ */

/* A ring of 200 cities plus chords: known edge count and total weight. */
static CitynetNetwork *
make_ring(void)
{
  GError *error = NULL;
  CitynetNetwork *network = citynet_network_new();
  for (int i = 0; i < 200; i++) {
    char id[16];
    g_snprintf(id, sizeof id, "c%d", i);
    assert_true(citynet_network_add_node(network, id, "city", NULL, "TUR",
                                         &error) >= 0);
  }
  for (int i = 0; i < 200; i++) {
    char a[16], b[16], c[16];
    g_snprintf(a, sizeof a, "c%d", i);
    g_snprintf(b, sizeof b, "c%d", (i + 1) % 200);
    g_snprintf(c, sizeof c, "c%d", (i + 7) % 200);
    assert_true(citynet_network_add_tie(network, a, b, "sister", 1.0, FALSE,
                                        NULL, NULL, NULL, &error) >= 0);
    assert_true(citynet_network_add_tie(network, a, c, "visit", 2.0, TRUE,
                                        NULL, NULL, NULL, &error) >= 0);
  }
  assert_no_error(error);
  return network;
}

typedef struct {
  CitynetNetwork *network;
  gboolean directed;
  int failures;
} Worker;

static gpointer
hammer(gpointer data)
{
  Worker *worker = data;
  for (int round = 0; round < 150; round++) {
    GError *error = NULL;
    CitynetViewOptions *options = citynet_view_options_new();
    citynet_view_options_set_direction(options, worker->directed
                                       ? CITYNET_DIRECTION_DIRECTED
                                       : CITYNET_DIRECTION_UNDIRECTED);
    CitynetView *view = citynet_view_new(worker->network, options, &error);
    citynet_view_options_free(options);
    const igraph_t *graph = view != NULL ? citynet_view_graph(view, &error) : NULL;
    const igraph_vector_t *weights = view != NULL ? citynet_view_weights(view, &error) : NULL;
    if (graph == NULL || weights == NULL) {
      worker->failures++;
      g_clear_error(&error);
      citynet_view_unref(view);
      continue;
    }
    citynet_igraph_enter();
    /* Undirected: 200 ring + 200 chords; directed: 400 ring arcs + 200. */
    igraph_integer_t want_edges = worker->directed ? 600 : 400;
    double want_weight = worker->directed ? 400 * 1.0 + 200 * 2.0 : 200 + 400.0;
    if (igraph_vcount(graph) != 200 || igraph_ecount(graph) != want_edges ||
        igraph_is_directed(graph) != worker->directed ||
        igraph_vector_sum(weights) != want_weight)
      worker->failures++;
    /* An error in the middle must stay this thread's error. */
    if (citynet_igraph_check(make_bad_graph(), "thread", &error) ||
        strstr(error->message, "thread: igraph") == NULL)
      worker->failures++;
    g_clear_error(&error);
    citynet_igraph_leave();
    citynet_view_unref(view);
  }
  return NULL;
}

static void
test_threads(void **state)
{
  CitynetNetwork *network = make_ring();
  Worker a = { network, FALSE, 0 }, b = { network, TRUE, 0 };
  GThread *ta = g_thread_new("hammer-a", hammer, &a);
  GThread *tb = g_thread_new("hammer-b", hammer, &b);
  g_thread_join(ta);
  g_thread_join(tb);
  assert_int_equal(a.failures, 0);
  assert_int_equal(b.failures, 0);
  citynet_network_unref(network);
}

/* Many threads asking one view for its graph get the same graph. */
static gpointer
ask_graph(gpointer data)
{
  return (gpointer) citynet_view_graph(data, NULL);
}

static void
test_lazy_graph_once(void **state)
{
  CitynetNetwork *network = make_ring();
  CitynetView *view = citynet_view_new(network, NULL, NULL);
  GThread *threads[4];
  for (int i = 0; i < 4; i++)
    threads[i] = g_thread_new("ask", ask_graph, view);
  gpointer first = g_thread_join(threads[0]);
  assert_non_null(first);
  for (int i = 1; i < 4; i++)
    assert_ptr_equal(g_thread_join(threads[i]), first);
  assert_ptr_equal(citynet_view_graph(view, NULL), first);
  citynet_view_unref(view);
  citynet_network_unref(network);
}

int
main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_error_becomes_gerror),
    cmocka_unit_test(test_success_is_true),
    cmocka_unit_test(test_error_state_is_cleared),
    cmocka_unit_test(test_host_handlers_restored),
    cmocka_unit_test(test_seeded_rng),
    cmocka_unit_test(test_seeded_run_failure),
    cmocka_unit_test(test_threads),
    cmocka_unit_test(test_lazy_graph_once),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
