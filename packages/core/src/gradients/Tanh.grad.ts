import type { GradRule } from '../engine/kernel-types.js';
import { mul, sub } from '../ops/binary.js';

/** dy * (1 - y^2). */
export const tanhGrad: GradRule<'Tanh'> = {
  kernelName: 'Tanh',
  gradFunc: (dy, { outputs: [y] }) => ({ x: () => mul(dy, sub(1, mul(y, y))) }),
};
