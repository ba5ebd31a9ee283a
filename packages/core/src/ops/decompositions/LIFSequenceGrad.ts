import type { LIFSequenceAttrs } from '../../kernels/kernel-signatures.js';
import { lifSequenceGrad } from '../../neuron/recurrence.js';
import { surrogateDerivative } from '../../surrogate/derivatives.js';
import type { Tensor } from '../../tensor/tensor.js';
import { sub } from '../binary.js';
import { TENSOR_ARITH } from './tensor-arith.js';

/**
 * Reverse-time gradient of LIFSequence in core ops, the reset detached or not as attrs.detachReset
 * says (formulas in kernel-signatures.ts, recurrence in neuron/recurrence.ts). The surrogate term is
 * computed for all T steps at once. Returns [dx, dv0, di0].
 */
export function lifSequenceGradDecomposition(
  inputs: { z: Tensor; vDecayed: Tensor; dz: Tensor; dv: Tensor; di: Tensor },
  attrs: LIFSequenceAttrs,
): Tensor[] {
  const s = surrogateDerivative(attrs.surrogate, sub(inputs.vDecayed, attrs.vTh), attrs.alpha);
  return lifSequenceGrad(TENSOR_ARITH, attrs, inputs, s);
}
