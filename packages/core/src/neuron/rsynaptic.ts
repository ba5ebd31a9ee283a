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
 *
 * @param input - The step's input current, [batch, n].
 * @param state - spk, syn and mem before the step; null starts at zeros.
 * @param p - alpha and beta (decays per step, in [0, 1]), recurrentWeight [n, n] and recurrentBias [n]
 *   (all_to_all) or V (one to one, default 1), threshold (default 1), spikeGrad, resetMechanism.
 * @example
 * ```ts
 * // snnTorch: snn.RSynaptic(alpha=0.9, beta=0.8, all_to_all=False, V=0.5)
 * let state: RSynapticState | null = null;
 * for (let t = 0; t < 5; t++) {
 *   const [spk, next] = rsynapticStep(fill([2, 4], 0.3), state, { alpha: 0.9, beta: 0.8, V: 0.5 });
 *   state = next;
 * }
 * ```
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
