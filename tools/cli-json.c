/* citynet command - a small streaming JSON writer (see cli-json.h). */
#include "cli-json.h"

#include <math.h>
#include <string.h>

typedef struct {
  gboolean compact; /* members on one line */
  gboolean empty;   /* no member written yet */
  gboolean object;  /* object (members have keys) or array */
} Frame;

struct _CliJson {
  GString *out;
  int precision;
  GArray *stack;         /* Frame */
  gboolean after_key;    /* a key was written; the value follows inline */
};

char *
cli_format_double(char *buffer, double value, int precision)
{
  if (isnan(value)) {
    g_strlcpy(buffer, "nan", CLI_NUMBER_SIZE);
    return buffer;
  }
  if (isinf(value)) {
    g_strlcpy(buffer, value > 0 ? "inf" : "-inf", CLI_NUMBER_SIZE);
    return buffer;
  }
  if (value == 0.0)
    value = 0.0; /* folds -0 into 0: "-0" surprises readers and parsers */

  if (precision >= 0) {
    char format[16];
    g_snprintf(format, sizeof format, "%%.%df", precision);
    g_ascii_formatd(buffer, CLI_NUMBER_SIZE, format, value);
    /* A rounded negative value such as -0.00001 at 4 digits prints as
     * "-0.0000"; drop the sign of a zero result. */
    if (buffer[0] == '-') {
      gboolean zero = TRUE;
      for (const char *p = buffer + 1; *p; p++)
        if (*p != '0' && *p != '.')
          zero = FALSE;
      if (zero)
        memmove(buffer, buffer + 1, strlen(buffer));
    }
    return buffer;
  }

  /* Shortest round trip: the first %.Ng that reads back exactly. */
  for (int digits = 1; digits <= 17; digits++) {
    char format[16];
    g_snprintf(format, sizeof format, "%%.%dg", digits);
    g_ascii_formatd(buffer, CLI_NUMBER_SIZE, format, value);
    if (g_ascii_strtod(buffer, NULL) == value)
      break;
  }
  return buffer;
}

void
cli_json_escape(GString *out, const char *text)
{
  char *valid = NULL;
  if (!g_utf8_validate(text, -1, NULL))
    text = valid = g_utf8_make_valid(text, -1);

  g_string_append_c(out, '"');
  for (const unsigned char *p = (const unsigned char *) text; *p; p++) {
    switch (*p) {
    case '"': g_string_append(out, "\\\""); break;
    case '\\': g_string_append(out, "\\\\"); break;
    case '\b': g_string_append(out, "\\b"); break;
    case '\f': g_string_append(out, "\\f"); break;
    case '\n': g_string_append(out, "\\n"); break;
    case '\r': g_string_append(out, "\\r"); break;
    case '\t': g_string_append(out, "\\t"); break;
    default:
      if (*p < 0x20 || *p == 0x7f)
        g_string_append_printf(out, "\\u%04x", *p);
      else if (*p == 0xe2 && p[1] == 0x80 && (p[2] == 0xa8 || p[2] == 0xa9)) {
        /* U+2028/U+2029 are valid JSON but break JavaScript string
         * literals; escaping them costs nothing. */
        g_string_append_printf(out, "\\u%04x", p[2] == 0xa8 ? 0x2028 : 0x2029);
        p += 2;
      } else
        g_string_append_c(out, (char) *p);
    }
  }
  g_string_append_c(out, '"');
  g_free(valid);
}

CliJson *
cli_json_new(GString *out, int precision)
{
  CliJson *json = g_new0(CliJson, 1);
  json->out = out;
  json->precision = precision;
  json->stack = g_array_new(FALSE, FALSE, sizeof(Frame));
  return json;
}

void
cli_json_free(CliJson *json)
{
  if (json == NULL)
    return;
  g_array_unref(json->stack);
  g_free(json);
}

static Frame *
top(CliJson *json)
{
  if (json->stack->len == 0)
    return NULL;
  return &g_array_index(json->stack, Frame, json->stack->len - 1);
}

static void
newline_indent(CliJson *json, guint depth)
{
  g_string_append_c(json->out, '\n');
  for (guint i = 0; i < depth; i++)
    g_string_append(json->out, "  ");
}

/* Writes the separator and indentation that precede a member or value. */
static void
before_item(CliJson *json)
{
  Frame *frame = top(json);
  if (json->after_key) {
    json->after_key = FALSE;
    return;
  }
  if (frame == NULL)
    return;
  if (!frame->empty)
    g_string_append_c(json->out, ',');
  if (frame->compact) {
    if (!frame->empty)
      g_string_append_c(json->out, ' ');
  } else
    newline_indent(json, json->stack->len);
  frame->empty = FALSE;
}

static void
begin(CliJson *json, char bracket, gboolean object, gboolean compact)
{
  Frame *parent = top(json);
  Frame frame = { compact || (parent != NULL && parent->compact), TRUE,
                  object };
  before_item(json);
  g_string_append_c(json->out, bracket);
  g_array_append_val(json->stack, frame);
}

static void
end(CliJson *json, char bracket)
{
  Frame frame = *top(json);
  g_array_set_size(json->stack, json->stack->len - 1);
  if (!frame.empty && !frame.compact)
    newline_indent(json, json->stack->len);
  g_string_append_c(json->out, bracket);
  if (json->stack->len == 0)
    g_string_append_c(json->out, '\n');
}

void cli_json_begin_object(CliJson *json) { begin(json, '{', TRUE, FALSE); }
void cli_json_begin_object_compact(CliJson *json) { begin(json, '{', TRUE, TRUE); }
void cli_json_end_object(CliJson *json) { end(json, '}'); }
void cli_json_begin_array(CliJson *json) { begin(json, '[', FALSE, FALSE); }
void cli_json_begin_array_compact(CliJson *json) { begin(json, '[', FALSE, TRUE); }
void cli_json_end_array(CliJson *json) { end(json, ']'); }

void
cli_json_key(CliJson *json, const char *key)
{
  before_item(json);
  cli_json_escape(json->out, key);
  g_string_append(json->out, ": ");
  json->after_key = TRUE;
}

void
cli_json_string(CliJson *json, const char *value)
{
  before_item(json);
  if (value == NULL)
    g_string_append(json->out, "null");
  else
    cli_json_escape(json->out, value);
}

void
cli_json_int(CliJson *json, gint64 value)
{
  before_item(json);
  g_string_append_printf(json->out, "%" G_GINT64_FORMAT, value);
}

void
cli_json_double(CliJson *json, double value)
{
  char buffer[CLI_NUMBER_SIZE];
  before_item(json);
  if (!isfinite(value))
    g_string_append(json->out, "null");
  else
    g_string_append(json->out, cli_format_double(buffer, value, json->precision));
}

void
cli_json_bool(CliJson *json, gboolean value)
{
  before_item(json);
  g_string_append(json->out, value ? "true" : "false");
}

void
cli_json_null(CliJson *json)
{
  before_item(json);
  g_string_append(json->out, "null");
}

void
cli_json_strv(CliJson *json, const char *const *values)
{
  if (values == NULL) {
    cli_json_null(json);
    return;
  }
  cli_json_begin_array_compact(json);
  for (gsize i = 0; values[i] != NULL; i++)
    cli_json_string(json, values[i]);
  cli_json_end_array(json);
}
