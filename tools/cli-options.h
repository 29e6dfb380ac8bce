/* citynet command - options shared by the subcommands, errors, output.
 *
 * Every subcommand parses its own command line with a GOptionContext built
 * by cli_context_new(); the view options (--layers, --kinds, --at, --from,
 * --to, --direction, --combine, --drop-isolates) and the output options
 * (--format, --precision, --table, --output) are declared here once so that
 * all subcommands spell and check them the same way.
 */
#ifndef CITYNET_CLI_OPTIONS_H
#define CITYNET_CLI_OPTIONS_H

#include <citynet/citynet.h>

#include "cli-table.h"

G_BEGIN_DECLS

/** Exit statuses of the citynet command (documented in docs/cli.md). */
enum {
  CLI_EXIT_OK = 0,
  CLI_EXIT_FAILURE = 1, /* data, I/O or analysis error; invalid bundle */
  CLI_EXIT_USAGE = 2    /* bad command line */
};

/** CLI_ERROR: errors of the command itself (not of the library). */
#define CLI_ERROR (cli_error_quark())
GQuark cli_error_quark(void);

/**
 * CliErrorCode:
 * @CLI_ERROR_USAGE: the command line is wrong (exit status 2).
 * @CLI_ERROR_FAILED: the command could not do its work (exit status 1).
 */
typedef enum {
  CLI_ERROR_USAGE,
  CLI_ERROR_FAILED
} CliErrorCode;

/**
 * CliCommand:
 * One subcommand: its name, argument synopsis, one-line summary and entry
 * point. @argv[0] is the subcommand's name.
 */
typedef struct {
  const char *name;
  const char *parameters;
  const char *summary;
  int (*run)(int argc, char **argv);
} CliCommand;

/* The subcommands (one file each). */
extern const CliCommand cli_command_validate;
extern const CliCommand cli_command_info;
extern const CliCommand cli_command_report;
extern const CliCommand cli_command_export;
extern const CliCommand cli_command_import;
extern const CliCommand cli_command_centrality;
extern const CliCommand cli_command_cluster;
extern const CliCommand cli_command_communities;
extern const CliCommand cli_command_assortativity;
extern const CliCommand cli_command_project;
extern const CliCommand cli_command_figure;
extern const CliCommand cli_command_ego;
extern const CliCommand cli_command_align;
extern const CliCommand cli_command_ego_net;
extern const CliCommand cli_command_holes;
extern const CliCommand cli_command_brokerage;
extern const CliCommand cli_command_between;

/**
 * CliViewArgs:
 * The raw view options as given on the command line (strings in the
 * filesystem encoding, checked to be UTF-8 by cli_view_args_build()).
 */
typedef struct {
  char **layers;        /* repeatable, comma-separated */
  char **kinds;         /* repeatable, comma-separated */
  char *at;
  char *from;
  char *to;
  char *direction;
  char *combine;
  gboolean drop_isolates;
} CliViewArgs;

/**
 * CliOutputArgs:
 * The raw output options.
 */
typedef struct {
  char *format;
  char *precision;
  char *table;
  char *output;
} CliOutputArgs;

/**
 * CliContext:
 * A subcommand's option parser plus the storage its shared options write
 * into; free with cli_context_free().
 */
typedef struct {
  GOptionContext *context;
  const CliCommand *command;
  gboolean help;
  gboolean quiet;      /* --quiet: no progress bar */
  CliViewArgs view;
  CliOutputArgs output;
} CliContext;

/**
 * CliOutputFlags:
 * Which output options a subcommand offers.
 */
typedef enum {
  CLI_OUTPUT_FORMAT = 1 << 0,    /* --format text|csv|json|markdown */
  CLI_OUTPUT_PRECISION = 1 << 1, /* --precision N */
  CLI_OUTPUT_TABLE = 1 << 2,     /* --table NAME */
  CLI_OUTPUT_FILE = 1 << 3,      /* -o/--output PATH (written atomically) */
  CLI_OUTPUT_VIEW = 1 << 4       /* the view options */
} CliOutputFlags;

/**
 * cli_context_new:
 * @extra: (nullable): the subcommand's own options, NULL-name terminated.
 * @description: (nullable): text shown at the end of --help.
 *
 * Returns: (transfer full): a parser offering -h/--help, @extra and the
 * shared options selected by @flags.
 */
CliContext *cli_context_new(const CliCommand *command,
                            const GOptionEntry *extra, CliOutputFlags flags,
                            const char *description);
void cli_context_free(CliContext *context);

/**
 * cli_context_parse:
 * Parses @argv in place (consumed options are removed; @argv[0] stays).
 * When --help was given, prints the help and sets *@exit_status to 0.
 *
 * Returns: TRUE when the subcommand should go on; FALSE when it should
 * return *@exit_status (after --help, or a usage error already reported).
 */
gboolean cli_context_parse(CliContext *context, int *argc, char ***argv,
                           int *exit_status);

/**
 * cli_context_get_help:
 * Returns: (transfer full): the subcommand's --help text.
 */
char *cli_context_get_help(CliContext *context);

/**
 * cli_view_args_build:
 * Turns the view options into CitynetViewOptions, checking everything that
 * can be checked without the bundle: date syntax, --at against
 * --from/--to, --direction and --combine values.
 *
 * Returns: (transfer full): the options, or NULL with CLI_ERROR_USAGE.
 */
CitynetViewOptions *cli_view_args_build(const CliViewArgs *args,
                                        GError **error);

/**
 * cli_view_args_split:
 * Returns: (transfer full): the values of a repeatable comma-separated
 * option (--layers a,b --layers c -> a, b, c), empty items dropped; NULL
 * when the option was not given. Free with g_strfreev().
 */
char **cli_view_args_split(char **values);

/**
 * cli_output_args_check:
 * @allowed: the formats the subcommand accepts, NULL-terminated; the
 *   first is the default.
 * @format: (out): the chosen format.
 * @precision: (out): the precision for doubles, the format's default
 *   (cli_format_precision()) unless --precision N (0..17) was given.
 *
 * Validates the output options: a known --format, --precision in range,
 * --table not with json.
 *
 * Returns: TRUE, or FALSE with CLI_ERROR_USAGE.
 */
gboolean cli_output_args_check(const CliOutputArgs *args,
                               const char *const *allowed, CliFormat *format,
                               int *precision, GError **error);

/**
 * cli_select_tables:
 * Applies --table: keeps only the table named @name in @tables (all tables
 * when @name is NULL).
 *
 * Returns: TRUE, or FALSE with CLI_ERROR_USAGE naming the known tables.
 */
gboolean cli_select_tables(GPtrArray *tables, const char *name,
                           GError **error);

/**
 * cli_output_write:
 * @path: (nullable): a file to write, or NULL for standard output.
 *
 * Writes @text in full. A file is written atomically (temporary file and
 * rename), so it is either complete or untouched.
 *
 * Returns: TRUE, or FALSE with CLI_ERROR_FAILED.
 */
gboolean cli_output_write(const char *path, const GString *text,
                          GError **error);

/**
 * CliRenderFunc:
 * @run: (transfer none): the subcommand's results, as given to
 *   cli_output_emit().
 * @out: the text to append to.
 *
 * Appends one part of a subcommand's output (its JSON document, or the
 * lines above its tables) to @out.
 */
typedef void (*CliRenderFunc)(gconstpointer run, GString *out);

/**
 * cli_output_emit:
 * @output: the output options (--table and --output are read).
 * @format: the format chosen by cli_output_args_check().
 * @precision: the precision chosen by cli_output_args_check().
 * @tables: (transfer none): the subcommand's tables, in output order; with
 *   --table, all but the chosen one are removed from it.
 * @render_json: renders the whole JSON document of @run, tables included.
 * @render_header: (nullable): renders the lines above the tables; called
 *   only for formats with a header (cli_format_has_header()) and only
 *   without --table, so that one chosen table comes out bare, ready for
 *   another program.
 * @run: (transfer none): passed to @render_json and @render_header.
 *
 * The common end of a subcommand whose output is a set of tables: renders
 * @run in @format and writes it in one piece to --output (atomically) or
 * standard output. Nothing is written when --table names no table.
 *
 * Returns: TRUE, or FALSE with CLI_ERROR_USAGE (unknown --table) or
 * CLI_ERROR_FAILED (the text could not be written).
 */
gboolean cli_output_emit(const CliOutputArgs *output, CliFormat format,
                         int precision, GPtrArray *tables,
                         CliRenderFunc render_json, CliRenderFunc render_header,
                         gconstpointer run, GError **error);

/**
 * cli_usage_error:
 * Prints "citynet SUBCOMMAND: MESSAGE" and a hint to use --help on stderr.
 * Returns: CLI_EXIT_USAGE.
 */
int cli_usage_error(const CliCommand *command, const char *message);

/**
 * cli_report_error:
 * Prints @error on stderr ("citynet: message") and frees it.
 * Returns: CLI_EXIT_USAGE for CLI_ERROR_USAGE errors, else CLI_EXIT_FAILURE.
 */
int cli_report_error(const CliCommand *command, GError *error);

/**
 * cli_require_bundle:
 * Checks that exactly one positional argument (the bundle) is left.
 * Returns: TRUE, or FALSE with CLI_ERROR_USAGE.
 */
gboolean cli_require_bundle(int argc, char **argv, GError **error);

/**
 * cli_check_utf8:
 * Returns: TRUE when @value (an option value) is valid UTF-8, else FALSE
 * with CLI_ERROR_USAGE naming @option.
 */
gboolean cli_check_utf8(const char *option, const char *value, GError **error);

/**
 * cli_format_date:
 * Returns: (transfer none): @date formatted into @buffer, or NULL for an
 * open date (JSON null, empty in tables).
 */
const char *cli_format_date(CitynetDate date, char *buffer);

G_END_DECLS

#endif /* CITYNET_CLI_OPTIONS_H */
