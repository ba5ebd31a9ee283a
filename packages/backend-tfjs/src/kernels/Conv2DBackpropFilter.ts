import { conv2dShape } from '@snn/core';
import * as tf from '@tensorflow/tfjs-core';
import type { TfKernel } from '../kernel-context.js';
import { explicitPadding, tfHasKernel, toNHWC } from './conv-layout.js';

/**
 * dw of Conv2D. Where tfjs registers Conv2DBackpropFilter (cpu, node) that kernel runs. tfjs-wasm has
 * none, so there dw is itself a convolution: dw[o,c,i,j] = sum_{n,p,q} dy[n,o,p,q] *
 * xpad[n,c,p*sh+i,q*sw+j], i.e. xpad as [C, H, W, N] (batch C, channels N) convolved with dy as an
 * [Ho, Wo, N, O] filter dilated by the stride, which wasm runs through XNNPACK.
 */
export const Conv2DBackpropFilter: TfKernel<'Conv2DBackpropFilter'> = (
  ctx,
  { x, dy },
  { wShape, strides, pads },
) => {
  const yShape = conv2dShape(x.shape, wShape, strides, pads);
  const [o, c, kh, kw] = wShape;
  const [, , ho, wo] = yShape;
  return ctx.run(() => {
    if (tfHasKernel('Conv2DBackpropFilter')) {
      const dw = tf
        .engine()
        .runKernel('Conv2DBackpropFilter', { x: toNHWC(ctx.get(x)), dy: toNHWC(ctx.get(dy)) }, {
          strides: [strides[0], strides[1]],
          pad: explicitPadding(pads),
          dataFormat: 'NHWC',
          dimRoundingMode: undefined,
          filterShape: [kh, kw, c, o],
        } as unknown as tf.NamedAttrMap) as tf.Tensor4D;
      return tf.transpose(dw, [3, 2, 0, 1]);
    }
    const [sh, sw] = strides;
    const padded = tf.pad(ctx.get(x), [
      [0, 0],
      [0, 0],
      [pads[0], pads[1]],
      [pads[2], pads[3]],
    ]);
    // Only the rows and columns some window reaches: the rest would be computed and sliced away.
    const used = tf.slice(padded, [0, 0, 0, 0], [-1, -1, (ho - 1) * sh + kh, (wo - 1) * sw + kw]);
    const input = tf.transpose(used, [1, 2, 3, 0]) as tf.Tensor4D; // [C, H', W', N]
    const filter = tf.transpose(ctx.get(dy), [2, 3, 0, 1]) as tf.Tensor4D; // [Ho, Wo, N, O]
    const dw = tf.conv2d(input, filter, 1, 'valid', 'NHWC', [sh, sw]); // [C, kh, kw, O]
    return tf.transpose(dw, [3, 0, 1, 2]);
  });
};
