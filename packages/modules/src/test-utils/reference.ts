import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The shared reference fixtures directory (../shared/reference from the repo root). */
export const REFERENCE_DIR = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '../../../../../shared/reference',
);

export interface ReferenceCase {
  name: string;
  library: string;
  description: string;
  params: Record<string, unknown>;
  inputs: Record<string, unknown>;
  outputs: Record<string, unknown>;
}

export function loadReference(file: string): ReferenceCase {
  return JSON.parse(readFileSync(resolve(REFERENCE_DIR, file), 'utf8')) as ReferenceCase;
}

export type Nested = number | Nested[];

export function flat(x: unknown): number[] {
  return Array.isArray(x) ? x.flatMap(flat) : [x as number];
}

export function shapeOf(x: unknown): number[] {
  const s: number[] = [];
  let cur = x;
  while (Array.isArray(cur)) {
    s.push(cur.length);
    cur = cur[0];
  }
  return s;
}

/** |a-b| <= rtol*max|b| + atol, the reference README's float32 tolerance; returns the worst excess. */
export function expectClose(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  rtol = 1e-4,
  atol = 1e-6,
): void {
  if (actual.length !== expected.length) {
    throw new Error(`length ${actual.length} != expected ${expected.length}`);
  }
  let maxAbs = 0;
  for (let i = 0; i < expected.length; i++) maxAbs = Math.max(maxAbs, Math.abs(expected[i]));
  const tol = rtol * maxAbs + atol;
  for (let i = 0; i < expected.length; i++) {
    const d = Math.abs(actual[i] - expected[i]);
    if (!(d <= tol)) {
      throw new Error(`element ${i}: got ${actual[i]}, expected ${expected[i]} (|diff| ${d} > tol ${tol})`);
    }
  }
}
