/* libcitynet - GraphML export of a view.
 *
 * The file is built in a memory buffer flushed to a CitynetAtomicFile in
 * large pieces, so a failure at any point leaves an existing file at @path
 * untouched. Numbers are written in their shortest exact decimal form, so
 * readers get back bit-identical weights. Layout: docs/views.md. */
#include <math.h>
#include <string.h>

#include "citynet-private.h"
#include "atomic-file.h"
#include "csv.h"
#include "view-private.h"

/* Flush the buffer to disk once it holds this much. */
#define GRAPHML_FLUSH_SIZE ((gsize) 1 << 16)

typedef struct {
  CitynetAtomicFile *file;
  GString *buffer;
} GraphmlWriter;

static void
graphml_flush(GraphmlWriter *writer)
{
  citynet_atomic_file_write(writer->file, writer->buffer->str,
                            (gssize) writer->buffer->len);
  g_string_truncate(writer->buffer, 0);
}

static void
graphml_maybe_flush(GraphmlWriter *writer)
{
  if (writer->buffer->len >= GRAPHML_FLUSH_SIZE)
    graphml_flush(writer);
}

/* Appends @text escaped for XML character data and attribute values.
 * Tab, LF and CR become character references so that attribute-value
 * normalisation keeps them; other C0 controls cannot be represented in
 * XML 1.0 at all (the model rejects them, this is defence in depth) and
 * become U+FFFD. */
static void
graphml_escape(GString *out, const char *text)
{
  for (const unsigned char *p = (const unsigned char *) text; *p != '\0'; p++) {
    switch (*p) {
    case '&': g_string_append(out, "&amp;"); break;
    case '<': g_string_append(out, "&lt;"); break;
    case '>': g_string_append(out, "&gt;"); break;
    case '"': g_string_append(out, "&quot;"); break;
    case '\'': g_string_append(out, "&apos;"); break;
    case '\t': g_string_append(out, "&#9;"); break;
    case '\n': g_string_append(out, "&#10;"); break;
    case '\r': g_string_append(out, "&#13;"); break;
    default:
      if (*p < 0x20)
        g_string_append(out, "\xEF\xBF\xBD");
      else
        g_string_append_c(out, (char) *p);
    }
  }
}

static void
graphml_data_string(GString *out, const char *key, const char *value)
{
  g_string_append_printf(out, "      <data key=\"%s\">", key);
  graphml_escape(out, value);
  g_string_append(out, "</data>\n");
}

static void
graphml_data_double(GString *out, const char *key, double value)
{
  char number[CITYNET_CSV_DOUBLE_SIZE];
  g_string_append_printf(out, "      <data key=\"%s\">%s</data>\n", key,
                         citynet_csv_format_double(value, number));
}

/* The attribute name an extra attribute gets in the file: its own, unless
 * it would clash with one of the names we define ourselves (only "n_ties"
 * can: the other built-in names are reserved by the model). */
static char *
graphml_extra_name(const char *key, const char *const *taken)
{
  char *name = g_strdup(key);
  for (gsize i = 0; taken[i] != NULL;) {
    if (strcmp(name, taken[i]) == 0) {
      char *prefixed = g_strconcat("attr_", name, NULL);
      g_free(name);
      name = prefixed;
      i = 0;
    } else {
      i++;
    }
  }
  return name;
}

static void
graphml_key(GString *out, const char *id, const char *domain,
            const char *name, const char *type)
{
  g_string_append_printf(out, "  <key id=\"%s\" for=\"%s\" attr.name=\"", id,
                         domain);
  graphml_escape(out, name);
  g_string_append_printf(out, "\" attr.type=\"%s\"/>\n", type);
}

static const char *const graphml_node_names[] = {
  "kind", "name", "country", "lat", "lon", "population", NULL,
};
static const char *const graphml_edge_names[] = {
  "weight", "n_ties", "layer", "directed", "start", "end", "ref", NULL,
};

static void
graphml_write_keys(GString *out, const CitynetNetwork *network)
{
  graphml_key(out, "v_kind", "node", "kind", "string");
  graphml_key(out, "v_name", "node", "name", "string");
  graphml_key(out, "v_country", "node", "country", "string");
  graphml_key(out, "v_lat", "node", "lat", "double");
  graphml_key(out, "v_lon", "node", "lon", "double");
  graphml_key(out, "v_population", "node", "population", "double");
  const char *const *keys = citynet_network_node_attribute_keys(network, NULL);
  for (gsize k = 0; keys != NULL && keys[k] != NULL; k++) {
    char id[32], *name = graphml_extra_name(keys[k], graphml_node_names);
    g_snprintf(id, sizeof id, "v_attr%" G_GSIZE_FORMAT, k);
    graphml_key(out, id, "node", name, "string");
    g_free(name);
  }

  graphml_key(out, "e_weight", "edge", "weight", "double");
  graphml_key(out, "e_n_ties", "edge", "n_ties", "int");
  graphml_key(out, "e_layer", "edge", "layer", "string");
  graphml_key(out, "e_directed", "edge", "directed", "boolean");
  graphml_key(out, "e_start", "edge", "start", "string");
  graphml_key(out, "e_end", "edge", "end", "string");
  graphml_key(out, "e_ref", "edge", "ref", "string");
  keys = citynet_network_tie_attribute_keys(network, NULL);
  for (gsize k = 0; keys != NULL && keys[k] != NULL; k++) {
    char id[32], *name = graphml_extra_name(keys[k], graphml_edge_names);
    g_snprintf(id, sizeof id, "e_attr%" G_GSIZE_FORMAT, k);
    graphml_key(out, id, "edge", name, "string");
    g_free(name);
  }
}

static void
graphml_write_node(GString *out, const CitynetNetwork *network, gsize node)
{
  g_string_append(out, "    <node id=\"");
  graphml_escape(out, citynet_network_node_id(network, node));
  g_string_append(out, "\">\n");
  graphml_data_string(out, "v_kind", citynet_network_node_kind(network, node));
  graphml_data_string(out, "v_name", citynet_network_node_name(network, node));
  const char *country = citynet_network_node_country(network, node);
  if (country != NULL)
    graphml_data_string(out, "v_country", country);
  double a, b;
  if (citynet_network_node_location(network, node, &a, &b)) {
    graphml_data_double(out, "v_lat", a);
    graphml_data_double(out, "v_lon", b);
  }
  if (citynet_network_node_population(network, node, &a))
    graphml_data_double(out, "v_population", a);
  const char *const *keys = citynet_network_node_attribute_keys(network, NULL);
  for (gsize k = 0; keys != NULL && keys[k] != NULL; k++) {
    const char *value = citynet_network_node_attribute(network, node, keys[k]);
    if (value != NULL) {
      char id[32];
      g_snprintf(id, sizeof id, "v_attr%" G_GSIZE_FORMAT, k);
      graphml_data_string(out, id, value);
    }
  }
  g_string_append(out, "    </node>\n");
}

/* The fields of the one tie an edge stands for. */
static void
graphml_write_tie_fields(GString *out, const CitynetNetwork *network, gsize tie)
{
  char date[CITYNET_DATE_STRING_SIZE];
  graphml_data_string(out, "e_layer", citynet_network_tie_layer(network, tie));
  graphml_data_string(out, "e_directed",
                      citynet_network_tie_directed(network, tie) ? "true" : "false");
  CitynetDate start = citynet_network_tie_start(network, tie);
  CitynetDate end = citynet_network_tie_end(network, tie);
  if (start != CITYNET_DATE_OPEN)
    graphml_data_string(out, "e_start", citynet_date_format(start, date));
  if (end != CITYNET_DATE_OPEN)
    graphml_data_string(out, "e_end", citynet_date_format(end, date));
  const char *ref = citynet_network_tie_ref(network, tie);
  if (ref != NULL)
    graphml_data_string(out, "e_ref", ref);
  const char *const *keys = citynet_network_tie_attribute_keys(network, NULL);
  for (gsize k = 0; keys != NULL && keys[k] != NULL; k++) {
    const char *value = citynet_network_tie_attribute(network, tie, keys[k]);
    if (value != NULL) {
      char id[32];
      g_snprintf(id, sizeof id, "e_attr%" G_GSIZE_FORMAT, k);
      graphml_data_string(out, id, value);
    }
  }
}

static void
graphml_write_edge(GString *out, const CitynetView *view, gsize edge)
{
  const CitynetNetwork *network = view->network;
  gsize from, to, n_ties;
  double weight = citynet_view_edge(view, edge, &from, &to);
  const guint32 *ties = citynet_view_edge_ties(view, edge, &n_ties);

  g_string_append_printf(out, "    <edge id=\"e%" G_GSIZE_FORMAT "\" source=\"",
                         edge);
  graphml_escape(out, citynet_network_node_id(network, view->vertex_node[from]));
  g_string_append(out, "\" target=\"");
  graphml_escape(out, citynet_network_node_id(network, view->vertex_node[to]));
  g_string_append(out, "\">\n");
  graphml_data_double(out, "e_weight", weight);
  g_string_append_printf(out, "      <data key=\"e_n_ties\">%" G_GSIZE_FORMAT
                         "</data>\n", n_ties);
  if (n_ties == 1)
    graphml_write_tie_fields(out, network, ties[0]);
  g_string_append(out, "    </edge>\n");
}

gboolean
citynet_view_write_graphml(const CitynetView *view, const char *path,
                           GError **error)
{
  g_return_val_if_fail(view != NULL && path != NULL, FALSE);
  const CitynetNetwork *network = view->network;
  GraphmlWriter writer = { citynet_atomic_file_open(path, error), NULL };
  if (writer.file == NULL)
    return FALSE;
  writer.buffer = g_string_sized_new(GRAPHML_FLUSH_SIZE + 4096);
  GString *out = writer.buffer;

  g_string_append(out,
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\"\n"
    "         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
    "         xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
    "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n"
    "  <!-- Written by libcitynet -->\n");
  graphml_write_keys(out, network);
  g_string_append_printf(out, "  <graph id=\"G\" edgedefault=\"%s\">\n",
                         view->directed ? "directed" : "undirected");
  for (gsize v = 0; v < view->n_vertices; v++) {
    graphml_write_node(out, network, view->vertex_node[v]);
    graphml_maybe_flush(&writer);
  }
  for (gsize e = 0; e < view->n_edges; e++) {
    graphml_write_edge(out, view, e);
    graphml_maybe_flush(&writer);
  }
  g_string_append(out, "  </graph>\n</graphml>\n");
  graphml_flush(&writer);
  g_string_free(writer.buffer, TRUE);

  /* Write errors are sticky in the atomic file; commit reports the first
   * and removes the temporary file. */
  return citynet_atomic_file_commit(writer.file, error);
}
