import { add, mul, neg, relu, sub } from '../ops/index.js';
import { resolveSpikeFunction, type SpikeMethod } from '../surrogate/resolve.js';
import type { Tensor } from '../tensor/tensor.js';
import { DEFAULT_DT, resetTo } from './lif.js';
import { checkDt, filledLike, type Param, scaleParam, withDefaults } from './param.js';

/*
 * Norse's conductance-based LIF (norse/torch/functional/coba_lif.py, Norse 1.0). A signed input is
 * split into excitatory (relu(x)) and inhibitory (relu(-x)) conductances, which decay and drive the
 * membrane towards their reversal potentials. Norse 1.0's order: the input jumps into the conductances,
 * they decay, the membrane integrates with the decayed conductances and the OLD v; spike and reset in
 * the same step (z kept in the graph); fires on v - vThresh > 0.
 */

/** Norse `CobaLIFParameters`; every field but method and alpha may be a number or a tensor. */
export interface CobaLIFParameters {
  /** 1 / excitatory synaptic time constant, default 0.2. */
  tauSynExcInv: Param;
  /** 1 / inhibitory synaptic time constant, default 0.2. */
  tauSynInhInv: Param;
  /** 1 / membrane capacitance, default 5. */
  cMInv: Param;
  /** Leak conductance, default 0.25. */
  gL: Param;
  /** Inhibitory reversal potential (Norse e_rev_I), default -100. */
  eRevI: Param;
  /** Excitatory reversal potential (Norse e_rev_E), default 60. */
  eRevE: Param;
  /** Resting potential, default -20. */
  vRest: Param;
  /** Potential after a spike, default -70. */
  vReset: Param;
  /** Threshold, default -10. */
  vThresh: Param;
  /** Spike function: Norse 'super' (default), 'heaviside', a surrogate name or function. */
  method: SpikeMethod;
  /** Surrogate sharpness for a named method, default 100. */
  alpha: number;
}

/** Norse's CobaLIFParameters defaults (conductances, reversal potentials and rates as Norse writes them). */
export const DEFAULT_COBA_LIF_PARAMETERS: Readonly<CobaLIFParameters> = Object.freeze({
  tauSynExcInv: 0.2,
  tauSynInhInv: 0.2,
  cMInv: 5,
  gL: 0.25,
  eRevI: -100,
  eRevE: 60,
  vRest: -20,
  vReset: -70,
  vThresh: -10,
  method: 'super',
  alpha: 100,
});

/** Norse `CobaLIFFeedForwardState`: membrane v, excitatory and inhibitory conductances. */
export interface CobaLIFFeedForwardState {
  /** Membrane potential. */
  v: Tensor;
  /** Excitatory conductance (Norse `g_e`). */
  gE: Tensor;
  /** Inhibitory conductance (Norse `g_i`). */
  gI: Tensor;
}

const FIELDS = [
  'tauSynExcInv',
  'tauSynInhInv',
  'cMInv',
  'gL',
  'eRevI',
  'eRevE',
  'vRest',
  'vReset',
  'vThresh',
] as const;

/**
 * Norse `CobaLIFParameters(...)`: the given fields over {@link DEFAULT_COBA_LIF_PARAMETERS}, each checked.
 *
 * @param p - The fields to set over Norse's defaults: tauSynExcInv and tauSynInhInv (default 0.2),
 *   cMInv (5), gL (0.25), eRevI (-100), eRevE (60), vRest (-20), vReset (-70), vThresh (-10), method
 *   (`'super'`), alpha (100).
 * @example
 * ```ts
 * const p = cobaLIFParameters({ vThresh: -15 });
 * console.log(p.eRevE, p.vReset); // 60 -70 (Norse's defaults)
 * ```
 */
export function cobaLIFParameters(p: Partial<CobaLIFParameters> = {}): CobaLIFParameters {
  return withDefaults('CobaLIFParameters', DEFAULT_COBA_LIF_PARAMETERS, p, FIELDS);
}

/**
 * Norse `CobaLIFCell`'s initial state: v = 0, gE = 0, gI = 0 (zeros, as Norse; v = 0 is above the default threshold).
 *
 * @param shape - The neurons' shape ([batch, n]).
 * @example
 * ```ts
 * const s = cobaLIFInitialState([8, 100]); // v, gE, gI: zeros [8, 100]
 * ```
 */
export function cobaLIFInitialState(shape: readonly number[]): CobaLIFFeedForwardState {
  return { v: filledLike(shape, 0), gE: filledLike(shape, 0), gI: filledLike(shape, 0) };
}

/**
 * Norse `coba_lif_feed_forward_step(input, state, p, dt)`:
 *   gE' = (gE + relu(x))*(1 - dt*tauSynExcInv);  gI' = (gI + relu(-x))*(1 - dt*tauSynInhInv);
 *   vd = v + dt*cMInv*(gL*(vRest - v) + gE'*(eRevE - v) + gI'*(eRevI - v));
 *   z = H(vd - vThresh);  v' = (1 - z)*vd + z*vReset.
 * `state` null starts at zeros. Returns [z, state'].
 *
 * @param input - The step's input: positive values drive gE, negative ones gI.
 * @param state - v, gE, gI before the step; null starts at zeros.
 * @param p - cobaLIFParameters' fields (Norse's defaults where missing).
 * @param dt - The integration step in s, default 1e-3.
 * @example
 * ```ts
 * // Norse: CobaLIFCell(); z, s = cell(x, s)
 * let state: CobaLIFFeedForwardState | null = null;
 * for (let t = 0; t < 10; t++) {
 *   const [z, next] = cobaLIFFeedForwardStep(tensor([[5, -5]]), state, {}, 1e-3);
 *   state = next;
 * }
 * ```
 */
export function cobaLIFFeedForwardStep(
  input: Tensor,
  state: CobaLIFFeedForwardState | null,
  p: Partial<CobaLIFParameters> = {},
  dt: number = DEFAULT_DT,
): [Tensor, CobaLIFFeedForwardState] {
  checkDt('cobaLIFFeedForwardStep', dt);
  const q = cobaLIFParameters(p);
  const s = state ?? cobaLIFInitialState(input.shape);
  const gEj = add(s.gE, relu(input));
  const gIj = add(s.gI, relu(neg(input)));
  const gE = add(gEj, mul(gEj, scaleParam(-dt, q.tauSynExcInv)));
  const gI = add(gIj, mul(gIj, scaleParam(-dt, q.tauSynInhInv)));
  const current = add(
    add(mul(sub(q.vRest, s.v), q.gL), mul(gE, sub(q.eRevE, s.v))),
    mul(gI, sub(q.eRevI, s.v)),
  );
  const vd = add(s.v, mul(current, scaleParam(dt, q.cMInv)));
  const z = resolveSpikeFunction(q.method, q.alpha)(sub(vd, q.vThresh));
  return [z, { v: resetTo(vd, z, q.vReset), gE, gI }];
}
