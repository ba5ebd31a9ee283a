import { stridesFromShape } from '@snn/core';
import { stridedCopy } from './copy-shader.js';
import type { WebGPUKernel } from './kernel.js';

/** x[begin[d] : begin[d] + size[d]] along every axis. */
export const Slice: WebGPUKernel<'Slice'> = (backend, { x }, { begin, size }) => {
  const strides = stridesFromShape(x.shape);
  const out = backend.output(size, x.dtype);
  const inOffset = begin.reduce((acc, b, d) => acc + b * strides[d], 0);
  stridedCopy(backend, x, out, { iterShape: size, inStrides: strides, inOffset }, 'Slice');
  return out;
};
