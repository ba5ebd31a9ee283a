import type { GradRule } from '../engine/kernel-types.js';
import { mul } from '../ops/binary.js';
import { sign } from '../ops/unary.js';

/** sign(x) * dy (0 at 0, as PyTorch). */
export const absGrad: GradRule<'Abs'> = {
  kernelName: 'Abs',
  gradFunc: (dy, { inputs: { x } }) => ({ x: () => mul(dy, sign(x)) }),
};
