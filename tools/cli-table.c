/* citynet command - tables and their renderers (see cli-table.h). */
#include "cli-table.h"

#include <math.h>
#include <string.h>

typedef struct {
  char *key;
  char *heading;
  char *null_text;
  CliColumnType type;
} Column;

typedef struct {
  gboolean set;
  union {
    char *s;
    gint64 i;
    double d;
    gboolean b;
    char **v;
  } u;
} Cell;

struct _CliTable {
  char *name;
  char *title;
  GArray *columns;        /* Column */
  GArray *cells;          /* Cell, row-major */
  gboolean vertical;
  gint section;           /* section column, -1 for none */
  GHashTable *section_titles; /* value -> title */
};

gboolean
cli_format_from_string(const char *text, CliFormat *out)
{
  static const struct { const char *name; CliFormat format; } names[] = {
    { "text", CLI_FORMAT_TEXT },
    { "csv", CLI_FORMAT_CSV },
    { "json", CLI_FORMAT_JSON },
    { "markdown", CLI_FORMAT_MARKDOWN },
    { "latex", CLI_FORMAT_LATEX },
  };
  for (gsize i = 0; i < G_N_ELEMENTS(names); i++)
    if (g_strcmp0(text, names[i].name) == 0) {
      *out = names[i].format;
      return TRUE;
    }
  return FALSE;
}

gboolean
cli_format_has_header(CliFormat format)
{
  return format == CLI_FORMAT_TEXT || format == CLI_FORMAT_MARKDOWN;
}

int
cli_format_precision(CliFormat format, int precision)
{
  if (precision != CLI_PRECISION_DEFAULT)
    return precision;
  if (format == CLI_FORMAT_CSV || format == CLI_FORMAT_JSON)
    return CLI_PRECISION_SHORTEST;
  return 4;
}

/* ------------------------------------------------------------------------ */
/* Building                                                                 */
/* ------------------------------------------------------------------------ */

CliTable *
cli_table_new(const char *name, const char *title)
{
  CliTable *table = g_new0(CliTable, 1);
  table->name = g_strdup(name);
  table->title = g_strdup(title);
  table->columns = g_array_new(FALSE, TRUE, sizeof(Column));
  table->cells = g_array_new(FALSE, TRUE, sizeof(Cell));
  table->section = -1;
  table->section_titles = g_hash_table_new_full(g_str_hash, g_str_equal,
                                                g_free, g_free);
  return table;
}

static void
cell_clear(Cell *cell, CliColumnType type)
{
  if (cell->set && type == CLI_COLUMN_STRING)
    g_free(cell->u.s);
  else if (cell->set && type == CLI_COLUMN_STRING_LIST)
    g_strfreev(cell->u.v);
  cell->set = FALSE;
}

void
cli_table_free(CliTable *table)
{
  if (table == NULL)
    return;
  guint n_columns = table->columns->len;
  for (guint i = 0; i < table->cells->len; i++) {
    const Column *column = &g_array_index(table->columns, Column, i % n_columns);
    cell_clear(&g_array_index(table->cells, Cell, i), column->type);
  }
  for (guint i = 0; i < n_columns; i++) {
    Column *column = &g_array_index(table->columns, Column, i);
    g_free(column->key);
    g_free(column->heading);
    g_free(column->null_text);
  }
  g_array_unref(table->columns);
  g_array_unref(table->cells);
  g_hash_table_unref(table->section_titles);
  g_free(table->name);
  g_free(table->title);
  g_free(table);
}

const char *
cli_table_get_name(const CliTable *table)
{
  return table->name;
}

gsize
cli_table_n_rows(const CliTable *table)
{
  if (table->columns->len == 0)
    return 0;
  return table->cells->len / table->columns->len;
}

guint
cli_table_add_column(CliTable *table, const char *key, const char *heading,
                     CliColumnType type)
{
  g_return_val_if_fail(table->cells->len == 0, 0);
  Column column = { g_strdup(key), g_strdup(heading ? heading : key),
                    g_strdup(""), type };
  g_array_append_val(table->columns, column);
  return table->columns->len - 1;
}

void
cli_table_set_null_text(CliTable *table, guint column, const char *text)
{
  Column *col = &g_array_index(table->columns, Column, column);
  g_free(col->null_text);
  col->null_text = g_strdup(text ? text : "");
}

void
cli_table_set_vertical(CliTable *table, gboolean vertical)
{
  table->vertical = vertical;
}

void
cli_table_set_sections(CliTable *table, guint column)
{
  table->section = (gint) column;
}

void
cli_table_add_section_title(CliTable *table, const char *value,
                            const char *title)
{
  g_hash_table_replace(table->section_titles, g_strdup(value),
                       g_strdup(title));
}

void
cli_table_add_row(CliTable *table)
{
  g_return_if_fail(table->columns->len > 0);
  g_array_set_size(table->cells, table->cells->len + table->columns->len);
}

static Cell *
last_cell(CliTable *table, guint column, CliColumnType type)
{
  guint n_columns = table->columns->len;
  g_return_val_if_fail(column < n_columns && table->cells->len > 0, NULL);
  g_return_val_if_fail(g_array_index(table->columns, Column, column).type == type,
                       NULL);
  Cell *cell = &g_array_index(table->cells, Cell,
                              table->cells->len - n_columns + column);
  cell_clear(cell, type);
  return cell;
}

void
cli_table_set_string(CliTable *table, guint column, const char *value)
{
  Cell *cell = last_cell(table, column, CLI_COLUMN_STRING);
  if (cell == NULL || value == NULL)
    return;
  cell->u.s = g_strdup(value);
  cell->set = TRUE;
}

void
cli_table_set_int(CliTable *table, guint column, gint64 value)
{
  Cell *cell = last_cell(table, column, CLI_COLUMN_INT);
  if (cell == NULL)
    return;
  cell->u.i = value;
  cell->set = TRUE;
}

void
cli_table_set_double(CliTable *table, guint column, double value)
{
  Cell *cell = last_cell(table, column, CLI_COLUMN_DOUBLE);
  if (cell == NULL)
    return;
  cell->u.d = value;
  cell->set = TRUE;
}

void
cli_table_set_bool(CliTable *table, guint column, gboolean value)
{
  Cell *cell = last_cell(table, column, CLI_COLUMN_BOOL);
  if (cell == NULL)
    return;
  cell->u.b = value;
  cell->set = TRUE;
}

void
cli_table_set_strv(CliTable *table, guint column, const char *const *values)
{
  Cell *cell = last_cell(table, column, CLI_COLUMN_STRING_LIST);
  if (cell == NULL || values == NULL)
    return;
  cell->u.v = g_strdupv((char **) values);
  cell->set = TRUE;
}

/* ------------------------------------------------------------------------ */
/* Cell text                                                                */
/* ------------------------------------------------------------------------ */

static const Column *
column_at(const CliTable *table, guint column)
{
  return &g_array_index(table->columns, Column, column);
}

static const Cell *
cell_at(const CliTable *table, gsize row, guint column)
{
  return &g_array_index(table->cells, Cell,
                        row * table->columns->len + column);
}

static gboolean
column_is_numeric(const Column *column)
{
  return column->type == CLI_COLUMN_INT || column->type == CLI_COLUMN_DOUBLE;
}

/* The plain value text of a cell, shared by all text-like formats before
 * format-specific escaping. Returns NULL for a null cell. */
static char *
cell_plain_text(const Column *column, const Cell *cell, CliFormat format,
                int precision)
{
  char buffer[CLI_NUMBER_SIZE];
  if (!cell->set)
    return NULL;
  switch (column->type) {
  case CLI_COLUMN_STRING:
    return g_strdup(cell->u.s);
  case CLI_COLUMN_INT:
    return g_strdup_printf("%" G_GINT64_FORMAT, cell->u.i);
  case CLI_COLUMN_DOUBLE:
    if (!isfinite(cell->u.d))
      return format == CLI_FORMAT_CSV ? g_strdup("") : g_strdup("-");
    return g_strdup(cli_format_double(buffer, cell->u.d, precision));
  case CLI_COLUMN_BOOL:
    if (format == CLI_FORMAT_CSV)
      return g_strdup(cell->u.b ? "true" : "false");
    return g_strdup(cell->u.b ? "yes" : "no");
  case CLI_COLUMN_STRING_LIST:
    return g_strjoinv(";", cell->u.v);
  }
  return NULL;
}

/* Replaces control characters (newlines, tabs) with spaces so that one
 * value stays on one line of a text or markdown table. */
static char *
one_line(char *text)
{
  for (char *p = text; *p; p++)
    if ((unsigned char) *p < 0x20 || *p == 0x7f)
      *p = ' ';
  return text;
}

static char *
escape_markdown(const char *text)
{
  GString *out = g_string_sized_new(strlen(text) + 8);
  for (const char *p = text; *p; p++) {
    if (*p == '|' || *p == '\\')
      g_string_append_c(out, '\\');
    g_string_append_c(out, *p);
  }
  return g_string_free(out, FALSE);
}

/* LaTeX's ten special characters as text-mode commands; everything else,
 * UTF-8 included, passes through (pdflatex reads UTF-8 since 2018). */
static char *
escape_latex(const char *text)
{
  GString *out = g_string_sized_new(strlen(text) + 8);
  for (const char *p = text; *p; p++) {
    switch (*p) {
    case '&': case '%': case '$': case '#': case '_': case '{': case '}':
      g_string_append_c(out, '\\');
      g_string_append_c(out, *p);
      break;
    case '~': g_string_append(out, "\\textasciitilde{}"); break;
    case '^': g_string_append(out, "\\textasciicircum{}"); break;
    case '\\': g_string_append(out, "\\textbackslash{}"); break;
    default: g_string_append_c(out, *p); break;
    }
  }
  return g_string_free(out, FALSE);
}

/* The display text of a cell in text, markdown or latex. */
static char *
cell_display_text(const Column *column, const Cell *cell, CliFormat format,
                  int precision)
{
  char *text = cell_plain_text(column, cell, format, precision);
  if (text == NULL)
    text = g_strdup(column->null_text);
  if (!g_utf8_validate(text, -1, NULL)) {
    char *valid = g_utf8_make_valid(text, -1);
    g_free(text);
    text = valid;
  }
  one_line(text);
  if (format == CLI_FORMAT_MARKDOWN || format == CLI_FORMAT_LATEX) {
    char *escaped = format == CLI_FORMAT_MARKDOWN ? escape_markdown(text)
                                                  : escape_latex(text);
    g_free(text);
    text = escaped;
  }
  return text;
}

gsize
cli_text_width(const char *text)
{
  gsize width = 0;
  for (const char *p = text; *p; p = g_utf8_next_char(p)) {
    gunichar c = g_utf8_get_char(p);
    if (g_unichar_iszerowidth(c))
      continue;
    width += g_unichar_iswide(c) ? 2 : 1;
  }
  return width;
}

static void
append_padded(GString *out, const char *text, gsize width, gboolean right)
{
  gsize have = cli_text_width(text);
  gsize pad = have < width ? width - have : 0;
  if (right)
    for (gsize i = 0; i < pad; i++)
      g_string_append_c(out, ' ');
  g_string_append(out, text);
  if (!right)
    for (gsize i = 0; i < pad; i++)
      g_string_append_c(out, ' ');
}

/* Ends a line, dropping the padding after its last field. */
static void
end_line(GString *out, gsize line_start)
{
  while (out->len > line_start && out->str[out->len - 1] == ' ')
    g_string_truncate(out, out->len - 1);
  g_string_append_c(out, '\n');
}

/* ------------------------------------------------------------------------ */
/* Text and markdown                                                        */
/* ------------------------------------------------------------------------ */

/* A block of a table to lay out: a row range and the columns shown. */
typedef struct {
  const CliTable *table;
  const char *title;
  gsize first_row;
  gsize end_row;
  GArray *columns; /* guint */
} Block;

static void
render_block_text(const Block *block, int precision, GString *out)
{
  const CliTable *table = block->table;
  guint n = block->columns->len;
  gsize n_rows = block->end_row - block->first_row;
  char **texts = g_new0(char *, n_rows * n + 1);
  gsize *widths = g_new0(gsize, n);

  for (guint c = 0; c < n; c++) {
    guint col = g_array_index(block->columns, guint, c);
    widths[c] = cli_text_width(column_at(table, col)->heading);
    for (gsize r = 0; r < n_rows; r++) {
      char *text = cell_display_text(column_at(table, col),
                                     cell_at(table, block->first_row + r, col),
                                     CLI_FORMAT_TEXT, precision);
      widths[c] = MAX(widths[c], cli_text_width(text));
      texts[r * n + c] = text;
    }
  }

  if (block->title != NULL)
    g_string_append_printf(out, "%s\n", block->title);
  gsize start = out->len;
  for (guint c = 0; c < n; c++) {
    const Column *column = column_at(table, g_array_index(block->columns, guint, c));
    if (c > 0)
      g_string_append(out, "  ");
    append_padded(out, column->heading, widths[c], column_is_numeric(column));
  }
  end_line(out, start);
  start = out->len;
  for (guint c = 0; c < n; c++) {
    if (c > 0)
      g_string_append(out, "  ");
    for (gsize i = 0; i < widths[c]; i++)
      g_string_append_c(out, '-');
  }
  end_line(out, start);
  for (gsize r = 0; r < n_rows; r++) {
    start = out->len;
    for (guint c = 0; c < n; c++) {
      const Column *column = column_at(table, g_array_index(block->columns, guint, c));
      if (c > 0)
        g_string_append(out, "  ");
      append_padded(out, texts[r * n + c], widths[c], column_is_numeric(column));
    }
    end_line(out, start);
  }
  if (n_rows == 0)
    g_string_append(out, "(none)\n");

  g_strfreev(texts);
  g_free(widths);
}

static void
render_block_markdown(const Block *block, int precision, GString *out)
{
  const CliTable *table = block->table;
  guint n = block->columns->len;

  if (block->title != NULL) {
    char *title = g_strdup(block->title);
    g_string_append_printf(out, "### %s\n\n", one_line(title));
    g_free(title);
  }
  g_string_append(out, "|");
  for (guint c = 0; c < n; c++) {
    const Column *column = column_at(table, g_array_index(block->columns, guint, c));
    char *heading = escape_markdown(column->heading);
    g_string_append_printf(out, " %s |", heading);
    g_free(heading);
  }
  g_string_append(out, "\n|");
  for (guint c = 0; c < n; c++) {
    const Column *column = column_at(table, g_array_index(block->columns, guint, c));
    g_string_append(out, column_is_numeric(column) ? " ---: |" : " --- |");
  }
  g_string_append_c(out, '\n');
  for (gsize r = block->first_row; r < block->end_row; r++) {
    g_string_append(out, "|");
    for (guint c = 0; c < n; c++) {
      guint col = g_array_index(block->columns, guint, c);
      char *text = cell_display_text(column_at(table, col), cell_at(table, r, col),
                                     CLI_FORMAT_MARKDOWN, precision);
      g_string_append_printf(out, " %s |", text);
      g_free(text);
    }
    g_string_append_c(out, '\n');
  }
}

/* A label for \label{}: "tab:" and the table's name (plus the section's
 * value), with anything but letters, digits, '-' and ':' made '-'. */
static char *
latex_label(const CliTable *table, const char *section)
{
  GString *label = g_string_new("tab:");
  g_string_append(label, table->name);
  if (section != NULL && *section != '\0')
    g_string_append_printf(label, ":%s", section);
  for (gsize i = 4; i < label->len; i++)
    if (!g_ascii_isalnum(label->str[i]) && label->str[i] != '-' && label->str[i] != ':')
      label->str[i] = '-';
  return g_string_free(label, FALSE);
}

static void
render_block_latex(const Block *block, const char *section, int precision,
                   GString *out)
{
  const CliTable *table = block->table;
  guint n = block->columns->len;

  g_string_append(out, "\\begin{table}[htbp]\n\\centering\n");
  if (block->title != NULL) {
    char *title = g_strdup(block->title);
    char *escaped = escape_latex(one_line(title));
    g_string_append_printf(out, "\\caption{%s}\n", escaped);
    g_free(escaped);
    g_free(title);
  }
  char *label = latex_label(table, section);
  g_string_append_printf(out, "\\label{%s}\n\\begin{tabular}{", label);
  g_free(label);
  for (guint c = 0; c < n; c++) {
    const Column *column = column_at(table, g_array_index(block->columns, guint, c));
    g_string_append_c(out, column_is_numeric(column) ? 'r' : 'l');
  }
  g_string_append(out, "}\n\\toprule\n");
  for (guint c = 0; c < n; c++) {
    const Column *column = column_at(table, g_array_index(block->columns, guint, c));
    char *heading = escape_latex(column->heading);
    g_string_append_printf(out, "%s%s", c > 0 ? " & " : "", heading);
    g_free(heading);
  }
  g_string_append(out, " \\\\\n\\midrule\n");
  for (gsize r = block->first_row; r < block->end_row; r++) {
    for (guint c = 0; c < n; c++) {
      guint col = g_array_index(block->columns, guint, c);
      char *text = cell_display_text(column_at(table, col), cell_at(table, r, col),
                                     CLI_FORMAT_LATEX, precision);
      g_string_append_printf(out, "%s%s", c > 0 ? " & " : "", text);
      g_free(text);
    }
    g_string_append(out, " \\\\\n");
  }
  g_string_append(out, "\\bottomrule\n\\end{tabular}\n\\end{table}\n");
}

static void
render_block(const Block *block, const char *section, CliFormat format,
             int precision, GString *out)
{
  if (format == CLI_FORMAT_MARKDOWN)
    render_block_markdown(block, precision, out);
  else if (format == CLI_FORMAT_LATEX)
    render_block_latex(block, section, precision, out);
  else
    render_block_text(block, precision, out);
}

/* Row @row of @table turned into a two-column table (field, value): how
 * markdown shows a vertical table. */
static CliTable *
flip_row(const CliTable *table, gsize row, int precision)
{
  CliTable *flipped = cli_table_new(table->name, NULL);
  guint field = cli_table_add_column(flipped, "field", "field", CLI_COLUMN_STRING);
  guint value = cli_table_add_column(flipped, "value", "value", CLI_COLUMN_STRING);
  for (guint c = 0; c < table->columns->len; c++) {
    char *text = cell_display_text(column_at(table, c), cell_at(table, row, c),
                                   CLI_FORMAT_TEXT, precision);
    cli_table_add_row(flipped);
    cli_table_set_string(flipped, field, column_at(table, c)->heading);
    cli_table_set_string(flipped, value, text);
    g_free(text);
  }
  return flipped;
}

/* Row @row as "heading:  value" lines; a key/value list reads better
 * without the rules of a table. */
static void
render_row_text(const CliTable *table, gsize row, int precision, GString *out)
{
  gsize width = 0;
  for (guint c = 0; c < table->columns->len; c++)
    width = MAX(width, cli_text_width(column_at(table, c)->heading) + 1);
  for (guint c = 0; c < table->columns->len; c++) {
    gsize start = out->len;
    char *heading = g_strconcat(column_at(table, c)->heading, ":", NULL);
    char *text = cell_display_text(column_at(table, c), cell_at(table, row, c),
                                   CLI_FORMAT_TEXT, precision);
    append_padded(out, heading, width, FALSE);
    g_string_append(out, "  ");
    g_string_append(out, text);
    end_line(out, start);
    g_free(heading);
    g_free(text);
  }
}

static void
render_vertical(const CliTable *table, CliFormat format, int precision,
                GString *out)
{
  gsize n_rows = cli_table_n_rows(table);
  if (n_rows == 0 && table->title != NULL)
    g_string_append_printf(out, "%s\n(none)\n", table->title);
  for (gsize r = 0; r < n_rows; r++) {
    const char *title = r == 0 ? table->title : NULL;
    if (r > 0)
      g_string_append_c(out, '\n');
    if (format == CLI_FORMAT_MARKDOWN || format == CLI_FORMAT_LATEX) {
      CliTable *flipped = flip_row(table, r, precision);
      GArray *columns = g_array_new(FALSE, FALSE, sizeof(guint));
      for (guint c = 0; c < 2; c++)
        g_array_append_val(columns, c);
      Block block = { flipped, title, 0, cli_table_n_rows(flipped), columns };
      char *row = g_strdup_printf("%zu", r + 1);
      render_block(&block, r > 0 ? row : NULL, format, precision, out);
      g_free(row);
      g_array_unref(columns);
      cli_table_free(flipped);
    } else {
      if (title != NULL)
        g_string_append_printf(out, "%s\n", title);
      render_row_text(table, r, precision, out);
    }
  }
}

static const char *
section_value(const CliTable *table, gsize row)
{
  const Cell *cell = cell_at(table, row, (guint) table->section);
  return cell->set ? cell->u.s : "";
}

/* The columns of a section worth showing: a column that is null in every
 * row of the section says nothing there (e.g. the layer scope of rows that
 * are about all layers). */
static GArray *
section_columns(const CliTable *table, GArray *columns, gsize first, gsize end)
{
  GArray *shown = g_array_new(FALSE, FALSE, sizeof(guint));
  for (guint c = 0; c < columns->len; c++) {
    guint col = g_array_index(columns, guint, c);
    gboolean any = FALSE;
    for (gsize r = first; r < end && !any; r++)
      any = cell_at(table, r, col)->set;
    if (any)
      g_array_append_val(shown, col);
  }
  return shown;
}

static void
render_sections(const CliTable *table, CliFormat format, int precision,
                GString *out)
{
  GArray *columns = g_array_new(FALSE, FALSE, sizeof(guint));
  gsize n_rows = cli_table_n_rows(table);
  for (guint c = 0; c < table->columns->len; c++)
    if ((gint) c != table->section)
      g_array_append_val(columns, c);

  if (n_rows == 0) {
    Block block = { table, table->title, 0, 0, columns };
    render_block(&block, NULL, format, precision, out);
  }
  for (gsize first = 0; first < n_rows;) {
    const char *value = section_value(table, first);
    gsize end = first + 1;
    while (end < n_rows && g_strcmp0(section_value(table, end), value) == 0)
      end++;
    const char *title = g_hash_table_lookup(table->section_titles, value);
    char *fallback = NULL;
    if (title == NULL)
      title = fallback = table->title ? g_strdup_printf("%s: %s", table->title, value)
                                      : g_strdup(value);
    GArray *shown = section_columns(table, columns, first, end);
    Block block = { table, title, first, end, shown };
    if (first > 0)
      g_string_append_c(out, '\n');
    render_block(&block, value, format, precision, out);
    g_array_unref(shown);
    g_free(fallback);
    first = end;
  }
  g_array_unref(columns);
}

/* ------------------------------------------------------------------------ */
/* CSV                                                                      */
/* ------------------------------------------------------------------------ */

static void
append_csv_field(GString *out, const char *text)
{
  if (strpbrk(text, ",\"\r\n") == NULL) {
    g_string_append(out, text);
    return;
  }
  g_string_append_c(out, '"');
  for (const char *p = text; *p; p++) {
    if (*p == '"')
      g_string_append_c(out, '"');
    g_string_append_c(out, *p);
  }
  g_string_append_c(out, '"');
}

static void
render_csv(const CliTable *table, int precision, GString *out)
{
  guint n = table->columns->len;
  for (guint c = 0; c < n; c++) {
    if (c > 0)
      g_string_append_c(out, ',');
    append_csv_field(out, column_at(table, c)->key);
  }
  g_string_append(out, "\r\n");
  for (gsize r = 0; r < cli_table_n_rows(table); r++) {
    for (guint c = 0; c < n; c++) {
      char *text = cell_plain_text(column_at(table, c), cell_at(table, r, c),
                                   CLI_FORMAT_CSV, precision);
      if (c > 0)
        g_string_append_c(out, ',');
      append_csv_field(out, text ? text : "");
      g_free(text);
    }
    g_string_append(out, "\r\n");
  }
}

/* ------------------------------------------------------------------------ */
/* Entry points                                                             */
/* ------------------------------------------------------------------------ */

void
cli_table_render(const CliTable *table, CliFormat format, int precision,
                 GString *out)
{
  g_return_if_fail(format != CLI_FORMAT_JSON);
  if (format == CLI_FORMAT_CSV) {
    render_csv(table, precision, out);
    return;
  }
  if (table->vertical) {
    render_vertical(table, format, precision, out);
    return;
  }
  if (table->section >= 0) {
    render_sections(table, format, precision, out);
    return;
  }
  GArray *columns = g_array_new(FALSE, FALSE, sizeof(guint));
  for (guint c = 0; c < table->columns->len; c++)
    g_array_append_val(columns, c);
  Block block = { table, table->title, 0, cli_table_n_rows(table), columns };
  render_block(&block, NULL, format, precision, out);
  g_array_unref(columns);
}

void
cli_table_render_all(GPtrArray *tables, CliFormat format, int precision,
                     GString *out)
{
  for (guint i = 0; i < tables->len; i++) {
    if (i > 0)
      g_string_append(out, format == CLI_FORMAT_CSV ? "\r\n" : "\n");
    cli_table_render(g_ptr_array_index(tables, i), format, precision, out);
  }
}

static void
write_json_cell(const Column *column, const Cell *cell, CliJson *json)
{
  if (!cell->set) {
    cli_json_null(json);
    return;
  }
  switch (column->type) {
  case CLI_COLUMN_STRING: cli_json_string(json, cell->u.s); break;
  case CLI_COLUMN_INT: cli_json_int(json, cell->u.i); break;
  case CLI_COLUMN_DOUBLE: cli_json_double(json, cell->u.d); break;
  case CLI_COLUMN_BOOL: cli_json_bool(json, cell->u.b); break;
  case CLI_COLUMN_STRING_LIST:
    cli_json_strv(json, (const char *const *) cell->u.v);
    break;
  }
}

static void
write_json_members(const CliTable *table, gsize row, CliJson *json)
{
  for (guint c = 0; c < table->columns->len; c++) {
    cli_json_key(json, column_at(table, c)->key);
    write_json_cell(column_at(table, c), cell_at(table, row, c), json);
  }
}

void
cli_table_write_json(const CliTable *table, CliJson *json)
{
  cli_json_begin_array(json);
  for (gsize r = 0; r < cli_table_n_rows(table); r++) {
    cli_json_begin_object_compact(json);
    write_json_members(table, r, json);
    cli_json_end_object(json);
  }
  cli_json_end_array(json);
}

void
cli_table_write_json_row(const CliTable *table, gsize row, CliJson *json)
{
  cli_json_begin_object(json);
  write_json_members(table, row, json);
  cli_json_end_object(json);
}

/* ------------------------------------------------------------------------ */
/* HTML (report.html)                                                       */
/* ------------------------------------------------------------------------ */

void
cli_table_render_html(const CliTable *table, int precision, GString *out)
{
  guint n = table->columns->len;
  g_string_append(out, "<table>\n");
  if (table->title != NULL) {
    char *title = g_markup_escape_text(table->title, -1);
    g_string_append_printf(out, "<caption>%s</caption>\n", title);
    g_free(title);
  }
  g_string_append(out, "<thead><tr>");
  for (guint c = 0; c < n; c++) {
    const Column *column = column_at(table, c);
    char *heading = g_markup_escape_text(column->heading, -1);
    g_string_append_printf(out, "<th%s>%s</th>",
                           column_is_numeric(column) ? " class=\"num\"" : "", heading);
    g_free(heading);
  }
  g_string_append(out, "</tr></thead>\n<tbody>\n");
  for (gsize r = 0; r < cli_table_n_rows(table); r++) {
    g_string_append(out, "<tr>");
    for (guint c = 0; c < n; c++) {
      const Column *column = column_at(table, c);
      char *text = cell_display_text(column, cell_at(table, r, c), CLI_FORMAT_TEXT,
                                     precision);
      char *escaped = g_markup_escape_text(text, -1);
      g_string_append_printf(out, "<td%s>%s</td>",
                             column_is_numeric(column) ? " class=\"num\"" : "", escaped);
      g_free(escaped);
      g_free(text);
    }
    g_string_append(out, "</tr>\n");
  }
  g_string_append(out, "</tbody>\n</table>\n");
}
