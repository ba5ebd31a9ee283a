/*
 * Movement: one strided copy serves Transpose, Slice, BroadcastTo, Pad and Concat. The nd block
 * holds the iteration shape, then source strides, then destination strides (in elements); `src` and
 * `dst` already point at the first element. Threads split the flat iteration range.
 */
#include "common.h"
#include "nd.h"

#define COPY_BODY(T)                                                                     \
  int lo, hi;                                                                            \
  split_grain(nd_size(nd), 64, part, parts, &lo, &hi);                                      \
  if (lo >= hi) return;                                                                  \
  nd_iter it;                                                                            \
  nd_begin(&it, nd, 2, lo);                                                              \
  int r = it.rank - 1;                                                                   \
  int ss = it.stride[0][r], ds = it.stride[1][r];                                        \
  for (int i = lo; i < hi;) {                                                            \
    int len = nd_segment(&it, hi - i);                                                   \
    const T *s = src + it.off[0];                                                        \
    T *d = dst + it.off[1];                                                              \
    if (ss == 1 && ds == 1) __builtin_memcpy(d, s, (size_t)len * sizeof(T));             \
    else if (ss == 0 && ds == 1) { T v = s[0]; for (int k = 0; k < len; k++) d[k] = v; } \
    else for (int k = 0; k < len; k++) d[(size_t)k * ds] = s[(size_t)k * ss];            \
    nd_advance(&it, 2, len);                                                             \
    i += len;                                                                            \
  }

EXPORT(snn_copy_32)
void snn_copy_32(const uint32_t *src, uint32_t *dst, const int *nd, int part, int parts) { COPY_BODY(uint32_t) }

EXPORT(snn_copy_8)
void snn_copy_8(const uint8_t *src, uint8_t *dst, const int *nd, int part, int parts) { COPY_BODY(uint8_t) }

/* Blocked 2-D transpose of 4-byte elements, batched: src [batch, rows, cols] -> dst [batch, cols, rows]. */
EXPORT(snn_transpose2d_32)
void snn_transpose2d_32(const uint32_t *src, uint32_t *dst, int batch, int rows, int cols, int part, int parts) {
  const int B = 32;
  int tilesR = (rows + B - 1) / B;
  int total = batch * tilesR;
  int lo, hi;
  split_range(total, part, parts, &lo, &hi);
  for (int t = lo; t < hi; t++) {
    int b = t / tilesR, r0 = (t % tilesR) * B;
    int r1 = r0 + B < rows ? r0 + B : rows;
    const uint32_t *s = src + (size_t)b * rows * cols;
    uint32_t *d = dst + (size_t)b * rows * cols;
    for (int c0 = 0; c0 < cols; c0 += B) {
      int c1 = c0 + B < cols ? c0 + B : cols;
      for (int r = r0; r < r1; r++)
        for (int c = c0; c < c1; c++) d[(size_t)c * rows + r] = s[(size_t)r * cols + c];
    }
  }
}

EXPORT(snn_fill_32)
void snn_fill_32(uint32_t *dst, int n, uint32_t value, int part, int parts) {
  int lo, hi;
  split_grain(n, 64, part, parts, &lo, &hi);
  for (int i = lo; i < hi; i++) dst[i] = value;
}

EXPORT(snn_fill_8)
void snn_fill_8(uint8_t *dst, int n, int value, int part, int parts) {
  int lo, hi;
  split_grain(n, 64, part, parts, &lo, &hi);
  if (hi > lo) __builtin_memset(dst + lo, value, (size_t)(hi - lo));
}
