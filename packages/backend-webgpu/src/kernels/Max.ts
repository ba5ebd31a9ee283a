import type { WebGPUKernel } from './kernel.js';
import { reduce } from './reduce-shader.js';

/** Max over sorted axes, keeping the dtype; NaN propagates. */
export const Max: WebGPUKernel<'Max'> = (backend, { x }, { axes, keepDims }) =>
  reduce(backend, 'Max', x, axes, keepDims);
