import type { GradRule } from '../engine/kernel-types.js';
import { where } from '../ops/compare.js';
import { sumToShape } from './reduce-util.js';

/** dy goes to `a` where the condition holds and to `b` elsewhere; the condition has no gradient. */
export const whereGrad: GradRule<'Where'> = {
  kernelName: 'Where',
  gradFunc: (dy, { inputs: { condition, a, b } }) => ({
    a: () => sumToShape(where(condition, dy, 0), a.shape),
    b: () => sumToShape(where(condition, 0, dy), b.shape),
  }),
};
