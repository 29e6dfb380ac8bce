/* citynet info BUNDLE: what a bundle (or a view of it) contains. */
#include <string.h>

#include "cli-view.h"

static const char *const info_formats[] = {
  "text", "csv", "json", "markdown", NULL
};

/* The earliest start and latest end of a set of ties, comparing partial
 * dates by the days they cover but keeping their own precision. */
typedef struct {
  CitynetDate first_start; /* OPEN when no tie has a start */
  CitynetDate last_end;    /* OPEN when no tie has an end */
  gsize open_start;
  gsize open_end;
} DateRange;

static void
date_range_add(DateRange *range, CitynetDate start, CitynetDate end)
{
  if (start == CITYNET_DATE_OPEN)
    range->open_start++;
  else if (range->first_start == CITYNET_DATE_OPEN ||
           citynet_date_first_day(start) < citynet_date_first_day(range->first_start))
    range->first_start = start;
  if (end == CITYNET_DATE_OPEN)
    range->open_end++;
  else if (range->last_end == CITYNET_DATE_OPEN ||
           citynet_date_last_day(end) > citynet_date_last_day(range->last_end))
    range->last_end = end;
}

static void
set_date(CliTable *table, guint column, CitynetDate date)
{
  char buffer[CITYNET_DATE_STRING_SIZE];
  cli_table_set_string(table, column, cli_format_date(date, buffer));
}

typedef struct {
  char *layer;
  gsize ties;
  gsize directed;
  double weight;
  DateRange range;
} LayerStats;

static CliTable *
layers_table(const CitynetView *view, const CliViewArgs *args, DateRange *all)
{
  const CitynetNetwork *network = citynet_view_get_network(view);
  char **layers = cli_view_layers(view, args);
  gsize n_layers = g_strv_length(layers);
  LayerStats *stats = g_new0(LayerStats, n_layers);
  GHashTable *index = g_hash_table_new(g_str_hash, g_str_equal);

  for (gsize i = 0; i < n_layers; i++) {
    stats[i].layer = layers[i];
    g_hash_table_insert(index, layers[i], &stats[i]);
  }
  for (gsize i = 0; i < citynet_view_n_ties(view); i++) {
    gsize tie = citynet_view_tie(view, i);
    LayerStats *s = g_hash_table_lookup(index, citynet_network_tie_layer(network, tie));
    CitynetDate start = citynet_network_tie_start(network, tie);
    CitynetDate end = citynet_network_tie_end(network, tie);
    date_range_add(all, start, end);
    if (s == NULL)
      continue; /* cannot happen: the view selects only these layers */
    s->ties++;
    s->directed += citynet_network_tie_directed(network, tie) ? 1 : 0;
    s->weight += citynet_network_tie_weight(network, tie);
    date_range_add(&s->range, start, end);
  }

  CliTable *table = cli_table_new("layers", "Ties by layer");
  guint c_layer = cli_table_add_column(table, "layer", "layer", CLI_COLUMN_STRING);
  guint c_ties = cli_table_add_column(table, "ties", "ties", CLI_COLUMN_INT);
  guint c_directed = cli_table_add_column(table, "directed", "directed", CLI_COLUMN_INT);
  guint c_weight = cli_table_add_column(table, "weight", "weight", CLI_COLUMN_DOUBLE);
  guint c_first = cli_table_add_column(table, "first_start", "first start", CLI_COLUMN_STRING);
  guint c_last = cli_table_add_column(table, "last_end", "last end", CLI_COLUMN_STRING);
  guint c_open_start = cli_table_add_column(table, "open_start", "open start", CLI_COLUMN_INT);
  guint c_open_end = cli_table_add_column(table, "open_end", "open end", CLI_COLUMN_INT);
  cli_table_set_null_text(table, c_first, "-");
  cli_table_set_null_text(table, c_last, "-");
  for (gsize i = 0; i < n_layers; i++) {
    cli_table_add_row(table);
    cli_table_set_string(table, c_layer, stats[i].layer);
    cli_table_set_int(table, c_ties, (gint64) stats[i].ties);
    cli_table_set_int(table, c_directed, (gint64) stats[i].directed);
    cli_table_set_double(table, c_weight, stats[i].weight);
    set_date(table, c_first, stats[i].range.first_start);
    set_date(table, c_last, stats[i].range.last_end);
    cli_table_set_int(table, c_open_start, (gint64) stats[i].range.open_start);
    cli_table_set_int(table, c_open_end, (gint64) stats[i].range.open_end);
  }
  g_hash_table_unref(index);
  g_free(stats);
  g_strfreev(layers);
  return table;
}

static CliTable *
kinds_table(const CitynetView *view, const CliViewArgs *args)
{
  const CitynetNetwork *network = citynet_view_get_network(view);
  char **kinds = cli_view_kinds(view, args);
  GHashTable *counts = g_hash_table_new(g_str_hash, g_str_equal);
  for (gsize v = 0; v < citynet_view_n_vertices(view); v++) {
    const char *kind = citynet_network_node_kind(network, citynet_view_vertex_node(view, v));
    gsize n = GPOINTER_TO_SIZE(g_hash_table_lookup(counts, kind));
    g_hash_table_insert(counts, (gpointer) kind, GSIZE_TO_POINTER(n + 1));
  }
  CliTable *table = cli_table_new("kinds", "Nodes by kind");
  guint c_kind = cli_table_add_column(table, "kind", "kind", CLI_COLUMN_STRING);
  guint c_nodes = cli_table_add_column(table, "nodes", "nodes", CLI_COLUMN_INT);
  for (gsize i = 0; kinds[i] != NULL; i++) {
    cli_table_add_row(table);
    cli_table_set_string(table, c_kind, kinds[i]);
    cli_table_set_int(table, c_nodes,
                      (gint64) GPOINTER_TO_SIZE(g_hash_table_lookup(counts, kinds[i])));
  }
  g_hash_table_unref(counts);
  g_strfreev(kinds);
  return table;
}

typedef struct {
  const char *key;
  gsize count;
} KeyCount;

/* Most frequent first, then by key; the "no country" entry ("") last. */
static int
compare_key_counts(gconstpointer a, gconstpointer b)
{
  const KeyCount *x = a, *y = b;
  if ((*x->key == '\0') != (*y->key == '\0'))
    return *x->key == '\0' ? 1 : -1;
  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;
  return strcmp(x->key, y->key);
}

static CliTable *
countries_table(const CitynetView *view, gsize *n_countries)
{
  const CitynetNetwork *network = citynet_view_get_network(view);
  GHashTable *counts = g_hash_table_new(g_str_hash, g_str_equal);
  for (gsize v = 0; v < citynet_view_n_vertices(view); v++) {
    const char *code = citynet_network_node_country(network, citynet_view_vertex_node(view, v));
    if (code == NULL)
      code = "";
    gsize n = GPOINTER_TO_SIZE(g_hash_table_lookup(counts, code));
    g_hash_table_insert(counts, (gpointer) code, GSIZE_TO_POINTER(n + 1));
  }

  GArray *rows = g_array_new(FALSE, FALSE, sizeof(KeyCount));
  GHashTableIter iter;
  gpointer key, value;
  g_hash_table_iter_init(&iter, counts);
  while (g_hash_table_iter_next(&iter, &key, &value)) {
    KeyCount row = { key, GPOINTER_TO_SIZE(value) };
    g_array_append_val(rows, row);
  }
  g_array_sort(rows, compare_key_counts);

  CliTable *table = cli_table_new("countries", "Nodes by country");
  guint c_country = cli_table_add_column(table, "country", "country", CLI_COLUMN_STRING);
  guint c_name = cli_table_add_column(table, "name", "name", CLI_COLUMN_STRING);
  guint c_nodes = cli_table_add_column(table, "nodes", "nodes", CLI_COLUMN_INT);
  *n_countries = 0;
  for (guint i = 0; i < rows->len; i++) {
    const KeyCount *row = &g_array_index(rows, KeyCount, i);
    cli_table_add_row(table);
    cli_table_set_string(table, c_country, row->key);
    cli_table_set_string(table, c_name, cli_country_label(network, row->key));
    cli_table_set_int(table, c_nodes, (gint64) row->count);
    if (*row->key != '\0')
      (*n_countries)++;
  }
  g_array_unref(rows);
  g_hash_table_unref(counts);
  return table;
}

static int
compare_names(gconstpointer a, gconstpointer b)
{
  return strcmp(*(const char *const *) a, *(const char *const *) b);
}

/* Countries per group: those with a membership spell overlapping the
 * view's period (every spell when the period is open). */
static CliTable *
groups_table(const CitynetView *view)
{
  const CitynetNetwork *network = citynet_view_get_network(view);
  gsize n_groups = 0;
  const char *const *groups = citynet_network_groups(network, &n_groups);
  GHashTable *members = g_hash_table_new_full(g_str_hash, g_str_equal, NULL,
                                              (GDestroyNotify) g_hash_table_unref);
  GHashTable *spells = g_hash_table_new(g_str_hash, g_str_equal);
  CitynetDate from, to;

  citynet_view_get_period(view, &from, &to);
  for (gsize i = 0; i < n_groups; i++)
    g_hash_table_insert(members, (gpointer) groups[i], g_hash_table_new(NULL, NULL));
  for (gsize i = 0; i < citynet_network_n_memberships(network); i++) {
    gsize country;
    const char *group;
    CitynetDate start, end;
    citynet_network_membership(network, i, &country, &group, &start, &end, NULL);
    if (!citynet_date_overlaps(start, end, from, to))
      continue;
    GHashTable *set = g_hash_table_lookup(members, group);
    if (set == NULL)
      continue; /* cannot happen: every spell's group is listed */
    g_hash_table_add(set, GSIZE_TO_POINTER(country + 1));
    gsize n = GPOINTER_TO_SIZE(g_hash_table_lookup(spells, group));
    g_hash_table_insert(spells, (gpointer) group, GSIZE_TO_POINTER(n + 1));
  }

  GPtrArray *sorted = g_ptr_array_new();
  for (gsize i = 0; i < n_groups; i++)
    g_ptr_array_add(sorted, (gpointer) groups[i]);
  g_ptr_array_sort(sorted, compare_names);

  CliTable *table = cli_table_new("groups", "Country groups");
  guint c_group = cli_table_add_column(table, "group", "group", CLI_COLUMN_STRING);
  guint c_countries = cli_table_add_column(table, "countries", "countries", CLI_COLUMN_INT);
  guint c_spells = cli_table_add_column(table, "spells", "spells", CLI_COLUMN_INT);
  for (guint i = 0; i < sorted->len; i++) {
    const char *group = g_ptr_array_index(sorted, i);
    cli_table_add_row(table);
    cli_table_set_string(table, c_group, group);
    cli_table_set_int(table, c_countries,
                      g_hash_table_size(g_hash_table_lookup(members, group)));
    cli_table_set_int(table, c_spells,
                      (gint64) GPOINTER_TO_SIZE(g_hash_table_lookup(spells, group)));
  }
  g_ptr_array_unref(sorted);
  g_hash_table_unref(members);
  g_hash_table_unref(spells);
  return table;
}

static CliTable *
summary_table(const CitynetView *view, const DateRange *range,
              gsize n_layers, gsize n_countries)
{
  const CitynetNetwork *network = citynet_view_get_network(view);
  gsize n_groups = 0;
  citynet_network_groups(network, &n_groups);

  CliTable *table = cli_table_new("summary", "Summary");
  cli_table_set_vertical(table, TRUE);
  guint c_nodes = cli_table_add_column(table, "nodes", "nodes", CLI_COLUMN_INT);
  guint c_ties = cli_table_add_column(table, "ties", "ties", CLI_COLUMN_INT);
  guint c_edges = cli_table_add_column(table, "edges", "edges", CLI_COLUMN_INT);
  guint c_directed = cli_table_add_column(table, "directed", "directed", CLI_COLUMN_BOOL);
  guint c_layers = cli_table_add_column(table, "layers", "layers", CLI_COLUMN_INT);
  /* Countries the view's nodes belong to; declared countries without a
   * node (validate's count) are not in the view. */
  guint c_countries = cli_table_add_column(table, "countries", "node countries", CLI_COLUMN_INT);
  guint c_groups = cli_table_add_column(table, "groups", "groups", CLI_COLUMN_INT);
  guint c_first = cli_table_add_column(table, "first_start", "first start", CLI_COLUMN_STRING);
  guint c_last = cli_table_add_column(table, "last_end", "last end", CLI_COLUMN_STRING);
  guint c_open_start = cli_table_add_column(table, "open_start", "open start", CLI_COLUMN_INT);
  guint c_open_end = cli_table_add_column(table, "open_end", "open end", CLI_COLUMN_INT);
  cli_table_set_null_text(table, c_first, "-");
  cli_table_set_null_text(table, c_last, "-");

  cli_table_add_row(table);
  cli_table_set_int(table, c_nodes, (gint64) citynet_view_n_vertices(view));
  cli_table_set_int(table, c_ties, (gint64) citynet_view_n_ties(view));
  cli_table_set_int(table, c_edges, (gint64) citynet_view_n_edges(view));
  cli_table_set_bool(table, c_directed, citynet_view_is_directed(view));
  cli_table_set_int(table, c_layers, (gint64) n_layers);
  cli_table_set_int(table, c_countries, (gint64) n_countries);
  cli_table_set_int(table, c_groups, (gint64) n_groups);
  set_date(table, c_first, range->first_start);
  set_date(table, c_last, range->last_end);
  cli_table_set_int(table, c_open_start, (gint64) range->open_start);
  cli_table_set_int(table, c_open_end, (gint64) range->open_end);
  return table;
}

/* summary, kinds, layers, countries, groups: the order of the output. */
static GPtrArray *
build_tables(const CitynetView *view, const CliViewArgs *args)
{
  DateRange range = { 0 };
  gsize n_countries = 0;
  CliTable *layers = layers_table(view, args, &range);
  CliTable *countries = countries_table(view, &n_countries);
  GPtrArray *tables = g_ptr_array_new_with_free_func((GDestroyNotify) cli_table_free);
  g_ptr_array_add(tables, summary_table(view, &range, cli_table_n_rows(layers),
                                        n_countries));
  g_ptr_array_add(tables, kinds_table(view, args));
  g_ptr_array_add(tables, layers);
  g_ptr_array_add(tables, countries);
  g_ptr_array_add(tables, groups_table(view));
  return tables;
}

/* What the renderers need, passed through cli_output_emit(). */
typedef struct {
  const char *bundle;
  const CitynetView *view;
  const CliViewArgs *args;
  GPtrArray *tables;
  CliFormat format;
  int precision;
} Info;

static void
render_json(gconstpointer data, GString *out)
{
  const Info *info = data;
  CliJson *json = cli_json_new(out, info->precision);
  cli_json_begin_object(json);
  cli_json_key(json, "schema");
  cli_json_string(json, "citynet.info/1");
  cli_json_key(json, "bundle");
  cli_json_string(json, info->bundle);
  cli_json_key(json, "view");
  cli_view_write_json(info->view, info->args, json);
  for (guint i = 0; i < info->tables->len; i++) {
    const CliTable *table = g_ptr_array_index(info->tables, i);
    cli_json_key(json, cli_table_get_name(table));
    if (i == 0)
      cli_table_write_json_row(table, 0, json);
    else
      cli_table_write_json(table, json);
  }
  cli_json_end_object(json);
  cli_json_free(json);
}

static void
render_header(gconstpointer data, GString *out)
{
  const Info *info = data;
  char *description = cli_view_describe(info->view, info->args);
  if (info->format == CLI_FORMAT_MARKDOWN)
    g_string_append_printf(out, "## %s\n\nView: %s\n\n", info->bundle, description);
  else
    g_string_append_printf(out, "Bundle: %s\nView: %s\n\n", info->bundle, description);
  g_free(description);
}

static int
run(int argc, char **argv)
{
  CliContext *context = cli_context_new(&cli_command_info, NULL,
                                        CLI_OUTPUT_FORMAT | CLI_OUTPUT_PRECISION |
                                        CLI_OUTPUT_TABLE | CLI_OUTPUT_FILE |
                                        CLI_OUTPUT_VIEW,
                                        "Tables: summary, kinds, layers, countries, groups.");
  GError *error = NULL;
  int status = CLI_EXIT_OK;
  CitynetViewOptions *options = NULL;
  CitynetView *view = NULL;
  GPtrArray *tables = NULL;
  CliFormat format;
  int precision;

  if (!cli_context_parse(context, &argc, &argv, &status))
    goto out;
  if (!cli_require_bundle(argc, argv, &error) ||
      !cli_output_args_check(&context->output, info_formats, &format,
                             &precision, &error) ||
      (options = cli_view_args_build(&context->view, &error)) == NULL)
    goto fail;

  const char *bundle = argv[1];
  if ((view = cli_open_view(bundle, options, &error)) == NULL)
    goto fail;
  tables = build_tables(view, &context->view);
  const Info info = { bundle, view, &context->view, tables, format, precision };
  if (!cli_output_emit(&context->output, format, precision, tables, render_json,
                       render_header, &info, &error))
    goto fail;
  goto out;

fail:
  status = cli_report_error(context->command, error);
out:
  if (tables != NULL)
    g_ptr_array_unref(tables);
  citynet_view_unref(view);
  citynet_view_options_free(options);
  cli_context_free(context);
  return status;
}

const CliCommand cli_command_info = {
  "info", "BUNDLE",
  "Count nodes, ties, countries and groups of a bundle or a view of it", run
};
