import type { KernelAttrs } from '../../kernels/kernel-signatures.js';
import { leakyStepLoop } from '../../neuron/leaky-sequence.js';
import type { Tensor } from '../../tensor/tensor.js';
import { reshape, unstack } from '../index.js';

/** LeakySequence as the loop of leakyStep it is specified by (an input of one step repeats). */
export function leakySequenceDecomposition(
  { x, mem0, beta, threshold }: { x: Tensor; mem0: Tensor; beta: Tensor; threshold: Tensor },
  { steps, resetMechanism, resetDelay }: KernelAttrs<'LeakySequence'>,
): Tensor[] {
  const p = { beta: reshape(beta, []), threshold: reshape(threshold, []), resetMechanism, resetDelay };
  const xs =
    x.shape[0] === steps ? unstack(x, 0) : new Array<Tensor>(steps).fill(reshape(x, x.shape.slice(1)));
  const { spk, mem } = leakyStepLoop(xs, mem0, p);
  return [spk, mem];
}
