import { ENGINE } from '../../engine/engine.js';
import type { KernelAttrs } from '../../kernels/kernel-signatures.js';
import type { Tensor } from '../../tensor/tensor.js';

/** Without an event-driven kernel a spike MatMul is a dense MatMul. */
export function spikeMatMulDecomposition(
  inputs: { a: Tensor; b: Tensor },
  attrs: KernelAttrs<'SpikeMatMul'>,
): Tensor {
  return ENGINE.runKernel('MatMul', inputs, attrs);
}
