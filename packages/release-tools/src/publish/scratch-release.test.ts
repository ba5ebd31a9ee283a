import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { changelogProblems, releasePaths } from './scratch-release.js';

const pkg = {
  name: '@snn/core',
  version: '0.0.0',
  dir: '',
  relDir: 'packages/core',
  private: false,
  manifest: { name: '@snn/core', version: '0.0.0' },
};

test('a CHANGELOG.md without its heading or without the release section is reported', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'changelog-'));
  expect(changelogProblems(scratch, pkg, '0.1.0')).toEqual(['packages/core/CHANGELOG.md is missing']);
  mkdirSync(join(scratch, 'packages/core'), { recursive: true });
  const file = join(scratch, 'packages/core/CHANGELOG.md');
  writeFileSync(file, '# @snn/core\n');
  expect(changelogProblems(scratch, pkg, '0.1.0')).toEqual([
    'packages/core/CHANGELOG.md has no "## 0.1.0" section',
  ]);
  writeFileSync(file, '# core\n\n## 0.1.0\n');
  expect(changelogProblems(scratch, pkg, '0.1.0')).toEqual([
    'packages/core/CHANGELOG.md does not start with "# @snn/core"',
  ]);
  writeFileSync(file, '# @snn/core\n\n## 0.1.0\n\n### Minor Changes\n');
  expect(changelogProblems(scratch, pkg, '0.1.0')).toEqual([]);
});

test("the scratch copy takes every top-level path of a package's files (backend-wasm's wasm folder)", () => {
  const wasm = {
    ...pkg,
    name: '@snn/backend-wasm',
    relDir: 'packages/backend-wasm',
    manifest: {
      name: '@snn/backend-wasm',
      version: '0.0.0',
      files: ['dist', '!dist/**/*.test.*', 'wasm/*.wasm'],
    },
  };
  expect(releasePaths(wasm)).toEqual([
    'package.json',
    'README.md',
    'CHANGELOG.md',
    'LICENSE',
    'dist',
    'wasm',
  ]);
  expect(releasePaths(pkg)).toContain('dist');
});
