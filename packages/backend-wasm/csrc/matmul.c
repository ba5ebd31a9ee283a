/*
 * Packed, blocked float32 GEMM (the BLIS loop nest): C[M,N] = op(A)[M,K] op(B)[K,N], batched.
 * Transposes cost nothing extra: packing reads A(i,k) = a[i*ars + k*acs] and B(k,j) = b[k*brs + j*bcs]
 * into contiguous panels (MR rows of A, NR columns of B, k-major), so the micro-kernel only streams
 * unit-stride memory whatever the layout. K is blocked by KC so panels stay in cache; the first
 * K block stores, the following ones accumulate.
 *
 * Threads split M (or N when M is the smaller side) on panel boundaries: each output element is
 * computed by one thread, in the same order whatever the thread count.
 */
#include "common.h"
#include "gemm.h"

#define MR 4
#define NR 8
#define KC 256
#define MC 128
#define NC 1024

/* Scratch per thread: an A block (MC x KC) then a B block (KC x NC). */
#define SCRATCH_A_FLOATS (MC * KC)
#define SCRATCH_B_FLOATS (KC * NC)
EXPORT(snn_matmul_scratch_bytes) int snn_matmul_scratch_bytes(void) {
  return (SCRATCH_A_FLOATS + SCRATCH_B_FLOATS) * 4;
}

static void pack_a(const float *a, int ars, int acs, int i0, int mc, int p0, int kc, float *ap) {
  for (int ir = 0; ir < mc; ir += MR) {
    int mr = mc - ir < MR ? mc - ir : MR;
    float *dst = ap + (size_t)ir * kc;
    const float *src = a + (size_t)(i0 + ir) * ars + (size_t)p0 * acs;
    if (acs == 1) {
      /* rows contiguous in k: read each row, scatter into the k-major panel */
      for (int r = 0; r < mr; r++) {
        const float *row = src + (size_t)r * ars;
        for (int k = 0; k < kc; k++) dst[k * MR + r] = row[k];
      }
    } else {
      for (int k = 0; k < kc; k++) {
        const float *col = src + (size_t)k * acs;
        for (int r = 0; r < mr; r++) dst[k * MR + r] = col[(size_t)r * ars];
      }
    }
    for (int r = mr; r < MR; r++)
      for (int k = 0; k < kc; k++) dst[k * MR + r] = 0.0f;
  }
}

static void pack_b(const float *b, int brs, int bcs, int p0, int kc, int j0, int nc, float *bp) {
  for (int jr = 0; jr < nc; jr += NR) {
    int nr = nc - jr < NR ? nc - jr : NR;
    float *dst = bp + (size_t)jr * kc;
    const float *src = b + (size_t)p0 * brs + (size_t)(j0 + jr) * bcs;
    if (bcs == 1) {
      for (int k = 0; k < kc; k++) {
        const float *row = src + (size_t)k * brs;
        if (nr == NR) {
          wasm_v128_store(dst + k * NR, wasm_v128_load(row));
          wasm_v128_store(dst + k * NR + 4, wasm_v128_load(row + 4));
        } else {
          int c = 0;
          for (; c < nr; c++) dst[k * NR + c] = row[c];
          for (; c < NR; c++) dst[k * NR + c] = 0.0f;
        }
      }
    } else {
      for (int c = 0; c < nr; c++) {
        const float *col = src + (size_t)c * bcs;
        for (int k = 0; k < kc; k++) dst[k * NR + c] = col[(size_t)k * brs];
      }
      for (int c = nr; c < NR; c++)
        for (int k = 0; k < kc; k++) dst[k * NR + c] = 0.0f;
    }
  }
}

#define FMA(acc, x, y) acc = wasm_f32x4_add(acc, wasm_f32x4_mul(x, y))

static void micro(int kc, const float *restrict ap, const float *restrict bp, float *c, int ldc, int acc,
                  int mr, int nr) {
  f4 c00 = wasm_f32x4_splat(0), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00,
     c31 = c00;
  for (int k = 0; k < kc; k++) {
    f4 b0 = wasm_v128_load(bp), b1 = wasm_v128_load(bp + 4);
    f4 a0 = wasm_v128_load32_splat(ap), a1 = wasm_v128_load32_splat(ap + 1);
    f4 a2 = wasm_v128_load32_splat(ap + 2), a3 = wasm_v128_load32_splat(ap + 3);
    FMA(c00, a0, b0);
    FMA(c01, a0, b1);
    FMA(c10, a1, b0);
    FMA(c11, a1, b1);
    FMA(c20, a2, b0);
    FMA(c21, a2, b1);
    FMA(c30, a3, b0);
    FMA(c31, a3, b1);
    ap += MR;
    bp += NR;
  }
  if (mr == MR && nr == NR) {
    float *r0 = c, *r1 = c + ldc, *r2 = c + 2 * ldc, *r3 = c + 3 * ldc;
    if (acc) {
      c00 = wasm_f32x4_add(c00, wasm_v128_load(r0));
      c01 = wasm_f32x4_add(c01, wasm_v128_load(r0 + 4));
      c10 = wasm_f32x4_add(c10, wasm_v128_load(r1));
      c11 = wasm_f32x4_add(c11, wasm_v128_load(r1 + 4));
      c20 = wasm_f32x4_add(c20, wasm_v128_load(r2));
      c21 = wasm_f32x4_add(c21, wasm_v128_load(r2 + 4));
      c30 = wasm_f32x4_add(c30, wasm_v128_load(r3));
      c31 = wasm_f32x4_add(c31, wasm_v128_load(r3 + 4));
    }
    wasm_v128_store(r0, c00);
    wasm_v128_store(r0 + 4, c01);
    wasm_v128_store(r1, c10);
    wasm_v128_store(r1 + 4, c11);
    wasm_v128_store(r2, c20);
    wasm_v128_store(r2 + 4, c21);
    wasm_v128_store(r3, c30);
    wasm_v128_store(r3 + 4, c31);
    return;
  }
  float tile[MR * NR] __attribute__((aligned(16)));
  wasm_v128_store(tile + 0, c00);
  wasm_v128_store(tile + 4, c01);
  wasm_v128_store(tile + 8, c10);
  wasm_v128_store(tile + 12, c11);
  wasm_v128_store(tile + 16, c20);
  wasm_v128_store(tile + 20, c21);
  wasm_v128_store(tile + 24, c30);
  wasm_v128_store(tile + 28, c31);
  for (int r = 0; r < mr; r++)
    for (int j = 0; j < nr; j++) {
      float v = tile[r * NR + j];
      c[(size_t)r * ldc + j] = acc ? c[(size_t)r * ldc + j] + v : v;
    }
}

void gemm_region(const float *a, int ars, int acs, const float *b, int brs, int bcs, float *c, int ldc, int K,
                 int m0, int m1, int n0, int n1, int accumulate, int slot) {
  float *ap = g_scratch[slot];
  float *bp = ap + SCRATCH_A_FLOATS;
  if (K == 0) {
    if (!accumulate)
      for (int i = m0; i < m1; i++)
        for (int j = n0; j < n1; j++) c[(size_t)i * ldc + j] = 0.0f;
    return;
  }
  for (int pc = 0; pc < K; pc += KC) {
    int kc = K - pc < KC ? K - pc : KC;
    for (int jc = n0; jc < n1; jc += NC) {
      int nc = n1 - jc < NC ? n1 - jc : NC;
      pack_b(b, brs, bcs, pc, kc, jc, nc, bp);
      for (int ic = m0; ic < m1; ic += MC) {
        int mc = m1 - ic < MC ? m1 - ic : MC;
        pack_a(a, ars, acs, ic, mc, pc, kc, ap);
        for (int jr = 0; jr < nc; jr += NR) {
          int nr = nc - jr < NR ? nc - jr : NR;
          for (int ir = 0; ir < mc; ir += MR) {
            int mr = mc - ir < MR ? mc - ir : MR;
            micro(kc, ap + (size_t)ir * kc, bp + (size_t)jr * kc, c + (size_t)(ic + ir) * ldc + jc + jr, ldc,
                  accumulate || pc > 0, mr, nr);
          }
        }
      }
    }
  }
}

void gemm_split(int M, int N, int part, int parts, int *m0, int *m1, int *n0, int *n1) {
  if ((M + MR - 1) / MR >= (N + NR - 1) / NR) {
    split_grain(M, MR, part, parts, m0, m1);
    *n0 = 0;
    *n1 = N;
  } else {
    split_grain(N, NR, part, parts, n0, n1);
    *m0 = 0;
    *m1 = M;
  }
}

/*
 * c[batch][M][N] = op(a[batch or 1]) op(b[batch or 1]). aBatch/bBatch are 1 (broadcast) or `batch`.
 * transA: a is [K, M] per batch; transB: b is [N, K] per batch.
 */
EXPORT(snn_matmul)
void snn_matmul(const float *a, const float *b, float *c, int batch, int aBatch, int bBatch, int M, int N,
                int K, int transA, int transB, int part, int parts) {
  int ars = transA ? 1 : K, acs = transA ? M : 1;
  int brs = transB ? 1 : N, bcs = transB ? K : 1;
  int m0, m1, n0, n1;
  gemm_split(M, N, part, parts, &m0, &m1, &n0, &n1);
  if (m0 >= m1 || n0 >= n1) return;
  for (int q = 0; q < batch; q++) {
    const float *aq = a + (aBatch == 1 ? 0 : (size_t)q * M * K);
    const float *bq = b + (bBatch == 1 ? 0 : (size_t)q * K * N);
    gemm_region(aq, ars, acs, bq, brs, bcs, c + (size_t)q * M * N, N, K, m0, m1, n0, n1, 0, snn_slot());
  }
}
