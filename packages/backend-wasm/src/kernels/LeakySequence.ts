import { sequenceSizes } from '@snn/core';
import type { WasmKernel } from './kernel.js';

const RESET = { subtract: 0, zero: 1, none: 2 } as const;

/** snnTorch's Leaky over T steps in one pass (csrc/neuron.c), forward only. Returns [spk, mem]. */
export const LeakySequence: WasmKernel<'LeakySequence'> = ({ x, mem0, beta, threshold }, attrs, ctx) => {
  const { neurons, neuronShape } = sequenceSizes('LeakySequence', { x }, { mem0 });
  const { steps } = attrs;
  const [dx, dm, db, dth] = [x, mem0, beta, threshold].map((t) => ctx.data(t, 'LeakySequence'));
  const shape = [steps, ...neuronShape];
  const spk = ctx.output(shape, 'float32', 'LeakySequence');
  const mem = ctx.output(shape, 'float32', 'LeakySequence');
  if (steps * neurons > 0) {
    ctx.rt.call(
      'snn_leaky_sequence',
      steps * neurons * 4,
      dx.ptr,
      dm.ptr,
      db.ptr,
      dth.ptr,
      spk.data.ptr,
      mem.data.ptr,
      steps,
      neurons,
      x.shape[0] === steps ? 0 : 1,
      RESET[attrs.resetMechanism],
      attrs.resetDelay ? 1 : 0,
    );
  }
  return [spk.info, mem.info];
};
