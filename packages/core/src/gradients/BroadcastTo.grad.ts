import type { GradRule } from '../engine/kernel-types.js';
import { sumToShape } from './reduce-util.js';

export const broadcastToGrad: GradRule<'BroadcastTo'> = {
  kernelName: 'BroadcastTo',
  gradFunc: (dy, { inputs: { x } }) => ({ x: () => sumToShape(dy, x.shape) }),
};
