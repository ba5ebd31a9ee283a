import { sizeFromShape } from '@snn/core';
import { view } from './host.js';
import type { WasmKernel } from './kernel.js';
import { wasmReduce } from './reduce.js';

/** Index of the first maximum along `axis` (int32), the axis removed. */
export const ArgMax: WasmKernel<'ArgMax'> = ({ x }, { axis }, ctx) => {
  const outShape = [...x.shape.slice(0, axis), ...x.shape.slice(axis + 1)];
  if (x.dtype === 'float32') {
    // One axis is always adjacent to itself: [outer, n, inner] without a copy.
    return wasmReduce(ctx, x, [axis], false, 'ArgMax', 'snn_argmax_f32', outShape, 'int32');
  }
  const src = ctx.data(x, 'ArgMax');
  const { info, data } = ctx.output(outShape, 'int32', 'ArgMax');
  const xv = view(ctx.rt, src);
  const ov = view(ctx.rt, data);
  const n = x.shape[axis];
  const inner = sizeFromShape(x.shape.slice(axis + 1));
  const outer = sizeFromShape(x.shape.slice(0, axis));
  for (let o = 0; o < outer; o++) {
    for (let j = 0; j < inner; j++) {
      const base = o * n * inner + j;
      let best = 0;
      let bestValue = xv[base];
      for (let k = 1; k < n; k++) {
        if (xv[base + k * inner] > bestValue) {
          best = k;
          bestValue = xv[base + k * inner];
        }
      }
      ov[o * inner + j] = best;
    }
  }
  return info;
};
