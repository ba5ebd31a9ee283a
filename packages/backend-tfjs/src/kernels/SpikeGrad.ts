import * as tf from '@tensorflow/tfjs-core';
import type { TfKernel } from '../kernel-context.js';
import { surrogateDerivativeTf } from './surrogate.js';

/** dy * surrogate'(x), the backward of a Heaviside spike. */
export const SpikeGrad: TfKernel<'SpikeGrad'> = (ctx, { dy, x }, { surrogate, alpha }) => {
  return ctx.run(() => tf.mul(ctx.get(dy), surrogateDerivativeTf(surrogate, ctx.get(x), alpha)));
};
