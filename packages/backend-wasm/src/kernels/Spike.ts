import type { WasmKernel } from './kernel.js';

/** Heaviside: 1 where x > 0 (x >= 0 when inclusive), else 0; float32. */
export const Spike: WasmKernel<'Spike'> = ({ x }, { inclusive }, ctx) => {
  const src = ctx.data(x, 'Spike');
  const { info, data } = ctx.output(x.shape, 'float32', 'Spike');
  if (data.size > 0) ctx.rt.call('snn_spike', data.size, src.ptr, data.ptr, data.size, inclusive ? 1 : 0);
  return info;
};
