import { ArgumentError } from '../errors.js';
import { add, mul, square, sub } from '../ops/index.js';
import { resolveSpikeFunction, type SpikeMethod } from '../surrogate/resolve.js';
import type { Tensor } from '../tensor/tensor.js';
import { DEFAULT_DT, resetTo } from './lif.js';
import { checkDt, filledLike, type Param, scaleParam, withDefaults } from './param.js';

/*
 * Norse's Izhikevich neuron (norse/torch/functional/izhikevich.py, Norse 1.0; Izhikevich 2003/2004):
 *   dv/dt = tauInv*(sq*v^2 + mn*v + bias - u + I),  du/dt = tauInv*a*(b*v - u),
 * one Euler step of dt, u integrating the OLD v; fires on v' - vTh > 0, then v -> c and u -> u + d in
 * the same step with z kept in the graph. The named behaviours are Norse's presets (parameters and the
 * initial state each starts from).
 */

/** Norse `IzhikevichParameters`; a, b, c, d are required, the rest default as Norse. */
export interface IzhikevichParameters {
  /** Time scale of the recovery variable u. */
  a: Param;
  /** Sensitivity of u to the membrane. */
  b: Param;
  /** Membrane potential after a spike (mV). */
  c: Param;
  /** Jump of u after a spike. */
  d: Param;
  /** Coefficient of v^2, default 0.04. */
  sq: Param;
  /** Coefficient of v, default 5. */
  mn: Param;
  /** Constant drive, default 140. */
  bias: Param;
  /** Spike cut-off, default 30 (mV). */
  vTh: Param;
  /** 1 / time constant, default 250 (1/s). */
  tauInv: Param;
  /** Spike function: Norse 'super' (default), 'heaviside', a surrogate name or function. */
  method: SpikeMethod;
  /** Surrogate sharpness for a named method, default 100. */
  alpha: number;
}

/** Norse `IzhikevichState`: membrane v and recovery variable u. */
export interface IzhikevichState {
  /** Membrane potential, in mV. */
  v: Tensor;
  /** Recovery variable (Norse `u`). */
  u: Tensor;
}

/** Norse `IzhikevichSpikingBehavior`: a parameter set and the state it starts from. */
export interface IzhikevichBehavior {
  /** The parameters (Norse `p`). */
  readonly p: Readonly<IzhikevichParameters>;
  /** The state a population starts from (Norse `s`): membrane v (mV) and recovery u. */
  readonly s: {
    /** Membrane potential, in mV. */
    readonly v: number;
    /** Recovery variable. */
    readonly u: number;
  };
}

const DEFAULTS = {
  sq: 0.04,
  mn: 5,
  bias: 140,
  vTh: 30,
  tauInv: 250,
  method: 'super' as SpikeMethod,
  alpha: 100,
};
const FIELDS = ['a', 'b', 'c', 'd', 'sq', 'mn', 'bias', 'vTh', 'tauInv'] as const;

/**
 * Norse `IzhikevichParameters(a, b, c, d, ...)`: a, b, c and d are required, the rest default as Norse's;
 * each checked. For a named firing pattern use {@link izhikevichBehavior}.
 *
 * @param p - a, b, c, d (required), sq (default 0.04), mn (5), bias (140), vTh (30 mV), tauInv in 1/s
 *   (default 250), method (`'super'`), alpha (100).
 * @example
 * ```ts
 * const p = izhikevichParameters({ a: 0.02, b: 0.2, c: -65, d: 8 }); // regular spiking
 * ```
 */
export function izhikevichParameters(
  p: Partial<IzhikevichParameters> & Pick<IzhikevichParameters, 'a' | 'b' | 'c' | 'd'>,
): IzhikevichParameters {
  for (const k of ['a', 'b', 'c', 'd'] as const) {
    if (p?.[k] === undefined)
      throw new ArgumentError(`IzhikevichParameters: ${k} is required (or use a behaviour)`);
  }
  return withDefaults('IzhikevichParameters', { ...DEFAULTS, a: 0, b: 0, c: 0, d: 0 }, p, FIELDS);
}

/**
 * Norse `create_izhikevich_spiking_behavior(a, b, c, d, v_rest, u_rest, tau_inv)`: starts at v_rest, u = u_rest*b.
 *
 * @param a - Time scale of the recovery u.
 * @param b - Sensitivity of u to the membrane.
 * @param c - Membrane potential after a spike, mV.
 * @param d - Jump of u after a spike.
 * @param vRest - The membrane v starts at, mV.
 * @param uRest - u starts at uRest * b.
 * @param tauInv - 1 / time constant in 1/s, default 250.
 * @example
 * ```ts
 * const chattering = izhikevichBehavior(0.02, 0.2, -50, 2, -70, -70); // u starts at -70 * 0.2
 * const state = izhikevichInitialState([1, 10], chattering.s);
 * ```
 */
export function izhikevichBehavior(
  a: number,
  b: number,
  c: number,
  d: number,
  vRest: number,
  uRest: number,
  tauInv = 250,
): IzhikevichBehavior {
  return freeze({ a, b, c, d, tauInv }, vRest, uRest * b);
}

function freeze(p: Partial<IzhikevichParameters>, v: number, u: number): IzhikevichBehavior {
  return Object.freeze({
    p: Object.freeze({ ...DEFAULTS, ...p }) as IzhikevichParameters,
    s: Object.freeze({ v, u }),
  });
}

/** Norse's presets (norse.torch.functional.izhikevich), camelCase: u starts at v*b except accomodation. */
export const IZHIKEVICH_BEHAVIORS = Object.freeze({
  /** Izhikevich (2004): tonic spiking. */
  tonicSpiking: freeze({ a: 0.02, b: 0.2, c: -65, d: 6 }, -70, -70 * 0.2),
  /** Izhikevich (2004): phasic spiking. */
  phasicSpiking: freeze({ a: 0.02, b: 0.25, c: -65, d: 6 }, -64, -64 * 0.25),
  /** Izhikevich (2004): tonic bursting. */
  tonicBursting: freeze({ a: 0.02, b: 0.2, c: -50, d: 2 }, -70, -70 * 0.2),
  /** Izhikevich (2004): phasic bursting. */
  phasicBursting: freeze({ a: 0.02, b: 0.25, c: -55, d: 0.05, tauInv: 200 }, -64, -64 * 0.25),
  /** Izhikevich (2004): mixed mode (a burst, then tonic spikes). */
  mixedMode: freeze({ a: 0.02, b: 0.2, c: -55, d: 4 }, -70, -70 * 0.2),
  /** Izhikevich (2004): spike frequency adaptation. */
  spikeFrequencyAdaptation: freeze({ a: 0.01, b: 0.2, c: -65, d: 8 }, -70, -70 * 0.2),
  /** Izhikevich (2004): class 1 excitability. */
  class1Exc: freeze({ a: 0.02, b: -0.1, c: -55, d: 6, mn: 4.1, bias: 108 }, -60, -60 * -0.1),
  /** Izhikevich (2004): class 2 excitability. */
  class2Exc: freeze({ a: 0.2, b: 0.26, c: -65, d: 0 }, -64, -64 * 0.26),
  /** Izhikevich (2004): spike latency. */
  spikeLatency: freeze({ a: 0.02, b: 0.2, c: -65, d: 6 }, -70, -70 * 0.2),
  /** Izhikevich (2004): subthreshold oscillations. */
  subthresholdOscillation: freeze({ a: 0.05, b: 0.26, c: -60, d: 0 }, -62, -62 * 0.26),
  /** Izhikevich (2004): resonator. */
  resonator: freeze({ a: 0.1, b: 0.26, c: -60, d: -1 }, -62, -62 * 0.26),
  /** Izhikevich (2004): integrator. */
  integrator: freeze({ a: 0.02, b: -0.1, c: -55, d: 6, mn: 4.1, bias: 108 }, -60, -60 * -0.1),
  /** Izhikevich (2004): rebound spike. */
  reboundSpike: freeze({ a: 0.03, b: 0.25, c: -60, d: 4, tauInv: 200 }, -64, -64 * 0.25),
  /** Izhikevich (2004): rebound burst. */
  reboundBurst: freeze({ a: 0.03, b: 0.25, c: -52, d: 0, tauInv: 200 }, -64, -64 * 0.25),
  /** Izhikevich (2004): threshold variability. */
  thresholdVariability: freeze({ a: 0.03, b: 0.25, c: -60, d: 4 }, -64, -64 * 0.25),
  /** Izhikevich (2004): bistability. */
  bistability: freeze({ a: 0.1, b: 0.26, c: -60, d: 0 }, -61, -61 * 0.26),
  /** Izhikevich (2004): depolarizing after-potential (DAP). */
  dap: freeze({ a: 1, b: 0.2, c: -60, d: -21, tauInv: 100 }, -70, -70 * 0.2),
  /** Izhikevich (2004): accommodation (Norse's spelling; u starts at -16). */
  accomodation: freeze({ a: 0.02, b: 1, c: -55, d: 4, tauInv: 500 }, -65, -16),
  /** Izhikevich (2004): inhibition-induced spiking. */
  inhibitionInducedSpiking: freeze({ a: -0.02, b: -1, c: -60, d: 8 }, -63.8, -63.8 * -1),
  /** Izhikevich (2004): inhibition-induced bursting. */
  inhibitionInducedBursting: freeze({ a: -0.026, b: -1, c: -45, d: -2 }, -63.8, -63.8 * -1),
});

/** The names of Norse's Izhikevich behaviours (`tonicSpiking`, `phasicBursting`, ...): keys of {@link IZHIKEVICH_BEHAVIORS}. */
export type IzhikevichBehaviorName = keyof typeof IZHIKEVICH_BEHAVIORS;

/**
 * The state a behaviour starts from, broadcast to `shape` (Norse's IzhikevichCell).
 *
 * @param shape - The neurons' shape ([batch, n]).
 * @param s - The start state (a behaviour's `s`): v in mV and u, numbers or tensors.
 * @example
 * ```ts
 * const b = IZHIKEVICH_BEHAVIORS.tonicSpiking;
 * const state = izhikevichInitialState([1, 10], b.s); // v = -70, u = -14, [1, 10]
 * ```
 */
export function izhikevichInitialState(
  shape: readonly number[],
  s: { readonly v: Param; readonly u: Param },
): IzhikevichState {
  return { v: filledLike(shape, s.v), u: filledLike(shape, s.u) };
}

/**
 * Norse `izhikevich_feed_forward_step(input, state, p, dt)`:
 *   v' = v + tauInv*dt*(sq*v^2 + mn*v + bias - u + input);  u' = u + tauInv*dt*a*(b*v - u);
 *   z = H(v' - vTh);  v'' = (1 - z)*v' + z*c;  u'' = (1 - z)*u' + z*(u' + d).
 * The state is required, as in Norse (start from `izhikevichInitialState(shape, behavior.s)`).
 * Returns [z, state'].
 *
 * @param input - The step's input current.
 * @param state - v (mV) and u before the step (required).
 * @param p - izhikevichParameters' fields (a, b, c, d required).
 * @param dt - The integration step in s, default 1e-3.
 * @example
 * ```ts
 * // Norse: IzhikevichCell(tonic_spiking)
 * const { p, s } = IZHIKEVICH_BEHAVIORS.tonicSpiking;
 * let state = izhikevichInitialState([1, 1], s);
 * let count = 0;
 * for (let t = 0; t < 250; t++) {
 *   const [z, next] = izhikevichFeedForwardStep(tensor([[10]]), state, p, 1e-3);
 *   count += z.dataSync()[0];
 *   state = next;
 * }
 * console.log(count); // 3: tonic spikes in 250 ms at input 10
 * ```
 */
export function izhikevichFeedForwardStep(
  input: Tensor,
  state: IzhikevichState,
  p: Partial<IzhikevichParameters> & Pick<IzhikevichParameters, 'a' | 'b' | 'c' | 'd'>,
  dt: number = DEFAULT_DT,
): [Tensor, IzhikevichState] {
  const fn = 'izhikevichFeedForwardStep';
  checkDt(fn, dt);
  if (!state?.v || !state.u) {
    throw new ArgumentError(
      `${fn}: state { v, u } is required (start from izhikevichInitialState(shape, behavior.s))`,
    );
  }
  const q = izhikevichParameters(p);
  const { v, u } = state;
  const k = scaleParam(dt, q.tauInv);
  const drive = add(sub(add(add(mul(square(v), q.sq), mul(v, q.mn)), q.bias), u), input);
  const vNext = add(v, mul(drive, k));
  const uNext = add(u, mul(mul(sub(mul(v, q.b), u), q.a), k));
  const z = resolveSpikeFunction(q.method, q.alpha)(sub(vNext, q.vTh));
  return [z, { v: resetTo(vNext, z, q.c), u: add(mul(sub(1, z), uNext), mul(z, add(uNext, q.d))) }];
}
