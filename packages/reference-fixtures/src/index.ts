import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/*
 * The reference fixtures, vendored in this private package so that the tests of a fresh clone need
 * nothing outside the repository. Each file in `fixtures/` is one JSON case computed with Norse,
 * snnTorch or SpikingJelly in float64 (provenance in this package's README). Tests add this package
 * as a devDependency and read a case by name; nothing here is published.
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

/** The folder holding the fixture files (`fixtures/` of this package, from `src/` and `dist/` alike). */
export const FIXTURE_DIR = fileURLToPath(new URL('../fixtures/', import.meta.url));

/** Names of every vendored fixture (file names without `.json`), sorted. */
export function referenceFixtureNames(): string[] {
  return readdirSync(FIXTURE_DIR)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -'.json'.length))
    .sort();
}

/**
 * Reads fixture `name` (`.json` may be given or left out). A missing fixture fails, never skips,
 * naming the file and the fixtures that exist.
 */
export function loadReferenceFixture(name: string): ReferenceFixture {
  const base = name.endsWith('.json') ? name.slice(0, -'.json'.length) : name;
  if (!/^[a-z0-9][a-z0-9-]*$/.test(base)) {
    throw new Error(`reference fixture name '${name}' is not a fixture file name (lower-case, digits, '-')`);
  }
  const file = `${FIXTURE_DIR}${base}.json`;
  if (!existsSync(file)) {
    throw new Error(
      `reference fixture ${file} does not exist; vendored fixtures: ${referenceFixtureNames().join(', ')}`,
    );
  }
  return JSON.parse(readFileSync(file, 'utf8')) as ReferenceFixture;
}
