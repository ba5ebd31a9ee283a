import { checkWindowAttrs, conv2dShape } from '@snn/core';
import { runConv } from './conv-run.js';
import { CONV2D_PROGRAM } from './conv-shader.js';
import type { WebGPUKernel } from './kernel.js';

/** x [N, C, H, W] * w [O, C, kh, kw] -> [N, O, Ho, Wo], no bias. */
export const Conv2D: WebGPUKernel<'Conv2D'> = (backend, { x, w }, { strides, pads }) => {
  checkWindowAttrs('Conv2D', strides, pads);
  const yShape = conv2dShape(x.shape, w.shape, strides, pads);
  return runConv(backend, CONV2D_PROGRAM, [x, w], yShape, x.shape, w.shape, yShape, strides, pads);
};
