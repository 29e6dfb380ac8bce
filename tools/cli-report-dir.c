/* citynet command - the report directory of `citynet report -o DIR`
 * (see cli-report.h and docs/cli.md): report.md, report.html, every table
 * as CSV and LaTeX, every figure as SVG and PDF, provenance.json. */
#include <errno.h>
#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "cli-figure.h"
#include "cli-report.h"
#include "cli-view.h"

/* ------------------------------------------------------------------------ */
/* Files                                                                    */
/* ------------------------------------------------------------------------ */

static void
remove_tree(const char *path)
{
  if (g_file_test(path, G_FILE_TEST_IS_DIR) && !g_file_test(path, G_FILE_TEST_IS_SYMLINK)) {
    GDir *dir = g_dir_open(path, 0, NULL);
    const char *name;
    while (dir != NULL && (name = g_dir_read_name(dir)) != NULL) {
      char *child = g_build_filename(path, name, NULL);
      remove_tree(child);
      g_free(child);
    }
    if (dir != NULL)
      g_dir_close(dir);
    g_rmdir(path);
  } else {
    g_unlink(path);
  }
}

static gboolean
is_empty_dir(const char *path)
{
  GDir *dir = g_dir_open(path, 0, NULL);
  if (dir == NULL)
    return FALSE;
  gboolean empty = g_dir_read_name(dir) == NULL;
  g_dir_close(dir);
  return empty;
}

gboolean
cli_report_check_target(const char *output, gboolean force, GError **error)
{
  if (!g_file_test(output, G_FILE_TEST_EXISTS))
    return TRUE;
  if (!g_file_test(output, G_FILE_TEST_IS_DIR)) {
    g_set_error(error, CLI_ERROR, CLI_ERROR_FAILED,
                "%s exists and is not a directory", output);
    return FALSE;
  }
  if (!force && !is_empty_dir(output)) {
    g_set_error(error, CLI_ERROR, CLI_ERROR_FAILED,
                "%s exists and is not empty (use --force to replace it)", output);
    return FALSE;
  }
  return TRUE;
}

/* The SHA-256 of a file, read in blocks. */
static char *
sha256_file(const char *path, gint64 *size, GError **error)
{
  FILE *file = g_fopen(path, "rb");
  if (file == NULL) {
    int saved = errno;
    g_set_error(error, CLI_ERROR, CLI_ERROR_FAILED, "cannot read %s: %s", path,
                g_strerror(saved));
    return NULL;
  }
  GChecksum *checksum = g_checksum_new(G_CHECKSUM_SHA256);
  guchar buffer[65536];
  gsize n;
  *size = 0;
  while ((n = fread(buffer, 1, sizeof buffer, file)) > 0) {
    g_checksum_update(checksum, buffer, n);
    *size += (gint64) n;
  }
  gboolean failed = ferror(file);
  fclose(file);
  char *hex = failed ? NULL : g_strdup(g_checksum_get_string(checksum));
  g_checksum_free(checksum);
  if (failed)
    g_set_error(error, CLI_ERROR, CLI_ERROR_FAILED, "cannot read %s", path);
  return hex;
}

/* ------------------------------------------------------------------------ */
/* The writer                                                               */
/* ------------------------------------------------------------------------ */

typedef struct {
  const CliReportSpec *spec;
  char *dir;             /* the temporary directory */
  GPtrArray *files;      /* relative paths written, in order */
  GString *md, *html;
  guint n_figures, n_tables;
  char **groups;
  const char *focus_name;
} Writer;

static gboolean
write_file(Writer *writer, const char *relative, const char *data, gsize length,
           GError **error)
{
  char *path = g_build_filename(writer->dir, relative, NULL);
  GError *cause = NULL;
  gboolean ok = g_file_set_contents(path, data, (gssize) length, &cause);
  g_free(path);
  if (!ok) {
    g_set_error(error, CLI_ERROR, CLI_ERROR_FAILED, "%s", cause->message);
    g_error_free(cause);
    return FALSE;
  }
  g_ptr_array_add(writer->files, g_strdup(relative));
  return TRUE;
}

static char *
html_escape(const char *text)
{
  return g_markup_escape_text(text, -1);
}

/* A table as tables/NAME.csv (exact numbers) and tables/NAME.tex
 * (booktabs, --precision), shown in both reports. */
static gboolean
add_table(Writer *writer, CliTable *table, const char *heading,
          const char *note, gboolean show, GError **error)
{
  const char *name = cli_table_get_name(table);
  char *csv_name = g_strdup_printf("tables/%s.csv", name);
  char *tex_name = g_strdup_printf("tables/%s.tex", name);
  GString *csv = g_string_new(NULL), *tex = g_string_new(NULL);
  cli_table_render(table, CLI_FORMAT_CSV, CLI_PRECISION_SHORTEST, csv);
  cli_table_render(table, CLI_FORMAT_LATEX, writer->spec->precision, tex);
  gboolean ok = write_file(writer, csv_name, csv->str, csv->len, error) &&
                write_file(writer, tex_name, tex->str, tex->len, error);
  if (ok) {
    writer->n_tables++;
    g_string_append_printf(writer->md, "## %s\n\n", heading);
    if (note != NULL)
      g_string_append_printf(writer->md, "%s\n\n", note);
    if (show) {
      cli_table_render(table, CLI_FORMAT_MARKDOWN, writer->spec->precision, writer->md);
      g_string_append_c(writer->md, '\n');
    }
    g_string_append_printf(writer->md, "Table files: [%s](%s), [%s](%s).\n\n",
                           csv_name, csv_name, tex_name, tex_name);
    char *h = html_escape(heading);
    g_string_append_printf(writer->html, "<h2>%s</h2>\n", h);
    g_free(h);
    if (note != NULL) {
      char *n = html_escape(note);
      g_string_append_printf(writer->html, "<p>%s</p>\n", n);
      g_free(n);
    }
    if (show)
      cli_table_render_html(table, writer->spec->precision, writer->html);
    g_string_append_printf(writer->html,
                           "<p class=\"files\">Table files: <a href=\"%s\">%s</a>, "
                           "<a href=\"%s\">%s</a>.</p>\n",
                           csv_name, csv_name, tex_name, tex_name);
  }
  g_string_free(csv, TRUE);
  g_string_free(tex, TRUE);
  g_free(csv_name);
  g_free(tex_name);
  return ok;
}

/* A figure as figures/NAME.svg and figures/NAME.pdf (the same drawing:
 * layouts are seeded), with its caption, in both reports. */
static gboolean
add_figure(Writer *writer, const char *name, const char *heading,
           CitynetView *view, CitynetFigureKind kind,
           const CitynetFigureOptions *options, GError **error)
{
  char *svg_name = g_strdup_printf("figures/%s.svg", name);
  char *pdf_name = g_strdup_printf("figures/%s.pdf", name);
  gboolean ok = FALSE;
  char *caption = NULL;
  const CitynetFigureFormat formats[2] = { CITYNET_FIGURE_FORMAT_SVG, CITYNET_FIGURE_FORMAT_PDF };
  const char *names[2] = { svg_name, pdf_name };
  for (guint i = 0; i < 2; i++) {
    CitynetFigure *figure = citynet_figure_render(view, writer->spec->focus, kind,
                                                  options, formats[i], NULL, error);
    if (figure == NULL)
      goto out;
    gsize length;
    const guint8 *data = citynet_figure_get_data(figure, &length);
    if (caption == NULL)
      caption = g_strdup(citynet_figure_get_caption(figure));
    gboolean written = write_file(writer, names[i], (const char *) data, length, error);
    citynet_figure_free(figure);
    if (!written)
      goto out;
  }
  writer->n_figures++;
  g_string_append_printf(writer->md, "## %s\n\n![%s](%s)\n\n*Figure %u.* %s "
                         "([SVG](%s), [PDF](%s))\n\n",
                         heading, heading, svg_name, writer->n_figures, caption,
                         svg_name, pdf_name);
  char *h = html_escape(heading), *c = html_escape(caption);
  g_string_append_printf(writer->html,
                         "<h2>%s</h2>\n<figure>\n<img src=\"%s\" alt=\"%s\">\n"
                         "<figcaption><b>Figure %u.</b> %s (<a href=\"%s\">SVG</a>, "
                         "<a href=\"%s\">PDF</a>)</figcaption>\n</figure>\n",
                         h, svg_name, h, writer->n_figures, c, svg_name, pdf_name);
  g_free(h);
  g_free(c);
  ok = TRUE;
out:
  g_free(caption);
  g_free(svg_name);
  g_free(pdf_name);
  return ok;
}

/* ------------------------------------------------------------------------ */
/* Tables                                                                   */
/* ------------------------------------------------------------------------ */

/* Where the focus stands in the whole view: centralities and ranks. */
static CliTable *
position_table(CitynetView *view, gsize focus, GError **error)
{
  static const CitynetCentrality measures[] = {
    CITYNET_CENTRALITY_DEGREE, CITYNET_CENTRALITY_STRENGTH,
    CITYNET_CENTRALITY_BETWEENNESS, CITYNET_CENTRALITY_HARMONIC,
    CITYNET_CENTRALITY_PAGERANK,
  };
  CliTable *table = cli_table_new("position", "Position of the focus node in the view");
  guint c_measure = cli_table_add_column(table, "measure", "measure", CLI_COLUMN_STRING);
  guint c_value = cli_table_add_column(table, "value", "value", CLI_COLUMN_DOUBLE);
  guint c_rank = cli_table_add_column(table, "rank", "rank", CLI_COLUMN_INT);
  guint c_of = cli_table_add_column(table, "of", "of", CLI_COLUMN_INT);
  for (guint i = 0; i < G_N_ELEMENTS(measures); i++) {
    CitynetScores *scores = citynet_centrality_compute(view, measures[i], NULL, error);
    if (scores == NULL) {
      cli_table_free(table);
      return NULL;
    }
    gssize entry = citynet_scores_find(scores, focus);
    cli_table_add_row(table);
    cli_table_set_string(table, c_measure, citynet_centrality_name(measures[i]));
    if (entry >= 0) {
      cli_table_set_double(table, c_value, citynet_scores_value(scores, (gsize) entry));
      cli_table_set_int(table, c_rank, (gint64) citynet_scores_rank(scores, (gsize) entry));
    }
    cli_table_set_int(table, c_of, (gint64) citynet_scores_n(scores));
    citynet_scores_free(scores);
  }
  return table;
}

/* The UCINET ego-network measures of the focus (ego.h). */
static CliTable *
ego_table(CitynetView *view, gsize focus, GError **error)
{
  CitynetEgoMeasures *measures = citynet_ego_measures_new(view, &focus, 1,
                                                          CITYNET_MODE_ALL, error);
  if (measures == NULL)
    return NULL;
  CliTable *table = cli_table_new("ego", "Ego-network measures of the focus node");
  guint c_measure = cli_table_add_column(table, "measure", "measure", CLI_COLUMN_STRING);
  guint c_value = cli_table_add_column(table, "value", "value", CLI_COLUMN_DOUBLE);
  for (int m = 0;; m++) {
    const char *name = citynet_ego_measure_name((CitynetEgoMeasure) m);
    if (name == NULL)
      break;
    cli_table_add_row(table);
    cli_table_set_string(table, c_measure, name);
    cli_table_set_double(table, c_value,
                         citynet_ego_measures_get(measures, 0, (CitynetEgoMeasure) m));
  }
  citynet_ego_measures_free(measures);
  return table;
}

/* ------------------------------------------------------------------------ */
/* Comparisons                                                              */
/* ------------------------------------------------------------------------ */

static char *
period_words(const char *from, const char *to)
{
  if (from != NULL && to != NULL)
    return g_strdup_printf("%s to %s", from, to);
  if (from != NULL)
    return g_strdup_printf("from %s", from);
  if (to != NULL)
    return g_strdup_printf("up to %s", to);
  return g_strdup("all dates");
}

/* One sentence on a comparison: the divergence, and the groups whose
 * difference the permutation test finds at the 5% level. */
static void
summarise(GString *out, const CliComparison *comparison, const char *what)
{
  CitynetTestResult jsd;
  citynet_alignment_jsd(comparison->alignment, &jsd);
  gsize entries, baseline_entries;
  citynet_alignment_totals(comparison->alignment, &entries, NULL, &baseline_entries, NULL);
  g_string_append_printf(out, "- Against %s (%zu ties): Jensen-Shannon divergence "
                         "%.3f", what, baseline_entries, jsd.observed);
  if (jsd.n > 0)
    g_string_append_printf(out, " (permutation p = %.3f)", jsd.p_greater);
  GString *differences = g_string_new(NULL);
  for (gsize c = 0; c < citynet_alignment_n_categories(comparison->alignment); c++) {
    const char *key;
    double share, baseline_share;
    CitynetTestResult difference;
    citynet_alignment_category(comparison->alignment, c, &key, NULL, NULL, &share,
                               &baseline_share, NULL, &difference);
    if (difference.n == 0 || !(difference.p_two_sided < 0.05))
      continue;
    g_string_append_printf(differences, "%s%s %.0f%% vs %.0f%% (p = %.3f)",
                           differences->len > 0 ? "; " : "",
                           *key != '\0' ? key : "none of these", 100 * share,
                           100 * baseline_share, difference.p_two_sided);
  }
  if (differences->len > 0)
    g_string_append_printf(out, "; shares that differ at the 5%% level: %s", differences->str);
  else if (jsd.n > 0)
    g_string_append(out, "; no group share differs at the 5% level");
  g_string_append(out, ".\n");
  g_string_free(differences, TRUE);
}

/* ------------------------------------------------------------------------ */
/* Provenance                                                               */
/* ------------------------------------------------------------------------ */

static char *
created_time(void)
{
  /* SOURCE_DATE_EPOCH (reproducible-builds.org) fixes the time stamp. */
  const char *epoch = g_getenv("SOURCE_DATE_EPOCH");
  guint64 seconds;
  GDateTime *time = epoch != NULL && g_ascii_string_to_unsigned(epoch, 10, 0, G_MAXINT64,
                                                                &seconds, NULL)
                        ? g_date_time_new_from_unix_utc((gint64) seconds)
                        : g_date_time_new_now_utc();
  char *text = g_date_time_format(time, "%Y-%m-%dT%H:%M:%SZ");
  g_date_time_unref(time);
  return text;
}

static gint
compare_names(gconstpointer a, gconstpointer b)
{
  return strcmp(*(const char *const *) a, *(const char *const *) b);
}

/* Every CSV file of the bundle: all the loader may read. */
static gboolean
write_inputs(CliJson *json, const char *bundle, GError **error)
{
  GDir *dir = g_dir_open(bundle, 0, NULL);
  GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
  const char *name;
  while (dir != NULL && (name = g_dir_read_name(dir)) != NULL)
    if (g_str_has_suffix(name, ".csv"))
      g_ptr_array_add(names, g_strdup(name));
  if (dir != NULL)
    g_dir_close(dir);
  g_ptr_array_sort(names, compare_names);
  cli_json_begin_array(json);
  gboolean ok = TRUE;
  for (guint i = 0; i < names->len && ok; i++) {
    char *path = g_build_filename(bundle, g_ptr_array_index(names, i), NULL);
    gint64 size;
    char *hex = sha256_file(path, &size, error);
    ok = hex != NULL;
    if (ok) {
      cli_json_begin_object_compact(json);
      cli_json_key(json, "file");
      cli_json_string(json, g_ptr_array_index(names, i));
      cli_json_key(json, "path");
      cli_json_string(json, path);
      cli_json_key(json, "bytes");
      cli_json_int(json, size);
      cli_json_key(json, "sha256");
      cli_json_string(json, hex);
      cli_json_end_object(json);
    }
    g_free(hex);
    g_free(path);
  }
  cli_json_end_array(json);
  g_ptr_array_unref(names);
  return ok;
}

static void
write_period(CliJson *json, const char *from, const char *to)
{
  cli_json_begin_object_compact(json);
  cli_json_key(json, "from");
  if (from != NULL)
    cli_json_string(json, from);
  else
    cli_json_null(json);
  cli_json_key(json, "to");
  if (to != NULL)
    cli_json_string(json, to);
  else
    cli_json_null(json);
  cli_json_end_object(json);
}

static gboolean
write_provenance(Writer *writer, GError **error)
{
  const CliReportSpec *spec = writer->spec;
  const CitynetNetwork *network = spec->network;
  GString *out = g_string_new(NULL);
  CliJson *json = cli_json_new(out, CLI_PRECISION_SHORTEST);
  char *created = created_time();
  gboolean ok = TRUE;

  cli_json_begin_object(json);
  cli_json_key(json, "schema");
  cli_json_string(json, "citynet.provenance/1");
  cli_json_key(json, "created");
  cli_json_string(json, created);
  cli_json_key(json, "command");
  cli_json_strv(json, (const char *const *) spec->argv);
  cli_json_key(json, "citynet_version");
  cli_json_string(json, CITYNET_VERSION_STRING);
  cli_json_key(json, "library_version");
  cli_json_string(json, citynet_version());
  cli_json_key(json, "bundle");
  cli_json_string(json, spec->bundle);
  cli_json_key(json, "inputs");
  ok = write_inputs(json, spec->bundle, error);

  cli_json_key(json, "options");
  cli_json_begin_object(json);
  cli_json_key(json, "focus");
  cli_json_string(json, citynet_network_node_id(network, spec->focus));
  cli_json_key(json, "period");
  write_period(json, spec->from, spec->to);
  cli_json_key(json, "compare");
  if (spec->compare_view != NULL)
    write_period(json, spec->compare_from, spec->compare_to);
  else
    cli_json_null(json);
  cli_json_key(json, "baseline");
  if (spec->baseline >= 0)
    cli_json_string(json, citynet_network_node_id(network, (gsize) spec->baseline));
  else
    cli_json_null(json);
  cli_json_key(json, "groups");
  cli_json_strv(json, (const char *const *) writer->groups);
  cli_json_key(json, "groups_given");
  cli_json_bool(json, spec->groups != NULL);
  cli_json_key(json, "permutations");
  cli_json_int(json, spec->permutations);
  cli_json_key(json, "precision");
  cli_json_int(json, spec->precision);
  cli_json_key(json, "view");
  cli_view_write_json(spec->view, spec->view_args, json);
  cli_json_end_object(json);

  cli_json_key(json, "seeds");
  cli_json_begin_object(json);
  cli_json_key(json, "layout");
  cli_json_int(json, (gint64) spec->seed);
  cli_json_key(json, "permutations");
  cli_json_int(json, (gint64) spec->seed);
  cli_json_end_object(json);

  cli_json_key(json, "files");
  cli_json_begin_array(json);
  for (guint i = 0; i < writer->files->len && ok; i++) {
    const char *relative = g_ptr_array_index(writer->files, i);
    char *path = g_build_filename(writer->dir, relative, NULL);
    gint64 size;
    char *hex = sha256_file(path, &size, error);
    ok = hex != NULL;
    if (ok) {
      cli_json_begin_object_compact(json);
      cli_json_key(json, "file");
      cli_json_string(json, relative);
      cli_json_key(json, "bytes");
      cli_json_int(json, size);
      cli_json_key(json, "sha256");
      cli_json_string(json, hex);
      cli_json_end_object(json);
    }
    g_free(hex);
    g_free(path);
  }
  cli_json_end_array(json);
  cli_json_end_object(json);
  cli_json_free(json);
  g_string_append_c(out, '\n');
  if (ok)
    ok = write_file(writer, "provenance.json", out->str, out->len, error);
  g_string_free(out, TRUE);
  g_free(created);
  return ok;
}

/* ------------------------------------------------------------------------ */
/* The report                                                               */
/* ------------------------------------------------------------------------ */

static const char html_head[] =
  "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
  "<title>%s</title>\n<style>\n"
  "body { font-family: sans-serif; max-width: 52em; margin: 2em auto; "
  "line-height: 1.45; color: #222; }\n"
  "table { border-collapse: collapse; margin: 1em 0; font-size: 90%%; }\n"
  "caption { text-align: left; font-weight: bold; padding-bottom: .3em; }\n"
  "th, td { padding: .15em .7em; border-bottom: 1px solid #ddd; }\n"
  "thead th { border-bottom: 1.5px solid #222; text-align: left; }\n"
  ".num { text-align: right; font-variant-numeric: tabular-nums; }\n"
  "figure { margin: 1.5em 0; } figure img { max-width: 100%%; }\n"
  "figcaption { font-size: 90%%; color: #444; }\n"
  ".files { font-size: 85%%; color: #555; }\n"
  "</style>\n</head>\n<body>\n";

static void
begin_reports(Writer *writer, const CitynetComposition *composition)
{
  const CliReportSpec *spec = writer->spec;
  char *period = period_words(spec->from, spec->to);
  char *title = g_strdup_printf("%s: city diplomacy report, %s", writer->focus_name, period);
  char *view = cli_view_describe(spec->view, spec->view_args);
  char *groups = g_strjoinv(", ", writer->groups);
  GString *intro = g_string_new(NULL);
  g_string_append_printf(intro,
                         "Bundle `%s`; focus `%s`; view: %s. Partner groups: %s "
                         "(%s). Seed %" G_GUINT64_FORMAT ", %u permutations. Made by "
                         "citynet %s (libcitynet %s); inputs, options and "
                         "checksums are in [provenance.json](provenance.json).",
                         spec->bundle,
                         citynet_network_node_id(spec->network, spec->focus), view,
                         *groups != '\0' ? groups : "none",
                         spec->groups != NULL ? "as given" : "chosen from the partners",
                         spec->seed, spec->permutations, CITYNET_VERSION_STRING,
                         citynet_version());
  g_string_append_printf(writer->md, "# %s\n\n%s\n\n## Summary\n\n", title, intro->str);
  g_string_append_printf(writer->md, "- %s has %zu ties with %zu partners in the "
                         "period (total weight %g).\n", writer->focus_name,
                         citynet_composition_total_ties(composition),
                         citynet_composition_total_partners(composition),
                         citynet_composition_total_weight(composition));

  char *t = html_escape(title);
  g_string_append_printf(writer->html, html_head, t);
  g_string_append_printf(writer->html, "<h1>%s</h1>\n", t);
  g_free(t);
  /* The intro's markdown has `code` and one link; say it plainly. */
  char *plain = g_strdup_printf("Bundle %s; focus %s; view: %s. Partner groups: %s "
                                "(%s). Seed %" G_GUINT64_FORMAT ", %u permutations. "
                                "Made by citynet %s (libcitynet %s).",
                                spec->bundle,
                                citynet_network_node_id(spec->network, spec->focus),
                                view, *groups != '\0' ? groups : "none",
                                spec->groups != NULL ? "as given" : "chosen from the partners",
                                spec->seed, spec->permutations,
                                CITYNET_VERSION_STRING, citynet_version());
  char *p = html_escape(plain);
  g_string_append_printf(writer->html, "<p>%s Inputs, options and checksums: "
                         "<a href=\"provenance.json\">provenance.json</a>.</p>\n", p);
  g_free(p);
  g_free(plain);
  g_string_free(intro, TRUE);
  g_free(groups);
  g_free(view);
  g_free(title);
  g_free(period);
}

/* The summary's markdown list, repeated as an HTML list. */
static void
summary_to_html(Writer *writer, const char *markdown)
{
  char **lines = g_strsplit(markdown, "\n", -1);
  g_string_append(writer->html, "<h2>Summary</h2>\n<ul>\n");
  for (guint i = 0; lines[i] != NULL; i++) {
    if (!g_str_has_prefix(lines[i], "- "))
      continue;
    char *item = html_escape(lines[i] + 2);
    g_string_append_printf(writer->html, "<li>%s</li>\n", item);
    g_free(item);
  }
  g_string_append(writer->html, "</ul>\n");
  g_strfreev(lines);
}

typedef struct {
  CliComparison baseline, compare;
  gboolean have_baseline, have_compare;
} Comparisons;

static gboolean
run_comparisons(Writer *writer, Comparisons *comparisons, GError **error)
{
  const CliReportSpec *spec = writer->spec;
  const char *const *groups = (const char *const *) writer->groups;
  if (spec->baseline >= 0) {
    char *period = period_words(spec->from, spec->to);
    char *label = g_strdup_printf("%s, %s",
                                  citynet_network_node_name(spec->network, (gsize) spec->baseline),
                                  period);
    comparisons->have_baseline = TRUE;
    gboolean ok = cli_comparison_init(&comparisons->baseline, spec->view, spec->focus,
                                      spec->view, (gsize) spec->baseline, label, groups,
                                      spec->permutations, spec->seed, error);
    g_free(label);
    g_free(period);
    if (!ok)
      return FALSE;
  }
  if (spec->compare_view != NULL) {
    char *period = period_words(spec->compare_from, spec->compare_to);
    char *label = g_strdup_printf("%s, %s", writer->focus_name, period);
    comparisons->have_compare = TRUE;
    gboolean ok = cli_comparison_init(&comparisons->compare, spec->view, spec->focus,
                                      spec->compare_view, spec->focus, label, groups,
                                      spec->permutations, spec->seed, error);
    g_free(label);
    g_free(period);
    if (!ok)
      return FALSE;
  }
  return TRUE;
}

static gboolean
add_figures(Writer *writer, const Comparisons *comparisons, GError **error)
{
  const CliReportSpec *spec = writer->spec;
  g_autoptr(CitynetFigureOptions) options = citynet_figure_options_new();
  citynet_figure_options_set_groups(options, (const char *const *) writer->groups);
  citynet_figure_options_set_seed(options, spec->seed);
  if (!add_figure(writer, "ego", "Ego network", spec->view, CITYNET_FIGURE_EGO, options, error) ||
      !add_figure(writer, "timeline", "Ties over time", spec->view, CITYNET_FIGURE_TIMELINE,
                  options, error) ||
      !add_figure(writer, "map", "Ties by place", spec->view, CITYNET_FIGURE_MAP, options,
                  error))
    return FALSE;
  const CliComparison *list[2] = {
    comparisons->have_baseline ? &comparisons->baseline : NULL,
    comparisons->have_compare ? &comparisons->compare : NULL,
  };
  const char *names[2] = { "composition-baseline", "composition-compare" };
  for (guint i = 0; i < 2; i++) {
    if (list[i] == NULL)
      continue;
    g_autoptr(CitynetFigureOptions) with = citynet_figure_options_copy(options);
    cli_comparison_apply(list[i], with);
    char *heading = g_strdup_printf("Partner groups against %s", list[i]->label);
    gboolean ok = add_figure(writer, names[i], heading, spec->view,
                             CITYNET_FIGURE_COMPOSITION, with, error);
    g_free(heading);
    if (!ok)
      return FALSE;
  }
  return TRUE;
}

static gboolean
add_tables(Writer *writer, const Comparisons *comparisons,
           const CitynetComposition *composition, GError **error)
{
  const CliReportSpec *spec = writer->spec;
  const char *comparison_note =
      "Shares of ties by partner group (groups overlap); difference = share - "
      "baseline share; null 2.5%/97.5%: the central 95% of the difference when "
      "the ties of both sides are pooled and reassigned at random "
      "(permutation test, sizes kept); p: two-sided permutation p-value.";
  const CliComparison *list[2] = {
    comparisons->have_baseline ? &comparisons->baseline : NULL,
    comparisons->have_compare ? &comparisons->compare : NULL,
  };
  const char *names[2] = { "comparison-baseline", "comparison-compare" };
  for (guint i = 0; i < 2; i++) {
    if (list[i] == NULL)
      continue;
    char *title = g_strdup_printf("%s against %s", writer->focus_name, list[i]->label);
    CliTable *table = cli_comparison_table(list[i], names[i], title);
    gboolean ok = add_table(writer, table, title, comparison_note, TRUE, error);
    cli_table_free(table);
    g_free(title);
    if (!ok)
      return FALSE;
  }
  CliTable *table = position_table(spec->view, spec->focus, error);
  gboolean ok = table != NULL &&
                add_table(writer, table, "Position in the network",
                          "Centralities of the focus node in the whole view "
                          "(docs/analytics.md); rank among all nodes, 1 = highest.",
                          TRUE, error);
  cli_table_free(table);
  if (!ok)
    return FALSE;
  table = ego_table(spec->view, spec->focus, error);
  ok = table != NULL &&
       add_table(writer, table, "Ego network",
                 "UCINET's ego-network measures (citynet_ego_measures_new() in "
                 "include/citynet/ego.h), ties in either direction.", TRUE, error);
  cli_table_free(table);
  if (!ok)
    return FALSE;
  table = cli_report_rows_table(composition, spec->network);
  ok = add_table(writer, table, "Composition of the ties",
                 "Ties by layer, partner country and partner-country group "
                 "(docs/composition.md).", TRUE, error);
  cli_table_free(table);
  if (!ok)
    return FALSE;
  table = cli_report_ties_table(spec->view, spec->focus);
  ok = add_table(writer, table, "The ties",
                 "Every tie of the focus node in the period, with its source "
                 "reference (not shown here: see the files).", FALSE, error);
  cli_table_free(table);
  return ok;
}

static void
end_reports(Writer *writer)
{
  /* The file list: everything written so far plus provenance.json. */
  g_string_append(writer->md, "## Files\n\n");
  g_string_append(writer->html, "<h2>Files</h2>\n<ul>\n");
  for (guint i = 0; i < writer->files->len; i++) {
    const char *file = g_ptr_array_index(writer->files, i);
    g_string_append_printf(writer->md, "- [%s](%s)\n", file, file);
    g_string_append_printf(writer->html, "<li><a href=\"%s\">%s</a></li>\n", file, file);
  }
  const char *own[] = { "report.md", "report.html", "provenance.json" };
  for (guint i = 0; i < G_N_ELEMENTS(own); i++) {
    g_string_append_printf(writer->md, "- [%s](%s)\n", own[i], own[i]);
    g_string_append_printf(writer->html, "<li><a href=\"%s\">%s</a></li>\n", own[i], own[i]);
  }
  g_string_append(writer->html, "</ul>\n</body>\n</html>\n");
}

/* Moves the finished temporary directory onto the target. */
static gboolean
install_directory(const char *temp, const char *output, gboolean force,
                  GError **error)
{
  char *old = NULL;
  if (g_file_test(output, G_FILE_TEST_IS_DIR)) {
    if (is_empty_dir(output))
      g_rmdir(output);
    else if (force) {
      /* Move the old report aside first: rename() cannot replace a
       * non-empty directory. */
      old = g_strdup_printf("%s.old-XXXXXX", output);
      if (g_mkdtemp(old) == NULL || g_rmdir(old) != 0 || g_rename(output, old) != 0) {
        int saved = errno;
        g_set_error(error, CLI_ERROR, CLI_ERROR_FAILED, "cannot move %s aside: %s",
                    output, g_strerror(saved));
        g_free(old);
        return FALSE;
      }
    }
  }
  if (g_rename(temp, output) != 0) {
    int saved = errno;
    g_set_error(error, CLI_ERROR, CLI_ERROR_FAILED, "cannot rename %s to %s: %s",
                temp, output, g_strerror(saved));
    if (old != NULL)
      g_rename(old, output);
    g_free(old);
    return FALSE;
  }
  if (old != NULL)
    remove_tree(old);
  g_free(old);
  return TRUE;
}

gboolean
cli_report_write_directory(const CliReportSpec *spec, GError **error)
{
  if (!cli_report_check_target(spec->output, spec->force, error))
    return FALSE;
  char *trimmed = g_strdup(spec->output);
  while (strlen(trimmed) > 1 && g_str_has_suffix(trimmed, "/"))
    trimmed[strlen(trimmed) - 1] = '\0';
  char *temp = g_strdup_printf("%s.tmp-XXXXXX", trimmed);
  if (g_mkdtemp(temp) == NULL) {
    int saved = errno;
    g_set_error(error, CLI_ERROR, CLI_ERROR_FAILED, "cannot create %s: %s", temp,
                g_strerror(saved));
    g_free(temp);
    g_free(trimmed);
    return FALSE;
  }
  Writer writer = { spec, temp, g_ptr_array_new_with_free_func(g_free),
                    g_string_new(NULL), g_string_new(NULL), 0, 0, NULL,
                    citynet_network_node_name(spec->network, spec->focus) };
  Comparisons comparisons = { 0 };
  CitynetComposition *composition = NULL;
  gboolean ok = FALSE;
  char *tables = g_build_filename(temp, "tables", NULL);
  char *figures = g_build_filename(temp, "figures", NULL);
  if (g_mkdir(tables, 0755) != 0 || g_mkdir(figures, 0755) != 0) {
    g_set_error(error, CLI_ERROR, CLI_ERROR_FAILED, "cannot create folders in %s", temp);
    goto out;
  }
  writer.groups = spec->groups != NULL
                      ? g_strdupv(spec->groups)
                      : citynet_figure_default_groups(spec->view, spec->focus, error);
  if (writer.groups == NULL)
    goto out;
  composition = citynet_composition_new(spec->view, spec->focus, error);
  if (composition == NULL || !run_comparisons(&writer, &comparisons, error))
    goto out;

  begin_reports(&writer, composition);
  if (comparisons.have_baseline)
    summarise(writer.md, &comparisons.baseline, comparisons.baseline.label);
  if (comparisons.have_compare)
    summarise(writer.md, &comparisons.compare, comparisons.compare.label);
  g_string_append_c(writer.md, '\n');
  summary_to_html(&writer, writer.md->str);
  if (!add_figures(&writer, &comparisons, error) ||
      !add_tables(&writer, &comparisons, composition, error))
    goto out;
  end_reports(&writer);
  ok = write_file(&writer, "report.md", writer.md->str, writer.md->len, error) &&
       write_file(&writer, "report.html", writer.html->str, writer.html->len, error) &&
       write_provenance(&writer, error) &&
       install_directory(temp, trimmed, spec->force, error);

out:
  if (!ok)
    remove_tree(temp);
  if (comparisons.have_baseline)
    cli_comparison_clear(&comparisons.baseline);
  if (comparisons.have_compare)
    cli_comparison_clear(&comparisons.compare);
  citynet_composition_free(composition);
  g_strfreev(writer.groups);
  g_ptr_array_unref(writer.files);
  g_string_free(writer.md, TRUE);
  g_string_free(writer.html, TRUE);
  g_free(tables);
  g_free(figures);
  g_free(temp);
  g_free(trimmed);
  return ok;
}
