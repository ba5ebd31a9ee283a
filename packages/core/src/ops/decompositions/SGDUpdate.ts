import type { KernelAttrs } from '../../kernels/kernel-signatures.js';
import type { Tensor } from '../../tensor/tensor.js';
import { add, mul, sub } from '../binary.js';

/** PyTorch's SGD step (torch.optim.SGD) with momentum, dampening, Nesterov and L2 weight decay. */
export function sgdUpdateDecomposition(
  inputs: { param: Tensor; grad: Tensor; buf: Tensor },
  attrs: KernelAttrs<'SGDUpdate'>,
): Tensor[] {
  const { param, buf } = inputs;
  const { lr, momentum, dampening, nesterov, weightDecay, firstStep } = attrs;
  let g = weightDecay !== 0 ? add(inputs.grad, mul(param, weightDecay)) : inputs.grad;
  let newBuf = buf;
  if (momentum !== 0) {
    newBuf = firstStep ? g : add(mul(buf, momentum), mul(g, 1 - dampening));
    g = nesterov ? add(g, mul(newBuf, momentum)) : newBuf;
  }
  return [sub(param, mul(g, lr)), newBuf];
}
