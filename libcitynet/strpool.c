/* libcitynet - interned strings.
 *
 * Every string of a network (ids, names, layers, refs, attribute values)
 * is stored once in a GStringChunk and addressed by a 32-bit handle, so a
 * tie costs 4 bytes per string field and repeated values (layers, refs,
 * attribute values) cost nothing extra. */
#include <string.h>

#include "citynet-private.h"

void
citynet_strpool_init(CitynetStrPool *pool)
{
  pool->index = g_hash_table_new(g_str_hash, g_str_equal);
  pool->strings = g_ptr_array_new();
  g_ptr_array_add(pool->strings, NULL); /* handle 0 = no string */
  pool->chunk = g_string_chunk_new(64 * 1024);
}

void
citynet_strpool_clear(CitynetStrPool *pool)
{
  g_clear_pointer(&pool->index, g_hash_table_unref);
  g_clear_pointer(&pool->strings, g_ptr_array_unref);
  g_clear_pointer(&pool->chunk, g_string_chunk_free);
}

guint32
citynet_strpool_intern_len(CitynetStrPool *pool, const char *text, gsize len)
{
  /* Small strings are NUL-terminated on the stack for the lookup so the
   * common case (already interned) allocates nothing. */
  char stack[256];
  char *key = len < sizeof stack ? stack : g_malloc(len + 1);
  memcpy(key, text, len);
  key[len] = '\0';

  gpointer found;
  guint32 handle;
  if (g_hash_table_lookup_extended(pool->index, key, NULL, &found)) {
    handle = GPOINTER_TO_UINT(found);
  } else {
    char *stored = g_string_chunk_insert_len(pool->chunk, key, (gssize) len);
    handle = pool->strings->len;
    g_ptr_array_add(pool->strings, stored);
    g_hash_table_insert(pool->index, stored, GUINT_TO_POINTER(handle));
  }
  if (key != stack)
    g_free(key);
  return handle;
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
  gpointer found;
  if (text != NULL &&
      g_hash_table_lookup_extended(pool->index, text, NULL, &found))
    return GPOINTER_TO_UINT(found);
  return 0;
}
