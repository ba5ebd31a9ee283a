import { add, div, exp, mul, sub } from '../ops/index.js';
import { resolveSpikeFunction } from '../surrogate/resolve.js';
import type { Tensor } from '../tensor/tensor.js';
import { DEFAULT_DT, DEFAULT_LIF_PARAMETERS, type LIFParameters, resetTo } from './lif.js';
import { checkDt, filledLike, type Param, scaleParam, withDefaults } from './param.js';

/*
 * Norse's exponential LIF (norse/torch/functional/lif_ex.py, Norse 1.0): the LIF with the exponential
 * upswing delta_T*exp((v - v_th)/delta_T) in the membrane equation. Norse 1.0's order: the input jumps
 * into the current first, the membrane integrates the jumped current, then spike and reset in the
 * same step (z kept in the graph). Fires on vd - vTh > 0.
 */

/** Norse `LIFExParameters`: LIFParameters (same defaults) and the upswing's sharpness. */
export interface LIFExParameters extends LIFParameters {
  /** Sharpness of the exponential upswing, default 0.5 (a number or a tensor). */
  deltaT: Param;
}

/** Norse's LIFParameters defaults and delta_T 0.5. */
export const DEFAULT_LIF_EX_PARAMETERS: Readonly<LIFExParameters> = Object.freeze({
  ...DEFAULT_LIF_PARAMETERS,
  deltaT: 0.5,
});

/** Norse `LIFExFeedForwardState`: membrane v and synaptic current i. */
export interface LIFExFeedForwardState {
  /** Membrane potential. */
  v: Tensor;
  /** Synaptic input current. */
  i: Tensor;
}

const FIELDS = ['deltaT', 'tauSynInv', 'tauMemInv', 'vLeak', 'vTh', 'vReset'] as const;

/**
 * Norse `LIFExParameters(...)`: the given fields over the defaults ({@link DEFAULT_LIF_EX_PARAMETERS}), each
 * checked (a finite number or a tensor); throws an ArgumentError naming the bad field.
 *
 * @param p - LIF's fields (tauMemInv, tauSynInv in 1/s, default 100 and 200; vTh, vLeak, vReset...) and
 *   deltaT, the upswing's sharpness (default 0.5).
 * @example
 * ```ts
 * const p = lifExParameters({ deltaT: 0.2 });
 * ```
 */
export function lifExParameters(p: Partial<LIFExParameters> = {}): LIFExParameters {
  return withDefaults('LIFExParameters', DEFAULT_LIF_EX_PARAMETERS, p, FIELDS);
}

/**
 * Norse `LIFExCell`'s initial state: v = vLeak (detached), i = 0.
 *
 * @param shape - The neurons' shape ([batch, n]).
 * @param p - vLeak (default 0) is where v starts.
 * @example
 * ```ts
 * const s = lifExInitialState([8, 100]); // v = 0, i = 0
 * ```
 */
export function lifExInitialState(
  shape: readonly number[],
  p: Partial<LIFExParameters> = {},
): LIFExFeedForwardState {
  return { v: filledLike(shape, lifExParameters(p).vLeak), i: filledLike(shape, 0) };
}

/** deltaT * exp((v - vTh) / deltaT): the exponential term of LIFEx and LIFAdEx. */
export function exponentialUpswing(v: Tensor, vTh: Param, deltaT: Param): Tensor {
  return mul(exp(div(sub(v, vTh), deltaT)), deltaT);
}

/**
 * Norse `lif_ex_feed_forward_step(input, state, p, dt)`:
 *   j = i + input;  vd = v + dt*tauMemInv*((vLeak - v) + deltaT*exp((v - vTh)/deltaT) + j);
 *   i' = j - dt*tauSynInv*j;  z = H(vd - vTh);  v' = (1 - z)*vd + z*vReset.
 * `state` null starts at v = vLeak, i = 0. Returns [z, state'].
 *
 * @param input - The step's input current.
 * @param state - v and i before the step; null starts at v = vLeak, i = 0.
 * @param p - lifExParameters' fields.
 * @param dt - The integration step in s, default 1e-3.
 * @example
 * ```ts
 * // Norse: LIFExCell()
 * let state: LIFExFeedForwardState | null = null;
 * for (let t = 0; t < 20; t++) {
 *   const [z, next] = lifExFeedForwardStep(tensor([[5]]), state, { deltaT: 0.5 }, 1e-3);
 *   state = next;
 * }
 * ```
 */
export function lifExFeedForwardStep(
  input: Tensor,
  state: LIFExFeedForwardState | null,
  p: Partial<LIFExParameters> = {},
  dt: number = DEFAULT_DT,
): [Tensor, LIFExFeedForwardState] {
  checkDt('lifExFeedForwardStep', dt);
  const q = lifExParameters(p);
  const s = state ?? lifExInitialState(input.shape, q);
  const j = add(s.i, input);
  const drive = add(add(sub(q.vLeak, s.v), exponentialUpswing(s.v, q.vTh, q.deltaT)), j);
  const vd = add(s.v, mul(drive, scaleParam(dt, q.tauMemInv)));
  const i = add(j, mul(j, scaleParam(-dt, q.tauSynInv)));
  const z = resolveSpikeFunction(q.method, q.alpha)(sub(vd, q.vTh));
  return [z, { v: resetTo(vd, z, q.vReset), i }];
}
