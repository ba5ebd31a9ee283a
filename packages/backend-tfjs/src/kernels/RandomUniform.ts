import { sizeFromShape, uniformFloat32 } from '@snn/core';
import * as tf from '@tensorflow/tfjs-core';
import type { TfKernel } from '../kernel-context.js';

/**
 * Core's Philox4x32-10 stream, generated on the host by core's `uniformFloat32` (the executable
 * specification, so the bits match by construction) and uploaded once. tfjs has no unsigned 32-bit or
 * 64-bit integer ops to run Philox as tensor ops, and on cpu/wasm tfjs runs on the host anyway: the
 * only extra cost is one copy.
 */
export const RandomUniform: TfKernel<'RandomUniform'> = (ctx, _inputs, { shape, seed, offset }) => {
  const values = uniformFloat32(sizeFromShape(shape), seed, offset);
  return ctx.run(() => tf.tensor(values, shape.slice(), 'float32'));
};
