import { stridesFromShape } from '../../../kernels/shape-utils.js';
import { stridedOffsets } from '../indexing.js';
import type { ReferenceKernel } from '../reference-kernel.js';
import { allocate } from '../store.js';

/** Output axis d is input axis perm[d]. */
export const Transpose: ReferenceKernel<'Transpose'> = ({ x }, { perm }, store) => {
  const xv = store.get(x);
  const inStrides = stridesFromShape(x.shape);
  const shape = perm.map((p) => x.shape[p]);
  const src = stridedOffsets(
    shape,
    perm.map((p) => inStrides[p]),
  );
  const out = allocate(x.dtype, src.length);
  for (let i = 0; i < src.length; i++) out[i] = xv[src[i]];
  return store.output(out, shape, x.dtype);
};
