/*
 * Shared definitions of the @snn/backend-wasm kernels (C compiled by clang to wasm32 + simd128).
 *
 * Threading model: every exported kernel takes (part, parts) as its last two arguments and computes
 * part `part` of `parts` disjoint shares of its output. The JavaScript side hands the parts of one
 * call to whichever thread asks first (the calling thread and the workers, over one shared memory),
 * so a worker the OS has not scheduled yet never holds the caller up. Kernels never synchronise
 * among themselves; every output element is computed by one part, in the same order whatever the
 * split, so results do not depend on the thread count. Per-thread scratch is found through
 * snn_slot(), the calling instance's thread slot (a per-instance wasm global, see stack.S).
 */
#pragma once
#include <stdint.h>
#include <stddef.h>
#include <wasm_simd128.h>

#define EXPORT(name) __attribute__((export_name(#name), visibility("default")))
#define INLINE static inline __attribute__((always_inline))

typedef v128_t f4;

/* [lo, hi) of part `part` when n items are split into `parts` contiguous chunks. */
INLINE void split_range(int n, int part, int parts, int *lo, int *hi) {
  int q = n / parts, r = n % parts;
  *lo = part * q + (part < r ? part : r);
  *hi = *lo + q + (part < r ? 1 : 0);
}

/* As split_range, but chunk borders fall on multiples of `grain` (the last chunk takes the rest). */
INLINE void split_grain(int n, int grain, int part, int parts, int *lo, int *hi) {
  int blocks = (n + grain - 1) / grain;
  int blo, bhi;
  split_range(blocks, part, parts, &blo, &bhi);
  *lo = blo * grain;
  *hi = bhi * grain;
  if (*lo > n) *lo = n;
  if (*hi > n) *hi = n;
}

/* Per-thread scratch memory (packing buffers), by thread slot, set from JavaScript at start-up. */
extern int snn_slot(void);
#define MAX_THREADS 64
extern float *g_scratch[MAX_THREADS];
extern int g_scratch_bytes[MAX_THREADS];

INLINE float f_abs(float x) { return __builtin_fabsf(x); }
INLINE float f_min(float a, float b) { return a < b ? a : b; }
INLINE float f_max(float a, float b) { return a > b ? a : b; }
