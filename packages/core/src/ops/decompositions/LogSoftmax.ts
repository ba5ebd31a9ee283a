import { ENGINE } from '../../engine/engine.js';
import type { KernelAttrs } from '../../kernels/kernel-signatures.js';
import type { Tensor } from '../../tensor/tensor.js';
import { sub } from '../binary.js';
import { exp, log } from '../unary.js';

/** x - max - log(sum(exp(x - max))): shifting by the max keeps exp from overflowing. */
export function logSoftmaxDecomposition(inputs: { x: Tensor }, attrs: KernelAttrs<'LogSoftmax'>): Tensor {
  const axes = [attrs.axis];
  const m = ENGINE.runKernel('Max', { x: inputs.x }, { axes, keepDims: true });
  const shifted = sub(inputs.x, m);
  const lse = log(ENGINE.runKernel('Sum', { x: exp(shifted) }, { axes, keepDims: true }));
  return sub(shifted, lse);
}
