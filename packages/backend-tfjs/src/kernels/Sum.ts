import * as tf from '@tensorflow/tfjs-core';
import type { TfKernel } from '../kernel-context.js';
import { reduce } from './reduce.js';

export const Sum: TfKernel<'Sum'> = (ctx, { x }, { axes, keepDims }) =>
  reduce(ctx, x, axes, keepDims, (t, ax, keep) => tf.sum(t, ax, keep));
