import { add, div, mul, sub } from '../ops/index.js';
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
 * SpikingJelly's QIFNode, the quadratic integrate-and-fire neuron (activation_based/neuron.py,
 * 0.0.0.0.14). Fires on h - vThreshold >= 0, resets in the same step (spike in the graph unless
 * detachReset). SpikingJelly starts the membrane at vReset (-0.1 by default), not at vRest.
 */

/** SpikingJelly `QIFNode(tau=2., v_c=0.8, a0=1., v_threshold=1., v_rest=0., v_reset=-0.1, ...)`. */
export interface QIFNodeParameters extends IFNodeParameters {
  /** Membrane time constant in steps, default 2. */
  tau?: Param;
  /** Critical voltage, default 0.8. */
  vC?: Param;
  /** Quadratic coefficient, default 1. */
  a0?: Param;
  /** Resting potential, default 0. */
  vRest?: Param;
}

/**
 * h = v + (x + a0*(v - vRest)*(v - vC))/tau, then fire and reset. `v` null starts at vReset. Returns [s, v'].
 *
 * @param x - The step's input, any shape.
 * @param v - The membrane before the step; null starts at vReset (default -0.1).
 * @param p - tau in steps (default 2), vC (default 0.8), a0 (default 1), vRest (default 0), vThreshold
 *   (default 1), vReset (default -0.1), surrogate, detachReset.
 * @example
 * ```ts
 * const [s, v] = qifNodeStep(tensor([0.5, 3]), null); // SpikingJelly QIFNode() defaults
 * console.log(s.dataSync()); // [0, 1]
 * ```
 */
export function qifNodeStep(x: Tensor, v: Tensor | null, p: QIFNodeParameters = {}): [Tensor, Tensor] {
  const fn = 'qifNodeStep';
  const c = resolveNode(fn, { vReset: -0.1, ...definedOnly(p) });
  const { tau = 2, vC = 0.8, a0 = 1, vRest = 0 } = p;
  for (const [k, val] of Object.entries({ tau, vC, a0, vRest })) checkParam(fn, k, val);
  const v0 = v ?? initialV(x.shape, c);
  const h = add(v0, div(add(x, mul(mul(sub(v0, vRest), sub(v0, vC)), a0)), tau));
  return fireAndReset(h, c);
}

/**
 * SpikingJelly `QIFNode` in multi-step mode: xSeq [T, ...] -> { spikes, v } each [T, ...].
 *
 * @param xSeq - Inputs, [T, ...] (time first).
 * @param v0 - The membrane before step 0; null (default) starts at vReset.
 * @param p - As qifNodeStep's.
 * @example
 * ```ts
 * const { spikes, v } = qifNode(fill([10, 4], 0.6)); // [T 10, 4 neurons]
 * ```
 */
export function qifNode(xSeq: Tensor, v0: Tensor | null = null, p: QIFNodeParameters = {}): NodeSequence {
  return multiStep('qifNode', (x, v) => qifNodeStep(x, v, p), xSeq, v0);
}

/** The fields of `p` that are not undefined (so `{ vReset: undefined }` keeps a node's default). */
export function definedOnly<T extends object>(p: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, val] of Object.entries(p)) if (val !== undefined) (out as Record<string, unknown>)[k] = val;
  return out;
}
