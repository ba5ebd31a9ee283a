/*
 * A drawing as MNIST presents digits (LeCun et al.): the ink's bounding box scaled to fit 20x20
 * (aspect kept, grey levels from area averaging), placed in a 28x28 image so that its centre of mass
 * sits at the centre. Without this a digit drawn small or off-centre is a different input.
 */

export const SIZE = 28;
const BOX = 20;

/** `ink` holds one value per pixel (0 background .. 255 full ink), row-major, `width` x `height`. */
export function toMnistPixels(ink: ArrayLike<number>, width: number, height: number): Uint8Array | undefined {
  let top = height;
  let bottom = -1;
  let left = width;
  let right = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (ink[y * width + x] > 0) {
        top = Math.min(top, y);
        bottom = Math.max(bottom, y);
        left = Math.min(left, x);
        right = Math.max(right, x);
      }
    }
  }
  if (bottom < 0) return undefined;
  const boxW = right - left + 1;
  const boxH = bottom - top + 1;
  const scale = BOX / Math.max(boxW, boxH);
  const w = Math.max(1, Math.round(boxW * scale));
  const h = Math.max(1, Math.round(boxH * scale));
  const small = areaResample(ink, width, left, top, boxW, boxH, w, h);
  // Centre of mass of the scaled digit, then the offset that puts it at (14, 14).
  let mass = 0;
  let cx = 0;
  let cy = 0;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const v = small[y * w + x];
      mass += v;
      cx += v * x;
      cy += v * y;
    }
  }
  const ox = Math.round(SIZE / 2 - (cx / mass + 0.5));
  const oy = Math.round(SIZE / 2 - (cy / mass + 0.5));
  const out = new Uint8Array(SIZE * SIZE);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const tx = x + ox;
      const ty = y + oy;
      if (tx >= 0 && tx < SIZE && ty >= 0 && ty < SIZE) out[ty * SIZE + tx] = Math.round(small[y * w + x]);
    }
  }
  return out;
}

/** Box `(left, top, boxW, boxH)` of `src` resampled to `w` x `h` by averaging the area each output pixel covers. */
function areaResample(
  src: ArrayLike<number>,
  srcWidth: number,
  left: number,
  top: number,
  boxW: number,
  boxH: number,
  w: number,
  h: number,
): Float32Array {
  const out = new Float32Array(w * h);
  const sx = boxW / w;
  const sy = boxH / h;
  for (let y = 0; y < h; y++) {
    const y0 = y * sy;
    const y1 = y0 + sy;
    for (let x = 0; x < w; x++) {
      const x0 = x * sx;
      const x1 = x0 + sx;
      let sum = 0;
      for (let yy = Math.floor(y0); yy < Math.ceil(y1); yy++) {
        const fy = Math.min(y1, yy + 1) - Math.max(y0, yy);
        for (let xx = Math.floor(x0); xx < Math.ceil(x1); xx++) {
          const fx = Math.min(x1, xx + 1) - Math.max(x0, xx);
          sum += fx * fy * src[(top + yy) * srcWidth + left + xx];
        }
      }
      out[y * w + x] = sum / (sx * sy);
    }
  }
  return out;
}
