import { ENGINE } from '../../engine/engine.js';
import type { Tensor } from '../../tensor/tensor.js';
import { add } from '../binary.js';
import { pad, slice } from '../movement.js';

/*
 * Window helpers shared by the convolution and pooling decompositions. Only required kernels are
 * used (Pad, Slice, reshape), so they run on every backend. A strided window offset is taken by
 * slicing a block of stride*out rows and keeping every stride-th one through a reshape.
 */

export interface WindowGeometry {
  readonly n: number;
  readonly c: number;
  readonly h: number;
  readonly w: number;
  readonly kh: number;
  readonly kw: number;
  readonly sh: number;
  readonly sw: number;
  readonly pads: readonly [number, number, number, number];
  readonly ho: number;
  readonly wo: number;
}

/** Height/width of the padded canvas: the input plus padding, extended so every strided block fits. */
function canvas(g: WindowGeometry): [number, number] {
  const hp = g.h + g.pads[0] + g.pads[1];
  const wp = g.w + g.pads[2] + g.pads[3];
  return [Math.max(hp, g.kh - 1 + g.sh * g.ho), Math.max(wp, g.kw - 1 + g.sw * g.wo)];
}

/**
 * The kh*kw shifted views of x [N, C, H, W] (row-major window order), each [N, C, Ho, Wo]:
 * view (i, j) holds x_padded[:, :, i + sh*r, j + sw*s]. Padding takes `padValue`.
 */
export function windowViews(x: Tensor, g: WindowGeometry, padValue: number): Tensor[] {
  const [hc, wc] = canvas(g);
  const xp = pad(
    x,
    [
      [0, 0],
      [0, 0],
      [g.pads[0], hc - g.h - g.pads[0]],
      [g.pads[2], wc - g.w - g.pads[2]],
    ],
    padValue,
  );
  const views: Tensor[] = [];
  for (let i = 0; i < g.kh; i++) {
    for (let j = 0; j < g.kw; j++) {
      let v = slice(xp, [0, 0, i, j], [g.n, g.c, g.sh * g.ho, g.sw * g.wo]);
      if (g.sh > 1 || g.sw > 1) {
        v = v.reshape([g.n, g.c, g.ho, g.sh, g.wo, g.sw]);
        v = slice(v, [0, 0, 0, 0, 0, 0], [g.n, g.c, g.ho, 1, g.wo, 1]);
      }
      views.push(v.reshape([g.n, g.c, g.ho, g.wo]));
    }
  }
  return views;
}

/**
 * The adjoint of windowViews: adds each [N, C, Ho, Wo] piece back at its window offset and returns
 * the [N, C, H, W] sum (padding dropped).
 */
export function scatterViews(pieces: readonly Tensor[], g: WindowGeometry): Tensor {
  const [hc, wc] = canvas(g);
  let total: Tensor | undefined;
  pieces.forEach((piece, k) => {
    const i = Math.floor(k / g.kw);
    const j = k % g.kw;
    let p = piece;
    if (g.sh > 1 || g.sw > 1) {
      // Spread rows/cols apart by the stride (zeros between), the inverse of the strided slice.
      p = pad(p.reshape([g.n, g.c, g.ho, 1, g.wo, 1]), [
        [0, 0],
        [0, 0],
        [0, 0],
        [0, g.sh - 1],
        [0, 0],
        [0, g.sw - 1],
      ]).reshape([g.n, g.c, g.ho * g.sh, g.wo * g.sw]);
    }
    const placed = pad(p, [
      [0, 0],
      [0, 0],
      [i, hc - i - g.sh * g.ho],
      [j, wc - j - g.sw * g.wo],
    ]);
    total = total === undefined ? placed : add(total, placed);
  });
  return slice(total!, [0, 0, g.pads[0], g.pads[2]], [g.n, g.c, g.h, g.w]);
}

/** im2col: x [N, C, H, W] -> columns [N, C*kh*kw, Ho*Wo] (channel-major, then window row-major). */
export function im2col(x: Tensor, g: WindowGeometry): Tensor {
  const views = windowViews(x, g, 0).map((v) => v.reshape([g.n, g.c, 1, g.ho * g.wo]));
  const cols = views.length === 1 ? views[0] : ENGINE.runKernel('Concat', { xs: views }, { axis: 2 });
  return cols.reshape([g.n, g.c * g.kh * g.kw, g.ho * g.wo]);
}
