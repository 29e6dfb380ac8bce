/* libcitynet - figures: the focus node's partner groups against a
 * baseline, as paired horizontal bars with optional interval whiskers.
 *
 * For each group of the figure's list, the share of the focus node's ties
 * (in the view) whose partner's country is in the group on the tie's
 * reference date, next to the same share among the baseline's ties in the
 * baseline's view; a last row counts the ties whose partner is in none of
 * the groups (or has no country). Groups overlap, so the shares of a
 * column need not sum to 1. The counting rule is the one of
 * citynet_composition_new() (CITYNET_DIMENSION_GROUP, all layers).
 */
#include <math.h>
#include <string.h>

#include "figure-private.h"

typedef struct {
  gsize node;
  CitynetView *view;   /* borrowed */
  char *label;
  gsize n_ties;
  double *shares;      /* per category */
  gsize *counts;
} Side;

typedef struct {
  char **groups;
  guint n_groups;      /* categories = groups + "none of these" */
  Side focus, baseline;
  double *low, *high;  /* per category, NaN = no interval */
  char *interval_label;
  char *title;
} CompositionFigure;

static void
side_clear(Side *side)
{
  g_free(side->label);
  g_free(side->shares);
  g_free(side->counts);
}

static void
composition_free(gpointer data)
{
  CompositionFigure *fig = data;
  g_strfreev(fig->groups);
  side_clear(&fig->focus);
  side_clear(&fig->baseline);
  g_free(fig->low);
  g_free(fig->high);
  g_free(fig->interval_label);
  g_free(fig->title);
  g_free(fig);
}

/* Counts @side's ties by category: one count per listed group the
 * partner's country is in on the tie's reference date, or "none". */
static void
count_side(Side *side, char **groups, guint n_groups)
{
  const CitynetNetwork *network = citynet_view_get_network(side->view);
  side->shares = g_new0(double, n_groups + 1);
  side->counts = g_new0(gsize, n_groups + 1);
  for (gsize i = 0; i < citynet_view_n_ties(side->view); i++) {
    gsize tie = citynet_view_tie(side->view, i);
    gsize source = citynet_network_tie_source(network, tie);
    gsize target = citynet_network_tie_target(network, tie);
    if (source != side->node && target != side->node)
      continue;
    gsize partner = source == side->node ? target : source;
    CitynetDate day = citynet_view_tie_reference_date(side->view, tie);
    char **partner_groups = citynet_network_node_groups_at(network, partner, day);
    gboolean any = FALSE;
    for (guint g = 0; g < n_groups; g++)
      if (g_strv_contains((const char *const *) partner_groups, groups[g])) {
        side->counts[g]++;
        any = TRUE;
      }
    if (!any)
      side->counts[n_groups]++;
    g_strfreev(partner_groups);
    side->n_ties++;
  }
  for (guint c = 0; c <= n_groups; c++)
    side->shares[c] = side->n_ties > 0 ? (double) side->counts[c] / side->n_ties : NAN;
}

static char *
side_label(CitynetView *view, gsize node, const char *given)
{
  if (given != NULL)
    return g_strdup(given);
  char *period = fig_period_text(view);
  char *label = g_strdup_printf("%s, %s",
                                fig_node_name(citynet_view_get_network(view), node),
                                period);
  g_free(period);
  return label;
}

static void
take_intervals(CompositionFigure *fig, const CitynetFigureOptions *options)
{
  fig->low = g_new(double, fig->n_groups + 1);
  fig->high = g_new(double, fig->n_groups + 1);
  for (guint c = 0; c <= fig->n_groups; c++)
    fig->low[c] = fig->high[c] = NAN;
  for (gsize i = 0; i < options->n_intervals; i++)
    for (guint c = 0; c <= fig->n_groups; c++)
      if (strcmp(options->interval_groups[i], c < fig->n_groups ? fig->groups[c] : "") == 0) {
        fig->low[c] = options->interval_low[i];
        fig->high[c] = options->interval_high[i];
      }
  fig->interval_label = g_strdup(options->interval_label != NULL
                                     ? options->interval_label : "interval");
}

static gpointer
composition_prepare(CitynetView *view, gsize focus,
                    const CitynetFigureOptions *options, GError **error)
{
  if (options->baseline_view == NULL) {
    g_set_error_literal(error, CITYNET_ERROR, CITYNET_ERROR_INVALID_ARGUMENT,
                        "the composition figure needs a baseline "
                        "(citynet_figure_options_set_baseline())");
    return NULL;
  }
  CitynetView *base_view = options->baseline_view;
  const CitynetNetwork *base_network = citynet_view_get_network(base_view);
  if (options->baseline_node >= citynet_network_n_nodes(base_network) ||
      citynet_view_node_vertex(base_view, options->baseline_node) < 0) {
    g_set_error_literal(error, CITYNET_ERROR, CITYNET_ERROR_NOT_FOUND,
                        "the baseline node is not in the baseline view");
    return NULL;
  }
  /* The focus's partners decide the automatic groups, as in the ego
   * figure, so that both figures of a report use the same ones. */
  FigEgo ego;
  if (!fig_ego_init(&ego, view, focus, (const char *const *) options->groups, error))
    return NULL;
  if (ego.n_focus_ties == 0) {
    g_set_error(error, CITYNET_ERROR, CITYNET_ERROR_INVALID_ARGUMENT,
                "%s has no ties in the view: nothing to compare",
                fig_node_name(ego.network, focus));
    fig_ego_clear(&ego);
    return NULL;
  }
  if (base_network != ego.network && options->groups != NULL) {
    const char *const *known = citynet_network_groups(base_network, NULL);
    for (guint g = 0; g < ego.n_groups; g++)
      if (!g_strv_contains(known, ego.groups[g])) {
        g_set_error(error, CITYNET_ERROR, CITYNET_ERROR_NOT_FOUND,
                    "unknown group '%s' in the baseline's network", ego.groups[g]);
        fig_ego_clear(&ego);
        return NULL;
      }
  }

  CompositionFigure *fig = g_new0(CompositionFigure, 1);
  fig->groups = g_strdupv(ego.groups);
  fig->n_groups = ego.n_groups;
  fig_ego_clear(&ego);
  fig->focus.node = focus;
  fig->focus.view = view;
  fig->focus.label = side_label(view, focus, NULL);
  fig->baseline.node = options->baseline_node;
  fig->baseline.view = base_view;
  fig->baseline.label = side_label(base_view, options->baseline_node,
                                   options->baseline_label);
  count_side(&fig->focus, fig->groups, fig->n_groups);
  count_side(&fig->baseline, fig->groups, fig->n_groups);
  take_intervals(fig, options);
  fig->title = g_strdup_printf("%s: partners by group",
                               fig_node_name(citynet_view_get_network(view), focus));
  return fig;
}

static const FigColor focus_color = { 0x00 / 255.0, 0x72 / 255.0, 0xB2 / 255.0 };
static const FigColor baseline_color = { 0.72, 0.72, 0.72 };

static const char *
category_name(const CompositionFigure *fig, guint c)
{
  return c < fig->n_groups ? fig->groups[c] : "none of these";
}

static double
axis_max(const CompositionFigure *fig)
{
  double max = 0;
  for (guint c = 0; c <= fig->n_groups; c++) {
    if (isfinite(fig->focus.shares[c]))
      max = MAX(max, fig->focus.shares[c]);
    if (isfinite(fig->baseline.shares[c]))
      max = MAX(max, fig->baseline.shares[c]);
    if (isfinite(fig->high[c]))
      max = MAX(max, fig->high[c]);
  }
  return MIN(MAX(max, 0.05), 1.0);
}

/* A bar and its value; the value goes after the bar or after @beyond (the
 * end of a whisker over the bar), whichever is farther right. */
static void
draw_bar(FigCanvas *canvas, double x0, double scale, double y, double h,
         double share, FigColor color, double beyond)
{
  if (!isfinite(share))
    return;
  cairo_rectangle(canvas->cr, x0, y, share * scale, h);
  fig_set_color(canvas->cr, color);
  cairo_fill(canvas->cr);
  char *text = fig_format_percent(share);
  double end = x0 + share * scale;
  if (isfinite(beyond))
    end = MAX(end, x0 + beyond * scale);
  fig_text(canvas, CITYNET_FIGURE_TEXT_AXIS, text, end + 3,
           y + h / 2, FIG_ALIGN_START, FIG_ALIGN_CENTER,
           canvas->font_size - 1.5, FALSE, fig_text_grey, FALSE);
  g_free(text);
}

static void
draw_whisker(cairo_t *cr, double x0, double scale, double cy, double low,
             double high)
{
  if (!isfinite(low) || !isfinite(high))
    return;
  double a = x0 + low * scale, b = x0 + high * scale;
  cairo_save(cr);
  cairo_set_line_width(cr, 0.8);
  fig_set_color(cr, fig_black);
  cairo_move_to(cr, a, cy);
  cairo_line_to(cr, b, cy);
  cairo_move_to(cr, a, cy - 2.5);
  cairo_line_to(cr, a, cy + 2.5);
  cairo_move_to(cr, b, cy - 2.5);
  cairo_line_to(cr, b, cy + 2.5);
  cairo_stroke(cr);
  cairo_restore(cr);
}

static void
composition_draw(gpointer data, FigCanvas *canvas,
                 const CitynetFigureOptions *options)
{
  CompositionFigure *fig = data;
  cairo_t *cr = canvas->cr;
  double top = fig_draw_title(canvas, fig_title(options, fig->title));

  /* Legend under the title, one entry per line. */
  GArray *entries = g_array_new(FALSE, FALSE, sizeof(FigLegendEntry));
  FigLegendEntry entry = { FIG_SWATCH_BOX, focus_color, 0, 0, 0,
                           g_strdup_printf("%s (%zu ties)", fig->focus.label,
                                           fig->focus.n_ties) };
  g_array_append_val(entries, entry);
  entry.color = baseline_color;
  entry.text = g_strdup_printf("%s (%zu ties)", fig->baseline.label,
                               fig->baseline.n_ties);
  g_array_append_val(entries, entry);
  gboolean any_interval = FALSE;
  for (guint c = 0; c <= fig->n_groups; c++)
    any_interval = any_interval || isfinite(fig->low[c]);
  if (any_interval) {
    entry.swatch = FIG_SWATCH_WHISKER;
    entry.color = fig_black;
    entry.text = g_strdup(fig->interval_label);
    g_array_append_val(entries, entry);
  }
  top = fig_draw_legend(canvas, FIG_MARGIN, top, canvas->width - 2 * FIG_MARGIN,
                        NULL, (FigLegendEntry *) entries->data, entries->len) + 8;
  fig_legend_entries_clear(entries);
  g_array_unref(entries);

  /* Category labels on the left. */
  double label_w = 0, w, h;
  for (guint c = 0; c <= fig->n_groups; c++) {
    fig_text_size(canvas, category_name(fig, c), canvas->font_size, FALSE, &w, &h);
    label_w = MAX(label_w, w);
  }
  double x0 = FIG_MARGIN + label_w + 6;
  double x1 = canvas->width - FIG_MARGIN - 26; /* room for value labels */
  double axis_h = 2 * canvas->font_size + 10;
  double bottom = canvas->height - FIG_MARGIN - axis_h;
  guint n = fig->n_groups + 1;
  double row = (bottom - top) / n;
  double bar = MIN(row * 0.36, 10.0);

  double axis_top;
  double step = fig_nice_step(axis_max(fig), 5, &axis_top);
  double scale = (x1 - x0) / axis_top;

  for (guint c = 0; c < n; c++) {
    double cy = top + row * (c + 0.5);
    fig_text(canvas, CITYNET_FIGURE_TEXT_AXIS, category_name(fig, c), x0 - 6, cy,
             FIG_ALIGN_END, FIG_ALIGN_CENTER, canvas->font_size, FALSE,
             fig_black, FALSE);
    draw_bar(canvas, x0, scale, cy - bar - 0.5, bar, fig->focus.shares[c], focus_color,
             fig->high[c]);
    draw_bar(canvas, x0, scale, cy + 0.5, bar, fig->baseline.shares[c], baseline_color,
             NAN);
    draw_whisker(cr, x0, scale, cy - bar / 2 - 0.5, fig->low[c], fig->high[c]);
  }

  /* The axis: a thin line with ticks, percentages below. */
  cairo_save(cr);
  cairo_set_line_width(cr, 0.5);
  fig_set_color(cr, fig_axis_grey);
  cairo_move_to(cr, x0, top);
  cairo_line_to(cr, x0, bottom);
  cairo_move_to(cr, x0, bottom);
  cairo_line_to(cr, x0 + axis_top * scale, bottom);
  for (double t = 0; t <= axis_top + 1e-9; t += step) {
    cairo_move_to(cr, x0 + t * scale, bottom);
    cairo_line_to(cr, x0 + t * scale, bottom + 3);
  }
  cairo_stroke(cr);
  cairo_restore(cr);
  for (double t = 0; t <= axis_top + 1e-9; t += step) {
    char *text = fig_format_number(100 * t, 0);
    fig_text(canvas, CITYNET_FIGURE_TEXT_AXIS, text, x0 + t * scale, bottom + 4,
             FIG_ALIGN_CENTER, FIG_ALIGN_START, canvas->font_size - 1, FALSE,
             fig_black, FALSE);
    g_free(text);
  }
  fig_text(canvas, CITYNET_FIGURE_TEXT_AXIS, "share of ties (%)",
           x0 + axis_top * scale / 2, canvas->height - FIG_MARGIN,
           FIG_ALIGN_CENTER, FIG_ALIGN_END, canvas->font_size, FALSE,
           fig_black, FALSE);
}

static char *
composition_caption(gpointer data, const CitynetFigure *figure)
{
  CompositionFigure *fig = data;
  GString *caption = g_string_new(NULL);
  char *list = g_strjoinv(", ", fig->groups);
  g_string_append_printf(caption,
                         "Share of ties whose partner's country belongs to "
                         "each group (%s) on the tie's date: %s (%zu ties) "
                         "against %s (%zu ties). Groups overlap, so shares "
                         "need not sum to 100%%; \"none of these\" counts "
                         "partners in none of the groups or without a "
                         "country.", list, fig->focus.label, fig->focus.n_ties,
                         fig->baseline.label, fig->baseline.n_ties);
  g_free(list);
  for (guint c = 0; c <= fig->n_groups; c++)
    if (isfinite(fig->low[c])) {
      g_string_append_printf(caption, " Whiskers: %s.", fig->interval_label);
      break;
    }
  return g_string_free(caption, FALSE);
}

/* Title, legend (two or three lines), 30 points per group, the axis. */
static double
composition_fit_height(gpointer data, double width, double font_size)
{
  CompositionFigure *fig = data;
  double line = font_size * 1.4;
  return 2 * FIG_MARGIN + (font_size + 7) + 3 * line + 8 +
         (fig->n_groups + 1) * 30 + 2 * font_size + 10;
}

const FigKindClass fig_kind_composition = {
  composition_prepare, composition_draw, composition_caption, composition_free,
  396.0, 288.0, composition_fit_height
};
