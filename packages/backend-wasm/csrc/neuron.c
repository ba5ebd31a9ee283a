/*
 * The fused neuron kernels over T steps (layout [T, n], state [n]): Norse's lif_feed_forward_step
 * (LIFSequence) and li_feed_forward_step (LISequence) and their reverse-time gradients, as specified
 * in core's kernel-signatures.ts. Each neuron's recurrence runs in registers over t; the loops run
 * over neurons innermost so clang vectorises them (four neurons per f32x4). Threads split neurons.
 */
#include "common.h"
#include "surrogate.h"

#define NEURON_GRAIN 16

EXPORT(snn_lif_sequence)
void snn_lif_sequence(const float *x, const float *v0, const float *i0, float *z, float *v, float *i,
                      float *vd, int T, int n, float a, float b, float vLeak, float vTh, float vReset,
                      int tid, int nth) {
  int lo, hi;
  split_grain(n, NEURON_GRAIN, tid, nth, &lo, &hi);
  for (int t = 0; t < T; t++) {
    const float *vp = t == 0 ? v0 : v + (size_t)(t - 1) * n;
    const float *ip = t == 0 ? i0 : i + (size_t)(t - 1) * n;
    const float *xt = x + (size_t)t * n;
    float *zt = z + (size_t)t * n, *vt = v + (size_t)t * n, *it = i + (size_t)t * n,
          *vdt = vd + (size_t)t * n;
    for (int k = lo; k < hi; k++) {
      float vk = vp[k], ik = ip[k];
      float d = vk + a * ((vLeak - vk) + ik);
      float id = ik - b * ik;
      float spike = d - vTh > 0.0f ? 1.0f : 0.0f;
      vdt[k] = d;
      zt[k] = spike;
      vt[k] = (1.0f - spike) * d + spike * vReset;
      it[k] = id + xt[k];
    }
  }
}

INLINE void lif_grad_loop(int kind, int detach, float alpha, const float *z, const float *vd,
                          const float *dz, const float *dv, const float *di, float *dx, float *dv0,
                          float *di0, int T, int n, float a, float b, float vTh, float vReset, int lo,
                          int hi) {
  /* dv0/di0 hold the running gv/gi while walking back in time. */
  for (int k = lo; k < hi; k++) {
    dv0[k] = 0.0f;
    di0[k] = 0.0f;
  }
  for (int t = T - 1; t >= 0; t--) {
    size_t at = (size_t)t * n;
    for (int k = lo; k < hi; k++) {
      float Gv = dv[at + k] + dv0[k];
      float Gi = di[at + k] + di0[k];
      float d = vd[at + k];
      float s = surrogate_derivative(kind, alpha, d - vTh);
      float zk = z[at + k];
      float keep = detach ? 1.0f - zk : (1.0f - zk) + (vReset - d) * s;
      float gvd = Gv * keep + dz[at + k] * s;
      dx[at + k] = Gi;
      dv0[k] = gvd * (1.0f - a);
      di0[k] = gvd * a + Gi * (1.0f - b);
    }
  }
}

#define LIF_GRAD_CASE(KIND)                                                                      \
  case KIND:                                                                                     \
    if (detach)                                                                                  \
      lif_grad_loop(KIND, 1, alpha, z, vd, dz, dv, di, dx, dv0, di0, T, n, a, b, vTh, vReset, lo, \
                    hi);                                                                         \
    else                                                                                         \
      lif_grad_loop(KIND, 0, alpha, z, vd, dz, dv, di, dx, dv0, di0, T, n, a, b, vTh, vReset, lo, \
                    hi);                                                                         \
    break;

EXPORT(snn_lif_sequence_grad)
void snn_lif_sequence_grad(const float *z, const float *vd, const float *dz, const float *dv,
                           const float *di, float *dx, float *dv0, float *di0, int T, int n, float a,
                           float b, float vTh, float vReset, int kind, float alpha, int detach, int tid,
                           int nth) {
  int lo, hi;
  split_grain(n, NEURON_GRAIN, tid, nth, &lo, &hi);
  switch (kind) {
    LIF_GRAD_CASE(SG_SUPERSPIKE)
    LIF_GRAD_CASE(SG_ATAN)
    LIF_GRAD_CASE(SG_SIGMOID)
    LIF_GRAD_CASE(SG_FAST_SIGMOID)
    LIF_GRAD_CASE(SG_TRIANGLE)
    default:
      LIF_GRAD_CASE(SG_STRAIGHT)
  }
}

EXPORT(snn_li_sequence)
void snn_li_sequence(const float *x, const float *v0, const float *i0, float *v, float *i, int T, int n,
                     float a, float b, float vLeak, int tid, int nth) {
  int lo, hi;
  split_grain(n, NEURON_GRAIN, tid, nth, &lo, &hi);
  for (int t = 0; t < T; t++) {
    const float *vp = t == 0 ? v0 : v + (size_t)(t - 1) * n;
    const float *ip = t == 0 ? i0 : i + (size_t)(t - 1) * n;
    const float *xt = x + (size_t)t * n;
    float *vt = v + (size_t)t * n, *it = i + (size_t)t * n;
    for (int k = lo; k < hi; k++) {
      float vk = vp[k];
      float j = ip[k] + xt[k];
      vt[k] = vk + a * ((vLeak - vk) + j);
      it[k] = j - b * j;
    }
  }
}

EXPORT(snn_li_sequence_grad)
void snn_li_sequence_grad(const float *dv, const float *di, float *dx, float *dv0, float *di0, int T, int n,
                          float a, float b, int tid, int nth) {
  int lo, hi;
  split_grain(n, NEURON_GRAIN, tid, nth, &lo, &hi);
  for (int k = lo; k < hi; k++) {
    dv0[k] = 0.0f;
    di0[k] = 0.0f;
  }
  for (int t = T - 1; t >= 0; t--) {
    size_t at = (size_t)t * n;
    for (int k = lo; k < hi; k++) {
      float Gv = dv[at + k] + dv0[k];
      float Gi = di[at + k] + di0[k];
      float gj = Gv * a + Gi * (1.0f - b);
      dx[at + k] = gj;
      dv0[k] = Gv * (1.0f - a);
      di0[k] = gj;
    }
  }
}
