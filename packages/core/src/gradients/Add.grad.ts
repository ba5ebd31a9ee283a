import type { GradRule } from '../engine/kernel-types.js';
import { sumToShape } from './reduce-util.js';

export const addGrad: GradRule<'Add'> = {
  kernelName: 'Add',
  gradFunc: (dy, { inputs: { a, b } }) => ({
    a: () => sumToShape(dy, a.shape),
    b: () => sumToShape(dy, b.shape),
  }),
};
