/* libcitynet - figures: the focus node's ties by the year they start,
 * stacked by layer.
 *
 * One bar per year from the first year of the view's window (or of the
 * earliest tie when the window is open) to the last tie's year; ties that
 * started before the window and are still active in it are gathered in
 * one bar on the left ("earlier"), so that a 1965 agreement does not
 * stretch the axis over sixty empty years. Ties without a start date are
 * not drawn and are counted in a note. Layers with the most ties get the
 * palette's colours, the rest one grey.
 */
#include <math.h>
#include <string.h>

#include "figure-private.h"

#define TIMELINE_COLORS FIG_MAX_GROUPS

typedef struct {
  char *focus_name;
  char *period;
  char **layers;       /* coloured layers, most ties first */
  guint n_layers;
  gboolean other;      /* some ties are in other layers */
  int first_year, last_year;
  gboolean earlier;    /* an "earlier" bar */
  int window_year;     /* the first year of the window, 0 when open */
  /* counts[(bar) * (n_layers + 1) + layer]; bar 0 = earlier when set */
  gsize *counts;
  guint n_bars;
  gsize n_undated;
  gsize n_ties;
  char *title;
} TimelineFigure;

static void
timeline_free(gpointer data)
{
  TimelineFigure *fig = data;
  g_free(fig->focus_name);
  g_free(fig->period);
  g_strfreev(fig->layers);
  g_free(fig->counts);
  g_free(fig->title);
  g_free(fig);
}

static int
bar_of(const TimelineFigure *fig, int year)
{
  if (fig->earlier && year < fig->first_year)
    return 0;
  return (fig->earlier ? 1 : 0) + (year - fig->first_year);
}

static gpointer
timeline_prepare(CitynetView *view, gsize focus,
                 const CitynetFigureOptions *options, GError **error)
{
  FigEgo ego;
  /* The ego data gives the layer ranking; groups play no part here. */
  if (!fig_ego_init(&ego, view, focus, (const char *const *) options->groups, error))
    return NULL;
  const CitynetNetwork *network = ego.network;
  TimelineFigure *fig = g_new0(TimelineFigure, 1);
  fig->focus_name = g_strdup(fig_node_name(network, focus));
  fig->period = fig_period_text(view);
  fig->title = g_strdup_printf("%s: ties by year and layer, %s", fig->focus_name,
                               fig->period);

  /* Layer ranking over the dated focus ties; up to TIMELINE_COLORS colours. */
  GHashTable *counts = g_hash_table_new(g_str_hash, g_str_equal);
  CitynetDate from, to;
  citynet_view_get_period(view, &from, &to);
  fig->window_year = from != CITYNET_DATE_OPEN ? (int) (from / 10000) : 0;
  int min_year = G_MAXINT, max_year = G_MININT;
  for (gsize i = 0; i < citynet_view_n_ties(view); i++) {
    gsize tie = citynet_view_tie(view, i);
    if (citynet_network_tie_source(network, tie) != focus &&
        citynet_network_tie_target(network, tie) != focus)
      continue;
    fig->n_ties++;
    CitynetDate start = citynet_network_tie_start(network, tie);
    if (start == CITYNET_DATE_OPEN) {
      fig->n_undated++;
      continue;
    }
    /* Only drawn ties rank layers: a layer of undated ties has no bar. */
    const char *layer = citynet_network_tie_layer(network, tie);
    g_hash_table_insert(counts, (gpointer) layer,
                        GSIZE_TO_POINTER(GPOINTER_TO_SIZE(g_hash_table_lookup(counts, layer)) + 1));
    int year = (int) (start / 10000);
    min_year = MIN(min_year, year);
    max_year = MAX(max_year, year);
  }
  GPtrArray *ranked = g_ptr_array_new();
  GHashTableIter iter;
  gpointer key, value;
  g_hash_table_iter_init(&iter, counts);
  while (g_hash_table_iter_next(&iter, &key, &value))
    g_ptr_array_add(ranked, key);
  /* Most ties first, then by name: a stable order for colours. */
  for (guint i = 1; i < ranked->len; i++)
    for (guint j = i; j > 0; j--) {
      const char *a = g_ptr_array_index(ranked, j - 1), *b = g_ptr_array_index(ranked, j);
      gsize ca = GPOINTER_TO_SIZE(g_hash_table_lookup(counts, a));
      gsize cb = GPOINTER_TO_SIZE(g_hash_table_lookup(counts, b));
      if (ca > cb || (ca == cb && strcmp(a, b) <= 0))
        break;
      ranked->pdata[j - 1] = (gpointer) b;
      ranked->pdata[j] = (gpointer) a;
    }
  fig->n_layers = MIN(ranked->len, ranked->len > TIMELINE_COLORS ? TIMELINE_COLORS - 1
                                                                  : TIMELINE_COLORS);
  fig->other = ranked->len > fig->n_layers;
  fig->layers = g_new0(char *, fig->n_layers + 1);
  for (guint i = 0; i < fig->n_layers; i++)
    fig->layers[i] = g_strdup(g_ptr_array_index(ranked, i));
  g_ptr_array_unref(ranked);
  g_hash_table_unref(counts);

  if (min_year <= max_year) {
    fig->earlier = fig->window_year > 0 && min_year < fig->window_year;
    fig->first_year = fig->earlier ? fig->window_year : min_year;
    fig->last_year = MAX(max_year, fig->first_year);
    fig->n_bars = (guint) (fig->last_year - fig->first_year + 1) + (fig->earlier ? 1 : 0);
  }
  guint stride = fig->n_layers + 1;
  fig->counts = g_new0(gsize, (gsize) MAX(fig->n_bars, 1) * stride);
  for (gsize i = 0; i < citynet_view_n_ties(view) && fig->n_bars > 0; i++) {
    gsize tie = citynet_view_tie(view, i);
    if (citynet_network_tie_source(network, tie) != focus &&
        citynet_network_tie_target(network, tie) != focus)
      continue;
    CitynetDate start = citynet_network_tie_start(network, tie);
    if (start == CITYNET_DATE_OPEN)
      continue;
    const char *layer = citynet_network_tie_layer(network, tie);
    guint l = fig->n_layers;
    for (guint k = 0; k < fig->n_layers; k++)
      if (strcmp(fig->layers[k], layer) == 0)
        l = k;
    fig->counts[(gsize) bar_of(fig, (int) (start / 10000)) * stride + l]++;
  }
  fig_ego_clear(&ego);
  return fig;
}

static FigColor
layer_color(const TimelineFigure *fig, guint l)
{
  return l < fig->n_layers ? fig_palette(l) : fig_other_grey;
}

static void
timeline_draw(gpointer data, FigCanvas *canvas,
              const CitynetFigureOptions *options)
{
  TimelineFigure *fig = data;
  cairo_t *cr = canvas->cr;
  double top = fig_draw_title(canvas, fig_title(options, fig->title));
  guint stride = fig->n_layers + 1;

  /* Legend on the right, the topmost stack segment first. */
  GArray *entries = g_array_new(FALSE, FALSE, sizeof(FigLegendEntry));
  for (guint l = 0; l < stride; l++) {
    if (l == fig->n_layers && !fig->other)
      continue;
    FigLegendEntry entry = { FIG_SWATCH_BOX, layer_color(fig, l), 0, 0, 0,
                             g_strdup(l < fig->n_layers ? fig->layers[l] : "other layers") };
    g_array_append_val(entries, entry);
  }
  double legend_w = fig_legend_width(canvas, "Layer", (FigLegendEntry *) entries->data,
                                     entries->len);
  double legend_x = canvas->width - FIG_MARGIN - legend_w;
  fig_draw_legend(canvas, legend_x, top, legend_w, "Layer",
                  (FigLegendEntry *) entries->data, entries->len);
  fig_legend_entries_clear(entries);
  g_array_unref(entries);

  /* The plot. */
  double note_h = fig->n_undated > 0 ? canvas->font_size + 4 : 0;
  double x0 = FIG_MARGIN + 2 * canvas->font_size + 18;
  double x1 = legend_x - 2 * FIG_MARGIN;
  double bottom = canvas->height - FIG_MARGIN - 2 * canvas->font_size - 10 - note_h;
  double max = 1;
  for (guint b = 0; b < fig->n_bars; b++) {
    gsize total = 0;
    for (guint l = 0; l < stride; l++)
      total += fig->counts[b * stride + l];
    max = MAX(max, (double) total);
  }
  double axis_top;
  double step = MAX(1, fig_nice_step(max, 5, &axis_top));
  axis_top = ceil(max / step) * step;
  double yscale = (bottom - top - 4) / axis_top;
  double slot = fig->n_bars > 0 ? (x1 - x0) / fig->n_bars : x1 - x0;
  double bar_w = MIN(slot * 0.7, 28);

  for (guint b = 0; b < fig->n_bars; b++) {
    double cx = x0 + slot * (b + 0.5);
    double y = bottom;
    for (guint l = 0; l < stride; l++) {
      gsize n = fig->counts[b * stride + l];
      if (n == 0)
        continue;
      double h = n * yscale;
      cairo_rectangle(cr, cx - bar_w / 2, y - h, bar_w, h);
      fig_set_color(cr, layer_color(fig, l));
      cairo_fill_preserve(cr);
      /* A hairline of white between segments separates equal colours. */
      cairo_set_source_rgb(cr, 1, 1, 1);
      cairo_set_line_width(cr, 0.3);
      cairo_stroke(cr);
      y -= h;
    }
    char *label = fig->earlier && b == 0
                      ? g_strdup_printf("< %d", fig->first_year)
                      : g_strdup_printf("%d", fig->first_year + (int) b - (fig->earlier ? 1 : 0));
    /* Thin the year labels out when the bars are narrow. */
    guint every = slot < 16 ? (guint) ceil(16 / slot) : 1;
    if (b % every == 0 || (fig->earlier && b == 0))
      fig_text(canvas, CITYNET_FIGURE_TEXT_AXIS, label, cx, bottom + 4,
               FIG_ALIGN_CENTER, FIG_ALIGN_START, canvas->font_size - 1,
               FALSE, fig_black, FALSE);
    g_free(label);
  }

  /* Axes. */
  cairo_save(cr);
  cairo_set_line_width(cr, 0.5);
  fig_set_color(cr, fig_axis_grey);
  cairo_move_to(cr, x0, bottom);
  cairo_line_to(cr, x1, bottom);
  cairo_move_to(cr, x0, bottom);
  cairo_line_to(cr, x0, bottom - axis_top * yscale);
  for (double t = 0; t <= axis_top + 1e-9; t += step) {
    cairo_move_to(cr, x0 - 3, bottom - t * yscale);
    cairo_line_to(cr, x0, bottom - t * yscale);
  }
  cairo_stroke(cr);
  cairo_restore(cr);
  for (double t = 0; t <= axis_top + 1e-9; t += step) {
    char *text = fig_format_number(t, 0);
    fig_text(canvas, CITYNET_FIGURE_TEXT_AXIS, text, x0 - 5, bottom - t * yscale,
             FIG_ALIGN_END, FIG_ALIGN_CENTER, canvas->font_size - 1, FALSE,
             fig_black, FALSE);
    g_free(text);
  }
  fig_text_vertical(canvas, CITYNET_FIGURE_TEXT_AXIS, "ties", FIG_MARGIN + 4,
                    (top + bottom) / 2, canvas->font_size);
  fig_text(canvas, CITYNET_FIGURE_TEXT_AXIS, "year the tie starts",
           (x0 + x1) / 2, bottom + canvas->font_size + 8, FIG_ALIGN_CENTER,
           FIG_ALIGN_START, canvas->font_size, FALSE, fig_black, FALSE);
  if (fig->n_bars == 0)
    fig_text(canvas, CITYNET_FIGURE_TEXT_NOTE, "no dated ties in this view",
             (x0 + x1) / 2, (top + bottom) / 2, FIG_ALIGN_CENTER,
             FIG_ALIGN_CENTER, canvas->font_size, FALSE, fig_text_grey, FALSE);
  if (fig->n_undated > 0) {
    char *note = g_strdup_printf("%zu of %zu ties %s no start date and %s "
                                 "not shown", fig->n_undated, fig->n_ties,
                                 fig->n_undated == 1 ? "has" : "have",
                                 fig->n_undated == 1 ? "is" : "are");
    fig_text(canvas, CITYNET_FIGURE_TEXT_NOTE, note, FIG_MARGIN,
             canvas->height - FIG_MARGIN / 2, FIG_ALIGN_START, FIG_ALIGN_END,
             canvas->font_size - 1, FALSE, fig_text_grey, FALSE);
    g_free(note);
  }
}

static char *
timeline_caption(gpointer data, const CitynetFigure *figure)
{
  TimelineFigure *fig = data;
  GString *caption = g_string_new(NULL);
  g_string_append_printf(caption,
                         "Ties of %s active in the period (%s), by the year "
                         "they start, stacked by layer.", fig->focus_name,
                         fig->period);
  if (fig->earlier)
    g_string_append_printf(caption,
                           " Ties that started before %d and were still "
                           "active are shown as one bar (< %d).",
                           fig->first_year, fig->first_year);
  if (fig->n_undated > 0)
    g_string_append_printf(caption,
                           " %zu of %zu ties %s no start date and %s not "
                           "shown.", fig->n_undated, fig->n_ties,
                           fig->n_undated == 1 ? "has" : "have",
                           fig->n_undated == 1 ? "is" : "are");
  return g_string_free(caption, FALSE);
}

const FigKindClass fig_kind_timeline = {
  timeline_prepare, timeline_draw, timeline_caption, timeline_free, 396.0, 252.0,
  NULL
};
