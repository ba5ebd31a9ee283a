import { SnnError } from '../errors.js';
import { tensor } from '../tensor/creation.js';
import type { Tensor } from '../tensor/tensor.js';
import type { DType } from '../tensor/tensor-info.js';

/*
 * The reference fixtures computed with Norse, snnTorch and SpikingJelly (float64), vendored in the
 * repository's packages/reference-fixtures/fixtures (see that package's README), and the README's comparison:
 * |a - b| <= 1e-4 * max|b| + 1e-6, spikes exactly. Node only: the file system is reached through
 * process.getBuiltinModule inside the functions, because the browser smoke test imports this
 * module's index (@snn/core/testing) too and a static `node:fs` import would break it there.
 */

/** A tensor as the fixtures store it: nested arrays, time first. */
export type Nested = number | Nested[];

/** One fixture file: `{ name, library, description, params, inputs, outputs }`. */
export interface ReferenceFixture {
  name: string;
  library: string;
  description: string;
  params: Record<string, unknown>;
  inputs: Record<string, Nested>;
  outputs: Record<string, Nested>;
}

/** The environment variable that overrides where the fixtures are looked for. */
export const REFERENCE_DIR_ENV = 'SNN_REFERENCE_DIR';

function nodeModules() {
  const get = globalThis.process?.getBuiltinModule;
  if (typeof get !== 'function') {
    throw new SnnError('reference fixtures are read from the file system: they need Node 20.16 or later');
  }
  return { fs: get('node:fs'), path: get('node:path') };
}

/**
 * The fixture directory: $SNN_REFERENCE_DIR when set, else the repository's vendored copy
 * `packages/reference-fixtures/fixtures` (in the directory holding pnpm-workspace.yaml, found walking
 * up from process.cwd()), so a fresh clone's tests need nothing outside it.
 * Throws, naming every place it looked, when no such directory exists: a missing fixture must fail a
 * test, never skip it.
 */
export function referenceDir(): string {
  const { fs, path } = nodeModules();
  const fromEnv = process.env[REFERENCE_DIR_ENV];
  if (fromEnv) {
    const dir = path.resolve(fromEnv);
    if (!fs.existsSync(dir)) {
      throw new SnnError(`reference fixtures: $${REFERENCE_DIR_ENV} is ${dir}, which does not exist`);
    }
    return dir;
  }
  const looked: string[] = [];
  for (let dir = process.cwd(); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'pnpm-workspace.yaml'))) {
      const candidate = path.resolve(dir, 'packages', 'reference-fixtures', 'fixtures');
      if (fs.existsSync(candidate)) return candidate;
      looked.push(candidate);
    }
    if (path.dirname(dir) === dir) break;
  }
  throw new SnnError(
    `reference fixtures not found: looked for packages/reference-fixtures/fixtures in the repository above ${process.cwd()}` +
      (looked.length ? ` (${looked.join(', ')})` : ' (no pnpm-workspace.yaml found walking up)') +
      `; set $${REFERENCE_DIR_ENV} to the directory holding the fixture JSON files`,
  );
}

/** Reads `<referenceDir()>/<name>.json` (the `.json` may be given or left out). */
export function loadReferenceFixture(name: string): ReferenceFixture {
  const { fs, path } = nodeModules();
  const file = path.join(referenceDir(), name.endsWith('.json') ? name : `${name}.json`);
  if (!fs.existsSync(file)) throw new SnnError(`reference fixture ${file} does not exist`);
  return JSON.parse(fs.readFileSync(file, 'utf8')) as ReferenceFixture;
}

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
