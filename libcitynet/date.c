/* libcitynet - dates of year, month or day precision.
 *
 * A date is packed as YYYYMMDD with 00 for an unknown month or day, so the
 * precision a source gave ("2019", "2023-01") survives a round trip, and
 * comparisons go through the first or last day a date covers. */
#include <string.h>

#include "citynet-private.h"

static gboolean
is_leap_year(guint year)
{
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

static guint
days_in_month(guint year, guint month)
{
  static const guint days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap_year(year) ? 29 : days[month - 1];
}

/* Reads exactly @n ASCII digits. */
static gboolean
read_digits(const char *text, guint n, guint *out)
{
  guint value = 0;
  for (guint i = 0; i < n; i++) {
    if (text[i] < '0' || text[i] > '9')
      return FALSE;
    value = value * 10 + (guint) (text[i] - '0');
  }
  *out = value;
  return TRUE;
}

gboolean
citynet_date_parse_len(const char *text, gsize len, CitynetDate *out)
{
  guint year = 0, month = 0, day = 0;

  if (len == 0) {
    *out = CITYNET_DATE_OPEN;
    return TRUE;
  }
  if (len != 4 && len != 7 && len != 10)
    return FALSE;
  if (!read_digits(text, 4, &year) || year == 0)
    return FALSE;
  if (len >= 7) {
    if (text[4] != '-' || !read_digits(text + 5, 2, &month) || month < 1 ||
        month > 12)
      return FALSE;
  }
  if (len == 10) {
    if (text[7] != '-' || !read_digits(text + 8, 2, &day) || day < 1 ||
        day > days_in_month(year, month))
      return FALSE;
  }
  *out = year * 10000u + month * 100u + day;
  return TRUE;
}

gboolean
citynet_date_parse(const char *text, CitynetDate *out, GError **error)
{
  g_return_val_if_fail(out != NULL, FALSE);
  if (text == NULL)
    text = "";
  if (!citynet_date_parse_len(text, strlen(text), out)) {
    g_set_error(error, CITYNET_ERROR, CITYNET_ERROR_INVALID_ARGUMENT,
                "invalid date \"%s\" (expected YYYY, YYYY-MM or YYYY-MM-DD)",
                text);
    return FALSE;
  }
  return TRUE;
}

char *
citynet_date_format(CitynetDate date, char *buffer)
{
  guint year = date / 10000u, month = (date / 100u) % 100u, day = date % 100u;
  if (date == CITYNET_DATE_OPEN)
    buffer[0] = '\0';
  else if (month == 0)
    g_snprintf(buffer, CITYNET_DATE_STRING_SIZE, "%04u", year);
  else if (day == 0)
    g_snprintf(buffer, CITYNET_DATE_STRING_SIZE, "%04u-%02u", year, month);
  else
    g_snprintf(buffer, CITYNET_DATE_STRING_SIZE, "%04u-%02u-%02u", year, month,
               day);
  return buffer;
}

CitynetDate
citynet_date_first_day(CitynetDate date)
{
  guint year = date / 10000u, month = (date / 100u) % 100u, day = date % 100u;
  if (date == CITYNET_DATE_OPEN)
    return CITYNET_DATE_OPEN;
  return year * 10000u + (month == 0 ? 1u : month) * 100u + (day == 0 ? 1u : day);
}

CitynetDate
citynet_date_last_day(CitynetDate date)
{
  guint year = date / 10000u, month = (date / 100u) % 100u, day = date % 100u;
  if (date == CITYNET_DATE_OPEN)
    return CITYNET_DATE_OPEN;
  if (month == 0)
    month = 12;
  if (day == 0)
    day = days_in_month(year, month);
  return year * 10000u + month * 100u + day;
}

/* An open start is "since ever" (day 0) and an open end "for ever". */
static CitynetDate
lower_bound(CitynetDate start)
{
  return start == CITYNET_DATE_OPEN ? 0 : citynet_date_first_day(start);
}

static CitynetDate
upper_bound(CitynetDate end)
{
  return end == CITYNET_DATE_OPEN ? CITYNET_DATE_MAX : citynet_date_last_day(end);
}

gboolean
citynet_date_active(CitynetDate start, CitynetDate end, CitynetDate day)
{
  /* "now" (an open day) is covered by spells that have not ended. */
  if (day == CITYNET_DATE_OPEN)
    return end == CITYNET_DATE_OPEN;
  day = citynet_date_first_day(day); /* a partial day means its first day */
  return lower_bound(start) <= day && day <= upper_bound(end);
}

gboolean
citynet_date_overlaps(CitynetDate start, CitynetDate end, CitynetDate from,
                      CitynetDate to)
{
  CitynetDate window_from = lower_bound(from);
  CitynetDate window_to = upper_bound(to);
  return lower_bound(start) <= window_to && window_from <= upper_bound(end);
}
