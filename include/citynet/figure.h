/* libcitynet - figures for papers: a focus node's ego network, its partner
 * groups against a baseline, its ties over time, and a map of its ties.
 *
 * Figures are drawn with cairo (text shaped with Pango) into SVG, PDF or
 * PNG, in a journal style: white background, thin axes, a sans-serif face
 * at 8-9 pt, a colour-blind-safe palette (Okabe and Ito 2008). Layouts of
 * networks come from igraph (Fruchterman-Reingold, seeded). What each kind
 * shows, and how, is written out in docs/figures.md.
 *
 * A rendered figure also reports what it drew: every text item (title,
 * node labels, legend, axes) with its role and box, which node labels had
 * to be moved onto a leader line or left out, and how many glyphs were
 * drawn. Vector formats hold text as glyph outlines, not as characters, so
 * these lists are how a program (or a test) learns what a figure says; an
 * SVG also carries them as an accessible <title> and <desc>.
 */
#ifndef CITYNET_FIGURE_H
#define CITYNET_FIGURE_H

#if !defined(CITYNET_INSIDE) && !defined(CITYNET_COMPILATION)
#error "Only <citynet/citynet.h> can be included directly."
#endif

#include <citynet/common.h>
#include <citynet/view.h>

G_BEGIN_DECLS

/**
 * CitynetFigureKind:
 * @CITYNET_FIGURE_EGO: the focus node and its alters (the nodes it has a
 *   tie with in the view) with the ties among them, laid out by
 *   Fruchterman-Reingold with the focus pinned at the centre; alters
 *   coloured by country group, sized by their tie weight to the focus;
 *   ties to the focus styled by layer.
 * @CITYNET_FIGURE_COMPOSITION: horizontal bars of the share of the focus
 *   node's ties whose partner is in each group, next to the same shares
 *   for the baseline (citynet_figure_options_set_baseline()), with the
 *   interval of citynet_figure_options_set_interval() when given.
 * @CITYNET_FIGURE_TIMELINE: the focus node's ties by the year they start,
 *   stacked by layer.
 * @CITYNET_FIGURE_MAP: an equirectangular map of the focus node and the
 *   alters that have coordinates, ties drawn as great-circle arcs, on a
 *   light latitude/longitude grid (no coastlines).
 */
typedef enum {
  CITYNET_FIGURE_EGO,
  CITYNET_FIGURE_COMPOSITION,
  CITYNET_FIGURE_TIMELINE,
  CITYNET_FIGURE_MAP
} CitynetFigureKind;

/**
 * citynet_figure_kind_name:
 * Returns: (transfer none): "ego", "composition", "timeline" or "map"; NULL
 * for an invalid value.
 */
CITYNET_API const char *citynet_figure_kind_name(CitynetFigureKind kind);

/**
 * citynet_figure_kind_from_string:
 * Parses a name of citynet_figure_kind_name() (ASCII case-insensitive).
 * Returns: TRUE, or FALSE with CITYNET_ERROR_INVALID_ARGUMENT.
 */
CITYNET_API gboolean citynet_figure_kind_from_string(const char *text,
                                                     CitynetFigureKind *out,
                                                     GError **error);

/**
 * CitynetFigureFormat:
 * @CITYNET_FIGURE_FORMAT_AUTO: chosen from the file name's extension
 *   (".svg", ".pdf", ".png", case-insensitive).
 * @CITYNET_FIGURE_FORMAT_SVG: SVG 1.1.
 * @CITYNET_FIGURE_FORMAT_PDF: PDF (fonts embedded as subsets).
 * @CITYNET_FIGURE_FORMAT_PNG: an RGB PNG at the options' resolution.
 */
typedef enum {
  CITYNET_FIGURE_FORMAT_AUTO,
  CITYNET_FIGURE_FORMAT_SVG,
  CITYNET_FIGURE_FORMAT_PDF,
  CITYNET_FIGURE_FORMAT_PNG
} CitynetFigureFormat;

/**
 * citynet_figure_format_name:
 * Returns: (transfer none): "auto", "svg", "pdf" or "png"; NULL for an
 * invalid value.
 */
CITYNET_API const char *citynet_figure_format_name(CitynetFigureFormat format);

/**
 * CitynetFigureOptions:
 * An opaque description of how to draw a figure. The defaults: the kind's
 * own size (docs/figures.md), 8 pt text, 300 dpi for PNG, seed 1, an
 * automatic title, the groups chosen as described at
 * citynet_figure_options_set_groups(), no baseline and no interval.
 */
typedef struct _CitynetFigureOptions CitynetFigureOptions;

/** citynet_figure_options_new: Returns: (transfer full): default options;
 * free with citynet_figure_options_free(). */
CITYNET_API CitynetFigureOptions *citynet_figure_options_new(void);
/** citynet_figure_options_copy: Returns: (transfer full): a copy (baseline
 * views are shared, by reference). */
CITYNET_API CitynetFigureOptions *citynet_figure_options_copy(const CitynetFigureOptions *options);
/** citynet_figure_options_free: frees @options; NULL is ignored. */
CITYNET_API void citynet_figure_options_free(CitynetFigureOptions *options);

/**
 * citynet_figure_options_set_groups:
 * @groups: (nullable) (array zero-terminated=1): country groups, e.g.
 *   {"EU", "NATO", "OTS", "OIC", NULL} (copied); NULL restores the default.
 *   The same groups, minus "other", are the rows of the composition bars.
 *
 * The categories nodes are coloured by (ego, map) and that the composition
 * bars count. Groups overlap (a country may be in the EU and NATO), so a
 * node gets the colour of the first group in this order that its country
 * belongs to on the date of its first tie with the focus in the view
 * (citynet_view_tie_reference_date()); a node whose country is in none of
 * them is "other", a node without a country (most organisations) "no
 * country". At most 7 groups (the palette's colours). By default:
 * citynet_figure_default_groups(). A group the network does not know
 * makes rendering fail with CITYNET_ERROR_NOT_FOUND.
 */
CITYNET_API void citynet_figure_options_set_groups(CitynetFigureOptions *options,
                                                   const char *const *groups);

/**
 * citynet_figure_options_set_size:
 * @width: the figure's width in points (1/72 in), 0 for the kind's
 *   default; at most 2000.
 * @height: its height in points, 0 for the kind's default.
 * Returns: TRUE, or FALSE with CITYNET_ERROR_INVALID_ARGUMENT for sizes
 * that are negative, not finite, below 100 or above 2000 points.
 */
CITYNET_API gboolean citynet_figure_options_set_size(CitynetFigureOptions *options,
                                                     double width,
                                                     double height,
                                                     GError **error);

/**
 * citynet_figure_options_set_font_size:
 * @points: the base text size, 5 to 14 (default 8); titles are 1 pt
 *   larger, notes 1 pt smaller.
 * Returns: TRUE, or FALSE with CITYNET_ERROR_INVALID_ARGUMENT.
 */
CITYNET_API gboolean citynet_figure_options_set_font_size(CitynetFigureOptions *options,
                                                          double points,
                                                          GError **error);

/**
 * citynet_figure_options_set_dpi:
 * @dpi: pixels per inch of PNG output, 36 to 1200 (default 300).
 * Returns: TRUE, or FALSE with CITYNET_ERROR_INVALID_ARGUMENT.
 */
CITYNET_API gboolean citynet_figure_options_set_dpi(CitynetFigureOptions *options,
                                                    double dpi, GError **error);

/**
 * citynet_figure_options_set_seed:
 * The seed of the ego layout's random start: the same seed, view and
 * options draw the same figure. Default 1.
 */
CITYNET_API void citynet_figure_options_set_seed(CitynetFigureOptions *options,
                                                 guint64 seed);

/**
 * citynet_figure_options_set_title:
 * @title: (nullable): the title drawn at the top (copied); NULL for the
 *   automatic one (focus name, what is shown, the view's period); "" for
 *   no title.
 */
CITYNET_API void citynet_figure_options_set_title(CitynetFigureOptions *options,
                                                  const char *title);

/**
 * citynet_figure_options_set_baseline:
 * @view: (nullable): the view the baseline's ties are counted in (a
 *   reference is taken); NULL removes the baseline.
 * @node: the baseline node's network index in @view's network; it must be
 *   in @view.
 * @label: (nullable): its legend text (copied), e.g. "İstanbul before
 *   2019-06-23"; NULL uses the node's name and the view's period.
 *
 * The reference the composition figure compares the focus with: another
 * node in the same period ("the national government's ties") or the focus
 * itself in another period (another view, same node).
 */
CITYNET_API void citynet_figure_options_set_baseline(CitynetFigureOptions *options,
                                                     CitynetView *view,
                                                     gsize node,
                                                     const char *label);

/**
 * citynet_figure_options_set_interval:
 * @groups: (array length=n): the groups the intervals are for (copied);
 *   "" is the "none of these" row.
 * @low: (array length=n): lower bounds of the focus share of each group.
 * @high: (array length=n): upper bounds.
 * @n: the number of groups; 0 removes the intervals.
 * @label: (nullable): what the interval is, for the legend (copied), e.g.
 *   "95% permutation interval under the baseline".
 *
 * Intervals the composition figure draws as whiskers on the focus bars:
 * typically the range the focus share would fall in if the focus drew its
 * partners like the baseline (from the alignment module's permutation
 * test). Groups not listed get no whisker. NaN bounds are skipped.
 */
CITYNET_API void citynet_figure_options_set_interval(CitynetFigureOptions *options,
                                                     const char *const *groups,
                                                     const double *low,
                                                     const double *high,
                                                     gsize n,
                                                     const char *label);

/**
 * citynet_figure_default_groups:
 * @view: a view.
 * @focus: the focus node's network index; it must be in @view.
 *
 * The groups a figure uses when none are set: greedily, the group that
 * holds the most of the focus node's partners not yet covered by the
 * groups chosen before (ties broken by the partners it holds in all, then
 * by name), up to four. Since a node takes the colour of the first group
 * it is in, this makes the colours split the partners (e.g. Europe, then
 * Middle-East, then Asia) rather than repeat the largest bloc. Complexity:
 * O(k g) for k partners and g groups.
 *
 * Returns: (transfer full): the groups, NULL-terminated (g_strfreev()),
 * possibly empty; NULL with CITYNET_ERROR_NOT_FOUND when @focus is not in
 * @view.
 */
CITYNET_API char **citynet_figure_default_groups(CitynetView *view, gsize focus,
                                                 GError **error);

/**
 * CitynetFigure:
 * An opaque, immutable record of a rendered figure: its bytes and what it
 * shows.
 */
typedef struct _CitynetFigure CitynetFigure;

/**
 * citynet_figure_render:
 * @view: the view to draw (a reference is taken while drawing only).
 * @focus: the focus node's network index; it must be in @view.
 * @options: (nullable): NULL for the defaults.
 * @format: the output format; CITYNET_FIGURE_FORMAT_AUTO needs @path.
 * @path: (nullable): the file to write (atomically: complete or
 *   untouched), or NULL to keep the bytes in the result only.
 *
 * Draws the figure. A view in which the focus has no ties draws an empty
 * figure that says so; the composition figure needs at least one tie.
 * Complexity: the ego layout is O(iterations x (n^2 + m)) for n alters and
 * m ties among them (500 iterations), label placement O(n^2); the other
 * kinds are linear in the focus node's ties.
 *
 * Returns: (transfer full): the figure, free with citynet_figure_free();
 * or NULL with CITYNET_ERROR_NOT_FOUND (focus not in the view, unknown
 * group), CITYNET_ERROR_INVALID_ARGUMENT (no format, unknown extension, a
 * composition figure without baseline or ties, more than 7 groups),
 * CITYNET_ERROR_COMPUTATION (layout or drawing failed) or
 * CITYNET_ERROR_IO (the file could not be written).
 */
CITYNET_API CitynetFigure *citynet_figure_render(CitynetView *view,
                                                 gsize focus,
                                                 CitynetFigureKind kind,
                                                 const CitynetFigureOptions *options,
                                                 CitynetFigureFormat format,
                                                 const char *path,
                                                 GError **error);

/** citynet_figure_free: frees @figure; NULL is ignored. */
CITYNET_API void citynet_figure_free(CitynetFigure *figure);

/** citynet_figure_get_kind: Returns: the kind drawn. */
CITYNET_API CitynetFigureKind citynet_figure_get_kind(const CitynetFigure *figure);
/** citynet_figure_get_format: Returns: the format written (never AUTO). */
CITYNET_API CitynetFigureFormat citynet_figure_get_format(const CitynetFigure *figure);

/**
 * citynet_figure_get_size:
 * @width: (out) (optional), @height: (out) (optional): the size in points.
 */
CITYNET_API void citynet_figure_get_size(const CitynetFigure *figure,
                                         double *width, double *height);

/**
 * citynet_figure_get_data:
 * @length: (out): the number of bytes.
 * Returns: (transfer none) (array length=length): the encoded file (SVG,
 * PDF or PNG bytes), borrowed from @figure.
 */
CITYNET_API const guint8 *citynet_figure_get_data(const CitynetFigure *figure,
                                                  gsize *length);

/**
 * citynet_figure_get_title:
 * Returns: (transfer none): the title drawn ("" when none).
 */
CITYNET_API const char *citynet_figure_get_title(const CitynetFigure *figure);

/**
 * citynet_figure_get_caption:
 * Returns: (transfer none): a caption for a paper, in plain UTF-8: what
 * colours, sizes and line styles mean, the view, the layout seed, and how
 * many labels were left out. Not drawn in the figure.
 */
CITYNET_API const char *citynet_figure_get_caption(const CitynetFigure *figure);

/**
 * CitynetFigureTextRole:
 * @CITYNET_FIGURE_TEXT_TITLE: the title.
 * @CITYNET_FIGURE_TEXT_LABEL: a node's label.
 * @CITYNET_FIGURE_TEXT_LEGEND: a legend entry or heading.
 * @CITYNET_FIGURE_TEXT_AXIS: an axis title or tick label, a category name.
 * @CITYNET_FIGURE_TEXT_NOTE: a note in the plot (e.g. "3 labels omitted").
 */
typedef enum {
  CITYNET_FIGURE_TEXT_TITLE,
  CITYNET_FIGURE_TEXT_LABEL,
  CITYNET_FIGURE_TEXT_LEGEND,
  CITYNET_FIGURE_TEXT_AXIS,
  CITYNET_FIGURE_TEXT_NOTE
} CitynetFigureTextRole;

/** citynet_figure_n_texts: Returns: the number of text items drawn. */
CITYNET_API gsize citynet_figure_n_texts(const CitynetFigure *figure);

/**
 * citynet_figure_text:
 * @i: 0 <= @i < citynet_figure_n_texts(), in drawing order.
 * @role: (out) (optional): what the text is.
 * @x: (out) (optional), @y: (out) (optional), @width: (out) (optional),
 *   @height: (out) (optional): its ink box in points from the top left.
 * Returns: (transfer none): the text (UTF-8), borrowed from @figure.
 */
CITYNET_API const char *citynet_figure_text(const CitynetFigure *figure,
                                            gsize i,
                                            CitynetFigureTextRole *role,
                                            double *x, double *y,
                                            double *width, double *height);

/**
 * CitynetFigureLabelPlacement:
 * @CITYNET_FIGURE_LABEL_BESIDE: drawn next to its node.
 * @CITYNET_FIGURE_LABEL_LEADER: drawn farther out, joined to its node by
 *   a thin leader line.
 * @CITYNET_FIGURE_LABEL_OMITTED: left out: no free place was found; the
 *   figure notes how many.
 */
typedef enum {
  CITYNET_FIGURE_LABEL_BESIDE,
  CITYNET_FIGURE_LABEL_LEADER,
  CITYNET_FIGURE_LABEL_OMITTED
} CitynetFigureLabelPlacement;

/** citynet_figure_n_labels: Returns: the number of labelled nodes (ego and
 * map figures; 0 for the others). */
CITYNET_API gsize citynet_figure_n_labels(const CitynetFigure *figure);

/**
 * citynet_figure_label:
 * @i: 0 <= @i < citynet_figure_n_labels(): the focus first, then the
 *   alters by decreasing tie weight (the order labels were placed in).
 * @node: (out) (optional): the node's network index.
 * @placement: (out) (optional): where the label went.
 * Returns: (transfer none): the label text (the node's name).
 */
CITYNET_API const char *citynet_figure_label(const CitynetFigure *figure,
                                             gsize i, gsize *node,
                                             CitynetFigureLabelPlacement *placement);

/** citynet_figure_n_omitted_labels: Returns: how many node labels were
 * left out. */
CITYNET_API gsize citynet_figure_n_omitted_labels(const CitynetFigure *figure);

/**
 * citynet_figure_n_glyphs:
 * Returns: the number of glyphs drawn for all text items (after shaping:
 * one per glyph, spaces included). In SVG output each is one <use> of a
 * glyph symbol.
 */
CITYNET_API gsize citynet_figure_n_glyphs(const CitynetFigure *figure);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(CitynetFigure, citynet_figure_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(CitynetFigureOptions, citynet_figure_options_free)

G_END_DECLS

#endif /* CITYNET_FIGURE_H */
