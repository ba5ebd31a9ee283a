/*
 * The fused neuron kernels over T steps (layout [T, n], state [n]): Norse's lif_feed_forward_step
 * (LIFSequence) and li_feed_forward_step (LISequence) and their reverse-time gradients, as specified
 * in core's kernel-signatures.ts, with the float32 operations in the order the step functions use
 * (so T = 1 reproduces a step bit for bit), four neurons per f32x4. Neurons go in chunks of CHUNK;
 * a chunk runs all T steps, each step reading the state the previous one just wrote (in L1), so long
 * sequences of wide layers ([T, B*C*H*W]) never stride across T rows at once. Threads split neurons.
 */
#include "common.h"
#include "surrogate.h"
#include "f4.h"

#define GRAIN 16
#define CHUNK 512

/* One LIF step of four neurons; state (v, i) in, updated in place; outputs stored at `at`. */
#define LIF_STEP4(v, i, xv, zp, vp, ip, vdp)                                      \
  do {                                                                           \
    f4 d_ = ADD(v, MUL(A, ADD(SUB(VL, v), i)));                                   \
    f4 id_ = SUB(i, MUL(B, i));                                                  \
    f4 s_ = wasm_v128_and(wasm_f32x4_gt(SUB(d_, VT), ZERO), ONE);                 \
    ST(vdp, d_);                                                                 \
    ST(zp, s_);                                                                  \
    v = ADD(MUL(SUB(ONE, s_), d_), MUL(s_, VR));                                 \
    i = ADD(id_, xv);                                                            \
    ST(vp, v);                                                                   \
    ST(ip, i);                                                                   \
  } while (0)

EXPORT(snn_lif_sequence)
void snn_lif_sequence(const float *x, const float *v0, const float *i0, float *z, float *v, float *i,
                      float *vd, int T, int n, float a, float b, float vLeak, float vTh, float vReset,
                      int part, int parts) {
  int lo, hi;
  split_grain(n, GRAIN, part, parts, &lo, &hi);
  const f4 A = SPLAT(a), B = SPLAT(b), VL = SPLAT(vLeak), VT = SPLAT(vTh), VR = SPLAT(vReset);
  const f4 ONE = SPLAT(1.0f), ZERO = SPLAT(0.0f);
  for (int c0 = lo; c0 < hi; c0 += CHUNK) {
    int c1 = c0 + CHUNK < hi ? c0 + CHUNK : hi;
    for (int t = 0; t < T; t++) {
      size_t row = (size_t)t * n;
      const float *vp = t == 0 ? v0 : v + row - n;
      const float *ip = t == 0 ? i0 : i + row - n;
      int k = c0;
      for (; k + 4 <= c1; k += 4) {
        f4 vv = LD(vp + k), ii = LD(ip + k);
        LIF_STEP4(vv, ii, LD(x + row + k), z + row + k, v + row + k, i + row + k, vd + row + k);
      }
      for (; k < c1; k++) {
        float vk = vp[k], ik = ip[k];
        float d = vk + a * ((vLeak - vk) + ik);
        float id = ik - b * ik;
        float spike = d - vTh > 0.0f ? 1.0f : 0.0f;
        vd[row + k] = d;
        z[row + k] = spike;
        v[row + k] = (1.0f - spike) * d + spike * vReset;
        i[row + k] = id + x[row + k];
      }
    }
  }
}

/*
 * LIFSequence's spikes alone (attr spikesOnly: no gradient, states discarded, as in the constant-current
 * encoder): the same float32 operations as snn_lif_sequence, but a chunk's state (v, i) lives in a
 * buffer on this thread's stack across the T steps and only z is written, a quarter of the stores.
 */
EXPORT(snn_lif_sequence_spikes)
void snn_lif_sequence_spikes(const float *x, const float *v0, const float *i0, float *z, int T, int n,
                             float a, float b, float vLeak, float vTh, float vReset, int part, int parts) {
  int lo, hi;
  split_grain(n, GRAIN, part, parts, &lo, &hi);
  const f4 A = SPLAT(a), B = SPLAT(b), VL = SPLAT(vLeak), VT = SPLAT(vTh), VR = SPLAT(vReset);
  const f4 ONE = SPLAT(1.0f), ZERO = SPLAT(0.0f);
  float vs[CHUNK] __attribute__((aligned(16))), is[CHUNK] __attribute__((aligned(16)));
  for (int c0 = lo; c0 < hi; c0 += CHUNK) {
    int m = c0 + CHUNK < hi ? CHUNK : hi - c0;
    for (int k = 0; k < m; k++) {
      vs[k] = v0[c0 + k];
      is[k] = i0[c0 + k];
    }
    for (int t = 0; t < T; t++) {
      size_t row = (size_t)t * n + c0;
      int k = 0;
      for (; k + 4 <= m; k += 4) {
        f4 v = LD(vs + k), i = LD(is + k);
        f4 d = ADD(v, MUL(A, ADD(SUB(VL, v), i)));
        f4 id = SUB(i, MUL(B, i));
        f4 sp = wasm_v128_and(wasm_f32x4_gt(SUB(d, VT), ZERO), ONE);
        ST(z + row + k, sp);
        ST(vs + k, ADD(MUL(SUB(ONE, sp), d), MUL(sp, VR)));
        ST(is + k, ADD(id, LD(x + row + k)));
      }
      for (; k < m; k++) {
        float vk = vs[k], ik = is[k];
        float d = vk + a * ((vLeak - vk) + ik);
        float id = ik - b * ik;
        float spike = d - vTh > 0.0f ? 1.0f : 0.0f;
        z[row + k] = spike;
        vs[k] = (1.0f - spike) * d + spike * vReset;
        is[k] = id + x[row + k];
      }
    }
  }
}

/*
 * LIFSpikesFromState: snn_lif_sequence_spikes with a zero input (the constant-current encoders), the
 * same float32 operations (i = id + 0 as there), with no input read and no spikes written densely:
 * each step's spikes [n] are viewed as `rows` rows of `cols` (n = rows*cols; the last axis is cols)
 * and listed: the columns of the ones of row r of step t go to scratch + (t*rows + r)*cols, ascending,
 * their number to counts[t*rows + r] (csrc/spike.c's lists: the caller compacts them with
 * snn_prefix_sum and snn_spike_compact_rows, and writes the dense 0/1 values from them with
 * snn_spike_lists_to_dense if they are read). Threads split rows, so each list has one writer and
 * its column chunks come in order.
 */
EXPORT(snn_lif_spikes_from_state)
void snn_lif_spikes_from_state(const float *v0, const float *i0, int32_t *counts, int32_t *scratch,
                               int T, int rows, int cols, float a, float b, float vLeak, float vTh,
                               float vReset, int part, int parts) {
  int lo, hi;
  split_range(rows, part, parts, &lo, &hi);
  const f4 A = SPLAT(a), B = SPLAT(b), VL = SPLAT(vLeak), VT = SPLAT(vTh), VR = SPLAT(vReset);
  const f4 ONE = SPLAT(1.0f), ZERO = SPLAT(0.0f);
  float vs[CHUNK] __attribute__((aligned(16))), is[CHUNK] __attribute__((aligned(16)));
  for (int r = lo; r < hi; r++) {
    for (int t = 0; t < T; t++) counts[(size_t)t * rows + r] = 0;
    for (int c0 = 0; c0 < cols; c0 += CHUNK) {
      int m = c0 + CHUNK < cols ? CHUNK : cols - c0;
      const size_t at = (size_t)r * cols + c0;
      for (int k = 0; k < m; k++) {
        vs[k] = v0[at + k];
        is[k] = i0[at + k];
      }
      for (int t = 0; t < T; t++) {
        const size_t list = (size_t)t * rows + r;
        int32_t *out = scratch + list * cols + counts[list];
        int32_t *start = out;
        int k = 0;
        for (; k + 4 <= m; k += 4) {
          f4 v = LD(vs + k), i = LD(is + k);
          f4 d = ADD(v, MUL(A, ADD(SUB(VL, v), i)));
          f4 id = SUB(i, MUL(B, i));
          v128_t fire = wasm_f32x4_gt(SUB(d, VT), ZERO);
          f4 sp = wasm_v128_and(fire, ONE);
          ST(vs + k, ADD(MUL(SUB(ONE, sp), d), MUL(sp, VR)));
          ST(is + k, ADD(id, ZERO));
          uint32_t mask = wasm_i32x4_bitmask(fire);
          while (mask) {
            *out++ = c0 + k + __builtin_ctz(mask);
            mask &= mask - 1;
          }
        }
        for (; k < m; k++) {
          float vk = vs[k], ik = is[k];
          float d = vk + a * ((vLeak - vk) + ik);
          float id = ik - b * ik;
          float spike = d - vTh > 0.0f ? 1.0f : 0.0f;
          vs[k] = (1.0f - spike) * d + spike * vReset;
          is[k] = id + 0.0f;
          if (spike != 0.0f) *out++ = c0 + k;
        }
        counts[list] += (int32_t)(out - start);
      }
    }
  }
}

/* One reverse step of four neurons: (gv, gi) flow in from step t+1, out to step t-1. */
#define LIF_GRAD4(gv, gi, at)                                                      \
  do {                                                                            \
    f4 Gv_ = ADD(LD(dv + (at)), gv);                                              \
    f4 Gi_ = ADD(LD(di + (at)), gi);                                              \
    f4 d_ = LD(vd + (at));                                                        \
    f4 s_ = kind == SG_TABLE ? LD(sg + (at)) : surrogate_derivative4(kind, alpha, SUB(d_, VT)); \
    f4 zk_ = LD(z + (at));                                                        \
    f4 keep_ = detach ? SUB(ONE, zk_) : ADD(SUB(ONE, zk_), MUL(SUB(VR, d_), s_));   \
    f4 gvd_ = ADD(MUL(Gv_, keep_), MUL(LD(dz + (at)), s_));                       \
    ST(dx + (at), Gi_);                                                           \
    gv = MUL(gvd_, OMA);                                                          \
    gi = ADD(MUL(gvd_, A), MUL(Gi_, OMB));                                        \
  } while (0)

/* kind SG_TABLE: the surrogate values surrogate'(vd - vTh) are precomputed in sg [T, n] (csrc/expr.c). */
INLINE void lif_grad(int kind, int detach, float alpha, const float *sg, const float *z, const float *vd, const float *dz,
                     const float *dv, const float *di, float *dx, float *dv0, float *di0, int T, int n,
                     float a, float b, float vTh, float vReset, int lo, int hi) {
  const f4 A = SPLAT(a), OMA = SPLAT(1.0f - a), OMB = SPLAT(1.0f - b), VT = SPLAT(vTh), VR = SPLAT(vReset);
  const f4 ONE = SPLAT(1.0f);
  /* dv0/di0 carry the running (gv, gi) of each neuron from step to step (in L1 within a chunk). */
  for (int k = lo; k < hi; k++) {
    dv0[k] = 0.0f;
    di0[k] = 0.0f;
  }
  for (int c0 = lo; c0 < hi; c0 += CHUNK) {
    int c1 = c0 + CHUNK < hi ? c0 + CHUNK : hi;
    for (int t = T - 1; t >= 0; t--) {
      size_t row = (size_t)t * n;
      int k = c0;
      for (; k + 4 <= c1; k += 4) {
        f4 gv = LD(dv0 + k), gi = LD(di0 + k);
        LIF_GRAD4(gv, gi, row + k);
        ST(dv0 + k, gv);
        ST(di0 + k, gi);
      }
      for (; k < c1; k++) {
        size_t at = row + k;
        float Gv = dv[at] + dv0[k];
        float Gi = di[at] + di0[k];
        float d = vd[at];
        float s = kind == SG_TABLE ? sg[at] : surrogate_derivative(kind, alpha, d - vTh);
        float zk = z[at];
        float keep = detach ? 1.0f - zk : (1.0f - zk) + (vReset - d) * s;
        float gvd = Gv * keep + dz[at] * s;
        dx[at] = Gi;
        dv0[k] = gvd * (1.0f - a);
        di0[k] = gvd * a + Gi * (1.0f - b);
      }
    }
  }
}

#define LIF_GRAD_CASE(KIND)                                                                        \
  case KIND:                                                                                       \
    if (detach)                                                                                    \
      lif_grad(KIND, 1, alpha, sg, z, vd, dz, dv, di, dx, dv0, di0, T, n, a, b, vTh, vReset, lo, hi); \
    else                                                                                               \
      lif_grad(KIND, 0, alpha, sg, z, vd, dz, dv, di, dx, dv0, di0, T, n, a, b, vTh, vReset, lo, hi); \
    break;

EXPORT(snn_lif_sequence_grad)
void snn_lif_sequence_grad(const float *z, const float *vd, const float *dz, const float *dv,
                           const float *di, float *dx, float *dv0, float *di0, int T, int n, float a,
                           float b, float vTh, float vReset, int kind, float alpha, const float *sg,
                           int detach, int part, int parts) {
  int lo, hi;
  split_grain(n, GRAIN, part, parts, &lo, &hi);
  switch (kind) {
    LIF_GRAD_CASE(SG_SUPERSPIKE)
    LIF_GRAD_CASE(SG_ATAN)
    LIF_GRAD_CASE(SG_SIGMOID)
    LIF_GRAD_CASE(SG_FAST_SIGMOID)
    LIF_GRAD_CASE(SG_TRIANGLE)
    LIF_GRAD_CASE(SG_TABLE)
    default:
      LIF_GRAD_CASE(SG_STRAIGHT)
  }
}

EXPORT(snn_li_sequence)
void snn_li_sequence(const float *x, const float *v0, const float *i0, float *v, float *i, int T, int n,
                     float a, float b, float vLeak, int part, int parts) {
  int lo, hi;
  split_grain(n, GRAIN, part, parts, &lo, &hi);
  const f4 A = SPLAT(a), B = SPLAT(b), VL = SPLAT(vLeak);
  for (int c0 = lo; c0 < hi; c0 += CHUNK) {
    int c1 = c0 + CHUNK < hi ? c0 + CHUNK : hi;
    for (int t = 0; t < T; t++) {
      size_t row = (size_t)t * n;
      const float *vp = t == 0 ? v0 : v + row - n;
      const float *ip = t == 0 ? i0 : i + row - n;
      int k = c0;
      for (; k + 4 <= c1; k += 4) {
        f4 vv = LD(vp + k);
        f4 j = ADD(LD(ip + k), LD(x + row + k));
        ST(v + row + k, ADD(vv, MUL(A, ADD(SUB(VL, vv), j))));
        ST(i + row + k, SUB(j, MUL(B, j)));
      }
      for (; k < c1; k++) {
        float vk = vp[k];
        float j = ip[k] + x[row + k];
        v[row + k] = vk + a * ((vLeak - vk) + j);
        i[row + k] = j - b * j;
      }
    }
  }
}

EXPORT(snn_li_sequence_grad)
void snn_li_sequence_grad(const float *dv, const float *di, float *dx, float *dv0, float *di0, int T, int n,
                          float a, float b, int part, int parts) {
  int lo, hi;
  split_grain(n, GRAIN, part, parts, &lo, &hi);
  const f4 A = SPLAT(a), OMA = SPLAT(1.0f - a), OMB = SPLAT(1.0f - b);
  for (int k = lo; k < hi; k++) {
    dv0[k] = 0.0f;
    di0[k] = 0.0f;
  }
  for (int c0 = lo; c0 < hi; c0 += CHUNK) {
    int c1 = c0 + CHUNK < hi ? c0 + CHUNK : hi;
    for (int t = T - 1; t >= 0; t--) {
      size_t row = (size_t)t * n;
      int k = c0;
      for (; k + 4 <= c1; k += 4) {
        f4 Gv = ADD(LD(dv + row + k), LD(dv0 + k));
        f4 Gi = ADD(LD(di + row + k), LD(di0 + k));
        f4 gj = ADD(MUL(Gv, A), MUL(Gi, OMB));
        ST(dx + row + k, gj);
        ST(dv0 + k, MUL(Gv, OMA));
        ST(di0 + k, gj);
      }
      for (; k < c1; k++) {
        float Gv = dv[row + k] + dv0[k];
        float Gi = di[row + k] + di0[k];
        float gj = Gv * a + Gi * (1.0f - b);
        dx[row + k] = gj;
        dv0[k] = Gv * (1.0f - a);
        di0[k] = gj;
      }
    }
  }
}

/*
 * snnTorch's Leaky over T steps (core's leakyStep, as LeakySequence in kernel-signatures.ts specifies),
 * forward only: beta and threshold are one value each, read from memory; x is [T, n], or one row [n]
 * presented at every step (xRepeat, snnTorch's direct input). reset: 0 subtract, 1 zero, 2 none.
 * Each float32 operation in leakyStep's order, so the spikes and membranes equal the step loop's.
 */
EXPORT(snn_leaky_sequence)
void snn_leaky_sequence(const float *x, const float *mem0, const float *betap, const float *thp, float *spk,
                        float *mem, int T, int n, int xRepeat, int reset, int resetDelay, int part, int parts) {
  int lo, hi;
  split_grain(n, GRAIN, part, parts, &lo, &hi);
  float beta = *betap, th = *thp;
  beta = beta > 1.0f ? 1.0f : (beta < 0.0f ? 0.0f : beta);
  for (int c0 = lo; c0 < hi; c0 += CHUNK) {
    int c1 = c0 + CHUNK < hi ? c0 + CHUNK : hi;
    for (int t = 0; t < T; t++) {
      size_t row = (size_t)t * n;
      const float *mp = t == 0 ? mem0 : mem + row - n;
      const float *xp = xRepeat ? x : x + row;
      for (int k = c0; k < c1; k++) {
        float m = mp[k];
        float r = m - th > 0.0f ? 1.0f : 0.0f;
        float next;
        if (reset == 0) next = (m * beta + xp[k]) - r * th;
        else if (reset == 1) next = ((1.0f - r) * m) * beta + xp[k];
        else next = m * beta + xp[k];
        float s = next - th > 0.0f ? 1.0f : 0.0f;
        if (!resetDelay && reset != 2) {
          float d = s - r;
          next = reset == 0 ? next - d * th : next - d * next;
        }
        spk[row + k] = s;
        mem[row + k] = next;
      }
    }
  }
}
