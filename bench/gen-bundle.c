/* gen-bundle - writes a large, deterministic, realistic citynet bundle for
 * the loading benchmark.
 *
 *   gen-bundle --ties N [--seed S] [--nodes M] [--closure P] -o DIR
 *
 * The output depends only on the options (and GEN_BUNDLE_FORMAT): the
 * generator has its own PRNG (xoshiro256** seeded with splitmix64), draws
 * integers and uses only IEEE basic arithmetic on doubles (the build passes
 * -ffp-contract=off), so two machines produce byte-identical files.
 *
 * Structure of the generated network:
 *   - node kinds: about 2.5 % organisations, one government for each of
 *     up to 200 countries (when there are enough nodes), the rest cities;
 *   - cities belong to countries with Zipf-like sizes (a few countries hold
 *     most cities) and lie around a per-country centre;
 *   - tie endpoints are drawn Chung-Lu style with rank weights
 *     (r + 10)^(-2/3), which gives a power-law degree distribution with
 *     exponent about 2.5 and a hub degree far above the mean;
 *   - triadic closure: with probability P (default 0.3) a city-city tie goes
 *     to a recent neighbour of a recent neighbour of its source, which
 *     produces clustering;
 *   - layers: member (city -> organisation), visit / agreement (with
 *     governments), sister, cooperation, visit, aid, training (city-city),
 *     with layer-typical weights (integers and decimals) and direction;
 *   - dates 1950..2024 in mixed precision, about 20 % with an end date that
 *     is never before the start; about half the ties carry a reference
 *     (citations, some needing CSV quotes, and unique URLs).
 */
#include <glib.h>
#include <glib/gstdio.h>

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Bump when the bytes written for given options change, so cached bundles
 * of the benchmark driver are regenerated. */
#define GEN_BUNDLE_FORMAT "1"

/* ------------------------------------------------------------------------ */
/* PRNG: xoshiro256** seeded through splitmix64 (public-domain algorithms by
 * Blackman and Vigna).                                                     */
/* ------------------------------------------------------------------------ */

typedef struct {
  guint64 s[4];
} Rng;

static guint64
splitmix64(guint64 *state)
{
  guint64 z = (*state += 0x9e3779b97f4a7c15ull);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

static void
rng_seed(Rng *rng, guint64 seed)
{
  guint64 state = seed;
  for (int i = 0; i < 4; i++)
    rng->s[i] = splitmix64(&state);
}

static inline guint64
rotl(guint64 x, int k)
{
  return (x << k) | (x >> (64 - k));
}

static inline guint64
rng_next(Rng *rng)
{
  guint64 *s = rng->s;
  guint64 result = rotl(s[1] * 5, 7) * 9;
  guint64 t = s[1] << 17;
  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl(s[3], 45);
  return result;
}

/* Uniform integer in [0, n) by Lemire's multiply-shift; the bias (at most
 * n / 2^64) is irrelevant here and the result is deterministic. */
static inline guint64
rng_below(Rng *rng, guint64 n)
{
  return (guint64) (((unsigned __int128) rng_next(rng) * n) >> 64);
}

/* Uniform double in [0, 1) with 53 random bits. */
static inline double
rng_unit(Rng *rng)
{
  return (double) (rng_next(rng) >> 11) * 0x1.0p-53;
}

/* TRUE with probability @per_mille / 1000. */
static inline gboolean
rng_permille(Rng *rng, guint per_mille)
{
  return rng_below(rng, 1000) < per_mille;
}

static void
shuffle_u32(Rng *rng, guint32 *items, gsize n)
{
  for (gsize i = n; i > 1; i--) {
    gsize j = rng_below(rng, i);
    guint32 tmp = items[i - 1];
    items[i - 1] = items[j];
    items[j] = tmp;
  }
}

/* ------------------------------------------------------------------------ */
/* Power-law ranks                                                          */
/* ------------------------------------------------------------------------ */

#define RANK_OFFSET 10.0

/* Cube root by Newton's method with basic operations only, so the result
 * is the same on every IEEE machine (libm's cbrt need not be). */
static double
exact_cbrt(double v)
{
  double x = v > 1.0 ? v : 1.0;
  for (int i = 0; i < 400; i++)
    x = (2.0 * x + v / (x * x)) / 3.0;
  return x;
}

/* Draws members of a set with probability proportional to
 * (rank + RANK_OFFSET)^(-2/3): x uniform on [c(0), c(n)) with
 * c(r) = (r + offset)^(1/3) inverts the rank CDF, rank = floor(x^3) - offset.
 * The offset caps the top hub's share of endpoints. */
typedef struct {
  const guint32 *members; /* rank -> node index (a random order) */
  guint32 n;
  double lo;
  double span;
} PowerLaw;

static void
power_law_init(PowerLaw *law, const guint32 *members, guint32 n)
{
  law->members = members;
  law->n = n;
  law->lo = exact_cbrt(RANK_OFFSET);
  law->span = exact_cbrt((double) n + RANK_OFFSET) - law->lo;
}

static inline guint32
power_law_draw(const PowerLaw *law, Rng *rng)
{
  double x = law->lo + law->span * rng_unit(rng);
  double r = x * x * x - RANK_OFFSET;
  guint32 rank = r <= 0.0 ? 0 : (guint32) r;
  if (rank >= law->n)
    rank = law->n - 1;
  return law->members[rank];
}

/* ------------------------------------------------------------------------ */
/* Line assembly without allocation                                         */
/* ------------------------------------------------------------------------ */

/* Every generated line is far shorter than this. */
#define LINE_MAX_BYTES 1024

static inline char *
put_str(char *p, const char *s)
{
  while (*s)
    *p++ = *s++;
  return p;
}

static inline char *
put_char(char *p, char c)
{
  *p++ = c;
  return p;
}

static inline char *
put_uint(char *p, guint64 v)
{
  char digits[24];
  int n = 0;
  do {
    digits[n++] = (char) ('0' + v % 10);
    v /= 10;
  } while (v);
  while (n)
    *p++ = digits[--n];
  return p;
}

/* Writes @v with exactly @width digits (zero-padded). */
static inline char *
put_uint_padded(char *p, guint v, int width)
{
  for (int i = width - 1; i >= 0; i--) {
    p[i] = (char) ('0' + v % 10);
    v /= 10;
  }
  return p + width;
}

/* A fixed-point number @units / 10^@decimals, without trailing zeros:
 * 1250 with 2 decimals is "12.5", 300 is "3". Negative values allowed. */
static char *
put_fixed(char *p, gint64 units, int decimals)
{
  guint64 scale = 1;
  for (int i = 0; i < decimals; i++)
    scale *= 10;
  if (units < 0) {
    p = put_char(p, '-');
    units = -units;
  }
  guint64 whole = (guint64) units / scale;
  guint64 frac = (guint64) units % scale;
  p = put_uint(p, whole);
  if (frac) {
    int width = decimals;
    while (frac % 10 == 0) {
      frac /= 10;
      width--;
    }
    p = put_char(p, '.');
    p = put_uint_padded(p, (guint) frac, width);
  }
  return p;
}

/* A CSV field, quoted (RFC 4180) only when it holds a comma, quote or line
 * break. */
static char *
put_field(char *p, const char *s)
{
  if (!strpbrk(s, ",\"\r\n"))
    return put_str(p, s);
  p = put_char(p, '"');
  for (; *s; s++) {
    if (*s == '"')
      p = put_char(p, '"');
    p = put_char(p, *s);
  }
  return put_char(p, '"');
}

/* ------------------------------------------------------------------------ */
/* Output files: written to temporaries, renamed when all are complete      */
/* ------------------------------------------------------------------------ */

typedef struct {
  FILE *file;
  char *tmp_path;
  char *final_path;
  char *buffer;
} OutFile;

#define OUT_BUFFER_BYTES (1u << 20)

static gboolean
out_open(OutFile *out, const char *dir, const char *name)
{
  out->final_path = g_build_filename(dir, name, NULL);
  out->tmp_path = g_strdup_printf("%s/.%s.XXXXXX", dir, name);
  out->buffer = NULL;
  out->file = NULL;
  int fd = g_mkstemp(out->tmp_path);
  if (fd < 0) {
    g_printerr("gen-bundle: cannot create a file in %s: %s\n", dir,
               g_strerror(errno));
    return FALSE;
  }
  /* mkstemp creates the file 0600; give the bundle the usual permissions. */
  mode_t mask = umask(0);
  umask(mask);
  if (fchmod(fd, 0666 & ~mask) != 0) {
    g_printerr("gen-bundle: cannot set the mode of %s: %s\n", out->tmp_path,
               g_strerror(errno));
    close(fd);
    return FALSE;
  }
  out->file = fdopen(fd, "w");
  if (!out->file) {
    close(fd);
    return FALSE;
  }
  out->buffer = g_malloc(OUT_BUFFER_BYTES);
  setvbuf(out->file, out->buffer, _IOFBF, OUT_BUFFER_BYTES);
  return TRUE;
}

static inline void
out_line(OutFile *out, const char *line, char *end)
{
  *end++ = '\n';
  fwrite(line, 1, (size_t) (end - line), out->file);
}

/* Closes the file; FALSE (with a message) when any write failed. */
static gboolean
out_close(OutFile *out)
{
  if (!out->file)
    return FALSE;
  gboolean ok = !ferror(out->file);
  if (fclose(out->file) != 0)
    ok = FALSE;
  out->file = NULL;
  if (!ok)
    g_printerr("gen-bundle: writing %s failed: %s\n", out->tmp_path,
               g_strerror(errno));
  return ok;
}

static void
out_discard(OutFile *out)
{
  if (out->file)
    fclose(out->file);
  out->file = NULL;
  if (out->tmp_path)
    g_unlink(out->tmp_path);
}

static void
out_free(OutFile *out)
{
  g_free(out->tmp_path);
  g_free(out->final_path);
  g_free(out->buffer);
}

/* ------------------------------------------------------------------------ */
/* Countries                                                                */
/* ------------------------------------------------------------------------ */

typedef enum { CONT_AF, CONT_AS, CONT_EU, CONT_NA, CONT_SA, CONT_OC, N_CONT } Continent;

typedef struct {
  const char *iso3;
  const char *name;
  Continent continent;
} CountryDef;

/* 194 independent states (ISO 3166-1 alpha-3, English names) and six
 * territories or user-assigned codes (XKX) that city data commonly uses. */
static const CountryDef countries[] = {
  {"AFG", "Afghanistan", CONT_AS},
  {"ALB", "Albania", CONT_EU},
  {"DZA", "Algeria", CONT_AF},
  {"AND", "Andorra", CONT_EU},
  {"AGO", "Angola", CONT_AF},
  {"ATG", "Antigua and Barbuda", CONT_NA},
  {"ARG", "Argentina", CONT_SA},
  {"ARM", "Armenia", CONT_AS},
  {"AUS", "Australia", CONT_OC},
  {"AUT", "Austria", CONT_EU},
  {"AZE", "Azerbaijan", CONT_AS},
  {"BHS", "Bahamas", CONT_NA},
  {"BHR", "Bahrain", CONT_AS},
  {"BGD", "Bangladesh", CONT_AS},
  {"BRB", "Barbados", CONT_NA},
  {"BLR", "Belarus", CONT_EU},
  {"BEL", "Belgium", CONT_EU},
  {"BLZ", "Belize", CONT_NA},
  {"BEN", "Benin", CONT_AF},
  {"BTN", "Bhutan", CONT_AS},
  {"BOL", "Bolivia", CONT_SA},
  {"BIH", "Bosnia and Herzegovina", CONT_EU},
  {"BWA", "Botswana", CONT_AF},
  {"BRA", "Brazil", CONT_SA},
  {"BRN", "Brunei", CONT_AS},
  {"BGR", "Bulgaria", CONT_EU},
  {"BFA", "Burkina Faso", CONT_AF},
  {"BDI", "Burundi", CONT_AF},
  {"CPV", "Cape Verde", CONT_AF},
  {"KHM", "Cambodia", CONT_AS},
  {"CMR", "Cameroon", CONT_AF},
  {"CAN", "Canada", CONT_NA},
  {"CAF", "Central African Republic", CONT_AF},
  {"TCD", "Chad", CONT_AF},
  {"CHL", "Chile", CONT_SA},
  {"CHN", "China", CONT_AS},
  {"COL", "Colombia", CONT_SA},
  {"COM", "Comoros", CONT_AF},
  {"COG", "Congo - Brazzaville", CONT_AF},
  {"COD", "Congo - Kinshasa", CONT_AF},
  {"CRI", "Costa Rica", CONT_NA},
  {"CIV", "Côte d’Ivoire", CONT_AF},
  {"HRV", "Croatia", CONT_EU},
  {"CUB", "Cuba", CONT_NA},
  {"CYP", "Cyprus", CONT_EU},
  {"CZE", "Czechia", CONT_EU},
  {"DNK", "Denmark", CONT_EU},
  {"DJI", "Djibouti", CONT_AF},
  {"DMA", "Dominica", CONT_NA},
  {"DOM", "Dominican Republic", CONT_NA},
  {"ECU", "Ecuador", CONT_SA},
  {"EGY", "Egypt", CONT_AF},
  {"SLV", "El Salvador", CONT_NA},
  {"GNQ", "Equatorial Guinea", CONT_AF},
  {"ERI", "Eritrea", CONT_AF},
  {"EST", "Estonia", CONT_EU},
  {"SWZ", "Eswatini", CONT_AF},
  {"ETH", "Ethiopia", CONT_AF},
  {"FJI", "Fiji", CONT_OC},
  {"FIN", "Finland", CONT_EU},
  {"FRA", "France", CONT_EU},
  {"GAB", "Gabon", CONT_AF},
  {"GMB", "Gambia", CONT_AF},
  {"GEO", "Georgia", CONT_AS},
  {"DEU", "Germany", CONT_EU},
  {"GHA", "Ghana", CONT_AF},
  {"GRC", "Greece", CONT_EU},
  {"GRL", "Greenland", CONT_NA},
  {"GRD", "Grenada", CONT_NA},
  {"GTM", "Guatemala", CONT_NA},
  {"GIN", "Guinea", CONT_AF},
  {"GNB", "Guinea-Bissau", CONT_AF},
  {"GUY", "Guyana", CONT_SA},
  {"HTI", "Haiti", CONT_NA},
  {"VAT", "Vatican City", CONT_EU},
  {"HND", "Honduras", CONT_NA},
  {"HKG", "Hong Kong SAR China", CONT_AS},
  {"HUN", "Hungary", CONT_EU},
  {"ISL", "Iceland", CONT_EU},
  {"IND", "India", CONT_AS},
  {"IDN", "Indonesia", CONT_AS},
  {"IRN", "Iran", CONT_AS},
  {"IRQ", "Iraq", CONT_AS},
  {"IRL", "Ireland", CONT_EU},
  {"ISR", "Israel", CONT_AS},
  {"ITA", "Italy", CONT_EU},
  {"JAM", "Jamaica", CONT_NA},
  {"JPN", "Japan", CONT_AS},
  {"JOR", "Jordan", CONT_AS},
  {"KAZ", "Kazakhstan", CONT_AS},
  {"KEN", "Kenya", CONT_AF},
  {"KIR", "Kiribati", CONT_OC},
  {"PRK", "North Korea", CONT_AS},
  {"KOR", "South Korea", CONT_AS},
  {"KWT", "Kuwait", CONT_AS},
  {"KGZ", "Kyrgyzstan", CONT_AS},
  {"LAO", "Laos", CONT_AS},
  {"LVA", "Latvia", CONT_EU},
  {"LBN", "Lebanon", CONT_AS},
  {"LSO", "Lesotho", CONT_AF},
  {"LBR", "Liberia", CONT_AF},
  {"LBY", "Libya", CONT_AF},
  {"LIE", "Liechtenstein", CONT_EU},
  {"LTU", "Lithuania", CONT_EU},
  {"LUX", "Luxembourg", CONT_EU},
  {"MDG", "Madagascar", CONT_AF},
  {"MWI", "Malawi", CONT_AF},
  {"MYS", "Malaysia", CONT_AS},
  {"MDV", "Maldives", CONT_AS},
  {"MLI", "Mali", CONT_AF},
  {"MLT", "Malta", CONT_EU},
  {"MHL", "Marshall Islands", CONT_OC},
  {"MRT", "Mauritania", CONT_AF},
  {"MUS", "Mauritius", CONT_AF},
  {"MEX", "Mexico", CONT_NA},
  {"FSM", "Micronesia", CONT_OC},
  {"MDA", "Moldova", CONT_EU},
  {"MCO", "Monaco", CONT_EU},
  {"MNG", "Mongolia", CONT_AS},
  {"MNE", "Montenegro", CONT_EU},
  {"MAR", "Morocco", CONT_AF},
  {"MOZ", "Mozambique", CONT_AF},
  {"MMR", "Myanmar (Burma)", CONT_AS},
  {"NAM", "Namibia", CONT_AF},
  {"NRU", "Nauru", CONT_OC},
  {"NPL", "Nepal", CONT_AS},
  {"NLD", "Netherlands", CONT_EU},
  {"NZL", "New Zealand", CONT_OC},
  {"NIC", "Nicaragua", CONT_NA},
  {"NER", "Niger", CONT_AF},
  {"NGA", "Nigeria", CONT_AF},
  {"MKD", "North Macedonia", CONT_EU},
  {"NOR", "Norway", CONT_EU},
  {"OMN", "Oman", CONT_AS},
  {"PAK", "Pakistan", CONT_AS},
  {"PLW", "Palau", CONT_OC},
  {"PSE", "Palestinian Territories", CONT_AS},
  {"PAN", "Panama", CONT_NA},
  {"PNG", "Papua New Guinea", CONT_OC},
  {"PRY", "Paraguay", CONT_SA},
  {"PER", "Peru", CONT_SA},
  {"PHL", "Philippines", CONT_AS},
  {"POL", "Poland", CONT_EU},
  {"PRT", "Portugal", CONT_EU},
  {"PRI", "Puerto Rico", CONT_NA},
  {"QAT", "Qatar", CONT_AS},
  {"ROU", "Romania", CONT_EU},
  {"RUS", "Russia", CONT_EU},
  {"RWA", "Rwanda", CONT_AF},
  {"KNA", "St. Kitts and Nevis", CONT_NA},
  {"LCA", "St. Lucia", CONT_NA},
  {"VCT", "St. Vincent and Grenadines", CONT_NA},
  {"WSM", "Samoa", CONT_OC},
  {"SMR", "San Marino", CONT_EU},
  {"STP", "São Tomé and Príncipe", CONT_AF},
  {"SAU", "Saudi Arabia", CONT_AS},
  {"SEN", "Senegal", CONT_AF},
  {"SRB", "Serbia", CONT_EU},
  {"SYC", "Seychelles", CONT_AF},
  {"SLE", "Sierra Leone", CONT_AF},
  {"SGP", "Singapore", CONT_AS},
  {"SVK", "Slovakia", CONT_EU},
  {"SVN", "Slovenia", CONT_EU},
  {"SLB", "Solomon Islands", CONT_OC},
  {"SOM", "Somalia", CONT_AF},
  {"ZAF", "South Africa", CONT_AF},
  {"SSD", "South Sudan", CONT_AF},
  {"ESP", "Spain", CONT_EU},
  {"LKA", "Sri Lanka", CONT_AS},
  {"SDN", "Sudan", CONT_AF},
  {"SUR", "Suriname", CONT_SA},
  {"SWE", "Sweden", CONT_EU},
  {"CHE", "Switzerland", CONT_EU},
  {"SYR", "Syria", CONT_AS},
  {"TWN", "Taiwan", CONT_AS},
  {"TJK", "Tajikistan", CONT_AS},
  {"TZA", "Tanzania", CONT_AF},
  {"THA", "Thailand", CONT_AS},
  {"TLS", "Timor-Leste", CONT_OC},
  {"TGO", "Togo", CONT_AF},
  {"TON", "Tonga", CONT_OC},
  {"TTO", "Trinidad and Tobago", CONT_NA},
  {"TUN", "Tunisia", CONT_AF},
  {"TUR", "Türkiye", CONT_AS},
  {"TKM", "Turkmenistan", CONT_AS},
  {"TUV", "Tuvalu", CONT_OC},
  {"UGA", "Uganda", CONT_AF},
  {"UKR", "Ukraine", CONT_EU},
  {"ARE", "United Arab Emirates", CONT_AS},
  {"GBR", "United Kingdom", CONT_EU},
  {"USA", "United States", CONT_NA},
  {"URY", "Uruguay", CONT_SA},
  {"UZB", "Uzbekistan", CONT_AS},
  {"VUT", "Vanuatu", CONT_OC},
  {"VEN", "Venezuela", CONT_SA},
  {"VNM", "Vietnam", CONT_AS},
  {"YEM", "Yemen", CONT_AS},
  {"ZMB", "Zambia", CONT_AF},
  {"ZWE", "Zimbabwe", CONT_AF},
  {"XKX", "Kosovo", CONT_EU},
};
#define N_COUNTRIES G_N_ELEMENTS(countries)

/* Rough latitude/longitude boxes per continent, in 1e-4 degrees. */
static const gint32 continent_box[N_CONT][4] = {
  /* lat min, lat max, lon min, lon max */
  [CONT_AF] = {-340000, 350000, -170000, 500000},
  [CONT_AS] = {-100000, 550000, 260000, 1450000},
  [CONT_EU] = {360000, 700000, -100000, 400000},
  [CONT_NA] = {80000, 600000, -1250000, -600000},
  [CONT_SA] = {-500000, 100000, -800000, -350000},
  [CONT_OC] = {-450000, 0, 1100000, 1790000},
};

/* An international group with dated membership spells. @share[c] is the
 * per-mille chance that a country of continent c is a member. */
typedef struct {
  const char *name;
  guint first_year;
  guint16 share[N_CONT];
} GroupDef;

static const GroupDef groups[] = {
  /*                 AF   AS   EU   NA   SA   OC */
  {"EU", 1958,    {   0,   5, 550,   0,   0,   0}},
  {"NATO", 1949,  {   0,  10, 600, 100,   0,   0}},
  {"CoE", 1949,   {   0,  20, 900,   0,   0,   0}},
  {"AU", 1963,    { 950,   0,   0,   0,   0,   0}},
  {"ASEAN", 1967, {   0, 200,   0,   0,   0,   0}},
  {"OAS", 1948,   {   0,   0,   0, 900, 900,   0}},
  {"OIC", 1969,   { 400, 450,  30,   5,  30,   0}},
  {"OECD", 1961,  {   0,  50, 500, 100,  50, 150}},
  {"G20", 1999,   {  20,  80,  80,  80,  60, 100}},
  {"BRICS", 2009, {  20,  30,   5,   0,  30,   0}},
  {"CIS", 1991,   {   0,  60,  60,   0,   0,   0}},
  {"PIF", 1971,   {   0,   0,   0,   0,   0, 850}},
};

/* The Organization of Turkic States, with its real members and date. */
static const char *const ots_members[] = {"AZE", "KAZ", "KGZ", "TUR", "UZB"};

/* ------------------------------------------------------------------------ */
/* Names and references                                                     */
/* ------------------------------------------------------------------------ */

static const char *const city_bases[] = {
  "Şehir", "Constanța", "İzmir", "Kraków", "São Paulo", "Zürich", "Gdańsk",
  "Łódź", "Malmö", "Reykjavík", "Köln", "Besançon", "Niš", "Plzeň", "Tiranë",
  "Bakı", "Almaty", "Odesa", "Thessaloníki", "Ljubljana", "Bursa", "Lyon",
  "Curaçao", "Springfield", "Newport", "Riverside", "Santa Maria",
  "Alexandria", "Victoria", "Nicosia", "Lefkoşa", "Gaziantep", "Kyiv",
  "Québec", "Ciudad Real", "Düsseldorf", "Škofja Loka", "Žilina", "Brașov",
  "Sarajevo", "Medellín", "Yaoundé", "Nuku'alofa", "Tōkyō", "Hà Nội",
  "Mersin", "Eskişehir", "Çanakkale",
};

static const char *const org_patterns[] = {
  "Union of Municipalities", "Réseau des Villes", "Städtebund",
  "Mayors Network", "Belediyeler Birliği", "Metropolitan Forum",
  "Cities Alliance", "Red de Ciudades",
};

static const char *const districts[] = {"North", "Centre", "Old Town", "Merkez"};

/* ------------------------------------------------------------------------ */
/* Dates                                                                    */
/* ------------------------------------------------------------------------ */

#define FIRST_YEAR 1950
#define LAST_YEAR 2024

static guint
days_in_month(guint year, guint month)
{
  static const guint8 days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2 && ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0))
    return 29;
  return days[month - 1];
}

/* A date of year, month or day precision (month/day 0 = absent). */
typedef struct {
  guint16 year;
  guint8 month;
  guint8 day;
} Date;

/* A random date in @year: 30 % "YYYY", 20 % "YYYY-MM", 50 % "YYYY-MM-DD". */
static Date
random_date_in_year(Rng *rng, guint year)
{
  Date d = {(guint16) year, 0, 0};
  guint precision = (guint) rng_below(rng, 10);
  if (precision >= 3) {
    d.month = (guint8) (1 + rng_below(rng, 12));
    if (precision >= 5)
      d.day = (guint8) (1 + rng_below(rng, days_in_month(year, d.month)));
  }
  return d;
}

/* A year in [@first, LAST_YEAR], skewed towards recent years the way
 * recorded ties are. */
static guint
random_recent_year(Rng *rng, guint first)
{
  double u = rng_unit(rng);
  guint span = LAST_YEAR - first + 1;
  return LAST_YEAR - (guint) ((double) span * u * u);
}

static char *
put_date(char *p, Date d)
{
  p = put_uint_padded(p, d.year, 4);
  if (d.month) {
    p = put_char(p, '-');
    p = put_uint_padded(p, d.month, 2);
    if (d.day) {
      p = put_char(p, '-');
      p = put_uint_padded(p, d.day, 2);
    }
  }
  return p;
}

/* Writes "start,end" for a spell starting in a year from @first: an end in
 * a later year (any precision) or, in the start's own year, exactly the
 * start, so that end >= start under any reading of mixed precision.
 * @end_permille is the chance of an end date; @open_permille the chance of
 * an open start. */
static char *
put_spell(char *p, Rng *rng, guint first, guint end_permille,
          guint open_permille)
{
  gboolean open_start = rng_permille(rng, open_permille);
  guint year = random_recent_year(rng, first);
  Date start = random_date_in_year(rng, year);
  if (!open_start)
    p = put_date(p, start);
  p = put_char(p, ',');
  if (rng_permille(rng, end_permille)) {
    if (open_start) {
      p = put_date(p, random_date_in_year(rng, random_recent_year(rng, first)));
    } else {
      guint later = (guint) rng_below(rng, LAST_YEAR - year + 1);
      p = put_date(p, later ? random_date_in_year(rng, year + later) : start);
    }
  }
  return p;
}

/* ------------------------------------------------------------------------ */
/* The generator                                                            */
/* ------------------------------------------------------------------------ */

typedef enum { KIND_CITY, KIND_ORG, KIND_GOV } NodeKind;

static const char *const kind_names[] = {"city", "organisation", "government"};

/* Recent neighbours remembered per node for triadic closure. */
#define NEIGHBOUR_SLOTS 4
#define NO_NODE G_MAXUINT32

typedef struct {
  guint64 seed;
  guint64 n_ties;
  guint32 n_nodes;
  guint closure_permille;

  guint32 n_cities, n_orgs, n_govs;
  guint8 *kind;         /* per node: NodeKind */
  guint32 *number;      /* per node: id number, or country index for govs */
  guint32 *cities;      /* city node indices in rank order (random) */
  guint32 *orgs;
  guint32 *govs;
  PowerLaw city_law, org_law, gov_law;
  guint32 *neighbours;  /* NEIGHBOUR_SLOTS per node, NO_NODE when empty */

  /* Countries by size rank (Zipf), their cumulative weights and centres. */
  guint32 country_order[N_COUNTRIES];
  double country_cum[N_COUNTRIES];
  gint32 centre[N_COUNTRIES][2];
} Generator;

/* Each file has its own PRNG stream, so nodes.csv depends only on the seed
 * and the node count, and countries only on the seed. */
enum { STREAM_COUNTRIES = 1, STREAM_NODES, STREAM_TIES };

static void
stream_seed(Rng *rng, guint64 seed, guint stream)
{
  guint64 mix = seed;
  guint64 base = splitmix64(&mix);
  rng_seed(rng, base ^ (0x632be59bd9b4e019ull * stream));
}

static void
generator_init_countries(Generator *g)
{
  Rng rng;
  stream_seed(&rng, g->seed, STREAM_COUNTRIES);
  for (guint32 i = 0; i < N_COUNTRIES; i++)
    g->country_order[i] = i;
  shuffle_u32(&rng, g->country_order, N_COUNTRIES);
  double total = 0.0;
  for (guint32 r = 0; r < N_COUNTRIES; r++) {
    total += 1.0 / (double) (r + 2);
    g->country_cum[r] = total;
  }
  for (guint32 c = 0; c < N_COUNTRIES; c++) {
    const gint32 *box = continent_box[countries[c].continent];
    g->centre[c][0] = box[0] + (gint32) rng_below(&rng, (guint64) (box[1] - box[0]));
    g->centre[c][1] = box[2] + (gint32) rng_below(&rng, (guint64) (box[3] - box[2]));
  }
}

/* A country index drawn with Zipf weights 1 / (rank + 2). */
static guint32
random_country(const Generator *g, Rng *rng)
{
  double x = rng_unit(rng) * g->country_cum[N_COUNTRIES - 1];
  guint32 lo = 0, hi = N_COUNTRIES - 1;
  while (lo < hi) {
    guint32 mid = (lo + hi) / 2;
    if (g->country_cum[mid] > x)
      hi = mid;
    else
      lo = mid + 1;
  }
  return g->country_order[lo];
}

/* Decides every node's kind and numbering and the rank order of each kind. */
static void
generator_init_nodes(Generator *g, Rng *rng)
{
  guint32 n = g->n_nodes;
  g->n_govs = MIN((guint32) N_COUNTRIES, n / 50);
  g->n_orgs = MAX(1u, n / 40);
  g->n_cities = n - g->n_govs - g->n_orgs;

  g->kind = g_new(guint8, n);
  for (guint32 i = 0; i < n; i++)
    g->kind[i] = i < g->n_govs ? KIND_GOV
                 : i < g->n_govs + g->n_orgs ? KIND_ORG : KIND_CITY;
  for (guint32 i = n; i > 1; i--) {
    guint32 j = (guint32) rng_below(rng, i);
    guint8 tmp = g->kind[i - 1];
    g->kind[i - 1] = g->kind[j];
    g->kind[j] = tmp;
  }

  g->number = g_new(guint32, n);
  g->cities = g_new(guint32, g->n_cities);
  g->orgs = g_new(guint32, g->n_orgs);
  g->govs = g_new(guint32, MAX(1u, g->n_govs));
  guint32 counts[3] = {0, 0, 0};
  for (guint32 i = 0; i < n; i++) {
    guint8 k = g->kind[i];
    guint32 c = counts[k]++;
    if (k == KIND_CITY) {
      g->number[i] = c + 1;
      g->cities[c] = i;
    } else if (k == KIND_ORG) {
      g->number[i] = c + 1;
      g->orgs[c] = i;
    } else {
      /* The largest countries (by city count) get the governments. */
      g->number[i] = g->country_order[c];
      g->govs[c] = i;
    }
  }
  shuffle_u32(rng, g->cities, g->n_cities);
  shuffle_u32(rng, g->orgs, g->n_orgs);
  shuffle_u32(rng, g->govs, g->n_govs);
  power_law_init(&g->city_law, g->cities, g->n_cities);
  power_law_init(&g->org_law, g->orgs, g->n_orgs);
  power_law_init(&g->gov_law, g->govs, g->n_govs);
}

static void
generator_clear(Generator *g)
{
  g_free(g->kind);
  g_free(g->number);
  g_free(g->cities);
  g_free(g->orgs);
  g_free(g->govs);
  g_free(g->neighbours);
}

static char *
put_node_id(char *p, const Generator *g, guint32 node)
{
  switch (g->kind[node]) {
  case KIND_CITY:
    p = put_char(p, 'c');
    return put_uint(p, g->number[node]);
  case KIND_ORG:
    p = put_char(p, 'o');
    return put_uint(p, g->number[node]);
  default:
    p = put_str(p, "gov-");
    return put_str(p, countries[g->number[node]].iso3);
  }
}

/* ",lat,lon" around a country's centre (within @jitter 1e-4 degrees). */
static char *
put_location(char *p, const Generator *g, Rng *rng, guint32 country,
             gint32 jitter)
{
  gint32 lat = g->centre[country][0];
  gint32 lon = g->centre[country][1];
  if (jitter) {
    lat += (gint32) rng_below(rng, 2 * (guint64) jitter + 1) - jitter;
    lon += (gint32) rng_below(rng, 2 * (guint64) jitter + 1) - jitter;
  }
  lat = CLAMP(lat, -900000, 900000);
  lon = CLAMP(lon, -1800000, 1800000);
  p = put_char(p, ',');
  p = put_fixed(p, lat, 4);
  p = put_char(p, ',');
  return put_fixed(p, lon, 4);
}

static char *
put_city_fields(char *p, const Generator *g, Rng *rng, guint32 node)
{
  char name[128];
  const char *base = city_bases[rng_below(rng, G_N_ELEMENTS(city_bases))];
  guint variant = (guint) rng_below(rng, 100);
  /* A few bare names repeat across countries (like Nicosia or Victoria);
   * a few carry a comma and need CSV quotes. */
  if (variant < 2)
    g_strlcpy(name, base, sizeof name);
  else if (variant < 3)
    g_snprintf(name, sizeof name, "%s, %s %u", base,
               districts[rng_below(rng, G_N_ELEMENTS(districts))],
               g->number[node]);
  else
    g_snprintf(name, sizeof name, "%s %u", base, g->number[node]);
  p = put_field(p, name);
  guint32 country = random_country(g, rng);
  p = put_char(p, ',');
  p = put_str(p, countries[country].iso3);
  if (rng_permille(rng, 950))
    p = put_location(p, g, rng, country, 40000);
  else
    p = put_str(p, ",,");
  p = put_char(p, ',');
  if (rng_permille(rng, 800)) {
    /* Pareto-like (tail exponent 1) populations from 15,000 upwards. */
    double pop = 15000.0 / (1.0 - rng_unit(rng));
    p = put_uint(p, pop > 3e7 ? 30000000u : (guint64) pop);
  }
  return p;
}

static char *
put_org_fields(char *p, const Generator *g, Rng *rng, guint32 node)
{
  char name[128];
  g_snprintf(name, sizeof name, "%s %u",
             org_patterns[rng_below(rng, G_N_ELEMENTS(org_patterns))],
             g->number[node]);
  p = put_field(p, name);
  p = put_char(p, ',');
  if (rng_permille(rng, 500)) {
    guint32 country = random_country(g, rng);
    p = put_str(p, countries[country].iso3);
    if (rng_permille(rng, 300))
      p = put_location(p, g, rng, country, 20000);
    else
      p = put_str(p, ",,");
  } else {
    p = put_str(p, ",,");
  }
  return put_char(p, ',');
}

static char *
put_gov_fields(char *p, const Generator *g, Rng *rng, guint32 node)
{
  guint32 country = g->number[node];
  char name[160];
  g_snprintf(name, sizeof name, "Government of %s", countries[country].name);
  p = put_field(p, name);
  p = put_char(p, ',');
  p = put_str(p, countries[country].iso3);
  p = put_location(p, g, rng, country, 0);
  return put_char(p, ',');
}

static void
write_nodes(Generator *g, OutFile *out)
{
  Rng rng;
  char line[LINE_MAX_BYTES];
  stream_seed(&rng, g->seed, STREAM_NODES);
  generator_init_nodes(g, &rng);
  fputs("id,kind,name,country,lat,lon,population\n", out->file);
  for (guint32 i = 0; i < g->n_nodes; i++) {
    char *p = put_node_id(line, g, i);
    p = put_char(p, ',');
    p = put_str(p, kind_names[g->kind[i]]);
    p = put_char(p, ',');
    switch (g->kind[i]) {
    case KIND_CITY:
      p = put_city_fields(p, g, &rng, i);
      break;
    case KIND_ORG:
      p = put_org_fields(p, g, &rng, i);
      break;
    default:
      p = put_gov_fields(p, g, &rng, i);
      break;
    }
    out_line(out, line, p);
  }
}

/* A neighbour of a recent neighbour of @source, or NO_NODE. */
static guint32
closure_target(const Generator *g, Rng *rng, guint32 source)
{
  guint64 bits = rng_next(rng);
  guint32 mid = g->neighbours[(gsize) source * NEIGHBOUR_SLOTS + (bits & 3)];
  if (mid == NO_NODE)
    return NO_NODE;
  guint32 far = g->neighbours[(gsize) mid * NEIGHBOUR_SLOTS + ((bits >> 2) & 3)];
  return far == source ? NO_NODE : far;
}

static void
remember_neighbours(Generator *g, Rng *rng, guint32 a, guint32 b)
{
  guint64 bits = rng_next(rng);
  g->neighbours[(gsize) a * NEIGHBOUR_SLOTS + (bits & 3)] = b;
  g->neighbours[(gsize) b * NEIGHBOUR_SLOTS + ((bits >> 2) & 3)] = a;
}

static guint32
draw_other(const PowerLaw *law, Rng *rng, guint32 avoid)
{
  guint32 node;
  do
    node = power_law_draw(law, rng);
  while (node == avoid);
  return node;
}

typedef struct {
  guint32 source;
  guint32 target;
  const char *layer;
  gint64 weight_cents;
  gboolean directed;
} TieDraw;

/* A city-city tie: power-law source, target by triadic closure or
 * power-law, a layer with its typical weight and direction. */
static void
draw_city_tie(Generator *g, Rng *rng, TieDraw *tie)
{
  tie->source = power_law_draw(&g->city_law, rng);
  tie->target = NO_NODE;
  if (rng_permille(rng, g->closure_permille))
    tie->target = closure_target(g, rng, tie->source);
  if (tie->target == NO_NODE)
    tie->target = draw_other(&g->city_law, rng, tie->source);
  remember_neighbours(g, rng, tie->source, tie->target);

  guint layer = (guint) rng_below(rng, 100);
  if (layer < 35) {
    tie->layer = "sister";
    tie->weight_cents = 100;
    tie->directed = FALSE;
  } else if (layer < 55) {
    tie->layer = "cooperation";
    tie->weight_cents = 50 + (gint64) rng_below(rng, 451);
    tie->directed = FALSE;
  } else if (layer < 80) {
    tie->layer = "visit";
    tie->weight_cents = 100 * (1 + (gint64) rng_below(rng, 5));
    tie->directed = TRUE;
  } else if (layer < 92) {
    double u = rng_unit(rng);
    tie->layer = "aid";
    tie->weight_cents = 100 + (gint64) (99900.0 * u * u * u);
    tie->directed = TRUE;
  } else {
    tie->layer = "training";
    tie->weight_cents = 100 * (1 + (gint64) rng_below(rng, 20));
    tie->directed = TRUE;
  }
}

static void
draw_tie(Generator *g, Rng *rng, TieDraw *tie)
{
  guint what = (guint) rng_below(rng, 1000);
  if (what < 120) {
    tie->source = power_law_draw(&g->city_law, rng);
    tie->target = power_law_draw(&g->org_law, rng);
    tie->layer = "member";
    tie->weight_cents = 100;
    tie->directed = TRUE;
  } else if (what < 150 && g->n_govs >= 2) {
    tie->source = power_law_draw(&g->gov_law, rng);
    if (rng_permille(rng, 600))
      tie->target = power_law_draw(&g->city_law, rng);
    else
      tie->target = draw_other(&g->gov_law, rng, tie->source);
    if (rng_permille(rng, 700)) {
      tie->layer = "visit";
      tie->weight_cents = 100 * (1 + (gint64) rng_below(rng, 3));
      tie->directed = TRUE;
    } else {
      tie->layer = "agreement";
      tie->weight_cents = 100;
      tie->directed = FALSE;
    }
  } else {
    draw_city_tie(g, rng, tie);
  }
}

static char *
put_ref(char *p, Rng *rng, guint64 tie_number)
{
  char ref[128];
  guint kind = (guint) rng_below(rng, 100);
  if (kind < 55)
    g_snprintf(ref, sizeof ref, "Gümüş 2024, §4.%u fn %u",
               (guint) (1 + rng_below(rng, 10)),
               (guint) (1 + rng_below(rng, 60)));
  else if (kind < 85)
    g_snprintf(ref, sizeof ref, "Annual report %u p. %u",
               (guint) (FIRST_YEAR + rng_below(rng, LAST_YEAR - FIRST_YEAR + 1)),
               (guint) (1 + rng_below(rng, 300)));
  else
    g_snprintf(ref, sizeof ref, "https://data.example.org/ties/%" G_GUINT64_FORMAT,
               tie_number);
  return put_field(p, ref);
}

static void
write_ties(Generator *g, OutFile *out)
{
  Rng rng;
  char line[LINE_MAX_BYTES];
  stream_seed(&rng, g->seed, STREAM_TIES);
  g->neighbours = g_new(guint32, (gsize) g->n_nodes * NEIGHBOUR_SLOTS);
  memset(g->neighbours, 0xff, (gsize) g->n_nodes * NEIGHBOUR_SLOTS * sizeof(guint32));
  fputs("source,target,layer,weight,directed,start,end,ref\n", out->file);
  for (guint64 t = 0; t < g->n_ties; t++) {
    TieDraw tie;
    draw_tie(g, &rng, &tie);
    char *p = put_node_id(line, g, tie.source);
    p = put_char(p, ',');
    p = put_node_id(p, g, tie.target);
    p = put_char(p, ',');
    p = put_str(p, tie.layer);
    p = put_char(p, ',');
    p = put_fixed(p, tie.weight_cents, 2);
    p = put_str(p, tie.directed ? ",true," : ",false,");
    p = put_spell(p, &rng, FIRST_YEAR, 200, 30);
    p = put_char(p, ',');
    if (rng_permille(&rng, 550))
      p = put_ref(p, &rng, t + 1);
    out_line(out, line, p);
  }
}

static void
write_countries(OutFile *out)
{
  char line[LINE_MAX_BYTES];
  fputs("iso3,name\n", out->file);
  for (guint32 c = 0; c < N_COUNTRIES; c++) {
    char *p = put_str(line, countries[c].iso3);
    p = put_char(p, ',');
    p = put_field(p, countries[c].name);
    out_line(out, line, p);
  }
}

static char *
put_group_ref(char *p, Rng *rng)
{
  if (rng_permille(rng, 700))
    p = put_str(p, "CIA World Factbook 2023");
  return p;
}

/* One country's spells in one group: joined in a year from @first, left
 * (10 %) in a strictly later year and sometimes (40 % of those) rejoined
 * later still. Returns the number of spells written. */
static guint
write_group_spells(OutFile *out, Rng *rng, guint32 country, const char *group,
                   guint first)
{
  char line[LINE_MAX_BYTES];
  guint spells = 0;
  guint year = first + (guint) rng_below(rng, LAST_YEAR - first + 1);
  for (;;) {
    char *p = put_str(line, countries[country].iso3);
    p = put_char(p, ',');
    p = put_str(p, group);
    p = put_char(p, ',');
    p = put_date(p, random_date_in_year(rng, year));
    p = put_char(p, ',');
    gboolean leaves = year < LAST_YEAR && rng_permille(rng, 100);
    guint left = 0;
    if (leaves) {
      left = year + 1 + (guint) rng_below(rng, LAST_YEAR - year);
      p = put_date(p, random_date_in_year(rng, left));
    }
    p = put_char(p, ',');
    p = put_group_ref(p, rng);
    out_line(out, line, p);
    spells++;
    if (!leaves || left >= LAST_YEAR || !rng_permille(rng, 400))
      return spells;
    year = left + 1 + (guint) rng_below(rng, LAST_YEAR - left);
  }
}

static guint
write_country_groups(const Generator *g, OutFile *out)
{
  Rng rng;
  guint spells = 0;
  stream_seed(&rng, g->seed, STREAM_COUNTRIES + 100);
  fputs("iso3,group,start,end,ref\n", out->file);
  for (guint32 c = 0; c < N_COUNTRIES; c++) {
    for (gsize k = 0; k < G_N_ELEMENTS(groups); k++)
      if (rng_permille(&rng, groups[k].share[countries[c].continent]))
        spells += write_group_spells(out, &rng, c, groups[k].name,
                                     groups[k].first_year);
    for (gsize k = 0; k < G_N_ELEMENTS(ots_members); k++)
      if (strcmp(countries[c].iso3, ots_members[k]) == 0) {
        fprintf(out->file, "%s,OTS,2009-10-03,,Nakhchivan Agreement\n",
                countries[c].iso3);
        spells++;
      }
  }
  return spells;
}

/* ------------------------------------------------------------------------ */
/* main                                                                     */
/* ------------------------------------------------------------------------ */

enum { FILE_NODES, FILE_TIES, FILE_COUNTRIES, FILE_GROUPS, N_FILES };
static const char *const file_names[N_FILES] = {
  "nodes.csv", "ties.csv", "countries.csv", "country_groups.csv",
};

static gboolean
generate(Generator *g, const char *dir, guint *n_spells)
{
  OutFile out[N_FILES];
  gboolean ok = TRUE;
  memset(out, 0, sizeof out);
  for (int f = 0; f < N_FILES && ok; f++)
    ok = out_open(&out[f], dir, file_names[f]);
  if (ok) {
    generator_init_countries(g);
    write_countries(&out[FILE_COUNTRIES]);
    *n_spells = write_country_groups(g, &out[FILE_GROUPS]);
    write_nodes(g, &out[FILE_NODES]);
    write_ties(g, &out[FILE_TIES]);
  }
  for (int f = 0; f < N_FILES; f++)
    if (out[f].file && !out_close(&out[f]))
      ok = FALSE;
  /* Rename only when every file is complete, so a failed write leaves any
   * old bundle in DIR untouched. */
  for (int f = 0; f < N_FILES && ok; f++)
    if (g_rename(out[f].tmp_path, out[f].final_path) != 0) {
      g_printerr("gen-bundle: cannot rename %s: %s\n", out[f].tmp_path,
                 g_strerror(errno));
      ok = FALSE;
    }
  for (int f = 0; f < N_FILES; f++) {
    if (!ok)
      out_discard(&out[f]);
    out_free(&out[f]);
  }
  return ok;
}

int
main(int argc, char **argv)
{
  gint64 ties = 0, seed = 1, nodes = 0;
  double closure = 0.3;
  gboolean version = FALSE;
  char *dir = NULL;
  GOptionEntry entries[] = {
    {"ties", 0, 0, G_OPTION_ARG_INT64, &ties, "Number of ties (required)", "N"},
    {"seed", 0, 0, G_OPTION_ARG_INT64, &seed, "PRNG seed (default 1)", "S"},
    {"nodes", 0, 0, G_OPTION_ARG_INT64, &nodes,
     "Number of nodes (default max(N/10, 100))", "M"},
    {"closure", 0, 0, G_OPTION_ARG_DOUBLE, &closure,
     "Triadic closure probability of city-city ties (default 0.3)", "P"},
    {"output", 'o', 0, G_OPTION_ARG_FILENAME, &dir, "Bundle directory", "DIR"},
    {"version", 0, 0, G_OPTION_ARG_NONE, &version,
     "Print the output format version and exit", NULL},
    {NULL},
  };
  GError *error = NULL;
  GOptionContext *context = g_option_context_new("- write a synthetic citynet bundle");
  g_option_context_add_main_entries(context, entries, NULL);
  gboolean parsed = g_option_context_parse(context, &argc, &argv, &error);
  g_option_context_free(context);
  if (!parsed) {
    g_printerr("gen-bundle: %s\n", error->message);
    g_error_free(error);
    return 2;
  }
  if (version) {
    g_print("gen-bundle format %s\n", GEN_BUNDLE_FORMAT);
    return 0;
  }
  if (nodes == 0)
    nodes = MAX(ties / 10, 100);
  if (ties < 1 || !dir || nodes < 10 || nodes >= (gint64) G_MAXUINT32 ||
      !(closure >= 0.0 && closure <= 1.0)) {
    g_printerr("usage: gen-bundle --ties N [--seed S] [--nodes M >= 10] "
               "[--closure 0..1] -o DIR\n");
    g_free(dir);
    return 2;
  }
  if (g_mkdir_with_parents(dir, 0755) != 0) {
    g_printerr("gen-bundle: cannot create %s: %s\n", dir, g_strerror(errno));
    g_free(dir);
    return 1;
  }

  Generator g;
  memset(&g, 0, sizeof g);
  g.seed = (guint64) seed;
  g.n_ties = (guint64) ties;
  g.n_nodes = (guint32) nodes;
  g.closure_permille = (guint) (closure * 1000.0 + 0.5);
  guint spells = 0;
  gint64 t0 = g_get_monotonic_time();
  gboolean ok = generate(&g, dir, &spells);
  double seconds = (double) (g_get_monotonic_time() - t0) / 1e6;
  if (ok)
    g_printerr("gen-bundle: %s: %" G_GINT64_FORMAT " ties, %u nodes "
               "(%u cities, %u organisations, %u governments), %u countries, "
               "%u group spells in %.2f s\n",
               dir, ties, g.n_nodes, g.n_cities, g.n_orgs, g.n_govs,
               (guint) N_COUNTRIES, spells, seconds);
  generator_clear(&g);
  g_free(dir);
  return ok ? 0 : 1;
}
