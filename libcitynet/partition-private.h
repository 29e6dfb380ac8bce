/* libcitynet - partition internals shared by partition.c, communities.c
 * and assortativity.c. Private. */
#ifndef CITYNET_PARTITION_PRIVATE_H
#define CITYNET_PARTITION_PRIVATE_H

#include "analytics-private.h"

G_BEGIN_DECLS

struct _CitynetPartition {
  CitynetView *view;     /* owned reference */
  char *source;          /* what the labels came from, e.g. "country" */
  gsize n;               /* vertices (the view's) */
  guint *membership;     /* vertex -> label */
  gsize n_labels;
  char **names;          /* label -> name, NULL-terminated */
  gsize *sizes;          /* label -> number of vertices */
  gssize missing;        /* the label of vertices without a value, or -1 */
};

/* Makes a partition from arrays the caller hands over: @membership
 * (g_malloc'd, n = the view's vertex count, every value < n_labels) and
 * @names (a NULL-terminated g_strv of n_labels names). Counts the label
 * sizes. Takes a reference on @view; copies @source. Never fails. */
CitynetPartition *citynet_partition_new_take(CitynetView *view,
                                             const char *source,
                                             guint *membership,
                                             char **names,
                                             gssize missing);

/* Renumbers the raw community ids @raw (one per vertex, any values)
 * by community size, largest first, equal sizes by their lowest vertex,
 * and names each community by its new id. Deterministic for a given @raw.
 * O(n log n). */
CitynetPartition *citynet_partition_new_ranked(CitynetView *view,
                                               const char *source,
                                               const gint64 *raw);

/* Whether two views have the same vertices (same network nodes, same
 * order), so that partitions or values of one apply to the other. */
gboolean citynet_views_same_vertices(const CitynetView *a, const CitynetView *b);

G_END_DECLS

#endif /* CITYNET_PARTITION_PRIVATE_H */
