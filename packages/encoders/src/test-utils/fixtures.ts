import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/* The Norse/snnTorch/SpikingJelly fixtures in ../shared/reference (next to the repository). */

const here = dirname(fileURLToPath(import.meta.url));
const REFERENCE_DIR = resolve(here, '../../../../../shared/reference');

export type Nested = number | Nested[];

export function loadFixture(name: string): {
  params: Record<string, unknown>;
  inputs: Record<string, Nested>;
  outputs: Record<string, Nested>;
} {
  return JSON.parse(readFileSync(resolve(REFERENCE_DIR, `${name}.json`), 'utf8'));
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
