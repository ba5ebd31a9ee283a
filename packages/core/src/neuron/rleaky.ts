import { ArgumentError, ShapeError } from '../errors.js';
import { add, matMul, mul, sub, zeros } from '../ops/index.js';
import type { Tensor } from '../tensor/tensor.js';
import { type LeakyParameters, resetSignal, resolveLeaky } from './leaky.js';
import { checkParam, clamp01, type Param } from './param.js';

/*
 * snnTorch's recurrent first-order neurons (snntorch/_neurons/rleaky.py and rsynaptic.py, snnTorch
 * 0.9.4): Leaky and Synaptic with the layer's own previous spikes fed back, either through a dense
 * Linear (all_to_all, weight [n, n] and bias [n]: the bias enters every step, also the first) or one
 * to one through V. Fires on mem - threshold > 0; the reset comes from the previous membrane, detached,
 * as Leaky; the fed-back spikes stay in the graph. Unlike Leaky, RLeaky's 'zero' reset zeroes the
 * whole update (base - reset*base).
 */

/** How the previous spikes come back: a dense Linear (all_to_all) or a per-neuron scale V. */
export interface RecurrentConnection {
  /** all_to_all: the recurrent Linear's weight [n, n] (PyTorch layout, out x in). */
  recurrentWeight?: Tensor;
  /** all_to_all: the recurrent Linear's bias [n]. */
  recurrentBias?: Tensor;
  /** One to one (no recurrentWeight): spk * V, default 1 (snnTorch's V). */
  V?: Param;
}

/** snnTorch `RLeaky(beta, V=1.0, all_to_all=True, linear_features, threshold=1.0, ...)`. */
export interface RLeakyParameters extends LeakyParameters, RecurrentConnection {}

/** snnTorch RLeaky state: the previous spikes and membrane. */
export interface RLeakyState {
  /** The previous step's spikes, fed back through the recurrent connection. */
  spk: Tensor;
  /** Membrane potential. */
  mem: Tensor;
}

/** The fed-back current: spk @ W^T + bias (all_to_all) or spk * V (one to one). */
export function recurrentCurrent(fn: string, spk: Tensor, c: RecurrentConnection): Tensor {
  if (c.recurrentWeight !== undefined) {
    const w = c.recurrentWeight;
    const n = spk.shape[spk.rank - 1];
    if (w.rank !== 2 || w.shape[0] !== n || w.shape[1] !== n) {
      throw new ShapeError(
        `${fn}: recurrentWeight must be [${n}, ${n}] for spikes [${spk.shape.join(', ')}], got [${w.shape.join(', ')}]`,
      );
    }
    const rec = matMul(spk, w, false, true);
    return c.recurrentBias === undefined ? rec : add(rec, c.recurrentBias);
  }
  if (c.recurrentBias !== undefined)
    throw new ArgumentError(`${fn}: recurrentBias needs recurrentWeight (all_to_all)`);
  const V = c.V ?? 1;
  checkParam(fn, 'V', V);
  return mul(spk, V);
}

/**
 * One step of snnTorch `RLeaky`, with reset = H(mem - threshold) of the previous membrane (detached):
 *   base = beta*mem + input + recurrent(spk);
 *   subtract (default): mem' = base - reset*threshold;  zero: base - reset*base;  none: base;
 *   spk' = H(mem' - threshold); with resetDelay false the reset is applied at once (do_reset = spk' - reset).
 * `state` null starts at spk = 0, mem = 0. Returns [spk', state'].
 *
 * @param input - The step's input current, [batch, n].
 * @param state - spk and mem before the step; null starts at zeros.
 * @param p - beta (membrane decay per step, in [0, 1]), recurrentWeight [n, n] and recurrentBias [n]
 *   (all_to_all) or V (one to one, default 1), threshold (default 1), spikeGrad (default atan),
 *   resetMechanism (default `'subtract'`), resetDelay (default true).
 * @example
 * ```ts
 * // snnTorch: snn.RLeaky(beta=0.9, linear_features=4)
 * const recurrentWeight = randomNormal([4, 4], { seed: 0, std: 0.5 }); // [n, n]
 * const recurrentBias = zeros([4]);
 * let state: RLeakyState | null = null;
 * for (let t = 0; t < 5; t++) {
 *   const [spk, next] = rleakyStep(fill([2, 4], 0.4), state, { beta: 0.9, recurrentWeight, recurrentBias });
 *   state = next;
 * }
 * ```
 */
export function rleakyStep(
  input: Tensor,
  state: RLeakyState | null,
  p: RLeakyParameters,
): [Tensor, RLeakyState] {
  const fn = 'rleakyStep';
  checkParam(fn, 'beta', p.beta);
  const { threshold, spikeFn, reset } = resolveLeaky(fn, p);
  const spk0 = state?.spk ?? zeros(input.shape);
  const mem0 = state?.mem ?? zeros(input.shape);
  const r = resetSignal(mem0, threshold);
  const base = add(add(mul(mem0, clamp01(p.beta)), input), recurrentCurrent(fn, spk0, p));
  let mem = base;
  if (reset === 'subtract') mem = sub(base, mul(r, threshold));
  else if (reset === 'zero') mem = sub(base, mul(r, base));
  const spk = spikeFn(sub(mem, threshold));
  if (p.resetDelay === false && reset !== 'none') {
    const doReset = sub(spk, r);
    mem = reset === 'subtract' ? sub(mem, mul(doReset, threshold)) : sub(mem, mul(doReset, mem));
  }
  return [spk, { spk, mem }];
}
