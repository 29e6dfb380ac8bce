/* libcitynet - RFC 4180 CSV tokenizer and value helpers (private).
 *
 * The reader works on a whole file in memory (usually a GMappedFile) and
 * returns one record at a time. It copies nothing it does not have to: a
 * field is a slice of the text (pointer and length) unless it is quoted
 * and holds doubled quotes, which are unescaped into a reusable scratch
 * buffer. Callers that need a NUL-terminated string ask for one with
 * citynet_csv_field(), which copies that field into the scratch buffer on
 * first use; hot loops read the slices with citynet_csv_slice(). Reading a
 * record allocates nothing once the buffer has grown to the widest row.
 *
 * The reader never fails: a malformed record is still consumed completely
 * (line counting stays right after it) and reported as CITYNET_CSV_BAD with
 * the first problem found in it and the 1-based field number where it is. */
#ifndef CITYNET_CSV_H
#define CITYNET_CSV_H

#include "citynet-private.h"

G_BEGIN_DECLS

/* The longest field accepted, in bytes (after unescaping). */
#define CITYNET_CSV_MAX_FIELD ((gsize) 1024 * 1024)
/* The longest record accepted (sum of its fields), in bytes. */
#define CITYNET_CSV_MAX_RECORD ((gsize) 8 * 1024 * 1024)
/* The most fields a record may have. */
#define CITYNET_CSV_MAX_FIELDS 65536u

typedef enum {
  CITYNET_CSV_RECORD, /* a well-formed record is available */
  CITYNET_CSV_BAD,    /* a record was consumed but is malformed */
  CITYNET_CSV_END     /* no more records */
} CitynetCsvStatus;

typedef enum {
  CITYNET_CSV_OK,
  CITYNET_CSV_UNTERMINATED_QUOTE,
  CITYNET_CSV_STRAY_QUOTE,
  CITYNET_CSV_TEXT_AFTER_QUOTE,
  CITYNET_CSV_NUL_BYTE,
  CITYNET_CSV_FIELD_TOO_LONG,
  CITYNET_CSV_RECORD_TOO_LONG,
  CITYNET_CSV_TOO_MANY_FIELDS,
  CITYNET_CSV_INVALID_UTF8
} CitynetCsvProblem;

/* Where a field's bytes are: in the text at @ptr, or (@ptr NULL) in the
 * scratch buffer at @offset, NUL-terminated; offset 0 is the empty string
 * that stands for every empty or untrusted field. */
typedef struct {
  const char *ptr;
  guint32 offset;
  guint32 len;
} CitynetCsvSpan;

typedef struct {
  const char *text;   /* borrowed: the whole file */
  gsize length;
  gsize pos;
  guint line;         /* physical line at pos, 1-based */
  guint record_line;  /* line where the current record starts */

  CitynetCsvSpan *spans; /* one per field of the current record */
  guint n_spans;
  guint spans_size;
  char *scratch;      /* unescaped and terminated fields, each followed by
                         a NUL; scratch[0] is "" */
  gsize scratch_len;
  gsize scratch_size;
  gsize record_bytes; /* 1 + the fields read so far, each with a NUL: what
                         an all-copying reader would need (the row limit
                         is on this); once a record is read, the buffer
                         has that much room beyond scratch_len so that
                         citynet_csv_field() copies never move it */

  /* The 64-byte block of the text around pos as bit masks (bit i for byte
   * block_base + i): bytes that end a run in an unquoted field (comma,
   * quote, CR, LF, NUL), in a quoted one (the same but comma), and bytes
   * >= 0x80. Computed once per block, they serve all its fields. */
  gsize block_base;
  guint64 block_unquoted;
  guint64 block_quoted;
  guint64 block_high;

  CitynetCsvProblem problem; /* first problem of the current record */
  guint problem_column;      /* its field number, 1-based */
} CitynetCsvReader;

/* Prepares @reader to read @text (not necessarily NUL-terminated; a UTF-8
 * byte order mark at its start is skipped). @text must outlive the reader.
 * Complexity: O(1). */
void citynet_csv_reader_init(CitynetCsvReader *reader, const char *text,
                             gsize length);
/* Frees the reader's buffers (not the text). */
void citynet_csv_reader_clear(CitynetCsvReader *reader);

/* Reads the next record. Empty lines between records are skipped. After
 * CITYNET_CSV_BAD, reader->problem and reader->problem_column say why; the
 * fields read so far remain available but should not be trusted.
 * Complexity: linear in the record's length. */
CitynetCsvStatus citynet_csv_reader_next(CitynetCsvReader *reader);

/* The number of fields of the current record. */
static inline guint
citynet_csv_n_fields(const CitynetCsvReader *reader)
{
  return reader->n_spans;
}

/* Field @index (0-based) of the current record as a slice: its bytes are
 * NOT NUL-terminated (they usually point into the text). Valid UTF-8 for
 * a well-formed record, borrowed until the next call to
 * citynet_csv_reader_next(). @len (optional) receives its length.
 * Complexity: O(1), copies nothing. */
static inline const char *
citynet_csv_slice(const CitynetCsvReader *reader, guint index, gsize *len)
{
  const CitynetCsvSpan *span = &reader->spans[index];
  if (len != NULL)
    *len = span->len;
  return span->ptr != NULL ? span->ptr : reader->scratch + span->offset;
}

/* Copies field @index into the scratch buffer, NUL-terminated; the slow
 * half of citynet_csv_field(). */
const char *citynet_csv_terminate(CitynetCsvReader *reader, guint index);

/* Field @index (0-based) of the current record: NUL-terminated, valid
 * UTF-8 for a well-formed record, borrowed until the next call to
 * citynet_csv_reader_next(). @len (optional) receives its length. The
 * first call for a field copies it (once) into the scratch buffer, which
 * never moves while a record is current, so earlier results stay valid.
 * Complexity: linear in the field's length on the first call, then O(1). */
static inline const char *
citynet_csv_field(CitynetCsvReader *reader, guint index, gsize *len)
{
  const CitynetCsvSpan *span = &reader->spans[index];
  if (len != NULL)
    *len = span->len;
  if (span->ptr == NULL)
    return reader->scratch + span->offset;
  return citynet_csv_terminate(reader, index);
}

/* A short English description of a problem ("unterminated quoted field"). */
const char *citynet_csv_problem_message(CitynetCsvProblem problem);

/* Counts the LF-terminated non-empty lines of @text. Plus one (for a last
 * line without LF) it bounds the number of records from above, unless the
 * file ends its lines with bare CRs; used to pre-size arrays.
 * Complexity: linear, 64 bytes per step. */
gsize citynet_csv_count_lines(const char *text, gsize length);

/* ------------------------------------------------------------------------ */
/* Values                                                                   */
/* ------------------------------------------------------------------------ */

/* Parses a whole field of length @len (NUL-terminated or not) as a
 * decimal number without depending on the locale: an optional sign, digits with an
 * optional decimal point, an optional exponent. No spaces, no hex, no
 * "inf"/"nan"; the result may still be infinite on overflow. Gives exactly
 * the value of g_ascii_strtod(). Returns FALSE when @text is not such a
 * number. */
gboolean citynet_csv_parse_double(const char *text, gsize len, double *out);

/* Parses true/false/1/0/yes/no (any case); "" is FALSE. Returns FALSE when
 * @text is none of these. */
gboolean citynet_csv_parse_bool(const char *text, gsize len, gboolean *out);

/* The size of a buffer for citynet_csv_format_double(). */
#define CITYNET_CSV_DOUBLE_SIZE 32

/* Writes the shortest decimal form of @value that reads back as exactly
 * @value ("1", "0.1", "41.0082", "1e+300"), independent of the locale;
 * @value must be finite. Returns @buffer. */
char *citynet_csv_format_double(double value, char *buffer);

/* Whether a field must be quoted when written: it holds a comma, quote,
 * CR or LF, or starts or ends with a space or tab (quoted so that readers
 * which trim unquoted fields keep it intact). */
gboolean citynet_csv_needs_quotes(const char *value, gsize len);

/* Appends @value (length @len, or -1 for NUL-terminated) to @out as one
 * CSV field, quoted and with doubled quotes when needed. */
void citynet_csv_append_field(GString *out, const char *value, gssize len);

G_END_DECLS

#endif /* CITYNET_CSV_H */
