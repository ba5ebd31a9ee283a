import { detach } from '../engine/api.js';
import { ArgumentError } from '../errors.js';
import { add, div, mul, stack, sub, unstack } from '../ops/index.js';
import type { Tensor } from '../tensor/tensor.js';
import { type IFNodeParameters, initialV, resolveNode } from './lif-node.js';
import { checkParam, filledLike, type Param } from './param.js';
import { definedOnly } from './qif-node.js';

/*
 * SpikingJelly's IzhikevichNode (activation_based/neuron.py, 0.0.0.0.14, an AdaptBaseNode): the
 * quadratic membrane of QIFNode minus an adaptation current w. Each step: charge v, then w adapts to
 * the just-charged v (before fire and reset), fire on v - vThreshold >= 0, reset v and add b*spike to
 * w. As SpikingJelly's AdaptBaseNode, the hard reset is (1 - spike_d)*v + spike*vReset and w jumps by
 * b*spike with the spike itself (spike_d is the spike, detached when detachReset).
 */

/** SpikingJelly `IzhikevichNode(tau=2., v_c=0.8, a0=1., v_threshold=1., v_reset=0., v_rest=-0.1, w_rest=0., tau_w=2., a=0., b=0., ...)`. */
export interface IzhikevichNodeParameters extends IFNodeParameters {
  /** Membrane time constant in steps, default 2. */
  tau?: Param;
  /** Critical voltage, default 0.8. */
  vC?: Param;
  /** Quadratic coefficient, default 1. */
  a0?: Param;
  /** Resting potential, default -0.1. */
  vRest?: Param;
  /** Initial adaptation current, default 0. */
  wRest?: Param;
  /** Adaptation time constant in steps, default 2. */
  tauW?: Param;
  /** Subthreshold coupling of w to v, default 0. */
  a?: Param;
  /** Spike-triggered jump of w, default 0. */
  b?: Param;
}

/** The node's membrane v and adaptation current w. */
export interface IzhikevichNodeState {
  /** Membrane potential. */
  v: Tensor;
  /** Adaptation current. */
  w: Tensor;
}

/** Multi-step result: spikes, membrane and adaptation after every step, each [T, ...]. */
export interface IzhikevichNodeSequence {
  /** Spikes (0/1) at every step, [T, ...]. */
  spikes: Tensor;
  /** Membrane after every step, [T, ...]. */
  v: Tensor;
  /** Adaptation current after every step, [T, ...]. */
  w: Tensor;
}

/**
 * One IzhikevichNode step:
 *   h = v + (x + a0*(v - vRest)*(v - vC) - w)/tau;  w' = w + (a*(h - vRest) - w)/tauW;
 *   s = H(h - vThreshold);  hard: v' = (1 - s_d)*h + s*vReset, soft: v' = h - s_d*vThreshold;  w'' = w' + b*s.
 * `state` null starts at v = vReset (0 for the soft reset), w = wRest. Returns [s, state'].
 *
 * @param x - The step's input, any shape.
 * @param state - The membrane v and adaptation w before the step; null starts at v = vReset, w = wRest.
 * @param p - tau and tauW in steps (default 2), vC (0.8), a0 (1), vRest (-0.1), wRest, a, b (0), vThreshold (1),
 *   vReset (default 0; null: soft reset), surrogate, detachReset.
 * @example
 * ```ts
 * const [s, state] = izhikevichNodeStep(tensor([0.5, 3]), null, { a: 0.1, b: 0.2 });
 * console.log(s.dataSync(), state.w.shape); // [0, 1] [2]
 * ```
 */
export function izhikevichNodeStep(
  x: Tensor,
  state: IzhikevichNodeState | null,
  p: IzhikevichNodeParameters = {},
): [Tensor, IzhikevichNodeState] {
  const fn = 'izhikevichNodeStep';
  const c = resolveNode(fn, p);
  const { tau = 2, vC = 0.8, a0 = 1, vRest = -0.1, wRest = 0, tauW = 2, a = 0, b = 0 } = definedOnly(p);
  for (const [k, val] of Object.entries({ tau, vC, a0, vRest, wRest, tauW, a, b })) checkParam(fn, k, val);
  const v0 = state?.v ?? initialV(x.shape, c);
  const w0 = state?.w ?? filledLike(x.shape, wRest);
  const h = add(v0, div(sub(add(x, mul(mul(sub(v0, vRest), sub(v0, vC)), a0)), w0), tau));
  const w = add(w0, div(sub(mul(sub(h, vRest), a), w0), tauW));
  const s = c.fire(sub(h, c.vThreshold));
  const sd = c.detachReset ? detach(s) : s;
  let v: Tensor;
  if (c.vReset === null) v = sub(h, mul(sd, c.vThreshold));
  else {
    const kept = mul(sub(1, sd), h);
    v = c.vReset === 0 ? kept : add(kept, mul(s, c.vReset));
  }
  return [s, { v, w: add(w, mul(s, b)) }];
}

/**
 * SpikingJelly `IzhikevichNode` in multi-step mode: xSeq [T, ...] -> { spikes, v, w } each [T, ...].
 *
 * @param xSeq - Inputs, [T, ...] (time first).
 * @param state - The state before step 0; null (default) starts at v = vReset, w = wRest.
 * @param p - As izhikevichNodeStep's.
 * @example
 * ```ts
 * const { spikes, v, w } = izhikevichNode(fill([10, 4], 1.5), null, { b: 0.5 }); // each [10, 4]
 * ```
 */
export function izhikevichNode(
  xSeq: Tensor,
  state: IzhikevichNodeState | null = null,
  p: IzhikevichNodeParameters = {},
): IzhikevichNodeSequence {
  if (xSeq.rank < 1 || xSeq.shape[0] < 1) {
    throw new ArgumentError(
      `izhikevichNode: xSeq must be time-major [T, ...] with T >= 1, got [${xSeq.shape.join(', ')}]`,
    );
  }
  const spikes: Tensor[] = [];
  const vs: Tensor[] = [];
  const ws: Tensor[] = [];
  let s = state;
  for (const x of unstack(xSeq, 0)) {
    const [z, next] = izhikevichNodeStep(x, s, p);
    spikes.push(z);
    vs.push(next.v);
    ws.push(next.w);
    s = next;
  }
  return { spikes: stack(spikes, 0), v: stack(vs, 0), w: stack(ws, 0) };
}
