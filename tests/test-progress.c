/* Tests of the progress handler (common.h): loops report fractions that
 * grow to 1, igraph's own reports (betweenness) arrive through the
 * bridge, and a handler that returns FALSE cancels with
 * CITYNET_ERROR_CANCELLED. */
#include <math.h>
#include <string.h>

#include "test-util.h"
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

int
main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_loop_reports),
    cmocka_unit_test(test_no_handler_no_calls),
    cmocka_unit_test(test_cancel_loop),
    cmocka_unit_test(test_igraph_bridge),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
