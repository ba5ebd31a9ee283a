import { detach } from '../engine/api.js';
import { add, div, mul, relu, sub } from '../ops/index.js';
import type { Tensor } from '../tensor/tensor.js';
import { type IFNodeParameters, initialV, multiStep, type NodeSequence, resolveNode } from './lif-node.js';
import { checkParam, type Param } from './param.js';

/*
 * SpikingJelly's KLIFNode (Jiang et al. 2023; activation_based/neuron.py, 0.0.0.0.14): a LIFNode whose
 * charged membrane is rescaled by a learnable k and rectified, F = relu(k*h), before firing on
 * F - vThreshold >= 0; the reset acts on F (divided by k again with scaleReset).
 */

/** SpikingJelly `KLIFNode(scale_reset=False, tau=2., decay_input=True, v_threshold=1., v_reset=0., ...)`. */
export interface KLIFNodeParameters extends IFNodeParameters {
  /** The learnable k (SpikingJelly initialises it to 1); a number or a tensor. */
  k?: Param;
  /** Membrane time constant in steps, default 2. */
  tau?: Param;
  /** Whether the input is divided by tau too, default true. */
  decayInput?: boolean;
  /** Divide v by k in the reset, default false. */
  scaleReset?: boolean;
}

/**
 * One KLIFNode step, with vr = vReset (0 for the soft reset):
 *   decayInput: h = v + (x - (v - vr))/tau;  otherwise h = v - (v - vr)/tau + x;  F = relu(k*h);
 *   s = H(F - vThreshold);  hard: v' = (1 - s)*F + s*vReset (F/k with scaleReset);
 *   soft: v' = F - s*vThreshold (divided by k with scaleReset).
 * `v` null starts at vReset (or 0). Returns [s, v'].
 *
 * @param x - The step's input, any shape.
 * @param v - The membrane before the step; null starts at vReset (0 for the soft reset).
 * @param p - k (default 1), tau in steps (default 2), decayInput (default true), scaleReset (default false),
 *   vThreshold (default 1), vReset (default 0; null: soft reset), surrogate, detachReset.
 * @example
 * ```ts
 * const k = variable(scalar(1)); // SpikingJelly learns k
 * const [s, v] = klifNodeStep(tensor([1, 4]), null, { k }); // F = relu(k * h), h = x / 2
 * ```
 */
export function klifNodeStep(x: Tensor, v: Tensor | null, p: KLIFNodeParameters = {}): [Tensor, Tensor] {
  const fn = 'klifNodeStep';
  const c = resolveNode(fn, p);
  const { k = 1, tau = 2 } = p;
  checkParam(fn, 'k', k);
  checkParam(fn, 'tau', tau);
  const vr = c.vReset ?? 0;
  const v0 = v ?? initialV(x.shape, c);
  const h =
    (p.decayInput ?? true) ? add(v0, div(sub(x, sub(v0, vr)), tau)) : add(sub(v0, div(sub(v0, vr), tau)), x);
  const f = relu(mul(h, k));
  const s = c.fire(sub(f, c.vThreshold));
  const sd = c.detachReset ? detach(s) : s;
  if (c.vReset === null) {
    const soft = sub(f, mul(sd, c.vThreshold));
    return [s, p.scaleReset ? div(soft, k) : soft];
  }
  const kept = mul(sub(1, sd), p.scaleReset ? div(f, k) : f);
  return [s, c.vReset === 0 ? kept : add(kept, mul(sd, c.vReset))];
}

/**
 * SpikingJelly `KLIFNode` in multi-step mode: xSeq [T, ...] -> { spikes, v } each [T, ...].
 *
 * @param xSeq - Inputs, [T, ...] (time first).
 * @param v0 - The membrane before step 0; null (default) starts at vReset (or 0).
 * @param p - As klifNodeStep's.
 * @example
 * ```ts
 * const { spikes, v } = klifNode(randomUniform([8, 32, 100], { seed: 0, high: 3 }), null, { k: 1.5 });
 * ```
 */
export function klifNode(xSeq: Tensor, v0: Tensor | null = null, p: KLIFNodeParameters = {}): NodeSequence {
  return multiStep('klifNode', (x, v) => klifNodeStep(x, v, p), xSeq, v0);
}
