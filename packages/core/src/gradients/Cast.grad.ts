import type { GradRule } from '../engine/kernel-types.js';

/**
 * float32 -> float32 passes dy through. Any cast to or from int32/bool has no gradient: the engine
 * reports Cast as the op that stopped it if no other path reaches the input.
 */
export const castGrad: GradRule<'Cast'> = {
  kernelName: 'Cast',
  gradFunc: (dy, { inputs: { x } }, attrs) =>
    x.dtype === 'float32' && attrs.dtype === 'float32' ? { x: () => dy } : {},
};
