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
typedef int... guint64;
typedef int... gint;
typedef int... gint64;
typedef int... guint8;
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
gboolean citynet_network_check_group(const CitynetNetwork *network,
                                     const char *group, GError **error);
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

/* ---- analytics.h: scores (one value per node, ranked) ---------------- */
typedef struct _CitynetScores CitynetScores;

CitynetScores *citynet_scores_new(CitynetView *view, const char *measure,
                                  const gsize *nodes, const double *values,
                                  gsize n, GError **error);
void citynet_scores_free(CitynetScores *scores);
gsize citynet_scores_n(const CitynetScores *scores);
const char *citynet_scores_measure(const CitynetScores *scores);
CitynetView *citynet_scores_get_view(const CitynetScores *scores);
gsize citynet_scores_node(const CitynetScores *scores, gsize i);
gsize citynet_scores_vertex(const CitynetScores *scores, gsize i);
double citynet_scores_value(const CitynetScores *scores, gsize i);
const double *citynet_scores_values(const CitynetScores *scores, gsize *n);
gsize citynet_scores_rank(const CitynetScores *scores, gsize i);
gsize citynet_scores_order(const CitynetScores *scores, gsize k);
gssize citynet_scores_find(const CitynetScores *scores, gsize node);

/* ---- communities.h: partitions --------------------------------------- */
typedef struct _CitynetPartition CitynetPartition;

CitynetPartition *citynet_partition_new_by_country(CitynetView *view);
CitynetPartition *citynet_partition_new_by_kind(CitynetView *view);
CitynetPartition *citynet_partition_new_by_attribute(CitynetView *view,
                                                     const char *key,
                                                     GError **error);
CitynetPartition *citynet_partition_new_by_group(CitynetView *view,
                                                 const char *group,
                                                 CitynetDate date,
                                                 GError **error);
CitynetPartition *citynet_partition_new_by_groups(CitynetView *view,
                                                  const char *const *groups,
                                                  gsize n_groups,
                                                  CitynetDate date,
                                                  const char *other,
                                                  GError **error);
CitynetPartition *citynet_partition_new_from_labels(CitynetView *view,
                                                    const gsize *nodes,
                                                    const char *const *labels,
                                                    gsize n,
                                                    const char *unlisted,
                                                    GError **error);
CitynetPartition *citynet_partition_new_from_membership(CitynetView *view,
                                                        const gint64 *membership,
                                                        gsize n,
                                                        GError **error);
CitynetPartition *citynet_partition_new_by_spec(CitynetView *view,
                                                const char *spec,
                                                GError **error);
void citynet_partition_free(CitynetPartition *partition);
CitynetView *citynet_partition_get_view(const CitynetPartition *partition);
const char *citynet_partition_get_source(const CitynetPartition *partition);
gsize citynet_partition_n(const CitynetPartition *partition);
guint citynet_partition_label(const CitynetPartition *partition, gsize vertex);
const guint *citynet_partition_membership(const CitynetPartition *partition,
                                          gsize *n);
gsize citynet_partition_n_labels(const CitynetPartition *partition);
const char *citynet_partition_label_name(const CitynetPartition *partition,
                                         guint label);
gsize citynet_partition_label_size(const CitynetPartition *partition,
                                   guint label);
gssize citynet_partition_missing_label(const CitynetPartition *partition);
gssize citynet_partition_find_label(const CitynetPartition *partition,
                                    const char *name);

/* ==== analytics.h ======================================================= */
/* CitynetScores and its accessors are declared above. */

/* ---- analytics.h: centrality ----------------------------------------- */
typedef enum {
  CITYNET_CENTRALITY_DEGREE,
  CITYNET_CENTRALITY_STRENGTH,
  CITYNET_CENTRALITY_BETWEENNESS,
  CITYNET_CENTRALITY_CLOSENESS,
  CITYNET_CENTRALITY_HARMONIC,
  CITYNET_CENTRALITY_EIGENVECTOR,
  CITYNET_CENTRALITY_PAGERANK,
  CITYNET_CENTRALITY_HUB,
  CITYNET_CENTRALITY_AUTHORITY
} CitynetCentrality;

#define CITYNET_CENTRALITY_COUNT ...

const char *citynet_centrality_name(CitynetCentrality measure);
gboolean citynet_centrality_from_string(const char *text,
                                        CitynetCentrality *out,
                                        GError **error);

typedef enum {
  CITYNET_MODE_DEFAULT,
  CITYNET_MODE_OUT,
  CITYNET_MODE_IN,
  CITYNET_MODE_ALL
} CitynetMode;

gboolean citynet_mode_from_string(const char *text, CitynetMode *out,
                                  GError **error);

typedef enum {
  CITYNET_LENGTH_INVERSE,
  CITYNET_LENGTH_UNIT,
  CITYNET_LENGTH_WEIGHT
} CitynetLength;

gboolean citynet_length_from_string(const char *text, CitynetLength *out,
                                    GError **error);

typedef struct _CitynetCentralityOptions CitynetCentralityOptions;

CitynetCentralityOptions *citynet_centrality_options_new(void);
CitynetCentralityOptions *
citynet_centrality_options_copy(const CitynetCentralityOptions *options);
void citynet_centrality_options_free(CitynetCentralityOptions *options);
void citynet_centrality_options_set_mode(CitynetCentralityOptions *options,
                                         CitynetMode mode);
void citynet_centrality_options_set_length(CitynetCentralityOptions *options,
                                           CitynetLength length);
void citynet_centrality_options_set_weighted(CitynetCentralityOptions *options,
                                             gboolean weighted);
void citynet_centrality_options_set_normalized(CitynetCentralityOptions *options,
                                               gboolean normalized);
gboolean citynet_centrality_options_set_cutoff(CitynetCentralityOptions *options,
                                               double cutoff, GError **error);
gboolean citynet_centrality_options_set_damping(CitynetCentralityOptions *options,
                                                double damping, GError **error);
void citynet_centrality_options_set_wf_improved(CitynetCentralityOptions *options,
                                                gboolean wf_improved);
void citynet_centrality_options_set_nodes(CitynetCentralityOptions *options,
                                          const gsize *nodes, gsize n);
void citynet_centrality_options_set_personalization(CitynetCentralityOptions *options,
                                                    const gsize *nodes,
                                                    gsize n);

CitynetScores *citynet_centrality_compute(CitynetView *view,
                                          CitynetCentrality measure,
                                          const CitynetCentralityOptions *options,
                                          GError **error);
CitynetScores *citynet_centrality_degree(CitynetView *view,
                                         const CitynetCentralityOptions *options,
                                         GError **error);
CitynetScores *citynet_centrality_strength(CitynetView *view,
                                           const CitynetCentralityOptions *options,
                                           GError **error);
CitynetScores *citynet_centrality_betweenness(CitynetView *view,
                                              const CitynetCentralityOptions *options,
                                              GError **error);
CitynetScores *citynet_centrality_closeness(CitynetView *view,
                                            const CitynetCentralityOptions *options,
                                            GError **error);
CitynetScores *citynet_centrality_harmonic(CitynetView *view,
                                           const CitynetCentralityOptions *options,
                                           GError **error);
CitynetScores *citynet_centrality_eigenvector(CitynetView *view,
                                              const CitynetCentralityOptions *options,
                                              GError **error);
CitynetScores *citynet_centrality_pagerank(CitynetView *view,
                                           const CitynetCentralityOptions *options,
                                           GError **error);
CitynetScores *citynet_centrality_hub(CitynetView *view,
                                      const CitynetCentralityOptions *options,
                                      GError **error);
CitynetScores *citynet_centrality_authority(CitynetView *view,
                                            const CitynetCentralityOptions *options,
                                            GError **error);

/* ---- analytics.h: clustering ----------------------------------------- */
typedef enum {
  CITYNET_UNDEFINED_NAN,
  CITYNET_UNDEFINED_ZERO
} CitynetUndefined;

CitynetScores *citynet_clustering_local(CitynetView *view,
                                        CitynetUndefined undefined,
                                        GError **error);
CitynetScores *citynet_clustering_barrat(CitynetView *view,
                                         CitynetUndefined undefined,
                                         GError **error);
gboolean citynet_clustering_average(CitynetView *view, gboolean weighted,
                                    CitynetUndefined undefined,
                                    double *result, GError **error);
gboolean citynet_clustering_global(CitynetView *view, double *result,
                                   GError **error);
CitynetScores *citynet_clustering_ego_density(CitynetView *view,
                                              CitynetUndefined undefined,
                                              GError **error);
gboolean citynet_undefined_from_string(const char *text,
                                       CitynetUndefined *out,
                                       GError **error);

/* ==== communities.h ===================================================== */
/* The partition constructors and accessors are declared above; this part
 * declares detection, modularity, comparison, assortativity and mixing. */

/* ---- communities.h: community detection ------------------------------- */
typedef enum {
  CITYNET_COMMUNITY_LOUVAIN,
  CITYNET_COMMUNITY_LEIDEN
} CitynetCommunityMethod;

const char *citynet_community_method_name(CitynetCommunityMethod method);
gboolean citynet_community_method_from_string(const char *text,
                                              CitynetCommunityMethod *out,
                                              GError **error);

typedef enum {
  CITYNET_LEIDEN_START_LOUVAIN,
  CITYNET_LEIDEN_START_SINGLETONS
} CitynetLeidenStart;

gboolean citynet_leiden_start_from_string(const char *text,
                                          CitynetLeidenStart *out,
                                          GError **error);

typedef struct _CitynetCommunityOptions CitynetCommunityOptions;

CitynetCommunityOptions *citynet_community_options_new(void);
CitynetCommunityOptions *citynet_community_options_copy(const CitynetCommunityOptions *options);
void citynet_community_options_free(CitynetCommunityOptions *options);
void citynet_community_options_set_seed(CitynetCommunityOptions *options,
                                        guint64 seed);
gboolean citynet_community_options_set_resolution(CitynetCommunityOptions *options,
                                                  double resolution,
                                                  GError **error);
void citynet_community_options_set_weighted(CitynetCommunityOptions *options,
                                            gboolean weighted);
void citynet_community_options_set_directed(CitynetCommunityOptions *options,
                                            gboolean directed);
gboolean citynet_community_options_set_beta(CitynetCommunityOptions *options,
                                            double beta, GError **error);
gboolean citynet_community_options_set_iterations(CitynetCommunityOptions *options,
                                                  gint iterations,
                                                  GError **error);
void citynet_community_options_set_start(CitynetCommunityOptions *options,
                                         CitynetLeidenStart start);

CitynetPartition *citynet_communities_detect(CitynetView *view,
                                             CitynetCommunityMethod method,
                                             const CitynetCommunityOptions *options,
                                             GError **error);
CitynetPartition *citynet_communities_louvain(CitynetView *view,
                                              const CitynetCommunityOptions *options,
                                              GError **error);
CitynetPartition *citynet_communities_leiden(CitynetView *view,
                                             const CitynetCommunityOptions *options,
                                             GError **error);

/* ---- communities.h: modularity and comparison ------------------------- */
gboolean citynet_partition_modularity(const CitynetPartition *partition,
                                      const CitynetCommunityOptions *options,
                                      double *result, GError **error);

typedef enum {
  CITYNET_COMPARE_NMI,
  CITYNET_COMPARE_ARI,
  CITYNET_COMPARE_VI,
  CITYNET_COMPARE_RAND
} CitynetPartitionComparison;

const char *citynet_partition_comparison_name(CitynetPartitionComparison method);
gboolean citynet_partition_comparison_from_string(const char *text,
                                                  CitynetPartitionComparison *out,
                                                  GError **error);
gboolean citynet_partition_compare(const CitynetPartition *a,
                                   const CitynetPartition *b,
                                   CitynetPartitionComparison method,
                                   double *result, GError **error);

/* ---- communities.h: assortativity and mixing -------------------------- */
typedef enum {
  CITYNET_ASSORTATIVITY_DEFAULT = 0,
  CITYNET_ASSORTATIVITY_WEIGHTED = 1,
  CITYNET_ASSORTATIVITY_UNDIRECTED = 2,
  CITYNET_ASSORTATIVITY_EXCLUDE_MISSING = 4
} CitynetAssortativityFlags;

typedef struct {
  double value;
  gsize n_vertices;
  gsize n_excluded;
  gsize n_edges;
  gsize n_edges_excluded;
} CitynetAssortativity;

gboolean citynet_assortativity_nominal(const CitynetPartition *partition,
                                       CitynetAssortativityFlags flags,
                                       CitynetAssortativity *result,
                                       GError **error);
CitynetScores *citynet_node_values(CitynetView *view, const char *spec,
                                   GError **error);
gboolean citynet_assortativity_numeric(const CitynetScores *values,
                                       CitynetAssortativityFlags flags,
                                       CitynetAssortativity *result,
                                       GError **error);
double *citynet_mixing_matrix(const CitynetPartition *partition,
                              CitynetAssortativityFlags flags,
                              gboolean normalized, gsize *n_labels,
                              GError **error);

/* ==== projection.h ====================================================== */

/* ---- projection.h ----------------------------------------------------- */
typedef enum {
  CITYNET_PROJECTION_COUNT,
  CITYNET_PROJECTION_NEWMAN,
  CITYNET_PROJECTION_GAWC
} CitynetProjectionMethod;

const char *citynet_projection_method_name(CitynetProjectionMethod method);
gboolean citynet_projection_method_from_string(const char *text,
                                               CitynetProjectionMethod *out,
                                               GError **error);

typedef struct _CitynetProjectionOptions CitynetProjectionOptions;

CitynetProjectionOptions *citynet_projection_options_new(void);
CitynetProjectionOptions *
citynet_projection_options_copy(const CitynetProjectionOptions *options);
void citynet_projection_options_free(CitynetProjectionOptions *options);
void citynet_projection_options_set_method(CitynetProjectionOptions *options,
                                           CitynetProjectionMethod method);
void citynet_projection_options_set_kinds(CitynetProjectionOptions *options,
                                          const char *projected,
                                          const char *through);
void citynet_projection_options_add_layer(CitynetProjectionOptions *options,
                                          const char *layer);

typedef struct {
  gsize n_projected;
  gsize n_through;
  gsize n_memberships;
  gsize n_ties;
  gsize n_ties_ignored;
  gsize n_pairs;
} CitynetProjectionStats;

CitynetView *citynet_projection_new(CitynetView *view,
                                    const CitynetProjectionOptions *options,
                                    CitynetProjectionStats *stats,
                                    GError **error);
CitynetScores *citynet_projection_connectivity(CitynetView *projection,
                                               gboolean share,
                                               GError **error);

/* ==== ego.h ============================================================= */
/* Uses CitynetMode and CitynetCentralityOptions from the analytics part,
 * CitynetScores and CitynetPartition from above. */

/* ---- ego.h: ego networks ---------------------------------------------- */
CitynetView *citynet_ego_view_new(CitynetView *view, gsize focus_node,
                                  guint order, CitynetMode mode,
                                  gboolean alter_ties, GError **error);

/* ---- ego.h: UCINET's ego-network measures ----------------------------- */
typedef enum {
  CITYNET_EGO_SIZE,
  CITYNET_EGO_TIES,
  CITYNET_EGO_PAIRS,
  CITYNET_EGO_DENSITY,
  CITYNET_EGO_AVG_DISTANCE,
  CITYNET_EGO_DIAMETER,
  CITYNET_EGO_WEAK_COMPONENTS,
  CITYNET_EGO_WEAK_COMPONENTS_SHARE,
  CITYNET_EGO_TWO_STEP_REACH,
  CITYNET_EGO_BROKER,
  CITYNET_EGO_BROKER_SHARE,
  CITYNET_EGO_BETWEENNESS,
  CITYNET_EGO_BETWEENNESS_SHARE
} CitynetEgoMeasure;

#define CITYNET_EGO_MEASURE_COUNT 13

const char *citynet_ego_measure_name(CitynetEgoMeasure measure);
gboolean citynet_ego_measure_from_string(const char *text,
                                         CitynetEgoMeasure *out,
                                         GError **error);

typedef struct _CitynetEgoMeasures CitynetEgoMeasures;

CitynetEgoMeasures *citynet_ego_measures_new(CitynetView *view,
                                             const gsize *nodes,
                                             gsize n_nodes, CitynetMode mode,
                                             GError **error);
void citynet_ego_measures_free(CitynetEgoMeasures *measures);
gsize citynet_ego_measures_n(const CitynetEgoMeasures *measures);
gsize citynet_ego_measures_node(const CitynetEgoMeasures *measures, gsize i);
double citynet_ego_measures_get(const CitynetEgoMeasures *measures, gsize i,
                                CitynetEgoMeasure measure);
CitynetScores *citynet_ego_measures_scores(const CitynetEgoMeasures *measures,
                                           CitynetEgoMeasure measure);

/* ---- ego.h: Burt's structural holes ----------------------------------- */
typedef enum {
  CITYNET_HOLES_WHOLE,
  CITYNET_HOLES_EGO
} CitynetHolesModel;

gboolean citynet_holes_model_from_string(const char *text,
                                         CitynetHolesModel *out,
                                         GError **error);

typedef enum {
  CITYNET_HOLES_EFFECTIVE_SIZE,
  CITYNET_HOLES_EFFICIENCY,
  CITYNET_HOLES_CONSTRAINT,
  CITYNET_HOLES_HIERARCHY
} CitynetHolesMeasure;

#define CITYNET_HOLES_MEASURE_COUNT 4

const char *citynet_holes_measure_name(CitynetHolesMeasure measure,
                                       CitynetHolesModel model);
gboolean citynet_holes_measure_from_string(const char *text,
                                           CitynetHolesMeasure *out,
                                           GError **error);
gboolean citynet_structural_holes(CitynetView *view, CitynetHolesModel model,
                                  gboolean weighted, CitynetScores **scores,
                                  GError **error);
CitynetScores *citynet_structural_holes_measure(CitynetView *view,
                                                CitynetHolesMeasure measure,
                                                CitynetHolesModel model,
                                                gboolean weighted,
                                                GError **error);

/* ---- ego.h: Gould-Fernandez brokerage --------------------------------- */
typedef enum {
  CITYNET_BROKERAGE_COORDINATOR,
  CITYNET_BROKERAGE_CONSULTANT,
  CITYNET_BROKERAGE_REPRESENTATIVE,
  CITYNET_BROKERAGE_GATEKEEPER,
  CITYNET_BROKERAGE_LIAISON,
  CITYNET_BROKERAGE_TOTAL
} CitynetBrokerageRole;

#define CITYNET_BROKERAGE_ROLE_COUNT 6

const char *citynet_brokerage_role_name(CitynetBrokerageRole role);
gboolean citynet_brokerage_role_from_string(const char *text,
                                            CitynetBrokerageRole *out,
                                            GError **error);

typedef enum {
  CITYNET_BROKERAGE_COUNT,
  CITYNET_BROKERAGE_EXPECTED,
  CITYNET_BROKERAGE_SD,
  CITYNET_BROKERAGE_Z,
  CITYNET_BROKERAGE_PERM_MEAN,
  CITYNET_BROKERAGE_PERM_SD,
  CITYNET_BROKERAGE_PERM_Z,
  CITYNET_BROKERAGE_PERM_P
} CitynetBrokerageStat;

#define CITYNET_BROKERAGE_STAT_COUNT 8

const char *citynet_brokerage_stat_name(CitynetBrokerageStat stat);

typedef struct _CitynetBrokerage CitynetBrokerage;

CitynetBrokerage *citynet_brokerage_new(const CitynetPartition *partition,
                                        gboolean directed,
                                        guint n_permutations, guint64 seed,
                                        GError **error);
void citynet_brokerage_free(CitynetBrokerage *brokerage);
gsize citynet_brokerage_n(const CitynetBrokerage *brokerage);
guint citynet_brokerage_n_permutations(const CitynetBrokerage *brokerage);
double citynet_brokerage_get(const CitynetBrokerage *brokerage, gsize vertex,
                             CitynetBrokerageRole role,
                             CitynetBrokerageStat stat);
double citynet_brokerage_get_global(const CitynetBrokerage *brokerage,
                                    CitynetBrokerageRole role,
                                    CitynetBrokerageStat stat);
CitynetScores *citynet_brokerage_scores(const CitynetBrokerage *brokerage,
                                        CitynetBrokerageRole role,
                                        CitynetBrokerageStat stat);

/* ---- ego.h: betweenness between two blocs ----------------------------- */
CitynetScores *citynet_bloc_betweenness(CitynetView *view,
                                        const gsize *sources, gsize n_sources,
                                        const gsize *targets, gsize n_targets,
                                        const CitynetCentralityOptions *options,
                                        GError **error);

/* ==== alignment.h ======================================================= */

/* ---- alignment.h: shared vocabulary ----------------------------------- */
typedef enum {
  CITYNET_UNIT_ALTERS,
  CITYNET_UNIT_TIES,
  CITYNET_UNIT_WEIGHT
} CitynetUnit;

typedef enum {
  CITYNET_INTERVAL_PERMUTATION,
  CITYNET_INTERVAL_BOOTSTRAP
} CitynetInterval;

typedef struct {
  double observed;
  guint n;
  double mean;
  double sd;
  double lower;
  double upper;
  double p_greater;
  double p_less;
  double p_two_sided;
} CitynetTestResult;

const char *citynet_test_result_direction(const CitynetTestResult *result);

/* ---- alignment.h: options --------------------------------------------- */
typedef struct _CitynetAlignmentOptions CitynetAlignmentOptions;

CitynetAlignmentOptions *citynet_alignment_options_new(void);
CitynetAlignmentOptions *citynet_alignment_options_copy(const CitynetAlignmentOptions *options);
void citynet_alignment_options_free(CitynetAlignmentOptions *options);
void citynet_alignment_options_add_group(CitynetAlignmentOptions *options,
                                         const char *group);
void citynet_alignment_options_set_unit(CitynetAlignmentOptions *options,
                                        CitynetUnit unit);
void citynet_alignment_options_set_dimension(CitynetAlignmentOptions *options,
                                             CitynetDimension dimension);
void citynet_alignment_options_set_permutations(CitynetAlignmentOptions *options,
                                                guint permutations);
void citynet_alignment_options_set_seed(CitynetAlignmentOptions *options,
                                        guint64 seed);
void citynet_alignment_options_set_threads(CitynetAlignmentOptions *options,
                                           guint threads);
void citynet_alignment_options_set_interval(CitynetAlignmentOptions *options,
                                            CitynetInterval interval);
gboolean citynet_alignment_options_set_level(CitynetAlignmentOptions *options,
                                             double level, GError **error);
void citynet_alignment_options_add_stratum_group(CitynetAlignmentOptions *options,
                                                 const char *group);
void citynet_alignment_options_set_strata_by_kind(CitynetAlignmentOptions *options,
                                                  gboolean by_kind);
gboolean citynet_alignment_options_set_label_date(CitynetAlignmentOptions *options,
                                                  const char *date,
                                                  GError **error);
void citynet_alignment_options_set_affinity(CitynetAlignmentOptions *options,
                                            const char *key);
void citynet_alignment_options_set_network_test(CitynetAlignmentOptions *options,
                                                gboolean network_test);

/* ---- alignment.h: composition by group -------------------------------- */
typedef struct _CitynetGroupComposition CitynetGroupComposition;

CitynetGroupComposition *citynet_group_composition_new(CitynetView *view,
                                                       gsize focus,
                                                       const CitynetAlignmentOptions *options,
                                                       GError **error);
void citynet_group_composition_free(CitynetGroupComposition *composition);
void citynet_group_composition_totals(const CitynetGroupComposition *composition,
                                      gsize *alters, gsize *ties,
                                      double *weight);
gsize citynet_group_composition_n_rows(const CitynetGroupComposition *composition);
void citynet_group_composition_row(const CitynetGroupComposition *composition,
                                   gsize row, CitynetDimension *dimension,
                                   const char **layer, const char **key,
                                   gsize *alters, gsize *ties, double *weight);
void citynet_group_composition_share(const CitynetGroupComposition *composition,
                                     gsize row, CitynetUnit unit,
                                     double *share, double *fractional);
gsize citynet_group_composition_n_scopes(const CitynetGroupComposition *composition);
void citynet_group_composition_diversity(const CitynetGroupComposition *composition,
                                         gsize scope, CitynetUnit unit,
                                         CitynetDimension *dimension,
                                         const char **layer, gsize *categories,
                                         gsize *observed, double *blau,
                                         double *iqv);

/* ---- alignment.h: E-I index ------------------------------------------- */
typedef enum {
  CITYNET_EI_EGO,
  CITYNET_EI_GROUP,
  CITYNET_EI_NETWORK
} CitynetEILevel;

typedef struct _CitynetEIIndex CitynetEIIndex;

CitynetEIIndex *citynet_ei_index_new(CitynetView *view, gssize focus,
                                     const char *group,
                                     const CitynetAlignmentOptions *options,
                                     GError **error);
void citynet_ei_index_free(CitynetEIIndex *index);
CitynetDate citynet_ei_index_label_date(const CitynetEIIndex *index);
gsize citynet_ei_index_n_rows(const CitynetEIIndex *index);
void citynet_ei_index_row(const CitynetEIIndex *index, gsize row,
                          CitynetEILevel *level, const char **key,
                          gsize *members);
void citynet_ei_index_values(const CitynetEIIndex *index, gsize row,
                             gboolean weighted, double *internal,
                             double *external, double *ei, double *rescaled,
                             double *minimum, double *maximum,
                             double *expected);
void citynet_ei_index_test(const CitynetEIIndex *index, gsize row,
                           gboolean weighted, CitynetTestResult *result);

/* ---- alignment.h: alignment profile ----------------------------------- */
typedef struct _CitynetAlignment CitynetAlignment;

CitynetAlignment *citynet_alignment_new(CitynetView *view, const gsize *nodes,
                                        gsize n_nodes, CitynetView *baseline_view,
                                        const gsize *baseline_nodes,
                                        gsize n_baseline,
                                        const CitynetAlignmentOptions *options,
                                        GError **error);
void citynet_alignment_free(CitynetAlignment *alignment);
CitynetDimension citynet_alignment_dimension(const CitynetAlignment *alignment);
CitynetUnit citynet_alignment_unit(const CitynetAlignment *alignment);
void citynet_alignment_totals(const CitynetAlignment *alignment, gsize *entries,
                              double *units, gsize *baseline_entries,
                              double *baseline_units);
gsize citynet_alignment_n_categories(const CitynetAlignment *alignment);
void citynet_alignment_category(const CitynetAlignment *alignment,
                                gsize category, const char **key,
                                double *units, double *baseline_units,
                                double *share, double *baseline_share,
                                double *ratio, CitynetTestResult *difference);
void citynet_alignment_jsd(const CitynetAlignment *alignment,
                           CitynetTestResult *result);
void citynet_alignment_blau(const CitynetAlignment *alignment, double *blau,
                            double *baseline_blau, double *iqv,
                            double *baseline_iqv, CitynetTestResult *difference);
gsize citynet_alignment_n_partitions(const CitynetAlignment *alignment);
void citynet_alignment_ei(const CitynetAlignment *alignment, gsize partition,
                          const char **name, double *ei, double *baseline_ei,
                          CitynetTestResult *difference);
gboolean citynet_alignment_has_affinity(const CitynetAlignment *alignment);
void citynet_alignment_affinity(const CitynetAlignment *alignment,
                                gboolean baseline, gsize *entries,
                                gsize *missing, double *mean);
double citynet_alignment_affinity_quantile(const CitynetAlignment *alignment,
                                           gboolean baseline,
                                           double probability);
void citynet_alignment_affinity_test(const CitynetAlignment *alignment,
                                     gboolean median, CitynetTestResult *result);

/* ---- alignment.h: UN General Assembly votes --------------------------- */
typedef struct _CitynetUnVotes CitynetUnVotes;

CitynetUnVotes *citynet_un_votes_load(const char *directory, GError **error);
void citynet_un_votes_free(CitynetUnVotes *votes);
gsize citynet_un_votes_n_roll_calls(const CitynetUnVotes *votes);
gsize citynet_un_votes_n_votes(const CitynetUnVotes *votes);
gsize citynet_un_votes_n_conflicts(const CitynetUnVotes *votes);
gsize citynet_un_votes_n_countries(const CitynetUnVotes *votes);
void citynet_un_votes_country(const CitynetUnVotes *votes, gsize country,
                              const char **name, const char **iso2,
                              const char **iso3, gsize *n_votes);

typedef struct _CitynetUnAgreement CitynetUnAgreement;

CitynetUnAgreement *citynet_un_agreement_new(const CitynetUnVotes *votes,
                                             const char *home, int first_year,
                                             int last_year, GError **error);
void citynet_un_agreement_free(CitynetUnAgreement *agreement);
const char *citynet_un_agreement_home(const CitynetUnAgreement *agreement);
gsize citynet_un_agreement_home_roll_calls(const CitynetUnAgreement *agreement);
char *citynet_un_agreement_default_key(const CitynetUnAgreement *agreement);
gsize citynet_un_agreement_n_countries(const CitynetUnAgreement *agreement);
void citynet_un_agreement_country(const CitynetUnAgreement *agreement,
                                  gsize row, const char **iso3,
                                  gsize *roll_calls, double *agreement_score);
double citynet_un_agreement_lookup(const CitynetUnAgreement *agreement,
                                   const char *iso3);
gboolean citynet_un_agreement_apply(const CitynetUnAgreement *agreement,
                                    CitynetNetwork *network, const char *key,
                                    gsize *n_set, char ***missing,
                                    GError **error);

/* ==== import.h ========================================================== */

/* ---- import.h: countries ------------------------------------------------ */
const char *citynet_country_resolve(const char *name_or_code);
const char *citynet_country_name(const char *iso3);

/* ---- import.h: options -------------------------------------------------- */
typedef struct _CitynetImportOptions CitynetImportOptions;

typedef enum {
  CITYNET_IMPORT_COLUMN_SOURCE_CITY,
  CITYNET_IMPORT_COLUMN_SOURCE_COUNTRY,
  CITYNET_IMPORT_COLUMN_SOURCE_LATITUDE,
  CITYNET_IMPORT_COLUMN_SOURCE_LONGITUDE,
  CITYNET_IMPORT_COLUMN_TARGET_CITY,
  CITYNET_IMPORT_COLUMN_TARGET_COUNTRY,
  CITYNET_IMPORT_COLUMN_TARGET_LATITUDE,
  CITYNET_IMPORT_COLUMN_TARGET_LONGITUDE,
  CITYNET_IMPORT_COLUMN_ORGANISATION,
  CITYNET_IMPORT_COLUMN_ROLE,
  CITYNET_IMPORT_COLUMN_START,
  CITYNET_IMPORT_COLUMN_END,
  CITYNET_IMPORT_COLUMN_WEIGHT,
  CITYNET_IMPORT_COLUMN_REF
} CitynetImportColumn;

static const double CITYNET_IMPORT_DEFAULT_DISTANCE_KM;

CitynetImportOptions *citynet_import_options_new(void);
void citynet_import_options_free(CitynetImportOptions *options);
gboolean citynet_import_options_set_column(CitynetImportOptions *options,
                                           CitynetImportColumn column,
                                           const char *header, GError **error);
gboolean citynet_import_options_set_encoding(CitynetImportOptions *options,
                                             const char *encoding, GError **error);
gboolean citynet_import_options_set_delimiter(CitynetImportOptions *options,
                                              const char *delimiter, GError **error);
gboolean citynet_import_options_set_decimal(CitynetImportOptions *options,
                                            const char *decimal, GError **error);
gboolean citynet_import_options_set_layer(CitynetImportOptions *options,
                                          const char *layer, GError **error);
void citynet_import_options_set_directed(CitynetImportOptions *options,
                                         gboolean directed);
gboolean citynet_import_options_set_gazetteer(CitynetImportOptions *options,
                                              const char *path, const char *layout,
                                              GError **error);
gboolean citynet_import_options_set_distance(CitynetImportOptions *options,
                                             double km, GError **error);
gboolean citynet_import_options_set_districts(CitynetImportOptions *options,
                                              const char *path, GError **error);
gboolean citynet_import_options_set_country_aliases(CitynetImportOptions *options,
                                                    const char *path,
                                                    GError **error);
gboolean citynet_import_options_set_role_weight(CitynetImportOptions *options,
                                                const char *role, double weight,
                                                GError **error);

/* ---- import.h: importing ------------------------------------------------ */
typedef struct _CitynetImportReport CitynetImportReport;

CitynetNetwork *citynet_import_pairs(const char *path,
                                     const CitynetImportOptions *options,
                                     CitynetImportReport **report, GError **error);
CitynetNetwork *citynet_import_members(const char *path,
                                       const CitynetImportOptions *options,
                                       CitynetImportReport **report,
                                       GError **error);

/* ---- import.h: the report ----------------------------------------------- */
void citynet_import_report_free(CitynetImportReport *report);
const char *citynet_import_report_source(const CitynetImportReport *report);
const char *citynet_import_report_encoding(const CitynetImportReport *report);
char citynet_import_report_delimiter(const CitynetImportReport *report);
gsize citynet_import_report_rows_read(const CitynetImportReport *report);
gsize citynet_import_report_rows_kept(const CitynetImportReport *report);
gsize citynet_import_report_rows_merged(const CitynetImportReport *report);
gsize citynet_import_report_rows_rejected(const CitynetImportReport *report);
gsize citynet_import_report_ties_created(const CitynetImportReport *report);
gsize citynet_import_report_ties_with_duplicates(const CitynetImportReport *report);
gsize citynet_import_report_nodes_created(const CitynetImportReport *report);
gsize citynet_import_report_gazetteer_matches(const CitynetImportReport *report);
gsize citynet_import_report_n_name_merges(const CitynetImportReport *report);
void citynet_import_report_name_merge(const CitynetImportReport *report,
                                      gsize index, const char **node_id,
                                      const char **kept_name, const char **variant,
                                      guint *first_line, gsize *n_rows);
gsize citynet_import_report_n_unmatched_countries(const CitynetImportReport *report);
void citynet_import_report_unmatched_country(const CitynetImportReport *report,
                                             gsize index, const char **value,
                                             const char **suggestion,
                                             const guint **lines, gsize *n_lines);
gsize citynet_import_report_n_ambiguous_places(const CitynetImportReport *report);
void citynet_import_report_ambiguous_place(const CitynetImportReport *report,
                                           gsize index, const char **name,
                                           const char **country, const char **reason,
                                           const guint **lines, gsize *n_lines);
gsize citynet_import_report_n_split_places(const CitynetImportReport *report);
void citynet_import_report_split_place(const CitynetImportReport *report,
                                       gsize index, const char **name,
                                       const char **country,
                                       const char *const **node_ids,
                                       double *distance_km);
gsize citynet_import_report_n_district_merges(const CitynetImportReport *report);
void citynet_import_report_district_merge(const CitynetImportReport *report,
                                          gsize index, const char **district,
                                          const char **country,
                                          const char **metropolis, gsize *n_rows);
gsize citynet_import_report_n_countries(const CitynetImportReport *report);
void citynet_import_report_country(const CitynetImportReport *report,
                                   gsize index, const char **value,
                                   const char **iso3, const char **rule,
                                   gsize *n_rows);
gsize citynet_import_report_n_rejected(const CitynetImportReport *report);
void citynet_import_report_rejected(const CitynetImportReport *report,
                                    gsize index, guint *line, const char **reason);
char *citynet_import_report_to_text(const CitynetImportReport *report);
char *citynet_import_report_to_json(const CitynetImportReport *report);
gboolean citynet_import_report_write_text(const CitynetImportReport *report,
                                          const char *path, GError **error);
gboolean citynet_import_report_write_json(const CitynetImportReport *report,
                                          const char *path, GError **error);

/* ==== figure.h ========================================================== */

typedef enum {
  CITYNET_FIGURE_EGO,
  CITYNET_FIGURE_COMPOSITION,
  CITYNET_FIGURE_TIMELINE,
  CITYNET_FIGURE_MAP
} CitynetFigureKind;

const char *citynet_figure_kind_name(CitynetFigureKind kind);
gboolean citynet_figure_kind_from_string(const char *text, CitynetFigureKind *out,
                                         GError **error);

typedef enum {
  CITYNET_FIGURE_FORMAT_AUTO,
  CITYNET_FIGURE_FORMAT_SVG,
  CITYNET_FIGURE_FORMAT_PDF,
  CITYNET_FIGURE_FORMAT_PNG
} CitynetFigureFormat;

const char *citynet_figure_format_name(CitynetFigureFormat format);

typedef struct _CitynetFigureOptions CitynetFigureOptions;

CitynetFigureOptions *citynet_figure_options_new(void);
CitynetFigureOptions *citynet_figure_options_copy(const CitynetFigureOptions *options);
void citynet_figure_options_free(CitynetFigureOptions *options);
void citynet_figure_options_set_groups(CitynetFigureOptions *options,
                                       const char *const *groups);
gboolean citynet_figure_options_set_size(CitynetFigureOptions *options,
                                         double width, double height,
                                         GError **error);
gboolean citynet_figure_options_set_font_size(CitynetFigureOptions *options,
                                              double points, GError **error);
gboolean citynet_figure_options_set_dpi(CitynetFigureOptions *options,
                                        double dpi, GError **error);
void citynet_figure_options_set_seed(CitynetFigureOptions *options, guint64 seed);
void citynet_figure_options_set_title(CitynetFigureOptions *options,
                                      const char *title);
void citynet_figure_options_set_baseline(CitynetFigureOptions *options,
                                         CitynetView *view, gsize node,
                                         const char *label);
void citynet_figure_options_set_interval(CitynetFigureOptions *options,
                                         const char *const *groups,
                                         const double *low, const double *high,
                                         gsize n, const char *label);
char **citynet_figure_default_groups(CitynetView *view, gsize focus,
                                     GError **error);

typedef struct _CitynetFigure CitynetFigure;

CitynetFigure *citynet_figure_render(CitynetView *view, gsize focus,
                                     CitynetFigureKind kind,
                                     const CitynetFigureOptions *options,
                                     CitynetFigureFormat format, const char *path,
                                     GError **error);
void citynet_figure_free(CitynetFigure *figure);
CitynetFigureKind citynet_figure_get_kind(const CitynetFigure *figure);
CitynetFigureFormat citynet_figure_get_format(const CitynetFigure *figure);
void citynet_figure_get_size(const CitynetFigure *figure, double *width,
                             double *height);
const guint8 *citynet_figure_get_data(const CitynetFigure *figure, gsize *length);
const char *citynet_figure_get_title(const CitynetFigure *figure);
const char *citynet_figure_get_caption(const CitynetFigure *figure);

typedef enum {
  CITYNET_FIGURE_TEXT_TITLE,
  CITYNET_FIGURE_TEXT_LABEL,
  CITYNET_FIGURE_TEXT_LEGEND,
  CITYNET_FIGURE_TEXT_AXIS,
  CITYNET_FIGURE_TEXT_NOTE
} CitynetFigureTextRole;

gsize citynet_figure_n_texts(const CitynetFigure *figure);
const char *citynet_figure_text(const CitynetFigure *figure, gsize i,
                                CitynetFigureTextRole *role, double *x, double *y,
                                double *width, double *height);

typedef enum {
  CITYNET_FIGURE_LABEL_BESIDE,
  CITYNET_FIGURE_LABEL_LEADER,
  CITYNET_FIGURE_LABEL_OMITTED
} CitynetFigureLabelPlacement;

gsize citynet_figure_n_labels(const CitynetFigure *figure);
const char *citynet_figure_label(const CitynetFigure *figure, gsize i, gsize *node,
                                 CitynetFigureLabelPlacement *placement);
gsize citynet_figure_n_omitted_labels(const CitynetFigure *figure);
gsize citynet_figure_n_glyphs(const CitynetFigure *figure);
