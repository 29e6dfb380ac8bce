/* citynet command - a small streaming JSON writer.
 *
 * Writes pretty-printed JSON into a GString: containers opened with
 * cli_json_begin_object()/cli_json_begin_array() put each member on its own
 * line; containers opened with the _compact variants (and everything inside
 * them) stay on one line, which keeps table rows readable one per line.
 * Strings are escaped per RFC 8259; non-finite numbers become null because
 * JSON cannot represent them.
 */
#ifndef CITYNET_CLI_JSON_H
#define CITYNET_CLI_JSON_H

#include <glib.h>

G_BEGIN_DECLS

typedef struct _CliJson CliJson;

/**
 * cli_json_new:
 * @out: (transfer none): the buffer the document is appended to; it must
 *   outlive the writer.
 * @precision: digits after the decimal point for doubles, or -1 for the
 *   shortest text that reads back as the same double.
 *
 * Returns: (transfer full): a writer; free with cli_json_free().
 */
CliJson *cli_json_new(GString *out, int precision);
/** cli_json_free: frees the writer (not its buffer); NULL is ignored. */
void cli_json_free(CliJson *json);

void cli_json_begin_object(CliJson *json);
void cli_json_begin_object_compact(CliJson *json);
void cli_json_end_object(CliJson *json);
void cli_json_begin_array(CliJson *json);
void cli_json_begin_array_compact(CliJson *json);
void cli_json_end_array(CliJson *json);

/** cli_json_key: writes a member name; the next value is its value. */
void cli_json_key(CliJson *json, const char *key);

/** cli_json_string: writes @value escaped, or null when @value is NULL. */
void cli_json_string(CliJson *json, const char *value);
void cli_json_int(CliJson *json, gint64 value);
/** cli_json_double: writes @value in the writer's precision (null if not
 * finite). */
void cli_json_double(CliJson *json, double value);
void cli_json_bool(CliJson *json, gboolean value);
void cli_json_null(CliJson *json);
/** cli_json_strv: writes a compact array of strings (NULL -> null). */
void cli_json_strv(CliJson *json, const char *const *values);

/** CLI_NUMBER_SIZE: a buffer size that fits any formatted double. */
#define CLI_NUMBER_SIZE 352

/**
 * cli_format_double:
 * @buffer: at least CLI_NUMBER_SIZE bytes.
 * @precision: digits after the decimal point, or -1 for the shortest
 *   decimal text that reads back as exactly @value (at most 17 significant
 *   digits).
 *
 * Formats @value independently of the locale (always a '.' separator), as
 * valid JSON/CSV number syntax; "-0" is written as "0". Non-finite values
 * give "nan", "inf" or "-inf" (callers decide how to show them).
 *
 * Returns: (transfer none): @buffer.
 */
char *cli_format_double(char *buffer, double value, int precision);

/**
 * cli_json_escape:
 * Appends @text to @out as a quoted JSON string. Invalid UTF-8 is replaced
 * with U+FFFD so the document always parses.
 */
void cli_json_escape(GString *out, const char *text);

G_END_DECLS

#endif /* CITYNET_CLI_JSON_H */
