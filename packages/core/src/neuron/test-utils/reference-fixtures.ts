import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/*
 * Loads the fixtures computed with Norse, snnTorch and SpikingJelly (../shared/reference, next to the
 * repository), and the README's comparison: |a - b| <= 1e-4 * max|b| + 1e-6, spikes exactly.
 */

const here = dirname(fileURLToPath(import.meta.url));
export const REFERENCE_DIR = resolve(here, '../../../../../../shared/reference');

export type Nested = number | Nested[];

export interface Fixture {
  name: string;
  library: string;
  description: string;
  params: Record<string, unknown>;
  inputs: Record<string, Nested>;
  outputs: Record<string, Nested>;
}

export function loadFixture(name: string): Fixture {
  return JSON.parse(readFileSync(resolve(REFERENCE_DIR, `${name}.json`), 'utf8')) as Fixture;
}

export function flat(v: Nested): number[] {
  return Array.isArray(v) ? v.flatMap(flat) : [v];
}

export function shapeOf(v: Nested): number[] {
  const s: number[] = [];
  let cur: Nested = v;
  while (Array.isArray(cur)) {
    s.push(cur.length);
    cur = cur[0];
  }
  return s;
}

/** max |a - b| / (max|b|) style error; throws (test failure) past the README's tolerance. */
export function expectClose(
  actual: ArrayLike<number>,
  expected: Nested | number[],
  what: string,
  rtol = 1e-4,
): number {
  const b = Array.isArray(expected) ? flat(expected as Nested) : [expected];
  if (actual.length !== b.length) throw new Error(`${what}: ${actual.length} values, expected ${b.length}`);
  let scale = 0;
  for (const v of b) scale = Math.max(scale, Math.abs(v));
  const tol = rtol * scale + 1e-6;
  let worst = 0;
  let at = -1;
  for (let k = 0; k < b.length; k++) {
    const e = Math.abs(actual[k] - b[k]);
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

/** Error relative to max|expected| with no absolute floor: for tiny gradients (the README's +1e-6 would hide them). */
export function expectRelative(
  actual: ArrayLike<number>,
  expected: Nested,
  what: string,
  rtol = 1e-4,
): number {
  const b = flat(expected);
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
export function expectSpikes(actual: ArrayLike<number>, expected: Nested, what: string): void {
  const b = flat(expected);
  if (actual.length !== b.length) throw new Error(`${what}: ${actual.length} values, expected ${b.length}`);
  for (let k = 0; k < b.length; k++) {
    if (actual[k] !== b[k]) throw new Error(`${what}: spike ${k} is ${actual[k]}, expected ${b[k]}`);
  }
}
