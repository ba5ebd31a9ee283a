import type { GradRule } from '../engine/kernel-types.js';
import { neg } from '../ops/unary.js';

export const negGrad: GradRule<'Neg'> = {
  kernelName: 'Neg',
  gradFunc: (dy) => ({ x: () => neg(dy) }),
};
