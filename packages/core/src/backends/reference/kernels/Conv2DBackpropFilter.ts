import { convGeometry, convTaps, expectShape, forEachConvWindow } from '../conv-geometry.js';
import type { ReferenceKernel } from '../reference-kernel.js';

/** dw[o, c, ky, kx] = sum over n, oy, ox of dy[n, o, oy, ox] * x[n, c, oy*s - pad + ky, ox*s - pad + kx]. */
export const Conv2DBackpropFilter: ReferenceKernel<'Conv2DBackpropFilter'> = (
  { x, dy },
  { wShape, strides, pads },
  store,
) => {
  const xv = store.getFloat(x, 'Conv2DBackpropFilter', 'x');
  const dyv = store.getFloat(dy, 'Conv2DBackpropFilter', 'dy');
  const g = convGeometry('Conv2DBackpropFilter', x.shape, wShape, strides, pads);
  expectShape('Conv2DBackpropFilter', 'dy', dy.shape, [g.n, g.o, g.ho, g.wo]);
  const taps = convTaps(g);
  const acc = new Float64Array(g.o * g.c * g.kh * g.kw);
  forEachConvWindow(g, taps, (i, xBase, wBase, from, to) => {
    const d = dyv[i];
    if (d === 0) return;
    for (let t = from; t < to; t++) acc[wBase + taps.w[t]] += d * xv[xBase + taps.x[t]];
  });
  return store.output(Float32Array.from(acc), wShape, 'float32');
};
