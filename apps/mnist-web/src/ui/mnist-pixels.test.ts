import { SIZE, toMnistPixels } from './mnist-pixels.js';

function canvas(width: number, height: number, paint: (x: number, y: number) => boolean): Uint8Array {
  const ink = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) if (paint(x, y)) ink[y * width + x] = 255;
  return ink;
}

function stats(img: Uint8Array) {
  let mass = 0;
  let cx = 0;
  let cy = 0;
  let top = SIZE;
  let bottom = -1;
  let left = SIZE;
  let right = -1;
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      const v = img[y * SIZE + x];
      if (v === 0) continue;
      mass += v;
      cx += v * (x + 0.5);
      cy += v * (y + 0.5);
      top = Math.min(top, y);
      bottom = Math.max(bottom, y);
      left = Math.min(left, x);
      right = Math.max(right, x);
    }
  }
  return { cx: cx / mass, cy: cy / mass, height: bottom - top + 1, width: right - left + 1 };
}

describe('toMnistPixels (a drawing as MNIST presents digits)', () => {
  it('returns undefined for an empty drawing', () => {
    expect(toMnistPixels(new Uint8Array(280 * 280), 280, 280)).toBeUndefined();
  });

  it('scales a small off-centre stroke to a 20-pixel box with its centre of mass at the centre', () => {
    // a vertical bar 8 px wide and 60 px tall in the top-left corner of a 280x280 canvas
    const img = toMnistPixels(
      canvas(280, 280, (x, y) => x >= 10 && x < 18 && y >= 5 && y < 65),
      280,
      280,
    )!;
    const s = stats(img);
    expect(s.height).toBe(20);
    expect(s.width).toBeLessThanOrEqual(4);
    expect(Math.abs(s.cx - 14)).toBeLessThanOrEqual(0.75);
    expect(Math.abs(s.cy - 14)).toBeLessThanOrEqual(0.75);
  });

  it('keeps the aspect ratio of a wide shape', () => {
    const img = toMnistPixels(
      canvas(280, 280, (x, y) => x >= 100 && x < 250 && y >= 200 && y < 233),
      280,
      280,
    )!;
    const s = stats(img);
    expect(s.width).toBe(20);
    expect(s.height).toBeGreaterThanOrEqual(4);
    expect(s.height).toBeLessThanOrEqual(6);
  });

  it('averages areas: a disc comes out round, full inside and grey where its edge crosses a pixel', () => {
    const img = toMnistPixels(
      canvas(280, 280, (x, y) => (x - 140) ** 2 + (y - 120) ** 2 <= 70 ** 2),
      280,
      280,
    )!;
    const s = stats(img);
    expect([s.width, s.height]).toEqual([20, 20]);
    expect(img[14 * 28 + 14]).toBe(255);
    const greys = Array.from(img).filter((v) => v > 0 && v < 255);
    expect(greys.length).toBeGreaterThan(10);
  });
});
