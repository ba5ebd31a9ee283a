import { stridedCopy } from './copy.js';
import type { WasmKernel } from './kernel.js';
import { contiguousStrides } from './nd-plan.js';

/** x[begin[d] : begin[d] + size[d]] along every axis. */
export const Slice: WasmKernel<'Slice'> = ({ x }, { begin, size }, ctx) => {
  const src = ctx.data(x, 'Slice');
  const strides = contiguousStrides(x.shape);
  const offset = begin.reduce((acc, b, d) => acc + b * strides[d], 0);
  // A contiguous region (x[t] of a sequence) is a view: no copy.
  if (isContiguous(x.shape, size)) return ctx.view(src, offset, size).info;
  const { info, data } = ctx.output(size, x.dtype, 'Slice');
  stridedCopy(ctx, src, offset, strides, data, 0, contiguousStrides(size), size);
  return info;
};

/** Whether the slice is one run of memory: dims after the outermost partial one full, before it size 1. */
function isContiguous(shape: readonly number[], size: readonly number[]): boolean {
  let partial = false;
  for (let d = shape.length - 1; d >= 0; d--) {
    if (partial) {
      if (size[d] !== 1) return false;
    } else if (size[d] !== shape[d]) partial = true;
  }
  return true;
}
