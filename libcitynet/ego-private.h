/* libcitynet - adjacency helpers shared by the ego-network modules
 * (ego.c, structural-holes.c, brokerage.c, bloc-betweenness.c). Private. */
#ifndef CITYNET_EGO_PRIVATE_H
#define CITYNET_EGO_PRIVATE_H

#include "analytics-private.h"

G_BEGIN_DECLS

/* The arcs of a view as sorted adjacency lists without repeats: out[v]
 * the successors of v, in[v] its predecessors, all[v] their union. On an
 * undirected view every edge is an arc both ways and the three lists are
 * the same arrays. Parallel edges appear once. */
typedef struct {
  gsize n;
  gboolean directed;
  gsize *out_start;   /* n + 1 offsets into out */
  guint32 *out;
  gsize *in_start;
  guint32 *in;
  gsize *all_start;
  guint32 *all;
} CitynetArcs;

/* Builds the lists with counting sorts, O(n + m). Never fails. */
void citynet_arcs_init(CitynetArcs *arcs, const CitynetView *view);
void citynet_arcs_clear(CitynetArcs *arcs);

/* The neighbours of @v a step in @mode follows (out, in, or both for ALL
 * and DEFAULT; all the same on an undirected view), sorted. */
static inline const guint32 *
citynet_arcs_neighbours(const CitynetArcs *arcs, CitynetMode mode, gsize v,
                        gsize *count)
{
  const gsize *start = arcs->all_start;
  const guint32 *list = arcs->all;
  if (mode == CITYNET_MODE_OUT) {
    start = arcs->out_start;
    list = arcs->out;
  } else if (mode == CITYNET_MODE_IN) {
    start = arcs->in_start;
    list = arcs->in;
  }
  *count = start[v + 1] - start[v];
  return list + start[v];
}

/* Whether the arc @u -> @v exists (binary search, O(log d)). */
gboolean citynet_arcs_has(const CitynetArcs *arcs, gsize u, gsize v);

/* Mutual weights: the simple undirected collapse of a view as symmetric
 * sorted adjacency lists, where the weight of {u, v} is a_uv + a_vu (the
 * summed weights of the view's edges between them in both directions) or,
 * unweighted, the number of directions with an edge (1 on an undirected
 * view, 1 or 2 on a directed one). */
typedef struct {
  gsize n;
  gsize *start;       /* n + 1 */
  guint32 *nb;        /* neighbours, sorted */
  double *w;          /* mutual weight, aligned with nb */
} CitynetMutual;

/* Fails with CITYNET_ERROR_INVALID_ARGUMENT when @weighted and a view edge
 * weight is not finite and > 0 (@what names the measure). O(n + m). */
gboolean citynet_mutual_init(CitynetMutual *mutual, const CitynetView *view,
                             gboolean weighted, const char *what,
                             GError **error);
void citynet_mutual_clear(CitynetMutual *mutual);

G_END_DECLS

#endif /* CITYNET_EGO_PRIVATE_H */
