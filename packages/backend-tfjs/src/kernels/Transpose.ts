import * as tf from '@tensorflow/tfjs-core';
import type { TfKernel } from '../kernel-context.js';

export const Transpose: TfKernel<'Transpose'> = (ctx, { x }, { perm }) => {
  return ctx.run(() => tf.transpose(ctx.get(x), perm.slice()));
};
