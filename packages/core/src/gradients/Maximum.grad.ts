import type { GradRule } from '../engine/kernel-types.js';
import { mul } from '../ops/binary.js';
import { greaterEqual, less } from '../ops/compare.js';
import { cast } from '../ops/unary.js';
import { sumToShape } from './reduce-util.js';

/** The gradient goes to the larger operand; to `a` on ties (tf.maximum's convention). */
export const maximumGrad: GradRule<'Maximum'> = {
  kernelName: 'Maximum',
  gradFunc: (dy, { inputs: { a, b } }) => ({
    a: () => sumToShape(mul(dy, cast(greaterEqual(a, b), 'float32')), a.shape),
    b: () => sumToShape(mul(dy, cast(less(a, b), 'float32')), b.shape),
  }),
};
