import type { GradRule } from '../engine/kernel-types.js';
import { transpose } from '../ops/movement.js';

/** Transposes dy back with the inverse permutation. */
export const transposeGrad: GradRule<'Transpose'> = {
  kernelName: 'Transpose',
  gradFunc: (dy, _saved, { perm }) => ({
    x: () => {
      const inverse = new Array<number>(perm.length);
      perm.forEach((p, i) => {
        inverse[p] = i;
      });
      return transpose(dy, inverse);
    },
  }),
};
