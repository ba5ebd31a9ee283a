import { add, mul, sub, zeros } from '../ops/index.js';
import type { Tensor } from '../tensor/tensor.js';
import { type LeakyParameters, resetSignal, resolveLeaky } from './leaky.js';
import { checkParam, clamp01, type Param } from './param.js';

// snnTorch's Synaptic neuron (snntorch/_neurons/synaptic.py, snnTorch 0.9): Leaky's membrane fed by a
// decaying synaptic current; reset delayed and detached as in Leaky (leaky.ts).

/** snnTorch `Synaptic(alpha, beta, ...)`: a synaptic current feeding the Leaky membrane. */
export interface SynapticParameters extends Omit<LeakyParameters, 'resetDelay'> {
  /** Synaptic current decay per step, in [0, 1] (clamped). */
  alpha: Param;
}

/** snnTorch Synaptic state. */
export interface SynapticState {
  /** Synaptic current (snnTorch `syn`). */
  syn: Tensor;
  /** Membrane potential (snnTorch `mem`). */
  mem: Tensor;
}

/**
 * One step of snnTorch `Synaptic` (reset delayed and detached as in Leaky):
 *   syn' = alpha*syn + input;  mem' = beta*mem + syn' - reset*threshold (subtract)
 *   zero: mem' = (beta*mem + syn')*(1 - reset), syn' unchanged;  none: no reset term.
 * `state` null starts at zeros. Returns [spk, state'].
 *
 * @param input - The step's input current, any shape.
 * @param state - syn and mem before the step; null starts at zeros.
 * @param p - alpha (synaptic decay per step, in [0, 1]), beta (membrane decay per step, in [0, 1]),
 *   threshold (default 1), spikeGrad (default atan), resetMechanism (default `'subtract'`).
 * @example
 * ```ts
 * // snnTorch: lif = snn.Synaptic(alpha=0.9, beta=0.8); spk, syn, mem = lif(cur, syn, mem)
 * let state: SynapticState | null = null;
 * for (let t = 0; t < 10; t++) {
 *   const [spk, next] = synapticStep(tensor([0.3, 0]), state, { alpha: 0.9, beta: 0.8 });
 *   state = next;
 * }
 * ```
 */
export function synapticStep(
  input: Tensor,
  state: SynapticState | null,
  p: SynapticParameters,
): [Tensor, SynapticState] {
  const fn = 'synapticStep';
  checkParam(fn, 'alpha', p.alpha);
  checkParam(fn, 'beta', p.beta);
  const { threshold, spikeFn, reset } = resolveLeaky(fn, p);
  const syn0 = state?.syn ?? zeros(input.shape);
  const mem0 = state?.mem ?? zeros(input.shape);
  const r = resetSignal(mem0, threshold);
  const syn = add(mul(syn0, clamp01(p.alpha)), input);
  let mem = add(mul(mem0, clamp01(p.beta)), syn);
  if (reset === 'subtract') mem = sub(mem, mul(r, threshold));
  else if (reset === 'zero') mem = sub(mem, mul(mem, r));
  const spk = spikeFn(sub(mem, threshold));
  return [spk, { syn, mem }];
}
