import { convGeometry, convTaps, forEachConvWindow } from '../conv-geometry.js';
import type { ReferenceKernel } from '../reference-kernel.js';

/** dx = transposed convolution of dy with w: every dy element scatters w times itself onto its window. */
export const Conv2DBackpropInput: ReferenceKernel<'Conv2DBackpropInput'> = (
  { dy, w },
  { xShape, strides, pads },
  store,
) => {
  const dyv = store.getFloat(dy);
  const wv = store.getFloat(w);
  const g = convGeometry(xShape, w.shape, strides, pads);
  const taps = convTaps(g);
  const acc = new Float64Array(g.n * g.c * g.h * g.w);
  forEachConvWindow(g, taps, (i, xBase, wBase, from, to) => {
    const d = dyv[i];
    if (d === 0) return;
    for (let t = from; t < to; t++) acc[xBase + taps.x[t]] += d * wv[wBase + taps.w[t]];
  });
  return store.output(Float32Array.from(acc), xShape, 'float32');
};
