import { ENGINE } from '../engine/engine.js';
import { ShapeError } from '../errors.js';
import type { KernelAttrs } from '../kernels/kernel-signatures.js';
import { formatShape, shapesEqual } from '../kernels/shape-utils.js';
import type { Tensor } from '../tensor/tensor.js';

function sameShapes(op: string, ts: Record<string, Tensor>): void {
  const [first, ...rest] = Object.entries(ts);
  for (const [name, t] of rest) {
    ENGINE.assertUsable(t, op);
    if (!shapesEqual(t.shape, first[1].shape)) {
      throw new ShapeError(
        `${op}: ${name} ${formatShape(t.shape)} and ${first[0]} ${formatShape(first[1].shape)} differ`,
      );
    }
  }
}

/**
 * One PyTorch Adam step for one parameter (see the AdamUpdate kernel); returns [param, m, v] as new
 * tensors. Runs without recording a gradient.
 */
export function adamUpdate(
  param: Tensor,
  grad: Tensor,
  m: Tensor,
  v: Tensor,
  attrs: KernelAttrs<'AdamUpdate'>,
): [Tensor, Tensor, Tensor] {
  sameShapes('adamUpdate', { param, grad, m, v });
  const out = ENGINE.noGrad(() => ENGINE.runKernel('AdamUpdate', { param, grad, m, v }, attrs));
  return [out[0], out[1], out[2]];
}

/** One PyTorch SGD step for one parameter (see the SGDUpdate kernel); returns [param, buf]. */
export function sgdUpdate(
  param: Tensor,
  grad: Tensor,
  buf: Tensor,
  attrs: KernelAttrs<'SGDUpdate'>,
): [Tensor, Tensor] {
  sameShapes('sgdUpdate', { param, grad, buf });
  const out = ENGINE.noGrad(() => ENGINE.runKernel('SGDUpdate', { param, grad, buf }, attrs));
  return [out[0], out[1]];
}
