import { ArgumentError } from '@snn/core';
import * as tf from '@tensorflow/tfjs-core';
import type { TfKernel } from '../kernel-context.js';

export const Transpose: TfKernel<'Transpose'> = (ctx, { x }, { perm }) => {
  const rank = x.shape.length;
  if (perm.length !== rank || [...perm].sort((p, q) => p - q).some((p, i) => p !== i)) {
    throw new ArgumentError(`transpose: perm [${perm.join(', ')}] is not a permutation of rank ${rank}`);
  }
  return ctx.run(() => tf.transpose(ctx.get(x), perm.slice()));
};
