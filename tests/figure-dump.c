/*
 * figure-dump - renders one figure through the library API and prints, as
 * JSON, what the library says it drew (title, caption, size, glyph count,
 * every text item and every node label with its placement), so that
 * tests/test_figures.py can check the files against it: vector formats
 * hold text as glyph outlines, not as characters.
 *
 *   figure-dump BUNDLE FOCUS KIND OUT [from=D] [to=D] [baseline=NODE]
 *               [groups=G1,G2] [seed=S]
 */
#include <stdio.h>
#include <string.h>

#include <citynet/citynet.h>

static void
print_string(const char *text)
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

static const char *
argument(int argc, char **argv, const char *key)
{
  size_t len = strlen(key);
  for (int i = 5; i < argc; i++)
    if (strncmp(argv[i], key, len) == 0 && argv[i][len] == '=')
      return argv[i] + len + 1;
  return NULL;
}

static int
fail(GError *error)
{
  fprintf(stderr, "figure-dump: %s\n", error->message);
  g_error_free(error);
  return 1;
}

int
main(int argc, char **argv)
{
  static const char *const roles[] = { "title", "label", "legend", "axis", "note" };
  static const char *const placements[] = { "beside", "leader", "omitted" };
  if (argc < 5) {
    fprintf(stderr, "usage: figure-dump BUNDLE FOCUS KIND OUT [key=value...]\n");
    return 2;
  }
  GError *error = NULL;
  g_autoptr(CitynetNetwork) network = citynet_bundle_load(argv[1], &error);
  if (network == NULL)
    return fail(error);
  gssize focus = citynet_network_find_node(network, argv[2], &error);
  CitynetFigureKind kind;
  if (focus < 0 || !citynet_figure_kind_from_string(argv[3], &kind, &error))
    return fail(error);
  g_autoptr(CitynetViewOptions) view_options = citynet_view_options_new();
  if (!citynet_view_options_set_period(view_options, argument(argc, argv, "from"),
                                       argument(argc, argv, "to"), &error))
    return fail(error);
  g_autoptr(CitynetView) view = citynet_view_new(network, view_options, &error);
  if (view == NULL)
    return fail(error);

  g_autoptr(CitynetFigureOptions) options = citynet_figure_options_new();
  const char *groups = argument(argc, argv, "groups");
  if (groups != NULL) {
    char **list = g_strsplit(groups, ",", -1);
    citynet_figure_options_set_groups(options, (const char *const *) list);
    g_strfreev(list);
  }
  const char *seed = argument(argc, argv, "seed");
  if (seed != NULL)
    citynet_figure_options_set_seed(options, g_ascii_strtoull(seed, NULL, 10));
  const char *baseline = argument(argc, argv, "baseline");
  if (baseline != NULL) {
    gssize node = citynet_network_find_node(network, baseline, &error);
    if (node < 0)
      return fail(error);
    citynet_figure_options_set_baseline(options, view, (gsize) node, NULL);
  }

  g_autoptr(CitynetFigure) figure = citynet_figure_render(view, (gsize) focus, kind,
                                                          options,
                                                          CITYNET_FIGURE_FORMAT_AUTO,
                                                          argv[4], &error);
  if (figure == NULL)
    return fail(error);

  double width, height;
  citynet_figure_get_size(figure, &width, &height);
  printf("{\"format\": ");
  print_string(citynet_figure_format_name(citynet_figure_get_format(figure)));
  printf(", \"width\": %.17g, \"height\": %.17g, \"title\": ", width, height);
  print_string(citynet_figure_get_title(figure));
  printf(", \"caption\": ");
  print_string(citynet_figure_get_caption(figure));
  printf(", \"glyphs\": %zu, \"omitted\": %zu,\n \"labels\": [",
         citynet_figure_n_glyphs(figure), citynet_figure_n_omitted_labels(figure));
  for (gsize i = 0; i < citynet_figure_n_labels(figure); i++) {
    gsize node;
    CitynetFigureLabelPlacement placement;
    const char *text = citynet_figure_label(figure, i, &node, &placement);
    printf("%s\n  {\"node\": ", i > 0 ? "," : "");
    print_string(citynet_network_node_id(network, node));
    printf(", \"text\": ");
    print_string(text);
    printf(", \"placement\": \"%s\"}", placements[placement]);
  }
  printf("],\n \"texts\": [");
  for (gsize i = 0; i < citynet_figure_n_texts(figure); i++) {
    CitynetFigureTextRole role;
    double x, y, w, h;
    const char *text = citynet_figure_text(figure, i, &role, &x, &y, &w, &h);
    printf("%s\n  {\"role\": \"%s\", \"text\": ", i > 0 ? "," : "", roles[role]);
    print_string(text);
    printf(", \"box\": [%.6f, %.6f, %.6f, %.6f]}", x, y, w, h);
  }
  printf("]}\n");
  return 0;
}
