import * as tf from '@tensorflow/tfjs-core';
import type { TfKernel } from '../kernel-context.js';

/**
 * float32 -> int32 truncates toward zero and bool -> numbers is 0/1, as tfjs's cast does.
 * Anything -> bool is x !== 0 (NaN is true): computed as notEqual(x, 0) because tfjs-wasm's Cast to
 * bool truncates to a byte instead (-1.7 -> 255, -0.2 -> 0). Same-dtype casts return a fresh handle
 * (tfjs shares the data).
 */
export const Cast: TfKernel<'Cast'> = (ctx, { x }, { dtype }) =>
  ctx.run(() => {
    const t = ctx.get(x);
    if (x.dtype === dtype) return tf.clone(t);
    if (dtype === 'bool') return tf.notEqual(t, tf.scalar(0, t.dtype));
    return tf.cast(t, dtype);
  });
