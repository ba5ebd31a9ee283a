import type { GradRule } from '../engine/kernel-types.js';
import { neg } from '../ops/unary.js';
import { sumToShape } from './reduce-util.js';

export const subGrad: GradRule<'Sub'> = {
  kernelName: 'Sub',
  gradFunc: (dy, { inputs: { a, b } }) => ({
    a: () => sumToShape(dy, a.shape),
    b: () => sumToShape(neg(dy), b.shape),
  }),
};
