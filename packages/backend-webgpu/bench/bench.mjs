// Micro-benchmarks of the WebGPU backend through the KernelBackend interface (run `pnpm build` first):
// dispatch overhead, MatMul GFLOP/s, the fused LIF kernel. Lavapipe (CPU) numbers are small by nature.
import { WebGPUBackend } from '../dist/index.js';

const backend = await WebGPUBackend.create();
console.log(`adapter: ${backend.adapterDescription}`);

const rand = (n) => Float32Array.from({ length: n }, () => Math.random() * 2 - 1);
const tensor = (shape) => ({
  dataId: backend.write(rand(shape.reduce((a, b) => a * b, 1)), shape, 'float32'),
  shape,
  dtype: 'float32',
});
const free = (...ts) => {
  for (const t of ts.flat()) backend.disposeData(t.dataId);
};

async function time(label, reps, fn) {
  const warm = fn();
  await backend.read([warm].flat()[0].dataId);
  free(warm);
  const s0 = { ...backend.stats };
  const t0 = performance.now();
  const outs = [];
  for (let i = 0; i < reps; i++) outs.push(fn());
  await backend.read([outs.at(-1)].flat()[0].dataId);
  const ms = (performance.now() - t0) / reps;
  const d = (backend.stats.dispatches - s0.dispatches) / reps;
  for (const o of outs) free(o);
  console.log(
    `${label}: ${ms.toFixed(3)} ms/op, ${d} dispatch(es)/op, ${backend.stats.submits - s0.submits} submit(s) in all`,
  );
  return ms;
}

// Dispatch overhead: many tiny Adds, one submit.
const a = tensor([16]);
await time('Add [16] (dispatch overhead)', 500, () => backend.kernels.Add({ a, b: a }, {}));

for (const n of [128, 256, 512, 1024]) {
  const x = tensor([n, n]);
  const y = tensor([n, n]);
  const reps = n >= 1024 ? 2 : 5;
  const ms = await time(`MatMul ${n}x${n}x${n}`, reps, () =>
    backend.kernels.MatMul({ a: x, b: y }, { transposeA: false, transposeB: false }),
  );
  console.log(`  -> ${((2 * n ** 3) / (ms * 1e6)).toFixed(2)} GFLOP/s`);
  free(x, y);
}

const T = 32;
const shape = [256, 100];
const x = tensor([T, ...shape]);
const v0 = tensor(shape);
const i0 = tensor(shape);
const lif = {
  tauSynInv: 200,
  tauMemInv: 100,
  vLeak: 0,
  vTh: 1,
  vReset: 0,
  dt: 0.001,
  surrogate: 'superspike',
  alpha: 100,
};
const spikes = {
  dataId: backend.write(
    Float32Array.from({ length: 256 * 784 }, () => (Math.random() < 0.03 ? 1 : 0)),
    [256, 784],
    'float32',
  ),
  shape: [256, 784],
  dtype: 'float32',
};
const wIn = tensor([784, 100]);
await time('MatMul [256, 784] spikes (3 %) x [784, 100]', 5, () =>
  backend.kernels.MatMul({ a: spikes, b: wIn }, { transposeA: false, transposeB: false }),
);
await time('SpikeMatMul same', 5, () =>
  backend.kernels.SpikeMatMul({ a: spikes, b: wIn }, { transposeA: false, transposeB: false }),
);
await time(`LIFSequence T ${T} x [256, 100] (fused)`, 5, () =>
  backend.kernels.LIFSequence({ x, v0, i0 }, lif),
);
console.log(
  `pipelines compiled: ${backend.pipelines.compiled}; pool buffers created ${backend.pool.created}, reused ${backend.pool.reused}`,
);
backend.dispose();
