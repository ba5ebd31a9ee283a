import { conv2dShape } from '@snn/core';
import * as tf from '@tensorflow/tfjs-core';
import type { TfKernel } from '../kernel-context.js';
import { explicitPadding, toHWIO, toNCHW, toNHWC } from './conv-layout.js';

/** Cross-correlation as PyTorch's conv2d (no bias): tfjs's NHWC conv2d with explicit padding. */
export const Conv2D: TfKernel<'Conv2D'> = (ctx, { x, w }, { strides, pads }) => {
  conv2dShape(x.shape, w.shape, strides, pads);
  return ctx.run(() =>
    toNCHW(
      tf.conv2d(toNHWC(ctx.get(x)), toHWIO(ctx.get(w)), [strides[0], strides[1]], explicitPadding(pads)),
    ),
  );
};
