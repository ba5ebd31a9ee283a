import { stridesFromShape } from '../../../kernels/shape-utils.js';
import { stridedOffsets } from '../indexing.js';
import type { ReferenceKernel } from '../reference-kernel.js';
import { allocate } from '../store.js';

/** Pads each axis with paddings[d] = [before, after] elements of `value`. */
export const Pad: ReferenceKernel<'Pad'> = ({ x }, { paddings, value }, store) => {
  const xv = store.get(x);
  const shape = x.shape.map((d, i) => d + paddings[i][0] + paddings[i][1]);
  const outStrides = stridesFromShape(shape);
  const base = paddings.reduce((acc, [before], d) => acc + before * outStrides[d], 0);
  // Scatter: input element i lands at the same coordinates shifted by the "before" paddings.
  const dst = stridedOffsets(x.shape, outStrides, base);
  const out = allocate(
    x.dtype,
    shape.reduce((a, b) => a * b, 1),
  );
  out.fill(value);
  for (let i = 0; i < dst.length; i++) out[dst[i]] = xv[i];
  return store.output(out, shape, x.dtype);
};
