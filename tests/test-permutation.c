/* Tests of the permutation machinery (libcitynet/permutation.h): streams,
 * bounded draws, undoable stratified draws, the thread fan-out and the
 * summaries. */
#include <math.h>
#include <string.h>

#include "test-util.h"
#include "permutation.h"

/* The streams against an independent Python transcription of the same
 * seeding (splitmix64 of seed, run ^ 0xD1B54A32D192ED03 and
 * index ^ 0x8CB92BA72F3D8DD7, combined a ^ 3b ^ 5c, four splitmix64
 * outputs) and of xoshiro256** (Blackman & Vigna). */
static void
test_rng_streams(void **state)
{
  (void) state;
  CitynetRng rng;
  citynet_rng_seed(&rng, 1, 2, 3);
  assert_true(citynet_rng_next(&rng) == G_GUINT64_CONSTANT(0x2025206e1821d57d));
  assert_true(citynet_rng_next(&rng) == G_GUINT64_CONSTANT(0x78800f502eddea5c));
  assert_true(citynet_rng_next(&rng) == G_GUINT64_CONSTANT(0x91474d0cc647b4bb));
  citynet_rng_seed(&rng, 0, 0, 0);
  assert_true(citynet_rng_next(&rng) == G_GUINT64_CONSTANT(0x1cc47a9cd1ee564b));
  assert_true(citynet_rng_next(&rng) == G_GUINT64_CONSTANT(0xa5700b4eec20a186));
  /* Neighbouring streams differ. */
  CitynetRng a, b;
  citynet_rng_seed(&a, 1, 2, 3);
  citynet_rng_seed(&b, 1, 2, 4);
  assert_true(citynet_rng_next(&a) != citynet_rng_next(&b));
}

/* citynet_rng_below(7) over 70000 draws: each value about 10000 times; the
 * chi-square statistic with 6 degrees of freedom stays below 22.46
 * (p = .001) for a fixed stream. Doubles are in [0, 1). */
static void
test_rng_below(void **state)
{
  (void) state;
  CitynetRng rng;
  citynet_rng_seed(&rng, 42, 0, 0);
  gsize counts[7] = { 0 };
  for (int i = 0; i < 70000; i++) {
    guint64 v = citynet_rng_below(&rng, 7);
    assert_true(v < 7);
    counts[v]++;
  }
  double chi2 = 0;
  for (int k = 0; k < 7; k++)
    chi2 += (counts[k] - 10000.0) * (counts[k] - 10000.0) / 10000.0;
  assert_true(chi2 < 22.46);
  assert_int_equal(citynet_rng_below(&rng, 1), 0);
  for (int i = 0; i < 1000; i++) {
    double d = citynet_rng_double(&rng);
    assert_true(d >= 0.0 && d < 1.0);
  }
}

/* Two strata {10, 11, 12} and {20, 21}: a full draw of each stratum is a
 * permutation of it; reset restores the original order exactly. */
static void
test_drawer(void **state)
{
  (void) state;
  const guint32 values[] = { 10, 20, 11, 21, 12 };
  const guint32 strata_of[] = { 0, 1, 0, 1, 0 };
  CitynetStrata strata;
  citynet_strata_init(&strata, values, strata_of, 5, 2);
  assert_int_equal(strata.start[1], 3);
  assert_int_equal(strata.items[0], 10);
  assert_int_equal(strata.items[2], 12);
  assert_int_equal(strata.items[3], 20);
  CitynetDrawer drawer;
  citynet_drawer_init(&drawer, &strata, 5);
  CitynetRng rng;
  citynet_rng_seed(&rng, 5, 0, 0);
  gsize first_counts[3] = { 0 };
  for (int round = 0; round < 3000; round++) {
    guint32 got[3];
    for (int i = 0; i < 3; i++)
      got[i] = citynet_drawer_draw(&drawer, &rng, 0);
    guint32 x = citynet_drawer_draw(&drawer, &rng, 1), y = citynet_drawer_draw(&drawer, &rng, 1);
    assert_true((x == 20 && y == 21) || (x == 21 && y == 20));
    assert_int_equal(got[0] + got[1] + got[2], 33);
    assert_true(got[0] != got[1] && got[1] != got[2] && got[0] != got[2]);
    first_counts[got[0] - 10]++;
    citynet_drawer_reset(&drawer);
    assert_memory_equal(drawer.items, strata.items, 5 * sizeof(guint32));
  }
  /* Each item comes first about 1000 times in 3000. */
  for (int k = 0; k < 3; k++)
    assert_true(first_counts[k] > 850 && first_counts[k] < 1150);
  citynet_drawer_clear(&drawer);
  citynet_strata_clear(&strata);
}

/* Every item is processed exactly once, with any number of threads. */
static void
mark_items(gconstpointer context, gpointer scratch, gsize first, gsize last)
{
  gint *marks = (gint *) context;
  (void) scratch;
  for (gsize i = first; i < last; i++)
    g_atomic_int_inc(&marks[i]);
}

static void
test_parallel_run(void **state)
{
  (void) state;
  for (guint threads = 0; threads <= 4; threads++) {
    gint marks[1000] = { 0 };
    citynet_parallel_run(1000, threads, 7, NULL, NULL, mark_items, marks);
    for (int i = 0; i < 1000; i++)
      assert_int_equal(marks[i], 1);
  }
  assert_int_equal(citynet_parallel_threads(8, 10, 64), 1);
  assert_int_equal(citynet_parallel_threads(3, 1000, 64), 3);
}

/* Summary of 9 permuted values 1..9 around an observed 7:
 *   #{t >= 7} = 3 -> p_greater (3 + 1)/10 = .4; #{t <= 7} = 7 -> .8;
 *   two-sided min(1, 2 · .4) = .8; mean 5, sd sqrt(60/8);
 *   type-7 quantiles at .025 and .975: 1 + 8·.025 = 1.2, 1 + 8·.975 = 8.8.
 * A value within 1e-9 (relative) of the observed counts as a tie. NaN
 * values are skipped. */
static void
test_summarise(void **state)
{
  (void) state;
  double values[11] = { 9, 1, 8, 2, 7, 3, 6, 4, 5, NAN, NAN };
  CitynetTestResult result;
  citynet_test_result_init(&result, 7);
  citynet_test_summarise(&result, 7, values, 11, 1, 0.95, TRUE, TRUE);
  assert_int_equal(result.n, 9);
  assert_double_close(result.p_greater, 0.4, 1e-15);
  assert_double_close(result.p_less, 0.8, 1e-15);
  assert_double_close(result.p_two_sided, 0.8, 1e-15);
  assert_double_close(result.mean, 5, 1e-15);
  assert_double_close(result.sd, sqrt(60.0 / 8.0), 1e-15);
  assert_double_close(result.lower, 1.2, 1e-12);
  assert_double_close(result.upper, 8.8, 1e-12);
  assert_string_equal(citynet_test_result_direction(&result), "greater");

  values[4] = 7 + 1e-12; /* a tie within tolerance: still counted both ways */
  citynet_test_summarise(&result, 7, values, 9, 1, 0.95, FALSE, TRUE);
  assert_double_close(result.p_greater, 0.4, 1e-15);
  assert_double_close(result.p_less, 0.8, 1e-15);

  /* Stride: every second value. */
  double strided[6] = { 1, -1, 2, -1, 3, -1 };
  citynet_test_summarise(&result, 3, strided, 3, 2, 0.5, TRUE, TRUE);
  assert_double_close(result.mean, 2, 1e-15);
  assert_double_close(result.p_greater, 0.5, 1e-15); /* (1 + 1)/4 */
  citynet_test_result_init(&result, 1);
  assert_string_equal(citynet_test_result_direction(&result), "none");
  double sorted[] = { 1, 2 };
  assert_double_close(citynet_quantile_sorted(sorted, 2, 0.5), 1.5, 0);
  assert_true(isnan(citynet_quantile_sorted(sorted, 0, 0.5)));
}

int
main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_rng_streams),
    cmocka_unit_test(test_rng_below),
    cmocka_unit_test(test_drawer),
    cmocka_unit_test(test_parallel_run),
    cmocka_unit_test(test_summarise),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
