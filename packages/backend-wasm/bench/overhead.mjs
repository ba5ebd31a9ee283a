// Per-op cost of the engine and this backend's JavaScript side, apart from kernel work: a chain of
// small ops through core (with and without a gradient tape) against the same kernels called directly.
// Usage: node bench/overhead.mjs [threads]

import { createWasmBackend } from '@snn/backend-wasm';
import * as snn from '@snn/core';

const threads = Number(process.argv[2] ?? 1);
snn.registerBackend('wasm', () => createWasmBackend({ threads }), 50);
await snn.setBackend('wasm');
const b = snn.getBackend();
const shape = [8, 8];
const x = snn.variable(snn.randomUniform(shape, { seed: 1 }));
const N = 2000;

// The minimum over rounds: on a shared machine the other tenants only ever add time.
function cpu(label, fn, reps = 5, rounds = 8) {
  fn();
  let best = Number.POSITIVE_INFINITY;
  let bestWall = Number.POSITIVE_INFINITY;
  for (let k = 0; k < rounds; k++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    for (let r = 0; r < reps; r++) fn();
    const c = process.cpuUsage(c0);
    best = Math.min(best, (c.user + c.system) / reps / N);
    bestWall = Math.min(bestWall, ((performance.now() - t0) * 1000) / reps / N);
  }
  console.log(
    `${label.padEnd(50)} ${best.toFixed(2).padStart(7)} us cpu/op   ${bestWall.toFixed(2).padStart(7)} us wall/op`,
  );
}
const info = { dataId: x.dataId, shape, dtype: 'float32' };
cpu('backend kernel Add [8,8] direct', () => {
  for (let i = 0; i < N; i++) b.disposeData(b.kernels.Add({ a: info, b: info }, {}).dataId);
});
cpu('snn.add [8,8] in tidy', () =>
  snn.tidy(() => {
    let y = x;
    for (let i = 0; i < N; i++) y = snn.add(y, x);
  }),
);
cpu('snn.add [8,8] in tidy, recording a tape (grads)', () =>
  snn.tidy(() => {
    snn.grads((w) => {
      let y = w;
      for (let i = 0; i < N; i++) y = snn.add(y, w);
      return snn.sum(y);
    })([x]);
  }),
);
cpu('snn.mul(x, 0.5) [8,8] (scalar const) in tidy', () =>
  snn.tidy(() => {
    let y = x;
    for (let i = 0; i < N; i++) y = snn.mul(y, 0.5);
  }),
);
process.exit(0);
