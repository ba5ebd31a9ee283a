/* Elementwise float32 kernels: binary arithmetic and comparisons with broadcasting, unary math,
 * Where, Spike and SpikeGrad. */
#include "common.h"
#include "fmath.h"
#include "nd.h"
#include "surrogate.h"

enum { OP_ADD = 0, OP_SUB, OP_MUL, OP_DIV, OP_MAX, OP_MIN };
enum { CMP_EQ = 0, CMP_NE, CMP_GT, CMP_GE, CMP_LT, CMP_LE };

/* NaN-propagating max/min with -0 < +0, as Math.max / torch.maximum. */
INLINE float js_max(float a, float b) { return __builtin_wasm_max_f32(a, b); }
INLINE float js_min(float a, float b) { return __builtin_wasm_min_f32(a, b); }

#define ARITH_SEGMENT(EXPR)                                                       \
  if (sa == 1 && sb == 1) {                                                       \
    for (int i = 0; i < n; i++) { float x = a[i], y = b[i]; o[i] = (EXPR); }      \
  } else if (sa == 1) {                                                           \
    float y = b[0];                                                               \
    for (int i = 0; i < n; i++) { float x = a[i]; o[i] = (EXPR); }                \
  } else if (sb == 1) {                                                           \
    float x = a[0];                                                               \
    for (int i = 0; i < n; i++) { float y = b[i]; o[i] = (EXPR); }                \
  } else {                                                                        \
    float x = a[0], y = b[0], v = (EXPR);                                         \
    for (int i = 0; i < n; i++) o[i] = v;                                         \
  }

static void arith_segment(int op, float *restrict o, const float *restrict a, const float *restrict b,
                          int n, int sa, int sb) {
  switch (op) {
    case OP_ADD: ARITH_SEGMENT(x + y) break;
    case OP_SUB: ARITH_SEGMENT(x - y) break;
    case OP_MUL: ARITH_SEGMENT(x * y) break;
    case OP_DIV: ARITH_SEGMENT(x / y) break;
    case OP_MAX: ARITH_SEGMENT(js_max(x, y)) break;
    case OP_MIN: ARITH_SEGMENT(js_min(x, y)) break;
  }
}

#define CMP_SEGMENT(EXPR)                                                         \
  for (int i = 0; i < n; i++) { float x = a[i * sa], y = b[i * sb]; o[i] = (EXPR) ? 1 : 0; }

static void cmp_segment(int op, uint8_t *restrict o, const float *restrict a, const float *restrict b,
                        int n, int sa, int sb) {
  switch (op) {
    case CMP_EQ: CMP_SEGMENT(x == y) break;
    case CMP_NE: CMP_SEGMENT(x != y) break;
    case CMP_GT: CMP_SEGMENT(x > y) break;
    case CMP_GE: CMP_SEGMENT(x >= y) break;
    case CMP_LT: CMP_SEGMENT(x < y) break;
    case CMP_LE: CMP_SEGMENT(x <= y) break;
  }
}

/* out = a (op) b, broadcast as described by the nd parameter block (2 operands). */
EXPORT(snn_binary_f32)
void snn_binary_f32(int op, const float *a, const float *b, float *out, const int *nd, int part, int parts) {
  int lo, hi;
  split_grain(nd_size(nd), 64, part, parts, &lo, &hi);
  if (lo >= hi) return;
  nd_iter it;
  nd_begin(&it, nd, 2, lo);
  int sa = it.stride[0][it.rank - 1], sb = it.stride[1][it.rank - 1];
  for (int i = lo; i < hi;) {
    int len = nd_segment(&it, hi - i);
    arith_segment(op, out + i, a + it.off[0], b + it.off[1], len, sa, sb);
    nd_advance(&it, 2, len);
    i += len;
  }
}

/* bool out = a (cmp) b for float32 operands. */
EXPORT(snn_compare_f32)
void snn_compare_f32(int op, const float *a, const float *b, uint8_t *out, const int *nd, int part, int parts) {
  int lo, hi;
  split_grain(nd_size(nd), 64, part, parts, &lo, &hi);
  if (lo >= hi) return;
  nd_iter it;
  nd_begin(&it, nd, 2, lo);
  int sa = it.stride[0][it.rank - 1], sb = it.stride[1][it.rank - 1];
  for (int i = lo; i < hi;) {
    int len = nd_segment(&it, hi - i);
    cmp_segment(op, out + i, a + it.off[0], b + it.off[1], len, sa, sb);
    nd_advance(&it, 2, len);
    i += len;
  }
}

/* out = cond ? a : b over 4-byte elements (float32 or int32), three operands broadcast. */
EXPORT(snn_where_32)
void snn_where_32(const uint8_t *c, const uint32_t *a, const uint32_t *b, uint32_t *out, const int *nd,
                  int part, int parts) {
  int lo, hi;
  split_grain(nd_size(nd), 64, part, parts, &lo, &hi);
  if (lo >= hi) return;
  nd_iter it;
  nd_begin(&it, nd, 3, lo);
  int r = it.rank - 1;
  int sc = it.stride[0][r], sa = it.stride[1][r], sb = it.stride[2][r];
  for (int i = lo; i < hi;) {
    int len = nd_segment(&it, hi - i);
    const uint8_t *cc = c + it.off[0];
    const uint32_t *aa = a + it.off[1], *bb = b + it.off[2];
    uint32_t *o = out + i;
    for (int k = 0; k < len; k++) o[k] = cc[k * sc] ? aa[k * sa] : bb[k * sb];
    nd_advance(&it, 3, len);
    i += len;
  }
}

enum { U_NEG = 0, U_ABS, U_EXP, U_LOG, U_SQRT, U_RECIP, U_SIGN, U_FLOOR, U_TANH };

EXPORT(snn_unary_f32)
void snn_unary_f32(int op, const float *restrict x, float *restrict o, int n, int part, int parts) {
  int lo, hi;
  split_grain(n, 64, part, parts, &lo, &hi);
  switch (op) {
    case U_NEG: for (int i = lo; i < hi; i++) o[i] = -x[i]; break;
    case U_ABS: for (int i = lo; i < hi; i++) o[i] = f_abs(x[i]); break;
    case U_EXP: for (int i = lo; i < hi; i++) o[i] = f_exp(x[i]); break;
    case U_LOG: for (int i = lo; i < hi; i++) o[i] = f_log(x[i]); break;
    case U_SQRT: for (int i = lo; i < hi; i++) o[i] = __builtin_sqrtf(x[i]); break;
    case U_RECIP: for (int i = lo; i < hi; i++) o[i] = 1.0f / x[i]; break;
    case U_SIGN:
      for (int i = lo; i < hi; i++) {
        float v = x[i];
        o[i] = v > 0 ? 1.0f : v < 0 ? -1.0f : v; /* keeps 0, -0 and NaN as Math.sign */
      }
      break;
    case U_FLOOR: for (int i = lo; i < hi; i++) o[i] = __builtin_floorf(x[i]); break;
    case U_TANH: for (int i = lo; i < hi; i++) o[i] = (float)d_tanh((double)x[i]); break;
  }
}

/* Heaviside: 1 where x > 0 (x >= 0 when inclusive), else 0 (NaN gives 0). */
EXPORT(snn_spike)
void snn_spike(const float *restrict x, float *restrict o, int n, int inclusive, int part, int parts) {
  int lo, hi;
  split_grain(n, 64, part, parts, &lo, &hi);
  if (inclusive)
    for (int i = lo; i < hi; i++) o[i] = x[i] >= 0.0f ? 1.0f : 0.0f;
  else
    for (int i = lo; i < hi; i++) o[i] = x[i] > 0.0f ? 1.0f : 0.0f;
}

INLINE void spike_grad_loop(int kind, float alpha, const float *restrict dy, const float *restrict x,
                            float *restrict o, int lo, int hi) {
  for (int i = lo; i < hi; i++) o[i] = dy[i] * surrogate_derivative(kind, alpha, x[i]);
}

/* dy * surrogate'(x), one loop per surrogate so each is specialised. */
EXPORT(snn_spike_grad)
void snn_spike_grad(int kind, float alpha, const float *dy, const float *x, float *o, int n, int part,
                    int parts) {
  int lo, hi;
  split_grain(n, 64, part, parts, &lo, &hi);
  switch (kind) {
    case SG_SUPERSPIKE: spike_grad_loop(SG_SUPERSPIKE, alpha, dy, x, o, lo, hi); break;
    case SG_ATAN: spike_grad_loop(SG_ATAN, alpha, dy, x, o, lo, hi); break;
    case SG_SIGMOID: spike_grad_loop(SG_SIGMOID, alpha, dy, x, o, lo, hi); break;
    case SG_FAST_SIGMOID: spike_grad_loop(SG_FAST_SIGMOID, alpha, dy, x, o, lo, hi); break;
    case SG_TRIANGLE: spike_grad_loop(SG_TRIANGLE, alpha, dy, x, o, lo, hi); break;
    default: spike_grad_loop(SG_STRAIGHT, alpha, dy, x, o, lo, hi); break;
  }
}

/* Scaled copy o = x * s + c (used for cheap fused scalar ops; also a plain copy with s=1, c=0). */
EXPORT(snn_affine_f32)
void snn_affine_f32(const float *restrict x, float *restrict o, int n, float s, float c, int part, int parts) {
  int lo, hi;
  split_grain(n, 64, part, parts, &lo, &hi);
  for (int i = lo; i < hi; i++) o[i] = x[i] * s + c;
}

/* Casts between dtypes (bool is one byte, 0 or 1): bool -> float32, bool -> int32, float32 -> bool
 * (x != 0, NaN is true, as PyTorch), int32 -> float32 (round to nearest even, as Float32Array). */
enum { CAST_U8_F32 = 0, CAST_U8_I32, CAST_F32_U8, CAST_I32_F32 };

EXPORT(snn_cast)
void snn_cast(int kind, const void *src, void *dst, int n, int part, int parts) {
  int lo, hi;
  split_grain(n, 64, part, parts, &lo, &hi);
  switch (kind) {
    case CAST_U8_F32: {
      const uint8_t *s = (const uint8_t *)src;
      float *d = (float *)dst;
      for (int i = lo; i < hi; i++) d[i] = (float)s[i];
      break;
    }
    case CAST_U8_I32: {
      const uint8_t *s = (const uint8_t *)src;
      int32_t *d = (int32_t *)dst;
      for (int i = lo; i < hi; i++) d[i] = s[i];
      break;
    }
    case CAST_F32_U8: {
      const float *s = (const float *)src;
      uint8_t *d = (uint8_t *)dst;
      for (int i = lo; i < hi; i++) d[i] = s[i] != 0.0f ? 1 : 0;
      break;
    }
    case CAST_I32_F32: {
      const int32_t *s = (const int32_t *)src;
      float *d = (float *)dst;
      for (int i = lo; i < hi; i++) d[i] = (float)s[i];
      break;
    }
  }
}
