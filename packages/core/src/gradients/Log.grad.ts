import type { GradRule } from '../engine/kernel-types.js';
import { div } from '../ops/binary.js';

export const logGrad: GradRule<'Log'> = {
  kernelName: 'Log',
  gradFunc: (dy, { inputs: { x } }) => ({ x: () => div(dy, x) }),
};
