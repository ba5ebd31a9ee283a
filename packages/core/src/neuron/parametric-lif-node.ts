import { ArgumentError } from '../errors.js';
import { add, mul, sigmoid, sub } from '../ops/index.js';
import type { Tensor } from '../tensor/tensor.js';
import {
  fireAndReset,
  type IFNodeParameters,
  initialV,
  multiStep,
  type NodeSequence,
  resolveNode,
} from './lif-node.js';
import { checkParam, type Param } from './param.js';

/*
 * SpikingJelly's ParametricLIFNode (PLIF, Fang et al. 2021; activation_based/neuron.py, 0.0.0.0.14): a
 * LIFNode whose 1/tau = sigmoid(w) with w learnable, initialised to -log(init_tau - 1). Fires on
 * h - vThreshold >= 0 and resets in the same step, the spike kept in the graph unless detachReset.
 */

/** SpikingJelly `ParametricLIFNode(init_tau=2., decay_input=True, v_threshold=1., v_reset=0., ...)`. */
export interface ParametricLIFNodeParameters extends IFNodeParameters {
  /** The learnable w (1/tau = sigmoid(w)); a number or a tensor. Default -log(initTau - 1). */
  w?: Param;
  /** Initial tau when w is not given, default 2 (must be > 1). */
  initTau?: number;
  /** Whether the input is scaled by 1/tau too, default true. */
  decayInput?: boolean;
}

/**
 * SpikingJelly's initial w for a membrane time constant: -log(initTau - 1), so sigmoid(w) = 1/initTau.
 *
 * @param initTau - The membrane time constant in steps, default 2 (must be > 1).
 * @example
 * ```ts
 * const w = variable(scalar(parametricLIFNodeW(2))); // 0: sigmoid(0) = 1/2 = 1/tau
 * const [s, v] = parametricLIFNodeStep(tensor([1.5, 3]), null, { w });
 * ```
 */
export function parametricLIFNodeW(initTau = 2): number {
  if (typeof initTau !== 'number' || !(initTau > 1)) {
    throw new ArgumentError(`ParametricLIFNode: initTau must be a number > 1, got ${String(initTau)}`);
  }
  return -Math.log(initTau - 1);
}

/**
 * One ParametricLIFNode step with k = sigmoid(w):
 *   decayInput: h = v + (x - (v - vReset))*k  (v + (x - v)*k when vReset is 0 or null)
 *   otherwise:  h = v - (v - vReset)*k + x    (v*(1 - k) + x when vReset is 0 or null)
 * then fire and reset. `v` null starts at vReset (or 0). Returns [s, v'].
 *
 * @param x - The step's input, any shape.
 * @param v - The membrane before the step; null starts at vReset (or 0).
 * @param p - w (1/tau = sigmoid(w); default from initTau, default 2), decayInput (default true), vThreshold
 *   (default 1), vReset (default 0; null: soft reset), surrogate, detachReset.
 * @example
 * ```ts
 * // SpikingJelly: ParametricLIFNode(init_tau=2.0): tau is learned through w
 * const w = variable(scalar(parametricLIFNodeW(2)));
 * const x = tensor([1.5, 3]);
 * const { value, grads: [dw] } = valueAndGrads(() => sum(parametricLIFNodeStep(x, null, { w })[1]), [w]);
 * ```
 */
export function parametricLIFNodeStep(
  x: Tensor,
  v: Tensor | null,
  p: ParametricLIFNodeParameters = {},
): [Tensor, Tensor] {
  const fn = 'parametricLIFNodeStep';
  const c = resolveNode(fn, p);
  const w = p.w ?? parametricLIFNodeW(p.initTau ?? 2);
  checkParam(fn, 'w', w);
  const k: Param = typeof w === 'number' ? 1 / (1 + Math.exp(-w)) : sigmoid(w);
  const v0 = v ?? initialV(x.shape, c);
  const plain = c.vReset === null || c.vReset === 0;
  let h: Tensor;
  if (p.decayInput ?? true) {
    const drive = plain ? sub(x, v0) : sub(x, sub(v0, c.vReset as Param));
    h = add(v0, mul(drive, k));
  } else {
    h = plain ? add(mul(v0, sub(1, k)), x) : add(sub(v0, mul(sub(v0, c.vReset as Param), k)), x);
  }
  return fireAndReset(h, c);
}

/**
 * SpikingJelly `ParametricLIFNode` in multi-step mode: xSeq [T, ...] -> { spikes, v } each [T, ...].
 *
 * @param xSeq - Inputs, [T, ...] (time first).
 * @param v0 - The membrane before step 0; null (default) starts at vReset (or 0).
 * @param p - As parametricLIFNodeStep's.
 * @example
 * ```ts
 * const w = variable(scalar(parametricLIFNodeW(3))); // tau 3 steps to start with
 * const { spikes, v } = parametricLIFNode(randomUniform([8, 32, 100], { seed: 0, high: 3 }), null, { w });
 * ```
 */
export function parametricLIFNode(
  xSeq: Tensor,
  v0: Tensor | null = null,
  p: ParametricLIFNodeParameters = {},
): NodeSequence {
  return multiStep('parametricLIFNode', (x, v) => parametricLIFNodeStep(x, v, p), xSeq, v0);
}
