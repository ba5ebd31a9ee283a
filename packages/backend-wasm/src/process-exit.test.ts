import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/*
 * A user's `node train.mjs` on the wasm backend exits by itself once its work is done: the pool's
 * worker threads sleep in Atomics.wait between kernels and must not keep Node alive (they did:
 * `npm run bench:bptt-memory -- --backend wasm` printed its line and never exited). The script runs
 * as a user's would, on the built package (dist/, which the build makes before the tests).
 */

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

// Top-level await of setBackend: the workers must keep the program alive until the pool is ready
// (else Node exits with code 13, "unsettled top-level await"), and no longer than the work.
const script = `
import * as snn from '@snn/core';
import { registerWasmBackend } from '@snn/backend-wasm';
registerWasmBackend({ threads: 2, parallelMin: 0 });
await snn.setBackend('wasm');
const x = snn.randomUniform([64, 96], { seed: 1 });
const w = snn.randomUniform([96, 32], { seed: 2 });
const y = snn.sum(snn.matMul(x, w));
console.log(JSON.stringify({ backend: snn.backendName(), threads: snn.getBackend().threads, sum: y.dataSync()[0] }));
`;

test('a script on the wasm backend with 2 threads exits by itself when its work is done', () => {
  expect(existsSync(join(root, 'dist', 'index.js'))).toBe(true);
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: root,
    encoding: 'utf8',
    // A hang is the failure: generous, so a loaded machine's slow start is never mistaken for one.
    timeout: 60_000,
  });
  expect(run.error?.message).toBeUndefined();
  expect(run.signal).toBeNull();
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  const out = JSON.parse(run.stdout.trim()) as { backend: string; threads: number; sum: number };
  expect(out.backend).toBe('wasm');
  expect(out.threads).toBe(2);
  expect(out.sum).toBeGreaterThan(0);
}, 90_000);
