#!/usr/bin/env node
// Prints one line per package's jest run (see jest-summary-reporter.cjs), why tests were skipped, and
// one closing line for the whole monorepo. Exit status 1 when a test failed or nothing ran.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Every package folder of the workspace (packages/*, apps/*). */
export function workspaceDirs(root = ROOT) {
  // The entries of pnpm-workspace.yaml's `packages:` list: `group/*` or one folder.
  const file = join(root, 'pnpm-workspace.yaml');
  const yaml = existsSync(file) ? readFileSync(file, 'utf8') : 'packages:\n  - packages/*\n  - apps/*\n';
  const list = yaml.split(/^packages:\s*$/m)[1]?.split(/^\S/m)[0] ?? '';
  const entries = [...list.matchAll(/^\s*-\s*['"]?([^'"\s]+)['"]?\s*$/gm)].map((m) => m[1]);
  return entries.flatMap((entry) => {
    if (!entry.endsWith('/*'))
      return existsSync(join(root, entry, 'package.json')) ? [join(root, entry)] : [];
    const group = join(root, entry.slice(0, -2));
    return existsSync(group)
      ? readdirSync(group)
          .map((d) => join(group, d))
          .filter((d) => existsSync(join(d, 'package.json')))
      : [];
  });
}

const HOW = {
  gpu: 'no WebGPU adapter (install Mesa 25 lavapipe or run on a GPU; SNN_REQUIRE=gpu makes it a failure)',
  browser:
    'no Chromium (apt-get install chromium or set CHROMIUM_PATH; SNN_REQUIRE=browser makes it a failure)',
  mnist: 'no MNIST files (set SNN_MNIST_DIR; SNN_REQUIRE=mnist makes it a failure)',
  onnx: "no Python with the onnx package for ONNX's checker (apt-get install python3-onnx; SNN_REQUIRE=onnx makes it a failure)",
  'wasm-toolchain':
    "no Debian clang 14 + lld to rebuild backend-wasm's kernels (apt-get install clang lld; SNN_REQUIRE=wasm-toolchain makes it a failure)",
};

/** The test runs each package declares: its `test` script, and `test:gpu` (kind 'gpu') when it has one. */
const KINDS = { test: 'test', 'test:gpu': 'gpu' };

export function summarize(root = ROOT, log = console.log) {
  const results = [];
  const silent = [];
  for (const dir of workspaceDirs(root)) {
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    for (const [script, kind] of Object.entries(KINDS)) {
      if (!pkg.scripts?.[script]) continue;
      const file = join(dir, '.test-results', `${kind}.json`);
      if (existsSync(file)) results.push(JSON.parse(readFileSync(file, 'utf8')));
      else silent.push(`${pkg.name} (${kind})`);
    }
  }
  const total = { passed: 0, failed: 0, skipped: 0 };
  const missing = new Set();
  for (const r of results.sort((a, b) => `${a.package} ${a.kind}`.localeCompare(`${b.package} ${b.kind}`))) {
    const failed = r.failed + (r.failedSuites ?? 0);
    const why = r.missing?.length ? ` (${r.missing.join(', ')} missing)` : '';
    log(`  ${r.package} (${r.kind}): ${r.passed} passed, ${failed} failed, ${r.skipped} skipped${why}`);
    total.passed += r.passed;
    total.failed += failed;
    total.skipped += r.skipped;
    for (const m of r.missing ?? []) missing.add(m);
  }
  // A run that crashed (or never started) reports nothing: that is a failure, not zero tests.
  for (const name of silent) log(`  ${name}: no results (the run failed before its tests, see above)`);
  total.failed += silent.length;
  for (const m of missing) log(`skipped: ${HOW[m] ?? m}`);
  log(`tests: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
  return total;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const total = summarize();
  process.exit(total.failed > 0 || total.passed === 0 ? 1 : 0);
}
