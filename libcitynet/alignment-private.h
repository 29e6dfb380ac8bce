/* libcitynet - internals shared by alignment.c and ei-index.c (private). */
#ifndef CITYNET_ALIGNMENT_PRIVATE_H
#define CITYNET_ALIGNMENT_PRIVATE_H

#include "citynet-private.h"

G_BEGIN_DECLS

struct _CitynetAlignmentOptions {
  GPtrArray *groups;          /* char* (owned), distinct, in order */
  GPtrArray *strata_groups;   /* char* (owned), distinct, in order */
  gboolean strata_by_kind;
  CitynetUnit unit;
  CitynetDimension dimension;
  guint permutations;
  guint64 seed;
  guint threads;
  CitynetInterval interval;
  double level;
  gboolean label_date_set;
  CitynetDate label_date;     /* first day, or OPEN = "now" */
  char *affinity;             /* owned, NULL = none */
  gboolean network_test;
};

/* The options to use: @options, or the defaults when NULL (a static
 * instance, never freed). */
const CitynetAlignmentOptions *citynet_alignment_options_or_default(const CitynetAlignmentOptions *options);

/* The groups of interest: the options' groups, or every group of
 * @network; a NULL-terminated array of borrowed strings (g_free the array
 * only). */
const char **citynet_alignment_groups(const CitynetAlignmentOptions *options,
                                      const CitynetNetwork *network,
                                      gsize *n_groups);

/* Whether declared country @country (index into network->countries, or
 * -1) is in @group on @day. */
gboolean citynet_alignment_country_in(const CitynetNetwork *network,
                                      gssize country, const char *group,
                                      CitynetDate day);

/* The number of distinct country categories among the vertices of the
 * given views ("" counts for a vertex without a country). */
gsize citynet_alignment_country_categories(CitynetView *const *views,
                                           gsize n_views);

/* Checks that @node is a vertex of @view, else sets
 * CITYNET_ERROR_NOT_FOUND. */
gboolean citynet_alignment_check_node(const CitynetView *view, gsize node,
                                      GError **error);

G_END_DECLS

#endif /* CITYNET_ALIGNMENT_PRIVATE_H */
