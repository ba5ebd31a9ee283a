import { lifSequenceGrad } from '@snn/core';
import * as tf from '@tensorflow/tfjs-core';
import type { TfKernel } from '../kernel-context.js';
import { surrogateDerivativeTf } from './surrogate.js';
import { TF_ARITH } from './tf-arith.js';

/**
 * Reverse-time gradient of LIFSequence: core's recurrence (neuron/recurrence.ts) in tfjs ops. The
 * terms that do not depend on the recursion (the surrogate, d v/d vd) are computed for all T steps
 * at once. Returns [dx, dv0, di0].
 */
export const LIFSequenceGrad: TfKernel<'LIFSequenceGrad'> = (ctx, inputs, attrs) => {
  return ctx.runMany(() => {
    const vDecayed = ctx.get(inputs.vDecayed);
    const s = surrogateDerivativeTf(attrs.surrogate, tf.sub(vDecayed, attrs.vTh), attrs.alpha);
    const tensors = {
      z: ctx.get(inputs.z),
      vDecayed,
      dz: ctx.get(inputs.dz),
      dv: ctx.get(inputs.dv),
      di: ctx.get(inputs.di),
    };
    return lifSequenceGrad(TF_ARITH, attrs, tensors, s);
  });
};
