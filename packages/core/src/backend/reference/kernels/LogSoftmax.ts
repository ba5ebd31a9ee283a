import { sizeFromShape } from '../../../kernels/shape-utils.js';
import type { ReferenceKernel } from '../reference-kernel.js';

/** x - max - log(sum(exp(x - max))) along `axis` (non-negative), the max shift keeping exp finite. */
export const LogSoftmax: ReferenceKernel<'LogSoftmax'> = ({ x }, { axis }, store) => {
  const xv = store.getFloat(x);
  const outer = sizeFromShape(x.shape.slice(0, axis));
  const n = x.shape[axis];
  const inner = sizeFromShape(x.shape.slice(axis + 1));
  const out = new Float32Array(xv.length);
  for (let o = 0; o < outer; o++) {
    for (let j = 0; j < inner; j++) {
      const base = o * n * inner + j;
      let max = Number.NEGATIVE_INFINITY;
      for (let k = 0; k < n; k++) max = Math.max(max, xv[base + k * inner]);
      // An all -Infinity row would give -Inf - -Inf = NaN; shifting by 0 keeps it -Infinity instead.
      const shift = Number.isFinite(max) ? max : 0;
      let sum = 0;
      for (let k = 0; k < n; k++) sum += Math.exp(xv[base + k * inner] - shift);
      const logSum = Math.log(sum) + shift;
      for (let k = 0; k < n; k++) out[base + k * inner] = xv[base + k * inner] - logSum;
    }
  }
  return store.output(out, x.shape, 'float32');
};
