import { ArgumentError } from '@snn/core';
import * as tf from '@tensorflow/tfjs-core';
import type { TfKernel } from '../kernel-context.js';
import { checkBinary } from './helpers.js';

export const LogicalAnd: TfKernel<'LogicalAnd'> = (ctx, { a, b }) => {
  checkBinary('logicalAnd', a, b);
  if (a.dtype !== 'bool') throw new ArgumentError(`logicalAnd: expected bool tensors, got ${a.dtype}`);
  return ctx.run(() => tf.logicalAnd(ctx.get(a), ctx.get(b)));
};
