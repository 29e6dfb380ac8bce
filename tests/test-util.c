#include <math.h>
#include <string.h>
#include <glib/gstdio.h>

#include "test-util.h"

char *
test_mkdtemp(void)
{
  GError *error = NULL;
  char *dir = g_dir_make_tmp("citynet-test-XXXXXX", &error);
  assert_no_error(error);
  return dir;
}

void
test_rmtree(const char *path)
{
  GDir *dir = g_dir_open(path, 0, NULL);
  if (dir == NULL) {
    g_remove(path);
    return;
  }
  const char *name;
  while ((name = g_dir_read_name(dir)) != NULL) {
    char *child = g_build_filename(path, name, NULL);
    if (g_file_test(child, G_FILE_TEST_IS_DIR) &&
        !g_file_test(child, G_FILE_TEST_IS_SYMLINK))
      test_rmtree(child);
    else
      g_remove(child);
    g_free(child);
  }
  g_dir_close(dir);
  g_rmdir(path);
}

void
test_write_file(const char *dir, const char *name, const char *contents)
{
  GError *error = NULL;
  char *path = g_build_filename(dir, name, NULL);
  g_file_set_contents(path, contents, -1, &error);
  assert_no_error(error);
  g_free(path);
}

char *
test_read_file(const char *path)
{
  GError *error = NULL;
  char *contents = NULL;
  g_file_get_contents(path, &contents, NULL, &error);
  assert_no_error(error);
  return contents;
}

const char *
test_source_root(void)
{
  const char *root = g_getenv("CITYNET_SOURCE_ROOT");
  return root != NULL ? root : ".";
}

const char *
test_shared_data(void)
{
  static char *cached = NULL;
  if (cached == NULL) {
    const char *env = g_getenv("CITYNET_SHARED_DATA");
    cached = env != NULL ? g_strdup(env)
                         : g_build_filename(test_source_root(), "..", "shared",
                                            "data", NULL);
  }
  return g_file_test(cached, G_FILE_TEST_IS_DIR) ? cached : NULL;
}
