/* libcitynet - Burt's structural holes: effective size, efficiency,
 * constraint and hierarchy, for the whole network or within each ego
 * network (docs/ego.md).
 *
 * One pass over the vertices. For a vertex i its contacts' positions in
 * i's sorted list are written into a marker array; walking each contact
 * q's own list then finds the contacts j that q is tied to in O(1) each,
 * which is all the two formulas need:
 *
 *   constraint      c_ij = (p_ij + sum_q p_iq p_qj)^2
 *   effective size  ES_i = sum_j (1 - sum_q p_iq m_jq)
 *
 * Both sums over q run only over contacts q tied to j, so the work for i is
 * the sum of its contacts' degrees, O(sum over vertices of d^2) in all.
 * The ego model first takes each contact's totals and maxima inside i's
 * ego network (a second walk of the same lists). No igraph call.
 */
#include <math.h>
#include <string.h>

#include "ego-private.h"

/* Same order as CitynetHolesMeasure. */
static const char *const holes_names[] = {
  "effective_size", "efficiency", "constraint", "hierarchy", NULL
};
static const char *const holes_ego_names[] = {
  "ego_effective_size", "ego_efficiency", "ego_constraint", "ego_hierarchy",
  NULL
};

G_STATIC_ASSERT(G_N_ELEMENTS(holes_names) == CITYNET_HOLES_MEASURE_COUNT + 1);
G_STATIC_ASSERT(G_N_ELEMENTS(holes_ego_names) == CITYNET_HOLES_MEASURE_COUNT + 1);

const char *
citynet_holes_measure_name(CitynetHolesMeasure measure, CitynetHolesModel model)
{
  if ((int) measure < 0 || (int) measure >= CITYNET_HOLES_MEASURE_COUNT)
    return NULL;
  if (model == CITYNET_HOLES_WHOLE)
    return holes_names[measure];
  if (model == CITYNET_HOLES_EGO)
    return holes_ego_names[measure];
  return NULL;
}

static gboolean
holes_parse(const char *what, const char *const *names, const char *text,
            int *out, GError **error)
{
  for (int i = 0; names[i] != NULL; i++) {
    if (text != NULL && g_ascii_strcasecmp(text, names[i]) == 0) {
      *out = i;
      return TRUE;
    }
  }
  char *known = g_strjoinv(", ", (char **) names);
  g_set_error(error, CITYNET_ERROR, CITYNET_ERROR_INVALID_ARGUMENT,
              "unknown %s \"%s\" (expected one of: %s)", what,
              text != NULL ? text : "", known);
  g_free(known);
  return FALSE;
}

gboolean
citynet_holes_measure_from_string(const char *text, CitynetHolesMeasure *out,
                                  GError **error)
{
  int value;
  if (!holes_parse("structural-holes measure", holes_names, text, &value, error))
    return FALSE;
  if (out != NULL)
    *out = (CitynetHolesMeasure) value;
  return TRUE;
}

gboolean
citynet_holes_model_from_string(const char *text, CitynetHolesModel *out,
                                GError **error)
{
  static const char *const names[] = { "whole", "ego", NULL };
  int value;
  if (!holes_parse("structural-holes model", names, text, &value, error))
    return FALSE;
  if (out != NULL)
    *out = (CitynetHolesModel) value;
  return TRUE;
}

/* Per-contact working arrays for one vertex, sized for the largest
 * degree. */
typedef struct {
  double *indirect;   /* sum_q p_iq p_qj, per contact j */
  double *redundant;  /* sum_q p_iq m_jq, per contact j */
  double *total;      /* ego model: contact's total inside the ego network */
  double *max;        /* ego model: contact's largest tie there */
  double *local;      /* c_ij */
} HolesScratch;

/* Burt's hierarchy: the Coleman-Theil disorder of the local constraints
 * c (n of them, summing to C): sum r ln r / (n ln n), r = c / (C / n). A
 * single contact gives 0 / 0, reported as NaN. */
static double
holes_hierarchy(const double *local, gsize n, double constraint)
{
  if (n < 2 || !(constraint > 0))
    return NAN;
  const double mean = constraint / (double) n;
  double sum = 0;
  for (gsize k = 0; k < n; k++) {
    double r = local[k] / mean;
    if (r > 0)
      sum += r * log(r);
  }
  return sum / ((double) n * log((double) n));
}

/* Fills the ego model's totals and maxima of i's contacts: their ties to
 * i and to i's other contacts. */
static void
holes_ego_totals(const CitynetMutual *mu, const gint32 *pos, gsize i,
                 HolesScratch *s)
{
  for (gsize k = mu->start[i]; k < mu->start[i + 1]; k++) {
    const gsize q = mu->nb[k], kq = k - mu->start[i];
    double total = mu->w[k], max = mu->w[k];
    for (gsize l = mu->start[q]; l < mu->start[q + 1]; l++) {
      if (pos[mu->nb[l]] >= 0) {
        total += mu->w[l];
        max = MAX(max, mu->w[l]);
      }
    }
    s->total[kq] = total;
    s->max[kq] = max;
  }
}

/* The four measures of vertex i into out[measure]. */
static void
holes_vertex(const CitynetMutual *mu, const double *total, const double *max,
             gint32 *pos, gsize i, gboolean ego_model, HolesScratch *s,
             double out[CITYNET_HOLES_MEASURE_COUNT])
{
  const gsize first = mu->start[i], d = mu->start[i + 1] - first;
  if (d == 0) {
    for (int m = 0; m < CITYNET_HOLES_MEASURE_COUNT; m++)
      out[m] = NAN;
    return;
  }
  for (gsize k = 0; k < d; k++) {
    pos[mu->nb[first + k]] = (gint32) k;
    s->indirect[k] = 0;
    s->redundant[k] = 0;
  }
  if (ego_model)
    holes_ego_totals(mu, pos, i, s);

  /* Contact q spreads p_iq over the contacts j it is tied to. */
  const double total_i = total[i];
  for (gsize k = 0; k < d; k++) {
    const gsize q = mu->nb[first + k];
    const double p_iq = mu->w[first + k] / total_i;
    const double total_q = ego_model ? s->total[k] : total[q];
    for (gsize l = mu->start[q]; l < mu->start[q + 1]; l++) {
      const gint32 j = pos[mu->nb[l]];
      if (j < 0)
        continue;
      const double max_j = ego_model ? s->max[j] : max[mu->nb[l]];
      s->indirect[j] += p_iq * mu->w[l] / total_q;
      s->redundant[j] += p_iq * mu->w[l] / max_j;
    }
  }

  double constraint = 0, effective = 0;
  for (gsize k = 0; k < d; k++) {
    const double c = mu->w[first + k] / total_i + s->indirect[k];
    s->local[k] = c * c;
    constraint += s->local[k];
    effective += 1.0 - s->redundant[k];
  }
  out[CITYNET_HOLES_EFFECTIVE_SIZE] = effective;
  out[CITYNET_HOLES_EFFICIENCY] = effective / (double) d;
  out[CITYNET_HOLES_CONSTRAINT] = constraint;
  out[CITYNET_HOLES_HIERARCHY] = holes_hierarchy(s->local, d, constraint);

  for (gsize k = 0; k < d; k++)
    pos[mu->nb[first + k]] = -1;
}

gboolean
citynet_structural_holes(CitynetView *view, CitynetHolesModel model,
                         gboolean weighted, CitynetScores **scores,
                         GError **error)
{
  g_return_val_if_fail(view != NULL, FALSE);
  g_return_val_if_fail(model == CITYNET_HOLES_WHOLE || model == CITYNET_HOLES_EGO,
                       FALSE);
  g_return_val_if_fail(scores != NULL, FALSE);

  CitynetMutual mu;
  if (!citynet_mutual_init(&mu, view, weighted, "structural holes", error))
    return FALSE;
  const gsize n = mu.n;

  /* Each vertex's total and largest mutual weight (whole model). */
  double *total = g_new0(double, n > 0 ? n : 1);
  double *max = g_new0(double, n > 0 ? n : 1);
  gsize max_degree = 0;
  for (gsize v = 0; v < n; v++) {
    for (gsize k = mu.start[v]; k < mu.start[v + 1]; k++) {
      total[v] += mu.w[k];
      max[v] = MAX(max[v], mu.w[k]);
    }
    max_degree = MAX(max_degree, mu.start[v + 1] - mu.start[v]);
  }

  const gsize size = max_degree > 0 ? max_degree : 1;
  HolesScratch s = {
    g_new(double, size), g_new(double, size), g_new(double, size),
    g_new(double, size), g_new(double, size),
  };
  gint32 *pos = g_new(gint32, n > 0 ? n : 1);
  for (gsize v = 0; v < n; v++)
    pos[v] = -1;

  double *values[CITYNET_HOLES_MEASURE_COUNT];
  for (int m = 0; m < CITYNET_HOLES_MEASURE_COUNT; m++)
    values[m] = g_new(double, n > 0 ? n : 1);
  for (gsize v = 0; v < n; v++) {
    double out[CITYNET_HOLES_MEASURE_COUNT];
    holes_vertex(&mu, total, max, pos, v, model == CITYNET_HOLES_EGO, &s, out);
    for (int m = 0; m < CITYNET_HOLES_MEASURE_COUNT; m++)
      values[m][v] = out[m];
  }
  for (int m = 0; m < CITYNET_HOLES_MEASURE_COUNT; m++)
    scores[m] = citynet_scores_new_take(view,
                                        citynet_holes_measure_name((CitynetHolesMeasure) m,
                                                                   model),
                                        NULL, values[m], n);

  g_free(pos);
  g_free(s.indirect);
  g_free(s.redundant);
  g_free(s.total);
  g_free(s.max);
  g_free(s.local);
  g_free(total);
  g_free(max);
  citynet_mutual_clear(&mu);
  return TRUE;
}

CitynetScores *
citynet_structural_holes_measure(CitynetView *view, CitynetHolesMeasure measure,
                                 CitynetHolesModel model, gboolean weighted,
                                 GError **error)
{
  g_return_val_if_fail(citynet_holes_measure_name(measure, model) != NULL, NULL);
  CitynetScores *all[CITYNET_HOLES_MEASURE_COUNT];
  if (!citynet_structural_holes(view, model, weighted, all, error))
    return NULL;
  for (int m = 0; m < CITYNET_HOLES_MEASURE_COUNT; m++)
    if (m != (int) measure)
      citynet_scores_free(all[m]);
  return all[measure];
}
