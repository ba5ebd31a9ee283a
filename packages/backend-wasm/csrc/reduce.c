/*
 * Reductions over the middle axis of a [outer, n, inner] view (the JavaScript side moves the reduced
 * axes there). Sums accumulate in double, as the reference backend, so long float32 sums (a gradient
 * summed over T*B rows) keep their precision. Threads split the (outer, inner) output elements.
 */
#include "common.h"
#include "fmath.h"

EXPORT(snn_sum_f32)
void snn_sum_f32(const float *x, float *out, int outer, int n, int inner, int part, int parts) {
  if (inner == 1) {
    int lo, hi;
    split_range(outer, part, parts, &lo, &hi);
    for (int o = lo; o < hi; o++) {
      const float *row = x + (size_t)o * n;
      /* Two double lanes per vector, four independent accumulators. */
      double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      int k = 0;
      for (; k + 4 <= n; k += 4) {
        s0 += row[k];
        s1 += row[k + 1];
        s2 += row[k + 2];
        s3 += row[k + 3];
      }
      for (; k < n; k++) s0 += row[k];
      out[o] = (float)((s0 + s1) + (s2 + s3));
    }
    return;
  }
  /* inner > 1: each thread takes a range of inner columns for every outer block. */
  int lo, hi;
  split_grain(inner, 4, part, parts, &lo, &hi);
  if (lo >= hi) return;
  double acc[256];
  for (int o = 0; o < outer; o++) {
    const float *base = x + (size_t)o * n * inner;
    for (int j0 = lo; j0 < hi; j0 += 256) {
      int j1 = j0 + 256 < hi ? j0 + 256 : hi;
      for (int j = j0; j < j1; j++) acc[j - j0] = 0;
      for (int k = 0; k < n; k++) {
        const float *r = base + (size_t)k * inner;
        for (int j = j0; j < j1; j++) acc[j - j0] += r[j];
      }
      for (int j = j0; j < j1; j++) out[(size_t)o * inner + j] = (float)acc[j - j0];
    }
  }
}

/* Max with NaN propagating (torch.amax); -Infinity for an empty axis. */
EXPORT(snn_max_f32)
void snn_max_f32(const float *x, float *out, int outer, int n, int inner, int part, int parts) {
  int total = outer * inner;
  int lo, hi;
  split_range(total, part, parts, &lo, &hi);
  for (int e = lo; e < hi; e++) {
    int o = e / inner, j = e % inner;
    const float *p = x + (size_t)o * n * inner + j;
    float m = -__builtin_inff();
    for (int k = 0; k < n; k++) {
      float v = p[(size_t)k * inner];
      if (v > m || v != v) m = v;
      if (m != m) break;
    }
    out[e] = m;
  }
}

/* Index of the first maximum (a NaN never wins unless it comes first, as the reference backend). */
EXPORT(snn_argmax_f32)
void snn_argmax_f32(const float *x, int32_t *out, int outer, int n, int inner, int part, int parts) {
  int total = outer * inner;
  int lo, hi;
  split_range(total, part, parts, &lo, &hi);
  for (int e = lo; e < hi; e++) {
    int o = e / inner, j = e % inner;
    const float *p = x + (size_t)o * n * inner + j;
    int best = 0;
    float bv = p[0];
    for (int k = 1; k < n; k++) {
      float v = p[(size_t)k * inner];
      if (v > bv) { best = k; bv = v; }
    }
    out[e] = best;
  }
}

/* x - max - log(sum(exp(x - max))) along the middle axis, in double. */
EXPORT(snn_log_softmax_f32)
void snn_log_softmax_f32(const float *x, float *out, int outer, int n, int inner, int part, int parts) {
  int total = outer * inner;
  int lo, hi;
  split_range(total, part, parts, &lo, &hi);
  for (int e = lo; e < hi; e++) {
    int o = e / inner, j = e % inner;
    size_t base = (size_t)o * n * inner + j;
    double m = -__builtin_inf();
    int nan = 0;
    for (int k = 0; k < n; k++) {
      double v = x[base + (size_t)k * inner];
      if (v != v) nan = 1;
      if (v > m) m = v;
    }
    double shift = (m == m && m != __builtin_inf() && m != -__builtin_inf()) ? m : 0.0;
    double s = 0;
    for (int k = 0; k < n; k++) s += d_exp((double)x[base + (size_t)k * inner] - shift);
    double ls = d_log(s) + shift;
    if (nan) ls = __builtin_nan("");
    for (int k = 0; k < n; k++) out[base + (size_t)k * inner] = (float)((double)x[base + (size_t)k * inner] - ls);
  }
}
