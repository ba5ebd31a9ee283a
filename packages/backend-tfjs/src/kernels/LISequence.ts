import { liSequence } from '@snn/core';
import type { TfKernel } from '../kernel-context.js';
import { TF_ARITH } from './tf-arith.js';

/**
 * Norse's li_feed_forward_step over T steps, input first as Norse does: core's step
 * (neuron/recurrence.ts) in tfjs ops, in one tf.tidy. Returns [v, i], each [T, ...n].
 */
export const LISequence: TfKernel<'LISequence'> = (ctx, { x, v0, i0 }, attrs) => {
  return ctx.runMany(() => liSequence(TF_ARITH, attrs, ctx.get(x), ctx.get(v0), ctx.get(i0)));
};
