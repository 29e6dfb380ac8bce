/* citynet - the command-line front end of libcitynet.
 *
 * A thin layer: every number it prints comes from the library; this file
 * only dispatches to the subcommands (cmd-*.c), which parse their options
 * (cli-options.c) and format tables (cli-table.c). See docs/cli.md.
 */
#include <stdio.h>
#include <string.h>

#include "cli-options.h"

static const CliCommand *const commands[] = {
  &cli_command_validate,
  &cli_command_info,
  &cli_command_report,
  &cli_command_export,
  &cli_command_import,
  &cli_command_centrality,
  &cli_command_cluster,
  &cli_command_communities,
  &cli_command_assortativity,
  &cli_command_project,
  &cli_command_figure,
  &cli_command_ego,
  &cli_command_align,
  &cli_command_ego_net,
  &cli_command_holes,
  &cli_command_brokerage,
  &cli_command_between,
  NULL
};

static const CliCommand *
find_command(const char *name)
{
  for (gsize i = 0; commands[i] != NULL; i++)
    if (strcmp(commands[i]->name, name) == 0)
      return commands[i];
  return NULL;
}

static void
print_help(FILE *stream)
{
  fputs("Usage: citynet SUBCOMMAND [OPTION…] BUNDLE\n"
        "\n"
        "Analyse intercity networks stored as citynet bundles (a directory of\n"
        "CSV files: nodes.csv, ties.csv, countries.csv, country_groups.csv).\n"
        "\n"
        "Subcommands:\n", stream);
  for (gsize i = 0; commands[i] != NULL; i++)
    fprintf(stream, "  %-10s %s\n", commands[i]->name, commands[i]->summary);
  fputs("  help       Show the help of a subcommand: citynet help SUBCOMMAND\n"
        "\n"
        "Options:\n"
        "  -h, --help     Show this help and exit\n"
        "  -V, --version  Show the versions of citynet and libcitynet and exit\n"
        "\n"
        "Exit status: 0 on success, 1 when the data is invalid or an operation\n"
        "fails, 2 for a usage error. Run 'citynet SUBCOMMAND --help' for the\n"
        "options of a subcommand; see docs/cli.md for the output formats.\n",
        stream);
}

/* Both versions: a tool built against one library version can run against
 * another one installed later. */
static int
print_version(void)
{
  printf("citynet %s (libcitynet %s)\n", CITYNET_VERSION_STRING,
         citynet_version());
  return fflush(stdout) == 0 ? CLI_EXIT_OK : CLI_EXIT_FAILURE;
}

/* "citynet help [SUBCOMMAND]". */
static int
run_help(int argc, char **argv)
{
  if (argc < 2) {
    print_help(stdout);
    return fflush(stdout) == 0 ? CLI_EXIT_OK : CLI_EXIT_FAILURE;
  }
  if (argc > 2)
    return cli_usage_error(NULL, "help takes at most one SUBCOMMAND");
  const CliCommand *command = find_command(argv[1]);
  if (command == NULL) {
    char *message = g_strdup_printf("unknown subcommand '%s'", argv[1]);
    int status = cli_usage_error(NULL, message);
    g_free(message);
    return status;
  }
  /* The subcommands print their own help for --help. */
  char *help_argv[] = { (char *) command->name, (char *) "--help", NULL };
  return command->run(2, help_argv);
}

int
main(int argc, char **argv)
{
  if (argc < 2) {
    print_help(stderr);
    return CLI_EXIT_USAGE;
  }
  const char *first = argv[1];
  if (strcmp(first, "--help") == 0 || strcmp(first, "-h") == 0) {
    print_help(stdout);
    return fflush(stdout) == 0 ? CLI_EXIT_OK : CLI_EXIT_FAILURE;
  }
  if (strcmp(first, "--version") == 0 || strcmp(first, "-V") == 0)
    return print_version();
  if (strcmp(first, "help") == 0)
    return run_help(argc - 1, argv + 1);

  const CliCommand *command = find_command(first);
  if (command == NULL) {
    char *message = first[0] == '-'
                        ? g_strdup_printf("unknown option '%s'", first)
                        : g_strdup_printf("unknown subcommand '%s'", first);
    int status = cli_usage_error(NULL, message);
    g_free(message);
    return status;
  }
  return command->run(argc - 1, argv + 1);
}
