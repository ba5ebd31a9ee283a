import { detach, hasKernel, runKernel } from '../engine/api.js';
import { ENGINE } from '../engine/engine.js';
import { ArgumentError } from '../errors.js';
import { shapesEqual } from '../kernels/shape-utils.js';
import { add, div, mul, pad, reshape, slice, stack, sub, unstack } from '../ops/index.js';
import { sigmoid } from '../surrogate/factories.js';
import { fusedSurrogate, resolveSpikeFunction, type SpikeMethod } from '../surrogate/resolve.js';
import type { Tensor } from '../tensor/tensor.js';
import { checkParam, filledLike, type Param } from './param.js';

/*
 * SpikingJelly's IFNode and LIFNode (spikingjelly/activation_based/neuron.py, 0.0.0.0.14). Charge, fire
 * on h - vThreshold >= 0 (SpikingJelly's heaviside is x >= 0), then reset:
 *   hard (vReset a number): v = (1 - s)*h + s*vReset;  soft (vReset null): v = h - s*vThreshold.
 * The reset keeps the spike in the graph unless detachReset (SpikingJelly's default detach_reset=False).
 */

/** SpikingJelly `IFNode(v_threshold=1., v_reset=0., surrogate_function=Sigmoid(), detach_reset=False)`. */
export interface IFNodeParameters {
  /** Threshold, default 1. */
  vThreshold?: Param;
  /** Reset potential, default 0 (hard reset); null for the soft reset (subtract vThreshold). */
  vReset?: Param | null;
  /** Spike function, default SpikingJelly's: sigmoid with alpha 4. */
  surrogate?: SpikeMethod;
  /** Cut the spike out of the reset's gradient, default false. */
  detachReset?: boolean;
}

/** SpikingJelly `LIFNode(tau=2., decay_input=True, ...)`. */
export interface LIFNodeParameters extends IFNodeParameters {
  /** Membrane time constant in steps, default 2; a tensor for per-neuron or learnable tau. */
  tau?: Param;
  /** Whether the input is divided by tau too, default true. */
  decayInput?: boolean;
}

/** Multi-step result: spikes and the membrane after reset at every step, each [T, ...]. */
export interface NodeSequence {
  /** Spikes (0/1) at every step, [T, ...]. */
  spikes: Tensor;
  /** Membrane after each step's reset, [T, ...]. */
  v: Tensor;
}

/** A node's resolved threshold, reset and spike function (shared by every SpikingJelly node). */
export interface NodeCommon {
  vThreshold: Param;
  vReset: Param | null;
  fire: (x: Tensor) => Tensor;
  detachReset: boolean;
}

/** Defaults (vThreshold 1, vReset 0, Sigmoid(4), detachReset false) and checks of the common fields. */
export function resolveNode(fn: string, p: IFNodeParameters): NodeCommon {
  const vThreshold = p.vThreshold ?? 1;
  checkParam(fn, 'vThreshold', vThreshold);
  const vReset = p.vReset === undefined ? 0 : p.vReset;
  if (vReset !== null) checkParam(fn, 'vReset', vReset);
  const f = p.surrogate === undefined ? sigmoid() : resolveSpikeFunction(p.surrogate);
  return { vThreshold, vReset, fire: (x) => f(x, true), detachReset: p.detachReset ?? false };
}

/** Fire on h - vThreshold >= 0, then the hard (vReset) or soft (vReset null) reset. Returns [s, v]. */
export function fireAndReset(h: Tensor, c: NodeCommon): [Tensor, Tensor] {
  const s = c.fire(sub(h, c.vThreshold));
  const sr = c.detachReset ? detach(s) : s;
  if (c.vReset === null) return [s, sub(h, mul(sr, c.vThreshold))];
  const kept = mul(sub(1, sr), h);
  return [s, c.vReset === 0 ? kept : add(kept, mul(sr, c.vReset))];
}

/** The initial membrane: vReset for a hard reset, 0 for a soft one (SpikingJelly's v_reset or 0.). */
export function initialV(shape: readonly number[], c: NodeCommon): Tensor {
  return filledLike(shape, c.vReset ?? 0);
}

/**
 * One IFNode step: h = v + x, then fire and reset. `v` null starts at vReset (or 0). Returns [s, v'].
 *
 * @param x - The step's input, any shape.
 * @param v - The membrane before the step; null starts at vReset (0 for the soft reset).
 * @param p - vThreshold (default 1), vReset (default 0; null: soft reset), surrogate (default sigmoid,
 *   alpha 4), detachReset (default false).
 * @example
 * ```ts
 * // SpikingJelly: IFNode(v_threshold=1.0) in single-step mode
 * let v: Tensor | null = null;
 * for (const x of [0.6, 0.6, 0.6]) {
 *   const [s, next] = ifNodeStep(tensor([x]), v); // spikes at the 2nd step (1.2 >= 1), then v = 0
 *   v = next;
 * }
 * ```
 */
export function ifNodeStep(x: Tensor, v: Tensor | null, p: IFNodeParameters = {}): [Tensor, Tensor] {
  const c = resolveNode('ifNodeStep', p);
  return fireAndReset(add(v ?? initialV(x.shape, c), x), c);
}

/**
 * One LIFNode step. Charge (SpikingJelly's four cases):
 *   decayInput, hard: h = v + (x - (v - vReset)) / tau     decayInput, soft: h = v + (x - v) / tau
 *   no decayInput, hard: h = v - (v - vReset) / tau + x    no decayInput, soft: h = v*(1 - 1/tau) + x
 * then fire and reset. `v` null starts at vReset (or 0). Returns [s, v'].
 *
 * @param x - The step's input, any shape.
 * @param v - The membrane before the step; null starts at vReset (0 for the soft reset).
 * @param p - tau in steps (default 2), decayInput (default true), vThreshold (default 1), vReset
 *   (default 0; null: soft reset), surrogate (default sigmoid, alpha 4), detachReset (default false).
 * @example
 * ```ts
 * // SpikingJelly: LIFNode(tau=2.0) in single-step mode: h = v + (x - v) / tau
 * const [s, v] = lifNodeStep(tensor([1.5, 3]), null, { tau: 2 }); // h = [0.75, 1.5]
 * console.log(s.dataSync(), v.dataSync()); // [0, 1] [0.75, 0]
 * ```
 */
export function lifNodeStep(x: Tensor, v: Tensor | null, p: LIFNodeParameters = {}): [Tensor, Tensor] {
  const fn = 'lifNodeStep';
  const c = resolveNode(fn, p);
  const tau = p.tau ?? 2;
  checkParam(fn, 'tau', tau);
  if (typeof tau === 'number' && !(tau > 0)) throw new ArgumentError(`${fn}: tau must be > 0, got ${tau}`);
  const v0 = v ?? initialV(x.shape, c);
  const decayInput = p.decayInput ?? true;
  let h: Tensor;
  if (decayInput) {
    const drive = c.vReset === null ? sub(x, v0) : sub(x, sub(v0, c.vReset));
    h = add(v0, div(drive, tau));
  } else if (c.vReset === null) {
    h = add(mul(v0, sub(1, div(1, tau))), x);
  } else {
    h = add(sub(v0, div(sub(v0, c.vReset), tau)), x);
  }
  return fireAndReset(h, c);
}

/** SpikingJelly's multi-step mode: a single-step function over the leading time axis. */
export function multiStep(
  fn: string,
  step: (x: Tensor, v: Tensor | null) => [Tensor, Tensor],
  xSeq: Tensor,
  v0: Tensor | null,
): NodeSequence {
  if (xSeq.rank < 1 || xSeq.shape[0] < 1) {
    throw new ArgumentError(
      `${fn}: xSeq must be time-major [T, ...] with T >= 1, got [${xSeq.shape.join(', ')}]`,
    );
  }
  const spikes: Tensor[] = [];
  const vs: Tensor[] = [];
  let v = v0;
  for (const x of unstack(xSeq, 0)) {
    const [s, vNext] = step(x, v);
    spikes.push(s);
    vs.push(vNext);
    v = vNext;
  }
  return { spikes: stack(spikes, 0), v: stack(vs, 0) };
}

/**
 * SpikingJelly `IFNode` in multi-step mode ('m'): xSeq [T, ...] -> { spikes, v } each [T, ...].
 *
 * @param xSeq - Inputs, [T, ...] (time first).
 * @param v0 - The membrane before step 0; null (default) starts at vReset (0 for the soft reset).
 * @param p - vThreshold (default 1), vReset (default 0; null: soft reset), surrogate, detachReset.
 * @example
 * ```ts
 * const { spikes, v } = ifNode(fill([4, 2], 0.5)); // [T 4, 2 neurons] of 0.5
 * console.log(spikes.arraySync()); // [[0, 0], [1, 1], [0, 0], [1, 1]]: a spike every other step
 * ```
 */
export function ifNode(xSeq: Tensor, v0: Tensor | null = null, p: IFNodeParameters = {}): NodeSequence {
  return multiStep('ifNode', (x, v) => ifNodeStep(x, v, p), xSeq, v0);
}

/**
 * SpikingJelly `LIFNode` in multi-step mode ('m'): xSeq [T, ...] -> { spikes, v } each [T, ...]. With
 * number parameters, decayInput, a hard reset and a named surrogate, on a backend with a native
 * LIFSequence kernel, the whole sequence is that one kernel (fusedLifNode); else step by step.
 *
 * @param xSeq - Inputs, [T, ...] (time first).
 * @param v0 - The membrane before step 0; null (default) starts at vReset (0 for the soft reset).
 * @param p - tau in steps (default 2), decayInput (default true), vThreshold (default 1), vReset
 *   (default 0; null: soft reset), surrogate (default sigmoid, alpha 4), detachReset (default false).
 * @example
 * ```ts
 * // SpikingJelly: LIFNode(tau=2.0, surrogate_function=surrogate.ATan()) with step_mode='m'
 * const xSeq = randomUniform([8, 32, 100], { seed: 0, high: 3 }); // [T, batch, neurons]
 * const { spikes, v } = lifNode(xSeq, null, { tau: 2, surrogate: surrogate.atan() });
 * console.log(spikes.shape, v.shape); // [8, 32, 100] [8, 32, 100]
 * ```
 */
export function lifNode(xSeq: Tensor, v0: Tensor | null = null, p: LIFNodeParameters = {}): NodeSequence {
  return fusedLifNode(xSeq, v0, p) ?? multiStep('lifNode', (x, v) => lifNodeStep(x, v, p), xSeq, v0);
}

/** The largest float32 below fround(x): `h - below(vTh) > 0` is `h >= vTh` for float32 h. */
function below(x: number): number {
  const f = new Float32Array([x]);
  const bits = new Int32Array(f.buffer);
  if (f[0] === 0) return -1.401298464324817e-45;
  bits[0] += f[0] > 0 ? -1 : 1;
  return f[0];
}

/**
 * LIFNode (decayInput, hard reset) over T steps as Norse's LIF feed-forward update, one LIFSequence:
 * with dt 1, tauMemInv 1/tau and vLeak vReset the membrane update v + (1/tau)((vReset - v) + i) is
 * SpikingJelly's charge h = v + (x - (v - vReset))/tau (the same float32 operations when 1/tau is
 * exact, as for tau 2) as long as the current i at step t is x[t]: tauSynInv 1 (the current decays
 * to nothing every step) with i0 = x[0] and the input shifted by one step. SpikingJelly fires on
 * h >= vThreshold and the kernel on h > threshold: the threshold passed is the float32 just below
 * vThreshold. The reset keeps the spike in the graph unless detachReset, as SpikingJelly's.
 */
function fusedLifNode(xSeq: Tensor, v0: Tensor | null, p: LIFNodeParameters): NodeSequence | undefined {
  const tau = p.tau ?? 2;
  const vReset = p.vReset === undefined ? 0 : p.vReset;
  const vThreshold = p.vThreshold ?? 1;
  if (
    !hasKernel('LIFSequence') ||
    (p.decayInput ?? true) !== true ||
    typeof tau !== 'number' ||
    !(tau > 0) ||
    typeof vReset !== 'number' ||
    typeof vThreshold !== 'number' ||
    xSeq.rank < 1 ||
    xSeq.shape[0] < 1 ||
    xSeq.dtype !== 'float32'
  ) {
    return undefined;
  }
  const spikeFn = p.surrogate === undefined ? sigmoid() : resolveSpikeFunction(p.surrogate);
  const fused = fusedSurrogate(spikeFn);
  const [T, ...n] = xSeq.shape;
  if (fused === undefined || (v0 !== null && (v0.dtype !== 'float32' || !shapesEqual(v0.shape, n)))) {
    return undefined;
  }
  const zerosAt = n.map(() => 0);
  const first = reshape(slice(xSeq, [0, ...zerosAt], [1, ...n]), n);
  const shifted =
    T > 1
      ? pad(slice(xSeq, [1, ...zerosAt], [T - 1, ...n]), [[0, 1], ...n.map(() => [0, 0] as [number, number])])
      : ENGINE.zerosConst([1, ...n]);
  const [spikes, v] = runKernel(
    'LIFSequence',
    { x: shifted, v0: v0 ?? filledLike(n, vReset), i0: first },
    {
      tauSynInv: 1,
      tauMemInv: 1 / tau,
      vLeak: vReset,
      vTh: below(vThreshold),
      vReset,
      dt: 1,
      surrogate: fused.surrogate,
      alpha: fused.alpha,
      detachReset: p.detachReset ?? false,
    },
  );
  return { spikes, v };
}
