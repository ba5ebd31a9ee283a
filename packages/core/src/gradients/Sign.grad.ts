import type { GradRule } from '../engine/kernel-types.js';
import { zerosOf } from './reduce-util.js';

/** Piecewise constant: gradient zero (as PyTorch). */
export const signGrad: GradRule<'Sign'> = {
  kernelName: 'Sign',
  gradFunc: (_dy, { inputs: { x } }) => ({ x: () => zerosOf(x) }),
};
