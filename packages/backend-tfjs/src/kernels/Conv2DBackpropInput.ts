import { conv2dShape, formatShape, ShapeError, shapesEqual } from '@snn/core';
import * as tf from '@tensorflow/tfjs-core';
import type { TfKernel } from '../kernel-context.js';
import { explicitPadding, toHWIO, toNCHW, toNHWC } from './conv-layout.js';

/** dx of Conv2D: tfjs's conv2dTranspose (its Conv2DBackpropInput kernel) in NHWC. */
export const Conv2DBackpropInput: TfKernel<'Conv2DBackpropInput'> = (
  ctx,
  { dy, w },
  { xShape, strides, pads },
) => {
  const yShape = conv2dShape(xShape, w.shape, strides, pads);
  if (!shapesEqual(yShape, dy.shape)) {
    throw new ShapeError(
      `Conv2DBackpropInput: dy ${formatShape(dy.shape)} is not the output shape ${formatShape(yShape)} of x ${formatShape(xShape)} and w ${formatShape(w.shape)}`,
    );
  }
  const [n, c, h, width] = xShape;
  return ctx.run(() =>
    toNCHW(
      tf.conv2dTranspose(
        toNHWC(ctx.get(dy)),
        toHWIO(ctx.get(w)),
        [n, h, width, c],
        [strides[0], strides[1]],
        explicitPadding(pads),
      ),
    ),
  );
};
