import { ArgumentError, formatShape, stridesFromShape } from '@snn/core';
import { stridedCopy } from './copy-shader.js';
import type { WebGPUKernel } from './kernel.js';

export const Transpose: WebGPUKernel<'Transpose'> = (backend, { x }, { perm }) => {
  const rank = x.shape.length;
  if (perm.length !== rank || [...perm].sort((p, q) => p - q).some((p, i) => p !== i)) {
    throw new ArgumentError(
      `Transpose: perm [${perm.join(', ')}] is not a permutation of the axes of ${formatShape(x.shape)}`,
    );
  }
  const strides = stridesFromShape(x.shape);
  const outShape = perm.map((p) => x.shape[p]);
  const out = backend.output(outShape, x.dtype);
  stridedCopy(backend, x, out, { iterShape: outShape, inStrides: perm.map((p) => strides[p]) }, 'Transpose');
  return out;
};
