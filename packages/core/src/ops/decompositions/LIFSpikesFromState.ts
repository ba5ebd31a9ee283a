import { runKernel } from '../../engine/api.js';
import type { KernelAttrs } from '../../kernels/kernel-signatures.js';
import { zeros } from '../../tensor/creation.js';
import type { Tensor } from '../../tensor/tensor.js';

/**
 * LIFSpikesFromState as what it is defined to equal: LIFSequence's spikes for a zero input of `steps`
 * steps (its spikes-only form; the forward does not read the surrogate or the reset's gradient mode,
 * so any named surrogate serves).
 */
export function lifSpikesFromStateDecomposition(
  { v0, i0 }: { v0: Tensor; i0: Tensor },
  { steps, ...p }: KernelAttrs<'LIFSpikesFromState'>,
): Tensor {
  const x = zeros([steps, ...v0.shape]);
  const attrs = { ...p, surrogate: 'superspike', alpha: 100, detachReset: false, spikesOnly: true };
  const [z, ...states] = runKernel('LIFSequence', { x, v0, i0 }, attrs);
  for (const t of states) t.dispose();
  x.dispose();
  return z;
}
