/* citynet command - options shared by the subcommands (see cli-options.h). */
#include "cli-options.h"
#include "cli-progress.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

G_DEFINE_QUARK(citynet-cli-error-quark, cli_error)

/* ------------------------------------------------------------------------ */
/* The parser                                                               */
/* ------------------------------------------------------------------------ */

/* String options use G_OPTION_ARG_FILENAME so that GLib passes the bytes
 * through unchanged: G_OPTION_ARG_STRING converts from the locale's
 * charset, which fails for "İstanbul" under LANG=C. We check UTF-8
 * ourselves where the value is text. */
static void
add_view_entries(GArray *entries, CliContext *context)
{
  const GOptionEntry view[] = {
    { "layers", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &context->view.layers,
      "Only ties of these layers (comma-separated, repeatable)", "L1,L2" },
    { "kinds", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &context->view.kinds,
      "Only nodes of these kinds (comma-separated, repeatable)", "K1,K2" },
    { "at", 0, 0, G_OPTION_ARG_FILENAME, &context->view.at,
      "Only ties active on DATE (YYYY, YYYY-MM or YYYY-MM-DD)", "DATE" },
    { "from", 0, 0, G_OPTION_ARG_FILENAME, &context->view.from,
      "Only ties active on or after DATE", "DATE" },
    { "to", 0, 0, G_OPTION_ARG_FILENAME, &context->view.to,
      "Only ties active on or before DATE", "DATE" },
    { "direction", 0, 0, G_OPTION_ARG_FILENAME, &context->view.direction,
      "auto (default), undirected or directed", "MODE" },
    { "combine", 0, 0, G_OPTION_ARG_FILENAME, &context->view.combine,
      "Parallel ties: sum (default), max, count or none", "HOW" },
    { "drop-isolates", 0, 0, G_OPTION_ARG_NONE, &context->view.drop_isolates,
      "Keep only nodes with at least one selected tie", NULL },
  };
  g_array_append_vals(entries, view, G_N_ELEMENTS(view));
}

static void
add_output_entries(GArray *entries, CliContext *context, CliOutputFlags flags)
{
  const GOptionEntry format = {
    "format", 'f', 0, G_OPTION_ARG_FILENAME, &context->output.format,
    "Output format: text (default), csv, json, markdown or latex", "FORMAT" };
  const GOptionEntry precision = {
    "precision", 0, 0, G_OPTION_ARG_FILENAME, &context->output.precision,
    "Decimals for real numbers (0-17; default: 4 in text, markdown and "
    "latex, shortest exact in csv and json)", "N" };
  const GOptionEntry table = {
    "table", 0, 0, G_OPTION_ARG_FILENAME, &context->output.table,
    "Print only the table NAME (text, csv, markdown, latex)", "NAME" };
  const GOptionEntry output = {
    "output", 'o', 0, G_OPTION_ARG_FILENAME, &context->output.output,
    "Write to PATH (atomically) instead of standard output", "PATH" };
  if (flags & CLI_OUTPUT_FORMAT)
    g_array_append_val(entries, format);
  if (flags & CLI_OUTPUT_PRECISION)
    g_array_append_val(entries, precision);
  if (flags & CLI_OUTPUT_TABLE)
    g_array_append_val(entries, table);
  if (flags & CLI_OUTPUT_FILE)
    g_array_append_val(entries, output);
}

CliContext *
cli_context_new(const CliCommand *command, const GOptionEntry *extra,
                CliOutputFlags flags, const char *description)
{
  CliContext *context = g_new0(CliContext, 1);
  GArray *entries = g_array_new(TRUE, TRUE, sizeof(GOptionEntry));
  const GOptionEntry help = {
    "help", 'h', 0, G_OPTION_ARG_NONE, &context->help,
    "Show this help and exit", NULL };
  const GOptionEntry quiet = {
    "quiet", 'q', 0, G_OPTION_ARG_NONE, &context->quiet,
    "No progress bar on stderr (it is shown only on a terminal)", NULL };

  context->command = command;
  context->context = g_option_context_new(command->parameters);
  g_option_context_set_summary(context->context, command->summary);
  if (description != NULL)
    g_option_context_set_description(context->context, description);
  /* --help is ours so that help goes to stdout through the same path as
   * "citynet help SUBCOMMAND" and no exit() happens inside GLib. */
  g_option_context_set_help_enabled(context->context, FALSE);

  g_array_append_val(entries, help);
  g_array_append_val(entries, quiet);
  for (gsize i = 0; extra != NULL && extra[i].long_name != NULL; i++)
    g_array_append_val(entries, extra[i]);
  add_output_entries(entries, context, flags);
  if (flags & CLI_OUTPUT_VIEW)
    add_view_entries(entries, context);
  g_option_context_add_main_entries(context->context,
                                    (const GOptionEntry *) entries->data, NULL);
  g_array_unref(entries);
  return context;
}

void
cli_context_free(CliContext *context)
{
  if (context == NULL)
    return;
  cli_progress_stop();
  g_option_context_free(context->context);
  g_strfreev(context->view.layers);
  g_strfreev(context->view.kinds);
  g_free(context->view.at);
  g_free(context->view.from);
  g_free(context->view.to);
  g_free(context->view.direction);
  g_free(context->view.combine);
  g_free(context->output.format);
  g_free(context->output.precision);
  g_free(context->output.table);
  g_free(context->output.output);
  g_free(context);
}

/* The usage line names the subcommand ("citynet report [OPTION…] ..."),
 * which GOption takes from the program name. */
static void
set_prgname(const CliCommand *command)
{
  char *name = g_strdup_printf("citynet %s", command->name);
  g_set_prgname(name);
  g_free(name);
}

char *
cli_context_get_help(CliContext *context)
{
  set_prgname(context->command);
  return g_option_context_get_help(context->context, TRUE, NULL);
}

gboolean
cli_context_parse(CliContext *context, int *argc, char ***argv,
                  int *exit_status)
{
  GError *error = NULL;
  set_prgname(context->command);
  if (!g_option_context_parse(context->context, argc, argv, &error)) {
    *exit_status = cli_usage_error(context->command, error->message);
    g_error_free(error);
    return FALSE;
  }
  if (context->help) {
    char *help = cli_context_get_help(context);
    fputs(help, stdout);
    g_free(help);
    *exit_status = fflush(stdout) == 0 ? CLI_EXIT_OK : CLI_EXIT_FAILURE;
    return FALSE;
  }
  cli_progress_start(context->quiet);
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Errors                                                                   */
/* ------------------------------------------------------------------------ */

int
cli_usage_error(const CliCommand *command, const char *message)
{
  if (command != NULL) {
    fprintf(stderr, "citynet %s: %s\n", command->name, message);
    fprintf(stderr, "Try 'citynet %s --help' for more information.\n",
            command->name);
  } else {
    fprintf(stderr, "citynet: %s\n", message);
    fprintf(stderr, "Try 'citynet --help' for more information.\n");
  }
  return CLI_EXIT_USAGE;
}

int
cli_report_error(const CliCommand *command, GError *error)
{
  int status;
  if (g_error_matches(error, CLI_ERROR, CLI_ERROR_USAGE))
    status = cli_usage_error(command, error->message);
  else {
    fprintf(stderr, "citynet: %s\n", error->message);
    status = CLI_EXIT_FAILURE;
  }
  g_error_free(error);
  return status;
}

gboolean
cli_require_bundle(int argc, char **argv, GError **error)
{
  if (argc < 2) {
    g_set_error_literal(error, CLI_ERROR, CLI_ERROR_USAGE,
                        "missing BUNDLE argument");
    return FALSE;
  }
  if (argc > 2) {
    g_set_error(error, CLI_ERROR, CLI_ERROR_USAGE,
                "unexpected argument '%s'", argv[2]);
    return FALSE;
  }
  return TRUE;
}

gboolean
cli_check_utf8(const char *option, const char *value, GError **error)
{
  if (value == NULL || g_utf8_validate(value, -1, NULL))
    return TRUE;
  g_set_error(error, CLI_ERROR, CLI_ERROR_USAGE,
              "the value of %s is not valid UTF-8", option);
  return FALSE;
}

/* ------------------------------------------------------------------------ */
/* View options                                                             */
/* ------------------------------------------------------------------------ */

char **
cli_view_args_split(char **values)
{
  if (values == NULL)
    return NULL;
  GPtrArray *items = g_ptr_array_new();
  for (gsize i = 0; values[i] != NULL; i++) {
    char **parts = g_strsplit(values[i], ",", -1);
    for (gsize j = 0; parts[j] != NULL; j++) {
      char *item = g_strstrip(parts[j]);
      if (*item != '\0')
        g_ptr_array_add(items, g_strdup(item));
    }
    g_strfreev(parts);
  }
  g_ptr_array_add(items, NULL);
  return (char **) g_ptr_array_free(items, FALSE);
}

/* Library argument errors about option values are usage errors of the
 * command: the user typed them. */
static void
to_usage_error(GError **error, GError *cause, const char *option)
{
  g_set_error(error, CLI_ERROR, CLI_ERROR_USAGE, "%s: %s", option,
              cause->message);
  g_error_free(cause);
}

static gboolean
check_view_utf8(const CliViewArgs *args, GError **error)
{
  for (gsize i = 0; args->layers != NULL && args->layers[i] != NULL; i++)
    if (!cli_check_utf8("--layers", args->layers[i], error))
      return FALSE;
  for (gsize i = 0; args->kinds != NULL && args->kinds[i] != NULL; i++)
    if (!cli_check_utf8("--kinds", args->kinds[i], error))
      return FALSE;
  return cli_check_utf8("--at", args->at, error) &&
         cli_check_utf8("--from", args->from, error) &&
         cli_check_utf8("--to", args->to, error) &&
         cli_check_utf8("--direction", args->direction, error) &&
         cli_check_utf8("--combine", args->combine, error);
}

static gboolean
apply_period(const CliViewArgs *args, CitynetViewOptions *options,
             GError **error)
{
  GError *cause = NULL;
  if (args->at != NULL && (args->from != NULL || args->to != NULL)) {
    g_set_error_literal(error, CLI_ERROR, CLI_ERROR_USAGE,
                        "--at cannot be combined with --from or --to");
    return FALSE;
  }
  if (args->at != NULL) {
    if (*args->at == '\0') {
      g_set_error_literal(error, CLI_ERROR, CLI_ERROR_USAGE,
                          "--at: empty date");
      return FALSE;
    }
    if (!citynet_view_options_set_at(options, args->at, &cause)) {
      to_usage_error(error, cause, "--at");
      return FALSE;
    }
  } else if (args->from != NULL || args->to != NULL) {
    if (!citynet_view_options_set_period(options, args->from, args->to, &cause)) {
      to_usage_error(error, cause, "--from/--to");
      return FALSE;
    }
  }
  return TRUE;
}

static gboolean
apply_modes(const CliViewArgs *args, CitynetViewOptions *options,
            GError **error)
{
  GError *cause = NULL;
  if (args->direction != NULL) {
    CitynetDirection direction;
    if (!citynet_direction_from_string(args->direction, &direction, &cause)) {
      to_usage_error(error, cause, "--direction");
      return FALSE;
    }
    citynet_view_options_set_direction(options, direction);
  }
  if (args->combine != NULL) {
    CitynetCombine combine;
    if (!citynet_combine_from_string(args->combine, &combine, &cause)) {
      to_usage_error(error, cause, "--combine");
      return FALSE;
    }
    citynet_view_options_set_combine(options, combine);
  }
  return TRUE;
}

CitynetViewOptions *
cli_view_args_build(const CliViewArgs *args, GError **error)
{
  if (!check_view_utf8(args, error))
    return NULL;

  char **layers = cli_view_args_split(args->layers);
  char **kinds = cli_view_args_split(args->kinds);
  if ((layers != NULL && layers[0] == NULL) || (kinds != NULL && kinds[0] == NULL)) {
    g_set_error(error, CLI_ERROR, CLI_ERROR_USAGE, "%s: no name given",
                layers != NULL && layers[0] == NULL ? "--layers" : "--kinds");
    g_strfreev(layers);
    g_strfreev(kinds);
    return NULL;
  }
  CitynetViewOptions *options = citynet_view_options_new();
  for (gsize i = 0; layers != NULL && layers[i] != NULL; i++)
    citynet_view_options_add_layer(options, layers[i]);
  for (gsize i = 0; kinds != NULL && kinds[i] != NULL; i++)
    citynet_view_options_add_kind(options, kinds[i]);
  g_strfreev(layers);
  g_strfreev(kinds);
  citynet_view_options_set_drop_isolates(options, args->drop_isolates);

  if (!apply_period(args, options, error) || !apply_modes(args, options, error)) {
    citynet_view_options_free(options);
    return NULL;
  }
  return options;
}

/* ------------------------------------------------------------------------ */
/* Output options                                                           */
/* ------------------------------------------------------------------------ */

static gboolean
parse_precision(const char *text, int *precision, GError **error)
{
  guint64 value;
  if (!g_ascii_string_to_unsigned(text, 10, 0, CLI_PRECISION_MAX, &value, NULL)) {
    g_set_error(error, CLI_ERROR, CLI_ERROR_USAGE,
                "--precision must be an integer from 0 to %d, not '%s'",
                CLI_PRECISION_MAX, text);
    return FALSE;
  }
  *precision = (int) value;
  return TRUE;
}

gboolean
cli_output_args_check(const CliOutputArgs *args, const char *const *allowed,
                      CliFormat *format, int *precision, GError **error)
{
  const char *name = args->format ? args->format : allowed[0];
  *precision = CLI_PRECISION_DEFAULT;
  /* Every command that prints markdown tables prints LaTeX ones too: both
   * come from the one table renderer. */
  gboolean latex = g_strv_contains(allowed, "markdown");
  gboolean known_name = g_strv_contains(allowed, name) ||
                        (latex && g_strcmp0(name, "latex") == 0);

  if (!known_name || !cli_format_from_string(name, format)) {
    char *list = g_strjoinv(", ", (char **) allowed);
    char *known = latex ? g_strconcat(list, ", latex", NULL) : g_strdup(list);
    g_free(list);
    g_set_error(error, CLI_ERROR, CLI_ERROR_USAGE,
                "unknown format '%s' (use one of: %s)", name, known);
    g_free(known);
    return FALSE;
  }
  if (args->precision != NULL && !parse_precision(args->precision, precision, error))
    return FALSE;
  if (args->table != NULL && *format == CLI_FORMAT_JSON) {
    g_set_error_literal(error, CLI_ERROR, CLI_ERROR_USAGE,
                        "--table applies to the text, csv and markdown formats");
    return FALSE;
  }
  *precision = cli_format_precision(*format, *precision);
  return TRUE;
}

gboolean
cli_select_tables(GPtrArray *tables, const char *name, GError **error)
{
  if (name == NULL)
    return TRUE;
  for (guint i = 0; i < tables->len; i++) {
    if (g_strcmp0(cli_table_get_name(g_ptr_array_index(tables, i)), name) == 0) {
      gpointer keep = g_ptr_array_steal_index(tables, i);
      g_ptr_array_set_size(tables, 0);
      g_ptr_array_add(tables, keep);
      return TRUE;
    }
  }
  GString *known = g_string_new(NULL);
  for (guint i = 0; i < tables->len; i++)
    g_string_append_printf(known, "%s%s", i ? ", " : "",
                           cli_table_get_name(g_ptr_array_index(tables, i)));
  g_set_error(error, CLI_ERROR, CLI_ERROR_USAGE,
              "unknown table '%s' (use one of: %s)", name, known->str);
  g_string_free(known, TRUE);
  return FALSE;
}

gboolean
cli_output_write(const char *path, const GString *text, GError **error)
{
  if (path == NULL) {
    if (fwrite(text->str, 1, text->len, stdout) != text->len || fflush(stdout) != 0) {
      int saved = errno;
      g_set_error(error, CLI_ERROR, CLI_ERROR_FAILED,
                  "cannot write to standard output: %s", g_strerror(saved));
      return FALSE;
    }
    return TRUE;
  }
  GError *cause = NULL;
  if (!g_file_set_contents(path, text->str, (gssize) text->len, &cause)) {
    g_set_error(error, CLI_ERROR, CLI_ERROR_FAILED, "%s", cause->message);
    g_error_free(cause);
    return FALSE;
  }
  return TRUE;
}

gboolean
cli_output_emit(const CliOutputArgs *output, CliFormat format, int precision,
                GPtrArray *tables, CliRenderFunc render_json,
                CliRenderFunc render_header, gconstpointer run, GError **error)
{
  /* --table is checked before anything is rendered, so that a usage error
   * leaves standard output and the --output file untouched. */
  if (format != CLI_FORMAT_JSON && !cli_select_tables(tables, output->table, error))
    return FALSE;
  GString *text = g_string_new(NULL);
  if (format == CLI_FORMAT_JSON) {
    render_json(run, text);
  } else {
    if (render_header != NULL && output->table == NULL && cli_format_has_header(format))
      render_header(run, text);
    cli_table_render_all(tables, format, precision, text);
  }
  gboolean ok = cli_output_write(output->output, text, error);
  g_string_free(text, TRUE);
  return ok;
}

const char *
cli_format_date(CitynetDate date, char *buffer)
{
  if (date == CITYNET_DATE_OPEN)
    return NULL;
  return citynet_date_format(date, buffer);
}
