import { broadcastOffsets } from '../indexing.js';
import type { ReferenceKernel } from '../reference-kernel.js';
import { allocate } from '../store.js';

/** Repeats x to `shape` by NumPy broadcast_to rules (x's shape must broadcast to exactly `shape`). */
export const BroadcastTo: ReferenceKernel<'BroadcastTo'> = ({ x }, { shape }, store) => {
  const xv = store.get(x);
  const src = broadcastOffsets(x.shape, shape);
  const out = allocate(x.dtype, src.length);
  for (let i = 0; i < src.length; i++) out[i] = xv[src[i]];
  return store.output(out, shape, x.dtype);
};
