import type { SurrogateName } from '../kernels/kernel-signatures.js';
import { abs, add, mul, neg, onesLike, reciprocal, relu, sigmoid, square } from '../ops/index.js';
import type { Tensor } from '../tensor/tensor.js';

/**
 * surrogate'(x) at x = v - vTh as core ops (runs on every backend). The same formulas as the host
 * versions in `backends/reference/surrogate-derivatives.ts` (the single written definition, with its
 * table of sources); `derivatives.test.ts` checks the two agree.
 */
export function surrogateDerivative(name: SurrogateName, x: Tensor, alpha: number): Tensor {
  switch (name) {
    case 'superspike':
    case 'fastSigmoid':
      // 1 / (alpha*|x| + 1)^2
      return reciprocal(square(add(mul(abs(x), alpha), 1)));
    case 'atan':
      // (alpha/2) / (1 + (pi/2 * alpha * x)^2)
      return mul(reciprocal(add(square(mul(x, (Math.PI / 2) * alpha)), 1)), alpha / 2);
    case 'sigmoid': {
      // alpha * s * (1 - s), s = sigmoid(alpha * x)
      const s = sigmoid(mul(x, alpha));
      return mul(mul(s, add(neg(s), 1)), alpha);
    }
    case 'triangle':
      // alpha * max(0, 1 - alpha*|x|)
      return mul(relu(add(mul(abs(x), -alpha), 1)), alpha);
    case 'straightThrough':
      return onesLike(x);
  }
}
