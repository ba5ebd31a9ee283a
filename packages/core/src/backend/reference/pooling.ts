import { poolShape } from '../../kernels/shape-utils.js';

/**
 * For each output element of a max pooling over x [N, C, H, W], the flat index into x of its window's
 * first (row-major) maximum, or -1 when the window lies entirely in the padding. Padding counts as
 * -Infinity, so it never wins against a real element; NaN wins (propagates) as in PyTorch.
 * MaxPool reads through these indices and MaxPoolGrad scatters through them, so both agree on ties.
 */
export function poolArgmax(
  xv: Float32Array,
  xShape: readonly number[],
  kernel: readonly [number, number],
  strides: readonly [number, number],
  pads: readonly [number, number, number, number],
): { shape: [number, number, number, number]; argmax: Int32Array } {
  const shape = poolShape(xShape, kernel, strides, pads);
  const [n, c, ho, wo] = shape;
  const [h, w] = [xShape[2], xShape[3]];
  const argmax = new Int32Array(n * c * ho * wo);
  for (let p = 0; p < n * c; p++) {
    const base = p * h * w;
    for (let oy = 0; oy < ho; oy++) {
      for (let ox = 0; ox < wo; ox++) {
        let best = -1;
        let bestValue = Number.NEGATIVE_INFINITY;
        for (let ky = 0; ky < kernel[0]; ky++) {
          const iy = oy * strides[0] - pads[0] + ky;
          if (iy < 0 || iy >= h) continue;
          for (let kx = 0; kx < kernel[1]; kx++) {
            const ix = ox * strides[1] - pads[2] + kx;
            if (ix < 0 || ix >= w) continue;
            const v = xv[base + iy * w + ix];
            // `best === -1` admits the first real element even when it is -Infinity.
            if (best === -1 || v > bestValue || (Number.isNaN(v) && !Number.isNaN(bestValue))) {
              best = base + iy * w + ix;
              bestValue = v;
            }
          }
        }
        argmax[(p * ho + oy) * wo + ox] = best;
      }
    }
  }
  return { shape, argmax };
}
