/* libcitynet - seeded streams, thread fan-out, undoable stratified draws
 * and permutation summaries (see permutation.h). */
#include <math.h>
#include <stdatomic.h>
#include <string.h>

#include "permutation.h"
#include "progress-private.h"

/* ------------------------------------------------------------------------ */
/* Random streams                                                           */
/* ------------------------------------------------------------------------ */

/* splitmix64 (Steele, Lea & Flood 2014): advances *state and returns a
 * well-mixed 64-bit value; the recommended seeder of xoshiro. */
static guint64
splitmix64(guint64 *state)
{
  guint64 z = (*state += G_GUINT64_CONSTANT(0x9E3779B97F4A7C15));
  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT(0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT(0x94D049BB133111EB);
  return z ^ (z >> 31);
}

void
citynet_rng_seed(CitynetRng *rng, guint64 seed, guint64 run, guint64 index)
{
  /* Mix each number through its own splitmix step so that (seed, run,
   * index) triples which differ in any one part start far apart. */
  guint64 a = seed, b = run ^ G_GUINT64_CONSTANT(0xD1B54A32D192ED03),
          c = index ^ G_GUINT64_CONSTANT(0x8CB92BA72F3D8DD7);
  guint64 state = splitmix64(&a) ^ (splitmix64(&b) * 3) ^ (splitmix64(&c) * 5);
  for (int i = 0; i < 4; i++)
    rng->s[i] = splitmix64(&state);
  if ((rng->s[0] | rng->s[1] | rng->s[2] | rng->s[3]) == 0)
    rng->s[0] = 1; /* the one forbidden xoshiro state */
}

static inline guint64
rotl(guint64 x, int k)
{
  return (x << k) | (x >> (64 - k));
}

guint64
citynet_rng_next(CitynetRng *rng)
{
  guint64 *s = rng->s;
  const guint64 result = rotl(s[1] * 5, 7) * 9;
  const guint64 t = s[1] << 17;
  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl(s[3], 45);
  return result;
}

guint64
citynet_rng_below(CitynetRng *rng, guint64 bound)
{
  g_assert(bound > 0);
#if defined(__SIZEOF_INT128__)
  /* Lemire's multiply-and-reject: the high word of x * bound is uniform
   * once the few low words below 2^64 mod bound are rejected. */
  unsigned __int128 m = (unsigned __int128) citynet_rng_next(rng) * bound;
  guint64 low = (guint64) m;
  if (low < bound) {
    guint64 threshold = (0 - bound) % bound;
    while (low < threshold) {
      m = (unsigned __int128) citynet_rng_next(rng) * bound;
      low = (guint64) m;
    }
  }
  return (guint64) (m >> 64);
#else
  guint64 threshold = (0 - bound) % bound;
  for (;;) {
    guint64 x = citynet_rng_next(rng);
    if (x >= threshold)
      return x % bound;
  }
#endif
}

double
citynet_rng_double(CitynetRng *rng)
{
  return (double) (citynet_rng_next(rng) >> 11) * 0x1.0p-53;
}

/* ------------------------------------------------------------------------ */
/* Thread fan-out                                                           */
/* ------------------------------------------------------------------------ */

typedef struct {
  gsize n_items;
  gsize chunk;
  atomic_size_t next;            /* first item of the next free chunk */
  atomic_size_t done;            /* items finished, for progress */
  atomic_int stop;               /* cancelled: take no more chunks */
  CitynetScratchNew scratch_new;
  GDestroyNotify scratch_free;
  CitynetReplicateFunc func;
  gconstpointer context;
  /* The calling thread waits for the others on @finished, waking now
   * and then to report progress; @running counts the started threads
   * that have not finished. */
  GMutex lock;
  GCond finished;
  guint running;
} CitynetFanOut;

/* Takes and runs chunks until none is left or the run is cancelled.
 * With @progress (the calling thread only) reports after each chunk. */
static void
fan_out_work(CitynetFanOut *fan, CitynetProgress *progress)
{
  gpointer scratch = fan->scratch_new != NULL ? fan->scratch_new(fan->context) : NULL;
  while (!atomic_load_explicit(&fan->stop, memory_order_relaxed)) {
    gsize first = atomic_fetch_add(&fan->next, fan->chunk);
    if (first >= fan->n_items)
      break;
    gsize last = MIN(first + fan->chunk, fan->n_items);
    fan->func(fan->context, scratch, first, last);
    gsize done = atomic_fetch_add(&fan->done, last - first) + (last - first);
    if (progress != NULL && !citynet_progress_step(progress, done))
      atomic_store(&fan->stop, 1);
  }
  if (scratch != NULL && fan->scratch_free != NULL)
    fan->scratch_free(scratch);
}

static gpointer
fan_out_worker(gpointer data)
{
  CitynetFanOut *fan = data;
  fan_out_work(fan, NULL);
  g_mutex_lock(&fan->lock);
  fan->running--;
  g_cond_signal(&fan->finished);
  g_mutex_unlock(&fan->lock);
  return NULL;
}

/* The calling thread, its own chunks done: reports the others' progress
 * about 20 times a second until they have all finished. */
static void
fan_out_wait(CitynetFanOut *fan, CitynetProgress *progress)
{
  g_mutex_lock(&fan->lock);
  while (fan->running > 0) {
    gint64 deadline = g_get_monotonic_time() + G_USEC_PER_SEC / 20;
    if (g_cond_wait_until(&fan->finished, &fan->lock, deadline))
      continue;
    g_mutex_unlock(&fan->lock);
    if (!citynet_progress_step(progress, atomic_load(&fan->done)))
      atomic_store(&fan->stop, 1);
    g_mutex_lock(&fan->lock);
  }
  g_mutex_unlock(&fan->lock);
}

guint
citynet_parallel_threads(guint requested, gsize n_items, gsize chunk)
{
  guint threads = requested != 0 ? requested : (guint) g_get_num_processors();
  gsize chunks = chunk > 0 ? (n_items + chunk - 1) / chunk : 1;
  if (chunks < threads)
    threads = (guint) MAX(chunks, (gsize) 1);
  return MAX(threads, 1u);
}

gboolean
citynet_parallel_run_reporting(gsize n_items, guint n_threads, gsize chunk,
                               CitynetScratchNew scratch_new,
                               GDestroyNotify scratch_free,
                               CitynetReplicateFunc func, gconstpointer context,
                               const char *what)
{
  if (n_items == 0)
    return TRUE;
  if (chunk == 0)
    chunk = 1;
  CitynetProgress progress;
  gboolean reporting = what != NULL && citynet_progress_active();
  if (reporting) {
    citynet_progress_begin(&progress, what, n_items);
    /* Chunks of at most 1% of the run, so that the bar moves and a
     * cancel is heard soon; replicates do not depend on their chunk. */
    chunk = MIN(chunk, MAX(n_items / 100, (gsize) 1));
    if (!citynet_progress_update(&progress, 0))
      return FALSE;
  }
  CitynetFanOut fan = {
    .n_items = n_items, .chunk = chunk, .scratch_new = scratch_new,
    .scratch_free = scratch_free, .func = func, .context = context,
  };
  atomic_init(&fan.next, 0);
  atomic_init(&fan.done, 0);
  atomic_init(&fan.stop, 0);
  g_mutex_init(&fan.lock);
  g_cond_init(&fan.finished);
  guint threads = citynet_parallel_threads(n_threads, n_items, chunk);
  GPtrArray *started = g_ptr_array_new();
  for (guint t = 1; t < threads; t++) {
    g_mutex_lock(&fan.lock);
    fan.running++;
    g_mutex_unlock(&fan.lock);
    GThread *thread = g_thread_try_new("citynet-perm", fan_out_worker, &fan, NULL);
    if (thread == NULL) {
      /* The threads already running (and this one) share the work. */
      g_mutex_lock(&fan.lock);
      fan.running--;
      g_mutex_unlock(&fan.lock);
      break;
    }
    g_ptr_array_add(started, thread);
  }
  fan_out_work(&fan, reporting ? &progress : NULL);
  if (reporting)
    fan_out_wait(&fan, &progress);
  for (guint t = 0; t < started->len; t++)
    g_thread_join(g_ptr_array_index(started, t));
  g_ptr_array_unref(started);
  g_cond_clear(&fan.finished);
  g_mutex_clear(&fan.lock);
  if (atomic_load(&fan.stop))
    return FALSE;
  return !reporting || citynet_progress_end(&progress);
}

void
citynet_parallel_run(gsize n_items, guint n_threads, gsize chunk,
                     CitynetScratchNew scratch_new, GDestroyNotify scratch_free,
                     CitynetReplicateFunc func, gconstpointer context)
{
  citynet_parallel_run_reporting(n_items, n_threads, chunk, scratch_new,
                                 scratch_free, func, context, NULL);
}

/* ------------------------------------------------------------------------ */
/* Stratified draws                                                         */
/* ------------------------------------------------------------------------ */

void
citynet_strata_init(CitynetStrata *strata, const guint32 *item_values,
                    const guint32 *stratum_of_item, gsize n_items,
                    gsize n_strata)
{
  strata->n_strata = n_strata;
  strata->start = g_new0(gsize, n_strata + 1);
  strata->items = g_new(guint32, MAX(n_items, (gsize) 1));
  for (gsize i = 0; i < n_items; i++)
    strata->start[stratum_of_item[i] + 1]++;
  for (gsize s = 0; s < n_strata; s++)
    strata->start[s + 1] += strata->start[s];
  gsize *fill = g_memdup2(strata->start, (n_strata + 1) * sizeof(gsize));
  for (gsize i = 0; i < n_items; i++)
    strata->items[fill[stratum_of_item[i]]++] = item_values[i];
  g_free(fill);
}

void
citynet_strata_clear(CitynetStrata *strata)
{
  g_clear_pointer(&strata->start, g_free);
  g_clear_pointer(&strata->items, g_free);
  strata->n_strata = 0;
}

void
citynet_drawer_init(CitynetDrawer *drawer, const CitynetStrata *strata,
                    gsize max_draws)
{
  gsize n = strata->start[strata->n_strata];
  drawer->strata = strata;
  drawer->items = g_memdup2(strata->items, MAX(n, (gsize) 1) * sizeof(guint32));
  drawer->cursor = g_new0(gsize, MAX(strata->n_strata, (gsize) 1));
  drawer->undo = g_new(gsize, MAX(max_draws, (gsize) 1));
  drawer->undo_stratum = g_new(guint32, MAX(max_draws, (gsize) 1));
  drawer->n_draws = 0;
  drawer->max_draws = max_draws;
}

void
citynet_drawer_clear(CitynetDrawer *drawer)
{
  g_clear_pointer(&drawer->items, g_free);
  g_clear_pointer(&drawer->cursor, g_free);
  g_clear_pointer(&drawer->undo, g_free);
  g_clear_pointer(&drawer->undo_stratum, g_free);
}

guint32
citynet_drawer_draw(CitynetDrawer *drawer, CitynetRng *rng, gsize stratum)
{
  const CitynetStrata *strata = drawer->strata;
  gsize base = strata->start[stratum];
  gsize size = strata->start[stratum + 1] - base;
  gsize t = drawer->cursor[stratum];
  g_assert(t < size && drawer->n_draws < drawer->max_draws);
  gsize r = t + (gsize) citynet_rng_below(rng, size - t);
  guint32 *items = drawer->items + base;
  guint32 value = items[r];
  items[r] = items[t];
  items[t] = value;
  drawer->undo[drawer->n_draws] = r;
  drawer->undo_stratum[drawer->n_draws] = (guint32) stratum;
  drawer->n_draws++;
  drawer->cursor[stratum] = t + 1;
  return value;
}

void
citynet_drawer_reset(CitynetDrawer *drawer)
{
  const CitynetStrata *strata = drawer->strata;
  while (drawer->n_draws > 0) {
    drawer->n_draws--;
    gsize stratum = drawer->undo_stratum[drawer->n_draws];
    gsize r = drawer->undo[drawer->n_draws];
    gsize t = --drawer->cursor[stratum];
    guint32 *items = drawer->items + strata->start[stratum];
    guint32 value = items[r];
    items[r] = items[t];
    items[t] = value;
  }
}

/* ------------------------------------------------------------------------ */
/* Summaries                                                                */
/* ------------------------------------------------------------------------ */

void
citynet_test_result_init(CitynetTestResult *result, double observed)
{
  result->observed = observed;
  result->n = 0;
  result->mean = result->sd = result->lower = result->upper = NAN;
  result->p_greater = result->p_less = result->p_two_sided = NAN;
}

double
citynet_quantile_sorted(const double *sorted, gsize n, double probability)
{
  if (n == 0)
    return NAN;
  double h = (double) (n - 1) * probability;
  gsize lo = (gsize) floor(h);
  if (lo >= n - 1)
    return sorted[n - 1];
  return sorted[lo] + (h - (double) lo) * (sorted[lo + 1] - sorted[lo]);
}

static int
compare_doubles(gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : (x > y ? 1 : 0);
}

void
citynet_test_summarise(CitynetTestResult *result, double observed,
                       const double *values, gsize n, gsize stride,
                       double level, gboolean interval_values,
                       gboolean p_values)
{
  result->observed = observed;
  double *finite = g_new(double, MAX(n, (gsize) 1));
  gsize m = 0;
  for (gsize i = 0; i < n; i++) {
    double v = values[i * stride];
    if (!isnan(v))
      finite[m++] = v;
  }
  if (interval_values) {
    result->n = (guint) m;
    double sum = 0.0;
    for (gsize i = 0; i < m; i++)
      sum += finite[i];
    double mean = m > 0 ? sum / (double) m : NAN;
    double squares = 0.0;
    for (gsize i = 0; i < m; i++)
      squares += (finite[i] - mean) * (finite[i] - mean);
    result->mean = mean;
    result->sd = m > 1 ? sqrt(squares / (double) (m - 1)) : NAN;
    qsort(finite, m, sizeof(double), compare_doubles);
    result->lower = citynet_quantile_sorted(finite, m, (1.0 - level) / 2.0);
    result->upper = citynet_quantile_sorted(finite, m, (1.0 + level) / 2.0);
  }
  if (p_values) {
    if (m == 0 || isnan(observed)) {
      result->p_greater = result->p_less = result->p_two_sided = NAN;
    } else {
      /* Statistics computed in another summation order can differ from
       * the observed one in the last bits: treat those as ties. */
      double tolerance = 1e-9 * (1.0 + fabs(observed));
      gsize greater = 0, less = 0;
      for (gsize i = 0; i < m; i++) {
        if (finite[i] >= observed - tolerance)
          greater++;
        if (finite[i] <= observed + tolerance)
          less++;
      }
      result->p_greater = (double) (greater + 1) / (double) (m + 1);
      result->p_less = (double) (less + 1) / (double) (m + 1);
      result->p_two_sided = MIN(1.0, 2.0 * MIN(result->p_greater, result->p_less));
    }
    if (!interval_values)
      result->n = (guint) m;
  }
  g_free(finite);
}

const char *
citynet_test_result_direction(const CitynetTestResult *result)
{
  g_return_val_if_fail(result != NULL, "none");
  if (isnan(result->p_greater) || isnan(result->p_less) ||
      result->p_greater == result->p_less)
    return "none";
  return result->p_greater < result->p_less ? "greater" : "less";
}
