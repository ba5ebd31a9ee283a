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

/** h = v + (x + vRest - v + deltaT*exp((v - thetaRh)/deltaT))/tau, then fire and reset. Returns [s, v']. */
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

/** SpikingJelly `EIFNode` in multi-step mode: xSeq [T, ...] -> { spikes, v } each [T, ...]. */
export function eifNode(xSeq: Tensor, v0: Tensor | null = null, p: EIFNodeParameters = {}): NodeSequence {
  return multiStep('eifNode', (x, v) => eifNodeStep(x, v, p), xSeq, v0);
}
