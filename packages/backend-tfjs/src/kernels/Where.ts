import { ArgumentError, broadcastShapes } from '@snn/core';
import * as tf from '@tensorflow/tfjs-core';
import type { TfKernel } from '../kernel-context.js';
import { broadcastFast } from './helpers.js';

/**
 * condition ? a : b with NumPy broadcasting. The operands are broadcast up front with broadcastFast:
 * tf.where would broadcast them with tfjs-wasm's slow Tile.
 */
export const Where: TfKernel<'Where'> = (ctx, { condition, a, b }) => {
  if (condition.dtype !== 'bool') {
    throw new ArgumentError(`where: condition must be bool, got ${condition.dtype}`);
  }
  if (a.dtype !== b.dtype)
    throw new ArgumentError(`where: a and b must share a dtype, got ${a.dtype} and ${b.dtype}`);
  const shape = broadcastShapes(broadcastShapes(condition.shape, a.shape, 'where'), b.shape, 'where');
  return ctx.run(() =>
    tf.where(
      broadcastFast(ctx.get(condition), shape),
      broadcastFast(ctx.get(a), shape),
      broadcastFast(ctx.get(b), shape),
    ),
  );
};
