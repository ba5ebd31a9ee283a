import type { GradRule } from '../engine/kernel-types.js';
import { mul } from '../ops/binary.js';
import { sumToShape } from './reduce-util.js';

export const mulGrad: GradRule<'Mul'> = {
  kernelName: 'Mul',
  inputsToSave: ['a', 'b'],
  outputsToSave: [],
  gradFunc: (dy, { inputs: { a, b } }) => ({
    a: () => sumToShape(mul(dy, b), a.shape),
    b: () => sumToShape(mul(dy, a), b.shape),
  }),
};
