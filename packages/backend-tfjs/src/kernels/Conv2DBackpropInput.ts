import { conv2dShape } from '@snn/core';
import * as tf from '@tensorflow/tfjs-core';
import type { TfKernel, TfKernelContext } from '../kernel-context.js';
import { explicitPadding, toHWIO, toNCHW, toNHWC } from './conv-layout.js';

/**
 * dx of Conv2D. tfjs-cpu/node: tfjs's conv2dTranspose (its Conv2DBackpropInput kernel) in NHWC.
 * tfjs-wasm's Conv2DBackpropInput is a plain loop, about 9x slower than its XNNPACK conv2d on the
 * same problem (34 vs 4 ms for Norse's ConvNet's second layer, batch 32), so there dx is written as
 * that convolution: dx[n,c,y,x] = sum_{o,i,j} dy[n,o,p,q] * w[o,c,i,j] with y = p*sh - pt + i, i.e.
 * dy dilated by the stride (zeros between its elements), padded by kernel - 1 - pad, correlated with
 * w flipped in space and with its in/out channels swapped. The flipped filter is cached with w's data
 * (one w serves every time step's backward).
 */
export const Conv2DBackpropInput: TfKernel<'Conv2DBackpropInput'> = (
  ctx,
  { dy, w },
  { xShape, strides, pads },
) => {
  const _yShape = conv2dShape(xShape, w.shape, strides, pads);
  const [n, c, h, width] = xShape;
  if (ctx.tfBackend === 'wasm') return ctx.run(() => backpropInputAsConv(ctx, dy, w, xShape, strides, pads));
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

/** dy [N, Ho, Wo, O] with sh - 1 and sw - 1 zeros after each row and column: [N, Ho*sh, Wo*sw, O]. */
function dilate(dy: tf.Tensor4D, sh: number, sw: number): tf.Tensor4D {
  if (sh === 1 && sw === 1) return dy;
  const [n, ho, wo, o] = dy.shape;
  const spread = tf.pad(tf.reshape(dy, [n, ho, 1, wo, 1, o]), [
    [0, 0],
    [0, 0],
    [0, sh - 1],
    [0, 0],
    [0, sw - 1],
    [0, 0],
  ]);
  return tf.reshape(spread, [n, ho * sh, wo * sw, o]);
}

/**
 * Pads (or, for a negative amount, crops) axis 1 and 2 of t by [top, bottom] and [left, right].
 * Cropped rows are dy rows whose windows lie in the padding only, or trailing dilation zeros.
 */
function padOrCrop(t: tf.Tensor4D, top: number, bottom: number, left: number, right: number): tf.Tensor4D {
  const [, hh, ww] = t.shape;
  let out = t;
  if (top < 0 || bottom < 0 || left < 0 || right < 0) {
    const [ct, cb, cl, cr] = [top, bottom, left, right].map((p) => Math.max(-p, 0));
    out = tf.slice(out, [0, ct, cl, 0], [-1, hh - ct - cb, ww - cl - cr, -1]);
  }
  const [pt, pb, pl, pr] = [top, bottom, left, right].map((p) => Math.max(p, 0));
  if (pt + pb + pl + pr === 0) return out;
  return tf.pad(out, [
    [0, 0],
    [pt, pb],
    [pl, pr],
    [0, 0],
  ]);
}

function backpropInputAsConv(
  ctx: TfKernelContext,
  dy: Parameters<TfKernelContext['get']>[0],
  w: Parameters<TfKernelContext['get']>[0],
  xShape: readonly number[],
  strides: readonly [number, number],
  pads: readonly [number, number, number, number],
): tf.Tensor {
  const [, , h, width] = xShape;
  const [, , kh, kw] = w.shape;
  const [sh, sw] = strides;
  // [kh, kw, O, C]: w flipped in space, O as the input channels of this convolution.
  const filter = ctx.derived(w, 'conv2dBackpropInputFilter', (t) =>
    tf.transpose(tf.reverse(t, [2, 3]), [2, 3, 0, 1]),
  ) as tf.Tensor4D;
  const spread = dilate(toNHWC(ctx.get(dy)), sh, sw);
  // A valid correlation of a (h + kh - 1)-row input with a kh-row filter gives h rows.
  const top = kh - 1 - pads[0];
  const left = kw - 1 - pads[2];
  const bottom = h + kh - 1 - spread.shape[1] - top;
  const right = width + kw - 1 - spread.shape[2] - left;
  const input = padOrCrop(spread, top, bottom, left, right);
  return toNCHW(tf.conv2d(input, filter, 1, 'valid'));
}
