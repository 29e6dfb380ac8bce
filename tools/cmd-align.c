/* citynet align BUNDLE --focus NODE --baseline ...: the alignment profile
 * of a node (or of its other period) against a baseline alone
 * (docs/alignment.md).
 *
 * Tables: profile (per category: shares, difference, ratio, interval,
 * p-value), summary (JSD, Blau, tie-level E-I, affinity), affinity (with
 * an affinity attribute). Every number comes from the library. */
#include <math.h>
#include <string.h>

#include "cli-alignment.h"
#include "cli-view.h"

static const char *const align_formats[] = { "text", "csv", "json", "markdown", NULL };

static struct {
  char *focus;
  CliAlignArgs align;
} args;

static void
args_clear(void)
{
  g_free(args.focus);
  cli_align_args_clear(&args.align);
  memset(&args, 0, sizeof args);
}

static GArray *
align_entries(void)
{
  GArray *entries = g_array_new(FALSE, FALSE, sizeof(GOptionEntry));
  const GOptionEntry focus = {
    "focus", 0, 0, G_OPTION_ARG_FILENAME, &args.focus,
    "The focus node: an id or a name (\"istanbul\", \"İstanbul\")", "NODE"
  };
  g_array_append_val(entries, focus);
  cli_align_entries(entries, &args.align, TRUE);
  GOptionEntry end = { NULL };
  g_array_append_val(entries, end);
  return entries;
}

typedef struct {
  const char *bundle;
  const CliViewArgs *view_args;
  CitynetNetwork *network;
  gsize focus;
  CitynetViewOptions *view_options;
  CitynetView *view;
  CitynetAlignmentOptions *options;
  CliAlignSettings settings;
  char **groups;
  CliUnVotes votes;
  CliBaseline baseline;
  CitynetAlignment *alignment;
  GPtrArray *tables;
  CliFormat format;
  int precision;
} Run;

static void
run_clear(Run *run)
{
  citynet_alignment_free(run->alignment);
  cli_baseline_clear(&run->baseline);
  cli_unvotes_clear(&run->votes);
  citynet_view_unref(run->view);
  citynet_view_options_free(run->view_options);
  citynet_alignment_options_free(run->options);
  citynet_network_unref(run->network);
  g_strfreev(run->groups);
  if (run->tables != NULL)
    g_ptr_array_unref(run->tables);
}

static gboolean
compute(Run *run, GError **error)
{
  run->network = citynet_bundle_load(run->bundle, error);
  if (run->network == NULL || !cli_align_check_groups(&args.align, run->network, error))
    return FALSE;
  gssize focus = citynet_network_find_node(run->network, args.focus, error);
  if (focus < 0)
    return FALSE;
  run->focus = (gsize) focus;
  const char *affinity;
  if (!cli_unvotes_apply(&args.align, run->network,
                         citynet_network_node_country(run->network, run->focus), &run->votes,
                         error) ||
      !cli_affinity_key(&args.align, &run->votes, run->network, &affinity, error))
    return FALSE;
  citynet_alignment_options_set_affinity(run->options, affinity);
  run->groups = cli_align_groups(&args.align, run->network);
  run->view = citynet_view_new(run->network, run->view_options, error);
  if (run->view == NULL ||
      !cli_baseline_resolve(&args.align, run->view, run->view_options, run->focus,
                            &run->baseline, error))
    return FALSE;
  run->alignment = citynet_alignment_new(run->view, &run->focus, 1, run->baseline.view,
                                         (const gsize *) (const void *) run->baseline.nodes->data,
                                         run->baseline.nodes->len, run->options, error);
  if (run->alignment == NULL)
    return FALSE;

  run->tables = g_ptr_array_new_with_free_func((GDestroyNotify) cli_table_free);
  g_ptr_array_add(run->tables,
                  cli_profile_table("profile",
                                    run->settings.by == CITYNET_DIMENSION_GROUP
                                        ? "Profile by partner-country group"
                                        : "Profile by partner country",
                                    run->alignment, run->network));
  CliTable *summary = cli_summary_table_new("summary", "Focus vs baseline");
  cli_summary_table_add(summary, run->alignment, TRUE);
  g_ptr_array_add(run->tables, summary);
  if (citynet_alignment_has_affinity(run->alignment))
    g_ptr_array_add(run->tables, cli_affinity_table("affinity", "Partner affinity",
                                                    run->alignment));
  if (run->votes.agreement != NULL) {
    g_ptr_array_add(run->tables, cli_unvotes_table(&run->votes, run->network));
    g_ptr_array_add(run->tables, cli_unvotes_unmapped_table(&run->votes));
  }
  return TRUE;
}

static void
render_json(gconstpointer data, GString *out)
{
  const Run *run = data;
  char buffer[CITYNET_DATE_STRING_SIZE];
  CliJson *json = cli_json_new(out, run->precision);
  cli_json_begin_object(json);
  cli_json_key(json, "schema");
  cli_json_string(json, "citynet.align/1");
  cli_json_key(json, "bundle");
  cli_json_string(json, run->bundle);
  cli_json_key(json, "focus");
  cli_json_begin_object(json);
  cli_json_key(json, "id");
  cli_json_string(json, citynet_network_node_id(run->network, run->focus));
  cli_json_key(json, "name");
  cli_json_string(json, citynet_network_node_name(run->network, run->focus));
  cli_json_key(json, "country");
  cli_json_string(json, citynet_network_node_country(run->network, run->focus));
  cli_json_end_object(json);
  cli_json_key(json, "view");
  cli_view_write_json(run->view, run->view_args, json);
  cli_json_key(json, "options");
  cli_alignment_write_options_json(&run->settings, &args.align,
                                   (const char *const *) run->groups, json);
  cli_json_key(json, "baseline");
  cli_json_begin_object(json);
  cli_json_key(json, "description");
  cli_json_string(json, run->baseline.description);
  cli_json_key(json, "nodes");
  cli_json_begin_array_compact(json);
  for (guint i = 0; i < run->baseline.nodes->len; i++)
    cli_json_string(json, citynet_network_node_id(run->network,
                                                  g_array_index(run->baseline.nodes, gsize, i)));
  cli_json_end_array(json);
  CitynetDate from, to;
  citynet_view_get_period(run->baseline.view, &from, &to);
  cli_json_key(json, "from");
  cli_json_string(json, cli_format_date(from, buffer));
  cli_json_key(json, "to");
  cli_json_string(json, cli_format_date(to, buffer));
  cli_json_end_object(json);
  gsize entries, baseline_entries;
  double units, baseline_units;
  citynet_alignment_totals(run->alignment, &entries, &units, &baseline_entries,
                           &baseline_units);
  cli_json_key(json, "totals");
  cli_json_begin_object(json);
  cli_json_key(json, "entries");
  cli_json_int(json, (gint64) entries);
  cli_json_key(json, "units");
  cli_json_double(json, units);
  cli_json_key(json, "baseline_entries");
  cli_json_int(json, (gint64) baseline_entries);
  cli_json_key(json, "baseline_units");
  cli_json_double(json, baseline_units);
  cli_json_end_object(json);
  for (guint i = 0; i < run->tables->len; i++) {
    const CliTable *table = g_ptr_array_index(run->tables, i);
    cli_json_key(json, cli_table_get_name(table));
    cli_table_write_json(table, json);
  }
  cli_json_end_object(json);
  cli_json_free(json);
}

static void
render_header(gconstpointer data, GString *out)
{
  const Run *run = data;
  const char *prefix = run->format == CLI_FORMAT_MARKDOWN ? "## " : "";
  const char *gap = run->format == CLI_FORMAT_MARKDOWN ? "\n\n" : "\n";
  g_string_append_printf(out, "%sFocus: %s (%s)%s", prefix,
                         citynet_network_node_name(run->network, run->focus),
                         citynet_network_node_id(run->network, run->focus), gap);
  char *description = cli_view_describe(run->view, run->view_args);
  g_string_append_printf(out, "View: %s%s", description, gap);
  g_free(description);
  g_string_append_printf(out, "Baseline: %s%s", run->baseline.description, gap);
  gsize entries, baseline_entries;
  double units, baseline_units;
  char a[CLI_NUMBER_SIZE], b[CLI_NUMBER_SIZE];
  citynet_alignment_totals(run->alignment, &entries, &units, &baseline_entries,
                           &baseline_units);
  g_string_append_printf(out, "Entries: focus %" G_GSIZE_FORMAT " (%s %s), baseline %"
                         G_GSIZE_FORMAT " (%s %s)%s", entries,
                         cli_format_double(a, units, run->precision),
                         run->settings.unit == CITYNET_UNIT_WEIGHT ? "weight" : "ties",
                         baseline_entries, cli_format_double(b, baseline_units, run->precision),
                         run->settings.unit == CITYNET_UNIT_WEIGHT ? "weight" : "ties", gap);
  g_string_append_printf(out, "Tests: %u permutations, seed %" G_GUINT64_FORMAT
                         ", %s intervals at %g%%\n\n",
                         run->settings.permutations, run->settings.seed,
                         run->settings.interval == CITYNET_INTERVAL_BOOTSTRAP ? "bootstrap"
                                                                               : "permutation",
                         100.0 * run->settings.level);
}

static gboolean
check_args(GError **error)
{
  if (args.focus == NULL || *args.focus == '\0') {
    g_set_error_literal(error, CLI_ERROR, CLI_ERROR_USAGE, "missing --focus NODE");
    return FALSE;
  }
  if (!cli_baseline_requested(&args.align)) {
    g_set_error_literal(error, CLI_ERROR, CLI_ERROR_USAGE,
                        "missing baseline: --baseline NODE, --baseline-country ISO3 "
                        "or --baseline-from/--baseline-to");
    return FALSE;
  }
  return cli_check_utf8("--focus", args.focus, error);
}

static int
run_align(int argc, char **argv)
{
  GArray *entries = align_entries();
  CliContext *context = cli_context_new(&cli_command_align,
                                        (const GOptionEntry *) (void *) entries->data,
                                        CLI_OUTPUT_FORMAT | CLI_OUTPUT_PRECISION |
                                        CLI_OUTPUT_TABLE | CLI_OUTPUT_FILE | CLI_OUTPUT_VIEW,
                                        "Tables: profile, summary, affinity (with --affinity "
                                        "or --unvotes), un_agreement,\nun_unmapped (with "
                                        "--unvotes). See docs/alignment.md.");
  GError *error = NULL;
  int status = CLI_EXIT_OK;
  Run run = { 0 };
  if (!cli_context_parse(context, &argc, &argv, &status))
    goto out;
  if (!cli_require_bundle(argc, argv, &error) || !check_args(&error) ||
      !cli_output_args_check(&context->output, align_formats, &run.format, &run.precision,
                             &error) ||
      (run.view_options = cli_view_args_build(&context->view, &error)) == NULL ||
      (run.options = cli_align_options_build(&args.align, &run.settings, &error)) == NULL)
    goto fail;
  run.bundle = argv[1];
  run.view_args = &context->view;
  if (!compute(&run, &error))
    goto fail;
  if (!cli_output_emit(&context->output, run.format, run.precision, run.tables,
                       render_json, render_header, &run, &error))
    goto fail;
  goto out;

fail:
  status = cli_report_error(context->command, error);
out:
  run_clear(&run);
  cli_context_free(context);
  g_array_unref(entries);
  args_clear();
  return status;
}

const CliCommand cli_command_align = {
  "align", "BUNDLE --focus NODE --baseline NODE",
  "Compare a node's partner countries or groups with a baseline's", run_align
};
