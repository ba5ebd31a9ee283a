#!/usr/bin/env node
// Runs jest for the package in the current directory, as every package's `test` script does:
//   node ../../scripts/run-jest.mjs [--kind gpu] [jest arguments...]
// - native ESM test files need --experimental-vm-modules (FACTS.md); its "experimental feature"
//   warning, printed by every jest process, is switched off;
// - `--kind` names the run in the summary (.test-results/<kind>.json, see jest-summary-reporter.cjs);
// - lines that are known, harmless and repeated for every test file are dropped from the output:
//   Dawn's notice that it caps lavapipe's dynamic buffer limits (printed at each device creation);
//   and Dawn's warning about an unset XDG_RUNTIME_DIR is avoided by giving it a private one.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const KNOWN_NOISE = [/^Warning: maxDynamic\w+PerPipelineLayout artificially reduced from \d+ to \d+/];

const args = process.argv.slice(2);
let kind = 'test';
const at = args.indexOf('--kind');
if (at >= 0) {
  kind = args[at + 1];
  args.splice(at, 2);
}

const ownRuntimeDir = process.env.XDG_RUNTIME_DIR ? undefined : mkdtempSync(join(tmpdir(), 'snn-xdg-')); // 0700
const runtimeDir = process.env.XDG_RUNTIME_DIR || ownRuntimeDir;

// jest is a devDependency of the root package: resolved from here, it is the same for every package.
const jestBin = createRequire(import.meta.url).resolve('jest/bin/jest');
const nodeOptions = [
  process.env.NODE_OPTIONS,
  '--experimental-vm-modules',
  '--disable-warning=ExperimentalWarning',
]
  .filter(Boolean)
  .join(' ');
const child = spawn(process.execPath, [jestBin, ...args], {
  stdio: ['inherit', 'inherit', 'pipe'],
  env: {
    ...process.env,
    NODE_OPTIONS: nodeOptions,
    SNN_TEST_KIND: kind,
    XDG_RUNTIME_DIR: runtimeDir,
    // jest writes its report to stderr, which is piped through here: keep its colours on a terminal.
    ...(process.stderr.isTTY && !process.env.NO_COLOR ? { FORCE_COLOR: '1' } : {}),
  },
});

let pending = '';
child.stderr.setEncoding('utf8');
child.stderr.on('data', (chunk) => {
  const lines = (pending + chunk).split('\n');
  pending = lines.pop();
  const kept = lines.filter((line) => !KNOWN_NOISE.some((re) => re.test(line)));
  if (kept.length) process.stderr.write(`${kept.join('\n')}\n`);
});
child.stderr.on('end', () => {
  if (pending && !KNOWN_NOISE.some((re) => re.test(pending))) process.stderr.write(pending);
});
child.on('close', (code, signal) => {
  if (ownRuntimeDir) rmSync(ownRuntimeDir, { recursive: true, force: true });
  process.exitCode = code ?? (signal ? 1 : 0);
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
