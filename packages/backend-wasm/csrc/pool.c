/*
 * MaxPool over NCHW (padding counts as -Infinity; NaN wins its window, as PyTorch) and its gradient,
 * which sends each dy to the first (row-major) maximum of its window. Both find the window's argmax
 * the same way, so they agree on ties. Threads split the N*C planes.
 * Geometry block (int32): N, C, H, W, kh, kw, sh, sw, pt, pl, Ho, Wo.
 */
#include "common.h"

INLINE int window_argmax(const float *plane, int H, int W, int oy, int ox, int kh, int kw, int sh, int sw,
                         int pt, int pl) {
  int best = -1;
  float bv = -__builtin_inff();
  for (int ky = 0; ky < kh; ky++) {
    int iy = oy * sh - pt + ky;
    if (iy < 0 || iy >= H) continue;
    for (int kx = 0; kx < kw; kx++) {
      int ix = ox * sw - pl + kx;
      if (ix < 0 || ix >= W) continue;
      float v = plane[iy * W + ix];
      if (best < 0 || v > bv || (v != v && bv == bv)) {
        best = iy * W + ix;
        bv = v;
      }
    }
  }
  return best;
}

EXPORT(snn_max_pool)
void snn_max_pool(const float *x, float *y, const int *g, int part, int parts) {
  int N = g[0], C = g[1], H = g[2], W = g[3], kh = g[4], kw = g[5], sh = g[6], sw = g[7], pt = g[8],
      pl = g[9], Ho = g[10], Wo = g[11];
  int lo, hi;
  split_range(N * C, part, parts, &lo, &hi);
  for (int p = lo; p < hi; p++) {
    const float *plane = x + (size_t)p * H * W;
    float *out = y + (size_t)p * Ho * Wo;
    if (kh == 2 && kw == 2 && sh == 2 && sw == 2 && pt == 0 && pl == 0) {
      for (int oy = 0; oy < Ho; oy++) {
        const float *r0 = plane + (size_t)(2 * oy) * W, *r1 = r0 + W;
        for (int ox = 0; ox < Wo; ox++) {
          float a = r0[2 * ox], b = r0[2 * ox + 1], c = r1[2 * ox], d = r1[2 * ox + 1];
          float m = a;
          if (b > m || (b != b && m == m)) m = b;
          if (c > m || (c != c && m == m)) m = c;
          if (d > m || (d != d && m == m)) m = d;
          out[oy * Wo + ox] = m;
        }
      }
      continue;
    }
    for (int oy = 0; oy < Ho; oy++)
      for (int ox = 0; ox < Wo; ox++) {
        int a = window_argmax(plane, H, W, oy, ox, kh, kw, sh, sw, pt, pl);
        out[oy * Wo + ox] = a < 0 ? -__builtin_inff() : plane[a];
      }
  }
}

EXPORT(snn_max_pool_grad)
void snn_max_pool_grad(const float *dy, const float *x, float *dx, const int *g, int part, int parts) {
  int N = g[0], C = g[1], H = g[2], W = g[3], kh = g[4], kw = g[5], sh = g[6], sw = g[7], pt = g[8],
      pl = g[9], Ho = g[10], Wo = g[11];
  int lo, hi;
  split_range(N * C, part, parts, &lo, &hi);
  for (int p = lo; p < hi; p++) {
    const float *plane = x + (size_t)p * H * W;
    const float *d = dy + (size_t)p * Ho * Wo;
    float *out = dx + (size_t)p * H * W;
    if (kh == 2 && kw == 2 && sh == 2 && sw == 2 && pt == 0 && pl == 0) {
      /* Windows tile the plane: each input gets its window's dy when it is the argmax (chosen as the
       * forward's fast path does), else zero; 0 + d as the general path's accumulation gives. */
      for (int i = 2 * Ho * W; i < H * W; i++) out[i] = 0.0f;
      for (int oy = 0; oy < Ho; oy++) {
        const float *r0 = plane + (size_t)(2 * oy) * W, *r1 = r0 + W;
        float *o0 = out + (size_t)(2 * oy) * W, *o1 = o0 + W;
        for (int ix = 2 * Wo; ix < W; ix++) o0[ix] = o1[ix] = 0.0f;
        for (int ox = 0; ox < Wo; ox++) {
          float a = r0[2 * ox], b = r0[2 * ox + 1], c = r1[2 * ox], e = r1[2 * ox + 1];
          float m = a;
          int at = 0;
          if (b > m || (b != b && m == m)) m = b, at = 1;
          if (c > m || (c != c && m == m)) m = c, at = 2;
          if (e > m || (e != e && m == m)) m = e, at = 3;
          float v = 0.0f + d[oy * Wo + ox];
          o0[2 * ox] = at == 0 ? v : 0.0f;
          o0[2 * ox + 1] = at == 1 ? v : 0.0f;
          o1[2 * ox] = at == 2 ? v : 0.0f;
          o1[2 * ox + 1] = at == 3 ? v : 0.0f;
        }
      }
      continue;
    }
    for (int i = 0; i < H * W; i++) out[i] = 0.0f;
    for (int oy = 0; oy < Ho; oy++)
      for (int ox = 0; ox < Wo; ox++) {
        int a = window_argmax(plane, H, W, oy, ox, kh, kw, sh, sw, pt, pl);
        if (a >= 0) out[a] += d[oy * Wo + ox];
      }
  }
}
