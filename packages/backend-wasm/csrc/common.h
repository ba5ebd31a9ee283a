/*
 * Shared definitions of the @snn/backend-wasm kernels (C compiled by clang to wasm32 + simd128).
 *
 * Threading model: every exported kernel takes (tid, nth) as its last two arguments and computes its
 * own share of the output. The JavaScript side calls the same export on the calling thread (tid 0)
 * and on each worker (tid 1..nth-1) over one shared memory, then waits for all of them. Kernels never
 * synchronise among themselves, so every output element is written by exactly one thread, and the
 * result does not depend on the thread count.
 */
#pragma once
#include <stdint.h>
#include <stddef.h>
#include <wasm_simd128.h>

#define EXPORT(name) __attribute__((export_name(#name), visibility("default")))
#define INLINE static inline __attribute__((always_inline))

typedef v128_t f4;

/* [lo, hi) of thread tid when n items are split into nth contiguous chunks. */
INLINE void split_range(int n, int tid, int nth, int *lo, int *hi) {
  int q = n / nth, r = n % nth;
  *lo = tid * q + (tid < r ? tid : r);
  *hi = *lo + q + (tid < r ? 1 : 0);
}

/* As split_range, but chunk borders fall on multiples of `grain` (the last chunk takes the rest). */
INLINE void split_grain(int n, int grain, int tid, int nth, int *lo, int *hi) {
  int blocks = (n + grain - 1) / grain;
  int blo, bhi;
  split_range(blocks, tid, nth, &blo, &bhi);
  *lo = blo * grain;
  *hi = bhi * grain;
  if (*lo > n) *lo = n;
  if (*hi > n) *hi = n;
}

/* Per-thread scratch memory (packing buffers, spike index lists), set from JavaScript at start-up. */
#define MAX_THREADS 64
extern float *g_scratch[MAX_THREADS];
extern int g_scratch_bytes[MAX_THREADS];

INLINE float f_abs(float x) { return __builtin_fabsf(x); }
INLINE float f_min(float a, float b) { return a < b ? a : b; }
INLINE float f_max(float a, float b) { return a > b ? a : b; }
