import { sequenceSizes } from '@snn/core';
import { type WasmKernel, withTemp } from './kernel.js';
import { lifGradArgs, surrogateOf, withSurrogateTable } from './surrogate.js';

/**
 * Reverse-time gradient of LIFRecurrentSequence in one call (csrc/recurrent.c): threads split the
 * batch rows, each running every step of its rows back in time, the LIF gradient step and the
 * product with w (the packed GEMM on its rows) per step. Returns [dx, dz0, dv0, di0]. A surrogate
 * without a fused formula is first evaluated over all steps into a table, as in LIFSequenceGrad.
 */
export const LIFRecurrentSequenceGrad: WasmKernel<'LIFRecurrentSequenceGrad'> = (inputs, attrs, ctx) => {
  const op = 'LIFRecurrentSequenceGrad';
  const { steps } = sequenceSizes(op, { z: inputs.z });
  const [, batch, n] = inputs.z.shape;
  const plan = surrogateOf(op, attrs.surrogate, attrs.alpha);
  const [z, vd, dz, w] = [inputs.z, inputs.vDecayed, inputs.dz, inputs.w].map((t) => ctx.data(t, op));
  const dx = ctx.output(inputs.z.shape, 'float32', op);
  const states = [0, 1, 2].map(() => ctx.output([batch, n], 'float32', op));
  const outs = [dx, ...states].map((o) => o.info);
  const state = batch * n;
  if (state === 0) return outs;
  const size = steps * state;
  withTemp(ctx, state * 4, op, (gz) =>
    withSurrogateTable(ctx, op, plan, vd.ptr, attrs.vTh, size, (table) =>
      ctx.rt.call(
        'snn_lif_recurrent_sequence_grad',
        size * (8 + 2 * n),
        z.ptr,
        vd.ptr,
        dz.ptr,
        w.ptr,
        dx.data.ptr,
        states[0].data.ptr,
        states[1].data.ptr,
        states[2].data.ptr,
        gz,
        steps,
        batch,
        n,
        ...lifGradArgs(attrs, plan, table),
      ),
    ),
  );
  return outs;
};
