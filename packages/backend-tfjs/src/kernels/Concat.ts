import { ArgumentError, formatShape, ShapeError } from '@snn/core';
import * as tf from '@tensorflow/tfjs-core';
import type { TfKernel } from '../kernel-context.js';

export const Concat: TfKernel<'Concat'> = (ctx, { xs }, { axis }) => {
  if (xs.length === 0) throw new ArgumentError('concat: needs at least one tensor');
  const first = xs[0];
  if (axis < 0 || axis >= first.shape.length) {
    throw new ArgumentError(`concat: axis ${axis} is out of range for rank ${first.shape.length}`);
  }
  for (const x of xs) {
    if (x.dtype !== first.dtype) {
      throw new ArgumentError(`concat: inputs must share a dtype, got ${first.dtype} and ${x.dtype}`);
    }
    if (x.shape.length !== first.shape.length || x.shape.some((d, i) => i !== axis && d !== first.shape[i])) {
      throw new ShapeError(
        `concat: shapes ${formatShape(first.shape)} and ${formatShape(x.shape)} differ outside axis ${axis}`,
      );
    }
  }
  return ctx.run(() =>
    xs.length === 1
      ? tf.clone(ctx.get(first))
      : tf.concat(
          xs.map((x) => ctx.get(x)),
          axis,
        ),
  );
};
