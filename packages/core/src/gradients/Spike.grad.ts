import type { GradRule } from '../engine/kernel-types.js';
import { zerosOf } from './reduce-util.js';

/**
 * The Heaviside step's true gradient is zero almost everywhere. Training uses a surrogate instead
 * (core's `surrogate/` wraps Spike in customGrad); the plain op passes zeros, not an error.
 */
export const spikeGrad: GradRule<'Spike'> = {
  kernelName: 'Spike',
  gradFunc: (_dy, { inputs: { x } }) => ({ x: () => zerosOf(x) }),
};
