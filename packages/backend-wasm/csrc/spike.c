/*
 * Event-driven products for binary (spike) operands. A spike matrix is indexed once into lists of the
 * ones of each row; a product then adds up the rows of the other operand named by each list (gather),
 * or adds each row of it into the output rows a list names (scatter, for the transposed use of the
 * same matrix in a weight gradient), skipping the zeros that a dense GEMM multiplies through.
 *
 * Index building is two threaded passes (count, then fill) so the lists are exact-size and in
 * ascending order: each output element sums its terms in ascending k, the order of a naive dense
 * loop, whatever the thread count. A value other than 0 or 1 makes the count pass report -1 for its
 * row, and the caller falls back to the dense kernel.
 */
#include "common.h"

/* counts[r] = ones in row r of a [rows, cols], or -1 if the row holds a value other than 0 and 1. */
EXPORT(snn_spike_count_rows)
void snn_spike_count_rows(const float *a, int rows, int cols, int32_t *counts, int part, int parts) {
  int lo, hi;
  split_range(rows, part, parts, &lo, &hi);
  const f4 zero = wasm_f32x4_splat(0.0f), one = wasm_f32x4_splat(1.0f);
  for (int r = lo; r < hi; r++) {
    const float *row = a + (size_t)r * cols;
    int n = 0, bad = 0, k = 0;
    v128_t cnt = wasm_i32x4_splat(0);
    v128_t badv = wasm_i32x4_splat(0);
    for (; k + 4 <= cols; k += 4) {
      f4 v = wasm_v128_load(row + k);
      v128_t isOne = wasm_f32x4_eq(v, one);
      v128_t isZero = wasm_f32x4_eq(v, zero);
      cnt = wasm_i32x4_sub(cnt, isOne); /* true lanes are -1 */
      badv = wasm_v128_or(badv, wasm_v128_not(wasm_v128_or(isOne, isZero)));
    }
    n = wasm_i32x4_extract_lane(cnt, 0) + wasm_i32x4_extract_lane(cnt, 1) + wasm_i32x4_extract_lane(cnt, 2) +
        wasm_i32x4_extract_lane(cnt, 3);
    bad = wasm_v128_any_true(badv);
    for (; k < cols; k++) {
      float v = row[k];
      if (v == 1.0f) n++;
      else if (v != 0.0f) bad = 1;
    }
    counts[r] = bad ? -1 : n;
  }
}

/* ptr[0] = 0, ptr[r + 1] = ptr[r] + counts[r]; returns the total, or -1 if any count is -1. */
EXPORT(snn_prefix_sum)
int snn_prefix_sum(const int32_t *counts, int32_t *ptr, int n) {
  int total = 0;
  ptr[0] = 0;
  for (int r = 0; r < n; r++) {
    if (counts[r] < 0) return -1;
    total += counts[r];
    ptr[r + 1] = total;
  }
  return total;
}

EXPORT(snn_spike_fill_rows)
void snn_spike_fill_rows(const float *a, int rows, int cols, const int32_t *ptr, int32_t *idx, int part,
                         int parts) {
  int lo, hi;
  split_range(rows, part, parts, &lo, &hi);
  for (int r = lo; r < hi; r++) {
    const float *row = a + (size_t)r * cols;
    int32_t *out = idx + ptr[r];
    int k = 0;
    for (; k + 4 <= cols; k += 4) {
      f4 v = wasm_v128_load(row + k);
      if (!wasm_v128_any_true(v)) continue;
      if (row[k] != 0.0f) *out++ = k;
      if (row[k + 1] != 0.0f) *out++ = k + 1;
      if (row[k + 2] != 0.0f) *out++ = k + 2;
      if (row[k + 3] != 0.0f) *out++ = k + 3;
    }
    for (; k < cols; k++)
      if (row[k] != 0.0f) *out++ = k;
  }
}

/*
 * c[r, :] = sum over k in list r (ascending) of b[k, :], for output rows r of a [rows, N] product;
 * b is [K, N] row-major. Threads split the rows. Register-blocked over 32 columns.
 */
EXPORT(snn_spike_gather_rows)
void snn_spike_gather_rows(const int32_t *ptr, const int32_t *idx, const float *b, float *c, int rows, int N,
                           int part, int parts) {
  int lo, hi;
  split_range(rows, part, parts, &lo, &hi);
  for (int r = lo; r < hi; r++) {
    const int32_t *list = idx + ptr[r];
    int n = ptr[r + 1] - ptr[r];
    float *out = c + (size_t)r * N;
    int j = 0;
    for (; j + 32 <= N; j += 32) {
      f4 s0 = wasm_f32x4_splat(0), s1 = s0, s2 = s0, s3 = s0, s4 = s0, s5 = s0, s6 = s0, s7 = s0;
      for (int q = 0; q < n; q++) {
        const float *row = b + (size_t)list[q] * N + j;
        s0 = wasm_f32x4_add(s0, wasm_v128_load(row));
        s1 = wasm_f32x4_add(s1, wasm_v128_load(row + 4));
        s2 = wasm_f32x4_add(s2, wasm_v128_load(row + 8));
        s3 = wasm_f32x4_add(s3, wasm_v128_load(row + 12));
        s4 = wasm_f32x4_add(s4, wasm_v128_load(row + 16));
        s5 = wasm_f32x4_add(s5, wasm_v128_load(row + 20));
        s6 = wasm_f32x4_add(s6, wasm_v128_load(row + 24));
        s7 = wasm_f32x4_add(s7, wasm_v128_load(row + 28));
      }
      wasm_v128_store(out + j, s0);
      wasm_v128_store(out + j + 4, s1);
      wasm_v128_store(out + j + 8, s2);
      wasm_v128_store(out + j + 12, s3);
      wasm_v128_store(out + j + 16, s4);
      wasm_v128_store(out + j + 20, s5);
      wasm_v128_store(out + j + 24, s6);
      wasm_v128_store(out + j + 28, s7);
    }
    for (; j + 8 <= N; j += 8) {
      f4 s0 = wasm_f32x4_splat(0), s1 = s0;
      for (int q = 0; q < n; q++) {
        const float *row = b + (size_t)list[q] * N + j;
        s0 = wasm_f32x4_add(s0, wasm_v128_load(row));
        s1 = wasm_f32x4_add(s1, wasm_v128_load(row + 4));
      }
      wasm_v128_store(out + j, s0);
      wasm_v128_store(out + j + 4, s1);
    }
    for (; j + 4 <= N; j += 4) {
      f4 s0 = wasm_f32x4_splat(0);
      for (int q = 0; q < n; q++) s0 = wasm_f32x4_add(s0, wasm_v128_load(b + (size_t)list[q] * N + j));
      wasm_v128_store(out + j, s0);
    }
    for (; j < N; j++) {
      float s = 0;
      for (int q = 0; q < n; q++) s += b[(size_t)list[q] * N + j];
      out[j] = s;
    }
  }
}

/*
 * c[i, :] = sum over rows k (ascending) whose list holds i of b[k, :]: op(a) = a^T for a [K, M]
 * indexed by rows, b [K, N], c [M, N]. Parts split the output rows; each part walks every list and
 * keeps the entries in its range (lists are sorted, so it skips to them).
 */
EXPORT(snn_spike_scatter_rows)
void snn_spike_scatter_rows(const int32_t *ptr, const int32_t *idx, const float *b, float *c, int K, int M,
                            int N, int part, int parts) {
  int lo, hi;
  split_range(M, part, parts, &lo, &hi);
  if (lo >= hi) return;
  __builtin_memset(c + (size_t)lo * N, 0, (size_t)(hi - lo) * N * sizeof(float));
  for (int k = 0; k < K; k++) {
    int q = ptr[k], end = ptr[k + 1];
    if (parts > 1) {
      while (q < end && idx[q] < lo) q++;
    }
    const float *src = b + (size_t)k * N;
    for (; q < end; q++) {
      int i = idx[q];
      if (i >= hi) break;
      float *dst = c + (size_t)i * N;
      int j = 0;
      for (; j + 16 <= N; j += 16) {
        wasm_v128_store(dst + j, wasm_f32x4_add(wasm_v128_load(dst + j), wasm_v128_load(src + j)));
        wasm_v128_store(dst + j + 4, wasm_f32x4_add(wasm_v128_load(dst + j + 4), wasm_v128_load(src + j + 4)));
        wasm_v128_store(dst + j + 8, wasm_f32x4_add(wasm_v128_load(dst + j + 8), wasm_v128_load(src + j + 8)));
        wasm_v128_store(dst + j + 12,
                        wasm_f32x4_add(wasm_v128_load(dst + j + 12), wasm_v128_load(src + j + 12)));
      }
      for (; j + 4 <= N; j += 4)
        wasm_v128_store(dst + j, wasm_f32x4_add(wasm_v128_load(dst + j), wasm_v128_load(src + j)));
      for (; j < N; j++) dst[j] += src[j];
    }
  }
}
