import { add, mul, noGrad, scalar, sum, type Tensor, tidy } from '@snn/core';

/**
 * One scalar on the device that is 0 when every value of `tensors` is finite and NaN when any is
 * NaN or +-Infinity (0 * Inf = NaN, and a NaN survives the sums). Unlike a norm it cannot overflow:
 * large but finite values pass. The caller reads it together with the loss, so checking every
 * gradient and parameter costs one multiply and one reduction per tensor and no extra read-back.
 */
export function nonFiniteProbe(tensors: readonly Tensor[]): Tensor {
  return tidy(() => noGrad(() => tensors.reduce<Tensor>((acc, t) => add(acc, sum(mul(t, 0))), scalar(0))));
}

/** The first non-finite value of plain data (a checkpoint's tensors), or undefined. */
export function firstNonFinite(data: ArrayLike<number>): { index: number; value: number } | undefined {
  for (let i = 0; i < data.length; i++) {
    if (!Number.isFinite(data[i])) return { index: i, value: data[i] };
  }
  return undefined;
}
