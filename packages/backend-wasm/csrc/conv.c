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

/* ---- event-driven (spike input; ptr/idx index each sample's ones by flat c*H*W + iy*W + ix) ---- */

/* y_n = sum over the sample's spikes of the kernel placed at the spike. Threads split samples. */
EXPORT(snn_conv2d_spikes)
void snn_conv2d_spikes(const int32_t *ptr, const int32_t *idx, const float *w, float *y, const int *g,
                       int part, int parts) {
  geom q = read_geom(g);
  int HW = q.Ho * q.Wo, HWin = q.H * q.W, KK = q.kh * q.kw, CKK = q.C * KK;
  int lo, hi;
  split_range(q.N, part, parts, &lo, &hi);
  /* Kernel rows reversed along kx when sw == 1, so a spike adds one contiguous span per row. */
  float *wrev = g_scratch[snn_slot()];
  int reversed = q.sw == 1 && (size_t)q.O * CKK * 4 <= (size_t)g_scratch_bytes[snn_slot()];
  if (reversed && lo < hi)
    for (int r = 0; r < q.O * q.C * q.kh; r++)
      for (int kx = 0; kx < q.kw; kx++) wrev[r * q.kw + kx] = w[r * q.kw + (q.kw - 1 - kx)];
  for (int n = lo; n < hi; n++) {
    float *yn = y + (size_t)n * q.O * HW;
    for (int i = 0; i < q.O * HW; i++) yn[i] = 0.0f;
    for (int s = ptr[n]; s < ptr[n + 1]; s++) {
      int p = idx[s];
      int c = p / HWin, rem = p % HWin, iy = rem / q.W, ix = rem % q.W;
      for (int ky = 0; ky < q.kh; ky++) {
        int oyn = iy + q.pt - ky;
        if (oyn < 0) break;
        if (oyn % q.sh) continue;
        int oy = oyn / q.sh;
        if (oy >= q.Ho) continue;
        if (reversed) {
          /* ox = ix + pl - kx for kx in [0, kw): the span [x0, x0 + kw) with x0 = ix + pl - kw + 1 */
          int x0 = ix + q.pl - q.kw + 1;
          int a = x0 < 0 ? -x0 : 0;
          int b = x0 + q.kw > q.Wo ? q.Wo - x0 : q.kw;
          if (a >= b) continue;
          for (int o = 0; o < q.O; o++) {
            float *yr = yn + (size_t)o * HW + (size_t)oy * q.Wo + x0;
            const float *wr = wrev + ((size_t)(o * q.C + c) * q.kh + ky) * q.kw;
            int k = a;
            for (; k + 4 <= b; k += 4)
              wasm_v128_store(yr + k, wasm_f32x4_add(wasm_v128_load(yr + k), wasm_v128_load(wr + k)));
            for (; k < b; k++) yr[k] += wr[k];
          }
        } else {
          for (int kx = 0; kx < q.kw; kx++) {
            int oxn = ix + q.pl - kx;
            if (oxn < 0) break;
            if (oxn % q.sw) continue;
            int ox = oxn / q.sw;
            if (ox >= q.Wo) continue;
            for (int o = 0; o < q.O; o++)
              yn[(size_t)o * HW + (size_t)oy * q.Wo + ox] += w[(size_t)o * CKK + (c * q.kh + ky) * q.kw + kx];
          }
        }
      }
    }
  }
}

/* dw[o, c, ky, kx] = sum over samples and spikes of dy at the output the tap reaches. Threads split o. */
EXPORT(snn_conv2d_backprop_filter_spikes)
void snn_conv2d_backprop_filter_spikes(const int32_t *ptr, const int32_t *idx, const float *dy, float *dw,
                                       const int *g, int part, int parts) {
  geom q = read_geom(g);
  int HW = q.Ho * q.Wo, HWin = q.H * q.W, KK = q.kh * q.kw, CKK = q.C * KK;
  int lo, hi;
  split_range(q.O, part, parts, &lo, &hi);
  if (lo >= hi) return;
  for (size_t i = (size_t)lo * CKK; i < (size_t)hi * CKK; i++) dw[i] = 0.0f;
  int reversed = q.sw == 1;
  for (int n = 0; n < q.N; n++) {
    const float *dyn = dy + (size_t)n * q.O * HW;
    for (int s = ptr[n]; s < ptr[n + 1]; s++) {
      int p = idx[s];
      int c = p / HWin, rem = p % HWin, iy = rem / q.W, ix = rem % q.W;
      for (int ky = 0; ky < q.kh; ky++) {
        int oyn = iy + q.pt - ky;
        if (oyn < 0) break;
        if (oyn % q.sh) continue;
        int oy = oyn / q.sh;
        if (oy >= q.Ho) continue;
        if (reversed) {
          int x0 = ix + q.pl - q.kw + 1;
          int a = x0 < 0 ? -x0 : 0;
          int b = x0 + q.kw > q.Wo ? q.Wo - x0 : q.kw;
          if (a >= b) continue;
          for (int o = lo; o < hi; o++) {
            const float *dr = dyn + (size_t)o * HW + (size_t)oy * q.Wo + x0;
            float *wr = dw + (size_t)o * CKK + (c * q.kh + ky) * q.kw; /* reversed along kx until the end */
            int k = a;
            for (; k + 4 <= b; k += 4)
              wasm_v128_store(wr + k, wasm_f32x4_add(wasm_v128_load(wr + k), wasm_v128_load(dr + k)));
            for (; k < b; k++) wr[k] += dr[k];
          }
        } else {
          for (int kx = 0; kx < q.kw; kx++) {
            int oxn = ix + q.pl - kx;
            if (oxn < 0) break;
            if (oxn % q.sw) continue;
            int ox = oxn / q.sw;
            if (ox >= q.Wo) continue;
            for (int o = lo; o < hi; o++)
              dw[(size_t)o * CKK + (c * q.kh + ky) * q.kw + kx] += dyn[(size_t)o * HW + (size_t)oy * q.Wo + ox];
          }
        }
      }
    }
  }
  if (reversed)
    for (int r = lo * q.C * q.kh; r < hi * q.C * q.kh; r++) {
      float *row = dw + (size_t)r * q.kw;
      for (int a = 0, b = q.kw - 1; a < b; a++, b--) {
        float t = row[a];
        row[a] = row[b];
        row[b] = t;
      }
    }
}
