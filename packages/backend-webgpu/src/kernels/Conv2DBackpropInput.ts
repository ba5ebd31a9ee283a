import { conv2dShape } from '@snn/core';
import { runConv } from './conv-run.js';
import { CONV2D_BACKPROP_INPUT_PROGRAM } from './conv-shader.js';
import type { WebGPUKernel } from './kernel.js';

/** dx of Conv2D from dy [N, O, Ho, Wo] and w. */
export const Conv2DBackpropInput: WebGPUKernel<'Conv2DBackpropInput'> = (
  backend,
  { dy, w },
  { xShape, strides, pads },
) => {
  const yShape = conv2dShape(xShape, w.shape, strides, pads);
  return runConv(
    backend,
    CONV2D_BACKPROP_INPUT_PROGRAM,
    [dy, w],
    xShape,
    xShape,
    w.shape,
    yShape,
    strides,
    pads,
  );
};
