/* The one cdef source of the Python binding: every public libcitynet
 * declaration the binding calls, copied by hand from include/citynet/*.h.
 *
 * citynet_build.py feeds this file to cffi's FFI.cdef(); the extension is
 * compiled in API mode against the real headers, so the C compiler checks
 * every prototype here against the library's own (a mismatch fails the
 * build instead of crashing at run time). The GLib integer types are
 * declared "int..." so cffi takes their exact size and signedness from
 * <glib.h>. No varargs functions are declared. */

/* ---- GLib basics ------------------------------------------------------ */
typedef int... gboolean;
typedef int... gsize;
typedef int... gssize;
typedef int... guint;
typedef int... guint32;
typedef int... GQuark;

typedef struct _GError {
  GQuark domain;
  int code;
  char *message;
} GError;

void g_error_free(GError *error);
void g_free(void *mem);
void g_strfreev(char **str_array);

/* ---- common.h --------------------------------------------------------- */
const char *citynet_version(void);

typedef enum {
  CITYNET_ERROR_FAILED,
  CITYNET_ERROR_IO,
  CITYNET_ERROR_DATA,
  CITYNET_ERROR_INVALID_ARGUMENT,
  CITYNET_ERROR_NOT_FOUND,
  CITYNET_ERROR_AMBIGUOUS,
  CITYNET_ERROR_COMPUTATION,
  CITYNET_ERROR_CANCELLED
} CitynetErrorCode;

GQuark citynet_error_quark(void);
const char *citynet_error_get_file(const GError *error);
guint citynet_error_get_line(const GError *error);
guint citynet_error_get_column(const GError *error);
guint citynet_error_get_count(const GError *error);

typedef gboolean (*CitynetProgressFunc)(double fraction, const char *what,
                                        void *user_data);
void citynet_set_progress_handler(CitynetProgressFunc func, void *user_data);

typedef guint32 CitynetDate;
#define CITYNET_DATE_STRING_SIZE ...
#define CITYNET_MAJOR_VERSION ...
#define CITYNET_MINOR_VERSION ...
#define CITYNET_MICRO_VERSION ...

gboolean citynet_date_parse(const char *text, CitynetDate *out, GError **error);
char *citynet_date_format(CitynetDate date, char *buffer);
CitynetDate citynet_date_first_day(CitynetDate date);
CitynetDate citynet_date_last_day(CitynetDate date);

/* ---- network.h -------------------------------------------------------- */
typedef struct _CitynetNetwork CitynetNetwork;

CitynetNetwork *citynet_network_new(void);
CitynetNetwork *citynet_network_ref(CitynetNetwork *network);
void citynet_network_unref(CitynetNetwork *network);

gboolean citynet_network_register_kind(CitynetNetwork *network,
                                       const char *kind, GError **error);
gssize citynet_network_add_node(CitynetNetwork *network, const char *id,
                                const char *kind, const char *name,
                                const char *country, GError **error);
gboolean citynet_network_set_node_location(CitynetNetwork *network, gsize node,
                                           double latitude, double longitude,
                                           GError **error);
gboolean citynet_network_set_node_population(CitynetNetwork *network,
                                             gsize node, double population,
                                             GError **error);
gboolean citynet_network_set_node_attribute(CitynetNetwork *network, gsize node,
                                            const char *key, const char *value,
                                            GError **error);
gssize citynet_network_add_tie(CitynetNetwork *network, const char *source,
                               const char *target, const char *layer,
                               double weight, gboolean directed,
                               const char *start, const char *end,
                               const char *ref, GError **error);
gboolean citynet_network_set_tie_attribute(CitynetNetwork *network, gsize tie,
                                           const char *key, const char *value,
                                           GError **error);
gssize citynet_network_add_country(CitynetNetwork *network, const char *iso3,
                                   const char *name, GError **error);
gboolean citynet_network_set_country_attribute(CitynetNetwork *network,
                                               const char *iso3,
                                               const char *key, double value,
                                               GError **error);
gboolean citynet_network_add_country_group(CitynetNetwork *network,
                                           const char *iso3, const char *group,
                                           const char *start, const char *end,
                                           const char *ref, GError **error);

gsize citynet_network_n_nodes(const CitynetNetwork *network);
const char *citynet_network_node_id(const CitynetNetwork *network, gsize node);
const char *citynet_network_node_kind(const CitynetNetwork *network, gsize node);
const char *citynet_network_node_name(const CitynetNetwork *network, gsize node);
const char *citynet_network_node_country(const CitynetNetwork *network,
                                         gsize node);
gboolean citynet_network_node_location(const CitynetNetwork *network,
                                       gsize node, double *latitude,
                                       double *longitude);
gboolean citynet_network_node_population(const CitynetNetwork *network,
                                         gsize node, double *population);
const char *citynet_network_node_attribute(const CitynetNetwork *network,
                                           gsize node, const char *key);
const char *const *citynet_network_node_attribute_keys(
    const CitynetNetwork *network, gsize *n_keys);
gssize citynet_network_node_index(const CitynetNetwork *network,
                                  const char *id);
gssize citynet_network_find_node(const CitynetNetwork *network,
                                 const char *query, GError **error);
const char *const *citynet_network_kinds(const CitynetNetwork *network,
                                         gsize *n_kinds);

gsize citynet_network_n_ties(const CitynetNetwork *network);
gsize citynet_network_tie_source(const CitynetNetwork *network, gsize tie);
gsize citynet_network_tie_target(const CitynetNetwork *network, gsize tie);
const char *citynet_network_tie_layer(const CitynetNetwork *network, gsize tie);
double citynet_network_tie_weight(const CitynetNetwork *network, gsize tie);
gboolean citynet_network_tie_directed(const CitynetNetwork *network, gsize tie);
CitynetDate citynet_network_tie_start(const CitynetNetwork *network, gsize tie);
CitynetDate citynet_network_tie_end(const CitynetNetwork *network, gsize tie);
const char *citynet_network_tie_ref(const CitynetNetwork *network, gsize tie);
const char *citynet_network_tie_attribute(const CitynetNetwork *network,
                                          gsize tie, const char *key);
const char *const *citynet_network_tie_attribute_keys(
    const CitynetNetwork *network, gsize *n_keys);
const char *const *citynet_network_layers(const CitynetNetwork *network,
                                          gsize *n_layers);

gboolean citynet_date_active(CitynetDate start, CitynetDate end,
                             CitynetDate day);
gboolean citynet_date_overlaps(CitynetDate start, CitynetDate end,
                               CitynetDate from, CitynetDate to);

gsize citynet_network_n_countries(const CitynetNetwork *network);
const char *citynet_network_country_code(const CitynetNetwork *network,
                                         gsize country);
const char *citynet_network_country_name(const CitynetNetwork *network,
                                         gsize country);
gssize citynet_network_country_index(const CitynetNetwork *network,
                                     const char *iso3);
gboolean citynet_network_country_attribute(const CitynetNetwork *network,
                                           gsize country, const char *key,
                                           double *value);
const char *const *citynet_network_country_attribute_keys(
    const CitynetNetwork *network, gsize *n_keys);
const char *const *citynet_network_groups(const CitynetNetwork *network,
                                          gsize *n_groups);
gsize citynet_network_n_memberships(const CitynetNetwork *network);
void citynet_network_membership(const CitynetNetwork *network, gsize index,
                                gsize *country, const char **group,
                                CitynetDate *start, CitynetDate *end,
                                const char **ref);
gboolean citynet_network_country_in_group(const CitynetNetwork *network,
                                          const char *iso3, const char *group,
                                          CitynetDate date, gboolean *result,
                                          GError **error);
char **citynet_network_node_groups_at(const CitynetNetwork *network,
                                      gsize node, CitynetDate date);

/* ---- view.h ----------------------------------------------------------- */
typedef enum {
  CITYNET_DIRECTION_AUTO,
  CITYNET_DIRECTION_UNDIRECTED,
  CITYNET_DIRECTION_DIRECTED
} CitynetDirection;

typedef enum {
  CITYNET_COMBINE_SUM,
  CITYNET_COMBINE_MAX,
  CITYNET_COMBINE_COUNT,
  CITYNET_COMBINE_NONE
} CitynetCombine;

typedef struct _CitynetViewOptions CitynetViewOptions;

CitynetViewOptions *citynet_view_options_new(void);
CitynetViewOptions *citynet_view_options_copy(const CitynetViewOptions *options);
void citynet_view_options_free(CitynetViewOptions *options);
void citynet_view_options_add_layer(CitynetViewOptions *options,
                                    const char *layer);
void citynet_view_options_add_kind(CitynetViewOptions *options,
                                   const char *kind);
gboolean citynet_view_options_set_at(CitynetViewOptions *options,
                                     const char *date, GError **error);
gboolean citynet_view_options_set_period(CitynetViewOptions *options,
                                         const char *from, const char *to,
                                         GError **error);
void citynet_view_options_set_direction(CitynetViewOptions *options,
                                        CitynetDirection direction);
void citynet_view_options_set_combine(CitynetViewOptions *options,
                                      CitynetCombine combine);
void citynet_view_options_set_drop_isolates(CitynetViewOptions *options,
                                            gboolean drop);
gboolean citynet_direction_from_string(const char *text, CitynetDirection *out,
                                       GError **error);
gboolean citynet_combine_from_string(const char *text, CitynetCombine *out,
                                     GError **error);

typedef struct _CitynetView CitynetView;

CitynetView *citynet_view_new(CitynetNetwork *network,
                              const CitynetViewOptions *options,
                              GError **error);
CitynetView *citynet_view_ref(CitynetView *view);
void citynet_view_unref(CitynetView *view);
CitynetNetwork *citynet_view_get_network(const CitynetView *view);
const CitynetViewOptions *citynet_view_get_options(const CitynetView *view);
void citynet_view_get_period(const CitynetView *view, CitynetDate *from,
                             CitynetDate *to);
gboolean citynet_view_is_directed(const CitynetView *view);
gsize citynet_view_n_vertices(const CitynetView *view);
gsize citynet_view_vertex_node(const CitynetView *view, gsize vertex);
gssize citynet_view_node_vertex(const CitynetView *view, gsize node);
gsize citynet_view_n_edges(const CitynetView *view);
double citynet_view_edge(const CitynetView *view, gsize edge, gsize *from,
                         gsize *to);
gsize citynet_view_edge_n_ties(const CitynetView *view, gsize edge);
gsize citynet_view_edge_tie(const CitynetView *view, gsize edge, gsize i);
gsize citynet_view_n_ties(const CitynetView *view);
gsize citynet_view_tie(const CitynetView *view, gsize i);
CitynetDate citynet_view_tie_reference_date(const CitynetView *view,
                                            gsize tie);
CitynetNetwork *citynet_view_to_network(const CitynetView *view,
                                        GError **error);

/* ---- io.h ------------------------------------------------------------- */
CitynetNetwork *citynet_bundle_load(const char *path, GError **error);
gboolean citynet_bundle_save(const CitynetNetwork *network, const char *path,
                             GError **error);

typedef struct _CitynetProblems CitynetProblems;

CitynetProblems *citynet_bundle_validate(const char *path);
gsize citynet_problems_count(const CitynetProblems *problems);
const char *citynet_problems_get(const CitynetProblems *problems, gsize index,
                                 const char **file, guint *line,
                                 guint *column);
void citynet_problems_free(CitynetProblems *problems);
gboolean citynet_view_write_graphml(const CitynetView *view, const char *path,
                                    GError **error);

/* ---- composition.h ---------------------------------------------------- */
typedef enum {
  CITYNET_DIMENSION_LAYER,
  CITYNET_DIMENSION_COUNTRY,
  CITYNET_DIMENSION_GROUP
} CitynetDimension;

typedef struct _CitynetComposition CitynetComposition;

CitynetComposition *citynet_composition_new(CitynetView *view, gsize focus,
                                            GError **error);
void citynet_composition_free(CitynetComposition *composition);
gsize citynet_composition_focus(const CitynetComposition *composition);
gsize citynet_composition_total_ties(const CitynetComposition *composition);
double citynet_composition_total_weight(const CitynetComposition *composition);
gsize citynet_composition_total_partners(const CitynetComposition *composition);
gsize citynet_composition_n_rows(const CitynetComposition *composition);
void citynet_composition_row(const CitynetComposition *composition, gsize row,
                             CitynetDimension *dimension, const char **layer,
                             const char **key, gsize *ties, gsize *partners,
                             double *weight, double *tie_share,
                             double *weight_share);
const char *citynet_dimension_to_string(CitynetDimension dimension);
