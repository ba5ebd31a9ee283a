import type { SpikeIndex } from '../wasm-data.js';
import type { WasmKernel } from './kernel.js';
import { keepSpikeIndex, markDense, withListScratch } from './spike-index.js';

/**
 * LIFSequence's spikes for a zero input (csrc/neuron.c, snn_lif_spikes_from_state): no input is read
 * and the state stays in a per-thread buffer. The kernel lists each row's ones as it finds them (z
 * viewed as [steps * rows, cols], cols the last axis: how a Linear layer's product sees a
 * [T, B, features] sequence) and caches that index on z, so the event-driven products that read these
 * spikes next (SpikeMatMul, forward and weight gradient) neither scan z nor read it. Below the density
 * cut-over the dense 0/1 values are written from the lists only when something reads them
 * (WasmData.pendingWrite); above it, at once (the dense kernels will read them).
 */
export const LIFSpikesFromState: WasmKernel<'LIFSpikesFromState'> = ({ v0, i0 }, attrs, ctx) => {
  const { steps, tauSynInv, tauMemInv, vLeak, vTh, vReset, dt } = attrs;
  const neuronShape = v0.shape;
  const neurons = neuronShape.reduce((n, d) => n * d, 1);
  const z = ctx.output([steps, ...neuronShape], 'float32', 'LIFSpikesFromState');
  if (neurons === 0) return z.info;
  const [dv0, di0] = [v0, i0].map((t) => ctx.data(t, 'LIFSpikesFromState'));
  const cols = neuronShape.length > 0 ? neuronShape[neuronShape.length - 1] : 1;
  const rows = steps * (neurons / cols);
  const { rt } = ctx;
  // Every list is kept (cut-over 1) to write z from; the backend's cut-over is applied below.
  const index = withListScratch(ctx, rows, cols, (counts, scratch) => {
    rt.call(
      'snn_lif_spikes_from_state',
      steps * neurons,
      dv0.ptr,
      di0.ptr,
      counts,
      scratch,
      steps,
      rows / steps,
      cols,
      dt * tauMemInv,
      dt * tauSynInv,
      vLeak,
      vTh,
      vReset,
    );
    return keepSpikeIndex(ctx, z.data, rows, cols, counts, scratch, 1) as SpikeIndex;
  });
  const write = () =>
    rt.call('snn_spike_lists_to_dense', rows * cols, index.ptr, index.idx, z.data.ptr, rows, cols);
  if (index.nnz > ctx.spikeDensityCutover * rows * cols) {
    write();
    markDense(ctx, z.data, rows, cols, index);
  } else {
    z.data.pendingWrite = write;
  }
  return z.info;
};
