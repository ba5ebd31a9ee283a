import * as tf from '@tensorflow/tfjs-core';
import type { TfKernel } from '../kernel-context.js';
import { arithmetic, withNaNOf } from './helpers.js';

/** NaN on either side gives NaN (tfjs-wasm's XNNPACK minimum returns the other operand: put it back). */
export const Minimum: TfKernel<'Minimum'> = (ctx, inputs) =>
  ctx.tfBackend === 'wasm'
    ? arithmetic((a, b) => withNaNOf(tf.minimum(a, b), a, b))(ctx, inputs)
    : arithmetic((a, b) => tf.minimum(a, b))(ctx, inputs);
