/*
 * The recurrent LIF layer over T steps in one call per direction (core's LIFRecurrentSequence and
 * LIFRecurrentSequenceGrad, layout [T, B, n], recurrent weights w [n, n] applied as z @ w^T), so the
 * per-step work (an add, the recurrent product, the LIF update; backward: the LIF gradient step and
 * the product with w) costs no dispatch. Batch rows are independent through time: threads split the
 * rows, and each part runs all T steps of its rows. The float32 operations are those of the step
 * loop (core's decomposition) in its order: ij = (i + x[t]) + rec with rec summed from 0 over the
 * spikes in ascending k, as snn_spike_gather_rows sums; the backward product is the packed GEMM's.
 */
#include "common.h"
#include "gemm.h"
#include "surrogate.h"
#include "f4.h"

/*
 * out[0..n) = sum over q < m (ascending) of s[q] * wt[list[q], :], from 0 (s == NULL: every s[q] is 1,
 * added without a product, as the event-driven MatMul adds the rows of the spikes' weights).
 */
INLINE void gather(const int *list, const float *s, int m, const float *wt, int n, float *out) {
  int j = 0;
  for (; j + 16 <= n; j += 16) {
    f4 s0 = SPLAT(0), s1 = s0, s2 = s0, s3 = s0;
    for (int q = 0; q < m; q++) {
      const float *row = wt + (size_t)list[q] * n + j;
      if (s == 0) {
        s0 = ADD(s0, LD(row));
        s1 = ADD(s1, LD(row + 4));
        s2 = ADD(s2, LD(row + 8));
        s3 = ADD(s3, LD(row + 12));
      } else {
        f4 c = SPLAT(s[q]);
        s0 = ADD(s0, MUL(c, LD(row)));
        s1 = ADD(s1, MUL(c, LD(row + 4)));
        s2 = ADD(s2, MUL(c, LD(row + 8)));
        s3 = ADD(s3, MUL(c, LD(row + 12)));
      }
    }
    ST(out + j, s0);
    ST(out + j + 4, s1);
    ST(out + j + 8, s2);
    ST(out + j + 12, s3);
  }
  for (; j + 4 <= n; j += 4) {
    f4 s0 = SPLAT(0);
    for (int q = 0; q < m; q++) {
      f4 row = LD(wt + (size_t)list[q] * n + j);
      s0 = ADD(s0, s == 0 ? row : MUL(SPLAT(s[q]), row));
    }
    ST(out + j, s0);
  }
  for (; j < n; j++) {
    float acc = 0.0f;
    for (int q = 0; q < m; q++) {
      float w = wt[(size_t)list[q] * n + j];
      acc += s == 0 ? w : s[q] * w;
    }
    out[j] = acc;
  }
}

/*
 * Forward: z, vd [T, B, n] from the currents x [T, B, n], wt = w^T [n, n] and the state (z0, v0, i0)
 * [B, n]. Scratch (B*n floats each, rows owned by their part): v, i (the state), rec (the product);
 * list: n ints per row (the active inputs of the previous step), s: n floats per row (z0's values).
 */
EXPORT(snn_lif_recurrent_sequence)
void snn_lif_recurrent_sequence(const float *x, const float *wt, const float *z0, const float *v0,
                                const float *i0, float *z, float *vd, float *vs, float *is, float *rec,
                                int *lists, float *vals, int T, int B, int n, float a, float b, float vLeak,
                                float vTh, float vReset, int part, int parts) {
  int lo, hi;
  split_range(B, part, parts, &lo, &hi);
  if (lo >= hi) return;
  const f4 A = SPLAT(a), BB = SPLAT(b), VL = SPLAT(vLeak), VT = SPLAT(vTh), VR = SPLAT(vReset);
  const f4 ONE = SPLAT(1.0f), ZERO = SPLAT(0.0f);
  size_t rows = (size_t)(hi - lo) * n, first = (size_t)lo * n;
  __builtin_memcpy(vs + first, v0 + first, rows * sizeof(float));
  __builtin_memcpy(is + first, i0 + first, rows * sizeof(float));
  for (int t = 0; t < T; t++) {
    for (int r = lo; r < hi; r++) {
      size_t own = (size_t)r * n, at = ((size_t)t * B + r) * n;
      /* The previous step's spikes (z0 at t = 0, any values, weighted) as a list of active inputs. */
      const float *zp = t == 0 ? z0 + own : z + at - (size_t)B * n;
      int *list = lists + own;
      float *s = vals + own;
      int m = 0;
      for (int k = 0; k < n; k++) {
        if (zp[k] != 0.0f) {
          list[m] = k;
          s[m++] = zp[k];
        }
      }
      float *rr = rec + own;
      gather(list, t == 0 ? s : 0, m, wt, n, rr);
      float *v = vs + own, *i = is + own;
      const float *xt = x + at;
      int k = 0;
      for (; k + 4 <= n; k += 4) {
        f4 vv = LD(v + k);
        f4 ij = ADD(ADD(LD(i + k), LD(xt + k)), LD(rr + k));
        f4 d = ADD(vv, MUL(A, ADD(SUB(VL, vv), ij)));
        f4 sp = wasm_v128_and(wasm_f32x4_gt(SUB(d, VT), ZERO), ONE);
        ST(vd + at + k, d);
        ST(z + at + k, sp);
        ST(v + k, ADD(MUL(SUB(ONE, sp), d), MUL(sp, VR)));
        ST(i + k, SUB(ij, MUL(BB, ij)));
      }
      for (; k < n; k++) {
        float ij = (i[k] + xt[k]) + rr[k];
        float d = v[k] + a * ((vLeak - v[k]) + ij);
        float sp = d - vTh > 0.0f ? 1.0f : 0.0f;
        vd[at + k] = d;
        z[at + k] = sp;
        v[k] = (1.0f - sp) * d + sp * vReset;
        i[k] = ij - b * ij;
      }
    }
  }
}

/*
 * Backward, from t = T-1 down to 0 (gz, gv, gi = 0 after the last step):
 *   dzt = dz[t] + gz; LIF gradient step of the current ij[t] (keep, s as LIFSequenceGrad):
 *   gvd = gv*keep + dzt*s; gv = gvd*(1 - a); gi = gvd*a + gi*(1 - b); dx[t] = gi; gz = dx[t] @ w.
 * Outputs dx [T, B, n], dz0 = dx[0] @ w, dv0 = gv and di0 = gi after t = 0 ([B, n]); gz: B*n scratch.
 */
INLINE void lif_recurrent_grad(int kind, int detach, float alpha, const float *sg, const float *z,
                               const float *vd, const float *dz, const float *w, float *dx, float *dz0,
                               float *gvs, float *gis, float *gzs, int T, int B, int n, float a, float b,
                               float vTh, float vReset, int lo, int hi) {
  const f4 A = SPLAT(a), OMA = SPLAT(1.0f - a), OMB = SPLAT(1.0f - b), VT = SPLAT(vTh), VR = SPLAT(vReset);
  const f4 ONE = SPLAT(1.0f);
  size_t first = (size_t)lo * n, rows = (size_t)(hi - lo) * n;
  __builtin_memset(gvs + first, 0, rows * sizeof(float));
  __builtin_memset(gis + first, 0, rows * sizeof(float));
  for (int t = T - 1; t >= 0; t--) {
    for (int r = lo; r < hi; r++) {
      size_t own = (size_t)r * n, at = ((size_t)t * B + r) * n;
      float *gv = gvs + own, *gi = gis + own;
      const float *gz = gzs + own;
      int last = t == T - 1;
      int k = 0;
      for (; k + 4 <= n; k += 4) {
        size_t e = at + k;
        f4 d = LD(vd + e);
        f4 s = kind == SG_TABLE ? LD(sg + e) : surrogate_derivative4(kind, alpha, SUB(d, VT));
        f4 zk = LD(z + e);
        f4 keep = detach ? SUB(ONE, zk) : ADD(SUB(ONE, zk), MUL(SUB(VR, d), s));
        f4 dzt = last ? LD(dz + e) : ADD(LD(dz + e), LD(gz + k));
        f4 gvd = ADD(MUL(LD(gv + k), keep), MUL(dzt, s));
        f4 g = ADD(MUL(gvd, A), MUL(LD(gi + k), OMB));
        ST(gv + k, MUL(gvd, OMA));
        ST(gi + k, g);
        ST(dx + e, g);
      }
      for (; k < n; k++) {
        size_t e = at + k;
        float d = vd[e];
        float s = kind == SG_TABLE ? sg[e] : surrogate_derivative(kind, alpha, d - vTh);
        float keep = detach ? 1.0f - z[e] : (1.0f - z[e]) + (vReset - d) * s;
        float dzt = last ? dz[e] : dz[e] + gz[k];
        float gvd = gv[k] * keep + dzt * s;
        float g = gvd * a + gi[k] * (1.0f - b);
        gv[k] = gvd * (1.0f - a);
        gi[k] = g;
        dx[e] = g;
      }
    }
    /* dL/dz[t-1] (dz0 at t = 0) for this part's rows: dx[t] @ w. */
    gemm_region(dx + (size_t)t * B * n, n, 1, w, n, 1, t == 0 ? dz0 : gzs, n, n, lo, hi, 0, n, 0, snn_slot());
  }
}

#define REC_GRAD_CASE(KIND)                                                                                 \
  case KIND:                                                                                                \
    if (detach)                                                                                             \
      lif_recurrent_grad(KIND, 1, alpha, sg, z, vd, dz, w, dx, dz0, dv0, di0, gz, T, B, n, a, b, vTh, vReset, \
                         lo, hi);                                                                           \
    else                                                                                                    \
      lif_recurrent_grad(KIND, 0, alpha, sg, z, vd, dz, w, dx, dz0, dv0, di0, gz, T, B, n, a, b, vTh, vReset, \
                         lo, hi);                                                                           \
    break;

EXPORT(snn_lif_recurrent_sequence_grad)
void snn_lif_recurrent_sequence_grad(const float *z, const float *vd, const float *dz, const float *w,
                                     float *dx, float *dz0, float *dv0, float *di0, float *gz, int T, int B,
                                     int n, float a, float b, float vTh, float vReset, int kind, float alpha,
                                     const float *sg, int detach, int part, int parts) {
  int lo, hi;
  split_range(B, part, parts, &lo, &hi);
  if (lo >= hi) return;
  switch (kind) {
    REC_GRAD_CASE(SG_SUPERSPIKE)
    REC_GRAD_CASE(SG_ATAN)
    REC_GRAD_CASE(SG_SIGMOID)
    REC_GRAD_CASE(SG_FAST_SIGMOID)
    REC_GRAD_CASE(SG_TRIANGLE)
    REC_GRAD_CASE(SG_TABLE)
    default:
      REC_GRAD_CASE(SG_STRAIGHT)
  }
}
