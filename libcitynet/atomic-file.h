/* libcitynet - files written atomically: temporary file + rename (private).
 *
 * A CitynetAtomicFile writes to "<path>.tmp-XXXXXX" in the target's
 * directory. Write errors are sticky: the write functions return FALSE after
 * the first failure and citynet_atomic_file_commit() reports it, so callers
 * may write a whole file and check once. Until committed, the target is
 * untouched; abort (or a failed commit) removes the temporary file. */
#ifndef CITYNET_ATOMIC_FILE_H
#define CITYNET_ATOMIC_FILE_H

#include <stdio.h>

#include "citynet-private.h"

G_BEGIN_DECLS

typedef struct _CitynetAtomicFile CitynetAtomicFile;

/* Creates the temporary file next to @path (whose directory must exist).
 * Returns: (transfer full): the file, or NULL with CITYNET_ERROR_IO. */
CitynetAtomicFile *citynet_atomic_file_open(const char *path, GError **error);

/* The target path and the temporary path (borrowed). */
const char *citynet_atomic_file_get_path(const CitynetAtomicFile *file);
const char *citynet_atomic_file_get_temp_path(const CitynetAtomicFile *file);

/* Appends bytes (@len -1: NUL-terminated). Returns FALSE once any write
 * has failed. */
gboolean citynet_atomic_file_write(CitynetAtomicFile *file, const char *data,
                                   gssize len);
/* Appends formatted text (printf rules, C locale numbers are the caller's
 * business: use g_ascii_formatd or citynet_csv_format_double for doubles). */
gboolean citynet_atomic_file_printf(CitynetAtomicFile *file,
                                    const char *format, ...)
    G_GNUC_PRINTF(2, 3);
/* Appends @value (@len -1: NUL-terminated; NULL: empty) as one CSV field,
 * quoted RFC 4180 style (doubled quotes) when it holds a comma, quote, CR,
 * LF or leading/trailing blanks. */
gboolean citynet_atomic_file_write_csv_field(CitynetAtomicFile *file,
                                             const char *value, gssize len);

/* Flushes, fsyncs and closes the temporary file without renaming it, so
 * that several files can be completed before any is renamed. Returns FALSE
 * with CITYNET_ERROR_IO on a write error (the file must then be aborted).
 * Calling it twice is harmless. */
gboolean citynet_atomic_file_close(CitynetAtomicFile *file, GError **error);
/* Renames the temporary file over the target after closing it if needed.
 * On failure removes the temporary file. Frees @file either way.
 * Returns: TRUE, or FALSE with CITYNET_ERROR_IO. */
gboolean citynet_atomic_file_commit(CitynetAtomicFile *file, GError **error);
/* Closes and removes the temporary file, leaving the target untouched,
 * and frees @file. NULL is ignored. */
void citynet_atomic_file_abort(CitynetAtomicFile *file);

G_END_DECLS

#endif /* CITYNET_ATOMIC_FILE_H */
