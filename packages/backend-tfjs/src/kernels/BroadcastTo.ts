import { broadcastShapes, formatShape, ShapeError, shapesEqual } from '@snn/core';
import type { TfKernel } from '../kernel-context.js';
import { broadcastFast } from './helpers.js';

export const BroadcastTo: TfKernel<'BroadcastTo'> = (ctx, { x }, { shape }) => {
  if (x.shape.length > shape.length || !shapesEqual(broadcastShapes(x.shape, shape, 'broadcastTo'), shape)) {
    throw new ShapeError(`broadcastTo: cannot broadcast ${formatShape(x.shape)} to ${formatShape(shape)}`);
  }
  return ctx.run(() => broadcastFast(ctx.get(x), shape));
};
