/*
 * Event-driven products for binary (spike) operands. A spike matrix is indexed once into lists of the
 * ones of each row; a product then adds up the rows of the other operand named by each list (gather),
 * or adds each row of it into the output rows a list names (scatter, for the transposed use of the
 * same matrix in a weight gradient), skipping the zeros that a dense GEMM multiplies through.
 *
 * Index building is one threaded pass over the matrix (lists into per-row scratch) and a compaction
 * into exact-size lists in ascending order: each output element sums its terms in ascending k, the
 * order of a naive dense loop, whatever the thread count. A value other than 0 or 1 makes the scan
 * report -1 for its row, and the caller falls back to the dense kernel.
 */
#include "common.h"

/*
 * One pass over a [rows, cols]: row r's column numbers of its ones go to scratch + r*cols (a list
 * of capacity cols), their number to counts[r], or -1 if the row holds a value other than 0 and 1.
 * Sixteen values at a time: their nonzero lanes as a bit mask, then one store per set bit.
 */
EXPORT(snn_spike_scan_rows)
void snn_spike_scan_rows(const float *a, int rows, int cols, int32_t *counts, int32_t *scratch, int part,
                         int parts) {
  int lo, hi;
  split_range(rows, part, parts, &lo, &hi);
  const f4 zero = wasm_f32x4_splat(0.0f), one = wasm_f32x4_splat(1.0f);
  for (int r = lo; r < hi; r++) {
    const float *row = a + (size_t)r * cols;
    int32_t *out = scratch + (size_t)r * cols;
    int32_t *start = out;
    v128_t bad = wasm_i32x4_splat(0);
    int k = 0;
    for (; k + 16 <= cols; k += 16) {
      f4 v0 = wasm_v128_load(row + k), v1 = wasm_v128_load(row + k + 4);
      f4 v2 = wasm_v128_load(row + k + 8), v3 = wasm_v128_load(row + k + 12);
      v128_t n0 = wasm_f32x4_ne(v0, zero), n1 = wasm_f32x4_ne(v1, zero);
      v128_t n2 = wasm_f32x4_ne(v2, zero), n3 = wasm_f32x4_ne(v3, zero);
      v128_t any = wasm_v128_or(wasm_v128_or(n0, n1), wasm_v128_or(n2, n3));
      if (!wasm_v128_any_true(any)) continue;
      bad = wasm_v128_or(bad, wasm_v128_andnot(n0, wasm_f32x4_eq(v0, one)));
      bad = wasm_v128_or(bad, wasm_v128_andnot(n1, wasm_f32x4_eq(v1, one)));
      bad = wasm_v128_or(bad, wasm_v128_andnot(n2, wasm_f32x4_eq(v2, one)));
      bad = wasm_v128_or(bad, wasm_v128_andnot(n3, wasm_f32x4_eq(v3, one)));
      v128_t n01 = wasm_i16x8_narrow_i32x4(n0, n1), n23 = wasm_i16x8_narrow_i32x4(n2, n3);
      uint32_t mask = wasm_i8x16_bitmask(wasm_i8x16_narrow_i16x8(n01, n23));
      while (mask) {
        *out++ = k + __builtin_ctz(mask);
        mask &= mask - 1;
      }
    }
    int badScalar = 0;
    for (; k < cols; k++) {
      float v = row[k];
      if (v != 0.0f) {
        *out++ = k;
        if (v != 1.0f) badScalar = 1;
      }
    }
    counts[r] = (badScalar || wasm_v128_any_true(bad)) ? -1 : (int32_t)(out - start);
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

/* Copies each row's list from the scan's scratch (capacity cols per row) to idx + ptr[r]. */
EXPORT(snn_spike_compact_rows)
void snn_spike_compact_rows(const int32_t *scratch, int rows, int cols, const int32_t *ptr, int32_t *idx,
                            int part, int parts) {
  int lo, hi;
  split_range(rows, part, parts, &lo, &hi);
  for (int r = lo; r < hi; r++) {
    int n = ptr[r + 1] - ptr[r];
    if (n > 0) __builtin_memcpy(idx + ptr[r], scratch + (size_t)r * cols, (size_t)n * sizeof(int32_t));
  }
}

/* The dense 0/1 matrix [rows, cols] of the lists (ptr, idx): each row zeroed, then its ones set. */
EXPORT(snn_spike_lists_to_dense)
void snn_spike_lists_to_dense(const int32_t *ptr, const int32_t *idx, float *out, int rows, int cols, int part,
                              int parts) {
  int lo, hi;
  split_range(rows, part, parts, &lo, &hi);
  if (lo >= hi) return;
  __builtin_memset(out + (size_t)lo * cols, 0, (size_t)(hi - lo) * cols * sizeof(float));
  for (int r = lo; r < hi; r++) {
    float *row = out + (size_t)r * cols;
    for (int q = ptr[r]; q < ptr[r + 1]; q++) row[idx[q]] = 1.0f;
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
 * keeps the entries in its range (lists are sorted, so it bisects to them).
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
    if (parts > 1 && q < end && idx[q] < lo) {
      // The first entry >= lo, by bisection: a part high in the range would otherwise step
      // through most of every list.
      int a = q + 1, z = end;
      while (a < z) {
        int m = (a + z) >> 1;
        if (idx[m] < lo) a = m + 1;
        else z = m;
      }
      q = a;
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
