import { poolShape } from '@snn/core';
import type { WebGPUKernel } from './kernel.js';
import { runPool } from './pool-run.js';
import { MAX_POOL_GRAD_PROGRAM } from './pool-shader.js';

/** dx: each dy goes to the first (row-major) maximum of its window; overlapping windows accumulate. */
export const MaxPoolGrad: WebGPUKernel<'MaxPoolGrad'> = (backend, { dy, x }, { kernel, strides, pads }) => {
  const yShape = poolShape(x.shape, kernel, strides, pads);
  return runPool(backend, MAX_POOL_GRAD_PROGRAM, [dy, x], x.shape, x.shape, yShape, kernel, strides, pads);
};
