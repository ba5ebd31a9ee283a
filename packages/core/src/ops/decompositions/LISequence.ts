import type { KernelAttrs } from '../../kernels/kernel-signatures.js';
import { liSequence } from '../../neuron/recurrence.js';
import type { Tensor } from '../../tensor/tensor.js';
import { TENSOR_ARITH } from './tensor-arith.js';

/** LISequence as the step loop in core ops (recurrence in neuron/recurrence.ts). */
export function liSequenceDecomposition(
  { x, v0, i0 }: { x: Tensor; v0: Tensor; i0: Tensor },
  attrs: KernelAttrs<'LISequence'>,
): Tensor[] {
  return liSequence(TENSOR_ARITH, attrs, x, v0, i0);
}
