/*
 * The fused formulas of core's six built-in surrogates: SpikeGrad and the fused neuron gradient
 * kernels evaluate them inline (no extra pass). Every other surrogate of core's open set runs from
 * its expression, compiled by src/surrogate-program.ts and interpreted by csrc/expr.c into a table
 * the kernels read (kind SG_TABLE). Formulas and default slopes are core's (surrogate/builtin/):
 *
 *   0 superspike       1 / (alpha*|x| + 1)^2                      Norse 'super', alpha 100
 *   1 atan             (alpha/2) / (1 + (pi/2 * alpha * x)^2)     snnTorch/SpikingJelly ATan, alpha 2
 *   2 sigmoid          alpha * s * (1 - s), s = sigmoid(alpha*x)  SpikingJelly Sigmoid, alpha 4
 *   3 fastSigmoid      1 / (alpha*|x| + 1)^2                      snnTorch fast_sigmoid, slope 25
 *   4 triangle         alpha * max(0, 1 - alpha*|x|)              ours, alpha 1
 *   5 straightThrough  1
 *
 * Computed in float32 except sigmoid's exponential (double, as fmath.h). surrogate_derivative4 is
 * the same arithmetic on four lanes (sigmoid lane by lane), so vector and scalar loops agree bit for bit.
 */
#pragma once
#include "common.h"
#include "fmath.h"

enum { SG_SUPERSPIKE = 0, SG_ATAN = 1, SG_SIGMOID = 2, SG_FAST_SIGMOID = 3, SG_TRIANGLE = 4, SG_STRAIGHT = 5,
       /* any other surrogate: values precomputed by csrc/expr.c */ SG_TABLE = 6 };

INLINE float surrogate_derivative(int kind, float alpha, float x) {
  switch (kind) {
    case SG_SUPERSPIKE:
    case SG_FAST_SIGMOID: {
      float d = alpha * f_abs(x) + 1.0f;
      return 1.0f / (d * d);
    }
    case SG_ATAN: {
      float u = (float)(3.14159265358979323846 / 2) * alpha * x;
      return alpha * 0.5f / (1.0f + u * u);
    }
    case SG_SIGMOID: {
      float s = (float)(1.0 / (1.0 + d_exp(-(double)alpha * (double)x)));
      return alpha * s * (1.0f - s);
    }
    case SG_TRIANGLE:
      return alpha * __builtin_wasm_max_f32(0.0f, 1.0f - alpha * f_abs(x)); /* NaN propagates */
    default:
      return 1.0f;
  }
}

INLINE f4 surrogate_derivative4(int kind, float alpha, f4 x) {
  const f4 one = wasm_f32x4_splat(1.0f);
  const f4 a = wasm_f32x4_splat(alpha);
  switch (kind) {
    case SG_SUPERSPIKE:
    case SG_FAST_SIGMOID: {
      f4 d = wasm_f32x4_add(wasm_f32x4_mul(a, wasm_f32x4_abs(x)), one);
      return wasm_f32x4_div(one, wasm_f32x4_mul(d, d));
    }
    case SG_ATAN: {
      f4 u = wasm_f32x4_mul(wasm_f32x4_mul(wasm_f32x4_splat((float)(3.14159265358979323846 / 2)), a), x);
      return wasm_f32x4_div(wasm_f32x4_splat(alpha * 0.5f), wasm_f32x4_add(one, wasm_f32x4_mul(u, u)));
    }
    case SG_SIGMOID:
      return wasm_f32x4_make(surrogate_derivative(SG_SIGMOID, alpha, wasm_f32x4_extract_lane(x, 0)),
                             surrogate_derivative(SG_SIGMOID, alpha, wasm_f32x4_extract_lane(x, 1)),
                             surrogate_derivative(SG_SIGMOID, alpha, wasm_f32x4_extract_lane(x, 2)),
                             surrogate_derivative(SG_SIGMOID, alpha, wasm_f32x4_extract_lane(x, 3)));
    case SG_TRIANGLE: {
      f4 t = wasm_f32x4_sub(one, wasm_f32x4_mul(a, wasm_f32x4_abs(x)));
      return wasm_f32x4_mul(a, wasm_f32x4_max(wasm_f32x4_splat(0.0f), t));
    }
    default:
      return one;
  }
}
