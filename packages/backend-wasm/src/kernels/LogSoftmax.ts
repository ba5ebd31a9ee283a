import { sizeFromShape } from '@snn/core';
import type { WasmKernel } from './kernel.js';

/** x - max - log(sum(exp(x - max))) along `axis`, in double. */
export const LogSoftmax: WasmKernel<'LogSoftmax'> = ({ x }, { axis }, ctx) => {
  const src = ctx.data(x, 'LogSoftmax');
  const { info, data } = ctx.output(x.shape, 'float32', 'LogSoftmax');
  if (data.size === 0) return info;
  const outer = sizeFromShape(x.shape.slice(0, axis));
  const inner = sizeFromShape(x.shape.slice(axis + 1));
  ctx.rt.call('snn_log_softmax_f32', data.size * 20, src.ptr, data.ptr, outer, x.shape[axis], inner);
  return info;
};
