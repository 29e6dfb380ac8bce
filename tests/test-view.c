/* Tests of views: filters, the date rule, direction and combining, the
 * tie reference date, conversion back to a network and GraphML details.
 * Every expected value is worked out by hand in the comments. */
#include <math.h>
#include <string.h>
#include <glib/gstdio.h>

#include "test-util.h"
#include "view-private.h"

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

static void
add_node(CitynetNetwork *network, const char *id, const char *kind,
         const char *country)
{
  GError *error = NULL;
  gssize index = citynet_network_add_node(network, id, kind, NULL, country,
                                          &error);
  assert_no_error(error);
  assert_true(index >= 0);
}

static gsize
add_tie(CitynetNetwork *network, const char *source, const char *target,
        const char *layer, double weight, gboolean directed,
        const char *start, const char *end)
{
  GError *error = NULL;
  gssize index = citynet_network_add_tie(network, source, target, layer,
                                         weight, directed, start, end, NULL,
                                         &error);
  assert_no_error(error);
  assert_true(index >= 0);
  return (gsize) index;
}

/* A tie straight into the store, bypassing citynet_network_add_tie()'s
 * checks. The model refuses self-ties, but the internal append does not
 * check, and the view's arc rules for loops (two arcs for an undirected
 * loop in a directed view, as igraph counts them) are pinned down here so
 * that a loop never breaks the index or the edge order. */
static void
append_tie(CitynetNetwork *network, guint32 source, guint32 target,
           const char *layer, double weight, gboolean directed)
{
  CitynetTieRec tie = {
    .source = source, .target = target, .weight = weight,
    .start = CITYNET_DATE_OPEN, .end = CITYNET_DATE_OPEN,
    .layer = citynet_network_intern_layer(network, layer),
    .directed = directed ? 1 : 0,
  };
  citynet_network_append_tie(network, &tie);
}

/* The basic network: nodes a b c d e f = 0..5.
 *   t0 a-b  sister 2  undirected
 *   t1 a-b  visit  3  undirected
 *   t2 b->a aid    5  directed
 *   t3 a-c  sister 1  undirected
 *   t4 a->d member 1  directed
 *   t5 c->d member 4  directed
 *   t6 e->a visit  7  directed
 * f has no ties. */
static CitynetNetwork *
make_basic(void)
{
  CitynetNetwork *network = citynet_network_new();
  add_node(network, "a", "city", "TUR");
  add_node(network, "b", "city", "TUR");
  add_node(network, "c", "city", "DEU");
  add_node(network, "d", "organisation", NULL);
  add_node(network, "e", "government", "TUR");
  add_node(network, "f", "city", "FRA");
  add_tie(network, "a", "b", "sister", 2, FALSE, NULL, NULL);
  add_tie(network, "a", "b", "visit", 3, FALSE, NULL, NULL);
  add_tie(network, "b", "a", "aid", 5, TRUE, NULL, NULL);
  add_tie(network, "a", "c", "sister", 1, FALSE, NULL, NULL);
  add_tie(network, "a", "d", "member", 1, TRUE, NULL, NULL);
  add_tie(network, "c", "d", "member", 4, TRUE, NULL, NULL);
  add_tie(network, "e", "a", "visit", 7, TRUE, NULL, NULL);
  return network;
}

static CitynetView *
make_view(CitynetNetwork *network, CitynetDirection direction,
          CitynetCombine combine)
{
  GError *error = NULL;
  CitynetViewOptions *options = citynet_view_options_new();
  citynet_view_options_set_direction(options, direction);
  citynet_view_options_set_combine(options, combine);
  CitynetView *view = citynet_view_new(network, options, &error);
  citynet_view_options_free(options);
  assert_no_error(error);
  assert_non_null(view);
  return view;
}

typedef struct {
  gsize from, to;
  double weight;
  gsize n_ties;
} Edge;

static void
assert_edges(const CitynetView *view, const Edge *want, gsize n)
{
  assert_int_equal(citynet_view_n_edges(view), n);
  for (gsize e = 0; e < n; e++) {
    gsize from = 99, to = 99;
    double weight = citynet_view_edge(view, e, &from, &to);
    if (from != want[e].from || to != want[e].to || weight != want[e].weight ||
        citynet_view_edge_n_ties(view, e) != want[e].n_ties)
      fail_msg("edge %zu: got (%zu, %zu) w=%g n=%zu, want (%zu, %zu) w=%g n=%zu",
               e, from, to, weight, citynet_view_edge_n_ties(view, e),
               want[e].from, want[e].to, want[e].weight, want[e].n_ties);
  }
}

/* The igraph graph mirrors the view's edges and weights. */
static void
assert_graph_matches(const CitynetView *view)
{
  GError *error = NULL;
  const igraph_t *graph = citynet_view_graph(view, &error);
  const igraph_vector_t *weights = citynet_view_weights(view, &error);
  assert_no_error(error);
  assert_non_null(graph);
  citynet_igraph_enter();
  assert_int_equal(igraph_vcount(graph), citynet_view_n_vertices(view));
  assert_int_equal(igraph_ecount(graph), citynet_view_n_edges(view));
  assert_int_equal(igraph_is_directed(graph) ? 1 : 0,
                   citynet_view_is_directed(view) ? 1 : 0);
  for (gsize e = 0; e < citynet_view_n_edges(view); e++) {
    gsize from, to;
    double weight = citynet_view_edge(view, e, &from, &to);
    igraph_integer_t gf, gt;
    igraph_edge(graph, (igraph_integer_t) e, &gf, &gt);
    if (citynet_view_is_directed(view)) {
      assert_int_equal(gf, from);
      assert_int_equal(gt, to);
    } else {
      assert_int_equal(MIN(gf, gt), from);
      assert_int_equal(MAX(gf, gt), to);
    }
    assert_true(VECTOR(*weights)[e] == weight);
  }
  citynet_igraph_leave();
}

/* ------------------------------------------------------------------------ */
/* Options                                                                  */
/* ------------------------------------------------------------------------ */

static void
test_option_parsing(void **state)
{
  GError *error = NULL;
  CitynetDirection direction;
  CitynetCombine combine;
  assert_true(citynet_direction_from_string("directed", &direction, &error));
  assert_int_equal(direction, CITYNET_DIRECTION_DIRECTED);
  assert_true(citynet_direction_from_string("Undirected", &direction, &error));
  assert_int_equal(direction, CITYNET_DIRECTION_UNDIRECTED);
  assert_true(citynet_direction_from_string("auto", &direction, &error));
  assert_int_equal(direction, CITYNET_DIRECTION_AUTO);
  assert_false(citynet_direction_from_string("both", &direction, &error));
  assert_citynet_error(error, CITYNET_ERROR_INVALID_ARGUMENT, "auto, undirected, directed");
  assert_true(citynet_combine_from_string("none", &combine, &error));
  assert_int_equal(combine, CITYNET_COMBINE_NONE);
  assert_true(citynet_combine_from_string("max", &combine, &error));
  assert_int_equal(combine, CITYNET_COMBINE_MAX);
  assert_true(citynet_combine_from_string("count", &combine, &error));
  assert_int_equal(combine, CITYNET_COMBINE_COUNT);
  assert_true(citynet_combine_from_string("sum", &combine, &error));
  assert_int_equal(combine, CITYNET_COMBINE_SUM);
  assert_false(citynet_combine_from_string("mean", &combine, &error));
  assert_citynet_error(error, CITYNET_ERROR_INVALID_ARGUMENT, "\"mean\"");

  CitynetViewOptions *options = citynet_view_options_new();
  assert_false(citynet_view_options_set_at(options, "2019-13", &error));
  assert_citynet_error(error, CITYNET_ERROR_INVALID_ARGUMENT, "2019-13");
  assert_false(citynet_view_options_set_period(options, "2020", "2019-12-31", &error));
  assert_citynet_error(error, CITYNET_ERROR_INVALID_ARGUMENT, "before");
  assert_false(citynet_view_options_set_period(options, "x", NULL, &error));
  assert_citynet_error(error, CITYNET_ERROR_INVALID_ARGUMENT, "\"x\"");
  /* A failed call leaves the options as they were (open). */
  assert_int_equal(options->from, CITYNET_DATE_OPEN);
  assert_int_equal(options->to, CITYNET_DATE_OPEN);

  /* set_at of a partial date is the window of its days. */
  assert_true(citynet_view_options_set_at(options, "2020-02", &error));
  assert_int_equal(options->from, 20200201);
  assert_int_equal(options->to, 20200229);
  /* set_period with partial dates: first day of from, last day of to; and
   * it replaces the earlier window. */
  assert_true(citynet_view_options_set_period(options, "2019", "2021-06", &error));
  assert_int_equal(options->from, 20190101);
  assert_int_equal(options->to, 20210630);
  /* Same month ends are fine: [2020-01-01, 2020-03-31]. */
  assert_true(citynet_view_options_set_period(options, "2020", "2020-03", &error));
  assert_int_equal(options->to, 20200331);
  assert_true(citynet_view_options_set_period(options, NULL, "2019", &error));
  assert_int_equal(options->from, CITYNET_DATE_OPEN);
  assert_int_equal(options->to, 20191231);
  assert_true(citynet_view_options_set_at(options, NULL, &error));
  assert_int_equal(options->from, CITYNET_DATE_OPEN);
  assert_int_equal(options->to, CITYNET_DATE_OPEN);
  assert_no_error(error);

  citynet_view_options_add_layer(options, "sister");
  citynet_view_options_add_layer(options, "sister");
  citynet_view_options_add_kind(options, "city");
  CitynetViewOptions *copy = citynet_view_options_copy(options);
  assert_int_equal(copy->layers->len, 1);
  assert_int_equal(copy->kinds->len, 1);
  assert_string_equal(g_ptr_array_index(copy->layers, 0), "sister");
  citynet_view_options_free(copy);
  citynet_view_options_free(options);
  citynet_view_options_free(NULL);
}

/* ------------------------------------------------------------------------ */
/* Direction and combining                                                  */
/* ------------------------------------------------------------------------ */

/* Undirected: every tie on its unordered pair (from < to).
 *   (0,1): t0 2, t1 3, t2 5   (0,2): t3 1   (0,3): t4 1   (0,4): t6 7
 *   (2,3): t5 4 */
static void
test_undirected_combines(void **state)
{
  CitynetNetwork *network = make_basic();

  CitynetView *view = make_view(network, CITYNET_DIRECTION_UNDIRECTED,
                                CITYNET_COMBINE_SUM);
  assert_false(citynet_view_is_directed(view));
  assert_int_equal(citynet_view_n_vertices(view), 6);
  assert_int_equal(citynet_view_n_ties(view), 7);
  const Edge sum[] = {
    { 0, 1, 10, 3 }, { 0, 2, 1, 1 }, { 0, 3, 1, 1 }, { 0, 4, 7, 1 }, { 2, 3, 4, 1 },
  };
  assert_edges(view, sum, G_N_ELEMENTS(sum));
  /* The ties behind edge 0 in network order. */
  gsize n;
  const guint32 *ties = citynet_view_edge_ties(view, 0, &n);
  assert_int_equal(n, 3);
  assert_int_equal(ties[0], 0);
  assert_int_equal(ties[1], 1);
  assert_int_equal(ties[2], 2);
  assert_int_equal(citynet_view_edge_tie(view, 0, 1), 1);
  assert_int_equal(citynet_view_edge_tie(view, 4, 0), 5);
  assert_graph_matches(view);

  citynet_view_unref(view);

  view = make_view(network, CITYNET_DIRECTION_UNDIRECTED, CITYNET_COMBINE_MAX);
  const Edge max[] = {
    { 0, 1, 5, 3 }, { 0, 2, 1, 1 }, { 0, 3, 1, 1 }, { 0, 4, 7, 1 }, { 2, 3, 4, 1 },
  };
  assert_edges(view, max, G_N_ELEMENTS(max));
  assert_graph_matches(view);
  citynet_view_unref(view);

  view = make_view(network, CITYNET_DIRECTION_UNDIRECTED, CITYNET_COMBINE_COUNT);
  const Edge count[] = {
    { 0, 1, 3, 3 }, { 0, 2, 1, 1 }, { 0, 3, 1, 1 }, { 0, 4, 1, 1 }, { 2, 3, 1, 1 },
  };
  assert_edges(view, count, G_N_ELEMENTS(count));
  assert_graph_matches(view);
  citynet_view_unref(view);

  /* NONE: one edge per tie, pairs sorted, ties in network order within. */
  view = make_view(network, CITYNET_DIRECTION_UNDIRECTED, CITYNET_COMBINE_NONE);
  const Edge none[] = {
    { 0, 1, 2, 1 }, { 0, 1, 3, 1 }, { 0, 1, 5, 1 }, { 0, 2, 1, 1 },
    { 0, 3, 1, 1 }, { 0, 4, 7, 1 }, { 2, 3, 4, 1 },
  };
  assert_edges(view, none, G_N_ELEMENTS(none));
  assert_int_equal(citynet_view_edge_ties(view, 2, NULL)[0], 2);
  assert_graph_matches(view);

  /* A node added after the view was made is not in it (and reading its
   * vertex must not run past the view's map). */
  GError *error = NULL;
  gssize late = citynet_network_add_node(network, "late", "city", NULL, "TUR", &error);
  assert_no_error(error);
  assert_int_equal(citynet_view_node_vertex(view, (gsize) late), -1);
  citynet_view_unref(view);
  citynet_network_unref(network);
}

/* Directed (AUTO picks it: some ties are directed). Undirected ties give two
 * arcs:
 *   t0: 0->1, 1->0 (2)   t1: 0->1, 1->0 (3)   t2: 1->0 (5)
 *   t3: 0->2, 2->0 (1)   t4: 0->3 (1)   t5: 2->3 (4)   t6: 4->0 (7)
 * Sorted by (from, to): (0,1) t0 t1; (0,2) t3; (0,3) t4; (1,0) t0 t1 t2;
 * (2,0) t3; (2,3) t5; (4,0) t6. */
static void
test_directed_combines(void **state)
{
  CitynetNetwork *network = make_basic();

  CitynetView *view = make_view(network, CITYNET_DIRECTION_AUTO,
                                CITYNET_COMBINE_SUM);
  assert_true(citynet_view_is_directed(view));
  const Edge sum[] = {
    { 0, 1, 5, 2 }, { 0, 2, 1, 1 }, { 0, 3, 1, 1 }, { 1, 0, 10, 3 },
    { 2, 0, 1, 1 }, { 2, 3, 4, 1 }, { 4, 0, 7, 1 },
  };
  assert_edges(view, sum, G_N_ELEMENTS(sum));
  assert_graph_matches(view);
  citynet_view_unref(view);

  view = make_view(network, CITYNET_DIRECTION_DIRECTED, CITYNET_COMBINE_MAX);
  const Edge max[] = {
    { 0, 1, 3, 2 }, { 0, 2, 1, 1 }, { 0, 3, 1, 1 }, { 1, 0, 5, 3 },
    { 2, 0, 1, 1 }, { 2, 3, 4, 1 }, { 4, 0, 7, 1 },
  };
  assert_edges(view, max, G_N_ELEMENTS(max));
  citynet_view_unref(view);

  view = make_view(network, CITYNET_DIRECTION_DIRECTED, CITYNET_COMBINE_COUNT);
  const Edge count[] = {
    { 0, 1, 2, 2 }, { 0, 2, 1, 1 }, { 0, 3, 1, 1 }, { 1, 0, 3, 3 },
    { 2, 0, 1, 1 }, { 2, 3, 1, 1 }, { 4, 0, 1, 1 },
  };
  assert_edges(view, count, G_N_ELEMENTS(count));
  citynet_view_unref(view);

  view = make_view(network, CITYNET_DIRECTION_DIRECTED, CITYNET_COMBINE_NONE);
  const Edge none[] = {
    { 0, 1, 2, 1 }, { 0, 1, 3, 1 }, { 0, 2, 1, 1 }, { 0, 3, 1, 1 },
    { 1, 0, 2, 1 }, { 1, 0, 3, 1 }, { 1, 0, 5, 1 }, { 2, 0, 1, 1 },
    { 2, 3, 4, 1 }, { 4, 0, 7, 1 },
  };
  assert_edges(view, none, G_N_ELEMENTS(none));
  /* Both arcs of the undirected t0 point back to it. */
  assert_int_equal(citynet_view_edge_ties(view, 0, NULL)[0], 0);
  assert_int_equal(citynet_view_edge_ties(view, 4, NULL)[0], 0);
  assert_int_equal(citynet_view_edge_ties(view, 6, NULL)[0], 2);
  assert_graph_matches(view);
  citynet_view_unref(view);
  citynet_network_unref(network);
}

/* ------------------------------------------------------------------------ */
/* Layer and kind filters                                                   */
/* ------------------------------------------------------------------------ */

static void
test_layer_filter(void **state)
{
  GError *error = NULL;
  CitynetNetwork *network = make_basic();
  CitynetViewOptions *options = citynet_view_options_new();

  /* sister only: t0 (0,1) 2 and t3 (0,2) 1, all undirected -> AUTO gives an
   * undirected view; every node stays (no drop_isolates). */
  citynet_view_options_add_layer(options, "sister");
  CitynetView *view = citynet_view_new(network, options, &error);
  assert_no_error(error);
  assert_false(citynet_view_is_directed(view));
  assert_int_equal(citynet_view_n_vertices(view), 6);
  assert_int_equal(citynet_view_n_ties(view), 2);
  assert_int_equal(citynet_view_tie(view, 0), 0);
  assert_int_equal(citynet_view_tie(view, 1), 3);
  const Edge sister[] = { { 0, 1, 2, 1 }, { 0, 2, 1, 1 } };
  assert_edges(view, sister, G_N_ELEMENTS(sister));
  assert_graph_matches(view);
  citynet_view_unref(view);

  /* sister + aid: t2 b->a is directed -> AUTO directed.
   * arcs: t0 0->1 1->0 (2), t2 1->0 (5), t3 0->2 2->0 (1). */
  citynet_view_options_add_layer(options, "aid");
  view = citynet_view_new(network, options, &error);
  assert_no_error(error);
  assert_true(citynet_view_is_directed(view));
  const Edge sister_aid[] = {
    { 0, 1, 2, 1 }, { 0, 2, 1, 1 }, { 1, 0, 7, 2 }, { 2, 0, 1, 1 },
  };
  assert_edges(view, sister_aid, G_N_ELEMENTS(sister_aid));
  citynet_view_unref(view);

  /* Drop isolates: the sister view keeps a, b, c only. */
  citynet_view_options_free(options);
  options = citynet_view_options_new();
  citynet_view_options_add_layer(options, "sister");
  citynet_view_options_set_drop_isolates(options, TRUE);
  view = citynet_view_new(network, options, &error);
  assert_no_error(error);
  assert_int_equal(citynet_view_n_vertices(view), 3);
  assert_int_equal(citynet_view_vertex_node(view, 2), 2);
  assert_int_equal(citynet_view_node_vertex(view, 3), -1);
  assert_int_equal(citynet_view_node_vertex(view, 5), -1);
  assert_edges(view, sister, G_N_ELEMENTS(sister));
  assert_graph_matches(view);
  citynet_view_unref(view);

  /* Unknown layer: NOT_FOUND naming it and the known ones. */
  citynet_view_options_add_layer(options, "trade");
  view = citynet_view_new(network, options, &error);
  assert_null(view);
  assert_non_null(error);
  assert_non_null(strstr(error->message, "sister, visit, aid, member"));
  assert_citynet_error(error, CITYNET_ERROR_NOT_FOUND, "unknown layer \"trade\"");

  /* A layer filter on a network without ties. */
  CitynetNetwork *empty = citynet_network_new();
  view = citynet_view_new(empty, options, &error);
  assert_null(view);
  assert_citynet_error(error, CITYNET_ERROR_NOT_FOUND, "no layers");
  citynet_network_unref(empty);

  citynet_view_options_free(options);
  citynet_network_unref(network);
}

static void
test_kind_filter(void **state)
{
  GError *error = NULL;
  CitynetNetwork *network = make_basic();
  CitynetViewOptions *options = citynet_view_options_new();

  /* Cities a b c f become vertices 0 1 2 3; t4 t5 (to d) and t6 (from e)
   * drop out, leaving t0..t3; t2 is directed so AUTO gives a directed
   * graph: (0,1) t0 t1 = 5, (0,2) t3 = 1, (1,0) t0 t1 t2 = 10, (2,0) = 1. */
  citynet_view_options_add_kind(options, "city");
  CitynetView *view = citynet_view_new(network, options, &error);
  assert_no_error(error);
  assert_int_equal(citynet_view_n_vertices(view), 4);
  assert_int_equal(citynet_view_vertex_node(view, 3), 5);
  assert_int_equal(citynet_view_node_vertex(view, 5), 3);
  assert_int_equal(citynet_view_node_vertex(view, 3), -1);
  assert_int_equal(citynet_view_node_vertex(view, 4), -1);
  assert_int_equal(citynet_view_node_vertex(view, 99), -1);
  assert_int_equal(citynet_view_n_ties(view), 4);
  const Edge cities[] = {
    { 0, 1, 5, 2 }, { 0, 2, 1, 1 }, { 1, 0, 10, 3 }, { 2, 0, 1, 1 },
  };
  assert_edges(view, cities, G_N_ELEMENTS(cities));
  assert_graph_matches(view);
  citynet_view_unref(view);

  /* Cities and organisations: a b c d f = 0 1 2 3 4; t0..t5 stay. */
  citynet_view_options_add_kind(options, "organisation");
  view = citynet_view_new(network, options, &error);
  assert_no_error(error);
  assert_int_equal(citynet_view_n_vertices(view), 5);
  assert_int_equal(citynet_view_node_vertex(view, 5), 4);
  assert_int_equal(citynet_view_n_ties(view), 6);
  citynet_view_unref(view);

  citynet_view_options_add_kind(options, "region");
  view = citynet_view_new(network, options, &error);
  assert_null(view);
  assert_non_null(error);
  assert_non_null(strstr(error->message, "city, organisation, government"));
  assert_citynet_error(error, CITYNET_ERROR_NOT_FOUND, "unknown node kind \"region\"");

  citynet_view_options_free(options);
  citynet_network_unref(network);
}

static void
test_vertex_maps(void **state)
{
  CitynetNetwork *network = make_basic();
  CitynetView *view = citynet_view_new(network, NULL, NULL);
  assert_non_null(view);
  assert_ptr_equal(citynet_view_get_network(view), network);
  assert_non_null(citynet_view_get_options(view));
  for (gsize v = 0; v < citynet_view_n_vertices(view); v++) {
    assert_int_equal(citynet_view_vertex_node(view, v), v);
    assert_int_equal(citynet_view_node_vertex(view, v), (gssize) v);
  }
  CitynetDate from = 1, to = 1;
  citynet_view_get_period(view, &from, &to);
  assert_int_equal(from, CITYNET_DATE_OPEN);
  assert_int_equal(to, CITYNET_DATE_OPEN);
  CitynetView *ref = citynet_view_ref(view);
  citynet_view_unref(ref);
  citynet_view_unref(view);
  citynet_view_unref(NULL);

  /* An empty network gives an empty view and an empty graph. */
  CitynetNetwork *empty = citynet_network_new();
  view = citynet_view_new(empty, NULL, NULL);
  assert_int_equal(citynet_view_n_vertices(view), 0);
  assert_int_equal(citynet_view_n_edges(view), 0);
  assert_false(citynet_view_is_directed(view));
  assert_graph_matches(view);
  citynet_view_unref(view);
  citynet_network_unref(empty);
  citynet_network_unref(network);
}

/* ------------------------------------------------------------------------ */
/* The date rule                                                            */
/* ------------------------------------------------------------------------ */

/* One tie per row of the table in docs/views.md, each on its own pair:
 *   r0  start -         end -           (always active)
 *   r1  start 2019      end -           from 2019-01-01 on
 *   r2  start -         end 2019-06     until 2019-06-30
 *   r3  start 2019      end 2019        every day of 2019
 *   r4  start 2020-03-15 end 2020-04-02 those days
 *   r5  start 2020-02   end -           from 2020-02-01 on
 *   r6  start 2018-05   end 2019-02     2018-05-01 .. 2019-02-28 */
static CitynetNetwork *
make_dated(void)
{
  static const char *const dates[][2] = {
    { NULL, NULL }, { "2019", NULL }, { NULL, "2019-06" }, { "2019", "2019" },
    { "2020-03-15", "2020-04-02" }, { "2020-02", NULL }, { "2018-05", "2019-02" },
  };
  CitynetNetwork *network = citynet_network_new();
  for (gsize r = 0; r < G_N_ELEMENTS(dates); r++) {
    char a[8], b[8];
    g_snprintf(a, sizeof a, "a%zu", r);
    g_snprintf(b, sizeof b, "b%zu", r);
    add_node(network, a, "city", "TUR");
    add_node(network, b, "city", "TUR");
    add_tie(network, a, b, "visit", 1, FALSE, dates[r][0], dates[r][1]);
  }
  return network;
}

/* Which rows (ties) the window selects, as a string of Y/N. */
static char *
selected_rows(CitynetNetwork *network, const char *at, const char *from,
              const char *to)
{
  GError *error = NULL;
  CitynetViewOptions *options = citynet_view_options_new();
  if (at != NULL)
    assert_true(citynet_view_options_set_at(options, at, &error));
  else
    assert_true(citynet_view_options_set_period(options, from, to, &error));
  assert_no_error(error);
  CitynetView *view = citynet_view_new(network, options, &error);
  assert_no_error(error);
  gsize m = citynet_network_n_ties(network);
  char *rows = g_malloc(m + 1);
  memset(rows, 'N', m);
  rows[m] = '\0';
  for (gsize i = 0; i < citynet_view_n_ties(view); i++)
    rows[citynet_view_tie(view, i)] = 'Y';
  citynet_view_unref(view);
  citynet_view_options_free(options);
  return rows;
}

typedef struct {
  const char *at, *from, *to;
  const char *want; /* rows r0..r6 */
} DateCase;

static void
test_date_rule(void **state)
{
  CitynetNetwork *network = make_dated();
  static const DateCase cases[] = {
    /*  at            from          to              r0123456 */
    { "1900",       NULL,         NULL,          "YNYNNNN" },
    { "2018-04-30", NULL,         NULL,          "YNYNNNN" },
    { "2018-05",    NULL,         NULL,          "YNYNNNY" },
    { "2018-12-31", NULL,         NULL,          "YNYNNNY" },
    { "2019-01-01", NULL,         NULL,          "YYYYNNY" },
    { "2019",       NULL,         NULL,          "YYYYNNY" },
    { "2019-02-28", NULL,         NULL,          "YYYYNNY" },
    { "2019-03-01", NULL,         NULL,          "YYYYNNN" },
    { "2019-06-30", NULL,         NULL,          "YYYYNNN" },
    { "2019-07-01", NULL,         NULL,          "YYNYNNN" },
    { "2019-07",    NULL,         NULL,          "YYNYNNN" },
    { "2019-12-31", NULL,         NULL,          "YYNYNNN" },
    { "2020-01-01", NULL,         NULL,          "YYNNNNN" },
    { "2020-01-31", NULL,         NULL,          "YYNNNNN" },
    { "2020-02-29", NULL,         NULL,          "YYNNNYN" },
    { "2020-02",    NULL,         NULL,          "YYNNNYN" },
    { "2020-03",    NULL,         NULL,          "YYNNYYN" },
    { "2020-03-14", NULL,         NULL,          "YYNNNYN" },
    { "2020-03-15", NULL,         NULL,          "YYNNYYN" },
    { "2020-04-02", NULL,         NULL,          "YYNNYYN" },
    { "2020-04-03", NULL,         NULL,          "YYNNNYN" },
    { "2020",       NULL,         NULL,          "YYNNYYN" },
    { "2030",       NULL,         NULL,          "YYNNNYN" },
    /* periods, either end open */
    { NULL,         NULL,         NULL,          "YYYYYYY" },
    { NULL,         NULL,         "2018-04-30",  "YNYNNNN" },
    { NULL,         NULL,         "2018-12",     "YNYNNNY" },
    { NULL,         NULL,         "2019-01-01",  "YYYYNNY" },
    { NULL,         NULL,         "2020-03-14",  "YYYYNYY" },
    { NULL,         NULL,         "2020-03-15",  "YYYYYYY" },
    { NULL,         "2019-07-01", NULL,          "YYNYYYN" },
    { NULL,         "2019-03",    NULL,          "YYYYYYN" },
    { NULL,         "2019-02-28", NULL,          "YYYYYYY" },
    { NULL,         "2020",       NULL,          "YYNNYYN" },
    { NULL,         "2020-04-03", NULL,          "YYNNNYN" },
    { NULL,         "2020-04-02", NULL,          "YYNNYYN" },
    { NULL,         "2019-07",    "2019-12",     "YYNYNNN" },
    { NULL,         "2019-07",    "2020-01",     "YYNYNNN" },
    { NULL,         "2019-07",    "2020-02",     "YYNYNYN" },
    { NULL,         "2017",       "2018-04",     "YNYNNNN" },
    /* "--at 2021" equals "--from 2021 --to 2021" */
    { NULL,         "2019",       "2019",        "YYYYNNY" },
  };
  for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
    const DateCase *c = &cases[i];
    char *got = selected_rows(network, c->at, c->from, c->to);
    if (strcmp(got, c->want) != 0)
      fail_msg("case %zu (at %s, from %s, to %s): got %s, want %s", i,
               c->at ? c->at : "-", c->from ? c->from : "-",
               c->to ? c->to : "-", got, c->want);
    g_free(got);
  }
  citynet_network_unref(network);
}

static void
test_window_and_drop_isolates(void **state)
{
  GError *error = NULL;
  CitynetNetwork *network = make_dated();
  CitynetViewOptions *options = citynet_view_options_new();
  /* At 2019-07: rows r0 r1 r3; their six endpoints are the only vertices:
   * a0 b0 a1 b1 a3 b3 = nodes 0 1 2 3 6 7. */
  assert_true(citynet_view_options_set_at(options, "2019-07", &error));
  citynet_view_options_set_drop_isolates(options, TRUE);
  CitynetView *view = citynet_view_new(network, options, &error);
  assert_no_error(error);
  CitynetDate from, to;
  citynet_view_get_period(view, &from, &to);
  assert_int_equal(from, 20190701);
  assert_int_equal(to, 20190731);
  assert_int_equal(citynet_view_n_vertices(view), 6);
  const gsize nodes[] = { 0, 1, 2, 3, 6, 7 };
  for (gsize v = 0; v < 6; v++) {
    assert_int_equal(citynet_view_vertex_node(view, v), nodes[v]);
    assert_int_equal(citynet_view_node_vertex(view, nodes[v]), (gssize) v);
  }
  const Edge edges[] = { { 0, 1, 1, 1 }, { 2, 3, 1, 1 }, { 4, 5, 1, 1 } };
  assert_edges(view, edges, G_N_ELEMENTS(edges));
  assert_graph_matches(view);
  citynet_view_unref(view);
  citynet_view_options_free(options);
  citynet_network_unref(network);
}

/* ------------------------------------------------------------------------ */
/* Tie reference dates                                                      */
/* ------------------------------------------------------------------------ */

static CitynetDate
reference(CitynetNetwork *network, const char *from, const char *to,
          gsize tie)
{
  GError *error = NULL;
  CitynetViewOptions *options = citynet_view_options_new();
  assert_true(citynet_view_options_set_period(options, from, to, &error));
  CitynetView *view = citynet_view_new(network, options, &error);
  assert_no_error(error);
  CitynetDate day = citynet_view_tie_reference_date(view, tie);
  citynet_view_unref(view);
  citynet_view_options_free(options);
  return day;
}

static void
test_reference_date(void **state)
{
  CitynetNetwork *network = citynet_network_new();
  add_node(network, "x", "city", "TUR");
  add_node(network, "y", "city", "GBR");
  gsize s2019_05 = add_tie(network, "x", "y", "visit", 1, FALSE, "2019-05", NULL);
  gsize s2018 = add_tie(network, "x", "y", "visit", 1, FALSE, "2018", "2022");
  gsize open_e2020_06 = add_tie(network, "x", "y", "visit", 1, FALSE, NULL, "2020-06");
  gsize open_open = add_tie(network, "x", "y", "visit", 1, FALSE, NULL, NULL);

  /* Tie starts later than the window: the tie's first day. */
  assert_int_equal(reference(network, "2019", NULL, s2019_05), 20190501);
  /* Window starts later than the tie: the window's first day. */
  assert_int_equal(reference(network, "2019-03", "2019-12", s2018), 20190301);
  /* Open window: the tie's first day. */
  assert_int_equal(reference(network, NULL, NULL, s2018), 20180101);
  assert_int_equal(reference(network, NULL, "2030", s2019_05), 20190501);
  /* Open tie start, window from 2019: the window's first day. */
  assert_int_equal(reference(network, "2019", NULL, open_e2020_06), 20190101);
  assert_int_equal(reference(network, "2019-02-03", "2019-02-04", open_open), 20190203);
  /* Both starts open: the tie's last day inside the window. */
  assert_int_equal(reference(network, NULL, NULL, open_e2020_06), 20200630);
  assert_int_equal(reference(network, NULL, "2021", open_e2020_06), 20200630);
  assert_int_equal(reference(network, NULL, "2019", open_e2020_06), 20191231);
  /* Tie fully open, window with only an end: the window's last day. */
  assert_int_equal(reference(network, NULL, "2021", open_open), 20211231);
  /* Everything open: "now". */
  assert_int_equal(reference(network, NULL, NULL, open_open), CITYNET_DATE_OPEN);
  citynet_network_unref(network);
}

/* ------------------------------------------------------------------------ */
/* Back to a network                                                        */
/* ------------------------------------------------------------------------ */

static CitynetNetwork *
make_rich(void)
{
  GError *error = NULL;
  CitynetNetwork *network = citynet_network_new();
  assert_true(citynet_network_register_kind(network, "region", &error));
  assert_true(citynet_network_add_country(network, "TUR", "Türkiye", &error) >= 0);
  assert_true(citynet_network_add_country(network, "GBR", NULL, &error) >= 0);
  assert_true(citynet_network_set_country_attribute(network, "GBR", "un_agreement",
                                                    0.25, &error));
  assert_true(citynet_network_set_country_attribute(network, "TUR", "gdp", 3.5,
                                                    &error));
  assert_true(citynet_network_add_country_group(network, "GBR", "EU", "1973",
                                                "2020-01-31", "treaty", &error));
  assert_true(citynet_network_add_country_group(network, "TUR", "NATO", "1952-02",
                                                NULL, NULL, &error));
  assert_true(citynet_network_add_node(network, "ist", "city", "İstanbul", "TUR",
                                       &error) == 0);
  assert_true(citynet_network_add_node(network, "lon", "city", "London", "GBR",
                                       &error) == 1);
  assert_true(citynet_network_add_node(network, "un", "organisation", NULL, NULL,
                                       &error) == 2);
  assert_true(citynet_network_add_node(network, "mar", "region", "Marmara", "TUR",
                                       &error) == 3);
  assert_true(citynet_network_set_node_location(network, 0, 41.0082, 28.9784, &error));
  assert_true(citynet_network_set_node_population(network, 0, 15.6e6, &error));
  assert_true(citynet_network_set_node_attribute(network, 1, "mayor", "Sadiq Khan",
                                                 &error));
  assert_true(citynet_network_set_node_attribute(network, 0, "district", "39",
                                                 &error));
  assert_true(citynet_network_set_node_attribute(network, 0, "mayor", "İmamoğlu",
                                                 &error));
  assert_true(citynet_network_add_tie(network, "ist", "lon", "sister", 2.5, FALSE,
                                      "1990", NULL, "ref-a", &error) == 0);
  assert_true(citynet_network_add_tie(network, "ist", "un", "member", 1, TRUE,
                                      "2001-02", "2019-12-31", NULL, &error) == 1);
  assert_true(citynet_network_add_tie(network, "lon", "un", "member", 1, TRUE,
                                      NULL, NULL, NULL, &error) == 2);
  assert_true(citynet_network_add_tie(network, "mar", "ist", "aid", 4, TRUE,
                                      "2021", "2021", NULL, &error) == 3);
  assert_true(citynet_network_add_tie(network, "ist", "lon", "visit", 1, FALSE,
                                      "2022-05-04", "2022-05-04", "news", &error) == 4);
  assert_true(citynet_network_set_tie_attribute(network, 4, "topic", "transport",
                                                &error));
  assert_true(citynet_network_set_tie_attribute(network, 0, "topic", "culture",
                                                &error));
  assert_true(citynet_network_set_tie_attribute(network, 1, "note", "n1", &error));
  assert_no_error(error);
  return network;
}

static void
test_to_network(void **state)
{
  GError *error = NULL;
  CitynetNetwork *network = make_rich();
  CitynetViewOptions *options = citynet_view_options_new();
  /* Cities and organisations from 2019 on: ties 0 (1990-open), 1 (ends
   * 2019-12-31), 2 (open), 4 (2022); tie 3 involves the region "mar". */
  citynet_view_options_add_kind(options, "city");
  citynet_view_options_add_kind(options, "organisation");
  assert_true(citynet_view_options_set_period(options, "2019", NULL, &error));
  CitynetView *view = citynet_view_new(network, options, &error);
  assert_no_error(error);
  CitynetNetwork *copy = citynet_view_to_network(view, &error);
  assert_no_error(error);
  assert_non_null(copy);

  /* Kinds, countries, attributes and spells all come along. */
  gsize n_kinds;
  citynet_network_kinds(copy, &n_kinds);
  assert_int_equal(n_kinds, 4);
  assert_int_equal(citynet_network_n_countries(copy), 2);
  assert_string_equal(citynet_network_country_name(copy, 0), "Türkiye");
  assert_string_equal(citynet_network_country_code(copy, 1), "GBR");
  double value;
  assert_true(citynet_network_country_attribute(copy, 1, "un_agreement", &value));
  assert_true(value == 0.25);
  assert_true(citynet_network_country_attribute(copy, 0, "gdp", &value));
  assert_true(value == 3.5);
  assert_false(citynet_network_country_attribute(copy, 1, "gdp", &value) &&
               !isnan(value));
  assert_int_equal(citynet_network_n_memberships(copy), 2);
  gsize country;
  const char *group, *ref;
  CitynetDate start, end;
  citynet_network_membership(copy, 0, &country, &group, &start, &end, &ref);
  assert_int_equal(country, 1);
  assert_string_equal(group, "EU");
  assert_int_equal(start, 19730000);
  assert_int_equal(end, 20200131);
  assert_string_equal(ref, "treaty");
  citynet_network_membership(copy, 1, &country, &group, &start, &end, &ref);
  assert_int_equal(start, 19520200);
  assert_int_equal(end, CITYNET_DATE_OPEN);
  assert_null(ref);

  /* Nodes: ist lon un (not mar). */
  assert_int_equal(citynet_network_n_nodes(copy), 3);
  assert_string_equal(citynet_network_node_id(copy, 0), "ist");
  assert_string_equal(citynet_network_node_name(copy, 0), "İstanbul");
  assert_string_equal(citynet_network_node_country(copy, 0), "TUR");
  assert_null(citynet_network_node_country(copy, 2));
  assert_string_equal(citynet_network_node_kind(copy, 2), "organisation");
  double lat, lon, population;
  assert_true(citynet_network_node_location(copy, 0, &lat, &lon));
  assert_true(lat == 41.0082 && lon == 28.9784);
  assert_true(citynet_network_node_population(copy, 0, &population));
  assert_true(population == 15.6e6);
  assert_false(citynet_network_node_location(copy, 1, NULL, NULL));
  assert_false(citynet_network_node_population(copy, 2, NULL));
  gsize n_keys;
  const char *const *keys = citynet_network_node_attribute_keys(copy, &n_keys);
  assert_int_equal(n_keys, 2);
  assert_string_equal(keys[0], "mayor");
  assert_string_equal(keys[1], "district");
  assert_string_equal(citynet_network_node_attribute(copy, 0, "mayor"), "İmamoğlu");
  assert_string_equal(citynet_network_node_attribute(copy, 1, "mayor"), "Sadiq Khan");
  assert_null(citynet_network_node_attribute(copy, 1, "district"));

  /* Ties 0 1 2 4 of the source, uncombined, with every field. */
  assert_int_equal(citynet_network_n_ties(copy), 4);
  const gsize source_ties[] = { 0, 1, 2, 4 };
  for (gsize i = 0; i < 4; i++) {
    gsize t = source_ties[i];
    assert_string_equal(
      citynet_network_node_id(copy, citynet_network_tie_source(copy, i)),
      citynet_network_node_id(network, citynet_network_tie_source(network, t)));
    assert_string_equal(
      citynet_network_node_id(copy, citynet_network_tie_target(copy, i)),
      citynet_network_node_id(network, citynet_network_tie_target(network, t)));
    assert_string_equal(citynet_network_tie_layer(copy, i),
                        citynet_network_tie_layer(network, t));
    assert_true(citynet_network_tie_weight(copy, i) ==
                citynet_network_tie_weight(network, t));
    assert_int_equal(citynet_network_tie_directed(copy, i),
                     citynet_network_tie_directed(network, t));
    assert_int_equal(citynet_network_tie_start(copy, i),
                     citynet_network_tie_start(network, t));
    assert_int_equal(citynet_network_tie_end(copy, i),
                     citynet_network_tie_end(network, t));
    assert_true(g_strcmp0(citynet_network_tie_ref(copy, i),
                          citynet_network_tie_ref(network, t)) == 0);
    assert_true(g_strcmp0(citynet_network_tie_attribute(copy, i, "topic"),
                          citynet_network_tie_attribute(network, t, "topic")) == 0);
    assert_true(g_strcmp0(citynet_network_tie_attribute(copy, i, "note"),
                          citynet_network_tie_attribute(network, t, "note")) == 0);
  }
  keys = citynet_network_tie_attribute_keys(copy, &n_keys);
  assert_int_equal(n_keys, 2);
  assert_string_equal(keys[0], "topic");
  assert_string_equal(keys[1], "note");

  /* A view of the copy with the same direction/combine has the same
   * edges as the original view. */
  CitynetView *again = citynet_view_new(copy, NULL, &error);
  assert_no_error(error);
  assert_int_equal(citynet_view_n_edges(again), citynet_view_n_edges(view));
  for (gsize e = 0; e < citynet_view_n_edges(view); e++) {
    gsize f1, t1, f2, t2;
    double w1 = citynet_view_edge(view, e, &f1, &t1);
    double w2 = citynet_view_edge(again, e, &f2, &t2);
    assert_int_equal(f1, f2);
    assert_int_equal(t1, t2);
    assert_true(w1 == w2);
  }
  citynet_view_unref(again);
  citynet_network_unref(copy);
  citynet_view_unref(view);
  citynet_view_options_free(options);
  citynet_network_unref(network);
}

/* ------------------------------------------------------------------------ */
/* GraphML details the Python round trip cannot see                         */
/* ------------------------------------------------------------------------ */

static void
test_graphml_escaping(void **state)
{
  GError *error = NULL;
  CitynetNetwork *network = citynet_network_new();
  add_node(network, "a&b", "city", "TUR");
  add_node(network, "<c>", "city", "TUR");
  assert_true(citynet_network_set_node_attribute(network, 0, "motto", "say \"hi\" & 'bye'",
                                                 &error));
  assert_true(citynet_network_add_tie(network, "a&b", "<c>", "sister", 0.1, FALSE,
                                      "2019", NULL, "x < y", &error) == 0);
  /* "n_ties" is free for a tie attribute but is our own GraphML name. */
  assert_true(citynet_network_set_tie_attribute(network, 0, "n_ties", "many",
                                                &error));
  assert_no_error(error);

  char *dir = test_mkdtemp();
  char *path = g_build_filename(dir, "out.graphml", NULL);
  CitynetView *view = citynet_view_new(network, NULL, &error);
  assert_true(citynet_view_write_graphml(view, path, &error));
  assert_no_error(error);
  char *text = test_read_file(path);
  assert_non_null(strstr(text, "<node id=\"a&amp;b\">"));
  assert_non_null(strstr(text, "<node id=\"&lt;c&gt;\">"));
  assert_non_null(strstr(text, "say &quot;hi&quot; &amp; &apos;bye&apos;"));
  assert_non_null(strstr(text, "source=\"a&amp;b\" target=\"&lt;c&gt;\""));
  assert_non_null(strstr(text, "<data key=\"e_weight\">0.1</data>"));
  assert_non_null(strstr(text, "<data key=\"e_ref\">x &lt; y</data>"));
  assert_non_null(strstr(text, "<data key=\"e_start\">2019</data>"));
  assert_null(strstr(text, "e_end\">"));
  assert_non_null(strstr(text, "attr.name=\"attr_n_ties\""));
  assert_non_null(strstr(text, "edgedefault=\"undirected\""));
  g_free(text);

  /* A directory that does not exist: an IO error and no file. */
  char *bad = g_build_filename(dir, "missing", "out.graphml", NULL);
  assert_false(citynet_view_write_graphml(view, bad, &error));
  assert_citynet_error(error, CITYNET_ERROR_IO, "missing");
  assert_false(g_file_test(bad, G_FILE_TEST_EXISTS));
  g_free(bad);

  /* Only out.graphml is left: no temporary files. */
  GDir *listing = g_dir_open(dir, 0, NULL);
  assert_string_equal(g_dir_read_name(listing), "out.graphml");
  assert_null(g_dir_read_name(listing));
  g_dir_close(listing);

  citynet_view_unref(view);
  test_rmtree(dir);
  g_free(path);
  g_free(dir);
  citynet_network_unref(network);
}

/* ------------------------------------------------------------------------ */
/* Scale                                                                    */
/* ------------------------------------------------------------------------ */

/* Self-loops and mixed directions, edge by edge and tie by tie:
 *   t0 a->a 1 directed     t1 a-a 2 undirected
 *   t2 a-b  4 undirected   t3 b->a 8 directed
 * A directed view reads an undirected tie as two arcs, so the undirected
 * loop t1 is two arcs a->a; an undirected view reads every tie as one. */
static void
test_self_loops(void **state)
{
  CitynetNetwork *network = citynet_network_new();
  add_node(network, "a", "city", "TUR");
  add_node(network, "b", "city", "TUR");
  append_tie(network, 0, 0, "visit", 1, TRUE);
  append_tie(network, 0, 0, "visit", 2, FALSE);
  append_tie(network, 0, 1, "visit", 4, FALSE);
  append_tie(network, 1, 0, "visit", 8, TRUE);

  /* Directed, summed: a->a = t0 + t1 + t1 = 5, a->b = t2, b->a = t2 + t3. */
  CitynetView *view = make_view(network, CITYNET_DIRECTION_DIRECTED,
                                CITYNET_COMBINE_SUM);
  const Edge directed[] = { { 0, 0, 5, 3 }, { 0, 1, 4, 1 }, { 1, 0, 12, 2 } };
  assert_edges(view, directed, G_N_ELEMENTS(directed));
  const gsize directed_ties[][3] = { { 0, 1, 1 }, { 2 }, { 2, 3 } };
  for (gsize e = 0; e < G_N_ELEMENTS(directed); e++)
    for (gsize i = 0; i < directed[e].n_ties; i++)
      assert_int_equal(citynet_view_edge_tie(view, e, i), directed_ties[e][i]);
  assert_graph_matches(view);
  citynet_view_unref(view);

  /* Directed, not combined: one edge per arc, in (from, to, tie) order. */
  view = make_view(network, CITYNET_DIRECTION_DIRECTED, CITYNET_COMBINE_NONE);
  const Edge arcs[] = { { 0, 0, 1, 1 }, { 0, 0, 2, 1 }, { 0, 0, 2, 1 },
                        { 0, 1, 4, 1 }, { 1, 0, 4, 1 }, { 1, 0, 8, 1 } };
  assert_edges(view, arcs, G_N_ELEMENTS(arcs));
  assert_graph_matches(view);
  citynet_view_unref(view);

  /* Undirected: a-a = t0 + t1 = 3, a-b = t2 + t3 = 12; counted: 2 and 2;
   * maximum: 2 and 8. */
  view = make_view(network, CITYNET_DIRECTION_UNDIRECTED, CITYNET_COMBINE_SUM);
  const Edge undirected[] = { { 0, 0, 3, 2 }, { 0, 1, 12, 2 } };
  assert_edges(view, undirected, G_N_ELEMENTS(undirected));
  assert_graph_matches(view);
  citynet_view_unref(view);
  view = make_view(network, CITYNET_DIRECTION_UNDIRECTED, CITYNET_COMBINE_COUNT);
  const Edge counted[] = { { 0, 0, 2, 2 }, { 0, 1, 2, 2 } };
  assert_edges(view, counted, G_N_ELEMENTS(counted));
  citynet_view_unref(view);
  view = make_view(network, CITYNET_DIRECTION_UNDIRECTED, CITYNET_COMBINE_MAX);
  const Edge maxed[] = { { 0, 0, 2, 2 }, { 0, 1, 8, 2 } };
  assert_edges(view, maxed, G_N_ELEMENTS(maxed));
  citynet_view_unref(view);
  citynet_network_unref(network);
}

/* Views are built from an index the network keeps; a node or tie added
 * afterwards must show in the next view, and not change an existing one. */
static void
test_network_grows_after_view(void **state)
{
  CitynetNetwork *network = citynet_network_new();
  add_node(network, "a", "city", "TUR");
  add_node(network, "b", "city", "TUR");
  add_tie(network, "a", "b", "visit", 1, FALSE, NULL, NULL);
  CitynetView *before = make_view(network, CITYNET_DIRECTION_AUTO,
                                  CITYNET_COMBINE_SUM);
  const Edge one[] = { { 0, 1, 1, 1 } };
  assert_edges(before, one, 1);

  add_tie(network, "b", "a", "visit", 2, FALSE, NULL, NULL);
  add_node(network, "c", "city", "DEU");
  add_tie(network, "c", "a", "visit", 4, FALSE, NULL, NULL);
  CitynetView *after = make_view(network, CITYNET_DIRECTION_AUTO,
                                 CITYNET_COMBINE_SUM);
  const Edge three[] = { { 0, 1, 3, 2 }, { 0, 2, 4, 1 } };
  assert_edges(after, three, G_N_ELEMENTS(three));
  assert_edges(before, one, 1);
  assert_int_equal(citynet_view_n_vertices(before), 2);
  assert_int_equal(citynet_view_n_vertices(after), 3);
  citynet_view_unref(before);
  citynet_view_unref(after);
  citynet_network_unref(network);
}

/* The view's edges by their definition (docs/views.md), the slow way:
 * every selected tie's arcs, sorted by (from, to, tie) with qsort(), runs
 * of one pair merged. */
typedef struct {
  gsize from, to, tie;
  double weight;
} RefArc;

static int
compare_ref_arcs(const void *pa, const void *pb)
{
  const RefArc *a = pa, *b = pb;
  if (a->from != b->from)
    return a->from < b->from ? -1 : 1;
  if (a->to != b->to)
    return a->to < b->to ? -1 : 1;
  return a->tie < b->tie ? -1 : a->tie > b->tie;
}

static void
assert_view_matches_reference(CitynetNetwork *network, CitynetView *view,
                              const char *layer, gboolean drop_isolates,
                              CitynetCombine combine)
{
  const gsize n = citynet_network_n_nodes(network);
  const gsize m = citynet_network_n_ties(network);
  gboolean *has_tie = g_new0(gboolean, n);
  GArray *arcs = g_array_new(FALSE, FALSE, sizeof(RefArc));
  gboolean directed = citynet_view_is_directed(view);
  for (gsize t = 0; t < m; t++) {
    if (layer != NULL && strcmp(citynet_network_tie_layer(network, t), layer) != 0)
      continue;
    gsize s = citynet_network_tie_source(network, t);
    gsize d = citynet_network_tie_target(network, t);
    has_tie[s] = has_tie[d] = TRUE;
  }
  /* Vertices: nodes in network order (only those with a tie when
   * dropping isolates). */
  gssize *vertex = g_new(gssize, n);
  gsize n_vertices = 0;
  for (gsize v = 0; v < n; v++)
    vertex[v] = (!drop_isolates || has_tie[v]) ? (gssize) n_vertices++ : -1;
  assert_int_equal(citynet_view_n_vertices(view), n_vertices);
  for (gsize t = 0; t < m; t++) {
    if (layer != NULL && strcmp(citynet_network_tie_layer(network, t), layer) != 0)
      continue;
    gsize s = (gsize) vertex[citynet_network_tie_source(network, t)];
    gsize d = (gsize) vertex[citynet_network_tie_target(network, t)];
    double w = citynet_network_tie_weight(network, t);
    if (!directed) {
      g_array_append_val(arcs, ((RefArc) { MIN(s, d), MAX(s, d), t, w }));
      continue;
    }
    g_array_append_val(arcs, ((RefArc) { s, d, t, w }));
    if (!citynet_network_tie_directed(network, t))
      g_array_append_val(arcs, ((RefArc) { d, s, t, w }));
  }
  g_array_sort(arcs, compare_ref_arcs);

  gsize e = 0;
  for (guint i = 0; i < arcs->len;) {
    const RefArc *first = &g_array_index(arcs, RefArc, i);
    guint j = i + 1;
    double weight = combine == CITYNET_COMBINE_COUNT ? 1 : first->weight;
    while (combine != CITYNET_COMBINE_NONE && j < arcs->len &&
           g_array_index(arcs, RefArc, j).from == first->from &&
           g_array_index(arcs, RefArc, j).to == first->to) {
      double w = g_array_index(arcs, RefArc, j).weight;
      weight = combine == CITYNET_COMBINE_COUNT ? weight + 1
             : combine == CITYNET_COMBINE_MAX ? MAX(weight, w) : weight + w;
      j++;
    }
    assert_true(e < citynet_view_n_edges(view));
    gsize from, to;
    double got = citynet_view_edge(view, e, &from, &to);
    assert_int_equal(from, first->from);
    assert_int_equal(to, first->to);
    assert_true(got == weight);     /* same sums in the same order */
    assert_int_equal(citynet_view_edge_n_ties(view, e), j - i);
    for (guint k = i; k < j; k++)
      assert_int_equal(citynet_view_edge_tie(view, e, k - i),
                       g_array_index(arcs, RefArc, k).tie);
    e++;
    i = j;
  }
  assert_int_equal(citynet_view_n_edges(view), e);
  g_array_unref(arcs);
  g_free(vertex);
  g_free(has_tie);
}

/* Random networks with hubs, parallel ties, self-loops and both
 * directions, under every direction, combine rule, layer filters and
 * drop_isolates: the view equals the reference edge for edge and tie for
 * tie, whether it reads the network's index (large selections) or sorts
 * its own arcs (small ones); the hub's long lists take the radix sort. */
static void
test_random_views_match_reference(void **state)
{
  GRand *rand = g_rand_new_with_seed(20261122);
  gsize by_path[2] = { 0, 0 };  /* views made by sorting, from the index */
  for (int round = 0; round < 12; round++) {
    CitynetNetwork *network = citynet_network_new();
    const gsize n = (gsize) g_rand_int_range(rand, 1, round < 6 ? 12 : 400);
    const gsize m = (gsize) g_rand_int_range(rand, 0, round < 6 ? 40 : 4000);
    for (gsize v = 0; v < n; v++) {
      char id[16];
      g_snprintf(id, sizeof id, "n%zu", v);
      add_node(network, id, "city", "TUR");
    }
    for (gsize t = 0; t < m; t++) {
      /* A third of the ties at node 0: a hub with a long list. */
      guint32 source = g_rand_int_range(rand, 0, 3) == 0 ? 0
                     : (guint32) g_rand_int_range(rand, 0, (gint32) n);
      guint32 target = (guint32) g_rand_int_range(rand, 0, (gint32) n);
      const gint32 draw = g_rand_int_range(rand, 0, 10);
      append_tie(network, source, target,
                 draw < 7 ? "visit" : draw < 9 ? "sister" : "aid",
                 (double) g_rand_int_range(rand, 1, 1000) / 8.0,
                 g_rand_boolean(rand));
    }
    /* No filter and "visit" (~70 % of the ties) take the index; "sister"
     * (~20 %) the view's own sort. */
    static const char *const filters[] = { NULL, "visit", "sister" };
    gsize n_layers;
    const char *const *layers = citynet_network_layers(network, &n_layers);
    for (gsize f = 0; f < G_N_ELEMENTS(filters); f++) {
      gboolean known = filters[f] == NULL;
      for (gsize l = 0; l < n_layers; l++)
        known |= filters[f] != NULL && strcmp(layers[l], filters[f]) == 0;
      if (!known)
        continue;
      for (int direction = CITYNET_DIRECTION_AUTO;
           direction <= CITYNET_DIRECTION_DIRECTED; direction++)
        for (int combine = CITYNET_COMBINE_SUM; combine <= CITYNET_COMBINE_NONE;
             combine++) {
          GError *error = NULL;
          const gboolean drop = f > 0;
          CitynetViewOptions *options = citynet_view_options_new();
          citynet_view_options_set_direction(options, direction);
          citynet_view_options_set_combine(options, combine);
          citynet_view_options_set_drop_isolates(options, drop);
          if (filters[f] != NULL)
            citynet_view_options_add_layer(options, filters[f]);
          CitynetView *view = citynet_view_new(network, options, &error);
          citynet_view_options_free(options);
          assert_no_error(error);
          assert_view_matches_reference(network, view, filters[f], drop,
                                        combine);
          if (citynet_view_n_ties(view) > 0)
            by_path[view->from_index ? 1 : 0]++;
          citynet_view_unref(view);
        }
    }
    citynet_network_unref(network);
  }
  g_rand_free(rand);
  g_test_message("%zu views sorted their arcs, %zu read the index",
                 by_path[0], by_path[1]);
  assert_true(by_path[0] >= 50 && by_path[1] >= 50);
}

/* Whole-network views built from several threads at once on a fresh
 * network race to build its incidence index: it is built once, under the
 * network's lock, and every thread gets the edges one thread alone gets
 * (cmocka's asserts are not thread-safe, so the threads only build and
 * the checks run afterwards). */
static gpointer
build_whole_view(gpointer network)
{
  return citynet_view_new(network, NULL, NULL);
}

static void
test_views_from_threads(void **state)
{
  CitynetNetwork *network = citynet_network_new();
  const gsize n = 2000, m = 40000;
  for (gsize v = 0; v < n; v++) {
    char id[16];
    g_snprintf(id, sizeof id, "n%zu", v);
    add_node(network, id, "city", "TUR");
  }
  guint32 seed = 7;
  for (gsize t = 0; t < m; t++) {
    seed = seed * 1103515245u + 12345u;
    guint32 s = (seed >> 8) % 100;
    seed = seed * 1103515245u + 12345u;
    guint32 d = (seed >> 8) % (guint32) n;
    append_tie(network, s, d == s ? (d + 1) % (guint32) n : d, "visit",
               (double) (t % 7 + 1), t % 2 == 0);
  }
  GThread *threads[4];
  for (guint i = 0; i < G_N_ELEMENTS(threads); i++)
    threads[i] = g_thread_new("view", build_whole_view, network);
  CitynetView *views[G_N_ELEMENTS(threads)];
  for (guint i = 0; i < G_N_ELEMENTS(threads); i++)
    views[i] = g_thread_join(threads[i]);
  for (guint i = 0; i < G_N_ELEMENTS(threads); i++) {
    assert_non_null(views[i]);
    assert_true(views[i]->from_index);
    assert_view_matches_reference(network, views[i], NULL, FALSE,
                                  CITYNET_COMBINE_SUM);
    citynet_view_unref(views[i]);
  }
  citynet_network_unref(network);
}

/* 50k nodes, 500k ties with many parallel pairs: checks the arc count and
 * the sums against a direct count (the time is only reported; bench/
 * measures it). */
static void
test_large_view(void **state)
{
  const gsize n = 50000, m = 500000;
  CitynetNetwork *network = citynet_network_new();
  gint32 tur = citynet_network_intern_country_code(network, "TUR");
  guint16 city = (guint16) citynet_network_kind_index(network, "city");
  for (gsize i = 0; i < n; i++) {
    char id[16];
    g_snprintf(id, sizeof id, "n%zu", i);
    citynet_network_append_node(network, id, city, id, tur);
  }
  guint16 layer = citynet_network_intern_layer(network, "visit");
  guint32 seed = 12345;
  double total = 0;
  for (gsize t = 0; t < m; t++) {
    seed = seed * 1103515245u + 12345u;
    guint32 s = (seed >> 8) % 2000; /* concentrated: many parallel ties */
    seed = seed * 1103515245u + 12345u;
    guint32 d = (seed >> 8) % n;
    if (d == s)
      d = (d + 1) % n;
    CitynetTieRec tie = { .source = s, .target = d, .weight = (double) (t % 5 + 1),
                          .layer = layer, .directed = (guint8) (t % 3 == 0) };
    total += tie.weight;
    citynet_network_append_tie(network, &tie);
  }

  GError *error = NULL;
  gint64 begin = g_get_monotonic_time();
  CitynetView *view = citynet_view_new(network, NULL, &error);
  assert_no_error(error);
  gint64 built = g_get_monotonic_time();
  assert_non_null(citynet_view_graph(view, &error));
  gint64 elapsed = g_get_monotonic_time() - begin;
  g_test_message("view %.3f s, igraph graph %.3f s", (built - begin) / 1e6,
                 (elapsed - (built - begin)) / 1e6);
  assert_no_error(error);
  assert_true(citynet_view_is_directed(view));

  /* Every arc counted once: directed ties once, undirected ones twice. */
  double sum = 0, expected = 0;
  gsize arcs = 0;
  for (gsize e = 0; e < citynet_view_n_edges(view); e++) {
    gsize from, to;
    sum += citynet_view_edge(view, e, &from, &to);
    arcs += citynet_view_edge_n_ties(view, e);
    if (e > 0) {
      gsize pf, pt;
      citynet_view_edge(view, e - 1, &pf, &pt);
      assert_true(pf < from || (pf == from && pt < to));
    }
  }
  for (gsize t = 0; t < m; t++)
    expected += citynet_network_tie_weight(network, t) *
                (citynet_network_tie_directed(network, t) ? 1 : 2);
  assert_int_equal(arcs, m + (m - (m + 2) / 3));
  assert_double_close(sum, expected, 1e-12);
  assert_true(total > 0);
  g_test_message("500k-tie view + graph: %.3f s (timed in bench/, not "
                 "asserted here)", elapsed / 1e6);
  citynet_view_unref(view);
  citynet_network_unref(network);
}

int
main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_option_parsing),
    cmocka_unit_test(test_undirected_combines),
    cmocka_unit_test(test_directed_combines),
    cmocka_unit_test(test_layer_filter),
    cmocka_unit_test(test_kind_filter),
    cmocka_unit_test(test_vertex_maps),
    cmocka_unit_test(test_date_rule),
    cmocka_unit_test(test_window_and_drop_isolates),
    cmocka_unit_test(test_reference_date),
    cmocka_unit_test(test_to_network),
    cmocka_unit_test(test_graphml_escaping),
    cmocka_unit_test(test_self_loops),
    cmocka_unit_test(test_network_grows_after_view),
    cmocka_unit_test(test_random_views_match_reference),
    cmocka_unit_test(test_views_from_threads),
    cmocka_unit_test(test_large_view),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
