import { broadcastShapes, formatShape, ShapeError, shapesEqual } from '@snn/core';
import * as tf from '@tensorflow/tfjs-core';
import type { TfKernel } from '../kernel-context.js';

export const BroadcastTo: TfKernel<'BroadcastTo'> = (ctx, { x }, { shape }) => {
  if (x.shape.length > shape.length || !shapesEqual(broadcastShapes(x.shape, shape, 'broadcastTo'), shape)) {
    throw new ShapeError(`broadcastTo: cannot broadcast ${formatShape(x.shape)} to ${formatShape(shape)}`);
  }
  return ctx.run(() => {
    const t = ctx.get(x);
    if (x.dtype === 'bool') return tf.notEqual(tf.broadcastTo(tf.cast(t, 'int32'), shape.slice()), 0);
    return tf.broadcastTo(t, shape.slice());
  });
};
