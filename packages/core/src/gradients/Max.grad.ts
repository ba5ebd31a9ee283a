import type { GradRule } from '../engine/kernel-types.js';
import { div, mul } from '../ops/binary.js';
import { equal } from '../ops/compare.js';
import { sum } from '../ops/reduce.js';
import { cast } from '../ops/unary.js';
import { keepDimsShape } from './reduce-util.js';

/** dy goes to the maxima of each reduced group, shared equally among ties (torch.amax). */
export const maxGrad: GradRule<'Max'> = {
  kernelName: 'Max',
  gradFunc: (dy, { inputs: { x }, outputs: [y] }, { axes }) => ({
    x: () => {
      const keep = keepDimsShape(x.shape, axes);
      const mask = cast(equal(x, y.reshape(keep)), 'float32');
      const count = sum(mask, axes, true);
      return mul(mask, div(dy.reshape(keep), count));
    },
  }),
};
