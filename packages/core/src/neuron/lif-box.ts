import { add, mul, sub } from '../ops/index.js';
import { resolveSpikeFunction } from '../surrogate/resolve.js';
import type { Tensor } from '../tensor/tensor.js';
import { DEFAULT_DT, DEFAULT_LIF_PARAMETERS, type LIFParameters, resetTo } from './lif.js';
import { checkDt, filledLike, scaleParam, withDefaults } from './param.js';

/*
 * Norse's LIF without a synaptic current (norse/torch/functional/lif_box.py, Norse 1.0): the input
 * current drives the membrane directly. Fires on vd - vTh > 0 (Norse's heaviside), resets in the same
 * step with the spike kept in the graph (z is not detached), as Norse's lif_box_feed_forward_step.
 */

/** Norse `LIFBoxParameters`: LIFParameters without the synaptic current (same defaults). */
export type LIFBoxParameters = Omit<LIFParameters, 'tauSynInv'>;

const { tauSynInv: _none, ...boxDefaults } = DEFAULT_LIF_PARAMETERS;

/** Norse's LIFParameters defaults without the synaptic current. */
export const DEFAULT_LIF_BOX_PARAMETERS: Readonly<LIFBoxParameters> = Object.freeze(boxDefaults);

/** Norse `LIFBoxFeedForwardState`: the membrane v. */
export interface LIFBoxFeedForwardState {
  v: Tensor;
}

/** Norse `LIFBoxParameters(...)`: the given fields over {@link DEFAULT_LIF_BOX_PARAMETERS}, each checked. */
export function lifBoxParameters(p: Partial<LIFBoxParameters> = {}): LIFBoxParameters {
  return withDefaults('LIFBoxParameters', DEFAULT_LIF_BOX_PARAMETERS, p, [
    'tauMemInv',
    'vLeak',
    'vTh',
    'vReset',
  ]);
}

/** Norse `LIFBoxCell`'s initial state: v = vLeak (detached). */
export function lifBoxInitialState(
  shape: readonly number[],
  p: Partial<LIFBoxParameters> = {},
): LIFBoxFeedForwardState {
  return { v: filledLike(shape, lifBoxParameters(p).vLeak) };
}

/**
 * Norse `lif_box_feed_forward_step(input, state, p, dt)`:
 *   vd = v + dt*tauMemInv*((vLeak - v) + input);  z = H(vd - vTh);  v' = (1 - z)*vd + z*vReset.
 * `state` null starts at v = vLeak. Returns [z, state'].
 */
export function lifBoxFeedForwardStep(
  input: Tensor,
  state: LIFBoxFeedForwardState | null,
  p: Partial<LIFBoxParameters> = {},
  dt: number = DEFAULT_DT,
): [Tensor, LIFBoxFeedForwardState] {
  checkDt('lifBoxFeedForwardStep', dt);
  const q = lifBoxParameters(p);
  const v = state?.v ?? lifBoxInitialState(input.shape, q).v;
  const vd = add(v, mul(add(sub(q.vLeak, v), input), scaleParam(dt, q.tauMemInv)));
  const z = resolveSpikeFunction(q.method, q.alpha)(sub(vd, q.vTh));
  return [z, { v: resetTo(vd, z, q.vReset) }];
}
