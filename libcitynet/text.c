/* libcitynet - text helpers: folded matching keys, edit distance, checks.
 *
 * Lookups must find "İstanbul" for "Istanbul", "ISTANBUL" or "istanbul",
 * and "Constanța" for "Constanţa". Unicode case folding alone does not do
 * this: İ folds to "i" + U+0307, and ț/ţ differ by comma and cedilla. So the
 * key is built by case folding, decomposing (NFKD), dropping combining marks
 * and mapping the few letters that carry no decomposition (ı, ø, ł, ...). */
#include <string.h>

#include "citynet-private.h"

/* Letters without a canonical decomposition that people type without
 * their diacritic. */
static const char *
fold_special(gunichar c)
{
  switch (c) {
  case 0x0131: return "i";  /* ı dotless i */
  case 0x00F8: return "o";  /* ø */
  case 0x0111: return "d";  /* đ */
  case 0x00F0: return "d";  /* ð */
  case 0x0142: return "l";  /* ł */
  case 0x0127: return "h";  /* ħ */
  case 0x0167: return "t";  /* ŧ */
  case 0x00E6: return "ae"; /* æ */
  case 0x0153: return "oe"; /* œ */
  case 0x00FE: return "th"; /* þ */
  case 0x2019: return "'";  /* right single quotation mark */
  case 0x2018: return "'";
  case 0x02BC: return "'";  /* modifier letter apostrophe */
  default: return NULL;
  }
}

static gboolean
is_combining_mark(gunichar c)
{
  GUnicodeType type = g_unichar_type(c);
  return type == G_UNICODE_NON_SPACING_MARK ||
         type == G_UNICODE_SPACING_MARK || type == G_UNICODE_ENCLOSING_MARK;
}

/* Hyphens, underscores and any whitespace separate words alike, so
 * "rio-de-janeiro" and "Rio de Janeiro" share a key. */
static gboolean
is_word_separator(gunichar c)
{
  return c == '-' || c == '_' || c == 0x2010 || c == 0x2013 ||
         g_unichar_isspace(c);
}

char *
citynet_text_fold(const char *text)
{
  char *folded = g_utf8_casefold(text, -1);
  char *decomposed = g_utf8_normalize(folded, -1, G_NORMALIZE_ALL);
  g_free(folded);
  if (decomposed == NULL)
    return g_strdup("");

  GString *key = g_string_sized_new(strlen(decomposed));
  gboolean pending_space = FALSE;
  for (const char *p = decomposed; *p != '\0'; p = g_utf8_next_char(p)) {
    gunichar c = g_utf8_get_char(p);
    if (is_combining_mark(c))
      continue;
    if (is_word_separator(c)) {
      pending_space = key->len > 0;
      continue;
    }
    if (pending_space) {
      g_string_append_c(key, ' ');
      pending_space = FALSE;
    }
    const char *special = fold_special(c);
    if (special != NULL)
      g_string_append(key, special);
    else
      g_string_append_unichar(key, c);
  }
  g_free(decomposed);

  char *result = g_utf8_normalize(key->str, -1, G_NORMALIZE_DEFAULT_COMPOSE);
  g_string_free(key, TRUE);
  return result != NULL ? result : g_strdup("");
}

guint
citynet_text_distance(const char *a, const char *b, guint cap)
{
  gsize la = strlen(a), lb = strlen(b);
  if ((la > lb ? la - lb : lb - la) > cap)
    return cap + 1;

  guint *row = g_new(guint, lb + 1);
  for (gsize j = 0; j <= lb; j++)
    row[j] = (guint) j;
  for (gsize i = 1; i <= la; i++) {
    guint diagonal = row[0];
    guint row_min = row[0] = (guint) i;
    for (gsize j = 1; j <= lb; j++) {
      guint above = row[j];
      guint cost = a[i - 1] == b[j - 1] ? 0 : 1;
      guint best = MIN(MIN(above + 1, row[j - 1] + 1), diagonal + cost);
      row[j] = best;
      diagonal = above;
      row_min = MIN(row_min, best);
    }
    if (row_min > cap) {
      g_free(row);
      return cap + 1;
    }
  }
  guint result = row[lb];
  g_free(row);
  return MIN(result, cap + 1);
}

gboolean
citynet_text_is_clean(const char *text, gssize len)
{
  if (text == NULL)
    return FALSE;
  gsize n = len < 0 ? strlen(text) : (gsize) len;
  if (n == 0 || !g_utf8_validate_len(text, n, NULL))
    return FALSE;
  for (gsize i = 0; i < n; i++) {
    guchar c = (guchar) text[i];
    if (c < 0x20 || c == 0x7f)
      return FALSE;
  }
  return TRUE;
}

gboolean
citynet_text_is_iso3(const char *code)
{
  return code != NULL && g_ascii_isupper(code[0]) && g_ascii_isupper(code[1]) &&
         g_ascii_isupper(code[2]) && code[3] == '\0';
}
