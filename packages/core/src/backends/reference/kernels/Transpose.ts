import { ArgumentError } from '../../../errors.js';
import { formatShape, stridesFromShape } from '../../../kernels/shape-utils.js';
import { stridedOffsets } from '../indexing.js';
import type { ReferenceKernel } from '../reference-kernel.js';
import { allocate } from '../store.js';

/** Output axis d is input axis perm[d]. */
export const Transpose: ReferenceKernel<'Transpose'> = ({ x }, { perm }, store) => {
  const rank = x.shape.length;
  const seen = new Set(perm);
  if (
    perm.length !== rank ||
    seen.size !== rank ||
    perm.some((p) => !Number.isInteger(p) || p < 0 || p >= rank)
  ) {
    throw new ArgumentError(
      `Transpose: perm [${perm.join(', ')}] is not a permutation of the axes of ${formatShape(x.shape)}`,
    );
  }
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
