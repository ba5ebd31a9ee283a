import { ArgumentError } from '@snn/core';
import * as tf from '@tensorflow/tfjs-core';
import type { TfKernel } from '../kernel-context.js';

/** Heaviside: 1 where x > 0 (x >= 0 when inclusive), else 0 (NaN gives 0), as float32. */
export const Spike: TfKernel<'Spike'> = (ctx, { x }, { inclusive }) => {
  if (x.dtype !== 'float32') throw new ArgumentError(`spike: expected a float32 tensor, got ${x.dtype}`);
  return ctx.run(() => {
    const t = ctx.get(x);
    return tf.cast(inclusive ? tf.greaterEqual(t, 0) : tf.greater(t, 0), 'float32');
  });
};
