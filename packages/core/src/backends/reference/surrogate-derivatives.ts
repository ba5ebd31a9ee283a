import { ArgumentError } from '../../errors.js';
import type { SurrogateName } from '../../kernels/kernel-signatures.js';

/*
 * Host-side derivatives of the surrogate spike functions, d/dx of a smooth stand-in for the Heaviside
 * step at x = v - vTh. One definition shared by the reference SpikeGrad/LIFSequenceGrad kernels, the
 * conformance suite and core's surrogate module, so every path uses the same formulas.
 *
 * | name            | derivative at x                                | matches                               |
 * | --------------- | ---------------------------------------------- | ------------------------------------- |
 * | superspike      | 1 / (alpha*|x| + 1)^2                          | Norse 'super' (SuperSpike), alpha 100 |
 * | atan            | (alpha/2) / (1 + (pi/2 * alpha * x)^2)         | snnTorch atan / SpikingJelly ATan, 2  |
 * | sigmoid         | alpha * s * (1 - s), s = sigmoid(alpha * x)    | SpikingJelly Sigmoid, alpha 4         |
 * | fastSigmoid     | 1 / (alpha*|x| + 1)^2                          | snnTorch fast_sigmoid (slope), 25     |
 * | triangle        | alpha * max(0, 1 - alpha*|x|)                  | ours: a triangle of area 1 and half-  |
 * |                 |                                                | width 1/alpha (peak alpha at x = 0)   |
 * | straightThrough | 1                                              | straight-through estimator            |
 *
 * superspike and fastSigmoid share a formula; they differ in their customary alpha (100 vs 25).
 */

/** The customary alpha (slope) of each surrogate, as in the library it comes from. */
export const DEFAULT_SURROGATE_ALPHA: Readonly<Record<SurrogateName, number>> = {
  superspike: 100,
  atan: 2,
  sigmoid: 4,
  fastSigmoid: 25,
  triangle: 1,
  straightThrough: 1,
};

/** d/dx of the named surrogate at x (x = v - vTh), float64. */
export function surrogateDerivative(name: SurrogateName, x: number, alpha: number): number {
  switch (name) {
    case 'superspike':
    case 'fastSigmoid': {
      const d = alpha * Math.abs(x) + 1;
      return 1 / (d * d);
    }
    case 'atan': {
      const u = (Math.PI / 2) * alpha * x;
      return alpha / 2 / (1 + u * u);
    }
    case 'sigmoid': {
      const s = 1 / (1 + Math.exp(-alpha * x));
      return alpha * s * (1 - s);
    }
    case 'triangle':
      return alpha * Math.max(0, 1 - alpha * Math.abs(x));
    case 'straightThrough':
      return 1;
    default:
      throw new ArgumentError(
        `unknown surrogate '${String(name)}'; expected one of ${Object.keys(DEFAULT_SURROGATE_ALPHA).join(', ')}`,
      );
  }
}

/** The derivative as a function of x for a fixed surrogate and alpha (validated once). */
export function surrogateDerivativeFn(name: SurrogateName, alpha: number): (x: number) => number {
  surrogateDerivative(name, 0, alpha);
  return (x) => surrogateDerivative(name, x, alpha);
}
