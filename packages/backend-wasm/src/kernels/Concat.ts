import { ArgumentError, formatShape, ShapeError } from '@snn/core';
import { stridedCopy } from './copy.js';
import type { WasmKernel } from './kernel.js';
import { contiguousStrides } from './nd-plan.js';

/** Joins tensors along `axis`; they share dtype and every other dim. */
export const Concat: WasmKernel<'Concat'> = ({ xs }, { axis }, ctx) => {
  if (xs.length === 0) throw new ArgumentError('Concat: needs at least one tensor');
  const first = xs[0];
  const rank = first.shape.length;
  if (!Number.isInteger(axis) || axis < 0 || axis >= rank) {
    throw new ArgumentError(`Concat: axis ${axis} is outside the rank of ${formatShape(first.shape)}`);
  }
  for (const x of xs) {
    if (x.dtype !== first.dtype)
      throw new ArgumentError(`Concat: dtypes differ: ${first.dtype} and ${x.dtype}`);
    if (x.shape.length !== rank || x.shape.some((d, i) => i !== axis && d !== first.shape[i])) {
      throw new ShapeError(
        `Concat: shapes ${formatShape(first.shape)} and ${formatShape(x.shape)} differ outside axis ${axis}`,
      );
    }
  }
  const sources = xs.map((x) => ctx.data(x, 'Concat'));
  const shape = [...first.shape];
  shape[axis] = xs.reduce((acc, x) => acc + x.shape[axis], 0);
  const { info, data } = ctx.output(shape, first.dtype, 'Concat');
  const outStrides = contiguousStrides(shape);
  let at = 0;
  xs.forEach((x, k) => {
    stridedCopy(
      ctx,
      sources[k],
      0,
      contiguousStrides(x.shape),
      data,
      at * outStrides[axis],
      outStrides,
      x.shape,
    );
    at += x.shape[axis];
  });
  return info;
};
