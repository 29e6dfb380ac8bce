/* libcitynet - figures: text with Pango, the palette, legends and axes. */
#include <math.h>
#include <string.h>

#include "figure-private.h"

/* ------------------------------------------------------------------------ */
/* Colours                                                                  */
/* ------------------------------------------------------------------------ */

const FigColor fig_black = { 0.0, 0.0, 0.0 };
const FigColor fig_text_grey = { 0.30, 0.30, 0.30 };
const FigColor fig_axis_grey = { 0.25, 0.25, 0.25 };
const FigColor fig_light_grey = { 0.85, 0.85, 0.85 };
const FigColor fig_other_grey = { 0.62, 0.62, 0.62 };

/* Okabe and Ito (2008), "Color Universal Design": distinguishable under
 * the common colour-vision deficiencies. Black is left out; the order puts
 * the most distinct hues first. */
static const FigColor okabe_ito[FIG_MAX_GROUPS] = {
  { 0x00 / 255.0, 0x72 / 255.0, 0xB2 / 255.0 }, /* blue */
  { 0xE6 / 255.0, 0x9F / 255.0, 0x00 / 255.0 }, /* orange */
  { 0x00 / 255.0, 0x9E / 255.0, 0x73 / 255.0 }, /* bluish green */
  { 0xCC / 255.0, 0x79 / 255.0, 0xA7 / 255.0 }, /* reddish purple */
  { 0x56 / 255.0, 0xB4 / 255.0, 0xE9 / 255.0 }, /* sky blue */
  { 0xD5 / 255.0, 0x5E / 255.0, 0x00 / 255.0 }, /* vermillion */
  { 0xF0 / 255.0, 0xE4 / 255.0, 0x42 / 255.0 }, /* yellow */
};

FigColor
fig_palette(guint i)
{
  return okabe_ito[i % FIG_MAX_GROUPS];
}

void
fig_set_color(cairo_t *cr, FigColor color)
{
  cairo_set_source_rgb(cr, color.r, color.g, color.b);
}

void
fig_set_color_alpha(cairo_t *cr, FigColor color, double alpha)
{
  cairo_set_source_rgba(cr, color.r, color.g, color.b, alpha);
}

/* Dash patterns in units of the line width, so they scale with it. */
void
fig_set_dash(cairo_t *cr, guint style, double line_width)
{
  static const double patterns[FIG_N_DASHES][4] = {
    { 0, 0, 0, 0 },       /* solid */
    { 6, 3, 0, 0 },       /* dashed */
    { 1, 2.5, 0, 0 },     /* dotted (round caps) */
    { 7, 2.5, 1.5, 2.5 }, /* dash-dot */
    { 14, 4, 0, 0 },      /* long dash */
    { 3, 2, 0, 0 },       /* short dash */
  };
  static const int lengths[FIG_N_DASHES] = { 0, 2, 2, 4, 2, 2 };
  style %= FIG_N_DASHES;
  double dashes[4];
  for (int i = 0; i < lengths[style]; i++)
    dashes[i] = patterns[style][i] * MAX(line_width, 0.5);
  cairo_set_line_width(cr, line_width);
  cairo_set_line_cap(cr, style == 2 ? CAIRO_LINE_CAP_ROUND : CAIRO_LINE_CAP_BUTT);
  cairo_set_dash(cr, dashes, lengths[style], 0);
}

/* ------------------------------------------------------------------------ */
/* Text                                                                     */
/* ------------------------------------------------------------------------ */

static PangoLayout *
make_layout(FigCanvas *canvas, const char *text, double size, gboolean bold)
{
  PangoLayout *layout = pango_cairo_create_layout(canvas->cr);
  /* Pango rounds glyph positions to whole user units by default; in
   * points that spaces letters unevenly once scaled (PNG) or printed. */
  pango_context_set_round_glyph_positions(pango_layout_get_context(layout), FALSE);
  pango_layout_context_changed(layout);
  PangoFontDescription *font = pango_font_description_copy(canvas->font);
  /* An absolute size is in user units, which are points here. */
  pango_font_description_set_absolute_size(font, size * PANGO_SCALE);
  if (bold)
    pango_font_description_set_weight(font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description(layout, font);
  pango_font_description_free(font);
  pango_layout_set_text(layout, text, -1);
  return layout;
}

static void
layout_size(PangoLayout *layout, double *width, double *height)
{
  PangoRectangle logical;
  pango_layout_get_extents(layout, NULL, &logical);
  *width = (double) logical.width / PANGO_SCALE;
  *height = (double) logical.height / PANGO_SCALE;
}

/* Glyphs the renderer will emit: Pango's empty glyph (for zero-width
 * characters) and unknown-character boxes are not glyphs of the font. */
static gsize
count_glyphs(PangoLayout *layout)
{
  gsize n = 0;
  PangoLayoutIter *iter = pango_layout_get_iter(layout);
  do {
    PangoLayoutRun *run = pango_layout_iter_get_run_readonly(iter);
    if (run == NULL)
      continue;
    for (int i = 0; i < run->glyphs->num_glyphs; i++) {
      PangoGlyph glyph = run->glyphs->glyphs[i].glyph;
      if (glyph != PANGO_GLYPH_EMPTY && !(glyph & PANGO_GLYPH_UNKNOWN_FLAG))
        n++;
    }
  } while (pango_layout_iter_next_run(iter));
  pango_layout_iter_free(iter);
  return n;
}

void
fig_text_size(FigCanvas *canvas, const char *text, double size, gboolean bold,
              double *width, double *height)
{
  PangoLayout *layout = make_layout(canvas, text, size, bold);
  layout_size(layout, width, height);
  g_object_unref(layout);
}

static void
record_text(FigCanvas *canvas, CitynetFigureTextRole role, const char *text,
            FigBox box, PangoLayout *layout)
{
  FigText item = { role, g_strdup(text), box };
  g_array_append_val(canvas->figure->texts, item);
  canvas->figure->n_glyphs += count_glyphs(layout);
}

FigBox
fig_text(FigCanvas *canvas, CitynetFigureTextRole role, const char *text,
         double x, double y, FigAlign halign, FigAlign valign, double size,
         gboolean bold, FigColor color, gboolean halo)
{
  PangoLayout *layout = make_layout(canvas, text, size, bold);
  double width, height;
  layout_size(layout, &width, &height);
  double left = halign == FIG_ALIGN_CENTER ? x - width / 2
                : halign == FIG_ALIGN_END ? x - width : x;
  double top;
  switch (valign) {
  case FIG_ALIGN_CENTER: top = y - height / 2; break;
  case FIG_ALIGN_END: top = y - height; break;
  case FIG_ALIGN_BASELINE:
    top = y - (double) pango_layout_get_baseline(layout) / PANGO_SCALE;
    break;
  default: top = y; break;
  }
  cairo_t *cr = canvas->cr;
  cairo_save(cr);
  cairo_move_to(cr, left, top);
  if (halo) {
    /* A white outline under the glyphs keeps a label legible where it
     * crosses a tie. */
    pango_cairo_layout_path(cr, layout);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_set_line_width(cr, size * 0.28);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    cairo_stroke(cr);
    cairo_move_to(cr, left, top);
  }
  fig_set_color(cr, color);
  pango_cairo_show_layout(cr, layout);
  cairo_restore(cr);
  FigBox box = { left, top, width, height };
  record_text(canvas, role, text, box, layout);
  g_object_unref(layout);
  return box;
}

FigBox
fig_text_vertical(FigCanvas *canvas, CitynetFigureTextRole role,
                  const char *text, double x, double y, double size)
{
  PangoLayout *layout = make_layout(canvas, text, size, FALSE);
  double width, height;
  layout_size(layout, &width, &height);
  cairo_t *cr = canvas->cr;
  cairo_save(cr);
  cairo_translate(cr, x, y);
  cairo_rotate(cr, -G_PI / 2);
  cairo_move_to(cr, -width / 2, -height / 2);
  fig_set_color(cr, fig_black);
  pango_cairo_show_layout(cr, layout);
  cairo_restore(cr);
  FigBox box = { x - height / 2, y - width / 2, height, width };
  record_text(canvas, role, text, box, layout);
  g_object_unref(layout);
  return box;
}

double
fig_draw_title(FigCanvas *canvas, const char *title)
{
  g_free(canvas->figure->title);
  canvas->figure->title = g_strdup(title);
  if (title[0] == '\0')
    return FIG_MARGIN;
  FigBox box = fig_text(canvas, CITYNET_FIGURE_TEXT_TITLE, title, FIG_MARGIN,
                        FIG_MARGIN, FIG_ALIGN_START, FIG_ALIGN_START,
                        canvas->font_size + 1, TRUE, fig_black, FALSE);
  return box.y + box.h + 6;
}

/* ------------------------------------------------------------------------ */
/* Numbers                                                                  */
/* ------------------------------------------------------------------------ */

double
fig_nice_step(double max, guint target, double *top)
{
  if (!(max > 0))
    max = 1;
  double raw = max / MAX(target, 1);
  double magnitude = pow(10, floor(log10(raw)));
  double step = magnitude;
  const double multiples[] = { 1, 2, 2.5, 5, 10 };
  for (guint i = 0; i < G_N_ELEMENTS(multiples); i++) {
    step = multiples[i] * magnitude;
    if (step >= raw)
      break;
  }
  *top = ceil(max / step - 1e-9) * step;
  return step;
}

char *
fig_format_number(double value, int decimals)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  if (fabs(value - round(value)) < 1e-9)
    return g_strdup_printf("%.0f", round(value));
  char format[8];
  g_snprintf(format, sizeof format, "%%.%df", decimals);
  return g_strdup(g_ascii_formatd(buffer, sizeof buffer, format, value));
}

char *
fig_format_percent(double share)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  double percent = 100 * share;
  /* Whole percentages read best; small shares keep one decimal so that
   * 0.4% does not print as 0%. */
  const char *format = percent > 0 && percent < 9.95 &&
                       fabs(percent - round(percent)) >= 0.05 ? "%.1f" : "%.0f";
  g_ascii_formatd(buffer, sizeof buffer, format, percent);
  return g_strconcat(buffer, "%", NULL);
}

char *
fig_period_text(const CitynetView *view)
{
  CitynetDate from, to;
  char a[CITYNET_DATE_STRING_SIZE], b[CITYNET_DATE_STRING_SIZE];
  citynet_view_get_period(view, &from, &to);
  citynet_date_format(from, a);
  citynet_date_format(to, b);
  if (from != CITYNET_DATE_OPEN && to != CITYNET_DATE_OPEN)
    return g_strdup_printf("%s to %s", a, b);
  if (from != CITYNET_DATE_OPEN)
    return g_strdup_printf("from %s", a);
  if (to != CITYNET_DATE_OPEN)
    return g_strdup_printf("to %s", b);
  return g_strdup("all dates");
}

/* ------------------------------------------------------------------------ */
/* Legends                                                                  */
/* ------------------------------------------------------------------------ */

#define SWATCH_WIDTH 18.0
#define SWATCH_GAP 5.0

static double
entry_height(FigCanvas *canvas, const FigLegendEntry *entry)
{
  double w, h;
  fig_text_size(canvas, entry->text, canvas->font_size, FALSE, &w, &h);
  if (entry->swatch == FIG_SWATCH_SIZE)
    h = MAX(h, 2 * entry->radius + 2);
  return h + 1.5;
}

double
fig_legend_height(FigCanvas *canvas, const FigLegendEntry *entries, gsize n,
                  gboolean heading)
{
  double total = 0, w, h;
  if (heading) {
    fig_text_size(canvas, "Hg", canvas->font_size, TRUE, &w, &h);
    total += h + 2;
  }
  for (gsize i = 0; i < n; i++)
    total += entry_height(canvas, &entries[i]);
  return total;
}

double
fig_legend_width(FigCanvas *canvas, const char *heading,
                 const FigLegendEntry *entries, gsize n)
{
  double widest = 0, w, h;
  if (heading != NULL) {
    fig_text_size(canvas, heading, canvas->font_size, TRUE, &w, &h);
    widest = w;
  }
  for (gsize i = 0; i < n; i++) {
    fig_text_size(canvas, entries[i].text, canvas->font_size, FALSE, &w, &h);
    widest = MAX(widest, SWATCH_WIDTH + SWATCH_GAP + w);
  }
  return widest;
}

static void
draw_swatch(cairo_t *cr, const FigLegendEntry *entry, double x, double cy)
{
  double cx = x + SWATCH_WIDTH / 2;
  cairo_save(cr);
  /* Text drawing leaves a current point; an arc would join it. */
  cairo_new_path(cr);
  switch (entry->swatch) {
  case FIG_SWATCH_DISC:
  case FIG_SWATCH_RING:
    cairo_arc(cr, cx, cy, 3.2, 0, 2 * G_PI);
    if (entry->swatch == FIG_SWATCH_DISC) {
      fig_set_color(cr, entry->color);
      cairo_fill_preserve(cr);
    } else {
      cairo_set_source_rgb(cr, 1, 1, 1);
      cairo_fill_preserve(cr);
    }
    cairo_set_line_width(cr, 0.5);
    fig_set_color(cr, entry->swatch == FIG_SWATCH_RING ? fig_text_grey : fig_axis_grey);
    cairo_stroke(cr);
    break;
  case FIG_SWATCH_BOX:
    cairo_rectangle(cr, cx - 4, cy - 3.5, 8, 7);
    fig_set_color(cr, entry->color);
    cairo_fill(cr);
    break;
  case FIG_SWATCH_LINE:
    fig_set_dash(cr, entry->style, entry->line_width);
    fig_set_color(cr, entry->color);
    cairo_move_to(cr, x, cy);
    cairo_line_to(cr, x + SWATCH_WIDTH, cy);
    cairo_stroke(cr);
    break;
  case FIG_SWATCH_SIZE:
    cairo_arc(cr, cx, cy, entry->radius, 0, 2 * G_PI);
    fig_set_color(cr, fig_light_grey);
    cairo_fill_preserve(cr);
    cairo_set_line_width(cr, 0.5);
    fig_set_color(cr, fig_axis_grey);
    cairo_stroke(cr);
    break;
  case FIG_SWATCH_WHISKER:
    cairo_set_line_width(cr, 0.8);
    fig_set_color(cr, entry->color);
    cairo_move_to(cr, x + 2, cy);
    cairo_line_to(cr, x + SWATCH_WIDTH - 2, cy);
    cairo_move_to(cr, x + 2, cy - 3);
    cairo_line_to(cr, x + 2, cy + 3);
    cairo_move_to(cr, x + SWATCH_WIDTH - 2, cy - 3);
    cairo_line_to(cr, x + SWATCH_WIDTH - 2, cy + 3);
    cairo_stroke(cr);
    break;
  }
  cairo_restore(cr);
}

double
fig_draw_legend(FigCanvas *canvas, double x, double y, double width,
                const char *heading, const FigLegendEntry *entries, gsize n)
{
  if (heading != NULL) {
    FigBox box = fig_text(canvas, CITYNET_FIGURE_TEXT_LEGEND, heading, x, y,
                          FIG_ALIGN_START, FIG_ALIGN_START, canvas->font_size,
                          TRUE, fig_black, FALSE);
    y = box.y + box.h + 2;
  }
  for (gsize i = 0; i < n; i++) {
    double h = entry_height(canvas, &entries[i]);
    draw_swatch(canvas->cr, &entries[i], x, y + h / 2);
    fig_text(canvas, CITYNET_FIGURE_TEXT_LEGEND, entries[i].text,
             x + SWATCH_WIDTH + SWATCH_GAP, y + h / 2, FIG_ALIGN_START,
             FIG_ALIGN_CENTER, canvas->font_size, FALSE, fig_black, FALSE);
    y += h;
  }
  return y;
}

void
fig_legend_entries_clear(GArray *entries)
{
  for (guint i = 0; i < entries->len; i++)
    g_free(g_array_index(entries, FigLegendEntry, i).text);
  g_array_set_size(entries, 0);
}
