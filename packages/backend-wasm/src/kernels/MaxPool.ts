import { poolGeometry } from './conv.js';
import type { WasmKernel } from './kernel.js';

/** Max over each window of x [N, C, H, W]; padding counts as -Infinity; NaN wins its window. */
export const MaxPool: WasmKernel<'MaxPool'> = ({ x }, { kernel, strides, pads }, ctx) => {
  const g = poolGeometry(x, kernel, strides, pads);
  const src = ctx.data(x, 'MaxPool');
  const { info, data } = ctx.output([g[0], g[1], g[10], g[11]], 'float32', 'MaxPool');
  if (data.size > 0)
    ctx.rt.call('snn_max_pool', data.size * kernel[0] * kernel[1], src.ptr, data.ptr, ctx.rt.writeParams(g));
  return info;
};
