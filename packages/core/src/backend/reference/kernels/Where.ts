import { broadcastShapes, sizeFromShape } from '../../../kernels/shape-utils.js';
import { broadcastOffsets } from '../indexing.js';
import type { ReferenceKernel } from '../reference-kernel.js';
import { allocate } from '../store.js';

/** condition ? a : b with the three shapes broadcast together; output has a's dtype. */
export const Where: ReferenceKernel<'Where'> = ({ condition, a, b }, _attrs, store) => {
  const shape = broadcastShapes(broadcastShapes(condition.shape, a.shape), b.shape);
  const cv = store.get(condition);
  const av = store.get(a);
  const bv = store.get(b);
  const ci = broadcastOffsets(condition.shape, shape);
  const ai = broadcastOffsets(a.shape, shape);
  const bi = broadcastOffsets(b.shape, shape);
  const size = sizeFromShape(shape);
  const out = allocate(a.dtype, size);
  for (let i = 0; i < size; i++) out[i] = cv[ci[i]] !== 0 ? av[ai[i]] : bv[bi[i]];
  return store.output(out, shape, a.dtype);
};
