import type { WasmKernel } from './kernel.js';
import { hostReduce, wasmReduce } from './reduce.js';

/** Max over axes, keeping the dtype; NaN propagates as torch.amax. */
export const Max: WasmKernel<'Max'> = ({ x }, { axes, keepDims }, ctx) => {
  if (x.dtype === 'float32') return wasmReduce(ctx, x, axes, keepDims, 'Max', 'snn_max_f32');
  return hostReduce(ctx, x, axes, keepDims, 'Max', x.dtype, Number.NEGATIVE_INFINITY, (a, v) =>
    v > a || Number.isNaN(v) ? v : a,
  );
};
