/*
 * Iteration over an output of up to 8 dims whose operands are read through strides (0 where an
 * operand is broadcast). The JavaScript side collapses dims first, so the innermost dim is long and
 * each operand's innermost stride is 0 or 1. A thread takes a flat range [lo, hi) of the output and
 * walks it in innermost-dim segments.
 *
 * Parameter block layout (int32): rank, shape[rank], then `operands` stride arrays of rank each.
 */
#pragma once
#include "common.h"

#define ND_MAX 8

typedef struct {
  int rank;
  int shape[ND_MAX];
  int coord[ND_MAX];
  int stride[3][ND_MAX];
  int off[3];
} nd_iter;

INLINE void nd_begin(nd_iter *it, const int *p, int operands, int lo) {
  int r = p[0];
  it->rank = r;
  for (int d = 0; d < r; d++) it->shape[d] = p[1 + d];
  for (int o = 0; o < operands; o++) {
    it->off[o] = 0;
    for (int d = 0; d < r; d++) it->stride[o][d] = p[1 + r * (o + 1) + d];
  }
  int rem = lo;
  for (int d = r - 1; d >= 0; d--) {
    int c = rem % it->shape[d];
    rem /= it->shape[d];
    it->coord[d] = c;
    for (int o = 0; o < operands; o++) it->off[o] += c * it->stride[o][d];
  }
}

/* Length of the segment starting here (up to the end of the innermost dim, at most `left`). */
INLINE int nd_segment(const nd_iter *it, int left) {
  int r = it->rank;
  int len = it->shape[r - 1] - it->coord[r - 1];
  return len < left ? len : left;
}

INLINE void nd_advance(nd_iter *it, int operands, int len) {
  int r = it->rank;
  int last = r - 1;
  it->coord[last] += len;
  for (int o = 0; o < operands; o++) it->off[o] += len * it->stride[o][last];
  if (it->coord[last] < it->shape[last]) return;
  for (int o = 0; o < operands; o++) it->off[o] -= it->shape[last] * it->stride[o][last];
  it->coord[last] = 0;
  for (int d = last - 1; d >= 0; d--) {
    it->coord[d]++;
    for (int o = 0; o < operands; o++) it->off[o] += it->stride[o][d];
    if (it->coord[d] < it->shape[d]) return;
    for (int o = 0; o < operands; o++) it->off[o] -= it->shape[d] * it->stride[o][d];
    it->coord[d] = 0;
  }
}

INLINE int nd_size(const int *p) {
  int n = 1;
  for (int d = 0; d < p[0]; d++) n *= p[1 + d];
  return n;
}
