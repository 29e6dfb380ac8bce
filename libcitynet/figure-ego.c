/* libcitynet - figures: the ego network of a focus node.
 *
 * The focus and its alters with the ties among the alters, laid out by
 * igraph's Fruchterman-Reingold with the focus pinned at the origin; then
 * overlapping discs are pushed apart, labels placed greedily (most weight
 * first) and a legend drawn on the right. See docs/figures.md.
 */
#include <math.h>
#include <string.h>

#include "figure-private.h"
#include "view-private.h"

typedef struct {
  FigEgo ego;
  guint n;            /* vertices: 0 = focus, 1 + a = alter a */
  double *x, *y;      /* layout coordinates, then points */
  GArray *pairs;      /* guint pairs (a, b) of alters joined in the view */
  guint64 seed;
  char *title;
} EgoFigure;

/* ------------------------------------------------------------------------ */
/* Layout                                                                   */
/* ------------------------------------------------------------------------ */

typedef struct {
  EgoFigure *figure;
} LayoutJob;

static gboolean
run_layout(gpointer user_data, GError **error)
{
  EgoFigure *fig = ((LayoutJob *) user_data)->figure;
  guint n = fig->n;
  guint n_alters = n - 1;
  guint n_edges = n_alters + fig->pairs->len / 2;
  igraph_t graph;
  igraph_vector_int_t edges;
  igraph_vector_t weights, minx, maxx, miny, maxy;
  igraph_matrix_t result;
  gboolean ok = FALSE;

  if (!citynet_igraph_check(igraph_vector_int_init(&edges, 2 * (igraph_integer_t) n_edges),
                            "allocating the ego layout", error))
    return FALSE;
  igraph_vector_init(&weights, n_edges);
  igraph_vector_init(&minx, n);
  igraph_vector_init(&maxx, n);
  igraph_vector_init(&miny, n);
  igraph_vector_init(&maxy, n);
  igraph_matrix_init(&result, n, 2);

  for (guint a = 0; a < n_alters; a++) {
    const FigAlter *alter = &g_array_index(fig->ego.alters, FigAlter, a);
    VECTOR(edges)[2 * a] = 0;
    VECTOR(edges)[2 * a + 1] = a + 1;
    /* sqrt damps the pull of very heavy ties, which would otherwise sit on
     * top of the focus. */
    VECTOR(weights)[a] = sqrt(alter->weight);
  }
  for (guint p = 0; p + 1 < fig->pairs->len; p += 2) {
    guint e = n_alters + p / 2;
    VECTOR(edges)[2 * e] = g_array_index(fig->pairs, guint, p) + 1;
    VECTOR(edges)[2 * e + 1] = g_array_index(fig->pairs, guint, p + 1) + 1;
    VECTOR(weights)[e] = 1;
  }
  /* The focus is pinned at the origin; the others are free. */
  igraph_vector_fill(&minx, -IGRAPH_INFINITY);
  igraph_vector_fill(&maxx, IGRAPH_INFINITY);
  igraph_vector_fill(&miny, -IGRAPH_INFINITY);
  igraph_vector_fill(&maxy, IGRAPH_INFINITY);
  VECTOR(minx)[0] = VECTOR(maxx)[0] = VECTOR(miny)[0] = VECTOR(maxy)[0] = 0;

  if (citynet_igraph_check(igraph_create(&graph, &edges, n, IGRAPH_UNDIRECTED),
                           "building the ego graph", error)) {
    ok = citynet_igraph_check(
        igraph_layout_fruchterman_reingold(&graph, &result, FALSE, 500,
                                           sqrt((double) n), IGRAPH_LAYOUT_NOGRID,
                                           &weights, &minx, &maxx, &miny, &maxy),
        "laying out the ego network", error);
    igraph_destroy(&graph);
  }
  if (ok)
    for (guint v = 0; v < n; v++) {
      fig->x[v] = MATRIX(result, v, 0);
      fig->y[v] = MATRIX(result, v, 1);
    }
  igraph_matrix_destroy(&result);
  igraph_vector_destroy(&maxy);
  igraph_vector_destroy(&miny);
  igraph_vector_destroy(&maxx);
  igraph_vector_destroy(&minx);
  igraph_vector_destroy(&weights);
  igraph_vector_int_destroy(&edges);
  return ok;
}

/* The pairs of alters joined by an edge of the view (each pair once). */
static GArray *
alter_pairs(const FigEgo *ego)
{
  GArray *pairs = g_array_new(FALSE, FALSE, sizeof(guint));
  GHashTable *seen = g_hash_table_new_full(g_int64_hash, g_int64_equal,
                                           g_free, NULL);
  for (gsize e = 0; e < citynet_view_n_edges(ego->view); e++) {
    gsize from, to;
    citynet_view_edge(ego->view, e, &from, &to);
    gsize u = citynet_view_vertex_node(ego->view, from);
    gsize v = citynet_view_vertex_node(ego->view, to);
    guint a = GPOINTER_TO_UINT(g_hash_table_lookup(ego->alter_index, GSIZE_TO_POINTER(u)));
    guint b = GPOINTER_TO_UINT(g_hash_table_lookup(ego->alter_index, GSIZE_TO_POINTER(v)));
    if (a == 0 || b == 0 || a == b)
      continue;
    guint lo = MIN(a, b) - 1, hi = MAX(a, b) - 1;
    gint64 key = ((gint64) lo << 32) | hi;
    if (g_hash_table_contains(seen, &key))
      continue;
    g_hash_table_add(seen, g_memdup2(&key, sizeof key));
    g_array_append_val(pairs, lo);
    g_array_append_val(pairs, hi);
  }
  g_hash_table_unref(seen);
  return pairs;
}

static void
ego_figure_free(gpointer data)
{
  EgoFigure *fig = data;
  fig_ego_clear(&fig->ego);
  g_free(fig->x);
  g_free(fig->y);
  if (fig->pairs != NULL)
    g_array_unref(fig->pairs);
  g_free(fig->title);
  g_free(fig);
}

static gpointer
ego_prepare(CitynetView *view, gsize focus, const CitynetFigureOptions *options,
            GError **error)
{
  EgoFigure *fig = g_new0(EgoFigure, 1);
  if (!fig_ego_init(&fig->ego, view, focus, (const char *const *) options->groups,
                    error)) {
    ego_figure_free(fig);
    return NULL;
  }
  fig->n = fig->ego.alters->len + 1;
  fig->x = g_new0(double, fig->n);
  fig->y = g_new0(double, fig->n);
  fig->seed = options->seed;
  fig->pairs = alter_pairs(&fig->ego);
  if (fig->n > 1) {
    LayoutJob job = { fig };
    if (!citynet_igraph_run_seeded(options->seed, run_layout, &job, error)) {
      ego_figure_free(fig);
      return NULL;
    }
  }
  char *period = fig_period_text(view);
  fig->title = g_strdup_printf("%s: ego network, %s",
                               fig_node_name(fig->ego.network, focus), period);
  g_free(period);
  return fig;
}

/* ------------------------------------------------------------------------ */
/* Drawing                                                                  */
/* ------------------------------------------------------------------------ */

#define FOCUS_RADIUS 6.0
#define MIN_RADIUS 2.2
#define MAX_RADIUS 7.0

/* Disc area grows with the tie weight, from a floor that keeps light ties
 * visible up to MAX_RADIUS for the heaviest. */
static double
weight_radius(double weight, double heaviest)
{
  return MIN_RADIUS + (MAX_RADIUS - MIN_RADIUS) * sqrt(weight / heaviest);
}

static double
alter_radius(const EgoFigure *fig, guint a)
{
  /* Alters are sorted by weight: the first is the heaviest. */
  double heaviest = g_array_index(fig->ego.alters, FigAlter, 0).weight;
  return weight_radius(g_array_index(fig->ego.alters, FigAlter, a).weight, heaviest);
}

/* Maps layout coordinates into @area, focus at its centre, one scale for
 * both axes (distances mean the same in every direction). */
static void
fit_to_area(EgoFigure *fig, FigBox area, double *px, double *py)
{
  double cx = area.x + area.w / 2, cy = area.y + area.h / 2;
  double ex = 1e-9, ey = 1e-9;
  for (guint v = 1; v < fig->n; v++) {
    ex = MAX(ex, fabs(fig->x[v] - fig->x[0]));
    ey = MAX(ey, fabs(fig->y[v] - fig->y[0]));
  }
  double scale = MIN((area.w / 2) / ex, (area.h / 2) / ey);
  /* A small ego network would otherwise be blown up to the page's size:
   * keep ties about as long as in a large one. */
  double farthest = 1e-9;
  for (guint v = 1; v < fig->n; v++)
    farthest = MAX(farthest, hypot(fig->x[v] - fig->x[0], fig->y[v] - fig->y[0]));
  scale = MIN(scale, (60.0 + 12.0 * (fig->n - 1)) / farthest);
  for (guint v = 0; v < fig->n; v++) {
    px[v] = cx + (fig->x[v] - fig->x[0]) * scale;
    py[v] = cy + (fig->y[v] - fig->y[0]) * scale;
  }
}

/* Pushes overlapping discs apart (the focus stays put), keeping them in
 * @area: the layout optimises distances, not overlaps of drawn discs. */
static void
separate_discs(guint n, double *x, double *y, const double *r, FigBox area)
{
  for (int round = 0; round < 80; round++) {
    gboolean moved = FALSE;
    for (guint i = 0; i < n; i++)
      for (guint j = i + 1; j < n; j++) {
        double dx = x[j] - x[i], dy = y[j] - y[i];
        double d = hypot(dx, dy), need = r[i] + r[j] + 1.5;
        if (d >= need)
          continue;
        if (d < 1e-6) {
          dx = cos(j * 2.399963);
          dy = sin(j * 2.399963);
          d = 1;
        }
        double push = (need - d) / 2;
        if (i == 0) {
          x[j] += dx / d * 2 * push;
          y[j] += dy / d * 2 * push;
        } else {
          x[i] -= dx / d * push;
          y[i] -= dy / d * push;
          x[j] += dx / d * push;
          y[j] += dy / d * push;
        }
        moved = TRUE;
      }
    for (guint i = 1; i < n; i++) {
      x[i] = CLAMP(x[i], area.x + r[i], area.x + area.w - r[i]);
      y[i] = CLAMP(y[i], area.y + r[i], area.y + area.h - r[i]);
    }
    if (!moved)
      break;
  }
}

static void
add_entry(GArray *entries, FigSwatch swatch, FigColor color, guint style,
          double line_width, double radius, char *text)
{
  FigLegendEntry entry = { swatch, color, style, line_width, radius, text };
  g_array_append_val(entries, entry);
}

static const FigColor tie_color = { 0.33, 0.33, 0.33 };

/* The three legends: groups, layers, sizes. */
static void
build_legends(const EgoFigure *fig, GArray *groups, GArray *layers, GArray *sizes)
{
  const FigEgo *ego = &fig->ego;
  for (guint c = 0; c < ego->n_groups + 2; c++) {
    if (ego->category_counts[c] == 0)
      continue;
    add_entry(groups, c == FIG_CATEGORY_NONE(ego->n_groups) ? FIG_SWATCH_RING : FIG_SWATCH_DISC,
              fig_category_color(c, ego->n_groups), 0, 0, 0,
              g_strdup_printf("%s (%zu)", fig_category_name(ego, c),
                              ego->category_counts[c]));
  }
  gboolean other = FALSE;
  for (guint a = 0; a < ego->alters->len; a++)
    other = other || g_array_index(ego->alters, FigAlter, a).other_layers;
  for (guint l = 0; l < ego->n_layers; l++)
    add_entry(layers, FIG_SWATCH_LINE, tie_color, l, 0.7, 0, g_strdup(ego->layers[l]));
  if (other)
    add_entry(layers, FIG_SWATCH_LINE, fig_other_grey, 0, 0.5, 0,
              g_strdup("other layers"));
  if (fig->pairs->len > 0)
    add_entry(layers, FIG_SWATCH_LINE, fig_light_grey, 0, 0.5, 0,
              g_strdup("between partners"));
  if (ego->alters->len == 0)
    return;
  /* Up to three sizes: the lightest, the heaviest and one between. */
  double heaviest = g_array_index(ego->alters, FigAlter, 0).weight;
  double lightest = g_array_index(ego->alters, FigAlter, ego->alters->len - 1).weight;
  /* The middle mark is a round number, shown only when it falls strictly
   * between the other two (weights 1 and 2 would otherwise read "1, 1,
   * 2"). */
  double middle = round(sqrt(lightest * heaviest));
  double marks[3] = { lightest, middle, heaviest };
  guint n_marks = heaviest > lightest * 1.5 && middle > lightest && middle < heaviest ? 3
                  : heaviest > lightest ? 2 : 1;
  if (n_marks == 2)
    marks[1] = heaviest;
  for (guint i = 0; i < n_marks; i++) {
    double w = marks[i];
    double r = weight_radius(w, heaviest);
    char *number = fig_format_number(w, 1);
    add_entry(sizes, FIG_SWATCH_SIZE, fig_light_grey, 0, 0, r, number);
  }
}

static void
draw_edges(const EgoFigure *fig, FigCanvas *canvas, const double *x,
           const double *y)
{
  cairo_t *cr = canvas->cr;
  const FigEgo *ego = &fig->ego;
  cairo_save(cr);
  /* Context first: ties among the partners, light and thin. */
  fig_set_dash(cr, 0, 0.4);
  fig_set_color(cr, fig_light_grey);
  for (guint p = 0; p + 1 < fig->pairs->len; p += 2) {
    guint a = g_array_index(fig->pairs, guint, p) + 1;
    guint b = g_array_index(fig->pairs, guint, p + 1) + 1;
    cairo_move_to(cr, x[a], y[a]);
    cairo_line_to(cr, x[b], y[b]);
  }
  cairo_stroke(cr);
  /* Ties to the focus: one line per layer, side by side. */
  for (guint a = 0; a < ego->alters->len; a++) {
    const FigAlter *alter = &g_array_index(ego->alters, FigAlter, a);
    guint v = a + 1;
    double dx = x[v] - x[0], dy = y[v] - y[0], len = hypot(dx, dy);
    if (len < 1e-6)
      continue;
    double nx = -dy / len, ny = dx / len;
    guint lines = (guint) __builtin_popcount(alter->layer_mask) + (alter->other_layers ? 1 : 0);
    guint k = 0;
    for (guint l = 0; l <= ego->n_layers; l++) {
      gboolean styled = l < ego->n_layers && (alter->layer_mask & (1u << l));
      gboolean other = l == ego->n_layers && alter->other_layers;
      if (!styled && !other)
        continue;
      double offset = ((double) k - (lines - 1) / 2.0) * 1.3;
      k++;
      if (styled) {
        fig_set_dash(cr, l, 0.7);
        fig_set_color(cr, tie_color);
      } else {
        fig_set_dash(cr, 0, 0.5);
        fig_set_color(cr, fig_other_grey);
      }
      cairo_move_to(cr, x[0] + nx * offset, y[0] + ny * offset);
      cairo_line_to(cr, x[v] + nx * offset, y[v] + ny * offset);
      cairo_stroke(cr);
    }
  }
  cairo_restore(cr);
}

static void
draw_nodes(const EgoFigure *fig, FigCanvas *canvas, const double *x,
           const double *y, const double *r)
{
  cairo_t *cr = canvas->cr;
  const FigEgo *ego = &fig->ego;
  cairo_save(cr);
  cairo_set_dash(cr, NULL, 0, 0);
  /* Heaviest last, so that big discs are not hidden under small ones. */
  for (guint a = ego->alters->len; a-- > 0;) {
    const FigAlter *alter = &g_array_index(ego->alters, FigAlter, a);
    guint v = a + 1;
    cairo_new_path(cr);
    cairo_arc(cr, x[v], y[v], r[v], 0, 2 * G_PI);
    fig_set_color(cr, fig_category_color(alter->category, ego->n_groups));
    cairo_fill_preserve(cr);
    cairo_set_line_width(cr, 0.5);
    fig_set_color(cr, alter->category == FIG_CATEGORY_NONE(ego->n_groups)
                          ? fig_text_grey : fig_axis_grey);
    cairo_stroke(cr);
  }
  cairo_new_path(cr);
  cairo_arc(cr, x[0], y[0], r[0], 0, 2 * G_PI);
  fig_set_color(cr, fig_black);
  cairo_fill(cr);
  cairo_restore(cr);
}

static void
draw_label(FigCanvas *canvas, FigPlacer *placer, gsize node, const char *text,
           double x, double y, double r, double cx, double cy, double size,
           gboolean bold)
{
  double w, h;
  fig_text_size(canvas, text, size, bold, &w, &h);
  FigPlacement place = fig_placer_place(placer, x, y, r, cx, cy, w, h);
  fig_figure_add_label(canvas->figure, node, text, place.placement);
  if (place.placement == CITYNET_FIGURE_LABEL_OMITTED)
    return;
  if (place.placement == CITYNET_FIGURE_LABEL_LEADER) {
    cairo_t *cr = canvas->cr;
    cairo_save(cr);
    fig_set_dash(cr, 0, 0.35);
    fig_set_color(cr, fig_text_grey);
    cairo_move_to(cr, place.anchor_x, place.anchor_y);
    cairo_line_to(cr, place.end_x, place.end_y);
    cairo_stroke(cr);
    cairo_restore(cr);
  }
  fig_text(canvas, CITYNET_FIGURE_TEXT_LABEL, text, place.x, place.y,
           FIG_ALIGN_START, FIG_ALIGN_START, size, bold, fig_black, TRUE);
}

static void
ego_draw(gpointer data, FigCanvas *canvas, const CitynetFigureOptions *options)
{
  EgoFigure *fig = data;
  const FigEgo *ego = &fig->ego;
  double top = fig_draw_title(canvas, fig_title(options, fig->title));

  GArray *groups = g_array_new(FALSE, FALSE, sizeof(FigLegendEntry));
  GArray *layers = g_array_new(FALSE, FALSE, sizeof(FigLegendEntry));
  GArray *sizes = g_array_new(FALSE, FALSE, sizeof(FigLegendEntry));
  build_legends(fig, groups, layers, sizes);
  const char *headings[3] = { "Partner group", "Tie layer", "Tie weight" };
  GArray *legends[3] = { groups, layers, sizes };
  double legend_w = 0;
  for (guint i = 0; i < 3; i++)
    if (legends[i]->len > 0)
      legend_w = MAX(legend_w, fig_legend_width(canvas, headings[i],
                                                (FigLegendEntry *) legends[i]->data,
                                                legends[i]->len));
  double legend_x = canvas->width - FIG_MARGIN - legend_w;
  double y = top;
  for (guint i = 0; i < 3; i++) {
    if (legends[i]->len == 0)
      continue;
    y = fig_draw_legend(canvas, legend_x, y, legend_w, headings[i],
                        (FigLegendEntry *) legends[i]->data, legends[i]->len) + 8;
  }

  FigBox plot = { FIG_MARGIN, top, legend_x - 2 * FIG_MARGIN, canvas->height - top - FIG_MARGIN - 12 };
  if (ego->alters->len == 0) {
    fig_text(canvas, CITYNET_FIGURE_TEXT_NOTE, "no ties in this view",
             plot.x + plot.w / 2, plot.y + plot.h / 2, FIG_ALIGN_CENTER,
             FIG_ALIGN_CENTER, canvas->font_size, FALSE, fig_text_grey, FALSE);
  }

  double *x = g_new0(double, fig->n), *yy = g_new0(double, fig->n), *r = g_new0(double, fig->n);
  r[0] = FOCUS_RADIUS;
  for (guint a = 0; a < ego->alters->len; a++)
    r[a + 1] = alter_radius(fig, a);
  /* Room for labels around the outermost nodes. */
  FigBox inner = { plot.x + 45, plot.y + 14, plot.w - 90, plot.h - 28 };
  fit_to_area(fig, inner, x, yy);
  separate_discs(fig->n, x, yy, r, plot);

  draw_edges(fig, canvas, x, yy);
  draw_nodes(fig, canvas, x, yy, r);

  FigBox bounds = { FIG_MARGIN / 2, top, legend_x - FIG_MARGIN, canvas->height - top - 14 };
  FigPlacer *placer = fig_placer_new(bounds);
  for (guint v = 0; v < fig->n; v++)
    fig_placer_add_disc(placer, x[v], yy[v], r[v]);
  draw_label(canvas, placer, ego->focus, fig_node_name(ego->network, ego->focus),
             x[0], yy[0], r[0], x[0], yy[0] - 1, canvas->font_size, TRUE);
  for (guint a = 0; a < ego->alters->len; a++) {
    gsize node = g_array_index(ego->alters, FigAlter, a).node;
    draw_label(canvas, placer, node, fig_node_name(ego->network, node),
               x[a + 1], yy[a + 1], r[a + 1], x[0], yy[0],
               canvas->font_size - 1, FALSE);
  }
  fig_placer_free(placer);

  if (canvas->figure->n_omitted > 0) {
    char *note = g_strdup_printf("%zu of %u labels omitted for lack of space",
                                 canvas->figure->n_omitted, fig->n);
    fig_text(canvas, CITYNET_FIGURE_TEXT_NOTE, note, FIG_MARGIN,
             canvas->height - FIG_MARGIN / 2, FIG_ALIGN_START, FIG_ALIGN_END,
             canvas->font_size - 1, FALSE, fig_text_grey, FALSE);
    g_free(note);
  }

  for (guint i = 0; i < 3; i++) {
    fig_legend_entries_clear(legends[i]);
    g_array_unref(legends[i]);
  }
  g_free(x);
  g_free(yy);
  g_free(r);
}

static char *
ego_caption(gpointer data, const CitynetFigure *figure)
{
  EgoFigure *fig = data;
  const FigEgo *ego = &fig->ego;
  const char *focus = fig_node_name(ego->network, ego->focus);
  char *period = fig_period_text(ego->view);
  GString *caption = g_string_new(NULL);
  g_string_append_printf(caption,
                         "Ego network of %s, %s: %u partners, %zu ties with "
                         "%s. ", focus, period, ego->alters->len,
                         ego->n_focus_ties, focus);
  if (ego->n_groups > 0) {
    char *list = g_strjoinv(", ", ego->groups);
    g_string_append_printf(caption,
                           "Node colour: the first of %s that the partner's "
                           "country belongs to on the date of its first tie "
                           "with %s in the period (grey: none of them; "
                           "white: no country). ", list, focus);
    g_free(list);
  }
  g_string_append_printf(caption,
                         "Node area: summed tie weight with %s. Line style: "
                         "the layer of each tie with %s", focus, focus);
  g_string_append(caption, fig->pairs->len > 0
                                ? "; light grey lines join partners tied to "
                                  "each other. "
                                : ". ");
  g_string_append_printf(caption,
                         "Layout: Fruchterman-Reingold (igraph), seed %"
                         G_GUINT64_FORMAT ", %s fixed at the centre.",
                         fig->seed, focus);
  if (figure->n_omitted > 0)
    g_string_append_printf(caption, " %zu %s omitted for lack of space.",
                           figure->n_omitted,
                           figure->n_omitted == 1 ? "label" : "labels");
  g_free(period);
  return g_string_free(caption, FALSE);
}

const FigKindClass fig_kind_ego = {
  ego_prepare, ego_draw, ego_caption, ego_figure_free, 504.0, 400.0, NULL
};
