import { add, mul, sub, zeros } from '../ops/index.js';
import type { Tensor } from '../tensor/tensor.js';
import { type LeakyParameters, resetSignal, resolveLeaky } from './leaky.js';
import { checkParam, clamp01, type Param } from './param.js';
import { type RecurrentConnection, recurrentCurrent } from './rleaky.js';

/*
 * snnTorch's RSynaptic (snntorch/_neurons/rsynaptic.py, snnTorch 0.9.4): Synaptic with the layer's
 * previous spikes fed into the synaptic current (see rleaky.ts for the connection). Reset one step
 * late and detached, as Synaptic; 'zero' zeroes the membrane and leaves the current.
 */

/** snnTorch `RSynaptic(alpha, beta, V=1.0, all_to_all=True, linear_features, threshold=1.0, ...)`. */
export interface RSynapticParameters extends Omit<LeakyParameters, 'resetDelay'>, RecurrentConnection {
  /** Synaptic current decay per step, in [0, 1] (clamped). */
  alpha: Param;
}

/** snnTorch RSynaptic state: previous spikes, synaptic current and membrane. */
export interface RSynapticState {
  spk: Tensor;
  syn: Tensor;
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
  const fn = 'rsynapticStep';
  checkParam(fn, 'alpha', p.alpha);
  checkParam(fn, 'beta', p.beta);
  const { threshold, spikeFn, reset } = resolveLeaky(fn, p);
  const spk0 = state?.spk ?? zeros(input.shape);
  const syn0 = state?.syn ?? zeros(input.shape);
  const mem0 = state?.mem ?? zeros(input.shape);
  const r = resetSignal(mem0, threshold);
  const syn = add(add(mul(syn0, clamp01(p.alpha)), input), recurrentCurrent(fn, spk0, p));
  const base = add(mul(mem0, clamp01(p.beta)), syn);
  let mem = base;
  if (reset === 'subtract') mem = sub(base, mul(r, threshold));
  else if (reset === 'zero') mem = sub(base, mul(r, base));
  const spk = spikeFn(sub(mem, threshold));
  return [spk, { spk, syn, mem }];
}
