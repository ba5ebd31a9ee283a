import { fill, stridedCopy } from './copy.js';
import type { WasmKernel } from './kernel.js';
import { broadcastStrides, contiguousStrides } from './nd-plan.js';

/**
 * Repeats x to `shape` by NumPy broadcast_to rules. A one-element x (a constant, such as the zero
 * input of the constant-current encoder's T steps) is a fill, at memory speed.
 */
export const BroadcastTo: WasmKernel<'BroadcastTo'> = ({ x }, { shape }, ctx) => {
  const src = ctx.data(x, 'BroadcastTo');
  const { info, data } = ctx.output(shape, x.dtype, 'BroadcastTo');
  if (src.size === 1) {
    const rt = ctx.rt;
    fill(
      ctx,
      data,
      x.dtype === 'float32'
        ? rt.f32[src.ptr >>> 2]
        : x.dtype === 'int32'
          ? rt.i32[src.ptr >>> 2]
          : rt.u8[src.ptr],
    );
    return info;
  }
  stridedCopy(ctx, src, 0, broadcastStrides(x.shape, shape), data, 0, contiguousStrides(shape), shape);
  return info;
};
