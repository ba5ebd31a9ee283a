import type { KernelAttrs } from '../../kernels/kernel-signatures.js';
import type { Tensor } from '../../tensor/tensor.js';
import { add, div, mul, sub } from '../binary.js';
import { sqrt } from '../unary.js';

/**
 * PyTorch's Adam step (torch.optim.Adam, single-tensor path, in its order of operations):
 * denom = sqrt(v) / sqrt(1 - b2^step) + eps; param -= (lr / (1 - b1^step)) * m / denom.
 */
export function adamUpdateDecomposition(
  inputs: { param: Tensor; grad: Tensor; m: Tensor; v: Tensor },
  attrs: KernelAttrs<'AdamUpdate'>,
): Tensor[] {
  const { param, m, v } = inputs;
  const { lr, beta1, beta2, eps, weightDecay, step } = attrs;
  const g = weightDecay !== 0 ? add(inputs.grad, mul(param, weightDecay)) : inputs.grad;
  const m1 = add(mul(m, beta1), mul(g, 1 - beta1));
  const v1 = add(mul(v, beta2), mul(mul(g, g), 1 - beta2));
  const bc1 = 1 - beta1 ** step;
  const bc2Sqrt = Math.sqrt(1 - beta2 ** step);
  const denom = add(div(sqrt(v1), bc2Sqrt), eps);
  const p1 = sub(param, mul(div(m1, denom), lr / bc1));
  return [p1, m1, v1];
}
