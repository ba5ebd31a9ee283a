import { add, matMul, mul, sub } from '../ops/index.js';
import type { Tensor } from '../tensor/tensor.js';
import { fusedLiStep } from './fused-step.js';
import { DEFAULT_DT } from './lif.js';
import { checkDt, checkParam, filledLike, type Param, scaleParam } from './param.js';

/*
 * Norse's leaky integrator (norse/torch/functional/leaky_integrator.py): the LIF without a threshold,
 * used as a readout. Norse 1.0 adds the input to the current first, and the voltage integrates that
 * jumped current (fixture norse-li-feed-forward-step.json: v after step 0 is dt*tauMemInv*x[0]).
 */

/** Norse `LIParameters`; each field a number or a tensor. */
export interface LIParameters {
  /** 1 / synaptic time constant, default 200. */
  tauSynInv: Param;
  /** 1 / membrane time constant, default 100. */
  tauMemInv: Param;
  /** Leak potential, default 0. */
  vLeak: Param;
}

/** Norse's LIParameters defaults: tauSynInv 200, tauMemInv 100 (5 ms and 10 ms at dt 1 ms), vLeak 0. */
export const DEFAULT_LI_PARAMETERS: Readonly<LIParameters> = Object.freeze({
  tauSynInv: 200,
  tauMemInv: 100,
  vLeak: 0,
});

/** Norse `LIState`: membrane v and current i. */
export interface LIState {
  /** Membrane potential (the readout value). */
  v: Tensor;
  /** Synaptic input current. */
  i: Tensor;
}

/**
 * Norse `LIParameters(...)`: the given fields over {@link DEFAULT_LI_PARAMETERS}, each checked.
 *
 * @param p - The fields to set: tauSynInv and tauMemInv in 1/s (default 200 and 100), vLeak (default 0).
 * @example
 * ```ts
 * // Norse: LIParameters(tau_mem_inv=torch.tensor(50.0))
 * const p = liParameters({ tauMemInv: 50 }); // 20 ms membrane
 * console.log(p.tauSynInv, p.vLeak); // 200 0
 * ```
 */
export function liParameters(p: Partial<LIParameters> = {}): LIParameters {
  const full: LIParameters = {
    tauSynInv: p.tauSynInv ?? DEFAULT_LI_PARAMETERS.tauSynInv,
    tauMemInv: p.tauMemInv ?? DEFAULT_LI_PARAMETERS.tauMemInv,
    vLeak: p.vLeak ?? DEFAULT_LI_PARAMETERS.vLeak,
  };
  for (const k of ['tauSynInv', 'tauMemInv', 'vLeak'] as const) checkParam('LIParameters', k, full[k]);
  return full;
}

/**
 * Initial state (v = vLeak, i = 0) of the given shape.
 *
 * @example
 * ```ts
 * const state = liInitialState([8, 10]); // batch 8, 10 readout neurons: v = 0, i = 0
 * console.log(state.v.shape); // [8, 10]
 * ```
 */
export function liInitialState(shape: readonly number[], p: Partial<LIParameters> = {}): LIState {
  return { v: filledLike(shape, liParameters(p).vLeak), i: filledLike(shape, 0) };
}

/**
 * Norse `li_feed_forward_step(input, state, p, dt)`:
 *   j = i + input;  v' = v + dt*tauMemInv*((vLeak - v) + j);  i' = j - dt*tauSynInv*j.
 * `state` null starts from v = vLeak, i = 0. Returns [v', state'].
 *
 * @param input - The input current of this step (e.g. a Linear layer's output), any shape.
 * @param state - The previous state; null starts from v = vLeak, i = 0.
 * @param p - LI parameters (tauSynInv, tauMemInv in 1/s); missing fields take Norse's defaults.
 * @param dt - Integration step in seconds, default 1e-3.
 * @example
 * ```ts
 * // Norse: v, s = li_feed_forward_step(x, s, LIParameters(), dt=1e-3)
 * const [v1, s1] = liFeedForwardStep(tensor([1]), null); // v1: [0.1]
 * const [v2] = liFeedForwardStep(tensor([1]), s1, { tauMemInv: 100 }, 1e-3); // v2: [0.27]
 * console.log(v1.dataSync(), v2.dataSync());
 * ```
 */
export function liFeedForwardStep(
  input: Tensor,
  state: LIState | null,
  p: Partial<LIParameters> = {},
  dt: number = DEFAULT_DT,
): [Tensor, LIState] {
  checkDt('liFeedForwardStep', dt);
  const q = liParameters(p);
  const s = state ?? liInitialState(input.shape, q);
  const fused = fusedLiStep(input, s.v, s.i, q, dt);
  if (fused !== undefined) return [fused.v, fused];
  return integrate(add(s.i, input), s.v, q, dt);
}

/**
 * Norse `li_step(input, state, inputWeights, p, dt)`: as liFeedForwardStep with the input current
 * input @ inputWeights^T (weights [out, in], PyTorch Linear layout). Returns [v', state'].
 *
 * @param input - Input spikes or values, [batch, in].
 * @param state - The previous state; null starts from v = vLeak, i = 0.
 * @param inputWeights - [out, in] (PyTorch Linear layout).
 * @param p - LI parameters (tauSynInv, tauMemInv in 1/s); missing fields take Norse's defaults.
 * @param dt - Integration step in seconds, default 1e-3.
 * @example
 * ```ts
 * // Norse: v, s = li_step(spikes, s, input_weights, LIParameters(), dt=1e-3)
 * const spikes = tensor([[1, 0, 1]]); // [batch 1, 3 inputs]
 * const w = tensor([[0.5, 0.5, 0.5], [1, 0, 0]]); // [2 outputs, 3 inputs]
 * const [v, state] = liStep(spikes, null, w);
 * console.log(v.arraySync()); // [[0.1, 0.1]]
 * ```
 */
export function liStep(
  input: Tensor,
  state: LIState | null,
  inputWeights: Tensor,
  p: Partial<LIParameters> = {},
  dt: number = DEFAULT_DT,
): [Tensor, LIState] {
  checkDt('liStep', dt);
  const q = liParameters(p);
  const current = matMul(input, inputWeights, false, true);
  const s = state ?? liInitialState(current.shape, q);
  const fused = fusedLiStep(current, s.v, s.i, q, dt);
  if (fused !== undefined) return [fused.v, fused];
  return integrate(add(s.i, current), s.v, q, dt);
}

function integrate(j: Tensor, v: Tensor, q: LIParameters, dt: number): [Tensor, LIState] {
  const vNew = add(v, mul(add(sub(q.vLeak, v), j), scaleParam(dt, q.tauMemInv)));
  const iNew = add(j, mul(j, scaleParam(-dt, q.tauSynInv)));
  return [vNew, { v: vNew, i: iNew }];
}
