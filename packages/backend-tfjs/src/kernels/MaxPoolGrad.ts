import { formatShape, poolShape, ShapeError, shapesEqual } from '@snn/core';
import * as tf from '@tensorflow/tfjs-core';
import type { TfKernel } from '../kernel-context.js';
import { toNCHW, toNHWC } from './conv-layout.js';
import { paddedNHWC } from './MaxPool.js';

/**
 * dx of MaxPool: tfjs's MaxPoolGrad kernel (tfjs-cpu routes each dy to the first maximum of its window
 * in row-major order, accumulating where windows overlap) on the padded input; the padding's gradient
 * is then cut away. Not registered on tfjs-wasm, whose MaxPoolGrad is wrong (see kernels/index.ts).
 */
export const MaxPoolGrad: TfKernel<'MaxPoolGrad'> = (ctx, { dy, x }, { kernel, strides, pads }) => {
  const yShape = poolShape(x.shape, kernel, strides, pads);
  if (!shapesEqual(yShape, dy.shape)) {
    throw new ShapeError(
      `MaxPoolGrad: dy ${formatShape(dy.shape)} is not the pooled shape ${formatShape(yShape)} of x ${formatShape(x.shape)}`,
    );
  }
  const [, , h, w] = x.shape;
  return ctx.run(() => {
    const input = paddedNHWC(ctx.get(x), pads);
    const filterSize: [number, number] = [kernel[0], kernel[1]];
    const stride: [number, number] = [strides[0], strides[1]];
    const output = tf.maxPool(input, filterSize, stride, 'valid');
    const dx = tf.engine().runKernel('MaxPoolGrad', { dy: toNHWC(ctx.get(dy)), input, output }, {
      filterSize,
      strides: stride,
      pad: 'valid',
      dimRoundingMode: undefined,
    } as unknown as tf.NamedAttrMap) as tf.Tensor4D;
    return tf.slice(toNCHW(dx), [0, 0, pads[0], pads[2]], [-1, -1, h, w]);
  });
};
