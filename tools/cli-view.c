/* citynet command - opening and describing views (see cli-view.h). */
#include "cli-view.h"

#include <string.h>

CitynetView *
cli_open_view(const char *bundle, const CitynetViewOptions *options,
              GError **error)
{
  CitynetNetwork *network = citynet_bundle_load(bundle, error);
  if (network == NULL)
    return NULL;
  CitynetView *view = citynet_view_new(network, options, error);
  citynet_network_unref(network);
  return view;
}

static int
compare_strings(gconstpointer a, gconstpointer b)
{
  return strcmp(*(const char *const *) a, *(const char *const *) b);
}

/* The requested values, or all of @all; deduplicated and sorted. */
static char **
selected_sorted(char **requested, const char *const *all)
{
  char **split = cli_view_args_split(requested);
  const char *const *source = split != NULL ? (const char *const *) split : all;
  GPtrArray *items = g_ptr_array_new();
  for (gsize i = 0; source != NULL && source[i] != NULL; i++)
    if (!g_ptr_array_find_with_equal_func(items, source[i], g_str_equal, NULL))
      g_ptr_array_add(items, g_strdup(source[i]));
  g_ptr_array_sort(items, compare_strings);
  g_ptr_array_add(items, NULL);
  g_strfreev(split);
  return (char **) g_ptr_array_free(items, FALSE);
}

char **
cli_view_layers(const CitynetView *view, const CliViewArgs *args)
{
  const CitynetNetwork *network = citynet_view_get_network(view);
  return selected_sorted(args->layers, citynet_network_layers(network, NULL));
}

char **
cli_view_kinds(const CitynetView *view, const CliViewArgs *args)
{
  const CitynetNetwork *network = citynet_view_get_network(view);
  return selected_sorted(args->kinds, citynet_network_kinds(network, NULL));
}

void
cli_view_write_json(const CitynetView *view, const CliViewArgs *args,
                    CliJson *json)
{
  char buffer[CITYNET_DATE_STRING_SIZE];
  CitynetDate from, to;
  char **layers = cli_view_layers(view, args);
  char **kinds = cli_view_kinds(view, args);

  citynet_view_get_period(view, &from, &to);
  cli_json_begin_object(json);
  cli_json_key(json, "layers");
  cli_json_strv(json, (const char *const *) layers);
  cli_json_key(json, "kinds");
  cli_json_strv(json, (const char *const *) kinds);
  cli_json_key(json, "from");
  cli_json_string(json, cli_format_date(from, buffer));
  cli_json_key(json, "to");
  cli_json_string(json, cli_format_date(to, buffer));
  cli_json_key(json, "directed");
  cli_json_bool(json, citynet_view_is_directed(view));
  cli_json_end_object(json);
  g_strfreev(layers);
  g_strfreev(kinds);
}

static char *
describe_list(char **requested, char **selected)
{
  if (requested == NULL)
    return g_strdup("all");
  return g_strjoinv(",", selected);
}

char *
cli_view_describe(const CitynetView *view, const CliViewArgs *args)
{
  char from_text[CITYNET_DATE_STRING_SIZE], to_text[CITYNET_DATE_STRING_SIZE];
  CitynetDate from, to;
  char **layers = cli_view_layers(view, args);
  char **kinds = cli_view_kinds(view, args);
  char *layer_text = describe_list(args->layers, layers);
  char *kind_text = describe_list(args->kinds, kinds);
  char *period;

  citynet_view_get_period(view, &from, &to);
  if (from == CITYNET_DATE_OPEN && to == CITYNET_DATE_OPEN)
    period = g_strdup("all dates");
  else
    period = g_strdup_printf("%s to %s",
                             from ? citynet_date_format(from, from_text) : "open start",
                             to ? citynet_date_format(to, to_text) : "open end");
  char *text = g_strdup_printf("period: %s; layers: %s; kinds: %s; %s",
                               period, layer_text, kind_text,
                               citynet_view_is_directed(view) ? "directed"
                                                              : "undirected");
  g_free(period);
  g_free(layer_text);
  g_free(kind_text);
  g_strfreev(layers);
  g_strfreev(kinds);
  return text;
}

const char *
cli_country_label(const CitynetNetwork *network, const char *iso3)
{
  if (iso3 == NULL || *iso3 == '\0')
    return "(none)";
  gssize index = citynet_network_country_index(network, iso3);
  if (index < 0)
    return iso3;
  return citynet_network_country_name(network, (gsize) index);
}
