import { ArgumentError } from '@snn/core';
import * as tf from '@tensorflow/tfjs-core';
import type { TfKernel } from '../kernel-context.js';

export const Pad: TfKernel<'Pad'> = (ctx, { x }, { paddings, value }) => {
  if (paddings.length !== x.shape.length || paddings.some(([p, q]) => p < 0 || q < 0)) {
    throw new ArgumentError(
      `pad: expected ${x.shape.length} non-negative [before, after] pairs, got ${JSON.stringify(paddings)}`,
    );
  }
  const pads = paddings.map(([p, q]) => [p, q] as [number, number]);
  return ctx.run(() => {
    const t = ctx.get(x);
    // tfjs pads bool only on some backends: pad its 0/1 as int32 and compare back.
    if (x.dtype === 'bool') return tf.notEqual(tf.pad(tf.cast(t, 'int32'), pads, value !== 0 ? 1 : 0), 0);
    return tf.pad(t, pads, value);
  });
};
