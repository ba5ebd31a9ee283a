import { ArgumentError, ShapeError } from '../../../errors.js';
import { formatShape, sizeFromShape } from '../../../kernels/shape-utils.js';
import type { ReferenceKernel } from '../reference-kernel.js';
import { allocate } from '../store.js';

/** Joins tensors along `axis`; they share dtype and every other dim. */
export const Concat: ReferenceKernel<'Concat'> = ({ xs }, { axis }, store) => {
  if (xs.length === 0) throw new ArgumentError('Concat: needs at least one tensor');
  const first = xs[0];
  const rank = first.shape.length;
  if (!Number.isInteger(axis) || axis < 0 || axis >= rank) {
    throw new ArgumentError(`Concat: axis ${axis} is outside the rank of ${formatShape(first.shape)}`);
  }
  for (const x of xs) {
    if (x.dtype !== first.dtype) {
      throw new ArgumentError(`Concat: dtypes differ: ${first.dtype} and ${x.dtype}`);
    }
    if (x.shape.length !== rank || x.shape.some((d, i) => i !== axis && d !== first.shape[i])) {
      throw new ShapeError(
        `Concat: shapes ${formatShape(first.shape)} and ${formatShape(x.shape)} differ outside axis ${axis}`,
      );
    }
  }
  const shape = [...first.shape];
  shape[axis] = xs.reduce((acc, x) => acc + x.shape[axis], 0);
  const outer = sizeFromShape(first.shape.slice(0, axis));
  const inner = sizeFromShape(first.shape.slice(axis + 1));
  const outRow = shape[axis] * inner;
  const out = allocate(first.dtype, sizeFromShape(shape));
  let column = 0;
  for (const x of xs) {
    const xv = store.get(x);
    const row = x.shape[axis] * inner;
    for (let o = 0; o < outer; o++) out.set(xv.subarray(o * row, (o + 1) * row), o * outRow + column);
    column += row;
  }
  return store.output(out, shape, first.dtype);
};
