import type { GradRule } from '../engine/kernel-types.js';
import { matMul } from '../ops/matmul.js';
import type { Tensor } from '../tensor/tensor.js';
import { sumToShape } from './reduce-util.js';

/**
 * Gradients of y = op(a) op(b) for the four transpose cases; a batch of 1 that was broadcast is
 * summed back.
 */
export function matMulGradients(
  dy: Tensor,
  a: Tensor,
  b: Tensor,
  transposeA: boolean,
  transposeB: boolean,
): { a: () => Tensor; b: () => Tensor } {
  const da = (): Tensor => {
    if (!transposeA) return transposeB ? matMul(dy, b) : matMul(dy, b, false, true);
    return transposeB ? matMul(b, dy, true, true) : matMul(b, dy, false, true);
  };
  const db = (): Tensor => {
    if (!transposeB) return transposeA ? matMul(a, dy) : matMul(a, dy, true, false);
    return transposeA ? matMul(dy, a, true, true) : matMul(dy, a, true, false);
  };
  return { a: () => sumToShape(da(), a.shape), b: () => sumToShape(db(), b.shape) };
}

export const matMulGrad: GradRule<'MatMul'> = {
  kernelName: 'MatMul',
  inputsToSave: ['a', 'b'],
  outputsToSave: [],
  gradFunc: (dy, { inputs: { a, b } }, { transposeA, transposeB }) =>
    matMulGradients(dy, a, b, transposeA, transposeB),
};
