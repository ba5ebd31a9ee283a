import type { GradRule } from '../engine/kernel-types.js';
import { div, mul } from '../ops/binary.js';
import { neg } from '../ops/unary.js';
import { sumToShape } from './reduce-util.js';

/** d(a/b)/da = 1/b; d(a/b)/db = -a/b^2 = -y/b. */
export const divGrad: GradRule<'Div'> = {
  kernelName: 'Div',
  gradFunc: (dy, { inputs: { a, b }, outputs: [y] }) => ({
    a: () => sumToShape(div(dy, b), a.shape),
    b: () => sumToShape(neg(mul(dy, div(y, b))), b.shape),
  }),
};
