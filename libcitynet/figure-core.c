/* libcitynet - figures: options, the result object, surfaces and file
 * formats (see figure.h and docs/figures.md). */
#include <math.h>
#include <string.h>

#include <cairo-pdf.h>
#include <cairo-svg.h>

#include "atomic-file.h"
#include "figure-private.h"

/* ------------------------------------------------------------------------ */
/* Names                                                                    */
/* ------------------------------------------------------------------------ */

static const char *const kind_names[] = { "ego", "composition", "timeline", "map" };
static const char *const format_names[] = { "auto", "svg", "pdf", "png" };

const char *
citynet_figure_kind_name(CitynetFigureKind kind)
{
  if ((guint) kind >= G_N_ELEMENTS(kind_names))
    return NULL;
  return kind_names[kind];
}

gboolean
citynet_figure_kind_from_string(const char *text, CitynetFigureKind *out,
                                GError **error)
{
  for (guint i = 0; text != NULL && i < G_N_ELEMENTS(kind_names); i++)
    if (g_ascii_strcasecmp(text, kind_names[i]) == 0) {
      *out = (CitynetFigureKind) i;
      return TRUE;
    }
  g_set_error(error, CITYNET_ERROR, CITYNET_ERROR_INVALID_ARGUMENT,
              "unknown figure kind '%s' (expected ego, composition, timeline "
              "or map)", text != NULL ? text : "");
  return FALSE;
}

const char *
citynet_figure_format_name(CitynetFigureFormat format)
{
  if ((guint) format >= G_N_ELEMENTS(format_names))
    return NULL;
  return format_names[format];
}

/* ------------------------------------------------------------------------ */
/* Options                                                                  */
/* ------------------------------------------------------------------------ */

CitynetFigureOptions *
citynet_figure_options_new(void)
{
  CitynetFigureOptions *options = g_new0(CitynetFigureOptions, 1);
  options->font_size = 8.0;
  options->dpi = 300.0;
  options->seed = 1;
  return options;
}

CitynetFigureOptions *
citynet_figure_options_copy(const CitynetFigureOptions *options)
{
  g_return_val_if_fail(options != NULL, NULL);
  CitynetFigureOptions *copy = g_memdup2(options, sizeof *options);
  copy->groups = g_strdupv(options->groups);
  copy->title = g_strdup(options->title);
  copy->baseline_view = options->baseline_view != NULL
                            ? citynet_view_ref(options->baseline_view) : NULL;
  copy->baseline_label = g_strdup(options->baseline_label);
  copy->interval_groups = g_strdupv(options->interval_groups);
  copy->interval_low = g_memdup2(options->interval_low,
                                 options->n_intervals * sizeof(double));
  copy->interval_high = g_memdup2(options->interval_high,
                                  options->n_intervals * sizeof(double));
  copy->interval_label = g_strdup(options->interval_label);
  return copy;
}

static void
clear_intervals(CitynetFigureOptions *options)
{
  g_clear_pointer(&options->interval_groups, g_strfreev);
  g_clear_pointer(&options->interval_low, g_free);
  g_clear_pointer(&options->interval_high, g_free);
  g_clear_pointer(&options->interval_label, g_free);
  options->n_intervals = 0;
}

void
citynet_figure_options_free(CitynetFigureOptions *options)
{
  if (options == NULL)
    return;
  g_strfreev(options->groups);
  g_free(options->title);
  citynet_view_unref(options->baseline_view);
  g_free(options->baseline_label);
  clear_intervals(options);
  g_free(options);
}

void
citynet_figure_options_set_groups(CitynetFigureOptions *options,
                                  const char *const *groups)
{
  g_return_if_fail(options != NULL);
  g_strfreev(options->groups);
  options->groups = g_strdupv((char **) groups);
}

gboolean
citynet_figure_options_set_size(CitynetFigureOptions *options, double width,
                                double height, GError **error)
{
  g_return_val_if_fail(options != NULL, FALSE);
  double sizes[2] = { width, height };
  for (guint i = 0; i < 2; i++)
    if (!isfinite(sizes[i]) || (sizes[i] != 0 && (sizes[i] < 100 || sizes[i] > 2000))) {
      g_set_error(error, CITYNET_ERROR, CITYNET_ERROR_INVALID_ARGUMENT,
                  "invalid figure %s %g (expected 100 to 2000 points, or 0 "
                  "for the default)", i == 0 ? "width" : "height", sizes[i]);
      return FALSE;
    }
  options->width = width;
  options->height = height;
  return TRUE;
}

gboolean
citynet_figure_options_set_font_size(CitynetFigureOptions *options,
                                     double points, GError **error)
{
  g_return_val_if_fail(options != NULL, FALSE);
  if (!(points >= 5 && points <= 14)) {
    g_set_error(error, CITYNET_ERROR, CITYNET_ERROR_INVALID_ARGUMENT,
                "invalid font size %g (expected 5 to 14 points)", points);
    return FALSE;
  }
  options->font_size = points;
  return TRUE;
}

gboolean
citynet_figure_options_set_dpi(CitynetFigureOptions *options, double dpi,
                               GError **error)
{
  g_return_val_if_fail(options != NULL, FALSE);
  if (!(dpi >= 36 && dpi <= 1200)) {
    g_set_error(error, CITYNET_ERROR, CITYNET_ERROR_INVALID_ARGUMENT,
                "invalid resolution %g dpi (expected 36 to 1200)", dpi);
    return FALSE;
  }
  options->dpi = dpi;
  return TRUE;
}

void
citynet_figure_options_set_seed(CitynetFigureOptions *options, guint64 seed)
{
  g_return_if_fail(options != NULL);
  options->seed = seed;
}

void
citynet_figure_options_set_title(CitynetFigureOptions *options,
                                 const char *title)
{
  g_return_if_fail(options != NULL);
  g_free(options->title);
  options->title = g_strdup(title);
}

void
citynet_figure_options_set_baseline(CitynetFigureOptions *options,
                                    CitynetView *view, gsize node,
                                    const char *label)
{
  g_return_if_fail(options != NULL);
  CitynetView *old = options->baseline_view;
  options->baseline_view = view != NULL ? citynet_view_ref(view) : NULL;
  citynet_view_unref(old);
  options->baseline_node = node;
  g_free(options->baseline_label);
  options->baseline_label = g_strdup(label);
}

void
citynet_figure_options_set_interval(CitynetFigureOptions *options,
                                    const char *const *groups,
                                    const double *low, const double *high,
                                    gsize n, const char *label)
{
  g_return_if_fail(options != NULL);
  clear_intervals(options);
  if (n == 0)
    return;
  g_return_if_fail(groups != NULL && low != NULL && high != NULL);
  options->interval_groups = g_new0(char *, n + 1);
  for (gsize i = 0; i < n; i++)
    options->interval_groups[i] = g_strdup(groups[i]);
  options->interval_low = g_memdup2(low, n * sizeof(double));
  options->interval_high = g_memdup2(high, n * sizeof(double));
  options->n_intervals = n;
  options->interval_label = g_strdup(label);
}

const char *
fig_title(const CitynetFigureOptions *options, const char *automatic)
{
  return options->title != NULL ? options->title : automatic;
}

/* ------------------------------------------------------------------------ */
/* The result                                                               */
/* ------------------------------------------------------------------------ */

static CitynetFigure *
figure_new(CitynetFigureKind kind, CitynetFigureFormat format, double width,
           double height)
{
  CitynetFigure *figure = g_new0(CitynetFigure, 1);
  figure->kind = kind;
  figure->format = format;
  figure->width = width;
  figure->height = height;
  figure->texts = g_array_new(FALSE, FALSE, sizeof(FigText));
  figure->labels = g_array_new(FALSE, FALSE, sizeof(FigLabel));
  figure->title = g_strdup("");
  return figure;
}

void
citynet_figure_free(CitynetFigure *figure)
{
  if (figure == NULL)
    return;
  for (guint i = 0; i < figure->texts->len; i++)
    g_free(g_array_index(figure->texts, FigText, i).text);
  for (guint i = 0; i < figure->labels->len; i++)
    g_free(g_array_index(figure->labels, FigLabel, i).text);
  g_array_unref(figure->texts);
  g_array_unref(figure->labels);
  if (figure->data != NULL)
    g_bytes_unref(figure->data);
  g_free(figure->title);
  g_free(figure->caption);
  g_free(figure);
}

void
fig_figure_add_label(CitynetFigure *figure, gsize node, const char *text,
                     CitynetFigureLabelPlacement placement)
{
  FigLabel label = { node, g_strdup(text), placement };
  g_array_append_val(figure->labels, label);
  if (placement == CITYNET_FIGURE_LABEL_OMITTED)
    figure->n_omitted++;
}

CitynetFigureKind
citynet_figure_get_kind(const CitynetFigure *figure)
{
  return figure->kind;
}

CitynetFigureFormat
citynet_figure_get_format(const CitynetFigure *figure)
{
  return figure->format;
}

void
citynet_figure_get_size(const CitynetFigure *figure, double *width,
                        double *height)
{
  if (width != NULL)
    *width = figure->width;
  if (height != NULL)
    *height = figure->height;
}

const guint8 *
citynet_figure_get_data(const CitynetFigure *figure, gsize *length)
{
  return g_bytes_get_data(figure->data, length);
}

const char *
citynet_figure_get_title(const CitynetFigure *figure)
{
  return figure->title;
}

const char *
citynet_figure_get_caption(const CitynetFigure *figure)
{
  return figure->caption != NULL ? figure->caption : "";
}

gsize
citynet_figure_n_texts(const CitynetFigure *figure)
{
  return figure->texts->len;
}

const char *
citynet_figure_text(const CitynetFigure *figure, gsize i,
                    CitynetFigureTextRole *role, double *x, double *y,
                    double *width, double *height)
{
  g_return_val_if_fail(i < figure->texts->len, NULL);
  const FigText *text = &g_array_index(figure->texts, FigText, i);
  if (role != NULL)
    *role = text->role;
  if (x != NULL)
    *x = text->box.x;
  if (y != NULL)
    *y = text->box.y;
  if (width != NULL)
    *width = text->box.w;
  if (height != NULL)
    *height = text->box.h;
  return text->text;
}

gsize
citynet_figure_n_labels(const CitynetFigure *figure)
{
  return figure->labels->len;
}

const char *
citynet_figure_label(const CitynetFigure *figure, gsize i, gsize *node,
                     CitynetFigureLabelPlacement *placement)
{
  g_return_val_if_fail(i < figure->labels->len, NULL);
  const FigLabel *label = &g_array_index(figure->labels, FigLabel, i);
  if (node != NULL)
    *node = label->node;
  if (placement != NULL)
    *placement = label->placement;
  return label->text;
}

gsize
citynet_figure_n_omitted_labels(const CitynetFigure *figure)
{
  return figure->n_omitted;
}

gsize
citynet_figure_n_glyphs(const CitynetFigure *figure)
{
  return figure->n_glyphs;
}

/* ------------------------------------------------------------------------ */
/* Surfaces                                                                 */
/* ------------------------------------------------------------------------ */

static cairo_status_t
append_bytes(void *closure, const unsigned char *data, unsigned int length)
{
  g_byte_array_append((GByteArray *) closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static gboolean
format_from_path(const char *path, CitynetFigureFormat *format, GError **error)
{
  const char *dot = path != NULL ? strrchr(path, '.') : NULL;
  const char *slash = path != NULL ? strrchr(path, '/') : NULL;
  if (dot != NULL && (slash == NULL || dot > slash)) {
    for (guint i = CITYNET_FIGURE_FORMAT_SVG; i <= CITYNET_FIGURE_FORMAT_PNG; i++)
      if (g_ascii_strcasecmp(dot + 1, format_names[i]) == 0) {
        *format = (CitynetFigureFormat) i;
        return TRUE;
      }
  }
  g_set_error(error, CITYNET_ERROR, CITYNET_ERROR_INVALID_ARGUMENT,
              path != NULL
                  ? "cannot tell the figure format of '%s' (use a .svg, .pdf "
                    "or .png file name)"
                  : "%sno figure format and no file name to take it from",
              path != NULL ? path : "");
  return FALSE;
}

/* Pango at 72 "dpi" so that a font size in points is a size in user units,
 * and without hinting, so that text measures the same on every surface and
 * the layout of a figure does not depend on its format. */
static void
canvas_setup_text(FigCanvas *canvas, const CitynetFigureOptions *options)
{
  cairo_font_options_t *font_options = cairo_font_options_create();
  cairo_font_options_set_hint_metrics(font_options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style(font_options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_antialias(font_options, CAIRO_ANTIALIAS_GRAY);
  cairo_set_font_options(canvas->cr, font_options);
  cairo_font_options_destroy(font_options);
  canvas->font_size = options->font_size;
  canvas->font = pango_font_description_from_string(
      "Liberation Sans, DejaVu Sans, Droid Sans Fallback, sans-serif");
}

/* Inserts an accessible <title> and <desc> right after the root element's
 * start tag: cairo writes text as glyph outlines, so without them an SVG
 * would not say in words what it shows. */
static void
svg_add_description(GByteArray *svg, const CitynetFigure *figure)
{
  const char *data = (const char *) svg->data;
  const char *root = g_strstr_len(data, svg->len, "<svg");
  const char *end = root != NULL ? memchr(root, '>', svg->len - (gsize) (root - data)) : NULL;
  if (end == NULL)
    return;
  GString *text = g_string_new(NULL);
  g_string_append(text, "\n<title>");
  char *escaped = g_markup_escape_text(figure->title, -1);
  g_string_append(text, escaped);
  g_free(escaped);
  g_string_append(text, "</title>\n<desc>");
  escaped = g_markup_escape_text(figure->caption != NULL ? figure->caption : "", -1);
  g_string_append(text, escaped);
  g_free(escaped);
  for (guint i = 0; i < figure->labels->len; i++) {
    const FigLabel *label = &g_array_index(figure->labels, FigLabel, i);
    escaped = g_markup_escape_text(label->text, -1);
    g_string_append_printf(text, "%s%s%s", i == 0 ? "\nLabels: " : "; ",
                           escaped,
                           label->placement == CITYNET_FIGURE_LABEL_OMITTED
                               ? " (not drawn)" : "");
    g_free(escaped);
  }
  g_string_append(text, "</desc>");
  gsize at = (gsize) (end - data) + 1;
  /* GByteArray has no insert: rebuild it. */
  GByteArray *copy = g_byte_array_sized_new(svg->len + (guint) text->len);
  g_byte_array_append(copy, svg->data, (guint) at);
  g_byte_array_append(copy, (const guint8 *) text->str, (guint) text->len);
  g_byte_array_append(copy, svg->data + at, svg->len - (guint) at);
  g_byte_array_set_size(svg, 0);
  g_byte_array_append(svg, copy->data, copy->len);
  g_byte_array_unref(copy);
  g_string_free(text, TRUE);
}

typedef struct {
  const FigKindClass *klass;
  gpointer data;
  const CitynetFigureOptions *options;
} Drawing;

/* Draws onto @surface (in points after @scale) and finishes it. */
static gboolean
draw_on_surface(const Drawing *drawing, CitynetFigure *figure,
                cairo_surface_t *surface, double scale, GError **error)
{
  FigCanvas canvas = { 0 };
  canvas.cr = cairo_create(surface);
  canvas.width = figure->width;
  canvas.height = figure->height;
  canvas.figure = figure;
  cairo_scale(canvas.cr, scale, scale);
  canvas_setup_text(&canvas, drawing->options);

  /* White background: a figure pasted on a coloured slide stays legible. */
  cairo_set_source_rgb(canvas.cr, 1, 1, 1);
  cairo_paint(canvas.cr);
  drawing->klass->draw(drawing->data, &canvas, drawing->options);
  /* The title is known once drawn, and PDF metadata may be set until the
   * surface is finished. */
  if (cairo_surface_get_type(surface) == CAIRO_SURFACE_TYPE_PDF &&
      figure->title[0] != '\0')
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE,
                                   figure->title);

  cairo_status_t status = cairo_status(canvas.cr);
  cairo_destroy(canvas.cr);
  pango_font_description_free(canvas.font);
  /* Vector surfaces write their stream on finish; an image surface must
   * stay alive for the PNG encoder. */
  if (cairo_surface_get_type(surface) == CAIRO_SURFACE_TYPE_IMAGE)
    cairo_surface_flush(surface);
  else
    cairo_surface_finish(surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status(surface);
  if (status != CAIRO_STATUS_SUCCESS) {
    g_set_error(error, CITYNET_ERROR, CITYNET_ERROR_COMPUTATION,
                "drawing the %s figure failed: %s",
                citynet_figure_kind_name(figure->kind),
                cairo_status_to_string(status));
    return FALSE;
  }
  return TRUE;
}

/* cairo names an SVG document's groups "surfaceN" from a counter shared
 * by every surface the process ever made, so the second figure a process
 * draws differs from the first in those ids alone. Renumbers them by
 * first appearance (surface1, surface2, ...) in @svg, so a figure's bytes
 * depend only on its input and options. The ids are ASCII tokens that
 * occur only as id="surfaceN" or as references "#surfaceN". */
static void
renumber_svg_surfaces(GByteArray *svg)
{
  static const char token[] = "surface";
  const gsize token_len = sizeof token - 1;
  GArray *seen = g_array_new(FALSE, FALSE, sizeof(guint64));
  GByteArray *out = g_byte_array_sized_new(svg->len);
  const guint8 *p = svg->data, *end = svg->data + svg->len;
  while (p < end) {
    const guint8 *hit = (const guint8 *) g_strstr_len((const char *) p,
                                                      (gssize) (end - p), token);
    const guint8 *digits = hit != NULL ? hit + token_len : end;
    gboolean is_id = hit != NULL && hit > svg->data &&
                     (hit[-1] == '"' || hit[-1] == '#') &&
                     digits < end && g_ascii_isdigit(*digits);
    if (!is_id) {
      const guint8 *stop = hit != NULL ? digits : end;
      g_byte_array_append(out, p, (guint) (stop - p));
      p = stop;
      continue;
    }
    guint64 old = 0;
    const guint8 *q = digits;
    while (q < end && g_ascii_isdigit(*q) && old < G_MAXUINT32)
      old = old * 10 + (guint64) (*q++ - '0');
    guint index = 0;
    while (index < seen->len && g_array_index(seen, guint64, index) != old)
      index++;
    if (index == seen->len)
      g_array_append_val(seen, old);
    char number[24];
    int n = g_snprintf(number, sizeof number, "%u", index + 1);
    g_byte_array_append(out, p, (guint) (digits - p));
    g_byte_array_append(out, (const guint8 *) number, (guint) n);
    p = q;
  }
  g_byte_array_set_size(svg, 0);
  g_byte_array_append(svg, out->data, out->len);
  g_byte_array_unref(out);
  g_array_unref(seen);
}

static gboolean
render_vector(const Drawing *drawing, CitynetFigure *figure, GByteArray *out,
              GError **error)
{
  cairo_surface_t *surface;
  if (figure->format == CITYNET_FIGURE_FORMAT_SVG) {
    surface = cairo_svg_surface_create_for_stream(append_bytes, out,
                                                  figure->width, figure->height);
    cairo_svg_surface_restrict_to_version(surface, CAIRO_SVG_VERSION_1_1);
  } else {
    surface = cairo_pdf_surface_create_for_stream(append_bytes, out,
                                                  figure->width, figure->height);
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR,
                                   "libcitynet " CITYNET_VERSION_STRING);
  }
  gboolean ok = draw_on_surface(drawing, figure, surface, 1.0, error);
  cairo_surface_destroy(surface);
  if (ok && figure->format == CITYNET_FIGURE_FORMAT_SVG)
    renumber_svg_surfaces(out);
  return ok;
}

static gboolean
render_png(const Drawing *drawing, CitynetFigure *figure, GByteArray *out,
           GError **error)
{
  double scale = drawing->options->dpi / 72.0;
  /* 396 pt at 300 dpi is 1650 px, not 1651: forgive rounding noise. */
  int width = (int) ceil(figure->width * scale - 1e-6);
  int height = (int) ceil(figure->height * scale - 1e-6);
  cairo_surface_t *surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24,
                                                        width, height);
  gboolean ok = draw_on_surface(drawing, figure, surface, scale, error);
  if (ok) {
    cairo_status_t status = cairo_surface_write_to_png_stream(surface,
                                                              append_bytes, out);
    if (status != CAIRO_STATUS_SUCCESS) {
      g_set_error(error, CITYNET_ERROR, CITYNET_ERROR_COMPUTATION,
                  "encoding the PNG failed: %s", cairo_status_to_string(status));
      ok = FALSE;
    }
  }
  cairo_surface_destroy(surface);
  return ok;
}

static const FigKindClass *
kind_class(CitynetFigureKind kind)
{
  switch (kind) {
  case CITYNET_FIGURE_EGO: return &fig_kind_ego;
  case CITYNET_FIGURE_COMPOSITION: return &fig_kind_composition;
  case CITYNET_FIGURE_TIMELINE: return &fig_kind_timeline;
  case CITYNET_FIGURE_MAP: return &fig_kind_map;
  }
  return NULL;
}

static gboolean
write_file(const char *path, GByteArray *bytes, GError **error)
{
  CitynetAtomicFile *file = citynet_atomic_file_open(path, error);
  if (file == NULL)
    return FALSE;
  citynet_atomic_file_write(file, (const char *) bytes->data, bytes->len);
  return citynet_atomic_file_commit(file, error);
}

CitynetFigure *
citynet_figure_render(CitynetView *view, gsize focus, CitynetFigureKind kind,
                      const CitynetFigureOptions *options,
                      CitynetFigureFormat format, const char *path,
                      GError **error)
{
  g_return_val_if_fail(view != NULL, NULL);
  g_return_val_if_fail(error == NULL || *error == NULL, NULL);
  const FigKindClass *klass = kind_class(kind);
  if (klass == NULL) {
    g_set_error(error, CITYNET_ERROR, CITYNET_ERROR_INVALID_ARGUMENT,
                "invalid figure kind %d", (int) kind);
    return NULL;
  }
  if ((guint) format > CITYNET_FIGURE_FORMAT_PNG) {
    g_set_error(error, CITYNET_ERROR, CITYNET_ERROR_INVALID_ARGUMENT,
                "invalid figure format %d", (int) format);
    return NULL;
  }
  if (format == CITYNET_FIGURE_FORMAT_AUTO && !format_from_path(path, &format, error))
    return NULL;

  g_autoptr(CitynetFigureOptions) defaults = NULL;
  if (options == NULL)
    options = defaults = citynet_figure_options_new();

  gpointer data = klass->prepare(view, focus, options, error);
  if (data == NULL)
    return NULL;

  double width = options->width > 0 ? options->width : klass->default_width;
  double height = options->height;
  if (height <= 0)
    height = klass->fit_height != NULL
                 ? CLAMP(klass->fit_height(data, width, options->font_size), 100, 2000)
                 : klass->default_height;
  CitynetFigure *figure = figure_new(kind, format, width, height);
  Drawing drawing = { klass, data, options };
  GByteArray *bytes = g_byte_array_new();
  gboolean ok = format == CITYNET_FIGURE_FORMAT_PNG
                    ? render_png(&drawing, figure, bytes, error)
                    : render_vector(&drawing, figure, bytes, error);
  if (ok) {
    figure->caption = klass->caption(data, figure);
    if (format == CITYNET_FIGURE_FORMAT_SVG)
      svg_add_description(bytes, figure);
  }
  klass->free(data);
  if (ok && path != NULL)
    ok = write_file(path, bytes, error);
  if (!ok) {
    g_byte_array_unref(bytes);
    citynet_figure_free(figure);
    return NULL;
  }
  figure->data = g_byte_array_free_to_bytes(bytes);
  return figure;
}
