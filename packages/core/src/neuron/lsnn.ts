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
  v: Tensor;
  i: Tensor;
  b: Tensor;
}

const FIELDS = ['tauSynInv', 'tauMemInv', 'tauAdaptInv', 'vLeak', 'vTh', 'vReset', 'beta'] as const;

/** Norse `LSNNParameters(...)`: the given fields over {@link DEFAULT_LSNN_PARAMETERS}, each checked. */
export function lsnnParameters(p: Partial<LSNNParameters> = {}): LSNNParameters {
  return withDefaults('LSNNParameters', DEFAULT_LSNN_PARAMETERS, p, FIELDS);
}

/** Norse `LSNNCell`'s initial state: v = vLeak, i = 0, b = vTh (detached). */
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
