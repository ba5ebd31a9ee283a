import { add, keep, mul, type Tensor, tidy } from '@snn/core';
import type { Parameter } from '../module/parameter.js';
import { computeGradients } from '../optim/gradients.js';

/**
 * The gradients of one batch computed part by part (PyTorch users call it gradient accumulation):
 * each part's loss is weighted by its share of the batch's samples and the parts' gradients are
 * summed into each parameter's `grad`. For a loss that is a mean over samples this is the whole
 * batch's loss and gradient, up to float rounding, while backpropagation through time holds the
 * activations of one part at a time. Returns the batch's loss.
 */
export function accumulateGradients<P>(
  parts: readonly P[],
  share: (part: P) => number,
  lossOf: (part: P) => Tensor,
  params: readonly Parameter[],
  beforePart?: () => void,
): Tensor {
  const sums: (Tensor | null)[] = params.map(() => null);
  let total: Tensor | null = null;
  for (const part of parts) {
    beforePart?.();
    const loss = tidy(() => computeGradients(() => mul(lossOf(part), share(part)), params));
    params.forEach((p, i) => {
      if (!p.grad) return;
      const s = sums[i];
      sums[i] = keep(s ? add(s, p.grad) : p.grad.clone());
      s?.dispose();
      p.setGrad(null);
    });
    const before: Tensor | null = total;
    total = keep(before ? add(before, loss) : loss);
    if (before) {
      before.dispose();
      loss.dispose();
    }
  }
  params.forEach((p, i) => {
    p.setGrad(sums[i]);
  });
  return total as Tensor;
}
