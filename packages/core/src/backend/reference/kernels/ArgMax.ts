import { sizeFromShape } from '../../../kernels/shape-utils.js';
import type { ReferenceKernel } from '../reference-kernel.js';

/** Index of the first maximum along `axis` (int32), the axis removed. */
export const ArgMax: ReferenceKernel<'ArgMax'> = ({ x }, { axis }, store) => {
  const xv = store.get(x);
  const outer = sizeFromShape(x.shape.slice(0, axis));
  const n = x.shape[axis];
  const inner = sizeFromShape(x.shape.slice(axis + 1));
  const out = new Int32Array(outer * inner);
  for (let o = 0; o < outer; o++) {
    for (let j = 0; j < inner; j++) {
      const base = o * n * inner + j;
      let best = 0;
      let bestValue = xv[base];
      for (let k = 1; k < n; k++) {
        const v = xv[base + k * inner];
        if (v > bestValue) {
          best = k;
          bestValue = v;
        }
      }
      out[o * inner + j] = best;
    }
  }
  return store.output(out, [...x.shape.slice(0, axis), ...x.shape.slice(axis + 1)], 'int32');
};
