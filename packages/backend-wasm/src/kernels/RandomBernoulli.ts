import type { WasmKernel } from './kernel.js';
import { philoxWords } from './RandomUniform.js';

/** Bernoulli spikes from core's Philox stream in one pass (csrc/philox.c): 1 where u < p. */
export const RandomBernoulli: WasmKernel<'RandomBernoulli'> = ({ p }, { steps, seed, offset }, ctx) => {
  const dp = ctx.data(p, 'RandomBernoulli');
  const { info, data } = ctx.output([steps, ...p.shape], 'float32', 'RandomBernoulli');
  if (data.size > 0) {
    ctx.rt.call(
      'snn_random_bernoulli',
      data.size * 16,
      data.ptr,
      dp.ptr,
      data.size,
      dp.size,
      ...philoxWords(seed, offset),
    );
  }
  return info;
};
