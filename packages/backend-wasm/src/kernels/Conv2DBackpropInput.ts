import { convGeometry, withColumns } from './conv.js';
import type { WasmKernel } from './kernel.js';

/** dx = the transposed convolution of dy with w: per sample, w^T dy (GEMM) then col2im. */
export const Conv2DBackpropInput: WasmKernel<'Conv2DBackpropInput'> = (
  { dy, w },
  { xShape, strides, pads },
  ctx,
) => {
  const g = convGeometry(xShape, w.shape, strides, pads);
  const O = g[4];
  const ddy = ctx.data(dy, 'Conv2DBackpropInput');
  const dw = ctx.data(w, 'Conv2DBackpropInput');
  const { info, data } = ctx.output(xShape, 'float32', 'Conv2DBackpropInput');
  if (data.size === 0) return info;
  withColumns(ctx, g, 'Conv2DBackpropInput', (col) => {
    ctx.rt.call(
      'snn_conv2d_backprop_input',
      (ddy.size * dw.size) / O,
      ddy.ptr,
      dw.ptr,
      data.ptr,
      ctx.rt.writeParams(g),
      col,
    );
  });
  return info;
};
