import * as tf from '@tensorflow/tfjs-core';

/*
 * @snn is NCHW/OIHW like PyTorch; tfjs's cpu and wasm convolution and pooling kernels take NHWC/HWIO
 * only, so the NCHW kernels transpose in and out around them.
 */

export const toNHWC = (x: tf.Tensor): tf.Tensor4D => tf.transpose(x, [0, 2, 3, 1]) as tf.Tensor4D;
export const toNCHW = (x: tf.Tensor): tf.Tensor4D => tf.transpose(x, [0, 3, 1, 2]) as tf.Tensor4D;
/** OIHW -> HWIO (kh, kw, in = C, out = O). */
export const toHWIO = (w: tf.Tensor): tf.Tensor4D => tf.transpose(w, [2, 3, 1, 0]) as tf.Tensor4D;

/** tfjs's explicit padding for NHWC from @snn's [top, bottom, left, right]. */
export function explicitPadding(
  pads: readonly [number, number, number, number],
): [[0, 0], [number, number], [number, number], [0, 0]] {
  return [
    [0, 0],
    [pads[0], pads[1]],
    [pads[2], pads[3]],
    [0, 0],
  ];
}

/** Whether the active tfjs backend registers a kernel (tfjs-wasm lacks some gradients). */
export function tfHasKernel(name: string): boolean {
  return tf.getKernel(name, tf.getBackend()) != null;
}
