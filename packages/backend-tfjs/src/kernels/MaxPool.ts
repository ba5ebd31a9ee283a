import { poolShape } from '@snn/core';
import * as tf from '@tensorflow/tfjs-core';
import type { TfKernel } from '../kernel-context.js';
import { toNCHW, toNHWC } from './conv-layout.js';
import { hasNaN, maxPoolHost } from './max-pool-host.js';

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

/**
 * tfjs's maxPool skips NaN; core's contract gives a window holding NaN the value NaN. Measured on
 * [32,20,24,24], 2x2 stride 2 (with the NCHW<->NHWC transposes): tfjs-cpu's maxPool 25.5 ms, the host
 * loop 1.9 ms, so cpu always uses the host loop. tfjs-wasm's (XNNPACK) 0.5 ms, the host loop 2.2 ms, a
 * pooled NaN mask + where 6.2 ms: wasm scans x for NaN (a heap view) and takes the host loop only
 * when there is one. tfjs-node (no host view of the data): the pooled NaN mask.
 */
export const MaxPool: TfKernel<'MaxPool'> = (ctx, { x }, { kernel, strides, pads }) => {
  const yShape = poolShape(x.shape, kernel, strides, pads);
  const input = ctx.get(x);
  if (ctx.tfBackend === 'cpu' || (ctx.tfBackend === 'wasm' && hasNaN(input))) {
    return ctx.run(() => maxPoolHost(input, kernel, strides, pads, yShape));
  }
  const filterSize: [number, number] = [kernel[0], kernel[1]];
  const stride: [number, number] = [strides[0], strides[1]];
  return ctx.run(() => {
    const padded = paddedNHWC(input, pads);
    const y = tf.maxPool(padded, filterSize, stride, 'valid');
    if (ctx.tfBackend === 'wasm') return toNCHW(y);
    const nanWindows = tf.maxPool(tf.cast(tf.isNaN(padded), 'float32'), filterSize, stride, 'valid');
    return toNCHW(tf.where(tf.greater(nanWindows, 0), tf.fill(y.shape, Number.NaN), y));
  });
};
