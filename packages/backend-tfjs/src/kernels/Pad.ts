import * as tf from '@tensorflow/tfjs-core';
import type { TfKernel } from '../kernel-context.js';

export const Pad: TfKernel<'Pad'> = (ctx, { x }, { paddings, value }) => {
  const pads = paddings.map(([p, q]) => [p, q] as [number, number]);
  return ctx.run(() => {
    const t = ctx.get(x);
    // tfjs pads bool only on some backends: pad its 0/1 as int32 and compare back.
    if (x.dtype === 'bool') return tf.notEqual(tf.pad(tf.cast(t, 'int32'), pads, value !== 0 ? 1 : 0), 0);
    return tf.pad(t, pads, value);
  });
};
