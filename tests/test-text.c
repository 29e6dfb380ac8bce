/* Text helpers: folded keys, edit distance, field checks. */
#include <math.h>
#include <string.h>

#include "test-util.h"

static void
assert_fold(const char *text, const char *expected)
{
  char *key = citynet_text_fold(text);
  if (strcmp(key, expected) != 0)
    fail_msg("fold(\"%s\") = \"%s\", expected \"%s\"", text, key, expected);
  g_free(key);
}

static void
test_fold_turkish_i(void **state)
{
  assert_fold("İstanbul", "istanbul");
  assert_fold("Istanbul", "istanbul");
  assert_fold("ISTANBUL", "istanbul");
  assert_fold("istanbul", "istanbul");
  assert_fold("ıstanbul", "istanbul");
  assert_fold("Diyarbakır", "diyarbakir");
  assert_fold("Bağcılar", "bagcilar");
}

static void
test_fold_lookalikes(void **state)
{
  assert_fold("Constanța", "constanta");  /* t with comma below */
  assert_fold("Constanţa", "constanta");  /* t with cedilla */
  assert_fold("Timișoara", "timisoara");
  assert_fold("Timişoara", "timisoara");
  assert_fold("Kraków", "krakow");
  assert_fold("Łódź", "lodz");
  assert_fold("København", "kobenhavn");
  assert_fold("Straße", "strasse");
  assert_fold("Ærøskøbing", "aeroskobing");
}

static void
test_fold_separators(void **state)
{
  assert_fold("rio-de-janeiro", "rio de janeiro");
  assert_fold("  Rio   de\tJaneiro ", "rio de janeiro");
  assert_fold("Rio_de_Janeiro", "rio de janeiro");
  assert_fold("Côte d’Ivoire", "cote d'ivoire");
  assert_fold("北京", "北京");
}

static void
test_distance(void **state)
{
  assert_int_equal(citynet_text_distance("odesa", "odessa", 3), 1);
  assert_int_equal(citynet_text_distance("kitten", "sitting", 5), 3);
  assert_int_equal(citynet_text_distance("", "abc", 5), 3);
  assert_int_equal(citynet_text_distance("same", "same", 0), 0);
  /* beyond the cap the answer is cap + 1 */
  assert_int_equal(citynet_text_distance("abcdefgh", "zyxwvuts", 2), 3);
  assert_int_equal(citynet_text_distance("a", "abcdefgh", 3), 4);
}

static void
test_clean_and_iso3(void **state)
{
  assert_true(citynet_text_is_clean("İstanbul", -1));
  assert_false(citynet_text_is_clean("", -1));
  assert_false(citynet_text_is_clean("a\tb", -1));
  assert_false(citynet_text_is_clean("a\nb", -1));
  assert_false(citynet_text_is_clean("\xff\xfe", -1));
  assert_true(citynet_text_is_clean("ab\ncd", 2)); /* only the first 2 bytes */
  assert_true(citynet_text_is_iso3("TUR"));
  assert_true(citynet_text_is_iso3("XKX"));
  assert_false(citynet_text_is_iso3("TR"));
  assert_false(citynet_text_is_iso3("tur"));
  assert_false(citynet_text_is_iso3("TURK"));
  assert_false(citynet_text_is_iso3(NULL));
}

int
main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_fold_turkish_i),
    cmocka_unit_test(test_fold_lookalikes),
    cmocka_unit_test(test_fold_separators),
    cmocka_unit_test(test_distance),
    cmocka_unit_test(test_clean_and_iso3),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
