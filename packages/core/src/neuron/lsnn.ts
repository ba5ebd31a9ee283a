import { add, mul, sub } from '../ops/index.js';
import { resolveSpikeFunction } from '../surrogate/resolve.js';
import type { Tensor } from '../tensor/tensor.js';
import { DEFAULT_DT, DEFAULT_LIF_PARAMETERS, type LIFParameters, resetTo } from './lif.js';
import { checkDt, filledLike, type Param, scaleParam, withDefaults } from './param.js';

/*
 * Norse's LSNN (norse/torch/functional/lsnn.py, Norse 1.0; Bellec et al. 2018): a LIF whose threshold
 * b adapts, relaxing towards vTh and jumping by beta on every spike. The feed-forward step integrates
 * the membrane with the OLD current and adds the input to the current last, so an input reaches the
 * membrane one step later (Norse's lsnn_feed_forward_step); spike and reset in the same step with z
 * kept in the graph. Fires on vd - b > 0.
 */

/** Norse `LSNNParameters`: LIFParameters (same defaults; vTh is the resting threshold) and the adaptation's. */
export interface LSNNParameters extends LIFParameters {
  /** 1 / threshold adaptation time constant, 1/s, default 1/800. */
  tauAdaptInv: Param;
  /** Threshold jump per spike, default 1.8. */
  beta: Param;
}

/** Norse's LIFParameters defaults, tau_adapt_inv 1/800 and beta 1.8. */
export const DEFAULT_LSNN_PARAMETERS: Readonly<LSNNParameters> = Object.freeze({
  ...DEFAULT_LIF_PARAMETERS,
  tauAdaptInv: 1 / 800,
  beta: 1.8,
});

/** Norse `LSNNFeedForwardState`: membrane v, synaptic current i, adaptive threshold b. */
export interface LSNNFeedForwardState {
  /** Membrane potential. */
  v: Tensor;
  /** Synaptic input current. */
  i: Tensor;
  /** Adaptive threshold (Norse `b`): relaxes towards vTh with tauAdaptInv and jumps by beta on each spike. */
  b: Tensor;
}

const FIELDS = ['tauSynInv', 'tauMemInv', 'tauAdaptInv', 'vLeak', 'vTh', 'vReset', 'beta'] as const;

/**
 * Norse `LSNNParameters(...)`: the given fields over {@link DEFAULT_LSNN_PARAMETERS}, each checked.
 *
 * @param p - LIF's fields (tauMemInv, tauSynInv in 1/s, default 100 and 200; vTh, vLeak, vReset...),
 *   tauAdaptInv in 1/s (default 1/800) and beta, the threshold jump per spike (default 1.8).
 * @example
 * ```ts
 * const p = lsnnParameters({ tauAdaptInv: 1 / 0.2, beta: 0.5 }); // threshold adaptation over 200 ms
 * ```
 */
export function lsnnParameters(p: Partial<LSNNParameters> = {}): LSNNParameters {
  return withDefaults('LSNNParameters', DEFAULT_LSNN_PARAMETERS, p, FIELDS);
}

/**
 * Norse `LSNNCell`'s initial state: v = vLeak, i = 0, b = vTh (detached).
 *
 * @param shape - The neurons' shape ([batch, n]).
 * @param p - vLeak (where v starts, default 0) and vTh (where b starts, default 1).
 * @example
 * ```ts
 * const s = lsnnInitialState([8, 100]); // v = 0, i = 0, b = 1
 * ```
 */
export function lsnnInitialState(
  shape: readonly number[],
  p: Partial<LSNNParameters> = {},
): LSNNFeedForwardState {
  const q = lsnnParameters(p);
  return { v: filledLike(shape, q.vLeak), i: filledLike(shape, 0), b: filledLike(shape, q.vTh) };
}

/**
 * Norse `lsnn_feed_forward_step(input, state, p, dt)`:
 *   vd = v + dt*tauMemInv*((vLeak - v) + i);  id = i - dt*tauSynInv*i;  bd = b + dt*tauAdaptInv*(vTh - b);
 *   z = H(vd - bd);  v' = (1 - z)*vd + z*vReset;  b' = bd + z*beta;  i' = id + input.
 * `state` null starts at v = vLeak, i = 0, b = vTh. Returns [z, state'].
 *
 * @param input - The step's input current (added to i after the decay).
 * @param state - v, i and b before the step; null starts at v = vLeak, i = 0, b = vTh.
 * @param p - lsnnParameters' fields.
 * @param dt - The integration step in s, default 1e-3.
 * @example
 * ```ts
 * // Norse: LSNNCell(); the threshold b rises by beta with each spike
 * let state: LSNNFeedForwardState | null = null;
 * for (let t = 0; t < 50; t++) {
 *   const [z, next] = lsnnFeedForwardStep(tensor([[3]]), state, {}, 1e-3);
 *   state = next;
 * }
 * console.log(state?.b.dataSync()); // above vTh = 1 once the neuron has fired
 * ```
 */
export function lsnnFeedForwardStep(
  input: Tensor,
  state: LSNNFeedForwardState | null,
  p: Partial<LSNNParameters> = {},
  dt: number = DEFAULT_DT,
): [Tensor, LSNNFeedForwardState] {
  checkDt('lsnnFeedForwardStep', dt);
  const q = lsnnParameters(p);
  const s = state ?? lsnnInitialState(input.shape, q);
  const vd = add(s.v, mul(add(sub(q.vLeak, s.v), s.i), scaleParam(dt, q.tauMemInv)));
  const id = add(s.i, mul(s.i, scaleParam(-dt, q.tauSynInv)));
  const bd = add(s.b, mul(sub(q.vTh, s.b), scaleParam(dt, q.tauAdaptInv)));
  const z = resolveSpikeFunction(q.method, q.alpha)(sub(vd, bd));
  return [z, { v: resetTo(vd, z, q.vReset), i: add(id, input), b: add(bd, mul(z, q.beta)) }];
}
