import { add, mul, sub } from '../ops/index.js';
import { resolveSpikeFunction } from '../surrogate/resolve.js';
import type { Tensor } from '../tensor/tensor.js';
import { DEFAULT_DT, resetTo } from './lif.js';
import { DEFAULT_LIF_EX_PARAMETERS, exponentialUpswing, type LIFExParameters } from './lif-ex.js';
import { checkDt, filledLike, type Param, scaleParam, withDefaults } from './param.js';

/*
 * Norse's adaptive exponential LIF (norse/torch/functional/lif_adex.py, Norse 1.0; defaults from
 * PyNN's EIF_cond_exp_isfa_ista). LIFEx plus an adaptation current a that grows with the membrane's
 * distance from vLeak and jumps by adaptationSpike on every spike. Norse 1.0's order: input jump into
 * the current first; the membrane integrates the jumped current minus a; a integrates the OLD v; spike
 * and reset in the same step (z kept in the graph); fires on vd - vTh > 0.
 */

/** Norse `LIFAdExParameters`: LIFExParameters (same defaults) and the adaptation current's. */
export interface LIFAdExParameters extends LIFExParameters {
  /** Adaptation coupling (nS in PyNN's units), default 4. */
  adaptationCurrent: Param;
  /** Spike-triggered adaptation jump, default 0.02. */
  adaptationSpike: Param;
  /** 1 / adaptation time constant, 1/s, default 2. */
  tauAdaInv: Param;
}

/** LIFEx's defaults and PyNN's adaptation (adaptation_current 4, adaptation_spike 0.02, tau_ada_inv 2). */
export const DEFAULT_LIF_ADEX_PARAMETERS: Readonly<LIFAdExParameters> = Object.freeze({
  ...DEFAULT_LIF_EX_PARAMETERS,
  adaptationCurrent: 4,
  adaptationSpike: 0.02,
  tauAdaInv: 2,
});

/** Norse `LIFAdExFeedForwardState`: membrane v, synaptic current i, adaptation current a. */
export interface LIFAdExFeedForwardState {
  /** Membrane potential. */
  v: Tensor;
  /** Synaptic input current. */
  i: Tensor;
  /** Adaptation current. */
  a: Tensor;
}

const FIELDS = [
  'adaptationCurrent',
  'adaptationSpike',
  'deltaT',
  'tauAdaInv',
  'tauSynInv',
  'tauMemInv',
  'vLeak',
  'vTh',
  'vReset',
] as const;

/**
 * Norse `LIFAdExParameters(...)`: the given fields over {@link DEFAULT_LIF_ADEX_PARAMETERS}, each checked.
 *
 * @param p - LIFEx's fields (tauMemInv, tauSynInv in 1/s, deltaT...) and the adaptation's:
 *   adaptationCurrent (default 4), adaptationSpike (default 0.02), tauAdaInv in 1/s (default 2).
 * @example
 * ```ts
 * const p = lifAdExParameters({ adaptationSpike: 0.1 });
 * ```
 */
export function lifAdExParameters(p: Partial<LIFAdExParameters> = {}): LIFAdExParameters {
  return withDefaults('LIFAdExParameters', DEFAULT_LIF_ADEX_PARAMETERS, p, FIELDS);
}

/**
 * Norse `LIFAdExCell`'s initial state: v = vLeak (detached), i = 0, a = 0.
 *
 * @param shape - The neurons' shape ([batch, n]).
 * @param p - vLeak (default 0) is where v starts.
 * @example
 * ```ts
 * const s = lifAdExInitialState([8, 100]); // v = 0, i = 0, a = 0
 * ```
 */
export function lifAdExInitialState(
  shape: readonly number[],
  p: Partial<LIFAdExParameters> = {},
): LIFAdExFeedForwardState {
  return {
    v: filledLike(shape, lifAdExParameters(p).vLeak),
    i: filledLike(shape, 0),
    a: filledLike(shape, 0),
  };
}

/**
 * Norse `lif_adex_feed_forward_step(input, state, p, dt)`:
 *   j = i + input;  vd = v + dt*tauMemInv*((vLeak - v) + deltaT*exp((v - vTh)/deltaT) + j - a);
 *   i' = j - dt*tauSynInv*j;  ad = a + dt*tauAdaInv*(adaptationCurrent*(v - vLeak) - a);
 *   z = H(vd - vTh);  v' = (1 - z)*vd + z*vReset;  a' = ad + z*adaptationSpike.
 * `state` null starts at v = vLeak, i = 0, a = 0. Returns [z, state'].
 *
 * @param input - The step's input current.
 * @param state - v, i and a before the step; null starts at v = vLeak, i = 0, a = 0.
 * @param p - lifAdExParameters' fields.
 * @param dt - The integration step in s, default 1e-3.
 * @example
 * ```ts
 * // Norse: LIFAdExCell(); the adaptation current a grows with each spike
 * let state: LIFAdExFeedForwardState | null = null;
 * for (let t = 0; t < 50; t++) {
 *   const [z, next] = lifAdExFeedForwardStep(tensor([[5]]), state, {}, 1e-3);
 *   state = next;
 * }
 * ```
 */
export function lifAdExFeedForwardStep(
  input: Tensor,
  state: LIFAdExFeedForwardState | null,
  p: Partial<LIFAdExParameters> = {},
  dt: number = DEFAULT_DT,
): [Tensor, LIFAdExFeedForwardState] {
  checkDt('lifAdExFeedForwardStep', dt);
  const q = lifAdExParameters(p);
  const s = state ?? lifAdExInitialState(input.shape, q);
  const j = add(s.i, input);
  const drive = sub(add(add(sub(q.vLeak, s.v), exponentialUpswing(s.v, q.vTh, q.deltaT)), j), s.a);
  const vd = add(s.v, mul(drive, scaleParam(dt, q.tauMemInv)));
  const i = add(j, mul(j, scaleParam(-dt, q.tauSynInv)));
  const ad = add(
    s.a,
    mul(sub(mul(sub(s.v, q.vLeak), q.adaptationCurrent), s.a), scaleParam(dt, q.tauAdaInv)),
  );
  const z = resolveSpikeFunction(q.method, q.alpha)(sub(vd, q.vTh));
  return [z, { v: resetTo(vd, z, q.vReset), i, a: add(ad, mul(z, q.adaptationSpike)) }];
}
