import type { WasmKernel } from './kernel.js';
import { philoxWords } from './RandomUniform.js';
import { keepSpikeIndex, withListScratch } from './spike-index.js';

/**
 * Bernoulli spikes from core's Philox stream (csrc/philox.c): 1 where u < p.
 *
 * When a sample's size (p.size / p.shape[0], the features of a batch [B, ...]) is a multiple of 4,
 * every Philox block lies in one sample, and the kernel draws only the blocks that hold a p > 0 (an
 * image's background never spikes) and writes each sample's list of ones as it goes: the spike index
 * of the output viewed as [steps * B, features] is cached on it, so the event-driven product or
 * convolution that consumes the spikes (forward and weight gradient) does not scan them again. Otherwise one pass over every
 * element. Both give the stream's spikes bit for bit (the stream is counter-based: a skipped
 * block shifts nothing).
 */
export const RandomBernoulli: WasmKernel<'RandomBernoulli'> = ({ p }, { steps, seed, offset }, ctx) => {
  const dp = ctx.data(p, 'RandomBernoulli');
  const { info, data } = ctx.output([steps, ...p.shape], 'float32', 'RandomBernoulli');
  if (data.size === 0) return info;
  // One row per sample and step: [steps * batch, features] is the view that a Linear layer after
  // Flatten and a convolution over the [steps * batch, ...] stack index the spikes under.
  const cols = p.shape.length > 1 ? dp.size / p.shape[0] : dp.size;
  const words = philoxWords(seed, offset);
  if (cols % 4 !== 0) {
    ctx.rt.call('snn_random_bernoulli', data.size * 16, data.ptr, dp.ptr, data.size, dp.size, ...words);
    return info;
  }
  const { rt } = ctx;
  const prows = dp.size / cols;
  const rows = steps * prows;
  const blocksBytes = prows * (cols / 4 + 1) * 4;
  const blocks = ctx.temp(blocksBytes, 'RandomBernoulli');
  try {
    rt.exports.snn_bernoulli_active_blocks(dp.ptr, prows, cols, blocks);
    withListScratch(ctx, rows, cols, (counts, scratch) => {
      rt.call(
        'snn_random_bernoulli_rows',
        data.size * 4,
        data.ptr,
        dp.ptr,
        blocks,
        rows,
        cols,
        prows,
        ...words,
        counts,
        scratch,
      );
      keepSpikeIndex(ctx, data, rows, cols, counts, scratch);
    });
  } finally {
    ctx.freeTemp(blocks, blocksBytes);
  }
  return info;
};
