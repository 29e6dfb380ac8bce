/* Tests of the CSV tokenizer, the value helpers and atomic files. */
#include <math.h>
#include <string.h>
#include <glib/gstdio.h>

#include "test-util.h"
#include "csv.h"
#include "atomic-file.h"

/* Reads the next record of @reader and checks its status, start line and
 * fields (a NULL-terminated list). */
static void
expect_record(CitynetCsvReader *reader, guint line, ...)
{
  assert_int_equal(citynet_csv_reader_next(reader), CITYNET_CSV_RECORD);
  assert_int_equal(reader->record_line, line);
  va_list args;
  va_start(args, line);
  guint i = 0;
  const char *want;
  while ((want = va_arg(args, const char *)) != NULL) {
    assert_true(i < citynet_csv_n_fields(reader));
    gsize len;
    const char *got = citynet_csv_field(reader, i, &len);
    assert_string_equal(got, want);
    assert_int_equal(len, strlen(want));
    i++;
  }
  va_end(args);
  assert_int_equal(citynet_csv_n_fields(reader), i);
}

static void
expect_bad(CitynetCsvReader *reader, guint line, CitynetCsvProblem problem,
           guint column)
{
  assert_int_equal(citynet_csv_reader_next(reader), CITYNET_CSV_BAD);
  assert_int_equal(reader->record_line, line);
  assert_int_equal(reader->problem, problem);
  assert_int_equal(reader->problem_column, column);
}

static void
expect_end(CitynetCsvReader *reader)
{
  assert_int_equal(citynet_csv_reader_next(reader), CITYNET_CSV_END);
  /* END is sticky. */
  assert_int_equal(citynet_csv_reader_next(reader), CITYNET_CSV_END);
}

static void
test_plain_records(void **state)
{
  const char *text = "id,kind,name\nistanbul,city,İstanbul\nx,y,z\n";
  CitynetCsvReader reader;
  citynet_csv_reader_init(&reader, text, strlen(text));
  expect_record(&reader, 1, "id", "kind", "name", NULL);
  expect_record(&reader, 2, "istanbul", "city", "İstanbul", NULL);
  expect_record(&reader, 3, "x", "y", "z", NULL);
  expect_end(&reader);
  citynet_csv_reader_clear(&reader);
}

static void
test_quotes(void **state)
{
  const char *text = "\"a,b\",\"say \"\"hi\"\"\",\"\",\"\"\"\"\n"
                     "\"plain\",x\n";
  CitynetCsvReader reader;
  citynet_csv_reader_init(&reader, text, strlen(text));
  expect_record(&reader, 1, "a,b", "say \"hi\"", "", "\"", NULL);
  expect_record(&reader, 2, "plain", "x", NULL);
  expect_end(&reader);
  citynet_csv_reader_clear(&reader);
}

static void
test_embedded_newlines_keep_line_numbers(void **state)
{
  const char *text = "h1,h2\n"
                     "\"two\nlines\",1\n"           /* lines 2-3 */
                     "z,\"three\r\nlines\nhere\"\n" /* lines 4-6 */
                     "last,\"\"\n";                 /* line 7 */
  CitynetCsvReader reader;
  citynet_csv_reader_init(&reader, text, strlen(text));
  expect_record(&reader, 1, "h1", "h2", NULL);
  expect_record(&reader, 2, "two\nlines", "1", NULL);
  expect_record(&reader, 4, "z", "three\r\nlines\nhere", NULL);
  expect_record(&reader, 7, "last", "", NULL);
  expect_end(&reader);
  citynet_csv_reader_clear(&reader);
}

static void
test_crlf_and_bare_cr(void **state)
{
  const char *text = "a,b\r\n1,2\r\n\"x\ry\",3\r\n4,5";
  CitynetCsvReader reader;
  citynet_csv_reader_init(&reader, text, strlen(text));
  expect_record(&reader, 1, "a", "b", NULL);
  expect_record(&reader, 2, "1", "2", NULL);
  /* A bare CR inside quotes is data but still a line break. */
  expect_record(&reader, 3, "x\ry", "3", NULL);
  expect_record(&reader, 5, "4", "5", NULL);
  expect_end(&reader);
  citynet_csv_reader_clear(&reader);
}

static void
test_bom_is_skipped(void **state)
{
  const char *text = "\xEF\xBB\xBFid,kind\nx,city\n";
  CitynetCsvReader reader;
  citynet_csv_reader_init(&reader, text, strlen(text));
  expect_record(&reader, 1, "id", "kind", NULL);
  expect_record(&reader, 2, "x", "city", NULL);
  expect_end(&reader);
  citynet_csv_reader_clear(&reader);

  /* A BOM anywhere else is data. */
  text = "a\n\xEF\xBB\xBF" "b\n";
  citynet_csv_reader_init(&reader, text, strlen(text));
  expect_record(&reader, 1, "a", NULL);
  expect_record(&reader, 2, "\xEF\xBB\xBF" "b", NULL);
  citynet_csv_reader_clear(&reader);
}

static void
test_empty_fields(void **state)
{
  const char *text = ",,\na,\n,b\n\"\",\n";
  CitynetCsvReader reader;
  citynet_csv_reader_init(&reader, text, strlen(text));
  expect_record(&reader, 1, "", "", "", NULL);
  expect_record(&reader, 2, "a", "", NULL);
  expect_record(&reader, 3, "", "b", NULL);
  expect_record(&reader, 4, "", "", NULL);
  expect_end(&reader);
  citynet_csv_reader_clear(&reader);
}

static void
test_trailing_newline_optional_and_blank_lines(void **state)
{
  const char *with = "a,b\n1,2\n";
  const char *without = "a,b\n1,2";
  const char *blank = "\n\na,b\r\n\r\n\n1,2\n\n";
  CitynetCsvReader reader;

  citynet_csv_reader_init(&reader, with, strlen(with));
  expect_record(&reader, 1, "a", "b", NULL);
  expect_record(&reader, 2, "1", "2", NULL);
  expect_end(&reader);
  citynet_csv_reader_clear(&reader);

  citynet_csv_reader_init(&reader, without, strlen(without));
  expect_record(&reader, 1, "a", "b", NULL);
  expect_record(&reader, 2, "1", "2", NULL);
  expect_end(&reader);
  citynet_csv_reader_clear(&reader);

  citynet_csv_reader_init(&reader, blank, strlen(blank));
  expect_record(&reader, 3, "a", "b", NULL);
  expect_record(&reader, 6, "1", "2", NULL);
  expect_end(&reader);
  citynet_csv_reader_clear(&reader);

  citynet_csv_reader_init(&reader, "", 0);
  expect_end(&reader);
  citynet_csv_reader_clear(&reader);
}

static void
test_unterminated_quote(void **state)
{
  const char *text = "a,b\n1,\"abc\n2,3\n4,5\n";
  CitynetCsvReader reader;
  citynet_csv_reader_init(&reader, text, strlen(text));
  expect_record(&reader, 1, "a", "b", NULL);
  /* The quote opened on line 2, field 2, swallows the rest of the file. */
  expect_bad(&reader, 2, CITYNET_CSV_UNTERMINATED_QUOTE, 2);
  expect_end(&reader);
  assert_non_null(strstr(citynet_csv_problem_message(CITYNET_CSV_UNTERMINATED_QUOTE),
                         "unterminated"));
  citynet_csv_reader_clear(&reader);
}

static void
test_stray_quote_and_text_after_quote(void **state)
{
  const char *text = "a,b\"c,d\n\"ab\"c,x\nok,1\n";
  CitynetCsvReader reader;
  citynet_csv_reader_init(&reader, text, strlen(text));
  expect_bad(&reader, 1, CITYNET_CSV_STRAY_QUOTE, 2);
  expect_bad(&reader, 2, CITYNET_CSV_TEXT_AFTER_QUOTE, 1);
  /* The reader recovers at the next record. */
  expect_record(&reader, 3, "ok", "1", NULL);
  expect_end(&reader);
  citynet_csv_reader_clear(&reader);
}

static void
test_nul_and_invalid_utf8(void **state)
{
  static const char text[] = "a,b,c\n1,x\0y,3\n1,2,\xff\xfe\n\"\xc3\",2,3\nok,2,3\n";
  CitynetCsvReader reader;
  citynet_csv_reader_init(&reader, text, sizeof text - 1);
  expect_record(&reader, 1, "a", "b", "c", NULL);
  expect_bad(&reader, 2, CITYNET_CSV_NUL_BYTE, 2);
  expect_bad(&reader, 3, CITYNET_CSV_INVALID_UTF8, 3);
  expect_bad(&reader, 4, CITYNET_CSV_INVALID_UTF8, 1);
  expect_record(&reader, 5, "ok", "2", "3", NULL);
  expect_end(&reader);
  citynet_csv_reader_clear(&reader);
}

static void
test_huge_fields_are_capped(void **state)
{
  gsize big = 10 * 1024 * 1024;
  GString *text = g_string_new("a,b\n1,");
  gsize start = text->len;
  g_string_set_size(text, start + big);
  memset(text->str + start, 'x', big);
  g_string_append(text, "\n2,\"");
  start = text->len;
  g_string_set_size(text, start + big);
  memset(text->str + start, 'y', big);
  g_string_append(text, "\n\"\n3,4\n");

  CitynetCsvReader reader;
  citynet_csv_reader_init(&reader, text->str, text->len);
  expect_record(&reader, 1, "a", "b", NULL);
  expect_bad(&reader, 2, CITYNET_CSV_FIELD_TOO_LONG, 2);
  expect_bad(&reader, 3, CITYNET_CSV_FIELD_TOO_LONG, 2);
  expect_record(&reader, 5, "3", "4", NULL);
  expect_end(&reader);
  /* The buffer holds at most one capped field, never the 10 MiB ones. */
  assert_true(reader.scratch_size <= 2 * CITYNET_CSV_MAX_FIELD + 4096);
  citynet_csv_reader_clear(&reader);

  /* Exactly 1 MiB is still fine. */
  g_string_assign(text, "");
  g_string_set_size(text, CITYNET_CSV_MAX_FIELD);
  memset(text->str, 'z', CITYNET_CSV_MAX_FIELD);
  citynet_csv_reader_init(&reader, text->str, text->len);
  assert_int_equal(citynet_csv_reader_next(&reader), CITYNET_CSV_RECORD);
  gsize len;
  citynet_csv_field(&reader, 0, &len);
  assert_int_equal(len, CITYNET_CSV_MAX_FIELD);
  citynet_csv_reader_clear(&reader);

  /* Nine fields of 1 MiB make a row over the 8 MiB cap. */
  g_string_assign(text, "");
  for (guint f = 0; f < 9; f++) {
    gsize at = text->len;
    g_string_set_size(text, at + CITYNET_CSV_MAX_FIELD);
    memset(text->str + at, 'w', CITYNET_CSV_MAX_FIELD);
    g_string_append_c(text, f < 8 ? ',' : '\n');
  }
  g_string_append(text, "ok\n");
  citynet_csv_reader_init(&reader, text->str, text->len);
  expect_bad(&reader, 1, CITYNET_CSV_RECORD_TOO_LONG, 9);
  expect_record(&reader, 2, "ok", NULL);
  citynet_csv_reader_clear(&reader);
  g_string_free(text, TRUE);
}

static void
test_too_many_fields(void **state)
{
  GString *text = g_string_new(NULL);
  for (guint i = 0; i < CITYNET_CSV_MAX_FIELDS + 10; i++)
    g_string_append_c(text, ',');
  g_string_append(text, "\nx\n");
  CitynetCsvReader reader;
  citynet_csv_reader_init(&reader, text->str, text->len);
  expect_bad(&reader, 1, CITYNET_CSV_TOO_MANY_FIELDS, CITYNET_CSV_MAX_FIELDS + 1);
  expect_record(&reader, 2, "x", NULL);
  citynet_csv_reader_clear(&reader);
  g_string_free(text, TRUE);
}

static void
test_count_lines(void **state)
{
  assert_int_equal(citynet_csv_count_lines("", 0), 0);
  assert_int_equal(citynet_csv_count_lines("a\nb\n", 4), 2);
  assert_int_equal(citynet_csv_count_lines("a\nb", 3), 1);
  /* Empty lines hold no record and are not counted. */
  assert_int_equal(citynet_csv_count_lines("\n\na\n\n\nb\n", 8), 2);
  assert_int_equal(citynet_csv_count_lines("\r\n\r\na\r\n", 7), 1);
}

/* ------------------------------------------------------------------------ */
/* Values                                                                   */
/* ------------------------------------------------------------------------ */

static gboolean
parse(const char *text, double *out)
{
  return citynet_csv_parse_double(text, strlen(text), out);
}

static void
test_parse_double_accepts_decimals(void **state)
{
  double v;
  assert_true(parse("1", &v));
  assert_true(v == 1.0);
  assert_true(parse("-2.5", &v));
  assert_true(v == -2.5);
  assert_true(parse("+3", &v));
  assert_true(v == 3.0);
  assert_true(parse(".5", &v));
  assert_true(v == 0.5);
  assert_true(parse("7.", &v));
  assert_true(v == 7.0);
  assert_true(parse("1e3", &v));
  assert_true(v == 1000.0);
  assert_true(parse("2.5E-3", &v));
  assert_true(v == 0.0025);
  assert_true(parse("41.0082", &v));
  assert_true(v == 41.0082);
  assert_true(parse("-0", &v));
  assert_true(v == 0.0 && signbit(v));
  assert_true(parse("1e999", &v)); /* a number, but not finite */
  assert_true(isinf(v));
}

static void
test_parse_double_rejects_the_rest(void **state)
{
  static const char *const bad[] = {
    "", "abc", "1,5", " 1", "1 ", "0x10", "inf", "-inf", "nan", "NaN",
    "1e", "--1", "+", "-", ".", "1.2.3", "1e+", "e5", "１", "1_000",
  };
  for (gsize i = 0; i < G_N_ELEMENTS(bad); i++) {
    double v = 42;
    if (parse(bad[i], &v))
      fail_msg("\"%s\" parsed as %g", bad[i], v);
  }
}

/* The fast path must agree bit for bit with g_ascii_strtod. */
static void
test_parse_double_matches_strtod(void **state)
{
  GRand *rand = g_rand_new_with_seed(20240601);
  char text[64];
  for (guint i = 0; i < 200000; i++) {
    guint int_digits = (guint) g_rand_int_range(rand, 0, 10);
    guint frac_digits = (guint) g_rand_int_range(rand, 0, 18);
    gsize n = 0;
    if (g_rand_boolean(rand))
      text[n++] = '-';
    for (guint d = 0; d < int_digits; d++)
      text[n++] = (char) ('0' + g_rand_int_range(rand, 0, 10));
    if (frac_digits > 0 || int_digits == 0) {
      text[n++] = '.';
      for (guint d = 0; d < MAX(frac_digits, 1u); d++)
        text[n++] = (char) ('0' + g_rand_int_range(rand, 0, 10));
    }
    text[n] = '\0';
    double fast, slow = g_ascii_strtod(text, NULL);
    assert_true(citynet_csv_parse_double(text, n, &fast));
    if (memcmp(&fast, &slow, sizeof fast) != 0)
      fail_msg("\"%s\": %.17g != strtod %.17g", text, fast, slow);
  }
  g_rand_free(rand);
}

static void
test_parse_bool(void **state)
{
  static const struct {
    const char *text;
    gboolean value;
  } good[] = {
    {"", FALSE},    {"true", TRUE}, {"TRUE", TRUE}, {"True", TRUE},
    {"false", FALSE}, {"1", TRUE},  {"0", FALSE},   {"yes", TRUE},
    {"YES", TRUE},  {"no", FALSE},  {"No", FALSE},
  };
  for (gsize i = 0; i < G_N_ELEMENTS(good); i++) {
    gboolean value = !good[i].value;
    assert_true(citynet_csv_parse_bool(good[i].text, strlen(good[i].text), &value));
    assert_int_equal(value, good[i].value);
  }
  static const char *const bad[] = {"maybe", "t", "2", " true", "yess", "-1"};
  for (gsize i = 0; i < G_N_ELEMENTS(bad); i++) {
    gboolean value;
    assert_false(citynet_csv_parse_bool(bad[i], strlen(bad[i]), &value));
  }
}

static void
test_format_double(void **state)
{
  char buffer[CITYNET_CSV_DOUBLE_SIZE];
  assert_string_equal(citynet_csv_format_double(1.0, buffer), "1");
  assert_string_equal(citynet_csv_format_double(0.0, buffer), "0");
  assert_string_equal(citynet_csv_format_double(-0.0, buffer), "-0");
  assert_string_equal(citynet_csv_format_double(0.1, buffer), "0.1");
  assert_string_equal(citynet_csv_format_double(41.0082, buffer), "41.0082");
  assert_string_equal(citynet_csv_format_double(-3.5, buffer), "-3.5");
  assert_string_equal(citynet_csv_format_double(15462452.0, buffer), "15462452");
  assert_string_equal(citynet_csv_format_double(1e300, buffer), "1e+300");
  assert_string_equal(citynet_csv_format_double(1.0 / 3.0, buffer),
                      "0.3333333333333333");
  assert_string_equal(citynet_csv_format_double(0.1 + 0.2, buffer),
                      "0.30000000000000004");

  /* Every double reads back exactly. */
  GRand *rand = g_rand_new_with_seed(7);
  for (guint i = 0; i < 100000; i++) {
    guint64 bits = ((guint64) g_rand_int(rand) << 32) | g_rand_int(rand);
    double value;
    memcpy(&value, &bits, sizeof value);
    if (!isfinite(value))
      continue;
    citynet_csv_format_double(value, buffer);
    double back;
    assert_true(citynet_csv_parse_double(buffer, strlen(buffer), &back));
    if (memcmp(&back, &value, sizeof value) != 0)
      fail_msg("%.17g printed as %s reads back as %.17g", value, buffer, back);
  }
  g_rand_free(rand);
}

static void
test_append_field(void **state)
{
  static const struct {
    const char *value;
    const char *csv;
  } cases[] = {
    {"", ""},
    {"plain", "plain"},
    {"İstanbul", "İstanbul"},
    {"a,b", "\"a,b\""},
    {"say \"hi\"", "\"say \"\"hi\"\"\""},
    {"two\nlines", "\"two\nlines\""},
    {"cr\rhere", "\"cr\rhere\""},
    {" leading", "\" leading\""},
    {"trailing\t", "\"trailing\t\""},
    {"\"", "\"\"\"\""},
  };
  GString *out = g_string_new(NULL);
  for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
    g_string_truncate(out, 0);
    citynet_csv_append_field(out, cases[i].value, -1);
    assert_string_equal(out->str, cases[i].csv);
    /* And the tokenizer reads it back. */
    CitynetCsvReader reader;
    citynet_csv_reader_init(&reader, out->str, out->len);
    if (cases[i].value[0] != '\0') {
      assert_int_equal(citynet_csv_reader_next(&reader), CITYNET_CSV_RECORD);
      assert_string_equal(citynet_csv_field(&reader, 0, NULL), cases[i].value);
    }
    citynet_csv_reader_clear(&reader);
  }
  g_string_free(out, TRUE);
}

/* Unquoted fields and quoted ones without doubled quotes are slices of
 * the text; only unescaping copies. NUL-terminated copies made on demand
 * stay valid while more fields of the record are terminated. */
static void
test_slices_and_terminated_fields(void **state)
{
  const char *text = "abc,\"q,uoted\",\"say \"\"hi\"\"\",,last\n";
  CitynetCsvReader reader;
  citynet_csv_reader_init(&reader, text, strlen(text));
  assert_int_equal(citynet_csv_reader_next(&reader), CITYNET_CSV_RECORD);
  assert_int_equal(citynet_csv_n_fields(&reader), 5);
  gsize len;
  assert_ptr_equal(citynet_csv_slice(&reader, 0, &len), text);
  assert_int_equal(len, 3);
  assert_ptr_equal(citynet_csv_slice(&reader, 1, &len), text + 5);
  assert_int_equal(len, 7);
  assert_memory_equal(citynet_csv_slice(&reader, 2, &len), "say \"hi\"", 8);
  assert_int_equal(len, 8);
  citynet_csv_slice(&reader, 3, &len);
  assert_int_equal(len, 0);

  const char *fields[5];
  for (guint i = 0; i < 5; i++)
    fields[i] = citynet_csv_field(&reader, i, NULL);
  const char *const want[] = {"abc", "q,uoted", "say \"hi\"", "", "last"};
  for (guint i = 0; i < 5; i++) {
    assert_string_equal(fields[i], want[i]);
    /* Terminated once: the same copy again. */
    assert_ptr_equal(citynet_csv_field(&reader, i, NULL), fields[i]);
  }
  citynet_csv_reader_clear(&reader);
}

/* The line of @text at byte @offset: CRLF, LF and a lone CR each end one. */
static guint
line_at(const char *text, gsize offset)
{
  guint line = 1;
  for (gsize i = 0; i < offset; i++)
    if (text[i] == '\n' || (text[i] == '\r' && text[i + 1] != '\n'))
      line++;
  return line;
}

/* Random records written with citynet_csv_append_field() read back field
 * for field and at the right line: fields of every length cross the
 * tokenizer's 64-byte blocks at every offset, with quotes, separators,
 * line breaks and multi-byte characters in and around them. */
static void
test_random_records_round_trip(void **state)
{
  static const char *const pieces[] = {
    "a", "b", "xyz", "0123456789", ",", "\"", "\"\"", "\n", "\r", "\r\n",
    " ", "é", "İstanbul", "€", "𝄞", "\t",
  };
  GRand *rand = g_rand_new_with_seed(64);
  for (guint round = 0; round < 200; round++) {
    GString *text = g_string_new(NULL);
    GPtrArray *fields = g_ptr_array_new_with_free_func(g_free);
    GArray *counts = g_array_new(FALSE, FALSE, sizeof(guint));
    GArray *starts = g_array_new(FALSE, FALSE, sizeof(gsize));
    guint n_records = (guint) g_rand_int_range(rand, 1, 40);
    for (guint r = 0; r < n_records; r++) {
      guint n_fields = (guint) g_rand_int_range(rand, 2, 9);
      gsize start = text->len;
      g_array_append_val(starts, start);
      g_array_append_val(counts, n_fields);
      for (guint f = 0; f < n_fields; f++) {
        GString *value = g_string_new(NULL);
        guint n_pieces = (guint) g_rand_int_range(rand, 0, 12);
        for (guint i = 0; i < n_pieces; i++)
          g_string_append(value, pieces[g_rand_int_range(
                                     rand, 0, G_N_ELEMENTS(pieces))]);
        if (f > 0)
          g_string_append_c(text, ',');
        citynet_csv_append_field(text, value->str, (gssize) value->len);
        g_ptr_array_add(fields, g_string_free(value, FALSE));
      }
      if (r + 1 < n_records || g_rand_boolean(rand))
        g_string_append(text, g_rand_boolean(rand) ? "\n" : "\r\n");
    }

    CitynetCsvReader reader;
    citynet_csv_reader_init(&reader, text->str, text->len);
    guint next = 0;
    for (guint r = 0; r < n_records; r++) {
      assert_int_equal(citynet_csv_reader_next(&reader), CITYNET_CSV_RECORD);
      assert_int_equal(reader.record_line,
                       line_at(text->str, g_array_index(starts, gsize, r)));
      guint n_fields = g_array_index(counts, guint, r);
      assert_int_equal(citynet_csv_n_fields(&reader), n_fields);
      for (guint f = 0; f < n_fields; f++) {
        const char *want = g_ptr_array_index(fields, next++);
        gsize len;
        const char *got = citynet_csv_slice(&reader, f, &len);
        assert_int_equal(len, strlen(want));
        assert_memory_equal(got, want, len);
        assert_string_equal(citynet_csv_field(&reader, f, NULL), want);
      }
    }
    assert_int_equal(citynet_csv_reader_next(&reader), CITYNET_CSV_END);
    citynet_csv_reader_clear(&reader);
    g_array_unref(starts);
    g_array_unref(counts);
    g_ptr_array_unref(fields);
    g_string_free(text, TRUE);
  }
  g_rand_free(rand);
}

/* Problems are found wherever a field lies relative to the 64-byte blocks
 * the tokenizer scans: shift a bad record through two blocks. */
static void
test_problems_at_every_offset(void **state)
{
  static const struct {
    const char *bad;
    CitynetCsvProblem problem;
    guint column;
  } cases[] = {
    {"ab,c\"d,e\n", CITYNET_CSV_STRAY_QUOTE, 2},
    {"ab,\xc3(,e\n", CITYNET_CSV_INVALID_UTF8, 2},
    {"ab,\"x\"y,e\n", CITYNET_CSV_TEXT_AFTER_QUOTE, 2},
    {"ab,cd,\xe2\x82\n", CITYNET_CSV_INVALID_UTF8, 3},
  };
  for (gsize c = 0; c < G_N_ELEMENTS(cases); c++) {
    for (guint shift = 0; shift < 130; shift++) {
      GString *text = g_string_new(NULL);
      g_string_append_len(text, "pad,", 4);
      for (guint i = 0; i < shift; i++)
        g_string_append_c(text, 'p');
      g_string_append(text, "\n");
      g_string_append(text, cases[c].bad);
      g_string_append(text, "ok,1\n");
      CitynetCsvReader reader;
      citynet_csv_reader_init(&reader, text->str, text->len);
      assert_int_equal(citynet_csv_reader_next(&reader), CITYNET_CSV_RECORD);
      expect_bad(&reader, 2, cases[c].problem, cases[c].column);
      expect_record(&reader, 3, "ok", "1", NULL);
      expect_end(&reader);
      citynet_csv_reader_clear(&reader);
      g_string_free(text, TRUE);
    }
  }
}

/* ------------------------------------------------------------------------ */
/* Atomic files                                                             */
/* ------------------------------------------------------------------------ */

static guint
count_entries(const char *dir)
{
  GDir *d = g_dir_open(dir, 0, NULL);
  guint n = 0;
  while (g_dir_read_name(d) != NULL)
    n++;
  g_dir_close(d);
  return n;
}

static void
test_atomic_file_commit(void **state)
{
  char *dir = test_mkdtemp();
  char *path = g_build_filename(dir, "out.csv", NULL);
  test_write_file(dir, "out.csv", "old contents\n");

  GError *error = NULL;
  CitynetAtomicFile *file = citynet_atomic_file_open(path, &error);
  assert_no_error(error);
  assert_non_null(file);
  assert_true(g_str_has_prefix(citynet_atomic_file_get_temp_path(file), path));
  assert_string_equal(citynet_atomic_file_get_path(file), path);
  assert_true(citynet_atomic_file_write(file, "name,value\n", -1));
  assert_true(citynet_atomic_file_write_csv_field(file, "a,\"b\"", -1));
  assert_true(citynet_atomic_file_printf(file, ",%d\n", 42));
  /* The target is untouched until commit. */
  char *contents = test_read_file(path);
  assert_string_equal(contents, "old contents\n");
  g_free(contents);
  assert_int_equal(count_entries(dir), 2);

  assert_true(citynet_atomic_file_commit(file, &error));
  assert_no_error(error);
  contents = test_read_file(path);
  assert_string_equal(contents, "name,value\n\"a,\"\"b\"\"\",42\n");
  g_free(contents);
  assert_int_equal(count_entries(dir), 1);

  g_free(path);
  test_rmtree(dir);
  g_free(dir);
}

static void
test_atomic_file_abort_and_errors(void **state)
{
  char *dir = test_mkdtemp();
  char *path = g_build_filename(dir, "out.csv", NULL);
  GError *error = NULL;

  CitynetAtomicFile *file = citynet_atomic_file_open(path, &error);
  assert_no_error(error);
  citynet_atomic_file_write(file, "partial", -1);
  citynet_atomic_file_abort(file);
  assert_false(g_file_test(path, G_FILE_TEST_EXISTS));
  assert_int_equal(count_entries(dir), 0);
  citynet_atomic_file_abort(NULL);

  /* No directory: open fails with an IO error naming the path. */
  char *missing = g_build_filename(dir, "no", "such", "out.csv", NULL);
  assert_null(citynet_atomic_file_open(missing, &error));
  assert_citynet_error(error, CITYNET_ERROR_IO, missing);

  /* The target is a directory: commit fails and leaves no temporary. */
  char *sub = g_build_filename(dir, "taken", NULL);
  g_mkdir(sub, 0755);
  test_write_file(sub, "inside", "x");
  file = citynet_atomic_file_open(sub, &error);
  assert_no_error(error);
  citynet_atomic_file_write(file, "data", -1);
  assert_false(citynet_atomic_file_commit(file, &error));
  assert_citynet_error(error, CITYNET_ERROR_IO, "taken");
  assert_int_equal(count_entries(dir), 1);

  g_free(sub);
  g_free(missing);
  g_free(path);
  test_rmtree(dir);
  g_free(dir);
}

/* close can come before commit or abort (bundle saves close every file
 * before renaming any); writes after it fail instead of crashing. */
static void
test_atomic_file_close_then_abort(void **state)
{
  char *dir = test_mkdtemp();
  char *path = g_build_filename(dir, "out.csv", NULL);
  GError *error = NULL;
  CitynetAtomicFile *file = citynet_atomic_file_open(path, &error);
  assert_true(citynet_atomic_file_close(file, &error));
  assert_true(citynet_atomic_file_close(file, &error)); /* harmless twice */
  /* Writing after close fails and the file can still be aborted. */
  assert_false(citynet_atomic_file_write(file, "late", -1));
  citynet_atomic_file_abort(file);
  assert_int_equal(count_entries(dir), 0);
  g_free(path);
  test_rmtree(dir);
  g_free(dir);
}

int
main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_plain_records),
    cmocka_unit_test(test_quotes),
    cmocka_unit_test(test_embedded_newlines_keep_line_numbers),
    cmocka_unit_test(test_crlf_and_bare_cr),
    cmocka_unit_test(test_bom_is_skipped),
    cmocka_unit_test(test_empty_fields),
    cmocka_unit_test(test_trailing_newline_optional_and_blank_lines),
    cmocka_unit_test(test_unterminated_quote),
    cmocka_unit_test(test_stray_quote_and_text_after_quote),
    cmocka_unit_test(test_nul_and_invalid_utf8),
    cmocka_unit_test(test_huge_fields_are_capped),
    cmocka_unit_test(test_too_many_fields),
    cmocka_unit_test(test_count_lines),
    cmocka_unit_test(test_parse_double_accepts_decimals),
    cmocka_unit_test(test_parse_double_rejects_the_rest),
    cmocka_unit_test(test_parse_double_matches_strtod),
    cmocka_unit_test(test_parse_bool),
    cmocka_unit_test(test_format_double),
    cmocka_unit_test(test_append_field),
    cmocka_unit_test(test_slices_and_terminated_fields),
    cmocka_unit_test(test_random_records_round_trip),
    cmocka_unit_test(test_problems_at_every_offset),
    cmocka_unit_test(test_atomic_file_commit),
    cmocka_unit_test(test_atomic_file_abort_and_errors),
    cmocka_unit_test(test_atomic_file_close_then_abort),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
