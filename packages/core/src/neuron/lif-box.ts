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
  /** Membrane potential. */
  v: Tensor;
}

/**
 * Norse `LIFBoxParameters(...)`: the given fields over {@link DEFAULT_LIF_BOX_PARAMETERS}, each checked.
 *
 * @param p - tauMemInv in 1/s (default 100), vLeak (0), vTh (1), vReset (0), method (`'super'`), alpha (100).
 * @example
 * ```ts
 * const p = lifBoxParameters({ tauMemInv: 50 }); // 20 ms membrane, no synaptic current
 * ```
 */
export function lifBoxParameters(p: Partial<LIFBoxParameters> = {}): LIFBoxParameters {
  return withDefaults('LIFBoxParameters', DEFAULT_LIF_BOX_PARAMETERS, p, [
    'tauMemInv',
    'vLeak',
    'vTh',
    'vReset',
  ]);
}

/**
 * Norse `LIFBoxCell`'s initial state: v = vLeak (detached).
 *
 * @param shape - The neurons' shape ([batch, n]).
 * @param p - vLeak (default 0) is where v starts.
 * @example
 * ```ts
 * const s = lifBoxInitialState([8, 100]); // v = 0, [8, 100]
 * ```
 */
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
 *
 * @param input - The step's input current (enters the membrane directly).
 * @param state - v before the step; null starts at v = vLeak.
 * @param p - lifBoxParameters' fields: tauMemInv in 1/s (default 100), vLeak, vTh, vReset, method, alpha.
 * @param dt - The integration step in s, default 1e-3.
 * @example
 * ```ts
 * // Norse: LIFBoxCell(); vd = v + dt * tauMemInv * ((vLeak - v) + input)
 * let state: LIFBoxFeedForwardState | null = null;
 * for (let t = 0; t < 20; t++) {
 *   const [z, next] = lifBoxFeedForwardStep(tensor([[20]]), state, { tauMemInv: 100 }, 1e-3);
 *   state = next;
 * }
 * ```
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
