import { lifSequence } from '@snn/core';
import type { TfKernel } from '../kernel-context.js';
import { TF_ARITH } from './tf-arith.js';

/**
 * Norse's lif_feed_forward_step over all T steps in one tf.tidy (one call from core instead of about
 * ten ops and tape entries per step); the step is core's (neuron/recurrence.ts) in tfjs ops. Returns
 * [z, v, i, vDecayed], each [T, ...n]. Arithmetic is float32 per op (the reference rounds once per
 * step from float64), so values agree to float32 rounding.
 */
export const LIFSequence: TfKernel<'LIFSequence'> = (ctx, { x, v0, i0 }, attrs) => {
  return ctx.runMany(() => lifSequence(TF_ARITH, attrs, ctx.get(x), ctx.get(v0), ctx.get(i0)));
};
