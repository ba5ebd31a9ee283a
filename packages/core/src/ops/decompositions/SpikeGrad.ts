import type { KernelAttrs } from '../../kernels/kernel-signatures.js';
import { surrogateDerivative } from '../../surrogate/derivatives.js';
import type { Tensor } from '../../tensor/tensor.js';
import { mul } from '../binary.js';

/** dy * surrogate'(x) in core ops, for backends without a native SpikeGrad. */
export function spikeGradDecomposition(
  { dy, x }: { dy: Tensor; x: Tensor },
  { surrogate, alpha }: KernelAttrs<'SpikeGrad'>,
): Tensor {
  return mul(dy, surrogateDerivative(surrogate, x, alpha));
}
