/* libcitynet - internal structures and helpers shared by the modules.
 * Nothing here is installed or exported. */
#ifndef CITYNET_PRIVATE_H
#define CITYNET_PRIVATE_H

#ifndef CITYNET_COMPILATION
#define CITYNET_COMPILATION
#endif

#include <citynet/citynet.h>

G_BEGIN_DECLS

/* ------------------------------------------------------------------------ */
/* Errors with a location (error.c)                                         */
/* ------------------------------------------------------------------------ */

/* Sets a CITYNET_ERROR_DATA error "FILE:LINE:COL: message" carrying the
 * location. @file is the name shown (e.g. "ties.csv"); line/column 0 are
 * omitted from the message. @count is the total number of problems. */
void citynet_set_data_error(GError **error, const char *file, guint line,
                            guint column, guint count, const char *message);

/* ------------------------------------------------------------------------ */
/* Interned strings (strpool.c)                                             */
/* ------------------------------------------------------------------------ */

/* A pool of unique NUL-terminated strings with dense 32-bit handles.
 * Handle 0 is reserved for "no string" (NULL). Strings live until the pool
 * is freed; lookups are one hash probe. The index is an open-addressing
 * table of (hash, handle) slots (strpool.c says why). */
typedef struct _CitynetStrSlot CitynetStrSlot;
typedef struct {
  CitynetStrSlot *slots; /* index; handle 0 marks an empty slot */
  gsize mask;            /* number of slots - 1 */
  GPtrArray *strings;    /* handle -> char* ; [0] = NULL */
  GStringChunk *chunk;
} CitynetStrPool;

void citynet_strpool_init(CitynetStrPool *pool);
void citynet_strpool_clear(CitynetStrPool *pool);
/* Returns the handle of @text (length @len, need not be NUL-terminated),
 * adding it when new. @text must not contain NUL. */
guint32 citynet_strpool_intern_len(CitynetStrPool *pool, const char *text,
                                   gsize len);
guint32 citynet_strpool_intern(CitynetStrPool *pool, const char *text);
/* The pool's hash of @len bytes at @text (never 0), and intern_len with
 * that hash already computed: for loaders that hash a field once and use
 * it for several lookups. */
guint32 citynet_strpool_hash(const char *text, gsize len);
guint32 citynet_strpool_intern_hashed(CitynetStrPool *pool, const char *text,
                                      gsize len, guint32 hash);
/* Makes room for @extra more strings without growing the index again. */
void citynet_strpool_reserve(CitynetStrPool *pool, gsize extra);
/* Starts loading the index slot of a string with hash @hash into the
 * cache, ahead of an intern or lookup. */
void citynet_strpool_prefetch(const CitynetStrPool *pool, guint32 hash);
/* Returns the handle of @text or 0 when absent. */
guint32 citynet_strpool_lookup(const CitynetStrPool *pool, const char *text);
static inline const char *
citynet_strpool_get(const CitynetStrPool *pool, guint32 handle)
{
  return (const char *) g_ptr_array_index(pool->strings, handle);
}

/* ------------------------------------------------------------------------ */
/* Text helpers (text.c)                                                    */
/* ------------------------------------------------------------------------ */

/* The folded matching key of a UTF-8 string: NFKD, combining marks removed,
 * case folded, Turkish dotless ı mapped to i, look-alike letters unified,
 * NFC. Returns a newly allocated string (g_free). @text must be valid UTF-8. */
char *citynet_text_fold(const char *text);
/* Levenshtein distance over bytes, capped at @cap (returns cap+1 beyond). */
guint citynet_text_distance(const char *a, const char *b, guint cap);
/* Whether @text is acceptable as an identifier-like field: valid UTF-8, no
 * control characters, non-empty. */
gboolean citynet_text_is_clean(const char *text, gssize len);
/* Whether @code is three ASCII capitals. */
gboolean citynet_text_is_iso3(const char *code);

/* ------------------------------------------------------------------------ */
/* Dates (date.c)                                                           */
/* ------------------------------------------------------------------------ */

/* Parses a date from a non-terminated field; returns FALSE when invalid. */
gboolean citynet_date_parse_len(const char *text, gsize len, CitynetDate *out);
/* Sentinel "far future" day used for an open end in comparisons. */
#define CITYNET_DATE_MAX ((CitynetDate) 99991231u)

/* ------------------------------------------------------------------------ */
/* The network (network.c)                                                  */
/* ------------------------------------------------------------------------ */

/* One tie: 32 bytes. Strings are pool handles. */
typedef struct {
  guint32 source;
  guint32 target;
  double weight;
  CitynetDate start;
  CitynetDate end;
  guint32 ref;      /* handle in network->strings, 0 = none */
  guint16 layer;    /* index into network->layers */
  guint8 directed;
  guint8 reserved;
} CitynetTieRec;

/* The tie store. Not a GArray: GArray rounds its capacity up to a power
 * of two, which at ten million ties leaves 190 MB reserved and unused. This
 * one grows by half and can be reserved (and trimmed) exactly. The field
 * names match GArray's so g_array_index() reads it. */
typedef struct {
  CitynetTieRec *data;
  guint len;
  guint capacity;
} CitynetTieArray;

/* Makes room for @extra more ties without changing the length; exact. */
void citynet_tie_array_reserve(CitynetTieArray *ties, gsize extra);
/* Releases capacity beyond the length. */
void citynet_tie_array_trim(CitynetTieArray *ties);

typedef struct {
  const char *id;     /* in network->strings */
  const char *name;   /* in network->strings */
  double latitude;    /* NaN when unknown */
  double longitude;   /* NaN when unknown */
  double population;  /* NaN when unknown */
  gint32 country;     /* index into network->country_codes, -1 = none */
  guint16 kind;       /* index into network->kinds */
  guint16 reserved;
} CitynetNodeRec;

typedef struct {
  guint32 country;    /* index into network->countries */
  guint32 group;      /* index into network->groups */
  CitynetDate start;
  CitynetDate end;
  guint32 ref;        /* handle in network->strings, 0 = none */
} CitynetMembershipRec;

typedef struct {
  const char *code;   /* in network->strings */
  const char *name;   /* in network->strings */
  GArray *attributes; /* double per network->country_attr_keys, NaN = absent; may be NULL */
} CitynetCountryRec;

/* Extra string attributes, one column per key: values[i] is a pool handle
 * (0 = absent) for node/tie i. Columns grow lazily up to the record count. */
typedef struct {
  GPtrArray *keys;     /* const char* (in the pool), NULL-terminated */
  GHashTable *index;   /* key -> GUINT_TO_POINTER(column + 1) */
  GPtrArray *columns;  /* GArray<guint32> per key, values are pool handles */
} CitynetAttrTable;

/* A small set of names with dense indices (kinds, layers, groups, ...):
 * names is NULL-terminated so it can be handed out as const char *const *. */
typedef struct {
  GPtrArray *names;    /* const char* (in the pool), NULL-terminated */
  GHashTable *index;   /* name -> GUINT_TO_POINTER(index + 1) */
} CitynetNameTable;

/* The network's incidence index (incidence.c, view-private.h). */
typedef struct _CitynetIncidence CitynetIncidence;

struct _CitynetNetwork {
  gint ref_count;
  CitynetStrPool strings;      /* every string of the network */

  GArray *nodes;               /* CitynetNodeRec */
  GHashTable *node_by_id;      /* const char* id -> GUINT_TO_POINTER(index + 1) */
  CitynetAttrTable node_attrs;

  CitynetTieArray *ties;       /* CitynetTieRec, read with g_array_index() */
  CitynetAttrTable tie_attrs;

  CitynetNameTable kinds;      /* node kinds; the first three are built in */
  CitynetNameTable layers;     /* tie layers in first-use order */

  GArray *countries;           /* CitynetCountryRec (declared countries) */
  GHashTable *country_by_code; /* const char* -> GUINT_TO_POINTER(index + 1) */
  CitynetNameTable country_codes; /* codes used by nodes (CitynetNodeRec.country) */
  CitynetNameTable country_attr_keys;
  CitynetNameTable groups;
  GArray *memberships;         /* CitynetMembershipRec */
  GPtrArray *country_spells;   /* per declared country: GArray<guint32> of membership indices */

  GMutex lookup_lock;          /* guards the lazily built lookup indices */
  GHashTable *name_index;      /* exact display name -> GArray<guint32> nodes */
  GHashTable *fold_index;      /* folded id or name -> GArray<guint32> nodes */

  GMutex incidence_lock;       /* guards the lazily built incidence index */
  CitynetIncidence *incidence; /* NULL until the first view needs it */
};

/* Frees the incidence index, if any (incidence.c): a node or tie was
 * added, or the network is going away. Needs exclusive access. */
void citynet_network_drop_incidence(CitynetNetwork *network);

/* Name tables (network.c). */
void citynet_name_table_init(CitynetNameTable *table);
void citynet_name_table_clear(CitynetNameTable *table);
/* Index of @name (a pool string) or -1. */
gssize citynet_name_table_find(const CitynetNameTable *table, const char *name);
/* Index of @name, adding it (interned in @pool) when new. */
guint citynet_name_table_add(CitynetNameTable *table, CitynetStrPool *pool,
                             const char *name);
static inline const char *
citynet_name_table_get(const CitynetNameTable *table, guint index)
{
  return (const char *) g_ptr_array_index(table->names, index);
}
/* The id closest to @query by folded edit distance (at most 3 edits, or
 * the same folded key), or NULL: used for "did you mean" hints. Borrowed. */
const char *citynet_network_suggest_id(const CitynetNetwork *network,
                                       const char *query);

/* Fast internal builders used by the loaders: the caller has validated the
 * values. They return indices, never fail. */
guint16 citynet_network_intern_layer(CitynetNetwork *network, const char *layer);
gssize citynet_network_kind_index(const CitynetNetwork *network, const char *kind);
gint32 citynet_network_intern_country_code(CitynetNetwork *network, const char *code);
gsize citynet_network_append_node(CitynetNetwork *network, const char *id,
                                  guint16 kind, const char *name,
                                  gint32 country);
gsize citynet_network_append_tie(CitynetNetwork *network,
                                 const CitynetTieRec *tie);
void citynet_network_set_node_attr_handle(CitynetNetwork *network, gsize node,
                                          guint32 key, guint32 value);
void citynet_network_set_tie_attr_handle(CitynetNetwork *network, gsize tie,
                                         guint32 key, guint32 value);
/* Column of attribute @key in a table, adding it (interned in the
 * network's pool) when new. */
guint32 citynet_attr_table_key(CitynetNetwork *network, CitynetAttrTable *table,
                               const char *key);
/* Groups of a country index (into network->countries) on a day, sorted,
 * appended to @out as const char* (borrowed). */
void citynet_network_collect_groups(const CitynetNetwork *network,
                                    gsize country, CitynetDate day,
                                    GPtrArray *out);
/* Declared-country index of a node, or -1. */
gssize citynet_network_node_country_index(const CitynetNetwork *network,
                                          gsize node);

/* ------------------------------------------------------------------------ */
/* igraph glue (igraph-glue.c)                                              */
/* ------------------------------------------------------------------------ */

/* Every igraph call goes between citynet_igraph_enter() and
 * citynet_igraph_leave(): they take the library-wide igraph lock, install
 * our returning error and warning handlers, and restore the host's
 * handlers on leave. */
void citynet_igraph_enter(void);
void citynet_igraph_leave(void);
/* Converts a non-zero igraph return code (with the reason recorded by our
 * handler) into CITYNET_ERROR_COMPUTATION. Must be called between enter and
 * leave. Returns TRUE when @code is IGRAPH_SUCCESS. */
gboolean citynet_igraph_check(int code, const char *what, GError **error);

G_END_DECLS

#endif /* CITYNET_PRIVATE_H */
