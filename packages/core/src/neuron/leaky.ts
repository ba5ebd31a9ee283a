import { noGrad } from '../engine/api.js';
import { ArgumentError } from '../errors.js';
import { add, mul, spike, sub, zeros } from '../ops/index.js';
import { atan } from '../surrogate/factories.js';
import { resolveSpikeFunction, type SpikeMethod } from '../surrogate/resolve.js';
import type { Tensor } from '../tensor/tensor.js';
import { checkParam, clamp01, type Param } from './param.js';

/*
 * snnTorch's Leaky neuron (snntorch/_neurons/leaky.py, snnTorch 0.9; Synaptic in synaptic.ts shares its
 * reset and threshold handling). Spikes fire
 * on mem - threshold > 0. The reset is computed from the membrane BEFORE the update (reset_delay=True,
 * the default), i.e. a spike at step t lowers the membrane at step t+1, and it is detached from the graph
 * (snnTorch's mem_reset clones and detaches); the threshold in `reset * threshold` is not, so a learnable
 * threshold gets its gradient through both firing and reset. beta (and alpha) are clamped to [0, 1].
 */

/** snnTorch's `reset_mechanism`: subtract the threshold, reset to zero, or no reset. */
export type ResetMechanism = 'subtract' | 'zero' | 'none';

/** snnTorch `Leaky(beta, threshold=1.0, spike_grad=atan(), reset_mechanism='subtract', reset_delay=True)`. */
export interface LeakyParameters {
  /** Membrane decay per step, in [0, 1] (clamped); a tensor for per-neuron or learnable beta. */
  beta: Param;
  /** Firing threshold, default 1; a tensor for per-neuron or learnable thresholds. */
  threshold?: Param;
  /** Spike function, default snnTorch's: atan with alpha 2. */
  spikeGrad?: SpikeMethod;
  /** 'subtract' (default): mem -= threshold; 'zero': mem is zeroed; 'none': no reset. */
  resetMechanism?: ResetMechanism;
  /** snnTorch reset_delay (default true): reset on the step after the spike, as snnTorch. */
  resetDelay?: boolean;
}

export interface LeakyResolved {
  threshold: Param;
  spikeFn: (x: Tensor) => Tensor;
  reset: ResetMechanism;
}

export function resolveLeaky(fn: string, p: Omit<LeakyParameters, 'beta'>): LeakyResolved {
  const threshold = p.threshold ?? 1;
  checkParam(fn, 'threshold', threshold);
  const reset = p.resetMechanism ?? 'subtract';
  if (reset !== 'subtract' && reset !== 'zero' && reset !== 'none') {
    throw new ArgumentError(
      `${fn}: resetMechanism must be 'subtract', 'zero' or 'none', got '${String(reset)}'`,
    );
  }
  const f = p.spikeGrad === undefined ? atan() : resolveSpikeFunction(p.spikeGrad);
  return { threshold, spikeFn: (x) => f(x, false), reset };
}

/** snnTorch's detached reset signal H(mem - threshold), computed without recording. */
export function resetSignal(mem: Tensor, threshold: Param): Tensor {
  return noGrad(() => spike(sub(mem, threshold)));
}

/**
 * One step of snnTorch `Leaky`: with reset = H(mem - threshold) from the previous membrane (detached),
 *   subtract: mem' = beta*mem + input - reset*threshold
 *   zero:     mem' = beta*((1 - reset)*mem) + input
 *   none:     mem' = beta*mem + input
 * and spk = H(mem' - threshold) with the surrogate gradient. With resetDelay false the reset is applied
 * at once (snnTorch: do_reset = spk - reset). `mem` null starts at zeros. Returns [spk, mem'].
 *
 * @param input - The input of this step (e.g. a Linear layer's output), any shape.
 * @param mem - The previous membrane potential; null starts at zeros.
 * @param p - beta (decay per step, no unit), threshold (default 1), spikeGrad (default atan, alpha 2),
 *   resetMechanism (default 'subtract'), resetDelay (default true).
 * @example
 * ```ts
 * // snnTorch: lif = snn.Leaky(beta=0.9); spk, mem = lif(x, mem)
 * let mem: Tensor | null = null;
 * const spikes: number[] = [];
 * for (let t = 0; t < 4; t++) {
 *   const [spk, next] = leakyStep(tensor([0.6]), mem, { beta: 0.9 });
 *   mem = next;
 *   spikes.push(spk.item());
 * }
 * console.log(spikes); // [0, 1, 0, 1]
 * ```
 */
export function leakyStep(input: Tensor, mem: Tensor | null, p: LeakyParameters): [Tensor, Tensor] {
  const fn = 'leakyStep';
  checkParam(fn, 'beta', p.beta);
  const { threshold, spikeFn, reset } = resolveLeaky(fn, p);
  const m = mem ?? zeros(input.shape);
  const beta = clamp01(p.beta);
  const r = resetSignal(m, threshold);
  let next: Tensor;
  if (reset === 'subtract') next = sub(add(mul(m, beta), input), mul(r, threshold));
  else if (reset === 'zero') next = add(mul(mul(sub(1, r), m), beta), input);
  else next = add(mul(m, beta), input);
  const spk = spikeFn(sub(next, threshold));
  if (p.resetDelay === false && reset !== 'none') {
    const doReset = sub(spk, r);
    next = reset === 'subtract' ? sub(next, mul(doReset, threshold)) : sub(next, mul(doReset, next));
  }
  return [spk, next];
}
