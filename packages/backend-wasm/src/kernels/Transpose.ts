import { ArgumentError, formatShape } from '@snn/core';
import { stridedCopy } from './copy.js';
import type { WasmKernel } from './kernel.js';
import { contiguousStrides } from './nd-plan.js';

/** Output axis d is input axis perm[d]. */
export const Transpose: WasmKernel<'Transpose'> = ({ x }, { perm }, ctx) => {
  const rank = x.shape.length;
  if (
    perm.length !== rank ||
    new Set(perm).size !== rank ||
    perm.some((p) => !Number.isInteger(p) || p < 0 || p >= rank)
  ) {
    throw new ArgumentError(
      `Transpose: perm [${perm.join(', ')}] is not a permutation of the axes of ${formatShape(x.shape)}`,
    );
  }
  const src = ctx.data(x, 'Transpose');
  const shape = perm.map((p) => x.shape[p]);
  const { info, data } = ctx.output(shape, x.dtype, 'Transpose');
  const inStrides = contiguousStrides(x.shape);
  stridedCopy(
    ctx,
    src,
    0,
    perm.map((p) => inStrides[p]),
    data,
    0,
    contiguousStrides(shape),
    shape,
  );
  return info;
};
