import type { WasmKernel } from './kernel.js';
import { keepSpikeIndex, withListScratch } from './spike-index.js';

/**
 * LIFSequence's spikes for a zero input (csrc/neuron.c, snn_lif_spikes_from_state): no input is read,
 * the state stays in a per-thread buffer, and only z is written. The kernel also lists each row's ones
 * as it writes them (z viewed as [steps * rows, cols], cols the last axis: how a Linear layer's
 * product sees a [T, B, features] sequence), and caches that index on z, so the event-driven product
 * that reads these spikes next (SpikeMatMul, forward and weight gradient) skips its scan of z.
 */
export const LIFSpikesFromState: WasmKernel<'LIFSpikesFromState'> = ({ v0, i0 }, attrs, ctx) => {
  const { steps, tauSynInv, tauMemInv, vLeak, vTh, vReset, dt } = attrs;
  const neuronShape = v0.shape;
  const neurons = neuronShape.reduce((n, d) => n * d, 1);
  const z = ctx.output([steps, ...neuronShape], 'float32', 'LIFSpikesFromState');
  if (neurons === 0) return z.info;
  const [dv0, di0] = [v0, i0].map((t) => ctx.data(t, 'LIFSpikesFromState'));
  const cols = neuronShape.length > 0 ? neuronShape[neuronShape.length - 1] : 1;
  const rows = neurons / cols;
  withListScratch(ctx, steps * rows, cols, (counts, scratch) => {
    ctx.rt.call(
      'snn_lif_spikes_from_state',
      steps * neurons,
      dv0.ptr,
      di0.ptr,
      z.data.ptr,
      counts,
      scratch,
      steps,
      rows,
      cols,
      dt * tauMemInv,
      dt * tauSynInv,
      vLeak,
      vTh,
      vReset,
    );
    keepSpikeIndex(ctx, z.data, steps * rows, cols, counts, scratch);
  });
  return z.info;
};
