import * as tf from '@tensorflow/tfjs-core';
import type { TfKernel } from '../kernel-context.js';
import { toNCHW, toNHWC } from './conv-layout.js';
import { paddedNHWC } from './MaxPool.js';
import { maxPoolGradHost } from './max-pool-grad-host.js';

/**
 * dx of MaxPool. tfjs-wasm and tfjs-cpu keep tensors in host memory: a host loop over the values
 * (max-pool-grad-host.ts), since tfjs-wasm 4.22's own MaxPoolGrad drops all but the first row of
 * windows and tfjs-cpu's does not route to a NaN as core's contract says. tfjs-node: tfjs's
 * MaxPoolGrad kernel (each dy to the first maximum of its window in row-major order, accumulating where
 * windows overlap) on the padded input; the padding's gradient is then cut away.
 */
export const MaxPoolGrad: TfKernel<'MaxPoolGrad'> = (ctx, { dy, x }, { kernel, strides, pads }) => {
  if (ctx.tfBackend !== 'node') {
    return ctx.run(() => maxPoolGradHost(ctx.get(dy), ctx.get(x), kernel, strides, pads));
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
