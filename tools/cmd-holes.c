/* citynet holes BUNDLE: Burt's structural holes per node.
 *
 * One row per node and measure (id, name, measure, value, rank), like
 * citynet centrality; every number from citynet_structural_holes(). See
 * docs/ego.md. */
#include <string.h>

#include "cli-scores.h"
#include "cli-view.h"

static const char *const holes_formats[] = {
  "text", "csv", "json", "markdown", NULL
};

static struct {
  char *model;
  char **measures;
  gboolean unweighted;
  char *top;
  char **focus;
} args;

static const GOptionEntry holes_entries[] = {
  { "model", 0, 0, G_OPTION_ARG_FILENAME, &args.model,
    "whole (default): proportions over all of a contact's ties; ego: only "
    "its ties inside the node's ego network", "MODEL" },
  { "measure", 'm', 0, G_OPTION_ARG_FILENAME_ARRAY, &args.measures,
    "Measures (comma-separated, repeatable): effective_size, efficiency, "
    "constraint, hierarchy (default: all four)", "M1,M2" },
  { "unweighted", 0, 0, G_OPTION_ARG_NONE, &args.unweighted,
    "Ignore tie weights (1 per direction of each tie)", NULL },
  { "top", 0, 0, G_OPTION_ARG_FILENAME, &args.top,
    "Only nodes ranked N or better (ties included)", "N" },
  { "focus", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &args.focus,
    "Always show this node (an id or a name; repeatable)", "NODE" },
  { NULL }
};

static void
args_clear(void)
{
  g_free(args.model);
  g_strfreev(args.measures);
  g_free(args.top);
  g_strfreev(args.focus);
  memset(&args, 0, sizeof args);
}

static gboolean
usage(const char *option, GError *cause, GError **error)
{
  g_set_error(error, CLI_ERROR, CLI_ERROR_USAGE, "%s: %s", option, cause->message);
  g_error_free(cause);
  return FALSE;
}

/* Which measures to print, in enum order (each at most once). */
static gboolean
parse_measures(gboolean wanted[CITYNET_HOLES_MEASURE_COUNT], GError **error)
{
  char **names = cli_view_args_split(args.measures);
  GError *cause = NULL;
  for (int m = 0; m < CITYNET_HOLES_MEASURE_COUNT; m++)
    wanted[m] = names == NULL;
  for (gsize i = 0; names != NULL && names[i] != NULL; i++) {
    CitynetHolesMeasure measure;
    if (!citynet_holes_measure_from_string(names[i], &measure, &cause)) {
      g_strfreev(names);
      return usage("--measure", cause, error);
    }
    wanted[measure] = TRUE;
  }
  g_strfreev(names);
  return TRUE;
}

static void
render_json(const char *bundle, CitynetView *view, const CliViewArgs *view_args,
            CitynetHolesModel model, const GArray *focus, const CliTable *table,
            int precision, GString *out)
{
  CliJson *json = cli_json_new(out, precision);
  cli_json_begin_object(json);
  cli_json_key(json, "schema");
  cli_json_string(json, "citynet.holes/1");
  cli_json_key(json, "bundle");
  cli_json_string(json, bundle);
  cli_json_key(json, "view");
  cli_view_write_json(view, view_args, json);
  cli_write_scores_json_meta(view, focus, json);
  cli_json_key(json, "options");
  cli_json_begin_object(json);
  cli_json_key(json, "model");
  cli_json_string(json, model == CITYNET_HOLES_EGO ? "ego" : "whole");
  cli_json_key(json, "weighted");
  cli_json_bool(json, !args.unweighted);
  cli_json_end_object(json);
  cli_json_key(json, "rows");
  cli_table_write_json(table, json);
  cli_json_end_object(json);
  cli_json_free(json);
}

static void
render_header(const char *bundle, CitynetView *view, const CliViewArgs *view_args,
              CitynetHolesModel model, CliFormat format, GString *out)
{
  char *description = cli_view_describe(view, view_args);
  const char *prefix = format == CLI_FORMAT_MARKDOWN ? "## " : "";
  const char *gap = format == CLI_FORMAT_MARKDOWN ? "\n\n" : "\n";
  g_string_append_printf(out, "%sStructural holes: %s%s", prefix, bundle, gap);
  g_string_append_printf(out, "View: %s; %zu nodes, %zu edges%s", description,
                         citynet_view_n_vertices(view), citynet_view_n_edges(view),
                         gap);
  g_string_append_printf(out, "Options: %s model; %s\n\n",
                         model == CITYNET_HOLES_EGO ? "ego-network" : "whole-network",
                         args.unweighted ? "unweighted" : "tie weights");
  g_free(description);
}

static int
run_holes(int argc, char **argv)
{
  CliContext *context = cli_context_new(&cli_command_holes, holes_entries,
                                        CLI_OUTPUT_FORMAT | CLI_OUTPUT_PRECISION |
                                        CLI_OUTPUT_FILE | CLI_OUTPUT_VIEW,
                                        "Burt (1992): effective size, efficiency, constraint and\n"
                                        "hierarchy. Ranks: 1 is the highest value (for constraint the\n"
                                        "most constrained node); undefined values (isolates; hierarchy\n"
                                        "with one contact) are empty and rank last. See docs/ego.md.");
  GError *error = NULL, *cause = NULL;
  int status = CLI_EXIT_OK;
  CitynetViewOptions *view_options = NULL;
  CitynetView *view = NULL;
  GArray *focus = NULL;
  GPtrArray *scores = g_ptr_array_new_with_free_func((GDestroyNotify) citynet_scores_free);
  CliTable *table = NULL;
  GString *text = NULL;
  CliFormat format;
  int precision;
  gsize top = 0;
  CitynetHolesModel model = CITYNET_HOLES_WHOLE;
  gboolean wanted[CITYNET_HOLES_MEASURE_COUNT];
  CitynetScores *all[CITYNET_HOLES_MEASURE_COUNT];

  if (!cli_context_parse(context, &argc, &argv, &status))
    goto out;
  if (!cli_require_bundle(argc, argv, &error) ||
      !cli_output_args_check(&context->output, holes_formats, &format, &precision,
                             &error) ||
      (view_options = cli_view_args_build(&context->view, &error)) == NULL ||
      !parse_measures(wanted, &error) || !cli_parse_top(args.top, &top, &error))
    goto fail;
  if (args.model != NULL && !citynet_holes_model_from_string(args.model, &model, &cause)) {
    usage("--model", cause, &error);
    goto fail;
  }
  if ((view = cli_open_view(argv[1], view_options, &error)) == NULL ||
      (focus = cli_resolve_nodes(view, args.focus, "--focus", &error)) == NULL ||
      !citynet_structural_holes(view, model, !args.unweighted, all, &error))
    goto fail;
  for (int m = 0; m < CITYNET_HOLES_MEASURE_COUNT; m++) {
    if (wanted[m])
      g_ptr_array_add(scores, all[m]);
    else
      citynet_scores_free(all[m]);
  }
  table = cli_scores_table(scores, cli_rows_top(top, focus),
                           (const gsize *) focus->data, focus->len);

  text = g_string_new(NULL);
  if (format == CLI_FORMAT_JSON) {
    render_json(argv[1], view, &context->view, model, focus, table, precision, text);
  } else {
    if (cli_format_has_header(format))
      render_header(argv[1], view, &context->view, model, format, text);
    cli_table_render(table, format, precision, text);
  }
  if (!cli_output_write(context->output.output, text, &error))
    goto fail;
  goto out;

fail:
  status = cli_report_error(context->command, error);
out:
  if (text != NULL)
    g_string_free(text, TRUE);
  cli_table_free(table);
  g_ptr_array_unref(scores);
  if (focus != NULL)
    g_array_unref(focus);
  citynet_view_unref(view);
  citynet_view_options_free(view_options);
  cli_context_free(context);
  args_clear();
  return status;
}

const CliCommand cli_command_holes = {
  "holes", "BUNDLE",
  "Burt's structural holes per node: effective size, constraint, ...",
  run_holes
};
