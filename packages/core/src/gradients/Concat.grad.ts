import type { GradRule } from '../engine/kernel-types.js';
import { slice } from '../ops/movement.js';

/** Each input gets its slab of dy. */
export const concatGrad: GradRule<'Concat'> = {
  kernelName: 'Concat',
  gradFunc: (dy, { inputs: { xs } }, { axis }) => ({
    xs: () => {
      let offset = 0;
      return xs.map((x) => {
        const begin = dy.shape.map((_, d) => (d === axis ? offset : 0));
        offset += x.shape[axis];
        return slice(dy, begin, x.shape);
      });
    },
  }),
};
