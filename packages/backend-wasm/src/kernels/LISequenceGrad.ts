import { sequenceSizes } from '@snn/core';
import type { WasmKernel } from './kernel.js';

/** Reverse-time gradient of LISequence in one pass (csrc/neuron.c). Returns [dx, dv0, di0]. */
export const LISequenceGrad: WasmKernel<'LISequenceGrad'> = ({ dv, di }, attrs, ctx) => {
  const { steps, neurons, neuronShape } = sequenceSizes('LISequenceGrad', { dv, di });
  const [ddv, ddi] = [dv, di].map((t) => ctx.data(t, 'LISequenceGrad'));
  const dx = ctx.output(dv.shape, 'float32', 'LISequenceGrad');
  const dv0 = ctx.output(neuronShape, 'float32', 'LISequenceGrad');
  const di0 = ctx.output(neuronShape, 'float32', 'LISequenceGrad');
  if (neurons > 0) {
    ctx.rt.call(
      'snn_li_sequence_grad',
      steps * neurons * 4,
      ddv.ptr,
      ddi.ptr,
      dx.data.ptr,
      dv0.data.ptr,
      di0.data.ptr,
      steps,
      neurons,
      attrs.dt * attrs.tauMemInv,
      attrs.dt * attrs.tauSynInv,
    );
  }
  return [dx.info, dv0.info, di0.info];
};
