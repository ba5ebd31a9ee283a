import { checkWindowAttrs, poolShape } from '@snn/core';
import type { WebGPUKernel } from './kernel.js';
import { runPool } from './pool-run.js';
import { MAX_POOL_PROGRAM } from './pool-shader.js';

/** Max over each window of x [N, C, H, W]; padding counts as -Infinity. */
export const MaxPool: WebGPUKernel<'MaxPool'> = (backend, { x }, { kernel, strides, pads }) => {
  checkWindowAttrs('MaxPool', strides, pads);
  const yShape = poolShape(x.shape, kernel, strides, pads);
  return runPool(backend, MAX_POOL_PROGRAM, [x], yShape, x.shape, yShape, kernel, strides, pads);
};
