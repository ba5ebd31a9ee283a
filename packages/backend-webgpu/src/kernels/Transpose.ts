import { stridesFromShape } from '@snn/core';
import { stridedCopy } from './copy-shader.js';
import type { WebGPUKernel } from './kernel.js';

export const Transpose: WebGPUKernel<'Transpose'> = (backend, { x }, { perm }) => {
  const strides = stridesFromShape(x.shape);
  const outShape = perm.map((p) => x.shape[p]);
  const out = backend.output(outShape, x.dtype);
  stridedCopy(backend, x, out, { iterShape: outShape, inStrides: perm.map((p) => strides[p]) }, 'Transpose');
  return out;
};
