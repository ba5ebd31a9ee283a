import { sequenceSizes } from '@snn/core';
import { type WasmKernel, withTemp } from './kernel.js';
import { transposedOf } from './spike-index.js';

/**
 * The recurrent LIF layer over all T steps in one call (csrc/recurrent.c): threads split the batch
 * rows, each running every step of its rows, the recurrent product event-driven (the weight rows of
 * the previous step's spikes, added in ascending order). Returns [z, vDecayed], each [T, B, n].
 */
export const LIFRecurrentSequence: WasmKernel<'LIFRecurrentSequence'> = (inputs, attrs, ctx) => {
  const op = 'LIFRecurrentSequence';
  const { steps } = sequenceSizes(op, { x: inputs.x });
  const [, batch, n] = inputs.x.shape;
  const [x, w, z0, v0, i0] = [inputs.x, inputs.w, inputs.z0, inputs.v0, inputs.i0].map((t) =>
    ctx.data(t, op),
  );
  const z = ctx.output(inputs.x.shape, 'float32', op);
  const vd = ctx.output(inputs.x.shape, 'float32', op);
  const state = batch * n;
  if (steps * state === 0) return [z.info, vd.info];
  // w^T's rows are the weights out of each input (cached on w: one value serves every step).
  const wt = transposedOf(ctx, w, n, n);
  // Scratch: v, i, the product, the active inputs and their values, one row of each per batch row.
  withTemp(ctx, state * 4 * 5, op, (scratch) => {
    const at = (k: number) => scratch + state * 4 * k;
    const { tauSynInv, tauMemInv, vLeak, vTh, vReset, dt } = attrs;
    ctx.rt.call(
      'snn_lif_recurrent_sequence',
      steps * state * 8,
      x.ptr,
      wt,
      z0.ptr,
      v0.ptr,
      i0.ptr,
      z.data.ptr,
      vd.data.ptr,
      at(0),
      at(1),
      at(2),
      at(3),
      at(4),
      steps,
      batch,
      n,
      dt * tauMemInv,
      dt * tauSynInv,
      vLeak,
      vTh,
      vReset,
    );
  });
  return [z.info, vd.info];
};
