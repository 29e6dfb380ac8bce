/* libcitynet - composition of a focus node's ties by layer, country, group. */
#ifndef CITYNET_COMPOSITION_H
#define CITYNET_COMPOSITION_H

#if !defined(CITYNET_INSIDE) && !defined(CITYNET_COMPILATION)
#error "Only <citynet/citynet.h> can be included directly."
#endif

#include <citynet/common.h>
#include <citynet/view.h>

G_BEGIN_DECLS

/**
 * CitynetDimension:
 * What a composition row groups a focus node's ties by.
 * @CITYNET_DIMENSION_LAYER: the tie's layer.
 * @CITYNET_DIMENSION_COUNTRY: the partner's country (ISO3); partners
 *   without a country (most organisations) fall under "".
 * @CITYNET_DIMENSION_GROUP: each group the partner's country belongs to on
 *   the tie's reference date (citynet_view_tie_reference_date()). Groups
 *   overlap, so their shares need not sum to 1; partners in no group fall
 *   under "".
 */
typedef enum {
  CITYNET_DIMENSION_LAYER,
  CITYNET_DIMENSION_COUNTRY,
  CITYNET_DIMENSION_GROUP
} CitynetDimension;

/**
 * CitynetComposition:
 * An opaque, immutable table describing a focus node's ties in a view.
 *
 * Each row counts the view's ties incident to the focus node (either
 * direction; the partner is the other end) that fall in one category of one
 * dimension, either over all layers (row layer NULL) or within one layer.
 * Shares divide by the totals of the same scope (all layers, or that layer).
 *
 * Rows are ordered: dimension (layer, country, group), then scope (all
 * layers first, then layers by name), then decreasing tie count, then key.
 */
typedef struct _CitynetComposition CitynetComposition;

/**
 * citynet_composition_new:
 * @view: the view (a reference is taken).
 * @focus: network index of the focus node; it must be in the view.
 *
 * Complexity: O(m + k·g log g) for m view ties, k focus ties, g groups.
 *
 * Returns: (transfer full): the composition, or NULL with
 * CITYNET_ERROR_NOT_FOUND when @focus is not in the view.
 */
CITYNET_API CitynetComposition *citynet_composition_new(CitynetView *view,
                                                        gsize focus,
                                                        GError **error);
/** citynet_composition_free: frees it; NULL is ignored. */
CITYNET_API void citynet_composition_free(CitynetComposition *composition);

/** citynet_composition_focus: Returns: the focus node's network index. */
CITYNET_API gsize citynet_composition_focus(const CitynetComposition *composition);
/** citynet_composition_total_ties: Returns: the focus node's tie count. */
CITYNET_API gsize citynet_composition_total_ties(const CitynetComposition *composition);
/** citynet_composition_total_weight: Returns: their summed weight. */
CITYNET_API double citynet_composition_total_weight(const CitynetComposition *composition);
/** citynet_composition_total_partners: Returns: distinct partners. */
CITYNET_API gsize citynet_composition_total_partners(const CitynetComposition *composition);

/** citynet_composition_n_rows: Returns: the number of rows. */
CITYNET_API gsize citynet_composition_n_rows(const CitynetComposition *composition);

/**
 * citynet_composition_row:
 * @row: 0 <= @row < citynet_composition_n_rows().
 * @dimension: (out) (optional): the row's dimension.
 * @layer: (out) (optional) (transfer none) (nullable): the layer scope, or
 *   NULL for all layers (always NULL for CITYNET_DIMENSION_LAYER rows).
 * @key: (out) (optional) (transfer none): the category: a layer, an ISO3
 *   code or a group name; "" for "none".
 * @ties: (out) (optional): number of ties in the category.
 * @partners: (out) (optional): number of distinct partners.
 * @weight: (out) (optional): summed tie weight.
 * @tie_share: (out) (optional): @ties / ties in scope.
 * @weight_share: (out) (optional): @weight / weight in scope.
 */
CITYNET_API void citynet_composition_row(const CitynetComposition *composition,
                                         gsize row,
                                         CitynetDimension *dimension,
                                         const char **layer,
                                         const char **key, gsize *ties,
                                         gsize *partners, double *weight,
                                         double *tie_share,
                                         double *weight_share);

/**
 * citynet_dimension_to_string:
 * Returns: (transfer none): "layer", "country" or "group".
 */
CITYNET_API const char *citynet_dimension_to_string(CitynetDimension dimension);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(CitynetComposition, citynet_composition_free)

G_END_DECLS

#endif /* CITYNET_COMPOSITION_H */
