import { ArgumentError, broadcastShapes, formatShape, shapesEqual } from '@snn/core';
import { stridedCopy } from './copy-shader.js';
import { broadcastStrides } from './indexing.js';
import type { WebGPUKernel } from './kernel.js';

export const BroadcastTo: WebGPUKernel<'BroadcastTo'> = (backend, { x }, { shape }) => {
  if (shape.length < x.shape.length || !shapesEqual(broadcastShapes(x.shape, shape, 'broadcastTo'), shape)) {
    throw new ArgumentError(`BroadcastTo: cannot broadcast ${formatShape(x.shape)} to ${formatShape(shape)}`);
  }
  const out = backend.output(shape, x.dtype);
  stridedCopy(
    backend,
    x,
    out,
    { iterShape: shape, inStrides: broadcastStrides(x.shape, shape) },
    'BroadcastTo',
  );
  return out;
};
