/* libcitynet - writing bundles.
 *
 * Output is deterministic (fixed column order, attribute keys in their
 * table order, rows in index order, numbers in their shortest exact form)
 * so that saving the same network twice gives identical files and
 * citynet_bundle_load() gives back the same network.
 *
 * A bundle is several files, and rename() only replaces one at a time. To
 * keep "all or nothing", every file is first written and synced as a
 * temporary file; targets that cannot be replaced (a directory in the way)
 * are detected before anything is renamed; and each old file gets a hard
 * link as a backup so that a rename failing halfway can be rolled back. */
#include <errno.h>
#include <math.h>
#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "atomic-file.h"
#include "csv.h"

/* Rows are assembled in a GString and written with one call. */
typedef struct {
  CitynetAtomicFile *file;
  GString *row;
} CsvWriter;

static void
row_field(CsvWriter *writer, const char *value)
{
  if (writer->row->len > 0)
    g_string_append_c(writer->row, ',');
  if (value != NULL)
    citynet_csv_append_field(writer->row, value, -1);
}

/* The first field of a row: even an empty one must not be preceded by a
 * comma. */
static void
row_first(CsvWriter *writer, const char *value)
{
  g_string_truncate(writer->row, 0);
  citynet_csv_append_field(writer->row, value, -1);
}

static void
row_number(CsvWriter *writer, double value)
{
  char buffer[CITYNET_CSV_DOUBLE_SIZE];
  row_field(writer, isnan(value) ? "" : citynet_csv_format_double(value, buffer));
}

static void
row_date(CsvWriter *writer, CitynetDate date)
{
  char buffer[CITYNET_DATE_STRING_SIZE];
  row_field(writer, citynet_date_format(date, buffer));
}

static void
row_end(CsvWriter *writer)
{
  g_string_append_c(writer->row, '\n');
  citynet_atomic_file_write(writer->file, writer->row->str,
                            (gssize) writer->row->len);
}

/* Appends the attribute keys of @table to the header row. */
static void
header_keys(CsvWriter *writer, const CitynetAttrTable *table)
{
  for (guint k = 0; k < table->keys->len; k++)
    row_field(writer, g_ptr_array_index(table->keys, k));
}

/* Appends the attribute values of row @index. */
static void
row_attributes(CsvWriter *writer, const CitynetNetwork *network,
               const CitynetAttrTable *table, gsize index)
{
  for (guint k = 0; k < table->columns->len; k++) {
    const GArray *values = g_ptr_array_index(table->columns, k);
    guint32 handle = index < values->len ? g_array_index(values, guint32, index) : 0;
    row_field(writer, citynet_strpool_get(&network->strings, handle));
  }
}

static void
write_nodes(CsvWriter *writer, const CitynetNetwork *network)
{
  row_first(writer, "id");
  for (const char *const *c = (const char *const[]) {"kind", "name", "country",
                                                     "lat", "lon", "population",
                                                     NULL};
       *c != NULL; c++)
    row_field(writer, *c);
  header_keys(writer, &network->node_attrs);
  row_end(writer);

  for (gsize i = 0; i < network->nodes->len; i++) {
    const CitynetNodeRec *node = &g_array_index(network->nodes, CitynetNodeRec, i);
    row_first(writer, node->id);
    row_field(writer, citynet_name_table_get(&network->kinds, node->kind));
    row_field(writer, node->name);
    row_field(writer, node->country < 0
                          ? ""
                          : citynet_name_table_get(&network->country_codes,
                                                   (guint) node->country));
    row_number(writer, node->latitude);
    row_number(writer, node->longitude);
    row_number(writer, node->population);
    row_attributes(writer, network, &network->node_attrs, i);
    row_end(writer);
  }
}

static void
write_ties(CsvWriter *writer, const CitynetNetwork *network)
{
  row_first(writer, "source");
  for (const char *const *c = (const char *const[]) {"target", "layer", "weight",
                                                     "directed", "start", "end",
                                                     "ref", NULL};
       *c != NULL; c++)
    row_field(writer, *c);
  header_keys(writer, &network->tie_attrs);
  row_end(writer);

  const CitynetNodeRec *nodes = (const CitynetNodeRec *) network->nodes->data;
  for (gsize i = 0; i < network->ties->len; i++) {
    const CitynetTieRec *tie = &g_array_index(network->ties, CitynetTieRec, i);
    row_first(writer, nodes[tie->source].id);
    row_field(writer, nodes[tie->target].id);
    row_field(writer, citynet_name_table_get(&network->layers, tie->layer));
    row_number(writer, tie->weight);
    row_field(writer, tie->directed ? "true" : "false");
    row_date(writer, tie->start);
    row_date(writer, tie->end);
    row_field(writer, citynet_strpool_get(&network->strings, tie->ref));
    row_attributes(writer, network, &network->tie_attrs, i);
    row_end(writer);
  }
}

static void
write_countries(CsvWriter *writer, const CitynetNetwork *network)
{
  gsize n_keys;
  const char *const *keys = citynet_network_country_attribute_keys(network, &n_keys);
  row_first(writer, "iso3");
  row_field(writer, "name");
  for (gsize k = 0; k < n_keys; k++)
    row_field(writer, keys[k]);
  row_end(writer);

  for (gsize i = 0; i < network->countries->len; i++) {
    const CitynetCountryRec *country =
        &g_array_index(network->countries, CitynetCountryRec, i);
    row_first(writer, country->code);
    row_field(writer, country->name);
    for (gsize k = 0; k < n_keys; k++) {
      double value = NAN;
      citynet_network_country_attribute(network, i, keys[k], &value);
      row_number(writer, value);
    }
    row_end(writer);
  }
}

static void
write_groups(CsvWriter *writer, const CitynetNetwork *network)
{
  row_first(writer, "iso3");
  for (const char *const *c = (const char *const[]) {"group", "start", "end",
                                                     "ref", NULL};
       *c != NULL; c++)
    row_field(writer, *c);
  row_end(writer);

  for (gsize i = 0; i < network->memberships->len; i++) {
    const CitynetMembershipRec *spell =
        &g_array_index(network->memberships, CitynetMembershipRec, i);
    row_first(writer, g_array_index(network->countries, CitynetCountryRec,
                                    spell->country).code);
    row_field(writer, citynet_name_table_get(&network->groups, spell->group));
    row_date(writer, spell->start);
    row_date(writer, spell->end);
    row_field(writer, citynet_strpool_get(&network->strings, spell->ref));
    row_end(writer);
  }
}

/* The built-in kinds are the first three of the table. */
#define N_BUILTIN_KINDS 3

static void
write_kinds(CsvWriter *writer, const CitynetNetwork *network)
{
  row_first(writer, "kind");
  row_end(writer);
  for (guint i = N_BUILTIN_KINDS; i < network->kinds.names->len; i++) {
    row_first(writer, citynet_name_table_get(&network->kinds, i));
    row_end(writer);
  }
}

/* ------------------------------------------------------------------------ */
/* Replacing the files                                                      */
/* ------------------------------------------------------------------------ */

typedef void (*FileWriter)(CsvWriter *writer, const CitynetNetwork *network);

typedef struct {
  const char *name;
  FileWriter write;
  char *target;             /* full path */
  CitynetAtomicFile *file;  /* NULL once committed or aborted */
  char *backup;             /* hard link to the old file, or NULL */
  gboolean existed;         /* the target existed before */
  gboolean replaced;        /* the new file has been renamed in place */
} BundleFile;

static gboolean
set_io_error(GError **error, const char *what, const char *path, int code)
{
  g_set_error(error, CITYNET_ERROR, CITYNET_ERROR_IO, "%s \"%s\": %s", what,
              path, g_strerror(code));
  return FALSE;
}

/* Writes one file completely to its temporary file and syncs it. */
static gboolean
write_temp(BundleFile *bf, const CitynetNetwork *network, GError **error)
{
  bf->file = citynet_atomic_file_open(bf->target, error);
  if (bf->file == NULL)
    return FALSE;
  CsvWriter writer = {bf->file, g_string_sized_new(256)};
  bf->write(&writer, network);
  g_string_free(writer.row, TRUE);
  return citynet_atomic_file_close(bf->file, error);
}

/* A target we can replace is absent or a regular file (or a link to one):
 * rename() over a directory would fail halfway through the bundle. */
static gboolean
check_target(BundleFile *bf, GError **error)
{
  GStatBuf st;
  if (g_lstat(bf->target, &st) != 0) {
    if (errno == ENOENT)
      return TRUE;
    return set_io_error(error, "cannot replace", bf->target, errno);
  }
  bf->existed = TRUE;
  if (S_ISDIR(st.st_mode))
    return set_io_error(error, "cannot replace", bf->target, EISDIR);
  return TRUE;
}

/* Keeps the old file reachable under a fresh name until the whole bundle
 * is in place. A file system without hard links gets no backup: the
 * bundle is then replaced without a way back if a rename fails. */
static void
make_backup(BundleFile *bf)
{
  if (!bf->existed)
    return;
  for (guint attempt = 0; attempt < 16; attempt++) {
    char *backup = g_strdup_printf("%s.old-%08x", bf->target, g_random_int());
    if (link(bf->target, backup) == 0) {
      bf->backup = backup;
      return;
    }
    int saved = errno;
    g_free(backup);
    if (saved != EEXIST)
      return;
  }
}

/* Puts the old files back after a failed rename. */
static void
roll_back(BundleFile *files, gsize n)
{
  for (gsize i = 0; i < n; i++) {
    if (!files[i].replaced)
      continue;
    if (files[i].backup != NULL) {
      if (g_rename(files[i].backup, files[i].target) == 0)
        g_clear_pointer(&files[i].backup, g_free);
    } else if (!files[i].existed) {
      g_unlink(files[i].target);
    }
  }
}

static gboolean
replace_all(BundleFile *files, gsize n, GError **error)
{
  for (gsize i = 0; i < n; i++)
    if (!check_target(&files[i], error))
      return FALSE;
  for (gsize i = 0; i < n; i++)
    make_backup(&files[i]);
  for (gsize i = 0; i < n; i++) {
    CitynetAtomicFile *file = files[i].file;
    files[i].file = NULL; /* commit frees it, success or not */
    if (!citynet_atomic_file_commit(file, error)) {
      roll_back(files, i);
      return FALSE;
    }
    files[i].replaced = TRUE;
  }
  return TRUE;
}

/* The loader requires every node's country to be declared once any
 * country is (docs/format.md). A network built through the API may break
 * that rule; refusing here keeps load(save(x)) == x instead of writing a
 * bundle that cannot be read back. */
static gboolean
check_loadable(const CitynetNetwork *network, GError **error)
{
  if (citynet_network_n_countries(network) == 0)
    return TRUE;
  for (gsize i = 0; i < citynet_network_n_nodes(network); i++) {
    const char *code = citynet_network_node_country(network, i);
    if (code != NULL && citynet_network_country_index(network, code) < 0) {
      g_set_error(error, CITYNET_ERROR, CITYNET_ERROR_INVALID_ARGUMENT,
                  "node \"%s\" has country %s, which is not declared; declare "
                  "it (citynet_network_add_country) so the bundle can be loaded",
                  citynet_network_node_id(network, i), code);
      return FALSE;
    }
  }
  return TRUE;
}

gboolean
citynet_bundle_save(const CitynetNetwork *network, const char *path,
                    GError **error)
{
  g_return_val_if_fail(network != NULL && path != NULL, FALSE);
  g_return_val_if_fail(error == NULL || *error == NULL, FALSE);

  if (!check_loadable(network, error))
    return FALSE;
  if (g_mkdir_with_parents(path, 0777) != 0)
    return set_io_error(error, "cannot create directory", path, errno);

  BundleFile files[] = {
    {"nodes.csv", write_nodes, NULL, NULL, NULL, FALSE, FALSE},
    {"ties.csv", write_ties, NULL, NULL, NULL, FALSE, FALSE},
    {"countries.csv", write_countries, NULL, NULL, NULL, FALSE, FALSE},
    {"country_groups.csv", write_groups, NULL, NULL, NULL, FALSE, FALSE},
    {"kinds.csv", write_kinds, NULL, NULL, NULL, FALSE, FALSE},
  };
  gsize n = G_N_ELEMENTS(files);
  for (gsize i = 0; i < n; i++)
    files[i].target = g_build_filename(path, files[i].name, NULL);
  /* kinds.csv only when there are kinds beyond the built-in ones, or to
   * replace an old one that would otherwise bring back stale kinds. */
  if (network->kinds.names->len <= N_BUILTIN_KINDS &&
      !g_file_test(files[n - 1].target, G_FILE_TEST_EXISTS)) {
    g_free(files[n - 1].target);
    n--;
  }

  gboolean ok = TRUE;
  for (gsize i = 0; i < n && ok; i++)
    ok = write_temp(&files[i], network, error);
  if (ok)
    ok = replace_all(files, n, error);

  for (gsize i = 0; i < n; i++) {
    citynet_atomic_file_abort(files[i].file);
    /* A backup still needed (its file was replaced and could not be put
     * back) is the only copy of the old data: keep it. */
    if (files[i].backup != NULL && (ok || !files[i].replaced))
      g_unlink(files[i].backup);
    g_free(files[i].backup);
    g_free(files[i].target);
  }
  return ok;
}
