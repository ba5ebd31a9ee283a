import { ArgumentError } from '@snn/core';
import * as tf from '@tensorflow/tfjs-core';
import type { TfKernel } from '../kernel-context.js';

/**
 * float32 [...indices.shape, depth]; indices outside [0, depth) give a row of offValue. Written as
 * where(indices[..., None] == range(depth), on, off): tfjs's oneHot refuses depth < 2, and
 * tfjs-wasm's OneHot ignores the float32 dtype (it returns zeros for fractional on/off values).
 */
export const OneHot: TfKernel<'OneHot'> = (ctx, { indices }, { depth, onValue, offValue }) => {
  if (indices.dtype !== 'int32')
    throw new ArgumentError(`oneHot: indices must be int32, got ${indices.dtype}`);
  if (!Number.isInteger(depth) || depth < 0) {
    throw new ArgumentError(`oneHot: depth must be a non-negative integer, got ${depth}`);
  }
  return ctx.run(() => {
    const hit = tf.equal(tf.expandDims(ctx.get(indices), -1), tf.range(0, depth, 1, 'int32'));
    return tf.where(hit, tf.scalar(onValue, 'float32'), tf.scalar(offValue, 'float32'));
  });
};
