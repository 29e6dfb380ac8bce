/* citynet command - tables and their renderers.
 *
 * Every subcommand that prints data builds CliTables (typed columns, rows
 * of cells) and hands them to one renderer per output format, so that all
 * subcommands format numbers, escape text and align columns the same way:
 *
 *   text      aligned columns for a terminal; widths count display cells
 *             (wide CJK characters 2, combining marks 0); numbers right-
 *             aligned; a title line above each table.
 *   csv       RFC 4180: a header row of column keys, CRLF line ends, fields
 *             quoted when they hold a comma, quote, CR or LF. Several tables
 *             are separated by one empty line.
 *   json      a table is an array of row objects keyed by column key
 *             (cli_table_write_json()); the subcommand places it in its
 *             documented document.
 *   markdown  a "### title" heading and a GitHub pipe table, '|' and '\'
 *             escaped, numbers right-aligned.
 *   latex     a booktabs table float (\toprule, \midrule, \bottomrule)
 *             with the title as \caption and \label{tab:NAME}; LaTeX's
 *             special characters escaped, UTF-8 kept; numbers right-aligned.
 *
 * Doubles use the render precision: a fixed number of decimals, or the
 * shortest round-trip text (see cli_format_double()).
 */
#ifndef CITYNET_CLI_TABLE_H
#define CITYNET_CLI_TABLE_H

#include <glib.h>

#include "cli-json.h"

G_BEGIN_DECLS

/**
 * CliFormat:
 * The output formats every data-printing subcommand accepts with --format.
 */
typedef enum {
  CLI_FORMAT_TEXT,
  CLI_FORMAT_CSV,
  CLI_FORMAT_JSON,
  CLI_FORMAT_MARKDOWN,
  CLI_FORMAT_LATEX
} CliFormat;

/**
 * cli_format_from_string:
 * Returns: TRUE and the format for "text", "csv", "json", "markdown" or
 * "latex"; FALSE otherwise.
 */
gboolean cli_format_from_string(const char *text, CliFormat *out);

/** CLI_PRECISION_DEFAULT: the --precision value meaning "format default". */
#define CLI_PRECISION_DEFAULT (-2)
/** CLI_PRECISION_SHORTEST: the shortest round-trip representation. */
#define CLI_PRECISION_SHORTEST (-1)
/** CLI_PRECISION_MAX: the largest accepted --precision. */
#define CLI_PRECISION_MAX 17

/**
 * cli_format_has_header:
 * Returns: whether a command prints its free-text header (bundle, focus,
 * view) above the tables in @format: in text and markdown only; csv and
 * latex hold nothing but tables, so that they can be read or \input as
 * they are.
 */
gboolean cli_format_has_header(CliFormat format);

/**
 * cli_format_precision:
 * Resolves CLI_PRECISION_DEFAULT: shortest round trip for csv and json, 4
 * decimals for text, markdown and latex; other values are returned
 * unchanged.
 */
int cli_format_precision(CliFormat format, int precision);

/**
 * CliColumnType:
 * @CLI_COLUMN_STRING: UTF-8 text.
 * @CLI_COLUMN_INT: a 64-bit integer.
 * @CLI_COLUMN_DOUBLE: a double, formatted at the render precision.
 * @CLI_COLUMN_BOOL: true/false (text: yes/no).
 * @CLI_COLUMN_STRING_LIST: a list of strings: a JSON array, joined with
 *   ";" elsewhere.
 *
 * Any cell may also be null (JSON null, empty in csv, the column's null
 * text in text and markdown).
 */
typedef enum {
  CLI_COLUMN_STRING,
  CLI_COLUMN_INT,
  CLI_COLUMN_DOUBLE,
  CLI_COLUMN_BOOL,
  CLI_COLUMN_STRING_LIST
} CliColumnType;

typedef struct _CliTable CliTable;

/**
 * cli_table_new:
 * @name: the table's identifier (used by --table and as JSON member name).
 * @title: (nullable): the heading shown in text and markdown.
 *
 * Returns: (transfer full): an empty table; free with cli_table_free().
 */
CliTable *cli_table_new(const char *name, const char *title);
/** cli_table_free: frees the table and its cells; NULL is ignored. */
void cli_table_free(CliTable *table);

/** cli_table_get_name: Returns: (transfer none): the table's name. */
const char *cli_table_get_name(const CliTable *table);
/** cli_table_n_rows: Returns: the number of rows. */
gsize cli_table_n_rows(const CliTable *table);

/**
 * cli_table_add_column:
 * @key: the machine name (csv header, JSON member name).
 * @heading: (nullable): the human heading (text, markdown); NULL uses @key.
 *
 * Columns must all be added before the first row.
 * Returns: the column's index.
 */
guint cli_table_add_column(CliTable *table, const char *key,
                           const char *heading, CliColumnType type);

/**
 * cli_table_set_null_text:
 * What text and markdown show for a null cell of @column (default "").
 */
void cli_table_set_null_text(CliTable *table, guint column, const char *text);

/**
 * cli_table_set_vertical:
 * Shows a table in text, markdown and latex as "field  value" lines, one per
 * column, and each row as one such block: meant for one-row summaries.
 * JSON and csv are unaffected.
 */
void cli_table_set_vertical(CliTable *table, gboolean vertical);

/**
 * cli_table_set_sections:
 * @column: a string column.
 *
 * In text, markdown and latex, splits the table into consecutive runs of rows
 * with the same value in @column, each shown as its own sub-table without
 * that column, under the title given by cli_table_add_section_title() for
 * the value (or "TITLE: value"). A column that is null in every row of a
 * section is left out of that section. JSON and csv keep the single table.
 */
void cli_table_set_sections(CliTable *table, guint column);
/** cli_table_add_section_title: the title of the section for @value. */
void cli_table_add_section_title(CliTable *table, const char *value,
                                 const char *title);

/**
 * cli_table_add_row:
 * Appends a row of null cells; the set functions fill the last row.
 */
void cli_table_add_row(CliTable *table);
/** cli_table_set_string: @value copied; NULL leaves the cell null. */
void cli_table_set_string(CliTable *table, guint column, const char *value);
void cli_table_set_int(CliTable *table, guint column, gint64 value);
void cli_table_set_double(CliTable *table, guint column, double value);
void cli_table_set_bool(CliTable *table, guint column, gboolean value);
/** cli_table_set_strv: @values copied; NULL leaves the cell null. */
void cli_table_set_strv(CliTable *table, guint column,
                        const char *const *values);

/**
 * cli_table_render:
 * @format: CLI_FORMAT_TEXT, CLI_FORMAT_CSV, CLI_FORMAT_MARKDOWN or
 *   CLI_FORMAT_LATEX (for JSON use cli_table_write_json()).
 * @precision: decimals for doubles, or CLI_PRECISION_SHORTEST.
 *
 * Appends the rendered table to @out.
 */
void cli_table_render(const CliTable *table, CliFormat format, int precision,
                      GString *out);

/**
 * cli_table_render_all:
 * Renders several tables in order, separated by an empty line.
 */
void cli_table_render_all(GPtrArray *tables, CliFormat format, int precision,
                          GString *out);

/**
 * cli_table_render_html:
 * Appends the table as an HTML <table> (with a <caption> from its title),
 * text escaped, numeric cells right-aligned: for report.html. Sections
 * and vertical layout are ignored (one plain table).
 */
void cli_table_render_html(const CliTable *table, int precision, GString *out);

/**
 * cli_table_write_json:
 * Writes the table as an array of compact row objects (one per line).
 */
void cli_table_write_json(const CliTable *table, CliJson *json);

/**
 * cli_table_write_json_row:
 * Writes row @row as a (non-compact) JSON object: for one-row summaries.
 */
void cli_table_write_json_row(const CliTable *table, gsize row,
                              CliJson *json);

/**
 * cli_text_width:
 * Returns: the number of terminal cells @text occupies (wide characters
 * count 2, zero-width and combining characters 0).
 */
gsize cli_text_width(const char *text);

G_END_DECLS

#endif /* CITYNET_CLI_TABLE_H */
