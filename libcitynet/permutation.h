/* libcitynet - shared machinery for permutation tests and resampling
 * (private): seeded random streams, a deterministic thread fan-out,
 * stratified draws without replacement that can be undone, and the
 * summary of a permutation distribution (p-values, intervals).
 *
 * Determinism. A test is a list of independent replicates (permutations
 * or resamples) 0..n-1. Replicate i draws only from the stream
 * citynet_rng_seed(rng, seed, run, i) and writes only its own output slot,
 * and every replicate starts from the same state (draws are undone after
 * each one), so the results do not depend on how replicates are spread
 * over threads. Nothing here calls igraph.
 *
 * Run ids in use, so that two tests seeded alike never share streams:
 * 0 and 1 the E-I ego and network tests (ei-index.c), 2 and 3 the
 * comparison permutations and bootstrap (alignment.c), 0x62726f6b
 * ("brok") the brokerage permutations (brokerage.c). */
#ifndef CITYNET_PERMUTATION_H
#define CITYNET_PERMUTATION_H

#include "citynet-private.h"

G_BEGIN_DECLS

/* ------------------------------------------------------------------------ */
/* Random streams: xoshiro256** seeded through splitmix64                   */
/* ------------------------------------------------------------------------ */

typedef struct {
  guint64 s[4];
} CitynetRng;

/* Seeds @rng with the stream (@seed, @run, @index): the state is four
 * splitmix64 outputs from a start value mixing the three numbers, so
 * distinct triples give unrelated streams (Steele, Lea & Flood 2014;
 * Blackman & Vigna 2021). O(1). */
void citynet_rng_seed(CitynetRng *rng, guint64 seed, guint64 run,
                      guint64 index);
/* The next 64 random bits (xoshiro256**). */
guint64 citynet_rng_next(CitynetRng *rng);
/* A uniform integer in [0, @bound), @bound >= 1, without modulo bias
 * (Lemire 2019). */
guint64 citynet_rng_below(CitynetRng *rng, guint64 bound);
/* A uniform double in [0, 1) with 53 random bits. */
double citynet_rng_double(CitynetRng *rng);

/* ------------------------------------------------------------------------ */
/* Thread fan-out                                                           */
/* ------------------------------------------------------------------------ */

/* Per-thread scratch space: made once per worker thread by @scratch_new
 * (may be NULL), freed by @scratch_free. */
typedef gpointer (*CitynetScratchNew)(gconstpointer context);
/* Runs replicates [first, last) with the thread's scratch. */
typedef void (*CitynetReplicateFunc)(gconstpointer context, gpointer scratch,
                                     gsize first, gsize last);

/* The number of threads for @requested (0 = every processor), at most
 * one per chunk of @n_items. */
guint citynet_parallel_threads(guint requested, gsize n_items, gsize chunk);

/* Runs @func over items 0..@n_items-1 in chunks of @chunk, on @n_threads
 * threads (0 = every processor) including the calling one; threads take
 * the next chunk as they become free. Returns when all are done. A thread
 * that cannot be started is not an error: the others do its share. */
void citynet_parallel_run(gsize n_items, guint n_threads, gsize chunk,
                          CitynetScratchNew scratch_new,
                          GDestroyNotify scratch_free,
                          CitynetReplicateFunc func, gconstpointer context);

/* citynet_parallel_run() reporting to the progress handler under @what
 * (a static label; NULL reports nothing): 0 at the start, then the
 * fraction of items finished, 1 at the end. Only the calling thread calls
 * the handler; the workers add to an atomic count of finished items,
 * which it reads after each of its own chunks and, once it has no more,
 * about 20 times a second until the others finish. With a handler set,
 * chunks are cut to at most 1% of the items (the results do not depend
 * on the chunking). Returns FALSE when the handler cancelled: the threads
 * then stop at their next chunk and some items were not run, so the
 * caller must discard the output. */
gboolean citynet_parallel_run_reporting(gsize n_items, guint n_threads,
                                        gsize chunk,
                                        CitynetScratchNew scratch_new,
                                        GDestroyNotify scratch_free,
                                        CitynetReplicateFunc func,
                                        gconstpointer context,
                                        const char *what);

/* ------------------------------------------------------------------------ */
/* Stratified draws without replacement                                     */
/* ------------------------------------------------------------------------ */

/* The items to draw from, grouped by stratum: items[start[s] ..
 * start[s+1]) are stratum s. Shared, read-only. */
typedef struct {
  gsize n_strata;
  gsize *start;      /* n_strata + 1 offsets */
  guint32 *items;    /* start[n_strata] items */
} CitynetStrata;

/* Builds strata from one stratum id per item (values < n_strata; items
 * keep their relative order within a stratum). */
void citynet_strata_init(CitynetStrata *strata, const guint32 *item_values,
                         const guint32 *stratum_of_item, gsize n_items,
                         gsize n_strata);
void citynet_strata_clear(CitynetStrata *strata);

/* A thread's working copy: partial Fisher-Yates shuffles per stratum that
 * remember their swaps, so citynet_drawer_reset() restores the original
 * order in O(draws). */
typedef struct {
  const CitynetStrata *strata;
  guint32 *items;    /* copy of strata->items */
  gsize *cursor;     /* per stratum: items drawn so far */
  gsize *undo;       /* position swapped at each draw */
  guint32 *undo_stratum;
  gsize n_draws;
  gsize max_draws;
} CitynetDrawer;

void citynet_drawer_init(CitynetDrawer *drawer, const CitynetStrata *strata,
                         gsize max_draws);
void citynet_drawer_clear(CitynetDrawer *drawer);
/* Draws one item of @stratum uniformly among those not yet drawn since the
 * last reset. The stratum must not be exhausted. */
guint32 citynet_drawer_draw(CitynetDrawer *drawer, CitynetRng *rng,
                            gsize stratum);
/* Undoes every draw since the last reset, newest first. */
void citynet_drawer_reset(CitynetDrawer *drawer);

/* ------------------------------------------------------------------------ */
/* Summaries                                                                */
/* ------------------------------------------------------------------------ */

/* Fills @result (a CitynetTestResult) from @observed and the replicate
 * statistics values[i * stride] for i < n (NaN values are skipped):
 * mean, sd and the central @level interval when @interval_values is TRUE;
 * the p-values when @p_values is TRUE. Fields not filled are left as
 * they are. O(n log n). */
void citynet_test_summarise(CitynetTestResult *result, double observed,
                            const double *values, gsize n, gsize stride,
                            double level, gboolean interval_values,
                            gboolean p_values);
/* A result with every field NaN and n = 0, holding @observed. */
void citynet_test_result_init(CitynetTestResult *result, double observed);

/* The type-7 (linear interpolation) quantile of @sorted[0..n-1] at
 * @probability; NaN for n = 0. */
double citynet_quantile_sorted(const double *sorted, gsize n,
                               double probability);

G_END_DECLS

#endif /* CITYNET_PERMUTATION_H */
