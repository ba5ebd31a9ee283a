import type { ReferenceKernel } from '../reference-kernel.js';

/** int32 indices -> float32 [...indices.shape, depth]; indices outside [0, depth) give an all-off row. */
export const OneHot: ReferenceKernel<'OneHot'> = ({ indices }, { depth, onValue, offValue }, store) => {
  const iv = store.get(indices);
  const out = new Float32Array(iv.length * depth).fill(offValue);
  for (let i = 0; i < iv.length; i++) {
    const k = iv[i];
    if (k >= 0 && k < depth) out[i * depth + k] = onValue;
  }
  return store.output(out, [...indices.shape, depth], 'float32');
};
