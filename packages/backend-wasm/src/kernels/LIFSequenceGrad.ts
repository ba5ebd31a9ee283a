import { checkDetachReset, sequenceSizes } from '@snn/core';
import { surrogateCode } from '../surrogates.js';
import type { WasmKernel } from './kernel.js';

/** Reverse-time gradient of LIFSequence in one pass (csrc/neuron.c). Returns [dx, dv0, di0]. */
export const LIFSequenceGrad: WasmKernel<'LIFSequenceGrad'> = (inputs, attrs, ctx) => {
  const { steps, neurons, neuronShape } = sequenceSizes('LIFSequenceGrad', inputs);
  const detach = checkDetachReset('LIFSequenceGrad', attrs.detachReset);
  const code = surrogateCode(attrs.surrogate, 'LIFSequenceGrad');
  const [z, vd, dz, dv, di] = [inputs.z, inputs.vDecayed, inputs.dz, inputs.dv, inputs.di].map((t) =>
    ctx.data(t, 'LIFSequenceGrad'),
  );
  const dx = ctx.output(inputs.z.shape, 'float32', 'LIFSequenceGrad');
  const dv0 = ctx.output(neuronShape, 'float32', 'LIFSequenceGrad');
  const di0 = ctx.output(neuronShape, 'float32', 'LIFSequenceGrad');
  if (neurons > 0) {
    ctx.rt.call(
      'snn_lif_sequence_grad',
      steps * neurons * 8,
      z.ptr,
      vd.ptr,
      dz.ptr,
      dv.ptr,
      di.ptr,
      dx.data.ptr,
      dv0.data.ptr,
      di0.data.ptr,
      steps,
      neurons,
      attrs.dt * attrs.tauMemInv,
      attrs.dt * attrs.tauSynInv,
      attrs.vTh,
      attrs.vReset,
      code,
      attrs.alpha,
      detach ? 1 : 0,
    );
  }
  return [dx.info, dv0.info, di0.info];
};
