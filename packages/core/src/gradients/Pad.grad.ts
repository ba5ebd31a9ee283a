import type { GradRule } from '../engine/kernel-types.js';
import { slice } from '../ops/movement.js';

/** The un-padded interior of dy. */
export const padGrad: GradRule<'Pad'> = {
  kernelName: 'Pad',
  gradFunc: (dy, { inputs: { x } }, { paddings }) => ({
    x: () =>
      slice(
        dy,
        paddings.map((p) => p[0]),
        x.shape,
      ),
  }),
};
