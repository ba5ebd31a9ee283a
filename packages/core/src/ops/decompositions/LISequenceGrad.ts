import type { KernelAttrs } from '../../kernels/kernel-signatures.js';
import { liSequenceGrad } from '../../neuron/recurrence.js';
import type { Tensor } from '../../tensor/tensor.js';
import { TENSOR_ARITH } from './tensor-arith.js';

/** Reverse-time gradient of LISequence in core ops. Returns [dx, dv0, di0]. */
export function liSequenceGradDecomposition(
  { dv, di }: { dv: Tensor; di: Tensor },
  attrs: KernelAttrs<'LISequenceGrad'>,
): Tensor[] {
  return liSequenceGrad(TENSOR_ARITH, attrs, dv, di);
}
