import { elementwiseMain, header, type Program } from '../program.js';

/*
 * Direct convolutions, one thread per output element, NCHW / OIHW. Uniform words (shared by all three
 * programs): 0 size, 1 N, 2 C, 3 H, 4 W, 5 O, 6 kh, 7 kw, 8 Ho, 9 Wo, 10 sh, 11 sw, 12 pt, 13 pl.
 */
export const CONV_WORDS = 16;

const DIMS = `  let N = pu(1u); let C = pu(2u); let H = pu(3u); let W = pu(4u); let O = pu(5u);
  let kh = pu(6u); let kw = pu(7u); let Ho = pu(8u); let Wo = pu(9u);
  let sh = pu(10u); let sw = pu(11u); let pt = i32(pu(12u)); let pl = i32(pu(13u));`;

function conv(key: string, inNames: [string, string], body: string): Program {
  return {
    key,
    numInputs: 2,
    numOutputs: 1,
    uniformWords: CONV_WORDS,
    build: () => `${header(
      inNames.map((name) => ({ name, type: 'f32' as const })),
      [{ name: 'out', type: 'f32' }],
      CONV_WORDS,
    )}
${elementwiseMain(`  if (idx >= pu(0u)) { return; }
${DIMS}
${body}`)}`,
  };
}

/** out[n, o, oy, ox] = sum over c, ky, kx of x[n, c, oy*sh - pt + ky, ox*sw - pl + kx] * w[o, c, ky, kx]. */
export const CONV2D_PROGRAM = conv(
  'Conv2D:float32',
  ['x', 'w'],
  `  let ox = idx % Wo; let oy = (idx / Wo) % Ho; let o = (idx / (Wo * Ho)) % O; let n = idx / (Wo * Ho * O);
  var acc = 0.0;
  for (var c = 0u; c < C; c++) {
    for (var ky = 0u; ky < kh; ky++) {
      let iy = i32(oy * sh + ky) - pt;
      if (iy < 0 || iy >= i32(H)) { continue; }
      for (var kx = 0u; kx < kw; kx++) {
        let ix = i32(ox * sw + kx) - pl;
        if (ix < 0 || ix >= i32(W)) { continue; }
        acc += x[((n * C + c) * H + u32(iy)) * W + u32(ix)] * w[((o * C + c) * kh + ky) * kw + kx];
      }
    }
  }
  out[idx] = acc;`,
);

/** dx[n, c, h, w] = sum of dy[n, o, oy, ox] * w[o, c, ky, kx] over the outputs whose window covers (h, w). */
export const CONV2D_BACKPROP_INPUT_PROGRAM = conv(
  'Conv2DBackpropInput:float32',
  ['dy', 'w'],
  `  let xw = idx % W; let xh = (idx / W) % H; let c = (idx / (W * H)) % C; let n = idx / (W * H * C);
  var acc = 0.0;
  for (var o = 0u; o < O; o++) {
    for (var ky = 0u; ky < kh; ky++) {
      let ty = i32(xh) + pt - i32(ky);
      if (ty < 0 || (ty % i32(sh)) != 0) { continue; }
      let oy = u32(ty) / sh;
      if (oy >= Ho) { continue; }
      for (var kx = 0u; kx < kw; kx++) {
        let tx = i32(xw) + pl - i32(kx);
        if (tx < 0 || (tx % i32(sw)) != 0) { continue; }
        let ox = u32(tx) / sw;
        if (ox >= Wo) { continue; }
        acc += dy[((n * O + o) * Ho + oy) * Wo + ox] * w[((o * C + c) * kh + ky) * kw + kx];
      }
    }
  }
  out[idx] = acc;`,
);

/** dw[o, c, ky, kx] = sum over n, oy, ox of dy[n, o, oy, ox] * x[n, c, oy*sh - pt + ky, ox*sw - pl + kx]. */
export const CONV2D_BACKPROP_FILTER_PROGRAM = conv(
  'Conv2DBackpropFilter:float32',
  ['x', 'dy'],
  `  let kx = idx % kw; let ky = (idx / kw) % kh; let c = (idx / (kw * kh)) % C; let o = idx / (kw * kh * C);
  var acc = 0.0;
  for (var n = 0u; n < N; n++) {
    for (var oy = 0u; oy < Ho; oy++) {
      let iy = i32(oy * sh + ky) - pt;
      if (iy < 0 || iy >= i32(H)) { continue; }
      for (var ox = 0u; ox < Wo; ox++) {
        let ix = i32(ox * sw + kx) - pl;
        if (ix < 0 || ix >= i32(W)) { continue; }
        acc += dy[((n * O + o) * Ho + oy) * Wo + ox] * x[((n * C + c) * H + u32(iy)) * W + u32(ix)];
      }
    }
  }
  out[idx] = acc;`,
);
