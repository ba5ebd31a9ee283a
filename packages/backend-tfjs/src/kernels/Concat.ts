import * as tf from '@tensorflow/tfjs-core';
import type { TfKernel } from '../kernel-context.js';

export const Concat: TfKernel<'Concat'> = (ctx, { xs }, { axis }) => {
  const first = xs[0];
  return ctx.run(() =>
    xs.length === 1
      ? tf.clone(ctx.get(first))
      : tf.concat(
          xs.map((x) => ctx.get(x)),
          axis,
        ),
  );
};
