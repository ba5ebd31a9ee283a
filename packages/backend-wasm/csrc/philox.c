/*
 * RandomUniform: core's Philox4x32-10 specification (packages/core/src/random/philox.ts), bit for bit.
 * Element i is word (i % 4) of philox(counter = [lo32(offset + i/4), hi32(offset + i/4), 0, 0],
 * key = [lo32(seed), hi32(seed)]), as (word >> 8) * 2^-24. Threads split the 4-element blocks.
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

/* seed and offset arrive as two 32-bit halves each (JavaScript numbers below 2^53). */
EXPORT(snn_random_uniform)
void snn_random_uniform(float *out, int n, uint32_t seed_lo, uint32_t seed_hi, uint32_t off_lo,
                        uint32_t off_hi, int part, int parts) {
  int blocks = (n + 3) / 4;
  int lo, hi;
  split_range(blocks, part, parts, &lo, &hi);
  uint64_t offset = ((uint64_t)off_hi << 32) | off_lo;
  const float scale = 1.0f / 16777216.0f;
  for (int b = lo; b < hi; b++) {
    uint64_t ctr = offset + (uint64_t)b;
    uint32_t c[4] = {(uint32_t)ctr, (uint32_t)(ctr >> 32), 0, 0};
    philox4x32_10(c, seed_lo, seed_hi);
    int base = b * 4;
    int m = n - base < 4 ? n - base : 4;
    for (int j = 0; j < m; j++) out[base + j] = (float)(c[j] >> 8) * scale;
  }
}
