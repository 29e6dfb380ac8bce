/* libcitynet - figure internals shared by figure-*.c (private).
 *
 * figure-core.c     options, the result object, surfaces and encodings
 * figure-draw.c     text (Pango), palette, legends, axes
 * figure-labels.c   greedy label placement with collision checks
 * figure-data.c     the focus node's ties, partners and their categories
 * figure-ego.c, figure-composition.c, figure-timeline.c, figure-map.c
 *                   one kind each
 *
 * Coordinates are in points (1/72 in) from the top left of the figure;
 * PNG output scales the cairo context, so every kind draws once in points
 * whatever the format. Cairo and Pango types never leave these files.
 */
#ifndef CITYNET_FIGURE_PRIVATE_H
#define CITYNET_FIGURE_PRIVATE_H

#include <cairo.h>
#include <pango/pangocairo.h>

#include "citynet-private.h"

G_BEGIN_DECLS

/* The palette's size: Okabe and Ito's eight colours less black, which is
 * kept for text and the focus node (figure-draw.c lists them). */
#define FIG_MAX_GROUPS 7

struct _CitynetFigureOptions {
  char **groups;            /* NULL = automatic */
  double width, height;     /* 0 = the kind's default */
  double font_size;
  double dpi;
  guint64 seed;
  char *title;              /* NULL = automatic */
  CitynetView *baseline_view;
  gsize baseline_node;
  char *baseline_label;
  char **interval_groups;
  double *interval_low, *interval_high;
  gsize n_intervals;
  char *interval_label;
};

typedef struct {
  double x, y, w, h;
} FigBox;

typedef struct {
  CitynetFigureTextRole role;
  char *text;
  FigBox box;
} FigText;

typedef struct {
  gsize node;
  char *text;
  CitynetFigureLabelPlacement placement;
} FigLabel;

struct _CitynetFigure {
  CitynetFigureKind kind;
  CitynetFigureFormat format;
  double width, height;
  GBytes *data;
  char *title;
  char *caption;
  GArray *texts;            /* FigText */
  GArray *labels;           /* FigLabel */
  gsize n_omitted;
  gsize n_glyphs;
};

/* An RGB colour, components 0..1. */
typedef struct {
  double r, g, b;
} FigColor;

/* ------------------------------------------------------------------------ */
/* Drawing (figure-draw.c)                                                  */
/* ------------------------------------------------------------------------ */

typedef enum {
  FIG_ALIGN_START,   /* left (horizontal) or top (vertical) */
  FIG_ALIGN_CENTER,
  FIG_ALIGN_END,     /* right or bottom */
  FIG_ALIGN_BASELINE /* vertical only: @y is the first line's baseline */
} FigAlign;

/* What a kind draws on: the cairo context in points, the base font, and
 * the figure that records every text item drawn. When @measure_only is
 * set nothing reaches the surface but texts are still measured. */
typedef struct {
  cairo_t *cr;
  PangoFontDescription *font;
  double font_size;
  double width, height;
  CitynetFigure *figure;
} FigCanvas;

/* The size of @text at @size points (bold when @bold) in points: its
 * logical box (the advance width, ascent + descent). */
void fig_text_size(FigCanvas *canvas, const char *text, double size,
                   gboolean bold, double *width, double *height);
/* Draws @text with its box's horizontal alignment @halign and vertical
 * alignment @valign at (@x, @y), records it under @role and returns its
 * logical box. A white halo first when @halo (for labels over lines). */
FigBox fig_text(FigCanvas *canvas, CitynetFigureTextRole role,
                const char *text, double x, double y, FigAlign halign,
                FigAlign valign, double size, gboolean bold, FigColor color,
                gboolean halo);
/* Draws @text rotated by -90 degrees (reading upwards), centred on
 * (@x, @y): a vertical axis title. */
FigBox fig_text_vertical(FigCanvas *canvas, CitynetFigureTextRole role,
                         const char *text, double x, double y, double size);

/* Colours. */
extern const FigColor fig_black;
extern const FigColor fig_text_grey;  /* secondary text */
extern const FigColor fig_axis_grey;  /* axes and ticks */
extern const FigColor fig_light_grey; /* grids, context lines */
extern const FigColor fig_other_grey; /* the "other" category */
/* The @i-th colour of the Okabe-Ito palette without black (0 <= i < 7):
 * blue, orange, bluish green, reddish purple, sky blue, vermillion,
 * yellow. */
FigColor fig_palette(guint i);
void fig_set_color(cairo_t *cr, FigColor color);
void fig_set_color_alpha(cairo_t *cr, FigColor color, double alpha);

/* Line styles for layers: @i < FIG_N_DASHES, 0 = solid. */
#define FIG_N_DASHES 6
void fig_set_dash(cairo_t *cr, guint style, double line_width);

/* The figure's title, top left; returns the y below it (the top of the
 * plot area). Draws nothing and returns the top margin for "". */
double fig_draw_title(FigCanvas *canvas, const char *title);

/* "Nice" axis ticks: a step of 1, 2 or 5 x 10^k giving about @target
 * ticks between 0 and @max; returns the step and sets *@top to the first
 * tick at or above @max. */
double fig_nice_step(double max, guint target, double *top);

/* Formats a number for an axis tick or a bar label (ASCII, C locale):
 * integers without decimals, else @decimals digits. */
char *fig_format_number(double value, int decimals);
/* "42%" / "4.5%": a share as a percentage for bar labels. */
char *fig_format_percent(double share);

/* The period of @view as it appears in titles: "2019-06-23 to
 * 2024-03-31", "from 2019-06-23", "to 2019-06-22" or "all dates". */
char *fig_period_text(const CitynetView *view);

/* Legend entries: a swatch drawer and its text. */
typedef enum {
  FIG_SWATCH_DISC,   /* a filled disc of @color, outlined */
  FIG_SWATCH_RING,   /* an open disc (nodes without a country) */
  FIG_SWATCH_BOX,    /* a filled square (bars) */
  FIG_SWATCH_LINE,   /* a line in dash style @style */
  FIG_SWATCH_SIZE,   /* a grey disc of radius @radius */
  FIG_SWATCH_WHISKER /* an interval whisker */
} FigSwatch;

typedef struct {
  FigSwatch swatch;
  FigColor color;
  guint style;
  double line_width;
  double radius;
  char *text;
} FigLegendEntry;

/* A legend: a heading and entries, drawn top-down at (@x, @y) within
 * @width; returns the y below it. */
double fig_draw_legend(FigCanvas *canvas, double x, double y, double width,
                       const char *heading, const FigLegendEntry *entries,
                       gsize n);
/* The height fig_draw_legend() would take. */
double fig_legend_height(FigCanvas *canvas, const FigLegendEntry *entries,
                         gsize n, gboolean heading);
/* The widest entry text plus its swatch: the width a legend needs. */
double fig_legend_width(FigCanvas *canvas, const char *heading,
                        const FigLegendEntry *entries, gsize n);
void fig_legend_entries_clear(GArray *entries);

/* Standard margins in points. */
#define FIG_MARGIN 10.0

/* ------------------------------------------------------------------------ */
/* Label placement (figure-labels.c)                                        */
/* ------------------------------------------------------------------------ */

typedef struct _FigPlacer FigPlacer;

/* A placer over the area @bounds: labels must fit inside it. */
FigPlacer *fig_placer_new(FigBox bounds);
void fig_placer_free(FigPlacer *placer);
/* Something labels must not cover: a node disc (as its square box), the
 * legend, the title. */
void fig_placer_add_obstacle(FigPlacer *placer, FigBox box);
void fig_placer_add_disc(FigPlacer *placer, double x, double y, double r);

typedef struct {
  CitynetFigureLabelPlacement placement;
  double x, y;       /* the label's top left when placed */
  double anchor_x, anchor_y; /* where a leader line leaves the node */
  double end_x, end_y;       /* where it meets the label */
} FigPlacement;

/* Finds a place for a @w x @h label of the disc at (@x, @y), radius @r:
 * first beside it (eight positions, starting on the side facing away from
 * (@cx, @cy), the centre of the drawing), then farther out along that
 * direction with a leader line that crosses no placed label; the chosen
 * box becomes an obstacle. */
FigPlacement fig_placer_place(FigPlacer *placer, double x, double y,
                              double r, double cx, double cy, double w,
                              double h);

gboolean fig_box_overlap(FigBox a, FigBox b, double pad);

/* ------------------------------------------------------------------------ */
/* The focus node's ties (figure-data.c)                                    */
/* ------------------------------------------------------------------------ */

/* A category of partner: a group of the figure's list, "other" (has a
 * country, in none of the groups) or "no country". */
#define FIG_CATEGORY_OTHER(n_groups) (n_groups)
#define FIG_CATEGORY_NONE(n_groups) ((n_groups) + 1)

typedef struct {
  gsize node;             /* network index */
  double weight;          /* summed weight of its ties with the focus */
  gsize n_ties;
  CitynetDate first_day;  /* reference date of its first tie with the focus */
  guint category;         /* index into the group list, or OTHER / NONE */
  guint32 layer_mask;     /* bit i: has a tie in FigEgo.layers[i] (i < 31) */
  gboolean other_layers;  /* has ties in layers beyond the styled ones */
} FigAlter;

typedef struct {
  CitynetView *view;      /* borrowed */
  const CitynetNetwork *network;
  gsize focus;
  char **groups;          /* the groups in use (owned) */
  guint n_groups;
  GArray *alters;         /* FigAlter, by decreasing weight then node */
  GHashTable *alter_index;/* node -> index + 1 */
  char **layers;          /* the styled layers, most ties first (owned) */
  guint n_layers;         /* <= FIG_N_DASHES */
  gsize n_focus_ties;
  gsize category_counts[FIG_MAX_GROUPS + 2]; /* alters per category */
} FigEgo;

/* Collects the focus node's ties in @view, its alters, their categories
 * under @groups (NULL: the automatic choice) and the styled layers.
 * Returns FALSE with CITYNET_ERROR_NOT_FOUND for an unknown group or a
 * focus outside the view, _INVALID_ARGUMENT for too many groups. */
gboolean fig_ego_init(FigEgo *ego, CitynetView *view, gsize focus,
                      const char *const *groups, GError **error);
void fig_ego_clear(FigEgo *ego);
/* The category of @node's country on @day under the groups of @ego. */
guint fig_ego_category(const FigEgo *ego, gsize node, CitynetDate day);
/* The colour and legend text of a category. */
FigColor fig_category_color(guint category, guint n_groups);
const char *fig_category_name(const FigEgo *ego, guint category);
/* The index of @layer among the styled layers, or -1. */
gint fig_ego_layer_style(const FigEgo *ego, const char *layer);

/* The display name of a node: its name, or its id. */
const char *fig_node_name(const CitynetNetwork *network, gsize node);

/* Samples the great circle from (@lat1, @lon1) to (@lat2, @lon2), in
 * degrees, at @n + 1 points by spherical linear interpolation of the unit
 * vectors into @lat and @lon (longitudes in [-180, 180]: a path crossing
 * the antimeridian jumps by about 360 there). FALSE for one place or for
 * antipodes, which no unique great circle joins (figure-map.c). */
gboolean fig_great_circle(double lat1, double lon1, double lat2, double lon2,
                          guint n, double *lat, double *lon);

/* ------------------------------------------------------------------------ */
/* The kinds                                                                */
/* ------------------------------------------------------------------------ */

/* What a kind prepares before drawing (may fail) and then draws on any
 * canvas; prepared once, drawn once per output. */
typedef struct {
  gpointer (*prepare)(CitynetView *view, gsize focus,
                      const CitynetFigureOptions *options, GError **error);
  void (*draw)(gpointer data, FigCanvas *canvas,
               const CitynetFigureOptions *options);
  char *(*caption)(gpointer data, const CitynetFigure *figure);
  void (*free)(gpointer data);
  double default_width, default_height;
  /* Optional: a default height fitted to the content, for a given width
   * (number of bars, the map's aspect). */
  double (*fit_height)(gpointer data, double width, double font_size);
} FigKindClass;

extern const FigKindClass fig_kind_ego;
extern const FigKindClass fig_kind_composition;
extern const FigKindClass fig_kind_timeline;
extern const FigKindClass fig_kind_map;

/* Records a node label's fate in the figure (figure-core.c). */
void fig_figure_add_label(CitynetFigure *figure, gsize node, const char *text,
                          CitynetFigureLabelPlacement placement);
/* The title to draw: the options' title, or @automatic. */
const char *fig_title(const CitynetFigureOptions *options,
                      const char *automatic);

G_END_DECLS

#endif /* CITYNET_FIGURE_PRIVATE_H */
