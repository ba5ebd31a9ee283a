import { sizeFromShape } from '../../../kernels/shape-utils.js';
import { uniformFloat32 } from '../../../random/philox.js';
import type { ReferenceKernel } from '../reference-kernel.js';

/** Bernoulli spikes: 1 where the Philox uniform u_i < p[i % p.size] (random/philox.ts is the stream). */
export const RandomBernoulli: ReferenceKernel<'RandomBernoulli'> = (
  { p },
  { steps, seed, offset },
  store,
) => {
  const pv = store.getFloat(p);
  const n = sizeFromShape(p.shape);
  const u = uniformFloat32(steps * n, seed, offset);
  const out = new Float32Array(steps * n);
  for (let i = 0; i < out.length; i++) out[i] = u[i] < pv[i % n] ? 1 : 0;
  return store.output(out, [steps, ...p.shape], 'float32');
};
