import { convGeometry, expectShape } from '../conv-geometry.js';
import type { ReferenceKernel } from '../reference-kernel.js';

/** dx = transposed convolution of dy with w: every dy element scatters w times itself onto its window. */
export const Conv2DBackpropInput: ReferenceKernel<'Conv2DBackpropInput'> = (
  { dy, w },
  { xShape, strides, pads },
  store,
) => {
  const dyv = store.getFloat(dy, 'Conv2DBackpropInput', 'dy');
  const wv = store.getFloat(w, 'Conv2DBackpropInput', 'w');
  const g = convGeometry('Conv2DBackpropInput', xShape, w.shape, strides, pads);
  expectShape('Conv2DBackpropInput', 'dy', dy.shape, [g.n, g.o, g.ho, g.wo]);
  const acc = new Float64Array(g.n * g.c * g.h * g.w);
  for (let n = 0; n < g.n; n++) {
    for (let o = 0; o < g.o; o++) {
      for (let oy = 0; oy < g.ho; oy++) {
        for (let ox = 0; ox < g.wo; ox++) {
          const d = dyv[((n * g.o + o) * g.ho + oy) * g.wo + ox];
          if (d === 0) continue;
          for (let c = 0; c < g.c; c++) {
            const xBase = (n * g.c + c) * g.h;
            const wBase = (o * g.c + c) * g.kh;
            for (let ky = 0; ky < g.kh; ky++) {
              const iy = oy * g.strideH - g.padTop + ky;
              if (iy < 0 || iy >= g.h) continue;
              for (let kx = 0; kx < g.kw; kx++) {
                const ix = ox * g.strideW - g.padLeft + kx;
                if (ix < 0 || ix >= g.w) continue;
                acc[(xBase + iy) * g.w + ix] += d * wv[(wBase + ky) * g.kw + kx];
              }
            }
          }
        }
      }
    }
  }
  return store.output(Float32Array.from(acc), xShape, 'float32');
};
