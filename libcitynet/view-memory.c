/* libcitynet - memory for the large arrays of views and their igraph
 * graphs.
 *
 * A view of 500,000 ties holds about 50 MB of arrays (its edges, their
 * ties, the igraph graph and its weights), all written once right after
 * allocation. With glibc's malloc, arrays that large are fresh mmap()ed
 * pages (or heap that was just returned to the kernel), so building a view
 * pays one page fault per 4 KiB: on a virtual machine 10-30 us each, which
 * made the faults cost more than building the view and more than PageRank
 * on it. Here every array of at least CITYNET_BIG_MIN bytes is its own
 * mapping, aligned on and rounded up to 2 MiB and advised with
 * MADV_HUGEPAGE, so a transparent huge page serves 512 of those faults at
 * once (about 40 times cheaper on the project's VM). Where huge pages are
 * disabled (THP "never") the advice fails and the arrays simply get small
 * pages, as they would from malloc.
 *
 * Keeping these arrays out of malloc also leaves glibc's heap alone: its
 * dynamic mmap threshold is not raised by our frees, so igraph's own
 * temporaries (PRPACK's copies of the graph, say) keep the reuse pattern
 * they have when igraph is called directly.
 *
 * Arrays from CITYNET_BIG_MIN to 2 MiB, too small for a huge page, are
 * still mappings of their own (rounded to 4 KiB) so the pool below can
 * hand them out again warm.
 *
 * The cost: up to 2 MiB of rounding per array of 2 MiB or more (resident
 * once the array reaches into it), and the pool's kept memory. The
 * mapping size sits in a header in front of the array, so
 * citynet_big_free() needs only the pointer.
 */
#include <string.h>

#include "view-private.h"

#ifdef __linux__
#include <sys/mman.h>
#endif

/* Under AddressSanitizer every array comes from malloc(), so ASan keeps
 * its red zones around them and catches overruns our mappings would
 * hide. */
#if defined(__linux__) && defined(MADV_HUGEPAGE) && \
    !defined(__SANITIZE_ADDRESS__)
#define CITYNET_BIG_MAPPINGS 1
#endif

#define CITYNET_BIG_PAGE ((gsize) 2 << 20)  /* a transparent huge page */
/* Below this, plain malloc (glibc serves that from its heap, usually
 * warm); the same as glibc's initial mmap threshold. */
#define CITYNET_BIG_MIN ((gsize) 128 << 10)
#define CITYNET_SMALL_PAGE ((gsize) 4 << 10)
/* The header: the mapping's size (0 = allocated with g_malloc()); 64 bytes
 * keep the array aligned on a cache line. */
#define CITYNET_BIG_HEADER ((gsize) 64)

#ifdef CITYNET_BIG_MAPPINGS
/* A mapping of @size bytes, or NULL. With @huge, @size is a multiple of
 * CITYNET_BIG_PAGE and the mapping is aligned on it: the kernel only
 * places a huge page on an aligned 2 MiB range that the mapping covers
 * fully. For that, map one huge page more, then unmap the unaligned head
 * and the rest of the tail. */
static gpointer
citynet_big_map(gsize size, gboolean huge)
{
  if (!huge) {
    char *mem = mmap(NULL, size, PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    return mem == MAP_FAILED ? NULL : mem;
  }
  char *raw = mmap(NULL, size + CITYNET_BIG_PAGE, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (raw == MAP_FAILED)
    return NULL;
  gsize head = (CITYNET_BIG_PAGE - (guintptr) raw % CITYNET_BIG_PAGE) %
               CITYNET_BIG_PAGE;
  if (head > 0)
    munmap(raw, head);
  munmap(raw + head + size, CITYNET_BIG_PAGE - head);
  char *mem = raw + head;
  /* Advice only: it fails where transparent huge pages are off or
   * unsupported, and the mapping then works with small pages. */
  (void) madvise(mem, size, MADV_HUGEPAGE);
  return mem;
}
#endif

/* Freed mappings kept for reuse, so a view built after another one (a
 * benchmark loop, a series of yearly views) writes into memory that is
 * already mapped: no page faults and no zeroing by the kernel, which
 * otherwise costs about as much as building the view. Kept huge-page
 * mappings are given back with MADV_FREE: their pages stay resident while
 * memory is plentiful and the kernel takes them back under pressure (a
 * reused page that was taken back is simply a fresh page again). At most
 * CITYNET_BIG_POOL_SLOTS mappings and CITYNET_BIG_POOL_MAX bytes are kept;
 * beyond that the oldest go back to the kernel at once. */
#define CITYNET_BIG_POOL_SLOTS 32
#define CITYNET_BIG_POOL_MAX ((gsize) 128 << 20)

#ifdef CITYNET_BIG_MAPPINGS
typedef struct {
  char *mem;                /* the mapping, header first */
  gsize size;
} CitynetBigSlot;

static GMutex pool_lock;
static CitynetBigSlot pool[CITYNET_BIG_POOL_SLOTS];  /* oldest first */
static guint pool_len;
static gsize pool_bytes;

/* Takes from the pool the smallest mapping of @size to 2 x @size bytes
 * (not a much larger one, which a later, larger array may need) and sets
 * *@size to its size, or returns NULL. */
static char *
citynet_big_pool_take(gsize *size)
{
  char *mem = NULL;
  g_mutex_lock(&pool_lock);
  guint best = pool_len;
  for (guint i = 0; i < pool_len; i++)
    if (pool[i].size >= *size && pool[i].size / 2 <= *size &&
        (best == pool_len || pool[i].size < pool[best].size))
      best = i;
  if (best < pool_len) {
    mem = pool[best].mem;
    *size = pool[best].size;
    pool_bytes -= pool[best].size;
    memmove(&pool[best], &pool[best + 1],
            (pool_len - best - 1) * sizeof *pool);
    pool_len--;
  }
  g_mutex_unlock(&pool_lock);
  return mem;
}

/* Keeps @mem (a mapping of @size bytes) for reuse, evicting the oldest
 * mappings beyond the pool's limits. */
static void
citynet_big_pool_put(char *mem, gsize size)
{
  if (size > CITYNET_BIG_POOL_MAX) {
    munmap(mem, size);
    return;
  }
#ifdef MADV_FREE
  /* Huge-page mappings only: after MADV_FREE the first write to each page
   * has to mark it dirty again, which on a virtual machine with shadow
   * page tables (the project's) traps to the hypervisor. Once per 2 MiB
   * that is nothing; once per 4 KiB it made a small view several times
   * slower to build. Small mappings stay resident while pooled. */
  if (size >= CITYNET_BIG_PAGE)
    (void) madvise(mem, size, MADV_FREE);
#endif
  CitynetBigSlot evicted[CITYNET_BIG_POOL_SLOTS];
  guint n_evicted = 0;
  g_mutex_lock(&pool_lock);
  while (pool_len > 0 && (pool_len == CITYNET_BIG_POOL_SLOTS ||
                          pool_bytes + size > CITYNET_BIG_POOL_MAX)) {
    evicted[n_evicted++] = pool[0];
    pool_bytes -= pool[0].size;
    memmove(&pool[0], &pool[1], (pool_len - 1) * sizeof *pool);
    pool_len--;
  }
  pool[pool_len++] = (CitynetBigSlot) { mem, size };
  pool_bytes += size;
  g_mutex_unlock(&pool_lock);
  for (guint i = 0; i < n_evicted; i++)
    munmap(evicted[i].mem, evicted[i].size);
}
#endif

gpointer
citynet_big_alloc(gsize n_bytes)
{
#ifdef CITYNET_BIG_MAPPINGS
  if (n_bytes >= CITYNET_BIG_MIN &&
      n_bytes <= G_MAXSIZE - CITYNET_BIG_HEADER - 2 * CITYNET_BIG_PAGE) {
    /* Under 2 MiB no huge page fits: the mapping is only for reuse. */
    const gsize unit = n_bytes + CITYNET_BIG_HEADER < CITYNET_BIG_PAGE
                         ? CITYNET_SMALL_PAGE : CITYNET_BIG_PAGE;
    gsize size = (n_bytes + CITYNET_BIG_HEADER + unit - 1) / unit * unit;
    char *mem = citynet_big_pool_take(&size);
    if (mem == NULL)
      mem = citynet_big_map(size, unit == CITYNET_BIG_PAGE);
    if (mem != NULL) {
      /* Written each time: the kernel may have dropped a pooled page. */
      *(gsize *) mem = size;
      return mem + CITYNET_BIG_HEADER;
    }
    /* No mapping: fall back to malloc, which aborts like g_malloc() if
     * memory is really exhausted. */
  }
#endif
  char *mem = g_malloc(n_bytes + CITYNET_BIG_HEADER);
  *(gsize *) mem = 0;
  return mem + CITYNET_BIG_HEADER;
}

gpointer
citynet_big_alloc0(gsize n_bytes)
{
  gpointer mem = citynet_big_alloc(n_bytes);
  memset(mem, 0, n_bytes);
  return mem;
}

void
citynet_big_free(gpointer mem)
{
  if (mem == NULL)
    return;
  char *start = (char *) mem - CITYNET_BIG_HEADER;
  gsize size = *(const gsize *) start;
  if (size == 0) {
    g_free(start);
    return;
  }
#ifdef CITYNET_BIG_MAPPINGS
  citynet_big_pool_put(start, size);
#endif
}
