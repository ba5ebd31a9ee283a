import { ArgumentError } from '../errors.js';
import { add, div, log, mul, sub, zeros } from '../ops/index.js';
import type { Tensor } from '../tensor/tensor.js';
import { type LeakyParameters, resetSignal, resolveLeaky } from './leaky.js';
import { checkParam, clamp01, type Param } from './param.js';

/*
 * snnTorch's Alpha neuron (snntorch/_neurons/alpha.py, snnTorch 0.9.4): an excitatory and an
 * inhibitory synaptic trace, the membrane their sum scaled by tau_alpha. Fires on mem - threshold > 0;
 * the reset signal comes from the PREVIOUS membrane and is detached (one step late, as Leaky). Its
 * default reset is 'zero' (all three states zeroed), unlike Leaky's 'subtract'.
 */

/** snnTorch `Alpha(alpha, beta, threshold=1.0, spike_grad=atan(), reset_mechanism='zero')`. */
export interface AlphaParameters extends Omit<LeakyParameters, 'resetDelay' | 'beta'> {
  /** Excitatory decay per step, in [0, 1] (clamped), greater than beta. Fixed (snnTorch 0.9.4 cannot learn it). */
  alpha: Param;
  /** Inhibitory decay per step, in [0, 1) (clamped); a tensor for per-neuron or learnable beta. */
  beta: Param;
}

/** snnTorch Alpha state: excitatory and inhibitory traces and the membrane. */
export interface AlphaState {
  /** Excitatory synaptic trace (snnTorch `syn_exc`), the input's shape. */
  synExc: Tensor;
  /** Inhibitory synaptic trace (snnTorch `syn_inh`), the input's shape. */
  synInh: Tensor;
  /** Membrane potential (snnTorch `mem`), the traces' sum scaled by tau_alpha. */
  mem: Tensor;
}

/** snnTorch's checks: alpha > beta and beta != 1 (tau_alpha would divide by zero). Numbers only. */
function checkAlphaBeta(fn: string, alpha: Param, beta: Param): void {
  if (typeof alpha === 'number' && typeof beta === 'number') {
    if (!(alpha > beta))
      throw new ArgumentError(`${fn}: alpha must be greater than beta, got alpha ${alpha}, beta ${beta}`);
  }
  if (beta === 1)
    throw new ArgumentError(`${fn}: beta cannot be 1 (tau_alpha = log(alpha)/(log(beta) - log(alpha)) + 1)`);
}

/** tau_alpha = log(alpha)/(log(beta) - log(alpha)) + 1 on the clamped decays (numbers fold on the host). */
function tauAlpha(alpha: Param, beta: Param): Param {
  if (typeof alpha === 'number' && typeof beta === 'number') {
    return Math.log(alpha) / (Math.log(beta) - Math.log(alpha)) + 1;
  }
  const la = typeof alpha === 'number' ? Math.log(alpha) : log(alpha);
  const lb = typeof beta === 'number' ? Math.log(beta) : log(beta);
  return add(div(la, sub(lb, la)), 1);
}

/**
 * One step of snnTorch `Alpha`, with reset = H(mem - threshold) of the previous membrane (detached),
 * a = clamp(alpha), b = clamp(beta), tau = log(a)/(log(b) - log(a)) + 1:
 *   synExc' = a*synExc + input;  synInh' = b*synInh - input;  mem' = tau*(synExc' + synInh');
 *   zero (default): all three times (1 - reset);
 *   subtract: synExc' -= reset*threshold, synInh' -= reset*(b*synInh - input), mem' += reset*synInh
 *   (snnTorch's formulas, old synInh); none: no reset.
 * spk = H(mem' - threshold). `state` null starts at zeros. Returns [spk, state'].
 *
 * @param input - The step's input current, any shape.
 * @param state - synExc, synInh and mem before the step; null starts at zeros.
 * @param p - alpha (excitatory decay per step) > beta (inhibitory decay per step), both in [0, 1);
 *   threshold (default 1), spikeGrad (default atan), resetMechanism (default `'zero'`).
 * @example
 * ```ts
 * // snnTorch: snn.Alpha(alpha=0.9, beta=0.8)
 * let state: AlphaState | null = null;
 * for (let t = 0; t < 10; t++) {
 *   const [spk, next] = alphaStep(tensor([0.5]), state, { alpha: 0.9, beta: 0.8 });
 *   state = next;
 * }
 * ```
 */
export function alphaStep(input: Tensor, state: AlphaState | null, p: AlphaParameters): [Tensor, AlphaState] {
  const fn = 'alphaStep';
  checkParam(fn, 'alpha', p.alpha);
  checkParam(fn, 'beta', p.beta);
  checkAlphaBeta(fn, p.alpha, p.beta);
  const { threshold, spikeFn, reset } = resolveLeaky(fn, { resetMechanism: 'zero', ...stripUndefined(p) });
  const exc0 = state?.synExc ?? zeros(input.shape);
  const inh0 = state?.synInh ?? zeros(input.shape);
  const mem0 = state?.mem ?? zeros(input.shape);
  const r = resetSignal(mem0, threshold);
  const a = clamp01(p.alpha);
  const b = clamp01(p.beta);
  let synExc = add(mul(exc0, a), input);
  let synInh = sub(mul(inh0, b), input);
  let mem = mul(add(synExc, synInh), tauAlpha(a, b));
  if (reset === 'zero') {
    const keep = sub(1, r);
    synExc = mul(synExc, keep);
    synInh = mul(synInh, keep);
    mem = mul(mem, keep);
  } else if (reset === 'subtract') {
    synExc = sub(synExc, mul(r, threshold));
    synInh = sub(synInh, mul(r, sub(mul(inh0, b), input)));
    mem = add(mem, mul(r, inh0));
  }
  return [spikeFn(sub(mem, threshold)), { synExc, synInh, mem }];
}

function stripUndefined<T extends object>(p: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(p)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}
