import { convGeometry, expectShape } from '../conv-geometry.js';
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
  const acc = new Float64Array(g.o * g.c * g.kh * g.kw);
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
                acc[(wBase + ky) * g.kw + kx] += d * xv[(xBase + iy) * g.w + ix];
              }
            }
          }
        }
      }
    }
  }
  return store.output(Float32Array.from(acc), wShape, 'float32');
};
