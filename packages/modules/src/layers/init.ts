import { mul, randomNormal, randomUniform, type Tensor } from '@snn/core';
import { nextSeed } from '../random/seed.js';

/**
 * PyTorch's default for Linear and Conv weights, `kaiming_uniform_(a=sqrt(5))`, which works out to
 * U(-1/sqrt(fanIn), 1/sqrt(fanIn)); PyTorch draws biases from the same interval.
 */
export function uniformFanIn(shape: readonly number[], fanIn: number, seed: number = nextSeed()): Tensor {
  const bound = fanIn > 0 ? 1 / Math.sqrt(fanIn) : 0;
  return randomUniform([...shape], { seed, low: -bound, high: bound });
}

/** N(0, 1) * scale, e.g. Norse's recurrent-cell init `randn(...) * sqrt(2 / hidden)`. */
export function scaledNormal(shape: readonly number[], scale: number, seed: number = nextSeed()): Tensor {
  const n = randomNormal([...shape], { seed });
  const out = mul(n, scale);
  n.dispose();
  return out;
}
