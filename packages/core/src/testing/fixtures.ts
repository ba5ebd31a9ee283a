import { tensor } from '../tensor/creation.js';
import type { Tensor } from '../tensor/tensor.js';
import type { DType } from '../tensor/tensor-info.js';

/*
 * Helpers for comparing against reference values computed with Norse, snnTorch and SpikingJelly
 * (float64), and the comparison those fixtures are held to: |a - b| <= 1e-4 * max|b| + 1e-6, spikes
 * exactly. The fixture files themselves are vendored in the repository's private
 * @snn/reference-fixtures package (tests read them from there); these functions take the arrays.
 */

/** A tensor as the fixtures store it: nested arrays, time first. */
export type Nested = number | Nested[];

/** Row-major values of a nested array. */
export function flat(v: Nested): number[] {
  return Array.isArray(v) ? v.flatMap(flat) : [v];
}

/** Shape of a nested array (a number is a scalar, shape []). */
export function shapeOf(v: Nested): number[] {
  const s: number[] = [];
  let cur: Nested = v;
  while (Array.isArray(cur)) {
    s.push(cur.length);
    cur = cur[0];
  }
  return s;
}

/** A fixture array as a tensor of the same shape. */
export function fixtureTensor(v: Nested, dtype: DType = 'float32'): Tensor {
  return tensor(flat(v), shapeOf(v), dtype);
}

function values(v: ArrayLike<number> | Nested): ArrayLike<number> {
  if (typeof v === 'number') return [v];
  return Array.isArray(v) ? flat(v as Nested) : v;
}

/**
 * The README's comparison, |a - b| <= rtol * max|b| + atol over the whole array; throws (a test
 * failure naming `what`, the worst element and the tolerance) past it. Returns the worst |a - b|.
 */
export function expectClose(
  actual: ArrayLike<number>,
  expected: ArrayLike<number> | Nested,
  what = 'values',
  rtol = 1e-4,
  atol = 1e-6,
): number {
  const b = values(expected);
  if (actual.length !== b.length) throw new Error(`${what}: ${actual.length} values, expected ${b.length}`);
  let scale = 0;
  for (let k = 0; k < b.length; k++) scale = Math.max(scale, Math.abs(b[k]));
  const tol = rtol * scale + atol;
  let worst = 0;
  let at = -1;
  for (let k = 0; k < b.length; k++) {
    const e = Math.abs(actual[k] - b[k]);
    // `!(e <= worst)` also catches NaN, which must fail.
    if (!(e <= worst)) {
      worst = e;
      at = k;
    }
  }
  if (!(worst <= tol)) {
    throw new Error(
      `${what}: max error ${worst} at flat index ${at} (got ${actual[at]}, want ${b[at]}) > tolerance ${tol}`,
    );
  }
  return worst;
}

/**
 * Error relative to max|expected| with no absolute floor, for tiny gradients (the README's +1e-6
 * would hide them). Returns the relative error.
 */
export function expectRelative(
  actual: ArrayLike<number>,
  expected: ArrayLike<number> | Nested,
  what: string,
  rtol = 1e-4,
): number {
  const b = values(expected);
  if (actual.length !== b.length) throw new Error(`${what}: ${actual.length} values, expected ${b.length}`);
  let scale = 0;
  let worst = 0;
  for (let k = 0; k < b.length; k++) {
    scale = Math.max(scale, Math.abs(b[k]));
    worst = Math.max(worst, Math.abs(actual[k] - b[k]));
  }
  const rel = worst / scale;
  if (!(scale > 0) || !(rel <= rtol))
    throw new Error(`${what}: relative error ${rel} > ${rtol} (max|want| = ${scale})`);
  return rel;
}

/** Spikes must match exactly. */
export function expectSpikes(
  actual: ArrayLike<number>,
  expected: ArrayLike<number> | Nested,
  what: string,
): void {
  const b = values(expected);
  if (actual.length !== b.length) throw new Error(`${what}: ${actual.length} values, expected ${b.length}`);
  for (let k = 0; k < b.length; k++) {
    if (actual[k] !== b[k]) throw new Error(`${what}: spike ${k} is ${actual[k]}, expected ${b[k]}`);
  }
}
