import { formatShape, ShapeError } from '@snn/core';
import { stridedCopy } from './copy.js';
import type { WasmKernel } from './kernel.js';
import { contiguousStrides } from './nd-plan.js';

/** x[begin[d] : begin[d] + size[d]] along every axis. */
export const Slice: WasmKernel<'Slice'> = ({ x }, { begin, size }, ctx) => {
  const rank = x.shape.length;
  if (
    begin.length !== rank ||
    size.length !== rank ||
    x.shape.some((d, i) => begin[i] < 0 || size[i] < 0 || begin[i] + size[i] > d)
  ) {
    throw new ShapeError(
      `Slice: begin [${begin.join(', ')}] and size [${size.join(', ')}] do not fit ${formatShape(x.shape)}`,
    );
  }
  const src = ctx.data(x, 'Slice');
  const { info, data } = ctx.output(size, x.dtype, 'Slice');
  const strides = contiguousStrides(x.shape);
  const offset = begin.reduce((acc, b, d) => acc + b * strides[d], 0);
  stridedCopy(ctx, src, offset, strides, data, 0, contiguousStrides(size), size);
  return info;
};
