/* The packed GEMM of matmul.c, for other kernels (convolutions) that run products per sample. */
#pragma once
#include "common.h"

/*
 * C rows [m0, m1) x columns [n0, n1) of C (row stride ldc) = A(i,k) B(k,j) summed over k < K, with
 * A(i,k) = a[i*ars + k*acs], B(k,j) = b[k*brs + j*bcs]; `accumulate` adds to C instead of storing.
 * Uses the packing scratch of thread slot `slot` (snn_slot() of the calling thread).
 */
void gemm_region(const float *a, int ars, int acs, const float *b, int brs, int bcs, float *c, int ldc, int K,
                 int m0, int m1, int n0, int n1, int accumulate, int slot);

/* Thread split of an M x N output on micro-tile boundaries (the larger side is split). */
void gemm_split(int M, int N, int part, int parts, int *m0, int *m1, int *n0, int *n1);
