import { ENGINE } from '../../engine/engine.js';
import type { KernelAttrs } from '../../kernels/kernel-signatures.js';
import type { Tensor } from '../../tensor/tensor.js';

/** RandomBernoulli as its definition: Cast(Less(RandomUniform([steps, ...p.shape]), p), float32). */
export function randomBernoulliDecomposition(
  { p }: { p: Tensor },
  { steps, seed, offset }: KernelAttrs<'RandomBernoulli'>,
): Tensor {
  const u = ENGINE.runKernel('RandomUniform', {}, { shape: [steps, ...p.shape], seed, offset });
  const fires = ENGINE.runKernel('Less', { a: u, b: p }, {});
  return ENGINE.runKernel('Cast', { x: fires }, { dtype: 'float32' });
}
