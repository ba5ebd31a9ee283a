import type { GradRule } from '../engine/kernel-types.js';
import { pad } from '../ops/movement.js';

/** dy padded with zeros back to the input's shape. */
export const sliceGrad: GradRule<'Slice'> = {
  kernelName: 'Slice',
  gradFunc: (dy, { inputs: { x } }, { begin, size }) => ({
    x: () =>
      pad(
        dy,
        x.shape.map((d, i) => [begin[i], d - begin[i] - size[i]] as [number, number]),
      ),
  }),
};
