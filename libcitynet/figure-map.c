/* libcitynet - figures: a map of the focus node's ties.
 *
 * Equirectangular projection (x = longitude x cos(standard parallel),
 * y = latitude), the standard parallel at the middle of the shown latitudes
 * so that regional maps keep their shapes; a light graticule instead of
 * coastlines (the library ships no geography). Each tie with a located
 * partner is the great-circle arc between the two places, computed by
 * spherical linear interpolation of their unit vectors and split where it
 * crosses the antimeridian. Partners are coloured by group as in the ego
 * figure; partners without coordinates are counted in a note.
 */
#include <math.h>
#include <string.h>

#include "figure-private.h"

#define ARC_SEGMENTS 64

typedef struct {
  FigEgo ego;
  gboolean focus_located;
  double focus_lat, focus_lon;
  double *lat, *lon;       /* per alter, NaN when unknown */
  guint n_located;
  double west, east, south, north; /* the extent in degrees */
  double step;             /* graticule step in degrees */
  char *title;
} MapFigure;

static void
map_free(gpointer data)
{
  MapFigure *fig = data;
  fig_ego_clear(&fig->ego);
  g_free(fig->lat);
  g_free(fig->lon);
  g_free(fig->title);
  g_free(fig);
}

static double
choose_step(double span)
{
  static const double steps[] = { 1, 2, 5, 10, 15, 20, 30, 45, 60 };
  for (guint i = 0; i < G_N_ELEMENTS(steps); i++)
    if (span / steps[i] <= 12)
      return steps[i];
  return 60;
}

/* The extent around the located places, padded and snapped to the
 * graticule; the whole width of the world when the places span more than
 * half of it. */
static void
choose_extent(MapFigure *fig)
{
  double west = 180, east = -180, south = 90, north = -90;
  guint n = 0;
  if (fig->focus_located) {
    west = east = fig->focus_lon;
    south = north = fig->focus_lat;
    n++;
  }
  for (guint a = 0; a < fig->ego.alters->len; a++) {
    if (!isfinite(fig->lat[a]))
      continue;
    west = MIN(west, fig->lon[a]);
    east = MAX(east, fig->lon[a]);
    south = MIN(south, fig->lat[a]);
    north = MAX(north, fig->lat[a]);
    n++;
  }
  if (n == 0) {
    west = -180; east = 180; south = -60; north = 80;
  }
  if (east - west > 180) {
    west = -180;
    east = 180;
  }
  double pad_x = MAX(3, (east - west) * 0.08), pad_y = MAX(3, (north - south) * 0.1);
  west = MAX(-180, west - pad_x);
  east = MIN(180, east + pad_x);
  south = MAX(-90, south - pad_y);
  north = MIN(90, north + pad_y);
  /* The frame is the padded extent itself; snapping it to the graticule
   * would waste up to a whole step of space on each side. */
  fig->step = choose_step(MAX(east - west, north - south));
  fig->west = west;
  fig->east = east;
  fig->south = south;
  fig->north = north;
}

static gpointer
map_prepare(CitynetView *view, gsize focus, const CitynetFigureOptions *options,
            GError **error)
{
  MapFigure *fig = g_new0(MapFigure, 1);
  if (!fig_ego_init(&fig->ego, view, focus, (const char *const *) options->groups,
                    error)) {
    map_free(fig);
    return NULL;
  }
  const CitynetNetwork *network = fig->ego.network;
  fig->focus_located = citynet_network_node_location(network, focus, &fig->focus_lat,
                                                     &fig->focus_lon);
  guint n = fig->ego.alters->len;
  fig->lat = g_new(double, n + 1);
  fig->lon = g_new(double, n + 1);
  for (guint a = 0; a < n; a++) {
    gsize node = g_array_index(fig->ego.alters, FigAlter, a).node;
    if (citynet_network_node_location(network, node, &fig->lat[a], &fig->lon[a]))
      fig->n_located++;
    else
      fig->lat[a] = fig->lon[a] = NAN;
  }
  choose_extent(fig);
  char *period = fig_period_text(view);
  fig->title = g_strdup_printf("%s: ties by place, %s", fig_node_name(network, focus),
                               period);
  g_free(period);
  return fig;
}

/* ------------------------------------------------------------------------ */
/* Projection                                                               */
/* ------------------------------------------------------------------------ */

typedef struct {
  FigBox area;          /* the map's frame in points */
  double west, north;
  double kx, ky;        /* points per degree */
} Projection;

static Projection
make_projection(const MapFigure *fig, FigBox room)
{
  double mid = (fig->south + fig->north) / 2;
  double shrink = cos(mid * G_PI / 180);
  double width_deg = (fig->east - fig->west) * shrink;
  double height_deg = fig->north - fig->south;
  double k = MIN(room.w / width_deg, room.h / height_deg);
  Projection p;
  p.kx = k * shrink;
  p.ky = k;
  p.area.w = width_deg * k;
  p.area.h = height_deg * k;
  p.area.x = room.x + (room.w - p.area.w) / 2;
  p.area.y = room.y;
  p.west = fig->west;
  p.north = fig->north;
  return p;
}

static void
project(const Projection *p, double lat, double lon, double *x, double *y)
{
  *x = p->area.x + (lon - p->west) * p->kx;
  *y = p->area.y + (p->north - lat) * p->ky;
}

gboolean
fig_great_circle(double lat1, double lon1, double lat2, double lon2, guint n,
                 double *lat, double *lon)
{
  double r = G_PI / 180;
  double a[3] = { cos(lat1 * r) * cos(lon1 * r), cos(lat1 * r) * sin(lon1 * r), sin(lat1 * r) };
  double b[3] = { cos(lat2 * r) * cos(lon2 * r), cos(lat2 * r) * sin(lon2 * r), sin(lat2 * r) };
  double dot = CLAMP(a[0] * b[0] + a[1] * b[1] + a[2] * b[2], -1.0, 1.0);
  double omega = acos(dot);
  /* The same place, or antipodes (no unique great circle). */
  if (n == 0 || omega < 1e-9 || sin(omega) < 1e-9)
    return FALSE;
  for (guint i = 0; i <= n; i++) {
    double t = (double) i / n;
    double s0 = sin((1 - t) * omega) / sin(omega), s1 = sin(t * omega) / sin(omega);
    double v[3] = { s0 * a[0] + s1 * b[0], s0 * a[1] + s1 * b[1], s0 * a[2] + s1 * b[2] };
    lat[i] = asin(CLAMP(v[2], -1.0, 1.0)) / r;
    lon[i] = atan2(v[1], v[0]) / r;
  }
  return TRUE;
}

/* Draws the great circle from (@lat1, @lon1) to (@lat2, @lon2) as a
 * polyline, breaking it where it crosses the antimeridian: there the arc
 * continues from the opposite edge of the map. */
static void
path_great_circle(cairo_t *cr, const Projection *p, double lat1, double lon1,
                  double lat2, double lon2)
{
  double lats[ARC_SEGMENTS + 1], lons[ARC_SEGMENTS + 1];
  if (!fig_great_circle(lat1, lon1, lat2, lon2, ARC_SEGMENTS, lats, lons))
    return;
  double prev_lat = 0, prev_lon = 0;
  for (int i = 0; i <= ARC_SEGMENTS; i++) {
    double lat = lats[i], lon = lons[i];
    double x, y;
    if (i > 0 && fabs(lon - prev_lon) > 180) {
      /* Crossing: interpolate the latitude at the antimeridian. */
      double edge = prev_lon > 0 ? 180 : -180;
      double unwrapped = lon + (prev_lon > 0 ? 360 : -360);
      double f = (edge - prev_lon) / (unwrapped - prev_lon);
      double cross = prev_lat + f * (lat - prev_lat);
      project(p, cross, edge, &x, &y);
      cairo_line_to(cr, x, y);
      project(p, cross, -edge, &x, &y);
      cairo_move_to(cr, x, y);
    }
    project(p, lat, lon, &x, &y);
    if (i == 0)
      cairo_move_to(cr, x, y);
    else
      cairo_line_to(cr, x, y);
    prev_lat = lat;
    prev_lon = lon;
  }
}

/* ------------------------------------------------------------------------ */
/* Drawing                                                                  */
/* ------------------------------------------------------------------------ */

static char *
degrees_text(double value, gboolean latitude)
{
  if (fabs(value) < 1e-9)
    return g_strdup("0°");
  const char *hemisphere = latitude ? (value > 0 ? "N" : "S") : (value > 0 ? "E" : "W");
  return g_strdup_printf("%.0f°%s", fabs(value), hemisphere);
}

static void
draw_graticule(const MapFigure *fig, FigCanvas *canvas, const Projection *p)
{
  cairo_t *cr = canvas->cr;
  cairo_save(cr);
  fig_set_dash(cr, 0, 0.4);
  fig_set_color(cr, fig_light_grey);
  double first_lon = ceil(fig->west / fig->step - 1e-9) * fig->step;
  double first_lat = ceil(fig->south / fig->step - 1e-9) * fig->step;
  for (double lon = first_lon; lon <= fig->east + 1e-9; lon += fig->step) {
    double x, y0, y1, dummy;
    project(p, fig->north, lon, &x, &y0);
    project(p, fig->south, lon, &dummy, &y1);
    cairo_move_to(cr, x, y0);
    cairo_line_to(cr, x, y1);
  }
  for (double lat = first_lat; lat <= fig->north + 1e-9; lat += fig->step) {
    double x0, x1, y, dummy;
    project(p, lat, fig->west, &x0, &y);
    project(p, lat, fig->east, &x1, &dummy);
    cairo_move_to(cr, x0, y);
    cairo_line_to(cr, x1, y);
  }
  cairo_stroke(cr);
  /* The frame. */
  cairo_set_line_width(cr, 0.5);
  fig_set_color(cr, fig_axis_grey);
  cairo_rectangle(cr, p->area.x, p->area.y, p->area.w, p->area.h);
  cairo_stroke(cr);
  cairo_restore(cr);

  double size = canvas->font_size - 1.5;
  for (double lon = first_lon; lon <= fig->east + 1e-9; lon += fig->step) {
    double x, y;
    project(p, fig->south, lon, &x, &y);
    char *text = degrees_text(lon, FALSE);
    fig_text(canvas, CITYNET_FIGURE_TEXT_AXIS, text, x, y + 5, FIG_ALIGN_CENTER,
             FIG_ALIGN_START, size, FALSE, fig_text_grey, FALSE);
    g_free(text);
  }
  for (double lat = first_lat; lat <= fig->north + 1e-9; lat += fig->step) {
    double x, y;
    project(p, lat, fig->west, &x, &y);
    char *text = degrees_text(lat, TRUE);
    fig_text(canvas, CITYNET_FIGURE_TEXT_AXIS, text, x - 3, y, FIG_ALIGN_END,
             FIG_ALIGN_CENTER, size, FALSE, fig_text_grey, FALSE);
    g_free(text);
  }
}

static void
draw_arcs(const MapFigure *fig, FigCanvas *canvas, const Projection *p)
{
  if (!fig->focus_located || fig->ego.alters->len == 0)
    return;
  cairo_t *cr = canvas->cr;
  double heaviest = g_array_index(fig->ego.alters, FigAlter, 0).weight;
  cairo_save(cr);
  cairo_rectangle(cr, p->area.x, p->area.y, p->area.w, p->area.h);
  cairo_clip(cr);
  for (guint a = fig->ego.alters->len; a-- > 0;) {
    if (!isfinite(fig->lat[a]))
      continue;
    double w = g_array_index(fig->ego.alters, FigAlter, a).weight;
    fig_set_dash(cr, 0, 0.4 + 1.0 * sqrt(w / heaviest));
    fig_set_color_alpha(cr, fig_axis_grey, 0.55);
    cairo_new_path(cr);
    path_great_circle(cr, p, fig->focus_lat, fig->focus_lon, fig->lat[a], fig->lon[a]);
    cairo_stroke(cr);
  }
  cairo_restore(cr);
}

static void
draw_places(const MapFigure *fig, FigCanvas *canvas, const Projection *p,
            FigBox label_bounds)
{
  cairo_t *cr = canvas->cr;
  const FigEgo *ego = &fig->ego;
  guint n = ego->alters->len;
  double *x = g_new0(double, n + 1), *y = g_new0(double, n + 1);
  double fx = 0, fy = 0;
  if (fig->focus_located)
    project(p, fig->focus_lat, fig->focus_lon, &fx, &fy);
  for (guint a = 0; a < n; a++)
    if (isfinite(fig->lat[a]))
      project(p, fig->lat[a], fig->lon[a], &x[a], &y[a]);

  cairo_save(cr);
  cairo_set_line_width(cr, 0.5);
  for (guint a = n; a-- > 0;) {
    if (!isfinite(fig->lat[a]))
      continue;
    const FigAlter *alter = &g_array_index(ego->alters, FigAlter, a);
    cairo_new_path(cr);
    cairo_arc(cr, x[a], y[a], 2.6, 0, 2 * G_PI);
    fig_set_color(cr, fig_category_color(alter->category, ego->n_groups));
    cairo_fill_preserve(cr);
    fig_set_color(cr, fig_axis_grey);
    cairo_stroke(cr);
  }
  if (fig->focus_located) {
    cairo_new_path(cr);
    cairo_arc(cr, fx, fy, 3.6, 0, 2 * G_PI);
    fig_set_color(cr, fig_black);
    cairo_fill(cr);
  }
  cairo_restore(cr);

  /* Labels: focus first, then by weight, centre of fanning at the focus. */
  FigPlacer *placer = fig_placer_new(label_bounds);
  double cx = fig->focus_located ? fx : p->area.x + p->area.w / 2;
  double cy = fig->focus_located ? fy : p->area.y + p->area.h / 2;
  if (fig->focus_located)
    fig_placer_add_disc(placer, fx, fy, 3.6);
  for (guint a = 0; a < n; a++)
    if (isfinite(fig->lat[a]))
      fig_placer_add_disc(placer, x[a], y[a], 2.6);
  for (guint i = 0; i <= n; i++) {
    gboolean is_focus = i == 0;
    if (is_focus && !fig->focus_located)
      continue;
    if (!is_focus && !isfinite(fig->lat[i - 1]))
      continue;
    gsize node = is_focus ? ego->focus
                          : g_array_index(ego->alters, FigAlter, i - 1).node;
    const char *text = fig_node_name(ego->network, node);
    double size = is_focus ? canvas->font_size : canvas->font_size - 1.5;
    double w, h;
    fig_text_size(canvas, text, size, is_focus, &w, &h);
    double px = is_focus ? fx : x[i - 1], py = is_focus ? fy : y[i - 1];
    FigPlacement place = fig_placer_place(placer, px, py, is_focus ? 3.6 : 2.6,
                                          cx, is_focus ? cy - 1 : cy, w, h);
    fig_figure_add_label(canvas->figure, node, text, place.placement);
    if (place.placement == CITYNET_FIGURE_LABEL_OMITTED)
      continue;
    if (place.placement == CITYNET_FIGURE_LABEL_LEADER) {
      cairo_save(cr);
      fig_set_dash(cr, 0, 0.35);
      fig_set_color(cr, fig_text_grey);
      cairo_move_to(cr, place.anchor_x, place.anchor_y);
      cairo_line_to(cr, place.end_x, place.end_y);
      cairo_stroke(cr);
      cairo_restore(cr);
    }
    fig_text(canvas, CITYNET_FIGURE_TEXT_LABEL, text, place.x, place.y,
             FIG_ALIGN_START, FIG_ALIGN_START, size, is_focus, fig_black, TRUE);
  }
  fig_placer_free(placer);
  g_free(x);
  g_free(y);
}

/* The map's width-to-height ratio in the projection. */
static double
map_aspect(const MapFigure *fig)
{
  double mid = (fig->south + fig->north) / 2;
  return (fig->east - fig->west) * cos(mid * G_PI / 180) / (fig->north - fig->south);
}

/* Room for the legend: about 13 characters of text. */
#define LEGEND_ESTIMATE(font_size) (13.5 * (font_size))

static double
map_fit_height(gpointer data, double width, double font_size)
{
  MapFigure *fig = data;
  double map_w = width - 3 * FIG_MARGIN - 28 - LEGEND_ESTIMATE(font_size);
  double map_h = map_w / map_aspect(fig);
  return FIG_MARGIN + (font_size + 7) + 2 + map_h + 2 * (font_size + 4) + 2 + FIG_MARGIN;
}

static void
map_draw(gpointer data, FigCanvas *canvas, const CitynetFigureOptions *options)
{
  MapFigure *fig = data;
  const FigEgo *ego = &fig->ego;
  double top = fig_draw_title(canvas, fig_title(options, fig->title));

  GArray *entries = g_array_new(FALSE, FALSE, sizeof(FigLegendEntry));
  for (guint c = 0; c < ego->n_groups + 2; c++) {
    gsize located = 0;
    for (guint a = 0; a < ego->alters->len; a++)
      if (isfinite(fig->lat[a]) && g_array_index(ego->alters, FigAlter, a).category == c)
        located++;
    if (located == 0)
      continue;
    FigLegendEntry entry = { c == FIG_CATEGORY_NONE(ego->n_groups) ? FIG_SWATCH_RING : FIG_SWATCH_DISC,
                             fig_category_color(c, ego->n_groups), 0, 0, 0,
                             g_strdup_printf("%s (%zu)", fig_category_name(ego, c), located) };
    g_array_append_val(entries, entry);
  }
  double legend_w = fig_legend_width(canvas, "Partner group",
                                     (FigLegendEntry *) entries->data, entries->len);
  double legend_x = canvas->width - FIG_MARGIN - legend_w;
  if (entries->len > 0)
    fig_draw_legend(canvas, legend_x, top, legend_w, "Partner group",
                    (FigLegendEntry *) entries->data, entries->len);
  fig_legend_entries_clear(entries);
  g_array_unref(entries);

  double note_h = canvas->font_size + 4;
  double label_h = canvas->font_size + 4;
  FigBox room = { FIG_MARGIN + 28, top + 2, legend_x - 2 * FIG_MARGIN - 28,
                  canvas->height - top - FIG_MARGIN - label_h - note_h - 2 };
  Projection p = make_projection(fig, room);
  draw_graticule(fig, canvas, &p);
  draw_arcs(fig, canvas, &p);
  draw_places(fig, canvas, &p, p.area);

  GString *note = g_string_new(NULL);
  guint missing = ego->alters->len - fig->n_located;
  if (missing > 0)
    g_string_append_printf(note, "%u of %u partners %s no coordinates and "
                           "%s not shown", missing, ego->alters->len,
                           missing == 1 ? "has" : "have", missing == 1 ? "is" : "are");
  if (!fig->focus_located)
    g_string_append_printf(note, "%s%s has no coordinates: no arcs",
                           note->len > 0 ? "; " : "",
                           fig_node_name(ego->network, ego->focus));
  if (canvas->figure->n_omitted > 0)
    g_string_append_printf(note, "%s%zu %s omitted for lack of space",
                           note->len > 0 ? "; " : "", canvas->figure->n_omitted,
                           canvas->figure->n_omitted == 1 ? "label" : "labels");
  if (note->len > 0)
    fig_text(canvas, CITYNET_FIGURE_TEXT_NOTE, note->str, FIG_MARGIN,
             canvas->height - FIG_MARGIN / 2, FIG_ALIGN_START, FIG_ALIGN_END,
             canvas->font_size - 1, FALSE, fig_text_grey, FALSE);
  g_string_free(note, TRUE);
}

static char *
map_caption(gpointer data, const CitynetFigure *figure)
{
  MapFigure *fig = data;
  const FigEgo *ego = &fig->ego;
  const char *focus = fig_node_name(ego->network, ego->focus);
  char *period = fig_period_text(ego->view);
  GString *caption = g_string_new(NULL);
  g_string_append_printf(caption,
                         "Ties of %s, %s, as great-circle arcs to the %u "
                         "partners with coordinates (line width: summed tie "
                         "weight). Equirectangular projection, graticule "
                         "every %.0f°.", focus, period, fig->n_located, fig->step);
  if (ego->n_groups > 0) {
    char *list = g_strjoinv(", ", ego->groups);
    g_string_append_printf(caption,
                           " Colour: the first of %s that the partner's "
                           "country belongs to (grey: none; white: no "
                           "country).", list);
    g_free(list);
  }
  guint missing = ego->alters->len - fig->n_located;
  if (missing > 0)
    g_string_append_printf(caption, " %u partners without coordinates are not "
                           "shown.", missing);
  if (figure->n_omitted > 0)
    g_string_append_printf(caption, " %zu %s omitted for lack of space.",
                           figure->n_omitted,
                           figure->n_omitted == 1 ? "label" : "labels");
  g_free(period);
  return g_string_free(caption, FALSE);
}

const FigKindClass fig_kind_map = {
  map_prepare, map_draw, map_caption, map_free, 504.0, 320.0, map_fit_height
};
