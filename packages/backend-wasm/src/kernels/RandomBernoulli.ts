import type { WasmKernel } from './kernel.js';

const TWO_POW_32 = 4294967296;

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
      seed % TWO_POW_32,
      Math.floor(seed / TWO_POW_32),
      offset % TWO_POW_32,
      Math.floor(offset / TWO_POW_32),
    );
  }
  return info;
};
