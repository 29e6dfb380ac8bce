/* libcitynet - RFC 4180 CSV tokenizer and value helpers.
 *
 * Bundles can hold millions of ties, so the tokenizer is built for speed:
 * it scans the mapped file with a byte-class table, copies each field once
 * into a reusable scratch buffer (to unescape doubled quotes and to add the
 * NUL that hash lookups and number parsing need), and never allocates per
 * field. Malformed input is consumed record by record so that one bad row
 * neither stops the reader nor shifts the line numbers of later rows. */
#include <float.h>
#include <math.h>
#include <string.h>

#include "csv.h"

/* Byte classes: bit 1 ends a run inside an unquoted field, bit 2 inside a
 * quoted one. */
enum { STOP_UNQUOTED = 1, STOP_QUOTED = 2 };

static const guint8 byte_class[256] = {
  ['\0'] = STOP_UNQUOTED | STOP_QUOTED,
  ['\n'] = STOP_UNQUOTED | STOP_QUOTED,
  ['\r'] = STOP_UNQUOTED | STOP_QUOTED,
  ['"'] = STOP_UNQUOTED | STOP_QUOTED,
  [','] = STOP_UNQUOTED,
};

void
citynet_csv_reader_init(CitynetCsvReader *reader, const char *text,
                        gsize length)
{
  reader->text = text;
  reader->length = length;
  reader->pos = 0;
  if (length >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
    reader->pos = 3;
  reader->line = 1;
  reader->record_line = 1;
  reader->spans_size = 16;
  reader->spans = g_new(CitynetCsvSpan, reader->spans_size);
  reader->n_spans = 0;
  reader->scratch_size = 4096;
  reader->scratch = g_malloc(reader->scratch_size);
  reader->scratch[0] = '\0';
  reader->scratch_len = 1;
  reader->problem = CITYNET_CSV_OK;
  reader->problem_column = 0;
}

void
citynet_csv_reader_clear(CitynetCsvReader *reader)
{
  g_clear_pointer(&reader->spans, g_free);
  g_clear_pointer(&reader->scratch, g_free);
  reader->n_spans = reader->spans_size = 0;
  reader->scratch_len = reader->scratch_size = 0;
}

/* Keeps the first problem of a record only: later ones are often
 * consequences of it. */
static void
reader_flag(CitynetCsvReader *reader, CitynetCsvProblem problem, guint column)
{
  if (reader->problem == CITYNET_CSV_OK) {
    reader->problem = problem;
    reader->problem_column = column;
  }
}

/* The field being read: its length so far (including bytes not copied)
 * and whether it has a byte >= 0x80 (only then is UTF-8 validated). */
typedef struct {
  gsize len;
  guchar high;
  guint column;
} Field;

/* How many more bytes of the current field may be copied. Once the record
 * has a problem nothing more is copied (its fields will not be used), so a
 * bad record never grows the buffer. */
static gsize
field_room(const CitynetCsvReader *reader, const Field *field)
{
  if (reader->problem != CITYNET_CSV_OK || field->len >= CITYNET_CSV_MAX_FIELD)
    return 0;
  return CITYNET_CSV_MAX_FIELD - field->len;
}

/* Copies bytes up to a byte of class @stop, at most the field's room; the
 * scratch buffer was sized for a whole field at the field's start, so the
 * hot loop needs no bounds check besides the limit. Bytes beyond the room
 * are skipped (and the field flagged as too long). */
static gsize
copy_run(CitynetCsvReader *reader, Field *field, gsize pos, guint8 stop)
{
  const guchar *text = (const guchar *) reader->text;
  gsize n = reader->length;
  gsize room = field_room(reader, field);
  gsize limit = n - pos > room ? pos + room : n;
  char *dst = reader->scratch + reader->scratch_len;
  guchar high = 0;
  gsize p = pos;
  while (p < limit && !(byte_class[text[p]] & stop)) {
    high |= text[p];
    *dst++ = (char) text[p++];
  }
  reader->scratch_len += p - pos;
  field->high |= high & 0x80;
  if (p == limit && p < n && !(byte_class[text[p]] & stop)) {
    reader_flag(reader, CITYNET_CSV_FIELD_TOO_LONG, field->column);
    while (p < n && !(byte_class[text[p]] & stop))
      p++;
  }
  field->len += p - pos;
  return p;
}

/* Appends one byte (an unescaped quote, a line break inside quotes). */
static void
copy_byte(CitynetCsvReader *reader, Field *field, char c)
{
  if (field_room(reader, field) > 0)
    reader->scratch[reader->scratch_len++] = c;
  else
    reader_flag(reader, CITYNET_CSV_FIELD_TOO_LONG, field->column);
  field->len++;
}

/* Reads unquoted bytes up to the next comma, line break or end of text.
 * Quotes and NUL bytes are flagged but consumed as data so the record's
 * extent stays what a reader of the file would expect. */
static void
read_unquoted(CitynetCsvReader *reader, Field *field)
{
  for (;;) {
    gsize pos = copy_run(reader, field, reader->pos, STOP_UNQUOTED);
    reader->pos = pos;
    if (pos >= reader->length)
      return;
    char c = reader->text[pos];
    if (c == '"') {
      reader_flag(reader, CITYNET_CSV_STRAY_QUOTE, field->column);
      copy_byte(reader, field, c);
    } else if (c == '\0') {
      reader_flag(reader, CITYNET_CSV_NUL_BYTE, field->column);
    } else {
      return; /* comma or line break */
    }
    reader->pos++;
  }
}

/* Reads a quoted field starting at its opening quote. Line breaks inside
 * it are data but still advance the physical line counter. */
static void
read_quoted(CitynetCsvReader *reader, Field *field)
{
  const char *text = reader->text;
  gsize n = reader->length;
  gsize pos = reader->pos + 1;

  for (;;) {
    pos = copy_run(reader, field, pos, STOP_QUOTED);
    if (pos >= n) {
      reader_flag(reader, CITYNET_CSV_UNTERMINATED_QUOTE, field->column);
      reader->pos = n;
      return;
    }
    char c = text[pos];
    if (c == '"') {
      if (pos + 1 < n && text[pos + 1] == '"') {
        copy_byte(reader, field, c);
        pos += 2;
        continue;
      }
      pos++;
      break;
    }
    if (c == '\0') {
      reader_flag(reader, CITYNET_CSV_NUL_BYTE, field->column);
    } else {
      copy_byte(reader, field, c);
      /* A CR directly followed by LF is one line break, counted at the LF. */
      if (c == '\n' || pos + 1 >= n || text[pos + 1] != '\n')
        reader->line++;
    }
    pos++;
  }

  reader->pos = pos;
  if (pos < n && text[pos] != ',' && text[pos] != '\n' && text[pos] != '\r') {
    reader_flag(reader, CITYNET_CSV_TEXT_AFTER_QUOTE, field->column);
    read_unquoted(reader, field);
  }
}

/* Makes room for a whole field (and its NUL) in the scratch buffer, or
 * flags the record as too long. */
static void
start_field(CitynetCsvReader *reader, guint column)
{
  if (reader->problem != CITYNET_CSV_OK)
    return;
  if (reader->scratch_len > CITYNET_CSV_MAX_RECORD) {
    reader_flag(reader, CITYNET_CSV_RECORD_TOO_LONG, column);
    return;
  }
  gsize need = reader->scratch_len + CITYNET_CSV_MAX_FIELD + 1;
  if (need > reader->scratch_size) {
    gsize size = reader->scratch_size;
    while (size < need)
      size *= 2;
    reader->scratch = g_realloc(reader->scratch, size);
    reader->scratch_size = size;
  }
}

/* Terminates the current field, checks its encoding and records it. */
static void
finish_field(CitynetCsvReader *reader, gsize start, const Field *field)
{
  CitynetCsvSpan span = {0, 0};
  if (reader->problem == CITYNET_CSV_OK && field->high &&
      !g_utf8_validate_len(reader->scratch + start, field->len, NULL))
    reader_flag(reader, CITYNET_CSV_INVALID_UTF8, field->column);
  if (reader->problem == CITYNET_CSV_OK) {
    reader->scratch[reader->scratch_len++] = '\0';
    span.offset = (guint32) start;
    span.len = (guint32) field->len;
  }
  if (reader->n_spans >= CITYNET_CSV_MAX_FIELDS) {
    reader_flag(reader, CITYNET_CSV_TOO_MANY_FIELDS, field->column);
    return;
  }
  if (reader->n_spans == reader->spans_size) {
    reader->spans_size *= 2;
    reader->spans = g_renew(CitynetCsvSpan, reader->spans, reader->spans_size);
  }
  reader->spans[reader->n_spans++] = span;
}

/* Skips line breaks at the start of a record: blank lines carry nothing. */
static void
skip_blank_lines(CitynetCsvReader *reader)
{
  const char *text = reader->text;
  while (reader->pos < reader->length &&
         (text[reader->pos] == '\n' || text[reader->pos] == '\r')) {
    if (text[reader->pos] == '\r' && reader->pos + 1 < reader->length &&
        text[reader->pos + 1] == '\n')
      reader->pos++;
    reader->pos++;
    reader->line++;
  }
}

CitynetCsvStatus
citynet_csv_reader_next(CitynetCsvReader *reader)
{
  skip_blank_lines(reader);
  if (reader->pos >= reader->length)
    return CITYNET_CSV_END;

  reader->record_line = reader->line;
  reader->n_spans = 0;
  reader->scratch_len = 1; /* scratch[0] stays "" for spans of bad fields */
  reader->problem = CITYNET_CSV_OK;
  reader->problem_column = 0;

  const char *text = reader->text;
  for (guint column = 1;; column++) {
    gsize start = reader->scratch_len;
    Field field = {0, 0, column};
    start_field(reader, column);
    if (reader->pos < reader->length && text[reader->pos] == '"')
      read_quoted(reader, &field);
    else
      read_unquoted(reader, &field);
    finish_field(reader, start, &field);

    if (reader->pos >= reader->length)
      break;
    char c = text[reader->pos++];
    if (c == ',')
      continue;
    if (c == '\r' && reader->pos < reader->length &&
        text[reader->pos] == '\n')
      reader->pos++;
    reader->line++;
    break;
  }
  return reader->problem == CITYNET_CSV_OK ? CITYNET_CSV_RECORD
                                           : CITYNET_CSV_BAD;
}

const char *
citynet_csv_problem_message(CitynetCsvProblem problem)
{
  switch (problem) {
  case CITYNET_CSV_OK:
    return "no problem";
  case CITYNET_CSV_UNTERMINATED_QUOTE:
    return "unterminated quoted field (the opening quote is never closed)";
  case CITYNET_CSV_STRAY_QUOTE:
    return "stray quote in an unquoted field (quote the whole field and "
           "double the quotes inside it)";
  case CITYNET_CSV_TEXT_AFTER_QUOTE:
    return "text after the closing quote of a quoted field";
  case CITYNET_CSV_NUL_BYTE:
    return "NUL byte in field";
  case CITYNET_CSV_FIELD_TOO_LONG:
    return "field longer than 1 MiB (1048576 bytes)";
  case CITYNET_CSV_RECORD_TOO_LONG:
    return "row longer than 8 MiB";
  case CITYNET_CSV_TOO_MANY_FIELDS:
    return "row with more than 65536 fields";
  case CITYNET_CSV_INVALID_UTF8:
    return "invalid UTF-8 in field";
  }
  return "malformed CSV";
}

gsize
citynet_csv_count_lines(const char *text, gsize length)
{
  gsize count = 0;
  const char *end = text + length;
  for (const char *p = text; p < end; p++) {
    p = memchr(p, '\n', (gsize) (end - p));
    if (p == NULL)
      break;
    /* Empty lines hold no record. */
    if (p > text && p[-1] != '\n' && !(p[-1] == '\r' && (p - 1 == text || p[-2] == '\n')))
      count++;
  }
  return count;
}

/* ------------------------------------------------------------------------ */
/* Values                                                                   */
/* ------------------------------------------------------------------------ */

/* Powers of ten that are exact in a double. */
static const double exact_powers_of_ten[] = {
  1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
  1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};

/* Clinger's fast path: for "[sign]digits[.digits]" whose digits form an
 * integer m <= 2^53 with k <= 22 decimals, m and 10^k are exact doubles and
 * one IEEE division rounds m / 10^k correctly, which is what strtod
 * returns. Anything else goes to the slow path. */
static gboolean
parse_plain_decimal(const char *p, const char *end, double *out)
{
#if defined(FLT_EVAL_METHOD) && FLT_EVAL_METHOD == 0
  gboolean negative = FALSE;
  if (p < end && (*p == '+' || *p == '-')) {
    negative = *p == '-';
    p++;
  }
  guint64 mantissa = 0;
  guint digits = 0;
  guint decimals = 0;
  gboolean point = FALSE;
  for (; p < end; p++) {
    if (*p >= '0' && *p <= '9') {
      mantissa = mantissa * 10 + (guint64) (*p - '0');
      if (mantissa > (G_GUINT64_CONSTANT(1) << 53))
        return FALSE;
      digits++;
      decimals += point;
    } else if (*p == '.' && !point) {
      point = TRUE;
    } else {
      return FALSE;
    }
  }
  if (digits == 0 || decimals >= G_N_ELEMENTS(exact_powers_of_ten))
    return FALSE;
  double value = (double) mantissa / exact_powers_of_ten[decimals];
  *out = negative ? -value : value;
  return TRUE;
#else
  (void) p;
  (void) end;
  (void) out;
  return FALSE;
#endif
}

gboolean
citynet_csv_parse_double(const char *text, gsize len, double *out)
{
  if (len == 0)
    return FALSE;
  if (parse_plain_decimal(text, text + len, out))
    return TRUE;

  /* g_ascii_strtod would also take spaces, hex, "inf" and "nan": only
   * plain decimal notation is data. */
  for (gsize i = 0; i < len; i++) {
    char c = text[i];
    if (!g_ascii_isdigit(c) && c != '.' && c != '+' && c != '-' && c != 'e' &&
        c != 'E')
      return FALSE;
  }
  char *end = NULL;
  double value = g_ascii_strtod(text, &end);
  if (end != text + len)
    return FALSE;
  *out = value;
  return TRUE;
}

gboolean
citynet_csv_parse_bool(const char *text, gsize len, gboolean *out)
{
  static const struct {
    const char *word;
    gboolean value;
  } words[] = {
    {"true", TRUE}, {"false", FALSE}, {"1", TRUE},
    {"0", FALSE},   {"yes", TRUE},    {"no", FALSE},
  };
  if (len == 0) {
    *out = FALSE;
    return TRUE;
  }
  for (gsize i = 0; i < G_N_ELEMENTS(words); i++) {
    if (strlen(words[i].word) == len &&
        g_ascii_strncasecmp(text, words[i].word, len) == 0) {
      *out = words[i].value;
      return TRUE;
    }
  }
  return FALSE;
}

char *
citynet_csv_format_double(double value, char *buffer)
{
  /* Integers (the common weight 1, populations) print without exponent. */
  if (value == 0.0) {
    strcpy(buffer, signbit(value) ? "-0" : "0");
    return buffer;
  }
  if (value == nearbyint(value) && fabs(value) < 9007199254740992.0) {
    g_snprintf(buffer, CITYNET_CSV_DOUBLE_SIZE, "%" G_GINT64_FORMAT,
               (gint64) value);
    return buffer;
  }
  static const char *const formats[] = {"%.15g", "%.16g", "%.17g"};
  for (gsize i = 0; i < G_N_ELEMENTS(formats); i++) {
    g_ascii_formatd(buffer, CITYNET_CSV_DOUBLE_SIZE, formats[i], value);
    if (g_ascii_strtod(buffer, NULL) == value)
      break;
  }
  return buffer;
}

gboolean
citynet_csv_needs_quotes(const char *value, gsize len)
{
  if (len == 0)
    return FALSE;
  if (value[0] == ' ' || value[0] == '\t' || value[len - 1] == ' ' ||
      value[len - 1] == '\t')
    return TRUE;
  for (gsize i = 0; i < len; i++) {
    char c = value[i];
    if (c == ',' || c == '"' || c == '\n' || c == '\r')
      return TRUE;
  }
  return FALSE;
}

void
citynet_csv_append_field(GString *out, const char *value, gssize len)
{
  if (value == NULL)
    return;
  gsize n = len < 0 ? strlen(value) : (gsize) len;
  if (!citynet_csv_needs_quotes(value, n)) {
    g_string_append_len(out, value, (gssize) n);
    return;
  }
  g_string_append_c(out, '"');
  const char *p = value, *end = value + n;
  while (p < end) {
    const char *quote = memchr(p, '"', (gsize) (end - p));
    const char *stop = quote != NULL ? quote + 1 : end;
    g_string_append_len(out, p, stop - p);
    if (quote != NULL)
      g_string_append_c(out, '"'); /* doubled */
    p = stop;
  }
  g_string_append_c(out, '"');
}
