import { conv2dShape } from '@snn/core';
import { runConv } from './conv-run.js';
import { CONV2D_BACKPROP_FILTER_PROGRAM } from './conv-shader.js';
import type { WebGPUKernel } from './kernel.js';

/** dw of Conv2D from x and dy [N, O, Ho, Wo]. */
export const Conv2DBackpropFilter: WebGPUKernel<'Conv2DBackpropFilter'> = (
  backend,
  { x, dy },
  { wShape, strides, pads },
) => {
  const yShape = conv2dShape(x.shape, wShape, strides, pads);
  return runConv(
    backend,
    CONV2D_BACKPROP_FILTER_PROGRAM,
    [x, dy],
    wShape,
    x.shape,
    wShape,
    yShape,
    strides,
    pads,
  );
};
