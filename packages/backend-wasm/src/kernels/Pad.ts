import { fill, stridedCopy } from './copy.js';
import type { WasmKernel } from './kernel.js';
import { contiguousStrides } from './nd-plan.js';

/** Pads each axis with paddings[d] = [before, after] elements of `value`. */
export const Pad: WasmKernel<'Pad'> = ({ x }, { paddings, value }, ctx) => {
  const src = ctx.data(x, 'Pad');
  const shape = x.shape.map((d, i) => d + paddings[i][0] + paddings[i][1]);
  const { info, data } = ctx.output(shape, x.dtype, 'Pad');
  fill(ctx, data, value);
  const outStrides = contiguousStrides(shape);
  const offset = paddings.reduce((acc, [before], d) => acc + before * outStrides[d], 0);
  stridedCopy(ctx, src, 0, contiguousStrides(x.shape), data, offset, outStrides, x.shape);
  return info;
};
