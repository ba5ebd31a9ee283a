import * as tf from '@tensorflow/tfjs-core';
import type { TfKernel } from '../kernel-context.js';

export const LogicalAnd: TfKernel<'LogicalAnd'> = (ctx, { a, b }) => {
  return ctx.run(() => tf.logicalAnd(ctx.get(a), ctx.get(b)));
};
