import * as tf from '@tensorflow/tfjs-core';
import { hostValues, isNaNValue, max, min, NEG_INFINITY } from './max-pool-grad-host.js';

/*
 * MaxPool forward as one host loop over the values, for tfjs-cpu and tfjs-wasm (both keep tensors in
 * host memory; wasm's heap is read as a view). tfjs's own maxPool skips NaN (`[1, NaN, 2, 3]` pools
 * to 3); core's contract, like PyTorch, gives NaN priority: a window holding a NaN pools to NaN.
 * Padding never wins (a window's real elements only); a window all in padding gives -Infinity, as
 * -Infinity padding does in the reference.
 */
export function maxPoolHost(
  x: tf.Tensor,
  kernel: readonly [number, number],
  strides: readonly [number, number],
  pads: readonly [number, number, number, number],
  yShape: readonly number[],
): tf.Tensor {
  const [n, c, h, w] = x.shape;
  const [, , ho, wo] = yShape;
  const [kh, kw] = kernel;
  const [sh, sw] = strides;
  const [pt, , pl] = pads;
  const xv = hostValues(x);
  const y = new Float32Array(n * c * ho * wo);
  const plane = h * w;
  let out = 0;
  for (let p = 0; p < n * c; p++) {
    const base = p * plane;
    for (let oy = 0; oy < ho; oy++) {
      const y0 = oy * sh - pt;
      const iy0 = max(y0, 0);
      const iy1 = min(y0 + kh, h);
      for (let ox = 0; ox < wo; ox++) {
        const x0 = ox * sw - pl;
        const ix0 = max(x0, 0);
        const ix1 = min(x0 + kw, w);
        let best = NEG_INFINITY;
        // `!(v <= best)` is true for a larger v and for NaN; once best is NaN nothing replaces it.
        for (let iy = iy0; iy < iy1 && !isNaNValue(best); iy++) {
          const row = base + iy * w;
          for (let ix = ix0; ix < ix1; ix++) {
            const v = xv[row + ix];
            if (!(v <= best)) {
              best = v;
              if (isNaNValue(v)) break;
            }
          }
        }
        y[out++] = best;
      }
    }
  }
  return tf.tensor(y, [n, c, ho, wo], 'float32');
}

/** Whether any value is NaN: one pass, far cheaper than a pooled NaN mask on tfjs-wasm. */
export function hasNaN(x: tf.Tensor): boolean {
  const xv = hostValues(x);
  for (let i = 0; i < xv.length; i++) if (isNaNValue(xv[i])) return true;
  return false;
}
