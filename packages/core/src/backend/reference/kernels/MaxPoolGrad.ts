import { poolArgmax } from '../pooling.js';
import type { ReferenceKernel } from '../reference-kernel.js';

/** dx: each dy goes to the first (row-major) maximum of its window; overlapping windows accumulate. */
export const MaxPoolGrad: ReferenceKernel<'MaxPoolGrad'> = ({ dy, x }, { kernel, strides, pads }, store) => {
  const xv = store.getFloat(x);
  const dyv = store.getFloat(dy);
  const { argmax } = poolArgmax(xv, x.shape, kernel, strides, pads);
  const acc = new Float64Array(xv.length);
  for (let i = 0; i < argmax.length; i++) if (argmax[i] >= 0) acc[argmax[i]] += dyv[i];
  return store.output(Float32Array.from(acc), x.shape, 'float32');
};
