/* libcitynet - the network model: nodes, ties, countries and their groups. */
#ifndef CITYNET_NETWORK_H
#define CITYNET_NETWORK_H

#if !defined(CITYNET_INSIDE) && !defined(CITYNET_COMPILATION)
#error "Only <citynet/citynet.h> can be included directly."
#endif

#include <citynet/common.h>

G_BEGIN_DECLS

/**
 * CitynetNetwork:
 *
 * An opaque, reference-counted network of nodes (cities, organisations,
 * national governments, ...), typed dated weighted ties between them, and
 * the countries the nodes belong to with their dated group memberships
 * (EU, NATO, ...).
 *
 * Nodes, ties and countries are addressed by dense 0-based indices in the
 * order they were added (for a loaded bundle: file order). Indices never
 * change: nothing is ever removed from a network.
 *
 * Thread safety: a network that is no longer being built may be read from
 * several threads at once. Building (the add/set functions) needs exclusive
 * access.
 */
typedef struct _CitynetNetwork CitynetNetwork;

/** CITYNET_KIND_CITY: the node kind of a city or municipality. */
#define CITYNET_KIND_CITY "city"
/** CITYNET_KIND_ORGANISATION: the node kind of an organisation or network. */
#define CITYNET_KIND_ORGANISATION "organisation"
/** CITYNET_KIND_GOVERNMENT: the node kind of a national government acting
 * as an actor (e.g. the Turkish government's state visits). */
#define CITYNET_KIND_GOVERNMENT "government"

/**
 * citynet_network_new:
 * Returns: (transfer full): a new empty network, knowing the three built-in
 * node kinds. Release with citynet_network_unref().
 */
CITYNET_API CitynetNetwork *citynet_network_new(void);

/**
 * citynet_network_ref:
 * Returns: (transfer full): @network, with one more reference.
 */
CITYNET_API CitynetNetwork *citynet_network_ref(CitynetNetwork *network);

/**
 * citynet_network_unref:
 * Drops one reference; frees the network and every string it handed out
 * when the last one goes. NULL is ignored.
 */
CITYNET_API void citynet_network_unref(CitynetNetwork *network);

/* ------------------------------------------------------------------------ */
/* Building                                                                 */
/* ------------------------------------------------------------------------ */

/**
 * citynet_network_register_kind:
 * @kind: a new node kind, e.g. "region" (non-empty UTF-8, no control chars).
 *
 * Makes @kind acceptable to citynet_network_add_node(). Registering a known
 * kind again is not an error.
 *
 * Returns: TRUE on success; CITYNET_ERROR_INVALID_ARGUMENT for a bad name.
 */
CITYNET_API gboolean citynet_network_register_kind(CitynetNetwork *network,
                                                   const char *kind,
                                                   GError **error);

/**
 * citynet_network_add_node:
 * @id: unique, non-empty identifier (UTF-8, no control characters).
 * @kind: a registered kind ("city", "organisation", "government", ...).
 * @name: display name (UTF-8); NULL or "" uses @id.
 * @country: ISO 3166-1 alpha-3 code (three ASCII capitals), or NULL/"" for
 *   none. Cities and governments need one; organisations may have none.
 *
 * All strings are copied. Complexity: O(1) expected.
 *
 * Returns: the new node's index, or -1 with CITYNET_ERROR_INVALID_ARGUMENT
 * (duplicate id, unknown kind, bad country code, invalid UTF-8).
 */
CITYNET_API gssize citynet_network_add_node(CitynetNetwork *network,
                                            const char *id, const char *kind,
                                            const char *name,
                                            const char *country,
                                            GError **error);

/**
 * citynet_network_set_node_location:
 * Sets a node's WGS84 coordinates: @latitude in [-90, 90], @longitude in
 * [-180, 180].
 * Returns: TRUE, or FALSE with CITYNET_ERROR_INVALID_ARGUMENT.
 */
CITYNET_API gboolean citynet_network_set_node_location(CitynetNetwork *network,
                                                       gsize node,
                                                       double latitude,
                                                       double longitude,
                                                       GError **error);

/**
 * citynet_network_set_node_population:
 * Sets a node's population (finite, >= 0).
 * Returns: TRUE, or FALSE with CITYNET_ERROR_INVALID_ARGUMENT.
 */
CITYNET_API gboolean citynet_network_set_node_population(CitynetNetwork *network,
                                                         gsize node,
                                                         double population,
                                                         GError **error);

/**
 * citynet_network_set_node_attribute:
 * @key: attribute name, not one of the built-in columns.
 * @value: (nullable): UTF-8 value (copied); NULL removes it.
 * Returns: TRUE, or FALSE with CITYNET_ERROR_INVALID_ARGUMENT.
 */
CITYNET_API gboolean citynet_network_set_node_attribute(CitynetNetwork *network,
                                                        gsize node,
                                                        const char *key,
                                                        const char *value,
                                                        GError **error);

/**
 * citynet_network_add_tie:
 * @source: id of an existing node.
 * @target: id of an existing node, different from @source.
 * @layer: the tie type, e.g. "sister", "member", "aid", "visit" (non-empty).
 * @weight: finite and > 0 (use 1 for "unweighted").
 * @directed: whether the tie goes from @source to @target only.
 * @start: (nullable): first date, "YYYY", "YYYY-MM" or "YYYY-MM-DD"; NULL
 *   or "" = open (active since ever).
 * @end: (nullable): last date, same forms; NULL or "" = open (still
 *   active). Must not be before @start.
 * @ref: (nullable): provenance (a citation); copied.
 *
 * Several ties between one pair, even in one layer, are allowed.
 *
 * Returns: the new tie's index, or -1 with CITYNET_ERROR_NOT_FOUND (unknown
 * node id) or CITYNET_ERROR_INVALID_ARGUMENT (bad weight, date, self-tie).
 */
CITYNET_API gssize citynet_network_add_tie(CitynetNetwork *network,
                                           const char *source,
                                           const char *target,
                                           const char *layer, double weight,
                                           gboolean directed,
                                           const char *start, const char *end,
                                           const char *ref, GError **error);

/**
 * citynet_network_set_tie_attribute:
 * @key: attribute name, not one of the built-in columns.
 * @value: (nullable): UTF-8 value (copied); NULL removes it.
 * Returns: TRUE, or FALSE with CITYNET_ERROR_INVALID_ARGUMENT.
 */
CITYNET_API gboolean citynet_network_set_tie_attribute(CitynetNetwork *network,
                                                       gsize tie,
                                                       const char *key,
                                                       const char *value,
                                                       GError **error);

/**
 * citynet_network_add_country:
 * @iso3: three ASCII capitals (ISO 3166-1 alpha-3, or a user-assigned code
 *   such as XKX for Kosovo).
 * @name: (nullable): English name; NULL uses @iso3.
 *
 * Declares a country. Declaring one twice is an error.
 * Returns: the country's index, or -1 with CITYNET_ERROR_INVALID_ARGUMENT.
 */
CITYNET_API gssize citynet_network_add_country(CitynetNetwork *network,
                                               const char *iso3,
                                               const char *name,
                                               GError **error);

/**
 * citynet_network_set_country_attribute:
 * Sets a numeric country attribute, e.g. "un_agreement" = 0.73. NaN means
 * missing. The country must be declared.
 * Returns: TRUE, or FALSE with CITYNET_ERROR_NOT_FOUND / _INVALID_ARGUMENT.
 */
CITYNET_API gboolean citynet_network_set_country_attribute(CitynetNetwork *network,
                                                           const char *iso3,
                                                           const char *key,
                                                           double value,
                                                           GError **error);

/**
 * citynet_network_add_country_group:
 * @iso3: a declared country.
 * @group: group name, e.g. "EU", "NATO", "OTS".
 * @start: (nullable): accession date or NULL/"" for open.
 * @end: (nullable): exit date (inclusive) or NULL/"" for still a member.
 * @ref: (nullable): provenance.
 *
 * Records that @iso3 belonged to @group from @start to @end. A country may
 * have several spells in one group (left and rejoined).
 * Returns: TRUE, or FALSE with CITYNET_ERROR_NOT_FOUND / _INVALID_ARGUMENT.
 */
CITYNET_API gboolean citynet_network_add_country_group(CitynetNetwork *network,
                                                       const char *iso3,
                                                       const char *group,
                                                       const char *start,
                                                       const char *end,
                                                       const char *ref,
                                                       GError **error);

/* ------------------------------------------------------------------------ */
/* Nodes                                                                    */
/* ------------------------------------------------------------------------ */

/** citynet_network_n_nodes: Returns: the number of nodes. O(1). */
CITYNET_API gsize citynet_network_n_nodes(const CitynetNetwork *network);

/** citynet_network_node_id: Returns: (transfer none): the node's id. */
CITYNET_API const char *citynet_network_node_id(const CitynetNetwork *network,
                                                gsize node);
/** citynet_network_node_kind: Returns: (transfer none): the node's kind. */
CITYNET_API const char *citynet_network_node_kind(const CitynetNetwork *network,
                                                  gsize node);
/** citynet_network_node_name: Returns: (transfer none): the display name. */
CITYNET_API const char *citynet_network_node_name(const CitynetNetwork *network,
                                                  gsize node);
/**
 * citynet_network_node_country:
 * Returns: (transfer none) (nullable): the node's ISO3 country code, or NULL.
 */
CITYNET_API const char *citynet_network_node_country(const CitynetNetwork *network,
                                                     gsize node);
/**
 * citynet_network_node_location:
 * @latitude: (out) (optional), @longitude: (out) (optional).
 * Returns: TRUE and the coordinates when the node has them, else FALSE.
 */
CITYNET_API gboolean citynet_network_node_location(const CitynetNetwork *network,
                                                   gsize node, double *latitude,
                                                   double *longitude);
/**
 * citynet_network_node_population:
 * @population: (out) (optional).
 * Returns: TRUE when the node has a population, else FALSE.
 */
CITYNET_API gboolean citynet_network_node_population(const CitynetNetwork *network,
                                                     gsize node,
                                                     double *population);
/**
 * citynet_network_node_attribute:
 * Returns: (transfer none) (nullable): the value of extra attribute @key, or
 * NULL when the node has none.
 */
CITYNET_API const char *citynet_network_node_attribute(const CitynetNetwork *network,
                                                       gsize node,
                                                       const char *key);
/**
 * citynet_network_node_attribute_keys:
 * @n_keys: (out) (optional): the number of keys.
 * Returns: (transfer none) (array length=n_keys): the extra node attribute
 * names, in the order they were first set; NULL-terminated.
 */
CITYNET_API const char *const *citynet_network_node_attribute_keys(const CitynetNetwork *network,
                                                                   gsize *n_keys);

/**
 * citynet_network_node_index:
 * Returns: the index of the node whose id is exactly @id, or -1. O(1).
 */
CITYNET_API gssize citynet_network_node_index(const CitynetNetwork *network,
                                              const char *id);

/**
 * citynet_network_find_node:
 * @query: a node id or display name.
 *
 * Finds a node the way a person would name it: first an exact id, then an
 * exact display name, then a folded comparison of ids and names that
 * ignores case and diacritics and treats Turkish dotted and dotless I alike
 * ("Istanbul", "İstanbul", "ISTANBUL" and "istanbul" all match). The first
 * step that matches exactly one node wins.
 *
 * Returns: the node index, or -1 with CITYNET_ERROR_NOT_FOUND (the message
 * suggests the closest id) or CITYNET_ERROR_AMBIGUOUS (the message lists
 * every candidate id). Thread-safe.
 */
CITYNET_API gssize citynet_network_find_node(const CitynetNetwork *network,
                                             const char *query,
                                             GError **error);

/**
 * citynet_network_kinds:
 * @n_kinds: (out) (optional).
 * Returns: (transfer none): the registered node kinds, NULL-terminated.
 */
CITYNET_API const char *const *citynet_network_kinds(const CitynetNetwork *network,
                                                     gsize *n_kinds);

/* ------------------------------------------------------------------------ */
/* Ties                                                                     */
/* ------------------------------------------------------------------------ */

/** citynet_network_n_ties: Returns: the number of ties. O(1). */
CITYNET_API gsize citynet_network_n_ties(const CitynetNetwork *network);
/** citynet_network_tie_source: Returns: the index of the tie's source. */
CITYNET_API gsize citynet_network_tie_source(const CitynetNetwork *network,
                                             gsize tie);
/** citynet_network_tie_target: Returns: the index of the tie's target. */
CITYNET_API gsize citynet_network_tie_target(const CitynetNetwork *network,
                                             gsize tie);
/** citynet_network_tie_layer: Returns: (transfer none): the tie's layer. */
CITYNET_API const char *citynet_network_tie_layer(const CitynetNetwork *network,
                                                  gsize tie);
/** citynet_network_tie_weight: Returns: the tie's weight (> 0). */
CITYNET_API double citynet_network_tie_weight(const CitynetNetwork *network,
                                              gsize tie);
/** citynet_network_tie_directed: Returns: whether the tie is directed. */
CITYNET_API gboolean citynet_network_tie_directed(const CitynetNetwork *network,
                                                  gsize tie);
/** citynet_network_tie_start: Returns: the start date or CITYNET_DATE_OPEN. */
CITYNET_API CitynetDate citynet_network_tie_start(const CitynetNetwork *network,
                                                  gsize tie);
/** citynet_network_tie_end: Returns: the end date or CITYNET_DATE_OPEN. */
CITYNET_API CitynetDate citynet_network_tie_end(const CitynetNetwork *network,
                                                gsize tie);
/**
 * citynet_network_tie_ref:
 * Returns: (transfer none) (nullable): the tie's provenance, or NULL.
 */
CITYNET_API const char *citynet_network_tie_ref(const CitynetNetwork *network,
                                                gsize tie);
/**
 * citynet_network_tie_attribute:
 * Returns: (transfer none) (nullable): extra attribute @key of the tie.
 */
CITYNET_API const char *citynet_network_tie_attribute(const CitynetNetwork *network,
                                                      gsize tie,
                                                      const char *key);
/**
 * citynet_network_tie_attribute_keys:
 * Returns: (transfer none): the extra tie attribute names, NULL-terminated.
 */
CITYNET_API const char *const *citynet_network_tie_attribute_keys(const CitynetNetwork *network,
                                                                  gsize *n_keys);
/**
 * citynet_network_layers:
 * Returns: (transfer none): the distinct layers in first-use order,
 * NULL-terminated.
 */
CITYNET_API const char *const *citynet_network_layers(const CitynetNetwork *network,
                                                      gsize *n_layers);

/**
 * citynet_date_active:
 * The activity rule for a tie (or a group membership) with first date
 * @start and last date @end on @day: active when @start is open or its
 * first covered day is on or before @day, and @end is open or its last
 * covered day is on or after @day. A tie dated "2019" (start = end = 2019)
 * is thus active on every day of 2019.
 *
 * Returns: whether the interval [@start, @end] covers @day (a full date; a
 * partial one stands for its first day). An open @day means "now": covered
 * by intervals whose @end is open.
 */
CITYNET_API gboolean citynet_date_active(CitynetDate start, CitynetDate end,
                                         CitynetDate day);

/**
 * citynet_date_overlaps:
 * Whether [@start, @end] (as in citynet_date_active()) shares at least one
 * day with the window [@from, @to]; either window bound may be open.
 */
CITYNET_API gboolean citynet_date_overlaps(CitynetDate start, CitynetDate end,
                                           CitynetDate from, CitynetDate to);

/* ------------------------------------------------------------------------ */
/* Countries and groups                                                     */
/* ------------------------------------------------------------------------ */

/** citynet_network_n_countries: Returns: the number of declared countries. */
CITYNET_API gsize citynet_network_n_countries(const CitynetNetwork *network);
/** citynet_network_country_code: Returns: (transfer none): its ISO3 code. */
CITYNET_API const char *citynet_network_country_code(const CitynetNetwork *network,
                                                     gsize country);
/** citynet_network_country_name: Returns: (transfer none): its name. */
CITYNET_API const char *citynet_network_country_name(const CitynetNetwork *network,
                                                     gsize country);
/** citynet_network_country_index: Returns: the index of @iso3, or -1. */
CITYNET_API gssize citynet_network_country_index(const CitynetNetwork *network,
                                                 const char *iso3);
/**
 * citynet_network_country_attribute:
 * @value: (out) (optional).
 * Returns: TRUE and the value when country @country has attribute @key.
 */
CITYNET_API gboolean citynet_network_country_attribute(const CitynetNetwork *network,
                                                       gsize country,
                                                       const char *key,
                                                       double *value);
/**
 * citynet_network_country_attribute_keys:
 * Returns: (transfer none): the numeric country attribute names,
 * NULL-terminated.
 */
CITYNET_API const char *const *citynet_network_country_attribute_keys(const CitynetNetwork *network,
                                                                      gsize *n_keys);
/**
 * citynet_network_groups:
 * Returns: (transfer none): the distinct group names, NULL-terminated.
 */
CITYNET_API const char *const *citynet_network_groups(const CitynetNetwork *network,
                                                      gsize *n_groups);

/**
 * citynet_network_check_group:
 * @group: a group name (exact, case-sensitive).
 *
 * Whether @network has a group named @group in country_groups.csv. Where
 * an unknown group would silently mean "nobody" (alignment options,
 * figure colours), callers that take names from a user check them here
 * first, so a typo is reported rather than counted as zero. O(number of
 * groups).
 *
 * Returns: TRUE, or FALSE with CITYNET_ERROR_NOT_FOUND "unknown group
 * 'G' (the network has: A, B, ...)".
 */
CITYNET_API gboolean citynet_network_check_group(const CitynetNetwork *network,
                                                 const char *group, GError **error);

/** citynet_network_n_memberships: Returns: the number of group spells. */
CITYNET_API gsize citynet_network_n_memberships(const CitynetNetwork *network);

/**
 * citynet_network_membership:
 * @index: a spell, 0 <= @index < citynet_network_n_memberships().
 * @country: (out) (optional): the member's country index.
 * @group: (out) (optional) (transfer none): the group name.
 * @start: (out) (optional), @end: (out) (optional): the spell's dates.
 * @ref: (out) (optional) (transfer none) (nullable): its provenance.
 */
CITYNET_API void citynet_network_membership(const CitynetNetwork *network,
                                            gsize index, gsize *country,
                                            const char **group,
                                            CitynetDate *start,
                                            CitynetDate *end,
                                            const char **ref);

/**
 * citynet_network_country_in_group:
 * @iso3: a country code.
 * @group: a group name.
 * @date: a day (full date), or CITYNET_DATE_OPEN for "now": a spell with an
 *   open end.
 * @result: (out): whether @iso3 belonged to @group on @date.
 *
 * Uses the activity rule of citynet_date_active(). An unknown group is not
 * an error (nobody is in it).
 * Returns: TRUE, or FALSE with CITYNET_ERROR_NOT_FOUND for an undeclared
 * country.
 */
CITYNET_API gboolean citynet_network_country_in_group(const CitynetNetwork *network,
                                                      const char *iso3,
                                                      const char *group,
                                                      CitynetDate date,
                                                      gboolean *result,
                                                      GError **error);

/**
 * citynet_network_node_groups_at:
 * @node: a node index.
 * @date: a day, or CITYNET_DATE_OPEN for "now".
 *
 * Returns: (transfer full): the groups the node's country belongs to on
 * @date, sorted, as a NULL-terminated array to free with g_strfreev(); an
 * empty array when the node has no country or no groups.
 */
CITYNET_API char **citynet_network_node_groups_at(const CitynetNetwork *network,
                                                  gsize node, CitynetDate date);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(CitynetNetwork, citynet_network_unref)

G_END_DECLS

#endif /* CITYNET_NETWORK_H */
