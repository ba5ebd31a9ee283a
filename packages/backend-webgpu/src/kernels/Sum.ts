import type { WebGPUKernel } from './kernel.js';
import { reduce } from './reduce-shader.js';

/** Sum over sorted axes; float32 stays float32, int32 and bool sum to int32 (f32 accumulation in a tree). */
export const Sum: WebGPUKernel<'Sum'> = (backend, { x }, { axes, keepDims }) =>
  reduce(backend, 'Sum', x, axes, keepDims);
