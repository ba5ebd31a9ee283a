import { poolShape } from '@snn/core';
import * as tf from '@tensorflow/tfjs-core';
import type { TfKernel } from '../kernel-context.js';
import { toNCHW, toNHWC } from './conv-layout.js';

/** Pads with -Infinity (padding never wins a window), then tfjs's valid NHWC maxPool. */
export function paddedNHWC(x: tf.Tensor, pads: readonly [number, number, number, number]): tf.Tensor4D {
  const padded = pads.some((p) => p !== 0)
    ? tf.pad(
        x,
        [
          [0, 0],
          [0, 0],
          [pads[0], pads[1]],
          [pads[2], pads[3]],
        ],
        Number.NEGATIVE_INFINITY,
      )
    : x;
  return toNHWC(padded);
}

export const MaxPool: TfKernel<'MaxPool'> = (ctx, { x }, { kernel, strides, pads }) => {
  poolShape(x.shape, kernel, strides, pads);
  return ctx.run(() =>
    toNCHW(
      tf.maxPool(paddedNHWC(ctx.get(x), pads), [kernel[0], kernel[1]], [strides[0], strides[1]], 'valid'),
    ),
  );
};
