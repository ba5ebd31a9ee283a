import { liSequenceGrad } from '@snn/core';
import type { TfKernel } from '../kernel-context.js';
import { TF_ARITH } from './tf-arith.js';

/** Reverse-time gradient of LISequence: core's recurrence in tfjs ops. Returns [dx, dv0, di0]. */
export const LISequenceGrad: TfKernel<'LISequenceGrad'> = (ctx, { dv, di }, attrs) => {
  return ctx.runMany(() => liSequenceGrad(TF_ARITH, attrs, ctx.get(dv), ctx.get(di)));
};
