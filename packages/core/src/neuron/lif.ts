import { detach } from '../engine/api.js';
import { add, matMul, mul, sub } from '../ops/index.js';
import { resolveSpikeFunction, type SpikeMethod } from '../surrogate/resolve.js';
import type { Tensor } from '../tensor/tensor.js';
import { fusedLifStep } from './fused-step.js';
import { checkDt, checkParam, filledLike, type Param, scaleParam } from './param.js';

/*
 * Norse's current-based leaky integrate-and-fire neuron (norse/torch/functional/lif.py, Norse 1.0):
 *   dv/dt = tauMemInv * ((vLeak - v) + i),  di/dt = -tauSynInv * i,  z = H(v - vTh) (fires on v - vTh > 0),
 * integrated with explicit Euler steps of dt. The step order of each function is Norse's own (checked
 * against the reference fixtures): they differ between functions, as in Norse.
 */

/** Norse `LIFParameters`. Every field may be a number or a tensor (per neuron, learnable). */
export interface LIFParameters {
  /** 1 / synaptic time constant, 1/s. Norse default 200 (5 ms). */
  tauSynInv: Param;
  /** 1 / membrane time constant, 1/s. Norse default 100 (10 ms). */
  tauMemInv: Param;
  /** Leak (resting) potential, default 0. */
  vLeak: Param;
  /** Threshold, default 1. */
  vTh: Param;
  /** Potential after a spike, default 0. */
  vReset: Param;
  /** Spike function: Norse 'super' (SuperSpike, the default), 'heaviside', a surrogate name or function. */
  method: SpikeMethod;
  /** Surrogate sharpness when `method` is a name, default 100 (Norse). */
  alpha: number;
}

/** Norse's default LIF parameters (tau_syn_inv 200, tau_mem_inv 100, v_leak 0, v_th 1, v_reset 0, 'super', 100). */
export const DEFAULT_LIF_PARAMETERS: Readonly<LIFParameters> = Object.freeze({
  tauSynInv: 200,
  tauMemInv: 100,
  vLeak: 0,
  vTh: 1,
  vReset: 0,
  method: 'super',
  alpha: 100,
});

/** Norse's default integration step, 1 ms. */
export const DEFAULT_DT = 0.001;

/**
 * Fills Norse's defaults into a partial parameter set and validates it.
 *
 * @param p - The fields to set: tauSynInv and tauMemInv in 1/s (default 200 and 100), vLeak, vTh,
 *   vReset (default 0, 1, 0), method (default `'super'`) and alpha (default 100); numbers or tensors.
 * @example
 * ```ts
 * // Norse: p = LIFParameters(tau_mem_inv=torch.tensor(50.0), v_th=torch.tensor(0.5))
 * const p = lifParameters({ tauMemInv: 50, vTh: 0.5 }); // 20 ms membrane, threshold 0.5
 * console.log(p.tauSynInv, p.vReset, p.method); // 200 0 'super' (Norse's defaults)
 * ```
 */
export function lifParameters(p: Partial<LIFParameters> = {}): LIFParameters {
  const full = { ...DEFAULT_LIF_PARAMETERS, ...definedOnly(p) } as LIFParameters;
  for (const k of ['tauSynInv', 'tauMemInv', 'vLeak', 'vTh', 'vReset'] as const) {
    checkParam('LIFParameters', k, full[k]);
  }
  return full;
}

/** Norse `LIFState` (recurrent): last spikes z, membrane v, synaptic current i. */
export interface LIFState {
  /** The last step's spikes (0/1), fed back through the recurrent weights. */
  z: Tensor;
  /** Membrane potential. */
  v: Tensor;
  /** Synaptic input current. */
  i: Tensor;
}

/** Norse `LIFFeedForwardState`: membrane v and synaptic current i. */
export interface LIFFeedForwardState {
  /** Membrane potential. */
  v: Tensor;
  /** Synaptic input current. */
  i: Tensor;
}

/** Options beyond Norse's signature. */
export interface LIFStepOptions {
  /**
   * Cut the reset v = (1 - z)*vd + z*vReset from the graph (z.detach()). Norse's `lif_feed_forward_step`
   * keeps it (default false there); Norse's `lif_step` always detaches it.
   */
  detachReset?: boolean;
}

/**
 * Initial feed-forward state (Norse: v = vLeak, i = 0), shaped like `input`.
 *
 * @example
 * ```ts
 * const state = lifFeedForwardInitialState([8, 100], { vLeak: -0.1 }); // batch 8, 100 neurons
 * console.log(state.v.shape, state.v.dataSync()[0], state.i.dataSync()[0]); // [8, 100] -0.1 0
 * ```
 */
export function lifFeedForwardInitialState(
  shape: readonly number[],
  p: Partial<LIFParameters> = {},
): LIFFeedForwardState {
  const full = lifParameters(p);
  return { v: filledLike(shape, full.vLeak), i: filledLike(shape, 0) };
}

/**
 * Initial recurrent state (z = 0, v = vLeak, i = 0) for `shape` = [batch, hidden].
 *
 * @example
 * ```ts
 * const state = lifInitialState([8, 100]); // batch 8, 100 hidden neurons: z = 0, v = 0, i = 0
 * const [z, next] = lifStep(zeros([8, 28]), state, zeros([100, 28]), zeros([100, 100]));
 * console.log(z.shape, next.v.shape); // [8, 100] [8, 100]
 * ```
 */
export function lifInitialState(shape: readonly number[], p: Partial<LIFParameters> = {}): LIFState {
  const full = lifParameters(p);
  return { z: filledLike(shape, 0), v: filledLike(shape, full.vLeak), i: filledLike(shape, 0) };
}

/**
 * Norse `lif_feed_forward_step(input, state, p, dt)`: one Euler step driven by an input current (e.g.
 * the output of a Linear or Conv layer). Norse 1.0's order: decay first, then spike, reset, and jump:
 *   vd = v + dt*tauMemInv*((vLeak - v) + i);  id = i - dt*tauSynInv*i;  z = H(vd - vTh);
 *   v' = (1 - z)*vd + z*vReset;  i' = id + input.
 * The reset is NOT detached (Norse keeps it in the graph here); pass { detachReset: true } to cut it.
 * `state` null starts from v = vLeak, i = 0. Returns [z, state'].
 *
 * @param input - The input current of this step, any shape ([batch, neurons]); added to i after the decay.
 * @param state - The previous state; null starts from v = vLeak, i = 0.
 * @param p - LIF parameters (tauSynInv, tauMemInv in 1/s); missing fields take Norse's defaults.
 * @param dt - Integration step in seconds, default 1e-3.
 * @param options - `detachReset` (default false).
 * @example
 * ```ts
 * // Norse: z, s = lif_feed_forward_step(x, s, LIFParameters(tau_mem_inv=100.0), dt=1e-3)
 * const current = tensor([[12, 3]]); // [batch 1, 2 neurons]: a constant input current
 * let state: LIFFeedForwardState | null = null; // starts at v = vLeak, i = 0
 * const spikes: number[][] = [];
 * for (let t = 0; t < 5; t++) {
 *   const [z, next] = lifFeedForwardStep(current, state, { tauMemInv: 100 }, 1e-3);
 *   state = next;
 *   spikes.push([...z.dataSync()]);
 * }
 * console.log(spikes); // [[0, 0], [1, 0], [1, 0], [1, 1], [1, 0]]
 * ```
 */
export function lifFeedForwardStep(
  input: Tensor,
  state: LIFFeedForwardState | null,
  p: Partial<LIFParameters> = {},
  dt: number = DEFAULT_DT,
  options: LIFStepOptions = {},
): [Tensor, LIFFeedForwardState] {
  checkDt('lifFeedForwardStep', dt);
  const q = lifParameters(p);
  const s = state ?? lifFeedForwardInitialState(input.shape, q);
  const fused = fusedLifStep(input, s.v, s.i, q, dt, options.detachReset ?? false);
  if (fused !== undefined) return [fused.z, { v: fused.v, i: fused.i }];
  const spikeFn = resolveSpikeFunction(q.method, q.alpha);
  const vd = add(s.v, mul(add(sub(q.vLeak, s.v), s.i), scaleParam(dt, q.tauMemInv)));
  const id = add(s.i, mul(s.i, scaleParam(-dt, q.tauSynInv)));
  const z = spikeFn(sub(vd, q.vTh));
  const v = resetTo(vd, options.detachReset ? detach(z) : z, q.vReset);
  return [z, { v, i: add(id, input) }];
}

/**
 * Norse `lif_step(input, state, inputWeights, recurrentWeights, p, dt)`: a recurrent LIF layer. Norse
 * 1.0's order: jump first, then integrate, spike and reset:
 *   ij = i + input @ inputWeights^T + z @ recurrentWeights^T;
 *   vd = v + dt*tauMemInv*((vLeak - v) + ij);  id = ij - dt*tauSynInv*ij;  z' = H(vd - vTh);
 *   v' = (1 - z'.detach())*vd + z'.detach()*vReset  (reset detached, as Norse).
 * Weights are [hidden, inputs] and [hidden, hidden] (PyTorch Linear layout). `state` null starts at
 * zeros. Returns [z', state'].
 *
 * @param input - Input spikes or currents, [batch, inputs].
 * @param p - LIF parameters (tauSynInv, tauMemInv in 1/s); missing fields take Norse's defaults.
 * @param dt - Integration step in seconds, default 1e-3.
 * @example
 * ```ts
 * const inputs = unstack(randomUniform([25, 8, 28], { seed: 0 }), 0); // 25 steps, batch 8, 28 inputs
 * const wIn = randomUniform([100, 28], { seed: 1 }); // [hidden, inputs]
 * const wRec = randomUniform([100, 100], { seed: 2 }); // [hidden, hidden]
 * let state: LIFState | null = null;
 * for (const x of inputs) { // each [batch, 28]
 *   const [z, next] = lifStep(x, state, wIn, wRec, { tauMemInv: 100, vTh: 0.5 }, 1e-3);
 *   state = next; // z: [batch, hidden] spikes
 * }
 * ```
 */
export function lifStep(
  input: Tensor,
  state: LIFState | null,
  inputWeights: Tensor,
  recurrentWeights: Tensor,
  p: Partial<LIFParameters> = {},
  dt: number = DEFAULT_DT,
): [Tensor, LIFState] {
  checkDt('lifStep', dt);
  return lifRecurrentStep(matMul(input, inputWeights, false, true), state, recurrentWeights, p, dt);
}

/**
 * lifStep with its input current `input @ inputWeights^T` already computed, so a sequence's input
 * projection can run as one product over all T steps (the input does not depend on the state):
 * lifStep(x, s, Win, Wrec) is lifRecurrentStep(matMul(x, Win, false, true), s, Wrec). Returns [z', state'].
 *
 * @example
 * ```ts
 * const x = randomUniform([8, 28], { seed: 0 }); // [batch, inputs]
 * const wIn = randomUniform([100, 28], { seed: 1 }); // [hidden, inputs]
 * const wRec = randomUniform([100, 100], { seed: 2 }); // [hidden, hidden]
 * // The same step as lifStep(x, null, wIn, wRec), its input projection done by the caller:
 * const [z, state] = lifRecurrentStep(matMul(x, wIn, false, true), null, wRec, {}, 1e-3);
 * console.log(z.shape, state.i.shape); // [8, 100] [8, 100]
 * ```
 */
export function lifRecurrentStep(
  inputCurrent: Tensor,
  state: LIFState | null,
  recurrentWeights: Tensor,
  p: Partial<LIFParameters> = {},
  dt: number = DEFAULT_DT,
): [Tensor, LIFState] {
  checkDt('lifRecurrentStep', dt);
  const q = lifParameters(p);
  const s = state ?? lifInitialState(inputCurrent.shape, q);
  const ij = add(add(s.i, inputCurrent), matMul(s.z, recurrentWeights, false, true));
  const fused = fusedLifStep(null, s.v, ij, q, dt, true);
  if (fused !== undefined) return [fused.z, { z: fused.z, v: fused.v, i: fused.i }];
  const spikeFn = resolveSpikeFunction(q.method, q.alpha);
  const vd = add(s.v, mul(add(sub(q.vLeak, s.v), ij), scaleParam(dt, q.tauMemInv)));
  const id = add(ij, mul(ij, scaleParam(-dt, q.tauSynInv)));
  const z = spikeFn(sub(vd, q.vTh));
  const v = resetTo(vd, detach(z), q.vReset);
  return [z, { z, v, i: id }];
}

/**
 * Norse `lif_current_encoder(input_current, voltage, p, dt)`: a LIF driven directly by a current (no
 * synaptic state), as in ConstantCurrentLIFEncoder:
 *   v' = v + dt*tauMemInv*((vLeak - v) + input);  z = H(v' - vTh);  v'' = v' - z*(v' - vReset).
 * Returns [z, v''] (reset kept in the graph, as Norse).
 *
 * @example
 * ```ts
 * // Norse: z, v = lif_current_encoder(current, v, LIFParameters(), dt=1e-3)
 * let v = zeros([2]);
 * const counts = [0, 0];
 * for (let t = 0; t < 100; t++) {
 *   const [z, next] = lifCurrentEncoder(tensor([20, 1.5]), v, {}, 1e-3); // two constant currents
 *   v = next;
 *   const d = z.dataSync();
 *   counts[0] += d[0];
 *   counts[1] += d[1];
 * }
 * console.log(counts); // [100, 9]: 20 fires every step, 1.5 now and then
 * ```
 */
export function lifCurrentEncoder(
  inputCurrent: Tensor,
  voltage: Tensor,
  p: Partial<LIFParameters> = {},
  dt: number = DEFAULT_DT,
): [Tensor, Tensor] {
  checkDt('lifCurrentEncoder', dt);
  const q = lifParameters(p);
  // A LIF whose current never decays (tauSynInv 0) and stays the input: the fused kernel's update.
  const fused = fusedLifStep(null, voltage, inputCurrent, { ...q, tauSynInv: 0 }, dt, false);
  if (fused !== undefined) return [fused.z, fused.v];
  const spikeFn = resolveSpikeFunction(q.method, q.alpha);
  const v = add(voltage, mul(add(sub(q.vLeak, voltage), inputCurrent), scaleParam(dt, q.tauMemInv)));
  const z = spikeFn(sub(v, q.vTh));
  return [z, sub(v, mul(z, sub(v, q.vReset)))];
}

/** (1 - z)*vd + z*vReset (Norse's reset), skipping the vReset term when it is the number 0. */
export function resetTo(vd: Tensor, z: Tensor, vReset: Param): Tensor {
  const kept = mul(sub(1, z), vd);
  return vReset === 0 ? kept : add(kept, mul(z, vReset));
}

function definedOnly<T extends object>(p: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(p)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}
