/* load-bundle - times citynet_bundle_load() and measures the memory the
 * loaded network occupies.
 *
 *   load-bundle [--repeat N] BUNDLE
 *
 * Prints one JSON object on one line (see bench/README.md for the fields):
 * the wall time of every run and of the best one (g_get_monotonic_time),
 * ties per second of the best run, the heap the loaded network retains
 * (mallinfo2 uordblks + hblkhd after the load minus before it), that per
 * tie in total and without the bytes of its distinct strings, and the
 * resident set size before, after and at its peak during the loads
 * (/proc/self/statm and VmHWM).
 */
#include <citynet/citynet.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>
#ifdef HAVE_MALLINFO2
#include <malloc.h>
#endif

/* Bytes of heap in use: small blocks in all arenas plus mmapped blocks.
 * Returns -1 when the C library cannot tell. */
static gint64
heap_in_use(void)
{
#ifdef HAVE_MALLINFO2
  struct mallinfo2 info = mallinfo2();
  return (gint64) (info.uordblks + info.hblkhd);
#else
  return -1;
#endif
}

/* Current resident set size in bytes, or -1 (Linux /proc only). */
static gint64
current_rss(void)
{
  FILE *statm = fopen("/proc/self/statm", "r");
  long pages_total = 0, pages_resident = 0;
  if (!statm)
    return -1;
  int fields = fscanf(statm, "%ld %ld", &pages_total, &pages_resident);
  fclose(statm);
  if (fields != 2)
    return -1;
  return (gint64) pages_resident * (gint64) sysconf(_SC_PAGESIZE);
}

/* Peak resident set size of this process image, in bytes: VmHWM from
 * /proc/self/status. getrusage()'s ru_maxrss is only the fallback because
 * Linux carries it over fork and exec, so a child of a big parent (the
 * Python driver) would report the parent's peak. */
static gint64
peak_rss(void)
{
  FILE *status = fopen("/proc/self/status", "r");
  if (status) {
    char line[256];
    long kb = -1;
    while (fgets(line, sizeof line, status))
      if (sscanf(line, "VmHWM: %ld kB", &kb) == 1)
        break;
    fclose(status);
    if (kb >= 0)
      return (gint64) kb * 1024;
  }
  struct rusage usage;
  if (getrusage(RUSAGE_SELF, &usage) != 0)
    return -1;
  return (gint64) usage.ru_maxrss * 1024; /* Linux reports kilobytes */
}

/* User plus system CPU time of this process, in seconds. */
static double
cpu_seconds(void)
{
  struct rusage usage;
  if (getrusage(RUSAGE_SELF, &usage) != 0)
    return 0.0;
  return (double) (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
         (double) (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

/* Resets the peak (VmHWM) to the current RSS where Linux allows it, so
 * the peak reported is that of the loads, not of start-up. Best effort. */
static void
reset_peak_rss(void)
{
  FILE *clear = fopen("/proc/self/clear_refs", "w");
  if (clear) {
    fputs("5", clear);
    fclose(clear);
  }
}

/* ------------------------------------------------------------------------ */
/* String accounting                                                        */
/* ------------------------------------------------------------------------ */

/* Distinct string storage reachable through the public accessors. Strings
 * are counted once per distinct pointer: an interned string shared by many
 * ties (a layer, a repeated reference) costs its bytes once, exactly as it
 * does in the network, and a copy per record would be counted per copy. */
typedef struct {
  GHashTable *seen;
  guint64 bytes;
} StringTally;

static void
tally_add(StringTally *tally, const char *text)
{
  if (text && g_hash_table_add(tally->seen, (gpointer) text))
    tally->bytes += strlen(text) + 1;
}

static void
tally_strv(StringTally *tally, const char *const *strv)
{
  for (; strv && *strv; strv++)
    tally_add(tally, *strv);
}

static void
tally_nodes(StringTally *tally, const CitynetNetwork *network)
{
  const char *const *keys = citynet_network_node_attribute_keys(network, NULL);
  tally_strv(tally, keys);
  tally_strv(tally, citynet_network_kinds(network, NULL));
  for (gsize i = 0, n = citynet_network_n_nodes(network); i < n; i++) {
    tally_add(tally, citynet_network_node_id(network, i));
    tally_add(tally, citynet_network_node_name(network, i));
    tally_add(tally, citynet_network_node_kind(network, i));
    tally_add(tally, citynet_network_node_country(network, i));
    for (const char *const *k = keys; k && *k; k++)
      tally_add(tally, citynet_network_node_attribute(network, i, *k));
  }
}

static void
tally_ties(StringTally *tally, const CitynetNetwork *network)
{
  const char *const *keys = citynet_network_tie_attribute_keys(network, NULL);
  tally_strv(tally, keys);
  tally_strv(tally, citynet_network_layers(network, NULL));
  for (gsize i = 0, n = citynet_network_n_ties(network); i < n; i++) {
    tally_add(tally, citynet_network_tie_ref(network, i));
    for (const char *const *k = keys; k && *k; k++)
      tally_add(tally, citynet_network_tie_attribute(network, i, *k));
  }
}

static void
tally_countries(StringTally *tally, const CitynetNetwork *network)
{
  tally_strv(tally, citynet_network_country_attribute_keys(network, NULL));
  tally_strv(tally, citynet_network_groups(network, NULL));
  for (gsize i = 0, n = citynet_network_n_countries(network); i < n; i++) {
    tally_add(tally, citynet_network_country_code(network, i));
    tally_add(tally, citynet_network_country_name(network, i));
  }
  for (gsize i = 0, n = citynet_network_n_memberships(network); i < n; i++) {
    const char *group = NULL, *ref = NULL;
    citynet_network_membership(network, i, NULL, &group, NULL, NULL, &ref);
    tally_add(tally, group);
    tally_add(tally, ref);
  }
}

/* Total bytes (length + NUL) of the network's distinct strings; sets
 * @n_strings to how many there are. */
static guint64
network_string_bytes(const CitynetNetwork *network, guint64 *n_strings)
{
  StringTally tally = {g_hash_table_new(g_direct_hash, g_direct_equal), 0};
  tally_nodes(&tally, network);
  tally_ties(&tally, network);
  tally_countries(&tally, network);
  *n_strings = g_hash_table_size(tally.seen);
  g_hash_table_destroy(tally.seen);
  return tally.bytes;
}

/* ------------------------------------------------------------------------ */
/* JSON output                                                              */
/* ------------------------------------------------------------------------ */

static void
json_string(GString *out, const char *text)
{
  g_string_append_c(out, '"');
  for (const unsigned char *p = (const unsigned char *) text; *p; p++) {
    if (*p == '"' || *p == '\\')
      g_string_append_printf(out, "\\%c", *p);
    else if (*p < 0x20)
      g_string_append_printf(out, "\\u%04x", *p);
    else
      g_string_append_c(out, (char) *p);
  }
  g_string_append_c(out, '"');
}

static void
json_int_or_null(GString *out, const char *key, gint64 value)
{
  if (value < 0)
    g_string_append_printf(out, ",\"%s\":null", key);
  else
    g_string_append_printf(out, ",\"%s\":%" G_GINT64_FORMAT, key, value);
}

/* ------------------------------------------------------------------------ */
/* main                                                                     */
/* ------------------------------------------------------------------------ */

typedef struct {
  double best_seconds;
  double best_cpu_seconds; /* CPU time of the load, fastest run by CPU */
  GArray *seconds;       /* double per run */
  gint64 heap_bytes;     /* retained by the network of the last run, -1 unknown */
  CitynetNetwork *network; /* of the last run */
} LoadResult;

/* Loads @path @repeat times; keeps the last network. FALSE on a load error
 * (printed). */
static gboolean
run_loads(const char *path, int repeat, LoadResult *result)
{
  result->best_seconds = G_MAXDOUBLE;
  result->best_cpu_seconds = G_MAXDOUBLE;
  result->seconds = g_array_new(FALSE, FALSE, sizeof(double));
  result->network = NULL;
  result->heap_bytes = -1;
  for (int r = 0; r < repeat; r++) {
    GError *error = NULL;
    if (result->network) {
      citynet_network_unref(result->network);
      result->network = NULL;
    }
    gint64 heap_before = heap_in_use();
    double cpu0 = cpu_seconds();
    gint64 t0 = g_get_monotonic_time();
    CitynetNetwork *network = citynet_bundle_load(path, &error);
    gint64 t1 = g_get_monotonic_time();
    double cpu1 = cpu_seconds();
    gint64 heap_after = heap_in_use();
    if (!network) {
      g_printerr("load-bundle: %s\n", error ? error->message : "load failed");
      g_clear_error(&error);
      return FALSE;
    }
    double seconds = (double) (t1 - t0) / 1e6;
    g_array_append_val(result->seconds, seconds);
    result->best_seconds = MIN(result->best_seconds, seconds);
    result->best_cpu_seconds = MIN(result->best_cpu_seconds, cpu1 - cpu0);
    if (heap_before >= 0)
      result->heap_bytes = heap_after - heap_before;
    result->network = network;
  }
  return TRUE;
}

static void
print_report(const char *path, int repeat, const LoadResult *result,
             gint64 rss_before, gint64 rss_after, gint64 peak)
{
  const CitynetNetwork *network = result->network;
  gsize n_ties = citynet_network_n_ties(network);
  gsize n_nodes = citynet_network_n_nodes(network);
  guint64 n_strings = 0;
  guint64 string_bytes = network_string_bytes(network, &n_strings);
  double per_tie = n_ties ? 1.0 / (double) n_ties : 0.0;
  const char *omp = g_getenv("OMP_NUM_THREADS");

  GString *out = g_string_new("{\"bundle\":");
  json_string(out, path);
  g_string_append_printf(out, ",\"citynet_version\":\"%s\"", citynet_version());
  g_string_append_printf(out, ",\"nodes\":%" G_GSIZE_FORMAT
                         ",\"ties\":%" G_GSIZE_FORMAT
                         ",\"countries\":%" G_GSIZE_FORMAT
                         ",\"memberships\":%" G_GSIZE_FORMAT,
                         n_nodes, n_ties, citynet_network_n_countries(network),
                         citynet_network_n_memberships(network));
  g_string_append_printf(out, ",\"repeat\":%d,\"seconds\":[", repeat);
  for (guint i = 0; i < result->seconds->len; i++)
    g_string_append_printf(out, "%s%.6f", i ? "," : "",
                           g_array_index(result->seconds, double, i));
  g_string_append_printf(out, "],\"best_seconds\":%.6f", result->best_seconds);
  g_string_append_printf(out, ",\"ties_per_second\":%.0f",
                         result->best_seconds > 0
                             ? (double) n_ties / result->best_seconds : 0.0);
  /* CPU time is less disturbed than wall time on a busy machine. */
  g_string_append_printf(out, ",\"best_cpu_seconds\":%.6f", result->best_cpu_seconds);
  g_string_append_printf(out, ",\"ties_per_cpu_second\":%.0f",
                         result->best_cpu_seconds > 0
                             ? (double) n_ties / result->best_cpu_seconds : 0.0);
  json_int_or_null(out, "heap_bytes", result->heap_bytes);
  g_string_append_printf(out, ",\"string_bytes\":%" G_GUINT64_FORMAT
                         ",\"distinct_strings\":%" G_GUINT64_FORMAT,
                         string_bytes, n_strings);
  if (result->heap_bytes >= 0)
    g_string_append_printf(out, ",\"bytes_per_tie\":%.2f"
                           ",\"bytes_per_tie_excluding_strings\":%.2f",
                           (double) result->heap_bytes * per_tie,
                           ((double) result->heap_bytes - (double) string_bytes) * per_tie);
  else
    g_string_append(out, ",\"bytes_per_tie\":null,"
                         "\"bytes_per_tie_excluding_strings\":null");
  json_int_or_null(out, "rss_before_bytes", rss_before);
  json_int_or_null(out, "rss_after_bytes", rss_after);
  json_int_or_null(out, "peak_rss_bytes", peak);
  json_int_or_null(out, "peak_rss_delta_bytes",
                   rss_before >= 0 && peak >= 0 ? peak - rss_before : -1);
  g_string_append(out, ",\"omp_num_threads\":");
  if (omp)
    json_string(out, omp);
  else
    g_string_append(out, "null");
  g_string_append_printf(out, ",\"nproc\":%u}", g_get_num_processors());
  puts(out->str);
  g_string_free(out, TRUE);
}

int
main(int argc, char **argv)
{
  int repeat = 3;
  char **rest = NULL;
  GOptionEntry entries[] = {
    {"repeat", 'r', 0, G_OPTION_ARG_INT, &repeat,
     "Number of loads; the best time is reported (default 3)", "N"},
    {G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &rest, NULL,
     "BUNDLE"},
    {NULL},
  };
  GError *error = NULL;
  GOptionContext *context = g_option_context_new("BUNDLE - time citynet_bundle_load()");
  g_option_context_add_main_entries(context, entries, NULL);
  gboolean parsed = g_option_context_parse(context, &argc, &argv, &error);
  g_option_context_free(context);
  if (!parsed) {
    g_printerr("load-bundle: %s\n", error->message);
    g_error_free(error);
    return 2;
  }
  if (!rest || !rest[0] || rest[1] || repeat < 1) {
    g_printerr("usage: load-bundle [--repeat N >= 1] BUNDLE\n");
    g_strfreev(rest);
    return 2;
  }

  reset_peak_rss();
  gint64 rss_before = current_rss();
  LoadResult result;
  gboolean ok = run_loads(rest[0], repeat, &result);
  /* Measured before the string tally allocates its hash table. */
  gint64 rss_after = current_rss();
  gint64 peak = peak_rss();
  if (ok)
    print_report(rest[0], repeat, &result, rss_before, rss_after, peak);
  if (result.network)
    citynet_network_unref(result.network);
  g_array_free(result.seconds, TRUE);
  g_strfreev(rest);
  return ok ? 0 : 1;
}
