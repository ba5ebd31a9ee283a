import { convGeometry, convTaps, forEachConvWindow } from '../conv-geometry.js';
import type { ReferenceKernel } from '../reference-kernel.js';

/** Direct convolution (cross-correlation, as PyTorch): x [N, C, H, W] * w [O, C, kh, kw], no bias. */
export const Conv2D: ReferenceKernel<'Conv2D'> = ({ x, w }, { strides, pads }, store) => {
  const xv = store.getFloat(x);
  const wv = store.getFloat(w);
  const g = convGeometry(x.shape, w.shape, strides, pads);
  const taps = convTaps(g);
  const out = new Float32Array(g.n * g.o * g.ho * g.wo);
  forEachConvWindow(g, taps, (i, xBase, wBase, from, to) => {
    let sum = 0;
    for (let t = from; t < to; t++) sum += xv[xBase + taps.x[t]] * wv[wBase + taps.w[t]];
    out[i] = sum;
  });
  return store.output(out, [g.n, g.o, g.ho, g.wo], 'float32');
};
