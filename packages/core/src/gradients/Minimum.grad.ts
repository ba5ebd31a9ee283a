import type { GradRule } from '../engine/kernel-types.js';
import { mul } from '../ops/binary.js';
import { greater, lessEqual } from '../ops/compare.js';
import { cast } from '../ops/unary.js';
import { sumToShape } from './reduce-util.js';

/** The gradient goes to the smaller operand; to `a` on ties. */
export const minimumGrad: GradRule<'Minimum'> = {
  kernelName: 'Minimum',
  gradFunc: (dy, { inputs: { a, b } }) => ({
    a: () => sumToShape(mul(dy, cast(lessEqual(a, b), 'float32')), a.shape),
    b: () => sumToShape(mul(dy, cast(greater(a, b), 'float32')), b.shape),
  }),
};
