import type { WasmKernel } from './kernel.js';
import { surrogateOf } from './surrogate.js';

/** dy * surrogate'(x), the backward of a Heaviside spike. */
export const SpikeGrad: WasmKernel<'SpikeGrad'> = ({ dy, x }, { surrogate, alpha }, ctx) => {
  const plan = surrogateOf('SpikeGrad', surrogate, alpha);
  const ddy = ctx.data(dy, 'SpikeGrad');
  const dx = ctx.data(x, 'SpikeGrad');
  const { info, data } = ctx.output(x.shape, 'float32', 'SpikeGrad');
  if (data.size === 0) return info;
  if (plan.program === undefined) {
    ctx.rt.call('snn_spike_grad', data.size * 4, plan.code, alpha, ddy.ptr, dx.ptr, data.ptr, data.size);
  } else {
    const program = ctx.rt.writeParams(plan.program);
    ctx.rt.call('snn_surrogate_eval', data.size * 8, program, dx.ptr, 0, ddy.ptr, data.ptr, data.size);
  }
  return info;
};
