import { add, zeros } from '../ops/index.js';
import type { Tensor } from '../tensor/tensor.js';
import { type RecurrentConnection, recurrentCurrent } from './rleaky.js';
import { type SynapticParameters, synapticStep } from './synaptic.js';

/*
 * snnTorch's RSynaptic (snntorch/_neurons/rsynaptic.py, snnTorch 0.9.4): Synaptic with the layer's
 * previous spikes fed into the synaptic current (see rleaky.ts for the connection). Reset one step
 * late and detached, as Synaptic; 'zero' zeroes the membrane and leaves the current.
 */

/** snnTorch `RSynaptic(alpha, beta, V=1.0, all_to_all=True, linear_features, threshold=1.0, ...)`. */
export interface RSynapticParameters extends SynapticParameters, RecurrentConnection {}

/** snnTorch RSynaptic state: previous spikes, synaptic current and membrane. */
export interface RSynapticState {
  /** The previous step's spikes, fed back through the recurrent connection. */
  spk: Tensor;
  /** Synaptic current. */
  syn: Tensor;
  /** Membrane potential. */
  mem: Tensor;
}

/**
 * One step of snnTorch `RSynaptic`, with reset = H(mem - threshold) of the previous membrane (detached):
 *   syn' = alpha*syn + input + recurrent(spk);  base = beta*mem + syn';
 *   subtract (default): mem' = base - reset*threshold;  zero: base - reset*base;  none: base;
 *   spk' = H(mem' - threshold). `state` null starts at zeros. Returns [spk', state'].
 */
export function rsynapticStep(
  input: Tensor,
  state: RSynapticState | null,
  p: RSynapticParameters,
): [Tensor, RSynapticState] {
  // Synaptic's step with the fed-back current added to the input (snnTorch adds both to syn).
  const spk0 = state?.spk ?? zeros(input.shape);
  const [spk, next] = synapticStep(add(input, recurrentCurrent('rsynapticStep', spk0, p)), state, p);
  return [spk, { spk, syn: next.syn, mem: next.mem }];
}
