/* libcitynet - interned strings.
 *
 * Every string of a network (ids, names, layers, refs, attribute values)
 * is stored once in a GStringChunk and addressed by a 32-bit handle, so a
 * tie costs 4 bytes per string field and repeated values (layers, refs,
 * attribute values) cost nothing extra.
 *
 * The index is not a GHashTable: a loader interns millions of mostly new
 * strings, and a GHashTable probe touches its hash, key and value arrays
 * and the key string (four cache misses once the table outgrows the
 * caches), and interning a new string probes twice (lookup, then insert).
 * Here an 8-byte slot holds the hash and the handle, so a probe for a new
 * string touches one cache line (eight slots share it) and the table grows
 * without reading any string; only a matching hash leads to the string.
 * Loaders put a cache of recurring strings in front (bundle-read.c), so
 * most interning they do is of new strings. */
#include <string.h>
#include <sys/mman.h>

#include "citynet-private.h"

struct _CitynetStrSlot {
  guint32 hash;
  guint32 handle; /* 0 = empty slot */
};

/* The table is at most three quarters full: linear probing stays short
 * and most probes end in the first cache line. */
#define MIN_SLOTS 16

void
citynet_strpool_init(CitynetStrPool *pool)
{
  pool->slots = g_new0(CitynetStrSlot, MIN_SLOTS);
  pool->mask = MIN_SLOTS - 1;
  pool->strings = g_ptr_array_new();
  g_ptr_array_add(pool->strings, NULL); /* handle 0 = no string */
  pool->chunk = g_string_chunk_new(64 * 1024);
}

void
citynet_strpool_clear(CitynetStrPool *pool)
{
  g_clear_pointer(&pool->slots, g_free);
  pool->mask = 0;
  g_clear_pointer(&pool->strings, g_ptr_array_unref);
  g_clear_pointer(&pool->chunk, g_string_chunk_free);
}

/* ------------------------------------------------------------------------ */
/* Hashing                                                                  */
/* ------------------------------------------------------------------------ */

static inline guint64
read64(const char *p)
{
  guint64 v;
  memcpy(&v, p, sizeof v);
  return GUINT64_FROM_LE(v);
}

static inline guint64
read32(const char *p)
{
  guint32 v;
  memcpy(&v, p, sizeof v);
  return GUINT32_FROM_LE(v);
}

/* One round: the multiplication spreads low input bits upwards, the shift
 * brings the high product bits back down to the bits that pick a slot. */
static inline guint64
mix(guint64 h, guint64 v)
{
  h = (h ^ v) * G_GUINT64_CONSTANT(0x9E3779B97F4A7C15);
  return h ^ (h >> 32);
}

/* Eight bytes per round, which matters for refs (URLs, citations) that a
 * byte-at-a-time hash would take a dependent multiplication per byte
 * for. The last one to eight bytes are read with two overlapping loads
 * (or three single bytes), never beyond @len. The length seeds the hash,
 * so strings that differ only in length hash apart. */
guint32
citynet_strpool_hash(const char *text, gsize len)
{
  guint64 h = (guint64) len * G_GUINT64_CONSTANT(0xBF58476D1CE4E5B9);
  const char *p = text;
  gsize n = len;
  for (; n > 8; p += 8, n -= 8)
    h = mix(h, read64(p));
  guint64 v = 0;
  if (n >= 4)
    v = read32(p) | (read32(p + n - 4) << 32);
  else if (n > 0)
    v = ((guint64) (guchar) p[0] << 16) | ((guint64) (guchar) p[n / 2] << 8) |
        (guchar) p[n - 1];
  h = mix(h, v);
  h *= G_GUINT64_CONSTANT(0x94D049BB133111EB);
  guint32 result = (guint32) (h ^ (h >> 29));
  return result != 0 ? result : 1;
}

/* ------------------------------------------------------------------------ */
/* The index                                                                */
/* ------------------------------------------------------------------------ */

/* Whether the pool string @stored is the @len bytes at @text (which hold
 * no NUL). strncmp stops at @stored's NUL, so a shorter stored string is
 * never read past its end. */
static inline gboolean
same_string(const char *stored, const char *text, gsize len)
{
  return strncmp(stored, text, len) == 0 && stored[len] == '\0';
}

/* The slot holding @text, or the empty slot where it belongs. */
static CitynetStrSlot *
find_slot(const CitynetStrPool *pool, const char *text, gsize len,
          guint32 hash)
{
  for (gsize i = hash & pool->mask;; i = (i + 1) & pool->mask) {
    CitynetStrSlot *slot = &pool->slots[i];
    if (slot->handle == 0 ||
        (slot->hash == hash &&
         same_string(citynet_strpool_get(pool, slot->handle), text, len)))
      return slot;
  }
}

/* Asks for huge pages for a large index: probes land anywhere in it, and
 * with 4 KiB pages nearly every probe of a 64 MiB index also misses the
 * TLB. A hint; errors are ignored. */
static void
advise_huge_pages(void *data, gsize bytes)
{
#ifdef MADV_HUGEPAGE
  const guintptr huge = 2 * 1024 * 1024;
  guintptr begin = ((guintptr) data + huge - 1) & ~(huge - 1);
  guintptr end = ((guintptr) data + bytes) & ~(huge - 1);
  if (end > begin)
    madvise((void *) begin, end - begin, MADV_HUGEPAGE);
#else
  (void) data;
  (void) bytes;
#endif
}

/* Rebuilds the index with @size slots (a power of two) from the stored
 * hashes: no string is read. */
static void
resize(CitynetStrPool *pool, gsize size)
{
  CitynetStrSlot *old = pool->slots;
  gsize old_size = pool->mask + 1;
  pool->slots = g_new0(CitynetStrSlot, size);
  advise_huge_pages(pool->slots, size * sizeof(CitynetStrSlot));
  pool->mask = size - 1;
  for (gsize i = 0; i < old_size; i++) {
    if (old[i].handle == 0)
      continue;
    gsize j = old[i].hash & pool->mask;
    while (pool->slots[j].handle != 0)
      j = (j + 1) & pool->mask;
    pool->slots[j] = old[i];
  }
  g_free(old);
}

/* The number of slots that keeps @count strings at most 3/4 full. */
static gsize
slots_for(gsize count)
{
  gsize size = MIN_SLOTS;
  while (size / 4 * 3 < count)
    size *= 2;
  return size;
}

void
citynet_strpool_reserve(CitynetStrPool *pool, gsize extra)
{
  gsize count = pool->strings->len - 1 + extra;
  gsize size = slots_for(count);
  if (size > pool->mask + 1)
    resize(pool, size);
}

guint32
citynet_strpool_intern_hashed(CitynetStrPool *pool, const char *text,
                              gsize len, guint32 hash)
{
  CitynetStrSlot *slot = find_slot(pool, text, len, hash);
  if (slot->handle != 0)
    return slot->handle;

  guint32 handle = pool->strings->len;
  const char *stored =
      g_string_chunk_insert_len(pool->chunk, text, (gssize) len);
  g_ptr_array_add(pool->strings, (gpointer) stored);
  *slot = (CitynetStrSlot) {hash, handle};
  /* Growing after the insertion keeps the slot pointer above valid. */
  if (slots_for(handle) > pool->mask + 1)
    resize(pool, 2 * (pool->mask + 1));
  return handle;
}

void
citynet_strpool_prefetch(const CitynetStrPool *pool, guint32 hash)
{
#if defined(__GNUC__)
  __builtin_prefetch(&pool->slots[hash & pool->mask]);
#else
  (void) pool;
  (void) hash;
#endif
}

guint32
citynet_strpool_intern_len(CitynetStrPool *pool, const char *text, gsize len)
{
  return citynet_strpool_intern_hashed(pool, text, len,
                                       citynet_strpool_hash(text, len));
}

guint32
citynet_strpool_intern(CitynetStrPool *pool, const char *text)
{
  if (text == NULL)
    return 0;
  return citynet_strpool_intern_len(pool, text, strlen(text));
}

guint32
citynet_strpool_lookup(const CitynetStrPool *pool, const char *text)
{
  if (text == NULL)
    return 0;
  gsize len = strlen(text);
  return find_slot(pool, text, len, citynet_strpool_hash(text, len))->handle;
}
