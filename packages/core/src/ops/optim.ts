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
 *
 * @param param - The parameter.
 * @param grad - Its gradient.
 * @param m - The running mean of the gradient (zeros before the first step).
 * @param v - The running mean of its square (zeros before the first step).
 * @param attrs - lr, beta1, beta2, eps, weightDecay and step (1 for the first update).
 * @example
 * ```ts
 * const param = tensor([1, 2]);
 * const g = tensor([0.1, -0.2]);
 * const attrs = { lr: 1e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0, step: 1 };
 * const [p1, m1, v1] = adamUpdate(param, g, zerosLike(param), zerosLike(param), attrs);
 * // p1 ~ [0.999, 2.001]: the first Adam step moves each weight by lr against its gradient's sign
 * ```
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

/**
 * One PyTorch SGD step for one parameter (see the SGDUpdate kernel); returns [param, buf].
 *
 * @param param - The parameter.
 * @param grad - Its gradient.
 * @param buf - The momentum buffer (ignored on the first step).
 * @param attrs - lr, momentum, dampening, nesterov, weightDecay and firstStep.
 * @example
 * ```ts
 * const param = tensor([1, 2]);
 * const g = tensor([0.1, -0.2]);
 * const attrs = { lr: 0.1, momentum: 0.9, dampening: 0, nesterov: false, weightDecay: 0, firstStep: true };
 * const [p1, buf] = sgdUpdate(param, g, zerosLike(param), attrs); // p1 = [0.99, 2.02], buf = g
 * ```
 */
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
