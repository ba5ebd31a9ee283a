/*
 * exp, log and tanh for float32 kernels, computed in double so the float32 result is correctly
 * rounded in all but rare ties (no libc here: -nostdlib). Not hot: the hot neuron kernels avoid
 * transcendental functions except the sigmoid surrogate.
 */
#pragma once
#include "common.h"

INLINE double d_bits_to_double(uint64_t b) { double d; __builtin_memcpy(&d, &b, 8); return d; }
INLINE uint64_t d_double_to_bits(double d) { uint64_t b; __builtin_memcpy(&b, &d, 8); return b; }

/* e^x for double x, relative error below 1e-15 over the float32 range. */
static inline double d_exp(double x) {
  if (x != x) return x;
  if (x > 709.0) return __builtin_inf();
  if (x < -745.0) return 0.0;
  const double ln2_hi = 6.93147180369123816490e-01, ln2_lo = 1.90821492927058770002e-10;
  double kd = __builtin_nearbyint(x * 1.44269504088896338700);
  int k = (int)kd;
  double r = (x - kd * ln2_hi) - kd * ln2_lo; /* |r| <= 0.347 */
  /* Taylor to r^13: remainder below 0.347^14/14! < 4e-18. */
  double p = 1.0 / 6227020800.0;
  p = p * r + 1.0 / 479001600.0;
  p = p * r + 1.0 / 39916800.0;
  p = p * r + 1.0 / 3628800.0;
  p = p * r + 1.0 / 362880.0;
  p = p * r + 1.0 / 40320.0;
  p = p * r + 1.0 / 5040.0;
  p = p * r + 1.0 / 720.0;
  p = p * r + 1.0 / 120.0;
  p = p * r + 1.0 / 24.0;
  p = p * r + 1.0 / 6.0;
  p = p * r + 0.5;
  p = p * r + 1.0;
  p = p * r + 1.0;
  /* Scale by 2^k in two halves so subnormal results stay exact enough. */
  int k1 = k / 2, k2 = k - k1;
  double s1 = d_bits_to_double((uint64_t)(k1 + 1023) << 52);
  double s2 = d_bits_to_double((uint64_t)(k2 + 1023) << 52);
  return p * s1 * s2;
}

/* Natural log of double x > 0 (special values as IEEE: log 0 = -inf, log(<0) = NaN). */
static inline double d_log(double x) {
  if (x != x) return x;
  if (x < 0) return __builtin_nan("");
  if (x == 0) return -__builtin_inf();
  if (x == __builtin_inf()) return x;
  uint64_t b = d_double_to_bits(x);
  int e = (int)((b >> 52) & 0x7ff);
  if (e == 0) { /* subnormal double: never from a float32, but keep it correct */
    x *= 18014398509481984.0; /* 2^54 */
    b = d_double_to_bits(x);
    e = (int)((b >> 52) & 0x7ff) - 54;
  }
  e -= 1023;
  double m = d_bits_to_double((b & 0x000fffffffffffffULL) | 0x3ff0000000000000ULL); /* [1, 2) */
  if (m > 1.41421356237309504880) { m *= 0.5; e += 1; }
  /* log m = 2 atanh(s), s = (m - 1)/(m + 1), |s| <= 0.1716. */
  double s = (m - 1.0) / (m + 1.0), s2 = s * s;
  double p = 1.0 / 19;
  p = p * s2 + 1.0 / 17;
  p = p * s2 + 1.0 / 15;
  p = p * s2 + 1.0 / 13;
  p = p * s2 + 1.0 / 11;
  p = p * s2 + 1.0 / 9;
  p = p * s2 + 1.0 / 7;
  p = p * s2 + 1.0 / 5;
  p = p * s2 + 1.0 / 3;
  p = p * s2 + 1.0;
  return 2.0 * s * p + (double)e * 6.93147180559945309417e-01;
}

static inline double d_tanh(double x) {
  if (x != x) return x;
  double ax = x < 0 ? -x : x;
  double t;
  if (ax > 20.0) t = 1.0;
  else if (ax < 1e-4) t = ax * (1.0 - ax * ax / 3.0);
  else t = 1.0 - 2.0 / (d_exp(2.0 * ax) + 1.0);
  return x < 0 ? -t : t;
}

INLINE float f_exp(float x) { return (float)d_exp((double)x); }
INLINE float f_log(float x) { return (float)d_log((double)x); }
