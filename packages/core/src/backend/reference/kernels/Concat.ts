import { sizeFromShape } from '../../../kernels/shape-utils.js';
import type { ReferenceKernel } from '../reference-kernel.js';
import { allocate } from '../store.js';

/** Joins tensors along `axis`; they share dtype and every other dim. */
export const Concat: ReferenceKernel<'Concat'> = ({ xs }, { axis }, store) => {
  const first = xs[0];
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
