/*
 * Plain host-side helpers for writing expected values in conformance cases: naive loops over
 * coordinates, in float64, deliberately written independently of any backend.
 */

/** Deterministic pseudo-random values in [lo, hi) (a small LCG: reproducible test data, not a RNG spec). */
export function pseudoRandom(n: number, seed: number, lo = -1, hi = 1): number[] {
  let state = (seed * 2654435761 + 1) >>> 0;
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    // Round to 1/1024 so inputs are exact in float32 and the expected math starts from the same values.
    out.push(lo + Math.round(((state >>> 8) / 16777216) * (hi - lo) * 1024) / 1024);
  }
  return out;
}

/** 0, 1, ..., n-1 scaled and shifted. */
export function range(n: number, start = 0, step = 1): number[] {
  return Array.from({ length: n }, (_, i) => start + i * step);
}

export function product(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** Coordinates of flat index `i` in a row-major `shape`. */
export function coords(i: number, shape: readonly number[]): number[] {
  const out = new Array<number>(shape.length);
  for (let d = shape.length - 1; d >= 0; d--) {
    out[d] = i % shape[d];
    i = Math.floor(i / shape[d]);
  }
  return out;
}

/** Flat row-major index of `c` in `shape`. */
export function flat(c: readonly number[], shape: readonly number[]): number {
  let i = 0;
  for (let d = 0; d < shape.length; d++) i = i * shape[d] + c[d];
  return i;
}

/** NumPy broadcast of shapes (host version for expected values). */
export function broadcastShape(...shapes: (readonly number[])[]): number[] {
  const rank = Math.max(...shapes.map((s) => s.length));
  // A dim of 1 stretches to the other operand's dim, which may be 0 (NumPy: [0, 3] + [3] is [0, 3]).
  return Array.from({ length: rank }, (_, d) => {
    const dims = shapes.map((s) => s[s.length - rank + d] ?? 1).filter((x) => x !== 1);
    return dims.length > 0 ? dims[0] : 1;
  });
}

/** Reads element `outCoords` of a tensor of `shape` broadcast to a larger shape. */
export function broadcastRead(
  values: readonly number[],
  shape: readonly number[],
  outCoords: readonly number[],
) {
  const offset = outCoords.length - shape.length;
  return values[
    flat(
      shape.map((d, k) => (d === 1 ? 0 : outCoords[k + offset])),
      shape,
    )
  ];
}

/** Elementwise fn over broadcast operands: returns values and shape. */
export function broadcastMap(
  operands: { values: readonly number[]; shape: readonly number[] }[],
  fn: (...xs: number[]) => number,
): { values: number[]; shape: number[] } {
  const shape = broadcastShape(...operands.map((o) => o.shape));
  const values = range(product(shape)).map((i) => {
    const c = coords(i, shape);
    return fn(...operands.map((o) => broadcastRead(o.values, o.shape, c)));
  });
  return { values, shape };
}

/** Rounds to float32 (what a float32 store of a float64 result gives). */
export const f32 = (x: number) => Math.fround(x);
