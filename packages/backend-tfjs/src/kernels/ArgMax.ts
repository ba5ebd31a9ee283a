import { ArgumentError } from '@snn/core';
import * as tf from '@tensorflow/tfjs-core';
import type { TfKernel } from '../kernel-context.js';

/** Index of the first maximum along `axis` (tfjs's cpu and wasm kernels both keep the first). */
export const ArgMax: TfKernel<'ArgMax'> = (ctx, { x }, { axis }) => {
  if (!Number.isInteger(axis) || axis < 0 || axis >= x.shape.length) {
    throw new ArgumentError(`argMax: axis ${axis} is out of range for rank ${x.shape.length}`);
  }
  return ctx.run(() => tf.argMax(ctx.get(x), axis));
};
