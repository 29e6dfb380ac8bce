/* libcitynet - files written atomically: temporary file + rename.
 *
 * Readers of a bundle or a GraphML file must never see half a file, even
 * when the writer crashes or the disk fills up: everything is written to a
 * temporary file in the same directory (rename is only atomic within one
 * file system), flushed to disk, and renamed over the target last. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "atomic-file.h"
#include "csv.h"

struct _CitynetAtomicFile {
  char *path;
  char *temp_path;
  FILE *stream;     /* NULL once closed */
  int error_errno;  /* first write failure, 0 = none */
  gboolean closed_ok;
};

CitynetAtomicFile *
citynet_atomic_file_open(const char *path, GError **error)
{
  g_return_val_if_fail(path != NULL, NULL);

  char *temp_path = g_strconcat(path, ".tmp-XXXXXX", NULL);
  /* 0666 so the umask decides, as for any file the user writes. */
  int fd = g_mkstemp_full(temp_path, O_RDWR | O_CLOEXEC, 0666);
  if (fd < 0) {
    int saved = errno;
    g_set_error(error, CITYNET_ERROR, CITYNET_ERROR_IO,
                "cannot create a temporary file for \"%s\": %s", path,
                g_strerror(saved));
    g_free(temp_path);
    return NULL;
  }
  FILE *stream = fdopen(fd, "w");
  if (stream == NULL) {
    int saved = errno;
    close(fd);
    g_unlink(temp_path);
    g_set_error(error, CITYNET_ERROR, CITYNET_ERROR_IO,
                "cannot write \"%s\": %s", temp_path, g_strerror(saved));
    g_free(temp_path);
    return NULL;
  }
  setvbuf(stream, NULL, _IOFBF, 64 * 1024);

  CitynetAtomicFile *file = g_new0(CitynetAtomicFile, 1);
  file->path = g_strdup(path);
  file->temp_path = temp_path;
  file->stream = stream;
  return file;
}

const char *
citynet_atomic_file_get_path(const CitynetAtomicFile *file)
{
  return file->path;
}

const char *
citynet_atomic_file_get_temp_path(const CitynetAtomicFile *file)
{
  return file->temp_path;
}

gboolean
citynet_atomic_file_write(CitynetAtomicFile *file, const char *data,
                          gssize len)
{
  if (file->error_errno != 0 || file->stream == NULL)
    return FALSE;
  gsize n = len < 0 ? strlen(data) : (gsize) len;
  if (n > 0 && fwrite(data, 1, n, file->stream) != n) {
    file->error_errno = errno != 0 ? errno : EIO;
    return FALSE;
  }
  return TRUE;
}

gboolean
citynet_atomic_file_printf(CitynetAtomicFile *file, const char *format, ...)
{
  if (file->error_errno != 0 || file->stream == NULL)
    return FALSE;
  va_list args;
  va_start(args, format);
  int written = vfprintf(file->stream, format, args);
  va_end(args);
  if (written < 0) {
    file->error_errno = errno != 0 ? errno : EIO;
    return FALSE;
  }
  return TRUE;
}

gboolean
citynet_atomic_file_write_csv_field(CitynetAtomicFile *file,
                                    const char *value, gssize len)
{
  if (value == NULL)
    return file->error_errno == 0 && file->stream != NULL;
  gsize n = len < 0 ? strlen(value) : (gsize) len;
  if (!citynet_csv_needs_quotes(value, n))
    return citynet_atomic_file_write(file, value, (gssize) n);

  citynet_atomic_file_write(file, "\"", 1);
  const char *p = value, *end = value + n;
  while (p < end) {
    const char *quote = memchr(p, '"', (gsize) (end - p));
    const char *stop = quote != NULL ? quote + 1 : end;
    citynet_atomic_file_write(file, p, stop - p);
    if (quote != NULL)
      citynet_atomic_file_write(file, "\"", 1); /* doubled */
    p = stop;
  }
  return citynet_atomic_file_write(file, "\"", 1);
}

gboolean
citynet_atomic_file_close(CitynetAtomicFile *file, GError **error)
{
  if (file->stream != NULL) {
    FILE *stream = file->stream;
    file->stream = NULL;
    if (file->error_errno == 0 && fflush(stream) != 0)
      file->error_errno = errno != 0 ? errno : EIO;
    /* Without fsync a crash after the rename can leave an empty file
     * where the old one was. */
    if (file->error_errno == 0 && fsync(fileno(stream)) != 0)
      file->error_errno = errno != 0 ? errno : EIO;
    if (fclose(stream) != 0 && file->error_errno == 0)
      file->error_errno = errno != 0 ? errno : EIO;
    file->closed_ok = file->error_errno == 0;
  }
  if (!file->closed_ok) {
    g_set_error(error, CITYNET_ERROR, CITYNET_ERROR_IO,
                "cannot write \"%s\": %s", file->path,
                g_strerror(file->error_errno != 0 ? file->error_errno : EIO));
    return FALSE;
  }
  return TRUE;
}

static void
atomic_file_free(CitynetAtomicFile *file)
{
  g_free(file->path);
  g_free(file->temp_path);
  g_free(file);
}

/* Makes the rename itself durable; failure only weakens durability, so it
 * is not reported. */
static void
sync_directory(const char *path)
{
  char *dir = g_path_get_dirname(path);
  int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0) {
    fsync(fd);
    close(fd);
  }
  g_free(dir);
}

gboolean
citynet_atomic_file_commit(CitynetAtomicFile *file, GError **error)
{
  if (!citynet_atomic_file_close(file, error)) {
    citynet_atomic_file_abort(file);
    return FALSE;
  }
  if (g_rename(file->temp_path, file->path) != 0) {
    int saved = errno;
    g_set_error(error, CITYNET_ERROR, CITYNET_ERROR_IO,
                "cannot replace \"%s\": %s", file->path, g_strerror(saved));
    citynet_atomic_file_abort(file);
    return FALSE;
  }
  sync_directory(file->path);
  atomic_file_free(file);
  return TRUE;
}

void
citynet_atomic_file_abort(CitynetAtomicFile *file)
{
  if (file == NULL)
    return;
  if (file->stream != NULL)
    fclose(file->stream);
  g_unlink(file->temp_path);
  atomic_file_free(file);
}
