import type { GradRule } from '../engine/kernel-types.js';
import { broadcastTo } from '../ops/movement.js';
import { keepDimsShape } from './reduce-util.js';

/** Each summed element receives dy. */
export const sumGrad: GradRule<'Sum'> = {
  kernelName: 'Sum',
  gradFunc: (dy, { inputs: { x } }, { axes }) => ({
    x: () => broadcastTo(dy.reshape(keepDimsShape(x.shape, axes)), x.shape),
  }),
};
