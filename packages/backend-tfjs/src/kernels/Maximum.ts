import * as tf from '@tensorflow/tfjs-core';
import type { TfKernel } from '../kernel-context.js';
import { arithmetic, withNaNOf } from './helpers.js';

/** NaN on either side gives NaN (tfjs-wasm's XNNPACK maximum returns the other operand: put it back). */
export const Maximum: TfKernel<'Maximum'> = (ctx, inputs) =>
  ctx.tfBackend === 'wasm'
    ? arithmetic((a, b) => withNaNOf(tf.maximum(a, b), a, b))(ctx, inputs)
    : arithmetic((a, b) => tf.maximum(a, b))(ctx, inputs);
