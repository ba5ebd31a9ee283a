import { reduce } from '../reduce.js';
import type { ReferenceKernel } from '../reference-kernel.js';

/** Sum over axes (float64 accumulation); float32 stays float32, int32 and bool sum to int32. */
export const Sum: ReferenceKernel<'Sum'> = ({ x }, { axes, keepDims }, store) =>
  reduce(store, x, axes, keepDims, x.dtype === 'float32' ? 'float32' : 'int32', 0, (a, v) => a + v);
