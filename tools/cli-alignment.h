/* citynet command - options and tables shared by "citynet ego" and
 * "citynet align": the alignment options, the baseline, UN votes, and the
 * tables of compositions, E-I indices and profiles (docs/alignment.md). */
#ifndef CITYNET_CLI_ALIGNMENT_H
#define CITYNET_CLI_ALIGNMENT_H

#include <citynet/citynet.h>

#include "cli-options.h"
#include "cli-table.h"

G_BEGIN_DECLS

/**
 * CliAlignArgs:
 * The raw alignment options as given on the command line.
 */
typedef struct {
  char **groups;            /* --groups, repeatable, comma-separated */
  char *by;                 /* --by country|group */
  char *unit;               /* --unit ties|weight */
  char *permutations;
  char *seed;
  char *threads;
  char *interval;           /* permutation|bootstrap */
  char *level;
  char **strata;            /* --strata GROUP,... */
  gboolean strata_by_kind;
  char *label_date;
  gboolean no_network_test;
  char **baseline;          /* --baseline NODE,... */
  char *baseline_country;
  char **baseline_kinds;
  char *baseline_from;
  char *baseline_to;
  char *unvotes;
  char *home;
  char *years;
  char *affinity;
} CliAlignArgs;

/**
 * CliAlignSettings:
 * The parsed values of the alignment options (for headers and JSON).
 */
typedef struct {
  guint permutations;
  guint64 seed;
  guint threads;
  CitynetInterval interval;
  double level;
  CitynetUnit unit;
  CitynetDimension by;
} CliAlignSettings;

/** Appends the entries of CliAlignArgs to @entries (GOptionEntry, not
 * terminated); @with_dimension adds --by, @with_baseline the --baseline*
 * options. */
void cli_align_entries(GArray *entries, CliAlignArgs *args,
                       gboolean with_dimension);
void cli_align_args_clear(CliAlignArgs *args);

/**
 * cli_align_options_build:
 * Checks every alignment option that can be checked without the bundle
 * and builds the library options (groups, unit, dimension, permutations,
 * seed, threads, interval, level, strata, label date).
 * Returns: (transfer full): the options, or NULL with CLI_ERROR_USAGE.
 */
CitynetAlignmentOptions *cli_align_options_build(const CliAlignArgs *args,
                                                 CliAlignSettings *settings,
                                                 GError **error);

/**
 * cli_align_check_groups:
 * Checks that every name of --groups and --strata is a country group of
 * @network (the library would read an unknown one as empty).
 * Returns: TRUE, or FALSE with CITYNET_ERROR_NOT_FOUND (exit status 1, as
 * for an unknown node) naming the option, the group and the bundle's
 * groups.
 */
gboolean cli_align_check_groups(const CliAlignArgs *args,
                                const CitynetNetwork *network, GError **error);

/** cli_align_groups: Returns: (transfer full): the --groups list, or every
 * group of @network; g_strfreev(). */
char **cli_align_groups(const CliAlignArgs *args, const CitynetNetwork *network);

/**
 * CliUnVotes:
 * The UN-vote agreement applied to a network for the affinity profile.
 */
typedef struct {
  CitynetUnVotes *votes;
  CitynetUnAgreement *agreement;
  char *key;                /* the attribute written */
  gsize n_set;
  char **missing;           /* declared countries without a score */
} CliUnVotes;

/**
 * cli_unvotes_apply:
 * With --unvotes DIR [--home ISO] [--years A..B]: loads the votes,
 * computes the agreement of the home country (default @default_home) and
 * stores it on @network as the attribute --affinity (or the default key).
 * Without --unvotes, does nothing.
 * Returns: TRUE, or FALSE with a usage or library error.
 */
gboolean cli_unvotes_apply(const CliAlignArgs *args, CitynetNetwork *network,
                           const char *default_home, CliUnVotes *out,
                           GError **error);
void cli_unvotes_clear(CliUnVotes *votes);

/**
 * cli_affinity_key:
 * Returns: (transfer none) (nullable): the affinity attribute to profile:
 * --affinity, else the key written by --unvotes, else NULL. Fails with
 * CLI_ERROR_USAGE when --affinity names no country attribute of @network.
 */
gboolean cli_affinity_key(const CliAlignArgs *args, const CliUnVotes *votes,
                          const CitynetNetwork *network, const char **key,
                          GError **error);

/**
 * CliBaseline:
 * The baseline sample: its view and owner nodes, and a description.
 */
typedef struct {
  CitynetView *view;        /* owned reference */
  GArray *nodes;            /* gsize */
  char *description;
  gboolean same_nodes;      /* the focus itself (another period) */
} CliBaseline;

/** cli_baseline_requested: Returns: whether any --baseline* option was
 * given. */
gboolean cli_baseline_requested(const CliAlignArgs *args);

/**
 * cli_baseline_resolve:
 * Builds the baseline from --baseline (nodes), --baseline-country (+
 * --baseline-kinds; the focus is left out) and --baseline-from/-to (the
 * baseline view: the main view's options with that period; without
 * baseline nodes, the focus itself in that period).
 * Returns: TRUE, or FALSE with a usage or library error.
 */
gboolean cli_baseline_resolve(const CliAlignArgs *args, CitynetView *view,
                              const CitynetViewOptions *view_options, gsize focus,
                              CliBaseline *out, GError **error);
void cli_baseline_clear(CliBaseline *baseline);

/**
 * cli_period_view:
 * Returns: (transfer full): a view with @view_options but the period
 * [@from, @to] (each NULL = open), on @network; NULL with an error.
 */
CitynetView *cli_period_view(CitynetNetwork *network,
                             const CitynetViewOptions *view_options,
                             const char *from, const char *to,
                             GError **error);

/* Tables (names in parentheses). */

/** The composition by country and group ("composition"). */
CliTable *cli_composition_table(const CitynetGroupComposition *composition,
                                const CitynetNetwork *network);
/** Blau and IQV per dimension and scope ("diversity"). */
CliTable *cli_diversity_table(const CitynetGroupComposition *composition);

/** Starts the E-I table ("ei"); add each partition with
 * cli_ei_table_add(). */
CliTable *cli_ei_table_new(void);
void cli_ei_table_add(CliTable *table, const char *partition,
                      const CitynetEIIndex *index, const CitynetNetwork *network);

/** Per-category profile ("@name"): shares, difference, ratio, interval,
 * p-value. */
CliTable *cli_profile_table(const char *name, const char *title,
                            const CitynetAlignment *alignment,
                            const CitynetNetwork *network);
/** Starts a summary table ("@name"): JSD, Blau, E-I and affinity
 * statistics of one or more comparisons. */
CliTable *cli_summary_table_new(const char *name, const char *title);
void cli_summary_table_add(CliTable *table, const CitynetAlignment *alignment,
                           gboolean with_partitions);
/** Affinity quantiles of both sides ("@name"). */
CliTable *cli_affinity_table(const char *name, const char *title,
                             const CitynetAlignment *alignment);
/** UN-vote agreement of the network's countries ("un_agreement") and the
 * vote countries that do not map ("un_unmapped"). */
CliTable *cli_unvotes_table(const CliUnVotes *votes, const CitynetNetwork *network);
CliTable *cli_unvotes_unmapped_table(const CliUnVotes *votes);

/** cli_alignment_write_options_json: the "options" object of the JSON
 * documents. */
void cli_alignment_write_options_json(const CliAlignSettings *settings,
                                      const CliAlignArgs *args,
                                      const char *const *groups, CliJson *json);

G_END_DECLS

#endif /* CITYNET_CLI_ALIGNMENT_H */
