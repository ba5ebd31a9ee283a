import { add, sub } from '../ops/index.js';
import { resolveSpikeFunction, type SpikeMethod } from '../surrogate/resolve.js';
import type { Tensor } from '../tensor/tensor.js';
import { DEFAULT_DT, resetTo } from './lif.js';
import { checkDt, filledLike, type Param, withDefaults } from './param.js';

/*
 * Norse's integrate-and-fire neuron (norse/torch/functional/iaf.py, Norse 1.0): no leak, the input is
 * added to the membrane each step (dt is accepted for the common signature and not used, as Norse).
 * Fires on v - vTh > 0 and resets in the same step with the spike kept in the graph.
 */

/** Norse `IAFParameters`. */
export interface IAFParameters {
  /** Threshold, default 1. */
  vTh: Param;
  /** Potential after a spike, default 0. */
  vReset: Param;
  /** Spike function: Norse 'super' (default), 'heaviside', a surrogate name or function. */
  method: SpikeMethod;
  /** Surrogate sharpness for a named method, default 100. */
  alpha: number;
}

/** Norse's IAFParameters defaults: vTh 1, vReset 0, SuperSpike surrogate with alpha 100. */
export const DEFAULT_IAF_PARAMETERS: Readonly<IAFParameters> = Object.freeze({
  vTh: 1,
  vReset: 0,
  method: 'super',
  alpha: 100,
});

/** Norse `IAFFeedForwardState`: the membrane v. */
export interface IAFFeedForwardState {
  /** Membrane potential. */
  v: Tensor;
}

/**
 * Norse `IAFParameters(...)`: the given fields over {@link DEFAULT_IAF_PARAMETERS}, vTh and vReset checked.
 *
 * @param p - vTh (default 1), vReset (default 0), method (default `'super'`), alpha (default 100).
 * @example
 * ```ts
 * const p = iafParameters({ vTh: 0.5 }); // vReset 0, SuperSpike surrogate
 * ```
 */
export function iafParameters(p: Partial<IAFParameters> = {}): IAFParameters {
  return withDefaults('IAFParameters', DEFAULT_IAF_PARAMETERS, p, ['vTh', 'vReset']);
}

/**
 * Norse `IAFCell`'s initial state: v = vReset (detached).
 *
 * @param shape - The neurons' shape ([batch, n]).
 * @param p - vReset (default 0) is where v starts.
 * @example
 * ```ts
 * const s = iafInitialState([8, 100], { vReset: -0.5 }); // v = -0.5, [8, 100]
 * ```
 */
export function iafInitialState(
  shape: readonly number[],
  p: Partial<IAFParameters> = {},
): IAFFeedForwardState {
  return { v: filledLike(shape, iafParameters(p).vReset) };
}

/**
 * Norse `iaf_feed_forward_step(input, state, p, dt)`: v' = v + input; z = H(v' - vTh);
 * v'' = (1 - z)*v' + z*vReset. `state` null starts at v = vReset. Returns [z, state'].
 *
 * @param input - The step's input, added to v.
 * @param state - v before the step; null starts at v = vReset.
 * @param p - vTh (default 1), vReset (default 0), method, alpha.
 * @param dt - The integration step in s, default 1e-3 (the update does not use it; kept as Norse's signature).
 * @example
 * ```ts
 * // Norse: IAFCell(); integrate 0.4 per step: spikes at steps 3, 6, 9, ...
 * let state: IAFFeedForwardState | null = null;
 * for (let t = 0; t < 6; t++) {
 *   const [z, next] = iafFeedForwardStep(tensor([0.4]), state);
 *   state = next;
 * }
 * ```
 */
export function iafFeedForwardStep(
  input: Tensor,
  state: IAFFeedForwardState | null,
  p: Partial<IAFParameters> = {},
  dt: number = DEFAULT_DT,
): [Tensor, IAFFeedForwardState] {
  checkDt('iafFeedForwardStep', dt);
  const q = iafParameters(p);
  const v = add(state?.v ?? iafInitialState(input.shape, q).v, input);
  const z = resolveSpikeFunction(q.method, q.alpha)(sub(v, q.vTh));
  return [z, { v: resetTo(v, z, q.vReset) }];
}
