import { sizeFromShape, stridesFromShape } from '@snn/core';
import { stridedCopy } from './copy-shader.js';
import type { WebGPUKernel } from './kernel.js';

/**
 * One copy per input into its slab of the output: a buffer-to-buffer copy when the slab is
 * contiguous (nothing before `axis` but size-1 dims), else the strided-copy shader.
 */
export const Concat: WebGPUKernel<'Concat'> = (backend, { xs }, { axis }) => {
  const first = xs[0];
  const _rank = first.shape.length;
  const outShape = [...first.shape];
  outShape[axis] = xs.reduce((acc, t) => acc + t.shape[axis], 0);
  const out = backend.output(outShape, first.dtype);
  const outStrides = stridesFromShape(outShape);
  const contiguous = sizeFromShape(outShape.slice(0, axis)) === 1;
  let at = 0;
  for (const t of xs) {
    const outOffset = at * outStrides[axis];
    if (contiguous) backend.copy(t, 0, out, outOffset, sizeFromShape(t.shape));
    else {
      stridedCopy(
        backend,
        t,
        out,
        { iterShape: t.shape, inStrides: stridesFromShape(t.shape), outStrides, outOffset },
        'Concat',
      );
    }
    at += t.shape[axis];
  }
  return out;
};
