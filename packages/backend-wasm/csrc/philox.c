/*
 * RandomUniform: core's Philox4x32-10 specification (packages/core/src/random/philox.ts), bit for bit.
 * Element i is word (i % 4) of philox(counter = [lo32(offset + i/4), hi32(offset + i/4), 0, 0],
 * key = [lo32(seed), hi32(seed)]), as (word >> 8) * 2^-24. Threads split the 4-element blocks;
 * four blocks run side by side in SIMD lanes (the 32x32->64-bit products as u64x2 extended
 * multiplies), then a 4x4 transpose puts each block's four words in place.
 */
#include "common.h"

INLINE void philox4x32_10(uint32_t c[4], uint32_t k0, uint32_t k1) {
  const uint32_t M0 = 0xd2511f53u, M1 = 0xcd9e8d57u, W0 = 0x9e3779b9u, W1 = 0xbb67ae85u;
  uint32_t c0 = c[0], c1 = c[1], c2 = c[2], c3 = c[3];
  for (int round = 0; round < 10; round++) {
    if (round > 0) {
      k0 += W0;
      k1 += W1;
    }
    uint64_t p0 = (uint64_t)M0 * c0;
    uint64_t p1 = (uint64_t)M1 * c2;
    uint32_t hi0 = (uint32_t)(p0 >> 32), lo0 = (uint32_t)p0;
    uint32_t hi1 = (uint32_t)(p1 >> 32), lo1 = (uint32_t)p1;
    c0 = hi1 ^ c1 ^ k0;
    c1 = lo1;
    c2 = hi0 ^ c3 ^ k1;
    c3 = lo0;
  }
  c[0] = c0;
  c[1] = c1;
  c[2] = c2;
  c[3] = c3;
}

/* Four lanes of (c0, c1, c2, c3) through the 10 rounds; the 64-bit products as u64x2 extended
 * multiplies, their low and high words regathered by shuffles (no 32-bit lane multiply needed). */
#define PHILOX_ROUND(c0, c1, c2, c3, K0, K1)                                        \
  do {                                                                            \
    v128_t pl0_ = wasm_u64x2_extmul_low_u32x4(M0, c0), ph0_ = wasm_u64x2_extmul_high_u32x4(M0, c0); \
    v128_t pl1_ = wasm_u64x2_extmul_low_u32x4(M1, c2), ph1_ = wasm_u64x2_extmul_high_u32x4(M1, c2); \
    v128_t hi0_ = wasm_i32x4_shuffle(pl0_, ph0_, 1, 3, 5, 7);                     \
    v128_t lo0_ = wasm_i32x4_shuffle(pl0_, ph0_, 0, 2, 4, 6);                     \
    v128_t hi1_ = wasm_i32x4_shuffle(pl1_, ph1_, 1, 3, 5, 7);                     \
    v128_t lo1_ = wasm_i32x4_shuffle(pl1_, ph1_, 0, 2, 4, 6);                     \
    c0 = wasm_v128_xor(wasm_v128_xor(hi1_, c1), K0);                              \
    c1 = lo1_;                                                                    \
    c2 = wasm_v128_xor(wasm_v128_xor(hi0_, c3), K1);                              \
    c3 = lo0_;                                                                    \
  } while (0)

/* Lane j of (c0..c3) is block j's four words: transpose, convert and store 16 values at o. */
INLINE void store_blocks(float *o, v128_t c0, v128_t c1, v128_t c2, v128_t c3) {
  const f4 SCALE = wasm_f32x4_splat(1.0f / 16777216.0f);
  v128_t t0 = wasm_i32x4_shuffle(c0, c1, 0, 4, 1, 5), t1 = wasm_i32x4_shuffle(c2, c3, 0, 4, 1, 5);
  v128_t t2 = wasm_i32x4_shuffle(c0, c1, 2, 6, 3, 7), t3 = wasm_i32x4_shuffle(c2, c3, 2, 6, 3, 7);
  v128_t w0 = wasm_i32x4_shuffle(t0, t1, 0, 1, 4, 5), w1 = wasm_i32x4_shuffle(t0, t1, 2, 3, 6, 7);
  v128_t w2 = wasm_i32x4_shuffle(t2, t3, 0, 1, 4, 5), w3 = wasm_i32x4_shuffle(t2, t3, 2, 3, 6, 7);
  wasm_v128_store(o, wasm_f32x4_mul(wasm_f32x4_convert_i32x4(wasm_u32x4_shr(w0, 8)), SCALE));
  wasm_v128_store(o + 4, wasm_f32x4_mul(wasm_f32x4_convert_i32x4(wasm_u32x4_shr(w1, 8)), SCALE));
  wasm_v128_store(o + 8, wasm_f32x4_mul(wasm_f32x4_convert_i32x4(wasm_u32x4_shr(w2, 8)), SCALE));
  wasm_v128_store(o + 12, wasm_f32x4_mul(wasm_f32x4_convert_i32x4(wasm_u32x4_shr(w3, 8)), SCALE));
}

INLINE v128_t counters_lo(uint64_t c) {
  return wasm_i32x4_make((int)(uint32_t)c, (int)(uint32_t)(c + 1), (int)(uint32_t)(c + 2), (int)(uint32_t)(c + 3));
}
INLINE v128_t counters_hi(uint64_t c) {
  return wasm_i32x4_make((int)(uint32_t)(c >> 32), (int)(uint32_t)((c + 1) >> 32), (int)(uint32_t)((c + 2) >> 32),
                         (int)(uint32_t)((c + 3) >> 32));
}

/* The ten rounds' keys, splatted: k0 += W0, k1 += W1 before every round after the first. */
INLINE void round_keys(v128_t K0[10], v128_t K1[10], uint32_t k0, uint32_t k1) {
  for (int round = 0; round < 10; round++) {
    if (round > 0) {
      k0 += 0x9e3779b9u;
      k1 += 0xbb67ae85u;
    }
    K0[round] = wasm_i32x4_splat((int)k0);
    K1[round] = wasm_i32x4_splat((int)k1);
  }
}

/* Blocks b..b+7 (32 values) of the stream at `offset`, two independent groups of four blocks for
 * instruction overlap, stored at dst. */
INLINE void uniforms32(float *dst, uint64_t c, const v128_t K0[10], const v128_t K1[10]) {
  const v128_t M0 = wasm_i32x4_splat((int)0xd2511f53u), M1 = wasm_i32x4_splat((int)0xcd9e8d57u);
  v128_t a0 = counters_lo(c), a1 = counters_hi(c), a2 = wasm_i32x4_splat(0), a3 = a2;
  v128_t d0 = counters_lo(c + 4), d1 = counters_hi(c + 4), d2 = a2, d3 = a2;
  for (int round = 0; round < 10; round++) {
    PHILOX_ROUND(a0, a1, a2, a3, K0[round], K1[round]);
    PHILOX_ROUND(d0, d1, d2, d3, K0[round], K1[round]);
  }
  store_blocks(dst, a0, a1, a2, a3);
  store_blocks(dst + 16, d0, d1, d2, d3);
}

/* The four values of one block (the scalar tail). */
INLINE void uniforms4(float u[4], uint64_t ctr, uint32_t seed_lo, uint32_t seed_hi) {
  uint32_t c[4] = {(uint32_t)ctr, (uint32_t)(ctr >> 32), 0, 0};
  philox4x32_10(c, seed_lo, seed_hi);
  for (int j = 0; j < 4; j++) u[j] = (float)(c[j] >> 8) * (1.0f / 16777216.0f);
}

/* seed and offset arrive as two 32-bit halves each (JavaScript numbers below 2^53). */
EXPORT(snn_random_uniform)
void snn_random_uniform(float *out, int n, uint32_t seed_lo, uint32_t seed_hi, uint32_t off_lo,
                        uint32_t off_hi, int part, int parts) {
  int blocks = (n + 3) / 4;
  int lo, hi;
  split_range(blocks, part, parts, &lo, &hi);
  uint64_t offset = ((uint64_t)off_hi << 32) | off_lo;
  v128_t K0[10], K1[10];
  round_keys(K0, K1, seed_lo, seed_hi);
  int b = lo;
  for (; b + 8 <= hi && (b + 8) * 4 <= n; b += 8) uniforms32(out + (size_t)b * 4, offset + (uint64_t)b, K0, K1);
  for (; b < hi; b++) {
    float u[4];
    uniforms4(u, offset + (uint64_t)b, seed_lo, seed_hi);
    int base = b * 4;
    int m = n - base < 4 ? n - base : 4;
    for (int j = 0; j < m; j++) out[base + j] = u[j];
  }
}

/*
 * RandomBernoulli: out[i] = 1 where u_i < p[i % np] (u_i element i of snn_random_uniform's stream with
 * the same seed and offset), else 0: the uniforms of 32 values at a time go through a stack buffer and
 * never reach memory, and no bool tensor is written in between.
 */
EXPORT(snn_random_bernoulli)
void snn_random_bernoulli(float *out, const float *p, int n, int np, uint32_t seed_lo, uint32_t seed_hi,
                          uint32_t off_lo, uint32_t off_hi, int part, int parts) {
  int blocks = (n + 3) / 4;
  int lo, hi;
  split_range(blocks, part, parts, &lo, &hi);
  uint64_t offset = ((uint64_t)off_hi << 32) | off_lo;
  v128_t K0[10], K1[10];
  round_keys(K0, K1, seed_lo, seed_hi);
  float u[32] __attribute__((aligned(16)));
  const v128_t ONE = wasm_f32x4_splat(1.0f);
  int j = (int)(((int64_t)lo * 4) % np);
  int b = lo;
  for (; b + 8 <= hi && (b + 8) * 4 <= n; b += 8) {
    uniforms32(u, offset + (uint64_t)b, K0, K1);
    float *o = out + (size_t)b * 4;
    if (j + 32 <= np) {
      for (int k = 0; k < 32; k += 4) {
        v128_t lt = wasm_f32x4_lt(wasm_v128_load(u + k), wasm_v128_load(p + j + k));
        wasm_v128_store(o + k, wasm_v128_and(lt, ONE));
      }
      j += 32;
      if (j == np) j = 0;
    } else {
      for (int k = 0; k < 32; k++) {
        o[k] = u[k] < p[j] ? 1.0f : 0.0f;
        if (++j == np) j = 0;
      }
    }
  }
  for (; b < hi; b++) {
    uniforms4(u, offset + (uint64_t)b, seed_lo, seed_hi);
    int base = b * 4;
    int m = n - base < 4 ? n - base : 4;
    for (int k = 0; k < m; k++) {
      out[base + k] = u[k] < p[j] ? 1.0f : 0.0f;
      if (++j == np) j = 0;
    }
  }
}

/*
 * RandomBernoulli straight into spike lists, for p viewed as [prows, cols] (a batch of samples of
 * `cols` values, a multiple of 4 so that every Philox block lies within one row) that mostly holds
 * zeros, as MNIST's pixels: an element
 * with p = 0 (or NaN) never spikes, so its uniform is never drawn. Element i is still compared with
 * u_i of the counter-based stream (counter offset + i/4, word i % 4), so the spikes are
 * snn_random_bernoulli's bit for bit; skipping blocks shifts nothing.
 *
 * snn_bernoulli_active_blocks lists, for each of p's `prows` rows, the blocks of four that hold a
 * p > 0: blocks + pr * (cols/4 + 1) holds the count, then the block numbers in ascending order.
 */
EXPORT(snn_bernoulli_active_blocks)
void snn_bernoulli_active_blocks(const float *p, int prows, int cols, int32_t *blocks) {
  const f4 zero = wasm_f32x4_splat(0.0f);
  int nb = cols / 4;
  for (int pr = 0; pr < prows; pr++) {
    const float *row = p + (size_t)pr * cols;
    int32_t *list = blocks + (size_t)pr * (nb + 1);
    int n = 0;
    for (int b = 0; b < nb; b++) {
      if (wasm_v128_any_true(wasm_f32x4_gt(wasm_v128_load(row + b * 4), zero))) list[1 + n++] = b;
    }
    list[0] = n;
  }
}

/* Eight blocks at the counters ctr[0..7] (any order), their 32 uniforms stored at dst. */
INLINE void uniforms32_at(float *dst, const uint64_t ctr[8], const v128_t K0[10], const v128_t K1[10]) {
  const v128_t M0 = wasm_i32x4_splat((int)0xd2511f53u), M1 = wasm_i32x4_splat((int)0xcd9e8d57u);
  v128_t a0 = wasm_i32x4_make((int)(uint32_t)ctr[0], (int)(uint32_t)ctr[1], (int)(uint32_t)ctr[2], (int)(uint32_t)ctr[3]);
  v128_t a1 = wasm_i32x4_make((int)(uint32_t)(ctr[0] >> 32), (int)(uint32_t)(ctr[1] >> 32), (int)(uint32_t)(ctr[2] >> 32),
                              (int)(uint32_t)(ctr[3] >> 32));
  v128_t d0 = wasm_i32x4_make((int)(uint32_t)ctr[4], (int)(uint32_t)ctr[5], (int)(uint32_t)ctr[6], (int)(uint32_t)ctr[7]);
  v128_t d1 = wasm_i32x4_make((int)(uint32_t)(ctr[4] >> 32), (int)(uint32_t)(ctr[5] >> 32), (int)(uint32_t)(ctr[6] >> 32),
                              (int)(uint32_t)(ctr[7] >> 32));
  v128_t a2 = wasm_i32x4_splat(0), a3 = a2, d2 = a2, d3 = a2;
  for (int round = 0; round < 10; round++) {
    PHILOX_ROUND(a0, a1, a2, a3, K0[round], K1[round]);
    PHILOX_ROUND(d0, d1, d2, d3, K0[round], K1[round]);
  }
  store_blocks(dst, a0, a1, a2, a3);
  store_blocks(dst + 16, d0, d1, d2, d3);
}

/*
 * The spikes of `count` (at most 8) active blocks blk[] of output row `orow` (p row `prow`, zeroed
 * beforehand) whose first block has counter c0: ones written to orow and their column numbers appended
 * to *list in ascending order (the blocks are ascending).
 */
INLINE int32_t *bernoulli_blocks(float *orow, const float *prow, const int32_t *blk, int count, uint64_t c0,
                                 const v128_t K0[10], const v128_t K1[10], int32_t *list) {
  uint64_t ctr[8];
  float u[32] __attribute__((aligned(16)));
  for (int g = 0; g < 8; g++) ctr[g] = c0 + (uint64_t)blk[g < count ? g : 0];
  uniforms32_at(u, ctr, K0, K1);
  const v128_t ONE = wasm_f32x4_splat(1.0f);
  for (int g = 0; g < count; g++) {
    int col = blk[g] * 4;
    v128_t lt = wasm_f32x4_lt(wasm_v128_load(u + g * 4), wasm_v128_load(prow + col));
    uint32_t mask = wasm_i32x4_bitmask(lt);
    if (!mask) continue;
    wasm_v128_store(orow + col, wasm_v128_and(lt, ONE));
    while (mask) {
      *list++ = col + __builtin_ctz(mask);
      mask &= mask - 1;
    }
  }
  return list;
}

/*
 * out [rows, cols] (rows = steps * prows): row r is step r / prows against p's row r % prows. Writes
 * the 0/1 values, and row r's column numbers of its ones to scratch + r*cols (capacity cols), their
 * number to counts[r]: the input of snn_prefix_sum and snn_spike_compact_rows (csrc/spike.c). `blocks`
 * is snn_bernoulli_active_blocks' output. Threads split the rows.
 */
EXPORT(snn_random_bernoulli_rows)
void snn_random_bernoulli_rows(float *out, const float *p, const int32_t *blocks, int rows, int cols, int prows,
                               uint32_t seed_lo, uint32_t seed_hi, uint32_t off_lo, uint32_t off_hi,
                               int32_t *counts, int32_t *scratch, int part, int parts) {
  int lo, hi;
  split_range(rows, part, parts, &lo, &hi);
  uint64_t offset = ((uint64_t)off_hi << 32) | off_lo;
  v128_t K0[10], K1[10];
  round_keys(K0, K1, seed_lo, seed_hi);
  int nb = cols / 4;
  for (int r = lo; r < hi; r++) {
    int pr = r % prows;
    const float *prow = p + (size_t)pr * cols;
    const int32_t *active = blocks + (size_t)pr * (nb + 1);
    int count = active[0];
    float *orow = out + (size_t)r * cols;
    int32_t *start = scratch + (size_t)r * cols, *list = start;
    __builtin_memset(orow, 0, (size_t)cols * sizeof(float));
    uint64_t c0 = offset + (uint64_t)r * (uint64_t)nb;
    for (int g = 0; g < count; g += 8) {
      list = bernoulli_blocks(orow, prow, active + 1 + g, count - g < 8 ? count - g : 8, c0, K0, K1, list);
    }
    counts[r] = (int32_t)(list - start);
  }
}
