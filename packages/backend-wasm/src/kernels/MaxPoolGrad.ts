import { poolGeometry } from './conv.js';
import type { WasmKernel } from './kernel.js';

/** dx for MaxPool: each dy goes to the first (row-major) maximum of its window. */
export const MaxPoolGrad: WasmKernel<'MaxPoolGrad'> = ({ dy, x }, { kernel, strides, pads }, ctx) => {
  const g = poolGeometry(x, kernel, strides, pads);
  const ddy = ctx.data(dy, 'MaxPoolGrad');
  const src = ctx.data(x, 'MaxPoolGrad');
  const { info, data } = ctx.output(x.shape, 'float32', 'MaxPoolGrad');
  if (data.size > 0) {
    ctx.rt.call(
      'snn_max_pool_grad',
      ddy.size * kernel[0] * kernel[1] + data.size,
      ddy.ptr,
      src.ptr,
      data.ptr,
      ctx.rt.writeParams(g),
    );
  }
  return info;
};
