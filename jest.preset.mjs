// Shared jest settings for every package: swc transforms TypeScript (fast, no type check: that is
// the `typecheck` task's job), tests run as native ESM (jest needs --experimental-vm-modules; the
// package scripts set it), and the `source` export condition lets a test import a sibling package's
// TypeScript directly, so tests never need a build.
import { fileURLToPath } from 'node:url';

export default {
  reporters: ['default', fileURLToPath(new URL('./scripts/jest-summary-reporter.cjs', import.meta.url))],
  testEnvironment: 'node',
  // CI runs every package's tests side by side on 2 cores: a test that takes 1 s alone can take 10.
  testTimeout: 30000,
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' } }],
  },
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  // globalsCleanup off: tfjs keeps its engine on the global object; jest's soft deletion between test
  // files would print a deprecation warning for every file that touches it.
  testEnvironmentOptions: {
    customExportConditions: ['source', 'node', 'node-addons'],
    globalsCleanup: 'off',
  },
  testMatch: ['<rootDir>/src/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '\\.gpu\\.test\\.ts$'],
};

/**
 * What some of a package's tests need from the machine ('gpu', 'browser', 'mnist'): checked once per
 * run by scripts/jest-requirements.mjs, which skips those tests with one line when one is missing
 * (or fails the run when $SNN_REQUIRE names it). Use as `{ ...preset, ...requires('mnist') }`.
 */
export function requires(...names) {
  return {
    globalSetup: fileURLToPath(new URL('./scripts/jest-requirements.mjs', import.meta.url)),
    globals: { snnRequires: names },
  };
}
