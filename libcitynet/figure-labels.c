/* libcitynet - figures: greedy placement of node labels.
 *
 * Labels are placed one by one, most important first. Each label tries
 * eight positions around its node, starting with the side that faces away
 * from the centre of the drawing (labels then fan outwards, away from the
 * crowded middle); a position is free when its box stays inside the plot
 * and overlaps no node disc, no placed label and no other obstacle. When
 * none is free the label moves farther out along the outward direction
 * (then turning to either side of it, up to the opposite direction),
 * joined to its node by a leader line that must not cross a placed
 * label. When that fails too the label is
 * left out and counted. This is the classic greedy point-feature labelling
 * heuristic (Christensen, Marks and Shieber 1995, "an empirical study of
 * algorithms for point-feature label placement", the greedy baseline):
 * O(n^2) box tests for n labels, fine for the few hundred labels a figure
 * can hold.
 */
#include <math.h>

#include "figure-private.h"

struct _FigPlacer {
  FigBox bounds;
  GArray *obstacles; /* FigBox: discs and other obstacles */
  GArray *labels;    /* FigBox: placed labels */
  GArray *leaders;   /* 4 doubles per placed leader line */
};

FigPlacer *
fig_placer_new(FigBox bounds)
{
  FigPlacer *placer = g_new0(FigPlacer, 1);
  placer->bounds = bounds;
  placer->obstacles = g_array_new(FALSE, FALSE, sizeof(FigBox));
  placer->labels = g_array_new(FALSE, FALSE, sizeof(FigBox));
  placer->leaders = g_array_new(FALSE, FALSE, sizeof(double));
  return placer;
}

void
fig_placer_free(FigPlacer *placer)
{
  if (placer == NULL)
    return;
  g_array_unref(placer->obstacles);
  g_array_unref(placer->labels);
  g_array_unref(placer->leaders);
  g_free(placer);
}

void
fig_placer_add_obstacle(FigPlacer *placer, FigBox box)
{
  g_array_append_val(placer->obstacles, box);
}

void
fig_placer_add_disc(FigPlacer *placer, double x, double y, double r)
{
  /* The square inscribed in the disc is too small and the bounding square
   * too large near the corners; the bounding square shrunk by 10% of r is
   * a fair and simple compromise. */
  double half = r * 0.9;
  FigBox box = { x - half, y - half, 2 * half, 2 * half };
  fig_placer_add_obstacle(placer, box);
}

gboolean
fig_box_overlap(FigBox a, FigBox b, double pad)
{
  return a.x < b.x + b.w + pad && b.x < a.x + a.w + pad &&
         a.y < b.y + b.h + pad && b.y < a.y + a.h + pad;
}

static gboolean
inside(FigBox outer, FigBox box)
{
  return box.x >= outer.x && box.y >= outer.y &&
         box.x + box.w <= outer.x + outer.w &&
         box.y + box.h <= outer.y + outer.h;
}

/* Whether segment (x0,y0)-(x1,y1) crosses @box (Liang-Barsky clipping). */
static gboolean
segment_hits_box(double x0, double y0, double x1, double y1, FigBox box)
{
  double t0 = 0, t1 = 1, dx = x1 - x0, dy = y1 - y0;
  double p[4] = { -dx, dx, -dy, dy };
  double q[4] = { x0 - box.x, box.x + box.w - x0, y0 - box.y, box.y + box.h - y0 };
  for (int i = 0; i < 4; i++) {
    if (p[i] == 0) {
      if (q[i] < 0)
        return FALSE;
      continue;
    }
    double t = q[i] / p[i];
    if (p[i] < 0)
      t0 = MAX(t0, t);
    else
      t1 = MIN(t1, t);
    if (t0 > t1)
      return FALSE;
  }
  return TRUE;
}

static gboolean
box_is_free(const FigPlacer *placer, FigBox box)
{
  if (!inside(placer->bounds, box))
    return FALSE;
  for (guint i = 0; i < placer->obstacles->len; i++)
    if (fig_box_overlap(box, g_array_index(placer->obstacles, FigBox, i), 0.5))
      return FALSE;
  for (guint i = 0; i < placer->labels->len; i++)
    if (fig_box_overlap(box, g_array_index(placer->labels, FigBox, i), 1.0))
      return FALSE;
  /* A label over another label's leader line would read as attached. */
  for (guint i = 0; i + 3 < placer->leaders->len; i += 4) {
    const double *l = &g_array_index(placer->leaders, double, i);
    if (segment_hits_box(l[0], l[1], l[2], l[3], box))
      return FALSE;
  }
  return TRUE;
}

static gboolean
leader_is_free(const FigPlacer *placer, double x0, double y0, double x1,
               double y1)
{
  for (guint i = 0; i < placer->labels->len; i++)
    if (segment_hits_box(x0, y0, x1, y1, g_array_index(placer->labels, FigBox, i)))
      return FALSE;
  return TRUE;
}

/* The box of a @w x @h label whose nearest point to the node lies in
 * direction @angle at distance @d from (@x, @y). */
static FigBox
box_at(double x, double y, double angle, double d, double w, double h)
{
  double ux = cos(angle), uy = sin(angle);
  double px = x + ux * d, py = y + uy * d;
  /* Put the box on the far side of the point: its corner or edge nearest
   * the node touches the point. */
  double bx = ux > 0.38 ? px : ux < -0.38 ? px - w : px - w / 2;
  double by = uy > 0.38 ? py : uy < -0.38 ? py - h : py - h / 2;
  FigBox box = { bx, by, w, h };
  return box;
}

static void
accept(FigPlacer *placer, FigBox box)
{
  g_array_append_val(placer->labels, box);
}

FigPlacement
fig_placer_place(FigPlacer *placer, double x, double y, double r, double cx,
                 double cy, double w, double h)
{
  FigPlacement result = { CITYNET_FIGURE_LABEL_OMITTED, 0, 0, x, y, x, y };
  double outward = hypot(x - cx, y - cy) > 1e-6 ? atan2(y - cy, x - cx) : 0;

  /* Beside the node: the eight compass points, nearest to outward first
   * (alternating sides), plus the two horizontal ones which read best. */
  double candidates[10];
  guint n = 0;
  candidates[n++] = outward;
  for (int k = 1; k <= 4; k++) {
    candidates[n++] = outward + k * G_PI / 4;
    if (k < 4)
      candidates[n++] = outward - k * G_PI / 4;
  }
  for (guint i = 0; i < n; i++) {
    /* Snap to the compass: diagonal labels look placed on purpose. */
    double angle = round(candidates[i] / (G_PI / 4)) * (G_PI / 4);
    FigBox box = box_at(x, y, angle, r + 1.5, w, h);
    if (box_is_free(placer, box)) {
      accept(placer, box);
      result.placement = CITYNET_FIGURE_LABEL_BESIDE;
      result.x = box.x;
      result.y = box.y;
      return result;
    }
  }

  /* Farther out with a leader line: outwards first, then turning to
   * either side, up to the opposite direction when a node sits at the
   * edge of the plot. */
  static const double spreads[] = { 0, 0.18, -0.18, 0.36, -0.36, 0.6, -0.6,
                                    0.95, -0.95, 1.35, -1.35, 1.8, -1.8,
                                    2.4, -2.4, G_PI };
  for (int step = 1; step <= 6; step++) {
    double d = r + 4 + step * 6;
    for (guint s = 0; s < G_N_ELEMENTS(spreads); s++) {
      /* Sideways and backwards only close by: a long leader across the
       * drawing reads worse than an omitted label. */
      if (fabs(spreads[s]) > 0.7 && step > 2)
        continue;
      double angle = outward + spreads[s];
      FigBox box = box_at(x, y, angle, d, w, h);
      if (!box_is_free(placer, box))
        continue;
      double ex = CLAMP(x, box.x, box.x + box.w);
      double ey = CLAMP(y, box.y, box.y + box.h);
      double len = hypot(ex - x, ey - y);
      if (len < r + 1)
        continue;
      double ax = x + (ex - x) / len * r, ay = y + (ey - y) / len * r;
      if (!leader_is_free(placer, ax, ay, ex, ey))
        continue;
      accept(placer, box);
      double line[4] = { ax, ay, ex, ey };
      g_array_append_vals(placer->leaders, line, 4);
      result.placement = CITYNET_FIGURE_LABEL_LEADER;
      result.x = box.x;
      result.y = box.y;
      result.anchor_x = ax;
      result.anchor_y = ay;
      result.end_x = ex;
      result.end_y = ey;
      return result;
    }
  }
  return result;
}
