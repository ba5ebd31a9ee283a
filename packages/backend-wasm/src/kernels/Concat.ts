import { stridedCopy } from './copy.js';
import type { WasmKernel } from './kernel.js';
import { contiguousStrides } from './nd-plan.js';

/** Joins tensors along `axis`; they share dtype and every other dim. */
export const Concat: WasmKernel<'Concat'> = ({ xs }, { axis }, ctx) => {
  const first = xs[0];
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
