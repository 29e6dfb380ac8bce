/* citynet figure BUNDLE --kind KIND --focus NODE -o FILE: a figure for a
 * paper (docs/figures.md). */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cli-figure.h"
#include "cli-view.h"

static char *kind_text, *focus_query, *baseline_query, *compare_text,
    *period_text, *groups_text, *seed_text, *width_text, *height_text,
    *font_text, *dpi_text, *title_text, *permutations_text;
static gboolean print_caption;

static const GOptionEntry figure_entries[] = {
  { "kind", 'k', 0, G_OPTION_ARG_FILENAME, &kind_text,
    "ego, composition, timeline or map", "KIND" },
  { "focus", 0, 0, G_OPTION_ARG_FILENAME, &focus_query,
    "The focus node: an id or a name", "NODE" },
  { "period", 0, 0, G_OPTION_ARG_FILENAME, &period_text,
    "The view's period FROM..TO (same as --from FROM --to TO)", "A..B" },
  { "baseline", 0, 0, G_OPTION_ARG_FILENAME, &baseline_query,
    "composition: compare with NODE's ties (in the same period, or in --compare)", "NODE" },
  { "compare", 0, 0, G_OPTION_ARG_FILENAME, &compare_text,
    "composition: compare with the period C..D (of the focus, or of --baseline)", "C..D" },
  { "groups", 0, 0, G_OPTION_ARG_FILENAME, &groups_text,
    "Country groups to colour and compare, in priority order (default: chosen from the partners)", "G1,G2" },
  { "permutations", 0, 0, G_OPTION_ARG_FILENAME, &permutations_text,
    "composition: permutations of the interval (default 1000, 0 for none)", "N" },
  { "seed", 0, 0, G_OPTION_ARG_FILENAME, &seed_text,
    "Seed of the ego layout and of the permutations (default 1)", "S" },
  { "width", 0, 0, G_OPTION_ARG_FILENAME, &width_text,
    "Width in points (default: by kind, 396-504)", "PT" },
  { "height", 0, 0, G_OPTION_ARG_FILENAME, &height_text,
    "Height in points (default: by kind)", "PT" },
  { "font-size", 0, 0, G_OPTION_ARG_FILENAME, &font_text,
    "Base text size in points, 5-14 (default 8)", "PT" },
  { "dpi", 0, 0, G_OPTION_ARG_FILENAME, &dpi_text,
    "Resolution of PNG output (default 300)", "DPI" },
  { "title", 0, 0, G_OPTION_ARG_FILENAME, &title_text,
    "The title (default: automatic; \"\" for none)", "TEXT" },
  { "caption", 0, 0, G_OPTION_ARG_NONE, &print_caption,
    "Print a caption for the figure on standard output", NULL },
  { NULL }
};

static void
clear_arguments(void)
{
  char **all[] = { &kind_text, &focus_query, &baseline_query, &compare_text,
                   &period_text, &groups_text, &seed_text, &width_text,
                   &height_text, &font_text, &dpi_text, &title_text,
                   &permutations_text };
  for (guint i = 0; i < G_N_ELEMENTS(all); i++)
    g_clear_pointer(all[i], g_free);
  print_caption = FALSE;
}

static gboolean
parse_number(const char *option, const char *text, double *out, GError **error)
{
  char *end = NULL;
  errno = 0;
  double value = g_ascii_strtod(text, &end);
  if (text[0] == '\0' || *end != '\0' || errno != 0) {
    g_set_error(error, CLI_ERROR, CLI_ERROR_USAGE, "%s: not a number: '%s'",
                option, text);
    return FALSE;
  }
  *out = value;
  return TRUE;
}

static gboolean
parse_unsigned(const char *option, const char *text, guint64 max,
               guint64 *out, GError **error)
{
  if (!g_ascii_string_to_unsigned(text, 10, 0, max, out, NULL)) {
    g_set_error(error, CLI_ERROR, CLI_ERROR_USAGE,
                "%s: expected an integer from 0 to %" G_GUINT64_FORMAT ", not '%s'",
                option, max, text);
    return FALSE;
  }
  return TRUE;
}

/* Library argument errors about option values are usage errors. */
static gboolean
as_usage(gboolean ok, const char *option, GError **cause, GError **error)
{
  /* @cause by reference: C leaves the order in which arguments are
   * evaluated open, so the callee's error is read only in here. */
  if (ok)
    return TRUE;
  g_set_error(error, CLI_ERROR, CLI_ERROR_USAGE, "%s: %s", option, (*cause)->message);
  g_clear_error(cause);
  return FALSE;
}

static CitynetFigureOptions *
build_figure_options(guint64 *seed, GError **error)
{
  CitynetFigureOptions *options = citynet_figure_options_new();
  GError *cause = NULL;
  double width = 0, height = 0, value;
  if ((width_text != NULL && !parse_number("--width", width_text, &width, error)) ||
      (height_text != NULL && !parse_number("--height", height_text, &height, error)) ||
      !as_usage(citynet_figure_options_set_size(options, width, height, &cause),
                "--width/--height", &cause, error))
    goto fail;
  if (font_text != NULL &&
      (!parse_number("--font-size", font_text, &value, error) ||
       !as_usage(citynet_figure_options_set_font_size(options, value, &cause),
                 "--font-size", &cause, error)))
    goto fail;
  if (dpi_text != NULL &&
      (!parse_number("--dpi", dpi_text, &value, error) ||
       !as_usage(citynet_figure_options_set_dpi(options, value, &cause), "--dpi",
                 &cause, error)))
    goto fail;
  *seed = 1;
  if (seed_text != NULL && !parse_unsigned("--seed", seed_text, G_MAXUINT64, seed, error))
    goto fail;
  citynet_figure_options_set_seed(options, *seed);
  if (title_text != NULL) {
    if (!cli_check_utf8("--title", title_text, error))
      goto fail;
    citynet_figure_options_set_title(options, title_text);
  }
  if (groups_text != NULL) {
    if (!cli_check_utf8("--groups", groups_text, error))
      goto fail;
    char **groups = cli_split_groups(groups_text);
    citynet_figure_options_set_groups(options, (const char *const *) groups);
    g_strfreev(groups);
  }
  return options;
fail:
  citynet_figure_options_free(options);
  return NULL;
}

/* The view options with --period applied (it stands for --from/--to). */
static CitynetViewOptions *
focus_view_options(const CliViewArgs *args, GError **error)
{
  if (period_text != NULL && (args->at != NULL || args->from != NULL || args->to != NULL)) {
    g_set_error_literal(error, CLI_ERROR, CLI_ERROR_USAGE,
                        "--period cannot be combined with --at, --from or --to");
    return NULL;
  }
  CitynetViewOptions *options = cli_view_args_build(args, error);
  if (options == NULL || period_text == NULL)
    return options;
  char *from, *to;
  CitynetViewOptions *with = NULL;
  if (cli_parse_period("--period", period_text, &from, &to, error))
    with = cli_view_options_with_period(options, "--period", from, to, error);
  g_free(from);
  g_free(to);
  citynet_view_options_free(options);
  return with;
}

typedef struct {
  CitynetFigureKind kind;
  CitynetNetwork *network;
  CitynetView *view;
  gsize focus;
  CitynetView *baseline_view;
  gssize baseline;
  char *baseline_label;
} FigureJob;

static void
figure_job_clear(FigureJob *job)
{
  citynet_view_unref(job->baseline_view);
  citynet_view_unref(job->view);
  citynet_network_unref(job->network);
  g_free(job->baseline_label);
}

/* The baseline of a composition figure: --baseline in the same view,
 * --compare for the focus in another period, or both. */
static gboolean
open_baseline(FigureJob *job, const CitynetViewOptions *view_options,
              GError **error)
{
  if (baseline_query == NULL && compare_text == NULL) {
    g_set_error_literal(error, CLI_ERROR, CLI_ERROR_USAGE,
                        "--kind composition needs --baseline NODE and/or "
                        "--compare C..D");
    return FALSE;
  }
  job->baseline = (gssize) job->focus;
  if (baseline_query != NULL &&
      (!cli_check_utf8("--baseline", baseline_query, error) ||
       (job->baseline = citynet_network_find_node(job->network, baseline_query,
                                                  error)) < 0))
    return FALSE;
  if (compare_text == NULL) {
    job->baseline_view = citynet_view_ref(job->view);
    return TRUE;
  }
  char *from, *to;
  CitynetViewOptions *options = NULL;
  if (cli_parse_period("--compare", compare_text, &from, &to, error))
    options = cli_view_options_with_period(view_options, "--compare", from, to, error);
  g_free(from);
  g_free(to);
  if (options == NULL)
    return FALSE;
  job->baseline_view = citynet_view_new(job->network, options, error);
  citynet_view_options_free(options);
  return job->baseline_view != NULL;
}

static int
run(int argc, char **argv)
{
  CliContext *context = cli_context_new(&cli_command_figure, figure_entries,
                                        CLI_OUTPUT_FILE | CLI_OUTPUT_VIEW,
                                        "The format follows the extension of -o: .svg, .pdf or .png.\n"
                                        "composition compares the focus with --baseline NODE (same period)\n"
                                        "or with itself in --compare C..D, with permutation intervals.\n"
                                        "See docs/figures.md.");
  GError *error = NULL;
  int status = CLI_EXIT_OK;
  FigureJob job = { 0 };
  CitynetViewOptions *view_options = NULL;
  CitynetFigureOptions *options = NULL;
  CitynetFigure *figure = NULL;
  CliComparison comparison = { 0 };
  guint64 seed = 1, permutations = 1000;

  if (!cli_context_parse(context, &argc, &argv, &status))
    goto out;
  if (!cli_require_bundle(argc, argv, &error))
    goto fail;
  if (kind_text == NULL) {
    g_set_error_literal(&error, CLI_ERROR, CLI_ERROR_USAGE,
                        "missing --kind ego|composition|timeline|map");
    goto fail;
  }
  GError *cause = NULL;
  if (!as_usage(citynet_figure_kind_from_string(kind_text, &job.kind, &cause),
                "--kind", &cause, &error))
    goto fail;
  if (focus_query == NULL || *focus_query == '\0') {
    g_set_error_literal(&error, CLI_ERROR, CLI_ERROR_USAGE, "missing --focus NODE");
    goto fail;
  }
  if (context->output.output == NULL) {
    g_set_error_literal(&error, CLI_ERROR, CLI_ERROR_USAGE,
                        "missing -o FILE (.svg, .pdf or .png)");
    goto fail;
  }
  {
    /* A file name the library cannot take a format from is a typo on
     * the command line, not a failure of the figure. */
    const char *dot = strrchr(context->output.output, '.');
    if (dot == NULL || (g_ascii_strcasecmp(dot, ".svg") != 0 &&
                        g_ascii_strcasecmp(dot, ".pdf") != 0 &&
                        g_ascii_strcasecmp(dot, ".png") != 0)) {
      g_set_error(&error, CLI_ERROR, CLI_ERROR_USAGE,
                  "-o %s: use a .svg, .pdf or .png file name",
                  context->output.output);
      goto fail;
    }
  }
  if (!cli_check_utf8("--focus", focus_query, &error) ||
      (permutations_text != NULL &&
       !parse_unsigned("--permutations", permutations_text, 1000000, &permutations, &error)) ||
      (options = build_figure_options(&seed, &error)) == NULL ||
      (view_options = focus_view_options(&context->view, &error)) == NULL)
    goto fail;
  if (job.kind != CITYNET_FIGURE_COMPOSITION && (baseline_query != NULL || compare_text != NULL)) {
    g_set_error_literal(&error, CLI_ERROR, CLI_ERROR_USAGE,
                        "--baseline and --compare apply to --kind composition");
    goto fail;
  }

  job.network = citynet_bundle_load(argv[1], &error);
  if (job.network == NULL)
    goto fail;
  gssize focus = citynet_network_find_node(job.network, focus_query, &error);
  if (focus < 0)
    goto fail;
  job.focus = (gsize) focus;
  job.view = citynet_view_new(job.network, view_options, &error);
  if (job.view == NULL)
    goto fail;
  if (job.kind == CITYNET_FIGURE_COMPOSITION) {
    char **groups = cli_split_groups(groups_text);
    gboolean ok = open_baseline(&job, view_options, &error) &&
                  cli_comparison_init(&comparison, job.view, job.focus,
                                      job.baseline_view, (gsize) job.baseline,
                                      NULL, (const char *const *) groups,
                                      (guint) permutations, seed, &error);
    g_strfreev(groups);
    if (!ok)
      goto fail;
    cli_comparison_apply(&comparison, options);
  }
  figure = citynet_figure_render(job.view, job.focus, job.kind, options,
                                 CITYNET_FIGURE_FORMAT_AUTO, context->output.output,
                                 &error);
  if (figure == NULL)
    goto fail;
  if (print_caption) {
    GString *text = g_string_new(citynet_figure_get_caption(figure));
    g_string_append_c(text, '\n');
    gboolean ok = cli_output_write(NULL, text, &error);
    g_string_free(text, TRUE);
    if (!ok)
      goto fail;
  }
  goto out;

fail:
  status = cli_report_error(context->command, error);
out:
  citynet_figure_free(figure);
  if (comparison.alignment != NULL || comparison.view != NULL)
    cli_comparison_clear(&comparison);
  figure_job_clear(&job);
  citynet_figure_options_free(options);
  citynet_view_options_free(view_options);
  cli_context_free(context);
  clear_arguments();
  return status;
}

const CliCommand cli_command_figure = {
  "figure", "BUNDLE --kind KIND --focus NODE -o FILE",
  "Draw a figure: ego network, composition bars, timeline or map", run
};
