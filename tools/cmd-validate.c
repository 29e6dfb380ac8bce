/* citynet validate BUNDLE: list every problem of a bundle. */
#include <stdio.h>

#include "cli-options.h"

static const char *const validate_formats[] = {
  "text", "json", "csv", "markdown", NULL
};

/* "file:line:col: message" with the parts that are known; problems about
 * the bundle as a whole are located at the bundle's path. */
static char *
problem_line(const char *bundle, const char *file, guint line, guint column,
             const char *message)
{
  GString *text = g_string_new(file != NULL ? file : bundle);
  if (line > 0)
    g_string_append_printf(text, ":%u", line);
  if (line > 0 && column > 0)
    g_string_append_printf(text, ":%u", column);
  g_string_append_printf(text, ": %s", message);
  return g_string_free(text, FALSE);
}

static CliTable *
problems_table(const CitynetProblems *problems)
{
  CliTable *table = cli_table_new("problems", "Problems");
  guint c_file = cli_table_add_column(table, "file", "file", CLI_COLUMN_STRING);
  guint c_line = cli_table_add_column(table, "line", "line", CLI_COLUMN_INT);
  guint c_column = cli_table_add_column(table, "column", "column", CLI_COLUMN_INT);
  guint c_message = cli_table_add_column(table, "message", "message", CLI_COLUMN_STRING);
  for (gsize i = 0; i < citynet_problems_count(problems); i++) {
    const char *file;
    guint line, column;
    const char *message = citynet_problems_get(problems, i, &file, &line, &column);
    cli_table_add_row(table);
    cli_table_set_string(table, c_file, file);
    if (line > 0)
      cli_table_set_int(table, c_line, line);
    if (column > 0)
      cli_table_set_int(table, c_column, column);
    cli_table_set_string(table, c_message, message);
  }
  return table;
}

static void
render_text(const char *bundle, const CitynetProblems *problems,
            const CitynetNetwork *network, GString *out)
{
  if (network != NULL) {
    g_string_append_printf(out, "%s: ok (%zu nodes, %zu ties, %zu countries)\n",
                           bundle, citynet_network_n_nodes(network),
                           citynet_network_n_ties(network),
                           citynet_network_n_countries(network));
    return;
  }
  for (gsize i = 0; i < citynet_problems_count(problems); i++) {
    const char *file;
    guint line, column;
    const char *message = citynet_problems_get(problems, i, &file, &line, &column);
    char *text = problem_line(bundle, file, line, column, message);
    g_string_append_printf(out, "%s\n", text);
    g_free(text);
  }
}

static void
render_json(const char *bundle, const CitynetProblems *problems,
            const CitynetNetwork *network, int precision, GString *out)
{
  CliJson *json = cli_json_new(out, precision);
  CliTable *table = problems_table(problems);
  cli_json_begin_object(json);
  cli_json_key(json, "schema");
  cli_json_string(json, "citynet.validate/1");
  cli_json_key(json, "bundle");
  cli_json_string(json, bundle);
  cli_json_key(json, "valid");
  cli_json_bool(json, network != NULL);
  cli_json_key(json, "summary");
  if (network != NULL) {
    cli_json_begin_object_compact(json);
    cli_json_key(json, "nodes");
    cli_json_int(json, (gint64) citynet_network_n_nodes(network));
    cli_json_key(json, "ties");
    cli_json_int(json, (gint64) citynet_network_n_ties(network));
    cli_json_key(json, "countries");
    cli_json_int(json, (gint64) citynet_network_n_countries(network));
    cli_json_end_object(json);
  } else
    cli_json_null(json);
  cli_json_key(json, "problems");
  cli_table_write_json(table, json);
  cli_json_end_object(json);
  cli_table_free(table);
  cli_json_free(json);
}

static int
run(int argc, char **argv)
{
  CliContext *context = cli_context_new(&cli_command_validate, NULL,
                                        CLI_OUTPUT_FORMAT,
                                        "Exit status: 0 when the bundle is valid, 1 when it has problems\n"
                                        "(each printed as FILE:LINE:COLUMN: MESSAGE), 2 for a usage error.");
  GError *error = NULL;
  int status = CLI_EXIT_OK;
  CliFormat format;
  int precision;

  if (!cli_context_parse(context, &argc, &argv, &status))
    goto out;
  if (!cli_require_bundle(argc, argv, &error) ||
      !cli_output_args_check(&context->output, validate_formats, &format,
                             &precision, &error)) {
    status = cli_report_error(context->command, error);
    goto out;
  }

  const char *bundle = argv[1];
  CitynetProblems *problems = citynet_bundle_validate(bundle);
  gsize n_problems = citynet_problems_count(problems);
  CitynetNetwork *network = NULL;
  /* The summary counts come from a real load, so "ok" means that
   * citynet_bundle_load() accepts the bundle too. */
  if (n_problems == 0 && (network = citynet_bundle_load(bundle, &error)) == NULL) {
    citynet_problems_free(problems);
    status = cli_report_error(context->command, error);
    goto out;
  }

  GString *text = g_string_new(NULL);
  if (format == CLI_FORMAT_TEXT)
    render_text(bundle, problems, network, text);
  else if (format == CLI_FORMAT_JSON)
    render_json(bundle, problems, network, precision, text);
  else {
    CliTable *table = problems_table(problems);
    cli_table_render(table, format, precision, text);
    cli_table_free(table);
  }
  if (!cli_output_write(NULL, text, &error))
    status = cli_report_error(context->command, error);
  else if (n_problems > 0) {
    fprintf(stderr, "citynet: %s: %zu problem%s\n", bundle, n_problems,
            n_problems == 1 ? "" : "s");
    status = CLI_EXIT_FAILURE;
  }
  g_string_free(text, TRUE);
  citynet_network_unref(network);
  citynet_problems_free(problems);
out:
  cli_context_free(context);
  return status;
}

const CliCommand cli_command_validate = {
  "validate", "BUNDLE",
  "Check a bundle and list every problem found in it", run
};
