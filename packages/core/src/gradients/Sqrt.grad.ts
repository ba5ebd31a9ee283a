import type { GradRule } from '../engine/kernel-types.js';
import { div, mul } from '../ops/binary.js';

/** dy / (2 sqrt(x)). */
export const sqrtGrad: GradRule<'Sqrt'> = {
  kernelName: 'Sqrt',
  gradFunc: (dy, { outputs: [y] }) => ({ x: () => div(dy, mul(y, 2)) }),
};
