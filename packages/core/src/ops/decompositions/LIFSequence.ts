import type { LIFSequenceAttrs } from '../../kernels/kernel-signatures.js';
import { lifSequence } from '../../neuron/recurrence.js';
import type { Tensor } from '../../tensor/tensor.js';
import { TENSOR_ARITH } from './tensor-arith.js';

/** The step loop: LIFSequence in core ops (what backends without the kernel run). */
export function lifSequenceDecomposition(
  { x, v0, i0 }: { x: Tensor; v0: Tensor; i0: Tensor },
  attrs: LIFSequenceAttrs,
): Tensor[] {
  return lifSequence(TENSOR_ARITH, attrs, x, v0, i0);
}
