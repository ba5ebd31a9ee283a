import { hasKernel, runKernel } from '../engine/api.js';
import { ENGINE } from '../engine/engine.js';
import { shapesEqual } from '../kernels/shape-utils.js';
import { reshape } from '../ops/index.js';
import type { Tensor } from '../tensor/tensor.js';
import type { LIParameters } from './li.js';
import type { LIFParameters } from './lif.js';
import { lifSequenceAttrs, liSequenceAttrs } from './sequence-attrs.js';

/*
 * One time step of a neuron as its fused sequence kernel with T = 1, when the backend implements that
 * kernel natively: one kernel forward and one backward instead of about ten of each. The kernels
 * compute the steps' own float32 operations in the same order (kernel-signatures.ts), so values and
 * gradients are those of the step-by-step ops. Not taken (undefined) when a parameter is a tensor,
 * the spike function has no named surrogate, or the state's shape differs from the input's.
 */

const sameShape = (shape: readonly number[], ...ts: Tensor[]) =>
  ts.every((t) => t.dtype === 'float32' && shapesEqual(t.shape, shape));

const step = (t: Tensor) => reshape(t, [1, ...t.shape]);
const unstep = (t: Tensor) => reshape(t, t.shape.slice(1));

/** The LIF update of lifFeedForwardStep from (v, i), then i' = id + x; x null stands for zeros. */
export function fusedLifStep(
  x: Tensor | null,
  v: Tensor,
  i: Tensor,
  p: LIFParameters,
  dt: number,
  detachReset: boolean,
): { z: Tensor; v: Tensor; i: Tensor } | undefined {
  if (!hasKernel('LIFSequence') || !sameShape(i.shape, v, ...(x === null ? [] : [x]))) return undefined;
  const attrs = lifSequenceAttrs(p, dt, detachReset);
  if (attrs === undefined) return undefined;
  const xs = x === null ? ENGINE.zerosConst([1, ...i.shape]) : step(x);
  const [z, vNext, iNext] = runKernel('LIFSequence', { x: xs, v0: v, i0: i }, attrs);
  return { z: unstep(z), v: unstep(vNext), i: unstep(iNext) };
}

/** liFeedForwardStep's update: j = i + x; v' = v + a((vLeak - v) + j); i' = j - b j. */
export function fusedLiStep(
  x: Tensor,
  v: Tensor,
  i: Tensor,
  p: LIParameters,
  dt: number,
): { v: Tensor; i: Tensor } | undefined {
  if (!hasKernel('LISequence') || !sameShape(x.shape, v, i, x)) return undefined;
  const attrs = liSequenceAttrs(p, dt);
  if (attrs === undefined) return undefined;
  const [vNext, iNext] = runKernel('LISequence', { x: step(x), v0: v, i0: i }, attrs);
  return { v: unstep(vNext), i: unstep(iNext) };
}
