import { convGeometry } from '../conv-geometry.js';
import type { ReferenceKernel } from '../reference-kernel.js';

/** Direct convolution (cross-correlation, as PyTorch): x [N, C, H, W] * w [O, C, kh, kw], no bias. */
export const Conv2D: ReferenceKernel<'Conv2D'> = ({ x, w }, { strides, pads }, store) => {
  const xv = store.getFloat(x, 'Conv2D', 'x');
  const wv = store.getFloat(w, 'Conv2D', 'w');
  const g = convGeometry('Conv2D', x.shape, w.shape, strides, pads);
  const out = new Float32Array(g.n * g.o * g.ho * g.wo);
  for (let n = 0; n < g.n; n++) {
    for (let o = 0; o < g.o; o++) {
      for (let oy = 0; oy < g.ho; oy++) {
        for (let ox = 0; ox < g.wo; ox++) {
          let sum = 0;
          for (let c = 0; c < g.c; c++) {
            const xBase = (n * g.c + c) * g.h;
            const wBase = (o * g.c + c) * g.kh;
            for (let ky = 0; ky < g.kh; ky++) {
              const iy = oy * g.strideH - g.padTop + ky;
              if (iy < 0 || iy >= g.h) continue;
              for (let kx = 0; kx < g.kw; kx++) {
                const ix = ox * g.strideW - g.padLeft + kx;
                if (ix < 0 || ix >= g.w) continue;
                sum += xv[(xBase + iy) * g.w + ix] * wv[(wBase + ky) * g.kw + kx];
              }
            }
          }
          out[((n * g.o + o) * g.ho + oy) * g.wo + ox] = sum;
        }
      }
    }
  }
  return store.output(out, [g.n, g.o, g.ho, g.wo], 'float32');
};
