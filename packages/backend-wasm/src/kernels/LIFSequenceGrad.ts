import { sequenceSizes } from '@snn/core';
import type { WasmKernel } from './kernel.js';
import { lifGradArgs, surrogateOf, withSurrogateTable } from './surrogate.js';

/**
 * Reverse-time gradient of LIFSequence in one pass (csrc/neuron.c). Returns [dx, dv0, di0]. A
 * surrogate without a fused formula is first evaluated over all T steps from its compiled program
 * (csrc/expr.c) into a table the pass reads.
 */
export const LIFSequenceGrad: WasmKernel<'LIFSequenceGrad'> = (inputs, attrs, ctx) => {
  const { steps, neurons, neuronShape } = sequenceSizes('LIFSequenceGrad', inputs);
  const plan = surrogateOf('LIFSequenceGrad', attrs.surrogate, attrs.alpha);
  const [z, vd, dz, dv, di] = [inputs.z, inputs.vDecayed, inputs.dz, inputs.dv, inputs.di].map((t) =>
    ctx.data(t, 'LIFSequenceGrad'),
  );
  const dx = ctx.output(inputs.z.shape, 'float32', 'LIFSequenceGrad');
  const dv0 = ctx.output(neuronShape, 'float32', 'LIFSequenceGrad');
  const di0 = ctx.output(neuronShape, 'float32', 'LIFSequenceGrad');
  if (neurons === 0) return [dx.info, dv0.info, di0.info];
  const size = steps * neurons;
  withSurrogateTable(ctx, 'LIFSequenceGrad', plan, vd.ptr, attrs.vTh, size, (table) =>
    ctx.rt.call(
      'snn_lif_sequence_grad',
      size * 8,
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
      ...lifGradArgs(attrs, plan, table),
    ),
  );
  return [dx.info, dv0.info, di0.info];
};
