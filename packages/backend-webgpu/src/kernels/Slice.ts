import { ArgumentError, formatShape, stridesFromShape } from '@snn/core';
import { stridedCopy } from './copy-shader.js';
import type { WebGPUKernel } from './kernel.js';

/** x[begin[d] : begin[d] + size[d]] along every axis. */
export const Slice: WebGPUKernel<'Slice'> = (backend, { x }, { begin, size }) => {
  const rank = x.shape.length;
  if (
    begin.length !== rank ||
    size.length !== rank ||
    begin.some(
      (b, d) =>
        !Number.isInteger(b) ||
        b < 0 ||
        !Number.isInteger(size[d]) ||
        size[d] < 0 ||
        b + size[d] > x.shape[d],
    )
  ) {
    throw new ArgumentError(
      `Slice: begin [${begin.join(', ')}] and size [${size.join(', ')}] do not fit shape ${formatShape(x.shape)}`,
    );
  }
  const strides = stridesFromShape(x.shape);
  const out = backend.output(size, x.dtype);
  const inOffset = begin.reduce((acc, b, d) => acc + b * strides[d], 0);
  stridedCopy(backend, x, out, { iterShape: size, inStrides: strides, inOffset }, 'Slice');
  return out;
};
