import { poolArgmax } from '../pooling.js';
import type { ReferenceKernel } from '../reference-kernel.js';

/** Max over each window of x [N, C, H, W]; padding counts as -Infinity. */
export const MaxPool: ReferenceKernel<'MaxPool'> = ({ x }, { kernel, strides, pads }, store) => {
  const xv = store.getFloat(x);
  const { shape, argmax } = poolArgmax(xv, x.shape, kernel, strides, pads);
  const out = new Float32Array(argmax.length);
  for (let i = 0; i < argmax.length; i++) out[i] = argmax[i] < 0 ? Number.NEGATIVE_INFINITY : xv[argmax[i]];
  return store.output(out, shape, 'float32');
};
