import { ArgumentError } from '../../../errors.js';
import type { ReferenceKernel } from '../reference-kernel.js';

/** int32 indices -> float32 [...indices.shape, depth]; indices outside [0, depth) give an all-off row. */
export const OneHot: ReferenceKernel<'OneHot'> = ({ indices }, { depth, onValue, offValue }, store) => {
  if (indices.dtype !== 'int32') {
    throw new ArgumentError(`OneHot: indices must be int32, got ${indices.dtype}`);
  }
  if (!Number.isInteger(depth) || depth < 0) {
    throw new ArgumentError(`OneHot: depth must be a non-negative integer, got ${depth}`);
  }
  const iv = store.get(indices);
  const out = new Float32Array(iv.length * depth).fill(offValue);
  for (let i = 0; i < iv.length; i++) {
    const k = iv[i];
    if (k >= 0 && k < depth) out[i * depth + k] = onValue;
  }
  return store.output(out, [...indices.shape, depth], 'float32');
};
