import type { ReferenceKernel } from '../reference-kernel.js';

/** Heaviside: 1 where x > 0 (x >= 0 when inclusive, SpikingJelly's convention), else 0; float32. */
export const Spike: ReferenceKernel<'Spike'> = ({ x }, { inclusive }, store) => {
  const xv = store.getFloat(x);
  const out = new Float32Array(xv.length);
  if (inclusive) for (let i = 0; i < xv.length; i++) out[i] = xv[i] >= 0 ? 1 : 0;
  else for (let i = 0; i < xv.length; i++) out[i] = xv[i] > 0 ? 1 : 0;
  return store.output(out, x.shape, 'float32');
};
