import type { GradRule } from '../engine/kernel-types.js';
import { mul, pow, sub } from '../ops/binary.js';
import { greater, where } from '../ops/compare.js';
import { log } from '../ops/unary.js';
import { sumToShape } from './reduce-util.js';

/** d(a^b)/da = b a^(b-1); d(a^b)/db = a^b log(a), taken as 0 where a <= 0 (as PyTorch). */
export const powGrad: GradRule<'Pow'> = {
  kernelName: 'Pow',
  gradFunc: (dy, { inputs: { a, b }, outputs: [y] }) => ({
    a: () => sumToShape(mul(dy, mul(b, pow(a, sub(b, 1)))), a.shape),
    b: () => {
      const positive = greater(a, 0);
      const logA = log(where(positive, a, 1));
      return sumToShape(mul(dy, where(positive, mul(y, logA), 0)), b.shape);
    },
  }),
};
