import type { GradRule } from '../engine/kernel-types.js';
import { zerosOf } from './reduce-util.js';

/** Piecewise constant: gradient zero (as PyTorch). */
export const floorGrad: GradRule<'Floor'> = {
  kernelName: 'Floor',
  gradFunc: (_dy, { inputs: { x } }) => ({ x: () => zerosOf(x) }),
};
