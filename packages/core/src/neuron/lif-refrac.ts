import { add, mul, relu, sub } from '../ops/index.js';
import { resolveSpikeFunction } from '../surrogate/resolve.js';
import type { Tensor } from '../tensor/tensor.js';
import {
  DEFAULT_DT,
  type LIFFeedForwardState,
  type LIFParameters,
  lifFeedForwardInitialState,
  lifFeedForwardStep,
  lifParameters,
} from './lif.js';
import { checkDt, checkParam, filledLike, type Param } from './param.js';

/*
 * Norse's LIF with an absolute refractory period (norse/torch/functional/lif_refrac.py, Norse 1.0): a
 * counter rho, set to rhoReset on a spike and counting down by one per step, holds the membrane and
 * suppresses spikes while it is above 0. The refractory mask m = H(rho) goes through the same spike
 * function as the neuron (so rho and rhoReset get surrogate gradients), as Norse.
 */

/** Norse `LIFRefracParameters`: the LIF's parameters and the refractory counter's reset value. */
export interface LIFRefracParameters {
  /** The LIF integration (Norse `LIFParameters`; missing fields take Norse's defaults). */
  lif: Partial<LIFParameters>;
  /** Steps of refractoriness after a spike, default 5 (a number or a tensor). */
  rhoReset: Param;
}

/** Norse's LIFRefracParameters defaults: LIFParameters' defaults and rhoReset 5 steps. */
export const DEFAULT_LIF_REFRAC_PARAMETERS: Readonly<LIFRefracParameters> = Object.freeze({
  lif: {},
  rhoReset: 5,
});

/** Norse `LIFRefracFeedForwardState`: the LIF's state and the refractory counter rho. */
export interface LIFRefracFeedForwardState {
  /** The LIF's membrane v and synaptic current i. */
  lif: LIFFeedForwardState;
  /** Refractory steps left per neuron (rhoReset after a spike, counting down to 0; the membrane is held while above 0). */
  rho: Tensor;
}

/**
 * Norse `LIFRefracParameters(lif, rho_reset)`: `lif` completed by lifParameters, rhoReset defaulted and checked.
 *
 * @param p - lif (LIF's fields: tauMemInv, tauSynInv in 1/s...) and rhoReset, the refractory steps after
 *   a spike (default 5).
 * @example
 * ```ts
 * const p = lifRefracParameters({ lif: { tauMemInv: 50 }, rhoReset: 2 });
 * ```
 */
export function lifRefracParameters(p: Partial<LIFRefracParameters> = {}): LIFRefracParameters {
  const full = {
    lif: lifParameters(p.lif ?? {}),
    rhoReset: p.rhoReset ?? DEFAULT_LIF_REFRAC_PARAMETERS.rhoReset,
  };
  checkParam('LIFRefracParameters', 'rhoReset', full.rhoReset);
  return full;
}

/**
 * Norse `LIFRefracCell`'s initial state: v = vLeak, i = 0, rho = 0.
 *
 * @param shape - The neurons' shape ([batch, n]).
 * @param p - lif.vLeak (default 0) is where v starts.
 * @example
 * ```ts
 * const s = lifRefracInitialState([8, 100]); // lif: v = 0, i = 0; rho = 0
 * ```
 */
export function lifRefracInitialState(
  shape: readonly number[],
  p: Partial<LIFRefracParameters> = {},
): LIFRefracFeedForwardState {
  return { lif: lifFeedForwardInitialState(shape, p.lif ?? {}), rho: filledLike(shape, 0) };
}

/**
 * Norse `lif_refrac_feed_forward_step(input, state, p, dt)`: a lifFeedForwardStep (z, v', i'), then
 * with m = H(rho) through the LIF's spike function:
 *   v'' = (1 - m)*v' + m*v;  z' = (1 - m)*z;  rho' = (1 - z')*relu(rho - m) + z'*rhoReset.
 * `state` null starts at v = vLeak, i = 0, rho = 0. Returns [z', state'].
 *
 * @param input - The step's input current.
 * @param state - The LIF state and rho before the step; null starts at v = vLeak, i = 0, rho = 0.
 * @param p - lif (LIF's fields) and rhoReset (default 5 steps).
 * @param dt - The integration step in s, default 1e-3.
 * @example
 * ```ts
 * // Norse: LIFRefracCell(); after each spike the membrane is held for rhoReset steps
 * let state: LIFRefracFeedForwardState | null = null;
 * for (let t = 0; t < 50; t++) {
 *   const [z, next] = lifRefracFeedForwardStep(tensor([[20]]), state, { rhoReset: 5 }, 1e-3);
 *   state = next;
 * }
 * ```
 */
export function lifRefracFeedForwardStep(
  input: Tensor,
  state: LIFRefracFeedForwardState | null,
  p: Partial<LIFRefracParameters> = {},
  dt: number = DEFAULT_DT,
): [Tensor, LIFRefracFeedForwardState] {
  checkDt('lifRefracFeedForwardStep', dt);
  const q = lifRefracParameters(p);
  const lif = q.lif as LIFParameters;
  const s = state ?? lifRefracInitialState(input.shape, q);
  const [zLif, next] = lifFeedForwardStep(input, s.lif, lif, dt);
  const m = resolveSpikeFunction(lif.method, lif.alpha)(s.rho);
  const open = sub(1, m);
  const v = add(mul(open, next.v), mul(m, s.lif.v));
  const z = mul(open, zLif);
  const rho = add(mul(sub(1, z), relu(sub(s.rho, m))), mul(z, q.rhoReset));
  return [z, { lif: { v, i: next.i }, rho }];
}
