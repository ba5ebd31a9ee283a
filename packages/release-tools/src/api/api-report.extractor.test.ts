import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WorkspacePackage } from '../workspace/packages.js';
import { checkReport } from './api-report.js';

/** A built package with one entry point whose declarations the test rewrites. */
function fixturePackage(): WorkspacePackage {
  const dir = mkdtempSync(join(tmpdir(), 'api-report-fixture-'));
  const manifest = {
    name: '@snn/fixture',
    version: '0.0.0',
    type: 'module',
    exports: { '.': { types: './dist/index.d.ts', import: './dist/index.js' } },
  };
  writeFileSync(join(dir, 'package.json'), JSON.stringify(manifest));
  mkdirSync(join(dir, 'dist'));
  return { name: manifest.name, version: '0.0.0', dir, relDir: 'packages/fixture', private: false, manifest };
}

const entry = {
  subpath: '.',
  specifier: '@snn/fixture',
  typesFile: 'dist/index.d.ts',
  reportName: 'fixture',
};

test('a changed public signature fails against the committed report until the report is updated', () => {
  const pkg = fixturePackage();
  const temp = mkdtempSync(join(tmpdir(), 'api-report-temp-'));
  const declare = (text: string) => writeFileSync(join(pkg.dir, 'dist', 'index.d.ts'), text);

  declare('export declare function spike(v: number): number;\n');
  expect(checkReport(pkg, entry, temp, false).status).toBe('missing');
  expect(checkReport(pkg, entry, temp, true).status).toBe('created');
  const report = readFileSync(join(pkg.dir, 'api', 'fixture.api.md'), 'utf8');
  expect(report).toContain('export function spike(v: number): number;');
  expect(checkReport(pkg, entry, temp, false).status).toBe('unchanged');

  declare('export declare function spike(v: number, threshold: number): number;\n');
  const changed = checkReport(pkg, entry, temp, false);
  expect(changed.status).toBe('changed');
  expect(changed.diff).toEqual([
    '- export function spike(v: number): number;',
    '+ export function spike(v: number, threshold: number): number;',
  ]);
  expect(readFileSync(join(pkg.dir, 'api', 'fixture.api.md'), 'utf8')).toBe(report);
  expect(checkReport(pkg, entry, temp, true).status).toBe('updated');
  expect(checkReport(pkg, entry, temp, false).status).toBe('unchanged');
});
