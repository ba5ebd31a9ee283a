import { elementwiseMain, header, type Program } from '../program.js';

/*
 * Max pooling over NCHW planes. `window_argmax` finds the first (row-major) maximum of an output's
 * window as a flat index within its plane, -1 when the window lies entirely in the padding; padding
 * counts as -Infinity and NaN wins, as in core's reference. MaxPool reads through it and MaxPoolGrad
 * gathers through it, so both agree on ties.
 * Uniform words: 0 size, 1 unused, 2 H, 3 W, 4 Ho, 5 Wo, 6 kh, 7 kw, 8 sh, 9 sw, 10 pt, 11 pl.
 */
export const POOL_WORDS = 12;

const WINDOW_ARGMAX = `
fn window_argmax(plane: u32, oy: u32, ox: u32) -> i32 {
  let H = pu(2u); let W = pu(3u);
  var best = -1;
  var bestValue = 0.0;
  for (var ky = 0u; ky < pu(6u); ky++) {
    let iy = i32(oy * pu(8u) + ky) - i32(pu(10u));
    if (iy < 0 || iy >= i32(H)) { continue; }
    for (var kx = 0u; kx < pu(7u); kx++) {
      let ix = i32(ox * pu(9u) + kx) - i32(pu(11u));
      if (ix < 0 || ix >= i32(W)) { continue; }
      let at = u32(iy) * W + u32(ix);
      let v = x[plane * H * W + at];
      if (best == -1 || v > bestValue || (is_nan(v) && !is_nan(bestValue))) {
        best = i32(at);
        bestValue = v;
      }
    }
  }
  return best;
}`;

export const MAX_POOL_PROGRAM: Program = {
  key: 'MaxPool:float32',
  numInputs: 1,
  numOutputs: 1,
  uniformWords: POOL_WORDS,
  build: () => `${header([{ name: 'x', type: 'f32' }], [{ name: 'out', type: 'f32' }], POOL_WORDS)}
${WINDOW_ARGMAX}
${elementwiseMain(`  if (idx >= pu(0u)) { return; }
  let Ho = pu(4u); let Wo = pu(5u);
  let plane = idx / (Ho * Wo);
  let best = window_argmax(plane, (idx / Wo) % Ho, idx % Wo);
  var v = -inf_f32();
  if (best >= 0) { v = x[plane * pu(2u) * pu(3u) + u32(best)]; }
  out[idx] = v;`)}`,
};

/** One thread per dx element: sums dy over the windows covering it whose first maximum it is. */
export const MAX_POOL_GRAD_PROGRAM: Program = {
  key: 'MaxPoolGrad:float32',
  numInputs: 2,
  numOutputs: 1,
  uniformWords: POOL_WORDS,
  build: () => `${header(
    [
      { name: 'dy', type: 'f32' },
      { name: 'x', type: 'f32' },
    ],
    [{ name: 'out', type: 'f32' }],
    POOL_WORDS,
  )}
${WINDOW_ARGMAX}
${elementwiseMain(`  if (idx >= pu(0u)) { return; }
  let H = pu(2u); let W = pu(3u); let Ho = pu(4u); let Wo = pu(5u);
  let kh = i32(pu(6u)); let kw = i32(pu(7u)); let sh = i32(pu(8u)); let sw = i32(pu(9u));
  let pt = i32(pu(10u)); let pl = i32(pu(11u));
  let plane = idx / (H * W);
  let at = idx % (H * W);
  let h = i32(at / W);
  let w = i32(at % W);
  // Windows oy with oy*sh - pt <= h < oy*sh - pt + kh.
  let oyLo = max(0, (h + pt - kh + sh) / sh);
  let oyHi = min(i32(Ho) - 1, (h + pt) / sh);
  let oxLo = max(0, (w + pl - kw + sw) / sw);
  let oxHi = min(i32(Wo) - 1, (w + pl) / sw);
  var acc = 0.0;
  for (var oy = oyLo; oy <= oyHi; oy++) {
    for (var ox = oxLo; ox <= oxHi; ox++) {
      if (window_argmax(plane, u32(oy), u32(ox)) == i32(at)) {
        acc += dy[(plane * Ho + u32(oy)) * Wo + u32(ox)];
      }
    }
  }
  out[idx] = acc;`)}`,
};
