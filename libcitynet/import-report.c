/* libcitynet - the import report: what happened to every input row.
 *
 * The report is the researcher's audit trail: every rejected row with its
 * line and reason, every spelling merged, every country left unmatched
 * with the rows it cost. Text for reading, JSON for tools; both list the
 * same things in the same order (docs/import.md). */
#include <math.h>
#include <string.h>

#include "atomic-file.h"
#include "csv.h"
#include "import-private.h"

typedef struct {
  guint line;
  const char *reason;
} Rejected;

typedef struct {
  const char *node_id, *kept_name, *variant;
  guint first_line;
  gsize n_rows;
} NameMerge;

typedef struct {
  const char *value;
  const char *iso3;        /* NULL when unmatched */
  const char *rule;        /* static label */
  const char *suggestion;  /* unmatched only, may be NULL */
  gsize n_rows;
  GArray *lines;           /* unmatched only: guint, ascending */
} CountryUse;

typedef struct {
  const char *name, *country, *reason;
  GArray *lines;
} Ambiguous;

typedef struct {
  const char *name, *country;
  GPtrArray *node_ids;     /* NULL-terminated */
  double distance_km;
} Split;

typedef struct {
  const char *district, *country, *metropolis;
  gsize n_rows;
} District;

struct _CitynetImportReport {
  GStringChunk *strings;
  const char *source;
  const char *kind;        /* "pairs" or "members" */
  const char *encoding;
  char delimiter;
  gsize rows_read, rows_kept, rows_merged;
  gsize nodes, ties, ties_with_duplicates, gazetteer_matches;
  const char *gazetteer;   /* path, NULL when none */
  const char *gazetteer_layout;
  gsize gazetteer_entries, gazetteer_skipped;

  GArray *rejected;        /* Rejected */
  GArray *merges;          /* NameMerge */
  GArray *countries;       /* CountryUse: resolved, first-use order */
  GArray *unmatched;       /* CountryUse: unmatched, first-use order */
  GHashTable *country_index; /* value -> GUINT_TO_POINTER(index + 1); resolved
                              * indices are positive, unmatched negative */
  GArray *ambiguous;       /* Ambiguous */
  GArray *splits;          /* Split */
  GArray *districts;       /* District */
  GHashTable *district_index;
};

static const char *
intern(CitynetImportReport *report, const char *text)
{
  return text != NULL ? g_string_chunk_insert_const(report->strings, text) : NULL;
}

static void
country_use_clear(gpointer data)
{
  CountryUse *use = data;
  g_clear_pointer(&use->lines, g_array_unref);
}

static void
ambiguous_clear(gpointer data)
{
  Ambiguous *entry = data;
  g_clear_pointer(&entry->lines, g_array_unref);
}

static void
split_clear(gpointer data)
{
  Split *entry = data;
  g_clear_pointer(&entry->node_ids, g_ptr_array_unref);
}

CitynetImportReport *
citynet_import_report_new(const char *source, const char *kind)
{
  CitynetImportReport *report = g_new0(CitynetImportReport, 1);
  report->strings = g_string_chunk_new(16 * 1024);
  report->source = intern(report, source);
  report->kind = intern(report, kind);
  report->encoding = "utf-8";
  report->delimiter = ',';
  report->rejected = g_array_new(FALSE, FALSE, sizeof(Rejected));
  report->merges = g_array_new(FALSE, FALSE, sizeof(NameMerge));
  report->countries = g_array_new(FALSE, FALSE, sizeof(CountryUse));
  g_array_set_clear_func(report->countries, country_use_clear);
  report->unmatched = g_array_new(FALSE, FALSE, sizeof(CountryUse));
  g_array_set_clear_func(report->unmatched, country_use_clear);
  report->country_index = g_hash_table_new(g_str_hash, g_str_equal);
  report->ambiguous = g_array_new(FALSE, FALSE, sizeof(Ambiguous));
  g_array_set_clear_func(report->ambiguous, ambiguous_clear);
  report->splits = g_array_new(FALSE, FALSE, sizeof(Split));
  g_array_set_clear_func(report->splits, split_clear);
  report->districts = g_array_new(FALSE, FALSE, sizeof(District));
  report->district_index = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  return report;
}

void
citynet_import_report_free(CitynetImportReport *report)
{
  if (report == NULL)
    return;
  g_array_unref(report->rejected);
  g_array_unref(report->merges);
  g_array_unref(report->countries);
  g_array_unref(report->unmatched);
  g_hash_table_unref(report->country_index);
  g_array_unref(report->ambiguous);
  g_array_unref(report->splits);
  g_array_unref(report->districts);
  g_hash_table_unref(report->district_index);
  g_string_chunk_free(report->strings);
  g_free(report);
}

/* ------------------------------------------------------------------------ */
/* Recording                                                                */
/* ------------------------------------------------------------------------ */

void
citynet_import_report_set_input(CitynetImportReport *report, const char *encoding,
                                char delimiter)
{
  report->encoding = intern(report, encoding);
  report->delimiter = delimiter;
}

void
citynet_import_report_set_gazetteer(CitynetImportReport *report, const char *path,
                                    const char *layout, gsize entries, gsize skipped)
{
  report->gazetteer = intern(report, path);
  report->gazetteer_layout = intern(report, layout);
  report->gazetteer_entries = entries;
  report->gazetteer_skipped = skipped;
}

void
citynet_import_report_count_row(CitynetImportReport *report)
{
  report->rows_read++;
}

void
citynet_import_report_reject(CitynetImportReport *report, guint line,
                             const char *reason)
{
  Rejected entry = {line, intern(report, reason)};
  g_array_append_val(report->rejected, entry);
}

void
citynet_import_report_keep(CitynetImportReport *report)
{
  report->rows_kept++;
}

void
citynet_import_report_merge(CitynetImportReport *report)
{
  report->rows_merged++;
}

void
citynet_import_report_set_totals(CitynetImportReport *report, gsize nodes,
                                 gsize ties, gsize ties_with_duplicates,
                                 gsize gazetteer_matches)
{
  report->nodes = nodes;
  report->ties = ties;
  report->ties_with_duplicates = ties_with_duplicates;
  report->gazetteer_matches = gazetteer_matches;
}

void
citynet_import_report_country_use(CitynetImportReport *report, const char *value,
                                  const char *iso3, CitynetCountryRule rule,
                                  guint line)
{
  gpointer found = g_hash_table_lookup(report->country_index, value);
  CountryUse *use;
  if (found != NULL) {
    gint index = GPOINTER_TO_INT(found);
    use = index > 0 ? &g_array_index(report->countries, CountryUse, index - 1)
                    : &g_array_index(report->unmatched, CountryUse, -index - 1);
  } else {
    GArray *list = iso3 != NULL ? report->countries : report->unmatched;
    CountryUse entry = {
      .value = intern(report, value),
      .iso3 = intern(report, iso3),
      .rule = citynet_country_rule_label(rule),
      .suggestion = iso3 == NULL ? citynet_country_suggest(value) : NULL,
      .lines = iso3 == NULL ? g_array_new(FALSE, FALSE, sizeof(guint)) : NULL,
    };
    g_array_append_val(list, entry);
    gint index = (gint) list->len;
    g_hash_table_insert(report->country_index, (gpointer) entry.value,
                        GINT_TO_POINTER(iso3 != NULL ? index : -index));
    use = &g_array_index(list, CountryUse, list->len - 1);
  }
  use->n_rows++;
  /* A row naming one unmatched value twice is listed once. */
  if (use->lines != NULL &&
      (use->lines->len == 0 || g_array_index(use->lines, guint, use->lines->len - 1) != line))
    g_array_append_val(use->lines, line);
}

void
citynet_import_report_name_merge_add(CitynetImportReport *report,
                                     const char *node_id, const char *kept_name,
                                     const char *variant, guint first_line,
                                     gsize n_rows)
{
  NameMerge merge = {intern(report, node_id), intern(report, kept_name),
                     intern(report, variant), first_line, n_rows};
  g_array_append_val(report->merges, merge);
}

void
citynet_import_report_ambiguous_add(CitynetImportReport *report, const char *name,
                                    const char *country, const char *reason,
                                    const guint *lines, gsize n_lines)
{
  Ambiguous entry = {intern(report, name), intern(report, country), intern(report, reason),
                     g_array_new(FALSE, FALSE, sizeof(guint))};
  g_array_append_vals(entry.lines, lines, (guint) n_lines);
  g_array_append_val(report->ambiguous, entry);
}

void
citynet_import_report_split_add(CitynetImportReport *report, const char *name,
                                const char *country, const char *const *node_ids,
                                double distance_km)
{
  Split entry = {intern(report, name), intern(report, country),
                 g_ptr_array_new_null_terminated(4, NULL, TRUE), distance_km};
  for (gsize i = 0; node_ids[i] != NULL; i++)
    g_ptr_array_add(entry.node_ids, (gpointer) intern(report, node_ids[i]));
  g_array_append_val(report->splits, entry);
}

void
citynet_import_report_district_add(CitynetImportReport *report, const char *district,
                                   const char *country, const char *metropolis,
                                   gsize n_rows)
{
  char *key = g_strconcat(district, "\x1f", country, NULL);
  gpointer found = g_hash_table_lookup(report->district_index, key);
  if (found != NULL) {
    g_array_index(report->districts, District, GPOINTER_TO_UINT(found) - 1).n_rows += n_rows;
    g_free(key);
    return;
  }
  District entry = {intern(report, district), intern(report, country),
                    intern(report, metropolis), n_rows};
  g_array_append_val(report->districts, entry);
  g_hash_table_insert(report->district_index, key, GUINT_TO_POINTER(report->districts->len));
}

static gint
compare_rejected(gconstpointer a, gconstpointer b)
{
  guint la = ((const Rejected *) a)->line, lb = ((const Rejected *) b)->line;
  return la < lb ? -1 : la > lb;
}

static gint
compare_guint(gconstpointer a, gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;
  return x < y ? -1 : x > y;
}

void
citynet_import_report_finish(CitynetImportReport *report)
{
  /* Rows are rejected while reading and again after places are resolved:
   * a stable sort by line restores reading order. */
  g_array_sort(report->rejected, compare_rejected);
  for (guint i = 0; i < report->ambiguous->len; i++)
    g_array_sort(g_array_index(report->ambiguous, Ambiguous, i).lines, compare_guint);
}

/* ------------------------------------------------------------------------ */
/* Accessors                                                                */
/* ------------------------------------------------------------------------ */

#define CHECK_REPORT(report, value) g_return_val_if_fail((report) != NULL, value)

const char *
citynet_import_report_source(const CitynetImportReport *report)
{
  CHECK_REPORT(report, NULL);
  return report->source;
}

const char *
citynet_import_report_encoding(const CitynetImportReport *report)
{
  CHECK_REPORT(report, NULL);
  return report->encoding;
}

char
citynet_import_report_delimiter(const CitynetImportReport *report)
{
  CHECK_REPORT(report, 0);
  return report->delimiter;
}

gsize
citynet_import_report_rows_read(const CitynetImportReport *report)
{
  CHECK_REPORT(report, 0);
  return report->rows_read;
}

gsize
citynet_import_report_rows_kept(const CitynetImportReport *report)
{
  CHECK_REPORT(report, 0);
  return report->rows_kept;
}

gsize
citynet_import_report_rows_merged(const CitynetImportReport *report)
{
  CHECK_REPORT(report, 0);
  return report->rows_merged;
}

gsize
citynet_import_report_rows_rejected(const CitynetImportReport *report)
{
  CHECK_REPORT(report, 0);
  return report->rejected->len;
}

gsize
citynet_import_report_ties_created(const CitynetImportReport *report)
{
  CHECK_REPORT(report, 0);
  return report->ties;
}

gsize
citynet_import_report_ties_with_duplicates(const CitynetImportReport *report)
{
  CHECK_REPORT(report, 0);
  return report->ties_with_duplicates;
}

gsize
citynet_import_report_nodes_created(const CitynetImportReport *report)
{
  CHECK_REPORT(report, 0);
  return report->nodes;
}

gsize
citynet_import_report_gazetteer_matches(const CitynetImportReport *report)
{
  CHECK_REPORT(report, 0);
  return report->gazetteer_matches;
}

gsize
citynet_import_report_n_name_merges(const CitynetImportReport *report)
{
  CHECK_REPORT(report, 0);
  return report->merges->len;
}

void
citynet_import_report_name_merge(const CitynetImportReport *report, gsize index,
                                 const char **node_id, const char **kept_name,
                                 const char **variant, guint *first_line,
                                 gsize *n_rows)
{
  g_return_if_fail(report != NULL && index < report->merges->len);
  const NameMerge *merge = &g_array_index(report->merges, NameMerge, index);
  if (node_id != NULL)
    *node_id = merge->node_id;
  if (kept_name != NULL)
    *kept_name = merge->kept_name;
  if (variant != NULL)
    *variant = merge->variant;
  if (first_line != NULL)
    *first_line = merge->first_line;
  if (n_rows != NULL)
    *n_rows = merge->n_rows;
}

gsize
citynet_import_report_n_unmatched_countries(const CitynetImportReport *report)
{
  CHECK_REPORT(report, 0);
  return report->unmatched->len;
}

void
citynet_import_report_unmatched_country(const CitynetImportReport *report,
                                        gsize index, const char **value,
                                        const char **suggestion,
                                        const guint **lines, gsize *n_lines)
{
  g_return_if_fail(report != NULL && index < report->unmatched->len);
  const CountryUse *use = &g_array_index(report->unmatched, CountryUse, index);
  if (value != NULL)
    *value = use->value;
  if (suggestion != NULL)
    *suggestion = use->suggestion;
  if (lines != NULL)
    *lines = (const guint *) use->lines->data;
  if (n_lines != NULL)
    *n_lines = use->lines->len;
}

gsize
citynet_import_report_n_ambiguous_places(const CitynetImportReport *report)
{
  CHECK_REPORT(report, 0);
  return report->ambiguous->len;
}

void
citynet_import_report_ambiguous_place(const CitynetImportReport *report,
                                      gsize index, const char **name,
                                      const char **country, const char **reason,
                                      const guint **lines, gsize *n_lines)
{
  g_return_if_fail(report != NULL && index < report->ambiguous->len);
  const Ambiguous *entry = &g_array_index(report->ambiguous, Ambiguous, index);
  if (name != NULL)
    *name = entry->name;
  if (country != NULL)
    *country = entry->country;
  if (reason != NULL)
    *reason = entry->reason;
  if (lines != NULL)
    *lines = (const guint *) entry->lines->data;
  if (n_lines != NULL)
    *n_lines = entry->lines->len;
}

gsize
citynet_import_report_n_split_places(const CitynetImportReport *report)
{
  CHECK_REPORT(report, 0);
  return report->splits->len;
}

void
citynet_import_report_split_place(const CitynetImportReport *report, gsize index,
                                  const char **name, const char **country,
                                  const char *const **node_ids, double *distance_km)
{
  g_return_if_fail(report != NULL && index < report->splits->len);
  const Split *entry = &g_array_index(report->splits, Split, index);
  if (name != NULL)
    *name = entry->name;
  if (country != NULL)
    *country = entry->country;
  if (node_ids != NULL)
    *node_ids = (const char *const *) entry->node_ids->pdata;
  if (distance_km != NULL)
    *distance_km = entry->distance_km;
}

gsize
citynet_import_report_n_district_merges(const CitynetImportReport *report)
{
  CHECK_REPORT(report, 0);
  return report->districts->len;
}

void
citynet_import_report_district_merge(const CitynetImportReport *report, gsize index,
                                     const char **district, const char **country,
                                     const char **metropolis, gsize *n_rows)
{
  g_return_if_fail(report != NULL && index < report->districts->len);
  const District *entry = &g_array_index(report->districts, District, index);
  if (district != NULL)
    *district = entry->district;
  if (country != NULL)
    *country = entry->country;
  if (metropolis != NULL)
    *metropolis = entry->metropolis;
  if (n_rows != NULL)
    *n_rows = entry->n_rows;
}

gsize
citynet_import_report_n_countries(const CitynetImportReport *report)
{
  CHECK_REPORT(report, 0);
  return report->countries->len;
}

void
citynet_import_report_country(const CitynetImportReport *report, gsize index,
                              const char **value, const char **iso3,
                              const char **rule, gsize *n_rows)
{
  g_return_if_fail(report != NULL && index < report->countries->len);
  const CountryUse *use = &g_array_index(report->countries, CountryUse, index);
  if (value != NULL)
    *value = use->value;
  if (iso3 != NULL)
    *iso3 = use->iso3;
  if (rule != NULL)
    *rule = use->rule;
  if (n_rows != NULL)
    *n_rows = use->n_rows;
}

gsize
citynet_import_report_n_rejected(const CitynetImportReport *report)
{
  CHECK_REPORT(report, 0);
  return report->rejected->len;
}

void
citynet_import_report_rejected(const CitynetImportReport *report, gsize index,
                               guint *line, const char **reason)
{
  g_return_if_fail(report != NULL && index < report->rejected->len);
  const Rejected *entry = &g_array_index(report->rejected, Rejected, index);
  if (line != NULL)
    *line = entry->line;
  if (reason != NULL)
    *reason = entry->reason;
}

/* ------------------------------------------------------------------------ */
/* Text                                                                     */
/* ------------------------------------------------------------------------ */

static const char *
delimiter_name(char delimiter)
{
  switch (delimiter) {
  case ';': return "semicolon";
  case '\t': return "tab";
  default: return "comma";
  }
}

static void
append_lines(GString *out, const GArray *lines)
{
  for (guint i = 0; i < lines->len; i++)
    g_string_append_printf(out, "%s%u", i ? ", " : "", g_array_index(lines, guint, i));
}

static void
text_counts(const CitynetImportReport *report, GString *out)
{
  g_string_append_printf(out, "citynet import %s: %s\n", report->kind, report->source);
  g_string_append_printf(out, "encoding %s, delimiter %s\n", report->encoding,
                         delimiter_name(report->delimiter));
  if (report->gazetteer != NULL)
    g_string_append_printf(out, "gazetteer %s (%s): %" G_GSIZE_FORMAT " entries, %"
                           G_GSIZE_FORMAT " rows skipped\n", report->gazetteer,
                           report->gazetteer_layout, report->gazetteer_entries,
                           report->gazetteer_skipped);
  g_string_append_printf(out,
                         "\nrows read      %" G_GSIZE_FORMAT "\n"
                         "rows kept      %" G_GSIZE_FORMAT "\n"
                         "rows merged    %" G_GSIZE_FORMAT "\n"
                         "rows rejected  %u\n"
                         "ties created   %" G_GSIZE_FORMAT " (%" G_GSIZE_FORMAT
                         " with duplicates merged)\n"
                         "nodes created  %" G_GSIZE_FORMAT "\n",
                         report->rows_read, report->rows_kept, report->rows_merged,
                         report->rejected->len, report->ties, report->ties_with_duplicates,
                         report->nodes);
  if (report->gazetteer != NULL)
    g_string_append_printf(out, "gazetteer matches %" G_GSIZE_FORMAT "\n",
                           report->gazetteer_matches);
}

static void
text_lists(const CitynetImportReport *report, GString *out)
{
  g_string_append_printf(out, "\nUnmatched countries (%u)\n", report->unmatched->len);
  for (guint i = 0; i < report->unmatched->len; i++) {
    const CountryUse *use = &g_array_index(report->unmatched, CountryUse, i);
    g_string_append_printf(out, "  \"%s\"", use->value);
    if (use->suggestion != NULL)
      g_string_append_printf(out, " (did you mean \"%s\"?)", use->suggestion);
    g_string_append_printf(out, ": %u row%s, line%s ", use->lines->len,
                           use->lines->len == 1 ? "" : "s", use->lines->len == 1 ? "" : "s");
    append_lines(out, use->lines);
    g_string_append_c(out, '\n');
  }
  g_string_append_printf(out, "\nAmbiguous places (%u)\n", report->ambiguous->len);
  for (guint i = 0; i < report->ambiguous->len; i++) {
    const Ambiguous *entry = &g_array_index(report->ambiguous, Ambiguous, i);
    g_string_append_printf(out, "  %s (%s): %s; line%s ", entry->name, entry->country,
                           entry->reason, entry->lines->len == 1 ? "" : "s");
    append_lines(out, entry->lines);
    g_string_append_c(out, '\n');
  }
  g_string_append_printf(out, "\nName variants merged (%u)\n", report->merges->len);
  for (guint i = 0; i < report->merges->len; i++) {
    const NameMerge *merge = &g_array_index(report->merges, NameMerge, i);
    g_string_append_printf(out, "  %s: \"%s\" <- \"%s\" (%" G_GSIZE_FORMAT " row%s, first on line %u)\n",
                           merge->node_id, merge->kept_name, merge->variant, merge->n_rows,
                           merge->n_rows == 1 ? "" : "s", merge->first_line);
  }
  g_string_append_printf(out, "\nSame name, different places (%u)\n", report->splits->len);
  for (guint i = 0; i < report->splits->len; i++) {
    const Split *entry = &g_array_index(report->splits, Split, i);
    g_string_append_printf(out, "  %s (%s): ", entry->name, entry->country);
    for (guint j = 0; j < entry->node_ids->len; j++)
      g_string_append_printf(out, "%s%s", j ? ", " : "",
                             (const char *) g_ptr_array_index(entry->node_ids, j));
    g_string_append_printf(out, " (at least %.0f km apart)\n", entry->distance_km);
  }
  g_string_append_printf(out, "\nDistricts mapped to their metropolis (%u)\n",
                         report->districts->len);
  for (guint i = 0; i < report->districts->len; i++) {
    const District *entry = &g_array_index(report->districts, District, i);
    g_string_append_printf(out, "  %s (%s) -> %s (%" G_GSIZE_FORMAT " row%s)\n", entry->district,
                           entry->country, entry->metropolis, entry->n_rows,
                           entry->n_rows == 1 ? "" : "s");
  }
}

static void
text_countries_and_rejections(const CitynetImportReport *report, GString *out)
{
  g_string_append_printf(out, "\nCountry values resolved (%u)\n", report->countries->len);
  for (guint i = 0; i < report->countries->len; i++) {
    const CountryUse *use = &g_array_index(report->countries, CountryUse, i);
    g_string_append_printf(out, "  \"%s\" -> %s (%s, %" G_GSIZE_FORMAT " use%s)\n", use->value,
                           use->iso3, use->rule, use->n_rows, use->n_rows == 1 ? "" : "s");
  }
  g_string_append_printf(out, "\nRejected rows (%u)\n", report->rejected->len);
  for (guint i = 0; i < report->rejected->len; i++) {
    const Rejected *entry = &g_array_index(report->rejected, Rejected, i);
    g_string_append_printf(out, "  line %u: %s\n", entry->line, entry->reason);
  }
}

char *
citynet_import_report_to_text(const CitynetImportReport *report)
{
  CHECK_REPORT(report, NULL);
  GString *out = g_string_new(NULL);
  text_counts(report, out);
  text_lists(report, out);
  text_countries_and_rejections(report, out);
  return g_string_free(out, FALSE);
}

/* ------------------------------------------------------------------------ */
/* JSON                                                                     */
/* ------------------------------------------------------------------------ */

static void
json_string(GString *out, const char *text)
{
  if (text == NULL) {
    g_string_append(out, "null");
    return;
  }
  g_string_append_c(out, '"');
  for (const guchar *p = (const guchar *) text; *p != '\0'; p++) {
    switch (*p) {
    case '"': g_string_append(out, "\\\""); break;
    case '\\': g_string_append(out, "\\\\"); break;
    case '\n': g_string_append(out, "\\n"); break;
    case '\r': g_string_append(out, "\\r"); break;
    case '\t': g_string_append(out, "\\t"); break;
    default:
      if (*p < 0x20)
        g_string_append_printf(out, "\\u%04x", *p);
      else
        g_string_append_c(out, (char) *p);
    }
  }
  g_string_append_c(out, '"');
}

static void
json_key(GString *out, const char *key, gboolean first)
{
  if (!first)
    g_string_append_c(out, ',');
  json_string(out, key);
  g_string_append_c(out, ':');
}

static void
json_lines(GString *out, const GArray *lines)
{
  g_string_append_c(out, '[');
  for (guint i = 0; i < lines->len; i++)
    g_string_append_printf(out, "%s%u", i ? "," : "", g_array_index(lines, guint, i));
  g_string_append_c(out, ']');
}

static void
json_size(GString *out, const char *key, gsize value)
{
  json_key(out, key, FALSE);
  g_string_append_printf(out, "%" G_GSIZE_FORMAT, value);
}

static void
json_header(const CitynetImportReport *report, GString *out)
{
  char delimiter[2] = {report->delimiter, '\0'};
  json_key(out, "schema", TRUE);
  json_string(out, "citynet.import-report/1");
  json_key(out, "kind", FALSE);
  json_string(out, report->kind);
  json_key(out, "source", FALSE);
  json_string(out, report->source);
  json_key(out, "encoding", FALSE);
  json_string(out, report->encoding);
  json_key(out, "delimiter", FALSE);
  json_string(out, delimiter);
  json_key(out, "gazetteer", FALSE);
  if (report->gazetteer == NULL) {
    g_string_append(out, "null");
  } else {
    g_string_append_c(out, '{');
    json_key(out, "path", TRUE);
    json_string(out, report->gazetteer);
    json_key(out, "layout", FALSE);
    json_string(out, report->gazetteer_layout);
    json_size(out, "entries", report->gazetteer_entries);
    json_size(out, "rows_skipped", report->gazetteer_skipped);
    json_size(out, "matches", report->gazetteer_matches);
    g_string_append_c(out, '}');
  }
  json_key(out, "counts", FALSE);
  g_string_append_c(out, '{');
  json_key(out, "rows_read", TRUE);
  g_string_append_printf(out, "%" G_GSIZE_FORMAT, report->rows_read);
  json_size(out, "rows_kept", report->rows_kept);
  json_size(out, "rows_merged", report->rows_merged);
  json_size(out, "rows_rejected", report->rejected->len);
  json_size(out, "ties_created", report->ties);
  json_size(out, "ties_with_duplicates", report->ties_with_duplicates);
  json_size(out, "nodes_created", report->nodes);
  json_size(out, "name_merges", report->merges->len);
  json_size(out, "unmatched_countries", report->unmatched->len);
  json_size(out, "ambiguous_places", report->ambiguous->len);
  g_string_append_c(out, '}');
}

static void
json_countries(const CitynetImportReport *report, GString *out)
{
  json_key(out, "unmatched_countries", FALSE);
  g_string_append_c(out, '[');
  for (guint i = 0; i < report->unmatched->len; i++) {
    const CountryUse *use = &g_array_index(report->unmatched, CountryUse, i);
    g_string_append(out, i ? ",{" : "{");
    json_key(out, "value", TRUE);
    json_string(out, use->value);
    json_key(out, "suggestion", FALSE);
    json_string(out, use->suggestion);
    json_size(out, "rows", use->lines->len);
    json_key(out, "lines", FALSE);
    json_lines(out, use->lines);
    g_string_append_c(out, '}');
  }
  g_string_append(out, "]");
  json_key(out, "countries", FALSE);
  g_string_append_c(out, '[');
  for (guint i = 0; i < report->countries->len; i++) {
    const CountryUse *use = &g_array_index(report->countries, CountryUse, i);
    g_string_append(out, i ? ",{" : "{");
    json_key(out, "value", TRUE);
    json_string(out, use->value);
    json_key(out, "iso3", FALSE);
    json_string(out, use->iso3);
    json_key(out, "rule", FALSE);
    json_string(out, use->rule);
    json_size(out, "uses", use->n_rows);
    g_string_append_c(out, '}');
  }
  g_string_append(out, "]");
}

static void
json_places(const CitynetImportReport *report, GString *out)
{
  json_key(out, "ambiguous_places", FALSE);
  g_string_append_c(out, '[');
  for (guint i = 0; i < report->ambiguous->len; i++) {
    const Ambiguous *entry = &g_array_index(report->ambiguous, Ambiguous, i);
    g_string_append(out, i ? ",{" : "{");
    json_key(out, "name", TRUE);
    json_string(out, entry->name);
    json_key(out, "country", FALSE);
    json_string(out, entry->country);
    json_key(out, "reason", FALSE);
    json_string(out, entry->reason);
    json_key(out, "lines", FALSE);
    json_lines(out, entry->lines);
    g_string_append_c(out, '}');
  }
  g_string_append(out, "]");
  json_key(out, "name_merges", FALSE);
  g_string_append_c(out, '[');
  for (guint i = 0; i < report->merges->len; i++) {
    const NameMerge *merge = &g_array_index(report->merges, NameMerge, i);
    g_string_append(out, i ? ",{" : "{");
    json_key(out, "node", TRUE);
    json_string(out, merge->node_id);
    json_key(out, "name", FALSE);
    json_string(out, merge->kept_name);
    json_key(out, "variant", FALSE);
    json_string(out, merge->variant);
    json_size(out, "rows", merge->n_rows);
    json_size(out, "first_line", merge->first_line);
    g_string_append_c(out, '}');
  }
  g_string_append(out, "]");
}

static void
json_splits_and_districts(const CitynetImportReport *report, GString *out)
{
  json_key(out, "split_places", FALSE);
  g_string_append_c(out, '[');
  for (guint i = 0; i < report->splits->len; i++) {
    const Split *entry = &g_array_index(report->splits, Split, i);
    g_string_append(out, i ? ",{" : "{");
    json_key(out, "name", TRUE);
    json_string(out, entry->name);
    json_key(out, "country", FALSE);
    json_string(out, entry->country);
    json_key(out, "nodes", FALSE);
    g_string_append_c(out, '[');
    for (guint j = 0; j < entry->node_ids->len; j++) {
      if (j)
        g_string_append_c(out, ',');
      json_string(out, g_ptr_array_index(entry->node_ids, j));
    }
    g_string_append_c(out, ']');
    json_key(out, "min_distance_km", FALSE);
    char number[CITYNET_CSV_DOUBLE_SIZE];
    g_string_append(out, citynet_csv_format_double(round(entry->distance_km * 10) / 10, number));
    g_string_append_c(out, '}');
  }
  g_string_append(out, "]");
  json_key(out, "district_merges", FALSE);
  g_string_append_c(out, '[');
  for (guint i = 0; i < report->districts->len; i++) {
    const District *entry = &g_array_index(report->districts, District, i);
    g_string_append(out, i ? ",{" : "{");
    json_key(out, "district", TRUE);
    json_string(out, entry->district);
    json_key(out, "country", FALSE);
    json_string(out, entry->country);
    json_key(out, "metropolis", FALSE);
    json_string(out, entry->metropolis);
    json_size(out, "rows", entry->n_rows);
    g_string_append_c(out, '}');
  }
  g_string_append(out, "]");
}

static void
json_rejected(const CitynetImportReport *report, GString *out)
{
  json_key(out, "rejected_rows", FALSE);
  g_string_append_c(out, '[');
  for (guint i = 0; i < report->rejected->len; i++) {
    const Rejected *entry = &g_array_index(report->rejected, Rejected, i);
    g_string_append_printf(out, "%s{\"line\":%u,\"reason\":", i ? "," : "", entry->line);
    json_string(out, entry->reason);
    g_string_append_c(out, '}');
  }
  g_string_append(out, "]");
}

char *
citynet_import_report_to_json(const CitynetImportReport *report)
{
  CHECK_REPORT(report, NULL);
  GString *out = g_string_new("{");
  json_header(report, out);
  json_countries(report, out);
  json_places(report, out);
  json_splits_and_districts(report, out);
  json_rejected(report, out);
  g_string_append(out, "}\n");
  return g_string_free(out, FALSE);
}

/* ------------------------------------------------------------------------ */
/* Files                                                                    */
/* ------------------------------------------------------------------------ */

static gboolean
write_atomically(const char *path, const char *text, GError **error)
{
  CitynetAtomicFile *file = citynet_atomic_file_open(path, error);
  if (file == NULL)
    return FALSE;
  citynet_atomic_file_write(file, text, -1);
  return citynet_atomic_file_commit(file, error);
}

gboolean
citynet_import_report_write_text(const CitynetImportReport *report,
                                 const char *path, GError **error)
{
  g_return_val_if_fail(report != NULL && path != NULL, FALSE);
  char *text = citynet_import_report_to_text(report);
  gboolean ok = write_atomically(path, text, error);
  g_free(text);
  return ok;
}

gboolean
citynet_import_report_write_json(const CitynetImportReport *report,
                                 const char *path, GError **error)
{
  g_return_val_if_fail(report != NULL && path != NULL, FALSE);
  char *text = citynet_import_report_to_json(report);
  gboolean ok = write_atomically(path, text, error);
  g_free(text);
  return ok;
}
