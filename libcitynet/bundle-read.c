/* libcitynet - reading and validating bundles.
 *
 * Loading and validation are one code path: the reader parses every file
 * completely, checks every row, builds the network from the good rows and
 * records each problem with its location. citynet_bundle_load() keeps only
 * the first problem's message (but counts them all) and throws the network
 * away when there was any; citynet_bundle_validate() keeps the messages.
 *
 * Files are read in dependency order: kinds.csv, countries.csv,
 * country_groups.csv, nodes.csv, ties.csv. The first problem is the first
 * one met in that order.
 *
 * Speed matters for ties.csv (millions of rows): the file is mapped and
 * tokenized in place, its fields read as slices of the mapping; a row
 * costs one probe per endpoint in a cache-friendly id index, refs and
 * attribute values go through a small cache of recurring strings in front
 * of the network's pool, the layer through a small cache of its own, and
 * numbers take a locale-free fast path. The cache misses of a row are
 * started rows ahead of its turn (TieQueue) so that they overlap. Nothing
 * is allocated per row, and the large arrays are sized from an estimate of
 * the rows and backed up front. */
#include <math.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "csv.h"
#include "progress-private.h"

#if defined(__GNUC__)
#define PREFETCH(address) __builtin_prefetch(address)
#else
#define PREFETCH(address) ((void) (address))
#endif

/* ------------------------------------------------------------------------ */
/* Problems                                                                 */
/* ------------------------------------------------------------------------ */

/* How many messages citynet_bundle_validate() keeps; all are counted. */
#define MAX_KEPT_PROBLEMS 10000

typedef struct {
  const char *file; /* static file name within the bundle, NULL = bundle */
  guint line;
  guint column;
  gboolean io;      /* a file could not be read (rather than bad data) */
  char *message;
} CitynetProblem;

struct _CitynetProblems {
  GArray *items;    /* CitynetProblem */
  gsize total;      /* every problem found, kept or not */
  gsize keep;       /* how many messages to keep */
};

static void
problem_clear(gpointer data)
{
  CitynetProblem *problem = data;
  g_clear_pointer(&problem->message, g_free);
}

static CitynetProblems *
problems_new(gsize keep)
{
  CitynetProblems *problems = g_new0(CitynetProblems, 1);
  problems->items = g_array_new(FALSE, FALSE, sizeof(CitynetProblem));
  g_array_set_clear_func(problems->items, problem_clear);
  problems->keep = keep;
  return problems;
}

gsize
citynet_problems_count(const CitynetProblems *problems)
{
  g_return_val_if_fail(problems != NULL, 0);
  return problems->items->len;
}

const char *
citynet_problems_get(const CitynetProblems *problems, gsize index,
                     const char **file, guint *line, guint *column)
{
  g_return_val_if_fail(problems != NULL && index < problems->items->len, NULL);
  const CitynetProblem *problem =
      &g_array_index(problems->items, CitynetProblem, index);
  if (file != NULL)
    *file = problem->file;
  if (line != NULL)
    *line = problem->line;
  if (column != NULL)
    *column = problem->column;
  return problem->message;
}

void
citynet_problems_free(CitynetProblems *problems)
{
  if (problems == NULL)
    return;
  g_array_unref(problems->items);
  g_free(problems);
}

/* ------------------------------------------------------------------------ */
/* Columns of each file                                                     */
/* ------------------------------------------------------------------------ */

typedef struct {
  const char *name;
  gboolean required;
} ColumnSpec;

enum { KIND_KIND, KIND_DESCRIPTION, KIND_N };
static const ColumnSpec kind_columns[] = {
  {"kind", TRUE}, {"description", FALSE}, {NULL, FALSE},
};

enum { COUNTRY_ISO3, COUNTRY_NAME, COUNTRY_N };
static const ColumnSpec country_columns[] = {
  {"iso3", TRUE}, {"name", TRUE}, {NULL, FALSE},
};

enum { GROUP_ISO3, GROUP_GROUP, GROUP_START, GROUP_END, GROUP_REF, GROUP_N };
static const ColumnSpec group_columns[] = {
  {"iso3", TRUE}, {"group", TRUE}, {"start", FALSE}, {"end", FALSE},
  {"ref", FALSE}, {NULL, FALSE},
};

enum {
  NODE_ID, NODE_KIND, NODE_NAME, NODE_COUNTRY, NODE_LAT, NODE_LON,
  NODE_POPULATION, NODE_N
};
static const ColumnSpec node_columns[] = {
  {"id", TRUE},   {"kind", TRUE}, {"name", FALSE},       {"country", FALSE},
  {"lat", FALSE}, {"lon", FALSE}, {"population", FALSE}, {NULL, FALSE},
};

enum {
  TIE_SOURCE, TIE_TARGET, TIE_LAYER, TIE_WEIGHT, TIE_DIRECTED, TIE_START,
  TIE_END, TIE_REF, TIE_N
};
static const ColumnSpec tie_columns[] = {
  {"source", TRUE},    {"target", TRUE}, {"layer", TRUE}, {"weight", FALSE},
  {"directed", FALSE}, {"start", FALSE}, {"end", FALSE},  {"ref", FALSE},
  {NULL, FALSE},
};

#define MAX_KNOWN_COLUMNS 8

/* What becomes of the columns a file does not define. */
typedef enum {
  EXTRAS_IGNORE,
  EXTRAS_NODE_ATTRIBUTES,
  EXTRAS_TIE_ATTRIBUTES,
  EXTRAS_COUNTRY_ATTRIBUTES
} ExtrasPolicy;

typedef struct {
  guint field;      /* 0-based field index */
  guint32 key;      /* attribute column (nodes, ties) */
  const char *name; /* interned column name */
} ExtraColumn;

typedef struct {
  const ColumnSpec *spec;
  gint field[MAX_KNOWN_COLUMNS]; /* field index of each known column, -1 */
  GArray *extras;                /* ExtraColumn */
  guint n_fields;
} Header;

/* ------------------------------------------------------------------------ */
/* The reader                                                               */
/* ------------------------------------------------------------------------ */

/* The index of node ids used for tie endpoints, the hottest lookup of a
 * load. A GHashTable probe touches four cache lines (hashes, keys, the key
 * string, values); once the ids of a large network no longer fit in cache,
 * those misses dominate the load time. Here a 16-byte slot holds the hash,
 * the node and the id itself when it has at most 8 bytes (most ids do:
 * "c12345", "gov-TUR"), so a hit costs one cache line, and four slots
 * share a line. Longer ids keep their first 8 bytes and are confirmed
 * against the node's id. Open addressing with linear probing, at most half
 * full; filled while nodes.csv is read (it also finds duplicate ids). */
#define ID_INLINE 8

typedef struct {
  guint32 hash;   /* id_hash(); 0 marks an empty slot */
  guint32 node;
  guint64 key;    /* id_key(): the id's first bytes, zero-padded */
} IdSlot;

typedef struct {
  IdSlot *slots;
  gsize mask;
  gsize used;
  const GArray *nodes; /* CitynetNodeRec, for ids longer than the inline key */
} IdIndex;

/* Pool handles of the strings of ties.csv (refs, attribute values) that
 * recur, in front of the pool: a slot is one cache line holding the hash,
 * the handle and the string, so a hit costs one line and no string
 * compare elsewhere in memory. Direct-mapped (a slot is overwritten by the
 * next string that hashes to it) so its size stays fixed; longer strings
 * go to the pool directly. A string enters the cache when it is seen the
 * second time: unique refs (URLs) would only evict recurring ones. */
#define STR_INLINE 55

typedef struct {
  guint32 hash;              /* 0 marks an empty slot */
  guint32 handle;
  char key[STR_INLINE + 1];  /* the string and its NUL */
} StrSlot;

typedef struct {
  StrSlot *slots;            /* NULL until ties.csv is read */
  gsize mask;
} StrCache;

/* Rows of ties.csv read but not yet resolved. Resolving a tie starts with
 * cache misses (the two endpoints in the id index, the ref in the string
 * tables) that would otherwise be waited for one row after another: a row
 * is hashed and its slots prefetched when it is read, and resolved
 * TIE_LOOKAHEAD rows later, so the misses of several rows overlap and
 * tokenizing the rows in between hides them. Rows are resolved strictly
 * in file order, and the queue is emptied before any problem the
 * tokenizer finds is reported, so problems and ties come out exactly as
 * without it. A row's fields are slices of the mapped file, which stay
 * valid; the rare unescaped field (in the reader's scratch buffer, reused
 * by the next record) is copied to the row's own buffer. */
#define TIE_LOOKAHEAD 8u

typedef struct {
  CitynetCsvSpan *spans;  /* TIE_LOOKAHEAD rows of n_fields spans */
  guint n_fields;
  guint head;             /* oldest row */
  guint count;
  guint line[TIE_LOOKAHEAD];
  guint32 hash[TIE_LOOKAHEAD][3]; /* source, target (id_hash), ref */
  GString *unescaped[TIE_LOOKAHEAD]; /* copies of unescaped fields */
} TieQueue;

enum { HASH_SOURCE, HASH_TARGET, HASH_REF };

/* Layers of ties.csv by a cheap key of their text (length, first and
 * last byte), direct-mapped: a file has a handful of layers, in any
 * order, so nearly every row finds its layer here with one comparison
 * instead of hashing it into the network's name table. */
#define LAYER_CACHE 64u

typedef struct {
  const char *name;    /* in the pool; NULL = empty entry */
  gsize len;
  guint16 index;
} LayerEntry;

typedef struct {
  LayerEntry entries[LAYER_CACHE];
} LayerCache;

typedef struct {
  const char *dir;
  CitynetNetwork *network;
  CitynetProblems *problems;

  const char *file;         /* the file being read, e.g. "ties.csv" */
  CitynetCsvReader reader;

  gboolean nodes_usable;    /* nodes.csv was read: tie endpoints can be checked */
  GArray *node_lines;       /* guint32: line of each node's row */
  GHashTable *rejected_ids; /* char* id of a rejected node row -> line */
  GHashTable *country_lines;/* interned code -> line, for every row of
                               countries.csv with a valid code, even a
                               rejected one (so nodes naming it are not
                               reported again) */
  GHashTable *kind_lines;   /* interned kind -> line */

  GPtrArray *folded_ids;    /* folded key of each node id, built on demand */
  GHashTable *suggestions;  /* unknown id (owned) -> suggested id or NULL */

  /* The row being checked: its fields and line. For most files this is
   * the reader's current record; for ties.csv a row from the queue. */
  const CitynetCsvSpan *row_spans;
  guint row_line;

  LayerCache layers;
  TieQueue tie_queue;
  IdIndex ids;
  StrCache strings;
  GString *terminated;      /* NUL-terminated copy of a queued field */

  GString *quote[2];        /* scratch for values shown in messages */
  gboolean cancelled;       /* the progress handler stopped the reading */
} BundleReader;

/* A value as shown in a message: in quotes, control characters escaped,
 * cut after 120 bytes so a 1 MiB field does not make a 1 MiB message. */
static const char *
quoted(BundleReader *br, guint slot, const char *value, gsize len)
{
  GString *out = br->quote[slot];
  g_string_assign(out, "\"");
  gsize shown = len;
  if (shown > 120) {
    const char *cut = g_utf8_find_prev_char(value, value + 121);
    shown = cut != NULL ? (gsize) (cut - value) : 120;
  }
  for (gsize i = 0; i < shown; i++) {
    guchar c = (guchar) value[i];
    if (c == '\n')
      g_string_append(out, "\\n");
    else if (c == '\r')
      g_string_append(out, "\\r");
    else if (c == '\t')
      g_string_append(out, "\\t");
    else if (c < 0x20 || c == 0x7f)
      g_string_append_printf(out, "\\x%02x", c);
    else
      g_string_append_c(out, (char) c);
  }
  g_string_append(out, shown < len ? "\"..." : "\"");
  return out->str;
}

static void
add_problem(CitynetProblems *problems, const char *file, guint line,
            guint column, gboolean io, char *message)
{
  problems->total++;
  if (problems->items->len >= problems->keep) {
    g_free(message);
    return;
  }
  CitynetProblem problem = {file, line, column, io, message};
  g_array_append_val(problems->items, problem);
}

/* Records a problem of the current file at @line:@column. Messages beyond
 * the kept ones are counted without being formatted. */
static void G_GNUC_PRINTF(4, 5)
report_at(BundleReader *br, guint line, guint column, const char *format, ...)
{
  char *message = NULL;
  if (br->problems->items->len < br->problems->keep) {
    va_list args;
    va_start(args, format);
    message = g_strdup_vprintf(format, args);
    va_end(args);
  }
  add_problem(br->problems, br->file, line, column, FALSE, message);
}

/* The same at the line of the row being checked. */
#define report(br, column, ...) \
  report_at((br), (br)->row_line, (column), __VA_ARGS__)

/* Field @column (a known column) of the current row, NUL-terminated; ""
 * when the file has no such column. */
static const char *
get(BundleReader *br, const Header *header, guint column, gsize *len)
{
  gint field = header->field[column];
  if (field < 0) {
    *len = 0;
    return "";
  }
  return citynet_csv_field(&br->reader, (guint) field, len);
}

/* Field @field (0-based) of the row being checked as a slice, not
 * NUL-terminated: for the hot paths, which only need the bytes and their
 * length, so nothing is copied. Works for queued ties.csv rows too (whose
 * only fields in the reader's buffer are empty ones, at offset 0). */
static inline const char *
field_slice(const BundleReader *br, guint field, gsize *len)
{
  const CitynetCsvSpan *span = &br->row_spans[field];
  *len = span->len;
  return span->ptr != NULL ? span->ptr : br->reader.scratch + span->offset;
}

/* Known column @column of the row being checked as a slice; "" when the
 * file has no such column. */
static inline const char *
slice(const BundleReader *br, const Header *header, guint column, gsize *len)
{
  gint field = header->field[column];
  if (field < 0) {
    *len = 0;
    return "";
  }
  return field_slice(br, (guint) field, len);
}

/* A NUL-terminated copy of a slice of a queued ties.csv row (whose fields
 * get() cannot terminate: the reader has moved on), valid until the next
 * call. Only for the rare rows that need a message or a new layer. */
static const char *
terminated(BundleReader *br, const char *text, gsize len)
{
  g_string_truncate(br->terminated, 0);
  g_string_append_len(br->terminated, text, (gssize) len);
  return br->terminated->str;
}

/* Makes the reader's current record the row being checked. */
static void
check_current_record(BundleReader *br)
{
  br->row_spans = br->reader.spans;
  br->row_line = br->reader.record_line;
}

/* The 1-based column number of a known column (0 when absent). */
static guint
col(const Header *header, guint column)
{
  return (guint) (header->field[column] + 1);
}

static gboolean
require_field(BundleReader *br, const Header *header, guint column, gsize len)
{
  if (len > 0)
    return TRUE;
  report(br, col(header, column), "empty required field \"%s\"",
         header->spec[column].name);
  return FALSE;
}

/* Identifiers and names must be printable: they end up in messages,
 * tables and GraphML ids. */
static gboolean
require_clean(BundleReader *br, const Header *header, guint column,
              const char *what, const char *value, gsize len)
{
  if (citynet_text_is_clean(value, (gssize) len))
    return TRUE;
  report(br, col(header, column), "%s %s contains a control character", what,
         quoted(br, 0, value, len));
  return FALSE;
}

static gboolean
parse_date(BundleReader *br, const Header *header, guint column,
           CitynetDate *out)
{
  gsize len;
  const char *text = slice(br, header, column, &len);
  if (len == 0) { /* most end dates: open, without a call */
    *out = CITYNET_DATE_OPEN;
    return TRUE;
  }
  if (citynet_date_parse_len(text, len, out))
    return TRUE;
  report(br, col(header, column),
         "invalid date %s in column \"%s\" (expected YYYY, YYYY-MM or "
         "YYYY-MM-DD)",
         quoted(br, 0, text, len), header->spec[column].name);
  return FALSE;
}

/* Parses the start and end columns; the end's last covered day must not
 * precede the start's first covered day ("2019" to "2019" is fine). */
static gboolean
parse_interval(BundleReader *br, const Header *header, guint start_column,
               guint end_column, CitynetDate *start, CitynetDate *end)
{
  if (!parse_date(br, header, start_column, start) ||
      !parse_date(br, header, end_column, end))
    return FALSE;
  if (*start != CITYNET_DATE_OPEN && *end != CITYNET_DATE_OPEN &&
      citynet_date_last_day(*end) < citynet_date_first_day(*start)) {
    gsize start_len, end_len;
    const char *start_text = slice(br, header, start_column, &start_len);
    const char *end_text = slice(br, header, end_column, &end_len);
    report(br, col(header, end_column), "end %s is before start %s",
           quoted(br, 0, end_text, end_len),
           quoted(br, 1, start_text, start_len));
    return FALSE;
  }
  return TRUE;
}

/* Parses an optional number column; "" leaves *out at NaN. */
static gboolean
parse_number(BundleReader *br, const Header *header, guint column,
             double *out)
{
  gsize len;
  const char *text = get(br, header, column, &len);
  *out = NAN;
  if (len == 0)
    return TRUE;
  if (citynet_csv_parse_double(text, len, out) && isfinite(*out))
    return TRUE;
  report(br, col(header, column),
         "invalid number %s in column \"%s\" (expected a finite decimal "
         "number)",
         quoted(br, 0, text, len), header->spec[column].name);
  return FALSE;
}

/* ------------------------------------------------------------------------ */
/* Memory and lookup tables                                                 */
/* ------------------------------------------------------------------------ */

/* Asks the kernel to back a large freshly reserved block at once, with
 * huge pages where it can. Faulting in 64 MiB of ties 4 KiB at a time
 * costs 0.2 s of CPU on a VM (measured here), a fifth of a two-million-tie
 * load; populated in one call it costs 0.01-0.05 s. Huge pages also spare
 * the TLB misses of random probes into the lookup tables. Both are hints:
 * errors are ignored. */
static void
populate(void *data, gsize bytes)
{
#if defined(MADV_HUGEPAGE) || defined(MADV_POPULATE_WRITE)
  const guintptr huge = 2 * 1024 * 1024;
  if (bytes < 2 * huge)
    return;
  long page_size = sysconf(_SC_PAGESIZE);
  const guintptr page = page_size > 0 ? (guintptr) page_size : 4096;
  guintptr begin = (guintptr) data, end = begin + bytes;
#ifdef MADV_HUGEPAGE
  guintptr huge_begin = (begin + huge - 1) & ~(huge - 1);
  guintptr huge_end = end & ~(huge - 1);
  if (huge_end > huge_begin)
    madvise((void *) huge_begin, huge_end - huge_begin, MADV_HUGEPAGE);
#endif
#ifdef MADV_POPULATE_WRITE
  guintptr page_begin = (begin + page - 1) & ~(page - 1);
  guintptr page_end = end & ~(page - 1);
  if (page_end > page_begin)
    madvise((void *) page_begin, page_end - page_begin, MADV_POPULATE_WRITE);
#endif
#else
  (void) data;
  (void) bytes;
#endif
}

/* Grows @array's allocation to hold @extra more elements without changing
 * its length, so appending row by row never doubles a large array. */
static void
reserve(GArray *array, gsize extra)
{
  guint len = array->len;
  if (extra == 0 || extra > G_MAXUINT - len)
    return;
  g_array_set_size(array, len + (guint) extra);
  g_array_set_size(array, len);
  gsize element = g_array_get_element_size(array);
  populate(array->data + (gsize) len * element, extra * element);
}

/* The hash of a field: the string pool's, so that a ref hashed once for
 * the prefetch is interned with the same hash. Never 0. */
static inline guint32
field_hash(const char *text, gsize len)
{
  return citynet_strpool_hash(text, len);
}

/* The id index's hash: the field hash with its top bit telling short ids
 * (at most ID_INLINE bytes, compared by key alone) from long ones, so a
 * matching hash also means a matching kind of key. Never 0. */
static inline guint32
id_hash_of(guint32 field_hash, gsize len)
{
  guint32 h = field_hash & 0x7fffffffu;
  if (len > ID_INLINE)
    return h | 0x80000000u;
  return h != 0 ? h : 1;
}

static inline guint32
id_hash(const char *id, gsize len)
{
  return id_hash_of(field_hash(id, len), len);
}

/* The first (at most 8) bytes of @id as a little-endian word, zero-padded:
 * ids hold no NUL byte, so for ids of at most 8 bytes equal keys mean
 * equal ids. Reads only the @len bytes (two overlapping loads, or single
 * bytes): @id is usually a slice of the mapped file and may end with it. */
static inline guint64
id_key(const char *id, gsize len)
{
  guint32 a, b;
  if (len >= 8) {
    guint64 v;
    memcpy(&v, id, 8);
    return GUINT64_FROM_LE(v);
  }
  if (len >= 4) {
    memcpy(&a, id, 4);
    memcpy(&b, id + len - 4, 4);
    return (guint64) GUINT32_FROM_LE(a) |
           ((guint64) GUINT32_FROM_LE(b) << (8 * (len - 4)));
  }
  guint64 key = 0;
  for (gsize i = 0; i < len; i++)
    key |= (guint64) (guchar) id[i] << (8 * i);
  return key;
}

static void
id_index_init(IdIndex *index, const GArray *nodes, gsize expected)
{
  gsize size = 16;
  while (size < 2 * expected)
    size *= 2;
  g_free(index->slots);
  index->slots = g_new0(IdSlot, size);
  /* Probes land anywhere in the table: with 4 KiB pages most of them
   * would also miss the TLB. */
  populate(index->slots, size * sizeof(IdSlot));
  index->mask = size - 1;
  index->used = 0;
  index->nodes = nodes;
}

static void
id_index_place(IdIndex *index, const IdSlot *entry)
{
  gsize slot = entry->hash & index->mask;
  while (index->slots[slot].hash != 0)
    slot = (slot + 1) & index->mask;
  index->slots[slot] = *entry;
}

/* Adds node @node whose id @id (length @len) hashes to @h; the caller has
 * checked that the id is new. Doubles the table when half full. */
static void
id_index_insert(IdIndex *index, const char *id, gsize len, guint32 h,
                guint32 node)
{
  if (2 * (index->used + 1) > index->mask + 1) {
    IdSlot *old = index->slots;
    gsize old_size = index->mask + 1;
    index->slots = g_new0(IdSlot, 2 * old_size);
    populate(index->slots, 2 * old_size * sizeof(IdSlot));
    index->mask = 2 * old_size - 1;
    for (gsize i = 0; i < old_size; i++)
      if (old[i].hash != 0)
        id_index_place(index, &old[i]);
    g_free(old);
  }
  IdSlot entry = {h, node, id_key(id, len)};
  id_index_place(index, &entry);
  index->used++;
}

/* The node whose id is @id (@len bytes, no NUL among them, not
 * necessarily NUL-terminated) with hash @h (id_hash()), or -1. */
static inline gint64
id_index_find(const IdIndex *index, const char *id, gsize len, guint32 h)
{
  guint64 key = id_key(id, len);
  for (gsize slot = h & index->mask; index->slots[slot].hash != 0;
       slot = (slot + 1) & index->mask) {
    const IdSlot *entry = &index->slots[slot];
    if (entry->hash != h || entry->key != key)
      continue;
    if (len <= ID_INLINE)
      return entry->node;
    const char *stored =
        g_array_index(index->nodes, CitynetNodeRec, entry->node).id;
    if (strncmp(stored, id, len) == 0 && stored[len] == '\0')
      return entry->node;
  }
  return -1;
}

static void
str_cache_init(StrCache *cache, gsize max_rows)
{
  gsize size = 256;
  while (size < max_rows && size < 65536)
    size *= 2;
  cache->slots = g_new0(StrSlot, size);
  populate(cache->slots, size * sizeof(StrSlot));
  cache->mask = size - 1;
}

/* The cache slot for a string of length @len and hash @h, or NULL when
 * it is too long for the cache (or there is no cache). */
static inline StrSlot *
str_cache_slot(const StrCache *cache, gsize len, guint32 h)
{
  if (len > STR_INLINE || cache->slots == NULL)
    return NULL;
  return &cache->slots[h & cache->mask];
}

static inline gboolean
str_slot_holds(const StrSlot *slot, const char *text, gsize len, guint32 h)
{
  return slot->hash == h && slot->key[len] == '\0' &&
         memcmp(slot->key, text, len) == 0;
}

/* The pool handle of @text (length @len, not necessarily NUL-terminated,
 * hash @h), interning it when new. */
static guint32
str_cache_intern(StrCache *cache, CitynetStrPool *pool, const char *text,
                 gsize len, guint32 h)
{
  StrSlot *slot = str_cache_slot(cache, len, h);
  if (slot != NULL && str_slot_holds(slot, text, len, h))
    return slot->handle;
  guint pool_size = pool->strings->len;
  guint32 handle = citynet_strpool_intern_hashed(pool, text, len, h);
  if (slot != NULL && handle < pool_size) { /* seen before: it recurs */
    slot->hash = h;
    slot->handle = handle;
    memcpy(slot->key, text, len);
    slot->key[len] = '\0';
  }
  return handle;
}

/* ------------------------------------------------------------------------ */
/* Files and headers                                                        */
/* ------------------------------------------------------------------------ */

/* Maps @file of the bundle. Returns NULL when it cannot be read (reported
 * unless it is an optional file that does not exist). */
static GMappedFile *
map_file(BundleReader *br, const char *file, gboolean required)
{
  char *path = g_build_filename(br->dir, file, NULL);
  char *message = NULL;
  GMappedFile *map = NULL;
  if (!g_file_test(path, G_FILE_TEST_EXISTS)) {
    if (required)
      message = g_strdup_printf("cannot read \"%s\": no such file", path);
  } else if (g_file_test(path, G_FILE_TEST_IS_DIR)) {
    message = g_strdup_printf("cannot read \"%s\": it is a directory", path);
  } else {
    GError *error = NULL;
    map = g_mapped_file_new(path, FALSE, &error);
    if (map == NULL) {
      message = g_strdup_printf("cannot read \"%s\": %s", path,
                                error->message);
      g_error_free(error);
    }
  }
  if (message != NULL)
    add_problem(br->problems, file, 0, 0, TRUE, message);
  g_free(path);
  return map;
}

static void
header_clear(Header *header)
{
  g_clear_pointer(&header->extras, g_array_unref);
}

/* Registers an extra column according to the file's policy. */
static void
add_extra(BundleReader *br, Header *header, ExtrasPolicy policy, guint field,
          const char *name)
{
  ExtraColumn extra = {field, 0, NULL};
  CitynetNetwork *network = br->network;
  switch (policy) {
  case EXTRAS_IGNORE:
    return;
  case EXTRAS_NODE_ATTRIBUTES:
    extra.key = citynet_attr_table_key(network, &network->node_attrs, name);
    break;
  case EXTRAS_TIE_ATTRIBUTES:
    extra.key = citynet_attr_table_key(network, &network->tie_attrs, name);
    break;
  case EXTRAS_COUNTRY_ATTRIBUTES:
    extra.name = citynet_strpool_get(
        &network->strings, citynet_strpool_intern(&network->strings, name));
    break;
  }
  g_array_append_val(header->extras, extra);
}

/* Reads the header row: locates the known columns by name and registers
 * the others. Returns FALSE when the rows cannot be interpreted (no
 * header, a required column missing); bad or duplicate column names are
 * reported and their columns ignored. */
static gboolean
read_header(BundleReader *br, Header *header, const ColumnSpec *spec,
            ExtrasPolicy policy)
{
  CitynetCsvReader *reader = &br->reader;
  header->spec = spec;
  header->extras = g_array_new(FALSE, FALSE, sizeof(ExtraColumn));
  for (guint i = 0; i < MAX_KNOWN_COLUMNS; i++)
    header->field[i] = -1;

  CitynetCsvStatus status = citynet_csv_reader_next(reader);
  check_current_record(br);
  if (status == CITYNET_CSV_END) {
    report_at(br, 1, 0, "empty file (expected a header row)");
    return FALSE;
  }
  if (status == CITYNET_CSV_BAD) {
    report(br, reader->problem_column, "%s",
           citynet_csv_problem_message(reader->problem));
    return FALSE;
  }

  /* Column names point into the reader's buffer, valid until the next
   * record: enough to find duplicates in linear time. */
  GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
  header->n_fields = citynet_csv_n_fields(reader);
  for (guint f = 0; f < header->n_fields; f++) {
    gsize len;
    const char *name = citynet_csv_field(reader, f, &len);
    if (len == 0) {
      report(br, f + 1, "empty column name");
      continue;
    }
    if (!citynet_text_is_clean(name, (gssize) len)) {
      report(br, f + 1, "column name %s contains a control character",
             quoted(br, 0, name, len));
      continue;
    }
    gpointer first = g_hash_table_lookup(seen, name);
    if (first != NULL) {
      report(br, f + 1, "duplicate column %s (also column %u)",
             quoted(br, 0, name, len), GPOINTER_TO_UINT(first));
      continue;
    }
    g_hash_table_insert(seen, (gpointer) name, GUINT_TO_POINTER(f + 1));
    gboolean known = FALSE;
    for (guint c = 0; spec[c].name != NULL && !known; c++) {
      if (strcmp(spec[c].name, name) == 0) {
        header->field[c] = (gint) f;
        known = TRUE;
      }
    }
    if (!known)
      add_extra(br, header, policy, f, name);
  }
  g_hash_table_unref(seen);

  gboolean usable = TRUE;
  for (guint c = 0; spec[c].name != NULL; c++) {
    if (spec[c].required && header->field[c] < 0) {
      report(br, 0, "missing required column \"%s\"", spec[c].name);
      usable = FALSE;
    }
  }
  return usable;
}

typedef void (*RowReader)(BundleReader *br, const Header *header);
/* Called once a file is mapped, with its text, to pre-size arrays. */
typedef void (*TablePrepare)(BundleReader *br, const char *text, gsize length);
/* Finishes the rows a RowReader has queued: called before a problem found
 * by the tokenizer is reported, and after the last row. */
typedef void (*TableFlush)(BundleReader *br, const Header *header);

/* Progress (CitynetProgressFunc): the bytes of ties.csv read, reported
 * at its start, every PROGRESS_ROWS rows and at its end. A countdown
 * costs the row loop one decrement, and 64k rows take about 20 ms. */
#define LOAD_PROGRESS "Loading bundle"
#define PROGRESS_ROWS 65536u

/* Reports @done of @length bytes; FALSE (and br->cancelled) when the
 * handler cancels. */
static gboolean
report_load(BundleReader *br, gsize done, gsize length)
{
  double fraction = length > 0 ? (double) done / (double) length : 1.0;
  if (!citynet_progress_report(LOAD_PROGRESS, fraction))
    br->cancelled = TRUE;
  return !br->cancelled;
}

/* Reads one file of the bundle row by row, reporting progress when
 * @progress. Returns whether its rows could be read at all (the file
 * exists and has a usable header). When the progress handler cancels,
 * the rest of the file is skipped and br->cancelled is set. */
static gboolean
read_table(BundleReader *br, const char *file, gboolean required,
           const ColumnSpec *spec, ExtrasPolicy policy, RowReader read_row,
           TablePrepare prepare, TableFlush flush, gboolean progress)
{
  GMappedFile *map = map_file(br, file, required);
  if (map == NULL)
    return FALSE;

  br->file = file;
  const char *text = g_mapped_file_get_contents(map);
  gsize length = g_mapped_file_get_length(map);
  if (prepare != NULL && length > 0)
    prepare(br, text, length);
  citynet_csv_reader_init(&br->reader, text != NULL ? text : "", length);

  Header header = {0};
  gboolean usable = read_header(br, &header, spec, policy);
  gboolean reading = usable && (!progress || report_load(br, 0, length));
  guint countdown = PROGRESS_ROWS;
  CitynetCsvStatus status;
  while (reading && (status = citynet_csv_reader_next(&br->reader)) !=
                        CITYNET_CSV_END) {
    CitynetCsvReader *reader = &br->reader;
    if (G_UNLIKELY(--countdown == 0)) {
      countdown = PROGRESS_ROWS;
      if (progress && !report_load(br, reader->pos, length))
        break;
    }
    gboolean bad = status == CITYNET_CSV_BAD ||
                   citynet_csv_n_fields(reader) != header.n_fields;
    if (bad && flush != NULL)
      flush(br, &header); /* earlier rows' problems come first */
    check_current_record(br);
    if (status == CITYNET_CSV_BAD) {
      report(br, reader->problem_column, "%s",
             citynet_csv_problem_message(reader->problem));
      continue;
    }
    if (bad) {
      report(br, 0, "expected %u fields as in the header, found %u",
             header.n_fields, citynet_csv_n_fields(reader));
      continue;
    }
    read_row(br, &header);
  }
  if (usable && !br->cancelled && flush != NULL)
    flush(br, &header);
  if (usable && progress && !br->cancelled)
    report_load(br, length, length);

  header_clear(&header);
  citynet_csv_reader_clear(&br->reader);
  g_mapped_file_unref(map);
  br->file = NULL;
  return usable;
}

/* ------------------------------------------------------------------------ */
/* kinds.csv                                                                */
/* ------------------------------------------------------------------------ */

static void
read_kind_row(BundleReader *br, const Header *header)
{
  gsize len;
  const char *kind = get(br, header, KIND_KIND, &len);
  if (!require_field(br, header, KIND_KIND, len) ||
      !require_clean(br, header, KIND_KIND, "kind", kind, len))
    return;
  gpointer first = g_hash_table_lookup(br->kind_lines, kind);
  if (first != NULL) {
    report(br, col(header, KIND_KIND),
           "duplicate kind %s (first defined on line %u)",
           quoted(br, 0, kind, len), GPOINTER_TO_UINT(first));
    return;
  }
  GError *error = NULL;
  if (!citynet_network_register_kind(br->network, kind, &error)) {
    report(br, col(header, KIND_KIND), "%s", error->message);
    g_error_free(error);
    return;
  }
  const char *stored = citynet_name_table_get(
      &br->network->kinds,
      (guint) citynet_network_kind_index(br->network, kind));
  g_hash_table_insert(br->kind_lines, (gpointer) stored,
                      GUINT_TO_POINTER(br->reader.record_line));
}

/* ------------------------------------------------------------------------ */
/* countries.csv and country_groups.csv                                     */
/* ------------------------------------------------------------------------ */

static gboolean
check_iso3(BundleReader *br, const Header *header, guint column,
           const char *code, gsize len)
{
  if (citynet_text_is_iso3(code))
    return TRUE;
  report(br, col(header, column),
         "invalid country code %s (expected three ASCII capitals)",
         quoted(br, 0, code, len));
  return FALSE;
}

/* Checks that @code (valid ISO3) is declared in countries.csv; unless
 * @always, only when countries.csv declares some country. */
static gboolean
check_declared(BundleReader *br, const Header *header, guint column,
               const char *code, gsize len, gboolean always)
{
  if ((!always && g_hash_table_size(br->country_lines) == 0) ||
      g_hash_table_contains(br->country_lines, code))
    return TRUE;
  report(br, col(header, column), "unknown country %s (not in countries.csv)",
         quoted(br, 0, code, len));
  return FALSE;
}

static void
read_country_row(BundleReader *br, const Header *header)
{
  gsize code_len, name_len;
  const char *code = get(br, header, COUNTRY_ISO3, &code_len);
  const char *name = get(br, header, COUNTRY_NAME, &name_len);
  if (!require_field(br, header, COUNTRY_ISO3, code_len) ||
      !check_iso3(br, header, COUNTRY_ISO3, code, code_len))
    return;
  gpointer first = g_hash_table_lookup(br->country_lines, code);
  if (first != NULL) {
    report(br, col(header, COUNTRY_ISO3),
           "duplicate country %s (first defined on line %u)",
           quoted(br, 0, code, code_len), GPOINTER_TO_UINT(first));
    return;
  }
  CitynetStrPool *pool = &br->network->strings;
  g_hash_table_insert(br->country_lines,
                      (gpointer) citynet_strpool_get(
                          pool, citynet_strpool_intern_len(pool, code, code_len)),
                      GUINT_TO_POINTER(br->reader.record_line));
  if (!require_field(br, header, COUNTRY_NAME, name_len) ||
      !require_clean(br, header, COUNTRY_NAME, "country name", name, name_len))
    return;

  /* Check every attribute before declaring anything: a row is all or
   * nothing. The values are parsed twice (here and when stored) to avoid
   * a per-row buffer; countries are few. */
  for (guint i = 0; i < header->extras->len; i++) {
    const ExtraColumn *extra = &g_array_index(header->extras, ExtraColumn, i);
    gsize len;
    const char *text = citynet_csv_field(&br->reader, extra->field, &len);
    double value;
    if (len > 0 && !(citynet_csv_parse_double(text, len, &value) &&
                     isfinite(value))) {
      report(br, extra->field + 1,
             "invalid number %s in column \"%s\" (expected a finite decimal "
             "number)",
             quoted(br, 0, text, len), extra->name);
      return;
    }
  }

  if (citynet_network_add_country(br->network, code, name, NULL) < 0)
    return; /* unreachable: the values were checked above */
  for (guint i = 0; i < header->extras->len; i++) {
    const ExtraColumn *extra = &g_array_index(header->extras, ExtraColumn, i);
    gsize len;
    const char *text = citynet_csv_field(&br->reader, extra->field, &len);
    double value = NAN;
    if (len > 0)
      citynet_csv_parse_double(text, len, &value);
    /* NaN for an empty cell still registers the key, so the keys keep
     * the header's order. */
    citynet_network_set_country_attribute(br->network, code, extra->name,
                                          value, NULL);
  }
}

static void
read_group_row(BundleReader *br, const Header *header)
{
  gsize code_len, group_len, ref_len;
  const char *code = get(br, header, GROUP_ISO3, &code_len);
  const char *group = get(br, header, GROUP_GROUP, &group_len);
  if (!require_field(br, header, GROUP_ISO3, code_len) ||
      !check_iso3(br, header, GROUP_ISO3, code, code_len) ||
      !check_declared(br, header, GROUP_ISO3, code, code_len, TRUE) ||
      !require_field(br, header, GROUP_GROUP, group_len) ||
      !require_clean(br, header, GROUP_GROUP, "group", group, group_len))
    return;
  CitynetDate start, end;
  if (!parse_interval(br, header, GROUP_START, GROUP_END, &start, &end))
    return;
  /* A country whose own row was rejected: already reported. */
  if (citynet_network_country_index(br->network, code) < 0)
    return;
  const char *ref = get(br, header, GROUP_REF, &ref_len);
  gsize start_len, end_len;
  const char *start_text = get(br, header, GROUP_START, &start_len);
  const char *end_text = get(br, header, GROUP_END, &end_len);
  GError *error = NULL;
  if (!citynet_network_add_country_group(br->network, code, group, start_text,
                                         end_text, ref, &error)) {
    report(br, col(header, GROUP_GROUP), "%s", error->message);
    g_error_free(error);
  }
}

/* ------------------------------------------------------------------------ */
/* nodes.csv                                                                */
/* ------------------------------------------------------------------------ */

/* Checks a node id for emptiness, control characters and duplicates. */
static gboolean
check_node_id(BundleReader *br, const Header *header, const char *id,
              gsize len, guint32 hash)
{
  if (!require_field(br, header, NODE_ID, len) ||
      !require_clean(br, header, NODE_ID, "node id", id, len))
    return FALSE;
  guint first_line = 0;
  gint64 node = id_index_find(&br->ids, id, len, hash);
  if (node >= 0)
    first_line = g_array_index(br->node_lines, guint32, node);
  else
    first_line = GPOINTER_TO_UINT(g_hash_table_lookup(br->rejected_ids, id));
  if (first_line == 0)
    return TRUE;
  report(br, col(header, NODE_ID),
         "duplicate node id %s (first defined on line %u)",
         quoted(br, 0, id, len), first_line);
  return FALSE;
}

static gboolean
country_required(const char *kind)
{
  return strcmp(kind, CITYNET_KIND_CITY) == 0 ||
         strcmp(kind, CITYNET_KIND_GOVERNMENT) == 0;
}

static gboolean
check_node_country(BundleReader *br, const Header *header, const char *id,
                   gsize id_len, const char *kind, const char *code,
                   gsize len)
{
  if (len == 0) {
    if (!country_required(kind))
      return TRUE;
    report(br, col(header, NODE_COUNTRY),
           "missing country for node %s of kind \"%s\"",
           quoted(br, 0, id, id_len), kind);
    return FALSE;
  }
  return check_iso3(br, header, NODE_COUNTRY, code, len) &&
         check_declared(br, header, NODE_COUNTRY, code, len, FALSE);
}

/* Reads lat and lon: both or neither, each in range. */
static gboolean
parse_location(BundleReader *br, const Header *header, double *lat,
               double *lon)
{
  if (!parse_number(br, header, NODE_LAT, lat) ||
      !parse_number(br, header, NODE_LON, lon))
    return FALSE;
  if (isnan(*lat) != isnan(*lon)) {
    if (isnan(*lon))
      report(br, col(header, NODE_LAT), "latitude without longitude");
    else
      report(br, col(header, NODE_LON), "longitude without latitude");
    return FALSE;
  }
  gsize len;
  if (!isnan(*lat) && !(*lat >= -90.0 && *lat <= 90.0)) {
    const char *text = get(br, header, NODE_LAT, &len);
    report(br, col(header, NODE_LAT), "latitude %s out of range [-90, 90]",
           quoted(br, 0, text, len));
    return FALSE;
  }
  if (!isnan(*lon) && !(*lon >= -180.0 && *lon <= 180.0)) {
    const char *text = get(br, header, NODE_LON, &len);
    report(br, col(header, NODE_LON), "longitude %s out of range [-180, 180]",
           quoted(br, 0, text, len));
    return FALSE;
  }
  return TRUE;
}

static gboolean
parse_population(BundleReader *br, const Header *header, double *out)
{
  gsize len;
  const char *text = get(br, header, NODE_POPULATION, &len);
  *out = NAN;
  if (len == 0)
    return TRUE;
  if (citynet_csv_parse_double(text, len, out) && isfinite(*out) &&
      *out >= 0.0)
    return TRUE;
  report(br, col(header, NODE_POPULATION),
         "invalid population %s (expected a finite number >= 0)",
         quoted(br, 0, text, len));
  return FALSE;
}

/* Validates every field of a node row except the id. */
static gboolean
check_node_fields(BundleReader *br, const Header *header, const char *id,
                  gsize id_len, gssize *kind_index, double *lat, double *lon,
                  double *population)
{
  gsize kind_len, name_len, country_len;
  const char *kind = get(br, header, NODE_KIND, &kind_len);
  const char *name = get(br, header, NODE_NAME, &name_len);
  const char *country = get(br, header, NODE_COUNTRY, &country_len);

  if (!require_field(br, header, NODE_KIND, kind_len))
    return FALSE;
  *kind_index = citynet_network_kind_index(br->network, kind);
  if (*kind_index < 0) {
    report(br, col(header, NODE_KIND),
           "unknown kind %s (expected city, organisation, government or a "
           "kind listed in kinds.csv)",
           quoted(br, 0, kind, kind_len));
    return FALSE;
  }
  if (name_len > 0 &&
      !require_clean(br, header, NODE_NAME, "node name", name, name_len))
    return FALSE;
  return check_node_country(br, header, id, id_len, kind, country,
                            country_len) &&
         parse_location(br, header, lat, lon) &&
         parse_population(br, header, population);
}

/* Starts loading the slots the next row of nodes.csv will need: its id in
 * the id index and in the string pool, its name in the pool. Each is a
 * likely cache miss on a large file, and a node row is too short to hide
 * them, so the next row's misses overlap with this row's work. Only a
 * hint: the next line is split at commas without tokenizing it (a quoted
 * field there just makes the hint useless), and nothing else is read. */
static void
prefetch_next_node(const BundleReader *br, const Header *header)
{
  const char *p = br->reader.text + br->reader.pos;
  const char *end = br->reader.text + br->reader.length;
  gint id_field = header->field[NODE_ID];
  gint name_field = header->field[NODE_NAME];
  gint last = MAX(id_field, name_field);
  for (gint f = 0; f <= last && p < end; f++) {
    const char *start = p;
    while (p < end && *p != ',' && *p != '\n' && *p != '\r')
      p++;
    gsize len = (gsize) (p - start);
    if (f == id_field || (f == name_field && len > 0)) {
      guint32 h = field_hash(start, len);
      citynet_strpool_prefetch(&br->network->strings, h);
      if (f == id_field)
        PREFETCH(&br->ids.slots[id_hash_of(h, len) & br->ids.mask]);
    }
    if (p >= end || *p != ',')
      break;
    p++;
  }
}

static void
read_node_row(BundleReader *br, const Header *header)
{
  prefetch_next_node(br, header);
  gsize id_len;
  const char *id = get(br, header, NODE_ID, &id_len);
  guint32 hash = id_hash(id, id_len);
  if (!check_node_id(br, header, id, id_len, hash))
    return;

  gssize kind;
  double lat, lon, population;
  if (!check_node_fields(br, header, id, id_len, &kind, &lat, &lon,
                         &population)) {
    /* Ties naming this node should not be reported again as unknown. */
    g_hash_table_insert(br->rejected_ids, g_strndup(id, id_len),
                        GUINT_TO_POINTER(br->reader.record_line));
    return;
  }

  CitynetNetwork *network = br->network;
  gsize name_len, country_len;
  const char *name = get(br, header, NODE_NAME, &name_len);
  const char *country = get(br, header, NODE_COUNTRY, &country_len);
  gint32 code = citynet_network_intern_country_code(network, country);
  gsize node = citynet_network_append_node(network, id, (guint16) kind, name,
                                           code);
  id_index_insert(&br->ids, id, id_len, hash, (guint32) node);
  CitynetNodeRec *rec = &g_array_index(network->nodes, CitynetNodeRec, node);
  rec->latitude = lat;
  rec->longitude = lon;
  rec->population = population;
  guint32 line = br->reader.record_line;
  g_array_append_val(br->node_lines, line);

  for (guint i = 0; i < header->extras->len; i++) {
    const ExtraColumn *extra = &g_array_index(header->extras, ExtraColumn, i);
    gsize len;
    const char *value = citynet_csv_field(&br->reader, extra->field, &len);
    if (len > 0)
      citynet_network_set_node_attr_handle(
          network, node, extra->key,
          citynet_strpool_intern_len(&network->strings, value, len));
  }
}

/* ------------------------------------------------------------------------ */
/* ties.csv                                                                 */
/* ------------------------------------------------------------------------ */

/* "Did you mean": the node id whose folded key is closest to @query's,
 * within one edit per three characters (at least 1, at most 3), so short
 * ids are not "corrected" into unrelated ones. Folded ids are computed once
 * per load and answers are remembered, so a file full of one misspelt id
 * costs one search. Each search scans every node, so the number of
 * distinct ids searched is capped by a work budget (node comparisons):
 * a broken file with many unknown ids still validates quickly, its later
 * messages just lack the hint. */
#define SUGGESTION_BUDGET 50000000u
#define MAX_SUGGESTION_SEARCHES 1000u

static const char *
suggest_id(BundleReader *br, const char *query)
{
  CitynetNetwork *network = br->network;
  gpointer hit;
  if (g_hash_table_lookup_extended(br->suggestions, query, NULL, &hit))
    return hit;
  guint searches = CLAMP(SUGGESTION_BUDGET / MAX(network->nodes->len, 1u),
                         10u, MAX_SUGGESTION_SEARCHES);
  if (g_hash_table_size(br->suggestions) >= searches)
    return NULL;
  if (br->folded_ids == NULL) {
    br->folded_ids = g_ptr_array_new_full(network->nodes->len, g_free);
    for (guint i = 0; i < network->nodes->len; i++)
      g_ptr_array_add(br->folded_ids,
                      citynet_text_fold(g_array_index(network->nodes,
                                                      CitynetNodeRec, i).id));
  }

  char *wanted = citynet_text_fold(query);
  const char *best = NULL;
  guint best_distance = CLAMP((guint) (strlen(wanted) / 3), 1u, 3u) + 1;
  for (guint i = 0; i < br->folded_ids->len && best_distance > 0; i++) {
    guint distance = citynet_text_distance(
        wanted, g_ptr_array_index(br->folded_ids, i), best_distance - 1);
    if (distance < best_distance) {
      best_distance = distance;
      best = g_array_index(network->nodes, CitynetNodeRec, i).id;
    }
  }
  g_free(wanted);
  g_hash_table_insert(br->suggestions, g_strdup(query), (gpointer) best);
  return best;
}

/* Resolves a tie endpoint whose id hashes to @hash. Ids of rejected node
 * rows, and any id when nodes.csv itself was unusable, fail without a new
 * report: the cause is already reported. */
static gboolean
resolve_endpoint(BundleReader *br, const Header *header, guint column,
                 const char *id, gsize len, guint32 hash, guint32 *out)
{
  if (!require_field(br, header, column, len))
    return FALSE;
  gint64 node = id_index_find(&br->ids, id, len, hash);
  if (G_LIKELY(node >= 0)) {
    *out = (guint32) node;
    return TRUE;
  }
  id = terminated(br, id, len); /* the hash tables need a NUL */
  if (!br->nodes_usable || g_hash_table_contains(br->rejected_ids, id))
    return FALSE;
  const char *hint = suggest_id(br, id);
  if (hint != NULL)
    report(br, col(header, column), "unknown node id %s (did you mean %s?)",
           quoted(br, 0, id, len), quoted(br, 1, hint, strlen(hint)));
  else
    report(br, col(header, column), "unknown node id %s",
           quoted(br, 0, id, len));
  return FALSE;
}

static gboolean
resolve_layer(BundleReader *br, const Header *header, LayerCache *cache,
              guint16 *out)
{
  gsize len;
  const char *layer = slice(br, header, TIE_LAYER, &len);
  guint key = len == 0 ? 0
                       : (guint) len * 7u + (guchar) layer[0] +
                             (guchar) layer[len - 1] * 3u;
  LayerEntry *entry = &cache->entries[key % LAYER_CACHE];
  if (entry->name != NULL && entry->len == len &&
      memcmp(entry->name, layer, len) == 0) {
    *out = entry->index;
    return TRUE;
  }
  if (!require_field(br, header, TIE_LAYER, len))
    return FALSE;
  layer = terminated(br, layer, len); /* the name table needs a NUL */
  CitynetNetwork *network = br->network;
  gssize index = citynet_name_table_find(&network->layers, layer);
  if (index < 0) {
    if (!require_clean(br, header, TIE_LAYER, "layer", layer, len))
      return FALSE;
    if (network->layers.names->len >= G_MAXUINT16) {
      report(br, col(header, TIE_LAYER), "too many layers (at most %u)",
             (guint) G_MAXUINT16);
      return FALSE;
    }
    index = citynet_network_intern_layer(network, layer);
  }
  *entry = (LayerEntry) {
    citynet_name_table_get(&network->layers, (guint) index), len,
    (guint16) index};
  *out = (guint16) index;
  return TRUE;
}

static gboolean
parse_weight(BundleReader *br, const Header *header, double *out)
{
  gsize len;
  const char *text = slice(br, header, TIE_WEIGHT, &len);
  *out = 1.0;
  if (len == 0)
    return TRUE;
  if (citynet_csv_parse_double(text, len, out) && isfinite(*out) && *out > 0.0)
    return TRUE;
  report(br, col(header, TIE_WEIGHT),
         "invalid weight %s (expected a finite number > 0)",
         quoted(br, 0, text, len));
  return FALSE;
}

static gboolean
parse_directed(BundleReader *br, const Header *header, guint8 *out)
{
  gsize len;
  const char *text = slice(br, header, TIE_DIRECTED, &len);
  gboolean directed;
  if (citynet_csv_parse_bool(text, len, &directed)) {
    *out = directed ? 1 : 0;
    return TRUE;
  }
  report(br, col(header, TIE_DIRECTED),
         "invalid value %s in column \"directed\" (expected true, false, 1, "
         "0, yes or no)",
         quoted(br, 0, text, len));
  return FALSE;
}

/* Makes room for @rows more ties and backs it at once (populate()). */
static void
reserve_ties(BundleReader *br, gsize rows)
{
  CitynetTieArray *ties = br->network->ties;
  citynet_tie_array_reserve(ties, rows);
  populate(ties->data + ties->len, rows * sizeof(CitynetTieRec));
}

/* The tie store is full before the end of ties.csv (its rows were
 * underestimated): reserves the rows the rest of the file should hold at
 * the average row size so far, at least half the store again so that
 * growing stays amortised linear. */
static void
grow_ties(BundleReader *br)
{
  const CitynetCsvReader *reader = &br->reader;
  CitynetTieArray *ties = br->network->ties;
  double row_bytes = (double) reader->pos / ((double) ties->len + 1);
  double rest = (double) (reader->length - reader->pos) / row_bytes * 17 / 16;
  reserve_ties(br, MAX((gsize) rest + TIE_LOOKAHEAD + 1,
                       (gsize) ties->capacity / 2 + 16));
}

/* Resolves and appends the tie of the row being checked, whose endpoint
 * and ref hashes are in @hash (prefetched when it was queued). */
static void
read_tie_row(BundleReader *br, const Header *header, const guint32 *hash)
{
  CitynetNetwork *network = br->network;
  CitynetTieRec tie = {0};
  gsize source_len, target_len, ref_len;
  const char *source = slice(br, header, TIE_SOURCE, &source_len);
  const char *target = slice(br, header, TIE_TARGET, &target_len);
  const char *ref = slice(br, header, TIE_REF, &ref_len);

  if (!resolve_endpoint(br, header, TIE_SOURCE, source, source_len,
                        hash[HASH_SOURCE], &tie.source) ||
      !resolve_endpoint(br, header, TIE_TARGET, target, target_len,
                        hash[HASH_TARGET], &tie.target))
    return;
  if (G_UNLIKELY(tie.source == tie.target)) {
    report(br, col(header, TIE_TARGET),
           "self-tie: source and target are both %s",
           quoted(br, 0, source, source_len));
    return;
  }
  if (!resolve_layer(br, header, &br->layers, &tie.layer) ||
      !parse_weight(br, header, &tie.weight) ||
      !parse_directed(br, header, &tie.directed) ||
      !parse_interval(br, header, TIE_START, TIE_END, &tie.start, &tie.end))
    return;
  if (ref_len > 0)
    tie.ref = str_cache_intern(&br->strings, &network->strings, ref, ref_len,
                               hash[HASH_REF]);

  if (G_UNLIKELY(network->ties->len == network->ties->capacity))
    grow_ties(br);
  gsize index = citynet_network_append_tie(network, &tie);
  for (guint i = 0; i < header->extras->len; i++) {
    const ExtraColumn *extra = &g_array_index(header->extras, ExtraColumn, i);
    gsize len;
    const char *value = field_slice(br, extra->field, &len);
    if (len > 0)
      citynet_network_set_tie_attr_handle(
          network, index, extra->key,
          str_cache_intern(&br->strings, &network->strings, value, len,
                           field_hash(value, len)));
  }
}

/* Resolves the oldest queued row. */
static void
resolve_queued_tie(BundleReader *br, const Header *header)
{
  TieQueue *queue = &br->tie_queue;
  guint slot = queue->head;
  br->row_spans = queue->spans + (gsize) slot * queue->n_fields;
  br->row_line = queue->line[slot];
  read_tie_row(br, header, queue->hash[slot]);
  queue->head = (slot + 1) % TIE_LOOKAHEAD;
  queue->count--;
}

static void
flush_tie_rows(BundleReader *br, const Header *header)
{
  while (br->tie_queue.count > 0)
    resolve_queued_tie(br, header);
}

/* Whether a span of the reader's current record is in its scratch
 * buffer (an unescaped quoted field; offset 0 is the shared empty one). */
static inline gboolean
in_scratch(const CitynetCsvSpan *span)
{
  return span->ptr == NULL && span->offset != 0;
}

/* Copies the fields of the reader's current record that live in its
 * scratch buffer (unescaped quoted fields, rare) to the queue slot's own
 * buffer, so that every span of a queued row points to memory that
 * outlives the record. Two passes, because the buffer may move while it
 * is filled; the reader's spans say which fields to move. */
static void
keep_unescaped(TieQueue *queue, guint slot, const CitynetCsvReader *reader)
{
  CitynetCsvSpan *spans = queue->spans + (gsize) slot * queue->n_fields;
  GString *copy = NULL;
  for (guint f = 0; f < queue->n_fields; f++) {
    if (!in_scratch(&reader->spans[f]))
      continue;
    if (copy == NULL) {
      if (queue->unescaped[slot] == NULL)
        queue->unescaped[slot] = g_string_new(NULL);
      copy = queue->unescaped[slot];
      g_string_truncate(copy, 0);
    }
    spans[f].offset = (guint32) copy->len;
    g_string_append_len(copy, reader->scratch + reader->spans[f].offset,
                        reader->spans[f].len);
  }
  if (copy == NULL)
    return;
  for (guint f = 0; f < queue->n_fields; f++) {
    if (in_scratch(&reader->spans[f])) {
      spans[f].ptr = copy->str + spans[f].offset;
      spans[f].offset = 0;
    }
  }
}

/* The RowReader of ties.csv: queues the reader's current record, hashes
 * its endpoints and ref and prefetches their slots, and resolves the
 * oldest row once the queue is full. */
static void
queue_tie_row(BundleReader *br, const Header *header)
{
  TieQueue *queue = &br->tie_queue;
  if (queue->spans == NULL || queue->n_fields != header->n_fields) {
    g_free(queue->spans);
    queue->n_fields = header->n_fields;
    queue->spans = g_new(CitynetCsvSpan, TIE_LOOKAHEAD * queue->n_fields);
  }
  if (queue->count == TIE_LOOKAHEAD)
    resolve_queued_tie(br, header);

  guint slot = (queue->head + queue->count) % TIE_LOOKAHEAD;
  const CitynetCsvReader *reader = &br->reader;
  memcpy(queue->spans + (gsize) slot * queue->n_fields, reader->spans,
         queue->n_fields * sizeof(CitynetCsvSpan));
  if (reader->scratch_len > 1) /* only then is a field in the scratch buffer */
    keep_unescaped(queue, slot, reader);
  queue->line[slot] = reader->record_line;
  queue->count++;

  /* Hash the fields as read_tie_row() will see them: from the queue. */
  br->row_spans = queue->spans + (gsize) slot * queue->n_fields;
  gsize source_len, target_len, ref_len;
  const char *source = slice(br, header, TIE_SOURCE, &source_len);
  const char *target = slice(br, header, TIE_TARGET, &target_len);
  const char *ref = slice(br, header, TIE_REF, &ref_len);
  guint32 *hash = queue->hash[slot];
  hash[HASH_SOURCE] = id_hash(source, source_len);
  hash[HASH_TARGET] = id_hash(target, target_len);
  PREFETCH(&br->ids.slots[hash[HASH_SOURCE] & br->ids.mask]);
  PREFETCH(&br->ids.slots[hash[HASH_TARGET] & br->ids.mask]);
  hash[HASH_REF] = 0;
  if (ref_len > 0) {
    hash[HASH_REF] = field_hash(ref, ref_len);
    StrSlot *cached = str_cache_slot(&br->strings, ref_len, hash[HASH_REF]);
    if (cached != NULL)
      PREFETCH(cached);
    else
      citynet_strpool_prefetch(&br->network->strings, hash[HASH_REF]);
  }

  /* Halfway through the queue, the ref's cache slot has arrived: when it
   * does not hold the ref, resolving will look in the pool, whose slot is
   * fetched now. Most refs recur and never need it. */
  if (queue->count > TIE_LOOKAHEAD / 2) {
    guint middle = (slot + TIE_LOOKAHEAD - TIE_LOOKAHEAD / 2) % TIE_LOOKAHEAD;
    br->row_spans = queue->spans + (gsize) middle * queue->n_fields;
    ref = slice(br, header, TIE_REF, &ref_len);
    guint32 h = queue->hash[middle][HASH_REF];
    StrSlot *cached = str_cache_slot(&br->strings, ref_len, h);
    if (ref_len > 0 && cached != NULL && !str_slot_holds(cached, ref, ref_len, h))
      citynet_strpool_prefetch(&br->network->strings, h);
  }
}

static void
tie_queue_clear(TieQueue *queue)
{
  g_clear_pointer(&queue->spans, g_free);
  for (guint i = 0; i < TIE_LOOKAHEAD; i++)
    if (queue->unescaped[i] != NULL)
      g_string_free(queue->unescaped[i], TRUE);
  memset(queue, 0, sizeof *queue);
}

/* ------------------------------------------------------------------------ */
/* The bundle                                                               */
/* ------------------------------------------------------------------------ */

/* An upper bound on the rows of a file whose rows take at least
 * @min_row_bytes: its non-empty lines, but never more than its size
 * allows, so a file of empty or tiny lines cannot make the reader reserve
 * (and populate) memory out of proportion with the file. */
static gsize
max_rows(const char *text, gsize length, gsize min_row_bytes)
{
  return MIN(citynet_csv_count_lines(text, length) + 1,
             length / min_row_bytes + 1);
}

static void
prepare_nodes(BundleReader *br, const char *text, gsize length)
{
  gsize rows = max_rows(text, length, 4); /* "a,b\n" */
  reserve(br->network->nodes, rows);
  reserve(br->node_lines, rows);
  id_index_init(&br->ids, br->network->nodes, rows);
  /* Each node interns its id and usually a name of its own. */
  citynet_strpool_reserve(&br->network->strings, 2 * rows);
}

/* Above this size the rows of ties.csv are estimated from a sample
 * rather than counted: counting reads the whole file once more before it
 * is parsed, which for ten million ties (600 MB, read at memory speed and
 * faulted in page by page) was a tenth of the load. */
#define ROW_SAMPLE_BYTES ((gsize) 4 * 1024 * 1024)

/* Rows of a large ties.csv: the rows of its first ROW_SAMPLE_BYTES scaled
 * to its size, plus a sixteenth for rows shorter than the sample's. When
 * that is too few, grow_ties() adds more as it goes; the store is trimmed
 * to its length after loading either way. */
static gsize
estimate_rows(const char *text, gsize length, gsize min_row_bytes)
{
  if (length <= ROW_SAMPLE_BYTES)
    return max_rows(text, length, min_row_bytes);
  double lines = (double) citynet_csv_count_lines(text, ROW_SAMPLE_BYTES) + 1;
  double estimate = lines * ((double) length / ROW_SAMPLE_BYTES) * 17 / 16;
  return MIN((gsize) estimate + 1, length / min_row_bytes + 1);
}

static void
prepare_ties(BundleReader *br, const char *text, gsize length)
{
  gsize rows = estimate_rows(text, length, 6); /* "a,b,c\n" */
  reserve_ties(br, rows);
  str_cache_init(&br->strings, rows);
}

/* Reads the bundle at @dir into a new network, adding every problem to
 * @problems. Returns NULL only when @dir is not a directory; otherwise the
 * network holds the rows without problems. *@cancelled tells whether the
 * progress handler stopped the reading (the network is then partial). */
static CitynetNetwork *
read_bundle(const char *dir, CitynetProblems *problems, gboolean *cancelled)
{
  *cancelled = FALSE;
  if (!g_file_test(dir, G_FILE_TEST_IS_DIR)) {
    add_problem(problems, NULL, 0, 0, TRUE,
                g_strdup_printf(g_file_test(dir, G_FILE_TEST_EXISTS)
                                    ? "\"%s\" is not a directory"
                                    : "bundle directory \"%s\" does not exist",
                                dir));
    return NULL;
  }

  BundleReader br = {
    .dir = dir,
    .network = citynet_network_new(),
    .problems = problems,
    .node_lines = g_array_new(FALSE, FALSE, sizeof(guint32)),
    .rejected_ids = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL),
    .country_lines = g_hash_table_new(g_str_hash, g_str_equal),
    .kind_lines = g_hash_table_new(g_str_hash, g_str_equal),
    .suggestions = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL),
    .quote = {g_string_new(NULL), g_string_new(NULL)},
    .terminated = g_string_new(NULL),
  };
  id_index_init(&br.ids, br.network->nodes, 0);

  read_table(&br, "kinds.csv", FALSE, kind_columns, EXTRAS_IGNORE,
             read_kind_row, NULL, NULL, FALSE);
  read_table(&br, "countries.csv", FALSE, country_columns,
             EXTRAS_COUNTRY_ATTRIBUTES, read_country_row, NULL, NULL, FALSE);
  read_table(&br, "country_groups.csv", FALSE, group_columns, EXTRAS_IGNORE,
             read_group_row, NULL, NULL, FALSE);
  br.nodes_usable = read_table(&br, "nodes.csv", TRUE, node_columns,
                               EXTRAS_NODE_ATTRIBUTES, read_node_row,
                               prepare_nodes, NULL, FALSE);
  read_table(&br, "ties.csv", TRUE, tie_columns, EXTRAS_TIE_ATTRIBUTES,
             queue_tie_row, prepare_ties, flush_tie_rows, TRUE);

  g_array_unref(br.node_lines);
  g_hash_table_unref(br.rejected_ids);
  g_hash_table_unref(br.country_lines);
  g_hash_table_unref(br.kind_lines);
  g_hash_table_unref(br.suggestions);
  g_clear_pointer(&br.folded_ids, g_ptr_array_unref);
  g_free(br.ids.slots);
  g_free(br.strings.slots);
  tie_queue_clear(&br.tie_queue);
  g_string_free(br.terminated, TRUE);
  g_string_free(br.quote[0], TRUE);
  g_string_free(br.quote[1], TRUE);
  *cancelled = br.cancelled;
  /* The tie store was reserved from an estimate of its rows. */
  if (br.network != NULL)
    citynet_tie_array_trim(br.network->ties);
  return br.network;
}

CitynetNetwork *
citynet_bundle_load(const char *path, GError **error)
{
  g_return_val_if_fail(path != NULL, NULL);
  g_return_val_if_fail(error == NULL || *error == NULL, NULL);

  /* Only the first message is kept; the others are just counted. */
  CitynetProblems *problems = problems_new(1);
  gboolean cancelled;
  CitynetNetwork *network = read_bundle(path, problems, &cancelled);
  if (cancelled) {
    /* Whatever was read is incomplete: no network, no data error. */
    g_clear_pointer(&network, citynet_network_unref);
    citynet_progress_set_cancelled(error, LOAD_PROGRESS);
  } else if (problems->total > 0) {
    g_clear_pointer(&network, citynet_network_unref);
    const CitynetProblem *first =
        &g_array_index(problems->items, CitynetProblem, 0);
    guint count = (guint) MIN(problems->total, (gsize) G_MAXUINT);
    citynet_set_data_error(error, first->file, first->line, first->column,
                           count, first->message);
    if (first->io && error != NULL && *error != NULL)
      (*error)->code = CITYNET_ERROR_IO;
  }
  citynet_problems_free(problems);
  return network;
}

CitynetProblems *
citynet_bundle_validate(const char *path)
{
  g_return_val_if_fail(path != NULL, NULL);
  CitynetProblems *problems = problems_new(MAX_KEPT_PROBLEMS);
  gboolean cancelled;
  CitynetNetwork *network = read_bundle(path, problems, &cancelled);
  citynet_network_unref(network);
  /* A cancelled validation must not pass for a clean bundle. */
  if (cancelled)
    add_problem(problems, "ties.csv", 0, 0, FALSE,
                g_strdup("validation cancelled (progress handler): the rest of "
                         "ties.csv was not checked"));
  if (problems->total > problems->items->len) {
    CitynetProblem summary = {
      NULL, 0, 0, FALSE,
      g_strdup_printf("%" G_GSIZE_FORMAT " more problems not listed (only "
                      "the first %d are kept)",
                      problems->total - problems->items->len,
                      MAX_KEPT_PROBLEMS),
    };
    g_array_append_val(problems->items, summary);
  }
  return problems;
}
