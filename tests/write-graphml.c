/* Test helper: loads a bundle, builds a view from command-line options and
 * writes its GraphML. Used by tests/graphml_roundtrip.py.
 *
 *   write-graphml BUNDLE OUT [--layer L]... [--kind K]... [--at D]
 *                 [--from D] [--to D] [--direction auto|undirected|directed]
 *                 [--combine sum|max|count|none] [--drop-isolates]
 *
 * Exit status 0 on success, 1 with the error on stderr otherwise. */
#include <stdio.h>
#include <stdlib.h>

#include <citynet/citynet.h>

static gboolean
build_options(CitynetViewOptions *options, char **layers, char **kinds,
              const char *at, const char *from, const char *to,
              const char *direction, const char *combine, gboolean drop,
              GError **error)
{
  for (char **l = layers; l != NULL && *l != NULL; l++)
    citynet_view_options_add_layer(options, *l);
  for (char **k = kinds; k != NULL && *k != NULL; k++)
    citynet_view_options_add_kind(options, *k);
  if (at != NULL && !citynet_view_options_set_at(options, at, error))
    return FALSE;
  if ((from != NULL || to != NULL) &&
      !citynet_view_options_set_period(options, from, to, error))
    return FALSE;
  if (direction != NULL) {
    CitynetDirection value;
    if (!citynet_direction_from_string(direction, &value, error))
      return FALSE;
    citynet_view_options_set_direction(options, value);
  }
  if (combine != NULL) {
    CitynetCombine value;
    if (!citynet_combine_from_string(combine, &value, error))
      return FALSE;
    citynet_view_options_set_combine(options, value);
  }
  citynet_view_options_set_drop_isolates(options, drop);
  return TRUE;
}

int
main(int argc, char **argv)
{
  char **layers = NULL, **kinds = NULL;
  char *at = NULL, *from = NULL, *to = NULL, *direction = NULL, *combine = NULL;
  gboolean drop = FALSE;
  GOptionEntry entries[] = {
    { "layer", 0, 0, G_OPTION_ARG_STRING_ARRAY, &layers, "layer to keep", "L" },
    { "kind", 0, 0, G_OPTION_ARG_STRING_ARRAY, &kinds, "node kind to keep", "K" },
    { "at", 0, 0, G_OPTION_ARG_STRING, &at, "ties active at", "DATE" },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, "window start", "DATE" },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, "window end", "DATE" },
    { "direction", 0, 0, G_OPTION_ARG_STRING, &direction, "direction", "D" },
    { "combine", 0, 0, G_OPTION_ARG_STRING, &combine, "combine mode", "C" },
    { "drop-isolates", 0, 0, G_OPTION_ARG_NONE, &drop, "drop isolates", NULL },
    { NULL, 0, 0, 0, NULL, NULL, NULL },
  };
  GError *error = NULL;
  GOptionContext *context = g_option_context_new("BUNDLE OUT");
  g_option_context_add_main_entries(context, entries, NULL);
  gboolean ok = g_option_context_parse(context, &argc, &argv, &error);
  g_option_context_free(context);
  if (ok && argc != 3) {
    g_set_error(&error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                "usage: write-graphml BUNDLE OUT [options]");
    ok = FALSE;
  }

  CitynetNetwork *network = NULL;
  CitynetViewOptions *options = citynet_view_options_new();
  CitynetView *view = NULL;
  if (ok)
    ok = build_options(options, layers, kinds, at, from, to, direction,
                       combine, drop, &error);
  if (ok)
    ok = (network = citynet_bundle_load(argv[1], &error)) != NULL;
  if (ok)
    ok = (view = citynet_view_new(network, options, &error)) != NULL;
  if (ok)
    ok = citynet_view_write_graphml(view, argv[2], &error);
  if (!ok)
    fprintf(stderr, "write-graphml: %s\n", error->message);

  g_clear_error(&error);
  citynet_view_unref(view);
  citynet_view_options_free(options);
  citynet_network_unref(network);
  g_strfreev(layers);
  g_strfreev(kinds);
  g_free(at);
  g_free(from);
  g_free(to);
  g_free(direction);
  g_free(combine);
  return ok ? EXIT_SUCCESS : EXIT_FAILURE;
}
