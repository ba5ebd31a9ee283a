import type { WasmKernel } from './kernel.js';
import { hostReduce, wasmReduce } from './reduce.js';

/** Sum over axes (double accumulation); float32 stays float32, int32 and bool sum to int32. */
export const Sum: WasmKernel<'Sum'> = ({ x }, { axes, keepDims }, ctx) => {
  if (x.dtype === 'float32') return wasmReduce(ctx, x, axes, keepDims, 'Sum', 'snn_sum_f32');
  return hostReduce(ctx, x, axes, keepDims, 'Sum', 'int32', 0, (a, v) => a + v);
};
