/* libcitynet - reading researchers' CSV files: encodings, delimiters and a
 * tolerant row reader.
 *
 * The bundle reader (csv.c) is strict on purpose: a bundle is ours. Input
 * lists are not: they come from spreadsheets (semicolons, decimal commas,
 * Windows-1252), from scrapers (stray quotes) and from hand edits (blank
 * lines, padded cells). This reader accepts all of that, and when a row
 * cannot be split into fields it says so for that row only, so one bad
 * line never costs the rest of the file. */
#include <errno.h>
#include <string.h>

#include "import-private.h"

/* ------------------------------------------------------------------------ */
/* Encodings                                                                */
/* ------------------------------------------------------------------------ */

static gboolean
has_prefix(const char *data, gsize length, const char *prefix, gsize n)
{
  return length >= n && memcmp(data, prefix, n) == 0;
}

/* The 1-based line holding byte @offset of @data. */
static guint
line_of_offset(const char *data, gsize offset)
{
  guint line = 1;
  for (gsize i = 0; i < offset; i++)
    if (data[i] == '\n')
      line++;
  return line;
}

/* Converts @data from @charset to UTF-8 into the reader. */
static gboolean
convert_from(CitynetImportReader *reader, const char *data, gsize length,
             const char *charset, const char *label, const char *display,
             GError **error)
{
  gsize bytes_read = 0, bytes_written = 0;
  GError *local = NULL;
  char *converted = g_convert(data, (gssize) length, "UTF-8", charset,
                              &bytes_read, &bytes_written, &local);
  if (converted == NULL) {
    char *message = g_strdup_printf("the file is not valid %s (byte 0x%02x at offset %"
                                    G_GSIZE_FORMAT "): %s", label,
                                    bytes_read < length ? (guchar) data[bytes_read] : 0,
                                    bytes_read, local->message);
    citynet_set_data_error(error, display, line_of_offset(data, MIN(bytes_read, length)),
                           0, 1, message);
    g_free(message);
    g_error_free(local);
    return FALSE;
  }
  reader->text = converted;
  reader->length = bytes_written;
  reader->encoding = label;
  return TRUE;
}

static void
take_utf8(CitynetImportReader *reader, const char *data, gsize length,
          gboolean check_rows)
{
  reader->text = g_malloc(length + 1);
  memcpy(reader->text, data, length);
  reader->text[length] = '\0';
  reader->length = length;
  reader->encoding = "utf-8";
  reader->check_utf8 = check_rows;
}

/* A byte order mark says what the file is, whatever was asked: the
 * UTF-8 one is skipped, the UTF-16 ones convert. */
static gboolean
decode(CitynetImportReader *reader, const char *data, gsize length,
       const char *encoding, const char *display, GError **error)
{
  if (has_prefix(data, length, "\xEF\xBB\xBF", 3)) {
    data += 3;
    length -= 3;
    take_utf8(reader, data, length, !g_utf8_validate_len(data, length, NULL));
    return TRUE;
  }
  if (has_prefix(data, length, "\xFF\xFE", 2))
    return convert_from(reader, data + 2, length - 2, "UTF-16LE", "utf-16le", display, error);
  if (has_prefix(data, length, "\xFE\xFF", 2))
    return convert_from(reader, data + 2, length - 2, "UTF-16BE", "utf-16be", display, error);

  if (g_ascii_strcasecmp(encoding, "latin-1") == 0)
    return convert_from(reader, data, length, "ISO-8859-1", "latin-1", display, error);
  if (g_ascii_strcasecmp(encoding, "windows-1252") == 0)
    return convert_from(reader, data, length, "WINDOWS-1252", "windows-1252", display, error);

  gboolean valid = g_utf8_validate_len(data, length, NULL);
  if (valid || g_ascii_strcasecmp(encoding, "utf-8") == 0) {
    /* Declared UTF-8 with bad bytes: those rows are rejected one by one. */
    take_utf8(reader, data, length, !valid);
    return TRUE;
  }
  /* Not UTF-8: spreadsheets on Windows write cp1252, a superset of the
   * printable Latin-1; the five bytes cp1252 leaves undefined can only be
   * Latin-1 (C1 controls). */
  if (convert_from(reader, data, length, "WINDOWS-1252", "windows-1252", display, NULL))
    return TRUE;
  return convert_from(reader, data, length, "ISO-8859-1", "latin-1", display, error);
}

/* ------------------------------------------------------------------------ */
/* Delimiters                                                               */
/* ------------------------------------------------------------------------ */

/* The most frequent of ',', ';' and tab outside quotes on the first
 * non-blank line (the header); ',' on a tie or when there is none. */
static char
detect_delimiter(const char *text, gsize length)
{
  gsize counts[3] = {0, 0, 0};
  static const char candidates[3] = {',', ';', '\t'};
  gboolean quoted = FALSE, seen_text = FALSE;
  for (gsize i = 0; i < length; i++) {
    char c = text[i];
    if (c == '"') {
      quoted = !quoted;
      seen_text = TRUE;
    } else if (!quoted && (c == '\n' || c == '\r')) {
      if (seen_text)
        break;
    } else if (!quoted) {
      for (int k = 0; k < 3; k++)
        if (c == candidates[k])
          counts[k]++;
      if (c != ' ' && c != '\t')
        seen_text = TRUE;
    }
  }
  int best = 0;
  for (int k = 1; k < 3; k++)
    if (counts[k] > counts[best])
      best = k;
  return candidates[best];
}

/* ------------------------------------------------------------------------ */
/* Life cycle                                                               */
/* ------------------------------------------------------------------------ */

gboolean
citynet_import_reader_init(CitynetImportReader *reader, const char *data,
                           gsize length, const char *display,
                           const char *encoding, char delimiter,
                           GError **error)
{
  memset(reader, 0, sizeof(*reader));
  if (!decode(reader, data, length, encoding != NULL ? encoding : "auto", display, error))
    return FALSE;
  /* g_convert keeps a byte order mark of a declared UTF-16 as U+FEFF. */
  if (has_prefix(reader->text, reader->length, "\xEF\xBB\xBF", 3)) {
    memmove(reader->text, reader->text + 3, reader->length - 3 + 1);
    reader->length -= 3;
  }
  reader->delimiter = delimiter != 0 ? delimiter
                                     : detect_delimiter(reader->text, reader->length);
  reader->line = 1;
  reader->scratch = g_string_sized_new(256);
  reader->offsets = g_array_new(FALSE, FALSE, sizeof(gsize));
  return TRUE;
}

gboolean
citynet_import_reader_open(CitynetImportReader *reader, const char *path,
                           const char *encoding, char delimiter,
                           GError **error)
{
  char *data = NULL;
  gsize length = 0;
  GError *local = NULL;
  memset(reader, 0, sizeof(*reader));
  if (!g_file_get_contents(path, &data, &length, &local)) {
    g_set_error(error, CITYNET_ERROR, CITYNET_ERROR_IO, "cannot read \"%s\": %s",
                path, local->message);
    g_error_free(local);
    return FALSE;
  }
  gboolean ok = citynet_import_reader_init(reader, data, length, path, encoding,
                                           delimiter, error);
  g_free(data);
  return ok;
}

void
citynet_import_reader_clear(CitynetImportReader *reader)
{
  g_clear_pointer(&reader->text, g_free);
  if (reader->scratch != NULL)
    g_string_free(reader->scratch, TRUE);
  reader->scratch = NULL;
  g_clear_pointer(&reader->offsets, g_array_unref);
}

/* ------------------------------------------------------------------------ */
/* Rows                                                                     */
/* ------------------------------------------------------------------------ */

static gboolean
is_blank(const CitynetImportReader *reader, char c)
{
  return c == ' ' || (c == '\t' && reader->delimiter != '\t');
}

static gboolean
at_line_end(const CitynetImportReader *reader, gsize pos)
{
  return pos >= reader->length || reader->text[pos] == '\n' || reader->text[pos] == '\r';
}

/* Consumes one line break at pos, if any. */
static void
consume_line_end(CitynetImportReader *reader)
{
  if (reader->pos >= reader->length)
    return;
  if (reader->text[reader->pos] == '\r') {
    reader->pos++;
    if (reader->pos < reader->length && reader->text[reader->pos] == '\n')
      reader->pos++;
  } else if (reader->text[reader->pos] == '\n') {
    reader->pos++;
  } else {
    return;
  }
  reader->line++;
}

/* Skips lines holding only blanks. */
static void
skip_blank_lines(CitynetImportReader *reader)
{
  while (reader->pos < reader->length) {
    gsize p = reader->pos;
    while (p < reader->length && (reader->text[p] == ' ' || reader->text[p] == '\t'))
      p++;
    if (p < reader->length && reader->text[p] != '\n' && reader->text[p] != '\r')
      return;
    reader->pos = p;
    if (p >= reader->length)
      return;
    consume_line_end(reader);
  }
}

/* Appends text[from, to) without trailing blanks. */
static void
append_trimmed(CitynetImportReader *reader, gsize from, gsize to)
{
  while (to > from && is_blank(reader, reader->text[to - 1]))
    to--;
  g_string_append_len(reader->scratch, reader->text + from, (gssize) (to - from));
}

/* The rest of a field up to the delimiter or the line end, as text. */
static void
read_unquoted(CitynetImportReader *reader)
{
  gsize start = reader->pos;
  while (reader->pos < reader->length && reader->text[reader->pos] != reader->delimiter &&
         !at_line_end(reader, reader->pos))
    reader->pos++;
  append_trimmed(reader, start, reader->pos);
}

/* A quoted field; FALSE when its closing quote never comes. Text after the
 * closing quote (a scraper's `"Foo" Bar`) is kept rather than refused. */
static gboolean
read_quoted(CitynetImportReader *reader)
{
  reader->pos++; /* the opening quote */
  for (;;) {
    const char *quote = memchr(reader->text + reader->pos, '"', reader->length - reader->pos);
    if (quote == NULL)
      return FALSE;
    gsize q = (gsize) (quote - reader->text);
    for (gsize i = reader->pos; i < q; i++)
      if (reader->text[i] == '\n' ||
          (reader->text[i] == '\r' && (i + 1 >= q || reader->text[i + 1] != '\n')))
        reader->line++;
    g_string_append_len(reader->scratch, reader->text + reader->pos, (gssize) (q - reader->pos));
    if (q + 1 < reader->length && reader->text[q + 1] == '"') {
      g_string_append_c(reader->scratch, '"');
      reader->pos = q + 2;
      continue;
    }
    reader->pos = q + 1;
    break;
  }
  read_unquoted(reader);
  return TRUE;
}

static void
start_field(CitynetImportReader *reader)
{
  gsize offset = reader->scratch->len;
  g_array_append_val(reader->offsets, offset);
}

static void
end_field(CitynetImportReader *reader)
{
  g_string_append_c(reader->scratch, '\0');
}

/* Splits the physical line at pos with quotes as plain text: the fallback
 * for a row whose quote is never closed. */
static void
read_line_literally(CitynetImportReader *reader)
{
  for (;;) {
    start_field(reader);
    gsize p = reader->pos;
    while (p < reader->length && is_blank(reader, reader->text[p]))
      p++;
    reader->pos = p;
    read_unquoted(reader);
    end_field(reader);
    if (reader->pos < reader->length && reader->text[reader->pos] == reader->delimiter) {
      reader->pos++;
      continue;
    }
    consume_line_end(reader);
    return;
  }
}

static void
reset_row(CitynetImportReader *reader)
{
  g_string_truncate(reader->scratch, 0);
  g_array_set_size(reader->offsets, 0);
  reader->problem = NULL;
}

CitynetImportRowStatus
citynet_import_reader_next(CitynetImportReader *reader)
{
  skip_blank_lines(reader);
  if (reader->pos >= reader->length)
    return CITYNET_IMPORT_END;
  reset_row(reader);
  gsize row_start = reader->pos;
  reader->row_line = reader->line;

  for (;;) {
    start_field(reader);
    gsize p = reader->pos;
    while (p < reader->length && is_blank(reader, reader->text[p]))
      p++;
    reader->pos = p;
    if (p < reader->length && reader->text[p] == '"') {
      if (!read_quoted(reader)) {
        reader->pos = row_start;
        reader->line = reader->row_line;
        reset_row(reader);
        read_line_literally(reader);
        reader->problem = "unterminated quoted field";
        return CITYNET_IMPORT_BAD;
      }
    } else {
      read_unquoted(reader);
    }
    end_field(reader);
    if (reader->pos < reader->length && reader->text[reader->pos] == reader->delimiter) {
      reader->pos++;
      continue;
    }
    consume_line_end(reader);
    break;
  }

  gsize row_length = reader->pos - row_start;
  if (memchr(reader->text + row_start, '\0', row_length) != NULL) {
    reader->problem = "NUL byte in the row";
    return CITYNET_IMPORT_BAD;
  }
  if (reader->check_utf8 &&
      !g_utf8_validate_len(reader->text + row_start, row_length, NULL)) {
    reader->problem = "invalid UTF-8 in the row (is the file Latin-1 or "
                      "Windows-1252? see the encoding option)";
    return CITYNET_IMPORT_BAD;
  }
  return CITYNET_IMPORT_ROW;
}

/* ------------------------------------------------------------------------ */
/* Numbers                                                                  */
/* ------------------------------------------------------------------------ */

static gboolean
well_formed_number(const char *s)
{
  if (*s == '+' || *s == '-')
    s++;
  gsize digits = 0;
  while (g_ascii_isdigit(*s)) {
    s++;
    digits++;
  }
  if (*s == '.') {
    s++;
    while (g_ascii_isdigit(*s)) {
      s++;
      digits++;
    }
  }
  if (digits == 0)
    return FALSE;
  if (*s == 'e' || *s == 'E') {
    s++;
    if (*s == '+' || *s == '-')
      s++;
    if (!g_ascii_isdigit(*s))
      return FALSE;
    while (g_ascii_isdigit(*s))
      s++;
  }
  return *s == '\0';
}

gboolean
citynet_import_parse_number(const char *text, int decimal, double *out)
{
  gsize len = strlen(text);
  if (len == 0 || len > 64)
    return FALSE;
  char buffer[65];
  memcpy(buffer, text, len + 1);
  char *comma = strchr(buffer, ',');
  gboolean has_point = strchr(buffer, '.') != NULL;
  if (comma != NULL) {
    /* One comma and no point is a decimal comma (in "auto" and "comma");
     * anything else with a comma is not a number we can read safely. */
    if (decimal == 1 || has_point || strchr(comma + 1, ',') != NULL)
      return FALSE;
    *comma = '.';
  } else if (decimal == 2 && has_point) {
    return FALSE;
  }
  if (!well_formed_number(buffer))
    return FALSE;
  errno = 0;
  double value = g_ascii_strtod(buffer, NULL);
  if (errno == ERANGE && (value > 1.0 || value < -1.0))
    return FALSE;
  *out = value;
  return TRUE;
}
