import { stridesFromShape } from '../../../kernels/shape-utils.js';
import { stridedOffsets } from '../indexing.js';
import type { ReferenceKernel } from '../reference-kernel.js';
import { allocate } from '../store.js';

/** x[begin[d] : begin[d] + size[d]] along every axis. */
export const Slice: ReferenceKernel<'Slice'> = ({ x }, { begin, size }, store) => {
  const xv = store.get(x);
  const strides = stridesFromShape(x.shape);
  const base = begin.reduce((acc, b, d) => acc + b * strides[d], 0);
  const src = stridedOffsets(size, strides, base);
  const out = allocate(x.dtype, src.length);
  for (let i = 0; i < src.length; i++) out[i] = xv[src[i]];
  return store.output(out, size, x.dtype);
};
