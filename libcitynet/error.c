/* libcitynet - the error domain and errors that carry a file location.
 *
 * Data errors need a machine-readable location (the Python binding exposes
 * file, line and column as attributes), so the domain is a GLib "extended
 * error" with a private struct attached to every GError of the domain. */
#include "citynet-private.h"

typedef struct {
  char *file;
  guint line;
  guint column;
  guint count;
} CitynetErrorPrivate;

static void
citynet_error_private_init(CitynetErrorPrivate *priv)
{
  priv->file = NULL;
  priv->line = 0;
  priv->column = 0;
  priv->count = 0;
}

static void
citynet_error_private_copy(const CitynetErrorPrivate *src,
                           CitynetErrorPrivate *dest)
{
  dest->file = g_strdup(src->file);
  dest->line = src->line;
  dest->column = src->column;
  dest->count = src->count;
}

static void
citynet_error_private_clear(CitynetErrorPrivate *priv)
{
  g_clear_pointer(&priv->file, g_free);
}

/* Defines citynet_error_quark() and citynet_error_get_private(). */
G_DEFINE_EXTENDED_ERROR(CitynetError, citynet_error)

static const CitynetErrorPrivate *
citynet_error_location(const GError *error)
{
  if (error == NULL || error->domain != CITYNET_ERROR)
    return NULL;
  return citynet_error_get_private(error);
}

const char *
citynet_error_get_file(const GError *error)
{
  const CitynetErrorPrivate *priv = citynet_error_location(error);
  return priv != NULL ? priv->file : NULL;
}

guint
citynet_error_get_line(const GError *error)
{
  const CitynetErrorPrivate *priv = citynet_error_location(error);
  return priv != NULL ? priv->line : 0;
}

guint
citynet_error_get_column(const GError *error)
{
  const CitynetErrorPrivate *priv = citynet_error_location(error);
  return priv != NULL ? priv->column : 0;
}

guint
citynet_error_get_count(const GError *error)
{
  const CitynetErrorPrivate *priv = citynet_error_location(error);
  return priv != NULL ? priv->count : 0;
}

void
citynet_set_data_error(GError **error, const char *file, guint line,
                       guint column, guint count, const char *message)
{
  if (error == NULL)
    return;
  GString *text = g_string_new(NULL);
  if (file != NULL) {
    g_string_append(text, file);
    if (line > 0) {
      g_string_append_printf(text, ":%u", line);
      if (column > 0)
        g_string_append_printf(text, ":%u", column);
    }
    g_string_append(text, ": ");
  }
  g_string_append(text, message);
  if (count > 1)
    g_string_append_printf(text, " (and %u more problem%s)", count - 1,
                           count - 1 == 1 ? "" : "s");
  g_set_error_literal(error, CITYNET_ERROR, CITYNET_ERROR_DATA, text->str);
  g_string_free(text, TRUE);

  if (*error != NULL && (*error)->domain == CITYNET_ERROR) {
    CitynetErrorPrivate *priv = citynet_error_get_private(*error);
    priv->file = g_strdup(file);
    priv->line = line;
    priv->column = column;
    priv->count = count;
  }
}
