import { reduce } from '../reduce.js';
import type { ReferenceKernel } from '../reference-kernel.js';

/** Max over axes, keeping the dtype; NaN propagates as in torch.amax. */
export const Max: ReferenceKernel<'Max'> = ({ x }, { axes, keepDims }, store) =>
  reduce(
    store,
    x,
    axes,
    keepDims,
    x.dtype,
    Number.NEGATIVE_INFINITY,
    // Once the accumulator is NaN, `v > a` is false and it stays NaN.
    (a, v) => (v > a || Number.isNaN(v) ? v : a),
  );
