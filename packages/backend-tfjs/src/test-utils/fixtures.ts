import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/* The Norse/snnTorch/SpikingJelly fixtures in ../shared/reference (next to the repository). */
export const REFERENCE_DIR = resolve(
  fileURLToPath(new URL('.', import.meta.url)),
  '../../../../../shared/reference',
);

export type Nested = number | Nested[];

export interface Fixture {
  params: Record<string, unknown>;
  inputs: Record<string, Nested>;
  outputs: Record<string, Nested>;
}

export function loadFixture(name: string): Fixture {
  return JSON.parse(readFileSync(resolve(REFERENCE_DIR, `${name}.json`), 'utf8')) as Fixture;
}

export const flat = (v: Nested): number[] => (Array.isArray(v) ? v.flatMap(flat) : [v]);

export function shapeOf(v: Nested): number[] {
  const s: number[] = [];
  let cur: Nested = v;
  while (Array.isArray(cur)) {
    s.push(cur.length);
    cur = cur[0];
  }
  return s;
}

/** The fixtures' README comparison: |a - b| <= rtol * max|b| + 1e-6; returns the worst error. */
export function expectFixtureClose(
  actual: ArrayLike<number>,
  expected: Nested,
  what: string,
  rtol = 1e-4,
): number {
  const b = flat(expected);
  if (actual.length !== b.length) throw new Error(`${what}: ${actual.length} values, expected ${b.length}`);
  const scale = b.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  let worst = 0;
  for (let k = 0; k < b.length; k++) worst = Math.max(worst, Math.abs(actual[k] - b[k]));
  if (!(worst <= rtol * scale + 1e-6))
    throw new Error(`${what}: max error ${worst} > ${rtol} * ${scale} + 1e-6`);
  return worst;
}
