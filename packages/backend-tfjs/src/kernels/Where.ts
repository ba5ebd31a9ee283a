import { ArgumentError, broadcastShapes } from '@snn/core';
import * as tf from '@tensorflow/tfjs-core';
import type { TfKernel } from '../kernel-context.js';

export const Where: TfKernel<'Where'> = (ctx, { condition, a, b }) => {
  if (condition.dtype !== 'bool') {
    throw new ArgumentError(`where: condition must be bool, got ${condition.dtype}`);
  }
  if (a.dtype !== b.dtype)
    throw new ArgumentError(`where: a and b must share a dtype, got ${a.dtype} and ${b.dtype}`);
  broadcastShapes(broadcastShapes(condition.shape, a.shape, 'where'), b.shape, 'where');
  // tfjs's where broadcasts all three operands (NumPy rules) since 3.x.
  return ctx.run(() => tf.where(ctx.get(condition), ctx.get(a), ctx.get(b)));
};
