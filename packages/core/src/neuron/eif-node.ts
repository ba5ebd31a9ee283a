import { add, div, exp, mul, sub } from '../ops/index.js';
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
import { definedOnly } from './qif-node.js';

/*
 * SpikingJelly's EIFNode, the exponential integrate-and-fire neuron (activation_based/neuron.py,
 * 0.0.0.0.14). Fires on h - vThreshold >= 0, resets in the same step (spike in the graph unless
 * detachReset). SpikingJelly starts the membrane at vReset (-0.1 by default), not at vRest.
 */

/** SpikingJelly `EIFNode(tau=2., delta_T=1., theta_rh=.8, v_threshold=1., v_rest=0., v_reset=-0.1, ...)`. */
export interface EIFNodeParameters extends IFNodeParameters {
  /** Membrane time constant in steps, default 2. */
  tau?: Param;
  /** Sharpness, default 1. */
  deltaT?: Param;
  /** Rheobase threshold, default 0.8. */
  thetaRh?: Param;
  /** Resting potential, default 0. */
  vRest?: Param;
}

/**
 * h = v + (x + vRest - v + deltaT*exp((v - thetaRh)/deltaT))/tau, then fire and reset. Returns [s, v'].
 *
 * @param x - The step's input, any shape.
 * @param v - The membrane before the step; null starts at vReset (default -0.1).
 * @param p - tau in steps (default 2), deltaT (default 1), thetaRh (default 0.8), vRest (default 0),
 *   vThreshold (default 1), vReset (default -0.1), surrogate, detachReset.
 * @example
 * ```ts
 * const [s, v] = eifNodeStep(tensor([0.5, 3]), null); // SpikingJelly EIFNode() defaults
 * console.log(s.dataSync()); // [0, 1]
 * ```
 */
export function eifNodeStep(x: Tensor, v: Tensor | null, p: EIFNodeParameters = {}): [Tensor, Tensor] {
  const fn = 'eifNodeStep';
  const c = resolveNode(fn, { vReset: -0.1, ...definedOnly(p) });
  const { tau = 2, deltaT = 1, thetaRh = 0.8, vRest = 0 } = p;
  for (const [k, val] of Object.entries({ tau, deltaT, thetaRh, vRest })) checkParam(fn, k, val);
  const v0 = v ?? initialV(x.shape, c);
  const upswing = mul(exp(div(sub(v0, thetaRh), deltaT)), deltaT);
  const h = add(v0, div(add(sub(add(x, vRest), v0), upswing), tau));
  return fireAndReset(h, c);
}

/**
 * SpikingJelly `EIFNode` in multi-step mode: xSeq [T, ...] -> { spikes, v } each [T, ...].
 *
 * @param xSeq - Inputs, [T, ...] (time first).
 * @param v0 - The membrane before step 0; null (default) starts at vReset.
 * @param p - As eifNodeStep's.
 * @example
 * ```ts
 * const { spikes, v } = eifNode(fill([10, 4], 0.6), null, { tau: 2 }); // [T 10, 4 neurons]
 * ```
 */
export function eifNode(xSeq: Tensor, v0: Tensor | null = null, p: EIFNodeParameters = {}): NodeSequence {
  return multiStep('eifNode', (x, v) => eifNodeStep(x, v, p), xSeq, v0);
}
