import * as tf from '@tensorflow/tfjs-core';
import type { TfKernel } from '../kernel-context.js';

/**
 * float32 [...indices.shape, depth]; indices outside [0, depth) give a row of offValue. tfjs's oneHot
 * makes the 0/1 pattern as int32 (tfjs-wasm's OneHot ignores a float32 dtype: zeros for fractional
 * on/off values, so the values are never passed to it), then cast; on/off other than 1/0 select
 * between two filled tensors, exact in float32. tfjs's oneHot refuses depth < 2: there the pattern is
 * indices[..., None] == range(depth) (a broadcasting Equal, several times slower on wasm).
 */
export const OneHot: TfKernel<'OneHot'> = (ctx, { indices }, { depth, onValue, offValue }) => {
  return ctx.run(() => {
    const t = ctx.get(indices);
    // 0/1 int32 (cast to bool below only when on/off need a select; 0/1 survive wasm's byte Cast).
    const pattern =
      depth >= 2
        ? tf.oneHot(t, depth, 1, 0, 'int32')
        : tf.equal(tf.expandDims(t, -1), tf.range(0, depth, 1, 'int32'));
    if (onValue === 1 && offValue === 0) return tf.cast(pattern, 'float32');
    const hit = tf.cast(pattern, 'bool');
    return tf.where(hit, tf.fill(hit.shape, onValue, 'float32'), tf.fill(hit.shape, offValue, 'float32'));
  });
};
