import { stridedCopy } from './copy-shader.js';
import { broadcastStrides } from './indexing.js';
import type { WebGPUKernel } from './kernel.js';

export const BroadcastTo: WebGPUKernel<'BroadcastTo'> = (backend, { x }, { shape }) => {
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
