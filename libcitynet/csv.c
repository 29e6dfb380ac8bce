/* libcitynet - RFC 4180 CSV tokenizer and value helpers.
 *
 * Bundles can hold millions of ties, so the tokenizer is built for speed:
 * it turns each 64-byte block of the text into bit masks of the bytes that
 * end a run (comma, quote, CR, LF, NUL) and of bytes >= 0x80, with SSE2
 * where the compiler offers it, and walks a record's fields from one set
 * bit to the next; it hands out most fields as slices of the mapped file
 * instead of copying them, unescapes only quoted fields with doubled
 * quotes into a reusable scratch buffer, validates UTF-8 only in fields
 * that have a byte >= 0x80, and never allocates per field. Malformed input
 * is consumed record by record so that one bad row neither stops the
 * reader nor shifts the line numbers of later rows. The fast path for
 * plain fields and the general one report exactly the same problems. */
#include <float.h>
#include <math.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "csv.h"

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
  reader->record_bytes = 1;
  reader->block_base = G_MAXSIZE; /* no block: bases are multiples of 64 */
  reader->block_unquoted = reader->block_quoted = reader->block_high = 0;
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

/* ------------------------------------------------------------------------ */
/* Finding the end of a run                                                 */
/* ------------------------------------------------------------------------ */

static inline guint
ctz64(guint64 x)
{
#if defined(__GNUC__)
  return (guint) __builtin_ctzll(x);
#else
  guint n = 0;
  while (!(x & 1u)) {
    x >>= 1;
    n++;
  }
  return n;
#endif
}

/* Bit masks of the 64 bytes at @p: run ends for unquoted and quoted
 * fields, and bytes >= 0x80. */
static void
block_masks(const guchar *p, guint64 *unquoted, guint64 *quoted,
            guint64 *high)
{
  guint64 q = 0, c = 0, h = 0;
#ifdef __SSE2__
  const __m128i quote = _mm_set1_epi8('"');
  const __m128i lf = _mm_set1_epi8('\n');
  const __m128i cr = _mm_set1_epi8('\r');
  const __m128i comma = _mm_set1_epi8(',');
  const __m128i zero = _mm_setzero_si128();
  for (guint i = 0; i < 64; i += 16) {
    __m128i v = _mm_loadu_si128((const __m128i *) (p + i));
    __m128i stop = _mm_or_si128(
        _mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, lf)),
        _mm_or_si128(_mm_cmpeq_epi8(v, cr), _mm_cmpeq_epi8(v, zero)));
    q |= (guint64) (guint) _mm_movemask_epi8(stop) << i;
    c |= (guint64) (guint) _mm_movemask_epi8(_mm_cmpeq_epi8(v, comma)) << i;
    h |= (guint64) (guint) _mm_movemask_epi8(v) << i;
  }
#else
  for (guint i = 0; i < 64; i++) {
    guchar b = p[i];
    q |= (guint64) (b == '"' || b == '\n' || b == '\r' || b == '\0') << i;
    c |= (guint64) (b == ',') << i;
    h |= (guint64) (b >> 7) << i;
  }
#endif
  *unquoted = q | c;
  *quoted = q;
  *high = h;
}

/* Makes the block at @base (a multiple of 64) current. Bytes past the end
 * of the text are neither run ends nor high: a block is only read where
 * it lies inside the text, the last one through a padded copy. */
static void
load_block(CitynetCsvReader *reader, gsize base)
{
  const guchar *p = (const guchar *) reader->text + base;
  gsize avail = reader->length - base;
  guchar tail[64];
  if (avail < 64) {
    memset(tail, 0, sizeof tail);
    memcpy(tail, p, avail);
    p = tail;
  }
  block_masks(p, &reader->block_unquoted, &reader->block_quoted,
              &reader->block_high);
  if (avail < 64) {
    guint64 inside = (G_GUINT64_CONSTANT(1) << avail) - 1;
    reader->block_unquoted &= inside;
    reader->block_quoted &= inside;
    reader->block_high &= inside;
  }
  reader->block_base = base;
}

/* The position of the first run end (of an unquoted field, or of a quoted
 * one when @quoted) at or after @pos, or the end of the text. ORs into
 * *high a non-zero value when a byte before it is >= 0x80. For the general
 * field reader; within one block it is a shift and a count of trailing
 * zeros. */
static inline gsize
next_stop(CitynetCsvReader *reader, gsize pos, gboolean quoted,
          guint64 *high)
{
  gsize n = reader->length;
  while (pos < n) {
    gsize base = pos & ~(gsize) 63;
    if (G_UNLIKELY(base != reader->block_base))
      load_block(reader, base);
    guint shift = (guint) (pos - base);
    guint64 stops =
        (quoted ? reader->block_quoted : reader->block_unquoted) >> shift;
    guint64 highs = reader->block_high >> shift;
    if (G_LIKELY(stops != 0)) {
      *high |= highs & ((stops & (~stops + 1)) - 1); /* below the first */
      return pos + ctz64(stops);
    }
    *high |= highs;
    pos = base + 64;
  }
  return n;
}

/* ------------------------------------------------------------------------ */
/* UTF-8                                                                    */
/* ------------------------------------------------------------------------ */

/* Whether @len bytes at @text are valid UTF-8 without NUL: exactly what
 * g_utf8_validate_len(text, len, NULL) says (RFC 3629: no overlong forms,
 * no surrogates, nothing above U+10FFFF), in a tight loop without GLib's
 * per-call overhead. Fields with a high byte are common (names,
 * citations), so this runs often; they are short and mostly ASCII. */
static gboolean
utf8_valid(const char *text, gsize len)
{
  const guchar *p = (const guchar *) text;
  const guchar *end = p + len;
  while (p < end) {
    guchar c = *p;
    if (c < 0x80) {
      if (c == 0)
        return FALSE;
      p++;
      continue;
    }
    /* The lead byte fixes the length and the range of the second byte
     * (Unicode table 3-7); further bytes are 0x80-0xBF. */
    gsize need;
    guchar lo = 0x80, hi = 0xBF;
    if (c < 0xC2) {
      return FALSE;
    } else if (c < 0xE0) {
      need = 1;
    } else if (c < 0xF0) {
      need = 2;
      if (c == 0xE0)
        lo = 0xA0;
      else if (c == 0xED)
        hi = 0x9F;
    } else if (c < 0xF5) {
      need = 3;
      if (c == 0xF0)
        lo = 0x90;
      else if (c == 0xF4)
        hi = 0x8F;
    } else {
      return FALSE;
    }
    if ((gsize) (end - p) <= need || p[1] < lo || p[1] > hi)
      return FALSE;
    for (gsize i = 2; i <= need; i++)
      if ((p[i] & 0xC0) != 0x80)
        return FALSE;
    p += need + 1;
  }
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Fields                                                                   */
/* ------------------------------------------------------------------------ */

/* A field that is not a plain unquoted run. @len counts its bytes as they
 * would be after unescaping (a doubled quote is one byte; a NUL byte,
 * always an error, none), so the length limit applies to the value. */
typedef struct {
  gsize start;      /* first byte in the text (after an opening quote) */
  gsize end;        /* end of its bytes in the text (the closing quote) */
  gsize len;
  guint64 high;     /* non-zero when a byte >= 0x80 was seen */
  gboolean escaped; /* quoted with doubled quotes: must be unescaped */
  guint column;
} Field;

/* Counts @n more bytes of @field, flagging it once it exceeds the limit.
 * Problems are flagged in the order of the bytes that cause them and only
 * the first is kept, so a field that is too long before its first stray
 * quote or NUL byte is reported as too long. */
static inline void
field_grow(CitynetCsvReader *reader, Field *field, gsize n)
{
  field->len += n;
  if (G_UNLIKELY(field->len > CITYNET_CSV_MAX_FIELD))
    reader_flag(reader, CITYNET_CSV_FIELD_TOO_LONG, field->column);
}

/* Reads unquoted bytes up to the next comma, line break or end of text.
 * Quotes and NUL bytes are flagged but consumed as data so the record's
 * extent stays what a reader of the file would expect. */
static void
read_unquoted(CitynetCsvReader *reader, Field *field)
{
  const char *text = reader->text;
  for (;;) {
    gsize pos = next_stop(reader, reader->pos, FALSE, &field->high);
    field_grow(reader, field, pos - reader->pos);
    reader->pos = field->end = pos;
    if (pos >= reader->length)
      return;
    char c = text[pos];
    if (c == '"') {
      reader_flag(reader, CITYNET_CSV_STRAY_QUOTE, field->column);
      field_grow(reader, field, 1);
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
  field->start = pos;

  for (;;) {
    gsize stop = next_stop(reader, pos, TRUE, &field->high);
    field_grow(reader, field, stop - pos);
    pos = stop;
    if (pos >= n) {
      reader_flag(reader, CITYNET_CSV_UNTERMINATED_QUOTE, field->column);
      reader->pos = field->end = n;
      return;
    }
    char c = text[pos];
    if (c == '"') {
      if (pos + 1 < n && text[pos + 1] == '"') {
        field->escaped = TRUE;
        field_grow(reader, field, 1);
        pos += 2;
        continue;
      }
      break;
    }
    if (c == '\0') {
      reader_flag(reader, CITYNET_CSV_NUL_BYTE, field->column);
    } else {
      field_grow(reader, field, 1);
      /* A CR directly followed by LF is one line break, counted at the LF. */
      if (c == '\n' || pos + 1 >= n || text[pos + 1] != '\n')
        reader->line++;
    }
    pos++;
  }

  field->end = pos; /* the closing quote */
  reader->pos = ++pos;
  if (pos < n && text[pos] != ',' && text[pos] != '\n' && text[pos] != '\r') {
    reader_flag(reader, CITYNET_CSV_TEXT_AFTER_QUOTE, field->column);
    read_unquoted(reader, field);
  }
}

/* Makes room for @extra more bytes in the scratch buffer. Only called
 * while no pointer into it has been handed out for the current record. */
static void
scratch_reserve(CitynetCsvReader *reader, gsize extra)
{
  gsize need = reader->scratch_len + extra;
  if (G_LIKELY(need <= reader->scratch_size))
    return;
  gsize size = reader->scratch_size;
  while (size < need)
    size *= 2;
  reader->scratch = g_realloc(reader->scratch, size);
  reader->scratch_size = size;
}

/* Copies a well-formed quoted field with doubled quotes into the scratch
 * buffer, one quote of each pair, and returns its offset there. */
static guint32
unescape(CitynetCsvReader *reader, const Field *field)
{
  scratch_reserve(reader, field->len + 1);
  gsize offset = reader->scratch_len;
  char *dst = reader->scratch + offset;
  const char *p = reader->text + field->start;
  const char *end = reader->text + field->end;
  while (p < end) {
    const char *quote = memchr(p, '"', (gsize) (end - p));
    const char *stop = quote != NULL ? quote + 1 : end;
    memcpy(dst, p, (gsize) (stop - p));
    dst += stop - p;
    p = quote != NULL ? quote + 2 : end; /* skip the pair's second quote */
  }
  *dst = '\0';
  reader->scratch_len = offset + field->len + 1;
  return (guint32) offset;
}

/* Appends the span of the field just read. Past the field limit, the
 * record is flagged and the span not kept. */
static inline void
add_span(CitynetCsvReader *reader, CitynetCsvSpan span, guint column)
{
  if (G_UNLIKELY(reader->n_spans >= CITYNET_CSV_MAX_FIELDS)) {
    reader_flag(reader, CITYNET_CSV_TOO_MANY_FIELDS, column);
    return;
  }
  if (G_UNLIKELY(reader->n_spans == reader->spans_size)) {
    reader->spans_size *= 2;
    reader->spans = g_renew(CitynetCsvSpan, reader->spans, reader->spans_size);
  }
  reader->spans[reader->n_spans++] = span;
}

/* Records a field whose value is @len bytes at @bytes: checks its
 * encoding when it has a high byte, and counts it. Returns FALSE when it
 * is not valid UTF-8 (the record is flagged). */
static inline gboolean
accept_field(CitynetCsvReader *reader, const char *bytes, gsize len,
             guint64 high, guint column)
{
  if (high != 0 && !utf8_valid(bytes, len)) {
    reader_flag(reader, CITYNET_CSV_INVALID_UTF8, column);
    return FALSE;
  }
  reader->record_bytes += len + 1;
  return TRUE;
}

/* Reads the field at reader->pos in full generality (quoted, with a stray
 * quote or NUL byte, too long, at the end of the text, or in a record that
 * already has a problem) and records it: a slice of the text, or its
 * unescaped copy. The fields of a record with a problem are recorded
 * empty: they will not be used. */
static void
read_field(CitynetCsvReader *reader, guint column)
{
  Field field = {reader->pos, reader->pos, 0, 0, FALSE, column};
  if (reader->pos < reader->length && reader->text[reader->pos] == '"')
    read_quoted(reader, &field);
  else
    read_unquoted(reader, &field);

  CitynetCsvSpan span = {NULL, 0, 0};
  if (reader->problem == CITYNET_CSV_OK) {
    const char *bytes = reader->text + field.start;
    if (field.escaped) {
      span.offset = unescape(reader, &field);
      bytes = reader->scratch + span.offset;
    } else if (field.len > 0) {
      span.ptr = bytes;
    }
    if (accept_field(reader, bytes, field.len, field.high, column))
      span.len = (guint32) field.len;
    else
      span = (CitynetCsvSpan) {NULL, 0, 0};
  }
  add_span(reader, span, column);
}

/* Whether a plain field may start at @pos: not a quote, not past the
 * text, and within the row and field-count limits (which read_field()
 * checks and reports). */
static inline gboolean
plain_start(const char *text, gsize n, gsize pos, guint n_spans,
            guint max_spans, gsize record_bytes)
{
  return pos < n && text[pos] != '"' && n_spans < max_spans &&
         record_bytes <= CITYNET_CSV_MAX_RECORD;
}

/* Reads the plain fields of the current record from reader->pos on: the
 * common case, unquoted runs that end at a comma or a line break and are
 * valid UTF-8, each recorded as a slice of the text. It walks the run ends
 * of each 64-byte block bit by bit, so fields inside one block cost a few
 * instructions each, and keeps its state in local variables (stored spans
 * could alias the reader's fields, which the compiler would otherwise
 * reload after each one). It stops, with the reader brought up to date, at
 * the first field it leaves to read_field(): one that starts with a quote,
 * holds a quote or NUL byte, is too long or invalid UTF-8, ends the text,
 * or would pass the row or field-count limits (checked there, in the same
 * order as for any field). Returns TRUE when it has consumed the record's
 * line break; otherwise *column is the number of the next field. */
static gboolean
read_plain_fields(CitynetCsvReader *reader, guint *column)
{
  const char *text = reader->text;
  const gsize n = reader->length;
  CitynetCsvSpan *spans = reader->spans;
  const guint first = reader->n_spans;
  guint n_spans = first;
  const guint max_spans = MIN(reader->spans_size, CITYNET_CSV_MAX_FIELDS);
  gsize record_bytes = reader->record_bytes;
  gsize field = reader->pos; /* start of the field being read */
  guint64 high = 0;          /* its high bytes in earlier blocks */
  gboolean ended = FALSE;

  if (!plain_start(text, n, field, n_spans, max_spans, record_bytes))
    goto done;
  for (gsize base = field & ~(gsize) 63; base < n; base += 64) {
    if (G_UNLIKELY(base != reader->block_base))
      load_block(reader, base);
    const guint64 highs = reader->block_high;
    /* Bytes of the current field in this block: from its start on. */
    guint64 from = field > base ? ~G_GUINT64_CONSTANT(0) << (field - base)
                                : ~G_GUINT64_CONSTANT(0);
    for (guint64 stops = reader->block_unquoted & from; stops != 0;
         stops &= stops - 1) {
      guint k = ctz64(stops);
      gsize end = base + k;
      char c = text[end];
      if (c != ',' && c != '\n' && c != '\r')
        goto done; /* a quote or NUL byte inside: read_field() */
      gsize len = end - field;
      if (len > CITYNET_CSV_MAX_FIELD)
        goto done;
      if ((high | (highs & from & ((G_GUINT64_CONSTANT(1) << k) - 1))) &&
          !utf8_valid(text + field, len))
        goto done;
      record_bytes += len + 1;
      spans[n_spans++] =
          (CitynetCsvSpan) {len > 0 ? text + field : NULL, 0, (guint32) len};
      field = end + 1;
      high = 0;
      if (c != ',') {
        if (c == '\r' && field < n && text[field] == '\n')
          field++;
        reader->line++;
        ended = TRUE;
        goto done;
      }
      if (!plain_start(text, n, field, n_spans, max_spans, record_bytes))
        goto done;
      from = k < 63 ? ~G_GUINT64_CONSTANT(0) << (k + 1) : 0;
    }
    high |= highs & from; /* the field goes on in the next block */
  }
  /* The field runs to the end of the text: read_field() reads it. */

done:
  reader->pos = field;
  reader->n_spans = n_spans;
  reader->record_bytes = record_bytes;
  *column += n_spans - first;
  return ended;
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
  reader->scratch_len = 1; /* scratch[0] stays "" for empty fields */
  reader->record_bytes = 1;
  reader->problem = CITYNET_CSV_OK;
  reader->problem_column = 0;

  const char *text = reader->text;
  for (guint column = 1;; column++) {
    if (reader->problem == CITYNET_CSV_OK &&
        read_plain_fields(reader, &column))
      break;
    if (G_UNLIKELY(reader->record_bytes > CITYNET_CSV_MAX_RECORD))
      reader_flag(reader, CITYNET_CSV_RECORD_TOO_LONG, column);
    read_field(reader, column);

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
  /* Room for every citynet_csv_field() copy of this record, made now so
   * that those copies never move the buffer under earlier results. */
  scratch_reserve(reader, reader->record_bytes);
  return reader->problem == CITYNET_CSV_OK ? CITYNET_CSV_RECORD
                                           : CITYNET_CSV_BAD;
}

const char *
citynet_csv_terminate(CitynetCsvReader *reader, guint index)
{
  CitynetCsvSpan *span = &reader->spans[index];
  if (span->ptr == NULL)
    return reader->scratch + span->offset;
  /* Fits: the record's reservation covers every field once. */
  char *copy = reader->scratch + reader->scratch_len;
  memcpy(copy, span->ptr, span->len);
  copy[span->len] = '\0';
  span->offset = (guint32) reader->scratch_len;
  span->ptr = NULL;
  reader->scratch_len += span->len + 1;
  return copy;
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

/* Line counting works on 64-byte blocks turned into bit masks (bit i for
 * byte i) of their LF and CR bytes: one pass of compares instead of a
 * memchr() call per line, which is what a line-by-line count costs on
 * rows of sixty bytes. */
static inline guint64
popcount64(guint64 x)
{
#if defined(__GNUC__) && defined(__POPCNT__)
  return (guint64) __builtin_popcountll(x);
#else
  x -= (x >> 1) & G_GUINT64_CONSTANT(0x5555555555555555);
  x = (x & G_GUINT64_CONSTANT(0x3333333333333333)) +
      ((x >> 2) & G_GUINT64_CONSTANT(0x3333333333333333));
  x = (x + (x >> 4)) & G_GUINT64_CONSTANT(0x0f0f0f0f0f0f0f0f);
  return (x * G_GUINT64_CONSTANT(0x0101010101010101)) >> 56;
#endif
}

static inline void
line_masks(const guchar *block, guint64 *lf, guint64 *cr)
{
#ifdef __SSE2__
  const __m128i lf_byte = _mm_set1_epi8('\n');
  const __m128i cr_byte = _mm_set1_epi8('\r');
  guint64 l = 0, c = 0;
  for (guint i = 0; i < 4; i++) {
    __m128i v = _mm_loadu_si128((const __m128i *) (block + 16 * i));
    l |= (guint64) (guint) _mm_movemask_epi8(_mm_cmpeq_epi8(v, lf_byte))
         << (16 * i);
    c |= (guint64) (guint) _mm_movemask_epi8(_mm_cmpeq_epi8(v, cr_byte))
         << (16 * i);
  }
  *lf = l;
  *cr = c;
#else
  guint64 l = 0, c = 0;
  for (guint i = 0; i < 64; i++) {
    l |= (guint64) (block[i] == '\n') << i;
    c |= (guint64) (block[i] == '\r') << i;
  }
  *lf = l;
  *cr = c;
#endif
}

gsize
citynet_csv_count_lines(const char *text, gsize length)
{
  /* A LF ends a non-empty line unless the byte before it is a LF, or a CR
   * that starts the text or follows a LF. The byte before the text counts
   * as a LF, so "\n" and "\r\n" at the very start are empty lines too.
   * Each block's masks are shifted by one and two bytes, carrying in the
   * last bits of the previous block. */
  const guchar *p = (const guchar *) text;
  guint64 prev_lf = G_GUINT64_CONSTANT(1) << 63, prev_cr = 0;
  gsize count = 0;
  for (gsize done = 0; done < length; done += 64) {
    guint64 lf, cr;
    if (length - done >= 64) {
      line_masks(p + done, &lf, &cr);
    } else {
      guchar tail[64] = {0}; /* NUL bytes are neither LF nor CR */
      memcpy(tail, p + done, length - done);
      line_masks(tail, &lf, &cr);
    }
    guint64 lf_before = (lf << 1) | (prev_lf >> 63);
    guint64 lf_two_before = (lf << 2) | (prev_lf >> 62);
    guint64 cr_before = (cr << 1) | (prev_cr >> 63);
    guint64 empty = lf & (lf_before | (cr_before & lf_two_before));
    count += popcount64(lf & ~empty);
    prev_lf = lf;
    prev_cr = cr;
  }
  return (gsize) count;
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
  /* The text may be a slice of a larger buffer: g_ascii_strtod() needs it
   * NUL-terminated. Numbers are short; a copy is cheap next to strtod. */
  char stack[64];
  char *copy = len < sizeof stack ? stack : g_malloc(len + 1);
  memcpy(copy, text, len);
  copy[len] = '\0';
  char *end = NULL;
  double value = g_ascii_strtod(copy, &end);
  gboolean whole = end == copy + len;
  if (copy != stack)
    g_free(copy);
  if (!whole)
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
  /* The spellings citynet writes itself, before the general loop. */
  if (len == 4 && memcmp(text, "true", 4) == 0) {
    *out = TRUE;
    return TRUE;
  }
  if (len == 5 && memcmp(text, "false", 5) == 0) {
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
