import { sizeFromShape } from '../../../kernels/shape-utils.js';
import { uniformFloat32 } from '../../../random/philox.js';
import type { ReferenceKernel } from '../reference-kernel.js';

/** Uniform [0, 1) float32 from core's Philox4x32-10 stream (random/philox.ts is the specification). */
export const RandomUniform: ReferenceKernel<'RandomUniform'> = (_inputs, { shape, seed, offset }, store) => {
  return store.output(uniformFloat32(sizeFromShape(shape), seed, offset), shape, 'float32');
};
