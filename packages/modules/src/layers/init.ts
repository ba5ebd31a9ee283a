import { mul, randomNormal, randomUniform, type Tensor } from '@snn/core';
import { nextSeed } from '../random/seed.js';

/**
 * PyTorch's default for Linear and Conv weights, `kaiming_uniform_(a=sqrt(5))`, which works out to
 * U(-1/sqrt(fanIn), 1/sqrt(fanIn)); PyTorch draws biases from the same interval.
 *
 * @param shape - The tensor's shape, e.g. [out, in] for a Linear weight.
 * @param fanIn - The inputs per output (in, or inChannels * kH * kW for a convolution); 0 gives zeros.
 * @param seed - The random seed (default: the next of `manualSeed`'s sequence).
 * @example
 * ```ts
 * const weight = uniformFanIn([100, 784], 784, 0); // U(-1/28, 1/28), as nn.Linear(784, 100).weight
 * const bias = uniformFanIn([100], 784, 1);
 * ```
 */
export function uniformFanIn(shape: readonly number[], fanIn: number, seed: number = nextSeed()): Tensor {
  const bound = fanIn > 0 ? 1 / Math.sqrt(fanIn) : 0;
  return randomUniform([...shape], { seed, low: -bound, high: bound });
}

/**
 * N(0, 1) * scale, e.g. Norse's recurrent-cell init `randn(...) * sqrt(2 / hidden)`.
 *
 * @param shape - The tensor's shape.
 * @param scale - The standard deviation.
 * @param seed - The random seed (default: the next of `manualSeed`'s sequence).
 * @example
 * ```ts
 * // Norse: torch.randn(hidden, hidden) * np.sqrt(2 / hidden)
 * const hidden = 100;
 * const recurrentWeights = scaledNormal([hidden, hidden], Math.sqrt(2 / hidden), 0);
 * ```
 */
export function scaledNormal(shape: readonly number[], scale: number, seed: number = nextSeed()): Tensor {
  const n = randomNormal([...shape], { seed });
  const out = mul(n, scale);
  n.dispose();
  return out;
}
