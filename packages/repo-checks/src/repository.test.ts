import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/*
 * The repository stands alone: no README, source, test, script or configuration may point at files
 * beside it (the team's shared folder) or at a machine path. Only CI's entry point (.ci/run) may use
 * the shared folder when it is there, to set SNN_MNIST_DIR. The patterns are assembled from pieces
 * so that this file does not match itself.
 */
const root = fileURLToPath(new URL('../../../', import.meta.url));
const SHARED = 'shared';
const OUTSIDE = new RegExp(
  [
    `\\.\\./${SHARED}(?![\\w.])`,
    `(?<![\\w./-])${SHARED}/(bench|data|reference|design)\\b`,
    `/${'work'}/(main|wt|${SHARED})\\b`,
  ].join('|'),
);
const SKIP_DIRS = new Set([
  'node_modules',
  'dist',
  '.git',
  '.turbo',
  '.test-results',
  'runs',
  'coverage',
  '.pack-check',
  '.ci',
]);
const TEXT = /\.(md|ts|mts|mjs|cjs|js|json|yaml|yml|sh)$/;

function* files(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (!SKIP_DIRS.has(name)) yield* files(path);
    } else if (TEXT.test(name) && name !== 'pnpm-lock.yaml') {
      yield path;
    }
  }
}

test('nothing in the repository points outside it', () => {
  const found: string[] = [];
  let scanned = 0;
  for (const path of files(root)) {
    scanned += 1;
    readFileSync(path, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (OUTSIDE.test(line)) found.push(`${relative(root, path)}:${i + 1}: ${line.trim()}`);
      });
  }
  expect(scanned).toBeGreaterThan(300);
  expect(found).toEqual([]);
});
