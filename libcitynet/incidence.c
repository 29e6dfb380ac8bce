/* libcitynet - the network's incidence index: every tie listed at its
 * ends, each node's list sorted by (other end, tie).
 *
 * Every view needs its arcs grouped by `from` vertex and sorted by (to,
 * tie) to combine parallel ties deterministically. Bucketing and sorting
 * them anew for each view cost two thirds of building one (about 12 ms of
 * 16 for 500,000 ties), although the order does not depend on the view:
 * vertices are numbered in node order, so (to vertex, tie) order is (other
 * node, tie) order whatever the selection. So the network sorts its ties
 * once, on the first view that selects at least half of them, and every
 * such view after that is a filter over this index in one sequential pass
 * (view.c, citynet_view_combine(); smaller views still sort their own
 * arcs, which costs them less than a pass over the whole index).
 *
 * The entries: a tie s -> d (s != d) is listed at s with other end d and
 * at d with other end s; a self-loop once, at its node. Each entry packs
 * (other << 32 | tie << 1 | bit) into one key, so plain integer order is
 * (other, tie), and carries the tie's weight, so combining reads no tie
 * record at random. The bit says whether the entry yields an arc in a
 * directed view: always at the source end, at the target end only for an
 * undirected tie; for a self-loop, whether the tie is undirected (which
 * gives two arcs in a directed view, like its two ends).
 *
 * Cost: 16 bytes per entry (32 per tie) and 8 per node, kept while the
 * network lives and dropped when a node or tie is added. Built in
 * O(n + m): a counting pass, a scatter in tie order, and a stable sort of
 * each node's list by other end (insertion sort for short lists, LSD radix
 * for long ones).
 */
#include <string.h>

#include "view-private.h"

/* Sorts one node's entries by key. They arrive in tie order, so a stable
 * sort by `other` alone gives (other, tie) order. Most lists are a node's
 * few dozen entries, for which insertion sort in cache beats anything
 * else; a hub's long list gets a stable LSD radix sort on `other`, 8 bits a
 * pass (@other_bits bits in all), through @tmp (room for @n entries): O(n)
 * where a comparison sort would cost O(n log n) and, for glibc's qsort(), a
 * malloc() per list. */
guint
citynet_incidence_bits(gsize n)
{
  guint bits = 0;
  while (bits < 32 && n > 0 && (n - 1) >> bits != 0)
    bits++;
  return bits;
}

void
citynet_incidence_sort_run(CitynetIncidenceEntry *entries, gsize n,
                           CitynetIncidenceEntry *tmp, guint other_bits)
{
  if (n <= 24) {
    for (gsize i = 1; i < n; i++) {
      CitynetIncidenceEntry entry = entries[i];
      gsize j = i;
      for (; j > 0 && entries[j - 1].key > entry.key; j--)
        entries[j] = entries[j - 1];
      entries[j] = entry;
    }
    return;
  }
  CitynetIncidenceEntry *in = entries, *out = tmp;
  for (guint shift = 32; shift < 32 + other_bits; shift += 8) {
    gsize start[257] = { 0 };
    for (gsize i = 0; i < n; i++)
      start[((in[i].key >> shift) & 0xff) + 1]++;
    for (guint d = 0; d < 256; d++)
      start[d + 1] += start[d];
    for (gsize i = 0; i < n; i++)
      out[start[(in[i].key >> shift) & 0xff]++] = in[i];
    CitynetIncidenceEntry *swap = in;
    in = out;
    out = swap;
  }
  if (in != entries)
    memcpy(entries, in, n * sizeof *entries);
}

static CitynetIncidence *
citynet_incidence_build(const CitynetNetwork *network)
{
  const CitynetTieRec *recs = network->ties->data;
  const gsize m = network->ties->len, n = network->nodes->len;

  CitynetIncidence *index = g_new0(CitynetIncidence, 1);
  index->n_nodes = n;
  index->start = citynet_big_alloc0((n + 1) * sizeof *index->start);
  gsize *fill = index->start + 1;       /* counts, then insertion points */
  for (gsize t = 0; t < m; t++) {
    fill[recs[t].source]++;
    if (recs[t].target != recs[t].source)
      fill[recs[t].target]++;
  }
  for (gsize v = 0; v < n; v++)
    index->start[v + 1] += index->start[v];
  index->n_entries = index->start[n];

  /* Scatter in tie order, start[v] serving as v's insertion point: it
   * ends at v's end, which is where v + 1 starts, so shifting start[] up
   * by one afterwards restores it. */
  index->entries = citynet_big_alloc(MAX(index->n_entries, 1) * sizeof *index->entries);
  gsize *next = index->start;
  for (gsize t = 0; t < m; t++) {
    const CitynetTieRec *tie = &recs[t];
    const guint32 s = tie->source, d = tie->target;
    const guint undirected = tie->directed ? 0 : 1;
    if (s == d) {
      index->entries[next[s]++] =
        (CitynetIncidenceEntry) { CITYNET_INCIDENCE_KEY(s, t, undirected), tie->weight };
      continue;
    }
    index->entries[next[s]++] =
      (CitynetIncidenceEntry) { CITYNET_INCIDENCE_KEY(d, t, 1), tie->weight };
    index->entries[next[d]++] =
      (CitynetIncidenceEntry) { CITYNET_INCIDENCE_KEY(s, t, undirected), tie->weight };
  }
  memmove(index->start + 1, index->start, n * sizeof *index->start);
  index->start[0] = 0;

  gsize longest = 0;
  for (gsize v = 0; v < n; v++)
    longest = MAX(longest, index->start[v + 1] - index->start[v]);
  CitynetIncidenceEntry *tmp = citynet_big_alloc(MAX(longest, 1) * sizeof *tmp);
  const guint other_bits = citynet_incidence_bits(n);
  for (gsize v = 0; v < n; v++)
    citynet_incidence_sort_run(index->entries + index->start[v],
                               index->start[v + 1] - index->start[v], tmp,
                               other_bits);
  citynet_big_free(tmp);
  return index;
}

const CitynetIncidence *
citynet_network_incidence(CitynetNetwork *network)
{
  g_mutex_lock(&network->incidence_lock);
  if (network->incidence == NULL)
    network->incidence = citynet_incidence_build(network);
  const CitynetIncidence *index = network->incidence;
  g_mutex_unlock(&network->incidence_lock);
  return index;
}

void
citynet_network_drop_incidence(CitynetNetwork *network)
{
  CitynetIncidence *index = network->incidence;
  if (index == NULL)
    return;
  network->incidence = NULL;
  citynet_big_free(index->start);
  citynet_big_free(index->entries);
  g_free(index);
}
