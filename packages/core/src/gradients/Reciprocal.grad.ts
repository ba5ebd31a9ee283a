import type { GradRule } from '../engine/kernel-types.js';
import { mul } from '../ops/binary.js';
import { neg } from '../ops/unary.js';

/** d(1/x)/dx = -1/x^2 = -y^2. */
export const reciprocalGrad: GradRule<'Reciprocal'> = {
  kernelName: 'Reciprocal',
  gradFunc: (dy, { outputs: [y] }) => ({ x: () => neg(mul(dy, mul(y, y))) }),
};
