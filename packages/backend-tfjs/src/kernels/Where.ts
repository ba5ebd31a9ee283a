import { broadcastShapes } from '@snn/core';
import * as tf from '@tensorflow/tfjs-core';
import type { TfKernel } from '../kernel-context.js';
import { broadcastFast } from './helpers.js';

/**
 * condition ? a : b with NumPy broadcasting. The operands are broadcast up front with broadcastFast:
 * tf.where would broadcast them with tfjs-wasm's slow Tile.
 */
export const Where: TfKernel<'Where'> = (ctx, { condition, a, b }) => {
  const shape = broadcastShapes(broadcastShapes(condition.shape, a.shape), b.shape);
  return ctx.run(() =>
    tf.where(
      broadcastFast(ctx.get(condition), shape),
      broadcastFast(ctx.get(a), shape),
      broadcastFast(ctx.get(b), shape),
    ),
  );
};
