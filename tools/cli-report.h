/* citynet command - the report: its tables (cmd-report.c) and the report
 * directory of `citynet report -o DIR` (cli-report-dir.c). */
#ifndef CITYNET_CLI_REPORT_H
#define CITYNET_CLI_REPORT_H

#include <citynet/citynet.h>

#include "cli-options.h"

G_BEGIN_DECLS

/** The composition of the focus node's ties: table "rows". */
CliTable *cli_report_rows_table(const CitynetComposition *composition,
                                const CitynetNetwork *network);
/** The focus node's ties one by one: table "ties". */
CliTable *cli_report_ties_table(const CitynetView *view, gsize focus);

/**
 * CliReportSpec:
 * What `citynet report BUNDLE --focus NODE ... -o DIR` asked for.
 */
typedef struct {
  const char *bundle;          /* the bundle directory as given */
  char **argv;                 /* the command line, for provenance */
  CitynetNetwork *network;
  CitynetView *view;           /* the period's view */
  gsize focus;
  const CliViewArgs *view_args;
  const char *from, *to;       /* the period as given (NULL = open) */
  CitynetView *compare_view;   /* --compare, or NULL */
  const char *compare_from, *compare_to;
  gssize baseline;             /* --baseline node, or -1 */
  char **groups;               /* --groups, or NULL for the default */
  guint permutations;
  guint64 seed;
  int precision;               /* for LaTeX and markdown tables */
  gboolean force;
  const char *output;          /* DIR */
} CliReportSpec;

/**
 * cli_report_check_target:
 * Fails (CLI_ERROR_FAILED) when @output exists and is not an empty
 * directory, unless @force and it is a directory. Checked before any
 * work so that a long run does not end in a refusal.
 */
gboolean cli_report_check_target(const char *output, gboolean force,
                                 GError **error);

/**
 * cli_report_write_directory:
 * Writes the whole report into "DIR.tmp-XXXXXX" next to DIR, then renames
 * it to DIR: the directory appears complete or not at all. An existing
 * empty DIR is replaced; a non-empty one only with @spec->force (the old
 * one is removed after the rename).
 * Returns: TRUE, or FALSE with the error (the temporary directory is
 * removed).
 */
gboolean cli_report_write_directory(const CliReportSpec *spec, GError **error);

G_END_DECLS

#endif /* CITYNET_CLI_REPORT_H */
