// Per-call cost of the small per-time-step kernels of the recurrent presets (batch 256, hidden 100),
// by thread count and parallel threshold: the dispatch cost of the thread pool against the work.
// Usage: node bench/ops-at-shape.mjs [threads] [parallelMin]
import { createWasmBackend } from '@snn/backend-wasm';
import * as snn from '@snn/core';

const threads = Number(process.argv[2] ?? 2);
const parallelMin = process.argv[3] ? Number(process.argv[3]) : undefined;
snn.registerBackend(
  'wasm',
  () => createWasmBackend({ threads, ...(parallelMin ? { parallelMin } : {}) }),
  50,
);
await snn.setBackend('wasm');
const b = snn.getBackend();
const N = 400;
function best(label, fn, rounds = 7) {
  fn();
  let cpuBest = Infinity;
  let wallBest = Infinity;
  for (let k = 0; k < rounds; k++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    for (let i = 0; i < N; i++) fn();
    const c = process.cpuUsage(c0);
    cpuBest = Math.min(cpuBest, (c.user + c.system) / N);
    wallBest = Math.min(wallBest, ((performance.now() - t0) * 1000) / N);
  }
  console.log(
    `${label.padEnd(44)} ${cpuBest.toFixed(1).padStart(7)} us cpu ${wallBest.toFixed(1).padStart(7)} us wall`,
  );
}
const info = (t) => ({ dataId: t.dataId, shape: t.shape, dtype: t.dtype });
const x = snn.randomUniform([256, 100], { seed: 1 });
const s = snn.cast(snn.greater(snn.randomUniform([256, 100], { seed: 2 }), 0.85), 'float32');
const w = snn.randomUniform([100, 100], { seed: 3 });
const k = b.kernels;
best('Add 256x100', () => b.disposeData(k.Add({ a: info(x), b: info(x) }, {}).dataId));
best('Mul 256x100', () => b.disposeData(k.Mul({ a: info(x), b: info(x) }, {}).dataId));
best('SpikeMatMul 256x100 @ 100x100T (15%)', () =>
  b.disposeData(k.SpikeMatMul({ a: info(s), b: info(w) }, { transposeA: false, transposeB: true }).dataId),
);
best('SpikeMatMul 256x100T @ 256x100', () =>
  b.disposeData(k.SpikeMatMul({ a: info(s), b: info(x) }, { transposeA: true, transposeB: false }).dataId),
);
best('MatMul 256x100 @ 100x100', () =>
  b.disposeData(k.MatMul({ a: info(x), b: info(w) }, { transposeA: false, transposeB: false }).dataId),
);
const attrs = {
  tauSynInv: 200,
  tauMemInv: 100,
  vLeak: 0,
  vTh: 0.5,
  vReset: 0,
  dt: 1e-3,
  surrogate: 'superspike',
  alpha: 100,
  detachReset: true,
};
const x1 = snn.reshape(x, [1, 256, 100]);
best('LIFSequence 1x256x100', () => {
  for (const o of k.LIFSequence({ x: info(x1), v0: info(x), i0: info(x) }, attrs)) b.disposeData(o.dataId);
});
process.exit(0);
