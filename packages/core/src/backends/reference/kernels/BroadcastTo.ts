import { ShapeError } from '../../../errors.js';
import { broadcastShapes, formatShape, shapesEqual } from '../../../kernels/shape-utils.js';
import { broadcastOffsets } from '../indexing.js';
import type { ReferenceKernel } from '../reference-kernel.js';
import { allocate } from '../store.js';

/** Repeats x to `shape` by NumPy broadcast_to rules (x's shape must broadcast to exactly `shape`). */
export const BroadcastTo: ReferenceKernel<'BroadcastTo'> = ({ x }, { shape }, store) => {
  if (x.shape.length > shape.length || !shapesEqual(broadcastShapes(x.shape, shape, 'broadcastTo'), shape)) {
    throw new ShapeError(`broadcastTo: cannot broadcast ${formatShape(x.shape)} to ${formatShape(shape)}`);
  }
  const xv = store.get(x);
  const src = broadcastOffsets(x.shape, shape);
  const out = allocate(x.dtype, src.length);
  for (let i = 0; i < src.length; i++) out[i] = xv[src[i]];
  return store.output(out, shape, x.dtype);
};
