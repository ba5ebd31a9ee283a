import { stridedCopy } from './copy.js';
import type { WasmKernel } from './kernel.js';
import { broadcastStrides, contiguousStrides } from './nd-plan.js';

/** Repeats x to `shape` by NumPy broadcast_to rules. */
export const BroadcastTo: WasmKernel<'BroadcastTo'> = ({ x }, { shape }, ctx) => {
  const src = ctx.data(x, 'BroadcastTo');
  const { info, data } = ctx.output(shape, x.dtype, 'BroadcastTo');
  stridedCopy(ctx, src, 0, broadcastStrides(x.shape, shape), data, 0, contiguousStrides(shape), shape);
  return info;
};
