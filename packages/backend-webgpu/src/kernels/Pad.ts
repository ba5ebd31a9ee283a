import { stridesFromShape } from '@snn/core';
import { stridedCopy } from './copy-shader.js';
import type { WebGPUKernel } from './kernel.js';

/** paddings[d] = [before, after], filled with `value`. */
export const Pad: WebGPUKernel<'Pad'> = (backend, { x }, { paddings, value }) => {
  const outShape = x.shape.map((d, i) => d + paddings[i][0] + paddings[i][1]);
  const out = backend.output(outShape, x.dtype);
  stridedCopy(
    backend,
    x,
    out,
    {
      iterShape: outShape,
      inStrides: stridesFromShape(x.shape),
      padBefore: paddings.map((p) => p[0]),
      inShape: x.shape,
      padValue: value,
    },
    'Pad',
  );
  return out;
};
