import { matMulShape } from '@snn/core';
import * as tf from '@tensorflow/tfjs-core';
import type { TfKernel } from '../kernel-context.js';
import type { TfBackendKind } from '../tf-runtime.js';

/** Swaps the last two axes (rank 2 or 3). */
function swapInner(t: tf.Tensor): tf.Tensor {
  return tf.transpose(t, t.rank === 2 ? [1, 0] : [0, 2, 1]);
}

/**
 * op(a) @ op(b). tfjs-wasm's MatMul with transposeA/transposeB runs at about 2 GFLOP/s against about
 * 30 for the plain product (bench/matmul.mjs), so on wasm the transposes are explicit kernels, in
 * whichever of two forms moves fewer elements:
 *   operands: op(a) @ op(b), transposing the flagged operands;
 *   output:   (op(b)^T @ op(a)^T)^T, transposing the unflagged operands and the result.
 * tfjs's cpu kernels (and TensorFlow's in tfjs-node) take the flags at full speed: passed through.
 */
export function matMulTf(
  kind: TfBackendKind,
  a: tf.Tensor,
  b: tf.Tensor,
  transposeA: boolean,
  transposeB: boolean,
  outSize: number,
  bTransposed: () => tf.Tensor = () => swapInner(b),
): tf.Tensor {
  if (kind !== 'wasm' || (!transposeA && !transposeB)) return tf.matMul(a, b, transposeA, transposeB);
  const moveOperands = (transposeA ? a.size : 0) + (transposeB ? b.size : 0);
  const moveOutput = (transposeA ? 0 : a.size) + (transposeB ? 0 : b.size) + outSize;
  if (moveOperands <= moveOutput) {
    return tf.matMul(transposeA ? swapInner(a) : a, transposeB ? bTransposed() : b);
  }
  return swapInner(tf.matMul(transposeB ? b : swapInner(b), transposeA ? a : swapInner(a)));
}

export const MatMul: TfKernel<'MatMul'> = (ctx, { a, b }, { transposeA, transposeB }) => {
  const outShape = matMulShape(a.shape, b.shape, transposeA, transposeB);
  const outSize = outShape.reduce((p, d) => p * d, 1);
  // x @ W^T with the same W on every time step is the common case: W^T is cached with W's data, which
  // also lets XNNPACK reuse its packed copy of the same tensor.
  return ctx.run(() =>
    matMulTf(ctx.tfBackend, ctx.get(a), ctx.get(b), transposeA, transposeB, outSize, () =>
      ctx.derived(b, 'transposeInner', swapInner),
    ),
  );
};
