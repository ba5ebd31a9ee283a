import { sequenceSizes } from '@snn/core';
import type { WasmKernel } from './kernel.js';

/**
 * Norse's lif_feed_forward_step over T steps in one pass (csrc/neuron.c): each neuron's state stays in
 * registers across steps, four neurons per SIMD lane group. Returns [z, v, i, vDecayed], or [z] alone
 * with attr spikesOnly.
 */
export const LIFSequence: WasmKernel<'LIFSequence'> = ({ x, v0, i0 }, attrs, ctx) => {
  const { steps, neurons } = sequenceSizes('LIFSequence', { x }, { v0, i0 });
  const [dx, dv0, di0] = [x, v0, i0].map((t) => ctx.data(t, 'LIFSequence'));
  const { tauSynInv, tauMemInv, vLeak, vTh, vReset, dt } = attrs;
  // Both C entry points end with the same sizes and per-step coefficients.
  const params = [steps, neurons, dt * tauMemInv, dt * tauSynInv, vLeak, vTh, vReset];
  if (attrs.spikesOnly === true) {
    // Only z is read: the states are never written (a quarter of the stores, state in registers).
    const z = ctx.output(x.shape, 'float32', 'LIFSequence');
    if (steps * neurons > 0) {
      ctx.rt.call(
        'snn_lif_sequence_spikes',
        steps * neurons,
        dx.ptr,
        dv0.ptr,
        di0.ptr,
        z.data.ptr,
        ...params,
      );
    }
    return [z.info];
  }
  const outs = [0, 1, 2, 3].map(() => ctx.output(x.shape, 'float32', 'LIFSequence'));
  if (steps * neurons > 0) {
    ctx.rt.call(
      'snn_lif_sequence',
      steps * neurons * 4,
      dx.ptr,
      dv0.ptr,
      di0.ptr,
      outs[0].data.ptr,
      outs[1].data.ptr,
      outs[2].data.ptr,
      outs[3].data.ptr,
      ...params,
    );
  }
  return outs.map((o) => o.info);
};
