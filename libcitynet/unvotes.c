/* libcitynet - UN General Assembly roll-call votes and the agreement of a
 * home country with every other country (docs/alignment.md, "Continuous
 * affinity").
 *
 * Input: the layout of the R package "unvotes" (Voeten's data, converted
 * to CSV): un_votes.csv.gz (rcid, country, country_code, vote) and
 * un_roll_calls.csv (rcid, ..., date, ...). The gzip file is inflated with
 * GIO's GZlibDecompressor and both files are read with the library's RFC
 * 4180 reader (csv.h). */
#include <gio/gio.h>
#include <math.h>
#include <stdarg.h>
#include <string.h>

#include "citynet-private.h"
#include "csv.h"

#define VOTES_FILE "un_votes.csv"
#define VOTES_FILE_GZ "un_votes.csv.gz"
#define ROLL_CALLS_FILE "un_roll_calls.csv"

/* Votes are coded in halves so that agreement sums stay exact:
 * no = 0, abstain = 1, yes = 2; agreement = 1 - |a - b| / 2. */
enum { VOTE_NO = 0, VOTE_ABSTAIN = 1, VOTE_YES = 2, VOTE_NONE = 255 };

typedef struct {
  char *name;
  char *iso2;
  const char *iso3;          /* static (crosswalk), NULL = does not map */
  gsize n_votes;
  gint32 mapped;             /* index into mapped_codes, -1 = none */
} VoteCountry;

typedef struct {
  guint32 roll_call;         /* index into the roll-call arrays */
  guint32 mapped;            /* index into mapped_codes */
  guint32 row;               /* file order, to keep the first of a conflict */
  guint8 value;
} VoteRec;

/* Vote codes that stand for a successor state from a date on. The
 * unvotes data keeps Serbia's votes under Yugoslavia (YU) after
 * Montenegro's independence on 2006-06-03 (Serbia is the continuator);
 * earlier Yugoslav votes (the SFRY, then Serbia and Montenegro) belong to
 * no current state and stay unmapped. */
static const struct {
  const char *iso2;
  CitynetDate from;
  const char *successor;     /* an ISO2 code for citynet_country_resolve() */
  const char *name;          /* the name the split-off vote country gets */
} successors[] = {
  { "YU", 20060603, "RS", "Yugoslavia (as Serbia, from 2006-06-03)" },
};

struct _CitynetUnVotes {
  gsize n_roll_calls;
  gint *year;                /* per roll call */
  CitynetDate *day;          /* per roll call */
  GHashTable *roll_call_index; /* rcid -> index + 1 */
  GPtrArray *countries;      /* VoteCountry*, first appearance order */
  GPtrArray *mapped_codes;   /* const char* ISO3 (static), dense ids */
  GHashTable *mapped_index;  /* ISO3 -> id + 1 */
  GArray *votes;             /* VoteRec of mapped countries, by (roll call, id) */
  gsize n_votes;             /* rows read */
  gsize n_conflicts;
};

/* ------------------------------------------------------------------------ */
/* Reading                                                                  */
/* ------------------------------------------------------------------------ */

/* Reads a whole gzip file into memory through GIO's zlib converter. */
static GBytes *
read_gzip(const char *path, GError **error)
{
  GFile *file = g_file_new_for_path(path);
  GFileInputStream *raw = g_file_read(file, NULL, error);
  g_object_unref(file);
  if (raw == NULL)
    return NULL;
  GZlibDecompressor *inflater = g_zlib_decompressor_new(G_ZLIB_COMPRESSOR_FORMAT_GZIP);
  GInputStream *stream = g_converter_input_stream_new(G_INPUT_STREAM(raw),
                                                      G_CONVERTER(inflater));
  g_object_unref(inflater);
  g_object_unref(raw);
  GByteArray *bytes = g_byte_array_new();
  guint8 buffer[65536];
  gboolean ok = TRUE;
  for (;;) {
    gssize got = g_input_stream_read(stream, buffer, sizeof(buffer), NULL, error);
    if (got < 0) {
      ok = FALSE;
      break;
    }
    if (got == 0)
      break;
    g_byte_array_append(bytes, buffer, (guint) got);
  }
  g_object_unref(stream);
  if (!ok) {
    g_byte_array_unref(bytes);
    return NULL;
  }
  return g_byte_array_free_to_bytes(bytes);
}

static GBytes *
read_file(const char *path, gboolean gzip, GError **error)
{
  GError *local = NULL;
  GBytes *bytes = NULL;
  if (gzip) {
    bytes = read_gzip(path, &local);
  } else {
    char *contents;
    gsize length;
    if (g_file_get_contents(path, &contents, &length, &local))
      bytes = g_bytes_new_take(contents, length);
  }
  if (bytes == NULL) {
    g_set_error(error, CITYNET_ERROR, CITYNET_ERROR_IO, "%s: %s", path,
                local->message);
    g_error_free(local);
  }
  return bytes;
}

/* A CSV file with its header: the column of each wanted name. */
typedef struct {
  const char *name;          /* file name shown in errors */
  CitynetCsvReader reader;
  GBytes *bytes;
} Table;

static gboolean
table_open(Table *table, const char *directory, const char *file, gboolean gzip,
           GError **error)
{
  char *path = g_build_filename(directory, file, NULL);
  table->name = file;
  table->bytes = read_file(path, gzip, error);
  g_free(path);
  if (table->bytes == NULL)
    return FALSE;
  gsize length;
  const char *text = g_bytes_get_data(table->bytes, &length);
  citynet_csv_reader_init(&table->reader, text, length);
  return TRUE;
}

static void
table_close(Table *table)
{
  if (table->bytes == NULL)
    return;
  citynet_csv_reader_clear(&table->reader);
  g_bytes_unref(table->bytes);
  table->bytes = NULL;
}

/* Reads the next record: TRUE with a record, FALSE at the end or on a
 * malformed record (then *@error is set). */
static gboolean
table_next(Table *table, GError **error)
{
  CitynetCsvStatus status = citynet_csv_reader_next(&table->reader);
  if (status == CITYNET_CSV_END)
    return FALSE;
  if (status == CITYNET_CSV_BAD) {
    citynet_set_data_error(error, table->name, table->reader.record_line,
                           table->reader.problem_column, 1,
                           citynet_csv_problem_message(table->reader.problem));
    return FALSE;
  }
  return TRUE;
}

/* Finds the header columns @names; -1 entries are errors. */
static gboolean
table_header(Table *table, const char *const *names, gint *columns, gsize n,
             GError **error)
{
  GError *local = NULL;
  if (!table_next(table, &local)) {
    if (local != NULL)
      g_propagate_error(error, local);
    else
      citynet_set_data_error(error, table->name, 1, 0, 1, "the file is empty");
    return FALSE;
  }
  for (gsize c = 0; c < n; c++) {
    columns[c] = -1;
    for (guint f = 0; f < citynet_csv_n_fields(&table->reader); f++)
      if (strcmp(citynet_csv_field(&table->reader, f, NULL), names[c]) == 0)
        columns[c] = (gint) f;
    if (columns[c] < 0) {
      char *message = g_strdup_printf("no column \"%s\" in the header", names[c]);
      citynet_set_data_error(error, table->name, table->reader.record_line, 0, 1,
                             message);
      g_free(message);
      return FALSE;
    }
  }
  return TRUE;
}

static const char *
table_field(Table *table, gint column)
{
  if ((guint) column >= citynet_csv_n_fields(&table->reader))
    return NULL;
  return citynet_csv_field(&table->reader, (guint) column, NULL);
}

static void field_error(Table *table, gint column, GError **error,
                        const char *format, ...) G_GNUC_PRINTF(4, 5);

static void
field_error(Table *table, gint column, GError **error, const char *format, ...)
{
  va_list args;
  va_start(args, format);
  char *message = g_strdup_vprintf(format, args);
  va_end(args);
  citynet_set_data_error(error, table->name, table->reader.record_line,
                         (guint) column + 1, 1, message);
  g_free(message);
}

static gboolean
read_roll_calls(CitynetUnVotes *votes, const char *directory, GError **error)
{
  Table table = { 0 };
  static const char *const names[] = { "rcid", "date" };
  gint columns[2];
  if (!table_open(&table, directory, ROLL_CALLS_FILE, FALSE, error))
    return FALSE;
  gboolean ok = table_header(&table, names, columns, 2, error);
  GArray *years = g_array_new(FALSE, FALSE, sizeof(gint));
  GArray *days = g_array_new(FALSE, FALSE, sizeof(CitynetDate));
  GError *local = NULL;
  while (ok && table_next(&table, &local)) {
    const char *rcid = table_field(&table, columns[0]);
    const char *date = table_field(&table, columns[1]);
    guint64 id;
    CitynetDate day;
    if (rcid == NULL || !g_ascii_string_to_unsigned(rcid, 10, 0, G_MAXUINT32, &id, NULL)) {
      field_error(&table, columns[0], error, "bad rcid \"%s\"", rcid != NULL ? rcid : "");
      ok = FALSE;
    } else if (date == NULL || !citynet_date_parse(date, &day, NULL) ||
               day == CITYNET_DATE_OPEN) {
      field_error(&table, columns[1], error, "bad date \"%s\"", date != NULL ? date : "");
      ok = FALSE;
    } else if (g_hash_table_contains(votes->roll_call_index, GSIZE_TO_POINTER(id + 1))) {
      field_error(&table, columns[0], error, "roll call %s is listed twice", rcid);
      ok = FALSE;
    } else {
      gint year = (gint) (day / 10000);
      g_array_append_val(years, year);
      g_array_append_val(days, day);
      g_hash_table_insert(votes->roll_call_index, GSIZE_TO_POINTER(id + 1),
                          GSIZE_TO_POINTER(years->len));
    }
  }
  if (local != NULL) {
    g_propagate_error(error, local);
    ok = FALSE;
  }
  votes->n_roll_calls = years->len;
  votes->year = (gint *) (void *) g_array_free(years, FALSE);
  votes->day = (CitynetDate *) (void *) g_array_free(days, FALSE);
  table_close(&table);
  return ok;
}

static gboolean
parse_vote(const char *text, guint8 *value)
{
  if (text == NULL)
    return FALSE;
  if (strcmp(text, "yes") == 0)
    *value = VOTE_YES;
  else if (strcmp(text, "no") == 0)
    *value = VOTE_NO;
  else if (strcmp(text, "abstain") == 0)
    *value = VOTE_ABSTAIN;
  else
    return FALSE;
  return TRUE;
}

/* The vote country of (name, code) on roll call @roll_call, added on
 * first sight with its ISO3 mapping: by the ISO2 code, or by the name when
 * the code is empty; a successor rule (successors[]) turns the code into
 * its successor's from its date on, as a vote country of its own. */
static VoteCountry *
vote_country(CitynetUnVotes *votes, GHashTable *index, const char *name,
             const char *iso2, gsize roll_call)
{
  const char *lookup = *iso2 != '\0' ? iso2 : name;
  for (gsize i = 0; i < G_N_ELEMENTS(successors); i++)
    if (strcmp(iso2, successors[i].iso2) == 0 && votes->day[roll_call] >= successors[i].from) {
      name = successors[i].name;
      lookup = successors[i].successor;
    }
  char *key = g_strconcat(name, "\x1f", iso2, NULL);
  VoteCountry *country = g_hash_table_lookup(index, key);
  if (country != NULL) {
    g_free(key);
    return country;
  }
  country = g_new0(VoteCountry, 1);
  country->name = g_strdup(name);
  country->iso2 = g_strdup(iso2);
  country->iso3 = citynet_country_resolve(lookup);
  country->mapped = -1;
  if (country->iso3 != NULL) {
    gpointer id = g_hash_table_lookup(votes->mapped_index, country->iso3);
    if (id == NULL) {
      g_ptr_array_add(votes->mapped_codes, (gpointer) country->iso3);
      id = GUINT_TO_POINTER(votes->mapped_codes->len);
      g_hash_table_insert(votes->mapped_index, (gpointer) country->iso3, id);
    }
    country->mapped = (gint32) GPOINTER_TO_UINT(id) - 1;
  }
  g_ptr_array_add(votes->countries, country);
  g_hash_table_insert(index, key, country);
  return country;
}

static gboolean
read_votes(CitynetUnVotes *votes, const char *directory, GError **error)
{
  Table table = { 0 };
  static const char *const names[] = { "rcid", "country", "country_code", "vote" };
  gint columns[4];
  char *gz = g_build_filename(directory, VOTES_FILE_GZ, NULL);
  gboolean gzip = g_file_test(gz, G_FILE_TEST_EXISTS);
  g_free(gz);
  if (!table_open(&table, directory, gzip ? VOTES_FILE_GZ : VOTES_FILE, gzip, error))
    return FALSE;
  gboolean ok = table_header(&table, names, columns, 4, error);
  GHashTable *index = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  GError *local = NULL;
  while (ok && table_next(&table, &local)) {
    const char *rcid = table_field(&table, columns[0]);
    const char *name = table_field(&table, columns[1]);
    const char *iso2 = table_field(&table, columns[2]);
    const char *vote = table_field(&table, columns[3]);
    guint64 id;
    guint8 value;
    gpointer roll_call;
    if (rcid == NULL || !g_ascii_string_to_unsigned(rcid, 10, 0, G_MAXUINT32, &id, NULL)) {
      field_error(&table, columns[0], error, "bad rcid \"%s\"", rcid != NULL ? rcid : "");
      ok = FALSE;
    } else if ((roll_call = g_hash_table_lookup(votes->roll_call_index,
                                                GSIZE_TO_POINTER(id + 1))) == NULL) {
      field_error(&table, columns[0], error,
                  "roll call %s has no date in " ROLL_CALLS_FILE, rcid);
      ok = FALSE;
    } else if (!parse_vote(vote, &value)) {
      field_error(&table, columns[3], error,
                  "unknown vote \"%s\" (expected yes, no or abstain)",
                  vote != NULL ? vote : "");
      ok = FALSE;
    } else if (name == NULL || iso2 == NULL || (*name == '\0' && *iso2 == '\0')) {
      field_error(&table, columns[1], error, "a vote without a country");
      ok = FALSE;
    } else {
      VoteCountry *country = vote_country(votes, index, name, iso2,
                                          GPOINTER_TO_UINT(roll_call) - 1);
      country->n_votes++;
      if (country->mapped >= 0) {
        VoteRec rec = {
          .roll_call = GPOINTER_TO_UINT(roll_call) - 1,
          .mapped = (guint32) country->mapped,
          .row = (guint32) votes->n_votes,
          .value = value,
        };
        g_array_append_val(votes->votes, rec);
      }
      votes->n_votes++;
    }
  }
  if (local != NULL) {
    g_propagate_error(error, local);
    ok = FALSE;
  }
  g_hash_table_unref(index);
  table_close(&table);
  return ok;
}

static int
compare_votes(gconstpointer pa, gconstpointer pb)
{
  const VoteRec *a = pa, *b = pb;
  if (a->roll_call != b->roll_call)
    return a->roll_call < b->roll_call ? -1 : 1;
  if (a->mapped != b->mapped)
    return a->mapped < b->mapped ? -1 : 1;
  return a->row < b->row ? -1 : (a->row > b->row ? 1 : 0);
}

/* Sorts the votes and keeps the first row of each (roll call, country). */
static void
drop_conflicts(CitynetUnVotes *votes)
{
  g_array_sort(votes->votes, compare_votes);
  VoteRec *v = (VoteRec *) (void *) votes->votes->data;
  gsize kept = 0;
  for (gsize i = 0; i < votes->votes->len; i++) {
    if (kept > 0 && v[kept - 1].roll_call == v[i].roll_call &&
        v[kept - 1].mapped == v[i].mapped) {
      votes->n_conflicts++;
      continue;
    }
    v[kept++] = v[i];
  }
  g_array_set_size(votes->votes, (guint) kept);
}

static void
vote_country_free(gpointer data)
{
  VoteCountry *country = data;
  g_free(country->name);
  g_free(country->iso2);
  g_free(country);
}

CitynetUnVotes *
citynet_un_votes_load(const char *directory, GError **error)
{
  g_return_val_if_fail(directory != NULL, NULL);
  CitynetUnVotes *votes = g_new0(CitynetUnVotes, 1);
  votes->roll_call_index = g_hash_table_new(g_direct_hash, g_direct_equal);
  votes->countries = g_ptr_array_new_with_free_func(vote_country_free);
  votes->mapped_codes = g_ptr_array_new();
  votes->mapped_index = g_hash_table_new(g_str_hash, g_str_equal);
  votes->votes = g_array_new(FALSE, FALSE, sizeof(VoteRec));
  if (!read_roll_calls(votes, directory, error) || !read_votes(votes, directory, error)) {
    citynet_un_votes_free(votes);
    return NULL;
  }
  drop_conflicts(votes);
  return votes;
}

void
citynet_un_votes_free(CitynetUnVotes *votes)
{
  if (votes == NULL)
    return;
  g_free(votes->year);
  g_free(votes->day);
  g_hash_table_unref(votes->roll_call_index);
  g_ptr_array_unref(votes->countries);
  g_ptr_array_unref(votes->mapped_codes);
  g_hash_table_unref(votes->mapped_index);
  g_array_unref(votes->votes);
  g_free(votes);
}

gsize
citynet_un_votes_n_roll_calls(const CitynetUnVotes *votes)
{
  g_return_val_if_fail(votes != NULL, 0);
  return votes->n_roll_calls;
}

gsize
citynet_un_votes_n_votes(const CitynetUnVotes *votes)
{
  g_return_val_if_fail(votes != NULL, 0);
  return votes->n_votes;
}

gsize
citynet_un_votes_n_conflicts(const CitynetUnVotes *votes)
{
  g_return_val_if_fail(votes != NULL, 0);
  return votes->n_conflicts;
}

gsize
citynet_un_votes_n_countries(const CitynetUnVotes *votes)
{
  g_return_val_if_fail(votes != NULL, 0);
  return votes->countries->len;
}

void
citynet_un_votes_country(const CitynetUnVotes *votes, gsize country,
                         const char **name, const char **iso2,
                         const char **iso3, gsize *n_votes)
{
  g_return_if_fail(votes != NULL && country < votes->countries->len);
  const VoteCountry *c = g_ptr_array_index(votes->countries, country);
  if (name != NULL)
    *name = c->name;
  if (iso2 != NULL)
    *iso2 = c->iso2;
  if (iso3 != NULL)
    *iso3 = c->iso3;
  if (n_votes != NULL)
    *n_votes = c->n_votes;
}

/* ------------------------------------------------------------------------ */
/* Agreement                                                                */
/* ------------------------------------------------------------------------ */

typedef struct {
  const char *iso3;          /* static */
  gsize roll_calls;
  double agreement;
} AgreementRow;

struct _CitynetUnAgreement {
  char *home;
  int first_year;
  int last_year;
  gsize home_roll_calls;
  GArray *rows;              /* AgreementRow, by ISO3 */
};

static int
compare_agreement_rows(gconstpointer a, gconstpointer b)
{
  return strcmp(((const AgreementRow *) a)->iso3, ((const AgreementRow *) b)->iso3);
}

CitynetUnAgreement *
citynet_un_agreement_new(const CitynetUnVotes *votes, const char *home,
                         int first_year, int last_year, GError **error)
{
  g_return_val_if_fail(votes != NULL && home != NULL, NULL);
  if (last_year < first_year) {
    g_set_error(error, CITYNET_ERROR, CITYNET_ERROR_INVALID_ARGUMENT,
                "year range %d..%d is reversed", first_year, last_year);
    return NULL;
  }
  const char *iso3 = citynet_country_resolve(home);
  gpointer id = iso3 != NULL ? g_hash_table_lookup(votes->mapped_index, iso3) : NULL;
  if (id == NULL) {
    g_set_error(error, CITYNET_ERROR, CITYNET_ERROR_NOT_FOUND,
                "home country \"%s\" has no vote in the file", home);
    return NULL;
  }
  guint32 home_id = GPOINTER_TO_UINT(id) - 1;
  gsize n_mapped = votes->mapped_codes->len;

  guint8 *home_vote = g_new(guint8, MAX(votes->n_roll_calls, (gsize) 1));
  memset(home_vote, VOTE_NONE, MAX(votes->n_roll_calls, (gsize) 1));
  const VoteRec *v = (const VoteRec *) (const void *) votes->votes->data;
  gsize home_roll_calls = 0;
  for (gsize i = 0; i < votes->votes->len; i++) {
    gint year = votes->year[v[i].roll_call];
    if (v[i].mapped == home_id && year >= first_year && year <= last_year) {
      home_vote[v[i].roll_call] = v[i].value;
      home_roll_calls++;
    }
  }
  if (home_roll_calls == 0) {
    g_free(home_vote);
    g_set_error(error, CITYNET_ERROR, CITYNET_ERROR_NOT_FOUND,
                "%s cast no vote from %d to %d", iso3, first_year, last_year);
    return NULL;
  }
  /* Sums of agreement in halves (exact integers), then one division. */
  guint64 *halves = g_new0(guint64, n_mapped);
  gsize *count = g_new0(gsize, n_mapped);
  for (gsize i = 0; i < votes->votes->len; i++) {
    guint8 h = home_vote[v[i].roll_call];
    if (h == VOTE_NONE)
      continue;
    guint difference = h > v[i].value ? h - v[i].value : v[i].value - h;
    halves[v[i].mapped] += 2u - difference;
    count[v[i].mapped]++;
  }
  CitynetUnAgreement *agreement = g_new0(CitynetUnAgreement, 1);
  agreement->home = g_strdup(iso3);
  agreement->first_year = first_year;
  agreement->last_year = last_year;
  agreement->home_roll_calls = home_roll_calls;
  agreement->rows = g_array_new(FALSE, FALSE, sizeof(AgreementRow));
  for (gsize c = 0; c < n_mapped; c++) {
    if (count[c] == 0)
      continue;
    AgreementRow row = {
      .iso3 = g_ptr_array_index(votes->mapped_codes, c),
      .roll_calls = count[c],
      .agreement = (double) halves[c] / (2.0 * (double) count[c]),
    };
    g_array_append_val(agreement->rows, row);
  }
  g_array_sort(agreement->rows, compare_agreement_rows);
  g_free(halves);
  g_free(count);
  g_free(home_vote);
  return agreement;
}

void
citynet_un_agreement_free(CitynetUnAgreement *agreement)
{
  if (agreement == NULL)
    return;
  g_free(agreement->home);
  g_array_unref(agreement->rows);
  g_free(agreement);
}

const char *
citynet_un_agreement_home(const CitynetUnAgreement *agreement)
{
  g_return_val_if_fail(agreement != NULL, NULL);
  return agreement->home;
}

gsize
citynet_un_agreement_home_roll_calls(const CitynetUnAgreement *agreement)
{
  g_return_val_if_fail(agreement != NULL, 0);
  return agreement->home_roll_calls;
}

char *
citynet_un_agreement_default_key(const CitynetUnAgreement *agreement)
{
  g_return_val_if_fail(agreement != NULL, NULL);
  return g_strdup_printf("un_agreement_%s_%d_%d", agreement->home,
                         agreement->first_year, agreement->last_year);
}

gsize
citynet_un_agreement_n_countries(const CitynetUnAgreement *agreement)
{
  g_return_val_if_fail(agreement != NULL, 0);
  return agreement->rows->len;
}

void
citynet_un_agreement_country(const CitynetUnAgreement *agreement, gsize row,
                             const char **iso3, gsize *roll_calls,
                             double *agreement_score)
{
  g_return_if_fail(agreement != NULL && row < agreement->rows->len);
  const AgreementRow *r = &g_array_index(agreement->rows, AgreementRow, row);
  if (iso3 != NULL)
    *iso3 = r->iso3;
  if (roll_calls != NULL)
    *roll_calls = r->roll_calls;
  if (agreement_score != NULL)
    *agreement_score = r->agreement;
}

double
citynet_un_agreement_lookup(const CitynetUnAgreement *agreement,
                            const char *iso3)
{
  g_return_val_if_fail(agreement != NULL, NAN);
  if (iso3 == NULL)
    return NAN;
  AgreementRow key = { .iso3 = iso3 };
  guint found;
  if (!g_array_binary_search(agreement->rows, &key, compare_agreement_rows, &found))
    return NAN;
  return g_array_index(agreement->rows, AgreementRow, found).agreement;
}

static int
compare_strv_entries(gconstpointer a, gconstpointer b)
{
  return strcmp(*(const char *const *) a, *(const char *const *) b);
}

gboolean
citynet_un_agreement_apply(const CitynetUnAgreement *agreement,
                           CitynetNetwork *network, const char *key,
                           gsize *n_set, char ***missing, GError **error)
{
  g_return_val_if_fail(agreement != NULL && network != NULL, FALSE);
  char *default_key = key == NULL ? citynet_un_agreement_default_key(agreement) : NULL;
  const char *name = key != NULL ? key : default_key;
  GPtrArray *absent = g_ptr_array_new_with_free_func(g_free);
  gsize set = 0;
  gboolean ok = TRUE;
  for (gsize c = 0; c < citynet_network_n_countries(network) && ok; c++) {
    const char *code = citynet_network_country_code(network, c);
    double score = citynet_un_agreement_lookup(agreement, code);
    if (isnan(score)) {
      g_ptr_array_add(absent, g_strdup(code));
      continue;
    }
    ok = citynet_network_set_country_attribute(network, code, name, score, error);
    set += ok;
  }
  g_free(default_key);
  if (!ok) {
    g_ptr_array_unref(absent);
    return FALSE;
  }
  if (n_set != NULL)
    *n_set = set;
  if (missing != NULL) {
    g_ptr_array_sort(absent, compare_strv_entries);
    g_ptr_array_add(absent, NULL);
    *missing = (char **) g_ptr_array_free(absent, FALSE);
  } else {
    g_ptr_array_unref(absent);
  }
  return TRUE;
}
