/* libcitynet - RFC 4180 CSV tokenizer and value helpers (private).
 *
 * The reader works on a whole file in memory (usually a GMappedFile) and
 * returns one record at a time. Every field of the current record is copied,
 * unescaped and NUL-terminated, into one reusable scratch buffer, so reading
 * a record allocates nothing once the buffers have grown to the widest row.
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

typedef struct {
  guint32 offset; /* into the scratch buffer */
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
  char *scratch;      /* unescaped fields, each followed by a NUL */
  gsize scratch_len;
  gsize scratch_size;

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

/* Field @index (0-based) of the current record: NUL-terminated, valid
 * UTF-8 for a well-formed record, borrowed until the next call to
 * citynet_csv_reader_next(). @len (optional) receives its length. */
static inline const char *
citynet_csv_field(const CitynetCsvReader *reader, guint index, gsize *len)
{
  const CitynetCsvSpan *span = &reader->spans[index];
  if (len != NULL)
    *len = span->len;
  return reader->scratch + span->offset;
}

/* A short English description of a problem ("unterminated quoted field"). */
const char *citynet_csv_problem_message(CitynetCsvProblem problem);

/* Counts the LF-terminated non-empty lines of @text. Plus one (for a last
 * line without LF) it bounds the number of records from above, unless the
 * file ends its lines with bare CRs; used to pre-size arrays. */
gsize citynet_csv_count_lines(const char *text, gsize length);

/* ------------------------------------------------------------------------ */
/* Values                                                                   */
/* ------------------------------------------------------------------------ */

/* Parses a whole NUL-terminated field of length @len as a decimal number
 * without depending on the locale: an optional sign, digits with an
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
