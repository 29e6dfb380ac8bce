/* Tests of the figure module: the geometry and the rules behind the
 * drawings (great circles, label placement, categories, automatic groups,
 * tick steps), and the public API's errors. The drawings themselves are
 * checked by tests/test_figures.py on the Istanbul data. */
#include <math.h>
#include <string.h>

#include "test-util.h"
#include "figure-private.h"

/* Great-circle distance in degrees (haversine), an independent formula. */
static double
central_angle(double lat1, double lon1, double lat2, double lon2)
{
  double r = G_PI / 180;
  double dlat = (lat2 - lat1) * r, dlon = (lon2 - lon1) * r;
  double h = sin(dlat / 2) * sin(dlat / 2) +
             cos(lat1 * r) * cos(lat2 * r) * sin(dlon / 2) * sin(dlon / 2);
  return 2 * asin(sqrt(h)) / r;
}

static void
test_great_circle_equator(void **state)
{
  /* Along the equator from 0°E to 90°E: the midpoint is (0°, 45°E). */
  double lat[5], lon[5];
  assert_true(fig_great_circle(0, 0, 0, 90, 4, lat, lon));
  for (int i = 0; i <= 4; i++) {
    assert_double_close(lat[i], 0, 1e-9);
    assert_double_close(lon[i], 22.5 * i, 1e-9);
  }
}

static void
test_great_circle_is_great(void **state)
{
  /* İstanbul -> New York: the samples are evenly spaced on the sphere and
   * the arc bends north of both ends, as a straight line in the map would
   * not. */
  enum { N = 32 };
  double lat[N + 1], lon[N + 1];
  assert_true(fig_great_circle(41.01, 28.98, 40.71, -74.01, N, lat, lon));
  double total = central_angle(41.01, 28.98, 40.71, -74.01);
  for (int i = 1; i <= N; i++)
    assert_double_close(central_angle(lat[i - 1], lon[i - 1], lat[i], lon[i]),
                        total / N, 1e-6);
  assert_double_close(lat[N], 40.71, 1e-9);
  assert_double_close(lon[N], -74.01, 1e-9);
  /* The midpoint is the normalised sum of the two unit vectors:
   * 54.2557°N (worked out with the same formula in Python), far north of
   * either city's 41°N. */
  assert_double_close(lat[N / 2], 54.2557, 1e-5);
}

static void
test_great_circle_antimeridian(void **state)
{
  /* Tokyo -> San Francisco crosses 180°: exactly one jump of ~360° in the
   * sampled longitudes, which the map splits into two pieces. */
  enum { N = 64 };
  double lat[N + 1], lon[N + 1];
  assert_true(fig_great_circle(35.68, 139.69, 37.77, -122.42, N, lat, lon));
  int jumps = 0;
  for (int i = 1; i <= N; i++)
    if (fabs(lon[i] - lon[i - 1]) > 180)
      jumps++;
  assert_int_equal(jumps, 1);
  /* Same place and antipodes: no unique arc. */
  assert_false(fig_great_circle(10, 20, 10, 20, N, lat, lon));
  assert_false(fig_great_circle(0, 0, 0, 180, N, lat, lon));
}

static void
test_nice_step(void **state)
{
  double top;
  assert_double_close(fig_nice_step(0.66, 5, &top), 0.2, 1e-12);
  assert_double_close(top, 0.8, 1e-12);
  assert_double_close(fig_nice_step(49, 5, &top), 10, 1e-12);
  assert_double_close(top, 50, 1e-12);
  assert_double_close(fig_nice_step(3, 5, &top), 1, 1e-12);
  assert_double_close(top, 3, 1e-12);
}

static void
test_format_numbers(void **state)
{
  char *text = fig_format_percent(0.6636);
  assert_string_equal(text, "66%");
  g_free(text);
  text = fig_format_percent(0.0588);
  assert_string_equal(text, "5.9%");
  g_free(text);
  text = fig_format_percent(0.05);
  assert_string_equal(text, "5%");
  g_free(text);
  text = fig_format_number(3, 1);
  assert_string_equal(text, "3");
  g_free(text);
  text = fig_format_number(2.449, 1);
  assert_string_equal(text, "2.4");
  g_free(text);
}

/* Places a grid of crowded nodes; every placed label must stay in the
 * bounds and overlap neither another label nor any node disc. */
static void
test_placer_no_overlap(void **state)
{
  FigBox bounds = { 0, 0, 200, 150 };
  FigPlacer *placer = fig_placer_new(bounds);
  double xs[30], ys[30];
  for (int i = 0; i < 30; i++) {
    xs[i] = 30 + (i % 6) * 28;
    ys[i] = 25 + (i / 6) * 25;
    fig_placer_add_disc(placer, xs[i], ys[i], 3);
  }
  GArray *placed = g_array_new(FALSE, FALSE, sizeof(FigBox));
  int beside = 0, leader = 0, omitted = 0;
  for (int i = 0; i < 30; i++) {
    FigPlacement place = fig_placer_place(placer, xs[i], ys[i], 3, 100, 75, 34, 9);
    if (place.placement == CITYNET_FIGURE_LABEL_OMITTED) {
      omitted++;
      continue;
    }
    place.placement == CITYNET_FIGURE_LABEL_BESIDE ? beside++ : leader++;
    FigBox box = { place.x, place.y, 34, 9 };
    assert_true(box.x >= 0 && box.y >= 0 && box.x + box.w <= 200 && box.y + box.h <= 150);
    for (guint j = 0; j < placed->len; j++)
      assert_false(fig_box_overlap(box, g_array_index(placed, FigBox, j), 0));
    for (int k = 0; k < 30; k++) {
      FigBox disc = { xs[k] - 2.7, ys[k] - 2.7, 5.4, 5.4 };
      assert_false(fig_box_overlap(box, disc, 0));
    }
    g_array_append_val(placed, box);
  }
  /* A crowded grid: some labels fit beside, some need leaders or go. */
  assert_int_equal(beside + leader + omitted, 30);
  assert_true(beside > 0);
  assert_true(omitted > 0);
  g_array_unref(placed);
  fig_placer_free(placer);
}

static void
test_placer_prefers_outside(void **state)
{
  /* Alone right of the centre, a label goes to the right of its node. */
  FigBox bounds = { 0, 0, 300, 200 };
  FigPlacer *placer = fig_placer_new(bounds);
  fig_placer_add_disc(placer, 200, 100, 4);
  FigPlacement place = fig_placer_place(placer, 200, 100, 4, 150, 100, 40, 10);
  assert_int_equal(place.placement, CITYNET_FIGURE_LABEL_BESIDE);
  assert_true(place.x >= 204);
  assert_double_close(place.y + 5, 100, 1e-9);
  fig_placer_free(placer);
}

/* F (TUR) with partners in DEU (EU, NATO), USA (NATO), AZE (OTS), one
 * organisation without country; F-DEU twice. */
static CitynetView *
make_view(void)
{
  GError *error = NULL;
  CitynetNetwork *network = citynet_network_new();
  static const char *const countries[] = { "TUR", "DEU", "USA", "AZE" };
  for (gsize i = 0; i < G_N_ELEMENTS(countries); i++)
    assert_true(citynet_network_add_country(network, countries[i], NULL, &error) >= 0);
  assert_true(citynet_network_add_country_group(network, "DEU", "EU", "1958", NULL, NULL, &error));
  assert_true(citynet_network_add_country_group(network, "DEU", "NATO", "1955", NULL, NULL, &error));
  assert_true(citynet_network_add_country_group(network, "USA", "NATO", "1949", NULL, NULL, &error));
  assert_true(citynet_network_add_country_group(network, "AZE", "OTS", "2009", NULL, NULL, &error));
  assert_true(citynet_network_add_node(network, "f", "city", "Focus", "TUR", &error) >= 0);
  assert_true(citynet_network_add_node(network, "berlin", "city", "Berlin", "DEU", &error) >= 0);
  assert_true(citynet_network_add_node(network, "nyc", "city", "New York", "USA", &error) >= 0);
  assert_true(citynet_network_add_node(network, "baku", "city", "Baku", "AZE", &error) >= 0);
  assert_true(citynet_network_add_node(network, "un", "organisation", "UN", NULL, &error) >= 0);
  assert_true(citynet_network_add_tie(network, "f", "berlin", "visit", 1, FALSE, "2020", "2020", NULL, &error) >= 0);
  assert_true(citynet_network_add_tie(network, "f", "berlin", "sister", 2, FALSE, "2019", NULL, NULL, &error) >= 0);
  assert_true(citynet_network_add_tie(network, "f", "nyc", "visit", 1, FALSE, "2021", "2021", NULL, &error) >= 0);
  assert_true(citynet_network_add_tie(network, "f", "baku", "visit", 1, FALSE, "2021", "2021", NULL, &error) >= 0);
  assert_true(citynet_network_add_tie(network, "f", "un", "member", 1, FALSE, NULL, NULL, NULL, &error) >= 0);
  assert_true(citynet_network_add_tie(network, "berlin", "nyc", "sister", 1, FALSE, NULL, NULL, NULL, &error) >= 0);
  assert_no_error(error);
  CitynetView *view = citynet_view_new(network, NULL, &error);
  assert_no_error(error);
  citynet_network_unref(network);
  return view;
}

static void
test_ego_categories(void **state)
{
  GError *error = NULL;
  CitynetView *view = make_view();
  FigEgo ego;
  const char *const groups[] = { "NATO", "EU", NULL };
  assert_true(fig_ego_init(&ego, view, 0, groups, &error));
  assert_int_equal(ego.alters->len, 4);
  /* Berlin first: weight 3 from two ties. */
  const FigAlter *first = &g_array_index(ego.alters, FigAlter, 0);
  assert_int_equal(first->node, 1);
  assert_double_close(first->weight, 3, 0);
  assert_int_equal(first->n_ties, 2);
  /* Berlin is in both: the first listed group wins (NATO = 0). */
  assert_int_equal(first->category, 0);
  assert_int_equal(ego.category_counts[0], 2);              /* Berlin, New York */
  assert_int_equal(ego.category_counts[1], 0);              /* EU: none left */
  assert_int_equal(ego.category_counts[FIG_CATEGORY_OTHER(2)], 1); /* Baku */
  assert_int_equal(ego.category_counts[FIG_CATEGORY_NONE(2)], 1);  /* UN */
  assert_int_equal(ego.n_focus_ties, 5);
  /* Two layers with visits most used. */
  assert_int_equal(ego.n_layers, 3);
  assert_string_equal(ego.layers[0], "visit");
  fig_ego_clear(&ego);
  citynet_view_unref(view);
}

static void
test_default_groups(void **state)
{
  GError *error = NULL;
  CitynetView *view = make_view();
  /* NATO covers Berlin and New York; then OTS adds Baku; EU adds nobody
   * new, so it is not chosen. */
  char **groups = citynet_figure_default_groups(view, 0, &error);
  assert_no_error(error);
  assert_int_equal(g_strv_length(groups), 2);
  assert_string_equal(groups[0], "NATO");
  assert_string_equal(groups[1], "OTS");
  g_strfreev(groups);
  citynet_view_unref(view);
}

static void
test_render_errors(void **state)
{
  GError *error = NULL;
  CitynetView *view = make_view();
  g_autoptr(CitynetFigureOptions) options = citynet_figure_options_new();
  /* No format and no file name. */
  assert_null(citynet_figure_render(view, 0, CITYNET_FIGURE_EGO, NULL,
                                    CITYNET_FIGURE_FORMAT_AUTO, NULL, &error));
  assert_citynet_error(error, CITYNET_ERROR_INVALID_ARGUMENT, "format");
  assert_null(citynet_figure_render(view, 0, CITYNET_FIGURE_EGO, NULL,
                                    CITYNET_FIGURE_FORMAT_AUTO, "x.gif", &error));
  assert_citynet_error(error, CITYNET_ERROR_INVALID_ARGUMENT, "x.gif");
  /* A composition needs a baseline. */
  assert_null(citynet_figure_render(view, 0, CITYNET_FIGURE_COMPOSITION, NULL,
                                    CITYNET_FIGURE_FORMAT_SVG, NULL, &error));
  assert_citynet_error(error, CITYNET_ERROR_INVALID_ARGUMENT, "baseline");
  /* Unknown group; too many groups. */
  const char *const unknown[] = { "EU", "Atlantis", NULL };
  citynet_figure_options_set_groups(options, unknown);
  assert_null(citynet_figure_render(view, 0, CITYNET_FIGURE_EGO, options,
                                    CITYNET_FIGURE_FORMAT_SVG, NULL, &error));
  assert_citynet_error(error, CITYNET_ERROR_NOT_FOUND, "Atlantis");
  const char *const many[] = { "EU", "EU", "EU", "EU", "EU", "EU", "EU", "EU", NULL };
  citynet_figure_options_set_groups(options, many);
  assert_null(citynet_figure_render(view, 0, CITYNET_FIGURE_EGO, options,
                                    CITYNET_FIGURE_FORMAT_SVG, NULL, &error));
  assert_citynet_error(error, CITYNET_ERROR_INVALID_ARGUMENT, "at most 7");
  /* Bad sizes. */
  assert_false(citynet_figure_options_set_size(options, 50, 0, &error));
  assert_citynet_error(error, CITYNET_ERROR_INVALID_ARGUMENT, "width");
  assert_false(citynet_figure_options_set_dpi(options, NAN, &error));
  assert_citynet_error(error, CITYNET_ERROR_INVALID_ARGUMENT, "dpi");
  CitynetFigureKind kind;
  assert_false(citynet_figure_kind_from_string("pie", &kind, &error));
  assert_citynet_error(error, CITYNET_ERROR_INVALID_ARGUMENT, "pie");
  citynet_view_unref(view);
}

/* Every kind renders in every format to memory; the composition with the
 * focus compared to itself in the same view. The SVG carries the title. */
static void
test_render_all(void **state)
{
  GError *error = NULL;
  CitynetView *view = make_view();
  g_autoptr(CitynetFigureOptions) options = citynet_figure_options_new();
  citynet_figure_options_set_baseline(options, view, 1, "Berlin");
  const double low[] = { 0.1 }, high[] = { 0.9 };
  const char *const keys[] = { "NATO" };
  citynet_figure_options_set_interval(options, keys, low, high, 1, "interval");
  for (int kind = CITYNET_FIGURE_EGO; kind <= CITYNET_FIGURE_MAP; kind++)
    for (int format = CITYNET_FIGURE_FORMAT_SVG; format <= CITYNET_FIGURE_FORMAT_PNG; format++) {
      CitynetFigure *figure = citynet_figure_render(view, 0, (CitynetFigureKind) kind,
                                                    options, (CitynetFigureFormat) format,
                                                    NULL, &error);
      assert_no_error(error);
      assert_non_null(figure);
      gsize length;
      const guint8 *data = citynet_figure_get_data(figure, &length);
      assert_true(length > 100);
      if (format == CITYNET_FIGURE_FORMAT_SVG)
        assert_non_null(g_strstr_len((const char *) data, (gssize) length, "<title>"));
      if (format == CITYNET_FIGURE_FORMAT_PDF)
        assert_memory_equal(data, "%PDF-", 5);
      if (format == CITYNET_FIGURE_FORMAT_PNG)
        assert_memory_equal(data, "\x89PNG", 4);
      assert_true(citynet_figure_n_glyphs(figure) > 0);
      assert_true(strlen(citynet_figure_get_caption(figure)) > 0);
      if (kind == CITYNET_FIGURE_EGO)
        assert_int_equal(citynet_figure_n_labels(figure), 5);
      citynet_figure_free(figure);
    }
  citynet_view_unref(view);
}

/* A figure's SVG bytes do not depend on what the process drew before:
 * cairo numbers its groups from a process-wide counter, which the library
 * renumbers (surface1, ...). Several surfaces are drawn in between. */
static void
test_svg_bytes_repeat(void **state)
{
  GError *error = NULL;
  CitynetView *view = make_view();
  CitynetFigure *first = citynet_figure_render(view, 0, CITYNET_FIGURE_EGO, NULL,
                                               CITYNET_FIGURE_FORMAT_SVG, NULL, &error);
  assert_no_error(error);
  for (int format = CITYNET_FIGURE_FORMAT_SVG; format <= CITYNET_FIGURE_FORMAT_PNG; format++)
    citynet_figure_free(citynet_figure_render(view, 0, CITYNET_FIGURE_TIMELINE, NULL,
                                              (CitynetFigureFormat) format, NULL, &error));
  assert_no_error(error);
  CitynetFigure *again = citynet_figure_render(view, 0, CITYNET_FIGURE_EGO, NULL,
                                               CITYNET_FIGURE_FORMAT_SVG, NULL, &error);
  assert_no_error(error);
  gsize n1, n2;
  const guint8 *a = citynet_figure_get_data(first, &n1);
  const guint8 *b = citynet_figure_get_data(again, &n2);
  assert_int_equal(n1, n2);
  assert_memory_equal(a, b, n1);
  assert_non_null(g_strstr_len((const char *) a, (gssize) n1, "<g id=\"surface1\">"));
  assert_null(g_strstr_len((const char *) a, (gssize) n1, "surface2"));
  citynet_figure_free(first);
  citynet_figure_free(again);
  citynet_view_unref(view);
}

int
main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_great_circle_equator),
    cmocka_unit_test(test_great_circle_is_great),
    cmocka_unit_test(test_great_circle_antimeridian),
    cmocka_unit_test(test_nice_step),
    cmocka_unit_test(test_format_numbers),
    cmocka_unit_test(test_placer_no_overlap),
    cmocka_unit_test(test_placer_prefers_outside),
    cmocka_unit_test(test_ego_categories),
    cmocka_unit_test(test_default_groups),
    cmocka_unit_test(test_render_errors),
    cmocka_unit_test(test_render_all),
    cmocka_unit_test(test_svg_bytes_repeat),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
