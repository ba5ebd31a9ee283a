import { ArgumentError, matMulShape } from '@snn/core';
import * as tf from '@tensorflow/tfjs-core';
import type { TfKernel } from '../kernel-context.js';

/** Swaps the last two axes (rank 2 or 3). */
function swapInner(t: tf.Tensor): tf.Tensor {
  return tf.transpose(t, t.rank === 2 ? [1, 0] : [0, 2, 1]);
}

/**
 * a @ b with optional transposes, as an explicit Transpose followed by a plain MatMul: tfjs-wasm's
 * MatMul with transposeA/transposeB runs about 10x slower than the two kernels together (see
 * bench/matmul.ts; on the cpu backend the two formulations are within noise).
 */
export function matMulTf(a: tf.Tensor, b: tf.Tensor, transposeA: boolean, transposeB: boolean): tf.Tensor {
  return tf.matMul(transposeA ? swapInner(a) : a, transposeB ? swapInner(b) : b);
}

export const MatMul: TfKernel<'MatMul'> = (ctx, { a, b }, { transposeA, transposeB }) => {
  matMulShape(a.shape, b.shape, transposeA, transposeB);
  if (a.dtype !== 'float32' || b.dtype !== 'float32') {
    throw new ArgumentError(`matMul: expected float32 tensors, got ${a.dtype} and ${b.dtype}`);
  }
  return ctx.run(() => matMulTf(ctx.get(a), ctx.get(b), transposeA, transposeB));
};
