/* libcitynet - Gould and Fernandez's brokerage roles under a partition,
 * with sna's analytic expectations and a label-permutation null
 * (docs/ego.md).
 *
 * The open two-paths a -> v -> b (a != b, no arc a -> b) are counted per
 * broker v from label histograms of v's in- and out-neighbours, minus the
 * few pairs that are not open (see Brokers). A permutation relabels the
 * vertices and counts again. Permutations run on worker threads outside igraph
 * (permutation.h); each permutation draws from its own stream seeded from
 * (seed, index), and the workers sum counts exactly in integers, so the
 * results do not depend on the number of threads or on which thread ran
 * which permutation.
 *
 * The expectations and variances are those of sna 2.7's brokerage()
 * (Gould and Fernandez 1989, with sna's variance terms), rewritten so that
 * every sum over groups costs O(k) instead of sna's O(k^2) and O(k^3)
 * loops, and computed from exact integer sums wherever sna's formulas
 * subtract.
 */
#include <math.h>
#include <string.h>

#include "ego-private.h"
#include "permutation.h"
#include "progress-private.h"

/* ------------------------------------------------------------------------ */
/* Names                                                                    */
/* ------------------------------------------------------------------------ */

#define N_ROLES CITYNET_BROKERAGE_ROLE_COUNT
#define N_STATS CITYNET_BROKERAGE_STAT_COUNT

/* Same order as CitynetBrokerageRole; sna's column names beside. */
static const char *const role_names[] = {
  "coordinator", "consultant", "representative", "gatekeeper", "liaison",
  "total", NULL
};
static const char *const role_sna_names[] = {
  "w_I", "w_O", "b_IO", "b_OI", "b_O", "t", NULL
};
static const char *const stat_names[] = {
  "count", "expected", "sd", "z", "perm_mean", "perm_sd", "perm_z", "perm_p",
  NULL
};

G_STATIC_ASSERT(G_N_ELEMENTS(role_names) == N_ROLES + 1);
G_STATIC_ASSERT(G_N_ELEMENTS(stat_names) == N_STATS + 1);

const char *
citynet_brokerage_role_name(CitynetBrokerageRole role)
{
  if ((int) role < 0 || (int) role >= N_ROLES)
    return NULL;
  return role_names[role];
}

gboolean
citynet_brokerage_role_from_string(const char *text, CitynetBrokerageRole *out,
                                   GError **error)
{
  for (int i = 0; i < N_ROLES; i++) {
    if (text != NULL && (g_ascii_strcasecmp(text, role_names[i]) == 0 ||
                         g_ascii_strcasecmp(text, role_sna_names[i]) == 0 ||
                         (i == CITYNET_BROKERAGE_CONSULTANT &&
                          g_ascii_strcasecmp(text, "itinerant") == 0))) {
      if (out != NULL)
        *out = (CitynetBrokerageRole) i;
      return TRUE;
    }
  }
  char *known = g_strjoinv(", ", (char **) role_names);
  g_set_error(error, CITYNET_ERROR, CITYNET_ERROR_INVALID_ARGUMENT,
              "unknown brokerage role \"%s\" (expected one of: %s)",
              text != NULL ? text : "", known);
  g_free(known);
  return FALSE;
}

const char *
citynet_brokerage_stat_name(CitynetBrokerageStat stat)
{
  if ((int) stat < 0 || (int) stat >= N_STATS)
    return NULL;
  return stat_names[stat];
}

/* ------------------------------------------------------------------------ */
/* The result                                                               */
/* ------------------------------------------------------------------------ */

struct _CitynetBrokerage {
  CitynetView *view;          /* owned reference */
  gsize n;                    /* vertices */
  guint n_permutations;
  double *values;             /* n x N_ROLES x N_STATS */
  double global[N_ROLES][N_STATS];
};

#define VALUE(b, v, role, stat) \
  ((b)->values[((v) * N_ROLES + (role)) * N_STATS + (stat)])

/* The graph as the brokers see it. A broker v's candidate paths are all
 * pairs (a, b) with a in in(v), b in out(v); the open two-paths are those
 * with a != b and no arc a -> b. Counting them by role needs only the
 * labels' histograms over in(v) and out(v) (every pair at once), minus the
 * few pairs that are not open: a = b (a in both lists) and the closed
 * pairs, listed here once. A relabelling then costs O(m + closed pairs),
 * not O(open two-paths), which on a network with hubs is the difference
 * between milliseconds and seconds. */
typedef struct {
  CitynetArcs arcs;
  gsize n;
  gsize n_arcs;               /* sna's m: arcs of the graph read */
  gsize n_labels;
  const gsize *out_start, *in_start;
  const guint32 *out, *in;
  gsize *both_start;          /* per v: in(v) n out(v) */
  guint32 *both;
  gsize *closed_start;        /* per v: pairs a -> b, a in in(v), b in out(v) */
  guint32 *closed_a;
  guint32 *closed_b;
} Brokers;

static void
brokers_clear(Brokers *br)
{
  citynet_arcs_clear(&br->arcs);
  g_free(br->both_start);
  g_free(br->both);
  g_free(br->closed_start);
  g_free(br->closed_a);
  g_free(br->closed_b);
}

/* Whether the arc a -> b exists in the lists read. */
static gboolean
brokers_has_arc(const Brokers *br, guint32 a, guint32 b)
{
  gsize lo = br->out_start[a], hi = br->out_start[a + 1];
  while (lo < hi) {
    gsize mid = lo + (hi - lo) / 2;
    if (br->out[mid] < b)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo < br->out_start[a + 1] && br->out[lo] == b;
}

/* Lists, per broker, in(v) n out(v) and the closed pairs. A closed pair is
 * found from a's side by walking the shorter of out(a) and out(v): marker
 * lookups in one case, binary searches in the other, so hubs cost what
 * their triangles cost. */
static void
brokers_init(Brokers *br, const CitynetView *view, gboolean directed,
             gsize n_labels)
{
  memset(br, 0, sizeof *br);
  citynet_arcs_init(&br->arcs, view);
  /* Symmetrised: every list is the union of in and out. */
  const gboolean follow = directed && br->arcs.directed;
  br->out_start = follow ? br->arcs.out_start : br->arcs.all_start;
  br->out = follow ? br->arcs.out : br->arcs.all;
  br->in_start = follow ? br->arcs.in_start : br->arcs.all_start;
  br->in = follow ? br->arcs.in : br->arcs.all;
  const gsize n = br->arcs.n;
  br->n = n;
  br->n_labels = n_labels;
  br->n_arcs = br->out_start[n];

  GArray *both = g_array_new(FALSE, FALSE, sizeof(guint32));
  GArray *ca = g_array_new(FALSE, FALSE, sizeof(guint32));
  GArray *cb = g_array_new(FALSE, FALSE, sizeof(guint32));
  br->both_start = g_new0(gsize, n + 1);
  br->closed_start = g_new0(gsize, n + 1);
  guint32 *mark = g_new0(guint32, n > 0 ? n : 1);
  for (gsize v = 0; v < n; v++) {
    const gsize in_first = br->in_start[v], in_end = br->in_start[v + 1];
    const gsize out_first = br->out_start[v], out_end = br->out_start[v + 1];
    /* Both lists are sorted: merge for the intersection. */
    for (gsize i = in_first, j = out_first; i < in_end && j < out_end;) {
      if (br->in[i] < br->out[j])
        i++;
      else if (br->in[i] > br->out[j])
        j++;
      else {
        g_array_append_val(both, br->in[i]);
        i++;
        j++;
      }
    }
    br->both_start[v + 1] = both->len;

    const guint32 stamp = (guint32) v + 1;
    for (gsize j = out_first; j < out_end; j++)
      mark[br->out[j]] = stamp;
    const gsize n_out = out_end - out_first;
    for (gsize i = in_first; i < in_end; i++) {
      const guint32 a = br->in[i];
      const gsize a_first = br->out_start[a], a_end = br->out_start[a + 1];
      if (a_end - a_first <= n_out) {
        for (gsize k = a_first; k < a_end; k++) {
          if (mark[br->out[k]] == stamp) {
            g_array_append_val(ca, a);
            g_array_append_val(cb, br->out[k]);
          }
        }
      } else {
        for (gsize j = out_first; j < out_end; j++) {
          if (br->out[j] != a && brokers_has_arc(br, a, br->out[j])) {
            g_array_append_val(ca, a);
            g_array_append_val(cb, br->out[j]);
          }
        }
      }
    }
    br->closed_start[v + 1] = ca->len;
  }
  g_free(mark);
  br->both = (guint32 *) g_array_free(both, FALSE);
  br->closed_a = (guint32 *) g_array_free(ca, FALSE);
  br->closed_b = (guint32 *) g_array_free(cb, FALSE);
}

/* sna's classification of a -> v -> b by the labels. */
static inline int
brokerage_role(guint la, guint lv, guint lb)
{
  if (la == lv)
    return lv == lb ? CITYNET_BROKERAGE_COORDINATOR
                    : CITYNET_BROKERAGE_REPRESENTATIVE;
  if (lv == lb)
    return CITYNET_BROKERAGE_GATEKEEPER;
  if (la == lb)
    return CITYNET_BROKERAGE_CONSULTANT;
  return CITYNET_BROKERAGE_LIAISON;
}

/* The counts of broker @v under @labels. @in_hist and @out_hist hold one
 * zero per label on entry and on return. */
static void
brokerage_count(const Brokers *br, const guint *labels, gsize v,
                guint64 *in_hist, guint64 *out_hist, guint64 counts[N_ROLES])
{
  const guint lv = labels[v];
  const gsize in_first = br->in_start[v], in_end = br->in_start[v + 1];
  const gsize out_first = br->out_start[v], out_end = br->out_start[v + 1];
  const guint64 n_in = in_end - in_first, n_out = out_end - out_first;
  for (gsize i = in_first; i < in_end; i++)
    in_hist[labels[br->in[i]]]++;
  for (gsize j = out_first; j < out_end; j++)
    out_hist[labels[br->out[j]]]++;

  /* Every pair (a, b): by whether a and b share v's label, and for the
   * rest whether they share a label with each other. */
  const guint64 in_same = in_hist[lv], out_same = out_hist[lv];
  guint64 consultant = 0;
  for (gsize i = in_first; i < in_end; i++) {
    const guint l = labels[br->in[i]];
    if (l != lv && in_hist[l] != 0) {
      consultant += in_hist[l] * out_hist[l];
      in_hist[l] = 0;           /* counted once per label */
    }
  }
  in_hist[lv] = 0;
  for (gsize j = out_first; j < out_end; j++)
    out_hist[labels[br->out[j]]] = 0;
  counts[CITYNET_BROKERAGE_COORDINATOR] = in_same * out_same;
  counts[CITYNET_BROKERAGE_REPRESENTATIVE] = in_same * (n_out - out_same);
  counts[CITYNET_BROKERAGE_GATEKEEPER] = (n_in - in_same) * out_same;
  counts[CITYNET_BROKERAGE_CONSULTANT] = consultant;
  counts[CITYNET_BROKERAGE_LIAISON] = (n_in - in_same) * (n_out - out_same) - consultant;

  /* Minus the pairs that are not open two-paths. */
  for (gsize i = br->both_start[v]; i < br->both_start[v + 1]; i++)
    counts[labels[br->both[i]] == lv ? CITYNET_BROKERAGE_COORDINATOR
                                     : CITYNET_BROKERAGE_CONSULTANT]--;
  for (gsize p = br->closed_start[v]; p < br->closed_start[v + 1]; p++)
    counts[brokerage_role(labels[br->closed_a[p]], lv, labels[br->closed_b[p]])]--;
  counts[CITYNET_BROKERAGE_TOTAL] = n_in * n_out -
    (br->both_start[v + 1] - br->both_start[v]) -
    (br->closed_start[v + 1] - br->closed_start[v]);
}

/* ------------------------------------------------------------------------ */
/* sna's analytic model                                                     */
/* ------------------------------------------------------------------------ */

/* Group sizes and their power sums, exact in integers. */
typedef struct {
  gsize k;                /* labels */
  const gsize *size;      /* per label */
  double N;
  gint64 p1, p2;          /* sums of n and n^2 */
  gint64 p3;              /* sum of n (n - 1) (n - 2) */
  gint64 q2;              /* sum of n (n - 1) */
} Groups;

/* Expectation and variance per role for a vertex of a group of size nc
 * (sna's ebr and vbr rows). */
static void
brokerage_group_model(const Groups *g, double d, gint64 nc,
                      double expected[N_ROLES], double variance[N_ROLES])
{
  const double N = g->N;
  const gint64 Ni = (gint64) N;
  const double base = d * d * (1 - d);         /* a two-path is open */
  const double keep = 1 - d * d * (1 - d);
  const double pair = pow(d, 3) * pow(1 - d, 3);
  /* Sums over the other groups, as exact differences of integers. */
  const gint64 others = Ni - nc;
  const gint64 q2_other = g->q2 - nc * (nc - 1);
  const gint64 p3_other = g->p3 - nc * (nc - 1) * (nc - 2);
  const gint64 p2_other = g->p2 - nc * nc;
  /* sum over other groups n' C(M - n', 2), M = N - nc, expanded:
   * (M (M - 1) S1 - (2M - 1) S2 + S3) / 2 with S_r the other groups'
   * power sums; S3 from n'^3 = n'(n'-1)(n'-2) + 3 n'^2 - 2 n'. */
  const gint64 M = others;
  const gint64 s1 = others, s2 = p2_other, s3 = p3_other + 3 * s2 - 2 * s1;
  const gint64 choose_sum = (M * (M - 1) * s1 - (2 * M - 1) * s2 + s3) / 2;

  expected[0] = base * (double) ((nc - 1) * (nc - 2));
  variance[0] = expected[0] * keep +
                2.0 * (double) ((nc - 1) * (nc - 2) * (nc - 3)) * pair;
  expected[1] = base * (double) q2_other;
  variance[1] = expected[1] * keep + 2.0 * (double) p3_other * pair;
  expected[2] = base * (double) (others * (nc - 1));
  variance[2] = expected[2] * keep +
                2.0 * ((double) (nc - 1) * (double) (others * (others - 1) / 2) +
                       (double) others * (double) ((nc - 1) * (nc - 2) / 2)) * pair;
  expected[3] = expected[2];
  variance[3] = variance[2];
  expected[4] = base * (double) (others * others - p2_other);
  variance[4] = expected[4] * keep + 4.0 * (double) choose_sum * pair;
  expected[5] = base * (N - 1) * (N - 2);
  variance[5] = expected[5] * keep + 2.0 * (N - 1) * (N - 2) * (N - 3) * pair;
}

/* sna's global expectations and variances (egbr, vgbr). */
static void
brokerage_global_model(const Groups *g, double d, double expected[N_ROLES],
                       double variance[N_ROLES])
{
  const double N = g->N;
  const gint64 Ni = (gint64) N;
  const double base = d * d * (1 - d);
  const double keep = 1 - d * d * (1 - d);
  const double a = pow(d, 3) * pow(1 - d, 3);
  const double b = pow(d, 4) * pow(1 - d, 2);
  const double c = pow(d, 5) * (1 - d);

  double e[N_ROLES] = { 0 }, extra[N_ROLES] = { 0 };
  double s0 = 0, s1 = 0;
  for (gsize l = 0; l < g->k; l++) {
    const gint64 n = (gint64) g->size[l];
    if (n == 0)
      continue;
    const double n3 = (double) (n * (n - 1) * (n - 2));
    e[0] += n3;
    extra[0] += n3 * ((4.0 * n - 10) * a - 4.0 * (n - 3) * b + (n - 3.0) * c);
    const double mixed = (double) (n * (Ni - n) * (n - 1));
    e[1] += mixed;
    extra[2] += mixed * ((N - 3) * a + (n - 2.0) * c);
    /* sum over other groups y of x y (x - 1) ((2x + 2y - 6) a +
     * (N - x - 1) c), with the inner sums exact. */
    const gint64 y1 = g->p1 - n, y2 = g->p2 - n * n;
    extra[1] += (double) (n * (n - 1)) *
                ((double) ((2 * n - 6) * y1 + 2 * y2) * a +
                 (N - n - 1) * (double) y1 * c);
    /* Ordered triples of distinct groups through this one:
     * sum over j != k (both != this) of n_j n_k. */
    const gint64 q = (g->p1 - n) * (g->p1 - n) - (g->p2 - n * n);
    s0 += (double) n * (double) q;
    s1 += (double) (n * n) * (double) q;
  }
  expected[0] = base * e[0];
  variance[0] = expected[0] * keep + extra[0];
  expected[1] = base * e[1];
  variance[1] = expected[1] * keep + extra[1];
  expected[2] = base * e[1];
  variance[2] = expected[2] * keep + extra[2];
  expected[3] = expected[2];
  variance[3] = variance[2];
  /* Liaison: s0 is the sum over ordered distinct triples of n_i n_j n_k,
   * s1 the same with one factor squared; sna's triple loop collapses to
   * (a - b)((4N - 2) s0 - 8 s1) + c ((N - 1) s0 - 2 s1). */
  expected[4] = base * s0;
  variance[4] = expected[4] * keep + (a - b) * ((4 * N - 2) * s0 - 8 * s1) +
                c * ((N - 1) * s0 - 2 * s1);
  expected[5] = base * N * (N - 1) * (N - 2);
  variance[5] = expected[5] * keep +
                N * (N - 1) * (N - 2) * ((4 * N - 10) * a - 4 * (N - 3) * b +
                                         (N - 3) * c);
}

static double
z_score(double value, double mean, double sd)
{
  return sd > 0 ? (value - mean) / sd : NAN;
}

/* ------------------------------------------------------------------------ */
/* Permutations                                                             */
/* ------------------------------------------------------------------------ */

/* A 128-bit unsigned sum of squares, exact and order-free. */
typedef struct {
  guint64 lo;
  guint64 hi;
} U128;

static inline void
u128_add(U128 *acc, guint64 x)
{
  guint64 lo = acc->lo + x;
  acc->hi += lo < acc->lo;
  acc->lo = lo;
}

/* Adds x^2, which may not fit in 64 bits: with x = hi 2^32 + lo,
 * x^2 = hi^2 2^64 + 2 hi lo 2^32 + lo^2, every product below 2^64. */
static inline void
u128_add_square(U128 *acc, guint64 x)
{
  const guint64 lo = x & G_GUINT64_CONSTANT(0xffffffff), hi = x >> 32;
  const guint64 cross = hi * lo;
  u128_add(acc, lo * lo);
  for (int twice = 0; twice < 2; twice++) {
    u128_add(acc, cross << 32);
    acc->hi += cross >> 32;
  }
  acc->hi += hi * hi;
}

static inline long double
u128_value(const U128 *x)
{
  return (long double) x->hi * 18446744073709551616.0L + (long double) x->lo;
}

/* The stream family of brokerage permutations (citynet_rng_seed()'s run):
 * "brok". */
#define BROKERAGE_RUN G_GUINT64_CONSTANT(0x62726f6b)
/* Permutations a worker takes at a time. */
#define BROKERAGE_CHUNK 8

/* Per-vertex, per-role sums over permutations. */
typedef struct {
  guint64 *sum;               /* n x N_ROLES */
  U128 *sumsq;
  guint64 *at_least;          /* permutations with count >= observed */
} PermSums;

typedef struct {
  const Brokers *brokers;
  const guint *labels;        /* observed */
  const guint64 *observed;    /* n x N_ROLES */
  guint64 seed;
  guint64 *global_counts;     /* n_permutations x N_ROLES, one row each */
  GMutex lock;                /* guards totals */
  PermSums totals;
} PermShared;

typedef struct {
  PermShared *shared;
  PermSums sums;
  guint *labels;
  guint64 *in_hist;           /* one per label, zero between brokers */
  guint64 *out_hist;
} PermWorker;

static void
perm_sums_init(PermSums *sums, gsize cells)
{
  sums->sum = g_new0(guint64, cells + 1);
  sums->sumsq = g_new0(U128, cells + 1);
  sums->at_least = g_new0(guint64, cells + 1);
}

static void
perm_sums_clear(PermSums *sums)
{
  g_free(sums->sum);
  g_free(sums->sumsq);
  g_free(sums->at_least);
}

static gpointer
perm_worker_new(gconstpointer context)
{
  PermShared *shared = (PermShared *) context;
  PermWorker *w = g_new0(PermWorker, 1);
  w->shared = shared;
  perm_sums_init(&w->sums, shared->brokers->n * N_ROLES);
  w->labels = g_new(guint, shared->brokers->n > 0 ? shared->brokers->n : 1);
  w->in_hist = g_new0(guint64, shared->brokers->n_labels + 1);
  w->out_hist = g_new0(guint64, shared->brokers->n_labels + 1);
  return w;
}

/* Adds a worker's sums to the totals: exact integer sums, so the order in
 * which workers finish does not matter. */
static void
perm_worker_free(gpointer data)
{
  PermWorker *w = data;
  PermShared *shared = w->shared;
  const gsize cells = shared->brokers->n * N_ROLES;
  g_mutex_lock(&shared->lock);
  for (gsize i = 0; i < cells; i++) {
    shared->totals.sum[i] += w->sums.sum[i];
    u128_add(&shared->totals.sumsq[i], w->sums.sumsq[i].lo);
    shared->totals.sumsq[i].hi += w->sums.sumsq[i].hi;
    shared->totals.at_least[i] += w->sums.at_least[i];
  }
  g_mutex_unlock(&shared->lock);
  perm_sums_clear(&w->sums);
  g_free(w->labels);
  g_free(w->in_hist);
  g_free(w->out_hist);
  g_free(w);
}

/* Permutations [first, last): each relabels the vertices with a
 * Fisher-Yates shuffle drawn from its own stream and counts again. */
static void
perm_run(gconstpointer context, gpointer scratch, gsize first, gsize last)
{
  const PermShared *s = context;
  PermWorker *w = scratch;
  const gsize n = s->brokers->n;
  for (gsize p = first; p < last; p++) {
    CitynetRng rng;
    citynet_rng_seed(&rng, s->seed, BROKERAGE_RUN, p);
    memcpy(w->labels, s->labels, n * sizeof *w->labels);
    for (gsize i = n; i > 1; i--) {
      gsize j = (gsize) citynet_rng_below(&rng, i);
      guint t = w->labels[i - 1];
      w->labels[i - 1] = w->labels[j];
      w->labels[j] = t;
    }
    guint64 global[N_ROLES] = { 0 };
    for (gsize v = 0; v < n; v++) {
      guint64 counts[N_ROLES];
      brokerage_count(s->brokers, w->labels, v, w->in_hist, w->out_hist, counts);
      for (int r = 0; r < N_ROLES; r++) {
        const gsize at = v * N_ROLES + r;
        w->sums.sum[at] += counts[r];
        u128_add_square(&w->sums.sumsq[at], counts[r]);
        w->sums.at_least[at] += counts[r] >= s->observed[at];
        global[r] += counts[r];
      }
    }
    memcpy(s->global_counts + p * N_ROLES, global, sizeof global);
  }
}

/* Mean and standard deviation (n - 1 denominator) from exact sums. */
static void
perm_moments(guint64 sum, const U128 *sumsq, guint n, double *mean,
             double *sd)
{
  const long double P = n;
  const long double m = (long double) sum / P;
  *mean = (double) m;
  if (n < 2) {
    *sd = NAN;
    return;
  }
  long double var = (u128_value(sumsq) - (long double) sum * m) / (P - 1);
  *sd = (double) sqrtl(var > 0 ? var : 0);
}

/* The progress label of the permutations (CitynetProgressFunc). */
#define BROKERAGE_PROGRESS "Brokerage permutations"

/* Fills the permutation statistics of @result. Returns FALSE when the
 * progress handler cancelled (@result is then left without them). */
static gboolean
brokerage_permute(CitynetBrokerage *result, const Brokers *brokers,
                  const guint *labels, const guint64 *observed,
                  const guint64 *observed_global, guint n_permutations,
                  guint64 seed)
{
  const gsize n = brokers->n;
  PermShared shared = {
    .brokers = brokers, .labels = labels, .observed = observed, .seed = seed,
    .global_counts = g_new(guint64, (gsize) n_permutations * N_ROLES),
  };
  g_mutex_init(&shared.lock);
  perm_sums_init(&shared.totals, n * N_ROLES);
  gboolean done = citynet_parallel_run_reporting(n_permutations, 0, BROKERAGE_CHUNK,
                                                 perm_worker_new, perm_worker_free,
                                                 perm_run, &shared, BROKERAGE_PROGRESS);

  for (gsize v = 0; done && v < n; v++) {
    for (int r = 0; r < N_ROLES; r++) {
      const gsize at = v * N_ROLES + r;
      double mean, sd;
      perm_moments(shared.totals.sum[at], &shared.totals.sumsq[at],
                   n_permutations, &mean, &sd);
      VALUE(result, v, r, CITYNET_BROKERAGE_PERM_MEAN) = mean;
      VALUE(result, v, r, CITYNET_BROKERAGE_PERM_SD) = sd;
      VALUE(result, v, r, CITYNET_BROKERAGE_PERM_Z) =
        z_score((double) observed[at], mean, sd);
      VALUE(result, v, r, CITYNET_BROKERAGE_PERM_P) =
        (1.0 + (double) shared.totals.at_least[at]) / (1.0 + n_permutations);
    }
  }
  /* The whole view, from the per-permutation totals. */
  for (int r = 0; done && r < N_ROLES; r++) {
    guint64 sum = 0, at_least = 0;
    U128 sumsq = { 0, 0 };
    for (guint p = 0; p < n_permutations; p++) {
      const guint64 x = shared.global_counts[(gsize) p * N_ROLES + r];
      sum += x;
      u128_add_square(&sumsq, x);
      at_least += x >= observed_global[r];
    }
    double mean, sd;
    perm_moments(sum, &sumsq, n_permutations, &mean, &sd);
    result->global[r][CITYNET_BROKERAGE_PERM_MEAN] = mean;
    result->global[r][CITYNET_BROKERAGE_PERM_SD] = sd;
    result->global[r][CITYNET_BROKERAGE_PERM_Z] =
      z_score((double) observed_global[r], mean, sd);
    result->global[r][CITYNET_BROKERAGE_PERM_P] =
      (1.0 + (double) at_least) / (1.0 + n_permutations);
  }
  perm_sums_clear(&shared.totals);
  g_mutex_clear(&shared.lock);
  g_free(shared.global_counts);
  return done;
}

/* ------------------------------------------------------------------------ */
/* The analysis                                                             */
/* ------------------------------------------------------------------------ */

CitynetBrokerage *
citynet_brokerage_new(const CitynetPartition *partition, gboolean directed,
                      guint n_permutations, guint64 seed, GError **error)
{
  g_return_val_if_fail(partition != NULL, NULL);
  CitynetView *view = citynet_partition_get_view(partition);
  gsize n;
  const guint *labels = citynet_partition_membership(partition, &n);
  if (n < 2) {
    g_set_error(error, CITYNET_ERROR, CITYNET_ERROR_INVALID_ARGUMENT,
                "brokerage needs a view of at least two nodes (it has %"
                G_GSIZE_FORMAT "): the density is undefined", n);
    return NULL;
  }
  /* The model's integer sums reach 2 n^3: keep them within 64 bits. */
  if (n > 1000000) {
    g_set_error(error, CITYNET_ERROR, CITYNET_ERROR_INVALID_ARGUMENT,
                "brokerage supports views of up to 1,000,000 nodes (this one"
                " has %" G_GSIZE_FORMAT ")", n);
    return NULL;
  }

  const gsize k = citynet_partition_n_labels(partition);
  Brokers brokers;
  brokers_init(&brokers, view, directed, k);

  CitynetBrokerage *result = g_new0(CitynetBrokerage, 1);
  result->view = citynet_view_ref(view);
  result->n = n;
  result->n_permutations = n_permutations;
  result->values = g_new(double, n * N_ROLES * N_STATS);
  for (gsize i = 0; i < n * N_ROLES * N_STATS; i++)
    result->values[i] = NAN;
  for (int r = 0; r < N_ROLES; r++)
    for (int s = 0; s < N_STATS; s++)
      result->global[r][s] = NAN;

  /* Observed counts. */
  guint64 *observed = g_new(guint64, n * N_ROLES);
  guint64 observed_global[N_ROLES] = { 0 };
  guint64 *in_hist = g_new0(guint64, k + 1), *out_hist = g_new0(guint64, k + 1);
  for (gsize v = 0; v < n; v++) {
    brokerage_count(&brokers, labels, v, in_hist, out_hist, observed + v * N_ROLES);
    for (int r = 0; r < N_ROLES; r++)
      observed_global[r] += observed[v * N_ROLES + r];
  }

  g_free(in_hist);
  g_free(out_hist);

  /* The analytic model: density of the graph read, group sizes. */
  gsize *sizes = g_new0(gsize, k + 1);
  for (gsize v = 0; v < n; v++)
    sizes[labels[v]]++;
  Groups groups = { .k = k, .size = sizes, .N = (double) n };
  for (gsize l = 0; l < k; l++) {
    const gint64 s = (gint64) sizes[l];
    groups.p1 += s;
    groups.p2 += s * s;
    groups.p3 += s * (s - 1) * (s - 2);
    groups.q2 += s * (s - 1);
  }
  const double d = (double) brokers.n_arcs / ((double) n * ((double) n - 1));
  double (*expected)[N_ROLES] = g_malloc((k + 1) * sizeof *expected);
  double (*variance)[N_ROLES] = g_malloc((k + 1) * sizeof *variance);
  for (gsize l = 0; l < k; l++)
    if (sizes[l] > 0)
      brokerage_group_model(&groups, d, (gint64) sizes[l], expected[l], variance[l]);
  for (gsize v = 0; v < n; v++) {
    for (int r = 0; r < N_ROLES; r++) {
      const double count = (double) observed[v * N_ROLES + r];
      const double e = expected[labels[v]][r];
      const double sd = sqrt(variance[labels[v]][r]);
      VALUE(result, v, r, CITYNET_BROKERAGE_COUNT) = count;
      VALUE(result, v, r, CITYNET_BROKERAGE_EXPECTED) = e;
      VALUE(result, v, r, CITYNET_BROKERAGE_SD) = sd;
      VALUE(result, v, r, CITYNET_BROKERAGE_Z) = z_score(count, e, sd);
    }
  }
  double global_expected[N_ROLES], global_variance[N_ROLES];
  brokerage_global_model(&groups, d, global_expected, global_variance);
  for (int r = 0; r < N_ROLES; r++) {
    const double sd = sqrt(global_variance[r]);
    result->global[r][CITYNET_BROKERAGE_COUNT] = (double) observed_global[r];
    result->global[r][CITYNET_BROKERAGE_EXPECTED] = global_expected[r];
    result->global[r][CITYNET_BROKERAGE_SD] = sd;
    result->global[r][CITYNET_BROKERAGE_Z] =
      z_score((double) observed_global[r], global_expected[r], sd);
  }
  g_free(expected);
  g_free(variance);
  g_free(sizes);

  if (n_permutations > 0 &&
      !brokerage_permute(result, &brokers, labels, observed, observed_global,
                         n_permutations, seed)) {
    citynet_progress_set_cancelled(error, BROKERAGE_PROGRESS);
    g_clear_pointer(&result, citynet_brokerage_free);
  }
  g_free(observed);
  brokers_clear(&brokers);
  return result;
}

void
citynet_brokerage_free(CitynetBrokerage *brokerage)
{
  if (brokerage == NULL)
    return;
  citynet_view_unref(brokerage->view);
  g_free(brokerage->values);
  g_free(brokerage);
}

gsize
citynet_brokerage_n(const CitynetBrokerage *brokerage)
{
  g_return_val_if_fail(brokerage != NULL, 0);
  return brokerage->n;
}

guint
citynet_brokerage_n_permutations(const CitynetBrokerage *brokerage)
{
  g_return_val_if_fail(brokerage != NULL, 0);
  return brokerage->n_permutations;
}

double
citynet_brokerage_get(const CitynetBrokerage *brokerage, gsize vertex,
                      CitynetBrokerageRole role, CitynetBrokerageStat stat)
{
  g_return_val_if_fail(brokerage != NULL && vertex < brokerage->n, NAN);
  g_return_val_if_fail(citynet_brokerage_role_name(role) != NULL, NAN);
  g_return_val_if_fail(citynet_brokerage_stat_name(stat) != NULL, NAN);
  return VALUE(brokerage, vertex, role, stat);
}

double
citynet_brokerage_get_global(const CitynetBrokerage *brokerage,
                             CitynetBrokerageRole role,
                             CitynetBrokerageStat stat)
{
  g_return_val_if_fail(brokerage != NULL, NAN);
  g_return_val_if_fail(citynet_brokerage_role_name(role) != NULL, NAN);
  g_return_val_if_fail(citynet_brokerage_stat_name(stat) != NULL, NAN);
  return brokerage->global[role][stat];
}

CitynetScores *
citynet_brokerage_scores(const CitynetBrokerage *brokerage,
                         CitynetBrokerageRole role, CitynetBrokerageStat stat)
{
  g_return_val_if_fail(brokerage != NULL, NULL);
  g_return_val_if_fail(citynet_brokerage_role_name(role) != NULL, NULL);
  g_return_val_if_fail(citynet_brokerage_stat_name(stat) != NULL, NULL);
  double *values = g_new(double, brokerage->n > 0 ? brokerage->n : 1);
  for (gsize v = 0; v < brokerage->n; v++)
    values[v] = VALUE(brokerage, v, role, stat);
  char *name = stat == CITYNET_BROKERAGE_COUNT
    ? g_strdup(role_names[role])
    : g_strdup_printf("%s_%s", role_names[role], stat_names[stat]);
  CitynetScores *scores = citynet_scores_new_take(brokerage->view, name, NULL,
                                                  values, brokerage->n);
  g_free(name);
  return scores;
}
