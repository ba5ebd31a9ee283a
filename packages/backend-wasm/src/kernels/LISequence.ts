import { sequenceSizes } from '@snn/core';
import type { WasmKernel } from './kernel.js';

/** Norse's li_feed_forward_step over T steps in one pass (csrc/neuron.c). Returns [v, i]. */
export const LISequence: WasmKernel<'LISequence'> = ({ x, v0, i0 }, attrs, ctx) => {
  const { steps, neurons } = sequenceSizes('LISequence', { x }, { v0, i0 });
  const [dx, dv0, di0] = [x, v0, i0].map((t) => ctx.data(t, 'LISequence'));
  const v = ctx.output(x.shape, 'float32', 'LISequence');
  const i = ctx.output(x.shape, 'float32', 'LISequence');
  if (steps * neurons > 0) {
    ctx.rt.call(
      'snn_li_sequence',
      steps * neurons * 4,
      dx.ptr,
      dv0.ptr,
      di0.ptr,
      v.data.ptr,
      i.data.ptr,
      steps,
      neurons,
      attrs.dt * attrs.tauMemInv,
      attrs.dt * attrs.tauSynInv,
      attrs.vLeak,
    );
  }
  return [v.info, i.info];
};
