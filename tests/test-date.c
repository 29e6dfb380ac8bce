/* Dates: parsing, formatting, covered days, and the activity rule. */
#include <math.h>
#include <string.h>

#include "test-util.h"

static CitynetDate
date(const char *text)
{
  CitynetDate d = 0;
  GError *error = NULL;
  assert_true(citynet_date_parse(text, &d, &error));
  assert_no_error(error);
  return d;
}

static void
test_parse_precisions(void **state)
{
  assert_int_equal(date("2019"), 20190000);
  assert_int_equal(date("2023-01"), 20230100);
  assert_int_equal(date("2022-12-05"), 20221205);
  assert_int_equal(date("2024-02-29"), 20240229); /* leap year */
  assert_int_equal(date(""), CITYNET_DATE_OPEN);
  assert_int_equal(date(NULL), CITYNET_DATE_OPEN);
}

static void
test_parse_rejects(void **state)
{
  const char *bad[] = {
    "19", "2019-1", "2019-13", "2019-00", "2019-02-30", "2023-02-29",
    "1900-02-29", "0000", "2019/01/01", " 2019", "2019-01-01T00:00",
    "20190101", "abcd", "2019-1-01", "2019-01-1",
  };
  for (gsize i = 0; i < G_N_ELEMENTS(bad); i++) {
    CitynetDate d = 0;
    GError *error = NULL;
    assert_false(citynet_date_parse(bad[i], &d, &error));
    assert_citynet_error(error, CITYNET_ERROR_INVALID_ARGUMENT, "invalid date");
  }
  /* 2000 is a leap year (divisible by 400). */
  assert_int_equal(date("2000-02-29"), 20000229);
}

static void
test_format_round_trip(void **state)
{
  const char *texts[] = {"2019", "2023-01", "2022-12-05", "0001", "9999-12-31"};
  char buffer[CITYNET_DATE_STRING_SIZE];
  for (gsize i = 0; i < G_N_ELEMENTS(texts); i++)
    assert_string_equal(citynet_date_format(date(texts[i]), buffer), texts[i]);
  assert_string_equal(citynet_date_format(CITYNET_DATE_OPEN, buffer), "");
}

static void
test_covered_days(void **state)
{
  assert_int_equal(citynet_date_first_day(date("2019")), 20190101);
  assert_int_equal(citynet_date_last_day(date("2019")), 20191231);
  assert_int_equal(citynet_date_first_day(date("2020-02")), 20200201);
  assert_int_equal(citynet_date_last_day(date("2020-02")), 20200229);
  assert_int_equal(citynet_date_last_day(date("2021-02")), 20210228);
  assert_int_equal(citynet_date_last_day(date("2021-04")), 20210430);
  assert_int_equal(citynet_date_first_day(date("2021-04-07")), 20210407);
  assert_int_equal(citynet_date_last_day(date("2021-04-07")), 20210407);
  assert_int_equal(citynet_date_first_day(CITYNET_DATE_OPEN), CITYNET_DATE_OPEN);
}

/* The rule of docs/views.md, one row each. */
static void
test_active_rule(void **state)
{
  CitynetDate open = CITYNET_DATE_OPEN;
  /* neither date: always active, also "now" */
  assert_true(citynet_date_active(open, open, date("1900-01-01")));
  assert_true(citynet_date_active(open, open, open));
  /* only a start: active from its first day on */
  assert_false(citynet_date_active(date("2020-12-10"), open, date("2020-12-09")));
  assert_true(citynet_date_active(date("2020-12-10"), open, date("2020-12-10")));
  assert_true(citynet_date_active(date("2020-12-10"), open, open));
  assert_true(citynet_date_active(date("2020"), open, date("2020-01-01")));
  assert_false(citynet_date_active(date("2020"), open, date("2019-12-31")));
  /* only an end: active up to its last day (UK in the EU until 2020-01-31) */
  assert_true(citynet_date_active(open, date("2020-01-31"), date("2020-01-31")));
  assert_false(citynet_date_active(open, date("2020-01-31"), date("2020-02-01")));
  assert_false(citynet_date_active(open, date("2020-01-31"), open));
  assert_true(citynet_date_active(open, date("2020-01"), date("2020-01-31")));
  /* both: a year-precision event covers the whole year */
  assert_true(citynet_date_active(date("2021"), date("2021"), date("2021-12-31")));
  assert_false(citynet_date_active(date("2021"), date("2021"), date("2022-01-01")));
  /* a partial day stands for its first day */
  assert_true(citynet_date_active(date("2021-06"), open, date("2021-06")));
  assert_false(citynet_date_active(date("2021-06-02"), open, date("2021-06")));
}

static void
test_overlaps(void **state)
{
  CitynetDate open = CITYNET_DATE_OPEN;
  CitynetDate from = date("2019-06-23"), to = date("2024-03-31");
  /* Rio de Janeiro, sister since 1965: overlaps the term */
  assert_true(citynet_date_overlaps(date("1965"), open, from, to));
  /* a visit the day before the term: outside */
  assert_false(citynet_date_overlaps(date("2019-06-22"), date("2019-06-22"), from, to));
  /* a visit dated only "2019": its year overlaps the window */
  assert_true(citynet_date_overlaps(date("2019"), date("2019"), from, to));
  /* a tie that ended before the window */
  assert_false(citynet_date_overlaps(date("2010"), date("2018"), from, to));
  /* a tie starting on the window's last day */
  assert_true(citynet_date_overlaps(date("2024-03-31"), open, from, to));
  assert_false(citynet_date_overlaps(date("2024-04"), open, from, to));
  /* open windows */
  assert_true(citynet_date_overlaps(date("1900"), date("1900"), open, to));
  assert_false(citynet_date_overlaps(date("1900"), date("1900"), from, open));
  assert_true(citynet_date_overlaps(open, open, open, open));
}

int
main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_parse_precisions),
    cmocka_unit_test(test_parse_rejects),
    cmocka_unit_test(test_format_round_trip),
    cmocka_unit_test(test_covered_days),
    cmocka_unit_test(test_active_rule),
    cmocka_unit_test(test_overlaps),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
