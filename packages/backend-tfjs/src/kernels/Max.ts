import * as tf from '@tensorflow/tfjs-core';
import type { TfKernel } from '../kernel-context.js';
import { reduce } from './reduce.js';

export const Max: TfKernel<'Max'> = (ctx, { x }, { axes, keepDims }) =>
  reduce(ctx, x, axes, keepDims, (t, ax, keep) => tf.max(t, ax, keep));
