import { conv2dShape } from '../../kernels/shape-utils.js';

/** Sizes of one Conv2D problem (NCHW input, OIHW weights), with pads [top, bottom, left, right]. */
export interface ConvGeometry {
  n: number;
  c: number;
  h: number;
  w: number;
  o: number;
  kh: number;
  kw: number;
  ho: number;
  wo: number;
  strideH: number;
  strideW: number;
  padTop: number;
  padLeft: number;
}

export function convGeometry(
  xShape: readonly number[],
  wShape: readonly number[],
  strides: readonly [number, number],
  pads: readonly [number, number, number, number],
): ConvGeometry {
  const [n, o, ho, wo] = conv2dShape(xShape, wShape, strides, pads);
  return {
    n,
    c: xShape[1],
    h: xShape[2],
    w: xShape[3],
    o,
    kh: wShape[2],
    kw: wShape[3],
    ho,
    wo,
    strideH: strides[0],
    strideW: strides[1],
    padTop: pads[0],
    padLeft: pads[2],
  };
}

/**
 * The in-bounds window elements ("taps") of every output position (oy, ox), in the summation order
 * of a direct loop: channel, then window row, then column. Tap t of position p = oy * wo + ox, for
 * start[p] <= t < start[p + 1], pairs x offset x[t] within one sample [C, H, W] with w offset w[t]
 * within one filter [C, kh, kw]; padding taps are left out.
 */
export interface ConvTaps {
  x: Int32Array;
  w: Int32Array;
  start: Int32Array;
}

export function convTaps(g: ConvGeometry): ConvTaps {
  const positions = g.ho * g.wo;
  const start = new Int32Array(positions + 1);
  const xs: number[] = [];
  const ws: number[] = [];
  for (let oy = 0; oy < g.ho; oy++) {
    for (let ox = 0; ox < g.wo; ox++) {
      for (let c = 0; c < g.c; c++) {
        for (let ky = 0; ky < g.kh; ky++) {
          const iy = oy * g.strideH - g.padTop + ky;
          if (iy < 0 || iy >= g.h) continue;
          for (let kx = 0; kx < g.kw; kx++) {
            const ix = ox * g.strideW - g.padLeft + kx;
            if (ix < 0 || ix >= g.w) continue;
            xs.push((c * g.h + iy) * g.w + ix);
            ws.push((c * g.kh + ky) * g.kw + kx);
          }
        }
      }
      start[oy * g.wo + ox + 1] = xs.length;
    }
  }
  return { x: Int32Array.from(xs), w: Int32Array.from(ws), start };
}

/**
 * Visits every output element (n, o, oy, ox) of a conv in NCHW order: `out` is its flat index,
 * `xBase`/`wBase` the offsets of sample n in x and filter o in w, and taps from..to-1 of `taps` its
 * window (x[xBase + taps.x[t]] meets w[wBase + taps.w[t]]).
 */
export function forEachConvWindow(
  g: ConvGeometry,
  taps: ConvTaps,
  visit: (out: number, xBase: number, wBase: number, from: number, to: number) => void,
): void {
  const positions = g.ho * g.wo;
  let out = 0;
  for (let n = 0; n < g.n; n++) {
    const xBase = n * g.c * g.h * g.w;
    for (let o = 0; o < g.o; o++) {
      const wBase = o * g.c * g.kh * g.kw;
      for (let p = 0; p < positions; p++, out++) visit(out, xBase, wBase, taps.start[p], taps.start[p + 1]);
    }
  }
}
