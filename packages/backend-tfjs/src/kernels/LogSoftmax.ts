import * as tf from '@tensorflow/tfjs-core';
import type { TfKernel } from '../kernel-context.js';

/**
 * x - logsumexp(x) along `axis`, shifted by the max. Written out rather than tf.logSoftmax, which
 * only takes the last axis; an all -Infinity row stays -Infinity (shift by 0), as in the reference.
 */
export const LogSoftmax: TfKernel<'LogSoftmax'> = (ctx, { x }, { axis }) => {
  return ctx.run(() => {
    const t = ctx.get(x);
    const max = tf.max(t, axis, true);
    const shift = tf.where(tf.isFinite(max), max, tf.zerosLike(max));
    const logSum = tf.add(tf.log(tf.sum(tf.exp(tf.sub(t, shift)), axis, true)), shift);
    return tf.sub(t, logSum);
  });
};
