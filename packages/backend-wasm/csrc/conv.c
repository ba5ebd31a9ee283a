/*
 * Conv2D (NCHW, OIHW weights, no bias) and its two backprops, dense (im2col + the packed GEMM, one
 * sample at a time) and event-driven for spike inputs (scatter the kernel at each spike; the filter
 * gradient gathers dy windows at each spike).
 *
 * Geometry block (int32, `g`): N, C, H, W, O, kh, kw, sh, sw, pt, pl, Ho, Wo.
 * Dense kernels take a column scratch `col` of threads * C*kh*kw*Ho*Wo floats (each thread its slot's slice).
 */
#include "common.h"
#include "gemm.h"

typedef struct {
  int N, C, H, W, O, kh, kw, sh, sw, pt, pl, Ho, Wo;
} geom;

INLINE geom read_geom(const int *g) {
  geom q = {g[0], g[1], g[2], g[3], g[4], g[5], g[6], g[7], g[8], g[9], g[10], g[11], g[12]};
  return q;
}

/* col[(c*kh + ky)*kw + kx][oy*Wo + ox] = x[c, oy*sh - pt + ky, ox*sw - pl + kx] (0 outside). */
static void im2col(const float *x, const geom *q, float *col) {
  int HW = q->Ho * q->Wo;
  for (int c = 0; c < q->C; c++)
    for (int ky = 0; ky < q->kh; ky++)
      for (int kx = 0; kx < q->kw; kx++) {
        float *dst = col + (size_t)((c * q->kh + ky) * q->kw + kx) * HW;
        const float *plane = x + (size_t)c * q->H * q->W;
        for (int oy = 0; oy < q->Ho; oy++) {
          int iy = oy * q->sh - q->pt + ky;
          float *d = dst + oy * q->Wo;
          if (iy < 0 || iy >= q->H) {
            for (int ox = 0; ox < q->Wo; ox++) d[ox] = 0.0f;
            continue;
          }
          const float *srow = plane + (size_t)iy * q->W;
          if (q->sw == 1) {
            int off = kx - q->pl;
            for (int ox = 0; ox < q->Wo; ox++) {
              int ix = ox + off;
              d[ox] = (ix >= 0 && ix < q->W) ? srow[ix] : 0.0f;
            }
          } else {
            for (int ox = 0; ox < q->Wo; ox++) {
              int ix = ox * q->sw - q->pl + kx;
              d[ox] = (ix >= 0 && ix < q->W) ? srow[ix] : 0.0f;
            }
          }
        }
      }
}

/* dx[c, iy, ix] += col[...] for every tap inside the input (the adjoint of im2col). */
static void col2im_add(const float *col, const geom *q, float *dx) {
  int HW = q->Ho * q->Wo;
  for (int c = 0; c < q->C; c++)
    for (int ky = 0; ky < q->kh; ky++)
      for (int kx = 0; kx < q->kw; kx++) {
        const float *src = col + (size_t)((c * q->kh + ky) * q->kw + kx) * HW;
        float *plane = dx + (size_t)c * q->H * q->W;
        for (int oy = 0; oy < q->Ho; oy++) {
          int iy = oy * q->sh - q->pt + ky;
          if (iy < 0 || iy >= q->H) continue;
          float *drow = plane + (size_t)iy * q->W;
          const float *s = src + oy * q->Wo;
          for (int ox = 0; ox < q->Wo; ox++) {
            int ix = ox * q->sw - q->pl + kx;
            if (ix >= 0 && ix < q->W) drow[ix] += s[ox];
          }
        }
      }
}

EXPORT(snn_conv2d)
void snn_conv2d(const float *x, const float *w, float *y, const int *g, float *colScratch, int part, int parts) {
  geom q = read_geom(g);
  int CKK = q.C * q.kh * q.kw, HW = q.Ho * q.Wo;
  float *col = colScratch + (size_t)snn_slot() * CKK * HW;
  int lo, hi;
  split_range(q.N, part, parts, &lo, &hi);
  for (int n = lo; n < hi; n++) {
    im2col(x + (size_t)n * q.C * q.H * q.W, &q, col);
    gemm_region(w, CKK, 1, col, HW, 1, y + (size_t)n * q.O * HW, HW, CKK, 0, q.O, 0, HW, 0, snn_slot());
  }
}

EXPORT(snn_conv2d_backprop_input)
void snn_conv2d_backprop_input(const float *dy, const float *w, float *dx, const int *g, float *colScratch,
                               int part, int parts) {
  geom q = read_geom(g);
  int CKK = q.C * q.kh * q.kw, HW = q.Ho * q.Wo, CHW = q.C * q.H * q.W;
  float *col = colScratch + (size_t)snn_slot() * CKK * HW;
  int lo, hi;
  split_range(q.N, part, parts, &lo, &hi);
  for (int n = lo; n < hi; n++) {
    /* dcol [CKK, HW] = w^T [CKK, O] x dy_n [O, HW] */
    gemm_region(w, 1, CKK, dy + (size_t)n * q.O * HW, HW, 1, col, HW, q.O, 0, CKK, 0, HW, 0, snn_slot());
    float *dxn = dx + (size_t)n * CHW;
    for (int i = 0; i < CHW; i++) dxn[i] = 0.0f;
    col2im_add(col, &q, dxn);
  }
}

EXPORT(snn_conv2d_backprop_filter)
void snn_conv2d_backprop_filter(const float *x, const float *dy, float *dw, const int *g, float *colScratch,
                                int part, int parts) {
  geom q = read_geom(g);
  int CKK = q.C * q.kh * q.kw, HW = q.Ho * q.Wo;
  float *col = colScratch + (size_t)snn_slot() * CKK * HW;
  int m0, m1, n0, n1;
  gemm_split(q.O, CKK, part, parts, &m0, &m1, &n0, &n1);
  if (m0 >= m1 || n0 >= n1) return;
  if (q.N == 0) {
    for (int o = m0; o < m1; o++)
      for (int j = n0; j < n1; j++) dw[(size_t)o * CKK + j] = 0.0f;
    return;
  }
  for (int n = 0; n < q.N; n++) {
    im2col(x + (size_t)n * q.C * q.H * q.W, &q, col);
    /* dw [O, CKK] (+)= dy_n [O, HW] x col^T [HW, CKK] */
    gemm_region(dy + (size_t)n * q.O * HW, HW, 1, col, 1, HW, dw, CKK, HW, m0, m1, n0, n1, n > 0, snn_slot());
  }
}

/* ---- event-driven (spike input; ptr/idx index each sample's ones by flat c*H*W + iy*W + ix) ----
 * Channel-last inside: a spike at (c, iy, ix) reaches output pixel (oy, ox) through tap (ky, kx), and
 * adds the O-vector wt[(c*kh + ky)*kw + kx][:] (w transposed to [C*kh*kw, O]) to that pixel's O
 * outputs, four channels per f32x4. A sample's outputs gather in a [Ho*Wo, O] scratch (in L1), then
 * go to NCHW. Each output sums its terms in ascending (c, ky, kx), the order of im2col + GEMM.
 * `scratch` holds threads * Ho*Wo*O floats (each thread its slot's slice).
 */

INLINE void add_vec(float *restrict dst, const float *restrict src, int n) {
  int j = 0;
  for (; j + 4 <= n; j += 4)
    wasm_v128_store(dst + j, wasm_f32x4_add(wasm_v128_load(dst + j), wasm_v128_load(src + j)));
  for (; j < n; j++) dst[j] += src[j];
}

/* Output pixels reached by input (iy, ix) through tap (ky, kx); -1 when none. */
INLINE int tap_target(const geom *q, int iy, int ix, int ky, int kx) {
  int oyn = iy + q->pt - ky, oxn = ix + q->pl - kx;
  if (oyn < 0 || oxn < 0 || oyn % q->sh || oxn % q->sw) return -1;
  int oy = oyn / q->sh, ox = oxn / q->sw;
  if (oy >= q->Ho || ox >= q->Wo) return -1;
  return oy * q->Wo + ox;
}

EXPORT(snn_conv2d_spikes)
void snn_conv2d_spikes(const int32_t *ptr, const int32_t *idx, const float *wt, float *y, const int *g,
                       float *scratch, int part, int parts) {
  geom q = read_geom(g);
  int HW = q.Ho * q.Wo, HWin = q.H * q.W, KK = q.kh * q.kw, O = q.O;
  float *acc = scratch + (size_t)snn_slot() * HW * O;
  int lo, hi;
  split_range(q.N, part, parts, &lo, &hi);
  for (int n = lo; n < hi; n++) {
    __builtin_memset(acc, 0, (size_t)HW * O * sizeof(float));
    for (int s = ptr[n]; s < ptr[n + 1]; s++) {
      int p = idx[s];
      int c = p / HWin, rem = p % HWin, iy = rem / q.W, ix = rem % q.W;
      const float *wc = wt + (size_t)c * KK * O;
      for (int ky = 0; ky < q.kh; ky++)
        for (int kx = 0; kx < q.kw; kx++) {
          int o = tap_target(&q, iy, ix, ky, kx);
          if (o >= 0) add_vec(acc + (size_t)o * O, wc + (size_t)(ky * q.kw + kx) * O, O);
        }
    }
    float *yn = y + (size_t)n * O * HW;
    for (int pix = 0; pix < HW; pix++)
      for (int o = 0; o < O; o++) yn[(size_t)o * HW + pix] = acc[(size_t)pix * O + o];
  }
}

/*
 * dw[o, c, ky, kx] = sum over samples and spikes of dy at the output the tap reaches. Parts split the
 * output channels in groups of four; a part accumulates its channels channel-last ([C*kh*kw, o1-o0])
 * in its thread's scratch slice (threads * (C*kh*kw + Ho*Wo) * O floats), reading each sample's dy
 * channel-last from a [Ho*Wo, o1-o0] transpose kept after it, and writes dw at the end.
 */
EXPORT(snn_conv2d_backprop_filter_spikes)
void snn_conv2d_backprop_filter_spikes(const int32_t *ptr, const int32_t *idx, const float *dy, float *dw,
                                       const int *g, float *scratch, int part, int parts) {
  geom q = read_geom(g);
  int HW = q.Ho * q.Wo, HWin = q.H * q.W, KK = q.kh * q.kw, CKK = q.C * KK, O = q.O;
  int o0, o1;
  split_grain(O, 4, part, parts, &o0, &o1);
  if (o0 >= o1) return;
  int m = o1 - o0;
  float *acc = scratch + (size_t)snn_slot() * ((size_t)CKK * O + (size_t)HW * O);
  float *dyt = acc + (size_t)CKK * m;
  __builtin_memset(acc, 0, (size_t)CKK * m * sizeof(float));
  for (int n = 0; n < q.N; n++) {
    if (ptr[n] == ptr[n + 1]) continue;
    const float *dyn = dy + (size_t)n * O * HW;
    for (int o = o0; o < o1; o++)
      for (int pix = 0; pix < HW; pix++) dyt[(size_t)pix * m + (o - o0)] = dyn[(size_t)o * HW + pix];
    for (int s = ptr[n]; s < ptr[n + 1]; s++) {
      int p = idx[s];
      int c = p / HWin, rem = p % HWin, iy = rem / q.W, ix = rem % q.W;
      float *ac = acc + (size_t)c * KK * m;
      for (int ky = 0; ky < q.kh; ky++)
        for (int kx = 0; kx < q.kw; kx++) {
          int pix = tap_target(&q, iy, ix, ky, kx);
          if (pix >= 0) add_vec(ac + (size_t)(ky * q.kw + kx) * m, dyt + (size_t)pix * m, m);
        }
    }
  }
  for (int o = o0; o < o1; o++)
    for (int k = 0; k < CKK; k++) dw[(size_t)o * CKK + k] = acc[(size_t)k * m + (o - o0)];
}
