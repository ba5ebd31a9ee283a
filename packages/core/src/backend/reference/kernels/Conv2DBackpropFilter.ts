import { convGeometry, convTaps, forEachConvWindow } from '../conv-geometry.js';
import type { ReferenceKernel } from '../reference-kernel.js';

/** dw[o, c, ky, kx] = sum over n, oy, ox of dy[n, o, oy, ox] * x[n, c, oy*s - pad + ky, ox*s - pad + kx]. */
export const Conv2DBackpropFilter: ReferenceKernel<'Conv2DBackpropFilter'> = (
  { x, dy },
  { wShape, strides, pads },
  store,
) => {
  const xv = store.getFloat(x);
  const dyv = store.getFloat(dy);
  const g = convGeometry(x.shape, wShape, strides, pads);
  const taps = convTaps(g);
  const acc = new Float64Array(g.o * g.c * g.kh * g.kw);
  forEachConvWindow(g, taps, (i, xBase, wBase, from, to) => {
    const d = dyv[i];
    if (d === 0) return;
    for (let t = from; t < to; t++) acc[wBase + taps.w[t]] += d * xv[xBase + taps.x[t]];
  });
  return store.output(Float32Array.from(acc), wShape, 'float32');
};
