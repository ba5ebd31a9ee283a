import { ShapeError } from '../../../errors.js';
import { formatShape, stridesFromShape } from '../../../kernels/shape-utils.js';
import { stridedOffsets } from '../indexing.js';
import type { ReferenceKernel } from '../reference-kernel.js';
import { allocate } from '../store.js';

/** x[begin[d] : begin[d] + size[d]] along every axis. */
export const Slice: ReferenceKernel<'Slice'> = ({ x }, { begin, size }, store) => {
  const rank = x.shape.length;
  const bad =
    begin.length !== rank ||
    size.length !== rank ||
    x.shape.some((d, i) => begin[i] < 0 || size[i] < 0 || begin[i] + size[i] > d);
  if (bad) {
    throw new ShapeError(
      `Slice: begin [${begin.join(', ')}] and size [${size.join(', ')}] do not fit ${formatShape(x.shape)}`,
    );
  }
  const xv = store.get(x);
  const strides = stridesFromShape(x.shape);
  const base = begin.reduce((acc, b, d) => acc + b * strides[d], 0);
  const src = stridedOffsets(size, strides, base);
  const out = allocate(x.dtype, src.length);
  for (let i = 0; i < src.length; i++) out[i] = xv[src[i]];
  return store.output(out, size, x.dtype);
};
