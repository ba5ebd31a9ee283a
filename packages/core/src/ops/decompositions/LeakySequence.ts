import type { KernelAttrs } from '../../kernels/kernel-signatures.js';
import { leakyStep } from '../../neuron/leaky.js';
import type { Tensor } from '../../tensor/tensor.js';
import { reshape, stack, unstack } from '../index.js';

/** LeakySequence as the loop of leakyStep it is specified by (an input of one step repeats). */
export function leakySequenceDecomposition(
  { x, mem0, beta, threshold }: { x: Tensor; mem0: Tensor; beta: Tensor; threshold: Tensor },
  { steps, resetMechanism, resetDelay }: KernelAttrs<'LeakySequence'>,
): Tensor[] {
  const p = { beta: reshape(beta, []), threshold: reshape(threshold, []), resetMechanism, resetDelay };
  const xs =
    x.shape[0] === steps ? unstack(x, 0) : new Array<Tensor>(steps).fill(reshape(x, x.shape.slice(1)));
  let mem = mem0;
  const spk: Tensor[] = [];
  const mems: Tensor[] = [];
  for (const xt of xs) {
    const [s, m] = leakyStep(xt, mem, p);
    spk.push(s);
    mems.push(m);
    mem = m;
  }
  return [stack(spk, 0), stack(mems, 0)];
}
