/* citynet export BUNDLE --format graphml|bundle -o PATH: write a view. */
#include <errno.h>
#include <glib/gstdio.h>

#include "cli-view.h"

static char *export_format;
static char *export_path;

static const GOptionEntry export_entries[] = {
  { "format", 'f', 0, G_OPTION_ARG_FILENAME, &export_format,
    "graphml (default): one GraphML file; bundle: a bundle directory", "FORMAT" },
  { "output", 'o', 0, G_OPTION_ARG_FILENAME, &export_path,
    "The file (graphml) or directory (bundle) to write (required)", "PATH" },
  { NULL }
};

/* Removes a directory this command created and the files in it. */
static void
remove_tree(const char *path)
{
  GDir *dir = g_dir_open(path, 0, NULL);
  const char *name;
  while (dir != NULL && (name = g_dir_read_name(dir)) != NULL) {
    char *child = g_build_filename(path, name, NULL);
    g_unlink(child);
    g_free(child);
  }
  if (dir != NULL)
    g_dir_close(dir);
  g_rmdir(path);
}

/* A new bundle directory appears complete or not at all: it is written
 * under a temporary name next to @path and renamed at the end. An
 * existing directory is updated in place by citynet_bundle_save(), which
 * replaces each file atomically and keeps the old files on failure. */
static gboolean
save_bundle(const CitynetNetwork *network, const char *path, GError **error)
{
  if (g_file_test(path, G_FILE_TEST_EXISTS))
    return citynet_bundle_save(network, path, error);

  char *temporary = g_strdup_printf("%s.tmp-XXXXXX", path);
  if (g_mkdtemp(temporary) == NULL) {
    int saved = errno;
    g_set_error(error, CLI_ERROR, CLI_ERROR_FAILED, "cannot create %s: %s",
                path, g_strerror(saved));
    g_free(temporary);
    return FALSE;
  }
  gboolean ok = citynet_bundle_save(network, temporary, error);
  if (ok && g_rename(temporary, path) != 0) {
    int saved = errno;
    g_set_error(error, CLI_ERROR, CLI_ERROR_FAILED, "cannot create %s: %s",
                path, g_strerror(saved));
    ok = FALSE;
  }
  if (!ok)
    remove_tree(temporary);
  g_free(temporary);
  return ok;
}

gboolean
cli_export_view(const CitynetView *view, gboolean graphml, const char *path,
                GError **error)
{
  if (graphml)
    return citynet_view_write_graphml(view, path, error);
  CitynetNetwork *network = citynet_view_to_network(view, error);
  if (network == NULL)
    return FALSE;
  gboolean ok = save_bundle(network, path, error);
  citynet_network_unref(network);
  return ok;
}

static gboolean
check_arguments(gboolean *graphml, GError **error)
{
  const char *format = export_format ? export_format : "graphml";
  if (g_strcmp0(format, "graphml") != 0 && g_strcmp0(format, "bundle") != 0) {
    g_set_error(error, CLI_ERROR, CLI_ERROR_USAGE,
                "unknown export format '%s' (use graphml or bundle)", format);
    return FALSE;
  }
  if (export_path == NULL || *export_path == '\0') {
    g_set_error_literal(error, CLI_ERROR, CLI_ERROR_USAGE,
                        "missing -o PATH (the file or directory to write)");
    return FALSE;
  }
  *graphml = g_strcmp0(format, "graphml") == 0;
  return TRUE;
}

static int
run(int argc, char **argv)
{
  CliContext *context = cli_context_new(&cli_command_export, export_entries,
                                        CLI_OUTPUT_VIEW,
                                        "Nothing is written when an error occurs: PATH is either written\n"
                                        "completely or left as it was.");
  GError *error = NULL;
  int status = CLI_EXIT_OK;
  CitynetViewOptions *options = NULL;
  CitynetView *view = NULL;
  gboolean graphml = TRUE;

  if (!cli_context_parse(context, &argc, &argv, &status))
    goto out;
  if (!cli_require_bundle(argc, argv, &error) || !check_arguments(&graphml, &error) ||
      (options = cli_view_args_build(&context->view, &error)) == NULL)
    goto fail;
  if ((view = cli_open_view(argv[1], options, &error)) == NULL ||
      !cli_export_view(view, graphml, export_path, &error))
    goto fail;
  goto out;

fail:
  status = cli_report_error(context->command, error);
out:
  citynet_view_unref(view);
  citynet_view_options_free(options);
  cli_context_free(context);
  g_clear_pointer(&export_format, g_free);
  g_clear_pointer(&export_path, g_free);
  return status;
}

const CliCommand cli_command_export = {
  "export", "BUNDLE --format graphml|bundle -o PATH",
  "Write a view as GraphML or as a new bundle", run
};
