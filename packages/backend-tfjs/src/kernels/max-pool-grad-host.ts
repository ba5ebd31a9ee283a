import * as tf from '@tensorflow/tfjs-core';

/*
 * MaxPoolGrad as one host loop over the values, for tfjs-wasm: its own MaxPoolGrad (4.22) drops the
 * gradient of every window below the first row of windows, and core's decomposition spends ~90% of a
 * ConvNet step in strided slices. tfjs-wasm keeps tensors in its CPU-side heap, so reading x and dy
 * is a view (BackendWasm's typedArrayFromHeap) and the loop is one pass over x plus one upload.
 * Semantics are core's reference kernel's (poolArgmax): each dy goes to the first row-major maximum of
 * its window's real elements (padding never wins; a window all in padding drops its dy), NaN wins,
 * overlapping windows accumulate (in float64, as the reference does).
 */

type HeapBackend = { typedArrayFromHeap(t: tf.TensorInfo): Float32Array };

/*
 * The builtins the pooling loops call, bound once here. Inside a vm context (jest's test environment)
 * every lookup of a global such as `Math` or `Number` goes through the context's interceptor: a loop
 * calling `Number.isNaN` per element ran 25-150x slower there than in plain Node (norse-conv at its
 * defaults took 150 s in a test against 40 s from the command line). A module binding costs nothing.
 */
export const { max, min } = Math;
export const { isNaN: isNaNValue, NEGATIVE_INFINITY: NEG_INFINITY } = Number;

/** The values of a float32 tensor without a copy where the backend allows it (wasm's heap view). */
export function hostValues(t: tf.Tensor): Float32Array {
  const backend = tf.backend() as unknown as Partial<HeapBackend>;
  if (typeof backend.typedArrayFromHeap === 'function') {
    return backend.typedArrayFromHeap({ dataId: t.dataId, shape: t.shape, dtype: t.dtype });
  }
  return t.dataSync() as Float32Array;
}

export function maxPoolGradHost(
  dy: tf.Tensor,
  x: tf.Tensor,
  kernel: readonly [number, number],
  strides: readonly [number, number],
  pads: readonly [number, number, number, number],
): tf.Tensor {
  const [n, c, h, w] = x.shape;
  const [, , ho, wo] = dy.shape;
  const [kh, kw] = kernel;
  const [sh, sw] = strides;
  const [pt, , pl] = pads;
  const xv = hostValues(x);
  const dyv = hostValues(dy);
  // Non-overlapping windows (stride >= kernel) each write distinct elements: accumulate in float32
  // directly, which equals the reference's float64 sum of a single term.
  const overlapping = sh < kh || sw < kw;
  const acc = overlapping ? new Float64Array(xv.length) : new Float32Array(xv.length);
  const plane = h * w;
  for (let p = 0; p < n * c; p++) {
    const base = p * plane;
    const dyBase = p * ho * wo;
    for (let oy = 0; oy < ho; oy++) {
      const y0 = oy * sh - pt;
      const iy0 = max(y0, 0);
      const iy1 = min(y0 + kh, h);
      for (let ox = 0; ox < wo; ox++) {
        const x0 = ox * sw - pl;
        const ix0 = max(x0, 0);
        const ix1 = min(x0 + kw, w);
        if (iy0 >= iy1 || ix0 >= ix1) continue; // all padding: no element receives this dy
        let best = base + iy0 * w + ix0;
        let bestValue = xv[best];
        for (let iy = iy0; iy < iy1; iy++) {
          const row = base + iy * w;
          for (let ix = iy === iy0 ? ix0 + 1 : ix0; ix < ix1; ix++) {
            const v = xv[row + ix];
            // NaN wins over any number; the first NaN keeps it.
            if (v > bestValue || (isNaNValue(v) && !isNaNValue(bestValue))) {
              best = row + ix;
              bestValue = v;
            }
          }
        }
        acc[best] += dyv[dyBase + oy * wo + ox];
      }
    }
  }
  const values = overlapping ? Float32Array.from(acc) : (acc as Float32Array);
  return tf.tensor(values, [n, c, h, w], 'float32');
}
