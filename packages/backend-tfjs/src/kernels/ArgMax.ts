import * as tf from '@tensorflow/tfjs-core';
import type { TfKernel } from '../kernel-context.js';

/** Index of the first maximum along `axis` (tfjs's cpu and wasm kernels both keep the first). */
export const ArgMax: TfKernel<'ArgMax'> = (ctx, { x }, { axis }) => {
  return ctx.run(() => tf.argMax(ctx.get(x), axis));
};
